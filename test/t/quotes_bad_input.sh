#!/usr/bin/env bash
# test/t/quotes_bad_input.sh: news.quotes on hostile quote marks.  Unbalanced,
# nested and mixed marks (" “” «» „“ ' ‘’) give quotations that never cross a
# paragraph they do not continue, never overlap, and never swallow
# narrative; time is linear and memory flat on 10 MB of marks; 100 MB after
# one opening mark that never closes is cancelled within a few seconds.
# news.quotes(body, model) takes NULL, empty and unknown input as
# news.entities(body, model) does.
# Needs the cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_quotes_bad
psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0"
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql_ -d $db -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE doc (id int, body text)" \
	-c "ALTER TABLE doc ALTER COLUMN body SET STORAGE EXTERNAL"
q() { psql_ -d $db -c "$1"; }

# 1. narrative between straight marks spaced on both sides is no quotation
# (0.1.0 returned 2,500 of them)
got=$(q "SELECT count(*) FROM news.quotes(repeat('He said \" and ', 5000))")
ok $([ "$got" = 0 ]; echo $?) "narrative between spaced straight marks is no quotation (got $got)"

# 2. an unclosed mark ends with its paragraph; the next paragraph's quotation
# is found on its own
got=$(q "SELECT string_agg(quote, '|' ORDER BY start) FROM news.quotes(
	repeat(E'“This is never closed, said nobody.\n\nThen Trump said “we won” and left.\n\n', 3))")
ok $([ "$got" = "we won|we won|we won" ]; echo $?) "an unclosed mark never runs past its paragraph (got $got)"

# 3. German, French and Danish marks pair (0.1.0 paired none of „“ or »«);
# a single-quoted span is a quotation only outside double marks
got=$(q "SELECT string_agg(quote, '|' ORDER BY start) FROM news.quotes(
	E'„Wir schaffen das“, sagte sie. »Ja«, sagte er. « Oui », dit-il. “He said ‘no’ twice,” Trump said. ‘Fine,’ she said.')")
ok $([ "$got" = "Wir schaffen das|Ja|Oui|He said ‘no’ twice|Fine" ]; echo $?) "mixed and nested marks pair (got $got)"

# 4. a soup of mixed, nested and unbalanced marks: no two quotations
# overlap, none crosses a blank line, each is short
read -r nq overlaps crossing longest < <(psql_ -d $db <<'SQL' | tr '|' ' '
WITH q AS (
	SELECT quote, start, length, lead(start) OVER (ORDER BY start) AS next
	FROM news.quotes(repeat($s$“a „b“ «c» 'd' ‘e’ "f ”g» “h ‘i “j” k’ l” m" «n «o» p ''q "r"s" $s$ || E'\n\n', 2000)))
SELECT count(*), count(*) FILTER (WHERE start + length > next), count(*) FILTER (WHERE quote ~ E'\n'),
	coalesce(max(length), 0) FROM q
SQL
)
ok $([ "$nq" -gt 0 ] && [ "$overlaps" = 0 ] && [ "$crossing" = 0 ] && [ "$longest" -lt 40 ]; echo $?) \
	"mixed-mark soup: $nq quotations, $overlaps overlapping, $crossing crossing a paragraph, longest $longest characters"

# 5. linear time and flat memory: 10 MB of unbalanced and mixed marks take
# about ten times 1 MB, and the backend's peak memory grows by little more
# than the text
timed() {
	"$NA_PGBIN/psql" -X -q -At -d $db <<SQL | tail -1
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint AS hwm0 \\gset
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS t0 \\gset
SELECT count(*) FROM doc, news.quotes(body) WHERE id = $1;
SELECT (split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :t0) / 1000000 || ' ' ||
	((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint - :hwm0) / 1024;
SQL
}
unit="“Officials said ‘the talks » went on „ and \" on, said Trump. « "
q "INSERT INTO doc SELECT 1, repeat('$unit', 1000000 / length('$unit'))" >/dev/null
q "INSERT INTO doc SELECT 2, repeat('$unit', 10000000 / length('$unit'))" >/dev/null
read -r ms1 mb1 < <(timed 1)
read -r ms10 mb10 < <(timed 2)
ok $([ "$ms10" -lt $((ms1 * 20 + 200)) ]; echo $?) "10 MB of mixed marks in $ms10 ms of CPU, 1 MB in $ms1 ms: linear"
ok $([ "$mb10" -lt 120 ]; echo $?) "10 MB of mixed marks: peak memory +$mb10 MB (1 MB: +$mb1 MB)"

# 6. 100 MB after one opening mark that never closes, in one paragraph and
# in many: cancelled by statement_timeout within a few seconds
q "INSERT INTO doc SELECT 3, '“' || repeat('Officials said the talks went on and on without end. ', 2000000)" >/dev/null
q "INSERT INTO doc SELECT 4, '“' || repeat(E'Officials said the talks went on.\n\n“And on, ', 3000000)" >/dev/null
for id in 3 4; do
	st=$(sqlstate $db "SET statement_timeout = '1s'; SELECT count(*) FROM doc, news.quotes(body) WHERE id = $id")
	t0=$(date +%s%N)
	sqlstate $db "SET statement_timeout = '1s'; SELECT count(*) FROM doc, news.quotes(body) WHERE id = $id" >/dev/null
	ms=$((($(date +%s%N) - t0) / 1000000))
	ok $([ "$st" = 57014 ] && [ "$ms" -lt 5000 ]; echo $?) "document $id (100 MB, no closing mark): cancelled with $st after $ms ms"
done
# and to the end, on its first 5 MB: no quotation longer than the limit
got=$(q "SELECT count(*) || ' ' || coalesce(max(length), 0) FROM doc, news.quotes(left(body, 5000000)) q
	WHERE id = 3 AND q.kind <> 'indirect'")
ok $([ "${got#* }" -le 20000 ]; echo $?) "5 MB after an unclosed mark: $got (quotations, longest) within the 20,000-byte limit"

# 7. news.quotes(body, model): NULL, empty, unknown and huge input as
# news.entities(body, model) takes it; 100 MB with the stacked model is
# cancelled as quickly
got=$(q "SELECT count(*) FROM news.quotes(NULL, 'combined')")/$(q "SELECT count(*) FROM news.quotes(NULL, NULL)")/$(q "SELECT count(*) FROM news.quotes('', 'combined')")
ok $([ "$got" = 0/0/0 ]; echo $?) "news.quotes(body, model): no rows for a NULL or empty body (got $got)"
got=$(q "SELECT (SELECT array_agg(x ORDER BY x.start) FROM news.quotes(b, NULL) x) IS NOT DISTINCT FROM
	(SELECT array_agg(x ORDER BY x.start) FROM news.quotes(b) x) AND (SELECT count(*) FROM news.quotes(b)) = 2
	FROM (VALUES ('Champion Products Inc said it expects higher sales. \"We won,\" he said.')) v(b)")
ok $([ "$got" = t ]; echo $?) "a NULL model is news.quotes(body) (got $got)"
for m in "'no_such_model'" "''" "repeat('m', 1000000)" "'Combined'" "' rules'"; do
	st=$(sqlstate $db "SELECT count(*) FROM news.quotes('Trump said it rained.', $m)")
	ok $([ "$st" = 42704 ]; echo $?) "model $m: 42704 like news.entities (got $st)"
done
for id in 3 4; do
	t0=$(date +%s%N)
	st=$(sqlstate $db "SET statement_timeout = '1s'; SELECT count(*) FROM doc, news.quotes(body, 'combined') WHERE id = $id")
	ms=$((($(date +%s%N) - t0) / 1000000))
	ok $([ "$st" = 57014 ] && [ "$ms" -lt 5000 ]; echo $?) "document $id (100 MB), model combined: cancelled with $st after $ms ms"
done

tap_done
