#!/usr/bin/env bash
# test/bench/pipeline.sh: throughput of news.refresh against calling the
# same analysis functions directly, on Reuters-21578 + BBC inserted in
# publication order.  Direct: one SELECT computing news.entities,
# news.quotes, news.dates, news.termvec and news.minhash of every article
# (nothing stored), the same plus news.term_surfaces (the terms
# analysis), and the same plus news.keywords, news.summary and
# news.sentiment (keyphrases, summary, tone; stories have no direct
# counterpart).  Refresh: the articles are inserted into a tracked
# table (the triggers queue them), then CALL news.refresh(batch => 1000)
# analyses and stores everything.  A and B alternate NA_BENCH_RUNS times
# (default 2); wall time and the backend's CPU time (/proc/self/schedstat)
# are reported, with medians.  Not a timed test.  The articles come from
# test/bench/pipeline_src.sql and the nine analyses from
# test/bench/pipeline_direct9.sql, as in test/bench/pipeline_pairs.sh, which
# gives the steadier figure (the median of many paired ratios).
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
RUNS=${NA_BENCH_RUNS:-2}
na_tmp
na_bench_cluster
na_psql -q -f test/bench/pipeline_src.sql >/dev/null
na_psql -q -c "VACUUM ANALYZE src"
read -r docs mb < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 1) FROM src")
echo "articles: $docs, $mb MB"

cpu="SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS t0 \\gset"
after="SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 2) AS wall,
	round(((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e9)::numeric, 2) AS cpu"
direct5="SELECT sum(x.e + x.q + x.d + news.nnz(x.tv) + news.minhash_k(x.sig)) FROM (
	SELECT (SELECT count(*) FROM news.entities(s.body)) AS e, (SELECT count(*) FROM news.quotes(s.body)) AS q,
		(SELECT count(*) FROM news.dates(s.body, s.published)) AS d,
		news.termvec(concat_ws(E'\\n', s.title, s.body)) AS tv, news.minhash(s.body) AS sig FROM src s) x;"
direct6="SELECT sum(x.e + x.q + x.d + news.nnz(x.tv) + news.minhash_k(x.sig) + x.t) FROM (
	SELECT (SELECT count(*) FROM news.entities(s.body)) AS e, (SELECT count(*) FROM news.quotes(s.body)) AS q,
		(SELECT count(*) FROM news.dates(s.body, s.published)) AS d,
		news.termvec(concat_ws(E'\\n', s.title, s.body)) AS tv, news.minhash(s.body) AS sig,
		(SELECT count(*) FROM news.term_surfaces(s.body, 40)) AS t FROM src s) x;"
direct9=$(cat test/bench/pipeline_direct9.sql)
run() { # name query -> "wall cpu"
	printf '%s\n' "SET max_parallel_workers_per_gather = 0;" "$cpu" "$2" "$after" | na_psql -At -F ' ' 2>&1 | tail -1
}
refresh() {
	na_psql -q -c "TRUNCATE feed" -c "INSERT INTO feed SELECT * FROM src ORDER BY published, id" -c "VACUUM ANALYZE feed"
	printf '%s\n' "SET client_min_messages = warning;" "$cpu" "CALL news.refresh('feed', 1000);" "$after" | na_psql -At -F ' ' 2>&1 | tail -1
}
: >"$NA_TMP/bench.txt"
for i in $(seq "$RUNS"); do
	echo "direct5 $(run direct5 "$direct5")" >>"$NA_TMP/bench.txt"
	echo "refresh $(refresh)" >>"$NA_TMP/bench.txt"
	echo "direct6 $(run direct6 "$direct6")" >>"$NA_TMP/bench.txt"
	echo "direct9 $(run direct9 "$direct9")" >>"$NA_TMP/bench.txt"
done
cat "$NA_TMP/bench.txt" >&2
check=$(na_psql -At -c "SELECT (SELECT count(*) FROM feed_analysed) = $docs AND (SELECT count(*) FROM feed_analysed WHERE error IS NOT NULL) = 0")
echo "refresh analysed every article without error: $check"
echo
printf '%-62s | %8s | %8s | %10s | %10s | %10s | %10s\n' what wall_s cpu_s articles/s "vs direct5" "vs direct6" "vs direct9"
awk -v docs="$docs" '
	{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " $3 }
	function median(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	END {
		label["direct5"] = "direct: entities, quotes, dates, termvec, minhash (no storage)"
		label["direct6"] = "direct: the same + news.term_surfaces (no storage)"
		label["direct9"] = "direct: the same + keywords, summary, sentiment (no storage)"
		label["refresh"] = "news.refresh: all nine analyses (stories too), stored"
		split("direct5 direct6 direct9 refresh", order, " ")
		for (k = 1; k <= 4; k++) { x = order[k]; cw = median(c[x]); ww = median(w[x])
			printf "%-62s | %8.2f | %8.2f | %10.0f | %9.0f%% | %9.0f%% | %9.0f%%\n", label[x], ww, cw, docs / cw,
				100 * median(c["direct5"]) / cw, 100 * median(c["direct6"]) / cw, 100 * median(c["direct9"]) / cw }
	}' "$NA_TMP/bench.txt"
echo "(articles/s and shares from CPU time: the direct query's CPU time over the row's)"

# the trending rollup's part of a refresh, done again by itself on the
# stored results: marking the days of every batch of 1000 articles (here
# with their stored rows, as for changed articles; new articles have none)
# and folding every day: again over the rollup the refresh wrote (nothing
# changes), then into an empty rollup (what the refresh's news.trend_fold did)
mark="SELECT count(news.trend_mark(t, 'feed', b.ids)) FROM news.tracked t,
	(SELECT array_agg(a.article_id ORDER BY a.article_id) AS ids FROM feed_analysed a GROUP BY (a.article_id - 1) / 1000) b
	WHERE t.source = 'feed'::regclass;"
days=$(na_psql -At -c "SELECT count(DISTINCT day) FROM feed_trend_daily")
echo "trending rollup: $(run mark "$mark") (wall s, cpu s) to mark the days of $docs articles in batches of 1000"
dirty="INSERT INTO feed_trend_dirty SELECT DISTINCT (published AT TIME ZONE 'UTC')::date FROM feed_analysed"
fold() { printf '%s\n' "$cpu" "CALL news.trend_fold('feed');" "$after" | na_psql -At -F ' ' 2>&1 | tail -1; }
na_psql -q -c "TRUNCATE feed_trend_dirty" -c "$dirty"
echo "trending rollup: $(fold) (wall s, cpu s) to fold its $days days again (every count unchanged: nothing written)"
na_psql -q -c "TRUNCATE feed_trend_daily, feed_trend_dirty" -c "$dirty" -c "VACUUM feed_trend_daily"
echo "trending rollup: $(fold) (wall s, cpu s) to fold its $days days into an empty rollup (as the first refresh did); $(na_psql -At -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('feed_trend_daily')) FROM feed_trend_daily")"

# trending over the stored results (Reuters days: the last 7 days of
# March 1987 against the 28 days before)
echo
for kind in entities keyphrases terms; do
	printf '%s\n' "\\timing on" "SELECT count(*) FROM news.trending('$kind', '1987-03-25', '28 days', 20);" \
		"SELECT string_agg(item, ', ') FROM news.trending('$kind', '1987-03-25', '28 days', 8);" |
		na_psql -At 2>&1 | sed "s/^/trending $kind: /"
done
