-- 87_mlt.sql: "more like this" in milliseconds at a million rows (issue 12):
-- each document is indexed by its 32 heaviest tf-idf terms only
-- (news.mlt_keys, a GIN expression index), the probe asks for the least
-- number of its heaviest terms to share that keeps the expected candidates
-- within a budget (news.mlt_keys_query on the statistics of the keys), and only
-- those candidates are scored by exact cosine.

CREATE FUNCTION news.mlt_keys(news.termvec) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_mlt_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.mlt_keys(news.termvec) IS
'the 32 heaviest entries of a tf-idf vector (ties: smaller id), the keys under which news.mlt_search finds a document: index them with CREATE INDEX ... USING gin (news.mlt_keys(w)), count them with news.corpus_stats(news.mlt_keys(w))';

CREATE FUNCTION news.mlt_keys_query(probe news.termvec, keys news.corpus, max_candidates pg_catalog.int4)
RETURNS news.termquery
AS 'MODULE_PATHNAME', 'news_mlt_keys_query'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.mlt_keys_query(news.termvec, news.corpus, pg_catalog.int4) IS
'candidate query of news.mlt_search against a GIN index on news.mlt_keys(w): up to 32 of the probe''s heaviest terms and the least number M of them to share for about max_candidates documents, estimated from keys = news.corpus_stats(news.mlt_keys(w)) (operator %)';

CREATE FUNCTION news.mlt_search(tbl pg_catalog.regclass, id_column pg_catalog.name,
								vec_column pg_catalog.name, probe news.termvec, keys news.corpus,
								k pg_catalog.int4 DEFAULT 10, max_candidates pg_catalog.int4 DEFAULT 0,
								OUT id pg_catalog.int8, OUT similarity pg_catalog.float8)
	RETURNS SETOF pg_catalog.record
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	live pg_catalog.float8;
	budget pg_catalog.float8;
	q news.termquery;
	m pg_catalog.int4;
	ids pg_catalog.int8[];
	sims pg_catalog.float8[];
BEGIN
	PERFORM news.vector_table_check(tbl, id_column, vec_column, '{r,p,m}', 'a table or materialized view');
	SELECT c.reltuples INTO live FROM pg_catalog.pg_class c WHERE c.oid = tbl;
	IF k < 0 THEN
		RAISE EXCEPTION 'k must not be negative'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('k is %s.', k);
	END IF;
	IF max_candidates < 0 THEN
		RAISE EXCEPTION 'max_candidates must not be negative'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('max_candidates is %s.', max_candidates);
	END IF;
	IF k = 0 THEN
		RETURN;
	END IF;
	IF max_candidates = 0 THEN
		max_candidates := pg_catalog.int4larger(200, pg_catalog.int4mul(pg_catalog.int4smaller(k, 100000), 10));
	END IF;
	-- the statistics describe the table when they were taken; a table that
	-- has grown since holds proportionally more documents per key
	budget := max_candidates;
	IF live > news.corpus_docs(keys) AND news.corpus_docs(keys) > 0 THEN
		budget := budget * news.corpus_docs(keys) / live;
	END IF;
	q := news.mlt_keys_query(probe, keys, pg_catalog.int4larger(1, budget::pg_catalog.int4));
	m := news.min_shared(q);
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.array_agg(r.i), pg_catalog.array_agg(r.s) '
			'FROM (SELECT t.%1$I::pg_catalog.int8 AS i, 1 - (t.%2$I OPERATOR(news.<=>) $1) AS s '
			'FROM %3$s AS t '
			'WHERE news.mlt_keys(t.%2$I) OPERATOR(news.%%) $3 '
			'ORDER BY t.%2$I OPERATOR(news.<=>) $1, t.%1$I LIMIT $2) r',
			id_column, vec_column, tbl)
			INTO ids, sims USING probe, k, q;
		-- fewer than k found: the estimate was too strict; share one term less
		EXIT WHEN m <= 1 OR pg_catalog.cardinality(ids) >= k;
		m := m - 1;
		q := pg_catalog.format('%s of %s', m, news.query_terms(q))::news.termquery;
	END LOOP;
	RETURN QUERY SELECT u.i, u.s FROM ROWS FROM (pg_catalog.unnest(ids), pg_catalog.unnest(sims)) WITH ORDINALITY AS u(i, s, n) ORDER BY u.n;
END
$$;

COMMENT ON FUNCTION news.mlt_search(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, news.termvec, news.corpus, pg_catalog.int4, pg_catalog.int4) IS
'top k rows of tbl by cosine similarity of vec_column (tf-idf vectors) to probe, the fast path at any size: candidates from a GIN index on news.mlt_keys(vec_column) that share the least number of the probe''s heaviest terms keeping about max_candidates of them (0: 10 k, at least 200), estimated from keys = news.corpus_stats(news.mlt_keys(vec_column)) scaled to the table''s current size, then exact cosine; fewer than k found: one shared term less, and again';
