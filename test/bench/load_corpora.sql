-- Load the Reuters-21578 and BBC News corpora from ../shared/data into
-- bench.articles(id, source, title, body), non-empty bodies only.
-- psql variables: reuters, bbc (file paths).
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.raw (j jsonb);
\set copy_reuters '\\copy bench.raw (j) FROM ' :'reuters' ' WITH (FORMAT csv, QUOTE e''\\x01'', DELIMITER e''\\x02'')'
:copy_reuters
CREATE TABLE bench.articles AS
    SELECT row_number() OVER ()::int AS id, 'reuters'::text AS source,
           j->>'id' AS ext_id, j->>'title' AS title, j->>'body' AS body
    FROM bench.raw WHERE coalesce(j->>'body', '') <> '';
TRUNCATE bench.raw;
\set copy_bbc '\\copy bench.raw (j) FROM ' :'bbc' ' WITH (FORMAT csv, QUOTE e''\\x01'', DELIMITER e''\\x02'')'
:copy_bbc
INSERT INTO bench.articles
    SELECT (SELECT max(id) FROM bench.articles) + row_number() OVER ()::int, 'bbc',
           j->>'id', j->>'title', j->>'body'
    FROM bench.raw WHERE coalesce(j->>'body', '') <> '';
DROP TABLE bench.raw;
ANALYZE bench.articles;
