/*
 * lexemes_test.c
 *		Unit tests of the distinct-term set behind news.tsvector
 *		(src/core/lexemes.c) against a plain reference of tsvector's
 *		uniqueWORD: keep every (term, position), sort by term bytes (a
 *		prefix first) then position, merge equal terms keeping at most 255
 *		positions, none after 16,383 and no repeat.  Random documents over
 *		vocabularies with shared 8-byte prefixes, prefixes of each other and
 *		bytes above 0x7F; positions past the cap; a set reused for many
 *		documents, large ones included; the size limit.  The same with
 *		memos (na_lexemes_add_memo), one per vocabulary word as
 *		news.tsvector keeps one per word in the lexer's term cache, mixed
 *		with calls without a memo and batched ones.
 */
#include <stdlib.h>
#include <string.h>

#include "lexemes.h"
#include "na_test.h"

typedef struct Occ
{
	const char *term;
	size_t		len;
	uint32_t	pos;
} Occ;

static int
cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
	int			c = memcmp(a, b, la < lb ? la : lb);

	if (c != 0)
		return c;
	return la < lb ? -1 : la > lb ? 1 : 0;
}

static int
cmp_occ(const void *x, const void *y)
{
	const Occ  *a = x,
			   *b = y;
	int			c = cmp_bytes(a->term, a->len, b->term, b->len);

	if (c != 0)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos ? 1 : 0;
}

/* the reference: the string area as make_tsvector writes it */
static size_t
reference(Occ *occ, size_t n, char *area, NaLexemeRef *refs, size_t *nterms)
{
	size_t		off = 0,
				k = 0;

	qsort(occ, n, sizeof(Occ), cmp_occ);
	*nterms = 0;
	while (k < n)
	{
		size_t		j = k;
		uint16_t	pos[NA_LEX_MAX_POSITIONS];
		uint16_t	npos = 0;

		for (; j < n && cmp_bytes(occ[j].term, occ[j].len, occ[k].term, occ[k].len) == 0; j++)
		{
			uint16_t	p = (uint16_t) (occ[j].pos > NA_LEX_MAX_POS ? NA_LEX_MAX_POS : occ[j].pos);

			if (npos == 0 || (npos < NA_LEX_MAX_POSITIONS && pos[npos - 1] != NA_LEX_MAX_POS &&
							  pos[npos - 1] != p))
				pos[npos++] = p;
		}
		refs[*nterms].off = (uint32_t) off;
		refs[*nterms].len = (uint32_t) occ[k].len;
		(*nterms)++;
		memcpy(area + off, occ[k].term, occ[k].len);
		off += occ[k].len;
		off += off & 1;
		memcpy(area + off, &npos, 2);
		memcpy(area + off + 2, pos, 2 * (size_t) npos);
		off += 2 + 2 * (size_t) npos;
		k = j;
	}
	return off;
}

static char vocab[400][40];
static size_t vlen[400];

static void
make_vocab(unsigned seed)
{
	srand(seed);
	for (int i = 0; i < 400; i++)
	{
		int			kind = i % 5;
		size_t		n;

		if (kind == 0)			/* shared 8-byte prefix, then a tail */
			n = (size_t) snprintf(vocab[i], 40, "internat%d", rand() % 50);
		else if (kind == 1)		/* prefixes of each other */
			n = (size_t) snprintf(vocab[i], 40, "%.*s", 1 + rand() % 12, "abcdefghijkl");
		else if (kind == 2)		/* UTF-8 */
			n = (size_t) snprintf(vocab[i], 40, "\xc3\xa9t\xc3\xa9%d", rand() % 30);
		else
		{
			n = 1 + (size_t) (rand() % 14);
			for (size_t k = 0; k < n; k++)
				vocab[i][k] = (char) ('a' + rand() % 4);
			vocab[i][n] = '\0';
		}
		vlen[i] = n;
	}
}

/*
 * add: term v at pos through na_lexemes_add (memos 0), or with memos
 * through na_lexemes_add_memo with the word's memo, but one term in eight
 * without one and one in sixteen batched
 */
static uint32_t memo[400];		/* of the current document */

static NaStatus
add(NaLexemes *ls, int v, uint32_t pos, bool memos)
{
	int			r = rand() % 16;

	if (!memos)
		return na_lexemes_add(ls, vocab[v], vlen[v], pos);
	if (r == 0)
		return na_lexemes_add(ls, vocab[v], vlen[v], pos);
	return na_lexemes_add_memo(ls, vocab[v], vlen[v], pos, r == 1 ? NULL : &memo[v]);
}

/* one random document of ntok tokens; 1 when the set matches the reference */
static int
one_document(NaLexemes *ls, size_t ntok, int vocab_size, uint32_t gap, bool memos)
{
	Occ		   *occ = malloc(sizeof(Occ) * ntok);
	char	   *want = calloc(1, ntok * 48 + 16);
	char	   *got = calloc(1, ntok * 48 + 16);
	NaLexemeRef *wrefs = malloc(sizeof(NaLexemeRef) * (ntok + 1));
	NaLexemeRef *grefs = malloc(sizeof(NaLexemeRef) * (ntok + 1));
	uint32_t	pos = 0;
	size_t		wn,
				gn,
				wbytes,
				gbytes;
	int			ok = 1;

	na_lexemes_reset(ls);
	memset(memo, 0, sizeof(memo));
	for (size_t i = 0; i < ntok; i++)
	{
		int			v = rand() % vocab_size;

		pos += 1 + (uint32_t) (rand() % (int) gap);
		occ[i].term = vocab[v];
		occ[i].len = vlen[v];
		occ[i].pos = pos;
		if (add(ls, v, pos, memos) != NA_OK)
			ok = 0;
	}
	if (na_lexemes_finish(ls, &gn, &gbytes) != NA_OK)
		ok = 0;
	wbytes = reference(occ, ntok, want, wrefs, &wn);
	if (ok && gn == wn && gbytes == wbytes)
	{
		na_lexemes_write(ls, got, grefs);
		ok = memcmp(got, want, wbytes) == 0 && memcmp(grefs, wrefs, sizeof(NaLexemeRef) * wn) == 0;
	}
	else
		ok = 0;
	free(occ);
	free(want);
	free(got);
	free(wrefs);
	free(grefs);
	return ok;
}

int
main(void)
{
	NaLexemes  *ls;
	int			fails;
	size_t		n,
				bytes;

	CHECK(na_lexemes_create(&na_malloc_allocator, &ls) == NA_OK, "create a set");
	make_vocab(1);

	for (int m = 0; m < 2; m++)
	{
		bool		memos = m == 1;
		const char *with = memos ? ", with memos" : "";

		/* many documents through one set, of every size */
		fails = 0;
		for (int d = 0; d < 300; d++)
			fails += !one_document(ls, (size_t) (1 + rand() % 300), 1 + rand() % 400, 3, memos);
		CHECK(fails == 0, "300 short documents equal the reference (%d differ)%s", fails, with);
		fails = 0;
		for (int d = 0; d < 5; d++)
			fails += !one_document(ls, 30000, 400, 2, memos);
		CHECK(fails == 0, "30,000-token documents: positions past 16,383, more than 255 repeats (%d differ)%s", fails, with);
		CHECK(one_document(ls, 5, 3, 1, memos), "a short document after the large ones%s", with);
		CHECK(one_document(ls, 2000, 2, 1, memos), "two terms repeated 1,000 times each: 255 positions each%s", with);
		fails = 0;
		for (int d = 0; d < 50; d++)
			fails += !one_document(ls, 3000, 400, 40, memos);
		CHECK(fails == 0, "positions with gaps, clamped at 16,383 (%d differ)%s", fails, with);
	}

	/* the empty document */
	na_lexemes_reset(ls);
	CHECK(na_lexemes_finish(ls, &n, &bytes) == NA_OK && n == 0 && bytes == 0, "an empty document: no terms");

	/* bad arguments */
	na_lexemes_reset(ls);
	CHECK(na_lexemes_add(ls, "x", 0, 1) == NA_ERR_BAD_ARGUMENT, "an empty term is refused");
	CHECK(na_lexemes_add_memo(ls, "x", 0, 1, NULL) == NA_ERR_BAD_ARGUMENT, "an empty term is refused with a memo too");

	/* the size limit: distinct 16-byte terms, 20 bytes each in the area */
	{
		char		term[17];
		NaStatus	st = NA_OK;
		int			i;

		na_lexemes_reset(ls);
		for (i = 0; i < 100000 && st == NA_OK; i++)
		{
			snprintf(term, sizeof(term), "%016d", i);
			st = na_lexemes_add(ls, term, 16, (uint32_t) i + 1);
		}
		if (st == NA_OK)
			st = na_lexemes_finish(ls, &n, &bytes);
		CHECK(st == NA_ERR_TOO_LARGE && i < 60000, "1 MB of terms: too large after %d terms", i);
		CHECK(one_document(ls, 100, 50, 2, true), "the set works again after reset");
	}
	na_lexemes_destroy(ls);
	return na_test_done();
}
