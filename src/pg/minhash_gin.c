/*
 * minhash_gin.c
 *		GIN operator class news.minhash_ops: locality-sensitive hashing
 *		for the two % operators on news.minhash: "sig % probe" at the
 *		threshold of the setting news_analytics.minhash_threshold
 *		(strategy 1) and "sig % query" at the threshold a
 *		news.minhash_query carries (strategy 2).
 *
 * Each signature is cut into `bands` bands of `rows` consecutive slots
 * (operator class parameters, default 42 x 3 which covers 126 of 128
 * slots); the index keys of a value are the 32-bit hashes of its bands
 * (na_minhash_band_hash, which mixes in k and the shingle size, so only
 * comparable signatures share keys).  A query's keys are its own band
 * hashes, and a row is a candidate when it shares at least one: the
 * classic LSH OR-of-ANDs, with probability 1 - (1 - J^rows)^bands for a
 * pair with Jaccard J.  The % operator is then rechecked on the heap
 * value, so every row returned has an estimated Jaccard at or above the
 * threshold t: the setting's for strategy 1, the query's for strategy 2.
 * Both strategies use the same keys, so an index built before the query
 * type existed serves it too.
 *
 * Exactness.  A row with estimated Jaccard >= t agrees with the query on
 * at least ceil(t * k) slots, so at most k - ceil(t * k) slots differ.
 * Bands are disjoint: when fewer slots differ than there are bands, some
 * band has no differing slot and its key matches.  The index therefore
 * returns exactly what a table scan returns whenever
 * k - ceil(t * k) < bands, i.e. t > 1 - bands / k (0.67 for the default
 * on k = 128).  Below that it returns the LSH candidates, which miss a
 * true match with probability (1 - J^rows)^bands.
 *
 * The same argument lets a query look up fewer bands: at threshold t it
 * needs only k - ceil(t * k) + 1 of them (26 at 0.8, 13 at 0.9 on
 * k = 128), so a query takes the first that many and the answer stays
 * exact, with fewer entry-tree descents.  Below the exact range it uses
 * every band.  The threshold comes from the query value for strategy 2,
 * so the band count is fixed when the value is: identical on every
 * session, pooled connection and Citus worker.
 */
#include "postgres.h"

#include <math.h>

#include "access/gin.h"
#include "access/reloptions.h"
#include "access/stratnum.h"
#include "fmgr.h"

#include "minhash_pg.h"
#include "na_glue.h"

#define MINHASH_SIMILAR_STRATEGY	1	/* minhash % minhash, the setting */
#define MINHASH_QUERY_STRATEGY		2	/* minhash % minhash_query */

#define MINHASH_GIN_DEFAULT_BANDS	42
#define MINHASH_GIN_DEFAULT_ROWS	3

typedef struct MinhashGinOptions
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	int			bands;
	int			rows;
} MinhashGinOptions;

/*
 * band_keys: the index keys of mh under the operator class options; at
 * most `limit` of them (the first bands) when limit > 0.
 */
static Datum *
band_keys(FunctionCallInfo fcinfo, const NaMinhash *mh, int limit,
		  int32 *nkeys)
{
	int			bands = MINHASH_GIN_DEFAULT_BANDS;
	int			rows = MINHASH_GIN_DEFAULT_ROWS;
	int			n;
	Datum	   *keys;
	int			i;

	if (PG_HAS_OPCLASS_OPTIONS())
	{
		MinhashGinOptions *opts = (MinhashGinOptions *) PG_GET_OPCLASS_OPTIONS();

		bands = opts->bands;
		rows = opts->rows;
	}
	n = na_minhash_bands(mh->k, bands, rows);
	if (limit > 0 && limit < n)
		n = limit;
	keys = palloc(na_pg_size_mul(n, sizeof(Datum)));
	for (i = 0; i < n; i++)
		keys[i] = Int32GetDatum((int32) na_minhash_band_hash(mh->values, mh->k,
															 mh->shingle, i, rows));
	*nkeys = n;
	return keys;
}

/* news.minhash_gin_extract_value(sig, nkeys, nullflags): keys of a value. */
PG_FUNCTION_INFO_V1(news_minhash_gin_extract_value);
Datum
news_minhash_gin_extract_value(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	Datum	   *keys;

	keys = band_keys(fcinfo, mh, 0, nkeys);
	PG_FREE_IF_COPY(mh, 0);
	PG_RETURN_POINTER(keys);
}

/*
 * query_band_limit: how many bands a query at threshold t needs for an
 * exact answer on k slots: a row with estimate >= t differs in at most
 * k - m slots, m the fewest equal slots with m / k >= t (computed as the
 * operator computes it), so any k - m + 1 disjoint bands contain one that
 * matches.  Bands beyond that only add lookups.
 */
static int
query_band_limit(int k, double t)
{
	int			m = (int) ceil(t * k);

	if (m < 0)
		m = 0;
	if (m > k)
		m = k;
	while (m > 0 && (double) (m - 1) / (double) k >= t)
		m--;
	while (m < k && (double) m / (double) k < t)
		m++;
	return k - m + 1;
}

/*
 * news.minhash_gin_extract_query(query, nkeys, strategy, extra, nullflags,
 * searchmode): keys of a query, the first band hashes of its signature, as
 * many as its threshold needs (query_band_limit).  For strategy 1 the
 * query is a news.minhash and the threshold the setting's, read when the
 * scan starts (so the function is declared STABLE); for strategy 2 it is
 * a news.minhash_query, which carries both.  (The SQL declaration names
 * news.minhash as the first argument for both strategies, as
 * news.termvec_ops does for news.termquery.)
 */
PG_FUNCTION_INFO_V1(news_minhash_gin_extract_query);
Datum
news_minhash_gin_extract_query(PG_FUNCTION_ARGS)
{
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	Datum	   *keys;

	if (strategy == MINHASH_SIMILAR_STRATEGY)
	{
		NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));

		keys = band_keys(fcinfo, mh, query_band_limit(mh->k, na_pg_minhash_threshold()),
						 nkeys);
		PG_FREE_IF_COPY(mh, 0);
	}
	else if (strategy == MINHASH_QUERY_STRATEGY)
	{
		NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(0));
		NaMinhash  *mh = NA_MINHASH_QUERY_SIG(q);

		keys = band_keys(fcinfo, mh, query_band_limit(mh->k, q->threshold), nkeys);
		PG_FREE_IF_COPY(q, 0);
	}
	else
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	PG_RETURN_POINTER(keys);
}

/*
 * news.minhash_gin_consistent(check, strategy, query, nkeys, extra,
 * recheck, querykeys, nullflags): a candidate when any band matches; the
 * operator is always rechecked.
 */
PG_FUNCTION_INFO_V1(news_minhash_gin_consistent);
Datum
news_minhash_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	int32		i;

	*recheck = true;
	for (i = 0; i < nkeys; i++)
		if (check[i])
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/*
 * news.minhash_gin_tri_consistent(check, strategy, query, nkeys, extra,
 * querykeys, nullflags): MAYBE when any band may match, else FALSE.
 */
PG_FUNCTION_INFO_V1(news_minhash_gin_tri_consistent);
Datum
news_minhash_gin_tri_consistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	int32		i;

	for (i = 0; i < nkeys; i++)
		if (check[i] != GIN_FALSE)
			PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	PG_RETURN_GIN_TERNARY_VALUE(GIN_FALSE);
}

/* news.minhash_gin_options(relopts): the bands and rows parameters. */
PG_FUNCTION_INFO_V1(news_minhash_gin_options);
Datum
news_minhash_gin_options(PG_FUNCTION_ARGS)
{
	local_relopts *relopts = (local_relopts *) PG_GETARG_POINTER(0);

	init_local_reloptions(relopts, sizeof(MinhashGinOptions));
	add_local_int_reloption(relopts, "bands",
							"number of LSH bands indexed per signature",
							MINHASH_GIN_DEFAULT_BANDS, 1, NA_MINHASH_MAX_K,
							offsetof(MinhashGinOptions, bands));
	add_local_int_reloption(relopts, "rows",
							"signature slots per LSH band",
							MINHASH_GIN_DEFAULT_ROWS, 1, 64,
							offsetof(MinhashGinOptions, rows));
	PG_RETURN_VOID();
}
