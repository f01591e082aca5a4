#!/usr/bin/env bash
# test/bench/pipeline_scale.sh: the cost of news.refresh per 1,000 incoming
# articles when the tracked table already holds N analysed articles (N =
# 22,000, 100,000 and 1,000,000 by default), next to the nine analyses
# called directly on the same 1,000 articles (test/bench/pipeline_direct9.sql,
# nothing stored) in the same run.
#
# The stored articles.  The base is Reuters-21578 + BBC (test/bench/pipeline_src.sql,
# 22,004 articles with a body; NA_SCALE_BASE takes the first ones in
# publication order for a quick run), tracked as table feed and analysed
# by one real CALL news.refresh in database base (its time is printed).
# A size N is a copy of that database (CREATE DATABASE ... TEMPLATE base)
# grown to N articles with copies of the base: copy k (k = 1, 2, ...) has
# the ids plus k times the base's largest id and the publication times
# minus k times 7,300 days (20 years; the base spans 1987-02 to 2005-01,
# under 18 years), so no two copies share a UTC day (the trending rollup),
# a story window (3 days) or a merge window (7 days): each copy only
# repeats the base's stories 20 years earlier, and every stored day is a
# past, complete day (news.trend_fold folds only those).  Two ways to grow
# (NA_SCALE_FILL):
#   refresh  the copies are inserted into feed and analysed by CALL
#            news.refresh (the real thing; about 300 to 1,000 articles/s here)
#   copy     the base's rows are copied instead, with the same shifts, into
#            feed and every table of the pipeline (news.tracked_objects:
#            feed_analysed, the result tables, story members and stories
#            with story ids plus k times the base's largest, the trending
#            rollup with its days shifted), triggers off
#            (session_replication_role = replica, so nothing is queued);
#            then the stories' corpus statistics are recomputed from all
#            rows (news.stories_exact_stats, which also records them as
#            maintained, as after a maintenance), the counters of
#            news.tracked set and every table VACUUM ANALYZEd.
# The copies repeat texts: the vocabulary, and so the stories' corpus
# statistics, stays that of 22,004 articles, where a million distinct
# articles would have a larger one.
#
# The incoming articles.  NA_SCALE_ROUNDS (default 5) rounds; round r
# inserts 1,000 articles (the base's articles whose id is r modulo 22, in
# publication order: Reuters and BBC both, the base's mix of lengths) with
# new ids and publication times of today (UTC), 10 seconds apart, 3 hours
# between rounds (so a round sees the stories of the rounds before it
# within the story window; today's day is not folded until it has ended,
# as in a live feed, so the fold costs nothing in a round), then runs, in
# a new connection, CALL news.refresh('feed', 1000): the backend's CPU time
# (/proc/self/schedstat), wall time, and its peak resident set (VmHWM of
# /proc/self/status; a new connection starts from zero) with the shared
# memory and mapped files it touched (RssShmem + RssFile, also counted in
# VmHWM) subtracted as "private".  With track_functions = all, the time in
# the stories' functions (news.stories_assign, the fill of story_members,
# and news.stories_describe_pending, run at the end of a refresh) and in
# news.trend_fold is read from pg_stat_user_functions before and after
# the round (in other connections: the refreshing one flushes its counters
# when it ends).  Then, in another new connection, the nine analyses of
# the same 1,000 articles (the baseline).  Figures are medians over the
# rounds.  After the rounds: the size of every pipeline table (the source
# table not counted) per analysed article, and news.trending('entities' |
# 'keyphrases' | 'terms', since the day of the last round, '28 days')
# CPU ms (and wall ms), medians of NA_SCALE_TRENDING_RUNS (default 5), a
# new connection each, after a warm-up.
# The per-round lines go to stderr; a table at the end.  With
# NA_SCALE_EXPLAIN=1, the statements of one more round are logged with
# auto_explain (nested, analyze, buffers; those over 20 ms) into
# $NA_TMP/explain-N.log, printed as the slowest 15.
#
# Builds, installs into a private tree and runs its own throwaway cluster
# under /tmp (shared_buffers 1GB), under nice.  A database per size, dropped
# after its rounds unless NA_SCALE_KEEP=1.  At 1M (copy) about 40 minutes and
# 15 GB of disk on the shared 2-core machine.
#
#   NA_SHARED=/work/shared/data NA_SCALE_SIZES="22000 100000 1000000" \
#     NA_SCALE_FILL=copy NA_SCALE_ROUNDS=5 bash test/bench/pipeline_scale.sh
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
sizes=${NA_SCALE_SIZES:-22000 100000 1000000}
rounds=${NA_SCALE_ROUNDS:-5}
fill=${NA_SCALE_FILL:-copy}
truns=${NA_SCALE_TRENDING_RUNS:-5}
case $fill in copy | refresh) ;; *) echo "NA_SCALE_FILL is copy or refresh" >&2; exit 2 ;; esac
trap na_cluster_stop EXIT
na_tmp
na_bench_cluster >/dev/null
printf '%s\n' "shared_buffers = 1GB" "work_mem = 64MB" "jit = off" "max_wal_size = 8GB" \
	"track_functions = all" >>"$NA_DATA/postgresql.conf"
na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -w restart -l "$NA_TMP/server-UTF8.log" >/dev/null
log() { echo "$(date -u +%H:%M:%S) $*" >&2; }

# the base: database base with src, the incoming articles' texts and feed
# tracked and analysed
na_psql -c "CREATE DATABASE base" >/dev/null
na_psql -d postgres -Atc "COPY raw TO STDOUT" | na_psql -d base -c "CREATE EXTENSION news_analytics" \
	-c "CREATE TABLE raw (j jsonb)" -c "COPY raw FROM STDIN"
na_psql -d postgres -c "DROP TABLE raw" >/dev/null
na_psql -d base -f test/bench/pipeline_src.sql >/dev/null
na_psql -d base >/dev/null <<SQL
DELETE FROM src WHERE id > ${NA_SCALE_BASE:-1000000000};
-- the texts of the incoming rounds: id r modulo 22, the first 1,000 of each
CREATE TABLE incoming AS
SELECT r, row_number() OVER (PARTITION BY r ORDER BY id) AS i, title, body
FROM (SELECT id % 22 AS r, id, title, body FROM src) s;
DELETE FROM incoming WHERE i > 1000;
VACUUM ANALYZE src, incoming;
INSERT INTO feed SELECT * FROM src;
SQL
cpu="SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0, clock_timestamp() AS t0 \\gset"
after="SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 3) AS wall,
	round(((split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e9)::numeric, 3) AS cpu;"
# the peak and the shared part of this backend's resident set, MB
mem="SELECT round(max(v) FILTER (WHERE k = 'VmHWM') / 1024.0, 1) AS hwm,
	round((max(v) FILTER (WHERE k = 'VmHWM') - sum(v) FILTER (WHERE k IN ('RssShmem', 'RssFile'))) / 1024.0, 1) AS private
	FROM (SELECT split_part(l, ':', 1) AS k, (regexp_match(l, '([0-9]+) kB'))[1]::bigint AS v
		FROM regexp_split_to_table(pg_read_file('/proc/self/status'), E'\\n') l) s;"
refresh_sql() { printf '%s\n' "SET client_min_messages = warning;" "$cpu" "CALL news.refresh('feed', 1000);" "$after" "$mem"; }
log "base: analysing $(na_psql -d base -Atc 'SELECT count(*) FROM feed') articles"
b=$(refresh_sql | na_psql -d base -At -F ' ' 2>&1 | tail -2 | tr '\n' ' ')
n0=$(na_psql -d base -Atc "SELECT count(*) FROM feed_analysed WHERE error IS NULL")
log "base: $n0 articles analysed by one refresh: wall s, cpu s / peak RSS MB, private MB: $b"
echo "base $n0 $b" >"$NA_TMP/fill.txt"
na_psql -d base -c "VACUUM ANALYZE" >/dev/null

# the pipeline's tables of feed (name relation), with the source itself
objects="SELECT x.name, x.relation FROM (SELECT 'analysed' AS name, analysed AS relation FROM news.tracked WHERE source = 'feed'::regclass
	UNION ALL SELECT o.name, o.relation::regclass FROM news.tracked_objects o JOIN pg_class c ON c.oid = o.relation
	WHERE o.source = 'feed'::regclass AND c.relkind = 'r') x ORDER BY 1"

# the copies of the base's rows of one table: its base rows kept aside in
# temporary table b (so that each copy reads only them), then copy k with
# ids, story ids, times and days shifted
copy_sql() { # relation -> CREATE TEMP TABLE b and INSERT statement (uses :off, :soff, :k)
	na_psql -d "$db" -At -c "SELECT format('CREATE TEMP TABLE b AS SELECT * FROM %s WHERE %s;', '$1',
		CASE WHEN '$1' = 'feed' THEN 'id <= :off'
			WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = '$1'::regclass AND attname = 'article_id' AND attnum > 0)
				THEN 'article_id <= :off'
			WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = '$1'::regclass AND attname = 'story_id' AND attnum > 0)
				THEN 'story_id <= :soff'
			ELSE 'true' END)"
	na_psql -d "$db" -At -c "SELECT format('INSERT INTO %s SELECT %s FROM b', '$1', string_agg(
		CASE WHEN attname IN ('article_id', 'headline_article') OR ('$1' = 'feed' AND attname = 'id') THEN format('%I + :off * :k', attname)
			WHEN attname = 'story_id' THEN format('%I + :soff * :k', attname)
			WHEN atttypid = 'timestamptz'::regtype AND attname IN ('published', 'first_seen', 'last_seen')
				THEN format('%I - :k * interval ''7300 days''', attname)
			WHEN attname = 'day' AND atttypid = 'date'::regtype THEN format('%I - :k * 7300', attname)
			ELSE quote_ident(attname) END, ', ' ORDER BY attnum))
		FROM pg_attribute WHERE attrelid = '$1'::regclass AND attnum > 0 AND NOT attisdropped"
}

grow_copy() { # n: copy the base's rows until feed holds n articles
	local n=$1 off soff k copies rel sql
	off=$(na_psql -d "$db" -Atc "SELECT max(id) FROM src")
	soff=$(na_psql -d "$db" -Atc "SELECT max(story_id) FROM feed_stories")
	copies=$(((n + n0 - 1) / n0 - 1))
	{
		echo "SET session_replication_role = replica;"
		echo "SET temp_buffers = '512MB';"
		for rel in feed $(na_psql -d "$db" -At -F ' ' -c "$objects" | awk '$1 != "queue" && $1 != "story_state" && $1 != "trend_dirty" { print $2 }'); do
			sql=$(copy_sql "$rel")
			echo "$sql" | head -1 | sed "s/:soff/$soff/g; s/:off/$off/g"
			for k in $(seq "$copies"); do
				echo "$sql;" | tail -1 | sed "s/:soff/$soff/g; s/:off/$off/g; s/:k/$k/g"
			done
			echo "DROP TABLE b;"
		done
		# the last copy only in part: n articles in all (their rows go with them)
		echo "CREATE TEMP TABLE extra AS SELECT id FROM feed ORDER BY id OFFSET $n;"
		echo "CREATE TEMP TABLE extra_days AS SELECT DISTINCT (published AT TIME ZONE 'UTC')::date AS day FROM feed WHERE id IN (SELECT id FROM extra);"
		for rel in $(na_psql -d "$db" -At -F ' ' -c "$objects" | awk '$1 != "queue" && $1 != "story_state" && $1 != "trend_dirty" && $1 != "trend_daily" && $1 != "stories" { print $2 }'); do
			echo "DELETE FROM $rel WHERE article_id IN (SELECT id FROM extra);"
		done
		echo "DELETE FROM feed WHERE id IN (SELECT id FROM extra);"
		# stories and rollup days left without articles by the cut
		echo "DELETE FROM feed_stories s WHERE NOT EXISTS (SELECT FROM feed_story_members m WHERE m.story_id = s.story_id);"
		# (a day the cut shares with the articles kept keeps its counts)
		echo "DELETE FROM extra_days x WHERE EXISTS (SELECT FROM feed_analysed a WHERE a.published >= x.day::timestamp AT TIME ZONE 'UTC'
			AND a.published < (x.day + 1)::timestamp AT TIME ZONE 'UTC');"
		echo "DELETE FROM feed_trend_daily d USING extra_days x WHERE d.day = x.day;"
		echo "RESET session_replication_role;"
		echo "UPDATE feed_story_state SET next_story = (SELECT max(story_id) + 1 FROM feed_stories);"
		echo "SELECT news.stories_exact_stats(news.stories_relations('feed', true));"
		echo "UPDATE news.tracked SET total_articles = (SELECT count(*) FROM feed_analysed) WHERE source = 'feed'::regclass;"
	} >"$NA_TMP/grow-$n.sql"
	na_psql -d "$db" -f "$NA_TMP/grow-$n.sql" >/dev/null
}

grow_refresh() { # n: insert copies of the base into feed and refresh
	local n=$1 off
	off=$(na_psql -d "$db" -Atc "SELECT max(id) FROM src")
	na_psql -d "$db" -c "INSERT INTO feed SELECT s.id + $off * k, s.title, s.body, s.published - k * interval '7300 days'
		FROM src s, generate_series(1, ($n + $n0 - 1) / $n0 - 1) k ORDER BY k, s.id LIMIT $n - $n0" >/dev/null
	refresh_sql | na_psql -d "$db" -At -F ' ' 2>&1 | tail -2 | tr '\n' ' '
}

stories_fns="SELECT coalesce(round(sum(total_time) FILTER (WHERE funcname IN ('stories_assign', 'stories_describe_pending'))::numeric, 1), 0),
	coalesce(round(sum(total_time) FILTER (WHERE funcname = 'trend_fold')::numeric, 1), 0),
	coalesce(round(sum(total_time) FILTER (WHERE funcname = 'pipeline_analyse')::numeric, 1), 0)
	FROM pg_stat_user_functions WHERE schemaname = 'news'"
: >"$NA_TMP/rounds.txt"
: >"$NA_TMP/sizes.txt"
for n in $sizes; do
	db=s$n
	na_psql -c "CREATE DATABASE $db TEMPLATE base" >/dev/null
	if [ "$n" -gt "$n0" ]; then
		log "size $n: growing by $fill"
		t0=$(date +%s.%N)
		if [ "$fill" = copy ]; then grow_copy "$n"; g=""; else g=$(grow_refresh "$n"); fi
		na_psql -d "$db" -c "VACUUM ANALYZE" >/dev/null
		t1=$(date +%s.%N)
		log "size $n: grown in $(echo "$t1 - $t0" | bc) s (with VACUUM ANALYZE) ${g:+refresh wall s, cpu s / RSS MB: $g}"
		echo "$n $fill $(echo "$t1 - $t0" | bc) $g" >>"$NA_TMP/fill.txt"
	fi
	stored=$(na_psql -d "$db" -Atc "SELECT count(*) FROM feed_analysed WHERE error IS NULL")
	t_in=$(na_psql -d "$db" -Atc "SELECT date_trunc('day', now(), 'UTC')")
	nr=$rounds
	[ -n "${NA_SCALE_EXPLAIN:-}" ] && nr=$((rounds + 1))
	for r in $(seq "$nr"); do
		na_psql -d "$db" -c "INSERT INTO feed SELECT 2000000000 + $r * 1000 + i, title, body,
			timestamptz '$t_in' + ($r - 1) * interval '3 hours' + i * interval '10 seconds' FROM incoming WHERE r = $r" >/dev/null
		na_psql -d "$db" -c "CHECKPOINT" >/dev/null
		s0=$(na_psql -d "$db" -At -F ' ' -c "$stories_fns")
		if [ "$r" -gt "$rounds" ]; then
			# the round that is logged by auto_explain, not counted
			printf '%s\n' "LOAD 'auto_explain';" "SET auto_explain.log_min_duration = 20;" "SET auto_explain.log_analyze = on;" \
				"SET auto_explain.log_buffers = on;" "SET auto_explain.log_nested_statements = on;" "SET auto_explain.log_timing = on;" |
				cat - <(refresh_sql) >"$NA_TMP/explain.sql"
			lines=$(wc -l <"$NA_TMP/server-UTF8.log")
			na_psql -d "$db" -At -F ' ' -f "$NA_TMP/explain.sql" >/dev/null 2>&1
			sleep 1
			tail -n +"$((lines + 1))" "$NA_TMP/server-UTF8.log" >"$NA_TMP/explain-$n.log"
			log "size $n: auto_explain of one more round in $NA_TMP/explain-$n.log; the slowest statements:"
			grep -o 'duration: [0-9.]* ms  plan:' "$NA_TMP/explain-$n.log" | sort -t' ' -k2 -rn | head -3 >&2 || true
			continue
		fi
		rf=$(refresh_sql | na_psql -d "$db" -At -F ' ' 2>&1 | tail -2 | tr '\n' ' ')
		sleep 0.5
		s1=$(na_psql -d "$db" -At -F ' ' -c "$stories_fns")
		d=$(printf '%s\n' "CREATE TEMP VIEW src AS SELECT id::int, title, body, published FROM feed WHERE id > 2000000000 + $r * 1000 AND id <= 2000000000 + $r * 1000 + 1000;" \
			"$cpu" "$(cat test/bench/pipeline_direct9.sql)" "$after" | na_psql -d "$db" -At -F ' ' 2>&1 | tail -1)
		ok=$(na_psql -d "$db" -Atc "SELECT count(*) FILTER (WHERE error IS NULL) FROM feed_analysed WHERE article_id > 2000000000 + $r * 1000 AND article_id <= 2000000000 + $r * 1000 + 1000")
		# size round | refresh wall cpu hwm private | stories_ms fold_ms analyse_ms | direct wall cpu | analysed
		line="$n $r $rf $(paste -d' ' <(echo "$s0" | tr ' ' '\n') <(echo "$s1" | tr ' ' '\n') | awk '{ printf "%.1f ", $2 - $1 }')$d $ok"
		echo "$line" >>"$NA_TMP/rounds.txt"
		log "size $n round $r: refresh wall cpu hwm private | stories fold analyse ms | direct9 wall cpu | analysed: $line"
	done
	disk=$(na_psql -d "$db" -At -c "SELECT round(sum(pg_total_relation_size(o.relation)) / (SELECT count(*) FROM feed_analysed)::numeric),
		round(sum(pg_total_relation_size(o.relation)) / 1e6) FROM ($objects) o" | tr '|' ' ')
	since=$(na_psql -d "$db" -Atc "SELECT date_trunc('day', max(published), 'UTC') FROM feed_analysed")
	tr=""
	for kind in entities keyphrases terms; do
		q="SELECT count(*) FROM news.trending('$kind', '$since', '28 days', 20)"
		na_psql -d "$db" -Atc "$q" >/dev/null
		# CPU ms (wall ms), medians
		ms=$(for i in $(seq "$truns"); do
			printf '%s\n' "$cpu" "$q;" "$after" | na_psql -d "$db" -At -F ' ' | tail -1
		done | awk '{ w[NR] = $1 * 1000; c[NR] = $2 * 1000 }
			function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
			END { printf "%.0f(%.0f)", median(c, NR), median(w, NR) }')
		tr="$tr $ms"
	done
	echo "$n $stored $disk $tr" >>"$NA_TMP/sizes.txt"
	log "size $n: $stored stored; result tables bytes per article, total MB: $disk; trending entities keyphrases terms CPU ms (wall ms):$tr"
	[ -n "${NA_SCALE_KEEP:-}" ] || na_psql -c "DROP DATABASE $db" >/dev/null
done

echo "$(git log -1 --format='%h %cd' --date=iso 2>/dev/null || echo 'no git'): base $n0 articles, fill $fill, $rounds rounds of 1,000; medians"
sed 's/^/fill: /' "$NA_TMP/fill.txt"
printf '%9s | %8s | %16s | %16s | %10s | %8s | %9s | %11s | %7s | %16s\n' stored "analysed" "refresh cpu/wall s" "direct9 cpu/wall s" \
	"ratio" "stories s" "fold s" "RSS/private MB" "B/art." "trending e/k/t CPU ms (wall)"
awk '
	function median(a, n,   b, i, j, t) { for (i = 1; i <= n; i++) b[i] = a[i]
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
		return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2 }
	FNR == NR { st[$1] = $2; disk[$1] = $3; tr[$1] = $5 "/" $6 "/" $7; next }
	{ s = $1; if (!(s in k)) { order[++ns] = s }; i = ++k[s]
		rw[s, i] = $3; rc[s, i] = $4; hwm[s, i] = $5; prv[s, i] = $6; sto[s, i] = $7; fold[s, i] = $8
		dw[s, i] = $10; dc[s, i] = $11; ok[s, i] = $12; ratio[s, i] = $11 / $4 }
	END { for (j = 1; j <= ns; j++) { s = order[j]; n = k[s]
		for (i = 1; i <= n; i++) { a1[i] = rc[s, i]; a2[i] = rw[s, i]; a3[i] = dc[s, i]; a4[i] = dw[s, i]; a5[i] = ratio[s, i]
			a6[i] = sto[s, i] / 1000; a7[i] = fold[s, i] / 1000; a8[i] = hwm[s, i]; a9[i] = prv[s, i]; a10[i] = ok[s, i] }
		printf "%9d | %8d | %7.2f / %6.2f | %7.2f / %6.2f | %9.1f%% | %8.2f | %9.2f | %5.0f / %5.0f | %7d | %16s\n",
			st[s], median(a10, n), median(a1, n), median(a2, n), median(a3, n), median(a4, n), 100 * median(a5, n),
			median(a6, n), median(a7, n), median(a8, n), median(a9, n), disk[s], tr[s] } }' "$NA_TMP/sizes.txt" "$NA_TMP/rounds.txt"
