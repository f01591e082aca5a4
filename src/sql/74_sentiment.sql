
-- ---------------------------------------------------------------------------
-- Sentiment: document tone and sentiment toward a target or every entity
-- (src/core/sentiment.c, src/core/sentiment_model.c, src/pg/sentiment.c)
-- ---------------------------------------------------------------------------

-- Not STRICT: a NULL target asks for the tone of the whole text; a NULL
-- body gives no row.
CREATE FUNCTION news.sentiment(body pg_catalog.text, target pg_catalog.text DEFAULT NULL,
	OUT polarity pg_catalog.text, OUT score pg_catalog.float4,
	OUT positive pg_catalog.float4, OUT negative pg_catalog.float4,
	OUT sentences pg_catalog.int4, OUT mentions pg_catalog.int4, OUT words pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_sentiment'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1;

COMMENT ON FUNCTION news.sentiment(pg_catalog.text, pg_catalog.text) IS
'sentiment of a text: without target (NULL) the tone of the whole text, with a target (a name or a mention as written) the sentiment toward it in the sentences that mention it (full name, surname, a following pronoun); one row: polarity (negative, neutral, positive), score in [-1, 1] (P(positive) - P(negative)), positive and negative (percent of words with that connotation, GDELT''s scores: tone = positive - negative), sentences and words read, mentions of the target found; learned from NewsMTSC train';

CREATE FUNCTION news.entity_sentiment(body pg_catalog.text,
	OUT entity pg_catalog.text, OUT type pg_catalog.text, OUT polarity pg_catalog.text,
	OUT score pg_catalog.float4, OUT mentions pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entity_sentiment'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION news.entity_sentiment(pg_catalog.text) IS
'the sentiment toward every entity of news.entities (PERSON, ORG, LOC, NORP, MISC; pattern spans such as DATE are not entities here), in the order of first mention: canonical name, type, polarity (negative, neutral, positive), score in [-1, 1] and mentions (a person''s pronouns included); STABLE: reads news.gazetteer';

-- news.analyze carries the document's tone under "sentiment", next to the
-- boilerplate news.clean would remove (src/pg/analyze.c).
COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone), "boilerplate" (news.boilerplate) and "sentiment" (the document''s tone, the row of news.sentiment(body)); each row has the keys of the function''s columns, so jsonb_to_recordset (jsonb_to_record for "sentiment") gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';
