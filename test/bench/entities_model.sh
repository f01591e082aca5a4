#!/usr/bin/env bash
# test/bench/entities_model.sh: words per second of the learned entity
# model (news.entities(body, model => 'conll'), or the built-in or stored
# model named by NA_ENT_MODEL, e.g. combined) next to the rules
# (news.entities(body)) inside SQL over the Reuters-21578 and BBC corpora,
# one core (parallel query off), by the backend's own CPU time
# (/proc/self/schedstat), the two alternated in the same run (A B A B ...);
# prints the medians and the median of the paired ratios.  Not a timed test.
#
#   NA_BENCH_RUNS=N   pairs of runs (default 5)
#   NA_ENT_MODEL=M    the learned model (default conll)
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
RUNS=${NA_BENCH_RUNS:-5}
MODEL=${NA_ENT_MODEL:-conll}
learned="news.entities(body, model => '$MODEL')"

na_tmp
na_bench_cluster
na_psql -c "CREATE TABLE articles AS SELECT j->>'id' AS id, j->>'body' AS body FROM raw
	WHERE coalesce(j->>'body', '') <> ''" -c "VACUUM ANALYZE articles"
read -r docs words < <(na_psql -At -F ' ' -c "SELECT count(*), sum(regexp_count(body, '\\S+')) FROM articles")

# one session: warm up (the gazetteer, the patterns, the model), then the
# pairs; each line: run, function, CPU seconds
{
	echo "SET max_parallel_workers_per_gather = 0;"
	echo "SELECT count(*) FROM articles, $learned e WHERE id = 'bbc-business-001' \\g /dev/null"
	for r in $(seq "$RUNS"); do
		for f in "news.entities(body)" "$learned"; do
			echo "SELECT pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0 \\gset"
			echo "SELECT count(*) FROM articles, $f e \\g /dev/null"
			echo "SELECT $r, \$l\$$f\$l\$, (pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e9;"
		done
	done
} | na_psql -At -F $'\t' | grep -v '^SET$' >"$NA_TMP/speed.tsv"

echo "Reuters-21578 + BBC: $docs non-empty bodies, $words words (\\S+); backend CPU time, $RUNS alternating pairs, one core"
python3 - "$NA_TMP/speed.tsv" "$words" "$learned" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r, f, s = line.rstrip("\n").split("\t")
    runs.setdefault(f, {})[int(r)] = float(s)
words = int(sys.argv[2])
rules, model = "news.entities(body)", sys.argv[3]
print(f"{'what':44} {'CPU s':>8} {'words/s':>12}")
for f in (rules, model):
    m = statistics.median(runs[f].values())
    print(f"{f:44} {m:8.2f} {words / m:12,.0f}")
ratio = statistics.median(runs[model][r] / runs[rules][r] for r in runs[rules])
print(f"{'learned / rules, CPU time (median of pairs)':44} {ratio:8.2f}")
PY
