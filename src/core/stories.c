/*
 * stories.c
 *		Story assignment by centroid similarity (see stories.h).
 *
 * Data layout.  Term ids and entity ids are mapped to dense indices by two
 * dictionaries (open addressing), which also keep each index's idf (looked
 * up once in the corpus statistics) and its inverted list: the stories whose
 * centroid contains it.  A story's centroid is a small open-addressing map
 * from dense index to summed weight, together with the squared length of
 * its idf-weighted form, updated as weights are added, so that a cosine
 * needs only the dot product.
 *
 * Scoring an item walks the inverted lists of its terms and entities and
 * accumulates, per story touched, the two dot products (a stamp per story
 * avoids clearing the accumulators between items).  A list entry carries
 * the story's summed weight of its term next to the story number, kept up
 * to date as the story grows (the map remembers where each of its entries
 * is listed), so the walk reads the lists in order and never probes a
 * story's map.  Lists hold every story that may still be chosen: when
 * items come in time order, stories that ended more than a window before
 * the current item are dropped from them every PRUNE_EVERY items.
 */
#include "stories.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY_KEY	UINT32_MAX
#define PRUNE_EVERY	1024

/* a summed sparse vector: dense index -> weight (the three arrays share
 * one allocation, keys first) */
typedef struct SumMap
{
	uint32_t   *keys;			/* EMPTY_KEY marks a free slot */
	float	   *vals;
	uint32_t   *pos;			/* where the entry is in its inverted list */
	uint32_t	n;
	uint32_t	cap;			/* a power of two, or 0 */
} SumMap;

/* an entry of an inverted list: a story number and its summed weight of
 * the id, side by side (the scoring walk reads both) */
typedef struct Posting
{
	uint32_t	story;
	float		w;
} Posting;

/*
 * an inverted list.  Lists sized when existing stories are loaded
 * (na_stories_add_all) live in one pooled allocation of the dictionary and
 * move to an allocation of their own when they outgrow it.
 */
typedef struct Postings
{
	Posting    *p;
	uint32_t	n;
	uint32_t	cap;
	bool		pooled;
} Postings;

/* ids of one kind (terms or entities) -> dense indices */
typedef struct Dict
{
	const NaCorpus *corpus;
	uint32_t   *slots;			/* hash slot -> dense index + 1, 0 = free */
	uint32_t	scap;			/* a power of two */
	uint32_t   *ids;			/* dense index -> id */
	double	   *idf;			/* dense index -> idf */
	Postings   *post;			/* dense index -> stories */
	Posting    *pool;			/* the pooled lists (na_stories_add_all) */
	uint32_t	n;
	uint32_t	cap;
} Dict;

typedef struct Story
{
	int64_t		id;
	double		first;
	double		last;
	int64_t		count;
	SumMap		terms;
	SumMap		ents;
	double		tnorm2;			/* squared length of idf . terms */
	double		enorm2;			/* squared length of eidf . ents */
	bool		changed;
	bool		listed;			/* in the inverted lists */
} Story;

/*
 * the accumulators of one story for the item being scored: its dot products
 * with the item's terms (dot[0]) and entities (dot[1]), valid when stamp is
 * the item's epoch; one record per story, so that a posting costs one cache
 * line, not three
 */
typedef struct Acc
{
	double		dot[2];
	uint32_t	stamp;
} Acc;

/* the dense form of an item's vector: indices and weights */
typedef struct ItemVec
{
	uint32_t   *idx;
	double	   *w;				/* idf-weighted */
	double	   *raw;			/* as given */
	uint32_t	n;
	uint32_t	cap;
	double		norm;			/* length of the idf-weighted form */
} ItemVec;

struct NaStories
{
	const NaAllocator *alloc;
	const NaYield *yield;
	NaStoryParams params;
	Dict		terms;
	Dict		ents;
	Story	   *stories;
	uint32_t	n;
	uint32_t	cap;
	int64_t    *idset;			/* story ids in use (open addressing) */
	bool	   *idused;
	uint32_t	idcap;
	/* per-story accumulators of the item being scored */
	Acc		   *acc;
	uint32_t   *touched;
	uint32_t	epoch;
	/* the item being scored */
	ItemVec		it;
	ItemVec		ie;
	/* time order and pruning */
	double		horizon;		/* first time of the latest item */
	bool		any_item;
	bool		ordered;
	uint32_t	since_prune;
	uint64_t	work;
	/* output of na_stories_get */
	uint32_t   *out_ids;
	float	   *out_vals;
	uint32_t	out_cap;
	uint64_t   *sortbuf;
};

static inline uint32_t
hash32(uint32_t k)
{
	k ^= k >> 16;
	k *= 0x7feb352dU;
	k ^= k >> 15;
	k *= 0x846ca68bU;
	k ^= k >> 16;
	return k;
}

static inline uint32_t
hash64(int64_t id)
{
	uint64_t	h = (uint64_t) id;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (uint32_t) h;
}

/* ------------------------------------------------------------------------
 * Summed vectors
 * ------------------------------------------------------------------------
 */

static void
summap_free(const NaAllocator *alloc, SumMap *m)
{
	na_release(alloc, m->keys);
	memset(m, 0, sizeof(*m));
}

/* summap_slot: the slot of key, or of the free slot where it would go. */
static inline uint32_t
summap_slot(const SumMap *m, uint32_t key)
{
	uint32_t	mask = m->cap - 1;
	uint32_t	i = hash32(key) & mask;

	while (m->keys[i] != EMPTY_KEY && m->keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

static NaStatus
summap_rehash(const NaAllocator *alloc, SumMap *m, uint32_t cap)
{
	SumMap		old = *m;
	uint32_t	i;

	m->keys = na_alloc(alloc, (size_t) cap * (2 * sizeof(uint32_t) + sizeof(float)));
	if (!m->keys)
	{
		*m = old;
		return NA_ERR_NOMEM;
	}
	m->vals = (float *) (m->keys + cap);
	m->pos = (uint32_t *) (m->vals + cap);
	memset(m->keys, 0xff, (size_t) cap * sizeof(uint32_t));
	m->cap = cap;
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.keys[i] != EMPTY_KEY)
		{
			uint32_t	j = summap_slot(m, old.keys[i]);

			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
			m->pos[j] = old.pos[i];
			m->n++;
		}
	summap_free(alloc, &old);
	return NA_OK;
}

/*
 * summap_reserve: an empty map m made ready for n entries, with the capacity
 * summap_add reaches after adding n entries one by one (so no rehash is
 * needed on the way).
 */
static NaStatus
summap_reserve(const NaAllocator *alloc, SumMap *m, uint32_t n)
{
	uint32_t	cap = 16;

	if (n == 0 || m->cap != 0)
		return NA_OK;
	while ((uint64_t) n * 4 > (uint64_t) cap * 3)
	{
		if (cap >= (UINT32_MAX >> 2) + 1)
			return NA_ERR_TOO_LARGE;
		cap *= 2;
	}
	return summap_rehash(alloc, m, cap);
}

/*
 * summap_add adds w to key's weight; *old gets the weight before, *now the
 * weight after (as stored), *isnew whether the key was absent, *slot the
 * key's slot.
 */
static NaStatus
summap_add(const NaAllocator *alloc, SumMap *m, uint32_t key, double w,
		   float *old, float *now, bool *isnew, uint32_t *slot)
{
	uint32_t	i;

	if (m->cap == 0 || (uint64_t) (m->n + 1) * 4 > (uint64_t) m->cap * 3)
	{
		NaStatus	st;

		if (m->cap >= (UINT32_MAX >> 2) + 1)
			return NA_ERR_TOO_LARGE;
		st = summap_rehash(alloc, m, m->cap ? m->cap * 2 : 16);
		if (st != NA_OK)
			return st;
	}
	i = summap_slot(m, key);
	*isnew = m->keys[i] == EMPTY_KEY;
	if (*isnew)
	{
		m->keys[i] = key;
		m->vals[i] = 0;
		m->n++;
	}
	*old = m->vals[i];
	m->vals[i] = (float) ((double) m->vals[i] + w);
	*now = m->vals[i];
	*slot = i;
	return NA_OK;
}

/* ------------------------------------------------------------------------
 * Dictionaries
 * ------------------------------------------------------------------------
 */

static void
dict_free(const NaAllocator *alloc, Dict *d)
{
	uint32_t	i;

	for (i = 0; i < d->n; i++)
		if (!d->post[i].pooled)
			na_release(alloc, d->post[i].p);
	na_release(alloc, d->pool);
	na_release(alloc, d->slots);
	na_release(alloc, d->ids);
	na_release(alloc, d->idf);
	na_release(alloc, d->post);
	memset(d, 0, sizeof(*d));
}

static NaStatus
dict_init(const NaAllocator *alloc, Dict *d, const NaCorpus *corpus)
{
	memset(d, 0, sizeof(*d));
	d->corpus = corpus;
	d->scap = 64;
	d->slots = na_alloc(alloc, d->scap * sizeof(uint32_t));
	if (!d->slots)
		return NA_ERR_NOMEM;
	memset(d->slots, 0, d->scap * sizeof(uint32_t));
	return NA_OK;
}

/* dict_index: the dense index of id, added (with its idf) when new. */
static NaStatus
dict_index(const NaAllocator *alloc, Dict *d, uint32_t id, uint32_t *index)
{
	uint32_t	mask = d->scap - 1;
	uint32_t	i = hash32(id) & mask;
	NaStatus	st;

	while (d->slots[i])
	{
		if (d->ids[d->slots[i] - 1] == id)
		{
			*index = d->slots[i] - 1;
			return NA_OK;
		}
		i = (i + 1) & mask;
	}
	if ((uint64_t) (d->n + 1) * 2 > d->scap)
	{
		uint32_t	ncap = d->scap * 2;
		uint32_t   *ns;
		uint32_t	k;

		if (d->scap >= (UINT32_MAX >> 2) + 1)
			return NA_ERR_TOO_LARGE;
		ns = na_alloc(alloc, (size_t) ncap * sizeof(uint32_t));
		if (!ns)
			return NA_ERR_NOMEM;
		memset(ns, 0, (size_t) ncap * sizeof(uint32_t));
		for (k = 0; k < d->n; k++)
		{
			uint32_t	j = hash32(d->ids[k]) & (ncap - 1);

			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = k + 1;
		}
		na_release(alloc, d->slots);
		d->slots = ns;
		d->scap = ncap;
		mask = ncap - 1;
		i = hash32(id) & mask;
		while (d->slots[i])
			i = (i + 1) & mask;
	}
	if (d->n == d->cap)
	{
		uint32_t	c1 = d->cap,
					c2 = d->cap,
					c3 = d->cap;

		if ((st = na_grow32(alloc, (void **) &d->ids, &c1, d->n + 1, sizeof(uint32_t))) != NA_OK ||
			(st = na_grow32(alloc, (void **) &d->idf, &c2, d->n + 1, sizeof(double))) != NA_OK ||
			(st = na_grow32(alloc, (void **) &d->post, &c3, d->n + 1, sizeof(Postings))) != NA_OK)
			return st;
		d->cap = c1;
	}
	d->ids[d->n] = id;
	d->idf[d->n] = na_idf(d->corpus->ndocs, na_corpus_df(d->corpus, id));
	memset(&d->post[d->n], 0, sizeof(Postings));
	d->slots[i] = d->n + 1;
	*index = d->n++;
	return NA_OK;
}

/* postings_add: list story with weight w; *at gets its position.  A
 * pooled list that is full moves to an allocation of its own. */
static NaStatus
postings_add(const NaAllocator *alloc, Postings *p, uint32_t story, float w, uint32_t *at)
{
	if (p->n == p->cap)
	{
		if (p->pooled)
		{
			Posting    *own = NULL;
			uint32_t	cap = 0;
			NaStatus	st = na_grow32(alloc, (void **) &own, &cap, p->n + 1, sizeof(Posting));

			if (st != NA_OK)
				return st;
			if (p->n > 0)
				memcpy(own, p->p, (size_t) p->n * sizeof(Posting));
			p->p = own;
			p->cap = cap;
			p->pooled = false;
		}
		else
		{
			NaStatus	st = na_grow32(alloc, (void **) &p->p, &p->cap, p->n + 1, sizeof(Posting));

			if (st != NA_OK)
				return st;
		}
	}
	p->p[p->n].story = story;
	p->p[p->n].w = w;
	*at = p->n++;
	return NA_OK;
}

/* ------------------------------------------------------------------------
 * Checks and the standalone score
 * ------------------------------------------------------------------------
 */

/* na_story_params_check: see stories.h. */
const char *
na_story_params_check(const NaStoryParams *p)
{
	if (!isfinite(p->threshold) || p->threshold < 0 || p->threshold > 1)
		return "threshold must be between 0 and 1";
	if (!isfinite(p->window) || p->window < 0)
		return "the time window must be finite and not negative";
	if (!isfinite(p->entity_weight) || p->entity_weight < 0 || p->entity_weight > 1)
		return "entity weight must be between 0 and 1";
	return NULL;
}

/* na_story_item_check: see stories.h. */
const char *
na_story_item_check(const NaStoryItem *item)
{
	const char *msg;

	if (!isfinite(item->first) || !isfinite(item->last))
		return "story times must be finite";
	if (item->first > item->last)
		return "a story cannot end before it begins";
	if (item->count < 0)
		return "article count must not be negative";
	if ((msg = na_tv_check(&item->terms)) != NULL)
		return msg;
	return na_tv_check(&item->entities);
}

/* na_story_vector: see stories.h. */
void
na_story_vector(const NaTermVec *tv, float *out_vals)
{
	double		sum = 0;
	double		scale;
	uint32_t	i;

	for (i = 0; i < tv->nnz; i++)
	{
		double		tf = tv->vals[i];
		double		w = tf >= 1 ? 1 + log(tf) : tf;

		out_vals[i] = (float) w;
		sum += w * w;
	}
	scale = sum > 0 ? 1.0 / sqrt(sum) : 0;
	for (i = 0; i < tv->nnz; i++)
		out_vals[i] = (float) (out_vals[i] * scale);
}

/* na_story_sum: see stories.h. */
uint32_t
na_story_sum(const NaTermVec *a, const NaTermVec *b, uint32_t *ids, float *vals)
{
	uint32_t	i = 0,
				j = 0,
				n = 0;

	while (i < a->nnz || j < b->nnz)
	{
		uint32_t	id;
		float		v;

		if (j >= b->nnz || (i < a->nnz && a->ids[i] < b->ids[j]))
		{
			id = a->ids[i];
			v = a->vals[i++];
		}
		else if (i >= a->nnz || b->ids[j] < a->ids[i])
		{
			id = b->ids[j];
			v = b->vals[j++];
		}
		else
		{
			id = a->ids[i];
			v = (float) ((double) a->vals[i++] + b->vals[j++]);
		}
		if (v != 0 && isfinite(v))
		{
			ids[n] = id;
			vals[n++] = v;
		}
	}
	return n;
}

/*
 * cosine_of: the cosine between the idf-weighted forms of story (minus
 * item when exclude) and item, merging the two sorted vectors.  Weights the
 * exclusion brings to (nearly) zero are dropped.
 */
static double
cosine_of(const NaTermVec *story, const NaTermVec *item, const NaCorpus *c,
		  bool exclude, bool *item_empty)
{
	uint32_t	i = 0,
				j = 0;
	double		dot = 0,
				sn = 0,
				in = 0;

	while (i < story->nnz || j < item->nnz)
	{
		uint32_t	id;
		double		s = 0,
					v = 0,
					idf;

		if (j >= item->nnz || (i < story->nnz && story->ids[i] < item->ids[j]))
		{
			id = story->ids[i];
			s = story->vals[i++];
		}
		else if (i >= story->nnz || item->ids[j] < story->ids[i])
		{
			id = item->ids[j];
			v = item->vals[j++];
		}
		else
		{
			id = story->ids[i];
			s = story->vals[i++];
			v = item->vals[j++];
		}
		if (exclude)
		{
			s -= v;
			if (fabs(s) < 1e-6)
				s = 0;
		}
		idf = na_idf(c->ndocs, na_corpus_df(c, id));
		dot += idf * idf * s * v;
		sn += idf * idf * s * s;
		in += idf * idf * v * v;
	}
	*item_empty = in <= 0;
	if (sn <= 0 || in <= 0)
		return 0;
	dot /= sqrt(sn) * sqrt(in);
	return dot < 0 ? 0 : (dot > 1 ? 1 : dot);
}

/* norm2_of: the squared length of the idf-weighted form of v, summed in
 * the order of its ids (as cosine_of sums it). */
static double
norm2_of(const NaTermVec *v, const NaCorpus *c)
{
	double		sum = 0;
	uint32_t	i;

	for (i = 0; i < v->nnz; i++)
	{
		double		s = v->vals[i];
		double		idf = na_idf(c->ndocs, na_corpus_df(c, v->ids[i]));

		sum += idf * idf * s * s;
	}
	return sum;
}

/*
 * cosine_normed: cosine_of without exclusion, given sn, the squared length
 * of the story's idf-weighted form (norm2_of).  It walks the item's ids
 * only, finding the story's weight of each by binary search from where the
 * last one was found: the ids cosine_of visits besides them add exact
 * zeros to the sums, which are otherwise formed in the same order, so the
 * result is the same to the last bit.
 */
static double
cosine_normed(const NaTermVec *story, double sn, const NaTermVec *item,
			  const NaCorpus *c, bool *item_empty)
{
	uint32_t	j,
				lo = 0;
	double		dot = 0,
				in = 0;

	for (j = 0; j < item->nnz; j++)
	{
		uint32_t	id = item->ids[j];
		uint32_t	hi = story->nnz;
		double		s = 0,
					v = item->vals[j],
					idf;

		while (lo < hi)
		{
			uint32_t	mid = lo + (hi - lo) / 2;

			if (story->ids[mid] < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < story->nnz && story->ids[lo] == id)
			s = story->vals[lo];
		idf = na_idf(c->ndocs, na_corpus_df(c, id));
		dot += idf * idf * s * v;
		in += idf * idf * v * v;
	}
	*item_empty = in <= 0;
	if (sn <= 0 || in <= 0)
		return 0;
	dot /= sqrt(sn) * sqrt(in);
	return dot < 0 ? 0 : (dot > 1 ? 1 : dot);
}

/* na_story_norms: see stories.h. */
void
na_story_norms(const NaStoryItem *story, const NaCorpus *terms,
			   const NaCorpus *entities, double norms[2])
{
	norms[0] = norm2_of(&story->terms, terms);
	norms[1] = norm2_of(&story->entities, entities);
}

/* na_story_score_normed: see stories.h. */
double
na_story_score_normed(const NaStoryItem *story, const double norms[2],
					  const NaStoryItem *item, const NaCorpus *terms,
					  const NaCorpus *entities, double entity_weight)
{
	bool		no_terms,
				no_entities;
	double		t = cosine_normed(&story->terms, norms[0], &item->terms, terms, &no_terms);
	double		e = cosine_normed(&story->entities, norms[1], &item->entities, entities, &no_entities);
	double		w = no_entities ? 0 : entity_weight;

	return (1 - w) * t + w * e;
}

/* na_story_score: see stories.h. */
double
na_story_score(const NaStoryItem *story, const NaStoryItem *item,
			   const NaCorpus *terms, const NaCorpus *entities,
			   double entity_weight, bool exclude)
{
	bool		no_terms,
				no_entities;
	double		t = cosine_of(&story->terms, &item->terms, terms, exclude, &no_terms);
	double		e = cosine_of(&story->entities, &item->entities, entities, exclude, &no_entities);
	double		w = no_entities ? 0 : entity_weight;

	return (1 - w) * t + w * e;
}

/* ------------------------------------------------------------------------
 * The story set
 * ------------------------------------------------------------------------
 */

/* na_stories_create: see stories.h. */
NaStatus
na_stories_create(const NaAllocator *alloc, const NaYield *yield,
				  const NaStoryParams *params,
				  const NaCorpus *terms, const NaCorpus *entities, NaStories **out)
{
	NaStories  *s;
	NaStatus	st;

	*out = NULL;
	if (na_story_params_check(params))
		return NA_ERR_BAD_ARGUMENT;
	s = na_alloc(alloc, sizeof(NaStories));
	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, sizeof(*s));
	s->alloc = alloc;
	s->yield = yield;
	s->params = *params;
	s->ordered = true;
	if ((st = dict_init(alloc, &s->terms, terms)) != NA_OK ||
		(st = dict_init(alloc, &s->ents, entities)) != NA_OK)
	{
		na_stories_destroy(s);
		return st;
	}
	*out = s;
	return NA_OK;
}

/* na_stories_destroy frees s and everything it holds. */
void
na_stories_destroy(NaStories *s)
{
	const NaAllocator *alloc;
	uint32_t	i;

	if (!s)
		return;
	alloc = s->alloc;
	for (i = 0; i < s->n; i++)
	{
		summap_free(alloc, &s->stories[i].terms);
		summap_free(alloc, &s->stories[i].ents);
	}
	dict_free(alloc, &s->terms);
	dict_free(alloc, &s->ents);
	na_release(alloc, s->stories);
	na_release(alloc, s->idset);
	na_release(alloc, s->idused);
	na_release(alloc, s->acc);
	na_release(alloc, s->touched);
	na_release(alloc, s->it.idx);
	na_release(alloc, s->it.w);
	na_release(alloc, s->it.raw);
	na_release(alloc, s->ie.idx);
	na_release(alloc, s->ie.w);
	na_release(alloc, s->ie.raw);
	na_release(alloc, s->out_ids);
	na_release(alloc, s->out_vals);
	na_release(alloc, s->sortbuf);
	na_release(alloc, s);
}

/* claim_id: record a story id, NA_ERR_BAD_ARGUMENT when it is taken. */
static NaStatus
claim_id(NaStories *s, int64_t id)
{
	uint32_t	i;

	if ((uint64_t) (s->n + 1) * 2 > s->idcap)
	{
		uint32_t	ncap = s->idcap ? s->idcap * 2 : 64;
		int64_t    *nset;
		bool	   *nused;
		uint32_t	k;

		if (s->idcap >= (UINT32_MAX >> 2) + 1)
			return NA_ERR_TOO_LARGE;
		nset = na_alloc(s->alloc, (size_t) ncap * sizeof(int64_t));
		nused = na_alloc(s->alloc, (size_t) ncap * sizeof(bool));
		if (!nset || !nused)
		{
			na_release(s->alloc, nset);
			na_release(s->alloc, nused);
			return NA_ERR_NOMEM;
		}
		memset(nused, 0, (size_t) ncap * sizeof(bool));
		for (k = 0; k < s->n; k++)
		{
			uint32_t	j = hash64(s->stories[k].id) & (ncap - 1);

			while (nused[j])
				j = (j + 1) & (ncap - 1);
			nused[j] = true;
			nset[j] = s->stories[k].id;
		}
		na_release(s->alloc, s->idset);
		na_release(s->alloc, s->idused);
		s->idset = nset;
		s->idused = nused;
		s->idcap = ncap;
	}
	i = hash64(id) & (s->idcap - 1);
	while (s->idused[i])
	{
		if (s->idset[i] == id)
			return NA_ERR_BAD_ARGUMENT;
		i = (i + 1) & (s->idcap - 1);
	}
	s->idused[i] = true;
	s->idset[i] = id;
	return NA_OK;
}

/* add_vector: add weights (ids, vals) to a story's map in dictionary d. */
static NaStatus
add_vector(NaStories *s, uint32_t story, Dict *d, const NaTermVec *v, bool entities)
{
	Story	   *st = &s->stories[story];
	SumMap	   *m = entities ? &st->ents : &st->terms;
	double	   *norm2 = entities ? &st->enorm2 : &st->tnorm2;
	uint32_t	k;

	for (k = 0; k < v->nnz; k++)
	{
		uint32_t	idx,
					slot;
		float		old,
					now;
		bool		isnew;
		double		idf;
		NaStatus	rc;

		if ((rc = dict_index(s->alloc, d, v->ids[k], &idx)) != NA_OK ||
			(rc = summap_add(s->alloc, m, idx, v->vals[k], &old, &now, &isnew, &slot)) != NA_OK)
			return rc;
		if (st->listed)
		{
			if (!isnew)
				d->post[idx].p[m->pos[slot]].w = now;
			else if ((rc = postings_add(s->alloc, &d->post[idx], story, now, &m->pos[slot])) != NA_OK)
				return rc;
		}
		idf = d->idf[idx];
		*norm2 += idf * idf * ((double) now * now - (double) old * old);
	}
	return NA_OK;
}

/* new_story: append a story holding item, with id id. */
static NaStatus
new_story(NaStories *s, const NaStoryItem *item, int64_t id)
{
	Story	   *st;
	NaStatus	rc;
	uint32_t	c1 = s->cap,
				c2 = s->cap,
				c3 = s->cap;

	if (s->n == UINT32_MAX - 1)
		return NA_ERR_TOO_LARGE;
	if ((rc = claim_id(s, id)) != NA_OK)
		return rc;
	if ((rc = na_grow32(s->alloc, (void **) &s->stories, &c1, s->n + 1, sizeof(Story))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &s->acc, &c2, s->n + 1, sizeof(Acc))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &s->touched, &c3, s->n + 1, sizeof(uint32_t))) != NA_OK)
		return rc;
	s->cap = c1;
	st = &s->stories[s->n];
	memset(st, 0, sizeof(*st));
	st->id = id;
	st->first = item->first;
	st->last = item->last;
	st->count = item->count;
	st->listed = true;
	s->acc[s->n].stamp = 0;
	s->n++;
	/* the maps sized for the item at once (the size adding its entries one
	 * by one ends with), not doubled on the way: a loaded story's centroid
	 * has up to thousands of terms */
	if ((rc = summap_reserve(s->alloc, &st->terms, item->terms.nnz)) != NA_OK ||
		(rc = summap_reserve(s->alloc, &st->ents, item->entities.nnz)) != NA_OK)
		return rc;
	if ((rc = add_vector(s, s->n - 1, &s->terms, &item->terms, false)) != NA_OK)
		return rc;
	return add_vector(s, s->n - 1, &s->ents, &item->entities, true);
}

/* na_stories_add: see stories.h. */
NaStatus
na_stories_add(NaStories *s, const NaStoryItem *story)
{
	if (na_story_item_check(story))
		return NA_ERR_BAD_ARGUMENT;
	return new_story(s, story, story->id);
}

/* na_stories_add_all: see stories.h. */
NaStatus
na_stories_add_all(NaStories *s, const NaStoryItem *stories, uint32_t n, uint32_t *added)
{
	Dict	   *dicts[2] = {&s->terms, &s->ents};
	uint32_t	i,
				k;
	int			d;
	NaStatus	rc;

	*added = 0;
	for (i = 0; i < n; i++)
		if (na_story_item_check(&stories[i]))
		{
			*added = i;
			return NA_ERR_BAD_ARGUMENT;
		}
	/* into a set that already has stories: one by one */
	if (s->n > 0 || s->terms.n > 0 || s->ents.n > 0)
	{
		for (i = 0; i < n; i++)
		{
			if ((rc = na_stories_add(s, &stories[i])) != NA_OK)
				return rc;
			*added = i + 1;
		}
		return NA_OK;
	}

	/*
	 * the dense index of every id, in the order adding the stories one by
	 * one gives them, and the length of its list, counted in cap
	 */
	for (i = 0; i < n; i++)
		for (d = 0; d < 2; d++)
		{
			const NaTermVec *v = d == 0 ? &stories[i].terms : &stories[i].entities;

			for (k = 0; k < v->nnz; k++)
			{
				uint32_t	idx;

				if ((rc = dict_index(s->alloc, dicts[d], v->ids[k], &idx)) != NA_OK)
					return rc;
				dicts[d]->post[idx].cap++;
			}
			if ((i + 1) % 4096 == 0)
				na_yield(s->yield);
		}
	/* one pooled allocation of lists of that length, and some room */
	for (d = 0; d < 2; d++)
	{
		Dict	   *dict = dicts[d];
		size_t		total = 0;

		for (k = 0; k < dict->n; k++)
		{
			Postings   *p = &dict->post[k];

			p->cap += p->cap / 4 + 4;
			total += p->cap;
		}
		if (total == 0)
			continue;
		if (total > SIZE_MAX / sizeof(Posting))
			return NA_ERR_TOO_LARGE;
		dict->pool = na_alloc(s->alloc, total * sizeof(Posting));
		if (!dict->pool)
		{
			for (k = 0; k < dict->n; k++)
				dict->post[k].cap = 0;
			return NA_ERR_NOMEM;
		}
		total = 0;
		for (k = 0; k < dict->n; k++)
		{
			Postings   *p = &dict->post[k];

			p->p = dict->pool + total;
			p->pooled = true;
			total += p->cap;
		}
	}
	for (i = 0; i < n; i++)
	{
		if ((rc = new_story(s, &stories[i], stories[i].id)) != NA_OK)
			return rc;
		*added = i + 1;
	}
	return NA_OK;
}

/* item_vec: the dense, idf-weighted form of an item's vector. */
static NaStatus
item_vec(NaStories *s, Dict *d, const NaTermVec *v, ItemVec *out)
{
	uint32_t	c1 = out->cap,
				c2 = out->cap,
				c3 = out->cap;
	double		sum = 0;
	uint32_t	k;
	NaStatus	rc;

	if ((rc = na_grow32(s->alloc, (void **) &out->idx, &c1, v->nnz, sizeof(uint32_t))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &out->w, &c2, v->nnz, sizeof(double))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &out->raw, &c3, v->nnz, sizeof(double))) != NA_OK)
		return rc;
	out->cap = c1;
	for (k = 0; k < v->nnz; k++)
	{
		if ((rc = dict_index(s->alloc, d, v->ids[k], &out->idx[k])) != NA_OK)
			return rc;
		out->raw[k] = v->vals[k];
		out->w[k] = d->idf[out->idx[k]] * v->vals[k];
		sum += out->w[k] * out->w[k];
	}
	out->n = v->nnz;
	out->norm = sqrt(sum);
	return NA_OK;
}

/* relist: rebuild the inverted lists from the stories that may still be
 * chosen for an item starting at time `from` (all of them when not in
 * time order). */
static NaStatus
relist(NaStories *s, double from, bool all)
{
	Dict	   *dicts[2] = {&s->terms, &s->ents};
	uint32_t	i,
				k;
	int			d;
	NaStatus	rc;

	for (d = 0; d < 2; d++)
		for (k = 0; k < dicts[d]->n; k++)
			dicts[d]->post[k].n = 0;
	for (i = 0; i < s->n; i++)
	{
		Story	   *st = &s->stories[i];

		st->listed = all || st->last >= from - s->params.window;
		if (!st->listed)
			continue;
		for (d = 0; d < 2; d++)
		{
			SumMap	   *m = d == 0 ? &st->terms : &st->ents;

			for (k = 0; k < m->cap; k++)
				if (m->keys[k] != EMPTY_KEY &&
					(rc = postings_add(s->alloc, &dicts[d]->post[m->keys[k]], i, m->vals[k], &m->pos[k])) != NA_OK)
					return rc;
		}
		if ((i + 1) % 4096 == 0)
			na_yield(s->yield);
	}
	return NA_OK;
}

/* accumulate: dot products of the item's vector with every listed story
 * sharing one of its ids (kind 0: terms, 1: entities). */
static uint32_t
accumulate(NaStories *s, Dict *d, const ItemVec *v, int kind, uint32_t ntouched)
{
	Acc		   *acc = s->acc;
	uint32_t	epoch = s->epoch;
	uint32_t	k;

	for (k = 0; k < v->n; k++)
	{
		const Postings *p = &d->post[v->idx[k]];
		double		q = v->w[k] * d->idf[v->idx[k]];
		uint32_t	j;

		for (j = 0; j < p->n; j++)
		{
			Acc		   *a = &acc[p->p[j].story];
			double		x = q * p->p[j].w;

			if (a->stamp != epoch)
			{
				a->stamp = epoch;
				a->dot[0] = 0;
				a->dot[1] = 0;
				s->touched[ntouched++] = p->p[j].story;
			}
			a->dot[kind] += x;
		}
		s->work += p->n + 1;
		if (s->work >= NA_YIELD_EVERY)
		{
			s->work = 0;
			na_yield(s->yield);
		}
	}
	return ntouched;
}

static inline double
clamp01(double x)
{
	return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* na_stories_assign: see stories.h. */
NaStatus
na_stories_assign(NaStories *s, const NaStoryItem *item, int64_t new_id,
				  int64_t *story, double *score, bool *created)
{
	uint32_t	ntouched,
				k,
				best = UINT32_MAX;
	double		best_score = 0;
	double		w;
	NaStatus	rc;

	if (na_story_item_check(item))
		return NA_ERR_BAD_ARGUMENT;

	/* time order: prune the lists now and then, or list everything */
	if (s->any_item && item->first < s->horizon)
	{
		if (s->ordered && (rc = relist(s, 0, true)) != NA_OK)
			return rc;
		s->ordered = false;
	}
	else if (s->ordered && ++s->since_prune >= PRUNE_EVERY)
	{
		s->since_prune = 0;
		if ((rc = relist(s, item->first, false)) != NA_OK)
			return rc;
	}
	if (!s->any_item || item->first > s->horizon)
		s->horizon = item->first;
	s->any_item = true;

	if ((rc = item_vec(s, &s->terms, &item->terms, &s->it)) != NA_OK ||
		(rc = item_vec(s, &s->ents, &item->entities, &s->ie)) != NA_OK)
		return rc;
	if (++s->epoch == 0)
	{
		for (k = 0; k < s->n; k++)
			s->acc[k].stamp = 0;
		s->epoch = 1;
	}
	ntouched = accumulate(s, &s->terms, &s->it, 0, 0);
	ntouched = accumulate(s, &s->ents, &s->ie, 1, ntouched);

	w = s->ie.norm > 0 ? s->params.entity_weight : 0;
	for (k = 0; k < ntouched; k++)
	{
		uint32_t	si = s->touched[k];
		const Story *st = &s->stories[si];
		double		tcos = 0,
					ecos = 0,
					sc;

		if (item->first > st->last + s->params.window ||
			item->last < st->first - s->params.window)
			continue;
		if (s->it.norm > 0 && st->tnorm2 > 0)
			tcos = clamp01(s->acc[si].dot[0] / (s->it.norm * sqrt(st->tnorm2)));
		if (s->ie.norm > 0 && st->enorm2 > 0)
			ecos = clamp01(s->acc[si].dot[1] / (s->ie.norm * sqrt(st->enorm2)));
		sc = (1 - w) * tcos + w * ecos;
		if (best == UINT32_MAX || sc > best_score ||
			(sc == best_score && st->id < s->stories[best].id))
		{
			best = si;
			best_score = sc;
		}
	}
	*score = best_score;
	if (best != UINT32_MAX && best_score >= s->params.threshold)
	{
		Story	   *st = &s->stories[best];

		if ((rc = add_vector(s, best, &s->terms, &item->terms, false)) != NA_OK ||
			(rc = add_vector(s, best, &s->ents, &item->entities, true)) != NA_OK)
			return rc;
		st = &s->stories[best];
		if (item->first < st->first)
			st->first = item->first;
		if (item->last > st->last)
			st->last = item->last;
		st->count += item->count;
		st->changed = true;
		*story = st->id;
		*created = false;
		return NA_OK;
	}
	if ((rc = new_story(s, item, new_id)) != NA_OK)
		return rc;
	s->stories[s->n - 1].changed = true;
	*story = new_id;
	*created = true;
	return NA_OK;
}

/* na_stories_count: see stories.h. */
uint32_t
na_stories_count(const NaStories *s)
{
	return s->n;
}

/* sorted_out: the entries of map m (dictionary d) sorted by id, written to
 * the output buffers from position at; returns how many. */
static NaStatus
sorted_out(NaStories *s, const SumMap *m, const Dict *d, uint32_t at, uint32_t *count)
{
	uint32_t	c1 = s->out_cap,
				c2 = s->out_cap,
				c3 = s->out_cap;
	uint32_t	n = 0,
				k;
	uint32_t	need = at + m->n > 0 ? at + m->n : 1;	/* never NULL buffers */
	NaStatus	rc;

	if ((rc = na_grow32(s->alloc, (void **) &s->out_ids, &c1, need, sizeof(uint32_t))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &s->out_vals, &c2, need, sizeof(float))) != NA_OK ||
		(rc = na_grow32(s->alloc, (void **) &s->sortbuf, &c3, need, sizeof(uint64_t))) != NA_OK)
		return rc;
	s->out_cap = c1;
	/* sort (id << 32 | slot) pairs: ids are unique */
	for (k = 0; k < m->cap; k++)
		if (m->keys[k] != EMPTY_KEY && m->vals[k] != 0)
			s->sortbuf[n++] = ((uint64_t) d->ids[m->keys[k]] << 32) | k;
	if (n > 1)
		na_sort_u64(s->sortbuf, n);
	for (k = 0; k < n; k++)
	{
		uint32_t	slot = (uint32_t) (s->sortbuf[k] & 0xffffffffU);

		s->out_ids[at + k] = (uint32_t) (s->sortbuf[k] >> 32);
		s->out_vals[at + k] = m->vals[slot];
	}
	*count = n;
	return NA_OK;
}

/* na_stories_get: see stories.h. */
NaStatus
na_stories_get(NaStories *s, uint32_t i, NaStoryItem *out, bool *changed)
{
	const Story *st;
	uint32_t	nt,
				ne;
	NaStatus	rc;

	if (i >= s->n)
		return NA_ERR_BAD_ARGUMENT;
	st = &s->stories[i];
	if ((rc = sorted_out(s, &st->terms, &s->terms, 0, &nt)) != NA_OK ||
		(rc = sorted_out(s, &st->ents, &s->ents, nt, &ne)) != NA_OK)
		return rc;
	out->id = st->id;
	out->first = st->first;
	out->last = st->last;
	out->count = st->count;
	out->terms.nnz = nt;
	out->terms.ids = s->out_ids;
	out->terms.vals = s->out_vals;
	out->entities.nnz = ne;
	out->entities.ids = s->out_ids + nt;
	out->entities.vals = s->out_vals + nt;
	*changed = st->changed;
	return NA_OK;
}
