/*
 * lexer.h
 *		Index terms: token normalization, stopwords, Snowball stemming and a
 *		per-lexer term cache, so that a repeated word costs one hash probe.
 */
#ifndef NA_LEXER_H
#define NA_LEXER_H

#include "doc.h"
#include "tokenizer.h"

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
 * na_lexer_terms calls fn with every index term of text: words,
 * numbers, abbreviations, URLs, e-mail addresses, hashtags and mentions,
 * normalized (NFKC, case folded, possessive removed), stopwords dropped and
 * words stemmed according to the configuration.  Punctuation and symbols
 * give no terms.  The text is read through a token-only NaDoc the lexer
 * keeps for the next call.
 */
extern NaStatus na_lexer_terms(NaLexer *lx, const char *text, size_t len,
							   NaTermFn fn, void *arg, const NaYield *yield,
							   size_t *err_offset);

/*
 * NaSlotFn: na_lexer_slots' callback: a term as NaTermFn gives it, and
 * memo, a number the caller may keep for the token's word in this call (1
 * to NA_MEMO_MAX; other values are not kept): a later token with the same
 * normalized word in the same call finds it in *memo, the first finds 0.
 * A word the term cache does not hold has none (memo NULL), and neither
 * has a token without a term.  news.tsvector keeps there where the word's
 * term is in its set of distinct terms, so that a repeat costs no lookup.
 */
typedef bool (*NaSlotFn) (const char *term, size_t len, const NaToken *tok,
						  uint32_t *memo, void *arg);

#define NA_MEMO_MAX		0xFFFF

/*
 * na_lexer_slots: na_lexer_terms, with memos, and fn also sees, with term
 * NULL and len 0, every token of a kind that gives terms (all but
 * punctuation and symbols) when it gives none: a stopword, a token too
 * long, or one that normalizes to nothing.  Those tokens take a position
 * in a text search parser's count, which news.tsvector reproduces.
 */
extern NaStatus na_lexer_slots(NaLexer *lx, const char *text, size_t len,
							   NaSlotFn fn, void *arg, const NaYield *yield,
							   size_t *err_offset);

/*
 * na_lexer_doc_terms: the index terms of the tokens of doc's current window,
 * as na_lexer_terms gives them (fn returning false ends the window).
 */
extern NaStatus na_lexer_doc_terms(NaLexer *lx, const NaDoc *doc, NaTermFn fn, void *arg);

/*
 * na_lexer_term: the index term of one token given as a string of a known
 * kind (for the text search dictionary, which sees tokens one at a time);
 * *tlen = 0 when it gives none.  *term is valid until the next call.
 */
extern NaStatus na_lexer_term(NaLexer *lx, const char *s, size_t len,
							  NaTokenKind kind, const char **term, size_t *tlen);

/*
 * na_lexer_term_id: news.term_id of the term of a normalized word w[0..n)
 * of the given kind, as na_term_id of na_lexer_term's term; *has false
 * when it gives none (a stopword).  hash is the caller's hash of the word
 * (the analysed document's NaDocNorm.hash).  Words of up to 20 bytes are
 * cached for the life of the lexer, so that the analyses that weigh words
 * by a corpus (keyphrases, summaries) pay one probe for a word met in an
 * earlier text.
 */
extern NaStatus na_lexer_term_id(NaLexer *lx, const char *w, size_t n, uint32_t hash,
								 NaTokenKind kind, uint32_t *id, bool *has);

/* na_lexer_prefetch_id: na_lexer_term_id will soon be asked for a word with
 * this hash; its cache slot is fetched meanwhile. */
extern void na_lexer_prefetch_id(const NaLexer *lx, uint32_t hash);

/*
 * na_normalize_token writes the normalized, unstemmed form of tok (a token of
 * text) to out, replacing its contents: NFKC, case folded, entities decoded,
 * dashes and apostrophes unified; for words a trailing possessive is removed.
 * Used by the lexer and by entity extraction.
 */
extern NaStatus na_normalize_token(const char *text, const NaToken *tok,
								   NaBuf *out);

/*
 * na_ner_normalize appends the normalized form of tok (a token of text) to
 * out: ASCII lower-cased, possessive 's removed; other tokens through
 * na_normalize_token (scratch is a work buffer).  Sets *trim_bytes and
 * *trim_chars to the length of a trailing possessive in the source.
 */
extern NaStatus na_ner_normalize(const char *text, const NaToken *tok, NaBuf *out,
								 NaBuf *scratch, uint8_t *trim_bytes, uint8_t *trim_chars);

/* Longest term, in bytes, that the lexer emits; longer tokens are skipped. */
#define NA_MAX_TERM_BYTES	256

#endif							/* NA_LEXER_H */
