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

/*
 * INPUT_SAVE(escontext, (errcode(...), errmsg(...))): the same error raised
 * from a helper of an input function.  On PostgreSQL 16 it is recorded in
 * the caller's context and the helper goes on (it then tells the input
 * function, which returns NULL); on 15 it is an ordinary ERROR.
 */
#if PG_VERSION_NUM >= 160000
#define INPUT_SAVE(ctx, rest) errsave((ctx), rest)
#else
#define INPUT_SAVE(ctx, rest) ereport(ERROR, rest)
#endif

/* MarkGUCPrefixReserved is new in PostgreSQL 15 */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif							/* NA_COMPAT_H */
