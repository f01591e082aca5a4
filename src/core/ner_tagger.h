/*
 * ner_tagger.h
 *		A learned sequence tagger for names: an averaged structured
 *		perceptron with hashed features and Viterbi decoding over BIO tags,
 *		trained from texts with gold spans of any types.
 *
 * A NaTagger is a trained model: its entity types (PERSON, ORG, ... or any
 * name a user labels, such as SHIP), and the weights of hashed features of
 * each token (forms, shapes, affixes, context words, gazetteer membership,
 * the kind of line and the position in the sentence) for each tag.  It is
 * trained by a NaTaggerTrainer from texts with their gold spans, saved to
 * bytes (na_tagger_save) for a table and loaded again (na_tagger_load).
 *
 * As an entity model (ner_model.h), na_tagger_model wraps a NaTagger in an
 * NaNerModel whose window callback tags the analysed document's current
 * window; the extractor then reports the model's mentions instead of the
 * names its rules find (pattern spans, markup blocks and stop-entities
 * apply as before).  Tokens come from the analysed document (doc.h); the
 * text is never scanned again.
 *
 * Training is deterministic: the documents are visited in an order drawn
 * from a fixed seed, so the same examples give the same bytes.  Memory is
 * bounded: NA_TAGGER_MAX_TEXT bytes of example text, NA_TAGGER_MAX_SPANS
 * spans, NA_TAGGER_MAX_TYPES types and 2^bits feature buckets.  Every loop
 * that grows with the input calls the yield hook.
 */
#ifndef NA_NER_TAGGER_H
#define NA_NER_TAGGER_H

#include "doc.h"
#include "na_core.h"

typedef struct NaGazetteer NaGazetteer;
typedef struct NaNerModel NaNerModel;

#define NA_TAGGER_MAX_TYPES		16
#define NA_TAGGER_MAX_TYPE_LEN	63	/* bytes of a type name */
#define NA_TAGGER_MAX_TEXT		((size_t) 256 * 1024 * 1024)
#define NA_TAGGER_MAX_SPANS		((size_t) 4 * 1024 * 1024)
#define NA_TAGGER_MIN_BITS		10
#define NA_TAGGER_MAX_BITS		22
#define NA_TAGGER_DEFAULT_BITS	18
#define NA_TAGGER_MAX_EPOCHS	100

typedef struct NaTagger NaTagger;
typedef struct NaTaggerTrainer NaTaggerTrainer;

/* Training options; na_tagger_options_default fills in the defaults. */
typedef struct NaTaggerOptions
{
	int			epochs;			/* passes over the examples (10) */
	int			bits;			/* 2^bits feature buckets (18) */
	uint64_t	seed;			/* of the order of the documents */
	bool		stacked;		/* a stacked model: features of the rules'
								 * names (false) */
	int			rule_dropout;	/* stacked: percent of the documents of each
								 * epoch seen without the rules' names (0) */
} NaTaggerOptions;

extern void na_tagger_options_default(NaTaggerOptions *opt);

/* One gold span of an example: character offsets from 0, and its type. */
typedef struct NaTaggerSpan
{
	size_t		cstart;
	size_t		clen;
	const char *type;
	size_t		type_len;
} NaTaggerSpan;

/* Why an example was refused (na_tagger_train_add). */
typedef enum NaTaggerBad
{
	NA_TAGGER_OK = 0,
	NA_TAGGER_BAD_TYPE,			/* empty, not [A-Z][A-Z0-9_]*, too long, or
								 * reserved (NONE, O, TITLE, GIVEN_NAME) */
	NA_TAGGER_TOO_MANY_TYPES,	/* more than NA_TAGGER_MAX_TYPES types */
	NA_TAGGER_BAD_RANGE,		/* empty, or past the end of the text */
	NA_TAGGER_OVERLAP			/* overlaps the span before it (in order of
								 * start) */
} NaTaggerBad;

/*
 * na_tagger_type_ok: is name[0..len) a type name a model may learn (see
 * NA_TAGGER_BAD_TYPE)?
 */
extern bool na_tagger_type_ok(const char *name, size_t len);

/*
 * na_tagger_train_create starts a training with opt (NULL: defaults) and
 * the gazetteer g (may be NULL; the model should be used with the same
 * one).  NA_ERR_BAD_ARGUMENT for options out of range.
 */
extern NaStatus na_tagger_train_create(const NaTaggerOptions *opt, const NaGazetteer *g,
									   const NaAllocator *alloc, const NaYield *yield,
									   NaTaggerTrainer **out);

/*
 * na_tagger_train_gazetteer replaces the gazetteer of the training with g,
 * for a caller whose gazetteer may be freed while examples are added:
 * only na_tagger_train_run reads it.
 */
extern void na_tagger_train_gazetteer(NaTaggerTrainer *tr, const NaGazetteer *g);

/*
 * na_tagger_train_add adds one example: text[0..len) (UTF-8, copied) and
 * its gold spans (in any order; copied).  A span that covers the start of
 * no token (it begins inside a word) cannot be learned and is left out
 * (na_tagger_train_skipped counts them).  A malformed example gives
 * NA_ERR_BAD_ARGUMENT with *bad saying why and *bad_span which span (index
 * into spans); invalid UTF-8 NA_ERR_INVALID_UTF8; past the limits
 * NA_ERR_TOO_LARGE.  Nothing of a refused example is kept.
 */
extern NaStatus na_tagger_train_add(NaTaggerTrainer *tr, const char *text, size_t len,
									const NaTaggerSpan *spans, size_t nspans,
									NaTaggerBad *bad, size_t *bad_span);

/* Counts of what was added so far. */
extern size_t na_tagger_train_documents(const NaTaggerTrainer *tr);
extern size_t na_tagger_train_mentions(const NaTaggerTrainer *tr);
extern size_t na_tagger_train_skipped(const NaTaggerTrainer *tr);

/*
 * na_tagger_train_run trains on the examples added and gives the model
 * (allocated with the trainer's allocator, independent of it; free with
 * na_tagger_free).  NA_ERR_BAD_ARGUMENT when no example has a span.
 */
extern NaStatus na_tagger_train_run(NaTaggerTrainer *tr, NaTagger **out);

extern void na_tagger_train_destroy(NaTaggerTrainer *tr);

/*
 * na_tagger_save appends the model's bytes (a versioned, little-endian
 * format with the non-zero weights only) to out.
 */
extern NaStatus na_tagger_save(const NaTagger *m, NaBuf *out);

/*
 * na_tagger_load reads a model saved by na_tagger_save; NA_ERR_BAD_LITERAL
 * for bytes that are not one (or of another format version).
 */
extern NaStatus na_tagger_load(const void *data, size_t len, const NaAllocator *alloc,
							   NaTagger **out);

extern void na_tagger_free(NaTagger *m);

/*
 * The built-in models (ner_conll.c): "conll", trained on CoNLL-2003 train
 * with the default gazetteer rows of the install script, and "combined",
 * the same stacked on the rules.  na_tagger_builtin loads one,
 * NA_ERR_BAD_ARGUMENT for a name that is not built in.
 */
extern bool na_tagger_is_builtin(const char *name, size_t len);
extern NaStatus na_tagger_builtin(const char *name, size_t len, const NaAllocator *alloc,
								  NaTagger **out);

/*
 * na_tagger_stacked: is m a stacked model, whose features read the names
 * the rules found (ner_model.h, NaNerModel.rules)?  As an entity model it
 * runs after the rules; na_tagger_tag without them reads "no rule name".
 */
extern bool na_tagger_stacked(const NaTagger *m);

/* The model's types, in the order of its tags. */
extern size_t na_tagger_ntypes(const NaTagger *m);
extern const char *na_tagger_type(const NaTagger *m, size_t i);

/* One mention the tagger found: tokens [a, b) of the window. */
typedef struct NaTaggerMention
{
	uint32_t	a;
	uint32_t	b;
	uint16_t	type;			/* index of na_tagger_type */
	float		confidence;		/* smallest marginal of its tags */
} NaTaggerMention;

/*
 * na_tagger_tag tags the current window of doc (NA_DOC_SENTENCES and
 * NA_DOC_NORMS) with m and the gazetteer g (may be NULL), sentence by
 * sentence, and calls fn with each mention in order (fn returning false
 * stops).  Tokens blocked by a pattern span or markup are never tagged.
 * scratch is reused from call to call (na_tagger_scratch_free releases it)
 * and holds the document's memory of the names tagged so far, cleared at
 * a document's first window, and a memo of the words seen (what the
 * features read of a token alone), kept from document to document while
 * the model and the gazetteer are the same (words_of, words_gaz: a model
 * freed and another loaded at its address must not meet an old scratch).
 */
typedef struct NaTaggerScratch
{
	uint32_t   *feats;
	size_t		capfeats;
	float	   *scores;
	size_t		capscores;
	uint16_t   *tags;
	size_t		captags;
	uint8_t    *gaz;
	size_t		capgaz;
	double	   *fb;				/* forward-backward */
	size_t		capfb;
	uint64_t   *mem;			/* the document's memory of names */
	size_t		nmem;
	void	   *words;			/* the memo of words, kept from document to */
	const NaTagger *words_of;	/* document, of this model and gazetteer */
	const NaGazetteer *words_gaz;
	uint32_t   *rules;			/* a stacked model: what the rules say of */
	size_t		nrules;			/* each token of the window (nrules tokens; */
	size_t		caprules;		/* another count: nothing) */
} NaTaggerScratch;

typedef bool (*NaTaggerFn) (const NaTaggerMention *m, void *arg);

extern NaStatus na_tagger_tag(const NaTagger *m, const NaDoc *doc, const NaGazetteer *g,
							  NaTaggerScratch *scratch, const NaAllocator *alloc,
							  NaTaggerFn fn, void *arg);

extern void na_tagger_scratch_free(NaTaggerScratch *s, const NaAllocator *alloc);

/*
 * na_tagger_model: an entity model (ner_model.h) that reports the mentions
 * of m (which must outlive it) with the gazetteer g; free it with
 * na_ner_model_free.
 */
extern NaStatus na_tagger_model(const NaTagger *m, const NaGazetteer *g,
								const NaAllocator *alloc, NaNerModel **out);

#endif							/* NA_NER_TAGGER_H */
