-- 76_analyze_sections.sql: news.analyze carries every per-article analysis
-- (issue 11): besides terms, entities, quotes, dates, boilerplate and the
-- tone, the keyphrases of news.keywords(body) and the summary of
-- news.summary(body), read in the same pass over the document
-- (src/core/analyze.c).  Only the comment changes here; the upgrade
-- repeats it (its section "ana15").

COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone), "boilerplate" (news.boilerplate), "sentiment" (the document''s tone, the row of news.sentiment(body)), "keyphrases" (the rows of news.keywords(body): the 10 best, best first) and "summary" (the rows of news.summary(body): 3 sentences, in text order); each row has the keys of the function''s columns, so jsonb_to_recordset (jsonb_to_record for "sentiment") gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';
