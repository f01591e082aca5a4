/*
 * na_compat.h
 *		Differences between PostgreSQL major versions, in one place.
 */
#ifndef NA_COMPAT_H
#define NA_COMPAT_H

#include "postgres.h"

/*
 * INPUT_ERROR(escontext, (errcode(...), errmsg(...))): an input function's
 * error.  PostgreSQL 16 added soft errors (ereturn records the error in
 * the caller's context and returns); on 15 it is an ordinary ERROR.
 */
#if PG_VERSION_NUM >= 160000
#define INPUT_ERROR(ctx, rest) ereturn((ctx), (Datum) 0, rest)
#else
#define INPUT_ERROR(ctx, rest) ereport(ERROR, rest)
#endif

#endif							/* NA_COMPAT_H */
