/*
 * tokenizer_fuzzer.c
 *		libFuzzer harness for the scanner, the sentence splitter and the
 *		lexer.  Besides memory errors (ASan/UBSan), it checks invariants:
 *		tokens are in order, inside the input, never overlap, and their
 *		character offsets agree with their byte offsets; sentences cover
 *		their tokens; every term is non-empty and bounded; a pulling
 *		NaScanner gives the same tokens as na_scan; an analysed document
 *		(doc.h), window by window, gives the tokens and sentences of
 *		na_split, with normalized forms inside its arena.
 *
 *	Short run (test/check.sh): 20 s.  Long run:
 *		make NA_BUILD=/tmp/fz /tmp/fz/fuzz/tokenizer_fuzzer
 *		mkdir -p /tmp/corpus && cp -r test/fuzz/seeds/. /tmp/corpus/
 *		/tmp/fz/fuzz/tokenizer_fuzzer -max_len=65536 -jobs=2 /tmp/corpus
 *	(the Makefile's FUZZ_CFLAGS hold -fno-sanitize-recover=all: a UBSan
 *	report stops the run)
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lexer.h"
#include "sentences.h"
#include "tokenizer.h"

/* na_split's tokens and sentences, for the document to match */
#define MAX_SEEN	(65536 + 1)
static NaToken seen_tokens[MAX_SEEN];
static NaSentence seen_sentences[MAX_SEEN];
static size_t nseen_sentences;

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
	if (ck->ntokens < MAX_SEEN)
	{
		seen_tokens[ck->ntokens] = *tok;
		seen_tokens[ck->ntokens].sentence = sentence;
	}
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
	if (nseen_sentences < MAX_SEEN)
		seen_sentences[nseen_sentences++] = *s;
	return true;
}

/*
 * check_doc: the windows of a document with layers give na_split's tokens
 * (sentence numbers only with NA_DOC_SENTENCES) and sentences, in order,
 * and normalized forms inside the arena
 */
static void
check_doc(const uint8_t *data, size_t size, unsigned layers, const Check *ck, NaStatus want)
{
	NaDoc	   *doc;
	NaStatus	st;
	size_t		ntok = 0;
	size_t		nsent = 0;

	if (na_doc_create((const char *) data, size, layers, &na_malloc_allocator, NULL, &doc) != NA_OK)
		abort();
	while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		const NaToken *t = na_doc_tokens(doc);
		const NaDocNorm *m = na_doc_norms(doc);
		const char *arena = na_doc_arena(doc);
		const NaDocSentence *ds;
		size_t		n = na_doc_ntokens(doc);
		size_t		ns;

		if (na_doc_base(doc) != ntok)
			abort();
		for (size_t i = 0; i < n; i++, ntok++)
		{
			const NaToken *w = &seen_tokens[ntok];

			if (ntok >= ck->ntokens || t[i].start != w->start || t[i].len != w->len ||
				t[i].kind != w->kind || t[i].flags != w->flags ||
				t[i].sentence != ((layers & NA_DOC_SENTENCES) ? w->sentence : 0))
				abort();
			if (m && (m[i].len > 255 || (m[i].len > 0 && !arena) ||
					  (i > 0 && m[i].off < m[i - 1].off + m[i - 1].len + 1)))
				abort();
		}
		ds = na_doc_sentences(doc, &ns);
		for (size_t k = 0; k < ns; k++, nsent++)
			if (nsent >= nseen_sentences || ds[k].number != seen_sentences[nsent].number ||
				ds[k].start != seen_sentences[nsent].start || ds[k].len != seen_sentences[nsent].len ||
				ds[k].ntokens != seen_sentences[nsent].ntokens)
				abort();
	}
	if (st != want || (st == NA_OK && (ntok != ck->ntokens ||
									   nsent != ((layers & NA_DOC_SENTENCES) ? nseen_sentences : 0))))
		abort();
	na_doc_destroy(doc);
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
		t.newlines != tok->newlines || t.sentence != 0 || t.marks != 0)
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
	nseen_sentences = 0;
	st1 = na_split((const char *) data, size, on_token, on_sentence, &ck, NULL, NULL);
	if (st1 != NA_OK && st1 != NA_ERR_INVALID_UTF8)
		abort();
	check_doc(data, size, NA_DOC_TOKENS, &ck, st1);
	check_doc(data, size, NA_DOC_SENTENCES | NA_DOC_NORMS, &ck, st1);
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
