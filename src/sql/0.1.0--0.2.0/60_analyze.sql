-- 60_analyze.sql: one analysed document (issue 8, items 1 and 2).
-- news.analyze is new (src/sql/70_analyze.sql, repeated below); news.quotes
-- takes its speakers from the entities news.entities reports, pattern
-- spans included, and so also reads news.entity_patterns
-- (src/sql/50_entities.sql).

COMMENT ON FUNCTION news.quotes(text) IS
'direct quotations of a text in order: the quoted words (paragraphs joined by a space), the canonical speaker or NULL, the speaker as written, 1-based character start and length of the quoted span without its outer quote marks; speakers are the persons and organizations news.entities reports; STABLE: reads news.gazetteer and news.entity_patterns';

-- as in 70_analyze.sql
CREATE FUNCTION news.analyze(body pg_catalog.text, published pg_catalog.timestamptz DEFAULT NULL)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_analyze'
LANGUAGE C STABLE PARALLEL SAFE
COST 1000;

COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes) and "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone); each row has the keys of the function''s columns, so jsonb_to_recordset gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';
