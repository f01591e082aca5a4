-- runs first: install the extension into the regression database
CREATE EXTENSION news_analytics;
SELECT extname, extversion, extnamespace::regnamespace AS schema
FROM pg_extension WHERE extname = 'news_analytics';
-- the library and the installed SQL are the same version
SELECT news.version() = extversion AS versions_match
FROM pg_extension WHERE extname = 'news_analytics';
