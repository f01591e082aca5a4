/*
 * termvec_pg.h
 *		What other glue files take from the news.corpus glue (termvec.c).
 */
#ifndef NA_TERMVEC_PG_H
#define NA_TERMVEC_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "termvec.h"

/*
 * na_pg_corpus_arg: a view of the news.corpus argument argno, checked; an
 * out-of-line value is detoasted once per query and kept in fn_extra
 * (which the caller must leave alone).
 */
extern NaCorpus na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* NA_TERMVEC_PG_H */
