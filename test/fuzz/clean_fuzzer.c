/*
 * clean_fuzzer.c
 *		libFuzzer harness for na_clean (src/core/clean.h): markup detection,
 *		the HTML parser (html_tree.c) in windows, character references,
 *		line rules and the offset map.  Besides memory errors (ASan/UBSan)
 *		and crashes, it checks invariants:
 *
 *		- invalid UTF-8 is NA_ERR_INVALID_UTF8 with an offset inside the
 *		  input, and nothing else fails;
 *		- the map covers the cleaned text in order and without gaps, its
 *		  original extents are in order, disjoint (but for replacements
 *		  that share one) and inside the input,
 *		  verbatim segments are the original's bytes, and character offsets
 *		  agree with byte offsets;
 *		- character spans map inside the input, monotonically, and as the
 *		  byte lookup maps them;
 *		- removals are inside the input, in order of start, with character
 *		  offsets that agree with their bytes;
 *		- the cleaned text has no blank line at either end, no run of blank
 *		  lines and no trailing blank on a line;
 *		- all of this holds as well when HTML is parsed in windows of a few
 *		  tags (the first byte of the input picks the size), which puts the
 *		  cuts of clean_markup.c where a fuzzer finds them.  (That windows
 *		  keep the text of well-formed pages is a unit test; on tag soup the
 *		  context lost at a cut may change the parse, as it would for a
 *		  page cut short.)
 *
 *	Short run (test/check.sh).  Long run:
 *		make NA_BUILD=/tmp/fz /tmp/fz/fuzz/clean_fuzzer
 *		mkdir -p /tmp/corpus && cp -r test/fuzz/seeds/. /tmp/corpus/
 *		/tmp/fz/fuzz/clean_fuzzer -max_len=65536 -jobs=2 /tmp/corpus
 *	(the Makefile's FUZZ_CFLAGS hold -fno-sanitize-recover=all: a UBSan
 *	report stops the run)
 */
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"

static size_t
chars(const uint8_t *s, size_t n)
{
	size_t		c = 0;

	for (size_t i = 0; i < n; i++)
		c += (s[i] & 0xC0) != 0x80;
	return c;
}

static void
check_result(const uint8_t *data, size_t size, const NaClean *c)
{
	size_t		clean = 0,
				cclean = 0,
				orig = 0;
	const char *t = c->text;

	/* the map (two replacements may stand for one extent) */
	for (size_t i = 0; i < c->nmap; i++)
	{
		const NaCleanSegment *s = &c->map[i];
		bool		shared = i > 0 && !s->verbatim && !c->map[i - 1].verbatim &&
			s->orig == c->map[i - 1].orig && s->orig_len == c->map[i - 1].orig_len;

		if (s->clean != clean || s->cclean != cclean || s->clean_len == 0 ||
			(s->orig < orig && !shared) || s->orig + s->orig_len > size)
			abort();
		if (s->verbatim && (s->orig_len != s->clean_len ||
							memcmp(data + s->orig, t + s->clean, s->clean_len) != 0 ||
							s->corig_len != s->cclean_len))
			abort();
		if (s->cclean_len != chars((const uint8_t *) t + s->clean, s->clean_len))
			abort();
		if (size < 8192 && (s->corig != chars(data, s->orig) ||
							s->corig_len != chars(data + s->orig, s->orig_len)))
			abort();
		clean += s->clean_len;
		cclean += s->cclean_len;
		orig = s->orig + s->orig_len;
	}
	if (clean != c->len || (c->nmap > 0 && cclean != c->nchars))
		abort();
	/* removals */
	for (size_t i = 0; i < c->nremovals; i++)
	{
		const NaCleanRemoval *r = &c->removals[i];

		if ((size_t) r->start + r->len > size || r->kind >= NA_CLEAN_KIND_COUNT ||
			(i > 0 && r->start < c->removals[i - 1].start))
			abort();
		if (size < 8192 && (r->cstart != chars(data, r->start) ||
							r->clen != chars(data + r->start, r->len)))
			abort();
	}
	/* the shape of the text */
	if (c->len > 0 && (t[0] == '\n' || t[c->len - 1] == '\n'))
		abort();
	for (size_t i = 0; i + 1 < c->len; i++)
		if ((t[i] == ' ' || t[i] == '\t') && t[i + 1] == '\n')
			abort();
	for (size_t i = 0; i + 2 < c->len; i++)
		if (t[i] == '\n' && t[i + 1] == '\n' && t[i + 2] == '\n')
			abort();
	/* character spans (na_clean_chars_to_orig): inside the input's
	 * characters, monotone in the start and in the end, and where a span
	 * starts and ends on characters, the same extent as the byte lookup */
	{
		size_t		ochars = c->nmap > 0 ? c->map[c->nmap - 1].corig + c->map[c->nmap - 1].corig_len : 0,
					prev_s = 0,
					prev_e = 0,
					step = 1 + c->nchars / 64;

		if (size < 8192 && ochars > chars(data, size))
			abort();
		for (size_t ch = 0; ch <= c->nchars + 1; ch += step)
		{
			size_t		os,
						ol,
						es,
						el;

			na_clean_chars_to_orig(c, ch, 3, &os, &ol);
			na_clean_chars_to_orig(c, ch, 0, &es, &el);
			if (os + ol > ochars || os < prev_s || os + ol < prev_e || el != 0 || es != os)
				abort();
			prev_s = os;
			prev_e = os + ol;
		}
		for (size_t b = 0, ch = 0; b < c->len; b += 1 + c->len / 16)
		{
			NaCleanExtent e;
			size_t		os,
						ol,
						n;

			while (b < c->len && ((unsigned char) t[b] & 0xC0) == 0x80)
				b++;
			if (b >= c->len)
				break;
			ch = chars((const uint8_t *) t, b);
			n = chars((const uint8_t *) t + b, c->len - b);
			na_clean_span_to_orig(c, b, c->len - b, &e);
			na_clean_chars_to_orig(c, ch, n, &os, &ol);
			if (os != e.cstart || ol != e.clen)
				abort();
		}
	}
	/* lookups stay inside the input */
	for (size_t b = 0; b <= c->len; b += 1 + c->len / 16)
	{
		size_t		ob,
					oc;
		NaCleanExtent e;

		na_clean_to_orig(c, b, &ob, &oc);
		na_clean_span_to_orig(c, b, c->len - b, &e);
		if (ob > size || e.start + e.len > size)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	NaClean		c;
	NaStatus	st;

	st = na_clean((const char *) data, size, NA_CLEAN_MAP | NA_CLEAN_REMOVALS,
				  &na_malloc_allocator, NULL, &c);
	if (st == NA_ERR_INVALID_UTF8)
	{
		if (c.error_offset >= size)
			abort();
		return 0;
	}
	if (st != NA_OK)
		abort();
	check_result(data, size, &c);
	na_clean_free(&c);

	/* headroom and no map: the same text */
	{
		NaClean		d;

		if (na_clean((const char *) data, size, NA_CLEAN_HEADROOM | NA_CLEAN_VALID_UTF8,
					 &na_malloc_allocator, NULL, &d) != NA_OK)
			abort();
		na_clean_free(&d);
	}

	/* the same in small windows */
	if (size > 1)
	{
		clean_window_tags = 2 + data[0] % 16;
		clean_window_bytes = 64 + (size_t) data[0] * 4;
		st = na_clean((const char *) data + 1, size - 1, NA_CLEAN_MAP | NA_CLEAN_REMOVALS,
					  &na_malloc_allocator, NULL, &c);
		clean_window_tags = NA_CLEAN_WINDOW_TAGS;
		clean_window_bytes = NA_CLEAN_WINDOW;
		if (st == NA_OK)
		{
			check_result(data + 1, size - 1, &c);
			na_clean_free(&c);
		}
		else if (st != NA_ERR_INVALID_UTF8)
			abort();
	}
	return 0;
}
