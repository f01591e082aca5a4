/*
 * stop_entities.c
 *		Loads news.stop_entities into the backend's compiled gazetteer
 *		(src/core/stop_entities.c): names that are never entities, or whose
 *		type is forced.
 *
 * The table is found by OID through the extension's membership
 * (na_catalog.h), never by name, and read with a heap scan under the
 * statement's snapshot, as the gazetteer is; its statement trigger is
 * news.gazetteer_changed(), whose relcache invalidation makes the gazetteer
 * cache (src/pg/entities.c) reload both.  Every backend holds its own copy,
 * so the table is limited to NA_STOP_ENTITIES_MAX_ROWS rows.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "entities.h"
#include "entities_pg.h"
#include "gazetteer.h"
#include "na_catalog.h"
#include "na_glue.h"

/* type: an entity type name, or NA_ENT_NONE for NULL or an unknown one */
static NaEntityType
stop_type(Datum d, bool isnull)
{
	text	   *t;
	NaEntityType type;

	if (isnull)
		return NA_ENT_NONE;
	t = DatumGetTextPP(d);
	type = na_entity_type_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	return type >= NA_ENT_TITLE ? NA_ENT_NONE : type;
}

/*
 * na_pg_stop_entities_load: see entities_pg.h.  The rules are allocated by
 * g's allocator.  Rows with a bad type are skipped (the table's constraints
 * keep them out).
 */
Oid
na_pg_stop_entities_load(NaGazetteer *g)
{
	Relation	rel = na_pg_catalog_open("stop_entities", true);
	Oid			relid;
	AttrNumber	c_name,
				c_type,
				c_action,
				c_forced;
	TupleTableSlot *slot;
	TableScanDesc scan;
	uint64		nread = 0;

	/* the library runs ahead of the SQL until ALTER EXTENSION UPDATE */
	if (!rel)
		return InvalidOid;
	relid = RelationGetRelid(rel);
	c_name = na_pg_catalog_attnum(rel, "name", TEXTOID);
	c_type = na_pg_catalog_attnum(rel, "type", TEXTOID);
	c_action = na_pg_catalog_attnum(rel, "action", TEXTOID);
	c_forced = na_pg_catalog_attnum(rel, "forced_type", TEXTOID);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, na_pg_catalog_snapshot(), 0, NULL);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull[4];
		Datum		name = slot_getattr(slot, c_name, &isnull[0]);
		Datum		type = slot_getattr(slot, c_type, &isnull[1]);
		Datum		action = slot_getattr(slot, c_action, &isnull[2]);
		Datum		forced = slot_getattr(slot, c_forced, &isnull[3]);
		text	   *n;
		char	   *a;
		NaStopAction act;
		NaEntityType ft = NA_ENT_NONE;
		NaStatus	st;

		CHECK_FOR_INTERRUPTS();
		if (++nread > NA_STOP_ENTITIES_MAX_ROWS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("news.stop_entities has more than %d rows", NA_STOP_ENTITIES_MAX_ROWS),
					 errdetail("Every session loads the whole table into its own memory.")));
		if (isnull[0] || isnull[2])
			continue;
		a = TextDatumGetCString(action);
		if (strcmp(a, "stop") == 0)
			act = NA_STOP_DROP;
		else if (strcmp(a, "force_type") == 0 &&
				 (ft = stop_type(forced, isnull[3])) != NA_ENT_NONE)
			act = NA_STOP_FORCE;
		else
			continue;
		if (!isnull[1] && stop_type(type, false) == NA_ENT_NONE)
			continue;
		n = DatumGetTextPP(name);
		if (GetDatabaseEncoding() != PG_UTF8 &&
			pg_encoding_verifymbstr(PG_UTF8, VARDATA_ANY(n), VARSIZE_ANY_EXHDR(n)) !=
			VARSIZE_ANY_EXHDR(n))
			continue;
		st = na_gazetteer_add_stop(g, VARDATA_ANY(n), VARSIZE_ANY_EXHDR(n),
								   stop_type(type, isnull[1]), act, ft);
		if (st == NA_ERR_BAD_ARGUMENT)
			continue;
		na_pg_check(st, "loading news.stop_entities");
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	return relid;
}
