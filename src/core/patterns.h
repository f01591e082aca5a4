/*
 * patterns.h
 *		PCRE2 pattern entities (DATE, TIME, MONEY, PERCENT, QUANTITY, URL,
 *		EMAIL, user types).
 *
 * A pattern set holds the builtin patterns, compiled (and JIT-compiled
 * where the platform allows it) once, plus any user patterns added with
 * na_patterns_add.  na_patterns_scan runs every pattern over a text and
 * reports the non-overlapping winners in text order, with byte and
 * character offsets.
 *
 * Safety: every match runs under a match limit, a depth limit and a heap
 * limit, user patterns are scanned in small windows of start positions
 * with the yield hook called between windows, and empty matches advance
 * by one character, so neither a catastrophic pattern nor one that matches
 * the empty string can hang the caller.  A pattern that hits a limit makes
 * na_patterns_scan stop and return NA_ERR_MATCH_LIMIT (it is not skipped
 * silently); na_patterns_failed_type then names its type.
 */
#ifndef NA_PATTERNS_H
#define NA_PATTERNS_H

#include "na_core.h"

typedef struct NaPatternSet NaPatternSet;

typedef struct NaPatternMatch
{
	const char *type;		/* "DATE", "MONEY", ... or a user pattern's type; static or owned by the set */
	size_t		start;		/* byte offset */
	size_t		len;		/* byte length */
	size_t		cstart;		/* character offset from 0 */
	size_t		clen;		/* character length */
	float		confidence;
} NaPatternMatch;

typedef bool (*NaPatternFn) (const NaPatternMatch *m, void *arg);

/* builtin patterns, JIT-compiled; set lives in alloc's memory until na_patterns_destroy */
NaStatus na_patterns_create(const NaAllocator *alloc, NaPatternSet **out);
/* add a user pattern; on NA_ERR_BAD_PATTERN writes PCRE2's message and offset into errbuf */
NaStatus na_patterns_add(NaPatternSet *set, const char *type, const char *pattern, size_t plen,
						 char *errbuf, size_t errlen);
void na_patterns_destroy(NaPatternSet *set);
/* every non-overlapping match in text order (longest / highest-priority wins on overlap);
   NA_ERR_MATCH_LIMIT if a pattern hits its match/depth limit (or skip that pattern: document which) */
NaStatus na_patterns_scan(NaPatternSet *set, const char *text, size_t len,
						  NaPatternFn fn, void *arg, const NaYield *yield);

/*
 * Additions beyond the interface above (used by the glue; optional for
 * other callers).
 *
 * na_patterns_check compiles pattern as na_patterns_add would, then throws
 * it away: NA_OK, or NA_ERR_BAD_PATTERN with the message in errbuf
 * ("<PCRE2 message> at character N").  Used by the table trigger.
 *
 * na_patterns_failed_type: after na_patterns_scan returned
 * NA_ERR_MATCH_LIMIT, the type of the pattern that hit its limit (NULL
 * otherwise).
 *
 * na_patterns_jit: true when at least one pattern runs JIT-compiled code.
 *
 * na_patterns_create_ex: na_patterns_create, with the JIT turned off when
 * jit is false (the interpreter PCRE2 falls back to when the JIT is not
 * available; the tests compare both).
 */
NaStatus na_patterns_check(const NaAllocator *alloc, const char *pattern, size_t plen,
						   char *errbuf, size_t errlen);
const char *na_patterns_failed_type(const NaPatternSet *set);
NaStatus na_patterns_create_ex(const NaAllocator *alloc, bool jit, NaPatternSet **out);
/* na_patterns_create_type: only the builtin patterns of one type ("DATE"),
 * JIT-compiled; NA_ERR_BAD_ARGUMENT for a type no builtin pattern has. */
NaStatus na_patterns_create_type(const NaAllocator *alloc, const char *type, NaPatternSet **out);
/* na_patterns_create_names: only the builtin patterns whose matches hold
 * capitalized words that are not names (weekdays, months, "Canadian
 * dollars"), JIT-compiled: what the name rules need from the pattern layer
 * when its entities are not reported (news.quotes), at a fraction of the
 * cost of the whole set. */
NaStatus na_patterns_create_names(const NaAllocator *alloc, NaPatternSet **out);
bool na_patterns_jit(const NaPatternSet *set);
/* na_patterns_set_prefilter: turn the literal prefilters of builtin
 * patterns off (false) or on (true, the default); for tests. */
void na_patterns_set_prefilter(NaPatternSet *set, bool on);

/* Limits every match runs under (per start position for the match limit). */
#define NA_PATTERN_MATCH_LIMIT	1000000
#define NA_PATTERN_DEPTH_LIMIT	10000
#define NA_PATTERN_HEAP_LIMIT_KB 20480
#define NA_PATTERN_MAX_LENGTH	32768	/* bytes of one user pattern */

#endif							/* NA_PATTERNS_H */
