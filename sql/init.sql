-- the extension as installed: pg_regress creates it before the first test
-- (--load-extension), and every test file can run alone
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;
SELECT extname, extversion, extnamespace::regnamespace AS schema
FROM pg_extension WHERE extname = 'news_analytics';
-- the library and the installed SQL are the same version
SELECT news.version() = extversion AS versions_match
FROM pg_extension WHERE extname = 'news_analytics';
-- the library reserves its setting prefix: a mistyped setting is an error,
-- not a silently ignored placeholder
SHOW news_analytics.minhash_threshold;
SET news_analytics.minhash_treshold = 0.8;
SELECT pg_catalog.count(*) AS placeholders FROM pg_catalog.pg_settings
WHERE name LIKE 'news\_analytics.%'
  AND name NOT IN ('news_analytics.minhash_threshold', 'news_analytics.mlt_impact_cache');
