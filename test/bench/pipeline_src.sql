-- test/bench/pipeline_src.sql: the articles of the pipeline benchmarks
-- (pipeline.sh, pipeline_pairs.sh): table src (id in publication order,
-- title, body, published) from the Reuters-21578 and BBC rows loaded into
-- raw (j jsonb) by na_bench_cluster; raw is dropped.  Reuters articles
-- carry their own dates; BBC articles, which have none, are spread ten
-- minutes apart from 2005-01-01.  Then the empty table feed, tracked: the
-- benchmarks insert the articles into it and refresh.
CREATE TABLE src AS
SELECT row_number() OVER (ORDER BY published, ext_id)::int AS id, title, body, published
FROM (SELECT j->>'id' AS ext_id, j->>'title' AS title, j->>'body' AS body,
	CASE WHEN j->>'date' ~ '^ *[0-9]{1,2}-[A-Z]{3}-[0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-5][0-9]'
			THEN to_timestamp(substring(j->>'date' FROM '[0-9]{1,2}-[A-Z]{3}-[0-9]{4} [0-9:]{8}'), 'DD-MON-YYYY HH24:MI:SS')
		WHEN j->>'id' LIKE 'reuters%' THEN '1987-01-01'::timestamptz
		ELSE '2005-01-01'::timestamptz + (row_number() OVER (ORDER BY j->>'id')) * interval '10 minutes' END AS published
	FROM raw WHERE coalesce(j->>'body', '') <> '') s;
DROP TABLE raw;
CREATE TABLE feed (id int PRIMARY KEY, title text, body text, published timestamptz);
SET client_min_messages = warning;
SELECT news.track('feed', 'id', 'body', 'published', 'title');
RESET client_min_messages;
