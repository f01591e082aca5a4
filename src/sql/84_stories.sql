
-- ---------------------------------------------------------------------------
-- Stories: articles of tracked tables grouped into stories (issue 14)
-- ---------------------------------------------------------------------------
-- Story membership is an analysis of tracked tables like the others (one
-- row of news.pipeline_analyses, 'story_members'), run by news.refresh
-- after the entities and the term vectors of a batch are stored.  Each
-- batch is taken in publication order, and each article joins the story
-- whose centroid it resembles most (tf-idf of its terms plus the overlap of
-- its entities, src/core/stories.h), when the story's time span comes
-- within the time window of the article and the score reaches the
-- threshold; otherwise it opens a new story.  Articles are compared with
-- centroids only, never with single members, so a story never grows by a
-- chain of pairwise links.
--
-- What a tracked table <t> gets (in its result schema, owned by the
-- tracking role, readable by the table's readers like every result):
--
--   <t>_story_members   the analysis' result table: the story of every
--                       article, its score, its title (or first sentence),
--                       source and entity vector
--   <t>_stories         one row per story: headline (the title of the
--                       member closest to the centroid), first and last
--                       seen, article count, sources, top entities, top
--                       keyphrases (terms in surface form), and the
--                       centroid (sums of the members' story vectors)
--   <t>_story_state     one row: the settings and the corpus statistics
--                       of terms and entities the scores use, grown with
--                       every batch, the next story id, and the articles
--                       and stories waiting to be described
--   <t>_story_timeline  the dashboard view (news.pipeline_views)
--
-- Security: as for every analysis (see 80_pipeline.sql).  The functions
-- are SECURITY INVOKER; those that write run only as the tracking role
-- (news.pipeline_acts_for), and reach the relations through
-- news.tracked_objects by OID, printed schema-qualified with format('%I').
--
-- Concurrency: every function that changes stories first locks the row of
-- <t>_story_state, so concurrent refreshes assign their batches one after
-- the other (the other analyses of their batches still run side by side).

-- news.story_item: an article or a story as the assignment sees it.
CREATE TYPE news.story_item AS (
	id pg_catalog.int8,
	first_seen pg_catalog.timestamptz,
	last_seen pg_catalog.timestamptz,
	articles pg_catalog.int8,
	terms news.termvec,
	entities news.termvec
);
COMMENT ON TYPE news.story_item IS
	'an article or a story for news.story_assign and news.story_similarity: id, time span, number of articles, sum of the articles'' story vectors (news.story_vector) and number of articles naming each entity (news.story_entities)';

CREATE FUNCTION news.story_vector(terms news.termvec) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_story_vector' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_vector(news.termvec) IS
	'an article''s contribution to a story centroid: its term counts with sublinear frequency (1 + ln tf), scaled to unit length';

CREATE FUNCTION news.story_entities(entities pg_catalog.text[]) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_story_entities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_entities(pg_catalog.text[]) IS
	'the entity vector of an article: weight 1 for each distinct name (keyed by news.term_id of the name; NULLs skipped)';

CREATE FUNCTION news.termvec_add(a news.termvec, b news.termvec) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_add(news.termvec, news.termvec) IS
	'the entry-wise sum of two term vectors (entries that cancel out are dropped)';

CREATE AGGREGATE news.termvec_sum(news.termvec) (
	SFUNC = news.termvec_add,
	STYPE = news.termvec,
	COMBINEFUNC = news.termvec_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.termvec_sum(news.termvec) IS
	'the entry-wise sum of term vectors (NULLs skipped; NULL for no rows): a story centroid is the sum of its members'' story vectors';

CREATE FUNCTION news.story_similarity(story news.story_item, item news.story_item, stats news.corpus,
	entity_stats news.corpus, entity_weight pg_catalog.float8, exclude pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_story_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_similarity(news.story_item, news.story_item, news.corpus, news.corpus, pg_catalog.float8, pg_catalog.bool) IS
	'score of an item (an article or a story) against a story, 0..1: (1 - entity_weight) x cosine of the idf-weighted term vectors + entity_weight x cosine of the idf-weighted entity vectors (the terms alone for an item without entities); with exclude, the item is taken out of the story first';

CREATE FUNCTION news.story_scores(story news.story_item, items news.story_item[], stats news.corpus,
	entity_stats news.corpus, entity_weight pg_catalog.float8)
	RETURNS pg_catalog.float8[]
	AS 'MODULE_PATHNAME', 'news_story_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_scores(news.story_item, news.story_item[], news.corpus, news.corpus, pg_catalog.float8) IS
	'news.story_similarity of each item against one story (without exclusion), in the order of items: the same values, with the story''s lengths computed once';

CREATE FUNCTION news.story_assign(stories news.story_item[], items news.story_item[], stats news.corpus,
	entity_stats news.corpus, threshold pg_catalog.float8, time_window pg_catalog.interval,
	entity_weight pg_catalog.float8, next_id pg_catalog.int8,
	OUT story news.story_item, OUT created pg_catalog.bool, OUT items pg_catalog.int8[], OUT scores pg_catalog.float4[])
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_story_assign' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_assign(news.story_item[], news.story_item[], news.corpus, news.corpus, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.int8) IS
	'puts items (in order of first_seen) one by one into the stories: each joins the story of highest news.story_similarity whose time span comes within time_window of its own, if that reaches threshold, or starts a new story (ids from next_id on); one row per story created or changed, with the items it received and their scores';

-- news.story_title: what a story shows for an article: its title, or the
-- first sentence of its body (at most 200 characters).
CREATE FUNCTION news.story_title(title pg_catalog.text, body pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT COALESCE(NULLIF(pg_catalog.btrim($1), ''),
		(SELECT pg_catalog.left(pg_catalog.btrim(s.text), 200) FROM news.sentences($2) s
		 WHERE pg_catalog.btrim(s.text) OPERATOR(pg_catalog.<>) '' ORDER BY s.sentence LIMIT 1))
$$;
COMMENT ON FUNCTION news.story_title(pg_catalog.text, pg_catalog.text) IS
	'an article''s title, or the first sentence of its body (at most 200 characters) when it has none';

-- ---------------------------------------------------------------------------
-- The stories of a tracked table
-- ---------------------------------------------------------------------------

-- news.stories_relations: the relations of the stories of a tracked table,
-- schema-qualified and quoted, after checking that the current role may
-- change them (writing) or that they exist (reading).
CREATE FUNCTION news.stories_relations(source pg_catalog.regclass, writing pg_catalog.bool,
	OUT tracked news.tracked, OUT vectors pg_catalog.text, OUT mentions pg_catalog.text, OUT terms pg_catalog.text,
	OUT members pg_catalog.text, OUT stories pg_catalog.text, OUT state pg_catalog.text)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	o record;
BEGIN
	SELECT * INTO tracked FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) stories_relations.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF writing AND NOT news.pipeline_acts_for(tracked.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and its stories change only as that role', source, tracked.tracker
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	FOR o IN
		SELECT x.name, pg_catalog.format('%I.%I', n.nspname, c.relname) AS qualified
		FROM news.tracked_objects x
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.relation
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE x.source OPERATOR(pg_catalog.=) tracked.source
	LOOP
		CASE o.name
			WHEN 'vectors' THEN vectors := o.qualified;
			WHEN 'mentions' THEN mentions := o.qualified;
			WHEN 'terms' THEN terms := o.qualified;
			WHEN 'story_members' THEN members := o.qualified;
			WHEN 'stories' THEN stories := o.qualified;
			WHEN 'story_state' THEN state := o.qualified;
			ELSE NULL;
		END CASE;
	END LOOP;
	IF vectors IS NULL OR mentions IS NULL OR terms IS NULL OR members IS NULL OR stories IS NULL OR state IS NULL THEN
		RAISE EXCEPTION 'table % has no stories yet', source
			USING ERRCODE = 'undefined_object',
				HINT = pg_catalog.format('Run news.refresh as role %s: it creates the story tables.', tracked.tracker);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_relations(pg_catalog.regclass, pg_catalog.bool) IS
	'the registry row and the qualified names of the relations the stories of a tracked table use; with writing, checks that the current role may change them';

-- news.stories_setup: run by news.refresh (news.pipeline_prepare) when the
-- table <t>_story_members is created: creates <t>_stories and
-- <t>_story_state next to it and registers them.
CREATE FUNCTION news.stories_setup(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
	rel pg_catalog.regclass;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) stories_setup.source;
	IF NOT FOUND OR NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'only the role tracking table % sets up its stories', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT n.nspname INTO nsp FROM news.tracked_objects o
	JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) o.relation
	JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) 'story_members';
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_story_state');

	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (story_id pg_catalog.int8 PRIMARY KEY, headline pg_catalog.text, '
		'headline_article pg_catalog.int8, headline_score pg_catalog.float4, '
		'first_seen pg_catalog.timestamptz NOT NULL, last_seen pg_catalog.timestamptz NOT NULL, '
		'articles pg_catalog.int8 NOT NULL, sources pg_catalog.text[], entities pg_catalog.text[], '
		'keyphrases pg_catalog.text[], terms news.termvec, entity_vector news.termvec, '
		'updated_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now())',
		nsp, prefix OPERATOR(pg_catalog.||) '_stories');
	rel := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_stories')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (last_seen)', rel);
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (first_seen)', rel);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel, pg_catalog.format(
		'news_analytics stories of %s (news.track): headline, first and last seen, articles, sources, top entities, keyphrases, centroid', t.source));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'stories', rel);

	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I ('
		'only_row pg_catalog.bool PRIMARY KEY DEFAULT true CHECK (only_row), '
		'threshold pg_catalog.float8 NOT NULL DEFAULT 0.3 CHECK (threshold OPERATOR(pg_catalog.>=) 0 AND threshold OPERATOR(pg_catalog.<=) 1), '
		'time_window pg_catalog.interval NOT NULL DEFAULT ''3 days'' CHECK (time_window OPERATOR(pg_catalog.>=) ''0''::pg_catalog.interval), '
		'entity_weight pg_catalog.float8 NOT NULL DEFAULT 0.1 CHECK (entity_weight OPERATOR(pg_catalog.>=) 0 AND entity_weight OPERATOR(pg_catalog.<=) 1), '
		'merge_threshold pg_catalog.float8 NOT NULL DEFAULT 0.4 CHECK (merge_threshold OPERATOR(pg_catalog.>=) 0 AND merge_threshold OPERATOR(pg_catalog.<=) 1), '
		'merge_window pg_catalog.interval NOT NULL DEFAULT ''7 days'' CHECK (merge_window OPERATOR(pg_catalog.>=) ''0''::pg_catalog.interval), '
		'stats news.corpus NOT NULL DEFAULT ''docs=0 length=0 {}'', '
		'entity_stats news.corpus NOT NULL DEFAULT ''docs=0 length=0 {}'', '
		'next_story pg_catalog.int8 NOT NULL DEFAULT 1, maintained_at pg_catalog.timestamptz, '
		'maintained_docs pg_catalog.int8 NOT NULL DEFAULT 0, '
		'pending_articles pg_catalog.int8[] NOT NULL DEFAULT ''{}'', '
		'pending_stories pg_catalog.int8[] NOT NULL DEFAULT ''{}'')',
		nsp, prefix OPERATOR(pg_catalog.||) '_story_state');
	rel := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_story_state')::pg_catalog.regclass;
	-- the statistics change with every batch and are read several times a
	-- batch: stored out of line without compression (pglz took 23 ms of the
	-- 35 of each batch's update at 22,000 articles)
	EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN stats SET STORAGE EXTERNAL, '
		'ALTER COLUMN entity_stats SET STORAGE EXTERNAL', rel);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel, pg_catalog.format(
		'news_analytics story settings and statistics of %s, and the stories waiting to be described (news.track; see news.stories_configure)', t.source));
	EXECUTE pg_catalog.format('INSERT INTO %s DEFAULT VALUES', rel);
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'story_state', rel);
END
$fn$;
COMMENT ON FUNCTION news.stories_setup(pg_catalog.regclass) IS
	'creates the stories table and the story state of a tracked table next to its story_members table (run by news.refresh)';

-- news.stories_lock_row: locks the state row of a table's stories until
-- the end of the transaction (created with the default settings if a
-- TRUNCATE of the tracked table took it away), and returns nothing: the
-- callers that only lock use it, since returning the corpus statistics as
-- a record (news.stories_lock) copies them whole, a megabyte at 22,000
-- articles, decompressed.
CREATE FUNCTION news.stories_lock_row(state pg_catalog.text) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format('INSERT INTO %s DEFAULT VALUES ON CONFLICT DO NOTHING', state);
	EXECUTE pg_catalog.format('SELECT FROM %s s FOR UPDATE', state);
END
$fn$;
COMMENT ON FUNCTION news.stories_lock_row(pg_catalog.text) IS
	'locks the story state of a tracked table (used by the story functions)';

-- news.stories_lock: the state row of a table's stories, locked until the
-- end of the transaction (news.stories_lock_row), and its settings and
-- statistics.
CREATE FUNCTION news.stories_lock(state pg_catalog.text,
	OUT threshold pg_catalog.float8, OUT time_window pg_catalog.interval, OUT entity_weight pg_catalog.float8,
	OUT merge_threshold pg_catalog.float8, OUT merge_window pg_catalog.interval,
	OUT stats news.corpus, OUT entity_stats news.corpus, OUT next_story pg_catalog.int8)
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	PERFORM news.stories_lock_row(state);
	EXECUTE pg_catalog.format('SELECT s.threshold, s.time_window, s.entity_weight, s.merge_threshold, s.merge_window, '
		's.stats, s.entity_stats, s.next_story FROM %s s FOR UPDATE', state)
		INTO threshold, time_window, entity_weight, merge_threshold, merge_window, stats, entity_stats, next_story;
END
$fn$;
COMMENT ON FUNCTION news.stories_lock(pg_catalog.text) IS
	'locks and returns the story state of a tracked table (used by the story functions)';

-- news.stories_items: the query giving, for the article ids in $1, the
-- array of their news.story_item in publication order (an article without
-- a finite publication time counts as published now), the first and last
-- publication time, and the corpus statistics of their terms and entities.
-- The vectors and mentions are read by article id (LATERAL ... OFFSET 0:
-- index probes): in a first refresh the result tables grow batch after
-- batch before autovacuum analyses them, and the planner then read the
-- whole of both for every batch (83 ms against a few at 16,000 articles).
CREATE FUNCTION news.stories_items(vectors pg_catalog.text, mentions pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(x.article_id, x.p, x.p, 1, news.story_vector(x.terms), x.ev)::news.story_item '
		'ORDER BY x.p, x.article_id), pg_catalog.min(x.p), pg_catalog.max(x.p), '
		'news.corpus_stats(x.terms), news.corpus_stats(x.ev) '
		'FROM (SELECT v.article_id, v.terms, CASE WHEN pg_catalog.isfinite(v.published) THEN v.published ELSE pg_catalog.now() END AS p, e.ev '
		'FROM (SELECT DISTINCT i FROM pg_catalog.unnest($1) i) i(id) '
		'CROSS JOIN LATERAL (SELECT v.article_id, v.terms, v.published FROM %1$s v '
		'WHERE v.article_id OPERATOR(pg_catalog.=) i.id OFFSET 0) v '
		'LEFT JOIN LATERAL (SELECT news.story_entities(pg_catalog.array_agg(m.entity)) AS ev FROM %2$s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) i.id '
		'AND m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id OFFSET 0) e ON true) x',
		$1, $2)
$$;
COMMENT ON FUNCTION news.stories_items(pg_catalog.text, pg_catalog.text) IS
	'the query reading articles as story items from a tracked table''s vectors and mentions (used by the story functions)';

-- news.stories_place: assigns the articles ids (with their titles and
-- sources) of a tracked table to its stories under the statistics of its
-- state row (read by the assignment's statement itself, not copied into a
-- record), stores their memberships and the stories' new centroids, and
-- returns the ids of the stories that changed.  The caller holds the
-- state lock; with grow_stats, the batch's statistics are added to the
-- stored ones first (news.refresh), otherwise they are used as they are
-- (news.stories_rebuild, news.stories_maintain).
CREATE FUNCTION news.stories_place(r record, ids pg_catalog.int8[], titles pg_catalog.text[],
	sources pg_catalog.text[], grow_stats pg_catalog.bool)
	RETURNS pg_catalog.int8[]
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	time_window pg_catalog.interval;
	items news.story_item[];
	candidates news.story_item[];
	lo pg_catalog.timestamptz;
	hi pg_catalog.timestamptz;
	batch_stats news.corpus;
	batch_entity_stats news.corpus;
	touched pg_catalog.int8[];
	created pg_catalog.int8;
BEGIN
	EXECUTE news.stories_items(r.vectors, r.mentions)
		INTO items, lo, hi, batch_stats, batch_entity_stats USING ids;
	IF items IS NULL THEN
		RETURN '{}';
	END IF;
	IF grow_stats THEN
		EXECUTE pg_catalog.format('UPDATE %s SET '
			'stats = COALESCE(news.corpus_merge(stats, $1), stats), '
			'entity_stats = COALESCE(news.corpus_merge(entity_stats, $2), entity_stats)', r.state)
			USING batch_stats, batch_entity_stats;
	END IF;
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('SELECT s.time_window FROM %s s', r.state) INTO time_window;

	-- the stories an article of the batch could join
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(s.story_id, s.first_seen, s.last_seen, s.articles, s.terms, s.entity_vector)::news.story_item) '
		'FROM %s s WHERE s.last_seen OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $3) '
		'AND s.first_seen OPERATOR(pg_catalog.<=) ($2 OPERATOR(pg_catalog.+) $3)', r.stories)
		INTO candidates USING lo, hi, time_window;

	EXECUTE pg_catalog.format(
		'WITH a AS MATERIALIZED (SELECT x.* FROM %3$s st CROSS JOIN LATERAL news.story_assign(COALESCE($1, ''{}''), $2, '
		'st.stats, st.entity_stats, st.threshold, st.time_window, st.entity_weight, st.next_story) x), '
		's AS (INSERT INTO %1$s AS s (story_id, first_seen, last_seen, articles, terms, entity_vector, updated_at) '
		'SELECT (a.story).id, (a.story).first_seen, (a.story).last_seen, (a.story).articles, (a.story).terms, '
		'(a.story).entities, pg_catalog.now() FROM a '
		'ON CONFLICT (story_id) DO UPDATE SET first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, '
		'articles = EXCLUDED.articles, terms = EXCLUDED.terms, entity_vector = EXCLUDED.entity_vector, '
		'updated_at = EXCLUDED.updated_at), '
		'm AS (INSERT INTO %2$s (article_id, published, story_id, similarity, title, source, entities) '
		'SELECT x.item, i.first_seen, (a.story).id, '
		'CASE WHEN a.created AND x.n OPERATOR(pg_catalog.=) 1 THEN NULL ELSE x.score END, b.title, b.source, i.entities '
		'FROM a CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(a.items), pg_catalog.unnest(a.scores)) WITH ORDINALITY x(item, score, n) '
		'JOIN pg_catalog.unnest($2) i ON i.id OPERATOR(pg_catalog.=) x.item '
		'LEFT JOIN ROWS FROM (pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5)) b(id, title, source) '
		'ON b.id OPERATOR(pg_catalog.=) x.item) '
		'SELECT pg_catalog.array_agg((a.story).id), pg_catalog.count(*) FILTER (WHERE a.created) FROM a',
		r.stories, r.members, r.state)
		INTO touched, created
		USING candidates, items, ids, titles, sources;
	EXECUTE pg_catalog.format('UPDATE %s SET next_story = next_story OPERATOR(pg_catalog.+) $1', r.state)
		USING created;
	RETURN COALESCE(touched, '{}');
END
$fn$;
COMMENT ON FUNCTION news.stories_place(record, pg_catalog.int8[], pg_catalog.text[], pg_catalog.text[], pg_catalog.bool) IS
	'assigns articles of a tracked table to its stories and stores the memberships and centroids; returns the stories that changed (used by the story functions)';

-- news.stories_recompute: the centroids, spans and counts of the given
-- stories again from their members (stories left without members go).
CREATE FUNCTION news.stories_recompute(r record, story_ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'WITH agg AS (SELECT m.story_id, pg_catalog.min(m.published) AS first_seen, pg_catalog.max(m.published) AS last_seen, '
		'pg_catalog.count(*) AS articles, news.termvec_sum(news.story_vector(v.terms)) AS terms, '
		'news.termvec_sum(m.entities) AS entities '
		'FROM %1$s m LEFT JOIN %3$s v ON v.article_id OPERATOR(pg_catalog.=) m.article_id '
		'WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1) GROUP BY m.story_id), '
		'u AS (UPDATE %2$s s SET first_seen = agg.first_seen, last_seen = agg.last_seen, articles = agg.articles, '
		'terms = agg.terms, entity_vector = agg.entities, updated_at = pg_catalog.now() '
		'FROM agg WHERE s.story_id OPERATOR(pg_catalog.=) agg.story_id) '
		'DELETE FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND NOT EXISTS (SELECT FROM agg WHERE agg.story_id OPERATOR(pg_catalog.=) s.story_id)',
		r.members, r.stories, r.vectors)
		USING story_ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_recompute(record, pg_catalog.int8[]) IS
	'recomputes the centroids, spans and counts of stories from their members; stories without members are deleted (used by the story functions)';

-- news.stories_describe: the headline, sources, top entities and top
-- keyphrases of the given stories.  The headline is the title of the
-- member with the highest news.story_similarity to the centroid, among
-- all members, or (candidates given) among the candidates and the current
-- headline article (scored a story at a time by news.story_scores, which
-- computes the centroid's lengths once; the top terms of each centroid
-- are computed with the story, not again for each member that spells
-- them).  Entities: the five canonical names (PERSON, ORG, LOC,
-- NORP, MISC) named by the most members; keyphrases: the five heaviest
-- tf-idf terms of the centroid in their most frequent spelling among the
-- 50 latest members; sources: the ten most frequent.  The members' vectors,
-- mentions and terms are read by article id (LATERAL ... OFFSET 0: index
-- probes, whatever the planner guesses of result tables that have not been
-- analysed yet, as in the first refresh of a table; joins left to the
-- planner there sorted every term of every article, 1.5 s a call).  A
-- member's entities are counted once each (no count(DISTINCT)); of a
-- member's terms only the surfaces of its story's top terms are read, by
-- position, not all of them unnested.  Without JIT (SET jit = off): the
-- planner's estimates of the lateral functions put the statement far above
-- jit_above_cost, and compiling it took 4 to 5 s a chunk of 2,000 stories
-- against about 0.4 s to run it (news.refresh turns JIT off for its
-- batches; news.stories_rebuild and news.stories_maintain did not).
CREATE FUNCTION news.stories_describe(r record, story_ids pg_catalog.int8[], candidates pg_catalog.int8[])
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET jit = off
AS $fn$
DECLARE
	st record;
BEGIN
	IF story_ids IS NULL OR pg_catalog.cardinality(story_ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;
	st := news.stories_lock(r.state);
	EXECUTE pg_catalog.format(
		'WITH s AS MATERIALIZED (SELECT s.story_id, s.headline_article, '
		'news.top_terms(news.tfidf(s.terms, $3), 5) AS top_terms '
		'FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		'm AS MATERIALIZED (SELECT m.story_id, m.article_id, m.published, m.title, m.source, m.entities FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		-- the headline: the candidate closest to the centroid
		'c AS (SELECT m.* FROM m JOIN s ON s.story_id OPERATOR(pg_catalog.=) m.story_id '
		'WHERE $2 IS NULL OR m.article_id OPERATOR(pg_catalog.=) ANY ($2) OR m.article_id OPERATOR(pg_catalog.=) s.headline_article), '
		'cg AS (SELECT c.story_id, pg_catalog.array_agg(c.article_id ORDER BY c.article_id) AS ids, '
		'pg_catalog.array_agg(c.title ORDER BY c.article_id) AS titles, '
		'pg_catalog.array_agg(ROW(c.article_id, c.published, c.published, 1, news.story_vector(v.terms), c.entities)::news.story_item '
		'ORDER BY c.article_id) AS items '
		'FROM c LEFT JOIN LATERAL (SELECT v.terms FROM %3$s v WHERE v.article_id OPERATOR(pg_catalog.=) c.article_id OFFSET 0) v ON true '
		'GROUP BY c.story_id), '
		'sc AS (SELECT cg.story_id, x.article_id, x.title, x.score FROM cg JOIN %2$s t ON t.story_id OPERATOR(pg_catalog.=) cg.story_id '
		'CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(cg.ids), pg_catalog.unnest(cg.titles), '
		'pg_catalog.unnest(news.story_scores(ROW(t.story_id, t.first_seen, t.last_seen, t.articles, t.terms, t.entity_vector)::news.story_item, '
		'cg.items, $3, $4, $5))) x(article_id, title, score)), '
		'head AS (SELECT DISTINCT ON (sc.story_id) sc.story_id, sc.article_id, sc.title, sc.score FROM sc '
		'ORDER BY sc.story_id, sc.score DESC, sc.article_id), '
		-- the ten most frequent sources
		'src AS (SELECT x.story_id, (pg_catalog.array_agg(x.source ORDER BY x.n DESC, x.source))[1:10] AS sources '
		'FROM (SELECT m.story_id, m.source, pg_catalog.count(*) AS n FROM m WHERE m.source IS NOT NULL GROUP BY 1, 2) x '
		'GROUP BY x.story_id), '
		-- the five entities named by most members
		'ent AS (SELECT y.story_id, (pg_catalog.array_agg(y.entity ORDER BY y.n DESC, y.entity))[1:5] AS entities '
		'FROM (SELECT m.story_id, x.entity, pg_catalog.count(*) AS n FROM m '
		'CROSS JOIN LATERAL (SELECT DISTINCT x.entity FROM %4$s x WHERE x.article_id OPERATOR(pg_catalog.=) m.article_id '
		'AND x.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) OFFSET 0) x '
		'GROUP BY 1, 2) y '
		'GROUP BY y.story_id), '
		-- the five heaviest tf-idf terms of the centroid, spelled as the 50 latest members spell them most
		'top AS (SELECT s.story_id, e.term_id, e.weight FROM s CROSS JOIN LATERAL news.termvec_entries(s.top_terms) e), '
		'tids AS (SELECT top.story_id, pg_catalog.array_agg(top.term_id) AS ids FROM top GROUP BY top.story_id), '
		-- the members' terms filtered to their story's top terms before the
		-- join (5 rows a member, not 40: the join sorted 40 a member)
		'recent AS (SELECT x.story_id, x.article_id, tids.ids FROM (SELECT m.story_id, m.article_id, pg_catalog.row_number() OVER '
		'(PARTITION BY m.story_id ORDER BY m.published DESC, m.article_id DESC) AS rank FROM m) x '
		'JOIN tids ON tids.story_id OPERATOR(pg_catalog.=) x.story_id '
		'WHERE x.rank OPERATOR(pg_catalog.<=) 50), '
		'spelt AS (SELECT DISTINCT ON (top.story_id, top.term_id) top.story_id, top.term_id, top.weight, t.surface '
		'FROM recent CROSS JOIN LATERAL (SELECT u.term_id, w.surfaces[u.n] AS surface FROM %5$s w '
		'CROSS JOIN LATERAL pg_catalog.unnest(w.term_ids) WITH ORDINALITY u(term_id, n) '
		'WHERE w.article_id OPERATOR(pg_catalog.=) recent.article_id '
		'AND u.term_id OPERATOR(pg_catalog.=) ANY (recent.ids) OFFSET 0) t '
		'JOIN top ON top.story_id OPERATOR(pg_catalog.=) recent.story_id AND top.term_id OPERATOR(pg_catalog.=) t.term_id '
		'GROUP BY top.story_id, top.term_id, top.weight, t.surface '
		'ORDER BY top.story_id, top.term_id, pg_catalog.count(*) DESC, t.surface), '
		'kp AS (SELECT spelt.story_id, pg_catalog.array_agg(spelt.surface ORDER BY spelt.weight DESC, spelt.term_id) AS keyphrases '
		'FROM spelt GROUP BY spelt.story_id) '
		'UPDATE %2$s u SET headline = COALESCE(head.title, u.headline), '
		'headline_article = COALESCE(head.article_id, u.headline_article), headline_score = COALESCE(head.score, u.headline_score), '
		'sources = COALESCE(src.sources, ''{}''), entities = COALESCE(ent.entities, ''{}''), '
		'keyphrases = COALESCE(kp.keyphrases, ''{}''), updated_at = pg_catalog.now() '
		'FROM s LEFT JOIN head ON head.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN src ON src.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN ent ON ent.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN kp ON kp.story_id OPERATOR(pg_catalog.=) s.story_id '
		'WHERE u.story_id OPERATOR(pg_catalog.=) s.story_id',
		r.members, r.stories, r.vectors, r.mentions, r.terms)
		USING story_ids, candidates, st.stats, st.entity_stats, st.entity_weight;
END
$fn$;
COMMENT ON FUNCTION news.stories_describe(record, pg_catalog.int8[], pg_catalog.int8[]) IS
	'sets the headline, sources, top entities and keyphrases of stories from their members (used by the story functions)';

-- news.stories_assign: the fill of the story_members analysis.  Assigns
-- the batch, stores the memberships itself and so returns no rows.  The
-- stories it changed are not described here: the batch's ids join the
-- state's pending_articles, and news.stories_describe_pending describes
-- their stories once, when the queue is empty or news.refresh stops (a
-- story a refresh changes in twenty batches is described once, not twenty
-- times).
--
-- A young corpus: while a table has few articles, its statistics change
-- with every batch, and the articles assigned under the first ones were
-- judged with inverse document frequencies that say little (at 50 articles
-- a word that happens to occur twice outweighs the words of the story), so
-- a story can open twice and its halves later take in neighbours of the
-- same topic.  The first batch records the size of its statistics (its
-- articles were assigned under them); each time the statistics have
-- doubled since then or since the last maintenance (or rebuild), the
-- batch is followed by the maintenance (news.stories_regroup) of the
-- stories seen within merge_window of the batch's first article: they are
-- assigned again under exact statistics (without the merge step of
-- news.stories_maintain, which a rebuild does not have either).  That
-- happens about log2(articles) times over a table's life, each time over
-- recent stories only, and makes incremental stories agree with a rebuild.
CREATE FUNCTION news.stories_assign(source pg_catalog.regclass, ids pg_catalog.int8[], titles pg_catalog.text[],
	sources pg_catalog.text[],
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT story_id pg_catalog.int8,
	OUT similarity pg_catalog.float4, OUT title pg_catalog.text, OUT source_name pg_catalog.text,
	OUT entities news.termvec)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	first pg_catalog.bool;
	doubled pg_catalog.bool;
	since pg_catalog.timestamptz;
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	PERFORM news.stories_place(r, ids, titles, sources, true);
	-- the first batch was assigned under its own statistics: they are
	-- recorded; later, each time they have doubled, the recent stories are
	-- maintained, which marks every story in its scope (each story the
	-- batch touched was seen within merge_window of the batch's first
	-- article) to be described again from all its members; otherwise the
	-- batch's articles wait to be described as headline candidates
	EXECUTE pg_catalog.format(
		'SELECT s.maintained_docs OPERATOR(pg_catalog.=) 0, '
		'news.corpus_docs(s.stats) OPERATOR(pg_catalog.>=) (2 OPERATOR(pg_catalog.*) s.maintained_docs), '
		'COALESCE((SELECT pg_catalog.min(v.published) FROM %1$s v WHERE v.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND pg_catalog.isfinite(v.published)), '
		'pg_catalog.now()) OPERATOR(pg_catalog.-) s.merge_window FROM %2$s s',
		r.vectors, r.state)
		INTO first, doubled, since USING ids;
	IF first THEN
		EXECUTE pg_catalog.format('UPDATE %s SET maintained_docs = news.corpus_docs(stats)', r.state);
	ELSIF doubled THEN
		PERFORM news.stories_regroup(r, since, false);
		RETURN;
	END IF;
	EXECUTE pg_catalog.format('UPDATE %s SET pending_articles = pending_articles OPERATOR(pg_catalog.||) $1', r.state)
		USING ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_assign(pg_catalog.regclass, pg_catalog.int8[], pg_catalog.text[], pg_catalog.text[]) IS
	'assigns a batch of articles of a tracked table to its stories in publication order, storing memberships and stories (the fill of the story_members analysis; returns no rows)';

-- news.stories_forget: the clear step of the story_members analysis: the
-- articles ids leave their stories, which are computed again from the
-- members left (and go when none is left) and wait to be described again
-- (news.stories_describe_pending).
CREATE FUNCTION news.stories_forget(source pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	affected pg_catalog.int8[];
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('WITH d AS (DELETE FROM %s m WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'RETURNING m.story_id) SELECT pg_catalog.array_agg(DISTINCT d.story_id) FROM d', r.members)
		INTO affected USING ids;
	IF affected IS NOT NULL THEN
		PERFORM news.stories_recompute(r, affected);
		EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1', r.state)
			USING affected;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_forget(pg_catalog.regclass, pg_catalog.int8[]) IS
	'takes articles out of the stories of a tracked table and computes the stories they leave again (the clear step of the story_members analysis)';

-- news.stories_reentity: the articles ids were analysed again under a new
-- configuration (news.gazetteer, news.entity_patterns or
-- news.stop_entities changed; news.refresh's configuration-only batches):
-- their members' entity vectors are read again from the mentions now
-- stored, as news.stories_items reads them, and the stories whose members
-- changed get their centroids recomputed and are described again, so that
-- their top entities carry the new canonical names.  The articles stay in
-- their stories: membership follows an article's text, or
-- news.stories_maintain and news.stories_rebuild.  The corpus statistics
-- of the state are not corrected, as news.stories_forget leaves them; the
-- maintenance and the rebuild count them exactly.
CREATE FUNCTION news.stories_reentity(source pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	affected pg_catalog.int8[];
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format(
		'WITH e AS (SELECT i.id, (SELECT news.story_entities(pg_catalog.array_agg(x.entity)) FROM %2$s x '
		'WHERE x.article_id OPERATOR(pg_catalog.=) i.id '
		'AND x.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])) AS ev '
		'FROM (SELECT DISTINCT i FROM pg_catalog.unnest($1) i) i(id)), '
		'u AS (UPDATE %1$s m SET entities = e.ev FROM e WHERE m.article_id OPERATOR(pg_catalog.=) e.id '
		'AND CASE WHEN m.entities IS NULL OR e.ev IS NULL THEN (m.entities IS NULL) OPERATOR(pg_catalog.<>) (e.ev IS NULL) '
		'ELSE m.entities OPERATOR(news.<>) e.ev END RETURNING m.story_id) '
		'SELECT pg_catalog.array_agg(DISTINCT u.story_id) FROM u', r.members, r.mentions)
		INTO affected USING ids;
	IF affected IS NOT NULL THEN
		PERFORM news.stories_recompute(r, affected);
		EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1', r.state)
			USING affected;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_reentity(pg_catalog.regclass, pg_catalog.int8[]) IS
	'reads the entity vectors of story members again from the stored mentions after their articles were analysed under a new configuration, recomputes the centroids of the stories that changed and queues them to be described again (used by news.refresh); the articles keep their stories';

-- news.stories_article_texts: titles and sources of articles of a tracked
-- table read from the table itself (for news.stories_rebuild).
CREATE FUNCTION news.stories_article_texts(t news.tracked, ids pg_catalog.int8[],
	OUT titles pg_catalog.text[], OUT sources pg_catalog.text[])
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.array_agg(news.story_title(%2$s, %3$s) ORDER BY i.n), '
		'pg_catalog.array_agg(%4$s ORDER BY i.n) '
		'FROM pg_catalog.unnest($1) WITH ORDINALITY i(id, n) LEFT JOIN %5$s s ON s.%1$I OPERATOR(pg_catalog.=) i.id',
		t.id_column,
		CASE WHEN t.title_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.title_column) END,
		news.pipeline_body(t, 's'),
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		t.source)
		INTO titles, sources USING ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_article_texts(news.tracked, pg_catalog.int8[]) IS
	'titles (or first sentences) and sources of articles of a tracked table, in the order of ids (used by news.stories_rebuild)';

-- news.stories_configure: changes the story settings of a tracked table
-- (NULL keeps a setting); they apply to the articles assigned from now on
-- (news.stories_rebuild applies them to all).  Returns the settings.
CREATE FUNCTION news.stories_configure(source pg_catalog.regclass, threshold pg_catalog.float8 DEFAULT NULL,
	time_window pg_catalog.interval DEFAULT NULL, entity_weight pg_catalog.float8 DEFAULT NULL,
	merge_threshold pg_catalog.float8 DEFAULT NULL, merge_window pg_catalog.interval DEFAULT NULL)
	RETURNS pg_catalog.jsonb
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	result pg_catalog.jsonb;
BEGIN
	IF source IS NULL THEN
		RAISE EXCEPTION 'source must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.unnest(ARRAY[threshold, entity_weight, merge_threshold]) x
			WHERE x OPERATOR(pg_catalog.<) 0 OR x OPERATOR(pg_catalog.>) 1) THEN
		RAISE EXCEPTION 'thresholds and the entity weight must be between 0 and 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF time_window OPERATOR(pg_catalog.<) '0'::pg_catalog.interval OR merge_window OPERATOR(pg_catalog.<) '0'::pg_catalog.interval THEN
		RAISE EXCEPTION 'time windows must not be negative' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('UPDATE %s s SET threshold = COALESCE($1, s.threshold), '
		'time_window = COALESCE($2, s.time_window), entity_weight = COALESCE($3, s.entity_weight), '
		'merge_threshold = COALESCE($4, s.merge_threshold), merge_window = COALESCE($5, s.merge_window) '
		'RETURNING pg_catalog.jsonb_build_object(''threshold'', s.threshold, ''time_window'', s.time_window, '
		'''entity_weight'', s.entity_weight, ''merge_threshold'', s.merge_threshold, ''merge_window'', s.merge_window)',
		r.state)
		INTO result USING threshold, time_window, entity_weight, merge_threshold, merge_window;
	RETURN result;
END
$fn$;
COMMENT ON FUNCTION news.stories_configure(pg_catalog.regclass, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8, pg_catalog.interval) IS
	'changes the story settings of a tracked table (NULL keeps one): threshold, time_window and entity_weight of the assignment, merge_threshold and merge_window of news.stories_maintain; returns them as jsonb';

-- news.stories_exact_stats: the corpus statistics of every analysed
-- article's terms and entities (for news.stories_rebuild and
-- news.stories_maintain, which replace the grown ones with them).
CREATE FUNCTION news.stories_exact_stats(r record) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'UPDATE %1$s SET stats = COALESCE((SELECT news.corpus_stats(v.terms) FROM %2$s v), ''docs=0 length=0 {}''), '
		'entity_stats = COALESCE((SELECT news.corpus_stats(e.ev) FROM (SELECT news.story_entities(pg_catalog.array_agg(m.entity)) AS ev '
		'FROM %3$s m WHERE m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id) e), ''docs=0 length=0 {}'')',
		r.state, r.vectors, r.mentions);
	EXECUTE pg_catalog.format('UPDATE %s SET maintained_docs = news.corpus_docs(stats)', r.state);
END
$fn$;
COMMENT ON FUNCTION news.stories_exact_stats(record) IS
	'replaces the grown corpus statistics of a table''s stories by those of all its analysed articles and records their document count (used by the story functions)';

-- news.stories_rebuild: the stories of a tracked table from scratch, as a
-- batch: every analysed article in publication order, in chunks, under the
-- statistics of all articles.  Optional new settings are stored first.
-- Takes locks that keep readers out of the story tables until it commits.
-- Returns the number of stories.
CREATE FUNCTION news.stories_rebuild(source pg_catalog.regclass, threshold pg_catalog.float8 DEFAULT NULL,
	time_window pg_catalog.interval DEFAULT NULL, entity_weight pg_catalog.float8 DEFAULT NULL,
	chunk pg_catalog.int4 DEFAULT 2000)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET jit = off
AS $fn$
DECLARE
	r record;
	ids pg_catalog.int8[];
	texts record;
	after_p pg_catalog.timestamptz := '-infinity';
	after_id pg_catalog.int8 := -9223372036854775808;
	all_ids pg_catalog.int8[];
	n pg_catalog.int8;
BEGIN
	IF source IS NULL OR chunk IS NULL OR chunk OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'source must be given and chunk must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_configure(source, threshold, time_window, entity_weight);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('TRUNCATE %s, %s', r.members, r.stories);
	EXECUTE pg_catalog.format('UPDATE %s SET next_story = 1, pending_articles = ''{}'', pending_stories = ''{}''', r.state);
	PERFORM news.stories_exact_stats(r);
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.array_agg(x.article_id ORDER BY x.p, x.article_id), '
			'(pg_catalog.array_agg(x.p ORDER BY x.p DESC, x.article_id DESC))[1], '
			'(pg_catalog.array_agg(x.article_id ORDER BY x.p DESC, x.article_id DESC))[1] '
			'FROM (SELECT v.article_id, COALESCE(v.published, ''infinity'') AS p FROM %s v '
			'WHERE (COALESCE(v.published, ''infinity''), v.article_id) OPERATOR(pg_catalog.>) ($1, $2) '
			'ORDER BY 2, 1 LIMIT $3) x',
			r.vectors)
			INTO ids, after_p, after_id USING after_p, after_id, chunk;
		EXIT WHEN ids IS NULL;
		texts := news.stories_article_texts(r.tracked, ids);
		PERFORM news.stories_place(r, ids, texts.titles, texts.sources, false);
	END LOOP;
	-- describe every story, a chunk at a time
	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id ORDER BY s.story_id) FROM %s s', r.stories)
		INTO all_ids;
	n := COALESCE(pg_catalog.cardinality(all_ids), 0);
	FOR i IN 0 .. (n OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, all_ids[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], NULL);
	END LOOP;
	RETURN n;
END
$fn$;
COMMENT ON FUNCTION news.stories_rebuild(pg_catalog.regclass, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.int4) IS
	'rebuilds the stories of a tracked table from scratch: all analysed articles in publication order, in chunks, under the statistics of all of them (new settings, if given, are stored first); returns the number of stories';

-- news.stories_regroup: the maintenance of the stories of a tracked table
-- last seen at or after since (every story when NULL); r holds the
-- relations (news.stories_relations).  The corpus statistics are computed
-- again from every analysed article, and the articles of those stories are
-- assigned again, in publication order, against the older stories, as
-- news.stories_rebuild would: a story that drifted (its first articles no
-- longer fit its centroid, or statistics still small when its articles
-- came misled the assignment) splits, and stories that belong together
-- join.  A new story and an old one that share more of each other's
-- articles than with any other story (ties: the smaller id) keep the old
-- id, so ids stay where the stories did.  Then, with merge, stories whose
-- centroids score at least merge_threshold against each other within
-- merge_window merge into the oldest (the centroid rule with a longer
-- window, never chains of members), and every story in scope, or that an
-- article of the scope joined, joins the state's pending_stories, to be
-- described again from all its members (news.stories_describe_pending).
-- news.stories_maintain merges; news.stories_assign maintains young
-- corpora without merging (a rebuild does not merge, and the merges of
-- these maintenances were what set the incremental stories apart from a
-- rebuild: BCubed F1 0.95 against 0.98 without them, test/eval/README.md),
-- and the stories of the following batches are described once with them.
-- Returns the stories in scope before and after, and the articles that
-- changed story.
CREATE FUNCTION news.stories_regroup(r record, since pg_catalog.timestamptz, merge pg_catalog.bool,
	OUT stories_before pg_catalog.int8, OUT stories_after pg_catalog.int8, OUT moved pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	st record;
	scope pg_catalog.int8[];
	ids pg_catalog.int8[];
	old_stories pg_catalog.int8[];
	titles pg_catalog.text[];
	sources pg_catalog.text[];
	first_new pg_catalog.int8;
	chunk constant pg_catalog.int4 := 2000;
	n pg_catalog.int4;
	items news.story_item[];
	merged_from pg_catalog.int8[];
	merged_into pg_catalog.int8[];
BEGIN
	PERFORM news.stories_lock_row(r.state);
	PERFORM news.stories_exact_stats(r);
	st := news.stories_lock(r.state);
	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id ORDER BY s.story_id) FROM %s s '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
		INTO scope USING since;
	stories_before := COALESCE(pg_catalog.cardinality(scope), 0);
	stories_after := 0;
	moved := 0;
	IF stories_before OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;

	-- the articles of those stories, assigned again in publication order
	EXECUTE pg_catalog.format(
		'WITH d AS (DELETE FROM %1$s m WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1) '
		'RETURNING m.article_id, m.published, m.story_id, m.title, m.source) '
		'SELECT pg_catalog.array_agg(d.article_id ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.story_id ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.title ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.source ORDER BY d.published, d.article_id) FROM d', r.members)
		INTO ids, old_stories, titles, sources USING scope;
	EXECUTE pg_catalog.format('DELETE FROM %s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)', r.stories)
		USING scope;
	first_new := st.next_story;
	n := COALESCE(pg_catalog.cardinality(ids), 0);
	FOR i IN 0 .. (n OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_place(r,
			ids[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			titles[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			sources[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			false);
	END LOOP;

	-- a new story and an old one that share most of each other's articles: the id stays
	EXECUTE pg_catalog.format(
		'WITH o AS (SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) o(article_id, old)), '
		'pairs AS (SELECT m.story_id AS new, o.old, pg_catalog.count(*) AS n FROM %1$s m '
		'JOIN o ON o.article_id OPERATOR(pg_catalog.=) m.article_id WHERE m.story_id OPERATOR(pg_catalog.>=) $3 GROUP BY 1, 2), '
		'best_old AS (SELECT DISTINCT ON (pairs.new) pairs.new, pairs.old FROM pairs ORDER BY pairs.new, pairs.n DESC, pairs.old), '
		'best_new AS (SELECT DISTINCT ON (pairs.old) pairs.old, pairs.new FROM pairs ORDER BY pairs.old, pairs.n DESC, pairs.new), '
		'map AS (SELECT b.new, b.old FROM best_old b JOIN best_new c ON c.old OPERATOR(pg_catalog.=) b.old '
		'AND c.new OPERATOR(pg_catalog.=) b.new), '
		'um AS (UPDATE %1$s m SET story_id = map.old FROM map WHERE m.story_id OPERATOR(pg_catalog.=) map.new) '
		'UPDATE %2$s s SET story_id = map.old FROM map WHERE s.story_id OPERATOR(pg_catalog.=) map.new',
		r.members, r.stories)
		USING ids, old_stories, first_new;

	-- merge by centroid within merge_window, into the oldest (the groups
	-- are disjoint: their members move in one statement, and the merged
	-- stories are computed again in one)
	IF merge THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.array_agg(ROW(s.story_id, s.first_seen, s.last_seen, s.articles, s.terms, s.entity_vector)::news.story_item '
			'ORDER BY s.first_seen, s.story_id) FROM %s s WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
			INTO items USING since;
		SELECT pg_catalog.array_agg(x.story), pg_catalog.array_agg(a.items[1])
			INTO merged_from, merged_into
		FROM news.story_assign('{}', COALESCE(items, '{}'), st.stats, st.entity_stats,
			st.merge_threshold, st.merge_window, st.entity_weight, 1) a
		CROSS JOIN LATERAL pg_catalog.unnest(a.items[2:]) x(story)
		WHERE pg_catalog.cardinality(a.items) OPERATOR(pg_catalog.>) 1;
		IF merged_from IS NOT NULL THEN
			EXECUTE pg_catalog.format('UPDATE %s m SET story_id = x.into_story '
				'FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) x(from_story, into_story) '
				'WHERE m.story_id OPERATOR(pg_catalog.=) x.from_story', r.members)
				USING merged_from, merged_into;
			PERFORM news.stories_recompute(r, merged_from OPERATOR(pg_catalog.||) merged_into);
		END IF;
	END IF;

	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id) FROM %s s '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
		INTO scope USING since;
	stories_after := COALESCE(pg_catalog.cardinality(scope), 0);
	-- to describe: the stories in scope and any older one an article joined
	EXECUTE pg_catalog.format('UPDATE %1$s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1 '
		'OPERATOR(pg_catalog.||) ARRAY(SELECT DISTINCT m.story_id FROM %2$s m WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($2))',
		r.state, r.members)
		USING COALESCE(scope, '{}'), ids;
	EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s m '
		'JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) o(article_id, old) '
		'ON o.article_id OPERATOR(pg_catalog.=) m.article_id WHERE m.story_id OPERATOR(pg_catalog.<>) o.old', r.members)
		INTO moved USING ids, old_stories;
	EXECUTE pg_catalog.format('UPDATE %s SET maintained_at = pg_catalog.now()', r.state);
END
$fn$;
COMMENT ON FUNCTION news.stories_regroup(record, pg_catalog.timestamptz, pg_catalog.bool) IS
	'the maintenance of the stories of a tracked table last seen at or after since, with or without the merge step, left to be described (used by news.stories_maintain and news.stories_assign); returns the stories in scope before and after and the articles that changed story';

-- news.stories_describe_pending: describes the stories of a tracked table
-- waiting for it (news.stories_describe): those in the state's
-- pending_stories from all their members, the stories of the articles in
-- pending_articles with those articles and the current headline as the
-- headline candidates; a chunk of 2,000 stories at a time.  A story is
-- described once however many batches changed it since it last was: its
-- sources, entities and keyphrases are those of its members as they are,
-- and its headline is the candidate closest to its centroid as it is.
-- news.refresh_batch calls it when the queue is empty and news.refresh
-- when it stops.  Returns the number of stories described (0 for a table
-- without stories).
CREATE FUNCTION news.stories_describe_pending(source pg_catalog.regclass) RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	whole pg_catalog.int8[];
	articles pg_catalog.int8[];
	partial pg_catalog.int8[];
	chunk constant pg_catalog.int4 := 2000;
BEGIN
	IF NOT EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) stories_describe_pending.source
			AND o.name OPERATOR(pg_catalog.=) 'story_state') THEN
		RETURN 0;
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('SELECT s.pending_stories, s.pending_articles FROM %s s', r.state)
		INTO whole, articles;
	IF pg_catalog.cardinality(whole) OPERATOR(pg_catalog.=) 0 AND pg_catalog.cardinality(articles) OPERATOR(pg_catalog.=) 0 THEN
		RETURN 0;
	END IF;
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(s.story_id ORDER BY s.story_id), ''{}'') FROM %s s '
		'WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)', r.stories)
		INTO whole USING whole;
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(DISTINCT m.story_id ORDER BY m.story_id), ''{}'') FROM %s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) AND m.story_id OPERATOR(pg_catalog.<>) ALL ($2)', r.members)
		INTO partial USING articles, whole;
	FOR i IN 0 .. (pg_catalog.cardinality(whole) OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, whole[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], NULL);
	END LOOP;
	FOR i IN 0 .. (pg_catalog.cardinality(partial) OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, partial[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], articles);
	END LOOP;
	EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = ''{}'', pending_articles = ''{}''', r.state);
	RETURN pg_catalog.cardinality(whole) OPERATOR(pg_catalog.+) pg_catalog.cardinality(partial);
END
$fn$;
COMMENT ON FUNCTION news.stories_describe_pending(pg_catalog.regclass) IS
	'describes the stories of a tracked table that changed since they were last described (run by news.refresh and news.refresh_batch); returns their number';

-- news.stories_maintain: periodic maintenance of the stories of a tracked
-- table last seen at or after since (every story when NULL): the
-- maintenance of news.stories_regroup, then the description of every
-- story in its scope (and of any other story waiting for one).
-- Returns the stories in scope before and after, and the articles that
-- changed story.
CREATE FUNCTION news.stories_maintain(source pg_catalog.regclass, since pg_catalog.timestamptz DEFAULT NULL,
	OUT stories_before pg_catalog.int8, OUT stories_after pg_catalog.int8, OUT moved pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET jit = off
AS $fn$
DECLARE
	r record;
BEGIN
	IF source IS NULL THEN
		RAISE EXCEPTION 'source must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	r := news.stories_relations(source, true);
	SELECT g.stories_before, g.stories_after, g.moved INTO stories_before, stories_after, moved
	FROM news.stories_regroup(r, since, true) g;
	PERFORM news.stories_describe_pending(source);
END
$fn$;
COMMENT ON FUNCTION news.stories_maintain(pg_catalog.regclass, pg_catalog.timestamptz) IS
	'periodic maintenance of the stories of a tracked table last seen at or after since (NULL: all): exact statistics, their articles assigned again in publication order (drifted stories split, stories that belong together join; a story keeps its id when it keeps most of its articles), stories whose centroids reach merge_threshold within merge_window merged into the oldest, stories described again; returns the stories in scope before and after and the articles that changed story';

-- ---------------------------------------------------------------------------
-- Reading stories
-- ---------------------------------------------------------------------------

-- news.stories_source: the tracked table with stories whose stories the
-- current role may read, when there is exactly one (for the forms of the
-- reading functions without a table).
CREATE FUNCTION news.stories_source() RETURNS pg_catalog.regclass
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
	found pg_catalog.regclass[];
BEGIN
	found := ARRAY(SELECT o.source FROM news.tracked_objects o
		WHERE o.name OPERATOR(pg_catalog.=) 'story_members'
			AND COALESCE(pg_catalog.has_table_privilege(o.relation::pg_catalog.oid, 'SELECT'), false)
		ORDER BY o.source::pg_catalog.oid);
	IF pg_catalog.cardinality(found) OPERATOR(pg_catalog.=) 1 THEN
		RETURN found[1];
	END IF;
	IF pg_catalog.cardinality(found) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'no tracked table with stories you may read'
			USING ERRCODE = 'undefined_object', HINT = 'Track a table with news.track and run news.refresh.';
	END IF;
	RAISE EXCEPTION 'several tracked tables have stories: %', pg_catalog.array_to_string(found::pg_catalog.text[], ', ')
		USING ERRCODE = 'ambiguous_parameter', HINT = 'Name the table: news.story_of(''table'', id), news.story_articles(''table'', id).';
END
$fn$;
COMMENT ON FUNCTION news.stories_source() IS
	'the only tracked table with stories the current role may read, or an error (no table, or several: name it)';

-- news.story_of: the story of an article of a tracked table.
CREATE FUNCTION news.story_of(source pg_catalog.regclass, article_id pg_catalog.int8) RETURNS pg_catalog.int8
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	r record;
	story pg_catalog.int8;
BEGIN
	r := news.stories_relations(source, false);
	EXECUTE pg_catalog.format('SELECT m.story_id FROM %s m WHERE m.article_id OPERATOR(pg_catalog.=) $1', r.members)
		INTO story USING article_id;
	RETURN story;
END
$fn$;
COMMENT ON FUNCTION news.story_of(pg_catalog.regclass, pg_catalog.int8) IS
	'the story id of an article of a tracked table (NULL when it has none, e.g. not analysed yet)';

CREATE FUNCTION news.story_of(article_id pg_catalog.int8) RETURNS pg_catalog.int8
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN news.story_of(news.stories_source(), $1);
COMMENT ON FUNCTION news.story_of(pg_catalog.int8) IS
	'the story id of an article, when exactly one tracked table with stories is readable (otherwise an error asks for the table)';

-- news.story_articles: the articles of a story, in publication order.
CREATE FUNCTION news.story_articles(source pg_catalog.regclass, story_id pg_catalog.int8,
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT title pg_catalog.text,
	OUT source_name pg_catalog.text, OUT similarity pg_catalog.float4)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	ROWS 20
AS $fn$
DECLARE
	r record;
BEGIN
	r := news.stories_relations(source, false);
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT m.article_id, m.published, m.title, m.source, m.similarity FROM %s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) $1 ORDER BY m.published, m.article_id', r.members)
		USING story_id;
END
$fn$;
COMMENT ON FUNCTION news.story_articles(pg_catalog.regclass, pg_catalog.int8) IS
	'the articles of a story of a tracked table in publication order: id, publication time, title (or first sentence), source, score when it joined';

CREATE FUNCTION news.story_articles(story_id pg_catalog.int8,
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT title pg_catalog.text,
	OUT source_name pg_catalog.text, OUT similarity pg_catalog.float4)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	ROWS 20
	BEGIN ATOMIC
		SELECT * FROM news.story_articles(news.stories_source(), story_id);
	END;
COMMENT ON FUNCTION news.story_articles(pg_catalog.int8) IS
	'the articles of a story, when exactly one tracked table with stories is readable (otherwise an error asks for the table)';

-- news.story_cards: stories as jsonb cards for web dashboards, the
-- stories seen since `since` (all when NULL) with the most articles since
-- then first (ties: the latest), at most n.  A card holds the story's
-- fields and its five latest articles.
CREATE FUNCTION news.story_cards(source pg_catalog.regclass, since pg_catalog.timestamptz DEFAULT NULL,
	n pg_catalog.int4 DEFAULT 20)
	RETURNS SETOF pg_catalog.jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	ROWS 20
AS $fn$
DECLARE
	r record;
BEGIN
	IF source IS NULL OR n IS NULL OR n OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'source and n must be given and n must not be negative' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, false);
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT pg_catalog.jsonb_build_object(''story_id'', s.story_id, ''headline'', s.headline, '
		'''headline_article'', s.headline_article, ''first_seen'', s.first_seen, ''last_seen'', s.last_seen, '
		'''articles'', s.articles, ''articles_since'', c.recent, ''sources'', s.sources, ''entities'', s.entities, '
		'''keyphrases'', s.keyphrases, ''latest'', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('
		'''article_id'', l.article_id, ''published'', l.published, ''title'', l.title, ''source'', l.source) '
		'ORDER BY l.published DESC, l.article_id DESC) FROM (SELECT m.article_id, m.published, m.title, m.source FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id ORDER BY m.published DESC, m.article_id DESC LIMIT 5) l)) '
		'FROM %2$s s CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS recent FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id AND ($1 IS NULL OR m.published OPERATOR(pg_catalog.>=) $1)) c '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1 '
		'ORDER BY c.recent DESC, s.last_seen DESC, s.story_id LIMIT $2',
		r.members, r.stories)
		USING since, n;
END
$fn$;
COMMENT ON FUNCTION news.story_cards(pg_catalog.regclass, pg_catalog.timestamptz, pg_catalog.int4) IS
	'story cards (jsonb) of a tracked table for dashboards: stories seen since `since` (NULL: all), most articles since then first, at most n; each with headline, span, counts, sources, entities, keyphrases and its five latest articles';

-- news.story_card: one story as a card.
CREATE FUNCTION news.story_card(source pg_catalog.regclass, story_id pg_catalog.int8) RETURNS pg_catalog.jsonb
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	r record;
	card pg_catalog.jsonb;
BEGIN
	r := news.stories_relations(source, false);
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.jsonb_build_object(''story_id'', s.story_id, ''headline'', s.headline, '
		'''headline_article'', s.headline_article, ''first_seen'', s.first_seen, ''last_seen'', s.last_seen, '
		'''articles'', s.articles, ''sources'', s.sources, ''entities'', s.entities, ''keyphrases'', s.keyphrases, '
		'''latest'', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''article_id'', l.article_id, '
		'''published'', l.published, ''title'', l.title, ''source'', l.source) ORDER BY l.published DESC, l.article_id DESC) '
		'FROM (SELECT m.article_id, m.published, m.title, m.source FROM %1$s m WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id '
		'ORDER BY m.published DESC, m.article_id DESC LIMIT 5) l)) '
		'FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) $1',
		r.members, r.stories)
		INTO card USING story_id;
	RETURN card;
END
$fn$;
COMMENT ON FUNCTION news.story_card(pg_catalog.regclass, pg_catalog.int8) IS
	'one story of a tracked table as a jsonb card (NULL when there is no such story)';

-- ---------------------------------------------------------------------------
-- Registration: the analysis and the dashboard view
-- ---------------------------------------------------------------------------
INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent, clear, setup, description)
VALUES ('story_members', 60,
 'story_id pg_catalog.int8 NOT NULL, similarity pg_catalog.float4, title pg_catalog.text, source pg_catalog.text, entities news.termvec',
 'SELECT * FROM news.stories_assign({source}, ARRAY(SELECT b.id FROM news_batch b ORDER BY b.id),
	ARRAY(SELECT news.story_title(b.title, b.body) FROM news_batch b ORDER BY b.id),
	ARRAY(SELECT b.source FROM news_batch b ORDER BY b.id))',
 ARRAY['(article_id)', '(story_id, published)'], false,
 'SELECT news.stories_forget({source}, $1)',
 'SELECT news.stories_setup({source})',
 'the story of every article (story id, score against the story when it joined, NULL for the article that opened it; title or first sentence, source, entity vector); the stories themselves are in <table>_stories');

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('story_timeline', 50,
 'SELECT pg_catalog.date_trunc(''day'', m.published) AS day, s.story_id, s.headline,
	pg_catalog.count(*) AS articles, pg_catalog.count(DISTINCT m.source) AS sources,
	s.first_seen, s.last_seen, s.articles AS story_articles
  FROM {story_members} m JOIN {stories} s ON s.story_id OPERATOR(pg_catalog.=) m.story_id
  GROUP BY 1, 2, 3, s.first_seen, s.last_seen, s.articles',
 'articles per story and day: day, story_id, headline, articles, sources, first_seen, last_seen, story_articles (all days)');
