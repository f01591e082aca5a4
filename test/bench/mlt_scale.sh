#!/usr/bin/env bash
# test/bench/mlt_scale.sh: "more like this" at archive scale.  Generates a
# reproducible corpus of distinct synthetic articles from the shared
# corpora (test/bench/mlt_gen.sql: sentences of Reuters-21578, BBC News, AG
# News and CoNLL-2003 documents recombined within their topic, with
# synthetic names), then for each size builds tf-idf vectors under a GIN
# index (test/bench/mlt_scale_build.sql, with the time of each step) and
# times news.more_like_this for k = 10, 50, 100: the 0.1.0 query (20 terms,
# 2 shared) next to the adaptive query from the corpus statistics, with
# p50/p90/p99 and overlap@k against the exact top k of a full scan, all in
# the same run (test/bench/mlt_scale_queries.sql).  Builds, installs into a
# private tree and runs its own throwaway cluster under /tmp, under nice.
# 1,000,000 articles need about 5 GB of disk and most of an hour.
#
#   NA_MLT_SIZES="22000 100000 1000000"   corpus sizes (the largest is generated)
#   NA_MLT_PROBES=100                     probe articles per size
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
sizes=${NA_MLT_SIZES:-22000 100000 1000000}
probes=${NA_MLT_PROBES:-100}
max=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)
trap na_cluster_stop EXIT
na_gen_cluster "maintenance_work_mem = 512MB
work_mem = 64MB"
echo "== generating $max articles"
start=$(date +%s)
na_psql -v n="$max" -f test/bench/mlt_gen.sql
echo "(generated in $(($(date +%s) - start)) s)"
for n in $sizes; do
	echo
	echo "== $n articles: term vectors, statistics, tf-idf, GIN index"
	na_psql -v n="$n" -f test/bench/mlt_scale_build.sql 2>&1 | grep -v NOTICE
	echo
	echo "== $n articles: more like this, $probes probes, k = 10, 50, 100"
	na_psql -v n="$n" -v nprobes="$probes" -f test/bench/mlt_scale_queries.sql 2>&1 | grep -v NOTICE
done
