/*
 * cluster.c
 *		Union-find with smallest-id representatives (see cluster.h).
 */
#include "cluster.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct NaUnionFind
{
	const NaAllocator *alloc;
	int64_t    *ids;			/* node -> id */
	uint32_t   *parent;			/* node -> parent node */
	uint32_t	n;				/* nodes */
	uint32_t	ncap;			/* capacity of ids/parent */
	uint32_t   *slots;			/* hash slot -> node + 1, 0 = empty */
	size_t		scap;			/* power of two */
};

static inline size_t
hash_id(int64_t id, size_t cap)
{
	uint64_t	h = (uint64_t) id;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t) (h & (cap - 1));
}

/* na_uf_create: see cluster.h. */
NaStatus
na_uf_create(const NaAllocator *alloc, NaUnionFind **out)
{
	NaUnionFind *uf = na_alloc(alloc, sizeof(NaUnionFind));

	*out = NULL;
	if (!uf)
		return NA_ERR_NOMEM;
	memset(uf, 0, sizeof(*uf));
	uf->alloc = alloc;
	uf->scap = 32;
	uf->ncap = 16;
	uf->slots = na_alloc(alloc, uf->scap * sizeof(uint32_t));
	uf->ids = na_alloc(alloc, uf->ncap * sizeof(int64_t));
	uf->parent = na_alloc(alloc, uf->ncap * sizeof(uint32_t));
	if (!uf->slots || !uf->ids || !uf->parent)
	{
		na_uf_destroy(uf);
		return NA_ERR_NOMEM;
	}
	memset(uf->slots, 0, uf->scap * sizeof(uint32_t));
	*out = uf;
	return NA_OK;
}

/* na_uf_destroy frees uf and its arrays. */
void
na_uf_destroy(NaUnionFind *uf)
{
	if (!uf)
		return;
	na_release(uf->alloc, uf->slots);
	na_release(uf->alloc, uf->ids);
	na_release(uf->alloc, uf->parent);
	na_release(uf->alloc, uf);
}

static NaStatus
grow_slots(NaUnionFind *uf)
{
	size_t		cap = uf->scap * 2;
	uint32_t   *slots = na_alloc(uf->alloc, cap * sizeof(uint32_t));
	uint32_t	i;

	if (!slots)
		return NA_ERR_NOMEM;
	memset(slots, 0, cap * sizeof(uint32_t));
	for (i = 0; i < uf->n; i++)
	{
		size_t		s = hash_id(uf->ids[i], cap);

		while (slots[s] != 0)
			s = (s + 1) & (cap - 1);
		slots[s] = i + 1;
	}
	na_release(uf->alloc, uf->slots);
	uf->slots = slots;
	uf->scap = cap;
	return NA_OK;
}

/* Node number of id, added when missing (*node). */
static NaStatus
node_of(NaUnionFind *uf, int64_t id, uint32_t *node)
{
	size_t		s;
	NaStatus	st;

	s = hash_id(id, uf->scap);
	while (uf->slots[s] != 0)
	{
		if (uf->ids[uf->slots[s] - 1] == id)
		{
			*node = uf->slots[s] - 1;
			return NA_OK;
		}
		s = (s + 1) & (uf->scap - 1);
	}
	if (uf->n >= NA_UF_MAX_NODES)
		return NA_ERR_TOO_LARGE;
	if (uf->n == uf->ncap)
	{
		uint32_t	ncap = uf->ncap * 2;
		int64_t    *ids = na_resize(uf->alloc, uf->ids, ncap * sizeof(int64_t));
		uint32_t   *parent;

		if (!ids)
			return NA_ERR_NOMEM;
		uf->ids = ids;
		parent = na_resize(uf->alloc, uf->parent, ncap * sizeof(uint32_t));
		if (!parent)
			return NA_ERR_NOMEM;
		uf->parent = parent;
		uf->ncap = ncap;
	}
	*node = uf->n;
	uf->ids[uf->n] = id;
	uf->parent[uf->n] = uf->n;
	uf->n++;
	uf->slots[s] = *node + 1;
	if ((size_t) uf->n * 2 > uf->scap && (st = grow_slots(uf)) != NA_OK)
		return st;
	return NA_OK;
}

static uint32_t
root_of(NaUnionFind *uf, uint32_t x)
{
	while (uf->parent[x] != x)
	{
		uf->parent[x] = uf->parent[uf->parent[x]];
		x = uf->parent[x];
	}
	return x;
}

/* na_uf_add: see cluster.h. */
NaStatus
na_uf_add(NaUnionFind *uf, int64_t id)
{
	uint32_t	node;

	return node_of(uf, id, &node);
}

/* na_uf_union: link the root with the larger id under the other. */
NaStatus
na_uf_union(NaUnionFind *uf, int64_t a, int64_t b)
{
	uint32_t	x;
	uint32_t	y;
	NaStatus	st;

	if ((st = node_of(uf, a, &x)) != NA_OK ||
		(st = node_of(uf, b, &y)) != NA_OK)
		return st;
	x = root_of(uf, x);
	y = root_of(uf, y);
	if (x == y)
		return NA_OK;
	if (uf->ids[x] < uf->ids[y])
		uf->parent[y] = x;
	else
		uf->parent[x] = y;
	return NA_OK;
}

uint32_t
na_uf_count(const NaUnionFind *uf)
{
	return uf->n;
}

/* na_uf_find: see cluster.h. */
bool
na_uf_find(NaUnionFind *uf, int64_t id, int64_t *rep)
{
	size_t		s = hash_id(id, uf->scap);

	while (uf->slots[s] != 0)
	{
		uint32_t	node = uf->slots[s] - 1;

		if (uf->ids[node] == id)
		{
			*rep = uf->ids[root_of(uf, node)];
			return true;
		}
		s = (s + 1) & (uf->scap - 1);
	}
	return false;
}

static int
cmp_pair(const void *a, const void *b)
{
	int64_t		x = ((const int64_t *) a)[0];
	int64_t		y = ((const int64_t *) b)[0];

	return (x > y) - (x < y);
}

/* na_uf_write: pairs (id, representative) sorted by id. */
NaStatus
na_uf_write(NaUnionFind *uf, int64_t *ids, int64_t *reps, const NaYield *yield)
{
	int64_t    *pairs;
	uint32_t	i;

	if (uf->n == 0)
		return NA_OK;
	pairs = na_alloc(uf->alloc, (size_t) uf->n * 2 * sizeof(int64_t));
	if (!pairs)
		return NA_ERR_NOMEM;
	for (i = 0; i < uf->n; i++)
	{
		pairs[2 * i] = uf->ids[i];
		pairs[2 * i + 1] = uf->ids[root_of(uf, i)];
		if ((i + 1) % NA_YIELD_EVERY == 0)
			na_yield(yield);
	}
	qsort(pairs, uf->n, 2 * sizeof(int64_t), cmp_pair);
	for (i = 0; i < uf->n; i++)
	{
		ids[i] = pairs[2 * i];
		reps[i] = pairs[2 * i + 1];
	}
	na_release(uf->alloc, pairs);
	return NA_OK;
}

#if defined(__GNUC__)
static NaStatus parse_error(char *errbuf, size_t errlen, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
#endif

static NaStatus
parse_error(char *errbuf, size_t errlen, const char *fmt,...)
{
	va_list		ap;

	if (errbuf && errlen)
	{
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return NA_ERR_BAD_LITERAL;
}

static size_t
skip_ws(const char *s, size_t len, size_t pos)
{
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	return pos;
}

/* range_error: what s[from..to) is out of range (NA_ERR_OUT_OF_RANGE). */
static NaStatus
range_error(char *errbuf, size_t errlen, const char *what, const char *s,
			size_t from, size_t to)
{
	from = skip_ws(s, to, from);
	(void) parse_error(errbuf, errlen, "%s \"%.*s\" is out of range", what,
					   (int) (to - from > 64 ? 64 : to - from), s + from);
	return NA_ERR_OUT_OF_RANGE;
}

/*
 * Read a signed 64-bit decimal at *pos: NA_OK, NA_ERR_BAD_LITERAL when there
 * is none, NA_ERR_OUT_OF_RANGE when it does not fit (*pos then at its end).
 */
static NaStatus
read_int64(const char *s, size_t len, size_t *pos, int64_t *out)
{
	size_t		p = skip_ws(s, len, *pos);
	bool		neg = false;
	uint64_t	v = 0;
	uint64_t	limit;
	size_t		digits = 0;
	bool		overflow = false;

	if (p < len && (s[p] == '-' || s[p] == '+'))
		neg = s[p++] == '-';
	limit = neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	while (p < len && s[p] >= '0' && s[p] <= '9')
	{
		uint64_t	d = (uint64_t) (s[p] - '0');

		if (v > (limit - d) / 10)
			overflow = true;
		else
			v = v * 10 + d;
		p++;
		digits++;
	}
	if (digits == 0)
		return NA_ERR_BAD_LITERAL;
	*pos = p;
	if (overflow)
		return NA_ERR_OUT_OF_RANGE;
	if (neg)
		*out = v == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) v;
	else
		*out = (int64_t) v;
	return NA_OK;
}

/* na_uf_parse: see cluster.h. */
NaStatus
na_uf_parse(NaUnionFind *uf, const char *s, size_t len, const NaYield *yield,
			char *errbuf, size_t errlen)
{
	size_t		pos = skip_ws(s, len, 0);
	NaStatus	st;
	size_t		pairs = 0;

	if (pos >= len || s[pos] != '{')
		return parse_error(errbuf, errlen, "expected \"{\" at position %zu", pos + 1);
	pos = skip_ws(s, len, pos + 1);
	if (pos < len && s[pos] == '}')
		pos++;
	else
	{
		for (;;)
		{
			int64_t		id;
			int64_t		cluster;
			size_t		start = pos;

			if ((st = read_int64(s, len, &pos, &id)) == NA_ERR_OUT_OF_RANGE)
				return range_error(errbuf, errlen, "article id", s, start, pos);
			if (st != NA_OK)
				return parse_error(errbuf, errlen, "expected an article id (64-bit integer) at position %zu", pos + 1);
			pos = skip_ws(s, len, pos);
			if (pos >= len || s[pos] != ':')
				return parse_error(errbuf, errlen, "expected \":\" after id %lld", (long long) id);
			pos++;
			start = pos;
			if ((st = read_int64(s, len, &pos, &cluster)) == NA_ERR_OUT_OF_RANGE)
				return range_error(errbuf, errlen, "cluster id", s, start, pos);
			if (st != NA_OK)
				return parse_error(errbuf, errlen, "expected a cluster id (64-bit integer) at position %zu", pos + 1);
			if ((st = na_uf_union(uf, id, cluster)) != NA_OK)
				return st;
			if (++pairs % NA_YIELD_EVERY == 0)
				na_yield(yield);
			pos = skip_ws(s, len, pos);
			if (pos < len && s[pos] == ',')
			{
				pos++;
				continue;
			}
			if (pos < len && s[pos] == '}')
			{
				pos++;
				break;
			}
			return parse_error(errbuf, errlen, "expected \",\" or \"}\" at position %zu", pos + 1);
		}
	}
	pos = skip_ws(s, len, pos);
	if (pos != len)
		return parse_error(errbuf, errlen, "unexpected text after \"}\" at position %zu", pos + 1);
	return NA_OK;
}
