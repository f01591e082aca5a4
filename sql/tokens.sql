-- news.tokens: kinds and offsets on the text news really contains
SET search_path = public;

-- curly quotes and apostrophes, dashes, ellipsis
SELECT * FROM news.tokens('“Ukraine’s de‑escalation,” embassies—a move… that’s it');
-- abbreviations, initials, numbers with separators, currency, percentages
SELECT * FROM news.tokens('Mr. J. Smith of the U.S. paid $5bn (3.5%) or €1,000.50 at 10:30 a.m. on Feb. 12.');
-- dates, URLs, e-mail, hashtags, mentions
SELECT * FROM news.tokens('On 1996-08-22 see www.bbc.co.uk/news, https://x.org/a_(b) or desk@example.org #Brexit @AP_Politics');
-- HTML entities left by scrapers: &amp; &#39; and the bare #39;
SELECT * FROM news.tokens('AT&amp;T&#39;s chief &quot;quit&quot; &mdash; Ukraine#39;s army');
-- no-break spaces, zero-width characters, soft hyphens, CRLF line ends
SELECT * FROM news.tokens(E'no\u00a0break zero\u200bwidth soft\u00adhyphen\r\nnext line');
-- substr(body, start, length) = token for every token of a mixed fixture
WITH doc(body) AS (VALUES (E'“Quote” — dash… ‘single’ ﬁ ＦＵＬＬ 12\u00a0000 Ünïcödé 東京 😀 AT&amp;T #39; x\r\n\u200b end.'))
SELECT count(*) AS tokens, bool_and(substr(body, start, length) = token) AS substr_matches
FROM doc, news.tokens(body);
-- positions are consecutive, starts increase
WITH t AS (SELECT * FROM news.tokens('One. Two three! Four?'))
SELECT bool_and(position = rn) AS consecutive, bool_and(start > prev_start) AS increasing
FROM (SELECT position, start, row_number() OVER (ORDER BY position) AS rn,
             lag(start, 1, 0) OVER (ORDER BY position) AS prev_start FROM t) s;
-- empty and NULL
SELECT count(*) FROM news.tokens('');
SELECT count(*) FROM news.tokens(NULL);
SELECT count(*) FROM news.tokens(E' \n\t\u00a0\u200b ');
