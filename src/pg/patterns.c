/*
 * patterns.c (glue)
 *		The backend's pattern sets, news.pattern_matches, and the triggers
 *		of news.entity_patterns.
 *
 * Each backend keeps one NaPatternSet with the builtin patterns and the
 * enabled rows of news.entity_patterns (and one with the names subset of
 * the builtin patterns and the same rows, for news.quotes), each in its own
 * memory context under TopMemoryContext; a reset callback on that context
 * runs na_patterns_destroy, which returns the JIT's executable memory.
 *
 * Invalidation: a statement trigger on news.entity_patterns calls
 * CacheInvalidateRelcacheByRelid on the table.  That message reaches every
 * backend (this one at the next command, the others at their next
 * transaction start or lock acquisition), where a relcache callback bumps
 * inval_gen; na_pg_pattern_set rebuilds the set when the generation it was
 * built at is behind.  A generation is taken before the rebuild reads the
 * table, so a change that commits during the rebuild causes one more
 * rebuild rather than being lost.  An error (or a cancel) during a scan
 * also forces a rebuild, so that the scan's scratch memory, which lives in
 * the set's context, is not leaked.
 *
 * The table is found by OID through the extension's membership and scanned
 * directly (na_catalog.h), never named in SQL; its rows are sorted by type
 * and pattern in the columns' collation, as ORDER BY did before.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/varlena.h"

#include "na_catalog.h"
#include "na_glue.h"
#include "na_patterns_pg.h"

/* a set of builtin and user patterns, rebuilt when the table changed */
typedef struct UserSet
{
	NaPatternSet *set;
	MemoryContext cxt;
	uint64		built_gen;
	bool		names;			/* the names subset of the builtin patterns */
} UserSet;

static UserSet all_user = {NULL, NULL, 0, false};
static UserSet names_user = {NULL, NULL, 0, true};
static Oid	patterns_relid = InvalidOid;
static uint64 inval_gen = 1;

static NaPatternSet *builtin_set;
static MemoryContext builtin_cxt;
static NaPatternSet *date_set;
static MemoryContext date_cxt;

/* relcache callback: any change to news.entity_patterns (or a full reset) */
static void
patterns_relcache_cb(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == patterns_relid)
		inval_gen++;
}

/* reset callback of a set's context: free what palloc does not own */
static void
set_context_reset(void *arg)
{
	na_patterns_destroy((NaPatternSet *) arg);
}

/*
 * new_set creates a set with the builtin patterns in a new memory context
 * below parent and ties its destruction to that context.
 */
static NaPatternSet *
new_set(MemoryContext parent, const char *only, bool names, MemoryContext *cxt_out)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "news_analytics patterns",
											  ALLOCSET_SMALL_SIZES);
	NaAllocator alloc = na_pg_context_allocator(cxt);
	NaPatternSet *set;
	MemoryContextCallback *cb;
	NaStatus	st;

	st = only ? na_patterns_create_type(&alloc, only, &set)
		: names ? na_patterns_create_names(&alloc, &set)
		: na_patterns_create(&alloc, &set);
	na_pg_check(st, "compiling the builtin entity patterns");
	cb = MemoryContextAlloc(cxt, sizeof(MemoryContextCallback));
	cb->func = set_context_reset;
	cb->arg = set;
	MemoryContextRegisterResetCallback(cxt, cb);
	*cxt_out = cxt;
	return set;
}

/* One enabled row of news.entity_patterns, copied out of the scan. */
typedef struct PatternRow
{
	text	   *type;
	text	   *pattern;
} PatternRow;

/* rows in the order of type, pattern (in the collation *arg) */
static int
cmp_pattern_rows(const void *pa, const void *pb, void *arg)
{
	const PatternRow *a = pa;
	const PatternRow *b = pb;
	Oid			collation = *(Oid *) arg;
	int			c;

	c = varstr_cmp(VARDATA_ANY(a->type), VARSIZE_ANY_EXHDR(a->type),
				   VARDATA_ANY(b->type), VARSIZE_ANY_EXHDR(b->type), collation);
	if (c == 0)
		c = varstr_cmp(VARDATA_ANY(a->pattern), VARSIZE_ANY_EXHDR(a->pattern),
					   VARDATA_ANY(b->pattern), VARSIZE_ANY_EXHDR(b->pattern),
					   collation);
	return c;
}

/*
 * add_user_patterns adds the enabled rows of the extension's table
 * entity_patterns (found by OID, see na_catalog.h; none if it is missing)
 * to set, in the order of type and pattern.
 */
static void
add_user_patterns(NaPatternSet *set)
{
	Relation	rel = na_pg_catalog_open("entity_patterns", true);
	AttrNumber	a_type;
	AttrNumber	a_pattern;
	AttrNumber	a_enabled;
	Oid			collation;
	TupleTableSlot *slot;
	TableScanDesc scan;
	PatternRow *rows = NULL;
	size_t		n = 0;
	size_t		cap = 0;

	if (!rel)
		return;
	/* resolved again since na_pg_pattern_set looked: rebuild next time */
	if (RelationGetRelid(rel) != patterns_relid)
	{
		patterns_relid = RelationGetRelid(rel);
		inval_gen++;
	}
	a_type = na_pg_catalog_attnum(rel, "type", TEXTOID);
	a_pattern = na_pg_catalog_attnum(rel, "pattern", TEXTOID);
	a_enabled = na_pg_catalog_attnum(rel, "enabled", BOOLOID);
	collation = TupleDescAttr(RelationGetDescr(rel), a_type - 1)->attcollation;
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, na_pg_catalog_snapshot(), 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		Datum		type;
		Datum		pattern;
		Datum		enabled;
		bool		tnull;
		bool		pnull;
		bool		enull;

		CHECK_FOR_INTERRUPTS();
		type = slot_getattr(slot, a_type, &tnull);
		pattern = slot_getattr(slot, a_pattern, &pnull);
		enabled = slot_getattr(slot, a_enabled, &enull);
		if (tnull || pnull || enull || !DatumGetBool(enabled))
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 16;
			rows = rows ? repalloc(rows, na_pg_size_mul(cap, sizeof(PatternRow)))
				: palloc(cap * sizeof(PatternRow));
		}
		rows[n].type = DatumGetTextPCopy(type);
		rows[n].pattern = DatumGetTextPCopy(pattern);
		n++;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	if (n > 1)
		qsort_arg(rows, n, sizeof(PatternRow), cmp_pattern_rows, &collation);

	for (size_t i = 0; i < n; i++)
	{
		char	   *type = text_to_cstring(rows[i].type);
		char	   *pattern = text_to_cstring(rows[i].pattern);
		char		err[256];
		NaStatus	st;

		st = na_patterns_add(set, type, pattern, strlen(pattern), err, sizeof(err));
		if (st == NA_ERR_NOMEM)
			na_pg_check(st, NULL);
		if (st != NA_OK)
			/* only rows loaded with triggers disabled can get here */
			ereport(WARNING,
					(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
					 errmsg("entity pattern of type \"%s\" ignored: %s", type,
							st == NA_ERR_BAD_PATTERN ? err : na_status_message(st))));
		pfree(type);
		pfree(pattern);
		pfree(rows[i].type);
		pfree(rows[i].pattern);
	}
	if (rows)
		pfree(rows);
}

/* na_pg_patterns_init: register the invalidation callback (_PG_init). */
void
na_pg_patterns_init(void)
{
	CacheRegisterRelcacheCallback(patterns_relcache_cb, (Datum) 0);
}

/* user_pattern_set: the set u, built again if the table changed since. */
static NaPatternSet *
user_pattern_set(UserSet *u)
{
	uint64		gen;
	MemoryContext cxt;
	NaPatternSet *set;

	if (u->set && u->built_gen == inval_gen)
		return u->set;

	patterns_relid = na_pg_catalog_relid("entity_patterns", true);
	gen = inval_gen;
	/* built below the current context: an error frees it with the query */
	set = new_set(CurrentMemoryContext, NULL, u->names, &cxt);
	add_user_patterns(set);
	MemoryContextSetParent(cxt, TopMemoryContext);
	if (u->cxt)
		MemoryContextDelete(u->cxt);
	u->cxt = cxt;
	u->set = set;
	u->built_gen = gen;
	return set;
}

/* na_pg_pattern_set: builtin + user patterns, rebuilt after changes. */
NaPatternSet *
na_pg_pattern_set(void)
{
	return user_pattern_set(&all_user);
}

/* na_pg_names_pattern_set: see na_patterns_pg.h. */
NaPatternSet *
na_pg_names_pattern_set(void)
{
	return user_pattern_set(&names_user);
}

/* na_pg_builtin_pattern_set: builtin patterns, built once per backend. */
NaPatternSet *
na_pg_builtin_pattern_set(void)
{
	MemoryContext cxt;
	NaPatternSet *set;

	if (builtin_set)
		return builtin_set;
	set = new_set(CurrentMemoryContext, NULL, false, &cxt);
	MemoryContextSetParent(cxt, TopMemoryContext);
	builtin_cxt = cxt;
	builtin_set = set;
	return builtin_set;
}

/* na_pg_date_pattern_set: the builtin DATE patterns only, built once. */
NaPatternSet *
na_pg_date_pattern_set(void)
{
	MemoryContext cxt;
	NaPatternSet *set;

	if (date_set)
		return date_set;
	set = new_set(CurrentMemoryContext, "DATE", false, &cxt);
	MemoryContextSetParent(cxt, TopMemoryContext);
	date_cxt = cxt;
	date_set = set;
	return date_set;
}

/*
 * na_pg_patterns_forget drops the cached set (after an error in a scan, so
 * that scratch memory left in its context goes with it).
 */
static void
forget_set(NaPatternSet *set)
{
	if (set == builtin_set)
	{
		builtin_set = NULL;
		MemoryContextDelete(builtin_cxt);
		builtin_cxt = NULL;
	}
	else if (set == date_set)
	{
		date_set = NULL;
		MemoryContextDelete(date_cxt);
		date_cxt = NULL;
	}
	else
	{
		UserSet    *u = set == all_user.set ? &all_user
			: set == names_user.set ? &names_user : NULL;

		if (u)
		{
			u->set = NULL;
			MemoryContextDelete(u->cxt);
			u->cxt = NULL;
		}
	}
}

/* na_pg_patterns_check: ereport for a scan status. */
void
na_pg_patterns_check(NaPatternSet *set, NaStatus st)
{
	const char *type;

	if (st == NA_OK)
		return;
	type = na_patterns_failed_type(set);
	if (st == NA_ERR_MATCH_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("entity pattern of type \"%s\" exceeded its match limit",
						type ? type : "?"),
				 errdetail("A match attempt took more than %d backtracking steps, %d levels of nesting or %d kB of memory.",
						   NA_PATTERN_MATCH_LIMIT, NA_PATTERN_DEPTH_LIMIT, NA_PATTERN_HEAP_LIMIT_KB),
				 errhint("Simplify the pattern in news.entity_patterns: nested quantifiers such as (a+)+ backtrack exponentially.")));
	na_pg_check(st, "scanning text for entity patterns");
}

/*
 * na_pg_patterns_scan runs na_patterns_scan and raises its errors; when
 * the scan is interrupted by an error, the set is dropped (and rebuilt on
 * next use) so that its scratch memory is released.
 */
void
na_pg_patterns_scan(NaPatternSet *set, const char *text, size_t len,
					NaPatternFn fn, void *arg)
{
	volatile NaStatus st = NA_OK;

	PG_TRY();
	{
		st = na_patterns_scan(set, text, len, fn, arg, na_pg_yield());
	}
	PG_CATCH();
	{
		forget_set(set);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (st != NA_OK)
	{
		if (st == NA_ERR_INVALID_UTF8)
			na_pg_require_utf8(text, len);	/* reports the offset */
		na_pg_patterns_check(set, st);
	}
}

/*
 * na_pg_doc: the analysed document of text[0..len) with the given layers,
 * palloc'd in the current memory context and yielding to interrupts, with
 * the pattern spans of set (when not NULL) merged in.  Like
 * na_pg_patterns_scan, it drops the set if the scan is interrupted by an
 * error.
 */
NaDoc *
na_pg_doc(const char *text, size_t len, unsigned layers, NaPatternSet *set)
{
	NaDoc	   *doc;
	volatile NaStatus st = NA_OK;

	na_pg_check(na_doc_create(text, len, layers, na_pg_allocator(), na_pg_yield(), &doc),
				NULL);
	if (!set)
		return doc;
	PG_TRY();
	{
		st = na_doc_scan_patterns(doc, set);
	}
	PG_CATCH();
	{
		forget_set(set);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (st != NA_OK)
	{
		if (st == NA_ERR_INVALID_UTF8)
			na_pg_require_utf8(text, len);	/* reports the offset */
		na_pg_patterns_check(set, st);
	}
	return doc;
}

typedef struct MatchRows
{
	NaSrf		srf;
	const char *text;
} MatchRows;

static bool
match_row(const NaPatternMatch *m, void *arg)
{
	MatchRows  *r = arg;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	na_pg_srf_row(&r->srf);
	values[0] = CStringGetTextDatum(m->type);
	values[1] = PointerGetDatum(na_pg_text_from(r->text + m->start, m->len));
	values[2] = Int32GetDatum((int32) m->cstart + 1);
	values[3] = Int32GetDatum((int32) m->clen);
	na_pg_srf_put(&r->srf, values, nulls);
	return true;
}

/* news.pattern_matches(body text): every pattern entity in body. */
PG_FUNCTION_INFO_V1(news_pattern_matches);
Datum
news_pattern_matches(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = na_pg_text(body, &len);
	MatchRows	rows;

	na_pg_srf_begin(&rows.srf, fcinfo);
	rows.text = s;
	na_pg_patterns_scan(na_pg_pattern_set(), s, len, match_row, &rows);
	na_pg_srf_end(&rows.srf);
	return (Datum) 0;
}

/* news.entity_patterns_validate(): BEFORE INSERT OR UPDATE row trigger. */
PG_FUNCTION_INFO_V1(news_entity_patterns_validate);
Datum
news_entity_patterns_validate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	tuple;
	TupleDesc	desc;
	int			attno;
	bool		isnull;
	Datum		d;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("news.entity_patterns_validate() must be a BEFORE ROW trigger")));
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple
		: trigdata->tg_trigtuple;
	desc = trigdata->tg_relation->rd_att;
	attno = SPI_fnumber(desc, "pattern");
	if (attno <= 0)
		elog(ERROR, "news.entity_patterns has no column \"pattern\"");
	d = heap_getattr(tuple, attno, desc, &isnull);
	if (!isnull)
	{
		text	   *t = DatumGetTextPP(d);
		size_t		len;
		const char *s = na_pg_text(t, &len);
		char		err[256];
		NaStatus	st;

		na_pg_require_utf8(s, len);
		st = na_patterns_check(na_pg_allocator(), s, len, err, sizeof(err));
		if (st == NA_ERR_BAD_PATTERN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
					 errmsg("invalid regular expression: %s", err),
					 errdetail("The pattern is \"%s\".",
							   text_to_cstring(t)),
					 errhint("Patterns use PCRE2 syntax in UTF mode.")));
		na_pg_check(st, "checking an entity pattern");
	}
	return PointerGetDatum(tuple);
}

/* news.entity_patterns_changed(): AFTER statement trigger, invalidates
 * every backend's pattern set. */
PG_FUNCTION_INFO_V1(news_entity_patterns_changed);
Datum
news_entity_patterns_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("news.entity_patterns_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}
