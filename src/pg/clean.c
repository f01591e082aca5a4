/*
 * clean.c (glue)
 *		news.clean, news.boilerplate and news.boilerplate_kinds: a scraped
 *		body without markup and boilerplate, what was removed and why;
 *		news.clean_map, news.original_span and news.original_spans: where
 *		the characters of news.clean(body) come from in body.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
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

/* news.clean_map(body text): the segments of the offset map, in order. */
PG_FUNCTION_INFO_V1(news_clean_map);
Datum
news_clean_map(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NaSrf		srf;
	NaClean		c;
	const char *s;
	size_t		len;

	na_pg_srf_begin(&srf, fcinfo);
	clean_body(body, NA_CLEAN_MAP, &c, &s, &len);
	for (size_t i = 0; i < c.nmap; i++)
	{
		const NaCleanSegment *m = &c.map[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		na_pg_srf_row(&srf);
		values[0] = Int32GetDatum((int32) m->cclean + 1);
		values[1] = Int32GetDatum((int32) m->cclean_len);
		values[2] = Int32GetDatum((int32) m->corig + 1);
		values[3] = Int32GetDatum((int32) m->corig_len);
		values[4] = BoolGetDatum(m->verbatim);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	na_clean_free(&c);
	return (Datum) 0;
}

/* check_length: a negative span length is an error, as it is for substr
 * (checked before the body is cleaned) */
static void
check_length(int32 length)
{
	if (length < 0)
		ereport(ERROR,
				(errcode(ERRCODE_SUBSTRING_ERROR),
				 errmsg("negative substring length not allowed")));
}

/*
 * map_span maps the 1-based character span (start, length >= 0) of the
 * cleaned text to the original, as 1-based *ostart and *olength.  The span
 * is clipped to the text as substr clips it: a start before 1 takes the
 * characters from 1 to start + length - 1.
 */
static void
map_span(const NaClean *c, int32 start, int32 length, int32 *ostart, int32 *olength)
{
	int64		s = (int64) start - 1,
				e = s + length;
	size_t		os,
				ol;

	if (s < 0)
		s = 0;
	if (e < s)
		e = s;
	na_clean_chars_to_orig(c, (size_t) s, (size_t) (e - s), &os, &ol);
	*ostart = (int32) os + 1;
	*olength = (int32) ol;
}

/* news.original_span(body text, start int4, length int4): where the span
 * of news.clean(body) comes from in body. */
PG_FUNCTION_INFO_V1(news_original_span);
Datum
news_original_span(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		start = PG_GETARG_INT32(1);
	int32		length = PG_GETARG_INT32(2);
	TupleDesc	tupdesc;
	NaClean		c;
	const char *s;
	size_t		len;
	int32		os,
				ol;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	check_length(length);
	clean_body(body, NA_CLEAN_MAP, &c, &s, &len);
	map_span(&c, start, length, &os, &ol);
	na_clean_free(&c);
	values[0] = Int32GetDatum(os);
	values[1] = Int32GetDatum(ol);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

/*
 * news.original_spans(body text, starts int4[], lengths int4[]): the
 * spans (starts[i], lengths[i]) of news.clean(body) mapped to body, element
 * by element, from one cleaning: what the pipeline calls for all the
 * mentions of an article.  The results have the subscripts of starts; a
 * NULL element in either array gives NULL in both results.
 */
PG_FUNCTION_INFO_V1(news_original_spans);
Datum
news_original_spans(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ArrayType  *sa = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *la = PG_GETARG_ARRAYTYPE_P(2);
	TupleDesc	tupdesc;
	Datum	   *se,
			   *le,
			   *os,
			   *ol;
	bool	   *sn,
			   *ln,
			   *on;
	int			n,
				nl,
				dims[1],
				lbs[1];
	NaClean		c;
	const char *s;
	size_t		len;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (ARR_NDIM(sa) > 1 || ARR_NDIM(la) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("starts and lengths must be one-dimensional arrays")));
	deconstruct_array(sa, INT4OID, 4, true, TYPALIGN_INT, &se, &sn, &n);
	deconstruct_array(la, INT4OID, 4, true, TYPALIGN_INT, &le, &ln, &nl);
	if (n != nl)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("starts and lengths must have the same length"),
				 errdetail("There are %d starts and %d lengths.", n, nl)));
	for (int i = 0; i < n; i++)
		if (!ln[i])
			check_length(DatumGetInt32(le[i]));
	clean_body(body, NA_CLEAN_MAP, &c, &s, &len);
	os = palloc(na_pg_size_mul(Max(n, 1), sizeof(Datum)));
	ol = palloc(na_pg_size_mul(Max(n, 1), sizeof(Datum)));
	on = palloc(Max(n, 1) * sizeof(bool));
	for (int i = 0; i < n; i++)
	{
		int32		a,
					b;

		if ((i & 4095) == 4095)
			CHECK_FOR_INTERRUPTS();
		on[i] = sn[i] || ln[i];
		if (on[i])
		{
			os[i] = ol[i] = (Datum) 0;
			continue;
		}
		map_span(&c, DatumGetInt32(se[i]), DatumGetInt32(le[i]), &a, &b);
		os[i] = Int32GetDatum(a);
		ol[i] = Int32GetDatum(b);
	}
	na_clean_free(&c);
	dims[0] = n;
	lbs[0] = n > 0 ? ARR_LBOUND(sa)[0] : 1;
	values[0] = PointerGetDatum(construct_md_array(os, on, n > 0 ? 1 : 0, dims, lbs,
												   INT4OID, 4, true, TYPALIGN_INT));
	values[1] = PointerGetDatum(construct_md_array(ol, on, n > 0 ? 1 : 0, dims, lbs,
												   INT4OID, 4, true, TYPALIGN_INT));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
