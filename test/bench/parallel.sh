#!/usr/bin/env bash
# test/bench/parallel.sh: parallel query over the per-article functions at
# archive scale (issue 12, item 5).  For each size, the first n articles of
# the corpus of test/bench/mlt_gen.sql (distinct synthetic articles made
# from the shared corpora), and for news.entities and news.analyze: the same
# query with max_parallel_workers_per_gather 0 (one backend) and 2 (the
# leader and two workers), NA_PAR_RUNS times interleaved, wall time (what
# parallel query buys; the backend's CPU time says nothing about workers).
# Prints the medians, the median of the paired speedups and checks that
# both plans give the same rows (a count and a checksum).  Parallel costs are
# the defaults: the plans are PostgreSQL's own choice (the EXPLAIN of each
# parallel query is printed; a plan without a Gather is reported).
# Builds, installs into a private tree and runs its own throwaway cluster
# under /tmp, under nice; NA_PAR_REUSE=1 runs against the server of the
# current PG* environment instead, which must hold gen_raw (or gen_articles).
# On the 2-core development machine the ceiling is 2x (the leader and two
# workers share two cores); run it on an otherwise idle machine.
#
#   NA_PAR_SIZES="22000 100000 1000000"   corpus sizes
#   NA_PAR_RUNS=3                         timed runs per size and setting
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
sizes=${NA_PAR_SIZES:-22000 100000 1000000}
runs=${NA_PAR_RUNS:-3}
max=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)
psql_() { "${NA_PGBIN:-$NA_PGBIN_SYS}/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
if [ "${NA_PAR_REUSE:-}" != 1 ]; then
	trap na_cluster_stop EXIT
	na_gen_cluster "shared_buffers = 2GB
work_mem = 64MB
max_wal_size = 8GB
max_worker_processes = 8
max_parallel_workers = 8"
fi
if [ "$(psql_ -Atc "SELECT to_regclass('gen_articles') IS NOT NULL")" != t ] ||
	[ "$(psql_ -Atc "SELECT max(id) >= $max FROM gen_articles")" != t ]; then
	echo "== generating $max articles"
	psql_ -c "DROP TABLE IF EXISTS gen_articles, gen_sent, gen_grp; DROP FUNCTION IF EXISTS gen_name, gen_skewed" >/dev/null
	psql_ -v n="$max" -f test/bench/mlt_gen.sql
fi

# the two queries: a count and a checksum of what they return
declare -A query=(
	[entities]="SELECT count(*), sum(hashtext(e.entity || e.type || e.start)) FROM par_docs d, news.entities(d.body) e"
	[analyze]="SELECT count(*), sum(hashtext(news.analyze(d.body, '2024-01-01 00:00+00')::text)) FROM par_docs d"
)
for n in $sizes; do
	echo
	echo "== $n articles"
	psql_ -c "DROP TABLE IF EXISTS par_docs" -c "CREATE TABLE par_docs AS SELECT id, body FROM gen_articles WHERE id <= $n" \
		-c "VACUUM ANALYZE par_docs"
	psql_ -Atc "SELECT count(*) || ' articles, ' || round(sum(octet_length(body)) / 1e6, 1) || ' MB, ' ||
		pg_size_pretty(pg_table_size('par_docs')) || ' on disk' FROM par_docs"
	out=$NA_TMP/parallel_$n.out
	: >"$out"
	for f in entities analyze; do
		psql_ -c "SET max_parallel_workers_per_gather = 2" -c "EXPLAIN (COSTS OFF) ${query[$f]}" | sed 's/^/   /'
	done
	for r in $(seq 1 "$runs"); do
		for f in entities analyze; do
			for w in 0 2; do
				psql_ -At -F ' ' <<SQL | paste -sd ' ' >>"$out"
SET max_parallel_workers_per_gather = $w;
SET jit = off;
SELECT pg_catalog.clock_timestamp() AS w0 \gset
${query[$f]};
SELECT 'RUN', '$f', $w, $r, round(extract(epoch FROM pg_catalog.clock_timestamp() - :'w0') * 1e3);
SQL
			done
		done
	done
	awk -v runs="$runs" '
		function median(arr, n,    i, j, x) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] < arr[i]) { x = arr[i]; arr[i] = arr[j]; arr[j] = x }
			return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
		}
		# line: count checksum RUN f w r ms
		{ ms[$4, $5, $6] = $7; res[$4, $5] = res[$4, $5] " " $1 ":" $2 }
		END {
			printf "   %-10s %14s %14s %10s %s\n", "function", "one backend ms", "2 workers ms", "speedup", "same rows"
			split("entities analyze", fs, " ")
			for (k = 1; k <= 2; k++) {
				f = fs[k]
				for (r = 1; r <= runs; r++) { a[r] = ms[f, 0, r]; b[r] = ms[f, 2, r]; p[r] = ms[f, 0, r] / ms[f, 2, r] }
				printf "   %-10s %14.0f %14.0f %9.2fx %s\n", f, median(a, runs), median(b, runs), median(p, runs),
					(res[f, 0] == res[f, 2]) ? "yes" : "NO"
			}
		}' "$out"
done
