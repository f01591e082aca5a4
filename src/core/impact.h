/*
 * impact.h
 *		Impact-ordered posting lists and the accumulator that reads them:
 *		the candidate generation of news.mlt_impact_search.
 *
 * A posting list holds, for one term, the documents in whose keys the term
 * is (their NA_MLT_KEYS heaviest terms) with the term's weight in the
 * document divided by the document's length, quantized to 16 bits, in
 * decreasing order of that weight (ties: smaller document id).  Its stored
 * form (a bytea) is a header of NA_IMPACT_HEADER bytes, a version byte, a
 * flags byte (0), two reserved bytes (0) and the entry count (uint32,
 * little-endian), then the entries of NA_IMPACT_ENTRY bytes each: the
 * document id (int64, little-endian) and the weight (uint16,
 * little-endian; 65535 is 1.0).  The order lets a reader take a prefix of
 * a list (the documents the term weighs most in) without reading the rest.
 *
 * The search (na_impact_search) reads the lists of the probe's heaviest
 * terms in one merged order, the decreasing contribution q(t) * w(d, t) of
 * each posting (q(t) the probe's weight over its length), summing each
 * document's contributions in a hash table: the sum is the cosine of the
 * probe and the document restricted to the probe's chosen terms and the
 * document's keys.  It stops after max_postings postings, or when the
 * contributions still unread could not lift a document not yet seen above
 * the ncand-th best sum (MaxScore's bound: the sum over the lists of their
 * next contribution), and returns the ncand best documents by sum, which the
 * caller then ranks by exact cosine.  Lists are refilled through a callback,
 * so that the caller can fetch them slice by slice.
 */
#ifndef NA_IMPACT_H
#define NA_IMPACT_H

#include <string.h>

#include "na_core.h"

#define NA_IMPACT_VERSION	1
#define NA_IMPACT_HEADER	8
#define NA_IMPACT_ENTRY		10
#define NA_IMPACT_SCALE		65535.0
/* the most entries one stored list may hold (fits a varlena) */
#define NA_IMPACT_MAX_ENTRIES	((uint32_t) ((0x3fffffff - NA_IMPACT_HEADER - 4) / NA_IMPACT_ENTRY))

/* na_impact_quantize: the stored weight of w in [0, 1]. */
static inline uint16_t
na_impact_quantize(double w)
{
	return (uint16_t) (w * NA_IMPACT_SCALE + 0.5);
}

/*
 * na_impact_pack writes the list of the n documents ids[] with weights
 * w[] (finite, in [0, 1]) to out (header and entries, sorted), using
 * scratch memory from alloc.  NA_ERR_BAD_ARGUMENT for a weight out of
 * range, NA_ERR_TOO_LARGE past NA_IMPACT_MAX_ENTRIES.
 */
extern NaStatus na_impact_pack(const int64_t *ids, const float *w, uint32_t n,
							   const NaAllocator *alloc, const NaYield *yield,
							   NaBuf *out);

/*
 * na_impact_header reads the header of a stored list of len bytes (len may
 * be a prefix of it) and sets *n to its entry count; NA_ERR_BAD_LITERAL for
 * a wrong version, flags or a length too short for the header.
 */
extern NaStatus na_impact_header(const uint8_t *data, size_t len, uint32_t *n);

/* na_impact_entry: the id and stored weight of the entry at p (one load
 * each on a little-endian machine). */
static inline int64_t
na_impact_entry_id(const uint8_t *p)
{
	uint64_t	v;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&v, p, sizeof(v));
#else
	v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
#endif
	return (int64_t) v;
}

static inline uint16_t
na_impact_entry_weight(const uint8_t *p)
{
	return (uint16_t) (p[8] | (p[9] << 8));
}

/*
 * NaImpactList: the reader's state of one list: the entries fetched so far
 * that are not yet read (data[pos..avail), NA_IMPACT_ENTRY bytes each),
 * how many are left to fetch after them, and the probe's weight of the
 * term (over the probe's length).
 */
typedef struct NaImpactList
{
	const uint8_t *data;
	uint32_t	avail;
	uint32_t	pos;
	uint32_t	left;
	double		qweight;
} NaImpactList;

/*
 * NaImpactFetch: refill list number i (its pos == avail, left > 0): point
 * data at the next entries, set avail (>= 1) and pos = 0 and lower left by
 * avail.  It may raise (the glue's errors); the search holds nothing that
 * only a normal return would free.
 */
typedef void (*NaImpactFetch) (void *arg, uint32_t i, NaImpactList *list);

/* NaImpactHit: a candidate and its partial cosine. */
typedef struct NaImpactHit
{
	int64_t		id;
	double		score;
} NaImpactHit;

/*
 * NaImpactWork: the accumulator's memory (its hash table and documents),
 * which a caller may keep from one search to the next so that a search
 * touches memory already mapped (allocating it afresh, page faults
 * included, was a sixth of a search's time); zeroed before the first
 * search, freed with na_impact_work_free.  It grows as a search needs, to
 * at most twice max_postings documents.
 */
typedef struct NaImpactWork
{
	uint32_t   *slots;			/* size of them */
	NaImpactHit *hits;			/* room for size / 2 */
	size_t		size;
} NaImpactWork;

/* na_impact_work_free: release the memory of work (allocated from alloc)
 * and zero it. */
extern void na_impact_work_free(NaImpactWork *work, const NaAllocator *alloc);

/*
 * na_impact_search: the ncand best documents of the lists (nlists of them,
 * each with its first entries fetched or avail = 0) in decreasing score
 * (ties: smaller id), in *hits (*nhits of them: memory of work, valid until
 * its next search); *read is the number of postings read (at most
 * max_postings).  work grows from alloc.
 */
extern NaStatus na_impact_search(NaImpactList *lists, uint32_t nlists,
								 NaImpactFetch fetch, void *arg,
								 uint32_t max_postings, uint32_t ncand,
								 NaImpactWork *work, const NaAllocator *alloc,
								 const NaYield *yield,
								 NaImpactHit **hits, uint32_t *nhits,
								 uint32_t *read);

/*
 * na_impact_top: reorder h[0..n) so that its k best (higher score, then
 * smaller id) come first, in that order; returns how many that is (k, or n
 * when smaller).
 */
extern uint32_t na_impact_top(NaImpactHit *h, uint32_t n, uint32_t k);

#endif							/* NA_IMPACT_H */
