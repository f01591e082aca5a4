#!/usr/bin/env bash
# test/bench/patterns_core_bench.sh: the pattern layer without the server:
# set creation time and scan throughput with the JIT and with PCRE2's
# interpreter over the BBC bodies ($NA_SHARED, read only) joined into one
# text.  Run it with nice: the machine is shared.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
tmp=$(mktemp -d /tmp/patterns_bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 -c '
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        out.write(json.loads(line)["body"] + "\n")
' "$NA_SHARED/corpora/bbc_fulltext.jsonl" "$tmp/bbc.txt"
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Isrc/core -o "$tmp/bench" test/bench/patterns_core_bench.c \
	src/core/patterns.c src/core/na_core.c $(make -s PG_CONFIG=$NA_PGBIN_SYS/pg_config print-libs)
echo "BBC bodies: $(wc -c <"$tmp/bbc.txt") bytes"
"$tmp/bench" "$tmp/bbc.txt"
