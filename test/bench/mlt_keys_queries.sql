-- mlt_keys_queries.sql: one timed run of "more like this" on mlt_s for the
-- probes of mlt_exact (mlt_keys_build.sql) and k = 10, 50, 100: the 0.1.0
-- query (news.more_like_this(tbl, id, w, probe, k): 20 terms, 2 shared),
-- the adaptive query of the full index (news.more_like_this with the
-- corpus, default budget), news.mlt_search on the key index (default
-- budget) and news.mlt_impact_search on the impact-ordered postings
-- (defaults), methods and probes interleaved.  Each call is timed inside the
-- server, wall (clock_timestamp) and the backend's CPU time
-- (/proc/self/schedstat), and appended to mlt_runs with the run number
-- :run; overlap@k against mlt_exact, the probe left out of both.  The CPU
-- time is shown as a mean: this kernel accounts it in 4 ms ticks, so a
-- single short call reads 0 or 4 ms, but the mean over 100 calls is right.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
CREATE TABLE IF NOT EXISTS mlt_runs (run int, probe int8, method text, k int, ms float8, cpu_ms float8, ids int8[]);
SELECT set_config('mlt.run', :'run', false);
DO $$
DECLARE
	p record;
	kk int;
	t0 timestamptz;
	c0 int8;
	res int8[];
	run int := current_setting('mlt.run')::int;
BEGIN
	FOR p IN SELECT probe, w FROM mlt_exact ORDER BY probe LOOP
		FOREACH kk IN ARRAY ARRAY[10, 50, 100] LOOP
			c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.more_like_this('mlt_s', 'id', 'w', p.w, kk + 1) r
				  WHERE r.id <> p.probe LIMIT kk) r;
			INSERT INTO mlt_runs VALUES (run, p.probe, '0.1.0: more_like_this, 20 terms, 2 shared', kk,
				extract(epoch FROM clock_timestamp() - t0) * 1000,
				(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6, res);
			c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.more_like_this('mlt_s', 'id', 'w', p.w, (SELECT c_pruned FROM mlt_s_stats), kk + 1) r
				  WHERE r.id <> p.probe LIMIT kk) r;
			INSERT INTO mlt_runs VALUES (run, p.probe, 'adaptive, full index (main)', kk,
				extract(epoch FROM clock_timestamp() - t0) * 1000,
				(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6, res);
			c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.mlt_search('mlt_s', 'id', 'w', p.w, (SELECT c FROM mlt_s_keys), kk + 1) r
				  WHERE r.id <> p.probe LIMIT kk) r;
			INSERT INTO mlt_runs VALUES (run, p.probe, 'mlt_search, key index', kk,
				extract(epoch FROM clock_timestamp() - t0) * 1000,
				(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6, res);
			c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.mlt_impact_search('mlt_s', 'id', 'w', 'mlt_s_mlt', p.w, kk + 1) r
				  WHERE r.id <> p.probe LIMIT kk) r;
			INSERT INTO mlt_runs VALUES (run, p.probe, 'mlt_impact_search, impact postings', kk,
				extract(epoch FROM clock_timestamp() - t0) * 1000,
				(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6, res);
		END LOOP;
	END LOOP;
END
$$;
\pset footer off
SELECT :run AS run, t.method, t.k,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p99_ms,
	   round(avg(t.cpu_ms)::numeric, 2) AS mean_cpu_ms,
	   round(avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids[1:t.k]))::numeric / t.k), 3) AS overlap_at_k
FROM mlt_runs t JOIN mlt_exact e ON e.probe = t.probe
WHERE t.run = :run
GROUP BY t.method, t.k ORDER BY t.method, t.k;
