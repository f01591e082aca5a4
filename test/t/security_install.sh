#!/usr/bin/env bash
# test/t/security_install.sh: a trusted install that no ordinary role can turn
# against another.  Each check performs an attack by an ordinary role that
# installed the extension (or prepared its schema) and fails if it works:
#  - the installer cannot create objects in news, rename or take the schema,
#    so a superuser's news.tokenize(varchar_column) runs the extension's code;
#  - CREATE EXTENSION and ALTER EXTENSION UPDATE refuse a schema news that
#    holds planted objects or belongs to another ordinary role;
#  - the installer edits the gazetteer and patterns without a superuser, can
#    grant that on, and pg_dump/restore by the installer keeps the edits,
#    deleted default rows included.
set -u
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d /tmp/na_secinst.XXXXXX)
chmod 755 "$tmp"
dbs="na_sec_a na_sec_b na_sec_c na_sec_d na_sec_e na_sec_e2"
cleanup() {
	for d in $dbs; do psql_ -d postgres -c "DROP DATABASE IF EXISTS $d" 2>/dev/null; done
	psql_ -d postgres -c "DROP ROLE IF EXISTS na_mallory" -c "DROP ROLE IF EXISTS na_bob" -c "DROP ROLE IF EXISTS na_carol" -c "DROP ROLE IF EXISTS na_dave" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cleanup >/dev/null 2>&1
mkdir -p "$tmp"; chmod 755 "$tmp"
psql_ -d postgres -c "CREATE ROLE na_mallory LOGIN" -c "CREATE ROLE na_bob LOGIN" -c "CREATE ROLE na_carol LOGIN" -c "CREATE ROLE na_dave LOGIN"
for d in $dbs; do psql_ -d postgres -c "CREATE DATABASE $d OWNER na_mallory"; done
M() { psql_ -U na_mallory "$@"; }
super() { [ "$(psql_ -d postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = 'na_mallory'")" = t ]; }

# 1. the installer does not own the schema
M -d na_sec_a -c "CREATE EXTENSION news_analytics"
ok $? "an ordinary database owner installs the trusted extension"
ok $([ "$(psql_ -d na_sec_a -c "SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE nspname = 'news'")" = t ]; echo $?) \
	"schema news is owned by a superuser, not by the installer"
attack="CREATE FUNCTION news.tokenize(varchar) RETURNS text[] LANGUAGE plpgsql AS \$\$
BEGIN EXECUTE 'ALTER ROLE na_mallory SUPERUSER'; RETURN '{}'; END \$\$"
st=$(sqlstate na_sec_a "SET ROLE na_mallory; $attack")
ok $([ "$st" = 42501 ]; echo $?) "the installer cannot add an overload to news (got $st)"
psql_ -d na_sec_a -c "CREATE TABLE articles (title varchar); INSERT INTO articles VALUES ('Hello world')" \
	-c "SELECT news.tokenize(title) FROM articles" >/dev/null 2>&1
ok $(super && echo 1 || echo 0) "a superuser's news.tokenize(varchar column) does not make the installer a superuser"
for stmt in "ALTER SCHEMA news RENAME TO news_old" "ALTER SCHEMA news OWNER TO na_mallory" \
	"CREATE TABLE news.x (a int)" "CREATE VIEW news.gazetteer_v AS SELECT 1" ; do
	st=$(sqlstate na_sec_a "SET ROLE na_mallory; $stmt")
	ok $([ "$st" = 42501 ]; echo $?) "the installer cannot: $stmt (got $st)"
done
psql_ -d na_sec_a -c "SET ROLE na_mallory" -c "GRANT CREATE ON SCHEMA news TO na_bob" >/dev/null 2>&1
ok $([ "$(psql_ -d na_sec_a -c "SELECT has_schema_privilege('na_bob', 'news', 'CREATE'), has_schema_privilege('na_bob', 'news', 'USAGE')")" = "f|t" ]; echo $?) \
	"other roles have USAGE on news and nothing more"

# 2. no install into a schema someone else prepared
psql_ -d na_sec_b -c "CREATE SCHEMA news AUTHORIZATION na_bob"
st=$(sqlstate na_sec_b "CREATE EXTENSION news_analytics")
ok $([ "$st" = 42501 ]; echo $?) "a superuser's install into a schema owned by another ordinary role fails with 42501 (got $st)"
hint=$(psql_ -d na_sec_b -c "CREATE EXTENSION news_analytics" 2>&1)
ok $(echo "$hint" | grep -q "HINT:" ; echo $?) "the error carries a hint"
M -d na_sec_c -c "CREATE SCHEMA news" -c "$attack"
st=$(sqlstate na_sec_c "SET ROLE na_mallory; CREATE EXTENSION news_analytics")
ok $([ "$st" = 55006 ]; echo $?) "the installer's own schema holding a planted overload is refused with 55006 (got $st)"
st=$(sqlstate na_sec_c "CREATE EXTENSION news_analytics")
ok $([ "$st" != none ]; echo $?) "a superuser's install beside planted objects is refused too (got $st)"
ok $(psql_ -d na_sec_c -c "SELECT count(*) FROM pg_extension WHERE extname = 'news_analytics'" | grep -qx 0; echo $?) "nothing was installed"
M -d na_sec_d -c "CREATE SCHEMA news" -c "CREATE EXTENSION news_analytics"
ok $? "an empty schema the installer made itself is accepted"
ok $([ "$(psql_ -d na_sec_d -c "SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE nspname = 'news'")" = t ]; echo $?) \
	"and then belongs to a superuser"

# the upgrade from 0.1.0 (where the installer owned the schema) closes the hole
M -d na_sec_b -c "DROP SCHEMA news" -c "CREATE EXTENSION news_analytics VERSION '0.1.0'" 2>/dev/null ||
	{ psql_ -d na_sec_b -c "DROP SCHEMA news"; M -d na_sec_b -c "CREATE EXTENSION news_analytics VERSION '0.1.0'"; }
M -d na_sec_b -c "$attack"
st=$(sqlstate na_sec_b "SET ROLE na_mallory; ALTER EXTENSION news_analytics UPDATE")
ok $([ "$st" = 55006 ]; echo $?) "ALTER EXTENSION UPDATE refuses a schema holding a planted overload (got $st)"
M -d na_sec_b -c "DROP FUNCTION news.tokenize(varchar)" -c "ALTER EXTENSION news_analytics UPDATE"
ok $? "after the planted function is dropped the update runs"
st=$(sqlstate na_sec_b "SET ROLE na_mallory; $attack")
ok $([ "$st" = 42501 ]; echo $?) "after the update the installer can no longer create objects in news (got $st)"

# 3. the installer customizes the data tables without a superuser
M -d na_sec_e >/dev/null <<'SQL'
CREATE EXTENSION news_analytics;
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorbania', 'Republic of Zorbania', 'LOC');
DELETE FROM news.gazetteer WHERE alias = 'Tebboune' AND builtin;
UPDATE news.gazetteer SET canonical = 'Kyiv City' WHERE alias = 'Kyiv' AND type = 'LOC' AND builtin;
INSERT INTO news.entity_patterns (type, pattern) VALUES ('TICKER', '\$[A-Z]{2,5}\b');
UPDATE news.entity_patterns SET description = 'stock tickers';
GRANT INSERT, SELECT ON news.gazetteer TO na_carol;
SQL
ok $? "the installer inserts, updates and deletes gazetteer rows and patterns, and grants on"
st=$(sqlstate na_sec_e "SET ROLE na_carol; INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Quux', 'Quux', 'ORG')")
ok $([ "$st" = none ]; echo $?) "a role the installer granted may insert (got $st)"
st=$(sqlstate na_sec_e "SET ROLE na_dave; INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Quux2', 'Quux2', 'ORG')")
ok $([ "$st" = 42501 ]; echo $?) "a role without a grant may not (got $st)"
q_state="SELECT (SELECT count(*) FROM news.gazetteer WHERE alias = 'Zorbania'),
	(SELECT count(*) FROM news.gazetteer WHERE alias = 'Tebboune'),
	(SELECT string_agg(canonical, ',') FROM news.gazetteer WHERE alias = 'Kyiv' AND type = 'LOC'),
	(SELECT count(*) FROM news.gazetteer),
	(SELECT string_agg(type || ' ' || pattern || ' ' || description, ',') FROM news.entity_patterns),
	(SELECT string_agg(entity, ',' ORDER BY start) FROM news.entities('Zorbania and Kyiv met Tebboune. Buy \$ACME now.'))"
before=$(M -d na_sec_e -c "$q_state")
ok $(echo "$before" | grep -q '^1|0|Kyiv City|' ; echo $?) "edits are visible ($before)"
"$NA_PGBIN/pg_dump" -U na_mallory -d na_sec_e -Fc -f "$tmp/e.dump"
ok $? "the installer runs pg_dump"
"$NA_PGBIN/pg_restore" -U na_mallory -d na_sec_e2 "$tmp/e.dump" >"$tmp/restore.log" 2>&1
after=$(M -d na_sec_e2 -c "$q_state")
ok $([ "$before" = "$after" ]; echo $?) "pg_restore by the installer keeps added, changed and deleted rows ($after)"
[ "$before" = "$after" ] || sed 's/^/# /' "$tmp/restore.log" | head -20
ok $([ "$(psql_ -d na_sec_e2 -c "SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE nspname = 'news'")" = t ]; echo $?) \
	"after the restore a superuser owns news"
ok $(super && echo 1 || echo 0) "after everything, the installer is still not a superuser"
tap_done
