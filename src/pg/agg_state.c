/*
 * agg_state.c
 *		Aggregate states that travel as bytea (see agg_state.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/memutils.h"

#include "agg_state.h"
#include "na_glue.h"

#define AGG_PREFIX	4			/* n, little-endian */

static Size
agg_get_flat_size(ExpandedObjectHeader *eohptr)
{
	NaAggState *s = (NaAggState *) eohptr;
	size_t		size = VARHDRSZ + AGG_PREFIX + s->ops->size(s->core);

	if (size > MaxAllocSize)
		na_pg_check(NA_ERR_TOO_LARGE, s->ops->name);
	return size;
}

static void
agg_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	NaAggState *s = (NaAggState *) eohptr;
	uint8	   *p = (uint8 *) VARDATA(result);
	uint32		n = (uint32) s->n;

	SET_VARSIZE(result, allocated_size);
	p[0] = (uint8) (n & 0xff);
	p[1] = (uint8) ((n >> 8) & 0xff);
	p[2] = (uint8) ((n >> 16) & 0xff);
	p[3] = (uint8) ((n >> 24) & 0xff);
	s->ops->write(s->core, p + AGG_PREFIX);
}

static const ExpandedObjectMethods agg_methods = {
	agg_get_flat_size,
	agg_flatten_into
};

static bool
is_ours(Datum d, const NaAggOps *ops)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &agg_methods &&
		((NaAggState *) DatumGetEOHP(d))->ops == ops;
}

/* na_agg_check_n: see agg_state.h. */
void
na_agg_check_n(const char *argname, int32 n, int32 max_n)
{
	if (n < 1 || n > max_n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 1 and %d", argname, max_n),
				 errdetail("%s = %d was given.", argname, n)));
}

/* new_state: an empty state in a child context of parent */
static NaAggState *
new_state(MemoryContext parent, const NaAggOps *ops, int32 n)
{
	MemoryContext cxt;
	NaAggState *s;

	/* small: a GROUP BY may keep one state per group */
	cxt = AllocSetContextCreate(parent, "news_analytics aggregate state", ALLOCSET_SMALL_SIZES);
	s = MemoryContextAlloc(cxt, sizeof(NaAggState));
	EOH_init_header(&s->hdr, &agg_methods, cxt);
	s->alloc = na_pg_context_allocator(cxt);
	s->ops = ops;
	s->n = n;
	na_pg_check(ops->create(&s->alloc, na_pg_yield(), &s->core), ops->name);
	return s;
}

static void
bad_state(const NaAggOps *ops)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s state", ops->name),
			 errdetail("The bytes are not a state written by %s.", ops->name)));
}

/* na_agg_merge_datum: see agg_state.h. */
void
na_agg_merge_datum(NaAggState *s, Datum d)
{
	const NaAggOps *ops = s->ops;
	bytea	   *b;
	const uint8 *p;
	size_t		len;
	int32		n;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		Size		size = EOH_get_flat_size(DatumGetEOHP(d));

		b = palloc(size);
		EOH_flatten_into(DatumGetEOHP(d), b, size);
	}
	else
		b = DatumGetByteaPP(d);
	p = (const uint8 *) VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);
	if (len < AGG_PREFIX)
		bad_state(ops);
	n = (int32) ((uint32) p[0] | ((uint32) p[1] << 8) | ((uint32) p[2] << 16) | ((uint32) p[3] << 24));
	if (n < 1 || n > ops->max_n)
		bad_state(ops);
	if (ops->merge(s->core, p + AGG_PREFIX, len - AGG_PREFIX) != NA_OK)
		bad_state(ops);
	if (n > s->n)
		s->n = n;
	if ((Pointer) b != DatumGetPointer(d))
		pfree(b);
}

/* na_agg_state: see agg_state.h. */
NaAggState *
na_agg_state(FunctionCallInfo fcinfo, const NaAggOps *ops, int32 n, bool *in_agg)
{
	MemoryContext aggcxt;
	NaAggState *s;

	*in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	if (!*in_agg)
		aggcxt = CurrentMemoryContext;
	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (*in_agg && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && is_ours(d, ops))
			s = (NaAggState *) DatumGetEOHP(d);
		else
		{
			s = new_state(aggcxt, ops, 1);
			na_agg_merge_datum(s, d);
		}
	}
	else
		s = new_state(aggcxt, ops, 1);
	if (n > s->n)
		s->n = n;
	return s;
}

/* na_agg_return: see agg_state.h. */
Datum
na_agg_return(NaAggState *s, bool in_agg)
{
	if (!in_agg)
	{
		Size		size = EOH_get_flat_size(&s->hdr);
		void	   *flat = palloc(size);

		EOH_flatten_into(&s->hdr, flat, size);
		return PointerGetDatum(flat);
	}
	return EOHPGetRWDatum(&s->hdr);
}

/* na_agg_add_text: see agg_state.h. */
void
na_agg_add_text(NaAggState *s, text *body)
{
	const char *str;
	size_t		len;
	NaDoc	   *doc = NULL;
	MemoryContext work;
	MemoryContext old;
	NaStatus	st;

	str = na_pg_text(body, &len);
	/* the text's analysis in a scratch context; the state has its own */
	work = AllocSetContextCreate(CurrentMemoryContext, "news aggregate text",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	st = na_doc_create(str, len, s->ops->layers, na_pg_allocator(), na_pg_yield(), &doc);
	if (st == NA_OK)
		st = s->ops->add_doc(s->core, doc);
	na_pg_check_at(st, s->ops->name, st == NA_ERR_INVALID_UTF8 ? na_doc_error_offset(doc) : 0);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
}

/* na_agg_trans: see agg_state.h. */
Datum
na_agg_trans(FunctionCallInfo fcinfo, const NaAggOps *ops, const char *argname, int32 default_n)
{
	int32		n = PG_NARGS() > 2 && !PG_ARGISNULL(2) ? PG_GETARG_INT32(2) : default_n;
	NaAggState *s;
	bool		in_agg;

	na_agg_check_n(argname, n, ops->max_n);
	s = na_agg_state(fcinfo, ops, n, &in_agg);
	if (!PG_ARGISNULL(1))
		na_agg_add_text(s, PG_GETARG_TEXT_PP(1));
	return na_agg_return(s, in_agg);
}

/* na_agg_combine: see agg_state.h. */
Datum
na_agg_combine(FunctionCallInfo fcinfo, const NaAggOps *ops)
{
	NaAggState *s;
	bool		in_agg;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	s = na_agg_state(fcinfo, ops, 0, &in_agg);
	if (!PG_ARGISNULL(1))
		na_agg_merge_datum(s, PG_GETARG_DATUM(1));
	return na_agg_return(s, in_agg);
}

/* na_agg_final_state: see agg_state.h. */
NaAggState *
na_agg_final_state(FunctionCallInfo fcinfo, const NaAggOps *ops)
{
	Datum		d = PG_GETARG_DATUM(0);
	NaAggState *s;

	if (is_ours(d, ops))
		return (NaAggState *) DatumGetEOHP(d);
	s = new_state(CurrentMemoryContext, ops, 1);
	na_agg_merge_datum(s, d);
	return s;
}
