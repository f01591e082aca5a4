/*
 * patterns_test.c
 *		Unit tests of the PCRE2 pattern layer (src/core/patterns.c): what
 *		the builtin patterns find and miss, overlap resolution, offsets,
 *		user patterns, bad patterns, limits, empty matches, invalid UTF-8.
 */
#include "patterns.h"
#include "na_test.h"

#include <stdlib.h>

typedef struct Collect
{
	char		buf[65536];		/* long texts of the random differential */
	size_t		n;
	const char *text;
	size_t		last_end;
	size_t		count;
	bool		ordered;
	size_t		stop_after;
} Collect;

static bool
collect(const NaPatternMatch *m, void *arg)
{
	Collect    *c = arg;
	int			w;

	if (m->start < c->last_end)
		c->ordered = false;
	c->last_end = m->start + m->len;
	c->count++;
	if (c->n < sizeof(c->buf))
	{
		w = snprintf(c->buf + c->n, sizeof(c->buf) - c->n, "%s%s:%.*s", c->n ? " | " : "",
					 m->type, (int) m->len, c->text + m->start);
		if (w > 0)
			c->n += (size_t) w;
	}
	return !(c->stop_after && c->count >= c->stop_after);
}

typedef struct Offsets
{
	size_t		start[8];
	size_t		len[8];
	size_t		cstart[8];
	size_t		clen[8];
	size_t		n;
	float		conf;
} Offsets;

static bool
offsets(const NaPatternMatch *m, void *arg)
{
	Offsets    *o = arg;

	if (o->n < 8)
	{
		o->start[o->n] = m->start;
		o->len[o->n] = m->len;
		o->cstart[o->n] = m->cstart;
		o->clen[o->n] = m->clen;
		o->n++;
	}
	o->conf = m->confidence;
	return true;
}

static const char *
scan(NaPatternSet *set, const char *text, Collect *c, NaStatus *st)
{
	memset(c, 0, sizeof(*c));
	c->text = text;
	c->ordered = true;
	*st = na_patterns_scan(set, text, strlen(text), collect, c, NULL);
	return c->buf;
}

typedef struct Case
{
	const char *text;
	const char *want;
} Case;

static const Case cases[] = {
	/* DATE */
	{"On February 12 we met.", "DATE:February 12"},
	{"It was 12 February 2025.", "DATE:12 February 2025"},
	{"Due Feb. 12, then Sept 3.", "DATE:Feb. 12 | DATE:Sept 3"},
	{"Born 1996-08-22 in Paris.", "DATE:1996-08-22"},
	{"He left on Wednesday.", "DATE:Wednesday"},
	{"Talks last week and next month.", "DATE:last week | DATE:next month"},
	{"Elections in January and in 2024.", "DATE:January | DATE:2024"},
	{"Wednesday, February 12, 2025 was cold.", "DATE:Wednesday, February 12, 2025"},
	{"the 12th of March 2020", "DATE:the 12th of March 2020"},
	{"two weeks ago and 3 days ago", "DATE:two weeks ago | DATE:3 days ago"},
	{"since the 1990s", "DATE:the 1990s"},
	{"yesterday, today, Tomorrow", "DATE:yesterday | DATE:today | DATE:Tomorrow"},
	{"by mid-2021", "DATE:2021"},
	{"in the '60s and the 1990s, a 1994 war", "DATE:the '60s | DATE:the 1990s | DATE:1994"},
	{"from 1955 to 1961 (1993) in 1500 to 2000", "DATE:1955 | DATE:1961 | DATE:1993"},
	{"on Christmas Eve and New Year's Day 2025", "DATE:Christmas Eve | DATE:New Year's Day 2025"},
	{"by Thanksgiving, after Easter Monday", "DATE:Thanksgiving | DATE:Easter Monday"},
	{"in the summer, last winter and spring 2020", "DATE:summer | DATE:last winter | DATE:spring 2020"},
	{"the summer of 2019", "DATE:summer of 2019"},
	{"the summer games and a spring in his step", ""},
	{"first-quarter profit, Q3 2024 and the fourth quarter of 2023", "DATE:first-quarter | DATE:Q3 2024 | DATE:the fourth quarter of 2023"},
	{"last quarter and two quarters ago", "DATE:last quarter | DATE:two quarters ago"},
	{"a 19th-century house and the 21st century", "DATE:19th-century | DATE:the 21st century"},
	/* not dates */
	{"Theresa May said she may march on.", ""},
	{"2,000 people and 1999 votes, room 2024", ""},
	{"Feb 30th", "DATE:Feb 30th"},	/* a date form; resolution rejects it */
	/* TIME */
	{"at 10:30 a.m. GMT", "TIME:10:30 a.m. GMT"},
	{"at 3 p.m. and noon", "TIME:3 p.m. | TIME:noon"},
	{"by 1530 GMT", "TIME:1530 GMT"},
	{"at 23:59:59", "TIME:23:59:59"},
	/* MONEY */
	{"$5bn and $5 billion", "MONEY:$5bn | MONEY:$5 billion"},
	{"€20 and £1.2 million", "MONEY:€20 | MONEY:£1.2 million"},
	{"5 million dollars, US$3, Rs 500", "MONEY:5 million dollars | MONEY:US$3 | MONEY:Rs 500"},
	{"100 mln dlrs", "MONEY:100 mln dlrs"},
	{"EUR 300 and 40 USD", "MONEY:EUR 300 | MONEY:40 USD"},
	{"five million dollars, a billion euros, half a million ringgit", "MONEY:five million dollars | MONEY:a billion euros | MONEY:half a million ringgit"},
	{"One said a lot; a million people", ""},
	/* PERCENT */
	{"3.5% and 12 percent and 5 per cent", "PERCENT:3.5% | PERCENT:12 percent | PERCENT:5 per cent"},
	{"rose 0.25 percentage point", "PERCENT:0.25 percentage point"},
	{"Twenty-five percent", "PERCENT:Twenty-five percent"},
	/* QUANTITY */
	{"40 km, 3 tonnes, 2,000 barrels, 5 degrees", "QUANTITY:40 km | QUANTITY:3 tonnes | QUANTITY:2,000 barrels | QUANTITY:5 degrees"},
	{"It hit 40°C.", "QUANTITY:40°C"},
	{"two tonnes and one hundred km", "QUANTITY:two tonnes | QUANTITY:one hundred km"},
	{"a 500-megawatt plant", "QUANTITY:500-megawatt"},
	/* URL, EMAIL */
	{"See https://example.com/a?b=1.", "URL:https://example.com/a?b=1"},
	{"(www.example.org)", "URL:www.example.org"},
	{"Mail desk@example.co.uk, now.", "EMAIL:desk@example.co.uk"},
	/* matches that start far before the literal the scan anchors on */
	{"Wednesday, the 31st of January 2024 and last Saint Patrick's Day", "DATE:Wednesday, the 31st of January 2024 | DATE:last Saint Patrick's Day"},
	{"Earlier this week, during the summer, in mid-August", "DATE:Earlier this week | DATE:summer | DATE:August"},
	{"twelve months ago at 9:15, seventeen thousand percent, 999,999,999.5 °C",
	"DATE:twelve months ago | TIME:9:15 | PERCENT:seventeen thousand percent | QUANTITY:999,999,999.5 °C"},
	{"write to a.very.long.local.part.of.an.address.for.the.news.desk@example.com",
	"EMAIL:a.very.long.local.part.of.an.address.for.the.news.desk@example.com"},
	/* the digit and number-word anchors: the longest prefix before the
	 * digits, words in any case, and words that are not at a boundary */
	{"dlrs. 7 and stg. 8, Mex$9 and ₹10", "MONEY:dlrs. 7 | MONEY:stg. 8 | MONEY:Mex$9 | MONEY:₹10"},
	{"USD12345678901234567890 and $1,234,567.5m", "MONEY:USD123456789012345 | MONEY:$1,234,567.5m"},
	{"FIVE DOLLARS, Ninety-nine euros and An Eleven yen", "MONEY:Ninety-nine euros | MONEY:Eleven yen"},
	{"x_five dollars, 5five dollars, éfive dollars, Half-a million tonnes", "MONEY:five dollars | QUANTITY:Half-a million tonnes"},
	{"30\u017fix cents, 30 six cents", "MONEY:six cents"},
	/* empty */
	{"", ""},
	{"   ", ""},
};

int
main(void)
{
	NaPatternSet *set;
	NaStatus	st;
	Collect		c;
	char		err[256];

	st = na_patterns_create(&na_malloc_allocator, &set);
	CHECK(st == NA_OK && set, "create the builtin set");
	if (st != NA_OK)
		return na_test_done();
	printf("# JIT %s\n", na_patterns_jit(set) ? "available" : "not available (interpreter)");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		scan(set, cases[i].text, &c, &st);
		CHECK(st == NA_OK, "scan \"%s\" returns NA_OK", cases[i].text);
		CHECK_STR(c.buf, cases[i].want, "matches in \"%s\"", cases[i].text);
		CHECK(c.ordered, "matches of \"%s\" are in order and do not overlap", cases[i].text);
	}
	/* the literal prefilters never change a result */
	{
		bool		same = true;
		static Collect c2;

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			NaStatus	st2;

			na_patterns_set_prefilter(set, true);
			scan(set, cases[i].text, &c, &st);
			memcpy(&c2, &c, sizeof(c));
			na_patterns_set_prefilter(set, false);
			scan(set, cases[i].text, &c, &st2);
			if (st != st2 || strcmp(c.buf, c2.buf) != 0)
			{
				same = false;
				printf("# prefilter changes \"%s\": \"%s\" vs \"%s\"\n", cases[i].text, c2.buf, c.buf);
			}
		}
		na_patterns_set_prefilter(set, true);
		CHECK(same, "matches are the same with and without the literal prefilters");
	}

	/* the anchors never change a result on texts made of the pieces they
	 * are about: number words in any case, long s and Kelvin sign, digits
	 * after currency signs and codes, words glued to digits and '_' */
	{
		static const char *const pieces[] = {
			"five", "FIVE", "Twenty", "ninety-nine", "sixteen", "-", "a", "an", "A", "half",
			"Half-a", "million", "billion", "dollars", "euros", "yen", "cents", "tonnes",
			"km", " ", "  ", "\n", "5", "30", "1,234", "3.5", "$", "US$", "Mex$", "\u20ac",
			"Rs.", "RM", "dlrs.", "stg", "USD", "_", "\u00e9", "x", "\u017fix", "\u212a",
			"mln", "%", "percent", "\u00b0", "C", "(", "2024", "May", "today", "@"
		};
		static Collect c2;
		char		text[8192];
		uint32_t	seed = 12345;
		int			differ = 0;

		for (int it = 0; it < 20000; it++)
		{
			size_t		len = 0;
			int			n;
			NaStatus	st2;

			seed = seed * 1103515245u + 12345u;
			/* one text in fifty is long: more number words than the scan
			 * keeps for the patterns that share them */
			n = 1 + (int) ((seed >> 16) % (it % 50 == 0 ? 1500 : 30));
			for (int k = 0; k < n; k++)
			{
				const char *w;
				size_t		wl;

				seed = seed * 1103515245u + 12345u;
				w = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
				wl = strlen(w);
				if (len + wl + 2 >= sizeof(text))
					break;
				memcpy(text + len, w, wl);
				len += wl;
				if ((seed >> 8) % 3)
					text[len++] = ' ';
			}
			text[len] = '\0';
			na_patterns_set_prefilter(set, true);
			scan(set, text, &c, &st);
			memcpy(&c2, &c, sizeof(c));
			na_patterns_set_prefilter(set, false);
			scan(set, text, &c, &st2);
			if (st != st2 || c.count != c2.count || strcmp(c.buf, c2.buf) != 0)
			{
				if (differ++ < 3)
					printf("# anchors change \"%s\": \"%s\" vs \"%s\"\n", text, c2.buf, c.buf);
			}
		}
		na_patterns_set_prefilter(set, true);
		CHECK(differ == 0, "20000 texts of number words, digits and currency pieces: same matches with and without the anchors (%d differ)", differ);
	}

	/* character offsets count code points */
	{
		const char *t = "Зеленський: 5% — €3";
		NaPatternMatch first = {0};

		scan(set, t, &c, &st);
		CHECK_STR(c.buf, "PERCENT:5% | MONEY:€3", "matches after Cyrillic text");
		(void) first;
	}
	{
		const char *t = "ÄÖÜ 5% 東京 $3";
		Offsets		o = {0};

		st = na_patterns_scan(set, t, strlen(t), offsets, &o, NULL);
		CHECK(st == NA_OK && o.n == 2, "two matches after Latin-1 and CJK text");
		CHECK(o.start[0] == 7 && o.len[0] == 2 && o.cstart[0] == 4 && o.clen[0] == 2,
			  "5%% at byte 7, character 4 (got %zu, %zu)", o.start[0], o.cstart[0]);
		CHECK(o.start[1] == 17 && o.cstart[1] == 10 && o.clen[1] == 2,
			  "$3 at byte 17, character 10 (got %zu, %zu)", o.start[1], o.cstart[1]);
		CHECK(o.conf > 0.0f && o.conf <= 1.0f, "confidence in (0, 1]");
	}

	/* early stop */
	memset(&c, 0, sizeof(c));
	c.text = "1% 2% 3% 4%";
	c.ordered = true;
	c.stop_after = 2;
	st = na_patterns_scan(set, c.text, strlen(c.text), collect, &c, NULL);
	CHECK(st == NA_OK && c.count == 2, "the callback returning false stops the scan");

	/* invalid UTF-8, bad arguments */
	st = na_patterns_scan(set, "ab\xff" "cd 5%", 9, collect, &c, NULL);
	CHECK(st == NA_ERR_INVALID_UTF8, "invalid UTF-8 is rejected");
	st = na_patterns_scan(set, "\xed\xa0\x80", 3, collect, &c, NULL);
	CHECK(st == NA_ERR_INVALID_UTF8, "a UTF-16 surrogate is rejected");
	st = na_patterns_scan(set, "\xc0\xaf", 2, collect, &c, NULL);
	CHECK(st == NA_ERR_INVALID_UTF8, "an overlong form is rejected");
	st = na_patterns_scan(set, "5%\xe2\x82", 5, collect, &c, NULL);
	CHECK(st == NA_ERR_INVALID_UTF8, "a truncated sequence at the end is rejected");
	st = na_patterns_scan(set, NULL, 0, collect, &c, NULL);
	CHECK(st == NA_OK, "NULL text of length 0 is empty");
	st = na_patterns_scan(set, NULL, 3, collect, &c, NULL);
	CHECK(st == NA_ERR_BAD_ARGUMENT, "NULL text with a length is a bad argument");
	{
		const char	t[] = "5%\0 7%";

		memset(&c, 0, sizeof(c));
		c.text = t;
		c.ordered = true;
		st = na_patterns_scan(set, t, sizeof(t) - 1, collect, &c, NULL);
		CHECK(st == NA_OK && c.count == 2, "a NUL byte inside the text is just a character");
	}

	/* bad patterns */
	st = na_patterns_add(set, "BAD", "ab(c", 4, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_PATTERN, "unbalanced parenthesis is a bad pattern");
	CHECK_STR(err, "missing closing parenthesis at character 4", "PCRE2's message and offset");
	st = na_patterns_check(&na_malloc_allocator, "é[z-a]", strlen("é[z-a]"), err, sizeof(err));
	CHECK(st == NA_ERR_BAD_PATTERN && strstr(err, "at character 4"), "offsets in characters: %s", err);
	st = na_patterns_check(&na_malloc_allocator, "a\\C", 3, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_PATTERN, "\\C (which can split characters) is refused: %s", err);
	st = na_patterns_check(&na_malloc_allocator, "\xff", 1, err, sizeof(err));
	CHECK(st == NA_ERR_INVALID_UTF8, "a pattern that is not UTF-8 is rejected");
	{
		size_t		n = NA_PATTERN_MAX_LENGTH + 1;
		char	   *big = malloc(n);

		memset(big, 'a', n);
		st = na_patterns_check(&na_malloc_allocator, big, n, err, sizeof(err));
		CHECK(st == NA_ERR_BAD_PATTERN, "an over-long pattern is rejected: %s", err);
		free(big);
	}
	st = na_patterns_add(set, "", "x", 1, err, sizeof(err));
	CHECK(st == NA_ERR_BAD_ARGUMENT, "an empty type is a bad argument");

	/* user patterns: priority over builtin ones on a tie, \K */
	st = na_patterns_add(set, "RATE", "\\b\\d+%", 6, err, sizeof(err));
	CHECK(st == NA_OK, "add a user pattern");
	scan(set, "up 5% to $3", &c, &st);
	CHECK_STR(c.buf, "RATE:5% | MONEY:$3", "a user pattern wins a tie with a builtin one");
	st = na_patterns_add(set, "HANDLE", "@\\K\\w+", strlen("@\\K\\w+"), err, sizeof(err));
	scan(set, "ask @desk now", &c, &st);
	CHECK_STR(c.buf, "HANDLE:desk", "\\K moves the start of the match");
	na_patterns_destroy(set);

	/* empty matches and hostile patterns */
	st = na_patterns_create(&na_malloc_allocator, &set);
	na_patterns_add(set, "EMPTY", "x*", 2, err, sizeof(err));
	na_patterns_add(set, "LOOK", "(?=a)", 5, err, sizeof(err));
	scan(set, "aaxxa é", &c, &st);
	CHECK(st == NA_OK, "patterns matching the empty string terminate");
	CHECK_STR(c.buf, "EMPTY:xx", "empty matches are skipped, the non-empty one found");
	na_patterns_add(set, "EVIL", "(a+)+$", 6, err, sizeof(err));
	scan(set, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", &c, &st);
	CHECK(st == NA_ERR_MATCH_LIMIT, "catastrophic backtracking stops at the match limit");
	CHECK_STR(na_patterns_failed_type(set), "EVIL", "the failing pattern's type is reported");
	scan(set, "aaaaaaaaaa!", &c, &st);
	CHECK(st == NA_OK && na_patterns_failed_type(set) == NULL, "the same pattern on a short input is fine");
	na_patterns_destroy(set);

	/* the interpreter (PCRE2's fallback without JIT) finds the same */
	{
		NaPatternSet *jit,
				   *interp;
		Collect		c2;
		bool		same = true;

		na_patterns_create(&na_malloc_allocator, &jit);
		st = na_patterns_create_ex(&na_malloc_allocator, false, &interp);
		CHECK(st == NA_OK && !na_patterns_jit(interp), "a set without JIT runs on the interpreter");
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			NaStatus	st2;

			scan(jit, cases[i].text, &c, &st);
			memcpy(&c2, &c, sizeof(c));
			scan(interp, cases[i].text, &c, &st2);
			if (st != st2 || strcmp(c.buf, c2.buf) != 0)
			{
				same = false;
				printf("# differs on \"%s\": \"%s\" vs \"%s\"\n", cases[i].text, c2.buf, c.buf);
			}
		}
		CHECK(same, "JIT and interpreter give the same matches on every case");
		na_patterns_add(interp, "EVIL", "(a+)+$", 6, err, sizeof(err));
		scan(interp, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", &c, &st);
		CHECK(st == NA_ERR_MATCH_LIMIT, "the interpreter stops at the match limit too");
		na_patterns_add(interp, "DEEP", "(?:a(?:b|(?:c|(?:d|e)))?)+z", strlen("(?:a(?:b|(?:c|(?:d|e)))?)+z"), err, sizeof(err));
		{
			size_t		n = 200000;
			char	   *t = malloc(n + 1);

			memset(t, 'a', n);
			t[n] = '\0';
			memset(&c, 0, sizeof(c));
			c.text = t;
			st = na_patterns_scan(interp, t, n, collect, &c, NULL);
			CHECK(st == NA_OK || st == NA_ERR_MATCH_LIMIT,
				  "a long repeated group on the interpreter ends (status %d)", (int) st);
			free(t);
		}
		na_patterns_destroy(jit);
		na_patterns_destroy(interp);
	}

	/* a DATE-only set finds the DATE matches of the full set */
	{
		NaPatternSet *all,
				   *dates;
		Collect		c2;
		bool		same = true;

		na_patterns_create(&na_malloc_allocator, &all);
		st = na_patterns_create_type(&na_malloc_allocator, "DATE", &dates);
		CHECK(st == NA_OK, "create a DATE-only set");
		CHECK(na_patterns_create_type(&na_malloc_allocator, "NOPE", &set) == NA_ERR_BAD_ARGUMENT && set == NULL,
			  "a type without builtin patterns is refused");
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			char		want[4096] = "";
			char	   *p = c.buf;

			scan(all, cases[i].text, &c, &st);
			/* keep the DATE matches of the full set */
			while (p && *p)
			{
				char	   *end = strstr(p, " | ");
				size_t		n = end ? (size_t) (end - p) : strlen(p);

				if (strncmp(p, "DATE:", 5) == 0)
				{
					if (want[0])
						strcat(want, " | ");
					strncat(want, p, n);
				}
				p = end ? end + 3 : NULL;
			}
			scan(dates, cases[i].text, &c2, &st);
			if (strcmp(c2.buf, want) != 0)
			{
				same = false;
				printf("# differs on \"%s\": \"%s\" vs \"%s\"\n", cases[i].text, want, c2.buf);
			}
		}
		CHECK(same, "the DATE-only set gives the full set's DATE matches on every case");
		na_patterns_destroy(all);
		na_patterns_destroy(dates);
	}

	/* the names subset: weekdays, months and currencies named after a
	 * country, as the full set finds them; none of the other patterns */
	{
		NaPatternSet *names;
		static const Case subset[] = {
			{"On Thursday Schlesinger said so.", "DATE:Thursday"},
			{"Henkel said in January that 12 March 2020 was late.",
			"DATE:January | DATE:12 March 2020"},
			{"It cost 5 mln Canadian dlrs, or 3 mln Canadian dollars.",
			"MONEY:5 mln Canadian dlrs | MONEY:3 mln Canadian dollars"},
			{"Fifty nine percent, 5% and five miles, at 10:30 GMT, www.example.com, a@b.org, $5bn.", ""},
		};

		st = na_patterns_create_names(&na_malloc_allocator, &names);
		CHECK(st == NA_OK, "create the names subset");
		for (size_t i = 0; i < sizeof(subset) / sizeof(subset[0]); i++)
		{
			scan(names, subset[i].text, &c, &st);
			CHECK(st == NA_OK && strcmp(c.buf, subset[i].want) == 0,
				  "names subset on \"%s\": \"%s\"", subset[i].text, c.buf);
		}
		na_patterns_destroy(names);
	}

	/* a long text: every match found, in order */
	{
		size_t		reps = 20000;
		const char *unit = "On Feb. 12 prices rose 3% to $5bn. ";
		size_t		ul = strlen(unit);
		char	   *t = malloc(reps * ul + 1);

		for (size_t i = 0; i < reps; i++)
			memcpy(t + i * ul, unit, ul);
		t[reps * ul] = '\0';
		na_patterns_create(&na_malloc_allocator, &set);
		memset(&c, 0, sizeof(c));
		c.text = t;
		c.ordered = true;
		st = na_patterns_scan(set, t, reps * ul, collect, &c, NULL);
		CHECK(st == NA_OK && c.count == 3 * reps && c.ordered,
			  "%zu matches in a %zu-byte text, in order", c.count, reps * ul);
		na_patterns_destroy(set);
		free(t);
	}
	return na_test_done();
}
