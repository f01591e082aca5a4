/*
 * ner_tagger_test.c
 *		Unit tests of the learned tagger's scratch (src/core/ner_tagger.c),
 *		no server needed: the memo of words a scratch carries from document
 *		to document changes nothing in what is tagged, with the same model
 *		or after a change of model; the stacked model saves and trains
 *		deterministically.
 */
#include "doc.h"
#include "gazetteer.h"
#include "na_test.h"
#include "ner_tagger.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MENTIONS	64

typedef struct Mentions
{
	size_t		n;
	NaTaggerMention m[MAX_MENTIONS];
} Mentions;

static bool
keep(const NaTaggerMention *m, void *arg)
{
	Mentions   *out = arg;

	if (out->n < MAX_MENTIONS)
		out->m[out->n++] = *m;
	return true;
}

/* the mentions of text tagged by m with the scratch s, window by window */
static bool
tag(const NaTagger *m, const NaGazetteer *g, NaTaggerScratch *s, const char *text,
	Mentions *out)
{
	NaDoc	   *doc;
	NaStatus	st;

	out->n = 0;
	if (na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator,
					  NULL, &doc) != NA_OK)
		return false;
	while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		if ((st = na_tagger_tag(m, doc, g, s, &na_malloc_allocator, keep, out)) != NA_OK)
			break;
	na_doc_destroy(doc);
	return st == NA_OK;
}

/* the same mentions, confidences bit for bit */
static bool
same(const Mentions *a, const Mentions *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->m[i].a != b->m[i].a || a->m[i].b != b->m[i].b || a->m[i].type != b->m[i].type ||
			memcmp(&a->m[i].confidence, &b->m[i].confidence, sizeof(float)) != 0)
			return false;
	return true;
}

static const char *const texts[] = {
	"LONDON (Reuters) - Prime Minister Tony Blair met Gerhard Schroeder in Berlin on "
	"Tuesday, and Blair said Britain and Germany agreed.\n\nShares of Sony rose 3%.",
	"Sony and Microsoft cut prices.  Blair flew to Washington; the talks in Berlin went on.",
	"The tanker Sea Falcon left New York for Rotterdam with 80,000 tonnes of crude.",
};

int
main(void)
{
	NaGazetteer *g;
	NaTagger   *conll;
	NaTagger   *ship = NULL;
	NaTaggerTrainer *tr;
	NaTaggerOptions opt;
	NaTaggerScratch kept = {0};
	Mentions	fresh[3],
				again;
	bool		all = true;

	CHECK(na_gazetteer_create(&na_malloc_allocator, &g) == NA_OK, "gazetteer created");
	na_gazetteer_add(g, "Berlin", 6, "Berlin", 6, NA_ENT_LOC, NULL, 0);
	na_gazetteer_add(g, "New York", 8, "New York", 8, NA_ENT_LOC, NULL, 0);
	CHECK(na_tagger_builtin("conll", 5, &na_malloc_allocator, &conll) == NA_OK,
		  "the built-in model loads");

	/* each text with a scratch of its own */
	for (int i = 0; i < 3; i++)
	{
		NaTaggerScratch s = {0};

		all = tag(conll, g, &s, texts[i], &fresh[i]) && all;
		na_tagger_scratch_free(&s, &na_malloc_allocator);
	}
	CHECK(all && fresh[0].n >= 4, "the texts are tagged (%zu mentions in the first)", fresh[0].n);

	/* one scratch for all, twice over: the second time every word is in the memo */
	all = true;
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3; i++)
			all = tag(conll, g, &kept, texts[i], &again) && same(&again, &fresh[i]) && all;
	CHECK(all, "a scratch kept from document to document tags as a fresh one");

	/* the same scratch with another gazetteer and with another model */
	{
		Mentions	nogaz,
					want;
		NaTaggerScratch s = {0};

		all = tag(conll, NULL, &s, texts[2], &want);
		na_tagger_scratch_free(&s, &na_malloc_allocator);
		all = tag(conll, NULL, &kept, texts[2], &nogaz) && same(&nogaz, &want) && all;
		CHECK(all, "after a change of gazetteer, the memo is not the old one's");
	}
	na_tagger_options_default(&opt);
	opt.bits = NA_TAGGER_MIN_BITS;
	opt.epochs = 3;
	if (na_tagger_train_create(&opt, g, &na_malloc_allocator, NULL, &tr) == NA_OK)
	{
		NaTaggerSpan sp = {11, 10, "SHIP", 4};
		NaTaggerBad bad;
		size_t		bad_span;

		bool		added = true;

		for (int i = 0; i < 4; i++)
			added = na_tagger_train_add(tr, texts[2], strlen(texts[2]), &sp, 1, &bad,
										&bad_span) == NA_OK && added;
		if (added)
			na_tagger_train_run(tr, &ship);
		na_tagger_train_destroy(tr);
	}
	CHECK(ship != NULL, "a small model is trained");
	if (ship)
	{
		Mentions	want,
					got;
		NaTaggerScratch s = {0};

		all = tag(ship, g, &s, texts[2], &want);
		na_tagger_scratch_free(&s, &na_malloc_allocator);
		all = tag(ship, g, &kept, texts[2], &got) && same(&got, &want) && all;
		CHECK(all && want.n >= 1, "after a change of model, the memo is not the old model's (%zu mentions)",
			  want.n);
		na_tagger_free(ship);
	}
	/*
	 * the stacked model: built in, read back from its bytes as it was saved;
	 * one is trained with the rules running over each example (some left
	 * without them), deterministically
	 */
	{
		NaTagger   *comb = NULL,
				   *back = NULL,
				   *st1 = NULL,
				   *st2 = NULL;
		NaBuf		b1,
					b2,
					b3;

		na_buf_init(&b1, &na_malloc_allocator);
		na_buf_init(&b2, &na_malloc_allocator);
		na_buf_init(&b3, &na_malloc_allocator);
		CHECK(na_tagger_builtin("combined", 8, &na_malloc_allocator, &comb) == NA_OK &&
			  na_tagger_stacked(comb) && !na_tagger_stacked(conll),
			  "the built-in stacked model loads, and is stacked where conll is not");
		if (comb && na_tagger_save(comb, &b1) == NA_OK &&
			na_tagger_load(b1.data, b1.len, &na_malloc_allocator, &back) == NA_OK)
			na_tagger_save(back, &b2);
		CHECK(back && na_tagger_stacked(back) && b1.len == b2.len && b1.len > 0 &&
			  memcmp(b1.data, b2.data, b1.len) == 0,
			  "a stacked model saved and loaded saves the same bytes (%zu)", b1.len);
		b1.len = b2.len = 0;
		opt.stacked = true;
		opt.rule_dropout = 30;
		for (int k = 0; k < 2; k++)
			if (na_tagger_train_create(&opt, g, &na_malloc_allocator, NULL, &tr) == NA_OK)
			{
				NaTaggerSpan sp = {11, 10, "SHIP", 4};
				NaTaggerBad bad;
				size_t		bad_span;

				for (int i = 0; i < 4; i++)
					na_tagger_train_add(tr, texts[2], strlen(texts[2]), &sp, 1, &bad, &bad_span);
				na_tagger_train_run(tr, k == 0 ? &st1 : &st2);
				na_tagger_train_destroy(tr);
			}
		if (st1 && st2)
		{
			na_tagger_save(st1, &b1);
			na_tagger_save(st2, &b3);
		}
		CHECK(st1 && st2 && na_tagger_stacked(st1) && b1.len == b3.len &&
			  memcmp(b1.data, b3.data, b1.len) == 0,
			  "a stacked model is trained with the rules, the same bytes twice");
		na_buf_free(&b1);
		na_buf_free(&b2);
		na_buf_free(&b3);
		na_tagger_free(comb);
		na_tagger_free(back);
		na_tagger_free(st1);
		na_tagger_free(st2);
	}
	na_tagger_scratch_free(&kept, &na_malloc_allocator);
	na_tagger_free(conll);
	na_gazetteer_destroy(g);
	return na_test_done();
}
