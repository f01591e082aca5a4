/*
 * released_symbols.c
 *		The C symbols that released install scripts name and the naming
 *		scheme of na_glue.h has since changed, kept as aliases.
 *
 * A C function's symbol is part of the SQL definition (AS 'MODULE_PATHNAME',
 * 'symbol'), and PostgreSQL looks it up whenever the function is created or
 * first called.  A database still at 0.1.0 runs the library of the current
 * version (there is one news_analytics.so) with the definitions of
 * news_analytics--0.1.0.sql, which is frozen; CREATE EXTENSION ... VERSION
 * '0.1.0' checks every symbol it names.  Each name below therefore stays
 * exported and calls the function under its current name with the same
 * arguments.  ALTER EXTENSION news_analytics UPDATE replaces the
 * definitions (src/sql/0.1.0--0.2.0/55_arch_glue.sql), after which nothing
 * calls these; they can go when no supported version names them.
 */
#include "postgres.h"

#include "fmgr.h"

/*
 * NA_RELEASED_SYMBOL(old, current): the SQL-callable old, which calls
 * current (same fcinfo: same arguments, flinfo and fn_extra).
 */
#define NA_RELEASED_SYMBOL(old, current) \
extern PGDLLEXPORT Datum current(PG_FUNCTION_ARGS); \
PG_FUNCTION_INFO_V1(old); \
Datum \
old(PG_FUNCTION_ARGS) \
{ \
	return current(fcinfo); \
}

/* news_analytics--0.1.0.sql */
NA_RELEASED_SYMBOL(clustering_cluster_of, news_cluster_of)
NA_RELEASED_SYMBOL(clustering_count, news_cluster_count)
NA_RELEASED_SYMBOL(clustering_in, news_clustering_in)
NA_RELEASED_SYMBOL(clustering_members, news_cluster_members)
NA_RELEASED_SYMBOL(clustering_out, news_clustering_out)
NA_RELEASED_SYMBOL(clustering_recv, news_clustering_recv)
NA_RELEASED_SYMBOL(clustering_send, news_clustering_send)
NA_RELEASED_SYMBOL(clustering_size, news_clustering_size)
NA_RELEASED_SYMBOL(clusters_combine, news_clusters_combine)
NA_RELEASED_SYMBOL(clusters_final, news_clusters_final)
NA_RELEASED_SYMBOL(clusters_trans, news_clusters_trans)
NA_RELEASED_SYMBOL(corpus_avg_length, news_corpus_avg_length)
NA_RELEASED_SYMBOL(corpus_df, news_corpus_df)
NA_RELEASED_SYMBOL(corpus_docs, news_corpus_docs)
NA_RELEASED_SYMBOL(corpus_in, news_corpus_in)
NA_RELEASED_SYMBOL(corpus_merge, news_corpus_merge)
NA_RELEASED_SYMBOL(corpus_out, news_corpus_out)
NA_RELEASED_SYMBOL(corpus_prune, news_corpus_prune)
NA_RELEASED_SYMBOL(corpus_recv, news_corpus_recv)
NA_RELEASED_SYMBOL(corpus_send, news_corpus_send)
NA_RELEASED_SYMBOL(corpus_stats_combine, news_corpus_stats_combine)
NA_RELEASED_SYMBOL(corpus_stats_final, news_corpus_stats_final)
NA_RELEASED_SYMBOL(corpus_stats_trans, news_corpus_stats_trans)
NA_RELEASED_SYMBOL(corpus_terms, news_corpus_terms)
NA_RELEASED_SYMBOL(na_entities, news_entities)
NA_RELEASED_SYMBOL(na_entity_country, news_entity_country)
NA_RELEASED_SYMBOL(na_entity_types, news_entity_types)
NA_RELEASED_SYMBOL(na_gazetteer_builtin_default, news_gazetteer_builtin_default)
NA_RELEASED_SYMBOL(na_gazetteer_changed, news_gazetteer_changed)
NA_RELEASED_SYMBOL(na_quotes, news_quotes)
NA_RELEASED_SYMBOL(termquery_in, news_termquery_in)
NA_RELEASED_SYMBOL(termquery_make, news_mlt_query)
NA_RELEASED_SYMBOL(termquery_min_shared, news_min_shared)
NA_RELEASED_SYMBOL(termquery_out, news_termquery_out)
NA_RELEASED_SYMBOL(termquery_recv, news_termquery_recv)
NA_RELEASED_SYMBOL(termquery_send, news_termquery_send)
NA_RELEASED_SYMBOL(termquery_terms, news_query_terms)
NA_RELEASED_SYMBOL(termvec_bm25, news_bm25)
NA_RELEASED_SYMBOL(termvec_cosine, news_cosine)
NA_RELEASED_SYMBOL(termvec_cosine_distance, news_cosine_distance)
NA_RELEASED_SYMBOL(termvec_entries, news_termvec_entries)
NA_RELEASED_SYMBOL(termvec_eq, news_termvec_eq)
NA_RELEASED_SYMBOL(termvec_from_arrays, news_termvec_from_arrays)
NA_RELEASED_SYMBOL(termvec_from_text, news_termvec_from_text)
NA_RELEASED_SYMBOL(termvec_gin_consistent, news_termvec_gin_consistent)
NA_RELEASED_SYMBOL(termvec_gin_extract_query, news_termvec_gin_extract_query)
NA_RELEASED_SYMBOL(termvec_gin_extract_value, news_termvec_gin_extract_value)
NA_RELEASED_SYMBOL(termvec_gin_triconsistent, news_termvec_gin_triconsistent)
NA_RELEASED_SYMBOL(termvec_in, news_termvec_in)
NA_RELEASED_SYMBOL(termvec_matches, news_termvec_matches)
NA_RELEASED_SYMBOL(termvec_nnz, news_nnz)
NA_RELEASED_SYMBOL(termvec_norm, news_norm)
NA_RELEASED_SYMBOL(termvec_out, news_termvec_out)
NA_RELEASED_SYMBOL(termvec_overlaps, news_termvec_overlaps)
NA_RELEASED_SYMBOL(termvec_recv, news_termvec_recv)
NA_RELEASED_SYMBOL(termvec_send, news_termvec_send)
NA_RELEASED_SYMBOL(termvec_shared, news_shared_terms)
NA_RELEASED_SYMBOL(termvec_term_id, news_term_id)
NA_RELEASED_SYMBOL(termvec_tfidf, news_tfidf)
NA_RELEASED_SYMBOL(termvec_top_terms, news_top_terms)
