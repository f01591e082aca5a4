-- news.trending's daily rollup (<table>_trend_daily, <table>_trend_dirty):
-- the same answers as counting the whole baseline from the result rows
-- (SET news.trending_rollup = off) for windows and baselines that start
-- at midnight UTC, inside a day, or span no full day; after updates that
-- move articles to other days, deletes, new articles, a configuration
-- change and with a dirty day pending (a batch that news.refresh has not
-- folded yet); and the rollup equals the counts recomputed from the rows,
-- also after a fold of more days than one of its transactions takes.
SET timezone = 'America/New_York';	-- UTC days are not the session's days
\set SHOW_CONTEXT never
CREATE SCHEMA tr;
CREATE TABLE tr.articles (id int PRIMARY KEY, body text, published timestamptz);
-- 90 articles, one every 7 hours from 2025-03-01 05:00 UTC: 26 days
INSERT INTO tr.articles
SELECT i, format('%s met %s in %s on Monday. "The talks on %s went well," %s said. The %s and %s followed the %s closely.',
	(ARRAY['Angela Merkel', 'Olaf Scholz', 'Emmanuel Macron', 'Jan de Vries', 'Christine Lagarde'])[1 + i % 5],
	(ARRAY['Joe Biden', 'Rishi Sunak', 'Giorgia Meloni'])[1 + i % 3],
	(ARRAY['Paris', 'Berlin', 'Rome', 'Rotterdam', 'Frankfurt', 'Madrid', 'Vienna'])[1 + i % 7],
	(ARRAY['trade', 'tariffs', 'energy', 'wages'])[1 + i % 4],
	(ARRAY['Angela Merkel', 'Olaf Scholz', 'Emmanuel Macron', 'Jan de Vries', 'Christine Lagarde'])[1 + (i / 3) % 5],
	(ARRAY['European Central Bank', 'United Nations', 'World Bank'])[1 + (i / 5) % 3],
	(ARRAY['markets', 'unions', 'farmers', 'bankers'])[1 + (i / 2) % 4],
	(ARRAY['summit', 'strike', 'vote'])[1 + (i / 7) % 3]),
	timestamptz '2025-03-01 05:00+00' + (i - 1) * interval '7 hours'
FROM generate_series(1, 90) i;
SELECT news.track('tr.articles', 'id', 'body', 'published');
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
RESET client_min_messages;

-- the rollup: filled, nothing dirty after news.refresh
SELECT count(*) AS dirty FROM tr.articles_trend_dirty;
SELECT kind, count(DISTINCT day) AS days FROM tr.articles_trend_daily GROUP BY kind ORDER BY kind;

-- the rollup against the counts recomputed from the result rows, both ways
CREATE FUNCTION pg_temp.rollup_off() RETURNS bigint LANGUAGE sql AS $$
	WITH fresh AS (
		SELECT 'entities' AS kind, (m.published AT TIME ZONE 'UTC')::date AS day, m.entity AS key, count(DISTINCT m.article_id)::int AS docs
		FROM tr.articles_mentions m WHERE m.type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC') GROUP BY 1, 2, 3
		UNION ALL
		SELECT 'keyphrases', (k.published AT TIME ZONE 'UTC')::date, k.key, count(*) FROM tr.articles_keyphrases k GROUP BY 1, 2, 3
		UNION ALL
		SELECT 'terms', (t.published AT TIME ZONE 'UTC')::date, x::text, count(*) FROM tr.articles_terms t, unnest(t.term_ids) x GROUP BY 1, 2, 3
		UNION ALL
		SELECT '', (a.published AT TIME ZONE 'UTC')::date, '', count(*) FROM tr.articles_analysed a WHERE a.error IS NULL GROUP BY 1, 2, 3)
	SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT kind, day, key, docs FROM tr.articles_trend_daily) x)
		+ (SELECT count(*) FROM (SELECT kind, day, key, docs FROM tr.articles_trend_daily EXCEPT SELECT * FROM fresh) y)
$$;
SELECT pg_temp.rollup_off() AS rollup_rows_off;

-- news.trending with and without the rollup, for every kind, 27 times of
-- `since` 17 hours apart and baselines of whole days, hours, a month and
-- less than a day: the number of answers that differ, the answers that
-- used the rollup (a full day in the baseline), and those with a baseline
-- count (not trivially equal)
CREATE FUNCTION pg_temp.compare(OUT differ int, OUT rollup int, OUT with_baseline int) LANGUAGE plpgsql AS $$
DECLARE
	kind text;
	since timestamptz;
	b interval;
	x text;
	y text;
BEGIN
	differ := 0; rollup := 0; with_baseline := 0;
	FOREACH kind IN ARRAY ARRAY['entities', 'keyphrases', 'terms'] LOOP
		FOR since IN SELECT timestamptz '2025-03-03 00:00+00' + k * interval '17 hours' FROM generate_series(0, 26) k LOOP
			FOREACH b IN ARRAY ARRAY['14 days', '3 days', '36 hours', '5 days 7 hours', '1 month', '20 hours', '1 hour']::interval[] LOOP
				PERFORM set_config('news.trending_rollup', 'on', true);
				x := (SELECT array_agg(t ORDER BY t.score DESC, t.item) FROM news.trending(kind, since, b, 1000, min_docs => 1) t)::text;
				PERFORM set_config('news.trending_rollup', 'off', true);
				y := (SELECT array_agg(t ORDER BY t.score DESC, t.item) FROM news.trending(kind, since, b, 1000, min_docs => 1) t)::text;
				IF x IS DISTINCT FROM y THEN
					differ := differ + 1;
					RAISE NOTICE '% % %: % against %', kind, since, b, x, y;
				END IF;
				IF ((since - b) AT TIME ZONE 'UTC')::date + 1 < (since AT TIME ZONE 'UTC')::date THEN
					rollup := rollup + 1;
				END IF;
				IF EXISTS (SELECT FROM news.trending(kind, since, b, 1000, min_docs => 1) t WHERE t.baseline_docs > 0) THEN
					with_baseline := with_baseline + 1;
				END IF;
			END LOOP;
		END LOOP;
	END LOOP;
	PERFORM set_config('news.trending_rollup', 'on', true);
END
$$;
SELECT * FROM pg_temp.compare();

-- articles moved to other days, rewritten, deleted and added; one batch
-- analyses them without the fold of news.refresh: their days are dirty
UPDATE tr.articles SET published = published - interval '9 days' WHERE id IN (70, 71, 72);
UPDATE tr.articles SET published = published + interval '30 hours', body = body || ' Olaf Scholz left.' WHERE id IN (10, 40);
UPDATE tr.articles SET body = 'Giorgia Meloni visited Vienna on Friday.' WHERE id = 55;
DELETE FROM tr.articles WHERE id IN (20, 21, 33, 89);
INSERT INTO tr.articles VALUES (91, 'Giorgia Meloni and Rishi Sunak met the United Nations in Vienna.', '2025-03-12 23:30+00'),
	(92, 'Rishi Sunak spoke in Vienna.', '2025-03-13 00:30+00');
BEGIN;
SELECT * FROM news.refresh_batch('tr.articles', 1000);
COMMIT;
SELECT count(DISTINCT day) AS dirty_days FROM tr.articles_trend_dirty;
SELECT pg_temp.rollup_off() > 0 AS rollup_of_dirty_days_out_of_date;
SELECT * FROM pg_temp.compare();
-- news.refresh folds them
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
RESET client_min_messages;
SELECT count(*) AS dirty FROM tr.articles_trend_dirty;
SELECT pg_temp.rollup_off() AS rollup_rows_off;
SELECT * FROM pg_temp.compare();

-- a gazetteer entry makes the entities stale: re-analysed, their days folded
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Vienna', 'Wien', 'LOC');
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
RESET client_min_messages;
DELETE FROM news.gazetteer WHERE alias = 'Vienna' AND canonical = 'Wien';
SELECT count(*) > 0 AS renamed FROM tr.articles_trend_daily WHERE kind = 'entities' AND key = 'Wien';
SELECT count(*) AS dirty, pg_temp.rollup_off() AS rollup_rows_off FROM tr.articles_trend_dirty;
SELECT * FROM pg_temp.compare();

-- 40 articles of 40 new days (one a day from 2025-04-01), a changed
-- article, and every other article made stale by the gazetteer entry's
-- removal: the 27 days of the rollup and 40 new days dirty, folded 31 at a
-- time (the first chunk has days to write over and new days)
INSERT INTO tr.articles
SELECT 100 + i, format('%s met Olaf Scholz in Vienna.', (ARRAY['Joe Biden', 'Rishi Sunak'])[1 + i % 2]),
	timestamptz '2025-04-01 12:00+00' + i * interval '1 day'
FROM generate_series(0, 39) i;
UPDATE tr.articles SET body = body || ' Rishi Sunak left.' WHERE id = 30;
BEGIN;
SELECT * FROM news.refresh_batch('tr.articles', 1000);
COMMIT;
SELECT count(DISTINCT day) AS dirty_days, pg_temp.rollup_off() > 0 AS rollup_of_dirty_days_out_of_date FROM tr.articles_trend_dirty;
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
RESET client_min_messages;
SELECT count(*) AS dirty, pg_temp.rollup_off() AS rollup_rows_off FROM tr.articles_trend_dirty;
SELECT count(DISTINCT day) AS new_days FROM tr.articles_trend_daily WHERE day >= '2025-04-01';

-- articles published at infinity and -infinity mark no day dirty (an
-- infinity day was never folded: it stayed dirty, and gained a row each
-- time the article was analysed again); their results are stored
INSERT INTO tr.articles VALUES (200, 'Olaf Scholz met Joe Biden in Vienna.', 'infinity'),
	(201, 'Olaf Scholz met Rishi Sunak in Paris.', '-infinity');
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
UPDATE tr.articles SET body = body || ' They left.' WHERE id IN (200, 201);
CALL news.refresh('tr.articles');
RESET client_min_messages;
SELECT count(*) AS dirty FROM tr.articles_trend_dirty;
SELECT article_id, published, error FROM tr.articles_analysed WHERE article_id >= 200 ORDER BY 1;
SELECT article_id, count(*) AS mentions FROM tr.articles_mentions WHERE article_id >= 200 GROUP BY 1 ORDER BY 1;
-- the rollup has no infinite days (the recount has: rows off), and is
-- the recount once they are gone
SELECT count(*) AS infinite_days FROM tr.articles_trend_daily WHERE NOT isfinite(day);
DELETE FROM tr.articles WHERE id >= 200;
SET client_min_messages = warning;
CALL news.refresh('tr.articles');
RESET client_min_messages;
SELECT count(*) AS dirty, pg_temp.rollup_off() AS rollup_rows_off FROM tr.articles_trend_dirty;

-- the rollup's functions on a table that is not tracked: an error for the
-- fold, nothing for the others
CALL news.trend_fold('pg_catalog.pg_class');
CALL news.trend_fold(NULL);
SELECT * FROM news.trend_relations('pg_catalog.pg_class');
SELECT news.trend_setup('pg_catalog.pg_class');
SELECT to_regclass('pg_catalog.pg_class_trend_daily') AS no_rollup_made;

-- TRUNCATE empties the rollup with the results; untrack drops it
TRUNCATE tr.articles;
SELECT (SELECT count(*) FROM tr.articles_trend_daily) AS rollup_rows, (SELECT count(*) FROM tr.articles_trend_dirty) AS dirty;
SELECT news.untrack('tr.articles');
SELECT to_regclass('tr.articles_trend_daily') AS daily, to_regclass('tr.articles_trend_dirty') AS dirty;
DROP SCHEMA tr CASCADE;
