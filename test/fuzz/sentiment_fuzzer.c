/*
 * sentiment_fuzzer.c
 *		libFuzzer harness for the sentiment scorer (src/core/sentiment.c):
 *		no crash, no leak, and the invariants of the results hold (a
 *		polarity of the three, score in [-1, 1], probabilities summing to
 *		1, word shares between 0 and 100 and at most the words read,
 *		nothing in scope without a sentence).  The input's first line is the
 *		target, the rest the text; the text is also scored without a target
 *		and for every entity.  Inputs are capped at 64 kB.
 */
#include "gazetteer.h"
#include "sentiment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static NaGazetteer *gaz;

static void
check(const NaSentimentResult *r)
{
	float		sum = r->prob[0] + r->prob[1] + r->prob[2];

	if ((unsigned) r->polarity >= NA_POL_COUNT || !(r->score >= -1.0f && r->score <= 1.0f) ||
		!(fabsf(sum - 1.0f) < 1e-3f) || !(r->positive >= 0 && r->positive <= 100) ||
		!(r->negative >= 0 && r->negative <= 100) ||
		r->positive + r->negative > 100.01f ||
		(r->sentences == 0 && (r->score != 0 || r->polarity != NA_POL_NEUTRAL)))
		abort();
}

static bool
on_entity(const NaEntitySentiment *e, void *arg)
{
	size_t	   *n = arg;

	check(&e->result);
	if (e->canonical_len == 0 || e->type < NA_ENT_PERSON || e->type > NA_ENT_MISC)
		abort();
	(*n)++;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const NaSentimentModel *m = na_sentiment_builtin_model();
	const char *text = (const char *) data;
	const char *nl;
	NaSentimentResult r;
	size_t		off;
	size_t		n = 0;
	NaStatus	st;

	if (size > 65536)
		return 0;
	if (!gaz)
	{
		na_gazetteer_create(&na_malloc_allocator, &gaz);
		na_gazetteer_add(gaz, "Donald Trump", 12, "Donald Trump", 12, NA_ENT_PERSON, NULL, 0);
		na_gazetteer_add(gaz, "Trump", 5, "Donald Trump", 12, NA_ENT_PERSON, NULL, 0);
		na_gazetteer_add(gaz, "President", 9, "President", 9, NA_ENT_TITLE, NULL, 0);
		na_gazetteer_add(gaz, "Reuters", 7, "Reuters", 7, NA_ENT_ORG, NULL, 0);
	}
	/* the document's tone */
	st = na_sentiment_text(m, text, size, NULL, 0, &r, &na_malloc_allocator, NULL, &off);
	if (st == NA_OK)
		check(&r);
	else if (st != NA_ERR_INVALID_UTF8 || off > size)
		abort();
	/* toward the first line */
	nl = memchr(text, '\n', size);
	if (nl)
	{
		size_t		tlen = (size_t) (nl - text);

		st = na_sentiment_text(m, nl + 1, size - tlen - 1, text, tlen, &r,
							   &na_malloc_allocator, NULL, &off);
		if (st == NA_OK)
		{
			check(&r);
			if (r.sentences > 0 && r.mentions == 0)
				abort();
		}
		else if (st != NA_ERR_INVALID_UTF8 && st != NA_ERR_BAD_ARGUMENT)
			abort();
	}
	/* every entity */
	st = na_entity_sentiment_extract(gaz, m, text, size, NULL, 0, on_entity, &n,
									 &na_malloc_allocator, NULL, &off);
	if (st != NA_OK && st != NA_ERR_INVALID_UTF8)
		abort();
	return 0;
}
