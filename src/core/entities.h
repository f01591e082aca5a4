/*
 * entities.h
 *		Named-entity recognition for news text: PERSON, ORG, LOC, NORP and
 *		MISC mentions, merged with the pattern spans of the document.
 *
 * Entities are found on the analysed document (doc.h), window by window,
 * from the gazetteer (gazetteer.h), capitalization, titles, organization and
 * place words, an entity model (ner_model.h) and the document's memory of
 * the names it has seen, and are merged with the document's pattern spans
 * (DATE, MONEY, ...) in text order.  Direct quotations, which are
 * attributed to these entities, are in quotes.h.
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

/* The compiled gazetteer (gazetteer.h) and an entity model (ner_model.h). */
typedef struct NaGazetteer NaGazetteer;
typedef struct NaNerModel NaNerModel;

/* One entity mention. */
typedef struct NaEntity
{
	NaEntityType type;			/* NA_ENT_NONE for a pattern span or a
								 * type of a learned model of its own */
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

extern NaStatus na_entities_create(NaDoc *doc, const NaGazetteer *g, NaNerModel *model,
								   NaEntityFn fn, void *arg, const NaAllocator *alloc,
								   NaEntities **out);
extern NaStatus na_entities_window(NaEntities *x);

/*
 * na_entities_tap_rules gives an extractor of a stacked model (one whose
 * tagger reads the rules' names) a second listener, fn, which gets the
 * rules' names of each window and the pattern spans, exactly as the
 * listener of an extractor of the rules (model NULL) would, before fn of
 * na_entities_create gets the stacked model's; fn returning false stops
 * only it.  Returns false, and taps nothing, for another model: the caller
 * then runs an extractor of the rules of its own.  Call it before the
 * first window.
 */
extern bool na_entities_tap_rules(NaEntities *x, NaEntityFn fn, void *arg);
extern NaStatus na_entities_finish(NaEntities *x);
extern bool na_entities_stopped(const NaEntities *x);
extern void na_entities_destroy(NaEntities *x);

/*
 * na_entities_of_doc reads every window of doc (fresh from na_doc_create,
 * with its spans added) and reports its entities and spans to fn, as a
 * NaEntities does.
 */
extern NaStatus na_entities_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *model,
								   NaEntityFn fn, void *arg, const NaAllocator *alloc);

/*
 * na_entities_extract finds the entities of text[0..len) and calls fn with
 * each one in text order; spans (may be NULL when nspans is 0) are merged
 * in, and no name overlaps a span; markup and feed artefacts are blocked
 * (markup.h).  g may be NULL (no gazetteer); the model is the built-in
 * one.  alloc
 * gives the working memory, all released before returning.  Invalid UTF-8
 * stops with NA_ERR_INVALID_UTF8 (*err_offset set when not NULL); input of
 * 2 GB or more gives NA_ERR_TOO_LARGE.  A convenience over
 * na_entities_of_doc.
 */
extern NaStatus na_entities_extract(const NaGazetteer *g, const char *text, size_t len,
									const NaSpan *spans, size_t nspans,
									NaEntityFn fn, void *arg,
									const NaAllocator *alloc, const NaYield *yield,
									size_t *err_offset);

#endif							/* NA_ENTITIES_H */
