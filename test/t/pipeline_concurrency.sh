#!/usr/bin/env bash
# test/t/pipeline_concurrency.sh: 8 writers insert articles (each insert its
# own transaction) for NA_PIPE_SECONDS (default 60) while two sessions run
# CALL news.refresh in a loop.  Afterwards every article has been analysed
# exactly once (times = 1, the run statistics add up), nothing is left in
# the queue, and the stored entities equal news.entities over the table:
# no article lost, none analysed twice, no duplicate result rows.  Three
# articles in four are published one to three days ago, so the refreshes
# also fold the trending rollup of those days concurrently: afterwards it
# equals the counts recomputed from the result rows, and no fold gave up.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_pipe_conc
secs=${NA_PIPE_SECONDS:-60}
tmp=$(mktemp -d /tmp/na_pipeconc.XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
psql_ -d $db >/dev/null <<'SQL'
CREATE EXTENSION news_analytics;
CREATE TABLE articles (id bigserial PRIMARY KEY, body text NOT NULL, outlet text, published timestamptz DEFAULT now());
SELECT news.track('articles', 'id', 'body', 'published', source_column => 'outlet');
SQL
ok $? "a table is tracked"

writer() {
	sed -e "s/:w/$1/g" -e "s/:secs/$secs/g" >"$tmp/writer$1.sql" <<'SQL'
DO $$
DECLARE
	people text[] := ARRAY['Angela Merkel', 'Emmanuel Macron', 'Olaf Scholz', 'Giorgia Meloni', 'Pedro Sanchez', 'Christine Lagarde'];
	places text[] := ARRAY['Paris', 'Berlin', 'Rome', 'Madrid', 'Brussels', 'Frankfurt', 'Vienna'];
	stop timestamptz := clock_timestamp() + make_interval(secs => :secs);
	i int := 0;
BEGIN
	WHILE clock_timestamp() < stop LOOP
		i := i + 1;
		INSERT INTO articles (body, outlet, published) VALUES (format(
			'%s met %s in %s on Monday, writer %s said in report %s. "We agreed on the budget," %s told reporters. Talks continue in %s next week.',
			people[1 + (i * 7 + :w) % 6], people[1 + (i * 5 + :w + 1) % 6], places[1 + (i + :w) % 7], :w, i,
			people[1 + (i * 7 + :w) % 6], places[1 + (i * 3 + :w) % 7]), 'writer' || :w,
			now() - ((i + :w) % 4) * interval '1 day');
		COMMIT;
		PERFORM pg_sleep(0.05 + random() * 0.1);
	END LOOP;
END $$;
SQL
	psql_ -d $db -f "$tmp/writer$1.sql" >"$tmp/writer$1.log" 2>&1
}
refresher() {
	while [ ! -e "$tmp/stop" ]; do
		psql_ -d $db -c "CALL news.refresh('articles', 50)" >>"$tmp/refresh$1.log" 2>&1
		sleep 0.2
	done
}
for w in 1 2 3 4 5 6 7 8; do writer $w & pids="$pids $!"; done
writers=$pids
refresher 1 & pids="$pids $!"
refresher 2 & pids="$pids $!"
wait $writers
ok $(cat "$tmp"/writer*.log | grep -q ERROR; [ $? -ne 0 ]; echo $?) "8 writers inserted for $secs s without an error"
touch "$tmp/stop"
wait
pids=""
psql_ -d $db -c "CALL news.refresh('articles')" >"$tmp/final.log" 2>&1
ok $? "a final refresh runs"
errs=$(cat "$tmp"/refresh*.log | grep -c ERROR)
ok $([ "$errs" = 0 ]; echo $?) "the two concurrent refresh loops raised no error (deadlock, duplicate key), got $errs"
[ "$errs" = 0 ] || grep ERROR "$tmp"/refresh*.log | sort | uniq -c | head -5 | sed 's/^/# /'
runs=$(cat "$tmp"/refresh*.log | grep -c "articles analysed")
ok $([ "$runs" -gt 2 ]; echo $?) "the refresh loops ran $runs times"

sum_notices() { sed -n 's/.*: \([0-9]*\) articles analysed.*/\1/p' "$@" | awk '{s += $1} END {print s + 0}'; }
by1=$(sum_notices "$tmp/refresh1.log")
by2=$(sum_notices "$tmp/refresh2.log")
byfinal=$(sum_notices "$tmp/final.log")
ok $([ "$by1" -gt 0 ] && [ "$by2" -gt 0 ]; echo $?) "both sessions analysed articles ($by1 and $by2, then $byfinal in the final refresh)"
read -r articles analysed once queued total < <(psql_ -d $db -F ' ' -c "SELECT
	(SELECT count(*) FROM articles), (SELECT count(*) FROM articles_analysed),
	(SELECT count(*) FROM articles_analysed WHERE times = 1 AND error IS NULL),
	(SELECT count(*) FROM articles_queue), (SELECT total_articles FROM news.tracked)")
echo "# articles $articles, analysed $analysed, analysed exactly once $once, queued $queued, run statistics $total"
ok $([ "$articles" -gt $((secs * 15)) ]; echo $?) "the writers inserted $articles articles"
ok $([ "$analysed" = "$articles" ]; echo $?) "every article is analysed ($analysed of $articles)"
ok $([ "$once" = "$articles" ]; echo $?) "every article was analysed exactly once ($once)"
ok $([ "$queued" = 0 ]; echo $?) "the queue is empty ($queued)"
ok $([ "$total" = "$articles" ] && [ $((by1 + by2 + byfinal)) = "$articles" ]; echo $?) \
	"the refresh statistics and notices count each article once ($total, $((by1 + by2 + byfinal)))"
read -r stored direct dup < <(psql_ -d $db -F ' ' -c "SELECT (SELECT count(*) FROM articles_mentions),
	(SELECT count(*) FROM articles a, news.entities(a.body)),
	(SELECT count(*) FROM (SELECT article_id, start, type FROM articles_mentions GROUP BY 1, 2, 3 HAVING count(*) > 1) d)")
ok $([ "$stored" = "$direct" ] && [ "$dup" = 0 ]; echo $?) "stored mentions equal news.entities over the table ($stored, $direct), no duplicates ($dup)"
read -r q qd < <(psql_ -d $db -F ' ' -c "SELECT (SELECT count(*) FROM articles_quotes), (SELECT count(*) FROM articles a, news.quotes(a.body))")
ok $([ "$q" = "$qd" ]; echo $?) "stored quotes equal news.quotes over the table ($q, $qd)"
read -r off left < <(psql_ -d $db -F ' ' -c "WITH fresh AS (
		SELECT 'entities' AS kind, (m.published AT TIME ZONE 'UTC')::date AS day, m.entity AS key, count(DISTINCT m.article_id)::int AS docs
		FROM articles_mentions m WHERE m.type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC') GROUP BY 1, 2, 3
		UNION ALL SELECT 'keyphrases', (k.published AT TIME ZONE 'UTC')::date, k.key, count(*) FROM articles_keyphrases k GROUP BY 1, 2, 3
		UNION ALL SELECT 'terms', (t.published AT TIME ZONE 'UTC')::date, x::text, count(*) FROM articles_terms t, unnest(t.term_ids) x GROUP BY 1, 2, 3
		UNION ALL SELECT '', (a.published AT TIME ZONE 'UTC')::date, '', count(*) FROM articles_analysed a WHERE a.error IS NULL GROUP BY 1, 2, 3),
	clean AS (SELECT * FROM fresh f WHERE NOT EXISTS (SELECT FROM articles_trend_dirty y WHERE y.day = f.day)),
	rollup AS (SELECT kind, day, key, docs FROM articles_trend_daily)
	SELECT (SELECT count(*) FROM (SELECT * FROM clean EXCEPT SELECT * FROM rollup) x)
		+ (SELECT count(*) FROM (SELECT * FROM rollup EXCEPT SELECT * FROM fresh) y),
		(SELECT count(*) FROM articles_trend_dirty WHERE day < (now() AT TIME ZONE 'UTC')::date)")
gave_up=$(cat "$tmp"/refresh*.log "$tmp/final.log" | grep -c "stays out of date")
ok $([ "$off" = 0 ] && [ "$left" = 0 ] && [ "$gave_up" = 0 ]; echo $?) \
	"the trending rollup of the past days equals the result rows ($off rows differ, $left past days dirty, $gave_up folds gave up)"
tap_done
