-- news.track, news.refresh, news.untrack: results, incremental updates,
-- stale marking, errors per article, status, trending, dashboard views.
-- (Security and concurrency: test/t/pipeline_security.sh,
-- test/t/pipeline_concurrency.sh; pg_cron: test/t/pipeline_cron.sh.)
SET timezone = 'UTC';
\set SHOW_CONTEXT never
CREATE SCHEMA pipe;
CREATE TABLE pipe.articles (
	id int PRIMARY KEY,
	title text,
	body text,
	outlet text,
	published timestamptz
);
INSERT INTO pipe.articles VALUES
(1, 'Port strike spreads', 'ROTTERDAM, March 3 - Workers at the Port of Rotterdam extended their strike on Monday. "We will not go back until the wages rise," said union leader Jan de Vries. The Dutch government said it would meet the union next week.', 'Wire', '2025-03-03 09:00+00'),
(2, 'Strike talks', 'Talks between the union and the Port of Rotterdam failed on Tuesday, Jan de Vries said. Ships waited outside the harbour.', 'Courier', '2025-03-04 10:00+00'),
(3, 'Flood in Valencia', 'Heavy rain flooded Valencia on Sunday. Spanish officials said the river burst its banks in 2024 too.', 'Wire', '2025-02-20 08:00+00'),
(4, 'Bank holds rates', 'The European Central Bank kept interest rates unchanged on Thursday. "Inflation is falling," Christine Lagarde told reporters in Frankfurt.', 'Courier', '2025-02-21 12:00+00');

SELECT news.track('pipe.articles', 'id', 'body', 'published', 'title', 'outlet');

-- what track made: one result table per analysis, dashboard views, bookkeeping
SELECT o.name, o.relation, c.relkind
FROM news.tracked_objects o JOIN pg_class c ON c.oid = o.relation
WHERE o.source = 'pipe.articles'::regclass ORDER BY o.name;
SELECT source, tracker, id_column, body_column, published_column, title_column, source_column,
	immediate, analysed, queue, enqueue, total_articles
FROM news.tracked;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'pipe.articles'::regclass ORDER BY 1;
SELECT article_id FROM pipe.articles_queue ORDER BY 1;
SELECT source, analysed, backlog, stale, errors, last_run IS NULL AS never_run FROM news.tracking_status;

SET client_min_messages = warning;	-- refresh notices carry timings
CALL news.refresh();
RESET client_min_messages;
SELECT source, analysed, backlog, stale, errors, last_run_articles, last_run_errors, total_articles
FROM news.tracking_status;

-- the stored results are what the functions return
SELECT (SELECT count(*) FROM pipe.articles_mentions) AS stored,
	(SELECT count(*) FROM pipe.articles a, news.entities(a.body)) AS direct;
SELECT NOT EXISTS (
	SELECT article_id, entity, type, mention, start, length, sentence, confidence FROM pipe.articles_mentions
	EXCEPT SELECT a.id, e.entity, e.type, e.mention, e.start, e.length, e.sentence, e.confidence
	FROM pipe.articles a, news.entities(a.body) e) AS mentions_match;
SELECT article_id, entity, type, mention FROM pipe.articles_mentions
WHERE type IN ('PERSON', 'ORG', 'LOC') ORDER BY article_id, start;
SELECT article_id, published, speaker, kind, cue, quote FROM pipe.articles_quotes ORDER BY article_id, start;
SELECT NOT EXISTS (
	SELECT article_id, quote, speaker, speaker_mention, start, length, kind, cue, confidence FROM pipe.articles_quotes
	EXCEPT SELECT a.id, q.quote, q.speaker, q.speaker_mention, q.start, q.length, q.kind, q.cue, q.confidence
	FROM pipe.articles a, news.quotes(a.body) q)
	AND (SELECT count(*) FROM pipe.articles_quotes) = (SELECT count(*) FROM pipe.articles a, news.quotes(a.body)) AS quotes_match;
-- keyphrases, summaries and tone are those of the functions
SELECT article_id, phrase, key, kind, round(score::numeric, 3) AS score FROM pipe.articles_keyphrases
WHERE article_id IN (1, 4) ORDER BY article_id, score DESC, phrase;
SELECT NOT EXISTS (
	SELECT article_id, phrase, score, count, kind, start, length FROM pipe.articles_keyphrases
	EXCEPT SELECT a.id, k.phrase, k.score, k.count, k.kind, k.start, k.length FROM pipe.articles a, news.keywords(a.body, 10) k)
	AND (SELECT count(*) FROM pipe.articles_keyphrases) = (SELECT count(*) FROM pipe.articles a, news.keywords(a.body, 10))
	AS keyphrases_match;
SELECT article_id, sentence, text FROM pipe.articles_summary ORDER BY article_id, sentence;
SELECT NOT EXISTS (
	SELECT article_id, sentence, text, start, length, score FROM pipe.articles_summary
	EXCEPT SELECT a.id, s.sentence, s.text, s.start, s.length, s.score FROM pipe.articles a, news.summary(a.body, 3) s)
	AND (SELECT count(*) FROM pipe.articles_summary) = (SELECT count(*) FROM pipe.articles a, news.summary(a.body, 3))
	AS summary_match;
SELECT article_id, polarity, round(score::numeric, 3) AS score, round((positive - negative)::numeric, 2) AS tone, words
FROM pipe.articles_tone ORDER BY article_id;
SELECT NOT EXISTS (
	SELECT article_id, polarity, score, positive, negative, sentences, words FROM pipe.articles_tone
	EXCEPT SELECT a.id, t.polarity, t.score, t.positive, t.negative, t.sentences, t.words FROM pipe.articles a, news.sentiment(a.body) t)
	AND (SELECT count(*) FROM pipe.articles_tone) = (SELECT count(*) FROM pipe.articles) AS tone_match;
SELECT article_id, mention, date, grain FROM pipe.articles_dates ORDER BY article_id, start;
SELECT v.article_id, v.terms OPERATOR(news.=) news.termvec(concat_ws(E'\n', a.title, a.body)) AS terms_match,
	news.jaccard(v.signature, news.minhash(a.body)) = 1 AS signature_match
FROM pipe.articles_vectors v JOIN pipe.articles a ON a.id = v.article_id ORDER BY 1;
-- terms keep their surface form, never the stem: one row per article,
-- the rows of news.term_surfaces as three arrays in their order
SELECT t.article_id, u.surface, u.count FROM pipe.articles_terms t, unnest(t.term_ids, t.surfaces, t.counts) u(term_id, surface, count)
WHERE t.article_id = 1 AND u.count > 1 ORDER BY u.count DESC, u.surface;
SELECT (SELECT count(*) FROM pipe.articles_terms) = (SELECT count(*) FROM pipe.articles) AS one_terms_row_per_article,
	NOT EXISTS (
	SELECT t.article_id, u.term_id, u.surface, u.count, u.n FROM pipe.articles_terms t,
		unnest(t.term_ids, t.surfaces, t.counts) WITH ORDINALITY u(term_id, surface, count, n)
	EXCEPT SELECT a.id, s.term_id, s.surface, s.count, s.n FROM pipe.articles a, news.term_surfaces(a.body, 40) WITH ORDINALITY s(term_id, surface, count, n))
	AND (SELECT sum(cardinality(term_ids)) FROM pipe.articles_terms) = (SELECT count(*) FROM pipe.articles a, news.term_surfaces(a.body, 40))
	AS terms_match;
-- news.term_surfaces: the terms of news.top_terms, with their counts and spelling
SELECT * FROM news.term_surfaces('ROTTERDAM - Workers at the Port of Rotterdam struck. Prices rose, prices! The price of oil; Rotterdam''s port.', 4);
SELECT bool_and(x.same) AS same_terms_as_top_terms FROM pipe.articles a, LATERAL (
	SELECT (SELECT array_agg(term_id || ':' || count ORDER BY term_id) FROM news.term_surfaces(a.body, 7))
		= (SELECT array_agg(term_id || ':' || weight ORDER BY term_id) FROM news.termvec_entries(news.top_terms(news.termvec(a.body), 7))) AS same) x;
SELECT count(*) FROM news.term_surfaces('', 5);
SELECT news.term_surfaces('text', 0);
-- news.term_surface_arrays: the same rows as three arrays
SELECT * FROM news.term_surface_arrays('ROTTERDAM - Workers at the Port of Rotterdam struck. Prices rose, prices! The price of oil; Rotterdam''s port.', 4);
SELECT * FROM news.term_surface_arrays('', 5);
SELECT news.term_surface_arrays('text', 0);
SELECT article_id, published, source, version = news.pipeline_stamp() AS current,
	times, error FROM pipe.articles_analysed ORDER BY 1;

-- new, changed and deleted articles are queued by the table's triggers
INSERT INTO pipe.articles VALUES (5, 'Flood recedes', 'The water in Valencia fell on Monday, Spanish officials said.', 'Wire', '2025-02-24 08:00+00');
UPDATE pipe.articles SET body = body || ' The strike ended on Friday.' WHERE id = 2;
UPDATE pipe.articles SET title = title WHERE id = 4;	-- nothing analysed changed
DELETE FROM pipe.articles WHERE id = 3;
SELECT article_id FROM pipe.articles_queue ORDER BY 1;
SET client_min_messages = warning;
CALL news.refresh('pipe.articles');
RESET client_min_messages;
SELECT article_id, times, error FROM pipe.articles_analysed ORDER BY 1;
SELECT DISTINCT article_id FROM pipe.articles_mentions ORDER BY 1;
SELECT count(*) AS deleted_article_results FROM pipe.articles_dates WHERE article_id = 3;
SELECT mention, date FROM pipe.articles_dates WHERE article_id = 2 ORDER BY start;
-- nothing left: a second refresh analyses nothing
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT last_run_articles, total_articles FROM news.tracking_status;

-- a configuration change makes entities and quotes stale; an article whose
-- analysis fails keeps no results and records the error, the others go on
INSERT INTO news.entity_patterns (type, pattern, description)
VALUES ('BOOM', '(?:a+)+$', 'backtracks exponentially on a run of a''s followed by another letter');
INSERT INTO pipe.articles VALUES (6, 'Noise', 'Angela Merkel said: ' || repeat('a', 40) || 'b', 'Wire', '2025-03-05 08:00+00');
SELECT source, analysed, backlog, stale, errors FROM news.tracking_status;
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT source, analysed, backlog, stale, errors, last_run_articles, last_run_errors FROM news.tracking_status;
SELECT article_id, times, error FROM pipe.articles_analysed ORDER BY 1;
SELECT count(*) AS failed_article_mentions FROM pipe.articles_mentions WHERE article_id = 6;
DELETE FROM news.entity_patterns WHERE type = 'BOOM';
SET client_min_messages = warning;
CALL news.refresh();
RESET client_min_messages;
SELECT article_id, times, error FROM pipe.articles_analysed ORDER BY 1;
SELECT count(*) > 0 AS repaired_article_mentions FROM pipe.articles_mentions WHERE article_id = 6;

-- news.refresh_batch works inside a transaction
BEGIN;
INSERT INTO pipe.articles VALUES (7, 'Rates', 'Christine Lagarde spoke in Frankfurt on Friday.', 'Courier', '2025-03-07 08:00+00');
SELECT * FROM news.refresh_batch('pipe.articles', 10);
SELECT * FROM news.refresh_batch('pipe.articles', 10);
COMMIT;
SELECT entity FROM pipe.articles_mentions WHERE article_id = 7 AND type = 'PERSON';

-- trending: names and words of the week of March 3 against the two weeks before
SELECT item, docs, baseline_docs, round(score::numeric, 4) AS score
FROM news.trending('entities', '2025-03-03', '14 days', 5, min_docs => 2);
SELECT item, docs, baseline_docs, round(score::numeric, 4) AS score
FROM news.trending('terms', '2025-03-03', '14 days', 20, min_docs => 2);
-- a name of the baseline weeks is not trending
SELECT count(*) FROM news.trending('entities', '2025-03-03', '14 days', min_docs => 1) WHERE item = 'Valencia';
-- keyphrases count by their lower-case key and show their most frequent spelling
SELECT item, docs, baseline_docs, round(score::numeric, 4) AS score
FROM news.trending('keyphrases', '2025-03-03', '14 days', 5, min_docs => 2);
SELECT * FROM news.trending('stories', '2025-03-03', '14 days');

-- dashboard views
SELECT * FROM pipe.articles_entities_daily WHERE type IN ('PERSON', 'LOC') ORDER BY day, source, entity;
SELECT * FROM pipe.articles_speakers_daily ORDER BY day, source, speaker;
SELECT * FROM pipe.articles_entity_pairs_daily ORDER BY day, entity_a, entity_b LIMIT 4;
SELECT * FROM pipe.articles_articles_daily ORDER BY day, source;
SELECT day, source, articles, round(score::numeric, 3) AS score, round(tone::numeric, 2) AS tone, positive, neutral, negative
FROM pipe.articles_tone_daily ORDER BY day, source;

-- a row of the analysed table deleted by hand: the article, analysed again,
-- has its results stored once (the old ones are removed all the same)
DELETE FROM pipe.articles_analysed WHERE article_id = 2;
UPDATE pipe.articles SET body = body || ' Talks resume in Rotterdam.' WHERE id = 2;
SET client_min_messages = warning;
CALL news.refresh('pipe.articles');
RESET client_min_messages;
SELECT (SELECT count(*) FROM pipe.articles_mentions WHERE article_id = 2) AS stored_mentions,
	(SELECT count(*) FROM pipe.articles a CROSS JOIN LATERAL news.entities(a.body) e WHERE a.id = 2) AS entities,
	(SELECT count(*) FROM pipe.articles_terms WHERE article_id = 2) AS terms_rows;

-- TRUNCATE empties the results
TRUNCATE pipe.articles;
SELECT (SELECT count(*) FROM pipe.articles_mentions) + (SELECT count(*) FROM pipe.articles_analysed) AS rows_left;

-- immediate mode: the statement that writes an article analyses it
CREATE TABLE pipe.feed (n bigint PRIMARY KEY, txt varchar);
SELECT news.track('pipe.feed', 'n', 'txt', result_schema => 'public', immediate => true);
INSERT INTO pipe.feed VALUES (1, 'Angela Merkel visited Paris on Monday.');
SELECT article_id, entity, type FROM public.feed_mentions ORDER BY start;
UPDATE pipe.feed SET txt = 'Olaf Scholz visited Rome.' WHERE n = 1;
SELECT article_id, entity, type FROM public.feed_mentions ORDER BY start;
SELECT count(*) AS queued FROM public.feed_queue;
-- and describes its story at once
SELECT headline, articles FROM public.feed_stories;

-- scraped HTML: with clean, the analyses read news.clean(body), and their
-- offsets are offsets into the body as stored (sql/clean_offsets.sql tests
-- more); without, the tags would be words and the share line text
CREATE TABLE pipe.scraped (id int PRIMARY KEY, html text, published timestamptz);
INSERT INTO pipe.scraped VALUES (1, '<nav><a href="/">Home</a> &gt; <a href="/world">World</a></nav>
<h1>Merkel in Paris</h1>
<p>Angela Merkel met Emmanuel Macron in Paris on Monday. &quot;We agree,&quot; Merkel said.</p>
<p>Share this article on Facebook</p>', '2025-03-03 10:00+00');
SELECT news.track('pipe.scraped', 'id', 'html', 'published', clean => true);
SELECT clean FROM news.tracked WHERE source = 'pipe.scraped'::regclass;
SET client_min_messages = warning;
CALL news.refresh('pipe.scraped');
RESET client_min_messages;
SELECT m.entity, m.type, m.start, news.clean(substr(s.html, m.start, m.length)) = m.mention AS offsets_in_body
FROM pipe.scraped_mentions m JOIN pipe.scraped s ON s.id = m.article_id ORDER BY m.start;
SELECT speaker, kind, quote FROM pipe.scraped_quotes;
SELECT count(*) FILTER (WHERE u.surface IN ('nav', 'href', 'Share', 'Facebook')) AS markup_or_boilerplate_terms
FROM pipe.scraped_terms t, unnest(t.surfaces) u(surface);
SELECT v.terms OPERATOR(news.=) news.termvec(news.clean(s.html)) AS vector_of_clean_text
FROM pipe.scraped_vectors v JOIN pipe.scraped s ON s.id = v.article_id;
SELECT headline FROM pipe.scraped_stories;
SELECT news.untrack('pipe.scraped');

-- a partitioned table: the partitions' triggers queue for the root
CREATE TABLE pipe.parts (id int, body text, published timestamptz NOT NULL, PRIMARY KEY (id, published))
	PARTITION BY RANGE (published);
CREATE TABLE pipe.parts_2024 PARTITION OF pipe.parts FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE pipe.parts_2025 PARTITION OF pipe.parts FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO pipe.parts VALUES (1, 'Angela Merkel visited Paris.', '2024-05-01');
SELECT news.track('pipe.parts', 'id', 'body', 'published');
INSERT INTO pipe.parts VALUES (2, 'Olaf Scholz visited Rome.', '2025-05-01');
UPDATE pipe.parts SET body = 'Emmanuel Macron visited Berlin.' WHERE id = 2;
DELETE FROM pipe.parts WHERE id = 1;
SELECT article_id FROM pipe.parts_queue ORDER BY 1;
SET client_min_messages = warning;
CALL news.refresh('pipe.parts');
RESET client_min_messages;
SELECT article_id, entity FROM pipe.parts_mentions ORDER BY article_id, start;
SELECT news.untrack('pipe.parts');

-- analyses that read only the batch are stored by one statement, in
-- position order: an article failing in two of them records the error of
-- the first one; the other article keeps its results
CREATE TABLE pipe.order_test (id int PRIMARY KEY, body text);
INSERT INTO news.pipeline_analyses (name, position, columns, fill, config_dependent, description) VALUES
('fails_first', 1001, 'x pg_catalog.int4',
 'SELECT b.id, b.published, 1 / (pg_catalog.length(b.body) - 4) FROM news_batch b', false, 'test: division by zero on a body of 4 characters'),
('fails_second', 1002, 'x pg_catalog.int4',
 'SELECT b.id, b.published, (''x'' || b.body)::pg_catalog.int4 FROM news_batch b WHERE b.body = ''boom''', false, 'test: not an integer');
SET client_min_messages = warning;
SELECT news.track('pipe.order_test', 'id', 'body');
INSERT INTO pipe.order_test VALUES (1, 'boom'), (2, 'Angela Merkel visited Paris.');
CALL news.refresh('pipe.order_test');
RESET client_min_messages;
SELECT article_id, times, error FROM pipe.order_test_analysed ORDER BY 1;
SELECT article_id, x FROM pipe.order_test_fails_first ORDER BY 1;
SELECT DISTINCT article_id FROM pipe.order_test_mentions ORDER BY 1;
SELECT news.untrack('pipe.order_test');
DELETE FROM news.pipeline_analyses WHERE name IN ('fails_first', 'fails_second');

-- bad calls
CREATE TABLE pipe.other (id int, body text, published text, title int);
SELECT news.track('pipe.feed', 'n', 'txt');
SELECT news.track('pipe.other', 'nope', 'body');
SELECT news.track('pipe.other', 'id', 'published', 'published');
SELECT news.track('pipe.other', 'id', 'body', title_column => 'title');
SELECT news.track('pipe.other', 'body', 'body');
SELECT news.track('pipe.other', 'id', 'body', result_schema => 'news');
SELECT news.track('pipe.other', 'id', 'body', result_schema => 'no_such_schema');
SELECT news.track('pipe.other', 'id', NULL);
CREATE VIEW pipe.v AS SELECT * FROM pipe.articles;
SELECT news.track('pipe.v', 'id', 'body');
CREATE TABLE pipe.a_table_name_that_is_long_enough_to_overflow_x (id int, body text);
SELECT news.track('pipe.a_table_name_that_is_long_enough_to_overflow_x', 'id', 'body');
SELECT count(*) AS nothing_made FROM pg_class WHERE relname ~ '^(other_|a_table_name_that_is_long_enough_to_overflow_x_)';
CALL news.refresh('pipe.v');
CALL news.refresh(batch => 0);
SELECT news.schedule();
SELECT * FROM news.trending('entities', now(), '-1 day');

-- untrack drops everything track made
SELECT news.untrack('pipe.feed');
SELECT news.untrack('pipe.articles');
SELECT count(*) AS registry_rows FROM news.tracked;
SELECT count(*) AS object_rows FROM news.tracked_objects;
SELECT relname FROM pg_class WHERE relname ~ '^(articles|feed)_' ORDER BY 1;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'pipe.articles'::regclass;
SELECT news.untrack('pipe.articles');
-- dropping a tracked table removes it from the registry (its results stay)
SELECT news.track('pipe.other', 'id', 'body');
DROP TABLE pipe.other;
SELECT count(*) AS registry_rows FROM news.tracked;
SELECT count(*) AS object_rows FROM news.tracked_objects;
DROP SCHEMA pipe CASCADE;
