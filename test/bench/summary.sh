#!/usr/bin/env bash
# test/bench/summary.sh: throughput of news.summary (and news.summary_agg)
# over Reuters-21578 + BBC News in SQL, one core, next to news.sentences,
# news.tokenize and to_tsvector('english') measured in the same run
# (test/bench/text_function.sh).  Target: 20 MB/s.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/text_function.sh"
cd "$NA_TOP"
bench_text_function "news.summary(body) next to baselines" \
	"summary=SELECT count(*) FROM bench.docs, news.summary(body, 3)" \
	"summary_agg=SELECT news.summary_agg(body, 3) FROM bench.docs" \
	"sentences=SELECT count(*) FROM bench.docs, news.sentences(body)" \
	"tokenize=SELECT sum(pg_catalog.array_length(news.tokenize(body), 1)) FROM bench.docs" \
	"to_tsvector_english=SELECT sum(pg_catalog.length(to_tsvector('english', body))) FROM bench.docs"
