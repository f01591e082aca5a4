-- 30_similarity.sql: term vectors, corpus statistics, "more like this",
-- BM25 search and story clusters over the demo articles
-- (news_demo.articles, created by the demo's setup).
\set ON_ERROR_STOP 1
SET search_path = public, news;
\pset footer off

\echo
\echo == Term vectors: the index terms of a text, as counts keyed by term id
SELECT news.termvec('Oil prices rose as oil producers met.'::text) AS term_counts;
SELECT term_id, weight, CASE term_id
		WHEN news.term_id('oil') THEN 'oil'
		WHEN news.term_id('price') THEN 'price'
		WHEN news.term_id('rose') THEN 'rose'
		WHEN news.term_id('produc') THEN 'produc'
		WHEN news.term_id('met') THEN 'met' END AS term
FROM news.termvec_entries(news.termvec('Oil prices rose as oil producers met.'::text))
ORDER BY weight DESC, term_id;

\echo
\echo == Corpus statistics of the demo articles, then unit-length tf-idf vectors under a GIN index
CREATE TEMP TABLE sim AS
	SELECT id, title, source, news.termvec(coalesce(title, '') || E'\n' || coalesce(body, '')) AS tv,
		   NULL::news.termvec AS w
	FROM news_demo.articles;
CREATE TEMP TABLE sim_stats AS SELECT news.corpus_stats(tv) AS c FROM sim;
UPDATE sim SET w = news.tfidf(tv, (SELECT c FROM sim_stats));
CREATE INDEX ON sim USING gin (w);
ANALYZE sim;
SELECT news.corpus_docs(c) AS articles, news.corpus_terms(c) AS distinct_terms,
	   round(news.corpus_avg_length(c)::numeric, 1) AS avg_terms_per_article
FROM sim_stats;

\echo
\echo == More like this: the 5 articles closest to the first one (GIN candidates, exact cosine)
SELECT id AS probe_id, title AS probe_title FROM sim ORDER BY id LIMIT 1 \gset
\echo probe: :probe_id :probe_title
SELECT b.id, round((1 - (b.w <=> a.w))::numeric, 3) AS similarity, left(b.title, 70) AS title
FROM sim a JOIN sim b ON b.w % news.mlt_query(a.w, 20, 2) AND b.id <> a.id
WHERE a.id = :probe_id
ORDER BY b.w <=> a.w, b.id
LIMIT 5;
\echo the same through the helper function (its result includes the probe itself):
SELECT m.id, round(m.similarity::numeric, 3) AS similarity
FROM news.more_like_this('pg_temp.sim', 'id', 'w', (SELECT w FROM sim WHERE id = :probe_id), 6) m
WHERE m.id <> :probe_id;

\echo
\echo == BM25 search: "central bank interest rates"
SELECT id, round(news.bm25(news.termvec('central bank interest rates'::text), tv, c)::numeric, 2) AS bm25,
	   left(title, 70) AS title
FROM sim, sim_stats
WHERE tv && news.termvec('central bank interest rates'::text)
ORDER BY 2 DESC, id
LIMIT 5;

\echo
\echo == Story clusters: candidate pairs through the index, cosine >= 0.2, union-find
CREATE TEMP TABLE sim_clusters AS
SELECT m.id, m.cluster_id
FROM news.cluster_members((
	SELECT news.clusters(a.id, b.id)
	FROM sim a
	LEFT JOIN sim b ON b.w % news.mlt_query(a.w, 20, 2) AND b.id > a.id
				   AND news.cosine(a.w, b.w) >= 0.2)) m;
SELECT count(DISTINCT cluster_id) AS clusters,
	   count(DISTINCT cluster_id) FILTER (WHERE n > 1) AS multi_article_clusters,
	   max(n) AS largest
FROM (SELECT cluster_id, count(*) OVER (PARTITION BY cluster_id) AS n FROM sim_clusters) s;
\echo the three largest clusters:
SELECT c.cluster_id, s.id, left(s.title, 70) AS title
FROM sim_clusters c JOIN sim s USING (id)
WHERE c.cluster_id IN (SELECT cluster_id FROM sim_clusters GROUP BY 1
					   HAVING count(*) > 1 ORDER BY count(*) DESC, cluster_id LIMIT 3)
ORDER BY (SELECT count(*) FROM sim_clusters x WHERE x.cluster_id = c.cluster_id) DESC,
		 c.cluster_id, s.id;

DROP TABLE sim, sim_stats, sim_clusters;
