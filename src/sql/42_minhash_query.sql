
-- 42_minhash_query.sql: near-duplicate queries that carry their threshold
-- (src/pg/minhash_query.c).  news.minhash_query is a probe signature with
-- a threshold, written T of K:SHINGLE:HEX; "sig % query" and its function
-- form news.similar(sig, probe, t) never read a session setting, so their
-- answers are the same behind a connection pooler and on Citus workers.
-- The GIN operator class news.minhash_ops serves the operator as its
-- strategy 2, taking the band lookups from the carried threshold.

CREATE TYPE news.minhash_query;

CREATE FUNCTION news.minhash_query_in(pg_catalog.cstring)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_out(news.minhash_query)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'news_minhash_query_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_recv(pg_catalog.internal)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_query_send(news.minhash_query)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_minhash_query_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.minhash_query (
	INPUT = news.minhash_query_in,
	OUTPUT = news.minhash_query_out,
	RECEIVE = news.minhash_query_recv,
	SEND = news.minhash_query_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE news.minhash_query IS 'near-duplicate query: a news.minhash probe and the estimated Jaccard similarity (0..1) a signature needs to match it (operator %), written T of K:SHINGLE:HEX';
COMMENT ON FUNCTION news.minhash_query_in(pg_catalog.cstring) IS 'text input of news.minhash_query (T of K:SHINGLE:HEX)';
COMMENT ON FUNCTION news.minhash_query_out(news.minhash_query) IS 'text output of news.minhash_query (T of K:SHINGLE:HEX, T the shortest decimal that reads back exactly)';
COMMENT ON FUNCTION news.minhash_query_recv(pg_catalog.internal) IS 'binary input of news.minhash_query';
COMMENT ON FUNCTION news.minhash_query_send(news.minhash_query) IS 'binary output of news.minhash_query';

CREATE FUNCTION news.minhash_query(sig news.minhash, threshold pg_catalog.float8)
RETURNS news.minhash_query
AS 'MODULE_PATHNAME', 'news_minhash_query'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_query(news.minhash, pg_catalog.float8) IS
'the query "estimated Jaccard similarity with sig at least threshold" (0..1), for the operator %';

CREATE FUNCTION news.query_threshold(news.minhash_query)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'news_query_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.query_threshold(news.minhash_query) IS 'the threshold a near-duplicate query carries';

CREATE FUNCTION news.query_signature(news.minhash_query)
RETURNS news.minhash
AS 'MODULE_PATHNAME', 'news_query_signature'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.query_signature(news.minhash_query) IS 'the probe signature of a near-duplicate query';

CREATE FUNCTION news.minhash_matches(news.minhash, news.minhash_query)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'news_minhash_matches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_matches(news.minhash, news.minhash_query) IS
'true when the estimated Jaccard similarity of the signature and the query''s probe is at least the query''s threshold (false for signatures with different k or shingle; operator %)';

CREATE OPERATOR news.% (
	LEFTARG = news.minhash,
	RIGHTARG = news.minhash_query,
	FUNCTION = news.minhash_matches,
	RESTRICT = pg_catalog.contsel,
	JOIN = pg_catalog.contjoinsel
);

COMMENT ON OPERATOR news.% (news.minhash, news.minhash_query) IS
'estimated Jaccard similarity at least the threshold the query carries (GIN indexable; never reads a setting)';

-- The function form of the operator: an SQL function with a parsed body
-- (bound when created, not through the caller's search_path) that the
-- planner inlines into "sig % news.minhash_query(probe, threshold)", so a
-- news.minhash_ops index serves it.
CREATE FUNCTION news.similar(sig news.minhash, probe news.minhash, threshold pg_catalog.float8)
RETURNS pg_catalog.bool
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN sig OPERATOR(news.%) news.minhash_query(probe, threshold);

COMMENT ON FUNCTION news.similar(news.minhash, news.minhash, pg_catalog.float8) IS
'true when the estimated Jaccard similarity of sig and probe is at least threshold (0..1); false for different k or shingle; inlined to sig % news.minhash_query(probe, threshold), so GIN indexable';

ALTER OPERATOR FAMILY news.minhash_ops USING gin ADD
	OPERATOR 2 news.% (news.minhash, news.minhash_query);
