#!/usr/bin/env bash
# test/bench/gazetteer_scale.sh: what one backend pays to compile the
# gazetteer at growing sizes: the default rows plus synthetic ones (single
# and multi-token aliases of realistic length, types in rotation).  For each
# size a fresh session runs news.entities once (compiling) and again
# (cached); the table shows the backend CPU time and wall time of the first
# call minus the second (the median of NA_BENCH_RUNS sessions), the size of
# the compiled copy kept by the session (its memory context) and the
# session's peak resident memory growth (VmHWM, which also counts the shared
# buffers it touched).  Not a timed test.
#
#   NA_BENCH_SIZES="7000 100000 ..."   total rows to measure (default below)
#   NA_BENCH_RUNS=N                    sessions per size (default 3)
#
# Uses the cluster of the environment (PGHOST, PGPORT, NA_PGBIN) when set,
# otherwise builds and starts a throwaway one.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
SIZES=${NA_BENCH_SIZES:-"7000 50000 100000 200000 250000 500000 1000000"}
RUNS=${NA_BENCH_RUNS:-3}

if [ -z "${NA_PGBIN:-}" ] || [ -z "${PGPORT:-}" ]; then
	trap na_cluster_stop EXIT
	na_build
	na_private_install
	na_cluster_start UTF8
fi
DB=na_gazetteer_scale
na_psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
q() { na_psql -d $DB -At "$@"; }
q -c "CREATE EXTENSION news_analytics"
base=$(q -c "SELECT count(*) FROM news.gazetteer")
# the loader may refuse sizes above its limit: measure with the limit
# trigger out of the way, report the loader's refusal as such
q -c "ALTER TABLE news.gazetteer DISABLE TRIGGER USER"

DOC="Zor1 met Zor2 Corp in Lake Zor5 East. President Donald Trump met Sergei Ivanov of Gazprom in Kiev."
# one session: compile (first call) and cached call, then the memory figures
session() {
	q -F ' ' <<SQL
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, extract(epoch FROM clock_timestamp()) AS w0 \gset
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s*(\d+)'))[1]::bigint AS h0 \gset
SELECT count(*) FROM news.entities('$DOC') \gset
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c1, extract(epoch FROM clock_timestamp()) AS w1 \gset
SELECT count(*) FROM news.entities('$DOC') \gset
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c2, extract(epoch FROM clock_timestamp()) AS w2 \gset
SELECT (:c1 - :c0 - (:c2 - :c1)) / 1e6,
	1000 * (:w1 - :w0 - (:w2 - :w1)),
	(SELECT sum(total_bytes) FROM pg_backend_memory_contexts WHERE name = 'news_analytics gazetteer'),
	(regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s*(\d+)'))[1]::bigint - :h0;
SQL
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

printf '%10s %12s %12s %14s %14s\n' rows "cpu ms" "wall ms" "kept MB" "peak RSS +MB"
have=$base
for size in $SIZES; do
	if [ "$size" -gt "$have" ]; then
		q -c "INSERT INTO news.gazetteer (alias, canonical, type)
			SELECT a, a, (ARRAY['PERSON', 'ORG', 'LOC', 'MISC'])[1 + i % 4]
			FROM generate_series($have + 1, $size) i,
				LATERAL (SELECT CASE i % 3 WHEN 0 THEN 'Zor' || i WHEN 1 THEN 'Zor' || i || ' Corp'
					ELSE 'Lake Zor' || i || ' East' END AS a) s" -c "VACUUM ANALYZE news.gazetteer"
		have=$size
	fi
	out=$(for _ in $(seq "$RUNS"); do session 2>&1 | grep -E '^(ERROR|[0-9. -]+$)' | tail -1; done)
	if echo "$out" | grep -q ERROR; then
		printf '%10s  %s\n' "$size" "$(echo "$out" | grep -m1 ERROR)"
		continue
	fi
	cpu=$(echo "$out" | awk '{print $1}' | median)
	wall=$(echo "$out" | awk '{print $2}' | median)
	kept=$(echo "$out" | awk '{print $3}' | median)
	peak=$(echo "$out" | awk '{print $4}' | median)
	printf '%10s %12.0f %12.0f %14.1f %14.1f\n' "$size" "$cpu" "$wall" \
		"$(awk "BEGIN {print $kept / 1048576}")" "$(awk "BEGIN {print $peak / 1024}")"
done
na_psql -d postgres -c "DROP DATABASE $DB"
