-- news.dates: date mentions resolved against a publication date.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;
SET datestyle = ISO;

-- published on Thursday 2025-02-13
SELECT mention, date, grain, start, length,
       substr(body, start, length) = mention AS offsets_ok
FROM (VALUES ('On Wednesday the minister, who took office on February 12, 2024, said talks '
              'held last week and in January would resume next month. A 12 Feb deadline '
              'and a 1996-08-22 treaty were mentioned, as was the 2019 election; the 1990s; yesterday, '
              'today and tomorrow; two weeks ago; 3 days ago; last Friday; next Monday; '
              'this Sunday; Feb. 29; December 30; last year; since May; 8/22/1996.')) AS t(body),
     news.dates(body, '2025-02-13')
ORDER BY start;

-- the same text without a publication date: only absolute dates resolve
SELECT mention, date, grain
FROM news.dates('On Wednesday, last week, February 12, 2024, 12 Feb, in January, 2019, 1996-08-22, yesterday.')
ORDER BY start;

-- year boundaries and leap years
SELECT p AS published, d.mention, d.date, d.grain
FROM (VALUES (date '2025-01-03'), (date '2024-12-30'), (date '2024-03-01'), (date '2025-03-01')) AS v(p),
     news.dates('Deals signed December 30, January 2, February 29 and on Friday, last week and next month.', p) AS d
ORDER BY p, d.start;

-- the words before a mention in its clause can point ahead (or back)
SELECT mention, date, grain
FROM news.dates('Schools closed on Thursday and will stay closed until Monday. The law will take effect in '
                'January; it was passed in January. Russia, which will host the talks, said on Wednesday '
                'that they would resume on Wednesday.', '2024-10-03')
ORDER BY start;

-- holidays and seasons
SELECT mention, date, grain
FROM news.dates('Shops close on Christmas Eve and reopen after New Year’s Day. Easter falls late; '
                'Thanksgiving 2025 too. The plant shut last winter and restarts in the spring; '
                'output peaked in the summer of 2019.', '2025-01-20')
ORDER BY start;

-- quarters
SELECT mention, date, grain
FROM news.dates('First-quarter profit rose; the fourth quarter was weak, Q3 2024 strong, and sales '
                'will recover in the second quarter, a year after last quarter''s slump.', '2025-02-10')
ORDER BY start;

-- bare numbers are years only with a preposition or article before them
SELECT mention, date, grain FROM news.dates('In 2019, 2020 people voted; by 2030 the 2024 plan ends; 1999 was hot; mid-2021.');

-- other types are not dates; times and money are skipped
SELECT * FROM news.dates('It cost $5bn at 10:30 a.m., up 3%, 40 km away.', '2025-01-01');

-- NULL, empty, infinite and extreme inputs
SELECT count(*) FROM news.dates(NULL);
SELECT count(*) FROM news.dates(NULL, '2025-01-01');
SELECT count(*) FROM news.dates('');
SELECT mention, date, grain FROM news.dates('yesterday and 2019', 'infinity');
SELECT mention, date, grain FROM news.dates('yesterday and 2019', '-infinity');
SELECT mention, date, grain FROM news.dates('yesterday, next week and next year', '9999-12-31');
SELECT mention, date, grain FROM news.dates('yesterday and last year', '0001-01-01');
SELECT mention, date, grain FROM news.dates('yesterday', '4000-01-01 BC');
SELECT count(*) FROM news.dates(repeat('On Wednesday, February 12, 2025 prices rose 3%. ', 20000), '2025-02-13');

-- a timestamptz publication time: its date in the session's TimeZone
SET timezone = 'UTC';
SELECT mention, date FROM news.dates('It happened yesterday.', timestamptz '2025-02-13 23:30+00');
SET timezone = 'Asia/Tokyo';
SELECT mention, date FROM news.dates('It happened yesterday.', timestamptz '2025-02-13 23:30+00');
-- with the zone in the call, the session's TimeZone no longer matters
SELECT mention, date FROM news.dates('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'UTC');
SELECT mention, date FROM news.dates('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'Asia/Tokyo');
SELECT news.analyze('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'UTC')->'dates' AS utc_day;
SET timezone = 'America/Los_Angeles';
SELECT news.analyze('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'UTC')->'dates' AS utc_day_from_los_angeles;
SELECT news.analyze('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'Asia/Tokyo')->'dates' AS tokyo_day_from_los_angeles;
SELECT mention, date FROM news.dates('It happened yesterday.', timestamptz '2025-02-13 23:30+00', 'UTC');
SELECT count(*) FROM news.dates('yesterday', timestamptz '2025-02-13 23:30+00', 'Nowhere/Atlantis');
RESET timezone;
SELECT count(*) FROM news.dates('yesterday', NULL::timestamptz);
SELECT date FROM news.dates('yesterday', NULL);

-- works over a table of articles
CREATE TEMP TABLE articles (id int, published date, body text);
INSERT INTO articles VALUES
  (1, '2025-02-13', 'Talks ended on Wednesday and resume next week.'),
  (2, '2024-12-31', 'The law takes effect January 1 and was passed in December.'),
  (3, NULL, 'Published some time; the vote was on Tuesday, 2016-06-23.');
SELECT a.id, d.mention, d.date, d.grain
FROM articles a, news.dates(a.body, a.published) d
ORDER BY a.id, d.start;
