/*
 * patterns_fuzzer.c
 *		libFuzzer harness for the pattern layer and date resolution.
 *
 * The first byte picks what to fuzz: scanning arbitrary bytes with the
 * builtin patterns (checking that matches are in order, do not overlap,
 * stay inside the text and have consistent character offsets, and that
 * resolving each DATE mention against a published date derived from the
 * input never misbehaves), or compiling the first part of the input as a
 * user pattern and scanning the rest with it.  Inputs are capped at 64 KiB.
 */
#include "dates.h"
#include "patterns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Check
{
	const char *text;
	size_t		len;
	size_t		last_end;
	int32_t		published;
} Check;

static size_t
chars(const char *s, size_t from, size_t to)
{
	size_t		n = 0;

	for (size_t i = from; i < to; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static bool
check_match(const NaPatternMatch *m, void *arg)
{
	Check	   *c = arg;

	if (m->len == 0 || m->start < c->last_end || m->start + m->len > c->len)
		abort();
	if (m->cstart != chars(c->text, 0, m->start) || m->clen != chars(c->text, m->start, m->start + m->len))
		abort();
	if (((unsigned char) c->text[m->start] & 0xC0) == 0x80)
		abort();				/* a match never starts inside a character */
	c->last_end = m->start + m->len;
	if (strcmp(m->type, "DATE") == 0)
	{
		NaDateResult r = na_date_resolve(c->text + m->start, m->len, &c->published);

		if (r.resolved)
		{
			int			y,
						mo,
						d;

			na_civil_from_days(r.day, &y, &mo, &d);
			if (!na_date_valid(y, mo, d) || na_days_from_civil(y, mo, d) != r.day)
				abort();
		}
		(void) na_date_resolve(c->text + m->start, m->len, NULL);
		r = na_date_resolve_in(c->text, c->len, m->start, m->len, &c->published);
		if (r.resolved)
		{
			int			y,
						mo,
						d;

			na_civil_from_days(r.day, &y, &mo, &d);
			if (!na_date_valid(y, mo, d))
				abort();
		}
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static NaPatternSet *builtin;
	Check		c;

	if (size < 1 || size > 65536)
		return 0;
	if (!builtin && na_patterns_create(&na_malloc_allocator, &builtin) != NA_OK)
		abort();
	memset(&c, 0, sizeof(c));
	c.published = (int32_t) (data[0] * 997) - 100000;
	if (data[0] & 1)
	{
		NaStatus	st;

		c.text = (const char *) data + 1;
		c.len = size - 1;
		st = na_patterns_scan(builtin, c.text, c.len, check_match, &c, NULL);
		if (st != NA_OK && st != NA_ERR_INVALID_UTF8)
			abort();			/* builtin patterns never hit a limit */
		(void) na_date_resolve(c.text, c.len, &c.published);
	}
	else
	{
		/* pattern up to the first NUL byte, then the subject */
		const char *p = (const char *) data + 1;
		const char *nul = memchr(p, 0, size - 1);
		size_t		plen = nul ? (size_t) (nul - p) : size - 1;
		NaPatternSet *set;
		char		err[256];

		if (na_patterns_create(&na_malloc_allocator, &set) != NA_OK)
			abort();
		if (na_patterns_add(set, "USER", p, plen, err, sizeof(err)) == NA_OK && nul)
		{
			c.text = nul + 1;
			c.len = size - 1 - plen - 1;
			(void) na_patterns_scan(set, c.text, c.len, check_match, &c, NULL);
		}
		na_patterns_destroy(set);
	}
	return 0;
}
