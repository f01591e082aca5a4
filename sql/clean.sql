-- news.clean, news.boilerplate, news.boilerplate_kinds: scraped bodies
-- without markup and boilerplate.  The page and article are project-written
-- fixtures under test/data/clean (read from the top directory, where
-- pg_regress runs).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

\set page `cat test/data/clean/page.html`
\set article `cat test/data/clean/article.txt`
\set soup `cat test/data/clean/soup.html`
\set scraped `cat test/data/clean/scraped.txt`
CREATE TEMP TABLE fixture (name text, body text);
INSERT INTO fixture VALUES
    ('page', replace(:'page', '@BODY@', :'article')),
    ('soup', :'soup'),
    ('scraped', :'scraped');

-- a scraped page: the article, its headline and byline stay; the site's
-- navigation, notices, credits, teasers and markup go
SELECT news.clean(body) FROM fixture WHERE name = 'page';

-- what was removed and why: every row's text is the body at its offsets
SELECT start, length, kind, text, substr(body, start, length) = text AS offsets_ok
FROM fixture, news.boilerplate(body)
WHERE name = 'page' AND kind NOT IN ('html_tag', 'element', 'script')
ORDER BY start;
SELECT kind, count(*) AS removals, bool_and(substr(body, start, length) = text) AS offsets_ok
FROM fixture, news.boilerplate(body)
WHERE name = 'page'
GROUP BY kind ORDER BY kind;

-- tag soup: misnested and unclosed tags, stray end tags, an unclosed
-- comment, wire tickers inside HTML, escaped markup, raw text elements
SELECT news.clean(body) FROM fixture WHERE name = 'soup';
SELECT start, length, kind, text
FROM fixture, news.boilerplate(body)
WHERE name = 'soup' AND kind <> 'html_tag'
ORDER BY start;

-- scraped plain text: boilerplate lines go, the wrapped story stays as
-- written, and sentences that start like boilerplate stay
SELECT news.clean(body) FROM fixture WHERE name = 'scraped';
SELECT start, length, kind, text, substr(body, start, length) = text AS offsets_ok
FROM fixture, news.boilerplate(body)
WHERE name = 'scraped'
ORDER BY start;

-- plain text is left alone: wire tickers, ampersands, line breaks
SELECT news.clean(E'Sun Co <SUN> and First Interstate Bancorp <I> said AT&T would\nbid. R&D rose.') AS wire;
-- character references and escaped markup (AG News writes tickers escaped)
SELECT news.clean('Texas Instruments Inc. &lt;TXN.N&gt; and caf&eacute; &amp; bar &#8217; &notin;') AS refs;
SELECT news.clean('Shares &lt;FONT face="verdana,MS Sans Serif"&gt;rose&lt;/FONT&gt; &lt;A HREF&gt;here&lt;/A&gt;.') AS escaped;
SELECT start, length, kind, text
FROM news.boilerplate('Shares &lt;FONT face="verdana"&gt;rose&lt;/FONT&gt;.') ORDER BY start;
-- a Reuters story keeps all but its sign-off
SELECT news.clean(E'    The dry period means the crop will be late,\nofficials said.\n Reuter') AS reuters;

-- character offsets count characters, not bytes
SELECT start, length, kind, text
FROM news.boilerplate(E'Überblick über München\n\nLesen Sie mehr\n\nRead more: Ärger in Köln\n\nText.');

-- NULL, empty, blank
SELECT news.clean(NULL) IS NULL AS null_in_null_out,
       news.clean('') = '' AS empty,
       news.clean(E'  \n\n\t ') = '' AS blank,
       (SELECT count(*) FROM news.boilerplate(NULL)) AS null_rows,
       (SELECT count(*) FROM news.boilerplate('')) AS empty_rows;

-- the kinds
SELECT kind, description FROM news.boilerplate_kinds();

-- every kind news.boilerplate reports is listed
SELECT DISTINCT b.kind
FROM fixture, news.boilerplate(body) b
WHERE b.kind NOT IN (SELECT kind FROM news.boilerplate_kinds());

-- volatility, strictness and comments
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace
  AND p.proname IN ('clean', 'boilerplate', 'boilerplate_kinds')
ORDER BY p.proname;

-- news.analyze lists the same removals under "boilerplate"
SELECT name,
       (SELECT array_agg(b::text) FROM news.boilerplate(body) b) IS NOT DISTINCT FROM
       (SELECT array_agg(b::text) FROM jsonb_to_recordset(news.analyze(body)->'boilerplate')
          AS b(start int, length int, kind text, text text)) AS analyze_same
FROM fixture ORDER BY name;
