#!/usr/bin/env bash
# test/eval/sentiment.sh: quality of news.sentiment next to baselines
# measured in the same run (test/eval/sentiment_data.py says how each is
# built):
#   - NewsMTSC, the dev portion held out by src/tools/gen_sentiment_model.py
#     (never learned from): 3-class macro-F1 and accuracy of the sentiment
#     toward each target mention, next to the majority class and a lexicon
#     learned by counting on the train portion;
#   - PerSenT dev: the sentiment toward target_entity of each document and
#     of each labelled paragraph (nothing is learned or tuned on it).
# Needs ../shared/data (NA_SHARED).  Builds and installs into a throwaway
# cluster.  Usage: bash test/eval/sentiment.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT

for f in "$NA_SHARED/sentiment/newsmtsc_train.jsonl" "$NA_SHARED/sentiment/persent_dev.jsonl"; do
	[ -r "$f" ] || { echo "missing $f (set NA_SHARED)" >&2; exit 1; }
done
na_tmp
OUT=$NA_TMP/eval
mkdir -p "$OUT"
chmod 755 "$OUT"
python3 test/eval/sentiment_data.py prepare "$NA_SHARED" "$OUT"
chmod 644 "$OUT"/*.csv

na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics"
na_psql -c "CREATE TABLE newsmtsc (id text, mention text, label text, body text)" \
	-c "\\copy newsmtsc FROM '$OUT/newsmtsc_dev.csv' WITH (FORMAT csv)" \
	-c "CREATE TABLE persent (id text, target text, label text, body text)" \
	-c "\\copy persent FROM '$OUT/persent.csv' WITH (FORMAT csv)" \
	-c "CREATE TABLE persent_par (id text, target text, label text, body text)" \
	-c "\\copy persent_par FROM '$OUT/persent_par.csv' WITH (FORMAT csv)"
na_psql -At -F $'\t' -c "SELECT id, s.polarity FROM newsmtsc, news.sentiment(body, mention) s" \
	>"$OUT/newsmtsc.ours.tsv"
na_psql -At -F $'\t' -c "SELECT id, s.polarity FROM persent, news.sentiment(body, target) s" \
	>"$OUT/persent.ours.tsv"
na_psql -At -F $'\t' -c "SELECT id, s.polarity FROM persent, news.sentiment(body) s" \
	>"$OUT/persent.tone.tsv"
na_psql -At -F $'\t' -c "SELECT id, s.polarity FROM persent_par, news.sentiment(body, target) s" \
	>"$OUT/persent_par.ours.tsv"
python3 test/eval/sentiment_data.py score "$NA_SHARED" "$OUT"
