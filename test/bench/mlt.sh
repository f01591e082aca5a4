#!/usr/bin/env bash
# test/bench/mlt.sh: "more like this" benchmark on the 22,004 non-empty
# Reuters-21578 + BBC articles (read from $NA_SHARED/corpora): median ms per
# query through the GIN index next to an exact full scan, overlap@10 of the
# indexed result with the exact one, and the cost of building the corpus
# statistics.  Builds, installs into a private tree and runs its own
# throwaway cluster; runs under nice.
#
#   NA_MLT_PROBES=N   probe articles (default 200)
set -eu
if [ "${NA_NICED:-}" != 1 ]; then
	NA_NICED=1 exec nice -n 10 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
probes=${NA_MLT_PROBES:-200}
for f in reuters21578 bbc_fulltext; do
	[ -r "$NA_SHARED/corpora/$f.jsonl" ] || { echo "missing $NA_SHARED/corpora/$f.jsonl" >&2; exit 1; }
done
trap na_cluster_stop EXIT
na_build
na_private_install
na_cluster_start UTF8
echo "== loading articles, term vectors, corpus statistics, tf-idf, GIN index"
na_psql -c "CREATE TABLE mlt_raw (j jsonb)"
for f in reuters21578 bbc_fulltext; do
	na_psql -c "\\copy mlt_raw(j) FROM '$NA_SHARED/corpora/$f.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
done
na_psql -f test/bench/mlt_load.sql
echo
echo "== more like this: $probes probes, top 10, probe excluded"
na_psql -v nprobes="$probes" -f test/bench/mlt_queries.sql
echo
echo "== corpus statistics aggregate: in-place expanded state vs a per-row copy"
na_psql -f test/bench/mlt_corpus.sql
