# test/bench/text_function.sh: shared by test/bench/keywords.sh and
# summary.sh (sourced, not run).  bench_text_function TITLE NAME=QUERY ...
# (NAME without spaces; the queries are printed under the table)
# times each query over the 22,004 non-empty Reuters-21578 + BBC News
# bodies (bench.docs), one backend, parallel query off, in turn (A B C A B
# C ...) NA_BENCH_RUNS times (default 5), by the backend's own CPU time
# (/proc/self/schedstat, steady on a shared machine where wall time is
# not) and by wall time, and prints medians, MB/s of body text and the
# median of the paired CPU ratios against the first query.
#
#   NA_BENCH_RUNNING=1   use the running server (PGHOST, PGPORT, NA_PGBIN)

bench_text_function() {
	local title=$1
	shift
	local runs=${NA_BENCH_RUNS:-5}
	local names=() queries=() arg
	for arg in "$@"; do
		names+=("${arg%%=*}")
		queries+=("${arg#*=}")
	done
	[ -d "$NA_SHARED/corpora" ] || NA_SHARED=/work/shared/data
	if [ -z "${NA_BENCH_RUNNING:-}" ]; then
		trap na_cluster_stop EXIT
		na_deps
		na_build
		na_private_install
		na_cluster_start UTF8
	fi
	na_tmp
	na_psql -c "CREATE EXTENSION IF NOT EXISTS news_analytics" >/dev/null 2>&1
	na_psql -v reuters="$NA_SHARED/corpora/reuters21578.jsonl" -v bbc="$NA_SHARED/corpora/bbc_fulltext.jsonl" \
		-f test/bench/load_corpora.sql >/dev/null 2>&1
	# bodies stored uncompressed: every query pays the same small detoasting cost
	na_psql -c "CREATE TABLE bench.docs (id int, body text)" \
		-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
		-c "INSERT INTO bench.docs SELECT id, body || '' FROM bench.articles" -c "VACUUM ANALYZE bench.docs" >/dev/null
	local ndocs mbytes
	read -r ndocs mbytes < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2) FROM bench.docs")
	echo "$title"
	echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies); $runs runs each, interleaved"
	local sqlfile=$NA_TMP/text_function_bench.sql i r
	{
		echo "SET max_parallel_workers_per_gather = 0;"
		for i in "${!names[@]}"; do echo "${queries[$i]} \\g /dev/null"; done	# warm up
		for r in $(seq "$runs"); do
			for i in "${!names[@]}"; do
				echo "SELECT pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0,
					pg_catalog.clock_timestamp() AS w0 \\gset"
				echo "${queries[$i]} \\g /dev/null"
				echo "SELECT 'RUN', '${names[$i]}', $r, (pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e6,
					extract(epoch FROM pg_catalog.clock_timestamp() - :'w0') * 1e3;"
			done
		done
	} >"$sqlfile"
	na_psql -At -F ' ' -f "$sqlfile" | grep '^RUN ' >"$NA_TMP/text_function_bench.out"
	awk -v mb="$mbytes" -v runs="$runs" -v order="${names[*]}" '
		function median(arr, n,    i, j, x) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] < arr[i]) { x = arr[i]; arr[i] = arr[j]; arr[j] = x }
			return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
		}
		{ cpu[$2, $3] = $4; wall[$2, $3] = $5 }
		END {
			k = split(order, names, " ")
			printf "%-34s %10s %10s %12s %12s %14s\n", "query", "CPU ms", "wall ms", "MB/s (CPU)", "MB/s (wall)", "CPU vs first"
			for (q = 1; q <= k; q++) {
				n = names[q]
				for (r = 1; r <= runs; r++) { c[r] = cpu[n, r]; w[r] = wall[n, r]; p[r] = cpu[n, r] / cpu[names[1], r] }
				mc = median(c, runs); mw = median(w, runs); mp = median(p, runs)
				printf "%-34s %10.0f %10.0f %12.1f %12.1f %13.2fx\n", n, mc, mw, mb / (mc / 1000), mb / (mw / 1000), mp
			}
		}' "$NA_TMP/text_function_bench.out"
	for i in "${!names[@]}"; do printf '  %-20s %s\n' "${names[$i]}" "${queries[$i]}"; done
}
