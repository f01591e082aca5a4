-- news.analyze: terms, entities, quotations and dates of a text in one
-- jsonb value, from one pass; each section equals the separate function.
-- The gazetteer is replaced by a fixture for the test and restored at the
-- end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;
SET datestyle = ISO;
SET TimeZone = 'UTC';

CREATE TEMP TABLE gazetteer_saved AS SELECT * FROM news.gazetteer;
DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('Boris Johnson', 'Boris Johnson', 'PERSON', NULL),
  ('Johnson', 'Boris Johnson', 'PERSON', NULL),
  ('Prime Minister', 'Prime Minister', 'TITLE', NULL),
  ('Bank of England', 'Bank of England', 'ORG', NULL),
  ('London', 'London', 'LOC', 'United Kingdom'),
  ('British', 'British', 'NORP', 'United Kingdom');

CREATE TEMP TABLE story (body text, published timestamptz);
INSERT INTO story VALUES
('LONDON, March 4 (Reuters) - Prime Minister Boris Johnson said on Monday that
British banks were safe. "We will get through this together," Johnson told
reporters in London.

The Bank of England cut rates by 0.5 percent last week
and will meet again on Thursday, a spokeswoman said.', '2020-03-04 09:30+00');

-- the whole value: six sections, rows in text order
SELECT jsonb_pretty(news.analyze(body, published)) FROM story;

-- every section is what the separate function returns
SELECT a->'terms' = to_jsonb(news.tokenize(body)) AS terms_same,
       (SELECT array_agg(e::text) FROM news.entities(body) e) =
       (SELECT array_agg(e::text) FROM jsonb_to_recordset(a->'entities')
          AS e(entity text, type text, mention text, start int, length int, sentence int,
               confidence real)) AS entities_same,
       (SELECT array_agg(q::text) FROM news.quotes(body) q) =
       (SELECT array_agg(q::text) FROM jsonb_to_recordset(a->'quotes')
          AS q(quote text, speaker text, speaker_mention text, start int, length int, kind text,
               cue text, speaker_start int, speaker_length int, cue_start int, cue_length int,
               content_start int, content_length int, confidence real)) AS quotes_same,
       (SELECT array_agg(d::text) FROM news.dates(body, published) d) =
       (SELECT array_agg(d::text) FROM jsonb_to_recordset(a->'dates')
          AS d(mention text, date date, grain text, start int, length int)) AS dates_same
FROM (SELECT body, published, news.analyze(body, published) AS a FROM story) s;

-- the document's tone is the row of news.sentiment(body), reals included
SELECT (SELECT t::text FROM news.sentiment(body) t) =
       (SELECT t::text FROM jsonb_to_record(a->'sentiment')
          AS t(polarity text, score real, positive real, negative real, sentences int,
               mentions int, words int)) AS sentiment_same
FROM (SELECT body, news.analyze(body, published) AS a FROM story) s;

-- confidences are the very reals news.entities returns
SELECT bool_and((e->>'confidence')::real = n.confidence) AS confidences_same
FROM story,
     LATERAL jsonb_array_elements(news.analyze(body)->'entities') WITH ORDINALITY AS j(e, i)
     JOIN LATERAL news.entities(body) WITH ORDINALITY AS n(entity, type, mention, start, length,
                                                          sentence, confidence, i) USING (i);

-- without a publication date relative dates keep their grain, no date
SELECT d->>'mention' AS mention, d->>'date' AS date, d->>'grain' AS grain
FROM story, jsonb_array_elements(news.analyze(body)->'dates') AS d;

-- the publication day is taken in the session's time zone: 23:30 in New
-- York on 3 March is 4 March in UTC, so "yesterday" is 3 March here ...
SELECT news.analyze('Markets fell yesterday.', '2020-03-03 23:30-05')->'dates'->0->>'date' AS utc;
-- ... and 2 March in New York
SET TimeZone = 'America/New_York';
SELECT news.analyze('Markets fell yesterday.', '2020-03-03 23:30-05')->'dates'->0->>'date' AS new_york;
SET TimeZone = 'UTC';
-- infinity resolves nothing relative
SELECT news.analyze('Markets fell yesterday.', 'infinity')->'dates' AS infinite;

-- empty, blank and NULL texts
SELECT news.analyze('') AS empty;
SELECT news.analyze(E' \n\t ') AS blank;
SELECT news.analyze(NULL) IS NULL AS null_body;
SELECT news.analyze('Johnson spoke.', NULL)->'entities'->0->>'entity' AS null_published;

-- a user pattern is an entity of news.analyze as of news.entities
INSERT INTO news.entity_patterns (type, pattern) VALUES ('TICKER', '\$[A-Z]{2,5}\b');
SELECT e->>'type' AS type, e->>'mention' AS mention
FROM jsonb_array_elements(news.analyze('Shares of $ACME rose in London.')->'entities') AS e;
DELETE FROM news.entity_patterns WHERE type = 'TICKER';

-- a long text: many windows, the same sections as the separate calls
CREATE TEMP TABLE long_story AS
SELECT string_agg(format('Boris Johnson said on Monday "we are ready, number %s." The Bank of England agreed.', g),
                  E'\n') AS body
FROM generate_series(1, 3000) g;
SELECT jsonb_array_length(a->'terms') = array_length(news.tokenize(body), 1) AS terms_same,
       jsonb_array_length(a->'entities') = (SELECT count(*) FROM news.entities(body)) AS entities_same,
       jsonb_array_length(a->'quotes') = (SELECT count(*) FROM news.quotes(body)) AS quotes_same,
       jsonb_array_length(a->'quotes') AS quotes,
       (a->'quotes'->2999->>'speaker') AS last_speaker
FROM (SELECT body, news.analyze(body) AS a FROM long_story) s;

-- the keyphrases are the rows of news.keywords(body) and the summary those
-- of news.summary(body), reals included, in their order, over varied texts:
-- empty, words without a sentence, a headline and byline over an article,
-- markup and feed artefacts (blocked for the entities, read by keywords),
-- dates and money (pattern spans) inside phrases, a user pattern's span
-- between the words of a phrase (no token of its own: news.keywords does
-- not see it), and the long text
INSERT INTO news.entity_patterns (type, pattern) VALUES ('SPACES', ' {3}');
CREATE TEMP TABLE texts (name text, body text);
INSERT INTO texts VALUES
('empty', ''),
('blank', E' \n\t '),
('no sentence', 'inflation interest rates central bank'),
('numbers only', '12 34 56 -- 78'),
('headline and byline', E'Oil prices jump as OPEC cuts output\nBy Jane Smith, Energy Correspondent\n\nOil prices rose sharply on Tuesday after the Organization of the Petroleum Exporting Countries agreed to cut output by two million barrels a day. Brent crude futures climbed 4 percent to $92 a barrel. Analysts said the cut would tighten global oil supplies. "The market was caught by surprise," said John Kemp, an analyst at Reuters.\n\nRead more: Click here to subscribe to our newsletter.'),
('markup', E'<p>The <b>European Central Bank</b> raised interest rates on Thursday.</p> See https://www.ecb.europa.eu/press for details. AAPL.O shares fell &amp; bond yields rose. Interest rates matter to the European Central Bank.'),
('dates and money', 'The $5 billion deal closed on March 4, 2020 and the January 2021 merger talks failed. Merger talks resumed in June. The deal values the company at $5 billion.'),
('user pattern', 'Interest   rates rose. Interest   rates matter to central   banks.');
INSERT INTO texts SELECT 'story', body FROM story;
INSERT INTO texts SELECT 'long', body FROM long_story;
SELECT name,
       (SELECT array_agg(k::text ORDER BY i) FROM news.keywords(body) WITH ORDINALITY
          AS k(phrase, score, count, kind, start, length, i)) IS NOT DISTINCT FROM
       (SELECT array_agg(k::text ORDER BY i) FROM ROWS FROM (jsonb_to_recordset(a->'keyphrases')
          AS (phrase text, score real, count int, kind text, start int, length int))
          WITH ORDINALITY AS k(phrase, score, count, kind, start, length, i)) AS keyphrases_same,
       (SELECT array_agg(m::text ORDER BY i) FROM news.summary(body) WITH ORDINALITY
          AS m(sentence, text, start, length, score, i)) IS NOT DISTINCT FROM
       (SELECT array_agg(m::text ORDER BY i) FROM ROWS FROM (jsonb_to_recordset(a->'summary')
          AS (sentence int, text text, start int, length int, score real))
          WITH ORDINALITY AS m(sentence, text, start, length, score, i)) AS summary_same,
       jsonb_array_length(a->'keyphrases') AS keyphrases,
       jsonb_array_length(a->'summary') AS sentences
FROM (SELECT name, body, news.analyze(body) AS a FROM texts) s
ORDER BY name;
DELETE FROM news.entity_patterns WHERE type = 'SPACES';

DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer SELECT * FROM gazetteer_saved;
