/*
 * patterns_core_bench.c
 *		Core-only benchmark of the pattern layer: time to build a set (JIT
 *		and interpreter) and to scan one file with every builtin pattern,
 *		JIT-compiled next to PCRE2's interpreter (the fallback when the JIT
 *		is unavailable), same input, same run.  Used by patterns_core_bench.sh.
 */
#include "patterns.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static bool
count(const NaPatternMatch *m, void *arg)
{
	(*(size_t *) arg)++;
	return true;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	long		n;
	char	   *text;

	if (argc != 2 || !(f = fopen(argv[1], "rb")))
	{
		fprintf(stderr, "usage: patterns_core_bench FILE\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = malloc(n ? n : 1);
	if (!text || fread(text, 1, n, f) != (size_t) n)
		return 1;
	fclose(f);
	printf("%-12s | %9s | %8s | %7s | %8s\n", "engine", "create_ms", "matches", "scan_s", "mb_per_s");
	for (int jit = 1; jit >= 0; jit--)
	{
		NaPatternSet *set = NULL;
		size_t		matches = 0;
		double		t0,
					create_ms,
					scan_s;
		NaStatus	st;

		t0 = now();
		for (int i = 0; i < 20; i++)
		{
			if (set)
				na_patterns_destroy(set);
			if (na_patterns_create_ex(&na_malloc_allocator, jit, &set) != NA_OK)
				return 1;
		}
		create_ms = (now() - t0) / 20 * 1000;
		t0 = now();
		st = na_patterns_scan(set, text, (size_t) n, count, &matches, NULL);
		scan_s = now() - t0;
		if (st != NA_OK)
		{
			fprintf(stderr, "scan failed: %s\n", na_status_message(st));
			return 1;
		}
		printf("%-12s | %9.2f | %8zu | %7.3f | %8.1f\n", na_patterns_jit(set) ? "PCRE2 JIT" : "interpreter",
			   create_ms, matches, scan_s, n / 1048576.0 / scan_s);
		na_patterns_destroy(set);
	}
	free(text);
	return 0;
}
