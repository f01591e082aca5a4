#!/usr/bin/env bash
# test/t/tsvector.sh: news.tsvector(body, config) builds exactly the tsvector
# of to_tsvector('news.<config>', body) (binary form and stored size) on
# varied text: Unicode, entities, every token kind, stopwords, tokens too
# long for a term or for a tsvector, more than 255 repeats of a word, more
# than 16,383 positions; on the Reuters + BBC articles when ../shared/data is
# there.  NULL, empty and invalid input, the 1 MB tsvector limit, a
# generated column and an index expression; a 100 MB document is cancelled
# by statement_timeout, and one that completes holds little memory.
# Needs the cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs tsv >/dev/null
db=tsv_big

# same DB CONFIG SQL: "t" when news.tsvector and to_tsvector agree on every
# text the query SQL returns (a column named body)
same() {
	psql_ -d "$1" -c "SELECT count(*) FILTER (WHERE tsvectorsend(news.tsvector(body, '$2'))
			IS DISTINCT FROM tsvectorsend(to_tsvector('news.$2', body))
		OR pg_column_size(news.tsvector(body, '$2')) IS DISTINCT FROM pg_column_size(to_tsvector('news.$2', body))) = 0
	FROM ($3) s" 2>&1 | grep -v '^NOTICE: \|^DETAIL: '
}

# 1. varied text
psql_ -d $db -c "CREATE TABLE texts (id serial, body text)" -c "INSERT INTO texts (body) VALUES
	('The U.S. Federal Reserve''s chair said prices rose 1,000.50 percent in the 1990s, Mr. Smith told Reuters.'),
	('Ukraine’s army — and Russia’s — met at 10:30 on 1996-08-22; see https://www.reuters.com/world or write to desk@example.org #Brexit @Reuters'),
	('AT&amp;T and &quot;Procter &amp; Gamble&quot; &#8217;s rivals; don&#39;t stop; #39;quoted#39; &nbsp;text'),
	('de‑escalation de-escalation soft­hyphen zero​width Ｆｕｌｌｗｉｄｔｈ ÉCOLE naïve café Straße İstanbul'),
	('Москва заявила; 北京 上海 東京; مرحبا بالعالم; emoji 😀 🇺🇦 ☕ and \$5bn €3.5m 45% +7'),
	('a an the and of to in is was it that THE The tHe'),
	(repeat('oil ', 300) || repeat('gas and ', 300)),
	(repeat('alpha beta gamma delta ', 5000) || 'omega final words'),
	(repeat('x', 1500) || ' alpha ' || repeat('y', 3000) || ' beta ' || repeat('z', 2047) || ' gamma ' || repeat('w', 2048) || ' end'),
	('   '), (E'\n\t\r '), ('...!?;:'), (''), ('e.g. i.e. J. R. R. Tolkien Feb. 3 St. Louis No. 10'),
	(E'line one\r\nline two\n\nHEADLINE IN CAPITALS\nthe 1st, 2nd and 3rd of 22/08/1996')" >/dev/null
ok $? "load the test texts"
for cfg in english simple; do
	got=$(same $db $cfg "SELECT body FROM texts")
	[ "$got" = t ]; ok $? "news.tsvector(body, '$cfg') = to_tsvector('news.$cfg', body) on every test text ($got)"
done
got=$(psql_ -d $db -c "SELECT string_agg(lexeme || ':' || cardinality(positions) || ':' || positions[1] || '-' || positions[cardinality(positions)], ' ' ORDER BY lexeme) FROM texts, unnest(news.tsvector(body)) WHERE id = 7")
[ "$got" = "gas:255:301-809 oil:255:1-255" ]
ok $? "255 positions at most per term, stopwords take a position ($got)"
got=$(psql_ -d $db -c "SELECT news.tsvector(body)::text FROM texts WHERE id = 8" | grep -o "'omega':[0-9]*\|'final':[0-9]*\|'word':[0-9]*" | tr '\n' ' ')
[ "$got" = "'final':16383 'omega':16383 'word':16383 " ]; ok $? "positions past 16,383 are 16,383 ($got)"
got=$(psql_ -d $db -c "SELECT news.tsvector(body)::text FROM texts WHERE id = 9" 2>/dev/null)
[ "$got" = "'alpha':2 'beta':3 'end':6 'gamma':5" ]
ok $? "tokens of 1,500 and 2,047 bytes take a position without a term, of 2,048 or more none ($got)"
got=$("$NA_PGBIN/psql" -X -q -At -d $db -c "SELECT news.tsvector(repeat('q', 3000))" 2>&1 >/dev/null)
want=$("$NA_PGBIN/psql" -X -q -At -d $db -c "SELECT to_tsvector('news.english', repeat('q', 3000))" 2>&1 >/dev/null)
[ "$got" = "$want" ] && echo "$got" | grep -q 'word is too long to be indexed'
ok $? "the notice of to_tsvector for a word too long to be indexed ($(echo $got))"

# 2. the shared news corpora, every article
corpora=${NA_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/data}/corpora
if [ -f "$corpora/reuters21578.jsonl" ] && [ -f "$corpora/bbc_fulltext.jsonl" ]; then
	psql_ -d $db -c "CREATE TABLE raw (j jsonb)" \
		-c "\\copy raw (j) FROM '$corpora/reuters21578.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
		-c "\\copy raw (j) FROM '$corpora/bbc_fulltext.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" >/dev/null
	narticles=$(psql_ -d $db -c "SELECT count(*) FROM raw WHERE coalesce(j->>'body', '') <> ''")
	for cfg in english simple; do
		got=$(same $db $cfg "SELECT coalesce(j->>'title', '') || E'\\n' || (j->>'body') AS body FROM raw WHERE coalesce(j->>'body', '') <> ''")
		[ "$got" = t ]; ok $? "news.tsvector(body, '$cfg') = to_tsvector('news.$cfg', body) on all $narticles Reuters + BBC articles ($got)"
	done
else
	ok 0 "# SKIP the shared corpora are not at $corpora"
fi

# 3. NULL, empty, invalid input, unknown configuration, the tsvector limit
got=$(psql_ -d $db -c "SELECT news.tsvector(NULL) IS NULL, news.tsvector('x', NULL) IS NULL, news.tsvector('') = ''::tsvector, length(news.tsvector('')), pg_column_size(news.tsvector('')) = pg_column_size(to_tsvector('news.english', ''))")
[ "$got" = "t|t|t|0|t" ]; ok $? "NULL gives NULL, empty text the empty tsvector ($got)"
st=$(sqlstate tsv_ascii "SELECT news.tsvector(E'ok \\xff bad')"); [ "$st" = 22021 ]; ok $? "invalid UTF-8 in SQL_ASCII: 22021 ($st)"
got=$(psql_ -d tsv_ascii -c "SELECT news.tsvector(E'Ukraine\\xe2\\x80\\x99s army') = to_tsvector('news.english', E'Ukraine\\xe2\\x80\\x99s army')")
[ "$got" = t ]; ok $? "valid UTF-8 in SQL_ASCII: the same tsvector ($got)"
st=$(sqlstate tsv_latin1 "SELECT news.tsvector('abc')"); [ "$st" = 0A000 ]; ok $? "LATIN1 database: 0A000 ($st)"
st=$(sqlstate $db "SELECT news.tsvector('abc', 'klingon')"); [ "$st" = 42704 ]; ok $? "unknown configuration: 42704 ($st)"
big="(SELECT string_agg(md5(i::text), ' ') FROM generate_series(1, 40000) i)"
st=$(sqlstate $db "SELECT length(news.tsvector($big))")
st_core=$(sqlstate $db "SELECT length(to_tsvector('news.english', $big))")
[ "$st" = 54000 ] && [ "$st_core" = 54000 ]
ok $? "40,000 distinct 32-byte terms exceed a tsvector: 54000, as to_tsvector ($st, $st_core)"

# 4. a generated column and an index expression (IMMUTABLE), used by @@
psql_ -d $db -c "CREATE TABLE docs (id int, body text, tsv tsvector GENERATED ALWAYS AS (news.tsvector(body)) STORED)" \
	-c "INSERT INTO docs (id, body) SELECT i, CASE WHEN i % 50 = 0 THEN 'Oil prices rose sharply' ELSE 'Shares fell ' || i END FROM generate_series(1, 5000) i" \
	-c "CREATE INDEX docs_expr ON docs USING gin (news.tsvector(body))" -c "ANALYZE docs" >/dev/null
ok $? "a generated column and an index on news.tsvector(body)"
got=$(psql_ -d $db -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT id FROM docs WHERE news.tsvector(body) @@ to_tsquery('news.english', 'oil & price')" | grep -c 'Index Cond')
[ "$got" = 1 ]; ok $? "the planner uses the expression index"
got=$(psql_ -d $db -c "SELECT count(*) FILTER (WHERE news.tsvector(body) @@ to_tsquery('news.english', 'oil & price')), count(*) FILTER (WHERE tsv @@ to_tsquery('news.english', 'oil & price')), count(*) FILTER (WHERE tsv = to_tsvector('news.english', body)) FROM docs")
[ "$got" = "100|100|5000" ]; ok $? "index, stored column and to_tsvector agree ($got)"

# 5. 100 MB: cancelled by statement_timeout; the memory it holds
psql_ -d $db -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('Officials said the U.S. Army met \"Hello there,\" Mr. Smith told Reuters on 12 March 2024. ', 1100000))" \
	-c "INSERT INTO big VALUES (2, repeat('antidisestablishmentarianisms ', 3400000))" \
	-c "INSERT INTO big VALUES (3, (SELECT string_agg(md5(i::text), ' ') FROM generate_series(1, 3000000) i))"

# timed ID: "SQLSTATE MS" of news.tsvector over document ID under a 100 ms
# statement_timeout ("none" when it completes)
timed() {
	"$NA_PGBIN/psql" -X -q -At -d $db 2>&1 <<SQL | awk '/^ERROR:/ { st = $2; sub(":", "", st) } /^ms=/ { ms = substr($0, 4) } END { print (st ? st : "none"), ms }'
\\set VERBOSITY verbose
SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
SET statement_timeout = '100ms';
SELECT length(news.tsvector(body)) FROM big WHERE id = $1;
RESET statement_timeout;
SELECT 'ms=' || round((extract(epoch FROM clock_timestamp()) - :t0) * 1000)::bigint;
SQL
}
for id in 1 2; do
	read -r st ms < <(timed $id)
	[ "$st" = 57014 ] && [ "$ms" -lt 5000 ]
	ok $? "document $id ($(psql_ -d $db -c "SELECT octet_length(body) / 1000000 FROM big WHERE id = $id") MB): cancelled with 57014 in under 5 s ($st after $ms ms)"
done

# peak ID EXPR: how much the backend's peak resident memory grows (MB)
# while it computes SELECT EXPR FROM big WHERE id = ID (errors ignored)
peak() {
	"$NA_PGBIN/psql" -X -q -At -d $db <<SQL 2>/dev/null | tail -1
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
SELECT $2 FROM big WHERE id = $1;
SELECT ((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024;
SQL
}
mb_read=$(peak 1 "md5(body)")
mb=$(peak 1 "length(news.tsvector(body))")
[ -n "$mb" ] && [ -n "$mb_read" ] && [ "$mb" -le $((mb_read + 40)) ]
ok $? "100 MB of news text: news.tsvector peak memory +$mb MB, within 40 MB of reading the text (+$mb_read MB)"
st=$(sqlstate $db "SELECT length(news.tsvector(body)) FROM big WHERE id = 3")
mb_read=$(peak 3 "md5(body)")
mb=$(peak 3 "length(news.tsvector(body))")
[ "$st" = 54000 ] && [ -n "$mb" ] && [ -n "$mb_read" ] && [ "$mb" -le $((mb_read + 40)) ]
ok $? "100 MB of distinct words: 54000 ($st) as soon as a tsvector is full, peak memory +$mb MB, within 40 MB of reading the text (+$mb_read MB)"

drop_test_dbs tsv
tap_done
