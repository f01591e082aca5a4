
-- 72_keywords.sql: news.keywords, its corpus-aware overload and news.keywords_agg
-- (issue 11, item 2); as in src/sql/72_keywords.sql.
CREATE FUNCTION news.keywords(body pg_catalog.text, n pg_catalog.int4 DEFAULT 10)
RETURNS TABLE(phrase pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4,
			  kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4)
AS 'MODULE_PATHNAME', 'news_keywords'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION news.keywords(pg_catalog.text, pg_catalog.int4) IS
'the n best keyphrases of a text (1 to 4 words, as written; names whole; no phrase inside another), best first: score 0..1, mentions, kind (word, phrase, name), and the character start (from 1) and length of the mention shown; rarity from built-in news document frequencies';

CREATE FUNCTION news.keywords(body pg_catalog.text, corpus news.corpus, n pg_catalog.int4 DEFAULT 10)
RETURNS TABLE(phrase pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4,
			  kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4)
AS 'MODULE_PATHNAME', 'news_keywords_corpus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION news.keywords(pg_catalog.text, news.corpus, pg_catalog.int4) IS
'the n best keyphrases of a text, rarity weighed against a corpus (news.corpus_stats of news.termvec(body), keyed by the stems'' news.term_id)';

CREATE FUNCTION news.keywords_agg_trans(state pg_catalog.bytea, body pg_catalog.text, n pg_catalog.int4)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_trans(pg_catalog.bytea, pg_catalog.text, pg_catalog.int4) IS
'transition function of news.keywords_agg(body, n): adds the keyphrases of one text';

CREATE FUNCTION news.keywords_agg_trans(state pg_catalog.bytea, body pg_catalog.text)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_trans(pg_catalog.bytea, pg_catalog.text) IS
'transition function of news.keywords_agg(body): adds the keyphrases of one text';

CREATE FUNCTION news.keywords_agg_combine(a pg_catalog.bytea, b pg_catalog.bytea)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_keywords_agg_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_combine(pg_catalog.bytea, pg_catalog.bytea) IS
'combine function of news.keywords_agg: two partial states in one';

CREATE FUNCTION news.keywords_agg_final(state pg_catalog.bytea)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'news_keywords_agg_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.keywords_agg_final(pg_catalog.bytea) IS
'final function of news.keywords_agg: the keyphrases of the set as a jsonb array';

CREATE AGGREGATE news.keywords_agg(body pg_catalog.text, n pg_catalog.int4) (
	SFUNC = news.keywords_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.keywords_agg_combine,
	FINALFUNC = news.keywords_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.keywords_agg(pg_catalog.text, pg_catalog.int4) IS
'the n best keyphrases of a set of texts (a story, a day) as a jsonb array of {phrase, score, articles, count, kind}: phrases of many texts first, score the mean over the texts';

CREATE AGGREGATE news.keywords_agg(body pg_catalog.text) (
	SFUNC = news.keywords_agg_trans,
	STYPE = pg_catalog.bytea,
	COMBINEFUNC = news.keywords_agg_combine,
	FINALFUNC = news.keywords_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE news.keywords_agg(pg_catalog.text) IS
'the 10 best keyphrases of a set of texts as a jsonb array of {phrase, score, articles, count, kind}';
