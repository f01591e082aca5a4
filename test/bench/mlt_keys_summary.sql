-- mlt_keys_summary.sql: the medians over the runs of mlt_runs
-- (mlt_keys_queries.sql) of each run's p50, p99, mean CPU time and
-- overlap@k.
\set ON_ERROR_STOP 1
\pset footer off
SELECT :n AS articles, (SELECT count(DISTINCT run) FROM mlt_runs) AS runs, x.method, x.k,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.p50)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.p99)::numeric, 2) AS p99_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.cpu)::numeric, 2) AS mean_cpu_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ov)::numeric, 3) AS overlap_at_k
FROM (SELECT t.run, t.method, t.k,
			 percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS p50,
			 percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms) AS p99,
			 avg(t.cpu_ms) AS cpu,
			 avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids[1:t.k]))::float8 / t.k) AS ov
	  FROM mlt_runs t JOIN mlt_exact e ON e.probe = t.probe
	  GROUP BY t.run, t.method, t.k) x
GROUP BY x.method, x.k ORDER BY x.method, x.k;
SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS exact_scan_p50_ms,
	   round(avg(cpu_ms)::numeric, 1) AS exact_scan_mean_cpu_ms
FROM mlt_exact;
