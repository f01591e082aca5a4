#!/usr/bin/env bash
# test/t/minhash_bad_input.sh: TAP tests of the near-duplicate functions for
# what pg_regress cannot do well: other database encodings, invalid bytes,
# 100 MB documents, cancellation, memory from row to row, and the GIN index
# after a crash (immediate shutdown, WAL replay).  Needs the cluster that
# check.sh started (PGHOST, PGPORT, NA_PGBIN, NA_DATA, NA_TMP).
set -u
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs mh

# 1. a database whose encoding is not UTF8 gets a clear error
for f in "news.minhash('abc'::text)" "news.simhash('abc')" "news.shingle_jaccard('abc', 'abd')"; do
	st=$(sqlstate mh_latin1 "SELECT $f")
	[ "$st" = 0A000 ]; ok $? "LATIN1 database: $f fails with 0A000 (got $st)"
done

# 2. invalid UTF-8 in a SQL_ASCII database gets a clear error; valid text works
for f in "news.minhash(E'ok \\xff bad'::text)" "news.simhash(E'ok \\xc3\\x28')" \
	"news.shingle_jaccard('ok', E'\\xed\\xa0\\x80')"; do
	st=$(sqlstate mh_ascii "SELECT $f")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII database: $f fails with 22021 (got $st)"
done
got=$(psql_ -d mh_ascii -c "SELECT news.shingle_jaccard(E'Caf\\xc3\\xa9 prices rose sharply again', 'café prices rose sharply again')")
[ "$got" = 1 ]; ok $? "SQL_ASCII database: valid UTF-8 bytes are shingled ($got)"

# 3. documents of 100 MB and more
psql_ -d mh_big -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('Officials said. ', 7000000))" \
	-c "INSERT INTO big VALUES (2, repeat('x', 110000000))"
small="'officials said officials said officials said'"
got=$(psql_ -d mh_big -c "SELECT octet_length(body) > 100000000, news.jaccard(news.minhash(body), news.minhash($small::text)) FROM big WHERE id = 1")
[ "$got" = "t|1" ]; ok $? "news.minhash on a 112 MB document: the same two shingles as a short text ($got)"
got=$(psql_ -d mh_big -c "SELECT news.shingle_jaccard(body, $small) FROM big WHERE id = 1")
[ "$got" = 1 ]; ok $? "news.shingle_jaccard on a 112 MB document ($got)"
got=$(psql_ -d mh_big -c "SELECT news.simhash(body) = news.simhash($small) FROM big WHERE id = 1")
[ "$got" = t ]; ok $? "news.simhash on a 112 MB document ($got)"
got=$(psql_ -d mh_big -c "SELECT news.jaccard(news.minhash(body), news.minhash(''::text)), news.jaccard(news.minhash(body), news.minhash(repeat('X', 110000000))) FROM big WHERE id = 2")
[ "$got" = "0|1" ]; ok $? "news.minhash on a 110 MB single term ($got)"

# 4. long calls are cancelled promptly
for f in "news.minhash(body)" "news.simhash(body)" "news.shingle_jaccard(body, body)"; do
	start=$(date +%s%N)
	st=$(sqlstate mh_big "SET statement_timeout = '300ms'; SELECT $f FROM big WHERE id = 1")
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$st" = 57014 ] && [ $ms -lt 3000 ]; ok $? "$f on 112 MB is cancelled by statement_timeout (57014 after ${ms} ms; got $st)"
done

# 5. memory does not grow from row to row
psql_ -d mh_big -c "CREATE TABLE many AS SELECT g AS id, 'Article ' || g || ': ministers met officials on ' || g || ' February. ' || repeat(md5(g::text) || ' words here ', 20) AS body FROM generate_series(1, 20000) g"
mem() {
	psql_ -d mh_big -c "SELECT count(news.minhash(body)) + count(news.simhash(body)) + sum(news.shingle_jaccard(body, 'words here')) + sum(news.jaccard(news.minhash(body, 64), news.minhash(body || ' x', 64))) FROM many WHERE id <= $1" \
		-c "SELECT sum(used_bytes) FROM pg_backend_memory_contexts"
}
m1=$(mem 2000 | tail -1)
m2=$(mem 20000 | tail -1)
[ -n "$m1" ] && [ -n "$m2" ] && [ $((m2 - m1)) -lt 1048576 ]; ok $? "backend memory after 2,000 rows ($m1 B) and 20,000 rows ($m2 B) differs by less than 1 MB"

# 6. the GIN index survives a crash: rows inserted after CREATE INDEX (some
# through the pending list) are found after WAL replay, as by a table scan
psql_ -d mh_big -c "CREATE TABLE docs (id int, sig news.minhash)" \
	-c "INSERT INTO docs SELECT id, news.minhash(body) FROM many WHERE id <= 5000" \
	-c "CREATE INDEX docs_sig ON docs USING gin (sig news.minhash_ops) WITH (fastupdate = on)" \
	-c "INSERT INTO docs SELECT id + 100000, news.minhash(body) FROM many WHERE id <= 3000" \
	-c "CHECKPOINT" \
	-c "INSERT INTO docs SELECT id + 200000, news.minhash(body) FROM many WHERE id <= 3000"
na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -m immediate stop >/dev/null 2>&1
na_as_pg "$NA_PGBIN/pg_ctl" -D "$NA_DATA" -l "$NA_TMP/server-UTF8.log" -w start >/dev/null 2>&1
ok $? "server restarts after an immediate shutdown"
q="SELECT string_agg(d.id::text, ',' ORDER BY d.id) FROM docs d WHERE d.sig OPERATOR(news.%) (SELECT sig FROM docs WHERE id = 42)"
idx=$(psql_ -d mh_big -c "SET enable_seqscan = off" -c "SET news_analytics.minhash_threshold = 0.8" -c "$q")
seq=$(psql_ -d mh_big -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" -c "SET news_analytics.minhash_threshold = 0.8" -c "$q")
plan=$(psql_ -d mh_big -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) $q")
[ "$idx" = "42,100042,200042" ] && [ "$idx" = "$seq" ] && echo "$plan" | grep -q "Bitmap Index Scan on docs_sig"
ok $? "after recovery the index finds the rows inserted before the crash ($idx; table scan: $seq)"
got=$(psql_ -d mh_big -c "SET enable_seqscan = off" -c "SET news_analytics.minhash_threshold = 0.8" \
	-c "SELECT count(*) FROM docs a WHERE NOT EXISTS (SELECT 1 FROM docs b WHERE b.sig OPERATOR(news.%) a.sig AND b.id = a.id)")
[ "$got" = 0 ]; ok $? "after recovery every row finds itself through the index ($got missing)"

# 7. index answers equal table-scan answers in the exact range (t > 1 - 42/128),
# where a query looks up only k - ceil(t k) + 1 bands, on copies with seeded
# edits spread around the thresholds
psql_ -d mh_big -c "CREATE TABLE ed AS
	SELECT m.id * 100 + c AS id,
		   CASE WHEN c = 0 THEN body ELSE overlay(body PLACING 'edited' FROM 1 + (hashint4(m.id * 100 + c) & 1023) % length(body) FOR c * 3) END AS body
	FROM many m, generate_series(0, 9) c WHERE m.id <= 300" \
	-c "ALTER TABLE ed ADD COLUMN sig news.minhash" -c "UPDATE ed SET sig = news.minhash(body)" \
	-c "CREATE INDEX ed_sig ON ed USING gin (sig news.minhash_ops)" -c "ANALYZE ed"
for t in 0.68 0.8 0.9 0.95; do
	q="SELECT count(*) || ':' || md5(string_agg(a.id || '-' || b.id, ',' ORDER BY a.id, b.id)) FROM ed a JOIN ed b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id"
	idx=$(psql_ -d mh_big -c "SET enable_seqscan = off" -c "SET news_analytics.minhash_threshold = $t" -c "$q")
	seq=$(psql_ -d mh_big -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" -c "SET news_analytics.minhash_threshold = $t" -c "$q")
	[ "$idx" = "$seq" ] && [ "${idx%%:*}" -gt 0 ]; ok $? "threshold $t: index and table scan return the same ${idx%%:*} pairs"
done

drop_test_dbs mh
tap_done
