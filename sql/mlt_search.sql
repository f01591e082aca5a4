-- news.mlt_search: "more like this" from a GIN index of each document's 32
-- heaviest terms (news.mlt_keys) with the key statistics; the same top k as
-- the exact cosine scan, rows added later found, cancellation (issue 12)
SET extra_float_digits = 0;

-- news.mlt_keys: the 32 heaviest entries
SELECT news.nnz(news.mlt_keys(news.termvec(array_agg(i), array_agg((i % 97 + 1)::float4)))) AS keys,
       news.mlt_keys(news.termvec(array_agg(i), array_agg((i % 97 + 1)::float4)))
         OPERATOR(news.=) news.top_terms(news.termvec(array_agg(i), array_agg((i % 97 + 1)::float4)), 32) AS same_as_top_32
FROM generate_series(1, 300) i;
SELECT news.mlt_keys('{}'::news.termvec) AS empty, news.mlt_keys('{7:0.5,3:0.25}') AS short;

-- a fixture of 96 articles on 8 topics: each takes 3 sentences of its
-- topic (positions from the article number) and a dateline
CREATE TABLE ms_sent (topic int, pos int, body text);
INSERT INTO ms_sent VALUES
  (0, 0, 'Crude oil prices rose after the cartel agreed to cut output.'),
  (0, 1, 'Refiners in Rotterdam bought more barrels of light sweet crude.'),
  (0, 2, 'Brent futures gained as pipeline repairs delayed tanker loadings.'),
  (0, 3, 'Analysts expect the oil ministers to extend the production quota.'),
  (1, 0, 'The striker scored twice as the home side won the cup final.'),
  (1, 1, 'The goalkeeper saved a penalty in the second half of the match.'),
  (1, 2, 'Supporters filled the stadium for the league derby on Saturday.'),
  (1, 3, 'The coach praised the defence after a clean sheet in the semifinal.'),
  (2, 0, 'The central bank raised interest rates by a quarter point.'),
  (2, 1, 'Inflation eased while bond yields fell on the rate decision.'),
  (2, 2, 'The governor warned that mortgage lending was slowing sharply.'),
  (2, 3, 'Currency traders sold the dollar after the monetary policy minutes.'),
  (3, 0, 'Farmers harvested a record wheat crop despite the dry summer.'),
  (3, 1, 'Grain exports through the northern ports rose to new highs.'),
  (3, 2, 'Corn and soybean futures slipped as planting weather improved.'),
  (3, 3, 'The ministry raised its forecast for barley and rapeseed yields.'),
  (4, 0, 'Voters queued at polling stations across the province on Sunday.'),
  (4, 1, 'The opposition leader conceded defeat in the parliamentary election.'),
  (4, 2, 'Ballot counting was delayed in three constituencies by a recount.'),
  (4, 3, 'The coalition talks began after the incumbent party lost its majority.'),
  (5, 0, 'The chipmaker unveiled a processor built on a smaller transistor node.'),
  (5, 1, 'Smartphone shipments fell as consumers waited for new handsets.'),
  (5, 2, 'The software company patched a flaw in its encryption library.'),
  (5, 3, 'Cloud computing revenue grew faster than semiconductor sales.'),
  (6, 0, 'Heavy rain flooded villages along the river delta overnight.'),
  (6, 1, 'Rescue teams evacuated residents as the storm surge reached the coast.'),
  (6, 2, 'The earthquake damaged bridges and cut power to the valley towns.'),
  (6, 3, 'Forecasters warned of landslides on the mountain roads after the typhoon.'),
  (7, 0, 'The orchestra premiered a symphony by a young composer.'),
  (7, 1, 'The museum opened an exhibition of medieval tapestries and manuscripts.'),
  (7, 2, 'Critics praised the novel for its portrait of a fishing village.'),
  (7, 3, 'The film festival awarded its top prize to a documentary about miners.');
CREATE TABLE ms_docs (id int8 PRIMARY KEY, body text, tv news.termvec, w news.termvec);
INSERT INTO ms_docs (id, body)
SELECT i, (ARRAY['Lisbon', 'Oslo', 'Quito', 'Hanoi', 'Lagos', 'Perth'])[i % 6 + 1] || ' correspondent reports. ' ||
       (SELECT string_agg(s.body, ' ' ORDER BY s.pos) FROM ms_sent s
        WHERE s.topic = i % 8 AND s.pos <> (i / 8) % 4)
FROM generate_series(1, 96) i;
UPDATE ms_docs SET tv = news.termvec(body);
CREATE TABLE ms_stats (c news.corpus);
INSERT INTO ms_stats SELECT news.corpus_stats(tv) FROM ms_docs;
UPDATE ms_docs SET w = news.tfidf(tv, (SELECT c FROM ms_stats));
CREATE INDEX ms_docs_keys ON ms_docs USING gin (news.mlt_keys(w));
CREATE TABLE ms_keys (c news.corpus);
INSERT INTO ms_keys SELECT news.corpus_stats(news.mlt_keys(w)) FROM ms_docs;
ANALYZE ms_docs;

-- the fast path gives the exact top k (ids and similarities) for every
-- probe, k = 1, 5, 12 (ties ordered by id, as the exact scan orders them)
SELECT kk AS k, count(*) AS probes,
       count(*) FILTER (WHERE fast.ids = exact.ids) AS same_ids,
       count(*) FILTER (WHERE fast.sims = exact.sims) AS same_similarities
FROM ms_docs p, (VALUES (1), (5), (12)) v(kk),
     LATERAL (SELECT array_agg(r.id ORDER BY r.ord) AS ids, array_agg(round(r.similarity::numeric, 6) ORDER BY r.ord) AS sims
              FROM news.mlt_search('ms_docs', 'id', 'w', p.w, (SELECT c FROM ms_keys), kk) WITH ORDINALITY r(id, similarity, ord)) fast,
     LATERAL (SELECT array_agg(d.id ORDER BY d.dist, d.id) AS ids, array_agg(round(1 - d.dist::numeric, 6) ORDER BY d.dist, d.id) AS sims
              FROM (SELECT id, w OPERATOR(news.<=>) p.w AS dist FROM ms_docs ORDER BY 2, 1 LIMIT kk) d) exact
GROUP BY kk ORDER BY kk;

-- one probe in full: an oil report finds the oil reports
SELECT r.id, r.id % 8 AS topic, round(r.similarity::numeric, 4) AS similarity
FROM ms_docs p, news.mlt_search('ms_docs', 'id', 'w', p.w, (SELECT c FROM ms_keys), 5) r
WHERE p.id = 8 ORDER BY r.similarity DESC, r.id;

-- the query the function runs uses the key index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT t.id FROM ms_docs t
WHERE news.mlt_keys(t.w) OPERATOR(news.%) news.mlt_keys_query((SELECT w FROM ms_docs WHERE id = 8), (SELECT c FROM ms_keys), 200)
ORDER BY t.w OPERATOR(news.<=>) (SELECT w FROM ms_docs WHERE id = 8), t.id LIMIT 5;
RESET enable_seqscan;

-- the least number shared grows with the corpus against a fixed budget
SELECT news.min_shared(news.mlt_keys_query(p.w, k.c, 1000)) AS m_large_budget,
       news.min_shared(news.mlt_keys_query(p.w, k.c, 2)) AS m_small_budget,
       news.nnz(news.query_terms(news.mlt_keys_query(p.w, k.c, 1000))) <= 32 AS at_most_32_terms
FROM ms_docs p, ms_keys k WHERE p.id = 8;

-- a growing table: a row added after the statistics is indexed and found
-- (a copy of article 8, as similar to it as itself)
INSERT INTO ms_docs (id, body, tv) SELECT 1000, body, tv FROM ms_docs WHERE id = 8;
UPDATE ms_docs SET w = news.tfidf(tv, (SELECT c FROM ms_stats)) WHERE id = 1000;
SELECT r.id, round(r.similarity::numeric, 4) AS similarity
FROM ms_docs p, news.mlt_search('ms_docs', 'id', 'w', p.w, (SELECT c FROM ms_keys), 3) r
WHERE p.id = 8 ORDER BY r.similarity DESC, r.id;

-- k = 0, an empty probe, a probe of unknown terms
SELECT count(*) FROM news.mlt_search('ms_docs', 'id', 'w', (SELECT w FROM ms_docs WHERE id = 8), (SELECT c FROM ms_keys), 0);
SELECT count(*) FROM news.mlt_search('ms_docs', 'id', 'w', '{}', (SELECT c FROM ms_keys), 5);
SELECT count(*) FROM news.mlt_search('ms_docs', 'id', 'w', '{1:0.5,2:0.5}', (SELECT c FROM ms_keys), 5);

-- errors
SELECT * FROM news.mlt_search('ms_docs', 'id', 'body', '{1:1}', (SELECT c FROM ms_keys), 5);
SELECT * FROM news.mlt_search('ms_docs', 'nope', 'w', '{1:1}', (SELECT c FROM ms_keys), 5);
SELECT * FROM news.mlt_search('ms_docs', 'id', 'w', '{1:1}', (SELECT c FROM ms_keys), -1);
SELECT * FROM news.mlt_search('ms_docs', 'id', 'w', '{1:1}', (SELECT c FROM ms_keys), 5, -1);
SELECT * FROM news.mlt_search('pg_class_oid_index', 'id', 'w', '{1:1}', (SELECT c FROM ms_keys), 5);
SELECT news.mlt_keys_query('{1:1}', (SELECT c FROM ms_keys), 0);

-- cancellable: 40,000 rows that all share the probe's keys make every row
-- a candidate; a 20 ms statement timeout stops the scoring
CREATE TABLE ms_big (id int8, w news.termvec);
INSERT INTO ms_big
SELECT i, news.termvec(ARRAY(SELECT j FROM generate_series(1, 40) j)::int8[] || ARRAY(SELECT 1000 + (i * 7 + j) % 5000 FROM generate_series(1, 120) j)::int8[],
                       ARRAY(SELECT 1::float4 FROM generate_series(1, 40) j) || ARRAY(SELECT 0.01::float4 FROM generate_series(1, 120) j))
FROM generate_series(1, 40000) i;
CREATE INDEX ms_big_k ON ms_big USING gin (news.mlt_keys(w));
CREATE TABLE ms_big_keys (c news.corpus);
INSERT INTO ms_big_keys SELECT news.corpus_stats(news.mlt_keys(w)) FROM ms_big;
ANALYZE ms_big;
\set VERBOSITY terse
SET statement_timeout = '20ms';
SELECT count(*) FROM news.mlt_search('ms_big', 'id', 'w', (SELECT w FROM ms_big WHERE id = 1), (SELECT c FROM ms_big_keys), 10, 1000000);
RESET statement_timeout;
\set VERBOSITY default
-- and without the timeout it completes: every row shares the keys
SELECT count(*) FROM news.mlt_search('ms_big', 'id', 'w', (SELECT w FROM ms_big WHERE id = 1), (SELECT c FROM ms_big_keys), 10);

-- volatility, strictness, parallel safety and comments
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace AND p.proname IN ('mlt_keys', 'mlt_keys_query', 'mlt_search')
ORDER BY p.oid::regprocedure::text;

DROP TABLE ms_big, ms_big_keys, ms_docs, ms_keys, ms_stats, ms_sent;
