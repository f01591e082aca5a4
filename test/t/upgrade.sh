#!/usr/bin/env bash
# test/t/upgrade.sh: the upgrade walk.  A database that installed the oldest
# released version (0.1.0) and holds user data (gazetteer edits, stored
# termvec, minhash and corpus values with their GIN indexes) runs
# ALTER EXTENSION news_analytics UPDATE; afterwards its extension equals a
# fresh install of the current version object for object
# (test/t/lib/catalog.sql), and the data and indexes still answer the same.
set -u
. "$(dirname "$0")/lib/tap.sh"
cur=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$(dirname "$0")/../../news_analytics.control")
catalog=$(dirname "$0")/lib/catalog.sql
tmp=$(mktemp -d /tmp/na_upgrade.XXXXXX)
trap 'rm -rf "$tmp"; psql_ -d postgres -c "DROP DATABASE IF EXISTS na_upg_old" -c "DROP DATABASE IF EXISTS na_upg_new" >/dev/null 2>&1' EXIT

psql_ -d postgres -c "DROP DATABASE IF EXISTS na_upg_old" -c "DROP DATABASE IF EXISTS na_upg_new" \
	-c "CREATE DATABASE na_upg_old" -c "CREATE DATABASE na_upg_new"
psql_ -d na_upg_old -c "CREATE EXTENSION news_analytics VERSION '0.1.0'"
ok $? "0.1.0 installs"

# user data in the old version
psql_ -d na_upg_old >/dev/null <<'SQL'
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblat Industries', 'Zorblat Industries', 'ORG');
DELETE FROM news.gazetteer WHERE alias = 'Tebboune';
CREATE TABLE articles (id int PRIMARY KEY, body text, tv news.termvec, sig news.minhash);
INSERT INTO articles SELECT i, body, news.termvec(body::text), news.minhash(body::text)
FROM (SELECT i, format('Zorblat Industries said on day %s that the council of %s met about the budget and trade %s.',
	i, (ARRAY['Paris', 'Berlin', 'Rome'])[1 + i % 3], repeat('word' || (i % 7) || ' ', 1 + i % 5)) AS body
	FROM generate_series(1, 300) i) s;
CREATE INDEX articles_tv ON articles USING gin (tv);
CREATE INDEX articles_sig ON articles USING gin (sig);
CREATE TABLE stats AS SELECT news.corpus_stats(tv) AS c FROM articles;
SQL
ok $? "0.1.0 stores user data with GIN indexes"
q_state="SELECT md5(string_agg(id || ':' || tv::text || ':' || sig::text, ',' ORDER BY id)) FROM articles;
SELECT md5(c::text) FROM stats;
SELECT count(*) FROM news.gazetteer WHERE NOT builtin;
SELECT count(*) FROM news.gazetteer WHERE alias = 'Tebboune';"
q_index="SET enable_seqscan = off;
SELECT string_agg(id::text, ',' ORDER BY id) FROM articles WHERE tv OPERATOR(news.&&) (SELECT tv FROM articles WHERE id = 7);
SELECT string_agg(id::text, ',' ORDER BY id) FROM articles WHERE sig OPERATOR(news.%) (SELECT sig FROM articles WHERE id = 7);"
# the C functions of 0.1.0 whose symbols the naming scheme renamed: at
# 0.1.0 they run under the released names (aliases the library keeps), after
# the update under the current ones, with the same answers
q_symbols="SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'news_analytics'
	WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c') AND p.prosrc NOT LIKE 'news\\_%'"
q_renamed="SELECT md5(string_agg(e::text, ',')) FROM news.entities('Zorblat Industries met in Paris on Monday. \"We agree,\" said John Smith, the chairman.') e;
SELECT md5(string_agg((q.quote, q.speaker, q.speaker_mention, q.start, q.length)::text, ',')) FROM news.quotes('\"We agree,\" said John Smith, the chairman of Zorblat Industries.') q;
SELECT count(*) FROM news.entity_types();
SELECT news.entity_country('Paris');
SELECT news.clusters(a, b)::text FROM (VALUES (1, 2), (3, 2), (5, NULL)) v(a, b);
SELECT news.tfidf(tv, (SELECT c FROM stats))::text || news.bm25(tv, tv, (SELECT c FROM stats))::text
	|| news.nnz(tv) || news.top_terms(tv, 2)::text || news.mlt_query(tv)::text || news.term_id('zorblat')
	FROM articles WHERE id = 7;"
old_symbols=$(psql_ -d na_upg_old -c "$q_symbols")
ok $([ "$old_symbols" -gt 0 ]; echo $?) "0.1.0 names $old_symbols C functions by their released symbols"
before=$(psql_ -d na_upg_old -c "$q_state")
before_idx=$(psql_ -d na_upg_old -c "$q_index")
before_renamed=$(psql_ -d na_upg_old -c "$q_renamed")

psql_ -d na_upg_old -c "ALTER EXTENSION news_analytics UPDATE"
ok $? "ALTER EXTENSION news_analytics UPDATE runs"
v=$(psql_ -d na_upg_old -c "SELECT extversion FROM pg_extension WHERE extname = 'news_analytics'")
ok $([ "$v" = "$cur" ]; echo $?) "the update reaches the current version $cur (got $v)"

psql_ -d na_upg_new -c "CREATE EXTENSION news_analytics"
psql_ -d na_upg_old -f "$catalog" >"$tmp/old.txt"
psql_ -d na_upg_new -f "$catalog" >"$tmp/new.txt"
ok $([ -s "$tmp/new.txt" ] && [ "$(wc -l <"$tmp/new.txt")" -gt 200 ]; echo $?) "the catalog description is not empty ($(wc -l <"$tmp/new.txt") facts)"
diff "$tmp/old.txt" "$tmp/new.txt" >"$tmp/diff"
rc=$?
[ $rc -ne 0 ] && head -40 "$tmp/diff" | sed 's/^/# /'
ok $rc "an upgraded database equals a fresh install, object for object"

new_symbols=$(psql_ -d na_upg_old -c "$q_symbols")
ok $([ "$new_symbols" = 0 ]; echo $?) "after the update every C function has its news_ symbol ($new_symbols do not)"
after_renamed=$(psql_ -d na_upg_old -c "$q_renamed")
ok $([ "$before_renamed" = "$after_renamed" ] && [ -n "$after_renamed" ]; echo $?) "functions answer the same under the released and the current symbols"
after=$(psql_ -d na_upg_old -c "$q_state")
ok $([ "$before" = "$after" ] && [ -n "$after" ]; echo $?) "stored values and gazetteer edits survive the update"
after_idx=$(psql_ -d na_upg_old -c "$q_index")
ok $([ "$before_idx" = "$after_idx" ] && [ -n "$(echo "$after_idx" | head -1)" ]; echo $?) "GIN indexes built under 0.1.0 answer the same after the update"
psql_ -d na_upg_old -c "REINDEX TABLE articles"
ok $? "the indexes rebuild under the new version"
after_reindex=$(psql_ -d na_upg_old -c "$q_index")
ok $([ "$before_idx" = "$after_reindex" ]; echo $?) "rebuilt indexes answer the same"

tap_done
