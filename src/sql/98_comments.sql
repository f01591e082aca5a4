
-- ---------------------------------------------------------------------------
-- Comments that say more than their first version did.  The SQL reference
-- of README.md is generated from the comments (make reference), so a
-- comment is what a user reads about an object.  The same statements are in
-- src/sql/0.1.0--0.2.0/95_comments.sql.
-- ---------------------------------------------------------------------------

COMMENT ON FUNCTION news.cluster_count(news.clustering) IS 'number of clusters of a clustering (connected components, singletons included)';
COMMENT ON OPERATOR news.= (news.termvec, news.termvec) IS 'equal: the same term ids with the same weights';
COMMENT ON OPERATOR news.+ (news.corpus, news.corpus) IS 'statistics of the union of two document sets: document counts, total lengths and document frequencies added (news.corpus_merge)';
COMMENT ON OPERATOR news.<=> (news.termvec, news.termvec) IS 'cosine distance of two term vectors (1 - cosine similarity): ORDER BY w <=> probe ranks the most similar first';
COMMENT ON FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: ternary form of news.termvec_gin_consistent';
COMMENT ON FUNCTION news.tracking_status_rows() IS 'the rows of the view news.tracking_status, for every tracked table whose results the current role may read';
