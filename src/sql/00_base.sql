-- news_analytics install script, assembled from src/sql/[0-9]*.sql.
-- Every object lives in the schema news (created by CREATE EXTENSION from the
-- control file).  References to built-in objects are schema-qualified so that
-- objects planted in other schemas cannot hijack the install.

\echo Use "CREATE EXTENSION news_analytics" to load this file. \quit

COMMENT ON SCHEMA news IS 'news_analytics: tokenizer, entities and similarity for news articles';

-- The schema is created by CREATE EXTENSION (as the bootstrap superuser when
-- a non-superuser installs this trusted extension): everyone may use it.
GRANT USAGE ON SCHEMA news TO PUBLIC;

CREATE FUNCTION news.version() RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'news_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.version() IS 'version of the loaded news_analytics library; it must equal the installed extension version';
