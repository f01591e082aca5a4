/*
 * na_glue.c
 *		The allocator, interrupt hook, error mapping, text access, checked
 *		sizes and set-returning rows that bind the core to the server.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "na_compat.h"
#include "na_glue.h"

static void *
pg_alloc_current(void *ctx, size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size ? size : 1);
}

static void *
pg_alloc_in(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size ? size : 1);
}

static void *
pg_resize(void *ctx, void *ptr, size_t size)
{
	return repalloc_huge(ptr, size ? size : 1);
}

static void
pg_release(void *ctx, void *ptr)
{
	pfree(ptr);
}

static const NaAllocator current_allocator = {
	pg_alloc_current, pg_resize, pg_release, NULL
};

/* na_pg_allocator: palloc in whatever context is current at each call. */
const NaAllocator *
na_pg_allocator(void)
{
	return &current_allocator;
}

/* na_pg_context_allocator: an allocator bound to cxt. */
NaAllocator
na_pg_context_allocator(MemoryContext cxt)
{
	NaAllocator a = {pg_alloc_in, pg_resize, pg_release, cxt};

	return a;
}

static void
pg_interrupts(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

static const NaYield interrupt_yield = {pg_interrupts, NULL};

/* na_pg_yield: the hook core loops call to honour cancellation. */
const NaYield *
na_pg_yield(void)
{
	return &interrupt_yield;
}

static int
status_sqlstate(NaStatus st)
{
	switch (st)
	{
		case NA_ERR_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case NA_ERR_INVALID_UTF8:
			return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
		case NA_ERR_TOO_LARGE:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case NA_ERR_BAD_CONFIG:
			return ERRCODE_UNDEFINED_OBJECT;
		case NA_ERR_BAD_ARGUMENT:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case NA_ERR_BAD_PATTERN:
			return ERRCODE_INVALID_REGULAR_EXPRESSION;
		case NA_ERR_MATCH_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case NA_ERR_BAD_LITERAL:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case NA_ERR_OUT_OF_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		default:
			return ERRCODE_INTERNAL_ERROR;
	}
}

/* na_pg_raise: ereport(ERROR) for a status that is not NA_OK. */
void
na_pg_raise(NaStatus st, const char *what)
{
	if (what)
		ereport(ERROR,
				(errcode(status_sqlstate(st)),
				 errmsg("%s", na_status_message(st)),
				 errcontext("%s", what)));
	ereport(ERROR,
			(errcode(status_sqlstate(st)),
			 errmsg("%s", na_status_message(st))));
}

/* na_pg_check: ereport(ERROR) for any status but NA_OK. */
void
na_pg_check(NaStatus st, const char *what)
{
	if (st != NA_OK)
		na_pg_raise(st, what);
}

/* na_pg_input_ok: the error of a type's input function for a status. */
bool
na_pg_input_ok(struct Node *escontext, NaStatus st, const char *type,
			   const char *literal, const char *err, const char *hint)
{
	if (st == NA_ERR_BAD_LITERAL)
	{
		INPUT_SAVE(escontext,
				   (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("invalid input syntax for type %s: \"%s\"", type, literal),
					errdetail("%c%s.", pg_toupper((unsigned char) err[0]), err + 1),
					errhint("%s", hint)));
		return false;
	}
	if (st == NA_ERR_OUT_OF_RANGE)
	{
		INPUT_SAVE(escontext,
				   (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("%s for type %s", err, type)));
		return false;
	}
	if (st != NA_OK)
		na_pg_raise(st, psprintf("%s input", type));
	return true;
}

/* na_pg_check_at: na_pg_check with the byte offset of the offending input. */
void
na_pg_check_at(NaStatus st, const char *what, size_t offset)
{
	if (st == NA_OK)
		return;
	if (st == NA_ERR_INVALID_UTF8)
		ereport(ERROR,
				(errcode(status_sqlstate(st)),
				 errmsg("%s", na_status_message(st)),
				 errdetail("The input is not valid UTF-8 at byte offset %zu.", offset),
				 what ? errcontext("%s", what) : 0));
	na_pg_check(st, what);
}

static void
check_database_encoding(void)
{
	int			enc = GetDatabaseEncoding();

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("news_analytics requires a UTF8 database"),
				 errdetail("The database encoding is \"%s\".", GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

/* na_pg_text: the bytes of t, after the database encoding check. */
const char *
na_pg_text(text *t, size_t *len)
{
	check_database_encoding();
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* na_pg_require_utf8: validate bytes unless the server already did. */
void
na_pg_require_utf8(const char *s, size_t len)
{
	int			ok;

	if (GetDatabaseEncoding() == PG_UTF8)
		return;
	check_database_encoding();
	if (len > (size_t) PG_INT32_MAX)
		na_pg_raise(NA_ERR_TOO_LARGE, NULL);
	ok = pg_encoding_verifymbstr(PG_UTF8, s, (int) len);
	if (ok != (int) len)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid byte sequence for encoding \"UTF8\""),
				 errdetail("The input is not valid UTF-8 at byte offset %d.", ok)));
}

/* na_pg_text_from: a new text datum holding s[0..len). */
text *
na_pg_text_from(const char *s, size_t len)
{
	return cstring_to_text_with_len(s, (int) len);
}

/* palloc_size: size when st is NA_OK and it fits one palloc, else 54000. */
static Size
palloc_size(NaStatus st, size_t size)
{
	if (st != NA_OK || size > MaxAllocSize)
		na_pg_raise(NA_ERR_TOO_LARGE, NULL);
	return size;
}

/* na_pg_size_add: a + b, 54000 past MaxAllocSize. */
Size
na_pg_size_add(Size a, Size b)
{
	size_t		r = 0;
	NaStatus	st = na_size_add(a, b, &r);

	return palloc_size(st, r);
}

/* na_pg_size_mul: a * b, 54000 past MaxAllocSize. */
Size
na_pg_size_mul(Size a, Size b)
{
	size_t		r = 0;
	NaStatus	st = na_size_mul(a, b, &r);

	return palloc_size(st, r);
}

/*
 * na_pg_srf_begin: a materialized result and the per-row context.  The
 * row type is the one the executor expects when it gives one (a copy of
 * it: building it again from the catalog for every call was a few percent
 * of the time of a function over many short texts).
 */
void
na_pg_srf_begin(NaSrf *srf, FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, rsinfo && IsA(rsinfo, ReturnSetInfo) && rsinfo->expectedDesc ?
						MAT_SRF_USE_EXPECTED_DESC : 0);
	srf->store = rsinfo->setResult;
	srf->desc = rsinfo->setDesc;
	srf->rowcxt = AllocSetContextCreate(CurrentMemoryContext, "news_analytics row",
										ALLOCSET_DEFAULT_SIZES);
	srf->caller = NULL;
	srf->rows = 0;
}

/* na_pg_srf_row: switch to the row context to build the next row. */
void
na_pg_srf_row(NaSrf *srf)
{
	srf->caller = MemoryContextSwitchTo(srf->rowcxt);
}

/* na_pg_srf_put: store a row, return to the caller's context and free
 * what the row allocated. */
void
na_pg_srf_put(NaSrf *srf, Datum *values, bool *nulls)
{
	tuplestore_putvalues(srf->store, srf->desc, values, nulls);
	MemoryContextSwitchTo(srf->caller);
	MemoryContextReset(srf->rowcxt);
	if ((++srf->rows & 1023) == 0)
		CHECK_FOR_INTERRUPTS();
}

/* na_pg_srf_end: release the row context. */
void
na_pg_srf_end(NaSrf *srf)
{
	MemoryContextDelete(srf->rowcxt);
	srf->rowcxt = NULL;
}
