/*
 * termvec_pg.h
 *		Read-only access to the stored news.termvec, news.termquery,
 *		news.corpus and news.clustering values for code outside the files
 *		that define them (termvec.c, cluster.c).
 */
#ifndef NA_TERMVEC_PG_H
#define NA_TERMVEC_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "termvec.h"

extern NaTermVec na_pg_termvec_view(const struct varlena *detoasted, uint16 *flags);
extern NaCorpus na_pg_corpus_view(const struct varlena *detoasted);
extern uint32 na_pg_clustering_view(const struct varlena *detoasted, const int64 **ids,
									const int64 **clusters);

/*
 * na_pg_corpus_arg: a view of the news.corpus argument argno, checked; an
 * out-of-line value is detoasted once per query and kept in fn_extra
 * (which the caller must leave alone).
 */
extern NaCorpus na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* NA_TERMVEC_PG_H */
