-- ---------------------------------------------------------------------------
-- Learned entity models (src/core/ner_tagger.c, src/pg/entity_models.c):
-- sequence taggers trained in the database from labelled texts, stored in
-- news.entity_models and used by news.entities(body, model).
-- ---------------------------------------------------------------------------
CREATE TABLE news.entity_models (
	name text PRIMARY KEY,
	types text[] NOT NULL,
	model bytea NOT NULL,
	documents integer NOT NULL,
	mentions integer NOT NULL,
	trained_at timestamp with time zone NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT entity_models_name_check CHECK (pg_catalog.length(name) OPERATOR(pg_catalog.>) 0)
);

COMMENT ON TABLE news.entity_models IS
'learned entity models (averaged perceptron sequence taggers) trained by news.train_entity_model and used by news.entities(body, model => name); pg_dump keeps them';
COMMENT ON COLUMN news.entity_models.name IS 'the name news.entities(body, model => name) uses';
COMMENT ON COLUMN news.entity_models.types IS 'the entity types the model learned (PERSON, ORG, ... or types of its own such as SHIP)';
COMMENT ON COLUMN news.entity_models.model IS 'the weights (a versioned binary format of src/core/ner_tagger.c)';
COMMENT ON COLUMN news.entity_models.documents IS 'the number of example texts it was trained on';
COMMENT ON COLUMN news.entity_models.mentions IS 'the number of labelled spans in them';
COMMENT ON COLUMN news.entity_models.trained_at IS 'when it was trained';
COMMENT ON CONSTRAINT entity_models_name_check ON news.entity_models IS 'the name is not empty';

GRANT SELECT ON news.entity_models TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.entity_models', '');

CREATE FUNCTION news.train_entity_model(name text, examples text, epochs integer DEFAULT 10,
	OUT types text[], OUT documents integer, OUT mentions integer)
RETURNS record
AS 'MODULE_PATHNAME', 'news_train_entity_model'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;

COMMENT ON FUNCTION news.train_entity_model(text, text, integer) IS
'trains a sequence tagger from labelled texts and stores it in news.entity_models under name (replacing a model of that name): examples is a query returning (body text, spans jsonb), one row per text, spans a jsonb array of objects {"start": 1-based character, "length": characters, "type": "SHIP"} (the keys of news.entities'' columns; ''[]'' for a text without names); types are upper-case names (PERSON, ORG, LOC, NORP, MISC or any other, at most 16); epochs passes over the examples; deterministic; returns the types learned and the number of texts and of spans learned (a span that begins inside a word, such as a part of US-Russia, is left out); rejects NULLs, overlapping spans, spans out of range and malformed types (SQLSTATE 22004, 22023); the names conll, combined and rules are reserved for the built-in models and the rules; runs the query with the rights of the caller, who must be allowed to write news.entity_models';

CREATE FUNCTION news.entities(body text, model text,
	OUT entity text, OUT type text, OUT mention text, OUT start integer,
	OUT length integer, OUT sentence integer, OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entities_model'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 40;

COMMENT ON FUNCTION news.entities(text, text) IS
'named entities of a text found by the model called model: ''combined'' (built in, the default of news.entities(body): the tagger of conll stacked on the rules, reading the names they find, and keeping their parts of a hyphenated word and their canonical names), ''rules'' (the rules alone: gazetteer, name rules and a naive Bayes model; faster), ''conll'' (built in, trained on CoNLL-2003 train: PERSON, ORG, LOC, MISC) or one of news.entity_models (its types), with the pattern types DATE, MONEY, ...; by the default model (combined) when model is NULL; columns as news.entities(body); confidence of a learned name is the tagger''s marginal probability of its tags (the smallest over its tokens): for the built-in models a name at 0.9 or more is right about 93% of the time on CoNLL-2003 dev (combined: precision 0.928 over 5,861 names; conll 0.930 over 5,841), too few names fall below 0.9 to calibrate there, and for a model of news.entity_models it is not calibrated; no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

CREATE FUNCTION news.quotes(body text, model text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer,
	OUT kind text, OUT cue text,
	OUT speaker_start integer, OUT speaker_length integer,
	OUT cue_start integer, OUT cue_length integer,
	OUT content_start integer, OUT content_length integer,
	OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes_model'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION news.quotes(text, text) IS
'who said what, as news.quotes(body), with the speakers among the names of the entity model called model, as news.entities(body, model => model) names them: ''combined'' (the default of news.entities(body), so that every speaker is a canonical name of news.entities(body)), ''rules'' (the rules alone: news.quotes(body)), ''conll'' or one of news.entity_models (its PERSON, ORG and NORP names); the rules when model is NULL, as news.quotes(body); an unknown model raises SQLSTATE 42704; with a learned model it costs about what news.entities(body, model) costs, some 2.5 times news.quotes(body); columns as news.quotes(body); no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';
