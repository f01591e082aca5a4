/*
 * ner_bayes.c
 *		The built-in entity model: naive Bayes over PER ORG LOC MISC O, with
 *		word, suffix, previous-word and next-word likelihoods and word counts
 *		learned from CoNLL-2003 train (src/tools/gen_ner_model.py writes
 *		gen_ner_model.inc: statistics only, not the text).
 *
 * A word the model knows is "common" when it is written in lower case at
 * least twice and, all told, more often as an ordinary word than a third
 * of its uses as a name; it is "nearly always a name" when it was inside a
 * name at least five times and four times more often than anything else.
 * A span scores, per class, the prior plus the likelihood of each of its
 * capitalized words (or of its last three letters, for a word never seen)
 * plus those of the words before and after it in its sentence ("<s>" and
 * "</s>" at the edges), the context's say over the type tempered
 * (add_context).  The tables are open-addressing hash tables keyed by the
 * normalized form, probed with the document's FNV-1a hash.
 */
#include "ner_model.h"

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

/* norm: the normalized form of token i of the window */
static inline const char *
norm(const NaDoc *doc, size_t i, size_t *len)
{
	const NaDocNorm *m = &na_doc_norms(doc)[i];

	*len = m->len;
	return na_doc_arena(doc) + m->off;
}

/*
 * How much the words around a span say about which type of name it is.
 * Naive Bayes takes the word before and the word after as evidence as
 * strong as the name's own words, so for a name the model has seen little
 * of ("Linux", "Xbox") one article's "to Linux" made it a place and
 * another's "Linux founder" something else: the same name took whatever
 * type its neighbours suggested, article by article.  The context's
 * differences between the four name classes are therefore scaled by this
 * weight, while its evidence for no name at all (O) is kept whole.  On
 * CoNLL-2003 train (PER+ORG+LOC) any weight from 0.5 to 0.8 did as well
 * as 1 or a little better; 0.7 keeps IE-ER and CoNLL dev where they were
 * and raises the type consistency of BBC + AG News (test/eval/README.md).
 */
#define NER_CONTEXT_TYPE_WEIGHT 0.7f

/*
 * add_context: the log-likelihoods lp of a context word, into s; the part
 * that tells the name classes apart also into ctx
 */
static inline void
add_context(float s[NA_NER_CLASSES], float ctx[NA_NER_CLASSES], const float lp[NA_NER_CLASSES])
{
	float		mean = 0;

	for (int t = 0; t < NA_NER_O; t++)
		mean += lp[t];
	mean /= NA_NER_O;
	for (int t = 0; t < NA_NER_O; t++)
	{
		float		d = NER_CONTEXT_TYPE_WEIGHT * (lp[t] - mean);

		s[t] += mean + d;
		ctx[t] += d;
	}
	s[NA_NER_O] += lp[NA_NER_O];
}

static const NaEntityType name_types[NER_NTYPES] = {
	NA_ENT_PERSON, NA_ENT_ORG, NA_ENT_LOC, NA_ENT_MISC
};

/* bayes_word: see NaNerModel.word */
static void
bayes_word(const NaNerModel *model, const NaDoc *doc, size_t i, NaNerWord *out)
{
	size_t		len;
	const char *w = norm(doc, i, &len);
	uint32_t	h = na_doc_norms(doc)[i].hash;
	const NerWord *m = model_word(w, len, h);

	out->known = m != NULL;
	out->common = false;
	out->name = NA_ENT_NONE;
	if (!m)
	{
		size_t		mask = NER_COMMON_SIZE - 1;

		for (size_t k = h & mask; ner_common[k].w; k = (k + 1) & mask)
			if ((size_t) ner_common[k].len == len && memcmp(ner_common[k].w, w, len) == 0)
				out->common = true;
		return;
	}
	out->common = m->lower >= 2 && (uint32_t) m->lower + m->oinit + m->ocap > 3u * m->ent;
	if (m->ent >= 5 && m->ent >= 4u * ((uint32_t) m->ocap + m->oinit + m->lower))
	{
		int			best = 0;

		for (int c = 1; c < NER_NTYPES; c++)
			if (m->lp[c] > m->lp[best])
				best = c;
		out->name = name_types[best];
	}
}

/* bayes_span: see NaNerModel.span */
static void
bayes_span(const NaNerModel *model, const NaDoc *doc, size_t a, size_t b,
		   float s[NA_NER_CLASSES], float ctx[NA_NER_CLASSES], int *unknown)
{
	const NaToken *toks = na_doc_tokens(doc);
	const NaDocNorm *norms = na_doc_norms(doc);
	size_t		n = na_doc_ntokens(doc);
	const NerCtx *c;
	size_t		len;
	const char *w;

	*unknown = 0;
	for (int t = 0; t < NA_NER_CLASSES; t++)
	{
		s[t] = ner_span_prior[t];
		ctx[t] = 0;
	}
	for (size_t k = a; k < b; k++)
	{
		const NerWord *m;

		if (!(toks[k].marks & NA_DM_CAP))
			continue;
		w = norm(doc, k, &len);
		m = model_word(w, len, norms[k].hash);
		if (m)
		{
			for (int t = 0; t < NA_NER_CLASSES; t++)
				s[t] += m->lp[t];
		}
		else
		{
			const NerCtx *sf = NULL;

			(*unknown)++;
			if (len >= 4)
				sf = model_ctx(ner_suffixes, NER_SUFFIXES_SIZE, w + len - 3, 3);
			for (int t = 0; t < NA_NER_CLASSES; t++)
				s[t] += sf ? sf->lp[t] : ner_unk_lp[t];
		}
	}
	/* the word before, in the same sentence, or the sentence start */
	c = NULL;
	if (a > 0 && toks[a - 1].sentence == toks[a].sentence && norms[a - 1].len > 0)
	{
		w = norm(doc, a - 1, &len);
		c = model_ctx(ner_prev, NER_PREV_SIZE, w, len);
	}
	else if (a == 0 || toks[a - 1].sentence != toks[a].sentence)
		c = model_ctx(ner_prev, NER_PREV_SIZE, "<s>", 3);
	add_context(s, ctx, c ? c->lp : ner_prev_unk);
	/* the word after, or the sentence end */
	if (b < n && toks[b].sentence == toks[b - 1].sentence && norms[b].len > 0)
	{
		w = norm(doc, b, &len);
		c = model_ctx(ner_next, NER_NEXT_SIZE, w, len);
	}
	else
		c = model_ctx(ner_next, NER_NEXT_SIZE, "</s>", 4);
	add_context(s, ctx, c ? c->lp : ner_next_unk);
}

static NaNerModel bayes = {
	"bayes", NULL, NULL, bayes_word, bayes_span, NULL, NULL, NULL
};

/* na_ner_bayes: see ner_model.h. */
NaNerModel *
na_ner_bayes(void)
{
	return &bayes;
}
