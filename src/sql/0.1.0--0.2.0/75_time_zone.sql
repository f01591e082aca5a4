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
