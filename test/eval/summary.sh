#!/usr/bin/env bash
# test/eval/summary.sh: ROUGE-1/2/L of news.summary(body, 3) on the CNN
# highlights sample ($NA_SHARED/summaries/cnndm_validation.jsonl) next to
# Lead-3 (the first three sentences of news.sentences) in the same run, on
# the texts as given and on the same texts with a headline and a line of
# scraper furniture (byline, teaser, "read more", breadcrumb) put before
# them (test/eval/summary.py prepare).  ROUGE is computed by
# test/eval/summary.py.  Builds and installs into a throwaway cluster.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
DATA=$NA_SHARED/summaries/cnndm_validation.jsonl
[ -r "$DATA" ] || { echo "missing $DATA (set NA_SHARED)" >&2; exit 1; }

na_tmp
OUT=$NA_TMP/eval
mkdir -p "$OUT"
chmod 755 "$OUT"
python3 test/eval/summary.py prepare "$DATA" "$OUT/texts.jsonl"
chmod 644 "$OUT/texts.jsonl"
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE s (j jsonb)" \
	-c "\\copy s (j) FROM '$OUT/texts.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
na_psql -At -F $'\t' -c "SELECT j->>'id', j->>'variant', 'ours',
		pg_catalog.regexp_replace(pg_catalog.string_agg(m.text, ' ' ORDER BY m.sentence), '\\s+', ' ', 'g')
	FROM s, news.summary(j->>'text', 3) m GROUP BY 1, 2
	UNION ALL
	SELECT j->>'id', j->>'variant', 'lead3',
		pg_catalog.regexp_replace(pg_catalog.string_agg(l.text, ' ' ORDER BY l.sentence), '\\s+', ' ', 'g')
	FROM s, news.sentences(j->>'text') l WHERE l.sentence <= 3 GROUP BY 1, 2" >"$OUT/summaries.tsv"
python3 test/eval/summary.py score "$DATA" "$OUT/summaries.tsv"
