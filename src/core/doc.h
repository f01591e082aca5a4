/*
 * doc.h
 *		The analysed document: a text scanned once into tokens, sentences,
 *		normalized forms and pattern spans, which every analysis reads.
 *
 * One NaDoc is built per text, and the analyses (entities, quotations,
 * dates, index terms, MinHash terms, and whatever comes next) read it
 * instead of scanning the text again, the way SQLite FTS5's porter
 * tokenizer wraps its parent's token stream.  What is built is chosen by
 * layers, so that a function that needs only tokens pays only for tokens:
 *
 *	tokens		always: kind, flags, byte and character extent, first code
 *				point, line breaks before it (the scanner's NaToken, 32
 *				bytes, read straight into the window);
 *	NA_DOC_SENTENCES
 *				sentence numbers (from 1) on the tokens and one NaDocSentence
 *				per sentence, from the splitter of sentences.h;
 *	NA_DOC_NORMS
 *				normalized forms (na_ner_normalize: case folded, possessive
 *				removed) in one arena per window, separated by single spaces,
 *				so that the key of any run of tokens is a substring of the
 *				arena; their FNV-1a hashes; and the word marks NA_DM_WORD,
 *				NA_DM_CAP, NA_DM_ACAPS and NA_DM_POSS;
 *	spans		pattern spans (DATE, MONEY, ... and user patterns) of the
 *				whole text, sorted and disjoint, added before the first
 *				window (na_doc_add_spans, na_doc_scan_patterns); the tokens
 *				they cover are marked NA_DM_BLOCKED, a token after one
 *				NA_DM_GAP;
 *	blocks		byte ranges that are not prose (markup, feed artefacts:
 *				markup.h), added before the first window (na_doc_add_blocks);
 *				their tokens are marked NA_DM_BLOCKED and a token after one
 *				NA_DM_GAP, as for spans, but they are reported as nothing,
 *				and a pattern span that overlaps one is dropped.
 *
 * Windows.  Memory stays bounded whatever the size of the text: the
 * document is covered window by window (na_doc_next), and only the current
 * window's tokens, normalized forms and sentences are held.  Token-only
 * documents cut a window every NA_DOC_TOKEN_WINDOW tokens (8 KB, which
 * stay in the processor's first-level cache while they are read).  With
 * sentences, a window ends at the first sentence end after
 * NA_DOC_WINDOW_TOKENS tokens; a sentence longer than NA_DOC_MAX_WINDOW
 * tokens is cut, and with NA_DOC_NORMS the cut is moved before a trailing
 * run of capitalized words (at most 2 * NA_DOC_MAX_NAME tokens), which then
 * open the next window, so that no name is cut in two.  An ordinary article
 * is one window.  State that spans the document (an entity extractor's
 * memory of names, counts) lives in the analyses and is carried by them
 * from one window to the next; the spans and their sentence numbers are
 * kept for the whole document.
 *
 * Offsets are 32-bit: a document is shorter than 4 GB (a PostgreSQL text
 * is shorter than 1 GB), longer ones give NA_ERR_TOO_LARGE.  Token indices
 * count from the start of the current window; na_doc_base gives the number
 * of tokens before it.  Every loop that grows with the input calls the
 * yield hook.
 *
 * Typical use:
 *
 *		NaDoc	   *doc;
 *
 *		st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc,
 *						   yield, &doc);
 *		if (st == NA_OK)
 *			st = na_doc_add_spans(doc, spans, nspans);
 *		while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK &&
 *			   na_doc_ntokens(doc) > 0)
 *			... read na_doc_tokens(doc), na_doc_norms(doc), ...
 *		na_doc_destroy(doc);
 */
#ifndef NA_DOC_H
#define NA_DOC_H

#include "na_core.h"
#include "patterns.h"
#include "tokenizer.h"

/* Layers (na_doc_create) */
#define NA_DOC_TOKENS		0x00	/* tokens only */
#define NA_DOC_SENTENCES	0x01	/* sentence numbers and NaDocSentence */
#define NA_DOC_NORMS		0x02	/* normalized forms, hashes, word marks */

/* Window sizes, in tokens */
#define NA_DOC_TOKEN_WINDOW		256	/* token-only documents */
#define NA_DOC_WINDOW_TOKENS	16384
#define NA_DOC_MAX_WINDOW		65536
#define NA_DOC_MAX_NAME			12	/* tokens in one name */

/* Marks of a token of a window (NaToken.marks) */
#define NA_DM_BLOCKED	0x01	/* covered by a pattern span or a block */
#define NA_DM_GAP		0x02	/* a pattern span or a block lies between
								 * this token and the previous one */
#define NA_DM_WORD		0x04	/* NORMS: a word or abbreviation with letters
								 * and no digit, normalized form not empty */
#define NA_DM_CAP		0x08	/* NORMS: a capitalized word ("Kremlin-backed",
								 * lower case after its last hyphen, is not) */
#define NA_DM_ACAPS		0x10	/* NORMS: a word in capitals, two letters or more */
#define NA_DM_POSS		0x20	/* NORMS: ends with a possessive, which its
								 * normalized form and trim_* leave out */

/*
 * The tokens of a window are the scanner's compact NaToken records, with
 * their sentence (NA_DOC_SENTENCES) and marks filled in; NaDocToken names
 * the same record.
 */
typedef NaToken NaDocToken;

/* The normalized form of a token (NA_DOC_NORMS), parallel to the tokens. */
typedef struct NaDocNorm
{
	uint32_t	off;			/* in na_doc_arena; len 0: none (long tokens,
								 * URLs, e-mail addresses) */
	uint32_t	hash;			/* FNV-1a of the form (gazetteer.h's na_fnv_add) */
	uint16_t	len;
	uint8_t		trim_bytes;		/* a trailing possessive in the source */
	uint8_t		trim_chars;
} NaDocNorm;

/*
 * One sentence (NA_DOC_SENTENCES).  The window lists the sentences that end
 * in it; a sentence cut by a window boundary is listed once, by the window
 * it ends in, with its full extent.
 */
typedef struct NaDocSentence
{
	uint32_t	number;			/* from 1 */
	uint32_t	start;			/* byte offset of its first token */
	uint32_t	len;			/* to the end of its last token */
	uint32_t	cstart;
	uint32_t	clen;
	uint32_t	ntokens;
	size_t		first;			/* document token number of its first token
								 * (na_doc_base counts the same way) */
} NaDocSentence;

/*
 * A pattern span (DATE, MONEY, ... or a user pattern's type), found by a
 * pattern set or by the caller.  type is owned by whoever found it.
 */
typedef struct NaSpan
{
	const char *type;
	size_t		start;			/* byte offset */
	size_t		len;
	size_t		cstart;			/* character offset from 0 */
	size_t		clen;
	float		confidence;
} NaSpan;

typedef struct NaDoc NaDoc;

/*
 * na_doc_create prepares the analysis of text[0..len) (not copied: it must
 * outlive the document) with the given layers; no token is read until
 * na_doc_next.  alloc gives every allocation, yield (may be NULL) is
 * called from every loop that grows with the input.  NA_ERR_TOO_LARGE for
 * 4 GB or more.
 */
extern NaStatus na_doc_create(const char *text, size_t len, unsigned layers,
							  const NaAllocator *alloc, const NaYield *yield,
							  NaDoc **out);

/*
 * na_doc_reset starts the document over on another text, with the same
 * layers, keeping its memory (a caller analysing many texts in a row).
 * Spans are dropped.  Errors as na_doc_create.
 */
extern NaStatus na_doc_reset(NaDoc *doc, const char *text, size_t len,
							 const NaYield *yield);

/* na_doc_destroy releases everything the document holds (NULL is allowed). */
extern void na_doc_destroy(NaDoc *doc);

/*
 * na_doc_add_spans adds pattern spans (copied; their type strings are not
 * and must outlive the document), in text order.  A span that starts
 * before the end of the previous one is dropped, so the spans stay sorted
 * and disjoint.  Only before the first na_doc_next (NA_ERR_BAD_ARGUMENT
 * after it).
 */
extern NaStatus na_doc_add_spans(NaDoc *doc, const NaSpan *spans, size_t n);

/*
 * A byte range [start, start + len) of the text (na_doc_add_blocks).
 */
typedef struct NaDocRange
{
	uint32_t	start;
	uint32_t	len;
} NaDocRange;

/*
 * na_doc_add_blocks adds ranges whose tokens no analysis should read as
 * prose (copied), in any order; overlapping or touching ranges are merged.
 * Only before the first na_doc_next (NA_ERR_BAD_ARGUMENT after it).
 */
extern NaStatus na_doc_add_blocks(NaDoc *doc, const NaDocRange *ranges, size_t n);

/*
 * na_doc_scan_patterns runs set over the text and adds its matches as
 * spans, as na_doc_add_spans does; the status of na_patterns_scan is
 * returned (NA_ERR_MATCH_LIMIT, NA_ERR_INVALID_UTF8, ...).  Only before
 * the first na_doc_next.
 */
extern NaStatus na_doc_scan_patterns(NaDoc *doc, NaPatternSet *set);

/*
 * na_doc_next moves to the next window: on NA_OK, na_doc_ntokens is its
 * number of tokens, 0 once the text is exhausted.  Invalid UTF-8 gives
 * NA_ERR_INVALID_UTF8 (na_doc_error_offset tells where); any error leaves
 * the document exhausted.
 */
extern NaStatus na_doc_next(NaDoc *doc);

/* The text, layers, yield hook, and where invalid UTF-8 was found. */
extern const char *na_doc_text(const NaDoc *doc, size_t *len);
extern unsigned na_doc_layers(const NaDoc *doc);
extern const NaYield *na_doc_yield(const NaDoc *doc);
extern size_t na_doc_error_offset(const NaDoc *doc);

/* The current window: its tokens and how many came before them. */
extern const NaToken *na_doc_tokens(const NaDoc *doc);
extern size_t na_doc_ntokens(const NaDoc *doc);
extern size_t na_doc_base(const NaDoc *doc);

/* NA_DOC_NORMS: one NaDocNorm per token of the window, and the arena their
 * offsets point into (NULL without the layer). */
extern const NaDocNorm *na_doc_norms(const NaDoc *doc);
extern const char *na_doc_arena(const NaDoc *doc);

/* NA_DOC_SENTENCES: the sentences that end in the window, in order. */
extern const NaDocSentence *na_doc_sentences(const NaDoc *doc, size_t *n);

/*
 * The pattern spans of the whole document, sorted and disjoint, and for
 * each the sentence of the first token it covers (0 when it covers none,
 * or not yet known: the sentence is set when the window holding that
 * token is read).
 */
extern const NaSpan *na_doc_spans(const NaDoc *doc, size_t *n);
extern const uint32_t *na_doc_span_sentences(const NaDoc *doc);

#endif							/* NA_DOC_H */
