#!/usr/bin/env bash
# test/bench/trending_scale.sh: news.trending over the result tables of a
# tracked table of 22,000, 100,000 and 1,000,000 articles, with its daily
# rollup (the default) and without it (news.trending_rollup = off: the
# whole baseline from the result rows, news.trending before session 12),
# next to the query a user would write by hand (one GROUP BY over the
# window and the baseline, the shape news.trending had before session 11),
# in the same run.
#
# The result rows are generated, not analysed (analysing a million
# articles takes hours here): NA_TS_SPAN days (default 730) of articles at
# even intervals, so a larger table is a denser feed; per article 17
# mention rows (of names drawn log-uniformly from 200,000, about Zipf's law
# with exponent 1, one of the five name types each), 10 keyphrase rows
# (from 500,000) and one row of 40 term ids (from 300,000), written into the
# tables news.track created, with their indexes.  The generator is seeded
# (setseed), so every run has the same rows.  The rows bypass news.refresh,
# so every day is then marked dirty and news.trend_fold builds the rollup
# (its CPU time, rows and size are printed: the cost of folding every day
# once, what the refreshes of those articles would pay in pieces).  With
# NA_TS_BULK=1 the rollup is instead filled by one INSERT sorted in the
# order of its primary key (the same counts, which "same" checks; much
# faster than folding day by day, for a run at 1M in limited time).
#
# For each size and kind: news.trending(kind, since, '28 days', 20) with
# `since` the start of the day before the last article's (a window of
# one day and the last article) and, with
# NA_TS_LONG=1, a baseline of 365 days, with the rollup and without; the
# hand-written query with the same window, baseline, min_docs (3) and JLH
# score.  A warm-up, then NA_TS_RUNS (default 3) alternating runs of each;
# the backend's CPU time (/proc/self/schedstat) and wall time, medians.
# The answers are compared with the hand-written one (docs, baseline_docs
# and score of each row): "same" prints t when both of news.trending's
# (rollup and rows) equal it.
# Builds, installs into a private tree and runs its own throwaway cluster
# under /tmp (shared_buffers 1GB), under nice; about 15 minutes and 5 GB of
# disk for the three sizes.
#
#   NA_TS_SIZES="22000 100000 1000000" NA_TS_RUNS=3 NA_TS_SPAN=730 NA_TS_LONG=
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
sizes=${NA_TS_SIZES:-22000 100000 1000000}
runs=${NA_TS_RUNS:-3}
span=${NA_TS_SPAN:-730}
trap na_cluster_stop EXIT
na_tmp
na_build && na_private_install && na_cluster_start UTF8 >/dev/null
printf '%s\n' "shared_buffers = 1GB" "work_mem = 64MB" "jit = off" "max_wal_size = 4GB" >>"$NA_DATA/postgresql.conf"
na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -w restart -l "$NA_TMP/server-UTF8.log" >/dev/null
na_psql >/dev/null <<'SQL'
CREATE EXTENSION news_analytics;
CREATE TABLE feed (id bigint PRIMARY KEY, title text, body text, published timestamptz);
SET client_min_messages = warning;
SELECT news.track('feed', 'id', 'body', 'published', 'title');
SQL

cpu="SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS t0 \\gset"
after="SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric * 1000, 1) AS wall,
	round(((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e6)::numeric, 1) AS cpu"
# the hand-written query: every item of the window and the baseline counted
# in one pass, then scored (the filters and keys of news.pipeline_analyses)
hand() { # kind since baseline -> SQL
	local rel key filter count
	case $1 in
	entities) rel=feed_mentions key=r.entity count='DISTINCT d.article_id'
		filter="r.type = ANY (ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC'])" ;;
	keyphrases) rel=feed_keyphrases key=r.key count='*' filter=true ;;
	terms) rel=feed_terms key='unnest(r.term_ids)' count='DISTINCT d.article_id' filter=true ;;
	esac
	cat <<SQL
WITH n AS (SELECT count(*) FILTER (WHERE published >= '$2') AS f, count(*) FILTER (WHERE published < '$2') AS b
	FROM feed_analysed WHERE published >= timestamptz '$2' - interval '$3' AND error IS NULL),
c AS (SELECT d.key, count($count) FILTER (WHERE d.published >= '$2') AS fg, count($count) FILTER (WHERE d.published < '$2') AS bg
	FROM (SELECT $key AS key, r.article_id, r.published FROM $rel r
		WHERE r.published >= timestamptz '$2' - interval '$3' AND $filter) d GROUP BY d.key),
s AS (SELECT c.key, c.fg, c.bg, c.fg::float8 / n.f AS p, (c.bg + 1)::float8 / (n.b + 1) AS q FROM c, n WHERE c.fg >= 3)
SELECT s.key::text, s.fg, s.bg, (s.p - s.q) * s.p / s.q AS score FROM s WHERE s.p > s.q ORDER BY score DESC, s.key LIMIT 20
SQL
}
run() { # label sql [setting] -> "label wall cpu"
	printf '%s\n' "SET max_parallel_workers_per_gather = 0;" "${3:-}" "$cpu" "$2" "$after" |
		na_psql -At -F ' ' 2>&1 | tail -1 | sed "s/^/$1 /"
}
: >"$NA_TMP/bench.txt"
: >"$NA_TMP/fold.txt"
for n in $sizes; do
	echo "== generating $n articles over $span days" >&2
	na_psql -v n="$n" -v span="$span" >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT setseed(0.5);
TRUNCATE feed_analysed, feed_mentions, feed_keyphrases, feed_terms, feed_trend_daily, feed_trend_dirty;
INSERT INTO feed_analysed (article_id, published, source, version, analysed_at, times)
SELECT i, '2024-01-01'::timestamptz + (i::float8 / :n) * (:span * interval '1 day'), 'source ' || (i % 20), 1, now(), 1
FROM generate_series(1, :n) i;
INSERT INTO feed_mentions (article_id, published, entity, type, mention, start, length, sentence, confidence)
SELECT a.article_id, a.published, 'Name ' || x.r, (ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC'])[1 + x.r % 5], 'Name ' || x.r, 1, 8, 1, 0.9
FROM feed_analysed a, LATERAL (SELECT floor(exp(random() * ln(200000)))::int AS r FROM generate_series(1, 17) g WHERE a.article_id > 0) x;
INSERT INTO feed_keyphrases (article_id, published, phrase, key, score, count, kind, start, length)
SELECT a.article_id, a.published, 'Phrase ' || x.r, 'phrase ' || x.r, 0.5, 1, 'word', 1, 8
FROM feed_analysed a, LATERAL (SELECT floor(exp(random() * ln(500000)))::int AS r FROM generate_series(1, 10) g WHERE a.article_id > 0) x;
INSERT INTO feed_terms (article_id, published, term_ids, surfaces, counts)
SELECT a.article_id, a.published, array_agg(DISTINCT x.r), array_agg(DISTINCT 'term' || x.r), array_fill(1, ARRAY[count(DISTINCT x.r)::int])
FROM feed_analysed a, LATERAL (SELECT floor(exp(random() * ln(300000)))::bigint AS r FROM generate_series(1, 40) g WHERE a.article_id > 0) x
GROUP BY a.article_id, a.published;
VACUUM ANALYZE feed_analysed, feed_mentions, feed_keyphrases, feed_terms;
INSERT INTO feed_trend_dirty SELECT DISTINCT (published AT TIME ZONE 'UTC')::date FROM feed_analysed;
SQL
	fill="CALL news.trend_fold('feed');"
	[ -n "${NA_TS_BULK:-}" ] && fill="TRUNCATE feed_trend_dirty;
INSERT INTO feed_trend_daily (kind, day, key, docs)
SELECT * FROM (SELECT 'entities', (published AT TIME ZONE 'UTC')::date, entity, count(DISTINCT article_id)::int FROM feed_mentions
	WHERE type = ANY (ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC']) GROUP BY 2, 3
	UNION ALL SELECT 'keyphrases', (published AT TIME ZONE 'UTC')::date, key, count(*)::int FROM feed_keyphrases GROUP BY 2, 3
	UNION ALL SELECT 'terms', (published AT TIME ZONE 'UTC')::date, k::text, count(*)::int FROM feed_terms, unnest(term_ids) k GROUP BY 2, 3
	UNION ALL SELECT '', (published AT TIME ZONE 'UTC')::date, '', count(*)::int FROM feed_analysed WHERE error IS NULL GROUP BY 2) x
ORDER BY 1, 3, 2;"
	fold=$(printf '%s\n' "SET work_mem = '256MB';" "$cpu" "$fill" "$after" | na_psql -At -F ' ' 2>&1 | tail -1)
	na_psql -c "VACUUM ANALYZE feed_trend_daily" >/dev/null
	rollup=$(na_psql -At -F ' ' -c "SELECT count(*), count(DISTINCT day), pg_size_pretty(pg_total_relation_size('feed_trend_daily')) FROM feed_trend_daily")
	echo "size $n: ${NA_TS_BULK:+bulk }fold of every day (wall ms, cpu ms) $fold; rollup rows, days, size $rollup" >&2
	echo "$n ${NA_TS_BULK:+bulk }fold $fold rollup $rollup" >>"$NA_TMP/fold.txt"
	since=$(na_psql -At -c "SELECT date_trunc('day', max(published), 'UTC') - interval '1 day' FROM feed_analysed")
	rows=$(na_psql -At -c "SELECT count(*) FROM feed_analysed WHERE published >= timestamptz '$since' - interval '28 days'")
	echo "size $n: since $since, $rows articles in the window and the 28-day baseline" >&2
	baselines="28 days"
	[ -n "${NA_TS_LONG:-}" ] && baselines="28 days|365 days"
	IFS='|'
	for b in $baselines; do
		unset IFS
		for kind in entities keyphrases terms; do
			ours="SELECT count(*) FROM news.trending('$kind', '$since', '$b', 20);"
			theirs="SELECT count(*) FROM ($(hand "$kind" "$since" "$b")) h;"
			off="SET news.trending_rollup = off;"
			# the same counts and scores (the items are shown as labels by
			# news.trending, as keys by the hand-written query), with the
			# rollup and without
			q="SELECT (SELECT array_agg(ROW(t.docs, t.baseline_docs, t.score::text) ORDER BY t.score, t.docs)
					FROM news.trending('$kind', '$since', '$b', 20) t)::text
				= (SELECT array_agg(ROW(h.fg, h.bg, h.score::text) ORDER BY h.score, h.fg) FROM ($(hand "$kind" "$since" "$b")) h)::text"
			same=$( (na_psql -At -c "$q"; na_psql -At -c "$off" -c "$q") | sort -u | tr -d '\n')
			run warmup "$ours" >/dev/null
			run warmup "$ours" "$off" >/dev/null
			run warmup "$theirs" >/dev/null
			for i in $(seq "$runs"); do
				echo "$n|$b|$kind|$same|trending $(run x "$ours" | cut -d' ' -f2-)" >>"$NA_TMP/bench.txt"
				echo "$n|$b|$kind|$same|rows $(run x "$ours" "$off" | cut -d' ' -f2-)" >>"$NA_TMP/bench.txt"
				echo "$n|$b|$kind|$same|hand $(run x "$theirs" | cut -d' ' -f2-)" >>"$NA_TMP/bench.txt"
			done
		done
		IFS='|'
	done
	unset IFS
done
echo
cat "$NA_TMP/fold.txt"
printf '%-9s | %-8s | %-10s | %-4s | %12s | %10s | %12s | %10s | %10s | %10s | %7s | %7s\n' articles baseline kind same \
	"rollup ms" "(cpu ms)" "rows ms" "(cpu ms)" "hand ms" "(cpu ms)" "rows/rl" "hand/rl"
awk -F'|' '
	{ split($5, f, " "); k = $1 "|" $2 "|" $3 "|" $4; if (!(k in seen)) { seen[k] = 1; order[++m] = k }
	  w[k, f[1]] = w[k, f[1]] " " f[2]; c[k, f[1]] = c[k, f[1]] " " f[3] }
	function median(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	END { for (i = 1; i <= m; i++) { k = order[i]; split(k, p, "|")
		ct = median(c[k, "trending"]); cr = median(c[k, "rows"]); ch = median(c[k, "hand"])
		printf "%-9s | %-8s | %-10s | %-4s | %12.1f | %10.1f | %12.1f | %10.1f | %10.1f | %10.1f | %6.1fx | %6.1fx\n", p[1], p[2], p[3], p[4],
			median(w[k, "trending"]), ct, median(w[k, "rows"]), cr, median(w[k, "hand"]), ch,
			(ct > 0 ? cr / ct : 0), (ct > 0 ? ch / ct : 0) } }' "$NA_TMP/bench.txt"
