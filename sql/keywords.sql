-- news.keywords: keyphrases as written (names whole, a surname joined to its
-- name, parts that never stand alone merged into their phrase), the corpus
-- overload, the aggregate and its combine function, bad arguments.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE story (id int, body text);
INSERT INTO story VALUES (1,
'Central bank raises interest rates again

FRANKFURT (Reuters) - The European Central Bank raised interest rates for the tenth time on Thursday, saying inflation in the euro zone was still too high.

ECB President Christine Lagarde told reporters that the bank was not yet done. "We are determined to bring inflation back to our target," Lagarde said.

Higher interest rates have already slowed lending to households and companies, and several economists expect a recession in Germany this winter. Bond yields fell after the decision, while the euro rose against the dollar.'),
(2,
'Flooding closes schools across Valdoria

Heavy rain flooded the river Marne valley in Valdoria on Tuesday, closing schools and cutting power to thousands of homes. The Valdoria Weather Service warned that more rain would fall on the flooded valley.

Emergency crews evacuated residents of three villages. Flooding in the valley has become more frequent, and the regional government is building new flood barriers along the river.'),
(3,
'Lagarde says inflation fight is not over

European Central Bank chief Christine Lagarde said on Friday that inflation in the euro zone remained too high and that interest rates would stay high for as long as needed.');

-- the best keyphrases of a story, best first; each phrase is the text at
-- its start and length
SELECT phrase, round(score::numeric, 2) AS score, count, kind, start, length
FROM story, news.keywords(body, 8) WHERE id = 1;
SELECT bool_and(substr(body, start, length) = phrase) AS offsets_exact
FROM story, news.keywords(body, 50);

-- names are whole, a lone surname counts for the full name
SELECT phrase, count FROM story, news.keywords(body, 50)
WHERE id = 1 AND kind = 'name' ORDER BY phrase;

-- no phrase inside another is reported (a name may hold a word given)
SELECT count(*) AS nested FROM
  (SELECT id, phrase, kind FROM story, news.keywords(body, 50)) a
  JOIN (SELECT id, phrase, kind FROM story, news.keywords(body, 50)) b
  ON a.id = b.id AND a.phrase <> b.phrase AND (a.kind = 'name') = (b.kind = 'name')
  AND (' ' || lower(b.phrase) || ' ') LIKE ('% ' || lower(a.phrase) || ' %');

SELECT phrase, kind FROM story, news.keywords(body, 5) WHERE id = 2;

-- a corpus changes the weights, not the candidates
WITH c AS (SELECT news.corpus_stats(news.termvec(body)) AS corpus FROM story)
SELECT phrase, count, kind FROM story, c, news.keywords(body, c.corpus, 5) WHERE id = 2;

-- nothing to find
SELECT count(*) FROM news.keywords('');
SELECT count(*) FROM news.keywords('... !!! 123 456 -- ??');
SELECT count(*) FROM news.keywords('the of and to in it was');
SELECT count(*) FROM news.keywords(NULL);

-- n out of range
SELECT * FROM news.keywords('Interest rates rose.', 0);
SELECT * FROM news.keywords('Interest rates rose.', 1001);

-- the aggregate: phrases of many texts first, scores averaged over texts
SELECT jsonb_path_query(news.keywords_agg(body, 5 ORDER BY id), '$[*].phrase') AS phrase FROM story;
SELECT e->>'phrase' AS phrase, (e->>'articles')::int AS articles, (e->>'count')::int AS count, e->>'kind' AS kind
FROM (SELECT news.keywords_agg(body ORDER BY id) AS a FROM story) s, jsonb_array_elements(a) e
LIMIT 3;
SELECT news.keywords_agg(body) FROM story WHERE false;

-- partial states combine to the same result, in either order
SELECT news.keywords_agg_final(news.keywords_agg_combine(
         news.keywords_agg_trans(news.keywords_agg_trans(NULL, a.body, 5), b.body, 5),
         news.keywords_agg_trans(NULL, c.body, 5)))
     = (SELECT news.keywords_agg(body, 5) FROM story) AS combined_equal,
       news.keywords_agg_final(news.keywords_agg_combine(
         news.keywords_agg_trans(NULL, c.body, 5),
         news.keywords_agg_trans(news.keywords_agg_trans(NULL, b.body, 5), a.body, 5)))
     = (SELECT news.keywords_agg(body, 5) FROM story) AS reversed_equal
FROM story a, story b, story c WHERE a.id = 1 AND b.id = 2 AND c.id = 3;

-- a parallel plan (partial states travel from the workers) gives the
-- serial result
CREATE TABLE keywords_many AS SELECT g AS id, body FROM story, generate_series(1, 40) g;
ANALYZE keywords_many;
SELECT news.keywords_agg(body, 5) AS serial FROM keywords_many \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT news.keywords_agg(body, 5) FROM keywords_many;
SELECT news.keywords_agg(body, 5) = :'serial'::jsonb AS parallel_equal FROM keywords_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE keywords_many;

-- bad states and arguments
SELECT news.keywords_agg_final('\x00'::bytea);
SELECT news.keywords_agg_final('\x0a00000031414b4e'::bytea);
SELECT news.keywords_agg(body, 0) FROM story;
