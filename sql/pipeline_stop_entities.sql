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
-- the stories' top entities and entity centroids, to compare after each change
CREATE TABLE pse.story_members_before AS SELECT article_id, story_id FROM pse.articles_story_members;
SELECT story_id, articles, entities FROM pse.articles_stories ORDER BY story_id;

-- a stop-entity: every analysed article is stale, and a refresh takes the
-- name out of the stored mentions
INSERT INTO news.stop_entities (name) VALUES ('Frankfurt');
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SET client_min_messages = warning;
CALL news.refresh('pse.articles');
RESET client_min_messages;
SELECT analysed, stale FROM news.tracking_status WHERE source = 'pse.articles'::regclass;
SELECT count(*) AS frankfurt_mentions FROM pse.articles_mentions WHERE entity = 'Frankfurt';
-- the stories keep their articles and name their entities as the stored
-- mentions do: the stopped name is out of their top entities, and their
-- entity centroids are those of the members' new entity vectors
SELECT NOT EXISTS (SELECT article_id, story_id FROM pse.articles_story_members
	EXCEPT SELECT article_id, story_id FROM pse.story_members_before) AS same_stories;
SELECT story_id, articles, entities FROM pse.articles_stories ORDER BY story_id;
SELECT m.article_id, m.entities OPERATOR(news.=) news.story_entities(ARRAY(
	SELECT x.entity FROM pse.articles_mentions x WHERE x.article_id = m.article_id
	AND x.type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC'))) AS member_entities_match
FROM pse.articles_story_members m ORDER BY 1;
SELECT s.story_id, s.entity_vector OPERATOR(news.=) (SELECT news.termvec_sum(m.entities)
	FROM pse.articles_story_members m WHERE m.story_id = s.story_id) AS centroid_match
FROM pse.articles_stories s ORDER BY 1;

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
-- and the stories name Frankfurt again
SELECT story_id, articles, entities FROM pse.articles_stories ORDER BY story_id;

-- the trigger is there, and says why
SELECT tgname, obj_description(oid, 'pg_trigger') FROM pg_trigger
WHERE tgrelid = 'news.stop_entities'::regclass AND tgname = 'pipeline_config_changed';

SELECT news.untrack('pse.articles');
DROP SCHEMA pse CASCADE;
