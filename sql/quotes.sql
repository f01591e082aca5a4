-- news.quotes: quotations and reported speech attributed as source, cue and
-- content; kinds (direct, partial, scare, indirect), paragraph
-- continuation, pronouns by gender, roles and organizations, unbalanced and
-- mixed marks.  The gazetteer is replaced by a fixture for the test and
-- restored at the end.
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
  ('Christine', 'Christine', 'GIVEN_NAME', NULL),
  ('Reuters', 'Reuters', 'ORG', NULL),
  ('The Washington Post', 'The Washington Post', 'ORG', NULL),
  ('Washington Post', 'The Washington Post', 'ORG', NULL);

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

-- the new columns: kind, cue, where the source and the cue are, content
SELECT kind, cue, speaker_mention,
       substr(body, speaker_start, speaker_length) = speaker_mention AS mention_at,
       substr(body, cue_start, cue_length) AS cue_text,
       content_start, content_length, confidence
FROM story, news.quotes(body)
ORDER BY start;

-- partial quotes take the subject of their clause; editorial voice; a
-- pronoun by gender; reported speech without marks
CREATE TEMP TABLE story2 (body text);
INSERT INTO story2 VALUES (
'Christine Lagarde called the decision “a prudent first step” on Monday. It is a plan that Olaf Scholz described as “the only way forward”.

There were remarks by former Prime Minister Boris Johnson suggesting that a deal was “within reach.”

Donald Trump met Jane Mbeki in Pretoria. “The talks went well,” she said.

The Washington Post said the plan was too costly. “It will not pass,” the newspaper wrote.

They praised the so-called “peace dividend” and watched “The West Wing” together.

Mbeki said the two countries would sign a trade agreement next year.');
SELECT kind, quote, speaker, speaker_mention, cue
FROM story2, news.quotes(body)
ORDER BY start;

-- mixed, nested and unbalanced marks: a quotation ends where its marks
-- end, an unclosed mark never runs past its paragraph
SELECT kind, quote
FROM news.quotes(E'„Wir schaffen das“, sagte sie. « Oui », dit-il.\n\n“He said ''no'' twice,” Trump said.\n\n“An opening mark never closed.\n\nA new paragraph with \"a quote\" in it.')
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

-- thousands of unbalanced marks: linear time, no error; a straight mark
-- with white space on both sides never opens a quotation, so the narrative
-- between them is no quote
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

-- the speakers are the names of the rules (news.entities(body, model =>
-- 'rules')), not of the stacked default, which names this company from
-- Champion; news.analyze's quotes are the same
SELECT q.speaker, q.speaker = (SELECT entity FROM news.entities(t, 'rules') LIMIT 1) AS rules_name,
       q.speaker = (SELECT entity FROM news.entities(t) LIMIT 1) AS default_name,
       (SELECT array_agg(x::text) FROM news.quotes(t) x) =
       (SELECT array_agg(x::text) FROM jsonb_to_recordset(news.analyze(t)->'quotes')
          AS x(quote text, speaker text, speaker_mention text, start int, length int, kind text,
               cue text, speaker_start int, speaker_length int, cue_start int, cue_length int,
               content_start int, content_length int, confidence real)) AS analyze_same
FROM (VALUES ('Champion Products Inc said it expects higher sales this year.')) v(t),
     news.quotes(t) q;

-- NULL and empty
SELECT count(*) FROM news.quotes(NULL);
SELECT count(*) FROM news.quotes('');

DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer SELECT * FROM gazetteer_saved;
