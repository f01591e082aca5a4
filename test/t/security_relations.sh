#!/usr/bin/env bash
# test/t/security_relations.sh: the C code finds its own tables through the
# extension's membership, never by schema and table name (issue 7, item 2).
#
# The attack: a role that owns schema news (what 0.1.0 gave the installer;
# here granted explicitly, so the test does not depend on how the install
# assigns the schema) renames it, creates a new schema news holding views
# named gazetteer, entity_patterns and stop_entities whose columns call its
# own function, and waits for a superuser to run the extension's functions.  Under 0.1.0
# the function ran as the superuser and made the attacker a superuser.  The
# test fails if the function ever runs, if the attacker gains anything, or
# if the entities stop coming from the real gazetteer.  It also checks that
# a relation of the right name that is not the extension's own is refused
# (42501), and that DROP and CREATE EXTENSION in one session work.
# Needs the cluster check.sh starts (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
if [ -z "${PGHOST:-}" ] || [ -z "${NA_PGBIN:-}" ]; then
	echo "1..0 # SKIP no server (run from test/check.sh)"
	exit 0
fi
db=na_secrel_$$
db2=na_secrel2_$$
role=na_secrel_attacker_$$
cleanup() {
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $db2" \
		-c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
}
trap cleanup EXIT
# is DESCRIPTION GOT WANT
is() { if [ "$2" = "$3" ]; then ok 0 "$1"; else ok 1 "$1 (got '$2', want '$3')"; fi; }

psql_ -d postgres -c "CREATE ROLE $role LOGIN" -c "CREATE DATABASE $db" \
	-c "GRANT CREATE ON DATABASE $db TO $role" >/dev/null
psql_ -d "$db" -c "CREATE EXTENSION news_analytics" -c "ALTER SCHEMA news OWNER TO $role" >/dev/null
ok $? "a superuser installs the extension; the attacker owns schema news"

DOC='President Donald Trump met Mallory and Sergei Ivanov of Gazprom in Kiev. "We agreed on everything," Ivanov said.'
before=$(psql_ -d "$db" -c "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC')")

# the attack, as the attacker
psql_ -d "$db" >/dev/null <<SQL
SET ROLE $role;
ALTER SCHEMA news RENAME TO news_real;
CREATE SCHEMA news;
CREATE TABLE news.log (who text, what text);
GRANT INSERT ON news.log TO PUBLIC;
CREATE FUNCTION news.evil(what text) RETURNS text LANGUAGE plpgsql AS \$\$
BEGIN
	INSERT INTO news.log VALUES (current_user, what);
	BEGIN
		EXECUTE 'ALTER ROLE $role SUPERUSER';
	EXCEPTION WHEN OTHERS THEN NULL;
	END;
	RETURN 'PERSON';
END
\$\$;
CREATE VIEW news.gazetteer AS
	SELECT 'Sergei Ivanov'::text AS alias, 'Mallory the Attacker'::text AS canonical,
		news.evil('gazetteer') AS type, NULL::text AS link, false AS builtin;
CREATE VIEW news.entity_patterns AS
	SELECT news.evil('entity_patterns') AS type, 'Mallory'::text AS pattern, true AS enabled,
		NULL::text AS description;
CREATE VIEW news.stop_entities AS
	SELECT 'Sergei Ivanov'::text AS name, news.evil('stop_entities') AS type,
		'stop'::text AS action, NULL::text AS forced_type;
SQL
ok $? "the attacker renames schema news and plants views named gazetteer, entity_patterns and stop_entities"

# the superuser's queries, in a fresh session, with the planted schema first
# on the search_path
out=$(psql_ -d "$db" 2>&1 <<SQL
SET search_path = news, public;
SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news_real.entities('$DOC');
SELECT count(*) FROM news_real.quotes('$DOC');
SELECT count(*) FROM news_real.pattern_matches('Mallory paid \$5 million on 3 May 2024.');
SELECT news_real.entity_country('Kiev');
SQL
)
ok $? "the superuser's queries over the extension's functions succeed"
echo "$out" | sed 's/^/# /'
is "entities come from the real gazetteer, as before the attack" "$(echo "$out" | sed -n 1p)" "$before"
is "entity_country reads the real gazetteer" "$(echo "$out" | sed -n 4p)" "Ukraine"
is "the attacker's function never ran" \
	"$(psql_ -d "$db" -c "SELECT count(*) FROM news.log")" "0"
is "the attacker is not a superuser" \
	"$(psql_ -d "$db" -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$role'")" "f"
case "$out" in
	*"Mallory the Attacker"*) ok 1 "no entity from the planted gazetteer" ;;
	*) ok 0 "no entity from the planted gazetteer" ;;
esac

# a relation with the right name in the extension's schema that is not the
# extension's own is refused, and nothing of it runs
psql_ -d "$db" >/dev/null <<SQL
ALTER EXTENSION news_analytics DROP TABLE news_real.entity_patterns;
ALTER TABLE news_real.entity_patterns RENAME TO entity_patterns_real;
CREATE VIEW news_real.entity_patterns AS
	SELECT news.evil('not a member') AS type, 'Mallory'::text AS pattern, true AS enabled;
SQL
is "a relation entity_patterns that is not a member of the extension is refused with 42501" \
	"$(sqlstate "$db" "SELECT count(*) FROM news_real.entities('$DOC')")" "42501"
is "... and never read" "$(psql_ -d "$db" -c "SELECT count(*) FROM news.log")" "0"
psql_ -d "$db" >/dev/null <<SQL
DROP VIEW news_real.entity_patterns;
ALTER TABLE news_real.entity_patterns_real RENAME TO entity_patterns;
ALTER EXTENSION news_analytics ADD TABLE news_real.entity_patterns;
SQL
is "with the extension's table back, entities work again" \
	"$(psql_ -d "$db" -c "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news_real.entities('$DOC')")" "$before"
is "the attacker is still not a superuser" \
	"$(psql_ -d "$db" -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$role'")" "f"

# one session: use, DROP EXTENSION, CREATE EXTENSION, use, change, use
psql_ -d postgres -c "CREATE DATABASE $db2" >/dev/null
out=$(psql_ -d "$db2" 2>&1 <<'SQL'
CREATE EXTENSION news_analytics;
SELECT news.entity_country('Kiev');
SELECT count(*) FROM news.pattern_matches('Zorblat-42 shipped.');
DROP EXTENSION news_analytics;
CREATE EXTENSION news_analytics;
SELECT news.entity_country('Kiev');
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES ('Zorblatia', 'Zorblatia', 'LOC', 'Ukraine');
INSERT INTO news.entity_patterns (type, pattern) VALUES ('PRODUCT', 'Zorblat-\d+');
SELECT news.entity_country('Zorblatia');
SELECT string_agg(mention || '/' || type, ', ') FROM news.pattern_matches('Zorblat-42 shipped.');
INSERT INTO news.stop_entities (name) VALUES ('Zorblatia');
SELECT count(*) FROM news.entities('Zorblatia is far.');
SQL
)
is "DROP and CREATE EXTENSION in one session: the new tables are found and followed" \
	"$(echo "$out" | tr '\n' ' ')" "Ukraine 0 Ukraine Ukraine Zorblat-42/PRODUCT 0 "

tap_done
