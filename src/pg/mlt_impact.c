/*
 * mlt_impact.c
 *		"More like this" from impact-ordered posting lists kept in a table
 *		(src/sql/89_mlt_impact.sql): news.mlt_impact_pack, which writes one
 *		list, and news.mlt_impact_candidates, which reads the lists of a
 *		probe's heaviest terms and returns the documents with the best
 *		partial cosine (the accumulator of src/core/impact.c), and
 *		news.mlt_impact_search, which ranks them by exact cosine; the
 *		session's cache of the lists read (news_analytics.mlt_impact_cache).
 *
 * The postings table (built by news.mlt_impact_build) has the columns term
 * (int8, the term id; the row of term NA_IMPACT_BUILD_ROW records the build)
 * and postings (bytea, the stored list of impact.h), the latter stored
 * uncompressed out of line, so that a list is read slice by slice from its
 * beginning: a short prefix first, then slices of four times the size (up
 * to MAX_SLICE entries), as the accumulator asks for more; the prefixes read
 * are kept for the session's later searches (the list cache, below).  The
 * table is read through SPI by its qualified, quoted name, with the
 * caller's privileges.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/ilist.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "impact.h"
#include "mlt_impact_pg.h"
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

/*
 * The list cache.  A search reads the first few thousand entries of 32
 * lists; read from the table, that is a TOAST slice at a time (a descent of
 * the TOAST index, the chunks looked up in shared buffers and copied), 50
 * to 80 of them a search at 1,000,000 articles.  The prefixes read are
 * kept in backend memory (a context of its own) and reused by the later
 * searches of the backend, each prefix growing as a search reads further.
 * A prefix is keyed by the TOAST pointer of its list, the TOAST relation
 * and the value's OID (a stored value never changes; a new one gets a new
 * OID), with the value's size checked, and belongs to its postings table,
 * whose build it was read under is recorded (the table's file, which a
 * rebuild's TRUNCATE replaces, and the largest id of its build row): when
 * a search finds the build changed, the table's prefixes are dropped.  The
 * cache holds at most news_analytics.mlt_impact_cache kilobytes, the least
 * recently used prefixes dropped first, after a search; 0 turns it off.
 * Lists stored inline or compressed are read as before.
 */
typedef struct CacheKey
{
	Oid			toastrelid;
	Oid			valueid;
} CacheKey;

typedef struct CachedList
{
	CacheKey	key;			/* hash key: first */
	Oid			postings;		/* the postings table of the list */
	int32		rawsize;		/* the stored value's size */
	uint32		n;				/* entries in the list (its header) */
	uint32		have;			/* entries read so far, in data */
	uint32		room;			/* entries data has room for */
	uint8	   *data;			/* the entries, in cache_context */
	dlist_node	lru;			/* most recently used first */
} CachedList;

/* the build a postings table's prefixes were read under */
typedef struct CachedBuild
{
	Oid			postings;		/* InvalidOid: a free slot */
	Oid			relfilenode;
	int64		since;
} CachedBuild;

#define CACHED_BUILDS	16

static int	cache_kb = 65536;
static MemoryContext cache_context;
static HTAB *cache;
static dlist_head cache_lru = DLIST_STATIC_INIT(cache_lru);
static Size cache_bytes;
static CachedBuild cache_builds[CACHED_BUILDS];
static int	cache_builds_next;

/* na_pg_mlt_impact_init defines news_analytics.mlt_impact_cache (_PG_init). */
void
na_pg_mlt_impact_init(void)
{
	DefineCustomIntVariable("news_analytics.mlt_impact_cache",
							"Memory each session may keep of the posting lists news.mlt_impact_search has read.",
							"The prefixes of the lists read from postings tables, reused by the session's later searches; the least recently used are dropped first. 0 turns the cache off.",
							&cache_kb,
							65536, 0, MAX_KILOBYTES,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);
}

/* cache_drop: forget the prefix e. */
static void
cache_drop(CachedList *e)
{
	dlist_delete(&e->lru);
	cache_bytes -= sizeof(CachedList) + (Size) e->room * NA_IMPACT_ENTRY;
	if (e->data)
		pfree(e->data);
	hash_search(cache, &e->key, HASH_REMOVE, NULL);
}

/* cache_trim: drop the least recently used prefixes until the cache holds
 * at most limit bytes. */
static void
cache_trim(Size limit)
{
	while (cache_bytes > limit && !dlist_is_empty(&cache_lru))
		cache_drop(dlist_tail_element(CachedList, lru, &cache_lru));
}

/*
 * cache_check_build: drop the prefixes of the postings table relid unless
 * they were read under its current build (its file and the largest id of
 * its build row, since), and record that build.
 */
static void
cache_check_build(Oid relid, int64 since)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			relfilenode;
	CachedBuild *b = NULL;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	relfilenode = ((Form_pg_class) GETSTRUCT(tup))->relfilenode;
	ReleaseSysCache(tup);
	for (int i = 0; i < CACHED_BUILDS; i++)
		if (cache_builds[i].postings == relid)
		{
			if (cache_builds[i].relfilenode == relfilenode && cache_builds[i].since == since)
				return;
			b = &cache_builds[i];
			break;
		}
	if (b == NULL)
	{
		/* a table not recorded (or no longer): its prefixes may be of any
		 * build; the slot's table is forgotten, with its prefixes */
		b = &cache_builds[cache_builds_next];
		cache_builds_next = (cache_builds_next + 1) % CACHED_BUILDS;
	}
	if (cache != NULL)
	{
		HASH_SEQ_STATUS seq;
		CachedList *e;
		Oid			old = b->postings;

		hash_seq_init(&seq, cache);
		while ((e = hash_seq_search(&seq)) != NULL)
			if (e->postings == relid || (OidIsValid(old) && e->postings == old))
				cache_drop(e);
	}
	b->postings = relid;
	b->relfilenode = relfilenode;
	b->since = since;
}

/* One list as the reader fetches it. */
typedef struct ListSource
{
	struct varlena *raw;		/* the stored value: a TOAST pointer, or the
								 * whole list in memory */
	bool		sliced;			/* read slice by slice (raw is on disk,
								 * uncompressed) */
	CachedList *cached;			/* its prefix in the cache, or NULL */
	uint32		next;			/* entries fetched so far */
	uint32		slice;			/* size of the next slice, in entries */
	struct varlena *buf;		/* the current slice (sliced, not cached) */
} ListSource;

static void
corrupt_list(int64 term)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("posting list of term %lld is malformed", (long long) term),
			 errhint("Rebuild the postings table with news.mlt_impact_build.")));
}

/* read_slice: m entries of the sliced list src from entry src->next on
 * (palloc'd; checked for length). */
static struct varlena *
read_slice(ListSource *src, uint32 m)
{
	struct varlena *s = detoast_attr_slice(src->raw,
										   NA_IMPACT_HEADER + (int32) src->next * NA_IMPACT_ENTRY,
										   (int32) m * NA_IMPACT_ENTRY);

	if (VARSIZE_ANY_EXHDR(s) != (Size) m * NA_IMPACT_ENTRY)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("posting list is shorter than its header says"),
				 errhint("Rebuild the postings table with news.mlt_impact_build.")));
	return s;
}

/* fetch_slice: the NaImpactFetch of a sliced list (see impact.h). */
static void
fetch_slice(void *arg, uint32_t i, NaImpactList *list)
{
	ListSource *src = (ListSource *) arg + i;
	uint32		m = Min(src->slice, list->left);
	CachedList *e = src->cached;

	if (e != NULL)
	{
		/* the next entries go to the end of the list's prefix */
		struct varlena *s = read_slice(src, m);

		if (e->have + m > e->room)
		{
			uint32		room = Min(Max(e->have + m, e->room * 2), e->n);

			e->data = repalloc_huge(e->data, (Size) room * NA_IMPACT_ENTRY);
			cache_bytes += (Size) (room - e->room) * NA_IMPACT_ENTRY;
			e->room = room;
		}
		memcpy(e->data + (Size) e->have * NA_IMPACT_ENTRY, VARDATA_ANY(s), (Size) m * NA_IMPACT_ENTRY);
		pfree(s);
		list->data = e->data + (Size) e->have * NA_IMPACT_ENTRY;
		e->have += m;
	}
	else
	{
		if (src->buf)
			pfree(src->buf);
		src->buf = read_slice(src, m);
		list->data = (const uint8_t *) VARDATA_ANY(src->buf);
	}
	list->avail = m;
	list->pos = 0;
	list->left -= m;
	src->next += m;
	src->slice = Min(src->slice * 4, MAX_SLICE);
}

/*
 * open_cached: start reading the stored list raw (on disk, uncompressed,
 * TOAST pointer ext) of term, of the postings table relid, from its prefix
 * in the cache, which is made when there is none (its first slice).
 */
static void
open_cached(struct varlena *raw, struct varatt_external *ext, int64 term, Oid relid,
			NaImpactList *list, ListSource *src)
{
	CacheKey	key;
	CachedList *e;
	bool		found;

	if (cache == NULL)
	{
		HASHCTL		ctl;

		cache_context = AllocSetContextCreate(TopMemoryContext, "news_analytics mlt_impact lists",
											  ALLOCSET_DEFAULT_SIZES);
		ctl.keysize = sizeof(CacheKey);
		ctl.entrysize = sizeof(CachedList);
		ctl.hcxt = cache_context;
		cache = hash_create("news_analytics mlt_impact lists", 1024, &ctl,
							HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	memset(&key, 0, sizeof(key));
	key.toastrelid = ext->va_toastrelid;
	key.valueid = ext->va_valueid;
	e = hash_search(cache, &key, HASH_FIND, NULL);
	if (e != NULL && (e->rawsize != ext->va_rawsize || e->postings != relid))
	{
		cache_drop(e);
		e = NULL;
	}
	if (e == NULL)
	{
		/* read the header and the first slice before anything is entered */
		struct varlena *s = detoast_attr_slice(raw, 0, NA_IMPACT_HEADER + FIRST_SLICE * NA_IMPACT_ENTRY);
		const uint8_t *data = (const uint8_t *) VARDATA_ANY(s);
		Size		len = VARSIZE_ANY_EXHDR(s);
		uint32		n;
		uint32		m;
		uint8	   *copy;

		if (na_impact_header(data, len, &n) != NA_OK)
			corrupt_list(term);
		m = (uint32) Min((Size) n, (len - NA_IMPACT_HEADER) / NA_IMPACT_ENTRY);
		copy = MemoryContextAllocHuge(cache_context, (Size) Max(m, 1) * NA_IMPACT_ENTRY);
		memcpy(copy, data + NA_IMPACT_HEADER, (Size) m * NA_IMPACT_ENTRY);
		pfree(s);
		e = hash_search(cache, &key, HASH_ENTER, &found);
		e->postings = relid;
		e->rawsize = ext->va_rawsize;
		e->n = n;
		e->have = m;
		e->room = Max(m, 1);
		e->data = copy;
		dlist_push_head(&cache_lru, &e->lru);
		cache_bytes += sizeof(CachedList) + (Size) e->room * NA_IMPACT_ENTRY;
	}
	else
		dlist_move_head(&cache_lru, &e->lru);
	src->cached = e;
	src->next = e->have;
	src->slice = Max(FIRST_SLICE * 4, Min(e->have, MAX_SLICE));
	list->data = e->data;
	list->avail = e->have;
	list->pos = 0;
	list->left = e->n - e->have;
}

/* open_list: start reading the stored list v of term (of the postings
 * table relid) into list and src, through the cache when it can. */
static void
open_list(Datum v, int64 term, Oid relid, NaImpactList *list, ListSource *src)
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
		if (src->sliced && cache_kb > 0 && OidIsValid(relid))
		{
			src->raw = raw;
			open_cached(raw, &ext, term, relid, list, src);
			return;
		}
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
 * The prepared plans of the queries the searches run, kept for the life of
 * the backend and keyed by their text (which names the tables, quoted and
 * qualified): a search is a few milliseconds, and parsing and planning its
 * two queries every time was a good part of that.  A plan whose table
 * changes is planned again by the plan cache; the least recently used of
 * PLAN_CACHE_SIZE is freed for a new one.
 */
#define PLAN_CACHE_SIZE	16

typedef struct PlanSlot
{
	char	   *sql;			/* in TopMemoryContext; NULL when free */
	SPIPlanPtr	plan;
	uint64		used;
} PlanSlot;

static PlanSlot plan_cache[PLAN_CACHE_SIZE];
static uint64 plan_clock;

/*
 * cached_plan: the kept plan of sql (inside SPI), prepared with the given
 * argument types and cursor options on first use.
 */
static SPIPlanPtr
cached_plan(const char *sql, int nargs, Oid *argtypes, int options)
{
	PlanSlot   *slot = &plan_cache[0];
	SPIPlanPtr	plan;

	for (int i = 0; i < PLAN_CACHE_SIZE; i++)
	{
		if (plan_cache[i].sql != NULL && strcmp(plan_cache[i].sql, sql) == 0)
		{
			plan_cache[i].used = ++plan_clock;
			return plan_cache[i].plan;
		}
		if (plan_cache[i].used < slot->used)
			slot = &plan_cache[i];
	}
	plan = SPI_prepare_cursor(sql, nargs, argtypes, options);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare_cursor failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	if (slot->sql != NULL)
	{
		SPI_freeplan(slot->plan);
		pfree(slot->sql);
		slot->sql = NULL;
	}
	slot->plan = plan;
	slot->sql = MemoryContextStrdup(TopMemoryContext, sql);
	slot->used = ++plan_clock;
	return plan;
}

/*
 * The accumulator's memory, kept from one search to the next in a context
 * of its own (see NaImpactWork), unless a search with a large budget made
 * it larger than WORK_KEEP slots (3 MB).
 */
#define WORK_KEEP	((size_t) 1 << 18)

static NaImpactWork work;
static MemoryContext work_context;

/*
 * read_candidates: the ncand documents of the postings table relid with the
 * best partial cosine to probe over its nterms heaviest terms, in *hits and
 * *nhits (allocated in CurrentMemoryContext, best first), reading at most
 * max_postings postings, and in *since the largest id of the table when the
 * postings were built (newer rows are not in them).  Runs inside SPI.
 */
static void
read_candidates(Oid relid, const NaTermVec *probe, int32 ncand, int32 max_postings,
				int32 nterms, NaImpactHit **hits, uint32 *nhits, int64 *since)
{
	MemoryContext cxt = CurrentMemoryContext;
	NaAllocator kept;
	NaImpactHit *found;
	char	   *nsp;
	char	   *rel;
	char	   *sql;
	uint32	   *keep;
	uint32	   *tmp;
	uint32		n;
	double		norm;
	Datum	   *terms;
	Oid			argtype = INT8ARRAYOID;
	Datum		arg;
	bool		have_build = false;
	NaImpactList *lists;
	ListSource *srcs;
	uint32		nlists = 0;
	uint32		read;

	rel = get_rel_name(relid);
	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("postings table with OID %u does not exist", relid)));
	nsp = get_namespace_name(get_rel_namespace(relid));

	/* the probe's nterms heaviest terms, weights over its length */
	keep = palloc(na_pg_size_mul(Max(probe->nnz, 1), sizeof(uint32)));
	tmp = palloc(na_pg_size_mul(Max(probe->nnz, 1), sizeof(uint32)));
	n = na_tv_top(probe, (uint32) nterms, keep, tmp);
	norm = na_tv_norm(probe);
	terms = palloc((n + 1) * sizeof(Datum));
	terms[0] = Int64GetDatum(NA_IMPACT_BUILD_ROW);
	for (uint32 i = 0; i < n; i++)
		terms[i + 1] = Int64GetDatum((int64) probe->ids[keep[i]]);
	arg = PointerGetDatum(construct_array(terms, (int) n + 1, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	sql = psprintf("SELECT term, postings FROM %s WHERE term OPERATOR(pg_catalog.=) ANY ($1)",
				   quote_qualified_identifier(nsp, rel));
	lists = palloc0((n + 1) * sizeof(NaImpactList));
	srcs = palloc0((n + 1) * sizeof(ListSource));

	if (SPI_execute_plan(cached_plan(sql, 1, &argtype, 0), &arg, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed");
	if (SPI_tuptable->tupdesc->natts != 2 ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 1) != INT8OID ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 2) != BYTEAOID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("postings must be a table of columns term int8 and postings bytea"),
				 errhint("Build it with news.mlt_impact_build.")));
	/* the build row first: the cache keeps the lists of one build */
	for (uint64 r = 0; r < SPI_processed && !have_build; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		int64		term = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		Datum		v;
		NaImpactList b;
		ListSource	s;

		if (isnull || term != NA_IMPACT_BUILD_ROW)
			continue;
		v = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull);
		if (isnull)
			continue;
		open_list(v, term, InvalidOid, &b, &s);
		if (b.avail != 1)
			corrupt_list(term);
		*since = na_impact_entry_id(b.data);
		have_build = true;
	}
	if (!have_build)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("table %s holds no postings build", quote_qualified_identifier(nsp, rel)),
				 errdetail("It has no row of term %lld.", (long long) NA_IMPACT_BUILD_ROW),
				 errhint("Build it with news.mlt_impact_build.")));
	if (cache_kb > 0)
		cache_check_build(relid, *since);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		int64		term = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		Datum		v;

		if (isnull || term == NA_IMPACT_BUILD_ROW)
			continue;
		v = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull);
		if (isnull)
			continue;
		for (uint32 i = 0; i < n; i++)
			if ((int64) probe->ids[keep[i]] == term)
			{
				open_list(v, term, relid, &lists[nlists], &srcs[nlists]);
				lists[nlists].qweight = norm > 0 ? probe->vals[keep[i]] / norm : 0;
				nlists++;
				break;
			}
		CHECK_FOR_INTERRUPTS();
	}
	if (work_context == NULL)
		work_context = AllocSetContextCreate(TopMemoryContext, "news_analytics mlt_impact",
											 ALLOCSET_DEFAULT_SIZES);
	kept = na_pg_context_allocator(work_context);
	na_pg_check(na_impact_search(lists, nlists, fetch_slice, srcs, (uint32) max_postings,
								 (uint32) ncand, &work, &kept, na_pg_yield(),
								 &found, nhits, &read),
				"news.mlt_impact_candidates");
	*hits = MemoryContextAlloc(cxt, Max(*nhits, 1) * sizeof(NaImpactHit));
	memcpy(*hits, found, *nhits * sizeof(NaImpactHit));
	if (work.size > WORK_KEEP)
		na_impact_work_free(&work, &kept);
	cache_trim((Size) cache_kb * 1024);
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
	MemoryContext caller = CurrentMemoryContext;
	TupleDesc	tupdesc;
	NaImpactHit *hits;
	uint32		nhits;
	int64		since = 0;
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

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	read_candidates(relid, &probe, ncand, max_postings, nterms, &hits, &nhits, &since);
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

/*
 * tables_ok: do tbl, id_column and vec_column pass news.mlt_impact_check
 * (a table, partitioned table or materialized view; an integer column; a
 * column of vectype)?  The catalog caches answer it without a query; when
 * they say no, the caller runs news.mlt_impact_check for its error.
 */
static bool
tables_ok(Oid tbl, const char *id_column, const char *vec_column, Oid vectype)
{
	char		kind = get_rel_relkind(tbl);
	AttrNumber	idatt;
	AttrNumber	vecatt;
	Oid			idtype;

	if (kind != RELKIND_RELATION && kind != RELKIND_PARTITIONED_TABLE && kind != RELKIND_MATVIEW)
		return false;
	idatt = get_attnum(tbl, id_column);
	vecatt = get_attnum(tbl, vec_column);
	if (idatt <= 0 || vecatt <= 0 || !OidIsValid(vectype))
		return false;
	idtype = get_atttype(tbl, idatt);
	return (idtype == INT2OID || idtype == INT4OID || idtype == INT8OID) &&
		get_atttype(tbl, vecatt) == vectype;
}

/*
 * rank_rows: add the rows of the last SPI query, (id int8, vector), to the
 * best k of (*hits)[0..*n) by cosine to probe (score: minus the distance),
 * cutting them back to the best k when the array is full and larger than
 * k, else doubling it (*cap entries).
 */
static void
rank_rows(const NaTermVec *probe, NaImpactHit **hits, uint32 *n, uint32 *cap, uint32 k)
{
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		idnull;
		bool		vecnull;
		int64		id = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &idnull));
		Datum		v = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &vecnull);
		TermVecData *t;
		NaTermVec	doc;

		if (idnull || vecnull)
			continue;
		t = DatumGetTermVec(v);
		doc = na_pg_termvec_view(t);
		if (*n == *cap)
		{
			if (*cap > k)
				*n = na_impact_top(*hits, *n, k);
			else
			{
				*cap = (uint32) Min((Size) *cap * 2, (Size) PG_UINT32_MAX);
				*hits = repalloc_huge(*hits, na_pg_size_mul(*cap, sizeof(NaImpactHit)));
			}
		}
		(*hits)[*n].id = id;
		/* the distance as the operator <=> computes it, 1 - cosine */
		(*hits)[*n].score = -(1.0 - na_tv_cosine(&doc, probe));
		(*n)++;
		if ((Pointer) t != DatumGetPointer(v))
			pfree(t);
		if ((r & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/*
 * news.mlt_impact_search(tbl, id_column, vec_column, postings, probe, k,
 * candidates, max_postings): the top k rows of tbl by cosine to probe
 * among the candidates of the postings table and the rows newer than its
 * build, ranked by exact cosine (ties: smaller id).
 */
PG_FUNCTION_INFO_V1(news_mlt_impact_search);
Datum
news_mlt_impact_search(PG_FUNCTION_ARGS)
{
	Oid			tbl = PG_GETARG_OID(0);
	char	   *id_column = NameStr(*PG_GETARG_NAME(1));
	char	   *vec_column = NameStr(*PG_GETARG_NAME(2));
	Oid			postings = PG_GETARG_OID(3);
	NaTermVec	probe = na_pg_termvec_view(PG_GETARG_TERMVEC(4));
	int32		k = PG_GETARG_INT32(5);
	int32		ncand = PG_GETARG_INT32(6);
	int32		max_postings = PG_GETARG_INT32(7);
	MemoryContext caller = CurrentMemoryContext;
	NaImpactHit *cand;
	uint32		ncands;
	int64		since = 0;
	NaImpactHit *best = NULL;
	uint32		nbest = 0;
	uint32		cap;
	char	   *nsp;
	char	   *rel;
	char	   *from;
	Oid			argtypes[1];
	Datum		arg;
	NaSrf		srf;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	if (!tables_ok(tbl, id_column, vec_column, get_fn_expr_argtype(fcinfo->flinfo, 4)))
	{
		Oid			types[3] = {REGCLASSOID, NAMEOID, NAMEOID};
		Datum		args[3] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2)};

		if (SPI_execute_with_args("SELECT news.mlt_impact_check($1, $2, $3)", 3, types, args,
								  NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute_with_args failed");
	}
	if (k < 0 || ncand < 0 || max_postings < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k, candidates and max_postings must not be negative"),
				 errdetail("k is %d, candidates %d, max_postings %d.", k, ncand, max_postings)));
	if (k > 0)
	{
		if (ncand == 0)
			ncand = Max(200, Min(k, 100000) * 4);
		if (max_postings == 0)
			max_postings = Max(40000, Min(k, 100000) * 1600);
		read_candidates(postings, &probe, ncand, max_postings, 32, &cand, &ncands, &since);

		/* the candidates, and the rows added since the build, by exact cosine */
		rel = get_rel_name(tbl);
		nsp = get_namespace_name(get_rel_namespace(tbl));
		if (rel == NULL || nsp == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("table with OID %u does not exist", tbl)));
		from = psprintf("SELECT t.%s::pg_catalog.int8, t.%s FROM %s AS t WHERE t.%s IS NOT NULL AND t.%s",
						quote_identifier(id_column), quote_identifier(vec_column),
						quote_qualified_identifier(nsp, rel), quote_identifier(vec_column),
						quote_identifier(id_column));
		/* the result outlives SPI, whose calls leave its own context current */
		cap = (uint32) Min(k, 1024) * 2;
		best = MemoryContextAlloc(caller, cap * sizeof(NaImpactHit));
		if (ncands > 0)
		{
			Datum	   *ids = palloc(ncands * sizeof(Datum));

			for (uint32 i = 0; i < ncands; i++)
				ids[i] = Int64GetDatum(cand[i].id);
			argtypes[0] = INT8ARRAYOID;
			arg = PointerGetDatum(construct_array(ids, (int) ncands, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
			if (SPI_execute_plan(cached_plan(psprintf("%s OPERATOR(pg_catalog.=) ANY ($1)", from),
											 1, argtypes, 0),
								 &arg, NULL, true, 0) != SPI_OK_SELECT)
				elog(ERROR, "SPI_execute_plan failed");
			rank_rows(&probe, &best, &nbest, &cap, (uint32) k);
			SPI_freetuptable(SPI_tuptable);
		}
		/* planned for the value of since: the estimate of the rows above
		 * it, usually none, is what makes the index the plan */
		argtypes[0] = INT8OID;
		arg = Int64GetDatum(since);
		if (SPI_execute_plan(cached_plan(psprintf("%s OPERATOR(pg_catalog.>) $1", from),
										 1, argtypes, CURSOR_OPT_CUSTOM_PLAN),
							 &arg, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute_plan failed");
		rank_rows(&probe, &best, &nbest, &cap, (uint32) k);
		nbest = na_impact_top(best, nbest, (uint32) k);
	}
	SPI_finish();

	na_pg_srf_begin(&srf, fcinfo);
	for (uint32 i = 0; i < nbest; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		na_pg_srf_row(&srf);
		values[0] = Int64GetDatum(best[i].id);
		values[1] = Float8GetDatum(1.0 - -best[i].score);
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	return (Datum) 0;
}
