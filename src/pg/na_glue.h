/*
 * na_glue.h
 *		Helpers shared by every fmgr wrapper: the palloc allocator, the
 *		interrupt hook, status-to-ereport mapping and text argument access.
 */
#ifndef NA_GLUE_H
#define NA_GLUE_H

#include "postgres.h"

#include "utils/memutils.h"

#include "na_core.h"

/* na_pg_allocator: palloc in CurrentMemoryContext at the time of each call
 * (huge allocations allowed); never returns NULL. */
extern const NaAllocator *na_pg_allocator(void);

/* na_pg_context_allocator: the same, bound to a fixed memory context. */
extern NaAllocator na_pg_context_allocator(MemoryContext cxt);

/* na_pg_yield: a hook that runs CHECK_FOR_INTERRUPTS. */
extern const NaYield *na_pg_yield(void);

/*
 * na_pg_check raises an error with an SQLSTATE for any status but NA_OK.
 * what names the operation for the error context (may be NULL).
 */
extern void na_pg_check(NaStatus st, const char *what);

/* na_pg_check_at: the same, with the byte offset of the bad input. */
extern void na_pg_check_at(NaStatus st, const char *what, size_t offset);

/*
 * na_pg_text returns the bytes of a text argument (no copy, not
 * NUL-terminated) after checking that the database encoding is UTF8 or
 * SQL_ASCII (in which case the bytes are validated as UTF-8 by the caller's
 * scanner or by na_pg_require_utf8).
 */
extern const char *na_pg_text(text *t, size_t *len);

/* na_pg_require_utf8 raises an error unless s[0..len) is valid UTF-8; it is
 * a no-op in a UTF8 database, where the server already guarantees it. */
extern void na_pg_require_utf8(const char *s, size_t len);

/* na_pg_cstring_text: a palloc'd text from bytes. */
extern text *na_pg_text_from(const char *s, size_t len);

/*
 * na_pg_lexer: the backend's lexer for a configuration ("english",
 * "simple", a Snowball language), created once and kept with its term
 * cache in a long-lived memory context; unknown names raise 42704.
 */
struct NaLexer;
extern struct NaLexer *na_pg_lexer(const char *config);

#endif							/* NA_GLUE_H */
