/*
 * stories_test.c
 *		Unit tests of story assignment (src/core/stories.c): story vectors,
 *		sums, scores worked out by hand, assignment with its time window, no
 *		chaining, ties, time order and the pruning of the inverted lists, and
 *		bad arguments.
 *
 * With empty corpus statistics every idf is ln(1/1) + 1 = 1, so scores are
 * plain cosines of the given vectors.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stories.h"
#include "na_test.h"

#define NEAR(x, y) (fabs((double) (x) - (double) (y)) < 1e-5)
#define DAY 86400.0

static const NaCorpus empty = {0, 0, 0, NULL, NULL};

/* a story item with up to 4 entries per vector */
typedef struct TestItem
{
	uint32_t	tids[4];
	float		tvals[4];
	uint32_t	eids[4];
	float		evals[4];
	NaStoryItem item;
} TestItem;

static NaStoryItem *
mk(TestItem *t, int64_t id, double time, int nt, const uint32_t *tids, const float *tvals,
   int ne, const uint32_t *eids)
{
	int			i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < nt; i++)
	{
		t->tids[i] = tids[i];
		t->tvals[i] = tvals[i];
	}
	for (i = 0; i < ne; i++)
	{
		t->eids[i] = eids[i];
		t->evals[i] = 1;
	}
	t->item.id = id;
	t->item.first = t->item.last = time;
	t->item.count = 1;
	t->item.terms.nnz = (uint32_t) nt;
	t->item.terms.ids = t->tids;
	t->item.terms.vals = t->tvals;
	t->item.entities.nnz = (uint32_t) ne;
	t->item.entities.ids = t->eids;
	t->item.entities.vals = t->evals;
	return &t->item;
}

static NaStories *
new_set(double threshold, double window, double entity_weight)
{
	NaStoryParams p = {threshold, window, entity_weight};
	NaStories  *s = NULL;

	if (na_stories_create(&na_malloc_allocator, NULL, &p, &empty, &empty, &s) != NA_OK)
		return NULL;
	return s;
}

static void
test_vectors(void)
{
	uint32_t	ids[2] = {1, 2};
	float		counts[2] = {1, 4};
	float		out[2];
	NaTermVec	tv = {2, ids, counts};
	uint32_t	aid[3] = {1, 2, 5};
	float		av[3] = {1, 2, -1};
	uint32_t	bid[3] = {2, 3, 5};
	float		bv[3] = {-2, 1, 1};
	NaTermVec	a = {3, aid, av};
	NaTermVec	b = {3, bid, bv};
	uint32_t	sid[6];
	float		sv[6];
	uint32_t	n;

	/* 1 + ln 4 = 2.386294; length sqrt(1 + 5.694400) = 2.587354 */
	na_story_vector(&tv, out);
	CHECK(NEAR(out[0], 1 / 2.587354) && NEAR(out[1], 2.386294 / 2.587354),
		  "story vector: sublinear counts scaled to unit length (%g, %g)", out[0], out[1]);
	counts[0] = 0.5f;
	counts[1] = 1;
	na_story_vector(&tv, out);
	CHECK(NEAR(out[0], 0.5 / sqrt(1.25)) && NEAR(out[1], 1 / sqrt(1.25)),
		  "story vector: weights below 1 kept as they are");

	n = na_story_sum(&a, &b, sid, sv);
	CHECK(n == 2 && sid[0] == 1 && sv[0] == 1 && sid[1] == 3 && sv[1] == 1,
		  "sum: entries that cancel out are dropped (%u entries)", n);
}

static void
test_score(void)
{
	TestItem	s,
				i;
	uint32_t	t12[2] = {1, 2};
	uint32_t	t23[2] = {2, 3};
	uint32_t	t3[1] = {3};
	float		w11[2] = {1, 1};
	float		w1[1] = {1};
	uint32_t	e1[1] = {7};
	uint32_t	e12[2] = {7, 8};
	double		sc;

	mk(&s, 1, 0, 2, t12, w11, 1, e1);
	mk(&i, 2, 0, 2, t12, w11, 1, e1);
	sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, false);
	CHECK(NEAR(sc, 1), "score of an item against the same vectors is 1 (%g)", sc);

	/* terms: cos({1,2},{2,3}) = 1/2; entities: cos({7},{7,8}) = 1/sqrt 2 */
	mk(&i, 2, 0, 2, t23, w11, 2, e12);
	sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, false);
	CHECK(NEAR(sc, 0.7 * 0.5 + 0.3 / sqrt(2)), "score: 0.7 x term cosine + 0.3 x entity cosine (%g)", sc);

	/* an item without entities is judged by its terms alone */
	mk(&i, 2, 0, 2, t23, w11, 0, NULL);
	sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, false);
	CHECK(NEAR(sc, 0.5), "score: the terms alone without entities (%g)", sc);

	mk(&i, 2, 0, 1, t3, w1, 0, NULL);
	mk(&s, 1, 0, 2, t12, w11, 0, NULL);
	sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, false);
	CHECK(sc == 0, "score of disjoint vectors is 0");

	/* story {1:1, 2:2} minus member {2:1} leaves {1:1, 2:1}; cos with {2:1} = 1/sqrt 2 */
	{
		float		w12[2] = {1, 2};
		uint32_t	t2[1] = {2};

		mk(&s, 1, 0, 2, t12, w12, 0, NULL);
		mk(&i, 2, 0, 1, t2, w1, 0, NULL);
		sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, true);
		CHECK(NEAR(sc, 1 / sqrt(2)), "score with exclude: the member against the rest of its story (%g)", sc);
		mk(&s, 1, 0, 1, t2, w1, 0, NULL);
		sc = na_story_score(&s.item, &i.item, &empty, &empty, 0.3, true);
		CHECK(sc == 0, "score with exclude: a story of one member has nothing left");
	}
}

static void
test_idf(void)
{
	/* term 1 in every one of 9 documents, term 2 in one: idf 1 and
	 * ln(10/2) + 1 = 2.609438 */
	uint32_t	cids[2] = {1, 2};
	int64_t		dfs[2] = {9, 1};
	NaCorpus	c = {2, 9, 90, cids, dfs};
	TestItem	s,
				i;
	uint32_t	t12[2] = {1, 2};
	uint32_t	t1[1] = {1};
	float		w11[2] = {1, 1};
	float		w1[1] = {1};
	double		idf2 = log(10.0 / 2) + 1;
	double		sc;

	mk(&s, 1, 0, 2, t12, w11, 0, NULL);
	mk(&i, 2, 0, 1, t1, w1, 0, NULL);
	sc = na_story_score(&s.item, &i.item, &c, &empty, 0, false);
	CHECK(NEAR(sc, 1 / sqrt(1 + idf2 * idf2)), "score weighs terms by idf (%g)", sc);
}

/* random sorted ids below 64 with weights in (0, 2]; returns how many */
static uint32_t
random_vector(uint32_t *ids, float *vals, uint32_t most)
{
	uint32_t	n = 0,
				id;

	for (id = 0; id < 64 && n < most; id++)
		if (rand() % 4 == 0)
		{
			ids[n] = id;
			vals[n++] = (float) (rand() % 2000 + 1) / 1000.0f;
		}
	return n;
}

static void
test_score_normed(void)
{
	uint32_t	cids[64];
	int64_t		cdfs[64];
	NaCorpus	c = {64, 100, 5000, cids, cdfs};
	uint32_t	ids[4][64];
	float		vals[4][64];
	NaStoryItem story,
				item;
	int			round,
				same = 0,
				rounds = 2000;

	for (uint32_t k = 0; k < 64; k++)
	{
		cids[k] = k;
		cdfs[k] = 1 + rand() % 100;
	}
	srand(14);
	for (round = 0; round < rounds; round++)
	{
		double		norms[2];
		double		w = (rand() % 11) / 10.0;
		double		a,
					b;

		memset(&story, 0, sizeof(story));
		memset(&item, 0, sizeof(item));
		story.terms = (NaTermVec) {random_vector(ids[0], vals[0], 64), ids[0], vals[0]};
		story.entities = (NaTermVec) {random_vector(ids[1], vals[1], 64), ids[1], vals[1]};
		item.terms = (NaTermVec) {random_vector(ids[2], vals[2], 1 + round % 20), ids[2], vals[2]};
		item.entities = (NaTermVec) {random_vector(ids[3], vals[3], round % 5), ids[3], vals[3]};
		na_story_norms(&story, &c, &empty, norms);
		a = na_story_score(&story, &item, &c, &empty, w, false);
		b = na_story_score_normed(&story, norms, &item, &c, &empty, w);
		same += memcmp(&a, &b, sizeof(double)) == 0;
	}
	CHECK(same == rounds, "the normed score equals the score bit for bit (%d of %d random pairs)", same, rounds);
}

static void
test_assign(void)
{
	NaStories  *s = new_set(0.45, DAY, 0);
	TestItem	a,
				b,
				c,
				d,
				e;
	uint32_t	xy[2] = {1, 2};
	uint32_t	yz[2] = {2, 3};
	uint32_t	zw[2] = {3, 4};
	float		w[2] = {0.70710678f, 0.70710678f};
	int64_t		story;
	double		score;
	bool		created;
	NaStoryItem out;
	bool		changed;

	CHECK(s != NULL, "create a story set");
	CHECK(na_stories_assign(s, mk(&a, 10, 0, 2, xy, w, 0, NULL), 100, &story, &score, &created) == NA_OK &&
		  story == 100 && created && score == 0, "the first item opens a story with the new id");
	/* B vs A: cosine 1/2 >= 0.45 */
	CHECK(na_stories_assign(s, mk(&b, 11, 3600, 2, yz, w, 0, NULL), 101, &story, &score, &created) == NA_OK &&
		  story == 100 && !created && NEAR(score, 0.5), "a similar item joins it (score %g)", score);
	/*
	 * C resembles B (cosine 1/2) but not the story: centroid A + B =
	 * {1:.707, 2:1.414, 3:.707}, length sqrt 3, cosine with C = .5 / sqrt 3
	 */
	CHECK(na_stories_assign(s, mk(&c, 12, 7200, 2, zw, w, 0, NULL), 101, &story, &score, &created) == NA_OK &&
		  story == 101 && created && NEAR(score, 0.5 / sqrt(3)),
		  "no chaining: an item like one member but not like the story opens a new one (score %g)", score);
	/* D is A again, but two days after the story's last article */
	CHECK(na_stories_assign(s, mk(&d, 13, 3 * DAY, 2, xy, w, 0, NULL), 102, &story, &score, &created) == NA_OK &&
		  story == 102 && created, "an item outside the time window opens a new story");
	/* E equals C's story exactly but comes a day later: still within the window */
	CHECK(na_stories_assign(s, mk(&e, 14, 7200 + DAY, 2, zw, w, 0, NULL), 103, &story, &score, &created) == NA_OK &&
		  story == 101 && NEAR(score, 1), "an item a window after the story's last article joins it");
	CHECK(na_stories_count(s) == 3, "three stories");
	CHECK(na_stories_get(s, 0, &out, &changed) == NA_OK && out.id == 100 && out.count == 2 &&
		  out.first == 0 && out.last == 3600 && changed &&
		  out.terms.nnz == 3 && out.terms.ids[0] == 1 && out.terms.ids[1] == 2 && out.terms.ids[2] == 3 &&
		  NEAR(out.terms.vals[1], 2 * 0.70710678), "the story keeps the sum of its members, ids sorted");
	CHECK(na_stories_get(s, 1, &out, &changed) == NA_OK && out.id == 101 && out.count == 2 &&
		  out.last == 7200 + DAY, "the second story spans both its members");
	CHECK(na_stories_get(s, 3, &out, &changed) == NA_ERR_BAD_ARGUMENT, "no fourth story");
	na_stories_destroy(s);
}

static void
test_existing_and_ties(void)
{
	NaStories  *s = new_set(0.5, DAY, 0.5);
	TestItem	s1,
				s2,
				it,
				bad;
	uint32_t	t1[1] = {1};
	uint32_t	e9[1] = {9};
	float		w1[1] = {1};
	int64_t		story;
	double		score;
	bool		created,
				changed;
	NaStoryItem out;

	/* two existing stories with the same vectors: the tie goes to the smaller id */
	CHECK(na_stories_add(s, mk(&s1, 7, 0, 1, t1, w1, 1, e9)) == NA_OK &&
		  na_stories_add(s, mk(&s2, 5, 0, 1, t1, w1, 1, e9)) == NA_OK, "add two existing stories");
	CHECK(na_stories_add(s, mk(&bad, 7, 0, 1, t1, w1, 0, NULL)) == NA_ERR_BAD_ARGUMENT, "a story id twice is refused");
	CHECK(na_stories_assign(s, mk(&it, 1, 100, 1, t1, w1, 1, e9), 5, &story, &score, &created) == NA_OK &&
		  story == 5 && !created && NEAR(score, 1), "ties go to the smaller story id");
	CHECK(na_stories_get(s, 0, &out, &changed) == NA_OK && out.id == 7 && !changed,
		  "an existing story that received nothing is unchanged");
	CHECK(na_stories_get(s, 1, &out, &changed) == NA_OK && out.id == 5 && changed && out.count == 2 &&
		  out.entities.nnz == 1 && out.entities.vals[0] == 2, "the other counts the entity twice");
	t1[0] = 99;
	CHECK(na_stories_assign(s, mk(&it, 2, 200, 1, t1, w1, 0, NULL), 7, &story, &score, &created) ==
		  NA_ERR_BAD_ARGUMENT, "a new story with an id already in use is refused");
	na_stories_destroy(s);
}

static void
test_order_and_pruning(void)
{
	NaStories  *s = new_set(0.9, 1.5 * DAY, 0);
	TestItem	it;
	uint32_t	t[1];
	float		w1[1] = {1};
	int64_t		story,
				next = 1;
	double		score;
	bool		created;
	int			i,
				ok = 1,
				joins = 0;

	/*
	 * 3000 items, two a day, on 3 topics in turn: each joins the story
	 * of its topic that is at most 1.5 days old.  Pruning runs every 1024
	 * items and must not drop a story that may still be chosen.
	 */
	for (i = 0; i < 3000; i++)
	{
		t[0] = (uint32_t) (i % 3);
		if (na_stories_assign(s, mk(&it, i, i * 0.5 * DAY, 1, t, w1, 0, NULL), next, &story, &score, &created) != NA_OK)
			ok = 0;
		if (created)
			next++;
		else
			joins++;
	}
	CHECK(ok && joins == 2997 && na_stories_count(s) == 3,
		  "items of a topic every 1.5 days keep their 3 stories through pruning (%d joins, %u stories)",
		  joins, na_stories_count(s));

	/* an item out of time order still finds its story */
	t[0] = 1;
	CHECK(na_stories_assign(s, mk(&it, 9999, 100 * DAY, 1, t, w1, 0, NULL), next, &story, &score, &created) == NA_OK &&
		  !created && story == 2, "an item out of time order still finds its story (%lld)", (long long) story);
	na_stories_destroy(s);

	/* items a topic every 2 days with a window of 1.5 days: a story each */
	s = new_set(0.9, 1.5 * DAY, 0);
	next = 1;
	for (i = 0; i < 2000; i++)
	{
		t[0] = 42;
		na_stories_assign(s, mk(&it, i, i * 2 * DAY, 1, t, w1, 0, NULL), next, &story, &score, &created);
		if (created)
			next++;
	}
	CHECK(na_stories_count(s) == 2000, "items further apart than the window open a story each (%u)", na_stories_count(s));
	na_stories_destroy(s);
}

/* rand_vector: n distinct ascending ids below 40 (a small vocabulary, so
 * that the inverted lists are long and outgrow their pooled room) */
static void
rand_vector(uint32_t *state, int n, uint32_t *ids, float *vals)
{
	uint32_t	id = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		*state = *state * 1103515245U + 12345U;
		id += 1 + (*state >> 16) % 9;
		ids[i] = id;
		vals[i] = (float) (1 + (*state >> 8) % 7) / 7.0f;
	}
}

static void
test_add_all(void)
{
	NaStories  *one = new_set(0.7, 2 * DAY, 0.2);
	NaStories  *all = new_set(0.7, 2 * DAY, 0.2);
	static TestItem stories[300];
	NaStoryItem items[300];
	TestItem	it,
				dup[2];
	NaStoryItem pair[2];
	uint32_t	state = 7,
				added,
				t[4],
				e[4];
	float		w[4];
	int64_t		next1 = 1000,
				next2 = 1000;
	int			i,
				ok = 1;
	uint32_t	k;

	for (i = 0; i < 300; i++)
	{
		rand_vector(&state, 4, t, w);
		rand_vector(&state, 2, e, w + 2);
		items[i] = *mk(&stories[i], 1 + i, (i % 50) * 0.1 * DAY, 4, t, w, 2, e);
		if (na_stories_add(one, &items[i]) != NA_OK)
			ok = 0;
	}
	CHECK(ok && na_stories_add_all(all, items, 300, &added) == NA_OK && added == 300,
		  "300 existing stories added one by one and all at once");
	/* 600 items: joins (lists grow past their pooled room) and new stories */
	for (i = 0; i < 600 && ok; i++)
	{
		int64_t		s1,
					s2;
		double		sc1,
					sc2;
		bool		c1,
					c2;

		rand_vector(&state, 4, t, w);
		rand_vector(&state, 2, e, w + 2);
		mk(&it, 5000 + i, 5 * DAY + i * 0.01 * DAY, 4, t, w, i % 3 ? 2 : 0, e);
		if (na_stories_assign(one, &it.item, next1, &s1, &sc1, &c1) != NA_OK ||
			na_stories_assign(all, &it.item, next2, &s2, &sc2, &c2) != NA_OK ||
			s1 != s2 || sc1 != sc2 || c1 != c2)
			ok = 0;
		next1 += c1;
		next2 += c2;
	}
	CHECK(ok && na_stories_count(one) == na_stories_count(all) && na_stories_count(one) > 300,
		  "the same stories and scores to the last bit (%u stories)", na_stories_count(one));
	for (k = 0; k < na_stories_count(one) && ok; k++)
	{
		NaStoryItem a,
					b;
		bool		ca,
					cb;

		/* the two sets' output buffers are their own */
		if (na_stories_get(one, k, &a, &ca) != NA_OK || na_stories_get(all, k, &b, &cb) != NA_OK ||
			a.id != b.id || ca != cb || a.count != b.count || a.first != b.first || a.last != b.last ||
			a.terms.nnz != b.terms.nnz || a.entities.nnz != b.entities.nnz ||
			memcmp(a.terms.ids, b.terms.ids, a.terms.nnz * sizeof(uint32_t)) != 0 ||
			memcmp(a.terms.vals, b.terms.vals, a.terms.nnz * sizeof(float)) != 0 ||
			memcmp(a.entities.ids, b.entities.ids, a.entities.nnz * sizeof(uint32_t)) != 0 ||
			memcmp(a.entities.vals, b.entities.vals, a.entities.nnz * sizeof(float)) != 0)
			ok = 0;
	}
	CHECK(ok, "the same story vectors come out");
	na_stories_destroy(one);
	na_stories_destroy(all);

	/* a taken id: *added names the story refused */
	all = new_set(0.3, DAY, 0);
	pair[0] = *mk(&dup[0], 4, 0, 1, t, w, 0, NULL);
	pair[1] = *mk(&dup[1], 4, 0, 1, t, w, 0, NULL);
	CHECK(na_stories_add_all(all, pair, 2, &added) == NA_ERR_BAD_ARGUMENT && added == 1,
		  "a story id twice is refused, and the second named");
	na_stories_destroy(all);
	/* into a set that has stories already */
	all = new_set(0.3, DAY, 0);
	pair[1].id = 5;
	CHECK(na_stories_add(all, &pair[0]) == NA_OK && na_stories_add_all(all, pair + 1, 1, &added) == NA_OK &&
		  added == 1 && na_stories_count(all) == 2, "stories added to a set that has some");
	na_stories_destroy(all);
}

static void
test_bad_arguments(void)
{
	NaStoryParams p = {0.5, DAY, 0.5};
	NaStories  *s = NULL;
	TestItem	it;
	uint32_t	t[2] = {2, 1};
	float		w[2] = {1, 1};
	int64_t		story;
	double		score;
	bool		created;

	p.threshold = 1.5;
	CHECK(na_story_params_check(&p) != NULL &&
		  na_stories_create(&na_malloc_allocator, NULL, &p, &empty, &empty, &s) == NA_ERR_BAD_ARGUMENT,
		  "a threshold above 1 is refused");
	p.threshold = 0.5;
	p.window = -1;
	CHECK(na_story_params_check(&p) != NULL, "a negative window is refused");
	p.window = NAN;
	CHECK(na_story_params_check(&p) != NULL, "a NaN window is refused");
	p.window = DAY;
	p.entity_weight = -0.1;
	CHECK(na_story_params_check(&p) != NULL, "a negative entity weight is refused");
	p.entity_weight = 0.5;
	CHECK(na_story_params_check(&p) == NULL, "good settings pass");

	s = new_set(0.5, DAY, 0.5);
	mk(&it, 1, 0, 2, t, w, 0, NULL);
	CHECK(na_story_item_check(&it.item) != NULL &&
		  na_stories_assign(s, &it.item, 1, &story, &score, &created) == NA_ERR_BAD_ARGUMENT,
		  "unsorted term ids are refused");
	t[0] = 1;
	t[1] = 2;
	mk(&it, 1, 10, 2, t, w, 0, NULL);
	it.item.last = 5;
	CHECK(na_story_item_check(&it.item) != NULL, "a story ending before it begins is refused");
	it.item.last = INFINITY;
	CHECK(na_story_item_check(&it.item) != NULL, "an infinite time is refused");
	it.item.last = 10;
	it.item.count = -1;
	CHECK(na_story_item_check(&it.item) != NULL, "a negative count is refused");
	na_stories_destroy(s);
}

int
main(void)
{
	test_vectors();
	test_score();
	test_idf();
	test_score_normed();
	test_assign();
	test_existing_and_ties();
	test_add_all();
	test_order_and_pruning();
	test_bad_arguments();
	return na_test_done();
}
