
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
