-- news.minhash: signatures, Jaccard estimates, LSH bands, the % operator and
-- its GIN operator class, exact shingle Jaccard.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

-- the signature's parameters and its text form (4 slots, 2-term shingles)
SELECT news.minhash('The quick brown fox jumps over the lazy dog'::text, 4, 2);
SELECT news.minhash_k(news.minhash('a b c'::text)), news.minhash_shingle(news.minhash('a b c'::text));
SELECT news.minhash_k(news.minhash('a b c'::text, 16, 3)), news.minhash_shingle(news.minhash('a b c'::text, 16, 3));
-- text round trip
SELECT news.minhash('Oil prices rose on Tuesday'::text, 8, 2)::text::news.minhash::text
     = news.minhash('Oil prices rose on Tuesday'::text, 8, 2)::text AS text_round_trip;
SELECT '2:5:0000002A00001000'::news.minhash;
-- the empty set: every slot at ffffffff
SELECT news.minhash(''::text, 3, 5), news.minhash(' -- ... '::text, 3, 5);
-- case, punctuation and spacing do not matter; word order does
SELECT news.jaccard(news.minhash('Oil prices ROSE, sharply on Tuesday.'::text),
                    news.minhash('oil prices rose sharply on tuesday'::text)) AS same_terms,
       news.jaccard(news.minhash('oil prices rose sharply on tuesday'::text),
                    news.minhash('tuesday on sharply rose prices oil'::text)) AS reversed;

-- NULL in, NULL out
SELECT news.minhash(NULL::text) IS NULL AS a, news.minhash('x'::text, NULL) IS NULL AS b,
       news.jaccard(NULL, news.minhash('x'::text)) IS NULL AS c,
       news.lsh_bands(NULL, 2, 2) IS NULL AS d, news.shingle_jaccard(NULL, 'x') IS NULL AS e;

-- a string that does not start as K:SHINGLE: is an article's text, signed
-- as news.minhash(text) signs it: news.minhash('some text') with one
-- untyped literal is parsed as this cast
SELECT ''::news.minhash::text = news.minhash(''::text)::text AS a,
       'x'::news.minhash::text = news.minhash('x'::text)::text AS b,
       news.minhash('oil prices')::text = news.minhash('oil prices'::text)::text AS c,
       '2:5'::news.minhash::text = news.minhash('2 5'::text)::text AS d,
       '-1:5:00000000'::news.minhash::text = news.minhash('1 5 00000000'::text)::text AS e;

-- malformed literals
SELECT '2:5:'::news.minhash;
SELECT '2:5:0000002a'::news.minhash;
SELECT '2:5:0000002a000010000'::news.minhash;
SELECT '2:5:0000002a0000100g'::news.minhash;
SELECT '0:5:'::news.minhash;
SELECT '2000:5:00'::news.minhash;
SELECT '99999:5:00'::news.minhash;
SELECT '1:0:00000000'::news.minhash;
SELECT '1:33:00000000'::news.minhash;
SELECT '1:5:0000000 '::news.minhash;

-- parameters out of range
SELECT news.minhash('x'::text, 0);
SELECT news.minhash('x'::text, 1025);
SELECT news.minhash('x'::text, 128, 0);
SELECT news.minhash('x'::text, 128, 33);
SELECT news.shingle_jaccard('a', 'b', 0);
SELECT news.minhash_k(news.minhash('x'::text, 1, 1)), news.minhash_k(news.minhash('x'::text, 1024, 32));

-- Jaccard: mismatched parameters are an error for news.jaccard, false for %
SELECT news.jaccard(news.minhash('a b c'::text, 64), news.minhash('a b c'::text, 128));
SELECT news.jaccard(news.minhash('a b c'::text, 64, 5), news.minhash('a b c'::text, 64, 4));
SELECT news.minhash('a b c'::text, 64) OPERATOR(news.%) news.minhash('a b c'::text, 128) AS mismatched;
-- empty sets: equal to each other, unlike anything else
SELECT news.jaccard(news.minhash(''::text), news.minhash('...'::text)) AS empty_empty,
       news.jaccard(news.minhash(''::text), news.minhash('a b c d e f'::text)) AS empty_other,
       news.shingle_jaccard('', '!!') AS exact_empty_empty,
       news.shingle_jaccard('', 'a b c d e f') AS exact_empty_other;

-- exact shingle Jaccard
SELECT news.shingle_jaccard('a b c d e f', 'a b c d e g') AS one_of_three,
       news.shingle_jaccard('A, b. C d e f', 'a b c d e f') AS same,
       news.shingle_jaccard('a b c d e f', 'a b c d e f', 6) AS six,
       news.shingle_jaccard('a b c d e f', 'a b x d e f', 1) AS unigrams,
       news.shingle_jaccard('short text', 'short text') AS short_same,
       news.shingle_jaccard('short text', 'text short') AS short_reversed;

-- LSH bands
SELECT array_length(news.lsh_bands(news.minhash('a b c d e f'::text), 42, 3), 1);
SELECT news.lsh_bands(news.minhash('a b c d e f'::text), 4, 32) = news.lsh_bands(news.minhash('A B C D E F'::text), 4, 32) AS equal_texts_equal_bands;
SELECT news.lsh_bands(news.minhash('a b c d e f'::text), 0, 3);
SELECT news.lsh_bands(news.minhash('a b c d e f'::text), 3, 0);
SELECT news.lsh_bands(news.minhash('a b c d e f'::text), 43, 3);

-- the threshold setting
SHOW news_analytics.minhash_threshold;
SET news_analytics.minhash_threshold = 1.5;
SET news_analytics.minhash_threshold = 0.8;
SHOW news_analytics.minhash_threshold;

-- a small collection: wire copies, lightly edited versions and unrelated stories
CREATE TABLE mh_articles (id int PRIMARY KEY, body text);
INSERT INTO mh_articles VALUES
(1, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight labour market. Policymakers voted seven to two for the increase, and the governor said further moves would depend on wage growth over the coming months. Markets had largely expected the decision, and the currency rose slightly after the announcement.'),
(2, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight labour market. Policymakers voted seven to two for the increase, and the governor said further moves would depend on wage growth over the coming months. Markets had largely expected the decision, and the currency rose slightly after the announcement.'),
(3, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight jobs market. Policymakers voted seven to two for the increase, and the governor said further moves would depend on wage growth over the coming months. Markets had largely expected the decision, and the currency rose slightly after the announcement.'),
(4, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight labour market. Policymakers voted seven to two for the increase. Markets had largely expected the decision, and the currency rose slightly after the announcement.'),
(5, 'Heavy rain caused flooding across the northern region overnight, forcing hundreds of residents to leave their homes. Emergency services said two bridges had been closed and several roads were under water. Forecasters warned that more rain was expected later in the week.'),
(6, 'Heavy rain caused flooding across the northern region overnight, forcing hundreds of residents to leave their homes. Emergency services said three bridges had been closed and several roads were under water. Forecasters warned that more rain was expected on Friday.'),
(7, 'The football club confirmed the signing of a young striker on a five year contract, ending weeks of speculation about the transfer fee.'),
(8, ''),
(9, 'Shares in the carmaker fell sharply after it cut its profit forecast, blaming higher battery costs and weaker demand in Europe.');
CREATE TABLE mh_sigs AS SELECT id, news.minhash(body) AS sig FROM mh_articles;

-- exact and estimated similarity of every pair that shares anything
SELECT a.id AS id1, b.id AS id2,
       round(news.shingle_jaccard(a.body, b.body)::numeric, 3) AS exact,
       round(news.jaccard(sa.sig, sb.sig)::numeric, 3) AS estimate
FROM mh_articles a JOIN mh_articles b ON a.id < b.id
JOIN mh_sigs sa ON sa.id = a.id JOIN mh_sigs sb ON sb.id = b.id
WHERE news.shingle_jaccard(a.body, b.body) > 0 OR news.jaccard(sa.sig, sb.sig) > 0
ORDER BY 1, 2;

-- the index path
CREATE INDEX mh_sigs_gin ON mh_sigs USING gin (sig news.minhash_ops);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1);
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1) ORDER BY id;
SET news_analytics.minhash_threshold = 0.5;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1) ORDER BY id;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 5) ORDER BY id;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 8) ORDER BY id;
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM mh_sigs a JOIN mh_sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id;
SELECT a.id, b.id FROM mh_sigs a JOIN mh_sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id ORDER BY 1, 2;
-- the same answers without the index
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1);
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1) ORDER BY id;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 5) ORDER BY id;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 8) ORDER BY id;
SELECT a.id, b.id FROM mh_sigs a JOIN mh_sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id ORDER BY 1, 2;
SET news_analytics.minhash_threshold = 0.8;
SELECT a.id, b.id FROM mh_sigs a JOIN mh_sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id ORDER BY 1, 2;
RESET enable_indexscan;
RESET enable_bitmapscan;
SET enable_seqscan = off;
SELECT a.id, b.id FROM mh_sigs a JOIN mh_sigs b ON a.sig OPERATOR(news.%) b.sig AND a.id < b.id ORDER BY 1, 2;

-- operator class parameters; rows added after the index was built are found.
-- 16 bands of 8 rows answer exactly above 1 - 16/128 = 0.875 ...
CREATE INDEX mh_sigs_gin2 ON mh_sigs USING gin (sig news.minhash_ops (bands = 16, rows = 8));
DROP INDEX mh_sigs_gin;
INSERT INTO mh_sigs SELECT 10, news.minhash(body) FROM mh_articles WHERE id = 2;
EXPLAIN (COSTS OFF)
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1);
SET news_analytics.minhash_threshold = 0.9;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1) ORDER BY id;
-- ... and below it return only the LSH candidates: 5 and 6 (estimate 0.64)
-- share no band of 8 slots, so the index misses what a table scan finds
SET news_analytics.minhash_threshold = 0.5;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 5) ORDER BY id;
SET enable_bitmapscan = off;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 5) ORDER BY id;
RESET enable_bitmapscan;
-- signatures with other parameters share no keys and never match
INSERT INTO mh_sigs SELECT 11, news.minhash(body, 64) FROM mh_articles WHERE id = 1;
SET news_analytics.minhash_threshold = 0.9;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 1) ORDER BY id;
SELECT id FROM mh_sigs WHERE sig OPERATOR(news.%) (SELECT sig FROM mh_sigs WHERE id = 11) ORDER BY id;
CREATE INDEX ON mh_sigs USING gin (sig news.minhash_ops (rows = 0));
CREATE INDEX ON mh_sigs USING gin (sig news.minhash_ops (bands = 2000));
CREATE INDEX ON mh_sigs USING gin (sig news.minhash_ops (colour = 1));
RESET enable_seqscan;
RESET news_analytics.minhash_threshold;

-- binary send/receive round trip through COPY
SELECT news.minhash_send('2:5:0000002a00001000'::news.minhash);
CREATE TABLE mh_copy (id int, sig news.minhash);
SELECT current_setting('data_directory') || '/news_minhash_regress.bin' AS binfile \gset
COPY (SELECT id, sig FROM mh_sigs) TO :'binfile' WITH (FORMAT binary);
COPY mh_copy FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS copied, bool_and(c.sig::text = s.sig::text) AS identical
FROM mh_copy c JOIN mh_sigs s USING (id);

-- a large text: 8 MB of words
SELECT news.minhash_k(news.minhash(repeat('oil prices rose sharply on tuesday ', 240000))) AS big_k,
       news.jaccard(news.minhash(repeat('oil prices rose sharply on tuesday ', 240000)),
                    news.minhash('oil prices rose sharply on tuesday oil prices rose sharply on tuesday'::text)) AS big_vs_small;

DROP TABLE mh_articles, mh_sigs, mh_copy;
