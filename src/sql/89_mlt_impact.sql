-- 89_mlt_impact.sql: "more like this" from impact-ordered posting lists
-- (issue 12): news.mlt_impact_build keeps, in a table of the caller's, one
-- row per term holding the documents whose keys (news.mlt_keys) include it,
-- heaviest first (news.mlt_impact_pack); news.mlt_impact_candidates reads
-- the lists of the probe's heaviest terms once, in decreasing contribution,
-- summing each document's partial cosine, and returns the best few hundred
-- (src/core/impact.c); news.mlt_impact_search (C, src/pg/mlt_impact.c)
-- ranks them, and the rows added since the build, by exact cosine.

CREATE FUNCTION news.mlt_impact_pack(ids pg_catalog.int8[], weights pg_catalog.float4[])
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_mlt_impact_pack'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.mlt_impact_pack(pg_catalog.int8[], pg_catalog.float4[]) IS
'the posting list of one term as news.mlt_impact_build stores it: the documents ids with their weights (in [0, 1], the term''s weight over the document''s length, kept to 16 bits), heaviest first (ties: smaller id)';

CREATE FUNCTION news.mlt_impact_candidates(postings pg_catalog.regclass, probe news.termvec,
										   ncand pg_catalog.int4 DEFAULT 200,
										   max_postings pg_catalog.int4 DEFAULT 40000,
										   nterms pg_catalog.int4 DEFAULT 32,
										   OUT ids pg_catalog.int8[], OUT scores pg_catalog.float4[],
										   OUT since pg_catalog.int8)
RETURNS pg_catalog.record
AS 'MODULE_PATHNAME', 'news_mlt_impact_candidates'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION news.mlt_impact_candidates(pg_catalog.regclass, news.termvec, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
'the ncand documents of a postings table built by news.mlt_impact_build with the best cosine to probe over its nterms heaviest terms and their keys (ids and scores, best first), reading the posting lists in decreasing contribution up to max_postings postings or until no unread posting can change the candidates; since is the largest id of the table at the build';

CREATE FUNCTION news.mlt_impact_check(tbl pg_catalog.regclass, id_column pg_catalog.name,
									  vec_column pg_catalog.name)
	RETURNS void
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id_type pg_catalog.regtype;
BEGIN
	id_type := news.vector_table_check(tbl, id_column, vec_column, '{r,p,m}', 'a table or materialized view');
	IF id_type NOT IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype, 'pg_catalog.int8'::pg_catalog.regtype) THEN
		RAISE EXCEPTION 'id_column must be an integer column of %', tbl
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = pg_catalog.format('Column %I is of type %s.', id_column, id_type);
	END IF;
END
$$;

COMMENT ON FUNCTION news.mlt_impact_check(pg_catalog.regclass, pg_catalog.name, pg_catalog.name) IS
'raises the errors of news.mlt_impact_build and news.mlt_impact_search for their table arguments: those of news.vector_table_check for a table or materialized view, and id_column not an integer column (SQLSTATE 22023)';

CREATE FUNCTION news.mlt_impact_build(tbl pg_catalog.regclass, id_column pg_catalog.name,
									  vec_column pg_catalog.name, postings pg_catalog.name DEFAULT NULL)
	RETURNS pg_catalog.regclass
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp pg_catalog.name;
	rel pg_catalog.name;
	target pg_catalog.text;
	side pg_catalog.regclass;
	since pg_catalog.int8;
BEGIN
	IF tbl IS NULL OR id_column IS NULL OR vec_column IS NULL THEN
		RAISE EXCEPTION 'tbl, id_column and vec_column must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM news.mlt_impact_check(tbl, id_column, vec_column);
	SELECT n.nspname, c.relname INTO nsp, rel
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	target := pg_catalog.format('%I.%I', nsp, COALESCE(postings, (rel OPERATOR(pg_catalog.||) '_mlt')::pg_catalog.name));
	side := pg_catalog.to_regclass(target);
	IF side IS NULL THEN
		EXECUTE pg_catalog.format('CREATE TABLE %s (term pg_catalog.int8 PRIMARY KEY, postings pg_catalog.bytea NOT NULL)', target);
		EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN postings SET STORAGE EXTERNAL', target);
		side := pg_catalog.to_regclass(target);
	ELSE
		-- a table of someone else's could run their triggers as the caller
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c
					   WHERE c.oid OPERATOR(pg_catalog.=) side AND c.relkind OPERATOR(pg_catalog.=) 'r'
						 AND pg_catalog.pg_has_role(c.relowner, 'MEMBER')) THEN
			RAISE EXCEPTION 'postings table % must be a table of the current user', side
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Pass the name of a new table, or of one that news.mlt_impact_build made for you.';
		END IF;
		IF (SELECT pg_catalog.array_agg(pg_catalog.format('%s %s', a.attname, a.atttypid::pg_catalog.regtype) ORDER BY a.attnum)
			FROM pg_catalog.pg_attribute a
			WHERE a.attrelid OPERATOR(pg_catalog.=) side AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped)
		   IS DISTINCT FROM ARRAY['term bigint', 'postings bytea'] THEN
			RAISE EXCEPTION 'table % is not a postings table', side
				USING ERRCODE = 'invalid_parameter_value',
					DETAIL = 'A postings table has the columns term bigint and postings bytea.';
		END IF;
		EXECUTE pg_catalog.format('TRUNCATE %s', side);
	END IF;
	-- rows with larger ids are left to news.mlt_impact_search's exact scan
	EXECUTE pg_catalog.format('SELECT pg_catalog.max(t.%I)::pg_catalog.int8 FROM %s AS t', id_column, tbl) INTO since;
	since := COALESCE(since, -9223372036854775808);
	EXECUTE pg_catalog.format('INSERT INTO %s (term, postings) VALUES (-1, news.mlt_impact_pack(ARRAY[$1], ''{0}''))', side)
		USING since;
	EXECUTE pg_catalog.format(
		'INSERT INTO %1$s (term, postings) '
		'SELECT e.term_id, news.mlt_impact_pack(pg_catalog.array_agg(t.i), '
		'pg_catalog.array_agg(LEAST(e.weight OPERATOR(pg_catalog./) t.n, 1)::pg_catalog.float4)) '
		'FROM (SELECT s.%2$I::pg_catalog.int8 AS i, s.%3$I AS v, news.norm(s.%3$I) AS n FROM %4$s AS s '
		'WHERE s.%2$I OPERATOR(pg_catalog.<=) $1) t, news.termvec_entries(news.mlt_keys(t.v)) e '
		'WHERE t.n OPERATOR(pg_catalog.>) 0 AND e.weight OPERATOR(pg_catalog.>) 0 '
		'GROUP BY e.term_id',
		side, id_column, vec_column, tbl) USING since;
	EXECUTE pg_catalog.format('ANALYZE %s', side);
	RETURN side;
END
$$;

COMMENT ON FUNCTION news.mlt_impact_build(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.name) IS
'builds (or rebuilds) the postings table news.mlt_impact_search reads for vec_column (tf-idf vectors) of tbl: one row per term with the documents whose keys (news.mlt_keys) hold it, heaviest first, and the row of term -1 recording the largest id_column (an integer) at the build; the table is postings (NULL: tbl''s name and _mlt) in tbl''s schema, created by and for the caller, or an earlier one of the caller''s, emptied first; returns it';

CREATE FUNCTION news.mlt_impact_search(tbl pg_catalog.regclass, id_column pg_catalog.name,
									   vec_column pg_catalog.name, postings pg_catalog.regclass,
									   probe news.termvec, k pg_catalog.int4 DEFAULT 10,
									   candidates pg_catalog.int4 DEFAULT 0,
									   max_postings pg_catalog.int4 DEFAULT 0,
									   OUT id pg_catalog.int8, OUT similarity pg_catalog.float8)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'news_mlt_impact_search'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION news.mlt_impact_search(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.regclass, news.termvec, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS
'top k rows of tbl by cosine similarity of vec_column (tf-idf vectors) to probe, from the postings table news.mlt_impact_build made: the candidates (0: 4 k, at least 200) of news.mlt_impact_candidates over the probe''s 32 heaviest terms, reading at most max_postings postings (0: 1600 k, at least 40000), and the rows whose id is larger than any at the build, ranked by exact cosine (ties: smaller id); rows updated since the build are found by their old keys, deleted rows are not returned; tbl needs an index on id_column; the two queries are prepared once per session and table';
