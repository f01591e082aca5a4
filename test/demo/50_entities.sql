\echo
\echo '=== Entities of one article (news.entities): canonical name, type, mention as written ==='
SELECT e.entity, e.type, e.mention, e.start, e.length, e.sentence, round(e.confidence::numeric, 2) AS conf
FROM news_demo.articles a, news.entities(a.body) e
WHERE a.id = 3 ORDER BY e.start;

\echo
\echo '=== One canonical name per entity across the sample: aliases and spellings unified ==='
SELECT e.entity, e.type, count(*) AS mentions, count(DISTINCT a.id) AS articles,
       string_agg(DISTINCT e.mention, ' | ') AS written_as
FROM news_demo.articles a, news.entities(a.body) e
WHERE e.type IN ('PERSON', 'ORG', 'LOC', 'NORP')
GROUP BY e.entity, e.type
HAVING count(*) > 1
ORDER BY mentions DESC, e.entity LIMIT 20;

\echo
\echo '=== Nationalities linked to their country (news.entity_country) ==='
SELECT e.mention, e.entity, news.entity_country(e.entity) AS country, count(*)
FROM news_demo.articles a, news.entities(a.body) e
WHERE e.type = 'NORP'
GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1;

\echo
\echo '=== Which articles mention the same people? ==='
SELECT e.entity AS person, array_agg(DISTINCT a.id ORDER BY a.id) AS articles
FROM news_demo.articles a, news.entities(a.body) e
WHERE e.type = 'PERSON'
GROUP BY e.entity HAVING count(DISTINCT a.id) > 1 ORDER BY 1;

\echo
\echo '=== Quotes with their speakers (news.quotes) ==='
SELECT a.id, q.speaker, q.speaker_mention, left(q.quote, 70) AS quote
FROM news_demo.articles a, news.quotes(a.body) q
ORDER BY a.id, q.start;

\echo
\echo '=== The gazetteer is a table: add a name, the next query knows it ==='
SELECT e.entity, e.type FROM news.entities('Officials in Zarnovia welcomed the plan.') e;
INSERT INTO news.gazetteer (alias, canonical, type, link)
VALUES ('Zarnovia', 'Republic of Zarnovia', 'LOC', NULL),
       ('Zarnovian', 'Zarnovian', 'NORP', 'Republic of Zarnovia');
SELECT e.entity, e.type FROM news.entities('Zarnovian officials in Zarnovia welcomed the plan.') e;
DELETE FROM news.gazetteer WHERE alias IN ('Zarnovia', 'Zarnovian');

\echo
\echo '=== The entity types ==='
SELECT * FROM news.entity_types();
