/*
 * dates.c
 *		Calendar arithmetic and resolution of date mentions against a
 *		publication date (rules in dates.h).
 *
 * A mention is first cut into lexical pieces (words lower-cased, numbers
 * with their digit count, the ISO and slash forms recognised whole), then
 * interpreted by the first rule that fits: relative day words, "N units
 * ago", "last/this/next week|month|year", decades, month-and-day,
 * month-and-year, bare months, weekdays, bare years.
 */
#include "dates.h"

#include <string.h>

/* ---------------------------------------------------------------------
 * Calendar
 * ---------------------------------------------------------------------
 */
static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int days_before_month[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

bool
na_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
na_days_in_month(int year, int month)
{
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && na_is_leap_year(year))
		return 29;
	return month_days[month - 1];
}

bool
na_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
		day >= 1 && day <= na_days_in_month(year, month);
}

/* days from 0001-01-01 to 1 January of year */
static int64_t
days_before_year(int year)
{
	int64_t		y = year - 1;

	return y * 365 + y / 4 - y / 100 + y / 400;
}

/* ordinal: days from 0001-01-01 (day 0) */
static int64_t
ordinal(int year, int month, int day)
{
	int64_t		n = days_before_year(year) + days_before_month[month - 1] + (day - 1);

	if (month > 2 && na_is_leap_year(year))
		n++;
	return n;
}

#define ORDINAL_2000 730119		/* ordinal(2000, 1, 1) */

int32_t
na_days_from_civil(int year, int month, int day)
{
	return (int32_t) (ordinal(year, month, day) - ORDINAL_2000);
}

void
na_civil_from_days(int32_t days, int *year, int *month, int *day)
{
	int64_t		n = (int64_t) days + ORDINAL_2000;
	int			y = (int) (n / 366) + 1;	/* an underestimate */
	int			doy;
	int			m;

	while (days_before_year(y + 1) <= n)
		y++;
	doy = (int) (n - days_before_year(y));
	for (m = 12; m > 1; m--)
	{
		int			before = days_before_month[m - 1] + (m > 2 && na_is_leap_year(y));

		if (doy >= before)
		{
			doy -= before;
			break;
		}
	}
	*year = y;
	*month = m;
	*day = doy + 1;
}

int
na_weekday(int32_t days)
{
	/* 2000-01-01 was a Saturday (6) */
	int			r = (int) (((int64_t) days + 5) % 7);

	if (r < 0)
		r += 7;
	return r + 1;
}

/* na_easter: Easter Sunday by the anonymous Gregorian computus. */
int32_t
na_easter(int year)
{
	int			a = year % 19;
	int			b = year / 100;
	int			c = year % 100;
	int			d = b / 4;
	int			e = b % 4;
	int			f = (b + 8) / 25;
	int			g = (b - f + 1) / 3;
	int			h = (19 * a + b - d - g + 15) % 30;
	int			i = c / 4;
	int			k = c % 4;
	int			l = (32 + 2 * e + 2 * i - h - k) % 7;
	int			m = (a + 11 * h + 22 * l) / 451;
	int			month = (h + l - 7 * m + 114) / 31;
	int			day = (h + l - 7 * m + 114) % 31 + 1;

	return na_days_from_civil(year, month, day);
}

const char *
na_date_grain_name(NaDateGrain grain)
{
	switch (grain)
	{
		case NA_GRAIN_DAY:
			return "day";
		case NA_GRAIN_WEEK:
			return "week";
		case NA_GRAIN_MONTH:
			return "month";
		case NA_GRAIN_YEAR:
			return "year";
		case NA_GRAIN_DECADE:
			return "decade";
		case NA_GRAIN_SEASON:
			return "season";
		case NA_GRAIN_QUARTER:
			return "quarter";
		case NA_GRAIN_CENTURY:
			return "century";
		default:
			return NULL;
	}
}

/* ---------------------------------------------------------------------
 * Lexing a mention
 * ---------------------------------------------------------------------
 */
typedef struct Mention
{
	int			month;			/* 1..12 or 0 */
	int			weekday;		/* 1..7 or 0 */
	int			day;			/* 1..31 or 0 */
	int			year;			/* or 0 */
	int			decade;			/* 1990 for "1990s", or 0 */
	int			season;			/* start month: 3, 6, 9, 12; or 0 */
	int			ordinal;		/* first .. fourth: 1 .. 4, or 0 */
	int			quarter;		/* 1 .. 4, or 0 */
	bool		qprefix;		/* "Q" as in "Q3" */
	bool		century;		/* "century" */
	int			num;			/* a 1 to 3 digit number, or -1 */
	int			count;			/* for "N units ago"; -1 none */
	int			unit;			/* NA_GRAIN_DAY..YEAR for day(s) .. year(s) */
	int			rel;			/* -1 last, 0 this, +1 next, 2 none */
	int			dayword;		/* -1 yesterday, 0 today, +1 tomorrow, 2 none */
	bool		ago;
	bool		bad;			/* something we did not understand */
} Mention;

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const weekday_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};
static const char *const count_words[13] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve"
};

static int
month_of(const char *w, size_t n)
{
	for (int i = 0; i < 12; i++)
	{
		size_t		full = strlen(month_names[i]);

		if (n == full && memcmp(w, month_names[i], n) == 0)
			return i + 1;
		/* abbreviations: three letters, and "sept" */
		if (n == 3 && memcmp(w, month_names[i], 3) == 0)
			return i + 1;
		if (n == 4 && i == 8 && memcmp(w, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

static int
weekday_of(const char *w, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == strlen(weekday_names[i]) && memcmp(w, weekday_names[i], n) == 0)
			return i + 1;
	return 0;
}

static bool
word_is(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

static void
take_word(Mention *m, const char *w, size_t n)
{
	int			k;

	if ((k = month_of(w, n)) != 0)
		m->month = k;
	else if ((k = weekday_of(w, n)) != 0)
		m->weekday = k;
	else if (word_is(w, n, "last") || word_is(w, n, "previous"))
		m->rel = -1;
	else if (word_is(w, n, "next") || word_is(w, n, "coming"))
		m->rel = 1;
	else if (word_is(w, n, "this"))
		m->rel = 0;
	else if (word_is(w, n, "yesterday"))
		m->dayword = -1;
	else if (word_is(w, n, "today"))
		m->dayword = 0;
	else if (word_is(w, n, "tomorrow"))
		m->dayword = 1;
	else if (word_is(w, n, "day") || word_is(w, n, "days"))
		m->unit = NA_GRAIN_DAY;
	else if (word_is(w, n, "week") || word_is(w, n, "weeks"))
		m->unit = NA_GRAIN_WEEK;
	else if (word_is(w, n, "month") || word_is(w, n, "months"))
		m->unit = NA_GRAIN_MONTH;
	else if (word_is(w, n, "quarter") || word_is(w, n, "quarters"))
		m->unit = NA_GRAIN_QUARTER;
	else if (word_is(w, n, "first"))
		m->ordinal = 1;
	else if (word_is(w, n, "second"))
		m->ordinal = 2;
	else if (word_is(w, n, "third"))
		m->ordinal = 3;
	else if (word_is(w, n, "fourth"))
		m->ordinal = 4;
	else if (word_is(w, n, "q"))
		m->qprefix = true;
	else if (word_is(w, n, "century"))
		m->century = true;
	else if (word_is(w, n, "year") || word_is(w, n, "years"))
		m->unit = NA_GRAIN_YEAR;
	else if (word_is(w, n, "ago"))
		m->ago = true;
	else if (word_is(w, n, "spring"))
		m->season = 3;
	else if (word_is(w, n, "summer"))
		m->season = 6;
	else if (word_is(w, n, "autumn") || word_is(w, n, "fall"))
		m->season = 9;
	else if (word_is(w, n, "winter"))
		m->season = 12;
	else if (word_is(w, n, "a") || word_is(w, n, "an"))
		m->count = 1;
	else if (word_is(w, n, "st") || word_is(w, n, "nd") || word_is(w, n, "rd") ||
			 word_is(w, n, "th") || word_is(w, n, "the") || word_is(w, n, "of") ||
			 word_is(w, n, "mid") || word_is(w, n, "earlier") || word_is(w, n, "later") ||
			 word_is(w, n, "on") || word_is(w, n, "in"))
		;						/* noise */
	else
	{
		for (k = 0; k < 13; k++)
			if (word_is(w, n, count_words[k]))
			{
				m->count = k;
				return;
			}
		m->bad = true;
	}
}

static int
two_digit_year(int yy)
{
	return yy < 50 ? 2000 + yy : 1900 + yy;
}

/* parse_numeric recognises YYYY-MM-DD and M/D/Y or D/M/Y (day first only
 * when the first part cannot be a month). */
static bool
parse_numeric(const char *s, size_t len, Mention *m)
{
	int			part[3] = {0, 0, 0};
	int			digits[3] = {0, 0, 0};
	char		sep = 0;
	int			k = 0;

	for (size_t i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c >= '0' && c <= '9')
		{
			if (digits[k] >= 4)
				return false;
			part[k] = part[k] * 10 + (c - '0');
			digits[k]++;
		}
		else if ((c == '-' || c == '/') && k < 2 && digits[k] > 0 && (!sep || sep == c))
		{
			sep = c;
			k++;
		}
		else
			return false;
	}
	if (k != 2 || digits[2] == 0)
		return false;
	if (sep == '-')
	{
		if (digits[0] != 4)
			return false;
		m->year = part[0];
		m->month = part[1];
		m->day = part[2];
	}
	else
	{
		int			y = digits[2] == 2 ? two_digit_year(part[2]) : part[2];

		if (digits[2] != 2 && digits[2] != 4)
			return false;
		if (part[0] > 12)
		{
			m->day = part[0];
			m->month = part[1];
		}
		else
		{
			m->month = part[0];
			m->day = part[1];
		}
		m->year = y;
	}
	if (!na_date_valid(m->year, m->month, m->day))
		m->bad = true;
	return true;
}

/* apostrophe_before: is s[at] preceded by ' or a right single quote? */
static bool
apostrophe_before(const char *s, size_t at)
{
	if (at >= 1 && s[at - 1] == '\'')
		return true;
	return at >= 3 && memcmp(s + at - 3, "\xe2\x80\x99", 3) == 0;
}

static void
lex(const char *s, size_t len, Mention *m)
{
	size_t		i = 0;

	memset(m, 0, sizeof(*m));
	m->count = -1;
	m->num = -1;
	m->rel = 2;
	m->dayword = 2;
	if (parse_numeric(s, len, m))
		return;
	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		{
			char		w[16];
			size_t		n = 0;

			while (i < len && (((unsigned char) s[i] | 0x20) >= 'a' && ((unsigned char) s[i] | 0x20) <= 'z'))
			{
				if (n < sizeof(w))
					w[n] = (char) (s[i] | 0x20);
				n++;
				i++;
			}
			if (n > sizeof(w))
				m->bad = true;
			else
				take_word(m, w, n);
		}
		else if (c >= '0' && c <= '9')
		{
			long		v = 0;
			int			nd = 0;

			while (i < len && s[i] >= '0' && s[i] <= '9')
			{
				if (nd < 9)
					v = v * 10 + (s[i] - '0');
				nd++;
				i++;
			}
			if (i < len && s[i] == 's' && nd == 4 && v % 10 == 0)
			{
				m->decade = (int) v;
				i++;
			}
			else if (i < len && s[i] == 's' && nd == 2 && v % 10 == 0 && apostrophe_before(s, i - 2))
			{
				m->decade = 1900 + (int) v;	/* '60s: the twentieth century */
				i++;
			}
			else if (nd == 4 && m->year == 0)
				m->year = (int) v;
			else if (nd <= 3 && m->num < 0)
				m->num = (int) v;
			else
				m->bad = true;
		}
		else
			i++;
	}
}

/* ---------------------------------------------------------------------
 * Resolution
 * ---------------------------------------------------------------------
 */
static int32_t
monday_of(int32_t d)
{
	return d - (na_weekday(d) - 1);
}

/* first day of month (y, m) shifted by delta months; false when out of
 * range */
static bool
month_start(int y, int m, int delta, int32_t *out)
{
	int64_t		t = (int64_t) y * 12 + (m - 1) + delta;

	if (t < 12 || t >= (int64_t) 10000 * 12)
		return false;
	*out = na_days_from_civil((int) (t / 12), (int) (t % 12) + 1, 1);
	return true;
}

static bool
year_start(int y, int32_t *out)
{
	if (y < 1 || y > 9999)
		return false;
	*out = na_days_from_civil(y, 1, 1);
	return true;
}

static int64_t
abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

/* ---------------------------------------------------------------------
 * Holidays
 * ---------------------------------------------------------------------
 */
typedef enum HolidayRule
{
	H_FIXED,					/* month, day */
	H_EASTER,					/* Easter Sunday + day offset */
	H_NTH_WEEKDAY,				/* month, weekday, nth (-1: last) */
} HolidayRule;

typedef struct Holiday
{
	const char *name;			/* lower case, ASCII apostrophe */
	HolidayRule rule;
	int			month;
	int			day;			/* day, Easter offset or weekday */
	int			nth;
} Holiday;

static const Holiday holidays[] = {
	{"christmas", H_FIXED, 12, 25, 0},
	{"christmas day", H_FIXED, 12, 25, 0},
	{"christmas eve", H_FIXED, 12, 24, 0},
	{"boxing day", H_FIXED, 12, 26, 0},
	{"new year's eve", H_FIXED, 12, 31, 0},
	{"new year's day", H_FIXED, 1, 1, 0},
	{"new year's", H_FIXED, 1, 1, 0},
	{"new year", H_FIXED, 1, 1, 0},
	{"valentine's day", H_FIXED, 2, 14, 0},
	{"halloween", H_FIXED, 10, 31, 0},
	{"bastille day", H_FIXED, 7, 14, 0},
	{"st. patrick's day", H_FIXED, 3, 17, 0},
	{"st patrick's day", H_FIXED, 3, 17, 0},
	{"saint patrick's day", H_FIXED, 3, 17, 0},
	{"armistice day", H_FIXED, 11, 11, 0},
	{"veterans day", H_FIXED, 11, 11, 0},
	{"may day", H_FIXED, 5, 1, 0},
	{"easter", H_EASTER, 0, 0, 0},
	{"easter sunday", H_EASTER, 0, 0, 0},
	{"easter monday", H_EASTER, 0, 1, 0},
	{"good friday", H_EASTER, 0, -2, 0},
	{"thanksgiving", H_NTH_WEEKDAY, 11, 4, 4},
	{"thanksgiving day", H_NTH_WEEKDAY, 11, 4, 4},
	{"memorial day", H_NTH_WEEKDAY, 5, 1, -1},
	{"labor day", H_NTH_WEEKDAY, 9, 1, 1},
};

static int32_t
holiday_day(const Holiday *h, int y)
{
	int32_t		first;

	switch (h->rule)
	{
		case H_FIXED:
			return na_days_from_civil(y, h->month, h->day);
		case H_EASTER:
			return na_easter(y) + h->day;
		default:
			if (h->nth > 0)
			{
				first = na_days_from_civil(y, h->month, 1);
				return first + (h->day - na_weekday(first) + 7) % 7 + 7 * (h->nth - 1);
			}
			first = na_days_from_civil(y, h->month, na_days_in_month(y, h->month));
			return first - (na_weekday(first) - h->day + 7) % 7;
	}
}

/*
 * holiday_resolve: if s is a holiday mention ("Christmas", "last Easter",
 * "Thanksgiving 2024"), fills *r and returns true.
 */
static bool
holiday_resolve(const char *s, size_t len, bool hp, int32_t P, int py, int tense,
				NaDateResult *r)
{
	char		buf[48];
	size_t		n = 0;
	char	   *name = buf;
	int			rel = 2;
	int			year = 0;
	const Holiday *h = NULL;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (n >= sizeof(buf) - 1)
			return false;
		if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80 &&
			(unsigned char) s[i + 2] == 0x99)
		{
			buf[n++] = '\'';
			i += 2;
		}
		else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		{
			if (n > 0 && buf[n - 1] != ' ')
				buf[n++] = ' ';
		}
		else if (c >= 0x80)
			return false;
		else
			buf[n++] = (char) ((c >= 'A' && c <= 'Z') ? c | 0x20 : c);
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (strncmp(name, "last ", 5) == 0)
		rel = -1, name += 5;
	else if (strncmp(name, "next ", 5) == 0)
		rel = 1, name += 5;
	else if (strncmp(name, "this ", 5) == 0)
		rel = 0, name += 5;
	n = strlen(name);
	/* a trailing year: " 2024", ", 2024", " of 2024" */
	if (n > 5 && name[n - 5] == ' ' && name[n - 4] >= '0' && name[n - 4] <= '9')
	{
		int			v = 0;

		for (int k = 4; k >= 1; k--)
		{
			if (name[n - k] < '0' || name[n - k] > '9')
				return false;
			v = v * 10 + (name[n - k] - '0');
		}
		year = v;
		n -= 5;
		if (n > 0 && name[n - 1] == ',')
			n--;
		else if (n > 3 && strncmp(name + n - 3, " of", 3) == 0)
			n -= 3;
		name[n] = '\0';
	}
	for (size_t k = 0; k < sizeof(holidays) / sizeof(holidays[0]); k++)
		if (strcmp(name, holidays[k].name) == 0)
			h = &holidays[k];
	if (!h)
		return false;
	r->grain = NA_GRAIN_DAY;
	r->resolved = false;
	if (year)
	{
		if (year >= 2 && year <= 9998)
		{
			r->resolved = true;
			r->day = holiday_day(h, year);
		}
		return true;
	}
	if (!hp)
		return true;
	if (rel == 0)
	{
		r->resolved = true;
		r->day = holiday_day(h, py);
		return true;
	}
	for (int y = py - 1; y <= py + 1; y++)
	{
		int32_t		d = holiday_day(h, y);
		bool		ok;

		if (rel == -1)
			ok = d < P && (!r->resolved || d > r->day);
		else if (rel == 1)
			ok = d > P && (!r->resolved || d < r->day);
		else
		{
			if ((tense > 0 && d < P - 7) || (tense < 0 && d > P + 7))
				continue;
			ok = !r->resolved || (d > P ? d - P : P - d) < (r->day > P ? r->day - P : P - r->day);
		}
		if (ok)
		{
			r->resolved = true;
			r->day = d;
		}
	}
	return true;
}

/*
 * resolve: na_date_resolve's work; tense is +1 when the words before the
 * mention point ahead ("will meet on Monday", "closed until Monday"), -1
 * when they point back ("was passed in January"), 0 when they say nothing.
 */
static NaDateResult
resolve(const char *s, size_t len, const int32_t *published, int tense)
{
	bool		future = tense > 0;
	bool		past = tense < 0;
	NaDateResult r = {NA_GRAIN_NONE, false, 0};
	Mention		m;
	bool		hp = published != NULL;
	int32_t		P = hp ? *published : 0;
	int			py = 0,
				pm = 0,
				pd = 0;

	if (!s)
		return r;
	/* keep arithmetic well inside the calendar's range (years 2..9998) */
	if (hp && (P < na_days_from_civil(2, 1, 1) || P > na_days_from_civil(9998, 12, 31)))
		hp = false;
	if (hp)
		na_civil_from_days(P, &py, &pm, &pd);
	if (holiday_resolve(s, len, hp, P, py, tense, &r))
		return r;
	lex(s, len, &m);
	if (m.qprefix || m.unit == NA_GRAIN_QUARTER)
	{
		int			q = m.ordinal ? m.ordinal : (m.num >= 1 && m.num <= 4 ? m.num : 0);

		m.unit = NA_GRAIN_QUARTER;
		if (q && !m.ago)
		{
			m.quarter = q;
			m.num = -1;
		}
		else if (m.qprefix)
			return r;			/* Q7 */
	}
	else if (m.century)
	{
		int			c = m.ordinal ? m.ordinal : m.num;

		if (c < 1 || c > 99 || m.month || m.weekday || m.year)
			return r;
		r.grain = NA_GRAIN_CENTURY;
		r.resolved = year_start(c == 1 ? 1 : (c - 1) * 100, &r.day);
		return r;
	}
	else if (m.ordinal)
		return r;
	if (m.num >= 0)
	{
		if (m.unit != 0 && m.count < 0)
			m.count = m.num;
		else if (m.unit == 0 && m.day == 0)
			m.day = m.num;
		else
			m.bad = true;
	}
	if (m.bad)
		return r;
	if (m.season)
	{
		if (m.month || m.day || m.weekday)
			return r;
		m.month = m.season;
	}

	if (m.dayword != 2)
	{
		r.grain = NA_GRAIN_DAY;
		if (hp)
		{
			r.resolved = true;
			r.day = P + m.dayword;
		}
	}
	else if (m.ago)
	{
		if (m.count < 0 || m.unit == 0 || m.count > 9999)
			return r;
		r.grain = (NaDateGrain) m.unit;
		if (!hp)
			return r;
		switch (m.unit)
		{
			case NA_GRAIN_DAY:
				r.day = P - m.count;
				r.resolved = true;
				break;
			case NA_GRAIN_WEEK:
				r.day = monday_of(P - 7 * m.count);
				r.resolved = true;
				break;
			case NA_GRAIN_MONTH:
				r.resolved = month_start(py, pm, -m.count, &r.day);
				break;
			case NA_GRAIN_YEAR:
				r.resolved = year_start(py - m.count, &r.day);
				break;
			case NA_GRAIN_QUARTER:
				r.resolved = month_start(py, pm - (pm - 1) % 3, -3 * m.count, &r.day);
				break;
		}
		if (r.resolved && r.day < na_days_from_civil(1, 1, 1))
			r.resolved = false;
	}
	else if (m.quarter)
	{
		int64_t		cur = (int64_t) py * 12 + (pm - 1) - (pm - 1) % 3;
		int64_t		pick = -1;

		if (m.month || m.day || m.weekday)
			return r;
		r.grain = NA_GRAIN_QUARTER;
		if (m.year)
			r.resolved = month_start(m.year, 3 * (m.quarter - 1) + 1, 0, &r.day);
		else if (hp)
		{
			for (int cy = py - 1; cy <= py + 1; cy++)
			{
				int64_t		t = (int64_t) cy * 12 + 3 * (m.quarter - 1);

				if (future ? (t >= cur && (pick < 0 || t < pick))
					: (t <= cur && (pick < 0 || t > pick)))
					pick = t;
			}
			r.resolved = pick >= 0 &&
				month_start((int) (pick / 12), (int) (pick % 12) + 1, 0, &r.day);
		}
	}
	else if (m.unit != 0)
	{
		if (m.rel == 2 || m.month || m.weekday || m.unit == NA_GRAIN_DAY)
			return r;
		r.grain = (NaDateGrain) m.unit;
		if (!hp)
			return r;
		if (m.unit == NA_GRAIN_WEEK)
		{
			r.day = monday_of(P) + 7 * m.rel;
			r.resolved = true;
		}
		else if (m.unit == NA_GRAIN_MONTH)
			r.resolved = month_start(py, pm, m.rel, &r.day);
		else if (m.unit == NA_GRAIN_QUARTER)
			r.resolved = month_start(py, pm - (pm - 1) % 3, 3 * m.rel, &r.day);
		else
			r.resolved = year_start(py + m.rel, &r.day);
	}
	else if (m.decade)
	{
		r.grain = NA_GRAIN_DECADE;
		r.resolved = year_start(m.decade, &r.day);
	}
	else if (m.month)
	{
		if (m.month > 12)
			return r;
		if (m.day)
		{
			r.grain = NA_GRAIN_DAY;
			if (m.year)
			{
				if (na_date_valid(m.year, m.month, m.day))
				{
					r.resolved = true;
					r.day = na_days_from_civil(m.year, m.month, m.day);
				}
				else
					r.grain = NA_GRAIN_NONE;
			}
			else if (m.day > na_days_in_month(2000, m.month))
				r.grain = NA_GRAIN_NONE;	/* no such day in any year */
			else if (hp)
			{
				/* the nearest valid date in P's year or a neighbour; ties
				 * to the past; with a future cue, not more than a week
				 * before P */
				for (int y = py - 1; y <= py + 1; y++)
				{
					int32_t		d;

					if (!na_date_valid(y, m.month, m.day))
						continue;
					d = na_days_from_civil(y, m.month, m.day);
					if ((future && d < P - 7) || (past && d > P + 7))
						continue;
					if (!r.resolved || abs64((int64_t) d - P) < abs64((int64_t) r.day - P))
					{
						r.resolved = true;
						r.day = d;
					}
				}
			}
		}
		else if (m.year)
		{
			r.grain = NA_GRAIN_MONTH;
			r.resolved = month_start(m.year, m.month, 0, &r.day);
		}
		else
		{
			int			y = 0;

			r.grain = m.season ? NA_GRAIN_SEASON : NA_GRAIN_MONTH;
			if (!hp)
				return r;
			if (m.season)
			{
				/*
				 * Seasons, as absolute month numbers: cur is the start of
				 * the season P is in; "last" the latest start before it,
				 * "next" the first after it, "this" the first from it on.
				 */
				int64_t		pabs = (int64_t) py * 12 + (pm - 1);
				int64_t		cur = pabs - (pm % 12) % 3;
				int64_t		pick = -1;

				for (int cy = py - 2; cy <= py + 1; cy++)
				{
					int64_t		t = (int64_t) cy * 12 + (m.season - 1);
					bool		ok;

					if (m.rel == -1 || (m.rel == 2 && past))
						ok = (m.rel == -1 ? t < cur : t <= cur) && (pick < 0 || t > pick);
					else if (m.rel == 1)
						ok = t > cur && (pick < 0 || t < pick);
					else if (m.rel == 0 || future)
						ok = t >= cur && (pick < 0 || t < pick);
					else
						ok = pick < 0 || abs64(t - pabs) < abs64(pick - pabs);
					if (ok)
						pick = t;
				}
				r.resolved = pick >= 0 && month_start((int) (pick / 12), (int) (pick % 12) + 1, 0, &r.day);
				return r;
			}
			if (m.rel == -1)
				y = m.month < pm ? py : py - 1;
			else if (m.rel == 1)
				y = m.month > pm ? py : py + 1;
			else if (m.rel == 0)
				y = py;
			else if (future)
				y = m.month >= pm ? py : py + 1;
			else if (past)
				y = m.month <= pm ? py : py - 1;
			else
			{
				/* nearest such month, ties to the past */
				int64_t		best = -1;

				for (int cy = py - 1; cy <= py + 1; cy++)
				{
					int64_t		dist = abs64((int64_t) cy * 12 + m.month - ((int64_t) py * 12 + pm));

					if (best < 0 || dist < best)
					{
						best = dist;
						y = cy;
					}
				}
			}
			r.resolved = month_start(y, m.month, 0, &r.day);
		}
	}
	else if (m.weekday)
	{
		int			wp;

		int			delta;

		if (m.day || m.year)
			return r;
		r.grain = NA_GRAIN_DAY;
		if (!hp)
			return r;
		wp = na_weekday(P);
		switch (m.rel)
		{
			case -1:
				delta = (wp - m.weekday + 7) % 7;
				r.day = P - (delta == 0 ? 7 : delta);
				break;
			case 1:
				delta = (m.weekday - wp + 7) % 7;
				r.day = P + (delta == 0 ? 7 : delta);
				break;
			case 0:
				r.day = monday_of(P) + (m.weekday - 1);
				break;
			default:
				if (future)
					r.day = P + (m.weekday - wp + 7) % 7;
				else
					r.day = P - (wp - m.weekday + 7) % 7;
				break;
		}
		r.resolved = true;
	}
	else if (m.year && !m.day)
	{
		r.grain = NA_GRAIN_YEAR;
		r.resolved = year_start(m.year, &r.day);
	}
	if (m.season && r.grain == NA_GRAIN_MONTH)
		r.grain = NA_GRAIN_SEASON;
	return r;
}

/* na_date_resolve: a mention on its own (no tense cue). */
NaDateResult
na_date_resolve(const char *s, size_t len, const int32_t *published)
{
	return resolve(s, len, published, 0);
}

/* Words that, anywhere before a mention in its clause, point to the past. */
static const char *const past_cues[] = {
	"was", "were", "had", "did", "been", "ago"
};

/* Words that, anywhere before a mention in its clause, point to the future. */
static const char *const future_cues[] = {
	"will", "would", "ll", "shall", "due", "expected", "expect", "expects",
	"scheduled", "plans", "planned", "upcoming"
};

/* Words that point to the future right before a mention ("until Monday",
 * "by May", "from Monday", "before March 3"). */
static const char *const future_preps[] = {
	"until", "till", "by", "before", "from"
};

static bool
word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (word_is(w, n, list[k]))
			return true;
	return false;
}

static bool
is_letter(char c)
{
	return (((unsigned char) c | 0x20) >= 'a' && ((unsigned char) c | 0x20) <= 'z');
}

/*
 * tense_cue looks at up to 80 bytes before text[start], back to the start
 * of the clause (. ! ? ; , or a line break): +1 when the nearest tense word
 * points ahead or the last word (before "on"/"the") is a future
 * preposition, -1 when the nearest tense word points back, 0 otherwise.
 */
static int
tense_cue(const char *text, size_t start)
{
	int			cue = 0;
	size_t		from = start > 80 ? start - 80 : 0;
	size_t		i = start;
	char		w[16];
	char		last[16];
	size_t		lastn = 0;

	while (i > from)
	{
		char		c = text[i - 1];

		if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || c == '\n')
			break;
		i--;
	}
	while (i < start)
	{
		size_t		n = 0;

		while (i < start && !is_letter(text[i]))
			i++;
		while (i < start && is_letter(text[i]))
		{
			if (n < sizeof(w))
				w[n] = (char) (text[i] | 0x20);
			n++;
			i++;
		}
		if (n == 0 || n > sizeof(w))
			continue;
		if (word_in(w, n, future_cues, sizeof(future_cues) / sizeof(future_cues[0])))
			cue = 1;
		else if (word_in(w, n, past_cues, sizeof(past_cues) / sizeof(past_cues[0])))
			cue = -1;
		if (word_is(w, n, "on") || word_is(w, n, "the"))
			continue;
		memcpy(last, w, n);
		lastn = n;
	}
	if (lastn > 0 &&
		word_in(last, lastn, future_preps, sizeof(future_preps) / sizeof(future_preps[0])))
		return 1;
	return cue;
}

/* na_date_resolve_in: the mention text[start..start+len) with the words
 * before it in its sentence as a tense cue. */
NaDateResult
na_date_resolve_in(const char *text, size_t textlen, size_t start, size_t len,
				   const int32_t *published)
{
	if (!text || start > textlen || len > textlen - start)
	{
		NaDateResult r = {NA_GRAIN_NONE, false, 0};

		return r;
	}
	return resolve(text + start, len, published, tense_cue(text, start));
}

/* na_dates_of_doc: see dates.h. */
void
na_dates_of_doc(const NaDoc *doc, const int32_t *published, NaDateFn fn, void *arg)
{
	size_t		len;
	const char *text = na_doc_text(doc, &len);
	size_t		n;
	const NaSpan *spans = na_doc_spans(doc, &n);

	for (size_t i = 0; i < n; i++)
	{
		NaDateMention m;

		if (strcmp(spans[i].type, "DATE") != 0)
			continue;
		m.start = spans[i].start;
		m.len = spans[i].len;
		m.cstart = spans[i].cstart;
		m.clen = spans[i].clen;
		m.date = na_date_resolve_in(text, len, m.start, m.len, published);
		if (!fn(&m, arg))
			return;
	}
}
