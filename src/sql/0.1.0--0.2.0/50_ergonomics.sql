-- 50_ergonomics.sql: equality, order and hashing of every type, index
-- support for the function forms of the operators, text input that
-- accepts an article (install pieces 30_termvec.sql, 40_minhash.sql and
-- 60_equality.sql).

-- news.termvec's = of 0.1.0 gains HASHES and MERGES.  PostgreSQL 15's ALTER
-- OPERATOR cannot set them, and dropping the operator would drop every user
-- object that uses it, so the flags are set in the catalog.
UPDATE pg_catalog.pg_operator SET oprcanhash = true, oprcanmerge = true
WHERE oid = 'news.=(news.termvec,news.termvec)'::pg_catalog.regoperator;

-- the text input functions accept an article (news.termvec('some text'))
COMMENT ON FUNCTION news.termvec_in(pg_catalog.cstring) IS 'text input of news.termvec: {id:weight,...}, or any string not starting with { analysed as by news.termvec(text), so that news.termvec(''some text'') works';
COMMENT ON FUNCTION news.minhash_in(pg_catalog.cstring) IS 'text input of news.minhash: K:SHINGLE:HEX, or any string not starting with K:SHINGLE: signed as by news.minhash(text), so that news.minhash(''some text'') works';

-- SupportRequestIndexCondition for operator functions: f(column, value)
-- becomes column OP value when OP, of the index's operator family, runs f.
CREATE FUNCTION news.operator_support(pg_catalog.internal) RETURNS pg_catalog.internal
	AS 'MODULE_PATHNAME', 'news_operator_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.operator_support(pg_catalog.internal) IS 'planner support: a call of the function of an indexable operator becomes an index condition with the operator';

-- the function forms of the GIN-indexable operators of 0.1.0
ALTER FUNCTION news.termvec_eq(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_overlaps(news.termvec, news.termvec) SUPPORT news.operator_support;
ALTER FUNCTION news.termvec_matches(news.termvec, news.termquery) SUPPORT news.operator_support;

-- news.termvec: = means same term ids with the same weights; order: entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first
CREATE FUNCTION news.termvec_ne(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_ne(news.termvec, news.termvec) IS 'not equal (operator <>; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_lt(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_lt(news.termvec, news.termvec) IS 'less than (operator <; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_le(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_le(news.termvec, news.termvec) IS 'less than or equal (operator <=; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_gt(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_gt(news.termvec, news.termvec) IS 'greater than (operator >; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_ge(news.termvec, news.termvec) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termvec_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termvec_ge(news.termvec, news.termvec) IS 'greater than or equal (operator >=; see news.termvec_cmp)';
CREATE FUNCTION news.termvec_cmp(news.termvec, news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termvec_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_cmp(news.termvec, news.termvec) IS '-1, 0 or 1: the btree order of news.termvec (entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first; stored bytes break ties)';
CREATE FUNCTION news.termvec_hash(news.termvec) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termvec_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_hash(news.termvec) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.termvec_hash_extended(news.termvec, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_termvec_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termvec_hash_extended(news.termvec, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.<> (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.termvec, news.termvec) IS 'not equal in the order of news.termvec_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.termvec, news.termvec) IS 'less than in the order of news.termvec_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.termvec, news.termvec) IS 'less than or equal in the order of news.termvec_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.termvec, news.termvec) IS 'greater than in the order of news.termvec_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.termvec, RIGHTARG = news.termvec, FUNCTION = news.termvec_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.termvec, news.termvec) IS 'greater than or equal in the order of news.termvec_cmp';

CREATE OPERATOR CLASS news.termvec_ops
	DEFAULT FOR TYPE news.termvec USING btree AS
	OPERATOR 1 news.< (news.termvec, news.termvec),
	OPERATOR 2 news.<= (news.termvec, news.termvec),
	OPERATOR 3 news.= (news.termvec, news.termvec),
	OPERATOR 4 news.>= (news.termvec, news.termvec),
	OPERATOR 5 news.> (news.termvec, news.termvec),
	FUNCTION 1 news.termvec_cmp(news.termvec, news.termvec);
COMMENT ON OPERATOR CLASS news.termvec_ops USING btree IS 'btree order of news.termvec: entry by entry in id order: the smaller id, then the smaller weight, first; a prefix first';
COMMENT ON OPERATOR FAMILY news.termvec_ops USING btree IS 'btree operator family of news.termvec (see operator class news.termvec_ops)';

CREATE OPERATOR CLASS news.termvec_ops
	DEFAULT FOR TYPE news.termvec USING hash AS
	OPERATOR 1 news.= (news.termvec, news.termvec),
	FUNCTION 1 news.termvec_hash(news.termvec),
	FUNCTION 2 news.termvec_hash_extended(news.termvec, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.termvec_ops USING hash IS 'hash of the stored news.termvec value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.termvec_ops USING hash IS 'hash operator family of news.termvec (see operator class news.termvec_ops)';

-- news.termquery: = means same terms with the same weights and the same least number of shared terms; order: terms as news.termvec, then the least number of shared terms
CREATE FUNCTION news.termquery_eq(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_eq(news.termquery, news.termquery) IS 'equal (operator =; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_ne(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_ne(news.termquery, news.termquery) IS 'not equal (operator <>; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_lt(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_lt(news.termquery, news.termquery) IS 'less than (operator <; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_le(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_le(news.termquery, news.termquery) IS 'less than or equal (operator <=; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_gt(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_gt(news.termquery, news.termquery) IS 'greater than (operator >; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_ge(news.termquery, news.termquery) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_termquery_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.termquery_ge(news.termquery, news.termquery) IS 'greater than or equal (operator >=; see news.termquery_cmp)';
CREATE FUNCTION news.termquery_cmp(news.termquery, news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termquery_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_cmp(news.termquery, news.termquery) IS '-1, 0 or 1: the btree order of news.termquery (terms as news.termvec, then the least number of shared terms; stored bytes break ties)';
CREATE FUNCTION news.termquery_hash(news.termquery) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_termquery_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_hash(news.termquery) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.termquery_hash_extended(news.termquery, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_termquery_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.termquery_hash_extended(news.termquery, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.termquery, news.termquery) IS 'equal: same terms with the same weights and the same least number of shared terms';
CREATE OPERATOR news.<> (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.termquery, news.termquery) IS 'not equal in the order of news.termquery_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.termquery, news.termquery) IS 'less than in the order of news.termquery_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.termquery, news.termquery) IS 'less than or equal in the order of news.termquery_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.termquery, news.termquery) IS 'greater than in the order of news.termquery_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.termquery, RIGHTARG = news.termquery, FUNCTION = news.termquery_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.termquery, news.termquery) IS 'greater than or equal in the order of news.termquery_cmp';

CREATE OPERATOR CLASS news.termquery_ops
	DEFAULT FOR TYPE news.termquery USING btree AS
	OPERATOR 1 news.< (news.termquery, news.termquery),
	OPERATOR 2 news.<= (news.termquery, news.termquery),
	OPERATOR 3 news.= (news.termquery, news.termquery),
	OPERATOR 4 news.>= (news.termquery, news.termquery),
	OPERATOR 5 news.> (news.termquery, news.termquery),
	FUNCTION 1 news.termquery_cmp(news.termquery, news.termquery);
COMMENT ON OPERATOR CLASS news.termquery_ops USING btree IS 'btree order of news.termquery: terms as news.termvec, then the least number of shared terms';
COMMENT ON OPERATOR FAMILY news.termquery_ops USING btree IS 'btree operator family of news.termquery (see operator class news.termquery_ops)';

CREATE OPERATOR CLASS news.termquery_ops
	DEFAULT FOR TYPE news.termquery USING hash AS
	OPERATOR 1 news.= (news.termquery, news.termquery),
	FUNCTION 1 news.termquery_hash(news.termquery),
	FUNCTION 2 news.termquery_hash_extended(news.termquery, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.termquery_ops USING hash IS 'hash of the stored news.termquery value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.termquery_ops USING hash IS 'hash operator family of news.termquery (see operator class news.termquery_ops)';

-- news.corpus: = means same document count, total length and document frequencies; order: document count, total length, then (id, df) entries in id order
CREATE FUNCTION news.corpus_eq(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_eq(news.corpus, news.corpus) IS 'equal (operator =; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_ne(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_ne(news.corpus, news.corpus) IS 'not equal (operator <>; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_lt(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_lt(news.corpus, news.corpus) IS 'less than (operator <; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_le(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_le(news.corpus, news.corpus) IS 'less than or equal (operator <=; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_gt(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_gt(news.corpus, news.corpus) IS 'greater than (operator >; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_ge(news.corpus, news.corpus) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_corpus_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.corpus_ge(news.corpus, news.corpus) IS 'greater than or equal (operator >=; see news.corpus_cmp)';
CREATE FUNCTION news.corpus_cmp(news.corpus, news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_cmp(news.corpus, news.corpus) IS '-1, 0 or 1: the btree order of news.corpus (document count, total length, then (id, df) entries in id order; stored bytes break ties)';
CREATE FUNCTION news.corpus_hash(news.corpus) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_corpus_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_hash(news.corpus) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.corpus_hash_extended(news.corpus, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_corpus_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.corpus_hash_extended(news.corpus, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.corpus, news.corpus) IS 'equal: same document count, total length and document frequencies';
CREATE OPERATOR news.<> (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.corpus, news.corpus) IS 'not equal in the order of news.corpus_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.corpus, news.corpus) IS 'less than in the order of news.corpus_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.corpus, news.corpus) IS 'less than or equal in the order of news.corpus_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.corpus, news.corpus) IS 'greater than in the order of news.corpus_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.corpus, RIGHTARG = news.corpus, FUNCTION = news.corpus_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.corpus, news.corpus) IS 'greater than or equal in the order of news.corpus_cmp';

CREATE OPERATOR CLASS news.corpus_ops
	DEFAULT FOR TYPE news.corpus USING btree AS
	OPERATOR 1 news.< (news.corpus, news.corpus),
	OPERATOR 2 news.<= (news.corpus, news.corpus),
	OPERATOR 3 news.= (news.corpus, news.corpus),
	OPERATOR 4 news.>= (news.corpus, news.corpus),
	OPERATOR 5 news.> (news.corpus, news.corpus),
	FUNCTION 1 news.corpus_cmp(news.corpus, news.corpus);
COMMENT ON OPERATOR CLASS news.corpus_ops USING btree IS 'btree order of news.corpus: document count, total length, then (id, df) entries in id order';
COMMENT ON OPERATOR FAMILY news.corpus_ops USING btree IS 'btree operator family of news.corpus (see operator class news.corpus_ops)';

CREATE OPERATOR CLASS news.corpus_ops
	DEFAULT FOR TYPE news.corpus USING hash AS
	OPERATOR 1 news.= (news.corpus, news.corpus),
	FUNCTION 1 news.corpus_hash(news.corpus),
	FUNCTION 2 news.corpus_hash_extended(news.corpus, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.corpus_ops USING hash IS 'hash of the stored news.corpus value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.corpus_ops USING hash IS 'hash operator family of news.corpus (see operator class news.corpus_ops)';

-- news.minhash: = means same k, shingle size and slots; order: k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text)
CREATE FUNCTION news.minhash_eq(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_eq(news.minhash, news.minhash) IS 'equal (operator =; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_ne(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_ne(news.minhash, news.minhash) IS 'not equal (operator <>; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_lt(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_lt(news.minhash, news.minhash) IS 'less than (operator <; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_le(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_le(news.minhash, news.minhash) IS 'less than or equal (operator <=; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_gt(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_gt(news.minhash, news.minhash) IS 'greater than (operator >; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_ge(news.minhash, news.minhash) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_minhash_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.minhash_ge(news.minhash, news.minhash) IS 'greater than or equal (operator >=; see news.minhash_cmp)';
CREATE FUNCTION news.minhash_cmp(news.minhash, news.minhash) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_cmp(news.minhash, news.minhash) IS '-1, 0 or 1: the btree order of news.minhash (k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text); stored bytes break ties)';
CREATE FUNCTION news.minhash_hash(news.minhash) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_minhash_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_hash(news.minhash) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.minhash_hash_extended(news.minhash, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_minhash_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.minhash_hash_extended(news.minhash, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.minhash, news.minhash) IS 'equal: same k, shingle size and slots';
CREATE OPERATOR news.<> (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.minhash, news.minhash) IS 'not equal in the order of news.minhash_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.minhash, news.minhash) IS 'less than in the order of news.minhash_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.minhash, news.minhash) IS 'less than or equal in the order of news.minhash_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.minhash, news.minhash) IS 'greater than in the order of news.minhash_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.minhash, RIGHTARG = news.minhash, FUNCTION = news.minhash_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.minhash, news.minhash) IS 'greater than or equal in the order of news.minhash_cmp';

CREATE OPERATOR CLASS news.minhash_ops
	DEFAULT FOR TYPE news.minhash USING btree AS
	OPERATOR 1 news.< (news.minhash, news.minhash),
	OPERATOR 2 news.<= (news.minhash, news.minhash),
	OPERATOR 3 news.= (news.minhash, news.minhash),
	OPERATOR 4 news.>= (news.minhash, news.minhash),
	OPERATOR 5 news.> (news.minhash, news.minhash),
	FUNCTION 1 news.minhash_cmp(news.minhash, news.minhash);
COMMENT ON OPERATOR CLASS news.minhash_ops USING btree IS 'btree order of news.minhash: k, shingle size, then the slots as unsigned numbers (for equal k and shingle, the order of the hex text)';
COMMENT ON OPERATOR FAMILY news.minhash_ops USING btree IS 'btree operator family of news.minhash (see operator class news.minhash_ops)';

CREATE OPERATOR CLASS news.minhash_ops
	DEFAULT FOR TYPE news.minhash USING hash AS
	OPERATOR 1 news.= (news.minhash, news.minhash),
	FUNCTION 1 news.minhash_hash(news.minhash),
	FUNCTION 2 news.minhash_hash_extended(news.minhash, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.minhash_ops USING hash IS 'hash of the stored news.minhash value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.minhash_ops USING hash IS 'hash operator family of news.minhash (see operator class news.minhash_ops)';

-- news.clustering: = means same members in the same clusters; order: member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first
CREATE FUNCTION news.clustering_eq(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_eq(news.clustering, news.clustering) IS 'equal (operator =; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_ne(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_ne(news.clustering, news.clustering) IS 'not equal (operator <>; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_lt(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_lt(news.clustering, news.clustering) IS 'less than (operator <; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_le(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_le(news.clustering, news.clustering) IS 'less than or equal (operator <=; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_gt(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_gt(news.clustering, news.clustering) IS 'greater than (operator >; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_ge(news.clustering, news.clustering) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'news_clustering_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	SUPPORT news.operator_support;
COMMENT ON FUNCTION news.clustering_ge(news.clustering, news.clustering) IS 'greater than or equal (operator >=; see news.clustering_cmp)';
CREATE FUNCTION news.clustering_cmp(news.clustering, news.clustering) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_clustering_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_cmp(news.clustering, news.clustering) IS '-1, 0 or 1: the btree order of news.clustering (member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first; stored bytes break ties)';
CREATE FUNCTION news.clustering_hash(news.clustering) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'news_clustering_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_hash(news.clustering) IS 'hash of the stored value (hash operator class)';
CREATE FUNCTION news.clustering_hash_extended(news.clustering, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'news_clustering_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.clustering_hash_extended(news.clustering, pg_catalog.int8) IS '64-bit hash of the stored value with a seed (hash operator class)';

CREATE OPERATOR news.= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_eq,
	COMMUTATOR = OPERATOR(news.=), NEGATOR = OPERATOR(news.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR news.= (news.clustering, news.clustering) IS 'equal: same members in the same clusters';
CREATE OPERATOR news.<> (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_ne,
	COMMUTATOR = OPERATOR(news.<>), NEGATOR = OPERATOR(news.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR news.<> (news.clustering, news.clustering) IS 'not equal in the order of news.clustering_cmp';
CREATE OPERATOR news.< (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_lt,
	COMMUTATOR = OPERATOR(news.>), NEGATOR = OPERATOR(news.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR news.< (news.clustering, news.clustering) IS 'less than in the order of news.clustering_cmp';
CREATE OPERATOR news.<= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_le,
	COMMUTATOR = OPERATOR(news.>=), NEGATOR = OPERATOR(news.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR news.<= (news.clustering, news.clustering) IS 'less than or equal in the order of news.clustering_cmp';
CREATE OPERATOR news.> (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_gt,
	COMMUTATOR = OPERATOR(news.<), NEGATOR = OPERATOR(news.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR news.> (news.clustering, news.clustering) IS 'greater than in the order of news.clustering_cmp';
CREATE OPERATOR news.>= (
	LEFTARG = news.clustering, RIGHTARG = news.clustering, FUNCTION = news.clustering_ge,
	COMMUTATOR = OPERATOR(news.<=), NEGATOR = OPERATOR(news.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR news.>= (news.clustering, news.clustering) IS 'greater than or equal in the order of news.clustering_cmp';

CREATE OPERATOR CLASS news.clustering_ops
	DEFAULT FOR TYPE news.clustering USING btree AS
	OPERATOR 1 news.< (news.clustering, news.clustering),
	OPERATOR 2 news.<= (news.clustering, news.clustering),
	OPERATOR 3 news.= (news.clustering, news.clustering),
	OPERATOR 4 news.>= (news.clustering, news.clustering),
	OPERATOR 5 news.> (news.clustering, news.clustering),
	FUNCTION 1 news.clustering_cmp(news.clustering, news.clustering);
COMMENT ON OPERATOR CLASS news.clustering_ops USING btree IS 'btree order of news.clustering: member by member in id order: the smaller id, then the smaller cluster id, first; a prefix first';
COMMENT ON OPERATOR FAMILY news.clustering_ops USING btree IS 'btree operator family of news.clustering (see operator class news.clustering_ops)';

CREATE OPERATOR CLASS news.clustering_ops
	DEFAULT FOR TYPE news.clustering USING hash AS
	OPERATOR 1 news.= (news.clustering, news.clustering),
	FUNCTION 1 news.clustering_hash(news.clustering),
	FUNCTION 2 news.clustering_hash_extended(news.clustering, pg_catalog.int8);
COMMENT ON OPERATOR CLASS news.clustering_ops USING hash IS 'hash of the stored news.clustering value, for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY news.clustering_ops USING hash IS 'hash operator family of news.clustering (see operator class news.clustering_ops)';
