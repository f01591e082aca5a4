-- Stories: the story_members analysis of tracked tables (assignment by
-- centroid, no chaining, time window), the stories table, reading
-- functions, cards, the timeline view, maintenance and rebuild, and the
-- building blocks.  The articles are written for this test.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- ---------------------------------------------------------------------------
-- Building blocks
-- ---------------------------------------------------------------------------
-- story vectors: 1 + ln(tf), unit length: {1:1,2:4} gives 1 / 2.5874 and 2.3863 / 2.5874
SELECT news.story_vector('{1:1,2:4}');
SELECT news.story_vector('{}');
-- entity vectors: one per distinct name
SELECT news.nnz(news.story_entities(ARRAY['OPEC', 'OPEC', 'Kuwait', NULL])) AS entities,
	news.story_entities(ARRAY['OPEC']) OPERATOR(news.=) news.termvec(ARRAY[news.term_id('OPEC')], ARRAY[1::real]) AS keyed_by_term_id;
-- sums
SELECT news.termvec_add('{1:1,2:4}', '{2:-4,3:1}');
SELECT news.termvec_sum(v) FROM (VALUES ('{1:1}'::news.termvec), ('{1:2,5:1}'), (NULL)) x(v);
SELECT news.termvec_sum(v) IS NULL AS no_rows FROM (SELECT '{1:1}'::news.termvec WHERE false) x(v);

-- scores with empty statistics (every idf 1): cosines of the vectors
CREATE TEMP TABLE e AS SELECT 'docs=0 length=0 {}'::news.corpus AS c;
SELECT round(news.story_similarity(
	ROW(1, '2025-03-01', '2025-03-01', 1, '{1:1,2:1}', '{7:1}')::news.story_item,
	ROW(2, '2025-03-01', '2025-03-01', 1, '{2:1,3:1}', '{7:1,8:1}')::news.story_item, c, c, 0.3)::numeric, 6) AS score,
	round((0.7 * 0.5 + 0.3 / sqrt(2))::numeric, 6) AS by_hand
FROM e;
-- a member against the rest of its story: {1:1,2:2} minus {2:1} against {2:1}
SELECT round(news.story_similarity(ROW(1, '2025-03-01', '2025-03-01', 2, '{1:1,2:2}', NULL)::news.story_item,
	ROW(2, '2025-03-01', '2025-03-01', 1, '{2:1}', NULL)::news.story_item, c, c, 0.3, exclude => true)::numeric, 6) AS score
FROM e;
-- news.story_scores: the same values as news.story_similarity, item by
-- item, under statistics where idf varies (an item without entities, one
-- without terms, one sharing nothing)
CREATE TEMP TABLE st AS SELECT news.corpus_stats(v) AS c FROM (VALUES ('{1:1,2:1}'::news.termvec), ('{2:3}'), ('{3:1,9:2}')) x(v);
WITH s AS (SELECT ROW(1, '2025-03-01', '2025-03-01', 3, '{1:1.5,2:0.5,3:1}', '{7:2,8:1}')::news.story_item AS story),
i AS (SELECT ARRAY[
	ROW(2, '2025-03-01', '2025-03-01', 1, '{2:1,3:1}', '{7:1,8:1}')::news.story_item,
	ROW(3, '2025-03-01', '2025-03-01', 1, '{1:0.25,9:1}', NULL)::news.story_item,
	ROW(4, '2025-03-01', '2025-03-01', 1, NULL, '{8:1}')::news.story_item,
	ROW(5, '2025-03-01', '2025-03-01', 1, '{5:1}', '{6:1}')::news.story_item] AS items)
SELECT x.n, round(x.score::numeric, 6) AS score,
	x.score = news.story_similarity(s.story, i.items[x.n], st.c, e.c, 0.3) AS same_as_story_similarity
FROM s, i, st, e, pg_catalog.unnest(news.story_scores(s.story, i.items, st.c, e.c, 0.3)) WITH ORDINALITY x(score, n)
ORDER BY x.n;
SELECT news.story_scores(ROW(1, '2025-03-01', '2025-03-01', 1, '{1:1}', NULL)::news.story_item, '{}', c, c, 0.3) FROM e;
SELECT news.story_scores(ROW(1, '2025-03-01', '2025-03-01', 1, '{1:1}', NULL)::news.story_item, '{}', c, c, -0.1) FROM e;

-- news.story_assign: A = {1,2}, B = {2,3}, C = {3,4} (unit vectors), threshold 0.45.
-- B scores 1/2 against A and joins it; C scores 1/2 against B alone but
-- 0.5 / sqrt(3) = 0.289 against the story: no chaining, C opens a story.
-- D, like A, comes two days later than the window allows.
SELECT (a.story).id, (a.story).articles, (a.story).first_seen, (a.story).last_seen, (a.story).terms, a.created, a.items,
	(SELECT array_agg(round(s::numeric, 3)) FROM unnest(a.scores) s) AS scores
FROM e, news.story_assign('{}', ARRAY[
	ROW(10, '2025-03-01 00:00', '2025-03-01 00:00', 1, '{1:0.70710677,2:0.70710677}', NULL)::news.story_item,
	ROW(11, '2025-03-01 01:00', '2025-03-01 01:00', 1, '{2:0.70710677,3:0.70710677}', NULL)::news.story_item,
	ROW(12, '2025-03-01 02:00', '2025-03-01 02:00', 1, '{3:0.70710677,4:0.70710677}', NULL)::news.story_item,
	ROW(13, '2025-03-04 00:00', '2025-03-04 00:00', 1, '{1:0.70710677,2:0.70710677}', NULL)::news.story_item],
	c, c, 0.45, '1 day', 0.3, 100) a
ORDER BY 1;
-- an existing story receives an item; stories that received nothing are not returned
SELECT (a.story).id, (a.story).articles, (a.story).terms, a.created, a.items
FROM e, news.story_assign(ARRAY[
	ROW(5, '2025-03-01', '2025-03-01', 3, '{1:2,2:1}', NULL)::news.story_item,
	ROW(6, '2025-03-01', '2025-03-01', 1, '{9:1}', NULL)::news.story_item],
	ARRAY[ROW(20, '2025-03-01 12:00', '2025-03-01 12:00', 1, '{1:1}', NULL)::news.story_item],
	c, c, 0.3, '1 day', 0.3, 100) a;
-- bad calls
SELECT * FROM e, news.story_assign('{}', '{}', c, c, 1.5, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign('{}', '{}', c, c, 0.3, '-1 day', 0.3, 1);
SELECT * FROM e, news.story_assign('{}', ARRAY[ROW(1, '2025-03-02', '2025-03-01', 1, NULL, NULL)::news.story_item], c, c, 0.3, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign('{}', ARRAY[ROW(1, 'infinity', 'infinity', 1, NULL, NULL)::news.story_item], c, c, 0.3, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign('{}', ARRAY[ROW(NULL, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item], c, c, 0.3, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign('{}', ARRAY[ROW(1, '2025-03-02', '2025-03-02', 1, NULL, NULL)::news.story_item,
	ROW(2, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item], c, c, 0.3, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign(ARRAY[ROW(5, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item,
	ROW(5, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item], '{}', c, c, 0.3, '1 day', 0.3, 1);
SELECT * FROM e, news.story_assign(ARRAY[ROW(5, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item],
	ARRAY[ROW(1, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item], c, c, 0.3, '1 day', 0.3, 5);
SELECT news.story_similarity(ROW(1, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item,
	ROW(1, '2025-03-01', '2025-03-01', 1, NULL, NULL)::news.story_item, c, c, 2) FROM e;
-- titles: the title, or the first sentence of the body
SELECT news.story_title('  Port strike  ', 'Body.'), news.story_title(NULL, 'First sentence here. Second one.'),
	news.story_title('', ''), length(news.story_title(NULL, repeat('word ', 100) || '.'));

-- ---------------------------------------------------------------------------
-- A tracked table: articles arrive, refresh assigns them in publication order
-- ---------------------------------------------------------------------------
CREATE SCHEMA feed;
CREATE TABLE feed.articles (
	id int PRIMARY KEY,
	title text,
	body text,
	outlet text,
	published timestamptz
);
INSERT INTO feed.articles VALUES
(1, 'Dock workers strike in Rotterdam',
 'ROTTERDAM - Dock workers at the Port of Rotterdam went on strike on Monday over pay. The dockers union FNV Havens said the strike at the container terminals would last until the port operators raised wages. Ships queued outside the harbour.',
 'Wire', '2025-03-03 08:00+00'),
(2, 'Rotterdam port strike halts container traffic',
 'Container traffic at the Port of Rotterdam stopped for a second day as the dockers strike went on. FNV Havens, the dockers union, rejected an offer from the port operators. Dozens of ships waited outside the harbour.',
 'Courier', '2025-03-04 09:30+00'),
(3, 'Valencia flooded after torrential rain',
 'VALENCIA - Torrential rain flooded the centre of Valencia on Thursday. The Turia river burst its banks and firefighters rescued residents from flooded homes, the regional government of Valencia said.',
 'Wire', '2025-02-20 07:00+00'),
(4, 'Flood waters recede in Valencia',
 'The flood waters in Valencia began to recede on Friday. Residents returned to flooded homes along the Turia river as the regional government of Valencia counted the damage of the torrential rain.',
 'Daily', '2025-02-21 11:00+00'),
(5, 'ECB leaves interest rates unchanged',
 'FRANKFURT - The European Central Bank left its interest rates unchanged on Thursday. ECB President Christine Lagarde said inflation in the euro zone was falling towards the target of two percent.',
 'Courier', '2025-02-20 13:00+00'),
(6, 'Lagarde: inflation falling, rates stay',
 'Christine Lagarde said the European Central Bank would keep interest rates unchanged until inflation in the euro zone reached its target. The ECB decision in Frankfurt was expected by markets.',
 'Daily', '2025-02-20 16:00+00'),
(7, 'Carlsen leads chess championship in Oslo',
 'OSLO - Magnus Carlsen won the fifth game of the world chess championship in Oslo on Saturday and leads the match by one point. The challenger resigned after forty moves.',
 'Wire', '2025-03-01 18:00+00');

SELECT news.track('feed.articles', 'id', 'body', 'published', 'title', 'outlet');
-- the analysis and the relations it keeps
SELECT name, position, config_dependent, clear IS NOT NULL AS own_clear, setup IS NOT NULL AS own_setup
FROM news.pipeline_analyses ORDER BY position;
SELECT o.name, o.relation, c.relkind FROM news.tracked_objects o JOIN pg_class c ON c.oid = o.relation
WHERE o.source = 'feed.articles'::regclass AND o.name LIKE 'stor%' ORDER BY o.name;
SELECT threshold, time_window, entity_weight, merge_threshold, merge_window, next_story,
	news.corpus_docs(stats) AS docs FROM feed.articles_story_state;

SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT article_id, error FROM feed.articles_analysed WHERE error IS NOT NULL;
-- memberships: publication order decides the story ids; the opener has no score
SELECT article_id, published, story_id, round(similarity::numeric, 3) AS similarity, title, source
FROM feed.articles_story_members ORDER BY story_id, published;
SELECT story_id, headline, headline_article, first_seen, last_seen, articles, sources, entities, keyphrases
FROM feed.articles_stories ORDER BY story_id;
-- the first batch records the size of its statistics (its stories were
-- assigned under them): no maintenance yet
SELECT next_story, news.corpus_docs(stats) AS docs, news.corpus_docs(entity_stats) AS entity_docs, maintained_docs
FROM feed.articles_story_state;

-- more articles: a third report of the strike, a rail strike in Lyon (the
-- same words, other places and people: another story), a later Valencia
-- flood (the same words, weeks later: another story)
INSERT INTO feed.articles VALUES
(8, 'Rotterdam dockers end strike after pay deal',
 'The dockers strike at the Port of Rotterdam ended on Wednesday after FNV Havens and the port operators agreed on higher wages. Container terminals reopened and the ships queued outside the harbour began to unload.',
 'Daily', '2025-03-05 15:00+00'),
(9, 'Rail workers strike in Lyon',
 'LYON - Rail workers at SNCF stations in Lyon went on strike on Tuesday over pay. The CGT union said trains between Lyon and Marseille would not run until the rail company raised wages.',
 'Wire', '2025-03-04 07:00+00'),
(10, 'Lyon rail strike continues',
 'The rail strike in Lyon went on for a second day. SNCF cancelled most trains between Lyon and Marseille, and the CGT union rejected the pay offer of the rail company.',
 'Courier', '2025-03-05 08:00+00'),
(11, 'Valencia floods again',
 'VALENCIA - Torrential rain flooded Valencia again on Tuesday. The Turia river burst its banks for the second time this year and firefighters rescued residents from flooded homes, the regional government said.',
 'Wire', '2025-04-01 06:00+00'),
(12, 'Carlsen keeps the title',
 'Magnus Carlsen drew the last game of the world chess championship in Oslo and kept his title. The challenger could not win with the white pieces.',
 'Daily', '2025-03-02 20:00+00');
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT article_id, story_id, round(similarity::numeric, 3) AS similarity, title
FROM feed.articles_story_members ORDER BY story_id, published;
SELECT story_id, headline, first_seen, last_seen, articles, sources, entities, keyphrases
FROM feed.articles_stories ORDER BY story_id;

-- reading: with the table, and without it while it is the only one
SELECT news.story_of('feed.articles', 8) AS story_of_8, news.story_of(8) AS without_table,
	news.story_of('feed.articles', 999) AS unknown_article;
SELECT * FROM news.story_articles('feed.articles', news.story_of('feed.articles', 1));
SELECT article_id, title FROM news.story_articles(news.story_of(9));
-- cards: the stories seen since March 1, most articles since then first
SELECT c->>'story_id' AS story, c->>'headline' AS headline, c->'articles' AS articles,
	c->'articles_since' AS since, c->'sources' AS sources, jsonb_array_length(c->'latest') AS latest
FROM news.story_cards('feed.articles', '2025-03-01', 3) c;
SELECT jsonb_pretty(news.story_card('feed.articles', news.story_of('feed.articles', 12)));
SELECT news.story_card('feed.articles', 999) IS NULL AS no_card;
-- the dashboard view: articles per story and day
SELECT day, story_id, headline, articles, sources, story_articles
FROM feed.articles_story_timeline ORDER BY day, story_id;

-- an article changes: it leaves its story and is assigned again
UPDATE feed.articles SET body = 'OSLO - Magnus Carlsen played the world chess championship in Oslo. The challenger resigned.',
	title = 'Chess in Oslo' WHERE id = 2;
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT article_id, story_id, title FROM feed.articles_story_members WHERE article_id IN (1, 2, 7, 8) ORDER BY article_id;
SELECT story_id, headline, articles FROM feed.articles_stories WHERE story_id IN
	(news.story_of('feed.articles', 1), news.story_of('feed.articles', 7)) ORDER BY story_id;
-- deleted articles leave their stories; a story without articles goes
DELETE FROM feed.articles WHERE id IN (11, 4);
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT story_id, headline, first_seen, last_seen, articles FROM feed.articles_stories ORDER BY story_id;

-- ---------------------------------------------------------------------------
-- Maintenance and rebuild
-- ---------------------------------------------------------------------------
-- the batch rebuild gives the same stories as the incremental assignment
CREATE TEMP TABLE incremental AS
SELECT m.article_id, (SELECT min(x.article_id) FROM feed.articles_story_members x WHERE x.story_id = m.story_id) AS first_member
FROM feed.articles_story_members m;
SELECT news.stories_rebuild('feed.articles') AS stories;
SELECT NOT EXISTS (
	SELECT m.article_id, (SELECT min(x.article_id) FROM feed.articles_story_members x WHERE x.story_id = m.story_id)
	FROM feed.articles_story_members m
	EXCEPT SELECT * FROM incremental) AS same_stories;
SELECT story_id, headline, articles FROM feed.articles_stories ORDER BY story_id;
-- settings: a threshold of 0.95 keeps every article apart
SELECT news.stories_configure('feed.articles', threshold => 0.95);
SELECT news.stories_rebuild('feed.articles') AS stories;
-- maintenance merges the stories the high threshold kept apart, comparing
-- their centroids
SELECT news.stories_configure('feed.articles', merge_threshold => 0.3);
-- the maintenance news.refresh runs when the statistics double assigns
-- again without merging, as the rebuild does (news.stories_regroup with
-- merge false): every article stays apart
SELECT stories_before, stories_after, moved
FROM news.stories_regroup(news.stories_relations('feed.articles', true), NULL, false);
SELECT * FROM news.stories_maintain('feed.articles');
SELECT story_id, headline, articles FROM feed.articles_stories ORDER BY story_id;
SELECT maintained_at IS NOT NULL AS maintained FROM feed.articles_story_state;
-- a member that does not fit its story leaves it (force one in); the stories keep their ids
SELECT news.stories_configure('feed.articles', threshold => 0.3, merge_threshold => 0.4);
SELECT news.stories_rebuild('feed.articles') AS stories;
UPDATE feed.articles_story_members SET story_id = news.story_of('feed.articles', 3) WHERE article_id = 7;
SELECT * FROM news.stories_maintain('feed.articles', since => '2025-02-01');
SELECT news.story_of('feed.articles', 7) = news.story_of('feed.articles', 3) AS still_with_the_flood,
	news.story_of('feed.articles', 7) = news.story_of('feed.articles', 12) AS back_with_the_chess;
SELECT story_id, headline, articles FROM feed.articles_stories ORDER BY story_id;
-- bad settings are refused
SELECT news.stories_configure('feed.articles', threshold => 2);
SELECT news.stories_configure('feed.articles', time_window => '-1 day');
SELECT news.stories_configure(NULL);

-- ---------------------------------------------------------------------------
-- Several tracked tables: the forms without a table ask for it
-- ---------------------------------------------------------------------------
CREATE TABLE feed.wire (id bigint PRIMARY KEY, txt text);
INSERT INTO feed.wire VALUES (1, 'Magnus Carlsen won the chess championship in Oslo.');
SET client_min_messages = warning;
SELECT news.track('feed.wire', 'id', 'txt');
CALL news.refresh('feed.wire');
RESET client_min_messages;
SELECT article_id, story_id, title, source FROM feed.wire_story_members;
SELECT news.story_of(1);
SELECT * FROM news.story_articles(1);
SELECT news.story_of('feed.wire', 1) AS wire_story;
SELECT news.story_of('pg_class', 1);
SELECT news.stories_rebuild('feed.articles', chunk => 0);

-- TRUNCATE empties the stories; the state comes back with the default settings
TRUNCATE feed.wire;
SELECT (SELECT count(*) FROM feed.wire_stories) AS stories, (SELECT count(*) FROM feed.wire_story_state) AS state_rows;
INSERT INTO feed.wire VALUES (2, 'Rain flooded Valencia.');
SET client_min_messages = warning;
CALL news.refresh('feed.wire');
RESET client_min_messages;
SELECT story_id, headline, articles FROM feed.wire_stories;
SELECT threshold, next_story FROM feed.wire_story_state;

-- an article published at infinity or -infinity is analysed as one without
-- a publication time: its names, quotes and terms are stored and it joins
-- a story as published now (the story stage refused it, "story times must
-- be finite", and the article's whole analysis was lost)
INSERT INTO feed.articles (id, title, body, outlet, published) VALUES
(30, 'Carlsen wins again', 'Magnus Carlsen won another game of chess in Oslo. "I played well," Carlsen said.', 'Wire', 'infinity'),
(31, 'Carlsen draws', 'Magnus Carlsen drew a game of chess in Oslo. "It was hard," Carlsen said.', 'Daily', '-infinity');
SET client_min_messages = warning;
CALL news.refresh('feed.articles');
RESET client_min_messages;
SELECT article_id, published, error FROM feed.articles_analysed WHERE article_id >= 30 ORDER BY 1;
SELECT article_id, entity, type FROM feed.articles_mentions WHERE article_id >= 30 ORDER BY 1, start;
SELECT article_id, speaker, quote FROM feed.articles_quotes WHERE article_id >= 30 ORDER BY 1;
SELECT article_id, published BETWEEN now() - interval '1 hour' AND now() AS published_now, story_id IS NOT NULL AS in_a_story
FROM feed.articles_story_members WHERE article_id >= 30 ORDER BY 1;

-- untrack drops the story tables and the view
SELECT news.untrack('feed.wire');
SELECT count(*) AS left_behind FROM pg_class WHERE relname LIKE 'wire_stor%';
SELECT news.untrack('feed.articles');
DROP SCHEMA feed CASCADE;
