/*
 * termvec_fuzzer.c
 *		libFuzzer harness for the text forms of term vectors, corpus
 *		statistics and clusterings: parse arbitrary bytes; whatever parses
 *		must format and parse back to the same text, and pass the checks
 *		the server applies to stored values.  A weight taken from the raw
 *		bytes (as binary input would store it) must print as text that
 *		reads back as the same float.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "termvec.h"

static void
check_termvec(const char *s, size_t len)
{
	NaTermVecBuf b;
	NaTermVecBuf b2;
	NaTermVec	v;
	NaBuf		out;
	NaBuf		out2;
	char		err[128];

	if (na_tv_parse(s, len, &na_malloc_allocator, NULL, &b, err, sizeof(err)) != NA_OK)
		return;
	v.nnz = b.nnz;
	v.ids = b.ids;
	v.vals = b.vals;
	if (na_tv_check(&v) != NULL)
		abort();
	na_buf_init(&out, &na_malloc_allocator);
	if (na_tv_format(&v, &out) != NA_OK)
		abort();
	if (na_tv_parse(out.data, out.len, &na_malloc_allocator, NULL, &b2, err, sizeof(err)) != NA_OK)
		abort();
	v.nnz = b2.nnz;
	v.ids = b2.ids;
	v.vals = b2.vals;
	na_buf_init(&out2, &na_malloc_allocator);
	if (na_tv_format(&v, &out2) != NA_OK || out.len != out2.len ||
		memcmp(out.data, out2.data, out.len) != 0)
		abort();
	na_buf_free(&out);
	na_buf_free(&out2);
	na_tvbuf_free(&b);
	na_tvbuf_free(&b2);
}

static void
check_corpus(const char *s, size_t len)
{
	NaCorpusBuf b;
	NaCorpus	c;
	NaBuf		out;
	NaBuf		out2;
	char		err[128];

	if (na_corpus_parse(s, len, &na_malloc_allocator, NULL, &b, err, sizeof(err)) != NA_OK)
		return;
	c.nterms = b.nterms;
	c.ndocs = b.ndocs;
	c.length = b.length;
	c.ids = b.ids;
	c.dfs = b.dfs;
	if (na_corpus_check(&c) != NULL)
		abort();
	na_buf_init(&out, &na_malloc_allocator);
	if (na_corpus_format(&c, &out) != NA_OK)
		abort();
	na_corpusbuf_free(&b);
	if (na_corpus_parse(out.data, out.len, &na_malloc_allocator, NULL, &b, err, sizeof(err)) != NA_OK)
		abort();
	c.nterms = b.nterms;
	c.ndocs = b.ndocs;
	c.length = b.length;
	c.ids = b.ids;
	c.dfs = b.dfs;
	na_buf_init(&out2, &na_malloc_allocator);
	if (na_corpus_format(&c, &out2) != NA_OK || out.len != out2.len ||
		memcmp(out.data, out2.data, out.len) != 0)
		abort();
	na_corpusbuf_free(&b);
	na_buf_free(&out);
	na_buf_free(&out2);
}

/* the first four bytes as a stored float4 weight: its text reads back */
static void
check_weight_bits(const uint8_t *data, size_t size)
{
	float		w;
	uint32_t	id = 1;
	NaTermVec	v = {1, &id, &w};
	NaTermVecBuf b;
	NaBuf		out;
	char		err[128];

	if (size < sizeof(w))
		return;
	memcpy(&w, data, sizeof(w));
	if (!isfinite(w) || w == 0.0f)
		return;
	na_buf_init(&out, &na_malloc_allocator);
	if (na_tv_format(&v, &out) != NA_OK ||
		na_tv_parse(out.data, out.len, &na_malloc_allocator, NULL, &b, err, sizeof(err)) != NA_OK)
		abort();
	if (b.nnz != 1 || memcmp(&b.vals[0], &w, sizeof(w)) != 0)
		abort();
	na_tvbuf_free(&b);
	na_buf_free(&out);
}

static void
check_clustering(const char *s, size_t len)
{
	NaUnionFind *uf;
	int64_t    *ids;
	int64_t    *reps;
	uint32_t	n;
	uint32_t	i;
	char		err[128];

	if (na_uf_create(&na_malloc_allocator, &uf) != NA_OK)
		return;
	if (na_uf_parse(uf, s, len, NULL, err, sizeof(err)) == NA_OK)
	{
		n = na_uf_count(uf);
		ids = malloc((n ? n : 1) * sizeof(int64_t));
		reps = malloc((n ? n : 1) * sizeof(int64_t));
		if (na_uf_write(uf, ids, reps, NULL) != NA_OK)
			abort();
		for (i = 0; i < n; i++)
			if (reps[i] > ids[i] || (i > 0 && ids[i] <= ids[i - 1]))
				abort();
		free(ids);
		free(reps);
	}
	na_uf_destroy(uf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	check_termvec((const char *) data, size);
	check_corpus((const char *) data, size);
	check_clustering((const char *) data, size);
	check_weight_bits(data, size);
	return 0;
}
