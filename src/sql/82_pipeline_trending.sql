
-- ---------------------------------------------------------------------------
-- Trending: items significantly more frequent in a recent window than in
-- the baseline before it (Elasticsearch's significant_terms, JLH score)
-- ---------------------------------------------------------------------------

-- news.trending: for kind (an analysis with a trend_kind: 'entities',
-- 'terms'), the items of the articles published since `since` whose share
-- of articles exceeds their share in [since - baseline, since), scored by
-- JLH = (fg - bg) * fg / bg with fg = docs / window articles and bg =
-- (baseline_docs + 1) / (baseline articles + 1); items named in fewer than
-- min_docs window articles are left out.  Reads the result tables of
-- source (NULL: every tracked table whose results the caller may read);
-- work_mem is raised so that the counts of a long baseline stay in memory.
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
	counted pg_catalog.text;
	labels pg_catalog.text[] := '{}';
	fg_total pg_catalog.int8 := 0;
	bg_total pg_catalog.int8 := 0;
	fg pg_catalog.int8;
	bg pg_catalog.int8;
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
	FOR o IN
		SELECT t.source, t.analysed, x.relation
		FROM news.tracked t
		JOIN news.tracked_objects x ON x.source OPERATOR(pg_catalog.=) t.source AND x.name OPERATOR(pg_catalog.=) a.name
		WHERE (trending.source IS NULL OR t.source OPERATOR(pg_catalog.=) trending.source)
			AND COALESCE(pg_catalog.has_table_privilege(x.relation::pg_catalog.oid, 'SELECT'), false)
			AND COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false)
		ORDER BY t.source::pg_catalog.oid
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.>=) $1), '
			'pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.<) $1) '
			'FROM %s a WHERE a.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) AND a.error IS NULL',
			o.analysed)
			INTO fg, bg USING since, baseline;
		fg_total := fg_total OPERATOR(pg_catalog.+) fg;
		bg_total := bg_total OPERATOR(pg_catalog.+) bg;
		-- articles naming each item in the window, and in the baseline for
		-- the items the window keeps only (an article belongs to one table,
		-- so the sums over tables are exact); the item is computed in a
		-- lateral subquery so that a set-returning item (the terms) can be
		-- filtered before it is counted
		counted := pg_catalog.format(
			'SELECT k.key, pg_catalog.count(%s) AS n FROM %s r CROSS JOIN LATERAL (SELECT %s AS key) k WHERE (%s) AND ',
			CASE WHEN a.trend_distinct THEN 'DISTINCT r.article_id' ELSE '*' END,
			o.relation, a.trend_key, COALESCE(a.trend_filter, 'true'));
		counts := counts OPERATOR(pg_catalog.||)
			(counted OPERATOR(pg_catalog.||) 'r.published OPERATOR(pg_catalog.>=) $1 GROUP BY k.key');
		baselines := baselines OPERATOR(pg_catalog.||)
			(counted OPERATOR(pg_catalog.||) 'r.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) '
			'AND r.published OPERATOR(pg_catalog.<) $1 AND k.key IN (SELECT f.key FROM f) GROUP BY k.key');
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
		'WITH f AS MATERIALIZED (SELECT u.key, pg_catalog.sum(u.n)::pg_catalog.int8 AS fg FROM (%s) u '
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
		pg_catalog.array_to_string(counts, ' UNION ALL '), pg_catalog.array_to_string(baselines, ' UNION ALL '),
		pg_catalog.array_to_string(labels, ' UNION ALL '))
		USING since, baseline, fg_total, bg_total, min_docs, n;
END
$fn$;
COMMENT ON FUNCTION news.trending(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.regclass, pg_catalog.int4) IS
	'items (kind ''entities'': canonical names; ''terms'': most frequent surface form) of tracked tables whose share of the articles published since `since` is significantly above their share in the baseline interval before it: window articles, baseline articles and JLH score, best first';
