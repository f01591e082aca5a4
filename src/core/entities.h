/*
 * entities.h
 *		Named-entity recognition, the compiled gazetteer and direct
 *		quotations for news text.
 *
 * Three pieces, all streaming over the core tokenizer (na_split):
 *
 *	NaGazetteer		a hash table of known names (aliases, normalized token by
 *					token) with their canonical name, type and link; built once
 *					from the rows of news.gazetteer and shared by many calls.
 *	na_entities_extract
 *					finds PERSON, ORG, LOC, NORP and MISC mentions from the
 *					gazetteer, capitalization, titles, organization and place
 *					words, a small statistical model trained on CoNLL-2003
 *					train (gen_ner_model.inc) and document memory, and merges
 *					them with pattern spans (DATE, MONEY, ...) found by the
 *					caller, in text order.
 *	na_quotes_extract
 *					finds direct quotations and attributes each to a speaker.
 *
 * Offsets are byte offsets into the input plus character offsets from 0, as
 * in tokenizer.h.  Strings handed to callbacks are only valid during the
 * call.
 */
#ifndef NA_ENTITIES_H
#define NA_ENTITIES_H

#include "doc.h"
#include "na_core.h"

/* Entity types.  na_entity_type_name/_desc follow this order. */
typedef enum NaEntityType
{
	NA_ENT_NONE = 0,
	NA_ENT_PERSON,				/* people, fictional or real */
	NA_ENT_ORG,					/* companies, agencies, parties, teams, media */
	NA_ENT_LOC,					/* countries, cities, regions, geographic
								 * features, buildings */
	NA_ENT_NORP,				/* nationalities, religious and political
								 * groups (Russian, Muslim, Republican) */
	NA_ENT_MISC,				/* events, works, products and other names */
	NA_ENT_TITLE,				/* gazetteer only: a role before a name */
	NA_ENT_GIVEN_NAME,			/* gazetteer only: a first name */
	NA_ENT_TYPE_COUNT
} NaEntityType;

extern const char *na_entity_type_name(NaEntityType type);
extern const char *na_entity_type_desc(NaEntityType type);

/* na_entity_type_parse: the type named name[0..len) (upper case), or
 * NA_ENT_NONE. */
extern NaEntityType na_entity_type_parse(const char *name, size_t len);

/*
 * Gazetteer.  Aliases are tokenized with na_scan and each token normalized
 * (na_normalize_token, case folded); an alias matches a run of tokens of the
 * text with the same normalized forms.  An alias written in capitals only
 * ("US", "WHO") matches capitals only.  An alias may carry several entries
 * (Georgia the country and the state).
 */
typedef struct NaGazetteer NaGazetteer;

extern NaStatus na_gazetteer_create(const NaAllocator *alloc, NaGazetteer **out);

/*
 * na_gazetteer_add copies one row into g.  link may be NULL.  An alias that
 * has no word in it is ignored (NA_OK); invalid UTF-8 gives
 * NA_ERR_INVALID_UTF8; a type other than PERSON..GIVEN_NAME gives
 * NA_ERR_BAD_ARGUMENT.
 */
extern NaStatus na_gazetteer_add(NaGazetteer *g, const char *alias, size_t alen,
								 const char *canonical, size_t clen,
								 NaEntityType type, const char *link, size_t llen);

/* na_gazetteer_size: the number of entries added. */
extern size_t na_gazetteer_size(const NaGazetteer *g);

extern void na_gazetteer_destroy(NaGazetteer *g);

/*
 * na_gazetteer_country returns the country of name (a country, a NORP, a
 * place with a link) as a pointer into g (*out, *outlen), or false.
 */
extern bool na_gazetteer_country(const NaGazetteer *g, const char *name, size_t len,
								 const char **out, size_t *outlen);

/* One entity mention. */
typedef struct NaEntity
{
	NaEntityType type;			/* NA_ENT_NONE for a pattern span */
	const char *type_name;		/* "PERSON", ..., or the span's type */
	const char *canonical;		/* canonical name (not NUL-terminated) */
	size_t		canonical_len;
	const char *link;			/* country of a NORP or place, or NULL */
	size_t		link_len;
	size_t		start;			/* byte offset of the mention */
	size_t		len;
	size_t		cstart;			/* character offset, from 0 */
	size_t		clen;
	uint32_t	sentence;		/* from 1 */
	float		confidence;
} NaEntity;

typedef bool (*NaEntityFn) (const NaEntity *ent, void *arg);

/*
 * NaEntities: entity extraction over an analysed document, window by
 * window, with the document memory (names seen so far) carried from one
 * window to the next.  na_entities_create binds it to doc (which needs
 * NA_DOC_SENTENCES and NA_DOC_NORMS; NA_ERR_BAD_ARGUMENT otherwise), the
 * gazetteer g (may be NULL) and the callback fn, which gets every entity
 * and every pattern span of the document, in text order.  After each
 * na_doc_next, na_entities_window reports the names of the window and the
 * spans that start before its end; na_entities_finish reports the spans
 * after the last window.  fn returning false stops the extraction
 * (na_entities_stopped).  alloc gives the working memory, released by
 * na_entities_destroy.
 */
typedef struct NaEntities NaEntities;

extern NaStatus na_entities_create(NaDoc *doc, const NaGazetteer *g, NaEntityFn fn,
								   void *arg, const NaAllocator *alloc, NaEntities **out);
extern NaStatus na_entities_window(NaEntities *x);
extern NaStatus na_entities_finish(NaEntities *x);
extern bool na_entities_stopped(const NaEntities *x);
extern void na_entities_destroy(NaEntities *x);

/*
 * na_entities_extract finds the entities of text[0..len) and calls fn with
 * each one in text order; spans (may be NULL when nspans is 0) are merged
 * in, and no name overlaps a span.  g may be NULL (no gazetteer).  alloc
 * gives the working memory, all released before returning.  Invalid UTF-8
 * stops with NA_ERR_INVALID_UTF8 (*err_offset set when not NULL); input of
 * 2 GB or more gives NA_ERR_TOO_LARGE.  A convenience over NaDoc and
 * NaEntities.
 */
extern NaStatus na_entities_extract(const NaGazetteer *g, const char *text, size_t len,
									const NaSpan *spans, size_t nspans,
									NaEntityFn fn, void *arg,
									const NaAllocator *alloc, const NaYield *yield,
									size_t *err_offset);

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

/*
 * na_quotes_extract finds the direct quotations of text[0..len), in order,
 * and attributes each to a PERSON (or ORG) found by na_entities_extract.
 * Linear in the input, whatever the quote marks.
 */
extern NaStatus na_quotes_extract(const NaGazetteer *g, const char *text, size_t len,
								  NaQuoteFn fn, void *arg,
								  const NaAllocator *alloc, const NaYield *yield,
								  size_t *err_offset);

#endif							/* NA_ENTITIES_H */
