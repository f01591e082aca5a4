/*
 * clean.h
 *		Cleaning a news text: markup and scraper boilerplate removed, with a
 *		map from every byte of the cleaned text back to the original.
 *
 * na_clean turns a body as scraped (plain text, an HTML page or fragment,
 * or text with escaped markup) into the text a reader sees: paragraphs and
 * headings, one per line, separated by blank lines.  It removes
 *
 *	markup		tags, comments, <script> and <style> elements, elements that
 *				are not article text (<head>, <noscript>, <template>,
 *				<iframe>, <svg>, form controls, <nav>), and markup written
 *				as text (&lt;A HREF=...&gt;); character references are
 *				decoded.  HTML is parsed by our own tokenizer and tree
 *				builder (html_tree.h), and only when the text holds some: plain text (no tag of a known
 *				element shaped like markup) never reaches it, so that
 *				"Sun Co <SUN>" and "Bancorp <I>" of wire copy stay as they
 *				are.
 *	boilerplate	whole lines that are the site talking, not the story:
 *				breadcrumbs, menus, share, subscribe and cookie notices,
 *				"Read more"/"Related:"/"click here" lines, previous/next
 *				navigation with its headlines, source and picture credits,
 *				teasers, and short lines repeated from earlier in the text.
 *				The rules are conservative: a line that reads like a
 *				sentence of the story is never removed by a rule whose cue
 *				could also open one.
 *
 * What was removed can be listed (NA_CLEAN_REMOVALS) with a kind and the
 * byte and character extent in the original text.  Removals may nest: a
 * removed line reports the extent of its text, and a tag inside it is
 * reported too.
 *
 * The offset map (NA_CLEAN_MAP).  Other analyses run on the cleaned text
 * (tokens, sentences, entities, keyphrases read an NaDoc built on it) and
 * report offsets into the original through the map: an array of segments
 * in cleaned-text order, each a run of cleaned bytes and the original
 * bytes it comes from.  A verbatim segment is a copy: cleaned byte clean + i
 * is original byte orig + i, and character cclean + j is original character
 * corig + j.  Any other segment is a replacement (a decoded character reference, collapsed white space, a line
 * break standing for a tag, orig_len 0 for an inserted separator): all its
 * bytes stand for the whole original extent.  Cleaned bytes that are in no
 * segment do not exist: the segments cover the cleaned text without gaps
 * and in order, and their original extents are in order and disjoint, but
 * that two replacements may stand for the same extent (the pieces of one
 * replacement that a removed line split).
 * na_clean_to_orig and na_clean_span_to_orig do the lookups by byte,
 * na_clean_chars_to_orig by character (binary search).  An analysis of
 * the cleaned text (an NaDoc built on it, as news.analyze builds one on a
 * body) reports offsets into the original like this:
 *
 *		NaClean		c;
 *		NaDoc	   *doc;
 *
 *		st = na_clean(body, len, NA_CLEAN_MAP, alloc, yield, &c);
 *		st = na_doc_create(c.text, c.len, layers, alloc, yield, &doc);
 *		... a token or span at cleaned bytes [s, s + n):
 *		na_clean_span_to_orig(&c, s, n, &o);	-> o.start, o.len, o.cstart, o.clen
 *		na_doc_destroy(doc);
 *		na_clean_free(&c);
 *
 * Plain text without markup, character references or CR is copied line by
 * line, so its map is one verbatim segment per run of lines kept without
 * a change (a removed line or a trimmed trailing blank starts a new one).
 *
 * Size and cancellation.  Offsets are 32-bit (NA_ERR_TOO_LARGE from 4 GB).
 * Plain text is read in one pass and the yield hook is called every
 * NA_YIELD_EVERY bytes.  HTML is parsed window by window (clean_markup.c
 * explains how windows are cut so that nothing is parsed out of context):
 * a tree of the whole input would take memory in proportion to its tags
 * (tens of bytes per "<a>" of tag soup), and the builder's scope searches
 * take time in proportion to the nesting depth, so a window holds at most
 * NA_CLEAN_WINDOW bytes or NA_CLEAN_WINDOW_TAGS tags, the hook runs between
 * windows, and the memory of a call stays bounded whatever the size of the
 * page.
 */
#ifndef NA_CLEAN_H
#define NA_CLEAN_H

#include "na_core.h"

/*
 * Kinds of removals.  Keep na_clean_kind_names and na_clean_kind_descs in
 * clean.c in step with this list.
 */
typedef enum NaCleanKind
{
	NA_CLEAN_HTML_TAG = 0,		/* a tag; the text inside the element stays */
	NA_CLEAN_COMMENT,			/* <!-- ... --> (an unclosed one runs to the end) */
	NA_CLEAN_SCRIPT,			/* a <script> element with its content */
	NA_CLEAN_STYLE,				/* a <style> element with its content */
	NA_CLEAN_ELEMENT,			/* an element that is not article text, with its
								 * content: <head>, <noscript>, <svg>, <form>... */
	NA_CLEAN_MARKUP,			/* markup written as text: &lt;A HREF=...&gt; */
	NA_CLEAN_BREADCRUMB,		/* Home > World > Europe */
	NA_CLEAN_MENU,				/* News | Sport | Weather */
	NA_CLEAN_SHARE,				/* share buttons, "Follow us on Twitter" */
	NA_CLEAN_SUBSCRIBE,			/* newsletter, subscription and sign-in prompts */
	NA_CLEAN_COOKIE,			/* cookie and consent notices */
	NA_CLEAN_READ_MORE,			/* Read more ..., Related: ..., click here ... */
	NA_CLEAN_NAVIGATION,		/* previous/next article and its headline, <nav> */
	NA_CLEAN_CREDIT,			/* Source: ..., Photo: ..., (Reporting by ...),
								 * a wire sign-off */
	NA_CLEAN_TEASER,			/* Short on time? Read the digest; Advertisement */
	NA_CLEAN_REPEATED,			/* a short line already seen in the text */
	NA_CLEAN_KIND_COUNT
} NaCleanKind;

/* The name ("html_tag", "read_more", ...) and a description of a kind;
 * NULL out of range. */
extern const char *na_clean_kind_name(int kind);
extern const char *na_clean_kind_desc(int kind);

/* Flags of na_clean */
#define NA_CLEAN_MAP		0x01	/* build the offset map */
#define NA_CLEAN_REMOVALS	0x02	/* list the removals */
#define NA_CLEAN_VALID_UTF8	0x04	/* the caller has checked that the text is
									 * UTF-8 (a UTF8 database): skip the check */
#define NA_CLEAN_HEADROOM	0x08	/* the cleaned text starts
									 * NA_CLEAN_HEADROOM_BYTES after the start
									 * of its allocation, and those bytes are
									 * the caller's: a PostgreSQL text header
									 * is written there, sparing a copy */
#define NA_CLEAN_HEADROOM_BYTES	4

/* Window limits of the HTML parser (see the header comment). */
#define NA_CLEAN_WINDOW			(256 * 1024)
#define NA_CLEAN_WINDOW_TAGS	2048

/* A segment of the offset map (see the header comment). */
typedef struct NaCleanSegment
{
	uint32_t	clean;			/* byte offset in the cleaned text */
	uint32_t	clean_len;
	uint32_t	orig;			/* byte offset in the original */
	uint32_t	orig_len;
	uint32_t	cclean;			/* character offsets, from 0 */
	uint32_t	cclean_len;
	uint32_t	corig;
	uint32_t	corig_len;
	bool		verbatim;		/* a copy of the original (see above) */
} NaCleanSegment;

/* One removal: what and where, in the original. */
typedef struct NaCleanRemoval
{
	uint32_t	start;			/* byte offset */
	uint32_t	len;
	uint32_t	cstart;			/* character offset, from 0 */
	uint32_t	clen;
	uint8_t		kind;			/* NaCleanKind */
	uint8_t		reserved[3];
} NaCleanRemoval;

/* A cleaned text.  Everything is owned by the allocator given to na_clean
 * and released by na_clean_free. */
typedef struct NaClean
{
	const char *text;			/* the cleaned text (not NUL-terminated) */
	size_t		len;			/* its bytes */
	size_t		nchars;			/* its characters (with NA_CLEAN_MAP) */
	const NaCleanSegment *map;	/* NA_CLEAN_MAP: the offset map */
	size_t		nmap;
	const NaCleanRemoval *removals; /* NA_CLEAN_REMOVALS: in order of start,
									 * an enclosing removal first */
	size_t		nremovals;
	bool		html;			/* the text was parsed as HTML */
	size_t		error_offset;	/* NA_ERR_INVALID_UTF8: where */
	/* private */
	const NaAllocator *alloc;
	char	   *buf;
} NaClean;

/*
 * na_clean cleans text[0..len) (not copied, not changed) into *out.  flags:
 * NA_CLEAN_*.  alloc gives every allocation, including the result; yield
 * (may be NULL) is called from every loop that grows with the input.
 * Invalid UTF-8 gives NA_ERR_INVALID_UTF8 with out->error_offset set (and
 * is not looked for with NA_CLEAN_VALID_UTF8); 4 GB or more gives
 * NA_ERR_TOO_LARGE.  On error nothing needs freeing.
 */
extern NaStatus na_clean(const char *text, size_t len, unsigned flags,
						 const NaAllocator *alloc, const NaYield *yield,
						 NaClean *out);

/* na_clean_free releases a result of na_clean (a zeroed NaClean is fine). */
extern void na_clean_free(NaClean *c);

/*
 * na_clean_to_orig maps cleaned byte offset b (0 <= b <= c->len) to the
 * original: *orig and *corig (either may be NULL) get the byte and
 * character offsets of the original byte that cleaned byte b comes from,
 * the start of its segment for a replacement; b == c->len maps to the end
 * of the last segment.  Needs NA_CLEAN_MAP.
 */
extern void na_clean_to_orig(const NaClean *c, size_t b, size_t *orig, size_t *corig);

/* An extent in the original text. */
typedef struct NaCleanExtent
{
	size_t		start;			/* byte offset */
	size_t		len;
	size_t		cstart;			/* character offset, from 0 */
	size_t		clen;
} NaCleanExtent;

/*
 * na_clean_span_to_orig maps the cleaned bytes [start, start + len) to the
 * extent of the original they come from: from the original of their first
 * byte to the end of the original of their last byte (a replacement
 * counts whole).  An empty span maps to an empty extent.  Needs
 * NA_CLEAN_MAP.
 */
extern void na_clean_span_to_orig(const NaClean *c, size_t start, size_t len,
								  NaCleanExtent *out);

/*
 * na_clean_chars_to_orig maps the cleaned characters [cstart, cstart + clen)
 * (from 0, clipped to the cleaned text) to the characters of the original
 * they come from, as na_clean_span_to_orig maps bytes: *ocstart gets the
 * original character of the first, *oclen the characters from there to
 * the end of the original of the last (a replacement counts whole, so
 * "AT&T" maps to "AT&amp;T"; a removed line inside the span is inside the
 * extent).  An empty span maps to an empty extent where its character
 * comes from; a span at or past the end of the cleaned text, to an empty
 * extent at the end of the last segment.  Two binary searches of the map
 * and no scan of the text, so that the spans of an article (SQL offsets
 * are characters) are mapped in O(log segments) each.  Needs NA_CLEAN_MAP.
 */
extern void na_clean_chars_to_orig(const NaClean *c, size_t cstart, size_t clen,
								   size_t *ocstart, size_t *oclen);

#endif							/* NA_CLEAN_H */
