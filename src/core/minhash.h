/*
 * minhash.h
 *		Near-duplicate signatures: MinHash over word shingles, LSH band
 *		hashes, exact shingle Jaccard and 64-bit SimHash.
 *
 * Terms.  A document is the sequence of its maximal runs of letters and
 * digits, lower-cased (simple Unicode lower-casing, no normalization), read
 * from the source bytes of the tokenizer's tokens: white space between tokens
 * ends a term, every character that is not a letter, a combining mark or
 * a digit ends one too.  So "U.S." gives "u" "s", "don't" gives "don" "t",
 * "1,000.50" gives "1" "000" "50", and an HTML entity left by a scraper
 * ("#39;", "&amp;") gives its digits or name, as in the raw text.  For
 * ASCII text this is exactly the classic [a-z0-9]+ tokenization of the
 * lower-cased body that published near-duplicate ground truth uses (see
 * src/README.md: decoding entities instead was measured and agreed less with it).
 * No stopwords are removed and nothing is stemmed.
 *
 * Shingles.  A shingle is a run of `shingle` consecutive terms, hashed to
 * 64 bits.  A document with fewer terms than that is one shingle made of
 * its whole term sequence; a document without terms is the empty set.
 *
 * MinHash.  One 64-bit hash per shingle and k cheap permutations
 * pi_i(h) = (a_i * h + b_i) mod 2^64 with odd a_i, keeping the top 32 bits;
 * slot i holds the minimum over the shingles.  The a_i, b_i are fixed
 * (derived from a constant seed), so signatures made anywhere compare.
 * The empty set's signature has every slot at UINT32_MAX.
 */
#ifndef NA_MINHASH_H
#define NA_MINHASH_H

#include "na_core.h"

#define NA_MINHASH_MIN_K		1
#define NA_MINHASH_MAX_K		1024
#define NA_MINHASH_MIN_SHINGLE	1
#define NA_MINHASH_MAX_SHINGLE	32
#define NA_MINHASH_EMPTY_SLOT	UINT32_MAX

/*
 * na_minhash_compute writes the k-slot MinHash signature of text[0..len)
 * over its `shingle`-term shingles to sig (caller's array of k values) and
 * sets *empty when the text has no terms.  NA_ERR_BAD_ARGUMENT for k or
 * shingle out of range; NA_ERR_INVALID_UTF8 with *err_offset for bad input.
 */
extern NaStatus na_minhash_compute(const char *text, size_t len, int k,
								   int shingle, uint32_t *sig, bool *empty,
								   const NaAllocator *alloc,
								   const NaYield *yield, size_t *err_offset);

/*
 * na_minhash_similarity: the fraction of equal slots of two k-slot
 * signatures, the MinHash estimate of their sets' Jaccard similarity.
 * Two empty sets are equal (1.0); an empty and a non-empty set share
 * nothing (0.0): the caller passes the emptiness flags.
 */
extern double na_minhash_similarity(const uint32_t *a, bool a_empty,
									const uint32_t *b, bool b_empty, int k);

/*
 * na_minhash_bands: how many bands of `rows` slots a k-slot signature
 * gives when at most `bands` are wanted (at least 1: a signature shorter
 * than one band is one band of all its slots).
 */
extern int	na_minhash_bands(int k, int bands, int rows);

/*
 * na_minhash_band_hash: a 32-bit hash of band number `band` (slots
 * band*rows .. band*rows+rows-1, clipped to k) of sig, mixed with k, the
 * shingle size and the band number so that equal keys mean equal bands of
 * comparable signatures.
 */
extern uint32_t na_minhash_band_hash(const uint32_t *sig, int k, int shingle,
									 int band, int rows);

/*
 * na_shingle_set returns the sorted, distinct 64-bit shingle hashes of
 * text in *out (allocated from alloc, NULL when *n is 0; the caller
 * releases it).
 */
extern NaStatus na_shingle_set(const char *text, size_t len, int shingle,
							   const NaAllocator *alloc, const NaYield *yield,
							   uint64_t **out, size_t *n, size_t *err_offset);

/*
 * na_shingle_set_jaccard: |A & B| / |A | B| of two sorted distinct hash
 * sets; 1.0 when both are empty.  *inter (may be NULL) gets |A & B|.
 */
extern double na_shingle_set_jaccard(const uint64_t *a, size_t na,
									 const uint64_t *b, size_t nb,
									 size_t *inter);

/*
 * na_simhash: Charikar's 64-bit SimHash of text's terms, each occurrence
 * voting with its term's 64-bit hash (so terms weigh by their frequency).
 * A text without terms hashes to 0.
 */
extern NaStatus na_simhash(const char *text, size_t len, uint64_t *out,
						   const NaAllocator *alloc, const NaYield *yield,
						   size_t *err_offset);

/* na_hamming64: the number of differing bits. */
extern int	na_hamming64(uint64_t a, uint64_t b);

/*
 * NaMhTermFn: one term's 64-bit hash, in text order.  na_minhash_terms
 * runs the term splitting described above; na_minhash_term_hash hashes one
 * term given as its lower-case UTF-8 bytes (both exposed for tests).
 */
typedef void (*NaMhTermFn) (uint64_t hash, void *arg);

extern uint64_t na_minhash_term_hash(const char *term, size_t len);

extern NaStatus na_minhash_terms(const char *text, size_t len, NaMhTermFn fn,
								 void *arg, const NaAllocator *alloc,
								 const NaYield *yield, size_t *err_offset);

#endif							/* NA_MINHASH_H */
