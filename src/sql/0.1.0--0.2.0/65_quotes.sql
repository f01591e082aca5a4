
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
