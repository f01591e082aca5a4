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
#define TK_GAP		0x40		/* a pattern span lies between this token
								 * and the previous one */

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
	size_t		prev_end;		/* end of the previous token */
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

typedef struct NerList
{
	const char *w;
	size_t		len;
} NerList;

#define W(s) {s, sizeof(s) - 1}

static bool
word_in(const char *w, size_t len, const NerList *list)
{
	for (; list->w; list++)
		if (list->len == len && list->w[0] == w[0] && memcmp(list->w, w, len) == 0)
			return true;
	return false;
}

/* words that end (or, with "of", begin) an organization's name */
static const NerList org_words[] = {
	W("ministry"), W("council"), W("party"), W("inc"), W("inc."), W("corp"),
	W("corp."), W("co."), W("ltd"), W("ltd."), W("llc"), W("plc"), W("ag"),
	W("gmbh"), W("s.a."), W("sa"), W("nv"), W("agency"), W("university"),
	W("college"), W("institute"), W("times"), W("news"), W("post"), W("journal"),
	W("herald"), W("tribune"), W("gazette"), W("bank"), W("group"),
	W("association"), W("committee"), W("commission"), W("union"), W("federation"),
	W("department"), W("office"), W("court"), W("parliament"), W("assembly"),
	W("congress"), W("senate"), W("board"), W("authority"), W("company"),
	W("corporation"), W("foundation"), W("fund"), W("club"), W("league"),
	W("organization"), W("organisation"), W("airlines"), W("airways"), W("motors"),
	W("bureau"), W("service"), W("services"), W("systems"), W("technologies"),
	W("holdings"), W("industries"), W("international"), W("press"), W("telegraph"),
	W("guardian"), W("radio"), W("television"), W("tv"), W("network"),
	W("society"), W("alliance"), W("coalition"), W("front"), W("movement"),
	W("army"), W("navy"), W("police"), W("church"), W("school"), W("hospital"),
	W("center"), W("centre"), W("exchange"), W("reserve"), W("cabinet"),
	W("government"), W("fc"), W("united"), W("rovers"), W("brigade"),
	W("brigades"), W("forces"), W("command"), W("securities"), W("partners"),
	W("labs"), W("pharmaceuticals"), W("energy"), W("petroleum"), W("electric"),
	W("communications"), W("media"), W("studios"), W("records"), {NULL, 0}
};

/* words that end or begin a place's name */
static const NerList loc_words[] = {
	W("river"), W("mountains"), W("mountain"), W("sea"), W("ocean"), W("island"),
	W("islands"), W("lake"), W("valley"), W("province"), W("region"), W("county"),
	W("street"), W("square"), W("bay"), W("gulf"), W("peninsula"), W("strait"),
	W("desert"), W("coast"), W("mount"), W("mt."), W("airport"), W("avenue"),
	W("road"), W("bridge"), W("park"), W("district"), W("state"), W("heights"),
	W("hills"), W("canal"), W("plain"), W("plains"), W("basin"), W("forest"),
	W("beach"), W("harbour"), W("harbor"), W("port"), W("oblast"), W("krai"),
	W("prefecture"), W("territory"), W("territories"), W("strip"), W("keys"),
	W("falls"), W("springs"), W("canyon"), W("glacier"), W("volcano"), W("reef"),
	W("delta"), {NULL, 0}
};

/* head words after which "of" continues a name */
static const NerList of_heads[] = {
	W("bank"), W("university"), W("ministry"), W("department"), W("house"),
	W("council"), W("church"), W("gulf"), W("bay"), W("republic"), W("kingdom"),
	W("isle"), W("sea"), W("cape"), W("strait"), W("duke"), W("prince"),
	W("princess"), W("court"), W("institute"), W("college"), W("school"),
	W("federation"), W("union"), W("league"), W("association"), W("chamber"),
	W("board"), W("bureau"), W("office"), W("museum"), W("academy"), W("society"),
	W("organization"), W("organisation"), W("commonwealth"), W("state"),
	W("states"), W("city"), W("port"), W("secretary"), W("minister"),
	W("committee"), W("commission"), W("party"), W("people's"), W("isle"),
	W("lake"), W("mount"), W("order"), W("army"), W("sultanate"), W("emirate"),
	W("province"), W("district"), W("county"), W("tower"), {NULL, 0}
};

/* lower-case name particles that join capitalized tokens */
static const NerList connectors[] = {
	W("de"), W("da"), W("van"), W("von"), W("der"), W("den"), W("del"), W("della"),
	W("di"), W("du"), W("la"), W("le"), W("bin"), W("ibn"), W("al"), W("el"),
	W("arap"), W("dos"), W("das"), W("ter"), W("ten"), W("af"), W("y"), W("st."),
	{NULL, 0}
};

/* honorifics and roles that mark the next name as a person */
static const NerList honorifics[] = {
	W("mr"), W("mr."), W("mrs"), W("mrs."), W("ms"), W("ms."), W("dr"), W("dr."),
	W("prof"), W("prof."), W("sir"), W("dame"), W("lord"), W("lady"), W("sen."),
	W("rep."), W("gov."), W("gen."), W("col."), W("capt."), W("lt."), W("sgt."),
	W("rev."), W("maj."), W("adm."), W("cmdr."), W("supt."), W("insp."), W("mme"),
	W("mme."), W("messrs"), W("messrs."), W("miss"), W("president"), W("minister"),
	W("secretary"), W("chancellor"), W("spokesman"), W("spokeswoman"),
	W("spokesperson"), W("senator"), W("governor"), W("mayor"), W("chairman"),
	W("chairwoman"), W("chief"), W("director"), W("judge"), W("justice"),
	W("coach"), W("manager"), W("ambassador"), W("king"), W("queen"), W("prince"),
	W("princess"), W("pope"), W("general"), W("commander"), W("leader"),
	W("premier"), W("envoy"), W("striker"), W("midfielder"), W("defender"),
	W("goalkeeper"), W("captain"), W("economist"), W("analyst"), W("professor"),
	W("lawyer"), W("attorney"), W("actor"), W("actress"), W("singer"), W("author"),
	W("writer"), W("officer"), W("sheikh"), W("ayatollah"), W("cardinal"),
	W("bishop"), W("archbishop"), W("rabbi"), W("imam"), W("father"), W("sister"),
	W("brother"), W("colonel"), W("lieutenant"), W("sergeant"), W("inspector"),
	W("detective"), W("deputy"), W("vice-president"), W("vice"), W("candidate"),
	W("nominee"), W("founder"), W("ceo"), W("cfo"), W("chair"), W("executive"),
	W("head"), W("emir"), W("sultan"), W("dalai"), {NULL, 0}
};

/* verbs of speech: a name next to them is most likely a person */
static const NerList speech_verbs[] = {
	W("said"), W("says"), W("say"), W("told"), W("tells"), W("added"), W("asked"),
	W("stated"), W("explained"), W("noted"), W("warned"), W("wrote"), W("writes"),
	W("tweeted"), W("insisted"), W("argued"), W("declared"), W("announced"),
	W("replied"), W("recalled"), W("remarked"), W("commented"), W("continued"),
	W("urged"), W("admitted"), W("acknowledged"), W("claimed"), W("complained"),
	W("conceded"), W("confirmed"), W("cautioned"), W("described"), W("predicted"),
	W("suggested"), W("stressed"), W("emphasized"), W("emphasised"), W("believes"),
	W("thinks"), {NULL, 0}
};

/* sentence-initial words that are never names, whatever the model says */
static const NerList initial_words[] = {
	W("however"), W("despite"), W("while"), W("according"), W("although"),
	W("after"), W("before"), W("meanwhile"), W("but"), W("and"), W("the"), W("a"),
	W("an"), W("in"), W("on"), W("at"), W("for"), W("from"), W("with"), W("by"),
	W("as"), W("if"), W("when"), W("where"), W("this"), W("that"), W("these"),
	W("those"), W("it"), W("its"), W("he"), W("she"), W("they"), W("we"), W("i"),
	W("you"), W("there"), W("here"), W("no"), W("yes"), W("not"), W("read"),
	W("previous"), W("next"), W("share"), W("related"), W("advertisement"),
	W("get"), W("click"), W("subscribe"), W("sign"), W("follow"), W("watch"),
	W("listen"), W("more"), W("also"), W("still"), W("yet"), W("so"), W("then"),
	W("now"), W("today"), W("yesterday"), W("tomorrow"), W("since"), W("until"),
	W("during"), W("under"), W("over"), W("about"), W("against"), W("between"),
	W("some"), W("many"), W("most"), W("all"), W("each"), W("every"), W("both"),
	W("other"), W("another"), W("such"), W("what"), W("who"), W("why"), W("how"),
	W("which"), W("our"), W("their"), W("his"), W("her"), W("my"), W("your"),
	W("one"), W("two"), W("three"), W("first"), W("last"), W("new"), W("asked"),
	W("reporting"), W("editing"), W("writing"), W("additional"), W("photo"),
	W("video"), W("update"), W("updated"), W("source"), W("sources"), W("note"),
	W("editor's"), {NULL, 0}
};

/* capitalized words that are never a name on their own */
static const NerList never_alone[] = {
	W("i'm"), W("i've"), W("i'll"), W("i'd"), W("internet"), W("web"),
	W("january"), W("february"), W("march"), W("april"), W("may"), W("june"),
	W("july"), W("august"), W("september"), W("october"), W("november"),
	W("december"), W("monday"), W("tuesday"), W("wednesday"), W("thursday"),
	W("friday"), W("saturday"), W("sunday"), W("jan."), W("feb."), W("aug."),
	W("sept."), W("sep."), W("oct."), W("nov."), W("dec."), W("no."), W("co."),
	W("inc."), W("inc"), W("corp."), W("ltd."), W("mr"), W("mr."), W("mrs."),
	W("ms."), W("dr."), {NULL, 0}
};

/* company suffixes, which also end names in headlines */
static const NerList company_suffixes[] = {
	W("inc"), W("inc."), W("corp"), W("corp."), W("co"), W("co."), W("ltd"),
	W("ltd."), W("llc"), W("plc"), W("ag"), W("gmbh"), W("s.a."), W("n.v."),
	{NULL, 0}
};

/* words that end the name of an event or a competition (MISC) */
static const NerList event_words[] = {
	W("open"), W("cup"), W("championship"), W("championships"), W("games"),
	W("olympics"), W("series"), W("trophy"), W("prix"), W("classic"), W("masters"),
	W("tournament"), W("festival"), W("awards"), W("award"), W("prize"), W("war"),
	W("league"), W("day"), W("derby"), W("marathon"), W("summit"), {NULL, 0}
};

/* words before a place name that keep it a place: "East Jerusalem" */
static const NerList place_modifiers[] = {
	W("north"), W("south"), W("east"), W("west"), W("central"), W("northern"),
	W("southern"), W("eastern"), W("western"), W("greater"), W("upper"),
	W("lower"), W("new"), W("old"), W("inner"), W("outer"), W("metro"),
	W("downtown"), W("suburban"), W("rural"), W("coastal"), W("north-east"),
	W("north-west"), W("south-east"), W("south-west"), W("northeast"),
	W("northwest"), W("southeast"), W("southwest"), {NULL, 0}
};

/* AP-style abbreviations of US states, after "City," */
static const NerList state_abbrevs[] = {
	W("ala."), W("ariz."), W("ark."), W("calif."), W("calif"), W("colo."),
	W("conn."), W("del."), W("fla."), W("ga."), W("ill."), W("ind."), W("kan."),
	W("kans."), W("ky."), W("la."), W("md."), W("mass."), W("mich."), W("minn."),
	W("miss."), W("mo."), W("mont."), W("neb."), W("nev."), W("n.h."), W("n.j."),
	W("n.m."), W("n.y."), W("n.c."), W("n.d."), W("okla."), W("ore."), W("pa."),
	W("r.i."), W("s.c."), W("s.d."), W("tenn."), W("tex."), W("vt."), W("va."),
	W("wash."), W("w.va."), W("wis."), W("wyo."), W("d.c."),
	/* the same without the period, when the tokenizer split it off */
	W("ala"), W("ariz"), W("ark"), W("colo"), W("conn"), W("fla"), W("kan"),
	W("kans"), W("mass"), W("mich"), W("minn"), W("miss"), W("mont"), W("neb"),
	W("nev"), W("okla"), W("ore"), W("tenn"), W("tex"), W("wash"), W("wis"),
	W("wyo"), {NULL, 0}
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
tis(const Ner *x, const Tok *t, const NerList *list)
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
		bool		first_cap = false;
		bool		seen_word = false;

		while (j < n && x->toks[j].nl == 0)
			j++;
		for (size_t k = i; k < j; k++)
		{
			Tok		   *t = &x->toks[k];

			if (!(t->f & TK_WORD))
				continue;
			if (!seen_word)
				first_cap = (t->f & TK_CAP) != 0;
			seen_word = true;
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
		else if (words >= 3 && words <= 24 && lower == 0 && caps + acaps >= 3 &&
				 common_caps >= 1 && common_caps * 3 >= words - 1 && first_cap)
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
	/* after an opening quote, a semicolon or a parenthesis, a new clause */
	for (size_t i = 0; i + 1 < n; i++)
	{
		const Tok  *t = &x->toks[i];

		if (t->kind == NA_TOK_PUNCT && (x->toks[i + 1].f & TK_WORD) &&
			(((t->flags & NA_TF_QUOTE) && !(t->flags & NA_TF_CLOSER)) ||
			 (t->norm_len == 1 && (tnorm(x, t)[0] == ';' || tnorm(x, t)[0] == '('))))
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
	int			unknown = 0;

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

	/* "Sacramento, Calif.": a state abbreviation after a comma */
	if (b - a == 1 && a > 0 && tis(x, first, state_abbrevs) &&
		x->toks[a - 1].norm_len == 1 && tnorm(x, &x->toks[a - 1])[0] == ',')
	{
		bool		dot = tnorm(x, first)[first->norm_len - 1] != '.';

		/* "Calif" + "." split by the tokenizer: the period is part of it */
		if (dot && !(b < n && x->toks[b].norm_len == 1 && tnorm(x, &x->toks[b])[0] == '.' &&
					 x->toks[b].start == first->start + first->len))
		{
			if (first->norm_len <= 4)
				return;			/* "Mass", "Wash" without a period: words */
			dot = false;
		}
		if ((o = out_new(x, a, dot ? b + 1 : b, NA_ENT_LOC, 0.85f)) != NULL)
			canon_from_text(x, o, a, dot ? b + 1 : b, NULL);
		return;
	}
	/* months, weekdays, pronoun contractions, lone suffixes */
	if (b - a == 1 && !title && tis(x, first, never_alone))
		return;
	/* "Attendance: 30,000", "Scorers:": a line label */
	if (b - a == 1 && sinit && b < n && x->toks[b].norm_len == 1 &&
		tnorm(x, &x->toks[b])[0] == ':' && !mem_get(x, 'N', key, klen))
		return;

	/* a dateline: "VELDRIN, March 3 (Reuters) -" at the start of a line */
	if ((first->nl > 0 || a == 0) && (x->toks[a].f & TK_SINIT) && b - a <= 3 && b < n)
	{
		bool		caps = true;
		const Tok  *u = &x->toks[b];

		for (uint32_t k = a; k < b; k++)
			if (!(x->toks[k].flags & NA_TF_ALL_UPPER) || x->toks[k].clen < 3)
				caps = false;
		if (caps && (u->f & TK_BLOCK ||
					 (u->kind == NA_TOK_PUNCT && u->norm_len >= 1 &&
					  strchr(",-(", tnorm(x, u)[0])) || (u->flags & NA_TF_DASH)))
		{
			if ((o = out_new(x, a, b, NA_ENT_LOC, 0.8f)) != NULL)
			{
				canon_from_text(x, o, a, b, NULL);
				/* VELDRIN -> Veldrin */
				for (uint32_t k = o->coff + 1; x->st == NA_OK && k < o->coff + o->clen; k++)
				{
					char		c = x->canon.data[k];
					char		p = x->canon.data[k - 1];

					if (c >= 'A' && c <= 'Z' && ((p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z')))
						x->canon.data[k] = (char) (c + 32);
				}
				remember(x, o, 2);
			}
			return;
		}
	}

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
		if (!w)
			unknown++;
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
	/* two words never seen before: most often somebody's name */
	if (b - a == 2 && unknown == 2)
		s[0] += 4.5f;
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

/* honorifics that are never names */
static const NerList honorifics_abbrev[] = {
	W("mr"), W("mr."), W("mrs"), W("mrs."), W("ms"), W("ms."), W("dr"), W("dr."),
	W("prof"), W("prof."), W("sen."), W("rep."), W("gov."), W("gen."), W("col."),
	W("capt."), W("lt."), W("sgt."), W("rev."), W("president"), W("deputy"),
	W("vice"), W("chief"), W("acting"), W("former"), {NULL, 0}
};

/* heads of multi-word titles: "Finance Minister", "Health Secretary" */
static const NerList role_heads[] = {
	W("minister"), W("secretary"), W("spokesman"), W("spokeswoman"),
	W("spokesperson"), W("commissioner"), W("director"), W("ambassador"),
	W("envoy"), W("adviser"), W("advisor"), W("chief"), W("correspondent"),
	W("editor"), {NULL, 0}
};

static bool
is_title_at(const Ner *x, uint32_t i, uint32_t *end)
{
	const Tok  *t = &x->toks[i];
	const GzEntry *e = t->gm_entry ? gz_entry(x->g, t->gm_entry) : NULL;

	/* an unknown capitalized word before a role head is part of the title */
	if (!e && i + 1 < x->ntoks && (t->f & TK_CAP) && (x->toks[i + 1].f & TK_CAP) &&
		x->toks[i + 1].sent == t->sent && !(t->f & TK_POSS) &&
		tis(x, &x->toks[i + 1], role_heads))
	{
		*end = i + 2;
		return true;
	}

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

static bool is_of(const Ner *x, const Tok *t);

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

		if (e && t->gm_end < b && (e->type == NA_ENT_LOC || e->type == NA_ENT_NORP) &&
			tis(x, &x->toks[b - 1], event_words) && b - t->gm_end <= 3)
		{
			/* "U.S. Open", "Hong Kong Open", "European Cup": an event */
			Out		   *o = out_new(x, i, b, NA_ENT_MISC, 0.8f);

			if (o)
			{
				canon_from_text(x, o, i, b, NULL);
				remember(x, o, 2);
			}
			i = b;
			continue;
		}
		if (e && e->type == NA_ENT_LOC && t->gm_end < b && !t->given)
		{
			/* "Houston Astros", "Texas Instruments": a place and unknown
			 * words after it name an organization; "Gaza Strip" a place */
			uint32_t	k = t->gm_end;
			uint32_t	te;

			while (k < b && k - t->gm_end < 3 && (x->toks[k].f & TK_CAP) &&
				   !x->toks[k].gm_entry && !is_title_at(x, k, &te) &&
				   !tis(x, &x->toks[k], never_alone))
				k++;
			if (k > t->gm_end && (k == b || !(x->toks[k].f & TK_CAP)))
			{
				bool		loc = tis(x, &x->toks[k - 1], loc_words);
				Out		   *o = out_new(x, i, k, loc ? NA_ENT_LOC : NA_ENT_ORG, 0.7f);

				if (o)
				{
					canon_from_text(x, o, i, k, NULL);
					remember(x, o, 1);
					/* "Manchester United" ... later "United" */
					if (!loc && k - t->gm_end == 1 && x->emitting)
						mem_put(x, 'N', tnorm(x, &x->toks[k - 1]), x->toks[k - 1].norm_len, o, 1);
				}
				i = k;
				title = false;
				continue;
			}
		}
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
		if (is_title_at(x, i, &end) && end == b && (t->f & TK_CAP))
		{
			/* a title alone is a name only when the document named somebody
			 * so: "Dr. King ... King said" */
			size_t		klen;
			const char *key = span_key(x, i, b, &klen);

			if (mem_get(x, 'N', key, klen) || mem_get(x, 'S', key, klen) ||
				(title && end == i + 1 && !tis(x, t, role_heads) &&
				 !tis(x, t, honorifics_abbrev)))
			{
				classify(x, i, b, n, title);
				break;
			}
		}
		if (is_title_at(x, i, &end) && end <= b &&
			(end < b || (t->gm_entry && gz_entry(x->g, t->gm_entry)->type == NA_ENT_TITLE) ||
			 !(t->f & TK_CAP) || (t->f & TK_SINIT)))
		{
			/* a role word alone mid-sentence is a surname: "King said" */
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
				!(ue->type == NA_ENT_TITLE && (!(u->f & TK_CAP) || u->gm_end == b)))
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
		/* "Real Madrid", "Dynamo Moscow": an unknown word before a city is
		 * a team or company; "East Jerusalem" stays a place */
		if (end < b && end - i <= 2 && x->toks[end].gm_entry &&
			x->toks[end].gm_end == b && !x->toks[i].given &&
			gz_entry(x->g, x->toks[end].gm_entry)->type == NA_ENT_LOC &&
			!(x->toks[i].f & TK_SINIT && is_common(x, &x->toks[i])) &&
			!is_connector(x, &x->toks[end - 1]) && !is_of(x, &x->toks[end - 1]))
		{
			bool		place = tis(x, &x->toks[i], place_modifiers) ||
				tis(x, &x->toks[i], loc_words);
			Out		   *o = out_new(x, i, b, place ? NA_ENT_LOC : NA_ENT_ORG, 0.7f);

			if (o)
			{
				canon_from_text(x, o, i, b, NULL);
				remember(x, o, 1);
			}
			i = b;
			title = false;
			continue;
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

/* known_only: in headline modes only known names come out of [a, b) */
static void
known_only(Ner *x, uint32_t a, uint32_t b, size_t n)
{
	uint32_t	i = a;

	/* "WORLDSOURCES, INC.": a company name even in capitals (the last
	 * words before the suffix that are not function words) */
	if (b - a >= 2 && tis(x, &x->toks[b - 1], company_suffixes))
	{
		uint32_t	s = b - 1;
		Out		   *o;

		if (s > a && x->toks[s - 1].norm_len == 1 && tnorm(x, &x->toks[s - 1])[0] == ',')
			s--;
		while (s > a && b - s < 6 && (x->toks[s - 1].f & TK_CAP) &&
			   !na_is_stopword(tnorm(x, &x->toks[s - 1]), x->toks[s - 1].norm_len))
			s--;
		if (s < b - 2 || (s < b - 1 && tnorm(x, &x->toks[b - 2])[0] != ','))
		{
			if ((o = out_new(x, s, b, NA_ENT_ORG, 0.75f)) != NULL)
				canon_from_text(x, o, s, b, NULL);
			return;
		}
	}

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
					  (is_of(x, u) && tis(x, p, of_heads))))
			{
				b += 2;
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
					 (x->toks[b + 1].f & TK_CAP) && tis(x, &x->toks[b + 1], company_suffixes))
				b += 2;			/* "Acme, Inc." */
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
				continue;
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
	size_t		keep = 0;

	if (n == 0)
		return;
	/* a window cut inside a sentence: leave a trailing capitalized run for
	 * the next window, so that no name is cut in two */
	if (n >= MAX_WINDOW)
	{
		size_t		k = n;

		while (k > n - 2 * MAX_RUN && (x->toks[k - 1].f & TK_CAP))
			k--;
		if (k > n - 2 * MAX_RUN)
		{
			keep = n - k;
			n = k;
		}
	}
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
	if (keep > 0)
	{
		uint32_t	base = x->toks[n].norm_off;

		memmove(x->toks, x->toks + n, keep * sizeof(Tok));
		memmove(x->norm.data, x->norm.data + base, x->norm.len - base);
		x->norm.len -= base;
		for (size_t k = 0; k < keep; k++)
			x->toks[k].norm_off -= base;
	}
	x->ntoks = keep;
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
	/* norm.data is still NULL while every token so far had an empty form */
	t->hash = t->norm_len ? na_fnv_add(NA_FNV_INIT, x->norm.data + off, t->norm_len) : NA_FNV_INIT;

	if ((tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_ABBREV) &&
		!(tok->flags & NA_TF_HAS_DIGIT) && t->norm_len > 0)
	{
		t->f |= TK_WORD;
		if (tok->flags & NA_TF_UPPER_INITIAL)
		{
			t->f |= TK_CAP;
			/* "Kremlin-backed", "U.S.-led": not a name; "Ata-ur-Rehman" is */
			if (tok->flags & NA_TF_HYPHEN)
			{
				const char *p = x->text + tok->start;
				const char *h = NULL;

				for (size_t k = 0; k + 1 < tok->len; k++)
					if (p[k] == '-')
						h = p + k;
				if (h && h[1] >= 'a' && h[1] <= 'z')
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
	{
		if (x->spans[x->span_block].start + x->spans[x->span_block].len > x->prev_end)
			t->f |= TK_GAP;
		x->span_block++;
	}
	x->prev_end = tok->start + tok->len;
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
