/*
 * cluster.h
 *		Union-find over 64-bit article ids, for grouping candidate pairs of
 *		similar articles into story clusters.
 *
 * Every component's representative is its smallest id: a union makes the
 * root with the smaller id the parent of the other root, so the root of a
 * tree is always the minimum of its members and the result does not depend
 * on the order of the pairs.  Finds halve the path as they go.  Ids are
 * mapped to dense node numbers by an open-addressing hash table.
 */
#ifndef NA_CLUSTER_H
#define NA_CLUSTER_H

#include "na_core.h"

/* Largest number of distinct ids in one union-find (fits a varlena). */
#define NA_UF_MAX_NODES	((uint32_t) 60000000)

typedef struct NaUnionFind NaUnionFind;

/* na_uf_create: an empty union-find whose memory comes from alloc. */
extern NaStatus na_uf_create(const NaAllocator *alloc, NaUnionFind **out);
extern void na_uf_destroy(NaUnionFind *uf);

/* na_uf_add: make sure id is a member (a singleton when new). */
extern NaStatus na_uf_add(NaUnionFind *uf, int64_t id);

/* na_uf_union: put a and b (added when new) in the same component. */
extern NaStatus na_uf_union(NaUnionFind *uf, int64_t a, int64_t b);

/* na_uf_count: the number of distinct ids. */
extern uint32_t na_uf_count(const NaUnionFind *uf);

/* na_uf_find: the representative (smallest id) of id's component;
 * false when id is not a member. */
extern bool na_uf_find(NaUnionFind *uf, int64_t id, int64_t *rep);

/*
 * na_uf_write writes every id, ascending, to ids and its representative
 * to reps (na_uf_count entries each).
 */
extern NaStatus na_uf_write(NaUnionFind *uf, int64_t *ids, int64_t *reps,
							const NaYield *yield);

/*
 * na_uf_parse reads the text form "{id:cluster,...}" (64-bit signed ids;
 * white space allowed) and unions every pair into uf, so that any list of
 * pairs is accepted and the output is canonical.  NA_ERR_BAD_LITERAL with
 * a message in errbuf for malformed input, NA_ERR_OUT_OF_RANGE for an id
 * that does not fit 64 bits.
 */
extern NaStatus na_uf_parse(NaUnionFind *uf, const char *s, size_t len,
							const NaYield *yield, char *errbuf, size_t errlen);

#endif							/* NA_CLUSTER_H */
