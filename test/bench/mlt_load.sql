-- mlt_load.sql: load the Reuters-21578 and BBC articles with non-empty
-- bodies into mlt_articles, with term counts, corpus statistics and tf-idf
-- vectors under a GIN index.  mlt.sh first copies the JSON lines into
-- mlt_raw(j jsonb).
\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS news_analytics;
SET search_path = public, news;
CREATE TABLE mlt_articles AS
	SELECT row_number() OVER (ORDER BY src, num, ext_id)::int8 AS id, ext_id, title, body,
		   NULL::news.termvec AS tv, NULL::news.termvec AS w
	FROM (SELECT j->>'id' AS ext_id, coalesce(j->>'title', '') AS title, j->>'body' AS body,
				 CASE WHEN j->>'id' LIKE 'bbc-%' THEN 1 ELSE 0 END AS src,
				 coalesce(substring(j->>'id' FROM '[0-9]+$')::int, 0) AS num
		  FROM mlt_raw WHERE coalesce(j->>'body', '') <> '') s;
\timing on
UPDATE mlt_articles SET tv = news.termvec(title || E'\n' || body);
CREATE TABLE mlt_stats AS SELECT news.corpus_stats(tv) AS c FROM mlt_articles;
UPDATE mlt_articles SET w = news.tfidf(tv, (SELECT c FROM mlt_stats));
CREATE INDEX mlt_articles_w ON mlt_articles USING gin (w);
ALTER TABLE mlt_articles ADD PRIMARY KEY (id);
\timing off
VACUUM ANALYZE mlt_articles;
SELECT (SELECT count(*) FROM mlt_articles) AS articles, news.corpus_terms(c) AS distinct_terms,
	   round(news.corpus_avg_length(c)::numeric, 1) AS avg_terms_per_article,
	   (SELECT round(avg(news.nnz(w))::numeric, 1) FROM mlt_articles) AS avg_distinct_per_article,
	   pg_size_pretty(pg_column_size(c)::int8) AS stats_size
FROM mlt_stats;
