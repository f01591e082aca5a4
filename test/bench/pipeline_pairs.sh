#!/usr/bin/env bash
# test/bench/pipeline_pairs.sh: the throughput of news.refresh against
# calling the nine analyses directly, measured as the median of paired
# ratios.  A subset of Reuters-21578 + BBC (NA_PAIRS_ARTICLES, default
# 5,000: every k-th article in publication order, so both corpora are in
# it), then NA_PAIRS times (default 7) one pair, back to back: a first
# refresh of the subset (TRUNCATE of the tracked table, the articles
# inserted in publication order, CALL news.refresh(batch => 1000)), then the
# nine analyses of the same articles in one SELECT (test/bench/pipeline_direct9.sql,
# nothing stored).  Each statement's cost is the
# backend's CPU time (/proc/self/schedstat); the ratio of a pair is direct
# over refresh, and the figure is the median of the ratios, with their
# spread (lowest, highest, and the median absolute deviation).  A pair
# shares its minute of the machine, so the load of other jobs moves both
# halves together; the median of short pairs resists the runs a busy
# machine spoils.  Not a timed test.
#
#   NA_SHARED=/work/shared/data nice -n 10 bash test/bench/pipeline_pairs.sh
#
# For a baseline, run the same script (copied in) from a tree of the other
# version at the same time, and compare the two medians.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
PAIRS=${NA_PAIRS:-7}
ARTICLES=${NA_PAIRS_ARTICLES:-5000}
na_tmp
na_bench_cluster >/dev/null
na_psql -q -f test/bench/pipeline_src.sql >/dev/null
na_psql >/dev/null <<SQL
-- every k-th article in publication order, ARTICLES of them
ALTER TABLE src RENAME TO src_all;
CREATE TABLE src AS
SELECT s.* FROM src_all s, (SELECT greatest(count(*) / $ARTICLES, 1) AS k FROM src_all) c
WHERE (s.id - 1) % c.k = 0 ORDER BY s.id LIMIT $ARTICLES;
DROP TABLE src_all;
VACUUM ANALYZE src;
SQL
read -r docs mb < <(na_psql -At -F ' ' -c "SELECT count(*), round(sum(octet_length(body)) / 1e6, 1) FROM src")
echo "$(git log -1 --format='%h %cd' --date=iso 2>/dev/null || echo 'no git'): $docs articles, $mb MB, $PAIRS pairs (refresh, then direct9)"

cpu="SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS t0 \\gset"
after="SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 2) AS wall,
	round(((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e9)::numeric, 3) AS cpu"
direct9=$(cat test/bench/pipeline_direct9.sql)
direct() {
	printf '%s\n' "SET max_parallel_workers_per_gather = 0;" "$cpu" "$direct9" "$after" | na_psql -At -F ' ' 2>&1 | tail -1
}
refresh() {
	na_psql -q -c "TRUNCATE feed" -c "INSERT INTO feed SELECT * FROM src ORDER BY published, id" -c "VACUUM ANALYZE feed" -c "CHECKPOINT"
	printf '%s\n' "SET client_min_messages = warning;" "$cpu" "CALL news.refresh('feed', 1000);" "$after" | na_psql -At -F ' ' 2>&1 | tail -1
}
: >"$NA_TMP/pairs.txt"
for i in $(seq "$PAIRS"); do
	r=$(refresh)
	d=$(direct)
	echo "$i $r $d" | tee -a "$NA_TMP/pairs.txt" >&2
done
check=$(na_psql -At -c "SELECT (SELECT count(*) FROM feed_analysed) = $docs AND (SELECT count(*) FROM feed_analysed WHERE error IS NOT NULL) = 0")
echo "the last refresh analysed every article without error: $check"
printf '%4s | %9s | %9s | %9s | %9s | %6s\n' pair "refresh s" "cpu s" "direct9 s" "cpu s" ratio
awk -v docs="$docs" '
	function median(a, n,   b, i, j, t) { for (i = 1; i <= n; i++) b[i] = a[i]
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
		return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2 }
	{ n++; rc[n] = $3; dc[n] = $5; r[n] = $5 / $3
		printf "%4d | %9.2f | %9.3f | %9.2f | %9.3f | %5.1f%%\n", $1, $2, $3, $4, $5, 100 * r[n] }
	END {
		m = median(r, n); lo = hi = r[1]
		for (i = 1; i <= n; i++) { dev[i] = (r[i] > m ? r[i] - m : m - r[i]); if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
		printf "median of the %d ratios (direct9 CPU / refresh CPU): %.1f%% (lowest %.1f%%, highest %.1f%%, median absolute deviation %.1f points)\n",
			n, 100 * m, 100 * lo, 100 * hi, 100 * median(dev, n)
		printf "medians: refresh %.3f s of CPU (%.0f articles/s), direct9 %.3f s (%.0f articles/s)\n",
			median(rc, n), docs / median(rc, n), median(dc, n), docs / median(dc, n)
	}' "$NA_TMP/pairs.txt"
