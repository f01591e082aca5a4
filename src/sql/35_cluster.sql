-- 35_cluster.sql: story clustering by union-find over candidate pairs
-- (src/pg/cluster.c).

CREATE TYPE news.clustering;

CREATE FUNCTION news.clustering_in(pg_catalog.cstring) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.clustering_out(news.clustering) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_clustering_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.clustering_recv(pg_catalog.internal) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.clustering_send(news.clustering) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_clustering_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.clustering (
	INPUT = news.clustering_in,
	OUTPUT = news.clustering_out,
	RECEIVE = news.clustering_recv,
	SEND = news.clustering_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE news.clustering IS 'articles grouped into clusters: each member id with its cluster id (the smallest id of its component), written {id:cluster_id,...}';
COMMENT ON FUNCTION news.clustering_in(pg_catalog.cstring) IS 'text input of news.clustering (pairs are unioned, so the value is canonical)';
COMMENT ON FUNCTION news.clustering_out(news.clustering) IS 'text output of news.clustering';
COMMENT ON FUNCTION news.clustering_recv(pg_catalog.internal) IS 'binary input of news.clustering';
COMMENT ON FUNCTION news.clustering_send(news.clustering) IS 'binary output of news.clustering';

CREATE FUNCTION news.clusters_trans(news.clustering, pg_catalog.int8, pg_catalog.int8) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.clusters_trans(news.clustering, pg_catalog.int8, pg_catalog.int8) IS 'transition function of news.clusters(int8, int8): union one pair';

CREATE FUNCTION news.clusters_combine(news.clustering, news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.clusters_combine(news.clustering, news.clustering) IS 'transition and combine function of news.clusters: merge clusterings';

CREATE FUNCTION news.clusters_final(news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.clusters_final(news.clustering) IS 'final function of news.clusters: the flat clustering';

CREATE AGGREGATE news.clusters(id_a pg_catalog.int8, id_b pg_catalog.int8) (
	SFUNC = news.clusters_trans,
	STYPE = news.clustering,
	FINALFUNC = news.clusters_final,
	COMBINEFUNC = news.clusters_combine,
	INITCOND = '{}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.clusters(pg_catalog.int8, pg_catalog.int8) IS 'connected components of the pairs (id_a, id_b) by union-find; (id, NULL) adds a singleton';

CREATE AGGREGATE news.clusters(news.clustering) (
	SFUNC = news.clusters_combine,
	STYPE = news.clustering,
	FINALFUNC = news.clusters_final,
	COMBINEFUNC = news.clusters_combine,
	INITCOND = '{}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.clusters(news.clustering) IS 'merge clusterings (components joined where they share an article)';

CREATE FUNCTION news.cluster_members(news.clustering, OUT id pg_catalog.int8, OUT cluster_id pg_catalog.int8)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_cluster_members' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION news.cluster_members(news.clustering) IS 'rows (id, cluster_id) in id order; cluster_id is the smallest id of the cluster';

CREATE FUNCTION news.cluster_of(news.clustering, id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.cluster_of(news.clustering, pg_catalog.int8) IS 'cluster id of an article, NULL when it is not a member';

CREATE FUNCTION news.cluster_count(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.cluster_count(news.clustering) IS 'number of clusters';

CREATE FUNCTION news.clustering_size(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_clustering_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_size(news.clustering) IS 'number of articles in a clustering';
