/*
 * keywords.c
 *		Keyphrase extraction over the analysed document (see keywords.h).
 *
 * Design
 * ------
 * Candidates.  Each sentence of a window is read in three passes over its
 * tokens (the first pass over every sentence of the window before the
 * others, so that the memory the second needs is fetched in the meantime):
 *
 *	1. title case: a sentence in which the ordinary words (those of the word
 *	   class table, gen_keyword_words.inc) are mostly capitalized is a
 *	   headline written in title case ("Oil Prices Rise As Demand Grows");
 *	   its capitals do not make names;
 *	2. roles: every token becomes NAME (capitalized, and not an ordinary
 *	   word at the start of a sentence or line, nor in a title-case
 *	   sentence), NOUN, ADJ (an adjective: opens a phrase, never ends one)
 *	   or BREAK (punctuation, numbers, stopwords, verbs, adverbs, a title
 *	   such as "President" before a name); "of", "de", "van", ... between
 *	   two capitalized words join a name ("Bank of England");
 *	3. runs: consecutive NAME, NOUN and ADJ tokens, cut at a BREAK, a line
 *	   break or after a possessive, are divided into units, a run of NAME
 *	   tokens being one unit (at most NA_KW_MAX_WORDS words), any other
 *	   token a unit of its own.  Every sequence of units of at most
 *	   NA_KW_MAX_WORDS words that does not end with an adjective is a
 *	   mention of a candidate: a name is never split, and "European Central
 *	   Bank president" gives "European Central Bank president", "European
 *	   Central Bank" and "president".
 *
 * A candidate is keyed by the stems of its words (the "english" lexer's
 * index terms, so that a corpus keyed by news.term_id weighs them), and
 * counts its mentions, first and last position, name mentions and the
 * surface form to show: the first mention, replaced by the first one that
 * does not open a sentence (so "Speculation" shows as "speculation" when
 * it also occurs inside a sentence).  Words keep their own counts.
 *
 * Finishing.  A name of one word that is the first or last word of a
 * longer name of the same text ("Malick" after "Terrence Malick") is
 * merged into it.  Every remaining candidate gets NA_KW_NFEATURES
 * features (frequency, rarity against the corpus, first position,
 * headline, name, number of words, word length, spread, word frequencies,
 * a keyphraseness prior of its words learnt from the train split, how many
 * candidates hold its words and how often they are mentioned) and the
 * model of gen_keyword_model.inc scores it: a sum of small regression trees
 * (boosted on the logistic loss by gen_keyword_model.py), which, unlike
 * the linear model it replaced, can weigh a feature differently according
 * to the others.  The best are reported in
 * order, leaving out a candidate whose words are a contiguous part of one
 * already reported, or contain one (unless it is a name and the other is
 * not: "European Central Bank" after "bank").
 *
 * Memory.  Candidates and words live in open-addressing tables with
 * indices into growing arrays; at most NA_KW_MAX_CANDIDATES candidates
 * (and as many words) are kept, so a huge text costs bounded memory: once
 * the tables are full, mentions of known candidates are still counted.
 */
#include "keywords.h"

#include <math.h>
#include <string.h>

#include "tokenizer.h"

#include "gen_keyword_words.inc"
#include "gen_keyword_df.inc"

/* A node of a tree of the model: go right when feature feat is at or
 * above thr (gen_keyword_model.inc) */
typedef struct KwTreeNode
{
	float		thr;
	uint32_t	feat;
} KwTreeNode;

#include "gen_keyword_model.inc"

/* ---------------------------------------------------------------------
 * Word classes and the background corpus
 * ------------------------------------------------------------------- */

/* na_word_class: see keywords.h. */
unsigned
na_word_class(uint32_t hash)
{
	uint32_t	i = hash & (KW_WORD_SLOTS - 1);

	/* gen_keyword_words.inc marks its empty slots with hash 0 */

	if (hash == 0)
		return NA_WC_UNKNOWN;
	for (;;)
	{
		uint32_t	h = kw_word_hash[i];

		if (h == hash)
			return kw_word_class[i];
		if (h == 0)
			return NA_WC_UNKNOWN;
		i = (i + 1) & (KW_WORD_SLOTS - 1);
	}
}

static const NaCorpus kw_background = {
	KW_BG_TERMS, KW_BG_DOCS, 0.0, kw_bg_ids, kw_bg_dfs
};

/* na_keywords_background: see keywords.h. */
const NaCorpus *
na_keywords_background(void)
{
	return &kw_background;
}

/* sorted_find: the index of id in ids[lo..hi), sorted, or UINT32_MAX */
static inline uint32_t
sorted_find(const uint32_t *ids, uint32_t lo, uint32_t hi, uint32_t id)
{
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (ids[mid] < id)
			lo = mid + 1;
		else if (ids[mid] > id)
			hi = mid;
		else
			return mid;
	}
	return UINT32_MAX;
}

/* bg_find: the index of term id in the background, or UINT32_MAX */
static uint32_t
bg_find(uint32_t id)
{
	uint32_t	b = id >> (32 - KW_BG_BITS);

	return sorted_find(kw_bg_ids, kw_bg_start[b], kw_bg_start[b + 1], id);
}

/* na_keywords_df: see keywords.h. */
int64_t
na_keywords_df(const NaCorpus *corpus, uint32_t id)
{
	uint32_t	i;

	if (corpus && corpus != &kw_background)
		return na_corpus_df(corpus, id);
	i = bg_find(id);
	return i == UINT32_MAX ? 0 : kw_bg_dfs[i];
}

/* ---------------------------------------------------------------------
 * NaWordCache
 * ------------------------------------------------------------------- */

struct NaWordCache
{
	NaLexer    *lx;
	const NaAllocator *alloc;
	NaWordEntry *entries;
	uint32_t	n;
	uint32_t	cap;
	uint32_t   *slots;			/* entry number + 1, 0 = empty */
	uint32_t	nslots;
	NaBuf		forms;
};

/* na_word_cache_create: see keywords.h. */
NaStatus
na_word_cache_create(NaLexer *lx, const NaAllocator *alloc, NaWordCache **out)
{
	NaWordCache *c = na_alloc(alloc, sizeof(NaWordCache));

	*out = NULL;
	if (!c)
		return NA_ERR_NOMEM;
	memset(c, 0, sizeof(*c));
	c->lx = lx;
	c->alloc = alloc;
	na_buf_init(&c->forms, alloc);
	*out = c;
	return NA_OK;
}

/* na_word_cache_destroy: see keywords.h. */
void
na_word_cache_destroy(NaWordCache *c)
{
	if (!c)
		return;
	na_release(c->alloc, c->entries);
	na_release(c->alloc, c->slots);
	na_buf_free(&c->forms);
	na_release(c->alloc, c);
}

/*
 * The first table of slots (of the word cache and of a text's words and
 * candidates) is small: most texts are short, and clearing a large table
 * for each of them cost more than growing a small one for a long text.
 */
#define FIRST_SLOTS		256

/* word_cache_grow: double the slots (or make the first) */
static NaStatus
word_cache_grow(NaWordCache *c)
{
	uint32_t	size = c->nslots ? c->nslots * 2 : FIRST_SLOTS;
	uint32_t   *s = na_alloc(c->alloc, (size_t) size * sizeof(uint32_t));

	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, (size_t) size * sizeof(uint32_t));
	for (uint32_t i = 0; i < c->n; i++)
	{
		uint32_t	j;

		for (j = c->entries[i].hash & (size - 1); s[j]; j = (j + 1) & (size - 1))
			;
		s[j] = i + 1;
	}
	na_release(c->alloc, c->slots);
	c->slots = s;
	c->nslots = size;
	return NA_OK;
}

/*
 * word_cache_add: a new entry for w[0..n) with hash hash in slot j, which
 * word_cache_find found empty.
 */
static NaStatus
word_cache_add(NaWordCache *c, const char *w, size_t n, uint32_t hash, uint32_t j,
			   uint32_t *entry)
{
	NaWordEntry *e;
	NaStatus	st;

	*entry = NA_WORD_NONE;
	if (c->n == c->cap &&
		(st = na_grow32(c->alloc, (void **) &c->entries, &c->cap, c->n + 1,
						sizeof(NaWordEntry))) != NA_OK)
		return st;
	if (c->forms.len + n > c->forms.cap && (st = na_buf_reserve(&c->forms, n)) != NA_OK)
		return st;
	if (n > 0)
		memcpy(c->forms.data + c->forms.len, w, n);
	c->forms.len += n;
	e = &c->entries[c->n];
	memset(e, 0, sizeof(*e));
	e->hash = hash;
	e->off = (uint32_t) (c->forms.len - n);
	e->len = (uint16_t) n;
	e->wc = (uint16_t) na_word_class(hash);
	e->stem = NA_WS_UNKNOWN;
	e->index = UINT32_MAX;
	c->slots[j] = c->n + 1;
	/* for na_word_cache_stem, which the caller may need a little later */
	na_lexer_prefetch_id(c->lx, hash);
	*entry = c->n++;
	return NA_OK;
}

/*
 * word_cache_find: na_word_cache_find, inline where keyphrases read each
 * word of a text; a word met before costs one probe and no call.
 */
static inline NaStatus
word_cache_find(NaWordCache *c, const char *w, size_t n, uint32_t hash, uint32_t *entry)
{
	uint32_t	j;
	NaStatus	st;

	*entry = NA_WORD_NONE;
	if (n > UINT16_MAX || c->n >= NA_KW_MAX_CANDIDATES)
		return NA_OK;
	if (4 * (c->n + 1) > 3 * c->nslots && (st = word_cache_grow(c)) != NA_OK)
		return st;
	for (j = hash & (c->nslots - 1); c->slots[j]; j = (j + 1) & (c->nslots - 1))
	{
		const NaWordEntry *e = &c->entries[c->slots[j] - 1];

		if (e->hash == hash && e->len == n && na_same_bytes(c->forms.data + e->off, w, n))
		{
			*entry = c->slots[j] - 1;
			return NA_OK;
		}
	}
	return word_cache_add(c, w, n, hash, j, entry);
}

/* na_word_cache_find: see keywords.h. */
NaStatus
na_word_cache_find(NaWordCache *c, const char *w, size_t n, uint32_t hash, uint32_t *entry)
{
	return word_cache_find(c, w, n, hash, entry);
}

/* na_word_cache_reserve: see keywords.h. */
NaStatus
na_word_cache_reserve(NaWordCache *c, size_t n)
{
	uint32_t	need = n < NA_KW_MAX_CANDIDATES - c->n ? c->n + (uint32_t) n : NA_KW_MAX_CANDIDATES;

	return na_grow32(c->alloc, (void **) &c->entries, &c->cap, need, sizeof(NaWordEntry));
}

/* na_word_cache_at: see keywords.h. */
NaWordEntry *
na_word_cache_at(NaWordCache *c, uint32_t e)
{
	return &c->entries[e];
}

/* na_word_cache_stem: see keywords.h. */
NaStatus
na_word_cache_stem(NaWordCache *c, uint32_t e, NaTokenKind kind)
{
	NaWordEntry *we = &c->entries[e];
	uint32_t	id;
	bool		has;
	NaStatus	st;

	if (we->stem != NA_WS_UNKNOWN)
		return NA_OK;
	if ((st = na_lexer_term_id(c->lx, c->forms.data + we->off, we->len, we->hash, kind,
							   &id, &has)) != NA_OK)
		return st;
	we->id = id;
	we->stem = has ? NA_WS_TERM : NA_WS_NONE;
	return NA_OK;
}

const char *
na_keyphrase_kind_name(NaKeyphraseKind kind)
{
	switch (kind)
	{
		case NA_KP_WORD:
			return "word";
		case NA_KP_PHRASE:
			return "phrase";
		case NA_KP_NAME:
			return "name";
	}
	return "?";
}

const char *const na_keywords_feature_names[NA_KW_NFEATURES] = {
	"log_tf", "idf_mean", "first_pos", "headline", "log_first_sentence",
	"name", "spread", "word_tf_mean", "head_tf", "tf_share", "tf_idf",
	"head_unknown", "head_suffix", "headline_name", "one_word", "two_words",
	"long_name", "log_word_chars", "prior", "word_cands", "word_cand_mentions"
};

/* ---------------------------------------------------------------------
 * State
 * ------------------------------------------------------------------- */

/* One candidate phrase. */
typedef struct Cand
{
	uint64_t	key;
	uint32_t	words[NA_KW_MAX_WORDS];	/* indices into NaKeywords.words */
	uint32_t	count;
	uint32_t	names;			/* mentions that are one name */
	uint32_t	first;			/* document token number of the first mention */
	uint32_t	last;
	uint32_t	sentence;		/* of the first mention */
	uint32_t	start;			/* surface: byte extent and characters */
	uint32_t	len;
	uint32_t	cstart;
	uint32_t	clen;
	uint32_t	merged;			/* index + 1 of the candidate it joined */
	uint8_t		nwords;
	uint8_t		shown;			/* SHOWN_* of the mention shown */
	uint8_t		head;			/* HEAD_* of the last word */
	float		score;
} Cand;

/* How much the case of a mention tells (Cand.shown): a later mention that
 * tells more is shown instead */
#define SHOWN_TITLECASE	0		/* in a title-case headline */
#define SHOWN_INITIAL	1		/* opens a sentence or line */
#define SHOWN_INSIDE	2		/* inside a sentence: as written */

/* What the last word of a candidate looks like (Cand.head) */
#define HEAD_KNOWN		0x80	/* NaWordEntry.marks: the shape is there */
#define HEAD_UNKNOWN	0x01	/* not in the word class table */
#define HEAD_SUFFIX		0x02	/* an adjective's or verb's ending: -ed, -ing,
								 * -ly, -ous, -ful, -ive, -able, -al, -ic */

/* One word (stem). */
typedef struct Word
{
	uint32_t	id;				/* news.term_id of the stem */
	uint32_t	count;
	uint32_t	name;			/* index + 1 of the longest name ending or
								 * starting with it (finish) */
	float		idf;			/* normalized, 0..1 (finish) */
	float		log_count;		/* log1p(count) (finish) */
	float		prior;			/* keyphraseness prior (finish) */
	uint32_t	ncands;			/* candidates holding it (finish) */
	uint32_t	mentions;		/* their mentions, summed (finish) */
} Word;

/* Token roles */
enum
{
	R_BREAK = 0,
	R_NAME,
	R_NOUN,
	R_ADJ,
	R_CONNECT					/* may join two parts of a name */
};

/* What pass 2 learns about a token of the current sentence. */
typedef struct TokInfo
{
	uint32_t	word;			/* index into words, or UINT32_MAX */
	uint32_t	form;			/* its entry in the word cache, or NA_WORD_NONE */
	uint8_t		role;
	uint8_t		initial;		/* first word of a sentence or line, or in a
								 * title-case sentence */
	uint8_t		shown;			/* SHOWN_* */
	uint8_t		title;			/* a title word ("President") */
	uint8_t		connector;		/* "of", "de", ... (whatever its role) */
	uint16_t	wc;				/* na_word_class of its normalized form */
	uint8_t		titlecase;		/* its line is a title-case headline */
} TokInfo;

/*
 * Logarithms of small whole numbers (counts, sentence numbers), each
 * computed once per text: most candidates share a few values.
 */
#define LOG_MEMO	64

typedef struct LogMemo
{
	uint64_t	known;			/* bit k: v[k] is there */
	double		v[LOG_MEMO];
} LogMemo;

struct NaKeywords
{
	NaDoc	   *doc;
	NaLexer    *lx;
	const NaAllocator *alloc;
	const NaYield *yield;

	Cand	   *cands;
	uint32_t	ncands;
	uint32_t	capcands;
	uint32_t   *cslots;			/* index + 1, 0 = empty */
	uint32_t	ncslots;

	Word	   *words;
	uint32_t	nwords;
	uint32_t	capwords;
	uint32_t   *wslots;
	uint32_t	nwslots;

	const char *arena;			/* the window's normalized forms */
	NaWordCache *forms;			/* the document's distinct words */
	TokInfo    *info;			/* per token of the window */
	size_t		capinfo;

	LogMemo		log1p_counts;	/* log1p of counts (finish) */
	LogMemo		log_sentences;	/* log of sentence numbers and of counts of
								 * candidates (finish) */

	uint64_t	ntokens;		/* tokens read so far */
	uint64_t	base;			/* tokens before the window (na_doc_base) */
	size_t		work;			/* units of work since the last yield */
};

/* ---------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------- */

static inline uint32_t
mix32(uint64_t k)
{
	k ^= k >> 33;
	k *= UINT64_C(0xff51afd7ed558ccd);
	k ^= k >> 33;
	return (uint32_t) k;
}

/*
 * rehash: make slots (a table of indices + 1 into an array of n entries
 * whose hashes hash(i) gives) at least four times n, rebuilding it.
 */
static NaStatus
rehash(const NaAllocator *alloc, uint32_t **slots, uint32_t *nslots, uint32_t n,
	   uint32_t (*hash) (const NaKeywords *kw, uint32_t i), const NaKeywords *kw)
{
	uint32_t	size = *nslots ? *nslots : FIRST_SLOTS;
	uint32_t   *s;

	while (size < 4 * (n + 1))
		size *= 2;
	if (size == *nslots)
		return NA_OK;
	s = na_alloc(alloc, (size_t) size * sizeof(uint32_t));
	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, (size_t) size * sizeof(uint32_t));
	for (uint32_t i = 0; i < n; i++)
	{
		uint32_t	j = hash(kw, i) & (size - 1);

		while (s[j])
			j = (j + 1) & (size - 1);
		s[j] = i + 1;
	}
	na_release(alloc, *slots);
	*slots = s;
	*nslots = size;
	return NA_OK;
}

static uint32_t
cand_hash(const NaKeywords *kw, uint32_t i)
{
	return mix32(kw->cands[i].key);
}

static uint32_t
word_hash(const NaKeywords *kw, uint32_t i)
{
	return mix32(kw->words[i].id);
}

/*
 * word_get: the index of the word with term id id, added if new; UINT32_MAX
 * when the table is full.
 */
static NaStatus
word_get(NaKeywords *kw, uint32_t id, uint32_t *out)
{
	uint32_t	j;
	NaStatus	st;

	if (kw->nwslots < 4 * (kw->nwords + 1) &&
		(st = rehash(kw->alloc, &kw->wslots, &kw->nwslots, kw->nwords, word_hash, kw)) != NA_OK)
		return st;
	for (j = mix32(id) & (kw->nwslots - 1); kw->wslots[j]; j = (j + 1) & (kw->nwslots - 1))
		if (kw->words[kw->wslots[j] - 1].id == id)
		{
			*out = kw->wslots[j] - 1;
			return NA_OK;
		}
	if (kw->nwords >= NA_KW_MAX_CANDIDATES)
	{
		*out = UINT32_MAX;
		return NA_OK;
	}
	if (kw->nwords == kw->capwords &&
		(st = na_grow32(kw->alloc, (void **) &kw->words, &kw->capwords, kw->nwords + 1,
						sizeof(Word))) != NA_OK)
		return st;
	memset(&kw->words[kw->nwords], 0, sizeof(Word));
	kw->words[kw->nwords].id = id;
	kw->wslots[j] = kw->nwords + 1;
	*out = kw->nwords++;
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------- */

/* na_keywords_create: see keywords.h. */
NaStatus
na_keywords_create(NaDoc *doc, NaLexer *lx, const NaAllocator *alloc,
				   const NaYield *yield, NaKeywords **out)
{
	NaKeywords *kw;

	*out = NULL;
	if ((na_doc_layers(doc) & (NA_DOC_SENTENCES | NA_DOC_NORMS)) !=
		(NA_DOC_SENTENCES | NA_DOC_NORMS) || !lx)
		return NA_ERR_BAD_ARGUMENT;
	kw = na_alloc(alloc, sizeof(NaKeywords));
	if (!kw)
		return NA_ERR_NOMEM;
	memset(kw, 0, sizeof(*kw));
	kw->doc = doc;
	kw->lx = lx;
	kw->alloc = alloc;
	kw->yield = yield;
	if (na_word_cache_create(lx, alloc, &kw->forms) != NA_OK)
	{
		na_release(alloc, kw);
		return NA_ERR_NOMEM;
	}
	*out = kw;
	return NA_OK;
}

/* na_keywords_destroy: see keywords.h. */
void
na_keywords_destroy(NaKeywords *kw)
{
	if (!kw)
		return;
	na_release(kw->alloc, kw->cands);
	na_release(kw->alloc, kw->cslots);
	na_release(kw->alloc, kw->words);
	na_release(kw->alloc, kw->wslots);
	na_release(kw->alloc, kw->info);
	na_word_cache_destroy(kw->forms);
	na_release(kw->alloc, kw);
}

/* ---------------------------------------------------------------------
 * Reading a window
 * ------------------------------------------------------------------- */

/* same_words: are the word lists a[0..n) and b[0..n) equal? */
static inline bool
same_words(const uint32_t *a, const uint32_t *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* cand_key: the key of the candidate made of words[0..n) */
static uint64_t
cand_key(const NaKeywords *kw, const uint32_t *words, int n)
{
	uint64_t	key = UINT64_C(0x9E3779B97F4A7C15);

	for (int i = 0; i < n; i++)
	{
		key = (key ^ kw->words[words[i]].id) * UINT64_C(0x100000001B3);
		key ^= key >> 29;
	}
	return key;
}

/* cand_find: the candidate made of words[0..n), or NULL */
static Cand *
cand_find(NaKeywords *kw, const uint32_t *words, int n)
{
	uint64_t	key = cand_key(kw, words, n);

	if (kw->ncslots == 0)
		return NULL;
	for (uint32_t j = mix32(key) & (kw->ncslots - 1); kw->cslots[j]; j = (j + 1) & (kw->ncslots - 1))
	{
		Cand	   *c = &kw->cands[kw->cslots[j] - 1];

		if (c->key == key && c->nwords == n && same_words(c->words, words, n))
			return c;
	}
	return NULL;
}

/* ends: does w[0..n) end with the k letters of x after three letters at least? */
static inline bool
ends(const char *w, size_t n, const char *x, size_t k)
{
	return n > k + 2 && na_same_bytes(w + n - k, x, k);
}

/*
 * head_shape: HEAD_* of the normalized word w[0..n) of word class wc; the
 * suffixes (-ed, -ing, -ly, -ous, -less, -ful, -al, -ive, -able, -ible,
 * -ic) are found by the last letter, which most words end in none of
 */
static uint8_t
head_shape(const char *w, size_t n, unsigned wc)
{
	uint8_t		shape = (wc & NA_WC_UNKNOWN) ? HEAD_UNKNOWN : 0;
	bool		suffix = false;

	if (n < 3)
		return shape;
	switch (w[n - 1])
	{
		case 'd':
			suffix = ends(w, n, "ed", 2);
			break;
		case 'g':
			suffix = ends(w, n, "ing", 3);
			break;
		case 'y':
			suffix = ends(w, n, "ly", 2);
			break;
		case 's':
			suffix = ends(w, n, "ous", 3) || ends(w, n, "less", 4);
			break;
		case 'l':
			suffix = ends(w, n, "ful", 3) || ends(w, n, "al", 2);
			break;
		case 'e':
			suffix = ends(w, n, "ive", 3) || ends(w, n, "able", 4) || ends(w, n, "ible", 4);
			break;
		case 'c':
			suffix = ends(w, n, "ic", 2);
			break;
	}
	return suffix ? shape | HEAD_SUFFIX : shape;
}

/* word_shape: head_shape of the word of token b, once per distinct word */
static uint8_t
word_shape(NaKeywords *kw, const NaDocNorm *norms, size_t b)
{
	NaWordEntry *e;

	if (kw->info[b].form == NA_WORD_NONE)
		return head_shape(kw->arena + norms[b].off, norms[b].len, kw->info[b].wc);
	e = na_word_cache_at(kw->forms, kw->info[b].form);
	if (!(e->marks & HEAD_KNOWN))
		e->marks = HEAD_KNOWN | head_shape(kw->arena + norms[b].off, norms[b].len, e->wc);
	return e->marks & ~HEAD_KNOWN;
}

/*
 * add_mention counts one mention of the candidate made of the words of
 * tokens a..b (the window's info gives them; connectors too).
 */
static NaStatus
add_mention(NaKeywords *kw, const NaDocToken *toks, const NaDocNorm *norms,
			size_t a, size_t b, bool name)
{
	uint32_t	words[NA_KW_MAX_WORDS] = {0};	/* copied whole: no call */
	uint8_t		nwords = 0;
	uint64_t	key;
	uint64_t	pos = kw->base + a;
	uint32_t	j;
	Cand	   *c;
	NaStatus	st;

	for (size_t i = a; i <= b; i++)
	{
		uint32_t	w = kw->info[i].word;

		if (w == UINT32_MAX || nwords == NA_KW_MAX_WORDS)
			return NA_OK;		/* a word the full table refused */
		words[nwords++] = w;
	}
	key = cand_key(kw, words, nwords);
	if (kw->ncslots < 4 * (kw->ncands + 1) &&
		(st = rehash(kw->alloc, &kw->cslots, &kw->ncslots, kw->ncands, cand_hash, kw)) != NA_OK)
		return st;
	for (j = mix32(key) & (kw->ncslots - 1); kw->cslots[j]; j = (j + 1) & (kw->ncslots - 1))
	{
		c = &kw->cands[kw->cslots[j] - 1];
		if (c->key == key && c->nwords == nwords && same_words(c->words, words, nwords))
		{
			c->count++;
			c->names += name;
			c->last = pos > UINT32_MAX ? UINT32_MAX : (uint32_t) pos;
			if (kw->info[a].shown > c->shown)
			{
				c->shown = kw->info[a].shown;
				goto surface;
			}
			return NA_OK;
		}
	}
	if (kw->ncands >= NA_KW_MAX_CANDIDATES)
		return NA_OK;
	if (kw->ncands == kw->capcands &&
		(st = na_grow32(kw->alloc, (void **) &kw->cands, &kw->capcands, kw->ncands + 1,
						sizeof(Cand))) != NA_OK)
		return st;
	c = &kw->cands[kw->ncands];
	memset(c, 0, sizeof(Cand));
	c->key = key;
	memcpy(c->words, words, sizeof(words));
	c->nwords = nwords;
	c->count = 1;
	c->names = name;
	c->first = c->last = pos > UINT32_MAX ? UINT32_MAX : (uint32_t) pos;
	c->sentence = toks[a].sentence;
	c->shown = kw->info[a].shown;
	c->head = word_shape(kw, norms, b);
	kw->cslots[j] = ++kw->ncands;
surface:
	c->start = toks[a].start;
	c->len = toks[b].start + toks[b].len - norms[b].trim_bytes - toks[a].start;
	c->cstart = toks[a].cstart;
	c->clen = toks[b].cstart + toks[b].clen - norms[b].trim_chars - toks[a].cstart;
	return NA_OK;
}

/*
 * sentence_titlecase: pass 1 over tokens [s0, s1) of the window, one
 * sentence: finds each word in the word cache and tells the title-case
 * lines (kw->info's form, wc and titlecase).
 */
static NaStatus
sentence_titlecase(NaKeywords *kw, const NaDocToken *toks, const NaDocNorm *norms,
				   const char *arena, size_t s0, size_t s1)
{
	NaStatus	st;

	/*
	 * title case, line by line: ordinary words capitalized, hardly any in
	 * lower case (a headline is a line of its own, even when the splitter
	 * joins it to the next)
	 */
	for (size_t l0 = s0; l0 < s1;)
	{
		size_t		l1 = l0 + 1;
		int			capk = 0;
		int			lowk = 0;
		bool		titlecase;

		while (l1 < s1 && toks[l1].newlines == 0)
			l1++;
		for (size_t i = l0; i < l1; i++)
		{
			const NaDocToken *t = &toks[i];
			TokInfo    *ti = &kw->info[i];
			unsigned	wc = NA_WC_UNKNOWN;

			ti->form = NA_WORD_NONE;
			if (t->marks & NA_DM_WORD)
			{
				if ((st = word_cache_find(kw->forms, arena + norms[i].off, norms[i].len,
										  norms[i].hash, &ti->form)) != NA_OK)
					return st;
				wc = ti->form != NA_WORD_NONE ? na_word_cache_at(kw->forms, ti->form)->wc
					: na_word_class(norms[i].hash);
			}
			ti->wc = (uint16_t) wc;
			if (i == l0 || !(t->marks & NA_DM_WORD) || (wc & NA_WC_STOP))
				continue;
			if (!(t->marks & (NA_DM_CAP | NA_DM_ACAPS)))
				lowk++;
			else if (!(wc & NA_WC_UNKNOWN))
				capk++;
		}
		titlecase = capk >= 2 && capk >= 4 * lowk;
		for (size_t i = l0; i < l1; i++)
			kw->info[i].titlecase = titlecase;
		l0 = l1;
	}
	return NA_OK;
}

/*
 * sentence_roles: pass 2 over tokens [s0, s1) of the window, one sentence,
 * after pass 1 (sentence_titlecase): fills the rest of kw->info.
 */
static NaStatus
sentence_roles(NaKeywords *kw, const NaDocToken *toks, const NaDocNorm *norms,
			   const char *arena, size_t s0, size_t s1)
{
	bool		titlecase;
	bool		line_start = true;
	bool		in_tag = false;
	NaStatus	st;

	/* roles */
	for (size_t i = s0; i < s1; i++)
	{
		const NaDocToken *t = &toks[i];
		TokInfo    *ti = &kw->info[i];
		const char *w = arena + norms[i].off;
		size_t		n = norms[i].len;
		unsigned	wc = ti->wc;
		bool		cap;

		titlecase = ti->titlecase;
		/* markup left in the text: the words of a tag are not the text's */
		if (t->cp == '<' && i + 1 < s1 && toks[i + 1].start == t->start + t->len &&
			(toks[i + 1].kind == NA_TOK_WORD || toks[i + 1].cp == '/' || toks[i + 1].cp == '!'))
			in_tag = true;
		else if (t->cp == '>')
			in_tag = false;
		if (in_tag || t->cp == '>')
		{
			ti->word = UINT32_MAX;
			ti->role = R_BREAK;
			ti->initial = 0;
			ti->shown = SHOWN_INSIDE;
			ti->title = 0;
			ti->connector = 0;
			continue;
		}
		ti->word = UINT32_MAX;
		ti->role = R_BREAK;
		ti->initial = 0;
		ti->shown = SHOWN_INSIDE;
		ti->title = 0;
		ti->connector = 0;
		if (t->newlines > 0)
			line_start = true;
		if (!(t->marks & NA_DM_WORD) || n == 0)
		{
			/* an opening quote or bracket keeps the start of the sentence */
			if (!(t->kind == NA_TOK_PUNCT && (t->flags & (NA_TF_OPENER | NA_TF_QUOTE))))
				line_start = false;
			continue;
		}
		/* capitals tell nothing at the start or in a title-case headline */
		ti->initial = line_start || titlecase;
		ti->shown = titlecase ? SHOWN_TITLECASE : line_start ? SHOWN_INITIAL : SHOWN_INSIDE;
		line_start = false;
		cap = (t->marks & (NA_DM_CAP | NA_DM_ACAPS)) != 0;
		if (!cap && (wc & NA_WC_CONNECT) && !(wc & NA_WC_UNKNOWN))
		{
			ti->role = R_CONNECT;
			ti->connector = 1;
		}
		else if ((wc & (NA_WC_STOP | NA_WC_CALENDAR)) && !(wc & NA_WC_UNKNOWN))
			ti->role = R_BREAK;
		else if (cap && (wc & NA_WC_TITLE) && !(wc & NA_WC_UNKNOWN))
		{
			ti->role = R_NOUN;
			ti->title = 1;
		}
		else if (cap && (wc & NA_WC_UNKNOWN))
			ti->role = R_NAME;
		else if (cap && !ti->initial && !titlecase)
			ti->role = R_NAME;
		else if ((wc & NA_WC_CLASS) == NA_WC_BREAK && !(wc & NA_WC_UNKNOWN))
			ti->role = R_BREAK;
		else if ((wc & NA_WC_CLASS) == NA_WC_ADJ && !(wc & NA_WC_UNKNOWN))
			ti->role = R_ADJ;
		else if (!cap && (wc & NA_WC_UNKNOWN) && n > 4 &&
				 ((w[n - 2] == 'e' && w[n - 1] == 'd') || (w[n - 2] == 'l' && w[n - 1] == 'y')))
			ti->role = R_BREAK;	/* a verb or adverb the table does not know */
		else
			ti->role = R_NOUN;
		if (ti->role == R_BREAK)
			continue;

		/* the word's stem (connectors: the word itself) */
		if (ti->role == R_CONNECT)
		{
			if ((st = word_get(kw, na_term_id(w, n), &ti->word)) != NA_OK)
				return st;
		}
		else if (ti->form != NA_WORD_NONE)
		{
			NaWordEntry *e;

			/* the cache keeps the stem and the word of each distinct form */
			if ((st = na_word_cache_stem(kw->forms, ti->form, (NaTokenKind) t->kind)) != NA_OK)
				return st;
			e = na_word_cache_at(kw->forms, ti->form);
			if (e->stem != NA_WS_TERM)
			{
				ti->role = R_BREAK;
				continue;
			}
			if (e->index == UINT32_MAX && (st = word_get(kw, e->id, &e->index)) != NA_OK)
				return st;
			ti->word = e->index;
			if (ti->word != UINT32_MAX)
				kw->words[ti->word].count++;
		}
		else
		{
			uint32_t	id;
			bool		has;

			if ((st = na_lexer_term_id(kw->lx, w, n, norms[i].hash, (NaTokenKind) t->kind,
									   &id, &has)) != NA_OK)
				return st;
			if (!has)
			{
				ti->role = R_BREAK;
				continue;
			}
			if ((st = word_get(kw, id, &ti->word)) != NA_OK)
				return st;
			if (ti->word != UINT32_MAX)
				kw->words[ti->word].count++;
		}
	}

	/* connectors join names, titles before a name break; else they break */
	for (size_t i = s0; i < s1; i++)
	{
		TokInfo    *ti = &kw->info[i];

		if (ti->role == R_CONNECT)
		{
			size_t		k = i + 1;

			/* "of the": look past the second connector */
			if (k < s1 && kw->info[k].role == R_CONNECT)
				k++;
			if (i > s0 && kw->info[i - 1].role == R_NAME && k < s1 &&
				kw->info[k].role == R_NAME && toks[i].newlines == 0 &&
				!(norms[i - 1].trim_bytes))
			{
				for (size_t m = i; m < k; m++)
					kw->info[m].role = R_NAME;
				i = k - 1;
			}
			else
			{
				for (size_t m = i; m < k; m++)
					kw->info[m].role = R_BREAK;
				i = k - 1;
			}
		}
		else if (ti->word != UINT32_MAX && i + 1 < s1 && kw->info[i + 1].role == R_NAME &&
				 (ti->wc & (NA_WC_TITLE | NA_WC_UNKNOWN)) == NA_WC_TITLE)
			ti->role = R_BREAK;		/* "president Christine Lagarde" */
	}
	return NA_OK;
}

/*
 * separated: must a run be cut between tokens i - 1 and i?  The pattern
 * spans and blocks of the document (NA_DM_GAP) are not read: the phrases
 * are those of the text, so that a document shared with the entities
 * (na_analyze's, with the pattern spans and markup blocks of
 * news.entities) gives the keyphrases of na_keywords_extract.
 */
static inline bool
separated(const NaDocToken *toks, const NaDocNorm *norms, size_t i)
{
	return toks[i].newlines > 0 ||
		(toks[i - 1].marks & NA_DM_POSS) || norms[i - 1].trim_bytes > 0;
}

/*
 * run_mentions: pass 3 over one run, tokens [r0, r1) of the window: the
 * mentions ending with each unit.  Only the last NA_KW_MAX_WORDS units
 * matter (a unit has a word at least), so they are kept in a short queue.
 */
static NaStatus
run_mentions(NaKeywords *kw, const NaDocToken *toks, const NaDocNorm *norms,
			 size_t r0, size_t r1)
{
	size_t		ustart[NA_KW_MAX_WORDS];
	size_t		uend[NA_KW_MAX_WORDS];
	uint8_t		ukind[NA_KW_MAX_WORDS];
	size_t		nu = 0;
	NaStatus	st;

	for (size_t i = r0; i < r1;)
	{
		size_t		k = i + 1;

		if (kw->info[i].connector)
		{
			/* a connector left outside a name (cut by the word limit) */
			nu = 0;
			i++;
			continue;
		}
		if (kw->info[i].role == R_NAME)
		{
			while (k < r1 && kw->info[k].role == R_NAME && k - i < NA_KW_MAX_WORDS)
				k++;
			while (k - 1 > i && kw->info[k - 1].connector)
				k--;
		}
		if (nu == NA_KW_MAX_WORDS)
		{
			memmove(ustart, ustart + 1, (NA_KW_MAX_WORDS - 1) * sizeof(size_t));
			memmove(uend, uend + 1, (NA_KW_MAX_WORDS - 1) * sizeof(size_t));
			memmove(ukind, ukind + 1, NA_KW_MAX_WORDS - 1);
			nu--;
		}
		ustart[nu] = i;
		uend[nu] = k - 1;
		ukind[nu] = kw->info[i].role;
		nu++;
		i = k;

		if (ukind[nu - 1] == R_ADJ)
			continue;
		for (size_t s = nu; s-- > 0;)
		{
			if (uend[nu - 1] - ustart[s] + 1 > NA_KW_MAX_WORDS)
				break;
			if ((st = add_mention(kw, toks, norms, ustart[s], uend[nu - 1],
								  s == nu - 1 && ukind[s] == R_NAME)) != NA_OK)
				return st;
		}
	}
	return NA_OK;
}

/*
 * reserve_window: room in the word and candidate arrays (and the word
 * cache) for a window of n tokens at once (a token adds one word at most, and seldom more than one
 * candidate), instead of growing them a step at a time; the tables of
 * slots, which must be cleared, grow with what they hold.
 */
static NaStatus
reserve_window(NaKeywords *kw, size_t n)
{
	uint32_t	more = n < NA_KW_MAX_CANDIDATES ? (uint32_t) n : NA_KW_MAX_CANDIDATES;
	uint32_t	words = kw->nwords + more;
	uint32_t	cands = kw->ncands + more;
	NaStatus	st;

	if (words > NA_KW_MAX_CANDIDATES)
		words = NA_KW_MAX_CANDIDATES;
	if (cands > NA_KW_MAX_CANDIDATES)
		cands = NA_KW_MAX_CANDIDATES;
	if ((st = na_grow32(kw->alloc, (void **) &kw->words, &kw->capwords, words,
						sizeof(Word))) != NA_OK ||
		(st = na_grow32(kw->alloc, (void **) &kw->cands, &kw->capcands, cands,
						sizeof(Cand))) != NA_OK ||
		(st = na_word_cache_reserve(kw->forms, n)) != NA_OK)
		return st;
	return NA_OK;
}

/* na_keywords_window: see keywords.h. */
NaStatus
na_keywords_window(NaKeywords *kw)
{
	const NaDocToken *toks = na_doc_tokens(kw->doc);
	const NaDocNorm *norms = na_doc_norms(kw->doc);
	const char *arena = na_doc_arena(kw->doc);
	size_t		n = na_doc_ntokens(kw->doc);
	NaStatus	st;

	if (n == 0)
		return NA_OK;
	kw->arena = arena;
	kw->base = na_doc_base(kw->doc);
	if (n > kw->capinfo)
	{
		size_t		cap = n + n / 2;

		na_release(kw->alloc, kw->info);
		kw->info = na_alloc(kw->alloc, cap * sizeof(TokInfo));
		if (!kw->info)
		{
			kw->capinfo = 0;
			return NA_ERR_NOMEM;
		}
		kw->capinfo = cap;
	}
	if ((st = reserve_window(kw, n)) != NA_OK)
		return st;

	/*
	 * Pass 1 over the whole window first: the term id slots of the new
	 * words it meets are prefetched (word_cache_add), and have arrived by
	 * the time pass 2 needs their stems.
	 */
	for (size_t s0 = 0; s0 < n;)
	{
		size_t		s1 = s0 + 1;

		while (s1 < n && toks[s1].sentence == toks[s0].sentence)
			s1++;
		if ((st = sentence_titlecase(kw, toks, norms, arena, s0, s1)) != NA_OK)
			return st;
		s0 = s1;
	}
	for (size_t s0 = 0; s0 < n;)
	{
		size_t		s1 = s0 + 1;

		while (s1 < n && toks[s1].sentence == toks[s0].sentence)
			s1++;
		if ((st = sentence_roles(kw, toks, norms, arena, s0, s1)) != NA_OK)
			return st;
		for (size_t i = s0; i < s1;)
		{
			size_t		k;

			if (kw->info[i].role == R_BREAK)
			{
				i++;
				continue;
			}
			for (k = i + 1; k < s1 && kw->info[k].role != R_BREAK && !separated(toks, norms, k); k++)
				;
			if ((st = run_mentions(kw, toks, norms, i, k)) != NA_OK)
				return st;
			i = k;
		}
		kw->work += s1 - s0;
		if (kw->work >= NA_YIELD_EVERY / 8)
		{
			kw->work = 0;
			na_yield(kw->yield);
		}
		s0 = s1;
	}
	kw->ntokens = na_doc_base(kw->doc) + n;
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Finishing: merging, features, scores, ranking
 * ------------------------------------------------------------------- */

static inline bool
is_name(const Cand *c)
{
	return 2 * c->names > c->count;
}

/*
 * merge_names: a one-word name that is the first or last word of a longer
 * name joins it (the longer name with the most mentions, then the first).
 */
static void
merge_names(NaKeywords *kw)
{
	for (uint32_t i = 0; i < kw->ncands; i++)
	{
		Cand	   *c = &kw->cands[i];

		if (c->nwords < 2 || !is_name(c))
			continue;
		for (int end = 0; end < 2; end++)
		{
			Word	   *w = &kw->words[c->words[end ? c->nwords - 1 : 0]];
			Cand	   *o = w->name ? &kw->cands[w->name - 1] : NULL;

			if (!o || c->count > o->count || (c->count == o->count && c->first < o->first))
				w->name = i + 1;
		}
	}
	for (uint32_t i = 0; i < kw->ncands; i++)
	{
		Cand	   *c = &kw->cands[i];
		Word	   *w;
		Cand	   *o;

		if (c->nwords != 1 || !is_name(c))
			continue;
		w = &kw->words[c->words[0]];
		if (!w->name || w->name == i + 1)
			continue;
		o = &kw->cands[w->name - 1];
		c->merged = w->name;
		o->count += c->count;
		o->names += c->names;
		if (c->last > o->last)
			o->last = c->last;
		if (c->first < o->first)
		{
			o->first = c->first;
			o->sentence = c->sentence;
		}
	}
}

/* memo_log_new: log1p(k) (plus_one) or log(k), remembered in m for small k */
static double
memo_log_new(LogMemo *m, uint32_t k, bool plus_one)
{
	if (k >= LOG_MEMO)
		return plus_one ? log1p((double) k) : log((double) k);
	m->v[k] = plus_one ? log1p((double) k) : log((double) k);
	m->known |= UINT64_C(1) << k;
	return m->v[k];
}

/* memo_log: memo_log_new, without a call when the value is there */
static inline double
memo_log(LogMemo *m, uint32_t k, bool plus_one)
{
	if (k < LOG_MEMO && (m->known & (UINT64_C(1) << k)))
		return m->v[k];
	return memo_log_new(m, k, plus_one);
}

/*
 * idf: the idf of a word of document frequency df in corpus, normalized
 * to 0..1 by top, the idf of a word of no document (which is what a word
 * the corpus lacks gets, 1)
 */
static inline float
idf(const NaCorpus *corpus, int64_t df, double top)
{
	if (top <= 0 || df == 0)
		return 1.0f;
	return (float) (log((1.0 + (double) corpus->ndocs) / (1.0 + (double) df)) / top);
}

/*
 * The idf of every term of the background, made once per process on first
 * use (16,632 logarithms, well under a millisecond), so that a text looks
 * its words' idfs up instead of taking a logarithm for each.
 */
static float kw_bg_idf[KW_BG_TERMS];
static bool kw_bg_idf_ready;

/* bg_idfs fills kw_bg_idf; corpus is the background, top as in idf */
static void
bg_idfs(const NaCorpus *corpus, double top)
{
	for (uint32_t i = 0; i < KW_BG_TERMS; i++)
		kw_bg_idf[i] = idf(corpus, kw_bg_dfs[i], top);
	kw_bg_idf_ready = true;
}

/*
 * word_prior: the keyphraseness prior of term id (gen_keyword_model.inc:
 * over the train texts of 500N-KPCrowd that have the word, the mean of
 * the annotators who chose it alone over the most that any phrase of the
 * text got, smoothed), kw_prior_default for a word of fewer than two of
 * them
 */
static float
word_prior(uint32_t id)
{
	uint32_t	i = sorted_find(kw_prior_ids, 0, KW_PRIOR_TERMS, id);

	return i == UINT32_MAX ? (float) kw_prior_default : kw_prior_values[i];
}

/*
 * word_idfs: every word's idf against corpus, normalized to 0..1, the
 * logarithm of its count and its prior, which every candidate holding it
 * reads.
 */
static void
word_idfs(NaKeywords *kw, const NaCorpus *corpus)
{
	double		top = log((1.0 + (double) corpus->ndocs) / 1.0);
	bool		background = corpus == &kw_background;

	if (background && !kw_bg_idf_ready)
		bg_idfs(corpus, top);
	for (uint32_t i = 0; i < kw->nwords; i++)
	{
		Word	   *w = &kw->words[i];

		if (background)
		{
			uint32_t	k = bg_find(w->id);

			w->idf = k == UINT32_MAX ? 1.0f : kw_bg_idf[k];
		}
		else
			w->idf = idf(corpus, na_corpus_df(corpus, w->id), top);
		w->log_count = (float) memo_log(&kw->log1p_counts, w->count, true);
		w->prior = word_prior(w->id);
		if ((i & 4095) == 4095)
			na_yield(kw->yield);
	}
}

/*
 * features: the model's input for candidate c (NA_KW_NFEATURES values, in
 * the order of na_keywords_feature_names).  The number of words is one of
 * them (one word, two words, a name of several): the crowd's keyphrases the
 * model learns from favour single words, and the model weighs that against
 * the rest; it only ranks, so "interest rates" and "Deutsche Boerse" stay
 * whole (their parts merge into them as before).  The prior is the mean
 * over the words of how often a word of a text was a keyphrase of it in
 * the train split (word_prior).  The last two tell how central the words
 * are to the text's candidates: the mean over the words of the number of
 * candidates holding the word, and of their mentions summed (word_share).
 */
static void
features(NaKeywords *kw, const Cand *c, uint32_t maxcount, float *f)
{
	double		ntok = kw->ntokens ? (double) kw->ntokens : 1.0;
	float		idf_sum = 0;
	float		wtf = 0;
	float		prior = 0;
	uint32_t	ncands = 0;
	uint32_t	mentions = 0;
	uint32_t	chars = c->clen > (uint32_t) c->nwords ? c->clen - (c->nwords - 1) : 1;

	for (int i = 0; i < c->nwords; i++)
	{
		const Word *w = &kw->words[c->words[i]];

		idf_sum += w->idf;
		wtf += w->log_count;
		prior += w->prior;
		ncands += w->ncands;
		mentions += w->mentions;
	}
	f[0] = (float) memo_log(&kw->log1p_counts, c->count, true);
	f[1] = idf_sum / c->nwords;
	f[2] = (float) (c->first / ntok);
	f[3] = c->sentence <= 1;
	f[4] = (float) memo_log(&kw->log_sentences, c->sentence ? c->sentence : 1, false);
	f[5] = is_name(c);
	f[6] = (float) ((c->last - c->first) / ntok);
	f[7] = wtf / c->nwords;
	f[8] = kw->words[c->words[c->nwords - 1]].log_count;
	f[9] = (float) c->count / (float) (maxcount ? maxcount : 1);
	f[10] = f[0] * f[1];
	f[11] = (c->head & HEAD_UNKNOWN) != 0;
	f[12] = (c->head & HEAD_SUFFIX) != 0;
	f[13] = f[3] * f[5];
	f[14] = c->nwords == 1;
	f[15] = c->nwords == 2;
	f[16] = c->nwords >= 2 && f[5] != 0;
	f[17] = logf((float) chars / (float) c->nwords);
	f[NA_KW_FEATURE_PRIOR] = prior / c->nwords;
	if (c->nwords == 1)
	{
		f[19] = (float) memo_log(&kw->log_sentences, ncands, false);
		f[20] = (float) memo_log(&kw->log1p_counts, mentions, true);
	}
	else
	{
		f[19] = (float) log((double) ncands / c->nwords);
		f[20] = (float) log1p((double) mentions / c->nwords);
	}
}

/*
 * The trees are read feature by feature (QuickScorer, Lucchese et al.,
 * SIGIR 2015) rather than node by node, whose chain of dependent loads
 * (node, feature, comparison, next node) made the trees cost a fifth of
 * the time of news.keywords.  A tree is a complete binary tree in heap
 * order (gen_keyword_model.inc): node k's children are 2k+1, taken when
 * the feature is below the node's threshold, and 2k+2; its leaves, left to
 * right, are bits 0 to 15 of a mask.  A node whose test holds (go right)
 * rules out the leaves of its left subtree; the leaf a candidate reaches is
 * the leftmost one that no node whose test holds rules out (every leaf to
 * its left lies in the left subtree of a node of its path that went right,
 * and no such node has it on its left).  For each feature the distinct
 * thresholds of its nodes are sorted, so the tests that hold are the first
 * p, p counted with the trees' own comparison (f >= threshold); row p of
 * the feature's table holds, for each tree, the leaves left after those p
 * thresholds.  A candidate costs a count per feature, an AND of one row
 * per feature, and a ctz per tree, and reaches the leaves of the node by
 * node walk, so the scores are the same to the bit.
 */
#define KW_NODES	((1 << KW_TREE_DEPTH) - 1)
#define KW_MAX_ROWS (KW_TREES * KW_NODES + NA_KW_NFEATURES)
/* thresholds go by fours, the last of a feature filled with NaN (no test holds) */
#define KW_MAX_THR4 ((KW_TREES * KW_NODES + 3 * NA_KW_NFEATURES) / 4 + 1)

_Static_assert(KW_TREE_DEPTH == 4, "a tree's leaves are the 16 bits of a uint16_t");
_Static_assert(KW_TREES % 8 == 0, "the rows are read by eights of trees");

/* four floats, four ints (0 or -1 from a comparison), eight masks */
typedef float KwF4 __attribute__((vector_size(16)));
typedef int32_t KwI4 __attribute__((vector_size(16)));
typedef uint16_t KwU8 __attribute__((vector_size(16)));

typedef struct KwTables
{
	KwU8		rows[KW_MAX_ROWS][KW_TREES / 8];	/* leaves left, per tree */
	KwF4		thr[KW_MAX_THR4];	/* ascending per feature */
	bool		ready;
	int			nfeat;			/* features some node tests */
	uint8_t		feat[NA_KW_NFEATURES];	/* their numbers */
	uint16_t	nthr4[NA_KW_NFEATURES]; /* their fours of thresholds */
	uint16_t	first[NA_KW_NFEATURES]; /* the first of them in thr */
	uint16_t	row0[NA_KW_NFEATURES];	/* their row 0 in rows */
} KwTables;

static KwTables kw_tables;

/* left_leaves: the leaves of the left subtree of node k */
static uint16_t
left_leaves(int k)
{
	int			child = 2 * k + 1;
	int			depth = 0;
	int			span;

	while (child >= (2 << depth) - 1)
		depth++;
	span = 1 << (KW_TREE_DEPTH - depth);
	return (uint16_t) (((1u << span) - 1) << ((child - ((1 << depth) - 1)) * span));
}

/*
 * tables_init: kw_tables from the trees of gen_keyword_model.inc, once per
 * process (the same bytes each time)
 */
static void
tables_init(void)
{
	KwTables   *tb = &kw_tables;
	float		thr[KW_TREES * KW_NODES];
	int			nthr4 = 0;
	int			nrows = 0;

	if (tb->ready)
		return;
	tb->nfeat = 0;
	for (int i = 0; i < NA_KW_NFEATURES; i++)
	{
		int			n = 0;

		/* the distinct thresholds of feature i, ascending (insertion) */
		for (int t = 0; t < KW_TREES; t++)
			for (int k = 0; k < KW_NODES; k++)
			{
				const KwTreeNode *nd = &kw_tree_nodes[t][k];
				int			j = 0;

				if (nd->feat != (uint32_t) i)
					continue;
				while (j < n && thr[j] < nd->thr)
					j++;
				if (j < n && thr[j] == nd->thr)
					continue;
				memmove(&thr[j + 1], &thr[j], (n - j) * sizeof(float));
				thr[j] = nd->thr;
				n++;
			}
		if (n == 0)
			continue;
		tb->feat[tb->nfeat] = (uint8_t) i;
		tb->first[tb->nfeat] = (uint16_t) nthr4;
		tb->nthr4[tb->nfeat] = (uint16_t) ((n + 3) / 4);
		tb->row0[tb->nfeat] = (uint16_t) nrows;
		tb->nfeat++;
		for (int j = 0; j < (n + 3) / 4 * 4; j++)
			tb->thr[nthr4 + j / 4][j % 4] = j < n ? thr[j] : NAN;
		nthr4 += (n + 3) / 4;
		for (int t = 0; t < KW_TREES; t++)
			tb->rows[nrows][t / 8][t % 8] = 0xFFFF;
		for (int j = 0; j < n; j++)
		{
			nrows++;
			for (int t = 0; t < KW_TREES; t++)
			{
				uint16_t	m = tb->rows[nrows - 1][t / 8][t % 8];

				for (int k = 0; k < KW_NODES; k++)
					if (kw_tree_nodes[t][k].feat == (uint32_t) i &&
						kw_tree_nodes[t][k].thr == thr[j])
						m &= (uint16_t) ~left_leaves(k);
				tb->rows[nrows][t / 8][t % 8] = m;
			}
		}
		nrows++;
	}
	tb->ready = true;
}

/* tree_leaves: for each tree, the number of the leaf features f reach */
static inline void
tree_leaves(const float *f, uint8_t *leaf)
{
	const KwTables *tb = &kw_tables;
	const KwU8	all = {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};

	/* the masks stay in registers: one variable per eight trees */
	KwU8		v0 = all,
				v1 = all,
				v2 = all,
				v3 = all,
				v4 = all;
	uint16_t	m[KW_TREES];

	_Static_assert(KW_TREES == 40, "tree_leaves holds the masks of 40 trees");
	for (int u = 0; u < tb->nfeat; u++)
	{
		const KwF4 *thr = &tb->thr[tb->first[u]];
		float		x = f[tb->feat[u]];
		KwF4		xv = {x, x, x, x};
		KwI4		holds = {0, 0, 0, 0};
		const KwU8 *row;

		/* the trees' comparison, four thresholds at a time (-1 where it holds) */
		for (int j = 0; j < tb->nthr4[u]; j++)
			holds += (KwI4) (xv >= thr[j]);
		row = tb->rows[tb->row0[u] - (holds[0] + holds[1] + holds[2] + holds[3])];
		v0 &= row[0];
		v1 &= row[1];
		v2 &= row[2];
		v3 &= row[3];
		v4 &= row[4];
	}
	memcpy(&m[0], &v0, sizeof(v0));
	memcpy(&m[8], &v1, sizeof(v1));
	memcpy(&m[16], &v2, sizeof(v2));
	memcpy(&m[24], &v3, sizeof(v3));
	memcpy(&m[32], &v4, sizeof(v4));
	/* the leaf reached is never ruled out: no mask is 0 */
	for (int t = 0; t < KW_TREES; t++)
		leaf[t] = (uint8_t) __builtin_ctz(m[t]);
}

/*
 * model_score: the model's belief that a candidate of features f is a
 * keyphrase: the base score plus the leaves of the trees, through the
 * logistic function.  The leaves are summed in four running sums (trees
 * t, t + 4, ...), which are added last: one sum would make each tree wait
 * for the addition of the one before.
 */
static float
model_score(const float *f)
{
	double		z[4] = {0, 0, 0, 0};
	uint8_t		leaf[KW_TREES];
	int			t = 0;

	tree_leaves(f, leaf);
	for (; t + 4 <= KW_TREES; t += 4)
	{
		z[0] += kw_tree_leaf[t][leaf[t]];
		z[1] += kw_tree_leaf[t + 1][leaf[t + 1]];
		z[2] += kw_tree_leaf[t + 2][leaf[t + 2]];
		z[3] += kw_tree_leaf[t + 3][leaf[t + 3]];
	}
	for (; t < KW_TREES; t++)
		z[0] += kw_tree_leaf[t][leaf[t]];
	return (float) (1.0 / (1.0 + exp(-(kw_model_base + ((z[0] + z[1]) + (z[2] + z[3]))))));
}

/* keyphrase: the public view of candidate c */
static void
keyphrase(const NaKeywords *kw, const Cand *c, NaKeyphrase *kp)
{
	size_t		len;
	const char *text = na_doc_text(kw->doc, &len);

	kp->phrase = text + c->start;
	kp->phrase_len = c->len;
	kp->score = c->score;
	kp->count = c->count;
	kp->kind = is_name(c) ? NA_KP_NAME : c->nwords > 1 ? NA_KP_PHRASE : NA_KP_WORD;
	kp->start = c->start;
	kp->cstart = c->cstart;
	kp->clen = c->clen;
	kp->sentence = c->sentence;
	kp->key = c->key;
}

/*
 * word_share: for each word, the candidates (not merged) that hold it and
 * their mentions summed (a word twice in a candidate counts once); *maxcount
 * gets the largest count of a candidate
 */
static void
word_share(NaKeywords *kw, uint32_t *maxcount)
{
	*maxcount = 0;
	for (uint32_t i = 0; i < kw->nwords; i++)
		kw->words[i].ncands = kw->words[i].mentions = 0;
	for (uint32_t i = 0; i < kw->ncands; i++)
	{
		const Cand *c = &kw->cands[i];

		if (c->merged)
			continue;
		if (c->count > *maxcount)
			*maxcount = c->count;
		for (int k = 0; k < c->nwords; k++)
		{
			Word	   *w = &kw->words[c->words[k]];
			int			j = 0;

			while (j < k && c->words[j] != c->words[k])
				j++;
			if (j < k)
				continue;
			w->ncands++;
			w->mentions += c->count;
		}
	}
}

/* prepare: merging and scores; *maxcount gets the largest count */
static NaStatus
prepare(NaKeywords *kw, const NaCorpus *corpus, uint32_t *maxcount)
{
	tables_init();
	merge_names(kw);
	kw->log1p_counts.known = kw->log_sentences.known = 0;
	word_idfs(kw, corpus ? corpus : &kw_background);
	word_share(kw, maxcount);
	return NA_OK;
}

/* score_all: the model's score of every candidate not merged */
static void
score_all(NaKeywords *kw, uint32_t maxcount)
{
	for (uint32_t i = 0; i < kw->ncands; i++)
	{
		Cand	   *c = &kw->cands[i];
		float		f[NA_KW_NFEATURES];

		if (c->merged)
			continue;
		features(kw, c, maxcount, f);
		c->score = model_score(f);
		if ((i & 4095) == 4095)
			na_yield(kw->yield);
	}
}

/* call_features: fn with every candidate not merged and its features */
static void
call_features(NaKeywords *kw, uint32_t maxcount, NaKeyFeatureFn fn, void *arg)
{
	for (uint32_t i = 0; i < kw->ncands; i++)
	{
		Cand	   *c = &kw->cands[i];
		float		f[NA_KW_NFEATURES];
		NaKeyphrase kp;
		uint32_t	ids[NA_KW_MAX_WORDS];

		if (c->merged)
			continue;
		features(kw, c, maxcount, f);
		keyphrase(kw, c, &kp);
		for (int k = 0; k < c->nwords; k++)
			ids[k] = kw->words[c->words[k]].id;
		if (!fn(&kp, f, ids, c->nwords, arg))
			break;
	}
}

/* na_keywords_features: see keywords.h. */
NaStatus
na_keywords_features(NaKeywords *kw, const NaCorpus *corpus, NaKeyFeatureFn fn, void *arg)
{
	uint32_t	maxcount;
	NaStatus	st;

	if ((st = prepare(kw, corpus, &maxcount)) != NA_OK)
		return st;
	score_all(kw, maxcount);
	call_features(kw, maxcount, fn, arg);
	return NA_OK;
}

/*
 * merge_parts: a part of a longer phrase that never occurs outside it (no
 * more mentions than the phrase: "interest" and "rates" of "interest
 * rates") is merged into it, which takes the better score.  Longer phrases
 * first, so that a part joins the longest phrase it belongs to.  scratch
 * has room for ncands numbers: the phrases of two words or more, listed
 * once.
 */
static void
merge_parts(NaKeywords *kw, uint32_t *scratch)
{
	uint32_t	m = 0;

	for (uint32_t i = 0; i < kw->ncands; i++)
		if (kw->cands[i].nwords >= 2)
			scratch[m++] = i;
	for (int len = NA_KW_MAX_WORDS; len >= 2; len--)
	{
		for (uint32_t k = 0; k < m; k++)
		{
			uint32_t	i = scratch[k];
			Cand	   *p = &kw->cands[i];

			if (p->merged || p->nwords != len)
				continue;
			for (int sub = len - 1; sub >= 1; sub--)
				for (int at = 0; at + sub <= len; at++)
				{
					Cand	   *s = cand_find(kw, p->words + at, sub);

					if (!s || s->merged || s->count > p->count || (is_name(s) && !is_name(p)))
						continue;
					s->merged = i + 1;
					if (s->score > p->score)
						p->score = s->score;
				}
			if ((k & 4095) == 4095)
				na_yield(kw->yield);
		}
	}
}

/* na_keywords_candidates: see keywords.h. */
NaStatus
na_keywords_candidates(NaKeywords *kw, const NaCorpus *corpus, NaKeyFeatureFn fn, void *arg)
{
	uint32_t	maxcount;
	uint32_t   *scratch;
	NaStatus	st;

	if ((st = prepare(kw, corpus, &maxcount)) != NA_OK)
		return st;
	if (kw->ncands == 0)
		return NA_OK;
	scratch = na_alloc(kw->alloc, (size_t) kw->ncands * sizeof(uint32_t));
	if (!scratch)
		return NA_ERR_NOMEM;
	score_all(kw, maxcount);
	merge_parts(kw, scratch);
	na_release(kw->alloc, scratch);
	call_features(kw, maxcount, fn, arg);
	return NA_OK;
}

/* contains: are the words of b a contiguous part of those of a? */
static bool
contains(const Cand *a, const Cand *b)
{
	for (int i = 0; i + b->nwords <= a->nwords; i++)
		if (same_words(a->words + i, b->words, b->nwords))
			return true;
	return false;
}

/* rank order: score, then first mention, then key (a total order) */
static inline int
cmp_rank(const void *pa, const void *pb, const Cand *cands)
{
	const Cand *a = &cands[*(const uint32_t *) pa];
	const Cand *b = &cands[*(const uint32_t *) pb];

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->nwords != b->nwords)
		return a->nwords > b->nwords ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

/*
 * Rank order is read from a binary heap (no recursion, O(n) to build,
 * O(log n) per candidate taken), since only the first few are needed.
 */
static void
sift(uint32_t *order, size_t root, size_t n, const Cand *cands)
{
	for (;;)
	{
		size_t		child = 2 * root + 1;
		uint32_t	tmp;

		if (child >= n)
			return;
		if (child + 1 < n && cmp_rank(&order[child], &order[child + 1], cands) > 0)
			child++;
		if (cmp_rank(&order[root], &order[child], cands) <= 0)
			return;
		tmp = order[root];
		order[root] = order[child];
		order[child] = tmp;
		root = child;
	}
}

static void
heap_build(uint32_t *order, size_t n, const Cand *cands)
{
	for (size_t i = n / 2; i-- > 0;)
		sift(order, i, n, cands);
}

/* heap_pop: the best of order[0..*n), removed */
static uint32_t
heap_pop(uint32_t *order, size_t *n, const Cand *cands)
{
	uint32_t	top = order[0];

	order[0] = order[--*n];
	sift(order, 0, *n, cands);
	return top;
}

/* na_keywords_finish: see keywords.h. */
NaStatus
na_keywords_finish(NaKeywords *kw, const NaCorpus *corpus, uint32_t n,
				   NaKeyphraseFn fn, void *arg)
{
	uint32_t	maxcount;
	uint32_t   *order;
	uint32_t   *chosen;
	uint32_t	norder = 0;
	uint32_t	nchosen = 0;
	NaStatus	st;

	if (n < 1 || n > NA_KW_MAX_N)
		return NA_ERR_BAD_ARGUMENT;
	if ((st = prepare(kw, corpus, &maxcount)) != NA_OK)
		return st;
	if (kw->ncands == 0)
		return NA_OK;
	order = na_alloc(kw->alloc, (size_t) kw->ncands * sizeof(uint32_t));
	chosen = na_alloc(kw->alloc, (size_t) n * sizeof(uint32_t));
	if (!order || !chosen)
	{
		na_release(kw->alloc, order);
		na_release(kw->alloc, chosen);
		return NA_ERR_NOMEM;
	}
	score_all(kw, maxcount);
	merge_parts(kw, order);
	for (uint32_t i = 0; i < kw->ncands; i++)
		if (!kw->cands[i].merged)
			order[norder++] = i;
	{
		size_t		left = norder;

		heap_build(order, left, kw->cands);
		while (left > 0 && nchosen < n)
		{
			uint32_t	next = heap_pop(order, &left, kw->cands);
			const Cand *c = &kw->cands[next];
			bool		covered = false;
			NaKeyphrase kp;

			for (uint32_t k = 0; k < nchosen && !covered; k++)
			{
				const Cand *o = &kw->cands[chosen[k]];

				/* a name may hold a word already given ("bank") */
				covered = contains(o, c) || (contains(c, o) && is_name(c) == is_name(o));
			}
			if (covered)
				continue;
			chosen[nchosen++] = next;
			keyphrase(kw, c, &kp);
			if (!fn(&kp, arg))
				break;
			if ((nchosen & 63) == 0)
				na_yield(kw->yield);
		}
	}
	na_release(kw->alloc, order);
	na_release(kw->alloc, chosen);
	return NA_OK;
}

/* na_keywords_extract: see keywords.h. */
NaStatus
na_keywords_extract(const char *text, size_t len, NaLexer *lx, const NaCorpus *corpus,
					uint32_t n, NaKeyphraseFn fn, void *arg,
					const NaAllocator *alloc, const NaYield *yield, size_t *err_offset)
{
	NaDoc	   *doc = NULL;
	NaKeywords *kw = NULL;
	NaStatus	st;

	if (n < 1 || n > NA_KW_MAX_N)
		return NA_ERR_BAD_ARGUMENT;
	st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, yield, &doc);
	if (st == NA_OK)
		st = na_keywords_create(doc, lx, alloc, yield, &kw);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_keywords_window(kw);
	if (st == NA_OK)
		st = na_keywords_finish(kw, corpus, n, fn, arg);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_keywords_destroy(kw);
	na_doc_destroy(doc);
	return st;
}

/* ---------------------------------------------------------------------
 * NaKeyAgg: keyphrases of a set of texts
 * ------------------------------------------------------------------- */

/* One phrase of the aggregate. */
typedef struct AggEntry
{
	uint64_t	key;
	double		score;			/* sum over texts */
	uint32_t	texts;
	uint32_t	count;			/* mentions over all texts */
	uint32_t	shown;			/* mentions of the text whose form is shown */
	uint32_t	off;			/* the form: bytes in NaKeyAgg.arena */
	uint16_t	len;
	uint8_t		kind;
} AggEntry;

struct NaKeyAgg
{
	const NaAllocator *alloc;
	const NaYield *yield;
	uint64_t	texts;
	AggEntry   *entries;
	uint32_t	n;
	uint32_t	cap;
	uint32_t   *slots;			/* index + 1 */
	uint32_t	nslots;
	NaBuf		arena;
};

#define AGG_MAGIC		0x4E4B4131u	/* "NKA1" */
#define AGG_HEADER		20			/* magic, texts (8), entries (4), reserved (4) */
#define AGG_ENTRY		31			/* fixed part of an entry */
#define AGG_MAX_FORM	255

/* na_keyagg_create: see keywords.h. */
NaStatus
na_keyagg_create(const NaAllocator *alloc, const NaYield *yield, NaKeyAgg **out)
{
	NaKeyAgg   *agg = na_alloc(alloc, sizeof(NaKeyAgg));

	*out = NULL;
	if (!agg)
		return NA_ERR_NOMEM;
	memset(agg, 0, sizeof(*agg));
	agg->alloc = alloc;
	agg->yield = yield;
	na_buf_init(&agg->arena, alloc);
	*out = agg;
	return NA_OK;
}

/* na_keyagg_destroy: see keywords.h. */
void
na_keyagg_destroy(NaKeyAgg *agg)
{
	if (!agg)
		return;
	na_release(agg->alloc, agg->entries);
	na_release(agg->alloc, agg->slots);
	na_buf_free(&agg->arena);
	na_release(agg->alloc, agg);
}

uint64_t
na_keyagg_texts(const NaKeyAgg *agg)
{
	return agg->texts;
}

/* agg_rehash: rebuild the slots for the current entries */
static NaStatus
agg_rehash(NaKeyAgg *agg)
{
	uint32_t	size = 1024;

	while (size < 4 * (agg->n + 1))
		size *= 2;
	if (size != agg->nslots)
	{
		uint32_t   *s = na_alloc(agg->alloc, (size_t) size * sizeof(uint32_t));

		if (!s)
			return NA_ERR_NOMEM;
		na_release(agg->alloc, agg->slots);
		agg->slots = s;
		agg->nslots = size;
	}
	memset(agg->slots, 0, (size_t) agg->nslots * sizeof(uint32_t));
	for (uint32_t i = 0; i < agg->n; i++)
	{
		uint32_t	j = mix32(agg->entries[i].key) & (agg->nslots - 1);

		while (agg->slots[j])
			j = (j + 1) & (agg->nslots - 1);
		agg->slots[j] = i + 1;
	}
	return NA_OK;
}

/* form_less: is form a (mentions ca) preferred to form b (mentions cb)? */
static bool
form_less(const char *a, size_t alen, uint32_t ca, const char *b, size_t blen, uint32_t cb)
{
	int			c;

	if (ca != cb)
		return ca > cb;
	c = memcmp(a, b, alen < blen ? alen : blen);
	return c != 0 ? c < 0 : alen < blen;
}

/*
 * agg_add adds one phrase: texts texts, score summed over them, count
 * mentions, form[0..len) with shown mentions.
 */
static NaStatus
agg_add(NaKeyAgg *agg, uint64_t key, double score, uint32_t texts, uint32_t count,
		const char *form, size_t len, uint32_t shown, uint8_t kind)
{
	uint32_t	j;
	AggEntry   *e;
	NaStatus	st;

	if (len > AGG_MAX_FORM)
		len = AGG_MAX_FORM;
	if (agg->nslots < 4 * (agg->n + 1) && (st = agg_rehash(agg)) != NA_OK)
		return st;
	for (j = mix32(key) & (agg->nslots - 1); agg->slots[j]; j = (j + 1) & (agg->nslots - 1))
	{
		e = &agg->entries[agg->slots[j] - 1];
		if (e->key != key)
			continue;
		e->score += score;
		e->texts = e->texts > UINT32_MAX - texts ? UINT32_MAX : e->texts + texts;
		e->count = e->count > UINT32_MAX - count ? UINT32_MAX : e->count + count;
		if (form_less(form, len, shown, agg->arena.data + e->off, e->len, e->shown))
		{
			if ((st = na_buf_append(&agg->arena, form, len)) != NA_OK)
				return st;
			e->off = (uint32_t) (agg->arena.len - len);
			e->len = (uint16_t) len;
			e->shown = shown;
			e->kind = kind;
		}
		return NA_OK;
	}
	if (agg->n == agg->cap &&
		(st = na_grow32(agg->alloc, (void **) &agg->entries, &agg->cap, agg->n + 1,
						sizeof(AggEntry))) != NA_OK)
		return st;
	if ((st = na_buf_append(&agg->arena, form, len)) != NA_OK)
		return st;
	e = &agg->entries[agg->n];
	e->key = key;
	e->score = score;
	e->texts = texts;
	e->count = count;
	e->shown = shown;
	e->off = (uint32_t) (agg->arena.len - len);
	e->len = (uint16_t) len;
	e->kind = kind;
	agg->slots[j] = ++agg->n;
	return NA_OK;
}

/* agg order: score sum, then key (a total order) */
static int
cmp_agg(const AggEntry *a, const AggEntry *b)
{
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

static void
agg_sift(AggEntry *e, size_t root, size_t n)
{
	for (;;)
	{
		size_t		child = 2 * root + 1;
		AggEntry	tmp;

		if (child >= n)
			return;
		if (child + 1 < n && cmp_agg(&e[child], &e[child + 1]) < 0)
			child++;
		if (cmp_agg(&e[root], &e[child]) >= 0)
			return;
		tmp = e[root];
		e[root] = e[child];
		e[child] = tmp;
		root = child;
	}
}

/* agg_sort: entries in rank order (heap sort) */
static void
agg_sort(NaKeyAgg *agg)
{
	for (size_t i = agg->n / 2; i-- > 0;)
		agg_sift(agg->entries, i, agg->n);
	for (size_t i = agg->n; i-- > 1;)
	{
		AggEntry	tmp = agg->entries[0];

		agg->entries[0] = agg->entries[i];
		agg->entries[i] = tmp;
		agg_sift(agg->entries, 0, i);
		if ((i & 8191) == 0)
			na_yield(agg->yield);
	}
}

/*
 * agg_compact: sort, keep the best keep entries, and rewrite the arena so
 * that it holds only their forms.
 */
static NaStatus
agg_compact(NaKeyAgg *agg, uint32_t keep)
{
	NaBuf		arena;
	NaStatus	st;

	agg_sort(agg);
	if (agg->n > keep)
		agg->n = keep;
	na_buf_init(&arena, agg->alloc);
	for (uint32_t i = 0; i < agg->n; i++)
	{
		AggEntry   *e = &agg->entries[i];

		if ((st = na_buf_append(&arena, agg->arena.data + e->off, e->len)) != NA_OK)
		{
			na_buf_free(&arena);
			return st;
		}
		e->off = (uint32_t) (arena.len - e->len);
	}
	na_buf_free(&agg->arena);
	agg->arena = arena;
	return agg_rehash(agg);
}

static NaStatus
agg_bound(NaKeyAgg *agg)
{
	if (agg->n > NA_KEYAGG_MAX || agg->arena.len > (size_t) 64 * NA_KEYAGG_MAX * 4)
		return agg_compact(agg, NA_KEYAGG_MAX / 2);
	return NA_OK;
}

typedef struct AggText
{
	NaKeyAgg   *agg;
	NaStatus	st;
} AggText;

static bool
agg_text_phrase(const NaKeyphrase *kp, void *arg)
{
	AggText    *at = arg;

	at->st = agg_add(at->agg, kp->key, kp->score, 1, kp->count, kp->phrase, kp->phrase_len,
					 kp->count, (uint8_t) kp->kind);
	return at->st == NA_OK;
}

/* na_keyagg_add_text: see keywords.h. */
NaStatus
na_keyagg_add_text(NaKeyAgg *agg, NaKeywords *kw, const NaCorpus *corpus)
{
	AggText		at = {agg, NA_OK};
	NaStatus	st;

	st = na_keywords_finish(kw, corpus, NA_KEYAGG_PER_TEXT, agg_text_phrase, &at);
	if (st == NA_OK)
		st = at.st;
	if (st != NA_OK)
		return st;
	agg->texts++;
	return agg_bound(agg);
}

/* little-endian writers and readers */
static void
put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static void
put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t) p[i] << (8 * i);
	return v;
}

static uint64_t
get64(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t) p[i] << (8 * i);
	return v;
}

/* na_keyagg_size: see keywords.h. */
size_t
na_keyagg_size(const NaKeyAgg *agg)
{
	size_t		size = AGG_HEADER;

	for (uint32_t i = 0; i < agg->n; i++)
		size += AGG_ENTRY + agg->entries[i].len;
	return size;
}

/*
 * na_keyagg_write: see keywords.h.  Layout (little-endian): magic, number
 * of texts (8 bytes), number of entries, 4 reserved bytes; then per entry
 * key (8), score as IEEE double bits (8), texts, count, shown (4 each),
 * kind (1), form length (2) and the form.
 */
void
na_keyagg_write(const NaKeyAgg *agg, uint8_t *out)
{
	uint8_t    *p = out;

	put32(p, AGG_MAGIC);
	put64(p + 4, agg->texts);
	put32(p + 12, agg->n);
	put32(p + 16, 0);
	p += AGG_HEADER;
	for (uint32_t i = 0; i < agg->n; i++)
	{
		const AggEntry *e = &agg->entries[i];
		uint64_t	bits;

		memcpy(&bits, &e->score, sizeof(bits));
		put64(p, e->key);
		put64(p + 8, bits);
		put32(p + 16, e->texts);
		put32(p + 20, e->count);
		put32(p + 24, e->shown);
		p[28] = e->kind;
		p[29] = (uint8_t) (e->len & 0xff);
		p[30] = (uint8_t) (e->len >> 8);
		memcpy(p + AGG_ENTRY, agg->arena.data + e->off, e->len);
		p += AGG_ENTRY + e->len;
	}
}

/* na_keyagg_merge: see keywords.h. */
NaStatus
na_keyagg_merge(NaKeyAgg *agg, const uint8_t *data, size_t len)
{
	const uint8_t *p = data;
	const uint8_t *end = data + len;
	uint64_t	texts;
	uint32_t	n;
	NaStatus	st;

	if (len < AGG_HEADER || get32(p) != AGG_MAGIC)
		return NA_ERR_BAD_LITERAL;
	texts = get64(p + 4);
	n = get32(p + 12);
	p += AGG_HEADER;
	for (uint32_t i = 0; i < n; i++)
	{
		uint64_t	bits;
		double		score;
		size_t		flen;

		if ((size_t) (end - p) < AGG_ENTRY)
			return NA_ERR_BAD_LITERAL;
		flen = (size_t) p[29] | ((size_t) p[30] << 8);
		if (flen > AGG_MAX_FORM || (size_t) (end - p) < AGG_ENTRY + flen || p[28] < NA_KP_WORD ||
			p[28] > NA_KP_NAME)
			return NA_ERR_BAD_LITERAL;
		bits = get64(p + 8);
		memcpy(&score, &bits, sizeof(score));
		if (!isfinite(score) || score < 0)
			return NA_ERR_BAD_LITERAL;
		if ((st = agg_add(agg, get64(p), score, get32(p + 16), get32(p + 20),
						  (const char *) p + AGG_ENTRY, flen, get32(p + 24), p[28])) != NA_OK)
			return st;
		p += AGG_ENTRY + flen;
		if ((i & 4095) == 4095)
			na_yield(agg->yield);
	}
	if (p != end)
		return NA_ERR_BAD_LITERAL;
	agg->texts = agg->texts > UINT64_MAX - texts ? UINT64_MAX : agg->texts + texts;
	return agg_bound(agg);
}

/*
 * words_inside: do the words of a (ASCII case folded) occur in b as whole
 * words?
 */
static bool
words_inside(const char *a, size_t alen, const char *b, size_t blen)
{
	for (size_t i = 0; i + alen <= blen; i++)
	{
		size_t		k = 0;

		if (i > 0 && b[i - 1] != ' ')
			continue;
		while (k < alen)
		{
			char		x = a[k];
			char		y = b[i + k];

			if (x >= 'A' && x <= 'Z')
				x += 32;
			if (y >= 'A' && y <= 'Z')
				y += 32;
			if (x != y)
				break;
			k++;
		}
		if (k == alen && (i + alen == blen || b[i + alen] == ' '))
			return true;
	}
	return false;
}

/* na_keyagg_result: see keywords.h.  Sorts the state in place. */
NaStatus
na_keyagg_result(NaKeyAgg *agg, uint32_t n, NaKeyAggFn fn, void *arg)
{
	uint32_t   *shown;
	uint32_t	nshown = 0;
	NaStatus	st;

	if (n < 1 || n > NA_KW_MAX_N)
		return NA_ERR_BAD_ARGUMENT;
	if ((st = agg_compact(agg, agg->n)) != NA_OK)
		return st;
	shown = na_alloc(agg->alloc, (size_t) n * sizeof(uint32_t));
	if (!shown)
		return NA_ERR_NOMEM;
	for (uint32_t i = 0; i < agg->n && nshown < n; i++)
	{
		const AggEntry *e = &agg->entries[i];
		const char *form = agg->arena.data + e->off;
		bool		covered = false;
		NaKeyphrase kp;

		for (uint32_t k = 0; k < nshown && !covered; k++)
		{
			const AggEntry *o = &agg->entries[shown[k]];

			covered = words_inside(form, e->len, agg->arena.data + o->off, o->len) ||
				words_inside(agg->arena.data + o->off, o->len, form, e->len);
		}
		if (covered)
			continue;
		memset(&kp, 0, sizeof(kp));
		kp.phrase = form;
		kp.phrase_len = e->len;
		kp.score = agg->texts ? (float) (e->score / (double) agg->texts) : 0.0f;
		kp.count = e->count;
		kp.kind = (NaKeyphraseKind) e->kind;
		kp.key = e->key;
		shown[nshown++] = i;
		if (!fn(&kp, e->texts, arg))
			break;
	}
	na_release(agg->alloc, shown);
	return NA_OK;
}
