#!/usr/bin/env bash
# test/t/clean_bad_input.sh: bad input for news.clean and news.boilerplate
# never crashes or hangs a backend: other database encodings, invalid bytes,
# 100 MB of plain text and of HTML soup, 1,000,000 nested elements,
# comments, tags and scripts of tens of MB, cancellation, and memory that
# stays bounded (the HTML parser works in windows, src/core/clean_markup.c).
# Needs the cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs cln

# 1. a database whose encoding is not UTF8 gets a clear error
for f in "news.clean('<p>abc</p>')" "(SELECT count(*) FROM news.boilerplate('abc'))"; do
	st=$(sqlstate cln_latin1 "SELECT $f")
	[ "$st" = 0A000 ]; ok $? "LATIN1 database: $f fails with 0A000 (got $st)"
done

# 2. invalid UTF-8 in a SQL_ASCII database gets a clear error; valid text works
for f in "news.clean(E'ok \\xff bad')" "news.clean(E'<p>ok</p> \\xc3\\x28')" \
	"(SELECT count(*) FROM news.boilerplate(E'Read more: \\xed\\xa0\\x80'))"; do
	st=$(sqlstate cln_ascii "SELECT $f")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII database: $f fails with 22021 (got $st)"
done
got=$(psql_ -d cln_ascii -c "SELECT news.clean(E'<p>Ukraine\\xe2\\x80\\x99s army</p><p>Share this article</p>')")
[ "$got" = "Ukraine’s army" ]; ok $? "SQL_ASCII database: valid UTF-8 is cleaned ($got)"

# timed ID EXPR: "SQLSTATE MS MB RESULT": EXPR over row ID of big, its error
# ("none" when it completes), wall time, the backend's peak memory growth
# and the result (under statement_timeout TIMEOUT, default none)
psql_ -d cln_big -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat(E'Officials said the talks would resume.\\n', 2700000))" \
	-c "INSERT INTO big VALUES (2, repeat('<p>Officials said the talks would resume.</p>', 2300000))" \
	-c "INSERT INTO big VALUES (3, repeat('<a>', 35000000))" \
	-c "INSERT INTO big VALUES (4, repeat('<div>', 1000000) || 'deep')" \
	-c "INSERT INTO big VALUES (5, '<p>before</p><!--' || repeat('x', 100000000))" \
	-c "INSERT INTO big VALUES (6, '<p>a</p><a title=\"' || repeat('x', 20000000) || '\">link text</a><p>b</p>')" \
	-c "INSERT INTO big VALUES (7, '<p>a</p><script>' || repeat('x<y ', 8000000) || '</script><p>b</p>')" \
	-c "INSERT INTO big VALUES (8, repeat(E'Share this article\\n', 1000000) || 'Text.')" \
	-c "INSERT INTO big VALUES (9, repeat('<p>Officials said the talks would resume.</p>', 500000))" \
	-c "INSERT INTO big VALUES (10, repeat('<a>', 7000000))"
timed() {
	"$NA_PGBIN/psql" -X -q -At -d cln_big 2>&1 <<SQL | awk -F'|' '/^ERROR:/ && !st { split($0, w, " "); st = w[2]; sub(":", "", st) } /^R\|/ { r = $2 " " $3 " " $4 } END { print (st ? st : "none"), r }'
\\set VERBOSITY verbose
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
\\set result ''
SET statement_timeout = '${3:-0}';
SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
SELECT $2 AS result FROM big WHERE id = $1 \\gset
RESET statement_timeout;
SELECT 'R', round((extract(epoch FROM clock_timestamp()) - :t0) * 1000)::bigint,
	((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024,
	:'result';
SQL
}

# 3. 100 MB and more: right results, bounded memory
read -r st ms mb res < <(timed 1 "octet_length(news.clean(body)) = octet_length(body) - 1")
[ "$st" = none ] && [ "$res" = t ] && [ "$mb" -lt 700 ]
ok $? "105 MB of plain text comes back whole (less its last line break) in $ms ms, peak memory +$mb MB"
read -r st ms mb res < <(timed 9 "octet_length(news.clean(body))")
[ "$st" = none ] && [ "$res" = 19999998 ] && [ "$mb" -lt 400 ]
ok $? "23 MB of HTML paragraphs in $ms ms, peak memory +$mb MB ($res bytes of text)"
read -r st ms mb res < <(timed 10 "octet_length(news.clean(body))")
[ "$st" = none ] && [ "$res" = 0 ] && [ "$mb" -lt 200 ]
ok $? "21 MB of '<a>' soup in $ms ms, peak memory +$mb MB (windows keep the tree small)"
read -r st ms mb res < <(timed 4 "news.clean(body)")
[ "$st" = none ] && [ "$res" = deep ] && [ "$ms" -lt 120000 ]
ok $? "1,000,000 nested <div> in $ms ms, peak memory +$mb MB ($res)"
read -r st ms mb res < <(timed 5 "news.clean(body)")
[ "$st" = none ] && [ "$res" = before ] && [ "$mb" -lt 700 ]
ok $? "an unclosed comment of 100 MB in $ms ms, peak memory +$mb MB ($res)"
read -r st ms mb res < <(timed 6 "replace(news.clean(body), E'\\n', ' ')")
[ "$st" = none ] && [ "$res" = "a  link text  b" ] && [ "$mb" -lt 700 ]
ok $? "a 20 MB tag (past the parser's 16 MB) is removed whole in $ms ms, peak memory +$mb MB ($res)"
read -r st ms mb res < <(timed 7 "replace(news.clean(body), E'\\n', ' ')")
[ "$st" = none ] && [ "$res" = "a  b" ] && [ "$mb" -lt 300 ]
ok $? "a 32 MB script with '<' in it in $ms ms, peak memory +$mb MB ($res)"
read -r st ms mb res < <(timed 8 "(SELECT count(*) FROM news.boilerplate(body))")
[ "$st" = none ] && [ "$res" = 1000000 ]
ok $? "news.boilerplate lists 1,000,000 share lines in $ms ms ($res rows)"

# 4. long calls are cancelled promptly: HTML (parsed at about 10 MB/s) is
# cancelled; 105 MB of plain text (cleaned at about 200 MB/s) may be done
# before the timeout, which is fine too
for id in 1 2 3; do
	for f in "octet_length(news.clean(body))" "(SELECT count(*) FROM news.boilerplate(body))"; do
		read -r st ms mb res < <(timed $id "$f" 1s)
		{ [ "$st" = 57014 ] || { [ "$id" = 1 ] && [ "$st" = none ]; }; } && [ "$ms" -lt 5000 ]
		ok $? "row $id: $f is cancelled by statement_timeout ($st after $ms ms)"
	done
done

# 5. memory does not grow from row to row
psql_ -d cln_big -c "CREATE TABLE many AS SELECT g AS id, '<html><body><nav>Home | News</nav><p>Article ' || g || '</p><p>' || repeat(md5(g::text) || ' words here ', 20) || '</p><p>Read more: Other story</p></body></html>' AS body FROM generate_series(1, 20000) g"
mem() {
	psql_ -d cln_big -c "SELECT sum(octet_length(news.clean(body))) FROM many WHERE id <= $1" \
		-c "SELECT count(*) FROM many, news.boilerplate(body) WHERE id <= $1" \
		-c "SELECT sum(used_bytes) FROM pg_backend_memory_contexts"
}
m1=$(mem 2000 | tail -1)
m2=$(mem 20000 | tail -1)
[ -n "$m1" ] && [ -n "$m2" ] && [ $((m2 - m1)) -lt 1048576 ]
ok $? "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"

drop_test_dbs cln
tap_done
