#!/usr/bin/env bash
# test/bench/neardup.sh: near-duplicate speed, MinHash + LSH next to pg_trgm.
#
# Part 1 (always): the non-empty Reuters-21578 and BBC articles of
# $NA_SHARED/corpora (22,004 documents), one backend, no parallel workers:
#   - computing every news.minhash signature (k = 128, 5-shingles);
#   - finding every pair with estimated Jaccard >= 0.8: GIN index
#     (news.minhash_ops, 42 x 3 and 21 x 6) and a self-join on %;
#   - the same pairs verified with exact shingle Jaccard (candidates at
#     estimate >= 0.7, kept when news.shingle_jaccard >= 0.8);
#   - the same two from an index-free LSH band join (news.lsh_bands 42 x 3
#     unnested and hash-joined);
#   - pg_trgm: GIN gin_trgm_ops index, then % (similarity_threshold 0.8)
#     probed for NA_BENCH_TRGM_PROBES (default 300) sampled articles, with
#     ms per article and the total extrapolated to every article.
#
# Part 2 (NA_BENCH_1M=1): a synthetic corpus of 1,000,000 articles made in
# SQL from the same articles: copy c (0..45) of article a is a itself for
# c = 0, else a with 1 to 3 seeded edits (a span of 0..15 characters at a
# seeded position replaced by one of a few words).  Reports generation,
# signature and index build times, table and index sizes, the median and
# 90th percentile of 100 index lookups of one article's near duplicates at
# estimated Jaccard >= 0.8, and their recall against the article's family
# members whose exact Jaccard is >= 0.8; the same for the pipeline (estimate
# >= 0.7, verified by exact Jaccard >= 0.8).
#
# Runs its own throwaway cluster.  Usage: [NA_BENCH_1M=1] bash test/bench/neardup.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
TRGM_PROBES=${NA_BENCH_TRGM_PROBES:-300}
for f in corpora/reuters21578.jsonl corpora/bbc_fulltext.jsonl; do
	[ -r "$NA_SHARED/$f" ] || { echo "missing $NA_SHARED/$f" >&2; exit 1; }
done

trap na_cluster_stop EXIT
na_build
na_private_install
na_cluster_start UTF8 >/dev/null
cat >>"$NA_DATA/postgresql.conf" <<CONF
maintenance_work_mem = 512MB
work_mem = 64MB
jit = off
max_wal_size = 4GB
CONF
na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -w restart -l "$NA_TMP/server-UTF8.log" >/dev/null

na_psql <<SQL
CREATE EXTENSION news_analytics;
CREATE EXTENSION pg_trgm;
CREATE TABLE raw (j jsonb);
\copy raw(j) FROM '$NA_SHARED/corpora/reuters21578.jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')
\copy raw(j) FROM '$NA_SHARED/corpora/bbc_fulltext.jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')
CREATE TABLE articles AS
	SELECT row_number() OVER (ORDER BY j->>'id')::int AS id, j->>'id' AS name, j->>'body' AS body
	FROM raw WHERE coalesce(j->>'body', '') <> '';
ALTER TABLE articles ADD PRIMARY KEY (id);
VACUUM ANALYZE articles;
CREATE TABLE timings (step int, what text, ms float8, note text);
SQL

# Part 1: each step in its own statement, timed by the server
na_psql <<'SQL'
\set QUIET on
SELECT count(*) AS n, sum(octet_length(body)) AS bytes FROM articles \gset
-- warm the table into shared buffers
SELECT count(*) FROM articles WHERE body LIKE '%zzzz%';

SELECT clock_timestamp() AS t0 \gset
CREATE TABLE sigs AS SELECT id, news.minhash(body) AS sig FROM articles;
INSERT INTO timings SELECT 1, 'signatures (news.minhash, k 128)', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	:n || ' articles, ' || round(:bytes / 1e6, 1) || ' MB';
ANALYZE sigs;

-- index 21 x 6: half the keys, exact above 0.84, LSH at 0.8
SELECT clock_timestamp() AS t0 \gset
CREATE INDEX sigs_gin216 ON sigs USING gin (sig news.minhash_ops (bands = 21, rows = 6));
INSERT INTO timings SELECT 5, 'GIN index build (news.minhash_ops 21 x 6)', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	pg_size_pretty(pg_relation_size('sigs_gin216'));
SET news_analytics.minhash_threshold = 0.8;
SELECT clock_timestamp() AS t0 \gset
CREATE TABLE pairs_est216 AS
	SELECT a.id AS id1, b.id AS id2 FROM sigs a JOIN sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id;
INSERT INTO timings SELECT 6, 'self-join on % (estimate >= 0.8), index 21 x 6', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM pairs_est216) || ' pairs';
DROP INDEX sigs_gin216;

SELECT clock_timestamp() AS t0 \gset
CREATE INDEX sigs_gin ON sigs USING gin (sig news.minhash_ops);
INSERT INTO timings SELECT 2, 'GIN index build (news.minhash_ops 42 x 3)', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	pg_size_pretty(pg_relation_size('sigs_gin'));

SET news_analytics.minhash_threshold = 0.8;
SELECT clock_timestamp() AS t0 \gset
CREATE TABLE pairs_est AS
	SELECT a.id AS id1, b.id AS id2 FROM sigs a JOIN sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id;
INSERT INTO timings SELECT 3, 'self-join on % (estimate >= 0.8), index 42 x 3', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM pairs_est) || ' pairs';

SET news_analytics.minhash_threshold = 0.7;
SELECT clock_timestamp() AS t0 \gset
CREATE TABLE pairs_ver AS
	SELECT a.id AS id1, b.id AS id2
	FROM sigs a JOIN sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id
	JOIN articles aa ON aa.id = a.id JOIN articles bb ON bb.id = b.id
	WHERE news.shingle_jaccard(aa.body, bb.body) >= 0.8;
INSERT INTO timings SELECT 4, 'self-join on % (>= 0.7) + exact verify >= 0.8, index 42 x 3', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM pairs_ver) || ' pairs';

-- no index: band hashes joined by a hash join
SELECT clock_timestamp() AS t0 \gset
CREATE TABLE pairs_band AS
	WITH b AS (SELECT id, unnest(news.lsh_bands(sig, 42, 3)) AS h FROM sigs),
	cand AS (SELECT DISTINCT x.id AS id1, y.id AS id2 FROM b x JOIN b y ON x.h = y.h AND x.id < y.id)
	SELECT c.id1, c.id2 FROM cand c JOIN sigs a ON a.id = c.id1 JOIN sigs b ON b.id = c.id2
	WHERE news.jaccard(a.sig, b.sig) >= 0.8;
INSERT INTO timings SELECT 7, 'no index: lsh_bands(42 x 3) hash join, estimate >= 0.8', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM pairs_band) || ' pairs';
SELECT clock_timestamp() AS t0 \gset
CREATE TABLE pairs_band_ver AS
	WITH b AS (SELECT id, unnest(news.lsh_bands(sig, 42, 3)) AS h FROM sigs),
	cand AS (SELECT DISTINCT x.id AS id1, y.id AS id2 FROM b x JOIN b y ON x.h = y.h AND x.id < y.id)
	SELECT c.id1, c.id2 FROM cand c JOIN sigs a ON a.id = c.id1 JOIN sigs b ON b.id = c.id2
	JOIN articles aa ON aa.id = c.id1 JOIN articles bb ON bb.id = c.id2
	WHERE news.jaccard(a.sig, b.sig) >= 0.7 AND news.shingle_jaccard(aa.body, bb.body) >= 0.8;
INSERT INTO timings SELECT 8, 'no index: lsh_bands(42 x 3) hash join, >= 0.7 + exact verify >= 0.8', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM pairs_band_ver) || ' pairs';

INSERT INTO timings SELECT 10, 'total: signatures + index 42 x 3 + self-join (1, 2, 3)', sum(ms), NULL FROM timings WHERE step IN (1, 2, 3);
INSERT INTO timings SELECT 11, 'total: signatures + index 42 x 3 + self-join + verify (1, 2, 4)', sum(ms), NULL FROM timings WHERE step IN (1, 2, 4);
INSERT INTO timings SELECT 12, 'total: signatures + index 21 x 6 + self-join (1, 5, 6)', sum(ms), NULL FROM timings WHERE step IN (1, 5, 6);
INSERT INTO timings SELECT 13, 'total: signatures + band join, no index (1, 7)', sum(ms), NULL FROM timings WHERE step IN (1, 7);
INSERT INTO timings SELECT 14, 'total: signatures + band join + verify, no index (1, 8)', sum(ms), NULL FROM timings WHERE step IN (1, 8);
SQL

na_psql <<SQL
\\set QUIET on
SELECT count(*) AS n FROM articles \\gset
SELECT clock_timestamp() AS t0 \\gset
CREATE INDEX articles_trgm ON articles USING gin (body gin_trgm_ops);
INSERT INTO timings SELECT 20, 'pg_trgm: GIN gin_trgm_ops index build', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	pg_size_pretty(pg_relation_size('articles_trgm'));
ANALYZE articles;
CREATE TABLE probes AS SELECT id FROM articles ORDER BY md5(id::text) LIMIT $TRGM_PROBES;
SET pg_trgm.similarity_threshold = 0.8;
SELECT clock_timestamp() AS t0 \\gset
CREATE TABLE trgm_pairs AS
	SELECT a.id AS id1, b.id AS id2 FROM probes p JOIN articles a ON a.id = p.id
	JOIN articles b ON a.body % b.body AND a.id <> b.id;
INSERT INTO timings SELECT 21, 'pg_trgm: % probes (similarity >= 0.8)', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM probes) || ' probes, ' || (SELECT count(*) FROM trgm_pairs) || ' matches';
INSERT INTO timings SELECT 22, 'pg_trgm: ms per article probed', ms / (SELECT count(*) FROM probes), NULL FROM timings WHERE step = 21;
INSERT INTO timings SELECT 23, 'pg_trgm: extrapolated total (index + ' || :n || ' probes)',
	(SELECT ms FROM timings WHERE step = 20) + (SELECT ms FROM timings WHERE step = 22) * :n, NULL;
-- the MinHash probes of the same articles, one index lookup each
SET news_analytics.minhash_threshold = 0.8;
SELECT clock_timestamp() AS t0 \\gset
CREATE TABLE mh_probe_pairs AS
	SELECT a.id AS id1, b.id AS id2 FROM probes p JOIN sigs a ON a.id = p.id
	JOIN sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id <> b.id;
INSERT INTO timings SELECT 24, 'MinHash: % probes of the same articles', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM probes) || ' probes, ' || (SELECT count(*) FROM mh_probe_pairs) || ' matches';
INSERT INTO timings SELECT 25, 'MinHash: ms per article probed (index 42 x 3)', ms / (SELECT count(*) FROM probes), NULL FROM timings WHERE step = 24;
SQL

echo "Near-duplicate speed, Reuters-21578 + BBC (one backend, jit off)"
na_psql -P footer=off -c "SELECT step, what, round(ms::numeric, CASE WHEN ms < 10 THEN 3 ELSE 0 END) AS ms, note FROM timings ORDER BY step"
echo
echo "Plan of the all-pairs self-join:"
na_psql -c "SET news_analytics.minhash_threshold = 0.8" -c "EXPLAIN (COSTS OFF) SELECT a.id, b.id FROM sigs a JOIN sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id"

[ "${NA_BENCH_1M:-0}" = 1 ] || exit 0

# Part 2: 1,000,000 synthetic articles
na_psql <<'SQL'
\set QUIET on
CREATE TABLE timings1m (step int, what text, ms float8, note text);
SELECT clock_timestamp() AS t0 \gset
-- copy c of article a: a itself for c = 0; otherwise 1-3 seeded edits
CREATE TABLE bigsrc AS
WITH src AS (
	SELECT a.id AS base, c, a.body, md5(a.id || ':' || c) AS m
	FROM articles a CROSS JOIN generate_series(0, 45) AS c
	WHERE c < 45 OR a.id <= 1000000 - 45 * (SELECT count(*) FROM articles)
), e AS (
	SELECT base, c, body, greatest(length(body), 1) AS len,
		   ('x' || substr(m, 1, 7))::bit(28)::int AS p1, ('x' || substr(m, 8, 1))::bit(4)::int AS l1,
		   ('x' || substr(m, 9, 7))::bit(28)::int AS p2, ('x' || substr(m, 16, 1))::bit(4)::int AS l2,
		   ('x' || substr(m, 17, 7))::bit(28)::int AS p3, ('x' || substr(m, 24, 1))::bit(4)::int AS l3,
		   ('x' || substr(m, 25, 2))::bit(8)::int % 3 + 1 AS nedits
	FROM src
), w AS (SELECT ARRAY[' reportedly ', ' Monday ', ' officials ', ' 2.5 pct ', ' '] AS words)
SELECT row_number() OVER (ORDER BY c, base)::int AS id, base, c,
	CASE WHEN c = 0 THEN body
		 ELSE overlay(overlay(overlay(body
			PLACING words[1 + l1 % 5] FROM 1 + p1 % len FOR l1)
			PLACING CASE WHEN nedits >= 2 THEN words[1 + l2 % 5] ELSE '' END
				FROM 1 + p2 % len FOR CASE WHEN nedits >= 2 THEN l2 ELSE 0 END)
			PLACING CASE WHEN nedits >= 3 THEN words[1 + l3 % 5] ELSE '' END
				FROM 1 + p3 % len FOR CASE WHEN nedits >= 3 THEN l3 ELSE 0 END)
	END AS body
FROM e, w;
INSERT INTO timings1m SELECT 1, 'generate 1M articles in SQL', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	(SELECT count(*) FROM bigsrc) || ' rows, ' || pg_size_pretty(pg_total_relation_size('bigsrc'));

SELECT clock_timestamp() AS t0 \gset
CREATE TABLE big AS SELECT id, base, c, body, news.minhash(body) AS sig FROM bigsrc;
INSERT INTO timings1m SELECT 2, 'signatures for 1M articles (CREATE TABLE AS)', extract(epoch FROM clock_timestamp() - :'t0') * 1000, NULL;
DROP TABLE bigsrc;
SELECT clock_timestamp() AS t0 \gset
ALTER TABLE big ADD PRIMARY KEY (id);
ANALYZE big;
INSERT INTO timings1m SELECT 3, 'primary key, ANALYZE', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	'table ' || pg_size_pretty(pg_table_size('big'));

SELECT clock_timestamp() AS t0 \gset
CREATE INDEX big_sig ON big USING gin (sig news.minhash_ops);
INSERT INTO timings1m SELECT 4, 'GIN index build (news.minhash_ops 42 x 3)', extract(epoch FROM clock_timestamp() - :'t0') * 1000,
	pg_size_pretty(pg_relation_size('big_sig'));

-- 100 probes: base articles spread over the corpus
CREATE TABLE probes1m AS SELECT id FROM big WHERE c = 0 ORDER BY md5(id::text) LIMIT 100;
CREATE TABLE lat (id int, ms float8, found int);
CREATE TABLE latv (id int, ms float8, found int);
-- warm up the index and heap pages the probes touch once
SET news_analytics.minhash_threshold = 0.7;
SELECT count(*) FROM probes1m p, LATERAL (SELECT id FROM big WHERE sig OPERATOR(news.%) (SELECT sig FROM big WHERE id = p.id)) x;
DO $$
DECLARE
	p int;
	t0 timestamptz;
	n int;
BEGIN
	-- estimate only: % at 0.8
	PERFORM set_config('news_analytics.minhash_threshold', '0.8', true);
	FOR p IN SELECT id FROM probes1m ORDER BY id LOOP
		t0 := clock_timestamp();
		SELECT count(*) INTO n FROM big WHERE sig OPERATOR(news.%) (SELECT sig FROM big WHERE id = p);
		INSERT INTO lat VALUES (p, extract(epoch FROM clock_timestamp() - t0) * 1000, n);
	END LOOP;
	-- pipeline: % at 0.7, verified by exact Jaccard >= 0.8
	PERFORM set_config('news_analytics.minhash_threshold', '0.7', true);
	FOR p IN SELECT id FROM probes1m ORDER BY id LOOP
		t0 := clock_timestamp();
		SELECT count(*) INTO n FROM big b, (SELECT sig, body FROM big WHERE id = p) q
		WHERE b.sig OPERATOR(news.%) q.sig AND news.shingle_jaccard(b.body, q.body) >= 0.8;
		INSERT INTO latv VALUES (p, extract(epoch FROM clock_timestamp() - t0) * 1000, n);
	END LOOP;
END $$;
INSERT INTO timings1m SELECT 5, 'lookup: estimate >= 0.8 (median of 100 probes)',
	percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), 'p90 ' || round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 2) || ' ms, max ' || round(max(ms)::numeric, 2) || ' ms, ' || round(avg(found), 1) || ' rows on average' FROM lat;
INSERT INTO timings1m SELECT 6, 'lookup: estimate >= 0.7 + exact verify >= 0.8 (median of 100)',
	percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), 'p90 ' || round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 2) || ' ms, max ' || round(max(ms)::numeric, 2) || ' ms, ' || round(avg(found), 1) || ' rows on average' FROM latv;

-- recall at 1M: the probe's copies (same base article) with exact Jaccard >= 0.8
CREATE TABLE fam AS
	SELECT p.id AS probe, m.id AS member, news.shingle_jaccard(q.body, m.body) AS j
	FROM probes1m p JOIN big q ON q.id = p.id JOIN big m ON m.base = q.base AND m.id <> q.id;
SET news_analytics.minhash_threshold = 0.8;
CREATE TABLE got AS
	SELECT p.id AS probe, b.id AS member FROM probes1m p
	JOIN big q ON q.id = p.id JOIN big b ON b.sig OPERATOR(news.%) q.sig AND b.id <> q.id;
SET news_analytics.minhash_threshold = 0.7;
CREATE TABLE gotv AS
	SELECT p.id AS probe, b.id AS member FROM probes1m p
	JOIN big q ON q.id = p.id JOIN big b ON b.sig OPERATOR(news.%) q.sig AND b.id <> q.id
	WHERE news.shingle_jaccard(q.body, b.body) >= 0.8;
INSERT INTO timings1m SELECT 7, 'recall, estimate >= 0.8: copies with exact Jaccard >= 0.8 found', NULL,
	(SELECT count(*) FROM fam f JOIN got g USING (probe, member) WHERE f.j >= 0.8) || ' of ' ||
	(SELECT count(*) FROM fam WHERE j >= 0.8) || '; ' ||
	(SELECT count(*) FROM got g JOIN fam f USING (probe, member) WHERE f.j < 0.8) || ' copies below 0.8 returned; ' ||
	(SELECT count(*) FROM got g LEFT JOIN fam f USING (probe, member) WHERE f.probe IS NULL) || ' rows outside the copies';
INSERT INTO timings1m SELECT 8, 'recall, + verify: copies with exact Jaccard >= 0.8 found', NULL,
	(SELECT count(*) FROM fam f JOIN gotv g USING (probe, member) WHERE f.j >= 0.8) || ' of ' ||
	(SELECT count(*) FROM fam WHERE j >= 0.8) || '; ' ||
	(SELECT count(*) FROM gotv g LEFT JOIN fam f USING (probe, member) WHERE f.probe IS NULL) || ' rows outside the copies (other articles, verified >= 0.8)';
SQL
echo
echo "1M synthetic articles"
na_psql -P footer=off -c "SELECT step, what, round(ms::numeric, CASE WHEN ms < 100 THEN 2 ELSE 0 END) AS ms, note FROM timings1m ORDER BY step"
echo
echo "Plan of one lookup:"
na_psql -c "SET news_analytics.minhash_threshold = 0.8" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM big WHERE sig OPERATOR(news.%) (SELECT sig FROM big WHERE id = (SELECT min(id) FROM probes1m))"
na_psql -P footer=off -c "SELECT 'table' AS relation, pg_size_pretty(pg_table_size('big')) AS size UNION ALL SELECT 'GIN index', pg_size_pretty(pg_relation_size('big_sig'))"
