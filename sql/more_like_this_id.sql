-- news.more_like_this_id: "more like this" with the probe read from a row
-- by its id (the form that stays one distributed query on Citus); the same
-- rows as news.more_like_this with that row's vector, and its bad inputs.
-- news.citus_sync without Citus reaches no worker; news.citus_config and
-- news.citus_apply carry a node's user configuration.
SET extra_float_digits = 0;
CREATE TABLE mi_docs (id int PRIMARY KEY, body text, tv news.termvec, label text);
INSERT INTO mi_docs (id, body) VALUES
  (1, 'Crude oil prices rose after the cartel agreed to cut output.'),
  (2, 'Brent crude oil futures gained as the cartel cut output again.'),
  (3, 'The striker scored twice as the home side won the cup final.'),
  (4, 'The goalkeeper saved a penalty in the cup final.'),
  (5, 'Oil refiners bought more barrels of crude.'),
  (6, NULL);
UPDATE mi_docs SET tv = news.termvec(body), label = id::text;
CREATE TABLE mi_stats AS SELECT news.corpus_stats(tv) AS c FROM mi_docs;

-- the same rows as news.more_like_this with the row's own vector
SELECT (SELECT array_agg(id ORDER BY similarity DESC, id)
          FROM news.more_like_this_id('mi_docs', 'id', 'tv', 1, (SELECT c FROM mi_stats), 3))
       = (SELECT array_agg(id ORDER BY similarity DESC, id)
          FROM news.more_like_this('mi_docs', 'id', 'tv', (SELECT tv FROM mi_docs WHERE id = 1),
                                   (SELECT c FROM mi_stats), 3)) AS same_rows;
SELECT id FROM news.more_like_this_id('mi_docs', 'id', 'tv', 1, (SELECT c FROM mi_stats), 2) ORDER BY similarity DESC, id;
-- no such row, a NULL vector, k = 0: no rows
SELECT count(*) AS no_row FROM news.more_like_this_id('mi_docs', 'id', 'tv', 99, (SELECT c FROM mi_stats));
SELECT count(*) AS null_vector FROM news.more_like_this_id('mi_docs', 'id', 'tv', 6, (SELECT c FROM mi_stats));
SELECT count(*) AS k_zero FROM news.more_like_this_id('mi_docs', 'id', 'tv', 1, (SELECT c FROM mi_stats), 0);
-- bad inputs
SELECT * FROM news.more_like_this_id('mi_docs', 'nope', 'tv', 1, (SELECT c FROM mi_stats));
SELECT * FROM news.more_like_this_id('mi_docs', 'label', 'tv', 1, (SELECT c FROM mi_stats));
SELECT * FROM news.more_like_this_id('mi_docs', 'id', 'body', 1, (SELECT c FROM mi_stats));
SELECT * FROM news.more_like_this_id('mi_docs', 'id', 'tv', 1, (SELECT c FROM mi_stats), -1);

-- without Citus
SELECT news.citus_sync() AS workers_reached;
SELECT jsonb_typeof(news.citus_config()) AS config_kind;
SELECT news.citus_apply(news.citus_config()) AS rows_changed_by_own_config;

DROP TABLE mi_docs, mi_stats;
