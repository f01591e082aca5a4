
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
