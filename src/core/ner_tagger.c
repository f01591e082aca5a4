/*
 * ner_tagger.c
 *		A learned sequence tagger for names: averaged structured perceptron,
 *		hashed features, Viterbi over BIO tags.
 *
 * Design
 * ------
 * Tags.  A model of K types has 1 + 2K tags: O (0), then B-k (1 + 2k) and
 * I-k (2 + 2k) for each type k.  I-k may only follow B-k or I-k; the
 * decoder never considers any other sequence, so every decoded sequence
 * reads as a list of disjoint mentions.
 *
 * Features.  Each token gets NF hashed features, each a 32-bit hash of a
 * template number and what the template looks at, reduced to one of 2^bits
 * buckets; a bucket has one weight per tag.  The templates (feature_hashes)
 * read what the analysed document already holds: the normalized form of
 * the token and of its neighbours two either way (digits read as 0), the
 * form as written, the word shape ("Xx", "X.X.", "d,d") of the token and
 * its neighbours, prefixes of 1 to 3 bytes and suffixes of 1 to 4, the
 * pairs previous word and shape, shape and next word, previous and current
 * word, current and next word, whether the token opens its sentence, what
 * kind of line holds it (an all-capital headline or dateline, a title-case
 * heading, or prose), and the gazetteer: the type of the longest gazetteer
 * alias covering the token and whether the token opens it, and the
 * document's memory: the type the tagger gave the same capitalized form
 * earlier in the document (its own decisions, in training too, so that
 * the feature means the same in both).  Collisions
 * are accepted: with 2^18 buckets they cost little.  Per token the base
 * hashes (form, shape, affixes) are computed once, and each feature is a
 * mix of them, so a feature costs a few multiplications; the first mix of
 * a form, a shape or a gazetteer mark, which the features of the token
 * and of its neighbours share, is computed once too.  What depends on the
 * token alone (the hashes of its form and shape, the rows of the ten
 * features over the token alone, whether it is a stopword, its gazetteer
 * slot) is kept in a memo of words, by the token's bytes and form, that
 * the scratch carries from document to document: most tokens are words
 * seen before, and their features then cost the hashes of their context
 * only.
 *
 * Decoding.  Viterbi per sentence, with the emission scores of every tag
 * summed from the buckets of the token's features and a transition weight
 * for each pair of tags (and for the first tag of a sentence).  Reading
 * the weights is most of the cost: 32 random reads a token in megabytes.
 * A model to tag with is therefore kept compact (model_compact): the
 * buckets whose weights are all 0 (three in four) share one row of zeros,
 * the others have a row each, one cache line; a sentence's buckets are
 * mapped to rows and the rows fetched into the cache before any is
 * summed, so that the reads overlap.  The sums are the same as over the
 * dense weights, in the same order (a 0 adds nothing).  Tokens a
 * pattern span or markup covers (NA_DM_BLOCKED) can only be O.  The
 * confidence of a mention is the smallest marginal probability of its
 * tokens' tags, by forward-backward over the same scores read as a
 * linear-chain distribution, run only for a sentence with a name, the
 * forward pass up to its last name and the backward pass down to its
 * first.  It orders mentions; the perceptron's scores are not trained as
 * probabilities, so it is not calibrated.  Viterbi and forward-backward
 * walk the transitions by class of tag (O and B-k after any tag, I-k
 * after B-k or I-k only), unrolled for the nine tags of four types, and
 * add in the order of plain loops over every allowed pair: the same
 * floats.
 *
 * Training.  The averaged perceptron (Collins 2002): decode each training
 * sentence with the current weights, and where the decoded tags differ
 * from the gold ones add the gold sequence's features and subtract the
 * decoded one's; the model keeps the average of the weights over every
 * sentence seen, computed in closed form from a second accumulator
 * (w - u / c).  The documents are visited in a new order each epoch,
 * drawn from a fixed seed (xorshift64*), so that training is
 * deterministic.  Examples are kept as text and gold spans; each epoch
 * analyses each text again (na_doc_reset), which costs less than keeping
 * the features of every token.
 *
 * Stacking.  A stacked model (NaTaggerOptions.stacked) reads what the
 * rules of entities.c say of each token: the type and place (B or I) of
 * the rules' name over it, with that name's confidence bin and rule, and
 * the places of its neighbours, in the feature slots of the bias and of
 * the words two either way (feature_hashes).  The extractor gives the
 * rules' names of a window through NaNerModel.rules before window; the
 * trainer runs the rules over each example itself (na_entities_rules),
 * and may hide them from a share of the documents of each epoch
 * (rule_dropout).  A stacked model's name never goes on past a possessive
 * (BL_NO_I), and its words are read without their possessive, as CoNLL
 * writes them.
 *
 * Storage.  A model is saved as a little-endian byte string: a magic
 * number and version (1, or 2 for a stacked model, with its flags), bits,
 * the types, the transition weights (floats), and the bucket weights quantized to 16 bits (the largest in magnitude
 * to 32767, the scale stored): those that are not 0, each as the distance
 * from the previous one's index (a LEB128 varint, one byte mostly) and
 * the value, about 3 bytes a weight.  A loaded model keeps its scale, so
 * saving it again gives the same bytes.  Loading checks every size and
 * index against the header.  A loaded (or newly trained) model is held
 * compact, as decoding reads it: the built-in one takes 5 MB of memory
 * (a 1 MB bucket index and 66,088 rows of 64 bytes) instead of 9 MB.
 */
#include "ner_tagger.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "gazetteer.h"
#include "ner_model.h"
#include "tokenizer.h"
#include "unicode.h"

#define NF				32			/* features per token */
#define MEM_SLOTS		4096		/* document memory: slots (power of two) */
#define MEM_MAX			3072		/* ... and at most this many names */
#define MAX_TAGS		(1 + 2 * NA_TAGGER_MAX_TYPES)
#define SHAPE_MAX		8			/* bytes of a word shape */
#define FORMAT_MAGIC	"NATAGGER"
#define FORMAT_VERSION	1u			/* a plain model */
#define FORMAT_STACKED	2u			/* a stacked model: flags after the version */
#define TF_STACKED		1u			/* NaTagger.flags: reads the rules' names */

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p)		__builtin_prefetch(p)
#define ALWAYS_INLINE	inline __attribute__((always_inline))
#else
#define PREFETCH(p)		((void) (p))
#define ALWAYS_INLINE	inline
#endif

/* what a token may be (the blocked flags of decoding) */
#define BL_O			1			/* O only: a pattern span or markup covers it */
#define BL_NO_I			2			/* no I tag: no name goes on into it */

/* line kinds */
#define LINE_PROSE		0
#define LINE_CAPS		1
#define LINE_TITLE		2

struct NaTagger
{
	const NaAllocator *alloc;
	int			bits;
	uint32_t	mask;			/* buckets - 1 */
	int			ntypes;
	int			ntags;
	char		types[NA_TAGGER_MAX_TYPES][NA_TAGGER_MAX_TYPE_LEN + 1];
	float	   *w;				/* buckets * ntags, while it is trained or
								 * loaded; then NULL */
	uint32_t   *rowix;			/* bucket -> its row of rows (0: all 0) */
	float	   *rows;			/* nrows * stride, cache-line aligned */
	void	   *rows_mem;		/* rows as allocated */
	size_t		nrows;
	int			stride;			/* floats a row: ntags rounded up to 16 */
	float	   *trans;			/* (ntags + 1) * ntags; row ntags: start */
	double		et[MAX_TAGS * MAX_TAGS];	/* trans exponentiated */
	double		es[MAX_TAGS];	/* ... and the start's */
	float		scale;			/* of the saved weights (0: not loaded) */
	uint32_t	flags;			/* TF_* */
};

/* ---------------------------------------------------------------------
 * Types and tags
 * ------------------------------------------------------------------- */

/* na_tagger_type_ok: see ner_tagger.h. */
bool
na_tagger_type_ok(const char *name, size_t len)
{
	static const char *const reserved[] = {"NONE", "O", "TITLE", "GIVEN_NAME"};

	if (len == 0 || len > NA_TAGGER_MAX_TYPE_LEN || name[0] < 'A' || name[0] > 'Z')
		return false;
	for (size_t i = 1; i < len; i++)
	{
		char		c = name[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strlen(reserved[i]) == len && memcmp(reserved[i], name, len) == 0)
			return false;
	return true;
}

static inline bool
tag_inside(int t)
{
	return t > 0 && (t & 1) == 0;
}

/* may tag t follow tag p (p = -1: the start of a sentence)? */
static inline bool
tag_allowed(int p, int t)
{
	return !tag_inside(t) || p == t || p == t - 1;
}

/* ---------------------------------------------------------------------
 * Features
 * ------------------------------------------------------------------- */

static inline uint32_t
mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* the mix of base hash a in the features over it (feat_m) */
static inline uint32_t
feat_a(uint32_t a)
{
	return mix32(a + 0x7f4a7c15u);
}

/* a feature of template tmpl over base hashes a (as feat_a) and b */
static inline uint32_t
feat_m(uint32_t tmpl, uint32_t ma, uint32_t b)
{
	return mix32(tmpl * 0x9e3779b1u ^ ma ^ (b * 0x27d4eb2fu));
}

/* a feature of template tmpl over base hashes a and b */
static inline uint32_t
feat(uint32_t tmpl, uint32_t a, uint32_t b)
{
	return feat_m(tmpl, feat_a(a), b);
}

/*
 * The features of a token over the token alone (the templates of
 * word_hashes): their positions among its NF features, in order.
 */
#define NLOCAL			10
static const int local_pos[NLOCAL] = {1, 6, 7, 10, 11, 12, 13, 14, 15, 16};

/* ... and of the others, over its context */
static const int context_pos[NF - NLOCAL] = {
	0, 2, 3, 4, 5, 8, 9, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
};

/* What the features read of one token, computed once per window. */
typedef struct TokH
{
	uint32_t	form;			/* normalized form, digits as 0 */
	uint32_t	shape;
	uint32_t	local[NLOCAL];	/* rows of the features over the token alone */
	uint8_t		sinit;			/* first token of its sentence */
	uint8_t		line;			/* LINE_* */
	uint8_t		gaz;			/* gazetteer: type * 2 + opens, + 1; 0 none */
	uint8_t		mem;			/* document memory: type + 1; 0 none */
	uint8_t		stop;			/* the form is a stopword */
	uint32_t	rule;			/* stacked: the rules' name over it (rule_code) */
	bool		gz_known;		/* gz_slot is the form's (else not looked up) */
	const GzSlot *gz_slot;		/* the gazetteer's slot of the form, or NULL */
	uint32_t	mform;			/* feat_a of form, shape and gaz, which the */
	uint32_t	mshape;			/* features of the token and of its */
	uint32_t	mgaz;			/* neighbours read */
} TokH;

/*
 * What the rules say of a token (TokH.rule): RC_BIO bits, 0 outside their
 * names, else 1 + 2 * type (PERSON, ORG, LOC, MISC, then 4 for any
 * other) + 1 inside a name past its first token; then 2 bits of the
 * name's confidence (below 0.6, 0.8, 0.9, at least 0.9) and the rule.
 */
#define RC_BIO			15u

static uint32_t
rule_code(const NaNerMention *m, bool inside)
{
	uint32_t	type = m->type <= NA_ENT_MISC ? (uint32_t) m->type : 4;
	uint32_t	cb = m->confidence < 0.6f ? 0 : m->confidence < 0.8f ? 1 :
		m->confidence < 0.9f ? 2 : 3;

	return (1 + 2 * type + inside) | cb << 4 | (uint32_t) m->rule << 6;
}

/*
 * set_rules: the rules' names[0..nn) of a window of n tokens as codes in
 * s->rules (none: every token 0)
 */
static NaStatus
set_rules(NaTaggerScratch *s, const NaAllocator *alloc, size_t n, const NaNerMention *names,
		  size_t nn)
{
	NaStatus	st;

	if ((st = na_grow(alloc, (void **) &s->rules, &s->caprules, n + 1, sizeof(uint32_t))) != NA_OK)
		return st;
	memset(s->rules, 0, n * sizeof(uint32_t));
	for (size_t k = 0; k < nn; k++)
		for (size_t i = names[k].a; i < names[k].b && i < n; i++)
			s->rules[i] = rule_code(&names[k], i > names[k].a);
	s->nrules = n;
	return NA_OK;
}

/*
 * The memo of words: what word_hashes gives for a token, kept for the
 * tokens of up to WORD_KEY bytes (and as many of normalized form) by
 * their bytes and form, in a direct-mapped table of WORD_SLOTS entries
 * that a scratch keeps from document to document.  A word's entry holds
 * the rows of one model and the gazetteer slot of one gazetteer
 * (words_of, words_gaz).
 */
#define WORD_SLOTS		8192		/* power of two */
#define WORD_KEY		22

typedef struct WordEntry
{
	uint32_t	hash;			/* of the form (NaDocNorm.hash) */
	uint8_t		len;			/* bytes of the token; 0: an empty entry */
	uint8_t		normlen;
	uint8_t		stop;
	const GzSlot *gz_slot;
	uint32_t	form;
	uint32_t	shape;
	uint32_t	mform;
	uint32_t	mshape;
	uint32_t	local[NLOCAL];
	char		key[2 * WORD_KEY];	/* the token's bytes, then its form's */
} WordEntry;

#define H_BOS	0x5bd1e995u		/* form of the place before a sentence */
#define H_EOS	0x1b873593u		/* ... and after it */

static uint32_t
hash_bytes(uint32_t h, const char *s, size_t len, bool digits)
{
	for (size_t i = 0; i < len; i++)
	{
		uint8_t		c = (uint8_t) s[i];

		if (digits && c >= '0' && c <= '9')
			c = '0';
		h = na_fnv_byte(h, c);
	}
	return h;
}

/* shape of text[0..len): X x d for letters and digits, runs collapsed */
static uint32_t
shape_hash(const char *s, size_t len)
{
	char		buf[SHAPE_MAX];
	size_t		n = 0;
	char		last = 0;

	for (size_t i = 0; i < len && n < SHAPE_MAX; i++)
	{
		uint8_t		c = (uint8_t) s[i];
		char		k;

		if (c >= 'A' && c <= 'Z')
			k = 'X';
		else if (c >= 'a' && c <= 'z')
			k = 'x';
		else if (c >= '0' && c <= '9')
			k = 'd';
		else if (c >= 0xc0)
			k = 'u';
		else if (c >= 0x80)
			continue;
		else
			k = (char) c;
		if (k == last)
			continue;
		buf[n++] = k;
		last = k;
	}
	return hash_bytes(NA_FNV_INIT, buf, n, false);
}

/* the kind of each line of the window's tokens [0, n) */
static void
line_kinds(const NaDoc *doc, size_t n, TokH *h)
{
	const NaToken *toks = na_doc_tokens(doc);
	size_t		i = 0;

	while (i < n)
	{
		size_t		j = i + 1;
		int			words = 0,
					acaps = 0,
					caps = 0,
					lower = 0;
		uint8_t		kind = LINE_PROSE;

		while (j < n && toks[j].newlines == 0)
			j++;
		for (size_t k = i; k < j; k++)
		{
			uint8_t		m = toks[k].marks;

			if (!(m & NA_DM_WORD))
				continue;
			words++;
			if (m & NA_DM_ACAPS)
				acaps++;
			else if (m & NA_DM_CAP)
				caps++;
			else if (!h[k].stop)
				lower++;
		}
		if (words >= 2 && acaps == words)
			kind = LINE_CAPS;
		else if (words >= 2 && lower == 0 && caps + acaps >= 2 && j - i <= 24)
			kind = LINE_TITLE;
		for (size_t k = i; k < j; k++)
			h[k].line = kind;
		i = j;
	}
}

/* gazetteer marks: the longest alias starting at each token not yet covered */
static void
gaz_marks(const NaDoc *doc, const NaGazetteer *g, size_t n, TokH *h)
{
	const NaToken *toks = na_doc_tokens(doc);
	const NaDocNorm *norms = na_doc_norms(doc);
	const char *arena = na_doc_arena(doc);
	size_t		covered = 0;

	for (size_t i = 0; i < n; i++)
		h[i].gaz = 0;
	if (!g || g->nslots == 0)
		return;
	for (size_t i = 0; i < n; i++)
	{
		const GzSlot *s;
		uint32_t	hh;
		size_t		best_end = 0;
		uint8_t		best_type = 0;

		if (i < covered || !(toks[i].marks & NA_DM_WORD) || norms[i].len == 0)
			continue;
		hh = norms[i].hash;
		s = h[i].gz_known ? h[i].gz_slot : gz_find(g, arena + norms[i].off, norms[i].len, hh);
		for (size_t j = i; s;)
		{
			const GzEntry *e = gz_entry(g, s->first);

			if (e)
			{
				best_end = j + 1;
				best_type = e->type;
			}
			if (!s->prefix || j + 1 >= n || j + 1 - i >= NA_DOC_MAX_NAME)
				break;
			j++;
			if (toks[j].sentence != toks[i].sentence || norms[j].len == 0 ||
				(toks[j].marks & NA_DM_BLOCKED))
				break;
			hh = na_fnv_add(hh, " ", 1);
			hh = na_fnv_add(hh, arena + norms[j].off, norms[j].len);
			s = gz_find(g, arena + norms[i].off, norms[j].off + norms[j].len - norms[i].off, hh);
		}
		if (best_end > i)
		{
			for (size_t k = i; k < best_end; k++)
				h[k].gaz = (uint8_t) (best_type * 2 + (k == i) + 1);
			covered = best_end;
		}
	}
}

/* the row of the weights of bucket b (see rows_of) */
static inline uint32_t
row_of(const NaTagger *m, uint32_t b)
{
	return m->rowix ? m->rowix[b] : b;
}

/*
 * word_hashes: what the features of m read of token t alone, of text and
 * normalized form w[0..len): the hashes of its form and shape and their
 * mixes, the rows of its features over the token alone, and whether the
 * form is a stopword.  The prefixes of 1 to 3 bytes and suffixes of 1 to
 * 4 count digits as 0, as the form does.
 */
static void
word_hashes(const NaTagger *m, const char *text, const NaToken *t, size_t tlen,
			const char *w, size_t len, TokH *x)
{
	uint32_t	raw,
				pre[3],
				suf[4];
	int			k = 0;

	x->stop = na_is_stopword(w, len);
	if (len == 0)
	{
		/* no normalized form (URLs, long tokens): the kind stands in */
		static const char none[] = "\001";

		w = none;
		len = 1;
		x->form = na_fnv_byte(NA_FNV_INIT, (uint8_t) (0x80 | t->kind));
		pre[0] = hash_bytes(NA_FNV_INIT, w, 1, true);
		pre[1] = pre[2] = 0;
	}
	else
	{
		/* the prefixes' hashes are the first states of the form's */
		uint32_t	hh = NA_FNV_INIT;

		for (size_t j = 0; j < len; j++)
		{
			uint8_t		c = (uint8_t) w[j];

			hh = na_fnv_byte(hh, c >= '0' && c <= '9' ? '0' : c);
			if (j < 3)
				pre[j] = hh;
		}
		for (size_t j = len; j < 3; j++)
			pre[j] = 0;
		x->form = hh;
	}
	raw = hash_bytes(0x811c9dc5u ^ 0x5a5a5a5au, text + t->start, tlen < 64 ? tlen : 64, true);
	x->shape = shape_hash(text + t->start, tlen < 32 ? tlen : 32);
	for (int j = 0; j < 4; j++)
		suf[j] = (size_t) j < len ? hash_bytes(NA_FNV_INIT, w + len - j - 1, (size_t) j + 1, true) : 0;
	x->mform = feat_a(x->form);
	x->mshape = feat_a(x->shape);
	/* the templates at local_pos, as feature_hashes numbers them */
	x->local[k++] = feat_m(1, x->mform, 0);
	x->local[k++] = feat(6, raw, 0);
	x->local[k++] = feat_m(7, x->mshape, 0);
	for (int j = 0; j < 3; j++)
		x->local[k++] = feat(10 + j, pre[j], 0);
	for (int j = 0; j < 4; j++)
		x->local[k++] = feat(13 + j, suf[j], 0);
	for (int j = 0; j < NLOCAL; j++)
		x->local[j] = row_of(m, x->local[j] & m->mask);
}

/*
 * token_hashes: what the features of m read of the window's tokens [0,
 * n) with the gazetteer g, word_hashes and the gazetteer slot of the form
 * from the memo of words in s where it has them
 */
static NaStatus
token_hashes(const NaTagger *m, const NaDoc *doc, const NaGazetteer *g,
			 NaTaggerScratch *s, const NaAllocator *alloc, size_t n, TokH *h)
{
	const NaToken *toks = na_doc_tokens(doc);
	const NaDocNorm *norms = na_doc_norms(doc);
	const char *arena = na_doc_arena(doc);
	const char *text = na_doc_text(doc, NULL);
	WordEntry  *words;

	if (!s->words || s->words_of != m || s->words_gaz != g)
	{
		if (!s->words && !(s->words = na_alloc(alloc, WORD_SLOTS * sizeof(WordEntry))))
			return NA_ERR_NOMEM;
		memset(s->words, 0, WORD_SLOTS * sizeof(WordEntry));
		s->words_of = m;
		s->words_gaz = g;
	}
	words = s->words;
	for (size_t i = 0; i < n; i++)
	{
		const NaToken *t = &toks[i];
		const char *w = arena + norms[i].off;
		size_t		len = norms[i].len;
		TokH	   *x = &h[i];

		/*
		 * a stacked model reads a word without its possessive, as CoNLL
		 * writes it ("Montreal 's"), where a plain one reads it as written
		 */
		size_t		tlen = t->len - ((m->flags & TF_STACKED) ? norms[i].trim_bytes : 0);

		x->sinit = i == 0 || toks[i - 1].sentence != t->sentence;
		x->gz_known = false;
		if (len == 0 || len > WORD_KEY || t->len > WORD_KEY)
			word_hashes(m, text, t, tlen, w, len, x);
		else
		{
			WordEntry  *e = &words[mix32(norms[i].hash ^ t->len) & (WORD_SLOTS - 1)];

			if (e->len != t->len || e->normlen != len || e->hash != norms[i].hash ||
				memcmp(e->key, text + t->start, t->len) != 0 ||
				memcmp(e->key + WORD_KEY, w, len) != 0)
			{
				word_hashes(m, text, t, tlen, w, len, x);
				e->gz_slot = (g && g->nslots > 0) ? gz_find(g, w, len, norms[i].hash) : NULL;
				e->hash = norms[i].hash;
				e->len = (uint8_t) t->len;
				e->normlen = (uint8_t) len;
				e->stop = x->stop;
				e->form = x->form;
				e->shape = x->shape;
				e->mform = x->mform;
				e->mshape = x->mshape;
				memcpy(e->local, x->local, sizeof(e->local));
				memcpy(e->key, text + t->start, t->len);
				memcpy(e->key + WORD_KEY, w, len);
			}
			else
			{
				x->stop = e->stop;
				x->form = e->form;
				x->shape = e->shape;
				x->mform = e->mform;
				x->mshape = e->mshape;
				memcpy(x->local, e->local, sizeof(x->local));
			}
			x->gz_slot = e->gz_slot;
			x->gz_known = true;
		}
	}
	line_kinds(doc, n, h);
	gaz_marks(doc, g, n, h);
	for (size_t i = 0; i < n; i++)
		h[i].mgaz = feat_a(h[i].gaz);
	return NA_OK;
}

/*
 * feature_hashes: the NF features of token i of the sentence [a, b): the
 * buckets (mask) of those over its context into out, the rows of those
 * over the token alone (TokH.local) at their positions (local_pos).
 */
static void
feature_hashes(const TokH *h, size_t a, size_t b, size_t i, uint32_t mask, bool stacked,
			   uint32_t *out)
{
	const TokH *t = &h[i];
	uint32_t	wp1 = i + 1 < b ? h[i + 1].form : H_EOS;
	uint32_t	mwm1 = i > a ? h[i - 1].mform : feat_a(H_BOS);
	uint32_t	mwm2 = i > a + 1 ? h[i - 2].mform : feat_a(i > a ? H_BOS : H_BOS + 1);
	uint32_t	mwp1 = i + 1 < b ? h[i + 1].mform : feat_a(H_EOS);
	uint32_t	mwp2 = i + 2 < b ? h[i + 2].mform : feat_a(i + 1 < b ? H_EOS : H_EOS + 1);
	uint32_t	sm1 = i > a ? h[i - 1].shape : H_BOS;
	uint32_t	sp1 = i + 1 < b ? h[i + 1].shape : H_EOS;
	uint32_t	msm1 = i > a ? h[i - 1].mshape : feat_a(H_BOS);
	uint32_t	msp1 = i + 1 < b ? h[i + 1].mshape : feat_a(H_EOS);
	uint32_t	gp1 = i + 1 < b ? h[i + 1].gaz : 255;
	uint32_t	mgm1 = i > a ? h[i - 1].mgaz : feat_a(255);
	uint32_t	mline = feat_a(t->line);
	uint32_t	msinit = feat_a(t->sinit);
	uint32_t	mmem = feat_a(t->mem);

	/*
	 * feat(tmpl, a, b) at position tmpl, with the mixes of a (feat_a) that
	 * other features and tokens share computed once
	 */
	out[0] = feat(0, 0, 0) & mask;
	out[2] = feat_m(2, mwm1, 0) & mask;
	out[3] = feat_m(3, mwp1, 0) & mask;
	out[4] = feat_m(4, mwm2, 0) & mask;
	out[5] = feat_m(5, mwp2, 0) & mask;
	out[8] = feat_m(8, msm1, 0) & mask;
	out[9] = feat_m(9, msp1, 0) & mask;
	out[17] = feat_m(17, mwm1, t->shape) & mask;
	out[18] = feat_m(18, t->mshape, wp1) & mask;
	out[19] = feat_m(19, mwm1, t->form) & mask;
	out[20] = feat_m(20, t->mform, wp1) & mask;
	out[21] = feat_m(21, mline, t->shape) & mask;
	out[22] = feat_m(22, mline, t->form) & mask;
	out[23] = feat_m(23, msinit, t->shape) & mask;
	out[24] = feat_m(24, msinit, t->form) & mask;
	out[25] = feat_m(25, t->mgaz, 0) & mask;
	out[26] = feat_m(26, t->mgaz, t->shape) & mask;
	out[27] = feat_m(27, mgm1, t->gaz) & mask;
	out[28] = feat_m(28, t->mgaz, gp1) & mask;
	out[29] = feat(29, sm1 * 31u + t->shape, sp1) & mask;
	out[30] = feat_m(30, mmem, 0) & mask;
	out[31] = feat_m(31, mmem, t->shape) & mask;
	for (int j = 0; j < NLOCAL; j++)
		out[local_pos[j]] = t->local[j];
	if (stacked)
	{
		/*
		 * a stacked model reads the rules' name over the token instead of
		 * the bias and the words two before and two after it: its type and
		 * place (B or I), then with its confidence and rule, then with the
		 * types and places of the tokens before and after it
		 */
		uint32_t	bio = t->rule & RC_BIO;
		uint32_t	bm1 = i > a ? (h[i - 1].rule & RC_BIO) : 15;
		uint32_t	bp1 = i + 1 < b ? (h[i + 1].rule & RC_BIO) : 15;

		out[0] = feat(0, bio, 0) & mask;
		out[4] = feat(4, t->rule, 0) & mask;
		out[5] = feat(5, bm1 * 16 + bio, bp1) & mask;
	}
}

/*
 * rule_codes: what the rules' names (s->rules, the window's n tokens, when
 * a stacked model has them) say of each token: in TokH.rule
 */
static void
rule_codes(const NaTaggerScratch *s, size_t n, TokH *h)
{
	for (size_t i = 0; i < n; i++)
		h[i].rule = s->rules && s->nrules == n ? s->rules[i] : 0;
}

/* ---------------------------------------------------------------------
 * Document memory
 * ------------------------------------------------------------------- */

/*
 * The type the tagger last gave each capitalized word form in this
 * document, in an open-addressing table of MEM_SLOTS entries (form hash
 * << 8 | type + 1; 0 empty) kept in the scratch; at most MEM_MAX forms, so
 * that a long document costs no more.  Cleared at a document's first
 * window.
 */
static NaStatus
mem_reset(NaTaggerScratch *s, const NaAllocator *alloc)
{
	if (!s->mem)
	{
		s->mem = na_alloc(alloc, MEM_SLOTS * sizeof(uint64_t));
		if (!s->mem)
			return NA_ERR_NOMEM;
	}
	memset(s->mem, 0, MEM_SLOTS * sizeof(uint64_t));
	s->nmem = 0;
	return NA_OK;
}

static uint8_t
mem_get(const NaTaggerScratch *s, uint32_t h)
{
	for (uint32_t i = mix32(h) & (MEM_SLOTS - 1);; i = (i + 1) & (MEM_SLOTS - 1))
	{
		uint64_t	e = s->mem[i];

		if (e == 0)
			return 0;
		if ((uint32_t) (e >> 8) == h)
			return (uint8_t) e;
	}
}

static void
mem_put(NaTaggerScratch *s, uint32_t h, int type)
{
	for (uint32_t i = mix32(h) & (MEM_SLOTS - 1);; i = (i + 1) & (MEM_SLOTS - 1))
	{
		uint64_t	e = s->mem[i];

		if (e == 0 && s->nmem >= MEM_MAX)
			return;
		if (e == 0 || (uint32_t) (e >> 8) == h)
		{
			s->nmem += e == 0;
			s->mem[i] = (uint64_t) h << 8 | (uint64_t) (type + 1);
			return;
		}
	}
}

/* the memory of the capitalized words of tokens [a, b) */
static void
mem_read(const NaTaggerScratch *s, const NaToken *toks, TokH *h, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		h[i].mem = (toks[i].marks & NA_DM_CAP) ? mem_get(s, h[i].form) : 0;
}

/* remember the types of the capitalized words tagged in tokens [a, a + n) */
static void
mem_write(NaTaggerScratch *s, const NaToken *toks, const TokH *h, size_t a,
		  const uint16_t *tags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tags[i] != 0 && (toks[a + i].marks & NA_DM_CAP))
			mem_put(s, h[a + i].form, (tags[i] - 1) / 2);
}

/* ---------------------------------------------------------------------
 * Decoding
 * ------------------------------------------------------------------- */

/*
 * The weights are read by row: a feature's bucket is mapped to its row
 * (feature_rows) before its weights are summed.  A model being trained
 * has its dense weights, a row per bucket; a model to tag with has the
 * compact rows of model_compact.
 */
static inline const float *
rows_of(const NaTagger *m, size_t *stride)
{
	*stride = m->rowix ? (size_t) m->stride : (size_t) m->ntags;
	return m->rowix ? m->rows : m->w;
}

/*
 * feature_rows: map the buckets of the features over the context of n
 * tokens' features f (NF a token; the others are rows already) to rows in
 * place and fetch every row into the cache, which the sums read later
 * (random reads in megabytes of weights: started together, their
 * latencies overlap)
 */
static void
feature_rows(const NaTagger *m, uint32_t *f, size_t n)
{
	size_t		stride;
	const float *rows = rows_of(m, &stride);

	if (m->rowix)
		for (size_t i = 0; i < n; i++)
			for (int j = 0; j < NF - NLOCAL; j++)
				f[i * NF + context_pos[j]] = m->rowix[f[i * NF + context_pos[j]]];
	for (size_t j = 0; j < n * NF; j++)
		PREFETCH(rows + (size_t) f[j] * stride);
}

/*
 * sum_features: row[0..T) = the sums of the weights of the NF feature rows
 * f, each tag's added in the order of the features
 */
static inline void
sum_features(const float *rows, size_t stride, const uint32_t *f, int T,
			 float *restrict out)
{
	float		acc[MAX_TAGS];

	for (int t = 0; t < T; t++)
		acc[t] = 0;
	for (int k = 0; k < NF; k++)
	{
		const float *restrict w = rows + (size_t) f[k] * stride;

		for (int t = 0; t < T; t++)
			acc[t] += w[t];
	}
	for (int t = 0; t < T; t++)
		out[t] = acc[t];
}

/*
 * sum_features9: sum_features of a model of nine tags (four types, as the
 * built-in model), with the sums in registers
 */
static inline void
sum_features9(const float *rows, size_t stride, const uint32_t *f, float *restrict out)
{
	float		a0 = 0,
				a1 = 0,
				a2 = 0,
				a3 = 0,
				a4 = 0,
				a5 = 0,
				a6 = 0,
				a7 = 0,
				a8 = 0;

	for (int k = 0; k < NF; k++)
	{
		const float *restrict w = rows + (size_t) f[k] * stride;

		a0 += w[0];
		a1 += w[1];
		a2 += w[2];
		a3 += w[3];
		a4 += w[4];
		a5 += w[5];
		a6 += w[6];
		a7 += w[7];
		a8 += w[8];
	}
	out[0] = a0;
	out[1] = a1;
	out[2] = a2;
	out[3] = a3;
	out[4] = a4;
	out[5] = a5;
	out[6] = a6;
	out[7] = a7;
	out[8] = a8;
}

/*
 * emission scores of tokens [0, n) (feature rows f, feature_rows) into
 * e[n * T]
 */
static void
emissions(const NaTagger *m, const uint32_t *f, size_t n, float *e)
{
	int			T = m->ntags;
	size_t		stride;
	const float *rows = rows_of(m, &stride);

	for (size_t i = 0; i < n; i++)
	{
		if (T == 9)
			sum_features9(rows, stride, &f[i * NF], &e[i * 9]);
		else
			sum_features(rows, stride, &f[i * NF], T, &e[i * T]);
	}
}

/*
 * best_prev: the best predecessor of tag t among tags [p0, p1) by the
 * scores prev and the transitions of T tags: its score into *best and its
 * number into *arg, the first of the highest (0 and -INFINITY when every
 * score is -INFINITY)
 */
static ALWAYS_INLINE void
best_prev(const float *prev, const float *trans, const int T, int t, int p0, int p1,
		  float *best, int *arg)
{
	float		b = -INFINITY;
	int			x = 0;

	for (int p = p0; p < p1; p++)
	{
		float		v = prev[p] + trans[p * T + t];
		bool		better = v > b;

		/* without a branch: which p wins is not predictable */
		x = better ? p : x;
		b = better ? v : b;
	}
	*best = b;
	*arg = x;
}

/*
 * viterbi_of: the best tags of n tokens (emissions e, n * T) into tags; a
 * token with blocked[i] set can only be O.  delta (2 * T floats) and bp
 * (n * T) are scratch.  Inlined with T a constant (viterbi), the loops
 * over the tags unroll.
 */
static ALWAYS_INLINE void
viterbi_of(const NaTagger *m, const float *e, size_t n, const uint8_t *blocked,
		   float *delta, uint16_t *bp, uint16_t *tags, const int T)
{
	const float *start = &m->trans[(size_t) T * T];
	const float *trans = m->trans;
	float	   *prev = delta;
	float	   *cur = delta + T;

	for (int t = 0; t < T; t++)
		prev[t] = (tag_allowed(-1, t) && (!blocked || blocked[0] != BL_O || t == 0))
			? start[t] + e[t] : -INFINITY;
	for (size_t i = 1; i < n; i++)
	{
		const float *ei = &e[i * T];
		uint16_t   *bpi = &bp[i * T];
		float		best;
		int			arg;

		/* O and B-k may follow any tag, I-k only B-k or I-k */
		best_prev(prev, trans, T, 0, 0, T, &best, &arg);
		cur[0] = best + ei[0];
		bpi[0] = (uint16_t) arg;
		if (blocked && blocked[i] == BL_O)
		{
			/* O only */
			for (int t = 1; t < T; t++)
			{
				cur[t] = -INFINITY;
				bpi[t] = 0;
			}
		}
		else
		{
			for (int t = 1; t < T; t += 2)
			{
				best_prev(prev, trans, T, t, 0, T, &best, &arg);
				cur[t] = best + ei[t];
				bpi[t] = (uint16_t) arg;
				best_prev(prev, trans, T, t + 1, t, t + 2, &best, &arg);
				cur[t + 1] = best + ei[t + 1];
				bpi[t + 1] = (uint16_t) arg;
				if (blocked && blocked[i] == BL_NO_I)
					cur[t + 1] = -INFINITY;
			}
		}
		{
			float	   *sw = prev;

			prev = cur;
			cur = sw;
		}
	}
	{
		int			best = 0;

		for (int t = 1; t < T; t++)
			if (prev[t] > prev[best])
				best = t;
		tags[n - 1] = (uint16_t) best;
		for (size_t i = n - 1; i > 0; i--)
			tags[i - 1] = bp[i * T + tags[i]];
	}
}

/* viterbi: viterbi_of, unrolled for a model of nine tags */
static void
viterbi(const NaTagger *m, const float *e, size_t n, const uint8_t *blocked,
		float *delta, uint16_t *bp, uint16_t *tags)
{
	if (m->ntags == 9)
		viterbi_of(m, e, n, blocked, delta, bp, tags, 9);
	else
		viterbi_of(m, e, n, blocked, delta, bp, tags, m->ntags);
}

/*
 * exp_transitions: the transition weights of m exponentiated for
 * forward-backward, less their maximum over the allowed pairs, into
 * et[T * T] and the start's into es[T] (0 for a pair not allowed)
 */
static void
exp_transitions(const NaTagger *m, double *et, double *es)
{
	int			T = m->ntags;
	const float *start = &m->trans[(size_t) T * T];
	float		tmax = -INFINITY;

	for (int q = -1; q < T; q++)
		for (int t = 0; t < T; t++)
			if (tag_allowed(q, t))
			{
				float		v = q < 0 ? start[t] : m->trans[q * T + t];

				if (v > tmax)
					tmax = v;
			}
	for (int q = -1; q < T; q++)
		for (int t = 0; t < T; t++)
		{
			float		v = q < 0 ? start[t] : m->trans[q * T + t];
			double		x = tag_allowed(q, t) ? exp((double) v - tmax) : 0;

			if (q < 0)
				es[t] = x;
			else
				et[q * T + t] = x;
		}
}

/*
 * forward_backward_of: the normalized forward vectors of tokens [0, last]
 * and backward vectors of tokens [first, n) of n tokens under the model's
 * scores read as a linear-chain distribution (over the sequences viterbi
 * considers), into d[0, n * T) and d[n * T, 2 * n * T): what the
 * marginals of tokens [first, last] need (a forward vector depends on the
 * tokens before it only, a backward vector on those after it).  Scaled in
 * the probability domain, in double precision (the perceptron's scores
 * differ by hundreds): every score is exponentiated once, less a maximum
 * that the normalization of each step cancels, and each step's vector is
 * normalized.  The exponentiated transitions are the model's (m->et,
 * m->es); a pair not allowed, whose term is 0, is not summed.  d
 * (3 * n * T) is scratch.  Inlined with T a
 * constant (forward_backward), the loops over the tags unroll.
 */
static ALWAYS_INLINE void
forward_backward_of(const NaTagger *m, const float *e, size_t n, const uint8_t *blocked,
					size_t first, size_t last, double *d, const int T)
{
	double	   *fw = d;
	double	   *bw = fw + n * T;
	double	   *ee = bw + n * T;
	const double *et = m->et;
	const double *es = m->es;

	for (size_t i = 0; i < n; i++)
	{
		const float *row = &e[i * T];
		float		rmax = -INFINITY;

		for (int t = 0; t < T; t++)
			if (row[t] > rmax)
				rmax = row[t];
		for (int t = 0; t < T; t++)
			ee[i * T + t] = (blocked && t != 0 &&
							 (blocked[i] == BL_O || (blocked[i] == BL_NO_I && tag_inside(t))))
				? 0 : exp((double) row[t] - rmax);
	}
	/* forward: O and B-k follow any tag, I-k only B-k or I-k */
	for (size_t i = 0; i <= last; i++)
	{
		double	   *fi = fw + i * T;
		const double *ei = ee + i * T;
		double		sum = 0;

		if (i == 0)
			for (int t = 0; t < T; t++)
				fi[t] = es[t] * ei[t];
		else
		{
			const double *fp = fi - T;
			double		acc = 0;

			for (int q = 0; q < T; q++)
				acc += fp[q] * et[q * T];
			fi[0] = acc * ei[0];
			for (int t = 1; t < T; t += 2)
			{
				acc = 0;
				for (int q = 0; q < T; q++)
					acc += fp[q] * et[q * T + t];
				fi[t] = acc * ei[t];
				acc = 0;
				acc += fp[t] * et[t * T + t + 1];
				acc += fp[t + 1] * et[(t + 1) * T + t + 1];
				fi[t + 1] = acc * ei[t + 1];
			}
		}
		for (int t = 0; t < T; t++)
			sum += fi[t];
		for (int t = 0; t < T; t++)
			fi[t] = sum > 0 ? fi[t] / sum : 0;
	}
	/* backward: after tag t, O, any B-k, and I-k after B-k or I-k */
	for (int t = 0; t < T; t++)
		bw[(n - 1) * T + t] = 1;
	for (size_t i = n - 1; i > first; i--)
	{
		const double *bi = bw + i * T;
		double	   *bp = bw + (i - 1) * T;
		const double *ei = ee + i * T;
		double		sum = 0;

		for (int t = 0; t < T; t++)
		{
			const double *ett = et + t * T;
			double		acc = 0;

			acc += ett[0] * ei[0] * bi[0];
			for (int u = 1; u < T; u += 2)
			{
				acc += ett[u] * ei[u] * bi[u];
				if (t == u || t == u + 1)
					acc += ett[u + 1] * ei[u + 1] * bi[u + 1];
			}
			bp[t] = acc;
			sum += acc;
		}
		for (int t = 0; t < T; t++)
			bp[t] = sum > 0 ? bp[t] / sum : 0;
	}
}

/* forward_backward: forward_backward_of, unrolled for nine tags */
static void
forward_backward(const NaTagger *m, const float *e, size_t n, const uint8_t *blocked,
				 size_t first, size_t last, double *d)
{
	if (m->ntags == 9)
		forward_backward_of(m, e, n, blocked, first, last, d, 9);
	else
		forward_backward_of(m, e, n, blocked, first, last, d, m->ntags);
}

/*
 * marginal: the probability of tag t at token i of the n tokens whose
 * forward and backward vectors forward_backward left in d
 */
static float
marginal(const double *d, size_t n, int T, size_t i, int t)
{
	const double *fw = d + i * T;
	const double *bw = d + n * T + i * T;
	double		sum = 0;

	for (int u = 0; u < T; u++)
		sum += fw[u] * bw[u];
	return sum > 0 ? (float) (fw[t] * bw[t] / sum) : 0;
}

/* make room for n tokens in the scratch arrays */
static NaStatus
scratch_reserve(NaTaggerScratch *s, const NaAllocator *alloc, size_t n, int T)
{
	NaStatus	st;
	size_t		nf,
				ns;

	if ((st = na_size_mul(n, NF, &nf)) != NA_OK ||
		(st = na_size_mul(3 * n + 2, (size_t) T, &ns)) != NA_OK)
		return st;
	if ((st = na_grow(alloc, (void **) &s->feats, &s->capfeats, nf, sizeof(uint32_t))) != NA_OK ||
		(st = na_grow(alloc, (void **) &s->scores, &s->capscores, ns, sizeof(float))) != NA_OK ||
		(st = na_grow(alloc, (void **) &s->fb, &s->capfb, ns, sizeof(double))) != NA_OK ||
		(st = na_grow(alloc, (void **) &s->tags, &s->captags, (n + 1) * (size_t) T + n,
					  sizeof(uint16_t))) != NA_OK ||
		(st = na_grow(alloc, (void **) &s->gaz, &s->capgaz, n * (sizeof(TokH) + 1), 1)) != NA_OK)
		return st;
	return NA_OK;
}

/* na_tagger_scratch_free: see ner_tagger.h. */
void
na_tagger_scratch_free(NaTaggerScratch *s, const NaAllocator *alloc)
{
	na_release(alloc, s->feats);
	na_release(alloc, s->scores);
	na_release(alloc, s->tags);
	na_release(alloc, s->gaz);
	na_release(alloc, s->mem);
	na_release(alloc, s->fb);
	na_release(alloc, s->words);
	na_release(alloc, s->rules);
	memset(s, 0, sizeof(*s));
}

/*
 * The scratch of one window: TokH records (in s->gaz, which is sized for
 * them), then the blocked flags; feats; scores (emissions, then 2 * T of
 * Viterbi state); tags (the decoded tags, then the back pointers).
 */
static inline TokH *
scratch_toks(NaTaggerScratch *s)
{
	return (TokH *) (void *) s->gaz;
}

/* na_tagger_tag: see ner_tagger.h. */
NaStatus
na_tagger_tag(const NaTagger *m, const NaDoc *doc, const NaGazetteer *g,
			  NaTaggerScratch *s, const NaAllocator *alloc, NaTaggerFn fn, void *arg)
{
	const NaToken *toks = na_doc_tokens(doc);
	size_t		n = na_doc_ntokens(doc);
	int			T = m->ntags;
	TokH	   *h;
	uint8_t    *blocked;
	NaStatus	st;
	size_t		a = 0;

	if (n == 0)
		return NA_OK;
	if ((st = scratch_reserve(s, alloc, n, T)) != NA_OK)
		return st;
	if (na_doc_base(doc) == 0 || !s->mem)
	{
		if ((st = mem_reset(s, alloc)) != NA_OK)
			return st;
	}
	h = scratch_toks(s);
	blocked = s->gaz + n * sizeof(TokH);
	if ((st = token_hashes(m, doc, g, s, alloc, n, h)) != NA_OK)
		return st;
	rule_codes(s, n, h);
	for (size_t i = 0; i < n; i++)
	{
		blocked[i] = (toks[i].marks & NA_DM_BLOCKED) ? BL_O : 0;
		/*
		 * a stacked model's name does not go on past a possessive
		 * ("Germany's Gunda Niemann"), as the rules' names do not
		 */
		if (!blocked[i] && (m->flags & TF_STACKED) && i > 0 &&
			(toks[i - 1].marks & NA_DM_POSS) && toks[i - 1].sentence == toks[i].sentence)
			blocked[i] = BL_NO_I;
	}
	while (a < n)
	{
		size_t		b = a + 1;
		float	   *e = s->scores;
		uint16_t   *tags = s->tags;
		uint16_t   *bp = s->tags + n;
		bool		named = false;
		size_t		first = 0,
					last = 0;

		while (b < n && toks[b].sentence == toks[a].sentence)
			b++;
		if (((a + 1) & 4095) == 0)
			na_yield(na_doc_yield(doc));
		mem_read(s, toks, h, a, b);
		for (size_t i = a; i < b; i++)
		{
			uint32_t   *f = &s->feats[(i - a) * NF];

			feature_hashes(h, a, b, i, m->mask, (m->flags & TF_STACKED) != 0, f);
			/* the buckets' rows are looked up next: fetch them meanwhile */
			for (int k = 0; k < NF - NLOCAL; k++)
				PREFETCH(&m->rowix[f[context_pos[k]]]);
		}
		feature_rows(m, s->feats, b - a);
		emissions(m, s->feats, b - a, e);
		/* scores: the emissions (n * T), then the Viterbi state (2 * T) */
		viterbi(m, e, b - a, blocked + a, e + (b - a) * T, bp, tags);
		mem_write(s, toks, h, a, tags, b - a);
		/*
		 * the confidences need forward-backward over the tokens of the
		 * sentence's names, a sentence of no name not
		 */
		for (size_t i = 0; i < b - a; i++)
			if (tags[i] != 0)
			{
				if (!named)
					first = i;
				last = i;
				named = true;
			}
		if (named)
			forward_backward(m, e, b - a, blocked + a, first, last, s->fb);
		for (size_t i = 0; i < b - a;)
		{
			NaTaggerMention mm;
			size_t		j;
			float		conf = 1;

			if (tags[i] == 0 || tag_inside(tags[i]))
			{
				i++;
				continue;
			}
			j = i + 1;
			while (j < b - a && tags[j] == tags[i] + 1)
				j++;
			for (size_t k = i; k < j; k++)
			{
				float		p = marginal(s->fb, b - a, T, k, tags[k]);

				if (p < conf)
					conf = p;
			}
			mm.a = (uint32_t) (a + i);
			mm.b = (uint32_t) (a + j);
			mm.type = (uint16_t) ((tags[i] - 1) / 2);
			mm.confidence = conf;
			if (!fn(&mm, arg))
				return NA_OK;
			i = j;
		}
		a = b;
	}
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Models
 * ------------------------------------------------------------------- */

/* model_new: an empty model of ntypes types and 2^bits buckets */
static NaStatus
model_new(const NaAllocator *alloc, int bits, int ntypes, NaTagger **out)
{
	NaTagger   *m;
	size_t		nw,
				nt;
	NaStatus	st;

	*out = NULL;
	if (bits < NA_TAGGER_MIN_BITS || bits > NA_TAGGER_MAX_BITS ||
		ntypes < 1 || ntypes > NA_TAGGER_MAX_TYPES)
		return NA_ERR_BAD_ARGUMENT;
	m = na_alloc(alloc, sizeof(NaTagger));
	if (!m)
		return NA_ERR_NOMEM;
	memset(m, 0, sizeof(*m));
	m->alloc = alloc;
	m->bits = bits;
	m->mask = ((uint32_t) 1 << bits) - 1;
	m->ntypes = ntypes;
	m->ntags = 1 + 2 * ntypes;
	nt = (size_t) (m->ntags + 1) * m->ntags;
	if ((st = na_size_mul((size_t) m->mask + 1, (size_t) m->ntags, &nw)) != NA_OK ||
		(st = na_size_mul(nw, sizeof(float), &nw)) != NA_OK)
	{
		na_release(alloc, m);
		return st;
	}
	m->w = na_alloc(alloc, nw);
	m->trans = na_alloc(alloc, nt * sizeof(float));
	if (!m->w || !m->trans)
	{
		na_tagger_free(m);
		return NA_ERR_NOMEM;
	}
	memset(m->w, 0, nw);
	memset(m->trans, 0, nt * sizeof(float));
	*out = m;
	return NA_OK;
}

/* na_tagger_free: see ner_tagger.h. */
void
na_tagger_free(NaTagger *m)
{
	if (!m)
		return;
	na_release(m->alloc, m->w);
	na_release(m->alloc, m->rowix);
	na_release(m->alloc, m->rows_mem);
	na_release(m->alloc, m->trans);
	na_release(m->alloc, m);
}

/*
 * model_compact: the layout a model is tagged with, made from its dense
 * weights (m->w, released): the buckets whose weights are all 0 (three
 * in four, in the built-in model) share row 0 of zeros, and every other
 * bucket has a row of its own, of stride floats, each row aligned to a
 * cache line (64 bytes), so that a feature reads one line; with the
 * transitions exponentiated for forward-backward.
 */
static NaStatus
model_compact(NaTagger *m)
{
	size_t		nb = (size_t) m->mask + 1;
	int			T = m->ntags;
	size_t		nrows = 1;
	size_t		bytes;
	NaStatus	st;

	m->stride = (T + 15) / 16 * 16;
	m->rowix = na_alloc(m->alloc, nb * sizeof(uint32_t));
	if (!m->rowix)
		return NA_ERR_NOMEM;
	for (size_t b = 0; b < nb; b++)
	{
		bool		any = false;

		for (int t = 0; t < T && !any; t++)
			any = m->w[b * T + t] != 0;
		m->rowix[b] = any ? (uint32_t) nrows++ : 0;
	}
	if ((st = na_size_mul(nrows, (size_t) m->stride * sizeof(float), &bytes)) != NA_OK)
		return st;
	m->rows_mem = na_alloc(m->alloc, bytes + 64);
	if (!m->rows_mem)
		return NA_ERR_NOMEM;
	m->rows = (float *) (void *) ((char *) m->rows_mem + (64 - (uintptr_t) m->rows_mem % 64) % 64);
	memset(m->rows, 0, bytes);
	m->nrows = nrows;
	for (size_t b = 0; b < nb; b++)
		if (m->rowix[b])
			memcpy(m->rows + (size_t) m->rowix[b] * m->stride, m->w + b * T, T * sizeof(float));
	exp_transitions(m, m->et, m->es);
	na_release(m->alloc, m->w);
	m->w = NULL;
	return NA_OK;
}

/* na_tagger_ntypes: see ner_tagger.h. */
size_t
na_tagger_ntypes(const NaTagger *m)
{
	return (size_t) m->ntypes;
}

/* na_tagger_type: see ner_tagger.h. */
const char *
na_tagger_type(const NaTagger *m, size_t i)
{
	return i < (size_t) m->ntypes ? m->types[i] : "NONE";
}

static NaStatus
put_u32(NaBuf *b, uint32_t v)
{
	uint8_t		x[4] = {(uint8_t) v, (uint8_t) (v >> 8), (uint8_t) (v >> 16), (uint8_t) (v >> 24)};

	return na_buf_append(b, x, 4);
}

static NaStatus
put_f32(NaBuf *b, float f)
{
	uint32_t	v;

	memcpy(&v, &f, 4);
	return put_u32(b, v);
}

/* weight i of the dense layout (bucket i / ntags, tag i % ntags) */
static inline float
weight_at(const NaTagger *m, size_t i)
{
	size_t		b = i / m->ntags;

	if (!m->rowix)
		return m->w[i];
	return m->rows[(size_t) m->rowix[b] * m->stride + i % m->ntags];
}

/* the scale of the quantized weights: the largest maps to 32767 */
static float
weight_scale(const NaTagger *m, size_t nw)
{
	float		max = 0;

	if (m->scale > 0)
		return m->scale;
	for (size_t i = 0; i < nw; i++)
		if (fabsf(weight_at(m, i)) > max)
			max = fabsf(weight_at(m, i));
	return max > 0 ? max / 32767.0f : 1.0f;
}

static NaStatus
put_varint(NaBuf *b, uint32_t v)
{
	uint8_t		x[5];
	size_t		n = 0;

	do
	{
		x[n++] = (uint8_t) ((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return na_buf_append(b, x, n);
}

/* na_tagger_save: see ner_tagger.h. */
NaStatus
na_tagger_save(const NaTagger *m, NaBuf *out)
{
	size_t		nw = ((size_t) m->mask + 1) * m->ntags;
	size_t		nt = (size_t) (m->ntags + 1) * m->ntags;
	float		scale = weight_scale(m, nw);
	uint32_t	nnz = 0;
	uint32_t	prev = 0;
	NaStatus	st;

	for (size_t i = 0; i < nw; i++)
		nnz += lrintf(weight_at(m, i) / scale) != 0;
	if ((st = na_buf_append(out, FORMAT_MAGIC, 8)) != NA_OK ||
		(st = put_u32(out, m->flags ? FORMAT_STACKED : FORMAT_VERSION)) != NA_OK ||
		(m->flags && (st = put_u32(out, m->flags)) != NA_OK) ||
		(st = put_u32(out, (uint32_t) m->bits)) != NA_OK ||
		(st = put_u32(out, (uint32_t) m->ntypes)) != NA_OK)
		return st;
	for (int k = 0; k < m->ntypes; k++)
	{
		uint8_t		len = (uint8_t) strlen(m->types[k]);

		if ((st = na_buf_append(out, &len, 1)) != NA_OK ||
			(st = na_buf_append(out, m->types[k], len)) != NA_OK)
			return st;
	}
	for (size_t i = 0; i < nt; i++)
		if ((st = put_f32(out, m->trans[i])) != NA_OK)
			return st;
	if ((st = put_f32(out, scale)) != NA_OK || (st = put_u32(out, nnz)) != NA_OK)
		return st;
	for (size_t i = 0; i < nw; i++)
	{
		long		q = lrintf(weight_at(m, i) / scale);
		uint8_t		v[2];

		if (q == 0)
			continue;
		v[0] = (uint8_t) ((uint16_t) (int16_t) q & 0xff);
		v[1] = (uint8_t) ((uint16_t) (int16_t) q >> 8);
		if ((st = put_varint(out, (uint32_t) i - prev)) != NA_OK ||
			(st = na_buf_append(out, v, 2)) != NA_OK)
			return st;
		prev = (uint32_t) i;
	}
	return NA_OK;
}

typedef struct Reader
{
	const uint8_t *p;
	size_t		left;
} Reader;

static bool
get_u32(Reader *r, uint32_t *v)
{
	if (r->left < 4)
		return false;
	*v = (uint32_t) r->p[0] | ((uint32_t) r->p[1] << 8) |
		((uint32_t) r->p[2] << 16) | ((uint32_t) r->p[3] << 24);
	r->p += 4;
	r->left -= 4;
	return true;
}

static bool
get_f32(Reader *r, float *f)
{
	uint32_t	v;

	if (!get_u32(r, &v))
		return false;
	memcpy(f, &v, 4);
	return isfinite(*f);
}

/* na_tagger_load: see ner_tagger.h. */
NaStatus
na_tagger_load(const void *data, size_t len, const NaAllocator *alloc, NaTagger **out)
{
	Reader		r = {data, len};
	uint32_t	version,
				flags = 0,
				bits,
				ntypes,
				nnz;
	NaTagger   *m;
	NaStatus	st;
	size_t		nw,
				nt;

	*out = NULL;
	if (len < 8 || memcmp(data, FORMAT_MAGIC, 8) != 0)
		return NA_ERR_BAD_LITERAL;
	r.p += 8;
	r.left -= 8;
	if (!get_u32(&r, &version) || (version != FORMAT_VERSION && version != FORMAT_STACKED) ||
		(version == FORMAT_STACKED && (!get_u32(&r, &flags) || flags != TF_STACKED)) ||
		!get_u32(&r, &bits) || !get_u32(&r, &ntypes) ||
		bits < NA_TAGGER_MIN_BITS || bits > NA_TAGGER_MAX_BITS ||
		ntypes < 1 || ntypes > NA_TAGGER_MAX_TYPES)
		return NA_ERR_BAD_LITERAL;
	if ((st = model_new(alloc, (int) bits, (int) ntypes, &m)) != NA_OK)
		return st;
	m->flags = flags;
	for (uint32_t k = 0; k < ntypes; k++)
	{
		uint8_t		tl;

		if (r.left < 1 || (tl = r.p[0]) > r.left - 1 ||
			!na_tagger_type_ok((const char *) r.p + 1, tl))
			goto bad;
		memcpy(m->types[k], r.p + 1, tl);
		m->types[k][tl] = '\0';
		for (uint32_t j = 0; j < k; j++)
			if (strcmp(m->types[j], m->types[k]) == 0)
				goto bad;
		r.p += 1 + tl;
		r.left -= 1 + (size_t) tl;
	}
	nt = (size_t) (m->ntags + 1) * m->ntags;
	nw = ((size_t) m->mask + 1) * m->ntags;
	for (size_t i = 0; i < nt; i++)
		if (!get_f32(&r, &m->trans[i]))
			goto bad;
	if (!get_f32(&r, &m->scale) || !(m->scale > 0) || !get_u32(&r, &nnz) || nnz > nw ||
		r.left < (size_t) nnz * 3)
		goto bad;
	for (uint32_t i = 0, idx = 0; i < nnz; i++)
	{
		uint32_t	delta = 0;
		int16_t		q;

		for (int shift = 0;; shift += 7)
		{
			if (r.left < 1 || shift > 28)
				goto bad;
			delta |= (uint32_t) (r.p[0] & 0x7f) << shift;
			r.left--;
			if (!(*r.p++ & 0x80))
				break;
		}
		if ((i > 0 && delta == 0) || delta >= nw - idx || r.left < 2)
			goto bad;
		idx += delta;
		q = (int16_t) (uint16_t) (r.p[0] | (r.p[1] << 8));
		r.p += 2;
		r.left -= 2;
		if (q == 0)
			goto bad;
		m->w[idx] = q * m->scale;
	}
	if (r.left != 0)
		goto bad;
	if ((st = model_compact(m)) != NA_OK)
	{
		na_tagger_free(m);
		return st;
	}
	*out = m;
	return NA_OK;
bad:
	na_tagger_free(m);
	return NA_ERR_BAD_LITERAL;
}

/* ---------------------------------------------------------------------
 * Training
 * ------------------------------------------------------------------- */

typedef struct TrainDoc
{
	size_t		off;			/* in text */
	size_t		len;
	size_t		first;			/* first span */
	size_t		nspans;
} TrainDoc;

typedef struct TrainSpan
{
	uint32_t	cstart;
	uint32_t	clen;
	uint32_t	type;
} TrainSpan;

struct NaTaggerTrainer
{
	NaTaggerOptions opt;
	const NaGazetteer *g;
	const NaAllocator *alloc;
	const NaYield *yield;
	NaBuf		text;
	TrainDoc   *docs;
	size_t		ndocs;
	size_t		capdocs;
	TrainSpan  *spans;
	size_t		nspans;
	size_t		capspans;
	int			ntypes;
	char		types[NA_TAGGER_MAX_TYPES][NA_TAGGER_MAX_TYPE_LEN + 1];
	size_t		skipped;		/* spans that start no token */
	NaDoc	   *doc;			/* reused for every text */
};

/* na_tagger_options_default: see ner_tagger.h. */
void
na_tagger_options_default(NaTaggerOptions *opt)
{
	opt->epochs = 10;
	opt->bits = NA_TAGGER_DEFAULT_BITS;
	opt->seed = UINT64_C(0x6e6577735f746167);
	opt->stacked = false;
	opt->rule_dropout = 0;
}

/* na_tagger_stacked: see ner_tagger.h. */
bool
na_tagger_stacked(const NaTagger *m)
{
	return (m->flags & TF_STACKED) != 0;
}

/* na_tagger_train_create: see ner_tagger.h. */
NaStatus
na_tagger_train_create(const NaTaggerOptions *opt, const NaGazetteer *g,
					   const NaAllocator *alloc, const NaYield *yield,
					   NaTaggerTrainer **out)
{
	NaTaggerTrainer *tr;

	*out = NULL;
	tr = na_alloc(alloc, sizeof(NaTaggerTrainer));
	if (!tr)
		return NA_ERR_NOMEM;
	memset(tr, 0, sizeof(*tr));
	if (opt)
		tr->opt = *opt;
	else
		na_tagger_options_default(&tr->opt);
	if (tr->opt.epochs < 1 || tr->opt.epochs > NA_TAGGER_MAX_EPOCHS ||
		tr->opt.bits < NA_TAGGER_MIN_BITS || tr->opt.bits > NA_TAGGER_MAX_BITS ||
		tr->opt.rule_dropout < 0 || tr->opt.rule_dropout > 100)
	{
		na_release(alloc, tr);
		return NA_ERR_BAD_ARGUMENT;
	}
	tr->g = g;
	tr->alloc = alloc;
	tr->yield = yield;
	na_buf_init(&tr->text, alloc);
	*out = tr;
	return NA_OK;
}

/* na_tagger_train_gazetteer: see ner_tagger.h. */
void
na_tagger_train_gazetteer(NaTaggerTrainer *tr, const NaGazetteer *g)
{
	tr->g = g;
}

/* na_tagger_train_destroy: see ner_tagger.h. */
void
na_tagger_train_destroy(NaTaggerTrainer *tr)
{
	if (!tr)
		return;
	na_buf_free(&tr->text);
	na_release(tr->alloc, tr->docs);
	na_release(tr->alloc, tr->spans);
	na_doc_destroy(tr->doc);
	na_release(tr->alloc, tr);
}

size_t
na_tagger_train_documents(const NaTaggerTrainer *tr)
{
	return tr->ndocs;
}

size_t
na_tagger_train_mentions(const NaTaggerTrainer *tr)
{
	return tr->nspans;
}

size_t
na_tagger_train_skipped(const NaTaggerTrainer *tr)
{
	return tr->skipped;
}

/* the index of type name[0..len) among types[0..n), or -1 */
static int
type_index(char types[][NA_TAGGER_MAX_TYPE_LEN + 1], int n, const char *name, size_t len)
{
	for (int k = 0; k < n; k++)
		if (strlen(types[k]) == len && memcmp(types[k], name, len) == 0)
			return k;
	return -1;
}

/* number of code points of valid UTF-8 s[0..len) */
static size_t
count_chars(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((uint8_t) s[i] & 0xc0) != 0x80;
	return n;
}

/* (re)start tr->doc on text[0..len) with the layers training needs */
static NaStatus
doc_on(NaTaggerTrainer *tr, const char *text, size_t len)
{
	if (!tr->doc)
		return na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, tr->alloc,
							 tr->yield, &tr->doc);
	return na_doc_reset(tr->doc, text, len, tr->yield);
}

static int
cmp_span_start(const void *pa, const void *pb)
{
	const TrainSpan *a = pa;
	const TrainSpan *b = pb;

	if (a->cstart != b->cstart)
		return a->cstart < b->cstart ? -1 : 1;
	if (a->clen != b->clen)
		return a->clen < b->clen ? -1 : 1;
	return 0;
}

/* na_tagger_train_add: see ner_tagger.h. */
NaStatus
na_tagger_train_add(NaTaggerTrainer *tr, const char *text, size_t len,
					const NaTaggerSpan *spans, size_t nspans,
					NaTaggerBad *bad, size_t *bad_span)
{
	char		newtypes[NA_TAGGER_MAX_TYPES][NA_TAGGER_MAX_TYPE_LEN + 1];
	int			ntypes = tr->ntypes;
	size_t		nchars;
	size_t		base = tr->nspans;
	size_t		need;
	NaStatus	st;

	*bad = NA_TAGGER_OK;
	*bad_span = 0;
	if (len >= UINT32_MAX / 2 || tr->text.len + len > NA_TAGGER_MAX_TEXT ||
		nspans > NA_TAGGER_MAX_SPANS - tr->nspans)
		return NA_ERR_TOO_LARGE;
	if (!na_utf8_valid(text, len, tr->yield, NULL))
		return NA_ERR_INVALID_UTF8;
	nchars = count_chars(text, len);
	memcpy(newtypes, tr->types, sizeof(newtypes));

	/* types and ranges */
	for (size_t k = 0; k < nspans; k++)
	{
		const NaTaggerSpan *s = &spans[k];
		int			t;

		*bad_span = k;
		if (!na_tagger_type_ok(s->type, s->type_len))
		{
			*bad = NA_TAGGER_BAD_TYPE;
			return NA_ERR_BAD_ARGUMENT;
		}
		if (s->clen == 0 || s->cstart >= nchars || s->clen > nchars - s->cstart)
		{
			*bad = NA_TAGGER_BAD_RANGE;
			return NA_ERR_BAD_ARGUMENT;
		}
		t = type_index(newtypes, ntypes, s->type, s->type_len);
		if (t < 0)
		{
			if (ntypes == NA_TAGGER_MAX_TYPES)
			{
				*bad = NA_TAGGER_TOO_MANY_TYPES;
				return NA_ERR_BAD_ARGUMENT;
			}
			memcpy(newtypes[ntypes], s->type, s->type_len);
			newtypes[ntypes][s->type_len] = '\0';
			ntypes++;
		}
	}

	/* copied, sorted by start, checked for overlaps */
	if ((st = na_size_add(tr->nspans, nspans, &need)) != NA_OK ||
		(st = na_grow(tr->alloc, (void **) &tr->spans, &tr->capspans, need,
					  sizeof(TrainSpan))) != NA_OK ||
		(st = na_grow(tr->alloc, (void **) &tr->docs, &tr->capdocs, tr->ndocs + 1,
					  sizeof(TrainDoc))) != NA_OK)
		return st;
	for (size_t k = 0; k < nspans; k++)
	{
		TrainSpan  *d = &tr->spans[base + k];

		d->cstart = (uint32_t) spans[k].cstart;
		d->clen = (uint32_t) spans[k].clen;
		/* the original index, until sorted */
		d->type = (uint32_t) k;
	}
	if (nspans > 1)
		qsort(tr->spans + base, nspans, sizeof(TrainSpan), cmp_span_start);
	for (size_t k = 1; k < nspans; k++)
	{
		const TrainSpan *p = &tr->spans[base + k - 1];
		const TrainSpan *c = &tr->spans[base + k];

		if (c->cstart < p->cstart + p->clen)
		{
			*bad = NA_TAGGER_OVERLAP;
			*bad_span = c->type;
			return NA_ERR_BAD_ARGUMENT;
		}
	}

	/*
	 * a span that covers the start of no token (it begins inside a word,
	 * such as one part of "US-Russia") cannot be learned by a tagger of
	 * whole tokens: it is left out (bit 31 of type marks the others)
	 */
	if (nspans > 0)
	{
		TrainSpan  *sp = tr->spans + base;
		size_t		k = 0;
		size_t		kept = 0;

		if ((st = doc_on(tr, text, len)) != NA_OK)
			return st;
		while (k < nspans && (st = na_doc_next(tr->doc)) == NA_OK && na_doc_ntokens(tr->doc) > 0)
		{
			const NaToken *toks = na_doc_tokens(tr->doc);
			size_t		n = na_doc_ntokens(tr->doc);

			for (size_t i = 0; i < n && k < nspans; i++)
			{
				size_t		c = toks[i].cstart;

				while (k < nspans && c >= (size_t) sp[k].cstart + sp[k].clen)
					k++;
				if (k < nspans && c >= sp[k].cstart)
					sp[k].type |= UINT32_C(0x80000000);
			}
		}
		if (st != NA_OK)
			return st;
		for (k = 0; k < nspans; k++)
			if (sp[k].type & UINT32_C(0x80000000))
			{
				sp[kept] = sp[k];
				sp[kept++].type &= ~UINT32_C(0x80000000);
			}
		tr->skipped += nspans - kept;
		nspans = kept;
	}

	/* accepted: the types of the spans kept, spans, text */
	memcpy(newtypes, tr->types, sizeof(newtypes));
	ntypes = tr->ntypes;
	for (size_t k = 0; k < nspans; k++)
	{
		const NaTaggerSpan *s = &spans[tr->spans[base + k].type];

		if (type_index(newtypes, ntypes, s->type, s->type_len) < 0)
		{
			memcpy(newtypes[ntypes], s->type, s->type_len);
			newtypes[ntypes][s->type_len] = '\0';
			ntypes++;
		}
	}
	for (size_t k = 0; k < nspans; k++)
	{
		TrainSpan  *d = &tr->spans[base + k];
		const NaTaggerSpan *s = &spans[d->type];

		d->type = (uint32_t) type_index(newtypes, ntypes, s->type, s->type_len);
	}
	if ((st = na_buf_append(&tr->text, text, len)) != NA_OK)
		return st;
	memcpy(tr->types, newtypes, sizeof(newtypes));
	tr->ntypes = ntypes;
	tr->docs[tr->ndocs].off = tr->text.len - len;
	tr->docs[tr->ndocs].len = len;
	tr->docs[tr->ndocs].first = base;
	tr->docs[tr->ndocs].nspans = nspans;
	tr->ndocs++;
	tr->nspans = base + nspans;
	return NA_OK;
}

/* xorshift64*: the order of the documents */
static uint64_t
next_random(uint64_t *s)
{
	uint64_t	x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * UINT64_C(0x2545f4914f6cdd1d);
}

/* The weights being learned and their running sums. */
typedef struct Learner
{
	NaTagger   *m;
	double	   *uw;				/* sum of c * update, per weight */
	double	   *ut;
	double		c;				/* sentences seen + 1 */
} Learner;

static inline void
update(Learner *L, const uint32_t *feats, int tag, float d)
{
	int			T = L->m->ntags;

	for (int f = 0; f < NF; f++)
	{
		size_t		ix = (size_t) feats[f] * T + tag;

		L->m->w[ix] += d;
		L->uw[ix] += L->c * d;
	}
}

static inline void
update_trans(Learner *L, int p, int t, float d)
{
	int			T = L->m->ntags;
	size_t		ix = (size_t) (p < 0 ? T : p) * T + t;

	L->m->trans[ix] += d;
	L->ut[ix] += L->c * d;
}

/*
 * train_sentence: decode tokens [0, n) (features feats, gold tags gold)
 * and update the weights where the decoded tags differ.
 */
static void
train_sentence(Learner *L, NaTaggerScratch *s, const uint32_t *feats, const uint16_t *gold,
			   size_t n)
{
	int			T = L->m->ntags;
	float	   *e = s->scores;
	uint16_t   *tags = s->tags;
	uint16_t   *bp = s->tags + n;
	bool		same = true;

	emissions(L->m, feats, n, e);
	viterbi(L->m, e, n, NULL, e + n * T, bp, tags);
	for (size_t i = 0; i < n && same; i++)
		same = tags[i] == gold[i];
	if (!same)
	{
		for (size_t i = 0; i < n; i++)
		{
			int			gp = i > 0 ? gold[i - 1] : -1;
			int			pp = i > 0 ? tags[i - 1] : -1;

			if (gold[i] != tags[i])
			{
				update(L, &feats[i * NF], gold[i], 1.0f);
				update(L, &feats[i * NF], tags[i], -1.0f);
			}
			if (gold[i] != tags[i] || gp != pp)
			{
				update_trans(L, gp, gold[i], 1.0f);
				update_trans(L, pp, tags[i], -1.0f);
			}
		}
	}
	L->c += 1;
}

/*
 * train_doc: one pass over document d: analyse it, give each token its gold
 * tag, and train on each sentence.  gold is scratch of the window's size
 * (grown here).
 */
static bool
no_entity(const NaEntity *e, void *arg)
{
	return true;
}

static NaStatus
train_doc(NaTaggerTrainer *tr, Learner *L, NaTaggerScratch *s, const TrainDoc *d,
		  bool rules, uint16_t **gold, size_t *capgold)
{
	const TrainSpan *sp = tr->spans + d->first;
	size_t		k = 0;
	size_t		opened = SIZE_MAX;	/* the span whose B tag was given */
	bool		stacked = (L->m->flags & TF_STACKED) != 0;
	NaEntities *ex = NULL;
	NaStatus	st;

	s->nrules = 0;
	if ((st = doc_on(tr, tr->text.data + d->off, d->len)) != NA_OK ||
		(st = mem_reset(s, tr->alloc)) != NA_OK)
		return st;
	/* a stacked model: the rules run over the document as it is tagged */
	if (stacked && rules &&
		(st = na_entities_create(tr->doc, tr->g, NULL, no_entity, NULL, tr->alloc, &ex)) != NA_OK)
		return st;
	while ((st = na_doc_next(tr->doc)) == NA_OK && na_doc_ntokens(tr->doc) > 0)
	{
		const NaToken *toks = na_doc_tokens(tr->doc);
		size_t		n = na_doc_ntokens(tr->doc);
		TokH	   *h;
		size_t		a = 0;

		if ((st = scratch_reserve(s, tr->alloc, n, L->m->ntags)) != NA_OK ||
			(st = na_grow(tr->alloc, (void **) gold, capgold, n, sizeof(uint16_t))) != NA_OK)
			return st;
		h = scratch_toks(s);
		if ((st = token_hashes(L->m, tr->doc, tr->g, s, tr->alloc, n, h)) != NA_OK)
			break;
		if (ex)
		{
			const NaNerMention *names;
			size_t		nn;

			if ((st = na_entities_rules(ex, &names, &nn)) != NA_OK ||
				(st = set_rules(s, tr->alloc, n, names, nn)) != NA_OK)
				break;
		}
		rule_codes(s, n, h);
		for (size_t i = 0; i < n; i++)
		{
			uint32_t	c = toks[i].cstart;

			while (k < d->nspans && c >= sp[k].cstart + sp[k].clen)
				k++;
			if (k < d->nspans && c >= sp[k].cstart)
			{
				(*gold)[i] = (uint16_t) (opened == k ? 2 + 2 * sp[k].type : 1 + 2 * sp[k].type);
				opened = k;
			}
			else
				(*gold)[i] = 0;
		}
		while (a < n)
		{
			size_t		b = a + 1;

			while (b < n && toks[b].sentence == toks[a].sentence)
				b++;
			mem_read(s, toks, h, a, b);
			for (size_t i = a; i < b; i++)
				feature_hashes(h, a, b, i, L->m->mask, stacked, &s->feats[(i - a) * NF]);
			train_sentence(L, s, s->feats, *gold + a, b - a);
			mem_write(s, toks, h, a, s->tags, b - a);
			a = b;
		}
	}
	na_entities_destroy(ex);
	s->nrules = 0;
	return st;
}

/* na_tagger_train_run: see ner_tagger.h. */
NaStatus
na_tagger_train_run(NaTaggerTrainer *tr, NaTagger **out)
{
	Learner		L = {0};
	NaTaggerScratch s = {0};
	size_t	   *order = NULL;
	uint16_t   *gold = NULL;
	size_t		capgold = 0;
	uint64_t	rnd = tr->opt.seed ? tr->opt.seed : 1;
	uint64_t	drop = rnd ^ UINT64_C(0x9e3779b97f4a7c15);	/* rule dropout */
	size_t		nw,
				nt;
	NaStatus	st;

	*out = NULL;
	if (tr->nspans == 0 || tr->ntypes == 0)
		return NA_ERR_BAD_ARGUMENT;
	if ((st = model_new(tr->alloc, tr->opt.bits, tr->ntypes, &L.m)) != NA_OK)
		return st;
	memcpy(L.m->types, tr->types, sizeof(tr->types));
	L.m->flags = tr->opt.stacked ? TF_STACKED : 0;
	nw = ((size_t) L.m->mask + 1) * L.m->ntags;
	nt = (size_t) (L.m->ntags + 1) * L.m->ntags;
	L.uw = na_alloc(tr->alloc, nw * sizeof(double));
	L.ut = na_alloc(tr->alloc, nt * sizeof(double));
	order = na_alloc(tr->alloc, tr->ndocs * sizeof(size_t));
	if (!L.uw || !L.ut || !order)
	{
		st = NA_ERR_NOMEM;
		goto done;
	}
	memset(L.uw, 0, nw * sizeof(double));
	memset(L.ut, 0, nt * sizeof(double));
	L.c = 1;
	for (size_t i = 0; i < tr->ndocs; i++)
		order[i] = i;
	for (int epoch = 0; epoch < tr->opt.epochs; epoch++)
	{
		/* Fisher-Yates with the fixed generator */
		for (size_t i = tr->ndocs; i > 1; i--)
		{
			size_t		j = (size_t) (next_random(&rnd) % i);
			size_t		t = order[i - 1];

			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t i = 0; i < tr->ndocs; i++)
		{
			bool		rules = true;

			na_yield(tr->yield);
			if (tr->opt.stacked && tr->opt.rule_dropout > 0)
				rules = (int) (next_random(&drop) % 100) >= tr->opt.rule_dropout;
			if ((st = train_doc(tr, &L, &s, &tr->docs[order[i]], rules, &gold, &capgold)) != NA_OK)
				goto done;
		}
	}
	/* the average over every sentence seen */
	for (size_t i = 0; i < nw; i++)
	{
		if ((i & (NA_YIELD_EVERY - 1)) == 0)
			na_yield(tr->yield);
		L.m->w[i] = (float) (L.m->w[i] - L.uw[i] / L.c);
	}
	for (size_t i = 0; i < nt; i++)
		L.m->trans[i] = (float) (L.m->trans[i] - L.ut[i] / L.c);
	if ((st = model_compact(L.m)) != NA_OK)
		goto done;
	*out = L.m;
	L.m = NULL;
	st = NA_OK;
done:
	na_tagger_free(L.m);
	na_release(tr->alloc, L.uw);
	na_release(tr->alloc, L.ut);
	na_release(tr->alloc, order);
	na_release(tr->alloc, gold);
	na_tagger_scratch_free(&s, tr->alloc);
	return st;
}

/* ---------------------------------------------------------------------
 * The entity model
 * ------------------------------------------------------------------- */

typedef struct TaggerModel
{
	NaNerModel	base;
	const NaTagger *t;
	const NaGazetteer *g;
	const NaAllocator *alloc;
	NaTaggerScratch s;
	NaNerMention *ments;
	size_t		nments;
	size_t		capments;
	NaStatus	st;
	NaEntityType builtin[NA_TAGGER_MAX_TYPES];
	const NaNerMention *rules;	/* stacked: the rules' names of the window */
	size_t		nrules;
	bool		has_rules;
} TaggerModel;

static bool
collect(const NaTaggerMention *mm, void *arg)
{
	TaggerModel *x = arg;
	NaNerMention *o;

	if ((x->st = na_grow(x->alloc, (void **) &x->ments, &x->capments, x->nments + 1,
						 sizeof(NaNerMention))) != NA_OK)
		return false;
	o = &x->ments[x->nments++];
	o->a = mm->a;
	o->b = mm->b;
	o->type = x->builtin[mm->type];
	o->type_name = x->t->types[mm->type];
	o->confidence = mm->confidence;
	return true;
}

static NaStatus
tagger_window(NaNerModel *m, const NaDoc *doc)
{
	TaggerModel *x = (TaggerModel *) m;
	NaStatus	st;

	x->nments = 0;
	x->st = NA_OK;
	x->s.nrules = 0;
	if (x->has_rules &&
		(st = set_rules(&x->s, x->alloc, na_doc_ntokens(doc), x->rules, x->nrules)) != NA_OK)
		return st;
	x->has_rules = false;
	st = na_tagger_tag(x->t, doc, x->g, &x->s, x->alloc, collect, x);
	return st != NA_OK ? st : x->st;
}

static size_t
tagger_mentions(const NaNerModel *m, const NaNerMention **out)
{
	const TaggerModel *x = (const TaggerModel *) m;

	*out = x->ments;
	return x->nments;
}

/* the rules never ask a tagging model about words or spans: no opinion */
static void
tagger_word(const NaNerModel *m, const NaDoc *doc, size_t i, NaNerWord *out)
{
	out->known = false;
	out->common = false;
	out->name = NA_ENT_NONE;
}

static void
tagger_span(const NaNerModel *m, const NaDoc *doc, size_t a, size_t b,
			float scores[NA_NER_CLASSES], float context[NA_NER_CLASSES], int *unknown)
{
	for (int t = 0; t < NA_NER_CLASSES; t++)
		scores[t] = context[t] = 0;
	*unknown = 0;
}

/* a stacked model: the rules' names of the window, for tagger_window */
static NaStatus
tagger_rules(NaNerModel *m, const NaNerMention *names, size_t n)
{
	TaggerModel *x = (TaggerModel *) m;

	x->rules = names;
	x->nrules = n;
	x->has_rules = true;
	return NA_OK;
}

static void
tagger_free(NaNerModel *m)
{
	TaggerModel *x = (TaggerModel *) m;

	na_tagger_scratch_free(&x->s, x->alloc);
	na_release(x->alloc, x->ments);
	na_release(x->alloc, x);
}

/* na_tagger_model: see ner_tagger.h. */
NaStatus
na_tagger_model(const NaTagger *t, const NaGazetteer *g, const NaAllocator *alloc,
				NaNerModel **out)
{
	TaggerModel *x = na_alloc(alloc, sizeof(TaggerModel));

	*out = NULL;
	if (!x)
		return NA_ERR_NOMEM;
	memset(x, 0, sizeof(*x));
	x->base.name = "tagger";
	x->base.weights = (void *) t;
	x->base.window = tagger_window;
	x->base.word = tagger_word;
	x->base.span = tagger_span;
	x->base.free = tagger_free;
	x->base.mentions = tagger_mentions;
	x->base.rules = (t->flags & TF_STACKED) ? tagger_rules : NULL;
	x->t = t;
	x->g = g;
	x->alloc = alloc;
	for (int k = 0; k < t->ntypes; k++)
	{
		NaEntityType b = na_entity_type_parse(t->types[k], strlen(t->types[k]));

		x->builtin[k] = b <= NA_ENT_MISC ? b : NA_ENT_NONE;
	}
	*out = &x->base;
	return NA_OK;
}
