/*
 * minhash_pg.h
 *		The on-disk news.minhash value and helpers shared by the type's
 *		functions (minhash.c) and its GIN operator class (minhash_gin.c).
 */
#ifndef NA_MINHASH_PG_H
#define NA_MINHASH_PG_H

#include "postgres.h"

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

extern NaMinhash *na_minhash_checked(Datum d);
extern bool na_minhash_is_empty(const NaMinhash *mh);
extern double na_minhash_estimate(const NaMinhash *a, const NaMinhash *b);
extern void na_minhash_check_banding(int k, int bands, int rows);
extern void na_minhash_define_gucs(void);
extern double na_minhash_threshold(void);

#endif							/* NA_MINHASH_PG_H */
