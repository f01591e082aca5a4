\echo
\echo '=== Tokenizer: index terms of one article (news.tokenize) ==='
SELECT id, title, news.tokenize(body) AS terms
FROM news_demo.articles WHERE id = 8;

\echo
\echo '=== Tokens with kinds and offsets (news.tokens), first 30 of article 1 ==='
SELECT t.position, t.token, t.kind, t.start, t.length, t.sentence
FROM news_demo.articles a, news.tokens(a.body) t
WHERE a.id = 1 ORDER BY t.position LIMIT 30;

\echo
\echo '=== Sentences: headline, byline and boilerplate lines stand alone (news.sentences) ==='
SELECT s.sentence, s.text
FROM news_demo.articles a, news.sentences(a.body) s
WHERE a.id = 3 ORDER BY s.sentence;

\echo
\echo '=== Most frequent terms across the sample (stopwords removed, stemmed) ==='
SELECT term, count(*) AS occurrences, count(DISTINCT id) AS articles
FROM news_demo.articles, unnest(news.tokenize(body)) AS term
GROUP BY term ORDER BY occurrences DESC, term LIMIT 15;

\echo
\echo '=== Full-text search on the same tokenizer: to_tsvector(''news.english'', body) ==='
CREATE INDEX ON news_demo.articles USING gin (to_tsvector('news.english', body));
SELECT id, title,
       ts_rank(to_tsvector('news.english', body), q) AS rank
FROM news_demo.articles, plainto_tsquery('news.english', 'U.S. talks in Geneva') AS q
WHERE to_tsvector('news.english', body) @@ q
ORDER BY rank DESC, id;
