/*
 * impact.c
 *		Impact-ordered posting lists: packing and the accumulator search
 *		(see impact.h for the format and the algorithm).
 *
 * The search reads the lists in bands of decreasing contribution: each
 * band takes, from every list, the postings whose contribution is at
 * least NA_IMPACT_BAND times the previous band's bound, so that postings
 * are read in decreasing contribution across all lists (to within a band)
 * with no per-posting heap.  An open-addressing hash table maps document
 * ids to their place in an array of sums, doubled when half full (it holds
 * at most max_postings documents); the slot of a posting a few ahead is
 * prefetched.  The best ncand sums are chosen with a heap of ncand.
 * Every NA_IMPACT_CHECK_EVERY postings it yields, and after
 * 4096, 8192, 16384, ... postings it tests MaxScore's bound: a document not
 * yet seen can score at most the sum of the lists' next contributions; once
 * that is below the ncand-th best sum, no such document can become a
 * candidate and the rest of the lists only reorders documents already
 * seen, which the caller's exact cosine does anyway.
 */
#include "impact.h"

#include <stdlib.h>
#include <string.h>

#define NA_IMPACT_CHECK_EVERY	4096
#define PREFETCH_AHEAD	8
/* the ratio of the bounds of consecutive bands of contributions */
#define NA_IMPACT_BAND	0.9

#if defined(__GNUC__) || defined(__clang__)
#define NA_PREFETCH(p)	__builtin_prefetch(p)
#else
#define NA_PREFETCH(p)	((void) 0)
#endif

typedef struct PackEntry
{
	int64_t		id;
	uint16_t	w;
} PackEntry;

static int
pack_cmp(const void *a, const void *b)
{
	const PackEntry *x = a;
	const PackEntry *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

static void
put_u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

/* na_impact_pack: see impact.h. */
NaStatus
na_impact_pack(const int64_t *ids, const float *w, uint32_t n,
			   const NaAllocator *alloc, const NaYield *yield, NaBuf *out)
{
	PackEntry  *e;
	size_t		bytes;
	uint8_t    *p;
	NaStatus	st;

	if (n > NA_IMPACT_MAX_ENTRIES)
		return NA_ERR_TOO_LARGE;
	e = na_alloc(alloc, (size_t) (n ? n : 1) * sizeof(PackEntry));
	if (e == NULL)
		return NA_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++)
	{
		if (!(w[i] >= 0.0f && w[i] <= 1.0f))
		{
			na_release(alloc, e);
			return NA_ERR_BAD_ARGUMENT;
		}
		e[i].id = ids[i];
		e[i].w = na_impact_quantize(w[i]);
	}
	na_yield(yield);
	qsort(e, n, sizeof(PackEntry), pack_cmp);
	na_yield(yield);
	bytes = NA_IMPACT_HEADER + (size_t) n * NA_IMPACT_ENTRY;
	st = na_buf_reserve(out, bytes);
	if (st != NA_OK)
	{
		na_release(alloc, e);
		return st;
	}
	p = (uint8_t *) out->data + out->len;
	p[0] = NA_IMPACT_VERSION;
	p[1] = 0;
	p[2] = 0;
	p[3] = 0;
	put_u32(p + 4, n);
	p += NA_IMPACT_HEADER;
	for (uint32_t i = 0; i < n; i++, p += NA_IMPACT_ENTRY)
	{
		uint64_t	v = (uint64_t) e[i].id;

		for (int b = 0; b < 8; b++)
			p[b] = (uint8_t) (v >> (8 * b));
		p[8] = (uint8_t) e[i].w;
		p[9] = (uint8_t) (e[i].w >> 8);
	}
	out->len += bytes;
	na_release(alloc, e);
	return NA_OK;
}

/* na_impact_header: see impact.h. */
NaStatus
na_impact_header(const uint8_t *data, size_t len, uint32_t *n)
{
	if (len < NA_IMPACT_HEADER || data[0] != NA_IMPACT_VERSION ||
		data[1] != 0 || data[2] != 0 || data[3] != 0)
		return NA_ERR_BAD_LITERAL;
	*n = (uint32_t) data[4] | ((uint32_t) data[5] << 8) |
		((uint32_t) data[6] << 16) | ((uint32_t) data[7] << 24);
	if (*n > NA_IMPACT_MAX_ENTRIES)
		return NA_ERR_BAD_LITERAL;
	return NA_OK;
}

/*
 * the accumulator: the documents seen, in the order first seen (hits), and
 * an open-addressing table (linear probing, at most half full) of their
 * positions in it, 0 for a free slot, else position + 1; the table uses the
 * first mask + 1 slots of the work's memory and doubles with the documents
 * seen (a probe of rare terms sees a few thousand), the memory only when
 * the table outgrows it
 */
typedef struct Acc
{
	NaImpactWork *work;
	uint32_t   *slots;
	size_t		mask;
	NaImpactHit *hits;			/* room for (mask + 1) / 2 documents */
	uint32_t	used;
} Acc;

static inline size_t
acc_hash(int64_t id)
{
	uint64_t	x = (uint64_t) id;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (size_t) x;
}

/* acc_size: use size slots (a power of 2) of the work's memory, enlarged
 * if needed, the documents seen so far kept and put in the table again */
static NaStatus
acc_size(Acc *a, size_t size, const NaAllocator *alloc)
{
	NaImpactWork *w = a->work;

	if (size > w->size)
	{
		uint32_t   *slots = na_alloc(alloc, size * sizeof(uint32_t));
		NaImpactHit *hits = na_alloc(alloc, size / 2 * sizeof(NaImpactHit));

		if (slots == NULL || hits == NULL)
		{
			na_release(alloc, slots);
			na_release(alloc, hits);
			return NA_ERR_NOMEM;
		}
		if (a->used > 0)
			memcpy(hits, w->hits, (size_t) a->used * sizeof(NaImpactHit));
		na_release(alloc, w->slots);
		na_release(alloc, w->hits);
		w->slots = slots;
		w->hits = hits;
		w->size = size;
	}
	a->slots = w->slots;
	a->hits = w->hits;
	a->mask = size - 1;
	memset(a->slots, 0, size * sizeof(uint32_t));
	for (uint32_t i = 0; i < a->used; i++)
	{
		size_t		j = acc_hash(a->hits[i].id) & a->mask;

		while (a->slots[j] != 0)
			j = (j + 1) & a->mask;
		a->slots[j] = i + 1;
	}
	return NA_OK;
}

/* na_impact_work_free: see impact.h. */
void
na_impact_work_free(NaImpactWork *work, const NaAllocator *alloc)
{
	na_release(alloc, work->slots);
	na_release(alloc, work->hits);
	memset(work, 0, sizeof(*work));
}

static inline void
acc_add(Acc *a, int64_t id, double s)
{
	size_t		i = acc_hash(id) & a->mask;

	while (a->slots[i] != 0)
	{
		NaImpactHit *h = &a->hits[a->slots[i] - 1];

		if (h->id == id)
		{
			h->score += s;
			return;
		}
		i = (i + 1) & a->mask;
	}
	a->hits[a->used].id = id;
	a->hits[a->used].score = s;
	a->used++;
	a->slots[i] = a->used;
}

/* better: hit a ranks before hit b (higher score, then smaller id) */
static inline bool
better(const NaImpactHit *a, const NaImpactHit *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return a->id < b->id;
}

static int
hit_cmp(const void *a, const void *b)
{
	if (better(a, b))
		return -1;
	return better(b, a) ? 1 : 0;
}

/* sift_worst: restore the heap h[0..k) (the worst hit at the root, each
 * parent worse than its children) below node i */
static void
sift_worst(NaImpactHit *h, uint32_t k, uint32_t i)
{
	for (;;)
	{
		uint32_t	l = 2 * i + 1;
		uint32_t	worst = i;
		NaImpactHit t;

		if (l < k && better(&h[worst], &h[l]))
			worst = l;
		if (l + 1 < k && better(&h[worst], &h[l + 1]))
			worst = l + 1;
		if (worst == i)
			return;
		t = h[i];
		h[i] = h[worst];
		h[worst] = t;
		i = worst;
	}
}

/*
 * select_top: reorder h[0..n) so that its k best come first (any order):
 * a heap of the best k so far, its worst at the root, which each later hit
 * is compared with once (most are worse, and are left where they are).
 */
static void
select_top(NaImpactHit *h, uint32_t n, uint32_t k)
{
	if (k == 0 || k >= n)
		return;
	for (uint32_t i = k / 2; i-- > 0;)
		sift_worst(h, k, i);
	for (uint32_t i = k; i < n; i++)
		if (better(&h[i], &h[0]))
		{
			NaImpactHit t = h[0];

			h[0] = h[i];
			h[i] = t;
			sift_worst(h, k, 0);
		}
}

static inline double
next_contribution(const NaImpactList *l)
{
	return l->qweight / NA_IMPACT_SCALE *
		na_impact_entry_weight(l->data + (size_t) l->pos * NA_IMPACT_ENTRY);
}

/* beaten: do more than k documents of the accumulator score above bound?
 * (that is, is the k-th best score above it) */
static bool
beaten(const Acc *a, uint32_t k, double bound)
{
	uint32_t	above = 0;

	for (uint32_t i = 0; i < a->used; i++)
		above += a->hits[i].score > bound;
	return above >= k;
}

/* na_impact_search: see impact.h. */
NaStatus
na_impact_search(NaImpactList *lists, uint32_t nlists, NaImpactFetch fetch,
				 void *arg, uint32_t max_postings, uint32_t ncand,
				 NaImpactWork *work, const NaAllocator *alloc,
				 const NaYield *yield,
				 NaImpactHit **hits, uint32_t *nhits, uint32_t *read)
{
	Acc			acc;
	NaStatus	st;
	uint64_t	total = 0;
	size_t		size = 4096;
	double		tau = 0;
	uint32_t	live = 0;
	bool		cut = false;
	uint32_t	count = 0;
	uint32_t	next_check = NA_IMPACT_CHECK_EVERY;

	*hits = NULL;
	*nhits = 0;
	*read = 0;
	/* a table for as many documents as postings to read: rarely doubled */
	for (uint32_t i = 0; i < nlists; i++)
		total += (uint64_t) lists[i].avail - lists[i].pos + lists[i].left;
	if (total > max_postings)
		total = max_postings;
	while (size < 2 * total)
		size *= 2;
	acc.work = work;
	acc.used = 0;
	st = acc_size(&acc, size, alloc);
	if (st != NA_OK)
		return st;
	for (uint32_t i = 0; i < nlists; i++)
		if (lists[i].pos < lists[i].avail && lists[i].qweight > 0)
		{
			double		c = next_contribution(&lists[i]);

			live++;
			if (c > tau)
				tau = c;
		}
	/* the first band starts at the largest contribution */
	tau /= NA_IMPACT_BAND;


	while (live > 0 && count < max_postings)
	{
		/* the next band: every posting contributing at least tau (the same
		 * band again when the bound test cut it short) */
		if (!cut)
			tau = tau * NA_IMPACT_BAND < 1e-12 ? 0 : tau * NA_IMPACT_BAND;
		cut = false;
		live = 0;
		for (uint32_t i = 0; i < nlists && count < max_postings && !cut; i++)
		{
			NaImpactList *l = &lists[i];
			double		q = l->qweight / NA_IMPACT_SCALE;

			while (l->pos < l->avail && count < max_postings)
			{
				const uint8_t *p = l->data + (size_t) l->pos * NA_IMPACT_ENTRY;
				double		c = q * na_impact_entry_weight(p);

				if (c < tau)
					break;
				if (acc.used >= (acc.mask + 1) / 2)
				{
					st = acc_size(&acc, (acc.mask + 1) * 2, alloc);
					if (st != NA_OK)
						return st;
				}
				/* the slot of a posting a few ahead, while this one is summed */
				if (l->pos + PREFETCH_AHEAD < l->avail)
					NA_PREFETCH(&acc.slots[acc_hash(na_impact_entry_id(p + PREFETCH_AHEAD * NA_IMPACT_ENTRY)) & acc.mask]);
				acc_add(&acc, na_impact_entry_id(p), c);
				count++;
				l->pos++;
				if (l->pos == l->avail && l->left > 0)
					fetch(arg, i, l);
				if (count % NA_IMPACT_CHECK_EVERY == 0)
					na_yield(yield);
				if (count >= next_check)
				{
					cut = true;
					break;
				}
			}
			if (l->pos < l->avail && l->qweight > 0)
				live++;
		}
		if (cut)
			live = 1;			/* counted again in the band's rest */
		if (count >= next_check)
		{
			double		unseen = 0;

			next_check *= 2;
			for (uint32_t i = 0; i < nlists; i++)
				if (lists[i].pos < lists[i].avail)
					unseen += next_contribution(&lists[i]);
			if (ncand > 0 && acc.used >= ncand && beaten(&acc, ncand, unseen))
				break;
		}
	}

	*hits = acc.hits;
	*nhits = na_impact_top(acc.hits, acc.used, ncand);
	*read = count;
	return NA_OK;
}

/* na_impact_top: see impact.h. */
uint32_t
na_impact_top(NaImpactHit *h, uint32_t n, uint32_t k)
{
	select_top(h, n, k);
	if (n > k)
		n = k;
	qsort(h, n, sizeof(NaImpactHit), hit_cmp);
	return n;
}
