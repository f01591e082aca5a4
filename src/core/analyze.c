/*
 * analyze.c
 *		One pass over one analysed document for every analysis that is
 *		asked for (see analyze.h).
 *
 * The document is read once, window by window; within a window the
 * lexer, the entity extractor, the sentiment scorer, the keyphrase
 * extractor and the summarizer read the same tokens one after the other,
 * so a window is scanned, split and normalized once whatever the number of
 * analyses.  The quotation finder
 * keeps the persons and organizations of the rules (the built-in model) and
 * then reads the same window for its attributions: with the built-in model
 * the entities are handed both to the caller and to it; with the stacked
 * tagger (the default of news.analyze) the rules' names that the tagger
 * reads go to it as well (na_entities_tap_rules), and with another model a
 * second extractor runs the rules alone for the speakers, as news.quotes
 * does (na_quotes_of_doc with the built-in model), so that both give the
 * same attributions.
 */
#include "analyze.h"

typedef struct Run
{
	const NaAnalysis *a;
	NaQuotes   *quotes;			/* the quotation finder, when the entities
								 * of the caller's model feed it */
} Run;

/* on_entity: an entity (or span) to the quotation finder and the caller */
static bool
on_entity(const NaEntity *e, void *arg)
{
	Run		   *r = arg;

	if (r->quotes && !na_quotes_entity(e, r->quotes))
		return false;
	return !r->a->entity || r->a->entity(e, r->a->arg);
}

/* na_analyze: see analyze.h. */
NaStatus
na_analyze(NaDoc *doc, const NaAnalysis *a, const NaAllocator *alloc)
{
	Run			r = {a, NULL};
	NaQuotes   *quotes = NULL;
	NaEntities *ner = NULL;
	NaEntities *speakers = NULL;	/* the rules, for quotes, beside a model */
	NaSentiment *tone = NULL;
	NaKeywords *kw = NULL;
	NaSummary  *sm = NULL;
	NaStatus	st = NA_OK;
	/* the speakers are not the caller's names (those of a model) */
	bool		apart = a->entity && a->quote && a->model;

	if ((a->keyphrase && (a->keyphrases < 1 || a->keyphrases > NA_KW_MAX_N)) ||
		(a->summary && (a->sentences < 1 || a->sentences > NA_SUM_MAX_SENTENCES)))
		return NA_ERR_BAD_ARGUMENT;
	if (a->quote)
		st = na_quotes_create(alloc, &quotes);
	if (!apart)
		r.quotes = quotes;
	if (st == NA_OK && (a->entity || a->quote))
		st = na_entities_create(doc, a->gazetteer, a->entity ? a->model : NULL, on_entity, &r,
								alloc, &ner);
	/* the stacked model's own pass of the rules names the speakers */
	if (st == NA_OK && apart && !na_entities_tap_rules(ner, na_quotes_entity, quotes))
		st = na_entities_create(doc, a->gazetteer, NULL, na_quotes_entity, quotes, alloc,
								&speakers);
	if (st == NA_OK && a->date)
		na_dates_of_doc(doc, a->published, a->date, a->arg);
	if (st == NA_OK && a->sentiment && a->tone)
		st = na_sentiment_create(doc, a->sentiment, NULL, 0, alloc, na_doc_yield(doc), &tone);
	if (st == NA_OK && a->keyphrase)
		st = na_keywords_create(doc, a->english, alloc, na_doc_yield(doc), &kw);
	if (st == NA_OK && a->summary)
		st = na_summary_create(doc, a->english, alloc, na_doc_yield(doc), &sm);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		if (a->lexer && a->term)
			st = na_lexer_doc_terms(a->lexer, doc, a->term, a->arg);
		if (st == NA_OK && ner)
			st = na_entities_window(ner);
		if (st == NA_OK && speakers)
			st = na_entities_window(speakers);
		if (st == NA_OK && quotes)
			st = na_quotes_window(quotes, doc, a->quote, a->arg);
		if (st == NA_OK && tone)
			st = na_sentiment_window(tone);
		if (st == NA_OK && kw)
			st = na_keywords_window(kw);
		if (st == NA_OK && sm)
			st = na_summary_window(sm);
	}
	if (st == NA_OK && tone)
		na_sentiment_result(na_sentiment_score(tone), a->tone);
	if (st == NA_OK && kw)
		st = na_keywords_finish(kw, a->corpus, a->keyphrases, a->keyphrase, a->arg);
	if (st == NA_OK && sm)
		st = na_summary_finish(sm, a->corpus, a->sentences, a->summary, a->arg);
	if (st == NA_OK && ner)
		st = na_entities_finish(ner);
	na_entities_destroy(ner);
	na_entities_destroy(speakers);
	na_sentiment_destroy(tone);
	na_keywords_destroy(kw);
	na_summary_destroy(sm);
	na_quotes_destroy(quotes);
	return st;
}

/* the CRC of the generated data, from the Makefile (none: 0) */
#ifndef NA_MODEL_CRC
#define NA_MODEL_CRC 0
#endif

/* na_analysis_version: see analyze.h. */
uint32_t
na_analysis_version(void)
{
	return ((uint32_t) (NA_ANALYSIS_VERSION & 0x7f) << 24) | ((uint32_t) NA_MODEL_CRC & 0xffffffu);
}
