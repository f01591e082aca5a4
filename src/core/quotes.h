/*
 * quotes.h
 *		Direct quotations and their speakers.
 *
 * A NaQuotes finder is told the entities of a document (na_quotes_entity,
 * an NaEntityFn: it keeps the PERSON and ORG mentions) and then pairs the
 * quote marks of the text and attributes each quotation to one of them
 * (na_quotes_run).  So the quotations of news.analyze and of news.quotes
 * see the very entities news.entities reports, pattern spans included,
 * and the document is analysed once.  quotes.c describes the rules.
 */
#ifndef NA_QUOTES_H
#define NA_QUOTES_H

#include "entities.h"
#include "na_core.h"

/* One direct quotation. */
typedef struct NaQuote
{
	size_t		start;			/* byte offset of the first quoted byte */
	size_t		len;			/* up to the last quoted byte */
	size_t		cstart;
	size_t		clen;
	const char *text;			/* the quoted words, paragraphs joined by a
								 * space (not NUL-terminated) */
	size_t		text_len;
	const char *speaker;		/* canonical name of the speaker, or NULL */
	size_t		speaker_len;
	const char *mention;		/* the speaker as written, or NULL */
	size_t		mention_len;
} NaQuote;

typedef bool (*NaQuoteFn) (const NaQuote *q, void *arg);

typedef struct NaQuotes NaQuotes;

/* na_quotes_create: an empty finder whose memory comes from alloc. */
extern NaStatus na_quotes_create(const NaAllocator *alloc, NaQuotes **out);

/*
 * na_quotes_entity (an NaEntityFn, arg is the NaQuotes): remember one
 * entity of the document as a possible speaker.  Entities come in text
 * order; false (stop) when memory runs out, which na_quotes_run reports.
 */
extern bool na_quotes_entity(const NaEntity *e, void *quotes);

/*
 * na_quotes_run finds the direct quotations of text[0..len) (the text whose
 * entities were given), in order, and attributes each to a PERSON (or ORG)
 * among them.  Linear in the input, whatever the quote marks.
 */
extern NaStatus na_quotes_run(NaQuotes *q, const char *text, size_t len,
							  NaQuoteFn fn, void *arg, const NaYield *yield);

extern void na_quotes_destroy(NaQuotes *q);

/*
 * na_quotes_of_doc: the quotations of doc's text (doc fresh from
 * na_doc_create, with its spans added), with speakers among the entities
 * na_entities_of_doc finds on it.
 */
extern NaStatus na_quotes_of_doc(NaDoc *doc, const NaGazetteer *g, NaQuoteFn fn,
								 void *arg, const NaAllocator *alloc);

/*
 * na_quotes_extract: the quotations of text[0..len) with speakers from
 * na_entities_extract over the same text and spans (may be NULL when
 * nspans is 0).  A convenience over na_quotes_of_doc; errors as
 * na_entities_extract.
 */
extern NaStatus na_quotes_extract(const NaGazetteer *g, const char *text, size_t len,
								  const NaSpan *spans, size_t nspans,
								  NaQuoteFn fn, void *arg,
								  const NaAllocator *alloc, const NaYield *yield,
								  size_t *err_offset);

#endif							/* NA_QUOTES_H */
