
-- Pattern entities (src/core/patterns.c, src/pg/patterns.c): builtin PCRE2
-- patterns for DATE, TIME, MONEY, PERCENT, QUANTITY, URL and EMAIL, plus
-- the user's own patterns in news.entity_patterns.

CREATE TABLE news.entity_patterns (
	type pg_catalog.text NOT NULL
		CONSTRAINT entity_patterns_type_check
		CHECK (type OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]{0,62}$'),
	pattern pg_catalog.text NOT NULL
		CONSTRAINT entity_patterns_pattern_check
		CHECK (pg_catalog.length(pattern) OPERATOR(pg_catalog.>) 0),
	enabled pg_catalog.bool NOT NULL DEFAULT true,
	description pg_catalog.text
);
-- unique on a digest: a btree entry for a long pattern would not fit
CREATE UNIQUE INDEX entity_patterns_type_pattern_key
	ON news.entity_patterns (type, pg_catalog.md5(pattern));
COMMENT ON INDEX news.entity_patterns_type_pattern_key IS 'one row per type and pattern';
COMMENT ON TABLE news.entity_patterns IS
	'user entity patterns (PCRE2, UTF mode): each row adds matches of the given type to news.entities and news.pattern_matches; checked when written, effective in every session at its next query';
COMMENT ON COLUMN news.entity_patterns.type IS
	'entity type reported for matches: upper case letters, digits and _, e.g. TICKER';
COMMENT ON COLUMN news.entity_patterns.pattern IS
	'PCRE2 regular expression; \K may move the start of the reported match';
COMMENT ON COLUMN news.entity_patterns.enabled IS 'false keeps the row but does not use it';
COMMENT ON COLUMN news.entity_patterns.description IS 'free text for the people maintaining the pattern';
GRANT SELECT ON news.entity_patterns TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.entity_patterns', '');

CREATE FUNCTION news.entity_patterns_validate() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'news_entity_patterns_validate'
	LANGUAGE C;
COMMENT ON FUNCTION news.entity_patterns_validate() IS
	'trigger: rejects a news.entity_patterns row whose pattern does not compile (SQLSTATE 2201B)';

CREATE FUNCTION news.entity_patterns_changed() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'news_entity_patterns_changed'
	LANGUAGE C;
COMMENT ON FUNCTION news.entity_patterns_changed() IS
	'trigger: makes every session rebuild its pattern set after news.entity_patterns changed';

CREATE TRIGGER entity_patterns_validate
	BEFORE INSERT OR UPDATE ON news.entity_patterns
	FOR EACH ROW EXECUTE FUNCTION news.entity_patterns_validate();
COMMENT ON TRIGGER entity_patterns_validate ON news.entity_patterns IS
	'compile each new or changed pattern and reject it with PCRE2''s message if it does not compile';

CREATE TRIGGER entity_patterns_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.entity_patterns
	FOR EACH STATEMENT EXECUTE FUNCTION news.entity_patterns_changed();
COMMENT ON TRIGGER entity_patterns_changed ON news.entity_patterns IS
	'invalidate the pattern sets cached by every session';

-- STABLE: reads news.entity_patterns.
CREATE FUNCTION news.pattern_matches(body pg_catalog.text,
	OUT type pg_catalog.text, OUT mention pg_catalog.text, OUT start pg_catalog.int4,
	OUT length pg_catalog.int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_pattern_matches'
	LANGUAGE C STABLE STRICT PARALLEL SAFE
	ROWS 20;
COMMENT ON FUNCTION news.pattern_matches(pg_catalog.text) IS
	'pattern entities (DATE, TIME, MONEY, PERCENT, QUANTITY, URL, EMAIL and the types of news.entity_patterns) in body, non-overlapping, in text order, with 1-based character start and length such that substr(body, start, length) = mention';
