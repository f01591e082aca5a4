/*
 * stories_fuzzer.c
 *		libFuzzer harness for story assignment: the input is read as
 *		settings, corpus statistics and a stream of items (times, counts,
 *		term and entity vectors over a small id space, so that stories
 *		form and overlap).  Items are assigned in turn, some as existing
 *		stories first; the harness checks that every item lands in exactly
 *		one story, that article counts add up, that stories come back with
 *		sorted, finite vectors and spans covering their items, that scores
 *		stay within 0..1, and that a second run gives the same stories.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stories.h"

#define MAX_ITEMS	64
#define MAX_NNZ		8

typedef struct Reader
{
	const uint8_t *p;
	size_t		left;
} Reader;

static uint8_t
byte(Reader *r)
{
	if (r->left == 0)
		return 0;
	r->left--;
	return *r->p++;
}

typedef struct Item
{
	uint32_t	tids[MAX_NNZ];
	float		tvals[MAX_NNZ];
	uint32_t	eids[MAX_NNZ];
	float		evals[MAX_NNZ];
	NaStoryItem item;
} Item;

/* read_vector: up to MAX_NNZ sorted ids below 32 with weights 1..16 */
static uint32_t
read_vector(Reader *r, uint32_t *ids, float *vals)
{
	uint32_t	mask = ((uint32_t) byte(r) << 24) | ((uint32_t) byte(r) << 16) |
		((uint32_t) byte(r) << 8) | byte(r);
	uint32_t	n = 0,
				id;

	for (id = 0; id < 32 && n < MAX_NNZ; id++)
		if (mask & (1u << id))
		{
			ids[n] = id;
			vals[n++] = (float) (1 + (byte(r) & 15));
		}
	return n;
}

typedef struct Run
{
	int64_t		story[MAX_ITEMS];
	uint32_t	nstories;
} Run;

/* run: the existing stories added one by one, or at once (all) */
static void
run(const NaStoryParams *params, const NaCorpus *terms, const NaCorpus *ents,
	Item *items, int nitems, int nexisting, bool all, Run *out)
{
	NaStories  *s;
	int64_t		next = 1000;
	int64_t		total = 0;
	int			i;
	uint32_t	k;

	if (na_stories_create(&na_malloc_allocator, NULL, params, terms, ents, &s) != NA_OK)
		abort();
	if (all)
	{
		NaStoryItem existing[MAX_ITEMS];
		uint32_t	added;

		for (i = 0; i < nexisting; i++)
			existing[i] = items[i].item;
		if (na_stories_add_all(s, existing, (uint32_t) nexisting, &added) != NA_OK ||
			added != (uint32_t) nexisting)
			abort();
	}
	for (i = 0; i < nexisting; i++)
	{
		if (!all && na_stories_add(s, &items[i].item) != NA_OK)
			abort();
		out->story[i] = items[i].item.id;
		total += items[i].item.count;
	}
	for (i = nexisting; i < nitems; i++)
	{
		double		score;
		bool		created;

		if (na_stories_assign(s, &items[i].item, next, &out->story[i], &score, &created) != NA_OK)
			abort();
		if (!(score >= 0 && score <= 1.0000001))
			abort();
		if (created)
			next++;
		total += items[i].item.count;
	}
	out->nstories = na_stories_count(s);
	for (k = 0; k < out->nstories; k++)
	{
		NaStoryItem st;
		bool		changed;
		uint32_t	j;

		if (na_stories_get(s, k, &st, &changed) != NA_OK || na_story_item_check(&st) != NULL)
			abort();
		for (j = 0; j < st.terms.nnz; j++)
			if (!isfinite(st.terms.vals[j]))
				abort();
		/* the story spans its items and counts them */
		for (i = 0; i < nitems; i++)
			if (out->story[i] == st.id)
			{
				if (items[i].item.first < st.first || items[i].item.last > st.last)
					abort();
				total -= items[i].item.count;
			}
	}
	if (total != 0)
		abort();
	na_stories_destroy(s);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Reader		r = {data, size};
	NaStoryParams params;
	uint32_t	cids[32];
	int64_t		cdfs[32];
	NaCorpus	terms;
	NaCorpus	ents = {0, 0, 0, NULL, NULL};
	Item	   *items;
	Run			a,
				b;
	int			nitems,
				nexisting,
				i;
	double		t = 0;
	uint32_t	k;

	params.threshold = byte(&r) / 255.0;
	params.window = byte(&r) * 3600.0;
	params.entity_weight = byte(&r) / 255.0;
	/* corpus statistics: 32 terms, document frequencies up to the count */
	terms.nterms = 32;
	terms.ndocs = 1 + byte(&r);
	terms.length = 0;
	for (k = 0; k < 32; k++)
	{
		cids[k] = k;
		cdfs[k] = 1 + byte(&r) % terms.ndocs;
	}
	terms.ids = cids;
	terms.dfs = cdfs;
	nitems = byte(&r) % (MAX_ITEMS + 1);
	nexisting = nitems ? byte(&r) % (nitems + 1) : 0;
	items = calloc(MAX_ITEMS, sizeof(Item));
	if (!items)
		return 0;
	for (i = 0; i < nitems; i++)
	{
		Item	   *it = &items[i];
		uint8_t		step = byte(&r);

		/* items in time order, except now and then */
		t += (step & 0x80) ? -(double) (step & 0x7f) * 600 : (double) step * 600;
		it->item.id = i;
		it->item.first = t;
		it->item.last = t + (i < nexisting ? (byte(&r) & 3) * 3600.0 : 0);
		it->item.count = i < nexisting ? 1 + (byte(&r) & 7) : 1;
		it->item.terms.nnz = read_vector(&r, it->tids, it->tvals);
		it->item.terms.ids = it->tids;
		it->item.terms.vals = it->tvals;
		it->item.entities.nnz = read_vector(&r, it->eids, it->evals);
		it->item.entities.ids = it->eids;
		it->item.entities.vals = it->evals;
		if (na_story_item_check(&it->item) != NULL)
			abort();
		if (i > 0)
		{
			double		sc = na_story_score(&items[i - 1].item, &it->item, &terms, &ents,
											params.entity_weight, (step & 1) != 0);

			if (!(sc >= 0 && sc <= 1.0000001))
				abort();
		}
	}
	/* the same stories whether the existing ones come one by one or at once */
	run(&params, &terms, &ents, items, nitems, nexisting, false, &a);
	run(&params, &terms, &ents, items, nitems, nexisting, true, &b);
	if (a.nstories != b.nstories || memcmp(a.story, b.story, sizeof(int64_t) * nitems) != 0)
		abort();
	free(items);
	return 0;
}
