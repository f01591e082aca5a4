/*
 * summary_fuzzer.c
 *		libFuzzer harness for extractive summaries (src/core/summary.c):
 *		arbitrary bytes as a text, then as an aggregate state.  Every
 *		sentence must be the text at its offsets (bytes and characters), in
 *		text order, at most k of them, scores in 0..1; the aggregate state
 *		must write and merge back to the same result; arbitrary bytes as a
 *		state must be rejected or merged without harm.
 *
 *	make NA_BUILD=/tmp/fz /tmp/fz/fuzz/summary_fuzzer
 *	/tmp/fz/fuzz/summary_fuzzer -max_len=65536 test/fuzz/seeds
 *	(the Makefile's FUZZ_CFLAGS hold -fno-sanitize-recover=all: a UBSan
 *	report stops the run)
 */
#include <stdlib.h>
#include <string.h>

#include "summary.h"

#define K	3

static NaLexer *lexer;

typedef struct Seen
{
	const char *text;
	size_t		len;
	uint32_t	n;
	size_t		last_end;
	uint32_t	last_number;
} Seen;

static size_t
chars(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char) s[i] & 0xC0) != 0x80;
	return n;
}

static bool
check_sentence(const NaSummarySentence *s, void *arg)
{
	Seen	   *v = arg;

	if (v->n >= K || s->text != v->text + s->start || s->start + s->len > v->len || s->len == 0 ||
		s->start < v->last_end || s->number <= v->last_number ||
		!(s->score >= 0 && s->score <= 1) ||
		chars(v->text, s->start) != s->cstart || chars(s->text, s->len) != s->clen)
		abort();
	v->n++;
	v->last_end = s->start + s->len;
	v->last_number = s->number;
	return true;
}

typedef struct AggSeen
{
	uint32_t	n;
	uint64_t	sum;			/* of lengths and first bytes */
} AggSeen;

static bool
agg_sentence(const NaSummarySentence *s, void *arg)
{
	AggSeen    *a = arg;

	if (a->n >= K || s->len == 0 || s->len > NA_SUMAGG_MAX_TEXT || !(s->score >= 0 && s->score <= 1))
		abort();
	a->n++;
	a->sum = a->sum * 31 + s->len + (unsigned char) s->text[0];
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const NaAllocator *alloc = &na_malloc_allocator;
	const char *text = (const char *) data;
	Seen		seen = {text, size, 0, 0, 0};
	NaDoc	   *doc = NULL;
	NaSummary  *sm = NULL;
	NaSumAgg   *agg = NULL;
	NaSumAgg   *copy = NULL;
	NaStatus	st;

	if (!lexer && na_lexer_create("english", alloc, &lexer) != NA_OK)
		abort();
	st = na_summary_extract(text, size, lexer, NULL, K, check_sentence, &seen, alloc, NULL, NULL);
	if (st != NA_OK && st != NA_ERR_INVALID_UTF8)
		abort();

	if (st == NA_OK)
	{
		AggSeen		a = {0, 0};
		AggSeen		b = {0, 0};
		uint8_t    *bytes;
		size_t		len;

		if (na_doc_create(text, size, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, NULL, &doc) != NA_OK ||
			na_summary_create(doc, lexer, alloc, NULL, &sm) != NA_OK ||
			na_sumagg_create(alloc, NULL, &agg) != NA_OK || na_sumagg_create(alloc, NULL, &copy) != NA_OK)
			abort();
		while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
			if (na_summary_window(sm) != NA_OK)
				abort();
		if (st != NA_OK || na_sumagg_add_text(agg, sm, NULL) != NA_OK)
			abort();
		len = na_sumagg_size(agg);
		bytes = malloc(len);
		if (!bytes)
			abort();
		na_sumagg_write(agg, bytes);
		if (na_sumagg_merge(copy, bytes, len) != NA_OK || na_sumagg_texts(copy) != 1 ||
			na_sumagg_result(agg, K, agg_sentence, &a) != NA_OK ||
			na_sumagg_result(copy, K, agg_sentence, &b) != NA_OK || a.n != b.n || a.sum != b.sum)
			abort();
		free(bytes);
		na_sumagg_destroy(copy);
		na_sumagg_destroy(agg);
		agg = NULL;
		na_summary_destroy(sm);
		na_doc_destroy(doc);
	}

	if (na_sumagg_create(alloc, NULL, &agg) != NA_OK)
		abort();
	if (na_sumagg_merge(agg, data, size) == NA_OK)
	{
		AggSeen		a = {0, 0};

		if (na_sumagg_result(agg, K, agg_sentence, &a) != NA_OK)
			abort();
	}
	na_sumagg_destroy(agg);
	return 0;
}
