/*
 * markup.c
 *		Markup and feed artefacts of an analysed document: see markup.h.
 *
 * Markup comes from na_clean's list of removals (the kinds that are
 * markup, not the boilerplate lines, whose names stay names).  Feed
 * artefacts are found by one pass over the bytes that stops at three
 * characters only:
 *	'.'  between an upper-case code of 2 to 8 letters and digits (one
 *	     letter at least) and 1 to 3 capitals, neither touching another
 *	     letter, digit or period, is a stock ticker ("WFC.N", "AMBV4.SA";
 *	     not "U.S."); a colon right after it starts a quote-page link that
 *	     runs to the next ')' ("JNJ.N: Quote, Profile, Research)");
 *	'('  around capitalized link words only, separated by commas
 *	     ("(Quote, Chart)"), is a feed artefact;
 *	'#'  of a character reference that lost its '&' ("Wednesday #39;s",
 *	     "CHARLTON #39;S", " #36;50 million"), with the "s" of a possessive
 *	     after it.
 */
#include "markup.h"

#include <string.h>

#include "clean.h"

#include "gen_markup_link_words.inc"

#define MAX_LINK	64			/* bytes from a ticker's colon to ')', or
								 * of a parenthesis of link words */

static inline bool
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline bool
is_upper_digit(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static inline bool
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* add appends the range [start, end) to out */
static NaStatus
add(NaBuf *out, size_t start, size_t end)
{
	NaDocRange	r;

	r.start = (uint32_t) start;
	r.len = (uint32_t) (end - start);
	return na_buf_append(out, &r, sizeof(r));
}

/* link_end: the end of "(Quote, Chart)" opening at text[i], or 0 */
static size_t
link_end(const char *text, size_t len, size_t i)
{
	size_t		p = i + 1;

	while (p < len && p - i < MAX_LINK)
	{
		char		w[16];
		size_t		n = 0;

		if (!(text[p] >= 'A' && text[p] <= 'Z'))
			return 0;
		while (p + n < len && is_alpha((unsigned char) text[p + n]) && n < sizeof(w))
		{
			w[n] = (char) (text[p + n] | 0x20);
			n++;
		}
		if (n == sizeof(w) || !NA_IN_WORDS(markup_link_words, w, n))
			return 0;
		p += n;
		if (p < len && text[p] == ')')
			return p + 1;
		if (p >= len || text[p] != ',')
			return 0;
		p++;
		while (p < len && text[p] == ' ')
			p++;
	}
	return 0;
}

/* ticker_at: the ticker whose period is text[i], as [*a, *b), or false */
static bool
ticker_at(const char *text, size_t len, size_t i, size_t *a, size_t *b)
{
	size_t		s = i,
				e = i + 1;
	bool		letter = false;

	while (s > 0 && i - s < 8 && is_upper_digit((unsigned char) text[s - 1]))
		if (is_alpha((unsigned char) text[--s]))
			letter = true;
	while (e < len && e - i <= 3 && text[e] >= 'A' && text[e] <= 'Z')
		e++;
	if (!letter || i - s < 2 || e - i < 2 || e - i > 4 ||
		(s > 0 && (is_alnum((unsigned char) text[s - 1]) || text[s - 1] == '.')) ||
		(e < len && (is_alnum((unsigned char) text[e]) || text[e] == '.')))
		return false;
	*a = s;
	*b = e;
	return true;
}

/* broken_reference_end: the end of "#39;" (and the "s" after it) at
 * text[i], a character reference without its '&', or 0 */
static size_t
broken_reference_end(const char *text, size_t len, size_t i)
{
	size_t		p = i + 1;

	if (i > 0 && text[i - 1] == '&')
		return 0;
	while (p < len && p - i <= 4 && text[p] >= '0' && text[p] <= '9')
		p++;
	if (p - i < 3 || p - i > 5 || p >= len || text[p] != ';')
		return 0;
	p++;
	if (p < len && (text[p] == 's' || text[p] == 'S') &&
		(p + 1 == len || !is_alnum((unsigned char) text[p + 1])))
		p++;
	return p;
}

/* na_feed_artefacts: see markup.h. */
NaStatus
na_feed_artefacts(const char *text, size_t len, NaBuf *out)
{
	NaStatus	st = NA_OK;
	size_t		i = 0;

	while (i < len && st == NA_OK)
	{
		unsigned char c = (unsigned char) text[i];
		size_t		a,
					end;

		if ((c == '(' && i + 1 < len && (end = link_end(text, len, i)) != 0) ||
			(c == '#' && (end = broken_reference_end(text, len, i)) != 0))
		{
			st = add(out, i, end);
			i = end;
		}
		else if (c == '.' && i >= 2 && i + 1 < len && is_upper_digit((unsigned char) text[i + 1]) &&
				 ticker_at(text, len, i, &a, &end))
		{
			/* "(HPQ.N: Quote, Profile, Research)" */
			if (end < len && text[end] == ':')
			{
				const char *p = memchr(text + end, ')', len - end < MAX_LINK ? len - end : MAX_LINK);

				if (p)
					end = (size_t) (p - text);
			}
			st = add(out, a, end);
			i = end;
		}
		else
			i++;
	}
	return st;
}

/* is_markup: removals of these kinds are markup, not boilerplate lines */
static bool
is_markup(uint8_t kind)
{
	switch (kind)
	{
		case NA_CLEAN_HTML_TAG:
		case NA_CLEAN_COMMENT:
		case NA_CLEAN_SCRIPT:
		case NA_CLEAN_STYLE:
		case NA_CLEAN_ELEMENT:
		case NA_CLEAN_MARKUP:
			return true;
		default:
			return false;
	}
}

/* na_markup_block: see markup.h. */
NaStatus
na_markup_block(NaDoc *doc, bool valid_utf8, const NaAllocator *alloc, size_t *err_offset)
{
	size_t		len;
	const char *text = na_doc_text(doc, &len);
	NaClean		c;
	NaBuf		ranges;
	NaStatus	st;

	na_buf_init(&ranges, alloc);
	st = na_clean(text, len, NA_CLEAN_REMOVALS | (valid_utf8 ? NA_CLEAN_VALID_UTF8 : 0),
				  alloc, na_doc_yield(doc), &c);
	if (st != NA_OK)
	{
		if (st == NA_ERR_INVALID_UTF8 && err_offset)
			*err_offset = c.error_offset;
		return st;
	}
	for (size_t k = 0; k < c.nremovals && st == NA_OK; k++)
		if (is_markup(c.removals[k].kind))
			st = add(&ranges, c.removals[k].start, (size_t) c.removals[k].start + c.removals[k].len);
	na_clean_free(&c);
	if (st == NA_OK)
		st = na_feed_artefacts(text, len, &ranges);
	if (st == NA_OK && ranges.len > 0)
		st = na_doc_add_blocks(doc, (const NaDocRange *) ranges.data,
							   ranges.len / sizeof(NaDocRange));
	na_buf_free(&ranges);
	return st;
}
