
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
