-- mlt_corpus.sql: cost of the corpus_stats aggregate (state updated in place
-- as an expanded object) against a naive aggregate whose transition copies the
-- whole state for every row (news.corpus_merge as SFUNC), on the first n
-- articles.
\set ON_ERROR_STOP 1
SET search_path = public, news;
CREATE AGGREGATE pg_temp.naive_corpus_stats(news.corpus) (
	SFUNC = news.corpus_merge, STYPE = news.corpus, INITCOND = 'docs=0 length=0 {}');
CREATE TEMP TABLE mlt_one_doc AS
	SELECT id, news.corpus_stats_trans(NULL, tv) AS c FROM mlt_articles;
CREATE TEMP TABLE mlt_agg_timing (docs int, method text, ms float8, terms int);
DO $$
DECLARE
	n int;
	t0 timestamptz;
	terms int;
BEGIN
	FOREACH n IN ARRAY ARRAY[2000, 5000, 10000, 22004] LOOP
		t0 := clock_timestamp();
		SELECT news.corpus_terms(news.corpus_stats(tv)) INTO terms FROM mlt_articles WHERE id <= n;
		INSERT INTO mlt_agg_timing VALUES (n, 'news.corpus_stats(termvec), in place',
			extract(epoch FROM clock_timestamp() - t0) * 1000, terms);
		t0 := clock_timestamp();
		SELECT news.corpus_terms(news.corpus_stats(c)) INTO terms FROM mlt_one_doc WHERE id <= n;
		INSERT INTO mlt_agg_timing VALUES (n, 'news.corpus_stats(corpus), in place',
			extract(epoch FROM clock_timestamp() - t0) * 1000, terms);
		t0 := clock_timestamp();
		SELECT news.corpus_terms(pg_temp.naive_corpus_stats(c)) INTO terms FROM mlt_one_doc WHERE id <= n;
		INSERT INTO mlt_agg_timing VALUES (n, 'naive: corpus_merge per row (copy)',
			extract(epoch FROM clock_timestamp() - t0) * 1000, terms);
	END LOOP;
END
$$;
\pset footer off
SELECT docs, method, round(ms::numeric, 1) AS ms, terms FROM mlt_agg_timing ORDER BY docs, method DESC;
