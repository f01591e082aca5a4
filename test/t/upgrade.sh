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
before=$(psql_ -d na_upg_old -c "$q_state")
before_idx=$(psql_ -d na_upg_old -c "$q_index")

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

after=$(psql_ -d na_upg_old -c "$q_state")
ok $([ "$before" = "$after" ] && [ -n "$after" ]; echo $?) "stored values and gazetteer edits survive the update"
after_idx=$(psql_ -d na_upg_old -c "$q_index")
ok $([ "$before_idx" = "$after_idx" ] && [ -n "$(echo "$after_idx" | head -1)" ]; echo $?) "GIN indexes built under 0.1.0 answer the same after the update"
psql_ -d na_upg_old -c "REINDEX TABLE articles"
ok $? "the indexes rebuild under the new version"
after_reindex=$(psql_ -d na_upg_old -c "$q_index")
ok $([ "$before_idx" = "$after_reindex" ]; echo $?) "rebuilt indexes answer the same"

tap_done
