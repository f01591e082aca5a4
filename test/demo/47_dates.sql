-- test/demo/47_dates.sql: date mentions and pattern entities over the demo
-- articles (news_demo.articles, created by the lead's demo), resolved
-- against each article's publication date.
\pset footer off

\echo
\echo '== news.dates: date mentions in the first articles, resolved against published_at'
SELECT a.id, a.published_at::date AS published, d.mention, d.date, d.grain
FROM (SELECT * FROM news_demo.articles ORDER BY id LIMIT 12) a,
     news.dates(a.body, a.published_at) d
ORDER BY a.id, d.start
LIMIT 40;

\echo
\echo '== relative mentions ("yesterday", "last week", "on Wednesday") and what they resolve to'
SELECT d.mention, d.grain, count(*) AS mentions,
       min(d.date - a.published_at::date) AS min_days_from_published,
       max(d.date - a.published_at::date) AS max_days_from_published
FROM news_demo.articles a, news.dates(a.body, a.published_at) d
WHERE d.mention ~* '^(yesterday|today|tomorrow|last|next|this|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)'
   OR d.mention ~ 'ago$'
GROUP BY d.mention, d.grain
ORDER BY mentions DESC, d.mention
LIMIT 20;

\echo
\echo '== how far back and ahead articles look: resolved day-grain dates by distance from publication'
SELECT CASE
         WHEN delta < -365 THEN 'more than a year before'
         WHEN delta < -31 THEN 'one to twelve months before'
         WHEN delta < -7 THEN 'one to four weeks before'
         WHEN delta < 0 THEN 'the week before'
         WHEN delta = 0 THEN 'the day of publication'
         WHEN delta <= 7 THEN 'the week after'
         ELSE 'later'
       END AS when_mentioned,
       count(*) AS dates
FROM (SELECT d.date - a.published_at::date AS delta
      FROM news_demo.articles a, news.dates(a.body, a.published_at) d
      WHERE d.grain = 'day' AND d.date IS NOT NULL) x
GROUP BY 1
ORDER BY min(delta);

\echo
\echo '== share of date mentions resolved with and without the publication date'
SELECT count(*) AS mentions,
       count(d1.date) AS resolved_with_published,
       round(100.0 * count(d1.date) / nullif(count(*), 0), 1) AS pct_with,
       (SELECT count(date) FROM news_demo.articles a2, news.dates(a2.body) d2) AS resolved_without_published
FROM news_demo.articles a, news.dates(a.body, a.published_at) d1;

\echo
\echo '== pattern entities by type (news.pattern_matches), with examples'
SELECT p.type, count(*) AS matches,
       (array_agg(DISTINCT p.mention))[1:6] AS examples
FROM news_demo.articles a, news.pattern_matches(a.body) p
GROUP BY p.type
ORDER BY matches DESC;

\echo
\echo '== a user pattern: stock tickers, effective at the next query'
BEGIN;
INSERT INTO news.entity_patterns (type, pattern, description)
VALUES ('TICKER', '\b(?:NYSE|NASDAQ|Nasdaq|LSE|TSX):\s?[A-Z.]{1,6}\b', 'exchange-qualified tickers (demo)');
SELECT type, mention, start, length
FROM news.pattern_matches('Acme Corp (NYSE: ACME) rose 4.2% to $31.50 on Tuesday; Beta (Nasdaq: BETA) fell.');
ROLLBACK;
