-- news.simhash and news.hamming
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

-- deterministic 64-bit values; no terms gives 0
SELECT news.simhash('Oil prices rose sharply on Tuesday') AS h1,
       news.simhash('') AS empty, news.simhash('... -- !!') AS punct_only;
-- case and punctuation do not matter, word order does not either (bag of terms)
SELECT news.simhash('Oil prices rose sharply on Tuesday') = news.simhash('oil PRICES rose, sharply on tuesday.') AS same_terms,
       news.simhash('Oil prices rose sharply on Tuesday') = news.simhash('Tuesday on sharply rose prices oil') AS reordered;
-- term frequency weighs: repeating a word can flip bits
SELECT news.hamming(news.simhash('oil prices rose'), news.simhash('oil oil oil oil oil prices rose')) > 0 AS tf_weighted;
-- NULL in, NULL out
SELECT news.simhash(NULL) IS NULL AS a, news.hamming(NULL, 1) IS NULL AS b, news.hamming(1, NULL) IS NULL AS c;
-- Hamming distance
SELECT news.hamming(0, 0) AS zero, news.hamming(0, -1) AS all_bits, news.hamming(1, 7) AS two,
       news.hamming(-9223372036854775808, 0) AS sign_bit;

-- near-duplicates are close, unrelated stories far apart
CREATE TABLE sh_articles (id int PRIMARY KEY, body text);
INSERT INTO sh_articles VALUES
(1, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight labour market. Policymakers voted seven to two for the increase, and the governor said further moves would depend on wage growth over the coming months. Markets had largely expected the decision, and the currency rose slightly after the announcement.'),
(2, 'The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, citing persistent inflation in services and a tight jobs market. Policymakers voted seven to two for the increase, and the governor said further moves would depend on wage growth over the coming months. Markets had largely expected the decision, and the currency rose after the announcement.'),
(3, 'Heavy rain caused flooding across the northern region overnight, forcing hundreds of residents to leave their homes. Emergency services said two bridges had been closed and several roads were under water. Forecasters warned that more rain was expected later in the week.'),
(4, 'Shares in the carmaker fell sharply after it cut its profit forecast, blaming higher battery costs and weaker demand in Europe.');
SELECT a.id AS id1, b.id AS id2, news.hamming(news.simhash(a.body), news.simhash(b.body)) AS distance
FROM sh_articles a JOIN sh_articles b ON a.id < b.id
ORDER BY 1, 2;
-- finding near-duplicates by distance
SELECT b.id FROM sh_articles a JOIN sh_articles b ON a.id <> b.id
WHERE a.id = 1 AND news.hamming(news.simhash(a.body), news.simhash(b.body)) <= 10;

-- a large text
SELECT news.simhash(repeat('oil prices rose sharply ', 400000)) = news.simhash('oil prices rose sharply') AS big_same_bag;

DROP TABLE sh_articles;
