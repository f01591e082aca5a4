-- news.summary: real sentences only (no headline, byline, dateline, teaser,
-- boilerplate or quotation cut mid-sentence), text order, exact offsets;
-- the multi-article aggregate and its combine function; bad arguments.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

CREATE TEMP TABLE story (id int, body text);
INSERT INTO story VALUES (1,
'Storm Hits Coast As Thousands Flee
Short on time? Read the digest.
By Mara Quell, Coastal Desk
Updated 14:20 GMT

PORT ELWIN (Reuters) - A powerful storm struck the northern coast of Elwin on Sunday, forcing thousands of residents to leave their homes.

The storm brought winds of up to 150 kilometres an hour and flooded low-lying streets in the harbour district. Officials said two people were injured by falling trees.

"We have never seen the water rise this fast. Everyone on my street

left before midnight," said fisherman Tal Orrin.

Emergency shelters opened in schools and churches across the region, and the army sent trucks to help with the evacuation.

Read more: Storm season explained

The weather service expects the storm to weaken as it moves inland on Monday.
Copyright 2024 Coastal News. All rights reserved.'),
(2,
'Elwin storm: shelters fill up

Emergency shelters across Elwin were full on Monday after a powerful storm forced thousands of residents from their homes on the northern coast. Officials said the army was helping with the evacuation. The storm weakened as it moved inland.'),
(3,
'Storm damage in Elwin put at millions

The storm that struck the northern coast of Elwin on Sunday caused damage worth millions, the regional government said. Insurers expect many claims from the harbour district, where streets were flooded.');

SELECT sentence, text, start, length, round(score::numeric, 2) AS score
FROM story, news.summary(body, 3) WHERE id = 1;
SELECT bool_and(substr(body, start, length) = text) AS offsets_exact
FROM story, news.summary(body, 10);

-- never a heading, byline, teaser, boilerplate or cut quotation, even when
-- more sentences are asked for than the text has
SELECT sentence, left(text, 40) AS text FROM story, news.summary(body, 20) WHERE id = 1;

-- a dateline is left out of its sentence
SELECT text FROM news.summary('WASHINGTON (Reuters) - The Senate passed the budget bill late on Friday after a long debate.', 1);
SELECT text FROM news.summary('(CNN)The museum reopened on Saturday after two years of repairs to its roof.', 1);

-- nothing but a headline: its words are still given
SELECT text FROM news.summary('Storm Hits Coast', 3);
SELECT count(*) FROM news.summary('');
SELECT count(*) FROM news.summary('!!! ??? ...');
SELECT count(*) FROM news.summary('Click here to subscribe. Read more.');
SELECT count(*) FROM news.summary(NULL);

-- sentences out of range
SELECT * FROM news.summary('The storm weakened on Monday.', 0);
SELECT * FROM news.summary('The storm weakened on Monday.', 101);

-- the multi-article summary: central sentences first, no repeats
SELECT e->>'text' AS text FROM
  (SELECT news.summary_agg(body, 2 ORDER BY id) AS a FROM story) s, jsonb_array_elements(a) e;
SELECT jsonb_array_length(news.summary_agg(body)) FROM story;
SELECT news.summary_agg(body) FROM story WHERE false;
SELECT news.summary_agg_final(news.summary_agg_combine(
         news.summary_agg_trans(NULL, a.body, 2),
         news.summary_agg_trans(news.summary_agg_trans(NULL, b.body, 2), c.body, 2)))
     = (SELECT news.summary_agg(body, 2 ORDER BY id) FROM story) AS combined_equal
FROM story a, story b, story c WHERE a.id = 1 AND b.id = 2 AND c.id = 3;

-- bad states and arguments
SELECT news.summary_agg_final('\x03000000'::bytea);
SELECT news.summary_agg(body, 101) FROM story;
