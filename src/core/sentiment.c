/*
 * sentiment.c
 *		Document tone and sentiment toward a target, over the analysed
 *		document (see sentiment.h for what is computed).
 *
 * Design.  The scorer reads the current window of a NaDoc: tokens, their
 * normalized forms with hashes, sentence numbers.  A window is cut into
 * its sentences once (window_prepare); a sentence's words are looked up in
 * the model only when the sentence is read (a target's scope is usually a
 * few sentences of the article, and a word costs one hash probe).
 *
 * Mentions.  A target given as text is split and normalized the way the
 * document is (a small NaDoc of its own).  A mention is a run of tokens
 * with the target's forms (capitalized where the target is), or, for a
 * target of two words or more, its surname alone (find_surname: "Clinton"
 * for "Hillary Clinton" and "former Secretary of State Hillary Clinton",
 * "Binder" for "Sarah Binder, a professor at ...").  Capitalized words next
 * to it join the mention ("President Trump" for "Trump"): they are names,
 * not opinions.  A sentence right after a sentence with a mention (within
 * pronoun_reach sentences, chained) whose first reference to a person is
 * a personal pronoun is in scope too, the pronouns being its mentions.
 * Entities (na_entity_sentiment_extract) bring their own mentions; a
 * pronoun goes to the person mentioned last.
 *
 * Scoring a sentence is one pass over its tokens with a little state:
 *
 *	negation		a negation cue governs the next negation_scope words up
 *					to a punctuation mark or a contrast: their negative and
 *					positive weights are swapped and scaled by negated;
 *	intensity		an intensifier or a downtoner scales the next word;
 *	contrast		at "but" or "however" the words read so far are scaled
 *					by before_contrast (their occurrences are kept in a
 *					buffer, so this is a multiplication of what is there)
 *					and the words after it by after_contrast;
 *	concession		from "although" or "despite" to the next punctuation
 *					mark, words are scaled by concessive;
 *	reported speech	(target scope) a quotation that holds no mention is
 *					someone's speech, and when the target is the speaker
 *					(a mention next to "said") so is what follows its
 *					"said": those words take the REPORTED slot and are
 *					scaled by reported.
 *
 * Quotation marks are paired within the sentence: a sentence whose first
 * mark closes a quotation starts inside it, one whose last mark opens a
 * quotation ends inside it.  Every word of the sentence counts in the
 * SENTENCE slot, and in LEFT or RIGHT when it is within near tokens of a
 * mention.  The sentence's log-odds are the bias, its features and the
 * sum over its words of value times the weights of their slots; its
 * probabilities go into the scope's NaSentimentScore.
 *
 * Everything is linear in the window: mentions are walked with a pointer,
 * never searched, so a target that occurs on every token costs no more
 * than a long sentence.
 */
#include "sentiment.h"

#include <math.h>
#include <string.h>

#define MAX_TARGET_WORDS	64	/* words of a target given as text */
#define MENTION_GROW		4	/* capitalized words a mention takes in on
								 * each side */
#define MAX_QUOTES			16	/* quotations of one sentence read apart */
#define YIELD_TOKENS		16384

static const char *const polarity_names[NA_POL_COUNT] = {
	"negative", "neutral", "positive"
};

/* na_polarity_name: "negative", "neutral" or "positive". */
const char *
na_polarity_name(NaPolarity p)
{
	return (unsigned) p < NA_POL_COUNT ? polarity_names[p] : "neutral";
}

/* A word of the target. */
typedef struct TargetWord
{
	uint32_t	off;			/* in NaSentiment.tforms */
	uint32_t	hash;
	uint16_t	len;
	bool		cap;			/* capitalized in the target: mentions must be */
	bool		pause;			/* punctuation before it in the target */
} TargetWord;

/* A sentence of the window: tokens [a, b). */
typedef struct WinSentence
{
	size_t		a;
	size_t		b;
	uint32_t	number;
	bool		looked;			/* ent[a..b) holds the model's words */
} WinSentence;

/* A mention in the window: tokens [a, b). */
typedef struct Mention
{
	size_t		a;
	size_t		b;
	bool		pronoun;
} Mention;

struct NaSentiment
{
	NaDoc	   *doc;
	const NaSentimentModel *model;
	const NaAllocator *alloc;
	const NaYield *yield;

	/* the target given as text */
	bool		has_target;
	char	   *tforms;
	TargetWord	tw[MAX_TARGET_WORDS];
	size_t		ntw;
	int			surname;		/* index into tw, or -1 */
	NaSentimentScore acc;

	/* the current window */
	size_t		win_base;		/* na_doc_base of the prepared window */
	size_t		win_ntokens;
	bool		prepared;
	const NaSentimentWord **ent;	/* per token, when its sentence is looked */
	size_t		capent;
	WinSentence *sent;
	size_t		nsent;
	size_t		capsent;
	Mention    *ment;
	size_t		nment;
	size_t		capment;
	Mention    *pron;			/* pronoun mentions of one sentence */
	size_t		npron;
	size_t		cappron;
	NaSentimentOcc *occ;		/* occurrences of the sentence being scored */
	size_t		nocc;
	size_t		capocc;
	size_t		work;			/* tokens read since the last yield */

	NaSentimentTraceFn trace;
	void	   *trace_arg;
};

static inline void
tick(NaSentiment *s, size_t n)
{
	s->work += n;
	if (s->work >= YIELD_TOKENS)
	{
		s->work = 0;
		na_yield(s->yield);
	}
}

/*
 * find_surname: the word of a target of two words or more that is matched
 * alone, or -1.  The target is read up to its first punctuation mark
 * ("Sarah Binder, a professor at ..."); the surname is the last word of
 * its first run of two capitalized words or more ("former Secretary of
 * State Hillary Clinton", "Scott Walker of Wisconsin"), else of its last
 * capitalized word.  A pronoun is never one.
 */
static int
find_surname(const NaSentiment *s)
{
	size_t		end = 1;
	int			last = -1;

	while (end < s->ntw && !s->tw[end].pause)
		end++;
	for (size_t i = 0; i < end;)
	{
		size_t		j = i;

		while (j < end && s->tw[j].cap)
			j++;
		if (j - i >= 2)
		{
			last = (int) j - 1;
			break;
		}
		if (j > i)
			last = (int) j - 1;
		i = j > i ? j : i + 1;
	}
	if (last >= 0)
	{
		const TargetWord *w = &s->tw[last];
		const NaSentimentWord *e = s->model->lookup(s->model, s->tforms + w->off, w->len,
													  w->hash);

		if (e && (e->cue & NA_SC_PRONOUN))
			last = -1;
	}
	return last;
}

/*
 * read_target normalizes the words of target[0..tlen) into s->tw through a
 * document of its own (the same forms as the text's).  A target without a
 * word, or with more than MAX_TARGET_WORDS, is NA_ERR_BAD_ARGUMENT.
 */
static NaStatus
read_target(NaSentiment *s, const char *target, size_t tlen)
{
	NaDoc	   *td;
	NaStatus	st;
	size_t		used = 0;

	if ((st = na_doc_create(target, tlen, NA_DOC_NORMS, s->alloc, s->yield, &td)) != NA_OK)
		return st;
	s->tforms = na_alloc(s->alloc, tlen * 4 + 16);
	if (!s->tforms)
		st = NA_ERR_NOMEM;
	while (st == NA_OK && (st = na_doc_next(td)) == NA_OK && na_doc_ntokens(td) > 0)
	{
		const NaDocToken *t = na_doc_tokens(td);
		const NaDocNorm *nm = na_doc_norms(td);
		const char *arena = na_doc_arena(td);

		bool		pause = false;

		for (size_t i = 0; i < na_doc_ntokens(td); i++)
		{
			TargetWord *w;

			if (nm[i].len == 0 || t[i].kind == NA_TOK_PUNCT || t[i].kind == NA_TOK_SYMBOL)
			{
				pause = true;
				continue;
			}
			if (s->ntw == MAX_TARGET_WORDS || used + nm[i].len > tlen * 4 + 16)
			{
				st = NA_ERR_BAD_ARGUMENT;
				break;
			}
			w = &s->tw[s->ntw++];
			memcpy(s->tforms + used, arena + nm[i].off, nm[i].len);
			w->off = (uint32_t) used;
			w->len = nm[i].len;
			w->hash = nm[i].hash;
			w->cap = (t[i].marks & (NA_DM_CAP | NA_DM_ACAPS)) != 0;
			w->pause = pause && s->ntw > 1;
			pause = false;
			used += nm[i].len;
		}
	}
	na_doc_destroy(td);
	if (st == NA_OK && s->ntw == 0)
		st = NA_ERR_BAD_ARGUMENT;
	s->surname = -1;
	if (st == NA_OK && s->ntw >= 2)
		s->surname = find_surname(s);
	return st;
}

/* na_sentiment_create: see sentiment.h. */
NaStatus
na_sentiment_create(NaDoc *doc, const NaSentimentModel *model, const char *target,
					size_t tlen, const NaAllocator *alloc, const NaYield *yield,
					NaSentiment **out)
{
	NaSentiment *s;
	NaStatus	st = NA_OK;

	*out = NULL;
	if ((na_doc_layers(doc) & (NA_DOC_SENTENCES | NA_DOC_NORMS)) !=
		(NA_DOC_SENTENCES | NA_DOC_NORMS) || !model || !model->lookup)
		return NA_ERR_BAD_ARGUMENT;
	s = na_alloc(alloc, sizeof(NaSentiment));
	if (!s)
		return NA_ERR_NOMEM;
	memset(s, 0, sizeof(NaSentiment));
	s->doc = doc;
	s->model = model;
	s->alloc = alloc;
	s->yield = yield;
	s->surname = -1;
	if (target)
	{
		s->has_target = true;
		st = read_target(s, target, tlen);
	}
	if (st != NA_OK)
	{
		na_sentiment_destroy(s);
		return st;
	}
	*out = s;
	return NA_OK;
}

/* na_sentiment_destroy: see sentiment.h. */
void
na_sentiment_destroy(NaSentiment *s)
{
	if (!s)
		return;
	na_release(s->alloc, s->tforms);
	na_release(s->alloc, s->ent);
	na_release(s->alloc, s->sent);
	na_release(s->alloc, s->ment);
	na_release(s->alloc, s->pron);
	na_release(s->alloc, s->occ);
	na_release(s->alloc, s);
}

/* na_sentiment_set_trace: see sentiment.h. */
void
na_sentiment_set_trace(NaSentiment *s, NaSentimentTraceFn fn, void *arg)
{
	s->trace = fn;
	s->trace_arg = arg;
}

/* na_sentiment_score: see sentiment.h. */
const NaSentimentScore *
na_sentiment_score(const NaSentiment *s)
{
	return &s->acc;
}

/*
 * window_prepare cuts the current window into its sentences (once per
 * window, however many targets read it).
 */
static NaStatus
window_prepare(NaSentiment *s)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	size_t		n = na_doc_ntokens(s->doc);
	NaStatus	st;

	if (s->prepared && s->win_base == na_doc_base(s->doc) && s->win_ntokens == n)
		return NA_OK;
	if ((st = na_grow(s->alloc, (void **) &s->ent, &s->capent, n + 1,
					  sizeof(const NaSentimentWord *))) != NA_OK)
		return st;
	s->nsent = 0;
	for (size_t i = 0; i < n;)
	{
		size_t		j = i + 1;
		WinSentence *w;

		while (j < n && t[j].sentence == t[i].sentence)
			j++;
		if ((st = na_grow(s->alloc, (void **) &s->sent, &s->capsent, s->nsent + 1,
						  sizeof(WinSentence))) != NA_OK)
			return st;
		w = &s->sent[s->nsent++];
		w->a = i;
		w->b = j;
		w->number = t[i].sentence;
		w->looked = false;
		tick(s, j - i);
		i = j;
	}
	s->win_base = na_doc_base(s->doc);
	s->win_ntokens = n;
	s->prepared = true;
	return NA_OK;
}

/* look_up fills ent[] for the words of sentence w. */
static void
look_up(NaSentiment *s, WinSentence *w)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	const NaDocNorm *nm = na_doc_norms(s->doc);
	const char *arena = na_doc_arena(s->doc);
	const NaSentimentModel *m = s->model;

	if (w->looked)
		return;
	for (size_t i = w->a; i < w->b; i++)
		s->ent[i] = (t[i].marks & NA_DM_WORD)
			? m->lookup(m, arena + nm[i].off, nm[i].len, nm[i].hash) : NULL;
	w->looked = true;
}

static inline uint16_t
cue_of(const NaSentiment *s, size_t i)
{
	return s->ent[i] ? s->ent[i]->cue : 0;
}

/* A quotation of a sentence: tokens [a, b), and whether a mention is in it. */
typedef struct Quote
{
	size_t		a;
	size_t		b;
	bool		mentioned;
} Quote;

/*
 * find_quotes pairs the quotation marks of sentence [a, b) into q (at most
 * MAX_QUOTES; further ones are not read) and returns their number.
 */
static size_t
find_quotes(const NaDocToken *t, size_t a, size_t b, Quote *q)
{
	size_t		nq = 0;
	bool		inside = false;
	bool		first = true;
	size_t		open = a;

	for (size_t i = a; i < b && nq < MAX_QUOTES; i++)
	{
		if (t[i].kind != NA_TOK_PUNCT || !(t[i].flags & NA_TF_QUOTE))
			continue;
		if (inside)
		{
			q[nq].a = open;
			q[nq].b = i;
			q[nq++].mentioned = false;
			inside = false;
		}
		else if (first && (t[i].flags & NA_TF_CLOSER) && !(t[i].flags & NA_TF_OPENER))
		{
			q[nq].a = a;
			q[nq].b = i;
			q[nq++].mentioned = false;
		}
		else
		{
			inside = true;
			open = i + 1;
		}
		first = false;
	}
	if (inside && nq < MAX_QUOTES)
	{
		q[nq].a = open;
		q[nq].b = b;
		q[nq++].mentioned = false;
	}
	return nq;
}

/* push_occ appends one occurrence to the sentence's buffer. */
static NaStatus
push_occ(NaSentiment *s, const char *word, uint16_t len, uint8_t slots, bool flip,
		 float value, const NaSentimentWord *e)
{
	NaSentimentOcc *o;
	NaStatus	st;

	if (s->nocc == s->capocc &&
		(st = na_grow(s->alloc, (void **) &s->occ, &s->capocc, s->nocc + 1,
					  sizeof(NaSentimentOcc))) != NA_OK)
		return st;
	o = &s->occ[s->nocc++];
	o->word = word;
	o->len = len;
	o->slots = slots;
	o->flip = flip;
	o->value = value;
	o->entry = e;
	return NA_OK;
}

/*
 * score_sentence scores sentence w with the mentions m[0..k) (token ranges
 * inside it, in order; k = 0 in document scope) into acc.
 */
static NaStatus
score_sentence(NaSentiment *s, WinSentence *w, const Mention *m, size_t k,
			   NaSentimentScore *acc)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	const NaDocNorm *nm = na_doc_norms(s->doc);
	const char *arena = na_doc_arena(s->doc);
	const NaSentimentModel *model = s->model;
	const NaSentimentParams *p = &model->params;
	float		feat[NA_SF_COUNT] = {0};
	Quote		q[MAX_QUOTES];
	size_t		nq = 0;
	size_t		speech = SIZE_MAX;	/* the target's "said" */
	size_t		mi = 0;			/* first mention not wholly before i */
	size_t		qi = 0;			/* first quotation not wholly before i */
	uint32_t	negated = 0;
	float		next = 1.0f;
	float		after = 1.0f;
	bool		conceding = false;
	bool		pronouns_only = k > 0;
	uint32_t	words = 0,
				pos = 0,
				neg = 0;
	double		z[2];
	NaStatus	st;

	look_up(s, w);
	s->nocc = 0;

	/* the target's place: quotations, speaker, subject */
	if (k > 0)
	{
		size_t		first_word = w->a;

		nq = find_quotes(t, w->a, w->b, q);
		while (first_word < w->b && !(t[first_word].marks & NA_DM_WORD))
			first_word++;
		for (size_t j = 0, c = 0; j < k; j++)
		{
			const Mention *x = &m[j];

			if (!x->pronoun)
				pronouns_only = false;
			if (x->a == first_word)
				feat[NA_SF_SUBJECT] = 1.0f;
			if (t[x->b - 1].marks & NA_DM_POSS)
				feat[NA_SF_POSSESSIVE] = 1.0f;
			while (c < nq && q[c].b <= x->a)
				c++;
			if (c < nq && q[c].a <= x->a)
			{
				q[c].mentioned = true;
				feat[NA_SF_QUOTED] = 1.0f;
				continue;
			}
			/* X said ..., said X */
			if (x->b < w->b && (cue_of(s, x->b) & NA_SC_SPEECH))
			{
				feat[NA_SF_SPEAKER] = 1.0f;
				if (speech == SIZE_MAX)
					speech = x->b;
			}
			else if (x->a > w->a && (cue_of(s, x->a - 1) & NA_SC_SPEECH))
				feat[NA_SF_SPEAKER] = 1.0f;
		}
		if (pronouns_only)
			feat[NA_SF_PRONOUN] = 1.0f;
	}

	for (size_t i = w->a; i < w->b; i++)
	{
		const NaDocToken *tok = &t[i];
		const NaSentimentWord *e;
		uint16_t	cue;
		uint8_t		slots = 1 << NA_SS_SENTENCE;
		bool		flip = false;
		float		v;

		if (tok->kind == NA_TOK_PUNCT)
		{
			if (tok->cp == '?')
				feat[NA_SF_QUESTION] = 1.0f;
			else if (tok->cp == '!')
				feat[NA_SF_EXCLAIM] = 1.0f;
			/* a clause ends: negation, intensity and concession with it */
			if (tok->cp != '\'' && tok->cp != 0x2019)
			{
				negated = 0;
				next = 1.0f;
				if (tok->cp == ',' || tok->cp == ';' || tok->cp == ':' ||
					(tok->flags & NA_TF_DASH))
					conceding = false;
			}
			continue;
		}
		if (!(tok->marks & NA_DM_WORD))
			continue;
		while (mi < k && m[mi].b <= i)
			mi++;
		if (mi < k && m[mi].a <= i)
			continue;			/* the mention itself */
		e = s->ent[i];
		cue = e ? e->cue : 0;
		words++;
		if (cue & NA_SC_CONTRAST)
		{
			for (size_t o = 0; o < s->nocc; o++)
				s->occ[o].value *= p->before_contrast;
			after = p->after_contrast;
			negated = 0;
			conceding = false;
		}
		v = next * after * (conceding ? p->concessive : 1.0f);
		next = 1.0f;
		if (negated > 0 && !(cue & NA_SC_NEGATION))
		{
			flip = true;
			v *= p->negated;
			negated--;
		}
		if (k > 0)
		{
			bool		reported = false;

			while (qi < nq && q[qi].b <= i)
				qi++;
			if (qi < nq && q[qi].a <= i)
				reported = !q[qi].mentioned;
			else if (speech != SIZE_MAX && i > speech)
				reported = true;
			if (reported)
			{
				slots |= 1 << NA_SS_REPORTED;
				v *= p->reported;
			}
			/* the nearest mention: m[mi] after i, m[mi - 1] before it */
			{
				size_t		dl = mi < k ? m[mi].a - i : SIZE_MAX;
				size_t		dr = mi > 0 ? i - (m[mi - 1].b - 1) : SIZE_MAX;

				if (dl <= dr && dl <= p->near)
					slots |= 1 << NA_SS_LEFT;
				else if (dr < dl && dr <= p->near)
					slots |= 1 << NA_SS_RIGHT;
			}
		}
		if (e || s->trace)
		{
			if ((st = push_occ(s, arena + nm[i].off, nm[i].len, slots, flip, v, e)) != NA_OK)
				return st;
		}
		if (e && e->lexicon)
		{
			if ((e->lexicon > 0) != flip)
				pos++;
			else
				neg++;
		}
		if (cue & NA_SC_NEGATION)
			negated = p->negation_scope;
		if (cue & NA_SC_INTENSIFIER)
			next = p->intensified;
		else if (cue & NA_SC_DOWNTONER)
			next = p->downtoned;
		if (cue & NA_SC_CONCESSIVE)
			conceding = true;
	}
	tick(s, w->b - w->a);
	if (words == 0 && k == 0)
		return NA_OK;			/* nothing to read: numbers, punctuation */

	/* log-odds of negative and positive against neutral */
	z[0] = model->bias[0];
	z[1] = model->bias[1];
	for (int f = 0; f < NA_SF_COUNT; f++)
	{
		z[0] += feat[f] * model->features[f][0];
		z[1] += feat[f] * model->features[f][1];
	}
	for (size_t o = 0; o < s->nocc; o++)
	{
		const NaSentimentOcc *x = &s->occ[o];
		double		zn = 0,
					zp = 0;

		if (!x->entry)
			continue;
		for (int sl = 0; sl < NA_SS_COUNT; sl++)
		{
			if (x->slots & (1 << sl))
			{
				zn += x->entry->w[sl][0];
				zp += x->entry->w[sl][1];
			}
		}
		if (x->flip)
		{
			double		tmp = zn;

			zn = zp;
			zp = tmp;
		}
		z[0] += x->value * zn;
		z[1] += x->value * zp;
	}
	{
		double		mx = z[0] > z[1] ? z[0] : z[1];
		double		en,
					eu,
					ep,
					sum;
		float		prob[NA_POL_COUNT];

		if (mx < 0)
			mx = 0;
		en = exp(z[0] - mx);
		eu = exp(-mx);
		ep = exp(z[1] - mx);
		sum = en + eu + ep;
		prob[NA_POL_NEGATIVE] = (float) (en / sum);
		prob[NA_POL_NEUTRAL] = (float) (eu / sum);
		prob[NA_POL_POSITIVE] = (float) (ep / sum);
		for (int c = 0; c < NA_POL_COUNT; c++)
			acc->prob[c] += prob[c];
		if (s->trace)
		{
			NaSentimentTrace tr;

			tr.sentence = w->number;
			tr.occ = s->occ;
			tr.nocc = s->nocc;
			memcpy(tr.features, feat, sizeof(feat));
			memcpy(tr.prob, prob, sizeof(prob));
			s->trace(&tr, s->trace_arg);
		}
	}
	acc->sentences++;
	acc->words += words;
	acc->positive += pos;
	acc->negative += neg;
	return NA_OK;
}

/*
 * find_pronouns collects into s->pron the personal pronouns of sentence w
 * when the first reference to a person in it is one: no capitalized word
 * (another name) comes before the first pronoun, the first word of the
 * sentence aside.  Returns their number.
 */
static size_t
find_pronouns(NaSentiment *s, WinSentence *w)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	bool		first = true;
	bool		named = false;

	look_up(s, w);
	s->npron = 0;
	for (size_t i = w->a; i < w->b; i++)
	{
		if (!(t[i].marks & NA_DM_WORD))
			continue;
		if (cue_of(s, i) & NA_SC_PRONOUN)
		{
			if (named)
				break;
			if (na_grow(s->alloc, (void **) &s->pron, &s->cappron, s->npron + 1,
						sizeof(Mention)) != NA_OK)
				return 0;
			s->pron[s->npron].a = i;
			s->pron[s->npron].b = i + 1;
			s->pron[s->npron++].pronoun = true;
		}
		else if (!first && s->npron == 0 && (t[i].marks & NA_DM_CAP))
			named = true;
		first = false;
	}
	return s->npron;
}

/*
 * score_target scores the sentences of the window that hold the mentions
 * m[0..n) (in order, all in the window) into acc; with person, the
 * sentences after them whose pronouns stand for the target too.  owner
 * (may be NULL) vetoes pronoun sentences: owner[si] is the target that was
 * named last before window sentence si, and only me may take its
 * pronouns.
 */
static NaStatus
score_target(NaSentiment *s, const Mention *m, size_t n, bool person,
			 const uint32_t *owner, uint32_t me, NaSentimentScore *acc)
{
	const NaSentimentParams *p = &s->model->params;
	size_t		j = 0;
	NaStatus	st;

	for (size_t si = 0; si < s->nsent; si++)
	{
		WinSentence *w = &s->sent[si];
		size_t		k = j;

		while (j < n && m[j].a < w->b)
			j++;
		if (j > k)
		{
			if ((st = score_sentence(s, w, m + k, j - k, acc)) != NA_OK)
				return st;
			acc->mentions += (uint32_t) (j - k);
			acc->last_sentence = w->number;
		}
		else if (person && acc->last_sentence > 0 && w->number > acc->last_sentence &&
				 w->number - acc->last_sentence <= p->pronoun_reach &&
				 (!owner || owner[si] == me) && find_pronouns(s, w) > 0)
		{
			if ((st = score_sentence(s, w, s->pron, s->npron, acc)) != NA_OK)
				return st;
			acc->mentions += (uint32_t) s->npron;
			acc->last_sentence = w->number;
		}
		else if (j == n && (!person || acc->last_sentence == 0 ||
							w->number > acc->last_sentence + p->pronoun_reach))
			break;				/* nothing more in scope */
	}
	return NA_OK;
}

/* word_is reports whether token i's form is the target word tw. */
static inline bool
word_is(const NaSentiment *s, const NaDocToken *t, const NaDocNorm *nm, const char *arena,
		size_t i, const TargetWord *tw)
{
	return nm[i].hash == tw->hash && nm[i].len == tw->len &&
		memcmp(arena + nm[i].off, s->tforms + tw->off, tw->len) == 0 &&
		(!tw->cap || (t[i].marks & (NA_DM_CAP | NA_DM_ACAPS)));
}

/* find_mentions collects the mentions of the target in the window into s->ment. */
static NaStatus
find_mentions(NaSentiment *s)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	const NaDocNorm *nm = na_doc_norms(s->doc);
	const char *arena = na_doc_arena(s->doc);
	size_t		n = na_doc_ntokens(s->doc);
	const TargetWord *last = s->surname >= 0 ? &s->tw[s->surname] : NULL;
	NaStatus	st;

	s->nment = 0;
	for (size_t i = 0; i < n; i++)
	{
		size_t		b = i;
		size_t		a = i;

		if ((i & 4095) == 4095)
			tick(s, 4096);
		if (nm[i].len == 0)
			continue;
		if (word_is(s, t, nm, arena, i, &s->tw[0]))
		{
			size_t		j = 1;

			while (j < s->ntw && i + j < n && t[i + j].sentence == t[i].sentence &&
				   word_is(s, t, nm, arena, i + j, &s->tw[j]))
				j++;
			if (j == s->ntw)
				b = i + j;
		}
		if (b == i && last && word_is(s, t, nm, arena, i, last))
			b = i + 1;
		if (b == i)
			continue;
		/* capitalized words around it belong to the name */
		if (s->tw[0].cap)
		{
			for (int g = 0; g < MENTION_GROW && a > 0 &&
				 (s->nment == 0 || a > s->ment[s->nment - 1].b) &&
				 t[a - 1].sentence == t[i].sentence && (t[a - 1].marks & NA_DM_CAP) &&
				 !(t[a - 1].marks & NA_DM_POSS); g++)
				a--;
			for (int g = 0; g < MENTION_GROW && b < n && t[b].sentence == t[i].sentence &&
				 (t[b].marks & NA_DM_CAP) && !(t[b - 1].marks & NA_DM_POSS); g++)
				b++;
		}
		if ((st = na_grow(s->alloc, (void **) &s->ment, &s->capment, s->nment + 1,
						  sizeof(Mention))) != NA_OK)
			return st;
		s->ment[s->nment].a = a;
		s->ment[s->nment].b = b;
		s->ment[s->nment++].pronoun = false;
		i = b - 1;
	}
	return NA_OK;
}

/* na_sentiment_window: see sentiment.h. */
NaStatus
na_sentiment_window(NaSentiment *s)
{
	NaStatus	st;

	if ((st = window_prepare(s)) != NA_OK)
		return st;
	if (!s->has_target)
	{
		for (size_t si = 0; si < s->nsent; si++)
			if ((st = score_sentence(s, &s->sent[si], NULL, 0, &s->acc)) != NA_OK)
				return st;
		return NA_OK;
	}
	if ((st = find_mentions(s)) != NA_OK)
		return st;
	/* without a mention here, pronouns may still continue the last window's */
	if (s->nment > 0 || s->acc.last_sentence > 0)
		return score_target(s, s->ment, s->nment, true, NULL, 0, &s->acc);
	return NA_OK;
}

/*
 * to_mentions turns byte extents into token ranges of the window (in
 * s->ment); extents that cover no token of the window are dropped.
 */
static NaStatus
to_mentions(NaSentiment *s, const NaSentimentMention *x, size_t n)
{
	const NaDocToken *t = na_doc_tokens(s->doc);
	size_t		nt = na_doc_ntokens(s->doc);
	size_t		i = 0;
	NaStatus	st;

	s->nment = 0;
	for (size_t j = 0; j < n; j++)
	{
		size_t		end = x[j].start + x[j].len;
		size_t		a;

		while (i < nt && t[i].start < x[j].start)
			i++;
		a = i;
		while (i < nt && t[i].start + t[i].len <= end)
			i++;
		if (i == a)
			continue;
		if ((st = na_grow(s->alloc, (void **) &s->ment, &s->capment, s->nment + 1,
						  sizeof(Mention))) != NA_OK)
			return st;
		s->ment[s->nment].a = a;
		s->ment[s->nment].b = i;
		s->ment[s->nment++].pronoun = false;
	}
	return NA_OK;
}

/* na_sentiment_window_mentions: see sentiment.h. */
NaStatus
na_sentiment_window_mentions(NaSentiment *s, const NaSentimentMention *m, size_t n,
							 bool person, NaSentimentScore *acc)
{
	NaStatus	st;

	if ((st = window_prepare(s)) != NA_OK || (st = to_mentions(s, m, n)) != NA_OK)
		return st;
	return score_target(s, s->ment, s->nment, person, NULL, 0, acc);
}

/* na_sentiment_result: see sentiment.h. */
void
na_sentiment_result(const NaSentimentScore *acc, NaSentimentResult *r)
{
	memset(r, 0, sizeof(NaSentimentResult));
	r->sentences = acc->sentences;
	r->mentions = acc->mentions;
	r->words = acc->words;
	r->polarity = NA_POL_NEUTRAL;
	if (acc->words > 0)
	{
		r->positive = (float) (100.0 * acc->positive / acc->words);
		r->negative = (float) (100.0 * acc->negative / acc->words);
	}
	if (acc->sentences == 0)
	{
		r->prob[NA_POL_NEUTRAL] = 1.0f;
		return;
	}
	for (int c = 0; c < NA_POL_COUNT; c++)
		r->prob[c] = (float) (acc->prob[c] / acc->sentences);
	if (r->prob[NA_POL_NEGATIVE] > r->prob[r->polarity])
		r->polarity = NA_POL_NEGATIVE;
	if (r->prob[NA_POL_POSITIVE] > r->prob[r->polarity])
		r->polarity = NA_POL_POSITIVE;
	r->score = r->prob[NA_POL_POSITIVE] - r->prob[NA_POL_NEGATIVE];
}

/* na_sentiment_of_doc: see sentiment.h. */
NaStatus
na_sentiment_of_doc(NaDoc *doc, const NaSentimentModel *model, const char *target,
					size_t tlen, NaSentimentResult *r, const NaAllocator *alloc,
					const NaYield *yield)
{
	NaSentiment *s = NULL;
	NaStatus	st;

	memset(r, 0, sizeof(NaSentimentResult));
	st = na_sentiment_create(doc, model, target, tlen, alloc, yield, &s);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
		st = na_sentiment_window(s);
	if (st == NA_OK)
		na_sentiment_result(&s->acc, r);
	na_sentiment_destroy(s);
	return st;
}

/* na_sentiment_text: see sentiment.h. */
NaStatus
na_sentiment_text(const NaSentimentModel *model, const char *text, size_t len,
				  const char *target, size_t tlen, NaSentimentResult *r,
				  const NaAllocator *alloc, const NaYield *yield, size_t *err_offset)
{
	NaDoc	   *doc;
	NaStatus	st;

	memset(r, 0, sizeof(NaSentimentResult));
	if (len >= UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, yield, &doc);
	if (st != NA_OK)
		return st;
	st = na_sentiment_of_doc(doc, model, target, tlen, r, alloc, yield);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_doc_destroy(doc);
	return st;
}

/* ---------------------------------------------------------------------
 * Entities
 * ------------------------------------------------------------------- */

/* One entity: its name in Ex.names and its scope. */
typedef struct EntRec
{
	uint32_t	hash;
	NaEntityType type;
	size_t		name;			/* offset in Ex.names */
	size_t		name_len;
	NaSentimentScore acc;
	uint64_t	window;			/* window of wfirst/wlast, from 1 */
	uint32_t	wfirst;			/* its first and last mention in Ex.wm */
	uint32_t	wlast;
} EntRec;

/* A mention of an entity in the current window, chained per entity. */
typedef struct EntMention
{
	uint32_t	rec;
	uint32_t	next;			/* next mention of the entity, UINT32_MAX: none */
	size_t		start;
	size_t		len;
	uint32_t	sentence;
} EntMention;

typedef struct Ex
{
	NaSentiment *s;
	const NaAllocator *alloc;
	NaStatus	st;
	EntRec	   *recs;
	size_t		nrecs;
	size_t		caprecs;
	uint32_t   *slots;			/* open addressing: rec + 1, 0 = empty */
	size_t		nslots;
	NaBuf		names;
	uint64_t	window;
	EntMention *wm;				/* mentions of the window, text order */
	size_t		nwm;
	size_t		capwm;
	uint32_t   *touched;		/* entities mentioned in the window */
	size_t		ntouched;
	size_t		captouched;
	NaSentimentMention *xm;
	size_t		capxm;
	uint32_t   *owner;			/* per window sentence: the person (rec + 1)
								 * named last before it */
	size_t		capowner;
	uint32_t	last_person;	/* rec + 1, carried across windows */
} Ex;

/* ex_find returns the record of (type, name), adding it; UINT32_MAX on error. */
static uint32_t
ex_find(Ex *x, NaEntityType type, const char *name, size_t len)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT ^ (uint32_t) type, name, len);
	size_t		i;
	EntRec	   *r;

	if ((x->nrecs + 1) * 2 > x->nslots)
	{
		size_t		ns = x->nslots ? x->nslots * 2 : 64;
		uint32_t   *sl;

		if (ns > SIZE_MAX / sizeof(uint32_t) || !(sl = na_alloc(x->alloc, ns * sizeof(uint32_t))))
		{
			x->st = NA_ERR_NOMEM;
			return UINT32_MAX;
		}
		memset(sl, 0, ns * sizeof(uint32_t));
		for (size_t k = 0; k < x->nrecs; k++)
		{
			i = x->recs[k].hash & (ns - 1);
			while (sl[i])
				i = (i + 1) & (ns - 1);
			sl[i] = (uint32_t) k + 1;
		}
		na_release(x->alloc, x->slots);
		x->slots = sl;
		x->nslots = ns;
	}
	for (i = h & (x->nslots - 1); x->slots[i]; i = (i + 1) & (x->nslots - 1))
	{
		r = &x->recs[x->slots[i] - 1];
		if (r->hash == h && r->type == type && r->name_len == len &&
			memcmp(x->names.data + r->name, name, len) == 0)
			return x->slots[i] - 1;
	}
	if (x->nrecs >= UINT32_MAX - 1)
	{
		x->st = NA_ERR_TOO_LARGE;
		return UINT32_MAX;
	}
	if ((x->st = na_grow(x->alloc, (void **) &x->recs, &x->caprecs, x->nrecs + 1,
						 sizeof(EntRec))) != NA_OK)
		return UINT32_MAX;
	r = &x->recs[x->nrecs];
	memset(r, 0, sizeof(EntRec));
	r->hash = h;
	r->type = type;
	r->name = x->names.len;
	r->name_len = len;
	if ((x->st = na_buf_append(&x->names, name, len)) != NA_OK)
		return UINT32_MAX;
	x->slots[i] = (uint32_t) x->nrecs + 1;
	return (uint32_t) x->nrecs++;
}

/* ex_entity: NaEntityFn collecting the names of the window. */
static bool
ex_entity(const NaEntity *e, void *arg)
{
	Ex		   *x = arg;
	uint32_t	rec;
	EntRec	   *r;
	EntMention *m;

	if (e->type < NA_ENT_PERSON || e->type > NA_ENT_MISC)
		return true;			/* a pattern span */
	if ((rec = ex_find(x, e->type, e->canonical, e->canonical_len)) == UINT32_MAX)
		return false;
	if (x->nwm >= UINT32_MAX - 1)
	{
		x->st = NA_ERR_TOO_LARGE;
		return false;
	}
	if ((x->st = na_grow(x->alloc, (void **) &x->wm, &x->capwm, x->nwm + 1,
						 sizeof(EntMention))) != NA_OK)
		return false;
	m = &x->wm[x->nwm];
	m->rec = rec;
	m->next = UINT32_MAX;
	m->start = e->start;
	m->len = e->len;
	m->sentence = e->sentence;
	r = &x->recs[rec];
	if (r->window != x->window)
	{
		if ((x->st = na_grow(x->alloc, (void **) &x->touched, &x->captouched, x->ntouched + 1,
							 sizeof(uint32_t))) != NA_OK)
			return false;
		x->touched[x->ntouched++] = rec;
		r->window = x->window;
		r->wfirst = (uint32_t) x->nwm;
	}
	else
		x->wm[r->wlast].next = (uint32_t) x->nwm;
	r->wlast = (uint32_t) x->nwm;
	x->nwm++;
	return true;
}

/*
 * ex_window scores the window for every entity mentioned in it, each with
 * its own mentions (followed along their chain, in text order).  A
 * pronoun sentence goes to the person named last before it.
 */
static NaStatus
ex_window(Ex *x)
{
	NaSentiment *s = x->s;
	NaStatus	st;
	size_t		j = 0;

	if ((st = window_prepare(s)) != NA_OK ||
		(st = na_grow(x->alloc, (void **) &x->owner, &x->capowner, s->nsent + 1,
					  sizeof(uint32_t))) != NA_OK ||
		(st = na_grow(x->alloc, (void **) &x->xm, &x->capxm, x->nwm + 1,
					  sizeof(NaSentimentMention))) != NA_OK)
		return st;
	for (size_t si = 0; si < s->nsent; si++)
	{
		x->owner[si] = x->last_person;
		for (; j < x->nwm && x->wm[j].sentence <= s->sent[si].number; j++)
			if (x->recs[x->wm[j].rec].type == NA_ENT_PERSON)
				x->last_person = x->wm[j].rec + 1;
	}
	for (size_t k = 0; k < x->ntouched; k++)
	{
		uint32_t	rec = x->touched[k];
		EntRec	   *r = &x->recs[rec];
		size_t		n = 0;

		for (uint32_t i = r->wfirst; i != UINT32_MAX; i = x->wm[i].next)
		{
			x->xm[n].start = x->wm[i].start;
			x->xm[n++].len = x->wm[i].len;
		}
		if ((st = to_mentions(s, x->xm, n)) != NA_OK ||
			(st = score_target(s, s->ment, s->nment, r->type == NA_ENT_PERSON,
							   x->owner, rec + 1, &r->acc)) != NA_OK)
			return st;
	}
	x->nwm = 0;
	x->ntouched = 0;
	return NA_OK;
}

/* na_entity_sentiment_of_doc: see sentiment.h. */
NaStatus
na_entity_sentiment_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *ner,
						   const NaSentimentModel *model,
						   NaEntitySentimentFn fn, void *arg, const NaAllocator *alloc,
						   const NaYield *yield)
{
	NaEntities *ents = NULL;
	Ex			x;
	NaStatus	st;

	memset(&x, 0, sizeof(Ex));
	x.alloc = alloc;
	na_buf_init(&x.names, alloc);
	st = na_sentiment_create(doc, model, NULL, 0, alloc, yield, &x.s);
	if (st == NA_OK)
		st = na_entities_create(doc, g, ner, ex_entity, &x, alloc, &ents);
	while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
	{
		x.window++;
		st = na_entities_window(ents);
		if (st == NA_OK && x.st != NA_OK)
			st = x.st;
		if (st == NA_OK)
			st = ex_window(&x);
	}
	if (st == NA_OK)
		st = na_entities_finish(ents);
	if (st == NA_OK && x.st != NA_OK)
		st = x.st;
	for (size_t i = 0; st == NA_OK && i < x.nrecs; i++)
	{
		NaEntitySentiment es;

		if ((i & 1023) == 1023)
			na_yield(yield);
		es.type = x.recs[i].type;
		es.canonical = x.names.data + x.recs[i].name;
		es.canonical_len = x.recs[i].name_len;
		na_sentiment_result(&x.recs[i].acc, &es.result);
		if (!fn(&es, arg))
			break;
	}
	na_entities_destroy(ents);
	na_sentiment_destroy(x.s);
	na_release(alloc, x.recs);
	na_release(alloc, x.slots);
	na_release(alloc, x.wm);
	na_release(alloc, x.touched);
	na_release(alloc, x.xm);
	na_release(alloc, x.owner);
	na_buf_free(&x.names);
	return st;
}

/* na_entity_sentiment_extract: see sentiment.h. */
NaStatus
na_entity_sentiment_extract(const NaGazetteer *g, const NaSentimentModel *model,
							const char *text, size_t len, const NaSpan *spans, size_t nspans,
							NaEntitySentimentFn fn, void *arg,
							const NaAllocator *alloc, const NaYield *yield,
							size_t *err_offset)
{
	NaDoc	   *doc;
	NaStatus	st;

	if (len >= UINT32_MAX / 2)
		return NA_ERR_TOO_LARGE;
	st = na_doc_create(text, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, yield, &doc);
	if (st != NA_OK)
		return st;
	if (spans && nspans > 0)
		st = na_doc_add_spans(doc, spans, nspans);
	if (st == NA_OK)
		st = na_entity_sentiment_of_doc(doc, g, NULL, model, fn, arg, alloc, yield);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(doc);
	na_doc_destroy(doc);
	return st;
}
