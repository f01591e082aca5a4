/*
 * quotes.c
 *		Direct quotations and their speakers.
 *
 * One linear pass over the bytes pairs quote marks: curly “ ” and „, « »,
 * TeX-style `` '' (wire copy) and straight " (toggling).  A quotation still
 * open at a line break continues when the next paragraph opens with a quote
 * mark (the convention for quotes running over paragraphs); at a blank line
 * or an indented paragraph without one it is dropped as unbalanced; a
 * single line break inside a paragraph (hard-wrapped copy) keeps it open.
 * A quote never grows past MAX_QUOTE bytes.  Every byte is looked at a
 * bounded number of times, so any number of unbalanced marks costs linear
 * time.
 *
 * Speakers come from the entities of the text (na_entities_extract, PERSON
 * first, then ORG) and a few patterns around the marks, read from small
 * token windows:
 *
 *	"...," said X        "...," X said        "...," he said
 *	X said: "..."        X described the plan as "..."    according to X
 *
 * A pronoun speaker (he, she) is the nearest person named before the quote.
 */
#include "entities.h"
#include "gazetteer.h"
#include "tokenizer.h"

#include <string.h>

#define MAX_QUOTE	20000		/* bytes */
#define WIN_AFTER	240			/* bytes read after a closing mark */
#define WIN_BEFORE	400			/* bytes read before an opening mark */
#define MAX_WTOK	64

typedef struct QEnt
{
	size_t		start;
	size_t		end;
	uint8_t		type;
	size_t		coff;			/* canonical name in Qx.names */
	size_t		clen;
} QEnt;

typedef struct WTok
{
	size_t		start;
	size_t		end;
	int			kind;
	char		w[16];			/* lower-case ASCII prefix */
	size_t		wlen;
} WTok;

typedef struct Qx
{
	const char *text;
	size_t		len;
	const NaAllocator *alloc;
	NaStatus	st;
	QEnt	   *ents;
	size_t		nents;
	size_t		capents;
	NaBuf		names;
	NaBuf		qtext;
	const QEnt *last_speaker;	/* speaker of the previous quote */
	size_t		last_end;		/* and where it ended */
	WTok		w[MAX_WTOK];
	int			nw;
	size_t		cpos_b;			/* character counting: byte position ... */
	size_t		cpos_c;			/* ... and its character offset */
} Qx;

static bool
collect_entity(const NaEntity *e, void *arg)
{
	Qx		   *q = arg;
	QEnt	   *n;

	if (e->type != NA_ENT_PERSON && e->type != NA_ENT_ORG)
		return true;
	if (q->nents == q->capents)
	{
		size_t		c = q->capents ? q->capents * 2 : 64;
		QEnt	   *ne = q->ents ? na_resize(q->alloc, q->ents, c * sizeof(QEnt))
			: na_alloc(q->alloc, c * sizeof(QEnt));

		if (!ne)
		{
			q->st = NA_ERR_NOMEM;
			return false;
		}
		q->ents = ne;
		q->capents = c;
	}
	n = &q->ents[q->nents++];
	n->start = e->start;
	n->end = e->start + e->len;
	n->type = (uint8_t) e->type;
	n->coff = q->names.len;
	n->clen = e->canonical_len;
	q->st = na_buf_append(&q->names, e->canonical, e->canonical_len);
	return q->st == NA_OK;
}

/* first entity starting at or after pos */
static size_t
ent_from(const Qx *q, size_t pos)
{
	size_t		lo = 0,
				hi = q->nents;

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (q->ents[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
wtok(const NaToken *tok, void *arg)
{
	Qx		   *q = arg;
	WTok	   *w;
	size_t		n;

	if (q->nw >= MAX_WTOK)
		return false;
	w = &q->w[q->nw++];
	w->kind = tok->kind;
	w->start = tok->start;		/* relative; fixed up by the caller */
	w->end = tok->start + tok->len;
	n = tok->len < sizeof(w->w) ? tok->len : sizeof(w->w) - 1;
	w->wlen = n;
	return true;
}

/* read the tokens of text[from, to) into q->w (absolute offsets) */
static void
read_window(Qx *q, size_t from, size_t to)
{
	size_t		erroff;

	while (to > from && to < q->len && ((unsigned char) q->text[to] & 0xC0) == 0x80)
		to--;
	while (from < to && ((unsigned char) q->text[from] & 0xC0) == 0x80)
		from++;
	q->nw = 0;
	if (to <= from)
		return;
	(void) na_scan(q->text + from, to - from, wtok, q, NULL, &erroff);
	for (int i = 0; i < q->nw; i++)
	{
		WTok	   *w = &q->w[i];

		w->start += from;
		w->end += from;
		for (size_t k = 0; k < w->wlen; k++)
		{
			char		c = q->text[w->start + k];

			w->w[k] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
		}
		w->w[w->wlen] = '\0';
	}
}

static bool
wis(const WTok *w, const char *s)
{
	return strcmp(w->w, s) == 0;
}

static bool
is_speech(const WTok *w)
{
	static const char *const verbs[] = {
		"said", "says", "say", "told", "tells", "added", "adds", "asked", "stated",
		"explained", "noted", "warned", "wrote", "writes", "tweeted", "insisted",
		"argued", "declared", "announced", "replied", "recalled", "remarked",
		"commented", "continued", "urged", "admitted", "acknowledged", "claimed",
		"complained", "conceded", "confirmed", "cautioned", "described", "called",
		"predicted", "suggested", "stressed", "emphasized", "emphasised", "shouted",
		"responded", "countered", "quipped", "joked", "vowed", "promised", "saying",
		"adding", "writing", "telling", "noting", "warning", "arguing", "insisting",
		"calling", "describing", NULL
	};

	if (w->kind != NA_TOK_WORD)
		return false;
	for (const char *const *v = verbs; *v; v++)
		if (wis(w, *v))
			return true;
	return false;
}

static bool
is_pronoun(const WTok *w)
{
	return wis(w, "he") || wis(w, "she");
}

/* role nouns that stand for a person named before: "the minister said" */
static bool
is_role(const WTok *w)
{
	static const char *const roles[] = {
		"minister", "president", "spokesman", "spokeswoman", "spokesperson",
		"chancellor", "governor", "mayor", "senator", "secretary", "chairman",
		"chairwoman", "director", "ambassador", "coach", "manager", "premier",
		"prosecutor", "judge", "general", "commander", "envoy", "leader", NULL
	};

	if (w->kind != NA_TOK_WORD)
		return false;
	for (const char *const *r = roles; *r; r++)
		if (wis(w, *r))
			return true;
	return false;
}

static bool
is_terminal(const WTok *w)
{
	return w->kind == NA_TOK_PUNCT && (wis(w, ".") || wis(w, "!") || wis(w, "?"));
}

/* nearest person (else organization) ending before pos */
static const QEnt *
person_before(const Qx *q, size_t pos)
{
	size_t		i = ent_from(q, pos);

	while (i > 0)
	{
		const QEnt *e = &q->ents[--i];

		if (e->end <= pos && e->type == NA_ENT_PERSON)
			return e;
	}
	return NULL;
}

/* the first entity starting in [from, to), persons before organizations */
static const QEnt *
entity_in(const Qx *q, size_t from, size_t to)
{
	const QEnt *org = NULL;

	for (size_t i = ent_from(q, from); i < q->nents && q->ents[i].start < to; i++)
	{
		if (q->ents[i].type == NA_ENT_PERSON)
			return &q->ents[i];
		if (!org)
			org = &q->ents[i];
	}
	return org;
}

/* the last entity ending in (from, to] */
static const QEnt *
entity_last(const Qx *q, size_t from, size_t to)
{
	const QEnt *best = NULL;

	for (size_t i = ent_from(q, from); i < q->nents && q->ents[i].start < to; i++)
		if (q->ents[i].end <= to)
		{
			if (!best || q->ents[i].type == NA_ENT_PERSON || best->type != NA_ENT_PERSON)
				best = &q->ents[i];
		}
	return best;
}

/* speaker after the closing mark at close (byte after the mark) */
static const QEnt *
speaker_after(Qx *q, size_t close)
{
	int			k = 0;
	size_t		to = close + WIN_AFTER < q->len ? close + WIN_AFTER : q->len;
	const char *nl = memchr(q->text + close, '\n', to - close);
	int			end;

	if (nl)
		to = (size_t) (nl - q->text);
	read_window(q, close, to);
	/* stop at the end of the sentence or at the next quote */
	for (end = 0; end < q->nw; end++)
		if (is_terminal(&q->w[end]) || (q->w[end].kind == NA_TOK_PUNCT &&
										(wis(&q->w[end], "\"") || q->w[end].w[0] == (char) 0xE2)))
			break;
	while (k < end && q->w[k].kind == NA_TOK_PUNCT)
		k++;
	if (k >= end)
		return NULL;
	/* "according to X" */
	if (k + 2 < end + 1 && wis(&q->w[k], "according") && k + 1 < end && wis(&q->w[k + 1], "to"))
		return entity_in(q, q->w[k + 1].end, k + 6 < end ? q->w[k + 6].end : q->w[end - 1].end);
	/* "said X", "said Mr. X", "said he" */
	if (is_speech(&q->w[k]))
	{
		const QEnt *e;
		size_t		lim = k + 8 < end ? q->w[k + 8].end : q->w[end - 1].end;

		if (k + 1 < end && is_pronoun(&q->w[k + 1]))
			return person_before(q, close);
		e = entity_in(q, q->w[k].end, lim);
		return e;
	}
	/* "he said" */
	if (is_pronoun(&q->w[k]) && k + 1 < end && is_speech(&q->w[k + 1]))
		return person_before(q, close);
	/* "the minister said": the person named before */
	if (k + 2 < end && wis(&q->w[k], "the") && is_role(&q->w[k + 1]) &&
		is_speech(&q->w[k + 2]))
		return person_before(q, close);
	/* "X said", "the minister, X, said" */
	for (int v = k + 1; v < end && v <= k + 10; v++)
		if (is_speech(&q->w[v]))
		{
			const QEnt *e = entity_last(q, q->w[k].start, q->w[v].start);

			if (e)
				return e;
			break;
		}
	return NULL;
}

/*
 * sentence_start: the first window token of the sentence going on after
 * token last (whose trailing gap runs to end): the token after the last
 * terminal or line break, last + 1 when that break follows last itself.
 */
static int
sentence_start(const Qx *q, int last, size_t end)
{
	for (int i = last; i >= 0; i--)
		if (is_terminal(&q->w[i]) || memchr(q->text + q->w[i].start, '\n',
											(i < last ? q->w[i + 1].start : end) - q->w[i].start))
			return i + 1;
	return 0;
}

/* speaker before the opening mark at open (the mark's first byte) */
static const QEnt *
speaker_before(Qx *q, size_t open, size_t floor)
{
	size_t		from = open > WIN_BEFORE ? open - WIN_BEFORE : 0;
	int			s;

	if (from < floor)
		from = floor;
	read_window(q, from, open);
	if (q->nw == 0)
		return NULL;
	/* the sentence the quote is in; s == q->nw when it starts at the quote */
	s = sentence_start(q, q->nw - 1, open);
	for (int i = s; i + 1 < q->nw; i++)
		if (wis(&q->w[i], "according") && wis(&q->w[i + 1], "to"))
			return entity_in(q, q->w[i + 1].end, open);
	/* the last speech verb before the quote, and the name before it */
	for (int v = q->nw - 1; v >= s; v--)
		if (is_speech(&q->w[v]))
		{
			const QEnt *e = entity_last(q, q->w[s].start, q->w[v].start);

			if (e)
				return e;
			for (int p = v - 1; p >= s && p >= v - 3; p--)
				if (is_pronoun(&q->w[p]))
					return person_before(q, q->w[p].start);
			/* "said X:" */
			return entity_in(q, q->w[v].end, open);
		}
	/* "X: ..." or "X described the plan as" handled above; a colon after a
	 * name, on the quote's line or at the end of the line before it (then
	 * in the sentence the colon is in, not past the window's last token) */
	if (q->w[q->nw - 1].kind == NA_TOK_PUNCT && wis(&q->w[q->nw - 1], ":"))
	{
		int			cs = s < q->nw ? s : sentence_start(q, q->nw - 2, q->w[q->nw - 1].start);

		return entity_last(q, q->w[cs].start, q->w[q->nw - 1].start);
	}
	return NULL;
}

static size_t
char_at(Qx *q, size_t b)
{
	if (b < q->cpos_b)
	{
		q->cpos_b = 0;
		q->cpos_c = 0;
	}
	for (size_t i = q->cpos_b; i < b; i++)
		if (((unsigned char) q->text[i] & 0xC0) != 0x80)
			q->cpos_c++;
	q->cpos_b = b;
	return q->cpos_c;
}

/* quote mark at i: 0 none, 1 opening, 2 closing, 3 straight; *mlen bytes */
static int
mark_at(const char *s, size_t i, size_t len, size_t *mlen)
{
	unsigned char c = (unsigned char) s[i];

	*mlen = 1;
	if (c == '"')
		return 3;
	if (c == '`' && i + 1 < len && s[i + 1] == '`')
	{
		*mlen = 2;
		return 1;
	}
	if (c == '\'' && i + 1 < len && s[i + 1] == '\'')
	{
		*mlen = 2;
		return 2;
	}
	if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80)
	{
		*mlen = 3;
		switch ((unsigned char) s[i + 2])
		{
			case 0x9C:			/* “ */
			case 0x9E:			/* „ */
				return 1;
			case 0x9D:			/* ” */
				return 2;
		}
		return 0;
	}
	if (c == 0xC2 && i + 1 < len)
	{
		*mlen = 2;
		if ((unsigned char) s[i + 1] == 0xAB)
			return 1;
		if ((unsigned char) s[i + 1] == 0xBB)
			return 2;
	}
	return 0;
}

typedef struct Seg
{
	size_t		a;
	size_t		b;
} Seg;

#define MAX_SEGS 32

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* emit one quotation made of segs[0..nseg) */
static bool
emit_quote(Qx *q, Seg *segs, int nseg, size_t open_mark, size_t close_end,
		   size_t floor, NaQuoteFn fn, void *arg)
{
	NaQuote		out;
	const QEnt *sp;
	size_t		a,
				b;

	/* trim each segment; drop a trailing comma of the last */
	for (int i = 0; i < nseg; i++)
	{
		while (segs[i].a < segs[i].b && is_space(q->text[segs[i].a]))
			segs[i].a++;
		while (segs[i].b > segs[i].a && is_space(q->text[segs[i].b - 1]))
			segs[i].b--;
	}
	if (segs[nseg - 1].b > segs[nseg - 1].a && q->text[segs[nseg - 1].b - 1] == ',')
		segs[nseg - 1].b--;
	/* the span runs from the first to the last non-empty segment */
	while (nseg > 0 && segs[nseg - 1].b <= segs[nseg - 1].a)
		nseg--;
	while (nseg > 0 && segs[0].b <= segs[0].a)
	{
		segs++;
		nseg--;
	}
	if (nseg == 0)
		return true;
	a = segs[0].a;
	b = segs[nseg - 1].b;
	q->qtext.len = 0;
	for (int i = 0; i < nseg && q->st == NA_OK; i++)
	{
		bool		space = false;

		if (segs[i].b <= segs[i].a)
			continue;
		if (q->qtext.len > 0)
			q->st = na_buf_append(&q->qtext, " ", 1);
		for (size_t k = segs[i].a; k < segs[i].b && q->st == NA_OK; k++)
		{
			char		c = q->text[k];

			if (is_space(c))
			{
				space = true;
				continue;
			}
			if (space)
				q->st = na_buf_append(&q->qtext, " ", 1);
			space = false;
			if (q->st == NA_OK)
				q->st = na_buf_append(&q->qtext, &c, 1);
		}
	}
	if (q->st != NA_OK)
		return false;
	sp = speaker_after(q, close_end);
	if (!sp)
		sp = speaker_before(q, open_mark, floor);
	/* a second quote in the same paragraph goes on with the same speaker */
	if (!sp && q->last_speaker && q->last_end <= open_mark &&
		!memchr(q->text + q->last_end, '\n', open_mark - q->last_end))
		sp = q->last_speaker;
	q->last_speaker = sp;
	q->last_end = close_end;
	memset(&out, 0, sizeof(out));
	out.start = a;
	out.len = b - a;
	out.cstart = char_at(q, a);
	out.clen = char_at(q, b) - out.cstart;
	out.text = q->qtext.data;
	out.text_len = q->qtext.len;
	if (sp)
	{
		out.speaker = q->names.data + sp->coff;
		out.speaker_len = sp->clen;
		out.mention = q->text + sp->start;
		out.mention_len = sp->end - sp->start;
	}
	return fn(&out, arg);
}

/* na_quotes_extract: see entities.h. */
NaStatus
na_quotes_extract(const NaGazetteer *g, const char *text, size_t len,
				  NaQuoteFn fn, void *arg,
				  const NaAllocator *alloc, const NaYield *yield,
				  size_t *err_offset)
{
	Qx			q;
	NaStatus	st;
	Seg			segs[MAX_SEGS];
	int			nseg = 0;
	bool		open = false;
	int			open_kind = 0;
	size_t		open_mark = 0;	/* first byte of the opening mark */
	size_t		floor = 0;		/* end of the previous quote */
	size_t		i = 0;
	size_t		next_yield = NA_YIELD_EVERY;

	memset(&q, 0, sizeof(q));
	q.text = text;
	q.len = len;
	q.alloc = alloc;
	na_buf_init(&q.names, alloc);
	na_buf_init(&q.qtext, alloc);
	st = na_entities_extract(g, text, len, NULL, 0, collect_entity, &q, alloc, yield,
							 err_offset);
	if (st == NA_OK)
		st = q.st;

	while (st == NA_OK && i < len)
	{
		size_t		mlen;
		int			m;

		if (i >= next_yield)
		{
			na_yield(yield);
			next_yield = i + NA_YIELD_EVERY;
		}
		if (text[i] == '\n')
		{
			size_t		j = i;
			int			nls = 0;
			bool		indent = false;

			while (j < len && is_space(text[j]))
			{
				if (text[j] == '\n')
				{
					nls++;
					indent = false;
				}
				else if (text[j] == '\t' || (text[j] == ' ' && j > 0 && text[j - 1] == ' '))
					indent = true;
				j++;
			}
			if (open)
			{
				int			k = j < len ? mark_at(text, j, len, &mlen) : 0;

				if (k == 1 || k == 3)
				{
					/* the quote goes on in the next paragraph */
					segs[nseg - 1].b = i;
					if (nseg == MAX_SEGS)
						open = false;
					else
					{
						segs[nseg].a = j + mlen;
						segs[nseg].b = j + mlen;
						nseg++;
					}
					i = j + mlen;
					continue;
				}
				if (nls >= 2 || indent)
					open = false;	/* unbalanced: dropped */
			}
			i = j;
			continue;
		}
		m = mark_at(text, i, len, &mlen);
		if (m == 0)
		{
			i++;
			if (open && i - segs[0].a > MAX_QUOTE)
				open = false;
			continue;
		}
		if (!open)
		{
			if (m == 1 || m == 3)
			{
				open = true;
				open_kind = m;
				open_mark = i;
				nseg = 1;
				segs[0].a = i + mlen;
				segs[0].b = i + mlen;
			}
			i += mlen;
			continue;
		}
		if (m == 2 || m == 3)
		{
			segs[nseg - 1].b = i;
			open = false;
			if (!emit_quote(&q, segs, nseg, open_mark, i + mlen, floor, fn, arg))
			{
				st = q.st;
				break;
			}
			floor = i + mlen;
		}
		else
		{
			/* an opening mark inside an open quote: the first was unbalanced */
			open_kind = m;
			open_mark = i;
			nseg = 1;
			segs[0].a = i + mlen;
			segs[0].b = i + mlen;
		}
		(void) open_kind;
		i += mlen;
	}
	na_buf_free(&q.names);
	na_buf_free(&q.qtext);
	na_release(alloc, q.ents);
	return st;
}
