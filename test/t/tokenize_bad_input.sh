#!/usr/bin/env bash
# test/t/tokenize_bad_input.sh: TAP tests of what pg_regress cannot do well:
# other database encodings, invalid bytes, 100 MB documents, cancellation
# and memory that must not grow from row to row.  Needs the cluster that
# check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs na

# 1. a database whose encoding is not UTF8 gets a clear error
for f in "news.tokenize('abc')" "news.tokens('abc')" "news.sentences('abc')" "to_tsvector('news.english', 'abc')"; do
	st=$(sqlstate na_latin1 "SELECT $f")
	[ "$st" = 0A000 ]; ok $? "LATIN1 database: $f fails with 0A000 (got $st)"
done
msg=$("$NA_PGBIN/psql" -X -d na_latin1 -c "SELECT news.tokenize('abc')" 2>&1)
echo "$msg" | grep -q 'news_analytics requires a UTF8 database'; ok $? "LATIN1 database: the message says a UTF8 database is required"

# 2. invalid UTF-8 in a SQL_ASCII database gets a clear error; valid text works
for f in "news.tokenize(E'ok \\xff bad')" "news.tokens(E'ok \\xc3\\x28')" "news.sentences(E'\\xed\\xa0\\x80')" \
	"to_tsvector('news.english', E'ok \\xff')"; do
	st=$(sqlstate na_ascii "SELECT $f")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII database: $f fails with 22021 (got $st)"
done
got=$(psql_ -d na_ascii -c "SELECT news.tokenize(E'Ukraine\\xe2\\x80\\x99s army', 'simple')")
[ "$got" = "{ukraine,army}" ]; ok $? "SQL_ASCII database: valid UTF-8 bytes are tokenized ($got)"

# 3. documents of 100 MB and more
psql_ -d na_big -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('Officials said. ', 7000000))" \
	-c "INSERT INTO big VALUES (2, repeat('x', 110000000))"
got=$(psql_ -d na_big -c "SELECT octet_length(body) > 100000000, pg_catalog.array_length(news.tokenize(body), 1) FROM big WHERE id = 1")
[ "$got" = "t|14000000" ]; ok $? "news.tokenize on a 112 MB document gives all 14,000,000 terms ($got)"
got=$(psql_ -d na_big -c "SELECT count(*) FROM big, news.sentences(body) WHERE id = 1")
[ "$got" = 7000000 ]; ok $? "news.sentences on a 112 MB document gives 7,000,000 sentences ($got)"
got=$(psql_ -d na_big -c "SELECT count(*), max(length) FROM big, news.tokens(body) WHERE id = 2")
[ "$got" = "1|110000000" ]; ok $? "news.tokens on a 110 MB single token ($got)"
got=$(psql_ -d na_big -c "SELECT coalesce(pg_catalog.array_length(news.tokenize(body), 1), 0) FROM big WHERE id = 2")
[ "$got" = 0 ]; ok $? "news.tokenize skips a 110 MB single token ($got)"
got=$(psql_ -d na_big -c "SELECT length(to_tsvector('news.english', left(body, 20000000))) FROM big WHERE id = 1")
[ "$got" = 2 ]; ok $? "to_tsvector('news.english') on 20 MB ($got lexemes)"

# 4. long calls are cancelled promptly
for f in "news.tokenize(body)" "(SELECT count(*) FROM news.tokens(body))" "(SELECT count(*) FROM news.sentences(body))"; do
	start=$(date +%s%N)
	st=$(sqlstate na_big "SET statement_timeout = '300ms'; SELECT $f FROM big WHERE id = 1")
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$st" = 57014 ] && [ $ms -lt 3000 ]; ok $? "$f on 112 MB is cancelled by statement_timeout (57014 after ${ms} ms; got $st)"
done

# 5. memory does not grow from row to row
psql_ -d na_big -c "CREATE TABLE many AS SELECT g AS id, 'Article ' || g || ': Ukraine’s ministers met U.S. officials on ' || g || ' February. ' || repeat(md5(g::text) || ' words here ', 20) AS body FROM generate_series(1, 20000) g"
mem() {
	psql_ -d na_big -c "SELECT count(news.tokenize(body)) + count(news.tokenize(body, 'simple')) FROM many WHERE id <= $1" \
		-c "SELECT sum(used_bytes) FROM pg_backend_memory_contexts"
}
m1=$(mem 2000 | tail -1)
m2=$(mem 20000 | tail -1)
[ -n "$m1" ] && [ -n "$m2" ] && [ $((m2 - m1)) -lt 1048576 ]; ok $? "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"

drop_test_dbs na
tap_done
