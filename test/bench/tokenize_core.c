/*
 * tokenize_core.c
 *		Core-only throughput of the scanner, the sentence splitter and the
 *		lexer, without a server: reads JSON lines, takes each "body" string,
 *		and reports MB/s on the process's CPU time (best of N runs).  For profiling with perf or
 *		callgrind.  Mode 2 ("tsvector") is news.tsvector's path: the lexer's
 *		slots into the distinct-term set, finished and laid out.
 *		Usage: [RUNS=n] [MODE=0|1|2] tokenize_core FILE.jsonl...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexemes.h"
#include "lexer.h"
#include "sentences.h"
#include "tokenizer.h"

#include "bench_corpus.h"

static size_t count;

static bool
on_term(const char *t, size_t len, const NaToken *tok, void *arg)
{
	count++;
	return true;
}

/* on_slot: news.tsvector's collection (src/pg/tsvector.c) without the server */
typedef struct Slots
{
	NaLexemes  *set;
	uint32_t	pos;
} Slots;

static bool
on_slot(const char *t, size_t len, const NaToken *tok, uint32_t *memo, void *arg)
{
	Slots	   *c = (Slots *) arg;

	if (tok->len > NA_LEX_MAX_TERM)
		return true;
	c->pos++;
	if (len > 0)
		na_lexemes_add_memo(c->set, t, len, c->pos, memo);
	return true;
}

/* tsvector_doc: the terms of one text laid out as news.tsvector does */
static void
tsvector_doc(NaLexer *lx, NaLexemes *set, const char *s, size_t len)
{
	static char *area;
	static NaLexemeRef *refs;
	static size_t carea,
				crefs;
	Slots		c = {set, 0};
	size_t		n,
				strbytes;

	na_lexemes_reset(set);
	na_lexer_slots(lx, s, len, on_slot, &c, NULL, NULL);
	if (na_lexemes_finish(set, &n, &strbytes) != NA_OK)
		return;
	if (strbytes > carea)
		area = realloc(area, carea = strbytes);
	if (n > crefs)
		refs = realloc(refs, (crefs = n) * sizeof(NaLexemeRef));
	memset(area, 0, strbytes);
	na_lexemes_write(set, area, refs);
	count += n;
}

static bool
on_token(const NaToken *tok, void *arg)
{
	count++;
	return true;
}

int
main(int argc, char **argv)
{
	static char line[1 << 22];
	size_t		bytes = 0;
	NaLexer    *lx;
	NaLexemes  *set;
	int			runs = getenv("RUNS") ? atoi(getenv("RUNS")) : 5;
	int			only = getenv("MODE") ? atoi(getenv("MODE")) : -1;

	for (int a = 1; a < argc; a++)
	{
		FILE	   *f = fopen(argv[a], "r");

		if (!f)
		{
			perror(argv[a]);
			return 1;
		}
		while (fgets(line, sizeof(line), f))
			add_body(line);
		fclose(f);
	}
	for (size_t i = 0; i < ndocs; i++)
		bytes += docs[i].len;
	printf("%zu documents, %.2f MB\n", ndocs, bytes / 1e6);
	if (na_lexer_create("english", &na_malloc_allocator, &lx) != NA_OK ||
		na_lexemes_create(&na_malloc_allocator, &set) != NA_OK)
		return 1;
	for (int mode = 0; mode < 3; mode++)
	{
		if (only >= 0 && mode != only)
			continue;
		double		best = 1e9;

		for (int r = 0; r < runs; r++)
		{
			double		t0 = now();

			count = 0;
			for (size_t i = 0; i < ndocs; i++)
			{
				if (mode == 0)
					na_scan(docs[i].s, docs[i].len, on_token, NULL, NULL, NULL);
				else if (mode == 1)
					na_lexer_terms(lx, docs[i].s, docs[i].len, on_term, NULL, NULL, NULL);
				else
					tsvector_doc(lx, set, docs[i].s, docs[i].len);
			}
			if (now() - t0 < best)
				best = now() - t0;
		}
		printf("%-16s %8.1f MB/s  %zu items\n",
			   mode == 0 ? "na_scan" : mode == 1 ? "na_lexer_terms" : "tsvector",
			   bytes / 1e6 / best, count);
	}
	na_lexemes_destroy(set);
	na_lexer_destroy(lx);
	return 0;
}
