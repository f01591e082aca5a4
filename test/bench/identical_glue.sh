#!/usr/bin/env bash
# test/bench/identical_glue.sh: an md5 of the complete, ordered output of
# every SQL-callable function of the glue layer (src/pg) on the Reuters-21578,
# BBC News and AG News corpora: the text functions, and also each type's
# text and binary forms, accessors, operators, btree and hash support,
# aggregates (serial and combined) and GIN index scans.  One line per
# function and corpus.  Two builds that print the same lines give
# byte-identical results: run it before and after a refactoring of the glue
# and compare.  Not a timed test; needs ../shared/data.
#
#   bash test/bench/identical_glue.sh        print the hashes
#   bash test/bench/identical_glue.sh FILE   ... and compare them with FILE
#                                            (exit status 1 on a difference)
#   NA_IDENTICAL_RUNNING=1                   use the running server (PGHOST,
#                                            PGPORT, NA_PGBIN) instead of a
#                                            throwaway cluster
#
# Per-article values are hashed on their own (an SRF's rows in its order,
# as text), then the hashes of a corpus in article order.  Aggregates and
# index scans give one value per corpus.
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
na_psql -c "DROP SCHEMA IF EXISTS identg CASCADE" -c "CREATE SCHEMA identg" \
	-c "CREATE EXTENSION IF NOT EXISTS news_analytics" \
	-c "CREATE TABLE identg.raw (j jsonb)" >/dev/null 2>&1
na_psql -c "CREATE TABLE identg.articles (corpus text, id int, body text)" >/dev/null
for c in reuters:reuters21578 bbc:bbc_fulltext agnews:ag_news_test; do
	name=${c%%:*}
	file=$NA_SHARED/corpora/${c#*:}.jsonl
	na_psql -c "TRUNCATE identg.raw" \
		-c "\\copy identg.raw (j) FROM '$file' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
		-c "INSERT INTO identg.articles SELECT '$name', row_number() OVER (), j->>'body'
			FROM identg.raw WHERE coalesce(j->>'body', '') <> ''" >/dev/null
done
# the values every type function reads, computed once per article
na_psql -c "DROP TABLE identg.raw" \
	-c "CREATE TABLE identg.vals AS SELECT corpus, id, body,
			news.termvec(body) AS v, news.minhash(body) AS m, news.minhash(body, 64, 3) AS m64,
			news.simhash(body) AS sh
		FROM identg.articles" \
	-c "CREATE TABLE identg.stats AS SELECT corpus, news.corpus_stats(v) AS c
		FROM identg.vals GROUP BY corpus" \
	-c "CREATE INDEX ON identg.vals (corpus, id)" \
	-c "CREATE INDEX ON identg.vals USING gin (v news.termvec_ops)" \
	-c "CREATE INDEX ON identg.vals USING gin (m news.minhash_ops)" \
	-c "VACUUM ANALYZE identg.vals" >/dev/null

# name|expression giving one text per article (SRFs: every row, in order);
# p is the previous article of the corpus (for the two-argument functions)
srf() { echo "(SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(r::text, E'\\n' ORDER BY r.ordinality), '')) FROM $1 WITH ORDINALITY r)"; }
per_article=(
	"tokenize_english|news.tokenize(body, 'english')::text"
	"tokenize_simple|news.tokenize(body, 'simple')::text"
	"tokens|$(srf 'news.tokens(body)')"
	"sentences|$(srf 'news.sentences(body)')"
	"entities|$(srf 'news.entities(body)')"
	"quotes|$(srf 'news.quotes(body)')"
	"dates|$(srf "news.dates(body, '2005-06-15'::date)")"
	"pattern_matches|$(srf 'news.pattern_matches(body)')"
	"entity_country|(SELECT pg_catalog.string_agg(coalesce(news.entity_country(e.entity), '-'), ',' ORDER BY e.o) FROM news.entities(body) WITH ORDINALITY e(entity, type, mention, start, length, sentence, confidence, o))"
	"to_tsvector|to_tsvector('news.english', body)::text"
	"ts_headline|ts_headline('news.english', body, to_tsquery('news.english', 'market | minister | game'))"
	"termvec_text|v::text"
	"termvec_binary|news.termvec_send(v)::text"
	"termvec_io|(v::text::news.termvec = v AND true)::text"
	"termvec_arrays|news.termvec(ARRAY(SELECT term_id FROM news.termvec_entries(v)), ARRAY(SELECT weight FROM news.termvec_entries(v)))::text"
	"termvec_entries|$(srf 'news.termvec_entries(v)')"
	"term_surfaces|$(srf 'news.term_surfaces(body, 20)')"
	"term_id|news.term_id(pg_catalog.left(body, 12))::text"
	"nnz_norm|news.nnz(v)::text || ' ' || news.norm(v)::text"
	"top_terms|news.top_terms(v, 7)::text"
	"tfidf|news.tfidf(v, c)::text"
	"bm25|news.bm25(news.top_terms(pv, 5), v, c)::text || ' ' || news.bm25(v, pv, c, 0.9, 0.3)::text"
	"cosine|news.cosine(v, pv)::text || ' ' || (v <=> pv)::text || ' ' || (v && pv)::text || ' ' || news.shared_terms(v, pv)::text"
	"termvec_order|(v = pv)::text || (v <> pv)::text || (v < pv)::text || news.termvec_cmp(v, pv)::text || news.termvec_hash(v)::text || news.termvec_hash_extended(v, 7)::text"
	"termquery|news.mlt_query(v, 10, 2)::text || ' ' || news.termquery_send(news.mlt_query(v))::text || ' ' || news.min_shared(news.mlt_query(v, 5, 9))::text || ' ' || news.query_terms(news.mlt_query(v))::text || ' ' || (pv % news.mlt_query(v, 10, 2))::text"
	"termquery_order|(news.mlt_query(v) < news.mlt_query(pv))::text || news.termquery_hash(news.mlt_query(v))::text || news.termquery_hash_extended(news.mlt_query(v), 3)::text || (news.mlt_query(v)::text::news.termquery = news.mlt_query(v))::text"
	"minhash_text|m::text || ' ' || m64::text"
	"minhash_binary|news.minhash_send(m)::text || (m::text::news.minhash = m)::text"
	"minhash_fns|news.minhash_k(m64)::text || ' ' || news.minhash_shingle(m64)::text || ' ' || news.jaccard(m, pm)::text || ' ' || (m % pm)::text || ' ' || news.lsh_bands(m, 16, 4)::text"
	"minhash_query|news.minhash_query(m, 0.3)::text || news.minhash_query_send(news.minhash_query(m64, 0.25))::text || news.query_threshold(news.minhash_query(m, 0.7))::text || (news.query_signature(news.minhash_query(m, 0.7)) = m)::text || (pm % news.minhash_query(m, 0.2))::text || news.similar(pm, m, 0.1)::text"
	"minhash_order|(m < pm)::text || news.minhash_cmp(m, pm)::text || news.minhash_hash(m)::text || news.minhash_hash_extended(m, 5)::text"
	"simhash|sh::text || ' ' || news.hamming(sh, psh)::text"
	"shingle_jaccard|news.shingle_jaccard(body, pbody)::text || ' ' || news.shingle_jaccard(body, pbody, 2)::text"
)
# name|expression giving one text per corpus (x: the corpus's rows of vals,
# s: its statistics)
per_corpus=(
	"corpus_text|c::text"
	"corpus_binary|news.corpus_send(c)::text"
	"corpus_fns|news.corpus_docs(c)::text || ' ' || news.corpus_terms(c)::text || ' ' || news.corpus_avg_length(c)::text || ' ' || news.corpus_df(c, 3008381735)::text || ' ' || news.corpus_prune(c, 3, 50)::text"
	"corpus_combine|(SELECT news.corpus_stats(part) FROM (SELECT news.corpus_stats(v) AS part FROM identg.vals x WHERE x.corpus = s.corpus GROUP BY x.id % 7) q)::text"
	"corpus_merge|((SELECT news.corpus_stats(v) FROM identg.vals x WHERE x.corpus = s.corpus AND x.id % 2 = 0) + (SELECT news.corpus_stats(v) FROM identg.vals x WHERE x.corpus = s.corpus AND x.id % 2 = 1))::text"
	"corpus_order|news.corpus_hash(c)::text || news.corpus_hash_extended(c, 11)::text || (c::text::news.corpus = c)::text"
	"clusters|(SELECT news.clusters(x.id, y.id) FROM identg.vals x JOIN identg.vals y ON x.corpus = y.corpus AND y.id > x.id AND y.id < x.id + 40 AND news.jaccard(x.m, y.m) >= 0.3 WHERE x.corpus = s.corpus)::text"
	"clusters_fns|(SELECT news.cluster_count(k)::text || ' ' || news.clustering_size(k)::text || ' ' || coalesce(news.cluster_of(k, 17)::text, '-') || ' ' || news.clustering_send(k)::text || ' ' || (SELECT pg_catalog.md5(pg_catalog.string_agg(r::text, ',')) FROM news.cluster_members(k) r) || (k::text::news.clustering = k)::text || news.clustering_hash(k)::text FROM (SELECT news.clusters(x.id, CASE WHEN x.id % 5 = 0 THEN NULL ELSE x.id / 3 END) AS k FROM identg.vals x WHERE x.corpus = s.corpus) q)"
	"clusters_combine|(SELECT news.clusters(k) FROM (SELECT news.clusters(x.id, x.id / 4) AS k FROM identg.vals x WHERE x.corpus = s.corpus GROUP BY x.id % 3) q)::text"
	"gin_termvec|(SELECT pg_catalog.md5(pg_catalog.string_agg(x.id::text || ':' || (SELECT pg_catalog.count(*) FROM identg.vals y WHERE y.v && news.top_terms(x.v, 2) AND y.corpus = s.corpus)::text || ':' || (SELECT pg_catalog.count(*) FROM identg.vals y WHERE y.v % news.mlt_query(x.v, 10, 3) AND y.corpus = s.corpus)::text, ',' ORDER BY x.id)) FROM identg.vals x WHERE x.corpus = s.corpus AND x.id % 50 = 1)"
	"gin_minhash|(SELECT pg_catalog.md5(pg_catalog.string_agg(x.id::text || ':' || (SELECT pg_catalog.string_agg(y.id::text, ' ' ORDER BY y.id) FROM identg.vals y WHERE y.m % news.minhash_query(x.m, 0.5))::text || ':' || (SELECT pg_catalog.count(*) FROM identg.vals y WHERE y.m % x.m)::text, ',' ORDER BY x.id)) FROM identg.vals x WHERE x.corpus = s.corpus AND x.id % 20 = 1)"
)
# binary I/O: every stored type out through send and back through recv
bin=$NA_TMP/identical_glue.bin
na_psql -c "\\copy (SELECT corpus, id, v, news.mlt_query(v, 10, 2), m, news.minhash_query(m, 0.5) FROM identg.vals) TO '$bin' WITH (FORMAT binary)" \
	-c "\\copy (SELECT s.corpus, s.c, (SELECT news.clusters(x.id, x.id / 5) FROM identg.vals x WHERE x.corpus = s.corpus) FROM identg.stats s) TO '$bin.c' WITH (FORMAT binary)" \
	-c "CREATE TABLE identg.back (corpus text, id int, v news.termvec, q news.termquery, m news.minhash, mq news.minhash_query)" \
	-c "CREATE TABLE identg.back_c (corpus text, c news.corpus, k news.clustering)" \
	-c "\\copy identg.back FROM '$bin' WITH (FORMAT binary)" \
	-c "\\copy identg.back_c FROM '$bin.c' WITH (FORMAT binary)" \
	-c "CREATE INDEX ON identg.back (corpus, id)" -c "ANALYZE identg.back" >/dev/null
rm -f "$bin" "$bin.c"
per_article+=("binary_roundtrip|(SELECT b.v::text || b.q::text || b.m::text || b.mq::text FROM identg.back b WHERE b.corpus = a.corpus AND b.id = a.id)")
per_corpus+=("binary_roundtrip_c|(SELECT b.c::text || b.k::text FROM identg.back_c b WHERE b.corpus = s.corpus)")

settings="SET search_path = news, pg_catalog, public; SET max_parallel_workers_per_gather = 0;"
out=$(mktemp)
for f in "${per_article[@]}"; do
	name=${f%%|*}
	expr=${f#*|}
	for corpus in reuters bbc agnews; do
		h=$(na_psql -At -c "$settings SET news_analytics.minhash_threshold = 0.4;" \
			-c "SELECT pg_catalog.md5(pg_catalog.string_agg(pg_catalog.md5(coalesce(h, '<null>')), '' ORDER BY id))
			FROM (SELECT id, ($expr) AS h
				FROM (SELECT a.corpus, a.id, a.body, a.v, a.m, a.m64, a.sh, s.c,
						p.body AS pbody, p.v AS pv, p.m AS pm, p.sh AS psh
					FROM identg.vals a
					LEFT JOIN identg.vals p ON p.corpus = a.corpus AND p.id = a.id - 1
					JOIN identg.stats s ON s.corpus = a.corpus
					WHERE a.corpus = '$corpus') a) t" 2>&1 | tail -1)
		printf '%-18s %-8s %s\n' "$name" "$corpus" "$h" | tee -a "$out"
	done
done
for f in "${per_corpus[@]}"; do
	name=${f%%|*}
	expr=${f#*|}
	for corpus in reuters bbc agnews; do
		h=$(na_psql -At -c "$settings SET news_analytics.minhash_threshold = 0.6; SET enable_seqscan = off;" \
			-c "SELECT pg_catalog.md5(coalesce(($expr), '<null>')) FROM identg.stats s WHERE s.corpus = '$corpus'" 2>&1 | tail -1)
		printf '%-18s %-8s %s\n' "$name" "$corpus" "$h" | tee -a "$out"
	done
done
status=0
if [ -n "$expected" ]; then
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
