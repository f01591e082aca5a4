/*
 * na_glue.h
 *		Helpers shared by every fmgr wrapper: the palloc allocator, the
 *		interrupt hook, status-to-ereport mapping, text argument access,
 *		overflow-checked sizes and the rows of set-returning functions.
 *
 * Naming.  Every C symbol of the library follows one scheme:
 *
 *	news_<name>			the C function of the SQL-callable news.<name>
 *						(AS 'MODULE_PATHNAME', 'news_<name>'), type support
 *						included (news_termvec_in, news_minhash_gin_options);
 *						the one overloaded name, news.termvec, adds what
 *						the variant takes (news_termvec_from_text,
 *						news_termvec_from_arrays).  The names 0.1.0 shipped
 *						under another scheme stay exported as aliases
 *						(released_symbols.c).
 *	na_pg_<what>		a glue function that other glue files call
 *						(na_pg_check, na_pg_gazetteer, na_pg_minhash_new);
 *						a module's start-up is na_pg_<module>_init, which
 *						_PG_init (module.c) calls.
 *	na_<module>_<what>	the core's API (src/core, no server types).
 *	Na<Name>			a type of the core's API (NaTermVec, NaStatus) or
 *						of the glue's helpers (NaSrf, NaMinhash); the
 *						stored forms and a file's own types are plain
 *						CamelCase (TermVecData, ExpandedCorpus).
 *	NA_<NAME>			macros and constants of the core and of the glue's
 *						helpers (NA_YIELD_EVERY, NA_ORDER_FUNCTIONS); a
 *						type's own carry its name (TERMVEC_VERSION).
 *	lower_case			static functions and variables, no prefix.
 */
#ifndef NA_GLUE_H
#define NA_GLUE_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

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

/* na_pg_raise: the error of na_pg_check for a status that is not NA_OK. */
extern pg_attribute_noreturn() void na_pg_raise(NaStatus st, const char *what);

/*
 * na_pg_input_ok: the error of the input function of type (its SQL name,
 * "news.termvec") for the status st of the core's parser on literal: for a
 * malformed literal 22P02, with the parser's message err as the detail and
 * hint; for a number out of range 22003 with err as the message;
 * na_pg_check's error for any other status but NA_OK.  Returns true
 * for NA_OK, false when the error was saved in escontext (PostgreSQL 16's
 * soft errors): the input function then returns NULL.
 */
extern bool na_pg_input_ok(struct Node *escontext, NaStatus st, const char *type,
						   const char *literal, const char *err, const char *hint);

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

/*
 * na_pg_size_add, na_pg_size_mul: a + b and a * b, raising 54000 (result is
 * too large) when the result does not fit one palloc (MaxAllocSize, which
 * every varlena must fit).  Sizes of stored values and of the arrays built
 * from them are computed with these; where a caller reports its own limit
 * it uses na_size_add and na_size_mul of the core, which return a status.
 */
extern Size na_pg_size_add(Size a, Size b);
extern Size na_pg_size_mul(Size a, Size b);

/*
 * NaSrf: the rows of a set-returning function, materialized into the
 * tuplestore the executor reads.  Each row's values are built in a memory
 * context of their own, reset as soon as the row is stored, so a function
 * that returns many rows holds only the stored tuples; interrupts are
 * checked every 1024 rows.
 *
 *		NaSrf		srf;
 *
 *		na_pg_srf_begin(&srf, fcinfo);
 *		for each row:
 *			na_pg_srf_row(&srf);			(now in the row's context)
 *			values[i] = ...;
 *			na_pg_srf_put(&srf, values, nulls);	(back in the caller's)
 *		na_pg_srf_end(&srf);
 *		return (Datum) 0;
 */
typedef struct NaSrf
{
	Tuplestorestate *store;
	TupleDesc	desc;
	MemoryContext rowcxt;		/* reset after every row */
	MemoryContext caller;		/* current before na_pg_srf_row */
	uint64		rows;
} NaSrf;

extern void na_pg_srf_begin(NaSrf *srf, FunctionCallInfo fcinfo);
extern void na_pg_srf_row(NaSrf *srf);
extern void na_pg_srf_put(NaSrf *srf, Datum *values, bool *nulls);
extern void na_pg_srf_end(NaSrf *srf);

#endif							/* NA_GLUE_H */
