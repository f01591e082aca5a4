/*
 * summary.c
 *		Extractive summaries over the analysed document (see summary.h).
 *
 * Design
 * ------
 * News puts its point first: Lead-3, the first three sentences, is a
 * baseline that few methods beat.  Its failures are the lines that are
 * not sentences of the story: a headline and a teaser above it, a byline,
 * a dateline, scraper boilerplate, a quotation that the splitter cut in
 * the middle.  So the summary is Lead-k over real sentences, corrected by
 * centrality:
 *
 *	1. every sentence of a window is read once, token by token, for what
 *	   makes it a real sentence: terminal punctuation, a finite verb (word
 *	   classes of gen_keyword_words.inc), length, balanced quotation marks,
 *	   a capital at the start, no byline ("By Jane Smith") and no
 *	   boilerplate cue ("click here", "read more", "all rights reserved",
 *	   ...).  A dateline at its start ("LONDON (Reuters) -", "(CNN)") is
 *	   cut off the sentence;
 *	2. the stems of its content words are counted for the document and
 *	   kept, deduplicated, for the sentence;
 *	3. finishing: a word weighs (1 + ln tf) * idf (against a corpus or the
 *	   built-in background); a sentence's centrality is the weight of its
 *	   words over the square root of their number, scaled so that the best
 *	   sentence has 1; its score is
 *			(1 - LAMBDA) * exp(-r / TAU) + LAMBDA * centrality,
 *	   r its rank among the real sentences.  The best are taken in order of
 *	   score, skipping one whose words overlap a taken one's by more than
 *	   REDUNDANT (Jaccard), and reported in text order.
 *
 * Memory: the first NA_SUM_MAX_CANDIDATES sentences are kept with their
 * stems (at most MAX_SENT_IDS each); the word table is capped like the
 * keyword tables.
 */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"
#include "tokenizer.h"

/* Scoring (tuned on the first half of the CNN validation sample) */
#ifndef TAU
#define TAU			2.5
#endif
#ifndef LAMBDA
#define LAMBDA		0.45
#endif
#define REDUNDANT	0.5

#define MAX_SENT_IDS	128
#define MAX_WORDS		(1 << 17)
#define MIN_WORDS		5		/* shorter: not a sentence of the story */
#define MAX_SENT_WORDS	120		/* longer: a run-on list or markup */

/* Why a sentence is not a candidate (Sent.flags) */
#define SF_HEADING		0x0001	/* no terminal punctuation, or no verb */
#define SF_BYLINE		0x0002
#define SF_BOILER		0x0004
#define SF_FRAGMENT		0x0008	/* opens in lower case */
#define SF_QUOTE_CUT	0x0010	/* unbalanced quotation marks */
#define SF_SHORT		0x0020
#define SF_LONG			0x0040
#define SF_NOT_REAL		0x007F
#define SF_WORDS		0x0100	/* has a word at all */

typedef struct Sent
{
	uint32_t	number;
	uint32_t	start;			/* bytes, after a dateline */
	uint32_t	len;
	uint32_t	cstart;
	uint32_t	clen;
	uint32_t	ids;			/* offset in NaSummary.ids */
	uint16_t	nids;
	uint16_t	flags;
	float		score;
} Sent;

typedef struct SWord
{
	uint32_t	id;
	uint32_t	count;
} SWord;

struct NaSummary
{
	NaDoc	   *doc;
	NaLexer    *lx;
	const NaAllocator *alloc;
	const NaYield *yield;

	Sent	   *sents;
	uint32_t	nsents;
	uint32_t	capsents;
	uint32_t   *ids;			/* stems of the kept sentences */
	uint32_t	nids;
	uint32_t	capids;

	SWord	   *words;			/* document counts of stems */
	uint32_t	nwords;
	uint32_t	capwords;
	uint32_t   *wslots;			/* index + 1 */
	uint32_t	nwslots;

	uint64_t	nsentences;		/* all sentences read */
	NaWordCache *forms;			/* the document's distinct words */
	uint32_t   *form;			/* per token of the window: its word's entry */
	size_t		capform;
};

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

static inline uint32_t
mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* word_slots: make the word table's slots at least four times want */
static NaStatus
word_slots(NaSummary *sm, uint32_t want)
{
	uint32_t	size = sm->nwslots ? sm->nwslots * 2 : 1024;
	uint32_t   *s;

	while (size < 4 * (want + 1))
		size *= 2;
	s = na_alloc(sm->alloc, (size_t) size * sizeof(uint32_t));
	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, (size_t) size * sizeof(uint32_t));
	for (uint32_t i = 0; i < sm->nwords; i++)
	{
		uint32_t	j = mix(sm->words[i].id) & (size - 1);

		while (s[j])
			j = (j + 1) & (size - 1);
		s[j] = i + 1;
	}
	na_release(sm->alloc, sm->wslots);
	sm->wslots = s;
	sm->nwslots = size;
	return NA_OK;
}

/* word_count: count one mention of stem id; *index gets its entry or
 * UINT32_MAX when the table is full */
static NaStatus
word_count(NaSummary *sm, uint32_t id, uint32_t *index)
{
	uint32_t	j;
	NaStatus	st;

	if (sm->nwslots < 4 * (sm->nwords + 1) && (st = word_slots(sm, sm->nwords)) != NA_OK)
		return st;
	for (j = mix(id) & (sm->nwslots - 1); sm->wslots[j]; j = (j + 1) & (sm->nwslots - 1))
		if (sm->words[sm->wslots[j] - 1].id == id)
		{
			*index = sm->wslots[j] - 1;
			sm->words[*index].count++;
			return NA_OK;
		}
	if (sm->nwords >= MAX_WORDS)
	{
		*index = UINT32_MAX;
		return NA_OK;
	}
	if (sm->nwords == sm->capwords &&
		(st = na_grow32(sm->alloc, (void **) &sm->words, &sm->capwords, sm->nwords + 1,
						sizeof(SWord))) != NA_OK)
		return st;
	sm->words[sm->nwords].id = id;
	sm->words[sm->nwords].count = 1;
	sm->wslots[j] = sm->nwords + 1;
	*index = sm->nwords++;
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------- */

/* na_summary_create: see summary.h. */
NaStatus
na_summary_create(NaDoc *doc, NaLexer *lx, const NaAllocator *alloc,
				  const NaYield *yield, NaSummary **out)
{
	NaSummary  *sm;

	*out = NULL;
	if ((na_doc_layers(doc) & (NA_DOC_SENTENCES | NA_DOC_NORMS)) !=
		(NA_DOC_SENTENCES | NA_DOC_NORMS) || !lx)
		return NA_ERR_BAD_ARGUMENT;
	sm = na_alloc(alloc, sizeof(NaSummary));
	if (!sm)
		return NA_ERR_NOMEM;
	memset(sm, 0, sizeof(*sm));
	sm->doc = doc;
	sm->lx = lx;
	sm->alloc = alloc;
	sm->yield = yield;
	if (na_word_cache_create(lx, alloc, &sm->forms) != NA_OK)
	{
		na_release(alloc, sm);
		return NA_ERR_NOMEM;
	}
	*out = sm;
	return NA_OK;
}

/* na_summary_destroy: see summary.h. */
void
na_summary_destroy(NaSummary *sm)
{
	if (!sm)
		return;
	na_release(sm->alloc, sm->sents);
	na_release(sm->alloc, sm->ids);
	na_release(sm->alloc, sm->words);
	na_release(sm->alloc, sm->wslots);
	na_word_cache_destroy(sm->forms);
	na_release(sm->alloc, sm->form);
	na_release(sm->alloc, sm);
}

/* ---------------------------------------------------------------------
 * Reading sentences
 * ------------------------------------------------------------------- */

/*
 * Boilerplate cues, as normalized words separated by single spaces (the
 * form of the document's arena).  "start" cues count only when they open
 * a short or verbless sentence; the others anywhere, and are looked for
 * only in a sentence holding one of their words (NA_WC_CUE; keep
 * CUE_WORDS of gen_keyword_words.py in step).
 */
static const char *const cues_anywhere[] = {
	"click here", "read more", "all rights reserved", "sign up for",
	"subscribe to", "follow us", "share this", "e-mail to a friend",
	"email to a friend", "terms of use", "privacy policy", "cookie policy",
	"uses cookies", "this material may not be published", "short on time",
	"story highlights", "newsletter", "copyright"
};

static const char *const cues_start[] = {
	"advertisement", "related", "photos", "photo", "video", "watch", "more",
	"see also", "updated", "posted", "listen", "read", "subscribe", "sign up",
	"follow", "share", "image", "caption", "source", "courtesy", "credit"
};

/* has_words: do the space-separated words of cue occur in s[0..n) at a
 * word boundary (at its start only when at_start)? */
static bool
has_words(const char *s, size_t n, const char *cue, bool at_start)
{
	size_t		k;

	/* the first letter first: most sentences hold none of the cues */
	if (at_start)
		return n > 0 && s[0] == cue[0] && (k = strlen(cue)) <= n && memcmp(s, cue, k) == 0 &&
			(k == n || s[k] == ' ');
	k = strlen(cue);
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == cue[0] && (i == 0 || s[i - 1] == ' ') && memcmp(s + i, cue, k) == 0 &&
			(i + k == n || s[i + k] == ' '))
			return true;
	return false;
}

static inline bool
is_word(const NaDocToken *t)
{
	return t->kind == NA_TOK_WORD || t->kind == NA_TOK_ABBREV || t->kind == NA_TOK_NUMBER;
}

static inline bool
is_dash(const NaDocToken *t)
{
	return (t->flags & NA_TF_DASH) || (t->kind == NA_TOK_PUNCT && t->cp == '-');
}

/*
 * dateline_end: the index of the first token after a dateline that opens
 * tokens [s0, s1), or s0.  Datelines: capitalized words, commas and dates,
 * then a news agency in brackets, then maybe a dash ("LONDON, March 3
 * (Reuters) -", "(CNN)"), or words in capitals then a dash ("WASHINGTON
 * -").
 */
static size_t
dateline_end(const NaDocToken *toks, size_t s0, size_t s1)
{
	size_t		limit = s0 + 12 < s1 ? s0 + 12 : s1;
	bool		place_in_capitals = (toks[s0].marks & NA_DM_ACAPS) != 0;

	for (size_t i = s0; i < limit; i++)
	{
		const NaDocToken *t = &toks[i];

		if (t->kind == NA_TOK_PUNCT && t->cp == '(')
		{
			size_t		k = i + 1;

			while (k < limit && k - i <= 3 &&
				   (toks[k].marks & (NA_DM_CAP | NA_DM_ACAPS)) && is_word(&toks[k]))
				k++;
			if (k == i + 1 || k >= s1 || !(toks[k].kind == NA_TOK_PUNCT && toks[k].cp == ')'))
				return s0;
			k++;
			while (k < s1 && is_dash(&toks[k]))
				k++;
			return k < s1 ? k : s0;
		}
		if (is_dash(t))
		{
			/* "WASHINGTON -", "LONDON, March 6 -": a place in capitals first */
			if (i > s0 && place_in_capitals && i + 1 < s1)
				return i + 1;
			return s0;
		}
		if (t->kind == NA_TOK_PUNCT && t->cp == ',')
			continue;
		if (t->kind == NA_TOK_NUMBER || t->kind == NA_TOK_DATE)
			continue;
		if (!is_word(t) || !(t->marks & (NA_DM_CAP | NA_DM_ACAPS)))
			return s0;
	}
	return s0;
}

/* read_sentence: one sentence, tokens [s0, s1) of the window */
static NaStatus
read_sentence(NaSummary *sm, const NaDocToken *toks, const NaDocNorm *norms,
			  const char *arena, size_t s0, size_t s1, size_t ntoks)
{
	size_t		b = dateline_end(toks, s0, s1);
	const NaDocToken *last = &toks[s1 - 1];
	uint32_t	nwords = 0;
	uint32_t	straight = 0;
	int			curly = 0;
	bool		verb = false;
	bool		terminal;
	bool		first_word = true;
	bool		cue = false;
	uint16_t	flags = 0;
	Sent	   *s = NULL;
	NaStatus	st;

	if (sm->nsents < NA_SUM_MAX_CANDIDATES)
	{
		if (sm->nsents == sm->capsents &&
			(st = na_grow32(sm->alloc, (void **) &sm->sents, &sm->capsents, sm->nsents + 1,
							sizeof(Sent))) != NA_OK)
			return st;
		s = &sm->sents[sm->nsents];
		memset(s, 0, sizeof(Sent));
		s->ids = sm->nids;
	}

	for (size_t i = b; i < s1; i++)
	{
		const NaDocToken *t = &toks[i];

		if (t->flags & NA_TF_QUOTE)
		{
			if (t->cp == 0x201C || t->cp == 0x00AB)
				curly++;
			else if (t->cp == 0x201D || t->cp == 0x00BB)
				curly--;
			else if (t->cp == '"')
				straight++;
		}
		if (!is_word(t))
			continue;
		nwords++;
		if (first_word)
		{
			first_word = false;
			if (t->kind == NA_TOK_WORD && !(t->marks & (NA_DM_CAP | NA_DM_ACAPS)))
				flags |= SF_FRAGMENT;
		}
		if (!(t->marks & NA_DM_WORD) || norms[i].len == 0)
			continue;
		{
			const char *w = arena + norms[i].off;
			size_t		n = norms[i].len;
			uint32_t	form = sm->form[i];
			NaWordEntry *e = NULL;
			unsigned	wc;
			uint32_t	index;

			if (form != NA_WORD_NONE)
				e = na_word_cache_at(sm->forms, form);
			wc = e ? e->wc : na_word_class(norms[i].hash);
			if ((wc & (NA_WC_VERB | NA_WC_UNKNOWN)) == NA_WC_VERB)
				verb = true;
			if ((wc & (NA_WC_CUE | NA_WC_UNKNOWN)) == NA_WC_CUE)
				cue = true;
			if ((wc & (NA_WC_STOP | NA_WC_UNKNOWN)) == NA_WC_STOP)
				continue;
			if (e)
			{
				/* the cache keeps the stem and the word of each distinct form */
				if ((st = na_word_cache_stem(sm->forms, form, (NaTokenKind) t->kind)) != NA_OK)
					return st;
				if (e->stem != NA_WS_TERM)
					continue;
				if (e->index == UINT32_MAX)
				{
					if ((st = word_count(sm, e->id, &e->index)) != NA_OK)
						return st;
				}
				else
					sm->words[e->index].count++;
				index = e->index;
			}
			else
			{
				uint32_t	id;
				bool		has;

				if ((st = na_lexer_term_id(sm->lx, w, n, norms[i].hash, (NaTokenKind) t->kind,
										   &id, &has)) != NA_OK)
					return st;
				if (!has)
					continue;
				if ((st = word_count(sm, id, &index)) != NA_OK)
					return st;
			}
			if (s && index != UINT32_MAX && s->nids < MAX_SENT_IDS)
			{
				bool		seen = false;

				for (uint32_t k = 0; k < s->nids && !seen; k++)
					seen = sm->ids[s->ids + k] == index;
				if (!seen)
				{
					if (sm->nids == sm->capids &&
						(st = na_grow32(sm->alloc, (void **) &sm->ids, &sm->capids, sm->nids + 1,
										sizeof(uint32_t))) != NA_OK)
						return st;
					sm->ids[sm->nids++] = index;
					s->nids++;
				}
			}
		}
	}
	sm->nsentences++;
	if (!s)
		return NA_OK;

	/* how it ends: a terminal mark, maybe inside closing quotes/brackets */
	terminal = (last->flags & NA_TF_TERMINAL) != 0;
	if (!terminal && (last->flags & NA_TF_CLOSER) && s1 - 1 > b)
		terminal = (toks[s1 - 2].flags & NA_TF_TERMINAL) != 0;
	if (!terminal || (!verb && nwords < 2 * MIN_WORDS))
		flags |= SF_HEADING;
	if (nwords > 0)
		flags |= SF_WORDS;
	if (nwords < MIN_WORDS)
		flags |= SF_SHORT;
	if (nwords > MAX_SENT_WORDS)
		flags |= SF_LONG;
	if ((straight & 1) || curly != 0)
		flags |= SF_QUOTE_CUT;
	/* a line after the sentence's end that opens in lower case is the
	 * rest of the same quotation, cut by the splitter */
	(void) ntoks;

	/* byline and boilerplate from the normalized words */
	if (b < s1)
	{
		size_t		from = norms[b].off;
		size_t		to = norms[s1 - 1].off + norms[s1 - 1].len;
		const char *text = arena + from;
		size_t		n = to > from ? to - from : 0;

		if (has_words(text, n, "by", true) && nwords <= 12 && !verb)
			flags |= SF_BYLINE;
		for (size_t i = 0; cue && i < sizeof(cues_anywhere) / sizeof(cues_anywhere[0]); i++)
			if (has_words(text, n, cues_anywhere[i], false))
				flags |= SF_BOILER;
		for (size_t i = 0; (nwords < 15 || !verb) && i < sizeof(cues_start) / sizeof(cues_start[0]); i++)
			if (has_words(text, n, cues_start[i], true))
				flags |= SF_BOILER;
	}

	s->number = toks[s0].sentence;
	s->flags = flags;
	if (b >= s1)
		b = s0;
	s->start = toks[b].start;
	s->len = last->start + last->len - toks[b].start;
	s->cstart = toks[b].cstart;
	s->clen = last->cstart + last->clen - toks[b].cstart;
	sm->nsents++;
	return NA_OK;
}

/*
 * reserve_window: room in the arrays for a window of n tokens at once (a
 * token has its word's entry, and adds one stem and one id at most),
 * instead of growing them a step at a time; the table of slots, which
 * must be cleared, grows with what it holds.
 */
static NaStatus
reserve_window(NaSummary *sm, size_t n)
{
	uint32_t	more = n < MAX_WORDS ? (uint32_t) n : MAX_WORDS;
	uint32_t	words = sm->nwords + more < MAX_WORDS ? sm->nwords + more : MAX_WORDS;
	size_t		nsent;
	NaStatus	st;

	(void) na_doc_sentences(sm->doc, &nsent);
	if (n > sm->capform)
	{
		na_release(sm->alloc, sm->form);
		sm->form = na_alloc(sm->alloc, n * sizeof(uint32_t));
		sm->capform = sm->form ? n : 0;
		if (!sm->form)
			return NA_ERR_NOMEM;
	}
	if (sm->nsents >= NA_SUM_MAX_CANDIDATES)
		nsent = more = 0;		/* no sentence is kept any more */
	else if (nsent > NA_SUM_MAX_CANDIDATES - sm->nsents)
		nsent = NA_SUM_MAX_CANDIDATES - sm->nsents;
	if ((st = na_grow32(sm->alloc, (void **) &sm->words, &sm->capwords, words, sizeof(SWord))) != NA_OK ||
		(st = na_grow32(sm->alloc, (void **) &sm->sents, &sm->capsents, sm->nsents + (uint32_t) nsent,
						sizeof(Sent))) != NA_OK ||
		(st = na_grow32(sm->alloc, (void **) &sm->ids, &sm->capids, sm->nids + more,
						sizeof(uint32_t))) != NA_OK)
		return st;
	return NA_OK;
}

/* na_summary_window: see summary.h. */
NaStatus
na_summary_window(NaSummary *sm)
{
	const NaDocToken *toks = na_doc_tokens(sm->doc);
	const NaDocNorm *norms = na_doc_norms(sm->doc);
	const char *arena = na_doc_arena(sm->doc);
	size_t		n = na_doc_ntokens(sm->doc);
	size_t		work = 0;
	NaStatus	st;

	if ((st = reserve_window(sm, n)) != NA_OK)
		return st;
	/*
	 * the words of the window first, so that the term ids of new ones are
	 * fetched while the sentences are read
	 */
	for (size_t i = 0; i < n; i++)
	{
		sm->form[i] = NA_WORD_NONE;
		if ((toks[i].marks & NA_DM_WORD) &&
			(st = na_word_cache_find(sm->forms, arena + norms[i].off, norms[i].len, norms[i].hash,
									 &sm->form[i])) != NA_OK)
			return st;
	}
	for (size_t s0 = 0; s0 < n;)
	{
		size_t		s1 = s0 + 1;

		while (s1 < n && toks[s1].sentence == toks[s0].sentence)
			s1++;
		if ((st = read_sentence(sm, toks, norms, arena, s0, s1, n)) != NA_OK)
			return st;
		work += s1 - s0;
		if (work >= NA_YIELD_EVERY / 8)
		{
			work = 0;
			na_yield(sm->yield);
		}
		s0 = s1;
	}
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Scoring and picking
 * ------------------------------------------------------------------- */

/* jaccard: overlap of the (sorted) stems of two kept sentences */
static double
jaccard(const NaSummary *sm, const Sent *a, const Sent *b)
{
	const uint32_t *x;
	const uint32_t *y;
	uint32_t	i = 0;
	uint32_t	k = 0;
	uint32_t	shared = 0;

	if (a->nids == 0 || b->nids == 0)
		return 0;
	x = sm->ids + a->ids;
	y = sm->ids + b->ids;
	while (i < a->nids && k < b->nids)
	{
		if (x[i] == y[k])
		{
			shared++;
			i++;
			k++;
		}
		else if (x[i] < y[k])
			i++;
		else
			k++;
	}
	return (double) shared / (double) (a->nids + b->nids - shared);
}

/* sort_ids: insertion sort of a few ids */
static void
sort_ids(uint32_t *ids, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && ids[j - 1] > ids[j]; j--)
		{
			uint32_t	t = ids[j];

			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
}

typedef struct Ranked
{
	float		score;
	uint32_t	index;
} Ranked;

static int
cmp_ranked(const void *pa, const void *pb)
{
	const Ranked *a = pa;
	const Ranked *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * score_sentences: the score of every kept sentence; real ones (flags
 * without SF_NOT_REAL) first; when none is real, those with words and no
 * boilerplate, by position only.  Returns how many are candidates.
 */
static uint32_t
score_sentences(NaSummary *sm, const NaCorpus *corpus)
{
	double		top = log(1.0 + (double) corpus->ndocs);
	double		best = 0;
	double	   *weight;
	uint32_t	ncand = 0;
	uint32_t	rank = 0;
	uint16_t	reject = SF_NOT_REAL;

	for (uint32_t i = 0; i < sm->nsents; i++)
	{
		sm->sents[i].score = -1;	/* not a candidate */
		if (!(sm->sents[i].flags & SF_NOT_REAL))
			ncand++;
	}
	if (ncand == 0)
	{
		reject = SF_BOILER | SF_BYLINE;
		for (uint32_t i = 0; i < sm->nsents; i++)
			if (!(sm->sents[i].flags & reject) && (sm->sents[i].flags & SF_WORDS))
				ncand++;
	}
	if (ncand == 0)
		return 0;

	/* word weights, over the words of the kept sentences only */
	weight = na_alloc(sm->alloc, (size_t) (sm->nwords ? sm->nwords : 1) * sizeof(double));
	if (!weight)
		return UINT32_MAX;
	for (uint32_t i = 0; i < sm->nwords; i++)
	{
		int64_t		df = na_keywords_df(corpus, sm->words[i].id);
		uint32_t	count = sm->words[i].count;
		double		idf = 1.0;	/* also a word the corpus lacks: top / top */

		if (top > 0 && df > 0)
			idf = log((1.0 + (double) corpus->ndocs) / (1.0 + (double) df)) / top;
		/* log(1) is exactly 0 */
		weight[i] = (1.0 + (count > 1 ? log((double) count) : 0.0)) * idf;
		if ((i & 4095) == 4095)
			na_yield(sm->yield);
	}
	for (uint32_t i = 0; i < sm->nsents; i++)
	{
		Sent	   *s = &sm->sents[i];
		double		c = 0;

		for (uint32_t k = 0; k < s->nids; k++)
			c += weight[sm->ids[s->ids + k]];
		s->score = s->nids ? (float) (c / sqrt((double) s->nids)) : 0.0f;
		if (!(s->flags & reject) && (s->flags & SF_WORDS) && s->score > best)
			best = s->score;
	}
	na_release(sm->alloc, weight);
	for (uint32_t i = 0; i < sm->nsents; i++)
	{
		Sent	   *s = &sm->sents[i];
		double		cent = best > 0 ? s->score / best : 0;

		if ((s->flags & reject) || !(s->flags & SF_WORDS))
		{
			s->score = -1;
			continue;
		}
		s->score = (float) ((1 - LAMBDA) * exp(-(double) rank / TAU) + LAMBDA * cent);
		rank++;
	}
	return ncand;
}

/*
 * pick: up to k candidates, best first without redundancy; writes their
 * indices to chosen (text order) and returns how many (UINT32_MAX: out
 * of memory).
 */
static uint32_t
pick(NaSummary *sm, uint32_t k, uint32_t *chosen)
{
	Ranked	   *order;
	uint32_t	norder = 0;
	uint32_t	n = 0;

	order = na_alloc(sm->alloc, (size_t) (sm->nsents ? sm->nsents : 1) * sizeof(Ranked));
	if (!order)
		return UINT32_MAX;
	for (uint32_t i = 0; i < sm->nsents; i++)
		if (sm->sents[i].score >= 0)
		{
			order[norder].score = sm->sents[i].score;
			order[norder++].index = i;
			if (sm->sents[i].nids > 1)
				sort_ids(sm->ids + sm->sents[i].ids, sm->sents[i].nids);
		}
	if (norder > 1)
		qsort(order, norder, sizeof(Ranked), cmp_ranked);
	for (uint32_t r = 0; r < norder && n < k; r++)
	{
		const Sent *s = &sm->sents[order[r].index];
		bool		redundant = false;

		for (uint32_t j = 0; j < n && !redundant; j++)
			redundant = jaccard(sm, s, &sm->sents[chosen[j]]) > REDUNDANT;
		if (!redundant)
			chosen[n++] = order[r].index;
		if ((r & 1023) == 1023)
			na_yield(sm->yield);
	}
	na_release(sm->alloc, order);
	/* text order */
	sort_ids(chosen, n);
	return n;
}

/* na_summary_finish: see summary.h. */
NaStatus
na_summary_finish(NaSummary *sm, const NaCorpus *corpus, uint32_t k,
				  NaSummaryFn fn, void *arg)
{
	uint32_t	chosen[NA_SUM_MAX_SENTENCES];
	uint32_t	n;
	size_t		len;
	const char *text = na_doc_text(sm->doc, &len);

	if (k < 1 || k > NA_SUM_MAX_SENTENCES)
		return NA_ERR_BAD_ARGUMENT;
	if (score_sentences(sm, corpus ? corpus : na_keywords_background()) == UINT32_MAX)
		return NA_ERR_NOMEM;
	n = pick(sm, k, chosen);
	if (n == UINT32_MAX)
		return NA_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++)
	{
		const Sent *s = &sm->sents[chosen[i]];
		NaSummarySentence out;

		out.number = s->number;
		out.text = text + s->start;
		out.len = s->len;
		out.start = s->start;
		out.cstart = s->cstart;
		out.clen = s->clen;
		out.score = s->score;
		if (!fn(&out, arg))
			break;
	}
	return NA_OK;
}

/* na_summary_extract: see summary.h. */
NaStatus
na_summary_extract(const char *text, size_t len, NaLexer *lx, const NaCorpus *corpus,
				   uint32_t k, NaSummaryFn fn, void *arg,
				   const NaAllocator *alloc, const NaYield *yield, size_t *err_offset)
{
	NaDoc	   *doc = NULL;
	NaSummary  *sm = NULL;
	NaStatus	st;

	if (k < 1 || k > NA_SUM_MAX_SENTENCES)
		return NA_ERR_BAD_ARGUMENT;
	st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, yield, &doc);
	if (st == NA_OK)
		st = na_summary_create(doc, lx, alloc, yield, &sm);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_summary_window(sm);
	if (st == NA_OK)
		st = na_summary_finish(sm, corpus, k, fn, arg);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_summary_destroy(sm);
	na_doc_destroy(doc);
	return st;
}

/* ---------------------------------------------------------------------
 * NaSumAgg: the summary of a set of texts
 * ------------------------------------------------------------------- */

#define AGG_IDS			64		/* stems kept per sentence */

/* One candidate sentence of the aggregate. */
typedef struct AggSent
{
	uint64_t	key;			/* hash of its text */
	uint32_t	text;			/* which text it came from, from 0 */
	float		score;			/* its score in its own text */
	uint32_t	off;			/* its bytes in NaSumAgg.arena */
	uint16_t	len;
	uint16_t	nids;
	uint32_t	ids;			/* its term ids (sorted) in NaSumAgg.ids */
	float		rank;			/* result: the final score */
} AggSent;

struct NaSumAgg
{
	const NaAllocator *alloc;
	const NaYield *yield;
	uint64_t	texts;
	AggSent    *sents;
	uint32_t	n;
	uint32_t	cap;
	uint32_t   *ids;
	uint32_t	nids;
	uint32_t	capids;
	NaBuf		arena;
};

#define SAGG_MAGIC		0x4E534131u	/* "NSA1" */
#define SAGG_HEADER		20
#define SAGG_ENTRY		24

/* little-endian writers and readers */
static void
put32le(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static void
put64le(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static uint32_t
get32le(const uint8_t *p)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t) p[i] << (8 * i);
	return v;
}

static uint64_t
get64le(const uint8_t *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t) p[i] << (8 * i);
	return v;
}


/* na_sumagg_create: see summary.h. */
NaStatus
na_sumagg_create(const NaAllocator *alloc, const NaYield *yield, NaSumAgg **out)
{
	NaSumAgg   *agg = na_alloc(alloc, sizeof(NaSumAgg));

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

/* na_sumagg_destroy: see summary.h. */
void
na_sumagg_destroy(NaSumAgg *agg)
{
	if (!agg)
		return;
	na_release(agg->alloc, agg->sents);
	na_release(agg->alloc, agg->ids);
	na_buf_free(&agg->arena);
	na_release(agg->alloc, agg);
}

uint64_t
na_sumagg_texts(const NaSumAgg *agg)
{
	return agg->texts;
}

/* sagg_add: one candidate (ids sorted, at most AGG_IDS) */
static NaStatus
sagg_add(NaSumAgg *agg, uint32_t text, float score, const char *s, size_t len,
		 const uint32_t *ids, uint32_t nids)
{
	AggSent    *e;
	NaStatus	st;

	if (len > NA_SUMAGG_MAX_TEXT)
	{
		/* cut at a character boundary */
		len = NA_SUMAGG_MAX_TEXT;
		while (len > 0 && ((unsigned char) s[len] & 0xC0) == 0x80)
			len--;
	}
	if (agg->n == agg->cap &&
		(st = na_grow32(agg->alloc, (void **) &agg->sents, &agg->cap, agg->n + 1, sizeof(AggSent))) != NA_OK)
		return st;
	if (agg->nids + nids > agg->capids &&
		(st = na_grow32(agg->alloc, (void **) &agg->ids, &agg->capids, agg->nids + nids,
						sizeof(uint32_t))) != NA_OK)
		return st;
	if ((st = na_buf_append(&agg->arena, s, len)) != NA_OK)
		return st;
	e = &agg->sents[agg->n++];
	e->key = na_hash64(s, len, 0);
	e->text = text;
	e->score = score;
	e->off = (uint32_t) (agg->arena.len - len);
	e->len = (uint16_t) len;
	e->nids = (uint16_t) nids;
	e->ids = agg->nids;
	e->rank = 0;
	if (nids > 0)
		memcpy(agg->ids + agg->nids, ids, nids * sizeof(uint32_t));
	agg->nids += nids;
	return NA_OK;
}

static int
cmp_aggsent(const void *pa, const void *pb)
{
	const AggSent *a = pa;
	const AggSent *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->text < b->text ? -1 : a->text > b->text;
}

/*
 * sagg_compact: keep the keep best candidates (by their own score) and
 * rewrite the arena and the ids to hold only theirs.
 */
static NaStatus
sagg_compact(NaSumAgg *agg, uint32_t keep)
{
	NaBuf		arena;
	uint32_t   *ids;
	uint32_t	nids = 0;

	if (agg->n > 1)
		qsort(agg->sents, agg->n, sizeof(AggSent), cmp_aggsent);
	if (agg->n > keep)
		agg->n = keep;
	ids = na_alloc(agg->alloc, (size_t) (agg->nids ? agg->nids : 1) * sizeof(uint32_t));
	if (!ids)
		return NA_ERR_NOMEM;
	na_buf_init(&arena, agg->alloc);
	for (uint32_t i = 0; i < agg->n; i++)
	{
		AggSent    *e = &agg->sents[i];
		NaStatus	st;

		if ((st = na_buf_append(&arena, agg->arena.data + e->off, e->len)) != NA_OK)
		{
			na_buf_free(&arena);
			na_release(agg->alloc, ids);
			return st;
		}
		e->off = (uint32_t) (arena.len - e->len);
		if (e->nids > 0)
			memcpy(ids + nids, agg->ids + e->ids, e->nids * sizeof(uint32_t));
		e->ids = nids;
		nids += e->nids;
	}
	na_buf_free(&agg->arena);
	agg->arena = arena;
	na_release(agg->alloc, agg->ids);
	agg->ids = ids;
	agg->nids = nids;
	agg->capids = nids;
	return NA_OK;
}

static NaStatus
sagg_bound(NaSumAgg *agg)
{
	if (agg->n > NA_SUMAGG_MAX)
		return sagg_compact(agg, NA_SUMAGG_MAX / 2);
	return NA_OK;
}

/* na_sumagg_add_text: see summary.h. */
NaStatus
na_sumagg_add_text(NaSumAgg *agg, NaSummary *sm, const NaCorpus *corpus)
{
	uint32_t	chosen[NA_SUMAGG_PER_TEXT];
	uint32_t	n;
	size_t		len;
	const char *text = na_doc_text(sm->doc, &len);
	uint32_t	textno = agg->texts > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t) agg->texts;
	NaStatus	st;

	if (score_sentences(sm, corpus ? corpus : na_keywords_background()) == UINT32_MAX)
		return NA_ERR_NOMEM;
	n = pick(sm, NA_SUMAGG_PER_TEXT, chosen);
	if (n == UINT32_MAX)
		return NA_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++)
	{
		const Sent *s = &sm->sents[chosen[i]];
		uint32_t	ids[AGG_IDS];
		uint32_t	nids = s->nids < AGG_IDS ? s->nids : AGG_IDS;

		for (uint32_t k = 0; k < nids; k++)
			ids[k] = sm->words[sm->ids[s->ids + k]].id;
		sort_ids(ids, nids);
		if ((st = sagg_add(agg, textno, s->score, text + s->start, s->len, ids, nids)) != NA_OK)
			return st;
	}
	agg->texts++;
	return sagg_bound(agg);
}

/* na_sumagg_size: see summary.h. */
size_t
na_sumagg_size(const NaSumAgg *agg)
{
	size_t		size = SAGG_HEADER;

	for (uint32_t i = 0; i < agg->n; i++)
		size += SAGG_ENTRY + 4 * (size_t) agg->sents[i].nids + agg->sents[i].len;
	return size;
}

/*
 * na_sumagg_write: see summary.h.  Layout (little-endian): magic, number
 * of texts (8), number of entries, 4 reserved bytes; per entry its text's
 * number, its score's IEEE float bits, key (8), number of ids (2), text
 * length (2), 4 reserved bytes, the ids (4 each), the text.
 */
void
na_sumagg_write(const NaSumAgg *agg, uint8_t *out)
{
	uint8_t    *p = out;

	put32le(p, SAGG_MAGIC);
	put64le(p + 4, agg->texts);
	put32le(p + 12, agg->n);
	put32le(p + 16, 0);
	p += SAGG_HEADER;
	for (uint32_t i = 0; i < agg->n; i++)
	{
		const AggSent *e = &agg->sents[i];
		uint32_t	bits;

		memcpy(&bits, &e->score, sizeof(bits));
		put32le(p, e->text);
		put32le(p + 4, bits);
		put64le(p + 8, e->key);
		p[16] = (uint8_t) (e->nids & 0xff);
		p[17] = (uint8_t) (e->nids >> 8);
		p[18] = (uint8_t) (e->len & 0xff);
		p[19] = (uint8_t) (e->len >> 8);
		put32le(p + 20, 0);
		p += SAGG_ENTRY;
		for (uint32_t k = 0; k < e->nids; k++, p += 4)
			put32le(p, agg->ids[e->ids + k]);
		memcpy(p, agg->arena.data + e->off, e->len);
		p += e->len;
	}
}

/* na_sumagg_merge: see summary.h. */
NaStatus
na_sumagg_merge(NaSumAgg *agg, const uint8_t *data, size_t len)
{
	const uint8_t *p = data;
	const uint8_t *end = data + len;
	uint64_t	texts;
	uint32_t	n;
	uint32_t	base = agg->texts > UINT32_MAX / 2 ? UINT32_MAX / 2 : (uint32_t) agg->texts;
	NaStatus	st;

	if (len < SAGG_HEADER || get32le(p) != SAGG_MAGIC)
		return NA_ERR_BAD_LITERAL;
	texts = get64le(p + 4);
	n = get32le(p + 12);
	p += SAGG_HEADER;
	for (uint32_t i = 0; i < n; i++)
	{
		uint32_t	ids[AGG_IDS];
		uint32_t	nids;
		size_t		tlen;
		uint32_t	bits;
		float		score;
		uint32_t	text;

		if ((size_t) (end - p) < SAGG_ENTRY)
			return NA_ERR_BAD_LITERAL;
		text = get32le(p);
		bits = get32le(p + 4);
		memcpy(&score, &bits, sizeof(score));
		nids = (uint32_t) p[16] | ((uint32_t) p[17] << 8);
		tlen = (size_t) p[18] | ((size_t) p[19] << 8);
		if (nids > AGG_IDS || tlen > NA_SUMAGG_MAX_TEXT || !isfinite(score) ||
			(uint64_t) text >= texts || (size_t) (end - p) < SAGG_ENTRY + 4 * (size_t) nids + tlen)
			return NA_ERR_BAD_LITERAL;
		p += SAGG_ENTRY;
		for (uint32_t k = 0; k < nids; k++, p += 4)
			ids[k] = get32le(p);
		sort_ids(ids, nids);
		text = (uint32_t) (base + (uint64_t) text > UINT32_MAX - 1 ? UINT32_MAX - 1 : base + text);
		if ((st = sagg_add(agg, text, score, (const char *) p, tlen, ids, nids)) != NA_OK)
			return st;
		p += tlen;
		if ((i & 1023) == 1023)
			na_yield(agg->yield);
	}
	if (p != end)
		return NA_ERR_BAD_LITERAL;
	agg->texts = agg->texts > UINT64_MAX - texts ? UINT64_MAX : agg->texts + texts;
	return sagg_bound(agg);
}

/* sagg_jaccard: overlap of the sorted ids of two candidates */
static double
sagg_jaccard(const NaSumAgg *agg, const AggSent *a, const AggSent *b)
{
	const uint32_t *x;
	const uint32_t *y;
	uint32_t	i = 0;
	uint32_t	k = 0;
	uint32_t	shared = 0;

	if (a->nids == 0 || b->nids == 0)
		return a->key == b->key ? 1.0 : 0.0;
	x = agg->ids + a->ids;
	y = agg->ids + b->ids;
	while (i < a->nids && k < b->nids)
	{
		if (x[i] == y[k])
		{
			shared++;
			i++;
			k++;
		}
		else if (x[i] < y[k])
			i++;
		else
			k++;
	}
	return (double) shared / (double) (a->nids + b->nids - shared);
}

typedef struct TextIndex
{
	uint32_t	text;
	uint32_t	index;
} TextIndex;

static int
cmp_textindex(const void *pa, const void *pb)
{
	const TextIndex *a = pa;
	const TextIndex *b = pb;

	if (a->text != b->text)
		return a->text < b->text ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

typedef struct TextCount
{
	uint32_t	id;
	uint32_t	texts;			/* distinct texts whose candidates hold it */
	uint32_t	last;			/* the last text counted + 1 */
} TextCount;

/*
 * na_sumagg_result: see summary.h.  A candidate's centrality is the sum,
 * over its stems, of the number of other texts whose candidates hold the
 * stem, over the square root of its number of stems, scaled so that the
 * best has 1; its final score is the mean of that and its own score.
 */
NaStatus
na_sumagg_result(NaSumAgg *agg, uint32_t k, NaSummaryFn fn, void *arg)
{
	uint32_t	size = 1024;
	TextCount  *table;
	double		best = 0;
	uint32_t	chosen[NA_SUM_MAX_SENTENCES];
	uint32_t	nchosen = 0;
	Ranked	   *order;
	TextIndex  *bytext;
	NaStatus	st;

	if (k < 1 || k > NA_SUM_MAX_SENTENCES)
		return NA_ERR_BAD_ARGUMENT;
	if ((st = sagg_compact(agg, agg->n)) != NA_OK)
		return st;
	while (size < 2 * (agg->nids + 1))
		size *= 2;
	table = na_alloc(agg->alloc, (size_t) size * sizeof(TextCount));
	order = na_alloc(agg->alloc, (size_t) (agg->n ? agg->n : 1) * sizeof(Ranked));
	bytext = na_alloc(agg->alloc, (size_t) (agg->n ? agg->n : 1) * sizeof(TextIndex));
	if (!table || !order || !bytext)
	{
		na_release(agg->alloc, table);
		na_release(agg->alloc, order);
		na_release(agg->alloc, bytext);
		return NA_ERR_NOMEM;
	}
	memset(table, 0, (size_t) size * sizeof(TextCount));
	/* pass 0 in text order (each text's stems counted once), pass 1 any */
	for (uint32_t i = 0; i < agg->n; i++)
	{
		bytext[i].text = agg->sents[i].text;
		bytext[i].index = i;
	}
	if (agg->n > 1)
		qsort(bytext, agg->n, sizeof(TextIndex), cmp_textindex);
	for (int pass = 0; pass < 2; pass++)
	{
		for (uint32_t r = 0; r < agg->n; r++)
		{
			uint32_t	i = pass == 0 ? bytext[r].index : r;
			AggSent    *e = &agg->sents[i];
			double		c = 0;

			for (uint32_t m = 0; m < e->nids; m++)
			{
				uint32_t	id = agg->ids[e->ids + m];
				uint32_t	j = mix(id) & (size - 1);

				while (table[j].last && table[j].id != id)
					j = (j + 1) & (size - 1);
				if (pass == 0)
				{
					table[j].id = id;
					if (table[j].last != e->text + 1)
					{
						table[j].texts++;
						table[j].last = e->text + 1;
					}
				}
				else
					c += table[j].texts - 1;
			}
			if (pass == 1)
			{
				e->rank = e->nids ? (float) (c / sqrt((double) e->nids)) : 0.0f;
				if (e->rank > best)
					best = e->rank;
			}
			if ((i & 1023) == 1023)
				na_yield(agg->yield);
		}
	}
	for (uint32_t i = 0; i < agg->n; i++)
	{
		AggSent    *e = &agg->sents[i];

		e->rank = (float) (0.5 * e->score + 0.5 * (best > 0 ? e->rank / best : 0));
		order[i].score = e->rank;
		order[i].index = i;
	}
	na_release(agg->alloc, table);
	na_release(agg->alloc, bytext);
	if (agg->n > 1)
		qsort(order, agg->n, sizeof(Ranked), cmp_ranked);
	for (uint32_t r = 0; r < agg->n && nchosen < k; r++)
	{
		const AggSent *e = &agg->sents[order[r].index];
		bool		redundant = false;
		NaSummarySentence out;

		for (uint32_t j = 0; j < nchosen && !redundant; j++)
			redundant = sagg_jaccard(agg, e, &agg->sents[chosen[j]]) > REDUNDANT;
		if (redundant)
			continue;
		chosen[nchosen++] = order[r].index;
		memset(&out, 0, sizeof(out));
		out.text = agg->arena.data + e->off;
		out.len = e->len;
		out.score = e->rank;
		if (!fn(&out, arg))
			break;
	}
	na_release(agg->alloc, order);
	return NA_OK;
}
