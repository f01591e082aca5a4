/*
 * unicode.h
 *		Character reading for the tokenizer: UTF-8 decoding with validation,
 *		HTML entity decoding, and the character classes the scanner uses.
 *
 * ASCII bytes are classified by a table; everything else goes through
 * utf8proc's general categories plus a few news-specific overrides
 * (apostrophe and hyphen variants, zero-width joiners, quotation marks).
 */
#ifndef NA_UNICODE_H
#define NA_UNICODE_H

#include "na_core.h"

typedef enum NaCharClass
{
	NA_C_INVALID = 0,			/* malformed UTF-8 */
	NA_C_SPACE,					/* white space that is not a line break */
	NA_C_NEWLINE,				/* \n, lone \r, U+2028, U+2029, U+0085 */
	NA_C_IGNORE,				/* zero-width and format characters, soft hyphen,
								 * controls: invisible, never split a word */
	NA_C_LETTER,
	NA_C_MARK,					/* combining marks: continue a word */
	NA_C_DIGIT,
	NA_C_APOS,					/* ' ’ ʼ: apostrophe inside a word, else a quote */
	NA_C_HYPHEN,				/* - ‐ ‑: joins word parts */
	NA_C_PERIOD,				/* . */
	NA_C_PUNCT,					/* other punctuation */
	NA_C_SYMBOL,				/* currency, math, other symbols, emoji */
	NA_C_AT,					/* @ */
	NA_C_HASH,					/* # */
	NA_C_UNDERSCORE				/* _ */
} NaCharClass;

/* Letter case of a code point, for token flags. */
#define NA_CASE_NONE	0
#define NA_CASE_UPPER	1
#define NA_CASE_LOWER	2

/* A decoded character: code point, class and extent in the source. */
typedef struct NaChar
{
	uint32_t	cp;
	uint8_t		cls;			/* NaCharClass */
	uint8_t		ucase;			/* NA_CASE_* */
	uint8_t		slow;			/* non-ASCII or an entity */
	uint8_t		nbytes;			/* source bytes (an entity may be up to 10) */
	uint8_t		nchars;			/* source characters */
} NaChar;

/* Classes of the ASCII characters (NaCharClass values). */
extern const uint8_t na_ascii_class[128];

/*
 * Bits of na_ascii_bits[b], for the scanner's ASCII fast path: letters and
 * digits of a word are consumed in a tight loop that ORs these together.
 */
#define NA_AB_ALNUM		0x01
#define NA_AB_UPPER		0x02
#define NA_AB_LOWER		0x04
#define NA_AB_DIGIT		0x08
extern const uint8_t na_ascii_bits[256];

/*
 * na_read_char decodes the character at s[pos] (pos < len) into *c.
 * Entities (&amp; &#39; &#x2019; and the bare #39; of some scrapers) are
 * decoded to the character they stand for.  Returns false for malformed
 * UTF-8.
 */
extern bool na_read_char(const uint8_t *s, size_t len, size_t pos, NaChar *c);

/*
 * na_html_entity: the code points (one or two) of the HTML5 named
 * character reference name[0..n), written with its ';' ("amp;") or, for
 * the legacy names that may go without, without ("amp"), into cps; returns
 * how many, 0 when the table has no such name.
 */
extern int	na_html_entity(const char *name, size_t n, uint32_t cps[2]);

/* Class and case of a code point that is not an entity. */
extern NaCharClass na_classify(uint32_t cp, int *ucase);

/* Punctuation properties used by the tokenizer and the sentence splitter. */
extern bool na_cp_is_terminal(uint32_t cp);
extern bool na_cp_is_opener(uint32_t cp);
extern bool na_cp_is_closer(uint32_t cp);
extern bool na_cp_is_quote(uint32_t cp);
extern bool na_cp_is_dash(uint32_t cp);

/*
 * na_utf8_decode: the code point at s[pos] (pos < len) into *cp, without
 * entity decoding; its length in bytes, 0 for malformed UTF-8 (overlong
 * forms, surrogates and code points above U+10FFFF are malformed, as the
 * server has them).
 */
extern size_t na_utf8_decode(const uint8_t *s, size_t len, size_t pos, uint32_t *cp);

/*
 * na_utf8_valid: is s[0..len) well-formed UTF-8?  The one validator of the
 * core (the scanner validates as it reads).  *bad (may be NULL) gets the
 * offset of the first malformed byte; yield may be NULL.
 */
extern bool na_utf8_valid(const char *s, size_t len, const NaYield *yield, size_t *bad);

/*
 * na_term_char: the raw character at s[pos] (no entity decoding) with its
 * length in *nbytes (1 for a malformed byte); true when it is a letter, a
 * combining mark or a number (Unicode categories L*, Mn, Mc, N*), with its
 * simple lower-case mapping in *lower.  MinHash terms are runs of these.
 */
extern bool na_term_char(const uint8_t *s, size_t len, size_t pos, size_t *nbytes,
						 uint32_t *lower);

/* na_utf8_encode writes cp as UTF-8 to out (4 bytes of room); returns the
 * number of bytes written. */
extern int	na_utf8_encode(uint32_t cp, char *out);

/*
 * na_nfkc_casefold replaces buf's contents (UTF-8) with its NFKC case fold
 * with default-ignorable characters removed.
 */
extern NaStatus na_nfkc_casefold(NaBuf *buf);

#endif							/* NA_UNICODE_H */
