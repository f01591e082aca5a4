/*
 * clean.c
 *		na_clean: the cleaned text of a scraped body, the offset map back to
 *		the original, and the list of what was removed (clean.h).
 *
 * Three stages.  The markup stage (clean_markup.c) makes an intermediate
 * text with its own map: plain text as it is (or with references decoded),
 * HTML as the text a browser shows, one block a line.  The line stage
 * (clean_lines.c) says which lines of it are boilerplate.  This file
 * validates the input, runs both, and assembles the result: the kept lines
 * with trailing white space trimmed, one blank line at most between
 * paragraphs and none at either end; the two maps composed into one, with
 * character offsets; the removals of both stages merged in order of their
 * start in the original.
 */
#include "clean_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

static const char *const kind_names[] = {
	"html_tag", "comment", "script", "style", "element", "markup",
	"breadcrumb", "menu", "share", "subscribe", "cookie", "read_more",
	"navigation", "credit", "teaser", "repeated",
};

static const char *const kind_descs[] = {
	"an HTML tag (the text inside the element stays)",
	"an HTML comment",
	"a script element with its content",
	"a style element with its content",
	"an element that is not article text, with its content (head, noscript, iframe, svg, form controls, ...)",
	"markup written as text (&lt;a href=...&gt;)",
	"a breadcrumb trail (Home > World > Europe)",
	"a menu of links (News | Sport | Weather)",
	"share buttons or a follow prompt",
	"a subscription, newsletter or sign-in prompt",
	"a cookie or consent notice",
	"a \"Read more\", \"Related:\" or \"click here\" line",
	"previous/next navigation and its headline",
	"a source, picture or wire credit, or a wire sign-off",
	"a teaser or promotion (Short on time? Read the digest)",
	"a short line repeated from earlier in the text",
};

_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == NA_CLEAN_KIND_COUNT,
			   "kind_names matches NaCleanKind");
_Static_assert(sizeof(kind_descs) / sizeof(kind_descs[0]) == NA_CLEAN_KIND_COUNT,
			   "kind_descs matches NaCleanKind");

/* na_clean_kind_name: the name of a kind, NULL out of range */
const char *
na_clean_kind_name(int kind)
{
	return kind >= 0 && kind < NA_CLEAN_KIND_COUNT ? kind_names[kind] : NULL;
}

/* na_clean_kind_desc: the description of a kind, NULL out of range */
const char *
na_clean_kind_desc(int kind)
{
	return kind >= 0 && kind < NA_CLEAN_KIND_COUNT ? kind_descs[kind] : NULL;
}

/* clean_grow: see clean_int.h */
NaStatus
clean_grow(const NaAllocator *alloc, void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t		ncap;
	void	   *p;

	if (n < *cap)
		return NA_OK;
	ncap = *cap ? 2 * *cap : 16;
	if (ncap > NA_BUF_MAX / elem)
		return NA_ERR_TOO_LARGE;
	p = *arr ? na_resize(alloc, *arr, ncap * elem) : na_alloc(alloc, ncap * elem);
	if (!p)
		return NA_ERR_NOMEM;
	*arr = p;
	*cap = ncap;
	return NA_OK;
}

/* count_chars: characters in s[0..n) of valid UTF-8 */
static size_t
count_chars(const char *s, size_t n)
{
	size_t		c = 0,
				i = 0;

	for (; i + 8 <= n; i += 8)
	{
		uint64_t	w;

		memcpy(&w, s + i, 8);
		if ((w & 0x8080808080808080ULL) == 0)
		{
			c += 8;
			continue;
		}
		for (size_t k = 0; k < 8; k++)
			c += ((unsigned char) s[i + k] & 0xC0) != 0x80;
	}
	for (; i < n; i++)
		c += ((unsigned char) s[i] & 0xC0) != 0x80;
	return c;
}

/* validate: is text[0..len) UTF-8?  *bad gets the offset of the first
 * malformed sequence.  ASCII eight bytes at a time, the rest by utf8proc. */
static bool
validate(const char *text, size_t len, const NaYield *yield, size_t *bad)
{
	size_t		i = 0,
				next_yield = NA_YIELD_EVERY;

	while (i < len)
	{
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (i >= next_yield)
		{
			na_yield(yield);
			next_yield = i + NA_YIELD_EVERY;
		}
		if (i + 8 <= len)
		{
			uint64_t	w;

			memcpy(&w, text + i, 8);
			if ((w & 0x8080808080808080ULL) == 0)
			{
				i += 8;
				continue;
			}
		}
		if ((unsigned char) text[i] < 0x80)
		{
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *) text + i,
							 (utf8proc_ssize_t) (len - i < 4 ? len - i : 4), &cp);
		if (n < 0 || cp < 0)
		{
			*bad = i;
			return false;
		}
		i += (size_t) n;
	}
	return true;
}

/* ----------------------------------------------------------------------
 * Assembly
 * ---------------------------------------------------------------------- */

typedef struct Asm
{
	const char *orig;
	size_t		olen;
	const CleanText *ct;
	bool		want_map;
	NaBuf		out;
	NaCleanSegment *segs;
	size_t		nsegs;
	size_t		capsegs;
	size_t		si;				/* cursor into ct->segs */
	size_t		cchars;			/* characters of out */
	size_t		ob;				/* original bytes counted */
	size_t		oc;				/* ... and their characters */
	size_t		base;			/* headroom before the text in out */
	size_t		pend_b;			/* without a map: intermediate bytes */
	size_t		pend_e;			/* [pend_b, pend_e) not copied yet */
	NaStatus	st;
} Asm;

/* orig_chars_at: characters of the original before byte b */
static size_t
orig_chars_at(Asm *a, size_t b)
{
	if (b >= a->ob)
		a->oc += count_chars(a->orig + a->ob, b - a->ob);
	else
		a->oc -= count_chars(a->orig + b, a->ob - b);
	a->ob = b;
	return a->oc;
}

/* add_seg: a segment of the final map for the last clean_len output bytes */
static void
add_seg(Asm *a, size_t clean_len, size_t cclean_len, size_t orig, size_t orig_len, bool verbatim)
{
	NaCleanSegment *s;
	size_t		clean = a->out.len - a->base - clean_len;
	size_t		cclean = a->cchars - cclean_len;

	if (a->nsegs > 0)
	{
		s = &a->segs[a->nsegs - 1];
		if (verbatim && s->verbatim && s->clean + s->clean_len == clean &&
			s->orig + s->orig_len == orig)
		{
			s->clean_len += (uint32_t) clean_len;
			s->orig_len += (uint32_t) clean_len;
			s->cclean_len += (uint32_t) cclean_len;
			s->corig_len += (uint32_t) cclean_len;
			orig_chars_at(a, orig + orig_len);
			return;
		}
		/* two pieces of one replacement */
		if (!verbatim && !s->verbatim && s->clean + s->clean_len == clean &&
			s->orig == orig && s->orig_len == orig_len)
		{
			s->clean_len += (uint32_t) clean_len;
			s->cclean_len += (uint32_t) cclean_len;
			return;
		}
	}
	if ((a->st = clean_grow(a->out.alloc, (void **) &a->segs, &a->capsegs, a->nsegs,
							sizeof(NaCleanSegment))) != NA_OK)
		return;
	s = &a->segs[a->nsegs++];
	s->clean = (uint32_t) clean;
	s->clean_len = (uint32_t) clean_len;
	s->cclean = (uint32_t) cclean;
	s->cclean_len = (uint32_t) cclean_len;
	s->orig = (uint32_t) orig;
	s->orig_len = (uint32_t) orig_len;
	s->corig = (uint32_t) orig_chars_at(a, orig);
	s->corig_len = (uint32_t) (orig_chars_at(a, orig + orig_len) - s->corig);
	s->verbatim = verbatim;
}

/* flush: copy the pending run of intermediate bytes (no map) */
static void
flush(Asm *a)
{
	if (a->pend_e > a->pend_b && a->st == NA_OK)
		a->st = na_buf_append(&a->out, a->ct->text + a->pend_b, a->pend_e - a->pend_b);
	a->pend_b = a->pend_e = 0;
}

/* copy: intermediate bytes [b, e) to the output, with their map */
static void
copy(Asm *a, size_t b, size_t e)
{
	const CleanText *ct = a->ct;

	if (e <= b || a->st != NA_OK)
		return;
	if (!a->want_map)
	{
		/* runs of kept lines are copied at once */
		if (b != a->pend_e || a->pend_e == 0)
		{
			flush(a);
			a->pend_b = b;
		}
		a->pend_e = e;
		return;
	}
	if (ct->identity)
	{
		size_t		n = count_chars(ct->text + b, e - b);

		if ((a->st = na_buf_append(&a->out, ct->text + b, e - b)) != NA_OK)
			return;
		a->cchars += n;
		add_seg(a, e - b, n, b, e - b, true);
		return;
	}
	/* the intermediate segments over [b, e), piece by piece */
	while (a->si < ct->nsegs && ct->segs[a->si].clean + ct->segs[a->si].clean_len <= b)
		a->si++;
	for (size_t i = a->si; i < ct->nsegs && ct->segs[i].clean < e && a->st == NA_OK; i++)
	{
		const CleanSeg *s = &ct->segs[i];
		size_t		x = s->clean > b ? s->clean : b;
		size_t		y = s->clean + s->clean_len < e ? s->clean + s->clean_len : e;
		size_t		n = count_chars(ct->text + x, y - x);

		if ((a->st = na_buf_append(&a->out, ct->text + x, y - x)) != NA_OK)
			return;
		a->cchars += n;
		if (s->verbatim)
			add_seg(a, y - x, n, s->orig + (x - s->clean), y - x, true);
		else
			add_seg(a, y - x, n, s->orig, s->orig_len, false);
	}
}

/* b1_orig: the original offset of intermediate offset b (end: of the byte
 * before b, as the end of an extent) */
static size_t
b1_orig(const CleanText *ct, size_t b, bool end)
{
	size_t		lo = 0,
				hi = ct->nsegs;

	if (ct->identity)
		return b;
	if (ct->nsegs == 0)
		return 0;
	/* the segment holding byte b (end: byte b - 1) */
	if (end && b > 0)
		b--;
	while (lo + 1 < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (ct->segs[mid].clean <= b)
			lo = mid;
		else
			hi = mid;
	}
	{
		const CleanSeg *s = &ct->segs[lo];

		if (s->verbatim)
			return s->orig + (b - s->clean) + (end ? 1 : 0);
		return end ? s->orig + s->orig_len : s->orig;
	}
}

static int
removal_cmp(const void *x, const void *y)
{
	const NaCleanRemoval *a = x,
			   *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return (a->kind > b->kind) - (a->kind < b->kind);
}

/* removals: both stages' removals, in the original, with characters */
static NaStatus
removals(NaClean *c, const char *orig, const CleanText *ct, const CleanLineRem *lr,
		 size_t nlr, const NaAllocator *alloc)
{
	size_t		n = ct->nrems + nlr,
				k = 0,
				ob = 0,
				oc = 0;
	NaCleanRemoval *r;

	if (n == 0)
		return NA_OK;
	r = na_alloc(alloc, n * sizeof(NaCleanRemoval));
	if (!r)
		return NA_ERR_NOMEM;
	for (size_t i = 0; i < ct->nrems; i++, k++)
	{
		r[k].start = ct->rems[i].start;
		r[k].len = ct->rems[i].end - ct->rems[i].start;
		r[k].kind = ct->rems[i].kind;
	}
	for (size_t i = 0; i < nlr; i++, k++)
	{
		size_t		s = b1_orig(ct, lr[i].start, false),
					e = b1_orig(ct, lr[i].end, true);

		r[k].start = (uint32_t) s;
		r[k].len = (uint32_t) (e > s ? e - s : 0);
		r[k].kind = lr[i].kind;
	}
	qsort(r, n, sizeof(NaCleanRemoval), removal_cmp);
	for (k = 0; k < n; k++)
	{
		oc += count_chars(orig + ob, r[k].start - ob);
		ob = r[k].start;
		r[k].cstart = (uint32_t) oc;
		r[k].clen = (uint32_t) count_chars(orig + r[k].start, r[k].len);
		memset(r[k].reserved, 0, sizeof(r[k].reserved));
	}
	c->removals = r;
	c->nremovals = n;
	return NA_OK;
}

/* assemble: the kept lines of the intermediate text into c */
static NaStatus
assemble(NaClean *c, const char *orig, size_t olen, const CleanText *ct,
		 const CleanLineRem *lr, size_t nlr, unsigned flags, const NaAllocator *alloc,
		 const NaYield *yield)
{
	Asm			a;
	const char *t = ct->text;
	size_t		len = ct->len,
				pos = 0,
				li = 0,
				kept = 0,
				prev_nl = 0,
				since_yield = 0;
	bool		blank_between = false;

	memset(&a, 0, sizeof(a));
	a.orig = orig;
	a.olen = olen;
	a.ct = ct;
	a.want_map = (flags & NA_CLEAN_MAP) != 0;
	a.base = (flags & NA_CLEAN_HEADROOM) ? NA_CLEAN_HEADROOM_BYTES : 0;
	na_buf_init(&a.out, alloc);
	/* room for the whole text at once: it only shrinks */
	if ((a.st = na_buf_reserve(&a.out, a.base + len + 1)) != NA_OK)
		return a.st;
	a.out.len = a.base;

	while (pos < len && a.st == NA_OK)
	{
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t		le = nl ? (size_t) (nl - t) : len,
					ts = pos,
					te = le;

		since_yield += le - pos + 1;
		if (since_yield >= NA_YIELD_EVERY)
		{
			na_yield(yield);
			since_yield = 0;
		}
		while (ts < te && clean_is_space((unsigned char) t[ts]))
			ts++;
		while (te > ts && clean_is_space((unsigned char) t[te - 1]))
			te--;
		if (ts == te)
			blank_between = kept > 0;
		else if (li < nlr && lr[li].start == ts)
			li++;
		else
		{
			if (kept > 0)
			{
				copy(&a, prev_nl, prev_nl + 1);
				if (blank_between && pos - 1 > prev_nl)
					copy(&a, pos - 1, pos);
			}
			copy(&a, pos, te);
			kept++;
			prev_nl = le;
			blank_between = false;
		}
		pos = le + 1;
	}
	flush(&a);
	if (a.st == NA_OK && (flags & NA_CLEAN_REMOVALS))
		a.st = removals(c, orig, ct, lr, nlr, alloc);
	if (a.st != NA_OK)
	{
		na_buf_free(&a.out);
		na_release(alloc, a.segs);
		return a.st;
	}
	c->buf = a.out.data;
	c->text = a.out.data + a.base;
	c->len = a.out.len - a.base;
	c->nchars = a.cchars;
	c->map = a.segs;
	c->nmap = a.nsegs;
	return NA_OK;
}

/* na_clean: see clean.h */
NaStatus
na_clean(const char *text, size_t len, unsigned flags, const NaAllocator *alloc,
		 const NaYield *yield, NaClean *out)
{
	CleanText	ct;
	CleanLineRem *lr = NULL;
	size_t		nlr = 0;
	NaStatus	st;

	memset(out, 0, sizeof(*out));
	out->alloc = alloc;
	out->text = "";
	if (len >= UINT32_MAX)
		return NA_ERR_TOO_LARGE;
	if (!(flags & NA_CLEAN_VALID_UTF8) && !validate(text, len, yield, &out->error_offset))
		return NA_ERR_INVALID_UTF8;
	memset(&ct, 0, sizeof(ct));
	st = clean_markup(text, len, (flags & NA_CLEAN_REMOVALS) != 0, alloc, yield, &ct);
	if (st == NA_OK)
		st = clean_lines(ct.text, ct.len, ct.html, alloc, yield, &lr, &nlr);
	if (st == NA_OK)
		st = assemble(out, text, len, &ct, lr, nlr, flags, alloc, yield);
	out->html = ct.html;
	na_release(alloc, lr);
	clean_text_free(&ct);
	if (st != NA_OK)
	{
		size_t		bad = out->error_offset;

		na_clean_free(out);
		out->error_offset = bad;
	}
	return st;
}

/* na_clean_free: see clean.h */
void
na_clean_free(NaClean *c)
{
	if (c->alloc)
	{
		na_release(c->alloc, c->buf);
		na_release(c->alloc, (void *) c->map);
		na_release(c->alloc, (void *) c->removals);
	}
	memset(c, 0, sizeof(*c));
	c->text = "";
}

/* find_seg: the segment holding cleaned byte x (x < len), or with chars
 * cleaned character x (x < nchars): the last one starting at or before it */
static const NaCleanSegment *
find_seg(const NaClean *c, size_t x, bool chars)
{
	size_t		lo = 0,
				hi = c->nmap;

	while (lo + 1 < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if ((chars ? c->map[mid].cclean : c->map[mid].clean) <= x)
			lo = mid;
		else
			hi = mid;
	}
	return &c->map[lo];
}

/* na_clean_to_orig: see clean.h */
void
na_clean_to_orig(const NaClean *c, size_t b, size_t *orig, size_t *corig)
{
	size_t		ob = 0,
				oc = 0;

	if (c->nmap > 0)
	{
		const NaCleanSegment *s;

		if (b >= c->len)
		{
			s = &c->map[c->nmap - 1];
			ob = s->orig + s->orig_len;
			oc = s->corig + s->corig_len;
		}
		else
		{
			s = find_seg(c, b, false);
			ob = s->orig;
			oc = s->corig;
			if (s->verbatim)
			{
				ob += b - s->clean;
				oc += count_chars(c->text + s->clean, b - s->clean);
			}
		}
	}
	if (orig)
		*orig = ob;
	if (corig)
		*corig = oc;
}

/* na_clean_span_to_orig: see clean.h */
void
na_clean_span_to_orig(const NaClean *c, size_t start, size_t len, NaCleanExtent *out)
{
	size_t		eb,
				ec;

	na_clean_to_orig(c, start, &out->start, &out->cstart);
	if (len == 0 || c->nmap == 0)
	{
		out->len = 0;
		out->clen = 0;
		return;
	}
	/* the end of the original of the span's last byte */
	{
		size_t		last = start + len - 1 < c->len ? start + len - 1 : c->len - 1;
		const NaCleanSegment *s = find_seg(c, last, false);

		if (s->verbatim)
		{
			/* the original character ending after byte last */
			size_t		nb = last + 1;

			while (nb < s->clean + s->clean_len && ((unsigned char) c->text[nb] & 0xC0) == 0x80)
				nb++;
			eb = s->orig + (nb - s->clean);
			ec = s->corig + count_chars(c->text + s->clean, nb - s->clean);
		}
		else
		{
			eb = s->orig + s->orig_len;
			ec = s->corig + s->corig_len;
		}
	}
	out->len = eb > out->start ? eb - out->start : 0;
	out->clen = ec > out->cstart ? ec - out->cstart : 0;
}

/* char_orig: the original character that cleaned character ch (< nchars)
 * comes from (end: the one after the original of ch) */
static size_t
char_orig(const NaClean *c, size_t ch, bool end)
{
	const NaCleanSegment *s = find_seg(c, ch, true);
	size_t		k;

	if (!s->verbatim)
		return end ? s->corig + s->corig_len : s->corig;
	k = ch - s->cclean + (end ? 1 : 0);
	return s->corig + (k < s->corig_len ? k : s->corig_len);
}

/* na_clean_chars_to_orig: see clean.h */
void
na_clean_chars_to_orig(const NaClean *c, size_t cstart, size_t clen,
					   size_t *ocstart, size_t *oclen)
{
	size_t		n = c->nmap > 0 ? c->nchars : 0,
				s,
				e;

	*oclen = 0;
	if (n == 0)
	{
		*ocstart = 0;
		return;
	}
	if (cstart >= n)
	{
		const NaCleanSegment *last = &c->map[c->nmap - 1];

		*ocstart = last->corig + last->corig_len;
		return;
	}
	s = char_orig(c, cstart, false);
	*ocstart = s;
	if (clen == 0)
		return;
	e = char_orig(c, (clen < n - cstart ? cstart + clen : n) - 1, true);
	*oclen = e > s ? e - s : 0;
}
