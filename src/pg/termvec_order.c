/*
 * termvec_order.c
 *		Equality, order and hashing of news.termvec, news.termquery and
 *		news.corpus (btree and hash operator classes; rule in order_pg.h).
 *
 * Orders:
 *	news.termvec	entry by entry in id order, as an array of (id, weight)
 *					pairs: at the first entry that differs the smaller id
 *					comes first, at the same id the smaller weight; a vector
 *					that is a prefix of another comes first ('{}' first of all).
 *	news.termquery	its terms as news.termvec, then the least number of
 *					shared terms.
 *	news.corpus		document count, then total length, then the (id, df)
 *					entries as for news.termvec.
 * Ids compare as unsigned 32-bit numbers, as the text forms print them.
 */
#include "postgres.h"

#include "fmgr.h"

#include "order_pg.h"
#include "termvec_pg.h"

/* cmp_entries: the entry-by-entry order of two term vectors. */
static int
cmp_entries(const NaTermVec *a, const NaTermVec *b)
{
	uint32		n = Min(a->nnz, b->nnz);
	uint32		i;
	int			r;

	for (i = 0; i < n; i++)
	{
		if ((r = NA_CMP(a->ids[i], b->ids[i])) != 0)
			return r;
		if ((r = na_order_float_cmp(a->vals[i], b->vals[i])) != 0)
			return r;
	}
	return NA_CMP(a->nnz, b->nnz);
}

static int
termvec_order(const struct varlena *a, const struct varlena *b)
{
	uint16		fa;
	uint16		fb;
	NaTermVec	va = na_pg_termvec_view(a, &fa);
	NaTermVec	vb = na_pg_termvec_view(b, &fb);

	return cmp_entries(&va, &vb);
}

static int
termquery_order(const struct varlena *a, const struct varlena *b)
{
	uint16		fa;
	uint16		fb;
	NaTermVec	va = na_pg_termvec_view(a, &fa);
	NaTermVec	vb = na_pg_termvec_view(b, &fb);
	int			r = cmp_entries(&va, &vb);

	return r != 0 ? r : NA_CMP(fa, fb);
}

static int
corpus_order(const struct varlena *a, const struct varlena *b)
{
	NaCorpus	ca = na_pg_corpus_view(a);
	NaCorpus	cb = na_pg_corpus_view(b);
	uint32		n = Min(ca.nterms, cb.nterms);
	uint32		i;
	int			r;

	if ((r = NA_CMP(ca.ndocs, cb.ndocs)) != 0)
		return r;
	if ((r = na_order_float_cmp(ca.length, cb.length)) != 0)
		return r;
	for (i = 0; i < n; i++)
	{
		if ((r = NA_CMP(ca.ids[i], cb.ids[i])) != 0)
			return r;
		if ((r = NA_CMP(ca.dfs[i], cb.dfs[i])) != 0)
			return r;
	}
	return NA_CMP(ca.nterms, cb.nterms);
}

/* news.termvec: termvec_ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended
 * (termvec_eq is in termvec.c) */
NA_ORDER_FUNCTIONS(termvec, termvec_order)

/* news.termquery: termquery_eq, _ne, _lt, ..., _hash_extended */
NA_ORDER_EQUALITY(termquery)
NA_ORDER_FUNCTIONS(termquery, termquery_order)

/* news.corpus: corpus_eq, _ne, _lt, ..., _hash_extended */
NA_ORDER_EQUALITY(corpus)
NA_ORDER_FUNCTIONS(corpus, corpus_order)
