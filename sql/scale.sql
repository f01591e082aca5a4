-- news.tsvector (the tsvector of to_tsvector('news.english'), built
-- directly) and the adaptive "more like this" query (issue 12)

-- the same value as the text search configurations, on every token kind
SELECT news.tsvector('The U.S. prices rose 1,000.50 percent on 1996-08-22, Ukraine’s #Brexit @Reuters https://x.com desk@example.org') AS tsv;
SELECT t, news.tsvector(t) = to_tsvector('news.english', t) AS same_english,
       news.tsvector(t, 'simple') = to_tsvector('news.simple', t) AS same_simple,
       length(news.tsvector(t)) AS terms
FROM (VALUES ('AT&amp;T and &quot;Procter &amp; Gamble&quot; don&#39;t'), ('de‑escalation de-escalation naïve café Straße'),
             ('Москва 北京 😀 $5bn €3.5m 45%'), ('a an the and of'), ('e.g. J. R. R. Tolkien Feb. 3 St. Louis'),
             ('oil oil oil prices price priced'), (''), ('   ...   ')) v(t);
SELECT news.tsvector(NULL) IS NULL AS null_gives_null, news.tsvector('') = ''::tsvector AS empty,
       news.tsvector('x', NULL) IS NULL AS null_config;
SELECT news.tsvector('ok', 'klingon');

-- immutable: a generated column, ranked search over it, an index expression
CREATE TABLE sc_docs (id int, body text, tsv tsvector GENERATED ALWAYS AS (news.tsvector(body)) STORED);
INSERT INTO sc_docs (id, body) VALUES
    (1, 'Oil prices rose sharply after the OPEC meeting in Vienna.'),
    (2, 'The central bank held interest rates; oil was steady.'),
    (3, 'Prices of crude oil and gas fell; oil traders blamed OPEC.'),
    (4, 'The football match ended in a draw.');
CREATE INDEX sc_docs_expr ON sc_docs USING gin (news.tsvector(body));
SELECT id, tsv = to_tsvector('news.english', body) AS same, round(ts_rank(tsv, q)::numeric, 4) AS rank
FROM sc_docs, to_tsquery('news.english', 'oil & prices') q WHERE tsv @@ q ORDER BY rank DESC, id;
SET enable_seqscan = off;
SELECT id FROM sc_docs WHERE news.tsvector(body) @@ to_tsquery('news.english', 'opec') ORDER BY id;
RESET enable_seqscan;

-- the adaptive query: 1,000 documents; terms 1, 2, 3 in 10 each, term 4 in
-- 200 (above 5% and above the budget: left out).  Budget 100: one shared
-- term gives 1000 (1 - 0.99^3) = 29.7 expected; budget 10: two (0.3)
SELECT news.mlt_query('{1:0.5,2:0.4,3:0.3,4:0.9}', 'docs=1000 length=5000 {1:10,2:10,3:10,4:200}'::news.corpus, 100);
SELECT news.mlt_query('{1:0.5,2:0.4,3:0.3,4:0.9}', 'docs=1000 length=5000 {1:10,2:10,3:10,4:200}'::news.corpus, 10);
SELECT news.mlt_query('{1:0.5,2:0.4,3:0.3,4:0.9}', 'docs=1000 length=5000 {1:10,2:10,3:10,4:200}'::news.corpus, 1000, 2);

-- more_like_this with a corpus: the same rows as the exact order here
CREATE TABLE sc_art (id int, w news.termvec);
INSERT INTO sc_art SELECT id, news.termvec(body) FROM sc_docs;
INSERT INTO sc_art VALUES (5, news.termvec('Oil and gas prices: OPEC ministers meet in Vienna.')),
                          (6, news.termvec('A draw in the football match, and another match next week.'));
CREATE TABLE sc_stats AS SELECT news.corpus_stats(w) AS c FROM sc_art;
UPDATE sc_art SET w = news.tfidf(w, (SELECT c FROM sc_stats));
CREATE INDEX sc_art_w ON sc_art USING gin (w);
SELECT m.id, round(m.similarity::numeric, 4) AS similarity
FROM news.more_like_this('sc_art', 'id', 'w', (SELECT w FROM sc_art WHERE id = 1), (SELECT c FROM sc_stats), 3) m;
SELECT id, round((1 - (w OPERATOR(news.<=>) (SELECT w FROM sc_art WHERE id = 1)))::numeric, 4) AS similarity
FROM sc_art ORDER BY w OPERATOR(news.<=>) (SELECT w FROM sc_art WHERE id = 1), id LIMIT 3;

-- volatility, strictness, parallel safety and comments of the new functions
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace
  AND (p.proname = 'tsvector' OR (p.proname IN ('mlt_query', 'more_like_this') AND 'news.corpus'::regtype = ANY (p.proargtypes)))
ORDER BY p.oid::regprocedure::text;

DROP TABLE sc_docs, sc_art, sc_stats;
