-- 40_sec_defects.sql: defects found by the hostile-input campaign (issue 7,
-- item 6).  news.more_like_this checks each of its parameters and names the
-- one that is wrong (22023) instead of failing inside its dynamic query,
-- as in src/sql/30_termvec.sql.

CREATE OR REPLACE FUNCTION news.more_like_this(tbl pg_catalog.regclass, id_column pg_catalog.name,
									vec_column pg_catalog.name, probe news.termvec,
									k pg_catalog.int4 DEFAULT 10, nterms pg_catalog.int4 DEFAULT 20,
									min_shared pg_catalog.int4 DEFAULT 2,
									OUT id pg_catalog.int8, OUT similarity pg_catalog.float8)
	RETURNS SETOF pg_catalog.record
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	kind "char";
	id_type pg_catalog.regtype;
	vec_type pg_catalog.regtype;
BEGIN
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid = tbl;
	IF kind IS NULL OR kind NOT IN ('r', 'p', 'v', 'm', 'f') THEN
		RAISE EXCEPTION 'tbl must be a table, view or materialized view'
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = CASE WHEN kind IS NULL THEN pg_catalog.format('No relation has OID %s.', tbl::pg_catalog.oid)
					ELSE pg_catalog.format('Relation %s has relkind "%s".', tbl, kind) END;
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
