-- news.stop_entities: names the owner never wants as entities (stop) or
-- wants with another type (force_type), matched case-insensitively against
-- the canonical name or the mention; the table is a configuration table
-- (pg_dump keeps it) that the extension's owner edits without superuser.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

SELECT 'news.stop_entities'::regclass = ANY (extconfig) AS dumped
FROM pg_extension WHERE extname = 'news_analytics';

CREATE TEMP TABLE stop_texts (id int, body text);
INSERT INTO stop_texts VALUES
  (1, E'Ventura Corp. hired Maria Lindqvist. "We will grow," Lindqvist said.'),
  (2, E'Analysts at Holdan Partners praised Ventura Corp. on Tuesday.');

SELECT t.id, e.entity, e.type, e.mention FROM stop_texts t, news.entities(t.body) e ORDER BY t.id, e.start;

INSERT INTO news.stop_entities (name, type, action, forced_type) VALUES
  ('maria lindqvist', NULL, 'stop', NULL),        -- any type, by canonical name
  ('Holdan Partners', 'PERSON', 'stop', NULL),    -- another type: no effect
  ('ventura corp.', NULL, 'force_type', 'MISC');  -- forced type
-- the change applies at once, in this session and every other
SELECT t.id, e.entity, e.type, e.mention FROM stop_texts t, news.entities(t.body) e ORDER BY t.id, e.start;
-- quotes read the same entities: the speaker is gone
SELECT quote, speaker FROM news.quotes((SELECT body FROM stop_texts WHERE id = 1));

-- a rule for the type wins over one for any type
INSERT INTO news.stop_entities (name, type, action, forced_type) VALUES
  ('Holdan Partners', 'ORG', 'force_type', 'LOC'),
  ('HOLDAN PARTNERS', NULL, 'stop', NULL);
SELECT e.entity, e.type FROM news.entities((SELECT body FROM stop_texts WHERE id = 2)) e;
DELETE FROM news.stop_entities WHERE name = 'HOLDAN PARTNERS';
-- a rule matches the mention as written too: only "Lindqvist" goes
UPDATE news.stop_entities SET name = 'Lindqvist' WHERE name = 'maria lindqvist';
SELECT t.id, e.entity, e.type FROM stop_texts t, news.entities(t.body) e ORDER BY t.id, e.start;
TRUNCATE news.stop_entities;
SELECT count(*) AS entities_back FROM stop_texts t, news.entities(t.body) e WHERE e.type = 'PERSON';

-- the constraints
INSERT INTO news.stop_entities (name, action) VALUES ('', 'stop');
INSERT INTO news.stop_entities (name, action) VALUES ('X', 'delete');
INSERT INTO news.stop_entities (name, action) VALUES ('X', 'force_type');
INSERT INTO news.stop_entities (name, action, forced_type) VALUES ('X', 'stop', 'ORG');
INSERT INTO news.stop_entities (name, type, action) VALUES ('X', 'DATE', 'stop');
INSERT INTO news.stop_entities (name, action, forced_type) VALUES ('X', 'force_type', 'TITLE');

-- the owner, not a superuser, edits the table; other roles only read it
DROP EXTENSION news_analytics;
CREATE ROLE na_stop_owner LOGIN;
CREATE ROLE na_stop_reader LOGIN;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO na_stop_owner', current_database()); END $$;
SET ROLE na_stop_owner;
CREATE EXTENSION news_analytics;
INSERT INTO news.stop_entities (name, action) VALUES ('Maria Lindqvist', 'stop');
SELECT e.entity, e.type FROM news.entities('Maria Lindqvist met Jonas Berglund.') e;
SET ROLE na_stop_reader;
SELECT e.entity, e.type FROM news.entities('Maria Lindqvist met Jonas Berglund.') e;
DELETE FROM news.stop_entities;
SET ROLE na_stop_owner;
DELETE FROM news.stop_entities;
SELECT e.entity, e.type FROM news.entities('Maria Lindqvist met Jonas Berglund.') e;
RESET ROLE;
DROP EXTENSION news_analytics;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM na_stop_owner', current_database()); END $$;
DROP ROLE na_stop_owner;
DROP ROLE na_stop_reader;
CREATE EXTENSION news_analytics;
