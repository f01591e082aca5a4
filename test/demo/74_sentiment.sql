\echo
\echo '=== The tone of each article (news.sentiment without a target): GDELT-style word shares ==='
SELECT a.id, left(a.title, 50) AS title, s.polarity, round(s.score::numeric, 2) AS score,
       round(s.positive::numeric, 1) AS "positive %", round(s.negative::numeric, 1) AS "negative %",
       round((s.positive - s.negative)::numeric, 1) AS tone
FROM news_demo.articles a, news.sentiment(a.body) s
ORDER BY a.id;

\echo
\echo '=== The tone toward each person, article by article (news.entity_sentiment) ==='
SELECT a.id, e.entity AS person, e.polarity, round(e.score::numeric, 2) AS score, e.mentions
FROM news_demo.articles a, news.entity_sentiment(a.body) e
WHERE e.type = 'PERSON'
ORDER BY a.id, e.entity;

\echo
\echo '=== The sentiment toward one name as written, surname and pronouns included ==='
SELECT a.id, s.polarity, round(s.score::numeric, 2) AS score, s.sentences, s.mentions
FROM news_demo.articles a, news.sentiment(a.body, 'Volodymyr Zelensky') s
WHERE s.mentions > 0
ORDER BY a.id;
