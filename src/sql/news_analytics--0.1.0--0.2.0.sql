-- news_analytics upgrade from 0.1.0 to 0.2.0, assembled from
-- src/sql/0.1.0--0.2.0/[0-9]*.sql.  Each piece mirrors a change to the
-- install pieces src/sql/[0-9]*.sql; test/t/upgrade.sh checks that an
-- upgraded database equals a fresh install, object for object.

\echo Use "ALTER EXTENSION news_analytics UPDATE TO '0.2.0'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- The schema news belongs to a superuser, never to the installing role.
-- ---------------------------------------------------------------------------
-- CREATE EXTENSION makes the schema named in the control file as the role
-- that runs it, and a trusted extension may be installed by any role with
-- CREATE on the database.  A role owning news could add an overload that a
-- superuser's query then resolves to (news.tokenize(varchar), say), or swap
-- the extension's tables.  So the script refuses a schema that someone else
-- prepared (objects that are not the extension's, or another ordinary owner),
-- then hands the schema to the role running the script (a superuser: the
-- bootstrap superuser for a trusted install) and leaves everyone USAGE only.
DO $guard$
DECLARE
	ext pg_catalog.pg_extension%ROWTYPE;
	nsp pg_catalog.pg_namespace%ROWTYPE;
	owner_is_super boolean;
	foreign_objects text;
	grantee oid;
BEGIN
	SELECT * INTO ext FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'news_analytics';
	SELECT * INTO nsp FROM pg_catalog.pg_namespace WHERE oid OPERATOR(pg_catalog.=) ext.extnamespace;
	SELECT rolsuper INTO owner_is_super FROM pg_catalog.pg_roles WHERE oid OPERATOR(pg_catalog.=) nsp.nspowner;

	IF NOT owner_is_super AND nsp.nspowner OPERATOR(pg_catalog.<>) ext.extowner THEN
		RAISE EXCEPTION 'schema % is owned by role %, not by the role installing news_analytics',
			nsp.nspname, (SELECT rolname FROM pg_catalog.pg_roles WHERE oid OPERATOR(pg_catalog.=) nsp.nspowner)
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Drop or rename that schema, or let its owner or a superuser install the extension.';
	END IF;

	-- objects in the schema that are not the extension's, nor parts of its
	-- objects (array and row types, indexes, TOAST tables)
	SELECT pg_catalog.string_agg(pg_catalog.pg_describe_object(o.classid, o.objid, 0), ', '
			ORDER BY pg_catalog.pg_describe_object(o.classid, o.objid, 0))
	INTO foreign_objects
	FROM (
		SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS classid, oid AS objid FROM pg_catalog.pg_class WHERE relnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, oid FROM pg_catalog.pg_proc WHERE pronamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, oid FROM pg_catalog.pg_type WHERE typnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, oid FROM pg_catalog.pg_operator WHERE oprnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, oid FROM pg_catalog.pg_opclass WHERE opcnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, oid FROM pg_catalog.pg_opfamily WHERE opfnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, oid FROM pg_catalog.pg_collation WHERE collnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, oid FROM pg_catalog.pg_conversion WHERE connamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, oid FROM pg_catalog.pg_statistic_ext WHERE stxnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_config WHERE cfgnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_dict WHERE dictnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_parser WHERE prsnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_ts_template'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_template WHERE tmplnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass, oid FROM pg_catalog.pg_extension WHERE extnamespace OPERATOR(pg_catalog.=) nsp.oid
			AND oid OPERATOR(pg_catalog.<>) ext.oid
	) o
	WHERE NOT EXISTS (
		SELECT FROM pg_catalog.pg_depend d
		WHERE d.classid OPERATOR(pg_catalog.=) o.classid AND d.objid OPERATOR(pg_catalog.=) o.objid
			AND ((d.deptype OPERATOR(pg_catalog.=) 'e' AND d.refobjid OPERATOR(pg_catalog.=) ext.oid)
				OR d.deptype OPERATOR(pg_catalog.=) ANY (ARRAY['i', 'a']::"char"[])));

	IF foreign_objects IS NOT NULL THEN
		RAISE EXCEPTION 'schema % holds objects that are not part of news_analytics', nsp.nspname
			USING ERRCODE = 'object_in_use',
				DETAIL = pg_catalog.format('Objects: %s.', foreign_objects),
				HINT = 'Move or drop them (ALTER ... SET SCHEMA, DROP), then run the command again.';
	END IF;

	-- a superuser owns the schema; nobody else keeps a privilege beyond USAGE
	ALTER SCHEMA news OWNER TO CURRENT_USER;
	FOR grantee IN
		SELECT DISTINCT a.grantee FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
		WHERE n.oid OPERATOR(pg_catalog.=) nsp.oid AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
			AND a.grantee OPERATOR(pg_catalog.<>) 0
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA news FROM %I CASCADE',
			(SELECT rolname FROM pg_catalog.pg_roles WHERE oid OPERATOR(pg_catalog.=) grantee));
	END LOOP;
	REVOKE ALL ON SCHEMA news FROM PUBLIC CASCADE;
	GRANT USAGE ON SCHEMA news TO PUBLIC;
END
$guard$;

-- ---------------------------------------------------------------------------
-- Default gazetteer rows a user removed or changed stay removed after
-- pg_dump and restore.
-- ---------------------------------------------------------------------------
-- pg_dump saves only the rows users added (NOT builtin); CREATE EXTENSION
-- brings the defaults back.  Deleting or updating a default row therefore
-- records it here (this table is dumped in full), and restoring a row here
-- deletes that default again.  An updated default row becomes a user row
-- (builtin false), so pg_dump saves the new version.
CREATE TABLE news.gazetteer_removed (
	alias text NOT NULL,
	canonical text NOT NULL,
	type text NOT NULL,
	link text
);
CREATE UNIQUE INDEX gazetteer_removed_key ON news.gazetteer_removed
	(alias, canonical, type, (COALESCE(link, '')));
COMMENT ON INDEX news.gazetteer_removed_key IS 'one row per removed default gazetteer row';
COMMENT ON TABLE news.gazetteer_removed IS
'default rows of news.gazetteer that users deleted or changed; kept by pg_dump so that a restore removes them again';
COMMENT ON COLUMN news.gazetteer_removed.alias IS 'alias of the removed default row';
COMMENT ON COLUMN news.gazetteer_removed.canonical IS 'canonical name of the removed default row';
COMMENT ON COLUMN news.gazetteer_removed.type IS 'type of the removed default row';
COMMENT ON COLUMN news.gazetteer_removed.link IS 'link of the removed default row';
GRANT SELECT ON news.gazetteer_removed TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.gazetteer_removed', '');

-- news.gazetteer_remember_removed: a default row deleted or updated outside
-- the extension's scripts is recorded in news.gazetteer_removed; an updated
-- one turns into a user row.  SECURITY DEFINER so that whoever may edit the
-- gazetteer needs no privilege on the bookkeeping table.
CREATE FUNCTION news.gazetteer_remember_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF OLD.builtin AND NOT news.gazetteer_builtin_default() THEN
		INSERT INTO news.gazetteer_removed (alias, canonical, type, link)
		VALUES (OLD.alias, OLD.canonical, OLD.type, OLD.link)
		ON CONFLICT DO NOTHING;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF NOT news.gazetteer_builtin_default() THEN
			NEW.builtin := false;
		END IF;
		RETURN NEW;
	END IF;
	RETURN OLD;
END
$fn$;
COMMENT ON FUNCTION news.gazetteer_remember_removed() IS
'trigger: records a deleted or changed default row of news.gazetteer in news.gazetteer_removed';
CREATE TRIGGER gazetteer_remember_removed
	BEFORE UPDATE OR DELETE ON news.gazetteer
	FOR EACH ROW EXECUTE FUNCTION news.gazetteer_remember_removed();
COMMENT ON TRIGGER gazetteer_remember_removed ON news.gazetteer IS
'a deleted or changed default row is remembered in news.gazetteer_removed';

-- news.gazetteer_apply_removed: a row arriving in news.gazetteer_removed
-- (a restore, or a user) deletes that default row from news.gazetteer;
-- rows that news.gazetteer_remember_removed records (trigger depth 2) are
-- already being deleted or changed.
CREATE FUNCTION news.gazetteer_apply_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF pg_catalog.pg_trigger_depth() OPERATOR(pg_catalog.>) 1 THEN
		RETURN NULL;
	END IF;
	DELETE FROM news.gazetteer g
	WHERE g.builtin AND g.alias OPERATOR(pg_catalog.=) NEW.alias
		AND g.canonical OPERATOR(pg_catalog.=) NEW.canonical
		AND g.type OPERATOR(pg_catalog.=) NEW.type
		AND g.link IS NOT DISTINCT FROM NEW.link;
	RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION news.gazetteer_apply_removed() IS
'trigger: deletes from news.gazetteer the default row named by a new news.gazetteer_removed row';
CREATE TRIGGER gazetteer_apply_removed
	AFTER INSERT ON news.gazetteer_removed
	FOR EACH ROW EXECUTE FUNCTION news.gazetteer_apply_removed();
COMMENT ON TRIGGER gazetteer_apply_removed ON news.gazetteer_removed IS
'removing a default row is applied to news.gazetteer (also when pg_restore loads this table)';

-- news.gazetteer_changed also enforces the gazetteer's size limits
-- (src/sql/50_entities.sql).
COMMENT ON FUNCTION news.gazetteer_changed() IS
'trigger: invalidates the compiled gazetteer of every session after news.gazetteer changes; rejects an INSERT or UPDATE that leaves more than 200000 rows or 32 MB of text (SQLSTATE 54000)';

-- 30_sec_threshold.sql: thresholds travel with the query (issue 7, item 5).
-- The setting news_analytics.minhash_threshold becomes a documented
-- per-session default of "minhash % minhash", and the GIN support function
-- that reads it is STABLE (src/sql/40_minhash.sql); the query type
-- news.minhash_query, its operator, news.similar and strategy 2 of
-- news.minhash_ops are new (src/sql/42_minhash_query.sql, repeated below).

-- STABLE: for "minhash % minhash" it reads news_analytics.minhash_threshold.
ALTER FUNCTION news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2,
											  pg_catalog.internal, pg_catalog.internal,
											  pg_catalog.internal, pg_catalog.internal) STABLE;

COMMENT ON FUNCTION news.minhash_similar(news.minhash, news.minhash) IS
'true when the estimated Jaccard similarity is at least the session''s news_analytics.minhash_threshold (false for signatures with different k or shingle); news.similar(a, b, threshold) carries its threshold';

COMMENT ON OPERATOR news.% (news.minhash, news.minhash) IS
'estimated Jaccard similarity at least the session''s news_analytics.minhash_threshold, a per-session default; behind a connection pooler or on Citus use sig % news.minhash_query(probe, threshold)';

COMMENT ON FUNCTION news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS
'GIN support: band hashes of a query signature, as many as the threshold needs (the setting''s for minhash % minhash, the carried one for minhash % minhash_query)';

COMMENT ON OPERATOR CLASS news.minhash_ops USING gin IS
'LSH over news.minhash band hashes for the % operators (minhash % minhash at the setting''s threshold, minhash % minhash_query at the carried one); parameters bands and rows; exact when the threshold exceeds 1 - bands/k';

-- as in 42_minhash_query.sql
CREATE TYPE news.minhash_query;

CREATE FUNCTION news.minhash_query_in(pg_catalog.cstring)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_out(news.minhash_query)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'news_minhash_query_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_recv(pg_catalog.internal)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_send(news.minhash_query)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_minhash_query_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.minhash_query (
	INPUT = news.minhash_query_in,
	OUTPUT = news.minhash_query_out,
	RECEIVE = news.minhash_query_recv,
	SEND = news.minhash_query_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE news.minhash_query IS 'near-duplicate query: a news.minhash probe and the estimated Jaccard similarity (0..1) a signature needs to match it (operator %), written T of K:SHINGLE:HEX';
COMMENT ON FUNCTION news.minhash_query_in(pg_catalog.cstring) IS 'text input of news.minhash_query (T of K:SHINGLE:HEX)';
COMMENT ON FUNCTION news.minhash_query_out(news.minhash_query) IS 'text output of news.minhash_query (T of K:SHINGLE:HEX, T the shortest decimal that reads back exactly)';
COMMENT ON FUNCTION news.minhash_query_recv(pg_catalog.internal) IS 'binary input of news.minhash_query';
COMMENT ON FUNCTION news.minhash_query_send(news.minhash_query) IS 'binary output of news.minhash_query';

CREATE FUNCTION news.minhash_query(sig news.minhash, threshold pg_catalog.float8)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_query(news.minhash, pg_catalog.float8) IS
'the query "estimated Jaccard similarity with sig at least threshold" (0..1), for the operator %';

CREATE FUNCTION news.query_threshold(news.minhash_query)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'news_query_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.query_threshold(news.minhash_query) IS 'the threshold a near-duplicate query carries';

CREATE FUNCTION news.query_signature(news.minhash_query)
RETURNS news.minhash
AS 'MODULE_PATHNAME', 'news_query_signature'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.query_signature(news.minhash_query) IS 'the probe signature of a near-duplicate query';

CREATE FUNCTION news.minhash_matches(news.minhash, news.minhash_query)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'news_minhash_matches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_matches(news.minhash, news.minhash_query) IS
'true when the estimated Jaccard similarity of the signature and the query''s probe is at least the query''s threshold (false for signatures with different k or shingle; operator %)';

CREATE OPERATOR news.% (
	LEFTARG = news.minhash,
	RIGHTARG = news.minhash_query,
	FUNCTION = news.minhash_matches,
	RESTRICT = pg_catalog.contsel,
	JOIN = pg_catalog.contjoinsel
);

COMMENT ON OPERATOR news.% (news.minhash, news.minhash_query) IS
'estimated Jaccard similarity at least the threshold the query carries (GIN indexable; never reads a setting)';

-- The function form of the operator: an SQL function with a parsed body
-- (bound when created, not through the caller's search_path) that the
-- planner inlines into "sig % news.minhash_query(probe, threshold)", so a
-- news.minhash_ops index serves it.
CREATE FUNCTION news.similar(sig news.minhash, probe news.minhash, threshold pg_catalog.float8)
RETURNS pg_catalog.bool
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN sig OPERATOR(news.%) news.minhash_query(probe, threshold);

COMMENT ON FUNCTION news.similar(news.minhash, news.minhash, pg_catalog.float8) IS
'true when the estimated Jaccard similarity of sig and probe is at least threshold (0..1); false for different k or shingle; inlined to sig % news.minhash_query(probe, threshold), so GIN indexable';

ALTER OPERATOR FAMILY news.minhash_ops USING gin ADD
	OPERATOR 2 news.% (news.minhash, news.minhash_query);
-- 40_sec_defects.sql: defects found by the hostile-input campaign (issue 7,
-- item 6).  news.more_like_this checks each of its parameters and names the
-- one that is wrong (22023) instead of failing inside its dynamic query,
-- as in src/sql/30_termvec.sql.

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
-- 50_ergonomics.sql: equality, order and hashing of every type, index
-- support for the function forms of the operators, text input that
-- accepts an article (install pieces 30_termvec.sql, 40_minhash.sql and
-- 60_equality.sql).

-- news.termvec's = of 0.1.0 gains HASHES and MERGES.  PostgreSQL 15's ALTER
-- OPERATOR cannot set them, and dropping the operator would drop every user
-- object that uses it, so the flags are set in the catalog.
UPDATE pg_catalog.pg_operator SET oprcanhash = true, oprcanmerge = true
WHERE oid = 'news.=(news.termvec,news.termvec)'::pg_catalog.regoperator;

-- the text input functions accept an article (news.termvec('some text'))
COMMENT ON FUNCTION news.termvec_in(pg_catalog.cstring) IS 'text input of news.termvec: {id:weight,...}, or any string not starting with { analysed as by news.termvec(text), so that news.termvec(''some text'') works';
COMMENT ON FUNCTION news.minhash_in(pg_catalog.cstring) IS 'text input of news.minhash: K:SHINGLE:HEX, or any string not starting with K:SHINGLE: signed as by news.minhash(text), so that news.minhash(''some text'') works';

-- SupportRequestIndexCondition for operator functions: f(column, value)
-- becomes column OP value when OP, of the index's operator family, runs f.
CREATE FUNCTION news.operator_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_operator_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.operator_support(pg_catalog.internal) IS 'planner support: a call of the function of an indexable operator becomes an index condition with the operator';

-- the function forms of the GIN-indexable operators of 0.1.0
ALTER FUNCTION news.termvec_eq(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_overlaps(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_matches(news.termvec, news.termquery) SUPPORT news.operator_support;

-- news.termvec: = means same term ids with the same weights; order: entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first
CREATE FUNCTION news.termvec_ne(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_ne(news.termvec, news.termvec) IS 'not equal (operator <>; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_lt(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_lt(news.termvec, news.termvec) IS 'less than (operator <; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_le(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_le(news.termvec, news.termvec) IS 'less than or equal (operator <=; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_gt(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_gt(news.termvec, news.termvec) IS 'greater than (operator >; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_ge(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_ge(news.termvec, news.termvec) IS 'greater than or equal (operator >=; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_cmp(news.termvec, news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termvec_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_cmp(news.termvec, news.termvec) IS '-1, 0 or 1: the btree order of news.termvec (entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first; stored bytes break ties)';
CREATE FUNCTION news.termvec_hash(news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termvec_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_hash(news.termvec) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.termvec_hash_extended(news.termvec, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_termvec_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_hash_extended(news.termvec, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.<> (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.termvec, news.termvec) IS 'not equal in the order of news.termvec_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.termvec, news.termvec) IS 'less than in the order of news.termvec_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.termvec, news.termvec) IS 'less than or equal in the order of news.termvec_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.termvec, news.termvec) IS 'greater than in the order of news.termvec_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.termvec, news.termvec) IS 'greater than or equal in the order of news.termvec_cmp';

CREATE OPERATOR CLASS news.termvec_ops
	DEFAULT FOR TYPE news.termvec USING btree AS
	OPERATOR 1 news.< (news.termvec, news.termvec),
	OPERATOR 2 news.<= (news.termvec, news.termvec),
	OPERATOR 3 news.= (news.termvec, news.termvec),
	OPERATOR 4 news.>= (news.termvec, news.termvec),
	OPERATOR 5 news.> (news.termvec, news.termvec),
	FUNCTION 1 news.termvec_cmp(news.termvec, news.termvec);
COMMENT ON OPERATOR CLASS news.termvec_ops USING btree IS 'btree order of news.termvec: entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first';
COMMENT ON OPERATOR FAMILY news.termvec_ops USING btree IS 'btree operator family of news.termvec (see operator class news.termvec_ops)';

CREATE OPERATOR CLASS news.termvec_ops
	DEFAULT FOR TYPE news.termvec USING hash AS
	OPERATOR 1 news.= (news.termvec, news.termvec),
	FUNCTION 1 news.termvec_hash(news.termvec),
	FUNCTION 2 news.termvec_hash_extended(news.termvec, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.termvec_ops USING hash IS 'hash of the stored news.termvec value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.termvec_ops USING hash IS 'hash operator family of news.termvec (see operator class news.termvec_ops)';

-- news.termquery: = means same terms with the same weights and the same least number of shared terms; order: terms as news.termvec, then the least number of shared terms
CREATE FUNCTION news.termquery_eq(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_eq(news.termquery, news.termquery) IS 'equal (operator =; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_ne(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_ne(news.termquery, news.termquery) IS 'not equal (operator <>; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_lt(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_lt(news.termquery, news.termquery) IS 'less than (operator <; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_le(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_le(news.termquery, news.termquery) IS 'less than or equal (operator <=; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_gt(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_gt(news.termquery, news.termquery) IS 'greater than (operator >; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_ge(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_ge(news.termquery, news.termquery) IS 'greater than or equal (operator >=; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_cmp(news.termquery, news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termquery_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_cmp(news.termquery, news.termquery) IS '-1, 0 or 1: the btree order of news.termquery (terms as news.termvec, then the least number of shared terms; stored bytes break ties)';
CREATE FUNCTION news.termquery_hash(news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termquery_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_hash(news.termquery) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.termquery_hash_extended(news.termquery, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_termquery_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_hash_extended(news.termquery, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.termquery, news.termquery) IS 'equal: same terms with the same weights and the same least number of shared terms';
CREATE OPERATOR news.<> (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.termquery, news.termquery) IS 'not equal in the order of news.termquery_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.termquery, news.termquery) IS 'less than in the order of news.termquery_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.termquery, news.termquery) IS 'less than or equal in the order of news.termquery_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.termquery, news.termquery) IS 'greater than in the order of news.termquery_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.termquery, news.termquery) IS 'greater than or equal in the order of news.termquery_cmp';

CREATE OPERATOR CLASS news.termquery_ops
	DEFAULT FOR TYPE news.termquery USING btree AS
	OPERATOR 1 news.< (news.termquery, news.termquery),
	OPERATOR 2 news.<= (news.termquery, news.termquery),
	OPERATOR 3 news.= (news.termquery, news.termquery),
	OPERATOR 4 news.>= (news.termquery, news.termquery),
	OPERATOR 5 news.> (news.termquery, news.termquery),
	FUNCTION 1 news.termquery_cmp(news.termquery, news.termquery);
COMMENT ON OPERATOR CLASS news.termquery_ops USING btree IS 'btree order of news.termquery: terms as news.termvec, then the least number of shared terms';
COMMENT ON OPERATOR FAMILY news.termquery_ops USING btree IS 'btree operator family of news.termquery (see operator class news.termquery_ops)';

CREATE OPERATOR CLASS news.termquery_ops
	DEFAULT FOR TYPE news.termquery USING hash AS
	OPERATOR 1 news.= (news.termquery, news.termquery),
	FUNCTION 1 news.termquery_hash(news.termquery),
	FUNCTION 2 news.termquery_hash_extended(news.termquery, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.termquery_ops USING hash IS 'hash of the stored news.termquery value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.termquery_ops USING hash IS 'hash operator family of news.termquery (see operator class news.termquery_ops)';

-- news.corpus: = means same document count, total length and document frequencies; order: document count, total length, then (id, df) entries in id order
CREATE FUNCTION news.corpus_eq(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_eq(news.corpus, news.corpus) IS 'equal (operator =; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_ne(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_ne(news.corpus, news.corpus) IS 'not equal (operator <>; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_lt(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_lt(news.corpus, news.corpus) IS 'less than (operator <; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_le(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_le(news.corpus, news.corpus) IS 'less than or equal (operator <=; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_gt(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_gt(news.corpus, news.corpus) IS 'greater than (operator >; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_ge(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_ge(news.corpus, news.corpus) IS 'greater than or equal (operator >=; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_cmp(news.corpus, news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_cmp(news.corpus, news.corpus) IS '-1, 0 or 1: the btree order of news.corpus (document count, total length, then (id, df) entries in id order; stored bytes break ties)';
CREATE FUNCTION news.corpus_hash(news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_hash(news.corpus) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.corpus_hash_extended(news.corpus, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_hash_extended(news.corpus, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.corpus, news.corpus) IS 'equal: same document count, total length and document frequencies';
CREATE OPERATOR news.<> (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.corpus, news.corpus) IS 'not equal in the order of news.corpus_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.corpus, news.corpus) IS 'less than in the order of news.corpus_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.corpus, news.corpus) IS 'less than or equal in the order of news.corpus_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.corpus, news.corpus) IS 'greater than in the order of news.corpus_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.corpus, news.corpus) IS 'greater than or equal in the order of news.corpus_cmp';

CREATE OPERATOR CLASS news.corpus_ops
	DEFAULT FOR TYPE news.corpus USING btree AS
	OPERATOR 1 news.< (news.corpus, news.corpus),
	OPERATOR 2 news.<= (news.corpus, news.corpus),
	OPERATOR 3 news.= (news.corpus, news.corpus),
	OPERATOR 4 news.>= (news.corpus, news.corpus),
	OPERATOR 5 news.> (news.corpus, news.corpus),
	FUNCTION 1 news.corpus_cmp(news.corpus, news.corpus);
COMMENT ON OPERATOR CLASS news.corpus_ops USING btree IS 'btree order of news.corpus: document count, total length, then (id, df) entries in id order';
COMMENT ON OPERATOR FAMILY news.corpus_ops USING btree IS 'btree operator family of news.corpus (see operator class news.corpus_ops)';

CREATE OPERATOR CLASS news.corpus_ops
	DEFAULT FOR TYPE news.corpus USING hash AS
	OPERATOR 1 news.= (news.corpus, news.corpus),
	FUNCTION 1 news.corpus_hash(news.corpus),
	FUNCTION 2 news.corpus_hash_extended(news.corpus, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.corpus_ops USING hash IS 'hash of the stored news.corpus value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.corpus_ops USING hash IS 'hash operator family of news.corpus (see operator class news.corpus_ops)';

-- news.minhash: = means same k, shingle size and slots; order: k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text)
CREATE FUNCTION news.minhash_eq(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_eq(news.minhash, news.minhash) IS 'equal (operator =; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_ne(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_ne(news.minhash, news.minhash) IS 'not equal (operator <>; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_lt(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_lt(news.minhash, news.minhash) IS 'less than (operator <; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_le(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_le(news.minhash, news.minhash) IS 'less than or equal (operator <=; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_gt(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_gt(news.minhash, news.minhash) IS 'greater than (operator >; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_ge(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_ge(news.minhash, news.minhash) IS 'greater than or equal (operator >=; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_cmp(news.minhash, news.minhash) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_cmp(news.minhash, news.minhash) IS '-1, 0 or 1: the btree order of news.minhash (k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text); stored bytes break ties)';
CREATE FUNCTION news.minhash_hash(news.minhash) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_hash(news.minhash) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.minhash_hash_extended(news.minhash, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_minhash_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_hash_extended(news.minhash, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.minhash, news.minhash) IS 'equal: same k, shingle size and slots';
CREATE OPERATOR news.<> (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.minhash, news.minhash) IS 'not equal in the order of news.minhash_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.minhash, news.minhash) IS 'less than in the order of news.minhash_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.minhash, news.minhash) IS 'less than or equal in the order of news.minhash_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.minhash, news.minhash) IS 'greater than in the order of news.minhash_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.minhash, news.minhash) IS 'greater than or equal in the order of news.minhash_cmp';

CREATE OPERATOR CLASS news.minhash_ops
	DEFAULT FOR TYPE news.minhash USING btree AS
	OPERATOR 1 news.< (news.minhash, news.minhash),
	OPERATOR 2 news.<= (news.minhash, news.minhash),
	OPERATOR 3 news.= (news.minhash, news.minhash),
	OPERATOR 4 news.>= (news.minhash, news.minhash),
	OPERATOR 5 news.> (news.minhash, news.minhash),
	FUNCTION 1 news.minhash_cmp(news.minhash, news.minhash);
COMMENT ON OPERATOR CLASS news.minhash_ops USING btree IS 'btree order of news.minhash: k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text)';
COMMENT ON OPERATOR FAMILY news.minhash_ops USING btree IS 'btree operator family of news.minhash (see operator class news.minhash_ops)';

CREATE OPERATOR CLASS news.minhash_ops
	DEFAULT FOR TYPE news.minhash USING hash AS
	OPERATOR 1 news.= (news.minhash, news.minhash),
	FUNCTION 1 news.minhash_hash(news.minhash),
	FUNCTION 2 news.minhash_hash_extended(news.minhash, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.minhash_ops USING hash IS 'hash of the stored news.minhash value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.minhash_ops USING hash IS 'hash operator family of news.minhash (see operator class news.minhash_ops)';

-- news.clustering: = means same members in the same clusters; order: member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first
CREATE FUNCTION news.clustering_eq(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_eq(news.clustering, news.clustering) IS 'equal (operator =; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_ne(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_ne(news.clustering, news.clustering) IS 'not equal (operator <>; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_lt(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_lt(news.clustering, news.clustering) IS 'less than (operator <; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_le(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_le(news.clustering, news.clustering) IS 'less than or equal (operator <=; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_gt(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_gt(news.clustering, news.clustering) IS 'greater than (operator >; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_ge(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_ge(news.clustering, news.clustering) IS 'greater than or equal (operator >=; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_cmp(news.clustering, news.clustering) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_clustering_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_cmp(news.clustering, news.clustering) IS '-1, 0 or 1: the btree order of news.clustering (member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first; stored bytes break ties)';
CREATE FUNCTION news.clustering_hash(news.clustering) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_clustering_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_hash(news.clustering) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.clustering_hash_extended(news.clustering, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_clustering_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_hash_extended(news.clustering, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.clustering, news.clustering) IS 'equal: same members in the same clusters';
CREATE OPERATOR news.<> (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.clustering, news.clustering) IS 'not equal in the order of news.clustering_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.clustering, news.clustering) IS 'less than in the order of news.clustering_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.clustering, news.clustering) IS 'less than or equal in the order of news.clustering_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.clustering, news.clustering) IS 'greater than in the order of news.clustering_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.clustering, news.clustering) IS 'greater than or equal in the order of news.clustering_cmp';

CREATE OPERATOR CLASS news.clustering_ops
	DEFAULT FOR TYPE news.clustering USING btree AS
	OPERATOR 1 news.< (news.clustering, news.clustering),
	OPERATOR 2 news.<= (news.clustering, news.clustering),
	OPERATOR 3 news.= (news.clustering, news.clustering),
	OPERATOR 4 news.>= (news.clustering, news.clustering),
	OPERATOR 5 news.> (news.clustering, news.clustering),
	FUNCTION 1 news.clustering_cmp(news.clustering, news.clustering);
COMMENT ON OPERATOR CLASS news.clustering_ops USING btree IS 'btree order of news.clustering: member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first';
COMMENT ON OPERATOR FAMILY news.clustering_ops USING btree IS 'btree operator family of news.clustering (see operator class news.clustering_ops)';

CREATE OPERATOR CLASS news.clustering_ops
	DEFAULT FOR TYPE news.clustering USING hash AS
	OPERATOR 1 news.= (news.clustering, news.clustering),
	FUNCTION 1 news.clustering_hash(news.clustering),
	FUNCTION 2 news.clustering_hash_extended(news.clustering, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.clustering_ops USING hash IS 'hash of the stored news.clustering value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.clustering_ops USING hash IS 'hash operator family of news.clustering (see operator class news.clustering_ops)';
-- 0.1.0 to 0.2.0: the C functions of 0.1.0 whose symbols the one naming
-- scheme of src/pg/na_glue.h renamed (termvec_in -> news_termvec_in,
-- na_entities -> news_entities, ...) point at their new symbols, as in a
-- fresh install (src/sql/[0-9]*.sql).  CREATE OR REPLACE keeps each
-- function's OID, owner, privileges and comment, and every object that
-- depends on it; it resets what the statement does not say, so the SUPPORT
-- functions the install pieces attach with ALTER FUNCTION are attached
-- again at the end.  The old symbols stay exported (released_symbols.c) for
-- databases not yet updated.

CREATE OR REPLACE FUNCTION news.termvec_in(pg_catalog.cstring) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_out(news.termvec) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_recv(pg_catalog.internal) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_send(news.termvec) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_in(pg_catalog.cstring) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_out(news.corpus) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_corpus_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_recv(pg_catalog.internal) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_send(news.corpus) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_corpus_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.term_id(term pg_catalog.text) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_term_id' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec(body pg_catalog.text, config pg_catalog.text DEFAULT 'english') RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec(term_ids pg_catalog.int8[], weights pg_catalog.float4[]) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_from_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.nnz(news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_nnz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.norm(news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_norm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_entries(news.termvec, OUT term_id pg_catalog.int8, OUT weight pg_catalog.float4)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_termvec_entries' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;

CREATE OR REPLACE FUNCTION news.top_terms(news.termvec, n pg_catalog.int4) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_top_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.tfidf(news.termvec, news.corpus) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_tfidf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.bm25(query news.termvec, doc news.termvec, corpus news.corpus,
						  k1 pg_catalog.float8 DEFAULT 1.2, b pg_catalog.float8 DEFAULT 0.75)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_bm25' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cosine(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cosine_distance(news.termvec, news.termvec) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_cosine_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_overlaps(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.shared_terms(news.termvec, news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_shared_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_eq(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_merge(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_prune(news.corpus, min_df pg_catalog.int8 DEFAULT 2, max_terms pg_catalog.int4 DEFAULT 0)
	RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_prune' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_docs(news.corpus) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_docs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_terms(news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_avg_length(news.corpus) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_corpus_avg_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_df(news.corpus, term_id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_df' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_trans(news.corpus, news.termvec) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_combine(news.corpus, news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.corpus_stats_final(news.corpus) RETURNS news.corpus
	AS 'MODULE_PATHNAME', 'news_corpus_stats_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_in(pg_catalog.cstring) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_out(news.termquery) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_termquery_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_recv(pg_catalog.internal) RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_termquery_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termquery_send(news.termquery) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_termquery_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.mlt_query(probe news.termvec, nterms pg_catalog.int4 DEFAULT 20, min_shared pg_catalog.int4 DEFAULT 2)
	RETURNS news.termquery
	AS 'MODULE_PATHNAME', 'news_mlt_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.min_shared(news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_min_shared' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.query_terms(news.termquery) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_query_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_matches(news.termvec, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_extract_value(news.termvec, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_extract_query(news.termvec, pg_catalog.internal, pg_catalog.int2,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_termvec_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4,
											   pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
	RETURNS pg_catalog."char"
	AS 'MODULE_PATHNAME', 'news_termvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_in(pg_catalog.cstring) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_out(news.clustering) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'news_clustering_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_recv(pg_catalog.internal) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clustering_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_send(news.clustering) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'news_clustering_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_trans(news.clustering, pg_catalog.int8, pg_catalog.int8) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_combine(news.clustering, news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clusters_final(news.clustering) RETURNS news.clustering
	AS 'MODULE_PATHNAME', 'news_clusters_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cluster_members(news.clustering, OUT id pg_catalog.int8, OUT cluster_id pg_catalog.int8)
	RETURNS SETOF pg_catalog.record
	AS 'MODULE_PATHNAME', 'news_cluster_members' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;

CREATE OR REPLACE FUNCTION news.cluster_of(news.clustering, id pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.cluster_count(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_cluster_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.clustering_size(news.clustering) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_clustering_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.gazetteer_builtin_default()
RETURNS boolean
AS 'MODULE_PATHNAME', 'news_gazetteer_builtin_default'
LANGUAGE C VOLATILE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.gazetteer_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'news_gazetteer_changed'
LANGUAGE C;

CREATE OR REPLACE FUNCTION news.entities(body text,
	OUT entity text, OUT type text, OUT mention text, OUT start integer,
	OUT length integer, OUT sentence integer, OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 40;

CREATE OR REPLACE FUNCTION news.entity_country(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'news_entity_country'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION news.entity_types(OUT type text, OUT description text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entity_types'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 12;

CREATE OR REPLACE FUNCTION news.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 10;

-- planner support, as src/sql/60_equality.sql attaches it
ALTER FUNCTION news.termvec_eq(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_overlaps(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_matches(news.termvec, news.termquery) SUPPORT news.operator_support;
-- 56_minhash_query_order.sql: equality, order and hashing of
-- news.minhash_query (btree and hash operator classes), as every other type
-- of the extension has them (60_equality.sql): DISTINCT, GROUP BY, IN and
-- joins on query values.  The install piece
-- 61_minhash_query_order.sql holds the same.

-- news.minhash_query: = means the same probe and threshold; order: the probes in the order of news.minhash, then the threshold
CREATE FUNCTION news.minhash_query_eq(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_eq(news.minhash_query, news.minhash_query) IS 'equal (operator =; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_ne(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_ne(news.minhash_query, news.minhash_query) IS 'not equal (operator <>; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_lt(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_lt(news.minhash_query, news.minhash_query) IS 'less than (operator <; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_le(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_le(news.minhash_query, news.minhash_query) IS 'less than or equal (operator <=; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_gt(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_gt(news.minhash_query, news.minhash_query) IS 'greater than (operator >; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_ge(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_ge(news.minhash_query, news.minhash_query) IS 'greater than or equal (operator >=; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_cmp(news.minhash_query, news.minhash_query) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_query_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_cmp(news.minhash_query, news.minhash_query) IS '-1, 0 or 1: the btree order of news.minhash_query (the probes in the order of news.minhash_cmp, then the threshold; stored bytes break ties)';
CREATE FUNCTION news.minhash_query_hash(news.minhash_query) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_query_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_hash(news.minhash_query) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.minhash_query_hash_extended(news.minhash_query, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_minhash_query_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_hash_extended(news.minhash_query, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.minhash_query, news.minhash_query) IS 'equal: the same probe and threshold';
CREATE OPERATOR news.<> (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.minhash_query, news.minhash_query) IS 'not equal in the order of news.minhash_query_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.minhash_query, news.minhash_query) IS 'less than in the order of news.minhash_query_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.minhash_query, news.minhash_query) IS 'less than or equal in the order of news.minhash_query_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.minhash_query, news.minhash_query) IS 'greater than in the order of news.minhash_query_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.minhash_query, news.minhash_query) IS 'greater than or equal in the order of news.minhash_query_cmp';

CREATE OPERATOR CLASS news.minhash_query_ops
	DEFAULT FOR TYPE news.minhash_query USING btree AS
	OPERATOR 1 news.< (news.minhash_query, news.minhash_query),
	OPERATOR 2 news.<= (news.minhash_query, news.minhash_query),
	OPERATOR 3 news.= (news.minhash_query, news.minhash_query),
	OPERATOR 4 news.>= (news.minhash_query, news.minhash_query),
	OPERATOR 5 news.> (news.minhash_query, news.minhash_query),
	FUNCTION 1 news.minhash_query_cmp(news.minhash_query, news.minhash_query);
COMMENT ON OPERATOR CLASS news.minhash_query_ops USING btree IS 'btree order of news.minhash_query: the probes in the order of news.minhash, then the threshold';
COMMENT ON OPERATOR FAMILY news.minhash_query_ops USING btree IS 'btree operator family of news.minhash_query (see operator class news.minhash_query_ops)';
-- 60_analyze.sql: one analysed document (issue 8, items 1 and 2).
-- news.analyze is new (src/sql/70_analyze.sql, repeated below); news.quotes
-- takes its speakers from the entities news.entities reports, pattern
-- spans included, and so also reads news.entity_patterns
-- (src/sql/50_entities.sql).

COMMENT ON FUNCTION news.quotes(text) IS
'direct quotations of a text in order: the quoted words (paragraphs joined by a space), the canonical speaker or NULL, the speaker as written, 1-based character start and length of the quoted span without its outer quote marks; speakers are the persons and organizations news.entities reports; STABLE: reads news.gazetteer and news.entity_patterns';

-- as in 70_analyze.sql
CREATE FUNCTION news.analyze(body pg_catalog.text, published pg_catalog.timestamptz DEFAULT NULL)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_analyze'
LANGUAGE C STABLE PARALLEL SAFE
COST 1000;
COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone) and "sentiment" (the document''s tone, the row of news.sentiment(body)); each row has the keys of the function''s columns, so jsonb_to_recordset (jsonb_to_record for "sentiment") gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';

-- 65_quotes.sql: quote attribution as source, cue and content (issue 10).
-- news.quotes keeps its five columns, their names and meaning, and gains
-- kind, cue, the offsets of the source and the cue, the content span and a
-- confidence (src/sql/50_entities.sql, repeated below).  A function's OUT
-- columns cannot be changed in place, so it is dropped and created again;
-- no object of the extension depends on it (views and functions that call
-- it by name, such as a tracked table's refresh, keep working: the five
-- columns they read are unchanged).
DROP FUNCTION news.quotes(text);

CREATE FUNCTION news.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer,
	OUT kind text, OUT cue text,
	OUT speaker_start integer, OUT speaker_length integer,
	OUT cue_start integer, OUT cue_length integer,
	OUT content_start integer, OUT content_length integer,
	OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION news.quotes(text) IS
'who said what, in text order: quotations and reported speech with the quoted words (paragraphs joined by a space; for kind indirect the reported content), the canonical speaker (the entity as news.entities names it, also when the source is a pronoun, a role or an organization noun) or NULL, the source as written, 1-based character start and length of the quoted span without its outer marks, kind (direct, partial, scare, indirect), the cue (said, told, described as, according to), start and length of the source and of the cue, the content span (the quotation, the reported clause, or the indirect content; NULL for scare quotes) and a confidence from 0 to 1; scare quotes have no speaker and can be left out with kind <> ''scare''; STABLE: reads news.gazetteer and news.entity_patterns';

-- ---------------------------------------------------------------------------
-- Stop-entities, new in 0.2.0 (mirrors src/sql/56_stop_entities.sql): the
-- owner's control over what news.entities reports (src/core/stop_entities.c,
-- src/pg/stop_entities.c), as Oracle Text's CTX_ENTITY.ADD_STOP_ENTITY.
-- ---------------------------------------------------------------------------
CREATE TABLE news.stop_entities (
	name text NOT NULL,
	type text,
	action text NOT NULL DEFAULT 'stop',
	forced_type text,
	CONSTRAINT stop_entities_name_check CHECK (pg_catalog.length(name) OPERATOR(pg_catalog.>) 0),
	CONSTRAINT stop_entities_type_check CHECK (type OPERATOR(pg_catalog.=) ANY
		(ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC']::pg_catalog.text[])),
	CONSTRAINT stop_entities_action_check CHECK (
		(action OPERATOR(pg_catalog.=) 'stop' AND forced_type IS NULL) OR
		(action OPERATOR(pg_catalog.=) 'force_type' AND forced_type IS NOT NULL AND
		 forced_type OPERATOR(pg_catalog.=) ANY
			(ARRAY['PERSON', 'ORG', 'LOC', 'NORP', 'MISC']::pg_catalog.text[])))
);

COMMENT ON TABLE news.stop_entities IS
'names news.entities (and so news.quotes and news.analyze) never reports, or reports with a forced type; matched case-insensitively against the canonical name or the mention as written; changes apply to the next query in every session';
COMMENT ON COLUMN news.stop_entities.name IS 'the name, as news.entities reports it (canonical) or as written in the text';
COMMENT ON COLUMN news.stop_entities.type IS 'PERSON, ORG, LOC, NORP or MISC: the rule applies to entities of this type only; NULL: to any type (a rule with the type wins)';
COMMENT ON COLUMN news.stop_entities.action IS 'stop: never an entity; force_type: always of type forced_type';
COMMENT ON COLUMN news.stop_entities.forced_type IS 'the type of a force_type rule (PERSON, ORG, LOC, NORP, MISC); NULL for stop';
COMMENT ON CONSTRAINT stop_entities_name_check ON news.stop_entities IS 'the name is not empty';
COMMENT ON CONSTRAINT stop_entities_type_check ON news.stop_entities IS 'the types news.entities reports for names';
COMMENT ON CONSTRAINT stop_entities_action_check ON news.stop_entities IS 'stop without a forced type, or force_type with one';
GRANT SELECT ON news.stop_entities TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.stop_entities', '');

CREATE TRIGGER stop_entities_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.stop_entities
	FOR EACH STATEMENT EXECUTE FUNCTION news.gazetteer_changed();

COMMENT ON TRIGGER stop_entities_changed ON news.stop_entities IS
'reload the stop-entities with the gazetteer in every session after a change (relcache invalidation)';

-- Regional, religious and political groups (src/data/gazetteer/groups.txt),
-- new default rows of news.gazetteer in 0.2.0 (mirrors
-- src/sql/51_gazetteer_data.sql); builtin, as news.gazetteer_builtin_default()
-- is true while the update runs.
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
('African', 'African', 'NORP', NULL),
('Africans', 'African', 'NORP', NULL),
('Arab', 'Arab', 'NORP', NULL),
('Arabs', 'Arab', 'NORP', NULL),
('Asian', 'Asian', 'NORP', NULL),
('Asians', 'Asian', 'NORP', NULL),
('Buddhist', 'Buddhist', 'NORP', NULL),
('Buddhists', 'Buddhist', 'NORP', NULL),
('Catholic', 'Catholic', 'NORP', NULL),
('Catholics', 'Catholic', 'NORP', NULL),
('Roman Catholic', 'Catholic', 'NORP', NULL),
('Roman Catholics', 'Catholic', 'NORP', NULL),
('Christian', 'Christian', 'NORP', NULL),
('Christians', 'Christian', 'NORP', NULL),
('European', 'European', 'NORP', NULL),
('Europeans', 'European', 'NORP', NULL),
('Hindu', 'Hindu', 'NORP', NULL),
('Hindus', 'Hindu', 'NORP', NULL),
('Islamic', 'Islamic', 'NORP', NULL),
('Jew', 'Jewish', 'NORP', NULL),
('Jewish', 'Jewish', 'NORP', NULL),
('Jews', 'Jewish', 'NORP', NULL),
('Latin American', 'Latin American', 'NORP', NULL),
('Latin Americans', 'Latin American', 'NORP', NULL),
('Middle Eastern', 'Middle Eastern', 'NORP', NULL),
('Moslem', 'Muslim', 'NORP', NULL),
('Moslems', 'Muslim', 'NORP', NULL),
('Muslim', 'Muslim', 'NORP', NULL),
('Muslims', 'Muslim', 'NORP', NULL),
('Protestant', 'Protestant', 'NORP', NULL),
('Protestants', 'Protestant', 'NORP', NULL),
('Scandinavian', 'Scandinavian', 'NORP', NULL),
('Scandinavians', 'Scandinavian', 'NORP', NULL),
('Shi''ite', 'Shia', 'NORP', NULL),
('Shi''ites', 'Shia', 'NORP', NULL),
('Shia', 'Shia', 'NORP', NULL),
('Shiite', 'Shia', 'NORP', NULL),
('Shiites', 'Shia', 'NORP', NULL),
('Sikh', 'Sikh', 'NORP', NULL),
('Sikhs', 'Sikh', 'NORP', NULL),
('Sunni', 'Sunni', 'NORP', NULL),
('Sunnis', 'Sunni', 'NORP', NULL),
('Tory', 'Tory', 'NORP', NULL);

-- 71_clean.sql: news.clean, news.boilerplate and news.boilerplate_kinds are
-- new (issue 11, item 1); as in src/sql/71_clean.sql.

CREATE FUNCTION news.clean(body pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'news_clean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clean(pg_catalog.text) IS
	'body without markup (tags, comments, script and style elements, escaped markup such as &lt;a href=...&gt;, character references decoded; HTML is parsed with an HTML5 parser, plain text is left as written) and without scraper boilerplate lines (breadcrumbs, menus, share, subscribe and cookie notices, "Read more", "Related:" and "click here" lines, previous/next navigation with its headlines, source and picture credits, teasers, repeated teaser lines); paragraphs and headings stay, one per line, separated by blank lines; news.boilerplate lists what was removed';

CREATE FUNCTION news.boilerplate(body pg_catalog.text)
	RETURNS TABLE(start pg_catalog.int4, length pg_catalog.int4, kind pg_catalog.text, text pg_catalog.text)
	AS 'MODULE_PATHNAME', 'news_boilerplate'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 20;
COMMENT ON FUNCTION news.boilerplate(pg_catalog.text) IS
	'what news.clean removes from body, in order of start: the kind (news.boilerplate_kinds) and the 1-based character start and length in body, such that substr(body, start, length) = text; a removed line covers its text and the tags in it, which are listed too';

CREATE FUNCTION news.boilerplate_kinds(OUT kind pg_catalog.text, OUT description pg_catalog.text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_boilerplate_kinds'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 16;
COMMENT ON FUNCTION news.boilerplate_kinds() IS
	'the kinds of removals news.boilerplate reports, with a description of each';

-- 72_keywords.sql: news.keywords, its corpus-aware overload and news.keywords_agg
-- (issue 11, item 2); as in src/sql/72_keywords.sql.
CREATE FUNCTION news.keywords(body pg_catalog.text, n pg_catalog.int4 DEFAULT 10)
RETURNS TABLE(phrase pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4,
			  kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4)
AS 'MODULE_PATHNAME', 'news_keywords'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION news.keywords(pg_catalog.text, pg_catalog.int4) IS
'the n best keyphrases of a text (1 to 4 words, as written; names whole; no phrase inside another), best first: score 0..1, mentions, kind (word, phrase, name), and the character start (from 1) and length of the mention shown; rarity from built-in news document frequencies';

CREATE FUNCTION news.keywords(body pg_catalog.text, corpus news.corpus, n pg_catalog.int4 DEFAULT 10)
RETURNS TABLE(phrase pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4,
			  kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4)
AS 'MODULE_PATHNAME', 'news_keywords_corpus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION news.keywords(pg_catalog.text, news.corpus, pg_catalog.int4) IS
'the n best keyphrases of a text, rarity weighed against a corpus (news.corpus_stats of news.termvec(body), keyed by the stems'' news.term_id)';

CREATE FUNCTION news.keywords_agg_trans(state pg_catalog.bytea, body pg_catalog.text, n pg_catalog.int4)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_trans(pg_catalog.bytea, pg_catalog.text, pg_catalog.int4) IS
'transition function of news.keywords_agg(body, n): adds the keyphrases of one text';

CREATE FUNCTION news.keywords_agg_trans(state pg_catalog.bytea, body pg_catalog.text)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_trans(pg_catalog.bytea, pg_catalog.text) IS
'transition function of news.keywords_agg(body): adds the keyphrases of one text';

CREATE FUNCTION news.keywords_agg_combine(a pg_catalog.bytea, b pg_catalog.bytea)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_combine(pg_catalog.bytea, pg_catalog.bytea) IS
'combine function of news.keywords_agg: two partial states in one';

CREATE FUNCTION news.keywords_agg_final(state pg_catalog.bytea)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_keywords_agg_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_final(pg_catalog.bytea) IS
'final function of news.keywords_agg: the keyphrases of the set as a jsonb array';

CREATE AGGREGATE news.keywords_agg(body pg_catalog.text, n pg_catalog.int4) (
	SFUNC = news.keywords_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.keywords_agg_combine,
	FINALFUNC = news.keywords_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.keywords_agg(pg_catalog.text, pg_catalog.int4) IS
'the n best keyphrases of a set of texts (a story, a day) as a jsonb array of {phrase, score, articles, count, kind}: phrases of many texts first, score the mean over the texts';

CREATE AGGREGATE news.keywords_agg(body pg_catalog.text) (
	SFUNC = news.keywords_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.keywords_agg_combine,
	FINALFUNC = news.keywords_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.keywords_agg(pg_catalog.text) IS
'the 10 best keyphrases of a set of texts as a jsonb array of {phrase, score, articles, count, kind}';

-- 73_summary.sql: news.summary and news.summary_agg (issue 11, item 3); as in
-- src/sql/73_summary.sql.
CREATE FUNCTION news.summary(body pg_catalog.text, sentences pg_catalog.int4 DEFAULT 3)
RETURNS TABLE(sentence pg_catalog.int4, text pg_catalog.text, start pg_catalog.int4,
			  length pg_catalog.int4, score pg_catalog.float4)
AS 'MODULE_PATHNAME', 'news_summary'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION news.summary(pg_catalog.text, pg_catalog.int4) IS
'an extractive summary: the given number of sentences (1 to 100) that carry the text, in text order, with their sentence number (as news.sentences counts), text (without a dateline), character start (from 1) and length, and score 0..1; headings, bylines, boilerplate, fragments and quotations cut mid-sentence are never picked';

CREATE FUNCTION news.summary_agg_trans(state pg_catalog.bytea, body pg_catalog.text, sentences pg_catalog.int4)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_trans(pg_catalog.bytea, pg_catalog.text, pg_catalog.int4) IS
'transition function of news.summary_agg(body, sentences): adds the best sentences of one text';

CREATE FUNCTION news.summary_agg_trans(state pg_catalog.bytea, body pg_catalog.text)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_trans(pg_catalog.bytea, pg_catalog.text) IS
'transition function of news.summary_agg(body): adds the best sentences of one text';

CREATE FUNCTION news.summary_agg_combine(a pg_catalog.bytea, b pg_catalog.bytea)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_combine(pg_catalog.bytea, pg_catalog.bytea) IS
'combine function of news.summary_agg: two partial states in one';

CREATE FUNCTION news.summary_agg_final(state pg_catalog.bytea)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_summary_agg_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_final(pg_catalog.bytea) IS
'final function of news.summary_agg: the summary of the set as a jsonb array';

CREATE AGGREGATE news.summary_agg(body pg_catalog.text, sentences pg_catalog.int4) (
	SFUNC = news.summary_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.summary_agg_combine,
	FINALFUNC = news.summary_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.summary_agg(pg_catalog.text, pg_catalog.int4) IS
'a multi-article summary of a set of texts (a story) as a jsonb array of {text, score}, best first: the sentences most central across the texts and good in their own, without repeats';

CREATE AGGREGATE news.summary_agg(body pg_catalog.text) (
	SFUNC = news.summary_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.summary_agg_combine,
	FINALFUNC = news.summary_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.summary_agg(pg_catalog.text) IS
'a three-sentence multi-article summary of a set of texts as a jsonb array of {text, score}, best first';

-- 74_sentiment.sql: news.sentiment and news.entity_sentiment are new (issue
-- 11, item 4); the same objects as src/sql/74_sentiment.sql.
-- ---------------------------------------------------------------------------
-- Sentiment: document tone and sentiment toward a target or every entity
-- (src/core/sentiment.c, src/core/sentiment_model.c, src/pg/sentiment.c)
-- ---------------------------------------------------------------------------

-- Not STRICT: a NULL target asks for the tone of the whole text; a NULL
-- body gives no row.
CREATE FUNCTION news.sentiment(body pg_catalog.text, target pg_catalog.text DEFAULT NULL,
	OUT polarity pg_catalog.text, OUT score pg_catalog.float4,
	OUT positive pg_catalog.float4, OUT negative pg_catalog.float4,
	OUT sentences pg_catalog.int4, OUT mentions pg_catalog.int4, OUT words pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_sentiment'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1;

COMMENT ON FUNCTION news.sentiment(pg_catalog.text, pg_catalog.text) IS
'sentiment of a text: without target (NULL) the tone of the whole text, with a target (a name or a mention as written) the sentiment toward it in the sentences that mention it (full name, surname, a following pronoun); one row: polarity (negative, neutral, positive), score in [-1, 1] (P(positive) - P(negative)), positive and negative (percent of words with that connotation, GDELT''s scores: tone = positive - negative), sentences and words read, mentions of the target found; learned from NewsMTSC train';

CREATE FUNCTION news.entity_sentiment(body pg_catalog.text,
	OUT entity pg_catalog.text, OUT type pg_catalog.text, OUT polarity pg_catalog.text,
	OUT score pg_catalog.float4, OUT mentions pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entity_sentiment'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION news.entity_sentiment(pg_catalog.text) IS
'the sentiment toward every entity of news.entities (PERSON, ORG, LOC, NORP, MISC; pattern spans such as DATE are not entities here), in the order of first mention: canonical name, type, polarity (negative, neutral, positive), score in [-1, 1] and mentions (a person''s pronouns included); STABLE: reads news.gazetteer';
-- 75_time_zone.sql (upgrade): the publication day in a time zone the query names.
-- news.dates(body, timestamptz) and news.analyze(body, timestamptz) take
-- the day of publication in the session's TimeZone, a setting that a
-- connection pooler or a Citus worker does not share with the client.  These
-- overloads carry the zone in the call, so the answer is the same in every
-- session.  The install piece 75_time_zone.sql holds the same.

CREATE FUNCTION news.dates(body pg_catalog.text, published pg_catalog.timestamptz,
	time_zone pg_catalog.text,
	OUT mention pg_catalog.text, OUT date pg_catalog.date, OUT grain pg_catalog.text,
	OUT start pg_catalog.int4, OUT length pg_catalog.int4)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	ROWS 10
	AS $$ SELECT * FROM news.dates($1, pg_catalog.timezone($3, $2)::pg_catalog.date) $$;
COMMENT ON FUNCTION news.dates(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.text) IS
	'news.dates with the publication date taken from a timestamptz in the named time zone (''UTC'', ''Europe/Berlin'', ''+05:30''), whatever the session''s TimeZone; an unknown zone raises 22023';

-- The date goes to news.analyze as a timestamptz at local midnight of the
-- session, which news.analyze turns back into the same date: the round
-- trip in one zone is exact, so the session's TimeZone does not matter.
CREATE FUNCTION news.analyze(body pg_catalog.text, published pg_catalog.timestamptz,
	time_zone pg_catalog.text)
	RETURNS pg_catalog.jsonb
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$ SELECT news.analyze($1, pg_catalog.timezone($3, $2)::pg_catalog.date::pg_catalog.timestamptz) $$;
COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.text) IS
	'news.analyze with the day of publication taken in the named time zone, whatever the session''s TimeZone (the dates section resolves against that day); an unknown zone raises 22023';

-- ---------------------------------------------------------------------------
-- Pipeline: tracked tables, incremental refresh, scheduling (issue 14)
-- ---------------------------------------------------------------------------
-- news.track(source, ...) starts analysing an articles table; the results
-- live in tables of the caller's own schema, one table per registered
-- analysis (news.pipeline_analyses), and news.refresh keeps them up to date.
--
-- Security model.  Nobody but superusers creates objects in news, so every
-- object a tracked table needs is created by the caller (SECURITY INVOKER)
-- in result_schema, which defaults to the source table's schema:
--
--   <table>_mentions, _quotes, _dates, _vectors, _terms   one per analysis
--   <table>_analysed    one row per analysed article: configuration version,
--                       error, publication time, source
--   <table>_queue       article ids waiting for analysis
--   <table>_enqueue()   the trigger function of the source table: SECURITY
--                       DEFINER owned by the caller (EXECUTE revoked from
--                       PUBLIC), so that the table's writers queue ids
--                       without any privilege on the queue
--   views for dashboards (news.pipeline_views)
--
-- Only the registry lives in news: news.tracked and news.tracked_objects,
-- configuration tables (pg_dump keeps them) that record relations by OID
-- (regclass), never by name.  Any role may write them, and a trigger running
-- as that role (news.tracked_guard) accepts only rows of a role it may act
-- for, about a source table it owns and relations it owns; so the
-- extension owner's grant on configuration tables gives nothing more, and a
-- restore by an ordinary role brings back its own rows only.
--
-- Everything that reads or writes a tracked table's objects runs as the
-- caller.  news.refresh processes only tables tracked by the current role
-- (or, for a role that is not a superuser, by a role it is a member of):
-- a superuser's scheduled refresh never runs into another role's
-- triggers, index expressions or views.  Every identifier goes through
-- format('%I') or a regclass; no caller string is ever executed.

-- news.pipeline_config: the version of the configuration that entities and
-- quotes depend on (gazetteer, patterns).  A statement trigger on those
-- tables bumps it; rows analysed under another version are stale and the
-- next refresh analyses them again (the analyses marked config_dependent).
CREATE TABLE news.pipeline_config (
	version pg_catalog.int8 NOT NULL,
	changed_at pg_catalog.timestamptz NOT NULL,
	only_row pg_catalog.bool PRIMARY KEY DEFAULT true CONSTRAINT pipeline_config_one_row CHECK (only_row)
);
COMMENT ON TABLE news.pipeline_config IS
	'version of the configuration that stored entities and quotes depend on; bumped by every change of news.gazetteer or news.entity_patterns';
COMMENT ON COLUMN news.pipeline_config.version IS 'current configuration version; analysed articles carry the version that produced them';
COMMENT ON COLUMN news.pipeline_config.changed_at IS 'time of the last configuration change';
COMMENT ON COLUMN news.pipeline_config.only_row IS 'always true: the table has one row';
COMMENT ON CONSTRAINT pipeline_config_one_row ON news.pipeline_config IS 'the table has one row';
INSERT INTO news.pipeline_config (version, changed_at) VALUES (1, pg_catalog.now());
GRANT SELECT ON news.pipeline_config TO PUBLIC;

-- news.pipeline_config_changed: statement trigger on the configuration
-- tables.  SECURITY DEFINER: whoever may edit the gazetteer needs no
-- privilege on news.pipeline_config; the function takes no input.
CREATE FUNCTION news.pipeline_config_changed() RETURNS pg_catalog.trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	UPDATE news.pipeline_config
	SET version = version OPERATOR(pg_catalog.+) 1, changed_at = pg_catalog.now();
	RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_config_changed() IS
	'trigger: bumps news.pipeline_config.version after news.gazetteer or news.entity_patterns changed, so that stored entities and quotes become stale';

CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.gazetteer
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.gazetteer IS
	'stored entities and quotes of tracked tables become stale';
CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.entity_patterns
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.entity_patterns IS
	'stored entities and quotes of tracked tables become stale';

-- news.term_surfaces: the n most frequent index terms of a text with their
-- most frequent spelling (the terms analysis; trending shows words, not
-- stems).
CREATE FUNCTION news.term_surfaces(body pg_catalog.text, n pg_catalog.int4 DEFAULT 40,
	config pg_catalog.text DEFAULT 'english',
	OUT term_id pg_catalog.int8, OUT surface pg_catalog.text, OUT count pg_catalog.int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_term_surfaces'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 40;
COMMENT ON FUNCTION news.term_surfaces(pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'the n most frequent index terms of body (as news.top_terms(news.termvec(body, config), n)): term id, most frequent spelling as written (ties: not all capitals, then byte order) and count';

-- news.term_surface_arrays: news.term_surfaces as one value per article,
-- the three columns as arrays (what the terms analysis stores: one row per
-- article instead of one per term).
CREATE FUNCTION news.term_surface_arrays(body pg_catalog.text, n pg_catalog.int4 DEFAULT 40,
	config pg_catalog.text DEFAULT 'english',
	OUT term_ids pg_catalog.int8[], OUT surfaces pg_catalog.text[], OUT counts pg_catalog.int4[])
	RETURNS record
	AS 'MODULE_PATHNAME', 'news_term_surface_arrays'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.term_surface_arrays(pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'the rows of news.term_surfaces(body, n, config) as three arrays in the same order, most frequent term first: term ids, spellings and counts (empty arrays for a body without index terms)';

-- ---------------------------------------------------------------------------
-- The analyses: one result table each.  A later analysis (keyphrases,
-- summary, sentiment) plugs in with one row here; news.refresh creates its
-- table for tables tracked before, and queues their articles again.
-- ---------------------------------------------------------------------------
CREATE TABLE news.pipeline_analyses (
	name pg_catalog.text PRIMARY KEY,
	position pg_catalog.int4 NOT NULL UNIQUE,
	columns pg_catalog.text NOT NULL,
	fill pg_catalog.text NOT NULL,
	indexes pg_catalog.text[] NOT NULL DEFAULT '{}',
	config_dependent pg_catalog.bool NOT NULL,
	trend_kind pg_catalog.text UNIQUE,
	trend_key pg_catalog.text,
	trend_label pg_catalog.text,
	trend_filter pg_catalog.text,
	trend_distinct pg_catalog.bool NOT NULL DEFAULT true,
	clear pg_catalog.text,
	setup pg_catalog.text,
	description pg_catalog.text NOT NULL
);
COMMENT ON TABLE news.pipeline_analyses IS
	'the analyses news.refresh stores for every tracked table, one result table <table>_<name> each; written by the extension''s scripts only';
COMMENT ON COLUMN news.pipeline_analyses.name IS 'analysis name, also the suffix of the result table';
COMMENT ON COLUMN news.pipeline_analyses.position IS 'order of the analyses in a batch';
COMMENT ON COLUMN news.pipeline_analyses.columns IS 'column definitions of the result table after article_id int8 and published timestamptz';
COMMENT ON COLUMN news.pipeline_analyses.fill IS 'query giving the result rows (article_id, published, columns...) of the articles in news_batch (id int8, body text, published timestamptz, title text, source text); {source}, {analysed} and {<name>} stand for the tracked table and its relations (news.pipeline_expand)';
COMMENT ON COLUMN news.pipeline_analyses.indexes IS 'index definitions of the result table (what follows CREATE INDEX ON table)';
COMMENT ON COLUMN news.pipeline_analyses.config_dependent IS 'the results depend on news.gazetteer or news.entity_patterns: stale rows are analysed again';
COMMENT ON COLUMN news.pipeline_analyses.trend_kind IS 'the kind news.trending accepts for this analysis, if any';
COMMENT ON COLUMN news.pipeline_analyses.trend_key IS 'news.trending: the item of a result row r (an expression; a set-returning one, as unnest(r.term_ids), gives the several items of a row)';
COMMENT ON COLUMN news.pipeline_analyses.trend_label IS 'news.trending: the text shown for the item (its most frequent value in the window; set-returning when trend_key is, element for element)';
COMMENT ON COLUMN news.pipeline_analyses.trend_filter IS 'news.trending: condition on r for rows that count';
COMMENT ON COLUMN news.pipeline_analyses.trend_distinct IS 'news.trending: an article may have several rows of one item (they are counted once)';
COMMENT ON COLUMN news.pipeline_analyses.clear IS 'statement removing the results of the articles whose ids are in $1, for an analysis that keeps more than rows per article (NULL: DELETE from the result table); placeholders as in fill';
COMMENT ON COLUMN news.pipeline_analyses.setup IS 'statement run once after the result table of a tracked table is created, making the other relations the analysis keeps (registered in news.tracked_objects); placeholders as in fill';
COMMENT ON COLUMN news.pipeline_analyses.description IS 'what the result table holds';
GRANT SELECT ON news.pipeline_analyses TO PUBLIC;

INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent,
	trend_kind, trend_key, trend_label, trend_filter, trend_distinct, description) VALUES
('mentions', 10,
 'entity pg_catalog.text, type pg_catalog.text, mention pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, sentence pg_catalog.int4, confidence pg_catalog.float4',
 'SELECT b.id, b.published, e.entity, e.type, e.mention, e.start, e.length, e.sentence, e.confidence
  FROM news_batch b CROSS JOIN LATERAL news.entities(b.body) e',
 ARRAY['(article_id)', '(published, type, entity)'], true,
 'entities', 'r.entity', 'r.entity',
 'r.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])', true,
 'named entities and pattern entities (news.entities) of every article: canonical name, type, mention as written, 1-based character start and length, sentence, confidence'),
('quotes', 20,
 'quote pg_catalog.text, speaker pg_catalog.text, speaker_mention pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, kind pg_catalog.text, cue pg_catalog.text, confidence pg_catalog.float4',
 'SELECT b.id, b.published, q.quote, q.speaker, q.speaker_mention, q.start, q.length, q.kind, q.cue, q.confidence
  FROM news_batch b CROSS JOIN LATERAL news.quotes(b.body) q',
 ARRAY['(article_id)', '(speaker, published)'], true,
 NULL, NULL, NULL, NULL, true,
 'quotations and reported speech (news.quotes) of every article: the quoted words, canonical speaker (NULL for scare quotes), source as written, 1-based character start and length, kind (direct, partial, scare, indirect), cue, confidence'),
('dates', 30,
 'mention pg_catalog.text, date pg_catalog.date, grain pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4',
 'SELECT b.id, b.published, d.mention, d.date, d.grain, d.start, d.length
  FROM news_batch b CROSS JOIN LATERAL news.dates(b.body, b.published) d',
 ARRAY['(article_id)', '(date)'], false,
 NULL, NULL, NULL, NULL, true,
 'date mentions (news.dates) of every article resolved against its publication time'),
('vectors', 40,
 'terms news.termvec, signature news.minhash',
 'SELECT b.id, b.published, news.termvec(pg_catalog.concat_ws(E''\n'', b.title, b.body)), news.minhash(b.body)
  FROM news_batch b',
 ARRAY['(article_id)', 'USING gin (terms)'], false,
 NULL, NULL, NULL, NULL, true,
 'term counts of title and body (news.termvec: combine with news.corpus_stats and news.tfidf, which never drift as the corpus grows) and the MinHash signature of the body'),
('terms', 50,
 'term_ids pg_catalog.int8[] NOT NULL, surfaces pg_catalog.text[] NOT NULL, counts pg_catalog.int4[] NOT NULL',
 'SELECT b.id, b.published, t.term_ids, t.surfaces, t.counts
  FROM news_batch b CROSS JOIN LATERAL news.term_surface_arrays(b.body, 40) t
  WHERE pg_catalog.cardinality(t.term_ids) OPERATOR(pg_catalog.>) 0',
 ARRAY['(article_id)', '(published)'], false,
 'terms', 'pg_catalog.unnest(r.term_ids)', 'pg_catalog.unnest(r.surfaces)', NULL, false,
 'the 40 most frequent index terms of every body, one row per article (news.term_surface_arrays): term ids, most frequent surface forms (the words as written, never the stems) and counts as three arrays in the same order, most frequent first; unnest(term_ids, surfaces, counts) gives one row per term');

-- news.pipeline_views: the dashboard views track creates next to the
-- result tables.  In a definition {name} stands for the quoted name of
-- that result table ({analysed} the article table) and {source_column}
-- for nothing; all names are quoted by news.track.
CREATE TABLE news.pipeline_views (
	name pg_catalog.text PRIMARY KEY,
	position pg_catalog.int4 NOT NULL UNIQUE,
	definition pg_catalog.text NOT NULL,
	description pg_catalog.text NOT NULL
);
COMMENT ON TABLE news.pipeline_views IS
	'dashboard views news.track creates for every tracked table, <table>_<name>; written by the extension''s scripts only';
COMMENT ON COLUMN news.pipeline_views.name IS 'view name suffix';
COMMENT ON COLUMN news.pipeline_views.position IS 'creation order';
COMMENT ON COLUMN news.pipeline_views.definition IS 'the SELECT of the view; {analysed}, {mentions}, {quotes}, ... stand for the tracked table''s relations';
COMMENT ON COLUMN news.pipeline_views.description IS 'what the view shows (its comment)';
GRANT SELECT ON news.pipeline_views TO PUBLIC;

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('entities_daily', 10,
 'SELECT pg_catalog.date_trunc(''day'', m.published) AS day, a.source, m.type, m.entity,
	pg_catalog.count(*) AS mentions, pg_catalog.count(DISTINCT m.article_id) AS articles
  FROM {mentions} m JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) m.article_id
  GROUP BY 1, 2, 3, 4',
 'entity mentions per day, source and type: day, source, type, entity (canonical name), mentions, articles'),
('speakers_daily', 20,
 'SELECT pg_catalog.date_trunc(''day'', q.published) AS day, a.source, q.speaker,
	pg_catalog.count(*) AS quotes, pg_catalog.count(DISTINCT q.article_id) AS articles,
	pg_catalog.count(*) FILTER (WHERE q.kind OPERATOR(pg_catalog.<>) ''indirect'') AS quotations
  FROM {quotes} q JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) q.article_id
  WHERE q.speaker IS NOT NULL
  GROUP BY 1, 2, 3',
 'quoted speakers per day and source: day, source, speaker (canonical name), quotes (quotations and reported speech), articles, quotations (direct and partial quotations only)'),
('entity_pairs_daily', 30,
 'WITH e AS (
	SELECT DISTINCT m.article_id, pg_catalog.date_trunc(''day'', m.published) AS day, m.entity, m.type
	FROM {mentions} m
	WHERE m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])
  )
  SELECT x.day, x.entity AS entity_a, x.type AS type_a, y.entity AS entity_b, y.type AS type_b,
	pg_catalog.count(*) AS articles
  FROM e x JOIN e y ON y.article_id OPERATOR(pg_catalog.=) x.article_id AND y.entity OPERATOR(pg_catalog.>) x.entity
  GROUP BY 1, 2, 3, 4, 5',
 'entity pairs named in the same article, per day: day, entity_a, type_a, entity_b, type_b (entity_a < entity_b), articles'),
('articles_daily', 40,
 'SELECT pg_catalog.date_trunc(''day'', a.published) AS day, a.source,
	pg_catalog.count(*) AS articles, pg_catalog.count(*) FILTER (WHERE a.error IS NOT NULL) AS errors
  FROM {analysed} a
  GROUP BY 1, 2',
 'analysed articles per day and source: day, source, articles, errors');

-- ---------------------------------------------------------------------------
-- The registry
-- ---------------------------------------------------------------------------
CREATE TABLE news.tracked (
	source pg_catalog.regclass PRIMARY KEY,
	tracker pg_catalog.regrole NOT NULL,
	id_column pg_catalog.name NOT NULL,
	body_column pg_catalog.name NOT NULL,
	published_column pg_catalog.name,
	title_column pg_catalog.name,
	source_column pg_catalog.name,
	immediate pg_catalog.bool NOT NULL DEFAULT false,
	clean pg_catalog.bool NOT NULL DEFAULT false,
	analysed pg_catalog.regclass NOT NULL,
	queue pg_catalog.regclass NOT NULL,
	enqueue pg_catalog.regprocedure NOT NULL,
	tracked_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	last_run pg_catalog.timestamptz,
	last_run_articles pg_catalog.int8,
	last_run_errors pg_catalog.int8,
	last_run_seconds pg_catalog.float8,
	total_articles pg_catalog.int8 NOT NULL DEFAULT 0,
	total_errors pg_catalog.int8 NOT NULL DEFAULT 0
);
COMMENT ON TABLE news.tracked IS
	'tables analysed by news.refresh (see news.track): columns, bookkeeping relations and run statistics; written through news.track, news.untrack and news.refresh (a trigger accepts rows of the writing role only)';
COMMENT ON COLUMN news.tracked.source IS 'the articles table';
COMMENT ON COLUMN news.tracked.tracker IS 'the role that tracks it and owns the result tables; news.refresh processes the table as this role';
COMMENT ON COLUMN news.tracked.id_column IS 'article id column (smallint, integer or bigint)';
COMMENT ON COLUMN news.tracked.body_column IS 'article text column';
COMMENT ON COLUMN news.tracked.published_column IS 'publication time column (timestamptz, timestamp or date), or NULL: the analysis time stands in';
COMMENT ON COLUMN news.tracked.title_column IS 'title column or NULL';
COMMENT ON COLUMN news.tracked.source_column IS 'column naming the outlet or feed, or NULL';
COMMENT ON COLUMN news.tracked.immediate IS 'true: articles are analysed by the statement that writes them (trigger mode); false: queued for news.refresh';
COMMENT ON COLUMN news.tracked.clean IS 'true: the analyses read news.clean(body) (markup and scraper boilerplate removed), and their character offsets refer to it; false: the body as stored';
COMMENT ON COLUMN news.tracked.analysed IS 'table with one row per analysed article (<table>_analysed)';
COMMENT ON COLUMN news.tracked.queue IS 'table of article ids waiting for analysis (<table>_queue)';
COMMENT ON COLUMN news.tracked.enqueue IS 'trigger function of the source table (<table>_enqueue)';
COMMENT ON COLUMN news.tracked.tracked_at IS 'when news.track ran';
COMMENT ON COLUMN news.tracked.last_run IS 'start of the last news.refresh of this table';
COMMENT ON COLUMN news.tracked.last_run_articles IS 'articles analysed by the last news.refresh';
COMMENT ON COLUMN news.tracked.last_run_errors IS 'articles whose analysis failed in the last news.refresh';
COMMENT ON COLUMN news.tracked.last_run_seconds IS 'duration of the last news.refresh of this table';
COMMENT ON COLUMN news.tracked.total_articles IS 'articles analysed by news.refresh since news.track';
COMMENT ON COLUMN news.tracked.total_errors IS 'failed analyses since news.track';
GRANT SELECT, INSERT, DELETE ON news.tracked TO PUBLIC;
GRANT UPDATE (last_run, last_run_articles, last_run_errors, last_run_seconds, total_articles, total_errors)
	ON news.tracked TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.tracked', '');

CREATE TABLE news.tracked_objects (
	source pg_catalog.regclass NOT NULL,
	name pg_catalog.text NOT NULL,
	relation pg_catalog.regclass NOT NULL,
	PRIMARY KEY (source, name)
);
COMMENT ON TABLE news.tracked_objects IS
	'result tables and views of each tracked table, by analysis or view name';
COMMENT ON COLUMN news.tracked_objects.source IS 'the tracked table';
COMMENT ON COLUMN news.tracked_objects.name IS 'analysis (news.pipeline_analyses) or view (news.pipeline_views) name';
COMMENT ON COLUMN news.tracked_objects.relation IS 'the result table or view';
GRANT SELECT, INSERT, DELETE ON news.tracked_objects TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.tracked_objects', '');

-- news.pipeline_role_owns: the current role may act for the owner of rel
-- (owns it, or is a member of its owner; superusers may act for anyone).
CREATE FUNCTION news.pipeline_role_owns(rel pg_catalog.oid) RETURNS pg_catalog.bool
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT COALESCE((SELECT pg_catalog.pg_has_role(c.relowner, 'USAGE')
		FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) $1), false)
$$;
COMMENT ON FUNCTION news.pipeline_role_owns(pg_catalog.oid) IS
	'true when the current role owns the relation or has the privileges of its owner';

-- news.pipeline_acts_for: news.refresh processes a table tracked by role
-- only as that role, or as a member of it that is not a superuser (a
-- superuser would run another role's triggers and index expressions).
CREATE FUNCTION news.pipeline_acts_for(role pg_catalog.oid) RETURNS pg_catalog.bool
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT $1 OPERATOR(pg_catalog.=) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER)
		OR (pg_catalog.pg_has_role($1, 'USAGE')
			AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER))
$$;
COMMENT ON FUNCTION news.pipeline_acts_for(pg_catalog.oid) IS
	'true when the current role is role, or a member of it that is not a superuser: news.refresh runs a tracked table''s analysis only then';

-- news.tracked_guard: row trigger on the registry, running as the writing
-- role.  A row must belong to a role the writer may act for, name a source
-- table the writer owns, and relations the writer owns; statistics updates
-- keep the identity columns.
CREATE FUNCTION news.tracked_guard() RETURNS pg_catalog.trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	r news.tracked;
BEGIN
	IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'tracked_objects' THEN
		IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
			SELECT * INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) OLD.source;
			IF FOUND AND NOT pg_catalog.pg_has_role(r.tracker, 'USAGE') THEN
				RAISE EXCEPTION 'permission denied to untrack table %', OLD.source
					USING ERRCODE = 'insufficient_privilege';
			END IF;
			RETURN OLD;
		END IF;
		SELECT * INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) NEW.source;
		IF NOT FOUND OR NOT pg_catalog.pg_has_role(r.tracker, 'USAGE')
			OR NOT news.pipeline_role_owns(NEW.relation) THEN
			RAISE EXCEPTION 'permission denied to record relation % for table %', NEW.relation, NEW.source
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Rows of news.tracked_objects are written by news.track for the role that tracks the table.';
		END IF;
		RETURN NEW;
	END IF;

	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF NOT pg_catalog.pg_has_role(OLD.tracker, 'USAGE') THEN
			RAISE EXCEPTION 'permission denied to untrack table %', OLD.source
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		RETURN OLD;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF NOT pg_catalog.pg_has_role(OLD.tracker, 'USAGE') THEN
			RAISE EXCEPTION 'permission denied to update the tracking of table %', OLD.source
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		IF (NEW.source, NEW.tracker, NEW.id_column, NEW.body_column, NEW.published_column, NEW.title_column,
				NEW.source_column, NEW.immediate, NEW.clean, NEW.analysed, NEW.queue, NEW.enqueue, NEW.tracked_at)
			IS NOT DISTINCT FROM (OLD.source, OLD.tracker, OLD.id_column, OLD.body_column, OLD.published_column,
				OLD.title_column, OLD.source_column, OLD.immediate, OLD.clean, OLD.analysed, OLD.queue, OLD.enqueue,
				OLD.tracked_at) THEN
			RETURN NEW;
		END IF;
	END IF;
	IF NOT pg_catalog.pg_has_role(NEW.tracker, 'MEMBER')
		OR NOT news.pipeline_role_owns(NEW.source)
		OR NOT news.pipeline_role_owns(NEW.analysed) OR NOT news.pipeline_role_owns(NEW.queue)
		OR NOT (NEW.enqueue IS NULL OR COALESCE((SELECT pg_catalog.pg_has_role(p.proowner, 'USAGE') FROM pg_catalog.pg_proc p
			WHERE p.oid OPERATOR(pg_catalog.=) NEW.enqueue), false)) THEN
		RAISE EXCEPTION 'permission denied to track table %', NEW.source
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Only the owner of a table (or a member of the owning role) can track it, with news.track.';
	END IF;
	RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION news.tracked_guard() IS
	'trigger: a row of news.tracked or news.tracked_objects is accepted only for a role the writer may act for, about tables it owns';

CREATE TRIGGER tracked_guard BEFORE INSERT OR UPDATE OR DELETE ON news.tracked
	FOR EACH ROW EXECUTE FUNCTION news.tracked_guard();
COMMENT ON TRIGGER tracked_guard ON news.tracked IS
	'rows only for the writing role''s own tables (any role may write the table)';
CREATE TRIGGER tracked_guard BEFORE INSERT OR DELETE ON news.tracked_objects
	FOR EACH ROW EXECUTE FUNCTION news.tracked_guard();
COMMENT ON TRIGGER tracked_guard ON news.tracked_objects IS
	'rows only for the writing role''s own tables (any role may write the table)';

-- news.tracked_dropped: event trigger: a tracked table that is dropped
-- leaves the registry (its result tables stay, they belong to the tracking
-- role).  SECURITY DEFINER: whoever drops the table may not act for the
-- tracking role; the function reads only the list of dropped objects.
CREATE FUNCTION news.tracked_dropped() RETURNS pg_catalog.event_trigger
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	dropped pg_catalog.oid[];
BEGIN
	dropped := ARRAY(SELECT d.objid FROM pg_catalog.pg_event_trigger_dropped_objects() d
		WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			AND d.objsubid OPERATOR(pg_catalog.=) 0);
	IF pg_catalog.cardinality(dropped) OPERATOR(pg_catalog.>) 0 THEN
		DELETE FROM news.tracked_objects o WHERE o.source::pg_catalog.oid OPERATOR(pg_catalog.=) ANY (dropped);
		DELETE FROM news.tracked t WHERE t.source::pg_catalog.oid OPERATOR(pg_catalog.=) ANY (dropped);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.tracked_dropped() IS
	'event trigger: removes dropped tables from news.tracked and news.tracked_objects';
CREATE EVENT TRIGGER news_tracked_dropped ON sql_drop
	WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
	EXECUTE FUNCTION news.tracked_dropped();
COMMENT ON EVENT TRIGGER news_tracked_dropped IS
	'a dropped tracked table leaves the registry';

-- ---------------------------------------------------------------------------
-- Processing a batch
-- ---------------------------------------------------------------------------

-- news.pipeline_expand: sql with {source} replaced by the tracked table as
-- a regclass literal (its OID), {analysed} and {<name>} by the
-- schema-qualified names of its bookkeeping table and of the relations in
-- news.tracked_objects; other braces are left as they are.
CREATE FUNCTION news.pipeline_expand(t news.tracked, sql pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	g record;
BEGIN
	sql := pg_catalog.replace(sql, '{source}',
		pg_catalog.format('%L::pg_catalog.regclass', t.source::pg_catalog.oid));
	FOR g IN
		SELECT r.name, pg_catalog.format('%I.%I', n.nspname, c.relname) AS qualified
		FROM (SELECT 'analysed'::pg_catalog.text AS name, t.analysed AS relation
			UNION ALL
			SELECT o.name, o.relation FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source) r
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.relation
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	LOOP
		sql := pg_catalog.replace(sql, '{' OPERATOR(pg_catalog.||) g.name OPERATOR(pg_catalog.||) '}', g.qualified);
	END LOOP;
	RETURN sql;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_expand(news.tracked, pg_catalog.text) IS
	'replaces {source}, {analysed} and {<name>} in an analysis or view definition by the tracked table''s relations (used by news.refresh and news.track)';

-- news.pipeline_body: the expression of the text the analyses read, for
-- the row alias alias of tracked table t: the body, or news.clean of it.
CREATE FUNCTION news.pipeline_body(t news.tracked, alias pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(CASE WHEN t.clean THEN 'news.clean(%I.%I::pg_catalog.text)' ELSE '%I.%I::pg_catalog.text' END,
		alias, t.body_column)
$$;
COMMENT ON FUNCTION news.pipeline_body(news.tracked, pg_catalog.text) IS
	'the SQL expression of the text the analyses of a tracked table read (the body column, or news.clean of it) for a row alias (used by news.refresh)';

-- news.pipeline_batch_query: the statement storing analyses of the articles
-- whose ids are in $1: their rows are read once (news_batch), and each
-- fills[i] is inserted into rels[i].  One analysis is the INSERT itself;
-- several are data-modifying CTEs of one statement, listed last first:
-- PostgreSQL runs the CTEs that its main query does not read after it, in
-- the reverse of their order (ExecPostprocessPlan), so they run in array
-- order, and an article that fails in two of them fails in the first one.
CREATE FUNCTION news.pipeline_batch_query(t news.tracked, fills pg_catalog.text[], rels pg_catalog.regclass[])
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'WITH news_batch AS MATERIALIZED ('
		'SELECT s.%1$I::pg_catalog.int8 AS id, %2$s AS body, %3$s AS published, '
		'%4$s AS title, %5$s AS source FROM %6$s s WHERE s.%1$I OPERATOR(pg_catalog.=) ANY ($1)) %7$s',
		t.id_column, news.pipeline_body(t, 's'),
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.title_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.title_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		t.source,
		CASE WHEN pg_catalog.cardinality(fills) OPERATOR(pg_catalog.=) 1
			THEN pg_catalog.format('INSERT INTO %s SELECT * FROM (%s) f', rels[1], fills[1])
			ELSE (SELECT pg_catalog.string_agg(pg_catalog.format(', news_fill_%s AS (INSERT INTO %s SELECT * FROM (%s) f)',
					i, rels[i], fills[i]), '' ORDER BY i DESC)
				FROM pg_catalog.generate_subscripts(fills, 1) i) OPERATOR(pg_catalog.||) ' SELECT' END)
$$;
COMMENT ON FUNCTION news.pipeline_batch_query(news.tracked, pg_catalog.text[], pg_catalog.regclass[]) IS
	'the statement that stores analyses of the articles whose ids are in $1, read once: the rows of fills[i] inserted into rels[i], in array order (used by news.refresh)';

-- news.pipeline_analyse: analyses the articles ids of tracked table t (all
-- analyses, or the config_dependent ones) under configuration version,
-- replacing their results; ids no longer in the table lose their results.
-- The caller holds the locks on their rows of the analysed table.  A batch
-- that fails is done again article by article: an article that fails keeps
-- no results and its error is recorded.  Returns the number of failures.
--
-- Consecutive analyses (in position order) whose fill names none of the
-- table's relations (no {source}, {analysed} or {<name>}: it reads
-- news_batch only) are stored by one statement, which reads the batch's
-- rows (and cleans them) once for all of them; the others (the stories,
-- which read the vectors and mentions just stored) have a statement each.
-- Old results are removed for every id of the batch, not only for the
-- articles with a row in the analysed table: a row deleted by hand must
-- not leave its results to be stored twice.  The ids probed are those up
-- to the largest article id of the result table (one probe of its index):
-- new articles, which come with higher ids, cost no probe, and the
-- statement never reads the whole table (a result table that grew in a
-- first refresh has no statistics yet, and a DELETE by a 1,000-id array
-- then became a sequential scan of it, batch after batch).
CREATE FUNCTION news.pipeline_analyse(t news.tracked, ids pg_catalog.int8[], config_only pg_catalog.bool,
	version pg_catalog.int8)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	a record;
	one pg_catalog.int8;
	failed pg_catalog.int8 := 0;
	deletes pg_catalog.text[] := '{}';
	inserts pg_catalog.text[] := '{}';
	run_fills pg_catalog.text[] := '{}';
	run_rels pg_catalog.regclass[] := '{}';
	step pg_catalog.text;
	state pg_catalog.text;
	msg pg_catalog.text;
	rows news.tracked;
BEGIN
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN 0;
	END IF;
	-- t as the batch queries see it: its rows in news.pipeline_rows
	rows := t;
	rows.source := news.pipeline_rows(t, ids);
	FOR a IN
		SELECT p.fill, p.clear, o.relation
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.config_dependent OR NOT config_only
		ORDER BY p.position
	LOOP
		deletes := deletes OPERATOR(pg_catalog.||) COALESCE(news.pipeline_expand(t, a.clear),
			pg_catalog.format('DELETE FROM %1$s WHERE article_id OPERATOR(pg_catalog.=) ANY (ARRAY('
				'SELECT i FROM pg_catalog.unnest($1) i WHERE i OPERATOR(pg_catalog.<=) '
				'(SELECT pg_catalog.max(r.article_id) FROM %1$s r)))', a.relation));
		IF a.fill OPERATOR(pg_catalog.~) '\{[a-z_0-9]+\}' THEN
			IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
				inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
				run_fills := '{}';
				run_rels := '{}';
			END IF;
			inserts := inserts OPERATOR(pg_catalog.||)
				news.pipeline_batch_query(rows, ARRAY[news.pipeline_expand(t, a.fill)], ARRAY[a.relation]);
		ELSE
			run_fills := run_fills OPERATOR(pg_catalog.||) a.fill;
			run_rels := run_rels OPERATOR(pg_catalog.||) a.relation;
		END IF;
	END LOOP;
	IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
		inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
	END IF;
	-- the article's row: $3 is the error (NULL when the analysis worked)
	state := pg_catalog.format(
		'INSERT INTO %1$s AS a (article_id, published, source, version, analysed_at, times, error, fingerprint) '
		'SELECT s.%2$I, %3$s, %4$s, $2, pg_catalog.now(), 1, $3, %7$s FROM %5$s s '
		'WHERE s.%2$I OPERATOR(pg_catalog.=) ANY ($1) '
		'ON CONFLICT (article_id) DO UPDATE SET published = %6$s, source = EXCLUDED.source, '
		'version = EXCLUDED.version, analysed_at = EXCLUDED.analysed_at, '
		'times = a.times OPERATOR(pg_catalog.+) 1, error = EXCLUDED.error, fingerprint = EXCLUDED.fingerprint',
		t.analysed, t.id_column,
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		rows.source,
		CASE WHEN t.published_column IS NULL THEN 'a.published' ELSE 'EXCLUDED.published' END,
		CASE WHEN rows.source OPERATOR(pg_catalog.=) t.source THEN 'NULL::pg_catalog.text'
			ELSE news.pipeline_fingerprint(t, 's') END);
	-- articles deleted from the source lose their row (the ids still there
	-- are found by id: NOT EXISTS became an anti-join that read and hashed
	-- the whole source table for every batch)
	deletes := deletes OPERATOR(pg_catalog.||) pg_catalog.format(
		'DELETE FROM %1$s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND a.article_id OPERATOR(pg_catalog.<>) ALL (ARRAY(SELECT s.%3$I::pg_catalog.int8 FROM %2$s s '
		'WHERE s.%3$I OPERATOR(pg_catalog.=) ANY ($1)))',
		t.analysed, rows.source, t.id_column);

	-- the days whose trending rollup this changes (82_pipeline_trending.sql)
	PERFORM news.trend_mark(t, rows.source, ids);
	BEGIN
		FOREACH step IN ARRAY deletes LOOP
			EXECUTE step USING ids;
		END LOOP;
		FOREACH step IN ARRAY inserts LOOP
			EXECUTE step USING ids;
		END LOOP;
		EXECUTE state USING ids, version, NULL::pg_catalog.text;
		RETURN 0;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
	END;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 1 THEN
		FOREACH one IN ARRAY ids LOOP
			failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, ARRAY[one], config_only, version);
		END LOOP;
		RETURN failed;
	END IF;
	-- one article failed: it keeps no results, its row keeps the error
	FOREACH step IN ARRAY deletes LOOP
		EXECUTE step USING ids;
	END LOOP;
	EXECUTE state USING ids, version, msg;
	RETURN 1;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_analyse(news.tracked, pg_catalog.int8[], pg_catalog.bool, pg_catalog.int8) IS
	'analyses articles of a tracked table again and stores their results (used by news.refresh); returns the number of articles whose analysis failed';

-- news.pipeline_claim_stale: ids of articles of t analysed under another
-- configuration version, at most n, locked (rows other sessions hold are
-- skipped).  failed: the analysis of the article had failed (it is then
-- done in full, not only the config_dependent analyses).
CREATE FUNCTION news.pipeline_claim_stale(t news.tracked, version pg_catalog.int8, n pg_catalog.int4,
	OUT article_id pg_catalog.int8, OUT failed pg_catalog.bool)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT a.article_id, a.error IS NOT NULL FROM %s a '
		'WHERE a.version OPERATOR(pg_catalog.<) $1 OR a.version OPERATOR(pg_catalog.>) $1 '
		'LIMIT $2 FOR UPDATE SKIP LOCKED', t.analysed)
		USING version, n;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_claim_stale(news.tracked, pg_catalog.int8, pg_catalog.int4) IS
	'locks and returns up to n articles of a tracked table analysed under another configuration version (used by news.refresh)';

-- news.refresh_batch: one batch of news.refresh for one tracked table, in
-- the caller's transaction: claims up to batch queued ids (FOR UPDATE SKIP
-- LOCKED, so concurrent sessions take disjoint batches, and the ids return
-- to the queue if the transaction aborts), locks their rows of the analysed
-- table (an article is never analysed by two sessions at once), analyses
-- them, then fills the rest of the batch with stale articles.  A batch
-- that empties the queue (fewer articles than batch) also describes the
-- stories the batches changed (news.stories_describe_pending).
CREATE FUNCTION news.refresh_batch(source pg_catalog.regclass, batch pg_catalog.int4 DEFAULT 1000,
	OUT analysed pg_catalog.int8, OUT failed pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
	ids pg_catalog.int8[];
	full_ids pg_catalog.int8[];
	config_ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) refresh_batch.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
	END IF;
	IF batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT c.version INTO version FROM news.pipeline_config c;

	EXECUTE pg_catalog.format(
		'WITH c AS (SELECT q.article_id FROM %1$s q ORDER BY q.article_id LIMIT $1 FOR UPDATE SKIP LOCKED), '
		'd AS (DELETE FROM %1$s q USING c WHERE q.article_id OPERATOR(pg_catalog.=) c.article_id RETURNING q.article_id) '
		'SELECT COALESCE(pg_catalog.array_agg(d.article_id ORDER BY d.article_id), ''{}'') FROM d', t.queue)
		INTO ids USING batch;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 0 THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
	END IF;
	analysed := pg_catalog.cardinality(ids);
	failed := news.pipeline_analyse(t, ids, false, version);

	IF analysed OPERATOR(pg_catalog.<) batch THEN
		SELECT COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE s.failed), '{}'),
			COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE NOT s.failed), '{}')
		INTO full_ids, config_ids
		FROM news.pipeline_claim_stale(t, version, (batch OPERATOR(pg_catalog.-) analysed)::pg_catalog.int4) s;
		failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, full_ids, false, version)
			OPERATOR(pg_catalog.+) news.pipeline_analyse(t, config_ids, true, version);
		analysed := analysed OPERATOR(pg_catalog.+) pg_catalog.cardinality(full_ids)
			OPERATOR(pg_catalog.+) pg_catalog.cardinality(config_ids);
	END IF;
	IF analysed OPERATOR(pg_catalog.<) batch THEN
		PERFORM news.stories_describe_pending(source);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.refresh_batch(pg_catalog.regclass, pg_catalog.int4) IS
	'analyses one batch of new, changed, deleted or stale articles of a tracked table in the current transaction; returns how many were analysed and how many failed (news.refresh commits batch after batch)';

-- news.pipeline_prepare: before a refresh, creates the result tables and
-- views of analyses registered after the table was tracked (only the
-- tracking role does that; their articles are queued again) and gives the
-- readers of the source table SELECT on every result relation.
CREATE FUNCTION news.pipeline_prepare(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
	a record;
	rel pg_catalog.regclass;
	relname pg_catalog.text;
	def pg_catalog.text;
	idx pg_catalog.text;
	added pg_catalog.int4 := 0;
	had_results pg_catalog.bool;
	readers pg_catalog.oid[];
	g record;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_prepare.source;
	SELECT n.nspname INTO nsp FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE c.oid OPERATOR(pg_catalog.=) t.analysed;
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	had_results := EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source);

	-- missing result tables
	FOR a IN
		SELECT p.* FROM news.pipeline_analyses p
		WHERE NOT EXISTS (SELECT FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name)
		ORDER BY p.position
	LOOP
		IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
			RAISE NOTICE 'analysis % of table % has no result table yet: run news.refresh as role % to add it', a.name, t.source, t.tracker;
			CONTINUE;
		END IF;
		relname := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) a.name;
		PERFORM news.pipeline_check_name(relname);
		EXECUTE pg_catalog.format('CREATE TABLE %I.%I (article_id pg_catalog.int8 NOT NULL, published pg_catalog.timestamptz, %s)',
			nsp, relname, a.columns);
		rel := pg_catalog.format('%I.%I', nsp, relname)::pg_catalog.regclass;
		FOREACH idx IN ARRAY a.indexes LOOP
			EXECUTE pg_catalog.format('CREATE INDEX ON %s %s', rel, idx);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel,
			pg_catalog.format('news_analytics results of %s (news.track): %s', t.source, a.description));
		INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, a.name, rel);
		IF a.setup IS NOT NULL THEN
			EXECUTE news.pipeline_expand(t, a.setup);
		END IF;
		added := added OPERATOR(pg_catalog.+) 1;
	END LOOP;
	IF added OPERATOR(pg_catalog.>) 0 AND had_results THEN
		EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT s.%I FROM %s s ON CONFLICT DO NOTHING',
			t.queue, t.id_column, t.source);
	END IF;

	-- missing views whose relations all exist
	FOR a IN
		SELECT v.* FROM news.pipeline_views v
		WHERE NOT EXISTS (SELECT FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) v.name)
		ORDER BY v.position
	LOOP
		IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
			CONTINUE;
		END IF;
		def := news.pipeline_expand(t, a.definition);
		CONTINUE WHEN def OPERATOR(pg_catalog.~) '\{[a-z_]+\}';
		relname := prefix OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) a.name;
		PERFORM news.pipeline_check_name(relname);
		EXECUTE pg_catalog.format('CREATE VIEW %I.%I AS %s', nsp, relname, def);
		rel := pg_catalog.format('%I.%I', nsp, relname)::pg_catalog.regclass;
		EXECUTE pg_catalog.format('COMMENT ON VIEW %s IS %L', rel,
			pg_catalog.format('news_analytics dashboard view of %s (news.track): %s', t.source, a.description));
		INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, a.name, rel);
	END LOOP;

	-- the trending rollup (82_pipeline_trending.sql)
	PERFORM news.trend_setup(t.source);

	-- readers: the roles with SELECT on the source (PUBLIC is 0) and its
	-- owner; nobody when row-level security filters the source
	IF (SELECT c.relrowsecurity FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source) THEN
		readers := '{}';
	ELSE
		readers := ARRAY(
			SELECT x.grantee FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
			WHERE c.oid OPERATOR(pg_catalog.=) t.source AND x.privilege_type OPERATOR(pg_catalog.=) 'SELECT'
			UNION
			SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source);
	END IF;
	FOR g IN
		SELECT c.oid::pg_catalog.regclass AS rel, w.role, w.grant
		FROM pg_catalog.pg_class c
		CROSS JOIN LATERAL (
			SELECT r.role, true AS grant FROM pg_catalog.unnest(readers) r(role)
			WHERE r.role OPERATOR(pg_catalog.<>) c.relowner
				AND NOT EXISTS (SELECT FROM pg_catalog.aclexplode(c.relacl) e
					WHERE e.grantee OPERATOR(pg_catalog.=) r.role AND e.privilege_type OPERATOR(pg_catalog.=) 'SELECT')
			UNION ALL
			SELECT e.grantee, false FROM pg_catalog.aclexplode(c.relacl) e
			WHERE e.privilege_type OPERATOR(pg_catalog.=) 'SELECT' AND e.grantee OPERATOR(pg_catalog.<>) c.relowner
				AND e.grantee OPERATOR(pg_catalog.<>) ALL (readers)) w
		WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT o.relation::pg_catalog.oid FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) t.source) OPERATOR(pg_catalog.||) t.analysed::pg_catalog.oid)
			AND news.pipeline_role_owns(c.oid)
	LOOP
		EXECUTE pg_catalog.format(CASE WHEN g.grant THEN 'GRANT SELECT ON %s TO %s' ELSE 'REVOKE SELECT ON %s FROM %s' END,
			g.rel, CASE WHEN g.role OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE g.role::pg_catalog.regrole::pg_catalog.text END);
	END LOOP;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_prepare(pg_catalog.regclass) IS
	'creates the result tables and views a tracked table lacks and grants SELECT on them to the readers of the table (used by news.track and news.refresh)';

-- news.pipeline_check_name: a relation name news.track makes must fit in
-- NAMEDATALEN (PostgreSQL would cut it, and two names could collide).
CREATE FUNCTION news.pipeline_check_name(relname pg_catalog.text) RETURNS pg_catalog.void
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
BEGIN
	IF pg_catalog.octet_length(relname) OPERATOR(pg_catalog.>) 63 THEN
		RAISE EXCEPTION 'result relation name "%" is too long', relname
			USING ERRCODE = 'name_too_long',
				HINT = 'Tracked table names may have at most 44 bytes; rename the table or track a view of it under a shorter name.';
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_check_name(pg_catalog.text) IS
	'raises name_too_long when a result relation name would be cut to 63 bytes';

-- news.pipeline_enqueue: called by the enqueue trigger of a tracked table
-- (<table>_enqueue, running as the tracking role) for a written row: queues
-- the old and new ids, or analyses them (and describes their stories) at
-- once in immediate mode.  Only the tracking role itself may call it, so a
-- trigger function borrowed for another table cannot act as that role on
-- it.
CREATE FUNCTION news.pipeline_enqueue(source pg_catalog.regclass, old_id pg_catalog.int8, new_id pg_catalog.int8)
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_enqueue.source;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RAISE EXCEPTION 'only the enqueue trigger of table % queues its articles', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	ids := ARRAY(SELECT DISTINCT i FROM pg_catalog.unnest(ARRAY[old_id, new_id]) i WHERE i IS NOT NULL ORDER BY i);
	IF t.immediate THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
		PERFORM news.pipeline_analyse(t, ids, false, (SELECT c.version FROM news.pipeline_config c));
		PERFORM news.stories_describe_pending(source);
	ELSE
		EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT pg_catalog.unnest($1) ON CONFLICT DO NOTHING', t.queue)
			USING ids;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_enqueue(pg_catalog.regclass, pg_catalog.int8, pg_catalog.int8) IS
	'queues (or, in immediate mode, analyses) the articles a statement wrote; called by the enqueue trigger of a tracked table as the tracking role';

-- news.pipeline_truncated: the source table was truncated: so are its
-- result tables.
CREATE FUNCTION news.pipeline_truncated(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_truncated.source;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RAISE EXCEPTION 'only the enqueue trigger of table % empties its results', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	EXECUTE pg_catalog.format('TRUNCATE %s', pg_catalog.array_to_string(ARRAY(
		SELECT o.relation::pg_catalog.text FROM news.tracked_objects o
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) o.relation
		WHERE o.source OPERATOR(pg_catalog.=) t.source AND c.relkind OPERATOR(pg_catalog.=) 'r'
		ORDER BY o.name) OPERATOR(pg_catalog.||) ARRAY[t.analysed::pg_catalog.text, t.queue::pg_catalog.text], ', '));
END
$fn$;
COMMENT ON FUNCTION news.pipeline_truncated(pg_catalog.regclass) IS
	'empties the result tables of a tracked table after TRUNCATE of the table; called by its enqueue trigger';

-- news.pipeline_column: the type of a column of rel, which must be one of
-- types; raises undefined_column or datatype_mismatch.
CREATE FUNCTION news.pipeline_column(rel pg_catalog.regclass, col pg_catalog.name, what pg_catalog.text,
	types pg_catalog.regtype[])
	RETURNS pg_catalog.regtype
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
	typ pg_catalog.regtype;
BEGIN
	IF col IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT a.atttypid INTO typ FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attname OPERATOR(pg_catalog.=) col
		AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of table % does not exist', col, rel
			USING ERRCODE = 'undefined_column';
	END IF;
	IF NOT typ OPERATOR(pg_catalog.=) ANY (types) THEN
		RAISE EXCEPTION '% column "%" of table % has type %', what, col, rel, typ
			USING ERRCODE = 'datatype_mismatch',
				HINT = pg_catalog.format('The %s column must have one of the types %s.', what,
					pg_catalog.array_to_string(types::pg_catalog.text[], ', '));
	END IF;
	RETURN typ;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_column(pg_catalog.regclass, pg_catalog.name, pg_catalog.text, pg_catalog.regtype[]) IS
	'checks that a column news.track was given exists and has a usable type';

-- news.track: starts analysing a table (see the header of this section).
CREATE FUNCTION news.track(source pg_catalog.regclass, id_column pg_catalog.name, body_column pg_catalog.name,
	published_column pg_catalog.name DEFAULT NULL, title_column pg_catalog.name DEFAULT NULL,
	source_column pg_catalog.name DEFAULT NULL, result_schema pg_catalog.name DEFAULT NULL,
	immediate pg_catalog.bool DEFAULT false, clean pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	rel pg_catalog.pg_class%ROWTYPE;
	nsp pg_catalog.name;
	nsp_oid pg_catalog.oid;
	prefix pg_catalog.text;
	analysed pg_catalog.regclass;
	queue pg_catalog.regclass;
	enqueue pg_catalog.regprocedure;
	watched pg_catalog.text[];
	changed pg_catalog.text;
	body pg_catalog.text;
	queued pg_catalog.int8;
	distributed pg_catalog.bool;
	text_types pg_catalog.regtype[] := ARRAY['pg_catalog.text', 'pg_catalog.varchar', 'pg_catalog.bpchar']::pg_catalog.regtype[];
BEGIN
	IF source IS NULL OR id_column IS NULL OR body_column IS NULL OR immediate IS NULL OR clean IS NULL THEN
		RAISE EXCEPTION 'source, id_column, body_column, immediate and clean must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO rel FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) source;
	IF rel.relkind OPERATOR(pg_catalog.<>) ALL (ARRAY['r', 'p']::"char"[]) THEN
		RAISE EXCEPTION '% is not a table', source
			USING ERRCODE = 'wrong_object_type', HINT = 'news.track analyses ordinary and partitioned tables.';
	END IF;
	IF NOT news.pipeline_role_owns(source) THEN
		RAISE EXCEPTION 'must be owner of table % to track it', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF EXISTS (SELECT FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) track.source) THEN
		RAISE EXCEPTION 'table % is already tracked', source
			USING ERRCODE = 'duplicate_object', HINT = 'news.untrack stops tracking it.';
	END IF;
	distributed := news.pipeline_distributed(source);
	IF distributed AND immediate THEN
		RAISE EXCEPTION 'table % is distributed by Citus, which runs no triggers of news.track', source
			USING ERRCODE = 'feature_not_supported',
				HINT = 'Track it without immediate: news.refresh finds its new, changed and deleted articles.';
	END IF;
	PERFORM news.pipeline_column(source, id_column, 'id',
		ARRAY['pg_catalog.int2', 'pg_catalog.int4', 'pg_catalog.int8']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, body_column, 'body', text_types);
	PERFORM news.pipeline_column(source, published_column, 'published',
		ARRAY['pg_catalog.timestamptz', 'pg_catalog.timestamp', 'pg_catalog.date']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, title_column, 'title', text_types);
	PERFORM news.pipeline_column(source, source_column, 'source', text_types);

	nsp := COALESCE(result_schema, (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) rel.relnamespace));
	SELECT n.oid INTO nsp_oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'schema "%" does not exist', nsp USING ERRCODE = 'invalid_schema_name';
	END IF;
	IF nsp_oid OPERATOR(pg_catalog.=) (SELECT e.extnamespace FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'news_analytics')
		OR nsp OPERATOR(pg_catalog.~) '^pg_' OR nsp OPERATOR(pg_catalog.=) 'information_schema' THEN
		RAISE EXCEPTION 'result tables cannot go in schema "%"', nsp
			USING ERRCODE = 'invalid_schema_name',
				HINT = 'Only the extension''s own objects live in its schema; name another schema in result_schema.';
	END IF;
	IF NOT pg_catalog.has_schema_privilege(nsp_oid, 'CREATE') THEN
		RAISE EXCEPTION 'permission denied to create the result tables in schema "%"', nsp
			USING ERRCODE = 'insufficient_privilege', HINT = 'Name a schema where you may create tables in result_schema.';
	END IF;
	prefix := rel.relname;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_entity_pairs_daily');

	-- bookkeeping: the analysed articles and the queue
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, published pg_catalog.timestamptz, '
		'source pg_catalog.text, version pg_catalog.int8 NOT NULL, analysed_at pg_catalog.timestamptz NOT NULL, '
		'times pg_catalog.int4 NOT NULL DEFAULT 1, error pg_catalog.text, fingerprint pg_catalog.text)',
		nsp, prefix OPERATOR(pg_catalog.||) '_analysed');
	analysed := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_analysed')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (version)', analysed);
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (published)', analysed);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', analysed, pg_catalog.format(
		'news_analytics: the analysed articles of %s (news.track): publication time, source, configuration version, time of analysis, times analysed, error, fingerprint of the analysed columns (tables distributed by Citus only)', source));
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, queued_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now())',
		nsp, prefix OPERATOR(pg_catalog.||) '_queue');
	queue := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_queue')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', queue, pg_catalog.format(
		'news_analytics: ids of articles of %s waiting for news.refresh', source));

	-- the trigger function: runs as the tracking role, so that writers need
	-- no privilege on the queue; nobody else may use it (a table distributed
	-- by Citus gets none: it runs no triggers)
	IF NOT distributed THEN
		body := pg_catalog.format($body$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), NULL, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NULL);
	ELSE
		PERFORM news.pipeline_truncated(TG_RELID);
	END IF;
	RETURN NULL;
END
$body$, id_column);
		EXECUTE pg_catalog.format('CREATE FUNCTION %I.%I() RETURNS pg_catalog.trigger LANGUAGE plpgsql '
			'VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS %L',
			nsp, prefix OPERATOR(pg_catalog.||) '_enqueue', body);
		enqueue := pg_catalog.format('%I.%I()', nsp, prefix OPERATOR(pg_catalog.||) '_enqueue')::pg_catalog.regprocedure;
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', enqueue);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s IS %L', enqueue, pg_catalog.format(
			'news_analytics: trigger of %s queueing written articles for news.refresh', source));
	END IF;

	INSERT INTO news.tracked (source, tracker, id_column, body_column, published_column, title_column,
		source_column, immediate, clean, analysed, queue, enqueue)
	VALUES (source, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER),
		id_column, body_column, published_column, title_column, source_column, immediate, clean, analysed, queue, enqueue);
	PERFORM news.pipeline_prepare(source);
	IF rel.relrowsecurity THEN
		RAISE NOTICE 'table % has row-level security: its results are readable by role % only', source, CURRENT_USER
			USING HINT = 'Grant SELECT on the result tables (or on views filtering them) yourself.';
	END IF;

	-- triggers: every write of an analysed column queues the article (a
	-- table distributed by Citus has none: news.refresh polls it)
	watched := ARRAY(SELECT c FROM pg_catalog.unnest(ARRAY[id_column, body_column, published_column, title_column,
		source_column]) c WHERE c IS NOT NULL);
	changed := pg_catalog.array_to_string(ARRAY(
		SELECT pg_catalog.format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c) FROM pg_catalog.unnest(watched) c), ' OR ');
	IF NOT distributed THEN
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_insert AFTER INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_update AFTER UPDATE OF %s ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %s()',
			pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(c) FROM pg_catalog.unnest(watched) c), ', '),
			source, changed, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_delete AFTER DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
	END IF;

	-- the articles already there
	EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT s.%I FROM %s s ON CONFLICT DO NOTHING',
		queue, id_column, source);
	GET DIAGNOSTICS queued = ROW_COUNT;
	RAISE NOTICE 'news.track: % articles of % queued; results in %.%_*', queued, source, pg_catalog.quote_ident(nsp), prefix
		USING HINT = 'CALL news.refresh() analyses them; news.schedule() runs it every minute with pg_cron.';
	RETURN queued;
END
$fn$;
COMMENT ON FUNCTION news.track(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.bool, pg_catalog.bool) IS
	'starts analysing a table you own: creates <table>_mentions, _quotes, _dates, _vectors, _terms, _keyphrases, _summary, _tone, the story tables, _analysed, _queue and dashboard views in result_schema (default: the table''s schema), readable by the table''s readers, and triggers queueing every written article; with clean, the analyses read news.clean(body) (for HTML or scraped text); returns the number of articles queued';

-- news.untrack: stops analysing a table and drops what news.track made.
CREATE FUNCTION news.untrack(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	o record;
	trg pg_catalog.text;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) untrack.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT pg_catalog.pg_has_role(t.tracker, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied to untrack table %', source
			USING ERRCODE = 'insufficient_privilege', HINT = pg_catalog.format('Role %s tracks it.', t.tracker);
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source) THEN
		-- (a table distributed by Citus has none, and Citus refuses DROP TRIGGER on it)
		FOR trg IN
			SELECT g.tgname FROM pg_catalog.pg_trigger g
			WHERE g.tgrelid OPERATOR(pg_catalog.=) t.source
				AND g.tgname OPERATOR(pg_catalog.=) ANY (ARRAY['news_enqueue_insert', 'news_enqueue_update', 'news_enqueue_delete', 'news_enqueue_truncate'])
		LOOP
			EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', trg, t.source);
		END LOOP;
		IF EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pg_cron') THEN
			PERFORM news.unschedule(t.source);
		END IF;
	END IF;
	FOR o IN
		SELECT c.oid::pg_catalog.regclass AS rel, c.relkind
		FROM news.tracked_objects x JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.relation
		WHERE x.source OPERATOR(pg_catalog.=) t.source
		UNION ALL
		SELECT c.oid::pg_catalog.regclass, c.relkind FROM pg_catalog.pg_class c
		WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY[t.analysed::pg_catalog.oid, t.queue::pg_catalog.oid])
		ORDER BY 2 DESC, 1
	LOOP
		EXECUTE pg_catalog.format(CASE WHEN o.relkind OPERATOR(pg_catalog.=) 'v' THEN 'DROP VIEW %s' ELSE 'DROP TABLE %s' END, o.rel);
	END LOOP;
	IF EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid OPERATOR(pg_catalog.=) t.enqueue) THEN
		EXECUTE pg_catalog.format('DROP FUNCTION %s', t.enqueue);
	END IF;
	DELETE FROM news.tracked_objects x WHERE x.source OPERATOR(pg_catalog.=) t.source;
	DELETE FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) t.source;
END
$fn$;
COMMENT ON FUNCTION news.untrack(pg_catalog.regclass) IS
	'stops analysing a table: drops its triggers, result tables, views, queue and pg_cron job (a table''s OID works too once it was dropped)';

-- news.refresh: analyses new, changed, deleted and stale articles of every
-- table the current role tracks (or of source), batch after batch, each
-- batch committed; stops when the queues are empty or after time_limit.
-- Concurrent calls share the work (see news.refresh_batch).  A procedure:
-- CALL it outside a transaction block (pg_cron does); inside one, use
-- news.refresh_batch.
CREATE PROCEDURE news.refresh(source pg_catalog.regclass DEFAULT NULL, batch pg_catalog.int4 DEFAULT 1000,
	time_limit pg_catalog.interval DEFAULT NULL)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	sources pg_catalog.regclass[];
	s pg_catalog.regclass;
	started pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	t0 pg_catalog.timestamptz;
	r record;
	n pg_catalog.int8;
	f pg_catalog.int8;
	secs pg_catalog.float8;
	out_of_time pg_catalog.bool := false;
BEGIN
	IF batch IS NULL OR batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF source IS NULL THEN
		sources := ARRAY(SELECT t.source FROM news.tracked t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.source
			WHERE news.pipeline_acts_for(t.tracker) ORDER BY t.source::pg_catalog.oid);
	ELSE
		sources := ARRAY[source];
	END IF;
	FOREACH s IN ARRAY sources LOOP
		SELECT t.tracker INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) s;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'table % is not tracked', s
				USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
		END IF;
		IF NOT news.pipeline_acts_for(r.tracker) THEN
			RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', s, r.tracker
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
		END IF;
		PERFORM news.pipeline_prepare(s);
		-- a table distributed by Citus has no triggers: find its changes
		PERFORM news.pipeline_poll(x) FROM news.tracked x
		WHERE x.source OPERATOR(pg_catalog.=) s AND news.pipeline_distributed(s);
		COMMIT;
		t0 := pg_catalog.clock_timestamp();
		n := 0;
		f := 0;
		LOOP
			-- the batch queries are planned anew for every batch: compiling
			-- them (JIT) costs more than it saves, about a fifth of the time
			PERFORM pg_catalog.set_config('jit', 'off', true);
			SELECT * INTO r FROM news.refresh_batch(s, batch);
			n := n OPERATOR(pg_catalog.+) r.analysed;
			f := f OPERATOR(pg_catalog.+) r.failed;
			COMMIT;
			out_of_time := time_limit IS NOT NULL
				AND (pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) started) OPERATOR(pg_catalog.>=) time_limit;
			EXIT WHEN r.analysed OPERATOR(pg_catalog.<) batch OR out_of_time;
		END LOOP;
		secs := pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) t0);
		UPDATE news.tracked t
		SET last_run = t0, last_run_articles = n, last_run_errors = f, last_run_seconds = secs,
			total_articles = t.total_articles OPERATOR(pg_catalog.+) n,
			total_errors = t.total_errors OPERATOR(pg_catalog.+) f
		WHERE t.source OPERATOR(pg_catalog.=) s;
		COMMIT;
		RAISE NOTICE 'news.refresh %: % articles analysed, % failed, % s, % articles/s', s, n, f,
			pg_catalog.round(secs::pg_catalog.numeric, 3),
			CASE WHEN secs OPERATOR(pg_catalog.>) 0 THEN pg_catalog.round((n OPERATOR(pg_catalog./) secs)::pg_catalog.numeric, 1) END;
		EXIT WHEN out_of_time;
	END LOOP;
END
$fn$;
COMMENT ON PROCEDURE news.refresh(pg_catalog.regclass, pg_catalog.int4, pg_catalog.interval) IS
	'analyses the new, changed, deleted and stale articles of the tables the current role tracks (or of source), committing after each batch; safe to run from several sessions at once; stops when nothing is left or after time_limit';

-- news.tracking_status_rows: one row per tracked table whose analysed
-- table the current role may read.
CREATE FUNCTION news.tracking_status_rows(
	OUT source pg_catalog.regclass, OUT tracker pg_catalog.regrole, OUT immediate pg_catalog.bool,
	OUT analysed pg_catalog.int8, OUT backlog pg_catalog.int8, OUT stale pg_catalog.int8, OUT errors pg_catalog.int8,
	OUT last_run pg_catalog.timestamptz, OUT last_run_articles pg_catalog.int8, OUT last_run_errors pg_catalog.int8,
	OUT last_run_seconds pg_catalog.float8, OUT last_run_rate pg_catalog.float8,
	OUT total_articles pg_catalog.int8, OUT total_errors pg_catalog.int8)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
BEGIN
	SELECT c.version INTO version FROM news.pipeline_config c;
	FOR t IN SELECT * FROM news.tracked r ORDER BY r.source::pg_catalog.oid LOOP
		CONTINUE WHEN NOT COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false);
		source := t.source;
		tracker := t.tracker;
		immediate := t.immediate;
		EXECUTE pg_catalog.format('SELECT pg_catalog.count(*), '
			'pg_catalog.count(*) FILTER (WHERE a.version OPERATOR(pg_catalog.<>) $1), '
			'pg_catalog.count(*) FILTER (WHERE a.error IS NOT NULL) FROM %s a', t.analysed)
			INTO analysed, stale, errors USING version;
		backlog := NULL;
		IF COALESCE(pg_catalog.has_table_privilege(t.queue::pg_catalog.oid, 'SELECT'), false) THEN
			EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', t.queue) INTO backlog;
		END IF;
		last_run := t.last_run;
		last_run_articles := t.last_run_articles;
		last_run_errors := t.last_run_errors;
		last_run_seconds := t.last_run_seconds;
		last_run_rate := CASE WHEN t.last_run_seconds OPERATOR(pg_catalog.>) 0
			THEN t.last_run_articles OPERATOR(pg_catalog./) t.last_run_seconds END;
		total_articles := t.total_articles;
		total_errors := t.total_errors;
		RETURN NEXT;
	END LOOP;
END
$fn$;
COMMENT ON FUNCTION news.tracking_status_rows() IS 'the rows of the view news.tracking_status, for every tracked table whose results the current role may read';

CREATE VIEW news.tracking_status AS SELECT * FROM news.tracking_status_rows();
COMMENT ON VIEW news.tracking_status IS
	'tracked tables whose results you may read: analysed articles, backlog (queued, for the tracking role), stale (analysed under an older gazetteer or patterns), errors, last run (start, articles, errors, seconds, articles per second) and totals';
GRANT SELECT ON news.tracking_status TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Scheduling with pg_cron (optional: the cron schema may not exist, so
-- every call is dynamic SQL)
-- ---------------------------------------------------------------------------

-- news.pipeline_cron_schema: the schema of pg_cron in this database, or an
-- error saying how to get it.
CREATE FUNCTION news.pipeline_cron_schema() RETURNS pg_catalog.name
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pg_cron') THEN
		RAISE EXCEPTION 'pg_cron is not installed in this database'
			USING ERRCODE = 'feature_not_supported',
				HINT = 'Install postgresql-15-cron, set shared_preload_libraries = ''pg_cron'' and cron.database_name to this database, restart, CREATE EXTENSION pg_cron; or run CALL news.refresh() from any scheduler.';
	END IF;
	-- pg_cron always keeps its objects in the schema cron
	RETURN 'cron';
END
$fn$;
COMMENT ON FUNCTION news.pipeline_cron_schema() IS
	'the schema of the pg_cron extension, or an error with a hint when it is not installed';

-- news.pipeline_job_name: the pg_cron job name of news.schedule(source).
CREATE FUNCTION news.pipeline_job_name(source pg_catalog.regclass) RETURNS pg_catalog.text
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT 'news.refresh ' OPERATOR(pg_catalog.||) COALESCE($1::pg_catalog.oid::pg_catalog.text, 'all')
$$;
COMMENT ON FUNCTION news.pipeline_job_name(pg_catalog.regclass) IS
	'name of the pg_cron job news.schedule creates for a table (by OID) or for all tables (NULL)';

-- news.schedule: a pg_cron job, run as the current role, calling
-- news.refresh for source (NULL: every table the role tracks).
CREATE FUNCTION news.schedule(source pg_catalog.regclass DEFAULT NULL, every pg_catalog.text DEFAULT '* * * * *')
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	cron pg_catalog.name := news.pipeline_cron_schema();
	command pg_catalog.text;
	job pg_catalog.int8;
BEGIN
	IF every IS NULL THEN
		RAISE EXCEPTION 'every must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF source IS NULL THEN
		command := 'CALL news.refresh()';
	ELSE
		IF NOT EXISTS (SELECT FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) schedule.source
				AND news.pipeline_acts_for(t.tracker)) THEN
			RAISE EXCEPTION 'table % is not tracked by role %', source, CURRENT_USER
				USING ERRCODE = 'undefined_object', HINT = 'Track it with news.track first.';
		END IF;
		command := pg_catalog.format('CALL news.refresh(%L::pg_catalog.regclass)',
			(SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c
			 JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
			 WHERE c.oid OPERATOR(pg_catalog.=) source));
	END IF;
	EXECUTE pg_catalog.format('SELECT %I.schedule($1, $2, $3)', cron)
		INTO job USING news.pipeline_job_name(source), every, command;
	RETURN job;
END
$fn$;
COMMENT ON FUNCTION news.schedule(pg_catalog.regclass, pg_catalog.text) IS
	'schedules CALL news.refresh(source) with pg_cron (every: a cron schedule, default every minute), as the current role; scheduling again replaces the job; returns the job id; an error with a hint when pg_cron is not installed';

-- news.unschedule: removes the job news.schedule made.
CREATE FUNCTION news.unschedule(source pg_catalog.regclass DEFAULT NULL) RETURNS pg_catalog.bool
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	cron pg_catalog.name := news.pipeline_cron_schema();
	found_job pg_catalog.bool;
BEGIN
	EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.job j WHERE j.jobname OPERATOR(pg_catalog.=) $1 '
		'AND j.username OPERATOR(pg_catalog.=) CURRENT_USER)', cron)
		INTO found_job USING news.pipeline_job_name(source);
	IF found_job THEN
		EXECUTE pg_catalog.format('SELECT %I.unschedule($1)', cron) USING news.pipeline_job_name(source);
	END IF;
	RETURN found_job;
END
$fn$;
COMMENT ON FUNCTION news.unschedule(pg_catalog.regclass) IS
	'removes the pg_cron job news.schedule(source) made for the current role; false when there was none';

-- ---------------------------------------------------------------------------
-- Trending: items significantly more frequent in a recent window than in
-- the baseline before it (Elasticsearch's significant_terms, JLH score)
-- ---------------------------------------------------------------------------
-- The baseline is counted from a daily rollup, so that its cost depends on
-- the window's items and the baseline's days, not on its articles.  Every
-- tracked table has two more relations (made by news.trend_setup when
-- news.track or news.refresh prepares the table, registered in
-- news.tracked_objects, readable by the table's readers, emptied with the
-- results by TRUNCATE and dropped by news.untrack):
--
--   <table>_trend_daily  kind, day (UTC date), key, docs: for every trending
--                        kind, the articles published that day that name
--                        the item key (key: the item as text), counted as
--                        news.trending counts them; kind '' (key '') holds
--                        the day's analysed articles without error
--   <table>_trend_dirty  days whose result rows changed since their rollup
--                        rows were written; one row per batch and day (a
--                        log: no key, no conflicts, no locks)
--
-- The protocol.  (1) Every transaction that changes result rows
-- (news.pipeline_analyse: refresh batches, stale articles, immediate mode)
-- first inserts into <table>_trend_dirty the days of the rows it will
-- delete (the article's stored result rows and its analysed row) and of
-- the rows it will insert (the article's publication time now), in the
-- same transaction (news.trend_mark).  (2) At the end of news.refresh,
-- news.trend_fold takes the dirty days that have ended (today's stays
-- dirty until then: it is a partial day of every baseline that ends by
-- now, so a refresh every minute does not recount it every minute), up to
-- 31 of them at a time, each time in a transaction of its own: a lock on
-- <table>_trend_daily that only other folds wait for, deletes the days'
-- dirty rows, and replaces the rollup rows of the days it found dirty
-- rows of by those days' aggregates of the result rows (changed counts
-- updated, new items inserted, the others deleted), counted by a later
-- statement (read committed: a later snapshot).
-- (3) news.trending counts the baseline from the rollup for the full UTC
-- days that have no dirty row in its snapshot, and from the result rows
-- for the dirty days and the partial days at both edges; the window always
-- from the result rows.  Its statements all read the calling statement's
-- snapshot (a STABLE function).  Result rows change only through
-- news.pipeline_analyse, and TRUNCATE, which empties the rollup with them;
-- rows written by hand into a result table are not seen by the rollup.
--
-- Why the rollup of a day without a dirty row in a snapshot S equals the
-- day's result rows in S: the folds of a table run one after the other (the
-- lock).  Take a batch B committed before S that changed the day.  Its
-- dirty row is in S (then the day is counted from the rows), or a fold
-- committed before S deleted it; that fold saw B's row, so B had committed
-- before its delete and before its aggregate, and every later fold's
-- aggregate comes later still: the last fold that wrote the day before S
-- (a fold that finds no dirty row writes nothing) counted B.  Conversely a batch that committed after that fold's aggregate
-- had its row invisible to the fold's delete, and no later fold wrote the
-- day, so its row is in S and the day is dirty.  A batch still running is
-- in nobody's snapshot; its dirty row becomes visible when its results do.
-- An article's result rows share its one publication time, so the
-- distinct articles of a union of days are the sum of the days' counts.
-- The dirty rows are a log rather than a key: with a key, a batch meeting
-- an existing dirty row (INSERT ... ON CONFLICT DO NOTHING) adds none, and
-- a fold could delete that row and count the day before the batch commits,
-- leaving the batch's changes out of a clean day; with DO UPDATE the batch
-- would lock the row until it commits, and writers inserting articles of
-- several days in different orders could deadlock on them.
--
-- With the setting news.trending_rollup = off, news.trending counts the
-- whole baseline from the result rows (the same answer; for comparisons).

-- news.trend_count_query: the statement counting the items of the rows r
-- of rows (the result table of analysis a, or a relation with its
-- columns) that the condition cond keeps: key and the number of articles
-- (rows, where one article gives one row per item).
CREATE FUNCTION news.trend_count_query(a news.pipeline_analyses, rows pg_catalog.text, cond pg_catalog.text)
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT k.key, pg_catalog.count(%s) AS n FROM %s r CROSS JOIN LATERAL (SELECT %s AS key) k '
		'WHERE (%s) AND %s GROUP BY k.key',
		CASE WHEN a.trend_distinct THEN 'DISTINCT r.article_id' ELSE '*' END,
		rows, a.trend_key, COALESCE(a.trend_filter, 'true'), cond)
$$;
COMMENT ON FUNCTION news.trend_count_query(news.pipeline_analyses, pg_catalog.text, pg_catalog.text) IS
	'the statement counting the articles that name each item of a trending analysis in the rows of its result table a condition keeps (used by news.trending and news.trend_fold)';

-- news.trend_relations: the rollup and the dirty days of a tracked table,
-- NULL when it has none.
CREATE FUNCTION news.trend_relations(source pg_catalog.regclass, OUT daily pg_catalog.regclass, OUT dirty pg_catalog.regclass)
	RETURNS record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT (SELECT o.relation FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) $1 AND o.name OPERATOR(pg_catalog.=) 'trend_daily'),
		(SELECT o.relation FROM news.tracked_objects o
			WHERE o.source OPERATOR(pg_catalog.=) $1 AND o.name OPERATOR(pg_catalog.=) 'trend_dirty')
$$;
COMMENT ON FUNCTION news.trend_relations(pg_catalog.regclass) IS
	'the trending rollup (<table>_trend_daily) and dirty days (<table>_trend_dirty) of a tracked table, NULL where missing';

-- news.trending: for kind (an analysis with a trend_kind: 'entities',
-- 'terms'), the items of the articles published since `since` whose share
-- of articles exceeds their share in [since - baseline, since), scored by
-- JLH = (fg - bg) * fg / bg with fg = docs / window articles and bg =
-- (baseline_docs + 1) / (baseline articles + 1); items named in fewer than
-- min_docs window articles are left out.  Reads the result tables of
-- source (NULL: every tracked table whose results the caller may read);
-- the baseline of the window's items comes from the daily rollup where it
-- is readable and clean (see above), from the result rows elsewhere; work_mem
-- is raised so that the counts of a long baseline stay in memory.  All its
-- statements read the snapshot of the calling statement (STABLE).
CREATE FUNCTION news.trending(kind pg_catalog.text, since pg_catalog.timestamptz, baseline pg_catalog.interval,
	n pg_catalog.int4 DEFAULT 20, source pg_catalog.regclass DEFAULT NULL, min_docs pg_catalog.int4 DEFAULT 3,
	OUT item pg_catalog.text, OUT docs pg_catalog.int8, OUT baseline_docs pg_catalog.int8, OUT score pg_catalog.float8)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
	SET work_mem = '64MB'
AS $fn$
DECLARE
	a news.pipeline_analyses;
	o record;
	counts pg_catalog.text[] := '{}';
	baselines pg_catalog.text[] := '{}';
	labels pg_catalog.text[] := '{}';
	dirties pg_catalog.text[] := '{}';
	fg_total pg_catalog.int8 := 0;
	bg_total pg_catalog.int8 := 0;
	fg pg_catalog.int8;
	bg pg_catalog.int8;
	lo pg_catalog.timestamptz;
	first_day pg_catalog.date;
	end_day pg_catalog.date;
	rollup pg_catalog.bool;
	ranges pg_catalog.text;
	ranged pg_catalog.text;
	j pg_catalog.int4 := 0;
BEGIN
	SELECT * INTO a FROM news.pipeline_analyses p WHERE p.trend_kind OPERATOR(pg_catalog.=) kind;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown trending kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
				HINT = pg_catalog.format('Kinds: %s.', (SELECT pg_catalog.string_agg(p.trend_kind, ', ' ORDER BY p.trend_kind)
					FROM news.pipeline_analyses p WHERE p.trend_kind IS NOT NULL));
	END IF;
	IF since IS NULL OR baseline IS NULL OR n IS NULL OR min_docs IS NULL
		OR baseline OPERATOR(pg_catalog.<=) '0'::pg_catalog.interval OR n OPERATOR(pg_catalog.<) 0
		OR min_docs OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'since, baseline, n and min_docs must be given, baseline positive, n not negative and min_docs positive'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- the baseline [lo, since); its full UTC days [first_day, end_day) may
	-- come from the rollup (the same operator as in the statements, so the
	-- same instant)
	lo := since OPERATOR(pg_catalog.-) baseline;
	rollup := COALESCE(pg_catalog.current_setting('news.trending_rollup', true), '') OPERATOR(pg_catalog.<>) 'off'
		AND pg_catalog.isfinite(lo) AND pg_catalog.isfinite(since);
	IF rollup THEN
		first_day := (lo AT TIME ZONE 'UTC')::pg_catalog.date;
		IF (first_day::pg_catalog.timestamp AT TIME ZONE 'UTC') OPERATOR(pg_catalog.<) lo THEN
			first_day := first_day OPERATOR(pg_catalog.+) 1;
		END IF;
		end_day := (since AT TIME ZONE 'UTC')::pg_catalog.date;
		rollup := first_day OPERATOR(pg_catalog.<) end_day;
	END IF;
	FOR o IN
		SELECT t.source, t.analysed, x.relation, r.daily, r.dirty
		FROM news.tracked t
		JOIN news.tracked_objects x ON x.source OPERATOR(pg_catalog.=) t.source AND x.name OPERATOR(pg_catalog.=) a.name
		CROSS JOIN LATERAL news.trend_relations(t.source) r
		WHERE (trending.source IS NULL OR t.source OPERATOR(pg_catalog.=) trending.source)
			AND COALESCE(pg_catalog.has_table_privilege(x.relation::pg_catalog.oid, 'SELECT'), false)
			AND COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false)
		ORDER BY t.source::pg_catalog.oid
	LOOP
		j := j OPERATOR(pg_catalog.+) 1;
		IF rollup AND o.daily IS NOT NULL AND o.dirty IS NOT NULL
			AND COALESCE(pg_catalog.has_table_privilege(o.daily::pg_catalog.oid, 'SELECT'), false)
			AND COALESCE(pg_catalog.has_table_privilege(o.dirty::pg_catalog.oid, 'SELECT'), false) THEN
			-- the dirty days of the full days (y<j>), and the ranges counted
			-- from the rows: both edges and the dirty days
			dirties := dirties OPERATOR(pg_catalog.||) pg_catalog.format(
				'y%s AS MATERIALIZED (SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day), ''{}'') AS days FROM %s y '
				'WHERE y.day OPERATOR(pg_catalog.>=) $8 AND y.day OPERATOR(pg_catalog.<) $9)', j, o.dirty);
			ranges := pg_catalog.format(
				'(SELECT $7 AS lo, ($8::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS hi '
				'UNION ALL SELECT ($9::pg_catalog.timestamp AT TIME ZONE ''UTC''), $1 '
				'UNION ALL SELECT (x.day::pg_catalog.timestamp AT TIME ZONE ''UTC''), '
				'((x.day OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamp AT TIME ZONE ''UTC'') '
				'FROM y%s CROSS JOIN LATERAL pg_catalog.unnest(y%s.days) x(day)) g', j, j);
			-- the rows of a relation in the ranges: a subquery per range
			-- (OFFSET 0 keeps it one, read through the index on published)
			ranged := ranges OPERATOR(pg_catalog.||) ' CROSS JOIN LATERAL (SELECT r.* FROM %s r '
				'WHERE r.published OPERATOR(pg_catalog.>=) g.lo AND r.published OPERATOR(pg_catalog.<) g.hi OFFSET 0)';
			-- the window's and the baseline's articles: the rows of the ranges,
			-- and the rollup (kind '') of the clean full days
			EXECUTE pg_catalog.format(
				'WITH %s SELECT (SELECT pg_catalog.count(*) FROM %s a '
				'WHERE a.published OPERATOR(pg_catalog.>=) $1 AND a.error IS NULL), '
				'(SELECT pg_catalog.count(*) FROM %s a WHERE a.error IS NULL) '
				'OPERATOR(pg_catalog.+) COALESCE((SELECT pg_catalog.sum(d.docs) FROM %s d '
				'WHERE d.kind OPERATOR(pg_catalog.=) '''' AND d.key OPERATOR(pg_catalog.=) '''' '
				'AND d.day OPERATOR(pg_catalog.>=) $8 AND d.day OPERATOR(pg_catalog.<) $9 '
				'AND d.day OPERATOR(pg_catalog.<>) ALL ((SELECT y%s.days FROM y%s)::pg_catalog.date[])), 0)',
				dirties[pg_catalog.cardinality(dirties)], o.analysed, pg_catalog.format(ranged, o.analysed), o.daily, j, j)
				INTO fg, bg USING since, baseline, 0::pg_catalog.int8, 0::pg_catalog.int8, min_docs, n, lo, first_day, end_day;
			-- the baseline of the window's items: the rows of the ranges,
			-- and the rollup of the clean full days
			baselines := baselines OPERATOR(pg_catalog.||) news.trend_count_query(a, pg_catalog.format(ranged, o.relation),
				'k.key IN (SELECT f.key FROM f)');
			baselines := baselines OPERATOR(pg_catalog.||) pg_catalog.format(
				'SELECT f.key, s.n FROM f CROSS JOIN LATERAL (SELECT pg_catalog.sum(d.docs)::pg_catalog.int8 AS n FROM %s d '
				'WHERE d.kind OPERATOR(pg_catalog.=) %L AND d.key OPERATOR(pg_catalog.=) f.key::pg_catalog.text '
				'AND d.day OPERATOR(pg_catalog.>=) $8 AND d.day OPERATOR(pg_catalog.<) $9 '
				'AND d.day OPERATOR(pg_catalog.<>) ALL ((SELECT y%s.days FROM y%s)::pg_catalog.date[])) s WHERE s.n IS NOT NULL',
				o.daily, a.trend_kind, j, j);
		ELSE
			EXECUTE pg_catalog.format(
				'SELECT pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.>=) $1), '
				'pg_catalog.count(*) FILTER (WHERE a.published OPERATOR(pg_catalog.<) $1) '
				'FROM %s a WHERE a.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) AND a.error IS NULL',
				o.analysed)
				INTO fg, bg USING since, baseline;
			baselines := baselines OPERATOR(pg_catalog.||) news.trend_count_query(a, o.relation::pg_catalog.text,
				'r.published OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $2) '
				'AND r.published OPERATOR(pg_catalog.<) $1 AND k.key IN (SELECT f.key FROM f)');
		END IF;
		fg_total := fg_total OPERATOR(pg_catalog.+) fg;
		bg_total := bg_total OPERATOR(pg_catalog.+) bg;
		-- articles naming each item in the window, and in the baseline for
		-- the items the window keeps only (an article belongs to one table,
		-- so the sums over tables are exact); the item is computed in a
		-- lateral subquery so that a set-returning item (the terms) can be
		-- filtered before it is counted
		counts := counts OPERATOR(pg_catalog.||) news.trend_count_query(a, o.relation::pg_catalog.text, 'r.published OPERATOR(pg_catalog.>=) $1');
		labels := labels OPERATOR(pg_catalog.||) pg_catalog.format(
			'SELECT k.key, k.label FROM %s r CROSS JOIN LATERAL (SELECT %s AS key, %s AS label) k '
			'WHERE r.published OPERATOR(pg_catalog.>=) $1 AND (%s) AND k.key IN (SELECT top.key FROM top)',
			o.relation, a.trend_key, a.trend_label, COALESCE(a.trend_filter, 'true'));
	END LOOP;
	IF pg_catalog.cardinality(counts) OPERATOR(pg_catalog.=) 0 OR fg_total OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;
	-- count the window's items, keep those named in min_docs articles, count
	-- them in the baseline, score them, keep the best n, then find the labels
	-- of those only (the most frequent one in the window)
	RETURN QUERY EXECUTE pg_catalog.format(
		'WITH %s f AS MATERIALIZED (SELECT u.key, pg_catalog.sum(u.n)::pg_catalog.int8 AS fg FROM (%s) u '
		'	GROUP BY u.key HAVING pg_catalog.sum(u.n) OPERATOR(pg_catalog.>=) $5), '
		'b AS (SELECT u.key, pg_catalog.sum(u.n)::pg_catalog.int8 AS bg FROM (%s) u GROUP BY u.key), '
		's AS (SELECT f.key, f.fg, COALESCE(b.bg, 0) AS bg, f.fg::pg_catalog.float8 OPERATOR(pg_catalog./) $3 AS p, '
		'	(COALESCE(b.bg, 0) OPERATOR(pg_catalog.+) 1)::pg_catalog.float8 OPERATOR(pg_catalog./) ($4 OPERATOR(pg_catalog.+) 1) AS q '
		'	FROM f LEFT JOIN b ON b.key OPERATOR(pg_catalog.=) f.key), '
		'top AS MATERIALIZED (SELECT s.key, s.fg, s.bg, '
		'	(s.p OPERATOR(pg_catalog.-) s.q) OPERATOR(pg_catalog.*) s.p OPERATOR(pg_catalog./) s.q AS score '
		'	FROM s WHERE s.p OPERATOR(pg_catalog.>) s.q ORDER BY score DESC, s.key LIMIT $6), '
		'lab AS (SELECT l.key, pg_catalog.mode() WITHIN GROUP (ORDER BY l.label) AS label '
		'	FROM (%s) l GROUP BY l.key) '
		'SELECT COALESCE(lab.label, top.key::pg_catalog.text)::pg_catalog.text, top.fg, top.bg, top.score '
		'FROM top LEFT JOIN lab ON lab.key OPERATOR(pg_catalog.=) top.key '
		'ORDER BY top.score DESC, 1',
		(SELECT pg_catalog.string_agg(d OPERATOR(pg_catalog.||) ', ', '') FROM pg_catalog.unnest(dirties) d),
		pg_catalog.array_to_string(counts, ' UNION ALL '), pg_catalog.array_to_string(baselines, ' UNION ALL '),
		pg_catalog.array_to_string(labels, ' UNION ALL '))
		USING since, baseline, fg_total, bg_total, min_docs, n, lo, first_day, end_day;
END
$fn$;
COMMENT ON FUNCTION news.trending(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.regclass, pg_catalog.int4) IS
	'items (kind ''entities'': canonical names; ''terms'': most frequent surface form) of tracked tables whose share of the articles published since `since` is significantly above their share in the baseline interval before it: window articles, baseline articles and JLH score, best first; the baseline''s full days come from the daily rollup (<table>_trend_daily) unless SET news.trending_rollup = off';

-- news.trend_setup: run by news.pipeline_prepare (news.track, news.refresh)
-- as the tracking role: creates <table>_trend_daily and <table>_trend_dirty
-- when the table has none, and marks the days of the results it already
-- has dirty (news.refresh then folds them).  The rollup is keyed by item
-- first: news.trending reads the days of each of the window's items (an
-- index range each); the index on day serves the folds.
CREATE FUNCTION news.trend_setup(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	daily pg_catalog.regclass;
	dirty pg_catalog.regclass;
	parts pg_catalog.text[];
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) trend_setup.source;
	IF NOT FOUND OR t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER)
		OR EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) t.source
			AND o.name OPERATOR(pg_catalog.=) ANY (ARRAY['trend_daily', 'trend_dirty'])) THEN
		RETURN;
	END IF;
	SELECT n.nspname INTO nsp FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE c.oid OPERATOR(pg_catalog.=) t.analysed;
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_trend_daily');
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (kind pg_catalog.text NOT NULL, day pg_catalog.date NOT NULL, key pg_catalog.text NOT NULL, '
		'docs pg_catalog.int4 NOT NULL, PRIMARY KEY (kind, key, day) INCLUDE (docs))',
		nsp, prefix OPERATOR(pg_catalog.||) '_trend_daily');
	daily := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_trend_daily')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (day)', daily);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', daily, pg_catalog.format(
		'news_analytics trending rollup of %s (news.track): per kind, UTC day and item key the articles naming it (kind ''''/key '''': the day''s analysed articles without error); days in %s_trend_dirty are out of date', t.source, prefix));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'trend_daily', daily);
	EXECUTE pg_catalog.format('CREATE TABLE %I.%I (day pg_catalog.date NOT NULL)', nsp, prefix OPERATOR(pg_catalog.||) '_trend_dirty');
	dirty := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_trend_dirty')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (day)', dirty);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', dirty, pg_catalog.format(
		'news_analytics: UTC days of %s whose trending rollup (%s_trend_daily) is out of date, one row per batch and day; news.refresh folds them', t.source, prefix));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'trend_dirty', dirty);
	-- results stored before the rollup existed
	parts := ARRAY(SELECT pg_catalog.format('SELECT r.published FROM %s r', o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT a.published FROM %s a', t.analysed);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u WHERE u.published IS NOT NULL ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '));
END
$fn$;
COMMENT ON FUNCTION news.trend_setup(pg_catalog.regclass) IS
	'creates the trending rollup (<table>_trend_daily) and dirty days (<table>_trend_dirty) of a tracked table that has none (used by news.track and news.refresh)';

-- news.trend_mark: called by news.pipeline_analyse before it replaces the
-- results of the articles ids of t, in the same transaction: the UTC days
-- of their stored result rows and analysed rows (what is deleted) and of
-- their publication time in rows, the relation the batch reads (what is
-- inserted), go into <table>_trend_dirty.
CREATE FUNCTION news.trend_mark(t news.tracked, rows pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	dirty pg_catalog.regclass := (news.trend_relations(t.source)).dirty;
	parts pg_catalog.text[];
BEGIN
	IF dirty IS NULL THEN
		RETURN;
	END IF;
	parts := ARRAY(SELECT pg_catalog.format('SELECT r.published FROM %s r WHERE r.article_id OPERATOR(pg_catalog.=) ANY ($1)', o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT a.published FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1)', t.analysed)
		-- as news.pipeline_batch_query computes it
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT %s FROM %s s WHERE s.%I OPERATOR(pg_catalog.=) ANY ($1)',
			CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
				ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
			rows, t.id_column);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u(published) WHERE u.published IS NOT NULL ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '))
		USING ids;
END
$fn$;
COMMENT ON FUNCTION news.trend_mark(news.tracked, pg_catalog.regclass, pg_catalog.int8[]) IS
	'marks dirty the UTC days whose trending rollup the analysis of some articles of a tracked table changes (used by news.pipeline_analyse, in the batch''s transaction)';

-- news.trend_fold: run at the end of news.refresh: brings the rollup of the
-- dirty days of source that have ended (UTC) up to date, a chunk of up to
-- 31 days (in date order) in a transaction of its own (see the top of this
-- section).  A chunk is counted by one statement (each day's counts, as
-- news.trending counts them) and each kind's rows are written in the order
-- of the rollup's primary key, so a backfill (a first refresh, news.track
-- on a table with articles) fills the index in a few sweeps instead of a
-- random order per day; the days without rollup rows (the lock keeps them
-- so: only folds write the rollup) get plain inserts, cheaper than
-- INSERT ... ON CONFLICT (which the days with rows keep: plain UPDATE,
-- INSERT and DELETE joined with the rollup were slower, for a refold that
-- changes nothing as for a first fold).  A chunk whose fold fails (a
-- serialization failure under repeatable read, say) stays dirty.
CREATE PROCEDURE news.trend_fold(source pg_catalog.regclass)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	t news.tracked;
	daily pg_catalog.regclass;
	dirty pg_catalog.regclass;
	fill pg_catalog.text;
	days pg_catalog.date[];
	chunk pg_catalog.date[];
	found_days pg_catalog.date[];
	old_days pg_catalog.date[];
	i pg_catalog.int4 := 1;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) trend_fold.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and its rollup is written only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT r.daily, r.dirty INTO daily, dirty FROM news.trend_relations(t.source) r;
	IF daily IS NULL OR dirty IS NULL THEN
		RETURN;
	END IF;
	-- the counts of the days x (x.day, and its bounds x.lo and x.hi), each
	-- kind's in the order of the rollup's primary key: the items of every
	-- trending kind, and the analysed articles without error
	fill := (SELECT pg_catalog.string_agg(pg_catalog.format(
			'(SELECT %L, x.day, c.key::pg_catalog.text, c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (%s) c ORDER BY 3, 2)',
			p.trend_kind, news.trend_count_query(p, o.relation::pg_catalog.text,
				'r.published OPERATOR(pg_catalog.>=) x.lo AND r.published OPERATOR(pg_catalog.<) x.hi AND k.key IS NOT NULL')),
			' UNION ALL ' ORDER BY p.position)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL);
	fill := pg_catalog.concat_ws(' UNION ALL ', fill, pg_catalog.format(
		'SELECT '''', x.day, '''', c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM %s a '
		'WHERE a.published OPERATOR(pg_catalog.>=) x.lo AND a.published OPERATOR(pg_catalog.<) x.hi AND a.error IS NULL) c '
		'WHERE c.n OPERATOR(pg_catalog.>) 0', t.analysed));
	-- complete days only: today's (and later) days are never full days of
	-- a baseline that ends by now, so folding them at every refresh of a
	-- growing day would recount it again and again; they are folded once,
	-- by the first refresh after they end
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day ORDER BY y.day), ''{}'') FROM %s y '
		'WHERE y.day OPERATOR(pg_catalog.<) (pg_catalog.now() AT TIME ZONE ''UTC'')::pg_catalog.date', dirty) INTO days;
	WHILE i OPERATOR(pg_catalog.<=) pg_catalog.cardinality(days) LOOP
		chunk := days[i : i OPERATOR(pg_catalog.+) 30];
		i := i OPERATOR(pg_catalog.+) 31;
		BEGIN
			-- the folds of a table one after the other (readers and batches
			-- do not wait); read committed: the statements below see every
			-- batch whose dirty row the delete found
			EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', daily);
			EXECUTE pg_catalog.format('WITH y AS (DELETE FROM %s y WHERE y.day OPERATOR(pg_catalog.=) ANY ($1) RETURNING y.day) '
				'SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day), ''{}'') FROM y', dirty) INTO found_days USING chunk;
			IF pg_catalog.cardinality(found_days) OPERATOR(pg_catalog.>) 0 THEN
				-- the days that have rollup rows (the lock keeps them so)
				EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(x.day), ''{}'') FROM pg_catalog.unnest($1) x(day) '
					'WHERE EXISTS (SELECT FROM %s d WHERE d.day OPERATOR(pg_catalog.=) x.day)', daily) INTO old_days USING found_days;
				-- the chunk's sort in memory
				PERFORM pg_catalog.set_config('work_mem', '64MB', true);
				-- the days' counts written over their rollup rows: the rows
				-- of a new day inserted, changed counts updated, new items
				-- inserted, items no longer named deleted (a refold after a
				-- few changed articles writes only their items, and no
				-- insert meets the dead row of its own key)
				EXECUTE pg_catalog.format(
					'WITH x AS (SELECT d AS day, (d::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS lo, '
					'((d OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS hi FROM pg_catalog.unnest($1) d), '
					'c (kind, day, key, docs) AS MATERIALIZED (%2$s), '
					'n AS (INSERT INTO %1$s (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.<>) ALL ($2)), '
					'u AS (INSERT INTO %1$s AS d (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.=) ANY ($2) '
					'ON CONFLICT (kind, key, day) DO UPDATE SET docs = EXCLUDED.docs '
					'WHERE d.docs OPERATOR(pg_catalog.<>) EXCLUDED.docs) '
					'DELETE FROM %1$s d WHERE d.day OPERATOR(pg_catalog.=) ANY ($2) AND NOT EXISTS (SELECT FROM c '
					'WHERE c.kind OPERATOR(pg_catalog.=) d.kind AND c.key OPERATOR(pg_catalog.=) d.key '
					'AND c.day OPERATOR(pg_catalog.=) d.day)', daily, fill)
					USING found_days, old_days;
			END IF;
		-- (unique_violation: under repeatable read, a snapshot taken before
		-- the lock may miss the rows another fold just wrote of a new day)
		EXCEPTION WHEN serialization_failure OR deadlock_detected OR lock_not_available OR unique_violation THEN
			RAISE NOTICE 'news.refresh %: the trending rollup of % to % stays out of date: %', source, chunk[1],
				chunk[pg_catalog.cardinality(chunk)], SQLERRM;
		END;
		COMMIT;
	END LOOP;
END
$fn$;
COMMENT ON PROCEDURE news.trend_fold(pg_catalog.regclass) IS
	'brings the trending rollup of a tracked table up to date: recounts the days marked dirty, up to 31 of them in a transaction (called by news.refresh)';

-- ---------------------------------------------------------------------------
-- Pipeline: keyphrases, summaries and tone of tracked tables (issue 14)
-- ---------------------------------------------------------------------------
-- Three more analyses of tracked tables, each one row of
-- news.pipeline_analyses (80_pipeline.sql says how a row becomes a result
-- table of every tracked table at its next refresh), and the tone-over-time
-- dashboard view.  None reads news.gazetteer or news.entity_patterns, so a
-- configuration change leaves them as they are.
--
--   <t>_keyphrases  the 10 best keyphrases of every body (news.keywords),
--                   with key, the phrase in lower case, which
--                   news.trending('keyphrases', ...) counts (shown in its
--                   most frequent spelling)
--   <t>_summary     the 3 sentences of every body that carry it
--                   (news.summary)
--   <t>_tone        the tone of every body (news.sentiment), one row each
--   <t>_tone_daily  tone per day and source (the view)

INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent,
	trend_kind, trend_key, trend_label, trend_filter, trend_distinct, description) VALUES
('keyphrases', 70,
 'phrase pg_catalog.text, key pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4, kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4',
 'SELECT b.id, b.published, k.phrase, pg_catalog.lower(k.phrase), k.score, k.count, k.kind, k.start, k.length
  FROM news_batch b CROSS JOIN LATERAL news.keywords(b.body, 10) k',
 ARRAY['(article_id)', '(published, key)'], false,
 'keyphrases', 'r.key', 'r.phrase', NULL, false,
 'the 10 best keyphrases (news.keywords) of every body, best first: phrase as written, key (the phrase in lower case, what news.trending counts), score 0..1, mentions, kind (word, phrase, name), 1-based character start and length of the mention shown'),
('summary', 80,
 'sentence pg_catalog.int4, text pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, score pg_catalog.float4',
 'SELECT b.id, b.published, s.sentence, s.text, s.start, s.length, s.score
  FROM news_batch b CROSS JOIN LATERAL news.summary(b.body, 3) s',
 ARRAY['(article_id)'], false,
 NULL, NULL, NULL, NULL, true,
 'an extractive summary (news.summary) of every body: the 3 sentences that carry it, in text order, with their sentence number, text, 1-based character start and length, and score'),
('tone', 90,
 'polarity pg_catalog.text, score pg_catalog.float4, positive pg_catalog.float4, negative pg_catalog.float4, sentences pg_catalog.int4, words pg_catalog.int4',
 'SELECT b.id, b.published, t.polarity, t.score, t.positive, t.negative, t.sentences, t.words
  FROM news_batch b CROSS JOIN LATERAL news.sentiment(b.body) t',
 ARRAY['(article_id)', '(published)'], false,
 NULL, NULL, NULL, NULL, true,
 'the tone (news.sentiment) of every body: polarity (negative, neutral, positive), score in [-1, 1], percent of positive and of negative words (GDELT''s tone is positive - negative), sentences and words read');

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('tone_daily', 60,
 'SELECT pg_catalog.date_trunc(''day'', t.published) AS day, a.source,
	pg_catalog.count(*) AS articles, pg_catalog.avg(t.score) AS score,
	pg_catalog.avg(t.positive OPERATOR(pg_catalog.-) t.negative) AS tone,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''positive'') AS positive,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''neutral'') AS neutral,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''negative'') AS negative
  FROM {tone} t JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) t.article_id
  GROUP BY 1, 2',
 'tone over time: day, source, articles, score (mean news.sentiment score), tone (mean positive - negative word percentages, GDELT''s tone), and the articles of each polarity');

-- ---------------------------------------------------------------------------
-- Stories: articles of tracked tables grouped into stories (issue 14)
-- ---------------------------------------------------------------------------
-- Story membership is an analysis of tracked tables like the others (one
-- row of news.pipeline_analyses, 'story_members'), run by news.refresh
-- after the entities and the term vectors of a batch are stored.  Each
-- batch is taken in publication order, and each article joins the story
-- whose centroid it resembles most (tf-idf of its terms plus the overlap of
-- its entities, src/core/stories.h), when the story's time span comes
-- within the time window of the article and the score reaches the
-- threshold; otherwise it opens a new story.  Articles are compared with
-- centroids only, never with single members, so a story never grows by a
-- chain of pairwise links.
--
-- What a tracked table <t> gets (in its result schema, owned by the
-- tracking role, readable by the table's readers like every result):
--
--   <t>_story_members   the analysis' result table: the story of every
--                       article, its score, its title (or first sentence),
--                       source and entity vector
--   <t>_stories         one row per story: headline (the title of the
--                       member closest to the centroid), first and last
--                       seen, article count, sources, top entities, top
--                       keyphrases (terms in surface form), and the
--                       centroid (sums of the members' story vectors)
--   <t>_story_state     one row: the settings and the corpus statistics
--                       of terms and entities the scores use, grown with
--                       every batch, and the next story id
--   <t>_story_timeline  the dashboard view (news.pipeline_views)
--
-- Security: as for every analysis (see 80_pipeline.sql).  The functions
-- are SECURITY INVOKER; those that write run only as the tracking role
-- (news.pipeline_acts_for), and reach the relations through
-- news.tracked_objects by OID, printed schema-qualified with format('%I').
--
-- Concurrency: every function that changes stories first locks the row of
-- <t>_story_state, so concurrent refreshes assign their batches one after
-- the other (the other analyses of their batches still run side by side).

-- news.story_item: an article or a story as the assignment sees it.
CREATE TYPE news.story_item AS (
	id pg_catalog.int8,
	first_seen pg_catalog.timestamptz,
	last_seen pg_catalog.timestamptz,
	articles pg_catalog.int8,
	terms news.termvec,
	entities news.termvec
);
COMMENT ON TYPE news.story_item IS
	'an article or a story for news.story_assign and news.story_similarity: id, time span, number of articles, sum of the articles'' story vectors (news.story_vector) and number of articles naming each entity (news.story_entities)';

CREATE FUNCTION news.story_vector(terms news.termvec) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_story_vector' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_vector(news.termvec) IS
	'an article''s contribution to a story centroid: its term counts with sublinear frequency (1 + ln tf), scaled to unit length';

CREATE FUNCTION news.story_entities(entities pg_catalog.text[]) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_story_entities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_entities(pg_catalog.text[]) IS
	'the entity vector of an article: weight 1 for each distinct name (keyed by news.term_id of the name; NULLs skipped)';

CREATE FUNCTION news.termvec_add(a news.termvec, b news.termvec) RETURNS news.termvec
	AS 'MODULE_PATHNAME', 'news_termvec_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_add(news.termvec, news.termvec) IS
	'the entry-wise sum of two term vectors (entries that cancel out are dropped)';

CREATE AGGREGATE news.termvec_sum(news.termvec) (
	SFUNC = news.termvec_add,
	STYPE = news.termvec,
	COMBINEFUNC = news.termvec_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE news.termvec_sum(news.termvec) IS
	'the entry-wise sum of term vectors (NULLs skipped; NULL for no rows): a story centroid is the sum of its members'' story vectors';

CREATE FUNCTION news.story_similarity(story news.story_item, item news.story_item, stats news.corpus,
	entity_stats news.corpus, entity_weight pg_catalog.float8, exclude pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'news_story_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_similarity(news.story_item, news.story_item, news.corpus, news.corpus, pg_catalog.float8, pg_catalog.bool) IS
	'score of an item (an article or a story) against a story, 0..1: (1 - entity_weight) x cosine of the idf-weighted term vectors + entity_weight x cosine of the idf-weighted entity vectors (the terms alone for an item without entities); with exclude, the item is taken out of the story first';

CREATE FUNCTION news.story_assign(stories news.story_item[], items news.story_item[], stats news.corpus,
	entity_stats news.corpus, threshold pg_catalog.float8, time_window pg_catalog.interval,
	entity_weight pg_catalog.float8, next_id pg_catalog.int8,
	OUT story news.story_item, OUT created pg_catalog.bool, OUT items pg_catalog.int8[], OUT scores pg_catalog.float4[])
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_story_assign' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_assign(news.story_item[], news.story_item[], news.corpus, news.corpus, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.int8) IS
	'puts items (in order of first_seen) one by one into the stories: each joins the story of highest news.story_similarity whose time span comes within time_window of its own, if that reaches threshold, or starts a new story (ids from next_id on); one row per story created or changed, with the items it received and their scores';

-- news.story_title: what a story shows for an article: its title, or the
-- first sentence of its body (at most 200 characters).
CREATE FUNCTION news.story_title(title pg_catalog.text, body pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT COALESCE(NULLIF(pg_catalog.btrim($1), ''),
		(SELECT pg_catalog.left(pg_catalog.btrim(s.text), 200) FROM news.sentences($2) s
		 WHERE pg_catalog.btrim(s.text) OPERATOR(pg_catalog.<>) '' ORDER BY s.sentence LIMIT 1))
$$;
COMMENT ON FUNCTION news.story_title(pg_catalog.text, pg_catalog.text) IS
	'an article''s title, or the first sentence of its body (at most 200 characters) when it has none';

-- ---------------------------------------------------------------------------
-- The stories of a tracked table
-- ---------------------------------------------------------------------------

-- news.stories_relations: the relations of the stories of a tracked table,
-- schema-qualified and quoted, after checking that the current role may
-- change them (writing) or that they exist (reading).
CREATE FUNCTION news.stories_relations(source pg_catalog.regclass, writing pg_catalog.bool,
	OUT tracked news.tracked, OUT vectors pg_catalog.text, OUT mentions pg_catalog.text, OUT terms pg_catalog.text,
	OUT members pg_catalog.text, OUT stories pg_catalog.text, OUT state pg_catalog.text)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	o record;
BEGIN
	SELECT * INTO tracked FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) stories_relations.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF writing AND NOT news.pipeline_acts_for(tracked.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and its stories change only as that role', source, tracked.tracker
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	FOR o IN
		SELECT x.name, pg_catalog.format('%I.%I', n.nspname, c.relname) AS qualified
		FROM news.tracked_objects x
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.relation
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE x.source OPERATOR(pg_catalog.=) tracked.source
	LOOP
		CASE o.name
			WHEN 'vectors' THEN vectors := o.qualified;
			WHEN 'mentions' THEN mentions := o.qualified;
			WHEN 'terms' THEN terms := o.qualified;
			WHEN 'story_members' THEN members := o.qualified;
			WHEN 'stories' THEN stories := o.qualified;
			WHEN 'story_state' THEN state := o.qualified;
			ELSE NULL;
		END CASE;
	END LOOP;
	IF vectors IS NULL OR mentions IS NULL OR terms IS NULL OR members IS NULL OR stories IS NULL OR state IS NULL THEN
		RAISE EXCEPTION 'table % has no stories yet', source
			USING ERRCODE = 'undefined_object',
				HINT = pg_catalog.format('Run news.refresh as role %s: it creates the story tables.', tracked.tracker);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_relations(pg_catalog.regclass, pg_catalog.bool) IS
	'the registry row and the qualified names of the relations the stories of a tracked table use; with writing, checks that the current role may change them';

-- news.stories_setup: run by news.refresh (news.pipeline_prepare) when the
-- table <t>_story_members is created: creates <t>_stories and
-- <t>_story_state next to it and registers them.
CREATE FUNCTION news.stories_setup(source pg_catalog.regclass) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	nsp pg_catalog.name;
	prefix pg_catalog.name;
	rel pg_catalog.regclass;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) stories_setup.source;
	IF NOT FOUND OR NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'only the role tracking table % sets up its stories', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT n.nspname INTO nsp FROM news.tracked_objects o
	JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) o.relation
	JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) 'story_members';
	SELECT c.relname INTO prefix FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.source;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_story_state');

	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (story_id pg_catalog.int8 PRIMARY KEY, headline pg_catalog.text, '
		'headline_article pg_catalog.int8, headline_score pg_catalog.float4, '
		'first_seen pg_catalog.timestamptz NOT NULL, last_seen pg_catalog.timestamptz NOT NULL, '
		'articles pg_catalog.int8 NOT NULL, sources pg_catalog.text[], entities pg_catalog.text[], '
		'keyphrases pg_catalog.text[], terms news.termvec, entity_vector news.termvec, '
		'updated_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now())',
		nsp, prefix OPERATOR(pg_catalog.||) '_stories');
	rel := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_stories')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (last_seen)', rel);
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (first_seen)', rel);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel, pg_catalog.format(
		'news_analytics stories of %s (news.track): headline, first and last seen, articles, sources, top entities, keyphrases, centroid', t.source));
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'stories', rel);

	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I ('
		'only_row pg_catalog.bool PRIMARY KEY DEFAULT true CHECK (only_row), '
		'threshold pg_catalog.float8 NOT NULL DEFAULT 0.3 CHECK (threshold OPERATOR(pg_catalog.>=) 0 AND threshold OPERATOR(pg_catalog.<=) 1), '
		'time_window pg_catalog.interval NOT NULL DEFAULT ''3 days'' CHECK (time_window OPERATOR(pg_catalog.>=) ''0''::pg_catalog.interval), '
		'entity_weight pg_catalog.float8 NOT NULL DEFAULT 0.1 CHECK (entity_weight OPERATOR(pg_catalog.>=) 0 AND entity_weight OPERATOR(pg_catalog.<=) 1), '
		'merge_threshold pg_catalog.float8 NOT NULL DEFAULT 0.4 CHECK (merge_threshold OPERATOR(pg_catalog.>=) 0 AND merge_threshold OPERATOR(pg_catalog.<=) 1), '
		'merge_window pg_catalog.interval NOT NULL DEFAULT ''7 days'' CHECK (merge_window OPERATOR(pg_catalog.>=) ''0''::pg_catalog.interval), '
		'stats news.corpus NOT NULL DEFAULT ''docs=0 length=0 {}'', '
		'entity_stats news.corpus NOT NULL DEFAULT ''docs=0 length=0 {}'', '
		'next_story pg_catalog.int8 NOT NULL DEFAULT 1, maintained_at pg_catalog.timestamptz, '
		'maintained_docs pg_catalog.int8 NOT NULL DEFAULT 0, '
		'pending_articles pg_catalog.int8[] NOT NULL DEFAULT ''{}'', '
		'pending_stories pg_catalog.int8[] NOT NULL DEFAULT ''{}'')',
		nsp, prefix OPERATOR(pg_catalog.||) '_story_state');
	rel := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_story_state')::pg_catalog.regclass;
	-- the statistics change with every batch and are read several times a
	-- batch: stored out of line without compression (pglz took 23 ms of the
	-- 35 of each batch's update at 22,000 articles)
	EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN stats SET STORAGE EXTERNAL, '
		'ALTER COLUMN entity_stats SET STORAGE EXTERNAL', rel);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', rel, pg_catalog.format(
		'news_analytics story settings and statistics of %s, and the stories waiting to be described (news.track; see news.stories_configure)', t.source));
	EXECUTE pg_catalog.format('INSERT INTO %s DEFAULT VALUES', rel);
	INSERT INTO news.tracked_objects (source, name, relation) VALUES (t.source, 'story_state', rel);
END
$fn$;
COMMENT ON FUNCTION news.stories_setup(pg_catalog.regclass) IS
	'creates the stories table and the story state of a tracked table next to its story_members table (run by news.refresh)';

-- news.stories_lock_row: locks the state row of a table's stories until
-- the end of the transaction (created with the default settings if a
-- TRUNCATE of the tracked table took it away), and returns nothing: the
-- callers that only lock use it, since returning the corpus statistics as
-- a record (news.stories_lock) copies them whole, a megabyte at 22,000
-- articles, decompressed.
CREATE FUNCTION news.stories_lock_row(state pg_catalog.text) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format('INSERT INTO %s DEFAULT VALUES ON CONFLICT DO NOTHING', state);
	EXECUTE pg_catalog.format('SELECT FROM %s s FOR UPDATE', state);
END
$fn$;
COMMENT ON FUNCTION news.stories_lock_row(pg_catalog.text) IS
	'locks the story state of a tracked table (used by the story functions)';

-- news.stories_lock: the state row of a table's stories, locked until the
-- end of the transaction (news.stories_lock_row), and its settings and
-- statistics.
CREATE FUNCTION news.stories_lock(state pg_catalog.text,
	OUT threshold pg_catalog.float8, OUT time_window pg_catalog.interval, OUT entity_weight pg_catalog.float8,
	OUT merge_threshold pg_catalog.float8, OUT merge_window pg_catalog.interval,
	OUT stats news.corpus, OUT entity_stats news.corpus, OUT next_story pg_catalog.int8)
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	PERFORM news.stories_lock_row(state);
	EXECUTE pg_catalog.format('SELECT s.threshold, s.time_window, s.entity_weight, s.merge_threshold, s.merge_window, '
		's.stats, s.entity_stats, s.next_story FROM %s s FOR UPDATE', state)
		INTO threshold, time_window, entity_weight, merge_threshold, merge_window, stats, entity_stats, next_story;
END
$fn$;
COMMENT ON FUNCTION news.stories_lock(pg_catalog.text) IS
	'locks and returns the story state of a tracked table (used by the story functions)';

-- news.stories_items: the query giving, for the article ids in $1, the
-- array of their news.story_item in publication order (an article without
-- a publication time counts as published now), the first and last
-- publication time, and the corpus statistics of their terms and entities.
CREATE FUNCTION news.stories_items(vectors pg_catalog.text, mentions pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(x.article_id, x.p, x.p, 1, news.story_vector(x.terms), x.ev)::news.story_item '
		'ORDER BY x.p, x.article_id), pg_catalog.min(x.p), pg_catalog.max(x.p), '
		'news.corpus_stats(x.terms), news.corpus_stats(x.ev) '
		'FROM (SELECT v.article_id, v.terms, COALESCE(v.published, pg_catalog.now()) AS p, e.ev '
		'FROM %1$s v LEFT JOIN (SELECT m.article_id, news.story_entities(pg_catalog.array_agg(m.entity)) AS ev FROM %2$s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id) e ON e.article_id OPERATOR(pg_catalog.=) v.article_id '
		'WHERE v.article_id OPERATOR(pg_catalog.=) ANY ($1)) x',
		$1, $2)
$$;
COMMENT ON FUNCTION news.stories_items(pg_catalog.text, pg_catalog.text) IS
	'the query reading articles as story items from a tracked table''s vectors and mentions (used by the story functions)';

-- news.stories_place: assigns the articles ids (with their titles and
-- sources) of a tracked table to its stories under the statistics of its
-- state row (read by the assignment's statement itself, not copied into a
-- record), stores their memberships and the stories' new centroids, and
-- returns the ids of the stories that changed.  The caller holds the
-- state lock; with grow_stats, the batch's statistics are added to the
-- stored ones first (news.refresh), otherwise they are used as they are
-- (news.stories_rebuild, news.stories_maintain).
CREATE FUNCTION news.stories_place(r record, ids pg_catalog.int8[], titles pg_catalog.text[],
	sources pg_catalog.text[], grow_stats pg_catalog.bool)
	RETURNS pg_catalog.int8[]
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	time_window pg_catalog.interval;
	items news.story_item[];
	candidates news.story_item[];
	lo pg_catalog.timestamptz;
	hi pg_catalog.timestamptz;
	batch_stats news.corpus;
	batch_entity_stats news.corpus;
	touched pg_catalog.int8[];
	created pg_catalog.int8;
BEGIN
	EXECUTE news.stories_items(r.vectors, r.mentions)
		INTO items, lo, hi, batch_stats, batch_entity_stats USING ids;
	IF items IS NULL THEN
		RETURN '{}';
	END IF;
	IF grow_stats THEN
		EXECUTE pg_catalog.format('UPDATE %s SET '
			'stats = COALESCE(news.corpus_merge(stats, $1), stats), '
			'entity_stats = COALESCE(news.corpus_merge(entity_stats, $2), entity_stats)', r.state)
			USING batch_stats, batch_entity_stats;
	END IF;
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('SELECT s.time_window FROM %s s', r.state) INTO time_window;

	-- the stories an article of the batch could join
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(s.story_id, s.first_seen, s.last_seen, s.articles, s.terms, s.entity_vector)::news.story_item) '
		'FROM %s s WHERE s.last_seen OPERATOR(pg_catalog.>=) ($1 OPERATOR(pg_catalog.-) $3) '
		'AND s.first_seen OPERATOR(pg_catalog.<=) ($2 OPERATOR(pg_catalog.+) $3)', r.stories)
		INTO candidates USING lo, hi, time_window;

	EXECUTE pg_catalog.format(
		'WITH a AS MATERIALIZED (SELECT x.* FROM %3$s st CROSS JOIN LATERAL news.story_assign(COALESCE($1, ''{}''), $2, '
		'st.stats, st.entity_stats, st.threshold, st.time_window, st.entity_weight, st.next_story) x), '
		's AS (INSERT INTO %1$s AS s (story_id, first_seen, last_seen, articles, terms, entity_vector, updated_at) '
		'SELECT (a.story).id, (a.story).first_seen, (a.story).last_seen, (a.story).articles, (a.story).terms, '
		'(a.story).entities, pg_catalog.now() FROM a '
		'ON CONFLICT (story_id) DO UPDATE SET first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, '
		'articles = EXCLUDED.articles, terms = EXCLUDED.terms, entity_vector = EXCLUDED.entity_vector, '
		'updated_at = EXCLUDED.updated_at), '
		'm AS (INSERT INTO %2$s (article_id, published, story_id, similarity, title, source, entities) '
		'SELECT x.item, i.first_seen, (a.story).id, '
		'CASE WHEN a.created AND x.n OPERATOR(pg_catalog.=) 1 THEN NULL ELSE x.score END, b.title, b.source, i.entities '
		'FROM a CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(a.items), pg_catalog.unnest(a.scores)) WITH ORDINALITY x(item, score, n) '
		'JOIN pg_catalog.unnest($2) i ON i.id OPERATOR(pg_catalog.=) x.item '
		'LEFT JOIN ROWS FROM (pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5)) b(id, title, source) '
		'ON b.id OPERATOR(pg_catalog.=) x.item) '
		'SELECT pg_catalog.array_agg((a.story).id), pg_catalog.count(*) FILTER (WHERE a.created) FROM a',
		r.stories, r.members, r.state)
		INTO touched, created
		USING candidates, items, ids, titles, sources;
	EXECUTE pg_catalog.format('UPDATE %s SET next_story = next_story OPERATOR(pg_catalog.+) $1', r.state)
		USING created;
	RETURN COALESCE(touched, '{}');
END
$fn$;
COMMENT ON FUNCTION news.stories_place(record, pg_catalog.int8[], pg_catalog.text[], pg_catalog.text[], pg_catalog.bool) IS
	'assigns articles of a tracked table to its stories and stores the memberships and centroids; returns the stories that changed (used by the story functions)';

-- news.stories_recompute: the centroids, spans and counts of the given
-- stories again from their members (stories left without members go).
CREATE FUNCTION news.stories_recompute(r record, story_ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'WITH agg AS (SELECT m.story_id, pg_catalog.min(m.published) AS first_seen, pg_catalog.max(m.published) AS last_seen, '
		'pg_catalog.count(*) AS articles, news.termvec_sum(news.story_vector(v.terms)) AS terms, '
		'news.termvec_sum(m.entities) AS entities '
		'FROM %1$s m LEFT JOIN %3$s v ON v.article_id OPERATOR(pg_catalog.=) m.article_id '
		'WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1) GROUP BY m.story_id), '
		'u AS (UPDATE %2$s s SET first_seen = agg.first_seen, last_seen = agg.last_seen, articles = agg.articles, '
		'terms = agg.terms, entity_vector = agg.entities, updated_at = pg_catalog.now() '
		'FROM agg WHERE s.story_id OPERATOR(pg_catalog.=) agg.story_id) '
		'DELETE FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND NOT EXISTS (SELECT FROM agg WHERE agg.story_id OPERATOR(pg_catalog.=) s.story_id)',
		r.members, r.stories, r.vectors)
		USING story_ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_recompute(record, pg_catalog.int8[]) IS
	'recomputes the centroids, spans and counts of stories from their members; stories without members are deleted (used by the story functions)';

-- news.stories_describe: the headline, sources, top entities and top
-- keyphrases of the given stories.  The headline is the title of the
-- member with the highest news.story_similarity to the centroid, among
-- all members, or (candidates given) among the candidates and the current
-- headline article (scored a story at a time by news.story_scores, which
-- computes the centroid's lengths once; the top terms of each centroid
-- are computed with the story, not again for each member that spells
-- them).  Entities: the five canonical names (PERSON, ORG, LOC,
-- NORP, MISC) named by the most members; keyphrases: the five heaviest
-- tf-idf terms of the centroid in their most frequent spelling among the
-- 50 latest members; sources: the ten most frequent.  The members' vectors,
-- mentions and terms are read by article id (LATERAL ... OFFSET 0: index
-- probes, whatever the planner guesses of result tables that have not been
-- analysed yet, as in the first refresh of a table; joins left to the
-- planner there sorted every term of every article, 1.5 s a call).
CREATE FUNCTION news.stories_describe(r record, story_ids pg_catalog.int8[], candidates pg_catalog.int8[])
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	st record;
BEGIN
	IF story_ids IS NULL OR pg_catalog.cardinality(story_ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;
	st := news.stories_lock(r.state);
	EXECUTE pg_catalog.format(
		'WITH s AS MATERIALIZED (SELECT s.story_id, s.headline_article, '
		'news.top_terms(news.tfidf(s.terms, $3), 5) AS top_terms '
		'FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		'm AS MATERIALIZED (SELECT m.story_id, m.article_id, m.published, m.title, m.source, m.entities FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		-- the headline: the candidate closest to the centroid
		'c AS (SELECT m.* FROM m JOIN s ON s.story_id OPERATOR(pg_catalog.=) m.story_id '
		'WHERE $2 IS NULL OR m.article_id OPERATOR(pg_catalog.=) ANY ($2) OR m.article_id OPERATOR(pg_catalog.=) s.headline_article), '
		'cg AS (SELECT c.story_id, pg_catalog.array_agg(c.article_id ORDER BY c.article_id) AS ids, '
		'pg_catalog.array_agg(c.title ORDER BY c.article_id) AS titles, '
		'pg_catalog.array_agg(ROW(c.article_id, c.published, c.published, 1, news.story_vector(v.terms), c.entities)::news.story_item '
		'ORDER BY c.article_id) AS items '
		'FROM c LEFT JOIN LATERAL (SELECT v.terms FROM %3$s v WHERE v.article_id OPERATOR(pg_catalog.=) c.article_id OFFSET 0) v ON true '
		'GROUP BY c.story_id), '
		'sc AS (SELECT cg.story_id, x.article_id, x.title, x.score FROM cg JOIN %2$s t ON t.story_id OPERATOR(pg_catalog.=) cg.story_id '
		'CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(cg.ids), pg_catalog.unnest(cg.titles), '
		'pg_catalog.unnest(news.story_scores(ROW(t.story_id, t.first_seen, t.last_seen, t.articles, t.terms, t.entity_vector)::news.story_item, '
		'cg.items, $3, $4, $5))) x(article_id, title, score)), '
		'head AS (SELECT DISTINCT ON (sc.story_id) sc.story_id, sc.article_id, sc.title, sc.score FROM sc '
		'ORDER BY sc.story_id, sc.score DESC, sc.article_id), '
		-- the ten most frequent sources
		'src AS (SELECT x.story_id, (pg_catalog.array_agg(x.source ORDER BY x.n DESC, x.source))[1:10] AS sources '
		'FROM (SELECT m.story_id, m.source, pg_catalog.count(*) AS n FROM m WHERE m.source IS NOT NULL GROUP BY 1, 2) x '
		'GROUP BY x.story_id), '
		-- the five entities named by most members
		'ent AS (SELECT y.story_id, (pg_catalog.array_agg(y.entity ORDER BY y.n DESC, y.entity))[1:5] AS entities '
		'FROM (SELECT m.story_id, x.entity, pg_catalog.count(DISTINCT m.article_id) AS n FROM m '
		'CROSS JOIN LATERAL (SELECT x.entity FROM %4$s x WHERE x.article_id OPERATOR(pg_catalog.=) m.article_id '
		'AND x.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) OFFSET 0) x '
		'GROUP BY 1, 2) y '
		'GROUP BY y.story_id), '
		-- the five heaviest tf-idf terms of the centroid, spelled as the 50 latest members spell them most
		'top AS (SELECT s.story_id, e.term_id, e.weight FROM s CROSS JOIN LATERAL news.termvec_entries(s.top_terms) e), '
		'tids AS (SELECT top.story_id, pg_catalog.array_agg(top.term_id) AS ids FROM top GROUP BY top.story_id), '
		-- the members' terms filtered to their story's top terms before the
		-- join (5 rows a member, not 40: the join sorted 40 a member)
		'recent AS (SELECT x.story_id, x.article_id, tids.ids FROM (SELECT m.story_id, m.article_id, pg_catalog.row_number() OVER '
		'(PARTITION BY m.story_id ORDER BY m.published DESC, m.article_id DESC) AS rank FROM m) x '
		'JOIN tids ON tids.story_id OPERATOR(pg_catalog.=) x.story_id '
		'WHERE x.rank OPERATOR(pg_catalog.<=) 50), '
		'spelt AS (SELECT DISTINCT ON (top.story_id, top.term_id) top.story_id, top.term_id, top.weight, t.surface '
		'FROM recent CROSS JOIN LATERAL (SELECT u.term_id, u.surface FROM %5$s w '
		'CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(w.term_ids), pg_catalog.unnest(w.surfaces)) u(term_id, surface) '
		'WHERE w.article_id OPERATOR(pg_catalog.=) recent.article_id '
		'AND u.term_id OPERATOR(pg_catalog.=) ANY (recent.ids) OFFSET 0) t '
		'JOIN top ON top.story_id OPERATOR(pg_catalog.=) recent.story_id AND top.term_id OPERATOR(pg_catalog.=) t.term_id '
		'GROUP BY top.story_id, top.term_id, top.weight, t.surface '
		'ORDER BY top.story_id, top.term_id, pg_catalog.count(*) DESC, t.surface), '
		'kp AS (SELECT spelt.story_id, pg_catalog.array_agg(spelt.surface ORDER BY spelt.weight DESC, spelt.term_id) AS keyphrases '
		'FROM spelt GROUP BY spelt.story_id) '
		'UPDATE %2$s u SET headline = COALESCE(head.title, u.headline), '
		'headline_article = COALESCE(head.article_id, u.headline_article), headline_score = COALESCE(head.score, u.headline_score), '
		'sources = COALESCE(src.sources, ''{}''), entities = COALESCE(ent.entities, ''{}''), '
		'keyphrases = COALESCE(kp.keyphrases, ''{}''), updated_at = pg_catalog.now() '
		'FROM s LEFT JOIN head ON head.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN src ON src.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN ent ON ent.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN kp ON kp.story_id OPERATOR(pg_catalog.=) s.story_id '
		'WHERE u.story_id OPERATOR(pg_catalog.=) s.story_id',
		r.members, r.stories, r.vectors, r.mentions, r.terms)
		USING story_ids, candidates, st.stats, st.entity_stats, st.entity_weight;
END
$fn$;
COMMENT ON FUNCTION news.stories_describe(record, pg_catalog.int8[], pg_catalog.int8[]) IS
	'sets the headline, sources, top entities and keyphrases of stories from their members (used by the story functions)';

-- news.stories_assign: the fill of the story_members analysis.  Assigns
-- the batch, stores the memberships itself and so returns no rows.  The
-- stories it changed are not described here: the batch's ids join the
-- state's pending_articles, and news.stories_describe_pending describes
-- their stories once, when the queue is empty or news.refresh stops (a
-- story a refresh changes in twenty batches is described once, not twenty
-- times).
--
-- A young corpus: while a table has few articles, its statistics change
-- with every batch, and the articles assigned under the first ones were
-- judged with inverse document frequencies that say little (at 50 articles
-- a word that happens to occur twice outweighs the words of the story), so
-- a story can open twice and its halves later take in neighbours of the
-- same topic.  The first batch records the size of its statistics (its
-- articles were assigned under them); each time the statistics have
-- doubled since then or since the last maintenance (or rebuild), the
-- batch is followed by the maintenance (news.stories_regroup) of the
-- stories seen within merge_window of the batch's first article: they are
-- assigned again under exact statistics (without the merge step of
-- news.stories_maintain, which a rebuild does not have either).  That
-- happens about log2(articles) times over a table's life, each time over
-- recent stories only, and makes incremental stories agree with a rebuild.
CREATE FUNCTION news.stories_assign(source pg_catalog.regclass, ids pg_catalog.int8[], titles pg_catalog.text[],
	sources pg_catalog.text[],
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT story_id pg_catalog.int8,
	OUT similarity pg_catalog.float4, OUT title pg_catalog.text, OUT source_name pg_catalog.text,
	OUT entities news.termvec)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	first pg_catalog.bool;
	doubled pg_catalog.bool;
	since pg_catalog.timestamptz;
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	PERFORM news.stories_place(r, ids, titles, sources, true);
	-- the first batch was assigned under its own statistics: they are
	-- recorded; later, each time they have doubled, the recent stories are
	-- maintained, which marks every story in its scope (each story the
	-- batch touched was seen within merge_window of the batch's first
	-- article) to be described again from all its members; otherwise the
	-- batch's articles wait to be described as headline candidates
	EXECUTE pg_catalog.format(
		'SELECT s.maintained_docs OPERATOR(pg_catalog.=) 0, '
		'news.corpus_docs(s.stats) OPERATOR(pg_catalog.>=) (2 OPERATOR(pg_catalog.*) s.maintained_docs), '
		'COALESCE((SELECT pg_catalog.min(v.published) FROM %1$s v WHERE v.article_id OPERATOR(pg_catalog.=) ANY ($1)), '
		'pg_catalog.now()) OPERATOR(pg_catalog.-) s.merge_window FROM %2$s s',
		r.vectors, r.state)
		INTO first, doubled, since USING ids;
	IF first THEN
		EXECUTE pg_catalog.format('UPDATE %s SET maintained_docs = news.corpus_docs(stats)', r.state);
	ELSIF doubled THEN
		PERFORM news.stories_regroup(r, since, false);
		RETURN;
	END IF;
	EXECUTE pg_catalog.format('UPDATE %s SET pending_articles = pending_articles OPERATOR(pg_catalog.||) $1', r.state)
		USING ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_assign(pg_catalog.regclass, pg_catalog.int8[], pg_catalog.text[], pg_catalog.text[]) IS
	'assigns a batch of articles of a tracked table to its stories in publication order, storing memberships and stories (the fill of the story_members analysis; returns no rows)';

-- news.stories_forget: the clear step of the story_members analysis: the
-- articles ids leave their stories, which are computed again from the
-- members left (and go when none is left) and wait to be described again
-- (news.stories_describe_pending).
CREATE FUNCTION news.stories_forget(source pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	affected pg_catalog.int8[];
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('WITH d AS (DELETE FROM %s m WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'RETURNING m.story_id) SELECT pg_catalog.array_agg(DISTINCT d.story_id) FROM d', r.members)
		INTO affected USING ids;
	IF affected IS NOT NULL THEN
		PERFORM news.stories_recompute(r, affected);
		EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1', r.state)
			USING affected;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_forget(pg_catalog.regclass, pg_catalog.int8[]) IS
	'takes articles out of the stories of a tracked table and computes the stories they leave again (the clear step of the story_members analysis)';

-- news.stories_article_texts: titles and sources of articles of a tracked
-- table read from the table itself (for news.stories_rebuild).
CREATE FUNCTION news.stories_article_texts(t news.tracked, ids pg_catalog.int8[],
	OUT titles pg_catalog.text[], OUT sources pg_catalog.text[])
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.array_agg(news.story_title(%2$s, %3$s) ORDER BY i.n), '
		'pg_catalog.array_agg(%4$s ORDER BY i.n) '
		'FROM pg_catalog.unnest($1) WITH ORDINALITY i(id, n) LEFT JOIN %5$s s ON s.%1$I OPERATOR(pg_catalog.=) i.id',
		t.id_column,
		CASE WHEN t.title_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.title_column) END,
		news.pipeline_body(t, 's'),
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		t.source)
		INTO titles, sources USING ids;
END
$fn$;
COMMENT ON FUNCTION news.stories_article_texts(news.tracked, pg_catalog.int8[]) IS
	'titles (or first sentences) and sources of articles of a tracked table, in the order of ids (used by news.stories_rebuild)';

-- news.stories_configure: changes the story settings of a tracked table
-- (NULL keeps a setting); they apply to the articles assigned from now on
-- (news.stories_rebuild applies them to all).  Returns the settings.
CREATE FUNCTION news.stories_configure(source pg_catalog.regclass, threshold pg_catalog.float8 DEFAULT NULL,
	time_window pg_catalog.interval DEFAULT NULL, entity_weight pg_catalog.float8 DEFAULT NULL,
	merge_threshold pg_catalog.float8 DEFAULT NULL, merge_window pg_catalog.interval DEFAULT NULL)
	RETURNS pg_catalog.jsonb
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	result pg_catalog.jsonb;
BEGIN
	IF source IS NULL THEN
		RAISE EXCEPTION 'source must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.unnest(ARRAY[threshold, entity_weight, merge_threshold]) x
			WHERE x OPERATOR(pg_catalog.<) 0 OR x OPERATOR(pg_catalog.>) 1) THEN
		RAISE EXCEPTION 'thresholds and the entity weight must be between 0 and 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF time_window OPERATOR(pg_catalog.<) '0'::pg_catalog.interval OR merge_window OPERATOR(pg_catalog.<) '0'::pg_catalog.interval THEN
		RAISE EXCEPTION 'time windows must not be negative' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('UPDATE %s s SET threshold = COALESCE($1, s.threshold), '
		'time_window = COALESCE($2, s.time_window), entity_weight = COALESCE($3, s.entity_weight), '
		'merge_threshold = COALESCE($4, s.merge_threshold), merge_window = COALESCE($5, s.merge_window) '
		'RETURNING pg_catalog.jsonb_build_object(''threshold'', s.threshold, ''time_window'', s.time_window, '
		'''entity_weight'', s.entity_weight, ''merge_threshold'', s.merge_threshold, ''merge_window'', s.merge_window)',
		r.state)
		INTO result USING threshold, time_window, entity_weight, merge_threshold, merge_window;
	RETURN result;
END
$fn$;
COMMENT ON FUNCTION news.stories_configure(pg_catalog.regclass, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.float8, pg_catalog.interval) IS
	'changes the story settings of a tracked table (NULL keeps one): threshold, time_window and entity_weight of the assignment, merge_threshold and merge_window of news.stories_maintain; returns them as jsonb';

-- news.stories_exact_stats: the corpus statistics of every analysed
-- article's terms and entities (for news.stories_rebuild and
-- news.stories_maintain, which replace the grown ones with them).
CREATE FUNCTION news.stories_exact_stats(r record) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	EXECUTE pg_catalog.format(
		'UPDATE %1$s SET stats = COALESCE((SELECT news.corpus_stats(v.terms) FROM %2$s v), ''docs=0 length=0 {}''), '
		'entity_stats = COALESCE((SELECT news.corpus_stats(e.ev) FROM (SELECT news.story_entities(pg_catalog.array_agg(m.entity)) AS ev '
		'FROM %3$s m WHERE m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id) e), ''docs=0 length=0 {}'')',
		r.state, r.vectors, r.mentions);
	EXECUTE pg_catalog.format('UPDATE %s SET maintained_docs = news.corpus_docs(stats)', r.state);
END
$fn$;
COMMENT ON FUNCTION news.stories_exact_stats(record) IS
	'replaces the grown corpus statistics of a table''s stories by those of all its analysed articles and records their document count (used by the story functions)';

-- news.stories_rebuild: the stories of a tracked table from scratch, as a
-- batch: every analysed article in publication order, in chunks, under the
-- statistics of all articles.  Optional new settings are stored first.
-- Takes locks that keep readers out of the story tables until it commits.
-- Returns the number of stories.
CREATE FUNCTION news.stories_rebuild(source pg_catalog.regclass, threshold pg_catalog.float8 DEFAULT NULL,
	time_window pg_catalog.interval DEFAULT NULL, entity_weight pg_catalog.float8 DEFAULT NULL,
	chunk pg_catalog.int4 DEFAULT 2000)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	ids pg_catalog.int8[];
	texts record;
	after_p pg_catalog.timestamptz := '-infinity';
	after_id pg_catalog.int8 := -9223372036854775808;
	all_ids pg_catalog.int8[];
	n pg_catalog.int8;
BEGIN
	IF source IS NULL OR chunk IS NULL OR chunk OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'source must be given and chunk must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_configure(source, threshold, time_window, entity_weight);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('TRUNCATE %s, %s', r.members, r.stories);
	EXECUTE pg_catalog.format('UPDATE %s SET next_story = 1, pending_articles = ''{}'', pending_stories = ''{}''', r.state);
	PERFORM news.stories_exact_stats(r);
	LOOP
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.array_agg(x.article_id ORDER BY x.p, x.article_id), '
			'(pg_catalog.array_agg(x.p ORDER BY x.p DESC, x.article_id DESC))[1], '
			'(pg_catalog.array_agg(x.article_id ORDER BY x.p DESC, x.article_id DESC))[1] '
			'FROM (SELECT v.article_id, COALESCE(v.published, ''infinity'') AS p FROM %s v '
			'WHERE (COALESCE(v.published, ''infinity''), v.article_id) OPERATOR(pg_catalog.>) ($1, $2) '
			'ORDER BY 2, 1 LIMIT $3) x',
			r.vectors)
			INTO ids, after_p, after_id USING after_p, after_id, chunk;
		EXIT WHEN ids IS NULL;
		texts := news.stories_article_texts(r.tracked, ids);
		PERFORM news.stories_place(r, ids, texts.titles, texts.sources, false);
	END LOOP;
	-- describe every story, a chunk at a time
	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id ORDER BY s.story_id) FROM %s s', r.stories)
		INTO all_ids;
	n := COALESCE(pg_catalog.cardinality(all_ids), 0);
	FOR i IN 0 .. (n OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, all_ids[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], NULL);
	END LOOP;
	RETURN n;
END
$fn$;
COMMENT ON FUNCTION news.stories_rebuild(pg_catalog.regclass, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.int4) IS
	'rebuilds the stories of a tracked table from scratch: all analysed articles in publication order, in chunks, under the statistics of all of them (new settings, if given, are stored first); returns the number of stories';

-- news.stories_maintain: periodic maintenance of the stories of a tracked
-- table last seen at or after since (every story when NULL): the
-- maintenance of news.stories_regroup, then the description of every
-- story in its scope (and of any other story waiting for one).
-- Returns the stories in scope before and after, and the articles that
-- changed story.
CREATE FUNCTION news.stories_maintain(source pg_catalog.regclass, since pg_catalog.timestamptz DEFAULT NULL,
	OUT stories_before pg_catalog.int8, OUT stories_after pg_catalog.int8, OUT moved pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
BEGIN
	IF source IS NULL THEN
		RAISE EXCEPTION 'source must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	r := news.stories_relations(source, true);
	SELECT g.stories_before, g.stories_after, g.moved INTO stories_before, stories_after, moved
	FROM news.stories_regroup(r, since, true) g;
	PERFORM news.stories_describe_pending(source);
END
$fn$;
COMMENT ON FUNCTION news.stories_maintain(pg_catalog.regclass, pg_catalog.timestamptz) IS
	'periodic maintenance of the stories of a tracked table last seen at or after since (NULL: all): exact statistics, their articles assigned again in publication order (drifted stories split, stories that belong together join; a story keeps its id when it keeps most of its articles), stories whose centroids reach merge_threshold within merge_window merged into the oldest, stories described again; returns the stories in scope before and after and the articles that changed story';

-- ---------------------------------------------------------------------------
-- Reading stories
-- ---------------------------------------------------------------------------

-- news.stories_source: the tracked table with stories whose stories the
-- current role may read, when there is exactly one (for the forms of the
-- reading functions without a table).
CREATE FUNCTION news.stories_source() RETURNS pg_catalog.regclass
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
	found pg_catalog.regclass[];
BEGIN
	found := ARRAY(SELECT o.source FROM news.tracked_objects o
		WHERE o.name OPERATOR(pg_catalog.=) 'story_members'
			AND COALESCE(pg_catalog.has_table_privilege(o.relation::pg_catalog.oid, 'SELECT'), false)
		ORDER BY o.source::pg_catalog.oid);
	IF pg_catalog.cardinality(found) OPERATOR(pg_catalog.=) 1 THEN
		RETURN found[1];
	END IF;
	IF pg_catalog.cardinality(found) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'no tracked table with stories you may read'
			USING ERRCODE = 'undefined_object', HINT = 'Track a table with news.track and run news.refresh.';
	END IF;
	RAISE EXCEPTION 'several tracked tables have stories: %', pg_catalog.array_to_string(found::pg_catalog.text[], ', ')
		USING ERRCODE = 'ambiguous_parameter', HINT = 'Name the table: news.story_of(''table'', id), news.story_articles(''table'', id).';
END
$fn$;
COMMENT ON FUNCTION news.stories_source() IS
	'the only tracked table with stories the current role may read, or an error (no table, or several: name it)';

-- news.story_of: the story of an article of a tracked table.
CREATE FUNCTION news.story_of(source pg_catalog.regclass, article_id pg_catalog.int8) RETURNS pg_catalog.int8
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	r record;
	story pg_catalog.int8;
BEGIN
	r := news.stories_relations(source, false);
	EXECUTE pg_catalog.format('SELECT m.story_id FROM %s m WHERE m.article_id OPERATOR(pg_catalog.=) $1', r.members)
		INTO story USING article_id;
	RETURN story;
END
$fn$;
COMMENT ON FUNCTION news.story_of(pg_catalog.regclass, pg_catalog.int8) IS
	'the story id of an article of a tracked table (NULL when it has none, e.g. not analysed yet)';

CREATE FUNCTION news.story_of(article_id pg_catalog.int8) RETURNS pg_catalog.int8
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN news.story_of(news.stories_source(), $1);
COMMENT ON FUNCTION news.story_of(pg_catalog.int8) IS
	'the story id of an article, when exactly one tracked table with stories is readable (otherwise an error asks for the table)';

-- news.story_articles: the articles of a story, in publication order.
CREATE FUNCTION news.story_articles(source pg_catalog.regclass, story_id pg_catalog.int8,
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT title pg_catalog.text,
	OUT source_name pg_catalog.text, OUT similarity pg_catalog.float4)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	ROWS 20
AS $fn$
DECLARE
	r record;
BEGIN
	r := news.stories_relations(source, false);
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT m.article_id, m.published, m.title, m.source, m.similarity FROM %s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) $1 ORDER BY m.published, m.article_id', r.members)
		USING story_id;
END
$fn$;
COMMENT ON FUNCTION news.story_articles(pg_catalog.regclass, pg_catalog.int8) IS
	'the articles of a story of a tracked table in publication order: id, publication time, title (or first sentence), source, score when it joined';

CREATE FUNCTION news.story_articles(story_id pg_catalog.int8,
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT title pg_catalog.text,
	OUT source_name pg_catalog.text, OUT similarity pg_catalog.float4)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	ROWS 20
	BEGIN ATOMIC
		SELECT * FROM news.story_articles(news.stories_source(), story_id);
	END;
COMMENT ON FUNCTION news.story_articles(pg_catalog.int8) IS
	'the articles of a story, when exactly one tracked table with stories is readable (otherwise an error asks for the table)';

-- news.story_cards: stories as jsonb cards for web dashboards, the
-- stories seen since `since` (all when NULL) with the most articles since
-- then first (ties: the latest), at most n.  A card holds the story's
-- fields and its five latest articles.
CREATE FUNCTION news.story_cards(source pg_catalog.regclass, since pg_catalog.timestamptz DEFAULT NULL,
	n pg_catalog.int4 DEFAULT 20)
	RETURNS SETOF pg_catalog.jsonb
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	ROWS 20
AS $fn$
DECLARE
	r record;
BEGIN
	IF source IS NULL OR n IS NULL OR n OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'source and n must be given and n must not be negative' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	r := news.stories_relations(source, false);
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT pg_catalog.jsonb_build_object(''story_id'', s.story_id, ''headline'', s.headline, '
		'''headline_article'', s.headline_article, ''first_seen'', s.first_seen, ''last_seen'', s.last_seen, '
		'''articles'', s.articles, ''articles_since'', c.recent, ''sources'', s.sources, ''entities'', s.entities, '
		'''keyphrases'', s.keyphrases, ''latest'', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('
		'''article_id'', l.article_id, ''published'', l.published, ''title'', l.title, ''source'', l.source) '
		'ORDER BY l.published DESC, l.article_id DESC) FROM (SELECT m.article_id, m.published, m.title, m.source FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id ORDER BY m.published DESC, m.article_id DESC LIMIT 5) l)) '
		'FROM %2$s s CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS recent FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id AND ($1 IS NULL OR m.published OPERATOR(pg_catalog.>=) $1)) c '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1 '
		'ORDER BY c.recent DESC, s.last_seen DESC, s.story_id LIMIT $2',
		r.members, r.stories)
		USING since, n;
END
$fn$;
COMMENT ON FUNCTION news.story_cards(pg_catalog.regclass, pg_catalog.timestamptz, pg_catalog.int4) IS
	'story cards (jsonb) of a tracked table for dashboards: stories seen since `since` (NULL: all), most articles since then first, at most n; each with headline, span, counts, sources, entities, keyphrases and its five latest articles';

-- news.story_card: one story as a card.
CREATE FUNCTION news.story_card(source pg_catalog.regclass, story_id pg_catalog.int8) RETURNS pg_catalog.jsonb
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	r record;
	card pg_catalog.jsonb;
BEGIN
	r := news.stories_relations(source, false);
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.jsonb_build_object(''story_id'', s.story_id, ''headline'', s.headline, '
		'''headline_article'', s.headline_article, ''first_seen'', s.first_seen, ''last_seen'', s.last_seen, '
		'''articles'', s.articles, ''sources'', s.sources, ''entities'', s.entities, ''keyphrases'', s.keyphrases, '
		'''latest'', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''article_id'', l.article_id, '
		'''published'', l.published, ''title'', l.title, ''source'', l.source) ORDER BY l.published DESC, l.article_id DESC) '
		'FROM (SELECT m.article_id, m.published, m.title, m.source FROM %1$s m WHERE m.story_id OPERATOR(pg_catalog.=) s.story_id '
		'ORDER BY m.published DESC, m.article_id DESC LIMIT 5) l)) '
		'FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) $1',
		r.members, r.stories)
		INTO card USING story_id;
	RETURN card;
END
$fn$;
COMMENT ON FUNCTION news.story_card(pg_catalog.regclass, pg_catalog.int8) IS
	'one story of a tracked table as a jsonb card (NULL when there is no such story)';

-- ---------------------------------------------------------------------------
-- Registration: the analysis and the dashboard view
-- ---------------------------------------------------------------------------
INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent, clear, setup, description)
VALUES ('story_members', 60,
 'story_id pg_catalog.int8 NOT NULL, similarity pg_catalog.float4, title pg_catalog.text, source pg_catalog.text, entities news.termvec',
 'SELECT * FROM news.stories_assign({source}, ARRAY(SELECT b.id FROM news_batch b ORDER BY b.id),
	ARRAY(SELECT news.story_title(b.title, b.body) FROM news_batch b ORDER BY b.id),
	ARRAY(SELECT b.source FROM news_batch b ORDER BY b.id))',
 ARRAY['(article_id)', '(story_id, published)'], false,
 'SELECT news.stories_forget({source}, $1)',
 'SELECT news.stories_setup({source})',
 'the story of every article (story id, score against the story when it joined, NULL for the article that opened it; title or first sentence, source, entity vector); the stories themselves are in <table>_stories');

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('story_timeline', 50,
 'SELECT pg_catalog.date_trunc(''day'', m.published) AS day, s.story_id, s.headline,
	pg_catalog.count(*) AS articles, pg_catalog.count(DISTINCT m.source) AS sources,
	s.first_seen, s.last_seen, s.articles AS story_articles
  FROM {story_members} m JOIN {stories} s ON s.story_id OPERATOR(pg_catalog.=) m.story_id
  GROUP BY 1, 2, 3, s.first_seen, s.last_seen, s.articles',
 'articles per story and day: day, story_id, headline, articles, sources, first_seen, last_seen, story_articles (all days)');

-- 85_scale.sql: news.tsvector (issue 12, item 3), the adaptive news.mlt_query
-- and news.more_like_this with a corpus (item 1); as in src/sql/85_scale.sql.
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

-- ---------------------------------------------------------------------------
-- Comments that say more than their first version did.  The SQL reference
-- of README.md is generated from the comments (make reference), so a
-- comment is what a user reads about an object.  The same statements are in
-- src/sql/98_comments.sql.
-- ---------------------------------------------------------------------------

COMMENT ON FUNCTION news.cluster_count(news.clustering) IS 'number of clusters of a clustering (connected components, singletons included)';
COMMENT ON OPERATOR news.= (news.termvec, news.termvec) IS 'equal: the same term ids with the same weights';
COMMENT ON OPERATOR news.+ (news.corpus, news.corpus) IS 'statistics of the union of two document sets: document counts, total lengths and document frequencies added (news.corpus_merge)';
COMMENT ON OPERATOR news.<=> (news.termvec, news.termvec) IS 'cosine distance of two term vectors (1 - cosine similarity): ORDER BY w <=> probe ranks the most similar first';
COMMENT ON FUNCTION news.termvec_gin_triconsistent(pg_catalog.internal, pg_catalog.int2, news.termvec, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GIN support: ternary form of news.termvec_gin_consistent';

-- ===========================================================================
-- tagger4: learned entity models (57_entity_models.sql)
-- ===========================================================================
-- ---------------------------------------------------------------------------
-- Learned entity models (src/core/ner_tagger.c, src/pg/entity_models.c):
-- sequence taggers trained in the database from labelled texts, stored in
-- news.entity_models and used by news.entities(body, model).
-- ---------------------------------------------------------------------------
CREATE TABLE news.entity_models (
	name text PRIMARY KEY,
	types text[] NOT NULL,
	model bytea NOT NULL,
	documents integer NOT NULL,
	mentions integer NOT NULL,
	trained_at timestamp with time zone NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT entity_models_name_check CHECK (pg_catalog.length(name) OPERATOR(pg_catalog.>) 0)
);

COMMENT ON TABLE news.entity_models IS
'learned entity models (averaged perceptron sequence taggers) trained by news.train_entity_model and used by news.entities(body, model => name); pg_dump keeps them';
COMMENT ON COLUMN news.entity_models.name IS 'the name news.entities(body, model => name) uses';
COMMENT ON COLUMN news.entity_models.types IS 'the entity types the model learned (PERSON, ORG, ... or types of its own such as SHIP)';
COMMENT ON COLUMN news.entity_models.model IS 'the weights (a versioned binary format of src/core/ner_tagger.c)';
COMMENT ON COLUMN news.entity_models.documents IS 'the number of example texts it was trained on';
COMMENT ON COLUMN news.entity_models.mentions IS 'the number of labelled spans in them';
COMMENT ON COLUMN news.entity_models.trained_at IS 'when it was trained';
COMMENT ON CONSTRAINT entity_models_name_check ON news.entity_models IS 'the name is not empty';

GRANT SELECT ON news.entity_models TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('news.entity_models', '');

CREATE FUNCTION news.train_entity_model(name text, examples text, epochs integer DEFAULT 10,
	OUT types text[], OUT documents integer, OUT mentions integer)
RETURNS record
AS 'MODULE_PATHNAME', 'news_train_entity_model'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;

COMMENT ON FUNCTION news.train_entity_model(text, text, integer) IS
'trains a sequence tagger from labelled texts and stores it in news.entity_models under name (replacing a model of that name): examples is a query returning (body text, spans jsonb), one row per text, spans a jsonb array of objects {"start": 1-based character, "length": characters, "type": "SHIP"} (the keys of news.entities'' columns; ''[]'' for a text without names); types are upper-case names (PERSON, ORG, LOC, NORP, MISC or any other, at most 16); epochs passes over the examples; deterministic; returns the types learned and the number of texts and of spans learned (a span that begins inside a word, such as a part of US-Russia, is left out); rejects NULLs, overlapping spans, spans out of range and malformed types (SQLSTATE 22004, 22023); the name conll is reserved for the built-in model; runs the query with the rights of the caller, who must be allowed to write news.entity_models';

CREATE FUNCTION news.entities(body text, model text,
	OUT entity text, OUT type text, OUT mention text, OUT start integer,
	OUT length integer, OUT sentence integer, OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_entities_model'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 40;

COMMENT ON FUNCTION news.entities(text, text) IS
'named entities of a text found by the learned model called model: ''conll'' (built in, trained on CoNLL-2003 train: PERSON, ORG, LOC, MISC) or one of news.entity_models (its types), with the pattern types DATE, MONEY, ...; by the rules of news.entities(body) when model is NULL; columns as news.entities(body); confidence of a learned name is the tagger''s marginal probability of its tags, not calibrated; no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

-- ---------------------------------------------------------------------------
-- The role that installed the extension customizes its data tables.
-- ---------------------------------------------------------------------------
-- Every configuration table (the ones pg_dump saves: gazetteer, patterns and
-- later data) may be read and edited by the extension's owner, who may grant
-- that on to other roles.  A superuser owner needs no grant.  Runs last, so
-- it covers every configuration table of the version being installed.
DO $grants$
DECLARE
	owner_name name;
	owner_is_super boolean;
	config pg_catalog.regclass;
BEGIN
	SELECT r.rolname, r.rolsuper INTO owner_name, owner_is_super
	FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) e.extowner
	WHERE e.extname OPERATOR(pg_catalog.=) 'news_analytics';
	IF owner_is_super THEN
		RETURN;
	END IF;
	FOR config IN
		SELECT pg_catalog.unnest(extconfig) FROM pg_catalog.pg_extension
		WHERE extname OPERATOR(pg_catalog.=) 'news_analytics'
	LOOP
		EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I WITH GRANT OPTION',
			config, owner_name);
	END LOOP;
END
$grants$;

-- ---------------------------------------------------------------------------
-- citus4 (issue 12, item 4): Citus configuration copy and "more like this"
-- by id.  The same statements are in src/sql/88_citus.sql.
-- ---------------------------------------------------------------------------
-- Every Citus node has the extension (CREATE EXTENSION propagates to the
-- workers, and to a worker added later) with its own local configuration
-- tables, which the loaders read directly (src/pg/na_catalog.h).  They
-- cannot be reference tables (Citus refuses tables with triggers that
-- belong to an extension), so the coordinator copies the users' rows to
-- the workers: news.citus_sync() sends news.citus_config() to every worker,
-- where news.citus_apply() makes its tables equal to it.  Deferred triggers
-- call it at the commit of every transaction that changed the configuration
-- on the coordinator; after adding a worker, call news.citus_sync() once.
-- Without Citus the functions do nothing and the triggers queue nothing.

-- The user configuration tables, in the order they are applied: removed
-- default rows first, so that their trigger deletes those defaults before
-- the user rows arrive.  The gazetteer's default rows are the install
-- script's on every node, so only user rows travel.
CREATE FUNCTION news.citus_config()
RETURNS pg_catalog.jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT pg_catalog.jsonb_build_object(
	'gazetteer_removed', (SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
		ORDER BY pg_catalog.to_jsonb(t)::pg_catalog.text), '[]'::pg_catalog.jsonb) FROM news.gazetteer_removed t),
	'gazetteer', (SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
		ORDER BY pg_catalog.to_jsonb(t)::pg_catalog.text), '[]'::pg_catalog.jsonb) FROM news.gazetteer t WHERE NOT t.builtin),
	'stop_entities', (SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
		ORDER BY pg_catalog.to_jsonb(t)::pg_catalog.text), '[]'::pg_catalog.jsonb) FROM news.stop_entities t),
	'entity_patterns', (SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t)
		ORDER BY pg_catalog.to_jsonb(t)::pg_catalog.text), '[]'::pg_catalog.jsonb) FROM news.entity_patterns t))
$$;

COMMENT ON FUNCTION news.citus_config() IS
'the user configuration of this node as jsonb: rows of news.gazetteer_removed, news.gazetteer (user rows only), news.stop_entities and news.entity_patterns, in a stable order (what news.citus_sync sends to the workers)';

-- news.citus_apply: on a worker, the diff of each table against config,
-- row by row as jsonb; the tables' own triggers run as for any change.
CREATE FUNCTION news.citus_apply(config pg_catalog.jsonb)
RETURNS pg_catalog.int8
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tbl pg_catalog.text;
	filter pg_catalog.text;
	n pg_catalog.int8;
	changed pg_catalog.int8 := 0;
BEGIN
	FOREACH tbl IN ARRAY ARRAY['gazetteer_removed', 'gazetteer', 'stop_entities', 'entity_patterns'] LOOP
		IF pg_catalog.jsonb_typeof(config OPERATOR(pg_catalog.->) tbl) IS DISTINCT FROM 'array' THEN
			RAISE EXCEPTION 'config must have an array of rows for %', tbl
				USING ERRCODE = 'invalid_parameter_value',
					DETAIL = 'news.citus_apply takes what news.citus_config returns.';
		END IF;
		filter := CASE WHEN tbl OPERATOR(pg_catalog.=) 'gazetteer' THEN 'NOT t.builtin' ELSE 'true' END;
		EXECUTE pg_catalog.format(
			'DELETE FROM news.%I t WHERE %s AND NOT EXISTS (SELECT FROM pg_catalog.jsonb_array_elements($1) c '
			'WHERE c.value OPERATOR(pg_catalog.=) pg_catalog.to_jsonb(t))', tbl, filter)
			USING config OPERATOR(pg_catalog.->) tbl;
		GET DIAGNOSTICS n = ROW_COUNT;
		changed := changed OPERATOR(pg_catalog.+) n;
		EXECUTE pg_catalog.format(
			'INSERT INTO news.%1$I SELECT r.* FROM pg_catalog.jsonb_populate_recordset(NULL::news.%1$I, $1) r '
			'WHERE NOT EXISTS (SELECT FROM news.%1$I t WHERE %2$s AND pg_catalog.to_jsonb(t) OPERATOR(pg_catalog.=) pg_catalog.to_jsonb(r))',
			tbl, filter)
			USING config OPERATOR(pg_catalog.->) tbl;
		GET DIAGNOSTICS n = ROW_COUNT;
		changed := changed OPERATOR(pg_catalog.+) n;
	END LOOP;
	RETURN changed;
END
$$;

COMMENT ON FUNCTION news.citus_apply(pg_catalog.jsonb) IS
'makes the user configuration of this node equal to config (what news.citus_config returns on the coordinator): deletes the rows config lacks and inserts the rows this node lacks; returns the number of rows deleted and inserted; news.citus_sync runs it on every Citus worker';

-- news.citus_sync: on the coordinator, news.citus_apply of this node's
-- configuration on every worker (run_command_on_workers, one connection
-- and transaction per worker); Citus is looked up at run time.
CREATE FUNCTION news.citus_sync()
RETURNS pg_catalog.int4
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	node record;
	nodes pg_catalog.int4 := 0;
BEGIN
	IF pg_catalog.to_regproc('pg_catalog.run_command_on_workers') IS NULL THEN
		RETURN 0;
	END IF;
	IF NOT pg_catalog.citus_is_coordinator() THEN
		RAISE EXCEPTION 'news.citus_sync must run on the Citus coordinator'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'Change the configuration tables on the coordinator: it copies them to the workers.';
	END IF;
	FOR node IN
		SELECT w.nodename, w.nodeport, w.success, w.result
		FROM pg_catalog.run_command_on_workers(pg_catalog.format('SELECT news.citus_apply(%L::pg_catalog.jsonb)',
			news.citus_config()::pg_catalog.text)) w
	LOOP
		IF NOT node.success THEN
			RAISE EXCEPTION 'could not copy the news_analytics configuration to worker %:%', node.nodename, node.nodeport
				USING ERRCODE = 'connection_failure', DETAIL = node.result,
					HINT = 'The worker needs the extension at the coordinator''s version; run news.citus_sync() again once it is reachable.';
		END IF;
		nodes := nodes OPERATOR(pg_catalog.+) 1;
	END LOOP;
	RETURN nodes;
END
$$;

COMMENT ON FUNCTION news.citus_sync() IS
'Citus coordinator: copies the user configuration (gazetteer rows, removed default rows, stop-entities, entity patterns) to every worker and returns the number of workers; run it after adding a worker; the configuration tables'' triggers run it at the commit of every change; 0 without Citus';

-- news.citus_config_changed: the before-statement trigger counts the
-- transaction's configuration changes; the deferred row trigger, at commit,
-- runs news.citus_sync once for the changes counted so far (once per
-- statement under SET CONSTRAINTS ALL IMMEDIATE).  Both are queued only
-- where Citus is installed.  The copy runs at commit over connections of
-- its own: should the commit fail after it, the workers keep the new rows
-- until the next news.citus_sync().
CREATE FUNCTION news.citus_config_changed()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	changes pg_catalog.text := pg_catalog.current_setting('news_citus.changes', true);
BEGIN
	IF TG_LEVEL OPERATOR(pg_catalog.=) 'STATEMENT' THEN
		PERFORM pg_catalog.set_config('news_citus.changes',
			(COALESCE(NULLIF(changes, ''), '0')::pg_catalog.int8 OPERATOR(pg_catalog.+) 1)::pg_catalog.text,
			true);
	ELSIF changes IS DISTINCT FROM pg_catalog.current_setting('news_citus.synced', true)
		AND pg_catalog.citus_is_coordinator() THEN
		PERFORM news.citus_sync();
		PERFORM pg_catalog.set_config('news_citus.synced', changes, true);
	END IF;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION news.citus_config_changed() IS
'trigger: on a Citus coordinator, copies the configuration to the workers (news.citus_sync) at the commit of a transaction that changed it';

DO $triggers$
DECLARE
	tbl pg_catalog.text;
BEGIN
	FOREACH tbl IN ARRAY ARRAY['gazetteer', 'gazetteer_removed', 'stop_entities', 'entity_patterns'] LOOP
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER citus_count BEFORE INSERT OR UPDATE OR DELETE ON news.%I '
			'FOR EACH STATEMENT WHEN (pg_catalog.to_regproc(''pg_catalog.citus_is_coordinator'') IS NOT NULL) '
			'EXECUTE FUNCTION news.citus_config_changed()', tbl);
		EXECUTE pg_catalog.format(
			'COMMENT ON TRIGGER citus_count ON news.%I IS %L', tbl,
			'Citus: count a change of the configuration in this transaction');
		EXECUTE pg_catalog.format(
			'CREATE CONSTRAINT TRIGGER citus_sync AFTER INSERT OR UPDATE OR DELETE ON news.%I '
			'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
			'WHEN (pg_catalog.to_regproc(''pg_catalog.citus_is_coordinator'') IS NOT NULL) '
			'EXECUTE FUNCTION news.citus_config_changed()', tbl);
		EXECUTE pg_catalog.format(
			'COMMENT ON TRIGGER citus_sync ON news.%I IS %L', tbl,
			'Citus: copy the configuration to the workers at commit (news.citus_sync)');
	END LOOP;
END
$triggers$;

-- "More like this" by article id: the probe is read first, in a statement
-- of its own, so that on Citus the search is one distributed query instead
-- of a function call pushed into the shard that holds the article (which
-- Citus refuses: a distributed query from a query on a shard).
CREATE FUNCTION news.more_like_this_id(tbl pg_catalog.regclass, id_column pg_catalog.name,
									   vec_column pg_catalog.name, article_id pg_catalog.int8, corpus news.corpus,
									   k pg_catalog.int4 DEFAULT 10, max_candidates pg_catalog.int4 DEFAULT 0,
									   OUT id pg_catalog.int8, OUT similarity pg_catalog.float8)
	RETURNS SETOF pg_catalog.record
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	probe news.termvec;
	id_type pg_catalog.regtype;
BEGIN
	id_type := news.vector_table_check(tbl, id_column, vec_column, NULL, NULL);
	IF id_type NOT IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
					   'pg_catalog.int8'::pg_catalog.regtype) THEN
		RAISE EXCEPTION 'id_column must be an integer column of %', tbl
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = pg_catalog.format('Column %I is of type %s.', id_column, id_type);
	END IF;
	EXECUTE pg_catalog.format('SELECT t.%2$I FROM %3$s AS t WHERE t.%1$I OPERATOR(pg_catalog.=) $1',
		id_column, vec_column, tbl)
		INTO probe USING article_id;
	IF probe IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY SELECT * FROM news.more_like_this(tbl, id_column, vec_column, probe, corpus, k, max_candidates);
END
$$;

COMMENT ON FUNCTION news.more_like_this_id(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.int8, news.corpus, pg_catalog.int4, pg_catalog.int4) IS
'news.more_like_this with the probe read from the row of tbl whose id_column is article_id (the article itself included); no rows when there is no such row or its vector is NULL; on Citus one distributed query, where a subquery probe is refused';

-- ---------------------------------------------------------------------------
-- mlt4: "more like this" at a million rows: news.mlt_keys, news.mlt_keys_query,
-- news.mlt_search (src/sql/87_mlt.sql).
-- ---------------------------------------------------------------------------

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

-- citus5 (issue 12, item 4): news.track on a table distributed by Citus.
-- The same statements are in src/sql/88_citus.sql.

-- ---------------------------------------------------------------------------
-- A tracked table distributed by Citus (news.track on a distributed table).
-- Citus refuses row triggers on a distributed table, so nothing queues its
-- written articles: news.refresh finds them itself (news.pipeline_poll).
-- It reads the id and a fingerprint of the analysed columns of every row,
-- computed on the workers, and queues the articles that are new, changed
-- (another fingerprint than the one stored when they were analysed) or
-- gone.  The analyses of a batch read its rows from a temporary copy on the
-- coordinator (news.pipeline_rows), since Citus cannot join the
-- coordinator's result tables with a distributed table in one statement;
-- the result tables stay on the coordinator.
-- ---------------------------------------------------------------------------

-- news.pipeline_distributed: whether Citus distributes rel (false where
-- Citus is not installed).
CREATE FUNCTION news.pipeline_distributed(rel pg_catalog.regclass) RETURNS pg_catalog.bool
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $fn$
DECLARE
	found pg_catalog.bool;
BEGIN
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
		RETURN false;
	END IF;
	EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1)'
		INTO found USING rel;
	RETURN found;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_distributed(pg_catalog.regclass) IS
	'true when Citus distributes the table (a distributed, reference or Citus local table): news.track then polls it instead of installing triggers';

-- news.pipeline_fingerprint: the SQL expression of the fingerprint of a row
-- (alias) of tracked table t: md5 of its analysed columns, independent of
-- the session's time zone, date style and float format (it is computed on
-- the workers and compared on the coordinator).
CREATE FUNCTION news.pipeline_fingerprint(t news.tracked, alias pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format('pg_catalog.md5(pg_catalog.concat_ws(%L, %s))', pg_catalog.chr(1),
		pg_catalog.array_to_string(ARRAY[
			pg_catalog.format('pg_catalog.length(%I.%I::pg_catalog.text)', alias, t.body_column),
			pg_catalog.format('%I.%I::pg_catalog.text', alias, t.body_column),
			CASE WHEN t.published_column IS NOT NULL THEN pg_catalog.format(
				'pg_catalog.date_part(''epoch'', %I.%I)::pg_catalog.numeric::pg_catalog.text', alias, t.published_column) END,
			CASE WHEN t.title_column IS NOT NULL THEN pg_catalog.format('%I.%I::pg_catalog.text', alias, t.title_column) END,
			CASE WHEN t.source_column IS NOT NULL THEN pg_catalog.format('%I.%I::pg_catalog.text', alias, t.source_column) END],
			', '))
$$;
COMMENT ON FUNCTION news.pipeline_fingerprint(news.tracked, pg_catalog.text) IS
	'the SQL expression of the md5 fingerprint of the analysed columns of a tracked table''s row, for a row alias (used by news.refresh on Citus)';

-- news.pipeline_poll: queues the new, changed and deleted articles of a
-- tracked table that has no triggers (distributed by Citus).  Returns the
-- number of ids queued.
CREATE FUNCTION news.pipeline_poll(t news.tracked) RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	queued pg_catalog.int8;
BEGIN
	IF pg_catalog.to_regclass('pg_temp.news_poll') IS NOT NULL THEN
		DROP TABLE pg_temp.news_poll;
	END IF;
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE news_poll ON COMMIT DROP AS SELECT s.%I::pg_catalog.int8 AS article_id, %s AS fingerprint FROM %s s',
		t.id_column, news.pipeline_fingerprint(t, 's'), t.source);
	EXECUTE pg_catalog.format(
		'INSERT INTO %1$s (article_id) '
		'SELECT p.article_id FROM pg_temp.news_poll p LEFT JOIN %2$s a ON a.article_id OPERATOR(pg_catalog.=) p.article_id '
		'WHERE a.fingerprint IS DISTINCT FROM p.fingerprint '
		'UNION SELECT a.article_id FROM %2$s a '
		'WHERE NOT EXISTS (SELECT FROM pg_temp.news_poll p WHERE p.article_id OPERATOR(pg_catalog.=) a.article_id) '
		'ON CONFLICT DO NOTHING', t.queue, t.analysed);
	GET DIAGNOSTICS queued = ROW_COUNT;
	DROP TABLE pg_temp.news_poll;
	RETURN queued;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_poll(news.tracked) IS
	'queues the new, changed and deleted articles of a tracked table distributed by Citus, found by comparing the fingerprints of its rows with those stored at analysis (used by news.refresh)';

-- news.pipeline_rows: the relation the analyses of the articles ids of t
-- read: the table itself, or for a table distributed by Citus a temporary
-- copy of the rows' analysed columns, refilled for every batch.
CREATE FUNCTION news.pipeline_rows(t news.tracked, ids pg_catalog.int8[]) RETURNS pg_catalog.regclass
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	rel pg_catalog.regclass;
	cols pg_catalog.text;
BEGIN
	IF NOT news.pipeline_distributed(t.source) THEN
		RETURN t.source;
	END IF;
	cols := pg_catalog.array_to_string(ARRAY(
		SELECT pg_catalog.format('s.%I', c)
		FROM pg_catalog.unnest(ARRAY[t.id_column, t.body_column, t.published_column, t.title_column, t.source_column]) c
		WHERE c IS NOT NULL), ', ');
	rel := pg_catalog.to_regclass(pg_catalog.format('pg_temp.%I', 'news_rows_' OPERATOR(pg_catalog.||) t.source::pg_catalog.oid));
	IF rel IS NULL THEN
		EXECUTE pg_catalog.format('CREATE TEMP TABLE %I ON COMMIT DELETE ROWS AS SELECT %s FROM %s s WITH NO DATA',
			'news_rows_' OPERATOR(pg_catalog.||) t.source::pg_catalog.oid, cols, t.source);
		rel := pg_catalog.to_regclass(pg_catalog.format('pg_temp.%I', 'news_rows_' OPERATOR(pg_catalog.||) t.source::pg_catalog.oid));
	END IF;
	EXECUTE pg_catalog.format('DELETE FROM %s', rel);
	EXECUTE pg_catalog.format('INSERT INTO %s SELECT %s FROM %s s WHERE s.%I OPERATOR(pg_catalog.=) ANY ($1)',
		rel, cols, t.source, t.id_column) USING ids;
	RETURN rel;
END
$fn$;
COMMENT ON FUNCTION news.pipeline_rows(news.tracked, pg_catalog.int8[]) IS
	'the relation the analyses of some articles of a tracked table read: the table, or for a table distributed by Citus a temporary copy of those rows (used by news.refresh)';

-- ---------------------------------------------------------------------------
-- neardup5: the compact near-duplicate index news.minhash_compact_ops and the
-- parameter bits of news.minhash_ops (src/sql/43_minhash_compact.sql).
-- ---------------------------------------------------------------------------

CREATE FUNCTION news.minhash_gin_compact_options(pg_catalog.internal)
RETURNS pg_catalog.void
AS 'MODULE_PATHNAME', 'news_minhash_gin_compact_options'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_gin_compact_options(pg_catalog.internal) IS
'GIN support: operator class parameters of news.minhash_compact_ops, bands (default 16), rows (default 4) and bits (default 22)';

COMMENT ON FUNCTION news.minhash_gin_options(pg_catalog.internal) IS
'GIN support: operator class parameters of news.minhash_ops, bands (default 42), rows (default 3) and bits (default 32: band hashes kept whole)';

CREATE OPERATOR CLASS news.minhash_compact_ops
FOR TYPE news.minhash USING gin AS
	OPERATOR 1 news.% (news.minhash, news.minhash),
	OPERATOR 2 news.% (news.minhash, news.minhash_query),
	FUNCTION 1 pg_catalog.btint4cmp(pg_catalog.int4, pg_catalog.int4),
	FUNCTION 2 news.minhash_gin_extract_value(news.minhash, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 3 news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2,
											  pg_catalog.internal, pg_catalog.internal,
											  pg_catalog.internal, pg_catalog.internal),
	FUNCTION 4 news.minhash_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
										   pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
										   pg_catalog.internal, pg_catalog.internal),
	FUNCTION 6 news.minhash_gin_tri_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
											   pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
											   pg_catalog.internal),
	FUNCTION 7 news.minhash_gin_compact_options(pg_catalog.internal),
	STORAGE pg_catalog.int4;

COMMENT ON OPERATOR CLASS news.minhash_compact_ops USING gin IS
'compact LSH over news.minhash for the % operators: 16 band hashes of 4 slots folded to 22 bits (parameters bands, rows, bits), about a fifth of the table at 1M distinct articles; a candidate with probability 1 - (1 - J^4)^16 (0.9998 at Jaccard 0.8), rechecked on the signature';

COMMENT ON OPERATOR FAMILY news.minhash_compact_ops USING gin IS
'compact LSH over news.minhash band hashes (see operator class news.minhash_compact_ops)';

COMMENT ON OPERATOR CLASS news.minhash_ops USING gin IS
'LSH over news.minhash band hashes for the % operators (minhash % minhash at the setting''s threshold, minhash % minhash_query at the carried one); parameters bands, rows and bits; exact when the threshold exceeds 1 - bands/k; at a million distinct articles news.minhash_compact_ops is a fraction of its size';

-- ---------------------------------------------------------------------------
-- mlt5: "more like this" from impact-ordered posting lists: news.mlt_impact_pack,
-- news.mlt_impact_candidates, news.mlt_impact_build, news.mlt_impact_search
-- (89_mlt_impact.sql)
-- ---------------------------------------------------------------------------


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

-- ---------------------------------------------------------------------------
-- stories6: story assignment and description at less cost (same results)
-- ---------------------------------------------------------------------------

CREATE FUNCTION news.story_scores(story news.story_item, items news.story_item[], stats news.corpus,
	entity_stats news.corpus, entity_weight pg_catalog.float8)
	RETURNS pg_catalog.float8[]
	AS 'MODULE_PATHNAME', 'news_story_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.story_scores(news.story_item, news.story_item[], news.corpus, news.corpus, pg_catalog.float8) IS
	'news.story_similarity of each item against one story (without exclusion), in the order of items: the same values, with the story''s lengths computed once';

-- ---------------------------------------------------------------------------
-- mlt6: news.mlt_impact_search in C (src/pg/mlt_impact.c): no PL/pgSQL, its
-- queries prepared once per session (89_mlt_impact.sql)
-- ---------------------------------------------------------------------------

-- Session 7 (lead): sports clubs (src/data/gazetteer/clubs.txt) and a few
-- companies (Yahoo, eBay, AOL, the alias Lockheed), new default rows of
-- news.gazetteer in 0.2.0 (mirrors src/sql/51_gazetteer_data.sql); builtin,
-- as news.gazetteer_builtin_default() is true while the update runs.
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
('A.C. Milan', 'AC Milan', 'ORG', NULL),
('AC Milan', 'AC Milan', 'ORG', NULL),
('AFC Ajax', 'Ajax Amsterdam', 'ORG', NULL),
('AOL', 'AOL', 'ORG', NULL),
('Ajax Amsterdam', 'Ajax Amsterdam', 'ORG', NULL),
('America Online', 'AOL', 'ORG', NULL),
('Aston Villa', 'Aston Villa', 'ORG', NULL),
('Atletico Madrid', 'Atletico Madrid', 'ORG', NULL),
('Atletico de Madrid', 'Atletico Madrid', 'ORG', NULL),
('Atlético Madrid', 'Atletico Madrid', 'ORG', NULL),
('Atlético de Madrid', 'Atletico Madrid', 'ORG', NULL),
('Bayer Leverkusen', 'Bayer Leverkusen', 'ORG', NULL),
('Bayern Munich', 'Bayern Munich', 'ORG', NULL),
('Bayern München', 'Bayern Munich', 'ORG', NULL),
('Benfica', 'Benfica', 'ORG', NULL),
('Betis', 'Real Betis', 'ORG', NULL),
('Boca Juniors', 'Boca Juniors', 'ORG', NULL),
('Borussia Dortmund', 'Borussia Dortmund', 'ORG', NULL),
('Boston Red Sox', 'Boston Red Sox', 'ORG', NULL),
('CSKA Moscow', 'CSKA Moscow', 'ORG', NULL),
('Celtic Glasgow', 'Celtic Glasgow', 'ORG', NULL),
('Crvena Zvezda', 'Red Star Belgrade', 'ORG', NULL),
('Dynamo Kiev', 'Dynamo Kiev', 'ORG', NULL),
('Dynamo Kyiv', 'Dynamo Kiev', 'ORG', NULL),
('Dynamo Moscow', 'Dynamo Moscow', 'ORG', NULL),
('FC Bayern Munich', 'Bayern Munich', 'ORG', NULL),
('FC Bayern', 'Bayern Munich', 'ORG', NULL),
('FC Porto', 'FC Porto', 'ORG', NULL),
('Fenerbahce', 'Fenerbahce', 'ORG', NULL),
('Fenerbahçe', 'Fenerbahce', 'ORG', NULL),
('Feyenoord Rotterdam', 'Feyenoord', 'ORG', NULL),
('Feyenoord', 'Feyenoord', 'ORG', NULL),
('Galatasaray', 'Galatasaray', 'ORG', NULL),
('Glasgow Celtic', 'Celtic Glasgow', 'ORG', NULL),
('Glasgow Rangers', 'Glasgow Rangers', 'ORG', NULL),
('Inter Milan', 'Inter Milan', 'ORG', NULL),
('Inter Milano', 'Inter Milan', 'ORG', NULL),
('Internazionale', 'Inter Milan', 'ORG', NULL),
('LA Lakers', 'Los Angeles Lakers', 'ORG', NULL),
('Lakers', 'Los Angeles Lakers', 'ORG', NULL),
('Leeds United', 'Leeds United', 'ORG', NULL),
('Lockheed Martin Corp.', 'Lockheed Martin', 'ORG', NULL),
('Lockheed', 'Lockheed Martin', 'ORG', NULL),
('Los Angeles Lakers', 'Los Angeles Lakers', 'ORG', NULL),
('Man City', 'Manchester City', 'ORG', NULL),
('Man United', 'Manchester United', 'ORG', NULL),
('Man Utd', 'Manchester United', 'ORG', NULL),
('Manchester City', 'Manchester City', 'ORG', NULL),
('Manchester United', 'Manchester United', 'ORG', NULL),
('Manchester Utd', 'Manchester United', 'ORG', NULL),
('New York Yankees', 'New York Yankees', 'ORG', NULL),
('Newcastle United', 'Newcastle United', 'ORG', NULL),
('Olympique Lyon', 'Olympique Lyonnais', 'ORG', NULL),
('Olympique Lyonnais', 'Olympique Lyonnais', 'ORG', NULL),
('Olympique Marseille', 'Olympique Marseille', 'ORG', NULL),
('Olympique de Marseille', 'Olympique Marseille', 'ORG', NULL),
('PSG', 'Paris Saint-Germain', 'ORG', NULL),
('PSV Eindhoven', 'PSV Eindhoven', 'ORG', NULL),
('PSV', 'PSV Eindhoven', 'ORG', NULL),
('Paris Saint-Germain', 'Paris Saint-Germain', 'ORG', NULL),
('Paris St Germain', 'Paris Saint-Germain', 'ORG', NULL),
('Paris St-Germain', 'Paris Saint-Germain', 'ORG', NULL),
('Real Betis', 'Real Betis', 'ORG', NULL),
('Real Madrid', 'Real Madrid', 'ORG', NULL),
('Real Sociedad', 'Real Sociedad', 'ORG', NULL),
('Red Sox', 'Boston Red Sox', 'ORG', NULL),
('Red Star Belgrade', 'Red Star Belgrade', 'ORG', NULL),
('River Plate', 'River Plate', 'ORG', NULL),
('SL Benfica', 'Benfica', 'ORG', NULL),
('Schalke 04', 'Schalke 04', 'ORG', NULL),
('Schalke', 'Schalke 04', 'ORG', NULL),
('Spartak Moscow', 'Spartak Moscow', 'ORG', NULL),
('Sporting CP', 'Sporting Lisbon', 'ORG', NULL),
('Sporting Clube de Portugal', 'Sporting Lisbon', 'ORG', NULL),
('Sporting Lisbon', 'Sporting Lisbon', 'ORG', NULL),
('Spurs', 'Tottenham Hotspur', 'ORG', NULL),
('Tottenham Hotspur', 'Tottenham Hotspur', 'ORG', NULL),
('Werder Bremen', 'Werder Bremen', 'ORG', NULL),
('West Ham United', 'West Ham United', 'ORG', NULL),
('Yahoo Inc.', 'Yahoo', 'ORG', NULL),
('Yahoo!', 'Yahoo', 'ORG', NULL),
('Yahoo', 'Yahoo', 'ORG', NULL),
('Yankees', 'New York Yankees', 'ORG', NULL),
('eBay Inc.', 'eBay', 'ORG', NULL),
('eBay', 'eBay', 'ORG', NULL);

-- Session 7 (lead): cities of the United States and Canada added to
-- src/data/gazetteer/cities.txt (Kansas City, Cincinnati, Milwaukee, ...).
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
('Albuquerque', 'Albuquerque', 'LOC', 'United States'),
('Buffalo', 'Buffalo', 'LOC', 'United States'),
('Cincinnati', 'Cincinnati', 'LOC', 'United States'),
('Edmonton', 'Edmonton', 'LOC', 'Canada'),
('El Paso', 'El Paso', 'LOC', 'United States'),
('Fort Worth', 'Fort Worth', 'LOC', 'United States'),
('Hartford', 'Hartford', 'LOC', 'United States'),
('Indianapolis', 'Indianapolis', 'LOC', 'United States'),
('Jacksonville', 'Jacksonville', 'LOC', 'United States'),
('Kansas City', 'Kansas City', 'LOC', 'United States'),
('Louisville', 'Louisville', 'LOC', 'United States'),
('Memphis', 'Memphis', 'LOC', 'United States'),
('Milwaukee', 'Milwaukee', 'LOC', 'United States'),
('Newark', 'Newark', 'LOC', 'United States'),
('Oakland', 'Oakland', 'LOC', 'United States'),
('Oklahoma City', 'Oklahoma City', 'LOC', 'United States'),
('Orlando', 'Orlando', 'LOC', 'United States'),
('Raleigh', 'Raleigh', 'LOC', 'United States'),
('Saint Paul', 'St. Paul', 'LOC', 'United States'),
('Salt Lake City', 'Salt Lake City', 'LOC', 'United States'),
('St Paul', 'St. Paul', 'LOC', 'United States'),
('St. Paul', 'St. Paul', 'LOC', 'United States'),
('Tampa', 'Tampa', 'LOC', 'United States'),
('Tucson', 'Tucson', 'LOC', 'United States'),
('Winnipeg', 'Winnipeg', 'LOC', 'Canada');

-- ---------------------------------------------------------------------------
-- refresh7: news.refresh describes the stories its batches changed once,
-- when the queue is empty or it stops (news.stories_describe_pending; the
-- story state keeps pending_articles and pending_stories), not after every
-- batch and every young-corpus maintenance (news.stories_regroup)
-- ---------------------------------------------------------------------------

-- news.stories_regroup: the maintenance of the stories of a tracked table
-- last seen at or after since (every story when NULL); r holds the
-- relations (news.stories_relations).  The corpus statistics are computed
-- again from every analysed article, and the articles of those stories are
-- assigned again, in publication order, against the older stories, as
-- news.stories_rebuild would: a story that drifted (its first articles no
-- longer fit its centroid, or statistics still small when its articles
-- came misled the assignment) splits, and stories that belong together
-- join.  A new story and an old one that share more of each other's
-- articles than with any other story (ties: the smaller id) keep the old
-- id, so ids stay where the stories did.  Then, with merge, stories whose
-- centroids score at least merge_threshold against each other within
-- merge_window merge into the oldest (the centroid rule with a longer
-- window, never chains of members), and every story in scope, or that an
-- article of the scope joined, joins the state's pending_stories, to be
-- described again from all its members (news.stories_describe_pending).
-- news.stories_maintain merges; news.stories_assign maintains young
-- corpora without merging (a rebuild does not merge, and the merges of
-- these maintenances were what set the incremental stories apart from a
-- rebuild: BCubed F1 0.95 against 0.98 without them, test/eval/README.md),
-- and the stories of the following batches are described once with them.
-- Returns the stories in scope before and after, and the articles that
-- changed story.
CREATE FUNCTION news.stories_regroup(r record, since pg_catalog.timestamptz, merge pg_catalog.bool,
	OUT stories_before pg_catalog.int8, OUT stories_after pg_catalog.int8, OUT moved pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	st record;
	scope pg_catalog.int8[];
	ids pg_catalog.int8[];
	old_stories pg_catalog.int8[];
	titles pg_catalog.text[];
	sources pg_catalog.text[];
	first_new pg_catalog.int8;
	chunk constant pg_catalog.int4 := 2000;
	n pg_catalog.int4;
	items news.story_item[];
	merged_from pg_catalog.int8[];
	merged_into pg_catalog.int8[];
BEGIN
	PERFORM news.stories_lock_row(r.state);
	PERFORM news.stories_exact_stats(r);
	st := news.stories_lock(r.state);
	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id ORDER BY s.story_id) FROM %s s '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
		INTO scope USING since;
	stories_before := COALESCE(pg_catalog.cardinality(scope), 0);
	stories_after := 0;
	moved := 0;
	IF stories_before OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;

	-- the articles of those stories, assigned again in publication order
	EXECUTE pg_catalog.format(
		'WITH d AS (DELETE FROM %1$s m WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1) '
		'RETURNING m.article_id, m.published, m.story_id, m.title, m.source) '
		'SELECT pg_catalog.array_agg(d.article_id ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.story_id ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.title ORDER BY d.published, d.article_id), '
		'pg_catalog.array_agg(d.source ORDER BY d.published, d.article_id) FROM d', r.members)
		INTO ids, old_stories, titles, sources USING scope;
	EXECUTE pg_catalog.format('DELETE FROM %s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)', r.stories)
		USING scope;
	first_new := st.next_story;
	n := COALESCE(pg_catalog.cardinality(ids), 0);
	FOR i IN 0 .. (n OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_place(r,
			ids[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			titles[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			sources[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 : (i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk],
			false);
	END LOOP;

	-- a new story and an old one that share most of each other's articles: the id stays
	EXECUTE pg_catalog.format(
		'WITH o AS (SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) o(article_id, old)), '
		'pairs AS (SELECT m.story_id AS new, o.old, pg_catalog.count(*) AS n FROM %1$s m '
		'JOIN o ON o.article_id OPERATOR(pg_catalog.=) m.article_id WHERE m.story_id OPERATOR(pg_catalog.>=) $3 GROUP BY 1, 2), '
		'best_old AS (SELECT DISTINCT ON (pairs.new) pairs.new, pairs.old FROM pairs ORDER BY pairs.new, pairs.n DESC, pairs.old), '
		'best_new AS (SELECT DISTINCT ON (pairs.old) pairs.old, pairs.new FROM pairs ORDER BY pairs.old, pairs.n DESC, pairs.new), '
		'map AS (SELECT b.new, b.old FROM best_old b JOIN best_new c ON c.old OPERATOR(pg_catalog.=) b.old '
		'AND c.new OPERATOR(pg_catalog.=) b.new), '
		'um AS (UPDATE %1$s m SET story_id = map.old FROM map WHERE m.story_id OPERATOR(pg_catalog.=) map.new) '
		'UPDATE %2$s s SET story_id = map.old FROM map WHERE s.story_id OPERATOR(pg_catalog.=) map.new',
		r.members, r.stories)
		USING ids, old_stories, first_new;

	-- merge by centroid within merge_window, into the oldest (the groups
	-- are disjoint: their members move in one statement, and the merged
	-- stories are computed again in one)
	IF merge THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.array_agg(ROW(s.story_id, s.first_seen, s.last_seen, s.articles, s.terms, s.entity_vector)::news.story_item '
			'ORDER BY s.first_seen, s.story_id) FROM %s s WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
			INTO items USING since;
		SELECT pg_catalog.array_agg(x.story), pg_catalog.array_agg(a.items[1])
			INTO merged_from, merged_into
		FROM news.story_assign('{}', COALESCE(items, '{}'), st.stats, st.entity_stats,
			st.merge_threshold, st.merge_window, st.entity_weight, 1) a
		CROSS JOIN LATERAL pg_catalog.unnest(a.items[2:]) x(story)
		WHERE pg_catalog.cardinality(a.items) OPERATOR(pg_catalog.>) 1;
		IF merged_from IS NOT NULL THEN
			EXECUTE pg_catalog.format('UPDATE %s m SET story_id = x.into_story '
				'FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) x(from_story, into_story) '
				'WHERE m.story_id OPERATOR(pg_catalog.=) x.from_story', r.members)
				USING merged_from, merged_into;
			PERFORM news.stories_recompute(r, merged_from OPERATOR(pg_catalog.||) merged_into);
		END IF;
	END IF;

	EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(s.story_id) FROM %s s '
		'WHERE $1 IS NULL OR s.last_seen OPERATOR(pg_catalog.>=) $1', r.stories)
		INTO scope USING since;
	stories_after := COALESCE(pg_catalog.cardinality(scope), 0);
	-- to describe: the stories in scope and any older one an article joined
	EXECUTE pg_catalog.format('UPDATE %1$s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1 '
		'OPERATOR(pg_catalog.||) ARRAY(SELECT DISTINCT m.story_id FROM %2$s m WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($2))',
		r.state, r.members)
		USING COALESCE(scope, '{}'), ids;
	EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s m '
		'JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) o(article_id, old) '
		'ON o.article_id OPERATOR(pg_catalog.=) m.article_id WHERE m.story_id OPERATOR(pg_catalog.<>) o.old', r.members)
		INTO moved USING ids, old_stories;
	EXECUTE pg_catalog.format('UPDATE %s SET maintained_at = pg_catalog.now()', r.state);
END
$fn$;
COMMENT ON FUNCTION news.stories_regroup(record, pg_catalog.timestamptz, pg_catalog.bool) IS
	'the maintenance of the stories of a tracked table last seen at or after since, with or without the merge step, left to be described (used by news.stories_maintain and news.stories_assign); returns the stories in scope before and after and the articles that changed story';

-- news.stories_describe_pending: describes the stories of a tracked table
-- waiting for it (news.stories_describe): those in the state's
-- pending_stories from all their members, the stories of the articles in
-- pending_articles with those articles and the current headline as the
-- headline candidates; a chunk of 2,000 stories at a time.  A story is
-- described once however many batches changed it since it last was: its
-- sources, entities and keyphrases are those of its members as they are,
-- and its headline is the candidate closest to its centroid as it is.
-- news.refresh_batch calls it when the queue is empty and news.refresh
-- when it stops.  Returns the number of stories described (0 for a table
-- without stories).
CREATE OR REPLACE FUNCTION news.stories_describe_pending(source pg_catalog.regclass) RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	whole pg_catalog.int8[];
	articles pg_catalog.int8[];
	partial pg_catalog.int8[];
	chunk constant pg_catalog.int4 := 2000;
BEGIN
	IF NOT EXISTS (SELECT FROM news.tracked_objects o WHERE o.source OPERATOR(pg_catalog.=) stories_describe_pending.source
			AND o.name OPERATOR(pg_catalog.=) 'story_state') THEN
		RETURN 0;
	END IF;
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format('SELECT s.pending_stories, s.pending_articles FROM %s s', r.state)
		INTO whole, articles;
	IF pg_catalog.cardinality(whole) OPERATOR(pg_catalog.=) 0 AND pg_catalog.cardinality(articles) OPERATOR(pg_catalog.=) 0 THEN
		RETURN 0;
	END IF;
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(s.story_id ORDER BY s.story_id), ''{}'') FROM %s s '
		'WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)', r.stories)
		INTO whole USING whole;
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(DISTINCT m.story_id ORDER BY m.story_id), ''{}'') FROM %s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) AND m.story_id OPERATOR(pg_catalog.<>) ALL ($2)', r.members)
		INTO partial USING articles, whole;
	FOR i IN 0 .. (pg_catalog.cardinality(whole) OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, whole[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], NULL);
	END LOOP;
	FOR i IN 0 .. (pg_catalog.cardinality(partial) OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) chunk LOOP
		PERFORM news.stories_describe(r, partial[(i OPERATOR(pg_catalog.*) chunk) OPERATOR(pg_catalog.+) 1 :
			(i OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.*) chunk], articles);
	END LOOP;
	EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = ''{}'', pending_articles = ''{}''', r.state);
	RETURN pg_catalog.cardinality(whole) OPERATOR(pg_catalog.+) pg_catalog.cardinality(partial);
END
$fn$;
COMMENT ON FUNCTION news.stories_describe_pending(pg_catalog.regclass) IS
	'describes the stories of a tracked table that changed since they were last described (run by news.refresh and news.refresh_batch); returns their number';

-- news.refresh: analyses new, changed, deleted and stale articles of every
-- table the current role tracks (or of source), batch after batch, each
-- batch committed; stops when the queues are empty or after time_limit,
-- and then describes the stories its batches changed, once each
-- (news.stories_describe_pending).
-- Concurrent calls share the work (see news.refresh_batch).  A procedure:
-- CALL it outside a transaction block (pg_cron does); inside one, use
-- news.refresh_batch.
CREATE OR REPLACE PROCEDURE news.refresh(source pg_catalog.regclass DEFAULT NULL, batch pg_catalog.int4 DEFAULT 1000,
	time_limit pg_catalog.interval DEFAULT NULL)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	sources pg_catalog.regclass[];
	s pg_catalog.regclass;
	started pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	t0 pg_catalog.timestamptz;
	r record;
	n pg_catalog.int8;
	f pg_catalog.int8;
	secs pg_catalog.float8;
	out_of_time pg_catalog.bool := false;
BEGIN
	IF batch IS NULL OR batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF source IS NULL THEN
		sources := ARRAY(SELECT t.source FROM news.tracked t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.source
			WHERE news.pipeline_acts_for(t.tracker) ORDER BY t.source::pg_catalog.oid);
	ELSE
		sources := ARRAY[source];
	END IF;
	FOREACH s IN ARRAY sources LOOP
		SELECT t.tracker INTO r FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) s;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'table % is not tracked', s
				USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
		END IF;
		IF NOT news.pipeline_acts_for(r.tracker) THEN
			RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', s, r.tracker
				USING ERRCODE = 'insufficient_privilege',
					HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
		END IF;
		PERFORM news.pipeline_prepare(s);
		-- a table distributed by Citus has no triggers: find its changes
		PERFORM news.pipeline_poll(x) FROM news.tracked x
		WHERE x.source OPERATOR(pg_catalog.=) s AND news.pipeline_distributed(s);
		COMMIT;
		t0 := pg_catalog.clock_timestamp();
		n := 0;
		f := 0;
		LOOP
			-- the batch queries are planned anew for every batch: compiling
			-- them (JIT) costs more than it saves, about a fifth of the time
			PERFORM pg_catalog.set_config('jit', 'off', true);
			SELECT * INTO r FROM news.refresh_batch(s, batch);
			n := n OPERATOR(pg_catalog.+) r.analysed;
			f := f OPERATOR(pg_catalog.+) r.failed;
			COMMIT;
			out_of_time := time_limit IS NOT NULL
				AND (pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) started) OPERATOR(pg_catalog.>=) time_limit;
			EXIT WHEN r.analysed OPERATOR(pg_catalog.<) batch OR out_of_time;
		END LOOP;
		-- done by the last batch unless it was full
		PERFORM pg_catalog.set_config('jit', 'off', true);
		PERFORM news.stories_describe_pending(s);
		-- the trending rollup of the days the batches changed
		CALL news.trend_fold(s);
		secs := pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) t0);
		UPDATE news.tracked t
		SET last_run = t0, last_run_articles = n, last_run_errors = f, last_run_seconds = secs,
			total_articles = t.total_articles OPERATOR(pg_catalog.+) n,
			total_errors = t.total_errors OPERATOR(pg_catalog.+) f
		WHERE t.source OPERATOR(pg_catalog.=) s;
		COMMIT;
		RAISE NOTICE 'news.refresh %: % articles analysed, % failed, % s, % articles/s', s, n, f,
			pg_catalog.round(secs::pg_catalog.numeric, 3),
			CASE WHEN secs OPERATOR(pg_catalog.>) 0 THEN pg_catalog.round((n OPERATOR(pg_catalog./) secs)::pg_catalog.numeric, 1) END;
		EXIT WHEN out_of_time;
	END LOOP;
END
$fn$;
COMMENT ON PROCEDURE news.refresh(pg_catalog.regclass, pg_catalog.int4, pg_catalog.interval) IS
	'analyses the new, changed, deleted and stale articles of the tables the current role tracks (or of source), committing after each batch; safe to run from several sessions at once; stops when nothing is left or after time_limit';

-- refresh7: news.track makes no trigger function for a table distributed by
-- Citus (it would never run): news.tracked.enqueue is NULL for those
ALTER TABLE news.tracked ALTER COLUMN enqueue DROP NOT NULL;
COMMENT ON COLUMN news.tracked.enqueue IS 'trigger function of the source table (<table>_enqueue); NULL for a table distributed by Citus, which has no triggers (news.refresh polls it)';

-- ---------------------------------------------------------------------------
-- story8: the young-corpus maintenance of news.refresh (news.stories_assign)
-- assigns recent stories again without merging them, as a rebuild does;
-- news.stories_maintain still merges (news.stories_regroup takes merge).
-- The story state of tables tracked from now on starts with entity weight
-- 0.1 (was 0.3; tables with stories keep their settings)
-- ---------------------------------------------------------------------------

-- ---------------------------------------------------------------------------
-- ent11: the built-in stacked entity model "combined" (news.entities(body,
-- model => 'combined')); its name is reserved as conll's
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.train_entity_model(text, text, integer) IS
'trains a sequence tagger from labelled texts and stores it in news.entity_models under name (replacing a model of that name): examples is a query returning (body text, spans jsonb), one row per text, spans a jsonb array of objects {"start": 1-based character, "length": characters, "type": "SHIP"} (the keys of news.entities'' columns; ''[]'' for a text without names); types are upper-case names (PERSON, ORG, LOC, NORP, MISC or any other, at most 16); epochs passes over the examples; deterministic; returns the types learned and the number of texts and of spans learned (a span that begins inside a word, such as a part of US-Russia, is left out); rejects NULLs, overlapping spans, spans out of range and malformed types (SQLSTATE 22004, 22023); the names conll and combined are reserved for the built-in models; runs the query with the rights of the caller, who must be allowed to write news.entity_models';
COMMENT ON FUNCTION news.entities(text, text) IS
'named entities of a text found by the learned model called model: ''conll'' (built in, trained on CoNLL-2003 train: PERSON, ORG, LOC, MISC), ''combined'' (built in, the same tagger stacked on the rules: it reads the names the rules of news.entities(body) find, and keeps their parts of a hyphenated word; slower, as it runs both) or one of news.entity_models (its types), with the pattern types DATE, MONEY, ...; by the rules of news.entities(body) when model is NULL; columns as news.entities(body); confidence of a learned name is the tagger''s marginal probability of its tags, not calibrated; no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

-- ---------------------------------------------------------------------------
-- story13: news.stories_describe counts entities without count(DISTINCT)
-- and spells the keyphrases from the top terms' surfaces only (the same
-- descriptions)
-- ---------------------------------------------------------------------------
-- news.stories_describe: the headline, sources, top entities and top
-- keyphrases of the given stories.  The headline is the title of the
-- member with the highest news.story_similarity to the centroid, among
-- all members, or (candidates given) among the candidates and the current
-- headline article (scored a story at a time by news.story_scores, which
-- computes the centroid's lengths once; the top terms of each centroid
-- are computed with the story, not again for each member that spells
-- them).  Entities: the five canonical names (PERSON, ORG, LOC,
-- NORP, MISC) named by the most members; keyphrases: the five heaviest
-- tf-idf terms of the centroid in their most frequent spelling among the
-- 50 latest members; sources: the ten most frequent.  The members' vectors,
-- mentions and terms are read by article id (LATERAL ... OFFSET 0: index
-- probes, whatever the planner guesses of result tables that have not been
-- analysed yet, as in the first refresh of a table; joins left to the
-- planner there sorted every term of every article, 1.5 s a call).  A
-- member's entities are counted once each (no count(DISTINCT)); of a
-- member's terms only the surfaces of its story's top terms are read, by
-- position, not all of them unnested.
CREATE OR REPLACE FUNCTION news.stories_describe(r record, story_ids pg_catalog.int8[], candidates pg_catalog.int8[])
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	st record;
BEGIN
	IF story_ids IS NULL OR pg_catalog.cardinality(story_ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;
	st := news.stories_lock(r.state);
	EXECUTE pg_catalog.format(
		'WITH s AS MATERIALIZED (SELECT s.story_id, s.headline_article, '
		'news.top_terms(news.tfidf(s.terms, $3), 5) AS top_terms '
		'FROM %2$s s WHERE s.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		'm AS MATERIALIZED (SELECT m.story_id, m.article_id, m.published, m.title, m.source, m.entities FROM %1$s m '
		'WHERE m.story_id OPERATOR(pg_catalog.=) ANY ($1)), '
		-- the headline: the candidate closest to the centroid
		'c AS (SELECT m.* FROM m JOIN s ON s.story_id OPERATOR(pg_catalog.=) m.story_id '
		'WHERE $2 IS NULL OR m.article_id OPERATOR(pg_catalog.=) ANY ($2) OR m.article_id OPERATOR(pg_catalog.=) s.headline_article), '
		'cg AS (SELECT c.story_id, pg_catalog.array_agg(c.article_id ORDER BY c.article_id) AS ids, '
		'pg_catalog.array_agg(c.title ORDER BY c.article_id) AS titles, '
		'pg_catalog.array_agg(ROW(c.article_id, c.published, c.published, 1, news.story_vector(v.terms), c.entities)::news.story_item '
		'ORDER BY c.article_id) AS items '
		'FROM c LEFT JOIN LATERAL (SELECT v.terms FROM %3$s v WHERE v.article_id OPERATOR(pg_catalog.=) c.article_id OFFSET 0) v ON true '
		'GROUP BY c.story_id), '
		'sc AS (SELECT cg.story_id, x.article_id, x.title, x.score FROM cg JOIN %2$s t ON t.story_id OPERATOR(pg_catalog.=) cg.story_id '
		'CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(cg.ids), pg_catalog.unnest(cg.titles), '
		'pg_catalog.unnest(news.story_scores(ROW(t.story_id, t.first_seen, t.last_seen, t.articles, t.terms, t.entity_vector)::news.story_item, '
		'cg.items, $3, $4, $5))) x(article_id, title, score)), '
		'head AS (SELECT DISTINCT ON (sc.story_id) sc.story_id, sc.article_id, sc.title, sc.score FROM sc '
		'ORDER BY sc.story_id, sc.score DESC, sc.article_id), '
		-- the ten most frequent sources
		'src AS (SELECT x.story_id, (pg_catalog.array_agg(x.source ORDER BY x.n DESC, x.source))[1:10] AS sources '
		'FROM (SELECT m.story_id, m.source, pg_catalog.count(*) AS n FROM m WHERE m.source IS NOT NULL GROUP BY 1, 2) x '
		'GROUP BY x.story_id), '
		-- the five entities named by most members
		'ent AS (SELECT y.story_id, (pg_catalog.array_agg(y.entity ORDER BY y.n DESC, y.entity))[1:5] AS entities '
		'FROM (SELECT m.story_id, x.entity, pg_catalog.count(*) AS n FROM m '
		'CROSS JOIN LATERAL (SELECT DISTINCT x.entity FROM %4$s x WHERE x.article_id OPERATOR(pg_catalog.=) m.article_id '
		'AND x.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) OFFSET 0) x '
		'GROUP BY 1, 2) y '
		'GROUP BY y.story_id), '
		-- the five heaviest tf-idf terms of the centroid, spelled as the 50 latest members spell them most
		'top AS (SELECT s.story_id, e.term_id, e.weight FROM s CROSS JOIN LATERAL news.termvec_entries(s.top_terms) e), '
		'tids AS (SELECT top.story_id, pg_catalog.array_agg(top.term_id) AS ids FROM top GROUP BY top.story_id), '
		-- the members' terms filtered to their story's top terms before the
		-- join (5 rows a member, not 40: the join sorted 40 a member)
		'recent AS (SELECT x.story_id, x.article_id, tids.ids FROM (SELECT m.story_id, m.article_id, pg_catalog.row_number() OVER '
		'(PARTITION BY m.story_id ORDER BY m.published DESC, m.article_id DESC) AS rank FROM m) x '
		'JOIN tids ON tids.story_id OPERATOR(pg_catalog.=) x.story_id '
		'WHERE x.rank OPERATOR(pg_catalog.<=) 50), '
		'spelt AS (SELECT DISTINCT ON (top.story_id, top.term_id) top.story_id, top.term_id, top.weight, t.surface '
		'FROM recent CROSS JOIN LATERAL (SELECT u.term_id, w.surfaces[u.n] AS surface FROM %5$s w '
		'CROSS JOIN LATERAL pg_catalog.unnest(w.term_ids) WITH ORDINALITY u(term_id, n) '
		'WHERE w.article_id OPERATOR(pg_catalog.=) recent.article_id '
		'AND u.term_id OPERATOR(pg_catalog.=) ANY (recent.ids) OFFSET 0) t '
		'JOIN top ON top.story_id OPERATOR(pg_catalog.=) recent.story_id AND top.term_id OPERATOR(pg_catalog.=) t.term_id '
		'GROUP BY top.story_id, top.term_id, top.weight, t.surface '
		'ORDER BY top.story_id, top.term_id, pg_catalog.count(*) DESC, t.surface), '
		'kp AS (SELECT spelt.story_id, pg_catalog.array_agg(spelt.surface ORDER BY spelt.weight DESC, spelt.term_id) AS keyphrases '
		'FROM spelt GROUP BY spelt.story_id) '
		'UPDATE %2$s u SET headline = COALESCE(head.title, u.headline), '
		'headline_article = COALESCE(head.article_id, u.headline_article), headline_score = COALESCE(head.score, u.headline_score), '
		'sources = COALESCE(src.sources, ''{}''), entities = COALESCE(ent.entities, ''{}''), '
		'keyphrases = COALESCE(kp.keyphrases, ''{}''), updated_at = pg_catalog.now() '
		'FROM s LEFT JOIN head ON head.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN src ON src.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN ent ON ent.story_id OPERATOR(pg_catalog.=) s.story_id '
		'LEFT JOIN kp ON kp.story_id OPERATOR(pg_catalog.=) s.story_id '
		'WHERE u.story_id OPERATOR(pg_catalog.=) s.story_id',
		r.members, r.stories, r.vectors, r.mentions, r.terms)
		USING story_ids, candidates, st.stats, st.entity_stats, st.entity_weight;
END
$fn$;
COMMENT ON FUNCTION news.stories_describe(record, pg_catalog.int8[], pg_catalog.int8[]) IS
	'sets the headline, sources, top entities and keyphrases of stories from their members (used by the story functions)';

-- ---------------------------------------------------------------------------
-- ent13: news.entities(body), news.analyze, news.quotes and
-- news.entity_sentiment find names with the built-in stacked model
-- "combined"; the rules alone answer to model => 'rules', a reserved name
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.entities(text) IS
'named entities of a text in text order, found by the built-in stacked model (the learned tagger reading the names of the rules, news.entities(body, model => ''combined'')); news.entities(body, model => ''rules'') gives the rules alone: canonical name, type (PERSON, ORG, LOC, NORP, MISC, DATE, TIME, MONEY, PERCENT, QUANTITY, URL, EMAIL or a user pattern type), mention as written, 1-based character start and length, sentence number, confidence; STABLE: reads news.gazetteer';
COMMENT ON FUNCTION news.train_entity_model(text, text, integer) IS
'trains a sequence tagger from labelled texts and stores it in news.entity_models under name (replacing a model of that name): examples is a query returning (body text, spans jsonb), one row per text, spans a jsonb array of objects {"start": 1-based character, "length": characters, "type": "SHIP"} (the keys of news.entities'' columns; ''[]'' for a text without names); types are upper-case names (PERSON, ORG, LOC, NORP, MISC or any other, at most 16); epochs passes over the examples; deterministic; returns the types learned and the number of texts and of spans learned (a span that begins inside a word, such as a part of US-Russia, is left out); rejects NULLs, overlapping spans, spans out of range and malformed types (SQLSTATE 22004, 22023); the names conll, combined and rules are reserved for the built-in models and the rules; runs the query with the rights of the caller, who must be allowed to write news.entity_models';
COMMENT ON FUNCTION news.entities(text, text) IS
'named entities of a text found by the model called model: ''combined'' (built in, the default of news.entities(body): the tagger of conll stacked on the rules, reading the names they find, and keeping their parts of a hyphenated word and their canonical names), ''rules'' (the rules alone: gazetteer, name rules and a naive Bayes model; faster), ''conll'' (built in, trained on CoNLL-2003 train: PERSON, ORG, LOC, MISC) or one of news.entity_models (its types), with the pattern types DATE, MONEY, ...; by the default model (combined) when model is NULL; columns as news.entities(body); confidence of a learned name is the tagger''s marginal probability of its tags, not calibrated; no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

-- ---------------------------------------------------------------------------
-- audit14: an article published at infinity or -infinity counts in its
-- story items as published now, as one without a time (the story functions
-- refused it, "story times must be finite", and its whole analysis was
-- lost)
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION news.stories_items(vectors pg_catalog.text, mentions pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(x.article_id, x.p, x.p, 1, news.story_vector(x.terms), x.ev)::news.story_item '
		'ORDER BY x.p, x.article_id), pg_catalog.min(x.p), pg_catalog.max(x.p), '
		'news.corpus_stats(x.terms), news.corpus_stats(x.ev) '
		'FROM (SELECT v.article_id, v.terms, CASE WHEN pg_catalog.isfinite(v.published) THEN v.published ELSE pg_catalog.now() END AS p, e.ev '
		'FROM %1$s v LEFT JOIN (SELECT m.article_id, news.story_entities(pg_catalog.array_agg(m.entity)) AS ev FROM %2$s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id) e ON e.article_id OPERATOR(pg_catalog.=) v.article_id '
		'WHERE v.article_id OPERATOR(pg_catalog.=) ANY ($1)) x',
		$1, $2)
$$;

CREATE OR REPLACE FUNCTION news.stories_assign(source pg_catalog.regclass, ids pg_catalog.int8[], titles pg_catalog.text[],
	sources pg_catalog.text[],
	OUT article_id pg_catalog.int8, OUT published pg_catalog.timestamptz, OUT story_id pg_catalog.int8,
	OUT similarity pg_catalog.float4, OUT title pg_catalog.text, OUT source_name pg_catalog.text,
	OUT entities news.termvec)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	first pg_catalog.bool;
	doubled pg_catalog.bool;
	since pg_catalog.timestamptz;
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	PERFORM news.stories_place(r, ids, titles, sources, true);
	-- the first batch was assigned under its own statistics: they are
	-- recorded; later, each time they have doubled, the recent stories are
	-- maintained, which marks every story in its scope (each story the
	-- batch touched was seen within merge_window of the batch's first
	-- article) to be described again from all its members; otherwise the
	-- batch's articles wait to be described as headline candidates
	EXECUTE pg_catalog.format(
		'SELECT s.maintained_docs OPERATOR(pg_catalog.=) 0, '
		'news.corpus_docs(s.stats) OPERATOR(pg_catalog.>=) (2 OPERATOR(pg_catalog.*) s.maintained_docs), '
		'COALESCE((SELECT pg_catalog.min(v.published) FROM %1$s v WHERE v.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND pg_catalog.isfinite(v.published)), '
		'pg_catalog.now()) OPERATOR(pg_catalog.-) s.merge_window FROM %2$s s',
		r.vectors, r.state)
		INTO first, doubled, since USING ids;
	IF first THEN
		EXECUTE pg_catalog.format('UPDATE %s SET maintained_docs = news.corpus_docs(stats)', r.state);
	ELSIF doubled THEN
		PERFORM news.stories_regroup(r, since, false);
		RETURN;
	END IF;
	EXECUTE pg_catalog.format('UPDATE %s SET pending_articles = pending_articles OPERATOR(pg_catalog.||) $1', r.state)
		USING ids;
END
$fn$;

-- ---------------------------------------------------------------------------
-- audit14: news.trend_mark marks no day dirty for an infinite publication
-- time (no fold counts it: an infinity day stayed dirty for ever, gaining
-- a row each time the article was analysed again)
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION news.trend_mark(t news.tracked, rows pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	dirty pg_catalog.regclass := (news.trend_relations(t.source)).dirty;
	parts pg_catalog.text[];
BEGIN
	IF dirty IS NULL THEN
		RETURN;
	END IF;
	parts := ARRAY(SELECT pg_catalog.format('SELECT r.published FROM %s r WHERE r.article_id OPERATOR(pg_catalog.=) ANY ($1)', o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT a.published FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1)', t.analysed)
		-- as news.pipeline_batch_query computes it
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT %s FROM %s s WHERE s.%I OPERATOR(pg_catalog.=) ANY ($1)',
			CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
				ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
			rows, t.id_column);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u(published) WHERE pg_catalog.isfinite(u.published) ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '))
		USING ids;
END
$fn$;

-- ---------------------------------------------------------------------------
-- ent14: the confidence of a built-in model's name is calibrated at 0.9 or
-- more (precision 0.928 on CoNLL-2003 dev): the comment says so
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.entities(text, text) IS
'named entities of a text found by the model called model: ''combined'' (built in, the default of news.entities(body): the tagger of conll stacked on the rules, reading the names they find, and keeping their parts of a hyphenated word and their canonical names), ''rules'' (the rules alone: gazetteer, name rules and a naive Bayes model; faster), ''conll'' (built in, trained on CoNLL-2003 train: PERSON, ORG, LOC, MISC) or one of news.entity_models (its types), with the pattern types DATE, MONEY, ...; by the default model (combined) when model is NULL; columns as news.entities(body); confidence of a learned name is the tagger''s marginal probability of its tags (the smallest over its tokens): for the built-in models a name at 0.9 or more is right about 93% of the time on CoNLL-2003 dev (combined: precision 0.928 over 5,861 names; conll 0.930 over 5,841), too few names fall below 0.9 to calibrate there, and for a model of news.entity_models it is not calibrated; no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

-- ---------------------------------------------------------------------------
-- pipe14: a sturdier version stamp (news.analysis_version, folded with the
-- configuration version into news.pipeline_stamp: rows stored by a library
-- whose analyses differ are analysed again by news.refresh), and index
-- probes instead of whole-table reads in the trending marks and the story
-- items of a batch (merged with audit14's: no infinite publication time
-- marks a day dirty or reaches the story functions)
-- ---------------------------------------------------------------------------

CREATE FUNCTION news.analysis_version() RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'news_analysis_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.analysis_version() IS
	'version of what the analyses of the loaded library yield (changes with a library whose analyses or models give other results); part of the stamp of stored results (news.pipeline_stamp)';

-- news.pipeline_stamp: the stamp news.refresh gives every article it
-- analyses (the version column of <table>_analysed): the analysis version
-- of the library in the high 32 bits, the configuration version in the
-- low 32.  A stored row whose stamp differs is stale: with another
-- configuration version only, the configuration-dependent analyses
-- (entities, quotes) are done again; with another analysis version (a
-- newer library, or a row stored by a build from before the analysis
-- version, whose high bits are 0), all of them.
CREATE FUNCTION news.pipeline_stamp() RETURNS pg_catalog.int8
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT (news.analysis_version()::pg_catalog.int8 OPERATOR(pg_catalog.<<) 32)
		OPERATOR(pg_catalog.|) (c.version OPERATOR(pg_catalog.&) 4294967295)
	FROM news.pipeline_config c
$$;
COMMENT ON FUNCTION news.pipeline_stamp() IS
	'the version stamp of results analysed now: news.analysis_version() in the high 32 bits, news.pipeline_config.version in the low 32; stored articles stamped otherwise are analysed again by news.refresh';

COMMENT ON COLUMN news.pipeline_config.version IS 'current configuration version; analysed articles carry the version that produced them (in their stamp, news.pipeline_stamp)';

CREATE OR REPLACE FUNCTION news.pipeline_claim_stale(t news.tracked, version pg_catalog.int8, n pg_catalog.int4,
	OUT article_id pg_catalog.int8, OUT failed pg_catalog.bool)
	RETURNS SETOF record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
BEGIN
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT a.article_id, a.error IS NOT NULL OR (a.version OPERATOR(pg_catalog.>>) 32) '
		'OPERATOR(pg_catalog.<>) ($1 OPERATOR(pg_catalog.>>) 32) FROM %s a '
		'WHERE a.version OPERATOR(pg_catalog.<) $1 OR a.version OPERATOR(pg_catalog.>) $1 '
		'LIMIT $2 FOR UPDATE SKIP LOCKED', t.analysed)
		USING version, n;
END
$fn$;

CREATE OR REPLACE FUNCTION news.refresh_batch(source pg_catalog.regclass, batch pg_catalog.int4 DEFAULT 1000,
	OUT analysed pg_catalog.int8, OUT failed pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
	ids pg_catalog.int8[];
	full_ids pg_catalog.int8[];
	config_ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) refresh_batch.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
	END IF;
	IF batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	version := news.pipeline_stamp();

	EXECUTE pg_catalog.format(
		'WITH c AS (SELECT q.article_id FROM %1$s q ORDER BY q.article_id LIMIT $1 FOR UPDATE SKIP LOCKED), '
		'd AS (DELETE FROM %1$s q USING c WHERE q.article_id OPERATOR(pg_catalog.=) c.article_id RETURNING q.article_id) '
		'SELECT COALESCE(pg_catalog.array_agg(d.article_id ORDER BY d.article_id), ''{}'') FROM d', t.queue)
		INTO ids USING batch;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 0 THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
	END IF;
	analysed := pg_catalog.cardinality(ids);
	failed := news.pipeline_analyse(t, ids, false, version);

	IF analysed OPERATOR(pg_catalog.<) batch THEN
		SELECT COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE s.failed), '{}'),
			COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE NOT s.failed), '{}')
		INTO full_ids, config_ids
		FROM news.pipeline_claim_stale(t, version, (batch OPERATOR(pg_catalog.-) analysed)::pg_catalog.int4) s;
		failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, full_ids, false, version)
			OPERATOR(pg_catalog.+) news.pipeline_analyse(t, config_ids, true, version);
		analysed := analysed OPERATOR(pg_catalog.+) pg_catalog.cardinality(full_ids)
			OPERATOR(pg_catalog.+) pg_catalog.cardinality(config_ids);
	END IF;
	IF analysed OPERATOR(pg_catalog.<) batch THEN
		PERFORM news.stories_describe_pending(source);
	END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION news.pipeline_enqueue(source pg_catalog.regclass, old_id pg_catalog.int8, new_id pg_catalog.int8)
	RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) pipeline_enqueue.source;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF t.tracker OPERATOR(pg_catalog.<>) (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER) THEN
		RAISE EXCEPTION 'only the enqueue trigger of table % queues its articles', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	ids := ARRAY(SELECT DISTINCT i FROM pg_catalog.unnest(ARRAY[old_id, new_id]) i WHERE i IS NOT NULL ORDER BY i);
	IF t.immediate THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
		PERFORM news.pipeline_analyse(t, ids, false, news.pipeline_stamp());
		PERFORM news.stories_describe_pending(source);
	ELSE
		EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT pg_catalog.unnest($1) ON CONFLICT DO NOTHING', t.queue)
			USING ids;
	END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION news.track(source pg_catalog.regclass, id_column pg_catalog.name, body_column pg_catalog.name,
	published_column pg_catalog.name DEFAULT NULL, title_column pg_catalog.name DEFAULT NULL,
	source_column pg_catalog.name DEFAULT NULL, result_schema pg_catalog.name DEFAULT NULL,
	immediate pg_catalog.bool DEFAULT false, clean pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
DECLARE
	rel pg_catalog.pg_class%ROWTYPE;
	nsp pg_catalog.name;
	nsp_oid pg_catalog.oid;
	prefix pg_catalog.text;
	analysed pg_catalog.regclass;
	queue pg_catalog.regclass;
	enqueue pg_catalog.regprocedure;
	watched pg_catalog.text[];
	changed pg_catalog.text;
	body pg_catalog.text;
	queued pg_catalog.int8;
	distributed pg_catalog.bool;
	text_types pg_catalog.regtype[] := ARRAY['pg_catalog.text', 'pg_catalog.varchar', 'pg_catalog.bpchar']::pg_catalog.regtype[];
BEGIN
	IF source IS NULL OR id_column IS NULL OR body_column IS NULL OR immediate IS NULL OR clean IS NULL THEN
		RAISE EXCEPTION 'source, id_column, body_column, immediate and clean must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT * INTO rel FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) source;
	IF rel.relkind OPERATOR(pg_catalog.<>) ALL (ARRAY['r', 'p']::"char"[]) THEN
		RAISE EXCEPTION '% is not a table', source
			USING ERRCODE = 'wrong_object_type', HINT = 'news.track analyses ordinary and partitioned tables.';
	END IF;
	IF NOT news.pipeline_role_owns(source) THEN
		RAISE EXCEPTION 'must be owner of table % to track it', source
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF EXISTS (SELECT FROM news.tracked t WHERE t.source OPERATOR(pg_catalog.=) track.source) THEN
		RAISE EXCEPTION 'table % is already tracked', source
			USING ERRCODE = 'duplicate_object', HINT = 'news.untrack stops tracking it.';
	END IF;
	distributed := news.pipeline_distributed(source);
	IF distributed AND immediate THEN
		RAISE EXCEPTION 'table % is distributed by Citus, which runs no triggers of news.track', source
			USING ERRCODE = 'feature_not_supported',
				HINT = 'Track it without immediate: news.refresh finds its new, changed and deleted articles.';
	END IF;
	PERFORM news.pipeline_column(source, id_column, 'id',
		ARRAY['pg_catalog.int2', 'pg_catalog.int4', 'pg_catalog.int8']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, body_column, 'body', text_types);
	PERFORM news.pipeline_column(source, published_column, 'published',
		ARRAY['pg_catalog.timestamptz', 'pg_catalog.timestamp', 'pg_catalog.date']::pg_catalog.regtype[]);
	PERFORM news.pipeline_column(source, title_column, 'title', text_types);
	PERFORM news.pipeline_column(source, source_column, 'source', text_types);

	nsp := COALESCE(result_schema, (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) rel.relnamespace));
	SELECT n.oid INTO nsp_oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'schema "%" does not exist', nsp USING ERRCODE = 'invalid_schema_name';
	END IF;
	IF nsp_oid OPERATOR(pg_catalog.=) (SELECT e.extnamespace FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'news_analytics')
		OR nsp OPERATOR(pg_catalog.~) '^pg_' OR nsp OPERATOR(pg_catalog.=) 'information_schema' THEN
		RAISE EXCEPTION 'result tables cannot go in schema "%"', nsp
			USING ERRCODE = 'invalid_schema_name',
				HINT = 'Only the extension''s own objects live in its schema; name another schema in result_schema.';
	END IF;
	IF NOT pg_catalog.has_schema_privilege(nsp_oid, 'CREATE') THEN
		RAISE EXCEPTION 'permission denied to create the result tables in schema "%"', nsp
			USING ERRCODE = 'insufficient_privilege', HINT = 'Name a schema where you may create tables in result_schema.';
	END IF;
	prefix := rel.relname;
	PERFORM news.pipeline_check_name(prefix OPERATOR(pg_catalog.||) '_entity_pairs_daily');

	-- bookkeeping: the analysed articles and the queue
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, published pg_catalog.timestamptz, '
		'source pg_catalog.text, version pg_catalog.int8 NOT NULL, analysed_at pg_catalog.timestamptz NOT NULL, '
		'times pg_catalog.int4 NOT NULL DEFAULT 1, error pg_catalog.text, fingerprint pg_catalog.text)',
		nsp, prefix OPERATOR(pg_catalog.||) '_analysed');
	analysed := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_analysed')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (version)', analysed);
	EXECUTE pg_catalog.format('CREATE INDEX ON %s (published)', analysed);
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', analysed, pg_catalog.format(
		'news_analytics: the analysed articles of %s (news.track): publication time, source, version stamp (news.pipeline_stamp), time of analysis, times analysed, error, fingerprint of the analysed columns (tables distributed by Citus only)', source));
	EXECUTE pg_catalog.format(
		'CREATE TABLE %I.%I (article_id pg_catalog.int8 PRIMARY KEY, queued_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now())',
		nsp, prefix OPERATOR(pg_catalog.||) '_queue');
	queue := pg_catalog.format('%I.%I', nsp, prefix OPERATOR(pg_catalog.||) '_queue')::pg_catalog.regclass;
	EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', queue, pg_catalog.format(
		'news_analytics: ids of articles of %s waiting for news.refresh', source));

	-- the trigger function: runs as the tracking role, so that writers need
	-- no privilege on the queue; nobody else may use it (a table distributed
	-- by Citus gets none: it runs no triggers)
	IF NOT distributed THEN
		body := pg_catalog.format($body$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), NULL, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NEW.%1$I);
	ELSIF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		PERFORM news.pipeline_enqueue(COALESCE(pg_catalog.pg_partition_root(TG_RELID), TG_RELID), OLD.%1$I, NULL);
	ELSE
		PERFORM news.pipeline_truncated(TG_RELID);
	END IF;
	RETURN NULL;
END
$body$, id_column);
		EXECUTE pg_catalog.format('CREATE FUNCTION %I.%I() RETURNS pg_catalog.trigger LANGUAGE plpgsql '
			'VOLATILE PARALLEL UNSAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS %L',
			nsp, prefix OPERATOR(pg_catalog.||) '_enqueue', body);
		enqueue := pg_catalog.format('%I.%I()', nsp, prefix OPERATOR(pg_catalog.||) '_enqueue')::pg_catalog.regprocedure;
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', enqueue);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s IS %L', enqueue, pg_catalog.format(
			'news_analytics: trigger of %s queueing written articles for news.refresh', source));
	END IF;

	INSERT INTO news.tracked (source, tracker, id_column, body_column, published_column, title_column,
		source_column, immediate, clean, analysed, queue, enqueue)
	VALUES (source, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER),
		id_column, body_column, published_column, title_column, source_column, immediate, clean, analysed, queue, enqueue);
	PERFORM news.pipeline_prepare(source);
	IF rel.relrowsecurity THEN
		RAISE NOTICE 'table % has row-level security: its results are readable by role % only', source, CURRENT_USER
			USING HINT = 'Grant SELECT on the result tables (or on views filtering them) yourself.';
	END IF;

	-- triggers: every write of an analysed column queues the article (a
	-- table distributed by Citus has none: news.refresh polls it)
	watched := ARRAY(SELECT c FROM pg_catalog.unnest(ARRAY[id_column, body_column, published_column, title_column,
		source_column]) c WHERE c IS NOT NULL);
	changed := pg_catalog.array_to_string(ARRAY(
		SELECT pg_catalog.format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c) FROM pg_catalog.unnest(watched) c), ' OR ');
	IF NOT distributed THEN
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_insert AFTER INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_update AFTER UPDATE OF %s ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %s()',
			pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(c) FROM pg_catalog.unnest(watched) c), ', '),
			source, changed, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_delete AFTER DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
		EXECUTE pg_catalog.format('CREATE TRIGGER news_enqueue_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION %s()',
			source, enqueue::pg_catalog.regproc);
	END IF;

	-- the articles already there
	EXECUTE pg_catalog.format('INSERT INTO %s (article_id) SELECT s.%I FROM %s s ON CONFLICT DO NOTHING',
		queue, id_column, source);
	GET DIAGNOSTICS queued = ROW_COUNT;
	RAISE NOTICE 'news.track: % articles of % queued; results in %.%_*', queued, source, pg_catalog.quote_ident(nsp), prefix
		USING HINT = 'CALL news.refresh() analyses them; news.schedule() runs it every minute with pg_cron.';
	RETURN queued;
END
$fn$;

CREATE OR REPLACE FUNCTION news.tracking_status_rows(
	OUT source pg_catalog.regclass, OUT tracker pg_catalog.regrole, OUT immediate pg_catalog.bool,
	OUT analysed pg_catalog.int8, OUT backlog pg_catalog.int8, OUT stale pg_catalog.int8, OUT errors pg_catalog.int8,
	OUT last_run pg_catalog.timestamptz, OUT last_run_articles pg_catalog.int8, OUT last_run_errors pg_catalog.int8,
	OUT last_run_seconds pg_catalog.float8, OUT last_run_rate pg_catalog.float8,
	OUT total_articles pg_catalog.int8, OUT total_errors pg_catalog.int8)
	RETURNS SETOF record
	LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
BEGIN
	version := news.pipeline_stamp();
	FOR t IN SELECT * FROM news.tracked r ORDER BY r.source::pg_catalog.oid LOOP
		CONTINUE WHEN NOT COALESCE(pg_catalog.has_table_privilege(t.analysed::pg_catalog.oid, 'SELECT'), false);
		source := t.source;
		tracker := t.tracker;
		immediate := t.immediate;
		EXECUTE pg_catalog.format('SELECT pg_catalog.count(*), '
			'pg_catalog.count(*) FILTER (WHERE a.version OPERATOR(pg_catalog.<>) $1), '
			'pg_catalog.count(*) FILTER (WHERE a.error IS NOT NULL) FROM %s a', t.analysed)
			INTO analysed, stale, errors USING version;
		backlog := NULL;
		IF COALESCE(pg_catalog.has_table_privilege(t.queue::pg_catalog.oid, 'SELECT'), false) THEN
			EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', t.queue) INTO backlog;
		END IF;
		last_run := t.last_run;
		last_run_articles := t.last_run_articles;
		last_run_errors := t.last_run_errors;
		last_run_seconds := t.last_run_seconds;
		last_run_rate := CASE WHEN t.last_run_seconds OPERATOR(pg_catalog.>) 0
			THEN t.last_run_articles OPERATOR(pg_catalog./) t.last_run_seconds END;
		total_articles := t.total_articles;
		total_errors := t.total_errors;
		RETURN NEXT;
	END LOOP;
END
$fn$;

COMMENT ON FUNCTION news.pipeline_claim_stale(news.tracked, pg_catalog.int8, pg_catalog.int4) IS
	'locks and returns up to n articles of a tracked table analysed under another version stamp (news.pipeline_stamp), failed true for those to analyse in full (used by news.refresh)';

COMMENT ON VIEW news.tracking_status IS
	'tracked tables whose results you may read: analysed articles, backlog (queued, for the tracking role), stale (analysed under another gazetteer or patterns, or by a library whose analyses differ: news.pipeline_stamp), errors, last run (start, articles, errors, seconds, articles per second) and totals';

CREATE OR REPLACE FUNCTION news.trend_mark(t news.tracked, rows pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	dirty pg_catalog.regclass := (news.trend_relations(t.source)).dirty;
	parts pg_catalog.text[];
	probe constant pg_catalog.text := 'SELECT r.published FROM pg_catalog.unnest(ARRAY('
		'SELECT i FROM pg_catalog.unnest($1) i WHERE i OPERATOR(pg_catalog.<=) (SELECT pg_catalog.max(x.article_id) FROM %1$s x))) i '
		'CROSS JOIN LATERAL (SELECT r.published FROM %1$s r WHERE r.article_id OPERATOR(pg_catalog.=) i OFFSET 0) r';
BEGIN
	IF dirty IS NULL THEN
		RETURN;
	END IF;
	parts := ARRAY(SELECT pg_catalog.format(probe, o.relation)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL ORDER BY p.position)
		OPERATOR(pg_catalog.||) pg_catalog.format(probe, t.analysed)
		-- as news.pipeline_batch_query computes it
		OPERATOR(pg_catalog.||) pg_catalog.format('SELECT %s FROM %s s WHERE s.%I OPERATOR(pg_catalog.=) ANY ($1)',
			CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
				ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
			rows, t.id_column);
	EXECUTE pg_catalog.format('INSERT INTO %s (day) SELECT DISTINCT (u.published AT TIME ZONE ''UTC'')::pg_catalog.date '
		'FROM (%s) u(published) WHERE pg_catalog.isfinite(u.published) ORDER BY 1', dirty, pg_catalog.array_to_string(parts, ' UNION ALL '))
		USING ids;
END
$fn$;

CREATE OR REPLACE FUNCTION news.stories_items(vectors pg_catalog.text, mentions pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'SELECT pg_catalog.array_agg(ROW(x.article_id, x.p, x.p, 1, news.story_vector(x.terms), x.ev)::news.story_item '
		'ORDER BY x.p, x.article_id), pg_catalog.min(x.p), pg_catalog.max(x.p), '
		'news.corpus_stats(x.terms), news.corpus_stats(x.ev) '
		'FROM (SELECT v.article_id, v.terms, CASE WHEN pg_catalog.isfinite(v.published) THEN v.published ELSE pg_catalog.now() END AS p, e.ev '
		'FROM (SELECT DISTINCT i FROM pg_catalog.unnest($1) i) i(id) '
		'CROSS JOIN LATERAL (SELECT v.article_id, v.terms, v.published FROM %1$s v '
		'WHERE v.article_id OPERATOR(pg_catalog.=) i.id OFFSET 0) v '
		'LEFT JOIN LATERAL (SELECT news.story_entities(pg_catalog.array_agg(m.entity)) AS ev FROM %2$s m '
		'WHERE m.article_id OPERATOR(pg_catalog.=) i.id '
		'AND m.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC'']) '
		'GROUP BY m.article_id OFFSET 0) e ON true) x',
		$1, $2)
$$;

-- ---------------------------------------------------------------------------
-- fast14: the speakers of news.quotes (and of the quotes of news.analyze) are
-- the names of the rules again, not of the stacked default
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.quotes(text) IS
'who said what, in text order: quotations and reported speech with the quoted words (paragraphs joined by a space; for kind indirect the reported content), the canonical speaker (the entity as the rules name it, news.entities(body, model => ''rules''), also when the source is a pronoun, a role or an organization noun) or NULL, the source as written, 1-based character start and length of the quoted span without its outer marks, kind (direct, partial, scare, indirect), the cue (said, told, described as, according to), start and length of the source and of the cue, the content span (the quotation, the reported clause, or the indirect content; NULL for scare quotes) and a confidence from 0 to 1; scare quotes have no speaker and can be left out with kind <> ''scare''; STABLE: reads news.gazetteer and news.entity_patterns';

-- ---------------------------------------------------------------------------
-- gap15: a change of news.stop_entities makes the stored entities and quotes
-- of tracked tables stale, as a change of the gazetteer or of the patterns
-- does (80_pipeline.sql); the comments of news.trending and news.analyze
-- name every kind and every key they have (82_pipeline_trending.sql,
-- 74_sentiment.sql)
-- ---------------------------------------------------------------------------
COMMENT ON TABLE news.pipeline_config IS
	'version of the configuration that stored entities and quotes depend on; bumped by every change of news.gazetteer, news.entity_patterns or news.stop_entities';

COMMENT ON FUNCTION news.pipeline_config_changed() IS
	'trigger: bumps news.pipeline_config.version after news.gazetteer, news.entity_patterns or news.stop_entities changed, so that stored entities and quotes become stale';

-- a stop-entity takes a name out of news.entities or forces its type, so
-- it changes the stored entities and quotes as a gazetteer row does
CREATE TRIGGER pipeline_config_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news.stop_entities
	FOR EACH STATEMENT EXECUTE FUNCTION news.pipeline_config_changed();
COMMENT ON TRIGGER pipeline_config_changed ON news.stop_entities IS
	'stored entities and quotes of tracked tables become stale';

COMMENT ON VIEW news.tracking_status IS
	'tracked tables whose results you may read: analysed articles, backlog (queued, for the tracking role), stale (analysed under another configuration, before a change of news.gazetteer, news.entity_patterns or news.stop_entities, or by a library whose analyses differ: news.pipeline_stamp), errors, last run (start, articles, errors, seconds, articles per second) and totals';

COMMENT ON FUNCTION news.trending(pg_catalog.text, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.regclass, pg_catalog.int4) IS
	'items (kind ''entities'': canonical names; ''terms'': index terms in their most frequent surface form; ''keyphrases'': the keyphrases of news.keywords, counted in lower case and shown in their most frequent spelling in the window) of tracked tables whose share of the articles published since `since` is significantly above their share in the baseline interval before it: window articles, baseline articles and JLH score, best first; the baseline''s full days come from the daily rollup (<table>_trend_daily) unless SET news.trending_rollup = off';

COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone), "boilerplate" (news.boilerplate) and "sentiment" (the document''s tone, the row of news.sentiment(body)); each row has the keys of the function''s columns, so jsonb_to_recordset (jsonb_to_record for "sentiment") gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';

COMMENT ON COLUMN news.pipeline_analyses.config_dependent IS 'the results depend on news.gazetteer, news.entity_patterns or news.stop_entities: stale rows are analysed again';

-- audit15: news.quotes(body, model): the speakers among the names of an
-- entity model, as news.entities(body, model) names them
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.quotes(text) IS
'who said what, in text order: quotations and reported speech with the quoted words (paragraphs joined by a space; for kind indirect the reported content), the canonical speaker (the entity as the rules name it, news.entities(body, model => ''rules''); news.quotes(body, model => name) takes the names of another model, such as the default of news.entities, ''combined''), also when the source is a pronoun, a role or an organization noun) or NULL, the source as written, 1-based character start and length of the quoted span without its outer marks, kind (direct, partial, scare, indirect), the cue (said, told, described as, according to), start and length of the source and of the cue, the content span (the quotation, the reported clause, or the indirect content; NULL for scare quotes) and a confidence from 0 to 1; scare quotes have no speaker and can be left out with kind <> ''scare''; STABLE: reads news.gazetteer and news.entity_patterns';

CREATE FUNCTION news.quotes(body text, model text,
	OUT quote text, OUT speaker text, OUT speaker_mention text,
	OUT start integer, OUT length integer,
	OUT kind text, OUT cue text,
	OUT speaker_start integer, OUT speaker_length integer,
	OUT cue_start integer, OUT cue_length integer,
	OUT content_start integer, OUT content_length integer,
	OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_quotes_model'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION news.quotes(text, text) IS
'who said what, as news.quotes(body), with the speakers among the names of the entity model called model, as news.entities(body, model => model) names them: ''combined'' (the default of news.entities(body), so that every speaker is a canonical name of news.entities(body)), ''rules'' (the rules alone: news.quotes(body)), ''conll'' or one of news.entity_models (its PERSON, ORG and NORP names); the rules when model is NULL, as news.quotes(body); an unknown model raises SQLSTATE 42704; with a learned model it costs about what news.entities(body, model) costs, some 2.5 times news.quotes(body); columns as news.quotes(body); no rows for a NULL body; STABLE: reads news.gazetteer, news.entity_patterns and news.entity_models';

-- ana15: news.analyze carries the keyphrases of news.keywords(body) and the
-- summary of news.summary(body) as well (76_analyze_sections.sql)
-- ---------------------------------------------------------------------------
COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone), "boilerplate" (news.boilerplate), "sentiment" (the document''s tone, the row of news.sentiment(body)), "keyphrases" (the rows of news.keywords(body): the 10 best, best first) and "summary" (the rows of news.summary(body): 3 sentences, in text order); each row has the keys of the function''s columns, so jsonb_to_recordset (jsonb_to_record for "sentiment") gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';

-- ---------------------------------------------------------------------------
-- offs16: offsets into the body as stored for analyses of news.clean(body):
-- news.clean_map, news.original_span and news.original_spans (71_clean.sql);
-- a table tracked with clean stores the start and length of its mentions,
-- quotes, dates, keyphrases and summary sentences as offsets into the body
-- as stored (news.pipeline_original_offsets, 80_pipeline.sql).  The
-- analysis version of the library changes with it (NA_ANALYSIS_VERSION 2),
-- so news.refresh analyses the stored articles again.
-- ---------------------------------------------------------------------------

-- Where the characters of news.clean(body) come from in body (the offset
-- map of na_clean, clean.h).  Offsets are 1-based characters, as those of
-- the analyses: a span that an analysis of news.clean(body) reports maps
-- to the characters of body it was read from.  A decoded character
-- reference maps to the whole reference (AT&T to AT&amp;T), white space
-- collapsed from a run to the run, a line break standing for a block tag
-- to the tag; removed markup and boilerplate map to nothing, so a span
-- across a removed line covers it.
CREATE FUNCTION news.clean_map(body pg_catalog.text,
	OUT start pg_catalog.int4, OUT length pg_catalog.int4,
	OUT original_start pg_catalog.int4, OUT original_length pg_catalog.int4,
	OUT verbatim pg_catalog.bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_clean_map'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	ROWS 20;
COMMENT ON FUNCTION news.clean_map(pg_catalog.text) IS
	'the offset map of news.clean(body): segments in order that cover the cleaned text without gaps, each the 1-based character start and length of a run of news.clean(body) and the start and length of the characters of body it comes from; verbatim: a copy (character i of the run is character i of its source), otherwise a replacement whose characters all stand for the whole source (a decoded character reference, collapsed white space, a line break standing for a tag, original_length 0 for an inserted separator); markup and boilerplate that news.clean removes are in no segment';

CREATE FUNCTION news.original_span(body pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4,
	OUT start pg_catalog.int4, OUT length pg_catalog.int4)
	RETURNS record
	AS 'MODULE_PATHNAME', 'news_original_span'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.original_span(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
	'where the characters substr(news.clean(body), start, length) come from in body: the 1-based character start and length of the extent of body from the source of the first to the end of the source of the last (news.clean_map; a decoded reference counts whole, so AT&T maps to AT&amp;T, and a removed line inside the span is inside the extent); the span is clipped to the cleaned text as substr clips it, an empty span maps to an empty extent, a negative length is an error; for many spans of one body, news.original_spans cleans it once';

CREATE FUNCTION news.original_spans(body pg_catalog.text, starts pg_catalog.int4[], lengths pg_catalog.int4[],
	OUT start pg_catalog.int4[], OUT length pg_catalog.int4[])
	RETURNS record
	AS 'MODULE_PATHNAME', 'news_original_spans'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.original_spans(pg_catalog.text, pg_catalog.int4[], pg_catalog.int4[]) IS
	'news.original_span for many spans of one body, which is cleaned once: element i of start and length is news.original_span(body, starts[i], lengths[i]) (same subscripts; NULL where starts[i] or lengths[i] is NULL); starts and lengths are one-dimensional arrays of the same length; what news.refresh calls for the mentions, quotes, dates, keyphrases and summary sentences of each article of a table tracked with clean';

-- news.pipeline_original_offsets: the fill of an analysis whose result
-- table rel has character offsets (int4 columns start and length: the
-- mentions, quotes, dates, keyphrases and summary), for tracked table t.
-- With clean, the analyses read news.clean(body), and the offsets they
-- report are mapped to the body as stored (news_batch.original), so that
-- substr(body, start, length) is what a mention was read from, whatever
-- clean is: the fill's rows are numbered per article, the spans of each
-- article are mapped by one news.original_spans call (one cleaning of it,
-- not one per span), and every row gets its mapped span back.  Without
-- clean, or for a result table without offsets, the fill as it is.  The
-- fills themselves are not changed: this wraps any fill, its columns
-- named as the result table's.
CREATE FUNCTION news.pipeline_original_offsets(t news.tracked, fill pg_catalog.text, rel pg_catalog.regclass)
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT CASE WHEN NOT t.clean OR NOT c.names OPERATOR(pg_catalog.@>) ARRAY['start', 'length']::pg_catalog.name[]
		THEN fill
		ELSE pg_catalog.format(
			'WITH news_rows AS MATERIALIZED (SELECT f.*, '
			'pg_catalog.row_number() OVER (PARTITION BY f.article_id) AS news_n FROM (%1$s) f(%2$s)), '
			'news_spans AS (SELECT r.article_id, pg_catalog.array_agg(r.start ORDER BY r.news_n) AS starts, '
			'pg_catalog.array_agg(r.length ORDER BY r.news_n) AS lengths FROM news_rows r GROUP BY r.article_id), '
			'news_mapped AS (SELECT x.article_id, m.start, m.length FROM news_spans x '
			'JOIN news_batch b ON b.id OPERATOR(pg_catalog.=) x.article_id '
			'CROSS JOIN LATERAL news.original_spans(b.original, x.starts, x.lengths) m) '
			'SELECT %3$s FROM news_rows r JOIN news_mapped o ON o.article_id OPERATOR(pg_catalog.=) r.article_id',
			fill, c.list, c.mapped) END
	FROM (SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum) AS names,
			pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) AS list,
			pg_catalog.string_agg(CASE a.attname WHEN 'start' THEN 'o.start[r.news_n]'
				WHEN 'length' THEN 'o.length[r.news_n]'
				ELSE 'r.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname) END, ', ' ORDER BY a.attnum) AS mapped
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped) c
$$;
COMMENT ON FUNCTION news.pipeline_original_offsets(news.tracked, pg_catalog.text, pg_catalog.regclass) IS
	'the fill of an analysis of a tracked table with its result table rel, whose start and length columns, if it has them, are mapped by news.original_spans to offsets into the body as stored when the table is tracked with clean (used by news.refresh)';

CREATE OR REPLACE FUNCTION news.pipeline_batch_query(t news.tracked, fills pg_catalog.text[], rels pg_catalog.regclass[])
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.format(
		'WITH news_batch AS MATERIALIZED ('
		'SELECT s.%1$I::pg_catalog.int8 AS id, %2$s AS body, %3$s AS published, '
		'%4$s AS title, %5$s AS source%8$s FROM %6$s s WHERE s.%1$I OPERATOR(pg_catalog.=) ANY ($1)) %7$s',
		t.id_column, news.pipeline_body(t, 's'),
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.title_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.title_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		t.source,
		CASE WHEN pg_catalog.cardinality(fills) OPERATOR(pg_catalog.=) 1
			THEN pg_catalog.format('INSERT INTO %s SELECT * FROM (%s) f', rels[1], fills[1])
			ELSE (SELECT pg_catalog.string_agg(pg_catalog.format(', news_fill_%s AS (INSERT INTO %s SELECT * FROM (%s) f)',
					i, rels[i], fills[i]), '' ORDER BY i DESC)
				FROM pg_catalog.generate_subscripts(fills, 1) i) OPERATOR(pg_catalog.||) ' SELECT' END,
		CASE WHEN t.clean THEN pg_catalog.format(', s.%I::pg_catalog.text AS original', t.body_column) ELSE '' END)
$$;
COMMENT ON FUNCTION news.pipeline_batch_query(news.tracked, pg_catalog.text[], pg_catalog.regclass[]) IS
	'the statement that stores analyses of the articles whose ids are in $1, read once (news_batch: id, body, published, title, source, and with clean original, the body as stored): the rows of fills[i] inserted into rels[i], in array order (used by news.refresh)';

CREATE OR REPLACE FUNCTION news.pipeline_analyse(t news.tracked, ids pg_catalog.int8[], config_only pg_catalog.bool,
	version pg_catalog.int8)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	a record;
	one pg_catalog.int8;
	failed pg_catalog.int8 := 0;
	deletes pg_catalog.text[] := '{}';
	inserts pg_catalog.text[] := '{}';
	run_fills pg_catalog.text[] := '{}';
	run_rels pg_catalog.regclass[] := '{}';
	step pg_catalog.text;
	state pg_catalog.text;
	msg pg_catalog.text;
	rows news.tracked;
BEGIN
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.=) 0 THEN
		RETURN 0;
	END IF;
	-- t as the batch queries see it: its rows in news.pipeline_rows
	rows := t;
	rows.source := news.pipeline_rows(t, ids);
	FOR a IN
		SELECT p.fill, p.clear, o.relation
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.config_dependent OR NOT config_only
		ORDER BY p.position
	LOOP
		deletes := deletes OPERATOR(pg_catalog.||) COALESCE(news.pipeline_expand(t, a.clear),
			pg_catalog.format('DELETE FROM %1$s WHERE article_id OPERATOR(pg_catalog.=) ANY (ARRAY('
				'SELECT i FROM pg_catalog.unnest($1) i WHERE i OPERATOR(pg_catalog.<=) '
				'(SELECT pg_catalog.max(r.article_id) FROM %1$s r)))', a.relation));
		IF a.fill OPERATOR(pg_catalog.~) '\{[a-z_0-9]+\}' THEN
			IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
				inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
				run_fills := '{}';
				run_rels := '{}';
			END IF;
			inserts := inserts OPERATOR(pg_catalog.||)
				news.pipeline_batch_query(rows,
					ARRAY[news.pipeline_original_offsets(t, news.pipeline_expand(t, a.fill), a.relation)],
					ARRAY[a.relation]);
		ELSE
			run_fills := run_fills OPERATOR(pg_catalog.||) news.pipeline_original_offsets(t, a.fill, a.relation);
			run_rels := run_rels OPERATOR(pg_catalog.||) a.relation;
		END IF;
	END LOOP;
	IF pg_catalog.cardinality(run_fills) OPERATOR(pg_catalog.>) 0 THEN
		inserts := inserts OPERATOR(pg_catalog.||) news.pipeline_batch_query(rows, run_fills, run_rels);
	END IF;
	-- the article's row: $3 is the error (NULL when the analysis worked)
	state := pg_catalog.format(
		'INSERT INTO %1$s AS a (article_id, published, source, version, analysed_at, times, error, fingerprint) '
		'SELECT s.%2$I, %3$s, %4$s, $2, pg_catalog.now(), 1, $3, %7$s FROM %5$s s '
		'WHERE s.%2$I OPERATOR(pg_catalog.=) ANY ($1) '
		'ON CONFLICT (article_id) DO UPDATE SET published = %6$s, source = EXCLUDED.source, '
		'version = EXCLUDED.version, analysed_at = EXCLUDED.analysed_at, '
		'times = a.times OPERATOR(pg_catalog.+) 1, error = EXCLUDED.error, fingerprint = EXCLUDED.fingerprint',
		t.analysed, t.id_column,
		CASE WHEN t.published_column IS NULL THEN 'pg_catalog.now()'
			ELSE pg_catalog.format('s.%I::pg_catalog.timestamptz', t.published_column) END,
		CASE WHEN t.source_column IS NULL THEN 'NULL::pg_catalog.text'
			ELSE pg_catalog.format('s.%I::pg_catalog.text', t.source_column) END,
		rows.source,
		CASE WHEN t.published_column IS NULL THEN 'a.published' ELSE 'EXCLUDED.published' END,
		CASE WHEN rows.source OPERATOR(pg_catalog.=) t.source THEN 'NULL::pg_catalog.text'
			ELSE news.pipeline_fingerprint(t, 's') END);
	-- articles deleted from the source lose their row (the ids still there
	-- are found by id: NOT EXISTS became an anti-join that read and hashed
	-- the whole source table for every batch)
	deletes := deletes OPERATOR(pg_catalog.||) pg_catalog.format(
		'DELETE FROM %1$s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
		'AND a.article_id OPERATOR(pg_catalog.<>) ALL (ARRAY(SELECT s.%3$I::pg_catalog.int8 FROM %2$s s '
		'WHERE s.%3$I OPERATOR(pg_catalog.=) ANY ($1)))',
		t.analysed, rows.source, t.id_column);

	-- the days whose trending rollup this changes (82_pipeline_trending.sql)
	PERFORM news.trend_mark(t, rows.source, ids);
	BEGIN
		FOREACH step IN ARRAY deletes LOOP
			EXECUTE step USING ids;
		END LOOP;
		FOREACH step IN ARRAY inserts LOOP
			EXECUTE step USING ids;
		END LOOP;
		EXECUTE state USING ids, version, NULL::pg_catalog.text;
		RETURN 0;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
	END;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 1 THEN
		FOREACH one IN ARRAY ids LOOP
			failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, ARRAY[one], config_only, version);
		END LOOP;
		RETURN failed;
	END IF;
	-- one article failed: it keeps no results, its row keeps the error
	FOREACH step IN ARRAY deletes LOOP
		EXECUTE step USING ids;
	END LOOP;
	EXECUTE state USING ids, version, msg;
	RETURN 1;
END
$fn$;

COMMENT ON COLUMN news.pipeline_analyses.columns IS 'column definitions of the result table after article_id int8 and published timestamptz; int4 columns start and length are the 1-based character offsets of a span of the text the analysis read, mapped to the body as stored for a table tracked with clean (news.pipeline_original_offsets)';
COMMENT ON COLUMN news.pipeline_analyses.fill IS 'query giving the result rows (article_id, published, columns...) of the articles in news_batch (id int8, body text, published timestamptz, title text, source text, and for a table tracked with clean original text, the body as stored); {source}, {analysed} and {<name>} stand for the tracked table and its relations (news.pipeline_expand)';
COMMENT ON COLUMN news.tracked.clean IS 'true: the analyses read news.clean(body) (markup and scraper boilerplate removed), and the character offsets they store (start and length of mentions, quotes, dates, keyphrases, summary sentences) are mapped back to the body as stored (news.original_spans), so that substr(body, start, length) is what was read, AT&amp;T for the mention AT&T; false: the body as stored';
COMMENT ON FUNCTION news.track(pg_catalog.regclass, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.name, pg_catalog.bool, pg_catalog.bool) IS
	'starts analysing a table you own: creates <table>_mentions, _quotes, _dates, _vectors, _terms, _keyphrases, _summary, _tone, the story tables, _analysed, _queue and dashboard views in result_schema (default: the table''s schema), readable by the table''s readers, and triggers queueing every written article; with clean, the analyses read news.clean(body) (for HTML or scraped text), and the start and length they store are offsets into the body as stored (news.original_spans); returns the number of articles queued';

-- story16: the story statements run without JIT outside news.refresh too
-- (news.stories_describe, news.stories_rebuild, news.stories_maintain:
-- compiling the description took 4 to 5 s a chunk of 2,000 stories)
-- ---------------------------------------------------------------------------
ALTER FUNCTION news.stories_describe(record, pg_catalog.int8[], pg_catalog.int8[]) SET jit = off;
ALTER FUNCTION news.stories_rebuild(pg_catalog.regclass, pg_catalog.float8, pg_catalog.interval, pg_catalog.float8, pg_catalog.int4) SET jit = off;
ALTER FUNCTION news.stories_maintain(pg_catalog.regclass, pg_catalog.timestamptz) SET jit = off;

-- scale16: news.trend_fold finds the rollup items a refold no longer names
-- with a hashed subplan, not a NOT EXISTS anti join that became a nested
-- loop (a refold of a day already folded took minutes)
-- ---------------------------------------------------------------------------
CREATE OR REPLACE PROCEDURE news.trend_fold(source pg_catalog.regclass)
	LANGUAGE plpgsql
AS $fn$
DECLARE
	t news.tracked;
	daily pg_catalog.regclass;
	dirty pg_catalog.regclass;
	fill pg_catalog.text;
	days pg_catalog.date[];
	chunk pg_catalog.date[];
	found_days pg_catalog.date[];
	old_days pg_catalog.date[];
	i pg_catalog.int4 := 1;
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) trend_fold.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source USING ERRCODE = 'undefined_object';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and its rollup is written only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT r.daily, r.dirty INTO daily, dirty FROM news.trend_relations(t.source) r;
	IF daily IS NULL OR dirty IS NULL THEN
		RETURN;
	END IF;
	-- the counts of the days x (x.day, and its bounds x.lo and x.hi), each
	-- kind's in the order of the rollup's primary key: the items of every
	-- trending kind, and the analysed articles without error
	fill := (SELECT pg_catalog.string_agg(pg_catalog.format(
			'(SELECT %L, x.day, c.key::pg_catalog.text, c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (%s) c ORDER BY 3, 2)',
			p.trend_kind, news.trend_count_query(p, o.relation::pg_catalog.text,
				'r.published OPERATOR(pg_catalog.>=) x.lo AND r.published OPERATOR(pg_catalog.<) x.hi AND k.key IS NOT NULL')),
			' UNION ALL ' ORDER BY p.position)
		FROM news.pipeline_analyses p
		JOIN news.tracked_objects o ON o.source OPERATOR(pg_catalog.=) t.source AND o.name OPERATOR(pg_catalog.=) p.name
		WHERE p.trend_kind IS NOT NULL);
	fill := pg_catalog.concat_ws(' UNION ALL ', fill, pg_catalog.format(
		'SELECT '''', x.day, '''', c.n::pg_catalog.int4 FROM x CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM %s a '
		'WHERE a.published OPERATOR(pg_catalog.>=) x.lo AND a.published OPERATOR(pg_catalog.<) x.hi AND a.error IS NULL) c '
		'WHERE c.n OPERATOR(pg_catalog.>) 0', t.analysed));
	-- complete days only: today's (and later) days are never full days of
	-- a baseline that ends by now, so folding them at every refresh of a
	-- growing day would recount it again and again; they are folded once,
	-- by the first refresh after they end
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day ORDER BY y.day), ''{}'') FROM %s y '
		'WHERE y.day OPERATOR(pg_catalog.<) (pg_catalog.now() AT TIME ZONE ''UTC'')::pg_catalog.date', dirty) INTO days;
	WHILE i OPERATOR(pg_catalog.<=) pg_catalog.cardinality(days) LOOP
		chunk := days[i : i OPERATOR(pg_catalog.+) 30];
		i := i OPERATOR(pg_catalog.+) 31;
		BEGIN
			-- the folds of a table one after the other (readers and batches
			-- do not wait); read committed: the statements below see every
			-- batch whose dirty row the delete found
			EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', daily);
			EXECUTE pg_catalog.format('WITH y AS (DELETE FROM %s y WHERE y.day OPERATOR(pg_catalog.=) ANY ($1) RETURNING y.day) '
				'SELECT COALESCE(pg_catalog.array_agg(DISTINCT y.day), ''{}'') FROM y', dirty) INTO found_days USING chunk;
			IF pg_catalog.cardinality(found_days) OPERATOR(pg_catalog.>) 0 THEN
				-- the days that have rollup rows (the lock keeps them so)
				EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(x.day), ''{}'') FROM pg_catalog.unnest($1) x(day) '
					'WHERE EXISTS (SELECT FROM %s d WHERE d.day OPERATOR(pg_catalog.=) x.day)', daily) INTO old_days USING found_days;
				-- the chunk's sort in memory
				PERFORM pg_catalog.set_config('work_mem', '64MB', true);
				-- the days' counts written over their rollup rows: the rows
				-- of a new day inserted, changed counts updated, new items
				-- inserted, items no longer named deleted (a refold after a
				-- few changed articles writes only their items, and no
				-- insert meets the dead row of its own key); the items no
				-- longer named are found by a hashed subplan over c: as a
				-- NOT EXISTS, a day's rollup rows written in this
				-- transaction were estimated at one row and the anti join
				-- became a nested loop over c, 214 million comparisons (313 s)
				-- for the second 1,000 articles of a folded day at 22,004
				EXECUTE pg_catalog.format(
					'WITH x AS (SELECT d AS day, (d::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS lo, '
					'((d OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamp AT TIME ZONE ''UTC'') AS hi FROM pg_catalog.unnest($1) d), '
					'c (kind, day, key, docs) AS MATERIALIZED (%2$s), '
					'n AS (INSERT INTO %1$s (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.<>) ALL ($2)), '
					'u AS (INSERT INTO %1$s AS d (kind, day, key, docs) SELECT c.kind, c.day, c.key, c.docs FROM c '
					'WHERE c.day OPERATOR(pg_catalog.=) ANY ($2) '
					'ON CONFLICT (kind, key, day) DO UPDATE SET docs = EXCLUDED.docs '
					'WHERE d.docs OPERATOR(pg_catalog.<>) EXCLUDED.docs) '
					'DELETE FROM %1$s d WHERE d.day OPERATOR(pg_catalog.=) ANY ($2) '
					'AND NOT ((d.kind, d.key, d.day) OPERATOR(pg_catalog.=) ANY (SELECT c.kind, c.key, c.day FROM c))', daily, fill)
					USING found_days, old_days;
			END IF;
		-- (unique_violation: under repeatable read, a snapshot taken before
		-- the lock may miss the rows another fold just wrote of a new day)
		EXCEPTION WHEN serialization_failure OR deadlock_detected OR lock_not_available OR unique_violation THEN
			RAISE NOTICE 'news.refresh %: the trending rollup of % to % stays out of date: %', source, chunk[1],
				chunk[pg_catalog.cardinality(chunk)], SQLERRM;
		END;
		COMMIT;
	END LOOP;
END
$fn$;

-- ---------------------------------------------------------------------------
-- lead16: after a configuration change, the stories of the articles
-- analysed again name their entities as the stored mentions do
-- (news.stories_reentity, called by news.refresh_batch)
-- ---------------------------------------------------------------------------
-- news.stories_reentity: the articles ids were analysed again under a new
-- configuration (news.gazetteer, news.entity_patterns or
-- news.stop_entities changed; news.refresh's configuration-only batches):
-- their members' entity vectors are read again from the mentions now
-- stored, as news.stories_items reads them, and the stories whose members
-- changed get their centroids recomputed and are described again, so that
-- their top entities carry the new canonical names.  The articles stay in
-- their stories: membership follows an article's text, or
-- news.stories_maintain and news.stories_rebuild.  The corpus statistics
-- of the state are not corrected, as news.stories_forget leaves them; the
-- maintenance and the rebuild count them exactly.
CREATE FUNCTION news.stories_reentity(source pg_catalog.regclass, ids pg_catalog.int8[]) RETURNS pg_catalog.void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	r record;
	affected pg_catalog.int8[];
BEGIN
	r := news.stories_relations(source, true);
	PERFORM news.stories_lock_row(r.state);
	EXECUTE pg_catalog.format(
		'WITH e AS (SELECT i.id, (SELECT news.story_entities(pg_catalog.array_agg(x.entity)) FROM %2$s x '
		'WHERE x.article_id OPERATOR(pg_catalog.=) i.id '
		'AND x.type OPERATOR(pg_catalog.=) ANY (ARRAY[''PERSON'', ''ORG'', ''LOC'', ''NORP'', ''MISC''])) AS ev '
		'FROM (SELECT DISTINCT i FROM pg_catalog.unnest($1) i) i(id)), '
		'u AS (UPDATE %1$s m SET entities = e.ev FROM e WHERE m.article_id OPERATOR(pg_catalog.=) e.id '
		'AND CASE WHEN m.entities IS NULL OR e.ev IS NULL THEN (m.entities IS NULL) OPERATOR(pg_catalog.<>) (e.ev IS NULL) '
		'ELSE m.entities OPERATOR(news.<>) e.ev END RETURNING m.story_id) '
		'SELECT pg_catalog.array_agg(DISTINCT u.story_id) FROM u', r.members, r.mentions)
		INTO affected USING ids;
	IF affected IS NOT NULL THEN
		PERFORM news.stories_recompute(r, affected);
		EXECUTE pg_catalog.format('UPDATE %s SET pending_stories = pending_stories OPERATOR(pg_catalog.||) $1', r.state)
			USING affected;
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.stories_reentity(pg_catalog.regclass, pg_catalog.int8[]) IS
	'reads the entity vectors of story members again from the stored mentions after their articles were analysed under a new configuration, recomputes the centroids of the stories that changed and queues them to be described again (used by news.refresh); the articles keep their stories';

-- news.refresh_batch: one batch of news.refresh for one tracked table, in
-- the caller's transaction: claims up to batch queued ids (FOR UPDATE SKIP
-- LOCKED, so concurrent sessions take disjoint batches, and the ids return
-- to the queue if the transaction aborts), locks their rows of the analysed
-- table (an article is never analysed by two sessions at once), analyses
-- them, then fills the rest of the batch with stale articles (those
-- stale by configuration only keep their stories, whose entities are read
-- again: news.stories_reentity).  A batch that empties the queue (fewer
-- articles than batch) also describes the stories the batches changed
-- (news.stories_describe_pending).
CREATE OR REPLACE FUNCTION news.refresh_batch(source pg_catalog.regclass, batch pg_catalog.int4 DEFAULT 1000,
	OUT analysed pg_catalog.int8, OUT failed pg_catalog.int8)
	RETURNS record
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
AS $fn$
DECLARE
	t news.tracked;
	version pg_catalog.int8;
	ids pg_catalog.int8[];
	full_ids pg_catalog.int8[];
	config_ids pg_catalog.int8[];
BEGIN
	SELECT * INTO t FROM news.tracked r WHERE r.source OPERATOR(pg_catalog.=) refresh_batch.source;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', source
			USING ERRCODE = 'undefined_object', HINT = 'Start tracking it with news.track.';
	END IF;
	IF NOT news.pipeline_acts_for(t.tracker) THEN
		RAISE EXCEPTION 'table % is tracked by role %, and news.refresh analyses it only as that role', source, t.tracker
			USING ERRCODE = 'insufficient_privilege',
				HINT = 'Run news.refresh as that role, for example from a job it scheduled with news.schedule.';
	END IF;
	IF batch OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'batch must be positive' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	version := news.pipeline_stamp();

	EXECUTE pg_catalog.format(
		'WITH c AS (SELECT q.article_id FROM %1$s q ORDER BY q.article_id LIMIT $1 FOR UPDATE SKIP LOCKED), '
		'd AS (DELETE FROM %1$s q USING c WHERE q.article_id OPERATOR(pg_catalog.=) c.article_id RETURNING q.article_id) '
		'SELECT COALESCE(pg_catalog.array_agg(d.article_id ORDER BY d.article_id), ''{}'') FROM d', t.queue)
		INTO ids USING batch;
	IF pg_catalog.cardinality(ids) OPERATOR(pg_catalog.>) 0 THEN
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FROM (SELECT FROM %s a WHERE a.article_id OPERATOR(pg_catalog.=) ANY ($1) '
			'ORDER BY a.article_id FOR UPDATE) l', t.analysed)
			USING ids;
	END IF;
	analysed := pg_catalog.cardinality(ids);
	failed := news.pipeline_analyse(t, ids, false, version);

	IF analysed OPERATOR(pg_catalog.<) batch THEN
		SELECT COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE s.failed), '{}'),
			COALESCE(pg_catalog.array_agg(s.article_id) FILTER (WHERE NOT s.failed), '{}')
		INTO full_ids, config_ids
		FROM news.pipeline_claim_stale(t, version, (batch OPERATOR(pg_catalog.-) analysed)::pg_catalog.int4) s;
		failed := failed OPERATOR(pg_catalog.+) news.pipeline_analyse(t, full_ids, false, version)
			OPERATOR(pg_catalog.+) news.pipeline_analyse(t, config_ids, true, version);
		-- their stories name the entities as the mentions now do
		IF pg_catalog.cardinality(config_ids) OPERATOR(pg_catalog.>) 0 AND EXISTS (SELECT FROM news.tracked_objects o
				WHERE o.source OPERATOR(pg_catalog.=) refresh_batch.source AND o.name OPERATOR(pg_catalog.=) 'story_state') THEN
			PERFORM news.stories_reentity(source, config_ids);
		END IF;
		analysed := analysed OPERATOR(pg_catalog.+) pg_catalog.cardinality(full_ids)
			OPERATOR(pg_catalog.+) pg_catalog.cardinality(config_ids);
	END IF;
	IF analysed OPERATOR(pg_catalog.<) batch THEN
		PERFORM news.stories_describe_pending(source);
	END IF;
END
$fn$;
COMMENT ON FUNCTION news.refresh_batch(pg_catalog.regclass, pg_catalog.int4) IS
	'analyses one batch of new, changed, deleted or stale articles of a tracked table in the current transaction; returns how many were analysed and how many failed (news.refresh commits batch after batch)';
