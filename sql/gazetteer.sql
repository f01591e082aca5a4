-- news.gazetteer: table shape, permissions, dump configuration, builtin
-- flag, type check, and invalidation of the compiled copy after changes.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull
FROM pg_attribute
WHERE attrelid = 'news.gazetteer'::regclass AND attnum > 0 AND NOT attisdropped
ORDER BY attnum;

-- readable by everybody, dumped by pg_dump (only the rows users added)
SELECT has_table_privilege('public', 'news.gazetteer', 'SELECT') AS public_can_read;
SELECT c.relname, e.extcondition
FROM pg_extension x,
     unnest(x.extconfig, x.extcondition) AS e(oid, extcondition)
     JOIN pg_class c ON c.oid = e.oid
WHERE x.extname = 'news_analytics' AND c.relname = 'gazetteer';

-- rows installed by the extension are builtin; rows added later are not
SELECT count(*) FILTER (WHERE NOT builtin) AS user_rows_after_install FROM news.gazetteer;
SELECT news.gazetteer_builtin_default() AS inside_create_extension;

CREATE TEMP TABLE gazetteer_saved AS SELECT * FROM news.gazetteer;
DELETE FROM news.gazetteer;

-- only the known types
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Acme', 'Acme', 'COMPANY');
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('', 'Acme', 'ORG');

-- an empty gazetteer still finds names from context
SELECT entity, type, mention FROM news.entities('Mr. Okonkwo flew to Lagos on Tuesday.') ORDER BY start;

-- insert: the next statement sees it (also in other sessions, from their
-- next transaction: see test/t/entities_bad_input.sh)
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('Lagos', 'Lagos', 'LOC', 'Nigeria'),
  ('Okonkwo', 'Chidi Okonkwo', 'PERSON', NULL),
  ('Nigerian', 'Nigerian', 'NORP', 'Nigeria'),
  ('Nigeria', 'Nigeria', 'LOC', NULL);
SELECT alias, builtin FROM news.gazetteer ORDER BY alias;
SELECT entity, type, mention FROM news.entities('Mr. Okonkwo flew to Lagos on Tuesday.') ORDER BY start;
SELECT news.entity_country('Nigerian'), news.entity_country('LAGOS'), news.entity_country('Nigeria');

-- update and delete
UPDATE news.gazetteer SET canonical = 'C. Okonkwo' WHERE alias = 'Okonkwo';
SELECT entity, mention FROM news.entities('Okonkwo spoke.') ORDER BY start;
DELETE FROM news.gazetteer WHERE alias = 'Okonkwo';
SELECT entity, mention FROM news.entities('Okonkwo spoke.') ORDER BY start;

-- inside a transaction that rolls back, the change goes away again
BEGIN;
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Okonkwo', 'Rolled Back', 'PERSON');
SELECT entity FROM news.entities('Okonkwo spoke.');
ROLLBACK;
SELECT entity FROM news.entities('Okonkwo spoke.');

-- truncate
TRUNCATE news.gazetteer;
SELECT news.entity_country('Nigerian');

-- aliases: case-insensitive, token by token; short all-capital aliases
-- match capitals only; several entries per alias
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('US', 'United States', 'LOC', NULL),
  ('WHO', 'World Health Organization', 'ORG', NULL),
  ('Georgia', 'Georgia', 'LOC', NULL),
  ('Georgia', 'Georgia (U.S. state)', 'LOC', 'United States'),
  ('Secretary of State', 'Secretary of State', 'TITLE', NULL),
  ('São Paulo', 'São Paulo', 'LOC', 'Brazil');
SELECT entity, type, mention
FROM news.entities('Who told us? The WHO and the US did. Secretary of State Amara Bello went to SÃO PAULO and Georgia.')
ORDER BY start;

-- calling the trigger function directly is refused
SELECT news.gazetteer_changed();

DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer SELECT * FROM gazetteer_saved;
SELECT count(*) = (SELECT count(*) FROM gazetteer_saved) AS restored FROM news.gazetteer;
