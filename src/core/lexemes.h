/*
 * lexemes.h
 *		The distinct terms of one document with their positions, collected
 *		the way PostgreSQL's to_tsvector merges a parsed text: what
 *		news.tsvector lays out as a tsvector without going through the text
 *		search parser and dictionary calls.
 *
 * A set is reused from document to document (na_lexemes_reset keeps its
 * arrays).  Terms arrive in text order with a running position; each term
 * keeps at most NA_LEX_MAX_POSITIONS positions, a position is capped at
 * NA_LEX_MAX_POS, and a term whose last position is the cap takes no more:
 * the rules of tsvector's uniqueWORD.  The collected size is bounded: soon
 * after the terms and positions need more than NA_LEX_MAX_BYTES of a
 * tsvector's string area (within 256 terms: lookups are batched),
 * na_lexemes_add fails with NA_ERR_TOO_LARGE, so a 100 MB text of distinct
 * words costs a few megabytes, not a gigabyte.
 */
#ifndef NA_LEXEMES_H
#define NA_LEXEMES_H

#include "na_core.h"

/* tsvector's limits (tsearch/ts_type.h; the glue checks they agree) */
#define NA_LEX_MAX_POSITIONS	255 /* MAXNUMPOS - 1 */
#define NA_LEX_MAX_POS			16383	/* MAXENTRYPOS - 1 */
#define NA_LEX_MAX_BYTES		0xFFFFF /* MAXSTRPOS */
#define NA_LEX_MAX_TERM			2047	/* MAXSTRLEN */

typedef struct NaLexemes NaLexemes;

extern NaStatus na_lexemes_create(const NaAllocator *alloc, NaLexemes **out);
extern void na_lexemes_destroy(NaLexemes *ls);

/* na_lexemes_reset empties the set for the next document. */
extern void na_lexemes_reset(NaLexemes *ls);

/*
 * na_lexemes_add records term[0..len) (1 to NA_LEX_MAX_TERM bytes, no NUL)
 * at position pos (from 1; capped at NA_LEX_MAX_POS).  Positions must not
 * decrease from call to call.  NA_ERR_TOO_LARGE (here or from
 * na_lexemes_finish): the string area would exceed NA_LEX_MAX_BYTES (the
 * set is then unusable until reset).
 */
extern NaStatus na_lexemes_add(NaLexemes *ls, const char *term, size_t len, uint32_t pos);

/*
 * na_lexemes_add_memo: na_lexemes_add, looked up at once, with a memo the
 * caller keeps for the term during the document (memo may be NULL).  0 in
 * *memo: the term is looked up and *memo set to a number naming its entry
 * (1 up to the number of distinct terms); a number set so by an earlier
 * call for the same term since the last reset: the position is added to
 * that entry without a lookup.  The caller must hand a memo back only with
 * the term it was set for (news.tsvector keeps them in the lexer's term
 * cache, one per word, for the duration of a document).  Calls of both
 * kinds may be mixed.
 */
extern NaStatus na_lexemes_add_memo(NaLexemes *ls, const char *term, size_t len, uint32_t pos,
									uint32_t *memo);

/*
 * na_lexemes_finish sorts the terms bytewise (a prefix sorts first) and
 * lays their positions out in order.  *n gets the number of distinct
 * terms, *strbytes the size of tsvector's string area for them: each term,
 * 2-aligned, then a 16-bit count and its 16-bit positions.
 * NA_ERR_TOO_LARGE when that exceeds NA_LEX_MAX_BYTES.
 */
extern NaStatus na_lexemes_finish(NaLexemes *ls, size_t *n, size_t *strbytes);

/* Where na_lexemes_write put a term: its offset in the area, its length. */
typedef struct NaLexemeRef
{
	uint32_t	off;
	uint32_t	len;
} NaLexemeRef;

/*
 * na_lexemes_write lays the finished set out in area (strbytes bytes, from
 * na_lexemes_finish, zeroed by the caller) as tsvector's string area does:
 * in term order, each term, then at the next even offset a 16-bit count and
 * its positions ascending, as 16-bit values with weight bits 0 (weight D).
 * refs (n entries) gets where each term went.  Once per finish.
 */
extern void na_lexemes_write(NaLexemes *ls, char *area, NaLexemeRef *refs);

#endif							/* NA_LEXEMES_H */
