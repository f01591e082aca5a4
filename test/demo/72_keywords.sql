\echo
\echo '=== Tags of each article (news.keywords): phrases as written, names whole ==='
SELECT a.id, string_agg(k.phrase, ', ' ORDER BY k.score DESC) AS tags
FROM news_demo.articles a, news.keywords(a.body, 6) k
GROUP BY a.id ORDER BY a.id;

\echo
\echo '=== A two-sentence summary of each article (news.summary): no headline, byline or dateline ==='
SELECT a.id, string_agg(s.text, ' ' ORDER BY s.sentence) AS summary
FROM news_demo.articles a, news.summary(a.body, 2) s
GROUP BY a.id ORDER BY a.id;

\echo
\echo '=== The whole sample at once (news.keywords_agg, news.summary_agg) ==='
SELECT string_agg(e->>'phrase', ', ') AS tags_of_the_sample
FROM (SELECT news.keywords_agg(body, 10) AS j FROM news_demo.articles) t, jsonb_array_elements(j) e;
SELECT e->>'text' AS summary_of_the_sample
FROM (SELECT news.summary_agg(body, 2) AS j FROM news_demo.articles) t, jsonb_array_elements(j) e;
