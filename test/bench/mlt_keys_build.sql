-- mlt_keys_build.sql: what news.mlt_search needs on mlt_s (built by
-- mlt_scale_build.sql): the GIN index on news.mlt_keys(w) and the
-- statistics of the keys, mlt_s_keys(c), stored uncompressed; the
-- impact-ordered postings of news.mlt_impact_search, mlt_s_mlt (build CPU
-- time and size printed); then the
-- ground truth, the exact top 100 of every probe (every (n / nprobes)-th
-- id) by a full scan, timed per probe: the exact-scan baseline.
\set ON_ERROR_STOP 1
SELECT set_config('mlt.n', :'n', false) AS mlt_n, set_config('mlt.nprobes', :'nprobes', false) AS mlt_nprobes \gset
DROP TABLE IF EXISTS mlt_s_keys, mlt_exact;
\timing on
CREATE INDEX mlt_s_keys_idx ON mlt_s USING gin (news.mlt_keys(w));
CREATE TABLE mlt_s_keys (c news.corpus);
ALTER TABLE mlt_s_keys ALTER COLUMN c SET STORAGE EXTERNAL;
INSERT INTO mlt_s_keys SELECT news.corpus_stats(news.mlt_keys(w)) FROM mlt_s;
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 AS impact_c0 \gset
SELECT news.mlt_impact_build('mlt_s', 'id', 'w') AS postings;
SELECT round((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - :impact_c0) / 1e9, 1) AS impact_build_cpu_s;
\timing off
VACUUM ANALYZE mlt_s;
SELECT pg_size_pretty(pg_relation_size('mlt_s_keys_idx')) AS keys_index_size,
	   pg_size_pretty(pg_relation_size('mlt_s_w')) AS full_index_size,
	   pg_size_pretty(pg_total_relation_size('mlt_s_keys')) AS keys_stats_size,
	   pg_size_pretty(pg_total_relation_size('mlt_s_mlt')) AS impact_postings_size
FROM mlt_s_keys;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE mlt_exact (probe int8 PRIMARY KEY, w news.termvec, ids int8[], ms float8, cpu_ms float8);
DO $$
DECLARE
	p record;
	t0 timestamptz;
	c0 int8;
	res int8[];
BEGIN
	FOR p IN SELECT id, w FROM mlt_s WHERE id % (current_setting('mlt.n')::int8 / current_setting('mlt.nprobes')::int8) = 0
			 ORDER BY id LIMIT current_setting('mlt.nprobes')::int8 LOOP
		c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
		t0 := clock_timestamp();
		SELECT array_agg(id ORDER BY d, id) INTO res
		FROM (SELECT id, w OPERATOR(news.<=>) p.w AS d FROM mlt_s WHERE id <> p.id
			  ORDER BY w OPERATOR(news.<=>) p.w, id LIMIT 100) s;
		INSERT INTO mlt_exact VALUES (p.id, p.w, res, extract(epoch FROM clock_timestamp() - t0) * 1000,
			(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6);
	END LOOP;
END
$$;
SELECT count(*) AS probes, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS exact_scan_p50_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu_ms)::numeric, 1) AS exact_scan_p50_cpu_ms
FROM mlt_exact;
