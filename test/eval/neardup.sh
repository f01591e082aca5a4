#!/usr/bin/env bash
# test/eval/neardup.sh: near-duplicate quality of the MinHash + LSH pipeline
# against exact ground truth, next to pg_trgm's % as a baseline.
#
# Reads $NA_SHARED/corpora/{reuters21578,bbc_fulltext,ag_news_test}.jsonl and
# $NA_SHARED/near_duplicates/*_jaccard5_ge0.5.tsv (every pair with exact
# Jaccard >= 0.5 over word 5-shingles).  For each corpus and threshold t in
# 0.5, 0.8 it prints, against the pairs with exact Jaccard >= t:
#
#   minhash est   pairs whose MinHash estimate (k = 128) is >= t, found
#                 through the GIN index with news_analytics.minhash_threshold
#                 = t: news.minhash_ops (42 bands x 3 rows), then
#                 news.minhash_compact_ops (16 x 4 folded to 22 bits), the
#                 operator classes of NA_NEARDUP_OPCLASSES
#   + verify      the pipeline: candidates from the index at threshold
#                 t - NA_NEARDUP_MARGIN (default 0.1), kept when the exact
#                 news.shingle_jaccard >= t
#   pg_trgm %     pairs with trigram similarity >= t (GIN gin_trgm_ops),
#                 too slow to probe every document (0.1-1 s per probe on
#                 Reuters): NA_NEARDUP_TRGM_PROBES (default 300) probes, half
#                 of them members of true pairs and half any documents
#                 (md5 order); recall counts the truth pairs touching a probe,
#                 precision the pairs found from the probes
#
# Runs its own throwaway cluster.  Usage: bash test/eval/neardup.sh
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
MARGIN=${NA_NEARDUP_MARGIN:-0.1}
TRGM_PROBES=${NA_NEARDUP_TRGM_PROBES:-300}
OPCLASSES=${NA_NEARDUP_OPCLASSES:-news.minhash_ops news.minhash_compact_ops}
for f in corpora/reuters21578.jsonl corpora/bbc_fulltext.jsonl corpora/ag_news_test.jsonl \
	near_duplicates/reuters21578_jaccard5_ge0.5.tsv; do
	[ -r "$NA_SHARED/$f" ] || { echo "missing $NA_SHARED/$f" >&2; exit 1; }
done

trap na_cluster_stop EXIT
na_build
na_private_install
na_cluster_start UTF8 >/dev/null

na_psql <<SQL
CREATE EXTENSION news_analytics;
CREATE EXTENSION pg_trgm;
CREATE TABLE raw (corpus text, j jsonb);
\copy raw(j) FROM '$NA_SHARED/corpora/reuters21578.jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')
UPDATE raw SET corpus = 'reuters21578' WHERE corpus IS NULL;
\copy raw(j) FROM '$NA_SHARED/corpora/bbc_fulltext.jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')
UPDATE raw SET corpus = 'bbc_fulltext' WHERE corpus IS NULL;
\copy raw(j) FROM '$NA_SHARED/corpora/ag_news_test.jsonl' WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')
UPDATE raw SET corpus = 'ag_news_test' WHERE corpus IS NULL;
-- documents with at least one term (the ground truth has no pairs of empty sets)
CREATE TABLE docs AS
	SELECT corpus, j->>'id' AS id, j->>'body' AS body, news.minhash(j->>'body') AS sig
	FROM raw WHERE coalesce(j->>'body', '') <> '';
DELETE FROM docs WHERE news.jaccard(sig, news.minhash(''::text)) = 1;
ANALYZE docs;
CREATE TABLE gt (corpus text, id1 text, id2 text, jaccard float8, inter int, size1 int, size2 int);
SQL
for c in reuters21578 bbc_fulltext ag_news_test; do
	tail -n +2 "$NA_SHARED/near_duplicates/${c}_jaccard5_ge0.5.tsv" | sed "s/^/$c\t/" |
		na_psql -c "\\copy gt FROM STDIN"
done

na_psql <<SQL
-- exact Jaccard from the counts (the jaccard column is rounded to 6 digits)
CREATE TABLE truth AS
	SELECT corpus, least(id1, id2) AS id1, greatest(id1, id2) AS id2,
		   inter::float8 / (size1 + size2 - inter) AS j
	FROM gt;
CREATE TABLE results (corpus text, t float8, method text, found int, truth int, hit int, ms float8);
SQL

for oc in $OPCLASSES; do
na_psql -c "DROP INDEX IF EXISTS docs_sig" -c "CREATE INDEX docs_sig ON docs USING gin (sig $oc)" -c "ANALYZE docs"
label=${oc#news.}
for c in reuters21578 bbc_fulltext ag_news_test; do
	for t in 0.5 0.8; do
		tlow=$(awk -v t="$t" -v m="$MARGIN" 'BEGIN { printf "%.3f", t - m }')
		na_psql <<SQL
\\set c '$c'
\\set t $t
-- estimate only: the % operator at t through the index
SET news_analytics.minhash_threshold = :t;
SELECT clock_timestamp() AS t0 \\gset
CREATE TEMP TABLE est AS
	SELECT a.id AS id1, b.id AS id2 FROM docs a JOIN docs b
	  ON a.sig OPERATOR(news.%) b.sig AND a.corpus = b.corpus AND a.id < b.id
	WHERE a.corpus = :'c';
INSERT INTO results
	SELECT :'c', :t, 'minhash est ($label)', (SELECT count(*) FROM est),
		   (SELECT count(*) FROM truth WHERE corpus = :'c' AND j >= :t),
		   (SELECT count(*) FROM est e JOIN truth g ON g.corpus = :'c' AND g.id1 = e.id1 AND g.id2 = e.id2 AND g.j >= :t),
		   extract(epoch FROM clock_timestamp() - :'t0') * 1000;
-- pipeline: candidates at t - margin, verified by exact shingle Jaccard
SET news_analytics.minhash_threshold = $tlow;
SELECT clock_timestamp() AS t0 \\gset
CREATE TEMP TABLE ver AS
	SELECT a.id AS id1, b.id AS id2 FROM docs a JOIN docs b
	  ON a.sig OPERATOR(news.%) b.sig AND a.corpus = b.corpus AND a.id < b.id
	WHERE a.corpus = :'c' AND news.shingle_jaccard(a.body, b.body) >= :t;
INSERT INTO results
	SELECT :'c', :t, 'minhash + verify ($label)', (SELECT count(*) FROM ver),
		   (SELECT count(*) FROM truth WHERE corpus = :'c' AND j >= :t),
		   (SELECT count(*) FROM ver e JOIN truth g ON g.corpus = :'c' AND g.id1 = e.id1 AND g.id2 = e.id2 AND g.j >= :t),
		   extract(epoch FROM clock_timestamp() - :'t0') * 1000;
SQL
	done
done
done

# pg_trgm baseline, one corpus at a time
for c in reuters21578 bbc_fulltext ag_news_test; do
	na_psql <<SQL
\\set c '$c'
CREATE TABLE tdocs AS SELECT id, body FROM docs WHERE corpus = :'c';
CREATE INDEX tdocs_trgm ON tdocs USING gin (body gin_trgm_ops);
ANALYZE tdocs;
-- probes: half members of true pairs, half any documents (md5 order)
CREATE TABLE probes AS
	(SELECT id FROM tdocs
	 WHERE id IN (SELECT id1 FROM truth WHERE corpus = :'c' UNION SELECT id2 FROM truth WHERE corpus = :'c')
	 ORDER BY md5(id) LIMIT $TRGM_PROBES / 2)
	UNION
	(SELECT id FROM tdocs ORDER BY md5(id) LIMIT $TRGM_PROBES / 2);
SQL
	for t in 0.5 0.8; do
		na_psql <<SQL
\\set c '$c'
\\set t $t
SET pg_trgm.similarity_threshold = :t;
SELECT clock_timestamp() AS t0 \\gset
CREATE TEMP TABLE tr AS
	SELECT DISTINCT least(a.id, b.id) AS id1, greatest(a.id, b.id) AS id2
	FROM probes p JOIN tdocs a ON a.id = p.id JOIN tdocs b ON a.body % b.body AND a.id <> b.id;
INSERT INTO results
	SELECT :'c', :t, 'pg_trgm % (' || (SELECT count(*) FROM probes) || ' probes)',
		   (SELECT count(*) FROM tr),
		   (SELECT count(*) FROM truth g WHERE corpus = :'c' AND j >= :t
			  AND (g.id1 IN (SELECT id FROM probes) OR g.id2 IN (SELECT id FROM probes))),
		   (SELECT count(*) FROM tr e JOIN truth g ON g.corpus = :'c' AND g.id1 = e.id1 AND g.id2 = e.id2 AND g.j >= :t),
		   extract(epoch FROM clock_timestamp() - :'t0') * 1000;
SQL
	done
	na_psql -c "DROP TABLE tdocs, probes"
done

echo "Near-duplicate quality against exact word 5-shingle Jaccard (k = 128, margin $MARGIN)"
na_psql -P footer=off <<'SQL'
SELECT corpus, t AS "threshold", method, truth AS "true pairs", found AS "pairs found",
	   hit AS correct,
	   CASE WHEN truth > 0 THEN round(hit::numeric / truth, 3) END AS recall,
	   CASE WHEN found > 0 THEN round(hit::numeric / found, 3) END AS "precision",
	   round(ms::numeric) AS ms
FROM results
ORDER BY array_position(ARRAY['reuters21578', 'bbc_fulltext', 'ag_news_test'], corpus), t,
		 method LIKE 'pg_trgm%', method LIKE '%compact%', method LIKE 'minhash +%';
SQL
