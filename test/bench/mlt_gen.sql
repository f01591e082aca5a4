-- mlt_gen.sql: a reproducible corpus of :n distinct synthetic news articles
-- for the "more like this" benchmark at scale (test/bench/mlt_scale.sh),
-- derived from the shared corpora (copied beforehand into gen_raw(j jsonb):
-- Reuters-21578, BBC News, AG News, CoNLL-2003 documents).
--
-- Every source sentence (news.sentences, 4 words or more) belongs to a
-- topic group: the Reuters topic, the BBC or AG News category, CoNLL; groups
-- under 500 sentences share one "other" group.  Article i takes a first
-- sentence at a hashed position among all sentences, which picks its group
-- (groups weigh by their size), then 3 to 12 more sentences at hashed
-- positions of the same group, so articles on a topic share vocabulary but
-- hardly ever a run of sentences; it starts with a dateline of a synthetic
-- place and a synthetic person (names of three syllables from 32, drawn
-- from a skewed distribution), which gives the vocabulary the long tail of
-- names a real archive has.  Everything is a function of i
-- (hashint8extended with fixed seeds): the first n articles of a larger run
-- are the same, and two runs give the same corpus.
\set ON_ERROR_STOP 1
CREATE TABLE gen_docs AS
	SELECT j->>'id' AS doc,
		   CASE WHEN j->>'id' LIKE 'reuters%' THEN 'reuters:' || coalesce(j->'topics'->>0, 'none')
				WHEN j->>'id' LIKE 'conll%' THEN 'conll'
				ELSE split_part(j->>'id', '-', 1) || ':' || coalesce(j->>'category', 'none') END AS grp,
		   j->>'body' AS body
	FROM gen_raw WHERE coalesce(j->>'body', '') <> '';
CREATE TABLE gen_sent0 AS
	SELECT d.grp, d.doc, s.sentence, s.text
	FROM gen_docs d, news.sentences(d.body) s
	WHERE array_length(regexp_split_to_array(trim(s.text), '\s+'), 1) >= 4 AND length(s.text) < 1000;
UPDATE gen_sent0 s SET grp = 'other'
	FROM (SELECT grp FROM gen_sent0 GROUP BY grp HAVING count(*) < 500) g WHERE s.grp = g.grp;
-- sentences numbered from 0 in (group, document, sentence) order; each
-- group a contiguous range [base, base + nsent)
CREATE TABLE gen_sent AS
	SELECT (row_number() OVER (ORDER BY grp, doc, sentence) - 1)::int8 AS pos, grp,
		   regexp_replace(text, '\s+', ' ', 'g') AS text
	FROM gen_sent0;
ALTER TABLE gen_sent ADD PRIMARY KEY (pos);
CREATE TABLE gen_grp AS SELECT grp, min(pos) AS base, count(*) AS nsent FROM gen_sent GROUP BY grp;
ALTER TABLE gen_grp ADD PRIMARY KEY (grp);
DROP TABLE gen_sent0, gen_docs;
ANALYZE gen_sent;
ANALYZE gen_grp;

-- gen_name(x, seed): a capitalized name of three syllables, the syllables
-- from x (skewed: small values are common)
CREATE FUNCTION gen_name(x int8) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT initcap((ARRAY['ka','lo','mi','ra','te','vo','su','den','bar','ni','qu','sha','to','re','pa','gul',
						   'an','el','or','is','un','bo','ce','di','fa','ga','hu','jo','ke','ly','mo','nu'])[x % 32 + 1]
		|| (ARRAY['ka','lo','mi','ra','te','vo','su','den','bar','ni','qu','sha','to','re','pa','gul',
				  'an','el','or','is','un','bo','ce','di','fa','ga','hu','jo','ke','ly','mo','nu'])[(x / 32) % 32 + 1]
		|| (ARRAY['rin','ton','va','mar','dez','lin','sk','ber','ova','ez','ic','ard','en','ham','ski','um',
				  'ak','id','os','ur','et','ia','ol','yn','ax','ub','ep','ov','ic','as','im','ot'])[(x / 1024) % 32 + 1])
$$;
CREATE FUNCTION gen_skewed(i int8, seed int8) RETURNS int8 LANGUAGE sql IMMUTABLE AS $$
	-- 0 .. 32767, the density falling as 1 / x (about Zipf's)
	SELECT floor(exp(ln(32768.0) * ((abs(hashint8extended(i, seed)) % 1000000) / 1000000.0)))::int8 - 1
$$;

SELECT sum(nsent) AS total_sentences FROM gen_grp \gset
CREATE TABLE gen_articles AS
	SELECT a.i AS id,
		   gen_name(gen_skewed(a.i, 11)) || ', ' || gen_name(gen_skewed(a.i, 12)) || ' ' ||
		   gen_name(gen_skewed(a.i, 13)) || ' reports. ' ||
		   (SELECT string_agg(s.text, ' ' ORDER BY j)
			FROM generate_series(0, 3 + abs(hashint8extended(a.i, 2)) % 10) j
			JOIN gen_sent s ON s.pos = CASE WHEN j = 0 THEN f.pos
											ELSE g.base + abs(hashint8extended(a.i * 16 + j, 3)) % g.nsent END) AS body
	FROM generate_series(1, :n) a(i)
	CROSS JOIN LATERAL (SELECT s.pos, s.grp FROM gen_sent s
						WHERE s.pos = abs(hashint8extended(a.i, 1)) % :total_sentences) f
	JOIN gen_grp g ON g.grp = f.grp;
ALTER TABLE gen_articles ADD PRIMARY KEY (id);
SELECT count(*) AS articles, round(avg(length(body))) AS avg_chars,
	   (SELECT count(*) FROM gen_grp) AS topic_groups, :total_sentences AS source_sentences
FROM gen_articles;
