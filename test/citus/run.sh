#!/usr/bin/env bash
# test/citus/run.sh: news_analytics on a real Citus cluster (issue 12), as
# TAP.  Starts a coordinator and two workers (a third joins later) on their
# own ports and socket directory, creates the extension, distributes the
# articles of test/citus/articles.sql and checks that every result equals
# the one of a single-node database on the same server (database "single",
# where Citus is not created): aggregates with partial aggregation on the
# workers, "more like this" by probe and by id, near-duplicate lookups
# with the threshold in the query, all pairs through a co-located band
# table, and the user configuration (gazetteer, removed defaults,
# stop-entities, patterns) on every worker, a worker added later included,
# and the tracked pipeline (news.track, news.refresh) on the distributed
# table, compared with the same table tracked on a single node.
#
# Needs Citus installed in the server tree under test (citus.so next to the
# extension's library); without it prints "# skipped: citus not installed"
# and exits 0, as in CI.  Uses the build and private install of check.sh
# when NA_PGBIN is set, else builds and installs its own.
#   NA_KEEP_CITUS=1   leave the clusters running and print how to connect
#   NA_CITUS_CORPUS=bbc_fulltext  add the articles of $NA_SHARED/corpora/
#                     bbc_fulltext.jsonl (or another file there) for a
#                     bigger run
set -u
. "$(dirname "$0")/../lib.sh"
. "$NA_TOP/test/t/lib/tap.sh"
cd "$NA_TOP"

if [ -z "${NA_PGBIN:-}" ]; then
	na_tmp
	na_build && na_private_install || { echo "not ok 1 - build and install"; exit 1; }
fi
if [ ! -e "$NA_PGBIN/../lib/citus.so" ] ||
	[ ! -e "$NA_PGBIN/../../../../share/postgresql/$NA_PGVER/extension/citus.control" ]; then
	echo "# skipped: citus not installed (no citus.so in $(cd "$NA_PGBIN/.." && pwd)/lib)"
	echo "1..0 # SKIP citus not installed"
	exit 0
fi

na_tmp
CT=$NA_TMP/citus
rm -rf "$CT"
mkdir -p "$CT/sock"
chmod 755 "$CT"
[ "$(id -u)" = 0 ] && chown postgres "$CT" "$CT/sock"
NODES=""
citus_stop() {
	local d
	[ -n "${NA_KEEP_CITUS:-}" ] && return 0
	for d in "$CT"/data-*; do
		[ -f "$d/postmaster.pid" ] && na_as_pg "$NA_PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$CT"
}
trap citus_stop EXIT

# node_start NAME: initdb and start a node with Citus preloaded; sets PORT_NAME
node_start() {
	local data=$CT/data-$1 port try
	na_as_pg "$NA_PGBIN/initdb" -D "$data" -E UTF8 --locale=C -A trust -U postgres >"$CT/initdb-$1.log" 2>&1 ||
		{ cat "$CT/initdb-$1.log" >&2; return 1; }
	cat >>"$data/postgresql.conf" <<CONF
listen_addresses = 'localhost'
unix_socket_directories = '$CT/sock'
fsync = off
shared_buffers = 64MB
max_connections = 60
shared_preload_libraries = 'citus'
citus.node_conninfo = 'sslmode=disable'
max_parallel_workers_per_gather = 0
CONF
	# a port free for connections may still be the local end of an
	# outgoing connection: try another one when the bind fails
	for try in 1 2 3 4 5; do
		port=$(na_free_port)
		echo "port = $port" >>"$data/postgresql.conf"
		na_as_pg "$NA_PGBIN/pg_ctl" -D "$data" -l "$CT/server-$1.log" -w start >/dev/null 2>&1 && break
		[ $try = 5 ] && { cat "$CT/server-$1.log" >&2; return 1; }
	done
	eval "PORT_$1=$port"
	NODES="$NODES $1"
}
# q NODE DB SQL...: psql on a node, unaligned, stopping on errors
q() {
	local port
	eval "port=\$PORT_$1"
	"$NA_PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$CT/sock" -p "$port" -U postgres -d "$2" "${@:3}"
}
# same DESCRIPTION SQL: one TAP line, ok when SQL gives the same non-empty
# rows in the single-node database and on the Citus cluster
same() {
	local a b
	a=$(q coord single -c "$2" 2>&1)
	b=$(q coord dist -c "$2" 2>&1)
	if [ -n "$a" ] && [ "$a" = "$b" ] && ! echo "$a" | grep -q '^ERROR'; then
		ok 0 "$1 ($(echo "$a" | wc -l) rows)"
	else
		ok 1 "$1"
		diff <(echo "$a") <(echo "$b") | head -10 | sed 's/^/# /'
	fi
}

# timed DESCRIPTION SQL: wall time of SQL in each database, as a comment
timed() {
	local db t0 out=""
	for db in single dist; do
		t0=$(date +%s%N)
		q coord $db -c "$2" >/dev/null
		out="$out $db $((($(date +%s%N) - t0) / 1000000)) ms"
	done
	echo "# time, $1:$out"
}

node_start coord && node_start w1 && node_start w2 || { echo "not ok 1 - start the nodes"; exit 1; }
for node in coord w1 w2; do
	q $node postgres -c "CREATE DATABASE dist" && q $node dist -c "CREATE EXTENSION citus" || { echo "not ok 1 - create citus on $node"; exit 1; }
done
q coord postgres -c "CREATE DATABASE single"
q coord dist -c "SELECT citus_set_coordinator_host('localhost', $PORT_coord)" \
	-c "SELECT citus_add_node('localhost', $PORT_w1)" -c "SELECT citus_add_node('localhost', $PORT_w2)" >/dev/null
ok $? "a coordinator and 2 workers (Citus $(q coord dist -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'"))"

# the extension: created on the coordinator, propagated to the workers
q coord single -c "CREATE EXTENSION news_analytics" && q coord dist -c "CREATE EXTENSION news_analytics"
ok $? "CREATE EXTENSION news_analytics"
v=$(q coord dist -c "SELECT string_agg(result, ',' ORDER BY nodeport) FROM run_command_on_workers(\$\$SELECT extversion FROM pg_extension WHERE extname = 'news_analytics'\$\$)")
[ "$v" = "$(q coord dist -c "SELECT extversion FROM pg_extension WHERE extname = 'news_analytics'"),$(q coord dist -c "SELECT extversion FROM pg_extension WHERE extname = 'news_analytics'")" ]
ok $? "the extension reached both workers ($v)"

extra=()
if [ -n "${NA_CITUS_CORPUS:-}" ]; then
	[ -r "$NA_SHARED/corpora/$NA_CITUS_CORPUS.jsonl" ] || { echo "not ok - no $NA_SHARED/corpora/$NA_CITUS_CORPUS.jsonl"; exit 1; }
	extra=(-v "extra=$(cd "$NA_SHARED/corpora" && pwd)/$NA_CITUS_CORPUS.jsonl")
fi
for db in single dist; do
	t0=$(date +%s%N)
	PGOPTIONS="-c client_min_messages=warning" q coord $db -f test/demo/00_articles.sql >/dev/null &&
		q coord $db -v dist=$([ $db = dist ] && echo 1 || echo 0) "${extra[@]}" -f test/citus/articles.sql >/dev/null ||
		{ echo "not ok - load the articles into $db"; exit 1; }
	echo "# $db: articles loaded, vectors, signatures and indexes built in $((($(date +%s%N) - t0) / 1000000)) ms"
done
same "the same articles" "SELECT count(*), md5(string_agg(id || body, '' ORDER BY id)) FROM articles"
shards=$(q coord dist -c "SELECT count(DISTINCT nodeport) || ' nodes, ' || count(*) || ' shards' FROM citus_shards WHERE table_name = 'articles'::regclass")
echo "# articles: $shards"

# --- aggregates: partial aggregation on the workers, same result --------
same "news.corpus_stats over the table" "SELECT news.corpus_stats(terms)::text FROM articles"
same "news.corpus_stats per source (GROUP BY not the distribution column)" \
	"SELECT source, news.corpus_docs(news.corpus_stats(terms)), md5(news.corpus_stats(terms)::text) FROM articles GROUP BY source ORDER BY source"
same "news.clusters of (id, base article)" "SELECT news.clusters(id, id / 100 * 100)::text FROM articles"
same "news.keywords_agg over the table" "SELECT news.keywords_agg(body, 10)::text FROM articles"
# news.summary_agg keeps at most 4000 candidate sentences (5 per text), and
# past that how the rows are split decides which go: compared on groups of
# at most 800 texts, where it is exact
same "news.summary_agg per source" "SELECT source, news.summary_agg(body, 2)::text FROM articles GROUP BY source HAVING count(*) <= 800 ORDER BY source"
q coord dist -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT news.corpus_stats(terms) FROM articles" >"$CT/explain_corpus.txt"
grep -q "worker_partial_agg('news.corpus_stats(news.termvec)'::regprocedure, terms)" "$CT/explain_corpus.txt" &&
	grep -q "coord_combine_agg(" "$CT/explain_corpus.txt" && grep -q "Task Count: 8" "$CT/explain_corpus.txt"
ok $? "EXPLAIN: news.corpus_stats runs partially in the 8 shard tasks, combined on the coordinator"
sed 's/^/# /' "$CT/explain_corpus.txt"

# --- per-row functions pushed down (the workers' configuration) ---------
same "news.entities of every article" "SELECT a.id, e.entity, e.type, e.start FROM articles a, news.entities(a.body) e ORDER BY 1, 4, 2"
same "news.quotes with the speakers of the default entity model ('combined')" \
	"SELECT a.id, q.start, q.kind, q.speaker, q.quote FROM articles a, news.quotes(a.body, 'combined') q ORDER BY 1, 2, 3"
same "news.analyze of every article (every key, keyphrases and summary too)" \
	"SELECT id, md5(news.analyze(body, published_at)::text) FROM articles ORDER BY 1"

timed "news.corpus_stats" "SELECT news.corpus_stats(terms) FROM articles"
timed "news.entities of every article" "SELECT count(*) FROM articles a, news.entities(a.body) e"
timed "news.keywords_agg" "SELECT news.keywords_agg(body, 10) FROM articles"

# --- more like this -------------------------------------------------------
mlt_probe_single="SELECT m.id, round(m.similarity::numeric, 6) FROM news.more_like_this('articles', 'id', 'tfidf', (SELECT tfidf FROM articles WHERE id = 301), (SELECT news.corpus_stats(terms) FROM articles), 10) m ORDER BY 2 DESC, 1"
err=$(q coord dist -c "$mlt_probe_single" 2>&1 >/dev/null)
echo "# the subquery probe on Citus: ${err:-no error}"
a=$(q coord single -c "$mlt_probe_single")
b=$(q coord dist <<'SQL'
SELECT news.corpus_stats(terms)::text AS corpus FROM articles \gset
SELECT tfidf::text AS probe FROM articles WHERE id = 301 \gset
SELECT m.id, round(m.similarity::numeric, 6) FROM news.more_like_this('articles', 'id', 'tfidf', :'probe'::news.termvec, :'corpus'::news.corpus, 10) m ORDER BY 2 DESC, 1;
SQL
)
[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "news.more_like_this by probe value (probe read first) equals single node ($(echo "$a" | wc -l) rows)"
same "news.more_like_this_id equals the subquery probe of single node" \
	"SELECT m.id, round(m.similarity::numeric, 6) FROM news.more_like_this_id('articles', 'id', 'tfidf', 301, (SELECT news.corpus_stats(terms) FROM articles), 10) m ORDER BY 2 DESC, 1"
c=$(q coord dist -c "SELECT m.id, round(m.similarity::numeric, 6) FROM news.more_like_this_id('articles', 'id', 'tfidf', 301, (SELECT news.corpus_stats(terms) FROM articles), 10) m ORDER BY 2 DESC, 1")
[ "$a" = "$c" ]
ok $? "news.more_like_this_id on Citus equals news.more_like_this with a subquery probe on a single node"
same "news.more_like_this_id for every 7th article, k 5" \
	"SELECT a.id, m.id, round(m.similarity::numeric, 6) FROM (SELECT id FROM generate_series(100, 1215, 7) id) a, LATERAL news.more_like_this_id('articles', 'id', 'tfidf', a.id, (SELECT news.corpus_stats(terms) FROM articles), 5) m ORDER BY 1, 3 DESC, 2"

# --- near duplicates: the threshold in the query value ---------------------
probe=$(q coord single -c "SELECT sig::text FROM articles WHERE id = 502")
for t in 0.3 0.5 0.8; do
	same "near duplicates of one signature at $t (news.similar)" \
		"SELECT id FROM articles WHERE news.similar(sig, '$probe'::news.minhash, $t) ORDER BY id"
	same "near duplicates at $t (sig % news.minhash_query)" \
		"SELECT id FROM articles WHERE sig OPERATOR(news.%) news.minhash_query('$probe'::news.minhash, $t) ORDER BY id"
done
# a session threshold set on the coordinator is not the query's: the
# setting is not what the workers use, the query value is
a=$(q coord single -c "SET news_analytics.minhash_threshold = 0.9" -c "SELECT count(*) FROM articles WHERE news.similar(sig, '$probe'::news.minhash, 0.3)")
b=$(q coord dist -c "SET news_analytics.minhash_threshold = 0.9" -c "SELECT count(*) FROM articles WHERE news.similar(sig, '$probe'::news.minhash, 0.3)")
[ "$a" = "$b" ] && [ "$a" -gt 1 ]
ok $? "the query's threshold wins over a coordinator session setting ($a rows at 0.3 on both)"

# --- all pairs: a co-located band table -------------------------------
# A pair with estimated Jaccard >= t that shares no band differs in at
# least one slot of every band, so its estimate is at most 1 - bands/k:
# with k = 128 slots, 32 bands of 4 rows find every pair above 0.75.
pairs_single="SELECT a.id, b.id FROM articles a JOIN articles b ON a.id < b.id AND news.similar(a.sig, b.sig, 0.8) ORDER BY 1, 2"
a=$(q coord single -c "$pairs_single")
b=$(q coord dist <<'SQL'
CREATE TABLE article_bands (band int4 NOT NULL, id bigint NOT NULL, sig news.minhash NOT NULL);
SELECT create_distributed_table('article_bands', 'band', shard_count => 8, colocate_with => 'none') \g /dev/null
INSERT INTO article_bands SELECT b.band, a.id, a.sig FROM articles a, unnest(news.lsh_bands(a.sig, 32, 4)) b(band);
SELECT DISTINCT x.id, y.id FROM article_bands x JOIN article_bands y ON x.band = y.band AND x.id < y.id
WHERE news.similar(x.sig, y.sig, 0.8) ORDER BY 1, 2;
SQL
)
[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "all pairs at 0.8 through the band table equal the single-node self-join ($(echo "$a" | wc -l) pairs)"
[ "$(q coord dist -c "SELECT news.minhash_k(sig) FROM articles LIMIT 1")" = 128 ]
ok $? "the signatures have k = 128 slots (the band table's exactness bound)"
a=$(q coord single -c "SELECT news.clusters(a.id, b.id)::text FROM articles a JOIN articles b ON a.id < b.id AND news.similar(a.sig, b.sig, 0.8)")
b=$(q coord dist -c "SELECT news.clusters(p.a, p.b)::text FROM (SELECT DISTINCT x.id AS a, y.id AS b FROM article_bands x JOIN article_bands y ON x.band = y.band AND x.id < y.id WHERE news.similar(x.sig, y.sig, 0.8)) p")
[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "story clusters (news.clusters) of the band-table pairs equal those of the single-node self-join"

# --- the configuration on every worker --------------------------------
config_sql="
INSERT INTO news.gazetteer (alias, canonical, type) VALUES ('Anna Keller', 'Anna Keller', 'PERSON'), ('Tom Hale', 'Thomas Hale', 'PERSON');
INSERT INTO news.entity_patterns (type, pattern, description) VALUES ('WIRE', '\\(Wire\\)', 'the wire tag');
INSERT INTO news.stop_entities (name) VALUES ('Geneva');
DELETE FROM news.gazetteer WHERE builtin AND alias = 'Kyiv';"
q coord single -c "$config_sql" && q coord dist -c "$config_sql"
ok $? "gazetteer rows, a pattern, a stop-entity and a removed default added on the coordinator"
digest="SELECT md5(news.citus_config()::text)"
want=$(q coord dist -c "$digest")
got=$(q coord dist -c "SELECT string_agg(result, ',' ORDER BY nodeport) FROM run_command_on_workers('$digest')")
[ "$got" = "$want,$want" ]
ok $? "both workers have the coordinator's configuration at commit (no call needed)"
[ "$(q coord single -c "$digest")" = "$want" ]
ok $? "the single-node database has the same configuration"
same "news.entities with the user configuration, computed on the workers" \
	"SELECT a.id, e.entity, e.type, e.start FROM articles a, news.entities(a.body) e ORDER BY 1, 4, 2"
same "entity types with the user configuration (PERSON Anna Keller, WIRE, no Geneva)" \
	"SELECT e.type, e.entity, count(*) FROM articles a, news.entities(a.body) e WHERE e.entity IN ('Anna Keller', 'Thomas Hale', '(Wire)', 'Geneva', 'Kyiv') GROUP BY 1, 2 ORDER BY 1, 2"
cnt=$(q coord dist -c "SELECT count(*) FROM articles a, news.entities(a.body) e WHERE e.type = 'WIRE'")
[ "$cnt" -gt 0 ]
ok $? "the workers report the user pattern's type ($cnt WIRE mentions)"
# a rolled-back change never reaches the workers
q coord dist -c "BEGIN" -c "INSERT INTO news.stop_entities (name) VALUES ('Moscow')" -c "ROLLBACK"
got=$(q coord dist -c "SELECT string_agg(result, ',' ORDER BY nodeport) FROM run_command_on_workers('SELECT count(*) FROM news.stop_entities WHERE name = ''Moscow''')")
[ "$got" = "0,0" ]
ok $? "a rolled-back change does not reach the workers"
q coord dist -c "UPDATE news.entity_patterns SET enabled = false WHERE type = 'WIRE'" -c "DELETE FROM news.stop_entities WHERE name = 'Geneva'"
got=$(q coord dist -c "SELECT string_agg(result, ',' ORDER BY nodeport) FROM run_command_on_workers('$digest')")
[ "$got" = "$(q coord dist -c "$digest"),$(q coord dist -c "$digest")" ]
ok $? "updates and deletes reach the workers"

# a worker added later: the extension comes with Citus, the configuration
# with news.citus_sync(); a shard moved there gives the same entities
node_start w3 && q w3 postgres -c "CREATE DATABASE dist" && q w3 dist -c "CREATE EXTENSION citus" &&
	q coord dist -c "SELECT citus_add_node('localhost', $PORT_w3)" >/dev/null
ok $? "a third worker added"
[ "$(q w3 dist -c "$digest")" != "$(q coord dist -c "$digest")" ]
ok $? "the new worker has the extension's defaults but not yet the users' rows"
cnt=$(q coord dist -c "SELECT news.citus_sync()")
[ "$cnt" = 3 ]
ok $? "news.citus_sync() reaches the 3 workers ($cnt)"
[ "$(q w3 dist -c "$digest")" = "$(q coord dist -c "$digest")" ]
ok $? "the new worker has the coordinator's configuration"
shard=$(q coord dist -c "SELECT shardid FROM citus_shards WHERE table_name = 'articles'::regclass ORDER BY shardid LIMIT 1")
from=$(q coord dist -c "SELECT nodeport FROM citus_shards WHERE shardid = $shard")
q coord dist -c "SELECT citus_move_shard_placement($shard, 'localhost', $from, 'localhost', $PORT_w3, shard_transfer_mode => 'block_writes')" >/dev/null
ok $? "a shard of articles moved to the new worker"
q coord single -c "UPDATE news.entity_patterns SET enabled = false WHERE type = 'WIRE'" -c "DELETE FROM news.stop_entities WHERE name = 'Geneva'"
same "news.entities with the new worker holding a shard" \
	"SELECT a.id, e.entity, e.type, e.start FROM articles a, news.entities(a.body) e ORDER BY 1, 4, 2"
same "news.corpus_stats with the new worker holding a shard" "SELECT news.corpus_stats(terms)::text FROM articles"

# --- the tracked pipeline on a distributed table ------------------------
# Citus runs no row triggers on a distributed table: news.track installs
# none there, and news.refresh finds the new, changed and deleted articles
# by the fingerprints of their rows (computed on the workers); the result
# tables stay on the coordinator.  Every result must equal the single-node
# database's, where the same table is tracked with triggers.
track="SELECT news.track('articles', 'id', 'body', 'published_at', 'title', 'source')"
q coord single -c "$track" >/dev/null 2>&1 && q coord dist -c "$track" >/dev/null 2>&1
ok $? "news.track on the distributed table and on the single-node one"
[ "$(q coord dist -c "SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'articles'::regclass AND tgname LIKE 'news_enqueue%'")" = 0 ] &&
	[ "$(q coord single -c "SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'articles'::regclass AND tgname LIKE 'news_enqueue%'")" = 4 ]
ok $? "no triggers on the distributed table (4 on the single-node one)"
[ "$(q coord dist -c "SELECT count(*) FROM pg_catalog.pg_proc WHERE proname = 'articles_enqueue'")" = 0 ] &&
	[ "$(q coord dist -c "SELECT count(*) FROM news.tracked WHERE enqueue IS NULL")" = 1 ] &&
	[ "$(q coord single -c "SELECT count(*) FROM pg_catalog.pg_proc WHERE proname = 'articles_enqueue'")" = 1 ]
ok $? "nor a trigger function (news.tracked.enqueue is NULL; the single-node table has one)"
err=$(q coord dist -c "CREATE TABLE other (LIKE articles)" -c "SELECT create_distributed_table('other', 'id')" \
	-c "SELECT news.track('other', 'id', 'body', immediate => true)" 2>&1 >/dev/null | grep '^ERROR' | head -1)
echo "# immediate mode on a distributed table: $err"
[ -n "$err" ] && [ "$(q coord dist -c "SELECT count(*) FROM news.tracked")" = 1 ]
ok $? "immediate mode on a distributed table is refused, nothing tracked"
# compare: the result tables of both databases, row for row
compare_results() {
	same "$1: analysed articles" "SELECT article_id, published, source, version, error FROM articles_analysed ORDER BY 1"
	same "$1: mentions" "SELECT article_id, entity, type, start, length FROM articles_mentions ORDER BY 1, 4, 2"
	same "$1: quotes" "SELECT * FROM articles_quotes ORDER BY 1, 3, 4"
	same "$1: keyphrases" "SELECT article_id, phrase FROM articles_keyphrases ORDER BY 1, 2"
	same "$1: summary sentences" "SELECT article_id, sentence, start FROM articles_summary ORDER BY 1, 2"
	same "$1: tone" "SELECT * FROM articles_tone ORDER BY 1"
	same "$1: story memberships" "SELECT article_id, story_id FROM articles_story_members ORDER BY 1"
	same "$1: the dashboard view of entities per day" "SELECT * FROM articles_entities_daily ORDER BY 1, 2, 3, 4"
	local kind
	for kind in entities keyphrases terms; do
		same "$1: news.trending('$kind') of the last week against the 60 days before" \
			"SELECT * FROM news.trending('$kind', (SELECT max(published) - interval '7 days' FROM articles_analysed), '60 days', 20, min_docs => 2)"
	done
}
for db in single dist; do
	t0=$(date +%s%N)
	q coord $db -c "CALL news.refresh()" >/dev/null 2>&1
	echo "# $db: the first news.refresh in $((($(date +%s%N) - t0) / 1000000)) ms"
done
[ "$(q coord dist -c "SELECT count(*) FROM articles_analysed")" = "$(q coord dist -c "SELECT count(*) FROM articles")" ] &&
	[ "$(q coord dist -c "SELECT count(*) FROM articles_queue")" = 0 ]
ok $? "news.refresh analysed every article of the distributed table ($(q coord dist -c "SELECT count(*) FROM articles_analysed"))"
compare_results "first refresh"
# new, changed and deleted articles (the same statements in both databases)
changes="INSERT INTO articles (id, title, body, source, published_at)
	SELECT id + 100000, title || ' (follow-up)', body || ' Anna Keller said on Tuesday that talks in Geneva would go on.', source, published_at + interval '1 day'
	FROM articles WHERE id % 20 = 0;
UPDATE articles SET body = body || ' Officials in Paris said talks with Berlin would continue.' WHERE id % 7 = 0;
UPDATE articles SET title = 'Retitled ' || id::text WHERE id % 11 = 0;
DELETE FROM articles WHERE id % 13 = 0;"
q coord single -c "$changes" && q coord dist -c "$changes"
ok $? "articles inserted, updated and deleted"
for db in single dist; do q coord $db -c "CALL news.refresh()" >/dev/null 2>&1; done
compare_results "after inserts, updates and deletes"
[ "$(q coord dist -c "WITH s AS (SELECT id FROM articles) SELECT count(*) FROM articles_analysed a WHERE NOT EXISTS (SELECT FROM s WHERE s.id = a.article_id)")" = 0 ]
ok $? "deleted articles left every result table of the distributed one"
twice=$(q coord dist -c "SELECT count(*) FROM articles_analysed WHERE times = 2")
[ "$twice" = "$(q coord single -c "SELECT count(*) FROM articles_analysed WHERE times = 2")" ] && [ "$twice" -gt 0 ]
ok $? "the changed articles were analysed once more, as with triggers ($twice), the others not"
q coord dist -c "CALL news.refresh()" >/dev/null 2>&1
[ "$(q coord dist -c "SELECT max(times) FROM articles_analysed")" = 2 ]
ok $? "a refresh with nothing changed analyses nothing"
# a configuration change makes the dependent results stale, as on one node
for db in single dist; do
	q coord $db -c "INSERT INTO news.stop_entities (name) VALUES ('Paris')" -c "CALL news.refresh()" >/dev/null 2>&1
done
same "after a stop-entity: no Paris in the mentions" "SELECT count(*) FILTER (WHERE entity = 'Paris'), count(*) FROM articles_mentions"
compare_results "after a configuration change"
q coord dist -c "SELECT news.untrack('articles')" >/dev/null &&
	[ "$(q coord dist -c "SELECT count(*) FROM pg_catalog.pg_class WHERE relname LIKE 'articles\_%' AND relkind IN ('r', 'v')")" = 0 ]
ok $? "news.untrack drops the result tables on the coordinator"

# results kept on the workers instead: a table distributed like the
# articles, filled by the per-row functions on the workers
results="CREATE TABLE article_entities (id bigint NOT NULL, entity text, type text, start int);"
q coord single -c "$results" && q coord dist -c "$results" -c "SELECT create_distributed_table('article_entities', 'id', colocate_with => 'articles')" >/dev/null
fill="INSERT INTO article_entities SELECT a.id, e.entity, e.type, e.start FROM articles a, news.entities(a.body) e"
q coord single -c "$fill" && q coord dist -c "$fill"
ok $? "a results table co-located with the articles filled by INSERT ... SELECT news.entities"
same "the co-located results table" "SELECT e.entity, e.type, count(*), count(DISTINCT e.id) FROM article_entities e GROUP BY 1, 2 ORDER BY 1, 2"
same "a join of the articles with their co-located results (pushed down)" \
	"SELECT a.source, e.type, count(*) FROM articles a JOIN article_entities e ON e.id = a.id GROUP BY 1, 2 ORDER BY 1, 2"

# without Citus the functions are harmless
[ "$(q coord single -c "SELECT news.citus_sync()")" = 0 ]
ok $? "news.citus_sync() returns 0 where Citus is not created"

if [ -n "${NA_KEEP_CITUS:-}" ]; then
	echo "# kept: psql -h $CT/sock -p $PORT_coord -d dist (workers:$(for w in w1 w2 w3; do eval "printf ' %s' \$PORT_$w"; done))"
fi
tap_done
