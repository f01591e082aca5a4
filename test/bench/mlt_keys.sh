#!/usr/bin/env bash
# test/bench/mlt_keys.sh: "more like this" in milliseconds at archive scale,
# news.mlt_search on a GIN index of each article's 32 heaviest terms
# (news.mlt_keys) and news.mlt_impact_search on impact-ordered postings
# (news.mlt_impact_build) next to the 0.1.0 query, the adaptive query of the
# full index and the exact scan, all in the same run.  For each size: the
# corpus of test/bench/mlt_gen.sql (generated once, at the largest size),
# tf-idf vectors and the full GIN index (mlt_scale_build.sql), the key index,
# the key statistics, the impact postings and the exact top 100 of every probe by a full scan
# (mlt_keys_build.sql), then NA_MLT_RUNS timed runs of the three methods for
# k = 10, 50, 100, interleaved (mlt_keys_queries.sql), and the medians over
# the runs (mlt_keys_summary.sql).  NA_MLT_QUERIES_ONLY=1 skips the builds
# and times the tables already there (the largest size's, after a run).  Wall time and the backend's CPU time.
# Builds, installs into a private tree and runs its own throwaway cluster
# under /tmp (shared_buffers 2 GB: the 1,000,000-row table and its indexes
# fit), under nice; NA_MLT_REUSE=1 runs against the server of the current
# PG* environment instead, which must hold gen_raw (or gen_articles).
#
#   NA_MLT_SIZES="22000 100000 1000000"   corpus sizes
#   NA_MLT_PROBES=100                     probe articles per size
#   NA_MLT_RUNS=3                         timed runs per size
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
sizes=${NA_MLT_SIZES:-22000 100000 1000000}
probes=${NA_MLT_PROBES:-100}
runs=${NA_MLT_RUNS:-3}
max=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)
psql_() { "${NA_PGBIN:-$NA_PGBIN_SYS}/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
if [ "${NA_MLT_REUSE:-}" != 1 ]; then
	trap na_cluster_stop EXIT
	na_gen_cluster "shared_buffers = 2GB
maintenance_work_mem = 512MB
work_mem = 64MB
max_wal_size = 8GB"
fi
if [ "$(psql_ -Atc "SELECT to_regclass('gen_articles') IS NOT NULL" )" != t ] ||
   [ "$(psql_ -Atc "SELECT max(id) >= $max FROM gen_articles")" != t ]; then
	echo "== generating $max articles"
	psql_ -c "DROP TABLE IF EXISTS gen_articles, gen_sent, gen_grp; DROP FUNCTION IF EXISTS gen_name, gen_skewed" >/dev/null
	psql_ -v n="$max" -f test/bench/mlt_gen.sql
fi
for n in $sizes; do
	echo
	if [ "${NA_MLT_QUERIES_ONLY:-}" != 1 ]; then
		echo "== $n articles: term vectors, statistics, tf-idf, full GIN index"
		psql_ -v n="$n" -f test/bench/mlt_scale_build.sql 2>&1 | grep -v NOTICE
		echo "== $n articles: key index, key statistics, impact postings, exact top 100 of $probes probes"
		psql_ -v n="$n" -v nprobes="$probes" -f test/bench/mlt_keys_build.sql 2>&1 | grep -v NOTICE
	fi
	psql_ -c "DROP TABLE IF EXISTS mlt_runs"
	for r in $(seq 1 "$runs"); do
		echo "== $n articles: run $r of $runs"
		psql_ -v run="$r" -f test/bench/mlt_keys_queries.sql 2>&1 | grep -v NOTICE
	done
	echo "== $n articles: medians over $runs runs"
	psql_ -v n="$n" -f test/bench/mlt_keys_summary.sql
done
