/*
 * doc_test.c
 *		Unit tests of the analysed document (src/core/doc.c) and of
 *		na_analyze (src/core/analyze.c): windows against na_split, window
 *		cuts at sentence ends and inside overlong sentences, pattern span
 *		marks, normalized forms, reset, errors, memory that stays bounded
 *		on a large text, and one pass giving what the separate calls give.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "doc.h"
#include "gazetteer.h"
#include "na_test.h"
#include "sentences.h"

/* ---------------------------------------------------------------------
 * A counting allocator: bytes held now and at most
 * ------------------------------------------------------------------- */

typedef struct Counter
{
	size_t		now;
	size_t		peak;
} Counter;

static void *
count_alloc(void *ctx, size_t size)
{
	Counter    *c = ctx;
	size_t	   *p = malloc(size + sizeof(size_t));

	if (!p)
		return NULL;
	*p = size;
	c->now += size;
	if (c->now > c->peak)
		c->peak = c->now;
	return p + 1;
}

static void
count_release(void *ctx, void *ptr)
{
	Counter    *c = ctx;
	size_t	   *p = (size_t *) ptr - 1;

	c->now -= *p;
	free(p);
}

static void *
count_resize(void *ctx, void *ptr, size_t size)
{
	void	   *n = count_alloc(ctx, size);
	size_t		old = ((size_t *) ptr)[-1];

	if (!n)
		return NULL;
	memcpy(n, ptr, old < size ? old : size);
	count_release(ctx, ptr);
	return n;
}

/* ---------------------------------------------------------------------
 * The tokens and sentences of na_split, to compare with
 * ------------------------------------------------------------------- */

typedef struct Split
{
	NaToken    *toks;
	size_t		n;
	size_t		cap;
	NaSentence *sents;
	size_t		nsents;
	size_t		capsents;
} Split;

static bool
split_token(const NaToken *tok, uint32_t sentence, void *arg)
{
	Split	   *s = arg;

	if (s->n == s->cap)
	{
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->toks = realloc(s->toks, s->cap * sizeof(NaToken));
	}
	s->toks[s->n] = *tok;
	s->toks[s->n++].sentence = sentence;
	return true;
}

static bool
split_sentence(const NaSentence *sent, void *arg)
{
	Split	   *s = arg;

	if (s->nsents == s->capsents)
	{
		s->capsents = s->capsents ? s->capsents * 2 : 256;
		s->sents = realloc(s->sents, s->capsents * sizeof(NaSentence));
	}
	s->sents[s->nsents++] = *sent;
	return true;
}

/*
 * same_as_split: the windows of a document over text (with layers) hold
 * na_split's tokens and sentences, in order; *windows gets their number
 * and *largest the most tokens one held
 */
static bool
same_as_split(const char *text, size_t len, unsigned layers, size_t *windows, size_t *largest)
{
	Split		s;
	NaDoc	   *doc;
	size_t		ntok = 0;
	size_t		nsent = 0;
	bool		ok = true;
	NaStatus	st;

	memset(&s, 0, sizeof(s));
	*windows = 0;
	*largest = 0;
	if (na_split(text, len, split_token, split_sentence, &s, NULL, NULL) != NA_OK ||
		na_doc_create(text, len, layers, &na_malloc_allocator, NULL, &doc) != NA_OK)
		return false;
	while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		const NaToken *t = na_doc_tokens(doc);
		size_t		n = na_doc_ntokens(doc);
		size_t		ns;
		const NaDocSentence *ds = na_doc_sentences(doc, &ns);

		(*windows)++;
		if (n > *largest)
			*largest = n;
		ok = ok && na_doc_base(doc) == ntok;
		for (size_t i = 0; i < n && ok; i++, ntok++)
			ok = ntok < s.n && t[i].start == s.toks[ntok].start && t[i].len == s.toks[ntok].len &&
				t[i].kind == s.toks[ntok].kind &&
				t[i].sentence == ((layers & NA_DOC_SENTENCES) ? s.toks[ntok].sentence : 0);
		for (size_t k = 0; k < ns && ok; k++, nsent++)
			ok = nsent < s.nsents && ds[k].number == s.sents[nsent].number &&
				ds[k].start == s.sents[nsent].start && ds[k].len == s.sents[nsent].len &&
				ds[k].ntokens == s.sents[nsent].ntokens &&
				na_doc_tokens(doc)[0].start <= ds[k].start + ds[k].len;
	}
	ok = ok && st == NA_OK && ntok == s.n &&
		nsent == ((layers & NA_DOC_SENTENCES) ? s.nsents : 0);
	na_doc_destroy(doc);
	free(s.toks);
	free(s.sents);
	return ok;
}

/* repeat: n copies of piece, NUL-terminated, malloc'd */
static char *
repeat(const char *piece, size_t n, size_t *len)
{
	size_t		m = strlen(piece);
	char	   *s = malloc(m * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * m, piece, m);
	s[m * n] = '\0';
	*len = m * n;
	return s;
}

static void
test_windows(void)
{
	const char *article =
		"LONDON (Reuters) - The Bank of England raised rates on Thursday.\n\n"
		"\"We acted,\" Governor Andrew Bailey said. Mr. Bailey, 71, spoke in the U.S. too!\n"
		"Markets rose 2.5% - the most since 2020.";
	size_t		windows,
				largest,
				len;
	char	   *text;

	CHECK(same_as_split(article, strlen(article), NA_DOC_TOKENS, &windows, &largest) && windows == 1,
		  "a token-only document holds na_split's tokens");
	CHECK(same_as_split(article, strlen(article), NA_DOC_SENTENCES | NA_DOC_NORMS, &windows, &largest) &&
		  windows == 1, "an article is one window of na_split's tokens and sentences");
	CHECK(same_as_split("", 0, NA_DOC_SENTENCES, &windows, &largest) && windows == 0,
		  "an empty text has no window");
	CHECK(same_as_split(" \n\t ", 4, NA_DOC_SENTENCES, &windows, &largest) && windows == 0,
		  "a blank text has no window");

	/* 6,000 sentences of 8 tokens: windows end at sentence ends */
	text = repeat("The minister said the talks went well. ", 6000, &len);
	CHECK(same_as_split(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, &windows, &largest) &&
		  windows == 3 && largest >= NA_DOC_WINDOW_TOKENS && largest < NA_DOC_WINDOW_TOKENS + 8,
		  "long texts: windows of whole sentences just past %d tokens (%zu windows, largest %zu)",
		  NA_DOC_WINDOW_TOKENS, windows, largest);
	CHECK(same_as_split(text, len, NA_DOC_TOKENS, &windows, &largest) &&
		  largest == NA_DOC_TOKEN_WINDOW, "token-only windows of %d tokens", NA_DOC_TOKEN_WINDOW);
	free(text);

	/* one sentence of 100,000 tokens: cut at NA_DOC_MAX_WINDOW */
	text = repeat("and then ", 50000, &len);
	CHECK(same_as_split(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, &windows, &largest) &&
		  windows == 2 && largest == NA_DOC_MAX_WINDOW,
		  "an overlong sentence is cut at %d tokens", NA_DOC_MAX_WINDOW);
	free(text);
}

/* the cut of an overlong sentence moves before a trailing capitalized run */
static void
test_cut_before_names(void)
{
	size_t		len;
	char	   *text;
	NaDoc	   *doc;
	size_t		first = 0,
				second_base = 0;
	const NaToken *t;
	size_t		n;

	/* 65,533 lower-case tokens, then a name that straddles the limit */
	text = malloc(65533 * 2 + 64);
	for (size_t i = 0; i < 65533; i++)
		memcpy(text + 2 * i, "a ", 2);
	len = 65533 * 2;
	memcpy(text + len, "Jean Claude Van Damme arrived", 29);
	len += 29;
	text[len] = '\0';
	CHECK(na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator, NULL,
						&doc) == NA_OK, "document created");
	if (na_doc_next(doc) == NA_OK)
		first = na_doc_ntokens(doc);
	CHECK(first == 65533, "the window ends before the capitalized run (%zu tokens)", first);
	if (na_doc_next(doc) == NA_OK)
		second_base = na_doc_base(doc);
	t = na_doc_tokens(doc);
	n = na_doc_ntokens(doc);
	CHECK(second_base == 65533 && n == 5 && t[0].len == 4 && memcmp(text + t[0].start, "Jean", 4) == 0 &&
		  (t[0].marks & NA_DM_CAP) && t[4].sentence == 1,
		  "the next window opens with the whole name, same sentence");
	CHECK(na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) == 0, "and the text ends there");
	na_doc_destroy(doc);
	free(text);
}

static void
test_spans_and_norms(void)
{
	const char *text = "Prices rose 5 percent in May. Officials met on 12 March 2024 in Kyiv's centre.";
	NaSpan		spans[3];
	NaDoc	   *doc;
	const NaToken *t;
	const NaDocNorm *m;
	const char *arena;
	size_t		n,
				ns;
	const NaSpan *got;
	const uint32_t *sent;
	int			blocked = 0,
				gaps = 0;
	bool		poss = false;

	memset(spans, 0, sizeof(spans));
	spans[0].type = "PERCENT";
	spans[0].start = 12;
	spans[0].len = 9;			/* "5 percent" */
	spans[1].type = "DATE";
	spans[1].start = 15;		/* overlaps the first: dropped */
	spans[1].len = 3;
	spans[2].type = "DATE";
	spans[2].start = 47;
	spans[2].len = 13;			/* "12 March 2024" */
	CHECK(na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator,
						NULL, &doc) == NA_OK &&
		  na_doc_add_spans(doc, spans, 3) == NA_OK, "spans added");
	got = na_doc_spans(doc, &ns);
	CHECK(ns == 2 && got[0].start == 12 && got[1].start == 47, "an overlapping span is dropped");
	CHECK(na_doc_next(doc) == NA_OK, "window read");
	CHECK(na_doc_add_spans(doc, spans, 1) == NA_ERR_BAD_ARGUMENT, "no spans after the first window");
	t = na_doc_tokens(doc);
	m = na_doc_norms(doc);
	arena = na_doc_arena(doc);
	n = na_doc_ntokens(doc);
	sent = na_doc_span_sentences(doc);
	for (size_t i = 0; i < n; i++)
	{
		if (t[i].marks & NA_DM_BLOCKED)
			blocked++;
		if (t[i].marks & NA_DM_GAP)
			gaps++;
		if (m[i].len == 6 && memcmp(arena + m[i].off, "kyiv's", 6) == 0)
			poss = true;
		if (m[i].len == 4 && memcmp(arena + m[i].off, "kyiv", 4) == 0 && (t[i].marks & NA_DM_POSS) &&
			m[i].trim_bytes == 2)
			poss = true;
	}
	CHECK(blocked == 5 && gaps == 0, "tokens under spans blocked (%d), none gapped (%d)", blocked, gaps);
	CHECK(sent[0] == 1 && sent[1] == 2, "spans know their sentences (%u, %u)", sent[0], sent[1]);
	CHECK(poss, "a possessive is trimmed from the normalized form");
	CHECK(m[0].len == 6 && memcmp(arena + m[0].off, "prices", 6) == 0 && (t[0].marks & NA_DM_CAP) &&
		  m[0].hash == na_fnv_add(NA_FNV_INIT, "prices", 6), "forms are lower-cased, hashed, marked");
	for (size_t i = 1; i < n; i++)
		if (m[i].off != m[i - 1].off + m[i - 1].len + 1)
			poss = false;
	CHECK(poss, "forms follow each other separated by one space");
	na_doc_destroy(doc);

	/* a span that covers no token lies between two: the next is gapped */
	spans[0].start = 4;
	spans[0].len = 1;
	CHECK(na_doc_create("one  two", 8, NA_DOC_SENTENCES, &na_malloc_allocator, NULL, &doc) == NA_OK &&
		  na_doc_add_spans(doc, spans, 1) == NA_OK && na_doc_next(doc) == NA_OK &&
		  na_doc_ntokens(doc) == 2 && na_doc_tokens(doc)[1].marks == NA_DM_GAP &&
		  na_doc_tokens(doc)[0].marks == 0 && na_doc_span_sentences(doc)[0] == 0,
		  "a span between two tokens gaps the second and has no sentence");
	na_doc_destroy(doc);
}

static void
test_reset_and_errors(void)
{
	NaDoc	   *doc;
	size_t		off = 0;
	NaStatus	st;

	CHECK(na_doc_create("one two", 7, NA_DOC_TOKENS, &na_malloc_allocator, NULL, &doc) == NA_OK &&
		  na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) == 2, "two tokens");
	CHECK(na_doc_reset(doc, "three", 5, NULL) == NA_OK && na_doc_next(doc) == NA_OK &&
		  na_doc_ntokens(doc) == 1 && na_doc_base(doc) == 0 && na_doc_tokens(doc)[0].len == 5,
		  "a reset document reads the new text from the start");
	CHECK(na_doc_reset(doc, "ok \xC3\x28 bad", 9, NULL) == NA_OK &&
		  (st = na_doc_next(doc)) == NA_ERR_INVALID_UTF8 && (off = na_doc_error_offset(doc)) == 3,
		  "invalid UTF-8 stops the document at its offset (%zu)", off);
	CHECK(na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) == 0, "and leaves it exhausted");
	na_doc_destroy(doc);
	CHECK(na_doc_create("x", (size_t) UINT32_MAX, NA_DOC_TOKENS, &na_malloc_allocator, NULL, &doc) ==
		  NA_ERR_TOO_LARGE, "4 GB or more is too large");
}

/* memory stays bounded by the window, not the text */
static void
test_bounded_memory(void)
{
	Counter		c = {0, 0};
	NaAllocator a = {count_alloc, count_resize, count_release, &c};
	size_t		len;
	char	   *text = repeat("President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Monday, "
							  "officials said. ", 60000, &len);	/* 5 MB, 960,000 tokens */
	NaDoc	   *doc;
	size_t		tokens = 0;
	NaStatus	st;

	CHECK(na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, &a, NULL, &doc) == NA_OK,
		  "document over %zu MB created", len >> 20);
	while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		tokens += na_doc_ntokens(doc);
	na_doc_destroy(doc);
	CHECK(st == NA_OK && tokens == 960000, "every token read (%zu)", tokens);
	CHECK(c.peak < 4 * 1024 * 1024, "peak memory %zu KB, bounded by the window", c.peak >> 10);
	CHECK(c.now == 0, "everything released");
	free(text);
}

/* na_analyze gives what the separate calls give */
typedef struct Count
{
	size_t		terms;
	size_t		entities;
	size_t		persons;
	size_t		quotes;
	size_t		speakers;
	size_t		dates;
} Count;

static bool
count_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	((Count *) arg)->terms++;
	return true;
}

static bool
count_entity(const NaEntity *e, void *arg)
{
	Count	   *c = arg;

	c->entities++;
	if (e->type == NA_ENT_PERSON)
		c->persons++;
	return true;
}

static bool
count_quote(const NaQuote *q, void *arg)
{
	Count	   *c = arg;

	c->quotes++;
	if (q->speaker)
		c->speakers++;
	return true;
}

static bool
count_date(const NaDateMention *m, void *arg)
{
	((Count *) arg)->dates++;
	return true;
}

static void
test_analyze(void)
{
	const char *text = "Prime Minister Boris Johnson said on Monday: \"We will win.\" "
		"The Bank of England raised rates by 0.25 percent last week.";
	NaGazetteer *g;
	NaLexer    *lx;
	NaPatternSet *set;
	NaDoc	   *doc;
	NaAnalysis	an;
	Count		one = {0},
				sep = {0};
	int32_t		published = na_days_from_civil(2020, 3, 4);
	NaStatus	st;

	na_gazetteer_create(&na_malloc_allocator, &g);
	na_gazetteer_add(g, "Boris Johnson", 13, "Boris Johnson", 13, NA_ENT_PERSON, NULL, 0);
	na_gazetteer_add(g, "Bank of England", 15, "Bank of England", 15, NA_ENT_ORG, NULL, 0);
	na_lexer_create("english", &na_malloc_allocator, &lx);
	na_patterns_create(&na_malloc_allocator, &set);

	na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator, NULL, &doc);
	na_doc_scan_patterns(doc, set);
	memset(&an, 0, sizeof(an));
	an.arg = &one;
	an.lexer = lx;
	an.term = count_term;
	an.gazetteer = g;
	an.entity = count_entity;
	an.quote = count_quote;
	an.date = count_date;
	an.published = &published;
	st = na_analyze(doc, &an, &na_malloc_allocator);
	na_doc_destroy(doc);

	na_lexer_terms(lx, text, strlen(text), count_term, &sep, NULL, NULL);
	na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator, NULL, &doc);
	na_doc_scan_patterns(doc, set);
	na_entities_of_doc(doc, g, NULL, count_entity, &sep, &na_malloc_allocator);
	na_doc_destroy(doc);
	na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator, NULL, &doc);
	na_doc_scan_patterns(doc, set);
	na_quotes_of_doc(doc, g, NULL, count_quote, &sep, &na_malloc_allocator);
	na_dates_of_doc(doc, &published, count_date, &sep);
	na_doc_destroy(doc);

	CHECK(st == NA_OK && one.terms == sep.terms && one.terms == 15, "terms as na_lexer_terms (%zu)",
		  one.terms);
	CHECK(one.entities == sep.entities && one.entities == 5 && one.persons == 1,
		  "entities as na_entities_of_doc (%zu)", one.entities);
	CHECK(one.quotes == 1 && sep.quotes == 1 && one.speakers == 1, "the quotation and its speaker");
	CHECK(one.dates == sep.dates && one.dates == 2, "dates as na_dates_of_doc (%zu)", one.dates);

	na_doc_create(text, strlen(text), NA_DOC_TOKENS, &na_malloc_allocator, NULL, &doc);
	CHECK(na_analyze(doc, &an, &na_malloc_allocator) == NA_ERR_BAD_ARGUMENT,
		  "entities need a document with sentences and normalized forms");
	na_doc_destroy(doc);

	na_patterns_destroy(set);
	na_lexer_destroy(lx);
	na_gazetteer_destroy(g);
}

int
main(void)
{
	test_windows();
	test_cut_before_names();
	test_spans_and_norms();
	test_reset_and_errors();
	test_bounded_memory();
	test_analyze();
	return na_test_done();
}
