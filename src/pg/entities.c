/*
 * entities.c (glue)
 *		news.entities, news.entity_country, news.entity_types and the
 *		backend's compiled gazetteer with its invalidation.
 *
 * The gazetteer cache: each backend compiles the rows of news.gazetteer into
 * a NaGazetteer (src/core/gazetteer.c) on first use and keeps it in its own
 * memory context under TopMemoryContext.  A statement trigger on the table
 * (news.gazetteer_changed) sends a relcache invalidation for the table; the
 * relcache callback registered here marks the compiled copy stale in every
 * backend, which recompiles it through SPI on its next use.  Invalidations
 * are transactional: other sessions see the change from their next
 * transaction, the changing session from its next statement.  A call that
 * finds the cache valid does no catalog or table access at all.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"
#include "mb/pg_wchar.h"

#include "entities.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "entities_pg.h"

static NaGazetteer *gaz_cache;
static MemoryContext gaz_cxt;
static bool gaz_valid;
static bool gaz_callback_registered;
static Oid	gaz_relid = InvalidOid;

/* relcache callback: any invalidation of the table (or a reset) drops it */
static void
gazetteer_invalidate(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == gaz_relid)
		gaz_valid = false;
}

static char *
spi_text(HeapTuple tup, TupleDesc desc, int col, size_t *len)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	text	   *t;

	if (isnull)
	{
		*len = 0;
		return NULL;
	}
	t = DatumGetTextPP(d);
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* gazetteer_load compiles the rows of news.gazetteer into a new context */
static void
gazetteer_load(void)
{
	MemoryContext cxt;
	MemoryContext old;
	NaAllocator *alloc;
	NaGazetteer *g;
	Oid			nsp;
	uint64		nrows;

	nsp = get_namespace_oid("news", true);
	gaz_relid = OidIsValid(nsp) ? get_relname_relid("gazetteer", nsp) : InvalidOid;
	if (!OidIsValid(gaz_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table news.gazetteer does not exist"),
				 errhint("Install the extension with CREATE EXTENSION news_analytics.")));
	/* valid from now on, unless an invalidation arrives while we read */
	gaz_valid = true;

	/* built under the caller's context first: an error frees it */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "news_analytics gazetteer",
								ALLOCSET_DEFAULT_SIZES);
	alloc = MemoryContextAlloc(cxt, sizeof(NaAllocator));
	*alloc = na_pg_context_allocator(cxt);
	na_pg_check(na_gazetteer_create(alloc, &g), "compiling news.gazetteer");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("SELECT alias, canonical, type, link FROM news.gazetteer",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read news.gazetteer");
	nrows = SPI_processed;
	for (uint64 i = 0; i < nrows; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		size_t		alen,
					clen,
					tlen,
					llen;
		const char *alias = spi_text(tup, desc, 1, &alen);
		const char *canon = spi_text(tup, desc, 2, &clen);
		const char *type = spi_text(tup, desc, 3, &tlen);
		const char *link = spi_text(tup, desc, 4, &llen);
		NaEntityType t;
		NaStatus	st;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!alias || !canon || !type)
			continue;
		t = na_entity_type_parse(type, tlen);
		if (t == NA_ENT_NONE)
			continue;
		/* rows of a SQL_ASCII database may hold anything: skip bad ones */
		if (GetDatabaseEncoding() != PG_UTF8 &&
			(pg_encoding_verifymbstr(PG_UTF8, alias, (int) alen) != (int) alen ||
			 pg_encoding_verifymbstr(PG_UTF8, canon, (int) clen) != (int) clen ||
			 (link && pg_encoding_verifymbstr(PG_UTF8, link, (int) llen) != (int) llen)))
			continue;
		st = na_gazetteer_add(g, alias, alen, canon, clen, t, link, llen);
		if (st == NA_ERR_INVALID_UTF8)
			continue;
		na_pg_check(st, "compiling news.gazetteer");
	}
	SPI_finish();

	/* success: keep it for the life of the backend (or until invalidated) */
	MemoryContextSetParent(cxt, TopMemoryContext);
	old = gaz_cxt;
	gaz_cxt = cxt;
	gaz_cache = g;
	if (old)
		MemoryContextDelete(old);
}

/* na_pg_gazetteer: the backend's compiled gazetteer, reloaded when stale. */
const NaGazetteer *
na_pg_gazetteer(void)
{
	if (!gaz_callback_registered)
	{
		CacheRegisterRelcacheCallback(gazetteer_invalidate, (Datum) 0);
		gaz_callback_registered = true;
	}
	if (!gaz_valid || !gaz_cache)
		gazetteer_load();
	return gaz_cache;
}

/* ---------------------------------------------------------------------
 * news.entities
 * ------------------------------------------------------------------- */

typedef struct SpanCollect
{
	NaSpan	   *spans;
	size_t		n;
	size_t		cap;
} SpanCollect;

static bool
collect_span(const NaPatternMatch *m, void *arg)
{
	SpanCollect *c = arg;
	NaSpan	   *s;

	/* keep them sorted and disjoint, whatever the set does */
	if (c->n > 0 && m->start < c->spans[c->n - 1].start + c->spans[c->n - 1].len)
		return true;
	if (c->n == c->cap)
	{
		c->cap = c->cap ? c->cap * 2 : 64;
		c->spans = c->spans ? repalloc_huge(c->spans, c->cap * sizeof(NaSpan))
			: palloc(c->cap * sizeof(NaSpan));
	}
	s = &c->spans[c->n++];
	s->type = m->type;
	s->start = m->start;
	s->len = m->len;
	s->cstart = m->cstart;
	s->clen = m->clen;
	s->confidence = m->confidence;
	return true;
}

/* na_pg_entity_spans: pattern spans of s[0..len), sorted, via the backend's
 * pattern set; *n gets their number. */
NaSpan *
na_pg_entity_spans(const char *s, size_t len, size_t *n)
{
	SpanCollect c = {NULL, 0, 0};
	NaPatternSet *set = na_pg_pattern_set();

	if (set)
		na_pg_patterns_scan(set, s, len, collect_span, &c);
	*n = c.n;
	return c.spans;
}

typedef struct EntOut
{
	Tuplestorestate *ts;
	TupleDesc	desc;
	const char *text;
	size_t		rows;
} EntOut;

static bool
entity_row(const NaEntity *e, void *arg)
{
	EntOut	   *o = arg;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	values[0] = PointerGetDatum(cstring_to_text_with_len(e->canonical, (int) e->canonical_len));
	values[1] = PointerGetDatum(cstring_to_text(e->type_name));
	values[2] = PointerGetDatum(cstring_to_text_with_len(o->text + e->start, (int) e->len));
	values[3] = Int32GetDatum((int32) e->cstart + 1);
	values[4] = Int32GetDatum((int32) e->clen);
	values[5] = Int32GetDatum((int32) e->sentence);
	values[6] = Float4GetDatum(e->confidence);
	tuplestore_putvalues(o->ts, o->desc, values, nulls);
	pfree(DatumGetPointer(values[0]));
	pfree(DatumGetPointer(values[1]));
	pfree(DatumGetPointer(values[2]));
	o->rows++;
	if ((o->rows & 1023) == 0)
		CHECK_FOR_INTERRUPTS();
	return true;
}

/* news.entities(body text): the entities of body, in text order */
PG_FUNCTION_INFO_V1(na_entities);
Datum
na_entities(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const NaGazetteer *g;
	const char *s;
	size_t		len;
	size_t		nspans = 0;
	NaSpan	   *spans;
	EntOut		out;
	size_t		erroff = 0;
	NaStatus	st;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	InitMaterializedSRF(fcinfo, 0);
	g = na_pg_gazetteer();
	spans = na_pg_entity_spans(s, len, &nspans);
	out.ts = rsinfo->setResult;
	out.desc = rsinfo->setDesc;
	out.text = s;
	out.rows = 0;
	st = na_entities_extract(g, s, len, spans, nspans, entity_row, &out,
							 na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.entities", erroff);
	if (spans)
		pfree(spans);
	return (Datum) 0;
}

/* news.entity_country(name text): the country of a name, or NULL */
PG_FUNCTION_INFO_V1(na_entity_country);
Datum
na_entity_country(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	const char *s;
	size_t		len;
	const char *c;
	size_t		clen;

	s = na_pg_text(name, &len);
	na_pg_require_utf8(s, len);
	if (!na_gazetteer_country(na_pg_gazetteer(), s, len, &c, &clen))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(c, (int) clen));
}

/* news.entity_types(): the built-in entity types with descriptions */
PG_FUNCTION_INFO_V1(na_entity_types);
Datum
na_entity_types(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const char *const patterns[][2] = {
		{"DATE", "dates and date expressions (pattern): 22 August 1996, Feb. 12, last Monday"},
		{"TIME", "times of day (pattern): 10:30 a.m., 14:00 GMT"},
		{"MONEY", "amounts of money (pattern): $5 million, 20 euros"},
		{"PERCENT", "percentages (pattern): 5%, 3.2 percent"},
		{"QUANTITY", "measured quantities (pattern): 40 km, 3 tonnes"},
		{"URL", "web addresses (pattern)"},
		{"EMAIL", "e-mail addresses (pattern)"},
	};

	InitMaterializedSRF(fcinfo, 0);
	for (int t = NA_ENT_PERSON; t <= NA_ENT_MISC; t++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(na_entity_type_name((NaEntityType) t));
		values[1] = CStringGetTextDatum(na_entity_type_desc((NaEntityType) t));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	for (size_t i = 0; i < lengthof(patterns); i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(patterns[i][0]);
		values[1] = CStringGetTextDatum(patterns[i][1]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* news.gazetteer_changed(): statement trigger, invalidates every session's
 * compiled gazetteer */
PG_FUNCTION_INFO_V1(na_gazetteer_changed);
Datum
na_gazetteer_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("news.gazetteer_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* news.gazetteer_builtin_default(): true inside CREATE/ALTER EXTENSION */
PG_FUNCTION_INFO_V1(na_gazetteer_builtin_default);
Datum
na_gazetteer_builtin_default(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(creating_extension);
}
