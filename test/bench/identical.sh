#!/usr/bin/env bash
# test/bench/identical.sh: an md5 of the complete, ordered output of every
# text function on the Reuters-21578, BBC News and AG News corpora, one line
# per function and corpus.  Two builds that print the same lines give
# byte-identical results on 31,804 real articles: run it before and after a
# refactoring and compare.  Not a timed test; needs ../shared/data.
#
#   bash test/bench/identical.sh            print the hashes
#   bash test/bench/identical.sh FILE       ... and compare them with FILE
#                                           (exit status 1 on a difference)
#   NA_IDENTICAL_RUNNING=1                  use the running server (PGHOST,
#                                           PGPORT, NA_PGBIN) instead of a
#                                           throwaway cluster
#   NA_IDENTICAL_ONLY="entities quotes"     only these functions (no
#                                           comparison with FILE)
#
# Each article's output is hashed on its own (rows in the function's order,
# as text), then the hashes of a corpus in article order: memory stays small
# and a difference can be narrowed down to articles with the same query.
set -eu
. "$(dirname "$0")/../lib.sh"
cd "$NA_TOP"
expected=${1:-}
[ -d "$NA_SHARED/corpora" ] || NA_SHARED=/work/shared/data

if [ -z "${NA_IDENTICAL_RUNNING:-}" ]; then
	trap na_cluster_stop EXIT
	na_deps
	na_build
	na_private_install
	na_cluster_start UTF8
fi
na_psql -c "DROP SCHEMA IF EXISTS ident CASCADE" -c "CREATE SCHEMA ident" \
	-c "CREATE EXTENSION IF NOT EXISTS news_analytics" \
	-c "CREATE TABLE ident.raw (j jsonb)" >/dev/null 2>&1
na_psql -c "CREATE TABLE ident.articles (corpus text, id int, body text)" >/dev/null
for c in reuters:reuters21578 bbc:bbc_fulltext agnews:ag_news_test; do
	name=${c%%:*}
	file=$NA_SHARED/corpora/${c#*:}.jsonl
	na_psql -c "TRUNCATE ident.raw" \
		-c "\\copy ident.raw (j) FROM '$file' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
		-c "INSERT INTO ident.articles SELECT '$name', row_number() OVER (), j->>'body'
			FROM ident.raw WHERE coalesce(j->>'body', '') <> ''" >/dev/null
done
na_psql -c "DROP TABLE ident.raw" -c "VACUUM ANALYZE ident.articles" >/dev/null

# name|expression giving one text per article (SRFs: every row, in order)
srf() { echo "(SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(r::text, E'\\n' ORDER BY r.ordinality), '')) FROM $1 WITH ORDINALITY r)"; }
funcs=(
	"tokenize_english|pg_catalog.md5(news.tokenize(body, 'english')::text)"
	"tokenize_simple|pg_catalog.md5(news.tokenize(body, 'simple')::text)"
	"tokens|$(srf 'news.tokens(body)')"
	"sentences|$(srf 'news.sentences(body)')"
	"entities|$(srf 'news.entities(body)')"
	"quotes|$(srf 'news.quotes(body)')"
	"dates|$(srf "news.dates(body, '2005-06-15'::date)")"
	"dates_unpublished|$(srf 'news.dates(body)')"
	"pattern_matches|$(srf 'news.pattern_matches(body)')"
	"termvec|pg_catalog.md5(news.termvec(body)::text)"
	"minhash|pg_catalog.md5(news.minhash(body)::text)"
	"minhash_k64_s3|pg_catalog.md5(news.minhash(body, 64, 3)::text)"
	"simhash|pg_catalog.md5(news.simhash(body)::text)"
	"shingle_jaccard|pg_catalog.md5(coalesce(news.shingle_jaccard(body, pg_catalog.lag(body, 1, '') OVER (ORDER BY id))::text, ''))"
	"to_tsvector|pg_catalog.md5(to_tsvector('news.english', body)::text)"
	"keywords|$(srf 'news.keywords(body, 10)')"
	"summary|$(srf 'news.summary(body, 3)')"
)
out=$(mktemp)
for f in "${funcs[@]}"; do
	name=${f%%|*}
	expr=${f#*|}
	if [ -n "${NA_IDENTICAL_ONLY:-}" ] && ! [[ " $NA_IDENTICAL_ONLY " == *" $name "* ]]; then
		continue
	fi
	for corpus in reuters bbc agnews; do
		h=$(na_psql -At -c "SET max_parallel_workers_per_gather = 0" -c "SELECT pg_catalog.md5(pg_catalog.string_agg(h, '' ORDER BY id))
			FROM (SELECT id, $expr AS h FROM ident.articles WHERE corpus = '$corpus') s" | tail -1)
		printf '%-20s %-8s %s\n' "$name" "$corpus" "$h" | tee -a "$out"
	done
done
status=0
if [ -n "$expected" ] && [ -z "${NA_IDENTICAL_ONLY:-}" ]; then
	if diff <(grep -v '^#' "$expected") "$out" >/dev/null; then
		echo "identical to $expected"
	else
		echo "DIFFERENT from $expected:"
		diff <(grep -v '^#' "$expected") "$out" || true
		status=1
	fi
fi
rm -f "$out"
exit $status
