/*
 * order_pg.h
 *		Equality, ordering and hashing of the extension's types, for their
 *		btree and hash operator classes (DISTINCT, GROUP BY, UNION, IN,
 *		sorts, merge and hash joins).
 *
 * Every type follows one rule.  Two values are equal when their stored
 * bytes are equal: a value is equal to itself however it was computed,
 * equal values have equal text forms, and hashing the bytes agrees with
 * equality.  The order is a per-type comparison of the decoded contents
 * (documented at the top of each type's file and in src/README.md), the same on
 * every platform; where it finds no difference between two values whose
 * bytes differ (a weight of 0 and one of -0), the bytes decide, so the
 * order is total and agrees with equality.
 *
 * A type's file defines a static comparison of two detoasted values and
 * expands NA_ORDER_FUNCTIONS(news_<type>, cmp), which defines the
 * SQL-callable news_<type>_ne, _lt, _le, _gt, _ge, _cmp, _hash and
 * _hash_extended, and NA_ORDER_EQUALITY(news_<type>) for news_<type>_eq
 * (news.termvec has had its news.termvec_eq, the same byte comparison,
 * since 0.1.0).
 */
#ifndef NA_ORDER_PG_H
#define NA_ORDER_PG_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"

/* na_pg_order_bytes_eq: are the stored bytes (after the length word) equal? */
extern bool na_pg_order_bytes_eq(Datum a, Datum b);

/* na_pg_order_bytes_cmp: memcmp-style comparison of the stored bytes, shorter
 * first; the tie-break of every type's order. */
extern int	na_pg_order_bytes_cmp(const struct varlena *a, const struct varlena *b);

/* na_pg_order_hash, na_pg_order_hash_extended: hashes of the stored bytes. */
extern Datum na_pg_order_hash(Datum a);
extern Datum na_pg_order_hash_extended(Datum a, uint64 seed);

/* NA_CMP: -1, 0 or 1 for two scalars (no subtraction, so no overflow). */
#define NA_CMP(a, b)	((a) < (b) ? -1 : ((a) > (b) ? 1 : 0))

/*
 * na_pg_order_float_cmp: floats in numeric order, NaN after everything and
 * equal to itself (as PostgreSQL orders float4 and float8).
 */
static inline int
na_pg_order_float_cmp(double a, double b)
{
	if (isnan(a))
		return isnan(b) ? 0 : 1;
	if (isnan(b))
		return -1;
	return NA_CMP(a, b);
}

/*
 * NA_ORDER_FUNCTIONS(prefix, cmp): the SQL-callable comparison functions
 * of a type whose three-way comparison of two detoasted values is
 * cmp(const struct varlena *, const struct varlena *).
 */
#define NA_ORDER_FUNCTIONS(prefix, cmp) \
static int \
prefix##_compare_datums(FunctionCallInfo fcinfo) \
{ \
	struct varlena *a = PG_DETOAST_DATUM(PG_GETARG_DATUM(0)); \
	struct varlena *b = PG_DETOAST_DATUM(PG_GETARG_DATUM(1)); \
	int			r = cmp(a, b); \
\
	if (r == 0) \
		r = na_pg_order_bytes_cmp(a, b); \
	PG_FREE_IF_COPY(a, 0); \
	PG_FREE_IF_COPY(b, 1); \
	return r; \
} \
\
PG_FUNCTION_INFO_V1(prefix##_ne); \
Datum \
prefix##_ne(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(!na_pg_order_bytes_eq(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1))); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_lt); \
Datum \
prefix##_lt(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(prefix##_compare_datums(fcinfo) < 0); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_le); \
Datum \
prefix##_le(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(prefix##_compare_datums(fcinfo) <= 0); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_gt); \
Datum \
prefix##_gt(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(prefix##_compare_datums(fcinfo) > 0); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_ge); \
Datum \
prefix##_ge(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(prefix##_compare_datums(fcinfo) >= 0); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_cmp); \
Datum \
prefix##_cmp(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT32(prefix##_compare_datums(fcinfo)); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_hash); \
Datum \
prefix##_hash(PG_FUNCTION_ARGS) \
{ \
	return na_pg_order_hash(PG_GETARG_DATUM(0)); \
} \
\
PG_FUNCTION_INFO_V1(prefix##_hash_extended); \
Datum \
prefix##_hash_extended(PG_FUNCTION_ARGS) \
{ \
	return na_pg_order_hash_extended(PG_GETARG_DATUM(0), (uint64) PG_GETARG_INT64(1)); \
}

/* NA_ORDER_EQUALITY(prefix): the SQL-callable prefix_eq (operator =). */
#define NA_ORDER_EQUALITY(prefix) \
PG_FUNCTION_INFO_V1(prefix##_eq); \
Datum \
prefix##_eq(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(na_pg_order_bytes_eq(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1))); \
}

#endif							/* NA_ORDER_PG_H */
