/*
 * minhash_pg.h
 *		The on-disk news.minhash and news.minhash_query values and helpers
 *		shared by the types' functions (minhash.c, minhash_query.c) and the
 *		GIN operator class (minhash_gin.c).
 */
#ifndef NA_MINHASH_PG_H
#define NA_MINHASH_PG_H

#include "postgres.h"

#include "lib/stringinfo.h"

#include "minhash.h"

/*
 * NaMinhash: a varlena.  After the length word come a format version and
 * a flags byte (reserved, 0), the shingle size and the number of slots k,
 * then k 32-bit slot values.  The empty set's signature has every slot at
 * NA_MINHASH_EMPTY_SLOT.  The type has STORAGE plain: the slots are random
 * and do not compress, and at most 4 kB they always fit in a page.
 */
typedef struct NaMinhash
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* NA_MINHASH_VERSION */
	uint8		flags;			/* reserved, 0 */
	uint8		shingle;		/* terms per shingle */
	uint8		reserved;		/* 0 */
	uint16		k;				/* number of slots */
	uint16		reserved2;		/* 0 */
	uint32		values[FLEXIBLE_ARRAY_MEMBER];
} NaMinhash;

#define NA_MINHASH_VERSION	1
#define NA_MINHASH_SIZE(k)	(offsetof(NaMinhash, values) + sizeof(uint32) * (Size) (k))

/*
 * NaMinhashQuery: a varlena carrying a probe signature and the threshold
 * its % operator applies, so that a query's answer never depends on a
 * session setting.  After the length word come a format version and a
 * flags byte (reserved, 0), two reserved bytes, the threshold (0..1, never
 * NaN or -0) and then the probe, a complete news.minhash value with its
 * own length word.  The type has ALIGNMENT double for the threshold.
 */
typedef struct NaMinhashQuery
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* NA_MINHASH_QUERY_VERSION */
	uint8		flags;			/* reserved, 0 */
	uint16		reserved;		/* 0 */
	float8		threshold;		/* estimated Jaccard at or above which % holds */
	uint32		sig[FLEXIBLE_ARRAY_MEMBER]; /* a NaMinhash */
} NaMinhashQuery;

#define NA_MINHASH_QUERY_VERSION	1
#define NA_MINHASH_QUERY_SIG(q)		((NaMinhash *) (q)->sig)

/*
 * NaMinhashParse: what na_pg_minhash_parse found wrong, for the caller's
 * error report (which names the caller's type and literal).
 */
typedef struct NaMinhashParse
{
	bool		syntax;			/* not K:SHINGLE:HEX at all (detail empty) */
	bool		range;			/* K or SHINGLE out of range */
	char		detail[160];	/* otherwise what is wrong, a full sentence */
} NaMinhashParse;

extern NaMinhash *na_pg_minhash_new(int k, int shingle);
extern NaMinhash *na_pg_minhash_checked(Datum d);
extern bool na_pg_minhash_valid(const NaMinhash *mh, Size size);
extern NaMinhash *na_pg_minhash_parse(const char *p, NaMinhashParse *err);
extern void na_pg_minhash_format(StringInfo buf, const NaMinhash *mh);
extern void na_pg_minhash_send_to(StringInfo buf, const NaMinhash *mh);
extern NaMinhash *na_pg_minhash_recv_from(StringInfo buf);
extern bool na_pg_minhash_is_empty(const NaMinhash *mh);
extern double na_pg_minhash_estimate(const NaMinhash *a, const NaMinhash *b);
extern bool na_pg_minhash_match(const NaMinhash *a, const NaMinhash *b,
								double threshold);
extern void na_pg_minhash_check_banding(int k, int bands, int rows);
extern double na_pg_minhash_threshold(void);

/* na_pg_minhash_init: define the module's setting (called by _PG_init). */
extern void na_pg_minhash_init(void);

extern NaMinhashQuery *na_pg_minhash_query_checked(Datum d);

/*
 * na_pg_minhash_cmp: the btree order of news.minhash on the contents of two
 * checked signatures: k, shingle size, then the slots as unsigned numbers
 * (news.minhash_query orders its probes by it too).
 */
extern int	na_pg_minhash_cmp(const NaMinhash *a, const NaMinhash *b);

#endif							/* NA_MINHASH_PG_H */
