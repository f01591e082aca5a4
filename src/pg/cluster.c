/*
 * cluster.c
 *		SQL type news.clustering and the news.clusters aggregates: union-find
 *		over candidate pairs of similar articles (src/core/cluster.c); text
 *		and binary I/O, lookups, equality, order and hashing.
 *
 * news.clustering is a varlena: length word, version and flags, the member
 * count, then the member ids ascending and the cluster id (the smallest
 * member of its component) of each.  Its text form lists id:cluster pairs.
 *
 * As with news.corpus_stats, the aggregate state is the SQL type itself,
 * turned into an expanded object (a live union-find under the aggregate
 * context) by the transition function and updated in place, and flattened
 * only when it leaves the aggregate.
 *
 * A clustering is stored in its canonical form (members ascending, each
 * with the smallest member of its cluster), so equal clusterings are equal
 * bytes.  Order (btree operator class, rule in order_pg.h): member by
 * member in id order, as an array of (id, cluster id) pairs: at the first
 * member that differs the smaller id comes first, at the same id the
 * smaller cluster id; a prefix comes first ('{}' first of all).
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "cluster.h"
#include "na_glue.h"
#include "order_pg.h"


#define CLUSTERING_VERSION	1

typedef struct ClusteringData
{
	int32		vl_len_;
	uint16		version;
	uint16		flags;			/* reserved, 0 */
	uint32		n;
	uint32		reserved;
	int64		ids[FLEXIBLE_ARRAY_MEMBER];	/* then int64 clusters[n] */
} ClusteringData;

#define CLUSTERING_REPS(c)	((c)->ids + (c)->n)
#define CLUSTERING_MAX	((uint32) Min((MaxAllocSize - offsetof(ClusteringData, ids)) / 16, NA_UF_MAX_NODES))
#define PG_GETARG_CLUSTERING(n)	check_clustering((ClusteringData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* clustering_size: the byte size of a clustering of n members, false when
 * it would not fit a varlena. */
static bool
clustering_size(uint32 n, Size *size)
{
	size_t		members;

	return na_size_mul(n, 2 * sizeof(int64), &members) == NA_OK &&
		na_size_add(offsetof(ClusteringData, ids), members, size) == NA_OK &&
		*size <= MaxAllocSize;
}

static ClusteringData *
check_clustering(ClusteringData *c)
{
	Size		size;

	if (c->version != CLUSTERING_VERSION || !clustering_size(c->n, &size) || VARSIZE(c) != size)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported news.clustering format (version %u)", c->version)));
	return c;
}

/* ------------------------------------------------------------------------
 * Expanded form: a union-find in its own memory context.
 * ------------------------------------------------------------------------
 */
typedef struct ExpandedClustering
{
	ExpandedObjectHeader hdr;
	NaAllocator alloc;
	NaUnionFind *uf;
} ExpandedClustering;

static Size eu_get_flat_size(ExpandedObjectHeader *eohptr);
static void eu_flatten_into(ExpandedObjectHeader *eohptr, void *result,
							Size allocated_size);

static const ExpandedObjectMethods eu_methods = {
	eu_get_flat_size,
	eu_flatten_into
};

static Size
eu_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedClustering *eu = (ExpandedClustering *) eohptr;
	uint32		n = na_uf_count(eu->uf);
	Size		size;

	if (n > CLUSTERING_MAX || !clustering_size(n, &size))
		na_pg_raise(NA_ERR_TOO_LARGE, "news.clusters");
	return size;
}

static void
eu_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedClustering *eu = (ExpandedClustering *) eohptr;
	ClusteringData *c = (ClusteringData *) result;
	uint32		n = na_uf_count(eu->uf);

	memset(c, 0, allocated_size);
	SET_VARSIZE(c, allocated_size);
	c->version = CLUSTERING_VERSION;
	c->n = n;
	na_pg_check(na_uf_write(eu->uf, c->ids, CLUSTERING_REPS(c), na_pg_yield()),
				"news.clusters");
}

static ExpandedClustering *
new_expanded_clustering(MemoryContext parent)
{
	MemoryContext cxt;
	ExpandedClustering *eu;

	/* small: a GROUP BY may keep one union-find per group */
	cxt = AllocSetContextCreate(parent, "news.clusters union-find",
								ALLOCSET_SMALL_SIZES);
	eu = MemoryContextAlloc(cxt, sizeof(ExpandedClustering));
	EOH_init_header(&eu->hdr, &eu_methods, cxt);
	eu->alloc = na_pg_context_allocator(cxt);
	na_pg_check(na_uf_create(&eu->alloc, &eu->uf), "news.clusters");
	return eu;
}

static bool
is_our_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &eu_methods;
}

/* add_flat: union every member of c with its cluster. */
static void
add_flat(NaUnionFind *uf, const ClusteringData *c)
{
	uint32		i;

	for (i = 0; i < c->n; i++)
	{
		na_pg_check(na_uf_union(uf, c->ids[i], CLUSTERING_REPS(c)[i]), "news.clusters");
		if ((i + 1) % NA_YIELD_EVERY == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/*
 * clustering_state: the state argument as a live union-find, in place when
 * it already is our read-write expanded object inside an aggregate, else
 * a new one in the aggregate context (the current context outside one).
 */
static ExpandedClustering *
clustering_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	ExpandedClustering *eu;

	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	if (in_agg && !PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && is_our_expanded(d))
			return (ExpandedClustering *) DatumGetEOHP(d);
	}
	eu = new_expanded_clustering(aggcxt);
	if (!PG_ARGISNULL(0))
		add_flat(eu->uf, PG_GETARG_CLUSTERING(0));
	return eu;
}

static Datum
flatten_expanded(ExpandedClustering *eu)
{
	Size		size = eu_get_flat_size(&eu->hdr);
	void	   *flat = palloc(size);

	eu_flatten_into(&eu->hdr, flat, size);
	return PointerGetDatum(flat);
}

/* clustering_result: what a transition or combine function returns: the
 * expanded state inside an aggregate, a flat clustering outside. */
static Datum
clustering_result(FunctionCallInfo fcinfo, ExpandedClustering *eu)
{
	if (AggCheckCallContext(fcinfo, NULL) == 0)
		return flatten_expanded(eu);
	return EOHPGetRWDatum(&eu->hdr);
}

/* ------------------------------------------------------------------------
 * I/O
 * ------------------------------------------------------------------------
 */

/* news.clustering_in: '{id:cluster,...}', read as pairs to union. */
PG_FUNCTION_INFO_V1(news_clustering_in);
Datum
news_clustering_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	ExpandedClustering *eu = new_expanded_clustering(CurrentMemoryContext);
	char		err[256];
	NaStatus	st;
	Datum		result;

	err[0] = '\0';
	st = na_uf_parse(eu->uf, s, strlen(s), na_pg_yield(), err, sizeof(err));
	if (!na_pg_input_ok(fcinfo->context, st, "news.clustering", s, err,
						"A clustering is written {id:cluster_id,...}, for example {1:1,4:1,7:7}."))
		PG_RETURN_NULL();
	result = flatten_expanded(eu);
	DeleteExpandedObject(EOHPGetRWDatum(&eu->hdr));
	PG_RETURN_DATUM(result);
}

/* news.clustering_out: '{id:cluster,...}' in id order. */
PG_FUNCTION_INFO_V1(news_clustering_out);
Datum
news_clustering_out(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);
	StringInfoData buf;
	uint32		i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < c->n; i++)
		appendStringInfo(&buf, "%s" INT64_FORMAT ":" INT64_FORMAT,
						 i ? "," : "", c->ids[i], CLUSTERING_REPS(c)[i]);
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* news.clustering_recv: version, flags, count, then (id, cluster) pairs. */
PG_FUNCTION_INFO_V1(news_clustering_recv);
Datum
news_clustering_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint16		version = (uint16) pq_getmsgint(in, 2);
	uint16		flags = (uint16) pq_getmsgint(in, 2);
	uint32		n = (uint32) pq_getmsgint(in, 4);
	ExpandedClustering *eu;
	Datum		result;
	uint32		i;

	if (version != CLUSTERING_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.clustering binary format (version %u, flags %u)",
						version, flags)));
	if (n > (uint32) ((in->len - in->cursor) / 16))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("news.clustering binary data is shorter than its %u members", n)));
	/* rebuilt through union-find, so whatever was sent comes out canonical */
	eu = new_expanded_clustering(CurrentMemoryContext);
	for (i = 0; i < n; i++)
	{
		int64		id = pq_getmsgint64(in);
		int64		rep = pq_getmsgint64(in);

		na_pg_check(na_uf_union(eu->uf, id, rep), "news.clustering input");
	}
	result = flatten_expanded(eu);
	DeleteExpandedObject(EOHPGetRWDatum(&eu->hdr));
	PG_RETURN_DATUM(result);
}

/* news.clustering_send: the binary form read by news.clustering_recv. */
PG_FUNCTION_INFO_V1(news_clustering_send);
Datum
news_clustering_send(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);
	StringInfoData buf;
	uint32		i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, CLUSTERING_VERSION);
	pq_sendint16(&buf, 0);
	pq_sendint32(&buf, c->n);
	for (i = 0; i < c->n; i++)
	{
		pq_sendint64(&buf, c->ids[i]);
		pq_sendint64(&buf, CLUSTERING_REPS(c)[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * Aggregates
 * ------------------------------------------------------------------------
 */

/* news.clusters_trans: union a pair; (a, NULL) adds a as a singleton. */
PG_FUNCTION_INFO_V1(news_clusters_trans);
Datum
news_clusters_trans(PG_FUNCTION_ARGS)
{
	ExpandedClustering *eu = clustering_state(fcinfo);

	if (!PG_ARGISNULL(1))
	{
		int64		a = PG_GETARG_INT64(1);

		if (PG_ARGISNULL(2))
			na_pg_check(na_uf_add(eu->uf, a), "news.clusters");
		else
			na_pg_check(na_uf_union(eu->uf, a, PG_GETARG_INT64(2)), "news.clusters");
	}
	else if (!PG_ARGISNULL(2))
		na_pg_check(na_uf_add(eu->uf, PG_GETARG_INT64(2)), "news.clusters");
	PG_RETURN_DATUM(clustering_result(fcinfo, eu));
}

/* news.clusters_combine: merge two clusterings (transition and combine). */
PG_FUNCTION_INFO_V1(news_clusters_combine);
Datum
news_clusters_combine(PG_FUNCTION_ARGS)
{
	ExpandedClustering *eu = clustering_state(fcinfo);

	if (!PG_ARGISNULL(1))
		add_flat(eu->uf, PG_GETARG_CLUSTERING(1));
	PG_RETURN_DATUM(clustering_result(fcinfo, eu));
}

/* news.clusters_final: the flat clustering. */
PG_FUNCTION_INFO_V1(news_clusters_final);
Datum
news_clusters_final(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (is_our_expanded(d))
		PG_RETURN_DATUM(flatten_expanded((ExpandedClustering *) DatumGetEOHP(d)));
	PG_RETURN_POINTER(PG_DETOAST_DATUM_COPY(d));
}

/* ------------------------------------------------------------------------
 * Reading a clustering
 * ------------------------------------------------------------------------
 */

/* news.cluster_members: SETOF (id, cluster_id) in id order. */
PG_FUNCTION_INFO_V1(news_cluster_members);
Datum
news_cluster_members(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);
	NaSrf		srf;
	uint32		i;

	na_pg_srf_begin(&srf, fcinfo);
	for (i = 0; i < c->n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		na_pg_srf_row(&srf);
		values[0] = Int64GetDatum(c->ids[i]);
		values[1] = Int64GetDatum(CLUSTERING_REPS(c)[i]);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/* news.cluster_of: the cluster id of an article, NULL if absent. */
PG_FUNCTION_INFO_V1(news_cluster_of);
Datum
news_cluster_of(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);
	int64		id = PG_GETARG_INT64(1);
	uint32		lo = 0;
	uint32		hi = c->n;

	while (lo < hi)
	{
		uint32		mid = lo + (hi - lo) / 2;

		if (c->ids[mid] < id)
			lo = mid + 1;
		else if (c->ids[mid] > id)
			hi = mid;
		else
			PG_RETURN_INT64(CLUSTERING_REPS(c)[mid]);
	}
	PG_RETURN_NULL();
}

/* news.cluster_count: the number of clusters (ids that are their own). */
PG_FUNCTION_INFO_V1(news_cluster_count);
Datum
news_cluster_count(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);
	int64		n = 0;
	uint32		i;

	for (i = 0; i < c->n; i++)
		if (c->ids[i] == CLUSTERING_REPS(c)[i])
			n++;
	PG_RETURN_INT64(n);
}

/* news.clustering_size: the number of articles. */
PG_FUNCTION_INFO_V1(news_clustering_size);
Datum
news_clustering_size(PG_FUNCTION_ARGS)
{
	ClusteringData *c = PG_GETARG_CLUSTERING(0);

	PG_RETURN_INT64((int64) c->n);
}

/* ------------------------------------------------------------------------
 * Equality, order and hashing
 * ------------------------------------------------------------------------
 */

static int
clustering_order(const struct varlena *a, const struct varlena *b)
{
	ClusteringData *ca = check_clustering((ClusteringData *) a);
	ClusteringData *cb = check_clustering((ClusteringData *) b);
	uint32		n = Min(ca->n, cb->n);
	uint32		i;
	int			r;

	for (i = 0; i < n; i++)
	{
		if ((r = NA_CMP(ca->ids[i], cb->ids[i])) != 0)
			return r;
		if ((r = NA_CMP(CLUSTERING_REPS(ca)[i], CLUSTERING_REPS(cb)[i])) != 0)
			return r;
	}
	return NA_CMP(ca->n, cb->n);
}

/* news.clustering_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended */
NA_ORDER_EQUALITY(news_clustering)
NA_ORDER_FUNCTIONS(news_clustering, clustering_order)
