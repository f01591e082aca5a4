-- news.entities: names from the gazetteer and from context, canonical names,
-- titles and possessives, headlines, datelines and boilerplate, pattern
-- types, document memory.  The gazetteer is replaced by a small fixture for
-- the duration of the test so that the output does not depend on the
-- default data; it is restored at the end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE gazetteer_saved AS SELECT * FROM news.gazetteer;
DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('Ukraine', 'Ukraine', 'LOC', NULL),
  ('Ukrainian', 'Ukrainian', 'NORP', 'Ukraine'),
  ('Kyiv', 'Kyiv', 'LOC', 'Ukraine'),
  ('Kiev', 'Kyiv', 'LOC', 'Ukraine'),
  ('Russia', 'Russia', 'LOC', NULL),
  ('Russian', 'Russian', 'NORP', 'Russia'),
  ('United States', 'United States', 'LOC', NULL),
  ('U.S.', 'United States', 'LOC', NULL),
  ('US', 'United States', 'LOC', NULL),
  ('America', 'United States', 'LOC', NULL),
  ('American', 'American', 'NORP', 'United States'),
  ('Brussels', 'Brussels', 'LOC', 'Belgium'),
  ('Belgium', 'Belgium', 'LOC', NULL),
  ('Springfield', 'Springfield', 'LOC', 'United States'),
  ('European Union', 'European Union', 'ORG', NULL),
  ('EU', 'European Union', 'ORG', NULL),
  ('Reuters', 'Reuters', 'ORG', NULL),
  ('Interfax', 'Interfax', 'ORG', NULL),
  ('Donald Trump', 'Donald Trump', 'PERSON', NULL),
  ('Trump', 'Donald Trump', 'PERSON', NULL),
  ('Volodymyr Zelensky', 'Volodymyr Zelensky', 'PERSON', NULL),
  ('Zelensky', 'Volodymyr Zelensky', 'PERSON', NULL),
  ('Zelenskyy', 'Volodymyr Zelensky', 'PERSON', NULL),
  ('President', 'President', 'TITLE', NULL),
  ('Deputy Foreign Minister', 'Deputy Foreign Minister', 'TITLE', NULL),
  ('Foreign Minister', 'Foreign Minister', 'TITLE', NULL),
  ('spokesman', 'spokesman', 'TITLE', NULL),
  ('Sergei', 'Sergei', 'GIVEN_NAME', NULL),
  ('Sergey', 'Sergei', 'GIVEN_NAME', NULL),
  ('Elena', 'Elena', 'GIVEN_NAME', NULL),
  ('Maria', 'Maria', 'GIVEN_NAME', NULL);

-- the fixture: a wire story with a headline, byline, dateline, a title-case
-- headline inside the body, name variants and boilerplate lines
CREATE TEMP TABLE story (id int, body text);
INSERT INTO story VALUES (1,
'Zarnovian Minister Signals Diplomatic Momentum

By Elena Marsh

VELDRIN, March 3 (Reuters) - Zarnovia''s Deputy Foreign Minister Sergey Vostrikov said on Monday that talks with Ukraine would resume in Kiev next week, according to the Interfax news agency.

"We are ready to meet at any level," Vostrikov told reporters in Veldrin. The Zarnovian Foreign Ministry confirmed the plan.

However, President Donald Trump described the plan as "a very good start" during a visit to the Acme Widgets Inc. plant near Springfield.

Trump Signals Diplomatic Momentum

Despite the optimism, Ukrainian officials remained cautious. Ukraine’s President Volodymyr Zelenskyy said the U.S. and the European Union must guarantee any deal worth $40 billion.

"We have heard promises before," he said. Mr. Vostrikov did not reply. While Trump spoke, a spokesman for the Halvorsen Institute, Maria Lindqvist, said Zelensky would travel to Brussels.

No time to read? Get a summary
Previous Article
Read more about Ukraine');

SELECT entity, type, mention, start, length, sentence
FROM story, news.entities(body)
ORDER BY start;

-- every mention is exactly the text at its offsets, in text order
SELECT count(*) AS mentions,
       bool_and(substr(body, start, length) = mention) AS offsets_ok,
       bool_and(confidence > 0 AND confidence <= 1) AS confidence_ok
FROM story, news.entities(body);

-- one canonical name per entity
SELECT entity, type, string_agg(DISTINCT mention, ' | ' ORDER BY mention) AS mentions, count(*)
FROM story, news.entities(body)
WHERE type IN ('PERSON', 'ORG', 'LOC', 'NORP')
GROUP BY entity, type
ORDER BY type, entity;

-- a demonym is linked to its country; places to theirs
SELECT name, news.entity_country(name)
FROM (VALUES ('Ukrainian'), ('Ukraine'), ('Kiev'), ('kyiv'), ('American'), ('U.S.'),
             ('Brussels'), ('Veldrin'), ('')) AS t(name);

-- all-capital wire headlines and datelines: only known names
SELECT entity, type, mention
FROM news.entities(E'RUSSIA SAYS TALKS WITH UKRAINE WILL RESUME SOON\nBRUSSELS 1996-08-22\nThe talks resume.')
ORDER BY start;

-- sentence-initial common words are not names
SELECT entity, type, mention
FROM news.entities('However, nothing changed. Despite this, While it lasted, According to critics, it was fine. Yesterday Smithers said he would resign.')
ORDER BY start;

-- names no list knows: titles, given names, organization and place words,
-- and document memory (a later surname keeps the full name)
SELECT entity, type, mention
FROM news.entities('Finance Minister Tomasz Brzeczek met Dr. Ingrid Halloway of the Baltic Shipping Corporation in the Port of Gdynia. Brzeczek said Halloway agreed. Sergey Lavrentiev, a lawyer, said Lavrentiev''s client would appeal to the Supreme Court.')
ORDER BY start;

-- user rows take effect in the next query (relcache invalidation)
SELECT entity, type FROM news.entities('Zarnovia signed the deal.') ORDER BY start;
INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES
  ('Zarnovia', 'Republic of Zarnovia', 'LOC', NULL),
  ('Zarnovian', 'Zarnovian', 'NORP', 'Republic of Zarnovia');
SELECT entity, type FROM news.entities('Zarnovia signed the deal.') ORDER BY start;
SELECT news.entity_country('Zarnovian');

-- NULL, empty, blank and punctuation-only input
SELECT count(*) FROM news.entities(NULL);
SELECT count(*) FROM news.entities('');
SELECT count(*) FROM news.entities(E' \n\t ');
SELECT count(*) FROM news.entities('"" ... -- !!! ?? “” ''');

-- the documented type list
SELECT type, description FROM news.entity_types();

DELETE FROM news.gazetteer;
INSERT INTO news.gazetteer SELECT * FROM gazetteer_saved;

-- sports tables: the sides of a result, a row of standings and a fixture
-- are teams (a city or a state is the club, a country its national side, a
-- place), the place after a capital AT is where the game is played, a
-- city in prose stays a place
SELECT entity, type, mention
FROM news.entities(E'Chicago stayed cold on Sunday.\nHamburg 0 Stuttgart 4\n'
                   || E'BALTIMORE 12 Oakland 11 ( 10 innings )\nBrazil 2 Japan 1\n'
                   || E'NEW YORK 74 58 .561 -\nLeeds v Wimbledon\nTEXAS AT MINNESOTA\n'
                   || E'Gloria Bistrita 1 Steaua Bucharest 2\n')
ORDER BY start;
-- tables of figures are no sports tables: a weather table, a price list,
-- a heading with a time and a month, regions and counts
SELECT entity, type, mention
FROM news.entities(E'CHICAGO    60 36       MILWAUKEE   54 41\nUNITED TEC  51 1/8\n'
                   || E'LONDON LIFFE GILTS 0945 - APR 7\nAfrica  45  50  41\nEurope  31.58  28.58\n')
ORDER BY start;
-- the same by the rules alone (model => 'rules'): the default, the stacked
-- model, makes MILWAUKEE of the weather table a club
SELECT entity, type, mention
FROM news.entities(E'CHICAGO    60 36       MILWAUKEE   54 41\nUNITED TEC  51 1/8\n'
                   || E'LONDON LIFFE GILTS 0945 - APR 7\nAfrica  45  50  41\nEurope  31.58  28.58\n', model => 'rules')
ORDER BY start;

-- type consistency (issue 9): one word never seen before, written as an
-- acronym or with a capital inside, is an organization whatever its
-- neighbours say ("to KVRB" made it a place); the words around a name
-- weigh less in its type than its own, so a club or company after "deal
-- with" is no person
SELECT entity, type, mention
FROM news.entities('Regulators sent the offer to KVRB on Monday. The former manager of GlenTrack died. Most of the cash went to BrixPoint.')
ORDER BY start;
SELECT entity, type FROM news.entities('Umbro lost its sponsorship deal with Brambury and said it would cut jobs.') ORDER BY start;
-- the rules name Umbro too; the stacked model (the default) does not
SELECT entity, type FROM news.entities('Umbro lost its sponsorship deal with Brambury and said it would cut jobs.', model => 'rules') ORDER BY start;
SELECT entity, type FROM news.entities('Brambury beat Leeds 2-0 on Saturday.') ORDER BY start;

-- "and" inside an organization's name: after its head word and "of" or
-- "for", and between ordinary words before its head word; not before a
-- name of its own.  A club the gazetteer knows as a city and a word: the
-- word alone is the club
SELECT entity, type, mention
FROM news.entities('The Department of Trade and Industry and the Center for Internet and Society met the Economic and Social Research Council. The Bank of England and Barclays did not.')
ORDER BY start;
SELECT entity, type, mention
FROM news.entities('Manchester United lost at home. United had won the week before.')
ORDER BY start;

-- junk in the top names (issue 9): the stacked model (the default) names
-- no lone common word the rules leave: `Internet`, a word of the dictionary
-- as MISC (`Music` in "The Sound of Music"), a letter alone (`A $`,
-- Australian dollars); `Windows` and `Mac`, names, stay
SELECT entity, type, mention
FROM news.entities('Music piracy costs the UK music industry millions, the BPI said. Access to the Internet is growing fast in India. Brambles said net profit rose to A $93.3 million. The Sound of Music is to be performed in Salzburg. Microsoft sells Windows; Apple sells the Mac.')
WHERE type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC')
ORDER BY start;
