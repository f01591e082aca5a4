-- mlt_scale_queries.sql: "more like this" on mlt_s (mlt_scale_build.sql)
-- for :nprobes probe articles (every (n / nprobes)-th id) and k = 10, 50,
-- 100: news.more_like_this as 0.1.0 shipped it (mlt_query(probe, 20, 2))
-- and with the corpus (the adaptive news.mlt_query, 40 terms) at two
-- budgets of expected candidates, the default 20 k (at least 1,000) and
-- 10 k (at least 300), next to the exact top k of a full scan.  Methods and probes interleave; each query is timed
-- inside the server (clock_timestamp around the call).  overlap@k: the share
-- of the exact top k the method returns, the probe itself left out of both
-- (each method is asked for k + 1 rows).
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
DROP TABLE IF EXISTS mlt_probes, mlt_exact, mlt_timing;
CREATE TEMP TABLE mlt_probes AS
	SELECT id, w FROM mlt_s WHERE id % (:n / :nprobes) = 0 ORDER BY id LIMIT :nprobes;
CREATE TEMP TABLE mlt_exact (probe int8, ids int8[], ms float8);
CREATE TEMP TABLE mlt_timing (probe int8, method text, k int, ms float8, ids int8[]);
DO $$
DECLARE
	p record;
	m record;
	t0 timestamptz;
	res int8[];
	c news.corpus := (SELECT c_pruned FROM mlt_s_stats);
BEGIN
	FOR p IN SELECT * FROM mlt_probes ORDER BY id LOOP
		t0 := clock_timestamp();
		SELECT array_agg(id ORDER BY d, id) INTO res
		FROM (SELECT id, w OPERATOR(news.<=>) p.w AS d FROM mlt_s WHERE id <> p.id
			  ORDER BY w OPERATOR(news.<=>) p.w, id LIMIT 100) s;
		INSERT INTO mlt_exact VALUES (p.id, res, extract(epoch FROM clock_timestamp() - t0) * 1000);
		FOR m IN SELECT * FROM (VALUES (10), (50), (100)) x(k) LOOP
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.more_like_this('mlt_s', 'id', 'w', p.w, m.k + 1) r
				  WHERE r.id <> p.id LIMIT m.k) r;
			INSERT INTO mlt_timing VALUES (p.id, '0.1.0: mlt_query 20 terms, 2 shared', m.k,
				extract(epoch FROM clock_timestamp() - t0) * 1000, res);
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.more_like_this('mlt_s', 'id', 'w', p.w, c, m.k + 1, greatest(300, 10 * m.k)) r
				  WHERE r.id <> p.id LIMIT m.k) r;
			INSERT INTO mlt_timing VALUES (p.id, 'adaptive, corpus, budget 10 k >= 300', m.k,
				extract(epoch FROM clock_timestamp() - t0) * 1000, res);
			t0 := clock_timestamp();
			SELECT array_agg(r.id) INTO res
			FROM (SELECT r.id FROM news.more_like_this('mlt_s', 'id', 'w', p.w, c, m.k + 1) r
				  WHERE r.id <> p.id LIMIT m.k) r;
			INSERT INTO mlt_timing VALUES (p.id, 'adaptive, corpus, default 20 k >= 1000', m.k,
				extract(epoch FROM clock_timestamp() - t0) * 1000, res);
		END LOOP;
	END LOOP;
END
$$;
\pset footer off
SELECT :n AS articles, count(*) AS probes,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS exact_scan_p50_ms
FROM mlt_exact;
SELECT t.method, t.k, count(*) AS probes,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p50_ms,
	   round(percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p90_ms,
	   round(percentile_cont(0.99) WITHIN GROUP (ORDER BY t.ms)::numeric, 2) AS p99_ms,
	   round(avg((SELECT count(*) FROM unnest(t.ids) i WHERE i = ANY (e.ids[1:t.k]))::numeric / t.k), 3) AS overlap_at_k
FROM mlt_timing t JOIN mlt_exact e ON e.probe = t.probe
GROUP BY t.method, t.k ORDER BY t.method, t.k;
-- candidates of each method for k = 10 (the rows the bitmap scan returns)
SELECT x.method, round(avg(x.n)) AS avg_candidates,
	   percentile_disc(0.5) WITHIN GROUP (ORDER BY x.n) AS median_candidates, max(x.n) AS max_candidates
FROM (SELECT '0.1.0: mlt_query 20 terms, 2 shared' AS method,
			 (SELECT count(*) FROM mlt_s s WHERE s.w OPERATOR(news.%) news.mlt_query(p.w, 20, 2)) AS n
	  FROM mlt_probes p
	  UNION ALL
	  SELECT 'adaptive, corpus, budget 10 k >= 300',
			 (SELECT count(*) FROM mlt_s s WHERE s.w OPERATOR(news.%) news.mlt_query(p.w, (SELECT c_pruned FROM mlt_s_stats), 300))
	  FROM mlt_probes p
	  UNION ALL
	  SELECT 'adaptive, corpus, default 20 k >= 1000',
			 (SELECT count(*) FROM mlt_s s WHERE s.w OPERATOR(news.%) news.mlt_query(p.w, (SELECT c_pruned FROM mlt_s_stats), 1000))
	  FROM mlt_probes p) x
GROUP BY x.method ORDER BY x.method;
