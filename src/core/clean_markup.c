/*
 * clean_markup.c
 *		The markup stage of na_clean: deciding whether a text holds HTML,
 *		decoding character references, removing escaped markup, and reading
 *		HTML with our own parser (html_tree.c), window by window.
 *
 * Plain text or HTML.  Wire copy is full of angle brackets that are not
 * markup: Reuters writes "Sun Co <SUN>", "First Interstate Bancorp <I>",
 * "<Woodco Inc>".  A text is HTML only when it holds a tag shaped like
 * markup: a comment or declaration, an end tag of a known element
 * ("</p>"), a known element with an attribute ("<a href=...>", "<A HREF>";
 * the attribute names are in src/data/clean_html_attributes.txt), a known
 * void element in lower case or self-closed ("<br>", "<br/>"), or two
 * start tags of known elements in lower case ("<p>One<p>Two").  A lone
 * "<I>" or "<P>", or Reuters' one "<em>", is not enough.  Known elements
 * are those of html_tags.h: HTML's, without the MathML and SVG names
 * ("<MS>" is Morgan Stanley).  The same test, on "&lt;...&gt;", finds
 * markup written as text; once a text has such escaped markup, any escaped
 * tag of a known element is markup too ("&lt;B&gt;bold&lt;/B&gt;"), while
 * "&lt;TXN.N&gt;" stays (decoded).
 *
 * Plain text is copied with its lines as they are: character references
 * are decoded when they end with ';' ("&amp;", "&#8217;"), CR LF becomes
 * LF, escaped markup is removed.  A text with none of these is used as it
 * is, with no copy.
 *
 * HTML is parsed into a tree by html_tree.c (a tokenizer and a small
 * stack-based tree builder: implied end tags, void and raw text elements,
 * stray end tags ignored; see html_tree.h) and read as a list of events in
 * source order: text (a text node's extent in the source), removals (a
 * tag, a comment, a doctype or ignored tag, an element with its content)
 * and breaks (block elements start and end paragraphs, <br>, <li> and <tr>
 * end lines, <td> separates with a space).  The text of the page is the
 * text events in source order, character references decoded here (HTML's
 * rules: the ';' may be left out of a legacy name), white space collapsed,
 * breaks written as "\n" and "\n\n"; a text whose markup has no block
 * element at all (plain text with a few links) keeps its own line breaks
 * and blank lines instead.  Control characters and noncharacters become
 * U+FFFD, NUL is dropped.  Source order, not tree order, so that the
 * offset map is monotonic; the tree keeps source order anyway but for text
 * and elements a table holds outside its cells, which are given to the
 * table's parent (rendered before the table, they must not join a row).
 * Tags of unknown elements are put back as text ("<Sun Co>" in a page),
 * unless their name has '-' or ':' (custom elements, "<o:p>").
 *
 * Windows.  The parser reads a buffer in one call, without a hook, and its
 * tree costs memory in proportion to the tags (tag soup: tens of bytes per
 * "<a>"), its scope searches time in proportion to the nesting depth (each
 * of 30,000 nested <div> looks for an open <p> among all of them).
 * Capping the size of a page and refusing larger ones would not bound
 * that, so the page is parsed in windows of at most NA_CLEAN_WINDOW bytes
 * and NA_CLEAN_WINDOW_TAGS tags (bytes only inside a comment or raw text,
 * where the parser's time is linear), with the yield hook between windows.
 * A window is parsed as a document of its own and only its events before a
 * cut are kept; the next window starts at the cut.  The cut is the start of
 * the last node of the window (the node with the greatest source offset),
 * so that the next window re-parses that node in full, with these
 * exceptions:
 *
 *	- when that node lies inside an element removed with its content (a
 *	  <nav>, a <head>, an <svg>) or inside raw text (<script>, <xmp>), the
 *	  cut moves to that element's start, so that it is parsed whole;
 *	- when the last node starts the window: if a tag cut by the window's
 *	  end follows it, the cut is that tag's start (a tag longer than the
 *	  window then starts the next one, which grows); if the node is a
 *	  comment or raw text, the cut falls inside it, a few bytes before the
 *	  window's end (so that a terminator cut by the end is read again);
 *	  if it is a text node, the cut is a white space in its second half
 *	  (or, in one long word, not inside a character reference).
 *
 * The next window opens again what the cut is inside of, with a synthetic
 * prefix whose positions map to nothing: the removed element ("<nav>"),
 * the raw text element ("<script>"), "<!--x" for a comment (the removals
 * of both windows are merged), "<pre>".  Other context lost at a cut is
 * harmless: the elements open at the cut only make breaks, the end tag of
 * a block, met later as a stray end tag, still makes its break, and a
 * break at the cut itself is kept only when an end tag before the cut
 * made it.  A well-formed page gives the same text in windows of any size
 * (a unit test); tag soup may not, as it would not when cut short.
 *
 * A window that holds no node it could be cut at is parsed again twice as
 * large; a tag longer than NA_CLEAN_MAX_TAG (an inline image in a data:
 * URL) is removed up to its first '>' without the parser.  Bytes that
 * belong to no node (a tag cut by the end of the text) are removed as tags.
 *
 * The parser allocates its nodes from an arena on the injected allocator,
 * released as a whole after each window; the tree is walked with an
 * explicit stack, never recursively.
 */
#include "clean_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_tree.h"
#include "unicode.h"

#include "gen_clean_html_attributes.inc"

#define NA_CLEAN_MAX_TAG	(16 * 1024 * 1024)	/* bytes of one tag given to the parser */
#define TAG_SCAN_RAW		2048	/* longest raw tag looked at by the detector */
#define TAG_SCAN_ESCAPED	1024	/* longest escaped tag */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

size_t		clean_window_bytes = NA_CLEAN_WINDOW;
size_t		clean_window_tags = NA_CLEAN_WINDOW_TAGS;

/* Pending separators of the HTML emitter, weakest first */
enum
{
	PEND_NONE = 0,
	PEND_SPACE,
	PEND_LINE,
	PEND_PARA
};

/* ----------------------------------------------------------------------
 * Emitter: appends to the intermediate text and its map
 * ---------------------------------------------------------------------- */

static void
ct_fail(CleanText *ct, NaStatus st)
{
	if (ct->status == NA_OK)
		ct->status = st;
}

/* seg_add: the last clean_len bytes of the buffer come from
 * [orig, orig + orig_len) */
static void
seg_add(CleanText *ct, size_t orig, size_t orig_len, size_t clean_len, bool verbatim)
{
	uint32_t	clean = (uint32_t) (ct->buf.len - clean_len);
	CleanSeg   *l;
	NaStatus	st;

	if (ct->nsegs > 0)
	{
		l = &ct->segs[ct->nsegs - 1];
		if (verbatim && l->verbatim && l->clean + l->clean_len == clean &&
			l->orig + l->orig_len == orig)
		{
			l->clean_len += (uint32_t) clean_len;
			l->orig_len += (uint32_t) clean_len;
			return;
		}
		/* pieces of one replacement (white space collapsed inside it) */
		if (!verbatim && !l->verbatim && l->clean + l->clean_len == clean &&
			l->orig == orig && l->orig_len == orig_len)
		{
			l->clean_len += (uint32_t) clean_len;
			return;
		}
	}
	st = clean_grow(ct->alloc, (void **) &ct->segs, &ct->capsegs, ct->nsegs, sizeof(CleanSeg));
	if (st != NA_OK)
	{
		ct_fail(ct, st);
		return;
	}
	l = &ct->segs[ct->nsegs++];
	l->clean = clean;
	l->clean_len = (uint32_t) clean_len;
	l->orig = (uint32_t) orig;
	l->orig_len = (uint32_t) orig_len;
	l->verbatim = verbatim;
}

/* put_verbatim: copy original bytes src (at offset orig) */
static void
put_verbatim(CleanText *ct, const char *src, size_t orig, size_t n)
{
	NaStatus	st;

	if (n == 0 || ct->status != NA_OK)
		return;
	st = na_buf_append(&ct->buf, src, n);
	if (st != NA_OK)
	{
		ct_fail(ct, st);
		return;
	}
	seg_add(ct, orig, n, n, true);
}

/* put_replace: bytes standing for [orig, orig + orig_len) */
static void
put_replace(CleanText *ct, const char *bytes, size_t n, size_t orig, size_t orig_len)
{
	NaStatus	st;

	if (n == 0 || ct->status != NA_OK)
		return;
	st = na_buf_append(&ct->buf, bytes, n);
	if (st != NA_OK)
	{
		ct_fail(ct, st);
		return;
	}
	seg_add(ct, orig, orig_len, n, false);
}

/* rem_add: a removal of [start, end); cont merges it with the previous one
 * of the same kind ending at start (a removal cut by a window) */
static void
rem_add(CleanText *ct, size_t start, size_t end, int kind, bool cont)
{
	NaStatus	st;
	CleanRem   *r;

	if (!ct->want_rems || end <= start || ct->status != NA_OK)
		return;
	if (cont && ct->nrems > 0)
	{
		r = &ct->rems[ct->nrems - 1];
		if (r->kind == kind && r->end == start)
		{
			r->end = (uint32_t) end;
			return;
		}
	}
	st = clean_grow(ct->alloc, (void **) &ct->rems, &ct->caprems, ct->nrems, sizeof(CleanRem));
	if (st != NA_OK)
	{
		ct_fail(ct, st);
		return;
	}
	r = &ct->rems[ct->nrems++];
	r->start = (uint32_t) start;
	r->end = (uint32_t) end;
	r->kind = (uint8_t) kind;
}

/* html_break: a separator of the given strength standing for original
 * [orig, orig + orig_len) (a tag's position, orig_len 0; or the extent of
 * a replacement it is part of) */
static void
html_break(CleanText *ct, int strength, size_t orig, size_t orig_len)
{
	if (strength > ct->pending)
	{
		ct->pending = strength;
		ct->pend_orig = (uint32_t) orig;
		ct->pend_len = (uint32_t) orig_len;
		ct->pend_verbatim = false;
	}
}

/* flush_pending: write the pending separator before more text */
static void
flush_pending(CleanText *ct)
{
	int			p = ct->pending;

	ct->pending = PEND_NONE;
	if (p == PEND_NONE || ct->buf.len == 0)
		return;
	if (p == PEND_SPACE)
	{
		/* a single blank of the original is copied, anything else replaced */
		if (ct->pend_verbatim && ct->pend_len == 1 && ct->orig[ct->pend_orig] == ' ')
			put_verbatim(ct, ct->orig + ct->pend_orig, ct->pend_orig, 1);
		else
			put_replace(ct, " ", 1, ct->pend_orig, ct->pend_len);
	}
	else
		put_replace(ct, "\n\n", p == PEND_PARA ? 2 : 1, ct->pend_orig, ct->pend_len);
}

/* is_html_space: white space of HTML text at s[i], *n its bytes: ASCII
 * blanks and U+00A0 (written &nbsp; on every page) */
static inline bool
is_html_space(const char *s, size_t i, size_t end, size_t *n)
{
	unsigned char c = (unsigned char) s[i];

	if (clean_is_space(c))
	{
		*n = 1;
		return true;
	}
	if (c == 0xC2 && i + 1 < end && (unsigned char) s[i + 1] == 0xA0)
	{
		*n = 2;
		return true;
	}
	return false;
}

/*
 * html_text: text bytes[0..n) for the HTML emitter, standing for original
 * [orig, orig + orig_len) (verbatim: bytes are the original at orig).
 * White space collapses; in <pre>, line breaks are kept.
 */
static void
html_text(CleanText *ct, const char *bytes, size_t n, size_t orig, size_t orig_len,
		  bool verbatim, bool pre)
{
	size_t		i = 0;

	while (i < n)
	{
		size_t		k = i,
					w;

		/* in <pre>, only line breaks are not text */
		while (k < n && (pre ? bytes[k] != '\n' : !is_html_space(bytes, k, n, &w)))
			k++;
		if (k > i)
		{
			flush_pending(ct);
			if (verbatim)
				put_verbatim(ct, bytes + i, orig + i, k - i);
			else
				put_replace(ct, bytes + i, k - i, orig, orig_len);
		}
		i = k;
		while (i < n && (pre ? bytes[i] == '\n' : is_html_space(bytes, i, n, &w)))
		{
			size_t		o = verbatim ? orig + i : orig;

			if (pre)
				w = 1;
			/* a break inside a replacement stands for all of it, as the
			 * rest of it does; in text without block elements, a blank
			 * line is a paragraph break and a line break is one */
			if (pre && bytes[i] == '\n')
				html_break(ct, PEND_LINE, o, verbatim ? 0 : orig_len);
			else if (ct->keep_lines && bytes[i] == '\n')
				html_break(ct, ct->pending >= PEND_LINE ? PEND_PARA : PEND_LINE, o,
						   verbatim ? 0 : orig_len);
			else if (ct->pending == PEND_NONE && ct->buf.len > 0 &&
					 ct->buf.data[ct->buf.len - 1] != '\n')
			{
				ct->pending = PEND_SPACE;
				ct->pend_orig = (uint32_t) o;
				ct->pend_len = verbatim ? (uint32_t) w : (uint32_t) orig_len;
				ct->pend_verbatim = verbatim;
			}
			else if (ct->pending == PEND_SPACE && verbatim && ct->pend_verbatim &&
					 ct->pend_orig + ct->pend_len == o)
				ct->pend_len += (uint32_t) w;
			i += w;
		}
	}
}

/* ----------------------------------------------------------------------
 * Character references
 * ---------------------------------------------------------------------- */

/* Windows-1252 meanings of &#128; to &#159; (the HTML specification's
 * table; 0 keeps the code point) */
static const uint16_t cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static inline bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * decode_ref reads a character reference at s[pos] ('&'), before end, into
 * out (up to 8 bytes of UTF-8, *nout of them); returns the bytes read, 0
 * when there is none.  html: the rules of HTML text (the ';' may be left
 * out, a legacy name may end early: "&notit;" is "¬it;"); otherwise a
 * reference needs its ';'.
 */
static size_t
decode_ref(const char *s, size_t pos, size_t end, bool html, char out[8], size_t *nout)
{
	size_t		i = pos + 1;
	uint32_t	cps[2];
	int			ncp = 0;
	size_t		used = 0;

	if (i >= end)
		return 0;
	if (s[i] == '#')
	{
		bool		hex = false;
		size_t		digits;
		uint32_t	v = 0;

		i++;
		if (i < end && (s[i] == 'x' || s[i] == 'X'))
		{
			hex = true;
			i++;
		}
		digits = i;
		for (; i < end; i++)
		{
			unsigned char c = (unsigned char) s[i];
			uint32_t	d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			if (v <= 0x10FFFF)
				v = v * (hex ? 16 : 10) + d;
		}
		if (i == digits)
			return 0;
		if (i < end && s[i] == ';')
			i++;
		else if (!html)
			return 0;
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		else if (v >= 0x80 && v <= 0x9F && cp1252[v - 0x80])
			v = cp1252[v - 0x80];
		cps[0] = v;
		ncp = 1;
		used = i - pos;
	}
	else
	{
		size_t		k;

		while (i < end && i - pos <= 40 && is_alnum((unsigned char) s[i]))
			i++;
		k = i - pos - 1;
		if (k == 0)
			return 0;
		ncp = 0;
		if (i < end && s[i] == ';')
		{
			ncp = na_html_entity(s + pos + 1, k + 1, cps);
			used = k + 2;
		}
		if (ncp == 0 && html)
		{
			/* the longest legacy name (no ';') the run starts with */
			for (size_t j = k < 8 ? k : 8; j >= 2 && ncp == 0; j--)
			{
				ncp = na_html_entity(s + pos + 1, j, cps);
				used = j + 1;
			}
		}
		if (ncp == 0)
			return 0;
	}
	*nout = 0;
	for (int j = 0; j < ncp; j++)
		*nout += (size_t) na_utf8_encode(cps[j], out + *nout);
	return used;
}

/* ----------------------------------------------------------------------
 * The shape of a tag, raw ("<a href=x>") or escaped ("&lt;a href=x&gt;")
 * ---------------------------------------------------------------------- */

typedef struct TagShape
{
	size_t		len;			/* bytes of the whole tag */
	const char *name;
	size_t		name_len;
	HtmlTag		tag;			/* HTML_TAG_UNKNOWN when not known */
	bool		end;			/* </name> */
	bool		comment;		/* <!-- --> */
	bool		decl;			/* <!DOCTYPE>, <![CDATA[, <?xml */
	bool		eq_attr;		/* an attribute with a value */
	bool		known_attr;		/* an attribute of clean_html_attributes.txt */
	bool		self_closing;
	bool		lower;			/* the name is in lower case */
} TagShape;

/* at: does s[i..end) start with the literal lit? (case-insensitive) */
static bool
at(const char *s, size_t i, size_t end, const char *lit)
{
	size_t		n = strlen(lit);

	if (end - i < n || i > end)
		return false;
	for (size_t k = 0; k < n; k++)
		if ((s[i + k] | 0x20) != (lit[k] | 0x20))
			return false;
	return true;
}

/* close_at: the bytes of a tag's closing '>' at s[i] (escaped: "&gt;"), 0
 * if there is none */
static size_t
close_at(const char *s, size_t i, size_t end, bool escaped)
{
	if (i >= end)
		return 0;
	if (!escaped)
		return s[i] == '>' ? 1 : 0;
	return at(s, i, end, "&gt;") ? 4 : 0;
}

/* quote_at: the bytes of a quote at s[i] (escaped markup may write
 * &quot; or &#39;), 0 if none; *q gets the quote character */
static size_t
quote_at(const char *s, size_t i, size_t end, bool escaped, char *q)
{
	if (i >= end)
		return 0;
	if (s[i] == '"' || s[i] == '\'')
	{
		*q = s[i];
		return 1;
	}
	if (escaped && at(s, i, end, "&quot;"))
	{
		*q = 'Q';
		return 6;
	}
	if (escaped && at(s, i, end, "&#39;"))
	{
		*q = 'A';
		return 5;
	}
	return 0;
}

static bool
void_element(HtmlTag t)
{
	return t == HTML_TAG_BR || t == HTML_TAG_HR || t == HTML_TAG_IMG ||
		t == HTML_TAG_WBR || t == HTML_TAG_META || t == HTML_TAG_LINK ||
		t == HTML_TAG_INPUT;
}

/* known_attribute: name[0..n) is an HTML attribute we recognize */
static bool
known_attribute(const char *name, size_t n)
{
	char		low[24];

	if (n >= sizeof(low))
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (char) ((name[i] >= 'A' && name[i] <= 'Z') ? name[i] | 0x20 : name[i]);
	low[n] = '\0';
	if (strncmp(low, "data-", 5) == 0 || strncmp(low, "aria-", 5) == 0 ||
		(n > 4 && strncmp(low, "on", 2) == 0))
		return true;
	return NA_IN_WORDS(clean_html_attributes, low, n);
}

/* find_lit: the first s[i..end) position of lit (case-sensitive) at most
 * limit bytes on, or (size_t) -1 */
static size_t
find_lit(const char *s, size_t i, size_t end, size_t limit, const char *lit)
{
	size_t		n = strlen(lit);
	size_t		stop = (end - i > limit) ? i + limit : end;

	while (i + n <= stop)
	{
		const char *p = memchr(s + i, lit[0], stop - i);

		if (!p || (size_t) (p - s) + n > stop)
			return (size_t) -1;
		i = (size_t) (p - s);
		if (memcmp(s + i, lit, n) == 0)
			return i;
		i++;
	}
	return (size_t) -1;
}

/*
 * tag_shape reads a tag at s[pos] ('<', or "&lt;" when escaped) before end
 * into *t; false when the bytes there are not shaped like a tag.  An
 * unclosed raw comment ("<!--" with no "-->") is a tag of 4 bytes: it is
 * markup either way.
 */
static bool
tag_shape(const char *s, size_t pos, size_t end, bool escaped, TagShape *t)
{
	size_t		i = pos + (escaped ? 4 : 1);
	size_t		limit = escaped ? TAG_SCAN_ESCAPED : TAG_SCAN_RAW;
	size_t		stop = (end - pos > limit) ? pos + limit : end;
	size_t		n;

	memset(t, 0, sizeof(*t));
	t->tag = HTML_TAG_UNKNOWN;
	if (i >= stop)
		return false;
	if (s[i] == '!' || s[i] == '?')
	{
		if (s[i] == '!' && at(s, i + 1, stop, "--"))
		{
			size_t		c = find_lit(s, i + 3, end, limit, escaped ? "--&gt;" : "-->");

			t->comment = true;
			if (c != (size_t) -1)
				t->len = c + (escaped ? 6 : 3) - pos;
			else if (!escaped)
				t->len = i + 3 - pos;
			else
				return false;
			return true;
		}
		if (!(s[i] == '?' || at(s, i + 1, stop, "doctype") || at(s, i + 1, stop, "[cdata[")))
			return false;
		for (; i < stop; i++)
			if ((n = close_at(s, i, stop, escaped)) != 0)
			{
				t->decl = true;
				t->len = i + n - pos;
				return true;
			}
		return false;
	}
	if (s[i] == '/')
	{
		t->end = true;
		i++;
	}
	if (i >= stop || !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		return false;
	t->name = s + i;
	t->lower = true;
	while (i < stop && (is_alnum((unsigned char) s[i]) || s[i] == '-' || s[i] == ':'))
	{
		if (s[i] >= 'A' && s[i] <= 'Z')
			t->lower = false;
		i++;
	}
	t->name_len = (size_t) (s + i - t->name);
	t->tag = html_tag_lookup(t->name, t->name_len);
	for (;;)
	{
		size_t		a;
		char		q;

		while (i < stop && clean_is_space((unsigned char) s[i]))
			i++;
		if (i >= stop)
			return false;
		if ((n = close_at(s, i, stop, escaped)) != 0)
			break;
		if (s[i] == '/' && (n = close_at(s, i + 1, stop, escaped)) != 0)
		{
			t->self_closing = true;
			i++;
			break;
		}
		/* an attribute name */
		a = i;
		while (i < stop && (is_alnum((unsigned char) s[i]) || s[i] == '-' || s[i] == '_' ||
							s[i] == ':' || s[i] == '.' || s[i] == '@'))
			i++;
		if (i == a)
			return false;
		if (known_attribute(s + a, i - a))
			t->known_attr = true;
		while (i < stop && clean_is_space((unsigned char) s[i]))
			i++;
		if (i < stop && s[i] == '=')
		{
			size_t		qn;

			t->eq_attr = true;
			i++;
			while (i < stop && clean_is_space((unsigned char) s[i]))
				i++;
			if ((qn = quote_at(s, i, stop, escaped, &q)) != 0)
			{
				char		q2;
				size_t		qn2 = 0;

				for (i += qn; i < stop; i++)
					if ((qn2 = quote_at(s, i, stop, escaped, &q2)) != 0 && q2 == q)
						break;
				if (i >= stop)
					return false;
				i += qn2;
			}
			else
			{
				a = i;
				while (i < stop && !clean_is_space((unsigned char) s[i]) &&
					   !close_at(s, i, stop, escaped) && s[i] != '<')
					i++;
				if (i == a)
					return false;
			}
		}
	}
	t->len = i + n - pos;
	return true;
}

/* tag_is_markup: a tag shaped like markup on its own (see the header) */
static bool
tag_is_markup(const TagShape *t)
{
	if (t->comment || t->decl)
		return true;
	if (t->tag == HTML_TAG_UNKNOWN)
		return false;
	return t->end || t->eq_attr || t->known_attr ||
		(void_element(t->tag) && (t->self_closing || t->lower));
}

/*
 * escaped_markup_at: the bytes of escaped markup at s[pos] ("&lt;"), 0 if
 * there is none there; evidence: the text has escaped markup elsewhere.
 */
static size_t
escaped_markup_at(const char *s, size_t pos, size_t end, bool evidence)
{
	TagShape	t;

	if (!at(s, pos, end, "&lt;") || !tag_shape(s, pos, end, true, &t))
		return 0;
	if (tag_is_markup(&t) || (evidence && t.tag != HTML_TAG_UNKNOWN))
		return t.len;
	return 0;
}

static int	break_strength(HtmlTag t);

/*
 * detect: is there raw markup (*html) or escaped markup (*escaped) in
 * text[0..len), and does the markup have block elements (*blocks: <p>,
 * <br>, <div>...)?  Each scan stops once it knows.
 */
static void
detect(const char *text, size_t len, const NaYield *yield, bool *html, bool *escaped,
	   bool *blocks)
{
	TagShape	t;
	int			lower_tags = 0;

	*html = false;
	*escaped = false;
	*blocks = false;
	for (int pass = 0; pass < 2; pass++)
	{
		char		c = pass == 0 ? '<' : '&';
		size_t		i = 0,
					next_yield = NA_YIELD_EVERY;

		while (i < len && (pass == 0 ? !(*html && *blocks) : !*escaped))
		{
			const char *p = memchr(text + i, c, len - i);

			if (!p)
				break;
			i = (size_t) (p - text);
			if (i >= next_yield)
			{
				na_yield(yield);
				next_yield = i + NA_YIELD_EVERY;
			}
			if (pass == 0 && tag_shape(text, i, len, false, &t))
			{
				if (tag_is_markup(&t) ||
					(t.lower && t.tag != HTML_TAG_UNKNOWN && ++lower_tags >= 2))
					*html = true;
				if (t.tag != HTML_TAG_UNKNOWN && break_strength(t.tag) >= PEND_LINE)
					*blocks = true;
			}
			else if (pass == 1 && at(text, i, len, "&lt;") && tag_shape(text, i, len, true, &t) &&
					 tag_is_markup(&t))
				*escaped = true;
			i++;
		}
	}
}

/* ----------------------------------------------------------------------
 * Text with references: plain text, and HTML text nodes
 * ---------------------------------------------------------------------- */

/*
 * plain_text emits text[start, end) of a plain text: copied line by line,
 * references ending with ';' decoded, CR LF and CR made LF, escaped markup
 * removed.
 */
static void
plain_text(CleanText *ct, const char *text, size_t start, size_t end, bool evidence,
		   const NaYield *yield)
{
	size_t		i = start,
				run = start,
				next_yield = start + NA_YIELD_EVERY;

	while (i < end && ct->status == NA_OK)
	{
		unsigned char c = (unsigned char) text[i];
		char		out[8];
		size_t		n,
					nout;

		if (i >= next_yield)
		{
			na_yield(yield);
			next_yield = i + NA_YIELD_EVERY;
		}
		if (c != '&' && c != '\r')
		{
			i++;
			continue;
		}
		put_verbatim(ct, text + run, run, i - run);
		if (c == '\r')
		{
			if (i + 1 < end && text[i + 1] == '\n')
				i++;			/* the LF is copied with the next run */
			else
			{
				put_replace(ct, "\n", 1, i, 1);
				i++;
			}
		}
		else if ((n = escaped_markup_at(text, i, end, evidence)) != 0)
		{
			rem_add(ct, i, i + n, NA_CLEAN_MARKUP, false);
			i += n;
		}
		else if ((n = decode_ref(text, i, end, false, out, &nout)) != 0)
		{
			put_replace(ct, out, nout, i, n);
			i += n;
		}
		else
		{
			put_verbatim(ct, text + i, i, 1);
			i++;
		}
		run = i;
	}
	put_verbatim(ct, text + run, run, i - run);
}

/*
 * bad_char: the bytes of a character at text[o] (before end) that HTML text
 * does not keep as it is, 0 for any other: a control character other than
 * white space (C0, DEL, C1) or a noncharacter (U+FDD0 to U+FDEF, U+xFFFE,
 * U+xFFFF).  The input is valid UTF-8.
 */
static size_t
bad_char(const char *text, size_t o, size_t end)
{
	const unsigned char *s = (const unsigned char *) text + o;
	size_t		n = end - o;

	if (s[0] < 0x20)
		return (s[0] == '\t' || s[0] == '\n' || s[0] == '\f' || s[0] == '\r') ? 0 : 1;
	if (s[0] == 0x7F)
		return 1;
	if (s[0] == 0xC2 && n >= 2 && s[1] < 0xA0)
		return 2;
	if (s[0] == 0xEF && n >= 3 &&
		((s[1] == 0xB7 && s[2] >= 0x90 && s[2] <= 0xAF) || (s[1] == 0xBF && s[2] >= 0xBE)))
		return 3;
	if (s[0] >= 0xF0 && n >= 4 && (s[1] & 0x0F) == 0x0F && s[2] == 0xBF && s[3] >= 0xBE)
		return 4;
	return 0;
}

/*
 * node_text emits the text of an HTML text node, original text[start, end):
 * character references decoded, white space collapsed unless NT_PRE,
 * escaped markup removed, CR LF and CR made LF, NUL dropped and the other
 * characters HTML does not keep (bad_char) made U+FFFD.  NT_RAW: the text
 * of <xmp> or <plaintext>, where no reference is decoded.
 */
#define NT_PRE		0x01
#define NT_RAW		0x02

static void
node_text(CleanText *ct, const char *text, size_t start, size_t end, int flags, bool evidence)
{
	size_t		o = start;
	bool		pre = (flags & NT_PRE) != 0;

	while (o < end && ct->status == NA_OK)
	{
		unsigned char c = (unsigned char) text[o];
		char		out[8];
		size_t		n,
					nout;

		if (c == '&' && !(flags & NT_RAW))
		{
			if ((n = escaped_markup_at(text, o, end, evidence)) != 0)
			{
				rem_add(ct, o, o + n, NA_CLEAN_MARKUP, false);
				o += n;
				continue;
			}
			if ((n = decode_ref(text, o, end, true, out, &nout)) == 0)
			{
				n = 1;
				out[0] = '&';
				nout = 1;
			}
			html_text(ct, n == 1 ? text + o : out, nout, o, n, n == 1, pre);
			o += n;
		}
		else if (c == '\r')
		{
			if (o + 1 < end && text[o + 1] == '\n')
			{
				o++;
				continue;
			}
			html_text(ct, "\n", 1, o, 1, false, pre);
			o++;
		}
		else if (c == '\0')
			o++;
		else if ((n = bad_char(text, o, end)) != 0)
		{
			html_text(ct, "\xEF\xBF\xBD", 3, o, n, false, pre);
			o += n;
		}
		else
		{
			/* a run up to the next byte that needs a look */
			size_t		k = o + 1;

			while (k < end && text[k] != '&' && text[k] != '\r' && bad_char(text, k, end) == 0)
				k++;
			html_text(ct, text + o, k - o, o, k - o, true, pre);
			o = k;
		}
	}
}

/* ----------------------------------------------------------------------
 * HTML: events
 * ---------------------------------------------------------------------- */

enum
{
	EV_BREAK = 0,				/* sort first at the same offset */
	EV_REMOVE,
	EV_TEXT,
	EV_RESTORE					/* a tag put back as text */
};

#define EVF_PRE		0x01		/* in <pre> */
#define EVF_CONT	0x02		/* continues a removal of the previous window */
#define EVF_RAW		0x04		/* the text of <xmp> or <plaintext> */
#define EVF_END		0x08		/* a break made by an end tag in the source */

typedef struct Event
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	seq;
	uint8_t		type;
	uint8_t		arg;			/* kind of a removal, strength of a break */
	uint8_t		flags;
} Event;

/* What the HTML stage works with */
typedef struct Html
{
	CleanText  *ct;
	const char *text;			/* the original */
	size_t		len;
	bool		evidence;		/* escaped markup in the text */
	const NaYield *yield;

	/* the window */
	const char *buf;			/* prefix + text[wpos, wend) */
	size_t		plen;
	size_t		wpos;
	size_t		wend;

	Event	   *ev;
	size_t		nev;
	size_t		capev;

	/* the last node of the window (the cut candidate) */
	size_t		m_start;
	size_t		m_end;
	int			m_type;			/* HtmlNodeType, -1: none */
	bool		m_pre;
	bool		m_raw;			/* a child of a raw text element */
	size_t		raw_start;		/* that element's start */
	HtmlTag	raw_tag;
	bool		m_has_r;		/* inside an element removed with its content */
	size_t		r_start;		/* that element's start, outermost one */
	HtmlTag	r_tag;
	const char *r_name;			/* its name as written, for a prefix */
	size_t		r_name_len;
	const HtmlNode *r_node;		/* that element */
	const HtmlNode *pre_node;	/* the <pre> the last node is in */

	size_t		done;			/* original bytes emitted so far */
} Html;

static void
ev_add(Html *h, size_t start, size_t end, int type, int arg, int flags)
{
	NaStatus	st;
	Event	   *e;

	if (h->ct->status != NA_OK)
		return;
	st = clean_grow(h->ct->alloc, (void **) &h->ev, &h->capev, h->nev, sizeof(Event));
	if (st != NA_OK)
	{
		ct_fail(h->ct, st);
		return;
	}
	e = &h->ev[h->nev];
	e->start = (uint32_t) start;
	e->end = (uint32_t) end;
	e->seq = (uint32_t) h->nev;
	e->type = (uint8_t) type;
	e->arg = (uint8_t) arg;
	e->flags = (uint8_t) flags;
	h->nev++;
}

/* is_real: does a pointer into the parsed buffer lie after the prefix? */
static inline bool
is_real(const Html *h, const char *p)
{
	return p && p >= h->buf + h->plen;
}

/* orig_of: the original offset of a pointer into the parsed buffer (the
 * window's start for the prefix) */
static inline size_t
orig_of(const Html *h, const char *p)
{
	size_t		off = (size_t) (p - h->buf);

	return off < h->plen ? h->wpos : off - h->plen + h->wpos;
}

/* removed_kind: the kind of an element removed with its content, or -1 */
static int
removed_kind(HtmlTag t)
{
	switch (t)
	{
		case HTML_TAG_SCRIPT:
			return NA_CLEAN_SCRIPT;
		case HTML_TAG_STYLE:
			return NA_CLEAN_STYLE;
		case HTML_TAG_NAV:
			return NA_CLEAN_NAVIGATION;
		case HTML_TAG_HEAD:
		case HTML_TAG_TITLE:
		case HTML_TAG_BASE:
		case HTML_TAG_LINK:
		case HTML_TAG_META:
		case HTML_TAG_NOSCRIPT:
		case HTML_TAG_TEMPLATE:
		case HTML_TAG_IFRAME:
		case HTML_TAG_OBJECT:
		case HTML_TAG_EMBED:
		case HTML_TAG_APPLET:
		case HTML_TAG_PARAM:
		case HTML_TAG_SVG:
		case HTML_TAG_MATH:
		case HTML_TAG_CANVAS:
		case HTML_TAG_VIDEO:
		case HTML_TAG_AUDIO:
		case HTML_TAG_SOURCE:
		case HTML_TAG_TRACK:
		case HTML_TAG_SELECT:
		case HTML_TAG_BUTTON:
		case HTML_TAG_INPUT:
		case HTML_TAG_TEXTAREA:
		case HTML_TAG_DATALIST:
		case HTML_TAG_KEYGEN:
		case HTML_TAG_NOEMBED:
		case HTML_TAG_NOFRAMES:
		case HTML_TAG_FRAMESET:
		case HTML_TAG_FRAME:
			return NA_CLEAN_ELEMENT;
		default:
			return -1;
	}
}

/* raw_text_element: an element whose content is text, not markup */
static bool
raw_text_element(HtmlTag t)
{
	switch (t)
	{
		case HTML_TAG_SCRIPT:
		case HTML_TAG_STYLE:
		case HTML_TAG_TEXTAREA:
		case HTML_TAG_TITLE:
		case HTML_TAG_XMP:
		case HTML_TAG_IFRAME:
		case HTML_TAG_NOEMBED:
		case HTML_TAG_NOFRAMES:
		case HTML_TAG_NOSCRIPT:
		case HTML_TAG_PLAINTEXT:
			return true;
		default:
			return false;
	}
}

/* break_strength: the break a start or end tag of t makes (PEND_*) */
static int
break_strength(HtmlTag t)
{
	switch (t)
	{
		case HTML_TAG_ADDRESS:
		case HTML_TAG_ARTICLE:
		case HTML_TAG_ASIDE:
		case HTML_TAG_BLOCKQUOTE:
		case HTML_TAG_BODY:
		case HTML_TAG_CAPTION:
		case HTML_TAG_CENTER:
		case HTML_TAG_DETAILS:
		case HTML_TAG_DIR:
		case HTML_TAG_DIV:
		case HTML_TAG_DL:
		case HTML_TAG_FIELDSET:
		case HTML_TAG_FIGCAPTION:
		case HTML_TAG_FIGURE:
		case HTML_TAG_FOOTER:
		case HTML_TAG_FORM:
		case HTML_TAG_H1:
		case HTML_TAG_H2:
		case HTML_TAG_H3:
		case HTML_TAG_H4:
		case HTML_TAG_H5:
		case HTML_TAG_H6:
		case HTML_TAG_HEADER:
		case HTML_TAG_HGROUP:
		case HTML_TAG_HR:
		case HTML_TAG_LEGEND:
		case HTML_TAG_LISTING:
		case HTML_TAG_MAIN:
		case HTML_TAG_MENU:
		case HTML_TAG_OL:
		case HTML_TAG_P:
		case HTML_TAG_PLAINTEXT:
		case HTML_TAG_PRE:
		case HTML_TAG_SECTION:
		case HTML_TAG_SUMMARY:
		case HTML_TAG_TABLE:
		case HTML_TAG_UL:
		case HTML_TAG_XMP:
			return PEND_PARA;
		case HTML_TAG_BR:
		case HTML_TAG_DD:
		case HTML_TAG_DT:
		case HTML_TAG_LI:
		case HTML_TAG_OPTION:
		case HTML_TAG_TR:
			return PEND_LINE;
		case HTML_TAG_TD:
		case HTML_TAG_TH:
			return PEND_SPACE;
		default:
			return PEND_NONE;
	}
}

/*
 * stray_break: the break a tag the tree does not hold (an end tag with
 * nothing to close, a doctype, a tag cut by the end of the text) at
 * text[start, end) makes: a block's tag still breaks the text (a "</p>"
 * with no <p> open, a "</br>").
 */
static int
stray_break(const char *text, size_t start, size_t end)
{
	size_t		i = start + 1,
				n;
	int			b;

	if (i < end && text[i] == '/')
		i++;
	for (n = 0; i + n < end && n < 16 && is_alnum((unsigned char) text[i + n]); n++)
		;
	if (n == 0)
		return PEND_NONE;
	b = break_strength(html_tag_lookup(text + i, n));
	return b >= PEND_LINE ? b : PEND_NONE;
}

/* html_stray_tag: such a tag, removed */
static void
html_stray_tag(CleanText *ct, const char *text, size_t start, size_t end)
{
	int			b = stray_break(text, start, end);

	rem_add(ct, start, end, NA_CLEAN_HTML_TAG, false);
	if (b != PEND_NONE)
		html_break(ct, b, start, 0);
}

/* html_gap: original bytes [start, end) that belong to no node */
static void
html_gap(Html *h, size_t start, size_t end)
{
	const char *text = h->text;
	size_t		i = start;

	while (i < end && h->ct->status == NA_OK)
	{
		if (clean_is_space((unsigned char) text[i]))
			i++;
		else if (text[i] == '<')
		{
			TagShape	t;
			const char *gt;
			size_t		e;

			if (tag_shape(text, i, end, false, &t))
				e = i + t.len;
			else if ((gt = memchr(text + i, '>', end - i)) != NULL)
				e = (size_t) (gt - text) + 1;
			else
				e = end;
			html_stray_tag(h->ct, text, i, e);
			i = e;
		}
		else
		{
			size_t		k = i;

			while (k < end && text[k] != '<')
				k++;
			node_text(h->ct, text, i, k, 0, h->evidence);
			i = k;
		}
	}
}

/* A frame of the tree walk */
typedef struct Frame
{
	const HtmlNode *node;
	const HtmlNode *child;		/* the next child to walk */
	size_t		min_start;		/* the first original offset in the subtree */
	size_t		max_end;		/* the furthest original offset in the subtree */
	bool		pre;
	bool		in_r;			/* inside an element removed with its content */
	bool		entered;
	HtmlTag		raw;			/* the raw text element it is in (xmp, script,
								 * ... or HTML_TAG_UNKNOWN) */
	size_t		raw_start;		/* that element's start */
	const HtmlNode *pre_node;	/* the <pre> it is in */
} Frame;

/* elem_start: the original start of an element's start tag, the window's
 * start for one in the prefix */
static size_t
elem_start(const Html *h, const HtmlNode *el)
{
	return is_real(h, el->src) ? orig_of(h, el->src) : h->wpos;
}

/* consider: a node at original [start, end) as the cut candidate; f is
 * the node's frame, r the outermost removed element it is in */
static void
consider(Html *h, size_t start, size_t end, int type, const Frame *f, const HtmlNode *r)
{
	if (start < h->m_start && h->m_type >= 0)
		return;
	h->m_start = start;
	h->m_end = end;
	h->m_type = type;
	h->m_pre = f->pre;
	h->m_raw = type != HTML_NODE_ELEMENT && f->raw != HTML_TAG_UNKNOWN;
	h->raw_tag = f->raw;
	h->raw_start = f->raw_start;
	h->m_has_r = r != NULL;
	h->r_node = r;
	h->pre_node = f->pre_node;
	if (r)
	{
		h->r_tag = r->tag;
		h->r_start = elem_start(h, r);
		h->r_name = r->name;
		h->r_name_len = r->name_len;
	}
}

/*
 * html_walk turns the window's tree into events and finds the cut
 * candidate.  An explicit stack: the depth of a tree is bounded by the
 * window's tags, but not small.
 */
static NaStatus
html_walk(Html *h, const HtmlNode *root)
{
	Frame	   *stack = NULL;
	size_t		cap = 0,
				depth = 0;
	const HtmlNode *outer_r = NULL;	/* the outermost removed element open */
	NaStatus	st;

	h->m_type = -1;
	h->m_start = 0;
	h->m_has_r = false;
	st = clean_grow(h->ct->alloc, (void **) &stack, &cap, 0, sizeof(Frame));
	if (st != NA_OK)
		return st;
	stack[0] = (Frame)
	{
		root, root->first_child, (size_t) -1, 0, false, false, false, HTML_TAG_UNKNOWN, 0, NULL
	};
	depth = 1;

	while (depth > 0 && h->ct->status == NA_OK)
	{
		Frame	   *f = &stack[depth - 1];
		const HtmlNode *node = f->node;

		if (!f->entered)
		{
			f->entered = true;
			if (node->type == HTML_NODE_ELEMENT)
			{
				bool		real_tag = is_real(h, node->src);
				size_t		ts = real_tag ? orig_of(h, node->src) : h->wpos;
				size_t		te = real_tag ? ts + node->src_len : ts;
				int			rk = removed_kind(node->tag);

				if (real_tag)
				{
					f->min_start = ts;
					f->max_end = te;
					consider(h, ts, te, HTML_NODE_ELEMENT, f,
							 outer_r ? outer_r : (rk >= 0 ? node : NULL));
				}
				if (rk >= 0 && !f->in_r)
				{
					f->in_r = true;
					outer_r = node;
				}
				else if (!f->in_r && real_tag)
				{
					/* an unknown element's tag is text, unless it is a
					 * custom element ("<my-widget>") or prefixed ("<o:p>") */
					if (node->tag == HTML_TAG_UNKNOWN && node->name_len > 0 &&
						!memchr(node->name, '-', node->name_len) &&
						!memchr(node->name, ':', node->name_len))
						ev_add(h, ts, te, EV_RESTORE, 0, f->pre ? EVF_PRE : 0);
					else
						ev_add(h, ts, te, EV_REMOVE, NA_CLEAN_HTML_TAG, 0);
					if (break_strength(node->tag) != PEND_NONE)
						ev_add(h, ts, ts, EV_BREAK, break_strength(node->tag), 0);
				}
				if (node->tag == HTML_TAG_PRE || node->tag == HTML_TAG_LISTING ||
					node->tag == HTML_TAG_PLAINTEXT || node->tag == HTML_TAG_XMP)
				{
					f->pre = true;
					f->pre_node = node;
				}
				if (raw_text_element(node->tag) && f->raw == HTML_TAG_UNKNOWN)
				{
					f->raw = node->tag;
					f->raw_start = ts;
				}
			}
			else if (node->type != HTML_NODE_DOCUMENT)
			{
				const char *p = node->src;
				size_t		s = orig_of(h, p),
							e = is_real(h, p + node->src_len) ?
					orig_of(h, p + node->src_len) : h->wpos;

				f->min_start = s;
				f->max_end = e;
				if (e > s || node->type == HTML_NODE_COMMENT)
					consider(h, s, e, (int) node->type, f, outer_r);
				if (!f->in_r && e > s)
				{
					if (node->type == HTML_NODE_IGNORED)
					{
						int			b = stray_break(h->text, s, e);

						ev_add(h, s, e, EV_REMOVE, NA_CLEAN_HTML_TAG, 0);
						if (b != PEND_NONE)
							ev_add(h, s, s, EV_BREAK, b, 0);
					}
					else if (node->type == HTML_NODE_COMMENT)
						ev_add(h, s, e, EV_REMOVE, NA_CLEAN_COMMENT, is_real(h, p) ? 0 : EVF_CONT);
					else
						ev_add(h, s, e, EV_TEXT, 0,
							   (f->pre ? EVF_PRE : 0) | (f->raw != HTML_TAG_UNKNOWN ? EVF_RAW : 0));
				}
			}
		}

		if (f->child)
		{
			const HtmlNode *c = f->child;

			f->child = c->next;
			st = clean_grow(h->ct->alloc, (void **) &stack, &cap, depth, sizeof(Frame));
			if (st != NA_OK)
				break;
			f = &stack[depth - 1];
			stack[depth] = (Frame)
			{
				c, c->first_child, (size_t) -1, 0, f->pre, f->in_r, false, f->raw, f->raw_start,
				f->pre_node
			};
			depth++;
			continue;
		}

		/* leave the node */
		if (node->type == HTML_NODE_ELEMENT)
		{
			bool		real_end = is_real(h, node->end_src);
			size_t		es = real_end ? orig_of(h, node->end_src) : 0;
			size_t		ee = real_end ? es + node->end_len : 0;
			int			rk = removed_kind(node->tag);
			bool		parent_in_r = depth > 1 && stack[depth - 2].in_r;

			if (real_end && ee > f->max_end)
				f->max_end = ee;
			if (real_end && f->min_start == (size_t) -1)
				f->min_start = es;
			if (rk >= 0 && !parent_in_r)
			{
				/* the element with its content, from its start tag (the
				 * window's start for one in the prefix) to its furthest
				 * byte */
				size_t		rs = elem_start(h, node);

				if (f->max_end > rs)
					ev_add(h, rs, f->max_end, EV_REMOVE, rk, is_real(h, node->src) ? 0 : EVF_CONT);
				outer_r = NULL;
			}
			else if (!f->in_r)
			{
				if (real_end)
					ev_add(h, es, ee, EV_REMOVE, NA_CLEAN_HTML_TAG, 0);
				if (break_strength(node->tag) != PEND_NONE && node->tag != HTML_TAG_BR &&
					node->tag != HTML_TAG_HR && f->min_start != (size_t) -1)
					ev_add(h, f->max_end, f->max_end, EV_BREAK, break_strength(node->tag),
						   real_end ? EVF_END : 0);
			}
		}
		if (depth > 1)
		{
			Frame	   *p = &stack[depth - 2];

			if (f->min_start < p->min_start)
				p->min_start = f->min_start;
			if (f->max_end > p->max_end)
				p->max_end = f->max_end;
		}
		depth--;
	}
	na_release(h->ct->alloc, stack);
	return st != NA_OK ? st : h->ct->status;
}

static int
event_cmp(const void *a, const void *b)
{
	const Event *x = a,
			   *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* html_emit: the window's events before cut, in source order */
static void
html_emit(Html *h, size_t cut)
{
	CleanText  *ct = h->ct;

	if (h->nev > 1)
		qsort(h->ev, h->nev, sizeof(Event), event_cmp);
	for (size_t i = 0; i < h->nev && ct->status == NA_OK; i++)
	{
		const Event *e = &h->ev[i];
		size_t		s = e->start,
					end = e->end < cut ? e->end : cut;

		/* a break at the cut belongs to an end tag before it; an element
		 * the window's end closed goes on in the next window */
		if (s > cut || (s == cut && !(e->type == EV_BREAK && (e->flags & EVF_END))))
		{
			if (e->type == EV_BREAK && s == cut)
				continue;
			break;
		}
		if (e->type == EV_BREAK)
		{
			if (s >= h->done)
			{
				if (s > h->done)
					html_gap(h, h->done, s);
				h->done = s;
			}
			html_break(ct, e->arg, s, 0);
			continue;
		}
		if (end <= h->done)
			continue;
		if (s > h->done)
			html_gap(h, h->done, s);
		if (s < h->done)
			s = h->done;
		switch (e->type)
		{
			case EV_REMOVE:
				rem_add(ct, s, end, e->arg, (e->flags & EVF_CONT) != 0);
				break;
			case EV_TEXT:
				node_text(ct, h->text, s, end,
						  ((e->flags & EVF_PRE) ? NT_PRE : 0) | ((e->flags & EVF_RAW) ? NT_RAW : 0),
						  h->evidence);
				break;
			case EV_RESTORE:
				node_text(ct, h->text, s, end, (e->flags & EVF_PRE) ? NT_PRE : 0, h->evidence);
				break;
		}
		h->done = end;
	}
	if (h->done < cut)
		html_gap(h, h->done, cut);
	if (h->done < cut)
		h->done = cut;
}

/* ----------------------------------------------------------------------
 * HTML: windows
 * ---------------------------------------------------------------------- */

/* window_end: where a window starting at pos ends; tags: count the tags
 * (not inside a comment or raw text, where the parser's time is linear) */
static size_t
window_end(const char *text, size_t len, size_t pos, bool tags_count)
{
	size_t		lim = (len - pos > clean_window_bytes) ? pos + clean_window_bytes : len;
	size_t		p = pos + 1,
				tags = 0;

	while (p < lim && tags_count)
	{
		const char *q = memchr(text + p, '<', lim - p);

		if (!q)
			break;
		if (++tags >= clean_window_tags)
			return (size_t) (q - text);
		p = (size_t) (q - text) + 1;
	}
	if (lim == len)
		return len;
	while (lim > pos + 1 && ((unsigned char) text[lim] & 0xC0) == 0x80)
		lim--;
	return lim;
}

/* char_start: back from i to the start of a UTF-8 character */
static size_t
char_start(const char *text, size_t i, size_t floor)
{
	while (i > floor && ((unsigned char) text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* tag_prefix: "<name>" into prefix (32 bytes) */
static size_t
tag_prefix(char *prefix, const char *name, size_t n, HtmlTag tag)
{
	if (!name || n == 0 || n > 24)
	{
		name = html_tag_name(tag);
		n = strlen(name);
		if (n == 0 || n > 24)
			return 0;
	}
	prefix[0] = '<';
	memcpy(prefix + 1, name, n);
	prefix[n + 1] = '>';
	return n + 2;
}

/* last_open_tag: the '<' of a tag that the window's end cuts, after the
 * last node, or the window's start when there is none */
static size_t
last_open_tag(const Html *h)
{
	size_t		q = h->wend;

	while (q > h->wpos && q > h->m_end && h->text[q - 1] != '<' && h->text[q - 1] != '>')
		q--;
	return (q > h->wpos && q > h->m_end && h->text[q - 1] == '<') ? q - 1 : h->wpos;
}

/*
 * choose_cut: where the window [wpos, wend) of a longer text ends (see the
 * header comment); *prefix gets what the next window starts with (at most
 * 64 bytes), *raw whether that is inside a comment or raw text.  Returns
 * wpos when the window must grow.
 */
static size_t
choose_cut(Html *h, char *prefix, size_t *plen, bool *raw)
{
	size_t		wpos = h->wpos,
				wend = h->wend,
				cut = wpos,
				q;
	bool		is_text = h->m_type == HTML_NODE_TEXT;

	*plen = 0;
	*raw = false;
	if (h->m_type < 0)
		return wpos;

	/* an element removed with its content, or of raw text, is parsed whole
	 * when it does not start the window */
	if (h->m_has_r && h->r_start > wpos)
		return h->r_start;
	if (h->m_raw && h->raw_start > wpos)
		return h->raw_start;
	if (h->m_start > wpos && !h->m_raw)
		cut = h->m_start;
	else if (q = last_open_tag(h), q > wpos)
	{
		/*
		 * the last node starts the window, and a tag cut by the window's
		 * end follows it: the next window starts with that tag (which grows
		 * the window when the tag is longer than it, up to
		 * NA_CLEAN_MAX_TAG), inside what the window has not closed
		 */
		if (h->m_has_r && !is_real(h, h->r_node->end_src))
			*plen += tag_prefix(prefix + *plen, h->r_name, h->r_name_len, h->r_tag);
		else if (h->pre_node && !is_real(h, h->pre_node->end_src))
			*plen += tag_prefix(prefix + *plen, NULL, 0, h->pre_node->tag);
		return q;
	}
	else if (h->m_type == HTML_NODE_COMMENT)
	{
		if (wend - wpos < 64)
			return wpos;
		memcpy(prefix + *plen, "<!--x", 5);
		*plen += 5;
		*raw = true;
		return char_start(h->text, wend - 16, wpos);
	}
	else if (is_text)
	{
		size_t		hi = h->m_end < wend ? h->m_end : wend,
					lo = wpos + (wend - wpos) / 2;

		if (hi < wpos + 64)
			return wpos;
		if (h->m_raw)
			cut = char_start(h->text, hi - 16, wpos);
		else
		{
			for (cut = hi - 1; cut > lo && !clean_is_space((unsigned char) h->text[cut]); cut--)
				;
			if (cut <= lo)
			{
				/* one long word: not inside a character reference */
				cut = char_start(h->text, hi - 16, wpos);
				for (size_t k = cut; k > cut - 40 && k > wpos; k--)
				{
					if (h->text[k - 1] == ';')
						break;
					if (h->text[k - 1] == '&')
					{
						cut = k - 1;
						break;
					}
				}
			}
		}
	}
	if (cut <= wpos)
		return wpos;
	/* reopen what the cut is inside of: the removed element, then the raw
	 * text element (a <script> in the <head>) or a <pre> */
	if (h->m_has_r)
		*plen += tag_prefix(prefix + *plen, h->r_name, h->r_name_len, h->r_tag);
	*raw = h->m_raw;
	if (h->m_raw && !(h->m_has_r && h->r_tag == h->raw_tag))
		*plen += tag_prefix(prefix + *plen, NULL, 0, h->raw_tag);
	else if (h->m_pre && !h->m_has_r)
	{
		memcpy(prefix + *plen, "<pre>", 5);
		*plen += 5;
	}
	return cut;
}

static NaStatus
html_stage(CleanText *ct, const char *text, size_t len, bool evidence, const NaYield *yield)
{
	Html		h;
	HtmlTree	tree;
	NaBuf		scratch;
	char		prefix[64];
	size_t		plen = 0,
				pos = 0;
	bool		grow = false,
				raw = false;
	NaStatus	st = NA_OK;

	memset(&h, 0, sizeof(h));
	h.ct = ct;
	h.text = text;
	h.len = len;
	h.evidence = evidence;
	h.yield = yield;
	na_buf_init(&scratch, ct->alloc);
	html_tree_init(&tree, ct->alloc);

	while (pos < len && st == NA_OK)
	{
		size_t		cut,
					next_plen = 0;
		char		next_prefix[64];
		bool		next_raw = false;

		na_yield(yield);
		if (!grow)
			h.wend = window_end(text, len, pos, !raw);
		else
		{
			size_t		w = 2 * (h.wend - pos);

			h.wend = (len - pos > w) ? char_start(text, pos + w, pos + 1) : len;
			if (h.wend - pos > NA_CLEAN_MAX_TAG && text[pos] == '<')
			{
				/* a tag longer than the parser is given: to its first '>' */
				const char *gt = memchr(text + pos, '>', len - pos);
				size_t		e = gt ? (size_t) (gt - text) + 1 : len;

				if (pos > h.done)
					html_gap(&h, h.done, pos);
				rem_add(ct, pos, e, NA_CLEAN_HTML_TAG, false);
				h.done = pos = e;
				plen = 0;
				grow = false;
				st = ct->status;
				continue;
			}
		}
		h.wpos = pos;
		h.plen = plen;
		if (plen == 0)
			h.buf = text + pos;
		else
		{
			scratch.len = 0;
			if ((st = na_buf_append(&scratch, prefix, plen)) != NA_OK ||
				(st = na_buf_append(&scratch, text + pos, h.wend - pos)) != NA_OK)
				break;
			h.buf = scratch.data;
		}
		h.nev = 0;
		if ((st = html_tree_parse(&tree, h.buf, plen + h.wend - pos)) != NA_OK ||
			(st = html_walk(&h, tree.document)) != NA_OK)
			break;
		if (h.wend == len)
			cut = len;
		else
			cut = choose_cut(&h, next_prefix, &next_plen, &next_raw);
		if (cut <= pos)
		{
			grow = true;
			html_tree_reset(&tree);
			continue;
		}
		grow = false;
		html_emit(&h, cut);
		html_tree_reset(&tree);
		st = ct->status;
		pos = cut;
		memcpy(prefix, next_prefix, next_plen);
		plen = next_plen;
		raw = next_raw;
	}
	html_tree_free(&tree);
	na_buf_free(&scratch);
	na_release(ct->alloc, h.ev);
	return st != NA_OK ? st : ct->status;
}

/* ----------------------------------------------------------------------
 * The stage
 * ---------------------------------------------------------------------- */

/* clean_markup: see clean_int.h */
NaStatus
clean_markup(const char *text, size_t len, bool want_rems, const NaAllocator *alloc,
			 const NaYield *yield, CleanText *ct)
{
	bool		html,
				escaped,
				blocks;

	ct->alloc = alloc;
	ct->want_rems = want_rems;
	ct->orig = text;
	ct->text = text;
	na_buf_init(&ct->buf, alloc);
	detect(text, len, yield, &html, &escaped, &blocks);
	ct->html = html;
	/* text with a few inline tags ("<a href=...>") keeps its lines */
	ct->keep_lines = html && !blocks;
	if (!html)
	{
		/* nothing to change: the original itself */
		if (!memchr(text, '\r', len) && !memchr(text, '&', len))
		{
			ct->identity = true;
			ct->len = len;
			return NA_OK;
		}
		plain_text(ct, text, 0, len, escaped, yield);
	}
	else
	{
		ct->collapse = true;
		html_stage(ct, text, len, escaped, yield);
	}
	if (ct->status != NA_OK)
		return ct->status;
	ct->text = ct->buf.data ? ct->buf.data : "";
	ct->len = ct->buf.len;
	return NA_OK;
}

/* clean_text_free: see clean_int.h */
void
clean_text_free(CleanText *ct)
{
	na_buf_free(&ct->buf);
	na_release(ct->alloc, ct->segs);
	na_release(ct->alloc, ct->rems);
	ct->segs = NULL;
	ct->rems = NULL;
}
