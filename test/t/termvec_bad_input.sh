#!/usr/bin/env bash
# test/t/termvec_bad_input.sh: TAP tests of term vectors, corpus statistics
# and clusterings on what pg_regress cannot do well: other database
# encodings, invalid bytes, 100 MB documents and literals, cancellation and
# memory that must not grow from row to row.  Needs the cluster that
# check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs tv

# 1. a database whose encoding is not UTF8: text functions fail clearly,
#    the types (ASCII text forms) still work
for f in "news.termvec('abc'::text)" "news.term_id('abc')"; do
	st=$(sqlstate tv_latin1 "SELECT $f")
	[ "$st" = 0A000 ]; ok $? "LATIN1 database: $f fails with 0A000 (got $st)"
done
got=$(psql_ -d tv_latin1 -c "SELECT news.cosine('{1:1,2:2,3:2}', '{2:3,4:4}')")
[ "$got" = 0.4 ]; ok $? "LATIN1 database: term vector literals and cosine work ($got)"

# 2. invalid UTF-8 in a SQL_ASCII database gets a clear error; valid text works
for f in "news.termvec(E'ok \\xff bad'::text)" "news.termvec(E'\\xed\\xa0\\x80', 'simple')"; do
	st=$(sqlstate tv_ascii "SELECT $f")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII database: $f fails with 22021 (got $st)"
done
got=$(psql_ -d tv_ascii -c "SELECT news.termvec(E'Ukraine\\xe2\\x80\\x99s army', 'simple') OPERATOR(news.=) news.termvec('Ukraine army', 'simple')")
[ "$got" = t ]; ok $? "SQL_ASCII database: valid UTF-8 gives the same terms as in UTF8 ($got)"

# 3. 100 MB documents and literals
psql_ -d tv_big -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('Officials said. ', 7000000))" \
	-c "INSERT INTO big VALUES (2, repeat('x', 110000000))"
got=$(psql_ -d tv_big -c "SELECT news.termvec(body) OPERATOR(news.=) ('{' || news.term_id('offici') || ':7000000,' || news.term_id('said') || ':7000000}')::news.termvec FROM big WHERE id = 1")
[ "$got" = t ]; ok $? "news.termvec on a 112 MB document counts 7,000,000 of each term ($got)"
got=$(psql_ -d tv_big -c "SELECT news.termvec(body)::text FROM big WHERE id = 2")
[ "$got" = "{}" ]; ok $? "news.termvec skips a 110 MB single token ($got)"
# a 2,000,000-entry literal (about 19 MB of text) and its statistics
got=$(psql_ -d tv_big -c "CREATE TABLE lit AS SELECT ('{' || string_agg(g || ':' || (g % 5 + 1), ',') || '}')::news.termvec AS tv FROM generate_series(1, 2000000) g" \
	-c "SELECT news.nnz(tv), octet_length(tv::text) > 18000000, (SELECT news.corpus_terms(news.corpus_stats(tv)) FROM lit) FROM lit")
[ "$got" = "2000000|t|2000000" ]; ok $? "a 2,000,000-entry term vector literal round-trips into statistics ($got)"
got=$(psql_ -d tv_big -c "SELECT news.clustering_size(('{' || string_agg(g || ':' || g + 1, ',') || '}')::news.clustering), news.cluster_count(('{' || string_agg(g || ':' || g + 1, ',') || '}')::news.clustering) FROM generate_series(1, 1000000) g")
[ "$got" = "1000001|1" ]; ok $? "a 1,000,000-pair clustering literal is one chain ($got)"

# 4. long calls are cancelled promptly (the literal is 8,000,000 entries)
psql_ -d tv_big -c "CREATE TABLE lit8 AS SELECT '{' || string_agg(g || ':1', ',') || '}' AS t FROM generate_series(1, 8000000) g"
for f in "news.termvec(body) FROM big WHERE id = 1" \
	"news.corpus_stats(news.termvec(body || g)) FROM big, generate_series(1, 100) g WHERE id = 1" \
	"news.nnz(t::news.termvec) FROM lit8"; do
	start=$(date +%s%N)
	st=$(sqlstate tv_big "SET statement_timeout = '300ms'; SELECT $f")
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$st" = 57014 ] && [ $ms -lt 3000 ]; ok $? "SELECT ${f:0:60}... is cancelled by statement_timeout (57014 after ${ms} ms; got $st)"
done

# 5. memory does not grow from row to row
psql_ -d tv_big -c "CREATE TABLE many AS SELECT g AS id, 'Article ' || g || ': ministers met officials on ' || g || ' February. ' || repeat(md5(g::text) || ' words here ', 20) AS body FROM generate_series(1, 20000) g" \
	-c "ALTER TABLE many ADD COLUMN tv news.termvec" -c "UPDATE many SET tv = news.termvec(body)" \
	-c "CREATE TABLE stats AS SELECT news.corpus_stats(tv) AS c FROM many"
mem() {
	psql_ -d tv_big -c "SELECT count(news.termvec(body)) + count(news.tfidf(tv, (SELECT c FROM stats))) + count(news.bm25(tv, tv, (SELECT c FROM stats))) FROM many WHERE id <= $1" \
		-c "SELECT sum(used_bytes) FROM pg_backend_memory_contexts"
}
m1=$(mem 2000 | tail -1)
m2=$(mem 20000 | tail -1)
[ -n "$m1" ] && [ -n "$m2" ] && [ $((m2 - m1)) -lt 1048576 ]; ok $? "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"

drop_test_dbs tv
tap_done
