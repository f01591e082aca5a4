/*
 * dates.h
 *		Calendar arithmetic and resolution of date mentions ("February 12",
 *		"last week", "on Wednesday", "1996-08-22") against a publication date.
 *
 * Days are counted as PostgreSQL counts its date type: day 0 is
 * 2000-01-01, so the glue converts with no arithmetic.  The proleptic
 * Gregorian calendar is used throughout.
 *
 * Resolution rules (published = P):
 *	- explicit dates with a year ("12 February 2025", "1996-08-22",
 *	  "February 2025", "2019", "the 1990s") need no P;
 *	- a day and month without a year ("February 12", "12 Feb") take the year
 *	  that puts the date nearest to P (P's year, the one before or the one
 *	  after; ties go to the past);
 *	- a bare month ("in January") likewise: the nearest such month, ties to
 *	  the past; "last January" is the latest January before P's month,
 *	  "next January" the first after it, "this January" the one in P's year;
 *	- a weekday ("Wednesday") is the latest such day on or before P (0 to 6
 *	  days back); "last Wednesday" the latest strictly before P (1 to 7 days
 *	  back); "next Wednesday" the first strictly after P; "this Wednesday"
 *	  the one in P's ISO week (Monday to Sunday);
 *	- "yesterday", "today", "tomorrow", "N days ago" shift P by days;
 *	- "last/this/next week", "N weeks ago" give the Monday of that ISO week,
 *	  "... month", "N months ago" its first day, "... year", "N years ago"
 *	  its 1 January.
 * With na_date_resolve_in, the words before the mention in its clause
 * are read for a tense cue.  Pointing ahead (will, would, 'll, due,
 * expected, scheduled, plans, upcoming; or until, by, before, from right
 * before the mention): a bare weekday is the first such day on or after P,
 * a bare month the first such month from P's month on, a day and month the
 * nearest date not more than a week before P.  Pointing back (was, were,
 * had, did, been): a bare month is the latest such month up to P's month,
 * a day and month the nearest date not more than a week after P.  The
 * nearest tense word wins.
 * Seasons ("this summer", "winter of 2019") follow the bare month rules
 * with the month the season starts in (March, June, September, December)
 * and grain season.  Holidays ("Christmas", "New Year's Eve", "Easter",
 * "Thanksgiving", "Memorial Day", "Labor Day", ...) are days: with a year,
 * that year's; "last/next/this Christmas" the latest before, first after
 * P, or in P's year; otherwise the nearest to P (with the tense cue).
 * Quarters ("the first quarter", "Q3 2024", "fourth-quarter", "last
 * quarter", "two quarters ago"): with a year, that quarter; "last/this/next
 * quarter" relative to P's quarter; a numbered quarter without a year is
 * the latest such quarter up to P's own (the first such from P's quarter
 * on with a future cue).
 * Centuries ("the 19th century", "21st-century") start with their
 * hundred as written in news: the 19th century is 1800-01-01.
 * The day returned for a grain coarser than a day is the first day of the
 * period (Monday for weeks).  Without P, relative mentions stay unresolved
 * but keep their grain.
 */
#ifndef NA_DATES_H
#define NA_DATES_H

#include "doc.h"
#include "na_core.h"

typedef enum NaDateGrain
{
	NA_GRAIN_NONE = 0,			/* not a date mention we understand */
	NA_GRAIN_DAY,
	NA_GRAIN_WEEK,
	NA_GRAIN_MONTH,
	NA_GRAIN_YEAR,
	NA_GRAIN_DECADE,
	NA_GRAIN_SEASON,			/* meteorological (northern) season */
	NA_GRAIN_QUARTER,			/* calendar quarter */
	NA_GRAIN_CENTURY			/* "the 19th century": 1800-01-01 */
} NaDateGrain;

/* na_date_grain_name: "day", "week", "month", "year", "decade", "season",
 * "quarter", "century" or NULL. */
extern const char *na_date_grain_name(NaDateGrain grain);

/* Calendar helpers (proleptic Gregorian, years 1 to 9999). */
extern bool na_is_leap_year(int year);
extern int	na_days_in_month(int year, int month);
extern bool na_date_valid(int year, int month, int day);
/* na_days_from_civil: days since 2000-01-01 of a valid date. */
extern int32_t na_days_from_civil(int year, int month, int day);
extern void na_civil_from_days(int32_t days, int *year, int *month, int *day);
/* na_weekday: ISO day of the week, 1 = Monday ... 7 = Sunday. */
extern int	na_weekday(int32_t days);
/* na_easter: the day (since 2000-01-01) of Easter Sunday in year
 * (Gregorian computus). */
extern int32_t na_easter(int year);

typedef struct NaDateResult
{
	NaDateGrain grain;			/* NA_GRAIN_NONE: not understood */
	bool		resolved;		/* day is meaningful */
	int32_t		day;			/* first day of the period, days since 2000-01-01 */
} NaDateResult;

/*
 * na_date_resolve parses the date mention s[0..len) (UTF-8, as found by
 * the DATE patterns) and resolves it against *published when published is
 * not NULL.  Never fails: what it cannot parse or resolve comes back with
 * resolved false.
 */
extern NaDateResult na_date_resolve(const char *s, size_t len, const int32_t *published);

/*
 * na_date_resolve_in resolves the mention text[start..start+len), reading
 * the words before it in the same sentence for a future cue.
 */
extern NaDateResult na_date_resolve_in(const char *text, size_t textlen, size_t start,
									   size_t len, const int32_t *published);

/* One DATE mention of a document, resolved. */
typedef struct NaDateMention
{
	size_t		start;			/* byte offset */
	size_t		len;
	size_t		cstart;			/* character offset, from 0 */
	size_t		clen;
	NaDateResult date;
} NaDateMention;

typedef bool (*NaDateFn) (const NaDateMention *m, void *arg);

/*
 * na_dates_of_doc calls fn with every DATE span of doc (its pattern spans,
 * added before its first window; no window needs to be read), in text
 * order, resolved with na_date_resolve_in against *published (NULL: no
 * publication date).  fn returning false stops.
 */
extern void na_dates_of_doc(const NaDoc *doc, const int32_t *published, NaDateFn fn,
							void *arg);

#endif							/* NA_DATES_H */
