-- test/bench/pipeline_direct9.sql: the nine analyses news.refresh stores,
-- called directly on every article of table src in one SELECT, nothing
-- stored (the baseline of pipeline.sh and pipeline_pairs.sh)
SELECT sum(x.e + x.q + x.d + news.nnz(x.tv) + news.minhash_k(x.sig) + x.t + x.k + x.s + x.o) FROM (
	SELECT (SELECT count(*) FROM news.entities(s.body)) AS e, (SELECT count(*) FROM news.quotes(s.body)) AS q,
		(SELECT count(*) FROM news.dates(s.body, s.published)) AS d,
		news.termvec(concat_ws(E'\n', s.title, s.body)) AS tv, news.minhash(s.body) AS sig,
		(SELECT count(*) FROM news.term_surfaces(s.body, 40)) AS t,
		(SELECT count(*) FROM news.keywords(s.body, 10)) AS k, (SELECT count(*) FROM news.summary(s.body, 3)) AS s,
		(SELECT count(*) FROM news.sentiment(s.body)) AS o FROM src s) x;
