/*
 * impact_test.c
 *		Unit tests of the impact-ordered posting lists (src/core/impact.c):
 *		the stored form, the accumulator search against a brute-force sum
 *		with lists fetched in small slices, the postings budget and
 *		MaxScore's early stop.
 */
#include <stdlib.h>
#include <string.h>

#include "impact.h"
#include "na_test.h"

#define NDOCS	500
#define NTERMS	20

/* a list read through the fetch callback, SLICE entries at a time */
#define SLICE	7

typedef struct Source
{
	const uint8_t *entries;		/* after the header */
	uint32_t	next;
} Source;

static void
fetch(void *arg, uint32_t i, NaImpactList *l)
{
	Source	   *s = (Source *) arg + i;
	uint32_t	m = l->left < SLICE ? l->left : SLICE;

	l->data = s->entries + (size_t) s->next * NA_IMPACT_ENTRY;
	l->avail = m;
	l->pos = 0;
	l->left -= m;
	s->next += m;
}

static void
open_lists(NaBuf *bufs, uint32_t n, const double *q, NaImpactList *lists, Source *src)
{
	for (uint32_t t = 0; t < n; t++)
	{
		uint32_t	len = 0;
		uint32_t	m;

		na_impact_header((const uint8_t *) bufs[t].data, bufs[t].len, &len);
		m = len < SLICE ? len : SLICE;
		src[t].entries = (const uint8_t *) bufs[t].data + NA_IMPACT_HEADER;
		src[t].next = m;
		lists[t].data = src[t].entries;
		lists[t].avail = m;
		lists[t].pos = 0;
		lists[t].left = len - m;
		lists[t].qweight = q[t];
	}
}

static void
test_pack(void)
{
	int64_t		ids[3] = {5, 3, 9};
	float		w[3] = {0.5f, 1.0f, 0.5f};
	float		bad[1] = {1.5f};
	NaBuf		b;
	const uint8_t *p;
	uint32_t	n = 0;

	na_buf_init(&b, &na_malloc_allocator);
	CHECK(na_impact_pack(ids, w, 3, &na_malloc_allocator, NULL, &b) == NA_OK, "pack three postings");
	p = (const uint8_t *) b.data;
	CHECK(b.len == NA_IMPACT_HEADER + 3 * NA_IMPACT_ENTRY, "size: header and three entries");
	CHECK(na_impact_header(p, b.len, &n) == NA_OK && n == 3, "header: version 1, three entries");
	p += NA_IMPACT_HEADER;
	CHECK(na_impact_entry_id(p) == 3 && na_impact_entry_weight(p) == 65535, "heaviest first: id 3, weight 1.0");
	CHECK(na_impact_entry_id(p + 10) == 5 && na_impact_entry_weight(p + 10) == 32768, "ties by id: 5 before 9");
	CHECK(na_impact_entry_id(p + 20) == 9, "then 9");
	b.len = 0;
	CHECK(na_impact_pack(ids, bad, 1, &na_malloc_allocator, NULL, &b) == NA_ERR_BAD_ARGUMENT, "a weight above 1 is refused");
	{
		int64_t		neg[1] = {-7};
		float		one[1] = {1.0f};

		b.len = 0;
		na_impact_pack(neg, one, 1, &na_malloc_allocator, NULL, &b);
		CHECK(na_impact_entry_id((const uint8_t *) b.data + NA_IMPACT_HEADER) == -7, "negative ids round-trip");
	}
	CHECK(na_impact_header((const uint8_t *) "\x02\0\0\0\0\0\0\0", 8, &n) == NA_ERR_BAD_LITERAL, "wrong version refused");
	CHECK(na_impact_header((const uint8_t *) "\x01\0\0", 3, &n) == NA_ERR_BAD_LITERAL, "short header refused");
	na_buf_free(&b);
}

static int
cmp_desc(const void *a, const void *b)
{
	const NaImpactHit *x = a;
	const NaImpactHit *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : (x->id > y->id);
}

static void
test_search(void)
{
	static float wt[NTERMS][NDOCS];
	static NaImpactHit brute[NDOCS];
	NaBuf		bufs[NTERMS];
	double		q[NTERMS];
	NaImpactList lists[NTERMS];
	Source		src[NTERMS];
	NaImpactWork work = {0};
	NaImpactHit *hits;
	uint32_t	nhits;
	uint32_t	read;
	uint32_t	total = 0;
	int			same = 1;

	srand(12);
	for (uint32_t t = 0; t < NTERMS; t++)
	{
		int64_t		ids[NDOCS];
		float		w[NDOCS];
		uint32_t	n = 0;

		q[t] = (rand() % 1000) / 1000.0;
		for (uint32_t d = 0; d < NDOCS; d++)
		{
			wt[t][d] = rand() % 4 == 0 ? (float) (rand() % 65536) / 65535.0f : 0;
			if (wt[t][d] > 0)
			{
				ids[n] = 1000 + d;
				w[n++] = wt[t][d];
			}
		}
		total += n;
		na_buf_init(&bufs[t], &na_malloc_allocator);
		na_impact_pack(ids, w, n, &na_malloc_allocator, NULL, &bufs[t]);
	}
	for (uint32_t d = 0; d < NDOCS; d++)
	{
		brute[d].id = 1000 + d;
		brute[d].score = 0;
		for (uint32_t t = 0; t < NTERMS; t++)
			if (wt[t][d] > 0)
				brute[d].score += q[t] / NA_IMPACT_SCALE * na_impact_quantize(wt[t][d]);
	}
	qsort(brute, NDOCS, sizeof(NaImpactHit), cmp_desc);

	/* every posting read: the top 25 are the brute-force top 25 */
	open_lists(bufs, NTERMS, q, lists, src);
	CHECK(na_impact_search(lists, NTERMS, fetch, src, total, 25, &work, &na_malloc_allocator, NULL,
						   &hits, &nhits, &read) == NA_OK, "search, no budget");
	CHECK(nhits == 25, "25 candidates");
	for (uint32_t i = 0; i < nhits; i++)
		if (hits[i].id != brute[i].id || hits[i].score - brute[i].score > 1e-9 ||
			brute[i].score - hits[i].score > 1e-9)
			same = 0;
	CHECK(same, "the same ids and sums as the brute force, best first");
	CHECK(read <= total, "read %u of %u postings", read, total);

	/* a budget of 100 postings: at most 100 read, the heaviest first */
	open_lists(bufs, NTERMS, q, lists, src);
	na_impact_search(lists, NTERMS, fetch, src, 100, 25, &work, &na_malloc_allocator, NULL,
					 &hits, &nhits, &read);
	CHECK(read == 100, "a budget of 100 postings reads 100");
	CHECK(nhits <= 25 && nhits > 0, "and gives candidates");

	/* the work's memory kept from the searches above: the same result again */
	open_lists(bufs, NTERMS, q, lists, src);
	na_impact_search(lists, NTERMS, fetch, src, total, 25, &work, &na_malloc_allocator, NULL,
					 &hits, &nhits, &read);
	same = nhits == 25;
	for (uint32_t i = 0; i < nhits; i++)
		if (hits[i].id != brute[i].id)
			same = 0;
	CHECK(same, "a search in kept memory finds the same ids");

	na_impact_work_free(&work, &na_malloc_allocator);
	for (uint32_t t = 0; t < NTERMS; t++)
		na_buf_free(&bufs[t]);
}

/* na_impact_top: the best k of many, best first, ties by smaller id */
static void
test_top(void)
{
	static NaImpactHit h[5000];
	static NaImpactHit sorted[5000];
	uint32_t	n;
	int			same = 1;

	srand(7);
	for (int i = 0; i < 5000; i++)
	{
		h[i].id = i;
		h[i].score = rand() % 300;	/* many ties */
	}
	memcpy(sorted, h, sizeof(h));
	qsort(sorted, 5000, sizeof(NaImpactHit), cmp_desc);
	n = na_impact_top(h, 5000, 200);
	CHECK(n == 200, "the top 200 of 5000");
	for (uint32_t i = 0; i < n; i++)
		if (h[i].id != sorted[i].id || h[i].score != sorted[i].score)
			same = 0;
	CHECK(same, "in order, ties by smaller id");
	CHECK(na_impact_top(h, 3, 10) == 3, "fewer than k: all of them");
}

/* one document far ahead of 10000 light ones: MaxScore stops at 4096 */
static void
test_early_stop(void)
{
	static int64_t ids[10001];
	static float w[10001];
	NaBuf		b;
	double		q = 1.0;
	NaImpactList l;
	Source		s;
	NaImpactWork work = {0};
	NaImpactHit *hits;
	uint32_t	nhits;
	uint32_t	read;

	ids[0] = 1;
	w[0] = 1.0f;
	for (int i = 1; i <= 10000; i++)
	{
		ids[i] = i + 1;
		w[i] = 0.0001f;
	}
	na_buf_init(&b, &na_malloc_allocator);
	na_impact_pack(ids, w, 10001, &na_malloc_allocator, NULL, &b);
	open_lists(&b, 1, &q, &l, &s);
	na_impact_search(&l, 1, fetch, &s, 1000000, 1, &work, &na_malloc_allocator, NULL, &hits, &nhits, &read);
	CHECK(nhits == 1 && hits[0].id == 1, "the heavy document is the candidate");
	CHECK(read == 4096, "MaxScore's bound stops after 4096 of 10001 postings (read %u)", read);
	na_impact_work_free(&work, &na_malloc_allocator);
	na_buf_free(&b);
}

int
main(void)
{
	test_pack();
	test_search();
	test_top();
	test_early_stop();
	return na_test_done();
}
