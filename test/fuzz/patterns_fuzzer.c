/*
 * patterns_fuzzer.c
 *		libFuzzer harness for the pattern layer and date resolution.
 *
 * The first byte picks what to fuzz: scanning arbitrary bytes with the
 * builtin patterns (checking that matches are in order, do not overlap,
 * stay inside the text and have consistent character offsets, and that
 * resolving each DATE mention against a published date derived from the
 * input never misbehaves, and that the literal prefilters and anchors give
 * the same matches as a scan with them off), or compiling the first part of
 * the input as a user pattern and scanning the rest with it.  Inputs are
 * capped at 64 KiB.
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
	NaPatternMatch *seen;		/* the matches, when recorded */
	size_t		nseen;
} Check;

/* record: keep every match of a scan, for the comparison of two scans */
static bool
record(const NaPatternMatch *m, void *arg)
{
	Check	   *c = arg;

	c->seen[c->nseen++] = *m;
	return true;
}

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
	static NaPatternSet *unfiltered;
	Check		c;

	if (size < 1 || size > 65536)
		return 0;
	if (!builtin && na_patterns_create(&na_malloc_allocator, &builtin) != NA_OK)
		abort();
	if (!unfiltered)
	{
		if (na_patterns_create(&na_malloc_allocator, &unfiltered) != NA_OK)
			abort();
		na_patterns_set_prefilter(unfiltered, false);
	}
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
		if (st == NA_OK)
		{
			/* the prefilters and anchors change no match (at most one per byte) */
			Check		a = c,
						b = c;

			a.seen = malloc((c.len + 1) * sizeof(NaPatternMatch));
			b.seen = malloc((c.len + 1) * sizeof(NaPatternMatch));
			if (!a.seen || !b.seen)
				abort();
			a.nseen = b.nseen = 0;
			if (na_patterns_scan(builtin, c.text, c.len, record, &a, NULL) != NA_OK ||
				na_patterns_scan(unfiltered, c.text, c.len, record, &b, NULL) != NA_OK ||
				a.nseen != b.nseen)
				abort();
			for (size_t i = 0; i < a.nseen; i++)
				if (a.seen[i].start != b.seen[i].start || a.seen[i].len != b.seen[i].len ||
					strcmp(a.seen[i].type, b.seen[i].type) != 0 ||
					a.seen[i].confidence != b.seen[i].confidence)
					abort();
			free(a.seen);
			free(b.seen);
		}
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
