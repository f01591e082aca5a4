-- 30_termvec.sql: term vectors, corpus statistics, TF-IDF, BM25, cosine and
-- the GIN operator class for "more like this" (src/pg/termvec.c).

-- news.termvec: sparse vector of term-id weights
CREATE TYPE news.termvec;

CREATE FUNCTION news.termvec_in(pg_catalog.cstring) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termvec_out(news.termvec) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termvec_recv(pg_catalog.internal) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termvec_send(news.termvec) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.termvec (
	INPUT = news.termvec_in,
	OUTPUT = news.termvec_out,
	RECEIVE = news.termvec_recv,
	SEND = news.termvec_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE news.termvec IS 'sparse term vector: sorted 32-bit term ids (hashes of index terms) with float4 weights, written {id:weight,...}';
COMMENT ON FUNCTION news.termvec_in(pg_catalog.cstring) IS 'text input of news.termvec: {id:weight,...}, or any string not starting with { analysed as by news.termvec(text), so that news.termvec(''some text'') works';
COMMENT ON FUNCTION news.termvec_out(news.termvec) IS 'text output of news.termvec';
COMMENT ON FUNCTION news.termvec_recv(pg_catalog.internal) IS 'binary input of news.termvec';
COMMENT ON FUNCTION news.termvec_send(news.termvec) IS 'binary output of news.termvec';

-- news.corpus: corpus statistics
CREATE TYPE news.corpus;

CREATE FUNCTION news.corpus_in(pg_catalog.cstring) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.corpus_out(news.corpus) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_corpus_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.corpus_recv(pg_catalog.internal) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.corpus_send(news.corpus) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_corpus_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.corpus (
	INPUT = news.corpus_in,
	OUTPUT = news.corpus_out,
	RECEIVE = news.corpus_recv,
	SEND = news.corpus_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE news.corpus IS 'corpus statistics: document count, total length and document frequency per term id, written docs=N length=L {id:df,...}';
COMMENT ON FUNCTION news.corpus_in(pg_catalog.cstring) IS 'text input of news.corpus';
COMMENT ON FUNCTION news.corpus_out(news.corpus) IS 'text output of news.corpus';
COMMENT ON FUNCTION news.corpus_recv(pg_catalog.internal) IS 'binary input of news.corpus';
COMMENT ON FUNCTION news.corpus_send(news.corpus) IS 'binary output of news.corpus';

-- term vector functions
CREATE FUNCTION news.term_id(term pg_catalog.text) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_term_id' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.term_id(pg_catalog.text) IS 'the 32-bit term id (as int8) of an index term, e.g. news.term_id(''oil''); news.termvec hashes the terms news.tokenize emits';

CREATE FUNCTION news.termvec(body pg_catalog.text, config pg_catalog.text DEFAULT 'english') RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec(pg_catalog.text, pg_catalog.text) IS 'term counts of the index terms of a text (the terms news.tokenize emits: normalized, stopwords dropped, stemmed per config), keyed by news.term_id';

CREATE FUNCTION news.termvec(term_ids pg_catalog.int8[], weights pg_catalog.float4[]) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec(pg_catalog.int8[], pg_catalog.float4[]) IS 'term vector from parallel arrays of term ids and weights (ids unique, zero weights dropped)';

CREATE FUNCTION news.nnz(news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_nnz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.nnz(news.termvec) IS 'number of entries (distinct term ids) of a term vector';

CREATE FUNCTION news.norm(news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_norm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.norm(news.termvec) IS 'Euclidean (L2) length of a term vector';

CREATE FUNCTION news.termvec_entries(news.termvec, OUT term_id pg_catalog.int8, OUT weight pg_catalog.float4)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_termvec_entries' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION news.termvec_entries(news.termvec) IS 'the entries of a term vector as rows (term_id, weight) in id order';

CREATE FUNCTION news.top_terms(news.termvec, n pg_catalog.int4) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_top_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.top_terms(news.termvec, pg_catalog.int4) IS 'the n entries with the largest weights (ties: smaller id); on a tf-idf vector, the most discriminative terms';

CREATE FUNCTION news.tfidf(news.termvec, news.corpus) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_tfidf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.tfidf(news.termvec, news.corpus) IS 'unit-length tf-idf weights: (1 + ln tf) * (ln((1 + N) / (1 + df)) + 1), L2-normalized';

CREATE FUNCTION news.bm25(query news.termvec, doc news.termvec, corpus news.corpus,
						  k1 pg_catalog.float8 DEFAULT 1.2, b pg_catalog.float8 DEFAULT 0.75)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_bm25' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.bm25(news.termvec, news.termvec, news.corpus, pg_catalog.float8, pg_catalog.float8) IS 'Okapi BM25 score of a document (term counts) for a query, with idf ln(1 + (N - df + 0.5) / (df + 0.5))';

CREATE FUNCTION news.cosine(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.cosine(news.termvec, news.termvec) IS 'cosine similarity of two term vectors (0 when either is empty)';

CREATE FUNCTION news.cosine_distance(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.cosine_distance(news.termvec, news.termvec) IS '1 - cosine similarity (operator <=>)';

CREATE FUNCTION news.termvec_overlaps(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_overlaps(news.termvec, news.termvec) IS 'do two term vectors share a term id (operator &&)';

CREATE FUNCTION news.shared_terms(news.termvec, news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_shared_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.shared_terms(news.termvec, news.termvec) IS 'number of term ids two term vectors share';

CREATE FUNCTION news.termvec_eq(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_eq(news.termvec, news.termvec) IS 'same ids and weights (operator =)';

CREATE OPERATOR news.<=> (
	LEFTARG = news.termvec, RIGHTARG = news.termvec,
	FUNCTION = news.cosine_distance, COMMUTATOR = OPERATOR(news.<=>)
);
COMMENT ON OPERATOR news.<=> (news.termvec, news.termvec) IS 'cosine distance (1 - cosine similarity)';

CREATE OPERATOR news.&& (
	LEFTARG = news.termvec, RIGHTARG = news.termvec,
	FUNCTION = news.termvec_overlaps, COMMUTATOR = OPERATOR(news.&&),
	RESTRICT = pg_catalog.arraycontsel, JOIN = pg_catalog.arraycontjoinsel
);
COMMENT ON OPERATOR news.&& (news.termvec, news.termvec) IS 'the term vectors share a term id (GIN indexable)';

CREATE OPERATOR news.= (
	LEFTARG = news.termvec, RIGHTARG = news.termvec,
	FUNCTION = news.termvec_eq, COMMUTATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.termvec, news.termvec) IS 'same term ids and weights';

-- corpus functions
CREATE FUNCTION news.corpus_merge(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_merge(news.corpus, news.corpus) IS 'statistics of the union of two document sets: counts, lengths and document frequencies added (operator +)';

CREATE OPERATOR news.+ (
	LEFTARG = news.corpus, RIGHTARG = news.corpus,
	FUNCTION = news.corpus_merge, COMMUTATOR = OPERATOR(news.+)
);
COMMENT ON OPERATOR news.+ (news.corpus, news.corpus) IS 'merge corpus statistics';

CREATE FUNCTION news.corpus_prune(news.corpus, min_df pg_catalog.int8 DEFAULT 2, max_terms pg_catalog.int4 DEFAULT 0)
	RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_prune' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_prune(news.corpus, pg_catalog.int8, pg_catalog.int4) IS 'drop terms with df < min_df and keep at most max_terms (0: no limit) of the most frequent; dropped terms count as df 0 (largest idf)';

CREATE FUNCTION news.corpus_docs(news.corpus) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_docs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_docs(news.corpus) IS 'number of documents counted in the statistics';

CREATE FUNCTION news.corpus_terms(news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_terms(news.corpus) IS 'number of distinct term ids in the statistics';

CREATE FUNCTION news.corpus_avg_length(news.corpus) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_corpus_avg_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_avg_length(news.corpus) IS 'average document length in terms (BM25 avgdl); NULL for no documents';

CREATE FUNCTION news.corpus_df(news.corpus, term_id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_df' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_df(news.corpus, pg_catalog.int8) IS 'document frequency of a term id (0 when unknown)';

-- aggregates: the state is a news.corpus (an expanded object while aggregating)
CREATE FUNCTION news.corpus_stats_trans(news.corpus, news.termvec) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_stats_trans(news.corpus, news.termvec) IS 'transition function of news.corpus_stats(termvec): count one document';

CREATE FUNCTION news.corpus_stats_combine(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_stats_combine(news.corpus, news.corpus) IS 'transition and combine function of news.corpus_stats: add statistics';

CREATE FUNCTION news.corpus_stats_final(news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_stats_final(news.corpus) IS 'final function of news.corpus_stats: the flat statistics';

CREATE AGGREGATE news.corpus_stats(news.termvec) (
	SFUNC = news.corpus_stats_trans,
	STYPE = news.corpus,
	FINALFUNC = news.corpus_stats_final,
	COMBINEFUNC = news.corpus_stats_combine,
	INITCOND = 'docs=0 length=0 {}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.corpus_stats(news.termvec) IS 'corpus statistics of a set of documents (term count vectors); NULL vectors are skipped';

CREATE AGGREGATE news.corpus_stats(news.corpus) (
	SFUNC = news.corpus_stats_combine,
	STYPE = news.corpus,
	FINALFUNC = news.corpus_stats_final,
	COMBINEFUNC = news.corpus_stats_combine,
	INITCOND = 'docs=0 length=0 {}',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.corpus_stats(news.corpus) IS 'merge many corpus statistics into one';

-- news.termquery: the heaviest terms of a probe and how many of them a
-- candidate must share
CREATE TYPE news.termquery;

CREATE FUNCTION news.termquery_in(pg_catalog.cstring) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termquery_out(news.termquery) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termquery_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termquery_recv(pg_catalog.internal) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION news.termquery_send(news.termquery) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termquery_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.termquery (
	INPUT = news.termquery_in,
	OUTPUT = news.termquery_out,
	RECEIVE = news.termquery_recv,
	SEND = news.termquery_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE news.termquery IS 'candidate query of "more like this": term ids with weights and the least number of them a document must share, written M of {id:weight,...}';
COMMENT ON FUNCTION news.termquery_in(pg_catalog.cstring) IS 'text input of news.termquery';
COMMENT ON FUNCTION news.termquery_out(news.termquery) IS 'text output of news.termquery';
COMMENT ON FUNCTION news.termquery_recv(pg_catalog.internal) IS 'binary input of news.termquery';
COMMENT ON FUNCTION news.termquery_send(news.termquery) IS 'binary output of news.termquery';

CREATE FUNCTION news.mlt_query(probe news.termvec, nterms pg_catalog.int4 DEFAULT 20, min_shared pg_catalog.int4 DEFAULT 2)
	RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_mlt_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.mlt_query(news.termvec, pg_catalog.int4, pg_catalog.int4) IS 'the nterms heaviest terms of a (tf-idf) probe, of which a candidate must share min_shared (at most all of them; operator %)';

CREATE FUNCTION news.min_shared(news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_min_shared' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.min_shared(news.termquery) IS 'least number of shared terms a term query asks for';

CREATE FUNCTION news.query_terms(news.termquery) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_query_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.query_terms(news.termquery) IS 'the terms of a term query as a term vector';

CREATE FUNCTION news.termvec_matches(news.termvec, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_matches(news.termvec, news.termquery) IS 'does the term vector share at least the query''s least number of term ids (operator %)';

CREATE OPERATOR news.% (
	LEFTARG = news.termvec, RIGHTARG = news.termquery,
	FUNCTION = news.termvec_matches,
	RESTRICT = pg_catalog.arraycontsel, JOIN = pg_catalog.arraycontjoinsel
);
COMMENT ON OPERATOR news.% (news.termvec, news.termquery) IS 'the term vector shares enough terms with the query (GIN indexable)';

-- GIN: index the term ids of a term vector, for && (shares a term)
CREATE FUNCTION news.termvec_gin_extract_value(news.termvec, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_gin_extract_value(news.termvec, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: term ids of an indexed term vector';

CREATE FUNCTION news.termvec_gin_extract_query(news.termvec, pg_catalog.internal, pg_catalog.int2,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_gin_extract_query(news.termvec, pg_catalog.internal, pg_catalog.int2, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: term ids of a query term vector';

CREATE FUNCTION news.termvec_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: does an indexed vector match';

CREATE FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog."char"
	AS 'MODULE_PATHNAME', 'news_termvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: ternary consistency';

CREATE OPERATOR CLASS news.termvec_ops
	DEFAULT FOR TYPE news.termvec USING gin AS
	OPERATOR 1 news.&& (news.termvec, news.termvec),
	OPERATOR 2 news.% (news.termvec, news.termquery),
	FUNCTION 1 pg_catalog.btint4cmp(pg_catalog.int4, pg_catalog.int4),
	FUNCTION 2 news.termvec_gin_extract_value(news.termvec, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 3 news.termvec_gin_extract_query(news.termvec, pg_catalog.internal, pg_catalog.int2,
											  pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 4 news.termvec_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
										   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 6 news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											  pg_catalog.internal, pg_catalog.internal, pg_catalog.internal),
	STORAGE pg_catalog.int4;
COMMENT ON OPERATOR CLASS news.termvec_ops USING gin IS 'GIN index of the term ids of news.termvec, for && and % (candidate generation of "more like this")';
COMMENT ON OPERATOR FAMILY news.termvec_ops USING gin IS 'GIN operator family of news.termvec (term ids as int4 keys)';

-- news.vector_table_check: the checks of the functions that read a
-- news.termvec column of a table named by the caller: tbl has one of the
-- relkinds (what describes them; NULL relkinds: any relation), id_column is
-- one of its columns and vec_column one of type news.termvec.  Returns the
-- type of id_column.
CREATE FUNCTION news.vector_table_check(tbl pg_catalog.regclass, id_column pg_catalog.name,
										vec_column pg_catalog.name, relkinds "char"[], what pg_catalog.text)
	RETURNS pg_catalog.regtype
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	kind "char";
	id_type pg_catalog.regtype;
	vec_type pg_catalog.regtype;
BEGIN
	IF relkinds IS NOT NULL THEN
		SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid = tbl;
		IF kind IS NULL OR NOT kind = ANY (relkinds) THEN
			RAISE EXCEPTION 'tbl must be %', what
				USING ERRCODE = 'invalid_parameter_value',
					DETAIL = CASE WHEN kind IS NULL THEN pg_catalog.format('No relation has OID %s.', tbl::pg_catalog.oid)
						ELSE pg_catalog.format('Relation %s has relkind "%s".', tbl, kind) END;
		END IF;
	END IF;
	SELECT a.atttypid INTO id_type FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = tbl AND a.attname = id_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF id_type IS NULL THEN
		RAISE EXCEPTION 'id_column must be a column of %', tbl
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = pg_catalog.format('%s has no column %I.', tbl, id_column);
	END IF;
	SELECT a.atttypid INTO vec_type FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = tbl AND a.attname = vec_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF vec_type IS DISTINCT FROM 'news.termvec'::pg_catalog.regtype THEN
		RAISE EXCEPTION 'vec_column must be a news.termvec column of %', tbl
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = CASE WHEN vec_type IS NULL THEN pg_catalog.format('%s has no column %I.', tbl, vec_column)
					ELSE pg_catalog.format('Column %I is of type %s.', vec_column, vec_type) END;
	END IF;
	RETURN id_type;
END
$$;
COMMENT ON FUNCTION news.vector_table_check(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, "char"[], pg_catalog.text) IS
	'raises the errors of the functions that read a news.termvec column of a table by name (news.more_like_this, news.more_like_this_id, news.mlt_search): tbl not of the relkinds (NULL: any), id_column not a column, vec_column not a news.termvec column (SQLSTATE 22023); returns the type of id_column';

-- "more like this" over any table with an id column and a tf-idf termvec
-- column under a GIN index: candidates share min_shared of the probe's
-- nterms heaviest terms (index scan), then exact cosine re-ranking.
CREATE FUNCTION news.more_like_this(tbl pg_catalog.regclass, id_column pg_catalog.name,
									vec_column pg_catalog.name, probe news.termvec,
									k pg_catalog.int4 DEFAULT 10, nterms pg_catalog.int4 DEFAULT 20,
									min_shared pg_catalog.int4 DEFAULT 2,
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
	IF nterms < 1 THEN
		RAISE EXCEPTION 'nterms must be positive'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('nterms is %s.', nterms);
	END IF;
	IF min_shared < 1 OR min_shared > 65535 THEN
		RAISE EXCEPTION 'min_shared must be between 1 and 65535'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = pg_catalog.format('min_shared is %s.', min_shared);
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT t.%1$I::pg_catalog.int8, 1 - (t.%2$I OPERATOR(news.<=>) $1) '
		'FROM %3$s AS t '
		'WHERE t.%2$I OPERATOR(news.%%) news.mlt_query($1, $3, $4) '
		'ORDER BY t.%2$I OPERATOR(news.<=>) $1, t.%1$I LIMIT $2',
		id_column, vec_column, tbl)
		USING probe, k, nterms, min_shared;
END
$$;
COMMENT ON FUNCTION news.more_like_this(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, news.termvec, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS 'top k rows of tbl by cosine similarity of vec_column (tf-idf vectors) to probe, among rows sharing min_shared of the probe''s nterms heaviest terms (GIN % index path)';
