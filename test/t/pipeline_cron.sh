#!/usr/bin/env bash
# test/t/pipeline_cron.sh: news.schedule with the real pg_cron (Debian's
# postgresql-15-cron, installed by test/lib.sh na_deps).  Starts a cluster of
# its own with shared_preload_libraries = 'pg_cron', tracks two tables (one
# of a superuser, one of an ordinary role allowed to use pg_cron), schedules
# news.refresh every minute, inserts articles, and waits (at most 130 s:
# pg_cron 1.4 schedules by the minute) until the jobs have analysed them.
set -u
. "$(dirname "$0")/lib/tap.sh"
. "$(dirname "$0")/../lib.sh"
if [ ! -e "$NA_PGBIN/../lib/pg_cron.so" ] && [ ! -e "$(dirname "$NA_PGBIN")/lib/pg_cron.so" ]; then
	echo "not ok 1 - pg_cron is installed (run test/lib.sh na_deps, then reinstall the private server tree)"
	echo "1..1"
	exit 1
fi
dir=$(mktemp -d /tmp/na_cron.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/sock"
[ "$(id -u)" = 0 ] && chown postgres "$dir" "$dir/sock"
data=$dir/data
cleanup() {
	[ -f "$data/postmaster.pid" ] && na_as_pg "$NA_PGBIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
na_as_pg "$NA_PGBIN/initdb" -D "$data" -E UTF8 --locale=C -A trust -U postgres >"$dir/initdb.log" 2>&1
port=$(NA_TMP=$dir na_free_port)
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$dir/sock'
fsync = off
shared_preload_libraries = 'pg_cron'
cron.database_name = 'na_cron'
cron.host = '$dir/sock'
max_parallel_workers_per_gather = 0
CONF
na_as_pg "$NA_PGBIN/pg_ctl" -D "$data" -l "$dir/server.log" -w start >/dev/null
ok $? "a cluster with shared_preload_libraries = 'pg_cron' starts"
export PGHOST=$dir/sock PGPORT=$port PGUSER=postgres
psql_ -d postgres -c "CREATE DATABASE na_cron" -c "CREATE ROLE na_cbob LOGIN"
psql_ -d na_cron >/dev/null <<'SQL'
CREATE EXTENSION pg_cron;
CREATE EXTENSION news_analytics;
GRANT USAGE ON SCHEMA cron TO na_cbob;
CREATE TABLE wire (id int PRIMARY KEY, body text, published timestamptz DEFAULT now());
SELECT news.track('wire', 'id', 'body', 'published');
CREATE SCHEMA bob AUTHORIZATION na_cbob;
SQL
ok $? "pg_cron and news_analytics install; a superuser tracks a table"
psql_ -d na_cron -U na_cbob >/dev/null <<'SQL'
CREATE TABLE bob.feed (id bigint PRIMARY KEY, txt text);
SELECT news.track('bob.feed', 'id', 'txt');
SQL
ok $? "an ordinary role tracks its own table"
job=$(psql_ -d na_cron -c "SELECT news.schedule('wire')")
ok $? "news.schedule('wire') creates job $job"
job2=$(psql_ -d na_cron -c "SELECT news.schedule('wire', '* * * * *')")
ok $([ "$job2" = "$job" ]; echo $?) "scheduling again replaces the job ($job2)"
psql_ -d na_cron -U na_cbob -c "SELECT news.schedule()" >/dev/null
ok $? "the ordinary role schedules news.refresh() for its own tables"
ok $(psql_ -d na_cron -c "SELECT string_agg(username || ': ' || command, '; ' ORDER BY username) FROM cron.job" |
	grep -qx "na_cbob: CALL news.refresh(); postgres: CALL news.refresh('public.wire'::pg_catalog.regclass)"; echo $?) \
	"the jobs run news.refresh as their own roles"

psql_ -d na_cron -c "INSERT INTO wire (id, body) SELECT i, format('Angela Merkel met Emmanuel Macron in Paris on day %s.', i) FROM generate_series(1, 200) i"
psql_ -d na_cron -U na_cbob -c "INSERT INTO bob.feed SELECT i, format('Olaf Scholz spoke in Berlin, report %s.', i) FROM generate_series(1, 50) i"
start=$(date +%s)
done_=0
while [ $(($(date +%s) - start)) -lt 130 ]; do
	# the articles are analysed (a refresh commits batch by batch) and the
	# jobs have ended (their run statistics are written last)
	if [ "$(psql_ -d na_cron -c "SELECT (SELECT count(*) FROM wire_analysed) = 200 AND (SELECT count(*) FROM bob.feed_analysed) = 50
		AND NOT EXISTS (SELECT FROM cron.job_run_details WHERE status NOT IN ('succeeded', 'failed'))")" = t ]; then
		done_=1
		break
	fi
	sleep 2
done
waited=$(($(date +%s) - start))
ok $([ $done_ = 1 ]; echo $?) "pg_cron's jobs analysed the 250 new articles within ${waited} s"
ok $(psql_ -d na_cron -c "SELECT count(*) FROM wire_mentions WHERE entity = 'Angela Merkel'" | grep -qx 200; echo $?) "the superuser's results are there"
ok $(psql_ -d na_cron -U na_cbob -c "SELECT count(*) FROM bob.feed_mentions WHERE entity = 'Olaf Scholz'" | grep -qx 50; echo $?) "the ordinary role's results are there"
ok $(psql_ -d na_cron -c "SELECT count(*) FROM cron.job_run_details WHERE status = 'failed'" | grep -qx 0; echo $?) "no job run failed"
ok $(psql_ -d na_cron -c "SELECT last_run_articles > 0 FROM news.tracking_status WHERE source = 'wire'::regclass" | grep -qx t; echo $?) \
	"news.tracking_status shows the scheduled run"
ok $(psql_ -d na_cron -c "SELECT news.unschedule('wire')" | grep -qx t; echo $?) "news.unschedule removes the job"
psql_ -d na_cron -U na_cbob -c "SELECT news.untrack('bob.feed')" >/dev/null
ok $(psql_ -d na_cron -c "SELECT count(*) FROM cron.job" | grep -qx 1; echo $?) "the role's job for all its tables stays after untrack of one table"
tap_done
