#!/usr/bin/env bash
# test/t/keywords_bad_input.sh: news.keywords, news.summary and their
# aggregates on bad input: 100 MB of repeated news text and 100 MB of
# distinct words (results complete, candidate tables capped, peak memory
# bounded), invalid UTF-8 in a SQL_ASCII database and LATIN1, markup soup,
# arguments out of range, forged aggregate states.  Cancellation on 100 MB
# is in cancel_large.sh.  Needs the cluster that check.sh started (PGHOST,
# PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs na_kw
db=na_kw_big
q() { psql_ -d "$db" -c "$1" 2>&1; }

# peak DB EXPR: "RESULT MB": EXPR's value and how much the backend's peak
# resident memory grew while computing it
peak() {
	"$NA_PGBIN/psql" -X -q -At -d "$1" 2>&1 <<SQL | tail -1
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
SELECT ($2) AS r \\gset
SELECT :'r' || '|' || ((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024;
SQL
}

S="The European Central Bank raised interest rates on Thursday, ECB President Christine Lagarde told reporters in Frankfurt. "
reps=$((100000000 / ${#S}))
psql_ -d $db -c "CREATE TABLE big (id int, body text)" -c "ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL" \
	-c "INSERT INTO big VALUES (1, repeat('$S', $reps))" \
	-c "INSERT INTO big SELECT 2, string_agg(translate(md5(i::text), '0123456789', 'ghijklmnop'), ' ') FROM generate_series(1, 3000000) i"

# 1. 100 MB of the same sentence: phrases of the sentence, every mention
# counted
IFS="|" read -r got mb < <(peak $db "(SELECT count(*) || ':' || bool_and(b.count = s.count * $reps)
	FROM (SELECT k.* FROM big, news.keywords(body, 5) k WHERE id = 1) b
	JOIN news.keywords('$S', 50) s USING (phrase))")
[ "$got" = "5:true" ]
ok $? "100 MB of one sentence: 5 keyphrases of the sentence, each counted $reps times its count there (got $got)"
[ -n "$mb" ] && [ "$mb" -lt 1500 ]
ok $? "100 MB of one sentence: keywords peak memory +$mb MB, under 1500 MB"
IFS="|" read -r got mb < <(peak $db "(SELECT count(*) FROM big, news.summary(body, 3) WHERE id = 1 AND text = '${S% }')")
[ "$got" = 1 ]
ok $? "100 MB of one sentence: the summary is the sentence once (no repeats; got $got)"
[ -n "$mb" ] && [ "$mb" -lt 1500 ]
ok $? "100 MB of one sentence: summary peak memory +$mb MB, under 1500 MB"

# 2. 100 MB of distinct words: the candidate tables stop growing
IFS="|" read -r got mb < <(peak $db "(SELECT count(*) FROM big, news.keywords(body, 10) WHERE id = 2)")
[ "$got" = 10 ]
ok $? "100 MB of 3 million distinct words: 10 keyphrases (got $got)"
[ -n "$mb" ] && [ "$mb" -lt 1500 ]
ok $? "100 MB of distinct words: keywords peak memory +$mb MB, under 1500 MB"
IFS="|" read -r got mb < <(peak $db "(SELECT count(*) FROM big, news.summary(body, 3) WHERE id = 2)")
[ -n "$mb" ] && [ "$mb" -lt 1500 ]
ok $? "100 MB of distinct words without a sentence end: $got summary sentences, peak memory +$mb MB"
got=$(q "SELECT jsonb_array_length(news.keywords_agg(body, 10)) FROM big")
[ "$got" = 10 ]
ok $? "news.keywords_agg over both: 10 phrases (got $got)"

# 3. invalid UTF-8 where the server does not check it; LATIN1 refused
st=$(sqlstate na_kw_ascii "SELECT * FROM news.keywords(convert_from('\\x496e746572657374ff2072617465732e'::bytea, 'SQL_ASCII'))")
[ "$st" = 22021 ]
ok $? "invalid UTF-8 in a SQL_ASCII database: news.keywords raises 22021 (got $st)"
st=$(sqlstate na_kw_ascii "SELECT * FROM news.summary(convert_from('\\x496e746572657374ff2072617465732e'::bytea, 'SQL_ASCII'))")
[ "$st" = 22021 ]
ok $? "invalid UTF-8 in a SQL_ASCII database: news.summary raises 22021 (got $st)"
st=$(sqlstate na_kw_ascii "SELECT news.keywords_agg(convert_from('\\x496e746572657374ff2072617465732e'::bytea, 'SQL_ASCII'))")
[ "$st" = 22021 ]
ok $? "invalid UTF-8 in a SQL_ASCII database: news.keywords_agg raises 22021 (got $st)"
st=$(sqlstate na_kw_latin1 "SELECT * FROM news.keywords('Interest rates rose.')")
[ "$st" != none ]
ok $? "a LATIN1 database is refused with an error (got $st)"

# 4. markup soup gives words, not tags
got=$(q "SELECT count(*) FILTER (WHERE phrase ~* '^(div|span|href|class|script|amp)$') || '/' || count(*)
	FROM news.keywords(repeat('<div class=\"x\"><span>Flooding &amp; storms</span> <a href=\"/x\">hit the valley</a></div> ', 2000), 20)")
[ "${got%%/*}" = 0 ] && [ "${got#*/}" -gt 0 ]
ok $? "markup soup: no tag or attribute names among the keyphrases (tags/all: $got)"

# 5. arguments out of range and forged states
for e in "news.keywords('a b c', 0)" "news.keywords('a b c', 1001)" "news.keywords('a b c', -5)" \
	"news.summary('A b c.', 0)" "news.summary('A b c.', 101)"; do
	st=$(sqlstate $db "SELECT * FROM $e")
	[ "$st" = 22023 ]
	ok $? "$e raises 22023 (got $st)"
done
for s in "'\\x'" "'\\x01000000'" "'\\x0100000031414b4e'" "'\\x01000000314b41'" "decode(repeat('ff', 100), 'hex')"; do
	st=$(sqlstate $db "SELECT news.keywords_agg_final($s::bytea)")
	[ "$st" = 22P03 ]
	ok $? "forged news.keywords_agg state $s raises 22P03 (got $st)"
	st=$(sqlstate $db "SELECT news.summary_agg_final($s::bytea)")
	[ "$st" = 22P03 ]
	ok $? "forged news.summary_agg state $s raises 22P03 (got $st)"
done

drop_test_dbs na_kw
tap_done
