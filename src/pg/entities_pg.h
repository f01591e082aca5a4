/*
 * entities_pg.h
 *		What the entity, quotation and analysis glue (src/pg/entities.c,
 *		quotes.c, analyze.c) share: the backend's compiled gazetteer.
 */
#ifndef NA_ENTITIES_PG_H
#define NA_ENTITIES_PG_H

#include "postgres.h"

#include "entities.h"

/*
 * The gazetteer's size limits (see src/README.md, "The gazetteer"): every
 * session compiles its own copy, so the table may hold at most this many
 * rows and this many bytes of alias, canonical and link text.  The loader
 * enforces them (SQLSTATE 54000); the statement trigger rejects an INSERT
 * or UPDATE that goes over them.
 */
#define NA_GAZETTEER_MAX_ROWS	200000
#define NA_GAZETTEER_MAX_TEXT	(32 * 1024 * 1024)

/* na_pg_gazetteer_init: register the cache's invalidation (_PG_init). */
extern void na_pg_gazetteer_init(void);

/*
 * na_pg_gazetteer returns the backend's compiled news.gazetteer, recompiled
 * (from the extension's own table, found by OID) on the first call after
 * the table changed (in any session).  Valid until the next call; callers
 * must not keep it.
 */
extern const NaGazetteer *na_pg_gazetteer(void);

#endif							/* NA_ENTITIES_PG_H */
