/*
 * entities_test.c
 *		Unit tests of the gazetteer, entity extraction and quotations
 *		(src/core/gazetteer.c, entities.c, quotes.c), no server needed.
 */
#include "entities.h"
#include "gazetteer.h"
#include "markup.h"
#include "na_test.h"
#include "quotes.h"

#include <stdlib.h>

#include "gen_ner_org_words.inc"
#include "gen_stopwords_english.inc"
#include "gen_title_abbreviations.inc"

static NaGazetteer *gaz;

/*
 * words_agree: NA_IN_WORDS (first-byte index and length mask) answers as a
 * binary search of the whole list, for every word of the list and for the
 * word one byte shorter, one byte longer and with its last byte changed.
 */
#define words_agree(list) \
	words_agree_((list), sizeof(list) / sizeof((list)[0]), list##_first, list##_lens)

static bool
words_agree_(const char *const *list, size_t n, const uint16_t *first, const uint32_t *lens)
{
	for (size_t i = 0; i < n; i++)
	{
		char		w[64];
		size_t		len = strlen(list[i]);

		if (len + 2 > sizeof(w))
			continue;
		memcpy(w, list[i], len + 1);
		if (!na_in_words_lens(list, first, lens, w, len))
			return false;
		if (na_in_words_lens(list, first, lens, w, len - 1) != na_in_words(list, n, w, len - 1))
			return false;
		w[len] = 's';
		w[len + 1] = '\0';
		if (na_in_words_lens(list, first, lens, w, len + 1) != na_in_words(list, n, w, len + 1))
			return false;
		w[len - 1] = 'q';
		if (na_in_words_lens(list, first, lens, w, len) != na_in_words(list, n, w, len))
			return false;
	}
	return true;
}

static void
add(const char *alias, const char *canon, const char *type, const char *link)
{
	NaStatus	st = na_gazetteer_add(gaz, alias, strlen(alias), canon, strlen(canon),
									  na_entity_type_parse(type, strlen(type)),
									  link, link ? strlen(link) : 0);

	if (st != NA_OK)
		printf("# add %s: %s\n", alias, na_status_message(st));
}

typedef struct Collect
{
	const char *text;
	char		out[4096];
	size_t		n;
	size_t		last_end;
	bool		ordered;
	bool		offsets_ok;
	int			stop_after;
} Collect;

static bool
collect(const NaEntity *e, void *arg)
{
	Collect    *c = arg;
	size_t		chars = 0;

	/* mention = text at the offsets; character offsets agree with bytes */
	for (size_t i = 0; i < e->start; i++)
		if (((unsigned char) c->text[i] & 0xC0) != 0x80)
			chars++;
	if (chars != e->cstart || e->len == 0)
		c->offsets_ok = false;
	if (e->start < c->last_end)
		c->ordered = false;
	c->last_end = e->start + e->len;
	c->n += snprintf(c->out + c->n, sizeof(c->out) - c->n, "%s%s:%.*s:%.*s",
					 c->n ? "|" : "", e->type_name, (int) e->canonical_len, e->canonical,
					 (int) e->len, c->text + e->start);
	if (c->n >= sizeof(c->out))
		c->n = sizeof(c->out) - 1;
	return c->stop_after == 0 || --c->stop_after > 0;
}

static const char *
run(const char *text, const NaSpan *spans, size_t nspans, Collect *c)
{
	NaStatus	st;
	size_t		off = 0;

	memset(c, 0, sizeof(*c));
	c->text = text;
	c->ordered = true;
	c->offsets_ok = true;
	st = na_entities_extract(gaz, text, strlen(text), spans, nspans, collect, c,
							 &na_malloc_allocator, NULL, &off);
	if (st != NA_OK)
		snprintf(c->out, sizeof(c->out), "status %d", st);
	return c->out;
}

typedef struct Case
{
	const char *what;
	const char *text;
	const char *want;
} Case;

static const Case cases[] = {
	{"gazetteer person, title stripped, later surname",
		"President Donald Trump arrived. Trump said so.",
		"PERSON:Donald Trump:Donald Trump|PERSON:Donald Trump:Trump"},
	{"possessive stripped, alias unified",
		"Ukraine’s army entered Kiev.",
		"LOC:Ukraine:Ukraine|LOC:Kyiv:Kiev"},
	{"demonym, title, given-name variant",
		"Russian Deputy Foreign Minister Sergey Vostrikov spoke. Vostrikov left.",
		"NORP:Russian:Russian|PERSON:Sergei Vostrikov:Sergey Vostrikov|PERSON:Sergei Vostrikov:Vostrikov"},
	{"abbreviated country, caps-only alias",
		"The U.S. and the US said it. Tell us more.",
		"LOC:United States:U.S.|LOC:United States:US"},
	{"organization words",
		"Shares of Acme Widgets Inc. rose, the Halvorsen Institute said.",
		"ORG:Acme Widgets Inc.:Acme Widgets Inc.|ORG:Halvorsen Institute:Halvorsen Institute"},
	{"an organization's head word with 'of' or 'for' and the words after it: one organization",
		"He studied at the Moscow Academy of Economics. The Center for Media Studies said so.",
		"ORG:Moscow Academy of Economics:Moscow Academy of Economics|"
		"ORG:Center for Media Studies:Center for Media Studies"},
	{"\"and\" inside an organization's name after \"of\" or \"for\", not before a name of its own",
		"The Department of Trade and Industry said so. The Center for Internet and Society met. "
		"The Bank of England and Ukraine spoke.",
		"ORG:Department of Trade and Industry:Department of Trade and Industry|"
		"ORG:Center for Internet and Society:Center for Internet and Society|"
		"ORG:Bank of England:Bank of England|LOC:Ukraine:Ukraine"},
	{"\"and\" between ordinary words before an organization's head word",
		"Officials of the Truth and Reconciliation Commission said so. The Citizens Bank and "
		"Canal Bank merged.",
		"ORG:Truth and Reconciliation Commission:Truth and Reconciliation Commission|"
		"ORG:Citizens Bank:Citizens Bank|ORG:Canal Bank:Canal Bank"},
	{"a club named as a city and a word: the word alone is the club",
		"Manchester United won in Kiev. United scored twice.",
		"ORG:Manchester United:Manchester United|LOC:Kyiv:Kiev|ORG:Manchester United:United"},
	{"title-case headline yields known names only",
		"Trump Signals Diplomatic Momentum\n\nThe talks went on.",
		"PERSON:Donald Trump:Trump"},
	{"all-capital headline and dateline",
		"UKRAINE SAYS TALKS GO ON\nKIEV 1996-08-22\nThe talks went on.",
		"LOC:Ukraine:UKRAINE|LOC:Kyiv:KIEV"},
	{"sentence-initial common words",
		"However, nothing changed. Despite this, it held. According to them, no.",
		""},
	{"boilerplate lines",
		"No time to read? Get a summary\nPrevious Article\nRead more about Ukraine",
		"LOC:Ukraine:Ukraine"},
	{"unknown first name before a known surname",
		"Volodymyr Zelenskyy spoke.",
		"PERSON:Volodymyr Zelensky:Volodymyr Zelenskyy"},
	{"honorific makes a person",
		"Mr. Okonkwo declined to comment.",
		"PERSON:Okonkwo:Okonkwo"},
	{"an e-mail address first: no normalized form yet (UBSan: NULL + 0)",
		"desk@example.org wrote to Donald Trump.",
		"PERSON:Donald Trump:Donald Trump"},
	{"only a URL",
		"https://example.com/a",
		""},
	{"contractions are no names",
		"\"We're ready,\" she said. We've won. They'll come. Don't go.",
		""},
	{"escaped markup and tickers are blocked, the URL in the tag too",
		"Acme Corp. &lt;A HREF=\"http://example.com/q?t=ACM.N\"&gt;ACM.N&lt;/A&gt; met "
		"Donald Trump.",
		"ORG:Acme Corp.:Acme Corp.|PERSON:Donald Trump:Donald Trump"},
	{"script content and HTML tags are blocked",
		"<p>Before <script>var Grand Total = 1;</script> Donald Trump spoke.</p>",
		"PERSON:Donald Trump:Donald Trump"},
	{"quote-page links and broken character references are blocked",
		"Acme Corp. (ACM.N: Quote, Profile, Research) rose. Trump (Quote, Chart) spoke. "
		"UKRAINE #39;S army held.",
		"ORG:Acme Corp.:Acme Corp.|PERSON:Donald Trump:Trump|LOC:Ukraine:UKRAINE"},
	{"a word also written in lower case is no name at a sentence start",
		"Broadband is new to them; broadband is fast.",
		""},
	{"sentence adverbs and lone initials",
		"Obviously, it held. Similarly the talks went on. He met J in Kiev.",
		"LOC:Kyiv:Kiev"},
	{"a credit line yields no name",
		"Rates rose.\n\nCourtesy of: Halvorsen News, Kiev\n\nTrump said so.",
		"PERSON:Donald Trump:Trump"},
	{"a hyphenated compound of known names yields its parts",
		"The US-Ukraine talks went on; Kremlin-backed groups did not.",
		"LOC:United States:US|LOC:Ukraine:Ukraine"},
	{"names across an apostrophe, a middle initial, a plural title",
		"Presidents Donald Trump and Sergei W Holm met Michael O' Leary. O'Leary left.",
		"PERSON:Donald Trump:Donald Trump|PERSON:Sergei W. Holm:Sergei W Holm|"
		"PERSON:Michael O'Leary:Michael O' Leary|PERSON:Michael O'Leary:O'Leary"},
	{"a heading of ordinary words yields no name",
		"Shares fell in Kiev.\n\nMarket Reaction\n\nTraders sold.",
		"LOC:Kyiv:Kiev"},
	{"both sides of a result are teams: a city is its club, a country its national side",
		"Kiev 2 Ukraine 1\nDynamo Lutsk 0 Kiev 3\nThe match was played in Kiev.",
		"ORG:Kyiv:Kiev|LOC:Ukraine:Ukraine|ORG:Dynamo Lutsk:Dynamo Lutsk|ORG:Kyiv:Kiev|"
		"LOC:Kyiv:Kiev"},
	{"a fixture names teams, the host after a capital AT stays a place",
		"Kiev v Dynamo Lutsk\nKIEV AT UKRAINE",
		"ORG:Kyiv:Kiev|ORG:Dynamo Lutsk:Dynamo Lutsk|ORG:Kyiv:KIEV|LOC:Ukraine:UKRAINE"},
	{"a row of standings under a standings header is a team",
		"W L PCT GB\nKIEV 74 58 .561 -",
		"ORG:Kyiv:KIEV"},
	{"three short words in capitals are no standings header",
		"THE END OF\nKIEV 74 58 .561 -",
		"LOC:Kyiv:KIEV"},
	{"a table of figures is no sports table",
		"KIEV    60 36       ODESSA   54 41\nKiev  31.58  28.58",
		"LOC:Kyiv:KIEV|LOC:Kyiv:Kiev"},
	{"an unseen word shaped like an acronym or a company is an organization",
		"Regulators sent the offer to KVRB. The former manager of GlenTrack died.",
		"ORG:KVRB:KVRB|ORG:GlenTrack:GlenTrack"},
	{"a speech verb after an unseen surname still says person",
		"Yesterday Smithers said he would resign.",
		"PERSON:Smithers:Smithers"},
};

static bool
count_quote(const NaQuote *q, void *arg)
{
	char	   *out = arg;
	size_t		n = strlen(out);

	snprintf(out + n, 1024 - n, "%s[%.*s]=%.*s", n ? "|" : "", (int) q->text_len, q->text,
			 q->speaker ? (int) q->speaker_len : 1, q->speaker ? q->speaker : "-");
	return true;
}

/* kind, speaker, mention and cue of each attribution */
static bool
attribution(const NaQuote *q, void *arg)
{
	char	   *out = arg;
	size_t		n = strlen(out);

	snprintf(out + n, 1024 - n, "%s%s[%.*s]=%.*s/%.*s/%.*s", n ? "|" : "",
			 na_quote_kind_name(q->kind), (int) q->text_len, q->text,
			 q->speaker ? (int) q->speaker_len : 1, q->speaker ? q->speaker : "-",
			 q->mention ? (int) q->mention_len : 1, q->mention ? q->mention : "-",
			 q->cue ? (int) q->cue_len : 1, q->cue ? q->cue : "-");
	return true;
}

static const char *
attributions(const char *text, char *out)
{
	size_t		off;
	NaStatus	st;

	out[0] = '\0';
	st = na_quotes_extract(gaz, text, strlen(text), NULL, 0, attribution, out,
						   &na_malloc_allocator, NULL, &off);
	if (st != NA_OK)
		snprintf(out, 1024, "status %d", st);
	return out;
}

static const char *
quotes(const char *text, char *out)
{
	size_t		off;
	NaStatus	st;

	out[0] = '\0';
	st = na_quotes_extract(gaz, text, strlen(text), NULL, 0, count_quote, out, &na_malloc_allocator,
						   NULL, &off);
	if (st != NA_OK)
		snprintf(out, 1024, "status %d", st);
	return out;
}

/* an allocator that fails after a number of allocations */
static int	fail_after;
static void *
failing_alloc(void *ctx, size_t size)
{
	if (fail_after-- <= 0)
		return NULL;
	return malloc(size ? size : 1);
}
static void *
failing_resize(void *ctx, void *p, size_t size)
{
	if (fail_after-- <= 0)
		return NULL;
	return realloc(p, size ? size : 1);
}
static void
failing_release(void *ctx, void *p)
{
	free(p);
}
static const NaAllocator failing = {failing_alloc, failing_resize, failing_release, NULL};

static bool
ignore(const NaEntity *e, void *arg)
{
	return true;
}

int
main(void)
{
	Collect		c;
	char		qbuf[1024];
	const char *s;
	size_t		slen;
	NaStatus	st;

	CHECK(na_gazetteer_create(&na_malloc_allocator, &gaz) == NA_OK, "gazetteer created");
	add("Donald Trump", "Donald Trump", "PERSON", NULL);
	add("Trump", "Donald Trump", "PERSON", NULL);
	add("Zelensky", "Volodymyr Zelensky", "PERSON", NULL);
	add("Zelenskyy", "Volodymyr Zelensky", "PERSON", NULL);
	add("Ukraine", "Ukraine", "LOC", NULL);
	add("Kiev", "Kyiv", "LOC", "Ukraine");
	add("Kyiv", "Kyiv", "LOC", "Ukraine");
	add("Manchester", "Manchester", "LOC", NULL);
	add("Manchester United", "Manchester United", "ORG", NULL);
	add("Russian", "Russian", "NORP", "Russia");
	add("U.S.", "United States", "LOC", NULL);
	add("US", "United States", "LOC", NULL);
	add("President", "President", "TITLE", NULL);
	add("Deputy Foreign Minister", "Deputy Foreign Minister", "TITLE", NULL);
	add("Sergey", "Sergei", "GIVEN_NAME", NULL);
	add("Sergei", "Sergei", "GIVEN_NAME", NULL);
	CHECK(na_gazetteer_size(gaz) == 16, "16 rows");
	CHECK(na_gazetteer_add(gaz, "X", 1, "X", 1, NA_ENT_NONE, NULL, 0) == NA_ERR_BAD_ARGUMENT,
		  "type NONE is refused");
	CHECK(na_gazetteer_add(gaz, "\xff\xfe", 2, "X", 1, NA_ENT_LOC, NULL, 0) == NA_ERR_INVALID_UTF8,
		  "invalid UTF-8 alias is refused");
	CHECK(na_gazetteer_add(gaz, "...", 3, "X", 1, NA_ENT_LOC, NULL, 0) == NA_OK &&
		  na_gazetteer_size(gaz) == 16, "an alias without letters is ignored");
	CHECK(na_gazetteer_country(gaz, "russian", 7, &s, &slen) && slen == 6 &&
		  memcmp(s, "Russia", 6) == 0, "country of a demonym");
	CHECK(na_gazetteer_country(gaz, "KIEV", 4, &s, &slen) && slen == 7 &&
		  memcmp(s, "Ukraine", 7) == 0, "country of a city, case-insensitive");
	CHECK(na_gazetteer_country(gaz, "Ukraine", 7, &s, &slen) && slen == 7,
		  "a country is its own country");
	CHECK(!na_gazetteer_country(gaz, "Mars", 4, &s, &slen), "unknown name: no country");
	CHECK_STR(na_entity_type_name(NA_ENT_NORP), "NORP", "type names");
	CHECK(na_entity_type_parse("GIVEN_NAME", 10) == NA_ENT_GIVEN_NAME, "type parse");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		CHECK_STR(run(cases[i].text, NULL, 0, &c), cases[i].want, "%s", cases[i].what);
		CHECK(c.ordered && c.offsets_ok, "%s: ordered, offsets exact", cases[i].what);
	}

	/* feed artefacts: tickers, quote-page links, broken references */
	{
		const char *t = "Dell Inc. <DELL.O> and (HPQ.N: Quote, Chart) the U.S. (Quote) #39;s WFC.N rose.";
		NaBuf		b;
		const NaDocRange *r;
		char		got[256] = "";

		na_buf_init(&b, &na_malloc_allocator);
		CHECK(na_feed_artefacts(t, strlen(t), &b) == NA_OK, "feed artefacts scanned");
		r = (const NaDocRange *) b.data;
		for (size_t k = 0; k < b.len / sizeof(NaDocRange); k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s[%.*s]", k ? " " : "",
					 (int) r[k].len, t + r[k].start);
		CHECK_STR(got, "[DELL.O] [HPQ.N: Quote, Chart] [(Quote)] [#39;s] [WFC.N]",
				  "tickers, quote-page links and a broken reference; U.S. is none");
		na_buf_free(&b);
	}

	/* stop-entities: dropped or with a forced type, by canonical name or
	 * mention, a rule for the type before one for any type */
	{
		NaEntityType forced = NA_ENT_NONE;

		CHECK(na_gazetteer_add_stop(gaz, "kyiv", 4, NA_ENT_NONE, NA_STOP_DROP, NA_ENT_NONE) == NA_OK &&
			  na_gazetteer_add_stop(gaz, "Vostrikov", 9, NA_ENT_PERSON, NA_STOP_FORCE, NA_ENT_ORG) == NA_OK,
			  "stop-entities added");
		CHECK(na_gazetteer_add_stop(gaz, "", 0, NA_ENT_NONE, NA_STOP_DROP, NA_ENT_NONE) ==
			  NA_ERR_BAD_ARGUMENT, "an empty stop-entity is refused");
		CHECK(na_gazetteer_stop(gaz, "KYIV", 4, NA_ENT_LOC, &forced) == NA_STOP_DROP,
			  "a stop-entity for any type, any case");
		CHECK(na_gazetteer_stop(gaz, "Vostrikov", 9, NA_ENT_LOC, &forced) == NA_STOP_NONE,
			  "a stop-entity for another type does not apply");
		CHECK_STR(run("Sergey Vostrikov left Kiev. Vostrikov said so.", NULL, 0, &c),
				  "PERSON:Sergei Vostrikov:Sergey Vostrikov|ORG:Sergei Vostrikov:Vostrikov",
				  "stop-entities: the place is dropped, the mention forced to ORG");
		na_gazetteer_free_stops(gaz);
		CHECK_STR(run("Sergey Vostrikov left Kiev.", NULL, 0, &c),
				  "PERSON:Sergei Vostrikov:Sergey Vostrikov|LOC:Kyiv:Kiev",
				  "without stop-entities everything is back");
	}

	/* pattern spans: merged in order, names never overlap them */
	{
		const char *t = "On Feb. 12 Trump met March Hobbs in Kiev.";
		NaSpan		sp[2] = {{"DATE", 3, 7, 3, 7, 0.9f}, {"TEST", 36, 4, 36, 4, 0.5f}};

		CHECK_STR(run(t, sp, 2, &c),
				  "DATE:Feb. 12:Feb. 12|PERSON:Donald Trump:Trump|PERSON:March Hobbs:March Hobbs|TEST:Kiev:Kiev",
				  "pattern spans merged; a span wins over a name");
	}
	/* non-ASCII text: character offsets */
	CHECK_STR(run("Then Zoë Müller, née Świątek, flew to Kyiv.", NULL, 0, &c),
			  "PERSON:Zoë Müller:Zoë Müller|PERSON:Świątek:Świątek|LOC:Kyiv:Kyiv", "non-ASCII names");
	CHECK(c.offsets_ok, "non-ASCII: character offsets exact");
	/* early stop */
	memset(&c, 0, sizeof(c));
	c.text = "Trump met Zelensky in Kiev.";
	c.stop_after = 1;
	c.ordered = c.offsets_ok = true;
	CHECK(na_entities_extract(gaz, c.text, strlen(c.text), NULL, 0, collect, &c,
							  &na_malloc_allocator, NULL, NULL) == NA_OK &&
		  strcmp(c.out, "PERSON:Donald Trump:Trump") == 0, "callback stops the scan");
	/* invalid UTF-8 */
	{
		size_t		off = 0;

		st = na_entities_extract(gaz, "Kiev \xc3( Moscow", 15, NULL, 0, ignore, NULL,
								 &na_malloc_allocator, NULL, &off);
		CHECK(st == NA_ERR_INVALID_UTF8 && off == 5, "invalid UTF-8 is reported with its offset");
	}
	/* out of memory at every allocation in turn: a status, no leak, no crash */
	{
		const char *t = "President Donald Trump met Sergey Ivanov of Acme Corp. in Kiev. “Yes,” he said.";
		bool		all_ok = true;

		for (int k = 0; k < 60; k++)
		{
			size_t		off;

			fail_after = k;
			st = na_entities_extract(gaz, t, strlen(t), NULL, 0, ignore, NULL, &failing, NULL, &off);
			if (st != NA_OK && st != NA_ERR_NOMEM)
				all_ok = false;
			fail_after = k;
			st = na_quotes_extract(gaz, t, strlen(t), NULL, 0, (NaQuoteFn) ignore, NULL, &failing, NULL, &off);
			if (st != NA_OK && st != NA_ERR_NOMEM)
				all_ok = false;
		}
		CHECK(all_ok, "allocation failures give NA_ERR_NOMEM");
	}

	/* quotations */
	CHECK_STR(quotes("“We will win,” said Deputy Foreign Minister Sergey Vostrikov.", qbuf),
			  "[We will win]=Sergei Vostrikov", "said X");
	CHECK_STR(quotes("Trump told reporters: \"It is over.\" He left.", qbuf),
			  "[It is over.]=Donald Trump", "X told reporters: \"...\"");
	CHECK_STR(quotes("Trump arrived. “No,” he said.", qbuf), "[No]=Donald Trump", "pronoun");
	CHECK_STR(quotes("“First paragraph.\n\n“Second one,” Trump said.", qbuf),
			  "[First paragraph. Second one]=Donald Trump", "continued over paragraphs");
	CHECK_STR(quotes("It was “unbalanced.\n\nNew paragraph. And \"a quote\" here.", qbuf),
			  "[a quote]=-", "unbalanced quote dropped at a paragraph");
	CHECK_STR(quotes("\"\"\"\"“““””»»", qbuf), "", "marks only: nothing");
	/* a colon and a line break after 63 words fill the 64-slot token window:
	 * the sentence of the quote starts past the window's last token, which
	 * was read as a 65th slot (UBSan: index 64 out of bounds) */
	{
		char		text[256];

		snprintf(text, sizeof(text), "%s:\n\"Hello there, this is a quote.\"",
				 "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a "
				 "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a");
		CHECK_STR(quotes(text, qbuf), "[Hello there, this is a quote.]=-",
				  "a full token window before a quote on the next line");
		snprintf(text, sizeof(text), "%sDonald Trump %s:\n\"Hello there, this is a quote.\"",
				 "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a ",
				 "a a a a a a a a a a a a a a a a a a a a a");
		CHECK_STR(quotes(text, qbuf), "[Hello there, this is a quote.]=Donald Trump",
				  "a full token window: the name before the colon on the line before");
	}
	CHECK_STR(quotes("Donald Trump:\n\"Hello there.\"", qbuf), "[Hello there.]=Donald Trump",
			  "a name and a colon on the line before the quote");
	CHECK_STR(quotes("It rained. Then Trump:\n\"Hello there.\"", qbuf), "[Hello there.]=Donald Trump",
			  "a colon on the line before: the name in the colon's sentence");
	CHECK_STR(quotes("Trump left.\nThey said:\n\"Hello there.\"", qbuf), "[Hello there.]=-",
			  "a colon on the line before: no name in the colon's sentence");

	/* attribution: source, cue and kind */
	CHECK_STR(attributions("Lagarde called the decision “a prudent first step” on Monday.", qbuf),
			  "partial[a prudent first step]=Lagarde/Lagarde/called", "subject of a naming verb");
	CHECK_STR(attributions("It is a plan that Scholz described as “the only way forward”.", qbuf),
			  "partial[the only way forward]=Scholz/Scholz/described as", "relative clause");
	CHECK_STR(attributions("There were remarks by former Prime Minister Boris Johnson suggesting "
						   "that a deal was “within reach.”", qbuf),
			  "partial[within reach.]=Boris Johnson/Boris Johnson/suggesting", "remarks by X suggesting");
	CHECK_STR(attributions("Sergei Ivanov met Anna Petrova. “We agreed,” she said.", qbuf),
			  "direct[We agreed]=Anna Petrova/she/said", "she: the nearest woman");
	CHECK_STR(attributions("Anna Petrova met Sergei Ivanov. “We agreed,” she said.", qbuf),
			  "direct[We agreed]=Anna Petrova/she/said", "she: not the nearest person, a man");
	CHECK_STR(attributions("Deputy Foreign Minister Sergey Ryabkov arrived with Trump. "
						   "“No deal,” the minister said.", qbuf),
			  "direct[No deal]=Sergei Ryabkov/the minister/said", "role noun: the person with that title");
	CHECK_STR(attributions("The deal was “historic,” according to Reuters.", qbuf),
			  "partial[historic]=Reuters/Reuters/according to", "according to X");
	CHECK_STR(attributions("“We will win,” Trump said. “They will lose.”", qbuf),
			  "direct[We will win]=Donald Trump/Trump/said|direct[They will lose.]=Donald Trump/-/-",
			  "a second quotation of the paragraph goes on with its speaker");
	CHECK_STR(attributions("“Yes,” said Trump. “No,” said Anna Petrova.", qbuf),
			  "direct[Yes]=Donald Trump/Trump/said|direct[No]=Anna Petrova/Anna Petrova/said",
			  "no merging across speakers");
	CHECK_STR(attributions("They praised the so-called “peace plan” on Monday.", qbuf),
			  "scare[peace plan]=-/-/-", "so-called: a scare quote");
	CHECK_STR(attributions("Anna Petrova said the economy would grow next year.", qbuf),
			  "indirect[the economy would grow next year]=Anna Petrova/Anna Petrova/said",
			  "reported speech without marks");
	CHECK_STR(attributions("“An opening mark that is never closed.\n\nTrump said \"yes\" twice.", qbuf),
			  "direct[yes]=Donald Trump/Trump/said", "an unclosed mark ends with its paragraph");
	CHECK_STR(quotes("„Wir schaffen das“, sagte sie. « Oui », dit-il. »Ja«, sagte er.", qbuf),
			  "[Wir schaffen das]=-|[Oui]=-|[Ja]=-", "German, French and Danish marks pair");
	{
		size_t		n = 200000;
		char	   *big = malloc(n + 1);

		for (size_t i = 0; i < n; i++)
			big[i] = (i % 7 == 0) ? '\n' : '"';
		big[n] = '\0';
		qbuf[0] = '\0';
		CHECK(na_quotes_extract(gaz, big, n, NULL, 0, count_quote, qbuf, &na_malloc_allocator, NULL, NULL) == NA_OK,
			  "200000 quote marks and line breaks");
		free(big);
	}

	na_gazetteer_destroy(gaz);
	CHECK(words_agree(ner_org_words) && words_agree(stopwords_english) &&
		  words_agree(title_abbreviations),
		  "word lists: the first-byte index and length mask answer as a binary search");
	return na_test_done();
}
