-- text search: parser, dictionaries and configurations over the same tokenizer
SET search_path = public;

SELECT * FROM ts_token_type('news.parser');
SELECT * FROM ts_parse('news.parser', 'Mr. Smith’s $5bn deal, 3.5% #Brexit');
SELECT to_tsvector('news.english', 'Ukraine’s ministers were running to the U.S. embassy');
SELECT to_tsvector('news.simple', 'Ukraine’s ministers were running to the U.S. embassy');
-- lexemes are exactly the terms of news.tokenize
WITH doc(body) AS (VALUES ('Shares of Acme Inc. rose 3.5% on 12 February 2025 after https://acme.example.com said #Merger talks with @BigCo were running; Ukraine’s de‑escalation continues.'))
SELECT (SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(news.tokenize(body)) t)
     = (SELECT array_agg(lexeme ORDER BY lexeme) FROM unnest(to_tsvector('news.english', body))) AS english_same,
       (SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(news.tokenize(body, 'simple')) t)
     = (SELECT array_agg(lexeme ORDER BY lexeme) FROM unnest(to_tsvector('news.simple', body))) AS simple_same
FROM doc;
-- search with @@ and a GIN index
CREATE TABLE ts_articles (id int PRIMARY KEY, body text);
INSERT INTO ts_articles VALUES
  (1, 'Ukraine’s ministers met in Brussels.'),
  (2, 'The U.S. embassy moved.'),
  (3, 'Ministers of finance were meeting in Kyiv.'),
  (4, 'Football results from the weekend.');
INSERT INTO ts_articles SELECT g, 'filler article number ' || g FROM generate_series(5, 2000) g;
CREATE INDEX ON ts_articles USING gin (to_tsvector('news.english', body));
ANALYZE ts_articles;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM ts_articles WHERE to_tsvector('news.english', body) @@ to_tsquery('news.english', 'minister');
SELECT id FROM ts_articles WHERE to_tsvector('news.english', body) @@ to_tsquery('news.english', 'minister') ORDER BY id;
SELECT id FROM ts_articles WHERE to_tsvector('news.english', body) @@ plainto_tsquery('news.english', 'U.S. embassies') ORDER BY id;
RESET enable_seqscan;
-- dictionary options are checked
CREATE TEXT SEARCH DICTIONARY bad_dict (TEMPLATE = news.lexer, kind = 'nonsense');
CREATE TEXT SEARCH DICTIONARY bad_dict (TEMPLATE = news.lexer, config = 'klingon');
CREATE TEXT SEARCH DICTIONARY bad_dict (TEMPLATE = news.lexer, colour = 'red');
DROP TABLE ts_articles;
-- ts_headline: the best window around the matches, highlighted
SELECT ts_headline('news.english',
    'Markets were calm on Monday. Later, Ukraine’s foreign ministers met U.S. officials in Geneva to discuss a new round of talks. Football results followed.',
    to_tsquery('news.english', 'minister & talks'), 'MaxWords=12, MinWords=5');
SELECT ts_headline('news.english', 'Nothing here matches the query at all, so the start is shown.',
    to_tsquery('news.english', 'geneva'), 'MaxWords=8, MinWords=4');
SELECT ts_headline('news.english', 'Talks in Geneva. Unrelated sentence in between here. More talks in Kyiv.',
    to_tsquery('news.english', 'talks'), 'MaxFragments=2, MaxWords=4, MinWords=2, FragmentDelimiter=" | "');
SELECT ts_headline('news.english', 'All the talks, highlighted.', to_tsquery('news.english', 'talks'), 'HighlightAll=true, StartSel=[, StopSel=]');
SELECT ts_headline('news.english', 'x', to_tsquery('news.english', 'x'), 'MinWords=40');
SELECT ts_headline('news.english', 'x', to_tsquery('news.english', 'x'), 'Colour=red');
