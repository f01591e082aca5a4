-- news.mlt_impact_search's list cache (news_analytics.mlt_impact_cache):
-- the lists stored out of line are read once into the session's memory and
-- reused; the results are those of the exact scan with the cache on, off,
-- too small for one search, warm, and after rebuilds that change the lists
-- (TRUNCATE and refill, drop and build again, a new build with the same
-- largest id)
SET extra_float_digits = 0;

-- 1,200 articles of 3 to 4 terms (all of them keys): term 1 in every one,
-- term 2 in every other, terms 100 to 139 and 1000 to 1006 spread over
-- them, so the lists of terms 1 and 2 are too long for a row (stored out
-- of line, read slice by slice)
CREATE TABLE mc_docs (id int8 PRIMARY KEY, w news.termvec);
INSERT INTO mc_docs
SELECT i, news.termvec(ARRAY[1, 100 + i % 40, 1000 + i % 7] || CASE WHEN i % 2 = 0 THEN ARRAY[2::int8] ELSE '{}' END,
					   ARRAY[0.2 + (i % 13) / 20.0, 1 + (i % 11) / 10.0, 0.5 + (i % 5) / 10.0]::float4[] ||
					   CASE WHEN i % 2 = 0 THEN ARRAY[(0.3 + (i % 17) / 25.0)::float4] ELSE '{}' END)
FROM generate_series(1, 1200) i;
ANALYZE mc_docs;
SELECT news.mlt_impact_build('mc_docs', 'id', 'w') AS postings;
SELECT reltoastrelid::regclass AS mc_toast FROM pg_class WHERE oid = 'mc_docs_mlt'::regclass \gset
SELECT (SELECT count(DISTINCT chunk_id) FROM :mc_toast) AS out_of_line, count(*) AS lists,
	   max(octet_length(postings)) AS longest
FROM mc_docs_mlt;

-- the top k of 30 probes against the exact scan (ties: smaller id), the
-- whole lists read (a budget of every posting)
CREATE FUNCTION mc_check(k int) RETURNS TABLE (probes bigint, same_ids bigint) LANGUAGE sql AS $$
SELECT count(*), count(*) FILTER (WHERE fast.ids = exact.ids)
FROM mc_docs p,
	 LATERAL (SELECT array_agg(r.id ORDER BY r.similarity DESC, r.id) AS ids
			  FROM news.mlt_impact_search('mc_docs', 'id', 'w', 'mc_docs_mlt', p.w, k, 5000, 10000) r) fast,
	 LATERAL (SELECT array_agg(d.id ORDER BY d.dist, d.id) AS ids
			  FROM (SELECT id, w OPERATOR(news.<=>) p.w AS dist FROM mc_docs ORDER BY 2, 1 LIMIT k) d) exact
WHERE p.id % 40 = 3
$$;
-- the candidates of the same 30 probes read through the cache (warm from
-- the searches before, after a rebuild: of the build before) and from the
-- table (the cache off, which empties it): the same ids and scores, which a
-- list kept from an earlier build would change
CREATE FUNCTION mc_same() RETURNS TABLE (probes bigint, same bigint) LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE mc_on AS
	SELECT p.id, c.ids, c.scores FROM mc_docs p, news.mlt_impact_candidates('mc_docs_mlt', p.w, 20, 10000) c
	WHERE p.id % 40 = 3;
	PERFORM set_config('news_analytics.mlt_impact_cache', '0', false);
	RETURN QUERY
	SELECT count(*), count(*) FILTER (WHERE c.ids = m.ids AND c.scores = m.scores)
	FROM mc_on m, mc_docs p, news.mlt_impact_candidates('mc_docs_mlt', p.w, 20, 10000) c WHERE p.id = m.id;
	RESET news_analytics.mlt_impact_cache;
	DROP TABLE mc_on;
END
$$;
SHOW news_analytics.mlt_impact_cache;
-- cold, then warm (the same session's lists)
SELECT * FROM mc_check(10);
SELECT * FROM mc_check(10);
SELECT * FROM mc_check(50);
SELECT * FROM mc_same();
-- off, and too small to hold one search's lists
SET news_analytics.mlt_impact_cache = 0;
SELECT * FROM mc_check(10);
SET news_analytics.mlt_impact_cache = '8kB';
SELECT * FROM mc_check(10);
RESET news_analytics.mlt_impact_cache;
SELECT * FROM mc_check(10);

-- new weights (every article's term 1 and term 2 change), rebuilt into the
-- same table (emptied and refilled), with the cache warm: the new top k
UPDATE mc_docs SET w = news.termvec(ARRAY[1, 2, 100 + id % 40], ARRAY[1.5 - (id % 29) / 20.0, 0.1 + (id % 19) / 10.0, 0.4]::float4[])
WHERE id % 3 = 0;
SELECT news.mlt_impact_build('mc_docs', 'id', 'w') AS postings;
SELECT * FROM mc_same();
SELECT * FROM mc_check(10);
-- the same largest id again, other weights: still the new top k
UPDATE mc_docs SET w = news.termvec(ARRAY[1, 100 + id % 40, 1006], ARRAY[0.1 + (id % 23) / 10.0, 0.3, 0.2 + (id % 3) / 5.0]::float4[])
WHERE id % 3 = 1;
SELECT news.mlt_impact_build('mc_docs', 'id', 'w') AS postings;
SELECT * FROM mc_same();
SELECT * FROM mc_check(10);
-- the rebuild and the searches in one transaction
BEGIN;
DELETE FROM mc_docs WHERE id % 5 = 0;
SELECT news.mlt_impact_build('mc_docs', 'id', 'w') AS postings;
SELECT * FROM mc_same();
SELECT * FROM mc_check(10);
ROLLBACK;
SELECT * FROM mc_same();
SELECT * FROM mc_check(10);
-- dropped and built again under the same name
DROP TABLE mc_docs_mlt;
UPDATE mc_docs SET w = news.termvec(ARRAY[1, 2, 1000 + id % 7], ARRAY[0.5 + (id % 31) / 10.0, 1.0, 0.7]::float4[])
WHERE id % 4 = 2;
SELECT news.mlt_impact_build('mc_docs', 'id', 'w') AS postings;
SELECT * FROM mc_same();
SELECT * FROM mc_check(10);
-- a list rewritten by hand (a new stored value of term 1: the first 300
-- postings only) is read anew
UPDATE mc_docs_mlt SET postings = news.mlt_impact_pack(
	(SELECT array_agg(d.id ORDER BY d.id) FROM (SELECT id FROM mc_docs ORDER BY id LIMIT 300) d),
	(SELECT array_agg(0.5::float4) FROM generate_series(1, 300)))
WHERE term = 1;
SELECT cardinality(c.ids) AS candidates, c.ids[1] AS first
FROM mc_docs p, news.mlt_impact_candidates('mc_docs_mlt', '{1:1}', 5000, 10000) c WHERE p.id = 1;

DROP TABLE mc_docs, mc_docs_mlt;
DROP FUNCTION mc_check(int), mc_same();
