/*
 * keywords.c (glue)
 *		news.keywords, its corpus-aware overload and the news.keywords_agg
 *		aggregates (src/core/keywords.c does the work).
 *
 * The aggregates keep their state as a bytea that can travel between
 * processes and nodes (agg_state.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/tuplestore.h"

#include "agg_state.h"
#include "keywords.h"
#include "na_glue.h"
#include "termvec_pg.h"

/* keyphrase_row: one row of news.keywords (arg: the NaSrf) */
static bool
keyphrase_row(const NaKeyphrase *kp, void *arg)
{
	NaSrf	   *srf = arg;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	na_pg_srf_row(srf);
	values[0] = PointerGetDatum(na_pg_text_from(kp->phrase, kp->phrase_len));
	values[1] = Float4GetDatum(kp->score);
	values[2] = Int32GetDatum((int32) Min(kp->count, (uint32) PG_INT32_MAX));
	values[3] = CStringGetTextDatum(na_keyphrase_kind_name(kp->kind));
	values[4] = Int32GetDatum((int32) kp->cstart + 1);
	values[5] = Int32GetDatum((int32) kp->clen);
	na_pg_srf_put(srf, values, nulls);
	return true;
}

/*
 * keywords_srf: the body of both news.keywords functions; corpus NULL for
 * the built-in background frequencies.
 */
static Datum
keywords_srf(FunctionCallInfo fcinfo, text *body, const NaCorpus *corpus, int32 n)
{
	const char *s;
	size_t		len;
	NaSrf		srf;
	size_t		erroff = 0;
	NaStatus	st;

	na_agg_check_n("n", n, NA_KW_MAX_N);
	s = na_pg_text(body, &len);
	na_pg_srf_begin(&srf, fcinfo);
	st = na_keywords_extract(s, len, na_pg_lexer("english"), corpus, (uint32) n,
							 keyphrase_row, &srf, na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.keywords", erroff);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/* news.keywords(body text, n int): the n best keyphrases of body */
PG_FUNCTION_INFO_V1(news_keywords);
Datum
news_keywords(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		n = PG_GETARG_INT32(1);

	return keywords_srf(fcinfo, body, NULL, n);
}

/* news.keywords(body text, corpus news.corpus, n int): weighed by corpus */
PG_FUNCTION_INFO_V1(news_keywords_corpus);
Datum
news_keywords_corpus(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NaCorpus	corpus = na_pg_corpus_arg(fcinfo, 1);
	int32		n = PG_GETARG_INT32(2);

	return keywords_srf(fcinfo, body, &corpus, n);
}

/* ------------------------------------------------------------------------
 * news.keywords_agg
 * ------------------------------------------------------------------------
 */
static NaStatus
keyagg_create(const NaAllocator *alloc, const NaYield *yield, void **out)
{
	return na_keyagg_create(alloc, yield, (NaKeyAgg **) out);
}

static size_t
keyagg_size(const void *core)
{
	return na_keyagg_size(core);
}

static void
keyagg_write(const void *core, uint8_t *out)
{
	na_keyagg_write(core, out);
}

static NaStatus
keyagg_merge(void *core, const uint8_t *data, size_t len)
{
	return na_keyagg_merge(core, data, len);
}

/* keyagg_add_doc: the keyphrases of one analysed text into the state */
static NaStatus
keyagg_add_doc(void *core, NaDoc *doc)
{
	NaKeywords *kw = NULL;
	NaStatus	st;

	st = na_keywords_create(doc, na_pg_lexer("english"), na_pg_allocator(), na_pg_yield(), &kw);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_keywords_window(kw);
	if (st == NA_OK)
		st = na_keyagg_add_text(core, kw, NULL);
	return st;
}

static const NaAggOps keyagg_ops = {
	"news.keywords_agg", NA_KW_MAX_N,
	keyagg_create, keyagg_size, keyagg_write, keyagg_merge,
	NA_DOC_SENTENCES | NA_DOC_NORMS, keyagg_add_doc
};

/*
 * news.keywords_agg_trans(state bytea, body text [, n int]): add one text
 * (a NULL text is skipped; n defaults to 10)
 */
PG_FUNCTION_INFO_V1(news_keywords_agg_trans);
Datum
news_keywords_agg_trans(PG_FUNCTION_ARGS)
{
	return na_agg_trans(fcinfo, &keyagg_ops, "n", 10);
}

/* news.keywords_agg_combine(a bytea, b bytea): two partial states in one */
PG_FUNCTION_INFO_V1(news_keywords_agg_combine);
Datum
news_keywords_agg_combine(PG_FUNCTION_ARGS)
{
	return na_agg_combine(fcinfo, &keyagg_ops);
}

typedef struct AggJson
{
	StringInfoData buf;
	int			rows;
} AggJson;

static bool
agg_json_row(const NaKeyphrase *kp, uint32_t ntexts, void *arg)
{
	AggJson    *j = arg;
	char	   *phrase = pnstrdup(kp->phrase, kp->phrase_len);

	appendStringInfoString(&j->buf, j->rows++ ? ", {\"phrase\": " : "{\"phrase\": ");
	escape_json(&j->buf, phrase);
	appendStringInfo(&j->buf, ", \"score\": %.4f, \"articles\": %u, \"count\": %u, \"kind\": \"%s\"}",
					 kp->score, ntexts, kp->count, na_keyphrase_kind_name(kp->kind));
	pfree(phrase);
	return true;
}

/*
 * news.keywords_agg_final(state bytea): the keyphrases of the set as a jsonb
 * array of {phrase, score, articles, count, kind}, best first
 */
PG_FUNCTION_INFO_V1(news_keywords_agg_final);
Datum
news_keywords_agg_final(PG_FUNCTION_ARGS)
{
	NaAggState *state;
	AggJson		j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = na_agg_final_state(fcinfo, &keyagg_ops);
	initStringInfo(&j.buf);
	j.rows = 0;
	appendStringInfoChar(&j.buf, '[');
	na_pg_check(na_keyagg_result(state->core, (uint32) state->n, agg_json_row, &j),
				"news.keywords_agg");
	appendStringInfoChar(&j.buf, ']');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(j.buf.data));
}
