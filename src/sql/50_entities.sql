
-- ---------------------------------------------------------------------------
-- Named entities, quotations and the gazetteer (src/core/entities.c,
-- src/core/gazetteer.c, src/core/quotes.c, src/pg/entities.c, src/pg/quotes.c)
-- ---------------------------------------------------------------------------

-- news.gazetteer_builtin_default: true while CREATE/ALTER EXTENSION runs, so
-- that the rows the install script inserts are marked builtin and pg_dump
-- saves only the rows users added.
CREATE FUNCTION news.gazetteer_builtin_default()
RETURNS boolean
AS 'MODULE_PATHNAME', 'news_gazetteer_builtin_default'
LANGUAGE C VOLATILE PARALLEL SAFE;

COMMENT ON FUNCTION news.gazetteer_builtin_default() IS
'true while the extension script runs: the default of news.gazetteer.builtin';

CREATE TABLE news.gazetteer (
	alias text NOT NULL,
	canonical text NOT NULL,
	type text NOT NULL,
	link text,
	builtin boolean NOT NULL DEFAULT news.gazetteer_builtin_default(),
	CONSTRAINT gazetteer_type_check CHECK (type OPERATOR(pg_catalog.=) ANY
		(ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC', 'TITLE', 'GIVEN_NAME']::pg_catalog.text[])),
	CONSTRAINT gazetteer_alias_check CHECK (pg_catalog.length(alias) OPERATOR(pg_catalog.>) 0
		AND pg_catalog.length(canonical) OPERATOR(pg_catalog.>) 0)
);

CREATE INDEX gazetteer_alias_idx ON news.gazetteer (alias);

COMMENT ON INDEX news.gazetteer_alias_idx IS 'finds the rows of an alias (for users editing the gazetteer)';
COMMENT ON CONSTRAINT gazetteer_type_check ON news.gazetteer IS 'the types news.entities understands';
COMMENT ON CONSTRAINT gazetteer_alias_check ON news.gazetteer IS 'alias and canonical name are not empty';

COMMENT ON TABLE news.gazetteer IS
'names news.entities knows: alias as written, canonical name, type (PERSON, ORG, LOC, NORP, MISC, TITLE, GIVEN_NAME) and link (the country of a NORP or a subdivision); changes apply to the next query in every session';
COMMENT ON COLUMN news.gazetteer.alias IS 'the name as written in text (matched case-insensitively, token by token; short all-capital aliases such as US or WHO only match capitals)';
COMMENT ON COLUMN news.gazetteer.canonical IS 'the name news.entities reports for every alias of the entity';
COMMENT ON COLUMN news.gazetteer.type IS 'PERSON, ORG, LOC, NORP, MISC; TITLE (a role before a name) or GIVEN_NAME (a first name, canonical spelling in canonical)';
COMMENT ON COLUMN news.gazetteer.link IS 'for NORP the canonical name of the country, for a LOC subdivision or city its country; NULL otherwise';
COMMENT ON COLUMN news.gazetteer.builtin IS 'row inserted by the extension script (not dumped by pg_dump)';

GRANT SELECT ON news.gazetteer TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('news.gazetteer', 'WHERE NOT builtin');

-- news.gazetteer_changed: statement trigger that tells every backend to
-- reload its compiled gazetteer (a relcache invalidation of the table) and
-- rejects an INSERT or UPDATE over the size limits (src/pg/entities_pg.h).
CREATE FUNCTION news.gazetteer_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'news_gazetteer_changed'
LANGUAGE C;

COMMENT ON FUNCTION news.gazetteer_changed() IS
'trigger: invalidates the compiled gazetteer of every session after news.gazetteer changes; rejects an INSERT or UPDATE that leaves more than 200000 rows or 32 MB of text (SQLSTATE 54000)';

CREATE TRIGGER gazetteer_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.gazetteer
	FOR EACH STATEMENT EXECUTE FUNCTION news.gazetteer_changed();

COMMENT ON TRIGGER gazetteer_changed ON news.gazetteer IS
'recompile the gazetteer in every session after a change (relcache invalidation)';

CREATE FUNCTION news.entities(body text,
	OUT entity text, OUT type text, OUT mention text, OUT start integer,
	OUT length integer, OUT sentence integer, OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 40;

COMMENT ON FUNCTION news.entities(text) IS
'named entities of a text in text order, found by the built-in stacked model (the learned tagger reading the names of the rules, news.entities(body, model => ''combined'')); news.entities(body, model => ''rules'') gives the rules alone: canonical name, type (PERSON, ORG, LOC, NORP, MISC, DATE, TIME, MONEY, PERCENT, QUANTITY, URL, EMAIL or a user pattern type), mention as written, 1-based character start and length, sentence number, confidence; STABLE: reads news.gazetteer';

CREATE FUNCTION news.entity_country(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'news_entity_country'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.entity_country(text) IS
'the country a name belongs to according to news.gazetteer: Russian gives Russia, Kyiv gives Ukraine, a country gives itself; NULL when unknown; STABLE: reads news.gazetteer';

CREATE FUNCTION news.entity_types(OUT type text, OUT description text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entity_types'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 12;

COMMENT ON FUNCTION news.entity_types() IS
'the built-in entity types news.entities reports, with a description of each';

CREATE FUNCTION news.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer,
	OUT kind text, OUT cue text,
	OUT speaker_start integer, OUT speaker_length integer,
	OUT cue_start integer, OUT cue_length integer,
	OUT content_start integer, OUT content_length integer,
	OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION news.quotes(text) IS
'who said what, in text order: quotations and reported speech with the quoted words (paragraphs joined by a space; for kind indirect the reported content), the canonical speaker (the entity as the rules name it, news.entities(body, model => ''rules''); news.quotes(body, model => name) takes the names of another model, such as the default of news.entities, ''combined''), also when the source is a pronoun, a role or an organization noun) or NULL, the source as written, 1-based character start and length of the quoted span without its outer marks, kind (direct, partial, scare, indirect), the cue (said, told, described as, according to), start and length of the source and of the cue, the content span (the quotation, the reported clause, or the indirect content; NULL for scare quotes) and a confidence from 0 to 1; scare quotes have no speaker and can be left out with kind <> ''scare''; STABLE: reads news.gazetteer and news.entity_patterns';
