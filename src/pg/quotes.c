/*
 * quotes.c (glue)
 *		news.quotes: quotations and reported speech with their source, cue
 *		and content.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "doc.h"
#include "entities_pg.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "quotes.h"

#define QUOTE_COLS 14
/* news.quotes as news_analytics--0.1.0.sql declares it: the first five
 * columns, quotations only (a database not yet updated calls this library) */
#define QUOTE_COLS_0_1 5

/* a text datum, or NULL */
static void
put_text(Datum *values, bool *nulls, int col, const char *s, size_t len)
{
	if (s)
		values[col] = PointerGetDatum(na_pg_text_from(s, len));
	else
		nulls[col] = true;
}

/* the 1-based character start and length of a span, or NULL */
static void
put_span(Datum *values, bool *nulls, int col, const NaQuoteSpan *s, bool present)
{
	if (present)
	{
		values[col] = Int32GetDatum((int32) s->cstart + 1);
		values[col + 1] = Int32GetDatum((int32) s->clen);
	}
	else
		nulls[col] = nulls[col + 1] = true;
}

static bool
quote_row(const NaQuote *q, void *arg)
{
	NaSrf	   *srf = arg;
	Datum		values[QUOTE_COLS];
	bool		nulls[QUOTE_COLS];

	if (srf->desc->natts == QUOTE_COLS_0_1 && q->kind == NA_QUOTE_INDIRECT)
		return true;
	na_pg_srf_row(srf);
	memset(nulls, 0, sizeof(nulls));
	put_text(values, nulls, 0, q->text, q->text_len);
	put_text(values, nulls, 1, q->speaker, q->speaker_len);
	put_text(values, nulls, 2, q->mention, q->mention_len);
	values[3] = Int32GetDatum((int32) q->quote.cstart + 1);
	values[4] = Int32GetDatum((int32) q->quote.clen);
	values[5] = CStringGetTextDatum(na_quote_kind_name(q->kind));
	put_text(values, nulls, 6, q->cue, q->cue_len);
	put_span(values, nulls, 7, &q->mention_span, q->mention != NULL);
	put_span(values, nulls, 9, &q->cue_span, q->cue != NULL);
	put_span(values, nulls, 11, &q->content, q->content.len > 0);
	values[13] = Float4GetDatum(q->confidence);
	na_pg_srf_put(srf, values, nulls);
	return true;
}

/*
 * quotes_of reports the attributions of s[0..len) with the speakers among the
 * names of model (an entity model of na_pg_entity_tagger), or of the rules
 * when model is NULL.  The rules read the document of news.quotes
 * (na_pg_speakers_doc: the names subset of the patterns, at a fraction of
 * the cost); a learned model reads the document of news.entities
 * (na_pg_names_doc), so that every speaker is a canonical name of
 * news.entities(body, model => name).
 */
static void
quotes_of(NaSrf *srf, const char *s, size_t len, const NaGazetteer *g, NaNerModel *model)
{
	NaDoc	   *doc;
	NaStatus	st;

	doc = model ? na_pg_names_doc(s, len) : na_pg_speakers_doc(s, len);
	st = na_quotes_of_doc(doc, g, model, quote_row, srf, na_pg_allocator());
	na_pg_check_at(st, "news.quotes", na_doc_error_offset(doc));
	na_doc_destroy(doc);
}

/* the result of news.quotes as the installed SQL declares it */
static void
quotes_begin(NaSrf *srf, FunctionCallInfo fcinfo)
{
	na_pg_srf_begin(srf, fcinfo);
	if (srf->desc->natts != QUOTE_COLS && srf->desc->natts != QUOTE_COLS_0_1)
		elog(ERROR, "news.quotes: the installed SQL declares %d columns, the library %d",
			 srf->desc->natts, QUOTE_COLS);
}

/* news.quotes(body text): the quotations and reported speech of body, attributed */
PG_FUNCTION_INFO_V1(news_quotes);
Datum
news_quotes(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s;
	size_t		len;
	NaSrf		srf;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	quotes_begin(&srf, fcinfo);
	/*
	 * speakers are the names of the rules (news.entities(body, model =>
	 * 'rules')), as in news.analyze: the stacked default would cost half
	 * the speed for no better speaker accuracy (README,
	 * test/eval/quotes.sh)
	 */
	quotes_of(&srf, s, len, na_pg_gazetteer(), NULL);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/*
 * news.quotes(body text, model text): as news.quotes(body), the speakers
 * among the names of the entity model called model, as news.entities(body,
 * model) names them ("rules": news.quotes(body)); model NULL is the
 * default of news.quotes(body), the rules, as news.entities(body, NULL) is
 * news.entities(body); no rows for a NULL body
 */
PG_FUNCTION_INFO_V1(news_quotes_model);
Datum
news_quotes_model(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	const NaGazetteer *g;
	NaNerModel *model = NULL;
	NaSrf		srf;

	quotes_begin(&srf, fcinfo);
	if (PG_ARGISNULL(0))
	{
		na_pg_srf_end(&srf);
		return (Datum) 0;
	}
	s = na_pg_text(PG_GETARG_TEXT_PP(0), &len);
	na_pg_require_utf8(s, len);
	g = na_pg_gazetteer();
	/* a name resolves as for news.entities; "rules" gives NULL */
	if (!PG_ARGISNULL(1))
		model = na_pg_entity_model_name(fcinfo, PG_GETARG_TEXT_PP(1), g);
	quotes_of(&srf, s, len, g, model);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}
