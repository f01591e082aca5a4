/*
 * termquery.c
 *		The SQL type news.termquery, "more like this": a term vector (the
 *		stored form of termvec_pg.h) whose flags field holds the least
 *		number of its ids a document must share to match.  Text and binary
 *		I/O, news.mlt_query, news.mlt_keys and the accessors, the operator
 *		"doc % query" that the GIN operator class indexes (termvec_gin.c),
 *		equality, order and hashing.
 *
 * Order (btree operator class, rule in order_pg.h): its terms as
 * news.termvec, then the least number of shared terms.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "na_compat.h"
#include "na_glue.h"
#include "order_pg.h"
#include "termvec.h"
#include "termvec_pg.h"

#define TERMQUERY_HINT \
	"A term query is written M of {id:weight,...}, for example 2 of {17:0.5,4031:0.25,977:0.1}."

/* news.termquery_in: 'M of {id:weight,...}' */
PG_FUNCTION_INFO_V1(news_termquery_in);
Datum
news_termquery_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	char	   *p = s;
	char	   *digits;
	long		m = 0;
	bool		ok = true;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;
	TermVecData *t;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	digits = p;
	while (*p >= '0' && *p <= '9')
	{
		if (m <= TERMQUERY_MAX_SHARED)
			m = m * 10 + (*p - '0');
		p++;
	}
	if (p == digits)
		ok = false;
	else if (m < 1 || m > TERMQUERY_MAX_SHARED)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("least number of shared terms \"%.*s\" is out of range for type news.termquery",
							(int) Min(p - digits, 32), digits),
					 errdetail("It must be between 1 and %d.", TERMQUERY_MAX_SHARED)));
	while (ok && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (ok && strncmp(p, "of", 2) == 0)
		p += 2;
	else
		ok = false;
	if (!ok)
		INPUT_ERROR(fcinfo->context,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.termquery: \"%s\"", s),
					 errdetail("A term query starts with the least number of shared terms, between 1 and %d, and \"of\".",
							   TERMQUERY_MAX_SHARED),
					 errhint(TERMQUERY_HINT)));
	err[0] = '\0';
	st = na_tv_parse(p, strlen(p), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (!na_pg_input_ok(fcinfo->context, st, "news.termquery", s, err, TERMQUERY_HINT))
		PG_RETURN_NULL();
	t = na_pg_termvec_from_buf(&b);
	t->flags = (uint16) m;
	PG_RETURN_POINTER(t);
}

/* news.termquery_out: 'M of {id:weight,...}' */
PG_FUNCTION_INFO_V1(news_termquery_out);
Datum
news_termquery_out(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	char		head[32];

	snprintf(head, sizeof(head), "%u of ", (unsigned) Max(t->flags, 1));
	PG_RETURN_CSTRING(na_pg_termvec_format(t, head, "news.termquery output"));
}

/* news.termquery_recv: least shared count, then a term vector's binary
 * form. */
PG_FUNCTION_INFO_V1(news_termquery_recv);
Datum
news_termquery_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint32		m = (uint32) pq_getmsgint(in, 4);
	TermVecData *t;

	if (m < 1 || m > TERMQUERY_MAX_SHARED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid least number of shared terms %u in news.termquery binary data", m)));
	t = (TermVecData *) DatumGetPointer(DirectFunctionCall1(news_termvec_recv, PointerGetDatum(in)));
	t->flags = (uint16) m;
	PG_RETURN_POINTER(t);
}

/* news.termquery_send: the binary form read by news.termquery_recv. */
PG_FUNCTION_INFO_V1(news_termquery_send);
Datum
news_termquery_send(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	StringInfoData buf;

	na_pg_termvec_check(t);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, Max(t->flags, 1));
	na_pg_termvec_send_to(&buf, t);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* news.mlt_query: the nterms heaviest entries of probe, min_shared of them
 * (at most all of them) required. */
PG_FUNCTION_INFO_V1(news_mlt_query);
Datum
news_mlt_query(PG_FUNCTION_ARGS)
{
	Datum		probe = PG_GETARG_DATUM(0);
	int32		nterms = PG_GETARG_INT32(1);
	int32		min_shared = PG_GETARG_INT32(2);
	TermVecData *r;

	if (min_shared < 1 || min_shared > TERMQUERY_MAX_SHARED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_shared must be between 1 and %d", TERMQUERY_MAX_SHARED)));
	r = (TermVecData *) DatumGetPointer(DirectFunctionCall2(news_top_terms, probe,
															Int32GetDatum(nterms)));
	/* a short probe asks for all of its terms rather than for the impossible */
	if (r->nnz > 0 && (uint32) min_shared > r->nnz)
		min_shared = (int32) r->nnz;
	r->flags = (uint16) min_shared;
	PG_RETURN_POINTER(r);
}

/* query_of: the query of the n entries keep[] of v, min_shared of them to
 * share (what the adaptive choices return) */
static TermVecData *
query_of(const NaTermVec *v, const uint32 *keep, uint32 n, uint32 min_shared)
{
	TermVecData *r = na_pg_termvec_new(n);

	for (uint32 i = 0; i < n; i++)
	{
		r->ids[i] = v->ids[keep[i]];
		TERMVEC_VALS(r)[i] = v->vals[keep[i]];
	}
	r->flags = (uint16) min_shared;
	return r;
}

/* news.mlt_query(probe, corpus, max_candidates, nterms): an adaptive query,
 * its terms and least number shared chosen from the corpus' document
 * frequencies (na_mlt_adaptive). */
PG_FUNCTION_INFO_V1(news_mlt_query_corpus);
Datum
news_mlt_query_corpus(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaCorpus	c = na_pg_corpus_arg(fcinfo, 1);
	int32		max_candidates = PG_GETARG_INT32(2);
	int32		nterms = PG_GETARG_INT32(3);
	NaTermVec	v = na_pg_termvec_view(t);
	Size		scratch = na_pg_size_mul(Max(v.nnz, 1), sizeof(uint32));
	uint32	   *keep;
	uint32	   *tmp;
	uint32		n;
	uint32		min_shared;

	if (max_candidates < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_candidates must be positive")));
	if (nterms < 1 || nterms > NA_MLT_MAX_TERMS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("nterms must be between 1 and %d", NA_MLT_MAX_TERMS)));
	keep = palloc(scratch);
	tmp = palloc(scratch);
	n = na_mlt_adaptive(&v, &c, (uint32) nterms, (double) max_candidates, keep, tmp, &min_shared);
	PG_RETURN_POINTER(query_of(&v, keep, n, min_shared));
}

/* news.mlt_keys: the NA_MLT_KEYS heaviest entries of a tf-idf vector (ties:
 * smaller id), the keys of a document in the index news.mlt_search reads. */
PG_FUNCTION_INFO_V1(news_mlt_keys);
Datum
news_mlt_keys(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(news_top_terms, PG_GETARG_DATUM(0),
							   Int32GetDatum(NA_MLT_KEYS));
}

/* news.mlt_keys_query(probe, keys, max_candidates): the adaptive query of
 * news.mlt_search against a news.mlt_keys index: up to NA_MLT_KEYS of the
 * probe's heaviest terms and the least number of them to share, estimated
 * from keys (the statistics of the indexed keys,
 * news.corpus_stats(news.mlt_keys(w))) to keep about max_candidates
 * documents.  A key posting list is short (a document is in the lists of
 * its 32 heaviest terms only), so no term is left out for being common and
 * the postings read may reach NA_MLT_KEYS_POSTINGS_PER_CANDIDATE times
 * max_candidates. */
PG_FUNCTION_INFO_V1(news_mlt_keys_query);
Datum
news_mlt_keys_query(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaCorpus	c = na_pg_corpus_arg(fcinfo, 1);
	int32		max_candidates = PG_GETARG_INT32(2);
	NaTermVec	v = na_pg_termvec_view(t);
	Size		scratch = na_pg_size_mul(Max(v.nnz, 1), sizeof(uint32));
	uint32	   *keep;
	uint32	   *tmp;
	uint32		n;
	uint32		min_shared;

	if (max_candidates < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_candidates must be positive")));
	keep = palloc(scratch);
	tmp = palloc(scratch);
	n = na_mlt_adaptive_limits(&v, &c, NA_MLT_KEYS, (double) max_candidates, 1.0,
							   NA_MLT_KEYS_POSTINGS_PER_CANDIDATE, keep, tmp, &min_shared);
	PG_RETURN_POINTER(query_of(&v, keep, n, min_shared));
}

/* news.min_shared: the least number of shared terms of a query. */
PG_FUNCTION_INFO_V1(news_min_shared);
Datum
news_min_shared(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);

	na_pg_termvec_check(t);
	PG_RETURN_INT32(Max(t->flags, 1));
}

/* news.query_terms: the query's terms as a term vector. */
PG_FUNCTION_INFO_V1(news_query_terms);
Datum
news_query_terms(PG_FUNCTION_ARGS)
{
	TermVecData *t = (TermVecData *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));

	na_pg_termvec_check(t);
	t->flags = 0;
	PG_RETURN_POINTER(t);
}

/* news.termvec_matches: does doc share at least min_shared of q's ids
 * (operator %)? */
PG_FUNCTION_INFO_V1(news_termvec_matches);
Datum
news_termvec_matches(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *q = PG_GETARG_TERMVEC(1);
	NaTermVec	av = na_pg_termvec_view(a);
	NaTermVec	qv = na_pg_termvec_view(q);

	PG_RETURN_BOOL(na_tv_overlap(&av, &qv) >= (uint32) Max(q->flags, 1));
}

static int
termquery_order(const struct varlena *a, const struct varlena *b)
{
	const TermVecData *ta = (const TermVecData *) a;
	const TermVecData *tb = (const TermVecData *) b;
	NaTermVec	va = na_pg_termvec_view(ta);
	NaTermVec	vb = na_pg_termvec_view(tb);
	int			r = na_pg_termvec_cmp(&va, &vb);

	return r != 0 ? r : NA_CMP(ta->flags, tb->flags);
}

/* news.termquery_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended */
NA_ORDER_EQUALITY(news_termquery)
NA_ORDER_FUNCTIONS(news_termquery, termquery_order)
