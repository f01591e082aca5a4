-- mlt_impact_queries.sql: one timed run of news.mlt_impact_search alone on
-- mlt_s (mlt_scale_build.sql, mlt_keys_build.sql), the loop of
-- mlt_keys_queries.sql: the probes of mlt_exact, k = 10, 50, 100, the probe
-- left out, each call timed inside the server, wall (clock_timestamp) and
-- the backend's CPU time (/proc/self/schedstat), appended to mlt_impact_runs
-- under the label :label with the run number :run.  :cache is the session's
-- news_analytics.mlt_impact_cache for the run (the list cache: 0 is off).
-- Prints the run's p50, p99, mean CPU and overlap@k against mlt_exact.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SELECT set_config('news_analytics.mlt_impact_cache', :'cache', false) AS cache \gset
CREATE TABLE IF NOT EXISTS mlt_impact_runs (label text, run int, probe int8, k int, ms float8, cpu_ms float8, ids int8[]);
SELECT set_config('mlt.run', :'run', false), set_config('mlt.label', :'label', false);
DO $$
DECLARE
	p record;
	kk int;
	t0 timestamptz;
	c0 int8;
	res int8[];
	run int := current_setting('mlt.run')::int;
	label text := current_setting('mlt.label');
BEGIN
	FOR p IN SELECT probe, w FROM mlt_exact ORDER BY probe LOOP
		FOREACH kk IN ARRAY ARRAY[10, 50, 100] LOOP
			c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8;
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.mlt_impact_search('mlt_s', 'id', 'w', 'mlt_s_mlt', p.w, kk + 1) r
				  WHERE r.id <> p.probe LIMIT kk) r;
			INSERT INTO mlt_impact_runs VALUES (label, run, p.probe, kk,
				extract(epoch FROM clock_timestamp() - t0) * 1000,
				(split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::int8 - c0) / 1e6, res);
		END LOOP;
	END LOOP;
END
$$;
\pset footer off
SELECT t.label, :run AS run, t.k,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p99_ms,
	   round(avg(t.cpu_ms)::numeric, 2) AS mean_cpu_ms,
	   round(avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids[1:t.k]))::numeric / t.k), 3) AS overlap_at_k
FROM mlt_impact_runs t JOIN mlt_exact e ON e.probe = t.probe
WHERE t.run = :run AND t.label = :'label'
GROUP BY t.label, t.k ORDER BY t.k;
