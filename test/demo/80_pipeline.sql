\echo
\echo '=== Pipeline: a newcomer''s setup (news.track, then news.refresh or news.schedule) ==='
\echo '    CREATE EXTENSION news_analytics;'
\echo '    SELECT news.track(''news_demo.feed'', ''id'', ''body'', ''published_at'', ''title'', ''source'');'
\echo '    SELECT news.schedule();   -- with pg_cron: CALL news.refresh() every minute'
\echo '    (this demo cluster has no pg_cron, so the demo calls news.refresh itself)'
-- a feed that receives the sample articles over time, in publication order
CREATE TABLE news_demo.feed (LIKE news_demo.articles INCLUDING ALL);
INSERT INTO news_demo.feed SELECT * FROM news_demo.articles WHERE published_at < '2025-02-13';
SELECT news.track('news_demo.feed', 'id', 'body', 'published_at', 'title', 'source');
CALL news.refresh();

\echo
\echo '=== Status: analysed articles, backlog, stale rows, errors, last run ==='
SELECT source, analysed, backlog, stale, errors, last_run_articles, round(last_run_rate) AS articles_per_s
FROM news.tracking_status;

\echo
\echo '=== Stored results: entities, quotes and dates of the feed, per article ==='
SELECT a.article_id, a.source,
	(SELECT string_agg(DISTINCT m.entity, ', ') FROM news_demo.feed_mentions m
	 WHERE m.article_id = a.article_id AND m.type = 'PERSON') AS people,
	(SELECT count(*) FROM news_demo.feed_quotes q WHERE q.article_id = a.article_id) AS quotes,
	(SELECT string_agg(d.mention || ' = ' || d.date, ', ' ORDER BY d.start) FROM news_demo.feed_dates d
	 WHERE d.article_id = a.article_id AND d.date IS NOT NULL) AS dates
FROM news_demo.feed_analysed a ORDER BY a.published;

\echo
\echo '=== Stories so far: headline, span, articles, sources, entities ==='
SELECT story_id, headline, first_seen::date AS first, last_seen::date AS last, articles, sources, entities
FROM news_demo.feed_stories ORDER BY first_seen, story_id;

\echo
\echo '=== New articles arrive (March to May 2025); the triggers queue them ==='
INSERT INTO news_demo.feed SELECT * FROM news_demo.articles WHERE published_at >= '2025-02-13';
UPDATE news_demo.feed SET body = body || ' A correction was appended.' WHERE id = 1;
SELECT source, analysed, backlog FROM news.tracking_status;
CALL news.refresh();
SELECT source, analysed, backlog, last_run_articles FROM news.tracking_status;

\echo
\echo '=== Stories after the new articles: stories that grew, new stories (articles per story) ==='
SELECT story_id, headline, first_seen::date AS first, last_seen::date AS last, articles, keyphrases
FROM news_demo.feed_stories ORDER BY last_seen DESC, story_id LIMIT 8;
-- story cards (jsonb) for a web page: the stories seen since March
SELECT c->>'story_id' AS story, c->>'headline' AS headline, c->'articles_since' AS articles_since_march,
	c->'sources' AS sources, jsonb_array_length(c->'latest') AS latest_articles
FROM news.story_cards('news_demo.feed', '2025-03-01', 5) c;

\echo
\echo '=== Trending since March 2025 against the year before: entities, terms (surface forms), keyphrases ==='
SELECT item, docs, baseline_docs, round(score::numeric, 3) AS jlh
FROM news.trending('entities', '2025-03-01', '1 year', 8, min_docs => 1);
SELECT item, docs, baseline_docs, round(score::numeric, 3) AS jlh
FROM news.trending('terms', '2025-03-01', '1 year', 8, min_docs => 2);
SELECT item, docs, baseline_docs, round(score::numeric, 3) AS jlh
FROM news.trending('keyphrases', '2025-03-01', '1 year', 8, min_docs => 2);

\echo
\echo '=== Dashboard views: top quoted speakers, entity pairs, articles per day, tone per month ==='
SELECT speaker, sum(quotes) AS quotes, sum(articles) AS articles
FROM news_demo.feed_speakers_daily GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT 5;
SELECT entity_a, entity_b, sum(articles) AS articles
FROM news_demo.feed_entity_pairs_daily GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 5;
SELECT day::date, source, articles FROM news_demo.feed_articles_daily ORDER BY day, source;
SELECT date_trunc('month', day)::date AS month, sum(articles) AS articles,
	round((sum(tone * articles) / sum(articles))::numeric, 2) AS tone
FROM news_demo.feed_tone_daily GROUP BY 1 ORDER BY 1;

\echo
\echo '=== A gazetteer edit makes stored entities stale; the next refresh redoes them ==='
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Swiss Foreign Ministry', 'Swiss Foreign Ministry', 'ORG');
SELECT source, analysed, stale FROM news.tracking_status;
CALL news.refresh();
SELECT entity, type, count(*) FROM news_demo.feed_mentions WHERE entity LIKE 'Swiss%' GROUP BY 1, 2 ORDER BY 1;
SELECT news.untrack('news_demo.feed');
DELETE FROM news.gazetteer WHERE alias = 'Swiss Foreign Ministry';
