/*
 * dates_test.c
 *		Unit tests of the calendar arithmetic and of date mention resolution
 *		(src/core/dates.c): leap years, month and year boundaries, weekday
 *		rules, unresolvable mentions.
 */
#include "dates.h"
#include "na_test.h"

#include <stdio.h>

static int32_t
D(int y, int m, int d)
{
	return na_days_from_civil(y, m, d);
}

static const char *
fmt(int32_t days, char *buf)
{
	int			y,
				m,
				d;

	na_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
	return buf;
}

typedef struct Case
{
	const char *mention;
	const char *published;		/* YYYY-MM-DD or NULL */
	const char *want;			/* YYYY-MM-DD, or NULL for unresolved */
	const char *grain;			/* or NULL for not understood */
} Case;

static const Case cases[] = {
	/* explicit dates */
	{"1996-08-22", NULL, "1996-08-22", "day"},
	{"2024-02-29", NULL, "2024-02-29", "day"},
	{"2023-02-29", NULL, NULL, NULL},	/* no such day */
	{"12 February 2025", NULL, "2025-02-12", "day"},
	{"February 12, 2025", "1999-01-01", "2025-02-12", "day"},
	{"Wednesday, February 12, 2025", NULL, "2025-02-12", "day"},
	{"Feb. 12, 2025", NULL, "2025-02-12", "day"},
	{"12th of Feb 2025", NULL, "2025-02-12", "day"},
	{"February 2025", NULL, "2025-02-01", "month"},
	{"Sept. 2001", NULL, "2001-09-01", "month"},
	{"2019", NULL, "2019-01-01", "year"},
	{"the 1990s", NULL, "1990-01-01", "decade"},
	{"the '60s", NULL, "1960-01-01", "decade"},
	{"mid-\u201980s", NULL, "1980-01-01", "decade"},	/* right single quote */
	{"\u201880s", NULL, NULL, NULL},	/* a left quote is not an apostrophe */
	{"\u201970s", NULL, "1970-01-01", "decade"},
	{"8/22/1996", NULL, "1996-08-22", "day"},
	{"22/08/96", NULL, "1996-08-22", "day"},
	/* day and month: nearest year to the publication date */
	{"February 12", "2025-03-01", "2025-02-12", "day"},
	{"February 12", NULL, NULL, "day"},
	{"December 30", "2025-01-05", "2024-12-30", "day"},	/* year boundary back */
	{"January 3", "2025-12-28", "2026-01-03", "day"},	/* year boundary forward */
	{"12 Feb", "2025-02-10", "2025-02-12", "day"},
	{"February 29", "2024-03-10", "2024-02-29", "day"},	/* leap year */
	{"February 29", "2025-03-10", "2024-02-29", "day"},	/* only valid one */
	{"February 29", "2028-01-15", "2028-02-29", "day"},
	{"February 30", "2025-03-10", NULL, NULL},
	{"April 31", "2025-03-10", NULL, NULL},
	{"July 1", "2025-01-01", "2025-07-01", "day"},	/* 181 days ahead vs 184 back */
	{"July 4", "2025-01-01", "2024-07-04", "day"},	/* 181 back vs 184 ahead */
	/* weekdays: 2025-02-12 is a Wednesday */
	{"Wednesday", "2025-02-12", "2025-02-12", "day"},
	{"Tuesday", "2025-02-12", "2025-02-11", "day"},
	{"Thursday", "2025-02-12", "2025-02-06", "day"},
	{"last Wednesday", "2025-02-12", "2025-02-05", "day"},
	{"last Tuesday", "2025-02-12", "2025-02-11", "day"},
	{"next Wednesday", "2025-02-12", "2025-02-19", "day"},
	{"next Friday", "2025-02-12", "2025-02-14", "day"},
	{"this Sunday", "2025-02-12", "2025-02-16", "day"},
	{"this Monday", "2025-02-12", "2025-02-10", "day"},
	{"Friday", "2025-01-01", "2024-12-27", "day"},	/* across the year */
	{"Wednesday", NULL, NULL, "day"},
	/* relative days, weeks, months, years */
	{"yesterday", "2024-03-01", "2024-02-29", "day"},
	{"Yesterday", "2025-03-01", "2025-02-28", "day"},
	{"today", "2025-02-12", "2025-02-12", "day"},
	{"tomorrow", "2024-12-31", "2025-01-01", "day"},
	{"today", NULL, NULL, "day"},
	{"last week", "2025-02-12", "2025-02-03", "week"},
	{"this week", "2025-02-16", "2025-02-10", "week"},	/* Sunday belongs to the week */
	{"earlier this week", "2025-02-12", "2025-02-10", "week"},
	{"next week", "2024-12-30", "2025-01-06", "week"},
	{"last week", "2025-01-02", "2024-12-23", "week"},
	{"last month", "2025-01-15", "2024-12-01", "month"},
	{"next month", "2024-12-15", "2025-01-01", "month"},
	{"this month", "2024-02-29", "2024-02-01", "month"},
	{"last year", "2025-06-01", "2024-01-01", "year"},
	{"next year", "2025-06-01", "2026-01-01", "year"},
	{"last week", NULL, NULL, "week"},
	{"two weeks ago", "2025-02-12", "2025-01-27", "week"},
	{"3 days ago", "2024-03-02", "2024-02-28", "day"},
	{"a year ago", "2024-02-29", "2023-01-01", "year"},
	{"six months ago", "2025-03-31", "2024-09-01", "month"},
	{"12 months ago", "2025-01-10", "2024-01-01", "month"},
	/* bare months */
	{"January", "2025-03-10", "2025-01-01", "month"},
	{"December", "2025-01-10", "2024-12-01", "month"},
	{"February", "2025-12-10", "2026-02-01", "month"},
	{"September", "2025-03-10", "2024-09-01", "month"},	/* 6 back, 6 ahead: past */
	{"last January", "2025-01-10", "2024-01-01", "month"},
	{"last January", "2025-03-10", "2025-01-01", "month"},
	{"next March", "2025-03-10", "2026-03-01", "month"},
	{"this June", "2025-03-10", "2025-06-01", "month"},
	{"May", NULL, NULL, "month"},
	/* holidays and seasons */
	{"Christmas", "2025-01-03", "2024-12-25", "day"},
	{"Christmas", "2025-12-01", "2025-12-25", "day"},
	{"last Christmas", "2025-12-26", "2025-12-25", "day"},
	{"last Christmas", "2025-12-25", "2024-12-25", "day"},
	{"next Christmas", "2025-12-25", "2026-12-25", "day"},
	{"Christmas Eve", NULL, NULL, "day"},
	{"New Year’s Day 2025", NULL, "2025-01-01", "day"},
	{"new year's eve", "2025-01-02", "2024-12-31", "day"},
	{"Easter", "2024-03-20", "2024-03-31", "day"},
	{"Easter 2025", NULL, "2025-04-20", "day"},
	{"Easter Monday, 2000", NULL, "2000-04-24", "day"},
	{"Good Friday", "2025-04-10", "2025-04-18", "day"},
	{"Thanksgiving", "2024-11-20", "2024-11-28", "day"},
	{"Thanksgiving 2025", NULL, "2025-11-27", "day"},
	{"Memorial Day", "2024-06-01", "2024-05-27", "day"},
	{"Labor Day of 2023", NULL, "2023-09-04", "day"},
	{"this Halloween", "2025-03-01", "2025-10-31", "day"},
	{"summer", "2025-03-10", "2025-06-01", "season"},
	{"summer", "2025-10-10", "2025-06-01", "season"},
	{"last summer", "2025-10-10", "2025-06-01", "season"},
	{"next summer", "2025-10-10", "2026-06-01", "season"},
	{"this winter", "2025-01-15", "2024-12-01", "season"},
	{"this winter", "2025-11-15", "2025-12-01", "season"},
	{"last winter", "2025-01-20", "2023-12-01", "season"},	/* P is in winter 2024/25 */
	{"last spring", "2025-04-10", "2024-03-01", "season"},
	{"last spring", "2025-06-10", "2025-03-01", "season"},
	{"this summer", "2025-01-20", "2025-06-01", "season"},
	{"winter", "2025-02-20", "2024-12-01", "season"},
	{"next winter", "2025-01-20", "2025-12-01", "season"},
	{"winter of 2019", NULL, "2019-12-01", "season"},
	{"spring 2020", NULL, "2020-03-01", "season"},
	{"fall", NULL, NULL, "season"},
	/* quarters */
	{"the first quarter", "2025-05-10", "2025-01-01", "quarter"},
	{"the second quarter", "2025-05-10", "2025-04-01", "quarter"},	/* the current one */
	{"the third quarter", "2025-05-10", "2024-07-01", "quarter"},
	{"fourth-quarter", "2025-02-10", "2024-10-01", "quarter"},
	{"Q3 2024", NULL, "2024-07-01", "quarter"},
	{"Q1", NULL, NULL, "quarter"},
	{"the first quarter of 2023", NULL, "2023-01-01", "quarter"},
	{"2nd quarter", "2025-12-01", "2025-04-01", "quarter"},
	{"last quarter", "2025-01-15", "2024-10-01", "quarter"},
	{"next quarter", "2025-12-15", "2026-01-01", "quarter"},
	{"this quarter", "2025-08-15", "2025-07-01", "quarter"},
	{"two quarters ago", "2025-08-15", "2025-01-01", "quarter"},
	{"Q7", "2025-08-15", NULL, NULL},
	{"the 19th century", NULL, "1800-01-01", "century"},
	{"21st-century", NULL, "2000-01-01", "century"},
	/* not dates */
	{"", "2025-01-01", NULL, NULL},
	{"hello", "2025-01-01", NULL, NULL},
	{"12", "2025-01-01", NULL, NULL},
};

/* mentions in context: the words before a mention can point ahead */
typedef struct CtxCase
{
	const char *text;
	const char *mention;
	const char *published;
	const char *want;
} CtxCase;

static const CtxCase ctx_cases[] = {
	{"Schools will stay closed until Monday.", "Monday", "2024-10-03", "2024-10-07"},
	{"Talks will resume in Geneva on Wednesday.", "Wednesday", "2025-02-13", "2025-02-19"},
	{"Talks resumed in Geneva on Wednesday.", "Wednesday", "2025-02-13", "2025-02-12"},
	{"Russia, which will host the talks, said on Wednesday it was ready.", "Wednesday", "2025-02-13", "2025-02-12"},
	{"The statement issued by the ministry on Wednesday was brief.", "Wednesday", "2025-02-13", "2025-02-12"},
	{"The team plays again on Thursday, he'll say.", "Thursday", "2025-02-13", "2025-02-13"},
	{"The law will take effect in January.", "January", "2025-03-06", "2026-01-01"},
	{"The law took effect in January.", "January", "2025-03-06", "2025-01-01"},
	{"The vote is due on March 3.", "March 3", "2025-03-06", "2025-03-03"},
	{"The vote is due on February 3.", "February 3", "2025-03-06", "2026-02-03"},
	{"Markets expect a cut by May.", "May", "2025-03-10", "2025-05-01"},
	{"Markets expect a cut by May.", "May", "2025-06-10", "2026-05-01"},	/* the next May */
	{"A cut came in May.", "May", "2025-06-10", "2025-05-01"},
	{"Prices rose before Christmas and fell on Friday.", "Friday", "2025-01-08", "2025-01-03"},
	{"Results are expected on Friday.", "Friday", "2025-01-08", "2025-01-10"},
	{"Growth will pick up in the second quarter.", "the second quarter", "2025-02-10", "2025-04-01"},
	{"Growth picked up in the second quarter.", "the second quarter", "2025-02-10", "2024-04-01"},
	{"He said the talks would resume on Monday.", "Monday", "2025-01-08", "2025-01-13"},
	{"It was passed in January.", "January", "2024-10-03", "2024-01-01"},
	{"It was passed in January.", "January", "2025-01-03", "2025-01-01"},
	{"The law passed in January.", "January", "2024-10-03", "2025-01-01"},	/* no cue: nearest */
	{"The deal was signed on December 20.", "December 20", "2024-06-01", "2023-12-20"},
	{"What was promised will come in March.", "March", "2024-10-03", "2025-03-01"},	/* nearest cue wins */
};

static bool
parse_ymd(const char *s, int32_t *out)
{
	int			y,
				m,
				d;

	if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3 || !na_date_valid(y, m, d))
		return false;
	*out = na_days_from_civil(y, m, d);
	return true;
}

int
main(void)
{
	char		buf[16];

	/* calendar */
	CHECK(D(2000, 1, 1) == 0, "2000-01-01 is day 0 (PostgreSQL's epoch)");
	CHECK(D(1999, 12, 31) == -1, "1999-12-31 is day -1");
	CHECK(D(2000, 3, 1) == 60, "2000 is a leap year (day 60 is March 1)");
	CHECK(D(1900, 3, 1) - D(1900, 2, 28) == 1, "1900 is not a leap year");
	CHECK(D(2100, 3, 1) - D(2100, 2, 28) == 1, "2100 is not a leap year");
	CHECK(D(2024, 3, 1) - D(2024, 2, 28) == 2, "2024 is a leap year");
	CHECK(D(1970, 1, 1) == -10957, "1970-01-01 is day -10957");
	CHECK(D(1, 1, 1) == -730119, "0001-01-01");
	CHECK(na_is_leap_year(2000) && !na_is_leap_year(1900) && na_is_leap_year(2024) && !na_is_leap_year(2023),
		  "leap year rule");
	CHECK(na_days_in_month(2024, 2) == 29 && na_days_in_month(2023, 2) == 28 && na_days_in_month(2023, 12) == 31,
		  "days in month");
	CHECK(na_weekday(D(2025, 2, 12)) == 3, "2025-02-12 is a Wednesday");
	CHECK(na_weekday(D(2000, 1, 1)) == 6, "2000-01-01 is a Saturday");
	CHECK(na_weekday(D(1969, 7, 20)) == 7, "1969-07-20 is a Sunday");
	CHECK_STR(fmt(na_easter(2024), buf), "2024-03-31", "Easter 2024");
	CHECK_STR(fmt(na_easter(2000), buf), "2000-04-23", "Easter 2000");
	CHECK_STR(fmt(na_easter(2019), buf), "2019-04-21", "Easter 2019");
	CHECK_STR(fmt(na_easter(1961), buf), "1961-04-02", "Easter 1961");
	CHECK_STR(fmt(na_easter(2038), buf), "2038-04-25", "Easter 2038 (latest possible date)");
	CHECK_STR(fmt(na_easter(2285), buf), "2285-03-22", "Easter 2285 (earliest possible date)");
	{
		bool		ok = true;

		for (int32_t d = D(1, 1, 1); d <= D(9999, 12, 31) && ok; d += 1)
		{
			int			y,
						m,
						dd;

			na_civil_from_days(d, &y, &m, &dd);
			if (!na_date_valid(y, m, dd) || D(y, m, dd) != d)
				ok = false;
		}
		CHECK(ok, "civil_from_days inverts days_from_civil for every day of years 1 to 9999");
	}
	CHECK_STR(fmt(D(2024, 12, 31) + 1, buf), "2025-01-01", "day after 2024-12-31");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];
		int32_t		pub = 0;
		NaDateResult r;
		const char *g;

		if (c->published && !parse_ymd(c->published, &pub))
		{
			CHECK(false, "bad test published date %s", c->published);
			continue;
		}
		r = na_date_resolve(c->mention, strlen(c->mention), c->published ? &pub : NULL);
		g = na_date_grain_name(r.grain);
		if (c->grain)
			CHECK_STR(g, c->grain, "grain of \"%s\" (published %s)", c->mention,
					  c->published ? c->published : "unknown");
		else
			CHECK(g == NULL, "\"%s\" is not understood (got grain %s)", c->mention, g ? g : "none");
		if (c->want)
			CHECK_STR(r.resolved ? fmt(r.day, buf) : "unresolved", c->want,
					  "\"%s\" published %s", c->mention, c->published ? c->published : "unknown");
		else
			CHECK(!r.resolved, "\"%s\" published %s stays unresolved", c->mention,
				  c->published ? c->published : "unknown");
	}
	for (size_t i = 0; i < sizeof(ctx_cases) / sizeof(ctx_cases[0]); i++)
	{
		const CtxCase *c = &ctx_cases[i];
		const char *at = strstr(c->text, c->mention);
		int32_t		pub = 0;
		NaDateResult r;

		parse_ymd(c->published, &pub);
		r = na_date_resolve_in(c->text, strlen(c->text), (size_t) (at - c->text),
							   strlen(c->mention), &pub);
		CHECK_STR(r.resolved ? fmt(r.day, buf) : "unresolved", c->want,
				  "\"%s\" in \"%s\" published %s", c->mention, c->text, c->published);
	}
	{
		int32_t		pub = D(2025, 1, 1);
		NaDateResult r = na_date_resolve_in("Monday", 6, 3, 10, &pub);

		CHECK(r.grain == NA_GRAIN_NONE, "a mention beyond the text is refused");
		r = na_date_resolve_in(NULL, 0, 0, 0, &pub);
		CHECK(r.grain == NA_GRAIN_NONE, "NULL text is refused");
	}

	/* published dates at the edges of the calendar do not overflow */
	{
		int32_t		pub = D(1, 1, 1);
		NaDateResult r = na_date_resolve("last year", 9, &pub);

		CHECK(!r.resolved, "last year from 0001-01-01 is unresolved");
		pub = 2147483000;
		r = na_date_resolve("next week", 9, &pub);
		CHECK(!r.resolved, "next week from a date beyond 9999 is unresolved");
		pub = D(2025, 1, 1);
		r = na_date_resolve("999 years ago", 13, &pub);
		CHECK(r.resolved, "999 years ago resolves");
		r = na_date_resolve(NULL, 0, &pub);
		CHECK(r.grain == NA_GRAIN_NONE, "NULL mention");
	}
	return na_test_done();
}
