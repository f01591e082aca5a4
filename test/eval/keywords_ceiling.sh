#!/usr/bin/env bash
# test/eval/keywords_ceiling.sh: how far a perfect ranker of the candidates
# of news.keywords could go on 500N-KPCrowd (test/eval/keywords.py
# ceiling): src/tools/keyword_features.c, built against src/core, lists the
# candidates before and after the merging of parts and our whole ranking of
# every text; keywords.py picks for each text the most gold candidates that
# the final selection lets through together and prints F1@10 on each
# split, the number of usable gold candidates per text, where the misses
# of our top ten come from, the ceiling tier by tier (every span of the
# text down to our candidates after merging and selection) and why the
# gold phrases that no candidate matches are missed.  No server needed.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
DATA=$NA_SHARED/keyphrases/kpcrowd_trainval.jsonl
[ -r "$DATA" ] || { echo "missing $DATA (set NA_SHARED)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libs=$(make -s print-libs)
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Isrc/core -o "$work/keyword_features" \
	src/tools/keyword_features.c src/core/*.c $libs
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    sys.stdout.write(json.loads(line)["text"].replace("\0", " ") + "\0")
' "$DATA" >"$work/texts"
"$work/keyword_features" features <"$work/texts" >"$work/features.tsv"
"$work/keyword_features" candidates <"$work/texts" >"$work/candidates.tsv"
"$work/keyword_features" rank 1000 <"$work/texts" >"$work/ranked.tsv"
python3 test/eval/keywords.py ceiling "$DATA" "$work/candidates.tsv" "$work/ranked.tsv" \
	"$work/features.tsv"
