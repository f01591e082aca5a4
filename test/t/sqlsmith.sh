#!/usr/bin/env bash
# test/t/sqlsmith.sh: SQLsmith (Debian package sqlsmith) sends random SQL
# over every type, operator and function of a database with the extension,
# tables of every type and their btree, hash and GIN indexes.  Errors are
# expected (most random queries are wrong); a backend crash, an assertion
# failure or a postmaster that stops answering is a failure.  Needs the
# cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN, NA_DATA).
#
# The run is short and reproducible: a fixed seed and query count
# (NA_SMITH_SEED, default 1; NA_SMITH_QUERIES, default 4000, about 30 s),
# capped at NA_SMITH_SECONDS (default 120).  A developer's long run:
#   NA_SMITH_QUERIES=1000000 NA_SMITH_SECONDS=1800 NA_SMITH_SEED=$RANDOM bash test/t/sqlsmith.sh
# (the seed is printed, so a failure can be replayed).
set -u
. "$(dirname "$0")/lib/tap.sh"
seed=${NA_SMITH_SEED:-1}
queries=${NA_SMITH_QUERIES:-4000}
secs=${NA_SMITH_SECONDS:-120}
log=$(dirname "$NA_DATA")/server-${NA_DATA##*/data-}.log
out=$(mktemp -d)

if ! command -v sqlsmith >/dev/null; then
	ok 1 "sqlsmith is installed (na_deps installs Debian's sqlsmith)"
	tap_done
	exit
fi

# the database: every type in a table, with indexes, and an unprivileged
# role (random SQL as a superuser could call administrative functions)
psql_ -d postgres -c "DROP DATABASE IF EXISTS na_smith" -c "DROP ROLE IF EXISTS na_smith" \
	-c "CREATE DATABASE na_smith" -c "CREATE ROLE na_smith LOGIN"
psql_ -d na_smith <<'SQL'
CREATE EXTENSION news_analytics;
CREATE TABLE articles (id int8 PRIMARY KEY, title text, body text, tv news.termvec,
	w news.termvec, sig news.minhash, q news.termquery);
INSERT INTO articles (id, title, body)
SELECT g, 'Report ' || g,
	(ARRAY['Oil prices rose sharply on Tuesday after the pipeline closed, Reuters said.',
		   'The central bank kept interest rates unchanged on Wednesday in Frankfurt.',
		   'Striking dock workers shut the port of Rotterdam for a third day.',
		   '"We need help," the mayor of Leeds said as floods closed roads on 3 March 2024.'])[g % 4 + 1]
	|| ' Item ' || g
FROM generate_series(1, 200) g;
UPDATE articles SET tv = news.termvec(body), sig = news.minhash(body, 32, 2);
CREATE TABLE stats AS SELECT news.corpus_stats(tv) AS c FROM articles;
UPDATE articles SET w = news.tfidf(tv, (SELECT c FROM stats)), q = news.mlt_query(tv, 5, 2);
CREATE TABLE stories AS
SELECT a.id % 4 AS topic, news.clusters(a.id, b.id) AS cl
FROM articles a JOIN articles b ON a.id % 4 = b.id % 4 AND a.id < b.id GROUP BY 1;
CREATE INDEX ON articles USING gin (w);
CREATE INDEX ON articles USING gin (sig news.minhash_ops);
CREATE INDEX ON articles (tv);
CREATE INDEX ON articles USING hash (sig);
CREATE INDEX ON stats (c);
CREATE INDEX ON stories USING hash (cl);
ANALYZE;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO na_smith;
-- the install note of the README: bare operators for this role
ALTER ROLE na_smith SET search_path = "$user", public, news;
-- count the calls of the extension's functions
ALTER ROLE na_smith SET track_functions = 'all';
SQL

lines_before=$(wc -l <"$log")
start=$(date +%s)
timeout "$secs" sqlsmith --target="host=$PGHOST port=$PGPORT dbname=na_smith user=na_smith" \
	--seed="$seed" --max-queries="$queries" --exclude-catalog --verbose >"$out/stdout" 2>"$out/stderr"
st=$?
elapsed=$(($(date +%s) - start))
done_q=$(tr '\r' '\n' <"$out/stderr" | sed -n 's/^queries: \([0-9]*\).*/\1/p' | tail -1)
# sqlsmith repeats its error summary with each progress report: keep the
# distinct messages
tr '\r' '\n' <"$out/stderr" | sed -n 's/^[0-9][0-9]*	\(ERROR: .*news\..*\)/\1/p' | sort -u >"$out/news_errors"
news_q=$(wc -l <"$out/news_errors")
# sqlsmith exits 0 after --max-queries; timeout's 124 only shortens the run
[ "$st" = 0 ] || [ "$st" = 124 ]
ok $? "sqlsmith, seed $seed: ${done_q:-0} queries in ${elapsed} s (exit status $st)"
[ "${done_q:-0}" -ge 500 ]
ok $? "sqlsmith ran at least 500 queries (${done_q:-0})"

crash=$(tail -n +"$((lines_before + 1))" "$log" | grep -E 'terminated by signal|was terminated by exception|TRAP:|PANIC:|exited with exit code' | head -1)
[ -z "$crash" ]
ok $? "no backend crashed or failed an assertion${crash:+: $crash}"
got=$(psql_ -d na_smith -c "SELECT news.termvec('still up')::text")
[ -n "$got" ]
ok $? "the server still answers ($got)"
called=$(psql_ -d na_smith -c "SELECT count(*) FROM pg_stat_user_functions WHERE schemaname = 'news'")
total=$(psql_ -d na_smith -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'news'::regnamespace AND prorettype <> 'internal'::regtype")
[ "${called:-0}" -ge 10 ]
ok $? "sqlsmith called $called of the extension's $total SQL-callable functions (at least 10)"
echo "# distinct error messages naming a news object: $news_q (the first ten in sort order)"
head -10 "$out/news_errors" | cut -c1-150 | sed 's/^/#   /'

psql_ -d postgres -c "DROP DATABASE na_smith" -c "DROP ROLE na_smith"
rm -rf "$out"
tap_done
