/*
 * quotes.c
 *		Who said what: quotations and reported speech, attributed as source,
 *		cue and content.
 *
 * Design
 * ------
 * Attribution follows the reading of PARC and PolNeAR (a source, a cue,
 * a content) and the two steps of Stanford CoreNLP's quote attribution
 * (quote to mention, mention to speaker), with rules over the tokens of the
 * analysed document instead of a parser.  Each window of the document
 * (doc.h) is read once, after the entity extractor has given its entities:
 *
 *	1. annotation: every word gets its classes from quote_words.txt (the
 *	   slot table of gen_quote_words.inc, by the hash of its normalized form),
 *	   every token the entity that covers it and its paragraph (a blank line
 *	   or an indented line starts one; a single line break does not);
 *	2. quote marks are paired in the same pass: double marks (" “” „“ «»
 *	   »« `` '' 「」) open and close, a single-quoted span (‘’ or ') is
 *	   a quotation only outside double marks and within one paragraph.  An
 *	   open quotation at a paragraph break goes on only when the next
 *	   paragraph opens with a mark (the convention for quotes running over
 *	   paragraphs); otherwise it is dropped, so that an unclosed mark never
 *	   swallows more than its paragraph.  An opening mark inside an open
 *	   quotation restarts it.  No quotation is longer than MAX_QUOTE bytes
 *	   or MAX_SEGS paragraphs;
 *	3. each quotation gets a cue and a source from the words around it, in
 *	   its sentence and paragraph, never across another quotation:
 *	   after it ("...," said X / X said / he said / the minister, X, said /
 *	   according to X), before it (X said: "..." / X called the decision
 *	   "..." / a plan that X described as "..." / remarks by X suggesting
 *	   that ... "..." / X's comments that ... / according to X), or in the
 *	   sentence before a colon.  A quotation without one continues its
 *	   paragraph's speaker, or the speaker of the quotation in the paragraph
 *	   before; in a run of questions and answers the speakers alternate;
 *	4. the source, a span of tokens, is resolved to an entity like a reader
 *	   would: a name is its entity (the head of "Trump's spokeswoman Hope
 *	   Hicks" is Hope Hicks, of "a spokeswoman for the Kremlin" the
 *	   Kremlin); he and she go to the nearest person named before them whose
 *	   gender fits (gen_name_gender.inc, titles such as Mrs before a
 *	   surname), it and they to the nearest organization; a role ("the
 *	   minister") to the nearest person carrying that role as a title or an
 *	   apposition, else the nearest person of a fitting gender; an
 *	   organization noun ("the newspaper") to the nearest organization of
 *	   that kind.  Unnamed sources ("officials", "a source") keep their
 *	   mention and have no entity;
 *	5. the kind: a quotation that makes up its sentence (but for the
 *	   attribution) is direct, one inside a clause partial; a scare quote
 *	   (kept, labelled, no speaker) follows "so-called", is a title inside
 *	   a sentence ("Face the Nation"), a thing named with "called", or a
 *	   single word inside a sentence without any cue;
 *	6. reported speech without quote marks: a sentence without marks whose
 *	   cue takes a clause ("X said (that) ...", "..., X said.", "according
 *	   to X, ...") gives an indirect attribution whose content is the
 *	   clause.
 *
 * Cost: the annotation is one pass over the window; every rule reads a
 * bounded number of tokens (MAX_CTX) or entities (MAX_BACK) around one
 * quotation or cue, so any number of marks costs linear time, and memory is
 * the window's arrays plus the last KEEP_ENTS entities of earlier windows.
 */
#include "quotes.h"

#include "doc.h"
#include "entities.h"
#include "markup.h"
#include "tokenizer.h"

#include <string.h>

/* one word of quote_words.txt or given_name_gender.txt and its classes */
typedef struct NaWordClass
{
	const char *w;
	uint64_t	cls;
} NaWordClass;

#define QW_SAY			(UINT64_C(1) << 0)
#define QW_INV			(UINT64_C(1) << 1)
#define QW_CLAUSE		(UINT64_C(1) << 2)
#define QW_BELIEF		(UINT64_C(1) << 3)
#define QW_NAME			(UINT64_C(1) << 4)
#define QW_ING			(UINT64_C(1) << 5)
#define QW_NOUN			(UINT64_C(1) << 6)
#define QW_AUX			(UINT64_C(1) << 7)
#define QW_HE			(UINT64_C(1) << 8)
#define QW_SHE			(UINT64_C(1) << 9)
#define QW_IT			(UINT64_C(1) << 10)
#define QW_THEY			(UINT64_C(1) << 11)
#define QW_ROLE			(UINT64_C(1) << 12)
#define QW_MALE			(UINT64_C(1) << 13)
#define QW_FEMALE		(UINT64_C(1) << 14)
#define QW_ORG			(UINT64_C(1) << 15)
#define QW_MEDIA		(UINT64_C(1) << 16)
#define QW_DOC			(UINT64_C(1) << 17)
#define QW_ANON			(UINT64_C(1) << 18)
#define QW_DEF			(UINT64_C(1) << 19)
#define QW_INDEF		(UINT64_C(1) << 20)
#define QW_MR			(UINT64_C(1) << 21)
#define QW_MRS			(UINT64_C(1) << 22)
#define QW_SCARE		(UINT64_C(1) << 23)
#define QW_STOP			(UINT64_C(1) << 24)
#define QW_ACCORDING	(UINT64_C(1) << 25)
#define QW_AS			(UINT64_C(1) << 26)
#define QW_BY			(UINT64_C(1) << 27)
#define QW_FOR			(UINT64_C(1) << 28)
#define QW_FROM			(UINT64_C(1) << 29)
#define QW_OF			(UINT64_C(1) << 30)
#define QW_THAT			(UINT64_C(1) << 31)
#define QW_TO			(UINT64_C(1) << 32)
#define QW_WITH			(UINT64_C(1) << 33)
#define QW_MEDIANAME	(UINT64_C(1) << 34)
#define QW_POSS			(UINT64_C(1) << 35)
#define QW_LY			(UINT64_C(1) << 36)	/* derived: an adverb in -ly */

#define QG_M			1
#define QG_F			2

#include "gen_quote_words.inc"
#include "gen_name_gender.inc"

#define NGENDER		(sizeof(name_gender) / sizeof(name_gender[0]))

#define PRONOUN		(QW_HE | QW_SHE | QW_IT | QW_THEY)
#define VERBISH		(QW_SAY | QW_INV | QW_CLAUSE | QW_BELIEF | QW_NAME | QW_ING | QW_AUX | \
					 QW_NOUN)
#define CUE_VERB	(QW_SAY | QW_ING)
/* classes that end a noun phrase */
#define NP_STOP		(QW_SAY | QW_ING | QW_AUX | QW_STOP | QW_THAT | QW_AS | QW_TO | \
					 QW_BY | QW_FROM | QW_WITH | QW_ACCORDING | QW_BELIEF | QW_LY)

#define MAX_QUOTE	20000		/* bytes in one quotation */
#define MAX_SEGS	32			/* paragraphs in one quotation */
#define MAX_CTX		60			/* tokens read on either side of a quotation */
#define MAX_NP		10			/* tokens in a source noun phrase */
#define MAX_BACK	80			/* entities looked at to resolve a reference */
#define BACK_BYTES	6000		/* ... and how far back */
#define KEEP_ENTS	128			/* entities kept from earlier windows */
#define MAX_TERM	1			/* words of a quoted term without a cue; PolNeAR
								 * attributes most longer ones to the speaker of
								 * their sentence */
#define NO			(-1)

/* confidences */
#define C_NAME		0.9f		/* a name next to its cue */
#define C_PRON		0.8f		/* a pronoun whose gender fits */
#define C_PRON_ANY	0.65f		/* a pronoun, gender unknown */
#define C_ROLE		0.8f		/* a role found as a title or apposition */
#define C_ROLE_ANY	0.55f		/* a role, nearest fitting person */
#define C_ORG		0.7f
#define C_UNNAMED	0.7f		/* "officials": no entity, but the source */
#define C_CLAUSE	0.6f		/* the subject of the clause, not the cue's */
#define C_COLON		0.75f		/* "X said:" in the sentence before */
#define C_CONT		0.6f		/* the speaker of the paragraph goes on */
#define C_ALT		0.5f		/* dialogue: speakers alternate */
#define C_SCARE		0.7f
#define C_SO_CALLED 0.9f
#define C_NONE		0.3f		/* a quotation without a source */

/* mark roles */
#define MK_OPEN		1
#define MK_CLOSE	2

typedef struct QEnt
{
	uint32_t	start;			/* bytes */
	uint32_t	end;
	uint32_t	coff;			/* canonical name in names */
	uint32_t	clen;
	int32_t		t0;				/* first and last token in the current
								 * window, NO when not in it */
	int32_t		t1;
	uint8_t		type;
	uint8_t		gender;			/* 0 not looked up, QG_M, QG_F, 3 unknown */
} QEnt;

/* a source: an entity and/or a mention (token range) */
typedef struct Src
{
	int			ent;			/* QEnt index or NO */
	int			m0;				/* mention tokens, or NO */
	int			m1;
	float		conf;
} Src;

typedef struct Seg
{
	int			a;				/* first and last inner token */
	int			b;
} Seg;

/* one attribution of the window */
typedef struct QRow
{
	int			o;				/* opening mark token, NO for indirect */
	int			c;				/* closing mark token */
	int			seg0;			/* segments in Qx.segs */
	int			nseg;
	int			kind;
	Src			src;
	int			cue0;			/* cue tokens, or NO */
	int			cue1;
	bool		cue_as;			/* "described ... as" */
	int			ct0;			/* content tokens, or NO */
	int			ct1;
	bool		quote_led;		/* the quotation opens its paragraph */
	bool		question;		/* it ends with a question mark */
} QRow;

struct NaQuotes
{
	const NaAllocator *alloc;
	NaStatus	st;
	bool		stopped;
	/* entities: the window's, after the last KEEP_ENTS of earlier ones */
	QEnt	   *ents;
	size_t		nents;
	size_t		capents;
	NaBuf		names;
	/* the window */
	const char *text;
	const NaToken *tk;
	const NaDocNorm *norms;
	const char *arena;
	int			n;
	uint64_t   *cls;
	int32_t    *tent;			/* entity of each token, or NO */
	int32_t    *tq;				/* quotation of each token, or NO */
	uint32_t   *para;			/* paragraph of each token */
	size_t		cap;
	QRow	   *rows;
	size_t		nrows;
	size_t		caprows;
	Seg		   *segs;
	size_t		nsegs;
	size_t		capsegs;
	uint32_t	para_no;		/* paragraph counter, carried across windows */
	/* discourse: the last two speakers of quote-led paragraphs */
	int			last_ent;		/* the last speaker (entity), or NO */
	uint32_t	last_para;
	int			prev_ent;		/* the speaker of the quote-led paragraph
								 * before the last one */
	uint32_t	prev_para;
	bool		last_led;		/* the last quotation opened its paragraph */
	bool		last_question;
	NaBuf		out;			/* text of the row being reported */
	NaBuf		cuebuf;
};

typedef struct NaQuotes Qx;

static const char *const kind_names[NA_QUOTE_KIND_COUNT] = {
	"direct", "partial", "scare", "indirect"
};

/* na_quote_kind_name: see quotes.h. */
const char *
na_quote_kind_name(NaQuoteKind kind)
{
	return (unsigned) kind < NA_QUOTE_KIND_COUNT ? kind_names[kind] : "unknown";
}

/* na_quotes_create: see quotes.h. */
NaStatus
na_quotes_create(const NaAllocator *alloc, NaQuotes **out)
{
	Qx		   *q = na_alloc(alloc, sizeof(Qx));

	*out = NULL;
	if (!q)
		return NA_ERR_NOMEM;
	memset(q, 0, sizeof(*q));
	q->alloc = alloc;
	na_buf_init(&q->names, alloc);
	na_buf_init(&q->out, alloc);
	na_buf_init(&q->cuebuf, alloc);
	q->last_ent = NO;
	q->prev_ent = NO;
	*out = q;
	return NA_OK;
}

/* na_quotes_destroy: see quotes.h. */
void
na_quotes_destroy(NaQuotes *q)
{
	if (!q)
		return;
	na_buf_free(&q->names);
	na_buf_free(&q->out);
	na_buf_free(&q->cuebuf);
	na_release(q->alloc, q->ents);
	na_release(q->alloc, q->cls);
	na_release(q->alloc, q->tent);
	na_release(q->alloc, q->tq);
	na_release(q->alloc, q->para);
	na_release(q->alloc, q->rows);
	na_release(q->alloc, q->segs);
	na_release(q->alloc, q);
}

/* grow *arr (of *cap elements of size sz) to hold need elements */
static bool
grow(Qx *q, void **arr, size_t *cap, size_t need, size_t sz)
{
	size_t		c = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	p = *arr ? na_resize(q->alloc, *arr, c * sz) : na_alloc(q->alloc, c * sz);
	if (!p)
	{
		q->st = NA_ERR_NOMEM;
		return false;
	}
	*arr = p;
	*cap = c;
	return true;
}

/* na_quotes_entity: see quotes.h. */
bool
na_quotes_entity(const NaEntity *e, void *arg)
{
	Qx		   *q = arg;
	QEnt	   *n;

	if (q->st != NA_OK)
		return false;
	if (e->type != NA_ENT_PERSON && e->type != NA_ENT_ORG && e->type != NA_ENT_NORP)
		return true;
	if (!grow(q, (void **) &q->ents, &q->capents, q->nents + 1, sizeof(QEnt)))
		return false;
	n = &q->ents[q->nents++];
	n->start = (uint32_t) e->start;
	n->end = (uint32_t) (e->start + e->len);
	n->coff = (uint32_t) q->names.len;
	n->clen = (uint32_t) e->canonical_len;
	n->t0 = n->t1 = NO;
	n->type = (uint8_t) e->type;
	n->gender = 0;
	q->st = na_buf_append(&q->names, e->canonical, e->canonical_len);
	return q->st == NA_OK;
}

/* compare the word w[0..len) with the NUL-terminated s, bytewise */
static int
wcmp(const char *w, size_t len, const char *s)
{
	size_t		i;

	for (i = 0; i < len && s[i]; i++)
		if (w[i] != s[i])
			return (unsigned char) w[i] < (unsigned char) s[i] ? -1 : 1;
	if (i < len)
		return 1;
	return s[i] ? -1 : 0;
}

/*
 * word_classes: the classes of the lower-case word w[0..len), whose FNV-1a
 * hash (na_fnv_add, NaDocNorm.hash) is hash, in quote_words: its slot table
 * (gen_quote_words.inc) gives the candidates, a matching hash and the
 * bytes confirm one.
 */
static uint64_t
word_classes(const char *w, size_t len, uint32_t hash)
{
	uint32_t	i = hash & (QUOTE_WORDS_SLOTS - 1);
	unsigned	k;

	while ((k = quote_words_slot[i]) != 0)
	{
		if (quote_words_hash[k - 1] == hash && wcmp(w, len, quote_words[k - 1].w) == 0)
			return quote_words[k - 1].cls;
		i = (i + 1) & (QUOTE_WORDS_SLOTS - 1);
	}
	return 0;
}

/* the gender of the lower-case name w[0..len) in name_gender, or 0 */
static int
name_gender_of(const char *w, size_t len)
{
	size_t		lo = 0,
				hi = NGENDER;

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			r = wcmp(w, len, name_gender[mid].w);

		if (r == 0)
			return (int) name_gender[mid].cls;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* does w[0..len) end with the NUL-terminated suffix? */
static bool
ends_with(const char *w, size_t len, const char *suffix)
{
	size_t		n = strlen(suffix);

	return len > n + 2 && memcmp(w + len - n, suffix, n) == 0;
}

/*
 * surname_gender: the gender the ending of a (lower-case) Slavic surname
 * tells, the last word of name[0..len): -ova, -eva, -skaya are a woman's,
 * -ov, -ev, -sky a man's; else 0.
 */
static int
surname_gender(const char *name, size_t len)
{
	static const char *const female[] = {"ova", "eva", "skaya", "ovna", NULL};
	static const char *const male[] = {"ov", "ev", "sky", "skiy", "ovich", "evich", NULL};
	size_t		b = len;

	while (b > 0 && name[b - 1] != ' ')
		b--;
	if (b == 0)
		return 0;
	for (const char *const *f = female; *f; f++)
		if (ends_with(name + b, len - b, *f))
			return QG_F;
	for (const char *const *m = male; *m; m++)
		if (ends_with(name + b, len - b, *m))
			return QG_M;
	return 0;
}

/*
 * gender_of: QG_M, QG_F or 3 (unknown) for a person: the full canonical
 * name, else its first word, in name_gender; else the ending of a Slavic
 * surname; else a title (Mr, Mrs, ...) before any mention of it in the
 * window.
 */
static int
gender_of(Qx *q, int e)
{
	QEnt	   *x = &q->ents[e];
	char		buf[64];
	size_t		len = x->clen < sizeof(buf) ? x->clen : sizeof(buf);
	const char *name = q->names.data + x->coff;
	size_t		first = 0;
	int			g;

	if (x->gender)
		return x->gender;
	buf[0] = '\0';
	for (size_t i = 0; i < len; i++)
	{
		char		c = name[i];

		buf[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
	}
	g = name_gender_of(buf, len);
	while (!g && first < len && buf[first] != ' ')
		first++;
	if (!g && first < len)
		g = name_gender_of(buf, first);
	/* Slavic surnames tell the gender: Petrova, Ivanov */
	if (!g && len > first + 4)
		g = surname_gender(buf, len);
	/* a title before a mention of the same person in the window */
	for (size_t k = 0; !g && k < q->nents; k++)
	{
		QEnt	   *y = &q->ents[k];

		if (y->t0 > 0 && y->clen == x->clen &&
			memcmp(q->names.data + y->coff, name, x->clen) == 0)
		{
			uint64_t	c = q->cls[y->t0 - 1];

			if (c & QW_MR)
				g = QG_M;
			else if (c & QW_MRS)
				g = QG_F;
		}
		if (k >= MAX_BACK * 4)
			break;
	}
	if (!g)
		g = 3;
	/* the same person elsewhere in the document */
	x->gender = (uint8_t) g;
	return g;
}

static inline bool
same_entity(const Qx *q, int a, int b)
{
	const QEnt *x = &q->ents[a],
			   *y = &q->ents[b];

	return x->clen == y->clen &&
		memcmp(q->names.data + x->coff, q->names.data + y->coff, x->clen) == 0;
}

/* token helpers */
static inline bool
is_punct(const Qx *q, int i, char c)
{
	return q->tk[i].kind == NA_TOK_PUNCT && q->tk[i].len == 1 && q->text[q->tk[i].start] == c;
}

static inline bool
is_mark(const Qx *q, int i)
{
	return (q->tk[i].flags & NA_TF_QUOTE) != 0 || q->tk[i].cp == '`';
}

static inline bool
is_terminal(const Qx *q, int i)
{
	return q->tk[i].kind == NA_TOK_PUNCT && (q->tk[i].flags & NA_TF_TERMINAL) != 0;
}

static inline bool
is_wordish(const Qx *q, int i)
{
	int			k = q->tk[i].kind;

	return k == NA_TOK_WORD || k == NA_TOK_ABBREV || k == NA_TOK_NUMBER ||
		k == NA_TOK_MENTION || k == NA_TOK_HASHTAG;
}

static inline bool
is_capitalized(const Qx *q, int i)
{
	return (q->tk[i].flags & NA_TF_UPPER_INITIAL) != 0;
}

/* white space (or nothing) between tokens i - 1 and i */
static inline bool
space_before(const Qx *q, int i)
{
	if (i == 0)
		return true;
	return q->tk[i].start > q->tk[i - 1].start + q->tk[i - 1].len;
}

static inline uint32_t
tend(const Qx *q, int i)
{
	return q->tk[i].start + q->tk[i].len;
}

/* does token i start a paragraph (after the window's first token)? */
static bool
starts_paragraph(const Qx *q, int i)
{
	const NaToken *t = &q->tk[i];
	uint32_t	from;

	if (t->newlines >= 2)
		return true;
	if (t->newlines == 0)
		return false;
	/* one line break: an indented line starts a paragraph */
	from = i > 0 ? tend(q, i - 1) : 0;
	for (uint32_t b = t->start; b > from; b--)
	{
		char		c = q->text[b - 1];

		if (c == '\n')
			return false;
		if (c == '\t' || (c == ' ' && b - 1 > from && q->text[b - 2] == ' '))
			return true;
	}
	return false;
}

/*
 * mark_kind: the quote mark at token i: its family ('d' double, 's'
 * single, 0 none), role (MK_OPEN, MK_CLOSE or both) and width in tokens
 * (2 for `` and '').
 */
static int
mark_kind(const Qx *q, int i, int *role, int *width)
{
	const NaToken *t = &q->tk[i];
	uint32_t	cp = t->cp;

	*width = 1;
	*role = 0;
	if (cp == '`')
	{
		if (i + 1 < q->n && q->tk[i + 1].cp == '`' && !space_before(q, i + 1))
		{
			*width = 2;
			*role = MK_OPEN;
			return 'd';
		}
		return 0;
	}
	if (t->kind != NA_TOK_PUNCT || !(t->flags & NA_TF_QUOTE))
		return 0;
	if (cp == '\'' && i + 1 < q->n && q->tk[i + 1].cp == '\'' && !space_before(q, i + 1))
	{
		*width = 2;
		*role = MK_CLOSE;
		return 'd';
	}
	switch (cp)
	{
		case '"':
		case 0xFF02:
			*role = (t->flags & NA_TF_OPENER) ? MK_OPEN : MK_CLOSE;
			/* white space on both sides: it may close, never open (He
			 * said " and ... " is narrative, not a quotation) */
			if (*role == MK_OPEN && (i + 1 >= q->n || space_before(q, i + 1)))
				*role = MK_CLOSE;
			return 'd';
		case 0x201C:			/* “ */
		case 0x201E:			/* „ */
		case 0x201F:
		case 0x00AB:			/* « */
		case 0x300C:
			*role = MK_OPEN;
			return 'd';
		case 0x201D:			/* ” */
		case 0x00BB:			/* » */
		case 0x300D:
			*role = MK_CLOSE;
			/* a closing glyph used to open: white space before, a word after */
			if (cp == 0x201D && space_before(q, i) && i + 1 < q->n &&
				!space_before(q, i + 1) && is_wordish(q, i + 1))
				*role = MK_OPEN;
			return 'd';
		case '\'':
			*role = (t->flags & NA_TF_OPENER) ? MK_OPEN : MK_CLOSE;
			return 's';
		case 0x2018:			/* ‘ */
		case 0x201A:
		case 0x201B:
		case 0x2039:
			*role = MK_OPEN;
			return 's';
		case 0x2019:			/* ’ */
		case 0x203A:
			*role = MK_CLOSE;
			return 's';
	}
	return 0;
}

/* does the double mark cp (of role) close a quotation opened by ocp? */
static bool
closes(uint32_t ocp, uint32_t cp, int role)
{
	if (role & MK_CLOSE)
		return !(ocp == 0x00BB && cp == 0x00BB);
	/* „...“ and »...« */
	return (ocp == 0x201E && cp == 0x201C) || (ocp == 0x00BB && cp == 0x00AB);
}

/* record a quotation: marks o and c (first tokens), segments from seg0 */
static void
add_quote(Qx *q, int o, int c, int seg0, int nseg)
{
	QRow	   *r;
	Seg		   *s = &q->segs[seg0];
	int			a,
				b;

	/* drop empty segments at either end; a trailing comma is not quoted */
	while (nseg > 0 && s[nseg - 1].b < s[nseg - 1].a)
		nseg--;
	while (nseg > 0 && s[0].b < s[0].a)
	{
		s++;
		seg0++;
		nseg--;
	}
	if (nseg == 0)
		return;
	b = s[nseg - 1].b;
	if (is_punct(q, b, ',') && b > s[nseg - 1].a)
		s[nseg - 1].b = b - 1;
	a = s[0].a;
	if (!grow(q, (void **) &q->rows, &q->caprows, q->nrows + 1, sizeof(QRow)))
		return;
	r = &q->rows[q->nrows++];
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->c = c;
	r->seg0 = seg0;
	r->nseg = nseg;
	r->src.ent = r->src.m0 = r->src.m1 = NO;
	r->cue0 = r->cue1 = r->ct0 = r->ct1 = NO;
	r->question = is_punct(q, s[nseg - 1].b, '?');
	for (int k = o; k <= c && k < q->n; k++)
		q->tq[k] = (int32_t) (q->nrows - 1);
	(void) a;
}

static bool
add_seg(Qx *q, int a)
{
	if (!grow(q, (void **) &q->segs, &q->capsegs, q->nsegs + 1, sizeof(Seg)))
		return false;
	q->segs[q->nsegs].a = a;
	q->segs[q->nsegs].b = a - 1;
	q->nsegs++;
	return true;
}

/*
 * annotate: classes, entities and paragraphs of the window's tokens, and
 * the quotations (q->rows, in text order).
 */
static void
annotate(Qx *q, const NaYield *yield)
{
	const NaToken *tk = q->tk;
	int			n = q->n;
	size_t		e = 0;
	int			dopen = NO,		/* double: opening mark */
				sopen = NO;		/* single, outside double marks */
	uint32_t	ocp = 0;
	int			seg0 = 0,
				nseg = 0;

	/* entities before the window keep no tokens */
	while (e < q->nents && q->ents[e].end <= tk[0].start)
		e++;
	for (int i = 0; i < n; i++)
	{
		const NaToken *t = &tk[i];
		uint64_t	c = 0;
		int			role,
					width,
					fam;

		if ((i & 0xFFFF) == 0xFFFF)
			na_yield(yield);
		/* classes */
		if ((t->marks & NA_DM_WORD) && q->norms[i].len > 0 && q->norms[i].len <= 20)
		{
			const char *w = q->arena + q->norms[i].off;
			size_t		len = q->norms[i].len;

			c = word_classes(w, len, q->norms[i].hash);
			if (len > 4 && w[len - 1] == 'y' && w[len - 2] == 'l' && !(t->flags & NA_TF_UPPER_INITIAL))
				c |= QW_LY;
		}
		/* entity */
		while (e < q->nents && q->ents[e].end <= t->start)
			e++;
		if (e < q->nents && q->ents[e].start <= t->start && tend(q, i) <= q->ents[e].end)
		{
			QEnt	   *x = &q->ents[e];

			q->tent[i] = (int32_t) e;
			if (x->t0 == NO)
				x->t0 = i;
			x->t1 = i;
			c &= QW_MEDIANAME;	/* "State" in "Islamic State" is no verb */
		}
		else
		{
			q->tent[i] = NO;
			/* a capitalized word inside a sentence is a name, no verb */
			if ((c & VERBISH) && (t->flags & NA_TF_UPPER_INITIAL) && i > 0 &&
				tk[i - 1].sentence == t->sentence && !(tk[i - 1].flags & NA_TF_QUOTE) &&
				!is_punct(q, i - 1, ':') && !(t->newlines > 0))
				c &= ~VERBISH;
		}
		q->cls[i] = c;
		q->tq[i] = NO;
		/* paragraph */
		if (i > 0 && starts_paragraph(q, i))
		{
			q->para_no++;
			sopen = NO;
			if (dopen != NO)
			{
				int			r2,
							w2;

				if (mark_kind(q, i, &r2, &w2) == 'd' && (r2 & MK_OPEN) &&
					nseg < MAX_SEGS)
				{
					/* the quotation goes on in this paragraph */
					q->para[i] = q->para_no;
					if (!add_seg(q, i + w2))
						return;
					nseg++;
					for (int k = 1; k < w2 && i + k < n; k++)
					{
						q->para[i + k] = q->para_no;
						q->cls[i + k] = 0;
						q->tent[i + k] = NO;
						q->tq[i + k] = NO;
					}
					i += w2 - 1;
					continue;
				}
				dopen = NO;		/* unclosed: dropped */
			}
		}
		q->para[i] = q->para_no;
		fam = mark_kind(q, i, &role, &width);
		if (fam == 0)
		{
			if (dopen != NO && t->start - tk[dopen].start > MAX_QUOTE)
				dopen = NO;
			if (dopen != NO)
				q->segs[q->nsegs - 1].b = i;
			continue;
		}
		for (int k = 1; k < width; k++)
		{
			q->cls[i + k] = 0;
			q->tent[i + k] = NO;
			q->tq[i + k] = NO;
			q->para[i + k] = q->para_no;
		}
		if (fam == 'd')
		{
			if (dopen == NO)
			{
				if (role & MK_OPEN ||
					(t->cp == 0x00BB && i + 1 < n && !space_before(q, i + 1) && space_before(q, i)))
				{
					dopen = i;
					ocp = t->cp;
					sopen = NO;
					seg0 = (int) q->nsegs;
					nseg = 1;
					if (!add_seg(q, i + width))
						return;
				}
			}
			else if (closes(ocp, t->cp, role) ||
					 (t->cp == 0x201C && i > 0 && !space_before(q, i) &&
					  !is_mark(q, i - 1) && (i + 1 >= n || space_before(q, i + 1) ||
											 q->tk[i + 1].kind == NA_TOK_PUNCT)))
			{
				add_quote(q, dopen, i + width - 1, seg0, nseg);
				if (q->st != NA_OK)
					return;
				dopen = NO;
			}
			else if (role & MK_OPEN)
			{
				/* an opening mark inside an open quotation: restart */
				dopen = i;
				ocp = t->cp;
				q->nsegs = (size_t) seg0;
				nseg = 1;
				if (!add_seg(q, i + width))
					return;
			}
		}
		else if (dopen == NO)
		{
			/* single marks: attached to the word they quote */
			if (sopen == NO)
			{
				if ((role & MK_OPEN) && i + 1 < n && !space_before(q, i + 1) &&
					is_wordish(q, i + 1))
				{
					sopen = i;
					seg0 = (int) q->nsegs;
					nseg = 1;
					if (!add_seg(q, i + 1))
						return;
				}
			}
			else if ((role & MK_CLOSE) && !space_before(q, i) && i > sopen + 1)
			{
				q->segs[seg0].b = i - 1;
				add_quote(q, sopen, i, seg0, 1);
				if (q->st != NA_OK)
					return;
				sopen = NO;
			}
			else if ((role & MK_OPEN) && i + 1 < n && !space_before(q, i + 1))
			{
				sopen = i;
				q->nsegs = (size_t) seg0;
				if (!add_seg(q, i + 1))
					return;
			}
		}
		else
			q->segs[q->nsegs - 1].b = i;	/* a single mark inside double marks */
		i += width - 1;
	}
}

/* ------------------------------------------------------------------
 * Resolving a source
 * ------------------------------------------------------------------ */

/* the index of the last entity that starts before byte pos, or NO */
static int
ent_before(const Qx *q, uint32_t pos)
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
	return (int) lo - 1;
}

static inline bool
ent_in_quote(const Qx *q, int e)
{
	return q->ents[e].t0 != NO && q->tq[q->ents[e].t0] != NO;
}

/* can entity e be what a pronoun of classes cls refers to?  *conf gets
 * how sure that is */
static bool
pronoun_fits(Qx *q, int e, uint64_t cls, float *conf)
{
	const QEnt *x = &q->ents[e];

	if (cls & (QW_HE | QW_SHE))
	{
		int			g;

		if (x->type != NA_ENT_PERSON)
			return false;
		g = gender_of(q, e);
		if (g == 3)
		{
			*conf = C_PRON_ANY;
			return true;
		}
		*conf = C_PRON;
		return g == ((cls & QW_HE) ? QG_M : QG_F);
	}
	*conf = C_ORG;
	return x->type != NA_ENT_PERSON;
}

/* is the mention of entity e (in the window) a subject: not in the
 * possessive, not after a preposition? */
static bool
subject_position(const Qx *q, int e)
{
	const QEnt *x = &q->ents[e];

	if (x->t0 == NO)
		return false;
	if (q->tk[x->t1].marks & NA_DM_POSS)
		return false;
	return x->t0 == 0 || !(q->cls[x->t0 - 1] & (QW_STOP | QW_BY | QW_FROM | QW_WITH | QW_TO |
												QW_OF | QW_FOR | QW_AS));
}

/*
 * resolve_pronoun: the entity he/she (cls QW_HE, QW_SHE: a person of that
 * gender or of unknown gender), it (an organization) or they (an
 * organization or group) at token i refers to: in the nearest sentence
 * before it that names one that fits (outside quotations), the first one in
 * subject position ("Was Szlachta satisfied with Rubio's response? "...,"
 * he said" is Szlachta), else the nearest.
 */
static Src
resolve_pronoun(Qx *q, int i, uint64_t cls)
{
	Src			s = {NO, i, i, C_NONE};
	uint32_t	pos = q->tk[i].start;
	int			near = NO;
	float		conf = 0;

	for (int e = ent_before(q, pos), k = 0; e >= 0 && k < MAX_BACK; e--, k++)
	{
		QEnt	   *x = &q->ents[e];
		float		c;

		if (x->end > pos)
			continue;
		if (pos - x->end > BACK_BYTES)
			break;
		if (ent_in_quote(q, e) || !pronoun_fits(q, e, cls, &c))
			continue;
		if (near == NO)
		{
			near = e;
			conf = c;
			if (x->t0 == NO || subject_position(q, e))
				break;
			continue;
		}
		/* an earlier mention in the same sentence, as a subject */
		if (x->t0 == NO || q->tk[x->t0].sentence != q->tk[q->ents[near].t0].sentence)
			break;
		if (subject_position(q, e) && !same_entity(q, e, near))
		{
			near = e;
			conf = c;
			break;
		}
	}
	if (near != NO)
	{
		s.ent = near;
		s.conf = conf;
	}
	return s;
}

/* is the normalized form of token i the same word as that of token h? */
static inline bool
same_word(const Qx *q, int i, int h)
{
	const NaDocNorm *a = &q->norms[i],
			   *b = &q->norms[h];

	return a->hash == b->hash && a->len == b->len && a->len > 0 &&
		memcmp(q->arena + a->off, q->arena + b->off, a->len) == 0;
}

/* does role word h stand next to the mention of entity e (as a title
 * before it, or in an apposition after it)? */
static bool
role_near(const Qx *q, int e, int h)
{
	const QEnt *x = &q->ents[e];

	if (x->t0 == NO)
		return false;
	for (int i = x->t0 - 1; i >= 0 && i >= x->t0 - 4; i--)
	{
		if (same_word(q, i, h))
			return true;
		if (!is_wordish(q, i))
			break;
	}
	if (x->t1 + 1 < q->n && is_punct(q, x->t1 + 1, ','))
		for (int i = x->t1 + 2; i < q->n && i <= x->t1 + 9; i++)
		{
			if (same_word(q, i, h))
				return true;
			if (!is_wordish(q, i))
				break;
		}
	return false;
}

/* the media words of an organization's canonical name */
static bool
is_media_name(const Qx *q, int e)
{
	const QEnt *x = &q->ents[e];
	const char *s = q->names.data + x->coff;
	size_t		i = 0;

	while (i < x->clen)
	{
		char		buf[24];
		size_t		n = 0;

		while (i < x->clen && s[i] == ' ')
			i++;
		while (i < x->clen && s[i] != ' ')
		{
			if (n < sizeof(buf))
			{
				char		c = s[i];

				buf[n] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
			}
			n++;
			i++;
		}
		if (n > 0 && n <= sizeof(buf) && (word_classes(buf, n, na_fnv_add(NA_FNV_INIT, buf, n)) & QW_MEDIANAME))
			return true;
	}
	return false;
}

/*
 * resolve_noun: "the minister", "the newspaper": head h of a definite
 * noun phrase to the entity it refers to.
 */
static Src
resolve_noun(Qx *q, int h, uint64_t hc)
{
	Src			s = {NO, NO, NO, C_NONE};
	uint32_t	pos = q->tk[h].start;
	int			any = NO;
	int			want = (hc & QW_MALE) ? QG_M : (hc & QW_FEMALE) ? QG_F : 0;

	for (int e = ent_before(q, pos), k = 0; e >= 0 && k < MAX_BACK; e--, k++)
	{
		QEnt	   *x = &q->ents[e];

		if (x->end > pos)
			continue;
		if (pos - x->end > BACK_BYTES)
			break;
		if (ent_in_quote(q, e))
			continue;
		if (hc & QW_ROLE)
		{
			if (x->type != NA_ENT_PERSON)
				continue;
			if (role_near(q, e, h))
			{
				s.ent = e;
				s.conf = C_ROLE;
				return s;
			}
			if (any == NO && (!want || gender_of(q, e) != (want == QG_M ? QG_F : QG_M)))
				any = e;
		}
		else
		{
			if (x->type == NA_ENT_PERSON)
				continue;
			if (!(hc & QW_MEDIA) || is_media_name(q, e))
			{
				s.ent = e;
				s.conf = C_ORG;
				return s;
			}
			if (any == NO)
				any = e;
		}
	}
	if (any != NO)
	{
		s.ent = any;
		s.conf = (hc & QW_ROLE) ? C_ROLE_ANY : C_ORG * 0.8f;
	}
	return s;
}

/*
 * resolve_np: the source in tokens [l, r] (a subject or a name after a
 * cue): an entity in it (the head: the last person not in the possessive,
 * else the last organization), a pronoun, or a noun phrase.  Returns
 * s.m0 == NO when the tokens are no source.
 */
static Src
resolve_np(Qx *q, int l, int r)
{
	Src			s = {NO, NO, NO, 0};
	int			best = NO,
				bestp = NO;
	int			head = NO;
	uint64_t	hc = 0;

	while (l <= r && (is_punct(q, l, ',') || q->tk[l].kind == NA_TOK_PUNCT))
		l++;
	while (r >= l && q->tk[r].kind == NA_TOK_PUNCT && !(q->tk[r].flags & NA_TF_CLOSER))
		r--;
	if (l > r || r - l >= MAX_NP + 4)
		return s;
	/* entities: the head is the last person (not in the possessive) */
	for (int i = l; i <= r; i++)
	{
		int			e = q->tent[i];

		if (e == NO)
			continue;
		if (q->ents[e].t1 == i || i == r)
		{
			bool		poss = (q->tk[i].marks & NA_DM_POSS) != 0;
			int			rank = (q->ents[e].type == NA_ENT_PERSON ? 2 : 1) + (poss ? 0 : 2);

			if (best == NO || rank >= bestp)
			{
				best = e;
				bestp = rank;
			}
		}
	}
	/* "the Democratic presidential candidate", "the Dutch port operator": a
	 * name before the head noun (not in the possessive) only modifies it */
	if (best != NO && q->ents[best].t1 < r && !(q->tk[q->ents[best].t1].marks & NA_DM_POSS) &&
		(((q->cls[r] & QW_ROLE) && !(q->cls[r] & QW_ANON) && (q->cls[l] & QW_DEF)) ||
		 q->ents[best].type == NA_ENT_NORP))
	{
		bool		of = false;

		for (int i = l; i <= q->ents[best].t1; i++)
			if (q->cls[i] & (QW_OF | QW_FOR))
				of = true;
		if (!of)
			best = NO;
	}
	if (best != NO)
	{
		const QEnt *x = &q->ents[best];

		s.ent = best;
		s.conf = C_NAME;
		/* the name is the head: the mention is the name */
		if (x->t1 == r || (x->t1 >= l && x->t1 <= r && !(q->cls[r] & (QW_ROLE | QW_ORG | QW_DOC))))
		{
			s.m0 = x->t0 > l ? x->t0 : l;
			s.m1 = x->t1 < r ? x->t1 : r;
		}
		else
		{
			s.m0 = l;
			s.m1 = r;
		}
		return s;
	}
	if (l == r && (q->cls[l] & PRONOUN))
		return resolve_pronoun(q, l, q->cls[l]);
	/* a noun phrase: its head is the last word before of/for */
	for (int i = l; i <= r; i++)
	{
		if (q->cls[i] & (QW_OF | QW_FOR))
			break;
		if (is_wordish(q, i))
			head = i;
	}
	if (head == NO)
		return s;
	hc = q->cls[head];
	if (!(hc & (QW_ROLE | QW_ORG | QW_DOC | QW_ANON)))
		return s;
	s.m0 = l;
	s.m1 = r;
	if ((q->cls[l] & QW_DEF) && !(hc & QW_ANON) && !(hc & QW_DOC))
	{
		Src			t = resolve_noun(q, head, hc);

		s.ent = t.ent;
		s.conf = t.ent != NO ? t.conf : C_UNNAMED;
		return s;
	}
	s.conf = C_UNNAMED;
	return s;
}

/* skip tokens that may stand between a subject and its verb, leftwards */
static int
skip_aux_left(const Qx *q, int p, int lo)
{
	while (p >= lo && (q->cls[p] & (QW_AUX | QW_LY)) && !(q->cls[p] & PRONOUN))
		p--;
	return p;
}

/* may token i belong to a source noun phrase? */
static inline bool
np_token(const Qx *q, int i)
{
	if (q->tent[i] != NO)
		return true;
	if (!is_wordish(q, i) && !(q->tk[i].kind == NA_TOK_SYMBOL && q->tk[i].cp == '&'))
		return false;
	return !(q->cls[i] & NP_STOP) && q->tq[i] == NO;
}

/*
 * subject_left: the subject of cue token v, read leftwards from v - 1 but
 * not before token lo: a name, a pronoun, "X, the minister," or a noun
 * phrase.
 */
static Src
subject_left(Qx *q, int v, int lo)
{
	Src			none = {NO, NO, NO, 0};
	int			p = skip_aux_left(q, v - 1, lo);
	int			l;

	if (p < lo || q->tq[p] != NO)
		return none;
	/* a parenthesis: "X (R-Texas) said" */
	if (is_punct(q, p, ')'))
	{
		int			k = p - 1;

		while (k >= lo && k > p - 12 && !is_punct(q, k, '('))
			k--;
		if (k < lo || k <= p - 12)
			return none;
		p = k - 1;
		if (p < lo)
			return none;
	}
	/* an apposition: "X, the minister, said", "X, 45, said" */
	if (is_punct(q, p, ','))
	{
		int			k = p - 1;

		while (k >= lo && k > p - 14 && !is_punct(q, k, ',') && !is_mark(q, k) &&
			   !is_terminal(q, k))
			k--;
		if (k >= lo && k > p - 14 && is_punct(q, k, ',') && k - 1 >= lo &&
			(q->tent[k - 1] != NO || (q->cls[k - 1] & PRONOUN)))
		{
			int			e = q->tent[k - 1];

			if (e == NO)
				return resolve_pronoun(q, k - 1, q->cls[k - 1]);
			return resolve_np(q, q->ents[e].t0 >= lo ? q->ents[e].t0 : lo, k - 1);
		}
		return none;
	}
	if (q->cls[p] & PRONOUN)
		return resolve_pronoun(q, p, q->cls[p]);
	if (!np_token(q, p))
		return none;
	l = p;
	while (l - 1 >= lo && p - l < MAX_NP && np_token(q, l - 1))
		l--;
	/* an entity cut by the limit starts the phrase */
	if (q->tent[l] != NO && q->ents[q->tent[l]].t0 < l && q->ents[q->tent[l]].t0 >= lo)
		l = q->ents[q->tent[l]].t0;
	return resolve_np(q, l, p);
}

/* the noun phrase right of token v (exclusive) up to hi: "said X, ..." */
static Src
np_right(Qx *q, int v, int hi)
{
	Src			none = {NO, NO, NO, 0};
	int			r = v + 1;

	if (r > hi)
		return none;
	if (q->cls[r] & PRONOUN)
		return resolve_pronoun(q, r, q->cls[r]);
	while (r + 1 <= hi && r - v < MAX_NP && np_token(q, r + 1) &&
		   (np_token(q, r) || is_punct(q, r, '.')))
		r++;
	if (!np_token(q, r))
		return none;
	/* a name goes to its end */
	if (q->tent[r] != NO && q->ents[q->tent[r]].t1 > r && q->ents[q->tent[r]].t1 <= hi)
		r = q->ents[q->tent[r]].t1;
	return resolve_np(q, v + 1, r);
}

/* ------------------------------------------------------------------
 * Attribution of one quotation
 * ------------------------------------------------------------------ */

/* is token i the end of the sentence or paragraph (lo..) context? */
static inline bool
ctx_break(const Qx *q, int i, int ref)
{
	return q->para[i] != q->para[ref] || q->tq[i] != NO;
}

/*
 * sentence_subject: the first source-like phrase of tokens [lo, v) that is
 * not the object of a preposition: a person or organization, he or she, or
 * "the minister".  For a cue whose own subject is out of reach ("X
 * hammered Trump, calling him ...").
 */
static Src
sentence_subject(Qx *q, int lo, int v)
{
	Src			none = {NO, NO, NO, 0};

	for (int k = lo; k < v; k++)
	{
		int			e = q->tent[k];
		bool		after_prep = k > lo && (q->cls[k - 1] & (QW_STOP | QW_BY | QW_FROM | QW_WITH |
														  QW_TO | QW_OF | QW_FOR | QW_AS |
														  QW_THAT));

		if (q->tq[k] != NO)
			return none;
		if (e != NO)
		{
			int			t1 = q->ents[e].t1 < v ? q->ents[e].t1 : v - 1;

			if (!after_prep && q->ents[e].type != NA_ENT_NORP &&
				!(q->tk[t1].marks & NA_DM_POSS))
				return resolve_np(q, k, t1);
			k = t1;
			continue;
		}
		if (after_prep)
			continue;
		if (q->cls[k] & (QW_HE | QW_SHE))
			return resolve_pronoun(q, k, q->cls[k]);
		if (q->cls[k] & QW_DEF)
		{
			for (int h = k + 1; h < v && h <= k + 4 && np_token(q, h); h++)
				if (q->cls[h] & QW_ROLE)
				{
					Src			t = resolve_np(q, k, h);

					if (t.m0 != NO)
						return t;
					break;
				}
		}
	}
	return none;
}

/*
 * after_quote: the cue and source after the closing mark c: "...," said
 * X / X said / he said / according to X.
 */
static bool
after_quote(Qx *q, QRow *r, bool new_sentence)
{
	int			n = q->n;
	int			a = r->c + 1;
	int			end;
	int			depth = 0;

	while (a < n && (is_punct(q, a, ',') || (q->tk[a].flags & NA_TF_DASH)) &&
		   q->para[a] == q->para[r->c])
		a++;
	if (a >= n || q->para[a] != q->para[r->c] || q->tq[a] != NO)
		return false;
	/* the context: to the end of the sentence (not inside parentheses:
	 * "(D-N.Y.)"), the next quotation or MAX_CTX */
	for (end = a; end < n && end < a + MAX_CTX; end++)
	{
		if (ctx_break(q, end, a))
			break;
		if (is_punct(q, end, '('))
			depth++;
		else if (is_punct(q, end, ')') && depth > 0)
			depth--;
		else if (depth == 0 && is_terminal(q, end))
			break;
	}
	end--;
	if (end < a)
		return false;
	/* ""..." ― Carla Sanchez": a name after a dash, alone to the end */
	if (a > r->c + 1 && (q->tk[a - 1].flags & NA_TF_DASH) && q->tent[a] != NO &&
		q->ents[q->tent[a]].type == NA_ENT_PERSON &&
		q->ents[q->tent[a]].t1 >= end && q->ents[q->tent[a]].t0 == a)
	{
		r->src = resolve_np(q, a, q->ents[q->tent[a]].t1);
		return r->src.m0 != NO;
	}
	/* "according to X" */
	if ((q->cls[a] & QW_ACCORDING) && a + 1 <= end && (q->cls[a + 1] & QW_TO))
	{
		Src			s = np_right(q, a + 1, end);

		if (s.m0 == NO)
			return false;
		r->src = s;
		r->cue0 = a;
		r->cue1 = a + 1;
		return true;
	}
	/* "said X" */
	if (q->cls[a] & QW_INV)
	{
		Src			s = np_right(q, a, end);

		if (s.m0 != NO && !(new_sentence && end - s.m1 > 5))
		{
			r->src = s;
			r->cue0 = r->cue1 = a;
			return true;
		}
	}
	/* "X said", "the minister, X, said", "he told reporters" */
	for (int v = a + 1; v <= end && v <= a + MAX_NP + 6; v++)
	{
		if (!(q->cls[v] & QW_SAY) || (q->cls[v] & QW_NAME))
			continue;
		{
			Src			s = subject_left(q, v, a);
			int			after;

			/* "...” about the decision, said X" */
			if (s.m0 == NO && (q->cls[v] & QW_INV) && is_punct(q, v - 1, ','))
				s = np_right(q, v, end);
			if (s.m0 == NO)
				continue;
			/* the source follows the quotation: "and Clinton said" is
			 * another clause */
			if (s.m0 < v)
				for (int k = a; k < s.m0; k++)
					if (q->tk[k].kind != NA_TOK_PUNCT && !np_token(q, k))
						return false;
			/* a new sentence after a full stop in the quotation must be
			 * only the attribution: "Trump said." */
			after = end - v;
			if (new_sentence && after > 5)
				return false;
			r->src = s;
			r->cue0 = r->cue1 = v;
			return true;
		}
	}
	return false;
}

/*
 * before_quote: the cue and source before the opening mark, in tokens
 * [lo, o - 1]: X said: "..." / X called it "..." / remarks by X suggesting
 * that ... "..." / X's comments that ... / according to X.
 */
static bool
before_quote(Qx *q, QRow *r, int lo, int o)
{
	int			tried = 0;

	for (int v = o - 1; v >= lo && tried < 3; v--)
	{
		uint64_t	c = q->cls[v];
		Src			s = {NO, NO, NO, 0};

		if (q->tq[v] != NO)
			break;
		if ((c & QW_ACCORDING) && v + 1 < o && (q->cls[v + 1] & QW_TO))
		{
			int			end = v + 2;

			while (end < o && !is_punct(q, end, ',') && end < v + 2 + MAX_NP)
				end++;
			s = np_right(q, v + 1, end - 1);
			if (s.m0 != NO)
			{
				r->src = s;
				r->cue0 = v;
				r->cue1 = v + 1;
				return true;
			}
			tried++;
			continue;
		}
		if (c & (QW_SAY | QW_ING))
		{
			tried++;
			s = subject_left(q, v, lo);
			if (s.m0 == NO)
			{
				/* "X hammered Trump, calling him ...", "X issued a statement
				 * saying": the subject of the sentence */
				s = sentence_subject(q, lo, v);
				if (s.conf > C_CLAUSE)
					s.conf = C_CLAUSE;
			}
			if (s.m0 == NO && (c & QW_INV) && (v == lo || is_mark(q, v - 1)))
			{
				/* "Added Trump: "..."" */
				Src			t = np_right(q, v, o - 1);

				if (t.m0 != NO && t.m1 + 1 < o && t.m1 + 2 >= o &&
					(is_punct(q, t.m1 + 1, ':') || is_punct(q, t.m1 + 1, ',')))
					s = t;
			}
			if (s.m0 == NO)
			{
				/* "was described by X as" */
				for (int k = v + 1; k < o && k <= v + 2; k++)
					if (q->cls[k] & QW_BY)
					{
						int			end = k + 1;

						while (end < o && np_token(q, end) && end < k + 1 + MAX_NP)
							end++;
						s = resolve_np(q, k + 1, end - 1);
						break;
					}
			}
			if (s.m0 == NO)
				continue;
			r->src = s;
			r->cue0 = r->cue1 = v;
			if (c & QW_NAME)
				for (int k = v + 1; k < o; k++)
					if (q->cls[k] & QW_AS)
						r->cue_as = true;
			return true;
		}
		if (c & QW_NOUN)
		{
			/* "X's comments", "remarks by X", "a statement from X" */
			int			pe = NO;

			tried++;

			for (int k = v - 1; k >= lo && k >= v - 3; k--)
			{
				if (q->tent[k] != NO)
				{
					if (q->tk[k].marks & NA_DM_POSS)
						pe = k;
					break;
				}
				if (q->tk[k].kind != NA_TOK_WORD || is_capitalized(q, k) || q->cls[k])
					break;
			}
			if (pe != NO)
			{
				int			e = q->tent[pe];

				s = resolve_np(q, q->ents[e].t0 >= lo ? q->ents[e].t0 : lo, pe);
			}
			else if (v + 2 < o && (q->cls[v + 1] & (QW_BY | QW_FROM)))
			{
				int			end = v + 2;

				while (end < o && np_token(q, end) && end < v + 2 + MAX_NP)
					end++;
				if (end > v + 2)
					s = resolve_np(q, v + 2, end - 1);
			}
			else if (v - 1 >= lo && (q->cls[v - 1] & QW_POSS))
			{
				uint64_t	pc = q->cls[v - 1];

				s = resolve_pronoun(q, v - 1, (pc & QW_MALE) ? QW_HE :
									(pc & QW_FEMALE) ? QW_SHE : QW_IT);
			}
			if (s.m0 == NO)
				continue;
			r->src = s;
			r->cue0 = r->cue1 = v;
			return true;
		}
	}
	/* "X: ...", "Then Trump: ..." */
	if (o - 1 >= lo && is_punct(q, o - 1, ':') && o - 2 >= lo)
	{
		int			e = q->tent[o - 2];

		if (e != NO)
			r->src = resolve_np(q, q->ents[e].t0 >= lo ? q->ents[e].t0 : lo, o - 2);
		else
			r->src = sentence_subject(q, lo, o - 1);
		return r->src.m0 != NO;
	}
	return false;
}

/* the first token of the sentence and paragraph of token i, at most MAX_CTX back */
static int
context_start(const Qx *q, int i)
{
	int			k = i;

	while (k > 0 && k > i - MAX_CTX && q->tk[k - 1].sentence == q->tk[i].sentence &&
		   q->para[k - 1] == q->para[i])
		k--;
	return k;
}

/*
 * paragraph_subject: the subject of the last sentence of the paragraph
 * that ends with token k, when that sentence holds no quotation.
 */
static Src
paragraph_subject(Qx *q, int k)
{
	Src			none = {NO, NO, NO, 0};
	int			lo = context_start(q, k);

	for (int i = lo; i <= k; i++)
		if (q->tq[i] != NO)
			return none;
	return sentence_subject(q, lo, k + 1);
}

/* is the quotation a statement of its own: it opens its sentence, or
 * follows the cue and a colon or comma, and starts with a capital? */
static bool
is_statement(const Qx *q, const QRow *r, int lo)
{
	int			first = q->segs[r->seg0].a;
	int			p = r->o - 1;

	if (p < lo)
		return true;
	/* after a colon, or after a full stop the sentence splitter passed */
	if (is_punct(q, p, ':') || is_terminal(q, p))
		return true;
	if (is_punct(q, p, ',') && first < q->n && is_capitalized(q, first) &&
		p - 1 >= lo && (q->cls[p - 1] & (QW_SAY | QW_ING)))
		return true;
	if ((q->cls[p] & QW_SAY) && first < q->n && is_capitalized(q, first) &&
		!(q->cls[p] & QW_NAME))
		return true;
	return false;
}

/* are the tokens before the quotation only its source and cue ("he said,
 * ...")? */
static bool
frame_only(const Qx *q, const QRow *r, int lo)
{
	for (int i = lo; i < r->o; i++)
	{
		if (r->src.m0 != NO && i >= r->src.m0 && i <= r->src.m1)
			continue;
		if (r->cue0 != NO && i >= r->cue0 && i <= r->cue1)
			continue;
		if (q->tk[i].kind == NA_TOK_PUNCT || (q->cls[i] & (QW_AUX | QW_LY)))
			continue;
		return false;
	}
	return true;
}

/* is the quotation a title ("Face the Nation", "The Walking Dead"): at
 * most six words, each capitalized but for short ones, and no comma? */
static bool
is_title(const Qx *q, const QRow *r)
{
	int			words = 0;

	if (r->nseg != 1)
		return false;
	for (int i = q->segs[r->seg0].a; i <= q->segs[r->seg0].b; i++)
	{
		if (q->tk[i].kind == NA_TOK_PUNCT)
		{
			if (is_punct(q, i, ',') || is_punct(q, i, '?') || is_punct(q, i, '!'))
				return false;
			continue;
		}
		if (!is_wordish(q, i))
			continue;
		if (++words > 6)
			return false;
		if (!is_capitalized(q, i) && (words == 1 || q->tk[i].clen > 4))
			return false;
		if (q->cls[i] & PRONOUN)
			return false;
	}
	return words >= 1 && !(words == 1 && q->tent[q->segs[r->seg0].a] != NO);
}

/* the number of words between the marks */
static int
quote_words_n(const Qx *q, const QRow *r)
{
	int			w = 0;

	for (int s = 0; s < r->nseg; s++)
		for (int i = q->segs[r->seg0 + s].a; i <= q->segs[r->seg0 + s].b && w < 100; i++)
			if (is_wordish(q, i))
				w++;
	return w;
}

/* attribute: the kind, cue, source and content of quotation r */
static void
attribute(Qx *q, QRow *r)
{
	int			lo = context_start(q, r->o);
	int			first = q->segs[r->seg0].a;
	int			last = q->segs[r->seg0 + r->nseg - 1].b;
	bool		found = false;
	bool		via_after = false;
	bool		statement;
	bool		new_sentence;
	int			words = quote_words_n(q, r);
	int			prev = NO;

	/* the previous quotation of the sentence bounds the context */
	for (int k = r->o - 1; k >= lo; k--)
		if (q->tq[k] != NO)
		{
			lo = k + 1;
			prev = q->tq[k];
			break;
		}
	r->quote_led = r->o == 0 || q->para[r->o - 1] != q->para[r->o];
	statement = is_statement(q, r, lo);
	new_sentence = last >= 0 && (is_terminal(q, last) && !is_punct(q, last, '?') &&
								 !is_punct(q, last, '!'));
	if (last >= 0 && (is_punct(q, last, '?') || is_punct(q, last, '!')) && r->c + 1 < q->n &&
		is_capitalized(q, r->c + 1) && q->tent[r->c + 1] == NO && !(q->cls[r->c + 1] & PRONOUN))
		new_sentence = true;

	/* "so-called": a term */
	if (r->o - 1 >= lo && (q->cls[r->o - 1] & QW_SCARE))
	{
		r->kind = NA_QUOTE_SCARE;
		r->src.conf = C_SO_CALLED;
		return;
	}
	if (r->o - 1 < lo || statement)
	{
		found = after_quote(q, r, new_sentence);
		via_after = found;
		if (!found)
			found = before_quote(q, r, lo, r->o);
	}
	else
	{
		found = before_quote(q, r, lo, r->o);
		if (!found)
		{
			found = after_quote(q, r, new_sentence);
			via_after = found;
		}
	}
	/* "X said:" closing the sentence or paragraph before */
	if (!found && r->o - 1 >= 0 && r->o - 1 < lo && is_punct(q, r->o - 1, ':') &&
		q->tq[r->o - 1] == NO)
	{
		int			p = r->o - 1;

		if (before_quote(q, r, context_start(q, p), p) ||
			(r->src = sentence_subject(q, context_start(q, p), p)).m0 != NO)
		{
			/* "X said:", or "Then Trump:" */
			found = true;
			statement = true;
			if (r->src.conf > C_COLON)
				r->src.conf = C_COLON;
		}
	}
	/* a title: "an interview with "Fox News Sunday"" */
	if (!statement && r->o - 1 >= lo && is_title(q, r) && (!found || (r->o - 1 >= lo && (q->cls[r->o - 1] & (QW_STOP | QW_DEF | QW_WITH | QW_FROM |
																		   QW_POSS | QW_INDEF | QW_NAME)) ) ||
						   (r->o - 1 >= lo && (q->tk[r->o - 1].marks & NA_DM_POSS))))
	{
		r->kind = NA_QUOTE_SCARE;
		r->src.ent = r->src.m0 = r->src.m1 = NO;
		r->cue0 = r->cue1 = r->ct0 = r->ct1 = NO;
		r->src.conf = C_SCARE + 0.02f;
		return;
	}
	if (found)
	{
		/* naming a thing, not speech: "a plan called 'Fear'" */
		if (!via_after && r->cue0 != NO && (q->cls[r->cue0] & QW_NAME) &&
			r->cue0 == r->o - 1 && r->src.ent == NO && words <= 4)
		{
			r->kind = NA_QUOTE_SCARE;
			r->src.m0 = r->src.m1 = NO;
			r->cue0 = r->cue1 = NO;
			r->src.conf = C_SCARE + 0.01f;
			return;
		}
		if (via_after)
			r->kind = (r->o - 1 < lo) ? NA_QUOTE_DIRECT : NA_QUOTE_PARTIAL;
		else
			r->kind = (statement || frame_only(q, r, lo)) ? NA_QUOTE_DIRECT : NA_QUOTE_PARTIAL;
		if (r->kind == NA_QUOTE_DIRECT)
		{
			r->ct0 = first;
			r->ct1 = last;
		}
		else if (!via_after && r->cue1 != NO)
		{
			/* the reported clause: from after the cue to the end of the
			 * sentence of the closing mark */
			int			e = r->c;

			r->ct0 = r->cue1 + 1;
			while (r->ct0 < r->o && (is_punct(q, r->ct0, ',') || is_punct(q, r->ct0, ':')))
				r->ct0++;
			while (e + 1 < q->n && e < r->c + MAX_CTX && q->para[e + 1] == q->para[r->c] &&
				   q->tq[e + 1] == NO && !is_terminal(q, e + 1) &&
				   q->tk[e + 1].sentence == q->tk[r->c].sentence)
				e++;
			r->ct1 = e;
		}
		else
		{
			r->ct0 = lo;
			r->ct1 = r->c;
		}
		return;
	}
	/* a second quotation in the clause of the first: "X called Y a "liar"
	 * and a "loser"" */
	if (prev != NO && q->rows[prev].kind != NA_QUOTE_SCARE &&
		(q->rows[prev].src.ent != NO || q->rows[prev].src.m0 != NO))
	{
		const QRow *p = &q->rows[prev];

		r->src = p->src;
		r->cue0 = p->cue0;
		r->cue1 = p->cue1;
		r->cue_as = p->cue_as;
		r->kind = (p->kind == NA_QUOTE_DIRECT && statement) ? NA_QUOTE_DIRECT : NA_QUOTE_PARTIAL;
		r->ct0 = p->ct0 != NO ? p->ct0 : first;
		r->ct1 = last;
		return;
	}
	/* no cue: a scare quote, or the speaker of the paragraph goes on */
	if (r->o - 1 >= lo && !statement && words <= MAX_TERM)
	{
		r->kind = NA_QUOTE_SCARE;
		r->src.conf = C_SCARE;
		return;
	}
	r->kind = (r->o - 1 < lo || statement) ? NA_QUOTE_DIRECT : NA_QUOTE_PARTIAL;
	r->ct0 = first;
	r->ct1 = last;
	r->src.conf = C_NONE;
	if (r->kind == NA_QUOTE_PARTIAL &&
		(r->src = sentence_subject(q, context_start(q, r->o), r->o)).m0 != NO)
	{
		/* a fragment inside a sentence whose verb is no known cue ("Bolton
		 * thought some of the "Neocons For Hillary" buzz ..."): the
		 * sentence's subject */
		r->src.conf *= 0.7f;
		r->ct0 = context_start(q, r->o);
	}
	else if (q->last_ent != NO && q->last_para == q->para[r->o])
	{
		r->src.ent = q->last_ent;
		r->src.conf = C_CONT;
	}
	else if (r->quote_led && q->last_ent != NO && q->para[r->o] - q->last_para == 1)
	{
		/* questions and answers alternate; statements go on */
		if (q->last_led && q->prev_ent != NO && q->last_para - q->prev_para == 1 &&
			!same_entity(q, q->prev_ent, q->last_ent) && (q->last_question || r->question))
		{
			r->src.ent = q->prev_ent;
			r->src.conf = C_ALT;
		}
		else
		{
			r->src.ent = q->last_ent;
			r->src.conf = C_CONT;
		}
	}
	else if (r->quote_led && r->o > 0 && q->para[r->o - 1] + 1 == q->para[r->o] &&
			 (r->src = paragraph_subject(q, r->o - 1)).ent != NO)
	{
		/* "Valastro praised Christie. / "We need someone ..."" */
		r->src.m0 = r->src.m1 = NO;
		r->src.conf = C_CONT * 0.9f;
	}
	else if (r->quote_led && q->last_ent != NO && q->para[r->o] - q->last_para <= 2)
	{
		r->src.ent = q->last_ent;
		r->src.m0 = r->src.m1 = NO;
		r->src.conf = C_CONT * 0.8f;
	}
	else
	{
		r->src.ent = r->src.m0 = r->src.m1 = NO;
		r->src.conf = C_NONE;
	}
}

/* remember the speaker of row r for the quotations after it */
static void
remember(Qx *q, const QRow *r)
{
	if (r->src.ent == NO || r->kind == NA_QUOTE_SCARE)
		return;
	if (r->quote_led && q->last_ent != NO && q->last_led && q->para[r->o] != q->last_para)
	{
		q->prev_ent = q->last_ent;
		q->prev_para = q->last_para;
	}
	q->last_ent = r->src.ent;
	q->last_para = q->para[r->o >= 0 ? r->o : r->ct0];
	q->last_led = r->o >= 0 && r->quote_led;
	q->last_question = r->question;
}

/* ------------------------------------------------------------------
 * Reported speech without quote marks
 * ------------------------------------------------------------------ */

/* count the words of tokens [a, b] */
static int
words_in(const Qx *q, int a, int b)
{
	int			w = 0;

	for (int i = a; i <= b; i++)
		if (is_wordish(q, i))
			w++;
	return w;
}

/*
 * indirect: an attribution without quote marks in the sentence of tokens
 * [s0, s1] (no quotation in it): "X said (that) ...", "..., X said",
 * "according to X, ...".  Adds a row; false when there is none.
 */
static bool
indirect(Qx *q, int s0, int s1)
{
	QRow		r;
	int			end = s1;

	while (end >= s0 && (is_terminal(q, end) || q->tk[end].kind == NA_TOK_PUNCT))
		end--;
	if (end - s0 < 4)
		return false;
	memset(&r, 0, sizeof(r));
	r.o = r.c = NO;
	r.cue0 = r.cue1 = NO;
	r.kind = NA_QUOTE_INDIRECT;
	for (int v = s0; v <= end; v++)
	{
		uint64_t	c = q->cls[v];
		Src			s;
		int			k;

		if ((c & QW_ACCORDING) && v + 1 <= end && (q->cls[v + 1] & QW_TO))
		{
			k = v + 2;
			while (k <= end && !is_punct(q, k, ',') && k < v + 2 + MAX_NP)
				k++;
			s = np_right(q, v + 1, k - 1);
			if (s.m0 == NO)
				continue;
			if (v == s0 && k < end && is_punct(q, k, ','))
			{
				r.ct0 = k + 1;
				r.ct1 = end;
			}
			else if (v > s0 + 3 && is_punct(q, v - 1, ','))
			{
				r.ct0 = s0;
				r.ct1 = v - 2;
			}
			else
				continue;
			r.src = s;
			r.cue0 = v;
			r.cue1 = v + 1;
			break;
		}
		if (!(c & (QW_CLAUSE | QW_BELIEF)) || (c & QW_NAME))
			continue;
		/* "X said (that) CONTENT" */
		s = subject_left(q, v, s0);
		if (s.m0 != NO && (c & (QW_SAY | QW_BELIEF)))
		{
			k = v + 1;
			/* "told reporters (that)", "said on Monday that" */
			for (int j = v + 1; j <= end && j <= v + 6; j++)
				if (q->cls[j] & QW_THAT)
				{
					k = j + 1;
					break;
				}
				else if (is_punct(q, j, ',') || (q->cls[j] & (QW_SAY | QW_ING)))
					break;
			if (k == v + 1 && (c & QW_SAY) && k <= end && !(q->cls[k] & (QW_THAT)) &&
				(q->cls[k] & QW_TO))
				continue;
			if (end - k >= 3 && words_in(q, k, end) >= 3)
			{
				r.src = s;
				r.cue0 = r.cue1 = v;
				r.ct0 = k;
				r.ct1 = end;
				break;
			}
		}
		/* "CONTENT, X said" and "CONTENT, said X" */
		if (c & QW_SAY)
		{
			int			comma = NO;

			if (s.m0 != NO && s.m0 - 1 > s0 + 2 && is_punct(q, s.m0 - 1, ','))
				comma = s.m0 - 1;
			else if (s.m0 == NO && v - 1 > s0 + 2 && is_punct(q, v - 1, ',') && (c & QW_INV))
			{
				s = np_right(q, v, end);
				if (s.m0 != NO)
					comma = v - 1;
			}
			if (comma != NO && s.m0 != NO && end - (s.m1 > v ? s.m1 : v) <= 6 &&
				words_in(q, s0, comma - 1) >= 3)
			{
				r.src = s;
				r.cue0 = r.cue1 = v;
				r.ct0 = s0;
				r.ct1 = comma - 1;
				break;
			}
		}
	}
	if (r.cue0 == NO)
		return false;
	if (r.src.conf > 0.7f)
		r.src.conf = 0.7f;
	if (!grow(q, (void **) &q->rows, &q->caprows, q->nrows + 1, sizeof(QRow)))
		return false;
	q->rows[q->nrows++] = r;
	return true;
}

/* ------------------------------------------------------------------
 * Reporting
 * ------------------------------------------------------------------ */

static NaQuoteSpan
span_of(const Qx *q, int a, int b)
{
	NaQuoteSpan s = {0, 0, 0, 0};

	if (a == NO || b < a)
		return s;
	s.start = q->tk[a].start;
	s.len = tend(q, b) - q->tk[a].start;
	s.cstart = q->tk[a].cstart;
	s.clen = q->tk[b].cstart + q->tk[b].clen - q->tk[a].cstart;
	return s;
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* append text[a, b) to q->out with white space collapsed */
static void
append_collapsed(Qx *q, size_t a, size_t b)
{
	bool		space = q->out.len > 0;

	if (q->st != NA_OK || na_buf_reserve(&q->out, b - a + 1) != NA_OK)
	{
		q->st = NA_ERR_NOMEM;
		return;
	}
	for (size_t k = a; k < b; k++)
	{
		char		c = q->text[k];

		if (is_space(c))
		{
			space = q->out.len > 0;
			continue;
		}
		if (space)
			q->out.data[q->out.len++] = ' ';
		space = false;
		q->out.data[q->out.len++] = c;
	}
}

/* report row r to fn */
static bool
report(Qx *q, const QRow *r, NaQuoteFn fn, void *arg)
{
	NaQuote		out;

	memset(&out, 0, sizeof(out));
	out.kind = (NaQuoteKind) r->kind;
	q->out.len = 0;
	if (r->kind == NA_QUOTE_INDIRECT)
	{
		out.quote = span_of(q, r->ct0, r->ct1);
		append_collapsed(q, out.quote.start, out.quote.start + out.quote.len);
	}
	else
	{
		const Seg  *s = &q->segs[r->seg0];

		out.quote = span_of(q, s[0].a, s[r->nseg - 1].b);
		for (int k = 0; k < r->nseg; k++)
			if (s[k].b >= s[k].a)
				append_collapsed(q, q->tk[s[k].a].start, tend(q, s[k].b));
	}
	if (q->st != NA_OK)
		return false;
	out.text = q->out.data;
	out.text_len = q->out.len;
	if (r->src.ent != NO)
	{
		const QEnt *x = &q->ents[r->src.ent];

		out.speaker = q->names.data + x->coff;
		out.speaker_len = x->clen;
	}
	if (r->src.m0 != NO)
	{
		out.mention_span = span_of(q, r->src.m0, r->src.m1);
		out.mention = q->text + out.mention_span.start;
		out.mention_len = out.mention_span.len;
	}
	if (r->cue0 != NO)
	{
		out.cue_span = span_of(q, r->cue0, r->cue0);
		if (r->cue_as)
		{
			q->cuebuf.len = 0;
			if (na_buf_append(&q->cuebuf, q->text + out.cue_span.start, out.cue_span.len) != NA_OK ||
				na_buf_append(&q->cuebuf, " as", 3) != NA_OK)
			{
				q->st = NA_ERR_NOMEM;
				return false;
			}
			out.cue = q->cuebuf.data;
			out.cue_len = q->cuebuf.len;
		}
		else
		{
			NaQuoteSpan all = span_of(q, r->cue0, r->cue1);

			out.cue = q->text + all.start;
			out.cue_len = all.len;
		}
	}
	if (r->ct0 != NO)
		out.content = span_of(q, r->ct0, r->ct1);
	out.confidence = r->src.conf;
	return fn(&out, arg);
}

/* keep the last KEEP_ENTS entities (and their names) for the next window */
static void
prune(Qx *q)
{
	size_t		drop,
				base;

	if (q->nents <= KEEP_ENTS)
		return;
	drop = q->nents - KEEP_ENTS;
	base = q->ents[drop].coff;
	memmove(q->names.data, q->names.data + base, q->names.len - base);
	q->names.len -= base;
	memmove(q->ents, q->ents + drop, KEEP_ENTS * sizeof(QEnt));
	q->nents = KEEP_ENTS;
	for (size_t k = 0; k < q->nents; k++)
		q->ents[k].coff -= (uint32_t) base;
	q->last_ent = q->last_ent >= (int) drop ? q->last_ent - (int) drop : NO;
	q->prev_ent = q->prev_ent >= (int) drop ? q->prev_ent - (int) drop : NO;
}

/* na_quotes_window: see quotes.h. */
NaStatus
na_quotes_window(NaQuotes *q, const NaDoc *doc, NaQuoteFn fn, void *arg)
{
	size_t		n = na_doc_ntokens(doc);
	const NaYield *yield = na_doc_yield(doc);
	size_t		len;
	size_t		nq;
	size_t		k,
				emitted;
	int			s0;

	if (q->st != NA_OK || q->stopped || n == 0)
		return q->st;
	if (!(na_doc_layers(doc) & NA_DOC_NORMS) || !(na_doc_layers(doc) & NA_DOC_SENTENCES))
		return NA_ERR_BAD_ARGUMENT;
	if (n > q->cap)
	{
		size_t		c1 = q->cap,
					c2 = q->cap,
					c3 = q->cap,
					c4 = q->cap;

		if (!grow(q, (void **) &q->cls, &c1, n, sizeof(uint64_t)) ||
			!grow(q, (void **) &q->tent, &c2, n, sizeof(int32_t)) ||
			!grow(q, (void **) &q->tq, &c3, n, sizeof(int32_t)) ||
			!grow(q, (void **) &q->para, &c4, n, sizeof(uint32_t)))
			return q->st;
		q->cap = c1;
	}
	q->text = na_doc_text(doc, &len);
	q->tk = na_doc_tokens(doc);
	q->norms = na_doc_norms(doc);
	q->arena = na_doc_arena(doc);
	q->n = (int) n;
	q->nrows = 0;
	q->nsegs = 0;
	for (k = 0; k < q->nents; k++)
		q->ents[k].t0 = q->ents[k].t1 = NO;
	annotate(q, yield);
	if (q->st != NA_OK)
		return q->st;
	/* attributions of the quotations, then reported speech, in order */
	nq = q->nrows;
	k = 0;
	s0 = 0;
	emitted = 0;
	for (int i = 0; i <= q->n; i++)
	{
		bool		sentence_end = i == q->n || q->tk[i].sentence != q->tk[s0].sentence;

		if (sentence_end)
		{
			bool		has_quote = false;

			for (; k < nq && q->rows[k].o < i; k++)
			{
				attribute(q, &q->rows[k]);
				remember(q, &q->rows[k]);
				has_quote = true;
			}
			for (int j = s0; j < i && !has_quote; j++)
				if (q->tq[j] != NO || is_mark(q, j))
					has_quote = true;
			if (!has_quote && indirect(q, s0, i - 1))
				remember(q, &q->rows[q->nrows - 1]);
			if (q->st != NA_OK)
				return q->st;
			s0 = i;
		}
		if ((i & 0xFFFF) == 0xFFFF)
			na_yield(yield);
	}
	/* report in text order: quotations (in order) merged with the rows of
	 * reported speech (in order after them) */
	{
		size_t		a = 0,
					b = nq;

		while (!q->stopped && (a < nq || b < q->nrows))
		{
			const QRow *r;

			if (b >= q->nrows ||
				(a < nq && q->tk[q->segs[q->rows[a].seg0].a].start <= q->tk[q->rows[b].ct0].start))
				r = &q->rows[a++];
			else
				r = &q->rows[b++];
			if (!report(q, r, fn, arg))
			{
				if (q->st == NA_OK)
					q->stopped = true;
				break;
			}
			if ((++emitted & 0x3FF) == 0)
				na_yield(yield);
		}
	}
	prune(q);
	return q->st;
}

/* na_quotes_of_doc: see quotes.h. */
NaStatus
na_quotes_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *model, NaQuoteFn fn,
				 void *arg, const NaAllocator *alloc)
{
	NaQuotes   *q;
	NaEntities *x;
	NaStatus	st;

	if ((st = na_quotes_create(alloc, &q)) != NA_OK)
		return st;
	if ((st = na_entities_create(doc, g, model, na_quotes_entity, q, alloc, &x)) != NA_OK)
	{
		na_quotes_destroy(q);
		return st;
	}
	while (st == NA_OK && !q->stopped &&
		   (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		st = na_entities_window(x);
		if (st == NA_OK && q->st != NA_OK)
			st = q->st;
		if (st == NA_OK)
			st = na_quotes_window(q, doc, fn, arg);
	}
	na_entities_destroy(x);
	na_quotes_destroy(q);
	return st;
}

/* na_quotes_extract: see quotes.h. */
NaStatus
na_quotes_extract(const NaGazetteer *g, const char *text, size_t len,
				  const NaSpan *spans, size_t nspans,
				  NaQuoteFn fn, void *arg,
				  const NaAllocator *alloc, const NaYield *yield,
				  size_t *err_offset)
{
	NaDoc	   *doc;
	NaStatus	st;

	if (len >= UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	if ((st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, yield, &doc)) != NA_OK)
		return st;
	if (spans && nspans > 0)
		st = na_doc_add_spans(doc, spans, nspans);
	if (st == NA_OK)
	{
		size_t		off = 0;

		/* markup is blocked, as for the entities (markup.h) */
		st = na_markup_block(doc, false, alloc, &off);
		if (st == NA_ERR_INVALID_UTF8)
		{
			if (err_offset)
				*err_offset = off;
			na_doc_destroy(doc);
			return st;
		}
	}
	if (st == NA_OK)
		st = na_quotes_of_doc(doc, g, NULL, fn, arg, alloc);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_doc_destroy(doc);
	return st;
}
