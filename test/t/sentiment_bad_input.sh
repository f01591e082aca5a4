#!/usr/bin/env bash
# test/t/sentiment_bad_input.sh: TAP tests of news.sentiment and
# news.entity_sentiment on bad input: other database encodings, invalid
# bytes, a 100 MB document and a 10 MB line without a sentence end (sane
# results, bounded memory, a target mentioned on every token), texts
# without words or sentences, NULL and empty targets, and memory that does
# not grow from row to row.  Needs the cluster that check.sh started
# (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs se

# 1. a database whose encoding is not UTF8 fails clearly
for f in "news.sentiment('good')" "news.sentiment('good', 'Smith')" "news.entity_sentiment('Smith won.')"; do
	st=$(sqlstate se_latin1 "SELECT * FROM $f")
	[ "$st" = 0A000 ]; ok $? "LATIN1 database: $f fails with 0A000 (got $st)"
done

# 2. invalid UTF-8 in a SQL_ASCII database: 22021, in the body or the target
for f in "news.sentiment(E'ok \\xff bad')" "news.sentiment(E'ok \\xff bad', 'Smith')" \
	"news.sentiment('Smith won.', E'Sm\\xffith')" "news.entity_sentiment(E'John Smith \\xc3')"; do
	st=$(sqlstate se_ascii "SELECT * FROM $f")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII database: $f fails with 22021 (got $st)"
done
got=$(psql_ -d se_ascii -c "SELECT polarity, mentions FROM news.sentiment(E'Zo\\xc3\\xab M\\xc3\\xbcller won a great victory.', E'M\\xc3\\xbcller')")
[ "$got" = "positive|1" ]; ok $? "SQL_ASCII database: valid UTF-8 works (got $got)"

# 3. NULL and empty: a NULL body gives no row, a NULL target the tone of the
# text, an empty target (or one of punctuation only) is an error (22023)
got=$(psql_ -d se_big -c "SELECT count(*) FROM news.sentiment(NULL)")
[ "$got" = 0 ]; ok $? "NULL body gives no row (got $got)"
got=$(psql_ -d se_big -c "SELECT count(*) FROM news.sentiment(NULL, 'Smith')")
[ "$got" = 0 ]; ok $? "NULL body with a target gives no row (got $got)"
got=$(psql_ -d se_big -c "SELECT a.score = b.score AND a.mentions = 0 FROM news.sentiment('A terrible day.', NULL) a, news.sentiment('A terrible day.') b")
[ "$got" = t ]; ok $? "a NULL target is the document's tone (got $got)"
for t in "''" "' '" "'?!'"; do
	st=$(sqlstate se_big "SELECT * FROM news.sentiment('Smith won.', $t)")
	[ "$st" = 22023 ]; ok $? "target $t fails with 22023 (got $st)"
done
st=$(sqlstate se_big "SELECT * FROM news.sentiment('Smith won.', repeat('Smith ', 65))")
[ "$st" = 22023 ]; ok $? "a target of 65 words fails with 22023 (got $st)"
got=$(psql_ -d se_big -c "SELECT polarity, score, sentences, mentions, words FROM news.sentiment('')")
[ "$got" = "neutral|0|0|0|0" ]; ok $? "empty body: neutral, nothing read (got $got)"
got=$(psql_ -d se_big -c "SELECT polarity, score, sentences, words FROM news.sentiment('!!! ... 12 34 %% --- 5.')")
[ "$got" = "neutral|0|0|0" ]; ok $? "no word: neutral with score 0, no sentence read (got $got)"
got=$(psql_ -d se_big -c "SELECT polarity, score, sentences, mentions FROM news.sentiment('It rained all day in the valley.', 'Smith')")
[ "$got" = "neutral|0|0|0" ]; ok $? "a target never mentioned: neutral, no sentence, no mention (got $got)"
got=$(psql_ -d se_big -c "SELECT count(*) FROM news.entity_sentiment('')")
[ "$got" = 0 ]; ok $? "entity_sentiment of an empty text: no row (got $got)"
got=$(psql_ -d se_big -c "SELECT count(*) FROM news.entity_sentiment(NULL)")
[ "$got" = 0 ]; ok $? "entity_sentiment of NULL: no row (got $got)"

# 4. 100 MB: the same answer as for one repetition, memory bounded
S='Senator Smith praised the excellent plan. Critics said he failed. '
psql_ -d se_big -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('$S', 1500000))" \
	-c "INSERT INTO big VALUES (2, repeat('Smith and ', 10000000))"
one=$(psql_ -d se_big -c "SELECT polarity, round(score::numeric, 3), sentences * 1500000, mentions * 1500000 FROM news.sentiment('$S', 'Smith')")
read -r got mb < <("$NA_PGBIN/psql" -X -q -At -F ' ' -d se_big <<SQL
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS h0 \\gset
SELECT polarity || '|' || round(score::numeric, 3) || '|' || sentences || '|' || mentions AS r FROM big, news.sentiment(body, 'Smith') WHERE id = 1 \\gset
SELECT :'r', ((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :h0) / 1024;
SQL
)
[ "$got" = "$one" ]; ok $? "100 MB document: as one repetition times 1.5 million ($got, want $one)"
[ -n "$mb" ] && [ "$mb" -lt 400 ]; ok $? "100 MB document: peak memory grows by $mb MB (< 400)"
got=$(psql_ -d se_big -c "SELECT sentences > 0, mentions FROM big, news.sentiment(body, 'Smith') WHERE id = 2")
[ "$got" = "t|10000000" ]; ok $? "a 100 MB sentence with the target on every other token: every mention found ($got)"
got=$(psql_ -d se_big -c "SELECT count(*), sum(mentions) FROM big, news.entity_sentiment(body) WHERE id = 1")
[ "$got" = "1|3000000" ]; ok $? "entity_sentiment on 100 MB: one entity, its names and pronouns ($got)"

# 5. cancellation
for f in "news.sentiment(body)" "news.sentiment(body, 'Smith')" "news.entity_sentiment(body)"; do
	st=$("$NA_PGBIN/psql" -X -q -At -d se_big -c "SET statement_timeout = '300ms'" -c "\\set VERBOSITY verbose" \
		-c "SELECT count(*) FROM big, $f s WHERE id = 1" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p')
	[ "$st" = 57014 ]; ok $? "statement_timeout cancels $f (got $st)"
done

# 6. memory does not grow from row to row (one backend, 20000 small rows)
got=$("$NA_PGBIN/psql" -X -q -At -d se_big <<'SQL'
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s*(\d+)'))[1]::bigint AS r0 \gset
SELECT count(*) FROM generate_series(1, 20000) i, news.sentiment('Senator Smith ' || i || ' praised the plan, but critics called it a disaster.', 'Smith') s \gset
SELECT count(*) FROM generate_series(1, 2000) i, news.entity_sentiment('Senator John Smith ' || i || ' met Mary Jones in Paris.') s \gset
SELECT ((regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s*(\d+)'))[1]::bigint - :r0) / 1024;
SQL
)
[ -n "$got" ] && [ "$got" -lt 50 ]; ok $? "20000 rows of news.sentiment and 2000 of news.entity_sentiment: RSS grows by $got MB (< 50)"

drop_test_dbs se
tap_done
