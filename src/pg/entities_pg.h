/*
 * entities_pg.h
 *		What the entity and quotation glue (src/pg/entities.c, quotes.c)
 *		share: the backend's compiled gazetteer and pattern spans.
 */
#ifndef NA_ENTITIES_PG_H
#define NA_ENTITIES_PG_H

#include "postgres.h"

#include "entities.h"

/*
 * na_pg_gazetteer returns the backend's compiled news.gazetteer, recompiled
 * through SPI on the first call after the table changed (in any session).
 * Valid until the next call; callers must not keep it.
 */
extern const NaGazetteer *na_pg_gazetteer(void);

/* na_pg_entity_spans: palloc'd, sorted pattern spans of s[0..len) from the
 * backend's pattern set (news.entity_patterns); *n gets their number. */
extern NaSpan *na_pg_entity_spans(const char *s, size_t len, size_t *n);

#endif							/* NA_ENTITIES_PG_H */
