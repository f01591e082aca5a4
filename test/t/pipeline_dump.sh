#!/usr/bin/env bash
# test/t/pipeline_dump.sh: pg_dump and pg_restore of a database with a
# tracked table keep the registry (configuration tables), the result tables,
# the queue and the triggers: after a restore by the database owner (an
# ordinary role that installed the extension) the backlog is analysed, new
# articles are queued, and stored entities are redone once (the
# configuration version starts again, so every row is stale).
set -u
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d /tmp/na_pipedump.XXXXXX)
chmod 755 "$tmp"
cleanup() {
	psql_ -d postgres -c "DROP DATABASE IF EXISTS na_pdump_a" -c "DROP DATABASE IF EXISTS na_pdump_b" -c "DROP ROLE IF EXISTS na_pdowner" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cleanup >/dev/null 2>&1
mkdir -p "$tmp"; chmod 755 "$tmp"
psql_ -d postgres -c "CREATE ROLE na_pdowner LOGIN" -c "CREATE DATABASE na_pdump_a OWNER na_pdowner" -c "CREATE DATABASE na_pdump_b OWNER na_pdowner"
O() { psql_ -U na_pdowner "$@"; }
O -d na_pdump_a >/dev/null <<'SQL'
CREATE EXTENSION news_analytics;
CREATE TABLE articles (id int PRIMARY KEY, body text, published timestamptz);
INSERT INTO articles SELECT i, format('Angela Merkel met Emmanuel Macron in Paris, report %s.', i), '2025-03-01' FROM generate_series(1, 20) i;
SET client_min_messages = warning;
SELECT news.track('articles', 'id', 'body', 'published');
CALL news.refresh();
INSERT INTO articles SELECT i, format('Olaf Scholz spoke in Berlin, report %s.', i), '2025-03-02' FROM generate_series(21, 25) i;
SQL
ok $? "the owner tracks a table, analyses 20 articles and leaves 5 queued"
"$NA_PGBIN/pg_dump" -U na_pdowner -Fc -d na_pdump_a -f "$tmp/a.dump" 2>"$tmp/dump.err"
ok $? "pg_dump by the owner works"
"$NA_PGBIN/pg_restore" -U na_pdowner -d na_pdump_b "$tmp/a.dump" 2>"$tmp/restore.err"
# the one statement an ordinary role cannot restore is ALTER SCHEMA news
# OWNER TO <superuser> (the schema already belongs to a superuser)
failed=$(grep "Command was:" "$tmp/restore.err" | grep -v "ALTER SCHEMA news OWNER TO" | wc -l)
[ "$failed" != 0 ] && sed 's/^/# /' "$tmp/restore.err" | head -10
ok $([ "$failed" = 0 ]; echo $?) "pg_restore by the owner restores everything but the schema's owner ($failed other errors)"
ok $(O -d na_pdump_b -c "SELECT source::text || ' ' || analysed || ' ' || backlog FROM news.tracking_status" | grep -qx "articles 20 5"; echo $?) \
	"the registry, results and backlog are restored"
O -d na_pdump_b -c "INSERT INTO articles VALUES (26, 'Giorgia Meloni visited Rome.', '2025-03-03')" -c "CALL news.refresh()" >/dev/null 2>&1
ok $? "the restored triggers queue a new article and refresh runs"
ok $(O -d na_pdump_b -c "SELECT count(*) FILTER (WHERE times = 1) || ' ' || count(*) FILTER (WHERE times = 2) || ' ' || count(*) FROM articles_analysed" | grep -qx "6 20 26"; echo $?) \
	"6 new articles analysed once, the 20 restored ones redone once (stale after the restore)"
ok $(O -d na_pdump_b -c "SELECT count(*) FROM articles_mentions WHERE entity IN ('Angela Merkel', 'Olaf Scholz', 'Giorgia Meloni')" | grep -qx 26; echo $?) \
	"the results are complete"
tap_done
