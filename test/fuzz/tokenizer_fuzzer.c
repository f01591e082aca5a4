/*
 * tokenizer_fuzzer.c
 *		libFuzzer harness for the scanner, the sentence splitter and the
 *		lexer.  Besides memory errors (ASan/UBSan), it checks invariants:
 *		tokens are in order, inside the input, never overlap, and their
 *		character offsets agree with their byte offsets; sentences cover
 *		their tokens; every term is non-empty and bounded; a pulling
 *		NaScanner gives the same tokens as na_scan.
 *
 *	Short run (test/check.sh): 20 s.  Long run:
 *		clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core \
 *			-o /tmp/tokenizer_fuzzer test/fuzz/tokenizer_fuzzer.c $(ls src/core/ *.c) \
 *			-lpcre2-8 -lutf8proc -lstemmer -lm		(no space after core/)
 *		mkdir -p /tmp/corpus && cp -r test/fuzz/seeds/. /tmp/corpus/
 *		/tmp/tokenizer_fuzzer -max_len=65536 -jobs=2 /tmp/corpus
 */
#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

typedef struct Check
{
	const uint8_t *data;
	size_t		size;
	size_t		last_end;
	size_t		last_cend;
	uint32_t	last_sentence;
	size_t		sent_start;
	size_t		ntokens;
} Check;

/* character count of data[0..n): every byte that is not a continuation,
 * for valid UTF-8 (the scanner rejected anything else before this matters) */
static size_t
chars_before(const uint8_t *data, size_t n)
{
	size_t		c = 0;

	for (size_t i = 0; i < n; i++)
		if ((data[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static bool
on_token(const NaToken *tok, uint32_t sentence, void *arg)
{
	Check	   *ck = arg;

	if (tok->len == 0 || tok->start < ck->last_end || tok->start + tok->len > ck->size ||
		tok->kind < NA_TOK_WORD || tok->kind > NA_TOK_KIND_MAX ||
		tok->cstart < ck->last_cend || tok->clen == 0 || tok->clen > tok->len ||
		sentence < ck->last_sentence || sentence > ck->last_sentence + 1 || sentence == 0)
		abort();
	/* checked on small inputs only: it is quadratic */
	if (ck->size < 4096 &&
		(chars_before(ck->data, tok->start) != tok->cstart ||
		 chars_before(ck->data + tok->start, tok->len) != tok->clen))
		abort();
	ck->last_end = tok->start + tok->len;
	ck->last_cend = tok->cstart + tok->clen;
	ck->last_sentence = sentence;
	ck->ntokens++;
	return true;
}

static bool
on_sentence(const NaSentence *s, void *arg)
{
	Check	   *ck = arg;

	if (s->number != ck->last_sentence || s->len == 0 || s->start + s->len > ck->size ||
		s->start < ck->sent_start || s->ntokens == 0)
		abort();
	ck->sent_start = s->start + s->len;
	return true;
}

/* na_scan's tokens, checked against a NaScanner pulled in step */
static bool
on_scan(const NaToken *tok, void *arg)
{
	NaScanner  *sc = arg;
	NaToken		t;

	if (!na_scanner_next(sc, &t) || t.kind != tok->kind || t.flags != tok->flags ||
		t.cp != tok->cp || t.start != tok->start || t.len != tok->len ||
		t.cstart != tok->cstart || t.clen != tok->clen ||
		t.newlines != tok->newlines || t.space_before != tok->space_before)
		abort();
	return true;
}

static bool
on_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	if (len == 0 || len > NA_MAX_TERM_BYTES || term == NULL)
		abort();
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static NaLexer *english,
			   *simple;
	Check		ck;
	NaStatus	st1,
				st2;

	if (!english && (na_lexer_create("english", &na_malloc_allocator, &english) != NA_OK ||
					 na_lexer_create("simple", &na_malloc_allocator, &simple) != NA_OK))
		abort();
	memset(&ck, 0, sizeof(ck));
	ck.data = data;
	ck.size = size;
	st1 = na_split((const char *) data, size, on_token, on_sentence, &ck, NULL, NULL);
	if (st1 != NA_OK && st1 != NA_ERR_INVALID_UTF8)
		abort();
	st2 = na_lexer_terms(english, (const char *) data, size, on_term, NULL, NULL, NULL);
	if (st2 != st1)
		abort();				/* both scans agree on validity */
	{
		NaScanner	sc;
		NaToken		t;

		na_scanner_init(&sc, (const char *) data, size, NULL);
		st2 = na_scan((const char *) data, size, on_scan, &sc, NULL, NULL);
		if (st2 != st1 || na_scanner_next(&sc, &t) || na_scanner_status(&sc, NULL) != st1)
			abort();			/* the pulled scan ends where na_scan does */
	}
	na_lexer_terms(simple, (const char *) data, size, on_term, NULL, NULL, NULL);
	return 0;
}
