#!/usr/bin/env bash
# test/eval/patterns_ieer.sh: how well the builtin patterns find the
# DATE, TIME, MONEY, PERCENT and MEASURE (our QUANTITY) entities of the NIST
# IE-ER 1999 newswire documents ($NA_SHARED/ner/ieer_newswire.jsonl, read
# only).  Prints, per type, gold and predicted counts and precision, recall
# and F1 for exact spans and for overlapping spans, and how many DATE
# mentions news.dates resolves against the article dates.
# Builds, installs into a private tree and runs its own cluster (run it
# with nice: the machine is shared).
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
data=$NA_SHARED/ner/ieer_newswire.jsonl
[ -r "$data" ] || { echo "missing $data" >&2; exit 1; }
trap na_cluster_stop EXIT
na_build && na_private_install && na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics"
na_psql -P footer=off <<SQL
CREATE TEMP TABLE raw (j jsonb);
\\copy raw (j) FROM '$data' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')
CREATE TEMP TABLE docs AS
SELECT j->>'id' AS id, j->>'body' AS body,
       to_date(substr(j->>'date', 1, 10), 'MM/DD/YYYY') AS published
FROM raw;
CREATE TEMP TABLE gold AS
SELECT r.j->>'id' AS id,
       CASE e.type WHEN 'MEASURE' THEN 'QUANTITY' ELSE e.type END AS type,
       e.start + 1 AS s, e."end" + 1 AS e
FROM raw r, jsonb_to_recordset(r.j->'entities') AS e(start int, "end" int, type text)
WHERE e.type IN ('DATE', 'TIME', 'MONEY', 'PERCENT', 'MEASURE');
\\timing on
CREATE TEMP TABLE pred AS
SELECT d.id, p.type, p.start AS s, p.start + p.length AS e
FROM docs d, news.pattern_matches(d.body) p;
\\timing off
\\echo
\\echo IE-ER newswire: $(wc -l <"$data") documents; builtin patterns against the gold DATE, TIME, MONEY, PERCENT, MEASURE (= QUANTITY) spans
\\echo exact: same start and end; overlap: spans share a character (each gold and each predicted span counted once)
WITH types(type) AS (VALUES ('DATE'), ('TIME'), ('MONEY'), ('PERCENT'), ('QUANTITY')),
c AS (
  SELECT t.type,
    (SELECT count(*) FROM gold g WHERE g.type = t.type) AS gold,
    (SELECT count(*) FROM pred p WHERE p.type = t.type) AS pred,
    (SELECT count(*) FROM gold g WHERE g.type = t.type AND EXISTS
       (SELECT FROM pred p WHERE p.id = g.id AND p.type = g.type AND p.s = g.s AND p.e = g.e)) AS exact,
    (SELECT count(*) FROM gold g WHERE g.type = t.type AND EXISTS
       (SELECT FROM pred p WHERE p.id = g.id AND p.type = g.type AND p.s < g.e AND g.s < p.e)) AS gold_hit,
    (SELECT count(*) FROM pred p WHERE p.type = t.type AND EXISTS
       (SELECT FROM gold g WHERE p.id = g.id AND p.type = g.type AND p.s < g.e AND g.s < p.e)) AS pred_hit
  FROM types t)
SELECT type, gold, pred,
  round(exact::numeric / nullif(pred, 0), 3) AS p_exact,
  round(exact::numeric / nullif(gold, 0), 3) AS r_exact,
  round(2.0 * exact / nullif(gold + pred, 0), 3) AS f1_exact,
  round(pred_hit::numeric / nullif(pred, 0), 3) AS p_overlap,
  round(gold_hit::numeric / nullif(gold, 0), 3) AS r_overlap,
  round(2.0 * (pred_hit::numeric / nullif(pred, 0)) * (gold_hit::numeric / nullif(gold, 0))
        / nullif(pred_hit::numeric / nullif(pred, 0) + gold_hit::numeric / nullif(gold, 0), 0), 3) AS f1_overlap
FROM c ORDER BY type;
\\echo
\\echo news.dates over the same documents, against the date of each document
SELECT count(*) AS date_mentions, count(date) AS resolved,
       round(100.0 * count(date) / nullif(count(*), 0), 1) AS pct_resolved,
       count(*) FILTER (WHERE grain = 'day') AS day, count(*) FILTER (WHERE grain = 'week') AS week,
       count(*) FILTER (WHERE grain = 'month') AS month, count(*) FILTER (WHERE grain = 'year') AS year,
       count(*) FILTER (WHERE grain = 'decade') AS decade, count(*) FILTER (WHERE grain = 'season') AS season, count(*) FILTER (WHERE grain = 'quarter') AS quarter, count(*) FILTER (WHERE grain = 'century') AS century
FROM docs d, news.dates(d.body, d.published) x;
SQL
