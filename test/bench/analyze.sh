#!/usr/bin/env bash
# test/bench/analyze.sh: news.analyze, one pass over one analysed document,
# next to the functions it stands for called one by one (news.tokenize,
# news.entities, news.quotes, news.dates, news.keywords, news.summary) on
# the 22,004 non-empty Reuters-21578 + BBC News articles, one backend,
# parallel query off.  news.analyze also gives the boilerplate and the tone
# (news.boilerplate, news.sentiment), which the separate side leaves out:
# the comparison is against the six functions only.
#
# Three queries, run in turn (A B C A B C ...) NA_BENCH_RUNS times (default
# 5):
#	analyze		count(news.analyze(body, published))
#	separate	the six functions, their rows counted
#	same jsonb	the six functions assembled into the jsonb news.analyze
#				returns (what a caller doing it by hand gets)
# Each is timed by the backend's own CPU time (/proc/self/schedstat, which
# varies by a few percent where wall time varies by 50 to 150 percent on a
# shared machine) and by wall time; the table shows medians and the median
# of the paired ratios.  Before timing, the outputs are checked: every
# section of news.analyze equals the separate function's rows (dates: the
# DATE entities, see src/README.md; keyphrases and summary with their reals).  Needs ../shared/data.
#
#   NA_BENCH_RUNNING=1   use the running server (PGHOST, PGPORT, NA_PGBIN)
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
runs=${NA_BENCH_RUNS:-5}
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
# bodies are stored uncompressed, so every query pays the same (small) detoasting cost
na_psql -c "CREATE TABLE bench.docs (id int, body text)" \
	-c "ALTER TABLE bench.docs ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO bench.docs SELECT id, body || '' FROM bench.articles" -c "VACUUM ANALYZE bench.docs" >/dev/null
read -r ndocs mbytes words < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 2),
	sum(regexp_count(body, '\\S+')) FROM bench.docs")
echo "corpus: $ndocs articles, $mbytes MB, $words words (Reuters-21578 + BBC News, non-empty bodies)"

# the sections of news.analyze are the separate functions' rows
rows() { echo "(SELECT coalesce(pg_catalog.array_agg(e::text ORDER BY n), '{}') FROM $1)"; }
check=$(na_psql -At -c "SET max_parallel_workers_per_gather = 0" -c "
	WITH a AS (SELECT body, news.analyze(body, '2005-06-15') AS j FROM bench.docs)
	SELECT count(*) FILTER (WHERE j->'terms' IS DISTINCT FROM to_jsonb(news.tokenize(body))),
		count(*) FILTER (WHERE $(rows "news.entities(body) WITH ORDINALITY e(entity, type, mention, start, length, sentence, confidence, n)")
			IS DISTINCT FROM $(rows "ROWS FROM (jsonb_to_recordset(j->'entities') AS (entity text, type text, mention text, start int, length int, sentence int, confidence real)) WITH ORDINALITY e(entity, type, mention, start, length, sentence, confidence, n)")),
		count(*) FILTER (WHERE j->'quotes' IS DISTINCT FROM
			(SELECT coalesce(pg_catalog.jsonb_agg(q), '[]') FROM news.quotes(body) q)),
		count(*) FILTER (WHERE $(rows "news.dates(body, '2005-06-15'::date) WITH ORDINALITY e(mention, date, grain, start, length, n)")
			IS DISTINCT FROM $(rows "ROWS FROM (jsonb_to_recordset(j->'dates') AS (mention text, date date, grain text, start int, length int)) WITH ORDINALITY e(mention, date, grain, start, length, n)")),
		count(*) FILTER (WHERE $(rows "news.keywords(body) WITH ORDINALITY e(phrase, score, count, kind, start, length, n)")
			IS DISTINCT FROM $(rows "ROWS FROM (jsonb_to_recordset(j->'keyphrases') AS (phrase text, score real, count int, kind text, start int, length int)) WITH ORDINALITY e(phrase, score, count, kind, start, length, n)")),
		count(*) FILTER (WHERE $(rows "news.summary(body) WITH ORDINALITY e(sentence, text, start, length, score, n)")
			IS DISTINCT FROM $(rows "ROWS FROM (jsonb_to_recordset(j->'summary') AS (sentence int, text text, start int, length int, score real)) WITH ORDINALITY e(sentence, text, start, length, score, n)"))
	FROM a" | tail -1)
IFS='|' read -r dterms dents dquotes ddates dkeys dsum <<<"$check"
echo "articles whose news.analyze section differs from the separate call: terms $dterms, entities $dents, quotes $dquotes, dates $ddates, keyphrases $dkeys, summary $dsum (of $ndocs)"

declare -A query=(
	[analyze]="SELECT count(news.analyze(body, '2005-06-15')) FROM bench.docs"
	[separate]="SELECT count(news.tokenize(body)), sum((SELECT count(*) FROM news.entities(body))),
		sum((SELECT count(*) FROM news.quotes(body))), sum((SELECT count(*) FROM news.dates(body, '2005-06-15'::date))),
		sum((SELECT count(*) FROM news.keywords(body))), sum((SELECT count(*) FROM news.summary(body))) FROM bench.docs"
	[same_jsonb]="SELECT count(pg_catalog.jsonb_build_object('terms', to_jsonb(news.tokenize(body)),
		'entities', (SELECT coalesce(pg_catalog.jsonb_agg(e), '[]') FROM news.entities(body) e),
		'quotes', (SELECT coalesce(pg_catalog.jsonb_agg(q), '[]') FROM news.quotes(body) q),
		'dates', (SELECT coalesce(pg_catalog.jsonb_agg(d), '[]') FROM news.dates(body, '2005-06-15'::date) d),
		'keyphrases', (SELECT coalesce(pg_catalog.jsonb_agg(k), '[]') FROM news.keywords(body) k),
		'summary', (SELECT coalesce(pg_catalog.jsonb_agg(m), '[]') FROM news.summary(body) m))) FROM bench.docs"
)
order="analyze separate same_jsonb"
sqlfile=$NA_TMP/analyze_bench.sql
{
	echo "SET max_parallel_workers_per_gather = 0;"
	# warm the caches: gazetteer, pattern sets, lexer, the table
	for name in $order; do echo "${query[$name]} \\g /dev/null"; done
	for r in $(seq "$runs"); do
		for name in $order; do
			echo "SELECT pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0,
				pg_catalog.clock_timestamp() AS w0 \\gset"
			echo "${query[$name]} \\g /dev/null"
			echo "SELECT '$name', $r, (pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e6,
				extract(epoch FROM pg_catalog.clock_timestamp() - :'w0') * 1e3;"
		done
	done
} >"$sqlfile"
na_psql -At -F ' ' -f "$sqlfile" | grep -E '^(analyze|separate|same_jsonb) ' >"$NA_TMP/analyze_bench.out"
awk -v words="$words" -v runs="$runs" '
	function median(arr, n,    i, j, x) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] < arr[i]) { x = arr[i]; arr[i] = arr[j]; arr[j] = x }
		return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
	}
	{ cpu[$1, $2] = $3; wall[$1, $2] = $4 }
	END {
		printf "%-12s %14s %14s %16s %18s\n", "query", "CPU ms", "wall ms", "words/s (CPU)", "CPU vs analyze"
		split("analyze separate same_jsonb", names, " ")
		for (k = 1; k <= 3; k++) {
			q = names[k]
			for (r = 1; r <= runs; r++) { c[r] = cpu[q, r]; w[r] = wall[q, r]; p[r] = cpu[q, r] / cpu["analyze", r] }
			mc = median(c, runs); mw = median(w, runs); mp = median(p, runs)
			printf "%-12s %14.0f %14.0f %16.0f %17.2fx\n", q, mc, mw, words / (mc / 1000), mp
		}
		for (r = 1; r <= runs; r++) p[r] = cpu["analyze", r] / cpu["separate", r]
		printf "news.analyze costs %.2f of the separate calls (median of %d paired CPU ratios)\n", median(p, runs), runs
	}' "$NA_TMP/analyze_bench.out"
