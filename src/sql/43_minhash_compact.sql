-- 43_minhash_compact.sql: news.minhash_compact_ops, a GIN operator class
-- for the % operators on news.minhash whose index stays a fraction of the
-- table at a million distinct articles (src/pg/minhash_gin.c): 16 bands of
-- 4 slots with each band hash folded to 22 bits, so that rows share keys
-- and GIN keeps compressed posting lists instead of one entry tuple per
-- band of every row.  news.minhash_ops takes the same parameter bits (32,
-- no folding, by default).  The upgrade repeats it
-- (news_analytics--0.1.0--0.2.0.sql, section neardup5).

CREATE FUNCTION news.minhash_gin_compact_options(pg_catalog.internal)
RETURNS pg_catalog.void
AS 'MODULE_PATHNAME', 'news_minhash_gin_compact_options'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION news.minhash_gin_compact_options(pg_catalog.internal) IS
'GIN support: operator class parameters of news.minhash_compact_ops, bands (default 16), rows (default 4) and bits (default 22)';

COMMENT ON FUNCTION news.minhash_gin_options(pg_catalog.internal) IS
'GIN support: operator class parameters of news.minhash_ops, bands (default 42), rows (default 3) and bits (default 32: band hashes kept whole)';

CREATE OPERATOR CLASS news.minhash_compact_ops
FOR TYPE news.minhash USING gin AS
	OPERATOR 1 news.% (news.minhash, news.minhash),
	OPERATOR 2 news.% (news.minhash, news.minhash_query),
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
	FUNCTION 7 news.minhash_gin_compact_options(pg_catalog.internal),
	STORAGE pg_catalog.int4;

COMMENT ON OPERATOR CLASS news.minhash_compact_ops USING gin IS
'compact LSH over news.minhash for the % operators: 16 band hashes of 4 slots folded to 22 bits (parameters bands, rows, bits), about a fifth of the table at 1M distinct articles; a candidate with probability 1 - (1 - J^4)^16 (0.9998 at Jaccard 0.8), rechecked on the signature';

COMMENT ON OPERATOR FAMILY news.minhash_compact_ops USING gin IS
'compact LSH over news.minhash band hashes (see operator class news.minhash_compact_ops)';

COMMENT ON OPERATOR CLASS news.minhash_ops USING gin IS
'LSH over news.minhash band hashes for the % operators (minhash % minhash at the setting''s threshold, minhash % minhash_query at the carried one); parameters bands, rows and bits; exact when the threshold exceeds 1 - bands/k; at a million distinct articles news.minhash_compact_ops is a fraction of its size';
