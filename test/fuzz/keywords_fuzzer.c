/*
 * keywords_fuzzer.c
 *		libFuzzer harness for keyphrase extraction (src/core/keywords.c):
 *		arbitrary bytes as a text, then as an aggregate state.  Every
 *		keyphrase must be the text at its offsets (bytes and characters),
 *		scores in 0..1, at most n of them, no two the same; the aggregate
 *		state must write, merge back and give the same phrases; arbitrary
 *		bytes as a state must be rejected or merged without harm.
 *
 *	make NA_BUILD=/tmp/fz /tmp/fz/fuzz/keywords_fuzzer
 *	/tmp/fz/fuzz/keywords_fuzzer -max_len=65536 test/fuzz/seeds
 *	(the Makefile's FUZZ_CFLAGS hold -fno-sanitize-recover=all: a UBSan
 *	report stops the run)
 */
#include <stdlib.h>
#include <string.h>

#include "keywords.h"

#define N	10

static NaLexer *lexer;

typedef struct Seen
{
	const char *text;
	size_t		len;
	uint32_t	n;
	uint64_t	keys[N];
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
check_phrase(const NaKeyphrase *kp, void *arg)
{
	Seen	   *s = arg;

	if (s->n >= N || kp->phrase != s->text + kp->start || kp->start + kp->phrase_len > s->len ||
		kp->phrase_len == 0 || !(kp->score >= 0 && kp->score <= 1) || kp->count == 0 ||
		chars(s->text, kp->start) != kp->cstart || chars(kp->phrase, kp->phrase_len) != kp->clen)
		abort();
	for (uint32_t i = 0; i < s->n; i++)
		if (s->keys[i] == kp->key)
			abort();
	s->keys[s->n++] = kp->key;
	return true;
}

typedef struct AggSeen
{
	uint32_t	n;
	uint64_t	keys[N];
} AggSeen;

static bool
agg_phrase(const NaKeyphrase *kp, uint32_t ntexts, void *arg)
{
	AggSeen    *a = arg;

	if (a->n >= N || ntexts == 0 || !(kp->score >= 0 && kp->score <= 1))
		abort();
	a->keys[a->n++] = kp->key;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const NaAllocator *alloc = &na_malloc_allocator;
	const char *text = (const char *) data;
	Seen		seen = {text, size, 0, {0}};
	NaDoc	   *doc = NULL;
	NaKeywords *kw = NULL;
	NaKeyAgg   *agg = NULL;
	NaKeyAgg   *copy = NULL;
	NaStatus	st;

	if (!lexer && na_lexer_create("english", alloc, &lexer) != NA_OK)
		abort();
	st = na_keywords_extract(text, size, lexer, NULL, N, check_phrase, &seen, alloc, NULL, NULL);
	if (st != NA_OK && st != NA_ERR_INVALID_UTF8)
		abort();

	/* the aggregate: one text, written and merged into an empty state */
	if (st == NA_OK)
	{
		AggSeen		a = {0, {0}};
		AggSeen		b = {0, {0}};
		uint8_t    *bytes;
		size_t		len;

		if (na_doc_create(text, size, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, NULL, &doc) != NA_OK ||
			na_keywords_create(doc, lexer, alloc, NULL, &kw) != NA_OK ||
			na_keyagg_create(alloc, NULL, &agg) != NA_OK || na_keyagg_create(alloc, NULL, &copy) != NA_OK)
			abort();
		while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
			if (na_keywords_window(kw) != NA_OK)
				abort();
		if (st != NA_OK || na_keyagg_add_text(agg, kw, NULL) != NA_OK)
			abort();
		len = na_keyagg_size(agg);
		bytes = malloc(len);
		if (!bytes)
			abort();
		na_keyagg_write(agg, bytes);
		if (na_keyagg_merge(copy, bytes, len) != NA_OK || na_keyagg_texts(copy) != 1 ||
			na_keyagg_result(agg, N, agg_phrase, &a) != NA_OK ||
			na_keyagg_result(copy, N, agg_phrase, &b) != NA_OK || a.n != b.n ||
			memcmp(a.keys, b.keys, a.n * sizeof(uint64_t)) != 0)
			abort();
		free(bytes);
		na_keyagg_destroy(copy);
		copy = NULL;
		na_keyagg_destroy(agg);
		agg = NULL;
		na_keywords_destroy(kw);
		na_doc_destroy(doc);
	}

	/* the bytes as a state: rejected or merged, never a crash */
	if (na_keyagg_create(alloc, NULL, &agg) != NA_OK)
		abort();
	st = na_keyagg_merge(agg, data, size);
	if (st == NA_OK)
	{
		AggSeen		a = {0, {0}};

		if (na_keyagg_result(agg, N, agg_phrase, &a) != NA_OK)
			abort();
	}
	na_keyagg_destroy(agg);
	return 0;
}
