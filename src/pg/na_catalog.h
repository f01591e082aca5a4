/*
 * na_catalog.h
 *		The extension's own tables, found through the extension's membership
 *		(pg_depend) instead of by schema and table name.
 *
 * Whoever can rename schema news or create objects in it could otherwise
 * put a view of their own where the code looks for news.gazetteer, and a
 * superuser's query would run it.  Every loader reads its table through
 * these functions, by OID, without SPI and without any SQL text.
 */
#ifndef NA_CATALOG_H
#define NA_CATALOG_H

#include "postgres.h"

#include "utils/relcache.h"
#include "utils/snapshot.h"

/* The name the extension is created under (CREATE EXTENSION news_analytics). */
#define NA_EXTENSION_NAME "news_analytics"

/* na_pg_catalog_init: set up the OID cache (called by _PG_init). */
extern void na_pg_catalog_init(void);

/*
 * na_pg_catalog_relid returns the OID of the table relname that the extension
 * created (in the extension's schema, whatever that schema is called now,
 * and recorded in pg_depend as a member of the extension).  relname must
 * be a constant of the code, never user input.  OIDs are cached per backend
 * until a relcache invalidation of the table (DROP EXTENSION, DROP TABLE,
 * ALTER ... SET SCHEMA, any ALTER TABLE) or a full reset.  A missing
 * extension raises 55000 and a missing table 42P01, or either returns
 * InvalidOid when missing_ok; a relation of that name that is not the
 * extension's own table always raises 42501.
 */
extern Oid	na_pg_catalog_relid(const char *relname, bool missing_ok);

/*
 * na_pg_catalog_open opens the extension's table relname (see
 * na_pg_catalog_relid) with AccessShareLock, after checking that the current
 * user may SELECT it (as the SQL that read it before did).  Returns NULL
 * only when missing_ok and the table is missing.  Close it with
 * table_close(rel, AccessShareLock).
 */
extern Relation na_pg_catalog_open(const char *relname, bool missing_ok);

/*
 * na_pg_catalog_attnum: the attribute number of column attname of rel, which
 * must exist with type typid (can't-happen otherwise: the table is the
 * extension's own).
 */
extern AttrNumber na_pg_catalog_attnum(Relation rel, const char *attname, Oid typid);

/*
 * na_pg_catalog_snapshot: the snapshot a loader scans under, the calling
 * statement's (the active snapshot, as read-only SPI used), so that a
 * STABLE function sees one state of the table for the whole statement.
 */
extern Snapshot na_pg_catalog_snapshot(void);

#endif							/* NA_CATALOG_H */
