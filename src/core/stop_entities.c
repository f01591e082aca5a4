/*
 * stop_entities.c
 *		Stop-entities: names the user never wants as entities, or wants with
 *		a forced type (news.stop_entities), kept with the compiled gazetteer
 *		(gazetteer.h) so that every caller of the extraction gets them.
 *
 * Rules are few (edited by hand), entities many: an open-addressing table
 * keyed by the FNV-1a hash of the ASCII-lower-cased name answers a lookup
 * with one probe sequence; an empty table costs one test per entity.
 */
#include "gazetteer.h"

#include <string.h>

typedef struct GzStop
{
	uint32_t	hash;			/* 0 = empty slot */
	uint32_t	name_off;		/* lower-cased name in names */
	uint32_t	name_len;
	uint8_t		type;			/* NA_ENT_NONE: any type */
	uint8_t		action;			/* NaStopAction */
	uint8_t		forced;
} GzStop;

struct GzStops
{
	GzStop	   *slots;
	size_t		nslots;			/* power of two */
	size_t		nused;
	NaBuf		names;
};

static inline unsigned char
fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* stop_hash: FNV-1a of name lower-cased (ASCII), never 0; type mixed in */
static uint32_t
stop_hash(const char *name, size_t len, NaEntityType type)
{
	uint32_t	h = NA_FNV_INIT;

	for (size_t i = 0; i < len; i++)
	{
		h ^= fold((unsigned char) name[i]);
		h *= NA_FNV_PRIME;
	}
	h ^= (uint32_t) type;
	h *= NA_FNV_PRIME;
	return h ? h : 1;
}

static bool
stop_equal(const struct GzStops *s, const GzStop *e, const char *name, size_t len)
{
	const char *k = s->names.data + e->name_off;

	if (e->name_len != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) k[i] != fold((unsigned char) name[i]))
			return false;
	return true;
}

static NaStatus
stops_grow(NaGazetteer *g, struct GzStops *s)
{
	size_t		n = s->nslots ? s->nslots * 2 : 64;
	GzStop	   *t = na_alloc(g->alloc, n * sizeof(GzStop));

	if (!t)
		return NA_ERR_NOMEM;
	memset(t, 0, n * sizeof(GzStop));
	for (size_t i = 0; i < s->nslots; i++)
	{
		size_t		j;

		if (!s->slots[i].hash)
			continue;
		for (j = s->slots[i].hash & (n - 1); t[j].hash; j = (j + 1) & (n - 1))
			;
		t[j] = s->slots[i];
	}
	na_release(g->alloc, s->slots);
	s->slots = t;
	s->nslots = n;
	return NA_OK;
}

/* na_gazetteer_add_stop: see gazetteer.h.  A second rule for the same name
 * and type replaces the first. */
NaStatus
na_gazetteer_add_stop(NaGazetteer *g, const char *name, size_t len, NaEntityType type,
					  NaStopAction action, NaEntityType forced)
{
	struct GzStops *s = g->stops;
	uint32_t	h;
	size_t		j;
	NaStatus	st;

	if (len == 0 || len > UINT32_MAX / 4 || (unsigned) type >= NA_ENT_TYPE_COUNT ||
		(action == NA_STOP_FORCE && (forced == NA_ENT_NONE || (unsigned) forced >= NA_ENT_TYPE_COUNT)))
		return NA_ERR_BAD_ARGUMENT;
	if (!s)
	{
		s = na_alloc(g->alloc, sizeof(*s));
		if (!s)
			return NA_ERR_NOMEM;
		memset(s, 0, sizeof(*s));
		na_buf_init(&s->names, g->alloc);
		g->stops = s;
	}
	if ((s->nused + 1) * 2 > s->nslots && (st = stops_grow(g, s)) != NA_OK)
		return st;
	h = stop_hash(name, len, type);
	for (j = h & (s->nslots - 1); s->slots[j].hash; j = (j + 1) & (s->nslots - 1))
		if (s->slots[j].hash == h && s->slots[j].type == type &&
			stop_equal(s, &s->slots[j], name, len))
			break;
	if (!s->slots[j].hash)
	{
		size_t		off = s->names.len;

		if (s->names.len + len > UINT32_MAX / 2)
			return NA_ERR_TOO_LARGE;
		if ((st = na_buf_reserve(&s->names, len)) != NA_OK)
			return st;
		for (size_t i = 0; i < len; i++)
			s->names.data[s->names.len++] = (char) fold((unsigned char) name[i]);
		s->slots[j].hash = h;
		s->slots[j].name_off = (uint32_t) off;
		s->slots[j].name_len = (uint32_t) len;
		s->slots[j].type = (uint8_t) type;
		s->nused++;
	}
	s->slots[j].action = (uint8_t) action;
	s->slots[j].forced = (uint8_t) (action == NA_STOP_FORCE ? forced : NA_ENT_NONE);
	return NA_OK;
}

static const GzStop *
stop_find(const struct GzStops *s, const char *name, size_t len, NaEntityType type)
{
	uint32_t	h = stop_hash(name, len, type);

	for (size_t j = h & (s->nslots - 1); s->slots[j].hash; j = (j + 1) & (s->nslots - 1))
		if (s->slots[j].hash == h && s->slots[j].type == type &&
			stop_equal(s, &s->slots[j], name, len))
			return &s->slots[j];
	return NULL;
}

/* na_gazetteer_stop: see gazetteer.h. */
NaStopAction
na_gazetteer_stop(const NaGazetteer *g, const char *name, size_t len, NaEntityType type,
				  NaEntityType *forced)
{
	const struct GzStops *s = g ? g->stops : NULL;
	const GzStop *e;

	if (!s || s->nused == 0 || len == 0)
		return NA_STOP_NONE;
	if ((e = stop_find(s, name, len, type)) == NULL &&
		(e = stop_find(s, name, len, NA_ENT_NONE)) == NULL)
		return NA_STOP_NONE;
	if (e->action == NA_STOP_FORCE && forced)
		*forced = (NaEntityType) e->forced;
	return (NaStopAction) e->action;
}

/* na_gazetteer_free_stops: releases the stop-entities of g. */
void
na_gazetteer_free_stops(NaGazetteer *g)
{
	if (!g || !g->stops)
		return;
	na_buf_free(&g->stops->names);
	na_release(g->alloc, g->stops->slots);
	na_release(g->alloc, g->stops);
	g->stops = NULL;
}
