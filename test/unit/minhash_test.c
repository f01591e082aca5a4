/*
 * minhash_test.c
 *		Unit tests of the near-duplicate core (src/core/minhash.c): term
 *		splitting, shingles, MinHash signatures and their estimation error
 *		against exact Jaccard, band hashes, SimHash.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"
#include "na_test.h"

#define MAXT 64

typedef struct Terms
{
	uint64_t	h[MAXT];
	int			n;
} Terms;

static void
collect(uint64_t h, void *arg)
{
	Terms	   *t = arg;

	if (t->n < MAXT)
		t->h[t->n] = h;
	t->n++;
}

/* sorts_like_qsort: na_sort_u64 of n values made by kind (0 random, 1 few
 * distinct, 2 ascending, 3 descending, 4 organ pipe) equals qsort's order. */
static int
sorts_like_qsort(size_t n, int kind, uint64_t seed)
{
	uint64_t   *a = malloc((n ? n : 1) * sizeof(uint64_t));
	uint64_t   *b = malloc((n ? n : 1) * sizeof(uint64_t));
	size_t		i;
	int			ok;

	for (i = 0; i < n; i++)
	{
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		a[i] = kind == 0 ? seed : kind == 1 ? (seed >> 60) : kind == 2 ? i :
			kind == 3 ? UINT64_MAX - i : (i < n / 2 ? i : n - i);
	}
	memcpy(b, a, n * sizeof(uint64_t));
	na_sort_u64(a, n);
	qsort(b, n, sizeof(uint64_t), na_cmp_u64);
	ok = n == 0 || memcmp(a, b, n * sizeof(uint64_t)) == 0;
	free(a);
	free(b);
	return ok;
}

/* terms_are: does text split into exactly the space-separated words of want? */
static int
terms_are(const char *text, const char *want)
{
	Terms		got = {{0}, 0};
	char		buf[512];
	char	   *w;
	char	   *save = NULL;
	int			i = 0;

	if (na_minhash_terms(text, strlen(text), collect, &got, &na_malloc_allocator,
						 NULL, NULL) != NA_OK)
		return 0;
	snprintf(buf, sizeof(buf), "%s", want);
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save), i++)
		if (i >= got.n || got.h[i] != na_minhash_term_hash(w, strlen(w)))
			return 0;
	return i == got.n;
}

static int	yields;

static void
count_yield(void *arg)
{
	(void) arg;
	yields++;
}

/* sig_of: signature of text (k slots) into sig; returns the status. */
static NaStatus
sig_of(const char *text, int k, int shingle, uint32_t *sig, bool *empty)
{
	return na_minhash_compute(text, strlen(text), k, shingle, sig, empty,
							  &na_malloc_allocator, NULL, NULL);
}

static double
exact(const char *a, const char *b, int shingle)
{
	uint64_t   *sa;
	uint64_t   *sb;
	size_t		na;
	size_t		nb;
	double		j;

	na_shingle_set(a, strlen(a), shingle, &na_malloc_allocator, NULL, &sa, &na, NULL);
	na_shingle_set(b, strlen(b), shingle, &na_malloc_allocator, NULL, &sb, &nb, NULL);
	j = na_shingle_set_jaccard(sa, na, sb, nb, NULL);
	free(sa);
	free(sb);
	return j;
}

static double
estimate(const char *a, const char *b, int k, int shingle)
{
	uint32_t	sa[NA_MINHASH_MAX_K];
	uint32_t	sb[NA_MINHASH_MAX_K];
	bool		ea;
	bool		eb;

	sig_of(a, k, shingle, sa, &ea);
	sig_of(b, k, shingle, sb, &eb);
	return na_minhash_similarity(sa, ea, sb, eb, k);
}

/* A deterministic pseudo-random generator for the synthetic documents. */
static uint64_t rng = 42;

static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* make_doc: n words "wNNNN" from a vocabulary of 5000. */
static void
make_doc(char *out, size_t cap, int n)
{
	size_t		len = 0;
	int			i;

	out[0] = '\0';
	for (i = 0; i < n && len + 8 < cap; i++)
		len += (size_t) snprintf(out + len, cap - len, "w%u ",
								 (unsigned) (next_rand() % 5000));
}

/* mutate: copy src replacing each word with probability p / 1000. */
static void
mutate(const char *src, char *out, size_t cap, int p)
{
	char		buf[65536];
	char	   *w;
	char	   *save = NULL;
	size_t		len = 0;

	snprintf(buf, sizeof(buf), "%s", src);
	out[0] = '\0';
	for (w = strtok_r(buf, " ", &save); w && len + 8 < cap; w = strtok_r(NULL, " ", &save))
	{
		if ((int) (next_rand() % 1000) < p)
			len += (size_t) snprintf(out + len, cap - len, "x%u ",
									 (unsigned) (next_rand() % 5000));
		else
			len += (size_t) snprintf(out + len, cap - len, "%s ", w);
	}
}

int
main(void)
{
	uint32_t	a[NA_MINHASH_MAX_K];
	uint32_t	b[NA_MINHASH_MAX_K];
	bool		ea;
	bool		eb;
	size_t		off = 0;
	uint64_t	h1;
	uint64_t	h2;
	int			i;

	/* the integer sort the shingle sets, corpus statistics and centroids use */
	{
		static const size_t sizes[] = {0, 1, 2, 3, 16, 17, 100, 1000, 4099, 100000};
		int			bad = 0;
		size_t		s;
		int			kind;

		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
			for (kind = 0; kind < 5; kind++)
				if (!sorts_like_qsort(sizes[s], kind, 12345 + s * 7 + kind))
					bad++;
		CHECK(bad == 0, "na_sort_u64: the order of qsort for random, few distinct, ascending, descending and organ-pipe values of 10 sizes (%d wrong)", bad);
	}

	/* terms */
	CHECK(terms_are("Hello, World!", "hello world"), "terms: lower-cased, punctuation dropped");
	CHECK(terms_are("U.S. officials don't say", "u s officials don t say"),
		  "terms: abbreviations and apostrophes split like [a-z0-9]+");
	CHECK(terms_are("1,000.50 dlrs in 1987-03-01", "1 000 50 dlrs in 1987 03 01"),
		  "terms: numbers and dates split at punctuation");
	CHECK(terms_are("Café MÜNCHEN", "caf\xc3\xa9 m\xc3\xbcnchen"), "terms: Unicode letters lower-cased and kept");
	CHECK(terms_are("  -- ... !!", ""), "terms: punctuation only gives none");
	CHECK(terms_are("California #39;s coach &amp; staff", "california 39 s coach amp staff"),
		  "terms: HTML entities read as in the raw text");
	CHECK(terms_are("$1.5bn (\xc2\xa3" "600m) 5bn-dollar", "1 5bn 600m 5bn dollar"),
		  "terms: symbols dropped, letters and digits kept together");
	CHECK(terms_are("", ""), "terms: empty text gives none");
	CHECK(na_minhash_term_hash("ab", 2) != na_minhash_term_hash("ba", 2), "term hash depends on order");

	/* signatures */
	CHECK(sig_of("The quick brown fox jumps over the lazy dog", 128, 5, a, &ea) == NA_OK && !ea,
		  "minhash of a sentence");
	CHECK(sig_of("THE QUICK brown fox, jumps over the lazy dog.", 128, 5, b, &eb) == NA_OK && !eb,
		  "minhash of the same words in other case and punctuation");
	CHECK(memcmp(a, b, sizeof(uint32_t) * 128) == 0, "case and punctuation do not change the signature");
	CHECK(na_minhash_similarity(a, ea, b, eb, 128) == 1.0, "identical term sequences estimate 1");
	CHECK(sig_of("", 16, 5, a, &ea) == NA_OK && ea, "empty text is the empty set");
	for (i = 0; i < 16 && a[i] == NA_MINHASH_EMPTY_SLOT; i++)
		;
	CHECK(i == 16, "empty set signature has every slot at the maximum");
	CHECK(sig_of(" .,;!? ", 16, 5, b, &eb) == NA_OK && eb, "punctuation-only text is the empty set");
	CHECK(na_minhash_similarity(a, ea, b, eb, 16) == 1.0, "two empty sets estimate 1");
	CHECK(sig_of("short text", 16, 5, b, &eb) == NA_OK && !eb, "text shorter than a shingle is not empty");
	CHECK(na_minhash_similarity(a, ea, b, eb, 16) == 0.0, "empty vs non-empty estimates 0");
	CHECK(sig_of("short text", 16, 5, a, &ea) == NA_OK &&
		  na_minhash_similarity(a, ea, b, eb, 16) == 1.0, "equal short texts estimate 1");
	CHECK(sig_of("text short", 16, 5, a, &ea) == NA_OK &&
		  na_minhash_similarity(a, ea, b, eb, 16) == 0.0, "short texts: word order matters");
	CHECK(exact("short text", "short text", 5) == 1.0 && exact("short text", "text short", 5) == 0.0,
		  "short texts are one shingle in the exact Jaccard too");
	CHECK(sig_of("a b c d e", 64, 5, a, &ea) == NA_OK && sig_of("e d c b a", 64, 5, b, &eb) == NA_OK &&
		  na_minhash_similarity(a, ea, b, eb, 64) < 0.2, "shingles are ordered");
	CHECK(sig_of("x", 0, 5, a, &ea) == NA_ERR_BAD_ARGUMENT, "k = 0 rejected");
	CHECK(sig_of("x", NA_MINHASH_MAX_K + 1, 5, a, &ea) == NA_ERR_BAD_ARGUMENT, "k too large rejected");
	CHECK(sig_of("x", 16, 0, a, &ea) == NA_ERR_BAD_ARGUMENT, "shingle = 0 rejected");
	CHECK(sig_of("x", 16, NA_MINHASH_MAX_SHINGLE + 1, a, &ea) == NA_ERR_BAD_ARGUMENT, "shingle too large rejected");
	CHECK(na_minhash_compute("ok \xff bad", 8, 16, 5, a, &ea, &na_malloc_allocator, NULL, &off) ==
		  NA_ERR_INVALID_UTF8 && off == 3, "invalid UTF-8 reported with its offset");
	CHECK(sig_of("one two three four five six", 1, 1, a, &ea) == NA_OK && !ea, "k = 1, shingle = 1 works");

	/* exact Jaccard */
	CHECK(fabs(exact("a b c d e f", "a b c d e g", 5) - 1.0 / 3.0) < 1e-12, "exact: two shingles each, one shared");
	CHECK(exact("", "", 5) == 1.0, "exact: two empty sets are equal");
	CHECK(exact("", "a b c d e", 5) == 0.0, "exact: empty vs non-empty is 0");
	CHECK(exact("a b c d e a b c d e", "a b c d e", 5) == exact("a b c d e a b c d e", "a b c d e a b c d e", 5) * 0.2,
		  "exact: repeated shingles count once");
	{
		uint64_t	s[3] = {1, 2, 3};
		uint64_t	t[3] = {2, 3, 4};
		size_t		inter;

		CHECK(na_shingle_set_jaccard(s, 3, t, 3, &inter) == 0.5 && inter == 2, "exact: set merge");
	}

	/* estimator accuracy over synthetic pairs with known overlap */
	{
		static char doc[65536];
		static char edit[65536];
		double		sum_err = 0;
		double		sum_abs = 0;
		double		sum_sd = 0;
		int			worst = 0;
		int			pairs = 300;
		int			k = 128;

		for (i = 0; i < pairs; i++)
		{
			double		j;
			double		e;
			double		sd;

			make_doc(doc, sizeof(doc), 100 + (int) (next_rand() % 400));
			mutate(doc, edit, sizeof(edit), 5 + (int) (next_rand() % 120));
			j = exact(doc, edit, 5);
			e = estimate(doc, edit, k, 5);
			sd = sqrt(j * (1 - j) / k);
			sum_err += e - j;
			sum_abs += fabs(e - j);
			sum_sd += sd;
			if (fabs(e - j) > 4 * sd + 1.0 / k)
				worst++;
		}
		printf("# estimator over %d pairs, k = %d: mean error %.4f, mean |error| %.4f, mean binomial sd %.4f\n",
			   pairs, k, sum_err / pairs, sum_abs / pairs, sum_sd / pairs);
		CHECK(fabs(sum_err / pairs) < 0.01, "estimator is unbiased (|mean error| < 0.01)");
		CHECK(sum_abs / pairs < 1.2 * sqrt(2 / 3.14159265358979) * sum_sd / pairs + 0.005,
			  "mean |error| within 20%% of the ideal binomial estimator's");
		CHECK(worst == 0, "no estimate is more than 4 standard deviations off");
	}

	/* bands */
	CHECK(na_minhash_bands(128, 42, 3) == 42, "42 bands of 3 fit in 128 slots");
	CHECK(na_minhash_bands(128, 50, 3) == 42, "bands are clipped to the slots");
	CHECK(na_minhash_bands(2, 5, 3) == 1, "a short signature is one band");
	sig_of("alpha beta gamma delta epsilon zeta eta theta", 128, 5, a, &ea);
	memcpy(b, a, sizeof(uint32_t) * 128);
	b[4] ^= 1;
	CHECK(na_minhash_band_hash(a, 128, 5, 0, 3) == na_minhash_band_hash(b, 128, 5, 0, 3),
		  "band hash: equal bands give equal keys");
	CHECK(na_minhash_band_hash(a, 128, 5, 1, 3) != na_minhash_band_hash(b, 128, 5, 1, 3),
		  "band hash: a changed slot changes its band's key");
	CHECK(na_minhash_band_hash(a, 128, 5, 0, 3) != na_minhash_band_hash(a, 128, 5, 1, 3),
		  "band hash: the band number is mixed in");
	CHECK(na_minhash_band_hash(a, 128, 5, 0, 3) != na_minhash_band_hash(a, 128, 4, 0, 3) &&
		  na_minhash_band_hash(a, 128, 5, 0, 3) != na_minhash_band_hash(a, 64, 5, 0, 3),
		  "band hash: k and shingle size are mixed in");

	/* SimHash */
	{
		static char doc[65536];
		static char edit[65536];
		static char other[65536];

		make_doc(doc, sizeof(doc), 400);
		mutate(doc, edit, sizeof(edit), 20);
		make_doc(other, sizeof(other), 400);
		na_simhash(doc, strlen(doc), &h1, &na_malloc_allocator, NULL, NULL);
		na_simhash(edit, strlen(edit), &h2, &na_malloc_allocator, NULL, NULL);
		CHECK(na_hamming64(h1, h2) <= 12, "simhash: 2%% of words replaced moves few bits (%d)", na_hamming64(h1, h2));
		na_simhash(other, strlen(other), &h2, &na_malloc_allocator, NULL, NULL);
		CHECK(na_hamming64(h1, h2) >= 16, "simhash: unrelated texts differ in many bits (%d)", na_hamming64(h1, h2));
	}
	CHECK(na_simhash("", 0, &h1, &na_malloc_allocator, NULL, NULL) == NA_OK && h1 == 0, "simhash of empty text is 0");
	na_simhash("Hello world", 11, &h1, &na_malloc_allocator, NULL, NULL);
	na_simhash("hello, WORLD", 12, &h2, &na_malloc_allocator, NULL, NULL);
	CHECK(h1 == h2, "simhash ignores case and punctuation");
	CHECK(na_hamming64(0, UINT64_MAX) == 64 && na_hamming64(5, 5) == 0 && na_hamming64(1, 7) == 2, "hamming");

	/* a large input calls the yield hook */
	{
		size_t		n = 4 * 1024 * 1024;
		char	   *big = malloc(n);
		NaYield		y = {count_yield, NULL};
		size_t		p;

		for (p = 0; p < n; p++)
			big[p] = (p % 7 == 6) ? ' ' : (char) ('a' + p % 26);
		yields = 0;
		CHECK(na_minhash_compute(big, n, 64, 5, a, &ea, &na_malloc_allocator, &y, NULL) == NA_OK && !ea &&
			  yields > 10, "4 MB text: signature computed, yield hook called (%d)", yields);
		free(big);
	}
	return na_test_done();
}
