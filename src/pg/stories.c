/*
 * stories.c
 *		SQL functions of story assignment (src/core/stories.c) and of their
 *		type news.story_item: the story vector of an article, entity
 *		vectors, the score of an item against a story, and
 *		news.story_assign, which puts a batch of items (articles, or stories
 *		to merge) into stories.  The sum of term vectors that makes a
 *		centroid, news.termvec_add, is a function of news.termvec
 *		(termvec.c).
 *
 * Stories and items travel as the composite type news.story_item (id,
 * first_seen, last_seen, articles, terms, entities); arrays of it are read
 * with the row type's descriptor, once per call.  Times become seconds
 * since the PostgreSQL epoch (doubles: microsecond precision for some
 * hundred years), the time window an interval in seconds (a month counts
 * 30.4375 days, as in EXTRACT(EPOCH)).  The core works in a memory context
 * of its own, deleted when the call ends, and an error anywhere leaves
 * nothing behind.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "na_glue.h"
#include "stories.h"
#include "termvec_pg.h"

/* the attributes of news.story_item */
#define ITEM_NATTS	6
enum
{
	ITEM_ID,
	ITEM_FIRST,
	ITEM_LAST,
	ITEM_ARTICLES,
	ITEM_TERMS,
	ITEM_ENTITIES
};

static const NaTermVec empty_vector = {0, NULL, NULL};

/* vector_of: the view of a news.termvec datum (detoasted in the current
 * context). */
static NaTermVec
vector_of(Datum d)
{
	return na_pg_termvec_view(DatumGetTermVec(d));
}

/* vector_datum: a new news.termvec holding the entries of v (ids strictly
 * increasing, weights finite: the core guarantees it). */
static Datum
vector_datum(const NaTermVec *v)
{
	TermVecData *t = na_pg_termvec_new(v->nnz);

	if (v->nnz > 0)
	{
		memcpy(t->ids, v->ids, (Size) v->nnz * sizeof(uint32));
		memcpy(TERMVEC_VALS(t), v->vals, (Size) v->nnz * sizeof(float));
	}
	return PointerGetDatum(t);
}

/* seconds_of: a timestamptz as seconds; infinite times are refused. */
static double
seconds_of(TimestampTz t)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("story times must be finite")));
	return (double) t / USECS_PER_SEC;
}

static TimestampTz
timestamp_of(double seconds)
{
	return (TimestampTz) llround(seconds * USECS_PER_SEC);
}

/* item_tupdesc: the descriptor of news.story_item, from an array's element
 * type or a result column. */
static TupleDesc
item_tupdesc(Oid type)
{
	TupleDesc	desc = lookup_rowtype_tupdesc_copy(type, -1);

	if (desc->natts != ITEM_NATTS ||
		TupleDescAttr(desc, ITEM_ID)->atttypid != INT8OID ||
		TupleDescAttr(desc, ITEM_FIRST)->atttypid != TIMESTAMPTZOID ||
		TupleDescAttr(desc, ITEM_LAST)->atttypid != TIMESTAMPTZOID ||
		TupleDescAttr(desc, ITEM_ARTICLES)->atttypid != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s is not news.story_item", format_type_be(type))));
	return desc;
}

/* read_item: a news.story_item value as a core item (vectors detoasted in
 * the current context; a NULL vector is empty). */
static void
read_item(HeapTupleHeader rec, TupleDesc desc, NaStoryItem *out)
{
	HeapTupleData tuple;
	Datum		values[ITEM_NATTS];
	bool		nulls[ITEM_NATTS];

	tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = rec;
	heap_deform_tuple(&tuple, desc, values, nulls);
	if (nulls[ITEM_ID] || nulls[ITEM_FIRST] || nulls[ITEM_LAST] || nulls[ITEM_ARTICLES])
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("story item id, first_seen, last_seen and articles must not be NULL")));
	out->id = DatumGetInt64(values[ITEM_ID]);
	out->first = seconds_of(DatumGetTimestampTz(values[ITEM_FIRST]));
	out->last = seconds_of(DatumGetTimestampTz(values[ITEM_LAST]));
	out->count = DatumGetInt64(values[ITEM_ARTICLES]);
	out->terms = nulls[ITEM_TERMS] ? empty_vector : vector_of(values[ITEM_TERMS]);
	out->entities = nulls[ITEM_ENTITIES] ? empty_vector : vector_of(values[ITEM_ENTITIES]);
}

/* check_item: reject an item the core would refuse, naming the field. */
static void
check_item(const NaStoryItem *item)
{
	const char *msg = na_story_item_check(item);

	if (msg)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid story item %lld: %s", (long long) item->id, msg)));
}

/* read_items: the elements of a news.story_item[] argument (NULL elements
 * refused); *n gets their number. */
static NaStoryItem *
read_items(ArrayType *arr, int *n)
{
	Oid			elemtype = ARR_ELEMTYPE(arr);
	TupleDesc	desc = item_tupdesc(elemtype);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	NaStoryItem *items;
	int			i;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign, &elems, &nulls, n);
	items = palloc_extended(na_pg_size_mul(Max(*n, 1), sizeof(NaStoryItem)), MCXT_ALLOC_HUGE);
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("story items must not be NULL")));
		read_item(DatumGetHeapTupleHeader(elems[i]), desc, &items[i]);
		check_item(&items[i]);
		if ((i + 1) % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return items;
}

/* item_datum: a news.story_item value of a core item. */
static Datum
item_datum(const NaStoryItem *item, TupleDesc desc)
{
	Datum		values[ITEM_NATTS];
	bool		nulls[ITEM_NATTS] = {false, false, false, false, false, false};

	values[ITEM_ID] = Int64GetDatum(item->id);
	values[ITEM_FIRST] = TimestampTzGetDatum(timestamp_of(item->first));
	values[ITEM_LAST] = TimestampTzGetDatum(timestamp_of(item->last));
	values[ITEM_ARTICLES] = Int64GetDatum(item->count);
	values[ITEM_TERMS] = vector_datum(&item->terms);
	values[ITEM_ENTITIES] = vector_datum(&item->entities);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* params_of: the settings of an assignment, checked. */
static NaStoryParams
params_of(double threshold, Interval *window, double entity_weight)
{
	NaStoryParams p;
	const char *msg;

	p.threshold = threshold;
	p.window = (double) window->time / USECS_PER_SEC +
		(double) window->day * SECS_PER_DAY +
		(double) window->month * (DAYS_PER_YEAR * SECS_PER_DAY / MONTHS_PER_YEAR);
	p.entity_weight = entity_weight;
	if ((msg = na_story_params_check(&p)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", msg)));
	return p;
}

/* news.story_vector: an article's contribution to a story centroid. */
PG_FUNCTION_INFO_V1(news_story_vector);
Datum
news_story_vector(PG_FUNCTION_ARGS)
{
	NaTermVec	tv = vector_of(PG_GETARG_DATUM(0));
	float	   *vals = palloc_extended(na_pg_size_mul(Max(tv.nnz, 1), sizeof(float)), MCXT_ALLOC_HUGE);
	NaTermVec	out = {tv.nnz, tv.ids, vals};

	na_story_vector(&tv, vals);
	PG_RETURN_DATUM(vector_datum(&out));
}

/* news.story_entities: the entity vector of a list of entity names (weight
 * 1 per distinct name; NULL elements skipped). */
PG_FUNCTION_INFO_V1(news_story_entities);
Datum
news_story_entities(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	uint32	   *ids;
	float	   *vals;
	size_t		k = 0;
	uint32		distinct;
	uint32		j;
	NaTermVec	out;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	ids = palloc_extended(na_pg_size_mul(Max(n, 1), sizeof(uint32)), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		size_t		len;
		const char *s;

		if (nulls[i])
			continue;
		s = na_pg_text(DatumGetTextPP(elems[i]), &len);
		ids[k++] = na_term_id(s, len);
	}
	na_pg_check(na_tv_sort_ids(ids, k, na_pg_allocator(), na_pg_yield(), &distinct),
				"news.story_entities");
	vals = palloc_extended(na_pg_size_mul(Max(distinct, 1), sizeof(float)), MCXT_ALLOC_HUGE);
	out.ids = palloc_extended(na_pg_size_mul(Max(distinct, 1), sizeof(uint32)), MCXT_ALLOC_HUGE);
	na_tv_fill_counts(ids, k, (uint32 *) out.ids, vals);
	for (j = 0; j < distinct; j++)
		vals[j] = 1;
	out.nnz = distinct;
	out.vals = vals;
	PG_RETURN_DATUM(vector_datum(&out));
}

/* news.story_similarity: the score of an item against a story (optionally
 * with the item taken out of the story first). */
PG_FUNCTION_INFO_V1(news_story_similarity);
Datum
news_story_similarity(PG_FUNCTION_ARGS)
{
	HeapTupleHeader srec = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader irec = PG_GETARG_HEAPTUPLEHEADER(1);
	NaCorpus	terms = na_pg_corpus_arg(fcinfo, 2);
	NaCorpus	entities = na_pg_corpus_arg(fcinfo, 3);
	double		entity_weight = PG_GETARG_FLOAT8(4);
	bool		exclude = PG_GETARG_BOOL(5);
	TupleDesc	desc = item_tupdesc(HeapTupleHeaderGetTypeId(srec));
	NaStoryItem story,
				item;

	if (!isfinite(entity_weight) || entity_weight < 0 || entity_weight > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("entity weight must be between 0 and 1")));
	read_item(srec, desc, &story);
	read_item(irec, desc, &item);
	check_item(&story);
	check_item(&item);
	PG_RETURN_FLOAT8(na_story_score(&story, &item, &terms, &entities, entity_weight, exclude));
}

/* news.story_scores: news.story_similarity (without exclusion) of each
 * item against one story, the story's lengths computed once. */
PG_FUNCTION_INFO_V1(news_story_scores);
Datum
news_story_scores(PG_FUNCTION_ARGS)
{
	HeapTupleHeader srec = PG_GETARG_HEAPTUPLEHEADER(0);
	ArrayType  *item_arr = PG_GETARG_ARRAYTYPE_P(1);
	NaCorpus	terms = na_pg_corpus_arg(fcinfo, 2);
	NaCorpus	entities = na_pg_corpus_arg(fcinfo, 3);
	double		entity_weight = PG_GETARG_FLOAT8(4);
	TupleDesc	desc = item_tupdesc(HeapTupleHeaderGetTypeId(srec));
	NaStoryItem story;
	NaStoryItem *items;
	double		norms[2];
	Datum	   *scores;
	int			nitems,
				i;

	if (!isfinite(entity_weight) || entity_weight < 0 || entity_weight > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("entity weight must be between 0 and 1")));
	read_item(srec, desc, &story);
	check_item(&story);
	items = read_items(item_arr, &nitems);
	na_story_norms(&story, &terms, &entities, norms);
	scores = palloc_extended(na_pg_size_mul(Max(nitems, 1), sizeof(Datum)), MCXT_ALLOC_HUGE);
	for (i = 0; i < nitems; i++)
	{
		scores[i] = Float8GetDatum(na_story_score_normed(&story, norms, &items[i], &terms, &entities,
														 entity_weight));
		if ((i + 1) % 1024 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(scores, nitems, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* an assignment made by news.story_assign: item i went to story */
typedef struct Joined
{
	int64		story;
	int			item;
	float4		score;
} Joined;

static int
joined_cmp(const void *a, const void *b)
{
	const Joined *x = a;
	const Joined *y = b;

	if (x->story != y->story)
		return x->story < y->story ? -1 : 1;
	return x->item - y->item;
}

/* news.story_assign: put items into stories (see stories.h); one row per
 * story that was created or received items. */
PG_FUNCTION_INFO_V1(news_story_assign);
Datum
news_story_assign(PG_FUNCTION_ARGS)
{
	ArrayType  *story_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *item_arr = PG_GETARG_ARRAYTYPE_P(1);
	NaCorpus	terms = na_pg_corpus_arg(fcinfo, 2);
	NaCorpus	entities = na_pg_corpus_arg(fcinfo, 3);
	NaStoryParams params = params_of(PG_GETARG_FLOAT8(4), PG_GETARG_INTERVAL_P(5),
									 PG_GETARG_FLOAT8(6));
	int64		next_id = PG_GETARG_INT64(7);
	NaSrf		srf;
	TupleDesc	out_desc;
	MemoryContext cxt;
	NaAllocator alloc;
	NaStories  *set;
	NaStoryItem *stories;
	NaStoryItem *items;
	Joined	   *joined;
	int			nstories,
				nitems,
				i;
	uint32		k,
				count;

	na_pg_srf_begin(&srf, fcinfo);
	out_desc = item_tupdesc(TupleDescAttr(srf.desc, 0)->atttypid);
	stories = read_items(story_arr, &nstories);
	items = read_items(item_arr, &nitems);
	if (nitems > 0 && next_id > PG_INT64_MAX - nitems)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("story ids would overflow")));
	for (i = 0; i < nstories; i++)
		if (nitems > 0 && stories[i].id >= next_id && stories[i].id < next_id + nitems)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("story id %lld is not below next_id %lld", (long long) stories[i].id,
							(long long) next_id),
					 errdetail("New stories take the ids from next_id on.")));
	for (i = 1; i < nitems; i++)
		if (items[i].first < items[i - 1].first)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("story items must come in order of first_seen")));

	cxt = AllocSetContextCreate(CurrentMemoryContext, "news.story_assign",
								ALLOCSET_DEFAULT_SIZES);
	alloc = na_pg_context_allocator(cxt);
	na_pg_check(na_stories_create(&alloc, na_pg_yield(), &params, &terms, &entities, &set),
				"news.story_assign");
	{
		uint32		added;
		NaStatus	st = na_stories_add_all(set, stories, (uint32) nstories, &added);

		/* the items were checked: a refused story has an id taken */
		if (st == NA_ERR_BAD_ARGUMENT)
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("story id %lld appears twice", (long long) stories[added].id)));
		na_pg_check(st, "news.story_assign");
	}
	joined = palloc_extended(na_pg_size_mul(Max(nitems, 1), sizeof(Joined)), MCXT_ALLOC_HUGE);
	for (i = 0; i < nitems; i++)
	{
		int64		story;
		double		score;
		bool		created;

		na_pg_check(na_stories_assign(set, &items[i], next_id, &story, &score, &created),
					"news.story_assign");
		if (created)
			next_id++;
		joined[i].story = story;
		joined[i].item = i;
		joined[i].score = (float4) score;
	}
	qsort(joined, nitems, sizeof(Joined), joined_cmp);

	/* the stories that changed, with the items they received */
	count = na_stories_count(set);
	for (k = 0; k < count; k++)
	{
		NaStoryItem story;
		bool		changed;
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		Joined		key;
		Joined	   *run;
		int			lo,
					hi,
					m;
		Datum	   *ids;
		Datum	   *scores;

		CHECK_FOR_INTERRUPTS();
		na_pg_check(na_stories_get(set, k, &story, &changed), "news.story_assign");
		if (!changed)
			continue;
		/* the run of joined entries of this story */
		key.story = story.id;
		key.item = -1;
		lo = 0;
		hi = nitems;
		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;

			if (joined_cmp(&joined[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		run = &joined[lo];
		for (m = 0; lo + m < nitems && run[m].story == story.id; m++)
			;
		na_pg_srf_row(&srf);
		ids = palloc(Max(m, 1) * sizeof(Datum));
		scores = palloc(Max(m, 1) * sizeof(Datum));
		for (i = 0; i < m; i++)
		{
			ids[i] = Int64GetDatum(items[run[i].item].id);
			scores[i] = Float4GetDatum(run[i].score);
		}
		values[0] = item_datum(&story, out_desc);
		values[1] = BoolGetDatum(k >= (uint32) nstories);
		values[2] = PointerGetDatum(construct_array(ids, m, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		values[3] = PointerGetDatum(construct_array(scores, m, FLOAT4OID, 4, true, TYPALIGN_INT));
		na_pg_srf_put(&srf, values, nulls);
	}
	na_pg_srf_end(&srf);
	na_stories_destroy(set);
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
