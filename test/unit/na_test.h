/*
 * na_test.h
 *		A very small table-friendly unit test harness for the core: each
 *		check prints one TAP line ("ok N - what" or "not ok N - what"), and
 *		na_test_done() returns the exit status.
 */
#ifndef NA_TEST_H
#define NA_TEST_H

#include <stdio.h>
#include <string.h>

/* each check is one TAP line; stdout is unbuffered so a sanitizer abort
 * loses none of them */

static int	na_test_count;
static int	na_test_failures;

#define CHECK(cond, ...) \
	do { \
		int c_ = (cond) ? 1 : 0; \
		na_test_count++; \
		if (c_) \
			printf("ok %d - ", na_test_count); \
		else \
		{ \
			na_test_failures++; \
			printf("not ok %d - ", na_test_count); \
		} \
		printf(__VA_ARGS__); \
		if (!c_) \
			printf("  [%s:%d: %s]", __FILE__, __LINE__, #cond); \
		printf("\n"); \
	} while (0)

#define CHECK_STR(got, want, ...) \
	do { \
		const char *g_ = (got); \
		const char *w_ = (want); \
		int ok_ = g_ && w_ && strcmp(g_, w_) == 0; \
		CHECK(ok_, __VA_ARGS__); \
		if (!ok_) \
			printf("#   got:  \"%s\"\n#   want: \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

__attribute__((constructor)) static void
na_test_unbuffered(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
}

static inline int
na_test_done(void)
{
	printf("1..%d\n", na_test_count);
	return na_test_failures ? 1 : 0;
}

#endif
