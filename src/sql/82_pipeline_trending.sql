
-- ---------------------------------------------------------------------------
-- Trending: items significantly more frequent in a recent window than in
-- the baseline before it (Elasticsearch's significant_terms, JLH score)
-- ---------------------------------------------------------------------------
-- The baseline is counted from a daily rollup, so that its cost depends on
-- the window's items and the baseline's days, not on its articles.  Every
-- tracked table has two more relations (made by news.trend_setup when
-- news.track or news.refresh prepares the table, registered in
-- news.tracked_objects, readable by the table's readers, emptied with the
-- results by TRUNCATE and dropped by news.untrack):
--
--   <table>_trend_daily  kind, day (UTC date), key, docs: for every trending
--                        kind, the articles published that day that name
--                        the item key (key: the item as text), counted as
--                        news.trending counts them; kind '' (key '') holds
--                        the day's analysed articles without error
--   <table>_trend_dirty  days whose result rows changed since their rollup
--                        rows were written; one row per batch and day (a
--                        log: no key, no conflicts, no locks)
--
-- The protocol.  (1) Every transaction that changes result rows
-- (news.pipeline_analyse: refresh batches, stale articles, immediate mode)
-- first inserts into <table>_trend_dirty the days of the rows it will
-- delete (the article's stored result rows and its analysed row) and of
-- the rows it will insert (the article's publication time now), in the
-- same transaction (news.trend_mark).  (2) At the end of news.refresh,
-- news.trend_fold takes the dirty days that have ended (today's stays
-- dirty until then: it is a partial day of every baseline that ends by
-- now, so a refresh every minute does not recount it every minute), up to
-- 31 of them at a time, each time in a transaction of its own: a lock on
-- <table>_trend_daily that only other folds wait for, deletes the days'
-- dirty rows, and replaces the rollup rows of the days it found dirty
-- rows of by those days' aggregates of the result rows (changed counts
-- updated, new items inserted, the others deleted), counted by a later
-- statement (read committed: a later snapshot).
-- (3) news.trending counts the baseline from the rollup for the full UTC
-- days that have no dirty row in its snapshot, and from the result rows
-- for the dirty days and the partial days at both edges; the window always
-- from the result rows.  Its statements all read the calling statement's
-- snapshot (a STABLE function).  Result rows change only through
-- news.pipeline_analyse, and TRUNCATE, which empties the rollup with them;
-- rows written by hand into a result table are not seen by the rollup.
--
-- Why the rollup of a day without a dirty row in a snapshot S equals the
-- day's result rows in S: the folds of a table run one after the other (the
-- lock).  Take a batch B committed before S that changed the day.  Its
-- dirty row is in S (then the day is counted from the rows), or a fold
-- committed before S deleted it; that fold saw B's row, so B had committed
-- before its delete and before its aggregate, and every later fold's
-- aggregate comes later still: the last fold that wrote the day before S
-- (a fold that finds no dirty row writes nothing) counted B.  Conversely a batch that committed after that fold's aggregate
-- had its row invisible to the fold's delete, and no later fold wrote the
-- day, so its row is in S and the day is dirty.  A batch still running is
-- in nobody's snapshot; its dirty row becomes visible when its results do.
-- An article's result rows share its one publication time, so the
-- distinct articles of a union of days are the sum of the days' counts.
-- The dirty rows are a log rather than a key: with a key, a batch meeting
-- an existing dirty row (INSERT ... ON CONFLICT DO NOTHING) adds none, and
-- a fold could delete that row and count the day before the batch commits,
-- leaving the batch's changes out of a clean day; with DO UPDATE the batch
-- would lock the row until it commits, and writers inserting articles of
-- several days in different orders could deadlock on them.
--
-- With the setting news.trending_rollup = off, news.trending counts the
-- whole baseline from the result rows (the same answer; for comparisons).

-- news.trend_count_query: the statement counting the items of the rows r
-- of rows (the result table of analysis a, or a relation with its
-- columns) that the condition cond keeps: key and the number of articles
-- (rows, where one article gives one row per item).
CREATE FUNCTION news.trend_count_query(a news.pipeline_analyses, rows pg_catalog.text, cond pg_catalog.text)
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT k.key, pg_catalog.count(%s) AS n FROM %s r CROSS JOIN LATERAL (SELECT %s AS key) k '
		'WHERE (%s) AND %s GROUP BY k.key',
		CASE WHEN a.trend_distinct THEN 'DISTINCT r.article_id' ELSE '*' END,
		rows, a.trend_key, COALESCE(a.trend_filter, 'true'), cond)
$$;
COMMENT ON FUNCTION news.trend_count_query(news.pipeline_analyses, pg_catalog.text, pg_catalog.text) IS
	'the statement counting the articles that name each item of a trending analysis in the rows of its result table a condition keeps (used by news.trending and news.trend_fold)';

-- news.trend_relations: the rollup and the dirty days of a tracked table,
-- NULL when it has none.
CREATE FUNCTION news.trend_relations(source pg_catalog.regclass, OUT daily pg_catalog.regclass, OUT dirty pg_catalog.regclass)
	RETURNS record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT (SELECT o.relation FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) $1 AND o.name OPERATOR(pg_catalog.=) 'trend_daily'),
		(SELECT o.relation FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) $1 AND o.name OPERATOR(pg_catalog.=) 'trend_dirty')
$$;
COMMENT ON FUNCTION news.trend_relations(pg_catalog.regclass) IS
	'the trending rollup (<table>_trend_daily) and dirty days (<table>_trend_dirty) of a tracked table, NULL where missing';

-- news.trending: for kind (an analysis with a trend_kind: 'entities',
-- 'terms', 'keyphrases'), the items of the articles published since `since` whose share
-- of articles exceeds their share in [since - baseline, since), scored by
-- JLH = (fg - bg) * fg / bg with fg = docs / window articles and bg =
-- (baseline_docs + 1) / (baseline articles + 1); items named in fewer than
-- min_docs window articles are left out.  Reads the result tables of
-- source (NULL: every tracked table whose results the caller may read);
-- the baseline of the window's items comes from the daily rollup where it
-- is readable and clean (see above), from the result rows elsewhere; work_mem
-- is raised so that the counts of a long baseline stay in memory.  All its
-- statements read the snapshot of the calling statement (STABLE).
CREATE FUNCTION news.trending(kind pg_catalog.text, since pg_catalog.timestamptz, baseline pg_catalog.interval,
	n pg_catalog.int4 DEFAULT 20, source pg_catalog.regclass DEFAULT NULL, min_docs pg_catalog.int4 DEFAULT 3,
	OUT item pg_catalog.text, OUT docs pg_catalog.int8, OUT baseline_docs pg_catalog.int8, OUT score pg_catalog.float8)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
	SET work_mem = '64MB'
AS $fn$
DECLARE
	a news.pipeline_analyses;
	o record;
	counts pg_catalog.text[] := '{}';
	baselines pg_catalog.text[] := '{}';
	labels pg_catalog.text[] := '{}';
	dirties pg_catalog.text[] := '{}';
	fg_total pg_catalog.int8 := 0;
	bg_total pg_catalog.int8 := 0;
	fg pg_catalog.int8;
	bg pg_catalog.int8;
	lo pg_catalog.timestamptz;
	first_day pg_catalog.date;
	end_day pg_catalog.date;
	rollup pg_catalog.bool;
	ranges pg_catalog.text;
	ranged pg_catalog.text;
	j pg_catalog.int4 := 0;
BEGIN
	SELECT * INTO a FROM news.pipeline_analyses p WHERE p.trend_kind OPERATOR(pg_catalog.=) kind;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown trending kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
				HINT = pg_catalog.format('Kinds: %s.', (SELECT pg_catalog.string_agg(p.trend_kind, ', ' ORDER BY p.trend_kind)
					FROM news.pipeline_analyses p WHERE p.trend_kind IS NOT NULL));
	END IF;
	IF since IS NULL OR baseline IS NULL OR n IS NULL OR min_docs IS NULL
		OR baseline OPERATOR(pg_catalog.<=) '0'::pg_catalog.interval OR n OPERATOR(pg_catalog.<) 0
		OR min_docs OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'since, baseline, n and min_docs must be given, baseline positive, n not negative and min_docs positive'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the baseline [lo, since); its full UTC days [first_day, end_day) may
	-- come from the rollup (the same operator as in the statements, so the
	-- same instant)
	lo := since OPERATOR(pg_catalog.-) baseline;
	rollup := COALESCE(pg_catalog.current_setting('news.trending_rollup', true), '') OPERATOR(pg_catalog.<>) 'off'
		AND pg_catalog.isfinite(lo) AND pg_catalog.isfinite(since);
	IF rollup THEN
		first_day := (lo AT TIME ZONE 'UTC')::pg_catalog.date;
		IF (first_day::pg_catalog.timestamp AT TIME ZONE 'UTC') OPERATOR(pg_catalog.<) lo THEN
			first_day := first_day OPERATOR(pg_catalog.+) 1;
		END IF;
		end_day := (since AT TIME ZONE 'UTC')::pg_catalog.date;
		rollup := first_day OPERATOR(pg_catalog.<) end_day;
	END IF;
	FOR o IN
		SELECT t.source, t.analysed, x.relation, r.daily, r.dirty
		FROM news.tracked t
		JOIN news.tracked_objects x ON x.source OPERATOR(pg_catalog.=) t.source AND x.name OPERATOR(pg_catalog.=) a.name
		CROSS JOIN LATERAL news.trend_relations(t.source) r
		WHERE (trending.source IS NULL OR t.source OPERATOR(pg_catalog.=) trending.source)
			AND COALESCE(pg_catalog.has_table_privilege(x.relation::pg_catalog.oid, 'SELECT'), false)
			AND COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false)
		ORDER BY t.source::pg_catalog.oid
	LOOP
		j := j OPERATOR(pg_catalog.+) 1;
		IF rollup AND o.daily IS NOT NULL AND o.dirty IS NOT NULL
			AND COALESCE(pg_catalog.has_table_privilege(o.daily::pg_catalog.oid, 'SELECT'), false)
			AND COALESCE(pg_catalog.has_table_privilege(o.dirty::pg_catalog.oid, 'SELECT'), false) THEN
			-- the dirty days of the full days (y<j>), and the ranges counted
			-- from the rows: both edges and the dirty days
			dirties := dirties OPERATOR(pg_catalog.||) pg_catalog.format(
				'y%s AS MATERIALIZED (SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day), ''{}'') AS days FROM %s y '
				'WHERE y.day OPERATOR(pg_catalog.>=) $8 AND y.day OPERATOR(pg_catalog.<) $9)', j, o.dirty);
			ranges := pg_catalog.format(
				'(SELECT $7 AS lo, ($8::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS hi '
				'UNION ALL SELECT ($9::pg_catalog.timestamp AT TIME ZONE ''UTC''), $1 '
				'UNION ALL SELECT (x.day::pg_catalog.timestamp AT TIME ZONE ''UTC''), '
				'((x.day OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamp AT TIME ZONE ''UTC'') '
				'FROM y%s CROSS JOIN LATERAL pg_catalog.unnest(y%s.days) x(day)) g', j, j);
			-- the rows of a relation in the ranges: a subquery per range
			-- (OFFSET 0 keeps it one, read through the index on published)
			ranged := ranges OPERATOR(pg_catalog.||) ' CROSS JOIN LATERAL (SELECT r.* FROM %s r '
				'WHERE r.published OPERATOR(pg_catalog.>=) g.lo AND r.published OPERATOR(pg_catalog.<) g.hi OFFSET 0)';
			-- the window's and the baseline's articles: the rows of the ranges,
			-- and the rollup (kind '') of the clean full days
			EXECUTE pg_catalog.format(
				'WITH %s SELECT (SELECT pg_catalog.count(*) FROM %s a '
				'WHERE a.published OPERATOR(pg_catalog.>=) $1 AND a.error IS NULL), '
				'(SELECT pg_catalog.count(*) FROM %s a WHERE a.error IS NULL) '
				'OPERATOR(pg_catalog.+) COALESCE((SELECT pg_catalog.sum(d.docs) FROM %s d '
				'WHERE d.kind OPERATOR(pg_catalog.=) '''' AND d.key OPERATOR(pg_catalog.=) '''' '
				'AND d.day OPERATOR(pg_catalog.>=) $8 AND d.day OPERATOR(pg_catalog.<) $9 '
				'AND d.day OPERATOR(pg_catalog.<>) ALL ((SELECT y%s.days FROM y%s)::pg_catalog.date[])), 0)',
				dirties[pg_catalog.cardinality(dirties)], o.analysed, pg_catalog.format(ranged, o.analysed), o.daily, j, j)
				INTO fg, bg USING since, baseline, 0::pg_catalog.int8, 0::pg_catalog.int8, min_docs, n, lo, first_day, end_day;
			-- the baseline of the window's items: the rows of the ranges,
			-- and the rollup of the clean full days
			baselines := baselines OPERATOR(pg_catalog.||) news.trend_count_query(a, pg_catalog.format(ranged, o.relation),
				'k.key IN (SELECT f.key FROM f)');
			baselines := baselines OPERATOR(pg_catalog.||) pg_catalog.format(
				'SELECT f.key, s.n FROM f CROSS JOIN LATERAL (SELECT pg_catalog.sum(d.docs)::pg_catalog.int8 AS n FROM %s d '
				'WHERE d.kind OPERATOR(pg_catalog.=) %L AND d.key OPERATOR(pg_catalog.=) f.key::pg_catalog.text '
				'AND d.day OPERATOR(pg_catalog.>=) $8 AND d.day OPERATOR(pg_catalog.<) $9 '
				'AND d.day OPERATOR(pg_catalog.<>) ALL ((SELECT y%s.days FROM y%s)::pg_catalog.date[])) s WHERE s.n IS NOT NULL',
				o.daily, a.trend_kind, j, j);
		ELSE
			EXECUTE pg_catalog.format(
				'SELECT pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.>=) $1), '
				'pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.<) $1) '
				'FROM %s a WHERE a.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) AND a.error IS NULL',
				o.analysed)
				INTO fg, bg USING since, baseline;
			baselines := baselines OPERATOR(pg_catalog.||) news.trend_count_query(a, o.relation::pg_catalog.text,
				'r.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) '
				'AND r.published OPERATOR(pg_catalog.<) $1 AND k.key IN (SELECT f.key FROM f)');
		END IF;
		fg_total := fg_total OPERATOR(pg_catalog.+) fg;
		bg_total := bg_total OPERATOR(pg_catalog.+) bg;
		-- articles naming each item in the window, and in the baseline for
		-- the items the window keeps only (an article belongs to one table,
		-- so the sums over tables are exact); the item is computed in a
		-- lateral subquery so that a set-returning item (the terms) can be
		-- filtered before it is counted
		counts := counts OPERATOR(pg_catalog.||) news.trend_count_query(a, o.relation::pg_catalog.text, 'r.published OPERATOR(pg_catalog.>=) $1');
		labels := labels OPERATOR(pg_catalog.||) pg_catalog.format(
			'SELECT k.key, k.label FROM %s r CROSS JOIN LATERAL (SELECT %s AS key, %s AS label) k '
			'WHERE r.published OPERATOR(pg_catalog.>=) $1 AND (%s) AND k.key IN (SELECT top.key FROM top)',
			o.relation, a.trend_key, a.trend_label, COALESCE(a.trend_filter, 'true'));
	END LOOP;
	IF pg_catalog.cardinality(counts) OPERATOR(pg_catalog.=) 0 OR fg_total OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;
	-- count the window's items, keep those named in min_docs articles, count
	-- them in the baseline, score them, keep the best n, then find the labels
	-- of those only (the most frequent one in the window)
	RETURN QUERY EXECUTE pg_catalog.format(
		'WITH %s f AS MATERIALIZED (SELECT u.key, pg_catalog.sum(u.n)::pg_catalog.int8 AS fg FROM (%s) u '
		'	GROUP BY u.key HAVING pg_catalog.sum(u.n) OPERATOR(pg_catalog.>=) $5), '
		'b AS (SELECT u.key, pg_catalog.sum(u.n)::pg_catalog.int8 AS bg FROM (%s) u GROUP BY u.key), '
		's AS (SELECT f.key, f.fg, COALESCE(b.bg, 0) AS bg, f.fg::pg_catalog.float8 OPERATOR(pg_catalog./) $3 AS p, '
		'	(COALESCE(b.bg, 0) OPERATOR(pg_catalog.+) 1)::pg_catalog.float8 OPERATOR(pg_catalog./) ($4 OPERATOR(pg_catalog.+) 1) AS q '
		'	FROM f LEFT JOIN b ON b.key OPERATOR(pg_catalog.=) f.key), '
		'top AS MATERIALIZED (SELECT s.key, s.fg, s.bg, '
		'	(s.p OPERATOR(pg_catalog.-) s.q) OPERATOR(pg_catalog.*) s.p OPERATOR(pg_catalog./) s.q AS score '
		'	FROM s WHERE s.p OPERATOR(pg_catalog.>) s.q ORDER BY score DESC, s.key LIMIT $6), '
		'lab AS (SELECT l.key, pg_catalog.mode() WITHIN GROUP (ORDER BY l.label) AS label '
		'	FROM (%s) l GROUP BY l.key) '
		'SELECT COALESCE(lab.label, top.key::pg_catalog.text)::pg_catalog.text, top.fg, top.bg, top.score '
		'FROM top LEFT JOIN lab ON lab.key OPERATOR(pg_catalog.=) top.key '
		'ORDER BY top.score DESC, 1',
		(SELECT pg_catalog.string_agg(d OPERATOR(pg_catalog.||) ', ', '') FROM pg_catalog.unnest(dirties) d),
		pg_catalog.array_to_string(counts, ' UNION ALL '), pg_catalog.array_to_string(baselines, ' UNION ALL '),
		pg_catalog.array_to_string(labels, ' UNION ALL '))
		USING since, baseline, fg_total, bg_total, min_docs, n, lo, first_day, end_day;
END
$fn$;
COMMENT ON FUNCTION news.trending(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.regclass, pg_catalog.int4) IS
	'items (kind ''entities'': canonical names; ''terms'': index terms in their most frequent surface form; ''keyphrases'': the keyphrases of news.keywords, counted in lower case and shown in their most frequent spelling in the window) of tracked tables whose share of the articles published since `since` is significantly above their share in the baseline interval before it: window articles, baseline articles and JLH score, best first; the baseline''s full days come from the daily rollup (<table>_trend_daily) unless SET news.trending_rollup = off';

-- news.trend_setup: run by news.pipeline_prepare (news.track, news.refresh)
-- as the tracking role: creates <table>_trend_daily and <table>_trend_dirty
-- when the table has none, and marks the days of the results it already
-- has dirty (news.refresh then folds them).  The rollup is keyed by item
-- first: news.trending reads the days of each of the window's items (an
-- index range each); the index on day serves the folds.
CREATE FUNCTION news.trend_setup(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	daily pg_catalog.regclass;
	dirty pg_catalog.regclass;
	parts pg_catalog.text[];
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) trend_setup.source;
	IF NOT FOUND OR t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER)
		OR EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source
			AND o.name OPERATOR(pg_catalog.=) ANY (ARRAY['trend_daily', 'trend_dirty'])) THEN
		RETURN;
	END IF;
	SELECT n.nspname INTO nsp FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE c.oid OPERATOR(pg_catalog.=) t.analysed;
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_trend_daily');
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (kind pg_catalog.text NOT NULL, day pg_catalog.date NOT NULL, key pg_catalog.text NOT NULL, '
		'docs pg_catalog.int4 NOT NULL, PRIMARY KEY (kind, key, day) INCLUDE (docs))',
		nsp, prefix OPERATOR(pg_catalog.||) '_trend_daily');
	daily := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_trend_daily')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (day)', daily);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', daily, pg_catalog.format(
		'news_analytics trending rollup of %s (news.track): per kind, UTC day and item key the articles naming it (kind ''''/key '''': the day''s analysed articles without error); days in %s_trend_dirty are out of date', t.source, prefix));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'trend_daily', daily);
	EXECUTE pg_catalog.format('CREATE TABLE %I.%I (day pg_catalog.date NOT NULL)', nsp, prefix OPERATOR(pg_catalog.||) '_trend_dirty');
	dirty := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_trend_dirty')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (day)', dirty);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', dirty, pg_catalog.format(
		'news_analytics: UTC days of %s whose trending rollup (%s_trend_daily) is out of date, one row per batch and day; news.refresh folds them', t.source, prefix));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'trend_dirty', dirty);
	-- results stored before the rollup existed
	parts := ARRAY(SELECT pg_catalog.format('SELECT r.published FROM %s r', o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT a.published FROM %s a', t.analysed);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u WHERE u.published IS NOT NULL ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '));
END
$fn$;
COMMENT ON FUNCTION news.trend_setup(pg_catalog.regclass) IS
	'creates the trending rollup (<table>_trend_daily) and dirty days (<table>_trend_dirty) of a tracked table that has none (used by news.track and news.refresh)';

-- news.trend_mark: called by news.pipeline_analyse before it replaces the
-- results of the articles ids of t, in the same transaction: the UTC days
-- of their stored result rows and analysed rows (what is deleted) and of
-- their publication time in rows, the relation the batch reads (what is
-- inserted), go into <table>_trend_dirty (not an infinite time's: no fold
-- counts it, and an infinite day would stay dirty for ever).  The stored
-- rows are read by article id (LATERAL ... OFFSET 0: index probes), only
-- for the ids up to the largest of each table (as news.pipeline_analyse's
-- DELETEs): in a first refresh the result tables grow without statistics,
-- and the planner read the whole of each for every batch (42 ms for the
-- mentions of 15,000 articles, against 1 ms); new articles cost no probe.
CREATE FUNCTION news.trend_mark(t news.tracked, rows pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	dirty pg_catalog.regclass := (news.trend_relations(t.source)).dirty;
	parts pg_catalog.text[];
	probe constant pg_catalog.text := 'SELECT r.published FROM pg_catalog.unnest(ARRAY('
		'SELECT i FROM pg_catalog.unnest($1) i WHERE i OPERATOR(pg_catalog.<=) (SELECT pg_catalog.max(x.article_id) FROM %1$s x))) i '
		'CROSS JOIN LATERAL (SELECT r.published FROM %1$s r WHERE r.article_id OPERATOR(pg_catalog.=) i OFFSET 0) r';
BEGIN
	IF dirty IS NULL THEN
		RETURN;
	END IF;
	parts := ARRAY(SELECT pg_catalog.format(probe, o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format(probe, t.analysed)
		-- as news.pipeline_batch_query computes it
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT %s FROM %s s WHERE s.%I OPERATOR(pg_catalog.=) ANY ($1)',
			CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
				ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
			rows, t.id_column);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u(published) WHERE pg_catalog.isfinite(u.published) ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '))
		USING ids;
END
$fn$;
COMMENT ON FUNCTION news.trend_mark(news.tracked, pg_catalog.regclass, pg_catalog.int8[]) IS
	'marks dirty the UTC days whose trending rollup the analysis of some articles of a tracked table changes (used by news.pipeline_analyse, in the batch''s transaction)';

-- news.trend_fold: run at the end of news.refresh: brings the rollup of the
-- dirty days of source that have ended (UTC) up to date, a chunk of up to
-- 31 days (in date order) in a transaction of its own (see the top of this
-- section).  A chunk is counted by one statement (each day's counts, as
-- news.trending counts them) and each kind's rows are written in the order
-- of the rollup's primary key, so a backfill (a first refresh, news.track
-- on a table with articles) fills the index in a few sweeps instead of a
-- random order per day; the days without rollup rows (the lock keeps them
-- so: only folds write the rollup) get plain inserts, cheaper than
-- INSERT ... ON CONFLICT (which the days with rows keep: plain UPDATE,
-- INSERT and DELETE joined with the rollup were slower, for a refold that
-- changes nothing as for a first fold).  A chunk whose fold fails (a
-- serialization failure under repeatable read, say) stays dirty.
CREATE PROCEDURE news.trend_fold(source pg_catalog.regclass)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	t news.tracked;
	daily pg_catalog.regclass;
	dirty pg_catalog.regclass;
	fill pg_catalog.text;
	days pg_catalog.date[];
	chunk pg_catalog.date[];
	found_days pg_catalog.date[];
	old_days pg_catalog.date[];
	i pg_catalog.int4 := 1;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) trend_fold.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and its rollup is written only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT r.daily, r.dirty INTO daily, dirty FROM news.trend_relations(t.source) r;
	IF daily IS NULL OR dirty IS NULL THEN
		RETURN;
	END IF;
	-- the counts of the days x (x.day, and its bounds x.lo and x.hi), each
	-- kind's in the order of the rollup's primary key: the items of every
	-- trending kind, and the analysed articles without error
	fill := (SELECT pg_catalog.string_agg(pg_catalog.format(
			'(SELECT %L, x.day, c.key::pg_catalog.text, c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (%s) c ORDER BY 3, 2)',
			p.trend_kind, news.trend_count_query(p, o.relation::pg_catalog.text,
				'r.published OPERATOR(pg_catalog.>=) x.lo AND r.published OPERATOR(pg_catalog.<) x.hi AND k.key IS NOT NULL')),
			' UNION ALL ' ORDER BY p.position)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL);
	fill := pg_catalog.concat_ws(' UNION ALL ', fill, pg_catalog.format(
		'SELECT '''', x.day, '''', c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM %s a '
		'WHERE a.published OPERATOR(pg_catalog.>=) x.lo AND a.published OPERATOR(pg_catalog.<) x.hi AND a.error IS NULL) c '
		'WHERE c.n OPERATOR(pg_catalog.>) 0', t.analysed));
	-- complete days only: today's (and later) days are never full days of
	-- a baseline that ends by now, so folding them at every refresh of a
	-- growing day would recount it again and again; they are folded once,
	-- by the first refresh after they end
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day ORDER BY y.day), ''{}'') FROM %s y '
		'WHERE y.day OPERATOR(pg_catalog.<) (pg_catalog.now() AT TIME ZONE ''UTC'')::pg_catalog.date', dirty) INTO days;
	WHILE i OPERATOR(pg_catalog.<=) pg_catalog.cardinality(days) LOOP
		chunk := days[i : i OPERATOR(pg_catalog.+) 30];
		i := i OPERATOR(pg_catalog.+) 31;
		BEGIN
			-- the folds of a table one after the other (readers and batches
			-- do not wait); read committed: the statements below see every
			-- batch whose dirty row the delete found
			EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', daily);
			EXECUTE pg_catalog.format('WITH y AS (DELETE FROM %s y WHERE y.day OPERATOR(pg_catalog.=) ANY ($1) RETURNING y.day) '
				'SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day), ''{}'') FROM y', dirty) INTO found_days USING chunk;
			IF pg_catalog.cardinality(found_days) OPERATOR(pg_catalog.>) 0 THEN
				-- the days that have rollup rows (the lock keeps them so)
				EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(x.day), ''{}'') FROM pg_catalog.unnest($1) x(day) '
					'WHERE EXISTS (SELECT FROM %s d WHERE d.day OPERATOR(pg_catalog.=) x.day)', daily) INTO old_days USING found_days;
				-- the chunk's sort in memory
				PERFORM pg_catalog.set_config('work_mem', '64MB', true);
				-- the days' counts written over their rollup rows: the rows
				-- of a new day inserted, changed counts updated, new items
				-- inserted, items no longer named deleted (a refold after a
				-- few changed articles writes only their items, and no
				-- insert meets the dead row of its own key); the items no
				-- longer named are found by a hashed subplan over c: as a
				-- NOT EXISTS, a day's rollup rows written in this
				-- transaction were estimated at one row and the anti join
				-- became a nested loop over c, 214 million comparisons (313 s)
				-- for the second 1,000 articles of a folded day at 22,004
				EXECUTE pg_catalog.format(
					'WITH x AS (SELECT d AS day, (d::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS lo, '
					'((d OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS hi FROM pg_catalog.unnest($1) d), '
					'c (kind, day, key, docs) AS MATERIALIZED (%2$s), '
					'n AS (INSERT INTO %1$s (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.<>) ALL ($2)), '
					'u AS (INSERT INTO %1$s AS d (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.=) ANY ($2) '
					'ON CONFLICT (kind, key, day) DO UPDATE SET docs = EXCLUDED.docs '
					'WHERE d.docs OPERATOR(pg_catalog.<>) EXCLUDED.docs) '
					'DELETE FROM %1$s d WHERE d.day OPERATOR(pg_catalog.=) ANY ($2) '
					'AND NOT ((d.kind, d.key, d.day) OPERATOR(pg_catalog.=) ANY (SELECT c.kind, c.key, c.day FROM c))', daily, fill)
					USING found_days, old_days;
			END IF;
		-- (unique_violation: under repeatable read, a snapshot taken before
		-- the lock may miss the rows another fold just wrote of a new day)
		EXCEPTION WHEN serialization_failure OR deadlock_detected OR lock_not_available OR unique_violation THEN
			RAISE NOTICE 'news.refresh %: the trending rollup of % to % stays out of date: %', source, chunk[1],
				chunk[pg_catalog.cardinality(chunk)], SQLERRM;
		END;
		COMMIT;
	END LOOP;
END
$fn$;
COMMENT ON PROCEDURE news.trend_fold(pg_catalog.regclass) IS
	'brings the trending rollup of a tracked table up to date: recounts the days marked dirty, up to 31 of them in a transaction (called by news.refresh)';
