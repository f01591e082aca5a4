#!/usr/bin/env bash
# test/eval/ner.sh: named-entity quality of news.entities next to compromise.
# news.entities(body, model => 'rules') is the rules; news.entities(body,
# model => 'conll')
# the built-in learned tagger (src/core/ner_tagger.c, trained on CoNLL-2003
# train only, never on dev: src/tools/ner_train.c), and model =>
# 'combined' the same tagger stacked on the rules (it reads their names;
# the default of news.entities(body) since session 13; a baseline build
# before it runs news.entities(body), the rules),
# scored in the same run, with the speed of each (words/s of the backend's CPU, medians of 5
# alternating runs over the CoNLL dev and IE-ER texts).
#
# Scores, conlleval-style (a predicted entity counts only if its span and its
# type both match), on
#   - CoNLL-2003 dev ($NA_SHARED/conll2003/dev.txt): PER, ORG, LOC, MISC
#     (NORP counted as MISC) and PER+ORG+LOC;
#   - IE-ER 1999 newswire ($NA_SHARED/ner/ieer_newswire.jsonl): PERSON,
#     ORGANIZATION, LOCATION, DATE, TIME, MONEY, PERCENT.
# CoNLL documents are rebuilt as text (tokens joined by spaces, sentences by
# newlines) and our character spans mapped back to token spans
# (test/eval/ner_data.py).  The same texts go through compromise
# (test/eval/ner_compromise.js; npm installs it into test/eval/node_modules
# on first use).  With NA_NER_BASELINE set to a commit (default 1b50ec2,
# the integration branch before issue 9's junk rules; empty: none), the
# same texts also go through a baseline build of that commit
# (test/baseline.sh), measured in the same run.  Builds and installs into
# throwaway clusters.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../baseline.sh"
cd "$NA_TOP"
trap 'na_baseline_stop; na_cluster_stop' EXIT
BASE=${NA_NER_BASELINE-1b50ec2}

for f in "$NA_SHARED/conll2003/dev.txt" "$NA_SHARED/ner/ieer_newswire.jsonl"; do
	[ -r "$f" ] || { echo "missing $f (set NA_SHARED)" >&2; exit 1; }
done
if [ ! -d test/eval/node_modules/compromise ]; then
	na_log "installing compromise into test/eval/node_modules"
	(cd test/eval && npm install --no-save --no-audit --no-fund --prefix . compromise@14 >&2)
fi

na_tmp
OUT=$NA_TMP/eval
mkdir -p "$OUT"
chmod 755 "$OUT"
python3 test/eval/ner_data.py conll "$NA_SHARED/conll2003/dev.txt" "$OUT/conll.jsonl"
python3 test/eval/ner_data.py ieer "$NA_SHARED/ner/ieer_newswire.jsonl" "$OUT/ieer.jsonl"
chmod 644 "$OUT"/*.jsonl

if [ -n "$BASE" ]; then
	na_baseline_start "$BASE"
	for set in conll ieer; do
		na_base_psql -c "CREATE TABLE eval_$set (j jsonb)" \
			-c "\\copy eval_$set (j) FROM '$OUT/$set.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
		na_base_psql -At -F $'\t' -c "SELECT j->>'id', e.start - 1, e.length, e.type, e.confidence
			FROM eval_$set, news.entities(j->>'text') e" >"$OUT/$set.base.tsv"
	done
fi

na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics"

for set in conll ieer; do
	na_psql -c "CREATE TABLE eval_$set (j jsonb)" \
		-c "\\copy eval_$set (j) FROM '$OUT/$set.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
	na_psql -At -F $'\t' -c "SELECT j->>'id', e.start - 1, e.length, e.type, e.confidence
		FROM eval_$set, news.entities(j->>'text', model => 'rules') e" >"$OUT/$set.ours.tsv"
	na_psql -At -F $'\t' -c "SELECT j->>'id', e.start - 1, e.length, e.type, e.confidence
		FROM eval_$set, news.entities(j->>'text', model => 'conll') e" >"$OUT/$set.learned.tsv"
	na_psql -At -F $'\t' -c "SELECT j->>'id', e.start - 1, e.length, e.type, e.confidence
		FROM eval_$set, news.entities(j->>'text', model => 'combined') e" >"$OUT/$set.combined.tsv"
	node test/eval/ner_compromise.js "$OUT/$set.jsonl" >"$OUT/$set.compromise.tsv"
done

# compare SET: the table of SET, with the baseline's column when there is one
compare() {
	python3 test/eval/ner_data.py compare "$OUT/$1.jsonl" \
		${BASE:+"baseline $BASE=$OUT/$1.base.tsv"} "rules=$OUT/$1.ours.tsv" \
		"learned (conll)=$OUT/$1.learned.tsv" "stacked (combined)=$OUT/$1.combined.tsv" \
		"compromise=$OUT/$1.compromise.tsv"
}
echo "CoNLL-2003 dev (216 documents): span-level exact match, NORP counted as MISC"
compare conll
echo
echo "IE-ER 1999 newswire (94 documents); compromise has no DATE/TIME"
compare ieer
echo
echo "CoNLL-2003 dev: reliability of the confidence (names of PER, ORG, LOC, MISC with span and type right)"
python3 test/eval/ner_data.py reliability "$OUT/conll.jsonl" \
	${BASE:+"baseline $BASE=$OUT/conll.base.tsv"} "rules=$OUT/conll.ours.tsv" \
	"learned (conll)=$OUT/conll.learned.tsv" "stacked (combined)=$OUT/conll.combined.tsv"

# speed: the backend's CPU time (/proc/self/schedstat) of each function over
# every text of both sets, rules and the two learned models alternating, 5
# rounds
echo
echo "Type consistency (the measure of entities_junk.sh: names in >= 5 documents whose majority type"
echo "covers >= 95% of their mentions; a name is its text as written, NORP counted as MISC), CoNLL-2003"
echo "dev, and the gold names of CoNLL-2003 train: what the annotation's own conventions reach"
python3 test/eval/ner_data.py consistency "$OUT/conll.jsonl" \
	${BASE:+"baseline $BASE=$OUT/conll.base.tsv"} "rules=$OUT/conll.ours.tsv" \
	"learned (conll)=$OUT/conll.learned.tsv" "stacked (combined)=$OUT/conll.combined.tsv"
if [ -r "$NA_SHARED/conll2003/train.txt" ]; then
	python3 test/eval/ner_data.py conll "$NA_SHARED/conll2003/train.txt" "$OUT/train.jsonl"
	python3 test/eval/ner_data.py consistency "$OUT/train.jsonl" | sed '1d; s/^gold             /gold, CoNLL train/'
fi

echo
echo "Speed over the CoNLL dev and IE-ER texts (words: runs of non-space; backend CPU time, median of 5 alternating runs)"
na_psql -c "CREATE TABLE speed AS SELECT j->>'text' AS body FROM eval_conll UNION ALL SELECT j->>'text' FROM eval_ieer"
words=$(na_psql -At -c "SELECT sum(array_length(regexp_split_to_array(btrim(body), '\s+'), 1)) FROM speed")
{
	echo "SELECT count(*) FROM speed, news.entities(body, model => 'conll') e;"	# loads the models
	echo "SELECT count(*) FROM speed, news.entities(body, model => 'combined') e;"
	for r in 1 2 3 4 5; do
		for f in "news.entities(body, model => 'rules')" "news.entities(body, model => 'conll')" \
			"news.entities(body, model => 'combined')"; do
			echo "SELECT pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS c0 \\gset"
			echo "SELECT count(*) FROM speed, $f e \\g /dev/null"
			echo "SELECT \$l\$$f\$l\$, (pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :c0) / 1e9;"
		done
	done
} | na_psql -At -F $'\t' >"$OUT/speed.tsv"
python3 - "$OUT/speed.tsv" "$words" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) == 2:
        runs.setdefault(parts[0], []).append(float(parts[1]))
words = int(sys.argv[2])
print("%-40s %8s %14s" % ("function", "words", "words/s (CPU)"))
for f, secs in runs.items():
    print("%-40s %8d %14.0f" % (f, words, words / statistics.median(secs)))
PY
