#!/usr/bin/env bash
# test/eval/stories.sh: quality of the stories of tracked tables against
# hand-labelled Reuters-21578 stories, next to today's union-find story
# clusters measured in the same run.
#
# Labels: test/eval/stories_labels.tsv (1,719 items labelled for this
# project; how, and the limits, in its header and the README).  Dev: the
# 590 labelled items published before 21 March 1987; test: the 1,129 after.
# The default settings were chosen on dev only (NA_STORIES_TUNE=1 prints
# the dev grid they were chosen from; NA_STORIES_MERGE_GRID=1 prints the
# stories after a rebuild and news.stories_maintain at merge thresholds
# 0.4 down to 0.2, dev and test; NA_STORIES_REPLAY=1 checks that
# test/eval/stories_replay.c, the assignment replayed outside the server
# for quick experiments, gives the rebuild's stories, and with NA_KEEP_TMP=1
# leaves its exports, with every title's story vector in replay_titles.tsv,
# for test/eval/stories_pairs.c).
#
# Streams:
#   full       every Reuters item with a body (19,779), inserted into a
#              tracked table in publication order, 1,000 at a time, each
#              followed by CALL news.refresh(): the incremental assignment
#              with corpus statistics growing batch by batch.  BCubed is
#              computed over the labelled items (the clusters restricted to
#              them), the unlabelled items taking part like any others.
#   labelled   the 1,719 labelled items alone (no unlabelled neighbours).
#
# Methods:
#   stories (incremental)     what news.refresh built
#   stories + maintain        then news.stories_maintain (split and merge)
#   stories (rebuild)         news.stories_rebuild: the batch, publication
#                             order, statistics of all articles
#   union-find 0.2            news.clusters over the pairs with tf-idf cosine
#                             >= 0.2 among the GIN candidates of
#                             news.mlt_query(w, 20, 2) (the README recipe)
#   union-find 0.2, 3 days    the same pairs published at most 3 days apart
#
# Also: the agreement of the incremental stories with the rebuild (BCubed of
# one against the other over every article), and the same-story pair AUC of
# news.story_similarity (one article as a story against another, statistics
# of all articles) next to plain tf-idf cosine, over every pair of labelled
# items of a split.
#
# Runs its own throwaway cluster.  Usage: bash test/eval/stories.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
LABELS=$NA_TOP/test/eval/stories_labels.tsv
[ -r "$NA_SHARED/corpora/reuters21578.jsonl" ] || { echo "missing $NA_SHARED/corpora/reuters21578.jsonl" >&2; exit 1; }

trap na_cluster_stop EXIT
na_build
na_private_install
na_cluster_start UTF8 >/dev/null

na_psql <<SQL
CREATE EXTENSION news_analytics;
CREATE TABLE raw (j jsonb);
\\copy raw(j) FROM '$NA_SHARED/corpora/reuters21578.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')
-- dates like "26-FEB-1987 15:01:01.79" (one has a garbled hour: clamped)
CREATE TABLE reuters_all AS
SELECT (split_part(j->>'id', '-', 2))::int8 AS id, j->>'title' AS title, j->>'body' AS body, 'Reuters'::text AS source,
	(SELECT make_timestamptz(m[3]::int,
		array_position(ARRAY['JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP','OCT','NOV','DEC'], m[2]),
		m[1]::int, least(m[4]::int, 23), m[5]::int, m[6]::int, 'UTC')
	 FROM regexp_match(j->>'date', '^\s*(\d+)-([A-Z]+)-(\d{4})\s+(\d+):(\d+):(\d+)') m) AS published
FROM raw WHERE coalesce(j->>'body', '') <> '';
DROP TABLE raw;
CREATE TABLE labels (id int8 PRIMARY KEY, story text, split text);
\\copy labels(id, story) FROM PROGRAM 'grep -v "^#" $LABELS | sed "s/^reuters21578-//"'
UPDATE labels l SET split = CASE WHEN r.published < '1987-03-21' THEN 'dev' ELSE 'test' END
FROM reuters_all r WHERE r.id = l.id;

-- the two streams, tracked
CREATE TABLE reuters (LIKE reuters_all);
ALTER TABLE reuters ADD PRIMARY KEY (id);
CREATE TABLE labelled (LIKE reuters_all);
ALTER TABLE labelled ADD PRIMARY KEY (id);
SET client_min_messages = warning;
SELECT news.track('reuters', 'id', 'body', 'published', 'title', 'source');
SELECT news.track('labelled', 'id', 'body', 'published', 'title', 'source');

-- results: a clustering per stream and method
CREATE TABLE results (stream text, method text, id int8, c int8);
CREATE VIEW bcubed AS
WITH l AS (SELECT r.stream, r.method, l.split, l.id, l.story AS g, r.c FROM results r JOIN labels l ON l.id = r.id),
per AS (SELECT a.stream, a.method, a.split, a.id,
		count(*) FILTER (WHERE a.g = b.g AND a.c = b.c)::float8 AS both_,
		count(*) FILTER (WHERE a.c = b.c) AS csize, count(*) FILTER (WHERE a.g = b.g) AS gsize
	FROM l a JOIN l b ON b.stream = a.stream AND b.method = a.method AND b.split = a.split AND (b.g = a.g OR b.c = a.c)
	GROUP BY 1, 2, 3, 4)
SELECT stream, method, split, avg(both_ / csize) AS p, avg(both_ / gsize) AS r,
	2 * avg(both_ / csize) * avg(both_ / gsize) / (avg(both_ / csize) + avg(both_ / gsize)) AS f
FROM per GROUP BY 1, 2, 3;
SQL

# the full stream, incremental: 1,000 articles at a time, each batch followed by a refresh
n=$(na_psql -At -c "SELECT count(*) FROM reuters_all")
t0=$(date +%s.%N)
for off in $(seq 0 1000 $((n - 1))); do
	na_psql -c "INSERT INTO reuters SELECT * FROM reuters_all ORDER BY published, id OFFSET $off LIMIT 1000" \
		-c "SET client_min_messages = warning" -c "CALL news.refresh('reuters')"
done
t1=$(date +%s.%N)
na_psql <<SQL
INSERT INTO results SELECT 'full', 'stories (incremental)', article_id, story_id FROM reuters_story_members;
SET client_min_messages = warning;
SELECT * FROM news.stories_maintain('reuters');
INSERT INTO results SELECT 'full', 'stories + maintain', article_id, story_id FROM reuters_story_members;
SELECT news.stories_rebuild('reuters');
INSERT INTO results SELECT 'full', 'stories (rebuild)', article_id, story_id FROM reuters_story_members;

-- the labelled stream: analysed in one refresh (publication order within it)
INSERT INTO labelled SELECT r.* FROM reuters_all r JOIN labels USING (id);
CALL news.refresh('labelled', 5000);
INSERT INTO results SELECT 'labelled', 'stories (incremental)', article_id, story_id FROM labelled_story_members;
SELECT * FROM news.stories_maintain('labelled');
INSERT INTO results SELECT 'labelled', 'stories + maintain', article_id, story_id FROM labelled_story_members;

-- union-find over candidate pairs with tf-idf cosine >= 0.2
CREATE TABLE w AS
SELECT v.article_id AS id, v.published AS p, news.tfidf(v.terms, (SELECT news.corpus_stats(terms) FROM reuters_vectors)) AS w
FROM reuters_vectors v;
CREATE INDEX ON w USING gin (w);
ANALYZE w;
CREATE TABLE pairs AS
SELECT a.id AS a, b.id AS b, abs(extract(epoch FROM a.p - b.p)) AS apart
FROM w a JOIN w b ON news.termvec_matches(b.w, news.mlt_query(a.w, 20, 2)) AND b.id > a.id
	AND news.cosine(a.w, b.w) >= 0.2;
INSERT INTO results SELECT 'full', 'union-find 0.2', id, cluster_id
FROM news.cluster_members((SELECT news.clusters(x.a, x.b) FROM (SELECT a, b FROM pairs UNION ALL SELECT id, NULL FROM w) x));
INSERT INTO results SELECT 'full', 'union-find 0.2, 3 days', id, cluster_id
FROM news.cluster_members((SELECT news.clusters(x.a, x.b)
	FROM (SELECT a, b FROM pairs WHERE apart <= 3 * 86400 UNION ALL SELECT id, NULL FROM w) x));
INSERT INTO results SELECT 'labelled', 'union-find 0.2', id, cluster_id
FROM news.cluster_members((SELECT news.clusters(x.a, x.b)
	FROM (SELECT a, b FROM pairs WHERE a IN (SELECT id FROM labels) AND b IN (SELECT id FROM labels)
		  UNION ALL SELECT id, NULL FROM labels) x));
SQL

echo
echo "== Stories against hand-labelled Reuters stories (BCubed over labelled items)"
na_psql <<'SQL'
SELECT b.stream, b.method, b.split,
	(SELECT count(DISTINCT c) FROM results r WHERE r.stream = b.stream AND r.method = b.method) AS clusters,
	(SELECT max(n) FROM (SELECT count(*) AS n FROM results r WHERE r.stream = b.stream AND r.method = b.method GROUP BY c) x)
		AS largest,
	round(b.p::numeric, 3) AS precision, round(b.r::numeric, 3) AS recall, round(b.f::numeric, 3) AS f1
FROM bcubed b
ORDER BY b.stream, b.split, CASE WHEN b.method LIKE 'stories%' THEN 0 ELSE 1 END, b.method;
SQL

echo
echo "== Incremental stories against the batch rebuild (full stream, every article)"
na_psql <<'SQL'
WITH a AS (SELECT r.id, r.c AS inc, b.c AS reb FROM results r JOIN results b ON b.id = r.id
		AND b.stream = 'full' AND b.method = 'stories (rebuild)'
	WHERE r.stream = 'full' AND r.method = 'stories (incremental)'),
per AS (SELECT x.id, count(*) FILTER (WHERE x.inc = y.inc AND x.reb = y.reb)::float8 AS both_,
		count(*) FILTER (WHERE x.inc = y.inc) AS isize, count(*) FILTER (WHERE x.reb = y.reb) AS rsize
	FROM a x JOIN a y ON y.inc = x.inc OR y.reb = x.reb GROUP BY x.id)
SELECT count(*) AS articles, round(avg(both_ / isize)::numeric, 4) AS precision,
	round(avg(both_ / rsize)::numeric, 4) AS recall,
	round((2 * avg(both_ / isize) * avg(both_ / rsize) / (avg(both_ / isize) + avg(both_ / rsize)))::numeric, 4) AS f1,
	round(avg((both_ = isize AND both_ = rsize)::int)::numeric, 4) AS same_story_exactly
FROM per;
SQL

echo
echo "== Where the BCubed of the incremental stories is lost (full stream): the labels losing most"
echo "   (loss = sum over a label's items of 1 - recall, or 1 - precision, over the split's items)"
na_psql <<'SQL'
WITH l AS (SELECT l.split, l.id, l.story AS g, r.c FROM results r JOIN labels l ON l.id = r.id
		WHERE r.stream = 'full' AND r.method = 'stories (incremental)'),
per AS (SELECT a.split, a.g, count(*) FILTER (WHERE a.g = b.g AND a.c = b.c)::float8 AS both_,
		count(*) FILTER (WHERE a.c = b.c) AS csize, count(*) FILTER (WHERE a.g = b.g) AS gsize,
		count(DISTINCT b.c) FILTER (WHERE a.g = b.g) AS pieces
	FROM l a JOIN l b ON b.split = a.split AND (b.g = a.g OR b.c = a.c) GROUP BY a.split, a.id, a.g),
lab AS (SELECT split, g, count(*) AS items, max(pieces) AS pieces, sum(1 - both_ / gsize) AS rloss, sum(1 - both_ / csize) AS ploss
	FROM per GROUP BY 1, 2),
tot AS (SELECT split, sum(items) AS n, sum(rloss) AS r, sum(ploss) AS p FROM lab GROUP BY 1),
ranked AS (SELECT lab.*, row_number() OVER (PARTITION BY lab.split ORDER BY rloss DESC, g) AS rr,
		row_number() OVER (PARTITION BY lab.split ORDER BY ploss DESC, g) AS pr FROM lab)
SELECT x.split, x.g AS label, x.items, x.pieces AS stories, round((x.rloss / t.n)::numeric, 3) AS recall_loss,
	round((x.ploss / t.n)::numeric, 3) AS precision_loss,
	round((t.r / t.n)::numeric, 3) AS split_recall_loss, round((t.p / t.n)::numeric, 3) AS split_precision_loss
FROM ranked x JOIN tot t USING (split) WHERE x.rr <= 8 OR x.pr <= 4
ORDER BY x.split, x.rloss DESC, x.g;
SQL
echo
echo "== The largest stories of the rebuild, with their labelled members"
na_psql <<'SQL'
SELECT s.story_id, s.articles, s.last_seen::date - s.first_seen::date AS days,
	(SELECT count(*) FROM reuters_story_members m JOIN labels l ON l.id = m.article_id WHERE m.story_id = s.story_id) AS labelled,
	left(s.headline, 44) AS headline, s.keyphrases
FROM reuters_stories s ORDER BY s.articles DESC, s.story_id LIMIT 8;
SQL

echo
echo "== Same-story pair AUC over every pair of labelled items of a split"
na_psql <<'SQL'
CREATE TABLE items AS
SELECT v.article_id AS id, v.published AS p, v.terms, m.entities,
	ROW(v.article_id, v.published, v.published, 1, news.story_vector(v.terms), m.entities)::news.story_item AS item
FROM reuters_vectors v JOIN reuters_story_members m USING (article_id)
WHERE v.article_id IN (SELECT id FROM labels);
-- the statistics of all articles (news.stories_rebuild stored them)
CREATE TABLE st AS SELECT stats, entity_stats AS estats FROM reuters_story_state;
CREATE TABLE scored AS
SELECT la.split, la.story = lb.story AS same,
	news.story_similarity(a.item, b.item, st.stats, st.estats, (SELECT entity_weight FROM reuters_story_state)) AS ours,
	news.cosine(news.tfidf(a.terms, st.stats), news.tfidf(b.terms, st.stats)) AS cosine
FROM items a JOIN items b ON b.id > a.id
JOIN labels la ON la.id = a.id JOIN labels lb ON lb.id = b.id AND lb.split = la.split
CROSS JOIN st;
-- AUC = (sum of the positives' ranks - n+ (n+ + 1) / 2) / (n+ n-), ties at their mean rank
CREATE FUNCTION auc(split text, col text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE a float8;
BEGIN
	EXECUTE format('WITH r AS (SELECT same, rank() OVER (ORDER BY %1$I) + (count(*) OVER (PARTITION BY %1$I) - 1) / 2.0 AS rk
		FROM scored WHERE split = $1)
		SELECT (sum(rk) FILTER (WHERE same) - count(*) FILTER (WHERE same) * (count(*) FILTER (WHERE same) + 1) / 2.0)
			/ (count(*) FILTER (WHERE same) * count(*) FILTER (WHERE NOT same))::float8 FROM r', col)
		INTO a USING split;
	RETURN a;
END $$;
SELECT split, count(*) AS pairs, count(*) FILTER (WHERE same) AS same_story,
	round(auc(split, 'ours')::numeric, 4) AS auc_story_similarity, round(auc(split, 'cosine')::numeric, 4) AS auc_tfidf_cosine
FROM scored GROUP BY split ORDER BY split;
SQL

if [ -n "${NA_STORIES_REPLAY:-}" ]; then
	echo
	echo "== The rebuild replayed outside the server (test/eval/stories_replay.c), against the rebuild"
	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc/core -o "$NA_TMP/stories_replay" test/eval/stories_replay.c \
		src/core/stories.c src/core/termvec.c src/core/na_core.c -lm
	na_psql -q <<SQL
\\copy (SELECT stats::text, entity_stats::text FROM reuters_story_state) TO '$NA_TMP/replay_stats.tsv'
\\copy (SELECT v.article_id, extract(epoch FROM v.published), news.story_vector(v.terms), COALESCE(e.ev, '{}') FROM reuters_vectors v LEFT JOIN (SELECT m.article_id, news.story_entities(array_agg(m.entity)) AS ev FROM reuters_mentions m WHERE m.type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC') GROUP BY 1) e USING (article_id) ORDER BY v.published, v.article_id) TO '$NA_TMP/replay_items.tsv'
\\copy (SELECT r.id, news.story_vector(news.termvec(coalesce(r.title, ''))) FROM reuters_all r ORDER BY r.id) TO '$NA_TMP/replay_titles.tsv'
SQL
	"$NA_TMP/stories_replay" "$NA_TMP/replay_stats.tsv" "$NA_TMP/replay_items.tsv" \
		$(na_psql -At -F ' ' -c "SELECT threshold, extract(epoch FROM time_window) / 86400, entity_weight FROM reuters_story_state") \
		>"$NA_TMP/replay.tsv"
	na_psql <<SQL
CREATE TABLE replay (id int8, c int8);
\\copy replay FROM '$NA_TMP/replay.tsv'
WITH a AS (SELECT x.id, x.c AS rep, b.c AS reb FROM replay x JOIN results b ON b.id = x.id
		AND b.stream = 'full' AND b.method = 'stories (rebuild)'),
per AS (SELECT x.id, count(*) FILTER (WHERE x.rep = y.rep AND x.reb = y.reb)::float8 AS both_,
		count(*) FILTER (WHERE x.rep = y.rep) AS psize, count(*) FILTER (WHERE x.reb = y.reb) AS rsize
	FROM a x JOIN a y ON y.rep = x.rep OR y.reb = x.reb GROUP BY x.id)
SELECT count(*) AS articles, round((2 * avg(both_ / psize) * avg(both_ / rsize) / (avg(both_ / psize) + avg(both_ / rsize)))::numeric, 4) AS bcubed_f1,
	round(avg((both_ = psize AND both_ = rsize)::int)::numeric, 4) AS same_story_exactly
FROM per;
SQL
fi

echo
awk -v n="$n" -v w="$(echo "$t1 - $t0" | bc)" 'BEGIN {
	printf "full stream: %d articles inserted and refreshed 1,000 at a time in %.1f s wall\n", n, w }'
na_psql <<'SQL'
SELECT source, analysed, errors FROM news.tracking_status ORDER BY source::text;
SELECT threshold, time_window, entity_weight, merge_threshold, merge_window, maintained_docs FROM reuters_story_state;
SQL

if [ -n "${NA_STORIES_TUNE:-}" ]; then
	echo
	echo "== Dev grid (rebuild at each threshold and entity weight; dev items only)"
	for th in 0.28 0.3 0.32; do
		for ew in 0 0.1 0.2 0.3; do
			na_psql <<SQL
SET client_min_messages = warning;
SELECT news.stories_rebuild('reuters', threshold => $th, entity_weight => $ew);
INSERT INTO results SELECT 'grid', 'threshold $th, entity weight $ew', article_id, story_id FROM reuters_story_members;
SQL
		done
	done
	na_psql -c "SELECT method, round(p::numeric, 3) AS precision, round(r::numeric, 3) AS recall, round(f::numeric, 3) AS f1
		FROM bcubed WHERE stream = 'grid' AND split = 'dev' ORDER BY f DESC, method"
fi

if [ -n "${NA_STORIES_MERGE_GRID:-}" ]; then
	echo
	echo "== Merge grid (rebuild, then news.stories_maintain at each merge threshold; dev and test items)"
	for mt in 0.4 0.35 0.3 0.25 0.2; do
		na_psql <<SQL
SET client_min_messages = warning;
SELECT news.stories_rebuild('reuters');
SELECT news.stories_configure('reuters', merge_threshold => $mt);
SELECT * FROM news.stories_maintain('reuters');
INSERT INTO results SELECT 'merge', 'merge threshold $mt', article_id, story_id FROM reuters_story_members;
SQL
	done
	na_psql -c "SELECT news.stories_configure('reuters', merge_threshold => 0.4)" >/dev/null
	na_psql -c "SELECT method, split, round(p::numeric, 3) AS precision, round(r::numeric, 3) AS recall, round(f::numeric, 3) AS f1
		FROM bcubed WHERE stream = 'merge' ORDER BY split, method DESC"
fi
