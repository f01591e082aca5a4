/*
 * entities_fuzzer.c
 *		libFuzzer harness for na_entities_extract, na_quotes_extract and
 *		na_analyze: no crash, no leak, and the invariants of the output
 *		hold (mentions inside the input, in text order, not overlapping;
 *		attributions in order, not overlapping, their quote, source, cue
 *		and content inside the input, a kind and a confidence from 0 to 1,
 *		scare quotes without a source; one pass over one document gives
 *		the entities and quotations of the separate calls, and the
 *		keyphrases and summary of na_keywords_extract and
 *		na_summary_extract over the same text, although its document has
 *		a pattern span and the markup blocked; with the built-in stacked
 *		model, the entities of na_entities_of_doc with it and the
 *		quotations of na_quotes_of_doc with the rules, whose names it
 *		taps, na_entities_tap_rules).  Inputs are capped at 64 kB.
 */
#include "analyze.h"
#include "entities.h"
#include "gazetteer.h"
#include "markup.h"
#include "ner_model.h"
#include "ner_tagger.h"
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

static NaGazetteer *gaz;
static NaNerModel *stacked;		/* the built-in "combined" on gaz */
static NaLexer *lexer;			/* "english", for keyphrases and summaries */

typedef struct State
{
	const char *text;
	size_t		len;
	size_t		last_end;
	size_t		last_qend;
	size_t		entities;
	size_t		quotes;
	uint64_t	sum;			/* of entity and quote offsets and lengths */
	uint64_t	rows;			/* keyphrases and summary sentences ... */
	uint64_t	digest;			/* ... and their fields, in order */
} State;

static bool
on_entity(const NaEntity *e, void *arg)
{
	State	   *s = arg;

	if (e->start < s->last_end || e->start + e->len > s->len || e->len == 0 ||
		e->clen == 0 || e->clen > e->len || e->canonical_len == 0 || e->sentence == 0)
		abort();
	s->last_end = e->start + e->len;
	s->entities++;
	s->sum += e->start * 31 + e->len + e->canonical_len * 7 + e->sentence;
	return true;
}

/* a span of the input, or absent (length 0) */
static bool
span_ok(const NaQuoteSpan *sp, size_t len)
{
	return sp->start + sp->len <= len && sp->clen <= sp->len && (sp->len == 0) == (sp->clen == 0);
}

static bool
on_quote(const NaQuote *q, void *arg)
{
	State	   *s = arg;
	const char *base = s->text;

	if (q->quote.start < s->last_qend || !span_ok(&q->quote, s->len) || q->quote.len == 0 ||
		q->text_len == 0 || q->text_len > q->quote.len)
		abort();
	/* the source, the cue and the content lie in the input */
	if ((unsigned) q->kind >= NA_QUOTE_KIND_COUNT || !(q->confidence >= 0 && q->confidence <= 1) ||
		!span_ok(&q->mention_span, s->len) || !span_ok(&q->cue_span, s->len) ||
		!span_ok(&q->content, s->len))
		abort();
	if (q->mention && (q->mention != base + q->mention_span.start ||
					   q->mention_len != q->mention_span.len || q->mention_len == 0))
		abort();
	if (q->cue && (q->cue_len == 0 || q->cue_span.len == 0 ||
				   memcmp(q->cue, base + q->cue_span.start, q->cue_span.len) != 0))
		abort();
	if (q->speaker && q->speaker_len == 0)
		abort();
	/* a scare quote is no speech */
	if (q->kind == NA_QUOTE_SCARE && (q->speaker || q->mention || q->cue || q->content.len))
		abort();
	s->last_qend = q->quote.start + q->quote.len;
	s->quotes++;
	s->sum += q->quote.start * 17 + q->quote.len + (q->speaker ? q->speaker_len : 0);
	return true;
}

/* mix: one field of a keyphrase or sentence into the digest, in order */
static void
mix(State *s, uint64_t v)
{
	s->digest = (s->digest ^ v) * 0x100000001b3ull;
}

static uint64_t
real_bits(float f)
{
	uint32_t	u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static bool
on_keyphrase(const NaKeyphrase *kp, void *arg)
{
	State	   *s = arg;

	s->rows++;
	mix(s, (uint64_t) (kp->phrase - s->text));
	mix(s, kp->phrase_len);
	mix(s, real_bits(kp->score));
	mix(s, kp->count);
	mix(s, kp->kind);
	mix(s, kp->cstart);
	mix(s, kp->clen);
	return true;
}

static bool
on_sentence(const NaSummarySentence *m, void *arg)
{
	State	   *s = arg;

	s->rows++;
	mix(s, m->number);
	mix(s, (uint64_t) (m->text - s->text));
	mix(s, m->len);
	mix(s, m->cstart);
	mix(s, m->clen);
	mix(s, real_bits(m->score));
	return true;
}

static void
add(const char *alias, const char *canon, NaEntityType type, const char *link)
{
	(void) na_gazetteer_add(gaz, alias, strlen(alias), canon, strlen(canon), type,
							link, link ? strlen(link) : 0);
}

/*
 * analyze_once: one pass of na_analyze with model over data (with span when
 * it has a length), the markup blocked as na_entities_extract and the SQL
 * functions block it; entities and quotations counted in *one, and with
 * texts the 10 keyphrases and 3 summary sentences of the SQL defaults
 */
static NaStatus
analyze_once(const uint8_t *data, size_t size, const NaSpan *span, NaNerModel *model,
			 bool texts, State *one)
{
	NaDoc	   *doc;
	NaAnalysis	a;
	NaStatus	st;

	memset(one, 0, sizeof(*one));
	one->text = (const char *) data;
	one->len = size;
	memset(&a, 0, sizeof(a));
	a.arg = one;
	a.gazetteer = gaz;
	a.model = model;
	a.entity = on_entity;
	a.quote = on_quote;
	if (texts)
	{
		a.english = lexer;
		a.keyphrase = on_keyphrase;
		a.keyphrases = 10;
		a.summary = on_sentence;
		a.sentences = 3;
	}
	if (na_doc_create((const char *) data, size, NA_DOC_SENTENCES | NA_DOC_NORMS,
					  &na_malloc_allocator, NULL, &doc) != NA_OK ||
		(span->len && na_doc_add_spans(doc, span, 1) != NA_OK))
		abort();
	st = na_markup_block(doc, false, &na_malloc_allocator, NULL);
	if (st == NA_OK)
		st = na_analyze(doc, &a, &na_malloc_allocator);
	na_doc_destroy(doc);
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	State		s;
	size_t		off;
	NaSpan		span;

	if (size > 65536)
		return 0;
	if (!gaz)
	{
		na_gazetteer_create(&na_malloc_allocator, &gaz);
		add("Donald Trump", "Donald Trump", NA_ENT_PERSON, NULL);
		add("Trump", "Donald Trump", NA_ENT_PERSON, NULL);
		add("U.S.", "United States", NA_ENT_LOC, NULL);
		add("US", "United States", NA_ENT_LOC, NULL);
		add("Kiev", "Kyiv", NA_ENT_LOC, "Ukraine");
		add("Russian", "Russian", NA_ENT_NORP, "Russia");
		add("Secretary of State", "Secretary of State", NA_ENT_TITLE, NULL);
		add("President", "President", NA_ENT_TITLE, NULL);
		add("Sergey", "Sergei", NA_ENT_GIVEN_NAME, NULL);
		add("Bank of England", "Bank of England", NA_ENT_ORG, NULL);
		if (na_lexer_create("english", &na_malloc_allocator, &lexer) != NA_OK)
			abort();
	}
	memset(&s, 0, sizeof(s));
	s.len = size;
	(void) na_entities_extract(gaz, (const char *) data, size, NULL, 0, on_entity, &s,
							   &na_malloc_allocator, NULL, &off);
	/* with a span over the middle of the input */
	memset(&s, 0, sizeof(s));
	s.len = size;
	span.type = "TEST";
	span.start = size / 3;
	span.len = size / 3;
	span.cstart = 0;
	span.clen = 1;
	span.confidence = 0.5f;
	(void) na_entities_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
							   span.len ? 1 : 0, on_entity, &s, &na_malloc_allocator, NULL, &off);
	memset(&s, 0, sizeof(s));
	s.text = (const char *) data;
	s.len = size;
	(void) na_quotes_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
							 span.len ? 1 : 0, on_quote, &s, &na_malloc_allocator, NULL, &off);
	/* one pass over one document: the same entities and quotations */
	{
		State		one;
		NaStatus	st1,
					st2;

		memset(&s, 0, sizeof(s));
		s.text = (const char *) data;
		s.len = size;
		st1 = na_entities_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
								  span.len ? 1 : 0, on_entity, &s, &na_malloc_allocator, NULL, &off);
		if (st1 == NA_OK)
			st1 = na_quotes_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
									span.len ? 1 : 0, on_quote, &s, &na_malloc_allocator, NULL,
									&off);
		if (st1 == NA_OK)
			st1 = na_keywords_extract((const char *) data, size, lexer, NULL, 10, on_keyphrase,
									  &s, &na_malloc_allocator, NULL, &off);
		if (st1 == NA_OK)
			st1 = na_summary_extract((const char *) data, size, lexer, NULL, 3, on_sentence, &s,
									 &na_malloc_allocator, NULL, &off);
		st2 = analyze_once(data, size, &span, NULL, true, &one);
		if (st1 != st2 || (st1 == NA_OK && (one.entities != s.entities || one.quotes != s.quotes ||
											one.sum != s.sum || one.rows != s.rows ||
											one.digest != s.digest)))
			abort();
	}
	/* one pass with the stacked model: its entities, the rules' speakers */
	{
		State		sep,
					one;
		NaDoc	   *doc;
		NaSpan		nospan = {0};
		NaStatus	st1,
					st2;
		size_t		flags = NA_DOC_SENTENCES | NA_DOC_NORMS;

		if (!stacked)
		{
			NaTagger   *t;

			if (na_tagger_builtin("combined", 8, &na_malloc_allocator, &t) != NA_OK ||
				na_tagger_model(t, gaz, &na_malloc_allocator, &stacked) != NA_OK)
				abort();
		}
		memset(&sep, 0, sizeof(sep));
		sep.text = (const char *) data;
		sep.len = size;
		if (na_doc_create((const char *) data, size, flags, &na_malloc_allocator, NULL, &doc) != NA_OK)
			abort();
		st1 = na_markup_block(doc, false, &na_malloc_allocator, NULL);
		if (st1 == NA_OK)
			st1 = na_entities_of_doc(doc, gaz, stacked, on_entity, &sep, &na_malloc_allocator);
		na_doc_destroy(doc);
		if (na_doc_create((const char *) data, size, flags, &na_malloc_allocator, NULL, &doc) != NA_OK)
			abort();
		if (st1 == NA_OK)
			st1 = na_markup_block(doc, false, &na_malloc_allocator, NULL);
		if (st1 == NA_OK)
			st1 = na_quotes_of_doc(doc, gaz, NULL, on_quote, &sep, &na_malloc_allocator);
		na_doc_destroy(doc);
		st2 = analyze_once(data, size, &nospan, stacked, false, &one);
		if (st1 != st2 || (st1 == NA_OK && (one.entities != sep.entities || one.quotes != sep.quotes ||
											one.sum != sep.sum)))
			abort();
	}
	return 0;
}
