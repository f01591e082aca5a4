#!/usr/bin/env bash
# test/t/cancel_large.sh: every function that reads a whole document honours
# statement_timeout on 100 MB within a few seconds, as the core text search
# parser does, and the text search parser holds no more memory than the
# core one when it is cancelled.  Three documents: long words (quick to
# scan, slow to stem: the parser used to scan the whole text first, then
# hand out its tokens without checking for interrupts), news text, and
# "Mr. J. " repeated (every byte a candidate for the pattern layer's
# literal prefilter).  Needs the cluster that check.sh started (PGHOST,
# PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_cancel
psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0"
psql_ -d $db -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE big (id int, body text)" \
	-c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('antidisestablishmentarianisms ', 3400000))" \
	-c "INSERT INTO big VALUES (2, repeat('Officials said the U.S. Army met \"Hello there,\" Mr. Smith told Reuters on 12 March 2024. ', 1000000))" \
	-c "INSERT INTO big VALUES (3, repeat('Mr. J. ', 15000000))"

# timed ID EXPR [TIMEOUT]: "SQLSTATE MS MB": the error of SELECT EXPR FROM
# big WHERE id = ID under a statement_timeout (1 s unless TIMEOUT is given;
# "none" when it completes), its wall time, and how much the backend's peak
# resident memory grew
timed() {
	"$NA_PGBIN/psql" -X -q -At -d $db 2>&1 <<SQL | awk -F'|' '/^ERROR:/ { split($0, w, " "); st = w[2]; sub(":", "", st) } /^[0-9]+\|-?[0-9]+$/ { r = $1 " " $2 } END { print (st ? st : "none"), r }'
\\set VERBOSITY verbose
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
SET statement_timeout = '${3:-1s}';
SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
SELECT $2 FROM big WHERE id = $1;
RESET statement_timeout;
SELECT round((extract(epoch FROM clock_timestamp()) - :t0) * 1000)::bigint,
	((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024;
SQL
}

# 1. the text search parser and dictionaries: 57014 within 5 s, cut after
# 200 ms as core to_tsvector('english') is (news.simple reads 100 MB of long
# words in under a second on an idle machine, so a 1 s timeout let it
# finish).  Memory is compared below on texts both finish: at a cancel it
# only tells how far each got in 200 ms, which the machine's load decides.
for id in 1 2; do
	read -r st_core ms_core mb_core < <(timed $id "length(to_tsvector('english', body))" 200ms)
	echo "# reference, not a test: document $id: core to_tsvector('english') is cancelled with $st_core after $ms_core ms, peak memory +$mb_core MB"
	for cfg in news.english news.simple; do
		read -r st ms mb < <(timed $id "length(to_tsvector('$cfg', body))" 200ms)
		[ "$st" = 57014 ] && [ "$ms" -lt 5000 ]
		ok $? "document $id: to_tsvector('$cfg') is cancelled with 57014 in under 5 s (got $st after $ms ms)"
	done
done

# peak EXPR: how much the backend's peak resident memory grows (MB) while
# it computes SELECT EXPR, without a timeout
peak() {
	"$NA_PGBIN/psql" -X -q -At -d $db -v ON_ERROR_STOP=1 <<SQL 2>&1 | tail -1
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
SELECT $1;
SELECT ((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024;
SQL
}

# the first 10 MB of each document, read to the end: no more peak memory
# than core to_tsvector('english') needs for them (plus 20 MB of slack)
for id in 1 2; do
	mb_core=$(peak "(SELECT length(to_tsvector('english', left(body, 10000000))) FROM big WHERE id = $id)")
	for cfg in news.english news.simple; do
		mb=$(peak "(SELECT length(to_tsvector('$cfg', left(body, 10000000))) FROM big WHERE id = $id)")
		[ -n "$mb" ] && [ -n "$mb_core" ] && [ "$mb" -le $((mb_core + 20)) ]
		ok $? "document $id, first 10 MB: to_tsvector('$cfg') peak memory +$mb MB, not above core english's +$mb_core MB"
	done
done

# the parser holds no array of every token: on 5,000,000 tokens (stopwords,
# so that no lexeme is kept) it needs less memory than the core parser
mb_core=$(peak "length(to_tsvector('english', repeat('a ', 5000000)))")
mb=$(peak "length(to_tsvector('news.english', repeat('a ', 5000000)))")
[ -n "$mb" ] && [ -n "$mb_core" ] && [ "$mb" -le "$mb_core" ]
ok $? "5,000,000 tokens: to_tsvector('news.english') peak memory +$mb MB, not above to_tsvector('english')'s +$mb_core MB"

# 2. ts_headline with a huge MaxWords is linear in the document (it was
# quadratic, and not cancellable: minutes on 3 MB)
read -r st ms mb < <(timed 1 "length(ts_headline('news.english', repeat('hello world ', 250000), 'hello', 'MaxWords=100000000, MinWords=1'))")
[ "$ms" -lt 5000 ]
ok $? "ts_headline with MaxWords=100000000 on 3 MB ends in under 5 s ($st after $ms ms)"

# 3. every function over a whole document, on each of the three documents,
# under a 100 ms timeout: no function reads 100 MB that fast, so each must
# stop on the interrupt (under 1 s, some completed on an idle machine and
# the test then proved nothing about their loops)
for id in 1 2 3; do
	for f in "length(ts_headline('news.english', body, 'hello'))" \
		"cardinality(news.tokenize(body))" "length(news.tsvector(body))" "(SELECT count(*) FROM news.tokens(body))" \
		"(SELECT count(*) FROM news.sentences(body))" "(SELECT count(*) FROM news.entities(body))" \
		"(SELECT count(*) FROM news.quotes(body))" "(SELECT count(*) FROM news.dates(body))" \
		"(SELECT count(*) FROM news.dates(body, '2024-01-01'::date))" \
		"(SELECT count(*) FROM news.dates(body, '2024-01-01'::timestamptz))" \
		"(SELECT count(*) FROM news.pattern_matches(body))" "news.nnz(news.termvec(body))" \
		"news.minhash(body) IS NULL" "news.simhash(body) IS NULL" \
		"(SELECT count(*) FROM news.sentiment(body))" "(SELECT count(*) FROM news.sentiment(body, 'Smith'))" \
		"(SELECT count(*) FROM news.entity_sentiment(body))" \
		"(SELECT count(*) FROM news.keywords(body))" "(SELECT count(*) FROM news.summary(body))" \
		"news.keywords_agg(body) IS NULL" "news.summary_agg(body) IS NULL"; do
		read -r st ms mb < <(timed $id "$f" 100ms)
		[ "$st" = 57014 ] && [ "$ms" -lt 5000 ]
		ok $? "document $id: $f is cancelled with 57014 in under 5 s (got $st after $ms ms, +$mb MB)"
	done
done

# 4. learned entity models: training on a 100 MB example and tagging 100 MB
# with a model stop on the interrupt too
psql_ -d $db -c "SELECT documents FROM news.train_entity_model('small', \$\$SELECT 'The tanker Sea Falcon docked.', '[{\"start\": 12, \"length\": 10, \"type\": \"SHIP\"}]'::jsonb\$\$)" >/dev/null
for id in 1 2 3; do
	for f in "(SELECT documents FROM news.train_entity_model('big', 'SELECT body, ''[{\"start\": 1, \"length\": 3, \"type\": \"X\"}]''::jsonb FROM big WHERE id = $id'))" \
		"(SELECT count(*) FROM news.entities(body, 'small'))" \
		"(SELECT count(*) FROM news.quotes(body, 'small'))"; do
		read -r st ms mb < <(timed $id "$f" 100ms)
		[ "$st" = 57014 ] && [ "$ms" -lt 5000 ]
		ok $? "document $id: $f is cancelled with 57014 in under 5 s (got $st after $ms ms, +$mb MB)"
	done
done
# the training loop itself: 100 passes over 1 MB of news text take far more
# than a second; added in a few ms, the example is then trained on
read -r st ms mb < <(timed 2 "(SELECT documents FROM news.train_entity_model('long', 'SELECT left(body, 1000000), ''[{\"start\": 20, \"length\": 9, \"type\": \"ORG\"}]''::jsonb FROM big WHERE id = 2', epochs => 100))" 1s)
[ "$st" = 57014 ] && [ "$ms" -lt 5000 ]
ok $? "training 100 epochs on 1 MB is cancelled with 57014 in under 5 s (got $st after $ms ms, +$mb MB)"
# the spans of one example: three million of them (150 MB of jsonb) are
# read one by one before the trainer sees them (that loop did not check for
# interrupts: cancelled about 2 s after the spans were read, on a machine
# where reading them takes 0.9 s).  Reading the jsonb itself cannot be
# cancelled and takes from under a second to several on a loaded machine, so
# the bound is the timeout plus twice the longer of two reads measured around
# the cancelled call: with the check the call stops as the read ends (0.8 to
# 1.4 s against reads of 0.8 to 1.4 s), without it 3.0 to 3.1 s against reads
# of 0.8 to 1.0 s, seen in session 15
psql_ -d $db -c "CREATE TABLE spans AS SELECT repeat('Bob ', 3000000) AS body,
	(SELECT jsonb_agg(jsonb_build_object('start', 1 + 4 * g, 'length', 3, 'type', 'PERSON')) FROM generate_series(0, 2999999) g) AS s"
read -r _ read1 _ < <(timed 1 "(SELECT jsonb_array_length(s) FROM spans)" 120s)
read -r st ms mb < <(timed 1 "(SELECT documents FROM news.train_entity_model('spans', 'SELECT body, s FROM spans'))" 500ms)
read -r _ read2 _ < <(timed 1 "(SELECT jsonb_array_length(s) FROM spans)" 120s)
ms_read=$((read1 > read2 ? read1 : read2))
bound=$((500 + 2 * ms_read))
[ "$st" = 57014 ] && [ "$ms" -lt "$bound" ]
ok $? "training on an example with 3 million spans is cancelled with 57014 within the 500 ms timeout and twice the $ms_read ms of reading its spans ($bound ms; got $st after $ms ms, +$mb MB)"

psql_ -d postgres -c "DROP DATABASE $db"
tap_done
