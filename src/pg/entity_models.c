/*
 * entity_models.c (glue)
 *		news.train_entity_model and the learned entity models of
 *		news.entity_models, which news.entities(body, model) uses.
 *
 * Training runs the caller's examples query (with the caller's rights)
 * through a cursor, 100 rows at a time: each row is (body text, spans
 * jsonb), spans an array of objects with the keys start (1-based
 * character), length (characters) and type, the keys of news.entities'
 * columns, so that its rows aggregated with jsonb_agg are examples too.
 * Every span is checked here for NULLs and shape, and by the core trainer
 * (ner_tagger.h) for types, ranges and overlaps; the first bad one stops
 * the training with the row and span it was found in.  A span that begins
 * inside a word (a part of "US-Russia" that news.entities reports) is left
 * out: the tagger labels whole tokens.
 * The trained model is stored with INSERT ... ON CONFLICT into the
 * extension's table, named from its OID (na_catalog.h), never looked up in
 * the search_path.
 *
 * A model is read by OID from the same table, once per query: the loaded
 * NaTagger is kept in the calling expression's fn_extra under its name, in
 * a context of its own (up to MODEL_CACHE_SIZE models, the least recently
 * used one dropped for another, so that a query whose rows name several
 * models neither reloads them row by row nor keeps every load), with the
 * entity model that tags with it (na_pg_entity_tagger), whose scratch and
 * memo of words the documents of the query share.
 * The built-in models "conll" and "combined" (ner_conll.c) are not in
 * the table: each is decoded once per backend, and their names are
 * reserved, with "rules" (the rules alone); "combined" is the default of
 * news.entities and of the analyses that read names.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"

#include "entities_pg.h"
#include "na_catalog.h"
#include "na_glue.h"
#include "ner_model.h"
#include "ner_tagger.h"

/* ---------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------- */

/* the learned models a call site keeps loaded (each is about 1 MB) */
#define MODEL_CACHE_SIZE	4

/* one learned model loaded from the table, in a context of its own */
typedef struct LoadedModel
{
	char	   *name;			/* NULL: a free slot */
	MemoryContext cxt;			/* holds name and tagger */
	NaAllocator alloc;			/* of cxt (the tagger keeps its address) */
	NaTagger   *tagger;
	uint64		used;			/* the call site's clock at its last use */
} LoadedModel;

typedef struct ModelCache
{
	LoadedModel loaded[MODEL_CACHE_SIZE];
	uint64		clock;
	NaNerModel *model;			/* the entity model of news.entities: of */
	const NaTagger *model_t;	/* model_t with the gazetteer of model_gen
								 * (na_pg_gazetteer_generation) */
	uint64		model_gen;
	NaAllocator alloc;			/* of the call site's context */
} ModelCache;

/* the cache of the call site of fcinfo, made empty at its first call */
static ModelCache *
model_cache(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;

	if (!flinfo->fn_extra)
	{
		ModelCache *c = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(ModelCache));

		c->alloc = na_pg_context_allocator(flinfo->fn_mcxt);
		flinfo->fn_extra = c;
	}
	return flinfo->fn_extra;
}

/*
 * model_read: the bytes of model name in the extension's table, palloc'd,
 * or NULL when there is no such model.
 */
static bytea *
model_read(const char *name, size_t len)
{
	Relation	rel = na_pg_catalog_open("entity_models", false);
	AttrNumber	aname = na_pg_catalog_attnum(rel, "name", TEXTOID);
	AttrNumber	amodel = na_pg_catalog_attnum(rel, "model", BYTEAOID);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan = table_beginscan(rel, na_pg_catalog_snapshot(), 0, NULL);
	bytea	   *found = NULL;

	while (!found && table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, aname, &isnull);
		text	   *t;

		CHECK_FOR_INTERRUPTS();
		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		if (VARSIZE_ANY_EXHDR(t) != len || memcmp(VARDATA_ANY(t), name, len) != 0)
			continue;
		d = slot_getattr(slot, amodel, &isnull);
		if (!isnull)
			found = DatumGetByteaPCopy(d);
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	return found;
}

/* the built-in models, each loaded once per backend */
static NaTagger *builtin_conll;
static NaTagger *builtin_combined;

/* na_pg_entity_model: see entities_pg.h. */
const NaTagger *
na_pg_entity_model(FunctionCallInfo fcinfo, const char *name, size_t len)
{
	ModelCache *c;
	LoadedModel *e;
	bytea	   *bytes;
	NaTagger   *t;
	NaStatus	st;

	if (na_tagger_is_builtin(name, len))
	{
		NaTagger  **slot = len == 5 ? &builtin_conll : &builtin_combined;

		if (!*slot)
		{
			MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
													  "news_analytics built-in entity model",
													  ALLOCSET_DEFAULT_SIZES);
			NaAllocator *a = MemoryContextAlloc(cxt, sizeof(NaAllocator));

			*a = na_pg_context_allocator(cxt);
			na_pg_check(na_tagger_builtin(name, len, a, &t), "loading the built-in entity model");
			/* loaded: keep it for the life of the backend */
			MemoryContextSetParent(cxt, TopMemoryContext);
			*slot = t;
		}
		return *slot;
	}
	c = model_cache(fcinfo);
	c->clock++;
	for (int k = 0; k < MODEL_CACHE_SIZE; k++)
		if (c->loaded[k].name && strlen(c->loaded[k].name) == len &&
			memcmp(c->loaded[k].name, name, len) == 0)
		{
			c->loaded[k].used = c->clock;
			return c->loaded[k].tagger;
		}
	bytes = model_read(name, len);
	if (!bytes)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("entity model \"%s\" does not exist", pnstrdup(name, len)),
				 errhint("Train it with news.train_entity_model; the models are listed in news.entity_models.")));
	/* a free slot, or the least recently used model's, dropped */
	e = &c->loaded[0];
	for (int k = 1; k < MODEL_CACHE_SIZE && e->name; k++)
		if (!c->loaded[k].name || c->loaded[k].used < e->used)
			e = &c->loaded[k];
	if (e->name)
	{
		if (c->model && c->model_t == e->tagger)
		{
			na_ner_model_free(c->model);
			c->model = NULL;
			c->model_t = NULL;
		}
		MemoryContextDelete(e->cxt);
		e->name = NULL;
		e->tagger = NULL;
	}
	e->cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "news_analytics entity model",
								   ALLOCSET_DEFAULT_SIZES);
	e->alloc = na_pg_context_allocator(e->cxt);
	st = na_tagger_load(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), &e->alloc, &t);
	if (st != NA_OK)
		MemoryContextDelete(e->cxt);
	if (st == NA_ERR_BAD_LITERAL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("entity model \"%s\" is not a model this version can read",
						pnstrdup(name, len)),
				 errhint("Train it again with news.train_entity_model.")));
	na_pg_check(st, "loading an entity model");
	e->tagger = t;
	e->name = MemoryContextAlloc(e->cxt, len + 1);
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->used = c->clock;
	return t;
}

/* na_pg_entity_tagger: see entities_pg.h. */
NaNerModel *
na_pg_entity_tagger(FunctionCallInfo fcinfo, const char *name, size_t len,
					const NaGazetteer *g)
{
	const NaTagger *t = na_pg_entity_model(fcinfo, name, len);
	ModelCache *c = model_cache(fcinfo);

	/* a gazetteer compiled since is another, even at the same address */
	if (c->model && (c->model_t != t || c->model_gen != na_pg_gazetteer_generation()))
	{
		na_ner_model_free(c->model);
		c->model = NULL;
	}
	if (!c->model)
	{
		na_pg_check(na_tagger_model(t, g, &c->alloc, &c->model), "news.entities");
		c->model_t = t;
		c->model_gen = na_pg_gazetteer_generation();
	}
	return c->model;
}

/* na_pg_default_entity_tagger: see entities_pg.h. */
NaNerModel *
na_pg_default_entity_tagger(FunctionCallInfo fcinfo, const NaGazetteer *g)
{
	return na_pg_entity_tagger(fcinfo, NA_PG_DEFAULT_ENTITY_MODEL,
							   strlen(NA_PG_DEFAULT_ENTITY_MODEL), g);
}

/* na_pg_entity_model_reserved: see entities_pg.h. */
bool
na_pg_entity_model_reserved(const char *name, size_t len)
{
	return na_tagger_is_builtin(name, len) ||
		(len == strlen(NA_PG_RULES_ENTITY_MODEL) &&
		 memcmp(name, NA_PG_RULES_ENTITY_MODEL, len) == 0);
}

/* na_pg_entity_model_name: see entities_pg.h. */
NaNerModel *
na_pg_entity_model_name(FunctionCallInfo fcinfo, text *name, const NaGazetteer *g)
{
	const char *s;
	size_t		len;

	if (!name)
		return na_pg_default_entity_tagger(fcinfo, g);
	s = na_pg_text(name, &len);
	if (len == strlen(NA_PG_RULES_ENTITY_MODEL) &&
		memcmp(s, NA_PG_RULES_ENTITY_MODEL, len) == 0)
		return NULL;
	return na_pg_entity_tagger(fcinfo, s, len, g);
}

/* ---------------------------------------------------------------------
 * Training
 * ------------------------------------------------------------------- */

/* span_int: the integer value of key of a span object, or an error */
static int32
span_int(JsonbContainer *obj, const char *key, uint64 row, int span)
{
	JsonbValue *v = getKeyJsonValueFromContainer(obj, key, strlen(key), NULL);

	if (!v || v->type == jbvNull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("span %d of example %llu has no %s", span + 1,
						(unsigned long long) row, key)));
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s of span %d of example %llu is not a number", key, span + 1,
						(unsigned long long) row)));
	return DatumGetInt32(DirectFunctionCall1(numeric_int4, NumericGetDatum(v->val.numeric)));
}

/*
 * example_spans: the spans of one example (spans, a jsonb array) as core
 * spans of a text of nchars characters, palloc'd; *n gets their number.
 */
static NaTaggerSpan *
example_spans(Jsonb *spans, uint64 row, size_t *n)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	NaTaggerSpan *out;
	int			k = 0;
	int			cap;

	if (!JB_ROOT_IS_ARRAY(spans) || JB_ROOT_IS_SCALAR(spans))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the spans of example %llu are not a jsonb array", (unsigned long long) row),
				 errhint("Give an array of objects with the keys start, length and type, such as [{\"start\": 1, \"length\": 7, \"type\": \"SHIP\"}].")));
	cap = JB_ROOT_COUNT(spans);
	out = palloc(sizeof(NaTaggerSpan) * Max(cap, 1));
	it = JsonbIteratorInit(&spans->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		JsonbContainer *obj;
		JsonbValue *type;
		int32		start,
					length;

		if (tok != WJB_ELEM)
			continue;
		/* a text may carry millions of spans */
		CHECK_FOR_INTERRUPTS();
		if (v.type == jbvNull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("span %d of example %llu is null", k + 1, (unsigned long long) row)));
		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("span %d of example %llu is not an object", k + 1,
							(unsigned long long) row)));
		obj = v.val.binary.data;
		start = span_int(obj, "start", row, k);
		length = span_int(obj, "length", row, k);
		type = getKeyJsonValueFromContainer(obj, "type", 4, NULL);
		if (!type || type->type == jbvNull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("span %d of example %llu has no type", k + 1, (unsigned long long) row)));
		if (type->type != jbvString)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the type of span %d of example %llu is not a string", k + 1,
							(unsigned long long) row)));
		if (start < 1 || length < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("span %d of example %llu is out of range", k + 1, (unsigned long long) row),
					 errdetail("Its start is %d and its length %d; start counts characters from 1 and length must be positive.",
							   start, length)));
		out[k].cstart = (size_t) start - 1;
		out[k].clen = (size_t) length;
		out[k].type = type->val.string.val;
		out[k].type_len = type->val.string.len;
		k++;
	}
	*n = (size_t) k;
	return out;
}

/* example_refused: the error for an example the trainer refused */
static pg_attribute_noreturn() void
example_refused(NaTaggerBad bad, const NaTaggerSpan *s, uint64 row, size_t span)
{
	const char *type = pnstrdup(s->type, s->type_len);

	switch (bad)
	{
		case NA_TAGGER_BAD_TYPE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid entity type \"%s\" in span %zu of example %llu", type,
							span + 1, (unsigned long long) row),
					 errhint("A type is an upper-case name of letters, digits and underscores of at most %d bytes, such as PERSON, ORG or SHIP; NONE, O, TITLE and GIVEN_NAME are reserved.",
							 NA_TAGGER_MAX_TYPE_LEN)));
			break;
		case NA_TAGGER_TOO_MANY_TYPES:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the examples have more than %d entity types", NA_TAGGER_MAX_TYPES),
					 errdetail("Type \"%s\" of span %zu of example %llu is one too many.", type,
							   span + 1, (unsigned long long) row)));
			break;
		case NA_TAGGER_BAD_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("span %zu of example %llu is out of range", span + 1,
							(unsigned long long) row),
					 errdetail("It starts at character %zu and is %zu characters long, past the end of the text.",
							   s->cstart + 1, s->clen)));
			break;
		case NA_TAGGER_OVERLAP:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("span %zu of example %llu overlaps another span", span + 1,
							(unsigned long long) row),
					 errdetail("The spans of one text must be disjoint.")));
			break;
		case NA_TAGGER_OK:
			break;
	}
	elog(ERROR, "example refused without a reason");
}

/* store_model: insert or replace the row of name in the extension's table */
static void
store_model(text *name, const NaTagger *t, NaBuf *bytes, int32 documents, int32 mentions)
{
	Oid			relid = na_pg_catalog_relid("entity_models", false);
	char	   *qname = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
												   get_rel_name(relid));
	StringInfoData sql;
	Datum	   *types = palloc(sizeof(Datum) * na_tagger_ntypes(t));
	Oid			argtypes[5] = {TEXTOID, TEXTARRAYOID, BYTEAOID, INT4OID, INT4OID};
	Datum		args[5];
	bytea	   *b = palloc(VARHDRSZ + bytes->len);
	int			rc;

	for (size_t k = 0; k < na_tagger_ntypes(t); k++)
		types[k] = CStringGetTextDatum(na_tagger_type(t, k));
	SET_VARSIZE(b, VARHDRSZ + bytes->len);
	memcpy(VARDATA(b), bytes->data, bytes->len);
	args[0] = PointerGetDatum(name);
	args[1] = PointerGetDatum(construct_array(types, (int) na_tagger_ntypes(t), TEXTOID, -1,
											  false, TYPALIGN_INT));
	args[2] = PointerGetDatum(b);
	args[3] = Int32GetDatum(documents);
	args[4] = Int32GetDatum(mentions);
	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "INSERT INTO %s AS m (name, types, model, documents, mentions, trained_at) "
					 "VALUES ($1, $2, $3, $4, $5, pg_catalog.now()) "
					 "ON CONFLICT (name) DO UPDATE SET types = EXCLUDED.types, model = EXCLUDED.model, "
					 "documents = EXCLUDED.documents, mentions = EXCLUDED.mentions, "
					 "trained_at = EXCLUDED.trained_at", qname);
	rc = SPI_execute_with_args(sql.data, 5, argtypes, args, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "storing the entity model failed: %s", SPI_result_code_string(rc));
}

/*
 * news.train_entity_model(name text, examples text, epochs integer): train
 * a model from the rows of the examples query and store it under name
 */
PG_FUNCTION_INFO_V1(news_train_entity_model);
Datum
news_train_entity_model(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	char	   *query = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int32		epochs = PG_GETARG_INT32(2);
	MemoryContext work;
	MemoryContext rowcxt;		/* one example's detoasted text and spans */
	MemoryContext old;
	NaAllocator alloc;
	NaTaggerOptions opt;
	NaTaggerTrainer *tr;
	NaTagger   *t;
	NaBuf		bytes;
	SPIPlanPtr	plan;
	Portal		portal;
	uint64		row = 0;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	int32		documents,
				mentions;
	size_t		namelen = VARSIZE_ANY_EXHDR(name);

	if (namelen == 0 || namelen > NAMEDATALEN - 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an entity model name must have 1 to %d bytes", NAMEDATALEN - 1)));
	if (na_pg_entity_model_reserved(VARDATA_ANY(name), namelen))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("entity model name \"%s\" is reserved for a built-in model",
						text_to_cstring(name)),
				 errhint("Choose another name.")));
	if (epochs < 1 || epochs > NA_TAGGER_MAX_EPOCHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("epochs must be between 1 and %d", NA_TAGGER_MAX_EPOCHS)));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	work = AllocSetContextCreate(CurrentMemoryContext, "news_analytics entity model training",
								 ALLOCSET_DEFAULT_SIZES);
	rowcxt = AllocSetContextCreate(work, "news_analytics training example",
								   ALLOCSET_DEFAULT_SIZES);
	alloc = na_pg_context_allocator(work);
	na_tagger_options_default(&opt);
	opt.epochs = epochs;
	/* the gazetteer is taken once the examples are read (below) */
	na_pg_check(na_tagger_train_create(&opt, NULL, &alloc, na_pg_yield(), &tr),
				"training an entity model");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(query, 0, NULL);
	if (!plan)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the examples query could not be prepared: %s",
						SPI_result_code_string(SPI_result))));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the examples query does not return rows")));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 100);
		if (SPI_processed == 0)
			break;
		if (row == 0)
		{
			TupleDesc	d = SPI_tuptable->tupdesc;

			if (d->natts != 2 || SPI_gettypeid(d, 1) != TEXTOID || SPI_gettypeid(d, 2) != JSONBOID)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("the examples query must return two columns, body text and spans jsonb")));
		}
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	d = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		body = SPI_getbinval(tup, d, 1, &isnull);
			Datum		spans;
			const char *s;
			size_t		len;
			NaTaggerSpan *sp;
			size_t		nsp;
			NaTaggerBad bad;
			size_t		bad_span;
			NaStatus	st;

			row++;
			CHECK_FOR_INTERRUPTS();
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("the body of example %llu is null", (unsigned long long) row)));
			spans = SPI_getbinval(tup, d, 2, &isnull);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("the spans of example %llu are null", (unsigned long long) row),
						 errhint("A text without names has the spans '[]'.")));
			old = MemoryContextSwitchTo(rowcxt);
			s = na_pg_text(DatumGetTextPP(body), &len);
			na_pg_require_utf8(s, len);
			sp = example_spans(DatumGetJsonbP(spans), row, &nsp);
			MemoryContextSwitchTo(old);
			st = na_tagger_train_add(tr, s, len, sp, nsp, &bad, &bad_span);
			if (st == NA_ERR_BAD_ARGUMENT)
				example_refused(bad, &sp[bad_span], row, bad_span);
			na_pg_check(st, "adding a training example");
			/* the trainer copied what it keeps */
			MemoryContextReset(rowcxt);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (na_tagger_train_mentions(tr) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the examples have no spans"),
				 errhint("A model learns from texts with their names labelled.")));
	documents = (int32) Min(na_tagger_train_documents(tr), (size_t) PG_INT32_MAX);
	mentions = (int32) Min(na_tagger_train_mentions(tr), (size_t) PG_INT32_MAX);
	/*
	 * the session's gazetteer as the examples query left it: a query that
	 * changes news.gazetteer makes the next use in this session compile it
	 * again and free the copy that was current before (a trainer given
	 * that copy at its start read freed memory: signal 11)
	 */
	na_tagger_train_gazetteer(tr, na_pg_gazetteer());
	na_pg_check(na_tagger_train_run(tr, &t), "training an entity model");
	na_tagger_train_destroy(tr);
	na_buf_init(&bytes, &alloc);
	na_pg_check(na_tagger_save(t, &bytes), "saving an entity model");
	store_model(name, t, &bytes, documents, mentions);

	SPI_finish();
	{
		Datum	   *types = palloc(sizeof(Datum) * na_tagger_ntypes(t));
		HeapTuple	tup;

		for (size_t k = 0; k < na_tagger_ntypes(t); k++)
			types[k] = CStringGetTextDatum(na_tagger_type(t, k));
		values[0] = PointerGetDatum(construct_array(types, (int) na_tagger_ntypes(t), TEXTOID,
													-1, false, TYPALIGN_INT));
		values[1] = Int32GetDatum(documents);
		values[2] = Int32GetDatum(mentions);
		tup = heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls);
		MemoryContextDelete(work);
		PG_RETURN_DATUM(HeapTupleGetDatum(tup));
	}
}
