/*
 * mlt_impact_pg.h
 *		The start-up of news.mlt_impact_search's module (src/pg/mlt_impact.c):
 *		its setting, news_analytics.mlt_impact_cache.
 */
#ifndef MLT_IMPACT_PG_H
#define MLT_IMPACT_PG_H

/* na_pg_mlt_impact_init: define the module's setting (called by _PG_init). */
extern void na_pg_mlt_impact_init(void);

#endif							/* MLT_IMPACT_PG_H */
