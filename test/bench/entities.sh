#!/usr/bin/env bash
# test/bench/entities.sh: words per second of news.entities inside SQL over
# the Reuters-21578 and BBC corpora, one core (parallel query off), next to
# compromise (node) on the same texts in the same run.  Not a timed test.
#
#   NA_BENCH_RUNS=N   runs of each query; the median is reported (default 5)
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
RUNS=${NA_BENCH_RUNS:-5}

if [ ! -d test/eval/node_modules/compromise ]; then
	na_log "installing compromise into test/eval/node_modules"
	(cd test/eval && npm install --no-save --no-audit --no-fund --prefix . compromise@14 >&2)
fi
na_tmp
OUT=$NA_TMP/bench
mkdir -p "$OUT"
chmod 755 "$OUT"
na_bench_cluster
na_psql -c "CREATE TABLE articles AS SELECT j->>'id' AS id, j->>'body' AS body FROM raw
	WHERE coalesce(j->>'body', '') <> ''" -c "VACUUM ANALYZE articles"
na_psql -At -c "SELECT pg_catalog.json_build_object('body', body) FROM articles" >"$OUT/texts.jsonl"
read -r docs words mb < <(na_psql -At -F ' ' -c "SELECT count(*), sum(regexp_count(body, '\\S+')),
	round(sum(octet_length(body)) / 1e6, 1) FROM articles")

median() {
	local q=$1 t times=
	for _ in $(seq "$RUNS"); do
		t=$(printf '%s\n' "SET max_parallel_workers_per_gather = 0;" "\\timing on" "$q" |
			na_psql -At 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		times="$times $t"
	done
	printf '%s\n' $times | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
# warm up: compile the gazetteer and the pattern set, read the table
na_psql -At -c "SELECT count(*) FROM articles, news.entities(body) WHERE id = 'bbc-business-001'" >/dev/null
scan_ms=$(median "SELECT count(*) FROM articles WHERE length(body) > 0")
ents=$(na_psql -At -c "SET max_parallel_workers_per_gather = 0" -c "SELECT count(*) FROM articles, news.entities(body)" | tail -1)
ent_ms=$(median "SELECT count(*) FROM articles, news.entities(body)")
quote_ms=$(median "SELECT count(*) FROM articles, news.quotes(body)")
comp=$(node test/eval/ner_compromise.js --bench "$OUT/texts.jsonl")
comp_s=$(echo "$comp" | sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p')
comp_ents=$(echo "$comp" | sed -n 's/.*"entities":\([0-9]*\).*/\1/p')
comp_ver=$(echo "$comp" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')

echo "Reuters-21578 + BBC: $docs non-empty bodies, $words words (\\S+), $mb MB; median of $RUNS runs, one core"
printf '%-44s %10s %10s %14s\n' "what" "seconds" "entities" "words/s"
awk -v w="$words" -v t="$ent_ms" -v e="$ents" 'BEGIN{printf "%-44s %10.2f %10d %14d\n", "news.entities (SQL, count(*))", t/1000, e, w/(t/1000)}'
awk -v w="$words" -v t="$quote_ms" 'BEGIN{printf "%-44s %10.2f %10s %14d\n", "news.quotes (SQL, count(*))", t/1000, "-", w/(t/1000)}'
awk -v w="$words" -v t="$comp_s" -v e="$comp_ents" -v v="$comp_ver" 'BEGIN{printf "%-44s %10.2f %10d %14d\n", "compromise " v " (node, people/places/orgs/...)", t, e, w/t}'
awk -v w="$words" -v t="$scan_ms" 'BEGIN{printf "%-44s %10.2f %10s %14s\n", "(table scan alone, length(body))", t/1000, "-", "-"}'
