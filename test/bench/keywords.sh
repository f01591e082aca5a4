#!/usr/bin/env bash
# test/bench/keywords.sh: throughput of news.keywords (and of its corpus
# overload and news.keywords_agg) over Reuters-21578 + BBC News in SQL, one
# core, next to news.tokenize and to_tsvector('english') measured in the
# same run (test/bench/text_function.sh).  Target: 20 MB/s.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/text_function.sh"
cd "$NA_TOP"
bench_text_function "news.keywords(body) next to baselines" \
	"keywords=SELECT count(*) FROM bench.docs, news.keywords(body, 10)" \
	"keywords_corpus=SELECT count(*) FROM bench.docs, (SELECT news.corpus_stats(news.termvec(body)) c FROM bench.docs WHERE id <= 2000) s, news.keywords(body, s.c, 10)" \
	"keywords_agg=SELECT news.keywords_agg(body, 10) FROM bench.docs" \
	"tokenize=SELECT sum(pg_catalog.array_length(news.tokenize(body), 1)) FROM bench.docs" \
	"to_tsvector_english=SELECT sum(pg_catalog.length(to_tsvector('english', body))) FROM bench.docs"
