/*
 * entities.c
 *		Named-entity recognition for news text: PERSON, ORG, LOC, NORP, MISC.
 *
 * Design
 * ------
 * The extractor reads an analysed document (doc.h) window by window: whole
 * sentences, about NA_DOC_WINDOW_TOKENS tokens, with their normalized,
 * lower-cased forms in one arena separated by single spaces (the key of
 * any run of tokens is a contiguous substring of the arena, so gazetteer
 * and memory probes need no copying), and the pattern spans marked on the
 * tokens they cover.  For each token it keeps one compact record (Tok)
 * with what it reads of the document and what its passes add, so the
 * rules touch one cache line per token.  Each window is processed in two
 * passes over the same steps:
 *
 *	1. line modes: a line whose words are all capitals (wire headlines,
 *	   datelines such as "BRUSSELS 1996-08-22") or which is in title case
 *	   with ordinary words capitalized ("Trump Signals Diplomatic Momentum")
 *	   only yields names that are known: gazetteer, document memory, or
 *	   words the model has seen as names many times (known_only);
 *	2. gazetteer matches: the longest alias starting at each token (hash
 *	   probes, extended token by token while a prefix exists);
 *	3. runs of capitalized tokens, joined by name connectors (de, van, bin,
 *	   &, and "of" after an organization or place head word, or inside a
 *	   gazetteer alias), cut at punctuation, possessives, line breaks and
 *	   pattern spans (names_pass);
 *	4. segmentation of each run by a table of named rules (segment_rules):
 *	   titles and honorifics are cut off and mark the following name as a
 *	   person; gazetteer entities are taken as they are; events, teams and
 *	   a known person's first name are recognized around them; the rest
 *	   becomes unknown pieces;
 *	5. classification of a piece by a sequence of named rules (classify):
 *	   shape (state abbreviations, datelines, line labels), document memory
 *	   (a name seen before keeps its type and canonical form; a lone
 *	   surname maps to the full name), organization and place head words,
 *	   a title before it, a given name first; sentence-initial common words,
 *	   a sentence-initial dictionary word the model has never seen
 *	   (src/data/ner_dictionary.txt) and pieces made of common words only
 *	   are dropped; what is left the entity model decides (ner_model.h:
 *	   the built-in naive Bayes of ner_bayes.c, or any model handed to
 *	   na_entities_create), with speech verbs and unseen word pairs as
 *	   evidence for a person; a piece of known words keeps the type its
 *	   own words clearly say unless its context clearly says another
 *	   (prior_holds).
 *
 * Every name found goes out through name_out (type, confidence, canonical
 * form from the text, the gazetteer or the memory, and how strongly the
 * document remembers it).  The first pass only fills the document memory
 * with strongly supported names (so that a headline before the article's
 * full name still resolves); the second pass emits.  The document's
 * pattern spans (DATE, MONEY, ...) block the tokens they cover and are
 * merged into the output in order.  The document memory is carried from
 * one window to the next.
 *
 * Nothing is allocated per token: the window records and the canonical
 * arena are reused, and the document memory is an open-addressing table.
 * The word lists the rules read are in src/data (gen_ner_*.inc), looked up
 * once per token as word classes (ner_words.c).
 */
#include "entities.h"

#include <math.h>
#include <string.h>

#include "gazetteer.h"
#include "markup.h"
#include "ner_model.h"
#include "ner_words.h"
#include "tokenizer.h"
#include "unicode.h"

#include "gen_ner_adverb_endings.inc"
#include "gen_ner_dictionary.inc"
#include "gen_ner_event_heads.inc"

#include <math.h>
#include <string.h>


#define MAX_RUN			NA_DOC_MAX_NAME	/* tokens in one name */
#define GAZ_AHEAD		8			/* gazetteer slots fetched this many tokens ahead */

/* derived token bits (Tok.f) */
#define TK_WORD		0x01		/* word or abbreviation with letters */
#define TK_CAP		0x02		/* capitalized */
#define TK_BLOCK	0x04		/* covered by a pattern span */
#define TK_SINIT	0x08		/* first word of a sentence or line */
#define TK_POSS		0x10		/* ends with a possessive */
#define TK_ACAPS	0x20		/* all capitals, two letters or more */
#define TK_GAP		0x40		/* a pattern span lies between this token
								 * and the previous one */
#define TK_STOP		0x80		/* a stopword (NA_WC_STOPWORD), looked up
								 * once */

/* where a sports table line names teams (table_line) */
#define TEAM_NONE	0
#define TEAM_SIDE	1			/* a side: a city there is the club */
#define TEAM_HOST	2			/* the place after "AT": where it is played */
#define TEAM_RESULT	3			/* a side of a result ("Hamburg 0 VfB
								 * Stuttgart 4"): a team, whatever it looks
								 * like */
#define TEAM_STANDING 4			/* the name of a row of standings ("Leeds 21
								 * 6 0 15"): a team in a sports report */

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
	uint16_t	wcls;			/* its word classes (ner_words.h) */
	uint16_t	flags;
	uint8_t		kind;
	uint8_t		nl;
	uint8_t		trim_b;
	uint8_t		trim_c;
	uint8_t		f;
	uint8_t		mode;
	uint8_t		team;			/* a team's place in a sports table line
								 * (TEAM_*) */
} Tok;

/* where a canonical name lives */
#define CS_TEXT		0			/* canon arena of the window */
#define CS_GAZ		1			/* gazetteer strings */
#define CS_MEM		2			/* document memory strings */

/*
 * The rule that named a name, which gives its confidence (rule_confidence):
 * the share of the names that rule gives each type that are right, measured
 * on CoNLL-2003 train; names the model decides get the model's probability.
 * A later mention the document memory resolves is as sure as the first.
 */
typedef enum NerRule
{
	NR_MODEL = 0,				/* the model's probability (Out.conf) */
	NR_GAZETTEER,				/* a gazetteer alias */
	NR_TITLE,					/* a title or honorific before it */
	NR_GIVEN_NAME,				/* a known given name first */
	NR_KNOWN_PERSON,			/* a first name before a known person */
	NR_ORG_HEAD,				/* an organization's head word */
	NR_PLACE_HEAD,				/* a place's head word */
	NR_EVENT,					/* a place and an event word */
	NR_PLACE_AND_WORDS,			/* a place and unknown words (Houston Astros) */
	NR_DATELINE,				/* a place in capitals opening a dateline */
	NR_STATE,					/* a US state abbreviation after a comma */
	NR_PARTY_PLACE,				/* "R-Miss.": a legislator's party and place */
	NR_DOTCOM,					/* "Goto.com": a company's web address */
	NR_HEADLINE_MEMORY,			/* in a headline, known to the memory */
	NR_HEADLINE_MODEL,			/* in a headline, nearly always a name */
	NR_HEADLINE_COMPANY,		/* in a headline, before a company suffix */
	NR_TEAM,					/* a city as a side in a sports table */
	NR_COUNT
} NerRule;

typedef struct Out
{
	uint32_t	a;				/* first token */
	uint32_t	b;				/* one past the last token */
	uint8_t		type;
	uint8_t		rule;			/* NerRule */
	uint8_t		csrc;
	uint16_t	part_off;		/* part_len > 0: only these bytes of token a */
	uint16_t	part_len;		/* (a part of "US-Russia"), ASCII */
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
	uint8_t		rule;			/* the NerRule that named it */
	float		conf;			/* NR_MODEL: the model's confidence */
	uint32_t	coff;
	uint32_t	clen;
	uint32_t	loff;
	uint32_t	llen;
	uint32_t	nvotes;			/* 'V' keys: the model's probabilities of */
	float		votes[NA_NER_CLASSES];	/* each mention, summed */
} MemSlot;

struct NaEntities
{
	const NaGazetteer *g;
	NaNerModel *model;			/* the model the rules ask */
	NaNerModel *stack;			/* a stacked tagging model (NaNerModel.rules),
								 * or NULL */
	NaNerMention *rnames;		/* the rules' names of the window, for it */
	size_t		nrnames;
	size_t		caprnames;
	NaDoc	   *doc;
	const char *text;
	const NaAllocator *alloc;
	const NaYield *yield;
	NaStatus	st;

	/* the document's pattern spans */
	const NaSpan *spans;
	size_t		nspans;
	const uint32_t *span_sent;	/* sentence of each (doc.h) */
	size_t		span_emit;		/* next span to emit */

	/* window */
	Tok		   *toks;
	size_t		ntoks;
	size_t		captoks;
	const char *arena;			/* the document's normalized forms */
	NaBuf		canon;			/* canonical names built in this window */
	Out		   *outs;
	size_t		nouts;
	size_t		capouts;
	uint32_t	last_sent;		/* sentence of the last token of the
								 * previous window */
	bool		sports;			/* the window has a result, a fixture or a
								 * table header (table_line) */
	bool		emitting;		/* second pass */

	/* document memory */
	MemSlot    *mem;
	size_t		nmem;
	size_t		memused;
	NaBuf		memstr;

	/* hashes of the lower-case words of the window (lower_seen), built on
	 * first use */
	uint32_t   *lower;
	size_t		nlower;
	bool		lower_built;

	NaEntityFn	fn;
	void	   *arg;
	bool		stopped;

	/* a stacked extractor's second listener, to the rules' names
	 * (na_entities_tap_rules), with its own place in the spans */
	NaEntityFn	tap_fn;
	void	   *tap_arg;
	size_t		tap_span_emit;
	bool		tap_stopped;
};

typedef struct NaEntities Ner;

/* ---------------------------------------------------------------------
 * Entity types
 * ------------------------------------------------------------------- */

static const char *const type_names[NA_ENT_TYPE_COUNT] = {
	[NA_ENT_NONE] = "NONE",
	[NA_ENT_PERSON] = "PERSON",
	[NA_ENT_ORG] = "ORG",
	[NA_ENT_LOC] = "LOC",
	[NA_ENT_NORP] = "NORP",
	[NA_ENT_MISC] = "MISC",
	[NA_ENT_TITLE] = "TITLE",
	[NA_ENT_GIVEN_NAME] = "GIVEN_NAME",
};

static const char *const type_descs[NA_ENT_TYPE_COUNT] = {
	[NA_ENT_NONE] = "no entity",
	[NA_ENT_PERSON] = "people",
	[NA_ENT_ORG] = "organizations: companies, agencies, institutions, parties, teams, media",
	[NA_ENT_LOC] = "locations: countries, cities, regions, geographic features, facilities",
	[NA_ENT_NORP] = "nationalities, religious and political groups (linked to their country)",
	[NA_ENT_MISC] = "other names: events, works, products, laws",
	[NA_ENT_TITLE] = "gazetteer only: a title or role written before a name",
	[NA_ENT_GIVEN_NAME] = "gazetteer only: a given name",
};

/* na_entity_type_name: the upper-case name of type, "NONE" when out of range. */
const char *
na_entity_type_name(NaEntityType type)
{
	if ((unsigned) type >= NA_ENT_TYPE_COUNT)
		return "NONE";
	return type_names[type];
}

/* na_entity_type_desc: a one-line description of type. */
const char *
na_entity_type_desc(NaEntityType type)
{
	if ((unsigned) type >= NA_ENT_TYPE_COUNT)
		return type_descs[NA_ENT_NONE];
	return type_descs[type];
}

/* na_entity_type_parse: the type called name[0..len), or NA_ENT_NONE. */
NaEntityType
na_entity_type_parse(const char *name, size_t len)
{
	for (int t = NA_ENT_PERSON; t < NA_ENT_TYPE_COUNT; t++)
		if (strlen(type_names[t]) == len && memcmp(type_names[t], name, len) == 0)
			return (NaEntityType) t;
	return NA_ENT_NONE;
}

/* ---------------------------------------------------------------------
 * Token helpers
 * ------------------------------------------------------------------- */

static inline const char *
tnorm(const Ner *x, const Tok *t)
{
	return x->arena + t->norm_off;
}

/* tis: is token t in a word list of the class cls (ner_words.h)? */
#define tis(t, cls) (((t)->wcls & (cls)) != 0)

/* model_word: what the model knows of the word t */
static inline NaNerWord
model_word(const Ner *x, const Tok *t)
{
	NaNerWord	w;

	x->model->word(x->model, x->doc, (size_t) (t - x->toks), &w);
	return w;
}

/* is_common: the capitalized word t is usually an ordinary word */
static bool
is_common(const Ner *x, const Tok *t)
{
	if (!(t->f & TK_WORD))
		return true;
	if (t->f & TK_STOP)
		return true;
	return model_word(x, t).common;
}

/* is_contraction: t is a contraction such as We're, They'll, I'd, Don't,
 * which is never a name */
static bool
is_contraction(const Ner *x, const Tok *t)
{
	const char *w = tnorm(x, t);
	size_t		n = t->norm_len;

	if (n < 3)
		return false;
	if (w[n - 2] == '\'' && (w[n - 1] == 'm' || w[n - 1] == 'd'))
		return true;
	return n >= 4 && (w[n - 3] == '\'' || (w[n - 3] == 'n' && w[n - 2] == '\'')) &&
		(memcmp(w + n - 2, "re", 2) == 0 || memcmp(w + n - 2, "ve", 2) == 0 ||
		 memcmp(w + n - 2, "ll", 2) == 0 || memcmp(w + n - 2, "'t", 2) == 0);
}

/* is_adverb: t looks like a sentence adverb ("Obviously", "Similarly"):
 * seven letters or more with an ending of ner_adverb_endings */
static bool
is_adverb(const Ner *x, const Tok *t)
{
	const char *w = tnorm(x, t);
	size_t		n = t->norm_len;

	if (n < 7)
		return false;
	for (size_t k = 0; k < sizeof(ner_adverb_endings) / sizeof(ner_adverb_endings[0]); k++)
	{
		size_t		e = strlen(ner_adverb_endings[k]);

		if (e < n && memcmp(w + n - e, ner_adverb_endings[k], e) == 0)
			return true;
	}
	return false;
}

/* in_dictionary: w[0..n) is in src/data/ner_dictionary.txt */
static bool
in_dictionary(const char *w, size_t n)
{
	return NA_IN_WORDS(ner_dictionary, w, n);
}

/*
 * dictionary_word: the lower-case word w[0..n) is an ordinary English word
 * (src/data/ner_dictionary.txt), as written or once a regular ending is
 * taken off ("clients", "echoing", "relieved", "carries"); the endings are
 * those src/tools/gen_ner_dictionary.py tries
 */
static bool
dictionary_word(const char *w, size_t n)
{
	char		lemma[32];

	if (n < 3 || n >= sizeof(lemma))
		return false;
	for (size_t k = 0; k < n; k++)
		if (w[k] < 'a' || w[k] > 'z')
			return false;
	if (in_dictionary(w, n))
		return true;
	memcpy(lemma, w, n);
#define ENDS(e) (n > sizeof(e) - 1 && memcmp(w + n - (sizeof(e) - 1), e, sizeof(e) - 1) == 0)
	if (n > 4 && ENDS("ies"))
	{
		lemma[n - 3] = 'y';
		if (in_dictionary(lemma, n - 2))
			return true;
	}
	if (n > 3 && ENDS("es") && in_dictionary(w, n - 2))
		return true;
	if (n > 3 && ENDS("s") && !ENDS("ss") && in_dictionary(w, n - 1))
		return true;
	if (n > 5 && ENDS("ing"))
	{
		lemma[n - 3] = 'e';
		if (in_dictionary(w, n - 3) || in_dictionary(lemma, n - 2) ||
			(w[n - 4] == w[n - 5] && in_dictionary(w, n - 4)))
			return true;
	}
	if (n > 4 && ENDS("ed"))
	{
		if (in_dictionary(w, n - 2) || in_dictionary(w, n - 1) ||
			(w[n - 3] == w[n - 4] && in_dictionary(w, n - 3)))
			return true;
		if (ENDS("ied"))
		{
			lemma[n - 3] = 'y';
			if (in_dictionary(lemma, n - 2))
				return true;
		}
	}
	if (n > 5 && ENDS("ly") && in_dictionary(w, n - 2))
		return true;
#undef ENDS
	return false;
}

/* is_ordinary: the capitalized word t is unknown to the model and an
 * ordinary English word (dictionary_word): no name when it starts a
 * sentence, unless the gazetteer knows it as a given name */
static bool
is_ordinary(const Ner *x, const Tok *t)
{
	return (t->f & TK_WORD) && !t->gm_entry && !t->given &&
		dictionary_word(tnorm(x, t), t->norm_len) && !model_word(x, t).known;
}

/* sentence_word: t starts a sentence as an ordinary word would: one of
 * the sentence openers of ner_initial_words, a common word or a
 * dictionary word the model has never seen ("Unlike Brazil, ...") */
static bool
sentence_word(const Ner *x, const Tok *t)
{
	return (t->f & TK_SINIT) &&
		(tis(t, NA_WC_INITIAL) || is_common(x, t) || is_ordinary(x, t));
}

/* build_lower fills the set of hashes of the window's lower-case words */
static void
build_lower(Ner *x)
{
	size_t		need = 64;
	size_t		mask;

	x->lower_built = true;
	while (need < 2 * x->ntoks)
		need *= 2;
	if (need > x->nlower)
	{
		uint32_t   *nl = na_alloc(x->alloc, need * sizeof(uint32_t));

		if (!nl)
		{
			x->st = NA_ERR_NOMEM;
			return;
		}
		na_release(x->alloc, x->lower);
		x->lower = nl;
		x->nlower = need;
	}
	memset(x->lower, 0, x->nlower * sizeof(uint32_t));
	mask = x->nlower - 1;
	for (size_t i = 0; i < x->ntoks; i++)
	{
		const Tok  *u = &x->toks[i];
		uint32_t	v = u->hash | 1u;
		size_t		j;

		if ((u->f & (TK_WORD | TK_CAP)) != TK_WORD)
			continue;
		for (j = v & mask; x->lower[j] && x->lower[j] != v; j = (j + 1) & mask)
			;
		x->lower[j] = v;
	}
}

/*
 * lower_seen: the word t (or it with an "s" added or taken off) is written
 * in lower case somewhere in the window, so that a capital at the start of
 * a sentence or in a heading is no sign of a name: "Mobile phone users ...
 * mobile networks".
 */
static bool
lower_seen(Ner *x, const Tok *t)
{
	size_t		mask;
	uint32_t	h[3];
	int			nh = 2;

	if (!(t->f & TK_WORD) || t->norm_len < 2)
		return false;
	if (!x->lower_built)
		build_lower(x);
	if (!x->lower || x->st != NA_OK)
		return false;
	mask = x->nlower - 1;
	h[0] = t->hash;
	h[1] = na_fnv_add(t->hash, "s", 1);
	if (tnorm(x, t)[t->norm_len - 1] == 's')
		h[nh++] = na_fnv_add(NA_FNV_INIT, tnorm(x, t), t->norm_len - 1);
	for (int k = 0; k < nh; k++)
	{
		uint32_t	v = h[k] | 1u;

		for (size_t j = v & mask; x->lower[j]; j = (j + 1) & mask)
			if (x->lower[j] == v)
				return true;
	}
	return false;
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
	x->mem[i].nvotes = 0;
	memset(x->mem[i].votes, 0, sizeof(x->mem[i].votes));
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
	s->rule = o->rule;
	s->conf = o->conf;
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
	return x->arena + ta->norm_off;
}

/* ---------------------------------------------------------------------
 * Output
 * ------------------------------------------------------------------- */

static Out *
out_new(Ner *x, uint32_t a, uint32_t b, NaEntityType type, NerRule rule)
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
	o->rule = (uint8_t) rule;
	return o;
}

static bool is_name_apostrophe(const Ner *x, size_t b);

/* append_decoded: append text[0..n) to the canonical arena, with the
 * character entities in it ("&amp;", "&#39;") decoded */
static void
append_decoded(Ner *x, const char *s, size_t n)
{
	size_t		done = 0;

	for (size_t i = 0; i < n && x->st == NA_OK; i++)
	{
		NaChar		c;
		char		utf8[4];

		if ((s[i] != '&' && s[i] != '#') ||
			!na_read_char((const uint8_t *) s, n, i, &c) || c.nbytes < 2)
			continue;
		x->st = na_buf_append(&x->canon, s + done, i - done);
		if (x->st == NA_OK)
			x->st = na_buf_append(&x->canon, utf8, (size_t) na_utf8_encode(c.cp, utf8));
		i += c.nbytes - 1;
		done = i + 1;
	}
	if (x->st == NA_OK)
		x->st = na_buf_append(&x->canon, s + done, n - done);
}

/* canonical name from the text of tokens [a, b): single spaces, no
 * possessive, character entities decoded; a first given name is replaced
 * by its canonical spelling, and a person's middle initial gets its period
 * ("George W Bush" is "George W. Bush") */
static void
canon_from_text(Ner *x, Out *o, uint32_t a, uint32_t b, const GzEntry *given)
{
	size_t		off = x->canon.len;

	for (uint32_t k = a; k < b && x->st == NA_OK; k++)
	{
		const Tok  *t = &x->toks[k];
		size_t		n = t->len - (k == b - 1 ? t->trim_b : 0);

		if (k > a && t->start > x->toks[k - 1].start + x->toks[k - 1].len &&
			!(k >= 2 && is_name_apostrophe(x, k - 1)))
			x->st = na_buf_append(&x->canon, " ", 1);
		if (x->st != NA_OK)
			break;
		if (k == a && given)
			x->st = na_buf_append(&x->canon, gz_str(x->g, given->canon_off), given->canon_len);
		else if (t->flags & NA_TF_SLOW)
			append_decoded(x, x->text + t->start, n);
		else
			x->st = na_buf_append(&x->canon, x->text + t->start, n);
		if (x->st == NA_OK && o->type == NA_ENT_PERSON && k > a && k + 1 < b && n == 1 &&
			x->text[t->start] >= 'A' && x->text[t->start] <= 'Z' && !is_name_apostrophe(x, k + 1))
			x->st = na_buf_append(&x->canon, ".", 1);
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

/* place_word: the gazetteer knows the word t alone as a place */
static bool
place_word(const Ner *x, const Tok *t)
{
	const GzSlot *s = x->g ? gz_find(x->g, tnorm(x, t), t->norm_len, t->hash) : NULL;

	for (const GzEntry *e = s ? gz_entry(x->g, s->first) : NULL; e; e = gz_entry(x->g, e->next))
		if (e->type == NA_ENT_LOC)
			return true;
	return false;
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
	if (o->type == NA_ENT_ORG && o->b - o->a >= 2 && o->part_len == 0)
	{
		/* "USAir Group", "Ford Motor Co": the company without its suffix */
		const Tok  *t = &x->toks[o->b - 1];
		const Tok  *f = &x->toks[o->a];

		if ((tis(t, NA_WC_COMPANY_SUFFIX) ||
			 (t->norm_len == 5 && memcmp(tnorm(x, t), "group", 5) == 0)) &&
			!is_common(x, f) && !in_dictionary(tnorm(x, f), f->norm_len))
		{
			key = span_key(x, o->a, o->b - 1, &len);
			mem_put(x, o->b - o->a == 2 ? 'S' : 'N', key, len, o, strength);
		}
	}
	if (o->type == NA_ENT_ORG && o->b - o->a == 2 && o->part_len == 0 && o->csrc == CS_GAZ &&
		place_word(x, &x->toks[o->a]) && !place_word(x, &x->toks[o->b - 1]) &&
		(x->toks[o->b - 1].f & TK_CAP))
	{
		/* a club the gazetteer knows, a city and a word ("Manchester
		 * United", "Manchester City"): the word alone is the club too, as
		 * a surname is the person */
		const Tok  *t = &x->toks[o->b - 1];

		mem_put(x, 'S', tnorm(x, t), t->norm_len, o, 1);
	}
	if (o->type == NA_ENT_PERSON && o->b - o->a >= 2)
	{
		const Tok  *t = &x->toks[o->b - 1];

		/* the surname: last token, unless it is a suffix like Jr. */
		if ((t->norm_len == 3 && memcmp(tnorm(x, t), "jr.", 3) == 0) ||
			(t->norm_len == 2 && memcmp(tnorm(x, t), "jr", 2) == 0))
			t--;
		if (t - x->toks >= (ptrdiff_t) o->a + 2 && is_name_apostrophe(x, (size_t) (t - x->toks) - 1) &&
			t->norm_len < 60)
		{
			/* "Michael O' Leary": O'Leary */
			char		buf[64];

			buf[0] = tnorm(x, t - 2)[0];
			buf[1] = '\'';
			memcpy(buf + 2, tnorm(x, t), t->norm_len);
			mem_put(x, 'S', buf, t->norm_len + 2, o, strength);
		}
		mem_put(x, 'S', tnorm(x, t), t->norm_len, o, strength);
	}
	if (o->type == NA_ENT_PERSON && o->csrc == CS_GAZ)
	{
		/* "President Xi" named Xi Jinping: "Jinping" is him too (the last
		 * word of the canonical name, when it is ASCII) */
		const char *c = out_canon(x, o->csrc, o->coff);
		size_t		e = o->clen;
		size_t		w = e;
		char		buf[64];

		while (w > 0 && c[w - 1] != ' ')
			w--;
		if (w == 0 || e - w >= sizeof(buf))
			return;
		for (size_t k = w; k < e; k++)
		{
			unsigned char ch = (unsigned char) c[k];

			if (ch >= 0x80)
				return;
			buf[k - w] = (char) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		}
		mem_put(x, 'S', buf, e - w, o, strength);
	}
}

/*
 * Where a name's canonical form comes from: a gazetteer entry (with its
 * link), a name the document remembers, or the text of its tokens (with a
 * given name's canonical spelling in front, when given is set).
 */
typedef struct Canon
{
	const GzEntry *gaz;
	const MemSlot *mem;
	const GzEntry *given;
} Canon;

#define FROM_TEXT			((Canon) {NULL, NULL, NULL})
#define FROM_GIVEN(e)		((Canon) {NULL, NULL, (e)})
#define FROM_GAZETTEER(e)	((Canon) {(e), NULL, NULL})
#define FROM_MEMORY(m)		((Canon) {NULL, (m), NULL})

/*
 * How sure a name is: the rule that named it, and for NR_MODEL the model's
 * confidence; a name the memory gives is as sure as the one remembered.
 */
typedef struct Sure
{
	NerRule		rule;
	float		p;
} Sure;

#define BY(r)			((Sure) {(r), 0.0f})
#define BY_MODEL(p)		((Sure) {NR_MODEL, (p)})
#define BY_MEMORY(m)	((Sure) {(NerRule) (m)->rule, (m)->conf})

/*
 * name_out adds the name of tokens [a, b) to the window's output with its
 * type, how sure it is and its canonical form, and remembers it for later
 * mentions with strength (0: not remembered).  Returns the output, NULL
 * when memory ran out (x->st tells).
 */
static Out *
name_out(Ner *x, uint32_t a, uint32_t b, NaEntityType type, Sure sure, Canon canon,
		 uint8_t strength)
{
	Out		   *o = out_new(x, a, b, type, sure.rule);

	if (!o)
		return NULL;
	o->conf = sure.p;
	if (canon.gaz)
		canon_from_gaz(x, o, canon.gaz);
	else if (canon.mem)
		canon_from_mem(o, canon.mem);
	else
		canon_from_text(x, o, a, b, canon.given);
	if (strength > 0)
		remember(x, o, strength);
	return o;
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

		/* equal ranks: an unlinked entry (a country) over a linked one,
		 * then the first row in (alias, type, canonical) order; the list
		 * runs from the last row added to the first */
		if ((r < bestrank || (r == bestrank && (e->link_len == 0 || best->link_len > 0))) &&
			entry_ok(x, e, a, b))
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
	size_t		mask = x->g && x->g->nslots ? x->g->nslots - 1 : 0;

	for (size_t i = 0; i < n; i++)
	{
		Tok		   *t = &x->toks[i];
		const GzSlot *s;
		uint32_t	h;
		uint32_t	ends[16];
		const GzSlot *slots[16];
		int			nm = 0;

		/* the table slot of a token a few ahead, fetched while this one is
		 * looked up (the table is larger than the caches) */
		if (mask && i + GAZ_AHEAD < n)
			__builtin_prefetch(&x->g->slots[x->toks[i + GAZ_AHEAD].hash & mask]);
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
				(x->toks[j].f & (TK_BLOCK | TK_GAP)) || x->toks[j].norm_len == 0)
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

/*
 * Line modes.  Each line (tokens up to the next line break) is counted
 * once (LineStats); then the rules below are tried in order and the first
 * that applies gives the line its mode, or blocks it.
 */
typedef struct LineStats
{
	size_t		i;				/* tokens [i, j) of the window (n tokens) */
	size_t		j;
	size_t		n;
	int			words;
	int			acaps;			/* words in capitals */
	int			caps;			/* other capitalized words */
	int			lower;			/* lower-case words but function words */
	int			stop_lower;		/* lower-case function words */
	int			common_caps;	/* capitalized ordinary words, first word
								 * aside */
	int			initials;		/* "J.", "K.": initials */
	bool		first_cap;		/* the first word is capitalized */
	bool		first_common;	/* ... and an ordinary word */
} LineStats;

typedef bool (*LineRule) (Ner *x, const LineStats *l, uint8_t *mode);

/* is_punct: token t is the one-character punctuation c */
static inline bool
is_punct(const Ner *x, const Tok *t, char c)
{
	return t->norm_len == 1 && tnorm(x, t)[0] == c;
}

/* credit_line: "Courtesy of: AP, London", "Photo: Reuters": a source
 * credit yields no name; its tokens are blocked */
static bool
credit_line(Ner *x, const LineStats *l, uint8_t *mode)
{
	const Tok  *t = &x->toks[l->i];

	if (l->j - l->i < 3 || !(t->f & TK_CAP) || !tis(t, NA_WC_CREDIT))
		return false;
	if (!is_punct(x, &t[1], ':') &&
		!(t->norm_len == 8 && memcmp(tnorm(x, t), "courtesy", 8) == 0 &&
		  t[1].norm_len == 2 && memcmp(tnorm(x, &t[1]), "of", 2) == 0 &&
		  (l->j - l->i == 3 || is_punct(x, &t[2], ':') || (t[2].f & TK_CAP))))
		return false;
	for (size_t k = l->i; k < l->j; k++)
		x->toks[k].f |= TK_BLOCK;
	*mode = LM_NORMAL;
	return true;
}

/* caps_line: a wire headline or a dateline in capitals */
static bool
caps_line(Ner *x, const LineStats *l, uint8_t *mode)
{
	if (!(l->words >= 1 && l->acaps == l->words && l->lower == 0 &&
		  (l->words >= 2 || x->toks[l->i].len >= 3)))
		return false;
	*mode = LM_CAPS;
	return true;
}

/* title_case_line: "Trump Signals Diplomatic Momentum": three words or
 * more, all capitalized, a third of them ordinary words */
static bool
title_case_line(Ner *x, const LineStats *l, uint8_t *mode)
{
	if (!(l->words >= 3 && l->words <= 24 && l->lower == 0 && l->caps + l->acaps >= 3 &&
		  l->common_caps >= 1 && l->common_caps * 3 >= l->words - 1 && l->first_cap))
		return false;
	*mode = LM_TITLE;
	return true;
}

/* heading_line: "Market Reaction": two capitalized ordinary words */
static bool
heading_line(Ner *x, const LineStats *l, uint8_t *mode)
{
	if (!(l->words == 2 && l->caps == 2 && l->common_caps == 1 && l->first_common))
		return false;
	*mode = LM_TITLE;
	return true;
}

/*
 * headline_line: "Bush Picks Kellogg CEO for Commerce Post": four words or
 * more, capitalized but for function words, followed by a paragraph break
 * and not ending with a period, with an ordinary word capitalized or as
 * the document's first line; no initials (a scorecard: "J. Adams c K.
 * Barnett")
 */
static bool
headline_line(Ner *x, const LineStats *l, uint8_t *mode)
{
	if (!(l->words >= 4 && l->words <= 24 && l->lower == 0 && l->stop_lower >= 1 &&
		  l->caps >= 3 && l->initials == 0 && l->first_cap &&
		  (l->common_caps >= 1 ||
		   (l->i == 0 && x->last_sent == 0 && l->j < l->n && x->toks[l->j].nl >= 2)) &&
		  (l->j == l->n || x->toks[l->j].nl >= 2) && !is_punct(x, &x->toks[l->j - 1], '.')))
		return false;
	*mode = LM_TITLE;
	return true;
}

static const LineRule line_rules[] = {
	credit_line, caps_line, title_case_line, heading_line, headline_line
};

/* line_stats counts the words of the line [i, j) */
static void
line_stats(Ner *x, size_t i, size_t j, size_t n, LineStats *l)
{
	bool		seen_word = false;

	memset(l, 0, sizeof(*l));
	l->i = i;
	l->j = j;
	l->n = n;
	for (size_t k = i; k < j; k++)
	{
		const Tok  *t = &x->toks[k];

		if (!(t->f & TK_WORD))
			continue;
		if (!seen_word)
			l->first_cap = (t->f & TK_CAP) != 0;
		seen_word = true;
		l->words++;
		if (t->kind == NA_TOK_ABBREV && t->clen <= 3)
			l->initials++;
		if ((t->flags & NA_TF_ALL_UPPER) && !(t->flags & NA_TF_HAS_LOWER))
			l->acaps++;
		else if (t->f & TK_CAP)
		{
			l->caps++;
			if ((is_common(x, t) || lower_seen(x, t)) && !(t->f & TK_STOP))
			{
				if (l->words > 1)
					l->common_caps++;
				else
					l->first_common = true;
			}
		}
		else if (!(t->f & TK_STOP))
			l->lower++;
		else
			l->stop_lower++;
	}
}

/*
 * Sports tables.  A line that is a result ("Hamburg 0 VfB Stuttgart 4",
 * "BALTIMORE 12 Oakland 11 (10 innings)"), a row of standings ("Leeds 21 6 0
 * 15 531 681 12", "NEW YORK 74 58 .561 -") or a fixture ("Leeds v
 * Wimbledon", "TEXAS AT MINNESOTA") names its sides before any
 * parenthesis: a city or a state there is the club (name_teams), a
 * country its national side, which news annotates as the place; in "TEXAS
 * AT MINNESOTA" the second is where the game is played.  A table of
 * figures is no sports table: its numbers have decimals or thousands
 * ("Europe 31.58 28.58"), a date is in its line ("LONDON LIFFE GILTS 0945 -
 * APR 7"), and a row of one name and counts ("Africa 45 50 41") is a team
 * only in a window that also has a result, a fixture, a header of
 * standings ("W L PCT GB") or a row of five counts or more.
 */
static bool is_connector(const Ner *x, const Tok *t);

typedef enum TableTok
{
	TT_NAME,					/* a capitalized word, or a connector inside a name */
	TT_NUMBER,					/* a number, or the "-" and "." of a table */
	TT_VERSUS,					/* "v", "vs", "vs." */
	TT_AT,						/* "AT" */
	TT_OTHER
} TableTok;

static TableTok
table_tok(const Ner *x, const Tok *t)
{
	const char *w = tnorm(x, t);

	if (t->kind == NA_TOK_NUMBER)
	{
		/* a score or a count, not a price, a share or a time: "31.58",
		 * "1,250", "0945" */
		size_t		digits = 0;

		while (digits < t->len && x->text[t->start + digits] >= '0' &&
			   x->text[t->start + digits] <= '9')
			digits++;
		if (digits >= 4 || (digits >= 2 && x->text[t->start] == '0'))
			return TT_OTHER;	/* a year, a time: "0945", "07" */
		for (size_t k = 1; k + 1 < t->len; k++)
			if ((x->text[t->start + k] == '.' || x->text[t->start + k] == ',') &&
				x->text[t->start + k + 1] >= '0' && x->text[t->start + k + 1] <= '9')
				return TT_OTHER;
		return TT_NUMBER;
	}
	if ((t->f & (TK_WORD | TK_BLOCK)) == (TK_WORD | TK_BLOCK))
		return TT_OTHER;		/* a date: "LONDON LIFFE GILTS 0945 - APR 7" */
	if (t->kind == NA_TOK_PUNCT && (is_punct(x, t, '-') || is_punct(x, t, '.')))
		return TT_NUMBER;
	if ((t->norm_len == 1 && w[0] == 'v') || (t->norm_len == 2 && memcmp(w, "vs", 2) == 0) ||
		(t->norm_len == 3 && memcmp(w, "vs.", 3) == 0))
		return (t->f & TK_CAP) ? TT_OTHER : TT_VERSUS;
	if (t->norm_len == 2 && memcmp(w, "at", 2) == 0 && (t->f & TK_ACAPS))
		return TT_AT;
	if ((t->f & (TK_WORD | TK_CAP)) == (TK_WORD | TK_CAP) || is_connector(x, t) || (t->f & TK_POSS))
		return TT_NAME;
	return TT_OTHER;
}

/* fixture_line: "Leeds v Wimbledon", "TEXAS AT MINNESOTA": names on both
 * sides of one "v" or one capital "AT" (in an all-capital line), nothing else */
static bool
fixture_line(Ner *x, size_t i, size_t e)
{
	size_t		mid = 0;
	TableTok	sep = TT_OTHER;

	for (size_t k = i; k < e; k++)
	{
		TableTok	c = table_tok(x, &x->toks[k]);

		if (c == TT_VERSUS || c == TT_AT)
		{
			if (mid)
				return false;
			mid = k;
			sep = c;
		}
		else if (c != TT_NAME || (!(x->toks[k].f & TK_ACAPS) && sep == TT_AT))
			return false;
	}
	if (mid <= i || mid + 1 >= e)
		return false;
	for (size_t k = i; k < e; k++)
		if (sep == TT_AT && (x->toks[k].f & TK_WORD) && !(x->toks[k].f & TK_ACAPS))
			return false;
	for (size_t k = i; k < e; k++)
		x->toks[k].team = k < mid ? TEAM_SIDE : (sep == TT_AT ? TEAM_HOST : TEAM_SIDE);
	/* the capital "AT" is no part of a name */
	x->toks[mid].f |= TK_BLOCK;
	x->toks[mid].team = TEAM_NONE;
	x->sports = true;
	return true;
}

/*
 * score_line: "Hamburg 0 VfB Stuttgart 4" (a result: two names or more,
 * each followed by one whole number) or "Leeds 21 6 0 15" (standings: one
 * name and two numbers or more); a weather table ("CHICAGO 60 36
 * MILWAUKEE 54 41"), a price list ("UNITED TEC 51 1/8") or a heading with a
 * month ("BANGKOK RICE 1 - APRIL 7") is neither
 */
static bool
score_line(Ner *x, size_t i, size_t e)
{
	size_t		numbers = 0;	/* in the whole line */
	size_t		names = 0;
	size_t		after = 0;		/* numbers after the current name */
	bool		one_each = true;	/* every name followed by one score */
	bool		in_name = false;

	if (table_tok(x, &x->toks[i]) != TT_NAME || !(x->toks[i].f & TK_CAP))
		return false;
	for (size_t k = i; k < e; k++)
	{
		const Tok  *t = &x->toks[k];
		TableTok	c = table_tok(x, t);

		if (c == TT_NAME)
		{
			if (!in_name)
			{
				if (names > 0 && after != 1)
					one_each = false;
				names++;
				after = 0;
				/* a month or a weekday alone is a date's */
				if ((k + 1 == e || table_tok(x, &t[1]) != TT_NAME) && tis(t, NA_WC_NEVER_ALONE))
					return false;
			}
			in_name = true;
		}
		else if (c == TT_NUMBER)
		{
			if (t->kind == NA_TOK_NUMBER)
			{
				numbers++;
				after++;
				if (memchr(x->text + t->start, '/', t->len))
					one_each = false;
			}
			in_name = false;
		}
		else
			return false;
	}
	if (in_name || (names > 0 && after != 1))
		one_each = false;
	if (in_name || numbers < 2 || (names >= 2 && !one_each))
		return false;
	for (size_t k = i; k < e; k++)
		if (table_tok(x, &x->toks[k]) == TT_NAME)
			x->toks[k].team = names >= 2 ? TEAM_RESULT : TEAM_STANDING;
	/* a result, or a row of five counts or more, is sport */
	if (names >= 2 || numbers >= 5)
		x->sports = true;
	return true;
}

/* header_line: "W L PCT GB", "P W D L F A PTS", "GP W L T OTL PTS": three
 * abbreviations in capitals or more, nothing else, at least half of them
 * single letters (the columns of won, lost, drawn), over a table of
 * standings; "THE END OF" is no header */
static bool
header_line(Ner *x, size_t i, size_t e)
{
	size_t		letters = 0;

	if (e - i < 3)
		return false;
	for (size_t k = i; k < e; k++)
	{
		const Tok  *t = &x->toks[k];

		if (!(t->f & TK_WORD) || !(t->flags & NA_TF_ALL_UPPER) || t->clen > 3)
			return false;
		letters += t->clen == 1;
	}
	if (2 * letters < e - i)
		return false;
	x->sports = true;
	return true;
}

/* table_line marks the sides of the line [i, j) when it is a sports table's */
static void
table_line(Ner *x, size_t i, size_t j)
{
	size_t		e = i;

	while (e < j && !is_punct(x, &x->toks[e], '('))
		e++;
	if (e - i >= 2)
		(void) (fixture_line(x, i, e) || score_line(x, i, e) || header_line(x, i, e));
}

static void
line_modes(Ner *x, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		size_t		j = i + 1;
		LineStats	l;
		uint8_t		mode = LM_NORMAL;

		while (j < n && x->toks[j].nl == 0)
			j++;
		line_stats(x, i, j, n, &l);
		for (size_t r = 0; r < sizeof(line_rules) / sizeof(line_rules[0]); r++)
			if (line_rules[r](x, &l, &mode))
				break;
		for (size_t k = i; k < j; k++)
			x->toks[k].mode = mode;
		table_line(x, i, j);
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

		t->f &= (uint8_t) ~TK_SINIT;
		/* a window cut inside a sentence: its first token goes on */
		if (i == 0 && prev != 0 && t->sent == prev && t->nl == 0)
			want = false;

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
	/*
	 * after an opening quote, a semicolon, a parenthesis or the underscore
	 * that wire copy uses as a dash ("WASHINGTON _ If Paula Jones ..."), a
	 * new clause
	 */
	for (size_t i = 0; i + 1 < n; i++)
	{
		const Tok  *t = &x->toks[i];

		if ((t->kind == NA_TOK_PUNCT || t->kind == NA_TOK_SYMBOL) &&
			(x->toks[i + 1].f & TK_WORD) &&
			(((t->flags & NA_TF_QUOTE) && !(t->flags & NA_TF_CLOSER)) ||
			 (t->norm_len == 1 && (tnorm(x, t)[0] == ';' || tnorm(x, t)[0] == '(' ||
								   tnorm(x, t)[0] == '_'))))
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
 * Classification.  A piece is a run of capitalized tokens that the
 * segmentation could not attribute to the gazetteer or a title.  The rules
 * below are tried in order and the first that decides ends it: the
 * earlier ones read the piece's shape and neighbours, the later ones its
 * words; the model decides what no rule does.
 */
typedef struct Piece
{
	uint32_t	a;				/* tokens [a, b) of the window (n tokens) */
	uint32_t	b;
	size_t		n;
	bool		title;			/* a title or honorific came just before */
	bool		sinit;			/* it started a sentence, before trimming */
	const char *key;			/* its normalized form (span_key) */
	size_t		klen;
	const GzEntry *given;		/* a given name in front (piece_words) */
	bool		all_common;		/* every capitalized word is an ordinary
								 * word (piece_words) */
} Piece;

/* piece_trim: strip a sentence-initial common word, or an ordinary word
 * before a name without a head word ("Echoing Annan's words"), and
 * connectors at the edges of [a, b); false when nothing is left */
static bool
piece_trim(Ner *x, uint32_t a, uint32_t b, size_t n, bool title, Piece *p)
{
	/* a head word at the end makes the words before it a name, ordinary
	 * or not ("Acme Corp.", "Summit Bank", "Silver Lake") */
	bool		headed = tis(&x->toks[b - 1], NA_WC_ORG | NA_WC_COMPANY_SUFFIX |
							 NA_WC_LOC | NA_WC_EVENT);

	p->sinit = (x->toks[a].f & TK_SINIT) != 0;
	while (a < b)
	{
		const Tok  *t = &x->toks[a];

		if (!(t->f & TK_CAP) ||
			((t->f & TK_SINIT) && (tis(t, NA_WC_INITIAL) ||
								   (b - a > 1 && ((is_common(x, t) && !t->gm_entry) ||
												  (!headed && is_ordinary(x, t)))))))
			a++;
		else
			break;
	}
	while (b > a && !(x->toks[b - 1].f & TK_CAP) && x->toks[b - 1].kind != NA_TOK_NUMBER)
		b--;
	if (a >= b)
		return false;
	p->a = a;
	p->b = b;
	p->n = n;
	p->title = title;
	p->key = span_key(x, a, b, &p->klen);
	p->given = NULL;
	p->all_common = true;
	return true;
}

/* state_abbreviation: "Sacramento, Calif.": a US state after a comma */
static bool
state_abbreviation(Ner *x, const Piece *p)
{
	const Tok  *first = &x->toks[p->a];
	uint32_t	b = p->b;
	bool		dot;

	if (p->b - p->a != 1 || p->a == 0 || !tis(first, NA_WC_STATE_ABBREV) ||
		!is_punct(x, &x->toks[p->a - 1], ','))
		return false;
	dot = tnorm(x, first)[first->norm_len - 1] != '.';
	/* "Calif" + "." split by the tokenizer: the period is part of it */
	if (dot && !(b < p->n && is_punct(x, &x->toks[b], '.') &&
				 x->toks[b].start == first->start + first->len))
	{
		if (first->norm_len <= 4)
			return true;		/* "Mass", "Wash" without a period: words */
		dot = false;
	}
	name_out(x, p->a, dot ? b + 1 : b, NA_ENT_LOC, BY(NR_STATE), FROM_TEXT, 0);
	return true;
}

/* acronym_plural: "PCs", "ECUs", "GCSEs", "SMSes": the plural of an
 * acronym is a count of things, no name */
static bool
acronym_plural(Ner *x, const Piece *p)
{
	const Tok  *t = &x->toks[p->a];
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;
	size_t		caps = 0;

	if (p->b - p->a != 1 || p->title || n < 3 || n > 12 || w[n - 1] != 's')
		return false;
	while (caps < n && ((w[caps] >= 'A' && w[caps] <= 'Z') || (caps > 0 && w[caps] >= '0' && w[caps] <= '9')))
		caps++;
	return caps >= 2 && (caps == n - 1 || (caps == n - 2 && w[n - 2] == 'e'));
}

/* never_alone: months, weekdays, pronoun contractions and lone suffixes
 * are no name by themselves */
static bool
never_alone(Ner *x, const Piece *p)
{
	return p->b - p->a == 1 && !p->title && tis(&x->toks[p->a], NA_WC_NEVER_ALONE);
}

/* lone_initial: "J", "N.": an initial alone is no name */
static bool
lone_initial(Ner *x, const Piece *p)
{
	const Tok  *t = &x->toks[p->a];

	return p->b - p->a == 1 && (t->clen == 1 || (t->clen == 2 && tnorm(x, t)[1] == '.'));
}

/* contraction: We're, We've, I'd are no name */
static bool
contraction(Ner *x, const Piece *p)
{
	return p->b - p->a == 1 && !p->title && is_contraction(x, &x->toks[p->a]);
}

/* line_label: "Attendance: 30,000", "Scorers:" start a line, no name */
static bool
line_label(Ner *x, const Piece *p)
{
	return p->b - p->a == 1 && p->sinit && p->b < p->n && is_punct(x, &x->toks[p->b], ':') &&
		!mem_get(x, 'N', p->key, p->klen);
}

/*
 * dateline_shape: tokens [a, b) (n in the window) are up to three words in
 * capitals opening a line, then a date, a comma, a bracket or a dash:
 * "LONDON 1996-08-22", "LONDON, Oct 5", "LONDON (Reuters) -"; not "TWA
 * today"
 */
static bool
dateline_shape(const Ner *x, size_t a, size_t b, size_t n)
{
	const Tok  *first = &x->toks[a];
	const Tok  *u;

	if (!((first->nl > 0 || a == 0) && (first->f & TK_SINIT) && b - a <= 3 && b < n))
		return false;
	for (size_t k = a; k < b; k++)
		if (!(x->toks[k].flags & NA_TF_ALL_UPPER) || x->toks[k].clen < 3)
			return false;
	u = &x->toks[b];
	return ((u->f & TK_BLOCK) && !(u->f & TK_WORD)) ||
		(u->kind == NA_TOK_PUNCT && u->norm_len >= 1 && strchr(",-(", tnorm(x, u)[0])) ||
		(u->flags & NA_TF_DASH);
}

/* dateline: "VELDRIN, March 3 (Reuters) -", a place in capitals at the
 * start of a line, named as "Veldrin" */
static bool
dateline(Ner *x, const Piece *p)
{
	Out		   *o;

	if (!dateline_shape(x, p->a, p->b, p->n))
		return false;
	if ((o = name_out(x, p->a, p->b, NA_ENT_LOC, BY(NR_DATELINE), FROM_TEXT, 0)) != NULL)
	{
		/* VELDRIN -> Veldrin, remembered so */
		for (uint32_t k = o->coff + 1; x->st == NA_OK && k < o->coff + o->clen; k++)
		{
			char		c = x->canon.data[k];
			char		q = x->canon.data[k - 1];

			if (c >= 'A' && c <= 'Z' && ((q >= 'A' && q <= 'Z') || (q >= 'a' && q <= 'z')))
				x->canon.data[k] = (char) (c + 32);
		}
		remember(x, o, 2);
	}
	return true;
}

/* remembered: a name the document named before keeps its type and
 * canonical form; a lone surname maps to the full name */
static bool
remembered(Ner *x, const Piece *p)
{
	const MemSlot *m;

	if ((m = mem_get(x, 'N', p->key, p->klen)) == NULL &&
		(p->b - p->a != 1 || (m = mem_get(x, 'S', p->key, p->klen)) == NULL))
		return false;
	name_out(x, p->a, p->b, (NaEntityType) m->type, BY_MEMORY(m), FROM_MEMORY(m), 0);
	return true;
}

/* lower_case_elsewhere: "Broadband to them ... broadband": a capital at
 * the start of a sentence, of a word the text also writes in lower case,
 * is no name */
static bool
lower_case_elsewhere(Ner *x, const Piece *p)
{
	return p->b - p->a == 1 && p->sinit && !p->title && lower_seen(x, &x->toks[p->a]);
}

/* sentence_adverb: "Obviously we will", "Similarly, ...": a sentence
 * adverb before a comma or a lower-case word is no name */
static bool
sentence_adverb(Ner *x, const Piece *p)
{
	const Tok  *u;

	if (p->b - p->a != 1 || !p->sinit || p->title || p->b >= p->n ||
		!is_adverb(x, &x->toks[p->a]))
		return false;
	u = &x->toks[p->b];
	return is_punct(x, u, ',') || ((u->f & TK_WORD) && !(u->f & TK_CAP));
}

/* ordinary_word: "Clients said", "Moreover, ...": one word at the start
 * of a sentence that the model has never seen and the dictionary lists is
 * no name */
static bool
ordinary_word(Ner *x, const Piece *p)
{
	const Tok  *t = &x->toks[p->a];

	return p->b - p->a == 1 && (t->f & TK_SINIT) && !p->title && is_ordinary(x, t);
}

/* named_event: "Davis Cup", "Booker Prize", "Grammy Awards": two to four
 * words ending with an event's head word (ner_event_heads) are an event,
 * whoever the first words name */
static bool
named_event(Ner *x, const Piece *p)
{
	const Tok  *last = &x->toks[p->b - 1];

	if (p->b - p->a < 2 || p->b - p->a > 4 || p->title ||
		!NA_IN_WORDS(ner_event_heads, tnorm(x, last), last->norm_len))
		return false;
	name_out(x, p->a, p->b, NA_ENT_MISC, BY(NR_EVENT), FROM_TEXT, 2);
	return true;
}

/* piece_words: the given name in front and whether every capitalized word
 * is an ordinary word, for the rules that read the words */
static void
piece_words(Ner *x, Piece *p)
{
	if (x->toks[p->a].given && p->b - p->a >= 2)
		p->given = gz_entry(x->g, x->toks[p->a].given);
	for (uint32_t k = p->a; k < p->b; k++)
		if ((x->toks[k].f & TK_CAP) && !is_common(x, &x->toks[k]))
			p->all_common = false;
}

/* org_head: "Acme Holdings", "Bank of Tokyo": an organization's head word
 * last, or first before "of" */
static bool
org_head(Ner *x, const Piece *p)
{
	const Tok  *first = &x->toks[p->a];

	if (p->b - p->a < 2 ||
		!(tis(&x->toks[p->b - 1], NA_WC_ORG) ||
		  (tis(first, NA_WC_ORG) && p->b - p->a >= 3 &&
		   x->toks[p->a + 1].norm_len == 2 && memcmp(tnorm(x, &x->toks[p->a + 1]), "of", 2) == 0)))
		return false;
	name_out(x, p->a, p->b, NA_ENT_ORG, BY(NR_ORG_HEAD), FROM_TEXT, 2);
	return true;
}

/* place_head: "Red Sea", "Mount Kenya": a place's head word first or last,
 * unless a title or a given name says person */
static bool
place_head(Ner *x, const Piece *p)
{
	if (p->b - p->a < 2 || p->title || p->given ||
		!(tis(&x->toks[p->b - 1], NA_WC_LOC) || tis(&x->toks[p->a], NA_WC_LOC)))
		return false;
	name_out(x, p->a, p->b, NA_ENT_LOC, BY(NR_PLACE_HEAD), FROM_TEXT, 2);
	return true;
}

/* titled_person: up to four words after a title, or opening with a known
 * given name, are a person */
static bool
titled_person(Ner *x, const Piece *p)
{
	if (!(p->title || p->given) || p->b - p->a > 4)
		return false;
	name_out(x, p->a, p->b, NA_ENT_PERSON, BY(p->title ? NR_TITLE : NR_GIVEN_NAME),
			 FROM_GIVEN(p->given), p->b - p->a >= 2 ? 3 : 2);
	return true;
}

/* only_common_words: ordinary words at a sentence start, or several of
 * them, are no name */
static bool
only_common_words(Ner *x, const Piece *p)
{
	return p->all_common && (p->sinit || p->b - p->a >= 2);
}

/*
 * not_a_person_shape: a word shaped like a product, company or acronym,
 * hardly ever a person's name: an inner capital after a lower-case letter
 * ("PeopleSoft", "AirTanker"; not "McCain", "MacLeod", "DeLay") or all
 * capitals in a line that is not ("BT", "DVD")
 */
static bool
not_a_person_shape(const Ner *x, const Tok *t)
{
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;

	if ((t->flags & NA_TF_ALL_UPPER) && t->clen >= 2 && t->mode == LM_NORMAL &&
		!(t->flags & NA_TF_HAS_DIGIT) && t->kind == NA_TOK_WORD)
		return true;
	if (n < 4 || (t->flags & NA_TF_SLOW) || (w[0] == 'M' && w[1] == 'c') ||
		(n > 3 && w[0] == 'M' && w[1] == 'a' && w[2] == 'c') ||
		(w[0] == 'D' && (w[1] == 'e' || w[1] == 'i' || w[1] == 'u')) ||
		(w[0] == 'L' && w[1] == 'a'))
		return false;
	for (size_t k = 1; k + 1 < n; k++)
		if (w[k] >= 'a' && w[k] <= 'z' && w[k + 1] >= 'A' && w[k + 1] <= 'Z')
			return true;
	/* "USAir": two capitals, then lower case */
	if (w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' && w[n - 1] >= 'a' && w[n - 1] <= 'z')
		return true;
	return false;
}

/*
 * company_shape: one word the model has never seen, written as an acronym
 * of two to five capitals ("BT", "IAAF") or with a capital inside
 * ("NewsFactor", "BSkyB", "USAir"), is an organization when it is a name
 * at all: its shape, not the words around it, gives the type, so that the
 * same name has the same type in every article (before, "BT" was a place
 * in one article and a company in the next, after "to BT" or "BT said")
 */
static bool
company_shape(const Ner *x, const Piece *p, int unknown)
{
	const Tok  *t = &x->toks[p->a];

	if (p->b - p->a != 1 || unknown != 1 || t->mode != LM_NORMAL || !not_a_person_shape(x, t))
		return false;
	return !(t->flags & NA_TF_ALL_UPPER) || t->clen <= 5;
}

/*
 * model_votes: the model's probabilities of every mention of the piece's
 * words in the document, summed: the first pass adds those of each mention
 * (key 'V' of the document memory), the second reads the sum, so that one
 * decision is made on the evidence of all mentions ("Yahoo said" and
 * "shares of Yahoo" together).  NULL when there is no sum to read.
 */
static const MemSlot *
model_votes(Ner *x, const Piece *p, const float prob[NA_NER_CLASSES])
{
	char		buf[512];
	MemSlot    *m;

	if (p->klen + 1 > sizeof(buf) || x->st != NA_OK)
		return NULL;
	buf[0] = 'V';
	memcpy(buf + 1, p->key, p->klen);
	m = mem_find(x, buf, p->klen + 1, na_fnv_add(NA_FNV_INIT, buf, p->klen + 1), !x->emitting);
	if (!m)
		return NULL;
	if (!x->emitting)
	{
		for (int t = 0; t < NA_NER_CLASSES; t++)
			m->votes[t] += prob[t];
		m->nvotes++;
		return NULL;
	}
	return m->nvotes >= 2 ? m : NULL;
}

/*
 * prior_holds: the type the words of a span the model knows say, when they
 * say it clearly (by PRIOR_MARGIN over every other type), stays unless the
 * words around the span say another type by CONTEXT_MARGIN more: then the
 * context's part of the scores s (ctx, from the model's span) is taken out
 * of the name classes.  Naive Bayes adds the word before and the word after
 * to a name's own evidence, so "Bush" in "visit of Bush to" and "Hollywood"
 * in "Hollywood star" changed type with their neighbours from one article
 * to the next although the model had seen them as names of one type many
 * times.  Only for spans whose words the model knows: for a word it has
 * never seen the type rests on its last three letters, which are no prior,
 * and the context ("the town of Insein") is the better evidence.  The
 * margins (log-scores) were chosen on CoNLL-2003 train, PER+ORG+LOC
 * (test/eval/README.md).
 */
#define PRIOR_MARGIN	1.0f
#define CONTEXT_MARGIN	3.0f

static void
prior_holds(float s[NA_NER_CLASSES], const float ctx[NA_NER_CLASSES])
{
	int			best = 0;		/* with the context */
	int			own = 0;		/* the words' own */
	float		margin = 1e30f;

	for (int t = 1; t < NA_NER_O; t++)
	{
		if (s[t] > s[best])
			best = t;
		if (s[t] - ctx[t] > s[own] - ctx[own])
			own = t;
	}
	if (best == own || s[best] - s[own] >= CONTEXT_MARGIN)
		return;
	for (int t = 0; t < NA_NER_O; t++)
		if (t != own && (s[own] - ctx[own]) - (s[t] - ctx[t]) < margin)
			margin = (s[own] - ctx[own]) - (s[t] - ctx[t]);
	if (margin < PRIOR_MARGIN)
		return;
	for (int t = 0; t < NA_NER_O; t++)
		s[t] -= ctx[t];
}

/*
 * model_decides: the model's scores over PER ORG LOC MISC O, with the
 * rules' evidence added: a speech verb after the piece says person, so do
 * two words the model has never seen, and ordinary words say no name.
 * The probabilities of all the mentions of the piece in the document
 * decide (model_votes).
 */
static void
model_decides(Ner *x, const Piece *p)
{
	const Tok  *first = &x->toks[p->a];
	const Tok  *after;
	float		s[NA_NER_CLASSES];
	float		ctx[NA_NER_CLASSES];
	float		prob[NA_NER_CLASSES];
	const MemSlot *v;
	int			unknown;
	int			best = 0;
	float		conf;
	double		z = 0;
	NaEntityType type;

	x->model->span(x->model, x->doc, p->a, p->b, s, ctx, &unknown);
	if (unknown == 0)
		prior_holds(s, ctx);
	/* the O class only describes single mid-sentence words */
	if (p->b - p->a > 1 || (first->f & TK_SINIT))
		s[NA_NER_O] = -1e30f;
	after = word_after(x, p->b, p->n, true);
	/* 1.8: 1.5 before the model's context weighed less in the type
	 * (ner_bayes.c, add_context); "Yesterday Smithers said" stays a person */
	if (after && tis(after, NA_WC_SPEECH_VERB))
		s[NA_NER_PER] += 1.8f;
	/* two words never seen before: most often somebody's name */
	if (p->b - p->a == 2 && unknown == 2)
		s[NA_NER_PER] += 4.5f;
	if (p->all_common)
		s[NA_NER_O] += 3.0f;
	if (p->b - p->a == 1 && not_a_person_shape(x, first))
		s[NA_NER_PER] -= 3.0f;

	for (int t = 1; t < NA_NER_CLASSES; t++)
		if (s[t] > s[best])
			best = t;
	for (int t = 0; t < NA_NER_CLASSES; t++)
		z += exp((double) (s[t] - s[best]));
	for (int t = 0; t < NA_NER_CLASSES; t++)
		prob[t] = (float) (exp((double) (s[t] - s[best])) / z);
	if ((v = model_votes(x, p, prob)) != NULL)
	{
		/* the mean over the mentions; O only where this mention allows it */
		for (int t = 0; t < NA_NER_CLASSES; t++)
			prob[t] = s[t] < -1e29f ? 0 : v->votes[t] / (float) v->nvotes;
		best = 0;
		for (int t = 1; t < NA_NER_CLASSES; t++)
			if (prob[t] > prob[best])
				best = t;
	}
	conf = prob[best];
	if (best == NA_NER_O || (p->all_common && conf < 0.9f))
		return;
	type = model_type[best];
	if (company_shape(x, p, unknown))
		type = NA_ENT_ORG;
	else if (type == NA_ENT_MISC && p->b - p->a == 1 && looks_demonym(x, first))
		type = NA_ENT_NORP;
	name_out(x, p->a, p->b, type, BY_MODEL(conf * 0.8f), FROM_TEXT, conf > 0.9f ? 2 : 1);
}

/*
 * classify decides the type of the unknown piece [a, b) (n tokens in the
 * window) and adds it to the output; title tells whether a title or
 * honorific came just before.
 */
static void
classify(Ner *x, uint32_t a, uint32_t b, size_t n, bool title)
{
	Piece		p;

	if (!piece_trim(x, a, b, n, title, &p))
		return;
	if (state_abbreviation(x, &p) || never_alone(x, &p) || acronym_plural(x, &p) || lone_initial(x, &p) ||
		contraction(x, &p) || line_label(x, &p) || dateline(x, &p) ||
		remembered(x, &p) || lower_case_elsewhere(x, &p) || sentence_adverb(x, &p) ||
		ordinary_word(x, &p))
		return;
	piece_words(x, &p);
	if (named_event(x, &p) || org_head(x, &p) || place_head(x, &p) || titled_person(x, &p) ||
		only_common_words(x, &p))
		return;
	model_decides(x, &p);
}

/* emit_gaz: a gazetteer entity match [a, b) with entry e */
static void
emit_gaz(Ner *x, uint32_t a, uint32_t b, const GzEntry *e)
{
	name_out(x, a, b, (NaEntityType) e->type, BY(NR_GAZETTEER), FROM_GAZETTEER(e), 3);
}

static bool
is_title_at(const Ner *x, uint32_t i, uint32_t *end)
{
	const Tok  *t = &x->toks[i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;

	/* an unknown capitalized word before a role head is part of the title */
	if (!e && i + 1 < x->ntoks && (t->f & TK_CAP) && (x->toks[i + 1].f & TK_CAP) &&
		x->toks[i + 1].sent == t->sent && !(t->f & TK_POSS) &&
		tis(&x->toks[i + 1], NA_WC_ROLE_HEAD))
	{
		*end = i + 2;
		return true;
	}

	if (e && e->type == NA_ENT_TITLE)
	{
		*end = t->gm_end;
		return true;
	}
	if ((t->f & TK_WORD) && !e && tis(t, NA_WC_HONORIFIC))
	{
		*end = i + 1;
		return true;
	}
	/* "Presidents Donald Trump and ...": a title in the plural before a
	 * person the gazetteer knows or a given name (not the Kansas City
	 * Chiefs) */
	if ((t->f & (TK_WORD | TK_CAP)) == (TK_WORD | TK_CAP) && !e && x->g && t->norm_len > 3 &&
		tnorm(x, t)[t->norm_len - 1] == 's' && i + 1 < x->ntoks &&
		(x->toks[i + 1].given ||
		 (x->toks[i + 1].gm_entry &&
		  gz_entry(x->g, x->toks[i + 1].gm_entry)->type == NA_ENT_PERSON)))
	{
		const GzSlot *gs = gz_find(x->g, tnorm(x, t), t->norm_len - 1U,
								   na_fnv_add(NA_FNV_INIT, tnorm(x, t), t->norm_len - 1U));

		for (const GzEntry *g = gs ? gz_entry(x->g, gs->first) : NULL; g; g = gz_entry(x->g, g->next))
			if (g->type == NA_ENT_TITLE)
			{
				*end = i + 1;
				return true;
			}
	}
	return false;
}

static bool
is_connector(const Ner *x, const Tok *t)
{
	if (t->kind == NA_TOK_SYMBOL && t->norm_len == 1 && tnorm(x, t)[0] == '&')
		return true;
	return (t->f & TK_WORD) && !(t->f & TK_CAP) && tis(t, NA_WC_CONNECTOR);
}

static bool is_of(const Ner *x, const Tok *t);
static bool is_for(const Ner *x, const Tok *t);
static bool is_and(const Ner *x, const Tok *t);

/*
 * Segmentation.  A run of capitalized tokens is cut into names from left
 * to right: at each position the rules below are tried in order, and the
 * first that applies takes tokens (and says whether a title now precedes
 * the rest) or ends the run.
 */
typedef struct Segment
{
	uint32_t	i;				/* next token of the run */
	uint32_t	b;				/* end of the run */
	size_t		n;				/* tokens in the window */
	bool		title;			/* a title or honorific came just before i */
	bool		done;			/* the run is finished */
} Segment;

typedef bool (*SegmentRule) (Ner *x, Segment *s);

/* whole_run_org: "Chairman Acme Holdings": a run ending with an
 * organization's head word is one organization, after the titles in front
 * (which are cut off either way) */
static bool
whole_run_org(Ner *x, Segment *s)
{
	uint32_t	e;

	if (s->b - s->i < 2 || !tis(&x->toks[s->b - 1], NA_WC_ORG) ||
		(x->toks[s->i].gm_entry && x->toks[s->i].gm_end == s->b))
		return false;
	while (s->i < s->b && is_title_at(x, s->i, &e) && e < s->b - 1)
		s->i = e;
	/* a gazetteer NORP/LOC in front stays part of it */
	if ((x->toks[s->i].f & TK_SINIT) && is_common(x, &x->toks[s->i]) && s->b - s->i < 3)
		return false;
	classify(x, s->i, s->b, s->n, false);
	return true;
}

/* event_after_place: "U.S. Open", "Greater Milwaukee Open", "European Cup": a
 * place or nationality and an event word are an event */
static bool
event_after_place(Ner *x, Segment *s)
{
	const Tok  *t = &x->toks[s->i];
	const GzEntry *e;

	/* "Greater Milwaukee Open": a place modifier before the place */
	if (tis(t, NA_WC_PLACE_MODIFIER) && !t->gm_entry && s->i + 1 < s->b)
		t++;
	e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;
	if (!e || t->gm_end >= s->b || (e->type != NA_ENT_LOC && e->type != NA_ENT_NORP) ||
		!tis(&x->toks[s->b - 1], NA_WC_EVENT) || s->b - t->gm_end > 3)
		return false;
	name_out(x, s->i, s->b, NA_ENT_MISC, BY(NR_EVENT), FROM_TEXT, 2);
	s->i = s->b;
	return true;
}

/* org_after_place: "Houston Astros", "Texas Instruments": a place and
 * unknown words after it name an organization; "Gaza Strip" a place */
static bool
org_after_place(Ner *x, Segment *s)
{
	const Tok  *t = &x->toks[s->i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;
	uint32_t	k;
	uint32_t	te;
	bool		loc;
	Out		   *o;

	if (!e || e->type != NA_ENT_LOC || t->gm_end >= s->b || t->given)
		return false;
	k = t->gm_end;
	while (k < s->b && k - t->gm_end < 3 && (x->toks[k].f & TK_CAP) &&
		   !x->toks[k].gm_entry && !is_title_at(x, k, &te) &&
		   !tis(&x->toks[k], NA_WC_NEVER_ALONE))
		k++;
	if (k == t->gm_end || (k < s->b && (x->toks[k].f & TK_CAP)))
		return false;
	loc = tis(&x->toks[k - 1], NA_WC_LOC);
	o = name_out(x, s->i, k, loc ? NA_ENT_LOC : NA_ENT_ORG, BY(NR_PLACE_AND_WORDS), FROM_TEXT, 1);
	/* "Manchester United" ... later "United" */
	if (o && !loc && k - t->gm_end == 1 && x->emitting)
		mem_put(x, 'N', tnorm(x, &x->toks[k - 1]), x->toks[k - 1].norm_len, o, 1);
	s->i = k;
	s->title = false;
	return true;
}

/*
 * org_of_name: "Moscow Academy of Economics", "Confederation of Danish
 * Industries", "Center for Internet": up to three capitalized words ending
 * with an organization's head word, "of" or "for", and up to three
 * capitalized words are one organization, places and nationalities inside
 * included (before, the place ended one name and the words after "of"
 * became another).  Not when a gazetteer name covers the head word and
 * goes on, nor past a title or a person the gazetteer knows.
 */
static bool
org_of_name(Ner *x, Segment *s)
{
	uint32_t	h;
	uint32_t	e;
	uint32_t	te;
	uint32_t	and = 0;	/* 2: an "and" inside, which adds a word */

	for (h = s->i; h < s->b && h - s->i < 3; h++)
	{
		const Tok  *t = &x->toks[h];

		if (!(t->f & TK_CAP) || is_title_at(x, h, &te) || (t->gm_entry && t->gm_end > h + 1))
			return false;
		if (tis(t, NA_WC_ORG) && h + 2 < s->b &&
			(is_of(x, &x->toks[h + 1]) || is_for(x, &x->toks[h + 1])))
			break;
	}
	if (h >= s->b || h - s->i >= 3)
		return false;
	for (e = h + 2; e < s->b && e - (h + 2) < 3 + and; e++)
	{
		const Tok  *u = &x->toks[e];

		/* "Center for Internet and Society": names_pass took "and" in
		 * (and_goes_on) */
		if (!and && e > h + 2 && e + 1 < s->b && is_and(x, u))
		{
			and = 2;
			continue;
		}
		if (!(u->f & TK_CAP) || is_title_at(x, e, &te) || u->given ||
			(u->gm_entry && gz_entry(x->g, u->gm_entry)->type == NA_ENT_PERSON))
			break;
	}
	if (e == h + 2 || (e < s->b && (x->toks[e].f & TK_CAP) && e - (h + 2) >= 3 + and) ||
		(e > h + 2 && is_and(x, &x->toks[e - 1])))
		return false;
	/* "The" at a sentence start stays out, as in a piece (piece_trim) */
	while (s->i < h && (x->toks[s->i].f & TK_STOP))
		s->i++;
	name_out(x, s->i, e, NA_ENT_ORG, BY(NR_ORG_HEAD), FROM_TEXT, 2);
	s->i = e;
	s->title = false;
	return true;
}

/* One part of a hyphenated compound (compound_split). */
typedef struct CompoundPart
{
	const GzEntry *e;
	uint16_t	off;			/* bytes into the token */
	uint16_t	len;
} CompoundPart;

#define MAX_PARTS	8

/*
 * compound_split: "US-Russia", "France-Germany": the parts of token i, an
 * ASCII word with hyphens whose parts between them are all names the
 * gazetteer knows, into parts (MAX_PARTS); returns how many, 0 when the
 * token is no such compound (then the other rules take it).
 */
static int
compound_split(const Ner *x, uint32_t i, CompoundPart *parts)
{
	const Tok  *t = &x->toks[i];
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;
	int			np = 0;
	size_t		p = 0;

	if (!(t->flags & NA_TF_HYPHEN) || (t->flags & NA_TF_SLOW) || t->gm_entry || !x->g ||
		n > 64 || t->clen != t->len || !(t->f & TK_CAP))
		return 0;
	while (p <= n)
	{
		size_t		q = p;
		char		key[64];
		const GzSlot *gs;
		const GzEntry *best = NULL;
		bool		caps = true;

		while (q < n && w[q] != '-')
			q++;
		if (q == p || np == MAX_PARTS || !(w[p] >= 'A' && w[p] <= 'Z'))
			return 0;
		for (size_t k = p; k < q; k++)
		{
			char		c = w[k];

			if (c >= 'a' && c <= 'z')
				caps = false;
			key[k - p] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		gs = gz_find(x->g, key, q - p, na_fnv_add(NA_FNV_INIT, key, q - p));
		for (const GzEntry *e = gs ? gz_entry(x->g, gs->first) : NULL; e; e = gz_entry(x->g, e->next))
			if (e->type != NA_ENT_TITLE && e->type != NA_ENT_GIVEN_NAME && (caps || !e->caps_only) &&
				(!best || e->link_len == 0))
				best = e;
		if (!best)
			return 0;
		parts[np].e = best;
		parts[np].off = (uint16_t) p;
		parts[np++].len = (uint16_t) (q - p);
		p = q + 1;
	}
	return np >= 2 ? np : 0;
}

/* compound_parts: each part of the compound token i (compound_split) is a
 * name of its own; false when token i is none */
static bool
compound_parts(Ner *x, uint32_t i)
{
	CompoundPart parts[MAX_PARTS];
	int			np = compound_split(x, i, parts);

	for (int k = 0; k < np && x->st == NA_OK; k++)
	{
		Out		   *o = name_out(x, i, i + 1, (NaEntityType) parts[k].e->type, BY(NR_GAZETTEER),
								 FROM_GAZETTEER(parts[k].e), 0);

		if (o)
		{
			o->part_off = parts[k].off;
			o->part_len = parts[k].len;
		}
	}
	return np > 0;
}

/* part_name: the name o is the bytes [off, off + len) of its token (an
 * ASCII token), written as they are unless the gazetteer gave a canonical
 * name */
static void
part_name(Ner *x, Out *o, uint16_t off, uint16_t len)
{
	size_t		c = x->canon.len;

	o->part_off = off;
	o->part_len = len;
	if (o->csrc != CS_TEXT)
		return;
	x->st = na_buf_append(&x->canon, x->text + x->toks[o->a].start + off, len);
	o->coff = (uint32_t) c;
	o->clen = len;
}

/* part_entry: the gazetteer's entry of type type for the bytes [off, off +
 * len) of token t, NULL when it has none */
static const GzEntry *
part_entry(const Ner *x, const Tok *t, size_t off, size_t len, NaEntityType type)
{
	char		key[64];
	const GzSlot *gs;

	if (!x->g || len > sizeof(key))
		return NULL;
	for (size_t k = 0; k < len; k++)
	{
		char		c = x->text[t->start + off + k];

		key[k] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	gs = gz_find(x->g, key, len, na_fnv_add(NA_FNV_INIT, key, len));
	for (const GzEntry *e = gs ? gz_entry(x->g, gs->first) : NULL; e; e = gz_entry(x->g, e->next))
		if (e->type == type)
			return e;
	return NULL;
}

/*
 * party_place: "Sen. Trent Lott, R-Miss., said", "Lim Kit Siang
 * (DAP-Tanjung)": after a comma or an opening parenthesis, a party's
 * initials, a hyphen and one capitalized word, then a comma, a period or a
 * closing parenthesis, are the place a legislator represents (a LOC) and,
 * for initials of two letters or more, the party (an ORG)
 */
static bool
party_place(Ner *x, Segment *s)
{
	const Tok  *t = &x->toks[s->i];
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;
	size_t		k = 0;
	const Tok  *after;
	Out		   *o;
	const GzEntry *e;

	if (s->b - s->i != 1 || s->i == 0 || s->i + 1 >= s->n || !(t->flags & NA_TF_HYPHEN) ||
		t->clen != t->len || n > 40 ||
		!(is_punct(x, &x->toks[s->i - 1], ',') || is_punct(x, &x->toks[s->i - 1], '(')))
		return false;
	while (k < n && w[k] >= 'A' && w[k] <= 'Z')
		k++;
	if (k == 0 || k > 4 || k + 3 > n || w[k] != '-' || w[k + 1] < 'A' || w[k + 1] > 'Z')
		return false;
	for (size_t j = k + 2; j < n; j++)
		if (w[j] < 'a' || w[j] > 'z')
			return false;
	after = &x->toks[s->i + 1];
	if (after->sent != t->sent ||
		!(is_punct(x, after, ',') || is_punct(x, after, '.') || is_punct(x, after, ')')))
		return false;
	if (k >= 2)
	{
		e = part_entry(x, t, 0, k, NA_ENT_ORG);
		o = name_out(x, s->i, s->i + 1, NA_ENT_ORG, BY(NR_PARTY_PLACE),
					 e ? FROM_GAZETTEER(e) : FROM_TEXT, 0);
		if (o)
			part_name(x, o, 0, (uint16_t) k);
	}
	e = part_entry(x, t, k + 1, n - k - 1, NA_ENT_LOC);
	o = name_out(x, s->i, s->i + 1, NA_ENT_LOC, BY(NR_PARTY_PLACE),
				 e ? FROM_GAZETTEER(e) : FROM_TEXT, 0);
	if (o)
		part_name(x, o, (uint16_t) (k + 1), (uint16_t) (n - k - 1));
	s->i++;
	s->title = false;
	return true;
}

/*
 * dotcom_name: "Goto.com", "Amazon.com Inc.": a capitalized web address
 * of one name and .com or .net, without "www." or a path, is the company
 * of that name, under the gazetteer's name when it has one (a lower-case
 * "reuters.com" is a site)
 */
static bool
dotcom_name(const Ner *x, const Tok *t)
{
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;
	size_t		k = 1;

	if (t->kind != NA_TOK_URL || (t->f & TK_BLOCK) || n < 6 || n > 40 || w[0] < 'A' || w[0] > 'Z')
		return false;
	while (k < n && ((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z') ||
					 (w[k] >= '0' && w[k] <= '9') || w[k] == '-'))
		k++;
	return n - k == 4 && (memcmp(w + k, ".com", 4) == 0 || memcmp(w + k, ".net", 4) == 0);
}

/* compound_word: the parts of "US-Russia" (compound_parts) */
static bool
compound_word(Ner *x, Segment *s)
{
	if (!compound_parts(x, s->i))
		return false;
	s->i++;
	s->title = false;
	return true;
}

/* common_gazetteer_word: "Mobile phone users ... mobile networks": a
 * one-word gazetteer name starting a sentence, which the text also writes
 * in lower case, is an ordinary word */
static bool
common_gazetteer_word(Ner *x, Segment *s)
{
	const Tok  *t = &x->toks[s->i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;

	if (!e || t->gm_end != s->i + 1 || !(t->f & TK_SINIT) || e->type == NA_ENT_TITLE ||
		s->title || !lower_seen(x, t))
		return false;
	s->i++;
	return true;
}

/* gazetteer_name: a gazetteer name is taken as it is; a person's may go on
 * with an unknown token only as its first name ("Sergey Lavrov") */
static bool
gazetteer_name(Ner *x, Segment *s)
{
	uint32_t	i = s->i;
	const Tok  *t = &x->toks[i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;

	if (!e || t->gm_end > s->b || e->type == NA_ENT_TITLE || e->type == NA_ENT_GIVEN_NAME ||
		(t->given && t->gm_end == i + 1 && i + 1 < s->b &&
		 (x->toks[i + 1].f & TK_CAP) && !x->toks[i + 1].gm_entry))
		return false;
	{
		uint32_t	end = t->gm_end;

		/* "Boeing Co": a known company and its suffix */
		if (e->type == NA_ENT_ORG && end < s->b && tis(&x->toks[end], NA_WC_COMPANY_SUFFIX) &&
			!x->toks[end].gm_entry)
			end++;
		emit_gaz(x, i, end, e);
		s->i = end;
	}
	s->title = false;
	return true;
}

/* lone_title: a title that ends the run is a name only when the document
 * named somebody so ("Dr. King ... King said"), or after another title */
static bool
lone_title(Ner *x, Segment *s)
{
	uint32_t	i = s->i;
	const Tok  *t = &x->toks[i];
	uint32_t	end;
	size_t		klen;
	const char *key;

	if (!is_title_at(x, i, &end) || end != s->b || !(t->f & TK_CAP))
		return false;
	key = span_key(x, i, s->b, &klen);
	if (!(mem_get(x, 'N', key, klen) || mem_get(x, 'S', key, klen) ||
		  (s->title && end == i + 1 && !tis(t, NA_WC_ROLE_HEAD) &&
		   !tis(t, NA_WC_HONORIFIC_ABBREV))))
		return false;
	classify(x, i, s->b, s->n, s->title);
	s->done = true;
	return true;
}

/* title_words: a title marks what follows as a person; a role word alone
 * mid-sentence is a surname instead ("King said"), left to the pieces */
static bool
title_words(Ner *x, Segment *s)
{
	const Tok  *t = &x->toks[s->i];
	uint32_t	end;

	if (!is_title_at(x, s->i, &end) || end > s->b ||
		!(end < s->b || (t->gm_entry && gz_entry(x->g, t->gm_entry)->type == NA_ENT_TITLE) ||
		  !(t->f & TK_CAP) || (t->f & TK_SINIT)))
		return false;
	/* "General Election", "General Assembly": a common word after a rank
	 * or an office (not an honorific: "Ms. Gross"), and not a name the
	 * gazetteer knows, makes no title */
	if (end < s->b && t->kind == NA_TOK_WORD && !tis(t, NA_WC_HONORIFIC_ABBREV) &&
		is_common(x, &x->toks[end]) && !x->toks[end].given && !x->toks[end].gm_entry)
		return false;
	s->title = true;
	s->i = end;
	return true;
}

/* lower_case_word: a connector inside the run ("of", "de") is no name */
static bool
lower_case_word(Ner *x, Segment *s)
{
	if (x->toks[s->i].f & TK_CAP)
		return false;
	s->i++;
	return true;
}

/* piece_end: an unknown piece runs from i up to the next gazetteer entity
 * or title; a place or organization inside "Bank of England" stays in */
static uint32_t
piece_end(Ner *x, const Segment *s)
{
	uint32_t	i = s->i;
	uint32_t	end = i + 1;

	while (end < s->b)
	{
		const Tok  *u = &x->toks[end];
		const GzEntry *ue = u->gm_entry ? gz_entry(x->g, u->gm_entry) : NULL;
		uint32_t	te;

		if (ue && u->gm_end <= s->b && ue->type != NA_ENT_GIVEN_NAME &&
			!(ue->type == NA_ENT_TITLE && (!(u->f & TK_CAP) || u->gm_end == s->b)) &&
			end > i && !is_connector(x, &x->toks[end - 1]) &&
			!(x->toks[end - 1].norm_len == 2 && memcmp(tnorm(x, &x->toks[end - 1]), "of", 2) == 0))
			break;
		if (!ue && is_title_at(x, end, &te) && te < s->b)
			break;
		{
			CompoundPart parts[MAX_PARTS];

			if (compound_split(x, end, parts) > 0)
				break;
		}
		end++;
	}
	return end;
}

/* team_before_city: "Real Madrid", "Dynamo Moscow": an unknown word before
 * a city that ends the run is a team or company; "East Jerusalem" stays a
 * place */
static bool
team_before_city(Ner *x, Segment *s, uint32_t end)
{
	uint32_t	i = s->i;
	bool		place;

	if (!(end < s->b && end - i <= 2 && x->toks[end].gm_entry &&
		  x->toks[end].gm_end == s->b && !x->toks[i].given &&
		  gz_entry(x->g, x->toks[end].gm_entry)->type == NA_ENT_LOC &&
		  !sentence_word(x, &x->toks[i]) &&
		  !is_connector(x, &x->toks[end - 1]) && !is_of(x, &x->toks[end - 1])))
		return false;
	place = tis(&x->toks[i], NA_WC_PLACE_MODIFIER) || tis(&x->toks[i], NA_WC_LOC);
	name_out(x, i, s->b, place ? NA_ENT_LOC : NA_ENT_ORG, BY(NR_PLACE_AND_WORDS), FROM_TEXT, 1);
	s->i = s->b;
	s->title = false;
	return true;
}

/* first_name_of_known_person: "Volodymyr Zelenskyy": an unknown first
 * name before a person the gazetteer knows by surname; the gazetteer's
 * person when the first names agree (3 letters), another of the family
 * otherwise */
static bool
first_name_of_known_person(Ner *x, Segment *s, uint32_t end)
{
	uint32_t	i = s->i;
	const Tok  *ft = &x->toks[i];
	const GzEntry *pe;
	const char *cn;
	uint32_t	pend;
	bool		same;

	if (!(end < s->b && end - i <= 2 && x->toks[end].gm_entry && x->toks[end].gm_end <= s->b &&
		  gz_entry(x->g, x->toks[end].gm_entry)->type == NA_ENT_PERSON &&
		  !sentence_word(x, ft)))
		return false;
	pe = gz_entry(x->g, x->toks[end].gm_entry);
	cn = gz_str(x->g, pe->canon_off);
	pend = x->toks[end].gm_end;
	same = ft->norm_len >= 3 && pe->canon_len >= 3;
	for (int k = 0; same && k < 3; k++)
	{
		char		c = cn[k];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c + 32);
		if (c != tnorm(x, ft)[k])
			same = false;
	}
	name_out(x, i, pend, NA_ENT_PERSON, BY(NR_KNOWN_PERSON),
			 same ? FROM_GAZETTEER(pe) : FROM_GIVEN(ft->given ? gz_entry(x->g, ft->given) : NULL),
			 3);
	s->i = pend;
	s->title = false;
	return true;
}

/* unknown_piece: the piece up to the next known name or title, a team, a
 * known person's first name, or else classified */
static bool
unknown_piece(Ner *x, Segment *s)
{
	uint32_t	end = piece_end(x, s);

	if (team_before_city(x, s, end) || first_name_of_known_person(x, s, end))
		return true;
	classify(x, s->i, end, s->n, s->title);
	s->title = false;
	s->i = end;
	return true;
}

static const SegmentRule segment_rules[] = {
	party_place, compound_word, event_after_place, org_of_name, org_after_place, common_gazetteer_word, gazetteer_name,
	lone_title, title_words,
	lower_case_word, unknown_piece
};

/*
 * segment_run handles the run of capitalized tokens [a, b): titles, gazetteer
 * entities and unknown pieces.  title: a title came just before the run.
 */
static void
segment_run(Ner *x, uint32_t a, uint32_t b, size_t n, bool title)
{
	Segment		s = {a, b, n, title, false};

	if (whole_run_org(x, &s))
		return;
	while (s.i < s.b && !s.done && x->st == NA_OK)
		for (size_t r = 0; r < sizeof(segment_rules) / sizeof(segment_rules[0]); r++)
			if (segment_rules[r](x, &s))
				break;
}

/* known_only: in headline modes only known names come out of [a, b) */
static void
known_only(Ner *x, uint32_t a, uint32_t b, size_t n)
{
	uint32_t	i = a;

	/* "WORLDSOURCES, INC.": a company name even in capitals (the last
	 * words before the suffix that are not function words) */
	if (b - a >= 2 && tis(&x->toks[b - 1], NA_WC_COMPANY_SUFFIX))
	{
		uint32_t	s = b - 1;

		if (s > a && x->toks[s - 1].norm_len == 1 && tnorm(x, &x->toks[s - 1])[0] == ',')
			s--;
		while (s > a && b - s < 6 && (x->toks[s - 1].f & TK_CAP) &&
			   !(x->toks[s - 1].f & TK_STOP))
			s--;
		if (s < b - 2 || (s < b - 1 && tnorm(x, &x->toks[b - 2])[0] != ','))
		{
			name_out(x, s, b, NA_ENT_ORG, BY(NR_HEADLINE_COMPANY), FROM_TEXT, 0);
			return;
		}
	}

	while (i < b && x->st == NA_OK)
	{
		const Tok  *t = &x->toks[i];
		const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;
		const MemSlot *m = NULL;
		uint32_t	j;

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
		if (compound_parts(x, i))
		{
			i++;
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
			name_out(x, i, j, (NaEntityType) m->type, BY(NR_HEADLINE_MEMORY), FROM_MEMORY(m), 0);
			i = j;
			continue;
		}
		/* a word the model has seen as a name far more often than not */
		{
			NaNerWord	w = model_word(x, t);

			if (w.name != NA_ENT_NONE && !tis(t, NA_WC_NEVER_ALONE))
				name_out(x, i, i + 1, w.name, BY(NR_HEADLINE_MODEL), FROM_TEXT, 0);
		}
		i++;
	}
}

static bool
is_of(const Ner *x, const Tok *t)
{
	return t->norm_len == 2 && memcmp(tnorm(x, t), "of", 2) == 0 && (t->f & TK_WORD);
}

static bool
is_for(const Ner *x, const Tok *t)
{
	return t->norm_len == 3 && memcmp(tnorm(x, t), "for", 3) == 0 && (t->f & TK_WORD);
}

static bool
is_and(const Ner *x, const Tok *t)
{
	return t->norm_len == 3 && memcmp(tnorm(x, t), "and", 3) == 0 && (t->f & TK_WORD) &&
		!(t->f & TK_CAP);
}

/*
 * and_goes_on: token b is "and" inside an organization's name after "of"
 * or "for" ("Chamber of Commerce and Industry", "Center for Internet and
 * Society"): an ordinary word follows it, capitalized, and the name ends
 * within two words; a name of its own after "and" ("Bank of England and
 * Barclays") is not taken in
 */
static bool
and_goes_on(const Ner *x, size_t b, size_t n)
{
	const Tok  *u = &x->toks[b];
	size_t		k;

	if (!is_and(x, u) || b + 1 >= n)
		return false;
	for (k = b + 1; k < n && k - (b + 1) < 3; k++)
	{
		const Tok  *v = &x->toks[k];

		if (!(v->f & TK_CAP) || v->sent != u->sent || v->nl >= 2 ||
			(v->f & (TK_BLOCK | TK_GAP)) || (k > b + 1 && v->nl))
			break;
		if (v->gm_entry || v->given || (k == b + 1 && model_word(x, v).name != NA_ENT_NONE))
			return false;
		if (v->f & TK_POSS)
		{
			k++;
			break;
		}
	}
	return k > b + 1 && k - (b + 1) <= 2 && (k >= n || !(x->toks[k].f & TK_CAP) ||
										  x->toks[k].sent != u->sent);
}

/* plain_word: the capitalized word t is no name of its own and not in
 * capitals; with common, an ordinary word too (is_common) */
static bool
plain_word(const Ner *x, const Tok *t, bool common)
{
	return (t->f & (TK_WORD | TK_CAP | TK_ACAPS | TK_STOP)) == (TK_WORD | TK_CAP) &&
		!t->gm_entry && !t->given && !(t->f & (TK_BLOCK | TK_GAP | TK_POSS)) &&
		(!common || is_common(x, t)) && model_word(x, t).name == NA_ENT_NONE;
}

/*
 * and_before_head: token b is "and" between two ordinary words
 * (plain_word), and the name ends one or two words later with an
 * organization's head word ("Securities and Exchange Commission", "Food
 * and Drug Administration", "Convention and Visitors Bureau"): one
 * organization, not two
 */
static bool
and_before_head(const Ner *x, size_t b, size_t n)
{
	const Tok  *u = &x->toks[b];
	size_t		k;

	if (!is_and(x, u) || b == 0 || b + 2 >= n || !plain_word(x, &x->toks[b - 1], true) ||
		!plain_word(x, &x->toks[b + 1], false))
		return false;
	/* a head word before "and" ends a name of its own ("Citizens Bank and
	 * Canal Bank"), unless it opens the name or follows a place
	 * ("U.S. Securities and Exchange Commission") */
	if (tis(&x->toks[b - 1], NA_WC_ORG) && b >= 2 && (x->toks[b - 2].f & TK_CAP) &&
		x->toks[b - 2].sent == u->sent && x->toks[b - 1].nl < 2 &&
		!(x->toks[b - 2].gm_entry && gz_entry(x->g, x->toks[b - 2].gm_entry)->type == NA_ENT_LOC))
		return false;
	for (k = b + 1; k < n && k - (b + 1) < 3; k++)
	{
		const Tok  *v = &x->toks[k];

		if (!(v->f & TK_CAP) || v->sent != u->sent || v->nl >= 2 || (v->f & (TK_BLOCK | TK_GAP)))
			break;
	}
	return k > b + 2 && tis(&x->toks[k - 1], NA_WC_ORG) &&
		(k >= n || x->toks[k].sent != u->sent ||
		 !(x->toks[k].f & TK_CAP || is_of(x, &x->toks[k]) || is_for(x, &x->toks[k])));
}

/* is_name_apostrophe: token b is an apostrophe written right after a
 * capital O or D ("O' Leary", "D' Alema"), which goes on with the name */
static bool
is_name_apostrophe(const Ner *x, size_t b)
{
	const Tok  *u = &x->toks[b];
	const Tok  *p = &x->toks[b - 1];
	const char *a = x->text + u->start;

	if (b == 0 || u->kind != NA_TOK_PUNCT || p->clen != 1 || u->start != p->start + p->len ||
		!(x->text[p->start] == 'O' || x->text[p->start] == 'D'))
		return false;
	return (u->len == 1 && a[0] == '\'') ||
		(u->len == 3 && memcmp(a, "\xe2\x80\x99", 3) == 0);
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
		bool		orgof;		/* the run has an organization's head
								 * word, then "of" or "for" */

		if (dotcom_name(x, t))
		{
			const GzEntry *e = part_entry(x, t, 0, t->len - t->trim_b, NA_ENT_ORG);

			name_out(x, (uint32_t) i, (uint32_t) i + 1, NA_ENT_ORG, BY(NR_DOTCOM),
					 e ? FROM_GAZETTEER(e) : FROM_TEXT, 2);
			i++;
			continue;
		}
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
				tis(p, NA_WC_HONORIFIC))
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
		orgof = false;
		while (b < n && b - i < MAX_RUN)
		{
			const Tok  *u = &x->toks[b];
			const Tok  *p = &x->toks[b - 1];

			if (u->sent != t->sent || u->nl >= 2 || (u->nl && u->mode != t->mode) ||
				(u->f & (TK_BLOCK | TK_GAP)) || (p->f & TK_POSS) || u->mode != t->mode)
				break;
			if (u->f & TK_CAP)
			{
				b++;
			}
			else if (b + 1 < n && (x->toks[b + 1].f & TK_CAP) &&
					 !(x->toks[b + 1].f & (TK_BLOCK | TK_GAP)) && x->toks[b + 1].sent == t->sent &&
					 x->toks[b + 1].nl < 2 &&
					 (is_connector(x, u) || cover > b ||
					  (is_of(x, u) && tis(p, NA_WC_OF_HEAD)) ||
					  (is_for(x, u) && tis(p, NA_WC_ORG))))
			{
				if ((is_of(x, u) || is_for(x, u)) && tis(p, NA_WC_ORG) && b - i <= 3)
					orgof = true;
				b += 2;
			}
			else if ((orgof && and_goes_on(x, b, n)) || and_before_head(x, b, n))
			{
				orgof = false;
				b += 2;			/* "Chamber of Commerce and Industry",
								 * "Securities and Exchange Commission" */
			}
			else if (cover > b && u->kind != NA_TOK_PUNCT)
				b++;
			else if (b + 2 < n && is_connector(x, u) && is_connector(x, &x->toks[b + 1]) &&
					 !(x->toks[b + 1].f & (TK_BLOCK | TK_GAP)) &&
					 (x->toks[b + 2].f & TK_CAP) && !(x->toks[b + 2].f & (TK_BLOCK | TK_GAP)) &&
					 x->toks[b + 2].sent == t->sent && x->toks[b + 2].nl < 2)
				b += 3;			/* "van der", "de la" */
			else if (u->norm_len == 1 && tnorm(x, u)[0] == ',' && b + 1 < n &&
					 x->toks[b + 1].sent == t->sent && !(x->toks[b + 1].f & (TK_BLOCK | TK_GAP)) &&
					 (x->toks[b + 1].f & TK_CAP) && tis(&x->toks[b + 1], NA_WC_COMPANY_SUFFIX))
				b += 2;			/* "Acme, Inc." */
			else if (is_name_apostrophe(x, b) && b + 1 < n && (x->toks[b + 1].f & TK_CAP) &&
					 x->toks[b + 1].sent == t->sent && x->toks[b + 1].nl == 0 &&
					 !(x->toks[b + 1].f & (TK_BLOCK | TK_GAP)))
				b += 2;			/* "Michael O' Leary" */
			else
				break;
			if (x->toks[b - 1].gm_end > cover)
				cover = x->toks[b - 1].gm_end;
		}
		/* "European Central Bank (ECB)": the acronym names the same entity */
		if (b == i + 1 && i >= 2 && b < n && x->nouts > 0 &&
			(t->flags & NA_TF_ALL_UPPER) && t->clen >= 2 && t->clen <= 6 &&
			x->toks[i - 1].norm_len == 1 && tnorm(x, &x->toks[i - 1])[0] == '(' &&
			x->toks[b].norm_len == 1 && tnorm(x, &x->toks[b])[0] == ')' &&
			x->outs[x->nouts - 1].b == i - 1 && x->outs[x->nouts - 1].b - x->outs[x->nouts - 1].a >= 2 &&
			x->outs[x->nouts - 1].type != NA_ENT_PERSON)
			mem_put(x, 'N', tnorm(x, t), t->norm_len, &x->outs[x->nouts - 1], 3);
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

/*
 * Confidence.  For each rule and type, the share of the names it gave that
 * were right (span and type) on CoNLL-2003 train, with NORP counted as
 * MISC; pairs seen fewer than 20 times there get a rounder guess (in
 * brackets).  0.5 where a rule never gives that type.
 */
static const float rule_conf[NR_COUNT][NA_ENT_MISC + 1] = {
	/* NONE, PERSON, ORG, LOC, NORP, MISC */
	[NR_GAZETTEER] = {0.5f, 0.97f, 0.76f, 0.86f, 0.88f, 0.84f},
	[NR_TITLE] = {0.5f, 0.93f, 0.5f, 0.5f, 0.5f, 0.5f},
	[NR_GIVEN_NAME] = {0.5f, 0.97f, 0.5f, 0.5f, 0.5f, 0.5f},
	[NR_KNOWN_PERSON] = {0.5f, 0.88f, 0.5f, 0.5f, 0.5f, 0.5f},
	[NR_ORG_HEAD] = {0.5f, 0.5f, 0.78f, 0.5f, 0.5f, 0.5f},
	[NR_PLACE_HEAD] = {0.5f, 0.5f, 0.5f, 0.49f, 0.5f, 0.5f},
	[NR_EVENT] = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.85f},
	[NR_PLACE_AND_WORDS] = {0.5f, 0.5f, 0.79f, 0.44f, 0.5f, 0.5f},
	[NR_DATELINE] = {0.5f, 0.5f, 0.5f, 0.68f, 0.5f, 0.5f},
	[NR_STATE] = {0.5f, 0.5f, 0.5f, 0.9f /* [0.93, 15] */ , 0.5f, 0.5f},
	[NR_PARTY_PLACE] = {0.5f, 0.5f, 0.7f /* [0] */ , 0.9f /* [0] */ , 0.5f, 0.5f},
	[NR_DOTCOM] = {0.5f, 0.5f, 0.8f /* [0] */ , 0.5f, 0.5f, 0.5f},
	[NR_HEADLINE_MEMORY] = {0.5f, 0.86f, 0.76f, 0.5f /* [18] */ , 0.3f /* [7] */ , 0.32f},
	[NR_HEADLINE_MODEL] = {0.5f, 0.1f, 0.78f, 0.4f /* [9] */ , 0.5f, 0.16f},
	[NR_HEADLINE_COMPANY] = {0.5f, 0.5f, 0.75f /* [2] */ , 0.5f, 0.5f, 0.5f},
	[NR_TEAM] = {0.5f, 0.5f, 0.9f, 0.5f, 0.5f, 0.5f},
};

/*
 * The model's confidence (the probability of its best class, times 0.8)
 * against the share of its names that were right on CoNLL-2003 train,
 * mentions the memory resolves included; read between the knots.  The
 * model was trained on the same text, so the shares are optimistic.
 */
static const float model_knots[][2] = {
	{0.0f, 0.0f}, {0.3f, 0.2f}, {0.35f, 0.33f}, {0.45f, 0.45f}, {0.55f, 0.6f},
	{0.675f, 0.66f}, {0.7f, 0.69f}, {0.725f, 0.83f}, {0.75f, 0.88f}, {0.775f, 0.94f},
	{0.8f, 0.95f}
};

/* rule_confidence: the calibrated confidence of the name o */
static float
rule_confidence(const Out *o)
{
	size_t		nk = sizeof(model_knots) / sizeof(model_knots[0]);

	if (o->rule != NR_MODEL)
		return o->type <= NA_ENT_MISC ? rule_conf[o->rule][o->type] : 0.5f;
	for (size_t k = 1; k < nk; k++)
		if (o->conf <= model_knots[k][0])
		{
			float		x0 = model_knots[k - 1][0],
						y0 = model_knots[k - 1][1],
						x1 = model_knots[k][0],
						y1 = model_knots[k][1];

			return y0 + (y1 - y0) * (o->conf - x0) / (x1 - x0);
		}
	return model_knots[nk - 1][1];
}

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

/*
 * apply_stops applies the user's stop-entities (gazetteer.h) to e, by its
 * canonical name or else its mention: false drops it, a forced type
 * replaces its type.
 */
static bool
apply_stops(const Ner *x, NaEntity *e)
{
	NaEntityType forced = NA_ENT_NONE;
	NaStopAction a = na_gazetteer_stop(x->g, e->canonical, e->canonical_len, e->type, &forced);

	if (a == NA_STOP_NONE &&
		(e->len != e->canonical_len || memcmp(e->canonical, x->text + e->start, e->len) != 0))
		a = na_gazetteer_stop(x->g, x->text + e->start, e->len, e->type, &forced);
	if (a == NA_STOP_DROP)
		return false;
	if (a == NA_STOP_FORCE)
	{
		e->type = forced;
		e->type_name = na_entity_type_name(forced);
	}
	return true;
}

static bool emit_out(Ner *x, const Out *o);

/*
 * strong_rule_type: whether the rules' type of their name o, a person, an
 * organization or a place, stands against the stacked tagger's type t of
 * the same tokens, where the rules' type rests on the word and the
 * tagger's on the context, which moves from one article to the next
 * (`Airbus` MISC in one, ORG in the next; type consistency, issue 9):
 *   - a gazetteer alias of an organization or a place (NR_GAZETTEER) the
 *     tagger calls a person or MISC (a club and its city, ORG against LOC,
 *     follow CoNLL's convention by context, and stay the tagger's);
 *   - the rules' model (NR_MODEL, which reads the word's own evidence
 *     first) where the tagger says MISC, its type for what it does not
 *     know, or ORG against the rules' person (`Souness`).
 */
static bool
strong_rule_type(const Out *o, NaEntityType t)
{
	if (o->part_len > 0)
		return false;
	if (o->rule == NR_GAZETTEER)
		return (o->type == NA_ENT_ORG || o->type == NA_ENT_LOC) &&
			(t == NA_ENT_PERSON || t == NA_ENT_MISC);
	if (o->rule == NR_MODEL)
		return (t == NA_ENT_MISC &&
				(o->type == NA_ENT_PERSON || o->type == NA_ENT_ORG || o->type == NA_ENT_LOC)) ||
			(t == NA_ENT_ORG && o->type == NA_ENT_PERSON);
	return false;
}

/*
 * stacked_type: the type of a stacked tagger's name of tokens [a, b)
 * (tagged t) where the rules name the same tokens (x->outs from *k on, in
 * order of their first token; *k moves on).  The tagger keeps its type,
 * but for two cases where its CoNLL-bound labels part from the rules'
 * without a better reading of the context:
 *   - a nationality or group the rules call NORP (but for the model's
 *     guess by a word's ending, looks_demonym: `Music`, `Smithsonian`), or
 *     which is the whole of a gazetteer NORP alias: CoNLL has no NORP and
 *     the tagger says MISC, so that one word (`American`) came out as NORP
 *     in one article and MISC in the next; NORP is the finer type, and
 *     scores as MISC;
 *   - a place the rules name in a dateline's shape (dateline_shape):
 *     CoNLL's datelines read "ATHENS 1996-08-22"; in "ATHENS (Reuters) -"
 *     the tagger took the bracket for a sports table's and named the city
 *     a club;
 *   - where the rules' type rests on the word itself (strong_rule_type).
 */
static NaEntityType
stacked_type(const Ner *x, size_t *k, size_t a, size_t b, size_t n, NaEntityType t)
{
	while (*k < x->nouts && x->outs[*k].a < a)
		(*k)++;
	for (size_t j = *k; j < x->nouts && x->outs[j].a == a; j++)
	{
		const Out  *o = &x->outs[j];

		if (o->b != b || o->part_len > 0)
			continue;
		if (o->type == NA_ENT_LOC && t != NA_ENT_LOC &&
			(o->rule == NR_DATELINE || dateline_shape(x, a, b, n)))
			return NA_ENT_LOC;
		if (o->type == NA_ENT_NORP && t == NA_ENT_MISC && o->rule != NR_MODEL)
			return NA_ENT_NORP;
		if (o->type != t && strong_rule_type(o, t))
			return (NaEntityType) o->type;
	}
	/* where the rules name other tokens: a gazetteer nationality */
	if (t == NA_ENT_MISC && x->g && x->toks[a].gm_entry && x->toks[a].gm_end == b)
		for (const GzEntry *e = gz_entry(x->g, x->toks[a].gm_entry); e; e = gz_entry(x->g, e->next))
			if (e->type == NA_ENT_NORP)
				return NA_ENT_NORP;
	return t;
}

/* blocked_words: whether a word of the tokens [a, b) is blocked (TK_BLOCK) */
static bool
blocked_words(const Ner *x, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if ((x->toks[k].f & (TK_WORD | TK_BLOCK)) == (TK_WORD | TK_BLOCK))
			return true;
	return false;
}

/*
 * lower_compound: whether token t ends in a hyphen and a lower-case word
 * ("York-based", "Paris-born"): a MISC of the tagger so written is an
 * adjective, no name
 */
static bool
lower_compound(const Ner *x, const Tok *t)
{
	const char *w = x->text + t->start;
	size_t		n = t->len - t->trim_b;

	for (size_t k = n; k > 1; k--)
		if (w[k - 1] == '-')
			return k < n && w[k] >= 'a' && w[k] <= 'z';
	return false;
}

/*
 * lone_common_word: whether a stacked tagger's name of the one token t is
 * a word that is no name alone (junk in the top names of issue 9), where
 * the rules do not name it, or name it only by their naive Bayes guess of
 * a nationality (`Music` NORP by its ending):
 *   - a letter alone (lone_initial: "A $2.16 billion");
 *   - one of the rules' never_alone words (`Internet`, `Web`, `TV`),
 *     unless typed a person (`May` after "Theresa May", which the rules
 *     lose);
 *   - typed MISC (the tagger's type for what it does not know), an
 *     ordinary English word (dictionary_word, and no gazetteer alias or
 *     given name: `Music` in "Music piracy ...", "The Sound of Music",
 *     `Budget`, `Games`).
 */
static bool
lone_common_word(const Ner *x, size_t *k, size_t a, NaEntityType type)
{
	const Tok  *t = &x->toks[a];

	while (*k < x->nouts && x->outs[*k].a < a)
		(*k)++;
	for (size_t j = *k; j < x->nouts && x->outs[j].a == a; j++)
	{
		const Out  *o = &x->outs[j];

		if (!(o->rule == NR_MODEL && o->b == a + 1 &&
			  o->type == NA_ENT_NORP))
			return false;
	}
	if (t->clen == 1 || (t->clen == 2 && tnorm(x, t)[1] == '.'))
		return true;
	if (!(t->f & TK_WORD))
		return false;
	if (tis(t, NA_WC_NEVER_ALONE) && type != NA_ENT_PERSON)
		return true;
	return type == NA_ENT_MISC && !t->gm_entry && !t->given &&
		dictionary_word(tnorm(x, t), t->norm_len);
}

/*
 * same_rules_name: the rules' name of exactly the tokens [a, b) (x->outs
 * from *k on, in order of their first token; *k moves on), or NULL
 */
static const Out *
same_rules_name(const Ner *x, size_t *k, size_t a, size_t b)
{
	while (*k < x->nouts && x->outs[*k].a < a)
		(*k)++;
	for (size_t j = *k; j < x->nouts && x->outs[j].a == a; j++)
		if (x->outs[j].b == b && x->outs[j].part_len == 0)
			return &x->outs[j];
	return NULL;
}

/*
 * emit_mentions reports the names of a tagging model (NaNerModel.mentions)
 * for the window of n tokens, with the pattern spans in order, as
 * emit_window does for the rules' names: the canonical name is the mention
 * without a trailing possessive.  A stacked tagger's type is read against
 * the rules' (stacked_type); where the rules name the same tokens with the
 * same type, their canonical name and link stand (issue 9, one entity one
 * name: `Bush` after `George W. Bush`, `Oracle` after `Oracle Corp.`, no
 * title in the name).
 */
static void
emit_mentions(Ner *x, const NaNerModel *model, size_t n)
{
	const NaNerMention *ms;
	size_t		nm = model->mentions(model, &ms);
	size_t		ko = 0;			/* stacked: the next of the rules' names */
	size_t		kt = 0;			/* the same, for stacked_type */
	size_t		kc = 0;			/* the same, for the canonical name */
	size_t		kp = 0;			/* the same, for a person after a title */
	size_t		kw = 0;			/* the same, for a lone common word */

	for (size_t k = 0; k < nm && !x->stopped; k++)
	{
		const NaNerMention *m = &ms[k];
		const Tok  *ta,
				   *tb;
		NaEntity	e;
		size_t		end;
		bool		parts = false;

		if (m->a >= m->b || m->b > n)
			continue;
		/*
		 * a stacked tagger labels whole tokens: where it names one token
		 * whose parts the rules name ("R-Buffalo", "US-Russia"), the
		 * rules' parts stand
		 */
		if (x->stack && m->b == m->a + 1)
		{
			while (ko < x->nouts && x->outs[ko].a < m->a)
				ko++;
			for (size_t j = ko; j < x->nouts && x->outs[j].a == m->a; j++)
				if (x->outs[j].part_len > 0)
				{
					parts = true;
					if (!emit_out(x, &x->outs[j]))
						return;
				}
		}
		if (parts)
			continue;
		/*
		 * nor does it name what the rules block: a source credit
		 * ("Courtesy of: Bloomberg News, London"), the capital AT of a
		 * fixture, markup; nor an adjective the rules leave out
		 * ("New York-based", CoNLL's MISC); nor a lone common word the
		 * rules do not name (lone_common_word)
		 */
		if (x->stack && (blocked_words(x, m->a, m->b) ||
						 (m->type == NA_ENT_MISC && lower_compound(x, &x->toks[m->b - 1])) ||
						 (m->b == m->a + 1 && lone_common_word(x, &kw, m->a, m->type))))
			continue;
		ta = &x->toks[m->a];
		tb = &x->toks[m->b - 1];
		end = tb->start + tb->len - tb->trim_b;
		while (x->span_emit < x->nspans && x->spans[x->span_emit].start < ta->start)
			if (!emit_span(x, x->span_emit++))
				return;
		if ((x->span_emit > 0 &&
			 x->spans[x->span_emit - 1].start + x->spans[x->span_emit - 1].len > ta->start) ||
			(x->span_emit < x->nspans && x->spans[x->span_emit].start < end) ||
			end <= ta->start)
			continue;
		memset(&e, 0, sizeof(e));
		e.type = m->type;
		e.type_name = m->type_name;
		if (x->stack)
		{
			NaEntityType t = stacked_type(x, &kt, m->a, m->b, n, m->type);

			if (t != e.type)
			{
				e.type = t;
				e.type_name = na_entity_type_name(t);
			}
		}
		e.start = ta->start;
		e.len = end - ta->start;
		e.cstart = ta->cstart;
		e.clen = tb->cstart + tb->clen - tb->trim_c - ta->cstart;
		e.canonical = x->text + e.start;
		e.canonical_len = e.len;
		if (x->stack)
		{
			const Out  *o = same_rules_name(x, &kc, m->a, m->b);

			/*
			 * CoNLL puts a title inside a person's name ("Mr Kilroy-Silk"),
			 * the rules do not: where the rules name the person without
			 * the tagger's first word, their canonical name stands
			 */
			if (!o && e.type == NA_ENT_PERSON && m->b - m->a >= 2)
				o = same_rules_name(x, &kp, m->a + 1, m->b);
			if (o && (NaEntityType) o->type == e.type)
			{
				e.canonical = out_canon(x, o->csrc, o->coff);
				e.canonical_len = o->clen;
				if (o->llen)
				{
					e.link = gz_str(x->g, o->loff);
					e.link_len = o->llen;
				}
			}
		}
		e.sentence = ta->sent;
		e.confidence = m->confidence;
		if (x->g && x->g->stops && !apply_stops(x, &e))
			continue;
		if (!x->fn(&e, x->arg))
			x->stopped = true;
	}
	if (n > 0)
	{
		size_t		end = x->toks[n - 1].start + x->toks[n - 1].len;

		while (!x->stopped && x->span_emit < x->nspans && x->spans[x->span_emit].start < end)
			if (!emit_span(x, x->span_emit++))
				return;
	}
}

/*
 * name_teams: a city or a state named as a side of a sports table
 * (table_line) is the club; a country (a gazetteer place without a link)
 * stays its national side, a place.  Only the names in the table change:
 * the document remembers the place.
 */
static void
name_teams(Ner *x)
{
	for (size_t k = 0; k < x->nouts; k++)
	{
		Out		   *o = &x->outs[k];
		uint8_t		side = x->toks[o->a].team;

		if (side == TEAM_NONE || side == TEAM_HOST || x->toks[o->b - 1].team != side ||
			o->part_len > 0)
			continue;
		if (side == TEAM_STANDING && !x->sports)
			continue;
		if ((o->type == NA_ENT_LOC && !(o->csrc == CS_GAZ && o->llen == 0)) ||
			(o->type == NA_ENT_PERSON && side == TEAM_RESULT))
		{
			o->type = NA_ENT_ORG;
			o->rule = NR_TEAM;
		}
	}
}

/*
 * emit_out reports the rules' name o after the pattern spans before it
 * (false: stop)
 */
static bool
emit_out(Ner *x, const Out *o)
{
	const Tok  *ta = &x->toks[o->a];
	const Tok  *tb = &x->toks[o->b - 1];
	NaEntity	e;

	while (x->span_emit < x->nspans && x->spans[x->span_emit].start < ta->start)
		if (!emit_span(x, x->span_emit++))
			return false;
	/*
	 * the name rules keep names off pattern spans; should a rule miss
	 * one, the name is dropped here, so that output stays in order and
	 * never overlaps a span
	 */
	{
		size_t		end = tb->start + tb->len - tb->trim_b;

		if ((x->span_emit > 0 &&
			 x->spans[x->span_emit - 1].start + x->spans[x->span_emit - 1].len > ta->start) ||
			(x->span_emit < x->nspans && x->spans[x->span_emit].start < end))
			return true;
	}
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
	if (o->part_len > 0)
	{
		/* an ASCII token: characters are bytes */
		e.start += o->part_off;
		e.cstart += o->part_off;
		e.len = e.clen = o->part_len;
	}
	e.sentence = ta->sent;
	e.confidence = rule_confidence(o);
	if (x->g && x->g->stops && !apply_stops(x, &e))
		return true;
	if (!x->fn(&e, x->arg))
		x->stopped = true;
	return !x->stopped;
}

static void
emit_window(Ner *x, size_t n)
{
	for (size_t k = 0; k < x->nouts && !x->stopped; k++)
		if (!emit_out(x, &x->outs[k]))
			return;
	/* spans that start before the end of this window */
	if (n > 0)
	{
		size_t		end = x->toks[n - 1].start + x->toks[n - 1].len;

		while (!x->stopped && x->span_emit < x->nspans && x->spans[x->span_emit].start < end)
			if (!emit_span(x, x->span_emit++))
				return;
	}
}

/*
 * load_window builds the extractor's record of each token of the
 * document's current window: the token, its normalized form and the
 * marks, next to the annotations the passes fill in.  One record per token
 * keeps what the rules read about a token in one cache line.
 */
static NaStatus
load_window(Ner *x)
{
	const NaToken *d = na_doc_tokens(x->doc);
	const NaDocNorm *m = na_doc_norms(x->doc);
	size_t		n = na_doc_ntokens(x->doc);

	if (n > x->captoks)
	{
		size_t		c = x->captoks ? x->captoks : 1024;
		Tok		   *nt;

		while (c < n)
			c *= 2;
		nt = x->toks ? na_resize(x->alloc, x->toks, c * sizeof(Tok))
			: na_alloc(x->alloc, c * sizeof(Tok));
		if (!nt)
			return NA_ERR_NOMEM;
		x->toks = nt;
		x->captoks = c;
	}
	x->arena = na_doc_arena(x->doc);
	for (size_t i = 0; i < n; i++)
	{
		Tok		   *t = &x->toks[i];
		uint8_t		marks = d[i].marks;

		t->start = d[i].start;
		t->len = d[i].len;
		t->cstart = d[i].cstart;
		t->clen = d[i].clen;
		t->sent = d[i].sentence;
		t->norm_off = m[i].off;
		t->hash = m[i].hash;
		t->gm_end = 0;
		t->gm_entry = 0;
		t->given = 0;
		t->norm_len = m[i].len;
		t->wcls = (uint16_t) na_ner_word_classes(x->arena + t->norm_off, t->norm_len, t->hash);
		t->flags = d[i].flags;
		t->kind = d[i].kind;
		t->nl = d[i].newlines;
		t->trim_b = m[i].trim_bytes;
		t->trim_c = m[i].trim_chars;
		t->f = (uint8_t) (((marks & NA_DM_WORD) ? TK_WORD : 0) |
						  ((marks & NA_DM_CAP) ? TK_CAP : 0) |
						  ((marks & NA_DM_BLOCKED) ? TK_BLOCK : 0) |
						  ((marks & NA_DM_POSS) ? TK_POSS : 0) |
						  ((marks & NA_DM_ACAPS) ? TK_ACAPS : 0) |
						  ((marks & NA_DM_GAP) ? TK_GAP : 0) |
						  ((t->wcls & NA_WC_STOPWORD) ? TK_STOP : 0));
		t->mode = LM_NORMAL;
		t->team = TEAM_NONE;
	}
	x->ntoks = n;
	x->lower_built = false;
	return NA_OK;
}

/* na_entities_create: see entities.h. */
NaStatus
na_entities_create(NaDoc *doc, const NaGazetteer *g, NaNerModel *model, NaEntityFn fn,
				   void *arg, const NaAllocator *alloc, NaEntities **out)
{
	Ner		   *x;
	const unsigned need = NA_DOC_SENTENCES | NA_DOC_NORMS;

	*out = NULL;
	if ((na_doc_layers(doc) & need) != need)
		return NA_ERR_BAD_ARGUMENT;
	x = na_alloc(alloc, sizeof(Ner));
	if (!x)
		return NA_ERR_NOMEM;
	memset(x, 0, sizeof(*x));
	x->g = g;
	x->model = model ? model : na_ner_bayes();
	if (x->model->mentions && x->model->rules)
	{
		/* a stacked tagger reads the names of the rules, which ask Bayes */
		x->stack = x->model;
		x->model = na_ner_bayes();
	}
	x->doc = doc;
	x->text = na_doc_text(doc, NULL);
	x->alloc = alloc;
	x->fn = fn;
	x->arg = arg;
	na_buf_init(&x->canon, alloc);
	na_buf_init(&x->memstr, alloc);
	*out = x;
	return NA_OK;
}

/*
 * rule_names: the passes of the rules over the window of n tokens, with
 * their names in x->outs
 */
static void
rule_names(Ner *x, size_t n)
{
	x->sports = false;
	line_modes(x, n);
	sentence_starts(x, n);
	gaz_matches(x, n);
	/* pass 1: fill the document memory; pass 2: the names */
	x->emitting = false;
	names_pass(x, n);
	x->emitting = true;
	if (x->st == NA_OK)
		names_pass(x, n);
	if (x->st == NA_OK)
		name_teams(x);
}

/* the rules' names of the window (x->outs) as mentions, in x->rnames */
static NaStatus
outs_as_mentions(Ner *x)
{
	NaStatus	st;

	x->nrnames = 0;
	if ((st = na_grow(x->alloc, (void **) &x->rnames, &x->caprnames, x->nouts + 1,
					  sizeof(NaNerMention))) != NA_OK)
		return st;
	for (size_t k = 0; k < x->nouts; k++)
	{
		const Out  *o = &x->outs[k];
		NaNerMention *m = &x->rnames[x->nrnames++];

		m->a = o->a;
		m->b = o->b;
		m->type = (NaEntityType) o->type;
		m->type_name = na_entity_type_name(m->type);
		m->confidence = rule_confidence(o);
		m->rule = o->rule;
	}
	return NA_OK;
}

/* na_entities_rules: see ner_model.h. */
NaStatus
na_entities_rules(NaEntities *x, const NaNerMention **out, size_t *nout)
{
	size_t		n;

	*out = NULL;
	*nout = 0;
	if (x->st != NA_OK)
		return x->st;
	x->spans = na_doc_spans(x->doc, &x->nspans);
	x->span_sent = na_doc_span_sentences(x->doc);
	if ((x->st = load_window(x)) != NA_OK)
		return x->st;
	n = x->ntoks;
	if (n == 0)
		return NA_OK;
	rule_names(x, n);
	if (x->st == NA_OK)
		x->st = outs_as_mentions(x);
	x->last_sent = x->toks[n - 1].sent;
	*out = x->rnames;
	*nout = x->nrnames;
	return x->st;
}

/* na_entities_tap_rules: see entities.h. */
bool
na_entities_tap_rules(NaEntities *x, NaEntityFn fn, void *arg)
{
	if (!x->stack)
		return false;
	x->tap_fn = fn;
	x->tap_arg = arg;
	return true;
}

/*
 * emit_tap reports the rules' names of the window of n tokens (x->outs) to
 * the tap as emit_window reports them to the listener of an extractor of
 * the rules: the same names and spans, the spans' sentences counted from
 * last_sent, the last sentence of the previous window.
 */
static void
emit_tap(Ner *x, size_t n, uint32_t last_sent)
{
	NaEntityFn	fn = x->fn;
	void	   *arg = x->arg;
	size_t		span_emit = x->span_emit;
	bool		stopped = x->stopped;
	uint32_t	sent = x->last_sent;

	x->fn = x->tap_fn;
	x->arg = x->tap_arg;
	x->span_emit = x->tap_span_emit;
	x->stopped = false;
	x->last_sent = last_sent;
	emit_window(x, n);
	x->tap_span_emit = x->span_emit;
	x->tap_stopped = x->stopped;
	x->fn = fn;
	x->arg = arg;
	x->span_emit = span_emit;
	x->stopped = stopped;
	x->last_sent = sent;
}

/* na_entities_window: see entities.h. */
NaStatus
na_entities_window(NaEntities *x)
{
	size_t		n;

	if (x->st != NA_OK || x->stopped)
		return x->st;
	/* the spans are complete once the document has a window */
	x->spans = na_doc_spans(x->doc, &x->nspans);
	x->span_sent = na_doc_span_sentences(x->doc);
	if (x->stack)
	{
		/* the rules' names, then the tagger that reads them */
		const NaNerMention *names;
		size_t		nn;
		uint32_t	last_sent = x->last_sent;

		if (na_entities_rules(x, &names, &nn) != NA_OK || x->ntoks == 0)
			return x->st;
		if (x->tap_fn && !x->tap_stopped)
			emit_tap(x, x->ntoks, last_sent);
		if ((x->st = x->stack->rules(x->stack, names, nn)) == NA_OK && x->stack->window)
			x->st = x->stack->window(x->stack, x->doc);
		if (x->st == NA_OK)
			emit_mentions(x, x->stack, x->ntoks);
		return x->st;
	}
	if ((x->st = load_window(x)) != NA_OK)
		return x->st;
	n = x->ntoks;
	if (n == 0)
		return NA_OK;
	if (x->model->window && (x->st = x->model->window(x->model, x->doc)) != NA_OK)
		return x->st;
	if (x->model->mentions)
	{
		/* a tagging model names the window itself */
		emit_mentions(x, x->model, n);
		x->last_sent = x->toks[n - 1].sent;
		return x->st;
	}
	rule_names(x, n);
	if (x->st == NA_OK)
		emit_window(x, n);
	x->last_sent = x->toks[n - 1].sent;
	return x->st;
}

/* na_entities_finish: see entities.h. */
NaStatus
na_entities_finish(NaEntities *x)
{
	if (x->st != NA_OK)
		return x->st;
	x->spans = na_doc_spans(x->doc, &x->nspans);
	x->span_sent = na_doc_span_sentences(x->doc);
	while (!x->stopped && x->span_emit < x->nspans)
		emit_span(x, x->span_emit++);
	return NA_OK;
}

/* na_entities_destroy: see entities.h. */
void
na_entities_destroy(NaEntities *x)
{
	if (!x)
		return;
	na_buf_free(&x->canon);
	na_buf_free(&x->memstr);
	na_release(x->alloc, x->toks);
	na_release(x->alloc, x->outs);
	na_release(x->alloc, x->mem);
	na_release(x->alloc, x->lower);
	na_release(x->alloc, x->rnames);
	na_release(x->alloc, x);
}

/* na_entities_of_doc: see entities.h. */
NaStatus
na_entities_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *model, NaEntityFn fn,
				   void *arg, const NaAllocator *alloc)
{
	NaEntities *x;
	NaStatus	st;

	if ((st = na_entities_create(doc, g, model, fn, arg, alloc, &x)) != NA_OK)
		return st;
	while (st == NA_OK && !x->stopped &&
		   (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_entities_window(x);
	if (st == NA_OK)
		st = na_entities_finish(x);
	na_entities_destroy(x);
	return st;
}

/* na_entities_extract: see entities.h. */
NaStatus
na_entities_extract(const NaGazetteer *g, const char *text, size_t len,
					const NaSpan *spans, size_t nspans,
					NaEntityFn fn, void *arg,
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
		st = na_entities_of_doc(doc, g, NULL, fn, arg, alloc);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_doc_destroy(doc);
	return st;
}

/* na_entities_stopped: see entities.h. */
bool
na_entities_stopped(const NaEntities *x)
{
	return x->stopped;
}
