-- news.sentiment and news.entity_sentiment on project-written texts: tone,
-- a target by full name, surname and pronoun, negation, contrast, reported
-- speech, several entities, and edge cases.  Scores are rounded: the model
-- is learned, its exact figures are not the point here.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS news_analytics;
RESET client_min_messages;

-- the tone of a whole text, GDELT-style word shares
SELECT polarity, round(score::numeric, 2) AS score, round(positive::numeric, 1) AS positive,
	round(negative::numeric, 1) AS negative, sentences, mentions, words
FROM news.sentiment('The rescue was a great success. Volunteers praised the brave crew, and the grateful town celebrated.');
SELECT polarity, sentences, words, negative > positive AS more_negative
FROM news.sentiment('The attack killed three people. Officials condemned the violence as a disaster and a crime.');
SELECT polarity, sentences, words
FROM news.sentiment('The committee meets on Tuesday at 10 a.m. in room 4 of the town hall.');

-- a target: full name, surname, and the pronoun sentence after a mention
CREATE TEMP TABLE story (body text);
INSERT INTO story VALUES (
'Mayor Alice Karlsen was praised for her excellent handling of the floods. Karlsen won wide support in the council.
She also thanked the volunteers. Meanwhile, the opposition leader Tom Brandt was accused of corruption.
Brandt denied the charges, but critics called his response a disgrace. He has refused to resign.');
SELECT t.target, s.polarity, s.score > 0 AS favourable, s.sentences, s.mentions
FROM story, (VALUES ('Alice Karlsen'), ('Mayor Karlsen'), ('Karlsen'), ('Tom Brandt'), ('Brandt')) t(target),
	news.sentiment(body, t.target) s
ORDER BY t.target;
-- a name that is not in the text
SELECT polarity, score, sentences, mentions FROM story, news.sentiment(body, 'Helga Dunn');
-- a lower-case word does not match a capitalized target ("brandt" is not Brandt)
SELECT mentions FROM news.sentiment('the brandt of the story. Brandt left.', 'Brandt');

-- negation swaps a word's weights; contrast moves weight after "but"
SELECT polarity, score > 0 AS favourable FROM news.sentiment('Smith did a good job.', 'Smith');
SELECT polarity, score > 0 AS favourable FROM news.sentiment('Smith did not do a good job.', 'Smith');
SELECT polarity, score > 0 AS favourable
FROM news.sentiment('Smith made some mistakes early on, but he delivered an excellent and successful reform.', 'Smith');
SELECT polarity, score > 0 AS favourable
FROM news.sentiment('Smith delivered an excellent reform, but he made terrible mistakes and failed the country.', 'Smith');

-- reported speech: a quotation by the target is its own view; one about it is
-- the speaker's view of it
SELECT s1.score > s2.score AS quoted_praise_counts_more
FROM news.sentiment('"Jones is a wonderful and honest leader," the mayor said.', 'Jones') s1,
	news.sentiment('"The economy is a wonderful success," Jones said.', 'Jones') s2;

-- every entity with the sentiment toward it, in order of first mention
SELECT entity, type, polarity, mentions
FROM story, news.entity_sentiment(body);

-- NULL and empty input
SELECT count(*) FROM news.sentiment(NULL);
SELECT polarity, score, sentences, mentions, words FROM news.sentiment('');
SELECT polarity, sentences, mentions FROM news.sentiment('Tom left.', NULL);
SELECT * FROM news.sentiment('Tom left.', '');
SELECT count(*) FROM news.entity_sentiment('');
