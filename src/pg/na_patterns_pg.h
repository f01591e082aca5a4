/*
 * na_patterns_pg.h
 *		The backend's pattern sets: builtin patterns plus the rows of
 *		news.entity_patterns, kept per backend and rebuilt after the table
 *		changes (in any session).
 */
#ifndef NA_PATTERNS_PG_H
#define NA_PATTERNS_PG_H

#include "postgres.h"

#include "doc.h"
#include "patterns.h"

/* na_pg_patterns_init: register the sets' invalidation (_PG_init). */
extern void na_pg_patterns_init(void);

/*
 * na_pg_pattern_set returns the backend's current set: builtin patterns and
 * the enabled rows of news.entity_patterns.  It is rebuilt (from the
 * extension's own table, by OID, in the caller's snapshot) on the first
 * call after the table changed; the set lives in its own memory context
 * until the next rebuild.  Callers must not keep it across calls.
 * Functions using it are STABLE.
 */
extern NaPatternSet *na_pg_pattern_set(void);

/*
 * na_pg_names_pattern_set: as na_pg_pattern_set, with the names subset of
 * the builtin patterns (na_patterns_create_names) instead of all of them,
 * for analyses that read names but report no pattern entity (news.quotes).
 */
extern NaPatternSet *na_pg_names_pattern_set(void);

/* na_pg_builtin_pattern_set: the builtin patterns only (never rebuilt). */
extern NaPatternSet *na_pg_builtin_pattern_set(void);

/* na_pg_date_pattern_set: the builtin DATE patterns only (news.dates). */
extern NaPatternSet *na_pg_date_pattern_set(void);

/*
 * na_pg_patterns_check raises the error for a non-OK status returned by
 * na_patterns_scan on set, naming the pattern type that hit its limit.
 */
extern void na_pg_patterns_check(NaPatternSet *set, NaStatus st);

/*
 * na_pg_patterns_scan: na_patterns_scan with the interrupt hook, raising
 * every error; if the scan is interrupted by an error, the set is dropped
 * and rebuilt on next use (so its scratch memory is not leaked).  Prefer
 * it to calling na_patterns_scan directly.
 */
extern void na_pg_patterns_scan(NaPatternSet *set, const char *text, size_t len,
								NaPatternFn fn, void *arg);

/*
 * na_pg_doc: the analysed document (doc.h) of text[0..len) with layers,
 * palloc'd in the current memory context, with the interrupt hook, and
 * with the pattern spans of set unless set is NULL (scan errors raised as
 * na_pg_patterns_scan raises them).  Free it with na_doc_destroy or with
 * the context.
 */
extern NaDoc *na_pg_doc(const char *text, size_t len, unsigned layers, NaPatternSet *set);

#endif							/* NA_PATTERNS_PG_H */
