#!/usr/bin/env bash
# test/bench/quotes.sh: words per second of news.quotes inside SQL over the
# Reuters-21578 and BBC corpora, one core, next to main's news.quotes from
# when issue 10 started (a second private build and cluster, commit
# $NA_QUOTES_BASELINE, default 69fafd0) and to our news.entities (which
# news.quotes runs first), measured in the same run.  The runs alternate
# (ours, main, ours, main, ...); each reports the backend's own CPU time
# (/proc/self/schedstat) and wall time; the table gives medians and the
# median of the paired CPU ratios, and the growth of each backend's peak
# memory over all runs.  news.pattern_matches, the whole pattern pass that
# news.entities runs first, is measured alongside (news.quotes runs only
# its names subset, na_patterns_create_names).  Not a timed test.
#
#   NA_BENCH_RUNS=N   alternating pairs (default 5)
set -eu
. "$(dirname "$0")/../lib.sh"
. "$NA_TOP/test/baseline.sh"
cd "$NA_TOP"
trap 'na_baseline_stop; na_cluster_stop' EXIT
RUNS=${NA_BENCH_RUNS:-5}
BASE=${NA_QUOTES_BASELINE:-69fafd0}

na_build
na_private_install
na_cluster_start UTF8
na_baseline_start "$BASE"
for p in na_psql na_base_psql; do
	$p -q -c "CREATE EXTENSION IF NOT EXISTS news_analytics" \
		-v reuters="$NA_SHARED/corpora/reuters21578.jsonl" -v bbc="$NA_SHARED/corpora/bbc_fulltext.jsonl" \
		-f test/bench/load_corpora.sql >/dev/null
done
read -r docs words mb < <(na_psql -At -F ' ' -c "SELECT count(*), sum(regexp_count(body, '\\S+')),
	round(sum(octet_length(body)) / 1e6, 1) FROM bench.articles")

# measure PSQL QUERY: "cpu_ms wall_ms rows peak_kb" of one run in a fresh
# session
measure() {
	$1 -At <<SQL | tail -1
SET max_parallel_workers_per_gather = 0;
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0,
	extract(epoch FROM clock_timestamp()) AS w0 \\gset
SELECT count(*) AS n FROM bench.articles, $2 \\gset
SELECT ((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1000000) || ' ' ||
	round((extract(epoch FROM clock_timestamp()) - :w0) * 1000) || ' ' || :n || ' ' ||
	(regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1];
SQL
}
# warm up: gazetteers, pattern sets, the table in the cache
measure na_psql "news.quotes(body)" >/dev/null
measure na_base_psql "news.quotes(body)" >/dev/null
: >"$NA_TMP/runs"
for i in $(seq "$RUNS"); do
	echo "ours $(measure na_psql 'news.quotes(body)')" >>"$NA_TMP/runs"
	echo "main $(measure na_base_psql 'news.quotes(body)')" >>"$NA_TMP/runs"
	echo "entities $(measure na_psql 'news.entities(body)')" >>"$NA_TMP/runs"
	echo "patterns $(measure na_psql 'news.pattern_matches(body)')" >>"$NA_TMP/runs"
done

echo "Reuters-21578 + BBC: $docs non-empty bodies, $words words (\\S+), $mb MB; $RUNS alternating runs, one core"
awk -v w="$words" -v base="$BASE" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ k = $1; n[k]++; cpu[k, n[k]] = $2; wall[k, n[k]] = $3; rows[k] = $4; if ($5 > peak[k]) peak[k] = $5 }
	END {
		printf "%-34s %10s %10s %14s %14s %9s %12s\n", "what", "rows", "CPU s", "words/s (CPU)", "words/s (wall)", "vs main", "peak memory"
		split("ours main entities patterns", order, " ")
		label["ours"] = "news.quotes (this branch)"; label["main"] = "news.quotes (main at " base ")"
		label["entities"] = "news.entities (this branch)"
		label["patterns"] = "news.pattern_matches (whole pass)"
		for (m = 1; m <= n["ours"]; m++) ratio[m] = cpu["ours", m] / cpu["main", m]
		for (o = 1; o <= 4; o++) {
			k = order[o]
			for (m = 1; m <= n[k]; m++) { c[m] = cpu[k, m]; x[m] = wall[k, m] }
			mc = median(c, n[k]); mw = median(x, n[k])
			rel = k == "ours" ? sprintf("%.2fx", 1 / median(ratio, n["ours"])) : (k == "main" ? "1.00x" : "-")
			printf "%-34s %10d %10.2f %14d %14d %9s %9d MB\n", label[k], rows[k], mc / 1000, w / (mc / 1000), w / (mw / 1000), rel, peak[k] / 1024
		}
		printf "(vs main: speed relative to main, the median of the paired CPU-time ratios; peak memory: the backend'"'"'s VmHWM after all runs)\n"
	}' "$NA_TMP/runs"
