/*
 * clean.c (glue)
 *		news.clean, news.boilerplate and news.boilerplate_kinds: a scraped
 *		body without markup and boilerplate, what was removed and why.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "clean.h"
#include "na_glue.h"

/*
 * clean_body runs na_clean over a text argument with flags; raises on
 * error.  In a UTF8 database the server has checked the bytes already;
 * in SQL_ASCII na_clean checks them (22021 for invalid UTF-8).
 */
static void
clean_body(text *body, unsigned flags, NaClean *c, const char **s, size_t *len)
{
	NaStatus	st;

	*s = na_pg_text(body, len);
	if (GetDatabaseEncoding() == PG_UTF8)
		flags |= NA_CLEAN_VALID_UTF8;
	st = na_clean(*s, *len, flags, na_pg_allocator(), na_pg_yield(), c);
	na_pg_check_at(st, "news.clean", c->error_offset);
}

/* news.clean(body text): the body without markup and boilerplate. */
PG_FUNCTION_INFO_V1(news_clean);
Datum
news_clean(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	text	   *result;
	NaClean		c;
	const char *s;
	size_t		len;

	StaticAssertStmt(NA_CLEAN_HEADROOM_BYTES == VARHDRSZ, "headroom holds a text header");
	clean_body(body, NA_CLEAN_HEADROOM, &c, &s, &len);
	if (c.len + VARHDRSZ > MaxAllocSize)
		na_pg_check(NA_ERR_TOO_LARGE, "news.clean");
	/* the result is built in place: its header goes in the headroom */
	result = (text *) (c.text - VARHDRSZ);
	SET_VARSIZE(result, c.len + VARHDRSZ);
	PG_RETURN_TEXT_P(result);
}

/* news.boilerplate(body text): what news.clean removes, where and why. */
PG_FUNCTION_INFO_V1(news_boilerplate);
Datum
news_boilerplate(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NaSrf		srf;
	NaClean		c;
	const char *s;
	size_t		len;

	na_pg_srf_begin(&srf, fcinfo);
	clean_body(body, NA_CLEAN_REMOVALS, &c, &s, &len);
	for (size_t i = 0; i < c.nremovals; i++)
	{
		const NaCleanRemoval *r = &c.removals[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		na_pg_srf_row(&srf);
		values[0] = Int32GetDatum((int32) r->cstart + 1);
		values[1] = Int32GetDatum((int32) r->clen);
		values[2] = CStringGetTextDatum(na_clean_kind_name(r->kind));
		values[3] = PointerGetDatum(na_pg_text_from(s + r->start, r->len));
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	na_clean_free(&c);
	return (Datum) 0;
}

/* news.boilerplate_kinds(): the kinds news.boilerplate reports. */
PG_FUNCTION_INFO_V1(news_boilerplate_kinds);
Datum
news_boilerplate_kinds(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int k = 0; k < NA_CLEAN_KIND_COUNT; k++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(na_clean_kind_name(k));
		values[1] = CStringGetTextDatum(na_clean_kind_desc(k));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
