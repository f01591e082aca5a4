/*
 * version.c
 *		The library's version, for checking it against the installed SQL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#ifndef NA_EXTVERSION
#error "NA_EXTVERSION must be defined by the Makefile"
#endif

/* news.version() returns the version of the loaded library */
PG_FUNCTION_INFO_V1(news_version);
Datum
news_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(NA_EXTVERSION));
}
