/*
 * ner_model.h
 *		The seam between the entity rules and an entity model.
 *
 * The rules of entities.c decide where names can be (capitalized runs,
 * titles, head words, the gazetteer, the document's memory) and ask a
 * model three things about the tokens of the current window: is a
 * capitalized word usually an ordinary word, is it nearly always a name
 * (and of which type), and how likely is a run of tokens one name of each
 * type.  A model answers through an NaNerModel: it is loaded by its own
 * constructor, may score each window before the rules read it (a sequence
 * model, a perceptron or a CRF trained in the database, labels the whole
 * window there), answers the questions, and is freed.  The rules never see
 * its weights, so a second model plugs in (na_entities_create takes it)
 * without touching them.
 *
 * A tagging model (ner_tagger.h, trained in the database or built in)
 * gives the names itself through mentions.
 *
 * The built-in model, na_ner_bayes, is the naive Bayes of ner_bayes.c
 * trained on CoNLL-2003 train (gen_ner_model.inc): word, suffix, previous
 * and next word likelihoods per class.
 *
 * Tokens are those of the document's current window (doc.h, with
 * NA_DOC_SENTENCES and NA_DOC_NORMS), by index from 0.
 */
#ifndef NA_NER_MODEL_H
#define NA_NER_MODEL_H

#include "doc.h"
#include "entities.h"
#include "na_core.h"

/* Classes of span scores, in this order. */
#define NA_NER_PER		0
#define NA_NER_ORG		1
#define NA_NER_LOC		2
#define NA_NER_MISC		3
#define NA_NER_O		4		/* not a name */
#define NA_NER_CLASSES	5

/* What a model knows of one word token. */
typedef struct NaNerWord
{
	bool		known;			/* in the model's vocabulary */
	bool		common;			/* capitalized, it is usually an ordinary word */
	NaEntityType name;			/* nearly always a name of this type
								 * (PERSON, ORG, LOC, MISC), else NA_ENT_NONE */
} NaNerWord;

/*
 * One name a tagging model found in the current window: tokens [a, b), a
 * built-in type or NA_ENT_NONE for a type of the model's own, whose name
 * (owned by the model) is type_name.
 */
typedef struct NaNerMention
{
	uint32_t	a;
	uint32_t	b;
	NaEntityType type;
	const char *type_name;
	float		confidence;
	uint8_t		rule;			/* of the rules' names (na_entities_rules):
								 * which rule named it, 0 the model */
} NaNerMention;

typedef struct NaNerModel NaNerModel;

struct NaNerModel
{
	const char *name;			/* "bayes", ... */
	void	   *weights;		/* the model's own data */

	/*
	 * window: score the document's current window before the rules read
	 * it (NULL: nothing to do).  A model with per-window state serves one
	 * extraction at a time.
	 */
	NaStatus	(*window) (NaNerModel *m, const NaDoc *doc);

	/* word: what the model knows of token i, a word (NA_DM_WORD) */
	void		(*word) (const NaNerModel *m, const NaDoc *doc, size_t i, NaNerWord *out);

	/*
	 * span: the log-scores of tokens [a, b) being one name of each class
	 * (NA_NER_*), from their capitalized words and their context within
	 * the sentence; *unknown gets how many of those words the model has
	 * never seen; context gets the part of the scores of the name classes
	 * that tells them apart by the words around the span (0 for O, and
	 * all 0 for a model that does not separate it): scores minus context
	 * is what the span's own words say of its type.
	 */
	void		(*span) (const NaNerModel *m, const NaDoc *doc, size_t a, size_t b,
						 float scores[NA_NER_CLASSES], float context[NA_NER_CLASSES],
						 int *unknown);

	/* free: release the model (NULL for a static one) */
	void		(*free) (NaNerModel *m);

	/*
	 * mentions: a tagging model (ner_tagger.h) labels the whole window in
	 * window and gives its names here, in text order; the extractor then
	 * reports them instead of what its rules find (NULL: the rules find
	 * the names and ask word and span).
	 */
	size_t		(*mentions) (const NaNerModel *m, const NaNerMention **out);

	/*
	 * rules: a stacked tagging model (with mentions) reads the names the
	 * rules find in the window (with the built-in Bayes model) before
	 * window labels it: the extractor runs its rules, gives their names
	 * here, then reports the model's mentions (NULL: not stacked)
	 */
	NaStatus	(*rules) (NaNerModel *m, const NaNerMention *names, size_t n);
};

/*
 * na_entities_rules runs the rules of x (na_entities_create) over the
 * document's current window as na_entities_window does, without reporting
 * anything, and gives their names (tokens, type, calibrated confidence,
 * rule) in *out, valid until the next call: what a stacked tagger reads,
 * in training too.  The document memory carries over from window to
 * window as in na_entities_window.
 */
extern NaStatus na_entities_rules(NaEntities *x, const NaNerMention **out, size_t *n);

/* na_ner_bayes: the built-in naive Bayes model (static: nothing to free). */
extern NaNerModel *na_ner_bayes(void);

/* na_ner_model_free: m->free(m) when there is one. */
static inline void
na_ner_model_free(NaNerModel *m)
{
	if (m && m->free)
		m->free(m);
}

#endif							/* NA_NER_MODEL_H */
