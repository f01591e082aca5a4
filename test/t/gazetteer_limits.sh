#!/usr/bin/env bash
# test/t/gazetteer_limits.sh: the gazetteer's size limits (issue 7, item 7).
# Every session compiles its own copy of news.gazetteer, so the table holds
# at most 200,000 rows and 32 MB of alias, canonical and link text.  An
# INSERT or UPDATE that goes over a limit fails with SQLSTATE 54000; a table
# that got over it anyway (trigger disabled) makes news.entities fail with
# 54000 and a hint, and works again as soon as rows are removed.
# Needs the cluster check.sh starts (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
if [ -z "${PGHOST:-}" ] || [ -z "${NA_PGBIN:-}" ]; then
	echo "1..0 # SKIP no server (run from test/check.sh)"
	exit 0
fi
LIMIT=200000
db=na_gzlimits_$$
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null &&
	psql_ -d "$db" -c "CREATE EXTENSION news_analytics" >/dev/null
ok $? "create a database with the extension"
# is DESCRIPTION GOT WANT
is() { if [ "$2" = "$3" ]; then ok 0 "$1"; else ok 1 "$1 (got '$2', want '$3')"; fi; }
q() { psql_ -d "$db" -c "$1" 2>&1; }
# message DB SQL: the error lines (message, detail, hint) of SQL
message() { "$NA_PGBIN/psql" -X -q -At -d "$1" -c "$2" 2>&1 >/dev/null | tr '\n' ' '; }
# synthetic N FROM: N rows of made-up names, numbered from FROM
synthetic() {
	echo "INSERT INTO news.gazetteer (alias, canonical, type)
		SELECT 'Zorblat ' || i, 'Zorblat ' || i, 'ORG' FROM generate_series($2, $2 + $1 - 1) i"
}
DOC="Sergei Ivanov of Gazprom met Zorblat 17 in Kiev."
want=$(q "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC')")
base=$(q "SELECT count(*) FROM news.gazetteer")

# write time: one statement that goes over the row limit
is "an INSERT that brings the table over $LIMIT rows fails with 54000" \
	"$(sqlstate "$db" "$(synthetic $((LIMIT - base + 1)) 1)")" "54000"
is "... and leaves the table as it was" "$(q "SELECT count(*) FROM news.gazetteer")" "$base"

# up to the limit is fine, for the writer and for the loader
q "$(synthetic $((LIMIT - base)) 1)" >/dev/null
is "an INSERT up to exactly $LIMIT rows succeeds" "$(q "SELECT count(*) FROM news.gazetteer")" "$LIMIT"
is "news.entities works with $LIMIT rows and finds the new names" \
	"$(q "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC')")" \
	"Sergei Ivanov/PERSON, Gazprom/ORG, Zorblat 17/ORG, Kyiv/LOC"
is "one more row fails with 54000" \
	"$(sqlstate "$db" "INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblat 0', 'Zorblat 0', 'ORG')")" "54000"
msg=$(message "$db" "INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblat 0', 'Zorblat 0', 'ORG')")
echo "# $msg"
case "$msg" in
	*"more than $LIMIT rows"*"DETAIL:"*"HINT:  Delete rows from"*) ok 0 "the error names the limit, with a detail and a hint" ;;
	*) ok 1 "the error names the limit, with a detail and a hint" ;;
esac

# load time: a table over the limit (the trigger was disabled) is refused
# by the loader, in every session, until rows are removed
q "ALTER TABLE news.gazetteer DISABLE TRIGGER gazetteer_changed;
	INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblat 0', 'Zorblat 0', 'ORG');
	ALTER TABLE news.gazetteer ENABLE TRIGGER gazetteer_changed" >/dev/null
is "with $((LIMIT + 1)) rows news.entities fails with 54000" \
	"$(sqlstate "$db" "SELECT count(*) FROM news.entities('$DOC')")" "54000"
is "... and so does news.entity_country" \
	"$(sqlstate "$db" "SELECT news.entity_country('Kiev')")" "54000"
out=$(psql_ -v ON_ERROR_STOP=0 -d "$db" 2>&1 <<SQL
SELECT count(*) FROM news.entities('$DOC');
DELETE FROM news.gazetteer WHERE alias LIKE 'Zorblat %' AND alias <> 'Zorblat 17';
SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC');
SQL
)
case "$out" in
	*"ERROR:  table news.gazetteer has more than $LIMIT rows"*) ok 0 "the session that got the error ..." ;;
	*) ok 1 "the session that got the error ... (got '$out')" ;;
esac
is "... works again once rows are removed" "$(echo "$out" | tail -1)" \
	"Sergei Ivanov/PERSON, Gazprom/ORG, Zorblat 17/ORG, Kyiv/LOC"
is "and a new session too" \
	"$(q "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC')")" \
	"Sergei Ivanov/PERSON, Gazprom/ORG, Zorblat 17/ORG, Kyiv/LOC"

# the text limit: 36 MB in one canonical name, by INSERT and by UPDATE
big="pg_catalog.repeat('Zorblat ', 4500000)"
is "an INSERT over 32 MB of text fails with 54000" \
	"$(sqlstate "$db" "INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblat 18', $big, 'ORG')")" "54000"
is "an UPDATE over 32 MB of text fails with 54000" \
	"$(sqlstate "$db" "UPDATE news.gazetteer SET canonical = $big WHERE alias = 'Zorblat 17'")" "54000"
q "ALTER TABLE news.gazetteer DISABLE TRIGGER gazetteer_changed;
	UPDATE news.gazetteer SET canonical = $big WHERE alias = 'Zorblat 17';
	ALTER TABLE news.gazetteer ENABLE TRIGGER gazetteer_changed" >/dev/null
msg=$(message "$db" "SELECT count(*) FROM news.entities('$DOC')")
echo "# $msg"
case "$msg" in
	*"ERROR:  the names in table news.gazetteer take more than 32 MB"*"HINT:"*) ok 0 "the loader refuses over 32 MB of text" ;;
	*) ok 1 "the loader refuses over 32 MB of text" ;;
esac
q "DELETE FROM news.gazetteer WHERE alias = 'Zorblat 17'" >/dev/null
is "and works again once the row is gone" \
	"$(q "SELECT string_agg(entity || '/' || type, ', ' ORDER BY start) FROM news.entities('$DOC')")" "$want"

tap_done
