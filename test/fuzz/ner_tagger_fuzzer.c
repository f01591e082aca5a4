/*
 * ner_tagger_fuzzer.c
 *		libFuzzer harness for the learned sequence tagger
 *		(src/core/ner_tagger.c): training, saving, loading and tagging.
 *
 * The input is read three ways.  As a model's bytes: na_tagger_load must
 * accept or refuse them (NA_ERR_BAD_LITERAL) without crashing, and a model
 * it accepts must tag.  As spans: the first bytes, taken in pairs, give
 * gold spans over the rest of the input, which na_tagger_train_add must
 * accept (leaving out those that start no token) or refuse with a reason
 * and the offending span.  As a text: every
 * capitalized ASCII word is labelled (type CAP, or NUM after a digit), a
 * small model (2^10 buckets, 2 epochs) is trained on it, saved, loaded and
 * saved again (the same bytes), and the text is tagged through the
 * extractor (a stacked model, reading the rules' names, for an odd first
 * byte): mentions in order, inside the text, of the model's type or a
 * pattern type.  Inputs are capped at 16 kB.
 */
#include "doc.h"
#include "entities.h"
#include "gazetteer.h"
#include "ner_model.h"
#include "ner_tagger.h"

#include <stdlib.h>
#include <string.h>

static NaGazetteer *gaz;

typedef struct Seen
{
	size_t		len;
	size_t		last;
} Seen;

static bool
on_entity(const NaEntity *e, void *arg)
{
	Seen	   *s = arg;

	if (e->start < s->last || e->start + e->len > s->len || e->len == 0 || !e->type_name ||
		e->canonical_len == 0)
		abort();
	s->last = e->start;
	return true;
}

/* tag text with m through the extractor and check the output */
static void
tag(const NaTagger *m, const char *text, size_t len)
{
	NaNerModel *model;
	NaDoc	   *doc;
	Seen		seen = {len, 0};
	NaStatus	st;

	if (na_tagger_model(m, gaz, &na_malloc_allocator, &model) != NA_OK)
		abort();
	if (na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator, NULL,
					  &doc) != NA_OK)
		abort();
	st = na_entities_of_doc(doc, gaz, model, on_entity, &seen, &na_malloc_allocator);
	if (st != NA_OK && st != NA_ERR_INVALID_UTF8)
		abort();
	na_doc_destroy(doc);
	na_ner_model_free(model);
}

/* the spans of every capitalized ASCII word of text (at most max) */
static size_t
cap_spans(const char *text, size_t len, NaTaggerSpan *spans, size_t max)
{
	size_t		n = 0;
	size_t		chars = 0;

	for (size_t i = 0; i < len && n < max; i++)
	{
		unsigned char c = (unsigned char) text[i];
		bool		start = c >= 'A' && c <= 'Z' &&
			(i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n');

		if (start)
		{
			size_t		j = i;

			while (j < len && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= 'a' && text[j] <= 'z')))
				j++;
			spans[n].cstart = chars;
			spans[n].clen = j - i;
			spans[n].type = (i >= 2 && text[i - 2] >= '0' && text[i - 2] <= '9') ? "NUM" : "CAP";
			spans[n].type_len = 3;
			n++;
			chars += j - i;
			i = j - 1;
			continue;
		}
		if ((c & 0xc0) != 0x80)
			chars++;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	NaTaggerOptions opt;
	NaTaggerTrainer *tr;
	NaTagger   *m = NULL;
	NaTagger   *m2 = NULL;
	NaTaggerSpan spans[64];
	NaTaggerBad bad;
	size_t		bad_span;
	size_t		n;
	NaStatus	st;

	if (size > 16384)
		return 0;
	if (!gaz)
	{
		na_gazetteer_create(&na_malloc_allocator, &gaz);
		na_gazetteer_add(gaz, "Reuters", 7, "Reuters", 7, NA_ENT_ORG, NULL, 0);
		na_gazetteer_add(gaz, "New York", 8, "New York", 8, NA_ENT_LOC, NULL, 0);
	}

	/* the input as a model */
	st = na_tagger_load(data, size, &na_malloc_allocator, &m);
	if (st == NA_OK)
	{
		tag(m, "The tanker Sea Falcon left New York.", 36);
		na_tagger_free(m);
		m = NULL;
	}
	else if (st != NA_ERR_BAD_LITERAL)
		abort();

	na_tagger_options_default(&opt);
	opt.bits = NA_TAGGER_MIN_BITS;
	opt.epochs = 2;

	/* the first bytes as spans over the rest */
	if (size >= 8)
	{
		size_t		k = data[0] % 8;
		const char *rest = text + 1 + 2 * k;
		size_t		rlen;

		if (1 + 2 * k <= size)
		{
			rlen = size - 1 - 2 * k;
			for (size_t i = 0; i < k; i++)
			{
				spans[i].cstart = data[1 + 2 * i] % 64;
				spans[i].clen = data[2 + 2 * i] % 16;
				spans[i].type = (data[2 + 2 * i] & 0x80) ? "SHIP" : "Ship";
				spans[i].type_len = 4;
			}
			if (na_tagger_train_create(&opt, gaz, &na_malloc_allocator, NULL, &tr) != NA_OK)
				abort();
			st = na_tagger_train_add(tr, rest, rlen, spans, k, &bad, &bad_span);
			if (st == NA_ERR_BAD_ARGUMENT)
			{
				if (bad == NA_TAGGER_OK || bad_span >= k || na_tagger_train_documents(tr) != 0)
					abort();
			}
			else if (st == NA_OK)
			{
				if (bad != NA_TAGGER_OK || na_tagger_train_documents(tr) != 1 ||
					na_tagger_train_mentions(tr) + na_tagger_train_skipped(tr) != k)
					abort();
				st = na_tagger_train_run(tr, &m);
				if ((na_tagger_train_mentions(tr) > 0) != (st == NA_OK))
					abort();
				na_tagger_free(m);
				m = NULL;
			}
			else if (st != NA_ERR_INVALID_UTF8)
				abort();
			na_tagger_train_destroy(tr);
		}
	}

	/*
	 * the input as a text with its capitalized words labelled; for an odd
	 * first byte the model is stacked (trained and tagged with the rules'
	 * names, half of the epochs' documents without them)
	 */
	n = cap_spans(text, size, spans, 64);
	opt.stacked = size > 0 && (data[0] & 1);
	opt.rule_dropout = opt.stacked ? 50 : 0;
	if (na_tagger_train_create(&opt, gaz, &na_malloc_allocator, NULL, &tr) != NA_OK)
		abort();
	st = na_tagger_train_add(tr, text, size, spans, n, &bad, &bad_span);
	if (st == NA_OK && na_tagger_train_mentions(tr) > 0)
	{
		NaBuf		a,
					b;

		if (na_tagger_train_run(tr, &m) != NA_OK)
			abort();
		na_buf_init(&a, &na_malloc_allocator);
		na_buf_init(&b, &na_malloc_allocator);
		if (na_tagger_save(m, &a) != NA_OK ||
			na_tagger_load(a.data, a.len, &na_malloc_allocator, &m2) != NA_OK ||
			na_tagger_save(m2, &b) != NA_OK ||
			a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
			abort();
		/* every truncation of a model is refused */
		for (size_t cut = 0; cut < a.len; cut += 1 + a.len / 16)
		{
			NaTagger   *t = NULL;

			if (na_tagger_load(a.data, cut, &na_malloc_allocator, &t) != NA_ERR_BAD_LITERAL)
				abort();
		}
		tag(m2, text, size);
		na_buf_free(&a);
		na_buf_free(&b);
		na_tagger_free(m);
		na_tagger_free(m2);
	}
	else if (st == NA_OK && na_tagger_train_mentions(tr) == 0)
	{
		if (na_tagger_train_run(tr, &m) != NA_ERR_BAD_ARGUMENT)
			abort();
	}
	else if (st != NA_ERR_INVALID_UTF8 && st != NA_ERR_BAD_ARGUMENT)
		abort();
	na_tagger_train_destroy(tr);
	return 0;
}
