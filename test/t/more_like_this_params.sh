#!/usr/bin/env bash
# test/t/more_like_this_params.sh: news.more_like_this rejects each bad
# parameter with 22023 and an error that names it (it used to fail inside
# its dynamic query, with a syntax error for tbl = 0), and still answers
# with good ones.  Needs the cluster that check.sh started (PGHOST, PGPORT,
# NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_mlt_params
psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0"
psql_ -d $db -c "CREATE EXTENSION news_analytics" \
	-c "CREATE TABLE docs (id int, tv news.termvec, body text)" \
	-c "INSERT INTO docs VALUES (1, '{5:1,7:1}', 'a'), (2, '{5:1}', 'b'), (3, '{9:1}', 'c')" \
	-c "CREATE INDEX docs_tv ON docs USING gin (tv)" -c "CREATE SEQUENCE seq"

# error ARGS: "SQLSTATE|message" of news.more_like_this(ARGS)
error() {
	"$NA_PGBIN/psql" -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT * FROM news.more_like_this($1)" 2>&1 >/dev/null |
		LC_ALL=C sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): \(.*\)/\1|\2/p' | head -1
}

while IFS='|' read -r param args; do
	[ -n "$param" ] || continue
	got=$(error "$args")
	case "$got" in
		"22023|$param "*) ok 0 "more_like_this($args): 22023 naming $param (${got#*|})" ;;
		*) ok 1 "more_like_this($args): 22023 naming $param (got '$got')" ;;
	esac
done <<'CASES'
tbl|0, 'id', 'tv', '{5:1}'
tbl|987654321, 'id', 'tv', '{5:1}'
tbl|'docs_tv', 'id', 'tv', '{5:1}'
tbl|'seq', 'id', 'tv', '{5:1}'
id_column|'docs', 'nope', 'tv', '{5:1}'
id_column|'docs', 'ctid', 'tv', '{5:1}'
vec_column|'docs', 'id', 'nope', '{5:1}'
vec_column|'docs', 'id', 'body', '{5:1}'
k|'docs', 'id', 'tv', '{5:1}', -1
nterms|'docs', 'id', 'tv', '{5:1}', 10, 0
nterms|'docs', 'id', 'tv', '{5:1}', 10, -2147483648
min_shared|'docs', 'id', 'tv', '{5:1}', 10, 20, 0
min_shared|'docs', 'id', 'tv', '{5:1}', 10, 20, 65536
tbl|0, 'id', 'tv', '{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus
id_column|'docs', 'nope', 'tv', '{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus
vec_column|'docs', 'id', 'body', '{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus
k|'docs', 'id', 'tv', '{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus, -1
max_candidates|'docs', 'id', 'tv', '{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus, 10, -1
CASES

got=$(psql_ -d $db -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM news.more_like_this('docs', 'id', 'tv', '{5:1,7:1}', 10, 20, 1)")
[ "$got" = "1,2" ]; ok $? "good parameters still find the similar rows ($got)"
got=$(psql_ -d $db -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM news.more_like_this('docs', 'id', 'tv', '{5:1,7:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus)")
[ "$got" = "1,2" ]; ok $? "with a corpus: the adaptive query finds the similar rows ($got)"
for args in "0, 20" "10, 0" "10, 65"; do
	st=$(sqlstate $db "SELECT news.mlt_query('{5:1}', 'docs=3 length=4 {5:2,7:1,9:1}'::news.corpus, $args)")
	[ "$st" = 22023 ]; ok $? "news.mlt_query(probe, corpus, $args): 22023 ($st)"
done
got=$(psql_ -d $db -c "SELECT count(*) FROM news.more_like_this('docs', 'id', 'tv', '{5:1,7:1}', 0)")
[ "$got" = 0 ]; ok $? "k = 0 returns no rows ($got)"

psql_ -d postgres -c "DROP DATABASE $db"
tap_done
