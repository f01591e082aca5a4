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
 * backend, which recompiles it on its next use.  Invalidations are
 * transactional: other sessions see the change from their next
 * transaction, the changing session from its next statement.  A call that
 * finds the cache valid does no catalog or table access at all.
 *
 * The table is found by OID through the extension's membership and scanned
 * directly (na_catalog.h), never named in SQL: a view someone put where
 * news.gazetteer used to be is never read.  The rows are sorted in C
 * (byte order) before compiling, so the result does not depend on their
 * physical order.
 *
 * Size: every backend holds its own compiled copy, so the table is limited
 * to NA_GAZETTEER_MAX_ROWS rows and NA_GAZETTEER_MAX_TEXT bytes of text.
 * The loader enforces the limits exactly; the statement trigger rejects an
 * INSERT or UPDATE that goes over them, counting the rows only when the
 * table is large enough to be near the limit.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "doc.h"
#include "entities.h"
#include "entities_pg.h"
#include "gazetteer.h"
#include "markup.h"
#include "na_catalog.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "ner_model.h"
#include "ner_tagger.h"

static NaGazetteer *gaz_cache;
static uint64 gaz_generation;	/* of gaz_cache: one more at every compile */
static MemoryContext gaz_cxt;
static bool gaz_valid;
static Oid	gaz_relid = InvalidOid;
static Oid	stop_relid = InvalidOid;	/* news.stop_entities, loaded with it */

/* relcache callback: any invalidation of the table (or a reset) drops it */
static void
gazetteer_invalidate(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == gaz_relid || relid == stop_relid)
		gaz_valid = false;
}

/*
 * The rows of news.gazetteer, copied out of the scan to be sorted: one
 * arena of NUL-terminated strings (a row costs its text and 32 bytes).
 */
typedef struct GzRow
{
	Size		alias;			/* offsets into GzRows.arena */
	Size		canonical;
	Size		type;
	Size		link;			/* GZ_NO_LINK: no link */
} GzRow;

#define GZ_NO_LINK	((Size) -1)

typedef struct GzRows
{
	GzRow	   *rows;
	size_t		n;
	size_t		cap;
	char	   *arena;
	Size		len;
	Size		arenacap;
} GzRows;

/* byte order (COLLATE "C") */
static inline int
cmp_field(const char *arena, Size a, Size b)
{
	if (a == GZ_NO_LINK || b == GZ_NO_LINK)
		return (a == GZ_NO_LINK) - (b == GZ_NO_LINK);	/* NULL last */
	return strcmp(arena + a, arena + b);
}

/* rows in the order of alias, type, canonical, link (all COLLATE "C") */
static int
cmp_rows(const void *pa, const void *pb, void *arg)
{
	const GzRow *a = pa;
	const GzRow *b = pb;
	const char *arena = arg;
	int			c;

	if ((c = cmp_field(arena, a->alias, b->alias)) != 0 ||
		(c = cmp_field(arena, a->type, b->type)) != 0 ||
		(c = cmp_field(arena, a->canonical, b->canonical)) != 0)
		return c;
	return cmp_field(arena, a->link, b->link);
}

/* rows_text: append a text datum to the arena, NUL-terminated; its offset */
static Size
rows_text(GzRows *r, Datum d)
{
	text	   *t = DatumGetTextPP(d);
	Size		len = VARSIZE_ANY_EXHDR(t);
	Size		off = r->len;
	Size		need = na_pg_size_add(r->len, na_pg_size_add(len, 1));

	if (need > r->arenacap)
	{
		r->arenacap = Max(na_pg_size_mul(r->arenacap, 2), need);
		r->arena = repalloc(r->arena, r->arenacap);
	}
	memcpy(r->arena + off, VARDATA_ANY(t), len);
	r->arena[off + len] = '\0';
	r->len += len + 1;
	if ((Pointer) t != DatumGetPointer(d))
		pfree(t);
	return off;
}

/*
 * gazetteer_too_large raises the error for a gazetteer over the limits:
 * rows (with text bytes) counted so far in rel, complete or not.
 */
static void
gazetteer_too_large(Relation rel, uint64 rows, uint64 bytes)
{
	char	   *nsp = get_namespace_name(RelationGetNamespace(rel));
	char	   *name = quote_qualified_identifier(nsp, RelationGetRelationName(rel));

	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 rows > NA_GAZETTEER_MAX_ROWS
			 ? errmsg("table %s has more than %d rows", name, NA_GAZETTEER_MAX_ROWS)
			 : errmsg("the names in table %s take more than %d MB", name,
					  NA_GAZETTEER_MAX_TEXT / (1024 * 1024)),
			 errdetail("Every session compiles the whole gazetteer into its own memory, so it is limited to %d rows and %d MB of alias, canonical and link text.",
					   NA_GAZETTEER_MAX_ROWS, NA_GAZETTEER_MAX_TEXT / (1024 * 1024)),
			 errhint("Delete rows from %s: entity extraction works again as soon as the table is within the limits.",
					 name)));
}

/* The columns of the gazetteer the loader reads. */
typedef struct GzColumns
{
	AttrNumber	alias;
	AttrNumber	canonical;
	AttrNumber	type;
	AttrNumber	link;
} GzColumns;

static GzColumns
gazetteer_columns(Relation rel)
{
	GzColumns	c;

	c.alias = na_pg_catalog_attnum(rel, "alias", TEXTOID);
	c.canonical = na_pg_catalog_attnum(rel, "canonical", TEXTOID);
	c.type = na_pg_catalog_attnum(rel, "type", TEXTOID);
	c.link = na_pg_catalog_attnum(rel, "link", TEXTOID);
	return c;
}

/* text_bytes: the length of a text datum once detoasted (0 for NULL) */
static uint64
text_bytes(Datum d, bool isnull)
{
	return isnull ? 0 : toast_raw_datum_size(d) - VARHDRSZ;
}

/*
 * gazetteer_read reads the rows of the extension's gazetteer table (found
 * by OID, see na_catalog.h) under snapshot into r, palloc'd in the current
 * context and sorted by cmp_rows.  Rows over the limits raise 54000.
 */
static void
gazetteer_read(Snapshot snapshot, GzRows *r)
{
	Relation	rel = na_pg_catalog_open("gazetteer", false);
	GzColumns	col = gazetteer_columns(rel);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan = table_beginscan(rel, snapshot, 0, NULL);
	uint64		nread = 0;
	uint64		bytes = 0;

	/* resolved again since gazetteer_load looked: recompile next time */
	if (RelationGetRelid(rel) != gaz_relid)
	{
		gaz_relid = RelationGetRelid(rel);
		gaz_valid = false;
	}
	r->n = 0;
	r->cap = 1024;
	r->rows = palloc(r->cap * sizeof(GzRow));
	r->len = 0;
	r->arenacap = 65536;
	r->arena = palloc(r->arenacap);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		Datum		v[4];
		bool		isnull[4];
		GzRow	   *row;

		if ((nread & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		v[0] = slot_getattr(slot, col.alias, &isnull[0]);
		v[1] = slot_getattr(slot, col.canonical, &isnull[1]);
		v[2] = slot_getattr(slot, col.type, &isnull[2]);
		v[3] = slot_getattr(slot, col.link, &isnull[3]);
		bytes += text_bytes(v[0], isnull[0]) + text_bytes(v[1], isnull[1]) +
			text_bytes(v[3], isnull[3]);
		if (++nread > NA_GAZETTEER_MAX_ROWS || bytes > NA_GAZETTEER_MAX_TEXT)
			gazetteer_too_large(rel, nread, bytes);
		if (isnull[0] || isnull[1] || isnull[2])
			continue;
		if (r->n == r->cap)
		{
			r->cap *= 2;
			r->rows = repalloc(r->rows, na_pg_size_mul(r->cap, sizeof(GzRow)));
		}
		row = &r->rows[r->n++];
		row->alias = rows_text(r, v[0]);
		row->canonical = rows_text(r, v[1]);
		row->type = rows_text(r, v[2]);
		row->link = isnull[3] ? GZ_NO_LINK : rows_text(r, v[3]);
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	if (r->n > 1)
		qsort_arg(r->rows, r->n, sizeof(GzRow), cmp_rows, r->arena);
}

/*
 * gazetteer_load compiles the rows of the extension's gazetteer table into
 * a new context, which replaces the current one.
 */
static void
gazetteer_load(void)
{
	MemoryContext cxt;
	MemoryContext scratch;
	MemoryContext old;
	NaAllocator *alloc;
	NaGazetteer *g;
	GzRows		rows;

	/* valid from now on, unless an invalidation arrives while we read */
	gaz_relid = na_pg_catalog_relid("gazetteer", false);
	stop_relid = na_pg_catalog_relid("stop_entities", true);
	gaz_valid = true;

	/* built under the caller's context first: an error frees it */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "news_analytics gazetteer",
								ALLOCSET_DEFAULT_SIZES);
	alloc = MemoryContextAlloc(cxt, sizeof(NaAllocator));
	*alloc = na_pg_context_allocator(cxt);
	na_pg_check(na_gazetteer_create(alloc, &g), "compiling news.gazetteer");

	scratch = AllocSetContextCreate(CurrentMemoryContext, "news_analytics gazetteer rows",
									ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(scratch);
	gazetteer_read(na_pg_catalog_snapshot(), &rows);
	MemoryContextSwitchTo(old);
	for (size_t i = 0; i < rows.n; i++)
	{
		const GzRow *r = &rows.rows[i];
		const char *alias = rows.arena + r->alias;
		const char *canon = rows.arena + r->canonical;
		const char *type = rows.arena + r->type;
		const char *link = r->link == GZ_NO_LINK ? NULL : rows.arena + r->link;
		size_t		alen = strlen(alias);
		size_t		clen = strlen(canon);
		size_t		llen = link ? strlen(link) : 0;
		NaEntityType t;
		NaStatus	st;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		t = na_entity_type_parse(type, strlen(type));
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
	MemoryContextDelete(scratch);
	/* the stop-entities go with it; resolved again since we looked: reload
	 * next time */
	{
		Oid			read = na_pg_stop_entities_load(g);

		if (read != stop_relid)
		{
			stop_relid = read;
			gaz_valid = false;
		}
	}

	/* success: keep it for the life of the backend (or until invalidated) */
	MemoryContextSetParent(cxt, TopMemoryContext);
	old = gaz_cxt;
	gaz_cxt = cxt;
	gaz_cache = g;
	gaz_generation++;
	if (old)
		MemoryContextDelete(old);
}

/* na_pg_gazetteer_init: register the invalidation callback (_PG_init). */
void
na_pg_gazetteer_init(void)
{
	CacheRegisterRelcacheCallback(gazetteer_invalidate, (Datum) 0);
}

/* na_pg_gazetteer: the backend's compiled gazetteer, reloaded when stale. */
const NaGazetteer *
na_pg_gazetteer(void)
{
	/* without a stop_entities table (0.1.0's SQL), look for it on every
	 * call: ALTER EXTENSION UPDATE creates it */
	if (!gaz_valid || !gaz_cache ||
		(stop_relid == InvalidOid && na_pg_catalog_relid("stop_entities", true) != InvalidOid))
		gazetteer_load();
	return gaz_cache;
}

/* na_pg_gazetteer_generation: see entities_pg.h. */
uint64
na_pg_gazetteer_generation(void)
{
	return gaz_generation;
}

/* ---------------------------------------------------------------------
 * news.entities
 * ------------------------------------------------------------------- */

typedef struct EntOut
{
	NaSrf		srf;
	const char *text;
} EntOut;

static bool
entity_row(const NaEntity *e, void *arg)
{
	EntOut	   *o = arg;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	na_pg_srf_row(&o->srf);
	values[0] = PointerGetDatum(na_pg_text_from(e->canonical, e->canonical_len));
	values[1] = CStringGetTextDatum(e->type_name);
	values[2] = PointerGetDatum(na_pg_text_from(o->text + e->start, e->len));
	values[3] = Int32GetDatum((int32) e->cstart + 1);
	values[4] = Int32GetDatum((int32) e->clen);
	values[5] = Int32GetDatum((int32) e->sentence);
	values[6] = Float4GetDatum(e->confidence);
	na_pg_srf_put(&o->srf, values, nulls);
	return true;
}

/* na_pg_names_doc: see entities_pg.h. */
NaDoc *
na_pg_names_doc(const char *text, size_t len)
{
	NaDoc	   *doc = na_pg_doc(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, na_pg_pattern_set());

	na_pg_check(na_markup_block(doc, true, na_pg_allocator(), NULL), "finding markup");
	return doc;
}

/* na_pg_speakers_doc: see entities_pg.h. */
NaDoc *
na_pg_speakers_doc(const char *text, size_t len)
{
	NaDoc	   *doc = na_pg_doc(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS,
								na_pg_names_pattern_set());

	na_pg_check(na_markup_block(doc, true, na_pg_allocator(), NULL), "finding markup");
	return doc;
}

/*
 * news.entities(body text): the entities of body, in text order, found by
 * the default model (na_pg_default_entity_tagger)
 */
PG_FUNCTION_INFO_V1(news_entities);
Datum
news_entities(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NaNerModel *model;
	const NaGazetteer *g;
	const char *s;
	size_t		len;
	NaDoc	   *doc;
	EntOut		out;
	NaStatus	st;

	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);
	na_pg_srf_begin(&out.srf, fcinfo);
	g = na_pg_gazetteer();
	model = na_pg_default_entity_tagger(fcinfo, g);
	doc = na_pg_names_doc(s, len);
	out.text = s;
	st = na_entities_of_doc(doc, g, model, entity_row, &out, na_pg_allocator());
	na_pg_check_at(st, "news.entities", na_doc_error_offset(doc));
	na_doc_destroy(doc);
	na_pg_srf_end(&out.srf);
	return (Datum) 0;
}

/*
 * news.entities(body text, model text): the entities of body found by the
 * learned model of that name (built in, or in news.entity_models), by the
 * rules alone for "rules", by the default model when model is NULL
 */
PG_FUNCTION_INFO_V1(news_entities_model);
Datum
news_entities_model(PG_FUNCTION_ARGS)
{
	const NaGazetteer *g;
	const char *s;
	size_t		len;
	NaDoc	   *doc;
	EntOut		out;
	NaNerModel *model;
	NaStatus	st;

	na_pg_srf_begin(&out.srf, fcinfo);
	if (PG_ARGISNULL(0))
	{
		na_pg_srf_end(&out.srf);
		return (Datum) 0;
	}
	s = na_pg_text(PG_GETARG_TEXT_PP(0), &len);
	na_pg_require_utf8(s, len);
	g = na_pg_gazetteer();
	model = na_pg_entity_model_name(fcinfo, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1), g);
	doc = na_pg_names_doc(s, len);
	out.text = s;
	st = na_entities_of_doc(doc, g, model, entity_row, &out, na_pg_allocator());
	na_pg_check_at(st, "news.entities", na_doc_error_offset(doc));
	na_doc_destroy(doc);
	na_pg_srf_end(&out.srf);
	return (Datum) 0;
}

/* news.entity_country(name text): the country of a name, or NULL */
PG_FUNCTION_INFO_V1(news_entity_country);
Datum
news_entity_country(PG_FUNCTION_ARGS)
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
	PG_RETURN_TEXT_P(na_pg_text_from(c, clen));
}

/* news.entity_types(): the built-in entity types with descriptions */
PG_FUNCTION_INFO_V1(news_entity_types);
Datum
news_entity_types(PG_FUNCTION_ARGS)
{
	static const char *const patterns[][2] = {
		{"DATE", "dates and date expressions (pattern): 22 August 1996, Feb. 12, last Monday"},
		{"TIME", "times of day (pattern): 10:30 a.m., 14:00 GMT"},
		{"MONEY", "amounts of money (pattern): $5 million, 20 euros"},
		{"PERCENT", "percentages (pattern): 5%, 3.2 percent"},
		{"QUANTITY", "measured quantities (pattern): 40 km, 3 tonnes"},
		{"URL", "web addresses (pattern)"},
		{"EMAIL", "e-mail addresses (pattern)"},
	};
	NaSrf		srf;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	na_pg_srf_begin(&srf, fcinfo);
	for (int t = NA_ENT_PERSON; t <= NA_ENT_MISC; t++)
	{
		na_pg_srf_row(&srf);
		values[0] = CStringGetTextDatum(na_entity_type_name((NaEntityType) t));
		values[1] = CStringGetTextDatum(na_entity_type_desc((NaEntityType) t));
		na_pg_srf_put(&srf, values, nulls);
	}
	for (size_t i = 0; i < lengthof(patterns); i++)
	{
		na_pg_srf_row(&srf);
		values[0] = CStringGetTextDatum(patterns[i][0]);
		values[1] = CStringGetTextDatum(patterns[i][1]);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/*
 * gazetteer_check_size raises 54000 if rel (the gazetteer, after an INSERT
 * or UPDATE statement) is over the limits.  A table whose pages cannot
 * hold more rows than the limit and that has nothing out of line is not
 * read (text compressed in line can still exceed the text limit: the
 * loader catches that).  Otherwise its rows are counted under a new
 * snapshot that sees the statement's own rows and every committed one.
 */
static void
gazetteer_check_size(Relation rel)
{
	Oid			toastid = rel->rd_rel->reltoastrelid;
	BlockNumber toastblocks = 0;
	Snapshot	snapshot;
	TupleTableSlot *slot;
	TableScanDesc scan;
	GzColumns	col = gazetteer_columns(rel);
	uint64		rows = 0;
	uint64		bytes = 0;

	if (OidIsValid(toastid))
	{
		Relation	toast = table_open(toastid, AccessShareLock);

		toastblocks = RelationGetNumberOfBlocks(toast);
		table_close(toast, AccessShareLock);
	}
	if ((uint64) RelationGetNumberOfBlocks(rel) * MaxHeapTuplesPerPage <=
		NA_GAZETTEER_MAX_ROWS && toastblocks == 0)
		return;

	CommandCounterIncrement();
	snapshot = RegisterSnapshot(GetLatestSnapshot());
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snapshot, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		Datum		d;
		bool		isnull;

		if ((rows & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		d = slot_getattr(slot, col.alias, &isnull);
		bytes += text_bytes(d, isnull);
		d = slot_getattr(slot, col.canonical, &isnull);
		bytes += text_bytes(d, isnull);
		d = slot_getattr(slot, col.link, &isnull);
		bytes += text_bytes(d, isnull);
		if (++rows > NA_GAZETTEER_MAX_ROWS || bytes > NA_GAZETTEER_MAX_TEXT)
			gazetteer_too_large(rel, rows, bytes);
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snapshot);
}

/* news.gazetteer_changed(): statement trigger, invalidates every session's
 * compiled gazetteer and rejects an INSERT or UPDATE over the size limits */
PG_FUNCTION_INFO_V1(news_gazetteer_changed);
Datum
news_gazetteer_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("news.gazetteer_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	if ((TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		 TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)) &&
		RelationGetRelid(trigdata->tg_relation) == na_pg_catalog_relid("gazetteer", true))
		gazetteer_check_size(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}

/* news.gazetteer_builtin_default(): true inside CREATE/ALTER EXTENSION */
PG_FUNCTION_INFO_V1(news_gazetteer_builtin_default);
Datum
news_gazetteer_builtin_default(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(creating_extension);
}
