/*
 * agg_state.h
 *		Aggregate states that travel as bytea: news.keywords_agg and
 *		news.summary_agg.
 *
 * The state type is bytea, not internal, so that partial states can move
 * between processes and nodes (parallel query, Citus): four bytes of the
 * number of results asked for, little-endian, then the core accumulator's
 * portable bytes.  While aggregating, the state is an expanded object
 * (utils/expandeddatum.h) that holds the core accumulator under its own
 * memory context, a child of the aggregate context, and is updated in
 * place; it is flattened only when it leaves the aggregate (a partial
 * result, a final function called outside nodeAgg), as the corpus_stats
 * aggregates of termvec.c do.
 */
#ifndef NA_AGG_STATE_H
#define NA_AGG_STATE_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "doc.h"
#include "na_core.h"

/* What an aggregate tells about its core accumulator. */
typedef struct NaAggOps
{
	const char *name;			/* for messages: "news.keywords_agg" */
	int32		max_n;			/* largest number of results */
	NaStatus	(*create) (const NaAllocator *alloc, const NaYield *yield, void **out);
	size_t		(*size) (const void *core);
	void		(*write) (const void *core, uint8_t *out);
	NaStatus	(*merge) (void *core, const uint8_t *data, size_t len);
	/* what it reads of a text, and how it adds the analysed text to core */
	unsigned	layers;			/* NaDoc layers: NA_DOC_SENTENCES, ... */
	NaStatus	(*add_doc) (void *core, NaDoc *doc);
} NaAggOps;

typedef struct NaAggState
{
	ExpandedObjectHeader hdr;
	NaAllocator alloc;			/* bound to hdr.eoh_context */
	const NaAggOps *ops;
	void	   *core;
	int32		n;				/* results asked for */
} NaAggState;

/*
 * na_agg_state: the state argument (0) of a transition or combine function
 * as a state that may be changed (itself when it is our read-write
 * expanded object inside an aggregate, else a new one holding a copy; a
 * new empty one for NULL); *in_agg tells whether nodeAgg called.  n (0:
 * none) raises the number of results asked for.
 */
extern NaAggState *na_agg_state(FunctionCallInfo fcinfo, const NaAggOps *ops, int32 n,
								bool *in_agg);

/* na_agg_merge_datum adds the state d (flat or expanded) to s. */
extern void na_agg_merge_datum(NaAggState *s, Datum d);

/* na_agg_return: the state as the function's result (expanded inside an
 * aggregate, flat outside). */
extern Datum na_agg_return(NaAggState *s, bool in_agg);

/*
 * na_agg_add_text: analyse one text (ops->layers) in a scratch memory
 * context and add it to the state through ops->add_doc; errors name the
 * aggregate, with the offset of invalid UTF-8.
 */
extern void na_agg_add_text(NaAggState *s, text *body);

/*
 * na_agg_trans: the body of a transition function (state bytea, body text
 * [, n int]): one text added (a NULL text is skipped), n results asked for
 * (default_n when absent or NULL; 22023 unless 1 <= n <= ops->max_n, named
 * argname in the message).
 */
extern Datum na_agg_trans(FunctionCallInfo fcinfo, const NaAggOps *ops, const char *argname,
						  int32 default_n);

/*
 * na_agg_combine: the body of a combine function (a bytea, b bytea): the
 * two partial states in one, NULL when both are NULL.
 */
extern Datum na_agg_combine(FunctionCallInfo fcinfo, const NaAggOps *ops);

/* na_agg_final_state: the state argument (0, not NULL) of a final function. */
extern NaAggState *na_agg_final_state(FunctionCallInfo fcinfo, const NaAggOps *ops);

/* na_agg_check_n raises 22023 unless 1 <= n <= max_n. */
extern void na_agg_check_n(const char *argname, int32 n, int32 max_n);

#endif							/* NA_AGG_STATE_H */
