/*
 * termvec_pg.h
 *		The stored forms of news.termvec, news.termquery and news.corpus,
 *		shared by the files of the three types (termvec.c, termquery.c,
 *		corpus.c) and the GIN operator class (termvec_gin.c).
 *
 * news.termvec is a varlena: length word, a version and a flags field, the
 * entry count, the sorted 32-bit term ids and then the float4 weights
 * (the layout pgvector's sparsevec uses).  news.termquery has the same
 * layout and keeps the least number of shared ids a document needs in the
 * flags field.  news.corpus stores the document count and total length
 * followed by sorted ids and their int8 document frequencies.
 */
#ifndef NA_TERMVEC_PG_H
#define NA_TERMVEC_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "termvec.h"

#define TERMVEC_VERSION	1
#define CORPUS_VERSION	1

typedef struct TermVecData
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint16		version;
	uint16		flags;			/* 0 for news.termvec; news.termquery keeps
								 * its least number of shared terms here */
	uint32		nnz;
	uint32		ids[FLEXIBLE_ARRAY_MEMBER];	/* then float4 vals[nnz] */
} TermVecData;

#define TERMVEC_VALS(t)	((float *) ((t)->ids + (t)->nnz))
#define DatumGetTermVec(d)	((TermVecData *) PG_DETOAST_DATUM(d))
#define PG_GETARG_TERMVEC(n)	DatumGetTermVec(PG_GETARG_DATUM(n))

typedef struct CorpusData
{
	int32		vl_len_;
	uint16		version;
	uint16		flags;			/* reserved, 0 */
	uint32		nterms;
	uint32		reserved;
	int64		ndocs;
	float8		length;
	uint32		ids[FLEXIBLE_ARRAY_MEMBER];	/* then, 8-aligned, int64 dfs */
} CorpusData;

#define CORPUS_DFS_OFFSET(n)	TYPEALIGN(8, offsetof(CorpusData, ids) + (Size) (n) * sizeof(uint32))
#define CORPUS_DFS(c)	((int64 *) ((char *) (c) + CORPUS_DFS_OFFSET((c)->nterms)))

/* the largest term vector or corpus whose varlena fits MaxAllocSize */
#define TERMVEC_MAX_NNZ	((uint32) ((MaxAllocSize - offsetof(TermVecData, ids)) / 8))
#define CORPUS_MAX_TERMS ((uint32) ((MaxAllocSize - offsetof(CorpusData, ids) - 8) / 12))

/* news.termquery's largest least number of shared terms (its flags field) */
#define TERMQUERY_MAX_SHARED	65535

/* na_pg_termvec_new: a zeroed term vector with room for nnz entries
 * (54000 past the limits). */
extern TermVecData *na_pg_termvec_new(uint32 nnz);

/* na_pg_termvec_from_buf: a new term vector holding the entries of b. */
extern TermVecData *na_pg_termvec_from_buf(const NaTermVecBuf *b);

/* na_pg_termvec_check: raise XX001 unless t is a well-formed term vector
 * (or term query) of the current version. */
extern void na_pg_termvec_check(const TermVecData *t);

/* na_pg_termvec_view: the core's view of t's entries (format checked). */
extern NaTermVec na_pg_termvec_view(const TermVecData *t);

/* na_pg_termvec_cmp: the btree order of news.termvec on the entries of two
 * vectors (news.termquery orders its terms by it too). */
extern int	na_pg_termvec_cmp(const NaTermVec *a, const NaTermVec *b);

/* na_pg_termvec_format: head followed by the text form of t's entries,
 * palloc'd; errors name what. */
extern char *na_pg_termvec_format(const TermVecData *t, const char *head,
								  const char *what);

/* na_pg_termvec_send_to: the binary form of t's entries (version, flags 0,
 * count, then (id, weight) pairs), as news.termvec_send writes it. */
extern void na_pg_termvec_send_to(StringInfo buf, const TermVecData *t);

/*
 * na_pg_corpus_arg: the corpus statistics of argument argno, detoasted once
 * per query: an out-of-line value is cached in fn_extra, keyed by its
 * TOAST pointer, so that news.tfidf(v, (SELECT c FROM stats)) over many
 * rows detoasts the statistics once rather than per row.  Each of the
 * first eight arguments has a slot of its own (a function may take two
 * corpora); fn_extra must be free for the cache.
 */
extern NaCorpus na_pg_corpus_arg(FunctionCallInfo fcinfo, int argno);

/* Entry points other types' functions call directly. */
extern PGDLLEXPORT Datum news_termvec_from_text(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum news_termvec_recv(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum news_top_terms(PG_FUNCTION_ARGS);

#endif							/* NA_TERMVEC_PG_H */
