/*
 * minhash_gin.c
 *		GIN operator classes news.minhash_ops and news.minhash_compact_ops:
 *		locality-sensitive hashing for the two % operators on news.minhash:
 *		"sig % probe" at the threshold of the setting
 *		news_analytics.minhash_threshold (strategy 1) and "sig % query" at
 *		the threshold a news.minhash_query carries (strategy 2).  The two
 *		share every support function but the parameters' defaults.
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
 * Folded keys (news.minhash_compact_ops).  GIN stores one entry tuple per
 * distinct key, about 28 bytes with its line pointer, and a posting list
 * after it that costs 1 to 4 bytes per further row.  Band hashes of
 * distinct articles are all distinct, so with 42 bands a table of 1M
 * distinct articles holds 42M entry tuples, 1.7 GB, more than the table.
 * The parameter `bits` keeps only the top `bits` bits of each band hash:
 * at 22 bits the 16M band keys of 1M rows fall into 4M keys, four rows a
 * key, whose posting lists are a fraction of the entry tuples they
 * replace (326 MB against 1,800 MB for 42 x 3 at 1M distinct articles,
 * test/bench/neardup_scale.sh); a query then reads a few rows per key that
 * only share the folded key, and the recheck of % on the heap value drops
 * them.  Folding never loses a match (equal band hashes fold to equal
 * keys), so the exactness argument below holds for folded keys too.
 * news.minhash_compact_ops defaults to
 * 16 bands of 4 rows folded to 22 bits: 16 keys a row, a candidate with
 * probability 1 - (1 - J^4)^16 (0.9998 at J = 0.8, 0.988 at 0.7);
 * news.minhash_ops keeps its defaults (42 x 3, 32 bits, no folding), so
 * indexes built before the parameter existed keep their keys.
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
#define MINHASH_GIN_DEFAULT_BITS	32

#define MINHASH_COMPACT_DEFAULT_BANDS	16
#define MINHASH_COMPACT_DEFAULT_ROWS	4
#define MINHASH_COMPACT_DEFAULT_BITS	22

#define MINHASH_GIN_MIN_BITS		16
#define MINHASH_GIN_MAX_BITS		32

typedef struct MinhashGinOptions
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	int			bands;
	int			rows;
	int			bits;			/* band hash bits kept in a key */
} MinhashGinOptions;

/*
 * band_keys: the index keys of mh under the operator class options (the
 * top `bits` bits of each band hash); at most `limit` of them (the first
 * bands) when limit > 0.  Without options (an index of news.minhash_ops
 * built before it had any) the keys are news.minhash_ops's defaults.
 */
static Datum *
band_keys(FunctionCallInfo fcinfo, const NaMinhash *mh, int limit,
		  int32 *nkeys)
{
	int			bands = MINHASH_GIN_DEFAULT_BANDS;
	int			rows = MINHASH_GIN_DEFAULT_ROWS;
	int			bits = MINHASH_GIN_DEFAULT_BITS;
	int			n;
	Datum	   *keys;
	int			i;

	if (PG_HAS_OPCLASS_OPTIONS())
	{
		MinhashGinOptions *opts = (MinhashGinOptions *) PG_GET_OPCLASS_OPTIONS();

		bands = opts->bands;
		rows = opts->rows;
		bits = opts->bits;
	}
	n = na_minhash_bands(mh->k, bands, rows);
	if (limit > 0 && limit < n)
		n = limit;
	keys = palloc(na_pg_size_mul(n, sizeof(Datum)));
	for (i = 0; i < n; i++)
	{
		uint32		h = na_minhash_band_hash(mh->values, mh->k, mh->shingle, i, rows);

		if (bits < 32)
			h >>= 32 - bits;
		keys[i] = Int32GetDatum((int32) h);
	}
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

/*
 * gin_options: declare the parameters bands, rows and bits with the
 * given defaults (the two operator classes share everything else).
 */
static void
gin_options(local_relopts *relopts, int bands, int rows, int bits)
{
	init_local_reloptions(relopts, sizeof(MinhashGinOptions));
	add_local_int_reloption(relopts, "bands",
							"number of LSH bands indexed per signature",
							bands, 1, NA_MINHASH_MAX_K,
							offsetof(MinhashGinOptions, bands));
	add_local_int_reloption(relopts, "rows",
							"signature slots per LSH band",
							rows, 1, 64,
							offsetof(MinhashGinOptions, rows));
	add_local_int_reloption(relopts, "bits",
							"bits of each band hash kept in an index key (32: all)",
							bits, MINHASH_GIN_MIN_BITS, MINHASH_GIN_MAX_BITS,
							offsetof(MinhashGinOptions, bits));
}

/*
 * news.minhash_gin_options(relopts): the parameters of news.minhash_ops,
 * bands (default 42), rows (3) and bits (32).
 */
PG_FUNCTION_INFO_V1(news_minhash_gin_options);
Datum
news_minhash_gin_options(PG_FUNCTION_ARGS)
{
	local_relopts *relopts = (local_relopts *) PG_GETARG_POINTER(0);

	gin_options(relopts, MINHASH_GIN_DEFAULT_BANDS, MINHASH_GIN_DEFAULT_ROWS,
				MINHASH_GIN_DEFAULT_BITS);
	PG_RETURN_VOID();
}

/*
 * news.minhash_gin_compact_options(relopts): the parameters of
 * news.minhash_compact_ops, bands (default 16), rows (4) and bits (22).
 */
PG_FUNCTION_INFO_V1(news_minhash_gin_compact_options);
Datum
news_minhash_gin_compact_options(PG_FUNCTION_ARGS)
{
	local_relopts *relopts = (local_relopts *) PG_GETARG_POINTER(0);

	gin_options(relopts, MINHASH_COMPACT_DEFAULT_BANDS, MINHASH_COMPACT_DEFAULT_ROWS,
				MINHASH_COMPACT_DEFAULT_BITS);
	PG_RETURN_VOID();
}
