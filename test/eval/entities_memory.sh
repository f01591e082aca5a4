#!/usr/bin/env bash
# test/eval/entities_memory.sh: would a type memory across documents make
# news.entities' types consistent (issue 9: "the same canonical string gets
# the same type unless the context clearly says otherwise")?
#
# Runs the default news.entities(body) (the stacked model) over
#   - BBC + AG News (the corpus of entities_junk.sh's consistency measure,
#     each article as title, a blank line, body),
#   - CoNLL-2003 dev and IE-ER newswire (scored, as in ner.sh),
#   - the unlabelled news a memory may be learned from, none of them in the
#     measure: Reuters-21578, the CoNLL-2003 train texts, and the texts of
#     the other shared news sets (CNN/DailyMail validation, PolNeAR train
#     and dev, PerSenT dev, NewsMTSC train, 500N-KPCrowd), the last also
#     with model => 'rules',
# and simulates over that output (test/eval/entities_memory.py) a static
# memory learned from the unlabelled corpora (a name's majority type, as a
# generated .inc would ship it) and a database's memory of the same corpus
# (the types its other articles give a name).  Builds and installs into a
# throwaway cluster.  Not a timed test.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
trap 'na_cluster_stop' EXIT

S=$NA_SHARED
for f in corpora/bbc_fulltext corpora/ag_news_test corpora/reuters21578 ner/ieer_newswire; do
	[ -r "$S/$f.jsonl" ] || { echo "missing $S/$f.jsonl (set NA_SHARED)" >&2; exit 1; }
done
for f in dev train; do
	[ -r "$S/conll2003/$f.txt" ] || { echo "missing $S/conll2003/$f.txt (set NA_SHARED)" >&2; exit 1; }
done

na_tmp
OUT=$NA_TMP/memory
mkdir -p "$OUT"
chmod 755 "$OUT"
python3 test/eval/ner_data.py conll "$S/conll2003/dev.txt" "$OUT/conll.jsonl"
python3 test/eval/ner_data.py conll "$S/conll2003/train.txt" "$OUT/train.jsonl"
python3 test/eval/ner_data.py ieer "$S/ner/ieer_newswire.jsonl" "$OUT/ieer.jsonl"
chmod 644 "$OUT"/*.jsonl

na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE raw (src text, j jsonb)" -c "CREATE TABLE r (j jsonb)"

# load FILE as source SRC
load() {
	na_psql -c "TRUNCATE r" -c "\\copy r (j) FROM '$2' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
		-c "INSERT INTO raw SELECT '$1', j FROM r"
}
load bbcag "$S/corpora/bbc_fulltext.jsonl"
load bbcag "$S/corpora/ag_news_test.jsonl"
load reuters "$S/corpora/reuters21578.jsonl"
load conll "$OUT/conll.jsonl"
load ieer "$OUT/ieer.jsonl"
load train "$OUT/train.jsonl"
for f in summaries/cnndm_validation quotes/polnear_train quotes/polnear_dev sentiment/persent_dev \
	sentiment/newsmtsc_train keyphrases/kpcrowd_trainval; do
	[ -r "$S/$f.jsonl" ] && load modern "$S/$f.jsonl"
done
# the texts as news.entities is given them in entities_junk.sh (title, a
# blank line, body) and ner.sh (text); ids without tabs or newlines
na_psql <<'SQL'
CREATE TABLE texts AS
	SELECT src, pg_catalog.regexp_replace(coalesce(j->>'id', ''), '[\t\n\r]', ' ', 'g') AS id,
		   CASE WHEN j ? 'text' THEN j->>'text'
				ELSE coalesce(nullif(j->>'title', '') || E'\n\n', '') || coalesce(j->>'body', '') END AS body,
		   row_number() OVER () AS n
	FROM raw;
SQL
na_psql -At -F $'\t' -c "SELECT t.src, t.id, e.start - 1, e.length, e.type, e.confidence,
		pg_catalog.regexp_replace(e.entity, '[\t\n\r]', ' ', 'g')
	FROM texts t, news.entities(t.body) e ORDER BY t.n, e.start" >"$OUT/mentions.tsv"
na_psql -At -F $'\t' -c "SELECT t.src || '_r', t.id, e.start - 1, e.length, e.type, e.confidence,
		pg_catalog.regexp_replace(e.entity, '[\t\n\r]', ' ', 'g')
	FROM texts t, news.entities(t.body, model => 'rules') e
	WHERE t.src IN ('reuters', 'train', 'modern') ORDER BY t.n, e.start" >>"$OUT/mentions.tsv"
# the database's memory with the machinery there is: news.stop_entities
# rows (name, minority type, force_type, majority type) from the mentions of
# one half (BBC, or AG News: names in >= 3 of its articles whose majority
# covers >= 60%, ORG and LOC not crossed), the three scored sets run again
# with them in place: mentions_bbc.tsv, mentions_agnews.tsv
na_psql -c "CREATE TABLE m (src text, id text, type text, entity text)" \
	-c "\\copy m FROM PROGRAM 'cut -f1,2,5,7 $OUT/mentions.tsv' WITH (FORMAT text, DELIMITER e'\\t')"
for half in bbc agnews; do
	na_psql <<SQL
TRUNCATE news.stop_entities;
INSERT INTO news.stop_entities (name, type, action, forced_type)
	WITH b AS (SELECT * FROM m WHERE src = 'bbcag' AND id LIKE '$half-%'
				   AND type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC')),
	per AS (SELECT entity, type, count(*) AS n FROM b GROUP BY 1, 2),
	docs AS (SELECT entity, count(DISTINCT id) AS d FROM b GROUP BY 1),
	maj AS (SELECT DISTINCT ON (entity) entity, type, n, sum(n) OVER (PARTITION BY entity) AS tot
			FROM per ORDER BY entity, n DESC, type)
	SELECT DISTINCT ON (pg_catalog.lower(p.entity), p.type) p.entity, p.type, 'force_type', mj.type
	FROM per p JOIN maj mj USING (entity) JOIN docs d USING (entity)
	WHERE d.d >= 3 AND mj.n >= 0.6 * mj.tot AND p.type <> mj.type
		AND NOT (p.type IN ('ORG', 'LOC') AND mj.type IN ('ORG', 'LOC'))
	ORDER BY pg_catalog.lower(p.entity), p.type, p.entity;
SQL
	echo "news.stop_entities rows from $half: $(na_psql -At -c 'SELECT count(*) FROM news.stop_entities')"
	na_psql -At -F $'\t' -c "SELECT t.src, t.id, e.start - 1, e.length, e.type, e.confidence,
			pg_catalog.regexp_replace(e.entity, '[\t\n\r]', ' ', 'g')
		FROM texts t, news.entities(t.body) e
		WHERE t.src IN ('bbcag', 'conll', 'ieer') ORDER BY t.n, e.start" >"$OUT/mentions_$half.tsv"
done
na_psql -c "TRUNCATE news.stop_entities"
echo "mentions: $(cut -f1 "$OUT/mentions.tsv" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
python3 test/eval/entities_memory.py "$OUT"
