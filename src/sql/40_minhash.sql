
-- 40_minhash.sql: near-duplicate detection.  The news.minhash signature
-- type, Jaccard estimation, LSH band hashes, the % operator with its GIN
-- operator class, exact shingle Jaccard, SimHash and Hamming distance.

CREATE TYPE news.minhash;

CREATE FUNCTION news.minhash_in(pg_catalog.cstring)
RETURNS news.minhash
AS 'MODULE_PATHNAME', 'news_minhash_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_out(news.minhash)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'news_minhash_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_recv(pg_catalog.internal)
RETURNS news.minhash
AS 'MODULE_PATHNAME', 'news_minhash_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_send(news.minhash)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'news_minhash_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE news.minhash (
	INPUT = news.minhash_in,
	OUTPUT = news.minhash_out,
	RECEIVE = news.minhash_recv,
	SEND = news.minhash_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE news.minhash IS 'MinHash signature of a text''s word shingles: k 32-bit slots, with k and the shingle size; text form K:SHINGLE:HEX';
COMMENT ON FUNCTION news.minhash_in(pg_catalog.cstring) IS 'text input of news.minhash: K:SHINGLE:HEX, or any string not starting with K:SHINGLE: signed as by news.minhash(text), so that news.minhash(''some text'') works';
COMMENT ON FUNCTION news.minhash_out(news.minhash) IS 'text output of news.minhash (K:SHINGLE:HEX)';
COMMENT ON FUNCTION news.minhash_recv(pg_catalog.internal) IS 'binary input of news.minhash';
COMMENT ON FUNCTION news.minhash_send(news.minhash) IS 'binary output of news.minhash';

CREATE FUNCTION news.minhash(body pg_catalog.text, k pg_catalog.int4 DEFAULT 128,
							 shingle pg_catalog.int4 DEFAULT 5)
RETURNS news.minhash
AS 'MODULE_PATHNAME', 'news_minhash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
'MinHash signature (k slots, 1..1024) of the lower-cased word/number terms of body, over shingles of `shingle` consecutive terms (1..32)';

CREATE FUNCTION news.jaccard(a news.minhash, b news.minhash)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'news_jaccard'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.jaccard(news.minhash, news.minhash) IS
'estimated Jaccard similarity of two signatures (fraction of equal slots); 1 for two empty texts; error when k or shingle differ';

CREATE FUNCTION news.minhash_k(sig news.minhash)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'news_minhash_k'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_k(news.minhash) IS 'number of slots k of a signature';

CREATE FUNCTION news.minhash_shingle(sig news.minhash)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'news_minhash_shingle'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_shingle(news.minhash) IS 'shingle size (terms per shingle) of a signature';

CREATE FUNCTION news.lsh_bands(sig news.minhash, bands pg_catalog.int4, "rows" pg_catalog.int4)
RETURNS pg_catalog.int4[]
AS 'MODULE_PATHNAME', 'news_lsh_bands'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.lsh_bands(news.minhash, pg_catalog.int4, pg_catalog.int4) IS
'32-bit hashes of the first `bands` bands of `rows` slots each (bands * rows <= k), for LSH with a GIN index on int4[] and &&';

-- STABLE: the result depends on the setting news_analytics.minhash_threshold,
-- a per-session default (queries behind a pooler or on Citus carry their
-- threshold instead: news.minhash_query in 42_minhash_query.sql).
CREATE FUNCTION news.minhash_similar(a news.minhash, b news.minhash)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'news_minhash_similar'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_similar(news.minhash, news.minhash) IS
'true when the estimated Jaccard similarity is at least the session''s news_analytics.minhash_threshold (false for signatures with different k or shingle); news.similar(a, b, threshold) carries its threshold';

CREATE OPERATOR news.% (
	LEFTARG = news.minhash,
	RIGHTARG = news.minhash,
	FUNCTION = news.minhash_similar,
	COMMUTATOR = OPERATOR(news.%),
	RESTRICT = pg_catalog.contsel,
	JOIN = pg_catalog.contjoinsel
);

COMMENT ON OPERATOR news.% (news.minhash, news.minhash) IS
'estimated Jaccard similarity at least the session''s news_analytics.minhash_threshold, a per-session default; behind a connection pooler or on Citus use sig % news.minhash_query(probe, threshold)';

CREATE FUNCTION news.shingle_jaccard(a pg_catalog.text, b pg_catalog.text,
									 shingle pg_catalog.int4 DEFAULT 5)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'news_shingle_jaccard'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.shingle_jaccard(pg_catalog.text, pg_catalog.text, pg_catalog.int4) IS
'exact Jaccard similarity of the two texts'' sets of shingles (64-bit hashed); 1 when both have no terms';

CREATE FUNCTION news.simhash(body pg_catalog.text)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'news_simhash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.simhash(pg_catalog.text) IS
'64-bit SimHash of the lower-cased word/number terms of body, weighted by term frequency (0 for a text without terms)';

CREATE FUNCTION news.hamming(a pg_catalog.int8, b pg_catalog.int8)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'news_hamming'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.hamming(pg_catalog.int8, pg_catalog.int8) IS
'number of differing bits of two 64-bit values (SimHash distance)';

-- GIN operator class: LSH band hashes as keys, % rechecked on the heap.
CREATE FUNCTION news.minhash_gin_extract_value(news.minhash, pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.internal
AS 'MODULE_PATHNAME', 'news_minhash_gin_extract_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STABLE: for "minhash % minhash" it reads news_analytics.minhash_threshold.
CREATE FUNCTION news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2,
											   pg_catalog.internal, pg_catalog.internal,
											   pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.internal
AS 'MODULE_PATHNAME', 'news_minhash_gin_extract_query'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
											pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
											pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'news_minhash_gin_consistent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_gin_tri_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
												pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
												pg_catalog.internal)
RETURNS pg_catalog.char
AS 'MODULE_PATHNAME', 'news_minhash_gin_tri_consistent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION news.minhash_gin_options(pg_catalog.internal)
RETURNS pg_catalog.void
AS 'MODULE_PATHNAME', 'news_minhash_gin_options'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_gin_extract_value(news.minhash, pg_catalog.internal, pg_catalog.internal) IS
'GIN support: band hashes of an indexed signature';
COMMENT ON FUNCTION news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS
'GIN support: band hashes of a query signature, as many as the threshold needs (the setting''s for minhash % minhash, the carried one for minhash % minhash_query)';
COMMENT ON FUNCTION news.minhash_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS
'GIN support: a row is a candidate when one band matches (rechecked)';
COMMENT ON FUNCTION news.minhash_gin_tri_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash, pg_catalog.int4, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS
'GIN support: ternary form of news.minhash_gin_consistent';
COMMENT ON FUNCTION news.minhash_gin_options(pg_catalog.internal) IS
'GIN support: operator class parameters bands (default 42) and rows (default 3)';

CREATE OPERATOR CLASS news.minhash_ops
DEFAULT FOR TYPE news.minhash USING gin AS
	OPERATOR 1 news.% (news.minhash, news.minhash),
	FUNCTION 1 pg_catalog.btint4cmp(pg_catalog.int4, pg_catalog.int4),
	FUNCTION 2 news.minhash_gin_extract_value(news.minhash, pg_catalog.internal, pg_catalog.internal),
	FUNCTION 3 news.minhash_gin_extract_query(news.minhash, pg_catalog.internal, pg_catalog.int2,
											  pg_catalog.internal, pg_catalog.internal,
											  pg_catalog.internal, pg_catalog.internal),
	FUNCTION 4 news.minhash_gin_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
										   pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
										   pg_catalog.internal, pg_catalog.internal),
	FUNCTION 6 news.minhash_gin_tri_consistent(pg_catalog.internal, pg_catalog.int2, news.minhash,
											   pg_catalog.int4, pg_catalog.internal, pg_catalog.internal,
											   pg_catalog.internal),
	FUNCTION 7 news.minhash_gin_options(pg_catalog.internal),
	STORAGE pg_catalog.int4;

COMMENT ON OPERATOR CLASS news.minhash_ops USING gin IS
'LSH over news.minhash band hashes for the % operators (minhash % minhash at the setting''s threshold, minhash % minhash_query at the carried one); parameters bands and rows; exact when the threshold exceeds 1 - bands/k';

COMMENT ON OPERATOR FAMILY news.minhash_ops USING gin IS
'LSH over news.minhash band hashes (see operator class news.minhash_ops)';
