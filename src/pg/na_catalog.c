/*
 * na_catalog.c (glue)
 *		Finds the extension's own tables by OID through the extension's
 *		membership, and caches the OIDs per backend.
 *
 * A table is resolved in four steps, none of which reads a schema name or
 * the search_path: the extension's OID (pg_extension, by extension name,
 * which is unique in a database), the OID of its schema (extnamespace of
 * that row, so a renamed schema is still found and a new schema that took
 * the old name is not), the table of that name in that schema (by namespace
 * OID), and pg_depend, which must record the table as a member of the
 * extension.  The caller then scans the table by OID.
 *
 * The OIDs stay cached until a relcache invalidation names one of them or
 * resets everything.  Every event that could make a cached OID point at
 * something else sends one: DROP EXTENSION and DROP TABLE (the table's
 * pg_class row is deleted), ALTER TABLE or ALTER EXTENSION ... SET SCHEMA
 * (the row is updated), and the statement triggers on the tables.  The
 * next call then resolves the table again, so DROP EXTENSION followed by
 * CREATE EXTENSION in the same session works.  ALTER EXTENSION ... DROP
 * TABLE sends none, but it does not change the table a cached OID names
 * either; the next resolution (after any change to the table) refuses it.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "na_catalog.h"

#define CACHE_SIZE 8

typedef struct CachedRel
{
	const char *relname;		/* a constant of the code */
	Oid			relid;
} CachedRel;

static CachedRel cache[CACHE_SIZE];
static int	ncached;

/* relcache callback: forget every OID when one of them (or all) changed */
static void
catalog_relcache_cb(Datum arg, Oid relid)
{
	for (int i = 0; i < ncached; i++)
	{
		if (relid == InvalidOid || relid == cache[i].relid)
		{
			ncached = 0;
			return;
		}
	}
}

/* na_pg_catalog_init: register the relcache callback (called by _PG_init). */
void
na_pg_catalog_init(void)
{
	CacheRegisterRelcacheCallback(catalog_relcache_cb, (Datum) 0);
}

/* extension_schema: extnamespace of the pg_extension row ext (by OID) */
static Oid
extension_schema(Oid ext)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp = InvalidOid;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(ext));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return nsp;
}

/* resolve: the OID of the extension's table relname, without the cache */
static Oid
resolve(const char *relname, bool missing_ok)
{
	Oid			ext = get_extension_oid(NA_EXTENSION_NAME, true);
	Oid			nsp;
	Oid			relid;

	if (!OidIsValid(ext))
	{
		if (missing_ok)
			return InvalidOid;
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension \"%s\" is not installed in this database",
						NA_EXTENSION_NAME),
				 errhint("Install it with CREATE EXTENSION %s.", NA_EXTENSION_NAME)));
	}
	nsp = extension_schema(ext);
	relid = OidIsValid(nsp) ? get_relname_relid(relname, nsp) : InvalidOid;
	if (!OidIsValid(relid))
	{
		if (missing_ok)
			return InvalidOid;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table \"%s\" of extension \"%s\" does not exist",
						relname, NA_EXTENSION_NAME),
				 errhint("Reinstall the extension with DROP EXTENSION %s and CREATE EXTENSION %s.",
						 NA_EXTENSION_NAME, NA_EXTENSION_NAME)));
	}
	if (getExtensionOfObject(RelationRelationId, relid) != ext ||
		get_rel_relkind(relid) != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("relation \"%s.%s\" is not a table of extension \"%s\"",
						get_namespace_name(nsp), relname, NA_EXTENSION_NAME),
				 errdetail("The extension reads only the tables its own scripts created, and this relation is not recorded as one of them."),
				 errhint("Drop the relation, then reinstall the extension with DROP EXTENSION %s and CREATE EXTENSION %s.",
						 NA_EXTENSION_NAME, NA_EXTENSION_NAME)));
	return relid;
}

/* na_pg_catalog_relid: see na_catalog.h. */
Oid
na_pg_catalog_relid(const char *relname, bool missing_ok)
{
	Oid			relid;

	for (int i = 0; i < ncached; i++)
		if (strcmp(cache[i].relname, relname) == 0)
			return cache[i].relid;

	relid = resolve(relname, missing_ok);
	/* a missing table is looked for again next time */
	if (OidIsValid(relid) && ncached < CACHE_SIZE)
	{
		cache[ncached].relname = relname;
		cache[ncached].relid = relid;
		ncached++;
	}
	return relid;
}

/* na_pg_catalog_open: see na_catalog.h. */
Relation
na_pg_catalog_open(const char *relname, bool missing_ok)
{
	Oid			relid;
	Relation	rel;
	AclResult	acl;

	/*
	 * Taking the lock processes pending invalidations: if one of them was
	 * for this table (a concurrent DROP or SET SCHEMA), resolve it again.
	 */
	for (;;)
	{
		Oid			again;

		relid = na_pg_catalog_relid(relname, missing_ok);
		if (!OidIsValid(relid))
			return NULL;
		rel = try_relation_open(relid, AccessShareLock);
		again = na_pg_catalog_relid(relname, missing_ok);
		if (rel && again == relid)
			break;
		if (rel)
			relation_close(rel, AccessShareLock);
		else if (again == relid)
			elog(ERROR, "could not open relation with OID %u", relid);
	}
	acl = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, RelationGetRelationName(rel));
	return rel;
}

/* na_pg_catalog_attnum: see na_catalog.h. */
AttrNumber
na_pg_catalog_attnum(Relation rel, const char *attname, Oid typid)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), attname) == 0 &&
			att->atttypid == typid)
			return att->attnum;
	}
	elog(ERROR, "table \"%s\" has no column \"%s\" of type %u",
		 RelationGetRelationName(rel), attname, typid);
	return InvalidAttrNumber;	/* keep the compiler quiet */
}

/* na_pg_catalog_snapshot: see na_catalog.h. */
Snapshot
na_pg_catalog_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}
