#!/usr/bin/env bash
# test/t/entities_bad_input.sh: news.entities and news.quotes on bad input
# (huge, one 10 MB line, invalid bytes in a SQL_ASCII database, thousands of
# unbalanced quote marks, cancellation) and the gazetteer invalidation seen
# by another session, and dump and restore of the gazetteer.  Prints TAP
# lines.
set -u
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else nok "$1 (got '$2', want '$3')"; fi; }

# the cluster check.sh started, or a throwaway one of our own
if [ -z "${NA_PGBIN:-}" ] || [ -z "${PGPORT:-}" ]; then
	trap na_cluster_stop EXIT
	na_build && na_private_install && na_cluster_start UTF8 || { echo "not ok 1 - cluster"; exit 1; }
fi
export PGDATABASE=na_entities
na_psql -d postgres -c "DROP DATABASE IF EXISTS na_entities" -c "DROP DATABASE IF EXISTS na_entities_ascii" \
	-c "CREATE DATABASE na_entities ENCODING 'UTF8' TEMPLATE template0" \
	-c "CREATE DATABASE na_entities_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
q() { na_psql -At -c "$1" 2>&1; }
q "CREATE EXTENSION news_analytics" >/dev/null
PGDATABASE=na_entities_ascii q "CREATE EXTENSION news_analytics" >/dev/null

S="President Donald Trump met Sergei Ivanov of Gazprom in Kiev on Monday, he told Reuters. "
c1=$(q "SELECT count(*) FROM news.entities(repeat('$S', 1))")
c2=$(q "SELECT count(*) FROM news.entities(repeat('$S', 2))")
per=$((c2 - c1))
# 100 MB: every repetition gives the same entities as the second one
reps=$((100000000 / ${#S}))
start=$(date +%s)
got=$(q "SELECT count(*) FROM news.entities(repeat('$S', $reps))")
secs=$(($(date +%s) - start))
check "100 MB document: $got entities in ${secs}s" "$got" "$((c1 + (reps - 1) * per))"

# one 10 MB line without a sentence end: windows are cut inside the sentence
# (substr is linear in the offset: check the first and the last mentions)
got=$(q "SELECT count(*), bool_and(substr(b, start, length) = mention) FILTER (WHERE start < 5000 OR start > 10245000),
	count(DISTINCT entity), count(DISTINCT sentence)
	FROM (SELECT repeat('and Halvorsen Group with Maria Lindqvist ', 250000) AS b) t, news.entities(b)")
check "one 10 MB line: offsets stay exact" "$got" "500000|t|2|1"

# thousands of unbalanced quote marks: linear time
start=$(date +%s)
got=$(q "SELECT (SELECT count(*) FROM news.quotes(repeat('“', 1000000))) +
	(SELECT count(*) FROM news.quotes(repeat(E'\" \n\n', 300000))) +
	(SELECT count(*) FROM news.quotes(repeat('« ”', 300000)))")
secs=$(($(date +%s) - start))
check "2.2 million unbalanced quote marks in ${secs}s" "$got" "0"
[ "$secs" -le 20 ] && ok "unbalanced quote marks take linear time" || nok "unbalanced marks took ${secs}s"

# cancellation: statement_timeout interrupts a long call
start=$(date +%s)
got=$(q "SET statement_timeout = '300ms'; SELECT count(*) FROM news.entities(repeat('$S', $reps))" | grep -c "statement timeout")
secs=$(($(date +%s) - start))
check "statement_timeout cancels news.entities" "$got" "1"
[ "$secs" -le 10 ] && ok "cancelled within ${secs}s" || nok "cancellation took ${secs}s"
got=$(q "SET statement_timeout = '300ms'; SELECT count(*) FROM news.quotes(repeat('$S \"x\" ', $reps / 2))" | grep -c "statement timeout")
check "statement_timeout cancels news.quotes" "$got" "1"

# NULL and empty
check "NULL gives no rows" "$(q "SELECT count(*) FROM news.entities(NULL)")" "0"
check "empty gives no rows" "$(q "SELECT count(*) FROM news.entities('')")" "0"

# another session's change is seen by this session's next transaction,
# without reconnecting (one psql process, one backend)
got=$(printf '%s\n' \
	"SELECT pg_backend_pid() AS pid \\gset" \
	"SELECT string_agg(entity, ',') FROM news.entities('Zorbania is far.');" \
	"\\! $NA_PGBIN/psql -X -q -c \"INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorbania', 'Republic of Zorbania', 'LOC')\"" \
	"SELECT string_agg(entity, ',') FROM news.entities('Zorbania is far.');" \
	"\\! $NA_PGBIN/psql -X -q -c \"DELETE FROM news.gazetteer WHERE alias = 'Zorbania'\"" \
	"SELECT string_agg(entity, ',') FROM news.entities('Zorbania is far.');" \
	"SELECT pg_backend_pid() = :pid;" | na_psql -At 2>&1 | tr '\n' ' ')
check "gazetteer change in another session applies without reconnecting" "$got" "Zorbania Republic of Zorbania Zorbania t "

# pg_dump keeps the rows users added, CREATE EXTENSION brings the defaults:
# after a restore there is one copy of each
na_psql -d postgres -c "DROP DATABASE IF EXISTS na_entities_restore" -c "CREATE DATABASE na_entities_restore TEMPLATE template0" >/dev/null 2>&1
q "INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES ('Zorbania', 'Republic of Zorbania', 'LOC', NULL)" >/dev/null
before=$(q "SELECT count(*) FROM news.gazetteer")
"$NA_PGBIN/pg_dump" -d na_entities | na_psql -d na_entities_restore >/dev/null 2>&1
after=$(PGDATABASE=na_entities_restore q "SELECT count(*) FROM news.gazetteer")
check "dump and restore: same number of gazetteer rows" "$after" "$before"
check "dump and restore: the user's row is there once, not builtin" \
	"$(PGDATABASE=na_entities_restore q "SELECT count(*), bool_and(NOT builtin) FROM news.gazetteer WHERE alias = 'Zorbania'")" "1|t"
check "dump and restore: the restored gazetteer is used" \
	"$(PGDATABASE=na_entities_restore q "SELECT entity FROM news.entities('Zorbania is far.')")" "Republic of Zorbania"
na_psql -d postgres -c "DROP DATABASE na_entities_restore"

# SQL_ASCII database: invalid bytes are an error with SQLSTATE, not a crash
export PGDATABASE=na_entities_ascii
got=$(na_psql -At -c "\\set VERBOSITY sqlstate" -c "SELECT count(*) FROM news.entities(E'Kiev \\xff\\xfe Moscow')" 2>&1)
check "invalid UTF-8 in SQL_ASCII: news.entities raises 22021" "$got" "ERROR:  22021"
got=$(na_psql -At -c "\\set VERBOSITY sqlstate" -c "SELECT count(*) FROM news.quotes(E'\"Kiev \\xc3\"')" 2>&1)
check "invalid UTF-8 in SQL_ASCII: news.quotes raises 22021" "$got" "ERROR:  22021"
got=$(q "DELETE FROM news.gazetteer; INSERT INTO news.gazetteer (alias, canonical, type) VALUES (E'Bad\\xff', 'Bad', 'LOC'), ('Zorbania', 'Zorbania', 'LOC');
	SELECT string_agg(entity || ':' || type, ',') FROM news.entities('Zorbania is far.')")
check "a gazetteer row with invalid bytes is skipped" "$got" "Zorbania:LOC"
check "valid UTF-8 in SQL_ASCII works" "$(q "SELECT entity FROM news.entities('Er traf Zoë Müller in München.') WHERE type = 'PERSON'")" "Zoë Müller"
na_psql -d postgres -c "DROP DATABASE na_entities" -c "DROP DATABASE na_entities_ascii"

echo "1..$n"
