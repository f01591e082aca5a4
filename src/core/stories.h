/*
 * stories.h
 *		Stories: articles grouped by similarity to a story's centroid within
 *		a time window, one item at a time, without chaining.
 *
 * An item is an article or a whole story.  It carries the time span it
 * covers, the number of articles in it, and two sparse vectors:
 *
 *	terms		the sum of its articles' story vectors: each article's term
 *				counts with sublinear frequency (1 + ln tf), scaled to unit
 *				length (na_story_vector), so that every article weighs the
 *				same whatever its length
 *	entities	for every entity id, the number of its articles naming it
 *
 * A story is the same thing: its centroid is the sum of its members'
 * vectors, kept as sums so that adding or removing an article is exact and
 * no stored weight depends on corpus statistics (which keep changing).
 *
 * Scoring.  Inverse document frequencies come from corpus statistics given
 * to na_stories_create (one for terms, one for entity ids), with the tf-idf
 * idf of termvec.h.  An item i and a story s score
 *
 *		score = (1 - w) * cos(idf . T_i, idf . T_s) + w * cos(eidf . E_i, eidf . E_s)
 *
 * where w is the entity weight, or 0 when the item names no entity (an
 * article without entities is judged by its words alone).  For an article
 * the first cosine is the cosine between its tf-idf vector and the story's
 * idf-weighted centroid.
 *
 * Assignment (na_stories_assign).  An item joins the story of highest score
 * among those whose time span comes within the window of its own (the item
 * starts at most `window` seconds after the story's last article and ends at
 * most `window` seconds before its first), when that score reaches the
 * threshold; ties go to the smaller story id.  Otherwise it starts a new
 * story.  The item is compared with each story's centroid only, never with
 * single members, so a story never grows by a chain of pairwise links: a
 * report that resembles one member but not the story as a whole stays out.
 * The centroid then includes the item, and so the story's vocabulary
 * follows its articles.
 *
 * Candidates come from inverted lists: for every term and entity id, the
 * stories whose centroid contains it.  Scoring an item costs the length of
 * the lists of its terms, not the number of stories.  Items must come in
 * order of their first time; stories that ended more than a window before
 * the current item can then never be chosen again and are dropped from the
 * lists from time to time (an item out of order only turns this off).
 *
 * The same routine merges stories: stories given as items, in order of
 * their first article, against an empty set, come out grouped by the same
 * rule (news.stories_maintain).
 */
#ifndef NA_STORIES_H
#define NA_STORIES_H

#include "na_core.h"
#include "termvec.h"

/* Settings of an assignment. */
typedef struct NaStoryParams
{
	double		threshold;		/* least score to join a story, 0..1 */
	double		window;			/* seconds, >= 0 (see above) */
	double		entity_weight;	/* share of the entity cosine, 0..1 */
} NaStoryParams;

/* An article or a story (see above).  The vectors are read-only views. */
typedef struct NaStoryItem
{
	int64_t		id;
	double		first;			/* seconds since an epoch */
	double		last;			/* >= first */
	int64_t		count;			/* articles, >= 0 */
	NaTermVec	terms;
	NaTermVec	entities;
} NaStoryItem;

/*
 * na_story_vector writes the story vector of an article with term counts
 * tv to out_vals (tv->nnz values, same ids): 1 + ln(tf) for tf >= 1 and tf
 * itself below, scaled to unit length (all zero for an empty vector).
 */
extern void na_story_vector(const NaTermVec *tv, float *out_vals);

/*
 * na_story_score: the score of item against story (formula above), 0..1.
 * With exclude, the item is taken out of the story first (its vectors
 * subtracted: the score of a member against the rest of its story).
 */
extern double na_story_score(const NaStoryItem *story, const NaStoryItem *item,
							 const NaCorpus *terms, const NaCorpus *entities,
							 double entity_weight, bool exclude);

/*
 * na_story_norms writes to norms the squared lengths of story's
 * idf-weighted term vector and entity vector, and na_story_score_normed
 * gives na_story_score(story, item, ..., false), the same value to the last
 * bit, in time that grows with the item's entries only (and the logarithm
 * of the story's): scoring many items against one story computes the
 * story's lengths once.
 */
extern void na_story_norms(const NaStoryItem *story, const NaCorpus *terms,
						   const NaCorpus *entities, double norms[2]);
extern double na_story_score_normed(const NaStoryItem *story, const double norms[2],
									const NaStoryItem *item, const NaCorpus *terms,
									const NaCorpus *entities, double entity_weight);

/*
 * na_story_sum writes the entry-wise sum of a and b to ids/vals (room for
 * a->nnz + b->nnz entries), ids ascending, without the entries that cancel
 * out, and returns how many it wrote.
 */
extern uint32_t na_story_sum(const NaTermVec *a, const NaTermVec *b,
							 uint32_t *ids, float *vals);

/* na_story_params_check: NULL, or a static message naming a bad setting. */
extern const char *na_story_params_check(const NaStoryParams *params);

/* na_story_item_check: NULL, or a static message naming a bad field. */
extern const char *na_story_item_check(const NaStoryItem *item);

/*
 * NaStories: a set of stories under assignment.  All memory comes from the
 * allocator; the corpus views must stay valid until na_stories_destroy.
 */
typedef struct NaStories NaStories;

extern NaStatus na_stories_create(const NaAllocator *alloc, const NaYield *yield,
								  const NaStoryParams *params,
								  const NaCorpus *terms, const NaCorpus *entities,
								  NaStories **out);
extern void na_stories_destroy(NaStories *s);

/*
 * na_stories_add adds an existing story (its vectors are copied).  Its id
 * must differ from every story's id so far (NA_ERR_BAD_ARGUMENT).
 */
extern NaStatus na_stories_add(NaStories *s, const NaStoryItem *story);

/*
 * na_stories_add_all adds n existing stories, as na_stories_add would one
 * by one (the same stories, scores and output), but into an empty set it
 * sizes every inverted list once for all of them instead of growing it
 * story by story.  *added gets the number of stories added: on
 * NA_ERR_BAD_ARGUMENT, stories[*added] is the first one refused (an id
 * taken, or a bad field).
 */
extern NaStatus na_stories_add_all(NaStories *s, const NaStoryItem *stories, uint32_t n,
								   uint32_t *added);

/*
 * na_stories_assign puts item into its story (see above) or, when none
 * scores at least the threshold, into a new story with id new_id (which
 * must be new, as for na_stories_add).  *story gets the story's id,
 * *score the score it reached (that of the best story, which may be below
 * the threshold for a new story; 0 when no story shared anything) and
 * *created whether the story is new.
 */
extern NaStatus na_stories_assign(NaStories *s, const NaStoryItem *item, int64_t new_id,
								  int64_t *story, double *score, bool *created);

/* na_stories_count: the stories, added and created, in that order. */
extern uint32_t na_stories_count(const NaStories *s);

/*
 * na_stories_get fills *out with story i (0-based, in the order of
 * na_stories_count): its id, span, count and vectors sorted by id.  The
 * vectors point into memory of s that the next na_stories_get or change
 * overwrites.  *changed: an item joined it, or it was created, since it
 * was added.
 */
extern NaStatus na_stories_get(NaStories *s, uint32_t i, NaStoryItem *out, bool *changed);

#endif							/* NA_STORIES_H */
