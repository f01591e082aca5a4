-- mlt_scale_build.sql: the first :n articles of gen_articles (mlt_gen.sql)
-- as the table mlt_s(id, w) of tf-idf vectors under a GIN index, with
-- their statistics in mlt_s_stats(c) and, pruned to the terms in 5
-- documents or more (what the adaptive query needs; a pruned term counts as
-- rare), in mlt_s_stats(c_pruned).  Prints the time of each step.
\set ON_ERROR_STOP 1
DROP TABLE IF EXISTS mlt_s, mlt_s_tv, mlt_s_stats;
\timing on
CREATE TABLE mlt_s_tv AS SELECT id, news.termvec(body) AS tv FROM gen_articles WHERE id <= :n;
CREATE TABLE mlt_s_stats AS SELECT news.corpus_stats(tv) AS c FROM mlt_s_tv;
ALTER TABLE mlt_s_stats ADD COLUMN c_pruned news.corpus;
UPDATE mlt_s_stats SET c_pruned = news.corpus_prune(c, 5);
CREATE TABLE mlt_s AS SELECT id, news.tfidf(tv, (SELECT c FROM mlt_s_stats)) AS w FROM mlt_s_tv;
CREATE INDEX mlt_s_w ON mlt_s USING gin (w);
ALTER TABLE mlt_s ADD PRIMARY KEY (id);
\timing off
DROP TABLE mlt_s_tv;
VACUUM ANALYZE mlt_s;
SELECT :n AS articles, news.corpus_terms(c) AS distinct_terms, news.corpus_terms(c_pruned) AS terms_df_ge_5,
	   round(news.corpus_avg_length(c)::numeric, 1) AS avg_terms_per_article,
	   pg_size_pretty(pg_column_size(c)::int8) AS stats_size, pg_size_pretty(pg_column_size(c_pruned)::int8) AS pruned_size,
	   pg_size_pretty(pg_table_size('mlt_s')) AS table_size, pg_size_pretty(pg_relation_size('mlt_s_w')) AS gin_size
FROM mlt_s_stats;
