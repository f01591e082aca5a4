#!/usr/bin/env bash
# test/bench/tsvector.sh: news.tsvector(body) next to to_tsvector('english',
# body) and to_tsvector('news.english', body) (which builds the same value
# as news.tsvector) on the 22,004 non-empty Reuters-21578 + BBC News
# articles, in one run, one backend, parallel query off.  First it checks
# that news.tsvector equals to_tsvector('news.english') on every article
# (binary form and stored size); then each query runs NA_BENCH_RUNS times
# (default 5), interleaved; the table shows medians of the backend's own
# CPU time (/proc/self/schedstat) and of wall time, MB/s on CPU time, and
# the speed relative to to_tsvector('english') (its CPU time over the
# query's, paired run by run).  Then GIN index builds over the expressions
# and over a stored news.tsvector column (NA_BENCH_GIN_RUNS times, default
# 3, interleaved), and ranked searches (top 10 by ts_rank) over the stored
# column against the expression to_tsvector('english', body), same columns.
# Needs ../shared/data.  Usage: bash test/bench/tsvector.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
runs=${NA_BENCH_RUNS:-5}
gin_runs=${NA_BENCH_GIN_RUNS:-3}
trap na_cluster_stop EXIT
na_deps
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" >/dev/null
na_psql -v reuters="$NA_SHARED/corpora/reuters21578.jsonl" -v bbc="$NA_SHARED/corpora/bbc_fulltext.jsonl" \
	-f test/bench/load_corpora.sql >/dev/null
# bodies stored uncompressed, so every query pays the same small detoasting
# cost and no decompression: INSERT ... SELECT would keep the bodies that
# bench.articles holds compressed as they are, whatever the STORAGE, so each
# is made anew (|| '') and stored EXTERNAL; the count below must be 0
na_psql -c "CREATE TABLE bench.docs (id int, body text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT id, body || '' FROM bench.articles" -c "VACUUM ANALYZE bench.docs" >/dev/null
read -r ndocs mbytes ncompressed < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2),
	count(*) FILTER (WHERE pg_column_compression(body) IS NOT NULL) FROM bench.docs")
echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies), $ncompressed bodies stored compressed"
na_psql -At -c "SELECT 'news.tsvector(body) = to_tsvector(''news.english'', body), binary form and size: '
	|| count(*) FILTER (WHERE tsvectorsend(news.tsvector(body)) = tsvectorsend(to_tsvector('news.english', body))
		AND pg_column_size(news.tsvector(body)) = pg_column_size(to_tsvector('news.english', body)))
	|| ' of ' || count(*) || ' articles' FROM bench.docs"

# timed: cpu_ns wall_ms of one statement, as a row "name run cpu wall"
timed() {
	echo "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS w0 \\gset"
	echo "$3"
	echo "SELECT '$1', $2, split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0,"
	echo "	1000 * extract(epoch FROM clock_timestamp() - :'w0'::timestamptz);"
}

# report ORDER BASELINE [noheader]: medians of the rows in $NA_TMP/bench.out
report() {
	awk -v mb="$mbytes" -v order="$1" -v base="$2" -v noheader="${3:-}" '
	{ cpu[$1, $2] = $3 / 1e6; wall[$1, $2] = $4; if ($2 > runs) runs = $2 }
	function median(a, k,    i, j, x) {
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
		return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END {
		n = split(order, names, " ");
		if (!noheader)
			printf "%-36s %14s %14s %10s %14s %14s\n", "query", "median cpu ms", "median wall ms", "MB/s", "x base (cpu)", "x base (wall)";
		for (i = 1; i <= n; i++) {
			name = names[i];
			for (r = 1; r <= runs; r++) {
				c[r] = cpu[name, r]; w[r] = wall[name, r];
				q[r] = cpu[base, r] / cpu[name, r]; qw[r] = wall[base, r] / wall[name, r]
			}
			mc = median(c, runs); mw = median(w, runs); mq = median(q, runs); mqw = median(qw, runs);
			printf "%-36s %14.1f %14.1f %10.1f %13.2fx %13.2fx\n", name, mc, mw, mb / (mc / 1000), mq, mqw;
		}
	}' "$NA_TMP/bench.out"
}

declare -A exprs=(
	[news.tsvector]="pg_catalog.length(news.tsvector(body))"
	[to_tsvector_news_english]="pg_catalog.length(to_tsvector('news.english', body))"
	[to_tsvector_english]="pg_catalog.length(to_tsvector('english', body))"
	[news.tokenize]="pg_catalog.array_length(news.tokenize(body), 1)"
	[length_baseline]="pg_catalog.length(body)"
)
order="news.tsvector to_tsvector_news_english to_tsvector_english news.tokenize length_baseline"
sqlfile=$NA_TMP/bench.sql
{
	echo "SET max_parallel_workers_per_gather = 0;"
	# warm up the lexer's term cache, the stemmers and the buffers
	echo "SELECT sum(pg_catalog.length(news.tsvector(body))) FROM bench.docs;"
	echo "SELECT sum(pg_catalog.length(to_tsvector('english', body))) FROM bench.docs;"
	for r in $(seq "$runs"); do
		for name in $order; do
			timed "$name" "$r" "SELECT sum(${exprs[$name]}) FROM bench.docs \\gset"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^[a-z_.]+ [0-9]+ ' >"$NA_TMP/bench.out"
echo
echo "== building the tsvector of every article"
report "$order" to_tsvector_english
echo "($runs runs each, interleaved; medians; MB/s on the backend's CPU time; length_baseline = reading the bodies only)"

# GIN index builds: over each expression, and over a stored column
declare -A gin=(
	[gin_news.tsvector]="CREATE INDEX docs_gin ON bench.docs USING gin (news.tsvector(body))"
	[gin_to_tsvector_news_english]="CREATE INDEX docs_gin ON bench.docs USING gin (to_tsvector('news.english', body))"
	[gin_to_tsvector_english]="CREATE INDEX docs_gin ON bench.docs USING gin (to_tsvector('english', body))"
	[gin_stored_column]="CREATE INDEX docs_gin ON bench.docs USING gin (tsv)"
)
gin_order="gin_news.tsvector gin_to_tsvector_news_english gin_to_tsvector_english gin_stored_column"
na_psql -c "ALTER TABLE bench.docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (news.tsvector(body)) STORED" \
	-c "VACUUM ANALYZE bench.docs" >/dev/null
{
	echo "SET max_parallel_maintenance_workers = 0;"
	echo "SET maintenance_work_mem = '256MB';"
	for r in $(seq "$gin_runs"); do
		for name in $gin_order; do
			timed "$name" "$r" "${gin[$name]};"
			echo "DROP INDEX bench.docs_gin;"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^[a-z_.]+ [0-9]+ ' >"$NA_TMP/bench.out"
echo
echo "== GIN index builds (maintenance_work_mem 256MB, no parallel workers)"
report "$gin_order" gin_to_tsvector_english
echo "($gin_runs runs each, interleaved; medians; gin_stored_column: news.tsvector(body) in a generated column)"

# a ranked query over the stored column against the same over to_tsvector('english')
na_psql -c "CREATE INDEX docs_tsv ON bench.docs USING gin (tsv)" \
	-c "CREATE INDEX docs_en ON bench.docs USING gin (to_tsvector('english', body))" -c "ANALYZE bench.docs" >/dev/null
{
	echo "SET max_parallel_workers_per_gather = 0;"
	for r in $(seq "$runs"); do
		for q in "oil prices" "central bank interest rates" "football match"; do
			k=${q// /_}
			timed "rank_stored_news_$k" "$r" "SELECT count(*) FROM (SELECT id FROM bench.docs WHERE tsv @@ plainto_tsquery('news.english', '$q') ORDER BY ts_rank(tsv, plainto_tsquery('news.english', '$q')) DESC LIMIT 10) s \\gset"
			timed "rank_expr_english_$k" "$r" "SELECT count(*) FROM (SELECT id FROM bench.docs WHERE to_tsvector('english', body) @@ plainto_tsquery('english', '$q') ORDER BY ts_rank(to_tsvector('english', body), plainto_tsquery('english', '$q')) DESC LIMIT 10) s \\gset"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^[a-z_.]+ [0-9]+ ' >"$NA_TMP/bench.out"
echo
echo "== ranked search, top 10 by ts_rank (GIN index on each)"
first=
for q in oil_prices central_bank_interest_rates football_match; do
	report "rank_stored_news_$q rank_expr_english_$q" "rank_expr_english_$q" $first
	first=noheader
done
echo "($runs runs each; rank_stored_news: the stored news.tsvector column; rank_expr_english: the index expression to_tsvector('english', body), recomputed for ranking)"
