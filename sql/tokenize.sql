-- news.tokenize: index terms, configurations, NULL and empty input
SET search_path = public;

SELECT news.tokenize('Ukraine’s foreign ministers were running to the U.S. embassy.');
SELECT news.tokenize('Ukraine’s foreign ministers were running to the U.S. embassy.', 'simple');
SELECT news.tokenize('Les ministres étrangers parlaient', 'french');
-- numbers, money, percentages, dates, abbreviations
SELECT news.tokenize('Shares rose 3.5% to $1,000.50 on 12 February 2025 (1996-08-22), a $5bn deal worth €20.', 'simple');
-- URLs, e-mail, hashtags, mentions keep their identity
SELECT news.tokenize('Read https://example.com/News?id=7 or mail Desk@Example.org #Brexit @Reuters', 'simple');
-- stopwords only, punctuation only, empty, NULL
SELECT news.tokenize('the of and to it was');
SELECT news.tokenize('... — !!! ?');
SELECT news.tokenize('');
SELECT news.tokenize(NULL);
SELECT news.tokenize('text', NULL);
-- unknown configuration: clear error with SQLSTATE
\set VERBOSITY sqlstate
SELECT news.tokenize('text', 'klingon');
SELECT news.tokenize('text', repeat('x', 100));
\set VERBOSITY default
SELECT news.tokenize('text', 'klingon');
-- the default configuration is english
SELECT news.tokenize('Running runners ran') = news.tokenize('Running runners ran', 'english') AS default_is_english;
-- terms are the same whatever the surrounding punctuation or case
SELECT news.tokenize('"TRUMP," he said') = news.tokenize('trump he said') AS case_and_punctuation_insensitive;
-- long tokens (over 256 bytes normalized) give no term
SELECT pg_catalog.array_length(news.tokenize(repeat('a', 300) || ' short'), 1) AS long_word_skipped;
-- volatility and parallel safety as declared
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'news' AND p.proname IN ('tokenize', 'tokens', 'sentences')
ORDER BY 1;
-- every object of the extension has a comment
SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS uncommented
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'news_analytics')
  AND d.deptype = 'e'
  AND pg_catalog.obj_description(d.objid, (SELECT relname FROM pg_class WHERE oid = d.classid)::name) IS NULL
  AND d.classid <> 'pg_catalog.pg_type'::regclass
ORDER BY 1;
