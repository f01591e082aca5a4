/*
 * mlt_impact.c
 *		"More like this" from impact-ordered posting lists kept in a table
 *		(src/sql/89_mlt_impact.sql): news.mlt_impact_pack, which writes one
 *		list, and news.mlt_impact_candidates, which reads the lists of a
 *		probe's heaviest terms and returns the documents with the best
 *		partial cosine (the accumulator of src/core/impact.c).
 *
 * The postings table (built by news.mlt_impact_build) has the columns term
 * (int8, the term id; the row of term NA_IMPACT_BUILD_ROW records the build)
 * and postings (bytea, the stored list of impact.h), the latter stored
 * uncompressed out of line, so that a list is read slice by slice from its
 * beginning: a short prefix first, then slices of twice the size, as the
 * accumulator asks for more.  The table is read through SPI by its
 * qualified, quoted name, with the caller's privileges.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "impact.h"
#include "na_glue.h"
#include "termvec.h"
#include "termvec_pg.h"

/* the term of the row that records the build (outside the 32-bit term ids) */
#define NA_IMPACT_BUILD_ROW	INT64CONST(-1)
/* entries in the first slice of a list (about one TOAST chunk), the largest slice */
#define FIRST_SLICE		192
#define MAX_SLICE		4096

/* news.mlt_impact_pack(ids, weights): the stored list of the documents
 * ids with their weights (in [0, 1]), sorted by weight, heaviest first. */
PG_FUNCTION_INFO_V1(news_mlt_impact_pack);
Datum
news_mlt_impact_pack(PG_FUNCTION_ARGS)
{
	ArrayType  *ida = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *wa = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *ide;
	Datum	   *we;
	bool	   *idn;
	bool	   *wn;
	int			n;
	int			nw;
	int64	   *ids;
	float	   *w;
	NaBuf		buf;
	bytea	   *result;

	if (ARR_NDIM(ida) > 1 || ARR_NDIM(wa) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ids and weights must be one-dimensional arrays")));
	deconstruct_array(ida, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &ide, &idn, &n);
	deconstruct_array(wa, FLOAT4OID, 4, true, TYPALIGN_INT, &we, &wn, &nw);
	if (n != nw)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ids and weights must have the same length"),
				 errdetail("There are %d ids and %d weights.", n, nw)));
	ids = palloc(na_pg_size_mul(Max(n, 1), sizeof(int64)));
	w = palloc(na_pg_size_mul(Max(n, 1), sizeof(float)));
	for (int i = 0; i < n; i++)
	{
		if (idn[i] || wn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("ids and weights must not contain nulls")));
		ids[i] = DatumGetInt64(ide[i]);
		w[i] = DatumGetFloat4(we[i]);
		if (!(w[i] >= 0.0f && w[i] <= 1.0f))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("weight %g is out of range", (double) w[i]),
					 errdetail("Weights must be between 0 and 1 (a term's weight over the document's length).")));
	}
	na_buf_init(&buf, na_pg_allocator());
	na_pg_check(na_buf_reserve(&buf, VARHDRSZ), "news.mlt_impact_pack");
	buf.len = VARHDRSZ;
	na_pg_check(na_impact_pack(ids, w, (uint32) n, na_pg_allocator(), na_pg_yield(), &buf),
				"news.mlt_impact_pack");
	result = (bytea *) buf.data;
	SET_VARSIZE(result, buf.len);
	PG_RETURN_BYTEA_P(result);
}

/* One list as the reader fetches it. */
typedef struct ListSource
{
	struct varlena *raw;		/* the stored value: a TOAST pointer, or the
								 * whole list in memory */
	bool		sliced;			/* read slice by slice (raw is on disk,
								 * uncompressed) */
	uint32		next;			/* entries fetched so far */
	uint32		slice;			/* size of the next slice, in entries */
	struct varlena *buf;		/* the current slice (sliced) */
} ListSource;

static void
corrupt_list(int64 term)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("posting list of term %lld is malformed", (long long) term),
			 errhint("Rebuild the postings table with news.mlt_impact_build.")));
}

/* fetch_slice: the NaImpactFetch of a sliced list (see impact.h). */
static void
fetch_slice(void *arg, uint32_t i, NaImpactList *list)
{
	ListSource *src = (ListSource *) arg + i;
	uint32		m = Min(src->slice, list->left);

	if (src->buf)
		pfree(src->buf);
	src->buf = detoast_attr_slice(src->raw,
								  NA_IMPACT_HEADER + (int32) src->next * NA_IMPACT_ENTRY,
								  (int32) m * NA_IMPACT_ENTRY);
	if (VARSIZE_ANY_EXHDR(src->buf) != (Size) m * NA_IMPACT_ENTRY)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("posting list is shorter than its header says"),
				 errhint("Rebuild the postings table with news.mlt_impact_build.")));
	list->data = (const uint8_t *) VARDATA_ANY(src->buf);
	list->avail = m;
	list->pos = 0;
	list->left -= m;
	src->next += m;
	src->slice = Min(src->slice * 4, MAX_SLICE);
}

/* open_list: start reading the stored list v of term into list and src. */
static void
open_list(Datum v, int64 term, NaImpactList *list, ListSource *src)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(v);
	const uint8_t *data;
	Size		len;
	uint32		n;

	memset(src, 0, sizeof(*src));
	src->slice = FIRST_SLICE;
	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		struct varatt_external ext;

		VARATT_EXTERNAL_GET_POINTER(ext, raw);
		src->sliced = !VARATT_EXTERNAL_IS_COMPRESSED(ext);
	}
	if (src->sliced)
	{
		src->raw = raw;
		src->buf = detoast_attr_slice(raw, 0, NA_IMPACT_HEADER + FIRST_SLICE * NA_IMPACT_ENTRY);
		data = (const uint8_t *) VARDATA_ANY(src->buf);
		len = VARSIZE_ANY_EXHDR(src->buf);
	}
	else
	{
		src->raw = (struct varlena *) PG_DETOAST_DATUM_PACKED(v);
		data = (const uint8_t *) VARDATA_ANY(src->raw);
		len = VARSIZE_ANY_EXHDR(src->raw);
	}
	if (na_impact_header(data, len, &n) != NA_OK)
		corrupt_list(term);
	list->data = data + NA_IMPACT_HEADER;
	list->pos = 0;
	if (src->sliced)
	{
		list->avail = (uint32) Min((Size) n, (len - NA_IMPACT_HEADER) / NA_IMPACT_ENTRY);
		src->next = list->avail;
		src->slice = FIRST_SLICE * 4;
	}
	else
	{
		if (len != NA_IMPACT_HEADER + (Size) n * NA_IMPACT_ENTRY)
			corrupt_list(term);
		list->avail = n;
	}
	list->left = n - list->avail;
}

/*
 * news.mlt_impact_candidates(postings, probe, ncand, max_postings, nterms):
 * the ncand documents of the postings table with the best partial cosine
 * to probe over its nterms heaviest terms (ids and scores, best first),
 * reading at most max_postings postings, and since, the largest id of
 * the table when the postings were built (newer rows are not in them).
 */
PG_FUNCTION_INFO_V1(news_mlt_impact_candidates);
Datum
news_mlt_impact_candidates(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	TermVecData *t = PG_GETARG_TERMVEC(1);
	int32		ncand = PG_GETARG_INT32(2);
	int32		max_postings = PG_GETARG_INT32(3);
	int32		nterms = PG_GETARG_INT32(4);
	NaTermVec	probe = na_pg_termvec_view(t);
	NaAllocator outer = na_pg_context_allocator(CurrentMemoryContext);
	TupleDesc	tupdesc;
	char	   *nsp;
	char	   *rel;
	StringInfoData sql;
	uint32	   *keep;
	uint32	   *tmp;
	uint32		n;
	double		norm;
	Datum	   *terms;
	Oid			argtype = INT8ARRAYOID;
	Datum		arg;
	bool		have_build = false;
	int64		since = 0;
	NaImpactList *lists;
	ListSource *srcs;
	uint32		nlists = 0;
	NaImpactHit *hits;
	uint32		nhits;
	uint32		read;
	Datum	   *idd;
	Datum	   *scd;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (ncand < 1 || max_postings < 1 || nterms < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ncand, max_postings and nterms must be positive"),
				 errdetail("ncand is %d, max_postings %d, nterms %d.", ncand, max_postings, nterms)));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	rel = get_rel_name(relid);
	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("postings table with OID %u does not exist", relid)));
	nsp = get_namespace_name(get_rel_namespace(relid));

	/* the probe's nterms heaviest terms, weights over its length */
	keep = palloc(na_pg_size_mul(Max(probe.nnz, 1), sizeof(uint32)));
	tmp = palloc(na_pg_size_mul(Max(probe.nnz, 1), sizeof(uint32)));
	n = na_tv_top(&probe, (uint32) nterms, keep, tmp);
	norm = na_tv_norm(&probe);
	terms = palloc((n + 1) * sizeof(Datum));
	terms[0] = Int64GetDatum(NA_IMPACT_BUILD_ROW);
	for (uint32 i = 0; i < n; i++)
		terms[i + 1] = Int64GetDatum((int64) probe.ids[keep[i]]);
	arg = PointerGetDatum(construct_array(terms, (int) n + 1, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));

	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT term, postings FROM %s WHERE term OPERATOR(pg_catalog.=) ANY ($1)",
					 quote_qualified_identifier(nsp, rel));
	lists = palloc0((n + 1) * sizeof(NaImpactList));
	srcs = palloc0((n + 1) * sizeof(ListSource));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql.data, 1, &argtype, &arg, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	if (SPI_tuptable->tupdesc->natts != 2 ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 1) != INT8OID ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 2) != BYTEAOID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("postings must be a table of columns term int8 and postings bytea"),
				 errhint("Build it with news.mlt_impact_build.")));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		int64		term = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		Datum		v;

		if (isnull)
			continue;
		v = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull);
		if (isnull)
			continue;
		if (term == NA_IMPACT_BUILD_ROW)
		{
			NaImpactList b;
			ListSource	s;

			open_list(v, term, &b, &s);
			if (b.avail != 1)
				corrupt_list(term);
			since = na_impact_entry_id(b.data);
			have_build = true;
			continue;
		}
		for (uint32 i = 0; i < n; i++)
			if ((int64) probe.ids[keep[i]] == term)
			{
				open_list(v, term, &lists[nlists], &srcs[nlists]);
				lists[nlists].qweight = norm > 0 ? probe.vals[keep[i]] / norm : 0;
				nlists++;
				break;
			}
		CHECK_FOR_INTERRUPTS();
	}
	if (!have_build)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("table %s holds no postings build", quote_qualified_identifier(nsp, rel)),
				 errdetail("It has no row of term %lld.", (long long) NA_IMPACT_BUILD_ROW),
				 errhint("Build it with news.mlt_impact_build.")));
	na_pg_check(na_impact_search(lists, nlists, fetch_slice, srcs, (uint32) max_postings,
								 (uint32) ncand, &outer, na_pg_yield(),
								 &hits, &nhits, &read),
				"news.mlt_impact_candidates");
	SPI_finish();

	idd = palloc(Max(nhits, 1) * sizeof(Datum));
	scd = palloc(Max(nhits, 1) * sizeof(Datum));
	for (uint32 i = 0; i < nhits; i++)
	{
		idd[i] = Int64GetDatum(hits[i].id);
		scd[i] = Float4GetDatum((float4) hits[i].score);
	}
	values[0] = PointerGetDatum(construct_array(idd, (int) nhits, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	values[1] = PointerGetDatum(construct_array(scd, (int) nhits, FLOAT4OID, 4, true, TYPALIGN_INT));
	values[2] = Int64GetDatum(since);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
