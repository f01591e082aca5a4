-- the install script is search_path-safe: objects planted in another schema
-- that shadow built-in names are not used by CREATE EXTENSION or by the
-- extension's SQL
SET search_path = public;
DROP EXTENSION news_analytics;
CREATE SCHEMA evil;
CREATE TABLE evil.calls (what text);
CREATE FUNCTION evil.array_length(anyarray, int) RETURNS int
    LANGUAGE sql AS $$ INSERT INTO evil.calls VALUES ('array_length'); SELECT 0 $$;
CREATE FUNCTION evil.length(text) RETURNS int
    LANGUAGE sql AS $$ INSERT INTO evil.calls VALUES ('length'); SELECT 0 $$;
CREATE FUNCTION evil.lower(text) RETURNS text
    LANGUAGE sql AS $$ INSERT INTO evil.calls VALUES ('lower'); SELECT 'pwned' $$;
CREATE FUNCTION evil.unnest(anyarray) RETURNS SETOF anyelement
    LANGUAGE sql AS $$ INSERT INTO evil.calls VALUES ('unnest'); SELECT NULL::anyelement WHERE false $$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_catalog.textne);
SET search_path = evil, public;
CREATE EXTENSION news_analytics;
SELECT count(*) AS hijacked_calls FROM evil.calls;
SELECT extname, extnamespace::regnamespace FROM pg_extension WHERE extname = 'news_analytics';
RESET search_path;
DROP SCHEMA evil CASCADE;
-- the extension can be installed by a non-superuser (trusted) and used by anyone
DROP EXTENSION news_analytics;
CREATE ROLE na_owner LOGIN;
-- (whatever the test database is called: each test file runs alone too)
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO na_owner', current_database()); END $$;
SET ROLE na_owner;
CREATE EXTENSION news_analytics;
SELECT news.tokenize('Trusted install works', 'simple');
RESET ROLE;
DROP EXTENSION news_analytics;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM na_owner', current_database()); END $$;
DROP ROLE na_owner;
CREATE EXTENSION news_analytics;
