#!/usr/bin/env bash
# test/bench/tokenize.sh: throughput of news.tokenize next to PostgreSQL's
# to_tsvector('english') and to_tsvector('simple') on the 22,004 non-empty
# Reuters-21578 + BBC News articles, in one run, one backend, parallel query
# off.  Each function runs NA_BENCH_RUNS times (default 5), interleaved; the
# table shows the median MB/s and the ratio against to_tsvector('english').
# Needs ../shared/data.  Usage: bash test/bench/tokenize.sh
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
na_psql -c "CREATE TABLE bench.docs (id int, body text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT id, body FROM bench.articles" -c "VACUUM ANALYZE bench.docs" >/dev/null
read -r ndocs mbytes < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2) FROM bench.docs")
echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies)"

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
	echo "\\timing on"
	for r in $(seq "$runs"); do
		for name in $order; do
			echo "\\echo RUN $name"
			echo "SELECT sum(${exprs[$name]}) FROM bench.docs;"
		done
	done
} >"$sqlfile"
na_psql -f "$sqlfile" >"$NA_TMP/bench.out"
awk -v mb="$mbytes" '
	/^RUN / { name = $2; next }
	/^Time: / { t[name] = t[name] " " $2; next }
	END {
		for (n in t) {
			k = split(substr(t[n], 2), a, " ");
			# median
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x }
			med[n] = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2;
		}
		base = med["to_tsvector_english"];
		printf "%-28s %12s %10s %14s\n", "function", "median ms", "MB/s", "vs english";
		split("news.tokenize news.tokenize_simple to_tsvector_news_english to_tsvector_english to_tsvector_simple length_baseline", order, " ");
		for (i = 1; i <= 6; i++) {
			n = order[i];
			printf "%-28s %12.1f %10.1f %13.2fx\n", n, med[n], mb / (med[n] / 1000), base / med[n];
		}
	}' "$NA_TMP/bench.out"
echo "($runs runs each, interleaved; median; length_baseline = reading and detoasting the bodies only)"
