-- termvec: term vectors, corpus statistics, tf-idf, BM25, cosine, GIN.
SET search_path = public, news;
SET extra_float_digits = 0;

-- text I/O: any id order, white space, zero weights dropped; canonical output
SELECT '{5:1, 2:0.5 ,4294967295:-2, 7:0}'::news.termvec;
SELECT '{}'::news.termvec, ' { } '::news.termvec;
SELECT '{1:0.1,2:3e-3,3:123456.7}'::news.termvec;

-- malformed literals
SELECT '{1:2,1:3}'::news.termvec;
SELECT '{4294967296:1}'::news.termvec;
SELECT '{-1:1}'::news.termvec;
SELECT '{1:NaN}'::news.termvec;
SELECT '{1:Infinity}'::news.termvec;
SELECT '{1:1e39}'::news.termvec;
SELECT '{1:1'::news.termvec;
SELECT '{1:1}x'::news.termvec;
SELECT ''::news.termvec, 'oil'::news.termvec; -- texts, not literals
SELECT '{1:1,}'::news.termvec;
SELECT '{1 1}'::news.termvec;
SELECT '{a:1}'::news.termvec;

-- binary send/receive: a COPY (FORMAT binary) round trip through a file
CREATE TABLE tv_bin (tv news.termvec, c news.corpus);
INSERT INTO tv_bin VALUES ('{3:1.5,9:-2,4294967295:0.25}', 'docs=3 length=7.5 {1:1,9:3}'), ('{}', 'docs=0 length=0 {}');
SELECT news.termvec_send('{3:1.5}');
DO $$
BEGIN
	EXECUTE pg_catalog.format('COPY tv_bin TO %L (FORMAT binary)',
							  '/tmp/news_analytics_termvec_' || pg_backend_pid() || '.bin');
END
$$;
CREATE TABLE tv_bin2 (LIKE tv_bin);
DO $$
DECLARE
	f text := '/tmp/news_analytics_termvec_' || pg_backend_pid() || '.bin';
BEGIN
	EXECUTE pg_catalog.format('COPY tv_bin2 FROM PROGRAM %L (FORMAT binary)',
							  'cat ' || f || ' && rm -f ' || f);
END
$$;
SELECT tv, c FROM tv_bin2;
DROP TABLE tv_bin, tv_bin2;
-- malformed binary input: a COPY (FORMAT binary) stream of one row with one
-- field holding the given bytes, fed to the server through printf
CREATE FUNCTION pg_temp.to_oct(n int) RETURNS text LANGUAGE sql AS $$
	SELECT ((n >> 6) & 7)::text || ((n >> 3) & 7)::text || (n & 7)::text
$$;
CREATE FUNCTION pg_temp.copy_binary(tbl text, field bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	stream bytea := '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
		|| '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea;
	octal text := '';
BEGIN
	FOR i IN 0 .. length(stream) - 1 LOOP
		octal := octal || '\' || pg_temp.to_oct(get_byte(stream, i));
	END LOOP;
	EXECUTE format('COPY %s FROM PROGRAM %L (FORMAT binary)', tbl, 'printf ''' || octal || '''');
END
$$;
CREATE TABLE tv_binbad (tv news.termvec);
CREATE TABLE tv_binbad_c (c news.corpus);
-- a valid one first: version 1, flags 0, 1 entry, id 3, weight 1.5
SELECT pg_temp.copy_binary('tv_binbad', '\x0001000000000001000000033fc00000');
SELECT * FROM tv_binbad;
-- version 2; flags set; 5 entries announced, none sent; ids out of order;
-- a zero weight; a NaN weight
\set VERBOSITY terse
SELECT pg_temp.copy_binary('tv_binbad', '\x0002000000000000');
SELECT pg_temp.copy_binary('tv_binbad', '\x0001000100000000');
SELECT pg_temp.copy_binary('tv_binbad', '\x0001000000000005');
SELECT pg_temp.copy_binary('tv_binbad', '\x0001000000000002000000093f800000000000033f800000');
SELECT pg_temp.copy_binary('tv_binbad', '\x00010000000000010000000300000000');
SELECT pg_temp.copy_binary('tv_binbad', '\x0001000000000001000000037fc00000');
-- corpus: df above the document count; a negative document count
SELECT pg_temp.copy_binary('tv_binbad_c', '\x000100000000000100000000000000013ff0000000000000000000070000000000000002');
SELECT pg_temp.copy_binary('tv_binbad_c', '\x0001000000000000ffffffffffffffff3ff0000000000000');
-- and a valid one: 1 document of length 1 with term 7
SELECT pg_temp.copy_binary('tv_binbad_c', '\x000100000000000100000000000000013ff0000000000000000000070000000000000001');
\set VERBOSITY default
SELECT * FROM tv_binbad_c;
DROP TABLE tv_binbad, tv_binbad_c;

-- from text: the index terms news.tokenize emits ("the" is a stopword,
-- "prices"/"price" stem alike, "rose"/"rising" are different stems)
SELECT news.termvec('The oil price rose; oil prices rising!'::text);
SELECT term_id, weight FROM news.termvec_entries(news.termvec('The oil price rose; oil prices rising!'::text))
ORDER BY term_id;
SELECT news.term_id('oil') AS oil, news.term_id('price') AS price,
	   news.term_id('rise') AS rise, news.term_id('rose') AS rose;
-- the same with an explicit configuration; "simple" keeps stopwords and does
-- not stem
SELECT news.termvec('The oil price rose', 'english') = news.termvec('The oil price rose'::text);
SELECT news.nnz(news.termvec('The oil prices', 'simple')),
	   news.termvec('The oil prices', 'simple') && ('{' || news.term_id('prices') || ':1}')::news.termvec;
-- a one-argument call with an untyped literal is a cast to news.termvec,
-- as for any function named like its type: a string that does not start
-- with { is analysed as the function does it
SELECT news.termvec('oil'), news.termvec('Oil prices') = news.termvec('Oil prices'::text);
SELECT news.termvec('oil'::text) = ('{' || news.term_id('oil') || ':1}')::news.termvec;
-- empty, stopwords only, unknown configuration, NULL
SELECT news.termvec(''::text), news.termvec('the of and'::text);
SELECT news.termvec('oil', 'klingon');
SELECT news.termvec(NULL::text) IS NULL AS null_body, news.termvec('oil', NULL) IS NULL AS null_config;
-- invalid UTF-8 cannot reach a UTF8 database; huge input: 100 MB of one word
SELECT news.termvec(repeat('oil ', 25000000)) = ('{' || news.term_id('oil') || ':25000000}')::news.termvec;

-- arrays
SELECT news.termvec(ARRAY[9, 3, 5]::int8[], ARRAY[1, 2, 0]::float4[]);
SELECT news.termvec(ARRAY[1, 2]::int8[], ARRAY[1]::float4[]);
SELECT news.termvec(ARRAY[1, 1]::int8[], ARRAY[1, 2]::float4[]);
SELECT news.termvec(ARRAY[-1]::int8[], ARRAY[1]::float4[]);
SELECT news.termvec(ARRAY[1, NULL]::int8[], ARRAY[1, 2]::float4[]);
SELECT news.termvec('{}'::int8[], '{}'::float4[]);

-- vector math, checked by hand: a = (1,2,2) on ids 1,2,3, |a| = 3;
-- b = (3,4) on ids 2,4, |b| = 5; a.b = 2*3 = 6; cosine = 6/15 = 0.4
SELECT news.norm('{1:1,2:2,3:2}'), news.norm('{}');
SELECT news.cosine('{1:1,2:2,3:2}', '{2:3,4:4}') AS cosine,
	   '{1:1,2:2,3:2}'::news.termvec <=> '{2:3,4:4}' AS distance,
	   news.shared_terms('{1:1,2:2,3:2}', '{2:3,4:4}') AS shared;
SELECT news.cosine('{1:1,2:2}', '{1:2,2:4}') AS parallel,
	   news.cosine('{1:1}', '{2:1}') AS orthogonal,
	   news.cosine('{1:1}', '{1:-1}') AS opposite,
	   news.cosine('{1:1}', '{}') AS with_empty;
SELECT '{1:1,2:1}'::news.termvec && '{2:5}' AS shares, '{1:1}'::news.termvec && '{2:5}' AS disjoint,
	   '{1:1}'::news.termvec && '{}' AS with_empty;
SELECT news.top_terms('{1:1,2:2,3:2,4:0.5}', 2), news.top_terms('{1:1,2:2,3:2}', 1),
	   news.top_terms('{1:1}', 5), news.top_terms('{1:1}', 0);
SELECT news.top_terms('{1:1}', -1);

-- corpus statistics: two documents d1 = {10:2,20:1}, d2 = {20:1,30:1};
-- NULL vectors are skipped; length = 3 + 2
CREATE TABLE tv_docs (id int PRIMARY KEY, tv news.termvec);
INSERT INTO tv_docs VALUES (1, '{10:2,20:1}'), (2, '{20:1,30:1}'), (3, NULL);
SELECT news.corpus_stats(tv) FROM tv_docs;
SELECT news.corpus_stats(tv) FROM tv_docs WHERE false;
CREATE TABLE tv_stats AS SELECT news.corpus_stats(tv) AS c FROM tv_docs;
SELECT news.corpus_docs(c), news.corpus_terms(c), news.corpus_avg_length(c),
	   news.corpus_df(c, 20), news.corpus_df(c, 99), news.corpus_df(c, -1)
FROM tv_stats;
SELECT news.corpus_avg_length('docs=0 length=0 {}');

-- tf-idf by hand with N = 2:
-- d1: w10 = (1 + ln 2) * (ln(3/2) + 1) = 1.693147 * 1.405465 = 2.379659,
--     w20 = 1 * (ln(3/3) + 1) = 1; norm 2.581236 -> 0.921907, 0.387411
-- d2: w20 = 1, w30 = 1.405465; norm 1.724915 -> 0.579739, 0.814802
SELECT id, news.tfidf(tv, (SELECT c FROM tv_stats)) FROM tv_docs ORDER BY id;
SELECT round(news.norm(news.tfidf(tv, (SELECT c FROM tv_stats)))::numeric, 6) FROM tv_docs WHERE id = 1;
SELECT news.tfidf('{}', (SELECT c FROM tv_stats));
-- a term unknown to the corpus gets the largest idf ln(3/1) + 1 = 2.098612:
-- (1, 2.098612) / 2.324683 -> 0.430165, 0.902750
SELECT news.tfidf('{20:1,77:1}', (SELECT c FROM tv_stats));

-- BM25 by hand for query {10:1} against d1 (k1 1.2, b 0.75): avgdl 2.5, dl 3,
-- K = 1.2 * (0.25 + 0.75 * 3/2.5) = 1.38; idf = ln(1 + 1.5/1.5) = ln 2;
-- score = ln 2 * 2 * 2.2 / (2 + 1.38) = 0.902322
SELECT id, round(news.bm25('{10:1}', tv, (SELECT c FROM tv_stats))::numeric, 6)
FROM tv_docs ORDER BY id;
-- b = 0 removes length normalization: ln 2 * 4.4 / 3.2 = 0.953077
SELECT round(news.bm25('{10:1}', '{10:2,20:1}', c, 1.2, 0)::numeric, 6) FROM tv_stats;
SELECT news.bm25('{10:1}', '{10:2}', c, -1) FROM tv_stats;
SELECT news.bm25('{10:1}', '{10:2}', c, 1.2, 1.5) FROM tv_stats;
SELECT news.bm25('{10:1}', '{10:2}', c, 'NaN', 0.5) FROM tv_stats;
SELECT news.bm25('{10:1}', '{10:2}', NULL) IS NULL;

-- corpus text I/O and validation
SELECT 'docs=3 length=7.5 {9:3, 1:1}'::news.corpus;
SELECT 'docs=1 length=1 {9:2}'::news.corpus;
SELECT 'docs=1 length=1 {9:0}'::news.corpus;
SELECT 'docs=1 length=-1 {}'::news.corpus;
SELECT 'docs=1 {}'::news.corpus;
SELECT 'docs=1 length=1 {1:1.5}'::news.corpus;
SELECT 'docs=1 length=1 {1:1,1:1}'::news.corpus;
SELECT 'docs=-1 length=1 {}'::news.corpus;
SELECT 'docs=1 length=1 {}x'::news.corpus;

-- merging: function, operator, aggregate over corpus values; merging the
-- statistics of two halves equals the statistics of the whole
SELECT news.corpus_merge('docs=3 length=7.5 {1:1,9:3}', 'docs=1 length=1 {1:1,5:1}');
SELECT 'docs=3 length=7.5 {1:1,9:3}'::news.corpus + 'docs=0 length=0 {}';
SELECT news.corpus_stats(c) FROM (VALUES ('docs=3 length=7.5 {1:1,9:3}'::news.corpus),
	('docs=1 length=1 {1:1,5:1}'), (NULL)) v(c);
SELECT ((SELECT news.corpus_stats(tv) FROM tv_docs WHERE id = 1)
	  + (SELECT news.corpus_stats(tv) FROM tv_docs WHERE id <> 1))::text
	 = (SELECT news.corpus_stats(tv) FROM tv_docs)::text AS halves_equal_whole;
-- overflowing counts and lengths are errors, not wrapped or infinite values
SELECT 'docs=9223372036854775807 length=1 {}'::news.corpus + 'docs=1 length=1 {}';
SELECT 'docs=1 length=1e308 {}'::news.corpus + 'docs=1 length=1e308 {}';
SELECT news.corpus_stats(c) FROM (VALUES ('docs=1 length=1e308 {}'::news.corpus), ('docs=1 length=1e308 {}')) v(c);
SELECT 'docs=1 length=1e309 {}'::news.corpus;
-- incremental update of stored statistics as new articles arrive
INSERT INTO tv_docs VALUES (4, '{30:3,40:1}');
UPDATE tv_stats SET c = c + (SELECT news.corpus_stats(tv) FROM tv_docs WHERE id = 4);
SELECT c, c::text = (SELECT news.corpus_stats(tv) FROM tv_docs)::text AS same_as_recount FROM tv_stats;

-- pruning: df >= 2 keeps 20 and 30; max_terms 1 keeps the most frequent
SELECT news.corpus_prune(c), news.corpus_prune(c, 1, 1), news.corpus_prune(c, 1, 0) FROM tv_stats;
SELECT news.corpus_prune(c, 1, -1) FROM tv_stats;

-- as a window function (the frame restarts, so the in-place state is rebuilt)
-- and per group
SELECT id, news.corpus_stats(tv) OVER (ORDER BY id) AS running,
	   news.corpus_stats(tv) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last_two
FROM (VALUES (1, '{1:1}'::news.termvec), (2, '{1:1,2:1}'), (3, '{3:2}')) v(id, tv);
SELECT g % 2 AS odd, news.corpus_stats(tv)
FROM (VALUES (1, '{1:1}'::news.termvec), (2, '{1:1,2:1}'), (3, '{3:2}')) v(g, tv)
GROUP BY 1 ORDER BY 1;

-- many groups under a small work_mem: the hash aggregate spills to disk
-- (21 batches when this was written) with expanded states in memory;
-- 5000 groups of 4 documents, each with its own id and the group's id
SET work_mem = '64kB';
SET enable_sort = off;
SELECT count(*) AS groups, sum(news.corpus_docs(c)) AS docs, min(news.corpus_terms(c)) AS min_terms,
	   max(news.corpus_terms(c)) AS max_terms
FROM (SELECT g % 5000 AS k, news.corpus_stats(('{' || g || ':1,' || 1000000 + g % 5000 || ':1}')::news.termvec) AS c
	  FROM generate_series(1, 20000) g GROUP BY 1) s;
RESET enable_sort;
RESET work_mem;

-- the aggregate state is not internal, and the aggregate runs in parallel
SELECT a.aggtranstype::regtype, a.aggcombinefn, p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname = 'corpus_stats' ORDER BY 1::text;
CREATE TABLE tv_many AS
	SELECT g AS id, ('{' || g % 100 || ':1,' || 1000 + g % 7 || ':2}')::news.termvec AS tv
	FROM generate_series(1, 20000) g;
ANALYZE tv_many;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT news.corpus_stats(tv) FROM tv_many;
-- 20000 docs of length 3 (weights 1 + 2); ids 0..99 in 200 docs each;
-- 1000 + r in 2857 docs (r = 1: 2858), 100 + 7 = 107 terms
SELECT news.corpus_docs(c), news.corpus_terms(c),
	   news.corpus_df(c, 0), news.corpus_df(c, 1000), news.corpus_df(c, 1006)
FROM (SELECT news.corpus_stats(tv) AS c FROM tv_many) s;
SELECT news.corpus_avg_length(news.corpus_stats(tv)) FROM tv_many;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- statistics stored out of line (100,000 terms, compressed to more than the
-- 2 kB a row keeps inline, so TOASTed): functions cache the detoasted value
-- per query; the results equal those from an in-memory copy.  Term id k has
-- df k % 1000 + 1, so every id of tv_many but 0 is known.
CREATE TABLE tv_bigstats AS
	SELECT ('docs=1000 length=100000 {' || string_agg(g || ':' || (g % 1000 + 1), ',') || '}')::news.corpus AS c
	FROM generate_series(1, 100000) g;
SELECT pg_column_size(c) > 2048 AND pg_column_size(c) < 100000 * 12 AS toasted_compressed,
	   news.corpus_terms(c), news.corpus_df(c, 0), news.corpus_df(c, 5), news.corpus_df(c, 1003)
FROM tv_bigstats;
SELECT count(*) AS differences FROM tv_many
WHERE news.tfidf(tv, (SELECT c FROM tv_bigstats))::text
	  <> news.tfidf(tv, (SELECT c::text::news.corpus FROM tv_bigstats))::text
   OR news.bm25(tv, tv, (SELECT c FROM tv_bigstats)) <> news.bm25(tv, tv, (SELECT c::text::news.corpus FROM tv_bigstats));
-- by hand for {5:1,1003:2}: idf(5) = ln(1001/7) + 1 = 5.962844,
-- idf(1003) = ln(1001/5) + 1 = 6.299317; weights 5.962844 and
-- (1 + ln 2) * 6.299317 = 10.665671; norm 12.219331 -> 0.487985, 0.872852
SELECT news.tfidf('{5:1,1003:2}', c) FROM tv_bigstats;
DROP TABLE tv_bigstats;

-- GIN index: && uses it, and returns the same rows as a scan
CREATE INDEX tv_many_gin ON tv_many USING gin (tv);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM tv_many WHERE tv && '{5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv && '{5:1}';
-- 200 + 2857 - 28 (g = 5 mod 100 and 3 mod 7: one in 700, 28 of them)
SELECT count(*) FROM tv_many WHERE tv && '{5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv && '{}';
SELECT count(*) FROM tv_many WHERE tv && '{424242:1}';
RESET enable_seqscan;
SELECT count(*) FROM tv_many WHERE tv && '{5:1,1003:1}';

-- term queries: the heaviest terms and how many a candidate must share
-- (a probe with fewer terms than min_shared asks for all of them)
SELECT news.mlt_query('{1:1,2:2,3:2,4:0.5}', 3, 2), news.mlt_query('{1:1}'), news.mlt_query('{}');
SELECT '2 of {5:1,1003:1}'::news.termquery, ' 1 of {}'::news.termquery;
SELECT news.min_shared('3 of {1:1}'), news.query_terms('3 of {1:1,2:2}');
SELECT '0 of {1:1}'::news.termquery;
SELECT '{1:1}'::news.termquery;
SELECT '2 of {1:1'::news.termquery;
SELECT '70000 of {1:1}'::news.termquery;
SELECT news.mlt_query('{1:1}', 3, 0);
SELECT news.mlt_query('{1:1}', -3, 1);
-- % by hand: {1,2,3} shares 2 ids with {2,3,9}
SELECT '{1:1,2:1,3:1}'::news.termvec % '2 of {2:1,3:1,9:1}' AS two_shared,
	   '{1:1,2:1,3:1}'::news.termvec % '3 of {2:1,3:1,9:1}' AS three_shared,
	   '{1:1}'::news.termvec % '1 of {}' AS empty_query;
-- through the index: both terms in 28 rows; 3 of 2 terms matches nothing;
-- 2 of {5, 6, 1003}: 28 + 29 (g = 6 mod 100 and 3 mod 7: 206, 906, ..., 19806)
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM tv_many WHERE tv % '2 of {5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv % '2 of {5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv % '1 of {5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv % '3 of {5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv % '2 of {5:1,6:1,1003:1}';
RESET enable_seqscan;
SELECT count(*) FROM tv_many WHERE tv % '2 of {5:1,1003:1}';
SELECT count(*) FROM tv_many WHERE tv % '2 of {5:1,6:1,1003:1}';

-- more like this through the helper (index path inside): the exact copies
-- of the probe (g = 5 mod 100, 3 mod 7: 5 + 600 = 605, 1305, 2005) first
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1,1003:2}', 3, 2);
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1,1003:2}', 3, 2, 1);
-- every parameter is checked and named in the error (22023)
SELECT * FROM news.more_like_this(0, 'id', 'tv', '{5:1}');
SELECT * FROM news.more_like_this('tv_many_gin', 'id', 'tv', '{5:1}');
SELECT * FROM news.more_like_this('tv_many', 'nope', 'tv', '{5:1}');
SELECT * FROM news.more_like_this('tv_many', 'id', 'nope', '{5:1}');
SELECT * FROM news.more_like_this('tv_many', 'id', 'id', '{5:1}');
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1}', -1);
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1}', 3, 0);
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1}', 3, 2, 0);
SELECT * FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1}', 3, 2, 65536);
SELECT count(*) FROM news.more_like_this('tv_many', 'id', 'tv', '{5:1}', 0);

-- NULL arguments of strict functions
SELECT news.cosine(NULL, '{1:1}') IS NULL, news.tfidf('{1:1}', NULL) IS NULL,
	   news.top_terms(NULL, 3) IS NULL, news.corpus_merge(NULL, 'docs=0 length=0 {}') IS NULL;

-- every function is commented and parallel safe or restricted
SELECT p.proname FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace
  AND (p.proname LIKE '%termvec%' OR p.proname LIKE '%corpus%' OR p.proname IN ('tfidf', 'bm25', 'cosine', 'more_like_this'))
  AND (obj_description(p.oid, 'pg_proc') IS NULL OR p.proparallel = 'u')
ORDER BY 1;

DROP TABLE tv_docs, tv_stats, tv_many;
