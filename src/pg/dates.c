/*
 * dates.c (glue)
 *		news.dates: DATE pattern mentions resolved against a publication
 *		date (the spans of a document built with the DATE patterns only).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "dates.h"
#include "na_glue.h"
#include "na_patterns_pg.h"

typedef struct DateRows
{
	NaSrf		srf;
	const char *text;
	size_t		len;
	bool		has_published;
	int32		published;
} DateRows;

static bool
date_row(const NaDateMention *m, void *arg)
{
	DateRows   *r = arg;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	NaDateResult res = m->date;
	const char *grain;

	na_pg_srf_row(&r->srf);
	values[0] = PointerGetDatum(na_pg_text_from(r->text + m->start, m->len));
	if (res.resolved)
		values[1] = DateADTGetDatum((DateADT) res.day);
	else
		nulls[1] = true;
	grain = na_date_grain_name(res.grain);
	if (grain)
		values[2] = CStringGetTextDatum(grain);
	else
		nulls[2] = true;
	values[3] = Int32GetDatum((int32) m->cstart + 1);
	values[4] = Int32GetDatum((int32) m->clen);
	na_pg_srf_put(&r->srf, values, nulls);
	return true;
}

/* news.dates(body text, published date): date mentions and their dates. */
PG_FUNCTION_INFO_V1(news_dates);
Datum
news_dates(PG_FUNCTION_ARGS)
{
	text	   *body = PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0);
	bool		has_published = !PG_ARGISNULL(1);
	DateADT		published = has_published ? PG_GETARG_DATEADT(1) : 0;
	DateRows	rows;
	size_t		len;
	const char *s;
	NaDoc	   *doc;

	na_pg_srf_begin(&rows.srf, fcinfo);
	if (!body)
	{
		na_pg_srf_end(&rows.srf);
		return (Datum) 0;
	}
	s = na_pg_text(body, &len);
	rows.text = s;
	rows.len = len;
	/* -infinity and infinity resolve nothing relative */
	rows.has_published = has_published && !DATE_NOT_FINITE(published);
	rows.published = (int32) published;
	doc = na_pg_doc(s, len, NA_DOC_TOKENS, na_pg_date_pattern_set());
	na_dates_of_doc(doc, rows.has_published ? &rows.published : NULL, date_row, &rows);
	na_doc_destroy(doc);
	na_pg_srf_end(&rows.srf);
	return (Datum) 0;
}
