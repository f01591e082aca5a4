-- news.sentences: abbreviations, initials, decimals, ellipses, quotes, lines
SET search_path = public;

SELECT * FROM news.sentences('The U.S. Treasury said so. Prices rose 3.5 percent. Mr. Smith met Gen. Jones on Feb. 12 in St. Louis.');
SELECT * FROM news.sentences('He moved to the U.S. The company followed. John F. Kennedy spoke at 10 a.m. The rest left.');
SELECT * FROM news.sentences('The talks stalled… Officials left. He said … the plan was dead.');
SELECT * FROM news.sentences('“We will win.” The crowd cheered. "Why?" he asked. ''Stop!'' They ran.');
-- headings and boilerplate lines are their own sentences
SELECT * FROM news.sentences(E'Trump Signals Diplomatic Momentum\nPresident Donald Trump said on Monday that talks had progressed.\nNo time to read? Get a summary\nPrevious Article\nRead more ...');
-- hard-wrapped wire copy keeps sentences across line breaks
SELECT sentence, text FROM news.sentences(E'Showers continued throughout the week in the Bahia cocoa\nzone, alleviating the drought since early January and\nimproving prospects for the coming temporao, although\nnormal humidity levels have not been restored, Smith said.\nThe dry period means the crop will be late this year.');
-- CRLF and paragraphs
SELECT * FROM news.sentences(E'First paragraph without a stop\r\n\r\nSecond paragraph. Third sentence.');
-- substr(body, start, length) = text
WITH doc(body) AS (VALUES (E'Ünïcödé first. 東京 second! “Third.” Fourth…\nFifth line'))
SELECT count(*) AS sentences, bool_and(substr(body, start, length) = text) AS substr_matches
FROM doc, news.sentences(body);
-- tokens carry the same sentence numbers
WITH doc(body) AS (VALUES ('Mr. Smith left. The U.S. Navy came. It rained.'))
SELECT sentence, string_agg(token, ' ' ORDER BY position) FROM doc, news.tokens(body) GROUP BY sentence ORDER BY 1;
SELECT count(*) FROM news.sentences('');
SELECT count(*) FROM news.sentences(NULL);
