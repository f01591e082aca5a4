
-- 85_scale.sql: news.tsvector (issue 12, item 3); as in src/sql/85_scale.sql.
CREATE FUNCTION news.tsvector(body pg_catalog.text, config pg_catalog.text DEFAULT 'english')
RETURNS pg_catalog.tsvector
AS 'MODULE_PATHNAME', 'news_tsvector'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.tsvector(pg_catalog.text, pg_catalog.text) IS
'the tsvector to_tsvector(''news.english'', body) builds (config ''simple'': news.simple), made directly from the lexer; immutable: it reads no text search configuration, only the shipped word lists and stemmer, so it suits generated columns and index expressions';
