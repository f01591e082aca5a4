/*
 * entities_fuzzer.c
 *		libFuzzer harness for na_entities_extract and na_quotes_extract:
 *		no crash, no leak, and the invariants of the output hold (mentions
 *		inside the input, in text order, not overlapping; quotes inside the
 *		input and in order).  Inputs are capped at 64 kB.
 */
#include "entities.h"
#include "gazetteer.h"
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

static NaGazetteer *gaz;

typedef struct State
{
	size_t		len;
	size_t		last_end;
	size_t		last_qend;
} State;

static bool
on_entity(const NaEntity *e, void *arg)
{
	State	   *s = arg;

	if (e->start < s->last_end || e->start + e->len > s->len || e->len == 0 ||
		e->clen == 0 || e->clen > e->len || e->canonical_len == 0 || e->sentence == 0)
		abort();
	s->last_end = e->start + e->len;
	return true;
}

static bool
on_quote(const NaQuote *q, void *arg)
{
	State	   *s = arg;

	if (q->start < s->last_qend || q->start + q->len > s->len || q->len == 0 ||
		q->text_len == 0 || q->text_len > q->len || (q->speaker && !q->mention))
		abort();
	s->last_qend = q->start + q->len;
	return true;
}

static void
add(const char *alias, const char *canon, NaEntityType type, const char *link)
{
	(void) na_gazetteer_add(gaz, alias, strlen(alias), canon, strlen(canon), type,
							link, link ? strlen(link) : 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	State		s;
	size_t		off;
	NaSpan		span;

	if (size > 65536)
		return 0;
	if (!gaz)
	{
		na_gazetteer_create(&na_malloc_allocator, &gaz);
		add("Donald Trump", "Donald Trump", NA_ENT_PERSON, NULL);
		add("Trump", "Donald Trump", NA_ENT_PERSON, NULL);
		add("U.S.", "United States", NA_ENT_LOC, NULL);
		add("US", "United States", NA_ENT_LOC, NULL);
		add("Kiev", "Kyiv", NA_ENT_LOC, "Ukraine");
		add("Russian", "Russian", NA_ENT_NORP, "Russia");
		add("Secretary of State", "Secretary of State", NA_ENT_TITLE, NULL);
		add("President", "President", NA_ENT_TITLE, NULL);
		add("Sergey", "Sergei", NA_ENT_GIVEN_NAME, NULL);
		add("Bank of England", "Bank of England", NA_ENT_ORG, NULL);
	}
	memset(&s, 0, sizeof(s));
	s.len = size;
	(void) na_entities_extract(gaz, (const char *) data, size, NULL, 0, on_entity, &s,
							   &na_malloc_allocator, NULL, &off);
	/* with a span over the middle of the input */
	memset(&s, 0, sizeof(s));
	s.len = size;
	span.type = "TEST";
	span.start = size / 3;
	span.len = size / 3;
	span.cstart = 0;
	span.clen = 1;
	span.confidence = 0.5f;
	(void) na_entities_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
							   span.len ? 1 : 0, on_entity, &s, &na_malloc_allocator, NULL, &off);
	memset(&s, 0, sizeof(s));
	s.len = size;
	(void) na_quotes_extract(gaz, (const char *) data, size, span.len ? &span : NULL,
							 span.len ? 1 : 0, on_quote, &s, &na_malloc_allocator, NULL, &off);
	return 0;
}
