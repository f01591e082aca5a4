/*
 * entities_pg.h
 *		What the entity, quotation and analysis glue (src/pg/entities.c,
 *		quotes.c, analyze.c) share: the backend's compiled gazetteer.
 */
#ifndef NA_ENTITIES_PG_H
#define NA_ENTITIES_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "doc.h"
#include "entities.h"
#include "ner_tagger.h"

/*
 * The gazetteer's size limits (see src/README.md, "The gazetteer"): every
 * session compiles its own copy, so the table may hold at most this many
 * rows and this many bytes of alias, canonical and link text.  The loader
 * enforces them (SQLSTATE 54000); the statement trigger rejects an INSERT
 * or UPDATE that goes over them.
 */
#define NA_GAZETTEER_MAX_ROWS	200000
#define NA_GAZETTEER_MAX_TEXT	(32 * 1024 * 1024)

/* na_pg_gazetteer_init: register the cache's invalidation (_PG_init). */
extern void na_pg_gazetteer_init(void);

/*
 * na_pg_gazetteer returns the backend's compiled news.gazetteer, recompiled
 * (from the extension's own table, found by OID) on the first call after
 * the table changed (in any session).  Valid until the next call; callers
 * must not keep it.
 */
extern const NaGazetteer *na_pg_gazetteer(void);

/*
 * na_pg_gazetteer_generation: the number of the gazetteer na_pg_gazetteer
 * returns now, one more at every compile.  What is kept from one call to
 * the next for a gazetteer is kept under this number, not its address: a
 * copy compiled later can take the address of one that was freed.
 */
extern uint64 na_pg_gazetteer_generation(void);

/*
 * news.stop_entities (src/pg/stop_entities.c): na_pg_stop_entities_load
 * adds the rules of the extension's stop_entities table (found by OID) to
 * g and returns the table's OID, whose invalidation makes g stale, or
 * InvalidOid when the installed SQL predates the table (0.1.0 before ALTER
 * EXTENSION UPDATE).  At most NA_STOP_ENTITIES_MAX_ROWS rows (54000
 * beyond).
 */
#define NA_STOP_ENTITIES_MAX_ROWS	100000

extern Oid	na_pg_stop_entities_load(NaGazetteer *g);

/*
 * na_pg_names_doc: the analysed document that the analyses reading names
 * (news.entities, news.quotes, news.analyze, news.entity_sentiment) are
 * built on: sentences, normalized forms, the pattern spans, and the
 * markup and feed artefacts blocked (markup.h).  text[0..len) must have
 * been checked as UTF-8 (na_pg_require_utf8).  As na_pg_doc, palloc'd in
 * the current memory context.
 */
extern NaDoc *na_pg_names_doc(const char *text, size_t len);

/*
 * na_pg_speakers_doc: the analysed document of news.quotes, which reads
 * names but reports no pattern entity: as na_pg_names_doc, with the spans
 * of the names subset of the builtin patterns (weekdays, months,
 * currencies: na_pg_names_pattern_set) and of the user patterns only, at a
 * fraction of the cost of the whole pattern pass.  Its names are those of
 * news.entities but where a pattern outside the subset blocks a
 * capitalized word (rare: "Fifty" of "Fifty nine percent").
 */
extern NaDoc *na_pg_speakers_doc(const char *text, size_t len);

/*
 * na_pg_entity_model: the learned entity model name[0..len): a built-in
 * one, loaded once per backend, or
 * one of news.entity_models (entity_models.c), loaded once per call site
 * (kept in fcinfo's fn_extra); 42704 when there is none.
 */
extern const NaTagger *na_pg_entity_model(FunctionCallInfo fcinfo, const char *name, size_t len);

/*
 * na_pg_entity_tagger: the entity model (ner_model.h) that tags with the
 * learned model name[0..len) and the gazetteer g, kept by the call site
 * (fn_extra) with its scratch, so that the documents of a query share the
 * tagger's memo of words; made again when the model or the gazetteer
 * changes (another na_pg_gazetteer_generation).  Not to be freed.
 */
extern NaNerModel *na_pg_entity_tagger(FunctionCallInfo fcinfo, const char *name, size_t len,
									   const NaGazetteer *g);

/*
 * The names of news.entities(body) and of every analysis that reads names
 * (news.analyze, news.quotes, news.entity_sentiment, the pipeline's
 * mentions and quotes): those of the built-in stacked model "combined",
 * the tagger reading the rules' names (issue 9).  The rules alone answer
 * to the model name "rules".  na_pg_default_entity_tagger is
 * na_pg_entity_tagger of NA_PG_DEFAULT_ENTITY_MODEL; na_pg_entity_model_name
 * is the entity model of a model => name argument (NULL: the default; the
 * rules: NULL returned); na_pg_entity_model_reserved says whether a name
 * is one of the built-in models or "rules", which no trained model may
 * take.
 */
#define NA_PG_DEFAULT_ENTITY_MODEL	"combined"
#define NA_PG_RULES_ENTITY_MODEL	"rules"

extern NaNerModel *na_pg_default_entity_tagger(FunctionCallInfo fcinfo, const NaGazetteer *g);
extern NaNerModel *na_pg_entity_model_name(FunctionCallInfo fcinfo, text *name,
										   const NaGazetteer *g);
extern bool na_pg_entity_model_reserved(const char *name, size_t len);

#endif							/* NA_ENTITIES_PG_H */
