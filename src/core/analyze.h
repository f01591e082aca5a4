/*
 * analyze.h
 *		Everything a document yields, in one pass over one analysed
 *		document: index terms, entities, quotations, dates, the tone,
 *		keyphrases and a summary.
 *
 * The caller fills an NaAnalysis with the callbacks of the analyses it
 * wants (NULL for the others) and na_analyze reads the windows of the
 * document once, handing each window to the lexer, the entity extractor
 * and the quotation finder (which reads the rules' entities of that
 * window), the sentiment scorer, the keyphrase extractor and the
 * summarizer in turn, and the dates come from the document's pattern
 * spans.  Each analysis reports in its own order (text order; keyphrases
 * best first); the analyses are not interleaved in any particular way.
 */
#ifndef NA_ANALYZE_H
#define NA_ANALYZE_H

#include "dates.h"
#include "doc.h"
#include "entities.h"
#include "lexer.h"
#include "keywords.h"
#include "na_core.h"
#include "quotes.h"
#include "sentiment.h"
#include "summary.h"

typedef struct NaAnalysis
{
	void	   *arg;			/* passed to every callback */
	NaLexer    *lexer;			/* index terms with this lexer ... */
	NaTermFn	term;			/* ... to term, or NULL for none */
	const NaGazetteer *gazetteer;	/* for entities and quotations (may be
									 * NULL: no gazetteer) */
	NaNerModel *model;			/* the entity model of entity (NULL: the
								 * built-in rules); the speakers of quote
								 * are always the rules' names, as
								 * na_quotes_of_doc's with model NULL */
	NaEntityFn	entity;			/* entities and pattern spans, or NULL */
	NaQuoteFn	quote;			/* attributions (quotations and reported
								 * speech), or NULL */
	NaDateFn	date;			/* DATE mentions, resolved, or NULL */
	const int32_t *published;	/* publication date for the dates, or NULL */
	const NaSentimentModel *sentiment;	/* the document's tone with this model
										 * ... */
	NaSentimentResult *tone;	/* ... into *tone, or NULL for none */
	NaLexer    *english;		/* the "english" lexer of keyphrases and
								 * summary (their stems) */
	const NaCorpus *corpus;		/* keyphrases and summary weigh words
								 * against it (NULL: the background) */
	NaKeyphraseFn keyphrase;	/* the best keyphrases, or NULL for none
								 * ... */
	uint32_t	keyphrases;		/* ... this many (1..NA_KW_MAX_N) */
	NaSummaryFn summary;		/* the summary's sentences, or NULL for
								 * none ... */
	uint32_t	sentences;		/* ... this many (1..NA_SUM_MAX_SENTENCES) */
} NaAnalysis;

/*
 * na_analyze runs the analyses of a over doc, which is fresh from
 * na_doc_create with its pattern spans added; entities and quotations need
 * the layers NA_DOC_SENTENCES and NA_DOC_NORMS (NA_ERR_BAD_ARGUMENT
 * otherwise), and so do the tone, keyphrases and summary.  The keyphrases
 * and the summary are those of na_keywords_extract and na_summary_extract
 * over the same text: they do not read the document's pattern spans and
 * blocks.  A number of keyphrases or sentences out of range gives
 * NA_ERR_BAD_ARGUMENT.  alloc gives the working memory, released before it
 * returns.
 * Errors as the analyses' own (NA_ERR_INVALID_UTF8: na_doc_error_offset).
 */
extern NaStatus na_analyze(NaDoc *doc, const NaAnalysis *a, const NaAllocator *alloc);

/*
 * NA_ANALYSIS_VERSION: the version of what the analyses of this library
 * yield.  Bump it when an analysis' output changes: a rule, a model, the
 * tokenizer or sentence splitter, anything that moves an entity, a
 * quotation, a date, a term, a keyphrase, a summary sentence, the tone or
 * the vectors the stories read (a change that only makes an analysis
 * faster keeps it).  Stored results carry it: news.refresh analyses again,
 * in batches, every article of a tracked table stamped with another
 * version (news.pipeline_stamp, 80_pipeline.sql).  It wraps after 127.
 *
 * The generated data (src/core/gen_*.inc: the models, dictionaries and
 * word lists) is folded in by the build without a bump: the Makefile
 * passes a CRC of those files as NA_MODEL_CRC.
 */
#define NA_ANALYSIS_VERSION 2

/*
 * na_analysis_version returns the analysis version of this build, a
 * positive 31-bit number: NA_ANALYSIS_VERSION (modulo 128) in bits 24 to
 * 30 and the low 24 bits of NA_MODEL_CRC (0 when the build gives none)
 * below them.
 */
extern uint32_t na_analysis_version(void);

#endif							/* NA_ANALYZE_H */
