/*
 * minhash.c
 *		MinHash signatures, LSH band hashes, exact shingle Jaccard and
 *		SimHash over the terms of an analysed document's tokens (see
 *		minhash.h).
 *
 * Design.  The pipeline is streaming and allocation-free for signatures:
 *
 *	NaDoc token --> term splitter --> 64-bit term hash --> shingler ring
 *	--> 64-bit shingle hash --> k permutations --> k running minima
 *
 * Term hash: FNV-1a over the lower-cased UTF-8 bytes of the term, then a
 * 64-bit avalanche finalizer, so that equal terms hash equally whatever
 * case they were written in, and nearby terms hash far apart.
 *
 * Shingle hash: the last `shingle` term hashes are kept in a ring; each
 * new term folds them, oldest first, through the finalizer starting from a
 * seed that depends on the shingle size (order matters: "a b" != "b a").
 * A text with fewer terms than the shingle size folds all of them from a
 * seed that depends on their count, giving one shingle.
 *
 * Permutations: slot i keeps min over shingles of the top 32 bits of
 * a_i * h + b_i (mod 2^64), a_i odd.  With h already a strong hash this is
 * a bijection per slot that is cheap (one multiply-add) and behaves like an
 * independent random permutation in practice; the estimator's error is
 * measured in test/unit/minhash_test.c against exact Jaccard.  Duplicate
 * shingles need no removal: a minimum is idempotent.  32-bit slots halve
 * the signature; two distinct shingles collide in a slot with probability
 * 2^-32, far below the estimator's own sampling error.
 *
 * The exact Jaccard collects the 64-bit shingle hashes, sorts them and
 * merges; it is exact up to 64-bit hash collisions.
 */
#include "minhash.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "unicode.h"

#define GOLDEN			UINT64_C(0x9e3779b97f4a7c15)
#define PERM_SEED		UINT64_C(0x6e6577735f6d6831)	/* "news_mh1" */
#define BAND_SEED		UINT64_C(0x6e6577735f6c7368)	/* "news_lsh" */
#define SIMHASH_SEED	UINT64_C(0x6e6577735f73696d)	/* "news_sim" */

/* Shingles between two calls of the yield hook. */
#define SHINGLES_PER_YIELD	4096

/* mix64: a 64-bit avalanche finalizer (the splitmix64 output function). */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	x ^= x >> 31;
	return x;
}

/* na_minhash_term_hash: the hash of one term's lower-case UTF-8 bytes. */
uint64_t
na_minhash_term_hash(const char *term, size_t len)
{
	return mix64(na_fnv64_add(NA_FNV64_INIT, term, len) ^ len);
}

/*
 * Term splitting.  TermState carries the term being hashed across the
 * bytes of a token; every token ends the current term.
 */
typedef struct TermState
{
	NaMhTermFn	fn;
	void	   *arg;
	const char *text;
	uint64_t	h;				/* FNV state of the current term */
	size_t		tlen;			/* its length in bytes, 0 = no term open */
	size_t		end;			/* byte offset just after the last token */
} TermState;

static inline void
term_end(TermState *ts)
{
	if (ts->tlen)
	{
		ts->fn(mix64(ts->h ^ ts->tlen), ts->arg);
		ts->h = NA_FNV64_INIT;
		ts->tlen = 0;
	}
}

static inline void
term_byte(TermState *ts, uint8_t c)
{
	ts->h = na_fnv64_byte(ts->h, c);
	ts->tlen++;
}

/*
 * token_terms: feed the letters and digits of one token (its source bytes
 * s[0..len), validated as UTF-8 by the scanner) to ts, ending the current
 * term at every other character.  ASCII is lower-cased inline; other
 * characters are classified and lower-cased by unicode.c.  A term may
 * continue into the next token when no white space separates them.
 */
static void
token_terms(TermState *ts, const uint8_t *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint8_t		c = s[i];

		if (c < 0x80)
		{
			if (c >= 'A' && c <= 'Z')
				term_byte(ts, (uint8_t) (c + ('a' - 'A')));
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				term_byte(ts, c);
			else
				term_end(ts);
			i++;
		}
		else
		{
			size_t		n;
			uint32_t	lower;

			if (na_term_char(s, len, i, &n, &lower))
			{
				char		enc[4];
				int			m = na_utf8_encode(lower, enc);

				for (int j = 0; j < m; j++)
					term_byte(ts, (uint8_t) enc[j]);
			}
			else
				term_end(ts);
			i += n;
		}
	}
}

/*
 * na_minhash_terms: call fn with the hash of every term of text, read
 * from the tokens of a token-only NaDoc.
 */
NaStatus
na_minhash_terms(const char *text, size_t len, NaMhTermFn fn, void *arg,
				 const NaAllocator *alloc, const NaYield *yield,
				 size_t *err_offset)
{
	TermState	ts;
	NaDoc	   *doc;
	NaStatus	st;

	ts.fn = fn;
	ts.arg = arg;
	ts.text = text;
	ts.h = NA_FNV64_INIT;
	ts.tlen = 0;
	ts.end = 0;
	if ((st = na_doc_create(text, len, NA_DOC_TOKENS, alloc, yield, &doc)) != NA_OK)
		return st;
	while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		const NaToken *toks = na_doc_tokens(doc);
		size_t		n = na_doc_ntokens(doc);

		for (size_t i = 0; i < n; i++)
		{
			/* white space between tokens ends a term; adjacent tokens do not */
			if (toks[i].start != ts.end)
				term_end(&ts);
			token_terms(&ts, (const uint8_t *) text + toks[i].start, toks[i].len);
			ts.end = toks[i].start + toks[i].len;
		}
	}
	if (st == NA_OK)
		term_end(&ts);
	else if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_doc_destroy(doc);
	return st;
}

/*
 * Shingler: turns term hashes into shingle hashes.  emit gets each
 * shingle's hash (duplicates included).
 */
typedef void (*ShingleFn) (uint64_t h, void *arg);

typedef struct Shingler
{
	int			size;
	uint64_t	ring[NA_MINHASH_MAX_SHINGLE];
	size_t		nterms;
	size_t		since_yield;
	const NaYield *yield;
	ShingleFn	emit;
	void	   *arg;
} Shingler;

static uint64_t
fold_terms(const Shingler *sh, size_t count, uint64_t seed)
{
	uint64_t	h = seed;
	size_t		first = sh->nterms - count;
	size_t		j;

	for (j = 0; j < count; j++)
		h = mix64(h ^ sh->ring[(first + j) % (size_t) sh->size]);
	return h;
}

static void
shingler_term(uint64_t th, void *arg)
{
	Shingler   *sh = arg;

	sh->ring[sh->nterms % (size_t) sh->size] = th;
	sh->nterms++;
	if (sh->nterms < (size_t) sh->size)
		return;
	sh->emit(fold_terms(sh, (size_t) sh->size, GOLDEN * (uint64_t) sh->size),
			 sh->arg);
	if (++sh->since_yield >= SHINGLES_PER_YIELD)
	{
		sh->since_yield = 0;
		na_yield(sh->yield);
	}
}

/*
 * shingle_scan: emit every shingle hash of text; *nshingles (may be NULL)
 * gets how many were emitted (0 for a text without terms).
 */
static NaStatus
shingle_scan(const char *text, size_t len, int size, ShingleFn emit,
			 void *arg, const NaAllocator *alloc, const NaYield *yield,
			 size_t *err_offset, size_t *nshingles)
{
	Shingler	sh;
	NaStatus	st;

	sh.size = size;
	sh.nterms = 0;
	sh.since_yield = 0;
	sh.yield = yield;
	sh.emit = emit;
	sh.arg = arg;
	st = na_minhash_terms(text, len, shingler_term, &sh, alloc, yield,
						  err_offset);
	if (st != NA_OK)
		return st;
	if (sh.nterms > 0 && sh.nterms < (size_t) size)
	{
		/* a short text is one shingle of all its terms */
		emit(fold_terms(&sh, sh.nterms, ~(GOLDEN * (uint64_t) sh.nterms)), arg);
	}
	if (nshingles)
		*nshingles = sh.nterms == 0 ? 0 :
			sh.nterms < (size_t) size ? 1 : sh.nterms - (size_t) size + 1;
	return NA_OK;
}

/* The permutation parameters of the k slots. */
typedef struct MinhashState
{
	int			k;
	uint32_t   *sig;
	uint64_t	a[NA_MINHASH_MAX_K];
	uint64_t	b[NA_MINHASH_MAX_K];
} MinhashState;

static void
minhash_shingle(uint64_t h, void *arg)
{
	MinhashState *ms = arg;
	uint32_t   *sig = ms->sig;
	int			k = ms->k;
	int			i;

	for (i = 0; i < k; i++)
	{
		uint32_t	v = (uint32_t) ((ms->a[i] * h + ms->b[i]) >> 32);

		if (v < sig[i])
			sig[i] = v;
	}
}

/* na_minhash_compute: the MinHash signature of text (see minhash.h). */
NaStatus
na_minhash_compute(const char *text, size_t len, int k, int shingle,
				   uint32_t *sig, bool *empty, const NaAllocator *alloc,
				   const NaYield *yield, size_t *err_offset)
{
	MinhashState *ms;
	NaStatus	st;
	size_t		n = 0;
	int			i;

	if (k < NA_MINHASH_MIN_K || k > NA_MINHASH_MAX_K ||
		shingle < NA_MINHASH_MIN_SHINGLE || shingle > NA_MINHASH_MAX_SHINGLE)
		return NA_ERR_BAD_ARGUMENT;
	ms = na_alloc(alloc, sizeof(MinhashState));
	if (!ms)
		return NA_ERR_NOMEM;
	ms->k = k;
	ms->sig = sig;
	for (i = 0; i < k; i++)
	{
		ms->a[i] = mix64(PERM_SEED + GOLDEN * (uint64_t) (2 * i + 1)) | 1;
		ms->b[i] = mix64(PERM_SEED + GOLDEN * (uint64_t) (2 * i + 2));
		sig[i] = NA_MINHASH_EMPTY_SLOT;
	}
	st = shingle_scan(text, len, shingle, minhash_shingle, ms, alloc, yield,
					  err_offset, &n);
	na_release(alloc, ms);
	*empty = (n == 0);
	return st;
}

/* na_minhash_similarity: fraction of equal slots (see minhash.h). */
double
na_minhash_similarity(const uint32_t *a, bool a_empty,
					  const uint32_t *b, bool b_empty, int k)
{
	int			same = 0;
	int			i;

	if (a_empty || b_empty)
		return (a_empty && b_empty) ? 1.0 : 0.0;
	if (k <= 0)
		return 0.0;
	for (i = 0; i < k; i++)
		same += (a[i] == b[i]);
	return (double) same / (double) k;
}

/* na_minhash_bands: the number of bands actually used (see minhash.h). */
int
na_minhash_bands(int k, int bands, int rows)
{
	int			fit;

	if (k <= 0 || rows <= 0 || bands <= 0)
		return 0;
	fit = k / rows;
	if (fit < 1)
		fit = 1;
	return bands < fit ? bands : fit;
}

/* na_minhash_band_hash: 32-bit key of one band (see minhash.h). */
uint32_t
na_minhash_band_hash(const uint32_t *sig, int k, int shingle, int band,
					 int rows)
{
	uint64_t	h;
	int			first = band * rows;
	int			i;

	h = mix64(BAND_SEED ^ ((uint64_t) k << 40) ^ ((uint64_t) shingle << 32) ^
			  ((uint64_t) rows << 16) ^ (uint64_t) band);
	for (i = first; i < first + rows && i < k; i++)
		h = mix64(h ^ ((uint64_t) sig[i] * GOLDEN));
	return (uint32_t) (h >> 32);
}

/* Collecting shingle hashes for the exact Jaccard. */
typedef struct SetState
{
	NaBuf		buf;
	NaStatus	st;
} SetState;

static void
set_shingle(uint64_t h, void *arg)
{
	SetState   *ss = arg;

	if (ss->st == NA_OK)
		ss->st = na_buf_append(&ss->buf, &h, sizeof(h));
}

/* na_shingle_set: the sorted distinct shingle hashes of text. */
NaStatus
na_shingle_set(const char *text, size_t len, int shingle,
			   const NaAllocator *alloc, const NaYield *yield,
			   uint64_t **out, size_t *n, size_t *err_offset)
{
	SetState	ss;
	NaStatus	st;
	uint64_t   *v;
	size_t		cnt;
	size_t		i;
	size_t		j;

	*out = NULL;
	*n = 0;
	if (shingle < NA_MINHASH_MIN_SHINGLE || shingle > NA_MINHASH_MAX_SHINGLE)
		return NA_ERR_BAD_ARGUMENT;
	na_buf_init(&ss.buf, alloc);
	ss.st = NA_OK;
	st = shingle_scan(text, len, shingle, set_shingle, &ss, alloc, yield,
					  err_offset, NULL);
	if (st == NA_OK)
		st = ss.st;
	if (st != NA_OK)
	{
		na_buf_free(&ss.buf);
		return st;
	}
	cnt = ss.buf.len / sizeof(uint64_t);
	if (cnt == 0)
	{
		na_buf_free(&ss.buf);
		return NA_OK;
	}
	v = (uint64_t *) ss.buf.data;
	na_yield(yield);
	na_sort_u64(v, cnt);
	na_yield(yield);
	for (i = 1, j = 1; i < cnt; i++)
		if (v[i] != v[j - 1])
			v[j++] = v[i];
	*out = v;
	*n = j;
	return NA_OK;
}

/* na_shingle_set_jaccard: exact Jaccard of two sorted hash sets. */
double
na_shingle_set_jaccard(const uint64_t *a, size_t na, const uint64_t *b,
					   size_t nb, size_t *inter)
{
	size_t		i = 0;
	size_t		j = 0;
	size_t		common = 0;

	while (i < na && j < nb)
	{
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
		{
			common++;
			i++;
			j++;
		}
	}
	if (inter)
		*inter = common;
	if (na == 0 && nb == 0)
		return 1.0;
	return (double) common / (double) (na + nb - common);
}

/* SimHash: 64 signed counters, one vote per term occurrence. */
typedef struct SimState
{
	int64_t		count[64];
	size_t		nterms;
	const NaYield *yield;
} SimState;

static void
simhash_term(uint64_t th, void *arg)
{
	SimState   *ss = arg;
	uint64_t	h = mix64(th ^ SIMHASH_SEED);
	int			i;

	for (i = 0; i < 64; i++)
		ss->count[i] += (int64_t) ((h >> i) & 1) * 2 - 1;
	if ((++ss->nterms % (SHINGLES_PER_YIELD * 16)) == 0)
		na_yield(ss->yield);
}

/* na_simhash: 64-bit SimHash of text's terms (see minhash.h). */
NaStatus
na_simhash(const char *text, size_t len, uint64_t *out,
		   const NaAllocator *alloc, const NaYield *yield, size_t *err_offset)
{
	SimState   *ss;
	NaStatus	st;
	uint64_t	h = 0;
	int			i;

	*out = 0;
	ss = na_alloc(alloc, sizeof(SimState));
	if (!ss)
		return NA_ERR_NOMEM;
	memset(ss, 0, sizeof(SimState));
	ss->yield = yield;
	st = na_minhash_terms(text, len, simhash_term, ss, alloc, yield,
						  err_offset);
	if (st == NA_OK)
	{
		for (i = 0; i < 64; i++)
			if (ss->count[i] > 0)
				h |= UINT64_C(1) << i;
		*out = h;
	}
	na_release(alloc, ss);
	return st;
}

/* na_hamming64: number of bits in which a and b differ. */
int
na_hamming64(uint64_t a, uint64_t b)
{
	uint64_t	x = a ^ b;
	int			n = 0;

	while (x)
	{
		x &= x - 1;
		n++;
	}
	return n;
}
