
-- ---------------------------------------------------------------------------
-- Pipeline: keyphrases, summaries and tone of tracked tables (issue 14)
-- ---------------------------------------------------------------------------
-- Three more analyses of tracked tables, each one row of
-- news.pipeline_analyses (80_pipeline.sql says how a row becomes a result
-- table of every tracked table at its next refresh), and the tone-over-time
-- dashboard view.  None reads news.gazetteer or news.entity_patterns, so a
-- configuration change leaves them as they are.
--
--   <t>_keyphrases  the 10 best keyphrases of every body (news.keywords),
--                   with key, the phrase in lower case, which
--                   news.trending('keyphrases', ...) counts (shown in its
--                   most frequent spelling)
--   <t>_summary     the 3 sentences of every body that carry it
--                   (news.summary)
--   <t>_tone        the tone of every body (news.sentiment), one row each
--   <t>_tone_daily  tone per day and source (the view)

INSERT INTO news.pipeline_analyses (name, position, columns, fill, indexes, config_dependent,
	trend_kind, trend_key, trend_label, trend_filter, trend_distinct, description) VALUES
('keyphrases', 70,
 'phrase pg_catalog.text, key pg_catalog.text, score pg_catalog.float4, count pg_catalog.int4, kind pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4',
 'SELECT b.id, b.published, k.phrase, pg_catalog.lower(k.phrase), k.score, k.count, k.kind, k.start, k.length
  FROM news_batch b CROSS JOIN LATERAL news.keywords(b.body, 10) k',
 ARRAY['(article_id)', '(published, key)'], false,
 'keyphrases', 'r.key', 'r.phrase', NULL, false,
 'the 10 best keyphrases (news.keywords) of every body, best first: phrase as written, key (the phrase in lower case, what news.trending counts), score 0..1, mentions, kind (word, phrase, name), 1-based character start and length of the mention shown'),
('summary', 80,
 'sentence pg_catalog.int4, text pg_catalog.text, start pg_catalog.int4, length pg_catalog.int4, score pg_catalog.float4',
 'SELECT b.id, b.published, s.sentence, s.text, s.start, s.length, s.score
  FROM news_batch b CROSS JOIN LATERAL news.summary(b.body, 3) s',
 ARRAY['(article_id)'], false,
 NULL, NULL, NULL, NULL, true,
 'an extractive summary (news.summary) of every body: the 3 sentences that carry it, in text order, with their sentence number, text, 1-based character start and length, and score'),
('tone', 90,
 'polarity pg_catalog.text, score pg_catalog.float4, positive pg_catalog.float4, negative pg_catalog.float4, sentences pg_catalog.int4, words pg_catalog.int4',
 'SELECT b.id, b.published, t.polarity, t.score, t.positive, t.negative, t.sentences, t.words
  FROM news_batch b CROSS JOIN LATERAL news.sentiment(b.body) t',
 ARRAY['(article_id)', '(published)'], false,
 NULL, NULL, NULL, NULL, true,
 'the tone (news.sentiment) of every body: polarity (negative, neutral, positive), score in [-1, 1], percent of positive and of negative words (GDELT''s tone is positive - negative), sentences and words read');

INSERT INTO news.pipeline_views (name, position, definition, description) VALUES
('tone_daily', 60,
 'SELECT pg_catalog.date_trunc(''day'', t.published) AS day, a.source,
	pg_catalog.count(*) AS articles, pg_catalog.avg(t.score) AS score,
	pg_catalog.avg(t.positive OPERATOR(pg_catalog.-) t.negative) AS tone,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''positive'') AS positive,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''neutral'') AS neutral,
	pg_catalog.count(*) FILTER (WHERE t.polarity OPERATOR(pg_catalog.=) ''negative'') AS negative
  FROM {tone} t JOIN {analysed} a ON a.article_id OPERATOR(pg_catalog.=) t.article_id
  GROUP BY 1, 2',
 'tone over time: day, source, articles, score (mean news.sentiment score), tone (mean positive - negative word percentages, GDELT''s tone), and the articles of each polarity');
