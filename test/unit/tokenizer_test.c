/*
 * tokenizer_test.c
 *		Table-driven unit tests of the scanner, the sentence splitter and
 *		the lexer, without a server.
 */
#include <stdlib.h>

#include "na_test.h"
#include "lexer.h"
#include "sentences.h"
#include "tokenizer.h"
#include "unicode.h"

static char out[8192];

/* tokens: "kind:text kind:text ..." with character offsets checked */
static bool
tok_cb(const NaToken *tok, void *arg)
{
	const char *text = arg;
	size_t		n = strlen(out);

	snprintf(out + n, sizeof(out) - n, "%s%s:%.*s", n ? " " : "",
			 na_token_kind_name(tok->kind), (int) tok->len, text + tok->start);
	return true;
}

static const char *
tokens(const char *text)
{
	out[0] = '\0';
	if (na_scan(text, strlen(text), tok_cb, (void *) text, NULL, NULL) != NA_OK)
		return "ERROR";
	return out;
}

static bool
sent_cb(const NaSentence *s, void *arg)
{
	const char *text = arg;
	size_t		n = strlen(out);

	snprintf(out + n, sizeof(out) - n, "%s%.*s", n ? " | " : "", (int) s->len, text + s->start);
	return true;
}

static const char *
sentences(const char *text)
{
	out[0] = '\0';
	if (na_split(text, strlen(text), NULL, sent_cb, (void *) text, NULL, NULL) != NA_OK)
		return "ERROR";
	return out;
}

static bool
term_cb(const char *term, size_t len, const NaToken *tok, void *arg)
{
	size_t		n = strlen(out);

	snprintf(out + n, sizeof(out) - n, "%s%.*s", n ? " " : "", (int) len, term);
	return true;
}

static const char *
terms(NaLexer *lx, const char *text)
{
	out[0] = '\0';
	if (na_lexer_terms(lx, text, strlen(text), term_cb, NULL, NULL, NULL) != NA_OK)
		return "ERROR";
	return out;
}

/* the same tokens pulled one at a time from an NaScanner */
static const char *
pulled_tokens(const char *text)
{
	NaScanner	sc;
	NaToken		tok;

	out[0] = '\0';
	na_scanner_init(&sc, text, strlen(text), NULL);
	while (na_scanner_next(&sc, &tok))
		tok_cb(&tok, (void *) text);
	if (na_scanner_status(&sc, NULL) != NA_OK)
		return "ERROR";
	return out;
}

static void
count_yield(void *arg)
{
	(*(size_t *) arg)++;
}

/* character offsets: substr(text, cstart+1, clen) must equal the token */
typedef struct OffsetCheck
{
	const char *text;
	size_t		cpos_bytes[4096];	/* byte offset of each character */
	bool		ok;
} OffsetCheck;

static bool
offset_cb(const NaToken *tok, void *arg)
{
	OffsetCheck *oc = arg;

	if (oc->cpos_bytes[tok->cstart] != tok->start ||
		oc->cpos_bytes[tok->cstart + tok->clen] != tok->start + tok->len)
		oc->ok = false;
	return true;
}

static bool
offsets_ok(const char *text)
{
	static OffsetCheck oc;
	size_t		len = strlen(text),
				c = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char) text[i] & 0xC0) != 0x80)
			oc.cpos_bytes[c++] = i;
	oc.cpos_bytes[c] = len;
	oc.ok = true;
	return na_scan(text, len, offset_cb, &oc, NULL, NULL) == NA_OK && oc.ok;
}

static const struct
{
	const char *in;
	const char *want;
}			token_cases[] = {
	{"Ukraine’s army", "word:Ukraine’s word:army"},
	{"de‑escalation", "word:de‑escalation"},
	{"embassies—a move", "word:embassies punctuation:— word:a word:move"},
	{"It rose 3.5% to 1,000.50 points", "word:It word:rose number:3.5 symbol:% word:to number:1,000.50 word:points"},
	{"$5bn and €20", "symbol:$ number:5bn word:and symbol:€ number:20"},
	{"on 1996-08-22 and 22/08/1996", "word:on date:1996-08-22 word:and date:22/08/1996"},
	{"U.S. and U.N. officials", "abbreviation:U.S. word:and abbreviation:U.N. word:officials"},
	{"Mr. Smith met Dr. J. Jones", "abbreviation:Mr. word:Smith word:met abbreviation:Dr. abbreviation:J. word:Jones"},
	{"See https://example.com/a?b=1&c=2.", "word:See url:https://example.com/a?b=1&c=2 punctuation:."},
	{"(www.bbc.co.uk)", "punctuation:( url:www.bbc.co.uk punctuation:)"},
	{"mail desk@example.org now", "word:mail email:desk@example.org word:now"},
	{"#Brexit talk @Reuters", "hashtag:#Brexit word:talk mention:@Reuters"},
	{"AT&amp;T don&#39;t Ukraine#39;s", "word:AT&amp;T word:don&#39;t word:Ukraine#39;s"},
	{"S&P 500 and R & D", "word:S&P number:500 word:and word:R symbol:& word:D"},
	{"Wait… what?", "word:Wait punctuation:… word:what punctuation:?"},
	{"He said... no", "word:He word:said punctuation:... word:no"},
	{"a\u00a0b\u200bc d", "word:a word:b\u200bc word:d"},
	{"at 10:30 in the 1990s", "word:at number:10:30 word:in word:the number:1990s"},
	{"e.g. reuters.com", "abbreviation:e.g. url:reuters.com"},
	{"COVID-19 vaccine", "word:COVID-19 word:vaccine"},
	{"\"Stop,\" he said.", "punctuation:\" word:Stop punctuation:, punctuation:\" word:he word:said punctuation:."},
	{"no. 5 and No. 10", "abbreviation:no. number:5 word:and abbreviation:No. number:10"},
	{"say no. The", "word:say word:no punctuation:. word:The"},
	{"line\r\nnext", "word:line word:next"},
};

static const struct
{
	const char *in;
	const char *want;
}			sentence_cases[] = {
	{"The U.S. Treasury said so. Prices rose.", "The U.S. Treasury said so. | Prices rose."},
	{"He moved to the U.S. The company followed.", "He moved to the U.S. | The company followed."},
	{"Mr. Smith met Gen. Jones on Feb. 12 in St. Louis.", "Mr. Smith met Gen. Jones on Feb. 12 in St. Louis."},
	{"John F. Kennedy spoke. It was 3.5 degrees.", "John F. Kennedy spoke. | It was 3.5 degrees."},
	{"The talks stalled… Officials left.", "The talks stalled… | Officials left."},
	{"He said … the plan was dead.", "He said … the plan was dead."},
	{"\"We will win.\" The crowd cheered.", "\"We will win.\" | The crowd cheered."},
	{"“We will win,” he said. Then he left.", "“We will win,” he said. | Then he left."},
	{"'Why?' he asked.", "'Why?' he asked."},
	{"Trump Signals Diplomatic Momentum\nPresident Donald Trump said on Monday.", "Trump Signals Diplomatic Momentum | President Donald Trump said on Monday."},
	{"No time to read? Get a summary\nPrevious Article\nRead more", "No time to read? | Get a summary | Previous Article | Read more"},
	{"First paragraph ends here\n\nsecond one", "First paragraph ends here | second one"},
	{"Shares of Acme Inc. rose. The rally held.", "Shares of Acme Inc. rose. | The rally held."},
	{"He woke at 10 a.m. on Monday.", "He woke at 10 a.m. on Monday."},
	{"Line one\r\nLine two", "Line one | Line two"},
	{"The meeting was held in the\nWhite House on Monday.", "The meeting was held in the\nWhite House on Monday."},
	{"", ""},
};

/*
 * html_entity_table: every row of src/data/html_entities.txt (name, code
 * point[+code point]), the table the tokenizer and news.clean read through
 * na_html_entity, is found with its code points; the count of rows read,
 * through *rows.  Run from the top of the tree (make unit).
 */
static int
html_entity_table(int *rows)
{
	FILE	   *f = fopen("src/data/html_entities.txt", "r");
	char		line[256];
	int			wrong = 0;

	*rows = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
	{
		char		name[64];
		char		cps[32];
		uint32_t	want[2] = {0, 0};
		uint32_t	got[2] = {0, 0};
		int			nwant;
		char	   *plus;

		if (line[0] == '#' || sscanf(line, "%63s %31s", name, cps) != 2)
			continue;
		(*rows)++;
		want[0] = (uint32_t) strtoul(cps, &plus, 16);
		nwant = 1;
		if (*plus == '+')
		{
			want[1] = (uint32_t) strtoul(plus + 1, NULL, 16);
			nwant = 2;
		}
		if (na_html_entity(name, strlen(name), got) != nwant || got[0] != want[0] ||
			(nwant == 2 && got[1] != want[1]))
		{
			if (wrong++ < 5)
				printf("# html entity %s: want %s\n", name, cps);
		}
	}
	fclose(f);
	return wrong;
}

int
main(void)
{
	NaLexer    *en,
			   *simple;
	NaStatus	st;
	size_t		off = 0;

	for (size_t i = 0; i < sizeof(token_cases) / sizeof(token_cases[0]); i++)
		CHECK_STR(tokens(token_cases[i].in), token_cases[i].want, "tokens of \"%s\"", token_cases[i].in);
	for (size_t i = 0; i < sizeof(token_cases) / sizeof(token_cases[0]); i++)
		CHECK_STR(pulled_tokens(token_cases[i].in), token_cases[i].want, "pulled tokens of \"%s\"", token_cases[i].in);
	for (size_t i = 0; i < sizeof(token_cases) / sizeof(token_cases[0]); i++)
		CHECK(offsets_ok(token_cases[i].in), "character offsets of \"%s\"", token_cases[i].in);
	for (size_t i = 0; i < sizeof(sentence_cases) / sizeof(sentence_cases[0]); i++)
		CHECK_STR(sentences(sentence_cases[i].in), sentence_cases[i].want, "sentences of \"%s\"", sentence_cases[i].in);

	/* hard-wrapped wire copy: lines of about the same width are one sentence */
	CHECK_STR(sentences("Showers continued throughout the week in the Bahia cocoa\n"
						"zone, alleviating the drought since early January and\n"
						"improving prospects for the coming temporao, although\n"
						"normal humidity levels have not been restored, Smith said.\n"
						"The dry period means the crop will be late."),
			  "Showers continued throughout the week in the Bahia cocoa\n"
			  "zone, alleviating the drought since early January and\n"
			  "improving prospects for the coming temporao, although\n"
			  "normal humidity levels have not been restored, Smith said. | "
			  "The dry period means the crop will be late.",
			  "hard-wrapped lines join into sentences");

	{
		/* a pulling caller is yielded to by bytes, even inside white space */
		size_t		n = 1 << 20,
					yields = 0;
		char	   *blank = malloc(n + 1);
		NaYield		y = {count_yield, &yields};
		NaScanner	sc;
		NaToken		tok;

		memset(blank, ' ', n);
		memcpy(blank + n - 2, "ok", 2);
		na_scanner_init(&sc, blank, n, &y);
		CHECK(na_scanner_next(&sc, &tok) && tok.start == n - 2 && !na_scanner_next(&sc, &tok) &&
			  yields >= n / NA_YIELD_EVERY - 1,
			  "1 MB of white space before one token: %zu yields", yields);
		free(blank);
	}
	st = na_scan("ok \xC3\x28 bad", 9, tok_cb, (void *) "", NULL, &off);
	CHECK(st == NA_ERR_INVALID_UTF8 && off == 3, "invalid UTF-8 is reported at its byte offset");
	{
		NaScanner	sc;
		NaToken		tok;

		na_scanner_init(&sc, "ok \xC3\x28 bad", 9, NULL);
		CHECK(na_scanner_next(&sc, &tok) && !na_scanner_next(&sc, &tok) &&
			  na_scanner_status(&sc, &off) == NA_ERR_INVALID_UTF8 && off == 3,
			  "a pulling caller gets one token, then invalid UTF-8 at its byte offset");
	}
	st = na_scan("\xED\xA0\x80", 3, tok_cb, (void *) "", NULL, &off);
	CHECK(st == NA_ERR_INVALID_UTF8, "UTF-8 surrogates are rejected");
	st = na_scan("\xF8\x88\x80\x80\x80", 5, tok_cb, (void *) "", NULL, &off);
	CHECK(st == NA_ERR_INVALID_UTF8, "5-byte sequences are rejected");

	CHECK(na_lexer_create("klingon", &na_malloc_allocator, &en) == NA_ERR_BAD_CONFIG,
		  "unknown configuration is rejected");
	CHECK(na_lexer_create("english", &na_malloc_allocator, &en) == NA_OK, "english lexer");
	CHECK(na_lexer_create("simple", &na_malloc_allocator, &simple) == NA_OK, "simple lexer");
	CHECK_STR(terms(simple, "Ukraine’s army"), "ukraine army", "possessive stripped (curly)");
	CHECK_STR(terms(simple, "Ukraine#39;s army don&#39;t"), "ukraine army dont", "possessive stripped (entity)");
	CHECK_STR(terms(en, "The ministers were running"), "minist run", "english: stopwords and stems");
	CHECK_STR(terms(en, "U.S. officials"), "us offici", "abbreviations keep their letters");
	CHECK_STR(terms(simple, "ＦＵＬＬ ﬁnance Straße"), "full finance strasse", "NFKC and case folding");
	CHECK_STR(terms(simple, "1,000.50 and 3.5%"), "1000.50 and 3.5", "numbers lose separators");
	CHECK_STR(terms(simple, "de‑escalation de-escalation"), "de-escalation de-escalation", "hyphen variants unify");
	CHECK_STR(terms(simple, "zero\u200bwidth soft\u00adhyphen"), "zerowidth softhyphen", "invisible characters removed");
	CHECK_STR(terms(simple, "#Brexit @Reuters"), "brexit @reuters", "hashtags and mentions");
	CHECK_STR(terms(en, "the the the"), "", "only stopwords give no terms");
	CHECK_STR(terms(en, ""), "", "empty text gives no terms");
	/* the cache must give the same answers when it is refilled */
	{
		char		word[16];
		bool		same = true;

		for (int i = 0; i < 100000 && same; i++)
		{
			snprintf(word, sizeof(word), "running%d", i);
			terms(en, word);
			same = strncmp(out, "running", 7) == 0;
		}
		CHECK(same && strcmp(terms(en, "ministers"), "minist") == 0, "term cache survives being emptied");
	}
	na_lexer_destroy(en);
	na_lexer_destroy(simple);

	/* the HTML5 named character references */
	{
		uint32_t	cp[2] = {0, 0};
		int			rows;
		int			wrong = html_entity_table(&rows);

		CHECK(wrong == 0 && rows > 2000, "every row of the HTML5 entity table is found (%d rows, %d wrong)",
			  rows, wrong);
		CHECK(na_html_entity("amp;", 4, cp) == 1 && cp[0] == '&', "&amp; is &");
		CHECK(na_html_entity("AMP", 3, cp) == 1 && cp[0] == '&', "legacy &AMP without its ';'");
		CHECK(na_html_entity("hellip", 6, cp) == 0, "&hellip needs its ';'");
		CHECK(na_html_entity("NotNestedLessLess;", 18, cp) == 2 && cp[0] == 0x2aa1 && cp[1] == 0x338,
			  "a reference of two code points");
		CHECK(na_html_entity("amp;x", 5, cp) == 0 && na_html_entity("", 0, cp) == 0 &&
			  na_html_entity("ampx;", 5, cp) == 0 && na_html_entity("Amp;", 4, cp) == 0,
			  "no match for trailing bytes, the empty name, unknown names, another case");
		CHECK(na_html_entity("nbsp;\0", 5, cp) == 1 && cp[0] == 0xa0, "the length, not a terminator, ends the name");
	}
	return na_test_done();
}
