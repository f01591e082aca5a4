
-- ---------------------------------------------------------------------------
-- Pipeline: tracked tables, incremental refresh, scheduling (issue 14)
-- ---------------------------------------------------------------------------
-- news.track(source, ...) starts analysing an articles table; the results
-- live in tables of the caller's own schema, one table per registered
-- analysis (news.pipeline_analyses), and news.refresh keeps them up to date.
--
-- Security model.  Nobody but superusers creates objects in news, so every
-- object a tracked table needs is created by the caller (SECURITY INVOKER)
-- in result_schema, which defaults to the source table's schema:
--
--   <table>_mentions, _quotes, _dates, _vectors, _terms   one per analysis
--   <table>_analysed    one row per analysed article: version stamp
--                       (news.pipeline_stamp), error, publication time, source
--   <table>_queue       article ids waiting for analysis
--   <table>_enqueue()   the trigger function of the source table: SECURITY
--                       DEFINER owned by the caller (EXECUTE revoked from
--                       PUBLIC), so that the table's writers queue ids
--                       without any privilege on the queue
--   views for dashboards (news.pipeline_views)
--
-- Only the registry lives in news: news.tracked and news.tracked_objects,
-- configuration tables (pg_dump keeps them) that record relations by OID
-- (regclass), never by name.  Any role may write them, and a trigger running
-- as that role (news.tracked_guard) accepts only rows of a role it may act
-- for, about a source table it owns and relations it owns; so the
-- extension owner's grant on configuration tables gives nothing more, and a
-- restore by an ordinary role brings back its own rows only.
--
-- Everything that reads or writes a tracked table's objects runs as the
-- caller.  news.refresh processes only tables tracked by the current role
-- (or, for a role that is not a superuser, by a role it is a member of):
-- a superuser's scheduled refresh never runs into another role's
-- triggers, index expressions or views.  Every identifier goes through
-- format('%I') or a regclass; no caller string is ever executed.

-- news.pipeline_config: the version of the configuration that entities and
-- quotes depend on (gazetteer, patterns, stop-entities).  A statement
-- trigger on those
-- tables bumps it; rows analysed under another version are stale and the
-- next refresh analyses them again (the analyses marked config_dependent).
-- It is the low half of the stamp of stored rows (news.pipeline_stamp);
-- the high half, the library's analysis version, marks rows stale when a
-- new build's analyses yield other results.
CREATE TABLE news.pipeline_config (
	version pg_catalog.int8 NOT NULL,
	changed_at pg_catalog.timestamptz NOT NULL,
	only_row pg_catalog.bool PRIMARY KEY DEFAULT true CONSTRAINT pipeline_config_one_row CHECK (only_row)
);
COMMENT ON TABLE news.pipeline_config IS
	'version of the configuration that stored entities and quotes depend on; bumped by every change of news.gazetteer, news.entity_patterns or news.stop_entities';
COMMENT ON COLUMN news.pipeline_config.version IS 'current configuration version; analysed articles carry the version that produced them (in their stamp, news.pipeline_stamp)';
COMMENT ON COLUMN news.pipeline_config.changed_at IS 'time of the last configuration change';
COMMENT ON COLUMN news.pipeline_config.only_row IS 'always true: the table has one row';
COMMENT ON CONSTRAINT pipeline_config_one_row ON news.pipeline_config IS 'the table has one row';
INSERT INTO news.pipeline_config (version, changed_at) VALUES (1, pg_catalog.now());
GRANT SELECT ON news.pipeline_config TO PUBLIC;

-- news.analysis_version: the version of what the loaded library's analyses
-- yield (NA_ANALYSIS_VERSION in src/core/analyze.h, bumped when an
-- analysis' output changes, with a CRC of the generated models and word
-- lists folded in by the build).  IMMUTABLE as news.version(): a backend
-- keeps the library it loaded.
CREATE FUNCTION news.analysis_version() RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'news_analysis_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.analysis_version() IS
	'version of what the analyses of the loaded library yield (changes with a library whose analyses or models give other results); part of the stamp of stored results (news.pipeline_stamp)';

-- news.pipeline_stamp: the stamp news.refresh gives every article it
-- analyses (the version column of <table>_analysed): the analysis version
-- of the library in the high 32 bits, the configuration version in the
-- low 32.  A stored row whose stamp differs is stale: with another
-- configuration version only, the configuration-dependent analyses
-- (entities, quotes) are done again; with another analysis version (a
-- newer library, or a row stored by a build from before the analysis
-- version, whose high bits are 0), all of them.
CREATE FUNCTION news.pipeline_stamp() RETURNS pg_catalog.int8
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT (news.analysis_version()::pg_catalog.int8 OPERATOR(pg_catalog.<<) 32)
		OPERATOR(pg_catalog.|) (c.version OPERATOR(pg_catalog.&) 4294967295)
	FROM news.pipeline_config c
$$;
COMMENT ON FUNCTION news.pipeline_stamp() IS
	'the version stamp of results analysed now: news.analysis_version() in the high 32 bits, news.pipeline_config.version in the low 32; stored articles stamped otherwise are analysed again by news.refresh';

-- news.pipeline_config_changed: statement trigger on the configuration
-- tables.  SECURITY DEFINER: whoever may edit the gazetteer needs no
-- privilege on news.pipeline_config; the function takes no input.
CREATE FUNCTION news.pipeline_config_changed() RETURNS pg_catalog.trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	UPDATE news.pipeline_config
	SET version = version OPERATOR(pg_catalog.+) 1, changed_at = pg_catalog.now();
	RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_config_changed() IS
	'trigger: bumps news.pipeline_config.version after news.gazetteer, news.entity_patterns or news.stop_entities changed, so that stored entities and quotes become stale';

CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.gazetteer
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.gazetteer IS
	'stored entities and quotes of tracked tables become stale';
CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.entity_patterns
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.entity_patterns IS
	'stored entities and quotes of tracked tables become stale';
-- a stop-entity takes a name out of news.entities or forces its type, so
-- it changes the stored entities and quotes as a gazetteer row does
CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.stop_entities
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.stop_entities IS
	'stored entities and quotes of tracked tables become stale';

-- news.term_surfaces: the n most frequent index terms of a text with their
-- most frequent spelling (the terms analysis; trending shows words, not
-- stems).
CREATE FUNCTION news.term_surfaces(body pg_catalog.text, n pg_catalog.int4 DEFAULT 40,
	config pg_catalog.text DEFAULT 'english',
	OUT term_id pg_catalog.int8, OUT surface pg_catalog.text, OUT count pg_catalog.int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_term_surfaces'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 40;
COMMENT ON FUNCTION news.term_surfaces(pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'the n most frequent index terms of body (as news.top_terms(news.termvec(body, config), n)): term id, most frequent spelling as written (ties: not all capitals, then byte order) and count';

-- news.term_surface_arrays: news.term_surfaces as one value per article,
-- the three columns as arrays (what the terms analysis stores: one row per
-- article instead of one per term).
CREATE FUNCTION news.term_surface_arrays(body pg_catalog.text, n pg_catalog.int4 DEFAULT 40,
	config pg_catalog.text DEFAULT 'english',
	OUT term_ids pg_catalog.int8[], OUT surfaces pg_catalog.text[], OUT counts pg_catalog.int4[])
	RETURNS record
	AS 'MODULE_PATHNAME', 'news_term_surface_arrays'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.term_surface_arrays(pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'the rows of news.term_surfaces(body, n, config) as three arrays in the same order, most frequent term first: term ids, spellings and counts (empty arrays for a body without index terms)';

-- ---------------------------------------------------------------------------
-- The analyses: one result table each.  A later analysis (keyphrases,
-- summary, sentiment) plugs in with one row here; news.refresh creates its
-- table for tables tracked before, and queues their articles again.
-- ---------------------------------------------------------------------------
CREATE TABLE news.pipeline_analyses (
	name pg_catalog.text PRIMARY KEY,
	position pg_catalog.int4 NOT NULL UNIQUE,
	columns pg_catalog.text NOT NULL,
	fill pg_catalog.text NOT NULL,
	indexes pg_catalog.text[] NOT NULL DEFAULT '{}',
	config_dependent pg_catalog.bool NOT NULL,
	trend_kind pg_catalog.text UNIQUE,
	trend_key pg_catalog.text,
	trend_label pg_catalog.text,
	trend_filter pg_catalog.text,
	trend_distinct pg_catalog.bool NOT NULL DEFAULT true,
	clear pg_catalog.text,
	setup pg_catalog.text,
	description pg_catalog.text NOT NULL
);
COMMENT ON TABLE news.pipeline_analyses IS
	'the analyses news.refresh stores for every tracked table, one result table <table>_<name> each; written by the extension''s scripts only';
COMMENT ON COLUMN news.pipeline_analyses.name IS 'analysis name, also the suffix of the result table';
COMMENT ON COLUMN news.pipeline_analyses.position IS 'order of the analyses in a batch';
COMMENT ON COLUMN news.pipeline_analyses.columns IS 'column definitions of the result table after article_id int8 and published timestamptz; int4 columns start and length are the 1-based character offsets of a span of the text the analysis read, mapped to the body as stored for a table tracked with clean (news.pipeline_original_offsets)';
COMMENT ON COLUMN news.pipeline_analyses.fill IS 'query giving the result rows (article_id, published, columns...) of the articles in news_batch (id int8, body text, published timestamptz, title text, source text, and for a table tracked with clean original text, the body as stored); {source}, {analysed} and {<name>} stand for the tracked table and its relations (news.pipeline_expand)';
COMMENT ON COLUMN news.pipeline_analyses.indexes IS 'index definitions of the result table (what follows CREATE INDEX ON table)';
COMMENT ON COLUMN news.pipeline_analyses.config_dependent IS 'the results depend on news.gazetteer, news.entity_patterns or news.stop_entities: stale rows are analysed again';
COMMENT ON COLUMN news.pipeline_analyses.trend_kind IS 'the kind news.trending accepts for this analysis, if any';
COMMENT ON COLUMN news.pipeline_analyses.trend_key IS 'news.trending: the item of a result row r (an expression; a set-returning one, as unnest(r.term_ids), gives the several items of a row)';
COMMENT ON COLUMN news.pipeline_analyses.trend_label IS 'news.trending: the text shown for the item (its most frequent value in the window; set-returning when trend_key is, element for element)';
COMMENT ON COLUMN news.pipeline_analyses.trend_filter IS 'news.trending: condition on r for rows that count';
COMMENT ON COLUMN news.pipeline_analyses.trend_distinct IS 'news.trending: an article may have several rows of one item (they are counted once)';
COMMENT ON COLUMN news.pipeline_analyses.clear IS 'statement removing the results of the articles whose ids are in $1, for an analysis that keeps more than rows per article (NULL: DELETE from the result table); placeholders as in fill';
COMMENT ON COLUMN news.pipeline_analyses.setup IS 'statement run once after the result table of a tracked table is created, making the other relations the analysis keeps (registered in news.tracked_objects); placeholders as in fill';
COMMENT ON COLUMN news.pipeline_analyses.description IS 'what the result table holds';
GRANT SELECT ON news.pipeline_analyses TO PUBLIC;

INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent,
	trend_kind, trend_key, trend_label, trend_filter, trend_distinct, description) VALUES
('mentions', 10,
 'entity pg_catalog.text, type pg_catalog.text, mention pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, sentence pg_catalog.int4, confidence pg_catalog.float4',
 'SELECT b.id, b.published, e.entity, e.type, e.mention, e.start, e.length, e.sentence, e.confidence
  FROM news_batch b CROSS JOIN LATERAL news.entities(b.body) e',
 ARRAY['(article_id)', '(published, type, entity)'], true,
 'entities', 'r.entity', 'r.entity',
 'r.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])', true,
 'named entities and pattern entities (news.entities) of every article: canonical name, type, mention as written, 1-based character start and length, sentence, confidence'),
('quotes', 20,
 'quote pg_catalog.text, speaker pg_catalog.text, speaker_mention pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, kind pg_catalog.text, cue pg_catalog.text, confidence pg_catalog.float4',
 'SELECT b.id, b.published, q.quote, q.speaker, q.speaker_mention, q.start, q.length, q.kind, q.cue, q.confidence
  FROM news_batch b CROSS JOIN LATERAL news.quotes(b.body) q',
 ARRAY['(article_id)', '(speaker, published)'], true,
 NULL, NULL, NULL, NULL, true,
 'quotations and reported speech (news.quotes) of every article: the quoted words, canonical speaker (NULL for scare quotes), source as written, 1-based character start and length, kind (direct, partial, scare, indirect), cue, confidence'),
('dates', 30,
 'mention pg_catalog.text, date pg_catalog.date, grain pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4',
 'SELECT b.id, b.published, d.mention, d.date, d.grain, d.start, d.length
  FROM news_batch b CROSS JOIN LATERAL news.dates(b.body, b.published) d',
 ARRAY['(article_id)', '(date)'], false,
 NULL, NULL, NULL, NULL, true,
 'date mentions (news.dates) of every article resolved against its publication time'),
('vectors', 40,
 'terms news.termvec, signature news.minhash',
 'SELECT b.id, b.published, news.termvec(pg_catalog.concat_ws(E''\n'', b.title, b.body)), news.minhash(b.body)
  FROM news_batch b',
 ARRAY['(article_id)', 'USING gin (terms)'], false,
 NULL, NULL, NULL, NULL, true,
 'term counts of title and body (news.termvec: combine with news.corpus_stats and news.tfidf, which never drift as the corpus grows) and the MinHash signature of the body'),
('terms', 50,
 'term_ids pg_catalog.int8[] NOT NULL, surfaces pg_catalog.text[] NOT NULL, counts pg_catalog.int4[] NOT NULL',
 'SELECT b.id, b.published, t.term_ids, t.surfaces, t.counts
  FROM news_batch b CROSS JOIN LATERAL news.term_surface_arrays(b.body, 40) t
  WHERE pg_catalog.cardinality(t.term_ids) OPERATOR(pg_catalog.>) 0',
 ARRAY['(article_id)', '(published)'], false,
 'terms', 'pg_catalog.unnest(r.term_ids)', 'pg_catalog.unnest(r.surfaces)', NULL, false,
 'the 40 most frequent index terms of every body, one row per article (news.term_surface_arrays): term ids, most frequent surface forms (the words as written, never the stems) and counts as three arrays in the same order, most frequent first; unnest(term_ids, surfaces, counts) gives one row per term');

-- news.pipeline_views: the dashboard views track creates next to the
-- result tables.  In a definition {name} stands for the quoted name of
-- that result table ({analysed} the article table) and {source_column}
-- for nothing; all names are quoted by news.track.
CREATE TABLE news.pipeline_views (
	name pg_catalog.text PRIMARY KEY,
	position pg_catalog.int4 NOT NULL UNIQUE,
	definition pg_catalog.text NOT NULL,
	description pg_catalog.text NOT NULL
);
COMMENT ON TABLE news.pipeline_views IS
	'dashboard views news.track creates for every tracked table, <table>_<name>; written by the extension''s scripts only';
COMMENT ON COLUMN news.pipeline_views.name IS 'view name suffix';
COMMENT ON COLUMN news.pipeline_views.position IS 'creation order';
COMMENT ON COLUMN news.pipeline_views.definition IS 'the SELECT of the view; {analysed}, {mentions}, {quotes}, ... stand for the tracked table''s relations';
COMMENT ON COLUMN news.pipeline_views.description IS 'what the view shows (its comment)';
GRANT SELECT ON news.pipeline_views TO PUBLIC;

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('entities_daily', 10,
 'SELECT pg_catalog.date_trunc(''day'', m.published) AS day, a.source, m.type, m.entity,
	pg_catalog.count(*) AS mentions, pg_catalog.count(DISTINCT m.article_id) AS articles
  FROM {mentions} m JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) m.article_id
  GROUP BY 1, 2, 3, 4',
 'entity mentions per day, source and type: day, source, type, entity (canonical name), mentions, articles'),
('speakers_daily', 20,
 'SELECT pg_catalog.date_trunc(''day'', q.published) AS day, a.source, q.speaker,
	pg_catalog.count(*) AS quotes, pg_catalog.count(DISTINCT q.article_id) AS articles,
	pg_catalog.count(*) FILTER (WHERE q.kind OPERATOR(pg_catalog.<>) ''indirect'') AS quotations
  FROM {quotes} q JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) q.article_id
  WHERE q.speaker IS NOT NULL
  GROUP BY 1, 2, 3',
 'quoted speakers per day and source: day, source, speaker (canonical name), quotes (quotations and reported speech), articles, quotations (direct and partial quotations only)'),
('entity_pairs_daily', 30,
 'WITH e AS (
	SELECT DISTINCT m.article_id, pg_catalog.date_trunc(''day'', m.published) AS day, m.entity, m.type
	FROM {mentions} m
	WHERE m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])
  )
  SELECT x.day, x.entity AS entity_a, x.type AS type_a, y.entity AS entity_b, y.type AS type_b,
	pg_catalog.count(*) AS articles
  FROM e x JOIN e y ON y.article_id OPERATOR(pg_catalog.=) x.article_id AND y.entity OPERATOR(pg_catalog.>) x.entity
  GROUP BY 1, 2, 3, 4, 5',
 'entity pairs named in the same article, per day: day, entity_a, type_a, entity_b, type_b (entity_a < entity_b), articles'),
('articles_daily', 40,
 'SELECT pg_catalog.date_trunc(''day'', a.published) AS day, a.source,
	pg_catalog.count(*) AS articles, pg_catalog.count(*) FILTER (WHERE a.error IS NOT NULL) AS errors
  FROM {analysed} a
  GROUP BY 1, 2',
 'analysed articles per day and source: day, source, articles, errors');

-- ---------------------------------------------------------------------------
-- The registry
-- ---------------------------------------------------------------------------
CREATE TABLE news.tracked (
	source pg_catalog.regclass PRIMARY KEY,
	tracker pg_catalog.regrole NOT NULL,
	id_column pg_catalog.name NOT NULL,
	body_column pg_catalog.name NOT NULL,
	published_column pg_catalog.name,
	title_column pg_catalog.name,
	source_column pg_catalog.name,
	immediate pg_catalog.bool NOT NULL DEFAULT false,
	clean pg_catalog.bool NOT NULL DEFAULT false,
	analysed pg_catalog.regclass NOT NULL,
	queue pg_catalog.regclass NOT NULL,
	enqueue pg_catalog.regprocedure,
	tracked_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	last_run pg_catalog.timestamptz,
	last_run_articles pg_catalog.int8,
	last_run_errors pg_catalog.int8,
	last_run_seconds pg_catalog.float8,
	total_articles pg_catalog.int8 NOT NULL DEFAULT 0,
	total_errors pg_catalog.int8 NOT NULL DEFAULT 0
);
COMMENT ON TABLE news.tracked IS
	'tables analysed by news.refresh (see news.track): columns, bookkeeping relations and run statistics; written through news.track, news.untrack and news.refresh (a trigger accepts rows of the writing role only)';
COMMENT ON COLUMN news.tracked.source IS 'the articles table';
COMMENT ON COLUMN news.tracked.tracker IS 'the role that tracks it and owns the result tables; news.refresh processes the table as this role';
COMMENT ON COLUMN news.tracked.id_column IS 'article id column (smallint, integer or bigint)';
COMMENT ON COLUMN news.tracked.body_column IS 'article text column';
COMMENT ON COLUMN news.tracked.published_column IS 'publication time column (timestamptz, timestamp or date), or NULL: the analysis time stands in';
COMMENT ON COLUMN news.tracked.title_column IS 'title column or NULL';
COMMENT ON COLUMN news.tracked.source_column IS 'column naming the outlet or feed, or NULL';
COMMENT ON COLUMN news.tracked.immediate IS 'true: articles are analysed by the statement that writes them (trigger mode); false: queued for news.refresh';
COMMENT ON COLUMN news.tracked.clean IS 'true: the analyses read news.clean(body) (markup and scraper boilerplate removed), and the character offsets they store (start and length of mentions, quotes, dates, keyphrases, summary sentences) are mapped back to the body as stored (news.original_spans), so that substr(body, start, length) is what was read, AT&amp;T for the mention AT&T; false: the body as stored';
COMMENT ON COLUMN news.tracked.analysed IS 'table with one row per analysed article (<table>_analysed)';
COMMENT ON COLUMN news.tracked.queue IS 'table of article ids waiting for analysis (<table>_queue)';
COMMENT ON COLUMN news.tracked.enqueue IS 'trigger function of the source table (<table>_enqueue); NULL for a table distributed by Citus, which has no triggers (news.refresh polls it)';
COMMENT ON COLUMN news.tracked.tracked_at IS 'when news.track ran';
COMMENT ON COLUMN news.tracked.last_run IS 'start of the last news.refresh of this table';
COMMENT ON COLUMN news.tracked.last_run_articles IS 'articles analysed by the last news.refresh';
COMMENT ON COLUMN news.tracked.last_run_errors IS 'articles whose analysis failed in the last news.refresh';
COMMENT ON COLUMN news.tracked.last_run_seconds IS 'duration of the last news.refresh of this table';
COMMENT ON COLUMN news.tracked.total_articles IS 'articles analysed by news.refresh since news.track';
COMMENT ON COLUMN news.tracked.total_errors IS 'failed analyses since news.track';
GRANT SELECT, INSERT, DELETE ON news.tracked TO PUBLIC;
GRANT UPDATE (last_run, last_run_articles, last_run_errors, last_run_seconds, total_articles, total_errors)
	ON news.tracked TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.tracked', '');

CREATE TABLE news.tracked_objects (
	source pg_catalog.regclass NOT NULL,
	name pg_catalog.text NOT NULL,
	relation pg_catalog.regclass NOT NULL,
	PRIMARY KEY (source, name)
);
COMMENT ON TABLE news.tracked_objects IS
	'result tables and views of each tracked table, by analysis or view name';
COMMENT ON COLUMN news.tracked_objects.source IS 'the tracked table';
COMMENT ON COLUMN news.tracked_objects.name IS 'analysis (news.pipeline_analyses) or view (news.pipeline_views) name';
COMMENT ON COLUMN news.tracked_objects.relation IS 'the result table or view';
GRANT SELECT, INSERT, DELETE ON news.tracked_objects TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.tracked_objects', '');

-- news.pipeline_role_owns: the current role may act for the owner of rel
-- (owns it, or is a member of its owner; superusers may act for anyone).
CREATE FUNCTION news.pipeline_role_owns(rel pg_catalog.oid) RETURNS pg_catalog.bool
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT COALESCE((SELECT pg_catalog.pg_has_role(c.relowner, 'USAGE')
		FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) $1), false)
$$;
COMMENT ON FUNCTION news.pipeline_role_owns(pg_catalog.oid) IS
	'true when the current role owns the relation or has the privileges of its owner';

-- news.pipeline_acts_for: news.refresh processes a table tracked by role
-- only as that role, or as a member of it that is not a superuser (a
-- superuser would run another role's triggers and index expressions).
CREATE FUNCTION news.pipeline_acts_for(role pg_catalog.oid) RETURNS pg_catalog.bool
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT $1 OPERATOR(pg_catalog.=) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER)
		OR (pg_catalog.pg_has_role($1, 'USAGE')
			AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER))
$$;
COMMENT ON FUNCTION news.pipeline_acts_for(pg_catalog.oid) IS
	'true when the current role is role, or a member of it that is not a superuser: news.refresh runs a tracked table''s analysis only then';

-- news.tracked_guard: row trigger on the registry, running as the writing
-- role.  A row must belong to a role the writer may act for, name a source
-- table the writer owns, and relations the writer owns; statistics updates
-- keep the identity columns.
CREATE FUNCTION news.tracked_guard() RETURNS pg_catalog.trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	r news.tracked;
BEGIN
	IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'tracked_objects' THEN
		IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
			SELECT * INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) OLD.source;
			IF FOUND AND NOT pg_catalog.pg_has_role(r.tracker, 'USAGE') THEN
				RAISE EXCEPTION 'permission denied to untrack table %', OLD.source
					USING ERRCODE = 'insufficient_privilege';
			END IF;
			RETURN OLD;
		END IF;
		SELECT * INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) NEW.source;
		IF NOT FOUND OR NOT pg_catalog.pg_has_role(r.tracker, 'USAGE')
			OR NOT news.pipeline_role_owns(NEW.relation) THEN
			RAISE EXCEPTION 'permission denied to record relation % for table %', NEW.relation, NEW.source
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Rows of news.tracked_objects are written by news.track for the role that tracks the table.';
		END IF;
		RETURN NEW;
	END IF;

	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF NOT pg_catalog.pg_has_role(OLD.tracker, 'USAGE') THEN
			RAISE EXCEPTION 'permission denied to untrack table %', OLD.source
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		RETURN OLD;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF NOT pg_catalog.pg_has_role(OLD.tracker, 'USAGE') THEN
			RAISE EXCEPTION 'permission denied to update the tracking of table %', OLD.source
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		IF (NEW.source, NEW.tracker, NEW.id_column, NEW.body_column, NEW.published_column, NEW.title_column,
				NEW.source_column, NEW.immediate, NEW.clean, NEW.analysed, NEW.queue, NEW.enqueue, NEW.tracked_at)
			IS NOT DISTINCT FROM (OLD.source, OLD.tracker, OLD.id_column, OLD.body_column, OLD.published_column,
				OLD.title_column, OLD.source_column, OLD.immediate, OLD.clean, OLD.analysed, OLD.queue, OLD.enqueue,
				OLD.tracked_at) THEN
			RETURN NEW;
		END IF;
	END IF;
	IF NOT pg_catalog.pg_has_role(NEW.tracker, 'MEMBER')
		OR NOT news.pipeline_role_owns(NEW.source)
		OR NOT news.pipeline_role_owns(NEW.analysed) OR NOT news.pipeline_role_owns(NEW.queue)
		OR NOT (NEW.enqueue IS NULL OR COALESCE((SELECT pg_catalog.pg_has_role(p.proowner, 'USAGE') FROM pg_catalog.pg_proc p
			WHERE p.oid OPERATOR(pg_catalog.=) NEW.enqueue), false)) THEN
		RAISE EXCEPTION 'permission denied to track table %', NEW.source
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Only the owner of a table (or a member of the owning role) can track it, with news.track.';
	END IF;
	RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION news.tracked_guard() IS
	'trigger: a row of news.tracked or news.tracked_objects is accepted only for a role the writer may act for, about tables it owns';

CREATE TRIGGER tracked_guard BEFORE INSERT OR UPDATE OR DELETE ON news.tracked
	FOR EACH ROW EXECUTE FUNCTION news.tracked_guard();
COMMENT ON TRIGGER tracked_guard ON news.tracked IS
	'rows only for the writing role''s own tables (any role may write the table)';
CREATE TRIGGER tracked_guard BEFORE INSERT OR DELETE ON news.tracked_objects
	FOR EACH ROW EXECUTE FUNCTION news.tracked_guard();
COMMENT ON TRIGGER tracked_guard ON news.tracked_objects IS
	'rows only for the writing role''s own tables (any role may write the table)';

-- news.tracked_dropped: event trigger: a tracked table that is dropped
-- leaves the registry (its result tables stay, they belong to the tracking
-- role).  SECURITY DEFINER: whoever drops the table may not act for the
-- tracking role; the function reads only the list of dropped objects.
CREATE FUNCTION news.tracked_dropped() RETURNS pg_catalog.event_trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	dropped pg_catalog.oid[];
BEGIN
	dropped := ARRAY(SELECT d.objid FROM pg_catalog.pg_event_trigger_dropped_objects() d
		WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			AND d.objsubid OPERATOR(pg_catalog.=) 0);
	IF pg_catalog.cardinality(dropped) OPERATOR(pg_catalog.>) 0 THEN
		DELETE FROM news.tracked_objects o WHERE o.source::pg_catalog.oid OPERATOR(pg_catalog.=) ANY (dropped);
		DELETE FROM news.tracked t WHERE t.source::pg_catalog.oid OPERATOR(pg_catalog.=) ANY (dropped);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.tracked_dropped() IS
	'event trigger: removes dropped tables from news.tracked and news.tracked_objects';
CREATE EVENT TRIGGER news_tracked_dropped ON sql_drop
	WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
	EXECUTE FUNCTION news.tracked_dropped();
COMMENT ON EVENT TRIGGER news_tracked_dropped IS
	'a dropped tracked table leaves the registry';

-- ---------------------------------------------------------------------------
-- Processing a batch
-- ---------------------------------------------------------------------------

-- news.pipeline_expand: sql with {source} replaced by the tracked table as
-- a regclass literal (its OID), {analysed} and {<name>} by the
-- schema-qualified names of its bookkeeping table and of the relations in
-- news.tracked_objects; other braces are left as they are.
CREATE FUNCTION news.pipeline_expand(t news.tracked, sql pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	g record;
BEGIN
	sql := pg_catalog.replace(sql, '{source}',
		pg_catalog.format('%L::pg_catalog.regclass', t.source::pg_catalog.oid));
	FOR g IN
		SELECT r.name, pg_catalog.format('%I.%I', n.nspname, c.relname) AS qualified
		FROM (SELECT 'analysed'::pg_catalog.text AS name, t.analysed AS relation
			UNION ALL
			SELECT o.name, o.relation FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source) r
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.relation
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	LOOP
		sql := pg_catalog.replace(sql, '{' OPERATOR(pg_catalog.||) g.name OPERATOR(pg_catalog.||) '}', g.qualified);
	END LOOP;
	RETURN sql;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_expand(news.tracked, pg_catalog.text) IS
	'replaces {source}, {analysed} and {<name>} in an analysis or view definition by the tracked table''s relations (used by news.refresh and news.track)';

-- news.pipeline_body: the expression of the text the analyses read, for
-- the row alias alias of tracked table t: the body, or news.clean of it.
CREATE FUNCTION news.pipeline_body(t news.tracked, alias pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(CASE WHEN t.clean THEN 'news.clean(%I.%I::pg_catalog.text)' ELSE '%I.%I::pg_catalog.text' END,
		alias, t.body_column)
$$;
COMMENT ON FUNCTION news.pipeline_body(news.tracked, pg_catalog.text) IS
	'the SQL expression of the text the analyses of a tracked table read (the body column, or news.clean of it) for a row alias (used by news.refresh)';

-- news.pipeline_original_offsets: the fill of an analysis whose result
-- table rel has character offsets (int4 columns start and length: the
-- mentions, quotes, dates, keyphrases and summary), for tracked table t.
-- With clean, the analyses read news.clean(body), and the offsets they
-- report are mapped to the body as stored (news_batch.original), so that
-- substr(body, start, length) is what a mention was read from, whatever
-- clean is: the fill's rows are numbered per article, the spans of each
-- article are mapped by one news.original_spans call (one cleaning of it,
-- not one per span), and every row gets its mapped span back.  Without
-- clean, or for a result table without offsets, the fill as it is.  The
-- fills themselves are not changed: this wraps any fill, its columns
-- named as the result table's.
CREATE FUNCTION news.pipeline_original_offsets(t news.tracked, fill pg_catalog.text, rel pg_catalog.regclass)
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT CASE WHEN NOT t.clean OR NOT c.names OPERATOR(pg_catalog.@>) ARRAY['start', 'length']::pg_catalog.name[]
		THEN fill
		ELSE pg_catalog.format(
			'WITH news_rows AS MATERIALIZED (SELECT f.*, '
			'pg_catalog.row_number() OVER (PARTITION BY f.article_id) AS news_n FROM (%1$s) f(%2$s)), '
			'news_spans AS (SELECT r.article_id, pg_catalog.array_agg(r.start ORDER BY r.news_n) AS starts, '
			'pg_catalog.array_agg(r.length ORDER BY r.news_n) AS lengths FROM news_rows r GROUP BY r.article_id), '
			'news_mapped AS (SELECT x.article_id, m.start, m.length FROM news_spans x '
			'JOIN news_batch b ON b.id OPERATOR(pg_catalog.=) x.article_id '
			'CROSS JOIN LATERAL news.original_spans(b.original, x.starts, x.lengths) m) '
			'SELECT %3$s FROM news_rows r JOIN news_mapped o ON o.article_id OPERATOR(pg_catalog.=) r.article_id',
			fill, c.list, c.mapped) END
	FROM (SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum) AS names,
			pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) AS list,
			pg_catalog.string_agg(CASE a.attname WHEN 'start' THEN 'o.start[r.news_n]'
				WHEN 'length' THEN 'o.length[r.news_n]'
				ELSE 'r.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname) END, ', ' ORDER BY a.attnum) AS mapped
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped) c
$$;
COMMENT ON FUNCTION news.pipeline_original_offsets(news.tracked, pg_catalog.text, pg_catalog.regclass) IS
	'the fill of an analysis of a tracked table with its result table rel, whose start and length columns, if it has them, are mapped by news.original_spans to offsets into the body as stored when the table is tracked with clean (used by news.refresh)';

-- news.pipeline_batch_query: the statement storing analyses of the articles
-- whose ids are in $1: their rows are read once (news_batch; with clean,
-- its column original is the body as stored, which
-- news.pipeline_original_offsets maps spans to), and each fills[i] is
-- inserted into rels[i].  One analysis is the INSERT itself;
-- several are data-modifying CTEs of one statement, listed last first:
-- PostgreSQL runs the CTEs that its main query does not read after it, in
-- the reverse of their order (ExecPostprocessPlan), so they run in array
-- order, and an article that fails in two of them fails in the first one.
CREATE FUNCTION news.pipeline_batch_query(t news.tracked, fills pg_catalog.text[], rels pg_catalog.regclass[])
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'WITH news_batch AS MATERIALIZED ('
		'SELECT s.%1$I::pg_catalog.int8 AS id, %2$s AS body, %3$s AS published, '
		'%4$s AS title, %5$s AS source%8$s FROM %6$s s WHERE s.%1$I OPERATOR(pg_catalog.=) ANY ($1)) %7$s',
		t.id_column, news.pipeline_body(t, 's'),
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.title_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.title_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		t.source,
		CASE WHEN pg_catalog.cardinality(fills) OPERATOR(pg_catalog.=) 1
			THEN pg_catalog.format('INSERT INTO %s SELECT * FROM (%s) f', rels[1], fills[1])
			ELSE (SELECT pg_catalog.string_agg(pg_catalog.format(', news_fill_%s AS (INSERT INTO %s SELECT * FROM (%s) f)',
					i, rels[i], fills[i]), '' ORDER BY i DESC)
				FROM pg_catalog.generate_subscripts(fills, 1) i) OPERATOR(pg_catalog.||) ' SELECT' END,
		CASE WHEN t.clean THEN pg_catalog.format(', s.%I::pg_catalog.text AS original', t.body_column) ELSE '' END)
$$;
COMMENT ON FUNCTION news.pipeline_batch_query(news.tracked, pg_catalog.text[], pg_catalog.regclass[]) IS
	'the statement that stores analyses of the articles whose ids are in $1, read once (news_batch: id, body, published, title, source, and with clean original, the body as stored): the rows of fills[i] inserted into rels[i], in array order (used by news.refresh)';

-- news.pipeline_analyse: analyses the articles ids of tracked table t (all
-- analyses, or the config_dependent ones) under version stamp version,
-- replacing their results; ids no longer in the table lose their results.
-- The caller holds the locks on their rows of the analysed table.  A batch
-- that fails is done again article by article: an article that fails keeps
-- no results and its error is recorded.  Returns the number of failures.
--
-- Consecutive analyses (in position order) whose fill names none of the
-- table's relations (no {source}, {analysed} or {<name>}: it reads
-- news_batch only) are stored by one statement, which reads the batch's
-- rows (and cleans them) once for all of them; the others (the stories,
-- which read the vectors and mentions just stored) have a statement each.
-- Old results are removed for every id of the batch, not only for the
-- articles with a row in the analysed table: a row deleted by hand must
-- not leave its results to be stored twice.  The ids probed are those up
-- to the largest article id of the result table (one probe of its index):
-- new articles, which come with higher ids, cost no probe, and the
-- statement never reads the whole table (a result table that grew in a
-- first refresh has no statistics yet, and a DELETE by a 1,000-id array
-- then became a sequential scan of it, batch after batch).
CREATE FUNCTION news.pipeline_analyse(t news.tracked, ids pg_catalog.int8[], config_only pg_catalog.bool,
	version pg_catalog.int8)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	a record;
	one pg_catalog.int8;
	failed pg_catalog.int8 := 0;
	deletes pg_catalog.text[] := '{}';
	inserts pg_catalog.text[] := '{}';
	run_fills pg_catalog.text[] := '{}';
	run_rels pg_catalog.regclass[] := '{}';
	step pg_catalog.text;
	state pg_catalog.text;
	msg pg_catalog.text;
	rows news.tracked;
BEGIN
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN 0;
	END IF;
	-- t as the batch queries see it: its rows in news.pipeline_rows
	rows := t;
	rows.source := news.pipeline_rows(t, ids);
	FOR a IN
		SELECT p.fill, p.clear, o.relation
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.config_dependent OR NOT config_only
		ORDER BY p.position
	LOOP
		deletes := deletes OPERATOR(pg_catalog.||) COALESCE(news.pipeline_expand(t, a.clear),
			pg_catalog.format('DELETE FROM %1$s WHERE article_id OPERATOR(pg_catalog.=) ANY (ARRAY('
				'SELECT i FROM pg_catalog.unnest($1) i WHERE i OPERATOR(pg_catalog.<=) '
				'(SELECT pg_catalog.max(r.article_id) FROM %1$s r)))', a.relation));
		IF a.fill OPERATOR(pg_catalog.~) '\{[a-z_0-9]+\}' THEN
			IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
				inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
				run_fills := '{}';
				run_rels := '{}';
			END IF;
			inserts := inserts OPERATOR(pg_catalog.||)
				news.pipeline_batch_query(rows,
					ARRAY[news.pipeline_original_offsets(t, news.pipeline_expand(t, a.fill), a.relation)],
					ARRAY[a.relation]);
		ELSE
			run_fills := run_fills OPERATOR(pg_catalog.||) news.pipeline_original_offsets(t, a.fill, a.relation);
			run_rels := run_rels OPERATOR(pg_catalog.||) a.relation;
		END IF;
	END LOOP;
	IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
		inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
	END IF;
	-- the article's row: $3 is the error (NULL when the analysis worked)
	state := pg_catalog.format(
		'INSERT INTO %1$s AS a (article_id, published, source, version, analysed_at, times, error, fingerprint) '
		'SELECT s.%2$I, %3$s, %4$s, $2, pg_catalog.now(), 1, $3, %7$s FROM %5$s s '
		'WHERE s.%2$I OPERATOR(pg_catalog.=) ANY ($1) '
		'ON CONFLICT (article_id) DO UPDATE SET published = %6$s, source = EXCLUDED.source, '
		'version = EXCLUDED.version, analysed_at = EXCLUDED.analysed_at, '
		'times = a.times OPERATOR(pg_catalog.+) 1, error = EXCLUDED.error, fingerprint = EXCLUDED.fingerprint',
		t.analysed, t.id_column,
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		rows.source,
		CASE WHEN t.published_column IS NULL THEN 'a.published' ELSE 'EXCLUDED.published' END,
		CASE WHEN rows.source OPERATOR(pg_catalog.=) t.source THEN 'NULL::pg_catalog.text'
			ELSE news.pipeline_fingerprint(t, 's') END);
	-- articles deleted from the source lose their row (the ids still there
	-- are found by id: NOT EXISTS became an anti-join that read and hashed
	-- the whole source table for every batch)
	deletes := deletes OPERATOR(pg_catalog.||) pg_catalog.format(
		'DELETE FROM %1$s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND a.article_id OPERATOR(pg_catalog.<>) ALL (ARRAY(SELECT s.%3$I::pg_catalog.int8 FROM %2$s s '
		'WHERE s.%3$I OPERATOR(pg_catalog.=) ANY ($1)))',
		t.analysed, rows.source, t.id_column);

	-- the days whose trending rollup this changes (82_pipeline_trending.sql)
	PERFORM news.trend_mark(t, rows.source, ids);
	BEGIN
		FOREACH step IN ARRAY deletes LOOP
			EXECUTE step USING ids;
		END LOOP;
		FOREACH step IN ARRAY inserts LOOP
			EXECUTE step USING ids;
		END LOOP;
		EXECUTE state USING ids, version, NULL::pg_catalog.text;
		RETURN 0;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
	END;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 1 THEN
		FOREACH one IN ARRAY ids LOOP
			failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, ARRAY[one], config_only, version);
		END LOOP;
		RETURN failed;
	END IF;
	-- one article failed: it keeps no results, its row keeps the error
	FOREACH step IN ARRAY deletes LOOP
		EXECUTE step USING ids;
	END LOOP;
	EXECUTE state USING ids, version, msg;
	RETURN 1;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_analyse(news.tracked, pg_catalog.int8[], pg_catalog.bool, pg_catalog.int8) IS
	'analyses articles of a tracked table again and stores their results (used by news.refresh); returns the number of articles whose analysis failed';

-- news.pipeline_claim_stale: ids of articles of t stamped otherwise than
-- version (news.pipeline_stamp), at most n, locked (rows other sessions
-- hold are skipped).  failed: the article is to be analysed in full, not
-- only by the config_dependent analyses: its analysis had failed, or
-- another analysis version (the high 32 bits of the stamp) produced it.
CREATE FUNCTION news.pipeline_claim_stale(t news.tracked, version pg_catalog.int8, n pg_catalog.int4,
	OUT article_id pg_catalog.int8, OUT failed pg_catalog.bool)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT a.article_id, a.error IS NOT NULL OR (a.version OPERATOR(pg_catalog.>>) 32) '
		'OPERATOR(pg_catalog.<>) ($1 OPERATOR(pg_catalog.>>) 32) FROM %s a '
		'WHERE a.version OPERATOR(pg_catalog.<) $1 OR a.version OPERATOR(pg_catalog.>) $1 '
		'LIMIT $2 FOR UPDATE SKIP LOCKED', t.analysed)
		USING version, n;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_claim_stale(news.tracked, pg_catalog.int8, pg_catalog.int4) IS
	'locks and returns up to n articles of a tracked table analysed under another version stamp (news.pipeline_stamp), failed true for those to analyse in full (used by news.refresh)';

-- news.refresh_batch: one batch of news.refresh for one tracked table, in
-- the caller's transaction: claims up to batch queued ids (FOR UPDATE SKIP
-- LOCKED, so concurrent sessions take disjoint batches, and the ids return
-- to the queue if the transaction aborts), locks their rows of the analysed
-- table (an article is never analysed by two sessions at once), analyses
-- them, then fills the rest of the batch with stale articles (those
-- stale by configuration only keep their stories, whose entities are read
-- again: news.stories_reentity).  A batch that empties the queue (fewer
-- articles than batch) also describes the stories the batches changed
-- (news.stories_describe_pending).
CREATE FUNCTION news.refresh_batch(source pg_catalog.regclass, batch pg_catalog.int4 DEFAULT 1000,
	OUT analysed pg_catalog.int8, OUT failed pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
	ids pg_catalog.int8[];
	full_ids pg_catalog.int8[];
	config_ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) refresh_batch.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
	END IF;
	IF batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	version := news.pipeline_stamp();

	EXECUTE pg_catalog.format(
		'WITH c AS (SELECT q.article_id FROM %1$s q ORDER BY q.article_id LIMIT $1 FOR UPDATE SKIP LOCKED), '
		'd AS (DELETE FROM %1$s q USING c WHERE q.article_id OPERATOR(pg_catalog.=) c.article_id RETURNING q.article_id) '
		'SELECT COALESCE(pg_catalog.array_agg(d.article_id ORDER BY d.article_id), ''{}'') FROM d', t.queue)
		INTO ids USING batch;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 0 THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
	END IF;
	analysed := pg_catalog.cardinality(ids);
	failed := news.pipeline_analyse(t, ids, false, version);

	IF analysed OPERATOR(pg_catalog.<) batch THEN
		SELECT COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE s.failed), '{}'),
			COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE NOT s.failed), '{}')
		INTO full_ids, config_ids
		FROM news.pipeline_claim_stale(t, version, (batch OPERATOR(pg_catalog.-) analysed)::pg_catalog.int4) s;
		failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, full_ids, false, version)
			OPERATOR(pg_catalog.+) news.pipeline_analyse(t, config_ids, true, version);
		-- their stories name the entities as the mentions now do
		IF pg_catalog.cardinality(config_ids) OPERATOR(pg_catalog.>) 0 AND EXISTS (SELECT FROM news.tracked_objects o
				WHERE o.source OPERATOR(pg_catalog.=) refresh_batch.source AND o.name OPERATOR(pg_catalog.=) 'story_state') THEN
			PERFORM news.stories_reentity(source, config_ids);
		END IF;
		analysed := analysed OPERATOR(pg_catalog.+) pg_catalog.cardinality(full_ids)
			OPERATOR(pg_catalog.+) pg_catalog.cardinality(config_ids);
	END IF;
	IF analysed OPERATOR(pg_catalog.<) batch THEN
		PERFORM news.stories_describe_pending(source);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.refresh_batch(pg_catalog.regclass, pg_catalog.int4) IS
	'analyses one batch of new, changed, deleted or stale articles of a tracked table in the current transaction; returns how many were analysed and how many failed (news.refresh commits batch after batch)';

-- news.pipeline_prepare: before a refresh, creates the result tables and
-- views of analyses registered after the table was tracked (only the
-- tracking role does that; their articles are queued again) and gives the
-- readers of the source table SELECT on every result relation.
CREATE FUNCTION news.pipeline_prepare(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
	a record;
	rel pg_catalog.regclass;
	relname pg_catalog.text;
	def pg_catalog.text;
	idx pg_catalog.text;
	added pg_catalog.int4 := 0;
	had_results pg_catalog.bool;
	readers pg_catalog.oid[];
	g record;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_prepare.source;
	SELECT n.nspname INTO nsp FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE c.oid OPERATOR(pg_catalog.=) t.analysed;
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	had_results := EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source);

	-- missing result tables
	FOR a IN
		SELECT p.* FROM news.pipeline_analyses p
		WHERE NOT EXISTS (SELECT FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name)
		ORDER BY p.position
	LOOP
		IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
			RAISE NOTICE 'analysis % of table % has no result table yet: run news.refresh as role % to add it', a.name, t.source, t.tracker;
			CONTINUE;
		END IF;
		relname := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) a.name;
		PERFORM news.pipeline_check_name(relname);
		EXECUTE pg_catalog.format('CREATE TABLE %I.%I (article_id pg_catalog.int8 NOT NULL, published pg_catalog.timestamptz, %s)',
			nsp, relname, a.columns);
		rel := pg_catalog.format('%I.%I', nsp, relname)::pg_catalog.regclass;
		FOREACH idx IN ARRAY a.indexes LOOP
			EXECUTE pg_catalog.format('CREATE INDEX ON %s %s', rel, idx);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel,
			pg_catalog.format('news_analytics results of %s (news.track): %s', t.source, a.description));
		INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, a.name, rel);
		IF a.setup IS NOT NULL THEN
			EXECUTE news.pipeline_expand(t, a.setup);
		END IF;
		added := added OPERATOR(pg_catalog.+) 1;
	END LOOP;
	IF added OPERATOR(pg_catalog.>) 0 AND had_results THEN
		EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT s.%I FROM %s s ON CONFLICT DO NOTHING',
			t.queue, t.id_column, t.source);
	END IF;

	-- missing views whose relations all exist
	FOR a IN
		SELECT v.* FROM news.pipeline_views v
		WHERE NOT EXISTS (SELECT FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) v.name)
		ORDER BY v.position
	LOOP
		IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
			CONTINUE;
		END IF;
		def := news.pipeline_expand(t, a.definition);
		CONTINUE WHEN def OPERATOR(pg_catalog.~) '\{[a-z_]+\}';
		relname := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) a.name;
		PERFORM news.pipeline_check_name(relname);
		EXECUTE pg_catalog.format('CREATE VIEW %I.%I AS %s', nsp, relname, def);
		rel := pg_catalog.format('%I.%I', nsp, relname)::pg_catalog.regclass;
		EXECUTE pg_catalog.format('COMMENT ON VIEW %s IS %L', rel,
			pg_catalog.format('news_analytics dashboard view of %s (news.track): %s', t.source, a.description));
		INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, a.name, rel);
	END LOOP;

	-- the trending rollup (82_pipeline_trending.sql)
	PERFORM news.trend_setup(t.source);

	-- readers: the roles with SELECT on the source (PUBLIC is 0) and its
	-- owner; nobody when row-level security filters the source
	IF (SELECT c.relrowsecurity FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source) THEN
		readers := '{}';
	ELSE
		readers := ARRAY(
			SELECT x.grantee FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
			WHERE c.oid OPERATOR(pg_catalog.=) t.source AND x.privilege_type OPERATOR(pg_catalog.=) 'SELECT'
			UNION
			SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source);
	END IF;
	FOR g IN
		SELECT c.oid::pg_catalog.regclass AS rel, w.role, w.grant
		FROM pg_catalog.pg_class c
		CROSS JOIN LATERAL (
			SELECT r.role, true AS grant FROM pg_catalog.unnest(readers) r(role)
			WHERE r.role OPERATOR(pg_catalog.<>) c.relowner
				AND NOT EXISTS (SELECT FROM pg_catalog.aclexplode(c.relacl) e
					WHERE e.grantee OPERATOR(pg_catalog.=) r.role AND e.privilege_type OPERATOR(pg_catalog.=) 'SELECT')
			UNION ALL
			SELECT e.grantee, false FROM pg_catalog.aclexplode(c.relacl) e
			WHERE e.privilege_type OPERATOR(pg_catalog.=) 'SELECT' AND e.grantee OPERATOR(pg_catalog.<>) c.relowner
				AND e.grantee OPERATOR(pg_catalog.<>) ALL (readers)) w
		WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT o.relation::pg_catalog.oid FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source) OPERATOR(pg_catalog.||) t.analysed::pg_catalog.oid)
			AND news.pipeline_role_owns(c.oid)
	LOOP
		EXECUTE pg_catalog.format(CASE WHEN g.grant THEN 'GRANT SELECT ON %s TO %s' ELSE 'REVOKE SELECT ON %s FROM %s' END,
			g.rel, CASE WHEN g.role OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE g.role::pg_catalog.regrole::pg_catalog.text END);
	END LOOP;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_prepare(pg_catalog.regclass) IS
	'creates the result tables and views a tracked table lacks and grants SELECT on them to the readers of the table (used by news.track and news.refresh)';

-- news.pipeline_check_name: a relation name news.track makes must fit in
-- NAMEDATALEN (PostgreSQL would cut it, and two names could collide).
CREATE FUNCTION news.pipeline_check_name(relname pg_catalog.text) RETURNS pg_catalog.void
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
BEGIN
	IF pg_catalog.octet_length(relname) OPERATOR(pg_catalog.>) 63 THEN
		RAISE EXCEPTION 'result relation name "%" is too long', relname
			USING ERRCODE = 'name_too_long',
				HINT = 'Tracked table names may have at most 44 bytes; rename the table or track a view of it under a shorter name.';
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_check_name(pg_catalog.text) IS
	'raises name_too_long when a result relation name would be cut to 63 bytes';

-- news.pipeline_enqueue: called by the enqueue trigger of a tracked table
-- (<table>_enqueue, running as the tracking role) for a written row: queues
-- the old and new ids, or analyses them (and describes their stories) at
-- once in immediate mode.  Only the tracking role itself may call it, so a
-- trigger function borrowed for another table cannot act as that role on
-- it.
CREATE FUNCTION news.pipeline_enqueue(source pg_catalog.regclass, old_id pg_catalog.int8, new_id pg_catalog.int8)
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_enqueue.source;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RAISE EXCEPTION 'only the enqueue trigger of table % queues its articles', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	ids := ARRAY(SELECT DISTINCT i FROM pg_catalog.unnest(ARRAY[old_id, new_id]) i WHERE i IS NOT NULL ORDER BY i);
	IF t.immediate THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
		PERFORM news.pipeline_analyse(t, ids, false, news.pipeline_stamp());
		PERFORM news.stories_describe_pending(source);
	ELSE
		EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT pg_catalog.unnest($1) ON CONFLICT DO NOTHING', t.queue)
			USING ids;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_enqueue(pg_catalog.regclass, pg_catalog.int8, pg_catalog.int8) IS
	'queues (or, in immediate mode, analyses) the articles a statement wrote; called by the enqueue trigger of a tracked table as the tracking role';

-- news.pipeline_truncated: the source table was truncated: so are its
-- result tables.
CREATE FUNCTION news.pipeline_truncated(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_truncated.source;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RAISE EXCEPTION 'only the enqueue trigger of table % empties its results', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	EXECUTE pg_catalog.format('TRUNCATE %s', pg_catalog.array_to_string(ARRAY(
		SELECT o.relation::pg_catalog.text FROM news.tracked_objects o
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) o.relation
		WHERE o.source OPERATOR(pg_catalog.=) t.source AND c.relkind OPERATOR(pg_catalog.=) 'r'
		ORDER BY o.name) OPERATOR(pg_catalog.||) ARRAY[t.analysed::pg_catalog.text, t.queue::pg_catalog.text], ', '));
END
$fn$;
COMMENT ON FUNCTION news.pipeline_truncated(pg_catalog.regclass) IS
	'empties the result tables of a tracked table after TRUNCATE of the table; called by its enqueue trigger';

-- news.pipeline_column: the type of a column of rel, which must be one of
-- types; raises undefined_column or datatype_mismatch.
CREATE FUNCTION news.pipeline_column(rel pg_catalog.regclass, col pg_catalog.name, what pg_catalog.text,
	types pg_catalog.regtype[])
	RETURNS pg_catalog.regtype
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
	typ pg_catalog.regtype;
BEGIN
	IF col IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT a.atttypid INTO typ FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attname OPERATOR(pg_catalog.=) col
		AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of table % does not exist', col, rel
			USING ERRCODE = 'undefined_column';
	END IF;
	IF NOT typ OPERATOR(pg_catalog.=) ANY (types) THEN
		RAISE EXCEPTION '% column "%" of table % has type %', what, col, rel, typ
			USING ERRCODE = 'datatype_mismatch',
				HINT = pg_catalog.format('The %s column must have one of the types %s.', what,
					pg_catalog.array_to_string(types::pg_catalog.text[], ', '));
	END IF;
	RETURN typ;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_column(pg_catalog.regclass, pg_catalog.name, pg_catalog.text, pg_catalog.regtype[]) IS
	'checks that a column news.track was given exists and has a usable type';

-- news.track: starts analysing a table (see the header of this section).
CREATE FUNCTION news.track(source pg_catalog.regclass, id_column pg_catalog.name, body_column pg_catalog.name,
	published_column pg_catalog.name DEFAULT NULL, title_column pg_catalog.name DEFAULT NULL,
	source_column pg_catalog.name DEFAULT NULL, result_schema pg_catalog.name DEFAULT NULL,
	immediate pg_catalog.bool DEFAULT false, clean pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	rel pg_catalog.pg_class%ROWTYPE;
	nsp pg_catalog.name;
	nsp_oid pg_catalog.oid;
	prefix pg_catalog.text;
	analysed pg_catalog.regclass;
	queue pg_catalog.regclass;
	enqueue pg_catalog.regprocedure;
	watched pg_catalog.text[];
	changed pg_catalog.text;
	body pg_catalog.text;
	queued pg_catalog.int8;
	distributed pg_catalog.bool;
	text_types pg_catalog.regtype[] := ARRAY['pg_catalog.text', 'pg_catalog.varchar', 'pg_catalog.bpchar']::pg_catalog.regtype[];
BEGIN
	IF source IS NULL OR id_column IS NULL OR body_column IS NULL OR immediate IS NULL OR clean IS NULL THEN
		RAISE EXCEPTION 'source, id_column, body_column, immediate and clean must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO rel FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) source;
	IF rel.relkind OPERATOR(pg_catalog.<>) ALL (ARRAY['r', 'p']::"char"[]) THEN
		RAISE EXCEPTION '% is not a table', source
			USING ERRCODE = 'wrong_object_type', HINT = 'news.track analyses ordinary and partitioned tables.';
	END IF;
	IF NOT news.pipeline_role_owns(source) THEN
		RAISE EXCEPTION 'must be owner of table % to track it', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF EXISTS (SELECT FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) track.source) THEN
		RAISE EXCEPTION 'table % is already tracked', source
			USING ERRCODE = 'duplicate_object', HINT = 'news.untrack stops tracking it.';
	END IF;
	distributed := news.pipeline_distributed(source);
	IF distributed AND immediate THEN
		RAISE EXCEPTION 'table % is distributed by Citus, which runs no triggers of news.track', source
			USING ERRCODE = 'feature_not_supported',
				HINT = 'Track it without immediate: news.refresh finds its new, changed and deleted articles.';
	END IF;
	PERFORM news.pipeline_column(source, id_column, 'id',
		ARRAY['pg_catalog.int2', 'pg_catalog.int4', 'pg_catalog.int8']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, body_column, 'body', text_types);
	PERFORM news.pipeline_column(source, published_column, 'published',
		ARRAY['pg_catalog.timestamptz', 'pg_catalog.timestamp', 'pg_catalog.date']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, title_column, 'title', text_types);
	PERFORM news.pipeline_column(source, source_column, 'source', text_types);

	nsp := COALESCE(result_schema, (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) rel.relnamespace));
	SELECT n.oid INTO nsp_oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'schema "%" does not exist', nsp USING ERRCODE = 'invalid_schema_name';
	END IF;
	IF nsp_oid OPERATOR(pg_catalog.=) (SELECT e.extnamespace FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'news_analytics')
		OR nsp OPERATOR(pg_catalog.~) '^pg_' OR nsp OPERATOR(pg_catalog.=) 'information_schema' THEN
		RAISE EXCEPTION 'result tables cannot go in schema "%"', nsp
			USING ERRCODE = 'invalid_schema_name',
				HINT = 'Only the extension''s own objects live in its schema; name another schema in result_schema.';
	END IF;
	IF NOT pg_catalog.has_schema_privilege(nsp_oid, 'CREATE') THEN
		RAISE EXCEPTION 'permission denied to create the result tables in schema "%"', nsp
			USING ERRCODE = 'insufficient_privilege', HINT = 'Name a schema where you may create tables in result_schema.';
	END IF;
	prefix := rel.relname;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_entity_pairs_daily');

	-- bookkeeping: the analysed articles and the queue
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, published pg_catalog.timestamptz, '
		'source pg_catalog.text, version pg_catalog.int8 NOT NULL, analysed_at pg_catalog.timestamptz NOT NULL, '
		'times pg_catalog.int4 NOT NULL DEFAULT 1, error pg_catalog.text, fingerprint pg_catalog.text)',
		nsp, prefix OPERATOR(pg_catalog.||) '_analysed');
	analysed := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_analysed')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (version)', analysed);
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (published)', analysed);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', analysed, pg_catalog.format(
		'news_analytics: the analysed articles of %s (news.track): publication time, source, version stamp (news.pipeline_stamp), time of analysis, times analysed, error, fingerprint of the analysed columns (tables distributed by Citus only)', source));
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, queued_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now())',
		nsp, prefix OPERATOR(pg_catalog.||) '_queue');
	queue := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_queue')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', queue, pg_catalog.format(
		'news_analytics: ids of articles of %s waiting for news.refresh', source));

	-- the trigger function: runs as the tracking role, so that writers need
	-- no privilege on the queue; nobody else may use it (a table distributed
	-- by Citus gets none: it runs no triggers)
	IF NOT distributed THEN
		body := pg_catalog.format($body$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), NULL, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NULL);
	ELSE
		PERFORM news.pipeline_truncated(TG_RELID);
	END IF;
	RETURN NULL;
END
$body$, id_column);
		EXECUTE pg_catalog.format('CREATE FUNCTION %I.%I() RETURNS pg_catalog.trigger LANGUAGE plpgsql '
			'VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS %L',
			nsp, prefix OPERATOR(pg_catalog.||) '_enqueue', body);
		enqueue := pg_catalog.format('%I.%I()', nsp, prefix OPERATOR(pg_catalog.||) '_enqueue')::pg_catalog.regprocedure;
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', enqueue);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s IS %L', enqueue, pg_catalog.format(
			'news_analytics: trigger of %s queueing written articles for news.refresh', source));
	END IF;

	INSERT INTO news.tracked (source, tracker, id_column, body_column, published_column, title_column,
		source_column, immediate, clean, analysed, queue, enqueue)
	VALUES (source, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER),
		id_column, body_column, published_column, title_column, source_column, immediate, clean, analysed, queue, enqueue);
	PERFORM news.pipeline_prepare(source);
	IF rel.relrowsecurity THEN
		RAISE NOTICE 'table % has row-level security: its results are readable by role % only', source, CURRENT_USER
			USING HINT = 'Grant SELECT on the result tables (or on views filtering them) yourself.';
	END IF;

	-- triggers: every write of an analysed column queues the article (a
	-- table distributed by Citus has none: news.refresh polls it)
	watched := ARRAY(SELECT c FROM pg_catalog.unnest(ARRAY[id_column, body_column, published_column, title_column,
		source_column]) c WHERE c IS NOT NULL);
	changed := pg_catalog.array_to_string(ARRAY(
		SELECT pg_catalog.format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c) FROM pg_catalog.unnest(watched) c), ' OR ');
	IF NOT distributed THEN
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_insert AFTER INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_update AFTER UPDATE OF %s ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %s()',
			pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(c) FROM pg_catalog.unnest(watched) c), ', '),
			source, changed, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_delete AFTER DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
	END IF;

	-- the articles already there
	EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT s.%I FROM %s s ON CONFLICT DO NOTHING',
		queue, id_column, source);
	GET DIAGNOSTICS queued = ROW_COUNT;
	RAISE NOTICE 'news.track: % articles of % queued; results in %.%_*', queued, source, pg_catalog.quote_ident(nsp), prefix
		USING HINT = 'CALL news.refresh() analyses them; news.schedule() runs it every minute with pg_cron.';
	RETURN queued;
END
$fn$;
COMMENT ON FUNCTION news.track(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.bool, pg_catalog.bool) IS
	'starts analysing a table you own: creates <table>_mentions, _quotes, _dates, _vectors, _terms, _keyphrases, _summary, _tone, the story tables, _analysed, _queue and dashboard views in result_schema (default: the table''s schema), readable by the table''s readers, and triggers queueing every written article; with clean, the analyses read news.clean(body) (for HTML or scraped text), and the start and length they store are offsets into the body as stored (news.original_spans); returns the number of articles queued';

-- news.untrack: stops analysing a table and drops what news.track made.
CREATE FUNCTION news.untrack(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	o record;
	trg pg_catalog.text;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) untrack.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT pg_catalog.pg_has_role(t.tracker, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied to untrack table %', source
			USING ERRCODE = 'insufficient_privilege', HINT = pg_catalog.format('Role %s tracks it.', t.tracker);
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source) THEN
		-- (a table distributed by Citus has none, and Citus refuses DROP TRIGGER on it)
		FOR trg IN
			SELECT g.tgname FROM pg_catalog.pg_trigger g
			WHERE g.tgrelid OPERATOR(pg_catalog.=) t.source
				AND g.tgname OPERATOR(pg_catalog.=) ANY (ARRAY['news_enqueue_insert', 'news_enqueue_update', 'news_enqueue_delete', 'news_enqueue_truncate'])
		LOOP
			EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', trg, t.source);
		END LOOP;
		IF EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pg_cron') THEN
			PERFORM news.unschedule(t.source);
		END IF;
	END IF;
	FOR o IN
		SELECT c.oid::pg_catalog.regclass AS rel, c.relkind
		FROM news.tracked_objects x JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.relation
		WHERE x.source OPERATOR(pg_catalog.=) t.source
		UNION ALL
		SELECT c.oid::pg_catalog.regclass, c.relkind FROM pg_catalog.pg_class c
		WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY[t.analysed::pg_catalog.oid, t.queue::pg_catalog.oid])
		ORDER BY 2 DESC, 1
	LOOP
		EXECUTE pg_catalog.format(CASE WHEN o.relkind OPERATOR(pg_catalog.=) 'v' THEN 'DROP VIEW %s' ELSE 'DROP TABLE %s' END, o.rel);
	END LOOP;
	IF EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid OPERATOR(pg_catalog.=) t.enqueue) THEN
		EXECUTE pg_catalog.format('DROP FUNCTION %s', t.enqueue);
	END IF;
	DELETE FROM news.tracked_objects x WHERE x.source OPERATOR(pg_catalog.=) t.source;
	DELETE FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) t.source;
END
$fn$;
COMMENT ON FUNCTION news.untrack(pg_catalog.regclass) IS
	'stops analysing a table: drops its triggers, result tables, views, queue and pg_cron job (a table''s OID works too once it was dropped)';

-- news.refresh: analyses new, changed, deleted and stale articles of every
-- table the current role tracks (or of source), batch after batch, each
-- batch committed; stops when the queues are empty or after time_limit,
-- and then describes the stories its batches changed, once each
-- (news.stories_describe_pending).
-- Concurrent calls share the work (see news.refresh_batch).  A procedure:
-- CALL it outside a transaction block (pg_cron does); inside one, use
-- news.refresh_batch.
CREATE PROCEDURE news.refresh(source pg_catalog.regclass DEFAULT NULL, batch pg_catalog.int4 DEFAULT 1000,
	time_limit pg_catalog.interval DEFAULT NULL)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	sources pg_catalog.regclass[];
	s pg_catalog.regclass;
	started pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	t0 pg_catalog.timestamptz;
	r record;
	n pg_catalog.int8;
	f pg_catalog.int8;
	secs pg_catalog.float8;
	out_of_time pg_catalog.bool := false;
BEGIN
	IF batch IS NULL OR batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF source IS NULL THEN
		sources := ARRAY(SELECT t.source FROM news.tracked t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.source
			WHERE news.pipeline_acts_for(t.tracker) ORDER BY t.source::pg_catalog.oid);
	ELSE
		sources := ARRAY[source];
	END IF;
	FOREACH s IN ARRAY sources LOOP
		SELECT t.tracker INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) s;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'table % is not tracked', s
				USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
		END IF;
		IF NOT news.pipeline_acts_for(r.tracker) THEN
			RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', s, r.tracker
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
		END IF;
		PERFORM news.pipeline_prepare(s);
		-- a table distributed by Citus has no triggers: find its changes
		PERFORM news.pipeline_poll(x) FROM news.tracked x
		WHERE x.source OPERATOR(pg_catalog.=) s AND news.pipeline_distributed(s);
		COMMIT;
		t0 := pg_catalog.clock_timestamp();
		n := 0;
		f := 0;
		LOOP
			-- the batch queries are planned anew for every batch: compiling
			-- them (JIT) costs more than it saves, about a fifth of the time
			PERFORM pg_catalog.set_config('jit', 'off', true);
			SELECT * INTO r FROM news.refresh_batch(s, batch);
			n := n OPERATOR(pg_catalog.+) r.analysed;
			f := f OPERATOR(pg_catalog.+) r.failed;
			COMMIT;
			out_of_time := time_limit IS NOT NULL
				AND (pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) started) OPERATOR(pg_catalog.>=) time_limit;
			EXIT WHEN r.analysed OPERATOR(pg_catalog.<) batch OR out_of_time;
		END LOOP;
		-- done by the last batch unless it was full
		PERFORM pg_catalog.set_config('jit', 'off', true);
		PERFORM news.stories_describe_pending(s);
		-- the trending rollup of the days the batches changed
		CALL news.trend_fold(s);
		secs := pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) t0);
		UPDATE news.tracked t
		SET last_run = t0, last_run_articles = n, last_run_errors = f, last_run_seconds = secs,
			total_articles = t.total_articles OPERATOR(pg_catalog.+) n,
			total_errors = t.total_errors OPERATOR(pg_catalog.+) f
		WHERE t.source OPERATOR(pg_catalog.=) s;
		COMMIT;
		RAISE NOTICE 'news.refresh %: % articles analysed, % failed, % s, % articles/s', s, n, f,
			pg_catalog.round(secs::pg_catalog.numeric, 3),
			CASE WHEN secs OPERATOR(pg_catalog.>) 0 THEN pg_catalog.round((n OPERATOR(pg_catalog./) secs)::pg_catalog.numeric, 1) END;
		EXIT WHEN out_of_time;
	END LOOP;
END
$fn$;
COMMENT ON PROCEDURE news.refresh(pg_catalog.regclass, pg_catalog.int4, pg_catalog.interval) IS
	'analyses the new, changed, deleted and stale articles of the tables the current role tracks (or of source), committing after each batch; safe to run from several sessions at once; stops when nothing is left or after time_limit';

-- news.tracking_status_rows: one row per tracked table whose analysed
-- table the current role may read.
CREATE FUNCTION news.tracking_status_rows(
	OUT source pg_catalog.regclass, OUT tracker pg_catalog.regrole, OUT immediate pg_catalog.bool,
	OUT analysed pg_catalog.int8, OUT backlog pg_catalog.int8, OUT stale pg_catalog.int8, OUT errors pg_catalog.int8,
	OUT last_run pg_catalog.timestamptz, OUT last_run_articles pg_catalog.int8, OUT last_run_errors pg_catalog.int8,
	OUT last_run_seconds pg_catalog.float8, OUT last_run_rate pg_catalog.float8,
	OUT total_articles pg_catalog.int8, OUT total_errors pg_catalog.int8)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
BEGIN
	version := news.pipeline_stamp();
	FOR t IN SELECT * FROM news.tracked r ORDER BY r.source::pg_catalog.oid LOOP
		CONTINUE WHEN NOT COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false);
		source := t.source;
		tracker := t.tracker;
		immediate := t.immediate;
		EXECUTE pg_catalog.format('SELECT pg_catalog.count(*), '
			'pg_catalog.count(*) FILTER (WHERE a.version OPERATOR(pg_catalog.<>) $1), '
			'pg_catalog.count(*) FILTER (WHERE a.error IS NOT NULL) FROM %s a', t.analysed)
			INTO analysed, stale, errors USING version;
		backlog := NULL;
		IF COALESCE(pg_catalog.has_table_privilege(t.queue::pg_catalog.oid, 'SELECT'), false) THEN
			EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', t.queue) INTO backlog;
		END IF;
		last_run := t.last_run;
		last_run_articles := t.last_run_articles;
		last_run_errors := t.last_run_errors;
		last_run_seconds := t.last_run_seconds;
		last_run_rate := CASE WHEN t.last_run_seconds OPERATOR(pg_catalog.>) 0
			THEN t.last_run_articles OPERATOR(pg_catalog./) t.last_run_seconds END;
		total_articles := t.total_articles;
		total_errors := t.total_errors;
		RETURN NEXT;
	END LOOP;
END
$fn$;
COMMENT ON FUNCTION news.tracking_status_rows() IS
	'the rows of news.tracking_status';

CREATE VIEW news.tracking_status AS SELECT * FROM news.tracking_status_rows();
COMMENT ON VIEW news.tracking_status IS
	'tracked tables whose results you may read: analysed articles, backlog (queued, for the tracking role), stale (analysed under another configuration, before a change of news.gazetteer, news.entity_patterns or news.stop_entities, or by a library whose analyses differ: news.pipeline_stamp), errors, last run (start, articles, errors, seconds, articles per second) and totals';
GRANT SELECT ON news.tracking_status TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Scheduling with pg_cron (optional: the cron schema may not exist, so
-- every call is dynamic SQL)
-- ---------------------------------------------------------------------------

-- news.pipeline_cron_schema: the schema of pg_cron in this database, or an
-- error saying how to get it.
CREATE FUNCTION news.pipeline_cron_schema() RETURNS pg_catalog.name
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pg_cron') THEN
		RAISE EXCEPTION 'pg_cron is not installed in this database'
			USING ERRCODE = 'feature_not_supported',
				HINT = 'Install postgresql-15-cron, set shared_preload_libraries = ''pg_cron'' and cron.database_name to this database, restart, CREATE EXTENSION pg_cron; or run CALL news.refresh() from any scheduler.';
	END IF;
	-- pg_cron always keeps its objects in the schema cron
	RETURN 'cron';
END
$fn$;
COMMENT ON FUNCTION news.pipeline_cron_schema() IS
	'the schema of the pg_cron extension, or an error with a hint when it is not installed';

-- news.pipeline_job_name: the pg_cron job name of news.schedule(source).
CREATE FUNCTION news.pipeline_job_name(source pg_catalog.regclass) RETURNS pg_catalog.text
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT 'news.refresh ' OPERATOR(pg_catalog.||) COALESCE($1::pg_catalog.oid::pg_catalog.text, 'all')
$$;
COMMENT ON FUNCTION news.pipeline_job_name(pg_catalog.regclass) IS
	'name of the pg_cron job news.schedule creates for a table (by OID) or for all tables (NULL)';

-- news.schedule: a pg_cron job, run as the current role, calling
-- news.refresh for source (NULL: every table the role tracks).
CREATE FUNCTION news.schedule(source pg_catalog.regclass DEFAULT NULL, every pg_catalog.text DEFAULT '* * * * *')
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	cron pg_catalog.name := news.pipeline_cron_schema();
	command pg_catalog.text;
	job pg_catalog.int8;
BEGIN
	IF every IS NULL THEN
		RAISE EXCEPTION 'every must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF source IS NULL THEN
		command := 'CALL news.refresh()';
	ELSE
		IF NOT EXISTS (SELECT FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) schedule.source
				AND news.pipeline_acts_for(t.tracker)) THEN
			RAISE EXCEPTION 'table % is not tracked by role %', source, CURRENT_USER
				USING ERRCODE = 'undefined_object', HINT = 'Track it with news.track first.';
		END IF;
		command := pg_catalog.format('CALL news.refresh(%L::pg_catalog.regclass)',
			(SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c
			 JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
			 WHERE c.oid OPERATOR(pg_catalog.=) source));
	END IF;
	EXECUTE pg_catalog.format('SELECT %I.schedule($1, $2, $3)', cron)
		INTO job USING news.pipeline_job_name(source), every, command;
	RETURN job;
END
$fn$;
COMMENT ON FUNCTION news.schedule(pg_catalog.regclass, pg_catalog.text) IS
	'schedules CALL news.refresh(source) with pg_cron (every: a cron schedule, default every minute), as the current role; scheduling again replaces the job; returns the job id; an error with a hint when pg_cron is not installed';

-- news.unschedule: removes the job news.schedule made.
CREATE FUNCTION news.unschedule(source pg_catalog.regclass DEFAULT NULL) RETURNS pg_catalog.bool
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	cron pg_catalog.name := news.pipeline_cron_schema();
	found_job pg_catalog.bool;
BEGIN
	EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.job j WHERE j.jobname OPERATOR(pg_catalog.=) $1 '
		'AND j.username OPERATOR(pg_catalog.=) CURRENT_USER)', cron)
		INTO found_job USING news.pipeline_job_name(source);
	IF found_job THEN
		EXECUTE pg_catalog.format('SELECT %I.unschedule($1)', cron) USING news.pipeline_job_name(source);
	END IF;
	RETURN found_job;
END
$fn$;
COMMENT ON FUNCTION news.unschedule(pg_catalog.regclass) IS
	'removes the pg_cron job news.schedule(source) made for the current role; false when there was none';
