/*
 * module.c
 *		The library as a whole: its magic block, _PG_init,
 *		news.version(), the library's version for checking it against the
 *		installed SQL, and news.analysis_version(), the version of what its
 *		analyses yield (the stamp of stored results).
 *
 * _PG_init does nothing but call the Init function of each module that
 * has settings to define or server callbacks to register, as pgvector's
 * vector.c does; each module keeps its own setup (and its settings'
 * reservation of the news_analytics prefix) to itself, and no module
 * calls another's setup.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "analyze.h"
#include "entities_pg.h"
#include "minhash_pg.h"
#include "mlt_impact_pg.h"
#include "na_catalog.h"
#include "na_patterns_pg.h"

#ifndef NA_EXTVERSION
#error "NA_EXTVERSION must be defined by the Makefile"
#endif

PG_MODULE_MAGIC;

void		_PG_init(void);

/* _PG_init: set up every module when the library loads. */
void
_PG_init(void)
{
	na_pg_catalog_init();
	na_pg_gazetteer_init();
	na_pg_patterns_init();
	na_pg_mlt_impact_init();
	na_pg_minhash_init();
}

/* news.version() returns the version of the loaded library */
PG_FUNCTION_INFO_V1(news_version);
Datum
news_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(NA_EXTVERSION));
}

/*
 * news.analysis_version() returns the analysis version of the loaded
 * library (na_analysis_version, analyze.h): it changes when a build's
 * analyses yield other results, and news.refresh then analyses stored
 * articles again
 */
PG_FUNCTION_INFO_V1(news_analysis_version);
Datum
news_analysis_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) na_analysis_version());
}
