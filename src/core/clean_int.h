/*
 * clean_int.h
 *		Internal interface between the stages of na_clean: the markup stage
 *		(clean_markup.c), the line rules (clean_lines.c) and the assembly of
 *		the result (clean.c).  Not for use outside these files.
 *
 * The markup stage turns the original into an intermediate text: markup
 * removed, character references decoded, HTML blocks on lines of their own
 * and paragraphs separated by blank lines (CleanText).  The line stage
 * reads that text line by line and says which lines are boilerplate
 * (CleanLineRem).  The assembly copies the kept lines, normalizes blank
 * lines and trailing white space, and composes the two offset maps.
 */
#ifndef NA_CLEAN_INT_H
#define NA_CLEAN_INT_H

#include "clean.h"

/* A segment of the intermediate text's map (NaCleanSegment without the
 * character offsets, which the assembly computes). */
typedef struct CleanSeg
{
	uint32_t	clean;
	uint32_t	clean_len;
	uint32_t	orig;
	uint32_t	orig_len;
	bool		verbatim;
} CleanSeg;

/* A removal found by the markup stage, in original byte offsets. */
typedef struct CleanRem
{
	uint32_t	start;
	uint32_t	end;
	uint8_t		kind;			/* NaCleanKind */
} CleanRem;

/*
 * The intermediate text.  When the original needs no change at this stage
 * (plain text without character references or CR), text points at the
 * original and identity is set: no copy, no segments.
 */
typedef struct CleanText
{
	const char *orig;			/* the original */
	const char *text;
	size_t		len;
	bool		identity;
	bool		html;
	NaBuf		buf;			/* the text when not identity */
	CleanSeg   *segs;
	size_t		nsegs;
	size_t		capsegs;
	CleanRem   *rems;			/* with want_rems, in order of start */
	size_t		nrems;
	size_t		caprems;
	bool		want_rems;
	const NaAllocator *alloc;
	NaStatus	status;			/* the first error of an emitter call */

	/* emitter state (clean_markup.c) */
	bool		collapse;		/* HTML: white space collapses to one space */
	bool		keep_lines;		/* HTML without block elements: its line
								 * breaks are kept */
	int			pending;		/* PEND_* */
	uint32_t	pend_orig;		/* where the pending separator comes from */
	uint32_t	pend_len;
	bool		pend_verbatim;	/* a pending space from original blanks */
} CleanText;

/*
 * clean_markup runs the markup stage over text[0..len) into *ct (zeroed by
 * the caller, then released with clean_text_free).
 */
extern NaStatus clean_markup(const char *text, size_t len, bool want_rems,
							 const NaAllocator *alloc, const NaYield *yield,
							 CleanText *ct);
extern void clean_text_free(CleanText *ct);

/* A line removed by the line stage: [start, end) of the intermediate text,
 * from its first to past its last non-blank byte. */
typedef struct CleanLineRem
{
	uint32_t	start;
	uint32_t	end;
	uint8_t		kind;
} CleanLineRem;

/*
 * clean_lines applies the line rules to text[0..len) (the intermediate
 * text; html says whether it came from HTML, where every line is a block of
 * its own).  *out gets the removed lines in order (allocated with alloc,
 * NULL when there are none).
 */
extern NaStatus clean_lines(const char *text, size_t len, bool html,
							const NaAllocator *alloc, const NaYield *yield,
							CleanLineRem **out, size_t *nout);

/*
 * The window limits of the HTML parser (NA_CLEAN_WINDOW and
 * NA_CLEAN_WINDOW_TAGS of clean.h).  Only the unit tests and the fuzzer
 * change them, to exercise the cuts on small inputs; nothing else may.
 */
extern size_t clean_window_bytes;
extern size_t clean_window_tags;

/* The rule names and kinds, for the unit tests. */
extern size_t clean_rule_count(void);
extern const char *clean_rule_name(size_t i);

/* Shared helpers */
static inline bool
clean_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* clean_grow makes room for one more element in *arr (of elem bytes, *cap
 * allocated) holding n. */
extern NaStatus clean_grow(const NaAllocator *alloc, void **arr, size_t *cap,
						   size_t n, size_t elem);

#endif							/* NA_CLEAN_INT_H */
