/*
 * keywords_core.c
 *		Core-only throughput of keyphrases and summaries, without a server:
 *		reads JSON lines, takes each "body" string, and runs
 *		na_keywords_extract (10 phrases, background corpus), na_summary_extract
 *		(3 sentences) and the analysed document alone (NA_DOC_SENTENCES |
 *		NA_DOC_NORMS), reporting MB/s on the process's CPU time (best of N
 *		runs) and a hash of every output field, so that two builds can be
 *		shown to give the same results.  For perf and callgrind.
 *		Usage: [RUNS=n] [MODE=0|1|2] keywords_core FILE.jsonl...
 *		Build: cc -O2 -Isrc/core -o keywords_core test/bench/keywords_core.c
 *			src/core/[a-z]*.c $(make -s print-libs)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "keywords.h"
#include "lexer.h"
#include "summary.h"

#include "bench_corpus.h"

static size_t count;

/* outputs folded into one hash, so two builds can be compared */
static uint64_t hash = UINT64_C(1469598103934665603);

static void
fold(const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		hash = (hash ^ s[i]) * UINT64_C(1099511628211);
}

static bool
on_keyphrase(const NaKeyphrase *kp, void *arg)
{
	uint64_t	f[8] = {kp->phrase_len, kp->count, kp->kind, kp->start, kp->cstart, kp->clen,
	kp->sentence, kp->key};

	fold(kp->phrase, kp->phrase_len);
	fold(&kp->score, sizeof(kp->score));
	fold(f, sizeof(f));
	count++;
	return true;
}

static bool
on_sentence(const NaSummarySentence *s, void *arg)
{
	uint64_t	f[5] = {s->number, s->len, s->start, s->cstart, s->clen};

	fold(s->text, s->len);
	fold(&s->score, sizeof(s->score));
	fold(f, sizeof(f));
	count++;
	return true;
}

int
main(int argc, char **argv)
{
	static char line[1 << 22];
	size_t		bytes = 0;
	NaLexer    *lx;
	int			runs = getenv("RUNS") ? atoi(getenv("RUNS")) : 5;
	int			only = getenv("MODE") ? atoi(getenv("MODE")) : -1;
	static const char *const names[] = {"keywords", "summary", "doc"};

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
	if (na_lexer_create("english", &na_malloc_allocator, &lx) != NA_OK)
		return 1;
	for (int mode = 0; mode < 3; mode++)
	{
		double		best = 1e9;

		if (only >= 0 && mode != only)
			continue;
		for (int r = 0; r < runs; r++)
		{
			double		t0 = now();

			hash = UINT64_C(1469598103934665603);
			count = 0;
			for (size_t i = 0; i < ndocs; i++)
			{
				NaStatus	st = NA_OK;

				if (mode == 0)
					st = na_keywords_extract(docs[i].s, docs[i].len, lx, NULL, 10, on_keyphrase, NULL,
											 &na_malloc_allocator, NULL, NULL);
				else if (mode == 1)
					st = na_summary_extract(docs[i].s, docs[i].len, lx, NULL, 3, on_sentence, NULL,
											&na_malloc_allocator, NULL, NULL);
				else
				{
					NaDoc	   *doc;

					st = na_doc_create(docs[i].s, docs[i].len, NA_DOC_SENTENCES | NA_DOC_NORMS,
									   &na_malloc_allocator, NULL, &doc);
					while (st == NA_OK && (st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
						count += na_doc_ntokens(doc);
					na_doc_destroy(doc);
				}
				if (st != NA_OK)
					fold(&st, sizeof(st));
			}
			t0 = now() - t0;
			if (t0 < best)
				best = t0;
		}
		printf("%-10s %8.1f ms %7.1f MB/s  %zu outputs  hash %016llx\n", names[mode], best * 1e3,
			   bytes / 1e6 / best, count, (unsigned long long) hash);
	}
	return 0;
}
