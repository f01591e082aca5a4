-- news.quotes: direct quotations, paragraph continuation, speakers from the
-- patterns around the marks, pronouns, unbalanced marks.  The gazetteer is
-- replaced by a fixture for the test and restored at the end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE gazetteer_saved AS SELECT * FROM news.gazetteer;
DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('Donald Trump', 'Donald Trump', 'PERSON', NULL),
  ('Trump', 'Donald Trump', 'PERSON', NULL),
  ('President', 'President', 'TITLE', NULL),
  ('Deputy Foreign Minister', 'Deputy Foreign Minister', 'TITLE', NULL),
  ('Sergei', 'Sergei', 'GIVEN_NAME', NULL),
  ('Sergey', 'Sergei', 'GIVEN_NAME', NULL),
  ('Jane', 'Jane', 'GIVEN_NAME', NULL),
  ('Reuters', 'Reuters', 'ORG', NULL);

CREATE TEMP TABLE story (body text);
INSERT INTO story VALUES (
'“We will not accept this,” said Deputy Foreign Minister Sergey Ryabkov. “The talks are over.”

Ryabkov added: “There is nothing more to discuss.”

“It is a disgrace,” he said.

President Donald Trump described the plan as “a very good deal” on Monday.

The deal is "historic," according to Jane Mbeki, a spokeswoman for the Kessler Foundation.

"Markets will adjust," Mbeki said.

“This is the first paragraph of a long statement by the minister.

“And this is the second paragraph of it,” Ryabkov wrote.

Some people call it "a farce".

“An opening mark that is never closed.

A new paragraph without a quote mark.

Trump told reporters: "We will see what happens."

“We are leaving now,” the president said.');

SELECT quote, speaker, speaker_mention, start, length
FROM story, news.quotes(body)
ORDER BY start;

-- offsets: the span starts and ends with the quoted words
SELECT count(*) AS quotes,
       bool_and(left(substr(body, start, length), 5) = left(quote, 5)) AS starts_ok,
       bool_and(right(substr(body, start, length), 3) = right(quote, 3)) AS ends_ok
FROM story, news.quotes(body);

-- TeX-style marks of wire copy, hard-wrapped lines, guillemets
SELECT quote, speaker
FROM news.quotes(E'\t ``This is not over,'''' Trump said, adding that\nthe talks would go on.\n\t « We shall see », said Sergei Lavrov.')
ORDER BY start;

-- thousands of unbalanced marks: linear time, no error
SELECT count(*) FROM news.quotes(repeat('“ ', 20000));
SELECT count(*) FROM news.quotes(repeat('He said " and ', 5000));
SELECT count(*) FROM news.quotes(repeat('”', 30000) || repeat('«', 30000) || repeat(E'\n“x', 10000));

-- a colon and a line break after 63 words fill the 64-token window before
-- the quote (it used to read past the window); a name before the colon on
-- the line before the quote is its speaker
SELECT * FROM news.quotes(repeat('a ', 63) || E':\n"Hello there, this is a quote."');
SELECT quote, speaker
FROM news.quotes(repeat('a ', 40) || 'Donald Trump ' || repeat('a ', 21) || E':\n"Hello there, this is a quote."');
SELECT quote, speaker FROM news.quotes(E'It rained. Then Trump:\n"Hello there."');
SELECT quote, speaker FROM news.quotes(E'Trump left.\nThey said:\n"Hello there."');

-- NULL and empty
SELECT count(*) FROM news.quotes(NULL);
SELECT count(*) FROM news.quotes('');

DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer SELECT * FROM gazetteer_saved;
