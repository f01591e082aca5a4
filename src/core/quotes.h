/*
 * quotes.h
 *		Who said what: quotations and reported speech, each attributed as
 *		source, cue and content.
 *
 * A NaQuotes finder reads an analysed document (doc.h) window by window,
 * after the entity extractor has reported the window's entities to it
 * (na_quotes_entity, an NaEntityFn: it keeps the PERSON, ORG and NORP
 * mentions).  For each window it pairs the quote marks, finds the cue
 * (said, told, described ... as, according to) and the source of every
 * quotation and of reported speech without quote marks, and resolves the
 * source to the entity it names or refers to (a pronoun, "the minister",
 * "the newspaper").  So the attributions read the entities of the
 * document's own name rules, and the document is analysed once (news.quotes
 * builds it with the names subset of the pattern set only: see
 * na_patterns_create_names).  quotes.c describes the rules.
 *
 * Typical use (na_quotes_of_doc does this):
 *
 *		na_quotes_create(alloc, &q);
 *		na_entities_create(doc, g, model, na_quotes_entity, q, alloc, &x);
 *		while (na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
 *		{
 *			na_entities_window(x);
 *			na_quotes_window(q, doc, fn, arg);
 *		}
 */
#ifndef NA_QUOTES_H
#define NA_QUOTES_H

#include "doc.h"
#include "entities.h"
#include "na_core.h"

/* What kind of attribution a row is.  na_quote_kind_name follows this order. */
typedef enum NaQuoteKind
{
	NA_QUOTE_DIRECT = 0,		/* a fully quoted statement */
	NA_QUOTE_PARTIAL,			/* a quoted fragment inside reported speech */
	NA_QUOTE_SCARE,				/* a quoted term that is not speech */
	NA_QUOTE_INDIRECT,			/* reported speech without quote marks */
	NA_QUOTE_KIND_COUNT
} NaQuoteKind;

extern const char *na_quote_kind_name(NaQuoteKind kind);

/* A stretch of the text: byte and character offsets (characters from 0). */
typedef struct NaQuoteSpan
{
	size_t		start;
	size_t		len;
	size_t		cstart;
	size_t		clen;
} NaQuoteSpan;

/*
 * One attribution.  Strings point into the text or into the finder's
 * memory and are valid during the callback only; they are not
 * NUL-terminated.  A span of length 0 (and a NULL string) means absent.
 */
typedef struct NaQuote
{
	NaQuoteKind kind;
	NaQuoteSpan quote;			/* the quoted words without the outer marks;
								 * for NA_QUOTE_INDIRECT the reported content */
	const char *text;			/* the words of quote, white space collapsed,
								 * paragraphs joined by a space */
	size_t		text_len;
	const char *speaker;		/* canonical name of the entity the source
								 * is or refers to, or NULL */
	size_t		speaker_len;
	const char *mention;		/* the source as written: a name, a pronoun,
								 * "the minister", "officials"; or NULL */
	size_t		mention_len;
	NaQuoteSpan mention_span;
	const char *cue;			/* the cue as written ("said", "according
								 * to", "described as"), or NULL */
	size_t		cue_len;
	NaQuoteSpan cue_span;		/* the cue's (first) word */
	NaQuoteSpan content;		/* what is attributed: the quotation of a
								 * direct quote, the reported clause that
								 * holds a partial quote, the content of
								 * indirect speech; absent for scare quotes */
	float		confidence;		/* of the attribution (of the label for
								 * scare quotes), 0 to 1 */
} NaQuote;

typedef bool (*NaQuoteFn) (const NaQuote *q, void *arg);

typedef struct NaQuotes NaQuotes;

/* na_quotes_create: an empty finder whose memory comes from alloc. */
extern NaStatus na_quotes_create(const NaAllocator *alloc, NaQuotes **out);

/*
 * na_quotes_entity (an NaEntityFn, arg is the NaQuotes): remember one
 * entity of the document as a possible source.  Entities come in text
 * order; false (stop) when memory runs out, which na_quotes_window reports.
 */
extern bool na_quotes_entity(const NaEntity *e, void *quotes);

/*
 * na_quotes_window reports to fn, in text order, the attributions of the
 * current window of doc (which needs NA_DOC_SENTENCES and NA_DOC_NORMS),
 * whose entities were given.  A quotation still open at the end of the
 * window is dropped (a window ends at a sentence end after thousands of
 * tokens).  fn returning false stops the finder (NA_OK is returned, and
 * later windows report nothing).  Linear in the window, whatever the
 * quote marks.
 */
extern NaStatus na_quotes_window(NaQuotes *q, const NaDoc *doc, NaQuoteFn fn,
								 void *arg);

extern void na_quotes_destroy(NaQuotes *q);

/*
 * na_quotes_of_doc: the attributions of doc's text (doc fresh from
 * na_doc_create with NA_DOC_SENTENCES | NA_DOC_NORMS, its spans added),
 * with sources among the entities na_entities_of_doc finds on it with
 * model (NULL: the built-in one).
 */
extern NaStatus na_quotes_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *model,
								 NaQuoteFn fn, void *arg, const NaAllocator *alloc);

/*
 * na_quotes_extract: the attributions of text[0..len) with the entities of
 * na_entities_extract over the same text and spans (may be NULL when nspans
 * is 0).  A convenience over na_quotes_of_doc; errors as
 * na_entities_extract.
 */
extern NaStatus na_quotes_extract(const NaGazetteer *g, const char *text, size_t len,
								  const NaSpan *spans, size_t nspans,
								  NaQuoteFn fn, void *arg,
								  const NaAllocator *alloc, const NaYield *yield,
								  size_t *err_offset);

#endif							/* NA_QUOTES_H */
