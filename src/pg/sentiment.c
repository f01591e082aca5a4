/*
 * sentiment.c (glue)
 *		news.sentiment and news.entity_sentiment: document tone and the
 *		sentiment toward a target or toward every entity of a text.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "entities_pg.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "sentiment.h"

/* sentiment_check raises the error of a sentiment call; offset: of invalid UTF-8 */
static void
sentiment_check(NaStatus st, size_t offset, const char *what)
{
	if (st == NA_ERR_BAD_ARGUMENT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target must have between 1 and 64 words"),
				 errdetail("An empty target, or one of punctuation only, names no one."),
				 errhint("Pass NULL as the target for the tone of the whole text.")));
	na_pg_check_at(st, what, offset);
}

/* news.sentiment(body text, target text): the tone of body, or the sentiment toward target */
PG_FUNCTION_INFO_V1(news_sentiment);
Datum
news_sentiment(PG_FUNCTION_ARGS)
{
	NaSrf		srf;
	const char *s;
	size_t		len;
	const char *t = NULL;
	size_t		tlen = 0;
	NaSentimentResult r;
	NaDoc	   *doc;
	NaStatus	st;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	na_pg_srf_begin(&srf, fcinfo);
	if (PG_ARGISNULL(0))
	{
		na_pg_srf_end(&srf);
		return (Datum) 0;
	}
	s = na_pg_text(PG_GETARG_TEXT_PP(0), &len);
	na_pg_require_utf8(s, len);
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1))
	{
		t = na_pg_text(PG_GETARG_TEXT_PP(1), &tlen);
		na_pg_require_utf8(t, tlen);
	}
	doc = na_pg_doc(s, len, NA_DOC_SENTENCES | NA_DOC_NORMS, NULL);
	st = na_sentiment_of_doc(doc, na_sentiment_builtin_model(), t, tlen, &r,
							 na_pg_allocator(), na_pg_yield());
	sentiment_check(st, na_doc_error_offset(doc), "news.sentiment");
	na_doc_destroy(doc);
	na_pg_srf_row(&srf);
	values[0] = CStringGetTextDatum(na_polarity_name(r.polarity));
	values[1] = Float4GetDatum(r.score);
	values[2] = Float4GetDatum(r.positive);
	values[3] = Float4GetDatum(r.negative);
	values[4] = Int32GetDatum((int32) Min(r.sentences, (uint32) PG_INT32_MAX));
	values[5] = Int32GetDatum((int32) Min(r.mentions, (uint32) PG_INT32_MAX));
	values[6] = Int32GetDatum((int32) Min(r.words, (uint32) PG_INT32_MAX));
	na_pg_srf_put(&srf, values, nulls);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/* entity_sentiment_row: one row of news.entity_sentiment (arg: the NaSrf) */
static bool
entity_sentiment_row(const NaEntitySentiment *e, void *arg)
{
	NaSrf	   *srf = arg;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	na_pg_srf_row(srf);
	values[0] = PointerGetDatum(cstring_to_text_with_len(e->canonical, (int) e->canonical_len));
	values[1] = CStringGetTextDatum(na_entity_type_name(e->type));
	values[2] = CStringGetTextDatum(na_polarity_name(e->result.polarity));
	values[3] = Float4GetDatum(e->result.score);
	values[4] = Int32GetDatum((int32) Min(e->result.mentions, (uint32) PG_INT32_MAX));
	na_pg_srf_put(srf, values, nulls);
	return true;
}

/* news.entity_sentiment(body text): every entity of body with the sentiment toward it */
PG_FUNCTION_INFO_V1(news_entity_sentiment);
Datum
news_entity_sentiment(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const NaGazetteer *g;
	const char *s;
	size_t		len;
	NaDoc	   *doc;
	NaSrf		srf;
	NaStatus	st;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	na_pg_srf_begin(&srf, fcinfo);
	g = na_pg_gazetteer();
	doc = na_pg_names_doc(s, len);
	/* the entities of news.entities */
	st = na_entity_sentiment_of_doc(doc, g, na_pg_default_entity_tagger(fcinfo, g),
									na_sentiment_builtin_model(), entity_sentiment_row,
									&srf, na_pg_allocator(), na_pg_yield());
	sentiment_check(st, na_doc_error_offset(doc), "news.entity_sentiment");
	na_doc_destroy(doc);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}
