
-- ---------------------------------------------------------------------------
-- Stop-entities, new in 0.2.0 (mirrors src/sql/56_stop_entities.sql): the
-- owner's control over what news.entities reports (src/core/stop_entities.c,
-- src/pg/stop_entities.c), as Oracle Text's CTX_ENTITY.ADD_STOP_ENTITY.
-- ---------------------------------------------------------------------------
CREATE TABLE news.stop_entities (
	name text NOT NULL,
	type text,
	action text NOT NULL DEFAULT 'stop',
	forced_type text,
	CONSTRAINT stop_entities_name_check CHECK (pg_catalog.length(name) OPERATOR(pg_catalog.>) 0),
	CONSTRAINT stop_entities_type_check CHECK (type OPERATOR(pg_catalog.=) ANY
		(ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC']::pg_catalog.text[])),
	CONSTRAINT stop_entities_action_check CHECK (
		(action OPERATOR(pg_catalog.=) 'stop' AND forced_type IS NULL) OR
		(action OPERATOR(pg_catalog.=) 'force_type' AND forced_type IS NOT NULL AND
		 forced_type OPERATOR(pg_catalog.=) ANY
			(ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC']::pg_catalog.text[])))
);

COMMENT ON TABLE news.stop_entities IS
'names news.entities (and so news.quotes and news.analyze) never reports, or reports with a forced type; matched case-insensitively against the canonical name or the mention as written; changes apply to the next query in every session';
COMMENT ON COLUMN news.stop_entities.name IS 'the name, as news.entities reports it (canonical) or as written in the text';
COMMENT ON COLUMN news.stop_entities.type IS 'PERSON, ORG, LOC, NORP or MISC: the rule applies to entities of this type only; NULL: to any type (a rule with the type wins)';
COMMENT ON COLUMN news.stop_entities.action IS 'stop: never an entity; force_type: always of type forced_type';
COMMENT ON COLUMN news.stop_entities.forced_type IS 'the type of a force_type rule (PERSON, ORG, LOC, NORP, MISC); NULL for stop';
COMMENT ON CONSTRAINT stop_entities_name_check ON news.stop_entities IS 'the name is not empty';
COMMENT ON CONSTRAINT stop_entities_type_check ON news.stop_entities IS 'the types news.entities reports for names';
COMMENT ON CONSTRAINT stop_entities_action_check ON news.stop_entities IS 'stop without a forced type, or force_type with one';
GRANT SELECT ON news.stop_entities TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.stop_entities', '');

CREATE TRIGGER stop_entities_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.stop_entities
	FOR EACH STATEMENT EXECUTE FUNCTION news.gazetteer_changed();

COMMENT ON TRIGGER stop_entities_changed ON news.stop_entities IS
'reload the stop-entities with the gazetteer in every session after a change (relcache invalidation)';

-- Regional, religious and political groups (src/data/gazetteer/groups.txt),
-- new default rows of news.gazetteer in 0.2.0 (mirrors
-- src/sql/51_gazetteer_data.sql); builtin, as news.gazetteer_builtin_default()
-- is true while the update runs.
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
('African', 'African', 'NORP', NULL),
('Africans', 'African', 'NORP', NULL),
('Arab', 'Arab', 'NORP', NULL),
('Arabs', 'Arab', 'NORP', NULL),
('Asian', 'Asian', 'NORP', NULL),
('Asians', 'Asian', 'NORP', NULL),
('Buddhist', 'Buddhist', 'NORP', NULL),
('Buddhists', 'Buddhist', 'NORP', NULL),
('Catholic', 'Catholic', 'NORP', NULL),
('Catholics', 'Catholic', 'NORP', NULL),
('Roman Catholic', 'Catholic', 'NORP', NULL),
('Roman Catholics', 'Catholic', 'NORP', NULL),
('Christian', 'Christian', 'NORP', NULL),
('Christians', 'Christian', 'NORP', NULL),
('European', 'European', 'NORP', NULL),
('Europeans', 'European', 'NORP', NULL),
('Hindu', 'Hindu', 'NORP', NULL),
('Hindus', 'Hindu', 'NORP', NULL),
('Islamic', 'Islamic', 'NORP', NULL),
('Jew', 'Jewish', 'NORP', NULL),
('Jewish', 'Jewish', 'NORP', NULL),
('Jews', 'Jewish', 'NORP', NULL),
('Latin American', 'Latin American', 'NORP', NULL),
('Latin Americans', 'Latin American', 'NORP', NULL),
('Middle Eastern', 'Middle Eastern', 'NORP', NULL),
('Moslem', 'Muslim', 'NORP', NULL),
('Moslems', 'Muslim', 'NORP', NULL),
('Muslim', 'Muslim', 'NORP', NULL),
('Muslims', 'Muslim', 'NORP', NULL),
('Protestant', 'Protestant', 'NORP', NULL),
('Protestants', 'Protestant', 'NORP', NULL),
('Scandinavian', 'Scandinavian', 'NORP', NULL),
('Scandinavians', 'Scandinavian', 'NORP', NULL),
('Shi''ite', 'Shia', 'NORP', NULL),
('Shi''ites', 'Shia', 'NORP', NULL),
('Shia', 'Shia', 'NORP', NULL),
('Shiite', 'Shia', 'NORP', NULL),
('Shiites', 'Shia', 'NORP', NULL),
('Sikh', 'Sikh', 'NORP', NULL),
('Sikhs', 'Sikh', 'NORP', NULL),
('Sunni', 'Sunni', 'NORP', NULL),
('Sunnis', 'Sunni', 'NORP', NULL),
('Tory', 'Tory', 'NORP', NULL);
