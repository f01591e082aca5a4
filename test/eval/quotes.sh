#!/usr/bin/env bash
# test/eval/quotes.sh: quotation spans and speakers of news.quotes on the
# PolNeAR attribution corpus (train and dev in $NA_SHARED/quotes), next to
# two baselines measured in the same run:
#   - news.quotes of main when issue 10 started (commit $NA_QUOTES_BASELINE,
#     default 69fafd0), built into a second private install and cluster;
#   - nearest name before the cue: our quotation spans, the first speech verb
#     after the quote in its paragraph (else the last one before it), and
#     the nearest PERSON or ORG of news.entities before that verb.
# Scoring and the definitions of every figure are in quotes_score.py.  Tune
# on train, report dev.
#
#   NA_QUOTES_SETS="train dev"   which splits to score
#   NA_QUOTES_BASELINE=REF       the baseline commit ("none" to skip it)
#   NA_QUOTES_DUMP=DIR           also write the predictions and an error
#                                listing there
set -eu
. "$(dirname "$0")/../lib.sh"
. "$NA_TOP/test/baseline.sh"
cd "$NA_TOP"
trap 'na_baseline_stop; na_cluster_stop' EXIT
SETS=${NA_QUOTES_SETS:-"train dev"}
BASE=${NA_QUOTES_BASELINE:-69fafd0}

for s in $SETS; do
	[ -r "$NA_SHARED/quotes/polnear_$s.jsonl" ] ||
		{ echo "missing $NA_SHARED/quotes/polnear_$s.jsonl (set NA_SHARED)" >&2; exit 1; }
done
na_tmp
OUT=${NA_QUOTES_DUMP:-$NA_TMP/eval}
mkdir -p "$OUT"
chmod 755 "$OUT"

na_build
na_private_install
na_cluster_start UTF8
[ "$BASE" = none ] || na_baseline_start "$BASE"

load() {
	local psql=$1
	$psql -c "CREATE EXTENSION IF NOT EXISTS news_analytics" -c "CREATE TABLE polnear (split text, j jsonb)"
	for s in $SETS; do
		$psql -c "CREATE TEMP TABLE raw (j jsonb)" \
			-c "\\copy raw (j) FROM '$NA_SHARED/quotes/polnear_$s.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
			-c "INSERT INTO polnear SELECT '$s', j FROM raw"
	done
}
load na_psql
na_psql -At -F $'\t' -c "SELECT p.split, p.j->>'id', q.start - 1, q.length, q.kind,
		coalesce(q.speaker, ''), coalesce(q.speaker_start - 1, -1), coalesce(q.speaker_length, 0),
		coalesce(q.cue_start - 1, -1), coalesce(q.cue_length, 0),
		coalesce(q.content_start - 1, -1), coalesce(q.content_length, 0), q.confidence
	FROM polnear p, news.quotes(p.j->>'text') q" >"$OUT/ours.tsv"
na_psql -At -F $'\t' -c "SELECT p.split, p.j->>'id', e.start - 1, e.length, e.type, e.entity
	FROM polnear p, news.entities(p.j->>'text') e
	WHERE e.type IN ('PERSON', 'ORG', 'NORP')" >"$OUT/entities.tsv"
if [ "$BASE" != none ]; then
	load na_base_psql
	# 0.1.0's columns: the mention's offset is not given; the scorer takes
	# the occurrence of the mention nearest to the quote
	na_base_psql -At -F $'\t' -c "SELECT p.split, p.j->>'id', q.start - 1, q.length,
			coalesce(q.speaker, ''), coalesce(q.speaker_mention, '')
		FROM polnear p, news.quotes(p.j->>'text') q" >"$OUT/base.tsv"
else
	: >"$OUT/base.tsv"
fi
for s in $SETS; do
	echo "PolNeAR $s ($(wc -l <"$NA_SHARED/quotes/polnear_$s.jsonl") articles)"
	python3 test/eval/quotes_score.py "$s" "$NA_SHARED/quotes/polnear_$s.jsonl" "$OUT" "$BASE" \
		src/data/given_name_gender.txt
	echo
done
