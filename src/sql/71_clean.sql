
-- ---------------------------------------------------------------------------
-- Cleaning scraped bodies (src/core/clean.c; issue 11, item 1)
-- ---------------------------------------------------------------------------
-- IMMUTABLE: the rules and word lists are compiled in.

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

-- news.analyze also lists the boilerplate of its text (src/pg/analyze.c)
COMMENT ON FUNCTION news.analyze(pg_catalog.text, pg_catalog.timestamptz) IS
'everything a text yields, from one pass over it, as jsonb: "terms" (news.tokenize), "entities" (news.entities), "quotes" (news.quotes), "dates" (the DATE entities resolved as news.dates resolves them against published, taken as a date in the session''s TimeZone) and "boilerplate" (news.boilerplate); each row has the keys of the function''s columns, so jsonb_to_recordset gives its rows back; STABLE: reads news.gazetteer, news.entity_patterns and TimeZone';

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
