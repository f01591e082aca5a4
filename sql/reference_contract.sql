-- the comments of the objects are the SQL reference of README.md (make
-- reference): what an object returns is named in its comment.
-- every top-level key of news.analyze's jsonb is named, in double quotes,
-- in the comment of news.analyze (no rows: none is missing)
SELECT k AS key_not_in_comment
FROM jsonb_object_keys(news.analyze('Christine Lagarde said on Monday: "Rates stay."', '2025-02-21 12:00+00')) k
WHERE strpos(obj_description('news.analyze(text, timestamptz)'::regprocedure, 'pg_proc'),
	'"' || k || '"') = 0
ORDER BY 1;
-- every kind news.trending accepts is named, in single quotes, in its comment
SELECT p.trend_kind AS kind_not_in_comment
FROM news.pipeline_analyses p
WHERE p.trend_kind IS NOT NULL
	AND strpos(obj_description('news.trending(text, timestamptz, interval, int4, regclass, int4)'::regprocedure, 'pg_proc'),
		'''' || p.trend_kind || '''') = 0
ORDER BY 1;
-- every configuration table whose change makes stored results stale says
-- so in the comments of news.tracking_status, news.pipeline_config and
-- news.pipeline_analyses.config_dependent
SELECT t.tgrelid::regclass AS table_not_in_comments
FROM pg_trigger t
WHERE t.tgname = 'pipeline_config_changed'
	AND (strpos(obj_description('news.tracking_status'::regclass, 'pg_class'), t.tgrelid::regclass::text) = 0
		OR strpos(obj_description('news.pipeline_config'::regclass, 'pg_class'), t.tgrelid::regclass::text) = 0
		OR strpos(col_description('news.pipeline_analyses'::regclass,
			(SELECT attnum FROM pg_attribute WHERE attrelid = 'news.pipeline_analyses'::regclass AND attname = 'config_dependent')),
			t.tgrelid::regclass::text) = 0)
ORDER BY 1;
