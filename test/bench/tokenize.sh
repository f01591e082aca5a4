#!/usr/bin/env bash
# test/bench/tokenize.sh: throughput of news.tokenize next to PostgreSQL's
# to_tsvector('english') and to_tsvector('simple') on the 22,004 non-empty
# Reuters-21578 + BBC News articles, in one run, one backend, parallel query
# off.  Each function runs NA_BENCH_RUNS times (default 5), interleaved; the
# table shows medians of the backend's own CPU time (/proc/self/schedstat,
# which a machine busy with other jobs disturbs little) and of wall time,
# MB/s on CPU time, and the speed relative to to_tsvector('english') (its
# time over the function's, paired run by run, median), on CPU and on wall
# time.  Needs ../shared/data.  Usage: bash test/bench/tokenize.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
runs=${NA_BENCH_RUNS:-5}
trap na_cluster_stop EXIT
na_deps
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" >/dev/null
na_psql -v reuters="$NA_SHARED/corpora/reuters21578.jsonl" -v bbc="$NA_SHARED/corpora/bbc_fulltext.jsonl" \
	-f test/bench/load_corpora.sql >/dev/null
# bodies are stored uncompressed, so every function pays the same (small) detoasting cost
# (body || '' makes a new value: INSERT ... SELECT would keep the compressed values of
# bench.articles as they are, whatever the storage setting)
na_psql -c "CREATE TABLE bench.docs (id int, body text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT id, body || '' FROM bench.articles" -c "VACUUM ANALYZE bench.docs" >/dev/null
read -r ndocs mbytes ncomp < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2),
	count(*) FILTER (WHERE pg_catalog.pg_column_compression(body) IS NOT NULL) FROM bench.docs")
echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies; $ncomp stored compressed)"
[ "$ncomp" = 0 ] || { echo "tokenize.sh: bench.docs holds compressed bodies" >&2; exit 1; }

declare -A exprs=(
	[news.tokenize]="pg_catalog.array_length(news.tokenize(body), 1)"
	[news.tokenize_simple]="pg_catalog.array_length(news.tokenize(body, 'simple'), 1)"
	[to_tsvector_english]="pg_catalog.length(to_tsvector('english', body))"
	[to_tsvector_simple]="pg_catalog.length(to_tsvector('simple', body))"
	[to_tsvector_news_english]="pg_catalog.length(to_tsvector('news.english', body))"
	[length_baseline]="pg_catalog.length(body)"
)
order="news.tokenize news.tokenize_simple to_tsvector_english to_tsvector_simple to_tsvector_news_english length_baseline"
sqlfile=$NA_TMP/bench.sql
{
	echo "SET max_parallel_workers_per_gather = 0;"
	echo "SELECT count(news.tokenize(body)) FROM bench.docs;"	# warm the caches
	echo "SELECT count(to_tsvector('english', body)) FROM bench.docs;"
	for r in $(seq "$runs"); do
		for name in $order; do
			# a row "name run cpu_ns wall_ms"
			echo "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS w0 \\gset"
			echo "SELECT sum(${exprs[$name]}) FROM bench.docs \\gset"
			echo "SELECT '$name', $r, split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0,"
			echo "	1000 * extract(epoch FROM clock_timestamp() - :'w0'::timestamptz);"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^[a-z_.]+ [0-9]+ ' >"$NA_TMP/bench.out"
awk -v mb="$mbytes" '
	{ cpu[$1, $2] = $3 / 1e6; wall[$1, $2] = $4; if ($2 > runs) runs = $2 }
	function median(a, k,    i, j, x) {
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
		return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END {
		base = "to_tsvector_english";
		printf "%-28s %14s %14s %10s %16s %14s\n", "function", "median cpu ms", "median wall ms", "MB/s", "vs english (cpu)", "(wall)";
		n = split("news.tokenize news.tokenize_simple to_tsvector_news_english to_tsvector_english to_tsvector_simple length_baseline", names, " ");
		for (i = 1; i <= n; i++) {
			name = names[i];
			for (r = 1; r <= runs; r++) {
				c[r] = cpu[name, r]; w[r] = wall[name, r];
				q[r] = cpu[base, r] / cpu[name, r]; qw[r] = wall[base, r] / wall[name, r]
			}
			mc = median(c, runs);
			printf "%-28s %14.1f %14.1f %10.1f %15.2fx %13.2fx\n", name, mc, median(w, runs), mb / (mc / 1000), median(q, runs), median(qw, runs);
		}
	}' "$NA_TMP/bench.out"
echo "($runs runs each, interleaved; medians; MB/s on the backend's CPU time; length_baseline = reading and detoasting the bodies only)"
