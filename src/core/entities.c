/*
 * entities.c
 *		Named-entity recognition for news text: PERSON, ORG, LOC, NORP, MISC.
 *
 * Design
 * ------
 * The text is tokenized once by na_split.  Tokens are buffered into a
 * window (whole sentences, about WINDOW_TOKENS tokens; a longer sentence is
 * cut) together with their normalized, lower-cased forms, which are kept
 * in one arena separated by single spaces: the key of any run of tokens is
 * then a contiguous substring of the arena, and gazetteer probes need no
 * copying.  Each window is processed in two passes over the same steps:
 *
 *	1. line modes: a line whose words are all capitals (wire headlines,
 *	   datelines such as "BRUSSELS 1996-08-22") or which is in title case
 *	   with ordinary words capitalized ("Trump Signals Diplomatic Momentum")
 *	   only yields names that are known: gazetteer, document memory, or
 *	   words the model has seen as names many times;
 *	2. gazetteer matches: the longest alias starting at each token (hash
 *	   probes, extended token by token while a prefix exists);
 *	3. runs of capitalized tokens, joined by name connectors (de, van, bin,
 *	   &, and "of" after an organization or place head word, or inside a
 *	   gazetteer alias), cut at punctuation, possessives, line breaks and
 *	   pattern spans;
 *	4. segmentation of each run: titles and honorifics are cut off and
 *	   mark the following name as a person; gazetteer entities are taken
 *	   as they are; the rest becomes candidate pieces;
 *	5. classification of a piece: document memory (a name seen before keeps
 *	   its type and canonical form; a lone surname maps to the full name),
 *	   organization and place head words, a title before it, a given name
 *	   first, and otherwise a naive Bayes score from gen_ner_model.inc
 *	   (word, suffix, previous and next word, trained on CoNLL-2003 train)
 *	   plus speech verbs; sentence-initial common words and pieces made of
 *	   common words only are dropped.
 *
 * The first pass only fills the document memory with strongly supported
 * names (so that a headline before the article's full name still resolves);
 * the second pass emits.  Pattern spans from the caller (DATE, MONEY, ...)
 * block the tokens they cover and are merged into the output in order.
 *
 * Nothing is allocated per token: the window arrays and the arena are
 * reused, and the document memory is an open-addressing table.
 */
#include "entities.h"
#include "gazetteer.h"
#include "tokenizer.h"

#include <math.h>
#include <string.h>

typedef struct NerWord
{
	const char *w;
	int			len;
	float		lp[5];			/* log P(word | PER ORG LOC MISC O) */
	uint16_t	ent;			/* times inside a name */
	uint16_t	ocap;			/* capitalized, not a name, mid-sentence */
	uint16_t	oinit;			/* capitalized, not a name, sentence-initial */
	uint16_t	lower;			/* written in lower case */
} NerWord;

typedef struct NerCommon
{
	const char *w;
	int			len;
} NerCommon;

typedef struct NerCtx
{
	const char *w;
	int			len;
	float		lp[5];
} NerCtx;

#include "gen_ner_model.inc"

#define WINDOW_TOKENS	16384
#define MAX_WINDOW		65536
#define MAX_RUN			12		/* tokens in one name */

/* derived token bits (Tok.f) */
#define TK_WORD		0x01		/* word or abbreviation with letters */
#define TK_CAP		0x02		/* capitalized */
#define TK_BLOCK	0x04		/* covered by a pattern span */
#define TK_SINIT	0x08		/* first word of a sentence or line */
#define TK_POSS		0x10		/* ends with a possessive */
#define TK_ACAPS	0x20		/* all capitals, two letters or more */

/* line modes */
#define LM_NORMAL	0
#define LM_CAPS		1			/* all-capital headline or dateline */
#define LM_TITLE	2			/* title-case headline */

typedef struct Tok
{
	uint32_t	start;
	uint32_t	len;
	uint32_t	cstart;
	uint32_t	clen;
	uint32_t	sent;
	uint32_t	norm_off;
	uint32_t	hash;			/* FNV-1a of the normalized form */
	uint32_t	gm_end;			/* end (token index) of the gazetteer match */
	uint32_t	gm_entry;		/* its entries, index + 1; 0 = none */
	uint32_t	given;			/* a GIVEN_NAME entry of this token, + 1 */
	uint16_t	norm_len;
	uint16_t	flags;
	uint8_t		kind;
	uint8_t		nl;
	uint8_t		trim_b;
	uint8_t		trim_c;
	uint8_t		f;
	uint8_t		mode;
} Tok;

/* where a canonical name lives */
#define CS_TEXT		0			/* canon arena of the window */
#define CS_GAZ		1			/* gazetteer strings */
#define CS_MEM		2			/* document memory strings */

typedef struct Out
{
	uint32_t	a;				/* first token */
	uint32_t	b;				/* one past the last token */
	uint8_t		type;
	uint8_t		csrc;
	uint32_t	coff;
	uint32_t	clen;
	uint32_t	loff;			/* link (gazetteer strings), 0 len = none */
	uint32_t	llen;
	float		conf;
} Out;

typedef struct MemSlot
{
	uint32_t	hash;
	uint32_t	key_off;		/* in mem strings; 0 = empty */
	uint32_t	key_len;
	uint8_t		type;
	uint8_t		csrc;			/* CS_GAZ or CS_MEM */
	uint8_t		strength;		/* 1 weak .. 3 strong */
	uint32_t	coff;
	uint32_t	clen;
	uint32_t	loff;
	uint32_t	llen;
} MemSlot;

typedef struct Ner
{
	const NaGazetteer *g;
	const char *text;
	size_t		textlen;
	const NaAllocator *alloc;
	const NaYield *yield;
	NaStatus	st;

	/* spans */
	const NaSpan *spans;
	size_t		nspans;
	size_t		span_block;		/* first span that may cover the next token */
	size_t		span_emit;		/* next span to emit */
	uint32_t   *span_sent;

	/* window */
	Tok		   *toks;
	size_t		ntoks;
	size_t		captoks;
	NaBuf		norm;			/* normalized forms, space separated */
	NaBuf		scratch;
	NaBuf		canon;			/* canonical names built in this window */
	Out		   *outs;
	size_t		nouts;
	size_t		capouts;
	uint32_t	last_sent;		/* sentence of the last token of the
								 * previous window */
	bool		emitting;		/* second pass */

	/* document memory */
	MemSlot    *mem;
	size_t		nmem;
	size_t		memused;
	NaBuf		memstr;

	NaEntityFn	fn;
	void	   *arg;
	bool		stopped;
} Ner;

/* ---------------------------------------------------------------------
 * Small word lists (lower case, normalized)
 * ------------------------------------------------------------------- */

static bool
word_in(const char *w, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

/* words that end (or, with "of", begin) an organization's name */
static const char *const org_words[] = {
	"ministry", "council", "party", "inc", "inc.", "corp", "corp.", "co.", "ltd", "ltd.",
	"llc", "plc", "ag", "gmbh", "s.a.", "sa", "nv", "agency", "university", "college",
	"institute", "times", "news", "post", "journal", "herald", "tribune", "gazette",
	"bank", "group", "association", "committee", "commission", "union", "federation",
	"department", "office", "court", "parliament", "assembly", "congress", "senate",
	"board", "authority", "company", "corporation", "foundation", "fund", "club",
	"league", "organization", "organisation", "airlines", "airways", "motors", "bureau",
	"service", "services", "systems", "technologies", "holdings", "industries",
	"international", "press", "telegraph", "guardian", "radio", "television", "tv",
	"network", "society", "alliance", "coalition", "front", "movement", "army", "navy",
	"police", "church", "school", "hospital", "center", "centre", "exchange",
	"reserve", "cabinet", "government", "fc", "united", "rovers", "brigade",
	"brigades", "forces", "command", "securities", "partners", "labs",
	"pharmaceuticals", "energy", "petroleum", "electric", "communications", "media",
	"studios", "records", NULL
};

/* words that end or begin a place's name */
static const char *const loc_words[] = {
	"river", "mountains", "mountain", "sea", "ocean", "island", "islands", "lake",
	"valley", "province", "region", "county", "street", "square", "bay", "gulf",
	"peninsula", "strait", "desert", "coast", "mount", "mt.", "airport", "avenue",
	"road", "bridge", "park", "district", "state", "heights", "hills", "canal",
	"plain", "plains", "basin", "forest", "beach", "harbour", "harbor", "port",
	"oblast", "krai", "prefecture", "territory", "territories", NULL
};

/* head words after which "of" continues a name */
static const char *const of_heads[] = {
	"bank", "university", "ministry", "department", "house", "council", "church",
	"gulf", "bay", "republic", "kingdom", "isle", "sea", "cape", "strait", "duke",
	"prince", "princess", "court", "institute", "college", "school", "federation",
	"union", "league", "association", "chamber", "board", "bureau", "office",
	"museum", "academy", "society", "organization", "organisation", "commonwealth",
	"state", "states", "city", "port", "secretary", "minister", "committee",
	"commission", "party", "people's", "isle", "lake", "mount", "order", "army",
	"sultanate", "emirate", "province", "district", "county", "tower", NULL
};

/* lower-case name particles that join capitalized tokens */
static const char *const connectors[] = {
	"de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le",
	"bin", "ibn", "al", "el", "arap", "dos", "das", "ter", "ten", "af", "y", "st.",
	NULL
};

/* honorifics and roles that mark the next name as a person */
static const char *const honorifics[] = {
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir",
	"dame", "lord", "lady", "sen.", "rep.", "gov.", "gen.", "col.", "capt.", "lt.",
	"sgt.", "rev.", "maj.", "adm.", "cmdr.", "supt.", "insp.", "mme", "mme.", "messrs",
	"messrs.", "miss", "president", "minister", "secretary", "chancellor", "spokesman",
	"spokeswoman", "spokesperson", "senator", "governor", "mayor", "chairman",
	"chairwoman", "chief", "director", "judge", "justice", "coach", "manager",
	"ambassador", "king", "queen", "prince", "princess", "pope", "general", "commander",
	"leader", "premier", "envoy", "striker", "midfielder", "defender", "goalkeeper",
	"captain", "economist", "analyst", "professor", "lawyer", "attorney", "actor",
	"actress", "singer", "author", "writer", "officer", "sheikh", "ayatollah",
	"cardinal", "bishop", "archbishop", "rabbi", "imam", "father", "sister", "brother",
	"colonel", "lieutenant", "sergeant", "inspector", "detective", "deputy",
	"vice-president", "vice", "candidate", "nominee", "founder", "ceo", "cfo",
	"chair", "executive", "head", "emir", "sultan", "dalai", NULL
};

/* verbs of speech: a name next to them is most likely a person */
static const char *const speech_verbs[] = {
	"said", "says", "say", "told", "tells", "added", "asked", "stated", "explained",
	"noted", "warned", "wrote", "writes", "tweeted", "insisted", "argued", "declared",
	"announced", "replied", "recalled", "remarked", "commented", "continued",
	"urged", "admitted", "acknowledged", "claimed", "complained", "conceded",
	"confirmed", "cautioned", "described", "predicted", "suggested", "stressed",
	"emphasized", "emphasised", "believes", "thinks", NULL
};

/* sentence-initial words that are never names, whatever the model says */
static const char *const initial_words[] = {
	"however", "despite", "while", "according", "although", "after", "before",
	"meanwhile", "but", "and", "the", "a", "an", "in", "on", "at", "for", "from",
	"with", "by", "as", "if", "when", "where", "this", "that", "these", "those",
	"it", "its", "he", "she", "they", "we", "i", "you", "there", "here", "no",
	"yes", "not", "read", "previous", "next", "share", "related", "advertisement",
	"get", "click", "subscribe", "sign", "follow", "watch", "listen", "more",
	"also", "still", "yet", "so", "then", "now", "today", "yesterday", "tomorrow",
	"since", "until", "during", "under", "over", "about", "against", "between",
	"some", "many", "most", "all", "each", "every", "both", "other", "another",
	"such", "what", "who", "why", "how", "which", "our", "their", "his", "her",
	"my", "your", "one", "two", "three", "first", "last", "new", "asked", NULL
};

/* ---------------------------------------------------------------------
 * Model lookups
 * ------------------------------------------------------------------- */

static const NerWord *
model_word(const char *w, size_t len, uint32_t h)
{
	size_t		mask = NER_WORDS_SIZE - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask)
	{
		const NerWord *e = &ner_words[i];

		if (!e->w)
			return NULL;
		if ((size_t) e->len == len && memcmp(e->w, w, len) == 0)
			return e;
	}
}

static const NerCtx *
model_ctx(const NerCtx *tab, size_t size, const char *w, size_t len)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT, w, len);
	size_t		mask = size - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask)
	{
		const NerCtx *e = &tab[i];

		if (!e->w)
			return NULL;
		if ((size_t) e->len == len && memcmp(e->w, w, len) == 0)
			return e;
	}
}

/* ---------------------------------------------------------------------
 * Token helpers
 * ------------------------------------------------------------------- */

static inline const char *
tnorm(const Ner *x, const Tok *t)
{
	return x->norm.data + t->norm_off;
}

static inline bool
tis(const Ner *x, const Tok *t, const char *const *list)
{
	return word_in(tnorm(x, t), t->norm_len, list);
}

/* is_common: the capitalized word t is usually an ordinary word */
static bool
is_common(const Ner *x, const Tok *t)
{
	const NerWord *m;

	if (!(t->f & TK_WORD))
		return true;
	if (na_is_stopword(tnorm(x, t), t->norm_len))
		return true;
	m = model_word(tnorm(x, t), t->norm_len, t->hash);
	if (!m)
	{
		size_t		mask = NER_COMMON_SIZE - 1;

		for (size_t i = t->hash & mask; ner_common[i].w; i = (i + 1) & mask)
			if ((size_t) ner_common[i].len == t->norm_len &&
				memcmp(ner_common[i].w, tnorm(x, t), t->norm_len) == 0)
				return true;
		return false;
	}
	return m->lower >= 2 && (uint32_t) m->lower + m->oinit + m->ocap > 3u * m->ent;
}

/* ---------------------------------------------------------------------
 * Document memory
 * ------------------------------------------------------------------- */

static MemSlot *
mem_find(Ner *x, const char *key, size_t len, uint32_t h, bool insert)
{
	size_t		mask;
	size_t		i;

	if (insert && (x->memused + 1) * 2 > x->nmem)
	{
		size_t		n = x->nmem ? x->nmem * 2 : 256;
		MemSlot    *m = na_alloc(x->alloc, n * sizeof(MemSlot));

		if (!m)
		{
			x->st = NA_ERR_NOMEM;
			return NULL;
		}
		memset(m, 0, n * sizeof(MemSlot));
		for (size_t k = 0; k < x->nmem; k++)
		{
			size_t		j;

			if (x->mem[k].key_off == 0)
				continue;
			for (j = x->mem[k].hash & (n - 1); m[j].key_off; j = (j + 1) & (n - 1))
				;
			m[j] = x->mem[k];
		}
		na_release(x->alloc, x->mem);
		x->mem = m;
		x->nmem = n;
	}
	if (x->nmem == 0)
		return NULL;
	mask = x->nmem - 1;
	for (i = h & mask; x->mem[i].key_off; i = (i + 1) & mask)
	{
		MemSlot    *s = &x->mem[i];

		if (s->hash == h && s->key_len == len &&
			memcmp(x->memstr.data + s->key_off, key, len) == 0)
			return s;
	}
	if (!insert)
		return NULL;
	if (x->memstr.len == 0 && (x->st = na_buf_append(&x->memstr, "", 1)) != NA_OK)
		return NULL;
	if (x->memstr.len + len > UINT32_MAX / 2)
	{
		x->st = NA_ERR_TOO_LARGE;
		return NULL;
	}
	x->mem[i].key_off = (uint32_t) x->memstr.len;
	if ((x->st = na_buf_append(&x->memstr, key, len)) != NA_OK)
	{
		x->mem[i].key_off = 0;
		return NULL;
	}
	x->mem[i].hash = h;
	x->mem[i].key_len = (uint32_t) len;
	x->mem[i].strength = 0;
	x->memused++;
	return &x->mem[i];
}

static const char *
out_canon(const Ner *x, uint8_t csrc, uint32_t off)
{
	switch (csrc)
	{
		case CS_GAZ:
			return gz_str(x->g, off);
		case CS_MEM:
			return x->memstr.data + off;
		default:
			return x->canon.data + off;
	}
}

/*
 * mem_put remembers key (prefix byte kind + text) -> o's type and canonical
 * name, unless something stronger is already there.
 */
static void
mem_put(Ner *x, char kind, const char *key, size_t len, const Out *o, uint8_t strength)
{
	char		buf[512];
	uint32_t	h;
	MemSlot    *s;

	if (len + 1 > sizeof(buf) || x->st != NA_OK)
		return;
	buf[0] = kind;
	memcpy(buf + 1, key, len);
	h = na_fnv_add(NA_FNV_INIT, buf, len + 1);
	s = mem_find(x, buf, len + 1, h, true);
	if (!s || s->strength > strength)
		return;
	s->type = o->type;
	s->strength = strength;
	s->loff = o->loff;
	s->llen = o->llen;
	if (o->csrc == CS_GAZ)
	{
		s->csrc = CS_GAZ;
		s->coff = o->coff;
		s->clen = o->clen;
	}
	else if (o->csrc == CS_MEM)
	{
		s->csrc = CS_MEM;
		s->coff = o->coff;
		s->clen = o->clen;
	}
	else
	{
		size_t		off = x->memstr.len;

		if ((x->st = na_buf_append(&x->memstr, x->canon.data + o->coff, o->clen)) != NA_OK)
			return;
		s->csrc = CS_MEM;
		s->coff = (uint32_t) off;
		s->clen = o->clen;
	}
}

static const MemSlot *
mem_get(Ner *x, char kind, const char *key, size_t len)
{
	char		buf[512];

	if (len + 1 > sizeof(buf) || x->nmem == 0)
		return NULL;
	buf[0] = kind;
	memcpy(buf + 1, key, len);
	return mem_find(x, buf, len + 1, na_fnv_add(NA_FNV_INIT, buf, len + 1), false);
}

/* key of tokens [a, b): a substring of the norm arena */
static inline const char *
span_key(const Ner *x, uint32_t a, uint32_t b, size_t *len)
{
	const Tok  *ta = &x->toks[a];
	const Tok  *tb = &x->toks[b - 1];

	*len = tb->norm_off + tb->norm_len - ta->norm_off;
	return x->norm.data + ta->norm_off;
}

/* ---------------------------------------------------------------------
 * Output
 * ------------------------------------------------------------------- */

static Out *
out_new(Ner *x, uint32_t a, uint32_t b, NaEntityType type, float conf)
{
	Out		   *o;

	if (x->nouts == x->capouts)
	{
		size_t		n = x->capouts ? x->capouts * 2 : 64;
		Out		   *no = x->outs ? na_resize(x->alloc, x->outs, n * sizeof(Out))
			: na_alloc(x->alloc, n * sizeof(Out));

		if (!no)
		{
			x->st = NA_ERR_NOMEM;
			return NULL;
		}
		x->outs = no;
		x->capouts = n;
	}
	o = &x->outs[x->nouts++];
	memset(o, 0, sizeof(*o));
	o->a = a;
	o->b = b;
	o->type = (uint8_t) type;
	o->conf = conf;
	return o;
}

/* canonical name from the text of tokens [a, b): single spaces, no
 * possessive; a first given name is replaced by its canonical spelling */
static void
canon_from_text(Ner *x, Out *o, uint32_t a, uint32_t b, const GzEntry *given)
{
	size_t		off = x->canon.len;

	for (uint32_t k = a; k < b && x->st == NA_OK; k++)
	{
		const Tok  *t = &x->toks[k];
		size_t		n = t->len - (k == b - 1 ? t->trim_b : 0);

		if (k > a && t->start > x->toks[k - 1].start + x->toks[k - 1].len)
			x->st = na_buf_append(&x->canon, " ", 1);
		if (x->st != NA_OK)
			break;
		if (k == a && given)
			x->st = na_buf_append(&x->canon, gz_str(x->g, given->canon_off), given->canon_len);
		else
			x->st = na_buf_append(&x->canon, x->text + t->start, n);
	}
	/* line breaks inside a hard-wrapped name become spaces */
	for (size_t i = off; i < x->canon.len; i++)
		if (x->canon.data[i] == '\n' || x->canon.data[i] == '\r' || x->canon.data[i] == '\t')
			x->canon.data[i] = ' ';
	o->csrc = CS_TEXT;
	o->coff = (uint32_t) off;
	o->clen = (uint32_t) (x->canon.len - off);
}

static void
canon_from_gaz(Ner *x, Out *o, const GzEntry *e)
{
	o->csrc = CS_GAZ;
	o->coff = e->canon_off;
	o->clen = e->canon_len;
	o->loff = e->link_off;
	o->llen = e->link_len;
}

static void
canon_from_mem(Out *o, const MemSlot *m)
{
	o->csrc = m->csrc;
	o->coff = m->coff;
	o->clen = m->clen;
	o->loff = m->loff;
	o->llen = m->llen;
}

/* remember o for later mentions */
static void
remember(Ner *x, const Out *o, uint8_t strength)
{
	size_t		len;
	const char *key;

	if (!x->emitting && strength < 2)
		return;
	key = span_key(x, o->a, o->b, &len);

	mem_put(x, 'N', key, len, o, strength);
	if (o->type == NA_ENT_PERSON && o->b - o->a >= 2)
	{
		const Tok  *t = &x->toks[o->b - 1];

		/* the surname: last token, unless it is a suffix like Jr. */
		if ((t->norm_len == 3 && memcmp(tnorm(x, t), "jr.", 3) == 0) ||
			(t->norm_len == 2 && memcmp(tnorm(x, t), "jr", 2) == 0))
			t--;
		mem_put(x, 'S', tnorm(x, t), t->norm_len, o, strength);
	}
}

/* ---------------------------------------------------------------------
 * Gazetteer matching
 * ------------------------------------------------------------------- */

static bool
entry_ok(const Ner *x, const GzEntry *e, uint32_t a, uint32_t b)
{
	if (e->type == NA_ENT_TITLE)
		return true;
	if (!(x->toks[a].f & TK_CAP))
		return false;
	if (b - a > 1 && !(x->toks[b - 1].f & TK_CAP) &&
		x->toks[b - 1].kind != NA_TOK_NUMBER)
		return false;
	if (e->caps_only)
		for (uint32_t k = a; k < b; k++)
			if ((x->toks[k].f & TK_WORD) && (x->toks[k].flags & NA_TF_HAS_LOWER))
				return false;
	return true;
}

/* first acceptable entry of slot for tokens [a, b), preferring types */
static const GzEntry *
pick_entry(const Ner *x, const GzSlot *s, uint32_t a, uint32_t b)
{
	const GzEntry *best = NULL;
	int			bestrank = 99;

	for (const GzEntry *e = gz_entry(x->g, s->first); e; e = gz_entry(x->g, e->next))
	{
		/* prefer names over titles over given names */
		static const int rank[NA_ENT_TYPE_COUNT] = {9, 2, 1, 0, 3, 4, 5, 6};
		int			r = rank[e->type];

		if (r < bestrank && entry_ok(x, e, a, b))
		{
			best = e;
			bestrank = r;
		}
	}
	return best;
}

static void
gaz_matches(Ner *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		Tok		   *t = &x->toks[i];
		const GzSlot *s;
		uint32_t	h;
		uint32_t	ends[16];
		const GzSlot *slots[16];
		int			nm = 0;

		t->gm_end = 0;
		t->gm_entry = 0;
		t->given = 0;
		if (!(t->f & TK_WORD) || (t->f & TK_BLOCK) || !x->g)
			continue;
		h = t->hash;
		s = gz_find(x->g, tnorm(x, t), t->norm_len, h);
		if (s && (t->f & TK_CAP))
			for (const GzEntry *e = gz_entry(x->g, s->first); e; e = gz_entry(x->g, e->next))
				if (e->type == NA_ENT_GIVEN_NAME)
					t->given = (uint32_t) (e - x->g->entries) + 1;
		for (size_t j = i; s;)
		{
			if (s->first && nm < 16)
			{
				ends[nm] = (uint32_t) (j + 1);
				slots[nm++] = s;
			}
			if (!s->prefix || j + 1 >= n || (x->toks[j].f & TK_POSS))
				break;
			j++;
			if (x->toks[j].sent != t->sent || x->toks[j].nl >= 2 ||
				(x->toks[j].f & TK_BLOCK) || x->toks[j].norm_len == 0)
				break;
			h = na_fnv_add(h, " ", 1);
			h = na_fnv_add(h, tnorm(x, &x->toks[j]), x->toks[j].norm_len);
			{
				size_t		klen;
				const char *key = span_key(x, (uint32_t) i, (uint32_t) j + 1, &klen);

				s = gz_find(x->g, key, klen, h);
			}
		}
		while (nm > 0)
		{
			const GzEntry *e;

			nm--;
			e = pick_entry(x, slots[nm], (uint32_t) i, ends[nm]);
			if (e)
			{
				t->gm_end = ends[nm];
				t->gm_entry = (uint32_t) (e - x->g->entries) + 1;
				break;
			}
		}
	}
}

/* ---------------------------------------------------------------------
 * Line modes and sentence starts
 * ------------------------------------------------------------------- */

static void
line_modes(Ner *x, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		size_t		j = i + 1;
		int			words = 0,
					acaps = 0,
					caps = 0,
					lower = 0,
					common_caps = 0;
		uint8_t		mode = LM_NORMAL;

		while (j < n && x->toks[j].nl == 0)
			j++;
		for (size_t k = i; k < j; k++)
		{
			Tok		   *t = &x->toks[k];

			if (!(t->f & TK_WORD))
				continue;
			words++;
			if ((t->flags & NA_TF_ALL_UPPER) && !(t->flags & NA_TF_HAS_LOWER))
				acaps++;
			else if (t->f & TK_CAP)
			{
				caps++;
				if (k > i && is_common(x, t) &&
					!na_is_stopword(tnorm(x, t), t->norm_len))
					common_caps++;
			}
			else if (!na_is_stopword(tnorm(x, t), t->norm_len))
				lower++;
		}
		if (words >= 1 && acaps == words && lower == 0 &&
			(words >= 2 || x->toks[i].len >= 3))
			mode = LM_CAPS;
		else if (words >= 3 && lower == 0 && caps + acaps >= 3 && common_caps >= 1)
			mode = LM_TITLE;
		for (size_t k = i; k < j; k++)
			x->toks[k].mode = mode;
		i = j;
	}
}

static void
sentence_starts(Ner *x, size_t n)
{
	uint32_t	prev = x->last_sent;
	bool		want = true;

	for (size_t i = 0; i < n; i++)
	{
		Tok		   *t = &x->toks[i];

		if (t->sent != prev || t->nl >= 2)
			want = true;
		else if (t->nl == 1 && i > 0)
		{
			/* a single line break starts a line of its own unless the text
			 * is hard-wrapped: the line before ends with a word or comma */
			const Tok  *p = &x->toks[i - 1];

			if (!(p->kind == NA_TOK_WORD || p->kind == NA_TOK_ABBREV ||
				  (p->kind == NA_TOK_PUNCT && p->norm_len == 1 &&
				   (tnorm(x, p)[0] == ',' || tnorm(x, p)[0] == ';'))) ||
				p->mode != LM_NORMAL || t->mode != LM_NORMAL)
				want = true;
		}
		prev = t->sent;
		if (!want)
			continue;
		if (t->f & TK_WORD)
		{
			t->f |= TK_SINIT;
			want = false;
		}
		else if (t->kind != NA_TOK_PUNCT && t->kind != NA_TOK_SYMBOL)
			want = false;
	}
	/* after an opening quote, a new clause */
	for (size_t i = 0; i + 1 < n; i++)
	{
		const Tok  *t = &x->toks[i];

		if (t->kind == NA_TOK_PUNCT && (t->flags & NA_TF_QUOTE) && !(t->flags & NA_TF_CLOSER) &&
			(x->toks[i + 1].f & TK_WORD))
			x->toks[i + 1].f |= TK_SINIT;
	}
}

/* ---------------------------------------------------------------------
 * Classification
 * ------------------------------------------------------------------- */

static const uint8_t model_type[4] = {NA_ENT_PERSON, NA_ENT_ORG, NA_ENT_LOC, NA_ENT_MISC};

/* next word token after b in the same sentence, or NULL */
static const Tok *
word_after(const Ner *x, uint32_t b, size_t n, bool skip_comma)
{
	if (b < n && skip_comma && x->toks[b].kind == NA_TOK_PUNCT &&
		x->toks[b].norm_len == 1 && tnorm(x, &x->toks[b])[0] == ',')
		b++;
	if (b < n && x->toks[b].sent == x->toks[b > 0 ? b - 1 : 0].sent &&
		(x->toks[b].f & TK_WORD))
		return &x->toks[b];
	return NULL;
}

static bool
looks_demonym(const Ner *x, const Tok *t)
{
	const char *w = tnorm(x, t);
	size_t		n = t->norm_len;

	if (n < 5)
		return false;
	return (memcmp(w + n - 2, "an", 2) == 0 || memcmp(w + n - 3, "ese", 3) == 0 ||
			memcmp(w + n - 3, "ish", 3) == 0 || memcmp(w + n - 2, "ic", 2) == 0 ||
			memcmp(w + n - 1, "i", 1) == 0);
}

/*
 * classify decides the type of the unknown piece [a, b) (n tokens in the
 * window) and adds it to the output; title tells whether a title or
 * honorific came just before.
 */
static void
classify(Ner *x, uint32_t a, uint32_t b, size_t n, bool title)
{
	size_t		klen;
	const char *key;
	const MemSlot *m;
	const Tok  *first,
			   *last;
	const GzEntry *given = NULL;
	Out		   *o;
	float		s[5];
	int			best;
	float		conf;
	bool		all_common = true;
	const Tok  *after;
	bool		sinit = (x->toks[a].f & TK_SINIT) != 0;

	/* strip a sentence-initial common word and connectors at the edges */
	while (a < b)
	{
		const Tok  *t = &x->toks[a];

		if (!(t->f & TK_CAP) ||
			((t->f & TK_SINIT) && (tis(x, t, initial_words) || (is_common(x, t) && b - a > 1 &&
																!t->gm_entry))))
			a++;
		else
			break;
	}
	while (b > a && !(x->toks[b - 1].f & TK_CAP) && x->toks[b - 1].kind != NA_TOK_NUMBER)
		b--;
	if (a >= b)
		return;
	first = &x->toks[a];
	last = &x->toks[b - 1];
	key = span_key(x, a, b, &klen);

	/* document memory */
	if ((m = mem_get(x, 'N', key, klen)) != NULL ||
		(b - a == 1 && (m = mem_get(x, 'S', key, klen)) != NULL))
	{
		if ((o = out_new(x, a, b, (NaEntityType) m->type, 0.85f)) != NULL)
			canon_from_mem(o, m);
		return;
	}
	if (first->given && b - a >= 2)
		given = gz_entry(x->g, first->given);

	for (uint32_t k = a; k < b; k++)
		if ((x->toks[k].f & TK_CAP) && !is_common(x, &x->toks[k]))
			all_common = false;

	/* head words */
	if (b - a >= 2 && (tis(x, last, org_words) ||
					   (tis(x, first, org_words) && b - a >= 3 &&
						x->toks[a + 1].norm_len == 2 &&
						memcmp(tnorm(x, &x->toks[a + 1]), "of", 2) == 0)))
	{
		if ((o = out_new(x, a, b, NA_ENT_ORG, 0.8f)) != NULL)
			canon_from_text(x, o, a, b, NULL);
		if (o)
			remember(x, o, 2);
		return;
	}
	if (b - a >= 2 && (tis(x, last, loc_words) || tis(x, first, loc_words)) &&
		!title && !given)
	{
		if ((o = out_new(x, a, b, NA_ENT_LOC, 0.75f)) != NULL)
			canon_from_text(x, o, a, b, NULL);
		if (o)
			remember(x, o, 2);
		return;
	}
	if ((title || given) && b - a <= 4)
	{
		if ((o = out_new(x, a, b, NA_ENT_PERSON, title ? 0.9f : 0.85f)) != NULL)
			canon_from_text(x, o, a, b, given);
		if (o)
			remember(x, o, b - a >= 2 ? 3 : 2);
		return;
	}
	if (all_common && sinit)
		return;
	if (all_common && b - a >= 2)
		return;

	/* naive Bayes over PER ORG LOC MISC O */
	for (int t = 0; t < 5; t++)
		s[t] = ner_span_prior[t];
	for (uint32_t k = a; k < b; k++)
	{
		const Tok  *t = &x->toks[k];
		const NerWord *w;

		if (!(t->f & TK_CAP))
			continue;
		w = model_word(tnorm(x, t), t->norm_len, t->hash);
		if (w)
		{
			for (int c = 0; c < 5; c++)
				s[c] += w->lp[c];
		}
		else
		{
			const NerCtx *sf = NULL;

			if (t->norm_len >= 4)
				sf = model_ctx(ner_suffixes, NER_SUFFIXES_SIZE,
							   tnorm(x, t) + t->norm_len - 3, 3);
			for (int c = 0; c < 5; c++)
				s[c] += sf ? sf->lp[c] : ner_unk_lp[c];
		}
	}
	/* the O class only describes single mid-sentence words */
	if (b - a > 1 || (first->f & TK_SINIT))
		s[4] = -1e30f;
	{
		const NerCtx *c = NULL;

		if (a > 0 && x->toks[a - 1].sent == first->sent && x->toks[a - 1].norm_len > 0)
			c = model_ctx(ner_prev, NER_PREV_SIZE, tnorm(x, &x->toks[a - 1]),
						  x->toks[a - 1].norm_len);
		else if (a == 0 || x->toks[a - 1].sent != first->sent)
			c = model_ctx(ner_prev, NER_PREV_SIZE, "<s>", 3);
		for (int t = 0; t < 5; t++)
			s[t] += c ? c->lp[t] : ner_prev_unk[t];
		c = NULL;
		if (b < n && x->toks[b].sent == last->sent && x->toks[b].norm_len > 0)
			c = model_ctx(ner_next, NER_NEXT_SIZE, tnorm(x, &x->toks[b]), x->toks[b].norm_len);
		else
			c = model_ctx(ner_next, NER_NEXT_SIZE, "</s>", 4);
		for (int t = 0; t < 5; t++)
			s[t] += c ? c->lp[t] : ner_next_unk[t];
	}
	after = word_after(x, b, n, true);
	if (after && tis(x, after, speech_verbs))
		s[0] += 1.5f;
	if (all_common)
		s[4] += 3.0f;

	best = 0;
	for (int t = 1; t < 5; t++)
		if (s[t] > s[best])
			best = t;
	{
		double		z = 0;

		for (int t = 0; t < 5; t++)
			z += exp((double) (s[t] - s[best]));
		conf = (float) (1.0 / z);
	}
	if (best == 4)
		return;
	if (all_common && conf < 0.9f)
		return;
	{
		NaEntityType type = model_type[best];

		if (type == NA_ENT_MISC && b - a == 1 && looks_demonym(x, first))
			type = NA_ENT_NORP;
		if ((o = out_new(x, a, b, type, conf * 0.8f)) != NULL)
		{
			canon_from_text(x, o, a, b, NULL);
			remember(x, o, conf > 0.9f ? 2 : 1);
		}
	}
}

/* a gazetteer entity match [a, b) with entry e */
static void
emit_gaz(Ner *x, uint32_t a, uint32_t b, const GzEntry *e)
{
	Out		   *o = out_new(x, a, b, (NaEntityType) e->type, 0.95f);

	if (!o)
		return;
	canon_from_gaz(x, o, e);
	remember(x, o, 3);
}

static bool
is_title_at(const Ner *x, uint32_t i, uint32_t *end)
{
	const Tok  *t = &x->toks[i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;

	if (e && e->type == NA_ENT_TITLE)
	{
		*end = t->gm_end;
		return true;
	}
	if ((t->f & TK_WORD) && !e && tis(x, t, honorifics))
	{
		*end = i + 1;
		return true;
	}
	return false;
}

static bool
is_connector(const Ner *x, const Tok *t)
{
	if (t->kind == NA_TOK_SYMBOL && t->norm_len == 1 && tnorm(x, t)[0] == '&')
		return true;
	return (t->f & TK_WORD) && !(t->f & TK_CAP) && tis(x, t, connectors);
}

/*
 * segment_run handles the run of capitalized tokens [a, b): titles, gazetteer
 * entities and unknown pieces.  title: a title came just before the run.
 */
static void
segment_run(Ner *x, uint32_t a, uint32_t b, size_t n, bool title)
{
	uint32_t	i = a;

	/* the whole run is one organization when it ends with a head word */
	if (b - a >= 2 && tis(x, &x->toks[b - 1], org_words) &&
		!(x->toks[a].gm_entry && x->toks[a].gm_end == b))
	{
		uint32_t	e;

		/* but titles in front are cut off: "Chairman Acme Holdings" */
		while (i < b && is_title_at(x, i, &e) && e < b - 1)
			i = e;
		/* a gazetteer NORP/LOC in front stays part of it */
		if (!(x->toks[i].f & TK_SINIT) || !is_common(x, &x->toks[i]) || b - i >= 3)
		{
			classify(x, i, b, n, false);
			return;
		}
	}
	while (i < b && x->st == NA_OK)
	{
		const Tok  *t = &x->toks[i];
		const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;
		uint32_t	end;

		if (e && t->gm_end <= b && e->type != NA_ENT_TITLE && e->type != NA_ENT_GIVEN_NAME &&
			!(t->given && t->gm_end == i + 1 && i + 1 < b &&
			  (x->toks[i + 1].f & TK_CAP) && !x->toks[i + 1].gm_entry))
		{
			/* a person's name from the gazetteer may go on with unknown
			 * tokens only as a suffix; anything else is emitted as is */
			emit_gaz(x, i, t->gm_end, e);
			i = t->gm_end;
			title = false;
			continue;
		}
		if (is_title_at(x, i, &end) && end <= b)
		{
			title = true;
			i = end;
			continue;
		}
		if (!(t->f & TK_CAP))
		{
			i++;
			continue;
		}
		/* an unknown piece: up to the next gazetteer entity or title */
		end = i + 1;
		while (end < b)
		{
			const Tok  *u = &x->toks[end];
			const GzEntry *ue = u->gm_entry ? gz_entry(x->g, u->gm_entry) : NULL;
			uint32_t	te;

			if (ue && u->gm_end <= b && ue->type != NA_ENT_GIVEN_NAME &&
				!(ue->type == NA_ENT_TITLE && !(u->f & TK_CAP)))
			{
				/* a place or org inside "Bank of England" stays inside */
				if (end > i && !is_connector(x, &x->toks[end - 1]) &&
					!(x->toks[end - 1].norm_len == 2 &&
					  memcmp(tnorm(x, &x->toks[end - 1]), "of", 2) == 0))
					break;
			}
			if (!ue && is_title_at(x, end, &te) && te < b)
				break;
			end++;
		}
		/* "Volodymyr Zelenskyy": an unknown first name before a person
		 * known by surname */
		if (end < b && end - i <= 2 && x->toks[end].gm_entry && x->toks[end].gm_end <= b &&
			gz_entry(x->g, x->toks[end].gm_entry)->type == NA_ENT_PERSON &&
			!(x->toks[i].f & TK_SINIT && is_common(x, &x->toks[i])))
		{
			const GzEntry *pe = gz_entry(x->g, x->toks[end].gm_entry);
			const char *cn = gz_str(x->g, pe->canon_off);
			const Tok  *ft = &x->toks[i];
			Out		   *o = out_new(x, i, x->toks[end].gm_end, NA_ENT_PERSON, 0.9f);

			if (o)
			{
				/* same first name (3 letters, case-insensitively): the
				 * gazetteer's person; otherwise another one of the family */
				bool		same = ft->norm_len >= 3 && pe->canon_len >= 3;

				for (int k = 0; same && k < 3; k++)
				{
					char		c = cn[k];

					if (c >= 'A' && c <= 'Z')
						c = (char) (c + 32);
					if (c != tnorm(x, ft)[k])
						same = false;
				}
				if (same)
					canon_from_gaz(x, o, pe);
				else
					canon_from_text(x, o, i, x->toks[end].gm_end,
									ft->given ? gz_entry(x->g, ft->given) : NULL);
				remember(x, o, 3);
			}
			i = x->toks[end].gm_end;
			title = false;
			continue;
		}
		classify(x, i, end, n, title);
		title = false;
		i = end;
	}
}

/* process_lines_known: in headline modes only known names come out */
static void
known_only(Ner *x, uint32_t a, uint32_t b, size_t n)
{
	uint32_t	i = a;

	while (i < b && x->st == NA_OK)
	{
		const Tok  *t = &x->toks[i];
		const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;
		const MemSlot *m = NULL;
		uint32_t	j;
		Out		   *o;

		if (!(t->f & TK_CAP))
		{
			i++;
			continue;
		}
		if (e && e->type != NA_ENT_TITLE && e->type != NA_ENT_GIVEN_NAME)
		{
			emit_gaz(x, i, t->gm_end, e);
			i = t->gm_end;
			continue;
		}
		/* longest run from i known to the document memory */
		for (j = (b - i > 4 ? i + 4 : b); j > i; j--)
		{
			size_t		klen;
			const char *key = span_key(x, i, j, &klen);

			if ((m = mem_get(x, 'N', key, klen)) != NULL ||
				(j == i + 1 && (m = mem_get(x, 'S', key, klen)) != NULL))
				break;
		}
		if (m)
		{
			if ((o = out_new(x, i, j, (NaEntityType) m->type, 0.8f)) != NULL)
				canon_from_mem(o, m);
			i = j;
			continue;
		}
		/* a word the model has seen as a name far more often than not */
		{
			const NerWord *w = model_word(tnorm(x, t), t->norm_len, t->hash);

			if (w && w->ent >= 5 && w->ent >= 4u * ((uint32_t) w->ocap + w->oinit + w->lower))
			{
				int			best = 0;

				for (int c = 1; c < 4; c++)
					if (w->lp[c] > w->lp[best])
						best = c;
				if ((o = out_new(x, i, i + 1, model_type[best], 0.6f)) != NULL)
					canon_from_text(x, o, i, i + 1, NULL);
			}
		}
		i++;
	}
}

static bool
is_of(const Ner *x, const Tok *t)
{
	return t->norm_len == 2 && memcmp(tnorm(x, t), "of", 2) == 0 && (t->f & TK_WORD);
}

/* one pass over the window: runs, segmentation, classification */
static void
names_pass(Ner *x, size_t n)
{
	size_t		i = 0;

	x->nouts = 0;
	x->canon.len = 0;
	while (i < n && x->st == NA_OK)
	{
		Tok		   *t = &x->toks[i];
		bool		title = false;
		uint32_t	b;
		uint32_t	cover;

		if (!(t->f & TK_CAP) || (t->f & TK_BLOCK))
		{
			i++;
			continue;
		}
		/* a title or honorific just before (lower-case "spokesman") */
		if (i > 0)
		{
			const Tok  *p = &x->toks[i - 1];

			if ((p->f & TK_WORD) && p->sent == t->sent && !(p->f & TK_CAP) &&
				tis(x, p, honorifics))
				title = true;
			else if (i > 0 && p->gm_entry && p->gm_end == i &&
					 gz_entry(x->g, p->gm_entry)->type == NA_ENT_TITLE)
				title = true;
			else
			{
				/* a lower-case title of several words: "foreign minister" */
				for (size_t k = (i > 4 ? i - 4 : 0); k < i; k++)
					if (x->toks[k].gm_end == i && x->toks[k].gm_entry &&
						gz_entry(x->g, x->toks[k].gm_entry)->type == NA_ENT_TITLE)
						title = true;
			}
		}
		/* the run */
		b = (uint32_t) i + 1;
		cover = t->gm_end;
		while (b < n && b - i < MAX_RUN)
		{
			const Tok  *u = &x->toks[b];
			const Tok  *p = &x->toks[b - 1];

			if (u->sent != t->sent || u->nl >= 2 || (u->nl && u->mode != t->mode) ||
				(u->f & TK_BLOCK) || (p->f & TK_POSS) || u->mode != t->mode)
				break;
			if (u->f & TK_CAP)
			{
				b++;
			}
			else if (b + 1 < n && (x->toks[b + 1].f & TK_CAP) &&
					 !(x->toks[b + 1].f & TK_BLOCK) && x->toks[b + 1].sent == t->sent &&
					 x->toks[b + 1].nl < 2 &&
					 (is_connector(x, u) || cover > b ||
					  (is_of(x, u) && tis(x, p, of_heads))))
			{
				b += 2;
			}
			else if (cover > b && u->kind != NA_TOK_PUNCT)
				b++;
			else
				break;
			if (x->toks[b - 1].gm_end > cover)
				cover = x->toks[b - 1].gm_end;
		}
		if (t->mode == LM_NORMAL)
			segment_run(x, (uint32_t) i, b, n, title);
		else
			known_only(x, (uint32_t) i, b, n);
		i = b;
	}
}

/* ---------------------------------------------------------------------
 * Window processing and emission
 * ------------------------------------------------------------------- */

static bool
emit_span(Ner *x, size_t k)
{
	const NaSpan *sp = &x->spans[k];
	NaEntity	e;

	memset(&e, 0, sizeof(e));
	e.type = NA_ENT_NONE;
	e.type_name = sp->type;
	e.canonical = x->text + sp->start;
	e.canonical_len = sp->len;
	e.start = sp->start;
	e.len = sp->len;
	e.cstart = sp->cstart;
	e.clen = sp->clen;
	e.sentence = x->span_sent[k] ? x->span_sent[k] : (x->last_sent ? x->last_sent : 1);
	e.confidence = sp->confidence;
	if (!x->fn(&e, x->arg))
		x->stopped = true;
	return !x->stopped;
}

static void
emit_window(Ner *x, size_t n)
{
	for (size_t k = 0; k < x->nouts && !x->stopped; k++)
	{
		const Out  *o = &x->outs[k];
		const Tok  *ta = &x->toks[o->a];
		const Tok  *tb = &x->toks[o->b - 1];
		NaEntity	e;

		while (x->span_emit < x->nspans && x->spans[x->span_emit].start < ta->start)
			if (!emit_span(x, x->span_emit++))
				return;
		memset(&e, 0, sizeof(e));
		e.type = (NaEntityType) o->type;
		e.type_name = na_entity_type_name(e.type);
		e.canonical = out_canon(x, o->csrc, o->coff);
		e.canonical_len = o->clen;
		if (o->llen)
		{
			e.link = gz_str(x->g, o->loff);
			e.link_len = o->llen;
		}
		e.start = ta->start;
		e.len = tb->start + tb->len - tb->trim_b - ta->start;
		e.cstart = ta->cstart;
		e.clen = tb->cstart + tb->clen - tb->trim_c - ta->cstart;
		e.sentence = ta->sent;
		e.confidence = o->conf;
		if (!x->fn(&e, x->arg))
			x->stopped = true;
	}
	/* spans that start before the end of this window */
	if (n > 0)
	{
		size_t		end = x->toks[n - 1].start + x->toks[n - 1].len;

		while (!x->stopped && x->span_emit < x->nspans && x->spans[x->span_emit].start < end)
			if (!emit_span(x, x->span_emit++))
				return;
	}
}

/* links of memory entries whose canonical came from the window arena are
 * copied in mem_put, so the window can be reset afterwards */
static void
process_window(Ner *x)
{
	size_t		n = x->ntoks;

	if (n == 0)
		return;
	line_modes(x, n);
	sentence_starts(x, n);
	gaz_matches(x, n);
	/* pass 1: fill the document memory; pass 2: emit */
	x->emitting = false;
	names_pass(x, n);
	x->emitting = true;
	if (x->st == NA_OK)
		names_pass(x, n);
	if (x->st == NA_OK)
		emit_window(x, n);
	x->last_sent = x->toks[n - 1].sent;
	x->ntoks = 0;
	x->norm.len = 0;
	na_yield(x->yield);
}

/* ---------------------------------------------------------------------
 * Tokenizer callbacks
 * ------------------------------------------------------------------- */

static bool
on_token(const NaToken *tok, uint32_t sentence, void *arg)
{
	Ner		   *x = arg;
	Tok		   *t;
	uint8_t		tb = 0,
				tc = 0;
	size_t		off;

	if (x->st != NA_OK || x->stopped)
		return false;
	if (x->ntoks == x->captoks)
	{
		size_t		c = x->captoks ? x->captoks * 2 : 1024;
		Tok		   *nt = x->toks ? na_resize(x->alloc, x->toks, c * sizeof(Tok))
			: na_alloc(x->alloc, c * sizeof(Tok));

		if (!nt)
		{
			x->st = NA_ERR_NOMEM;
			return false;
		}
		x->toks = nt;
		x->captoks = c;
	}
	t = &x->toks[x->ntoks];
	t->start = (uint32_t) tok->start;
	t->len = (uint32_t) tok->len;
	t->cstart = (uint32_t) tok->cstart;
	t->clen = (uint32_t) tok->clen;
	t->sent = sentence;
	t->flags = (uint16_t) tok->flags;
	t->kind = (uint8_t) tok->kind;
	t->nl = tok->newlines > 255 ? 255 : (uint8_t) tok->newlines;
	t->f = 0;
	t->mode = LM_NORMAL;
	t->gm_end = 0;
	t->gm_entry = 0;

	/* normalized form (long tokens get an empty one: never a name) */
	if (x->ntoks > 0 && (x->st = na_buf_append(&x->norm, " ", 1)) != NA_OK)
		return false;
	off = x->norm.len;
	if (tok->len <= 128 && tok->kind != NA_TOK_URL && tok->kind != NA_TOK_EMAIL)
	{
		if ((x->st = na_ner_normalize(x->text, tok, &x->norm, &x->scratch, &tb, &tc)) != NA_OK)
			return false;
		if (x->norm.len - off > 255)
			x->norm.len = off;
	}
	if (off > UINT32_MAX / 2)
	{
		x->st = NA_ERR_TOO_LARGE;
		return false;
	}
	t->norm_off = (uint32_t) off;
	t->norm_len = (uint16_t) (x->norm.len - off);
	t->trim_b = tb;
	t->trim_c = tc;
	t->hash = na_fnv_add(NA_FNV_INIT, x->norm.data + off, t->norm_len);

	if ((tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_ABBREV) &&
		!(tok->flags & NA_TF_HAS_DIGIT) && t->norm_len > 0)
	{
		t->f |= TK_WORD;
		if (tok->flags & NA_TF_UPPER_INITIAL)
		{
			t->f |= TK_CAP;
			/* "Kremlin-backed": the name is only the first part */
			if (tok->flags & NA_TF_HYPHEN)
			{
				const char *h = memchr(x->text + tok->start, '-', tok->len);

				if (h && h + 1 < x->text + tok->start + tok->len &&
					h[1] >= 'a' && h[1] <= 'z')
					t->f &= (uint8_t) ~TK_CAP;
			}
		}
		if ((tok->flags & NA_TF_ALL_UPPER) && tok->clen >= 2)
			t->f |= TK_ACAPS;
	}
	if (tb)
		t->f |= TK_POSS;

	/* pattern spans covering this token block it */
	while (x->span_block < x->nspans &&
		   x->spans[x->span_block].start + x->spans[x->span_block].len <= tok->start)
		x->span_block++;
	if (x->span_block < x->nspans && x->spans[x->span_block].start < tok->start + tok->len)
	{
		t->f |= TK_BLOCK;
		if (x->span_sent[x->span_block] == 0)
			x->span_sent[x->span_block] = sentence;
	}
	x->ntoks++;
	if (x->ntoks >= MAX_WINDOW)
		process_window(x);
	return x->st == NA_OK && !x->stopped;
}

static bool
on_sentence(const NaSentence *s, void *arg)
{
	Ner		   *x = arg;

	if (x->ntoks >= WINDOW_TOKENS)
		process_window(x);
	return x->st == NA_OK && !x->stopped;
}

/* na_entities_extract: see entities.h. */
NaStatus
na_entities_extract(const NaGazetteer *g, const char *text, size_t len,
					const NaSpan *spans, size_t nspans,
					NaEntityFn fn, void *arg,
					const NaAllocator *alloc, const NaYield *yield,
					size_t *err_offset)
{
	Ner			x;
	NaStatus	st;

	if (len >= UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	memset(&x, 0, sizeof(x));
	x.g = g;
	x.text = text;
	x.textlen = len;
	x.alloc = alloc;
	x.yield = yield;
	x.spans = spans;
	x.nspans = spans ? nspans : 0;
	x.fn = fn;
	x.arg = arg;
	na_buf_init(&x.norm, alloc);
	na_buf_init(&x.scratch, alloc);
	na_buf_init(&x.canon, alloc);
	na_buf_init(&x.memstr, alloc);
	if (x.nspans > 0)
	{
		x.span_sent = na_alloc(alloc, x.nspans * sizeof(uint32_t));
		if (!x.span_sent)
			return NA_ERR_NOMEM;
		memset(x.span_sent, 0, x.nspans * sizeof(uint32_t));
	}
	st = na_split(text, len, on_token, on_sentence, &x, yield, err_offset);
	if (st == NA_OK)
		st = x.st;
	if (st == NA_OK && !x.stopped)
		process_window(&x);
	if (st == NA_OK)
		st = x.st;
	while (st == NA_OK && !x.stopped && x.span_emit < x.nspans)
		emit_span(&x, x.span_emit++);
	na_buf_free(&x.norm);
	na_buf_free(&x.scratch);
	na_buf_free(&x.canon);
	na_buf_free(&x.memstr);
	na_release(alloc, x.toks);
	na_release(alloc, x.outs);
	na_release(alloc, x.mem);
	na_release(alloc, x.span_sent);
	return st;
}
