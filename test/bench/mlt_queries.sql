-- mlt_queries.sql: time "more like this" for :nprobes probe articles (every
-- k-th article by id): the GIN path (candidates sharing min_shared of the
-- probe's nterms heaviest tf-idf terms, re-ranked by exact cosine) next to an
-- exact full-scan top 10, and the overlap@10 of the two.  The probe itself is
-- excluded from both results.  Each query is planned and run through
-- EXECUTE, timed with clock_timestamp() inside the server.
\set ON_ERROR_STOP 1
SET search_path = public, news;
CREATE TEMP TABLE mlt_probes AS
	SELECT id, w FROM mlt_articles
	WHERE id % ((SELECT count(*) FROM mlt_articles) / :nprobes) = 0
	ORDER BY id LIMIT :nprobes;
CREATE TEMP TABLE mlt_timing (probe int8, method text, nterms int, min_shared int,
							   ms float8, ids int8[], candidates int8);
-- warm the cache: one full pass
SELECT count(*) FROM mlt_articles WHERE w <=> (SELECT w FROM mlt_probes LIMIT 1) < 2;
DO $$
DECLARE
	p record;
	v record;
	t0 timestamptz;
	res int8[];
	cand int8;
BEGIN
	FOR p IN SELECT * FROM mlt_probes ORDER BY id LOOP
		t0 := clock_timestamp();
		EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM mlt_articles WHERE id <> $2 '
				'ORDER BY w OPERATOR(news.<=>) $1, id LIMIT 10) s'
			INTO res USING p.w, p.id;
		INSERT INTO mlt_timing VALUES (p.id, 'exact full scan', NULL, NULL,
			extract(epoch FROM clock_timestamp() - t0) * 1000, res, NULL);
		FOR v IN SELECT * FROM (VALUES (10, 1), (20, 2), (20, 3), (40, 3), (40, 4)) x(nterms, min_shared) LOOP
			t0 := clock_timestamp();
			EXECUTE 'SELECT array_agg(id) FROM (SELECT id FROM mlt_articles '
					'WHERE w OPERATOR(news.%) news.mlt_query($1, $3, $4) AND id <> $2 '
					'ORDER BY w OPERATOR(news.<=>) $1, id LIMIT 10) s'
				INTO res USING p.w, p.id, v.nterms, v.min_shared;
			INSERT INTO mlt_timing VALUES (p.id, 'GIN % mlt_query', v.nterms, v.min_shared,
				extract(epoch FROM clock_timestamp() - t0) * 1000, res, NULL);
			EXECUTE 'SELECT count(*) FROM mlt_articles WHERE w OPERATOR(news.%) news.mlt_query($1, $2, $3)'
				INTO cand USING p.w, v.nterms, v.min_shared;
			UPDATE mlt_timing t SET candidates = cand
			WHERE t.probe = p.id AND t.nterms = v.nterms AND t.min_shared = v.min_shared;
		END LOOP;
	END LOOP;
END
$$;
\pset footer off
SELECT t.method, coalesce(t.nterms::text, '-') AS nterms, coalesce(t.min_shared::text, '-') AS min_shared,
	   count(*) AS probes,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS median_ms,
	   round(percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p90_ms,
	   round(avg(coalesce(t.candidates, (SELECT count(*) FROM mlt_articles))), 0) AS avg_candidates,
	   percentile_disc(0.5) WITHIN GROUP (ORDER BY coalesce(t.candidates, (SELECT count(*) FROM mlt_articles))) AS median_candidates,
	   round(avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids))::numeric
				 / greatest(cardinality(e.ids), 1)), 3) AS overlap_at_10
FROM mlt_timing t JOIN mlt_timing e ON e.probe = t.probe AND e.method = 'exact full scan'
GROUP BY t.method, t.nterms, t.min_shared ORDER BY t.method DESC, t.nterms NULLS FIRST, t.min_shared;
\echo EXPLAIN of the indexed query for the first probe (20 terms, 3 shared):
SELECT id AS probe_id FROM mlt_probes ORDER BY id LIMIT 1 \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT b.id FROM mlt_articles a, mlt_articles b
WHERE a.id = :probe_id AND b.w % news.mlt_query(a.w, 20, 3) AND b.id <> a.id
ORDER BY b.w <=> a.w, b.id LIMIT 10;
