-- news.minhash_compact_ops: the compact GIN operator class for the %
-- operators on news.minhash (16 bands of 4 slots, band hashes folded to 22
-- bits) and the parameter bits of news.minhash_ops.  The index is used;
-- its answers equal a table scan's and the baseline index's on a fixture
-- of planted near duplicates; recall and precision at exact Jaccard 0.8;
-- folding shrinks the index and changes no answer; rows added later are
-- found; NULLs; parameter errors with their SQLSTATE.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

-- errors as SQLSTATE: message
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- the fixture: 2,000 distinct documents of 150 words drawn from 5,000, and
-- for each of the first 40 six copies (id 10000 + 10 * doc + c) with c
-- words replaced, whose exact Jaccard with the original spreads over 0.8
CREATE TABLE mhc_words AS
	SELECT d, w, substr(md5('w' || abs(hashint4(d * 1000 + w)) % 5000), 1, 6) AS word
	FROM generate_series(1, 2000) d, generate_series(1, 150) w;
CREATE TABLE mhc_docs (id int PRIMARY KEY, body text, sig news.minhash);
INSERT INTO mhc_docs (id, body)
	SELECT d, string_agg(word, ' ' ORDER BY w) FROM mhc_words GROUP BY d;
INSERT INTO mhc_docs (id, body)
	SELECT 10000 + 10 * x.d + c,
		   string_agg(CASE WHEN x.w IN (SELECT 1 + abs(hashint4(x.d * 1000 + c * 10 + e)) % 150
										FROM generate_series(1, c) e)
						   THEN 'edit' || x.w ELSE x.word END, ' ' ORDER BY x.w)
	FROM mhc_words x, generate_series(1, 6) c WHERE x.d <= 40 GROUP BY x.d, c;
UPDATE mhc_docs SET sig = news.minhash(body);
-- rows without a signature are never returned
INSERT INTO mhc_docs VALUES (90001, NULL, NULL), (90002, 'no signature', NULL);
ANALYZE mhc_docs;
SELECT count(*) AS docs, count(sig) AS signed FROM mhc_docs;

-- the exact ground truth of the 40 probes: every document whose exact
-- shingle Jaccard with the probe is >= 0.8 (estimates >= 0.3 verified)
CREATE TABLE mhc_truth AS
	SELECT p.id AS probe, d.id AS member, news.shingle_jaccard(p.body, d.body) AS j
	FROM mhc_docs p JOIN mhc_docs d ON news.jaccard(d.sig, p.sig) >= 0.3 AND d.id <> p.id
	WHERE p.id <= 40;
SELECT count(*) FILTER (WHERE j >= 0.8) AS relevant, count(*) FILTER (WHERE j < 0.8) AS below,
	   round(min(j)::numeric, 2) AS min_j, round(max(j)::numeric, 2) AS max_j
FROM mhc_truth;
-- the table scan's answers at estimate >= 0.8, to compare with the indexes
CREATE TABLE mhc_scan AS
	SELECT p.id AS probe, d.id AS member
	FROM mhc_docs p JOIN mhc_docs d ON d.sig OPERATOR(news.%) news.minhash_query(p.sig, 0.8) AND d.id <> p.id
	WHERE p.id <= 40;

-- the compact index is used, with the threshold carried in the query
CREATE INDEX mhc_compact ON mhc_docs USING gin (sig news.minhash_compact_ops);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM mhc_docs WHERE sig OPERATOR(news.%) news.minhash_query((SELECT sig FROM mhc_docs WHERE id = 1), 0.8);
EXPLAIN (COSTS OFF)
SELECT id FROM mhc_docs WHERE news.similar(sig, (SELECT sig FROM mhc_docs WHERE id = 1), 0.8);
SELECT id, round(news.jaccard(sig, (SELECT sig FROM mhc_docs WHERE id = 1))::numeric, 3) AS estimate
FROM mhc_docs WHERE news.similar(sig, (SELECT sig FROM mhc_docs WHERE id = 1), 0.7) ORDER BY id;

-- index answers: estimate >= 0.8, and estimate >= 0.7 verified by the
-- exact Jaccard >= 0.8
CREATE FUNCTION pg_temp.answers(t float8, verified boolean)
RETURNS TABLE (probe int, member int) LANGUAGE sql AS $$
	SELECT p.id, d.id
	FROM mhc_docs p JOIN mhc_docs d ON d.sig OPERATOR(news.%) news.minhash_query(p.sig, t) AND d.id <> p.id
	WHERE p.id <= 40 AND (NOT verified OR news.shingle_jaccard(d.body, p.body) >= 0.8)
$$;
CREATE TABLE mhc_got AS
	SELECT 'compact' AS opclass, 'estimate >= 0.8' AS mode, * FROM pg_temp.answers(0.8, false)
	UNION ALL SELECT 'compact', '0.7 + verified >= 0.8', * FROM pg_temp.answers(0.7, true);
EXPLAIN (COSTS OFF)
SELECT p.id, d.id
FROM mhc_docs p JOIN mhc_docs d ON d.sig OPERATOR(news.%) news.minhash_query(p.sig, 0.7) AND d.id <> p.id
WHERE p.id <= 40 AND news.shingle_jaccard(d.body, p.body) >= 0.8;
-- the same answers as the table scan at estimate >= 0.8
SELECT (SELECT count(*) FROM mhc_scan) AS scan,
	   (SELECT count(*) FROM mhc_got WHERE mode = 'estimate >= 0.8') AS compact,
	   NOT EXISTS (SELECT probe, member FROM mhc_scan EXCEPT SELECT probe, member FROM mhc_got WHERE mode = 'estimate >= 0.8')
	   AND NOT EXISTS (SELECT probe, member FROM mhc_got WHERE mode = 'estimate >= 0.8' EXCEPT SELECT probe, member FROM mhc_scan) AS same_rows;

-- the baseline index (news.minhash_ops, 42 x 3, exact at 0.8) for comparison
DROP INDEX mhc_compact;
CREATE INDEX mhc_base ON mhc_docs USING gin (sig news.minhash_ops);
INSERT INTO mhc_got
	SELECT 'base', 'estimate >= 0.8', * FROM pg_temp.answers(0.8, false)
	UNION ALL SELECT 'base', '0.7 + verified >= 0.8', * FROM pg_temp.answers(0.7, true);
DROP INDEX mhc_base;
RESET enable_seqscan;

-- recall and precision at exact Jaccard 0.8, both indexes, both modes
SELECT g.opclass, g.mode, count(*) AS returned,
	   count(*) FILTER (WHERE t.j >= 0.8) AS correct,
	   (SELECT count(*) FROM mhc_truth WHERE j >= 0.8) AS relevant,
	   round(count(*) FILTER (WHERE t.j >= 0.8)::numeric / (SELECT count(*) FROM mhc_truth WHERE j >= 0.8), 3) AS recall,
	   round(count(*) FILTER (WHERE t.j >= 0.8)::numeric / count(*), 3) AS precision
FROM mhc_got g LEFT JOIN mhc_truth t USING (probe, member)
GROUP BY g.opclass, g.mode ORDER BY g.opclass, g.mode;
SELECT g.mode,
	   count(*) FILTER (WHERE t.j >= 0.8)::numeric / (SELECT count(*) FROM mhc_truth WHERE j >= 0.8) >= 0.95 AS recall_ok,
	   count(*) FILTER (WHERE t.j >= 0.8)::numeric / count(*) >= 0.95 AS precision_ok
FROM mhc_got g LEFT JOIN mhc_truth t USING (probe, member)
WHERE g.opclass = 'compact' AND g.mode = '0.7 + verified >= 0.8'
GROUP BY g.mode;

-- folding: 16 bits put the 35,840 band keys of 2,240 signatures into at
-- most 65,536 keys, so rows share keys; the index is smaller than with
-- whole hashes (32 bits) and the answers are the same
CREATE INDEX mhc_b16 ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = 16));
CREATE INDEX mhc_b32 ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = 32));
SELECT pg_relation_size('mhc_b16') < pg_relation_size('mhc_b32') AS folded_is_smaller;
SET enable_seqscan = off;
DROP INDEX mhc_b32;
CREATE TABLE mhc_folded AS SELECT * FROM pg_temp.answers(0.8, false);
CREATE INDEX mhc_b32 ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = 32));
DROP INDEX mhc_b16;
SELECT NOT EXISTS (SELECT * FROM mhc_folded EXCEPT SELECT * FROM pg_temp.answers(0.8, false))
	   AND NOT EXISTS (SELECT * FROM pg_temp.answers(0.8, false) EXCEPT SELECT * FROM mhc_folded) AS same_rows;
DROP INDEX mhc_b32;

-- the parameters on news.minhash_ops too; the operator with the setting
-- (strategy 1); rows added after the build are found
CREATE INDEX mhc_ops ON mhc_docs USING gin (sig news.minhash_ops (bands = 16, rows = 4, bits = 20));
SELECT pg_get_indexdef('mhc_ops'::regclass);
INSERT INTO mhc_docs SELECT 20001, body, news.minhash(body) FROM mhc_docs WHERE id = 7;
SET news_analytics.minhash_threshold = 0.8;
EXPLAIN (COSTS OFF)
SELECT id FROM mhc_docs WHERE sig OPERATOR(news.%) (SELECT sig FROM mhc_docs WHERE id = 7);
SELECT id FROM mhc_docs WHERE sig OPERATOR(news.%) (SELECT sig FROM mhc_docs WHERE id = 7) ORDER BY id;
RESET news_analytics.minhash_threshold;
-- a NULL probe or query matches nothing
SELECT count(*) AS null_probe FROM mhc_docs WHERE sig OPERATOR(news.%) news.minhash_query(NULL, 0.8);
SELECT count(*) AS null_query FROM mhc_docs WHERE sig OPERATOR(news.%) NULL::news.minhash_query;
RESET enable_seqscan;
DROP INDEX mhc_ops;

-- bad parameters and thresholds
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = 15))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = 33))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_ops (bits = 0))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (bands = 0))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (rows = 65))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (bits = ''many''))');
SELECT pg_temp.err('CREATE INDEX ON mhc_docs USING gin (sig news.minhash_compact_ops (fold = 20))');
SELECT pg_temp.err('SELECT news.minhash_query(news.minhash(''some text''::text), 1.5)');

-- the operator class, its family and its support functions
SELECT c.opcname, c.opcdefault, obj_description(c.oid, 'pg_opclass') IS NOT NULL AS commented,
	   (SELECT count(*) FROM pg_amop o WHERE o.amopfamily = c.opcfamily) AS operators,
	   (SELECT count(*) FROM pg_amproc p WHERE p.amprocfamily = c.opcfamily) AS support_functions
FROM pg_opclass c WHERE c.opcnamespace = 'news'::regnamespace AND c.opcname LIKE 'minhash%ops'
	AND c.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'gin')
ORDER BY c.opcname;

DROP TABLE mhc_words, mhc_docs, mhc_truth, mhc_scan, mhc_got, mhc_folded;
