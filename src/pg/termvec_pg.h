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
/* na_pg_termvec_make: a palloc'd news.termvec of nnz entries (ids strictly
 * increasing, weights finite and non-zero: the caller guarantees it). */
extern struct varlena *na_pg_termvec_make(uint32 nnz, const uint32 *ids, const float *vals);
/* na_pg_corpus_arg: corpus argument argno, its detoasted copy cached in
 * fn_extra for the query (fn_extra must be free for it). */
extern NaCorpus na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno);
extern NaCorpus na_pg_corpus_view(const struct varlena *detoasted);
extern uint32 na_pg_clustering_view(const struct varlena *detoasted, const int64 **ids,
									const int64 **clusters);

#endif							/* NA_TERMVEC_PG_H */
