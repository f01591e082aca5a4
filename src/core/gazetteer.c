/*
 * gazetteer.c
 *		The compiled gazetteer: an open-addressing hash table from normalized
 *		aliases (and their prefixes) to entries with canonical name, type and
 *		link.
 *
 * The table is built once from the rows of news.gazetteer (the glue keeps it
 * in a long-lived memory context until the table changes) and then only
 * read.  Aliases are tokenized with the same scanner as the text and
 * normalized as the analysed document normalizes its tokens
 * (na_ner_normalize in lexer.c), so "U.S." and "Secretary of State" are
 * matched token by token.
 */
#include "gazetteer.h"

#include <string.h>

#include "lexer.h"

/* na_gazetteer_create: an empty gazetteer whose memory comes from alloc. */
NaStatus
na_gazetteer_create(const NaAllocator *alloc, NaGazetteer **out)
{
	NaGazetteer *g = na_alloc(alloc, sizeof(NaGazetteer));
	NaStatus	st;

	*out = NULL;
	if (!g)
		return NA_ERR_NOMEM;
	memset(g, 0, sizeof(*g));
	g->alloc = alloc;
	na_buf_init(&g->strings, alloc);
	na_buf_init(&g->key, alloc);
	na_buf_init(&g->norm, alloc);
	/* offset 0 marks empty slots: start the string pool with one byte */
	if ((st = na_buf_append(&g->strings, "", 1)) != NA_OK)
	{
		na_release(alloc, g);
		return st;
	}
	g->nslots = 1024;
	g->slots = na_alloc(alloc, g->nslots * sizeof(GzSlot));
	if (!g->slots)
	{
		na_buf_free(&g->strings);
		na_release(alloc, g);
		return NA_ERR_NOMEM;
	}
	memset(g->slots, 0, g->nslots * sizeof(GzSlot));
	*out = g;
	return NA_OK;
}

/* na_gazetteer_destroy releases everything g owns. */
void
na_gazetteer_destroy(NaGazetteer *g)
{
	if (!g)
		return;
	na_buf_free(&g->strings);
	na_buf_free(&g->key);
	na_buf_free(&g->norm);
	na_gazetteer_free_stops(g);
	na_release(g->alloc, g->entries);
	na_release(g->alloc, g->slots);
	na_release(g->alloc, g);
}

/* na_gazetteer_size: the number of rows added. */
size_t
na_gazetteer_size(const NaGazetteer *g)
{
	return g ? g->nentries : 0;
}

static NaStatus
gz_grow(NaGazetteer *g)
{
	size_t		n = g->nslots * 2;
	GzSlot	   *s = na_alloc(g->alloc, n * sizeof(GzSlot));

	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, n * sizeof(GzSlot));
	for (size_t i = 0; i < g->nslots; i++)
	{
		GzSlot	   *o = &g->slots[i];
		size_t		j;

		if (o->key_off == 0)
			continue;
		for (j = o->hash & (n - 1); s[j].key_off != 0; j = (j + 1) & (n - 1))
			;
		s[j] = *o;
	}
	na_release(g->alloc, g->slots);
	g->slots = s;
	g->nslots = n;
	return NA_OK;
}

/* gz_slot: the slot of key, inserted (empty) when missing. */
static NaStatus
gz_slot(NaGazetteer *g, const char *key, size_t len, GzSlot **out)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT, key, len);
	size_t		mask;
	size_t		i;
	NaStatus	st;
	size_t		off;

	if ((g->nused + 1) * 2 > g->nslots && (st = gz_grow(g)) != NA_OK)
		return st;
	mask = g->nslots - 1;
	for (i = h & mask; g->slots[i].key_off != 0; i = (i + 1) & mask)
	{
		GzSlot	   *s = &g->slots[i];

		if (s->hash == h && s->key_len == len &&
			memcmp(g->strings.data + s->key_off, key, len) == 0)
		{
			*out = s;
			return NA_OK;
		}
	}
	if (len > UINT32_MAX / 2 || g->strings.len + len > UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	off = g->strings.len;
	/* key may point into g->key, never into strings: safe to append */
	if ((st = na_buf_append(&g->strings, key, len)) != NA_OK)
		return st;
	g->slots[i].hash = h;
	g->slots[i].key_off = (uint32_t) off;
	g->slots[i].key_len = (uint32_t) len;
	g->nused++;
	*out = &g->slots[i];
	return NA_OK;
}

typedef struct AliasScan
{
	NaGazetteer *g;
	const char *text;
	NaStatus	st;
	uint32_t	ntokens;
	uint32_t	letters;
	bool		all_caps;
	size_t		ends[64];		/* key length after each token */
} AliasScan;

static bool
alias_token(const NaToken *tok, void *arg)
{
	AliasScan  *a = arg;
	uint8_t		tb,
				tc;

	if (a->ntokens >= 64)
	{
		a->st = NA_ERR_TOO_LARGE;
		return false;
	}
	if (a->ntokens > 0 && (a->st = na_buf_append(&a->g->key, " ", 1)) != NA_OK)
		return false;
	if ((a->st = na_ner_normalize(a->text, tok, &a->g->key, &a->g->norm, &tb, &tc)) != NA_OK)
		return false;
	/* letters of words, and of web addresses ("Amazon.com", found by the
	 * entity rule for company addresses) */
	if (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_ABBREV || tok->kind == NA_TOK_URL)
	{
		if (tok->flags & NA_TF_HAS_LOWER)
			a->all_caps = false;
		for (size_t i = 0; i < tok->len; i++)
		{
			unsigned char c = (unsigned char) a->text[tok->start + i];

			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
				a->letters++;
		}
	}
	a->ends[a->ntokens++] = a->g->key.len;
	return true;
}

static NaStatus
gz_string(NaGazetteer *g, const char *s, size_t len, uint32_t *off)
{
	NaStatus	st;

	if (g->strings.len + len > UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	*off = (uint32_t) g->strings.len;
	if ((st = na_buf_append(&g->strings, s, len)) != NA_OK)
		return st;
	return NA_OK;
}

/* na_gazetteer_add: see entities.h. */
NaStatus
na_gazetteer_add(NaGazetteer *g, const char *alias, size_t alen,
				 const char *canonical, size_t clen,
				 NaEntityType type, const char *link, size_t llen)
{
	AliasScan	a;
	NaStatus	st;
	size_t		erroff;
	GzSlot	   *slot;
	GzEntry    *e;

	if (type <= NA_ENT_NONE || type >= NA_ENT_TYPE_COUNT)
		return NA_ERR_BAD_ARGUMENT;
	memset(&a, 0, sizeof(a));
	a.g = g;
	a.text = alias;
	a.all_caps = true;
	g->key.len = 0;
	st = na_scan(alias, alen, alias_token, &a, NULL, &erroff);
	if (st == NA_OK)
		st = a.st;
	if (st == NA_ERR_TOO_LARGE)
		return NA_OK;			/* an alias of more than 64 tokens: ignore */
	if (st != NA_OK)
		return st;
	if (a.ntokens == 0 || a.letters == 0)
		return NA_OK;
	/* prefixes first, then the alias itself */
	for (uint32_t i = 0; i + 1 < a.ntokens; i++)
	{
		if ((st = gz_slot(g, g->key.data, a.ends[i], &slot)) != NA_OK)
			return st;
		slot->prefix = 1;
	}
	if ((st = gz_slot(g, g->key.data, g->key.len, &slot)) != NA_OK)
		return st;
	if (g->nentries == g->capentries)
	{
		size_t		n = g->capentries ? g->capentries * 2 : 256;
		GzEntry    *ne = g->entries ? na_resize(g->alloc, g->entries, n * sizeof(GzEntry))
			: na_alloc(g->alloc, n * sizeof(GzEntry));

		if (!ne)
			return NA_ERR_NOMEM;
		g->entries = ne;
		g->capentries = n;
	}
	e = &g->entries[g->nentries];
	memset(e, 0, sizeof(*e));
	e->type = (uint8_t) type;
	e->caps_only = a.all_caps && a.letters <= 3;
	if ((st = gz_string(g, canonical, clen, &e->canon_off)) != NA_OK)
		return st;
	e->canon_len = (uint32_t) clen;
	if (link && llen > 0)
	{
		if ((st = gz_string(g, link, llen, &e->link_off)) != NA_OK)
			return st;
		e->link_len = (uint32_t) llen;
	}
	/* gz_string may have moved strings, but slots hold offsets: fine */
	e->next = slot->first;
	g->nentries++;
	slot->first = (uint32_t) g->nentries;
	if (a.ntokens > g->maxtokens)
		g->maxtokens = a.ntokens;
	/* remember the link target as a country: key "\x01" + canonical text */
	if (link && llen > 0 && (type == NA_ENT_NORP || type == NA_ENT_LOC))
	{
		g->key.len = 0;
		if ((st = na_buf_append(&g->key, "\001", 1)) != NA_OK ||
			(st = na_buf_append(&g->key, link, llen)) != NA_OK)
			return st;
		if ((st = gz_slot(g, g->key.data, g->key.len, &slot)) != NA_OK)
			return st;
		slot->country = 1;
	}
	return NA_OK;
}

static bool
gz_is_country(const NaGazetteer *g, const char *name, size_t len)
{
	char		buf[256];
	uint32_t	h;

	if (len + 1 > sizeof(buf))
		return false;
	buf[0] = '\001';
	memcpy(buf + 1, name, len);
	h = na_fnv_add(NA_FNV_INIT, buf, len + 1);
	return gz_find(g, buf, len + 1, h) != NULL;
}

typedef struct KeyScan
{
	NaBuf	   *key;
	NaBuf	   *norm;
	const char *text;
	NaStatus	st;
	uint32_t	ntokens;
} KeyScan;

static bool
key_token(const NaToken *tok, void *arg)
{
	KeyScan    *k = arg;
	uint8_t		tb,
				tc;

	if (k->ntokens++ > 0 && (k->st = na_buf_append(k->key, " ", 1)) != NA_OK)
		return false;
	k->st = na_ner_normalize(k->text, tok, k->key, k->norm, &tb, &tc);
	return k->st == NA_OK;
}

/* na_gazetteer_country: see entities.h. */
bool
na_gazetteer_country(const NaGazetteer *g, const char *name, size_t len,
					 const char **out, size_t *outlen)
{
	NaBuf		key;
	NaBuf		norm;
	KeyScan		k;
	size_t		erroff;
	const GzSlot *slot;
	bool		found = false;

	if (!g)
		return false;
	na_buf_init(&key, g->alloc);
	na_buf_init(&norm, g->alloc);
	memset(&k, 0, sizeof(k));
	k.key = &key;
	k.norm = &norm;
	k.text = name;
	if (na_scan(name, len, key_token, &k, NULL, &erroff) == NA_OK && k.st == NA_OK &&
		key.len > 0 &&
		(slot = gz_find(g, key.data, key.len, na_fnv_add(NA_FNV_INIT, key.data, key.len))) != NULL)
	{
		const GzEntry *best = NULL;

		/* a linked NORP or place wins over an unlinked entry */
		for (const GzEntry *e = gz_entry(g, slot->first); e; e = gz_entry(g, e->next))
		{
			if ((e->type == NA_ENT_NORP || e->type == NA_ENT_LOC) && e->link_len > 0)
			{
				best = e;
				break;
			}
			if (e->type == NA_ENT_LOC && !best &&
				gz_is_country(g, gz_str(g, e->canon_off), e->canon_len))
				best = e;
		}
		if (best && best->link_len > 0)
		{
			*out = gz_str(g, best->link_off);
			*outlen = best->link_len;
			found = true;
		}
		else if (best)
		{
			*out = gz_str(g, best->canon_off);
			*outlen = best->canon_len;
			found = true;
		}
	}
	na_buf_free(&key);
	na_buf_free(&norm);
	return found;
}
