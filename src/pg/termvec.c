/*
 * termvec.c
 *		SQL types news.termvec and news.corpus: I/O, weighting and scoring
 *		functions, the corpus_stats aggregates and GIN support.
 *
 * news.termvec is a varlena: length word, a version and a flags field, the
 * entry count, the sorted 32-bit term ids and then the float4 weights
 * (the layout pgvector's sparsevec uses).  news.corpus stores the document
 * count and total length followed by sorted ids and their int8 document
 * frequencies.
 *
 * The corpus_stats aggregates keep their state as a news.corpus, not as
 * internal, so that they work where states travel between processes or
 * nodes (parallel query, Citus).  To avoid copying a growing state once per
 * row, the transition function turns the state into an expanded object
 * (utils/expandeddatum.h) living under the aggregate's memory context: a
 * hash table from id to df that each row updates in place.  nodeAgg keeps a
 * read-write expanded state without copying it; when the state leaves the
 * aggregate (a partial aggregate's result, the final function) it is
 * flattened into the sorted varlena form.
 *
 * news.termquery shares the term vector layout and keeps the least number
 * of shared ids a document needs in the flags field: "w % q" is the GIN
 * indexable candidate test of "more like this".
 *
 * Functions that take a corpus cache the detoasted value in fn_extra, keyed
 * by its TOAST pointer, so that news.tfidf(v, (SELECT c FROM stats)) over
 * many rows detoasts the statistics once per query rather than per row.
 */
#include "postgres.h"

#include <math.h>

#include "access/gin.h"
#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "na_compat.h"
#include "na_glue.h"
#include "termvec.h"
#include "termvec_pg.h"
#include "tokenizer.h"


/* On-disk forms */
#define TERMVEC_VERSION	1
#define CORPUS_VERSION	1

typedef struct TermVecData
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint16		version;
	uint16		flags;			/* 0 for news.termvec; news.termquery keeps
								 * its least number of shared terms here */
	uint32		nnz;
	uint32		ids[FLEXIBLE_ARRAY_MEMBER];	/* then float4 vals[nnz] */
} TermVecData;

#define TERMVEC_SIZE(n)	(offsetof(TermVecData, ids) + (Size) (n) * (sizeof(uint32) + sizeof(float)))
#define TERMVEC_VALS(t)	((float *) ((t)->ids + (t)->nnz))
#define DatumGetTermVec(d)	((TermVecData *) PG_DETOAST_DATUM(d))
#define PG_GETARG_TERMVEC(n)	DatumGetTermVec(PG_GETARG_DATUM(n))

typedef struct CorpusData
{
	int32		vl_len_;
	uint16		version;
	uint16		flags;			/* reserved, 0 */
	uint32		nterms;
	uint32		reserved;
	int64		ndocs;
	float8		length;
	uint32		ids[FLEXIBLE_ARRAY_MEMBER];	/* then, 8-aligned, int64 dfs */
} CorpusData;

#define CORPUS_DFS_OFFSET(n)	TYPEALIGN(8, offsetof(CorpusData, ids) + (Size) (n) * sizeof(uint32))
#define CORPUS_SIZE(n)	(CORPUS_DFS_OFFSET(n) + (Size) (n) * sizeof(int64))
#define CORPUS_DFS(c)	((int64 *) ((char *) (c) + CORPUS_DFS_OFFSET((c)->nterms)))

/* the largest term vector or corpus whose varlena fits MaxAllocSize */
#define TERMVEC_MAX_NNZ	((uint32) ((MaxAllocSize - offsetof(TermVecData, ids)) / 8))
#define CORPUS_MAX_TERMS ((uint32) ((MaxAllocSize - offsetof(CorpusData, ids) - 8) / 12))

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------
 */

/* new_termvec: a zeroed term vector with room for nnz entries. */
static TermVecData *
new_termvec(uint32 nnz)
{
	TermVecData *t;

	if (nnz > TERMVEC_MAX_NNZ || nnz > NA_TV_MAX_NNZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("term vector would have too many entries (%u)", nnz)));
	t = palloc0(TERMVEC_SIZE(nnz));
	SET_VARSIZE(t, TERMVEC_SIZE(nnz));
	t->version = TERMVEC_VERSION;
	t->nnz = nnz;
	return t;
}

/* check_termvec: reject a term vector of an unknown version. */
static void
check_termvec(const TermVecData *t)
{
	if (t->version != TERMVEC_VERSION || VARSIZE(t) != TERMVEC_SIZE(t->nnz))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported news.termvec format (version %u)", t->version)));
}

static NaTermVec
tv_view(const TermVecData *t)
{
	NaTermVec	v;

	check_termvec(t);
	v.nnz = t->nnz;
	v.ids = t->ids;
	v.vals = TERMVEC_VALS((TermVecData *) t);
	return v;
}

/* new_corpus: a corpus with room for nterms entries (header filled). */
static CorpusData *
new_corpus(uint32 nterms, int64 ndocs, double length)
{
	CorpusData *c;

	if (nterms > CORPUS_MAX_TERMS || nterms > NA_TV_MAX_NNZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("corpus statistics would have too many terms (%u)", nterms),
				 errhint("Prune the statistics with news.corpus_prune().")));
	c = palloc0(CORPUS_SIZE(nterms));
	SET_VARSIZE(c, CORPUS_SIZE(nterms));
	c->version = CORPUS_VERSION;
	c->nterms = nterms;
	c->ndocs = ndocs;
	c->length = length;
	return c;
}

static NaCorpus
corpus_view(const CorpusData *c)
{
	NaCorpus	v;

	if (c->version != CORPUS_VERSION || VARSIZE(c) != CORPUS_SIZE(c->nterms))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported news.corpus format (version %u)", c->version)));
	v.nterms = c->nterms;
	v.ndocs = c->ndocs;
	v.length = c->length;
	v.ids = c->ids;
	v.dfs = CORPUS_DFS((CorpusData *) c);
	return v;
}

/* ------------------------------------------------------------------------
 * The expanded corpus: an accumulator under its own memory context.
 * ------------------------------------------------------------------------
 */
typedef struct ExpandedCorpus
{
	ExpandedObjectHeader hdr;
	NaAllocator alloc;			/* bound to hdr.eoh_context */
	NaCorpusAcc *acc;
} ExpandedCorpus;

static Size ec_get_flat_size(ExpandedObjectHeader *eohptr);
static void ec_flatten_into(ExpandedObjectHeader *eohptr, void *result,
							Size allocated_size);

static const ExpandedObjectMethods ec_methods = {
	ec_get_flat_size,
	ec_flatten_into
};

static Size
ec_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedCorpus *ec = (ExpandedCorpus *) eohptr;
	uint32		n = na_corpus_acc_nterms(ec->acc);

	if (n > CORPUS_MAX_TERMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("corpus statistics would have too many terms (%u)", n)));
	return CORPUS_SIZE(n);
}

static void
ec_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedCorpus *ec = (ExpandedCorpus *) eohptr;
	CorpusData *c = (CorpusData *) result;
	uint32		n = na_corpus_acc_nterms(ec->acc);
	uint64	   *tmp;

	Assert(allocated_size == CORPUS_SIZE(n));
	memset(c, 0, allocated_size);
	SET_VARSIZE(c, CORPUS_SIZE(n));
	c->version = CORPUS_VERSION;
	c->nterms = n;
	c->ndocs = na_corpus_acc_ndocs(ec->acc);
	c->length = na_corpus_acc_length(ec->acc);
	tmp = palloc_extended(Max(n, 1) * sizeof(uint64), MCXT_ALLOC_HUGE);
	na_corpus_acc_write(ec->acc, c->ids, CORPUS_DFS(c), tmp);
	pfree(tmp);
}

/* new_expanded_corpus: an empty accumulator in a child context of parent. */
static ExpandedCorpus *
new_expanded_corpus(MemoryContext parent)
{
	MemoryContext cxt;
	ExpandedCorpus *ec;

	/* small: a GROUP BY may keep one accumulator per group */
	cxt = AllocSetContextCreate(parent, "news.corpus accumulator",
								ALLOCSET_SMALL_SIZES);
	ec = MemoryContextAlloc(cxt, sizeof(ExpandedCorpus));
	EOH_init_header(&ec->hdr, &ec_methods, cxt);
	ec->alloc = na_pg_context_allocator(cxt);
	na_pg_check(na_corpus_acc_create(&ec->alloc, &ec->acc), "news.corpus_stats");
	return ec;
}

static bool
is_our_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &ec_methods;
}

/*
 * corpus_state returns the accumulator for the state argument of a
 * transition or combine function: the argument itself when it is our
 * read-write expanded object inside an aggregate (updated in place),
 * otherwise a new one in the aggregate context holding a copy of it.
 */
static ExpandedCorpus *
corpus_state(FunctionCallInfo fcinfo, bool in_agg, MemoryContext aggcxt)
{
	ExpandedCorpus *ec;

	if (in_agg && !PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && is_our_expanded(d))
			return (ExpandedCorpus *) DatumGetEOHP(d);
	}
	ec = new_expanded_corpus(aggcxt);
	if (!PG_ARGISNULL(0))
	{
		CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
		NaCorpus	v = corpus_view(c);

		na_pg_check(na_corpus_acc_add_corpus(ec->acc, &v, na_pg_yield()),
					"news.corpus_stats");
	}
	return ec;
}

/* flatten_expanded: a flat copy of ec in the current context. */
static CorpusData *
flatten_expanded(ExpandedCorpus *ec)
{
	Size		size = ec_get_flat_size(&ec->hdr);
	void	   *flat = palloc_extended(size, MCXT_ALLOC_HUGE);

	ec_flatten_into(&ec->hdr, flat, size);
	return (CorpusData *) flat;
}

/* ------------------------------------------------------------------------
 * Corpus argument cache (fn_extra): the detoasted value of an out-of-line
 * corpus, keyed by its TOAST pointer, one slot for each of the first
 * CORPUS_CACHE_ARGS arguments (a function may take two corpora).
 * ------------------------------------------------------------------------
 */
#define CORPUS_CACHE_ARGS	8

typedef struct CorpusCache
{
	char		key[VARHDRSZ_EXTERNAL + sizeof(varatt_external)];
	Size		keylen;
	CorpusData *corpus;
	NaCorpus	view;
} CorpusCache;

static NaCorpus
corpus_arg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	struct varlena *raw = (struct varlena *) DatumGetPointer(d);
	CorpusCache *cache;
	MemoryContext old;
	Size		keylen;

	if (!VARATT_IS_EXTERNAL_ONDISK(raw) || fcinfo->flinfo == NULL || argno >= CORPUS_CACHE_ARGS)
		return corpus_view((CorpusData *) PG_DETOAST_DATUM(d));
	keylen = VARSIZE_EXTERNAL(raw);
	if (keylen > sizeof(cache->key))
		return corpus_view((CorpusData *) PG_DETOAST_DATUM(d));
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  CORPUS_CACHE_ARGS * sizeof(CorpusCache));
	cache = (CorpusCache *) fcinfo->flinfo->fn_extra + argno;
	if (cache->keylen == keylen && memcmp(cache->key, raw, keylen) == 0)
		return cache->view;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (cache->corpus)
	{
		pfree(cache->corpus);
		cache->corpus = NULL;
		cache->keylen = 0;
	}
	cache->corpus = (CorpusData *) PG_DETOAST_DATUM_COPY(d);
	cache->view = corpus_view(cache->corpus);
	memcpy(cache->key, raw, keylen);
	cache->keylen = keylen;
	MemoryContextSwitchTo(old);
	return cache->view;
}

/* ------------------------------------------------------------------------
 * news.termvec I/O
 * ------------------------------------------------------------------------
 */

static TermVecData *
termvec_from_buf(const NaTermVecBuf *b)
{
	TermVecData *t = new_termvec(b->nnz);

	memcpy(t->ids, b->ids, b->nnz * sizeof(uint32));
	memcpy(TERMVEC_VALS(t), b->vals, b->nnz * sizeof(float));
	return t;
}

/* defined below; the input function calls it for an article text */
extern PGDLLEXPORT Datum termvec_from_text(PG_FUNCTION_ARGS);

/*
 * termvec_in: '{id:weight,...}', or the text of an article.  A call
 * news.termvec('some text') with one untyped literal (or a varchar) is
 * parsed by PostgreSQL as a cast to the type, so a string whose first
 * non-blank character is not '{' is analysed as an article, exactly as
 * news.termvec(text) does with its default configuration 'english'.
 */
PG_FUNCTION_INFO_V1(termvec_in);
Datum
termvec_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	const char *p = s;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;
	TermVecData *t;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p != '{')
		PG_RETURN_DATUM(DirectFunctionCall2(termvec_from_text,
											PointerGetDatum(cstring_to_text(s)),
											PointerGetDatum(cstring_to_text("english"))));
	err[0] = '\0';
	st = na_tv_parse(s, strlen(s), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (st == NA_ERR_BAD_LITERAL)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.termvec: \"%s\"", s),
					 errdetail("%c%s.", pg_toupper((unsigned char) err[0]), err + 1),
					 errhint("A term vector is written {id:weight,...}, for example {17:2,4031:1}.")));
	na_pg_check(st, "news.termvec input");
	t = termvec_from_buf(&b);
	PG_RETURN_POINTER(t);
}

/* termvec_out: the canonical text form. */
PG_FUNCTION_INFO_V1(termvec_out);
Datum
termvec_out(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = tv_view(t);
	NaBuf		buf;

	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_tv_format(&v, &buf), "news.termvec output");
	na_pg_check(na_buf_append(&buf, "", 1), "news.termvec output");
	PG_RETURN_CSTRING(buf.data);
}

/* termvec_recv: version, flags, count, then (id, weight) pairs. */
PG_FUNCTION_INFO_V1(termvec_recv);
Datum
termvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint16		version = (uint16) pq_getmsgint(in, 2);
	uint16		flags = (uint16) pq_getmsgint(in, 2);
	uint32		nnz = (uint32) pq_getmsgint(in, 4);
	TermVecData *t;
	NaTermVec	v;
	const char *bad;
	uint32		i;

	if (version != TERMVEC_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.termvec binary format (version %u, flags %u)",
						version, flags)));
	if (nnz > (uint32) ((in->len - in->cursor) / 8))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("news.termvec binary data is shorter than its %u entries", nnz)));
	t = new_termvec(nnz);
	for (i = 0; i < nnz; i++)
	{
		t->ids[i] = (uint32) pq_getmsgint(in, 4);
		TERMVEC_VALS(t)[i] = pq_getmsgfloat4(in);
	}
	v = tv_view(t);
	if ((bad = na_tv_check(&v)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid news.termvec binary data: %s", bad)));
	PG_RETURN_POINTER(t);
}

/* termvec_send: the binary form read by termvec_recv. */
PG_FUNCTION_INFO_V1(termvec_send);
Datum
termvec_send(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = tv_view(t);
	StringInfoData buf;
	uint32		i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, TERMVEC_VERSION);
	pq_sendint16(&buf, 0);
	pq_sendint32(&buf, v.nnz);
	for (i = 0; i < v.nnz; i++)
	{
		pq_sendint32(&buf, v.ids[i]);
		pq_sendfloat4(&buf, v.vals[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * news.corpus I/O
 * ------------------------------------------------------------------------
 */

/* corpus_in: 'docs=N length=L {id:df,...}' */
PG_FUNCTION_INFO_V1(corpus_in);
Datum
corpus_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	NaCorpusBuf b;
	char		err[256];
	NaStatus	st;
	CorpusData *c;

	err[0] = '\0';
	st = na_corpus_parse(s, strlen(s), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (st == NA_ERR_BAD_LITERAL)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.corpus: \"%s\"", s),
					 errdetail("%c%s.", pg_toupper((unsigned char) err[0]), err + 1),
					 errhint("Corpus statistics are written docs=N length=L {id:df,...}, for example docs=2 length=9 {17:2,4031:1}.")));
	na_pg_check(st, "news.corpus input");
	c = new_corpus(b.nterms, b.ndocs, b.length);
	memcpy(c->ids, b.ids, b.nterms * sizeof(uint32));
	memcpy(CORPUS_DFS(c), b.dfs, b.nterms * sizeof(int64));
	PG_RETURN_POINTER(c);
}

/* corpus_out: the canonical text form. */
PG_FUNCTION_INFO_V1(corpus_out);
Datum
corpus_out(PG_FUNCTION_ARGS)
{
	CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	NaCorpus	v = corpus_view(c);
	NaBuf		buf;

	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_corpus_format(&v, &buf), "news.corpus output");
	na_pg_check(na_buf_append(&buf, "", 1), "news.corpus output");
	PG_RETURN_CSTRING(buf.data);
}

/* corpus_recv: version, flags, count, docs, length, then (id, df) pairs. */
PG_FUNCTION_INFO_V1(corpus_recv);
Datum
corpus_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint16		version = (uint16) pq_getmsgint(in, 2);
	uint16		flags = (uint16) pq_getmsgint(in, 2);
	uint32		n = (uint32) pq_getmsgint(in, 4);
	int64		ndocs = pq_getmsgint64(in);
	float8		length = pq_getmsgfloat8(in);
	CorpusData *c;
	NaCorpus	v;
	const char *bad;
	uint32		i;

	if (version != CORPUS_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.corpus binary format (version %u, flags %u)",
						version, flags)));
	if (n > (uint32) ((in->len - in->cursor) / 12))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("news.corpus binary data is shorter than its %u terms", n)));
	c = new_corpus(n, ndocs, length);
	for (i = 0; i < n; i++)
	{
		c->ids[i] = (uint32) pq_getmsgint(in, 4);
		CORPUS_DFS(c)[i] = pq_getmsgint64(in);
	}
	v = corpus_view(c);
	if ((bad = na_corpus_check(&v)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid news.corpus binary data: %s", bad)));
	PG_RETURN_POINTER(c);
}

/* corpus_send: the binary form read by corpus_recv. */
PG_FUNCTION_INFO_V1(corpus_send);
Datum
corpus_send(PG_FUNCTION_ARGS)
{
	CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	NaCorpus	v = corpus_view(c);
	StringInfoData buf;
	uint32		i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, CORPUS_VERSION);
	pq_sendint16(&buf, 0);
	pq_sendint32(&buf, v.nterms);
	pq_sendint64(&buf, v.ndocs);
	pq_sendfloat8(&buf, v.length);
	for (i = 0; i < v.nterms; i++)
	{
		pq_sendint32(&buf, v.ids[i]);
		pq_sendint64(&buf, v.dfs[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * Term vector functions
 * ------------------------------------------------------------------------
 */

/* termvec_term_id: the id of one (already normalized) term. */
PG_FUNCTION_INFO_V1(termvec_term_id);
Datum
termvec_term_id(PG_FUNCTION_ARGS)
{
	text	   *term = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = na_pg_text(term, &len);

	PG_RETURN_INT64((int64) na_term_id(s, len));
}

typedef struct TermIds
{
	NaBuf		buf;			/* uint32 ids */
	NaStatus	status;
} TermIds;

static bool
collect_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	TermIds    *ti = (TermIds *) arg;
	uint32		id = na_term_id(term, len);

	ti->status = na_buf_append(&ti->buf, &id, sizeof(id));
	return ti->status == NA_OK;
}

/* termvec_from_text: term counts of the index terms of body. */
PG_FUNCTION_INFO_V1(termvec_from_text);
Datum
termvec_from_text(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(1));
	size_t		len;
	const char *s = na_pg_text(body, &len);
	NaLexer    *lx = na_pg_lexer(config);
	TermIds		ti;
	size_t		err_offset = 0;
	NaStatus	st;
	uint32	   *ids;
	size_t		n;
	uint32		distinct;
	TermVecData *t;

	na_buf_init(&ti.buf, na_pg_allocator());
	ti.status = NA_OK;
	st = na_lexer_terms(lx, s, len, collect_term, &ti, na_pg_yield(), &err_offset);
	na_pg_check_at(st, "news.termvec", err_offset);
	na_pg_check(ti.status, "news.termvec");
	ids = (uint32 *) ti.buf.data;
	n = ti.buf.len / sizeof(uint32);
	na_pg_check(na_tv_sort_ids(ids, n, na_pg_allocator(), na_pg_yield(), &distinct),
				"news.termvec");
	t = new_termvec(distinct);
	na_tv_fill_counts(ids, n, t->ids, TERMVEC_VALS(t));
	na_buf_free(&ti.buf);
	PG_RETURN_POINTER(t);
}

/*
 * Surface forms: the most frequent spelling of each index term, for
 * showing terms to people (trending terms), never the stem.
 */
typedef struct TermOcc
{
	uint32		id;
	uint32		len;			/* byte length of the token as written */
	const char *surface;		/* the token in the body */
} TermOcc;

typedef struct TermOccs
{
	NaBuf		buf;			/* TermOcc */
	const char *text;
	NaStatus	status;
} TermOccs;

typedef struct TermSurface
{
	uint32		id;
	uint32		count;			/* occurrences of the term */
	uint32		surface_count;	/* occurrences of its chosen spelling */
	uint32		len;
	const char *surface;
	bool		lower;			/* the spelling is not all capitals */
} TermSurface;

static bool
collect_occurrence(const char *term, size_t len, const NaToken *tok, void *arg)
{
	TermOccs   *to = (TermOccs *) arg;
	TermOcc		o;

	o.id = na_term_id(term, len);
	o.surface = to->text + tok->start;
	o.len = (uint32) tok->len;
	to->status = na_buf_append(&to->buf, &o, sizeof(o));
	return to->status == NA_OK;
}

/* occ_cmp: by term id, then by spelling (bytes). */
static int
occ_cmp(const void *a, const void *b)
{
	const TermOcc *x = (const TermOcc *) a;
	const TermOcc *y = (const TermOcc *) b;
	int			c;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	c = memcmp(x->surface, y->surface, Min(x->len, y->len));
	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* surface_cmp: most frequent terms first, then smaller ids (news.top_terms). */
static int
surface_cmp(const void *a, const void *b)
{
	const TermSurface *x = (const TermSurface *) a;
	const TermSurface *y = (const TermSurface *) b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* has_lower: a lower-case ASCII letter or a non-ASCII character. */
static bool
has_lower(const char *s, uint32 len)
{
	uint32		i;

	for (i = 0; i < len; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char) s[i] >= 0x80)
			return true;
	return false;
}

/*
 * termvec_term_surfaces: the n most frequent index terms of body (the
 * entries of news.top_terms(news.termvec(body, config), n), same order of
 * precedence), each with its count and most frequent spelling as written;
 * ties between spellings prefer one that is not all capitals (a dateline's
 * ROTTERDAM against Rotterdam), then the smaller in byte order.
 */
PG_FUNCTION_INFO_V1(termvec_term_surfaces);
Datum
termvec_term_surfaces(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		n = PG_GETARG_INT32(1);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(2));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	size_t		len;
	const char *s = na_pg_text(body, &len);
	NaLexer    *lx;
	TermOccs	to;
	TermOcc    *occ;
	TermSurface *terms;
	size_t		nocc;
	size_t		nterms = 0;
	size_t		i;
	size_t		err_offset = 0;

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be positive")));
	InitMaterializedSRF(fcinfo, 0);
	lx = na_pg_lexer(config);
	na_buf_init(&to.buf, na_pg_allocator());
	to.text = s;
	to.status = NA_OK;
	na_pg_check_at(na_lexer_terms(lx, s, len, collect_occurrence, &to, na_pg_yield(), &err_offset),
				   "news.term_surfaces", err_offset);
	na_pg_check(to.status, "news.term_surfaces");
	occ = (TermOcc *) to.buf.data;
	nocc = to.buf.len / sizeof(TermOcc);
	if (nocc == 0)
		return (Datum) 0;
	qsort(occ, nocc, sizeof(TermOcc), occ_cmp);

	/* one entry per term; runs of one spelling are adjacent */
	terms = palloc(nocc * sizeof(TermSurface));
	for (i = 0; i < nocc;)
	{
		TermSurface *t = &terms[nterms++];
		size_t		j = i;

		CHECK_FOR_INTERRUPTS();
		memset(t, 0, sizeof(*t));
		t->id = occ[i].id;
		while (j < nocc && occ[j].id == t->id)
		{
			size_t		k = j;
			bool		lower = has_lower(occ[j].surface, occ[j].len);

			while (k < nocc && occ[k].id == t->id && occ[k].len == occ[j].len &&
				   memcmp(occ[k].surface, occ[j].surface, occ[j].len) == 0)
				k++;
			if (t->surface == NULL || k - j > t->surface_count ||
				(k - j == t->surface_count && lower && !t->lower))
			{
				t->surface = occ[j].surface;
				t->len = occ[j].len;
				t->surface_count = (uint32) (k - j);
				t->lower = lower;
			}
			t->count += (uint32) (k - j);
			j = k;
		}
		i = j;
	}
	qsort(terms, nterms, sizeof(TermSurface), surface_cmp);

	for (i = 0; i < nterms && i < (size_t) n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = Int64GetDatum((int64) terms[i].id);
		values[1] = PointerGetDatum(cstring_to_text_with_len(terms[i].surface, (int) terms[i].len));
		values[2] = Int32GetDatum((int32) terms[i].count);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	na_buf_free(&to.buf);
	pfree(terms);
	return (Datum) 0;
}

/* termvec_nnz: the number of entries. */
PG_FUNCTION_INFO_V1(termvec_nnz);
Datum
termvec_nnz(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);

	check_termvec(t);
	PG_RETURN_INT32((int32) t->nnz);
}

/* termvec_norm: the Euclidean length. */
PG_FUNCTION_INFO_V1(termvec_norm);
Datum
termvec_norm(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = tv_view(t);

	PG_RETURN_FLOAT8(na_tv_norm(&v));
}

/* termvec_entries: SETOF (term_id int8, weight float4) in id order. */
PG_FUNCTION_INFO_V1(termvec_entries);
Datum
termvec_entries(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	desc;

		fctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
		fctx->user_fctx = PG_GETARG_TERMVEC(0);
		check_termvec(fctx->user_fctx);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "news.termvec_entries must return a composite type");
		fctx->tuple_desc = BlessTupleDesc(desc);
		fctx->max_calls = ((TermVecData *) fctx->user_fctx)->nnz;
		MemoryContextSwitchTo(old);
	}
	fctx = SRF_PERCALL_SETUP();
	if (fctx->call_cntr < fctx->max_calls)
	{
		TermVecData *t = fctx->user_fctx;
		Datum		values[2];
		bool		nulls[2] = {false, false};
		HeapTuple	tuple;

		values[0] = Int64GetDatum((int64) t->ids[fctx->call_cntr]);
		values[1] = Float4GetDatum(TERMVEC_VALS(t)[fctx->call_cntr]);
		tuple = heap_form_tuple(fctx->tuple_desc, values, nulls);
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(fctx);
}

/* termvec_from_arrays: news.termvec(term_ids int8[], weights float4[]). */
PG_FUNCTION_INFO_V1(termvec_from_arrays);
Datum
termvec_from_arrays(PG_FUNCTION_ARGS)
{
	ArrayType  *ids_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *vals_arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *ids;
	Datum	   *vals;
	bool	   *id_nulls;
	bool	   *val_nulls;
	int			nids;
	int			nvals;
	int			i;
	StringInfoData lit;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;

	deconstruct_array(ids_arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &ids, &id_nulls, &nids);
	deconstruct_array(vals_arr, FLOAT4OID, 4, true, TYPALIGN_INT,
					  &vals, &val_nulls, &nvals);
	if (nids != nvals)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("term_ids and weights must have the same length"),
				 errdetail("There are %d term ids and %d weights.", nids, nvals)));
	/* build the text form and reuse the parser's checks (order, duplicates) */
	initStringInfo(&lit);
	appendStringInfoChar(&lit, '{');
	for (i = 0; i < nids; i++)
	{
		int64		id;

		if (id_nulls[i] || val_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("term ids and weights must not be null")));
		id = DatumGetInt64(ids[i]);
		if (id < 0 || id > (int64) PG_UINT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("term id %lld is out of range", (long long) id),
					 errdetail("Term ids are between 0 and 4294967295.")));
		appendStringInfo(&lit, "%s%lld:%.9g", i ? "," : "", (long long) id,
						 (double) DatumGetFloat4(vals[i]));
		if ((i + 1) % 65536 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoChar(&lit, '}');
	err[0] = '\0';
	st = na_tv_parse(lit.data, lit.len, na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (st == NA_ERR_BAD_LITERAL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid term vector: %s", err)));
	na_pg_check(st, "news.termvec");
	PG_RETURN_POINTER(termvec_from_buf(&b));
}

/* termvec_top_terms: the n entries with the largest weights. */
PG_FUNCTION_INFO_V1(termvec_top_terms);
Datum
termvec_top_terms(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	int32		n = PG_GETARG_INT32(1);
	NaTermVec	v = tv_view(t);
	uint32	   *keep;
	uint32	   *tmp;
	uint32		k;
	uint32		i;
	TermVecData *r;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of terms must not be negative")));
	keep = palloc_extended(Max(v.nnz, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	tmp = palloc_extended(Max(v.nnz, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	k = na_tv_top(&v, (uint32) n, keep, tmp);
	r = new_termvec(k);
	for (i = 0; i < k; i++)
	{
		r->ids[i] = v.ids[keep[i]];
		TERMVEC_VALS(r)[i] = v.vals[keep[i]];
	}
	PG_RETURN_POINTER(r);
}

/* termvec_tfidf: unit-length tf-idf weights from the corpus. */
PG_FUNCTION_INFO_V1(termvec_tfidf);
Datum
termvec_tfidf(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaCorpus	c = corpus_arg(fcinfo, 1);
	NaTermVec	v = tv_view(t);
	TermVecData *r = new_termvec(v.nnz);

	memcpy(r->ids, v.ids, v.nnz * sizeof(uint32));
	na_tv_tfidf(&v, &c, TERMVEC_VALS(r), na_pg_yield());
	PG_RETURN_POINTER(r);
}

/* termvec_bm25: BM25 score of document d for query q. */
PG_FUNCTION_INFO_V1(termvec_bm25);
Datum
termvec_bm25(PG_FUNCTION_ARGS)
{
	TermVecData *q = PG_GETARG_TERMVEC(0);
	TermVecData *d = PG_GETARG_TERMVEC(1);
	NaCorpus	c = corpus_arg(fcinfo, 2);
	float8		k1 = PG_GETARG_FLOAT8(3);
	float8		b = PG_GETARG_FLOAT8(4);
	NaTermVec	qv = tv_view(q);
	NaTermVec	dv = tv_view(d);
	double		score;

	if (na_bm25(&qv, &dv, &c, k1, b, &score) != NA_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("BM25 parameters out of range: k1 = %g, b = %g", k1, b),
				 errdetail("k1 must be a finite number >= 0 and b between 0 and 1.")));
	PG_RETURN_FLOAT8(score);
}

/* termvec_cosine: cosine similarity. */
PG_FUNCTION_INFO_V1(termvec_cosine);
Datum
termvec_cosine(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);
	NaTermVec	av = tv_view(a);
	NaTermVec	bv = tv_view(b);

	PG_RETURN_FLOAT8(na_tv_cosine(&av, &bv));
}

/* termvec_cosine_distance: 1 - cosine similarity (operator <=>). */
PG_FUNCTION_INFO_V1(termvec_cosine_distance);
Datum
termvec_cosine_distance(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);
	NaTermVec	av = tv_view(a);
	NaTermVec	bv = tv_view(b);

	PG_RETURN_FLOAT8(1.0 - na_tv_cosine(&av, &bv));
}

/* termvec_overlaps: do a and b share a term id (operator &&)? */
PG_FUNCTION_INFO_V1(termvec_overlaps);
Datum
termvec_overlaps(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);
	NaTermVec	av = tv_view(a);
	NaTermVec	bv = tv_view(b);

	PG_RETURN_BOOL(na_tv_overlap(&av, &bv) > 0);
}

/* termvec_shared: the number of term ids a and b share. */
PG_FUNCTION_INFO_V1(termvec_shared);
Datum
termvec_shared(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);
	NaTermVec	av = tv_view(a);
	NaTermVec	bv = tv_view(b);

	PG_RETURN_INT32((int32) na_tv_overlap(&av, &bv));
}

/* termvec_eq: same ids and weights (operator =). */
PG_FUNCTION_INFO_V1(termvec_eq);
Datum
termvec_eq(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);

	check_termvec(a);
	check_termvec(b);
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0);
}

/* ------------------------------------------------------------------------
 * Corpus functions and aggregates
 * ------------------------------------------------------------------------
 */

/* corpus_stats_trans: add one document (NULL vectors are skipped). */
PG_FUNCTION_INFO_V1(corpus_stats_trans);
Datum
corpus_stats_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedCorpus *ec;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;

	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	ec = corpus_state(fcinfo, in_agg, aggcxt);
	if (!PG_ARGISNULL(1))
	{
		TermVecData *t = PG_GETARG_TERMVEC(1);
		NaTermVec	v = tv_view(t);

		na_pg_check(na_corpus_acc_add_doc(ec->acc, &v), "news.corpus_stats");
		if ((Pointer) t != DatumGetPointer(PG_GETARG_DATUM(1)))
			pfree(t);
	}
	if (!in_agg)
		PG_RETURN_POINTER(flatten_expanded(ec));
	PG_RETURN_DATUM(EOHPGetRWDatum(&ec->hdr));
}

/* corpus_stats_combine: add corpus statistics (transition and combine). */
PG_FUNCTION_INFO_V1(corpus_stats_combine);
Datum
corpus_stats_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedCorpus *ec;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;

	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	ec = corpus_state(fcinfo, in_agg, aggcxt);
	if (!PG_ARGISNULL(1))
	{
		CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
		NaCorpus	v = corpus_view(c);

		na_pg_check(na_corpus_acc_add_corpus(ec->acc, &v, na_pg_yield()),
					"news.corpus_stats");
		if ((Pointer) c != DatumGetPointer(PG_GETARG_DATUM(1)))
			pfree(c);
	}
	if (!in_agg)
		PG_RETURN_POINTER(flatten_expanded(ec));
	PG_RETURN_DATUM(EOHPGetRWDatum(&ec->hdr));
}

/* corpus_stats_final: the flat corpus of the aggregate's state. */
PG_FUNCTION_INFO_V1(corpus_stats_final);
Datum
corpus_stats_final(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (is_our_expanded(d))
		PG_RETURN_POINTER(flatten_expanded((ExpandedCorpus *) DatumGetEOHP(d)));
	PG_RETURN_POINTER(PG_DETOAST_DATUM_COPY(d));
}

/* corpus_merge: the union of two corpora (operator +). */
PG_FUNCTION_INFO_V1(corpus_merge);
Datum
corpus_merge(PG_FUNCTION_ARGS)
{
	CorpusData *a = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	CorpusData *b = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
	NaCorpus	av = corpus_view(a);
	NaCorpus	bv = corpus_view(b);
	uint32		n = na_corpus_merge_count(&av, &bv);
	CorpusData *r;

	if (av.ndocs > PG_INT64_MAX - bv.ndocs || isinf(av.length + bv.length))
		na_pg_check(NA_ERR_TOO_LARGE, "news.corpus_merge");
	r = new_corpus(n, av.ndocs + bv.ndocs, av.length + bv.length);
	na_pg_check(na_corpus_merge(&av, &bv, r->ids, CORPUS_DFS(r)), "news.corpus_merge");
	PG_RETURN_POINTER(r);
}

/* corpus_prune: keep terms with df >= min_df, at most max_terms of them. */
PG_FUNCTION_INFO_V1(corpus_prune);
Datum
corpus_prune(PG_FUNCTION_ARGS)
{
	CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	int64		min_df = PG_GETARG_INT64(1);
	int32		max_terms = PG_GETARG_INT32(2);
	NaCorpus	v = corpus_view(c);
	uint32	   *keep;
	uint32	   *tmp;
	uint32		k;
	uint32		i;
	CorpusData *r;

	if (max_terms < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_terms must not be negative"),
				 errdetail("Use 0 for no limit.")));
	keep = palloc_extended(Max(v.nterms, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	tmp = palloc_extended(Max(v.nterms, 1) * sizeof(uint32), MCXT_ALLOC_HUGE);
	k = na_corpus_prune(&v, min_df, (uint32) max_terms, keep, tmp);
	r = new_corpus(k, v.ndocs, v.length);
	for (i = 0; i < k; i++)
	{
		r->ids[i] = v.ids[keep[i]];
		CORPUS_DFS(r)[i] = v.dfs[keep[i]];
	}
	PG_RETURN_POINTER(r);
}

/* corpus_docs: the number of documents. */
PG_FUNCTION_INFO_V1(corpus_docs);
Datum
corpus_docs(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_arg(fcinfo, 0);

	PG_RETURN_INT64(v.ndocs);
}

/* corpus_terms: the number of distinct term ids. */
PG_FUNCTION_INFO_V1(corpus_terms);
Datum
corpus_terms(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_arg(fcinfo, 0);

	PG_RETURN_INT32((int32) v.nterms);
}

/* corpus_avg_length: average document length, NULL for no documents. */
PG_FUNCTION_INFO_V1(corpus_avg_length);
Datum
corpus_avg_length(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_arg(fcinfo, 0);

	if (v.ndocs == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v.length / (double) v.ndocs);
}

/* corpus_df: the document frequency of a term id (0 when unknown). */
PG_FUNCTION_INFO_V1(corpus_df);
Datum
corpus_df(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_arg(fcinfo, 0);
	int64		id = PG_GETARG_INT64(1);

	if (id < 0 || id > (int64) PG_UINT32_MAX)
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(na_corpus_df(&v, (uint32) id));
}

/* ------------------------------------------------------------------------
 * news.termquery: a term vector (same layout) whose flags field holds the
 * least number of its ids a document must share to match (operator %).
 * ------------------------------------------------------------------------
 */
#define TERMQUERY_MAX_SHARED	65535

/* termquery_in: 'M of {id:weight,...}' */
PG_FUNCTION_INFO_V1(termquery_in);
Datum
termquery_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	char	   *p = s;
	long		m = 0;
	bool		ok = true;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;
	TermVecData *t;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p < '0' || *p > '9')
		ok = false;
	while (ok && *p >= '0' && *p <= '9')
	{
		m = m * 10 + (*p++ - '0');
		if (m > TERMQUERY_MAX_SHARED)
			ok = false;
	}
	if (ok && m < 1)
		ok = false;
	while (ok && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (ok && strncmp(p, "of", 2) == 0)
		p += 2;
	else
		ok = false;
	if (!ok)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.termquery: \"%s\"", s),
					 errdetail("A term query starts with the least number of shared terms, between 1 and %d, and \"of\".",
							   TERMQUERY_MAX_SHARED),
					 errhint("A term query is written M of {id:weight,...}, for example 2 of {17:0.5,4031:0.25,977:0.1}.")));
	err[0] = '\0';
	st = na_tv_parse(p, strlen(p), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (st == NA_ERR_BAD_LITERAL)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.termquery: \"%s\"", s),
					 errdetail("%c%s.", pg_toupper((unsigned char) err[0]), err + 1),
					 errhint("A term query is written M of {id:weight,...}, for example 2 of {17:0.5,4031:0.25,977:0.1}.")));
	na_pg_check(st, "news.termquery input");
	t = termvec_from_buf(&b);
	t->flags = (uint16) m;
	PG_RETURN_POINTER(t);
}

/* termquery_out: 'M of {id:weight,...}' */
PG_FUNCTION_INFO_V1(termquery_out);
Datum
termquery_out(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = tv_view(t);
	NaBuf		buf;
	char		head[32];
	int			n = snprintf(head, sizeof(head), "%u of ", (unsigned) Max(t->flags, 1));

	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_buf_append(&buf, head, (size_t) n), "news.termquery output");
	na_pg_check(na_tv_format(&v, &buf), "news.termquery output");
	na_pg_check(na_buf_append(&buf, "", 1), "news.termquery output");
	PG_RETURN_CSTRING(buf.data);
}

/* termquery_recv: least shared count, then a term vector's binary form. */
PG_FUNCTION_INFO_V1(termquery_recv);
Datum
termquery_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint32		m = (uint32) pq_getmsgint(in, 4);
	TermVecData *t;

	if (m < 1 || m > TERMQUERY_MAX_SHARED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid least number of shared terms %u in news.termquery binary data", m)));
	t = (TermVecData *) DatumGetPointer(DirectFunctionCall1(termvec_recv, PointerGetDatum(in)));
	t->flags = (uint16) m;
	PG_RETURN_POINTER(t);
}

/* termquery_send: the binary form read by termquery_recv. */
PG_FUNCTION_INFO_V1(termquery_send);
Datum
termquery_send(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = tv_view(t);
	StringInfoData buf;
	uint32		i;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, Max(t->flags, 1));
	pq_sendint16(&buf, TERMVEC_VERSION);
	pq_sendint16(&buf, 0);
	pq_sendint32(&buf, v.nnz);
	for (i = 0; i < v.nnz; i++)
	{
		pq_sendint32(&buf, v.ids[i]);
		pq_sendfloat4(&buf, v.vals[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* termquery_make: the nterms heaviest entries of probe, min_shared of them
 * (at most all of them) required (news.mlt_query). */
PG_FUNCTION_INFO_V1(termquery_make);
Datum
termquery_make(PG_FUNCTION_ARGS)
{
	Datum		probe = PG_GETARG_DATUM(0);
	int32		nterms = PG_GETARG_INT32(1);
	int32		min_shared = PG_GETARG_INT32(2);
	TermVecData *r;

	if (min_shared < 1 || min_shared > TERMQUERY_MAX_SHARED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_shared must be between 1 and %d", TERMQUERY_MAX_SHARED)));
	r = (TermVecData *) DatumGetPointer(DirectFunctionCall2(termvec_top_terms, probe,
															Int32GetDatum(nterms)));
	/* a short probe asks for all of its terms rather than for the impossible */
	if (r->nnz > 0 && (uint32) min_shared > r->nnz)
		min_shared = (int32) r->nnz;
	r->flags = (uint16) min_shared;
	PG_RETURN_POINTER(r);
}

/* termquery_min_shared: the least number of shared terms of a query. */
PG_FUNCTION_INFO_V1(termquery_min_shared);
Datum
termquery_min_shared(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);

	check_termvec(t);
	PG_RETURN_INT32(Max(t->flags, 1));
}

/* termquery_terms: the query's terms as a term vector. */
PG_FUNCTION_INFO_V1(termquery_terms);
Datum
termquery_terms(PG_FUNCTION_ARGS)
{
	TermVecData *t = (TermVecData *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));

	check_termvec(t);
	t->flags = 0;
	PG_RETURN_POINTER(t);
}

/* termvec_matches: does doc share at least min_shared of q's ids (%)? */
PG_FUNCTION_INFO_V1(termvec_matches);
Datum
termvec_matches(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *q = PG_GETARG_TERMVEC(1);
	NaTermVec	av = tv_view(a);
	NaTermVec	qv = tv_view(q);

	PG_RETURN_BOOL(na_tv_overlap(&av, &qv) >= (uint32) Max(q->flags, 1));
}

/* ------------------------------------------------------------------------
 * GIN support: the keys of a term vector are its term ids (int4).
 * ------------------------------------------------------------------------
 */
#define TERMVEC_OVERLAP_STRATEGY	1
#define TERMVEC_MATCH_STRATEGY		2

static Datum *
ids_as_keys(const TermVecData *t, int32 *nkeys)
{
	Datum	   *keys;
	uint32		i;

	check_termvec(t);
	*nkeys = (int32) t->nnz;
	if (t->nnz == 0)
		return NULL;
	keys = palloc_extended(sizeof(Datum) * t->nnz, MCXT_ALLOC_HUGE);
	for (i = 0; i < t->nnz; i++)
		keys[i] = Int32GetDatum((int32) t->ids[i]);
	return keys;
}

/* termvec_gin_extract_value: the term ids of an indexed vector. */
PG_FUNCTION_INFO_V1(termvec_gin_extract_value);
Datum
termvec_gin_extract_value(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	Datum	   *keys = ids_as_keys(t, nkeys);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_POINTER(keys);
}

/* termvec_gin_extract_query: the term ids of the query vector. */
PG_FUNCTION_INFO_V1(termvec_gin_extract_query);
Datum
termvec_gin_extract_query(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	Datum	   *keys;

	if (strategy != TERMVEC_OVERLAP_STRATEGY && strategy != TERMVEC_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	/* no keys: matches nothing (nor does asking for more ids than given) */
	*searchMode = GIN_SEARCH_MODE_DEFAULT;
	keys = ids_as_keys(t, nkeys);
	if (strategy == TERMVEC_MATCH_STRATEGY && (uint32) Max(t->flags, 1) > t->nnz)
		*nkeys = 0;
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_POINTER(keys);
}

/* the number of ids a match needs: 1 for &&, the query's count for % */
static int32
needed_matches(StrategyNumber strategy, Datum query)
{
	TermVecData *t;
	int32		need;

	if (strategy == TERMVEC_OVERLAP_STRATEGY)
		return 1;
	if (strategy != TERMVEC_MATCH_STRATEGY)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	t = DatumGetTermVec(query);
	need = Max(t->flags, 1);
	if ((Pointer) t != DatumGetPointer(query))
		pfree(t);
	return need;
}

/* termvec_gin_consistent: enough of the query ids are present. */
PG_FUNCTION_INFO_V1(termvec_gin_consistent);
Datum
termvec_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	int32		need = needed_matches(strategy, PG_GETARG_DATUM(2));
	int32		found = 0;
	int32		i;

	*recheck = false;
	for (i = 0; i < nkeys; i++)
		if (check[i] && ++found >= need)
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/* termvec_gin_triconsistent: the ternary form of the above. */
PG_FUNCTION_INFO_V1(termvec_gin_triconsistent);
Datum
termvec_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	int32		nkeys = PG_GETARG_INT32(3);
	int32		need = needed_matches(strategy, PG_GETARG_DATUM(2));
	int32		yes = 0;
	int32		maybe = 0;
	int32		i;

	for (i = 0; i < nkeys; i++)
	{
		if (check[i] == GIN_TRUE)
			yes++;
		else if (check[i] == GIN_MAYBE)
			maybe++;
	}
	if (yes >= need)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_TRUE);
	if (yes + maybe >= need)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	PG_RETURN_GIN_TERNARY_VALUE(GIN_FALSE);
}

/* ------------------------------------------------------------------------
 * Read-only views for the btree and hash support (termvec_order.c)
 * ------------------------------------------------------------------------
 */

/* na_pg_termvec_view: the entries of a detoasted news.termvec or
 * news.termquery (format checked); *flags gets its flags field. */
NaTermVec
na_pg_termvec_view(const struct varlena *detoasted, uint16 *flags)
{
	const TermVecData *t = (const TermVecData *) detoasted;

	*flags = t->flags;
	return tv_view(t);
}

/* na_pg_termvec_make: see termvec_pg.h. */
struct varlena *
na_pg_termvec_make(uint32 nnz, const uint32 *ids, const float *vals)
{
	TermVecData *t = new_termvec(nnz);

	memcpy(t->ids, ids, (Size) nnz * sizeof(uint32));
	memcpy(TERMVEC_VALS(t), vals, (Size) nnz * sizeof(float));
	return (struct varlena *) t;
}

/* na_pg_corpus_arg: the corpus argument argno of a function, detoasted
 * once per query (see corpus_arg; the function must not use fn_extra for
 * anything else). */
NaCorpus
na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno)
{
	return corpus_arg(fcinfo, argno);
}

/* na_pg_corpus_view: the statistics of a detoasted news.corpus (format
 * checked). */
NaCorpus
na_pg_corpus_view(const struct varlena *detoasted)
{
	return corpus_view((const CorpusData *) detoasted);
}
