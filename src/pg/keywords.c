/*
 * keywords.c (glue)
 *		news.keywords, its corpus-aware overload and the news.keywords_agg
 *		aggregates (src/core/keywords.c does the work).
 *
 * The aggregates keep their state as a bytea, not as internal, so that it
 * can travel between processes and nodes (parallel query, Citus): four
 * bytes of the number of phrases asked for, then the core's portable form
 * of the state (na_keyagg_write).  While aggregating, the state is an
 * expanded object (utils/expandeddatum.h) holding the core's hash table
 * under the aggregate's memory context, updated in place row after row
 * and flattened only when it leaves the aggregate, as the corpus_stats
 * aggregates of termvec.c do.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "keywords.h"
#include "na_glue.h"
#include "termvec_pg.h"

/* check_n raises 22023 unless 1 <= n <= NA_KW_MAX_N. */
static void
check_n(int32 n)
{
	if (n < 1 || n > NA_KW_MAX_N)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be between 1 and %d", NA_KW_MAX_N),
				 errdetail("n = %d was given.", n)));
}

typedef struct KwOut
{
	Tuplestorestate *ts;
	TupleDesc	desc;
} KwOut;

static bool
keyphrase_row(const NaKeyphrase *kp, void *arg)
{
	KwOut	   *o = arg;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	values[0] = PointerGetDatum(na_pg_text_from(kp->phrase, kp->phrase_len));
	values[1] = Float4GetDatum(kp->score);
	values[2] = Int32GetDatum((int32) Min(kp->count, (uint32) PG_INT32_MAX));
	values[3] = CStringGetTextDatum(na_keyphrase_kind_name(kp->kind));
	values[4] = Int32GetDatum((int32) kp->cstart + 1);
	values[5] = Int32GetDatum((int32) kp->clen);
	tuplestore_putvalues(o->ts, o->desc, values, nulls);
	pfree(DatumGetPointer(values[0]));
	pfree(DatumGetPointer(values[3]));
	return true;
}

/*
 * keywords_srf: the body of both news.keywords functions; corpus NULL for
 * the built-in background frequencies.
 */
static Datum
keywords_srf(FunctionCallInfo fcinfo, text *body, const NaCorpus *corpus, int32 n)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *s;
	size_t		len;
	KwOut		out;
	size_t		erroff = 0;
	NaStatus	st;

	check_n(n);
	s = na_pg_text(body, &len);
	InitMaterializedSRF(fcinfo, 0);
	out.ts = rsinfo->setResult;
	out.desc = rsinfo->setDesc;
	st = na_keywords_extract(s, len, na_pg_lexer("english"), corpus, (uint32) n,
							 keyphrase_row, &out, na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.keywords", erroff);
	return (Datum) 0;
}

/* news.keywords(body text, n int): the n best keyphrases of body */
PG_FUNCTION_INFO_V1(na_keywords);
Datum
na_keywords(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		n = PG_GETARG_INT32(1);

	return keywords_srf(fcinfo, body, NULL, n);
}

/* news.keywords(body text, corpus news.corpus, n int): weighed by corpus */
PG_FUNCTION_INFO_V1(na_keywords_corpus);
Datum
na_keywords_corpus(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NaCorpus	corpus = na_pg_corpus_arg(fcinfo, 1);
	int32		n = PG_GETARG_INT32(2);

	return keywords_srf(fcinfo, body, &corpus, n);
}

/* ------------------------------------------------------------------------
 * news.keywords_agg: the state as an expanded object
 * ------------------------------------------------------------------------
 */
typedef struct ExpandedKeyAgg
{
	ExpandedObjectHeader hdr;
	NaAllocator alloc;			/* bound to hdr.eoh_context */
	NaKeyAgg   *agg;
	int32		n;				/* phrases asked for */
} ExpandedKeyAgg;

#define KEYAGG_PREFIX	4		/* n, little-endian, before the core's bytes */

static Size
eka_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedKeyAgg *e = (ExpandedKeyAgg *) eohptr;
	size_t		size = VARHDRSZ + KEYAGG_PREFIX + na_keyagg_size(e->agg);

	if (size > MaxAllocSize)
		na_pg_check(NA_ERR_TOO_LARGE, "news.keywords_agg");
	return size;
}

static void
eka_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedKeyAgg *e = (ExpandedKeyAgg *) eohptr;
	uint8	   *p = (uint8 *) VARDATA(result);

	SET_VARSIZE(result, allocated_size);
	p[0] = (uint8) (e->n & 0xff);
	p[1] = (uint8) ((e->n >> 8) & 0xff);
	p[2] = (uint8) ((e->n >> 16) & 0xff);
	p[3] = (uint8) ((e->n >> 24) & 0xff);
	na_keyagg_write(e->agg, p + KEYAGG_PREFIX);
}

static const ExpandedObjectMethods eka_methods = {
	eka_get_flat_size,
	eka_flatten_into
};

static bool
is_keyagg(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &eka_methods;
}

/* new_keyagg: an empty state in a child context of parent */
static ExpandedKeyAgg *
new_keyagg(MemoryContext parent, int32 n)
{
	MemoryContext cxt;
	ExpandedKeyAgg *e;

	cxt = AllocSetContextCreate(parent, "news.keywords_agg state", ALLOCSET_SMALL_SIZES);
	e = MemoryContextAlloc(cxt, sizeof(ExpandedKeyAgg));
	EOH_init_header(&e->hdr, &eka_methods, cxt);
	e->alloc = na_pg_context_allocator(cxt);
	e->n = n;
	na_pg_check(na_keyagg_create(&e->alloc, na_pg_yield(), &e->agg), "news.keywords_agg");
	return e;
}

/* keyagg_merge_flat adds a flat state d to e (n: the larger of the two) */
static void
keyagg_merge_flat(ExpandedKeyAgg *e, Datum d)
{
	bytea	   *b = DatumGetByteaPP(d);
	const uint8 *p = (const uint8 *) VARDATA_ANY(b);
	size_t		len = VARSIZE_ANY_EXHDR(b);
	int32		n;

	if (len < KEYAGG_PREFIX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid news.keywords_agg state")));
	n = (int32) ((uint32) p[0] | ((uint32) p[1] << 8) | ((uint32) p[2] << 16) | ((uint32) p[3] << 24));
	check_n(n);
	if (na_keyagg_merge(e->agg, p + KEYAGG_PREFIX, len - KEYAGG_PREFIX) != NA_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid news.keywords_agg state")));
	if (n > e->n)
		e->n = n;
}

/*
 * keyagg_state: the state argument as an expanded object that may be
 * changed: itself when it is our read-write object inside an aggregate,
 * else a new one (in the aggregate context) holding a copy.
 */
static ExpandedKeyAgg *
keyagg_state(FunctionCallInfo fcinfo, int32 n, MemoryContext aggcxt, bool in_agg)
{
	ExpandedKeyAgg *e;

	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (in_agg && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && is_keyagg(d))
			return (ExpandedKeyAgg *) DatumGetEOHP(d);
		e = new_keyagg(aggcxt, n);
		if (is_keyagg(d))
		{
			Size		size = EOH_get_flat_size(DatumGetEOHP(d));
			void	   *flat = palloc(size);

			EOH_flatten_into(DatumGetEOHP(d), flat, size);
			keyagg_merge_flat(e, PointerGetDatum(flat));
			pfree(flat);
		}
		else
			keyagg_merge_flat(e, d);
		return e;
	}
	return new_keyagg(aggcxt, n);
}

static Datum
keyagg_return(ExpandedKeyAgg *e, bool in_agg)
{
	if (!in_agg)
	{
		Size		size = EOH_get_flat_size(&e->hdr);
		void	   *flat = palloc(size);

		EOH_flatten_into(&e->hdr, flat, size);
		return PointerGetDatum(flat);
	}
	return EOHPGetRWDatum(&e->hdr);
}

/* keywords_agg_add: one text into the state */
static void
keywords_agg_add(ExpandedKeyAgg *e, text *body)
{
	const char *s;
	size_t		len;
	NaDoc	   *doc = NULL;
	NaKeywords *kw = NULL;
	MemoryContext work;
	MemoryContext old;
	NaStatus	st;

	s = na_pg_text(body, &len);
	/* the text's analysis in a scratch context, the state in its own */
	work = AllocSetContextCreate(CurrentMemoryContext, "news.keywords_agg text",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	st = na_doc_create(s, len, NA_DOC_SENTENCES | NA_DOC_NORMS, na_pg_allocator(),
					   na_pg_yield(), &doc);
	if (st == NA_OK)
		st = na_keywords_create(doc, na_pg_lexer("english"), na_pg_allocator(), na_pg_yield(), &kw);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_keywords_window(kw);
	if (st == NA_OK)
		st = na_keyagg_add_text(e->agg, kw, NULL);
	if (st == NA_ERR_INVALID_UTF8)
		na_pg_check_at(st, "news.keywords_agg", na_doc_error_offset(doc));
	na_pg_check(st, "news.keywords_agg");
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
}

/* news.keywords_agg_trans(state bytea, body text, n int): add one text */
PG_FUNCTION_INFO_V1(na_keywords_agg_trans);
Datum
na_keywords_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	int32		n = PG_NARGS() > 2 ? (PG_ARGISNULL(2) ? 10 : PG_GETARG_INT32(2)) : 10;
	ExpandedKeyAgg *e;

	check_n(n);
	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	e = keyagg_state(fcinfo, n, aggcxt, in_agg);
	if (n > e->n)
		e->n = n;
	if (!PG_ARGISNULL(1))
		keywords_agg_add(e, PG_GETARG_TEXT_PP(1));
	return keyagg_return(e, in_agg);
}

/* news.keywords_agg_combine(a bytea, b bytea): two partial states in one */
PG_FUNCTION_INFO_V1(na_keywords_agg_combine);
Datum
na_keywords_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	ExpandedKeyAgg *e;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (!in_agg)
		aggcxt = CurrentMemoryContext;
	e = keyagg_state(fcinfo, 1, aggcxt, in_agg);
	if (!PG_ARGISNULL(1))
	{
		Datum		d = PG_GETARG_DATUM(1);

		if (is_keyagg(d))
		{
			Size		size = EOH_get_flat_size(DatumGetEOHP(d));
			void	   *flat = palloc(size);

			EOH_flatten_into(DatumGetEOHP(d), flat, size);
			keyagg_merge_flat(e, PointerGetDatum(flat));
			pfree(flat);
		}
		else
			keyagg_merge_flat(e, d);
	}
	return keyagg_return(e, in_agg);
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
PG_FUNCTION_INFO_V1(na_keywords_agg_final);
Datum
na_keywords_agg_final(PG_FUNCTION_ARGS)
{
	ExpandedKeyAgg *e;
	AggJson		j;
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (is_keyagg(d))
		e = (ExpandedKeyAgg *) DatumGetEOHP(d);
	else
	{
		e = new_keyagg(CurrentMemoryContext, 1);
		keyagg_merge_flat(e, d);
	}
	initStringInfo(&j.buf);
	j.rows = 0;
	appendStringInfoChar(&j.buf, '[');
	na_pg_check(na_keyagg_result(e->agg, (uint32) e->n, agg_json_row, &j), "news.keywords_agg");
	appendStringInfoChar(&j.buf, ']');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(j.buf.data));
}
