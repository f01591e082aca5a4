/*
 * minhash_order.c
 *		Equality, order and hashing of news.minhash (btree and hash
 *		operator classes; rule in order_pg.h).
 *
 * Order: the number of slots k, then the shingle size, then the slots as
 * unsigned 32-bit numbers from the first on: for signatures with the same
 * k and shingle size, the order of their hexadecimal text forms.
 */
#include "postgres.h"

#include "fmgr.h"

#include "minhash_pg.h"
#include "order_pg.h"

static int
minhash_order(const struct varlena *a, const struct varlena *b)
{
	const NaMinhash *ma = na_minhash_checked(PointerGetDatum(a));
	const NaMinhash *mb = na_minhash_checked(PointerGetDatum(b));
	int			i;
	int			r;

	if ((r = NA_CMP(ma->k, mb->k)) != 0)
		return r;
	if ((r = NA_CMP(ma->shingle, mb->shingle)) != 0)
		return r;
	for (i = 0; i < ma->k; i++)
		if ((r = NA_CMP(ma->values[i], mb->values[i])) != 0)
			return r;
	return 0;
}

/* news.minhash: news_minhash_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash,
 * _hash_extended */
NA_ORDER_EQUALITY(news_minhash)
NA_ORDER_FUNCTIONS(news_minhash, minhash_order)
