#!/usr/bin/env bash
# test/t/encodings.sh: every function that reads text behaves the same way
# outside a UTF8 database.  In SQL_ASCII, where the server checks nothing,
# invalid UTF-8 is rejected with 22021 and valid UTF-8 is accepted; in
# LATIN1 every function refuses with 0A000.  The list of calls is checked
# against the catalog, so a new function that takes text needs a line here.
# Needs the cluster that check.sh started (PGHOST, PGPORT, NA_PGBIN).
set -u
. "$(dirname "$0")/lib/tap.sh"
make_test_dbs enc >/dev/null

# one call per function (or text search object); BODY stands for the text.
# The pipeline's and the stories' functions take names, settings and SQL
# as text, not documents; news.vector_table_check, the words of its error;
# news.pipeline_fingerprint, a row alias; news.trend_count_query and
# news.pipeline_original_offsets, SQL fragments.
not_documents="news.pipeline_batch_query news.pipeline_body news.pipeline_check_name news.pipeline_column"
not_documents+=" news.pipeline_expand news.schedule news.stories_items news.stories_lock news.stories_lock_row news.trending"
not_documents+=" news.vector_table_check news.pipeline_fingerprint news.trend_count_query news.pipeline_original_offsets"
calls=(
	"news.tokenize(text,text)|SELECT news.tokenize(BODY)"
	"news.tsvector(text,text)|SELECT news.tsvector(BODY)"
	"news.tokens(text)|SELECT count(*) FROM news.tokens(BODY)"
	"news.sentences(text)|SELECT count(*) FROM news.sentences(BODY)"
	"news.term_id(text)|SELECT news.term_id(BODY)"
	"news.termvec(text,text)|SELECT news.termvec(BODY::text)"
	"news.term_surfaces(text,integer,text)|SELECT count(*) FROM news.term_surfaces(BODY)"
	"news.term_surface_arrays(text,integer,text)|SELECT news.term_surface_arrays(BODY)"
	"news.minhash(text,integer,integer)|SELECT news.minhash(BODY::text)"
	"news.shingle_jaccard(text,text,integer)|SELECT news.shingle_jaccard(BODY, 'ok')"
	"news.shingle_jaccard(text,text,integer)|SELECT news.shingle_jaccard('ok', BODY)"
	"news.simhash(text)|SELECT news.simhash(BODY)"
	"news.pattern_matches(text)|SELECT count(*) FROM news.pattern_matches(BODY)"
	"news.dates(text,date)|SELECT count(*) FROM news.dates(BODY, '2024-01-01'::date)"
	"news.dates(text,timestamp with time zone)|SELECT count(*) FROM news.dates(BODY, '2024-01-01'::timestamptz)"
	"news.dates(text,timestamp with time zone,text)|SELECT count(*) FROM news.dates(BODY, '2024-01-01'::timestamptz, 'UTC')"
	"news.entities(text)|SELECT count(*) FROM news.entities(BODY)"
	"news.entities(text,text)|SELECT count(*) FROM news.entities(BODY, NULL)"
	"news.train_entity_model(text,text,integer)|SELECT types FROM news.train_entity_model('enc', 'SELECT ' || quote_literal(BODY) || '::text, ''[{\"start\": 1, \"length\": 2, \"type\": \"X\"}]''::jsonb')"
	"news.entity_country(text)|SELECT news.entity_country(BODY)"
	"news.quotes(text)|SELECT count(*) FROM news.quotes(BODY)"
	"news.quotes(text,text)|SELECT count(*) FROM news.quotes(BODY, 'combined')"
	"news.\"analyze\"(text,timestamp with time zone)|SELECT news.analyze(BODY)"
	"news.\"analyze\"(text,timestamp with time zone,text)|SELECT news.analyze(BODY, '2024-01-01'::timestamptz, 'UTC')"
	"news.clean(text)|SELECT news.clean(BODY)"
	"news.boilerplate(text)|SELECT count(*) FROM news.boilerplate(BODY)"
	"news.clean_map(text)|SELECT count(*) FROM news.clean_map(BODY)"
	"news.original_span(text,integer,integer)|SELECT news.original_span(BODY, 1, 2)"
	"news.original_spans(text,integer[],integer[])|SELECT news.original_spans(BODY, '{1,3}', '{2,1}')"
	"news.keywords(text,integer)|SELECT count(*) FROM news.keywords(BODY)"
	"news.keywords(text,news.corpus,integer)|SELECT count(*) FROM news.keywords(BODY, 'docs=1 length=2 {1:1}'::news.corpus, 5)"
	"news.keywords_agg(text)|SELECT news.keywords_agg(BODY)"
	"news.keywords_agg_trans(bytea,text)|SELECT news.keywords_agg(BODY)"
	"news.keywords_agg(text,integer)|SELECT news.keywords_agg(BODY, 5)"
	"news.keywords_agg_trans(bytea,text,integer)|SELECT news.keywords_agg(BODY, 5)"
	"news.summary(text,integer)|SELECT count(*) FROM news.summary(BODY)"
	"news.summary_agg(text)|SELECT news.summary_agg(BODY)"
	"news.summary_agg_trans(bytea,text)|SELECT news.summary_agg(BODY)"
	"news.summary_agg(text,integer)|SELECT news.summary_agg(BODY, 2)"
	"news.summary_agg_trans(bytea,text,integer)|SELECT news.summary_agg(BODY, 2)"
	"news.sentiment(text,text)|SELECT count(*) FROM news.sentiment(BODY)"
	"news.sentiment(text,text)|SELECT count(*) FROM news.sentiment('ok', BODY)"
	"news.entity_sentiment(text)|SELECT count(*) FROM news.entity_sentiment(BODY)"
	"news.story_title(text,text)|SELECT news.story_title(NULL, BODY)"
	"parser|SELECT to_tsvector('news.english', BODY)"
	"parser|SELECT count(*) FROM ts_parse('news.parser', BODY)"
	"parser|SELECT ts_headline('news.english', BODY, 'ok'::tsquery)"
)
for d in english_word english_hashtag simple_word simple_hashtag number abbreviation url email mention date; do
	calls+=("dictionary|SELECT ts_lexize('news.$d', BODY)")
done

# 1. the list covers every function of the extension that takes text
listed=$(for c in "${calls[@]}"; do echo "${c%%|*}"; done | grep '^news\.' | sort -u)
catalog=$(psql_ -d enc_big -c "SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
	WHERE p.pronamespace = 'news'::regnamespace AND 'text'::regtype = ANY (p.proargtypes)
	AND 'news.' || p.proname <> ALL (string_to_array('$not_documents', ' ')) ORDER BY 1" | sort -u)
missing=$(comm -13 <(echo "$listed") <(echo "$catalog") | tr '\n' ' ')
[ -z "$missing" ]; ok $? "every function taking text is called below (missing: ${missing:-none})"

# 2. SQL_ASCII: invalid UTF-8 gives 22021; valid UTF-8 works
bad="E'ok \\xff bad'"
good="E'Ukraine\\xe2\\x80\\x99s army ok'"
for c in "${calls[@]}"; do
	sql=${c#*|}
	st=$(sqlstate enc_ascii "${sql//BODY/$bad}")
	[ "$st" = 22021 ]; ok $? "SQL_ASCII: ${sql//BODY/$bad} fails with 22021 (got $st)"
	st=$(sqlstate enc_ascii "${sql//BODY/$good}")
	[ "$st" = none ]; ok $? "SQL_ASCII: ${sql//BODY/$good} succeeds (got $st)"
done

# 3. LATIN1: every function refuses the database
for c in "${calls[@]}"; do
	sql=${c#*|}
	st=$(sqlstate enc_latin1 "${sql//BODY/$bad}")
	[ "$st" = 0A000 ]; ok $? "LATIN1: ${sql//BODY/$bad} fails with 0A000 (got $st)"
done

# 4. a term id in SQL_ASCII is the one a UTF8 database gives
a=$(psql_ -d enc_ascii -c "SELECT news.term_id(E'ukrain\\xc3\\xa9')")
b=$(psql_ -d enc_big -c "SELECT news.term_id('ukrainé')")
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "news.term_id of valid UTF-8 is the same in SQL_ASCII and UTF8 ($a, $b)"

drop_test_dbs enc
tap_done
