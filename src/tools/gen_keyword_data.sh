#!/bin/sh
# gen_keyword_data.sh SHARED_DATA OUT_DIR
#	Regenerates the data of news.keywords and news.summary from the shared
#	data (../shared/data) into OUT_DIR (src/core):
#	  gen_keyword_words.inc  word classes from CoNLL-2003 train POS tags
#	                         (gen_keyword_words.py)
#	  gen_keyword_df.inc     background document frequencies of the index
#	                         terms of Reuters-21578, BBC News and AG News
#	                         (gen_keyword_df.c, built here against src/core)
#	  gen_keyword_model.inc  the keyphrase ranking model, trained on the train
#	                         split of 500N-KPCrowd, with its table of word
#	                         priors (gen_keyword_model.py)
#	Deterministic: the same data gives the same bytes.  make keyword-data
#	runs it; test/check.sh checks that the committed files are up to date
#	when the shared data is present.
set -eu
shared=$1
out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(ls "$top"/src/core/*.c)
libs=$(make -s -C "$top" ${PG_CONFIG:+PG_CONFIG=$PG_CONFIG} print-libs)
mkdir -p "$out"

python3 "$top/src/tools/gen_keyword_words.py" "$shared/conll2003/train.txt" \
	"$top/src/data/gazetteer/titles.txt" "$top/src/data/title_abbreviations.txt" \
	"$top/src/data/stopwords_english.txt" >"$out/gen_keyword_words.inc"

${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$top/src/core" -o "$work/gen_keyword_df" \
	"$top/src/tools/gen_keyword_df.c" $cores $libs
python3 -c '
import json, sys
for f in sys.argv[1:]:
    for line in open(f, encoding="utf-8"):
        body = json.loads(line).get("body") or ""
        if body:
            sys.stdout.write(body.replace("\0", " ") + "\0")
' "$shared/corpora/reuters21578.jsonl" "$shared/corpora/bbc_fulltext.jsonl" \
	"$shared/corpora/ag_news_test.jsonl" | "$work/gen_keyword_df" 5 >"$out/gen_keyword_df.inc"

# the model: features of the KPCrowd texts from the module built with the
# files just written (a copy of src/core with them in place)
mkdir -p "$work/core"
cp "$top"/src/core/*.c "$top"/src/core/*.h "$top"/src/core/*.inc "$work/core/"
cp "$out/gen_keyword_words.inc" "$out/gen_keyword_df.inc" "$work/core/"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$work/core" -o "$work/keyword_features" \
	"$top/src/tools/keyword_features.c" "$work"/core/*.c $libs
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    sys.stdout.write(json.loads(line)["text"].replace("\0", " ") + "\0")
' "$shared/keyphrases/kpcrowd_trainval.jsonl" | "$work/keyword_features" features >"$work/features.tsv"
python3 "$top/src/tools/gen_keyword_model.py" "$shared/keyphrases/kpcrowd_trainval.jsonl" \
	"$work/features.tsv" >"$out/gen_keyword_model.inc"
