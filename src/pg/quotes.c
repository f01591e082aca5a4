/*
 * quotes.c (glue)
 *		news.quotes: direct quotations and their speakers.
 */
#include "postgres.h"

#include "fmgr.h"

#include "entities.h"
#include "entities_pg.h"
#include "na_glue.h"

static bool
quote_row(const NaQuote *q, void *arg)
{
	NaSrf	   *srf = arg;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	na_pg_srf_row(srf);
	values[0] = PointerGetDatum(na_pg_text_from(q->text, q->text_len));
	if (q->speaker)
	{
		values[1] = PointerGetDatum(na_pg_text_from(q->speaker, q->speaker_len));
		values[2] = PointerGetDatum(na_pg_text_from(q->mention, q->mention_len));
	}
	else
	{
		values[1] = values[2] = (Datum) 0;
		nulls[1] = nulls[2] = true;
	}
	values[3] = Int32GetDatum((int32) q->cstart + 1);
	values[4] = Int32GetDatum((int32) q->clen);
	na_pg_srf_put(srf, values, nulls);
	return true;
}

/* news.quotes(body text): the direct quotations of body with speakers */
PG_FUNCTION_INFO_V1(news_quotes);
Datum
news_quotes(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s;
	size_t		len;
	NaSrf		srf;
	size_t		erroff = 0;
	NaStatus	st;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	na_pg_srf_begin(&srf, fcinfo);
	st = na_quotes_extract(na_pg_gazetteer(), s, len, quote_row, &srf,
						   na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.quotes", erroff);
	na_pg_srf_end(&srf);
	return (Datum) 0;
}
