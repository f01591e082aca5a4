/*
 * gazetteer.h
 *		The compiled gazetteer: known names (aliases) with their canonical
 *		name, type and link, built once from the rows of news.gazetteer and
 *		shared by many calls; and its internals, which the entity rules
 *		read directly.
 *
 * Keys are normalized token sequences joined by single spaces ("new york",
 * "u.s."), hashed with 32-bit FNV-1a so that a key can be hashed token by
 * token while a match is extended.  Every proper prefix of a multi-token
 * alias is also in the table, marked as a prefix, so that the longest match
 * stops as soon as no alias can continue.
 */
#ifndef NA_GAZETTEER_H
#define NA_GAZETTEER_H

#include "entities.h"
#include "tokenizer.h"

#include <string.h>

/*
 * Gazetteer.  Aliases are tokenized with na_scan and each token normalized
 * (na_normalize_token, case folded); an alias matches a run of tokens of the
 * text with the same normalized forms.  An alias written in capitals only
 * ("US", "WHO") matches capitals only.  An alias may carry several entries
 * (Georgia the country and the state).
 */

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
 * Stop-entities (src/core/stop_entities.c), the user's control over what
 * the gazetteer's extraction reports, as news.stop_entities holds it: a
 * name (compared with the canonical name and with the mention as written,
 * ignoring ASCII case) and optionally a type is never an entity
 * (NA_STOP_DROP) or always gets the type forced (NA_STOP_FORCE).
 * na_gazetteer_add_stop adds one rule (type NA_ENT_NONE: any type; forced
 * only for NA_STOP_FORCE); NA_ERR_BAD_ARGUMENT for an empty name.
 * na_gazetteer_stop returns the action for an entity of type called name
 * (a rule with the type before one for any type), NA_STOP_NONE if none,
 * and sets *forced for NA_STOP_FORCE.
 */
typedef enum NaStopAction
{
	NA_STOP_NONE = 0,
	NA_STOP_DROP,
	NA_STOP_FORCE
} NaStopAction;

extern NaStatus na_gazetteer_add_stop(NaGazetteer *g, const char *name, size_t len,
									  NaEntityType type, NaStopAction action,
									  NaEntityType forced);
extern NaStopAction na_gazetteer_stop(const NaGazetteer *g, const char *name, size_t len,
									  NaEntityType type, NaEntityType *forced);
extern void na_gazetteer_free_stops(NaGazetteer *g);

/*
 * na_gazetteer_country returns the country of name (a country, a NORP, a
 * place with a link) as a pointer into g (*out, *outlen), or false.
 */
extern bool na_gazetteer_country(const NaGazetteer *g, const char *name, size_t len,
								 const char **out, size_t *outlen);

/* ---------------------------------------------------------------------
 * Internals (entities.c, quotes.c)
 * ------------------------------------------------------------------- */

/* One gazetteer row; strings are offsets into NaGazetteer.strings. */
typedef struct GzEntry
{
	uint32_t	canon_off;
	uint32_t	canon_len;
	uint32_t	link_off;
	uint32_t	link_len;		/* 0: no link */
	uint32_t	next;			/* next entry of the same alias, index + 1 */
	uint8_t		type;			/* NaEntityType */
	uint8_t		caps_only;		/* alias is short and all capitals */
} GzEntry;

typedef struct GzSlot
{
	uint32_t	hash;
	uint32_t	key_off;		/* 0 = empty slot (offset 0 is never a key) */
	uint32_t	key_len;
	uint32_t	first;			/* first entry, index + 1; 0 = prefix only */
	uint8_t		prefix;			/* some longer alias continues this key */
	uint8_t		country;		/* key is a country (a link target) */
} GzSlot;

struct NaGazetteer
{
	const NaAllocator *alloc;
	NaBuf		strings;		/* keys, canonical names, links */
	GzEntry    *entries;
	size_t		nentries;
	size_t		capentries;
	GzSlot	   *slots;
	size_t		nslots;			/* power of two */
	size_t		nused;
	uint32_t	maxtokens;		/* longest alias, in tokens */
	NaBuf		key;			/* scratch for na_gazetteer_add */
	NaBuf		norm;
	struct GzStops *stops;		/* stop-entities (stop_entities.c), or NULL */
};

/* gz_find: the slot of key (hash h), or NULL. */
static inline const GzSlot *
gz_find(const NaGazetteer *g, const char *key, size_t len, uint32_t h)
{
	size_t		mask;
	size_t		i;

	if (!g || g->nslots == 0)
		return NULL;
	mask = g->nslots - 1;
	for (i = h & mask;; i = (i + 1) & mask)
	{
		const GzSlot *s = &g->slots[i];

		if (s->key_off == 0)
			return NULL;
		if (s->hash == h && s->key_len == len &&
			memcmp(g->strings.data + s->key_off, key, len) == 0)
			return s;
	}
}

static inline const GzEntry *
gz_entry(const NaGazetteer *g, uint32_t idx1)
{
	return idx1 ? &g->entries[idx1 - 1] : NULL;
}

static inline const char *
gz_str(const NaGazetteer *g, uint32_t off)
{
	return g->strings.data + off;
}

#endif							/* NA_GAZETTEER_H */
