-- a change of news.stop_entities changes what news.entities (and so
-- news.quotes) reports, as a change of the gazetteer or of the patterns
-- does: the stored entities and quotes of tracked tables become stale and
-- the next news.refresh analyses them again (issue 14: "when the gazetteer,
-- patterns, stop-entities or a model change, affected rows are marked stale")
SET timezone = 'UTC';
CREATE SCHEMA pse;
CREATE TABLE pse.articles (id int PRIMARY KEY, body text, published timestamptz);
INSERT INTO pse.articles VALUES
(1, 'The European Central Bank kept interest rates unchanged on Thursday. "Inflation is falling," Christine Lagarde told reporters in Frankfurt.', '2025-02-21 12:00+00'),
(2, 'Christine Lagarde flew from Frankfurt to Paris on Friday.', '2025-02-22 12:00+00'),
(3, 'Heavy rain flooded Valencia on Sunday.', '2025-02-23 08:00+00');
SELECT news.track('pse.articles', 'id', 'body', 'published');
SET client_min_messages = warning;
CALL news.refresh('pse.articles');
RESET client_min_messages;
SELECT article_id, entity, type FROM pse.articles_mentions WHERE entity = 'Frankfurt' ORDER BY 1;
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;

-- a stop-entity: every analysed article is stale, and a refresh takes the
-- name out of the stored mentions
INSERT INTO news.stop_entities (name) VALUES ('Frankfurt');
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SET client_min_messages = warning;
CALL news.refresh('pse.articles');
RESET client_min_messages;
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SELECT count(*) AS frankfurt_mentions FROM pse.articles_mentions WHERE entity = 'Frankfurt';

-- a forced type, then the rule's removal: stale each time, and the stored
-- mentions are those of news.entities after the refresh
UPDATE news.stop_entities SET action = 'force_type', forced_type = 'ORG' WHERE name = 'Frankfurt';
SELECT stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SET client_min_messages = warning;
CALL news.refresh('pse.articles');
RESET client_min_messages;
SELECT article_id, entity, type FROM pse.articles_mentions WHERE entity = 'Frankfurt' ORDER BY 1;
DELETE FROM news.stop_entities WHERE name = 'Frankfurt';
SELECT stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SET client_min_messages = warning;
CALL news.refresh('pse.articles');
RESET client_min_messages;
SELECT article_id, entity, type FROM pse.articles_mentions WHERE entity = 'Frankfurt' ORDER BY 1;
SELECT NOT EXISTS (
	SELECT article_id, entity, type, start FROM pse.articles_mentions
	EXCEPT SELECT a.id, e.entity, e.type, e.start FROM pse.articles a, news.entities(a.body) e)
	AND (SELECT count(*) FROM pse.articles_mentions) = (SELECT count(*) FROM pse.articles a, news.entities(a.body)) AS mentions_match;

-- the trigger is there, and says why
SELECT tgname, obj_description(oid, 'pg_trigger') FROM pg_trigger
WHERE tgrelid = 'news.stop_entities'::regclass AND tgname = 'pipeline_config_changed';

SELECT news.untrack('pse.articles');
DROP SCHEMA pse CASCADE;
