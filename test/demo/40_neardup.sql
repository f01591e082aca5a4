-- 40_neardup.sql: near-duplicate articles in the demo sample.
-- MinHash signatures, a GIN LSH index with news.similar (the % operator
-- with a threshold carried in the query), exact shingle Jaccard to verify,
-- and SimHash distances alongside.
\echo
\echo '== Near-duplicates: MinHash + LSH (news.minhash, news.minhash_ops, news.similar)'

CREATE TEMP TABLE demo_sigs AS
	SELECT id, news.minhash(body) AS sig, news.simhash(body) AS sim
	FROM news_demo.articles
	WHERE body ~ '[[:alnum:]]';
CREATE INDEX ON demo_sigs USING gin (sig news.minhash_ops);
ANALYZE demo_sigs;

\echo '-- every pair with estimated Jaccard >= 0.4, verified by the exact shingle Jaccard'
SELECT a.id AS id1, b.id AS id2,
	   left(aa.title, 40) AS title1, left(bb.title, 40) AS title2,
	   round(news.jaccard(a.sig, b.sig)::numeric, 2) AS estimate,
	   round(news.shingle_jaccard(aa.body, bb.body)::numeric, 2) AS exact,
	   news.hamming(a.sim, b.sim) AS simhash_bits
FROM demo_sigs a
JOIN demo_sigs b ON news.similar(a.sig, b.sig, 0.4) AND a.id < b.id
JOIN news_demo.articles aa ON aa.id = a.id
JOIN news_demo.articles bb ON bb.id = b.id
ORDER BY exact DESC, id1, id2;

\echo '-- for contrast, the closest other pairs: the same event told by other outlets shares few 5-word shingles'
SELECT a.id AS id1, b.id AS id2, left(aa.title, 40) AS title1, left(bb.title, 40) AS title2,
	   round(news.jaccard(a.sig, b.sig)::numeric, 2) AS estimate,
	   round(news.shingle_jaccard(aa.body, bb.body)::numeric, 2) AS exact,
	   news.hamming(a.sim, b.sim) AS simhash_bits
FROM demo_sigs a JOIN demo_sigs b ON a.id < b.id
JOIN news_demo.articles aa ON aa.id = a.id
JOIN news_demo.articles bb ON bb.id = b.id
WHERE NOT news.similar(a.sig, b.sig, 0.4)
ORDER BY news.shingle_jaccard(aa.body, bb.body) DESC, id1, id2
LIMIT 5;

\echo '-- near-duplicate groups (articles linked by exact Jaccard >= 0.5 to the group''s first article)'
WITH pairs AS (
	SELECT a.id AS id1, b.id AS id2
	FROM demo_sigs a
	JOIN demo_sigs b ON news.similar(a.sig, b.sig, 0.4) AND a.id <> b.id
	JOIN news_demo.articles aa ON aa.id = a.id
	JOIN news_demo.articles bb ON bb.id = b.id
	WHERE news.shingle_jaccard(aa.body, bb.body) >= 0.5
), leader AS (
	SELECT id1 AS id, least(id1, min(id2)) AS first FROM pairs GROUP BY id1
)
SELECT l.first AS "group", count(*) AS articles,
	   string_agg(l.id::text, ', ' ORDER BY l.id) AS ids,
	   min(left(a.title, 50)) FILTER (WHERE a.id = l.first) AS title_of_first,
	   string_agg(DISTINCT a.source, ', ') AS sources
FROM leader l JOIN news_demo.articles a ON a.id = l.id
GROUP BY l.first
ORDER BY articles DESC, "group";

\echo '-- one article''s near duplicates through the index (the sample is small: seq scans off to show the plan)'
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM demo_sigs WHERE news.similar(sig, (SELECT sig FROM demo_sigs ORDER BY id LIMIT 1), 0.5);
RESET enable_seqscan;
DROP TABLE demo_sigs;
