/*
 * termvec.h
 *		Sparse term vectors, corpus statistics and the weighting and scoring
 *		functions built on them (TF-IDF, BM25, cosine).
 *
 * A term vector is a sparse vector indexed by term ids: the 32-bit hash
 * na_term_id() of an index term (as produced by na_lexer_terms), with
 * strictly increasing ids and non-zero float weights.  Term counts are the
 * raw weights; na_tv_tfidf turns them into unit-length TF-IDF weights.
 *
 * Corpus statistics are the number of documents, their total length (the
 * sum of their term counts, for BM25's average document length) and the
 * document frequency of every term id.  A corpus is read through a view
 * (NaCorpus: sorted ids, frequencies after them) and accumulated in a hash
 * table (NaCorpusAcc) so that adding a document costs O(its terms), not
 * O(the vocabulary).
 *
 * Formulas (natural logarithms; N documents, df document frequency):
 *
 *	tf-idf weight	w(t) = s(tf) * (ln((1 + N) / (1 + df)) + 1), then the vector
 *					is scaled to unit L2 length; s(tf) = 1 + ln(tf) for
 *					tf >= 1 and tf itself below 1 (sublinear term frequency)
 *	BM25 score		sum over terms t of the query present in the document of
 *					qtf(t) * idf(t) * tf(t) * (k1 + 1) /
 *						(tf(t) + k1 * (1 - b + b * dl / avgdl)),
 *					idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)),
 *					dl = sum of the document's weights, avgdl = length / N
 *					(dl itself when the corpus is empty)
 *	cosine			a.b / (|a| |b|), 0 when either vector is empty
 *
 * A term unknown to the corpus (df = 0, e.g. pruned) gets the largest idf.
 */
#ifndef NA_TERMVEC_H
#define NA_TERMVEC_H

#include "na_core.h"

/* Largest number of entries in one term vector or corpus (fits a varlena). */
#define NA_TV_MAX_NNZ	((uint32_t) 100000000)

/* A read-only view of a term vector: nnz sorted ids, then their weights. */
typedef struct NaTermVec
{
	uint32_t	nnz;
	const uint32_t *ids;
	const float *vals;
} NaTermVec;

/* A read-only view of corpus statistics. */
typedef struct NaCorpus
{
	uint32_t	nterms;
	int64_t		ndocs;
	double		length;			/* sum of the documents' term counts */
	const uint32_t *ids;		/* sorted, unique */
	const int64_t *dfs;			/* 1 <= df <= ndocs */
} NaCorpus;

/* na_term_id: the 32-bit id of a term (bytes, not NUL-terminated). */
extern uint32_t na_term_id(const char *term, size_t len);

/*
 * na_tv_sort_ids sorts the n ids in place (the ids of every term of a
 * document, repeats included; a radix sort with scratch memory from alloc)
 * and sets *distinct to the number of distinct ids.
 */
extern NaStatus na_tv_sort_ids(uint32_t *ids, size_t n, const NaAllocator *alloc,
							   const NaYield *yield, uint32_t *distinct);

/*
 * na_tv_fill_counts writes the distinct ids of the sorted array ids[0..n)
 * to out_ids and their counts to out_vals (both sized by na_tv_sort_ids).
 */
extern void na_tv_fill_counts(const uint32_t *ids, size_t n,
							  uint32_t *out_ids, float *out_vals);

/*
 * NaTermVecBuf: an owned term vector (parser and builder output); free
 * with na_tvbuf_free.
 */
typedef struct NaTermVecBuf
{
	uint32_t	nnz;
	uint32_t   *ids;
	float	   *vals;
	const NaAllocator *alloc;
} NaTermVecBuf;

extern void na_tvbuf_free(NaTermVecBuf *buf);

/*
 * na_tv_parse reads the text form "{id:weight,...}" (ids unsigned 32-bit
 * decimal in any order, weights finite numbers; white space allowed
 * around tokens; zero weights dropped) into out.  A repeated id, a bad
 * number or trailing garbage gives NA_ERR_BAD_LITERAL with a message in
 * errbuf; an id above 2^32 - 1, or a weight that overflows a float4 or
 * underflows to zero, gives NA_ERR_OUT_OF_RANGE.
 */
extern NaStatus na_tv_parse(const char *s, size_t len, const NaAllocator *alloc,
							const NaYield *yield, NaTermVecBuf *out,
							char *errbuf, size_t errlen);

/* na_tv_format appends the text form of tv to buf. */
extern NaStatus na_tv_format(const NaTermVec *tv, NaBuf *buf);

/* na_format_float appends the shortest decimal that reads back as v. */
extern NaStatus na_format_float(NaBuf *buf, float v);

/* na_tv_dot, na_tv_norm: dot product and Euclidean length. */
extern double na_tv_dot(const NaTermVec *a, const NaTermVec *b);
extern double na_tv_norm(const NaTermVec *a);

/* na_tv_cosine: cosine similarity, 0 when either vector is empty. */
extern double na_tv_cosine(const NaTermVec *a, const NaTermVec *b);

/* na_tv_sum: the sum of the weights (the document length for counts). */
extern double na_tv_sum(const NaTermVec *a);

/* na_tv_overlap: the number of ids a and b share. */
extern uint32_t na_tv_overlap(const NaTermVec *a, const NaTermVec *b);

/*
 * na_tv_top writes to keep[] the positions (ascending) of the n entries of
 * tv with the largest weights (ties: smaller id first) and returns how
 * many it wrote (min(n, nnz)).  tmp must hold tv->nnz entries.
 */
extern uint32_t na_tv_top(const NaTermVec *tv, uint32_t n, uint32_t *keep,
						  uint32_t *tmp);

/*
 * na_mlt_adaptive chooses an adaptive "more like this" query for probe (a
 * tf-idf vector) against the statistics c: up to nterms (at most
 * NA_MLT_MAX_TERMS) of its heaviest terms, leaving out terms too common to
 * be worth their postings (in more than NA_MLT_MAX_DF_SHARE of the
 * documents and more than max_candidates, or past
 * NA_MLT_POSTINGS_PER_CANDIDATE times max_candidates postings in all; the
 * heaviest term left is always taken), and in *min_shared the least number M of
 * them a document must share for the expected number of such documents,
 * were terms independent, to stay within max_candidates.  Writes the
 * positions of the chosen terms in probe to keep (ascending) and returns
 * their number; keep and tmp hold probe->nnz entries.
 */
#define NA_MLT_MAX_TERMS		64
#define NA_MLT_MAX_DF_SHARE		0.05
#define NA_MLT_POSTINGS_PER_CANDIDATE	30.0

/*
 * NA_MLT_KEYS: how many of a document's heaviest terms news.mlt_keys keeps,
 * the keys under which news.mlt_search indexes a document.  32 of about
 * 110 index terms per news article: enough that an article and its nearest
 * neighbours share several keys, few enough that each key's posting list
 * holds only the documents it characterizes.
 */
#define NA_MLT_KEYS				32
#define NA_MLT_KEYS_POSTINGS_PER_CANDIDATE	100.0

extern uint32_t na_mlt_adaptive(const NaTermVec *probe, const NaCorpus *c, uint32_t nterms,
								double max_candidates, uint32_t *keep, uint32_t *tmp,
								uint32_t *min_shared);

/*
 * na_mlt_adaptive_limits is na_mlt_adaptive with its two limits as
 * arguments: the share of the documents above which a term is left out
 * (max_df_share) and the postings allowed per expected candidate
 * (postings_per_candidate).
 */
extern uint32_t na_mlt_adaptive_limits(const NaTermVec *probe, const NaCorpus *c,
									   uint32_t nterms, double max_candidates,
									   double max_df_share, double postings_per_candidate,
									   uint32_t *keep, uint32_t *tmp, uint32_t *min_shared);

/* na_corpus_df: the document frequency of id, 0 when unknown. */
extern int64_t na_corpus_df(const NaCorpus *c, uint32_t id);

/* na_idf: the smoothed tf-idf idf ln((1 + N) / (1 + df)) + 1. */
extern double na_idf(int64_t ndocs, int64_t df);

/* na_bm25_idf: ln(1 + (N - df + 0.5) / (df + 0.5)). */
extern double na_bm25_idf(int64_t ndocs, int64_t df);

/*
 * na_tv_tfidf writes the unit-length tf-idf weights of tv (same ids) to
 * out_vals (tv->nnz entries).  All zero when tv is empty.
 */
extern void na_tv_tfidf(const NaTermVec *tv, const NaCorpus *c, float *out_vals,
						const NaYield *yield);

/*
 * na_bm25 scores document d for query q; k1 >= 0 and 0 <= b <= 1 (else
 * NA_ERR_BAD_ARGUMENT).
 */
extern NaStatus na_bm25(const NaTermVec *q, const NaTermVec *d, const NaCorpus *c,
						double k1, double b, double *score);

/*
 * Corpus parsing and formatting.  The text form is
 *		docs=N length=L {id:df,...}
 * with 1 <= df <= N, ids unique (any order), L finite and >= 0.  Counts are
 * exact 64-bit integers: N or a df above 2^63 - 1, an id above 2^32 - 1 or
 * an L that overflows a float8 give NA_ERR_OUT_OF_RANGE.
 */
typedef struct NaCorpusBuf
{
	uint32_t	nterms;
	int64_t		ndocs;
	double		length;
	uint32_t   *ids;
	int64_t    *dfs;
	const NaAllocator *alloc;
} NaCorpusBuf;

extern void na_corpusbuf_free(NaCorpusBuf *buf);
extern NaStatus na_corpus_parse(const char *s, size_t len, const NaAllocator *alloc,
								const NaYield *yield, NaCorpusBuf *out,
								char *errbuf, size_t errlen);
extern NaStatus na_corpus_format(const NaCorpus *c, NaBuf *buf);

/*
 * na_corpus_check validates a corpus view read from storage: sorted unique
 * ids, 1 <= df <= ndocs, finite non-negative length.  Returns a static
 * message or NULL when valid.
 */
extern const char *na_corpus_check(const NaCorpus *c);

/* na_tv_check: the same for a term vector (sorted unique ids, finite
 * non-zero weights). */
extern const char *na_tv_check(const NaTermVec *tv);

/*
 * NaCorpusAcc: corpus statistics being accumulated (hash table from id to
 * df).  All memory comes from the allocator given to na_corpus_acc_create.
 */
typedef struct NaCorpusAcc NaCorpusAcc;

extern NaStatus na_corpus_acc_create(const NaAllocator *alloc, NaCorpusAcc **out);
extern void na_corpus_acc_destroy(NaCorpusAcc *acc);

/* na_corpus_acc_add_doc counts one document with term vector tv. */
extern NaStatus na_corpus_acc_add_doc(NaCorpusAcc *acc, const NaTermVec *tv);

/* na_corpus_acc_add_corpus adds the statistics of c (a union of corpora). */
extern NaStatus na_corpus_acc_add_corpus(NaCorpusAcc *acc, const NaCorpus *c,
										 const NaYield *yield);

/* na_corpus_acc_nterms, _ndocs, _length: the current totals. */
extern uint32_t na_corpus_acc_nterms(const NaCorpusAcc *acc);
extern int64_t na_corpus_acc_ndocs(const NaCorpusAcc *acc);
extern double na_corpus_acc_length(const NaCorpusAcc *acc);

/*
 * na_corpus_acc_write writes the terms sorted by id to ids/dfs (each
 * na_corpus_acc_nterms entries); tmp is scratch of the same count of
 * uint64_t.
 */
extern void na_corpus_acc_write(const NaCorpusAcc *acc, uint32_t *ids,
								int64_t *dfs, uint64_t *tmp);

/*
 * na_corpus_merge_count, na_corpus_merge: the union of two corpora (dfs,
 * documents and lengths added).  Count first, then write into arrays of
 * that size.  NA_ERR_TOO_LARGE when a count would overflow.
 */
extern uint32_t na_corpus_merge_count(const NaCorpus *a, const NaCorpus *b);
extern NaStatus na_corpus_merge(const NaCorpus *a, const NaCorpus *b,
								uint32_t *ids, int64_t *dfs);

/*
 * na_corpus_prune_count, na_corpus_prune: keep the terms with df >= min_df
 * and, when max_terms > 0, only the max_terms most frequent of them (ties:
 * smaller id kept).  Writes positions of the kept entries, ascending.
 * tmp holds c->nterms entries.
 */
extern uint32_t na_corpus_prune(const NaCorpus *c, int64_t min_df,
								uint32_t max_terms, uint32_t *keep,
								uint32_t *tmp);

#endif							/* NA_TERMVEC_H */
