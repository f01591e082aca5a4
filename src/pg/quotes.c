/*
 * quotes.c (glue)
 *		news.quotes: direct quotations and their speakers.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "doc.h"
#include "entities_pg.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "quotes.h"

typedef struct QuoteOut
{
	Tuplestorestate *ts;
	TupleDesc	desc;
	size_t		rows;
} QuoteOut;

static bool
quote_row(const NaQuote *q, void *arg)
{
	QuoteOut   *o = arg;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = PointerGetDatum(cstring_to_text_with_len(q->text, (int) q->text_len));
	if (q->speaker)
	{
		values[1] = PointerGetDatum(cstring_to_text_with_len(q->speaker, (int) q->speaker_len));
		values[2] = PointerGetDatum(cstring_to_text_with_len(q->mention, (int) q->mention_len));
	}
	else
	{
		values[1] = values[2] = (Datum) 0;
		nulls[1] = nulls[2] = true;
	}
	values[3] = Int32GetDatum((int32) q->cstart + 1);
	values[4] = Int32GetDatum((int32) q->clen);
	tuplestore_putvalues(o->ts, o->desc, values, nulls);
	pfree(DatumGetPointer(values[0]));
	if (q->speaker)
	{
		pfree(DatumGetPointer(values[1]));
		pfree(DatumGetPointer(values[2]));
	}
	if ((++o->rows & 1023) == 0)
		CHECK_FOR_INTERRUPTS();
	return true;
}

/* news.quotes(body text): the direct quotations of body with speakers */
PG_FUNCTION_INFO_V1(na_quotes);
Datum
na_quotes(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *s;
	size_t		len;
	const NaGazetteer *g;
	NaDoc	   *doc;
	QuoteOut	out;
	NaStatus	st;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	InitMaterializedSRF(fcinfo, 0);
	g = na_pg_gazetteer();
	doc = na_pg_doc(s, len, NA_DOC_SENTENCES | NA_DOC_NORMS, na_pg_pattern_set());
	out.ts = rsinfo->setResult;
	out.desc = rsinfo->setDesc;
	out.rows = 0;
	st = na_quotes_of_doc(doc, g, quote_row, &out, na_pg_allocator());
	na_pg_check_at(st, "news.quotes", na_doc_error_offset(doc));
	na_doc_destroy(doc);
	return (Datum) 0;
}
