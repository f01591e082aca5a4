/*
 * html_tree.c
 *		The HTML tokenizer and tree builder of the markup stage (see
 *		html_tree.h for what it does and does not do).
 *
 * One pass over the buffer.  Text runs up to the next '<' that opens
 * markup (a letter, "/" and a letter, "!", "?"; any other '<' is text);
 * a tag is read with its attributes, quoted values may hold '>'; a tag the
 * buffer ends inside of is dropped, as the standard drops it at the end of
 * the input.  After the start tag of a raw text element the tokenizer looks
 * only for its end tag ("</script", any case, then white space, '/' or
 * '>'); after <plaintext> everything is text.
 *
 * The builder keeps the open elements on a stack.  A start tag first
 * closes what the standard's implied end tags close (in this order: the
 * foreign content it breaks out of, a <select> a control or a table part
 * ends, the <head> it cannot stand in, an open <li>, <dd> or <dt>, a <p>
 * in button scope, a heading directly open, an <option>, the cells, rows
 * and sections of the innermost table), then adds its element; a second
 * <html>, <head> or <body>, and a part of a table outside any table, are
 * ignored.  An end tag closes the nearest open element of its
 * name within the scope the standard gives it (a table's parts stop at
 * <table>, a <li> at a list, a <p> at a <button>, other blocks at a cell,
 * a caption, an <object>, a <marquee>); an inline or unknown end tag stops
 * at the first "special" element (a block), so that "</b>" in
 * "<b><p>x</b>y" leaves the paragraph open.  What it cannot close is
 * ignored: its bytes belong to no node.  Inside <svg> and <math> a
 * self-closed tag has no content, an end tag closes the nearest element
 * of its name, and a start tag of an HTML block or phrase ("<p>", "<b>")
 * closes the foreign content first, as browsers do.
 */
#include "html_tree.h"

#include <string.h>

#define ARENA_BLOCK		(64 * 1024)
#define NONE			((size_t) -1)

typedef struct ArenaBlock
{
	struct ArenaBlock *next;
} ArenaBlock;

/* A tag as the tokenizer read it */
typedef struct Tok
{
	const char *src;
	size_t		len;
	const char *name;
	size_t		name_len;
	bool		self_closing;
} Tok;

/* ----------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------- */

/* arena_alloc: n zeroed bytes from the tree's arena, NULL when out of memory */
static void *
arena_alloc(HtmlTree *t, size_t n)
{
	size_t		hdr = (sizeof(ArenaBlock) + 15) & ~(size_t) 15;
	char	   *p;

	n = (n + 15) & ~(size_t) 15;
	if (n > t->left)
	{
		size_t		size = n + hdr > ARENA_BLOCK ? n + hdr : ARENA_BLOCK;
		ArenaBlock *b = na_alloc(t->alloc, size);

		if (!b)
			return NULL;
		b->next = t->blocks;
		t->blocks = b;
		t->ptr = (char *) b + hdr;
		t->left = size - hdr;
	}
	p = t->ptr;
	t->ptr += n;
	t->left -= n;
	memset(p, 0, n);
	return p;
}

/* html_tree_init: see html_tree.h */
void
html_tree_init(HtmlTree *t, const NaAllocator *alloc)
{
	memset(t, 0, sizeof(*t));
	t->alloc = alloc;
}

/* html_tree_reset: see html_tree.h */
void
html_tree_reset(HtmlTree *t)
{
	while (t->blocks)
	{
		ArenaBlock *b = t->blocks;

		t->blocks = b->next;
		na_release(t->alloc, b);
	}
	t->ptr = NULL;
	t->left = 0;
	t->document = NULL;
	t->depth = 0;
}

/* html_tree_free: see html_tree.h */
void
html_tree_free(HtmlTree *t)
{
	html_tree_reset(t);
	na_release(t->alloc, t->stack);
	t->stack = NULL;
	t->capstack = 0;
}

/* ----------------------------------------------------------------------
 * The tree
 * ---------------------------------------------------------------------- */

static inline HtmlNode *
current(const HtmlTree *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1] : t->document;
}

static inline HtmlTag
cur_tag(const HtmlTree *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1]->tag : HTML_TAG_COUNT;
}

/* in_table_text: is the current node a table, or a part of one that text
 * and other elements cannot stand in (they are foster-parented)? */
static bool
in_table_text(const HtmlTree *t)
{
	HtmlTag		c = cur_tag(t);

	return c == HTML_TAG_TABLE || c == HTML_TAG_TBODY || c == HTML_TAG_THEAD ||
		c == HTML_TAG_TFOOT || c == HTML_TAG_TR;
}

/* table_index: the stack index of the innermost open <table>, NONE if none
 * (or a <template> comes first) */
static size_t
table_index(const HtmlTree *t)
{
	if (t->depth == 0 || t->stack[t->depth - 1]->open_table == 0)
		return NONE;
	for (size_t i = t->depth; i-- > 0;)
	{
		if (t->stack[i]->tag == HTML_TAG_TABLE)
			return i;
		if (t->stack[i]->tag == HTML_TAG_TEMPLATE)
			break;
	}
	return NONE;
}

/*
 * add_node: a node of type for src[0..len), the last child of the current
 * node; of the table's parent when foster (text or an element where a
 * table holds only its parts: browsers show it before the table, and the
 * rows around it stay rows); NULL when out of memory.
 */
static HtmlNode *
add_node(HtmlTree *t, HtmlNodeType type, const char *src, size_t len, bool foster)
{
	HtmlNode   *parent = current(t);
	HtmlNode   *n = arena_alloc(t, sizeof(HtmlNode));

	if (!n)
		return NULL;
	if (foster && in_table_text(t))
	{
		size_t		ti = table_index(t);

		if (ti != NONE)
			parent = ti > 0 ? t->stack[ti - 1] : t->document;
	}
	n->type = type;
	n->src = src;
	n->src_len = len;
	n->parent = parent;
	if (parent->last_child)
		parent->last_child->next = n;
	else
		parent->first_child = n;
	parent->last_child = n;
	return n;
}

static NaStatus
push(HtmlTree *t, HtmlNode *n)
{
	if (t->depth == t->capstack)
	{
		size_t		cap = t->capstack ? 2 * t->capstack : 64;
		HtmlNode  **s = t->stack ? na_resize(t->alloc, t->stack, cap * sizeof(HtmlNode *)) :
			na_alloc(t->alloc, cap * sizeof(HtmlNode *));

		if (!s)
			return NA_ERR_NOMEM;
		t->stack = s;
		t->capstack = cap;
	}
	n->open_p = (t->depth > 0 ? t->stack[t->depth - 1]->open_p : 0) + (n->tag == HTML_TAG_P);
	n->open_table = (t->depth > 0 ? t->stack[t->depth - 1]->open_table : 0) +
		(n->tag == HTML_TAG_TABLE);
	t->stack[t->depth++] = n;
	return NA_OK;
}

static inline bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c | 0x20) : c;
}

/* name_eq: is the element n named name[0..len) (ASCII case ignored)? */
static bool
name_eq(const HtmlNode *n, const char *name, size_t len)
{
	if (n->name_len != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (lower(n->name[i]) != lower(name[i]))
			return false;
	return true;
}

/*
 * in_scope: the stack index of the nearest open element tag (any heading
 * when tag is HTML_TAG_H1 and headings is set) before an element with a
 * flag of bound or one of the tags x1, x2 (HTML_TAG_COUNT: none); NONE
 * if there is none.
 */
static size_t
in_scope(const HtmlTree *t, HtmlTag tag, bool headings, unsigned int bound, HtmlTag x1, HtmlTag x2)
{
	for (size_t i = t->depth; i-- > 0;)
	{
		HtmlTag		s = t->stack[i]->tag;

		if (s == tag || (headings && (html_tag_flags(s) & HTML_TAGF_HEADING)))
			return i;
		if ((html_tag_flags(s) & bound) || s == x1 || s == x2)
			return NONE;
	}
	return NONE;
}

/* close_table_parts: close the open elements of tags[0..n) inside the
 * innermost table, through the outermost of them */
static void
close_table_parts(HtmlTree *t, const HtmlTag *tags, size_t n)
{
	size_t		found = NONE;

	for (size_t i = t->depth; i-- > 0;)
	{
		HtmlTag		s = t->stack[i]->tag;

		if (html_tag_flags(s) & HTML_TAGF_TABLE_SCOPE)
			break;
		for (size_t k = 0; k < n; k++)
			if (s == tags[k])
				found = i;
	}
	if (found != NONE)
		t->depth = found;
}

/* close_item: a start tag of <li> (or <dd>, <dt>) closes an open one,
 * unless a block other than <address>, <div>, <p> comes first */
static void
close_item(HtmlTree *t, HtmlTag a, HtmlTag b)
{
	for (size_t i = t->depth; i-- > 0;)
	{
		HtmlTag		s = t->stack[i]->tag;

		if (s == a || s == b)
		{
			t->depth = i;
			return;
		}
		if ((html_tag_flags(s) & HTML_TAGF_SPECIAL) && s != HTML_TAG_ADDRESS &&
			s != HTML_TAG_DIV && s != HTML_TAG_P)
			return;
	}
}

/* has_open: is an element tag open? */
static bool
has_open(const HtmlTree *t, HtmlTag tag)
{
	for (size_t i = 0; i < t->depth; i++)
		if (t->stack[i]->tag == tag)
			return true;
	return false;
}

/* ignore: the tag k, ignored, is a node of its own */
static NaStatus
ignore(HtmlTree *t, const Tok *k)
{
	return add_node(t, HTML_NODE_IGNORED, k->src, k->len, false) ? NA_OK : NA_ERR_NOMEM;
}

/*
 * start_tag adds the element of the start tag k; *raw gets the element
 * when its content is raw text (NULL otherwise).  An ignored tag is an
 * HTML_NODE_IGNORED.
 */
static NaStatus
start_tag(HtmlTree *t, const Tok *k, HtmlNode **raw)
{
	HtmlTag		tag = html_tag_lookup(k->name, k->name_len);
	unsigned int fl = html_tag_flags(tag);
	bool		foreign = false;
	HtmlNode   *n;

	*raw = NULL;
	if (t->depth > 0 && t->stack[t->depth - 1]->foreign)
	{
		if (fl & HTML_TAGF_BREAKOUT)
			while (t->depth > 0 && t->stack[t->depth - 1]->foreign)
				t->depth--;
		else
			foreign = true;
	}
	if (!foreign)
	{
		switch (tag)
		{
			case HTML_TAG_HTML:
				if (has_open(t, HTML_TAG_HTML))
					return ignore(t, k);
				break;
			case HTML_TAG_HEAD:
				if (t->head_done || t->depth > 1 || (t->depth == 1 && cur_tag(t) != HTML_TAG_HTML))
					return ignore(t, k);
				break;
			case HTML_TAG_BODY:
				if (has_open(t, HTML_TAG_BODY))
					return ignore(t, k);
				break;
			default:
				break;
		}
		if (tag != HTML_TAG_HTML)
			t->head_done = true;
		if (t->depth > 0 && t->stack[t->depth - 1]->in_select)
		{
			/* what ends a <select> that is not closed: another one, a
			 * control, a part of the table the select is in */
			size_t		si = t->depth;

			while (t->stack[--si]->tag != HTML_TAG_SELECT)
				;
			if (tag == HTML_TAG_SELECT || tag == HTML_TAG_INPUT || tag == HTML_TAG_KEYGEN ||
				tag == HTML_TAG_TEXTAREA ||
				(((fl & HTML_TAGF_TABLE) || tag == HTML_TAG_TABLE) && table_index(t) != NONE &&
				 table_index(t) < si))
			{
				t->depth = si;
				if (tag == HTML_TAG_SELECT)
					return ignore(t, k);
			}
		}
		if (cur_tag(t) == HTML_TAG_HEAD && !(fl & HTML_TAGF_HEAD))
			t->depth--;
		switch (tag)
		{
			case HTML_TAG_LI:
				close_item(t, HTML_TAG_LI, HTML_TAG_LI);
				break;
			case HTML_TAG_DD:
			case HTML_TAG_DT:
				close_item(t, HTML_TAG_DD, HTML_TAG_DT);
				break;
			default:
				break;
		}
		/* (the count of open <p> spares a search down a deep stack) */
		if ((fl & HTML_TAGF_CLOSES_P) && t->depth > 0 && t->stack[t->depth - 1]->open_p > 0)
		{
			size_t		p = in_scope(t, HTML_TAG_P, false, HTML_TAGF_SCOPE, HTML_TAG_BUTTON,
									 HTML_TAG_COUNT);

			if (p != NONE)
				t->depth = p;
		}
		if ((fl & HTML_TAGF_HEADING) && (html_tag_flags(cur_tag(t)) & HTML_TAGF_HEADING))
			t->depth--;
		switch (tag)
		{
			case HTML_TAG_OPTION:
				if (cur_tag(t) == HTML_TAG_OPTION)
					t->depth--;
				break;
			case HTML_TAG_OPTGROUP:
				if (cur_tag(t) == HTML_TAG_OPTION)
					t->depth--;
				if (cur_tag(t) == HTML_TAG_OPTGROUP)
					t->depth--;
				break;
			default:
				break;
		}
		if ((fl & HTML_TAGF_TABLE) && tag != HTML_TAG_TABLE)
		{
			/* a part of a table: ignored outside one; what is open inside
			 * the table but its parts (a foster-parented element) closes */
			size_t		ti = table_index(t);

			if (ti == NONE)
				return ignore(t, k);
			while (t->depth > ti + 1 && !(html_tag_flags(cur_tag(t)) & HTML_TAGF_TABLE))
				t->depth--;
		}
		switch (tag)
		{
			case HTML_TAG_TD:
			case HTML_TAG_TH:
				{
					static const HtmlTag cells[] = {HTML_TAG_TD, HTML_TAG_TH};

					close_table_parts(t, cells, 2);
				}
				break;
			case HTML_TAG_TR:
				{
					static const HtmlTag rows[] = {HTML_TAG_TR, HTML_TAG_TD, HTML_TAG_TH};

					close_table_parts(t, rows, 3);
				}
				break;
			case HTML_TAG_TBODY:
			case HTML_TAG_THEAD:
			case HTML_TAG_TFOOT:
			case HTML_TAG_CAPTION:
			case HTML_TAG_COLGROUP:
			case HTML_TAG_COL:
				{
					static const HtmlTag parts[] = {
						HTML_TAG_TBODY, HTML_TAG_THEAD, HTML_TAG_TFOOT, HTML_TAG_CAPTION,
						HTML_TAG_COLGROUP, HTML_TAG_TR, HTML_TAG_TD, HTML_TAG_TH
					};

					close_table_parts(t, parts, sizeof(parts) / sizeof(parts[0]));
				}
				break;
			case HTML_TAG_IMAGE:
				tag = HTML_TAG_IMG;
				fl = html_tag_flags(tag);
				break;
			default:
				break;
		}
	}
	n = add_node(t, HTML_NODE_ELEMENT, k->src, k->len,
				 !foreign && !(fl & HTML_TAGF_TABLE) && tag != HTML_TAG_TABLE &&
				 tag != HTML_TAG_SCRIPT && tag != HTML_TAG_STYLE && tag != HTML_TAG_TEMPLATE &&
				 tag != HTML_TAG_INPUT && tag != HTML_TAG_FORM);
	if (!n)
		return NA_ERR_NOMEM;
	n->tag = tag;
	n->name = k->name;
	n->name_len = k->name_len;
	n->foreign = foreign || (fl & HTML_TAGF_FOREIGN);
	n->in_select = tag == HTML_TAG_SELECT || (t->depth > 0 && t->stack[t->depth - 1]->in_select);
	if (n->foreign ? k->self_closing : (fl & HTML_TAGF_VOID) != 0)
		return NA_OK;
	if (!foreign && (fl & HTML_TAGF_RAW))
		*raw = n;
	return push(t, n);
}

/*
 * end_tag closes what the end tag k closes; false when it closes nothing
 * (the tag is ignored).
 */
static bool
end_tag(HtmlTree *t, const Tok *k)
{
	HtmlTag		tag = html_tag_lookup(k->name, k->name_len);
	unsigned int fl = html_tag_flags(tag);
	size_t		found = NONE;

	/* foreign content: the nearest foreign element of that name */
	for (size_t i = t->depth; i-- > 0 && t->stack[i]->foreign;)
		if (name_eq(t->stack[i], k->name, k->name_len))
		{
			found = i;
			break;
		}
	if (found != NONE)
		;
	else if (tag == HTML_TAG_HEAD)
		found = cur_tag(t) == HTML_TAG_HEAD ? t->depth - 1 : NONE;
	else if (tag == HTML_TAG_BR)
		found = NONE;
	else if (tag == HTML_TAG_P)
		found = in_scope(t, tag, false, HTML_TAGF_SCOPE, HTML_TAG_BUTTON, HTML_TAG_COUNT);
	else if (tag == HTML_TAG_LI)
		found = in_scope(t, tag, false, HTML_TAGF_SCOPE, HTML_TAG_OL, HTML_TAG_UL);
	else if (fl & HTML_TAGF_HEADING)
		found = in_scope(t, tag, true, HTML_TAGF_SCOPE, HTML_TAG_COUNT, HTML_TAG_COUNT);
	else if (fl & HTML_TAGF_TABLE)
		found = in_scope(t, tag, false, HTML_TAGF_TABLE_SCOPE, HTML_TAG_COUNT, HTML_TAG_COUNT);
	else if (fl & HTML_TAGF_SPECIAL)
		found = in_scope(t, tag, false, HTML_TAGF_SCOPE, HTML_TAG_COUNT, HTML_TAG_COUNT);
	else
	{
		for (size_t i = t->depth; i-- > 0;)
		{
			const HtmlNode *s = t->stack[i];

			if (s->tag == tag && (tag != HTML_TAG_UNKNOWN || name_eq(s, k->name, k->name_len)))
			{
				found = i;
				break;
			}
			if (html_tag_flags(s->tag) & HTML_TAGF_SPECIAL)
				break;
		}
	}
	if (found == NONE)
		return false;
	t->stack[found]->end_src = k->src;
	t->stack[found]->end_len = k->len;
	t->depth = found;
	if (tag == HTML_TAG_HEAD)
		t->head_done = true;
	return true;
}

/* add_text: a text node for buf[start, end) (nothing when empty) */
static NaStatus
add_text(HtmlTree *t, const char *buf, size_t start, size_t end)
{
	bool		blank = true;

	if (end <= start)
		return NA_OK;
	if (!t->head_done || cur_tag(t) == HTML_TAG_HEAD || in_table_text(t))
	{
		for (size_t i = start; i < end && blank; i++)
			blank = is_ws(buf[i]);
		/* text that is not white space ends the head */
		if (!blank)
		{
			t->head_done = true;
			if (cur_tag(t) == HTML_TAG_HEAD)
				t->depth--;
		}
	}
	return add_node(t, HTML_NODE_TEXT, buf + start, end - start, !blank) ? NA_OK : NA_ERR_NOMEM;
}

/* ----------------------------------------------------------------------
 * The tokenizer
 * ---------------------------------------------------------------------- */

/*
 * scan_tag reads the tag at buf[pos] ('<' and a letter, or "</" and a
 * letter) into *k; returns the offset after its '>', 0 when the buffer
 * ends inside it.
 */
static size_t
scan_tag(const char *buf, size_t pos, size_t len, Tok *k)
{
	size_t		i = pos + 1;

	if (buf[i] == '/')
		i++;
	k->src = buf + pos;
	k->name = buf + i;
	k->self_closing = false;
	while (i < len && !is_ws(buf[i]) && buf[i] != '/' && buf[i] != '>')
		i++;
	k->name_len = (size_t) (buf + i - k->name);
	while (i < len)
	{
		char		c = buf[i];

		if (c == '>')
		{
			k->len = i + 1 - pos;
			return i + 1;
		}
		if (c == '/' || is_ws(c))
		{
			if (c == '/' && i + 1 < len && buf[i + 1] == '>')
				k->self_closing = true;
			i++;
			continue;
		}
		/* an attribute: its name (which may start with '='), its value */
		i++;
		while (i < len && !is_ws(buf[i]) && buf[i] != '/' && buf[i] != '>' && buf[i] != '=')
			i++;
		while (i < len && is_ws(buf[i]))
			i++;
		if (i < len && buf[i] == '=')
		{
			i++;
			while (i < len && is_ws(buf[i]))
				i++;
			if (i < len && (buf[i] == '"' || buf[i] == '\''))
			{
				const char *q = memchr(buf + i + 1, buf[i], len - i - 1);

				if (!q)
					return 0;
				i = (size_t) (q - buf) + 1;
			}
			else
				while (i < len && !is_ws(buf[i]) && buf[i] != '>')
					i++;
		}
	}
	return 0;
}

/* to_gt: the offset after the first '>' at or after i, len if none */
static size_t
to_gt(const char *buf, size_t i, size_t len)
{
	const char *q = i < len ? memchr(buf + i, '>', len - i) : NULL;

	return q ? (size_t) (q - buf) + 1 : len;
}

/* comment_end: the offset after the comment whose text starts at buf[i]
 * (after "<!--"), len if it is not closed */
static size_t
comment_end(const char *buf, size_t i, size_t len)
{
	if (i < len && buf[i] == '>')
		return i + 1;			/* "<!-->" */
	if (i + 1 < len && buf[i] == '-' && buf[i + 1] == '>')
		return i + 2;			/* "<!--->" */
	while (i + 2 < len)
	{
		const char *q = memchr(buf + i, '-', len - i - 2);
		size_t		j;

		if (!q)
			break;
		j = (size_t) (q - buf);
		if (buf[j + 1] == '-' && buf[j + 2] == '>')
			return j + 3;
		if (buf[j + 1] == '-' && buf[j + 2] == '!' && j + 3 < len && buf[j + 3] == '>')
			return j + 4;
		i = j + 1;
	}
	return len;
}

/* raw_end: the offset of the end tag of the raw text element named name
 * in buf[i, len), len if there is none */
static size_t
raw_end(const char *buf, size_t i, size_t len, const char *name)
{
	size_t		n = strlen(name);

	while (i + 2 + n < len)
	{
		const char *q = memchr(buf + i, '<', len - i - 2 - n);
		size_t		j,
					k;

		if (!q)
			break;
		j = (size_t) (q - buf);
		if (buf[j + 1] == '/')
		{
			for (k = 0; k < n && lower(buf[j + 2 + k]) == name[k]; k++)
				;
			if (k == n && (is_ws(buf[j + 2 + n]) || buf[j + 2 + n] == '/' || buf[j + 2 + n] == '>'))
				return j;
		}
		i = j + 1;
	}
	return len;
}

/* starts_ci: does buf[i, len) start with lit (ASCII case ignored)? */
static bool
starts_ci(const char *buf, size_t i, size_t len, const char *lit)
{
	size_t		n = strlen(lit);

	if (len - i < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (lower(buf[i + k]) != lit[k])
			return false;
	return true;
}

/* html_tree_parse: see html_tree.h */
NaStatus
html_tree_parse(HtmlTree *t, const char *buf, size_t len)
{
	size_t		pos = 0,
				text = 0;		/* the start of the text run */
	NaStatus	st = NA_OK;

	html_tree_reset(t);
	t->head_done = false;
	t->document = arena_alloc(t, sizeof(HtmlNode));
	if (!t->document)
		return NA_ERR_NOMEM;
	t->document->type = HTML_NODE_DOCUMENT;

	while (pos < len && st == NA_OK)
	{
		const char *p = memchr(buf + pos, '<', len - pos);
		size_t		q,
					e;
		char		c;
		Tok			k;

		if (!p)
			break;				/* the rest is text */
		q = (size_t) (p - buf);
		c = q + 1 < len ? buf[q + 1] : '\0';
		if (!(is_letter(c) || c == '!' || c == '?' || (c == '/' && q + 2 < len)))
		{
			pos = q + 1;		/* a '<' of the text */
			continue;
		}
		if ((st = add_text(t, buf, text, q)) != NA_OK)
			break;
		text = len;
		if (is_letter(c))
		{
			HtmlNode   *raw;

			if ((e = scan_tag(buf, q, len, &k)) == 0)
				break;
			if ((st = start_tag(t, &k, &raw)) != NA_OK)
				break;
			if (raw && raw->tag == HTML_TAG_PLAINTEXT)
			{
				st = add_text(t, buf, e, len);
				pos = len;
				break;
			}
			if (raw)
			{
				size_t		r = raw_end(buf, e, len, html_tag_name(raw->tag)),
							f = 0;
				Tok			k2;

				if (r < len && (f = scan_tag(buf, r, len, &k2)) == 0)
					r = len;	/* an end tag cut by the end is text */
				if ((st = add_text(t, buf, e, r)) != NA_OK)
					break;
				if (r < len)
				{
					end_tag(t, &k2);
					e = f;
				}
				else
					e = len;
			}
		}
		else if (c == '/' && is_letter(buf[q + 2]))
		{
			if ((e = scan_tag(buf, q, len, &k)) == 0)
				break;
			if (!end_tag(t, &k) && !add_node(t, HTML_NODE_IGNORED, k.src, k.len, false))
				st = NA_ERR_NOMEM;
		}
		else if (c == '/' && buf[q + 2] == '>')
		{
			e = q + 3;			/* "</>" */
			if (!add_node(t, HTML_NODE_IGNORED, buf + q, 3, false))
				st = NA_ERR_NOMEM;
		}
		else if (c == '!' && starts_ci(buf, q + 2, len, "--"))
		{
			e = comment_end(buf, q + 4, len);
			if (!add_node(t, HTML_NODE_COMMENT, buf + q, e - q, false))
				st = NA_ERR_NOMEM;
		}
		else if (c == '!' && starts_ci(buf, q + 2, len, "doctype"))
		{
			e = to_gt(buf, q, len);
			if (!add_node(t, HTML_NODE_IGNORED, buf + q, e - q, false))
				st = NA_ERR_NOMEM;
		}
		else
		{
			/* CDATA in foreign content, else a bogus comment */
			e = 0;
			if (c == '!' && current(t)->foreign && starts_ci(buf, q + 2, len, "[cdata["))
			{
				size_t		i = q + 9;

				e = len;
				while (i + 2 < len)
				{
					const char *b = memchr(buf + i, ']', len - i - 2);

					if (!b)
						break;
					i = (size_t) (b - buf);
					if (buf[i + 1] == ']' && buf[i + 2] == '>')
					{
						e = i + 3;
						break;
					}
					i++;
				}
			}
			if (e == 0)
				e = to_gt(buf, q, len);
			if (!add_node(t, HTML_NODE_COMMENT, buf + q, e - q, false))
				st = NA_ERR_NOMEM;
		}
		pos = text = e;
	}
	if (st == NA_OK && text < len)
		st = add_text(t, buf, text, len);
	return st;
}
