-- news.analyze: index terms, entities, quotations and dates of a text from
-- one pass over one analysed document (src/core/analyze.c, src/pg/analyze.c).

CREATE FUNCTION news.analyze(body pg_catalog.text, published pg_catalog.timestamptz DEFAULT NULL)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_analyze'
LANGUAGE C STABLE PARALLEL SAFE
COST 1000;

COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes) and "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone); each row has the keys of the function''s columns, so jsonb_to_recordset gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';
