/*
 * gazetteer.h
 *		Internals of the compiled gazetteer shared by gazetteer.c,
 *		entities.c and quotes.c (not part of the public API in entities.h).
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

/*
 * na_ner_normalize appends the normalized form of tok (a token of text) to
 * out: ASCII lower-cased, possessive 's removed; other tokens through
 * na_normalize_token (scratch is a work buffer).  Sets *trim_bytes and
 * *trim_chars to the length of a trailing possessive in the source.
 */
extern NaStatus na_ner_normalize(const char *text, const NaToken *tok, NaBuf *out,
								 NaBuf *scratch, uint8_t *trim_bytes, uint8_t *trim_chars);

#endif							/* NA_GAZETTEER_H */
