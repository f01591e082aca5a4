-- Learned entity models: news.train_entity_model, news.entity_models and
-- news.entities(body, model).  A type of its own (SHIP) is learned from 200
-- labelled sentences (test/data/ship_examples.sql) and found in sentences
-- the model has not seen, with ship names it has not seen.
\set ECHO none
\i test/data/ship_examples.sql
\set ECHO all
SELECT count(*), count(DISTINCT body) FROM ship_examples;

SELECT * FROM news.train_entity_model('ships', 'SELECT body, spans FROM ship_examples ORDER BY body');
SELECT name, types, documents, mentions, length(model) > 0 AS has_weights
FROM news.entity_models ORDER BY name;

-- training is deterministic: the same examples give the same bytes
CREATE TEMP TABLE first_model AS SELECT model FROM news.entity_models WHERE name = 'ships';
SELECT documents FROM news.train_entity_model('ships', 'SELECT body, spans FROM ship_examples ORDER BY body');
SELECT m.model = f.model AS same_bytes
FROM news.entity_models m, first_model f WHERE m.name = 'ships';

-- unseen sentences and ship names; the pattern types still come out
SELECT t.n, e.entity, e.type, e.mention, e.start, e.length, e.sentence
FROM (VALUES
	(1, 'The tanker Blue Heron docked in Oslo on Friday.'),
	(2, 'Salvage crews reached the stricken Emerald Sound near Cork.'),
	(3, 'Pirates boarded the freighter Winter Lark off Somalia.'),
	(4, 'The cargo ship Sea Falcon left Hamburg. Later the ferry Golden Plover sailed to Calais.'),
	(5, 'Maria Lopez flew to Madrid.')) t(n, body),
	news.entities(t.body, model => 'ships') e
ORDER BY t.n, e.start;
SELECT count(*) FILTER (WHERE e.confidence > 0 AND e.confidence <= 1) = count(*) AS confidences_in_range
FROM news.entities('The tanker Blue Heron docked in Oslo.', 'ships') e;

-- model NULL: the rules, as news.entities(body); body NULL: nothing
SELECT (SELECT array_agg(e ORDER BY e.start) FROM news.entities('Angela Merkel met Emmanuel Macron in Paris on Monday.', NULL) e) =
	(SELECT array_agg(e ORDER BY e.start) FROM news.entities('Angela Merkel met Emmanuel Macron in Paris on Monday.') e) AS same_as_rules;
SELECT count(*) FROM news.entities(NULL, 'ships');

-- every row of a table: the model is read once per query
SELECT count(*) AS ships_found FROM ship_examples s, news.entities(s.body, 'ships') e WHERE e.type = 'SHIP';

-- a span that begins inside a word is left out (the tagger labels whole
-- words): the part "Russia" of "US-Russia", as news.entities reports it
SELECT * FROM news.train_entity_model('parts', $$SELECT 'The US-Russia talks on the Sea Falcon.', '[{"start": 8, "length": 6, "type": "LOC"}, {"start": 28, "length": 10, "type": "SHIP"}]'::jsonb$$);
DELETE FROM news.entity_models WHERE name = 'parts';

-- the built-in model, trained on CoNLL-2003 train; its name is reserved
SELECT e.entity, e.type, e.start, e.length, e.confidence > 0.5 AS sure
FROM news.entities('Angela Merkel met Emmanuel Macron in Paris on Monday. Shares of Deutsche Bank rose.', model => 'conll') e
ORDER BY e.start;
SELECT * FROM news.train_entity_model('conll', 'SELECT body, spans FROM ship_examples');

-- the built-in stacked model reads the names of the rules: its names stop
-- at a possessive and keep the rules' part of a hyphenated word (the plain
-- tagger gives "Germany's Gunda Niemann" and "R-Buffalo"); reserved too
SELECT m.name, e.entity, e.type, e.start, e.length
FROM (VALUES ('conll'), ('combined')) m(name),
	 news.entities('Germany''s Gunda Niemann won the race. Rep. Jack Quinn, R-Buffalo, voted against it.', model => m.name) e
ORDER BY m.name, e.start;
SELECT e.entity, e.type, e.start, e.length, e.confidence > 0.5 AS sure
FROM news.entities('Angela Merkel met Emmanuel Macron in Paris on Monday. Shares of Deutsche Bank rose.', model => 'combined') e
ORDER BY e.start;
-- the stacked model's types read against the rules': a nationality is
-- NORP as the rules say (the plain tagger: CoNLL's MISC), and a place
-- opening an agency's dateline is a place (the plain tagger: a club, as a
-- city before a bracket in a sports table)
SELECT m.name, e.entity, e.type
FROM (VALUES ('conll'), ('combined')) m(name),
	 news.entities(E'Sprinters quit\n\nATHENS (Reuters) - Two Greek sprinters and an American coach left.', model => m.name) e
ORDER BY m.name, e.start;
SELECT * FROM news.train_entity_model('combined', 'SELECT body, spans FROM ship_examples');

-- the stacked model is the default: news.entities(body), model NULL and
-- model => 'combined' give the same rows, and so does news.analyze;
-- model => 'rules' gives the rules alone (another type and canonical name
-- here), and the name is reserved
CREATE TEMP TABLE default_text AS SELECT E'Sprinters quit\n\nATHENS (Reuters) - Two Greek sprinters and an American coach left. Leeds beat Wimbledon 2-0.' AS body;
SELECT (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body) e) =
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body, model => 'combined') e) AS default_is_combined,
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body) e) =
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body, NULL::text) e) AS null_is_combined,
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body) e) =
	   (SELECT array_agg(r ORDER BY r.start) FROM default_text,
		jsonb_to_recordset(news.analyze(body)->'entities') AS r(entity text, type text, mention text, start int, length int, sentence int, confidence real)) AS analyze_agrees,
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body) e) =
	   (SELECT array_agg(e ORDER BY e.start) FROM default_text, news.entities(body, model => 'rules') e) AS rules_agree;
SELECT e.entity, e.type, e.mention FROM default_text, news.entities(body, model => 'rules') e ORDER BY e.start;
SELECT * FROM news.train_entity_model('rules', 'SELECT body, spans FROM ship_examples');

-- an unknown model; malformed examples are refused
SELECT * FROM news.entities('The tanker Blue Heron', model => 'no_such_model');
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 5, "length": 10, "type": "SHIP"}, {"start": 9, "length": 6, "type": "SHIP"}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 20, "length": 10, "type": "SHIP"}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 0, "length": 3, "type": "SHIP"}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 5, "length": 10, "type": "ship"}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 5, "length": 10, "type": ""}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[{"start": 5, "length": 10}]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[null]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '{"start": 5}'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT NULL::text, '[]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', NULL::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.', '[]'::jsonb$$);
SELECT * FROM news.train_entity_model('bad', $$SELECT 'The Sea Falcon sailed.'$$);
SELECT * FROM news.train_entity_model('bad', 'SELECT body, spans FROM ship_examples', epochs => 0);
SELECT * FROM news.train_entity_model('', 'SELECT body, spans FROM ship_examples');
SELECT count(*) FROM news.entity_models WHERE name = 'bad';

DELETE FROM news.entity_models WHERE name = 'ships';
DROP TABLE ship_examples;
