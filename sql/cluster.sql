-- cluster: union-find over candidate pairs, story clustering of fixture
-- articles (written for this test: four fictional events, three differently
-- worded reports each, and one report of an unrelated strike).
SET search_path = public, news;
SET extra_float_digits = 0;

-- the union-find aggregate: representative = smallest id, order-independent
SELECT news.clusters(a, b) FROM (VALUES (9, 5), (8, 7), (5, 3), (-2, NULL), (9, 9)) v(a, b);
SELECT news.clusters(a, b ORDER BY a DESC) FROM (VALUES (9, 5), (8, 7), (5, 3), (-2, NULL), (9, 9)) v(a, b);
SELECT * FROM news.cluster_members(
	(SELECT news.clusters(a, b) FROM (VALUES (9, 5), (8, 7), (5, 3), (-2, NULL)) v(a, b)));
-- NULL rows: (NULL, NULL) adds nothing, (NULL, x) adds x alone
SELECT news.clusters(a, b) FROM (VALUES (NULL::int8, NULL::int8), (NULL, 4), (1, 2)) v(a, b);
-- no rows: an empty clustering
SELECT news.clusters(a, b), news.cluster_count(news.clusters(a, b))
FROM (VALUES (1::int8, 2::int8)) v(a, b) WHERE false;
-- extreme ids
SELECT news.clusters(a, b) FROM (VALUES (9223372036854775807, -9223372036854775808)) v(a, b);

-- as a window function: clusters as the pairs arrive
SELECT id, news.clusters(a, b) OVER (ORDER BY id)
FROM (VALUES (1, 1, 2), (2, 3, 4), (3, 2, 3)) v(id, a, b);

-- text I/O: pairs are unioned, so any list reads as a canonical clustering
SELECT '{5:9, 1:2}'::news.clustering, '{}'::news.clustering, ' { 3 : 3 } '::news.clustering;
SELECT '{1:x}'::news.clustering;
SELECT '{1:2'::news.clustering;
SELECT '{1}'::news.clustering;
SELECT '{1:2}3'::news.clustering;
SELECT ''::news.clustering;
SELECT '{9223372036854775808:1}'::news.clustering;

-- binary input: pairs are unioned as in the text form; bad versions and
-- short data are rejected (same COPY (FORMAT binary) helper as termvec.sql)
CREATE FUNCTION pg_temp.to_oct(n int) RETURNS text LANGUAGE sql AS $$
	SELECT ((n >> 6) & 7)::text || ((n >> 3) & 7)::text || (n & 7)::text
$$;
CREATE FUNCTION pg_temp.copy_binary(tbl text, field bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	stream bytea := '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
		|| '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea;
	octal text := '';
BEGIN
	FOR i IN 0 .. length(stream) - 1 LOOP
		octal := octal || '\' || pg_temp.to_oct(get_byte(stream, i));
	END LOOP;
	EXECUTE format('COPY %s FROM PROGRAM %L (FORMAT binary)', tbl, 'printf ''' || octal || '''');
END
$$;
CREATE TABLE cl_bin (c news.clustering);
-- version 1, flags 0, 2 pairs: (9, 5) and (5, 2)
SELECT pg_temp.copy_binary('cl_bin', '\x000100000000000200000000000000090000000000000005'
										'00000000000000050000000000000002');
SELECT * FROM cl_bin;
\set VERBOSITY terse
SELECT pg_temp.copy_binary('cl_bin', '\x0002000000000000');
SELECT pg_temp.copy_binary('cl_bin', '\x0001000000000003000000000000000900000000000000050000');
\set VERBOSITY default
DROP TABLE cl_bin;

-- merging clusterings: the aggregate over clustering values joins
-- components through shared members
SELECT news.clusters(c) FROM (VALUES ('{1:2}'::news.clustering), ('{2:3,9:8}'), (NULL), ('{3:7}')) v(c);
SELECT news.cluster_of('{1:2,2:3,9:8}', 3), news.cluster_of('{1:2,2:3,9:8}', 9),
	   news.cluster_of('{1:2,2:3,9:8}', 4) IS NULL AS absent,
	   news.cluster_count('{1:2,2:3,9:8}'), news.clustering_size('{1:2,2:3,9:8}');

-- state type, combine function, parallel plan; a big chain in parallel
SELECT a.aggtranstype::regtype, a.aggcombinefn, p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname = 'clusters' ORDER BY 1::text, 2::text;
CREATE TABLE cl_pairs AS
	SELECT g AS a, CASE WHEN g % 1000 = 0 THEN NULL ELSE g + 1 END AS b
	FROM generate_series(1, 50000) g;
ANALYZE cl_pairs;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT news.clusters(a, b) FROM cl_pairs;
-- chains 1..1000, 1001..2000, ...: 50 clusters of 1000 with ids 1, 1001, ...
SELECT news.cluster_count(c), news.clustering_size(c), news.cluster_of(c, 1000),
	   news.cluster_of(c, 1001), news.cluster_of(c, 50000)
FROM (SELECT news.clusters(a, b) AS c FROM cl_pairs) s;
SELECT cluster_id, count(*) FROM news.cluster_members((SELECT news.clusters(a, b) FROM cl_pairs))
GROUP BY 1 ORDER BY 1 LIMIT 3;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE cl_pairs;

-- story clustering of the fixture articles
CREATE TABLE cl_articles (id int8 PRIMARY KEY, story text, title text, body text,
						  tv news.termvec, w news.termvec);
INSERT INTO cl_articles (id, story, title, body) VALUES
(1, 'port', 'Dock workers walk out at Port Halden',
 'Dock workers at Port Halden began a strike on Monday after wage talks with the harbour authority collapsed. Container ships queued outside the harbour and cranes stood idle. The dockers union said its members would stay out until the authority improved its pay offer.'),
(2, 'port', 'Halden harbour strike strands container ships',
 'More than twenty container ships were stranded off Port Halden as a strike by dockers entered its second day. The union wants a pay rise above inflation; the harbour authority says it cannot afford one. Exporters warned that cargo was piling up on the quays.'),
(3, 'port', 'Talks resume in Port Halden dock dispute',
 'The harbour authority and the dockers union returned to talks on Wednesday in an attempt to end the strike at Port Halden. Cranes have been idle for three days and container ships are still waiting at anchor. A union spokesman said a fair pay offer could end the dispute quickly.'),
(4, 'flood', 'River Mere bursts its banks after storms',
 'The River Mere burst its banks early on Sunday after two days of heavy rain, flooding streets in the town of Mereton. Firefighters used boats to rescue residents from upper windows and about four hundred people spent the night in an emergency shelter at the town school.'),
(5, 'flood', 'Hundreds evacuated as Mereton floods',
 'About four hundred residents of Mereton were evacuated from their homes when floodwater from the swollen River Mere poured into the town. Rescue crews in boats worked through the night. Forecasters expect more heavy rain, and the emergency shelter at the school remains open.'),
(6, 'flood', 'Clean-up begins in flooded Mereton',
 'Residents of Mereton began clearing mud from their homes on Tuesday as the River Mere fell back within its banks. The flood damaged more than three hundred houses. Families who spent two nights in the emergency shelter were allowed to return once firefighters had checked the streets.'),
(7, 'rates', 'Valdorian central bank raises interest rates',
 'The central bank of Valdoria raised its main interest rate by half a percentage point to 4.5 percent on Thursday, its third increase this year. Governor Ilse Marten said inflation, running at 7 percent, remained far above the bank target of 2 percent.'),
(8, 'rates', 'Valdoria lifts borrowing costs to fight inflation',
 'Borrowing costs in Valdoria rose again as the central bank lifted its benchmark rate to 4.5 percent. Governor Ilse Marten told reporters that inflation was still too high and that the bank was prepared to raise rates further. Mortgage lenders said they would pass on the increase.'),
(9, 'rates', 'Marten defends third rate rise',
 'Valdoria central bank governor Ilse Marten defended the decision to raise interest rates for a third time this year, saying that bringing inflation back to the 2 percent target mattered more than short-term growth. The benchmark rate now stands at 4.5 percent.'),
(10, 'chess', 'Teenager Lina Okafor wins national chess title',
 'Sixteen-year-old Lina Okafor won the national chess championship on Saturday, beating the defending champion in the final round. Okafor, who learned the game at her school chess club, finished the tournament unbeaten with seven wins and two draws.'),
(11, 'chess', 'Okafor, 16, becomes youngest chess champion',
 'Lina Okafor became the youngest national chess champion in the history of the tournament after a tense final round on Saturday. The sixteen-year-old drew her last game to stay unbeaten and finish a full point ahead of the defending champion.'),
(12, 'chess', 'School club celebrates champion Okafor',
 'Members of the school chess club where Lina Okafor first played the game gathered to celebrate her national championship title. Her coach said the sixteen-year-old had studied chess openings every evening and deserved to become champion after an unbeaten tournament.'),
(13, 'rail', 'Rail workers strike in Corvel over pensions',
 'Train drivers and rail workers in Corvel went on strike on Friday in a dispute over pensions, cancelling most commuter services. The rail operator said replacement buses would run on the busiest routes while talks continued.');

-- term counts, corpus statistics, tf-idf vectors under a GIN index
UPDATE cl_articles SET tv = news.termvec(title || E'\n' || body);
CREATE TABLE cl_stats AS SELECT news.corpus_stats(tv) AS c FROM cl_articles;
UPDATE cl_articles SET w = news.tfidf(tv, (SELECT c FROM cl_stats));
CREATE INDEX cl_articles_w ON cl_articles USING gin (w);
ANALYZE cl_articles;
SELECT news.corpus_docs(c) FROM cl_stats;

-- pairwise cosine of tf-idf vectors: within a story every pair is at least
-- 0.3, across stories every pair is below 0.15 (the closest: the two strikes)
SELECT a.story = b.story AS same_story, round(min(news.cosine(a.w, b.w))::numeric, 2) AS min_cos,
	   round(max(news.cosine(a.w, b.w))::numeric, 2) AS max_cos
FROM cl_articles a JOIN cl_articles b ON a.id < b.id
GROUP BY 1 ORDER BY 1;

-- candidate pairs through the index (each article's 10 heaviest terms),
-- kept when cosine >= 0.2, then union-find; singletons added with NULL
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM cl_articles a JOIN cl_articles b
  ON b.w OPERATOR(news.&&) news.top_terms(a.w, 10) AND b.id <> a.id;
RESET enable_seqscan;
CREATE TABLE cl_result AS
SELECT m.id, m.cluster_id
FROM news.cluster_members((
	SELECT news.clusters(a.id, b.id)
	FROM cl_articles a
	LEFT JOIN cl_articles b
	  ON b.w && news.top_terms(a.w, 10) AND b.id <> a.id AND news.cosine(a.w, b.w) >= 0.2)) m;
SELECT r.cluster_id, string_agg(a.story, ',' ORDER BY a.id) AS stories,
	   string_agg(a.id::text, ',' ORDER BY a.id) AS ids
FROM cl_result r JOIN cl_articles a USING (id)
GROUP BY 1 ORDER BY 1;

-- incremental assignment: stories exist for articles 1-12 but for the last
-- report of each event; a scheduled job takes unassigned articles one at a
-- time in arrival order and gives each the story of its best indexed match
-- with cosine >= 0.2, or a new story named by its own id
CREATE TABLE cl_story (article_id int8 PRIMARY KEY, story_id int8 NOT NULL);
INSERT INTO cl_story
SELECT id, cluster_id FROM cl_result WHERE id NOT IN (3, 6, 9, 12, 13);
CREATE FUNCTION cl_assign_next() RETURNS int8 LANGUAGE sql AS $$
	INSERT INTO cl_story (article_id, story_id)
	SELECT n.id, coalesce(best.story_id, n.id)
	FROM (SELECT a.id, a.w FROM cl_articles a
		  WHERE NOT EXISTS (SELECT 1 FROM cl_story s WHERE s.article_id = a.id)
		  ORDER BY a.id LIMIT 1) n
	LEFT JOIN LATERAL (
		SELECT s.story_id
		FROM cl_articles b JOIN cl_story s ON s.article_id = b.id
		WHERE b.w && news.top_terms(n.w, 10)
		  AND (b.w <=> n.w) <= 1 - 0.2
		ORDER BY b.w <=> n.w, b.id
		LIMIT 1) best ON true
	RETURNING article_id
$$;
-- a new event arrives too: a second report of the Corvel rail strike
INSERT INTO cl_articles (id, story, title, body) VALUES
(14, 'rail', 'Corvel commuters face second day without trains',
 'Commuters in Corvel faced a second day without trains as the rail strike over pensions continued. Replacement buses ran on the busiest routes, and the rail operator said talks with train drivers had made little progress.');
UPDATE cl_articles SET tv = news.termvec(title || E'\n' || body) WHERE id = 14;
UPDATE cl_stats SET c = c + (SELECT news.corpus_stats(tv) FROM cl_articles WHERE id = 14);
UPDATE cl_articles SET w = news.tfidf(tv, (SELECT c FROM cl_stats)) WHERE id = 14;
SELECT cl_assign_next(), cl_assign_next(), cl_assign_next(), cl_assign_next(),
	   cl_assign_next(), cl_assign_next(), cl_assign_next() IS NULL AS done;
SELECT s.story_id, string_agg(a.story, ',' ORDER BY a.id) AS stories,
	   string_agg(a.id::text, ',' ORDER BY a.id) AS ids
FROM cl_story s JOIN cl_articles a ON a.id = s.article_id
GROUP BY 1 ORDER BY 1;

-- bad arguments
SELECT count(*) FROM news.cluster_members(NULL);
SELECT news.cluster_of(NULL, 1) IS NULL, news.cluster_of('{1:1}', NULL) IS NULL;

-- every function is commented and parallel safe
SELECT p.proname FROM pg_proc p
WHERE p.pronamespace = 'news'::regnamespace
  AND (p.proname LIKE '%cluster%')
  AND (obj_description(p.oid, 'pg_proc') IS NULL OR p.proparallel <> 's')
ORDER BY 1;

DROP FUNCTION cl_assign_next();
DROP TABLE cl_articles, cl_stats, cl_result, cl_story;
