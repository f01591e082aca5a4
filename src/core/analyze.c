/*
 * analyze.c
 *		One pass over one analysed document for every analysis that is
 *		asked for (see analyze.h).
 *
 * The document is read once, window by window; within a window the
 * lexer and the entity extractor read the same tokens one after the
 * other, so a window is scanned, split and normalized once whatever the
 * number of analyses.  Entities are handed both to the caller and to the
 * quotation finder, which keeps the persons and organizations and pairs
 * the quote marks of the text after the last window.
 */
#include "analyze.h"

typedef struct Run
{
	const NaAnalysis *a;
	NaQuotes   *quotes;
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
	NaEntities *ner = NULL;
	NaStatus	st = NA_OK;
	const char *text;
	size_t		len;

	if (a->quote)
		st = na_quotes_create(alloc, &r.quotes);
	if (st == NA_OK && (a->entity || a->quote))
		st = na_entities_create(doc, a->gazetteer, on_entity, &r, alloc, &ner);
	if (st == NA_OK && a->date)
		na_dates_of_doc(doc, a->published, a->date, a->arg);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		if (a->lexer && a->term)
			st = na_lexer_doc_terms(a->lexer, doc, a->term, a->arg);
		if (st == NA_OK && ner)
			st = na_entities_window(ner);
	}
	if (st == NA_OK && ner)
		st = na_entities_finish(ner);
	text = na_doc_text(doc, &len);
	if (st == NA_OK && r.quotes)
		st = na_quotes_run(r.quotes, text, len, a->quote, a->arg, na_doc_yield(doc));
	na_entities_destroy(ner);
	na_quotes_destroy(r.quotes);
	return st;
}
