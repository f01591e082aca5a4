#!/usr/bin/env bash
# test/t/termvec_sum.sh: news.termvec_sum on large sums.  The transition
# function copied the whole running total on every row (40,000 distinct
# one-term vectors took 4.0 s, 80,000 15.6 s); inside an aggregate the
# total is now kept in place, and its results must be those of the
# row-by-row sum.  Needs the
# cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
db=na_termvec_sum
psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null' EXIT
psql_ -d $db -c "CREATE EXTENSION news_analytics"

# 1. 80,000 distinct one-term vectors, in no id order, weights 1..3:
#    the sum is the vector of all 80,000, within 2 s (copying the total on
#    every row, it took 15.6 s; 40,000 took 4.0 s)
psql_ -d $db -c "CREATE TABLE one AS SELECT (g::int8 * 7919 % 80021 + 1) AS id, g % 3 + 1 AS w FROM generate_series(1, 80000) g" \
	-c "ALTER TABLE one ADD COLUMN v news.termvec" -c "UPDATE one SET v = ('{' || id || ':' || w || '}')::news.termvec" \
	-c "CREATE TABLE one_sum AS SELECT ('{' || string_agg(id || ':' || w, ',' ORDER BY id) || '}')::news.termvec AS r FROM one"
start=$(date +%s%N)
got=$(psql_ -d $db -c "SET statement_timeout = '2s'" -c "SET max_parallel_workers_per_gather = 0" \
	-c "SELECT news.termvec_sum(v) OPERATOR(news.=) (SELECT r FROM one_sum) FROM one" 2>&1)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$got" = t ]; ok $? "news.termvec_sum of 80,000 distinct one-term vectors is their union, in ${ms} ms under a 2 s timeout ($got)"

# 2. the same float results as adding row by row with news.termvec_add
#    (outside an aggregate): 3,000 vectors of up to 40 random weights over
#    2,000 ids, a third of them negated copies of earlier ones, so that
#    entries cancel out and come back
psql_ -d $db >/dev/null <<'SQL'
SELECT setseed(0.14);
CREATE TABLE rnd (g int, v news.termvec);
INSERT INTO rnd SELECT g, news.termvec(ids, ARRAY(SELECT (random() * 10 - 3)::float4 FROM unnest(ids)))
	FROM (SELECT g, ARRAY(SELECT DISTINCT (random() * 1999)::int8 + 1 + g * 0 FROM generate_series(0, g % 40) ORDER BY 1) AS ids
		FROM generate_series(1, 2000) g) x;
INSERT INTO rnd SELECT 2000 + g, news.termvec(ARRAY(SELECT term_id FROM news.termvec_entries(v)),
		ARRAY(SELECT -weight FROM news.termvec_entries(v)))
	FROM rnd WHERE g % 2 = 0;
CREATE FUNCTION fold() RETURNS news.termvec LANGUAGE plpgsql AS $$
DECLARE s news.termvec; r record;
BEGIN
	FOR r IN SELECT v FROM rnd WHERE v IS NOT NULL ORDER BY g LOOP
		s := CASE WHEN s IS NULL THEN r.v ELSE news.termvec_add(s, r.v) END;
	END LOOP;
	RETURN s;
END $$;
SQL
got=$(psql_ -d $db -c "SET max_parallel_workers_per_gather = 0" \
	-c "SELECT news.nnz(s), s OPERATOR(news.=) fold() FROM (SELECT news.termvec_sum(v ORDER BY g) AS s FROM rnd) x")
nz=${got%%|*}
[ "${got#*|}" = t ] && [ "$nz" -gt 100 ]; ok $? "news.termvec_sum over 3,000 random vectors equals the row-by-row sum ($got)"

# 3. one sum per group (a GROUP BY keeps many states, 1,600 entries each) equals the reference
got=$(psql_ -d $db -c "SELECT count(*), count(*) FILTER (WHERE s OPERATOR(news.=) r) FROM
	(SELECT id % 50 AS k, news.termvec_sum(v) AS s FROM one GROUP BY 1) a JOIN
	(SELECT id % 50 AS k, ('{' || string_agg(id || ':' || w, ',' ORDER BY id) || '}')::news.termvec AS r FROM one GROUP BY 1) b USING (k)")
[ "$got" = "50|50" ]; ok $? "news.termvec_sum by 50 groups equals each group's union ($got)"

# 4. a parallel plan (partial sums combined) gives the same sum
got=$(psql_ -d $db -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" -c "SET min_parallel_table_scan_size = 0" \
	-c "SET max_parallel_workers_per_gather = 2" -c "ALTER TABLE one SET (parallel_workers = 2)" \
	-c "SELECT news.termvec_sum(v) OPERATOR(news.=) (SELECT r FROM one_sum) FROM one")
[ "$got" = t ]; ok $? "news.termvec_sum in a parallel plan gives the same union ($got)"
tap_done
