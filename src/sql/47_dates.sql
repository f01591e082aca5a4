
-- Date mentions resolved against a publication date (src/core/dates.c).
-- Not STRICT: published may be NULL (relative mentions then stay
-- unresolved); a NULL body gives no rows.  IMMUTABLE: uses only the builtin
-- DATE patterns, never news.entity_patterns.
CREATE FUNCTION news.dates(body text, published date DEFAULT NULL,
	OUT mention text, OUT date date, OUT grain text, OUT start integer, OUT length integer)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'news_dates'
	LANGUAGE C IMMUTABLE PARALLEL SAFE
	ROWS 10;
COMMENT ON FUNCTION news.dates(text, date) IS
	'date mentions in body ("February 12", "last week", "on Wednesday", "1996-08-22", "in January", "2019") with the date they denote relative to published: the first day of the period, grain day, week (Monday), month, year or decade; NULL date when it cannot be resolved; start is a 0-based character offset';
