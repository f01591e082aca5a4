#!/usr/bin/env bash
# test/eval/keywords.sh: keyphrase quality of news.keywords on 500N-KPCrowd
# ($NA_SHARED/keyphrases/kpcrowd_trainval.jsonl) next to two baselines run
# in the same run (test/eval/keywords.py): a plain tf-idf n-gram ranker and
# TextRank.  P/R/F1 at 5 and 10, Porter-stemmed exact match, title_only
# texts skipped; validation first (the model of news.keywords was trained
# on train, src/tools/gen_keyword_model.py), train after.  Also
# news.keywords(body, corpus) with a corpus of the train texts.  Builds
# and installs into a throwaway cluster.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap na_cluster_stop EXIT
DATA=$NA_SHARED/keyphrases/kpcrowd_trainval.jsonl
[ -r "$DATA" ] || { echo "missing $DATA (set NA_SHARED)" >&2; exit 1; }

na_tmp
OUT=$NA_TMP/eval
mkdir -p "$OUT"
chmod 755 "$OUT"
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE kp (j jsonb)" \
	-c "\\copy kp (j) FROM '$DATA' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
na_psql -At -F $'\t' -c "SELECT j->>'id', k.ord, k.phrase
	FROM kp, news.keywords(j->>'text', 10) WITH ORDINALITY
		AS k(phrase, score, count, kind, start, length, ord)" >"$OUT/ours.tsv"
na_psql -At -F $'\t' -c "WITH c AS (SELECT news.corpus_stats(news.termvec(j->>'text')) AS corpus
		FROM kp WHERE j->>'split' = 'train')
	SELECT j->>'id', k.ord, k.phrase
	FROM kp, c, news.keywords(j->>'text', c.corpus, 10) WITH ORDINALITY
		AS k(phrase, score, count, kind, start, length, ord)" >"$OUT/ours_corpus.tsv"
python3 test/eval/keywords.py baselines "$DATA" "$OUT/tfidf.tsv" "$OUT/textrank.tsv"
python3 test/eval/keywords.py score "$DATA" baseline_tfidf="$OUT/tfidf.tsv" \
	baseline_textrank="$OUT/textrank.tsv" news.keywords="$OUT/ours.tsv" \
	"news.keywords+corpus"="$OUT/ours_corpus.tsv"
