-- the version stamp of stored results (news.pipeline_stamp): the library's
-- analysis version (news.analysis_version) in the high 32 bits, the
-- configuration version in the low 32.  A row stamped by a library whose
-- analyses differ is stale and news.refresh analyses it again in full; a
-- row stamped under another configuration only has its entities and
-- quotes done again.
SET timezone = 'UTC';
\set SHOW_CONTEXT never
-- the stamp is made of the two versions (their values change with builds)
SELECT news.analysis_version() > 0 AS positive,
	news.analysis_version() >> 24 BETWEEN 1 AND 127 AS analysis_constant,
	news.pipeline_stamp() >> 32 = news.analysis_version() AS high_half,
	news.pipeline_stamp() & 4294967295 = (SELECT version FROM news.pipeline_config) AS low_half;
SELECT p.proname, p.provolatile, p.proparallel FROM pg_proc p
WHERE p.oid IN ('news.analysis_version()'::regprocedure, 'news.pipeline_stamp()'::regprocedure) ORDER BY 1;

CREATE SCHEMA pv;
CREATE TABLE pv.articles (id int PRIMARY KEY, title text, body text, published timestamptz);
INSERT INTO pv.articles VALUES
(1, 'Port strike', 'ROTTERDAM, March 3 - Workers at the Port of Rotterdam extended their strike on Monday. "We will not go back until the wages rise," said union leader Jan de Vries.', '2025-03-03 09:00+00'),
(2, 'Bank holds rates', 'The European Central Bank kept interest rates unchanged on Thursday. "Inflation is falling," Christine Lagarde told reporters in Frankfurt.', '2025-02-21 12:00+00'),
(3, 'Flood', 'Heavy rain flooded Valencia on Sunday. Spanish officials said the river burst its banks.', '2025-02-20 08:00+00');
SELECT news.track('pv.articles', 'id', 'body', 'published', 'title');
SET client_min_messages = warning;
CALL news.refresh('pv.articles');
RESET client_min_messages;
SELECT article_id, version = news.pipeline_stamp() AS current, times FROM pv.articles_analysed ORDER BY 1;
SELECT analysed, backlog, stale, errors FROM news.tracking_status WHERE source = 'pv.articles'::regclass;

-- rows as an older library left them: article 1 stamped with another
-- analysis version, article 2 by a build from before the analysis version
-- (the configuration version alone); their tone, vectors and dates
-- (analyses that do not depend on the configuration) are taken away to see
-- that they are analysed in full, and article 3's too, which stays current
-- and so keeps none
UPDATE pv.articles_analysed
SET version = CASE article_id
	WHEN 1 THEN ((((news.analysis_version() # 1) & 2147483647)::int8) << 32) | (version & 4294967295)
	ELSE version & 4294967295 END
WHERE article_id IN (1, 2);
DELETE FROM pv.articles_tone;
DELETE FROM pv.articles_vectors;
DELETE FROM pv.articles_dates;
SELECT article_id, version = news.pipeline_stamp() AS current FROM pv.articles_analysed ORDER BY 1;
SELECT analysed, backlog, stale, errors FROM news.tracking_status WHERE source = 'pv.articles'::regclass;
SELECT article_id, failed AS in_full
FROM news.pipeline_claim_stale((SELECT t FROM news.tracked t WHERE t.source = 'pv.articles'::regclass), news.pipeline_stamp(), 10)
ORDER BY 1;
SET client_min_messages = warning;
CALL news.refresh('pv.articles');
RESET client_min_messages;
SELECT article_id, version = news.pipeline_stamp() AS current, times FROM pv.articles_analysed ORDER BY 1;
SELECT analysed, backlog, stale, errors, last_run_articles FROM news.tracking_status WHERE source = 'pv.articles'::regclass;
SELECT a.id, (SELECT count(*) FROM pv.articles_tone t WHERE t.article_id = a.id) AS tone,
	(SELECT count(*) FROM pv.articles_vectors v WHERE v.article_id = a.id) AS vectors,
	(SELECT count(*) FROM pv.articles_dates d WHERE d.article_id = a.id) AS dates,
	(SELECT count(*) FROM pv.articles_story_members m WHERE m.article_id = a.id) AS story_members
FROM pv.articles a ORDER BY 1;
-- the results analysed again are those of the functions
SELECT NOT EXISTS (
	SELECT article_id, polarity, score FROM pv.articles_tone
	EXCEPT SELECT a.id, s.polarity, s.score FROM pv.articles a, news.sentiment(a.body) s WHERE a.id IN (1, 2)) AS tone_match;
SELECT NOT EXISTS (
	SELECT article_id, entity, type, start FROM pv.articles_mentions
	EXCEPT SELECT a.id, e.entity, e.type, e.start FROM pv.articles a, news.entities(a.body) e)
	AND (SELECT count(*) FROM pv.articles_mentions) = (SELECT count(*) FROM pv.articles a, news.entities(a.body)) AS mentions_match;

-- a configuration change alone: the entities and quotes are done again,
-- not the rest (article 3's tone stays missing)
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Zorblax Holdings', 'Zorblax Holdings', 'ORG');
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pv.articles'::regclass;
SELECT article_id, failed AS in_full
FROM news.pipeline_claim_stale((SELECT t FROM news.tracked t WHERE t.source = 'pv.articles'::regclass), news.pipeline_stamp(), 10)
ORDER BY 1;
SET client_min_messages = warning;
CALL news.refresh('pv.articles');
RESET client_min_messages;
SELECT article_id, version = news.pipeline_stamp() AS current, times FROM pv.articles_analysed ORDER BY 1;
SELECT count(*) AS tone_rows FROM pv.articles_tone;
DELETE FROM news.gazetteer WHERE alias = 'Zorblax Holdings';

SET client_min_messages = warning;
SELECT news.untrack('pv.articles');
DROP SCHEMA pv CASCADE;
