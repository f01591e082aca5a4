#!/usr/bin/env bash
# test/t/pipeline_security.sh: news.track, news.refresh and their registry
# under attack by ordinary roles.  The database belongs to na_pmallory, who
# installed the extension (and so holds the owner's grant on configuration
# tables); na_pbob tracks a table of his own; na_pcarol may read it,
# na_pdave may write it.  Each check performs an attack and fails if it
# works:
#  - tracking a table one does not own, or writing registry rows for it;
#  - SQL injection through column, table and schema names;
#  - reading another role's results, status or trending items;
#  - refreshing another role's table, borrowing its trigger function;
#  - a superuser's scheduled refresh running a trap another role set in
#    its result tables.
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_pipe_sec
roles="na_pmallory na_pbob na_pcarol na_pdave"
cleanup() {
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
	for r in $roles; do psql_ -d postgres -c "DROP ROLE IF EXISTS $r" 2>/dev/null; done
}
trap cleanup EXIT
cleanup >/dev/null 2>&1
for r in $roles; do psql_ -d postgres -c "CREATE ROLE $r LOGIN"; done
psql_ -d postgres -c "CREATE DATABASE $db OWNER na_pmallory"
M() { psql_ -d $db -U na_pmallory "$@"; }
B() { psql_ -d $db -U na_pbob "$@"; }
as() { local role=$1; shift; sqlstate $db "SET ROLE $role; $*"; }
super() { [ "$(psql_ -d postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$1'")" = t ]; }

M -c "CREATE EXTENSION news_analytics" -c "GRANT CREATE ON DATABASE $db TO na_pbob" \
	-c "CREATE SCHEMA mal" -c "CREATE TABLE mal.a (id int, body text)"
ok $? "the database owner installs the extension"
B >/dev/null <<'SQL'
CREATE SCHEMA bob;
CREATE TABLE bob.articles (id int PRIMARY KEY, body text, published timestamptz, outlet text);
INSERT INTO bob.articles VALUES
	(1, 'Angela Merkel met Emmanuel Macron in Paris on Monday.', '2025-03-03', 'Wire'),
	(2, 'Secret memo: Olaf Scholz will resign in Berlin.', '2025-03-04', 'Leak');
GRANT USAGE ON SCHEMA bob TO na_pcarol, na_pdave;
GRANT SELECT ON bob.articles TO na_pcarol;
GRANT INSERT ON bob.articles TO na_pdave;
SQL
ok $? "bob creates his articles table"

# 1. tracking another role's table
st=$(as na_pmallory "SELECT news.track('bob.articles', 'id', 'body')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot track bob's table (got $st)"
st=$(as na_pmallory "SELECT news.track('mal.a', 'id', 'body', result_schema => 'news')")
ok $([ "$st" = 3F000 ]; echo $?) "result tables never go into schema news (got $st)"
B -c "SELECT news.track('bob.articles', 'id', 'body', 'published', source_column => 'outlet')" >/dev/null 2>&1
ok $? "bob tracks his own table"
st=$(as na_pbob "SELECT news.track('bob.articles', 'id', 'body')")
ok $([ "$st" = 42710 ]; echo $?) "tracking it twice fails (got $st)"

# 2. the registry: the installer's grant on configuration tables gives nothing
ok $(psql_ -d $db -c "SELECT has_table_privilege('na_pmallory', 'news.tracked', 'INSERT'), has_table_privilege('na_pmallory', 'news.tracked', 'UPDATE')" | grep -qx 't|t'; echo $?) \
	"(mallory, the installer, holds INSERT and UPDATE on news.tracked)"
st=$(as na_pmallory "INSERT INTO news.tracked (source, tracker, id_column, body_column, analysed, queue, enqueue)
	SELECT 'bob.articles', 'na_pbob', 'id', 'body', 'bob.articles_analysed', 'bob.articles_queue', 'bob.articles_enqueue()'")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot write a registry row for bob's table (got $st)"
st=$(as na_pmallory "UPDATE news.tracked SET queue = 'bob.articles'")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot repoint bob's registry row (got $st)"
st=$(as na_pmallory "UPDATE news.tracked SET total_articles = 0")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot update bob's statistics (got $st)"
st=$(as na_pmallory "DELETE FROM news.tracked")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot delete bob's registry row (got $st)"
st=$(as na_pmallory "DELETE FROM news.tracked_objects")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot delete bob's result list (got $st)"
st=$(as na_pmallory "INSERT INTO news.tracked_objects VALUES ('bob.articles', 'evil', 'bob.articles')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot add a result relation to bob's table (got $st)"
st=$(as na_pmallory "SELECT news.untrack('bob.articles')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot untrack bob's table (got $st)"
ok $(psql_ -d $db -c "SELECT count(*) FROM news.tracked WHERE source = 'bob.articles'::regclass AND queue = 'bob.articles_queue'::regclass" | grep -qx 1; echo $?) \
	"bob's registry row is intact"

# 3. writers queue articles without any privilege on the queue
st=$(as na_pdave "INSERT INTO bob.articles VALUES (3, 'Boris Johnson visited Kyiv.', '2025-03-05', 'Wire')")
ok $([ "$st" = none ]; echo $?) "dave, who may only INSERT into the table, adds an article (got $st)"
st=$(as na_pdave "SELECT count(*) FROM bob.articles_queue")
ok $([ "$st" = 42501 ]; echo $?) "dave cannot read the queue (got $st)"
ok $(B -c "SELECT count(*) FROM bob.articles_queue" | grep -qx 3; echo $?) "the article is queued"

# 4. refreshing another role's table, borrowing its trigger function
st=$(as na_pmallory "CALL news.refresh('bob.articles')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot refresh bob's table (got $st)"
st=$(as na_pmallory "SELECT * FROM news.refresh_batch('bob.articles')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot run a batch of bob's table (got $st)"
st=$(as na_pmallory "CALL news.trend_fold('bob.articles')")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot fold bob's trending rollup (got $st)"
st=$(as na_pmallory "SELECT news.pipeline_enqueue('bob.articles', NULL, 99)")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot queue ids for bob's table (got $st)"
st=$(as na_pmallory "CREATE TRIGGER t AFTER INSERT ON mal.a FOR EACH ROW EXECUTE FUNCTION bob.articles_enqueue()")
ok $([ "$st" = 42501 ]; echo $?) "mallory cannot attach bob's SECURITY DEFINER trigger function to her table (got $st)"
B -c "CALL news.refresh()" >/dev/null 2>&1
ok $? "bob refreshes his table"
ok $(B -c "SELECT count(DISTINCT article_id) FROM bob.articles_mentions" | grep -qx 3; echo $?) "bob's three articles are analysed"

# 5. reading another role's results
for rel in articles_mentions articles_quotes articles_vectors articles_terms articles_analysed articles_entities_daily \
	articles_trend_daily articles_trend_dirty; do
	st=$(as na_pmallory "SELECT count(*) FROM bob.$rel")
	ok $([ "$st" = 42501 ]; echo $?) "mallory cannot read bob.$rel (got $st)"
done
ok $(psql_ -d $db -U na_pcarol -c "SELECT count(*) FROM bob.articles_mentions WHERE entity = 'Olaf Scholz'" | grep -qx 1; echo $?) \
	"carol, who may read the table, reads its results"
ok $(psql_ -d $db -U na_pcarol -c "SELECT has_table_privilege('bob.articles_queue', 'SELECT')" | grep -qx f; echo $?) \
	"carol does not see the queue"
ok $(M -c "SELECT count(*) FROM news.tracking_status" | grep -qx 0; echo $?) "mallory's tracking_status does not show bob's table"
ok $(M -c "SELECT count(*) FROM news.trending('entities', '2025-03-05', '30 days', min_docs => 1)" | grep -qx 0; echo $?) \
	"mallory's trending shows none of bob's names"
ok $(psql_ -d $db -U na_pcarol -c "SELECT count(*) FROM news.trending('entities', '2025-03-05', '30 days', min_docs => 1) WHERE item = 'Boris Johnson'" | grep -qx 1; echo $?) \
	"carol's trending does"
B -c "REVOKE SELECT ON bob.articles FROM na_pcarol" -c "CALL news.refresh()" >/dev/null 2>&1
ok $(psql_ -d $db -U na_pcarol -c "SELECT has_table_privilege('bob.articles_mentions', 'SELECT')" | grep -qx f; echo $?) \
	"after bob revokes carol's SELECT on the table, the next refresh revokes it on the results"

# 6. SQL injection through names
B >/dev/null <<'SQL'
CREATE TABLE bob.canary (x int);
CREATE SCHEMA "Bob's ""res""; DROP TABLE bob.canary; --";
CREATE TABLE bob."Week's ""news""; DROP TABLE bob.canary; --" (
	"id); DROP TABLE bob.canary; --" bigint PRIMARY KEY,
	"body' || (SELECT 1); DROP TABLE bob.canary; --" text,
	"when"")--" date);
INSERT INTO bob."Week's ""news""; DROP TABLE bob.canary; --" VALUES (1, 'Vladimir Putin spoke in Moscow.', '2025-03-01');
SQL
out=$(B -c "SELECT news.track(format('bob.%I', \$\$Week's \"news\"; DROP TABLE bob.canary; --\$\$),
	\$\$id); DROP TABLE bob.canary; --\$\$, \$\$body' || (SELECT 1); DROP TABLE bob.canary; --\$\$, 'when\")--',
	result_schema => \$\$Bob's \"res\"; DROP TABLE bob.canary; --\$\$)" -c "CALL news.refresh()" 2>&1)
ok $? "a table, columns and a schema with quotes and semicolons in their names are tracked and refreshed"
ok $(B -c "SELECT count(*) FROM bob.canary" >/dev/null 2>&1; echo $?) "no injected statement ran (the canary table is there)"
ok $(B -c "SELECT count(*) FROM \"Bob's \"\"res\"\"; DROP TABLE bob.canary; --\".\"Week's \"\"news\"\"; DROP TABLE bob.canary; --_mentions\" WHERE entity = 'Vladimir Putin'" | grep -qx 1; echo $?) \
	"its results are in the named schema"
B -c "UPDATE bob.\"Week's \"\"news\"\"; DROP TABLE bob.canary; --\" SET \"when\"\")--\" = '2025-03-02'" \
	-c "DELETE FROM bob.\"Week's \"\"news\"\"; DROP TABLE bob.canary; --\"" -c "CALL news.refresh()" >/dev/null 2>&1
ok $? "its triggers queue updates and deletes"
st=$(as na_pbob "SELECT news.track('bob.articles_dates', 'article_id; DROP TABLE bob.canary', 'mention')")
ok $([ "$st" = 42703 ]; echo $?) "a column name carrying SQL is an unknown column (got $st)"
ok $(B -c "SELECT count(*) FROM bob.canary" >/dev/null 2>&1; echo $?) "the canary table is still there"

# 7. a superuser's refresh never runs another role's code
M >/dev/null <<'SQL'
CREATE TABLE mal.articles (id int PRIMARY KEY, body text);
SELECT news.track('mal.articles', 'id', 'body');
CREATE FUNCTION mal.trap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	BEGIN EXECUTE 'ALTER ROLE na_pmallory SUPERUSER'; EXCEPTION WHEN OTHERS THEN NULL; END;
	RETURN NULL;
END $$;
CREATE TRIGGER trap AFTER INSERT ON mal.articles_mentions FOR EACH STATEMENT EXECUTE FUNCTION mal.trap();
INSERT INTO mal.articles VALUES (1, 'Angela Merkel visited Paris.');
SQL
psql_ -d $db -c "CALL news.refresh()" >/dev/null 2>&1
ok $(super na_pmallory && echo 1 || echo 0) "a superuser's news.refresh() leaves mallory's table alone (mallory is no superuser)"
ok $(M -c "SELECT count(*) FROM mal.articles_queue" | grep -qx 1; echo $?) "mallory's article is still queued"
st=$(sqlstate $db "CALL news.refresh('mal.articles')")
ok $([ "$st" = 42501 ]; echo $?) "a superuser's news.refresh of mallory's table is refused (got $st)"
ok $(super na_pmallory && echo 1 || echo 0) "mallory is still no superuser"
M -c "CALL news.refresh()" >/dev/null 2>&1
ok $(M -c "SELECT count(*) FROM mal.articles_mentions" | grep -qx 2; echo $?) "mallory's own refresh analyses it, as mallory"
ok $(super na_pmallory && echo 1 || echo 0) "and her trap gains nothing"

# 8. untrack by the owner
B -c "SELECT news.untrack('bob.articles')" >/dev/null 2>&1
ok $? "bob untracks his table"
ok $(psql_ -d $db -c "SELECT count(*) FROM pg_class WHERE relname LIKE 'articles\\_%' AND relnamespace = 'bob'::regnamespace" | grep -qx 1; echo $?) \
	"his result tables are gone (the primary key index stays)"

tap_done
