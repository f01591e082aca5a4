#!/usr/bin/env bash
# test/bench/mlt_impact_time.sh: the latency of news.mlt_impact_search
# alone, against the server of the current PG* environment, which must hold
# the tables of test/bench/mlt_keys.sh (mlt_s, mlt_s_mlt, mlt_exact; built
# by mlt_scale_build.sql and mlt_keys_build.sql, or kept by an earlier run):
# the tables are prewarmed (pg_prewarm), then NA_MLT_RUNS runs of
# mlt_impact_queries.sql (100 probes, k = 10, 50, 100, wall and backend CPU
# per call), each run a new session, and the medians over the runs of each
# run's p50 and p99, the mean CPU time and overlap@k.  NA_MLT_CACHES lists
# the values of news_analytics.mlt_impact_cache to time, interleaved run by
# run (A B A B), for instance "64MB 0" for the list cache against none.
# Prints the load average before and after.
#
#   NA_MLT_RUNS=3            timed runs per setting
#   NA_MLT_CACHES="64MB"     values of news_analytics.mlt_impact_cache
set -eu
cd "$(dirname "$0")/../.."
runs=${NA_MLT_RUNS:-3}
caches=${NA_MLT_CACHES:-64MB}
psql_() { "${NA_PGBIN:+$NA_PGBIN/}psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
echo "== $(date -u +%H:%M:%S) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_ -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
	-c "SELECT sum(pg_prewarm(c.oid)) AS pages_prewarmed FROM pg_class c
		WHERE c.oid IN ('mlt_s'::regclass, 'mlt_s_pkey'::regclass, 'mlt_s_mlt'::regclass,
						'mlt_s_mlt_pkey'::regclass, (SELECT reltoastrelid FROM pg_class WHERE oid = 'mlt_s_mlt'::regclass))
		   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'mlt_s_mlt'::regclass))"
psql_ -c "DROP TABLE IF EXISTS mlt_impact_runs"
for r in $(seq 1 "$runs"); do
	for c in $caches; do
		psql_ -v run="$r" -v label="cache $c" -v cache="$c" -f test/bench/mlt_impact_queries.sql
	done
done
echo "== $(date -u +%H:%M:%S) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_ -c "\\pset footer off" -c "
SELECT x.label, count(DISTINCT x.run) AS runs, x.k,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.p50)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.p99)::numeric, 2) AS p99_ms,
	   round(avg(x.cpu)::numeric, 2) AS mean_cpu_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ov)::numeric, 3) AS overlap_at_k
FROM (SELECT t.label, t.run, t.k,
			 percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS p50,
			 percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms) AS p99,
			 avg(t.cpu_ms) AS cpu,
			 avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids[1:t.k]))::float8 / t.k) AS ov
	  FROM mlt_impact_runs t JOIN mlt_exact e ON e.probe = t.probe
	  GROUP BY t.label, t.run, t.k) x
GROUP BY x.label, x.k ORDER BY x.label, x.k"
