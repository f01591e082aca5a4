/*
 * keywords.h
 *		Keyphrases of a news text: the phrases of one to four words that say
 *		what it is about, in their surface form, ranked.
 *
 * Read from the analysed document (doc.h, layers NA_DOC_SENTENCES and
 * NA_DOC_NORMS) window by window; candidates are runs of nouns, adjectives
 * and names between function words, verbs and punctuation, where a name (a
 * run of capitalized words such as "European Central Bank") is one unit
 * that is never split; a lone surname joins the full name met in the same
 * text.  Candidates are grouped by their stems (so "rate" and "rates" are
 * one), scored by a small model (boosted regression trees) over frequency, rarity against a
 * corpus, position, form and how often its words were keyphrases of the
 * texts that had them (gen_keyword_model.inc, trained on the train split
 * of 500N-KPCrowd), and reported best first, a phrase that repeats or
 * contains a better one left out (a name may contain a word reported).  See keywords.c for the details.
 *
 * Rarity comes from document frequencies keyed by news.term_id of the
 * stems (termvec.h): a corpus given by the caller (news.corpus), or the
 * built-in background frequencies of na_keywords_background.
 */
#ifndef NA_KEYWORDS_H
#define NA_KEYWORDS_H

#include "doc.h"
#include "lexer.h"
#include "na_core.h"
#include "termvec.h"

/* Largest number of keyphrases one call reports. */
#define NA_KW_MAX_N			1000

/* Candidate phrases kept per document; later new ones are not counted. */
#define NA_KW_MAX_CANDIDATES	(1 << 17)

/* Words of a keyphrase. */
#define NA_KW_MAX_WORDS		4

typedef enum NaKeyphraseKind
{
	NA_KP_WORD = 1,				/* one common word: "inflation" */
	NA_KP_PHRASE,				/* several words: "interest rates" */
	NA_KP_NAME					/* a name: "European Central Bank", "Obama" */
} NaKeyphraseKind;

extern const char *na_keyphrase_kind_name(NaKeyphraseKind kind);

/* One keyphrase. */
typedef struct NaKeyphrase
{
	const char *phrase;			/* surface form as written (in the text, not
								 * NUL-terminated) */
	size_t		phrase_len;
	float		score;			/* 0..1, the model's belief it is a keyphrase */
	uint32_t	count;			/* mentions (a surname counts for its name) */
	NaKeyphraseKind kind;
	size_t		start;			/* byte offset of the mention shown */
	size_t		cstart;			/* its character offset, from 0 */
	size_t		clen;			/* its length in characters */
	uint32_t	sentence;		/* sentence of the first mention, from 1 */
	uint64_t	key;			/* hash of the stems: same key, same phrase */
} NaKeyphrase;

typedef bool (*NaKeyphraseFn) (const NaKeyphrase *kp, void *arg);

/*
 * NaKeywords: keyphrase extraction over an analysed document.
 * na_keywords_create binds it to doc (NA_DOC_SENTENCES | NA_DOC_NORMS, else
 * NA_ERR_BAD_ARGUMENT) and to lx, an "english" lexer (the stems, and so
 * the term ids of a corpus, are its terms); after each na_doc_next that
 * gives tokens, na_keywords_window reads the window.  na_keywords_finish
 * scores the candidates against corpus (NULL: the built-in background)
 * and calls fn with the best n (1..NA_KW_MAX_N) in rank order; fn
 * returning false stops.  All memory comes from alloc and is released by
 * na_keywords_destroy; yield is called from every loop that grows with the
 * input.
 */
typedef struct NaKeywords NaKeywords;

extern NaStatus na_keywords_create(NaDoc *doc, NaLexer *lx, const NaAllocator *alloc,
								   const NaYield *yield, NaKeywords **out);
extern NaStatus na_keywords_window(NaKeywords *kw);
extern NaStatus na_keywords_finish(NaKeywords *kw, const NaCorpus *corpus, uint32_t n,
								   NaKeyphraseFn fn, void *arg);
extern void na_keywords_destroy(NaKeywords *kw);

/*
 * na_keywords_extract: the keyphrases of text[0..len), a convenience over
 * NaDoc and NaKeywords.  Invalid UTF-8 gives NA_ERR_INVALID_UTF8
 * (*err_offset set when not NULL); n outside 1..NA_KW_MAX_N gives
 * NA_ERR_BAD_ARGUMENT.
 */
extern NaStatus na_keywords_extract(const char *text, size_t len, NaLexer *lx,
									const NaCorpus *corpus, uint32_t n,
									NaKeyphraseFn fn, void *arg,
									const NaAllocator *alloc, const NaYield *yield,
									size_t *err_offset);

/* na_keywords_background: the built-in document frequencies (Reuters-21578,
 * BBC News and AG News, gen_keyword_df.inc) as a corpus. */
extern const NaCorpus *na_keywords_background(void);

/* na_keywords_df: the document frequency of term id in corpus, the
 * background when corpus is NULL or the background (a faster lookup). */
extern int64_t na_keywords_df(const NaCorpus *corpus, uint32_t id);

/*
 * NaWordCache: the distinct normalized words of a document (or of a few),
 * as keyphrases and summaries read them, so that a repeated word costs one
 * probe, by its NaDocNorm hash and form (na_word_cache_find, which gives
 * the number of its entry).  An entry holds the word's class, the term id
 * of its stem (news.term_id of the "english" lexer's term, resolved by
 * na_word_cache_stem on first need, with the kind of the token that needs
 * it), and an index and marks its owner attaches (an entry of the owner's
 * own table of stems, what it learnt of the word).  At most
 * NA_KW_MAX_CANDIDATES words are kept: for a later one na_word_cache_find
 * gives NA_WORD_NONE and the caller goes to na_word_class and
 * na_lexer_term_id itself.  A new word's term id slot in the lexer is
 * prefetched (na_lexer_prefetch_id).
 */
#define NA_WORD_NONE	UINT32_MAX

typedef struct NaWordEntry
{
	uint32_t	hash;			/* NaDocNorm.hash */
	uint32_t	off;			/* the form, in the cache's own copy */
	uint16_t	len;
	uint16_t	wc;				/* na_word_class(hash) */
	uint8_t		stem;			/* NA_WS_*: is the stem known, is there one */
	uint8_t		marks;			/* the owner's, 0 until it sets them */
	uint32_t	id;				/* term id of the stem (NA_WS_TERM) */
	uint32_t	index;			/* the owner's, UINT32_MAX until it sets one */
} NaWordEntry;

#define NA_WS_UNKNOWN	0		/* na_word_cache_stem not called yet */
#define NA_WS_TERM		1		/* the word gives a term: id */
#define NA_WS_NONE		2		/* it gives none (a stopword) */

typedef struct NaWordCache NaWordCache;

extern NaStatus na_word_cache_create(NaLexer *lx, const NaAllocator *alloc, NaWordCache **out);
extern void na_word_cache_destroy(NaWordCache *c);

/* na_word_cache_find: *entry gets the number of the entry of w[0..n), made
 * if new, or NA_WORD_NONE when the cache is full. */
extern NaStatus na_word_cache_find(NaWordCache *c, const char *w, size_t n, uint32_t hash,
								   uint32_t *entry);

/* na_word_cache_reserve makes room for n more words at once (the tokens of
 * a window, say), instead of growing a step at a time. */
extern NaStatus na_word_cache_reserve(NaWordCache *c, size_t n);

/* na_word_cache_at: entry number e (valid until the next na_word_cache_find). */
extern NaWordEntry *na_word_cache_at(NaWordCache *c, uint32_t e);

/* na_word_cache_stem resolves the stem of entry e, read as a token of the
 * given kind, unless it is known. */
extern NaStatus na_word_cache_stem(NaWordCache *c, uint32_t e, NaTokenKind kind);

/*
 * NaKeyAgg: the keyphrases of a set of texts (news.keywords_agg).  Each
 * text contributes its best NA_KEYAGG_PER_TEXT keyphrases; a phrase's
 * score is the sum of its scores over the texts divided by the number of
 * texts, so that a phrase of many texts ranks first.  The state is kept
 * to NA_KEYAGG_MAX phrases (past that, the weakest half is dropped, ties
 * by key, so the result can depend on the order of a very large input),
 * and it travels as bytes (na_keyagg_write, na_keyagg_merge), in a fixed
 * byte order, so that partial states can be combined on other processes
 * or nodes.  A phrase shows the surface form with the most mentions (ties:
 * the bytewise smaller).
 */
#define NA_KEYAGG_PER_TEXT	30
#define NA_KEYAGG_MAX		20000

typedef struct NaKeyAgg NaKeyAgg;

extern NaStatus na_keyagg_create(const NaAllocator *alloc, const NaYield *yield,
								 NaKeyAgg **out);
extern void na_keyagg_destroy(NaKeyAgg *agg);

/* na_keyagg_add_text: the keyphrases of kw (read to its end) against
 * corpus (NULL: background), as one more text. */
extern NaStatus na_keyagg_add_text(NaKeyAgg *agg, NaKeywords *kw, const NaCorpus *corpus);

/* na_keyagg_texts: the number of texts counted. */
extern uint64_t na_keyagg_texts(const NaKeyAgg *agg);

/* na_keyagg_size, na_keyagg_write: the state as bytes (size first). */
extern size_t na_keyagg_size(const NaKeyAgg *agg);
extern void na_keyagg_write(const NaKeyAgg *agg, uint8_t *out);

/* na_keyagg_merge adds a state written by na_keyagg_write;
 * NA_ERR_BAD_LITERAL when the bytes are not one. */
extern NaStatus na_keyagg_merge(NaKeyAgg *agg, const uint8_t *data, size_t len);

/*
 * na_keyagg_result calls fn with the best n (1..NA_KW_MAX_N) phrases in
 * rank order, with the number of texts that had each (phrase points into
 * agg; start, cstart, clen and sentence are 0; count is the mentions over
 * all texts; score the mean score).  A phrase whose words, case folded,
 * occur inside one already reported, or contain it, is left out.
 */
typedef bool (*NaKeyAggFn) (const NaKeyphrase *kp, uint32_t ntexts, void *arg);
extern NaStatus na_keyagg_result(NaKeyAgg *agg, uint32_t n, NaKeyAggFn fn, void *arg);

/*
 * Training interface (src/tools/keyword_features.c): na_keywords_features
 * calls fn with every candidate that was not merged into another, its
 * NA_KW_NFEATURES features (the model's input), its surface form and the
 * term ids of its nids words (what the keyphraseness prior of the model is
 * keyed by), in no particular order.  Used instead of na_keywords_finish.
 */
#define NA_KW_NFEATURES	21

/* The feature that is the keyphraseness prior (the generator of the model
 * replaces it, in training, with its value left one text out). */
#define NA_KW_FEATURE_PRIOR	18

extern const char *const na_keywords_feature_names[NA_KW_NFEATURES];

typedef bool (*NaKeyFeatureFn) (const NaKeyphrase *kp, const float *features,
								const uint32_t *ids, int nids, void *arg);
extern NaStatus na_keywords_features(NaKeywords *kw, const NaCorpus *corpus,
									 NaKeyFeatureFn fn, void *arg);

/*
 * na_keywords_candidates: as na_keywords_features, after the merging of
 * na_keywords_finish as well (a part of a phrase that never occurs outside
 * it joins the phrase): the candidates the final selection chooses from,
 * for the ceiling of test/eval/keywords.py.  Used instead of
 * na_keywords_finish.
 */
extern NaStatus na_keywords_candidates(NaKeywords *kw, const NaCorpus *corpus,
									   NaKeyFeatureFn fn, void *arg);

/*
 * Word classes, from the part-of-speech tags of CoNLL-2003 train
 * (gen_keyword_words.inc), looked up by the FNV-1a hash of a normalized
 * word (NaDocNorm.hash).  Shared with summary.c.
 */
#define NA_WC_NOUN		0x00	/* or anything else that can end a phrase */
#define NA_WC_ADJ		0x01	/* an adjective: opens a phrase, never ends one */
#define NA_WC_BREAK		0x02	/* verbs, adverbs, function words */
#define NA_WC_CLASS		0x03
#define NA_WC_VERB		0x04	/* most often a finite verb */
#define NA_WC_TITLE		0x08	/* a title before a name: "president", "mr" */
#define NA_WC_STOP		0x10	/* a stopword (as na_is_stopword, apostrophes
								 * allowed: "don't") */
#define NA_WC_CONNECT	0x20	/* joins parts of a name: "of", "de", "van" */
#define NA_WC_CALENDAR	0x40	/* a month or a day of the week */
#define NA_WC_UNKNOWN	0x80	/* not in the table (a name, a rare word) */
#define NA_WC_CUE		0x100	/* a word of a boilerplate cue (summary.c) */

extern unsigned na_word_class(uint32_t hash);

#endif							/* NA_KEYWORDS_H */
