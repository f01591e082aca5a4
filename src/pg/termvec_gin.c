/*
 * termvec_gin.c
 *		GIN operator class news.termvec_ops: the keys of a term vector are
 *		its term ids (int4), for "doc && vec" (share a term, strategy 1)
 *		and "doc % query" (share at least the least number of shared terms
 *		of a news.termquery, strategy 2).  Both are exact: no recheck.
 */
#include "postgres.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "fmgr.h"

#include "na_glue.h"
#include "termvec_pg.h"

#define TERMVEC_OVERLAP_STRATEGY	1
#define TERMVEC_MATCH_STRATEGY		2

static Datum *
ids_as_keys(const TermVecData *t, int32 *nkeys)
{
	Datum	   *keys;
	uint32		i;

	na_pg_termvec_check(t);
	*nkeys = (int32) t->nnz;
	if (t->nnz == 0)
		return NULL;
	keys = palloc(na_pg_size_mul(t->nnz, sizeof(Datum)));
	for (i = 0; i < t->nnz; i++)
		keys[i] = Int32GetDatum((int32) t->ids[i]);
	return keys;
}

/* news.termvec_gin_extract_value: the term ids of an indexed vector. */
PG_FUNCTION_INFO_V1(news_termvec_gin_extract_value);
Datum
news_termvec_gin_extract_value(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	Datum	   *keys = ids_as_keys(t, nkeys);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_POINTER(keys);
}

/* news.termvec_gin_extract_query: the term ids of the query vector. */
PG_FUNCTION_INFO_V1(news_termvec_gin_extract_query);
Datum
news_termvec_gin_extract_query(PG_FUNCTION_ARGS)
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

/* news.termvec_gin_consistent: enough of the query ids are present. */
PG_FUNCTION_INFO_V1(news_termvec_gin_consistent);
Datum
news_termvec_gin_consistent(PG_FUNCTION_ARGS)
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

/* news.termvec_gin_triconsistent: the ternary form of the above. */
PG_FUNCTION_INFO_V1(news_termvec_gin_triconsistent);
Datum
news_termvec_gin_triconsistent(PG_FUNCTION_ARGS)
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
