#!/usr/bin/env bash
# test/bench/patterns_bench.sh: throughput of news.pattern_matches (all
# builtin PCRE2 patterns, JIT-compiled) and news.dates over the BBC and
# Reuters corpora ($NA_SHARED, read only), next to PostgreSQL's own regular
# expression engine running ONE comparable pattern (percentages) over the
# same text, in the same run.  Each query runs twice; the second (warm) run
# is reported.  Run it with nice: the machine is shared.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
na_build && na_private_install && na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics"
na_psql -P footer=off <<SQL
CREATE TEMP TABLE raw (j jsonb);
\\copy raw (j) FROM '$NA_SHARED/corpora/bbc_fulltext.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')
\\copy raw (j) FROM '$NA_SHARED/corpora/reuters21578.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')
CREATE TEMP TABLE docs AS
SELECT j->>'body' AS body, CASE WHEN j->>'date' ~ '^[0-9]{1,2}-[A-Z]{3}-[0-9]{4}' THEN to_date(substr(j->>'date', 1, 11), 'DD-MON-YYYY') ELSE date '2005-01-01' END AS published
FROM raw WHERE coalesce(j->>'body', '') <> '';
CREATE FUNCTION pg_temp.bench(q text, OUT n bigint, OUT ms numeric) AS \$\$
DECLARE t0 timestamptz;
BEGIN
	EXECUTE q INTO n;				-- warm-up
	t0 := clock_timestamp();
	EXECUTE q INTO n;
	ms := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 0);
END \$\$ LANGUAGE plpgsql;
\\echo
SELECT count(*) AS documents, round(sum(octet_length(body)) / 1048576.0, 1) AS mb FROM docs;
\\echo
SELECT v.what, b.n AS matches, b.ms, round((SELECT sum(octet_length(body)) FROM docs) / 1048576.0 / (b.ms / 1000.0), 1) AS mb_per_s
FROM (VALUES
  (1, 'news.pattern_matches: every builtin pattern (PCRE2, JIT)', 'SELECT count(*) FROM docs, news.pattern_matches(body)'),
  (2, 'news.dates with published date (DATE + resolution)', 'SELECT count(*) FROM docs, news.dates(body, published)'),
  (3, 'baseline: regexp_matches, 1 percent pattern (PostgreSQL ARE)',
      \$q\$SELECT count(*) FROM docs, regexp_matches(body, '\\m[0-9]+(\\.[0-9]+)?\\s?(%|percent\\M|per\\scent\\M|pct\\M)', 'g')\$q\$),
  (4, 'news.pattern_matches restricted to PERCENT (same scan)', \$q\$SELECT count(*) FROM docs, news.pattern_matches(body) p WHERE p.type = 'PERCENT'\$q\$)
) AS v(k, what, q), pg_temp.bench(v.q) b
ORDER BY v.k;
SQL
