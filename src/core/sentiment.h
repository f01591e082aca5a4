/*
 * sentiment.h
 *		The tone of a document and the sentiment expressed toward a target
 *		(a person, a company) in it, read from the analysed document.
 *
 * Two scopes, one scorer:
 *
 *	document	every sentence of the text: its tone the way GDELT reports
 *				it (the shares of positive and negative words) and the
 *				polarity of the mean of its sentences;
 *	target		the sentences that mention the target (a name or a mention
 *				as written), by its full form or the surname of a full
 *				name, and the sentences right after a mention in which a
 *				personal pronoun (he, she, his, her, ...) stands for it;
 *				words near a mention, in a quotation by or about it, and
 *				its place in the sentence (subject, speaker, quoted) weigh
 *				in besides the words of the sentence.
 *
 * Each sentence in scope gets a probability for negative, neutral and
 * positive from a log-linear model (a model is the seam: words with their
 * weights and cue kinds on one side, see NaSentimentModel, the rules of
 * this file on the other).  A word's weights are read in context: a
 * negation ("not", "never", "didn't") swaps a word's negative and positive
 * weights for the few words it governs, an intensifier ("very") or a
 * downtoner ("slightly") scales the next word, a contrast ("but",
 * "however") moves weight from the clause before it to the clause after
 * it, a concessive clause ("although ...") weighs less, and what a target
 * says (quoted, or reported after "said") is its own view, not the
 * author's view of it.  The scope's polarity is the most probable class
 * of the mean of its sentences' probabilities.
 *
 * The built-in model (gen_sentiment_model.inc) is learned by
 * src/tools/gen_sentiment_model.py from NewsMTSC train sentences with the
 * cue words of src/data/sentiment_cues.txt; see that script for the data
 * split and the training.
 */
#ifndef NA_SENTIMENT_H
#define NA_SENTIMENT_H

#include "doc.h"
#include "gazetteer.h"
#include "na_core.h"
#include "ner_model.h"

/* Polarities.  na_polarity_name follows this order. */
typedef enum NaPolarity
{
	NA_POL_NEGATIVE = 0,
	NA_POL_NEUTRAL,
	NA_POL_POSITIVE,
	NA_POL_COUNT
} NaPolarity;

extern const char *na_polarity_name(NaPolarity p);

/*
 * Slots: the places a word can hold relative to the target, each with its
 * own weights.  Every word of a sentence in scope counts in SENTENCE; the
 * others add to it.
 */
typedef enum NaSentSlot
{
	NA_SS_SENTENCE = 0,			/* anywhere in the sentence */
	NA_SS_LEFT,					/* just before a mention of the target */
	NA_SS_RIGHT,				/* just after a mention */
	NA_SS_REPORTED,				/* said by someone: in a quotation the target
								 * is not part of, or reported after the
								 * target's "said" */
	NA_SS_COUNT
} NaSentSlot;

/* Cue kinds of a word (NaSentimentWord.cue). */
#define NA_SC_NEGATION		0x0001	/* not, never, didn't: governs the next words */
#define NA_SC_CONTRAST		0x0002	/* but, however: what follows weighs more */
#define NA_SC_CONCESSIVE	0x0004	/* although, despite: its clause weighs less */
#define NA_SC_INTENSIFIER	0x0008	/* very, deeply: the next word weighs more */
#define NA_SC_DOWNTONER		0x0010	/* slightly, somewhat: the next word weighs less */
#define NA_SC_SPEECH		0x0020	/* said, told: reported speech follows */
#define NA_SC_PRONOUN		0x0040	/* he, she, him, his, her, ... */

/* Sentence features in target scope, each with its own weights. */
typedef enum NaSentFeature
{
	NA_SF_SUBJECT = 0,			/* a mention opens the sentence */
	NA_SF_SPEAKER,				/* a mention next to a speech verb */
	NA_SF_QUOTED,				/* a mention inside a quotation */
	NA_SF_PRONOUN,				/* only pronouns stand for the target */
	NA_SF_POSSESSIVE,			/* a mention in the possessive (Trump's) */
	NA_SF_QUESTION,				/* the sentence asks (?) */
	NA_SF_EXCLAIM,				/* the sentence exclaims (!) */
	NA_SF_COUNT
} NaSentFeature;

/*
 * One word of a model: its normalized form (as NaDoc's NA_DOC_NORMS layer
 * writes it), the FNV-1a hash of that form, its cue kinds, its polarity in
 * the word shares (-1, 0, +1) and its weights per slot: the log-odds of
 * negative and of positive against neutral.
 */
typedef struct NaSentimentWord
{
	const char *word;
	uint32_t	hash;
	uint16_t	len;
	uint16_t	cue;
	int8_t		lexicon;
	float		w[NA_SS_COUNT][2];
} NaSentimentWord;

/*
 * How context changes a word's weight (the value of its occurrence), and
 * how far it reaches.
 */
typedef struct NaSentimentParams
{
	uint32_t	near;			/* tokens on each side of a mention that are
								 * LEFT or RIGHT of it */
	uint32_t	negation_scope;	/* words a negation governs */
	uint32_t	pronoun_reach;	/* sentences after a mention in which a
								 * pronoun may stand for the target */
	float		negated;		/* value of a negated word (weights swapped) */
	float		intensified;	/* value of the word after an intensifier */
	float		downtoned;		/* value of the word after a downtoner */
	float		before_contrast;	/* value of the words before "but" */
	float		after_contrast; /* value of the words after it */
	float		concessive;		/* value of the words of a concessive clause */
	float		reported;		/* value of the words of reported speech */
} NaSentimentParams;

/*
 * NaSentimentModel: the weights and words of a model.  lookup returns the
 * word whose normalized form is word[0..len) (hash is its FNV-1a), or
 * NULL.  bias and features are log-odds of negative and positive against
 * neutral, like the word weights.
 */
typedef struct NaSentimentModel NaSentimentModel;
struct NaSentimentModel
{
	const char *name;
	const NaSentimentWord *(*lookup) (const NaSentimentModel *m, const char *word,
									  size_t len, uint32_t hash);
	const void *data;			/* the lookup's own */
	NaSentimentParams params;
	float		bias[2];
	float		features[NA_SF_COUNT][2];
};

/* na_sentiment_builtin_model: the model compiled in (gen_sentiment_model.inc). */
extern const NaSentimentModel *na_sentiment_builtin_model(void);

/*
 * NaSentimentScore: what a scope has gathered so far (sentences scored,
 * their summed probabilities, word counts).  Zero it to start; the caller
 * owns it, and one NaSentiment can fill many (one per entity).
 */
typedef struct NaSentimentScore
{
	double		prob[NA_POL_COUNT];	/* sum over the scored sentences */
	uint32_t	sentences;		/* sentences scored */
	uint32_t	mentions;		/* mentions, pronouns included */
	uint32_t	words;			/* words of the scored sentences */
	uint32_t	positive;		/* of them, with a positive connotation */
	uint32_t	negative;		/* and with a negative one */
	uint32_t	last_sentence;	/* the last sentence that mentioned the
								 * target (for pronouns) */
} NaSentimentScore;

/*
 * The result of a scope.  score is P(positive) - P(negative) of the mean
 * probabilities, in [-1, 1]; positive and negative are the percentages of
 * words with a positive and a negative connotation (GDELT's positive and
 * negative scores; their difference is GDELT's tone).  A scope without a
 * sentence (a target never mentioned, a text without words) is neutral
 * with score 0.
 */
typedef struct NaSentimentResult
{
	NaPolarity	polarity;
	float		score;
	float		prob[NA_POL_COUNT];
	float		positive;
	float		negative;
	uint32_t	sentences;
	uint32_t	mentions;
	uint32_t	words;
} NaSentimentResult;

extern void na_sentiment_result(const NaSentimentScore *acc, NaSentimentResult *r);

/*
 * Tracing: the scorer can report every sentence it scores with the
 * occurrences of its words (form, slots, value, weights swapped by a
 * negation) and its features; the training tool learns from them.
 */
typedef struct NaSentimentOcc
{
	const char *word;			/* normalized form, not NUL-terminated */
	uint16_t	len;
	uint8_t		slots;			/* bit (1 << NaSentSlot) per slot */
	bool		flip;			/* negated: negative and positive swapped */
	float		value;
	const NaSentimentWord *entry;	/* the model's word, or NULL */
} NaSentimentOcc;

typedef struct NaSentimentTrace
{
	uint32_t	sentence;		/* from 1 */
	const NaSentimentOcc *occ;
	size_t		nocc;
	float		features[NA_SF_COUNT];	/* 0 or 1 */
	float		prob[NA_POL_COUNT];
} NaSentimentTrace;

typedef void (*NaSentimentTraceFn) (const NaSentimentTrace *t, void *arg);

/*
 * NaSentiment: the scorer bound to an analysed document (which needs
 * NA_DOC_SENTENCES and NA_DOC_NORMS; NA_ERR_BAD_ARGUMENT otherwise) and a
 * model.  target (may be NULL: the document scope) is read once: its words
 * are normalized like the document's; a target without a word gives
 * NA_ERR_BAD_ARGUMENT.  After each na_doc_next, na_sentiment_window scores
 * the window's sentences in scope into the scorer's own NaSentimentScore
 * (na_sentiment_score).  alloc gives all memory, released by
 * na_sentiment_destroy.
 */
typedef struct NaSentiment NaSentiment;

extern NaStatus na_sentiment_create(NaDoc *doc, const NaSentimentModel *model,
									const char *target, size_t tlen,
									const NaAllocator *alloc, const NaYield *yield,
									NaSentiment **out);
extern NaStatus na_sentiment_window(NaSentiment *s);
extern const NaSentimentScore *na_sentiment_score(const NaSentiment *s);
extern void na_sentiment_set_trace(NaSentiment *s, NaSentimentTraceFn fn, void *arg);
extern void na_sentiment_destroy(NaSentiment *s);

/*
 * na_sentiment_window_mentions scores, into acc, the sentences of the
 * current window that hold the given mentions of one target (byte extents
 * into the text, in text order), as for a target found by name; with
 * person, pronouns in the following sentences stand for it too.
 */
typedef struct NaSentimentMention
{
	size_t		start;			/* byte offset */
	size_t		len;
} NaSentimentMention;

extern NaStatus na_sentiment_window_mentions(NaSentiment *s, const NaSentimentMention *m,
											 size_t n, bool person, NaSentimentScore *acc);

/*
 * na_sentiment_of_doc reads every window of doc (fresh from na_doc_create,
 * with NA_DOC_SENTENCES and NA_DOC_NORMS) and sets *r to the sentiment
 * toward target (NULL: the document's tone).  Invalid UTF-8 gives
 * NA_ERR_INVALID_UTF8 (na_doc_error_offset tells where).
 */
extern NaStatus na_sentiment_of_doc(NaDoc *doc, const NaSentimentModel *model,
									const char *target, size_t tlen, NaSentimentResult *r,
									const NaAllocator *alloc, const NaYield *yield);

/*
 * na_sentiment_text: the same for text[0..len), a convenience over NaDoc:
 * *err_offset (when not NULL) gets the offset of invalid UTF-8.
 */
extern NaStatus na_sentiment_text(const NaSentimentModel *model, const char *text, size_t len,
								  const char *target, size_t tlen, NaSentimentResult *r,
								  const NaAllocator *alloc, const NaYield *yield,
								  size_t *err_offset);

/* One entity with the sentiment toward it. */
typedef struct NaEntitySentiment
{
	NaEntityType type;
	const char *canonical;		/* not NUL-terminated */
	size_t		canonical_len;
	NaSentimentResult result;	/* mentions: the entity's mentions by name
								 * and pronoun */
} NaEntitySentiment;

typedef bool (*NaEntitySentimentFn) (const NaEntitySentiment *e, void *arg);

/*
 * na_entity_sentiment_of_doc finds the entities of doc (fresh from
 * na_doc_create, with NA_DOC_SENTENCES and NA_DOC_NORMS and its pattern
 * spans added) as na_entities_of_doc does (gazetteer g, may be NULL;
 * entity model ner, NULL for the rules; the spans themselves are not
 * entities here) and calls fn once per entity
 * (canonical name and type), in the order of their first mentions, with
 * the sentiment toward it in the sentences that mention it (pronouns too
 * for a PERSON).  Strings are valid during the call.
 */
extern NaStatus na_entity_sentiment_of_doc(NaDoc *doc, const NaGazetteer *g, NaNerModel *ner,
										   const NaSentimentModel *model,
										   NaEntitySentimentFn fn, void *arg,
										   const NaAllocator *alloc, const NaYield *yield);

/*
 * na_entity_sentiment_extract: the same for text[0..len) with the pattern
 * spans (may be NULL when nspans is 0) and the rules' names, a convenience
 * over NaDoc.
 */
extern NaStatus na_entity_sentiment_extract(const NaGazetteer *g, const NaSentimentModel *model,
											const char *text, size_t len,
											const NaSpan *spans, size_t nspans,
											NaEntitySentimentFn fn, void *arg,
											const NaAllocator *alloc, const NaYield *yield,
											size_t *err_offset);

#endif							/* NA_SENTIMENT_H */
