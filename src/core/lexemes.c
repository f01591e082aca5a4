/*
 * lexemes.c
 *		The distinct terms of a document with their positions (lexemes.h).
 *
 * Design.  to_tsvector keeps every word of a text with its position, sorts
 * them all and merges equal ones (uniqueWORD); that is a comparison sort of
 * every token and a palloc per word.  Here each term is looked up once in
 * an open-addressing table of the document's distinct terms, and only the
 * distinct terms are sorted at the end, so the cost per token is a hash and
 * a probe.  The lookups are batched: na_lexemes_add copies the term (with
 * its 8-byte prefix and hash) to a pending list, and every PEND_MAX terms,
 * or at the end, they are looked up in a loop of their own, with the table
 * slot of a term a few ahead prefetched; interleaved with the lexer, whose
 * 8 MB term cache evicts the small table from the processor's caches, each
 * lookup would wait for memory.  Positions are recorded as (term, position)
 * pairs in token order, after the tsvector rules have decided whether the
 * term still takes one; na_lexemes_write scatters them straight into each
 * term's place in the string area, which keeps their order.
 *
 * news.tsvector adds its terms with memos (na_lexemes_add_memo): the lexer
 * keeps, in the term cache slot of each word, the entry its term got in this
 * document, so a repeated word (about a third of an article's terms) adds
 * its position to that entry without hashing or probing; a first
 * occurrence is looked up at once, since its memo must name its entry (a
 * direct lookup measured as fast as the batches), and so is a word the
 * cache does not hold; pending terms of na_lexemes_add are looked up first.
 *
 * The result is the one uniqueWORD gives: the same terms in the same order
 * with the same positions (test/unit/lexemes_test.c checks it against a
 * reference).
 *
 * Sorting compares a 64-bit big-endian prefix of each term first (terms
 * hold no NUL byte, so zero padding sorts a prefix first, as tsvector's
 * byte comparison does) and only equal prefixes compare the rest; a
 * counting pass on the first byte's class (digit, lower-case letter, other)
 * splits the terms first, so most classes are a few terms long.
 */
#include "lexemes.h"

#include <stdlib.h>
#include <string.h>

typedef struct Entry
{
	uint64_t	key;			/* first 8 bytes, big-endian, zero-padded */
	uint32_t	hash;
	uint32_t	off;			/* of the term in terms */
	uint16_t	len;
	uint16_t	npos;
	uint16_t	last;			/* last position taken */
	uint32_t	slot;			/* in the hash table */
	uint32_t	first;			/* of its positions in the area, in write */
} Entry;

typedef struct Pair
{
	uint32_t	entry;
	uint16_t	pos;
} Pair;

typedef struct SortItem
{
	uint64_t	key;			/* first 8 bytes, big-endian, zero-padded */
	uint32_t	entry;
} SortItem;

/* a term waiting to be looked up: its bytes are in pend_terms */
typedef struct Pending
{
	uint64_t	key;
	uint32_t	hash;
	uint32_t	off;
	uint16_t	len;
	uint16_t	pos;
} Pending;

#define PEND_MAX	256

/* a slot of the hash table: the entry's hash, so that a probe reads an
 * entry only when the hashes agree */
typedef struct Slot
{
	uint32_t	entry;			/* entry index + 1; 0: empty */
	uint32_t	hash;
} Slot;

struct NaLexemes
{
	NaAllocator alloc;
	Slot	   *table;
	uint32_t	tsize;			/* slots, a power of two */
	Entry	   *entries;
	SortItem   *items;			/* one per entry, in the order of entries */
	size_t		nentries;
	size_t		centries;		/* room in entries, items and sorted */
	NaBuf		terms;
	Pair	   *pairs;
	size_t		npairs;
	size_t		cpairs;
	SortItem   *sorted;			/* items in term order, after finish */
	size_t		bytes;			/* lower bound of the string area */
	Pending		pend[PEND_MAX];	/* terms not yet looked up */
	size_t		npend;
	NaBuf		pend_terms;
};

#define TABLE_MIN		512
#define ENTRIES_KEEP	8192	/* larger arrays are given back on reset */

/* na_lexemes_create: an empty set whose memory comes from alloc. */
NaStatus
na_lexemes_create(const NaAllocator *alloc, NaLexemes **out)
{
	NaLexemes  *ls = na_alloc(alloc, sizeof(NaLexemes));

	*out = NULL;
	if (!ls)
		return NA_ERR_NOMEM;
	memset(ls, 0, sizeof(*ls));
	ls->alloc = *alloc;
	na_buf_init(&ls->terms, &ls->alloc);
	na_buf_init(&ls->pend_terms, &ls->alloc);
	*out = ls;
	return NA_OK;
}

static void
release_arrays(NaLexemes *ls)
{
	na_release(&ls->alloc, ls->table);
	na_release(&ls->alloc, ls->entries);
	na_release(&ls->alloc, ls->items);
	na_release(&ls->alloc, ls->sorted);
	na_release(&ls->alloc, ls->pairs);
	na_buf_free(&ls->terms);
	ls->table = NULL;
	ls->tsize = 0;
	ls->entries = NULL;
	ls->items = NULL;
	ls->sorted = NULL;
	ls->centries = 0;
	ls->pairs = NULL;
	ls->cpairs = 0;
}

/* na_lexemes_destroy: free the set. */
void
na_lexemes_destroy(NaLexemes *ls)
{
	if (!ls)
		return;
	release_arrays(ls);
	na_buf_free(&ls->pend_terms);
	na_release(&ls->alloc, ls);
}

/* na_lexemes_reset: see lexemes.h.  Only the slots in use are cleared, so
 * a small document pays little; arrays grown past ENTRIES_KEEP are given
 * back, so what a backend keeps stays small. */
void
na_lexemes_reset(NaLexemes *ls)
{
	if (ls->centries > ENTRIES_KEEP)
		release_arrays(ls);
	else
		for (size_t e = 0; e < ls->nentries; e++)
			ls->table[ls->entries[e].slot].entry = 0;
	ls->npend = 0;
	ls->pend_terms.len = 0;
	ls->nentries = 0;
	ls->npairs = 0;
	ls->terms.len = 0;
	ls->bytes = 0;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LOADS_LE	1			/* whole loads, byte-swapped */
#else
#define LOADS_LE	0
#endif

/* chunk: up to 8 bytes of p (n of them), big-endian, zero-padded; whole
 * loads that stay inside the n bytes (two overlapping ones below 8) */
static inline uint64_t
chunk(const unsigned char *p, size_t n)
{
	uint64_t	v = 0;

	if (LOADS_LE && n >= 4)
	{
		uint32_t	a,
					b;

		if (n >= 8)
		{
			memcpy(&v, p, 8);
			return __builtin_bswap64(v);
		}
		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		return ((uint64_t) __builtin_bswap32(a) << 32) |
			((uint64_t) __builtin_bswap32(b) << (64 - 8 * n));
	}
	if (n > 8)
		n = 8;
	for (size_t k = 0; k < n; k++)
		v |= (uint64_t) p[k] << (56 - 8 * k);
	return v;
}

/* copy_term: memcpy(d, s, n) for a term (n >= 1) in a few whole moves,
 * none reading or writing outside the n bytes */
static inline void
copy_term(char *d, const char *s, size_t n)
{
	uint64_t	v;
	uint32_t	a,
				b;

	if (n > 32)
		memcpy(d, s, n);
	else if (n >= 8)
	{
		for (size_t k = 0; k + 8 < n; k += 8)
		{
			memcpy(&v, s + k, 8);
			memcpy(d + k, &v, 8);
		}
		memcpy(&v, s + n - 8, 8);
		memcpy(d + n - 8, &v, 8);
	}
	else if (n >= 4)
	{
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
	}
	else
	{
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	}
}

/*
 * term_hash: the hash of a term whose first 8 bytes are key: most terms
 * are that long or shorter, so the key is all there is to mix.
 */
static inline uint32_t
term_hash(uint64_t key, const char *term, size_t len)
{
	uint64_t	h = key ^ ((uint64_t) len * UINT64_C(0x9E3779B97F4A7C15));

	for (size_t k = 8; k < len; k += 8)
	{
		h *= UINT64_C(0xFF51AFD7ED558CCD);
		h ^= chunk((const unsigned char *) term + k, len - k) + (h >> 29);
	}
	h *= UINT64_C(0xC4CEB9FE1A85EC53);
	return (uint32_t) (h >> 32);
}

/* grow_entries: room for one more entry in entries, items and sorted */
static NaStatus
grow_entries(NaLexemes *ls)
{
	size_t		c1 = ls->centries,
				c2 = ls->centries,
				c3 = ls->centries;
	NaStatus	st;

	if ((st = na_grow(&ls->alloc, (void **) &ls->entries, &c1, ls->nentries + 1, sizeof(Entry))) != NA_OK ||
		(st = na_grow(&ls->alloc, (void **) &ls->items, &c2, ls->nentries + 1, sizeof(SortItem))) != NA_OK ||
		(st = na_grow(&ls->alloc, (void **) &ls->sorted, &c3, ls->nentries + 1, sizeof(SortItem))) != NA_OK)
		return st;
	ls->centries = c1;
	return NA_OK;
}

/* rehash: a table of size slots holding every entry */
static NaStatus
rehash(NaLexemes *ls, uint32_t size)
{
	Slot	   *t = na_alloc(&ls->alloc, sizeof(Slot) * size);

	if (!t)
		return NA_ERR_NOMEM;
	memset(t, 0, sizeof(Slot) * size);
	for (size_t e = 0; e < ls->nentries; e++)
	{
		uint32_t	i = ls->entries[e].hash & (size - 1);

		while (t[i].entry)
			i = (i + 1) & (size - 1);
		t[i].entry = (uint32_t) e + 1;
		t[i].hash = ls->entries[e].hash;
		ls->entries[e].slot = i;
	}
	na_release(&ls->alloc, ls->table);
	ls->table = t;
	ls->tsize = size;
	return NA_OK;
}

/* add_position: one more occurrence of entry ei's term at pos */
static inline NaStatus
add_position(NaLexemes *ls, uint32_t ei, uint32_t pos)
{
	Entry	   *e = &ls->entries[ei];
	NaStatus	st;

	/* uniqueWORD's rule: room left, not at the cap, a new position */
	if (e->npos >= NA_LEX_MAX_POSITIONS || e->last == NA_LEX_MAX_POS || e->last == pos)
		return NA_OK;
	if ((ls->bytes += 2) > NA_LEX_MAX_BYTES)
		return NA_ERR_TOO_LARGE;
	if (ls->npairs == ls->cpairs &&
		(st = na_grow(&ls->alloc, (void **) &ls->pairs, &ls->cpairs, ls->npairs + 1, sizeof(Pair))) != NA_OK)
		return st;
	ls->pairs[ls->npairs].entry = ei;
	ls->pairs[ls->npairs++].pos = (uint16_t) pos;
	e->npos++;
	e->last = (uint16_t) pos;
	return NA_OK;
}

/*
 * insert: one term occurrence into the table of distinct terms; *ei gets
 * the term's entry.
 */
static NaStatus
insert(NaLexemes *ls, uint64_t key, uint32_t h, const char *term, size_t len, uint32_t pos,
	   uint32_t *ei)
{
	uint32_t	i;
	Entry	   *e;
	NaStatus	st;

	for (i = h & (ls->tsize - 1); ls->table[i].entry; i = (i + 1) & (ls->tsize - 1))
	{
		if (ls->table[i].hash != h)
			continue;
		e = &ls->entries[ls->table[i].entry - 1];
		if (e->key == key && e->len == len &&
			(len <= 8 || memcmp(ls->terms.data + e->off + 8, term + 8, len - 8) == 0))
		{
			*ei = ls->table[i].entry - 1;
			return add_position(ls, *ei, pos);
		}
	}

	/* a new term: its bytes, a 16-bit count and one position at least */
	if ((ls->bytes += len + 4) > NA_LEX_MAX_BYTES)
		return NA_ERR_TOO_LARGE;
	if (ls->nentries == ls->centries && (st = grow_entries(ls)) != NA_OK)
		return st;
	if (ls->npairs == ls->cpairs &&
		(st = na_grow(&ls->alloc, (void **) &ls->pairs, &ls->cpairs, ls->npairs + 1, sizeof(Pair))) != NA_OK)
		return st;
	e = &ls->entries[ls->nentries];
	e->key = key;
	e->hash = h;
	e->off = (uint32_t) ls->terms.len;
	e->len = (uint16_t) len;
	e->npos = 1;
	e->last = (uint16_t) pos;
	if (ls->terms.cap - ls->terms.len < len && (st = na_buf_reserve(&ls->terms, len)) != NA_OK)
		return st;
	copy_term(ls->terms.data + ls->terms.len, term, len);
	ls->terms.len += len;
	ls->items[ls->nentries].key = key;
	ls->items[ls->nentries].entry = (uint32_t) ls->nentries;
	e->slot = i;
	*ei = (uint32_t) ls->nentries;
	ls->table[i].entry = (uint32_t) ++ls->nentries;
	ls->table[i].hash = h;
	ls->pairs[ls->npairs].entry = *ei;
	ls->pairs[ls->npairs++].pos = (uint16_t) pos;
	if (ls->nentries * 2 > ls->tsize)
		return rehash(ls, ls->tsize * 2);
	return NA_OK;
}

/*
 * flush: look the pending terms up.  The lookups run in a loop of their
 * own, after the lexer's term cache has had the processor's caches for
 * itself, with the table slot of a term a few ahead prefetched.
 */
#define FLUSH_AHEAD	8

static NaStatus
flush(NaLexemes *ls)
{
	NaStatus	st = NA_OK;

	if (ls->npend == 0)
		return NA_OK;
	if (ls->tsize == 0 && (st = rehash(ls, TABLE_MIN)) != NA_OK)
		return st;
	for (size_t k = 0; k < ls->npend && st == NA_OK; k++)
	{
		const Pending *p = &ls->pend[k];
		uint32_t	ei;

		if (k + FLUSH_AHEAD < ls->npend)
			__builtin_prefetch(&ls->table[ls->pend[k + FLUSH_AHEAD].hash & (ls->tsize - 1)]);
		st = insert(ls, p->key, p->hash, ls->pend_terms.data + p->off, p->len, p->pos, &ei);
	}
	ls->npend = 0;
	ls->pend_terms.len = 0;
	return st;
}

/* na_lexemes_add: see lexemes.h. */
NaStatus
na_lexemes_add(NaLexemes *ls, const char *term, size_t len, uint32_t pos)
{
	Pending    *p;
	NaStatus	st;

	if (len == 0 || len > NA_LEX_MAX_TERM)
		return NA_ERR_BAD_ARGUMENT;
	if (ls->npend == PEND_MAX && (st = flush(ls)) != NA_OK)
		return st;
	p = &ls->pend[ls->npend];
	p->key = chunk((const unsigned char *) term, len);
	p->hash = term_hash(p->key, term, len);
	p->off = (uint32_t) ls->pend_terms.len;
	p->len = (uint16_t) len;
	p->pos = (uint16_t) (pos > NA_LEX_MAX_POS ? NA_LEX_MAX_POS : pos);
	if (ls->pend_terms.cap - ls->pend_terms.len < len &&
		(st = na_buf_reserve(&ls->pend_terms, len < 65536 ? 65536 : len)) != NA_OK)
		return st;
	copy_term(ls->pend_terms.data + ls->pend_terms.len, term, len);
	ls->pend_terms.len += len;
	ls->npend++;
	return NA_OK;
}

/* na_lexemes_add_memo: see lexemes.h. */
NaStatus
na_lexemes_add_memo(NaLexemes *ls, const char *term, size_t len, uint32_t pos, uint32_t *memo)
{
	uint64_t	key;
	uint32_t	ei;
	NaStatus	st;

	if (len == 0 || len > NA_LEX_MAX_TERM)
		return NA_ERR_BAD_ARGUMENT;
	if (ls->npend > 0 && (st = flush(ls)) != NA_OK)
		return st;
	if (pos > NA_LEX_MAX_POS)
		pos = NA_LEX_MAX_POS;
	if (memo && *memo > 0 && *memo <= ls->nentries)
		return add_position(ls, *memo - 1, pos);
	if (ls->tsize == 0 && (st = rehash(ls, TABLE_MIN)) != NA_OK)
		return st;
	key = chunk((const unsigned char *) term, len);
	st = insert(ls, key, term_hash(key, term, len), term, len, pos, &ei);
	if (st == NA_OK && memo)
		*memo = ei + 1;
	return st;
}

/* item_less: does a's term sort before b's? */
static inline bool
item_less(const NaLexemes *ls, const SortItem *a, const SortItem *b)
{
	const Entry *ea,
			   *eb;
	size_t		n;
	int			c;

	if (a->key != b->key)
		return a->key < b->key;
	ea = &ls->entries[a->entry];
	eb = &ls->entries[b->entry];
	n = ea->len < eb->len ? ea->len : eb->len;
	if (n > 8 && (c = memcmp(ls->terms.data + ea->off + 8, ls->terms.data + eb->off + 8, n - 8)) != 0)
		return c < 0;
	return ea->len < eb->len;
}

static const NaLexemes *sort_set;	/* for the qsort fallback only */

static int
item_cmp(const void *a, const void *b)
{
	if (item_less(sort_set, a, b))
		return -1;
	return item_less(sort_set, b, a) ? 1 : 0;
}

/*
 * sort_items: quicksort (median of three, insertion sort below 16 items)
 * of v[0..n); past a depth of 2 log n, which only crafted input reaches,
 * the C library's qsort takes over the range.
 */
static void
sort_items(const NaLexemes *ls, SortItem *v, size_t n, int depth)
{
	while (n > 16)
	{
		size_t		i,
					j,
					m = n / 2;
		SortItem	pivot,
					t;

		if (depth-- == 0)
		{
			sort_set = ls;
			qsort(v, n, sizeof(SortItem), item_cmp);
			return;
		}
		/* median of v[0], v[m], v[n - 1] into v[m] */
		if (item_less(ls, &v[m], &v[0]))
			t = v[m], v[m] = v[0], v[0] = t;
		if (item_less(ls, &v[n - 1], &v[m]))
		{
			t = v[m], v[m] = v[n - 1], v[n - 1] = t;
			if (item_less(ls, &v[m], &v[0]))
				t = v[m], v[m] = v[0], v[0] = t;
		}
		pivot = v[m];
		i = 0;
		j = n - 1;
		for (;;)
		{
			while (item_less(ls, &v[i], &pivot))
				i++;
			while (item_less(ls, &pivot, &v[j]))
				j--;
			if (i >= j)
				break;
			t = v[i], v[i] = v[j], v[j] = t;
			i++;
			j--;
		}
		/* [0, j] <= pivot <= [j + 1, n): recurse into the smaller side */
		if (j + 1 < n - j - 1)
		{
			sort_items(ls, v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		}
		else
		{
			sort_items(ls, v + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
	{
		SortItem	t = v[i];
		size_t		j = i;

		for (; j > 0 && item_less(ls, &t, &v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/*
 * first_class: an order-preserving class of a term's first byte, one for
 * each digit and each lower-case ASCII letter (what most terms start
 * with), one for everything below, between and above them.
 */
#define NCLASSES	39

static inline unsigned
first_class(uint64_t key)
{
	unsigned	b = (unsigned) (key >> 56);

	if (b >= 'a')
		return b <= 'z' ? 12 + b - 'a' : 38;
	if (b >= '0')
		return b <= '9' ? 1 + b - '0' : 11;
	return 0;
}

/*
 * sort_terms: ls->items into ls->sorted in term order: a counting pass on
 * the class of the first byte, then each class sorted (by insertion when
 * small, as most are).
 */
static void
sort_terms(NaLexemes *ls)
{
	uint32_t	start[NCLASSES + 1];
	size_t		n = ls->nentries;
	int			depth = 0;

	for (size_t k = n; k > 1; k >>= 1)
		depth += 2;
	memset(start, 0, sizeof(start));
	for (size_t k = 0; k < n; k++)
		start[first_class(ls->items[k].key) + 1]++;
	for (int c = 0; c < NCLASSES; c++)
		start[c + 1] += start[c];
	for (size_t k = 0; k < n; k++)
		ls->sorted[start[first_class(ls->items[k].key)]++] = ls->items[k];
	/* start[c] is now the end of class c */
	for (int c = 0, from = 0; c < NCLASSES; from = (int) start[c++])
		if (start[c] - from > 1)
			sort_items(ls, ls->sorted + from, start[c] - from, depth);
}

/* na_lexemes_finish: see lexemes.h. */
NaStatus
na_lexemes_finish(NaLexemes *ls, size_t *n, size_t *strbytes)
{
	size_t		bytes = 0;
	NaStatus	st;

	if ((st = flush(ls)) != NA_OK)
		return st;
	*n = ls->nentries;
	*strbytes = 0;
	if (ls->nentries == 0)
		return NA_OK;
	sort_terms(ls);

	/* the string area, as tsvector lays it out */
	for (size_t k = 0; k < ls->nentries; k++)
	{
		const Entry *e = &ls->entries[ls->sorted[k].entry];

		bytes += e->len;
		bytes += bytes & 1;
		bytes += sizeof(uint16_t) * (1 + (size_t) e->npos);
	}
	if (bytes > NA_LEX_MAX_BYTES)
		return NA_ERR_TOO_LARGE;
	*strbytes = bytes;
	return NA_OK;
}

/*
 * na_lexemes_write: see lexemes.h.  The terms and counts go out in term
 * order, each term's positions then straight from the (term, position)
 * pairs in token order, so each term's come out ascending.
 */
void
na_lexemes_write(NaLexemes *ls, char *area, NaLexemeRef *refs)
{
	size_t		off = 0;

	for (size_t k = 0; k < ls->nentries; k++)
	{
		Entry	   *e = &ls->entries[ls->sorted[k].entry];
		uint16_t	count = e->npos;

		refs[k].off = (uint32_t) off;
		refs[k].len = e->len;
		copy_term(area + off, ls->terms.data + e->off, e->len);
		off += e->len;
		off += off & 1;
		memcpy(area + off, &count, sizeof(count));
		e->first = (uint32_t) (off + sizeof(count));
		e->last = 0;			/* positions written so far */
		off += sizeof(uint16_t) * (1 + (size_t) count);
	}
	for (size_t k = 0; k < ls->npairs; k++)
	{
		Entry	   *e = &ls->entries[ls->pairs[k].entry];

		memcpy(area + e->first + sizeof(uint16_t) * e->last++, &ls->pairs[k].pos, sizeof(uint16_t));
	}
}
