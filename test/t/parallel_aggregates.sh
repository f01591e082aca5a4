#!/usr/bin/env bash
# test/t/parallel_aggregates.sh: the aggregates under forced parallelism
# (issue 12, item 5).  With the parallel costs at zero, two workers and the
# leader kept out, every aggregate of the extension runs as Partial
# Aggregate in each worker and Finalize Aggregate over their states, which
# is what calls the combine functions; the results must equal the serial
# plan's.  Also: every aggregate of the extension has a combine function
# and is PARALLEL SAFE.
set -u
. "$(dirname "$0")/lib/tap.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
db=na_parallel_agg
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT

psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" &&
	psql_ -d $db -c "CREATE EXTENSION news_analytics"
ok $? "a database with the extension"

# 768 articles from the demo's samples: 64 versions of each, dropping a
# different subset of its paragraphs and of its sentences' order
PGOPTIONS="-c client_min_messages=warning" psql_ -d $db -f "$top/test/demo/00_articles.sql" >/dev/null &&
	psql_ -d $db >/dev/null <<'SQL'
CREATE TABLE articles AS
SELECT a.id * 100 + v AS id, a.source,
	array_to_string(ARRAY(
		SELECT p FROM unnest(regexp_split_to_array(a.body, E'\n')) WITH ORDINALITY AS u(p, i)
		WHERE i = 1 OR (v >> ((i::int - 2) % 6)) & 1 = 0
		ORDER BY CASE WHEN v >= 32 THEN -i ELSE i END), E'\n') AS body
FROM news_demo.articles a, generate_series(0, 63) v;
ALTER TABLE articles ADD COLUMN terms news.termvec;
UPDATE articles SET terms = news.termvec(body);
-- one corpus and one clustering per article, for the aggregates over them
CREATE TABLE parts AS
SELECT id, news.corpus_stats(terms) AS c, news.clusters(id, id / 100 * 100 + id % 3) AS cl FROM articles GROUP BY id;
VACUUM ANALYZE articles;
VACUUM ANALYZE parts;
SQL
ok $? "768 articles with term vectors"
echo "# pages: $(psql_ -d $db -c "SELECT string_agg(relname || ' ' || relpages, ', ' ORDER BY relname) FROM pg_class WHERE relname IN ('articles', 'parts') AND relnamespace = 'public'::regnamespace")"

# the aggregates of the extension
bad=$(psql_ -d $db -c "SELECT string_agg(a.aggfnoid::regprocedure::text, ', ')
	FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_depend d ON d.objid = p.oid
		AND d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'news_analytics'
	WHERE a.aggcombinefn = 0 OR p.proparallel <> 's'")
[ -z "$bad" ]
ok $? "every aggregate has a combine function and is PARALLEL SAFE${bad:+ (not: $bad)}"

parallel="SET max_parallel_workers_per_gather = 2; SET max_parallel_workers = 8;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off; SET force_parallel_mode = on;"
serial="SET max_parallel_workers_per_gather = 0;"
# check NAME QUERY: same result serially and in parallel, a Partial
# Aggregate in the parallel plan, and rows read by both workers
check() {
	local s p plan
	s=$(psql_ -d $db -c "$serial" -c "$2" 2>&1)
	p=$(psql_ -d $db -c "$parallel" -c "$2" 2>&1)
	[ -n "$s" ] && [ "$s" = "$p" ] && ! echo "$s" | grep -q ERROR
	ok $? "$1: the parallel plan gives the serial plan's result ($(echo "$s" | wc -l) rows, $(echo "$s" | wc -c) bytes)"
	plan=$(psql_ -d $db -c "$parallel" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) $2")
	echo "$plan" | grep -q "Partial .*Aggregate" && echo "$plan" | grep -q "Finalize .*Aggregate" &&
		echo "$plan" | grep -q "Workers Launched: 2" &&
		[ "$(echo "$plan" | grep -cE "Worker [01]:.*rows=[1-9]")" -ge 2 ]
	ok $? "$1: Partial Aggregate in 2 workers that both read rows, Finalize Aggregate combines them"
}
check "news.corpus_stats(termvec)" "SELECT news.corpus_stats(terms)::text FROM articles"
check "news.corpus_stats(termvec) by source" "SELECT source, news.corpus_stats(terms)::text FROM articles GROUP BY source ORDER BY source"
check "news.corpus_stats(corpus)" "SELECT news.corpus_stats(c)::text FROM parts"
check "news.termvec_sum" "SELECT news.termvec_sum(terms)::text FROM articles"
check "news.clusters(id, id)" "SELECT news.clusters(id, CASE WHEN id % 100 < 48 THEN id / 100 * 100 END)::text FROM articles"
check "news.clusters(clustering)" "SELECT news.clusters(cl)::text FROM parts"
check "news.keywords_agg(body, n)" "SELECT news.keywords_agg(body, 10)::text FROM articles"
check "news.keywords_agg(body) by source" "SELECT source, news.keywords_agg(body)::text FROM articles GROUP BY source ORDER BY source"
check "news.summary_agg(body, sentences)" "SELECT news.summary_agg(body, 3)::text FROM articles"
check "news.summary_agg(body) by source" "SELECT source, news.summary_agg(body)::text FROM articles GROUP BY source ORDER BY source"
tap_done
