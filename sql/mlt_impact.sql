-- news.mlt_impact_search: "more like this" from impact-ordered posting
-- lists in a table of the caller's (news.mlt_impact_build): the same top k
-- as the exact cosine scan, rows added since the build found, deleted rows
-- gone, rebuilds, the errors and their SQLSTATEs (issue 12)
SET extra_float_digits = 0;

-- the SQLSTATE and message of a statement's error, or ok
CREATE FUNCTION mi_err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- news.mlt_impact_pack: header (version 1, count 3), then (id, weight) by
-- weight, heaviest first, ties by id; 1.0 is 65535, 0.5 is 32768
SELECT news.mlt_impact_pack('{5,3,9}', '{0.5,1,0.5}');
SELECT news.mlt_impact_pack('{}', '{}') AS empty;

-- a fixture of 96 articles on 8 topics, as in mlt_search
CREATE TABLE mi_sent (topic int, pos int, body text);
INSERT INTO mi_sent VALUES
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
CREATE TABLE mi_docs (id int4 PRIMARY KEY, body text, tv news.termvec, w news.termvec);
INSERT INTO mi_docs (id, body)
SELECT i, (ARRAY['Lisbon', 'Oslo', 'Quito', 'Hanoi', 'Lagos', 'Perth'])[i % 6 + 1] || ' correspondent reports. ' ||
       (SELECT string_agg(s.body, ' ' ORDER BY s.pos) FROM mi_sent s
        WHERE s.topic = i % 8 AND s.pos <> (i / 8) % 4)
FROM generate_series(1, 96) i;
UPDATE mi_docs SET tv = news.termvec(body);
CREATE TABLE mi_stats (c news.corpus);
INSERT INTO mi_stats SELECT news.corpus_stats(tv) FROM mi_docs;
UPDATE mi_docs SET w = news.tfidf(tv, (SELECT c FROM mi_stats));
ANALYZE mi_docs;

-- the build: a table mi_docs_mlt in the schema of mi_docs, one row per
-- key term and the build row (term -1) holding the largest id
SELECT news.mlt_impact_build('mi_docs', 'id', 'w') AS postings;
SELECT count(*) AS rows, count(*) FILTER (WHERE term = -1) AS build_rows,
       (SELECT count(DISTINCT e.term_id) FROM mi_docs d, news.termvec_entries(news.mlt_keys(d.w)) e) + 1 AS expected_rows
FROM mi_docs_mlt;
SELECT a.attname, a.atttypid::regtype, a.attstorage FROM pg_attribute a
WHERE a.attrelid = 'mi_docs_mlt'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT (SELECT relowner FROM pg_class WHERE oid = 'mi_docs_mlt'::regclass) = current_user::regrole AS owned_by_caller;

-- every article has fewer than 32 terms, so all are keys: the candidates
-- are every article sharing a term, and the result is the exact top k
-- (ids and similarities) for every probe, k = 1, 5, 12
SELECT kk AS k, count(*) AS probes,
       count(*) FILTER (WHERE fast.ids = exact.ids) AS same_ids,
       count(*) FILTER (WHERE fast.sims = exact.sims) AS same_similarities
FROM mi_docs p, (VALUES (1), (5), (12)) v(kk),
     LATERAL (SELECT array_agg(r.id ORDER BY r.ord) AS ids, array_agg(round(r.similarity::numeric, 6) ORDER BY r.ord) AS sims
              FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', p.w, kk) WITH ORDINALITY r(id, similarity, ord)) fast,
     LATERAL (SELECT array_agg(d.id ORDER BY d.dist, d.id) AS ids, array_agg(round(1 - d.dist::numeric, 6) ORDER BY d.dist, d.id) AS sims
              FROM (SELECT id::int8 AS id, w OPERATOR(news.<=>) p.w AS dist FROM mi_docs ORDER BY 2, 1 LIMIT kk) d) exact
GROUP BY kk ORDER BY kk;
SELECT max(nnz) < 32 AS all_terms_are_keys FROM (SELECT news.nnz(w) AS nnz FROM mi_docs) n;

-- the candidates: the probe first (its own cosine over its keys is 1),
-- scores falling, since = the largest id at the build
SELECT c.ids[1] AS first, round(c.scores[1]::numeric, 4) AS first_score,
       c.scores = (SELECT array_agg(s ORDER BY s DESC) FROM unnest(c.scores) s) AS scores_falling,
       cardinality(c.ids) AS candidates, c.since
FROM mi_docs p, news.mlt_impact_candidates('mi_docs_mlt', p.w) c WHERE p.id = 8;
-- a budget of 3 candidates, and of 5 postings
SELECT cardinality(c.ids) AS candidates FROM mi_docs p, news.mlt_impact_candidates('mi_docs_mlt', p.w, 3) c WHERE p.id = 8;
SELECT cardinality(c.ids) <= 5 AS at_most_5 FROM mi_docs p, news.mlt_impact_candidates('mi_docs_mlt', p.w, 200, 5) c WHERE p.id = 8;

-- one probe in full: an oil report finds the oil reports
SELECT r.id, r.id % 8 AS topic, round(r.similarity::numeric, 4) AS similarity
FROM mi_docs p, news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', p.w, 5) r
WHERE p.id = 8 ORDER BY r.similarity DESC, r.id;

-- a row added after the build (a copy of article 8) is found by the scan of
-- newer rows; a deleted row is gone at once
INSERT INTO mi_docs (id, body, tv, w) SELECT 1000, body, tv, w FROM mi_docs WHERE id = 8;
DELETE FROM mi_docs WHERE id = 16;
SELECT r.id, round(r.similarity::numeric, 4) AS similarity
FROM mi_docs p, news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', p.w, 4) r
WHERE p.id = 8 ORDER BY r.similarity DESC, r.id;
-- a rebuild refills the same table; the copy is now in the postings
SELECT news.mlt_impact_build('mi_docs', 'id', 'w') AS postings;
SELECT c.since, 1000 = ANY (c.ids) AS copy_in_postings, 16 = ANY (c.ids) AS deleted_gone
FROM mi_docs p, news.mlt_impact_candidates('mi_docs_mlt', p.w) c WHERE p.id = 8;
-- a postings table of another name
SELECT news.mlt_impact_build('mi_docs', 'id', 'w', 'mi other') AS postings;
SELECT count(*) > 1 AS filled FROM "mi other";

-- the search prepares its queries once per session and table; they follow
-- a postings table dropped and built again under the same name, and a
-- renamed table (the same ids as before each change)
SELECT array_agg(r.id ORDER BY r.similarity DESC, r.id) AS ids
FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', (SELECT w FROM mi_docs WHERE id = 8), 4) r;
DROP TABLE mi_docs_mlt;
SELECT news.mlt_impact_build('mi_docs', 'id', 'w') AS postings;
SELECT array_agg(r.id ORDER BY r.similarity DESC, r.id) AS ids
FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', (SELECT w FROM mi_docs WHERE id = 8), 4) r;
ALTER TABLE mi_docs RENAME TO mi_renamed;
SELECT array_agg(r.id ORDER BY r.similarity DESC, r.id) AS ids
FROM news.mlt_impact_search('mi_renamed', 'id', 'w', 'mi_docs_mlt', (SELECT w FROM mi_renamed WHERE id = 8), 4) r;
ALTER TABLE mi_renamed RENAME TO mi_docs;

-- k = 0, an empty probe, a probe of unknown terms
SELECT count(*) FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', (SELECT w FROM mi_docs WHERE id = 8), 0);
SELECT count(*) FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', '{}', 5);
SELECT count(*) FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', '{1:0.5,2:0.5}', 5);
-- an empty table: every later row is newer than the build
CREATE TABLE mi_empty (id int8 PRIMARY KEY, w news.termvec);
SELECT news.mlt_impact_build('mi_empty', 'id', 'w') AS postings;
INSERT INTO mi_empty SELECT id, w FROM mi_docs WHERE id IN (8, 9, 24);
SELECT r.id FROM news.mlt_impact_search('mi_empty', 'id', 'w', 'mi_empty_mlt', (SELECT w FROM mi_docs WHERE id = 8), 2) r;

-- errors, with their SQLSTATEs
SELECT mi_err($$SELECT news.mlt_impact_pack('{1,2}', '{0.5}')$$);
SELECT mi_err($$SELECT news.mlt_impact_pack('{1,NULL}', '{0.5,0.5}')$$);
SELECT mi_err($$SELECT news.mlt_impact_pack('{1}', '{1.5}')$$);
SELECT mi_err($$SELECT news.mlt_impact_pack('{{1}}', '{{0.5}}')$$);
SELECT mi_err($$SELECT news.mlt_impact_build('mi_docs', 'id', 'body')$$);
SELECT mi_err($$SELECT news.mlt_impact_build('mi_docs', 'body', 'w')$$);
SELECT mi_err($$SELECT news.mlt_impact_build('mi_docs', 'nope', 'w')$$);
SELECT mi_err($$SELECT news.mlt_impact_build(NULL, 'id', 'w')$$);
SELECT mi_err($$SELECT news.mlt_impact_build('mi_docs', 'id', 'w', 'mi_sent')$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', '{1:1}', -1)$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_docs_mlt', '{1:1}', 5, -1)$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_search('mi_docs', 'body', 'w', 'mi_docs_mlt', '{1:1}', 5)$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_search('pg_class_oid_index', 'id', 'w', 'mi_docs_mlt', '{1:1}', 5)$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_docs_mlt', '{1:1}', 0)$$);
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_sent', '{1:1}')$$);
CREATE TABLE mi_bad (term int8, postings text);
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_bad', '{1:1}')$$);
CREATE TABLE mi_nobuild (term int8 PRIMARY KEY, postings bytea);
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_nobuild', '{1:1}')$$);
-- a damaged list
INSERT INTO mi_nobuild SELECT term, postings FROM mi_docs_mlt WHERE term = -1;
INSERT INTO mi_nobuild SELECT e.term_id, '\x0200000001000000'::bytea FROM mi_docs d, news.termvec_entries(d.w) e WHERE d.id = 8 LIMIT 1;
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_nobuild', (SELECT w FROM mi_docs WHERE id = 8))$$);
UPDATE mi_nobuild SET postings = '\x0100000005000000' WHERE term <> -1;
SELECT mi_err($$SELECT * FROM news.mlt_impact_candidates('mi_nobuild', (SELECT w FROM mi_docs WHERE id = 8))$$);

-- a postings table of another role is refused (its triggers would run as
-- the caller); reading and the caller's own build are allowed
CREATE ROLE regress_mi_owner;
CREATE ROLE regress_mi_user;
GRANT CREATE, USAGE ON SCHEMA public TO regress_mi_owner, regress_mi_user;
GRANT SELECT ON mi_docs TO regress_mi_user;
SET ROLE regress_mi_owner;
CREATE TABLE mi_trap (term int8, postings bytea);
GRANT ALL ON mi_trap TO regress_mi_user;
SET ROLE regress_mi_user;
SELECT mi_err($$SELECT news.mlt_impact_build('mi_docs', 'id', 'w', 'mi_trap')$$);
SELECT news.mlt_impact_build('mi_docs', 'id', 'w', 'mi_mine') AS postings;
SELECT count(*) FROM news.mlt_impact_search('mi_docs', 'id', 'w', 'mi_mine', (SELECT w FROM mi_docs WHERE id = 8), 3);
RESET ROLE;
DROP TABLE mi_trap, mi_mine;
REVOKE ALL ON mi_docs FROM regress_mi_user;
REVOKE CREATE, USAGE ON SCHEMA public FROM regress_mi_owner, regress_mi_user;
DROP ROLE regress_mi_owner, regress_mi_user;

-- volatility, strictness, parallel safety and comments
SELECT p.oid::regprocedure AS function, l.lanname, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'news'::regnamespace AND p.proname LIKE 'mlt_impact%'
ORDER BY p.oid::regprocedure::text;

DROP TABLE mi_docs, mi_docs_mlt, "mi other", mi_empty, mi_empty_mlt, mi_stats, mi_sent, mi_bad, mi_nobuild;
DROP FUNCTION mi_err(text);
