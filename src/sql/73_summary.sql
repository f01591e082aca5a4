
-- ---------------------------------------------------------------------------
-- Extractive summaries (src/core/summary.c, src/pg/summary.c)
-- ---------------------------------------------------------------------------

CREATE FUNCTION news.summary(body pg_catalog.text, sentences pg_catalog.int4 DEFAULT 3)
RETURNS TABLE(sentence pg_catalog.int4, text pg_catalog.text, start pg_catalog.int4,
			  length pg_catalog.int4, score pg_catalog.float4)
AS 'MODULE_PATHNAME', 'news_summary'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION news.summary(pg_catalog.text, pg_catalog.int4) IS
'an extractive summary: the given number of sentences (1 to 100) that carry the text, in text order, with their sentence number (as news.sentences counts), text (without a dateline), character start (from 1) and length, and score 0..1; headings, bylines, boilerplate, fragments and quotations cut mid-sentence are never picked';

CREATE FUNCTION news.summary_agg_trans(state pg_catalog.bytea, body pg_catalog.text, sentences pg_catalog.int4)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_trans(pg_catalog.bytea, pg_catalog.text, pg_catalog.int4) IS
'transition function of news.summary_agg(body, sentences): adds the best sentences of one text';

CREATE FUNCTION news.summary_agg_trans(state pg_catalog.bytea, body pg_catalog.text)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_trans(pg_catalog.bytea, pg_catalog.text) IS
'transition function of news.summary_agg(body): adds the best sentences of one text';

CREATE FUNCTION news.summary_agg_combine(a pg_catalog.bytea, b pg_catalog.bytea)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_summary_agg_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_combine(pg_catalog.bytea, pg_catalog.bytea) IS
'combine function of news.summary_agg: two partial states in one';

CREATE FUNCTION news.summary_agg_final(state pg_catalog.bytea)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_summary_agg_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.summary_agg_final(pg_catalog.bytea) IS
'final function of news.summary_agg: the summary of the set as a jsonb array';

CREATE AGGREGATE news.summary_agg(body pg_catalog.text, sentences pg_catalog.int4) (
	SFUNC = news.summary_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.summary_agg_combine,
	FINALFUNC = news.summary_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.summary_agg(pg_catalog.text, pg_catalog.int4) IS
'a multi-article summary of a set of texts (a story) as a jsonb array of {text, score}, best first: the sentences most central across the texts and good in their own, without repeats';

CREATE AGGREGATE news.summary_agg(body pg_catalog.text) (
	SFUNC = news.summary_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.summary_agg_combine,
	FINALFUNC = news.summary_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.summary_agg(pg_catalog.text) IS
'a three-sentence multi-article summary of a set of texts as a jsonb array of {text, score}, best first';
