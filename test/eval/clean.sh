#!/usr/bin/env bash
# test/eval/clean.sh: what news.clean removes from the shared corpora, next
# to a cue-phrase line filter measured in the same run, and the precision of
# a hand-checked sample of its removals.
#
# Reads every text of $NA_SHARED that is a document: corpora/*.jsonl
# (Reuters-21578, BBC, AG News, CoNLL-2003 documents), the CNN articles of
# summaries/, the KPCrowd stories of keyphrases/, the IE-ER and GUM news of
# ner/, the PerSenT and NewsMTSC texts of sentiment/, the PolNeAR articles of
# quotes/ and the TempEval-3 texts of dates/.  For each corpus it prints the
# non-blank lines, the lines news.boilerplate removes (and their share), and
# the lines the baseline removes: a line filter that drops every line
# starting with one of the usual boilerplate cues (the regular expression
# below), without news.clean's guards.  "sentences" counts removed lines
# that read like a sentence (six words or more ending with . ! or ?), which
# news.clean promises never to remove: a proxy for false positives.
#
# The hand check: test/eval/clean_judgments.tsv holds a verdict (ok: the
# line is boilerplate; wrong: it is part of the story) for 100 removals,
# keyed by corpus, document id and character offset, without the text (the
# corpora are not ours to copy).  The sample is stratified: 20 removals of
# Reuters-21578 (where nearly every removal is the "Reuter" sign-off) and 80
# of the other corpora, drawn in md5 order.  The script prints the precision
# of the judged removals that the current code still makes, and lists the
# sample's removals it no longer makes or that are not judged yet.
# NA_EVAL_SHOW=1 prints the sample with two lines of context each, for
# judging.  Write-up: test/eval/clean.md.
#
# Runs its own throwaway cluster.  Usage: bash test/eval/clean.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
judgments=$NA_TOP/test/eval/clean_judgments.tsv

# corpus file text-field
corpora="reuters corpora/reuters21578.jsonl body
bbc corpora/bbc_fulltext.jsonl body
ag_news corpora/ag_news_test.jsonl body
conll corpora/conll2003_docs_traindev.jsonl text
cnn summaries/cnndm_validation.jsonl text
kpcrowd keyphrases/kpcrowd_trainval.jsonl text
ieer ner/ieer_newswire.jsonl text
gum ner/gum_news_docs.jsonl text
persent sentiment/persent_dev.jsonl text
newsmtsc sentiment/newsmtsc_train.jsonl text
polnear quotes/polnear_train.jsonl text
polnear_dev quotes/polnear_dev.jsonl text
te3 dates/te3_train.jsonl text"
while read -r name file key; do
	[ -r "$NA_SHARED/$file" ] || { echo "missing $NA_SHARED/$file" >&2; exit 1; }
done <<<"$corpora"

trap na_cluster_stop EXIT
na_build
na_private_install
na_cluster_start UTF8 >/dev/null
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE SCHEMA eval" \
	-c "CREATE TABLE eval.raw (j jsonb)" -c "CREATE TABLE eval.docs (corpus text, id text, body text)" >/dev/null
while read -r name file key; do
	na_psql -c "\\copy eval.raw (j) FROM '$NA_SHARED/$file' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
		-c "INSERT INTO eval.docs SELECT '$name', coalesce(j->>'id', md5(j::text)), j->>'$key' FROM eval.raw WHERE coalesce(j->>'$key', '') <> ''" \
		-c "TRUNCATE eval.raw" >/dev/null
done <<<"$corpora"

na_psql -At -F ' ' <<'SQL' | column -t
SET max_parallel_workers_per_gather = 0;
-- the non-blank lines of every document, with their character offsets
CREATE TABLE eval.lines AS
	SELECT corpus, id, line,
		sum(length(line) + 1) OVER (PARTITION BY corpus, id ORDER BY n) - length(line) AS start
	FROM eval.docs, regexp_split_to_table(body, E'\n') WITH ORDINALITY AS l(line, n);
DELETE FROM eval.lines WHERE line !~ '\S';
-- news.boilerplate's removals; a line removal covers a line's text
CREATE TABLE eval.removed AS
	SELECT d.corpus, d.id, b.start, b.length, b.kind, b.text
	FROM eval.docs d, news.boilerplate(d.body) b;
CREATE TABLE eval.removed_lines AS
	SELECT * FROM eval.removed
	WHERE kind NOT IN ('html_tag', 'comment', 'script', 'style', 'element', 'markup');
-- the baseline: lines starting with a usual cue
CREATE TABLE eval.baseline AS
	SELECT * FROM eval.lines
	WHERE lower(btrim(line)) ~ '^\W*(read more|related|see also|more on|share|follow|source|sources|courtesy|photo|photos|image|credit|video|watch|listen|advertisement|sponsored|click here|sign up|subscribe|newsletter|next|previous|prev|home|copyright|getty|reuters?|ap|afp|we use cookies)\M';
CREATE FUNCTION pg_temp.sentence(t text) RETURNS bool LANGUAGE sql IMMUTABLE
	AS $$ SELECT btrim(t) ~ '[.!?]["'')’”]*$' AND array_length(regexp_split_to_array(btrim(t), '\s+'), 1) >= 6 $$;

\echo corpus docs lines removed share% sentences baseline share% sentences both
SELECT c.corpus, c.docs, c.lines, coalesce(r.n, 0), round(100.0 * coalesce(r.n, 0) / c.lines, 2),
	coalesce(r.s, 0), coalesce(b.n, 0), round(100.0 * coalesce(b.n, 0) / c.lines, 2), coalesce(b.s, 0),
	coalesce(x.n, 0)
FROM (SELECT corpus, count(DISTINCT id) AS docs, count(*) AS lines FROM eval.lines GROUP BY corpus) c
LEFT JOIN (SELECT corpus, count(*) AS n, count(*) FILTER (WHERE pg_temp.sentence(text)) AS s
		   FROM eval.removed_lines GROUP BY corpus) r USING (corpus)
LEFT JOIN (SELECT corpus, count(*) AS n, count(*) FILTER (WHERE pg_temp.sentence(line)) AS s
		   FROM eval.baseline GROUP BY corpus) b USING (corpus)
LEFT JOIN (SELECT r.corpus, count(*) AS n FROM eval.removed_lines r
		   JOIN eval.baseline b ON b.corpus = r.corpus AND b.id = r.id AND r.start >= b.start
			AND r.start < b.start + length(b.line)
		   GROUP BY r.corpus) x USING (corpus)
ORDER BY c.lines DESC;
SELECT 'all', count(DISTINCT (corpus, id)), count(*),
	(SELECT count(*) FROM eval.removed_lines),
	round(100.0 * (SELECT count(*) FROM eval.removed_lines) / count(*), 2),
	(SELECT count(*) FROM eval.removed_lines WHERE pg_temp.sentence(text)),
	(SELECT count(*) FROM eval.baseline),
	round(100.0 * (SELECT count(*) FROM eval.baseline) / count(*), 2),
	(SELECT count(*) FROM eval.baseline WHERE pg_temp.sentence(line)), ''
FROM eval.lines;
SQL
echo
na_psql -At -F ' ' <<'SQL' | column -t
\echo kind removals corpora
SELECT kind, count(*), string_agg(DISTINCT corpus, ',') FROM eval.removed GROUP BY kind ORDER BY count(*) DESC;
SQL

# the sample: 20 line removals of Reuters and 80 of the other corpora, in
# md5 order of corpus, id and start
na_psql -q -c "CREATE TABLE eval.sample AS
	(SELECT 'reuters' AS stratum, corpus, id, start, length, kind, text FROM eval.removed_lines
	 WHERE corpus = 'reuters' ORDER BY md5(corpus || id || start) LIMIT 20)
	UNION ALL
	(SELECT 'others', corpus, id, start, length, kind, text FROM eval.removed_lines
	 WHERE corpus <> 'reuters' ORDER BY md5(corpus || id || start) LIMIT 80)" \
	-c "CREATE TABLE eval.judgments (corpus text, id text, start int, length int, kind text, verdict text, note text)"
if [ -r "$judgments" ]; then
	grep -v '^#' "$judgments" | na_psql -c "\\copy eval.judgments FROM STDIN WITH (FORMAT text)"
fi
echo
echo "hand check ($judgments): precision of the judged removals the code still makes"
na_psql -At -F ' ' <<'SQL' | column -t
\echo stratum judged ok wrong precision
SELECT s.stratum, count(j.verdict), count(*) FILTER (WHERE j.verdict = 'ok'),
	count(*) FILTER (WHERE j.verdict = 'wrong'),
	round(count(*) FILTER (WHERE j.verdict = 'ok')::numeric / nullif(count(j.verdict), 0), 3)
FROM eval.sample s LEFT JOIN eval.judgments j USING (corpus, id, start, length, kind)
GROUP BY ROLLUP (s.stratum) ORDER BY s.stratum NULLS LAST;
SQL
na_psql -At -F ' ' -c "SELECT 'not judged yet:', count(*) FROM eval.sample s LEFT JOIN eval.judgments j USING (corpus, id, start, length, kind) WHERE j.verdict IS NULL" \
	-c "SELECT 'judged but no longer removed:', count(*) FROM eval.judgments j LEFT JOIN eval.sample s USING (corpus, id, start, length, kind) WHERE s.id IS NULL"

if [ -n "${NA_EVAL_SHOW:-}" ]; then
	echo
	echo "the sample, with two lines of context (judge: corpus id start length kind verdict note)"
	na_psql -At <<'SQL'
SELECT format(E'%s\t%s\t%s\t%s\t%s\t%s\n    before: %s\n    REMOVED: %s\n    after: %s\n',
	s.corpus, s.id, s.start, s.length, s.kind, coalesce(j.verdict, '?'),
	(SELECT string_agg(l.line, ' / ' ORDER BY l.start) FROM (SELECT * FROM eval.lines l WHERE l.corpus = s.corpus AND l.id = s.id AND l.start + length(l.line) < s.start ORDER BY l.start DESC LIMIT 2) l),
	s.text,
	(SELECT string_agg(l.line, ' / ' ORDER BY l.start) FROM (SELECT * FROM eval.lines l WHERE l.corpus = s.corpus AND l.id = s.id AND l.start > s.start + s.length ORDER BY l.start LIMIT 2) l))
FROM eval.sample s LEFT JOIN eval.judgments j USING (corpus, id, start, length, kind)
ORDER BY s.stratum DESC, s.corpus, s.id, s.start;
SQL
fi
