-- 61_minhash_query_order.sql: equality, order and hashing of
-- news.minhash_query (btree and hash operator classes), as every other type
-- of the extension has them (60_equality.sql): DISTINCT, GROUP BY, IN and
-- joins on query values.  The upgrade repeats it
-- (0.1.0--0.2.0/56_minhash_query_order.sql).

-- news.minhash_query: = means the same probe and threshold; order: the probes in the order of news.minhash, then the threshold
CREATE FUNCTION news.minhash_query_eq(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_eq(news.minhash_query, news.minhash_query) IS 'equal (operator =; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_ne(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_ne(news.minhash_query, news.minhash_query) IS 'not equal (operator <>; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_lt(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_lt(news.minhash_query, news.minhash_query) IS 'less than (operator <; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_le(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_le(news.minhash_query, news.minhash_query) IS 'less than or equal (operator <=; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_gt(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_gt(news.minhash_query, news.minhash_query) IS 'greater than (operator >; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_ge(news.minhash_query, news.minhash_query) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_query_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_query_ge(news.minhash_query, news.minhash_query) IS 'greater than or equal (operator >=; see news.minhash_query_cmp)';
CREATE FUNCTION news.minhash_query_cmp(news.minhash_query, news.minhash_query) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_query_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_cmp(news.minhash_query, news.minhash_query) IS '-1, 0 or 1: the btree order of news.minhash_query (the probes in the order of news.minhash_cmp, then the threshold; stored bytes break ties)';
CREATE FUNCTION news.minhash_query_hash(news.minhash_query) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_query_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_hash(news.minhash_query) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.minhash_query_hash_extended(news.minhash_query, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_minhash_query_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_query_hash_extended(news.minhash_query, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.minhash_query, news.minhash_query) IS 'equal: the same probe and threshold';
CREATE OPERATOR news.<> (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.minhash_query, news.minhash_query) IS 'not equal in the order of news.minhash_query_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.minhash_query, news.minhash_query) IS 'less than in the order of news.minhash_query_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.minhash_query, news.minhash_query) IS 'less than or equal in the order of news.minhash_query_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.minhash_query, news.minhash_query) IS 'greater than in the order of news.minhash_query_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.minhash_query, RIGHTARG = news.minhash_query, FUNCTION = news.minhash_query_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.minhash_query, news.minhash_query) IS 'greater than or equal in the order of news.minhash_query_cmp';

CREATE OPERATOR CLASS news.minhash_query_ops
	DEFAULT FOR TYPE news.minhash_query USING btree AS
	OPERATOR 1 news.< (news.minhash_query, news.minhash_query),
	OPERATOR 2 news.<= (news.minhash_query, news.minhash_query),
	OPERATOR 3 news.= (news.minhash_query, news.minhash_query),
	OPERATOR 4 news.>= (news.minhash_query, news.minhash_query),
	OPERATOR 5 news.> (news.minhash_query, news.minhash_query),
	FUNCTION 1 news.minhash_query_cmp(news.minhash_query, news.minhash_query);
COMMENT ON OPERATOR CLASS news.minhash_query_ops USING btree IS 'btree order of news.minhash_query: the probes in the order of news.minhash, then the threshold';
COMMENT ON OPERATOR FAMILY news.minhash_query_ops USING btree IS 'btree operator family of news.minhash_query (see operator class news.minhash_query_ops)';
