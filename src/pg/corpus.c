/*
 * corpus.c
 *		The SQL type news.corpus, the document frequencies of a collection:
 *		text and binary I/O, the corpus_stats aggregates, merging, pruning
 *		and lookups, equality, order and hashing.  The stored form is in
 *		termvec_pg.h.
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
 * Functions that take a corpus cache the detoasted value, keyed by its TOAST
 * pointer, so that news.tfidf(v, (SELECT c FROM stats)) over many rows
 * detoasts the statistics once rather than per row, and so that
 * news.mlt_search, one query per probe, does not decompress a megabyte of
 * statistics for every probe: values up to CORPUS_BACKEND_MAX_BYTES stay in
 * a small per-backend cache (least recently used out), larger ones in
 * fn_extra for the duration of the query.  A TOAST pointer names a value
 * that never changes (new statistics are a new value with a new pointer),
 * so the cache cannot go stale; its key is the whole pointer (relation,
 * value OID, sizes).
 *
 * Order (btree operator class, rule in order_pg.h): document count, then
 * total length, then the (id, df) entries as for news.termvec.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "na_glue.h"
#include "order_pg.h"
#include "termvec.h"
#include "termvec_pg.h"

#define DatumGetCorpus(d)	((CorpusData *) PG_DETOAST_DATUM(d))
#define PG_GETARG_CORPUS(n)	DatumGetCorpus(PG_GETARG_DATUM(n))

/* ------------------------------------------------------------------------
 * The stored form
 * ------------------------------------------------------------------------
 */

/* corpus_size: the byte size of statistics of nterms terms (ids, then
 * 8-aligned dfs), false when they would not fit a varlena. */
static bool
corpus_size(uint32 nterms, Size *size)
{
	size_t		ids;
	size_t		dfs;

	return na_size_mul(nterms, sizeof(uint32), &ids) == NA_OK &&
		na_size_add(offsetof(CorpusData, ids), ids, &ids) == NA_OK &&
		na_size_mul(nterms, sizeof(int64), &dfs) == NA_OK &&
		na_size_add(TYPEALIGN(8, ids), dfs, size) == NA_OK &&
		*size <= MaxAllocSize;
}

/* corpus_size_or_error: corpus_size, raising 54000 past the limits. */
static Size
corpus_size_or_error(uint32 nterms)
{
	Size		size;

	if (nterms > CORPUS_MAX_TERMS || nterms > NA_TV_MAX_NNZ || !corpus_size(nterms, &size))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("corpus statistics would have too many terms (%u)", nterms),
				 errhint("Prune the statistics with news.corpus_prune().")));
	return size;
}

/* new_corpus: a corpus with room for nterms entries (header filled). */
static CorpusData *
new_corpus(uint32 nterms, int64 ndocs, double length)
{
	Size		size = corpus_size_or_error(nterms);
	CorpusData *c = palloc0(size);

	SET_VARSIZE(c, size);
	c->version = CORPUS_VERSION;
	c->nterms = nterms;
	c->ndocs = ndocs;
	c->length = length;
	return c;
}

/* corpus_view: the statistics of c for the core (format checked). */
static NaCorpus
corpus_view(const CorpusData *c)
{
	NaCorpus	v;
	Size		size;

	if (c->version != CORPUS_VERSION || !corpus_size(c->nterms, &size) || VARSIZE(c) != size)
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
	Size		size;

	if (n > CORPUS_MAX_TERMS || !corpus_size(n, &size))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("corpus statistics would have too many terms (%u)", n)));
	return size;
}

static void
ec_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedCorpus *ec = (ExpandedCorpus *) eohptr;
	CorpusData *c = (CorpusData *) result;
	uint32		n = na_corpus_acc_nterms(ec->acc);
	uint64	   *tmp;

	memset(c, 0, allocated_size);
	SET_VARSIZE(c, allocated_size);
	c->version = CORPUS_VERSION;
	c->nterms = n;
	c->ndocs = na_corpus_acc_ndocs(ec->acc);
	c->length = na_corpus_acc_length(ec->acc);
	tmp = palloc(na_pg_size_mul(Max(n, 1), sizeof(uint64)));
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
 * otherwise a new one in the aggregate context (the current context
 * outside an aggregate) holding a copy of it.
 */
static ExpandedCorpus *
corpus_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	ExpandedCorpus *ec;

	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	if (in_agg && !PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && is_our_expanded(d))
			return (ExpandedCorpus *) DatumGetEOHP(d);
	}
	ec = new_expanded_corpus(aggcxt);
	if (!PG_ARGISNULL(0))
	{
		NaCorpus	v = corpus_view(PG_GETARG_CORPUS(0));

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
	void	   *flat = palloc(size);

	ec_flatten_into(&ec->hdr, flat, size);
	return (CorpusData *) flat;
}

/* corpus_result: what a transition or combine function returns: the
 * expanded state inside an aggregate, a flat corpus outside. */
static Datum
corpus_result(FunctionCallInfo fcinfo, ExpandedCorpus *ec)
{
	if (AggCheckCallContext(fcinfo, NULL) == 0)
		return PointerGetDatum(flatten_expanded(ec));
	return EOHPGetRWDatum(&ec->hdr);
}

/* ------------------------------------------------------------------------
 * Corpus argument cache (fn_extra): the detoasted value of an out-of-line
 * corpus, keyed by its TOAST pointer, one slot for each of the first
 * CORPUS_CACHE_ARGS arguments (news.story_assign takes two corpora).
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

/*
 * The per-backend cache: CORPUS_BACKEND_SLOTS values of at most
 * CORPUS_BACKEND_MAX_BYTES each and CORPUS_BACKEND_TOTAL_BYTES in all, in
 * one memory context.  A view it returns stays valid until
 * CORPUS_BACKEND_SLOTS - 1 other values have been looked up, so a function
 * taking two corpora can hold both views.
 */
#define CORPUS_BACKEND_SLOTS	8
#define CORPUS_BACKEND_MAX_BYTES	((Size) 16 * 1024 * 1024)
#define CORPUS_BACKEND_TOTAL_BYTES	((Size) 64 * 1024 * 1024)

typedef struct CorpusBackendSlot
{
	char		key[VARHDRSZ_EXTERNAL + sizeof(varatt_external)];
	Size		keylen;			/* 0: empty */
	Size		size;
	uint64		used;			/* lookup clock at the last hit */
	CorpusData *corpus;
	NaCorpus	view;
} CorpusBackendSlot;

static MemoryContext corpus_backend_cxt = NULL;
static CorpusBackendSlot corpus_backend[CORPUS_BACKEND_SLOTS];
static uint64 corpus_backend_clock = 0;

/* corpus_backend_lookup: the view of the out-of-line corpus raw (a TOAST
 * pointer of keylen bytes) from the per-backend cache, detoasting it there
 * on a miss; false when it is too large to keep (nothing changed). */
static bool
corpus_backend_lookup(struct varlena *raw, Size keylen, NaCorpus *view)
{
	Size		size;
	Size		total = 0;
	CorpusBackendSlot *slot = NULL;
	varatt_external ptr;

	memcpy(&ptr, VARDATA_EXTERNAL(raw), sizeof(ptr));
	size = (Size) ptr.va_rawsize;
	corpus_backend_clock++;
	for (int i = 0; i < CORPUS_BACKEND_SLOTS; i++)
	{
		CorpusBackendSlot *s = &corpus_backend[i];

		if (s->keylen == keylen && memcmp(s->key, raw, keylen) == 0)
		{
			s->used = corpus_backend_clock;
			*view = s->view;
			return true;
		}
	}
	if (size > CORPUS_BACKEND_MAX_BYTES)
		return false;
	if (corpus_backend_cxt == NULL)
		corpus_backend_cxt = AllocSetContextCreate(TopMemoryContext, "news_analytics corpus cache",
												   ALLOCSET_DEFAULT_SIZES);
	/* room: evict the least recently used until one slot is free and the
	 * total fits */
	for (;;)
	{
		CorpusBackendSlot *lru = NULL;

		slot = NULL;
		total = 0;
		for (int i = 0; i < CORPUS_BACKEND_SLOTS; i++)
		{
			CorpusBackendSlot *s = &corpus_backend[i];

			if (s->keylen == 0)
			{
				if (slot == NULL)
					slot = s;
				continue;
			}
			total += s->size;
			if (lru == NULL || s->used < lru->used)
				lru = s;
		}
		if (slot != NULL && total + size <= CORPUS_BACKEND_TOTAL_BYTES)
			break;
		pfree(lru->corpus);
		lru->corpus = NULL;
		lru->keylen = 0;
	}
	/* detoast and check here, keep a copy there: a corrupt value raises
	 * before it is cached */
	{
		CorpusData *c = (CorpusData *) PG_DETOAST_DATUM(PointerGetDatum(raw));

		(void) corpus_view(c);
		slot->corpus = MemoryContextAlloc(corpus_backend_cxt, VARSIZE(c));
		memcpy(slot->corpus, c, VARSIZE(c));
		pfree(c);
		slot->view = corpus_view(slot->corpus);
	}
	memcpy(slot->key, raw, keylen);
	slot->keylen = keylen;
	slot->size = size;
	slot->used = corpus_backend_clock;
	*view = slot->view;
	return true;
}

/* na_pg_corpus_arg: see termvec_pg.h. */
NaCorpus
na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	struct varlena *raw = (struct varlena *) DatumGetPointer(d);
	CorpusCache *cache;
	MemoryContext old;
	Size		keylen;
	NaCorpus	view;

	if (!VARATT_IS_EXTERNAL_ONDISK(raw))
		return corpus_view(DatumGetCorpus(d));
	keylen = VARSIZE_EXTERNAL(raw);
	if (keylen > sizeof(cache->key))
		return corpus_view(DatumGetCorpus(d));
	if (corpus_backend_lookup(raw, keylen, &view))
		return view;
	if (fcinfo->flinfo == NULL || argno < 0 || argno >= CORPUS_CACHE_ARGS)
		return corpus_view(DatumGetCorpus(d));
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
 * I/O
 * ------------------------------------------------------------------------
 */

/* news.corpus_in: 'docs=N length=L {id:df,...}' */
PG_FUNCTION_INFO_V1(news_corpus_in);
Datum
news_corpus_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	NaCorpusBuf b;
	char		err[256];
	NaStatus	st;
	CorpusData *c;

	err[0] = '\0';
	st = na_corpus_parse(s, strlen(s), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (!na_pg_input_ok(fcinfo->context, st, "news.corpus", s, err,
						"Corpus statistics are written docs=N length=L {id:df,...}, for example docs=2 length=9 {17:2,4031:1}."))
		PG_RETURN_NULL();
	c = new_corpus(b.nterms, b.ndocs, b.length);
	memcpy(c->ids, b.ids, b.nterms * sizeof(uint32));
	memcpy(CORPUS_DFS(c), b.dfs, b.nterms * sizeof(int64));
	PG_RETURN_POINTER(c);
}

/* news.corpus_out: the canonical text form. */
PG_FUNCTION_INFO_V1(news_corpus_out);
Datum
news_corpus_out(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_view(PG_GETARG_CORPUS(0));
	NaBuf		buf;

	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_corpus_format(&v, &buf), "news.corpus output");
	na_pg_check(na_buf_append(&buf, "", 1), "news.corpus output");
	PG_RETURN_CSTRING(buf.data);
}

/* news.corpus_recv: version, flags, count, docs, length, then (id, df)
 * pairs. */
PG_FUNCTION_INFO_V1(news_corpus_recv);
Datum
news_corpus_recv(PG_FUNCTION_ARGS)
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

/* news.corpus_send: the binary form read by news.corpus_recv. */
PG_FUNCTION_INFO_V1(news_corpus_send);
Datum
news_corpus_send(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_view(PG_GETARG_CORPUS(0));
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
 * Aggregates
 * ------------------------------------------------------------------------
 */

/* news.corpus_stats_trans: add one document (NULL vectors are skipped). */
PG_FUNCTION_INFO_V1(news_corpus_stats_trans);
Datum
news_corpus_stats_trans(PG_FUNCTION_ARGS)
{
	ExpandedCorpus *ec = corpus_state(fcinfo);

	if (!PG_ARGISNULL(1))
	{
		TermVecData *t = PG_GETARG_TERMVEC(1);
		NaTermVec	v = na_pg_termvec_view(t);

		na_pg_check(na_corpus_acc_add_doc(ec->acc, &v), "news.corpus_stats");
		PG_FREE_IF_COPY(t, 1);
	}
	PG_RETURN_DATUM(corpus_result(fcinfo, ec));
}

/* news.corpus_stats_combine: add corpus statistics (transition and
 * combine). */
PG_FUNCTION_INFO_V1(news_corpus_stats_combine);
Datum
news_corpus_stats_combine(PG_FUNCTION_ARGS)
{
	ExpandedCorpus *ec = corpus_state(fcinfo);

	if (!PG_ARGISNULL(1))
	{
		CorpusData *c = PG_GETARG_CORPUS(1);
		NaCorpus	v = corpus_view(c);

		na_pg_check(na_corpus_acc_add_corpus(ec->acc, &v, na_pg_yield()),
					"news.corpus_stats");
		PG_FREE_IF_COPY(c, 1);
	}
	PG_RETURN_DATUM(corpus_result(fcinfo, ec));
}

/* news.corpus_stats_final: the flat corpus of the aggregate's state. */
PG_FUNCTION_INFO_V1(news_corpus_stats_final);
Datum
news_corpus_stats_final(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (is_our_expanded(d))
		PG_RETURN_POINTER(flatten_expanded((ExpandedCorpus *) DatumGetEOHP(d)));
	PG_RETURN_POINTER(PG_DETOAST_DATUM_COPY(d));
}

/* ------------------------------------------------------------------------
 * Functions
 * ------------------------------------------------------------------------
 */

/* news.corpus_merge: the union of two corpora (operator +). */
PG_FUNCTION_INFO_V1(news_corpus_merge);
Datum
news_corpus_merge(PG_FUNCTION_ARGS)
{
	NaCorpus	av = corpus_view(PG_GETARG_CORPUS(0));
	NaCorpus	bv = corpus_view(PG_GETARG_CORPUS(1));
	uint32		n = na_corpus_merge_count(&av, &bv);
	CorpusData *r;

	if (av.ndocs > PG_INT64_MAX - bv.ndocs || isinf(av.length + bv.length))
		na_pg_raise(NA_ERR_TOO_LARGE, "news.corpus_merge");
	r = new_corpus(n, av.ndocs + bv.ndocs, av.length + bv.length);
	na_pg_check(na_corpus_merge(&av, &bv, r->ids, CORPUS_DFS(r)), "news.corpus_merge");
	PG_RETURN_POINTER(r);
}

/* news.corpus_prune: keep terms with df >= min_df, at most max_terms of
 * them. */
PG_FUNCTION_INFO_V1(news_corpus_prune);
Datum
news_corpus_prune(PG_FUNCTION_ARGS)
{
	NaCorpus	v = corpus_view(PG_GETARG_CORPUS(0));
	int64		min_df = PG_GETARG_INT64(1);
	int32		max_terms = PG_GETARG_INT32(2);
	Size		scratch = na_pg_size_mul(Max(v.nterms, 1), sizeof(uint32));
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
	keep = palloc(scratch);
	tmp = palloc(scratch);
	k = na_corpus_prune(&v, min_df, (uint32) max_terms, keep, tmp);
	r = new_corpus(k, v.ndocs, v.length);
	for (i = 0; i < k; i++)
	{
		r->ids[i] = v.ids[keep[i]];
		CORPUS_DFS(r)[i] = v.dfs[keep[i]];
	}
	PG_RETURN_POINTER(r);
}

/* news.corpus_docs: the number of documents. */
PG_FUNCTION_INFO_V1(news_corpus_docs);
Datum
news_corpus_docs(PG_FUNCTION_ARGS)
{
	NaCorpus	v = na_pg_corpus_arg(fcinfo, 0);

	PG_RETURN_INT64(v.ndocs);
}

/* news.corpus_terms: the number of distinct term ids. */
PG_FUNCTION_INFO_V1(news_corpus_terms);
Datum
news_corpus_terms(PG_FUNCTION_ARGS)
{
	NaCorpus	v = na_pg_corpus_arg(fcinfo, 0);

	PG_RETURN_INT32((int32) v.nterms);
}

/* news.corpus_avg_length: average document length, NULL for no documents. */
PG_FUNCTION_INFO_V1(news_corpus_avg_length);
Datum
news_corpus_avg_length(PG_FUNCTION_ARGS)
{
	NaCorpus	v = na_pg_corpus_arg(fcinfo, 0);

	if (v.ndocs == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v.length / (double) v.ndocs);
}

/* news.corpus_df: the document frequency of a term id (0 when unknown). */
PG_FUNCTION_INFO_V1(news_corpus_df);
Datum
news_corpus_df(PG_FUNCTION_ARGS)
{
	NaCorpus	v = na_pg_corpus_arg(fcinfo, 0);
	int64		id = PG_GETARG_INT64(1);

	if (id < 0 || id > (int64) PG_UINT32_MAX)
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(na_corpus_df(&v, (uint32) id));
}

/* ------------------------------------------------------------------------
 * Equality, order and hashing
 * ------------------------------------------------------------------------
 */

static int
corpus_order(const struct varlena *a, const struct varlena *b)
{
	NaCorpus	ca = corpus_view((const CorpusData *) a);
	NaCorpus	cb = corpus_view((const CorpusData *) b);
	uint32		n = Min(ca.nterms, cb.nterms);
	uint32		i;
	int			r;

	if ((r = NA_CMP(ca.ndocs, cb.ndocs)) != 0)
		return r;
	if ((r = na_pg_order_float_cmp(ca.length, cb.length)) != 0)
		return r;
	for (i = 0; i < n; i++)
	{
		if ((r = NA_CMP(ca.ids[i], cb.ids[i])) != 0)
			return r;
		if ((r = NA_CMP(ca.dfs[i], cb.dfs[i])) != 0)
			return r;
	}
	return NA_CMP(ca.nterms, cb.nterms);
}

/* news.corpus_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended */
NA_ORDER_EQUALITY(news_corpus)
NA_ORDER_FUNCTIONS(news_corpus, corpus_order)
