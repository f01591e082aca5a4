-- equality: = and the btree and hash operator classes of every type
-- (news.termvec, news.termquery, news.corpus, news.minhash,
-- news.clustering): DISTINCT, GROUP BY, UNION, IN, ORDER BY, merge and hash
-- joins, indexes; the function forms of the operators, which need no
-- search_path and use the same indexes; the constructors with untyped
-- literals.  This file does not put news on the search_path.
SET extra_float_digits = 0;

CREATE TABLE eq_docs (id int, body text);
INSERT INTO eq_docs VALUES
	(1, 'Oil prices rose sharply on Tuesday after the pipeline closed.'),
	(2, 'Oil prices rose sharply on Tuesday after the pipeline closed.'),
	(3, 'The central bank kept interest rates unchanged on Wednesday.'),
	(4, 'Striking dock workers shut the port for a third day.'),
	(5, 'The central bank kept interest rates unchanged on Wednesday.');
-- every type, computed from the bodies: rows 1 and 2, 3 and 5 are equal
CREATE TABLE eq_vals AS
SELECT d.id, news.termvec(d.body) AS tv, news.mlt_query(news.termvec(d.body), 3, 2) AS q,
	   news.corpus_stats(news.termvec(d.body)) OVER (PARTITION BY d.body) AS c,
	   news.minhash(d.body, 8, 2) AS sig,
	   news.clusters(d.id % 3, d.id % 3 + 1) OVER (PARTITION BY d.body) AS cl
FROM eq_docs d;

-- the text forms of equal values are equal, and = agrees
SELECT a.id, b.id,
	   a.tv OPERATOR(news.=) b.tv AS tv, a.q OPERATOR(news.=) b.q AS q,
	   a.c OPERATOR(news.=) b.c AS c, a.sig OPERATOR(news.=) b.sig AS sig,
	   a.cl OPERATOR(news.=) b.cl AS cl,
	   (a.tv::text, a.q::text, a.c::text, a.sig::text, a.cl::text) =
	   (b.tv::text, b.q::text, b.c::text, b.sig::text, b.cl::text) AS same_text
FROM eq_vals a JOIN eq_vals b ON a.id < b.id ORDER BY a.id, b.id;
-- <> is the negation of =
SELECT count(*) FILTER (WHERE (a.tv OPERATOR(news.<>) b.tv) = (a.tv OPERATOR(news.=) b.tv)) AS tv,
	   count(*) FILTER (WHERE (a.q OPERATOR(news.<>) b.q) = (a.q OPERATOR(news.=) b.q)) AS q,
	   count(*) FILTER (WHERE (a.c OPERATOR(news.<>) b.c) = (a.c OPERATOR(news.=) b.c)) AS c,
	   count(*) FILTER (WHERE (a.sig OPERATOR(news.<>) b.sig) = (a.sig OPERATOR(news.=) b.sig)) AS sig,
	   count(*) FILTER (WHERE (a.cl OPERATOR(news.<>) b.cl) = (a.cl OPERATOR(news.=) b.cl)) AS cl
FROM eq_vals a, eq_vals b;

-- DISTINCT, GROUP BY and UNION use the default operator classes, without
-- the search_path: three distinct bodies, three distinct values of each
SELECT count(DISTINCT tv) AS tv, count(DISTINCT q) AS q, count(DISTINCT c) AS c,
	   count(DISTINCT sig) AS sig, count(DISTINCT cl) AS cl
FROM eq_vals;
SELECT tv, count(*), min(id) FROM eq_vals GROUP BY tv ORDER BY min(id);
SELECT sig, q, count(*) FROM eq_vals GROUP BY sig, q ORDER BY 3, 1;
SELECT c FROM eq_vals WHERE id <= 2 UNION SELECT c FROM eq_vals WHERE id >= 2 ORDER BY 1;
SELECT cl FROM eq_vals UNION SELECT cl FROM eq_vals ORDER BY 1;
SELECT count(*) FROM (SELECT tv, q, c, sig, cl FROM eq_vals
					  INTERSECT SELECT tv, q, c, sig, cl FROM eq_vals WHERE id IN (1, 3)) s;

-- by sorting and by hashing: the same groups
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT DISTINCT tv, q, c, sig, cl FROM eq_vals;
SELECT count(*) FROM (SELECT DISTINCT tv, q, c, sig, cl FROM eq_vals) s;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT tv, q, c, sig, cl, count(*) FROM eq_vals GROUP BY tv, q, c, sig, cl;
SELECT count(*) FROM (SELECT tv, q, c, sig, cl, count(*) FROM eq_vals GROUP BY tv, q, c, sig, cl) s;
RESET enable_sort;

-- IN looks = up by name: with OPERATOR(news.=) ANY, or news on the search_path
SELECT id FROM eq_vals WHERE tv OPERATOR(news.=) ANY (SELECT tv FROM eq_vals WHERE id = 3) ORDER BY id;
SET search_path = public, news;
SELECT id FROM eq_vals WHERE sig IN (SELECT sig FROM eq_vals WHERE id = 1) ORDER BY id;
SELECT id FROM eq_vals WHERE (q, c, cl) IN (SELECT q, c, cl FROM eq_vals WHERE id = 4) ORDER BY id;
RESET search_path;

-- hash join and merge join on each type
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM eq_vals a JOIN eq_vals b ON a.tv OPERATOR(news.=) b.tv;
SELECT a.id, b.id FROM eq_vals a JOIN eq_vals b ON a.tv OPERATOR(news.=) b.tv ORDER BY 1, 2;
SELECT count(*) AS q FROM eq_vals a JOIN eq_vals b ON a.q OPERATOR(news.=) b.q;
SELECT count(*) AS c FROM eq_vals a JOIN eq_vals b ON a.c OPERATOR(news.=) b.c;
SELECT count(*) AS sig FROM eq_vals a JOIN eq_vals b ON a.sig OPERATOR(news.=) b.sig;
SELECT count(*) AS cl FROM eq_vals a JOIN eq_vals b ON a.cl OPERATOR(news.=) b.cl;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM eq_vals a JOIN eq_vals b ON a.sig OPERATOR(news.=) b.sig;
SELECT a.id, b.id FROM eq_vals a JOIN eq_vals b ON a.sig OPERATOR(news.=) b.sig ORDER BY 1, 2;
SELECT count(*) AS tv FROM eq_vals a JOIN eq_vals b ON a.tv OPERATOR(news.=) b.tv;
SELECT count(*) AS q FROM eq_vals a JOIN eq_vals b ON a.q OPERATOR(news.=) b.q;
SELECT count(*) AS c FROM eq_vals a JOIN eq_vals b ON a.c OPERATOR(news.=) b.c;
SELECT count(*) AS cl FROM eq_vals a JOIN eq_vals b ON a.cl OPERATOR(news.=) b.cl;
RESET enable_hashjoin;
RESET enable_nestloop;

-- the documented orders
-- termvec: entry by entry (id, then weight); a prefix first
SELECT v FROM (VALUES ('{2:1}'::news.termvec), ('{1:2}'), ('{1:2,3:1}'), ('{}'), ('{1:-5}'),
					  ('{1:2,2:9}'), ('{4294967295:1}'), ('{0:1}')) t(v) ORDER BY v;
-- termquery: the terms, then the least number of shared terms
SELECT v FROM (VALUES ('2 of {1:1,2:1}'::news.termquery), ('1 of {1:1,2:1}'), ('1 of {1:1}'),
					  ('3 of {0:1}')) t(v) ORDER BY v;
-- corpus: documents, length, then (id, df) entries
SELECT v FROM (VALUES ('docs=2 length=5 {1:1}'::news.corpus), ('docs=2 length=4 {7:2}'),
					  ('docs=1 length=9 {1:1}'), ('docs=2 length=5 {1:2}'), ('docs=2 length=5 {}')) t(v) ORDER BY v;
-- minhash: k, shingle, then the slots unsigned
SELECT v FROM (VALUES ('2:5:ffffffff00000000'::news.minhash), ('2:5:0000000100000000'),
					  ('1:9:00000000'), ('2:3:ffffffffffffffff'), ('2:5:00000001ffffffff')) t(v) ORDER BY v;
-- clustering: member by member (id, then cluster id); a prefix first
SELECT v FROM (VALUES ('{1:1,2:1}'::news.clustering), ('{1:1,2:2}'), ('{1:1}'), ('{}'),
					  ('{-5:-5}'), ('{1:1,2:1,3:1}')) t(v) ORDER BY v;
-- the order agrees with = and with itself reversed, on every pair of rows
SELECT bool_and((news.termvec_cmp(a.tv, b.tv) = 0) = (a.tv OPERATOR(news.=) b.tv)
			AND news.termvec_cmp(a.tv, b.tv) = -news.termvec_cmp(b.tv, a.tv)) AS tv,
	   bool_and((news.termquery_cmp(a.q, b.q) = 0) = (a.q OPERATOR(news.=) b.q)
			AND news.termquery_cmp(a.q, b.q) = -news.termquery_cmp(b.q, a.q)) AS q,
	   bool_and((news.corpus_cmp(a.c, b.c) = 0) = (a.c OPERATOR(news.=) b.c)
			AND news.corpus_cmp(a.c, b.c) = -news.corpus_cmp(b.c, a.c)) AS c,
	   bool_and((news.minhash_cmp(a.sig, b.sig) = 0) = (a.sig OPERATOR(news.=) b.sig)
			AND news.minhash_cmp(a.sig, b.sig) = -news.minhash_cmp(b.sig, a.sig)) AS sig,
	   bool_and((news.clustering_cmp(a.cl, b.cl) = 0) = (a.cl OPERATOR(news.=) b.cl)
			AND news.clustering_cmp(a.cl, b.cl) = -news.clustering_cmp(b.cl, a.cl)) AS cl
FROM eq_vals a, eq_vals b;
-- equal values are equal and hash alike whatever their storage: stored
-- inline with a short header or out of line (TOAST), or just computed
SELECT bool_and(tv OPERATOR(news.=) news.termvec(body)) AS equal,
	   bool_and(news.termvec_hash(tv) = news.termvec_hash(news.termvec(body))) AS same_hash,
	   bool_and(news.minhash_hash(sig) = news.minhash_hash(news.minhash(body, 8, 2))) AS same_sig_hash
FROM eq_vals JOIN eq_docs USING (id);
CREATE TABLE eq_big (tv news.termvec);
INSERT INTO eq_big SELECT news.termvec(string_agg('word' || g, ' ')) FROM generate_series(1, 3000) g;
SELECT pg_column_size(tv) > 8000 AS out_of_line,
	   tv OPERATOR(news.=) tv::text::news.termvec AS equal,
	   news.termvec_hash(tv) = news.termvec_hash(tv::text::news.termvec) AS same_hash,
	   news.termvec_hash_extended(tv, 7) = news.termvec_hash_extended(tv::text::news.termvec, 7) AS same_hash_extended,
	   news.termvec_hash_extended(tv, 7) <> news.termvec_hash_extended(tv, 8) AS seeded
FROM eq_big;
-- a weight of -0 is not 0 (their text forms differ too): the bytes decide
SELECT a OPERATOR(news.=) b AS equal, news.termvec_cmp(a, b) AS cmp, a, b
FROM news.tfidf('{1:1e30,2:-1e-45}', 'docs=1 length=1 {}') a,
	 news.tfidf('{1:1e30,2:1e-45}', 'docs=1 length=1 {}') b;

-- indexes: btree and hash on each type; the operator and its function form
-- (news.<type>_eq, no search_path needed) both use them
CREATE TABLE eq_idx AS SELECT g AS id, news.termvec('word' || g || ' other' || g % 7) AS tv,
	   news.minhash('word' || g || ' other' || g % 7, 4, 1) AS sig
FROM generate_series(1, 2000) g;
CREATE INDEX eq_idx_tv ON eq_idx (tv);
CREATE INDEX eq_idx_sig ON eq_idx USING hash (sig);
ANALYZE eq_idx;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM eq_idx WHERE tv OPERATOR(news.=) news.termvec('word42 other0'::text);
EXPLAIN (COSTS OFF) SELECT id FROM eq_idx WHERE news.termvec_eq(tv, news.termvec('word42 other0'::text));
EXPLAIN (COSTS OFF) SELECT id FROM eq_idx WHERE news.termvec_eq(news.termvec('word42 other0'::text), tv);
SELECT id FROM eq_idx WHERE news.termvec_eq(tv, news.termvec('word42 other0'::text));
EXPLAIN (COSTS OFF) SELECT id FROM eq_idx WHERE news.minhash_eq(sig, news.minhash('word42 other0', 4, 1));
SELECT id FROM eq_idx WHERE news.minhash_eq(sig, news.minhash('word42 other0', 4, 1));
-- a range through the btree, by operator and by function
EXPLAIN (COSTS OFF) SELECT count(*) FROM eq_idx WHERE news.termvec_lt(tv, '{1000:1}');
SELECT (SELECT count(*) FROM eq_idx WHERE news.termvec_lt(tv, '{1000:1}')) =
	   (SELECT count(*) FROM eq_idx WHERE tv OPERATOR(news.<) '{1000:1}') AS same;
-- a function form whose other argument reads the table is no index condition
EXPLAIN (COSTS OFF) SELECT id FROM eq_idx WHERE news.termvec_eq(tv, news.top_terms(tv, 1));
RESET enable_seqscan;

-- the GIN operators' function forms use the GIN index too
CREATE INDEX eq_idx_gin ON eq_idx USING gin (tv);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM eq_idx WHERE news.termvec_overlaps(tv, news.termvec('word42'::text));
SELECT id FROM eq_idx WHERE news.termvec_overlaps(tv, news.termvec('word42'::text));
EXPLAIN (COSTS OFF)
SELECT id FROM eq_idx WHERE news.termvec_matches(tv, news.mlt_query(news.termvec('word42 other0'::text), 2, 2));
SELECT id FROM eq_idx WHERE news.termvec_matches(tv, news.mlt_query(news.termvec('word42 other0'::text), 2, 2));
RESET enable_seqscan;

-- constructors: one untyped literal is a cast, and the cast analyses a text
-- as the function does, so clients that send news.termvec('...') work
SELECT news.termvec('Oil prices rose') OPERATOR(news.=) news.termvec('Oil prices rose'::text) AS termvec,
	   news.minhash('Oil prices rose') OPERATOR(news.=) news.minhash('Oil prices rose'::text) AS minhash,
	   news.termvec('Oil prices rose'::varchar) OPERATOR(news.=) news.termvec('Oil prices rose'::text) AS from_varchar;
-- a parameter of unknown type (as node-postgres sends them) resolves to
-- the function on text, with the same result
PREPARE eq_untyped(unknown) AS
SELECT news.termvec($1) OPERATOR(news.=) news.termvec('Oil prices rose') AS termvec,
	   news.minhash($1) OPERATOR(news.=) news.minhash('Oil prices rose') AS minhash;
EXECUTE eq_untyped('Oil prices rose');
-- a string that starts like a literal is read as one, strictly
SELECT news.termvec(' {17:2}');
SELECT news.termvec('{17:2'::varchar);

DROP TABLE eq_docs, eq_vals, eq_big, eq_idx;

-- news.minhash_query: the probe in news.minhash's order, then the threshold
SELECT v FROM (VALUES ('0.9 of 2:5:0000000100000000'::news.minhash_query),
					  ('0.5 of 2:5:0000000100000000'), ('1 of 1:9:00000000'),
					  ('0.5 of 2:5:ffffffff00000000'), ('0 of 2:3:ffffffffffffffff')) t(v) ORDER BY v;
CREATE TABLE eq_mq AS SELECT g AS id,
	   news.minhash_query(news.minhash('word' || g % 5, 4, 1), (g % 3) / 4.0) AS q
FROM generate_series(1, 60) g;
-- 5 probes x 3 thresholds, by sorting and by hashing
SET enable_hashagg = off;
SELECT count(*) AS groups_sorted FROM (SELECT q FROM eq_mq GROUP BY q) s;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS groups_hashed FROM (SELECT q FROM eq_mq GROUP BY q) s;
RESET enable_sort;
-- the order agrees with = and with itself reversed; equal values hash alike
-- after a text round trip; a threshold of -0 is the query of 0
SELECT bool_and((news.minhash_query_cmp(a.q, b.q) = 0) = (a.q OPERATOR(news.=) b.q)
			AND news.minhash_query_cmp(a.q, b.q) = -news.minhash_query_cmp(b.q, a.q)) AS agrees,
	   bool_and(news.minhash_query_hash(a.q) = news.minhash_query_hash(a.q::text::news.minhash_query)) AS same_hash,
	   bool_and(news.minhash_query_hash_extended(a.q, 3) = news.minhash_query_hash_extended(a.q::text::news.minhash_query, 3)) AS same_hash_extended
FROM eq_mq a, eq_mq b;
SELECT news.minhash_query('2:5:0000000100000000', -0.0) OPERATOR(news.=)
	   news.minhash_query('2:5:0000000100000000', 0) AS minus_zero;
-- a btree index answers = by operator and by function form
CREATE INDEX eq_mq_q ON eq_mq (q);
ANALYZE eq_mq;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM eq_mq
WHERE news.minhash_query_eq(q, news.minhash_query(news.minhash('word2', 4, 1), 0.25));
SELECT string_agg(id::text, ',' ORDER BY id) FROM eq_mq
WHERE news.minhash_query_eq(q, news.minhash_query(news.minhash('word2', 4, 1), 0.25));
RESET enable_seqscan;
DROP TABLE eq_mq;
