-- news.quotes(body, model): the speakers among the names of an entity
-- model, as news.entities(body, model) names them.  news.quotes(body) takes
-- them from the rules, which name these companies without their first word
-- (Union Corp, Products Inc); the stacked default of news.entities,
-- 'combined', and a model trained here name them whole.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE story (body text);
INSERT INTO story VALUES (
'First Union Corp said on Monday it would buy the bank. "The deal makes sense for our shareholders," the company said. Champion Products Inc said it expects higher sales this year. "We are confident," said its chairman, Robert Smith.');

SELECT m, q.kind, q.speaker, q.speaker_mention
FROM story, (VALUES ('rules'), ('combined')) v(m), news.quotes(body, model => m) q
ORDER BY m, q.start;

-- 'combined': every speaker is a canonical name of news.entities(body),
-- the default; 'rules' and a NULL model: the rows of news.quotes(body)
SELECT (SELECT bool_and(q.speaker IN (SELECT e.entity FROM news.entities(body) e))
        FROM news.quotes(body, 'combined') q WHERE q.speaker IS NOT NULL) AS combined_speakers_are_default_names,
       (SELECT bool_and(q.speaker IN (SELECT e.entity FROM news.entities(body) e))
        FROM news.quotes(body) q WHERE q.speaker IS NOT NULL) AS rules_speakers_are_default_names,
       (SELECT array_agg(q ORDER BY q.start) FROM news.quotes(body, 'rules') q) =
       (SELECT array_agg(q ORDER BY q.start) FROM news.quotes(body) q) AS rules_is_default,
       (SELECT array_agg(q ORDER BY q.start) FROM news.quotes(body, NULL) q) =
       (SELECT array_agg(q ORDER BY q.start) FROM news.quotes(body) q) AS null_is_default,
       (SELECT array_agg((q.quote, q.start, q.kind) ORDER BY q.start) FROM news.quotes(body, 'combined') q) =
       (SELECT array_agg((q.quote, q.start, q.kind) ORDER BY q.start) FROM news.quotes(body) q) AS same_quotations
FROM story;

-- a model trained in the database: its ORG names are the speakers
CREATE TEMP TABLE company_examples AS
SELECT format('%s %s Inc said %s.', a, b, c) AS body,
       jsonb_build_array(jsonb_build_object('start', 1, 'length', length(a) + length(b) + 5, 'type', 'ORG')) AS spans
FROM unnest(ARRAY['Granite', 'Harbor', 'Summit', 'Copper', 'Maple', 'Falcon', 'Silver', 'Northern']) a,
     unnest(ARRAY['Foods', 'Metals', 'Motors', 'Systems', 'Brands']) b,
     unnest(ARRAY['profits fell', 'it would cut jobs']) c;
SELECT * FROM news.train_entity_model('quote_companies', 'SELECT body, spans FROM company_examples ORDER BY body');
SELECT q.speaker, q.speaker = (SELECT e.entity FROM news.entities(t, 'quote_companies') e WHERE e.type = 'ORG') AS model_name
FROM (VALUES ('Champion Products Inc said it expects higher sales this year.')) v(t),
     news.quotes(t, 'quote_companies') q;

-- several models in one query, each row its own
SELECT m, q.speaker
FROM (VALUES (1, 'quote_companies'), (2, 'rules'), (3, 'combined'), (4, 'quote_companies'), (5, NULL)) v(n, m),
     news.quotes('Champion Products Inc said it expects higher sales this year.', m) q
ORDER BY n;
DELETE FROM news.entity_models WHERE name = 'quote_companies';

-- an unknown model, as news.entities; NULL and empty bodies
\set VERBOSITY sqlstate
SELECT * FROM news.quotes('Trump said it rained.', 'no_such_model');
SELECT * FROM news.quotes('Trump said it rained.', 'quote_companies');
SELECT * FROM news.quotes('Trump said it rained.', '');
\set VERBOSITY default
SELECT * FROM news.quotes('Trump said it rained.', 'no_such_model');
SELECT count(*) FROM news.quotes(NULL, 'combined');
SELECT count(*) FROM news.quotes(NULL, NULL);
SELECT count(*) FROM news.quotes('', 'combined');
