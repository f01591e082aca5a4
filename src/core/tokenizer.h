/*
 * tokenizer.h
 *		News-aware Unicode tokenizer, sentence splitter and index-term lexer.
 *
 * Three layers, each streaming over the input without copying it:
 *
 *	na_scan			splits UTF-8 text into tokens (words, numbers,
 *					abbreviations, URLs, ...) and calls back with each
 *					token's kind and its byte and character offsets;
 *	na_split		adds sentence numbers on top of na_scan (one token of
 *					lookahead) and reports each sentence's extent;
 *	na_lexer_*		turns tokens into index terms: NFKC, case folding,
 *					possessives, stopwords, Snowball stemming, with a
 *					per-lexer cache so that a repeated word costs one
 *					hash probe.
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

typedef struct NaToken
{
	NaTokenKind kind;
	uint32_t	flags;
	uint32_t	cp;				/* first code point (decoded) */
	size_t		start;			/* byte offset */
	size_t		len;			/* byte length */
	size_t		cstart;			/* character offset, from 0 */
	size_t		clen;			/* character length */
	uint32_t	newlines;		/* line breaks between this token and the
								 * previous one (capped at 255) */
	bool		space_before;	/* any white space before this token */
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
 * UTF-8, which na_scanner_status then reports.  The yield hook (may be
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
	bool		space;			/* white space since the last token */
	bool		after_opener;	/* the last token opened a quote or bracket */
	uint32_t	newlines;		/* line breaks since the last token */
	size_t		next_yield;		/* byte position of the next yield */
	const NaYield *yield;
} NaScanner;

extern void na_scanner_init(NaScanner *sc, const char *text, size_t len,
							const NaYield *yield);
extern bool na_scanner_next(NaScanner *sc, NaToken *tok);
extern NaStatus na_scanner_status(const NaScanner *sc, size_t *err_offset);

/*
 * Sentences.  NaSentence describes one sentence: number from 1, byte and
 * character extent from its first token's start to its last token's end.
 */
typedef struct NaSentence
{
	uint32_t	number;
	size_t		start;
	size_t		len;
	size_t		cstart;
	size_t		clen;
	uint32_t	ntokens;
} NaSentence;

/*
 * NaSplitTokenFn gets each token with its sentence number; NaSentenceFn gets
 * each finished sentence (after all of its tokens).  Either may be NULL.
 * Returning false stops early.
 */
typedef bool (*NaSplitTokenFn) (const NaToken *tok, uint32_t sentence, void *arg);
typedef bool (*NaSentenceFn) (const NaSentence *sent, void *arg);

extern NaStatus na_split(const char *text, size_t len,
						 NaSplitTokenFn tokfn, NaSentenceFn sentfn, void *arg,
						 const NaYield *yield, size_t *err_offset);

/* Is word (ASCII-folded, lower case, no trailing period) a known abbreviation
 * that takes a period ("mr", "feb", "inc")?  Sets *title when it normally
 * precedes a name or number (Mr., Dr., Feb., No.) and so never ends a
 * sentence. */
extern bool na_is_abbreviation(const char *word, size_t len, bool *title);

/* Is the lower-case ASCII word an English stopword? */
extern bool na_is_stopword(const char *word, size_t len);

/*
 * Lexer: index terms.  A lexer is configured once ("english", "simple", or
 * any Snowball language) and reused for many documents; it owns a term cache
 * whose memory stays bounded.  Not thread-safe: one per backend.
 */
typedef struct NaLexer NaLexer;

extern NaStatus na_lexer_create(const char *config, const NaAllocator *alloc,
								NaLexer **out);
extern void na_lexer_destroy(NaLexer *lx);
extern const char *na_lexer_config(const NaLexer *lx);

/* na_lexer_languages: comma-separated list of the configurations accepted. */
extern const char *na_lexer_languages(void);

/*
 * NaTermFn: one index term in text order.  term is not NUL-terminated and
 * is only valid during the call; tok is the token it came from.
 */
typedef bool (*NaTermFn) (const char *term, size_t len, const NaToken *tok,
						  void *arg);

/*
 * na_lexer_terms scans text and calls fn with every index term: words,
 * numbers, abbreviations, URLs, e-mail addresses, hashtags and mentions,
 * normalized (NFKC, case folded, possessive removed), stopwords dropped and
 * words stemmed according to the configuration.  Punctuation and symbols
 * give no terms.
 */
extern NaStatus na_lexer_terms(NaLexer *lx, const char *text, size_t len,
							   NaTermFn fn, void *arg, const NaYield *yield,
							   size_t *err_offset);

/*
 * na_lexer_term: the index term of one token given as a string of a known
 * kind (for the text search dictionary, which sees tokens one at a time);
 * *tlen = 0 when it gives none.  *term is valid until the next call.
 */
extern NaStatus na_lexer_term(NaLexer *lx, const char *s, size_t len,
							  NaTokenKind kind, const char **term, size_t *tlen);

/*
 * na_normalize_token writes the normalized, unstemmed form of tok (a token of
 * text) to out, replacing its contents: NFKC, case folded, entities decoded,
 * dashes and apostrophes unified; for words a trailing possessive is removed.
 * Used by the lexer and by entity extraction.
 */
extern NaStatus na_normalize_token(const char *text, const NaToken *tok,
								   NaBuf *out);

/* Longest term, in bytes, that the lexer emits; longer tokens are skipped. */
#define NA_MAX_TERM_BYTES	256

#endif							/* NA_TOKENIZER_H */
