-- 0.1.0 to 0.2.0: the C functions of 0.1.0 whose symbols the one naming
-- scheme of src/pg/na_glue.h renamed (termvec_in -> news_termvec_in,
-- na_entities -> news_entities, ...) point at their new symbols, as in a
-- fresh install (src/sql/[0-9]*.sql).  CREATE OR REPLACE keeps each
-- function's OID, owner, privileges and comment, and every object that
-- depends on it; it resets what the statement does not say, so the SUPPORT
-- functions the install pieces attach with ALTER FUNCTION are attached
-- again at the end.  The old symbols stay exported (released_symbols.c) for
-- databases not yet updated.

CREATE OR REPLACE FUNCTION news.termvec_in(pg_catalog.cstring) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_out(news.termvec) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_recv(pg_catalog.internal) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_send(news.termvec) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_in(pg_catalog.cstring) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_out(news.corpus) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_corpus_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_recv(pg_catalog.internal) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_send(news.corpus) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_corpus_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.term_id(term pg_catalog.text) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_term_id' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec(body pg_catalog.text, config pg_catalog.text DEFAULT 'english') RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec(term_ids pg_catalog.int8[], weights pg_catalog.float4[]) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.nnz(news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_nnz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.norm(news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_norm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_entries(news.termvec, OUT term_id pg_catalog.int8, OUT weight pg_catalog.float4)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_termvec_entries' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;

CREATE OR REPLACE FUNCTION news.top_terms(news.termvec, n pg_catalog.int4) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_top_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.tfidf(news.termvec, news.corpus) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_tfidf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.bm25(query news.termvec, doc news.termvec, corpus news.corpus,
						  k1 pg_catalog.float8 DEFAULT 1.2, b pg_catalog.float8 DEFAULT 0.75)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_bm25' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cosine(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cosine_distance(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_overlaps(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.shared_terms(news.termvec, news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_shared_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_eq(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_merge(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_prune(news.corpus, min_df pg_catalog.int8 DEFAULT 2, max_terms pg_catalog.int4 DEFAULT 0)
	RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_prune' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_docs(news.corpus) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_docs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_terms(news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_avg_length(news.corpus) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_corpus_avg_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_df(news.corpus, term_id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_df' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_trans(news.corpus, news.termvec) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_combine(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_final(news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_in(pg_catalog.cstring) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_out(news.termquery) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termquery_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_recv(pg_catalog.internal) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_send(news.termquery) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termquery_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.mlt_query(probe news.termvec, nterms pg_catalog.int4 DEFAULT 20, min_shared pg_catalog.int4 DEFAULT 2)
	RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_mlt_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.min_shared(news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_min_shared' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.query_terms(news.termquery) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_query_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_matches(news.termvec, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_extract_value(news.termvec, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_extract_query(news.termvec, pg_catalog.internal, pg_catalog.int2,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog."char"
	AS 'MODULE_PATHNAME', 'news_termvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_in(pg_catalog.cstring) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_out(news.clustering) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_clustering_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_recv(pg_catalog.internal) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_send(news.clustering) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_clustering_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_trans(news.clustering, pg_catalog.int8, pg_catalog.int8) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_combine(news.clustering, news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_final(news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cluster_members(news.clustering, OUT id pg_catalog.int8, OUT cluster_id pg_catalog.int8)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_cluster_members' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;

CREATE OR REPLACE FUNCTION news.cluster_of(news.clustering, id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cluster_count(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_size(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_clustering_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.gazetteer_builtin_default()
RETURNS boolean
AS 'MODULE_PATHNAME', 'news_gazetteer_builtin_default'
LANGUAGE C VOLATILE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.gazetteer_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'news_gazetteer_changed'
LANGUAGE C;

CREATE OR REPLACE FUNCTION news.entities(body text,
	OUT entity text, OUT type text, OUT mention text, OUT start integer,
	OUT length integer, OUT sentence integer, OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 40;

CREATE OR REPLACE FUNCTION news.entity_country(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'news_entity_country'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.entity_types(OUT type text, OUT description text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entity_types'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 12;

CREATE OR REPLACE FUNCTION news.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 10;

-- planner support, as src/sql/60_equality.sql attaches it
ALTER FUNCTION news.termvec_eq(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_overlaps(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_matches(news.termvec, news.termquery) SUPPORT news.operator_support;
