-- news.pattern_matches, news.entity_patterns: builtin pattern entities,
-- user patterns, validation and invalidation.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

-- builtin types, in text order, with character offsets
SELECT type, mention, start, length,
       substr(body, start, length) = mention AS offsets_ok
FROM (VALUES ('On Wednesday, Feb. 12, 2025 at 10:30 a.m. GMT, Acme said profit rose 3.5% to $5bn '
              '(€20 million, £1.2 million), or 5 million dollars; US$3, Rs 500, 12 percent, 5 per cent, '
              '40 km, 3 tonnes, 2,000 barrels, 5 degrees, 25°C. See https://example.com/a?b=1, mail desk@example.org. '
              'Dates: 12 February 2025, Feb. 12, 1996-08-22, last week, in January, in 2024, yesterday, '
              'two weeks ago, the 1990s, 3 p.m. GMT, noon.')) AS t(body),
     news.pattern_matches(body)
ORDER BY start;

-- non-ASCII text before a match: offsets count characters, not bytes
SELECT type, mention, start, length, substr(body, start, length) = mention AS offsets_ok
FROM (VALUES ('Зеленський заявив 12 лютого: ціни зросли на 5%; 東京 €3, on March 3 — “at 9 a.m.”')) AS t(body),
     news.pattern_matches(body);

-- things that are not pattern entities
SELECT * FROM news.pattern_matches('Theresa May said she may march on, 2,000 people came, 42 is a number, 1,234.');
SELECT * FROM news.pattern_matches('');

-- overlap: the longest match wins ("12 February 2025" over "2025" etc.)
SELECT type, mention FROM news.pattern_matches('since 12 February 2025 and $5 million dollars');

-- user patterns
INSERT INTO news.entity_patterns (type, pattern, description)
VALUES ('TICKER', '\b(?:NYSE|NASDAQ):\s?[A-Z]{1,5}\b', 'exchange tickers');
SELECT type, mention, start, length FROM news.pattern_matches('Shares of Acme (NYSE: ACME) rose 5% on Monday.');
-- a disabled pattern is ignored; changes apply at the next query
UPDATE news.entity_patterns SET enabled = false WHERE type = 'TICKER';
SELECT type, mention FROM news.pattern_matches('Shares of Acme (NYSE: ACME) rose 5% on Monday.');
UPDATE news.entity_patterns SET enabled = true WHERE type = 'TICKER';
-- a user pattern ties with a builtin one of the same extent and wins
INSERT INTO news.entity_patterns (type, pattern) VALUES ('RATE', '\b\d+(?:\.\d+)?%');
SELECT type, mention FROM news.pattern_matches('(NYSE: ACME) rose 5% and 3.25%.');
-- \K moves the start of the reported match
INSERT INTO news.entity_patterns (type, pattern) VALUES ('HANDLE', '(?:^|\s)@\K\w{1,30}');
SELECT type, mention, start FROM news.pattern_matches('ask @newsdesk or @Reuters');
DELETE FROM news.entity_patterns WHERE type IN ('RATE', 'HANDLE');
SELECT type, mention FROM news.pattern_matches('(NYSE: ACME) rose 5% and 3.25%.');

-- bad patterns are rejected with PCRE2's message (SQLSTATE 2201B, printed after each)
INSERT INTO news.entity_patterns (type, pattern) VALUES ('BAD', 'ab(c');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO news.entity_patterns (type, pattern) VALUES ('BAD', 'é(?<n');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO news.entity_patterns (type, pattern) VALUES ('BAD', '[z-a]');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO news.entity_patterns (type, pattern) VALUES ('BAD', 'a\C');
\echo :LAST_ERROR_SQLSTATE
UPDATE news.entity_patterns SET pattern = '(?<=a+)b' WHERE type = 'TICKER';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO news.entity_patterns (type, pattern) VALUES ('lower_case', 'x');
INSERT INTO news.entity_patterns (type, pattern) VALUES ('EMPTY', '');
INSERT INTO news.entity_patterns (type, pattern) VALUES ('NULLP', NULL);
SELECT type, pattern, enabled FROM news.entity_patterns ORDER BY type;

-- hostile patterns: catastrophic backtracking stops with an error, a
-- pattern matching the empty string does not loop
INSERT INTO news.entity_patterns (type, pattern) VALUES ('EVIL', '(a+)+$');
SELECT * FROM news.pattern_matches('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
\echo :LAST_ERROR_SQLSTATE
-- below the limit the same pattern just works
SELECT count(*) FROM news.pattern_matches(repeat('a', 12) || '!');
DELETE FROM news.entity_patterns WHERE type = 'EVIL';
INSERT INTO news.entity_patterns (type, pattern) VALUES ('NOTHING', 'x*'), ('ANYWHERE', '(?=a)');
SELECT * FROM news.pattern_matches('aaa xx aaa');
TRUNCATE news.entity_patterns;
SELECT type, mention FROM news.pattern_matches('(NYSE: ACME) rose 5%.');

-- a row that got in without the check (trigger disabled) is skipped with a warning
ALTER TABLE news.entity_patterns DISABLE TRIGGER entity_patterns_validate;
INSERT INTO news.entity_patterns (type, pattern) VALUES ('BROKEN', 'ab(c'), ('OK', 'abc');
ALTER TABLE news.entity_patterns ENABLE TRIGGER entity_patterns_validate;
SELECT type, mention FROM news.pattern_matches('xx abc 5%');
TRUNCATE news.entity_patterns;

-- the table is dumped with the extension
SELECT c.relname
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_class c ON c.oid = ANY (e.extconfig)
WHERE e.extname = 'news_analytics' AND c.relname = 'entity_patterns';

-- NULL input (STRICT), volatility
SELECT count(*) FROM news.pattern_matches(NULL);
SELECT proname, provolatile, proisstrict, proparallel FROM pg_catalog.pg_proc
WHERE proname IN ('pattern_matches', 'dates') AND pronamespace = 'news'::regnamespace ORDER BY proname;
