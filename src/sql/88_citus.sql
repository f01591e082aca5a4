-- ---------------------------------------------------------------------------
-- Citus (issue 12): the configuration reaches every worker, and "more like
-- this" by article id on a distributed table.
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
