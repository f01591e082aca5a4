/*
 * cluster_order.c
 *		Equality, order and hashing of news.clustering (btree and hash
 *		operator classes; rule in order_pg.h).  A clustering is stored in
 *		its canonical form (members ascending, each with the smallest member
 *		of its cluster), so equal clusterings are equal bytes.
 *
 * Order: member by member in id order, as an array of (id, cluster id)
 * pairs: at the first member that differs the smaller id comes first, at
 * the same id the smaller cluster id; a prefix comes first ('{}' first of
 * all).
 */
#include "postgres.h"

#include "fmgr.h"

#include "order_pg.h"
#include "termvec_pg.h"

static int
clustering_order(const struct varlena *a, const struct varlena *b)
{
	const int64 *ida;
	const int64 *ca;
	const int64 *idb;
	const int64 *cb;
	uint32		na = na_pg_clustering_view(a, &ida, &ca);
	uint32		nb = na_pg_clustering_view(b, &idb, &cb);
	uint32		i;
	int			r;

	for (i = 0; i < Min(na, nb); i++)
	{
		if ((r = NA_CMP(ida[i], idb[i])) != 0)
			return r;
		if ((r = NA_CMP(ca[i], cb[i])) != 0)
			return r;
	}
	return NA_CMP(na, nb);
}

/* news.clustering: clustering_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash,
 * _hash_extended */
NA_ORDER_EQUALITY(clustering)
NA_ORDER_FUNCTIONS(clustering, clustering_order)
