/*
 * order.c
 *		The byte comparisons and hashes that every type's equality, order
 *		tie-break and hash operator class share (see order_pg.h).
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"

#include "order_pg.h"

/*
 * na_pg_order_bytes_eq compares the stored bytes of two values of one type
 * without copying them when they are short or uncompressed.
 */
bool
na_pg_order_bytes_eq(Datum a, Datum b)
{
	struct varlena *va = PG_DETOAST_DATUM_PACKED(a);
	struct varlena *vb = PG_DETOAST_DATUM_PACKED(b);
	Size		len = VARSIZE_ANY_EXHDR(va);
	bool		eq;

	eq = len == VARSIZE_ANY_EXHDR(vb) &&
		memcmp(VARDATA_ANY(va), VARDATA_ANY(vb), len) == 0;
	if ((Pointer) va != DatumGetPointer(a))
		pfree(va);
	if ((Pointer) vb != DatumGetPointer(b))
		pfree(vb);
	return eq;
}

/* na_pg_order_bytes_cmp: see order_pg.h. */
int
na_pg_order_bytes_cmp(const struct varlena *a, const struct varlena *b)
{
	Size		la = VARSIZE_ANY_EXHDR(a);
	Size		lb = VARSIZE_ANY_EXHDR(b);
	int			r;

	if (la != lb)
		return la < lb ? -1 : 1;
	r = memcmp(VARDATA_ANY(a), VARDATA_ANY(b), la);
	return NA_CMP(r, 0);
}

/* na_pg_order_hash: the 32-bit hash of the stored bytes (hash opclass). */
Datum
na_pg_order_hash(Datum a)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(a);
	Datum		h = hash_any((const unsigned char *) VARDATA_ANY(v),
							 (int) VARSIZE_ANY_EXHDR(v));

	if ((Pointer) v != DatumGetPointer(a))
		pfree(v);
	return h;
}

/* na_pg_order_hash_extended: the seeded 64-bit hash of the stored bytes. */
Datum
na_pg_order_hash_extended(Datum a, uint64 seed)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(a);
	Datum		h = hash_any_extended((const unsigned char *) VARDATA_ANY(v),
									  (int) VARSIZE_ANY_EXHDR(v), seed);

	if ((Pointer) v != DatumGetPointer(a))
		pfree(v);
	return h;
}
