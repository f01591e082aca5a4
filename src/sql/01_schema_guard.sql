
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
