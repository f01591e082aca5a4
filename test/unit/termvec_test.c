/*
 * termvec_test.c
 *		Unit tests of the term vector math, corpus statistics and union-find
 *		(src/core/termvec.c, src/core/cluster.c).  Expected values were worked
 *		out by hand; the comments show the arithmetic.
 */
#include <math.h>
#include <stdlib.h>

#include "cluster.h"
#include "termvec.h"
#include "na_test.h"

#define NEAR(x, y) (fabs((double) (x) - (double) (y)) < 1e-6)

static char *
tv_text(const NaTermVec *tv)
{
	static char out[1024];
	NaBuf		buf;

	na_buf_init(&buf, &na_malloc_allocator);
	if (na_tv_format(tv, &buf) != NA_OK || na_buf_append(&buf, "", 1) != NA_OK)
		return NULL;
	snprintf(out, sizeof(out), "%s", buf.data);
	na_buf_free(&buf);
	return out;
}

static char *
corpus_text(const NaCorpus *c)
{
	static char out[1024];
	NaBuf		buf;

	na_buf_init(&buf, &na_malloc_allocator);
	if (na_corpus_format(c, &buf) != NA_OK || na_buf_append(&buf, "", 1) != NA_OK)
		return NULL;
	snprintf(out, sizeof(out), "%s", buf.data);
	na_buf_free(&buf);
	return out;
}

static NaTermVec
view(const NaTermVecBuf *b)
{
	NaTermVec	v = {b->nnz, b->ids, b->vals};

	return v;
}

static void
test_ids(void)
{
	uint32_t	ids[6];
	uint32_t	out_ids[6];
	float		out_vals[6];
	uint32_t	n;

	CHECK(na_term_id("oil", 3) == na_term_id("oil", 3), "term id is deterministic");
	CHECK(na_term_id("oil", 3) != na_term_id("oik", 3), "neighbouring terms get different ids");
	CHECK(na_term_id("", 0) != na_term_id("a", 1), "empty term has its own id");

	ids[0] = 7; ids[1] = 3; ids[2] = 7; ids[3] = 9; ids[4] = 3; ids[5] = 7;
	CHECK(na_tv_sort_ids(ids, 6, &na_malloc_allocator, NULL, &n) == NA_OK && n == 3,
		  "three distinct ids among 7,3,7,9,3,7");
	na_tv_fill_counts(ids, 6, out_ids, out_vals);
	CHECK(out_ids[0] == 3 && out_vals[0] == 2.0f &&
		  out_ids[1] == 7 && out_vals[1] == 3.0f &&
		  out_ids[2] == 9 && out_vals[2] == 1.0f, "counts 3:2 7:3 9:1");
	CHECK(na_tv_sort_ids(ids, 0, &na_malloc_allocator, NULL, &n) == NA_OK && n == 0,
		  "no ids, no entries");

	/* the radix path (n >= 64): 100000 pseudo-random ids, 1000 distinct */
	{
		size_t		big = 100000;
		uint32_t   *many = malloc(big * sizeof(uint32_t));
		size_t		i;
		bool		sorted = true;
		uint32_t	x = 12345;

		for (i = 0; i < big; i++)
		{
			x = x * 1103515245u + 12345u;
			many[i] = (uint32_t) ((x >> 8) % 1000) * 0x9e3779b1u;
		}
		CHECK(na_tv_sort_ids(many, big, &na_malloc_allocator, NULL, &n) == NA_OK && n == 1000,
			  "radix sort: 1000 distinct ids among 100000 (got %u)", n);
		for (i = 1; i < big; i++)
			if (many[i] < many[i - 1])
				sorted = false;
		CHECK(sorted, "radix sort output is ascending");
		free(many);
	}
}

static void
test_parse(void)
{
	NaStatus	st;
	NaTermVecBuf b;
	char		err[128];
	NaTermVec	v;

	st = na_tv_parse("{5:1, 2:0.5 ,4294967295:-2}", 27, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK,
		  "parse a term vector in any order");
	v = view(&b);
	CHECK_STR(tv_text(&v), "{2:0.5,5:1,4294967295:-2}", "formatted sorted by id");
	na_tvbuf_free(&b);

	st = na_tv_parse(" { } ", 5, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK && b.nnz == 0,
		  "empty vector with spaces");
	na_tvbuf_free(&b);
	st = na_tv_parse("{1:0,2:3}", 9, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK && b.nnz == 1,
		  "zero weights are dropped");
	na_tvbuf_free(&b);
	st = na_tv_parse("{1:0.1}", 7, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK,
 "0.1 parses");
	v = view(&b);
	CHECK_STR(tv_text(&v), "{1:0.1}", "0.1 prints as the shortest round-trip form");
	na_tvbuf_free(&b);

	st = na_tv_parse("{1:2,1:3}", 9, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "repeated id rejected");
	CHECK_STR(err, "term id 1 appears more than once", "repeated id message");
	st = na_tv_parse("{4294967296:1}", 14, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "id beyond 32 bits is out of range");
	st = na_tv_parse("{-1:1}", 6, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "negative id rejected");
	st = na_tv_parse("{1:nan}", 7, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "NaN weight rejected");
	st = na_tv_parse("{1:1e39}", 8, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "weight beyond float range is out of range");
	st = na_tv_parse("{1:1e-50}", 9, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "weight that underflows to zero is out of range");
	/* the largest float4 as printed, rounded up, reads back (it is not above FLT_MAX) */
	st = na_tv_parse("{1:3.4028235e+38,2:1.4013e-45}", 30, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK && b.nnz == 2 && b.vals[0] == 3.40282347e38f && b.vals[1] == 1.4e-45f,
		  "largest and smallest float4 weights as printed read back");
	if (st == NA_OK)
		na_tvbuf_free(&b);
	st = na_tv_parse("{1:1", 4, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "missing brace rejected");
	st = na_tv_parse("{1:1}x", 6, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "trailing garbage rejected");
	st = na_tv_parse("", 0, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "empty string rejected");
	st = na_tv_parse("{1:1,}", 6, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "trailing comma rejected");
	/* not NUL-terminated: the parser must stop at len */
	st = na_tv_parse("{1:1}{2:2}", 5, &na_malloc_allocator, NULL, &b, err, sizeof(err));
	CHECK(st == NA_OK && b.nnz == 1,
		  "parser respects the length");
	na_tvbuf_free(&b);
}

static void
test_math(void)
{
	uint32_t	ai[3] = {1, 2, 3};
	float		av[3] = {1, 2, 2};
	uint32_t	bi[2] = {2, 4};
	float		bv[2] = {3, 4};
	NaTermVec	a = {3, ai, av};
	NaTermVec	b = {2, bi, bv};
	NaTermVec	empty = {0, NULL, NULL};
	uint32_t	keep[3];
	uint32_t	tmp[3];
	uint32_t	n;

	/* |a| = sqrt(1+4+4) = 3, |b| = 5, a.b = 2*3 = 6, cos = 6/15 = 0.4 */
	CHECK(NEAR(na_tv_norm(&a), 3.0), "norm of (1,2,2) is 3");
	CHECK(NEAR(na_tv_dot(&a, &b), 6.0), "dot product over the shared id 2");
	CHECK(NEAR(na_tv_cosine(&a, &b), 0.4), "cosine 6/(3*5) = 0.4");
	CHECK(NEAR(na_tv_cosine(&a, &a), 1.0), "cosine with itself is 1");
	CHECK(na_tv_cosine(&a, &empty) == 0.0, "cosine with an empty vector is 0");
	CHECK(na_tv_overlap(&a, &b) == 1, "one shared id");
	CHECK(NEAR(na_tv_sum(&a), 5.0), "sum of weights");

	/* top 2 of weights 1,2,2 with ids 1,2,3: the two 2s (positions 1,2) */
	n = na_tv_top(&a, 2, keep, tmp);
	CHECK(n == 2 && keep[0] == 1 && keep[1] == 2, "top 2 by weight");
	n = na_tv_top(&a, 1, keep, tmp);
	CHECK(n == 1 && keep[0] == 1, "tie broken by the smaller id");
	n = na_tv_top(&a, 10, keep, tmp);
	CHECK(n == 3 && keep[0] == 0 && keep[2] == 2, "n beyond nnz keeps everything");
}

/*
 * na_corpus_df interpolates over ids it expects to be spread evenly: over
 * 5,000 ids spread evenly (hashes), bunched at both ends of the range, and
 * clustered (runs of consecutive ids), every id, its neighbours, 0 and
 * UINT32_MAX give their df (0 for an id not in the corpus), as bisection
 * did.
 */
static void
test_corpus_df_large(void)
{
	enum {N = 5000};
	static uint32_t ids[N];
	static int64_t dfs[N];
	NaCorpus	c = {N, 1000000, 0, ids, dfs};
	int			shape;

	for (shape = 0; shape < 3; shape++)
	{
		uint32_t	x = 12345;
		uint32_t	i;
		bool		same = true;

		for (i = 0; i < N; i++)
		{
			x = x * 1664525u + 1013904223u;
			if (shape == 0)
				ids[i] = (uint32_t) (((uint64_t) i * UINT32_MAX) / N) + (x >> 24);
			else if (shape == 1)
				ids[i] = i < N / 2 ? i * 3 : UINT32_MAX - (N - i) * 3;
			else
				ids[i] = (i / 100) * 10000000u + i % 100;
			dfs[i] = 1 + i % 97;
		}
		/* a neighbour of an id is known only as the next or previous id */
		for (i = 0; i < N && same; i++)
			same = na_corpus_df(&c, ids[i]) == dfs[i] &&
				na_corpus_df(&c, ids[i] + 1) ==
				(i + 1 < N && ids[i + 1] == ids[i] + 1 ? dfs[i + 1] : 0) &&
				na_corpus_df(&c, ids[i] - 1) ==
				(i > 0 && ids[i - 1] == ids[i] - 1 ? dfs[i - 1] : 0);
		same = same && na_corpus_df(&c, 0) == (ids[0] == 0 ? dfs[0] : 0) &&
			na_corpus_df(&c, UINT32_MAX) == (ids[N - 1] == UINT32_MAX ? dfs[N - 1] : 0);
		CHECK(same, "df lookup in a large corpus, every id and its neighbours (shape %d)", shape);
	}
}

static void
test_corpus(void)
{
	NaStatus	st;
	NaCorpusAcc *acc;
	uint32_t	d1i[2] = {10, 20};
	float		d1v[2] = {2, 1};
	uint32_t	d2i[2] = {20, 30};
	float		d2v[2] = {1, 1};
	NaTermVec	d1 = {2, d1i, d1v};
	NaTermVec	d2 = {2, d2i, d2v};
	uint32_t	ids[3];
	int64_t		dfs[3];
	uint64_t	tmp[3];
	NaCorpus	c;
	NaCorpusBuf cb;
	char		err[128];
	float		w[2];
	double		score;

	st = na_corpus_acc_create(&na_malloc_allocator, &acc);
	CHECK(st == NA_OK, "accumulator created");
	st = na_corpus_acc_add_doc(acc, &d1);
	if (st == NA_OK)
		st = na_corpus_acc_add_doc(acc, &d2);
	CHECK(st == NA_OK,
		  "two documents added");
	CHECK(na_corpus_acc_nterms(acc) == 3 && na_corpus_acc_ndocs(acc) == 2 &&
		  NEAR(na_corpus_acc_length(acc), 5.0), "3 terms, 2 docs, length 3+2");
	na_corpus_acc_write(acc, ids, dfs, tmp);
	c.nterms = 3;
	c.ndocs = 2;
	c.length = 5;
	c.ids = ids;
	c.dfs = dfs;
	CHECK_STR(corpus_text(&c), "docs=2 length=5 {10:1,20:2,30:1}", "df of the shared term is 2");
	CHECK(na_corpus_check(&c) == NULL, "written corpus is valid");
	CHECK(na_corpus_df(&c, 20) == 2 && na_corpus_df(&c, 10) == 1 && na_corpus_df(&c, 11) == 0,
		  "df lookup");
	test_corpus_df_large();

	/*
	 * tf-idf of d1 = {10:2, 20:1} with N = 2:
	 * w10 = (1 + ln 2) * (ln(3/2) + 1) = 1.693147 * 1.405465 = 2.379668
	 * w20 = 1 * (ln(3/3) + 1) = 1
	 * norm = sqrt(2.379668^2 + 1) = 2.581245; unit: 0.921908, 0.387410
	 */
	na_tv_tfidf(&d1, &c, w, NULL);
	CHECK(fabs(w[0] - 0.921908) < 1e-5 && fabs(w[1] - 0.387410) < 1e-5, "tf-idf by hand");

	/*
	 * BM25 of query {10:1} against d1, k1 = 1.2, b = 0.75: avgdl = 2.5,
	 * dl = 3, norm = 0.25 + 0.75 * 1.2 = 1.15; idf = ln(1 + 1.5/1.5) = ln 2;
	 * score = ln 2 * 2 * 2.2 / (2 + 1.2 * 1.15) = 0.693147 * 4.4 / 3.38 = 0.902321
	 */
	{
		uint32_t	qi[1] = {10};
		float		qv[1] = {1};
		NaTermVec	q = {1, qi, qv};

		CHECK(na_bm25(&q, &d1, &c, 1.2, 0.75, &score) == NA_OK && fabs(score - 0.902321) < 1e-5,
			  "BM25 by hand (got %f)", score);
		CHECK(na_bm25(&q, &d2, &c, 1.2, 0.75, &score) == NA_OK && score == 0.0,
			  "BM25 without shared terms is 0");
		CHECK(na_bm25(&q, &d1, &c, -1, 0.75, &score) == NA_ERR_BAD_ARGUMENT, "negative k1 rejected");
		CHECK(na_bm25(&q, &d1, &c, 1.2, 1.5, &score) == NA_ERR_BAD_ARGUMENT, "b above 1 rejected");
		CHECK(na_bm25(&q, &d1, &c, 1.2, NAN, &score) == NA_ERR_BAD_ARGUMENT, "NaN b rejected");
	}

	/* merging the corpus with itself doubles everything */
	{
		uint32_t	mi[3];
		int64_t		md[3];
		NaCorpus	m;

		CHECK(na_corpus_merge_count(&c, &c) == 3, "union of equal id sets");
		CHECK(na_corpus_merge(&c, &c, mi, md) == NA_OK, "merge");
		m.nterms = 3;
		m.ndocs = 4;
		m.length = 10;
		m.ids = mi;
		m.dfs = md;
		CHECK_STR(corpus_text(&m), "docs=4 length=10 {10:2,20:4,30:2}", "merged with itself");
	}
	/* adding a corpus to the accumulator equals adding its documents */
	st = na_corpus_acc_add_corpus(acc, &c, NULL);
	CHECK(st == NA_OK && na_corpus_acc_ndocs(acc) == 4 &&
		  na_corpus_acc_nterms(acc) == 3, "accumulator adds a corpus");
	na_corpus_acc_destroy(acc);

	/* prune: min_df 2 keeps 20 only; max_terms 2 keeps 20 and the smaller id 10 */
	{
		uint32_t	keep[3];
		uint32_t	t[3];
		uint32_t	n = na_corpus_prune(&c, 2, 0, keep, t);

		CHECK(n == 1 && keep[0] == 1, "min_df 2 keeps the term with df 2");
		n = na_corpus_prune(&c, 1, 2, keep, t);
		CHECK(n == 2 && keep[0] == 0 && keep[1] == 1, "max_terms 2 keeps df 2 and the tie with the smaller id");
	}

	st = na_corpus_parse("docs=3 length=7.5 {9:3, 1:1}", 28, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_OK,
		  "corpus literal parses");
	c.nterms = cb.nterms;
	c.ndocs = cb.ndocs;
	c.length = cb.length;
	c.ids = cb.ids;
	c.dfs = cb.dfs;
	CHECK_STR(corpus_text(&c), "docs=3 length=7.5 {1:1,9:3}", "corpus round trip");
	na_corpusbuf_free(&cb);
	st = na_corpus_parse("docs=1 length=1 {9:2}", 21, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "df above the document count rejected");
	st = na_corpus_parse("docs=1 length=1 {9:0}", 21, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "df 0 rejected");
	st = na_corpus_parse("docs=1 length=-1 {}", 19, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "negative length rejected");
	st = na_corpus_parse("docs=1 {}", 9, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "missing length rejected");
	st = na_corpus_parse("docs=1 length=1 {1:1.5}", 23, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "fractional df rejected");

	/* 64-bit counts are exact, above 2^53 too (they went through a double) */
	{
		static const char *const exact[] = {
			"docs=9223372036854775807 length=1 {1:9223372036854775807}",
			"docs=9007199254740993 length=0 {1:9007199254740993,2:9007199254740992}",
		};

		for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		{
			st = na_corpus_parse(exact[i], strlen(exact[i]), &na_malloc_allocator, NULL, &cb, err, sizeof(err));
			CHECK(st == NA_OK, "corpus literal with 64-bit counts parses: %s", exact[i]);
			if (st != NA_OK)
				continue;
			c.nterms = cb.nterms;
			c.ndocs = cb.ndocs;
			c.length = cb.length;
			c.ids = cb.ids;
			c.dfs = cb.dfs;
			CHECK_STR(corpus_text(&c), exact[i], "64-bit counts round-trip exactly");
			na_corpusbuf_free(&cb);
		}
	}
	st = na_corpus_parse("docs=9007199254740992 length=1 {1:9007199254740993}", 51, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_LITERAL,
		  "df one above a document count of 2^53 rejected");
	st = na_corpus_parse("docs=9223372036854775808 length=1 {}", 36, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "document count above 2^63 - 1 is out of range");
	st = na_corpus_parse("docs=1 length=1 {1:9223372036854775808}", 39, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "df above 2^63 - 1 is out of range");
	st = na_corpus_parse("docs=1 length=1e999 {}", 22, &na_malloc_allocator, NULL, &cb, err, sizeof(err));
	CHECK(st == NA_ERR_OUT_OF_RANGE,
		  "length beyond float8 range is out of range");
}

/*
 * Every float4 weight prints as text that reads back as the same float4:
 * every 4099th finite positive bit pattern down from the largest float4,
 * and their negatives.
 */
static void
test_weight_round_trip(void)
{
	size_t		bad = 0,
				n = 0;
	char		err[256];
	NaBuf		buf;

	na_buf_init(&buf, &na_malloc_allocator);
	for (uint32_t bits = 0x7F7FFFFFu; bits > 0; bits = bits > 4099 ? bits - 4099 : 0)
	{
		for (int sign = 0; sign < 2; sign++)
		{
			uint32_t	u = bits | (sign ? 0x80000000u : 0);
			float		w;
			uint32_t	id = 7;
			NaTermVec	tv = {1, &id, &w};
			NaTermVecBuf b;

			memcpy(&w, &u, sizeof(w));
			buf.len = 0;
			if (na_tv_format(&tv, &buf) != NA_OK ||
				na_tv_parse(buf.data, buf.len, &na_malloc_allocator, NULL, &b, err, sizeof(err)) != NA_OK)
			{
				bad++;
				continue;
			}
			if (b.nnz != 1 || memcmp(&b.vals[0], &w, sizeof(w)) != 0)
				bad++;
			na_tvbuf_free(&b);
			n++;
		}
	}
	na_buf_free(&buf);
	CHECK(bad == 0, "%zu float4 weights round-trip through text (%zu did not)", n, bad);
}

static void
test_acc_growth(void)
{
	NaCorpusAcc *acc;
	uint32_t	ids[1];
	float		vals[1] = {1};
	NaTermVec	tv = {1, ids, vals};
	uint32_t	i;
	uint32_t   *oids;
	int64_t    *odfs;
	uint64_t   *tmp;
	bool		ok = true;

	/* 5000 distinct ids force several table growths; every df must be 2 */
	na_corpus_acc_create(&na_malloc_allocator, &acc);
	for (i = 0; i < 10000; i++)
	{
		ids[0] = (i % 5000) * 7919u;
		na_corpus_acc_add_doc(acc, &tv);
	}
	oids = malloc(5000 * sizeof(uint32_t));
	odfs = malloc(5000 * sizeof(int64_t));
	tmp = malloc(5000 * sizeof(uint64_t));
	CHECK(na_corpus_acc_nterms(acc) == 5000, "5000 distinct terms after growth");
	na_corpus_acc_write(acc, oids, odfs, tmp);
	for (i = 0; i < 5000; i++)
		if (odfs[i] != 2 || (i > 0 && oids[i] <= oids[i - 1]))
			ok = false;
	CHECK(ok, "every df is 2 and ids are sorted");
	free(oids);
	free(odfs);
	free(tmp);
	na_corpus_acc_destroy(acc);
}

static void
test_union_find(void)
{
	NaStatus	st;
	NaUnionFind *uf;
	int64_t		ids[8];
	int64_t		reps[8];
	int64_t		rep;
	bool		ok = true;
	int64_t		i;

	st = na_uf_create(&na_malloc_allocator, &uf);
	CHECK(st == NA_OK, "union-find created");
	/* components {3,9,5}, {7,8}, {-2}, pairs given in an awkward order */
	na_uf_union(uf, 9, 5);
	na_uf_union(uf, 8, 7);
	na_uf_union(uf, 5, 3);
	na_uf_add(uf, -2);
	na_uf_union(uf, 9, 9);
	CHECK(na_uf_count(uf) == 6, "six distinct ids");
	st = na_uf_write(uf, ids, reps, NULL);
	CHECK(st == NA_OK, "write");
	CHECK(ids[0] == -2 && reps[0] == -2 && ids[1] == 3 && reps[1] == 3 &&
		  ids[2] == 5 && reps[2] == 3 && ids[3] == 7 && reps[3] == 7 &&
		  ids[4] == 8 && reps[4] == 7 && ids[5] == 9 && reps[5] == 3,
		  "representative is the smallest id of each component");
	CHECK(na_uf_find(uf, 9, &rep) && rep == 3, "find 9 gives 3");
	CHECK(!na_uf_find(uf, 4, &rep), "4 is not a member");
	na_uf_destroy(uf);

	/* a long chain 100000 .. 1 linked from the top: one component, rep 1 */
	na_uf_create(&na_malloc_allocator, &uf);
	for (i = 100000; i > 1; i--)
		na_uf_union(uf, i, i - 1);
	for (i = 1; i <= 100000; i += 997)
		if (!na_uf_find(uf, i, &rep) || rep != 1)
			ok = false;
	CHECK(ok && na_uf_count(uf) == 100000, "chain of 100000 ids has representative 1");
	na_uf_destroy(uf);

	/* text form: the whole int64 range, and nothing beyond it */
	{
		char		err[256];
		const char *lit = "{-9223372036854775808:9223372036854775807}";

		na_uf_create(&na_malloc_allocator, &uf);
		st = na_uf_parse(uf, lit, strlen(lit), NULL, err, sizeof(err));
		CHECK(st == NA_OK && na_uf_find(uf, INT64_MAX, &rep) && rep == INT64_MIN,
			  "ids at both ends of the int64 range parse");
		st = na_uf_parse(uf, "{1:9223372036854775808}", 23, NULL, err, sizeof(err));
		CHECK(st == NA_ERR_OUT_OF_RANGE, "cluster id above 2^63 - 1 is out of range");
		CHECK_STR(err, "cluster id \"9223372036854775808\" is out of range", "its message");
		st = na_uf_parse(uf, "{-9223372036854775809:1}", 24, NULL, err, sizeof(err));
		CHECK(st == NA_ERR_OUT_OF_RANGE, "article id below -2^63 is out of range");
		st = na_uf_parse(uf, "{x:1}", 5, NULL, err, sizeof(err));
		CHECK(st == NA_ERR_BAD_LITERAL, "a missing id is a syntax error");
		na_uf_destroy(uf);
	}
}

/*
 * test_mlt_adaptive: the adaptive "more like this" query leaves out terms in
 * more than 5% of the documents, takes the heaviest of the others, and the
 * least number shared whose expected candidates, terms independent, fit the
 * budget (a term in more documents than the budget, that is).  1,000
 * documents; terms 1, 2, 3 in 10 each (p = 0.01), term 4 in 200 (20%), term
 * 5 unknown to the corpus (counted as in one).
 */
static void
test_mlt_adaptive(void)
{
	uint32_t	cids[] = {1, 2, 3, 4};
	int64_t		cdfs[] = {10, 10, 10, 200};
	NaCorpus	c = {4, 1000, 5000.0, cids, cdfs};
	uint32_t	ids[] = {1, 2, 3, 4, 5};
	float		vals[] = {0.5f, 0.4f, 0.3f, 0.9f, 0.1f};
	NaTermVec	probe = {5, ids, vals};
	uint32_t	keep[5],
				tmp[5],
				m,
				n;

	n = na_mlt_adaptive(&probe, &c, 20, 100, keep, tmp, &m);
	/* E(1) = 1000 (1 - 0.99^3 0.999) = 30.7 <= 100; 30 postings of 3,000 */
	CHECK(n == 4 && keep[0] == 0 && keep[1] == 1 && keep[2] == 2 && keep[3] == 4 && m == 1,
		  "adaptive query: the 20%% term left out, 1 shared for a budget of 100 (n %u, m %u)", n, m);
	n = na_mlt_adaptive(&probe, &c, 20, 10, keep, tmp, &m);
	/* E(2) = 1000 (3 * 0.0001 + 3 * 0.01 * 0.001) < 1 */
	CHECK(n == 4 && m == 2, "adaptive query: 2 shared for a budget of 10 (n %u, m %u)", n, m);
	/* a budget of 0.5: 15 postings, terms 1 and 5; E(1) = 11, E(2) = 0.01 */
	n = na_mlt_adaptive(&probe, &c, 20, 0.5, keep, tmp, &m);
	CHECK(n == 2 && keep[0] == 0 && keep[1] == 4 && m == 2,
		  "adaptive query: a budget of 0.5 reads 15 postings, 2 terms, both shared (n %u, m %u)", n, m);
	/* a budget of 0.0001: the heaviest eligible term alone, past the postings */
	n = na_mlt_adaptive(&probe, &c, 20, 0.0001, keep, tmp, &m);
	CHECK(n == 1 && keep[0] == 0 && m == 1,
		  "adaptive query: the heaviest eligible term even past the postings (n %u, m %u)", n, m);
	n = na_mlt_adaptive(&probe, &c, 20, 500, keep, tmp, &m);
	/* E(1) = 1000 (1 - 0.99^3 0.8 0.999) = 224 */
	CHECK(n == 5 && m == 1, "adaptive query: a budget of 500 keeps the 20%% term, 1 shared (n %u, m %u)", n, m);
	n = na_mlt_adaptive(&probe, &c, 2, 100, keep, tmp, &m);
	CHECK(n == 2 && keep[0] == 0 && keep[1] == 1 && m == 1,
		  "adaptive query: nterms 2 takes the two heaviest eligible terms (n %u)", n);
	/* the limits of a key index (news.mlt_keys_query): no term too common,
	 * E(2) = 1000 (3 * 0.0001 + 3 * 0.01 * 0.2 + ...) = 6.5 */
	n = na_mlt_adaptive_limits(&probe, &c, 20, 100, 1.0, 1000.0, keep, tmp, &m);
	CHECK(n == 5 && m == 2, "adaptive query, key limits: the 20%% term kept, 2 shared (n %u, m %u)", n, m);
	/* a budget of 0.5 reads 500 postings: all 5 terms; E(3) = 0.06 */
	n = na_mlt_adaptive_limits(&probe, &c, 20, 0.5, 1.0, 1000.0, keep, tmp, &m);
	CHECK(n == 5 && m == 3, "adaptive query, key limits: a budget of 0.5, 3 shared (n %u, m %u)", n, m);
	probe.nnz = 0;
	n = na_mlt_adaptive(&probe, &c, 20, 100, keep, tmp, &m);
	CHECK(n == 0 && m == 1, "adaptive query of an empty probe: no terms");
}

int
main(void)
{
	test_mlt_adaptive();
	test_ids();
	test_parse();
	test_math();
	test_corpus();
	test_weight_round_trip();
	test_acc_growth();
	test_union_find();
	return na_test_done();
}
