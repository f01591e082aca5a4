#!/usr/bin/env bash
# test/bench/sentiment.sh: throughput of news.sentiment in SQL on one core
# over the non-empty Reuters-21578 + BBC News bodies, next to PostgreSQL's
# to_tsvector('english') and a plain scan of the bodies, measured in the
# same run.  Three forms: the document's tone (no target), the sentiment
# toward a person named in the article (its first PERSON, else its first
# ORG, found once before timing), and news.entity_sentiment (which also
# extracts the entities; no speed target).  Each query runs NA_BENCH_RUNS
# times (default 5), interleaved; the table shows medians of the backend's
# own CPU time (/proc/self/schedstat) and of wall time, MB/s on CPU time,
# and the speed relative to to_tsvector('english') (its CPU time over the
# query's, paired run by run).
# Needs ../shared/data.  Usage: bash test/bench/sentiment.sh
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
# bodies stored uncompressed, so every query pays the same small detoasting cost
na_psql -c "CREATE TABLE bench.docs (id int, body text, target text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT a.id, a.body || '',
		coalesce((SELECT e.entity FROM news.entities(a.body) e WHERE e.type = 'PERSON' ORDER BY e.start LIMIT 1),
			(SELECT e.entity FROM news.entities(a.body) e WHERE e.type = 'ORG' ORDER BY e.start LIMIT 1), 'Reuters')
		FROM bench.articles a" -c "VACUUM ANALYZE bench.docs" >/dev/null
read -r ndocs mbytes < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2) FROM bench.docs")
echo "corpus: $ndocs articles, $mbytes MB (Reuters-21578 + BBC News, non-empty bodies)"

declare -A exprs=(
	[sentiment_tone]="(SELECT s.score FROM news.sentiment(body) s)"
	[sentiment_target]="(SELECT s.score FROM news.sentiment(body, target) s)"
	[entity_sentiment]="(SELECT count(*) FROM news.entity_sentiment(body))"
	[to_tsvector_english]="pg_catalog.length(to_tsvector('english', body))"
	[length_baseline]="pg_catalog.length(body)"
)
order="sentiment_tone sentiment_target entity_sentiment to_tsvector_english length_baseline"
sqlfile=$NA_TMP/bench.sql
{
	echo "SET max_parallel_workers_per_gather = 0;"
	echo "SELECT sum((SELECT s.score FROM news.sentiment(body) s)) FROM bench.docs;"	# warm up
	echo "SELECT count(*) FROM bench.docs, news.entity_sentiment(body);"
	for r in $(seq "$runs"); do
		for name in $order; do
			echo "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS w0 \\gset"
			echo "SELECT sum(${exprs[$name]}) FROM bench.docs \\gset"
			echo "SELECT '$name', $r, split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0,"
			echo "	1000 * extract(epoch FROM clock_timestamp() - :'w0'::timestamptz);"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^[a-z_]+ [0-9]+ ' >"$NA_TMP/bench.out"
awk -v mb="$mbytes" -v order="$order" '
	{ cpu[$1, $2] = $3 / 1e6; wall[$1, $2] = $4; if ($2 > runs) runs = $2 }
	function median(a, k,    i, j, x) {
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
		return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END {
		n = split(order, names, " ");
		printf "%-22s %14s %14s %10s %16s\n", "query", "median cpu ms", "median wall ms", "MB/s", "x to_tsvector";
		for (i = 1; i <= n; i++) {
			name = names[i];
			for (r = 1; r <= runs; r++) { c[r] = cpu[name, r]; w[r] = wall[name, r]; q[r] = cpu["to_tsvector_english", r] / cpu[name, r] }
			mc = median(c, runs); mw = median(w, runs); mq = median(q, runs);
			printf "%-22s %14.1f %14.1f %10.1f %15.2fx\n", name, mc, mw, mb / (mc / 1000), mq;
		}
	}' "$NA_TMP/bench.out"
echo "($runs runs each, interleaved; medians; MB/s on the backend's CPU time; length_baseline = reading the bodies only)"
