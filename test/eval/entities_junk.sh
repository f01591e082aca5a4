#!/usr/bin/env bash
# test/eval/entities_junk.sh: are the top entities of real feeds usable?
#
# Runs news.entities over BBC (bbc_fulltext) and AG News (ag_news_test) from
# $NA_SHARED/corpora, each article as a feed reader sees it (title, a blank
# line, body), and prints
#   - junk: among the top 200 canonical names by article count of each type
#     (PERSON, ORG, LOC, NORP, MISC), how many fall in one of the junk
#     classes of issue 9, defined by the patterns below (contractions,
#     markup and feed artefacts, common words, headline and heading
#     fragments, titles inside a name, source-credit lines), with the hits
#     listed;
#   - type consistency: the share of canonical names seen in at least 5
#     articles whose majority type covers at least 95% of their mentions;
# for the rules (news.entities(body, model => 'rules')) and, in this tree,
# for the learned models (news.entities(body, model => 'conll') and the
# stacked 'combined', the default of news.entities(body) since session 13;
# a baseline build before it runs news.entities(body), the rules).
# The same is measured in the same run on a baseline build of an earlier
# commit (test/baseline.sh; NA_JUNK_BASELINE, by default 1b50ec2, the
# integration branch before the junk rules; empty: none).
# Builds and installs into throwaway clusters.  Not a timed test.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../baseline.sh"
cd "$NA_TOP"
trap 'na_baseline_stop; na_cluster_stop' EXIT

for f in bbc_fulltext ag_news_test; do
	[ -r "$NA_SHARED/corpora/$f.jsonl" ] || { echo "missing $NA_SHARED/corpora/$f.jsonl (set NA_SHARED)" >&2; exit 1; }
done
BASE=${NA_JUNK_BASELINE-1b50ec2}

# the corpus and the junk classes of issue 9, for one cluster (psql
# function $1)
corpus() {
	local q=$1
	for f in bbc_fulltext ag_news_test; do
		$q -c "\\copy raw (j) FROM '$NA_SHARED/corpora/$f.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
	done
	$q <<'SQL'
CREATE TABLE articles AS
	SELECT j->>'id' AS id,
		   coalesce(nullif(j->>'title', '') || E'\n\n', '') || coalesce(j->>'body', '') AS body
	FROM raw;
CREATE TABLE junk (class text, pattern text);
INSERT INTO junk VALUES
	('contraction', '^(we|i|they|you|he|she|it|that|there|who|what|let|here)[''’](re|ve|ll|m|d|s)$'),
	('markup', '(<|>|&lt;|&gt;|&amp;|=|"|^a href$|^href$|^font( |$)|^[a-z]\.?$|^quote$|^profile$|^research$|^script$|^style$|^div$|^span$|^img$|^www\.|^http|sans serif|^verdana|^arial|^helvetica)'),
	('common word', '^(mobile|broadband|ticker|chart|users|music|internet|online|video|phone|phones|web|email|update|graphics|obviously|similarly|separately|unfortunately|ultimately|additionally|interestingly|fortunately|basically|clearly|nobody|everyone)$'),
	('heading', '^(what|how|why|when|where|who) |^market reaction$|^what happens next$|^background$|^analysis$|^key facts$'),
	('headline', '^[^ ]+( [^ ]+)* (picks|retires|wins|beats|says|plans|sees|gets|takes|hits|falls|rises|buys|sells|quits|faces|urges|backs|calls|signs|joins|leads|loses|warns)( |$)'),
	('title in name', '^(president|presidents|mr\.?|mrs\.?|ms\.?|dr\.?|prime minister|chancellor|senator|sen\.|gov\.|governor|secretary) '),
	('credit', '(^courtesy|courtesy of)');
SQL
}

# the measures of one extractor (psql function $1, the arguments after the
# body $2, table suffix $3): tables mentions$3, hits$3 and result$3
measure() {
	local q=$1 args=$2 x=$3
	$q <<SQL
CREATE TABLE mentions AS
	SELECT a.id, e.type, e.entity AS canonical
	FROM articles a, news.entities(a.body$args) e
	WHERE e.type IN ('PERSON', 'ORG', 'LOC', 'NORP', 'MISC');
CREATE TABLE top AS
	SELECT type, canonical, articles, rank
	FROM (SELECT type, canonical, count(DISTINCT id) AS articles,
				 row_number() OVER (PARTITION BY type ORDER BY count(DISTINCT id) DESC, canonical) AS rank
		  FROM mentions GROUP BY type, canonical) s
	WHERE rank <= 200;
CREATE TABLE hits AS
	SELECT DISTINCT ON (t.type, t.canonical) t.type, t.canonical, t.articles, t.rank, j.class
	FROM top t JOIN junk j ON pg_catalog.lower(t.canonical) ~ j.pattern
	ORDER BY t.type, t.canonical, j.class;
CREATE TABLE result AS
	WITH per AS (SELECT canonical, type, count(*) AS n FROM mentions GROUP BY canonical, type),
	names AS (SELECT m.canonical FROM mentions m GROUP BY m.canonical HAVING count(DISTINCT m.id) >= 5),
	agg AS (SELECT p.canonical, max(p.n)::float8 / sum(p.n) AS share
			FROM per p JOIN names USING (canonical) GROUP BY p.canonical)
	SELECT (SELECT count(*) FROM articles) AS docs, (SELECT count(*) FROM mentions) AS mentions,
		   (SELECT count(*) FROM hits) AS junk,
		   pg_catalog.round(avg((share >= 0.95)::int)::numeric, 3) AS consistency,
		   count(*) AS names
	FROM agg;
SQL
	# the names short of 95%, with their split by type, most minority
	# mentions first
	$q <<SQL
CREATE TABLE short AS
	WITH per AS (SELECT canonical, type, count(*) AS n FROM mentions GROUP BY canonical, type),
	names AS (SELECT m.canonical FROM mentions m GROUP BY m.canonical HAVING count(DISTINCT m.id) >= 5),
	agg AS (SELECT p.canonical, sum(p.n) AS total, max(p.n) AS top,
				   string_agg(p.type || ' ' || p.n, ' ' ORDER BY p.n DESC, p.type) AS split,
				   pg_catalog.bool_and(p.type IN ('ORG', 'LOC')) AS org_loc,
				   pg_catalog.bool_and(p.type IN ('NORP', 'MISC')) AS norp_misc
			FROM per p JOIN names USING (canonical) GROUP BY p.canonical)
	SELECT canonical, total, total - top AS minority, split, org_loc, norp_misc,
		   canonical !~ ' ' AS one_word
	FROM agg WHERE top < 0.95 * total;
SQL
	if [ -n "$x" ]; then
		for t in mentions top hits result short; do
			$q -c "ALTER TABLE $t RENAME TO $t$x"
		done
	fi
}

na_tmp
if [ -n "$BASE" ]; then
	na_baseline_start "$BASE"
	na_base_psql -c "CREATE TABLE raw (j jsonb)"
	corpus na_base_psql
	measure na_base_psql "" ""
fi
na_build
na_private_install
na_cluster_start UTF8
na_psql -c "CREATE EXTENSION news_analytics" -c "CREATE TABLE raw (j jsonb)"
corpus na_psql
measure na_psql ", model => 'conll'" _learned
measure na_psql ", model => 'combined'" _combined
measure na_psql ", model => 'rules'" ""

read -r docs nment junk cons names < <(na_psql -At -F ' ' -c "SELECT docs, mentions, junk, consistency, names FROM result")
read -r _ lment ljunk lcons lnames < <(na_psql -At -F ' ' -c "SELECT docs, mentions, junk, consistency, names FROM result_learned")
read -r _ cment cjunk ccons cnames < <(na_psql -At -F ' ' -c "SELECT docs, mentions, junk, consistency, names FROM result_combined")
bjunk=-
bcons=-
bnames=-
if [ -n "$BASE" ]; then
	read -r _ _ bjunk bcons bnames < <(na_base_psql -At -F ' ' -c "SELECT docs, mentions, junk, consistency, names FROM result")
fi

echo "BBC + AG News: $docs articles (title + body); PERSON/ORG/LOC/NORP/MISC mentions: $nment (rules), $lment (conll), $cment (combined)"
for x in "" _learned _combined; do
	echo
	what=rules
	[ "$x" = _learned ] && what="learned model conll"
	[ "$x" = _combined ] && what="stacked model combined"
	echo "junk in the top 200 per type, by class (this tree, $what):"
	na_psql -At -F ' ' -c "SELECT type, class, count(*) FROM hits$x GROUP BY type, class ORDER BY 1, 2" |
		awk '{printf "  %-8s %-16s %5d\n", $1, $2 " " ($4 == "" ? "" : $3), $NF}'
	echo "junk hits (type, rank, articles, name):"
	na_psql -At -F ' | ' -c "SELECT type, rank, articles, canonical FROM hits$x ORDER BY type, rank" | sed 's/^/  /'
done
echo
echo "names short of 95% (in >= 5 articles): how many, of one word, split only between ORG and LOC"
echo "(a club and its city, a dateline), only between NORP and MISC; the 15 with the most minority mentions"
for x in "" _learned _combined; do
	what=rules
	[ "$x" = _learned ] && what=conll
	[ "$x" = _combined ] && what=combined
	na_psql -At -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE one_word), count(*) FILTER (WHERE org_loc),
			count(*) FILTER (WHERE norp_misc) FROM short$x" |
		awk -v w="$what" '{printf "  %-9s %4d short, %4d of one word, %3d ORG/LOC only, %3d NORP/MISC only\n", w, $1, $2, $3, $4}'
	na_psql -At -F ' | ' -c "SELECT canonical, total, split FROM short$x ORDER BY minority DESC, canonical LIMIT 15" |
		sed 's/^/    /'
done
echo
printf '%-52s %14s %12s %12s %12s\n' "measure" "baseline" "this tree" "this tree" "this tree"
printf '%-52s %14s %12s %12s %12s\n' "" "${BASE:--}" "rules" "conll" "combined"
printf '%-52s %14s %12s %12s %12s\n' "junk names in the top 200 of each type (sum)" "$bjunk" "$junk" "$ljunk" "$cjunk"
printf '%-52s %14s %12s %12s %12s\n' "type consistency (names in >= 5 articles, >= 95%)" "$bcons" "$cons" "$lcons" "$ccons"
printf '%-52s %14s %12s %12s %12s\n' "names in >= 5 articles" "$bnames" "$names" "$lnames" "$cnames"
