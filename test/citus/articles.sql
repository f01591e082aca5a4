-- test/citus/articles.sql: the articles of test/citus/run.sh, made from the
-- demo's sample articles (test/demo/00_articles.sql, loaded first): each
-- article in 16 versions that keep its first paragraph and drop a different
-- subset of the others, so that near duplicates come at many Jaccard
-- levels.  With -v dist=1 the table is distributed by id (Citus) before its
-- vectors and signatures are computed, so the workers compute them.
CREATE TABLE articles (
	id bigint PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL,
	source text NOT NULL,
	published_at timestamptz NOT NULL,
	terms news.termvec,
	tfidf news.termvec,
	sig news.minhash
);
\if :dist
SELECT create_distributed_table('articles', 'id', shard_count => 8);
\endif
INSERT INTO articles (id, title, body, source, published_at)
SELECT a.id * 100 + v, a.title,
	array_to_string(ARRAY(
		SELECT p FROM unnest(regexp_split_to_array(a.body, E'\n')) WITH ORDINALITY AS u(p, i)
		WHERE i = 1 OR (v >> ((i::int - 2) % 4)) & 1 = 0
		ORDER BY i), E'\n'),
	a.source, a.published_at + v * interval '1 hour'
FROM news_demo.articles a, generate_series(0, 15) v;
-- a bigger run (run.sh with NA_CITUS_CORPUS): the articles of a JSON-lines
-- file of the shared data, read by the server, after the demo's
\if :{?extra}
INSERT INTO articles (id, title, body, source, published_at)
SELECT 100000 + n, left(d->>'title', 300), d->>'body', 'shared', '2025-01-01'::timestamptz + n * interval '1 minute'
FROM (SELECT line::jsonb AS d, row_number() OVER () AS n
	  FROM regexp_split_to_table(pg_read_file(:'extra'), E'\n') AS line WHERE line <> '') j
WHERE d->>'body' IS NOT NULL AND d->>'title' IS NOT NULL;
\endif
UPDATE articles SET terms = news.termvec(title || E'\n' || body), sig = news.minhash(body);
SELECT news.corpus_stats(terms)::text AS corpus FROM articles \gset
UPDATE articles SET tfidf = news.tfidf(terms, :'corpus'::news.corpus);
CREATE INDEX ON articles USING gin (tfidf);
CREATE INDEX ON articles USING gin (sig news.minhash_ops);
ANALYZE articles;
