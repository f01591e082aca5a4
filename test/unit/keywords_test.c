/*
 * keywords_test.c
 *		Unit tests of keyphrases and summaries (src/core/keywords.c,
 *		src/core/summary.c): names whole and surnames joined, parts merged
 *		into their phrase, title-case headlines, the word class table, the
 *		aggregate states, which sentences a summary may pick, the lexer's
 *		term id cache and the word cache.
 */
#include "keywords.h"
#include "summary.h"
#include "na_test.h"

#include <stdlib.h>

static NaLexer *lx;

typedef struct Phrases
{
	char		buf[4096];
	size_t		len;
	NaKeyphraseKind kinds[64];
	uint32_t	counts[64];
	int			n;
} Phrases;

static bool
collect(const NaKeyphrase *kp, void *arg)
{
	Phrases    *p = arg;

	if (p->len + kp->phrase_len + 2 < sizeof(p->buf) && p->n < 64)
	{
		memcpy(p->buf + p->len, kp->phrase, kp->phrase_len);
		p->len += kp->phrase_len;
		p->buf[p->len++] = '|';
		p->buf[p->len] = '\0';
		p->kinds[p->n] = kp->kind;
		p->counts[p->n++] = kp->count;
	}
	return true;
}

/* keyphrases: "a|b|c|" of text, best first */
static const char *
keyphrases(const char *text, uint32_t n, Phrases *p)
{
	memset(p, 0, sizeof(*p));
	if (na_keywords_extract(text, strlen(text), lx, NULL, n, collect, p, &na_malloc_allocator,
							NULL, NULL) != NA_OK)
		return NULL;
	return p->buf;
}

/* has: is "|phrase|" in the list */
static bool
has(const Phrases *p, const char *phrase)
{
	char		pat[256];

	snprintf(pat, sizeof(pat), "|%s|", phrase);
	return strncmp(p->buf, pat + 1, strlen(pat + 1)) == 0 || strstr(p->buf, pat) != NULL;
}

/* find: the rank (from 0) of phrase in the list, or -1 */
static int
find(const Phrases *p, const char *phrase)
{
	const char *s = p->buf;
	size_t		n = strlen(phrase);

	for (int i = 0; i < p->n; i++)
	{
		const char *bar = strchr(s, '|');

		if (!bar)
			break;
		if ((size_t) (bar - s) == n && strncmp(s, phrase, n) == 0)
			return i;
		s = bar + 1;
	}
	return -1;
}

typedef struct Sentences
{
	char		buf[4096];
	size_t		len;
	int			n;
} Sentences;

static bool
collect_sentence(const NaSummarySentence *s, void *arg)
{
	Sentences  *v = arg;

	if (v->len + s->len + 2 < sizeof(v->buf))
	{
		memcpy(v->buf + v->len, s->text, s->len);
		v->len += s->len;
		v->buf[v->len++] = '|';
		v->buf[v->len] = '\0';
	}
	v->n++;
	return true;
}

static const char *
summary(const char *text, uint32_t k, Sentences *v)
{
	memset(v, 0, sizeof(*v));
	if (na_summary_extract(text, strlen(text), lx, NULL, k, collect_sentence, v,
						   &na_malloc_allocator, NULL, NULL) != NA_OK)
		return NULL;
	return v->buf;
}

static bool
agg_collect(const NaKeyphrase *kp, uint32_t ntexts, void *arg)
{
	Phrases    *p = arg;

	(void) ntexts;
	return collect(kp, p);
}

int
main(void)
{
	Phrases		p;
	Sentences	v;
	const char *r;

	if (na_lexer_create("english", &na_malloc_allocator, &lx) != NA_OK)
		return 1;

	/* the word class table */
	CHECK((na_word_class(0x811C9DC5u ^ 0) & NA_WC_UNKNOWN) || 1, "word class lookup runs");
	{
		static const char *const words[] = {"said", "the", "of", "january", "president", "click"};
		static const unsigned want[] = {NA_WC_VERB, NA_WC_STOP, NA_WC_CONNECT, NA_WC_CALENDAR,
		NA_WC_TITLE, NA_WC_CUE};

		for (int i = 0; i < 6; i++)
		{
			unsigned	c = na_word_class(na_fnv_add(NA_FNV_INIT, words[i], strlen(words[i])));

			CHECK((c & want[i]) && !(c & NA_WC_UNKNOWN), "word class of \"%s\" has flag %#x (got %#x)",
				  words[i], want[i], c);
		}
		CHECK(na_word_class(na_fnv_add(NA_FNV_INIT, "zorblax", 7)) & NA_WC_UNKNOWN,
			  "an unknown word is unknown");
	}

	/* names are whole; a lone surname joins the full name */
	r = keyphrases("The European Central Bank raised interest rates. Bank president Christine "
				   "Lagarde said interest rates would stay high. Lagarde spoke in Frankfurt.", 20, &p);
	CHECK(r && has(&p, "European Central Bank"), "a multiword name is one phrase: %s", r);
	CHECK(r && has(&p, "Christine Lagarde") && !has(&p, "Lagarde"), "a surname joins its name: %s", r);
	{
		int			i = r ? find(&p, "Christine Lagarde") : -1;

		CHECK(i >= 0 && p.kinds[i] == NA_KP_NAME && p.counts[i] == 2,
			  "the name is a name and counts the surname's mention: %s", r);
	}
	CHECK(r && has(&p, "interest rates") && !has(&p, "interest") && !has(&p, "rates"),
		  "parts that never stand alone merge into their phrase: %s", r);
	CHECK(r && !has(&p, "Bank president Christine Lagarde") && !has(&p, "president Christine Lagarde"),
		  "a title is not part of a name: %s", r);

	/* title-case headlines do not make names of ordinary words */
	r = keyphrases("Oil Prices Rise As Demand Grows\nOil prices rose on Monday as demand in Asia grew.", 10, &p);
	CHECK(r && has(&p, "Oil prices"), "a title-case headline shows no case: the phrase is shown as in the text: %s", r);

	/* months and weekdays are not topics */
	r = keyphrases("In April IMF officials met in Washington on Monday.", 10, &p);
	CHECK(r && !strstr(r, "April") && !strstr(r, "Monday") && strstr(r, "IMF"), "no dates: %s", r);

	/* bad arguments, empty text, invalid UTF-8 */
	CHECK(na_keywords_extract("x", 1, lx, NULL, 0, collect, &p, &na_malloc_allocator, NULL, NULL) ==
		  NA_ERR_BAD_ARGUMENT, "n = 0 is refused");
	CHECK(keyphrases("", 10, &p) && p.n == 0, "an empty text has no keyphrases");
	{
		size_t		off = 0;

		CHECK(na_keywords_extract("ab\xff", 3, lx, NULL, 5, collect, &p, &na_malloc_allocator, NULL,
								  &off) == NA_ERR_INVALID_UTF8 && off == 2, "invalid UTF-8 is found");
	}

	/* the aggregate: a phrase of two texts comes first; a state survives
	 * writing and merging */
	{
		static const char *const texts[] = {
			"Flooding closed schools in Valdoria. The flooding cut power to homes.",
			"Flooding hit farms near the river. Farmers counted losses after the flooding.",
			"The central bank kept interest rates unchanged."
		};
		NaKeyAgg   *agg;
		NaKeyAgg   *copy;
		uint8_t    *bytes;
		size_t		len;

		CHECK(na_keyagg_create(&na_malloc_allocator, NULL, &agg) == NA_OK, "aggregate created");
		for (int i = 0; i < 3; i++)
		{
			NaDoc	   *doc;
			NaKeywords *kw;

			na_doc_create(texts[i], strlen(texts[i]), NA_DOC_SENTENCES | NA_DOC_NORMS,
						  &na_malloc_allocator, NULL, &doc);
			na_keywords_create(doc, lx, &na_malloc_allocator, NULL, &kw);
			while (na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
				na_keywords_window(kw);
			CHECK(na_keyagg_add_text(agg, kw, NULL) == NA_OK, "text %d added", i + 1);
			na_keywords_destroy(kw);
			na_doc_destroy(doc);
		}
		len = na_keyagg_size(agg);
		bytes = malloc(len);
		na_keyagg_write(agg, bytes);
		na_keyagg_create(&na_malloc_allocator, NULL, &copy);
		CHECK(na_keyagg_merge(copy, bytes, len) == NA_OK && na_keyagg_texts(copy) == 3,
			  "the state merges back");
		CHECK(na_keyagg_merge(copy, bytes, len - 1) == NA_ERR_BAD_LITERAL, "a cut state is refused");
		memset(&p, 0, sizeof(p));
		na_keyagg_result(agg, 3, agg_collect, &p);
		CHECK(strncmp(p.buf, "Flooding|", 9) == 0 || strncmp(p.buf, "flooding|", 9) == 0,
			  "the phrase of two texts comes first: %s", p.buf);
		free(bytes);
		na_keyagg_destroy(copy);
		na_keyagg_destroy(agg);
	}

	/* summaries: real sentences only, datelines cut, text order */
	r = summary("Storm Hits Coast\nBy Mara Quell\nPORT ELWIN (Reuters) - A storm struck the coast of "
				"Elwin on Sunday, forcing thousands to leave. Click here to read more about storms. "
				"\"The water rose fast. Everyone\n\nleft,\" said a fisherman. Officials said two people "
				"were hurt by falling trees.", 3, &v);
	CHECK_STR(r, "A storm struck the coast of Elwin on Sunday, forcing thousands to leave.|"
			  "Officials said two people were hurt by falling trees.|",
			  "no headline, byline, dateline, boilerplate or cut quotation");
	r = summary("(CNN)The museum reopened on Saturday after two years of repairs to its roof.", 1, &v);
	CHECK_STR(r, "The museum reopened on Saturday after two years of repairs to its roof.|",
			  "the (CNN) dateline is cut");
	r = summary("Storm Hits Coast", 2, &v);
	CHECK_STR(r, "Storm Hits Coast|", "a text of one heading gives it");
	r = summary("Read more. Click here.", 2, &v);
	CHECK(r && v.n == 0, "boilerplate alone gives nothing");
	CHECK(na_summary_extract("x", 1, lx, NULL, 101, collect_sentence, &v, &na_malloc_allocator,
							 NULL, NULL) == NA_ERR_BAD_ARGUMENT, "k = 101 is refused");

	/* the lexer's term id cache gives what na_lexer_term and na_term_id give */
	{
		static const char *const words[] = {"rates", "rate", "the", "running", "u.s",
		"internationalisations", "bank"};
		static const NaTokenKind kinds[] = {NA_TOK_WORD, NA_TOK_WORD, NA_TOK_WORD, NA_TOK_WORD,
		NA_TOK_ABBREV, NA_TOK_WORD, NA_TOK_ABBREV};

		for (int round = 0; round < 2; round++)
			for (int i = 0; i < 7; i++)
			{
				size_t		n = strlen(words[i]);
				uint32_t	h = na_fnv_add(NA_FNV_INIT, words[i], n);
				const char *term;
				size_t		tlen;
				uint32_t	id = 0;
				bool		has = false;

				CHECK(na_lexer_term_id(lx, words[i], n, h, kinds[i], &id, &has) == NA_OK &&
					  na_lexer_term(lx, words[i], n, kinds[i], &term, &tlen) == NA_OK &&
					  has == (tlen > 0) && id == (tlen > 0 ? na_term_id(term, tlen) : 0),
					  "term id of \"%s\" (kind %d, %s call)", words[i], (int) kinds[i],
					  round ? "cached" : "first");
			}
	}

	/* the word cache: one entry per distinct form, even when hashes collide */
	{
		NaWordCache *wc;
		uint32_t	a = 0,
					b = 0,
					a2 = 0,
					c = 0;

		CHECK(na_word_cache_create(lx, &na_malloc_allocator, &wc) == NA_OK, "word cache made");
		CHECK(na_word_cache_find(wc, "rates", 5, 7, &a) == NA_OK &&
			  na_word_cache_find(wc, "rated", 5, 7, &b) == NA_OK &&
			  na_word_cache_find(wc, "rates", 5, 7, &a2) == NA_OK &&
			  na_word_cache_find(wc, "the", 3, na_fnv_add(NA_FNV_INIT, "the", 3), &c) == NA_OK,
			  "words found");
		CHECK(a == a2 && a != b && a != c && b != c, "same form, same entry; a colliding hash "
			  "does not merge forms (%u %u %u %u)", a, b, a2, c);
		CHECK(na_word_cache_at(wc, a)->stem == NA_WS_UNKNOWN && na_word_cache_at(wc, a)->index == UINT32_MAX,
			  "the stem waits for its first need");
		CHECK(na_word_cache_stem(wc, a, NA_TOK_WORD) == NA_OK &&
			  na_word_cache_at(wc, a)->stem == NA_WS_TERM &&
			  na_word_cache_at(wc, a)->id == na_term_id("rate", 4), "\"rates\" stems to \"rate\"");
		CHECK(na_word_cache_stem(wc, c, NA_TOK_WORD) == NA_OK &&
			  na_word_cache_at(wc, c)->stem == NA_WS_NONE &&
			  (na_word_cache_at(wc, c)->wc & NA_WC_STOP), "\"the\" is a stopword with no term");
		na_word_cache_destroy(wc);
	}

	na_lexer_destroy(lx);
	return na_test_done();
}
