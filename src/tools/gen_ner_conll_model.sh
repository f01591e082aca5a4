#!/usr/bin/env bash
# gen_ner_conll_model.sh: regenerate the built-in learned entity models
# from CoNLL-2003 train, with src/tools/ner_train.c built against the core
# (make ner-model): "conll" (src/core/gen_ner_conll_model_a.inc and _b.inc)
# and "combined", the stacked tagger that reads the rules' names
# (src/core/gen_ner_combined_model_a.inc and _b.inc).
#
#   bash src/tools/gen_ner_conll_model.sh [--data DIR] [--out DIR] [--bytes FILE]
#
# FILE gets the raw bytes of "conll", FILE.combined those of "combined".
#
# DIR defaults to ../shared/data (NA_SHARED); only conll2003/train.txt is
# read, never the dev file the evaluation scores, with the default
# gazetteer rows of src/sql/51_gazetteer_data.sql.  The output is
# deterministic: the same train file gives the same bytes.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
data=${NA_SHARED:-$top/../shared/data}
out=$top/src/core
bytes=
while [ $# -gt 0 ]; do
	case $1 in
	--data) data=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--bytes) bytes=$2; shift 2 ;;
	*) echo "usage: $0 [--data DIR] [--out DIR] [--bytes FILE]" >&2; exit 2 ;;
	esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
libs=$(make -s -C "$top" print-libs)
# every core source but the generated model's own loader, which needs
# the output
srcs=$(ls "$top"/src/core/*.c | grep -v '/ner_conll\.c$')
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -ffp-contract=off -I"$top/src/core" \
	-o "$tmp/ner_train" "$top/src/tools/ner_train.c" $srcs $libs
"$tmp/ner_train" "$data/conll2003/train.txt" "$top/src/sql/51_gazetteer_data.sql" "$out" $bytes
"$tmp/ner_train" --stacked "$data/conll2003/train.txt" "$top/src/sql/51_gazetteer_data.sql" "$out" \
	${bytes:+"$bytes.combined"}
