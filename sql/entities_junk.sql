-- news.entities on feed text: junk never becomes an entity.  Contractions,
-- markup (tags, escaped tags, script content, tickers and their quote-page
-- links), title-case headlines and headings, common words at the start of
-- a sentence and source-credit lines yield no names; offsets still point
-- into the original text.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE junk_texts (id int, body text);
INSERT INTO junk_texts VALUES
  -- contractions are never names
  (1, E'"We''re ready," she said. We''ve won. I''m here. They''ll come. Don''t go. They’ll stay.'),
  -- markup: tags, escaped tags, font faces, script and style content
  (2, E'Ventura Corp. <A HREF="http://example.com/q">full story</A> said <b>Maria Lindqvist</b> left.'),
  (3, E'Ventura Corp. &lt;A HREF="http://example.com/q?t=VNT.N"&gt;VNT.N&lt;/A&gt; rose. &lt;FONT face="verdana,MS Sans Serif" size="-2"&gt;&lt;B&gt;-AP&lt;/B&gt;&lt;/FONT&gt;'),
  (4, E'Before <script type="text/javascript">var Grand Total = Foo Bar;</script><style>Body Text {}</style> Maria Lindqvist spoke.'),
  -- feed artefacts: tickers, quote-page links, credits in parentheses
  (5, E'Ventura Corp. (VNT.N: Quote, Profile, Research) and Holdan Inc. (HLD.O) fell. Yahoo (Quote, Chart) rose. SAN DIEGO (Ticker) -- Padres won.'),
  -- title-case headlines only yield known names
  (6, E'Bush Picks Kellogg CEO for Commerce Post\n\nPresident Bush on Monday chose Carlos Gutierrez as his nominee.'),
  (7, E'Rick Fox Retires\n\nRick Fox retires Thursday, ending a 13-year career.'),
  -- common words at the start of a sentence, written in lower case elsewhere
  (8, E'Mobile phone users like mobile phones. Broadband to them is new; broadband is fast. Users will pay, say users. Chart analysts read the charts.'),
  -- title-case headings inside a body
  (9, E'Shares fell in London.\n\nMarket Reaction\n\nTraders sold.\n\nWhat Happens Next\n\nNobody knows.'),
  -- a source-credit line yields no place
  (10, E'Rates rose on Tuesday.\n\nCourtesy of: Bloomberg News, London\n\nMaria Lindqvist said so.'),
  -- ordinary words (WordNet's) starting a sentence, never seen by the model;
  -- interjections; wire copy's " _ " opening a clause
  (11, E'Clients fled. Moreover, automakers said so. Automakers agree. Oh, what a day. "Yeah!" Ms. Gross said.\nLISBON _ If Paula Jones appeals, she loses. Relieved Maria Lindqvist wins.'),
  -- upper-case HTML entities, entities decoded in canonical names; a
  -- legislator's party and place; a company's web address
  (12, E'Procter &AMP; Gamble Co. and Smith &amp; Wesson Holding Corp. rose. Sen. Trent Lott, R-Miss., and Lim Kit Siang (DAP-Tanjung) spoke. Goto.com and Amazon.com Inc. rose; see goto.com.'),
  -- a sentence opener before a known name; words that only begin a name;
  -- acronyms of common nouns
  (13, E'Unlike Brazil, Chile grew. Echoing Tony Blair, he spoke. Shares of New York-based Acme Corp. rose. A TV station showed PCs for HIV clinics. Spain won the Davis Cup.'),
  -- plurals of acronyms; a company named with its suffix, then without;
  -- a rank before a common word; a date after capitals
  (14, E'The EC paid 1.06 billion ECUs. They sat GCSEs and sent SMSes.\nUSAir Group said it would. USAir said it would not. Boeing Co rose.\nThe General Election is near. TWA today revealed its plan.');

SELECT t.id, e.entity, e.type, e.mention, e.start, e.length,
       pg_catalog.substr(t.body, e.start, e.length) = e.mention AS offsets_ok
FROM junk_texts t, news.entities(t.body) e
ORDER BY t.id, e.start;

-- none of the junk of the fixtures comes out, whatever its type
SELECT e.entity, e.type
FROM junk_texts t, news.entities(t.body) e
WHERE e.entity ~* '(we''re|we''ve|i''m|they.ll|don''t|href|font|sans serif|quote|profile|research|chart|ticker|grand total|foo bar|body text|picks|retires|broadband|users|reaction|happens|courtesy|clients|moreover|automakers|^oh$|yeah|^if |relieved|&amp|^amp|unlike|echoing|^new$|^tv$|^pcs$|^hiv$|^n$|^o$|^ecus$|^gcses$|^smses$|election)'
   OR (t.id = 10 AND e.type = 'LOC')
   OR (e.entity = 'Davis Cup' AND e.type <> 'MISC')
   OR (t.id = 14 AND ((e.mention IN ('USAir', 'TWA', 'Boeing Co') AND e.type <> 'ORG') OR e.entity = 'Twa'));
