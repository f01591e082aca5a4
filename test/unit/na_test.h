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

static int	na_test_count;
static int	na_test_failures;

#define CHECK(cond, ...) \
	do { \
		na_test_count++; \
		if (cond) \
			printf("ok %d - ", na_test_count); \
		else \
		{ \
			na_test_failures++; \
			printf("not ok %d - ", na_test_count); \
		} \
		printf(__VA_ARGS__); \
		if (!(cond)) \
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

static inline int
na_test_done(void)
{
	printf("1..%d\n", na_test_count);
	return na_test_failures ? 1 : 0;
}

#endif
