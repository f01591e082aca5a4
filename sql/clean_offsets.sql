-- news.clean_map, news.original_span, news.original_spans: where the
-- characters of news.clean(body) come from in body; and a table tracked
-- with clean, whose stored offsets are offsets into the body as stored.
-- The pages are hand-written tag soup: character references, tags inside
-- names, scripts, styles, comments, boilerplate lines, multi-byte text.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE SCHEMA offs;
CREATE TABLE offs.pages (id int PRIMARY KEY, html text, published timestamptz);
INSERT INTO offs.pages VALUES
(1, '<html><head><title>Merkel in Paris</title><script>var who = "Barack Obama";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> &gt; <a href="/world">World</a> &gt; Europe</nav>
<h1>AT&amp;T and Time&nbsp;Warner agree</h1>
<p>Angela   Merkel met <b>Emmanuel</b> Macron in Z&uuml;rich on Monday, 3 March 2025.
&quot;We agree on everything,&quot; Merkel said.</p>
<div class="share">Share this article on Facebook</div>
<p>Caf&eacute; owners in Montréal and São Paulo said prices at AT&amp;T rose 5% on Tuesday.</p>
<!-- a comment naming Barack Obama -->
<p>Read more: Barack Obama visits Berlin</p>
<p>&#8220;It was a disaster,&#8221; said Olaf Scholz, the German chancellor, in Berlin on 4 March.</p>
<p>日本の東京で Shinzo Abe met Xi Jinping on <i>Friday</i>.</p>
</body></html>', '2025-03-05 10:00+00'),
(2, 'Plain wire copy: Ferry Holdings Plc <FRY.L> said on Tuesday that
Chief Executive John Smith would step down.  "It is time," Smith said.

Reporting by Jane Doe; Editing by Tom Brown', '2025-03-05 10:00+00'),
(3, '<p>Dr. <span>Ánna</span> Köhler of the <abbr>UN</abbr>&#39;s agency in Genève said: &ldquo;Prices<br>will rise&rdquo;.</p>
<p>Subscribe to our newsletter</p><p>Köhler spoke in Genève on 1 April 2025.</p>', '2025-04-02 10:00+00'),
(4, '', '2025-04-02 10:00+00'),
(5, NULL, '2025-04-02 10:00+00');

-- the map of a page: segments in order, without gaps, inside the body;
-- a verbatim segment is the body's characters
SELECT p.id, count(m.*) AS segments,
	bool_and(m.start = coalesce(m.prev_end, 1)) AS no_gaps,
	coalesce(max(m.start + m.length) - 1, 0) = char_length(news.clean(p.html)) AS covers_clean_text,
	bool_and(m.original_start >= coalesce(m.prev_original, 1)) AS in_order,
	bool_and(m.original_start + m.original_length - 1 <= char_length(p.html)) AS inside_body,
	bool_and(NOT m.verbatim OR substr(news.clean(p.html), m.start, m.length)
		= substr(p.html, m.original_start, m.original_length)) AS verbatim_is_copy
FROM offs.pages p
LEFT JOIN LATERAL (SELECT c.*, lag(c.start + c.length) OVER w AS prev_end,
		lag(c.original_start) OVER w AS prev_original
	FROM news.clean_map(p.html) c WINDOW w AS (ORDER BY c.start)) m ON true
GROUP BY p.id ORDER BY p.id;

-- the replacements of page 1: what each stands for
SELECT m.start, m.length, substr(news.clean(p.html), m.start, m.length) AS clean,
	substr(p.html, m.original_start, m.original_length) AS original
FROM offs.pages p, news.clean_map(p.html) m
WHERE p.id = 1 AND NOT m.verbatim AND m.original_length > 0 ORDER BY m.start;

-- white space compared as one space (a no-break space too)
CREATE FUNCTION offs.norm(s text) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT regexp_replace(translate(s, chr(160), ' '), '\s+', ' ', 'g') $$;

-- every token of the cleaned pages maps back to its source: the source is
-- the token, or cleans to it (a reference decoded, a tag removed; a source
-- that is the token is not cleaned, as a line "copy" would be removed)
SELECT p.id, count(*) AS tokens,
	count(*) FILTER (WHERE substr(p.html, o.start, o.length) = t.token
		OR offs.norm(news.clean(substr(p.html, o.start, o.length))) = offs.norm(t.token)) AS map_back
FROM offs.pages p, news.tokens(news.clean(p.html)) t, news.original_span(p.html, t.start, t.length) o
GROUP BY p.id ORDER BY p.id;

-- the sources of the entities of page 1 and page 3
SELECT p.id, e.mention, substr(p.html, o.start, o.length) AS source
FROM offs.pages p, news.entities(news.clean(p.html)) e, news.original_span(p.html, e.start, e.length) o
WHERE p.id IN (1, 3) ORDER BY p.id, e.start;

-- news.original_spans: one cleaning for many spans, element by element
SELECT o.start = array_agg(s.start ORDER BY e.start) AND o.length = array_agg(s.length ORDER BY e.start) AS same_as_one_by_one
FROM offs.pages p, news.entities(news.clean(p.html)) e, news.original_span(p.html, e.start, e.length) s,
	LATERAL news.original_spans(p.html,
		(SELECT array_agg(x.start ORDER BY x.start) FROM news.entities(news.clean(p.html)) x),
		(SELECT array_agg(x.length ORDER BY x.start) FROM news.entities(news.clean(p.html)) x)) o
WHERE p.id = 1 GROUP BY o.start, o.length;
SELECT * FROM news.original_spans((SELECT html FROM offs.pages WHERE id = 1),
	'{1,NULL,5,0,-3,100000}', '{4,2,NULL,3,5,2}');
SELECT * FROM news.original_spans('AT&amp;T', '[0:1]={1,3}', '{1,2}');
SELECT * FROM news.original_spans('AT&amp;T', '{}', '{}');

-- edges: a span clipped as substr clips it, an empty span, past the end,
-- a body that cleans to nothing, plain text (its own map), NULL
SELECT o.* FROM news.original_span('AT&amp;T', 3, 1) o;
SELECT o.* FROM news.original_span('AT&amp;T', 0, 2) o;
SELECT o.* FROM news.original_span('AT&amp;T', 3, 0) o;
SELECT o.* FROM news.original_span('AT&amp;T', 9, 4) o;
SELECT o.* FROM news.original_span('<p></p>', 1, 1) o;
SELECT o.* FROM news.original_span('', 1, 1) o;
SELECT o.* FROM news.original_span('ßüd plain', 2, 3) o;
SELECT o.* FROM news.original_span(NULL, 1, 1) o;
SELECT o.* FROM news.original_span('x', NULL, 1) o;
SELECT count(*) FROM news.clean_map('');
SELECT count(*) FROM news.clean_map(NULL);
SELECT * FROM news.clean_map('ßüd plain');
-- errors: a negative length, arrays that do not match
SELECT * FROM news.original_span('AT&amp;T', 1, -1);
SELECT * FROM news.original_spans('AT&amp;T', '{1,2}', '{1}');
SELECT * FROM news.original_spans('AT&amp;T', '{{1,2}}', '{{1,2}}');
SELECT * FROM news.original_spans('AT&amp;T', '{1}', '{-1}');

-- big bodies: 100 MB of plain text, 10 MB of tag soup
SELECT o.* FROM news.original_span(repeat('Harbour council votes. ', 4400000) || 'AT&amp;T', 101200001, 4) o;
SELECT o.* FROM news.original_span(repeat('<p>AT&amp;T</p>', 700000), 6 * 699999 + 1, 4) o;

-- a table tracked with clean: the analyses read news.clean(html), and the
-- offsets they store are offsets into html as stored, so that
-- substr(html, start, length) is what was read
SELECT news.track('offs.pages', 'id', 'html', 'published', clean => true);
SET client_min_messages = warning;
CALL news.refresh('offs.pages');
RESET client_min_messages;
SELECT article_id, error FROM offs.pages_analysed WHERE error IS NOT NULL;

SELECT m.article_id, m.mention, m.start, m.length, substr(p.html, m.start, m.length) AS source
FROM offs.pages_mentions m JOIN offs.pages p ON p.id = m.article_id ORDER BY m.article_id, m.start;

-- for every stored span: its source holds what was stored, as written or
-- cleaned; and the spans are those news.original_span gives for the
-- analyses of news.clean(html)
CREATE FUNCTION offs.holds(source text, x text) RETURNS bool LANGUAGE sql IMMUTABLE
AS $$ SELECT strpos(offs.norm(source), offs.norm(x)) > 0 OR strpos(offs.norm(news.clean(source)), offs.norm(x)) > 0 $$;
SELECT 'mentions' AS result, count(*) AS spans,
	count(*) FILTER (WHERE offs.holds(substr(p.html, r.start, r.length), r.mention)) AS source_holds_it
FROM offs.pages_mentions r JOIN offs.pages p ON p.id = r.article_id
UNION ALL
SELECT 'quotes', count(*), count(*) FILTER (WHERE offs.holds(substr(p.html, r.start, r.length), r.quote))
FROM offs.pages_quotes r JOIN offs.pages p ON p.id = r.article_id
UNION ALL
SELECT 'dates', count(*), count(*) FILTER (WHERE offs.holds(substr(p.html, r.start, r.length), r.mention))
FROM offs.pages_dates r JOIN offs.pages p ON p.id = r.article_id
UNION ALL
SELECT 'keyphrases', count(*), count(*) FILTER (WHERE offs.holds(lower(substr(p.html, r.start, r.length)), r.key))
FROM offs.pages_keyphrases r JOIN offs.pages p ON p.id = r.article_id
UNION ALL
SELECT 'summary', count(*), count(*) FILTER (WHERE offs.holds(substr(p.html, r.start, r.length), r.text))
FROM offs.pages_summary r JOIN offs.pages p ON p.id = r.article_id;

SELECT count(*) AS mentions,
	count(*) FILTER (WHERE EXISTS (SELECT FROM news.entities(news.clean(p.html)) e,
			news.original_span(p.html, e.start, e.length) o
		WHERE e.mention = r.mention AND (o.start, o.length) = (r.start, r.length))) AS as_original_span
FROM offs.pages_mentions r JOIN offs.pages p ON p.id = r.article_id;

-- a change of a page: its new spans are offsets into its new text
UPDATE offs.pages SET html = '<p>Time&nbsp;Warner &amp; AT&amp;T</p>' WHERE id = 4;
SET client_min_messages = warning;
CALL news.refresh('offs.pages');
RESET client_min_messages;
SELECT m.mention, substr(p.html, m.start, m.length) AS source
FROM offs.pages_mentions m JOIN offs.pages p ON p.id = m.article_id WHERE p.id = 4 ORDER BY m.start;

SELECT news.untrack('offs.pages');
SET client_min_messages = warning;
DROP SCHEMA offs CASCADE;
RESET client_min_messages;
