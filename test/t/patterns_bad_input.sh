#!/usr/bin/env bash
# test/t/patterns_bad_input.sh: bad input for news.pattern_matches,
# news.dates and news.entity_patterns never crashes or hangs a backend:
# NULL, empty, 10 MB single lines, 100 MB, invalid bytes (SQL_ASCII
# database), catastrophic and empty-matching user patterns, cancellation of
# a slow pattern, and invalidation of the pattern set across sessions.
# Needs the cluster check.sh starts (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
if [ -z "${PGHOST:-}" ] || [ -z "${NA_PGBIN:-}" ]; then
	echo "1..0 # SKIP no server (run from test/check.sh)"
	exit 0
fi
db=pat_bad_input_$$
db2=pat_bad_ascii_$$
psql() { "$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
	psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $db2" >/dev/null 2>&1
}
trap cleanup EXIT
psql -d postgres -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0" >/dev/null &&
	psql -d "$db" -c "CREATE EXTENSION news_analytics" >/dev/null || { notok "create a test database"; echo "1..$n"; exit 1; }

# is NAME EXPECTED SQL: the single value SQL prints is EXPECTED
is() {
	local got
	got=$(psql -d "$db" -c "$3" 2>&1)
	if [ "$got" = "$2" ]; then ok "$1"; else notok "$1"; echo "#   got: $(echo "$got" | head -3)"; echo "#   want: $2"; fi
}
# fails NAME SQLSTATE SQL: SQL fails with SQLSTATE, and the backend lives on
fails() {
	local out
	out=$(psql -d "$db" -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" -c "$3" 2>&1)
	if echo "$out" | grep -q "ERROR:  $2:"; then ok "$1 ($2)"; else notok "$1 ($2)"; echo "$out" | head -3 | sed 's/^/#   /'; fi
}
# timed NAME SECONDS SQL: SQL succeeds within SECONDS
timed() {
	local t0 t1 out
	t0=$(date +%s.%N)
	out=$(psql -d "$db" -c "$3" 2>&1)
	local rc=$?
	t1=$(date +%s.%N)
	local secs
	secs=$(echo "$t1 - $t0" | bc 2>/dev/null || awk "BEGIN{print $t1 - $t0}")
	if [ $rc -eq 0 ] && awk "BEGIN{exit !($secs < $2)}"; then
		ok "$1 (${secs%???????}s, $out)"
	else
		notok "$1 (rc $rc, ${secs}s)"
		echo "$out" | head -3 | sed 's/^/#   /'
	fi
}

# NULL and empty
is "pattern_matches(NULL) gives no rows" 0 "SELECT count(*) FROM news.pattern_matches(NULL)"
is "dates(NULL) gives no rows" 0 "SELECT count(*) FROM news.dates(NULL)"
is "dates(NULL, date) gives no rows" 0 "SELECT count(*) FROM news.dates(NULL, '2025-01-01')"
is "empty text gives no rows" 0 "SELECT count(*) FROM news.pattern_matches('') UNION ALL SELECT count(*) FROM news.dates('', NULL) LIMIT 1"
is "NULL published leaves relative dates unresolved" "day|t" "SELECT grain, date IS NULL FROM news.dates('yesterday', NULL)"

# huge inputs
timed "10 MB single line of letters" 30 "SELECT count(*) FROM news.pattern_matches(repeat('a', 10 * 1024 * 1024))"
timed "10 MB single line of digits" 30 "SELECT count(*) FROM news.pattern_matches(repeat('7', 10 * 1024 * 1024))"
timed "10 MB single line of percentages" 60 "SELECT count(*) FROM news.pattern_matches(repeat('1% ', 3495253))"
is "every match of a 10 MB line of dates is resolved" "699051|699051" \
	"SELECT count(*), count(date) FROM news.dates(repeat('Feb. 12, 2025 ', 699051), '2025-03-01')"
timed "100 MB text" 120 "SELECT count(*) FROM news.pattern_matches(repeat('x', 100 * 1024 * 1024))"
timed "a 10 MB e-mail-like line (no quadratic backtracking)" 60 "SELECT count(*) FROM news.pattern_matches(repeat('a.', 5 * 1024 * 1024) || '@')"

# hostile user patterns
psql -d "$db" -c "INSERT INTO news.entity_patterns (type, pattern) VALUES ('EVIL', '(a+)+\$')" >/dev/null
fails "catastrophic backtracking stops at the match limit" 54000 \
	"SELECT * FROM news.pattern_matches('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')"
is "the backend is still alive" 1 "SELECT 1"
psql -d "$db" -c "DELETE FROM news.entity_patterns" \
	-c "INSERT INTO news.entity_patterns (type, pattern) VALUES ('EMPTY', 'x*'), ('NOWHERE', '\\b'), ('LOOK', '(?=a)')" >/dev/null
timed "patterns matching the empty string over a 10 MB line terminate" 60 \
	"SELECT count(*) FROM news.pattern_matches(repeat('ab ', 3 * 1024 * 1024))"
psql -d "$db" -c "DELETE FROM news.entity_patterns" \
	-c "INSERT INTO news.entity_patterns (type, pattern) VALUES ('SLOW', '(a|aa)+b')" >/dev/null
out=$(psql -d "$db" -c "SET statement_timeout = '1s'" \
	-c "SELECT count(*) FROM news.pattern_matches(repeat(repeat('a', 24) || '!', 100000))" 2>&1)
if echo "$out" | grep -q "canceling statement due to statement timeout"; then
	ok "a slow (but not catastrophic) pattern can be cancelled"
else
	notok "a slow (but not catastrophic) pattern can be cancelled"
	echo "$out" | head -3 | sed 's/^/#   /'
fi
psql -d "$db" -c "DELETE FROM news.entity_patterns" >/dev/null
fails "a pattern that does not compile is rejected" 2201B \
	"INSERT INTO news.entity_patterns (type, pattern) VALUES ('BAD', '(?<=a+)b')"
fails "an over-long pattern is rejected" 2201B \
	"INSERT INTO news.entity_patterns (type, pattern) VALUES ('LONG', repeat('a', 40000))"
is "a valid 20 KB pattern of random literals is accepted and used" 1 \
	"WITH p AS (SELECT string_agg(md5(g::text), '' ORDER BY g) AS pat FROM generate_series(1, 640) g),
	 ins AS (INSERT INTO news.entity_patterns (type, pattern) SELECT 'LONG', pat FROM p RETURNING 1)
	 SELECT count(*) FROM ins"
is "the long pattern matches" 1 \
	"SELECT count(*) FROM news.pattern_matches((SELECT 'x ' || string_agg(md5(g::text), '' ORDER BY g) || ' y' FROM generate_series(1, 640) g)) WHERE type = 'LONG'"
fails "the same type and pattern cannot be added twice" 23505 \
	"INSERT INTO news.entity_patterns (type, pattern) SELECT type, pattern FROM news.entity_patterns WHERE type = 'LONG'"
psql -d "$db" -c "DELETE FROM news.entity_patterns" >/dev/null
fails "a pattern of 10000 nested groups is rejected" 2201B \
	"INSERT INTO news.entity_patterns (type, pattern) VALUES ('DEEP', repeat('(', 10000) || 'a' || repeat(')', 10000))"

# invalidation: a change in another session applies to this session's next query
out=$(psql -d "$db" <<SQL 2>&1
SELECT count(*) FROM news.pattern_matches('ticker NYSE:ACME');
\\! "$NA_PGBIN/psql" -X -q -d "$db" -c "INSERT INTO news.entity_patterns (type, pattern) VALUES ('TICKER', 'NYSE:[A-Z]+')"
SELECT count(*) FROM news.pattern_matches('ticker NYSE:ACME');
\\! "$NA_PGBIN/psql" -X -q -d "$db" -c "UPDATE news.entity_patterns SET enabled = false"
SELECT count(*) FROM news.pattern_matches('ticker NYSE:ACME');
SQL
)
if [ "$(echo $out)" = "0 1 0" ]; then
	ok "changes to news.entity_patterns in another session apply at the next query"
else
	notok "changes to news.entity_patterns in another session apply at the next query"
	echo "#   got: $(echo $out)"
fi

# memory does not grow from row to row, nor after scans that fail
psql -d "$db" -c "CREATE TABLE many AS SELECT g AS id, 'On Feb. ' || (g % 28 + 1) || ' prices rose ' || g || '% to \$' || g || 'bn, last week, at 10:30 a.m. ' || repeat(md5(g::text) || ' words ', 20) AS body FROM generate_series(1, 20000) g" >/dev/null
mem() {
	psql -d "$db" -c "SELECT count(*) FROM many, news.pattern_matches(body) WHERE id <= $1" \
		-c "SELECT count(*) FROM many, news.dates(body, '2025-01-01') WHERE id <= $1" \
		-c "SELECT sum(used_bytes) FROM pg_backend_memory_contexts" | tail -1
}
m1=$(mem 2000)
m2=$(mem 20000)
if [ -n "$m1" ] && [ -n "$m2" ] && [ $((m2 - m1)) -lt 1048576 ]; then
	ok "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"
else
	notok "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"
fi
psql -d "$db" -c "INSERT INTO news.entity_patterns (type, pattern) VALUES ('EVIL', '(a+)+\$')" >/dev/null
failing() {
	{
		for i in $(seq "$1"); do
			echo "SELECT count(*) FROM news.pattern_matches(repeat('a', 32) || '!');"
		done
		echo "SELECT sum(used_bytes) FROM pg_backend_memory_contexts;"
	} | "$NA_PGBIN/psql" -X -q -At -d "$db" 2>/dev/null | tail -1
}
f1=$(failing 5)
f2=$(failing 100)
if [ -n "$f1" ] && [ -n "$f2" ] && [ $((f2 - f1)) -lt 1048576 ]; then
	ok "backend memory after 5 ($f1 B) and 100 ($f2 B) scans stopped by the match limit differs by less than 1 MB"
else
	notok "backend memory after 5 ($f1 B) and 100 ($f2 B) scans stopped by the match limit differs by less than 1 MB"
fi
psql -d "$db" -c "DELETE FROM news.entity_patterns" >/dev/null

# user patterns survive pg_dump and restore (pg_extension_config_dump)
db3=pat_restore_$$
psql -d "$db" -c "INSERT INTO news.entity_patterns (type, pattern, description) VALUES ('TICKER', 'NYSE:[A-Z]+', 'it''s a ticker'), ('RATE', '\\d+ bps', NULL)" >/dev/null
psql -d postgres -c "CREATE DATABASE $db3 TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
if "$NA_PGBIN/pg_dump" -d "$db" -Fp 2>"$NA_TMP/pat_dump.err" | "$NA_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$db3" >/dev/null 2>"$NA_TMP/pat_restore.err"; then
	got=$(psql -d "$db3" -c "SELECT string_agg(type || '=' || pattern, ' ' ORDER BY type) FROM news.entity_patterns" \
		-c "SELECT string_agg(type || ':' || mention, ' ') FROM news.pattern_matches('NYSE:ACME cut 25 bps')" 2>&1 | tr '\n' ' ')
	if [ "$got" = "RATE=\d+ bps TICKER=NYSE:[A-Z]+ TICKER:NYSE:ACME RATE:25 bps " ]; then
		ok "user patterns survive pg_dump and restore"
	else
		notok "user patterns survive pg_dump and restore"
		echo "#   got: $got"
	fi
else
	notok "user patterns survive pg_dump and restore"
	tail -3 "$NA_TMP/pat_dump.err" "$NA_TMP/pat_restore.err" | sed 's/^/#   /'
fi
psql -d postgres -c "DROP DATABASE IF EXISTS $db3" >/dev/null
psql -d "$db" -c "DELETE FROM news.entity_patterns" >/dev/null

# invalid bytes: only possible in a SQL_ASCII database
psql -d postgres -c "CREATE DATABASE $db2 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null &&
	psql -d "$db2" -c "CREATE EXTENSION news_analytics" >/dev/null
for q in "SELECT * FROM news.pattern_matches(convert_from('\\x352520ff203325'::bytea, 'SQL_ASCII'))" \
	"SELECT * FROM news.pattern_matches(convert_from('\\x352520c0af'::bytea, 'SQL_ASCII'))" \
	"SELECT * FROM news.dates(convert_from('\\x6f6e204665622e20313220eda080'::bytea, 'SQL_ASCII'), '2025-01-01')" \
	"INSERT INTO news.entity_patterns (type, pattern) VALUES ('BYTES', convert_from('\\x61ff62'::bytea, 'SQL_ASCII'))"; do
	out=$(psql -d "$db2" -c "\\set VERBOSITY verbose" -c "$q" 2>&1)
	if echo "$out" | grep -q "ERROR:  22021: invalid byte sequence"; then
		ok "invalid UTF-8 is rejected with 22021: ${q:0:75}"
	else
		notok "invalid UTF-8 is rejected with 22021: ${q:0:75}"
		echo "$out" | head -3 | sed 's/^/#   /'
	fi
done
is "the server is still up" 1 "SELECT 1"
echo "1..$n"
