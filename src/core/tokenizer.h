/*
 * tokenizer.h
 *		News-aware Unicode tokenizer: UTF-8 text to tokens (words, numbers,
 *		abbreviations, URLs, ...) with their kind, flags and byte and
 *		character offsets, in one pass without copying the input.
 *
 * Two ways to read the tokens: na_scan calls back with each one, a
 * NaScanner hands them out one at a time.  The layers above are in their
 * own headers: sentences.h (the sentence splitter), lexer.h (index terms)
 * and doc.h (the analysed document every analysis reads).
 *
 * Offsets: byte offsets index the input; character offsets count code
 * points from 0, so that SQL's substr(body, cstart + 1, clen) is the token.
 * HTML entities left by scrapers (&amp; &#39; #39;) are decoded while
 * scanning: they take part in tokens as the character they stand for, but
 * the offsets still cover their source text.
 */
#ifndef NA_TOKENIZER_H
#define NA_TOKENIZER_H

#include "na_core.h"

/* Token kinds.  na_token_kind_name/_desc in tokenizer.c follow this order. */
typedef enum NaTokenKind
{
	NA_TOK_WORD = 1,			/* letters, with inner apostrophes/hyphens */
	NA_TOK_NUMBER,				/* 1,000.50  3.5  5bn  1990s  10:30 */
	NA_TOK_ABBREV,				/* U.S.  Mr.  Feb.  e.g.  J. */
	NA_TOK_URL,					/* https://...  www....  reuters.com */
	NA_TOK_EMAIL,				/* desk@example.org */
	NA_TOK_HASHTAG,				/* #Brexit */
	NA_TOK_MENTION,				/* @Reuters */
	NA_TOK_DATE,				/* 1996-08-22  22/08/1996 */
	NA_TOK_PUNCT,				/* . , ; " — … ( */
	NA_TOK_SYMBOL,				/* $ € % & + emoji */
	NA_TOK_KIND_MAX = NA_TOK_SYMBOL
} NaTokenKind;

extern const char *na_token_kind_name(int kind);
extern const char *na_token_kind_desc(int kind);

/* Token flags */
#define NA_TF_UPPER_INITIAL	0x0001	/* first letter is upper or title case */
#define NA_TF_ALL_UPPER		0x0002	/* has letters, none of them lower case */
#define NA_TF_HAS_LOWER		0x0004	/* has a lower-case letter */
#define NA_TF_HAS_DIGIT		0x0008
#define NA_TF_SLOW			0x0010	/* non-ASCII, entity or joiner inside: the
									 * normalized form needs the Unicode path */
#define NA_TF_HYPHEN		0x0020	/* has an inner hyphen */
#define NA_TF_APOSTROPHE	0x0040	/* has an inner apostrophe */
#define NA_TF_TERMINAL		0x0080	/* punctuation that can end a sentence:
									 * . ! ? … ... */
#define NA_TF_CLOSER		0x0100	/* closing quote or bracket */
#define NA_TF_OPENER		0x0200	/* opening quote or bracket */
#define NA_TF_QUOTE			0x0400	/* any quotation mark */
#define NA_TF_DASH			0x0800	/* a dash used as punctuation */

/*
 * One token, in 32 bytes: offsets are 32-bit (texts are shorter than 4 GB;
 * longer ones give NA_ERR_TOO_LARGE).  The same record makes up the windows
 * of an analysed document (doc.h), which fills in sentence and marks; the
 * scanner leaves them 0.
 */
typedef struct NaToken
{
	uint32_t	start;			/* byte offset */
	uint32_t	len;			/* byte length */
	uint32_t	cstart;			/* character offset, from 0 */
	uint32_t	clen;			/* character length */
	uint32_t	cp;				/* first code point (decoded) */
	uint32_t	sentence;		/* from 1, in a document with sentences */
	uint16_t	flags;			/* NA_TF_* */
	uint8_t		kind;			/* NaTokenKind */
	uint8_t		newlines;		/* line breaks between this token and the
								 * previous one (capped at 255) */
	uint8_t		marks;			/* doc.h's NA_DM_*, in a document */
	uint8_t		reserved[3];
} NaToken;

/*
 * NaTokenFn: called for each token in text order.  Return false to stop
 * the scan early (na_scan then returns NA_OK).
 */
typedef bool (*NaTokenFn) (const NaToken *tok, void *arg);

/*
 * na_scan tokenizes text[0..len).  Invalid UTF-8 stops it with
 * NA_ERR_INVALID_UTF8 (*err_offset, when not NULL, gets the byte offset).
 * yield may be NULL.
 */
extern NaStatus na_scan(const char *text, size_t len, NaTokenFn fn, void *arg,
						const NaYield *yield, size_t *err_offset);

/*
 * NaScanner: the same scan, one token at a time, for callers that pull
 * tokens (the text search parser) instead of taking callbacks.  The state
 * lives in the caller's memory and holds no allocation; text must outlive
 * it.  na_scanner_next returns false at the end of the text or on invalid
 * UTF-8, which na_scanner_status then reports (NA_ERR_TOO_LARGE for a
 * text of 4 GB or more, which gives no token).  The yield hook (may be
 * NULL) runs every NA_YIELD_EVERY bytes of text.
 */
typedef struct NaScanner
{
	const uint8_t *s;
	size_t		len;
	size_t		pos;			/* byte position */
	size_t		cpos;			/* character position */
	size_t		bad;			/* offset of invalid UTF-8 */
	bool		invalid;
	bool		too_large;		/* text of 4 GB or more */
	bool		space;			/* white space since the last token */
	bool		after_opener;	/* the last token opened a quote or bracket */
	uint32_t	newlines;		/* line breaks since the last token */
	size_t		next_yield;		/* byte position of the next yield */
	const NaYield *yield;
} NaScanner;

extern void na_scanner_init(NaScanner *sc, const char *text, size_t len,
							const NaYield *yield);
extern bool na_scanner_next(NaScanner *sc, NaToken *tok);
/* na_scanner_read: up to max tokens at once into toks (fewer only at the
 * end of the text or at invalid UTF-8); their number. */
extern size_t na_scanner_read(NaScanner *sc, NaToken *toks, size_t max);
extern NaStatus na_scanner_status(const NaScanner *sc, size_t *err_offset);

/* Is word (ASCII-folded, lower case, no trailing period) a known abbreviation
 * that takes a period ("mr", "feb", "inc")?  Sets *title when it normally
 * precedes a name or number (Mr., Dr., Feb., No.) and so never ends a
 * sentence. */
extern bool na_is_abbreviation(const char *word, size_t len, bool *title);

/* Is the lower-case ASCII word an English stopword? */
extern bool na_is_stopword(const char *word, size_t len);
/* na_stopwords: the English stopword list (n words, sorted, lower case). */
extern const char *const *na_stopwords(size_t *n);

#endif							/* NA_TOKENIZER_H */
