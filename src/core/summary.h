/*
 * summary.h
 *		Extractive summaries of news texts: the sentences that carry an
 *		article, in text order, and of a set of articles (a story).
 *
 * Read from the analysed document (doc.h, layers NA_DOC_SENTENCES and
 * NA_DOC_NORMS).  Only real sentences are candidates: headings, bylines,
 * boilerplate ("Read more ...", "Click here ..."), fragments and quotations
 * cut mid-sentence are never picked, and a dateline opening a sentence
 * ("WASHINGTON (Reuters) -", "(CNN)") is left out of it.  Candidates are
 * scored by their position among the real sentences (news puts the point
 * first) and by their centrality (how much of the article's weighted
 * vocabulary they hold), and picked best first without repeating one
 * another.  See summary.c for the details.
 */
#ifndef NA_SUMMARY_H
#define NA_SUMMARY_H

#include "doc.h"
#include "lexer.h"
#include "na_core.h"
#include "termvec.h"

/* Largest number of sentences one summary may ask for. */
#define NA_SUM_MAX_SENTENCES	100

/* Sentences of a text considered as candidates (the first ones); the rest
 * still count for the vocabulary. */
#define NA_SUM_MAX_CANDIDATES	4096

/* One sentence of a summary. */
typedef struct NaSummarySentence
{
	uint32_t	number;			/* sentence number in the text, from 1 */
	const char *text;			/* the sentence (in the text, not
								 * NUL-terminated), without a dateline */
	size_t		len;
	size_t		start;			/* byte offset */
	size_t		cstart;			/* character offset, from 0 */
	size_t		clen;			/* length in characters */
	float		score;			/* 0..1 */
} NaSummarySentence;

typedef bool (*NaSummaryFn) (const NaSummarySentence *s, void *arg);

/*
 * NaSummary: summarizing one analysed document.  na_summary_create binds
 * it to doc (NA_DOC_SENTENCES | NA_DOC_NORMS, else NA_ERR_BAD_ARGUMENT) and
 * an "english" lexer lx (for the stems); after each na_doc_next giving
 * tokens, na_summary_window reads the window.  na_summary_finish picks k
 * (1..NA_SUM_MAX_SENTENCES) sentences, weighing words against corpus (NULL:
 * the built-in background of keywords.h), and calls fn with them in text
 * order.  A text without a real sentence gives its first sentences with
 * words instead, still never boilerplate.  Memory from alloc, released by
 * na_summary_destroy.
 */
typedef struct NaSummary NaSummary;

extern NaStatus na_summary_create(NaDoc *doc, NaLexer *lx, const NaAllocator *alloc,
								  const NaYield *yield, NaSummary **out);
extern NaStatus na_summary_window(NaSummary *sm);
extern NaStatus na_summary_finish(NaSummary *sm, const NaCorpus *corpus, uint32_t k,
								  NaSummaryFn fn, void *arg);
extern void na_summary_destroy(NaSummary *sm);

/* na_summary_extract: the summary of text[0..len), over NaDoc and
 * NaSummary.  Invalid UTF-8 gives NA_ERR_INVALID_UTF8 (*err_offset set when
 * not NULL); k out of range NA_ERR_BAD_ARGUMENT. */
extern NaStatus na_summary_extract(const char *text, size_t len, NaLexer *lx,
								   const NaCorpus *corpus, uint32_t k,
								   NaSummaryFn fn, void *arg,
								   const NaAllocator *alloc, const NaYield *yield,
								   size_t *err_offset);

/*
 * NaSumAgg: the summary of a set of texts (news.summary_agg).  Each text
 * contributes its NA_SUMAGG_PER_TEXT best sentences with their scores and
 * stems; the result picks the sentences that are most central across the
 * texts (similar to the candidates of the other texts) and good in their
 * own text, without repeating one another, best first.  At most
 * NA_SUMAGG_MAX candidates are kept (past that, the weakest half goes, ties
 * by content).  The state travels as bytes in a fixed byte order
 * (na_sumagg_write, na_sumagg_merge) for partial aggregation.
 */
#define NA_SUMAGG_PER_TEXT	5
#define NA_SUMAGG_MAX		4000
#define NA_SUMAGG_MAX_TEXT	1000	/* bytes of one sentence kept */

typedef struct NaSumAgg NaSumAgg;

extern NaStatus na_sumagg_create(const NaAllocator *alloc, const NaYield *yield,
								 NaSumAgg **out);
extern void na_sumagg_destroy(NaSumAgg *agg);
extern NaStatus na_sumagg_add_text(NaSumAgg *agg, NaSummary *sm, const NaCorpus *corpus);
extern uint64_t na_sumagg_texts(const NaSumAgg *agg);
extern size_t na_sumagg_size(const NaSumAgg *agg);
extern void na_sumagg_write(const NaSumAgg *agg, uint8_t *out);
extern NaStatus na_sumagg_merge(NaSumAgg *agg, const uint8_t *data, size_t len);

/* na_sumagg_result calls fn with the best k (1..NA_SUM_MAX_SENTENCES)
 * sentences, best first (number, start, cstart and clen are 0). */
extern NaStatus na_sumagg_result(NaSumAgg *agg, uint32_t k, NaSummaryFn fn, void *arg);

#endif							/* NA_SUMMARY_H */
