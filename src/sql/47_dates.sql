
-- Date mentions resolved against a publication date (src/core/dates.c).
-- Not STRICT: published may be NULL (relative mentions then stay
-- unresolved); a NULL body gives no rows.  IMMUTABLE: uses only the builtin
-- DATE patterns (on their own, so a longer match of another type does not
-- hide a date), never news.entity_patterns.
CREATE FUNCTION news.dates(body pg_catalog.text, published pg_catalog.date DEFAULT NULL,
	OUT mention pg_catalog.text, OUT date pg_catalog.date, OUT grain pg_catalog.text,
	OUT start pg_catalog.int4, OUT length pg_catalog.int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_dates'
	LANGUAGE C IMMUTABLE PARALLEL SAFE
	ROWS 10;
COMMENT ON FUNCTION news.dates(pg_catalog.text, pg_catalog.date) IS
	'date mentions in body ("February 12", "last week", "on Wednesday", "1996-08-22", "in January", "2019") with the date they denote relative to published: the first day of the period, grain day, week (Monday), month, year or decade; NULL date when it cannot be resolved; 1-based character start and length such that substr(body, start, length) = mention';

-- The same for a timestamptz publication time (news tables usually keep
-- published_at timestamptz): the date is taken in the session's TimeZone,
-- hence STABLE.
CREATE FUNCTION news.dates(body pg_catalog.text, published pg_catalog.timestamptz,
	OUT mention pg_catalog.text, OUT date pg_catalog.date, OUT grain pg_catalog.text,
	OUT start pg_catalog.int4, OUT length pg_catalog.int4)
	RETURNS SETOF record
	LANGUAGE sql STABLE PARALLEL SAFE
	ROWS 10
	AS $$ SELECT * FROM news.dates($1, $2::pg_catalog.date) $$;
COMMENT ON FUNCTION news.dates(pg_catalog.text, pg_catalog.timestamptz) IS
	'news.dates with the publication date taken from a timestamptz in the session''s TimeZone';
