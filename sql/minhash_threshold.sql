-- news.minhash_query: near-duplicate queries that carry their threshold.
-- Text and binary I/O, invalid input, range checks, the operator against
-- the exact computation, news.similar, and the GIN index against a table
-- scan at several carried thresholds, whatever the session setting says.
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

-- the text form: T of K:SHINGLE:HEX
SELECT news.minhash_query(news.minhash('The quick brown fox jumps over the lazy dog'::text, 4, 2), 0.95);
SELECT '0.8 of 2:5:0000002A00001000'::news.minhash_query AS upper_hex,
       '  1e-1   of   2:5:0000002a00001000  '::news.minhash_query AS spaces_and_exponent,
       '-0 of 2:5:0000002a00001000'::news.minhash_query AS minus_zero,
       E'1\tof\n2:5:0000002a00001000'::news.minhash_query AS tab_newline;
-- the threshold prints as the shortest decimal that reads back exactly,
-- whatever extra_float_digits says (a session setting must not change a
-- value sent to another node)
CREATE TABLE mht_t (t float8);
INSERT INTO mht_t VALUES (0), (1), (0.5), (0.1), (0.95), (1.0 / 3), ('0.1'::float8 + '0.2'::float8),
	(1e-5), ('5e-324'::float8), (0.99999999999999989);
SET extra_float_digits = -15;
SELECT news.query_threshold(q) = t AS exact, split_part(q::text, ' of ', 1) AS printed
FROM mht_t, news.minhash_query(news.minhash('a b c'::text, 2, 1), t) AS q ORDER BY t;
RESET extra_float_digits;
-- text round trip of every one, and of the signature
SELECT count(*) AS values,
       bool_and(q::text::news.minhash_query::text = q::text) AS text_round_trip,
       bool_and(news.query_threshold(q::text::news.minhash_query) = t) AS threshold_exact,
       bool_and(news.query_signature(q)::text = news.minhash('a b c'::text, 2, 1)::text) AS signature_kept
FROM mht_t, news.minhash_query(news.minhash('a b c'::text, 2, 1), t) AS q;
-- accessors
SELECT news.query_threshold('0.75 of 2:5:0000002a00001000'),
       news.query_signature('0.75 of 2:5:0000002a00001000');

-- binary send/receive: version, flags, float8 threshold, then the signature
SELECT news.minhash_query_send('0.75 of 2:5:0000002a00001000');
CREATE TABLE mht_copy (q news.minhash_query);
SELECT current_setting('data_directory') || '/news_minhash_threshold_regress.bin' AS binfile \gset
COPY (SELECT news.minhash_query(news.minhash('a b c'::text, 2, 1), t) FROM mht_t) TO :'binfile' WITH (FORMAT binary);
COPY mht_copy FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS copied,
       count(*) FILTER (WHERE news.query_threshold(c.q) = t
                        AND c.q::text = news.minhash_query(news.minhash('a b c'::text, 2, 1), t)::text) AS identical
FROM mht_copy c JOIN mht_t ON news.query_threshold(c.q) = t;
-- hostile binary values: a bytea column's binary COPY has the same framing,
-- so its bytes reach news.minhash_query_recv
CREATE FUNCTION pg_temp.recv(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/news_minhash_threshold_regress.bin';
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L WITH (FORMAT binary)', b, f);
	TRUNCATE mht_copy;
	EXECUTE format('COPY mht_copy FROM %L WITH (FORMAT binary)', f);
	RETURN (SELECT q::text FROM mht_copy);
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
SELECT what, pg_temp.recv(b) FROM (VALUES
	('valid', '\x01003fe800000000000001000002050000002a00001000'::bytea),
	('version 2', '\x02003fe800000000000001000002050000002a00001000'),
	('flags 1', '\x01013fe800000000000001000002050000002a00001000'),
	('threshold 1.5', '\x01003ff800000000000001000002050000002a00001000'),
	('threshold -0.25', '\x0100bfd000000000000001000002050000002a00001000'),
	('threshold NaN', '\x01007ff800000000000001000002050000002a00001000'),
	('threshold +Infinity', '\x01007ff000000000000001000002050000002a00001000'),
	('minus zero', '\x0100800000000000000001000002050000002a00001000'),
	('signature version 2', '\x01003fe800000000000002000002050000002a00001000'),
	('truncated', '\x01003fe800000000000001000002050000002a'),
	('no signature', '\x01003fe8000000000000'),
	('k = 0', '\x01003fe80000000000000100000005'),
	('trailing byte', '\x01003fe800000000000001000002050000002a0000100000')
) AS v(what, b);

-- malformed literals (22P02), with the message of one of each kind
SELECT 'x of 2:5:0000002a00001000'::news.minhash_query;
SELECT '0.5 2:5:0000002a00001000'::news.minhash_query;
SELECT '0.5 of oil prices'::news.minhash_query;
SELECT '0.5 of 2:5:0000002a'::news.minhash_query;
SELECT lit, pg_temp.err(format('SELECT %L::news.minhash_query', lit)) FROM (VALUES
	(''), ('of 2:5:0000002a00001000'), ('0.5'), ('0.5 of'), ('0.5 of '), ('0.5of 2:5:0000002a00001000'),
	('0.5 off 2:5:0000002a00001000'), ('0.5 ofx 2:5:0000002a00001000'), ('0.5 OF 2:5:0000002a00001000'),
	('1.5 of 2:5:0000002a00001000'), ('-0.1 of 2:5:0000002a00001000'), ('1.0000000000000002 of 2:5:0000002a00001000'),
	('nan of 2:5:0000002a00001000'), ('NaN of 2:5:0000002a00001000'), ('inf of 2:5:0000002a00001000'),
	('infinity of 2:5:0000002a00001000'), ('0x1p-1 of 2:5:0000002a00001000'), ('0.5e of 2:5:0000002a00001000'),
	('.5.5 of 2:5:0000002a00001000'), ('1e999 of 2:5:0000002a00001000'), ('0,5 of 2:5:0000002a00001000'),
	('0.5 of 0:5:'), ('0.5 of 2:33:0000002a00001000'), ('0.5 of 2:5:0000002a0000100g'),
	('0.5 of 2:5:0000002a00001000 x'), ('0.5 of 0.5 of 2:5:0000002a00001000'),
	('0.' || repeat('5', 80) || ' of 2:5:0000002a00001000')
) AS v(lit);
-- an untyped literal on the right of % is read as a news.minhash (the
-- operator between two signatures); the error says to cast it
SELECT '2:1:0000002a00001000'::news.minhash OPERATOR(news.%) '0.5 of 2:1:0000002a00001000';
SELECT '2:1:0000002a00001000'::news.minhash OPERATOR(news.%) '0.5 of 2:1:0000002a00001000'::news.minhash_query;
-- numbers that are fine: leading point, exponent, plus sign, many digits
SELECT lit::news.minhash_query FROM (VALUES ('.5 of 1:1:00000000'), ('5E-1 of 1:1:00000000'), ('+1 of 1:1:00000000'),
	('0.50000000000000000000000000001 of 1:1:00000000'), ('1e-400 of 1:1:00000000')) AS v(lit);

-- the constructor's threshold: 0..1 (22023); NULL in, NULL out
SELECT t, pg_temp.err(format('SELECT news.minhash_query(news.minhash(%L::text), %L::float8)', 'a b c', t)) FROM (VALUES
	('0'), ('1'), ('-0'), ('-0.0001'), ('1.0000000000000002'), ('2'), ('NaN'), ('Infinity'), ('-Infinity')) AS v(t);
SELECT news.minhash_query(news.minhash('a b c'::text), 1.5);
SELECT news.minhash_query(NULL, 0.5) IS NULL AS a, news.minhash_query(news.minhash('x'::text), NULL) IS NULL AS b,
       news.similar(NULL, news.minhash('x'::text), 0.5) IS NULL AS c,
       news.similar(news.minhash('x'::text), news.minhash('x'::text), NULL) IS NULL AS d,
       news.minhash('x'::text) OPERATOR(news.%) NULL::news.minhash_query IS NULL AS e;
-- signatures with other parameters never match, at any threshold
SELECT news.minhash('a b c'::text, 64) OPERATOR(news.%) news.minhash_query(news.minhash('a b c'::text, 128), 0) AS other_k,
       news.similar(news.minhash('a b c'::text, 64, 5), news.minhash('a b c'::text, 64, 4), 0) AS other_shingle,
       news.similar(news.minhash('a b c'::text, 64), news.minhash('a b c'::text, 64), 1) AS same;

-- the operator against the exact computation: a collection of wire copies
-- and edited versions, every ordered pair, at thresholds from 0 to 1, under
-- a session setting that disagrees with every one of them
-- (24 stories of 200 words, each with 7 versions: one word added, then
-- ever longer passages overwritten, for estimates from 1 down to 0.5)
CREATE TABLE mht_docs AS
SELECT b * 10 + c AS id,
       CASE WHEN c = 0 THEN body
            WHEN c = 1 THEN body || ' extra'
            ELSE overlay(body PLACING 'an edited passage' FROM 1 + (b * 37 + c * 101) % length(body) FOR (c - 1) * (c - 1) * 5) END AS body
FROM (SELECT b, string_agg(substr(md5((b * 1000 + w)::text), 1, 2 + w % 6), ' ' ORDER BY w) AS body
      FROM generate_series(1, 24) b, generate_series(1, 200) w GROUP BY b) base,
     generate_series(0, 7) c;
INSERT INTO mht_docs VALUES (1000, ''), (1001, '...');
ALTER TABLE mht_docs ADD COLUMN sig news.minhash;
UPDATE mht_docs SET sig = news.minhash(body);
INSERT INTO mht_docs SELECT id + 2000, body, news.minhash(body, 64) FROM mht_docs WHERE id BETWEEN 10 AND 17;
CREATE TABLE mht_thresholds AS SELECT unnest('{0, 0.5, 0.64, 0.8, 0.9, 0.95, 1}'::float8[]) AS t;
SET news_analytics.minhash_threshold = 0.42;
SELECT t,
       count(*) FILTER (WHERE a.sig OPERATOR(news.%) news.minhash_query(b.sig, t)) AS matches,
       count(*) FILTER (WHERE (a.sig OPERATOR(news.%) news.minhash_query(b.sig, t))
                        IS DISTINCT FROM (news.minhash_k(a.sig) = news.minhash_k(b.sig) AND news.jaccard(a.sig, b.sig) >= t)) AS differ_from_jaccard,
       count(*) FILTER (WHERE news.similar(a.sig, b.sig, t)
                        IS DISTINCT FROM (a.sig OPERATOR(news.%) news.minhash_query(b.sig, t))) AS similar_differs
FROM mht_thresholds, mht_docs a, mht_docs b
GROUP BY t ORDER BY t;
-- the old operator with the setting at t answers the same
CREATE FUNCTION pg_temp.old_pairs(t float8) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('news_analytics.minhash_threshold', t::text, true);
	RETURN (SELECT count(*) FROM mht_docs a, mht_docs b
			WHERE (a.sig OPERATOR(news.%) b.sig) IS DISTINCT FROM (a.sig OPERATOR(news.%) news.minhash_query(b.sig, t)));
END
$$;
SELECT t, pg_temp.old_pairs(t) AS old_operator_differs FROM mht_thresholds ORDER BY t;
SHOW news_analytics.minhash_threshold;

-- the GIN index with the carried threshold: the plan, and index answers
-- equal to table-scan answers in the exact range t > 1 - 42/128, whatever
-- the setting says
CREATE INDEX mht_docs_sig ON mht_docs USING gin (sig news.minhash_ops);
ANALYZE mht_docs;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM mht_docs WHERE sig OPERATOR(news.%) news.minhash_query((SELECT sig FROM mht_docs WHERE id = 10), 0.9);
EXPLAIN (COSTS OFF)
SELECT id FROM mht_docs WHERE news.similar(sig, (SELECT sig FROM mht_docs WHERE id = 10), 0.9);
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM mht_docs a JOIN mht_docs b ON news.similar(a.sig, b.sig, 0.8) AND a.id <> b.id;
SELECT id, round(news.jaccard(sig, (SELECT sig FROM mht_docs WHERE id = 10))::numeric, 3) AS est
FROM mht_docs WHERE news.similar(sig, (SELECT sig FROM mht_docs WHERE id = 10), 0.8) ORDER BY id;
CREATE TABLE mht_answers (scan text, setting float8, t float8, pairs bigint, digest text);
CREATE FUNCTION pg_temp.answers(scan text, setting float8) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t float8;
BEGIN
	PERFORM set_config('news_analytics.minhash_threshold', setting::text, true);
	-- dynamic SQL: each statement is planned under the settings of the moment
	FOR t IN SELECT x FROM unnest('{0.68, 0.8, 0.875, 0.95, 1}'::float8[]) x LOOP
		EXECUTE 'INSERT INTO mht_answers
			SELECT $1, $2, $3, count(*), md5(string_agg(a.id || ''-'' || b.id, '','' ORDER BY a.id, b.id))
			FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) news.minhash_query(b.sig, $3) AND a.id <> b.id'
			USING scan, setting, t;
	END LOOP;
END
$$;
SELECT pg_temp.answers('index', 0.1), pg_temp.answers('index', 0.99);
EXPLAIN (COSTS OFF)
SELECT count(*) FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) news.minhash_query(b.sig, 0.8) AND a.id <> b.id;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) news.minhash_query(b.sig, 0.8) AND a.id <> b.id;
SELECT pg_temp.answers('table', 0.5);
RESET enable_indexscan;
RESET enable_bitmapscan;
SELECT t, count(DISTINCT (pairs, digest)) AS answers, min(pairs) AS pairs,
       string_agg(DISTINCT scan, ', ') AS scans, count(DISTINCT setting) AS settings
FROM mht_answers GROUP BY t ORDER BY t;

-- the same plan serves any threshold: a generic plan of a prepared
-- statement whose query is a parameter, sent as text or built in SQL
SET plan_cache_mode = force_generic_plan;
SET enable_seqscan = off;
PREPARE mht_probe(news.minhash_query) AS SELECT string_agg(id::text, ',' ORDER BY id) FROM mht_docs WHERE sig OPERATOR(news.%) $1;
EXPLAIN (COSTS OFF) EXECUTE mht_probe('0.9 of 1:1:00000000');
SELECT news.minhash_query(sig, 0.9) AS q90, news.minhash_query(sig, 0.7) AS q70 FROM mht_docs WHERE id = 20 \gset
SELECT news.minhash_query(sig, 0.9) AS q_empty FROM mht_docs WHERE id = 1000 \gset
SELECT news.minhash_query(sig, 0.9) AS q_k64 FROM mht_docs WHERE id = 2010 \gset
EXECUTE mht_probe(:'q90');
EXECUTE mht_probe(:'q70');
EXECUTE mht_probe(:'q_empty');
EXECUTE mht_probe(:'q_k64');
DEALLOCATE mht_probe;
-- the same answers from a table scan
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
PREPARE mht_probe(news.minhash_query) AS SELECT string_agg(id::text, ',' ORDER BY id) FROM mht_docs WHERE sig OPERATOR(news.%) $1;
EXPLAIN (COSTS OFF) EXECUTE mht_probe('0.9 of 1:1:00000000');
EXECUTE mht_probe(:'q90');
EXECUTE mht_probe(:'q70');
EXECUTE mht_probe(:'q_empty');
EXECUTE mht_probe(:'q_k64');
DEALLOCATE mht_probe;
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET plan_cache_mode;

-- below the exact range the index returns LSH candidates; the carried
-- threshold looks up the same bands as the setting at that value, so both
-- operators return the same rows through an index of 16 bands of 8 slots
-- (exact above 1 - 16/128 = 0.875)
DROP INDEX mht_docs_sig;
CREATE INDEX mht_docs_sig2 ON mht_docs USING gin (sig news.minhash_ops (bands = 16, rows = 8));
CREATE FUNCTION pg_temp.lsh(t float8) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	old_op bigint;
	new_op bigint;
	table_scan bigint;
	same boolean;
BEGIN
	-- dynamic SQL: each statement is planned under the settings of the moment
	PERFORM set_config('news_analytics.minhash_threshold', t::text, true);
	PERFORM set_config('enable_seqscan', 'off', true);
	PERFORM set_config('enable_bitmapscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'on', true);
	EXECUTE 'CREATE TEMP TABLE o AS SELECT a.id AS x, b.id AS y FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) b.sig';
	EXECUTE 'CREATE TEMP TABLE n AS SELECT a.id AS x, b.id AS y FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) news.minhash_query(b.sig, $1)' USING t;
	PERFORM set_config('news_analytics.minhash_threshold', '0.5', true);
	PERFORM set_config('enable_seqscan', 'on', true);
	PERFORM set_config('enable_bitmapscan', 'off', true);
	PERFORM set_config('enable_indexscan', 'off', true);
	EXECUTE 'SELECT count(*) FROM mht_docs a JOIN mht_docs b ON a.sig OPERATOR(news.%) news.minhash_query(b.sig, $1)' INTO table_scan USING t;
	SELECT count(*) INTO old_op FROM o;
	SELECT count(*) INTO new_op FROM n;
	SELECT NOT EXISTS (SELECT * FROM o EXCEPT SELECT * FROM n) AND NOT EXISTS (SELECT * FROM n EXCEPT SELECT * FROM o) INTO same;
	DROP TABLE o, n;
	PERFORM set_config('enable_bitmapscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'on', true);
	RETURN format('setting: %s, carried: %s, same rows: %s, table scan: %s', old_op, new_op, same, table_scan);
END
$$;
SELECT t, pg_temp.lsh(t) FROM unnest('{0.5, 0.8, 0.9}'::float8[]) AS t;

-- what reads the session setting is STABLE; everything of the query type
-- is IMMUTABLE and PARALLEL SAFE
SELECT p.oid::regprocedure AS function, p.provolatile, p.proparallel
FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace
  AND (p.proname LIKE 'minhash%' OR p.proname IN ('similar', 'query_threshold', 'query_signature'))
ORDER BY p.oid::regprocedure::text;
-- the setting says it is a per-session default
SELECT short_desc, extra_desc FROM pg_settings WHERE name = 'news_analytics.minhash_threshold';
RESET news_analytics.minhash_threshold;

DROP TABLE mht_t, mht_copy, mht_docs, mht_thresholds, mht_answers;
