-- Archive scale (issue 12): a tsvector at tokenizer speed, and "more like
-- this" with an adaptive query.

CREATE FUNCTION news.tsvector(body pg_catalog.text, config pg_catalog.text DEFAULT 'english')
RETURNS pg_catalog.tsvector
AS 'MODULE_PATHNAME', 'news_tsvector'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.tsvector(pg_catalog.text, pg_catalog.text) IS
'the tsvector to_tsvector(''news.english'', body) builds (config ''simple'': news.simple), made directly from the lexer; immutable: it reads no text search configuration, only the shipped word lists and stemmer, so it suits generated columns and index expressions';

-- "More like this" at archive scale: an adaptive query from the corpus'
-- document frequencies.

CREATE FUNCTION news.mlt_query(probe news.termvec, corpus news.corpus,
							   max_candidates pg_catalog.int4 DEFAULT 1000, nterms pg_catalog.int4 DEFAULT 40)
RETURNS news.termquery
AS 'MODULE_PATHNAME', 'news_mlt_query_corpus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.mlt_query(news.termvec, news.corpus, pg_catalog.int4, pg_catalog.int4) IS
'adaptive candidate query of "more like this": up to nterms of the probe''s heaviest terms that are not too common (a term in more than 5% of the corpus'' documents and more than max_candidates is left out, and the postings read stay within 30 max_candidates), and the least number M of them to share for about max_candidates documents at most, estimated from their document frequencies (operator %)';

CREATE FUNCTION news.more_like_this(tbl pg_catalog.regclass, id_column pg_catalog.name,
									vec_column pg_catalog.name, probe news.termvec, corpus news.corpus,
									k pg_catalog.int4 DEFAULT 10, max_candidates pg_catalog.int4 DEFAULT 0,
									OUT id pg_catalog.int8, OUT similarity pg_catalog.float8)
	RETURNS SETOF pg_catalog.record
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
BEGIN
	PERFORM news.vector_table_check(tbl, id_column, vec_column, '{r,p,v,m,f}', 'a table, view or materialized view');
	IF k < 0 THEN
		RAISE EXCEPTION 'k must not be negative'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('k is %s.', k);
	END IF;
	IF max_candidates < 0 THEN
		RAISE EXCEPTION 'max_candidates must not be negative'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('max_candidates is %s.', max_candidates);
	END IF;
	IF max_candidates = 0 THEN
		max_candidates := pg_catalog.int4larger(1000, pg_catalog.int4mul(pg_catalog.int4smaller(k, 100000), 20));
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT t.%1$I::pg_catalog.int8, 1 - (t.%2$I OPERATOR(news.<=>) $1) '
		'FROM %3$s AS t '
		'WHERE t.%2$I OPERATOR(news.%%) news.mlt_query($1, $3, $4) '
		'ORDER BY t.%2$I OPERATOR(news.<=>) $1, t.%1$I LIMIT $2',
		id_column, vec_column, tbl)
		USING probe, k, corpus, max_candidates;
END
$$;

COMMENT ON FUNCTION news.more_like_this(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, news.termvec, news.corpus, pg_catalog.int4, pg_catalog.int4) IS
'top k rows of tbl by cosine similarity of vec_column (tf-idf vectors) to probe, among the candidates of the adaptive news.mlt_query(probe, corpus, max_candidates) (GIN % index path); max_candidates 0: 20 k, at least 1,000';
