/*
 * summary.c (glue)
 *		news.summary and the news.summary_agg aggregates (src/core/summary.c
 *		does the work; the aggregate states travel as bytea, agg_state.h).
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
#include "na_glue.h"
#include "summary.h"

/* summary_row: one row of news.summary (arg: the NaSrf) */
static bool
summary_row(const NaSummarySentence *s, void *arg)
{
	NaSrf	   *srf = arg;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	na_pg_srf_row(srf);
	values[0] = Int32GetDatum((int32) Min(s->number, (uint32) PG_INT32_MAX));
	values[1] = PointerGetDatum(na_pg_text_from(s->text, s->len));
	values[2] = Int32GetDatum((int32) s->cstart + 1);
	values[3] = Int32GetDatum((int32) s->clen);
	values[4] = Float4GetDatum(s->score);
	na_pg_srf_put(srf, values, nulls);
	return true;
}

/* news.summary(body text, sentences int): an extractive summary, text order */
PG_FUNCTION_INFO_V1(news_summary);
Datum
news_summary(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		k = PG_GETARG_INT32(1);
	const char *s;
	size_t		len;
	NaSrf		srf;
	size_t		erroff = 0;
	NaStatus	st;

	na_agg_check_n("sentences", k, NA_SUM_MAX_SENTENCES);
	s = na_pg_text(body, &len);
	na_pg_srf_begin(&srf, fcinfo);
	st = na_summary_extract(s, len, na_pg_lexer("english"), NULL, (uint32) k, summary_row, &srf,
							na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.summary", erroff);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/* ------------------------------------------------------------------------
 * news.summary_agg
 * ------------------------------------------------------------------------
 */
static NaStatus
sumagg_create(const NaAllocator *alloc, const NaYield *yield, void **out)
{
	return na_sumagg_create(alloc, yield, (NaSumAgg **) out);
}

static size_t
sumagg_size(const void *core)
{
	return na_sumagg_size(core);
}

static void
sumagg_write(const void *core, uint8_t *out)
{
	na_sumagg_write(core, out);
}

static NaStatus
sumagg_merge(void *core, const uint8_t *data, size_t len)
{
	return na_sumagg_merge(core, data, len);
}

/* sumagg_add_doc: the candidate sentences of one analysed text into the state */
static NaStatus
sumagg_add_doc(void *core, NaDoc *doc)
{
	NaSummary *sm = NULL;
	NaStatus	st;

	st = na_summary_create(doc, na_pg_lexer("english"), na_pg_allocator(), na_pg_yield(), &sm);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_summary_window(sm);
	if (st == NA_OK)
		st = na_sumagg_add_text(core, sm, NULL);
	return st;
}

static const NaAggOps sumagg_ops = {
	"news.summary_agg", NA_SUM_MAX_SENTENCES,
	sumagg_create, sumagg_size, sumagg_write, sumagg_merge,
	NA_DOC_SENTENCES | NA_DOC_NORMS, sumagg_add_doc
};

/*
 * news.summary_agg_trans(state bytea, body text [, sentences int]): add one
 * text (a NULL text is skipped; sentences defaults to 3)
 */
PG_FUNCTION_INFO_V1(news_summary_agg_trans);
Datum
news_summary_agg_trans(PG_FUNCTION_ARGS)
{
	return na_agg_trans(fcinfo, &sumagg_ops, "sentences", 3);
}

/* news.summary_agg_combine(a bytea, b bytea): two partial states in one */
PG_FUNCTION_INFO_V1(news_summary_agg_combine);
Datum
news_summary_agg_combine(PG_FUNCTION_ARGS)
{
	return na_agg_combine(fcinfo, &sumagg_ops);
}

typedef struct SumJson
{
	StringInfoData buf;
	int			rows;
} SumJson;

static bool
sum_json_row(const NaSummarySentence *s, void *arg)
{
	SumJson    *j = arg;
	char	   *t = pnstrdup(s->text, s->len);

	appendStringInfoString(&j->buf, j->rows++ ? ", {\"text\": " : "{\"text\": ");
	escape_json(&j->buf, t);
	appendStringInfo(&j->buf, ", \"score\": %.4f}", s->score);
	pfree(t);
	return true;
}

/*
 * news.summary_agg_final(state bytea): the summary of the set as a jsonb
 * array of {text, score}, best first
 */
PG_FUNCTION_INFO_V1(news_summary_agg_final);
Datum
news_summary_agg_final(PG_FUNCTION_ARGS)
{
	NaAggState *state;
	SumJson		j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = na_agg_final_state(fcinfo, &sumagg_ops);
	initStringInfo(&j.buf);
	j.rows = 0;
	appendStringInfoChar(&j.buf, '[');
	na_pg_check(na_sumagg_result(state->core, (uint32) state->n, sum_json_row, &j),
				"news.summary_agg");
	appendStringInfoChar(&j.buf, ']');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(j.buf.data));
}
