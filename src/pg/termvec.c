/*
 * termvec.c
 *		The SQL type news.termvec: text and binary I/O, construction from a
 *		text or from arrays, weighting, scoring and similarity functions,
 *		equality, order and hashing.  The stored form is in termvec_pg.h;
 *		news.termquery (termquery.c) shares it, news.corpus (corpus.c)
 *		holds the statistics tf-idf and BM25 read, and the GIN operator
 *		class is in termvec_gin.c.
 *
 * Order (btree operator class, rule in order_pg.h): entry by entry in id
 * order, as an array of (id, weight) pairs: at the first entry that
 * differs the smaller id comes first, at the same id the smaller weight; a
 * vector that is a prefix of another comes first ('{}' first of all).  Ids
 * compare as unsigned 32-bit numbers, as the text form prints them.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "lexer.h"
#include "na_glue.h"
#include "order_pg.h"
#include "stories.h"
#include "termvec.h"
#include "termvec_pg.h"
#include "tokenizer.h"

/* ------------------------------------------------------------------------
 * The stored form
 * ------------------------------------------------------------------------
 */

/* termvec_size: the byte size of a vector of nnz entries, false when it
 * would not fit a varlena. */
static bool
termvec_size(uint32 nnz, Size *size)
{
	size_t		entries;

	return na_size_mul(nnz, sizeof(uint32) + sizeof(float), &entries) == NA_OK &&
		na_size_add(offsetof(TermVecData, ids), entries, size) == NA_OK &&
		*size <= MaxAllocSize;
}

/* na_pg_termvec_new: a zeroed term vector with room for nnz entries. */
TermVecData *
na_pg_termvec_new(uint32 nnz)
{
	TermVecData *t;
	Size		size;

	if (nnz > TERMVEC_MAX_NNZ || nnz > NA_TV_MAX_NNZ || !termvec_size(nnz, &size))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("term vector would have too many entries (%u)", nnz)));
	t = palloc0(size);
	SET_VARSIZE(t, size);
	t->version = TERMVEC_VERSION;
	t->nnz = nnz;
	return t;
}

/* na_pg_termvec_check: reject a term vector of an unknown version. */
void
na_pg_termvec_check(const TermVecData *t)
{
	Size		size;

	if (t->version != TERMVEC_VERSION || !termvec_size(t->nnz, &size) || VARSIZE(t) != size)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported news.termvec format (version %u)", t->version)));
}

/* na_pg_termvec_view: the entries of t for the core (format checked). */
NaTermVec
na_pg_termvec_view(const TermVecData *t)
{
	NaTermVec	v;

	na_pg_termvec_check(t);
	v.nnz = t->nnz;
	v.ids = t->ids;
	v.vals = TERMVEC_VALS((TermVecData *) t);
	return v;
}

/* na_pg_termvec_from_buf: a new term vector holding the entries of b. */
TermVecData *
na_pg_termvec_from_buf(const NaTermVecBuf *b)
{
	TermVecData *t = na_pg_termvec_new(b->nnz);

	memcpy(t->ids, b->ids, b->nnz * sizeof(uint32));
	memcpy(TERMVEC_VALS(t), b->vals, b->nnz * sizeof(float));
	return t;
}

/* ------------------------------------------------------------------------
 * I/O
 * ------------------------------------------------------------------------
 */

/*
 * news.termvec_in: '{id:weight,...}', or the text of an article.  A call
 * news.termvec('some text') with one untyped literal (or a varchar) is
 * parsed by PostgreSQL as a cast to the type, so a string whose first
 * non-blank character is not '{' is analysed as an article, exactly as
 * news.termvec(text) does with its default configuration 'english'.
 */
PG_FUNCTION_INFO_V1(news_termvec_in);
Datum
news_termvec_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	const char *p = s;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p != '{')
		PG_RETURN_DATUM(DirectFunctionCall2(news_termvec_from_text,
											PointerGetDatum(cstring_to_text(s)),
											PointerGetDatum(cstring_to_text("english"))));
	err[0] = '\0';
	st = na_tv_parse(s, strlen(s), na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (!na_pg_input_ok(fcinfo->context, st, "news.termvec", s, err,
						"A term vector is written {id:weight,...}, for example {17:2,4031:1}."))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(na_pg_termvec_from_buf(&b));
}

/* na_pg_termvec_format: see termvec_pg.h. */
char *
na_pg_termvec_format(const TermVecData *t, const char *head, const char *what)
{
	NaTermVec	v = na_pg_termvec_view(t);
	NaBuf		buf;

	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_buf_append(&buf, head, strlen(head)), what);
	na_pg_check(na_tv_format(&v, &buf), what);
	na_pg_check(na_buf_append(&buf, "", 1), what);
	return buf.data;
}

/* news.termvec_out: the canonical text form. */
PG_FUNCTION_INFO_V1(news_termvec_out);
Datum
news_termvec_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(na_pg_termvec_format(PG_GETARG_TERMVEC(0), "", "news.termvec output"));
}

/* news.termvec_recv: version, flags, count, then (id, weight) pairs. */
PG_FUNCTION_INFO_V1(news_termvec_recv);
Datum
news_termvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	in = (StringInfo) PG_GETARG_POINTER(0);
	uint16		version = (uint16) pq_getmsgint(in, 2);
	uint16		flags = (uint16) pq_getmsgint(in, 2);
	uint32		nnz = (uint32) pq_getmsgint(in, 4);
	TermVecData *t;
	NaTermVec	v;
	const char *bad;
	uint32		i;

	if (version != TERMVEC_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.termvec binary format (version %u, flags %u)",
						version, flags)));
	if (nnz > (uint32) ((in->len - in->cursor) / 8))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("news.termvec binary data is shorter than its %u entries", nnz)));
	t = na_pg_termvec_new(nnz);
	for (i = 0; i < nnz; i++)
	{
		t->ids[i] = (uint32) pq_getmsgint(in, 4);
		TERMVEC_VALS(t)[i] = pq_getmsgfloat4(in);
	}
	v = na_pg_termvec_view(t);
	if ((bad = na_tv_check(&v)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid news.termvec binary data: %s", bad)));
	PG_RETURN_POINTER(t);
}

/* na_pg_termvec_send_to: see termvec_pg.h. */
void
na_pg_termvec_send_to(StringInfo buf, const TermVecData *t)
{
	NaTermVec	v = na_pg_termvec_view(t);
	uint32		i;

	pq_sendint16(buf, TERMVEC_VERSION);
	pq_sendint16(buf, 0);
	pq_sendint32(buf, v.nnz);
	for (i = 0; i < v.nnz; i++)
	{
		pq_sendint32(buf, v.ids[i]);
		pq_sendfloat4(buf, v.vals[i]);
	}
}

/* news.termvec_send: the binary form read by news.termvec_recv. */
PG_FUNCTION_INFO_V1(news_termvec_send);
Datum
news_termvec_send(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	na_pg_termvec_send_to(&buf, t);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------
 * Construction
 * ------------------------------------------------------------------------
 */

/* news.term_id: the id of one (already normalized) term. */
PG_FUNCTION_INFO_V1(news_term_id);
Datum
news_term_id(PG_FUNCTION_ARGS)
{
	text	   *term = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = na_pg_text(term, &len);

	na_pg_require_utf8(s, len);	/* as the tokenizer does in SQL_ASCII */
	PG_RETURN_INT64((int64) na_term_id(s, len));
}

typedef struct TermIds
{
	NaBuf		buf;			/* uint32 ids */
	NaStatus	status;
} TermIds;

static bool
collect_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	TermIds    *ti = (TermIds *) arg;
	uint32		id = na_term_id(term, len);

	ti->status = na_buf_append(&ti->buf, &id, sizeof(id));
	return ti->status == NA_OK;
}

/* news.termvec(body, config): term counts of the index terms of body. */
PG_FUNCTION_INFO_V1(news_termvec_from_text);
Datum
news_termvec_from_text(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(1));
	size_t		len;
	const char *s = na_pg_text(body, &len);
	NaLexer    *lx = na_pg_lexer(config);
	TermIds		ti;
	size_t		err_offset = 0;
	NaStatus	st;
	uint32	   *ids;
	size_t		n;
	uint32		distinct;
	TermVecData *t;

	na_buf_init(&ti.buf, na_pg_allocator());
	ti.status = NA_OK;
	st = na_lexer_terms(lx, s, len, collect_term, &ti, na_pg_yield(), &err_offset);
	na_pg_check_at(st, "news.termvec", err_offset);
	na_pg_check(ti.status, "news.termvec");
	ids = (uint32 *) ti.buf.data;
	n = ti.buf.len / sizeof(uint32);
	na_pg_check(na_tv_sort_ids(ids, n, na_pg_allocator(), na_pg_yield(), &distinct),
				"news.termvec");
	t = na_pg_termvec_new(distinct);
	na_tv_fill_counts(ids, n, t->ids, TERMVEC_VALS(t));
	na_buf_free(&ti.buf);
	PG_RETURN_POINTER(t);
}

/* news.termvec(term_ids int8[], weights float4[]): a vector from arrays. */
PG_FUNCTION_INFO_V1(news_termvec_from_arrays);
Datum
news_termvec_from_arrays(PG_FUNCTION_ARGS)
{
	ArrayType  *ids_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *vals_arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *ids;
	Datum	   *vals;
	bool	   *id_nulls;
	bool	   *val_nulls;
	int			nids;
	int			nvals;
	int			i;
	StringInfoData lit;
	NaTermVecBuf b;
	char		err[256];
	NaStatus	st;

	deconstruct_array(ids_arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &ids, &id_nulls, &nids);
	deconstruct_array(vals_arr, FLOAT4OID, 4, true, TYPALIGN_INT,
					  &vals, &val_nulls, &nvals);
	if (nids != nvals)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("term_ids and weights must have the same length"),
				 errdetail("There are %d term ids and %d weights.", nids, nvals)));
	/* build the text form and reuse the parser's checks (order, duplicates) */
	initStringInfo(&lit);
	appendStringInfoChar(&lit, '{');
	for (i = 0; i < nids; i++)
	{
		int64		id;

		if (id_nulls[i] || val_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("term ids and weights must not be null")));
		id = DatumGetInt64(ids[i]);
		if (id < 0 || id > (int64) PG_UINT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("term id %lld is out of range", (long long) id),
					 errdetail("Term ids are between 0 and 4294967295.")));
		appendStringInfo(&lit, "%s%lld:%.9g", i ? "," : "", (long long) id,
						 (double) DatumGetFloat4(vals[i]));
		if ((i + 1) % 65536 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoChar(&lit, '}');
	err[0] = '\0';
	st = na_tv_parse(lit.data, lit.len, na_pg_allocator(), na_pg_yield(), &b, err, sizeof(err));
	if (st == NA_ERR_BAD_LITERAL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid term vector: %s", err)));
	if (st == NA_ERR_OUT_OF_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid term vector: %s", err)));
	na_pg_check(st, "news.termvec");
	PG_RETURN_POINTER(na_pg_termvec_from_buf(&b));
}

/*
 * Surface forms: the most frequent spelling of each index term, for
 * showing terms to people (trending terms), never the stem.
 */
typedef struct TermOcc
{
	uint32		id;
	uint32		len;			/* byte length of the token as written */
	const char *surface;		/* the token in the body */
} TermOcc;

typedef struct TermOccs
{
	NaBuf		buf;			/* TermOcc */
	const char *text;
	NaStatus	status;
} TermOccs;

typedef struct TermSurface
{
	uint32		id;
	uint32		count;			/* occurrences of the term */
	uint32		surface_count;	/* occurrences of its chosen spelling */
	uint32		len;
	const char *surface;
	bool		lower;			/* the spelling is not all capitals */
} TermSurface;

static bool
collect_occurrence(const char *term, size_t len, const NaToken *tok, void *arg)
{
	TermOccs   *to = (TermOccs *) arg;
	TermOcc		o;

	o.id = na_term_id(term, len);
	o.surface = to->text + tok->start;
	o.len = (uint32) tok->len;
	to->status = na_buf_append(&to->buf, &o, sizeof(o));
	return to->status == NA_OK;
}

/* occ_cmp: by term id, then by spelling (bytes). */
static int
occ_cmp(const void *a, const void *b)
{
	const TermOcc *x = (const TermOcc *) a;
	const TermOcc *y = (const TermOcc *) b;
	int			c;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	c = memcmp(x->surface, y->surface, Min(x->len, y->len));
	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* surface_cmp: most frequent terms first, then smaller ids (news.top_terms). */
static int
surface_cmp(const void *a, const void *b)
{
	const TermSurface *x = (const TermSurface *) a;
	const TermSurface *y = (const TermSurface *) b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* has_lower: a lower-case ASCII letter or a non-ASCII character. */
static bool
has_lower(const char *s, uint32 len)
{
	uint32		i;

	for (i = 0; i < len; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char) s[i] >= 0x80)
			return true;
	return false;
}

/*
 * term_surfaces_of: the index terms of body under config with their counts
 * and chosen spellings, most frequent first (the order of news.top_terms),
 * in a palloc'd array of *nterms entries (NULL when there is none); the
 * spellings point into body.  The occurrences buffer is freed.
 */
static TermSurface *
term_surfaces_of(const char *s, size_t len, const char *config, const char *fn, size_t *nterms)
{
	NaLexer    *lx;
	TermOccs	to;
	TermOcc    *occ;
	TermSurface *terms;
	size_t		nocc;
	size_t		i;
	size_t		err_offset = 0;

	*nterms = 0;
	lx = na_pg_lexer(config);
	na_buf_init(&to.buf, na_pg_allocator());
	to.text = s;
	to.status = NA_OK;
	na_pg_check_at(na_lexer_terms(lx, s, len, collect_occurrence, &to, na_pg_yield(), &err_offset),
				   fn, err_offset);
	na_pg_check(to.status, fn);
	occ = (TermOcc *) to.buf.data;
	nocc = to.buf.len / sizeof(TermOcc);
	if (nocc == 0)
	{
		na_buf_free(&to.buf);
		return NULL;
	}
	qsort(occ, nocc, sizeof(TermOcc), occ_cmp);

	/* one entry per term; runs of one spelling are adjacent */
	terms = palloc(na_pg_size_mul(nocc, sizeof(TermSurface)));
	for (i = 0; i < nocc;)
	{
		TermSurface *t = &terms[(*nterms)++];
		size_t		j = i;

		CHECK_FOR_INTERRUPTS();
		memset(t, 0, sizeof(*t));
		t->id = occ[i].id;
		while (j < nocc && occ[j].id == t->id)
		{
			size_t		k = j;
			bool		lower = has_lower(occ[j].surface, occ[j].len);

			while (k < nocc && occ[k].id == t->id && occ[k].len == occ[j].len &&
				   memcmp(occ[k].surface, occ[j].surface, occ[j].len) == 0)
				k++;
			if (t->surface == NULL || k - j > t->surface_count ||
				(k - j == t->surface_count && lower && !t->lower))
			{
				t->surface = occ[j].surface;
				t->len = occ[j].len;
				t->surface_count = (uint32) (k - j);
				t->lower = lower;
			}
			t->count += (uint32) (k - j);
			j = k;
		}
		i = j;
	}
	qsort(terms, *nterms, sizeof(TermSurface), surface_cmp);
	na_buf_free(&to.buf);
	return terms;
}

/*
 * term_surfaces_call: the arguments (body, n, config) of news.term_surfaces
 * or news.term_surface_arrays checked and their at most n entries computed
 * (term_surfaces_of); *nterms of them.
 */
static TermSurface *
term_surfaces_call(FunctionCallInfo fcinfo, const char *fn, size_t *nterms)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		n = PG_GETARG_INT32(1);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(2));
	size_t		len;
	const char *s = na_pg_text(body, &len);
	TermSurface *terms;

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be positive")));
	terms = term_surfaces_of(s, len, config, fn, nterms);
	if (*nterms > (size_t) n)
		*nterms = (size_t) n;
	return terms;
}

/*
 * news.term_surfaces: the n most frequent index terms of body (the entries
 * of news.top_terms(news.termvec(body, config), n), same order of
 * precedence), each with its count and most frequent spelling as written;
 * ties between spellings prefer one that is not all capitals (a dateline's
 * ROTTERDAM against Rotterdam), then the smaller in byte order.
 */
PG_FUNCTION_INFO_V1(news_term_surfaces);
Datum
news_term_surfaces(PG_FUNCTION_ARGS)
{
	NaSrf		srf;
	TermSurface *terms;
	size_t		nterms;
	size_t		i;

	terms = term_surfaces_call(fcinfo, "news.term_surfaces", &nterms);
	na_pg_srf_begin(&srf, fcinfo);
	for (i = 0; i < nterms; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		na_pg_srf_row(&srf);
		values[0] = Int64GetDatum((int64) terms[i].id);
		values[1] = PointerGetDatum(na_pg_text_from(terms[i].surface, terms[i].len));
		values[2] = Int32GetDatum((int32) terms[i].count);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	if (terms)
		pfree(terms);
	return (Datum) 0;
}

/*
 * news.term_surface_arrays: the rows of news.term_surfaces(body, n, config)
 * as three arrays in the same order (term ids, spellings, counts; empty
 * when the body has no index term): one value per article for the terms
 * analysis of tracked tables, which stores one row per article.
 */
PG_FUNCTION_INFO_V1(news_term_surface_arrays);
Datum
news_term_surface_arrays(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	TermSurface *terms;
	size_t		nterms;
	size_t		i;
	Datum	   *ids;
	Datum	   *surfaces;
	Datum	   *counts;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	terms = term_surfaces_call(fcinfo, "news.term_surface_arrays", &nterms);
	ids = palloc(Max(nterms, 1) * sizeof(Datum));
	surfaces = palloc(Max(nterms, 1) * sizeof(Datum));
	counts = palloc(Max(nterms, 1) * sizeof(Datum));
	for (i = 0; i < nterms; i++)
	{
		ids[i] = Int64GetDatum((int64) terms[i].id);
		surfaces[i] = PointerGetDatum(na_pg_text_from(terms[i].surface, terms[i].len));
		counts[i] = Int32GetDatum((int32) terms[i].count);
	}
	values[0] = PointerGetDatum(construct_array(ids, (int) nterms, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[1] = PointerGetDatum(construct_array(surfaces, (int) nterms, TEXTOID, -1, false, TYPALIGN_INT));
	values[2] = PointerGetDatum(construct_array(counts, (int) nterms, INT4OID, 4, true, TYPALIGN_INT));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

/* ------------------------------------------------------------------------
 * Reading, weighting and scoring
 * ------------------------------------------------------------------------
 */

/* news.nnz: the number of entries. */
PG_FUNCTION_INFO_V1(news_nnz);
Datum
news_nnz(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);

	na_pg_termvec_check(t);
	PG_RETURN_INT32((int32) t->nnz);
}

/* news.norm: the Euclidean length. */
PG_FUNCTION_INFO_V1(news_norm);
Datum
news_norm(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = na_pg_termvec_view(t);

	PG_RETURN_FLOAT8(na_tv_norm(&v));
}

/* news.termvec_entries: SETOF (term_id int8, weight float4) in id order. */
PG_FUNCTION_INFO_V1(news_termvec_entries);
Datum
news_termvec_entries(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaTermVec	v = na_pg_termvec_view(t);
	NaSrf		srf;
	uint32		i;

	na_pg_srf_begin(&srf, fcinfo);
	for (i = 0; i < v.nnz; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		na_pg_srf_row(&srf);
		values[0] = Int64GetDatum((int64) v.ids[i]);
		values[1] = Float4GetDatum(v.vals[i]);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	return (Datum) 0;
}

/* news.top_terms: the n entries with the largest weights. */
PG_FUNCTION_INFO_V1(news_top_terms);
Datum
news_top_terms(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	int32		n = PG_GETARG_INT32(1);
	NaTermVec	v = na_pg_termvec_view(t);
	Size		scratch = na_pg_size_mul(Max(v.nnz, 1), sizeof(uint32));
	uint32	   *keep;
	uint32	   *tmp;
	uint32		k;
	uint32		i;
	TermVecData *r;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of terms must not be negative")));
	keep = palloc(scratch);
	tmp = palloc(scratch);
	k = na_tv_top(&v, (uint32) n, keep, tmp);
	r = na_pg_termvec_new(k);
	for (i = 0; i < k; i++)
	{
		r->ids[i] = v.ids[keep[i]];
		TERMVEC_VALS(r)[i] = v.vals[keep[i]];
	}
	PG_RETURN_POINTER(r);
}

/* news.tfidf: unit-length tf-idf weights from the corpus. */
PG_FUNCTION_INFO_V1(news_tfidf);
Datum
news_tfidf(PG_FUNCTION_ARGS)
{
	TermVecData *t = PG_GETARG_TERMVEC(0);
	NaCorpus	c = na_pg_corpus_arg(fcinfo, 1);
	NaTermVec	v = na_pg_termvec_view(t);
	TermVecData *r = na_pg_termvec_new(v.nnz);

	memcpy(r->ids, v.ids, v.nnz * sizeof(uint32));
	na_tv_tfidf(&v, &c, TERMVEC_VALS(r), na_pg_yield());
	PG_RETURN_POINTER(r);
}

/* news.bm25: BM25 score of document d for query q. */
PG_FUNCTION_INFO_V1(news_bm25);
Datum
news_bm25(PG_FUNCTION_ARGS)
{
	TermVecData *q = PG_GETARG_TERMVEC(0);
	TermVecData *d = PG_GETARG_TERMVEC(1);
	NaCorpus	c = na_pg_corpus_arg(fcinfo, 2);
	float8		k1 = PG_GETARG_FLOAT8(3);
	float8		b = PG_GETARG_FLOAT8(4);
	NaTermVec	qv = na_pg_termvec_view(q);
	NaTermVec	dv = na_pg_termvec_view(d);
	double		score;

	if (na_bm25(&qv, &dv, &c, k1, b, &score) != NA_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("BM25 parameters out of range: k1 = %g, b = %g", k1, b),
				 errdetail("k1 must be a finite number >= 0 and b between 0 and 1.")));
	PG_RETURN_FLOAT8(score);
}

/* news.cosine: cosine similarity. */
PG_FUNCTION_INFO_V1(news_cosine);
Datum
news_cosine(PG_FUNCTION_ARGS)
{
	NaTermVec	av = na_pg_termvec_view(PG_GETARG_TERMVEC(0));
	NaTermVec	bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));

	PG_RETURN_FLOAT8(na_tv_cosine(&av, &bv));
}

/* news.cosine_distance: 1 - cosine similarity (operator <=>). */
PG_FUNCTION_INFO_V1(news_cosine_distance);
Datum
news_cosine_distance(PG_FUNCTION_ARGS)
{
	NaTermVec	av = na_pg_termvec_view(PG_GETARG_TERMVEC(0));
	NaTermVec	bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));

	PG_RETURN_FLOAT8(1.0 - na_tv_cosine(&av, &bv));
}

/* news.termvec_overlaps: do a and b share a term id (operator &&)? */
PG_FUNCTION_INFO_V1(news_termvec_overlaps);
Datum
news_termvec_overlaps(PG_FUNCTION_ARGS)
{
	NaTermVec	av = na_pg_termvec_view(PG_GETARG_TERMVEC(0));
	NaTermVec	bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));

	PG_RETURN_BOOL(na_tv_overlap(&av, &bv) > 0);
}

/* news.shared_terms: the number of term ids a and b share. */
PG_FUNCTION_INFO_V1(news_shared_terms);
Datum
news_shared_terms(PG_FUNCTION_ARGS)
{
	NaTermVec	av = na_pg_termvec_view(PG_GETARG_TERMVEC(0));
	NaTermVec	bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));

	PG_RETURN_INT32((int32) na_tv_overlap(&av, &bv));
}

/*
 * The running total of news.termvec_sum inside an aggregate: an expanded
 * object (utils/expandeddatum.h) under its own memory context, a child of
 * the aggregate context, updated in place.  Adding a vector to a flat
 * total copied the whole total on every row (quadratic: 80,000 distinct
 * one-term vectors took 15.6 s, test/t/termvec_sum.sh).  It keeps the sorted entries of the total
 * so far and, after them, the entries of the rows added since, in arrival
 * order; those are merged in when they outnumber the sorted ones (and at
 * least TVSUM_MIN_PENDING), so each entry is sorted O(log n) times.  The
 * merge adds each id's pending weights in arrival order with the
 * arithmetic of na_story_sum, dropping the entry whenever the sum is 0 or
 * not finite, so the total is the one adding row by row gives.  Small
 * totals stay flat (one memory context per group of a GROUP BY would cost
 * more than the copies).
 */
#define TVSUM_MIN_EXPANDED	256
#define TVSUM_MIN_PENDING	1024

typedef struct TvSumPending
{
	uint32		id;
	float		val;
	Size		seq;			/* arrival order */
} TvSumPending;

typedef struct ExpandedTvSum
{
	ExpandedObjectHeader hdr;
	uint32		nnz;			/* sorted entries */
	uint32	   *ids;
	float	   *vals;
	Size		npending;
	Size		cap_pending;
	TvSumPending *pending;
} ExpandedTvSum;

static Size tvsum_get_flat_size(ExpandedObjectHeader *eohptr);
static void tvsum_flatten_into(ExpandedObjectHeader *eohptr, void *result,
							   Size allocated_size);

static const ExpandedObjectMethods tvsum_methods = {
	tvsum_get_flat_size,
	tvsum_flatten_into
};

static int
tvsum_pending_cmp(const void *a, const void *b)
{
	const TvSumPending *pa = a;
	const TvSumPending *pb = b;

	if (pa->id != pb->id)
		return NA_CMP(pa->id, pb->id);
	return NA_CMP(pa->seq, pb->seq);
}

/* tvsum_merge: the pending entries merged into the sorted ones. */
static void
tvsum_merge(ExpandedTvSum *e)
{
	MemoryContext old;
	Size		cap = (Size) e->nnz + e->npending;
	uint32	   *ids;
	float	   *vals;
	uint32		i = 0,
				n = 0;
	Size		j = 0;

	if (e->npending == 0)
		return;
	qsort(e->pending, e->npending, sizeof(TvSumPending), tvsum_pending_cmp);
	old = MemoryContextSwitchTo(e->hdr.eoh_context);
	ids = palloc_extended(na_pg_size_mul(cap, sizeof(uint32)), MCXT_ALLOC_HUGE);
	vals = palloc_extended(na_pg_size_mul(cap, sizeof(float)), MCXT_ALLOC_HUGE);
	MemoryContextSwitchTo(old);
	while (i < e->nnz || j < e->npending)
	{
		uint32		id;
		float		v;
		bool		have;

		if (j >= e->npending || (i < e->nnz && e->ids[i] < e->pending[j].id))
		{
			ids[n] = e->ids[i];
			vals[n++] = e->vals[i++];
			continue;
		}
		id = e->pending[j].id;
		have = i < e->nnz && e->ids[i] == id;
		v = have ? e->vals[i++] : 0;
		for (; j < e->npending && e->pending[j].id == id; j++)
		{
			/* as na_story_sum adds one vector to another */
			v = have ? (float) ((double) v + e->pending[j].val) : e->pending[j].val;
			have = v != 0 && isfinite(v);
		}
		if (have)
		{
			if (n >= NA_TV_MAX_NNZ || n >= TERMVEC_MAX_NNZ)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("term vector would have too many entries (%u)", n + 1)));
			ids[n] = id;
			vals[n++] = v;
		}
	}
	if (e->ids)
	{
		pfree(e->ids);
		pfree(e->vals);
	}
	e->ids = ids;
	e->vals = vals;
	e->nnz = n;
	e->npending = 0;
}

static Size
tvsum_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedTvSum *e = (ExpandedTvSum *) eohptr;
	Size		size;

	tvsum_merge(e);
	if (!termvec_size(e->nnz, &size))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("term vector would have too many entries (%u)", e->nnz)));
	return size;
}

static void
tvsum_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedTvSum *e = (ExpandedTvSum *) eohptr;
	TermVecData *t = (TermVecData *) result;

	tvsum_merge(e);
	memset(t, 0, offsetof(TermVecData, ids));
	SET_VARSIZE(t, allocated_size);
	t->version = TERMVEC_VERSION;
	t->nnz = e->nnz;
	if (e->nnz > 0)
	{
		memcpy(t->ids, e->ids, (Size) e->nnz * sizeof(uint32));
		memcpy(TERMVEC_VALS(t), e->vals, (Size) e->nnz * sizeof(float));
	}
}

/* tvsum_add: b's entries added to the pending ones of e. */
static void
tvsum_add(ExpandedTvSum *e, const NaTermVec *b)
{
	uint32		k;

	if (e->npending + b->nnz > e->cap_pending)
	{
		Size		cap = Max(Max(e->cap_pending * 2, e->npending + b->nnz), 64);
		Size		bytes = na_pg_size_mul(cap, sizeof(TvSumPending));

		if (e->pending)
			e->pending = repalloc_huge(e->pending, bytes);
		else
			e->pending = MemoryContextAllocHuge(e->hdr.eoh_context, bytes);
		e->cap_pending = cap;
	}
	for (k = 0; k < b->nnz; k++)
	{
		TvSumPending *p = &e->pending[e->npending];

		p->id = b->ids[k];
		p->val = b->vals[k];
		p->seq = e->npending++;
	}
	if (e->npending >= Max((Size) e->nnz, TVSUM_MIN_PENDING))
		tvsum_merge(e);
}

/* tvsum_new: a total holding the sum of a and b, in a child context of parent. */
static ExpandedTvSum *
tvsum_new(MemoryContext parent, const NaTermVec *a, const NaTermVec *b)
{
	MemoryContext cxt;
	ExpandedTvSum *e;
	Size		cap = Max((Size) a->nnz + b->nnz, 1);

	cxt = AllocSetContextCreate(parent, "news.termvec_sum total", ALLOCSET_DEFAULT_SIZES);
	e = MemoryContextAllocZero(cxt, sizeof(ExpandedTvSum));
	EOH_init_header(&e->hdr, &tvsum_methods, cxt);
	e->ids = MemoryContextAllocHuge(cxt, na_pg_size_mul(cap, sizeof(uint32)));
	e->vals = MemoryContextAllocHuge(cxt, na_pg_size_mul(cap, sizeof(float)));
	e->nnz = na_story_sum(a, b, e->ids, e->vals);
	return e;
}

/*
 * news.termvec_add: the entry-wise sum of two term vectors, entries that
 * cancel out dropped (the transition and combine function of
 * news.termvec_sum, which sums story vectors into a story's centroid).
 * Inside an aggregate, a large total is kept as an ExpandedTvSum (above)
 * and changed in place; the first argument is changed only when it is
 * that read-write expanded total, never an input.
 */
PG_FUNCTION_INFO_V1(news_termvec_add);
Datum
news_termvec_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	Datum		d0 = PG_GETARG_DATUM(0);
	NaTermVec	av;
	NaTermVec	bv;
	Size		cap;
	uint32	   *ids;
	float	   *vals;
	uint32		n;
	TermVecData *t;

	if (in_agg && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d0)) &&
		DatumGetEOHP(d0)->eoh_methods == &tvsum_methods)
	{
		ExpandedTvSum *e = (ExpandedTvSum *) DatumGetEOHP(d0);

		bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));
		tvsum_add(e, &bv);
		PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
	}
	av = na_pg_termvec_view(PG_GETARG_TERMVEC(0));
	bv = na_pg_termvec_view(PG_GETARG_TERMVEC(1));
	if (in_agg && (Size) av.nnz + bv.nnz >= TVSUM_MIN_EXPANDED)
		PG_RETURN_DATUM(EOHPGetRWDatum(&tvsum_new(aggcxt, &av, &bv)->hdr));
	cap = Max((Size) av.nnz + bv.nnz, 1);
	ids = palloc_extended(na_pg_size_mul(cap, sizeof(uint32)), MCXT_ALLOC_HUGE);
	vals = palloc_extended(na_pg_size_mul(cap, sizeof(float)), MCXT_ALLOC_HUGE);
	n = na_story_sum(&av, &bv, ids, vals);
	t = na_pg_termvec_new(n);
	memcpy(t->ids, ids, (Size) n * sizeof(uint32));
	memcpy(TERMVEC_VALS(t), vals, (Size) n * sizeof(float));
	pfree(ids);
	pfree(vals);
	PG_RETURN_POINTER(t);
}

/* ------------------------------------------------------------------------
 * Equality, order and hashing
 * ------------------------------------------------------------------------
 */

/* news.termvec_eq: same ids and weights (operator =). */
PG_FUNCTION_INFO_V1(news_termvec_eq);
Datum
news_termvec_eq(PG_FUNCTION_ARGS)
{
	TermVecData *a = PG_GETARG_TERMVEC(0);
	TermVecData *b = PG_GETARG_TERMVEC(1);

	na_pg_termvec_check(a);
	na_pg_termvec_check(b);
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0);
}

/* na_pg_termvec_cmp: the entry-by-entry order of two term vectors. */
int
na_pg_termvec_cmp(const NaTermVec *a, const NaTermVec *b)
{
	uint32		n = Min(a->nnz, b->nnz);
	uint32		i;
	int			r;

	for (i = 0; i < n; i++)
	{
		if ((r = NA_CMP(a->ids[i], b->ids[i])) != 0)
			return r;
		if ((r = na_pg_order_float_cmp(a->vals[i], b->vals[i])) != 0)
			return r;
	}
	return NA_CMP(a->nnz, b->nnz);
}

static int
termvec_order(const struct varlena *a, const struct varlena *b)
{
	NaTermVec	va = na_pg_termvec_view((const TermVecData *) a);
	NaTermVec	vb = na_pg_termvec_view((const TermVecData *) b);

	return na_pg_termvec_cmp(&va, &vb);
}

/* news.termvec_ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended
 * (news.termvec_eq, the same byte comparison, is above since 0.1.0) */
NA_ORDER_FUNCTIONS(news_termvec, termvec_order)
