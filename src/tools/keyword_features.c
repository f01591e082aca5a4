/*
 * keyword_features.c
 *		Build tool: the candidates of news.keywords with the features its
 *		model reads, for training the model (gen_keyword_model.py) and for
 *		ranking texts outside the server.
 *
 *	keyword_features features < texts	one line per candidate:
 *		text number (from 0) TAB surface form TAB kind TAB feature values
 *		TAB the term ids of its words, separated by spaces
 *	keyword_features candidates < texts	the same lines for the candidates
 *		left after all the merging of news.keywords (those its final
 *		selection chooses from: test/eval/keywords.py ceiling)
 *	keyword_features rank N < texts		the N keyphrases of each text as
 *		news.keywords ranks them: text number TAB phrase TAB score
 *
 * Texts are separated by NUL bytes on standard input.  Candidates are
 * scored with the model compiled in (src/core/gen_keyword_model.inc);
 * rarity comes from the built-in background frequencies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"

typedef struct Out
{
	long		doc;
} Out;

static void
print_phrase(const NaKeyphrase *kp)
{
	for (size_t i = 0; i < kp->phrase_len; i++)
	{
		char		c = kp->phrase[i];

		putchar(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
	}
}

static bool
feature_row(const NaKeyphrase *kp, const float *f, const uint32_t *ids, int nids, void *arg)
{
	Out		   *o = arg;

	printf("%ld\t", o->doc);
	print_phrase(kp);
	printf("\t%s", na_keyphrase_kind_name(kp->kind));
	for (int i = 0; i < NA_KW_NFEATURES; i++)
		printf("\t%.9g", f[i]);
	putchar('\t');
	for (int i = 0; i < nids; i++)
		printf(i ? " %u" : "%u", ids[i]);
	putchar('\n');
	return true;
}

static bool
rank_row(const NaKeyphrase *kp, void *arg)
{
	Out		   *o = arg;

	printf("%ld\t", o->doc);
	print_phrase(kp);
	printf("\t%.6f\n", kp->score);
	return true;
}

static void
check(NaStatus st)
{
	if (st != NA_OK)
	{
		fprintf(stderr, "keyword_features: %s\n", na_status_message(st));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	const NaAllocator *alloc = &na_malloc_allocator;
	bool		rank;
	bool		merged;
	long		n = 10;
	NaLexer    *lx;
	char	   *buf = NULL;
	size_t		cap = 0;
	Out			o = {0};
	int			c;

	if (argc < 2 || (strcmp(argv[1], "features") != 0 && strcmp(argv[1], "rank") != 0 &&
					 strcmp(argv[1], "candidates") != 0))
	{
		fprintf(stderr, "usage: keyword_features features|candidates|rank [N] < texts\n");
		return 2;
	}
	rank = strcmp(argv[1], "rank") == 0;
	merged = strcmp(argv[1], "candidates") == 0;
	if (argc > 2)
		n = atol(argv[2]);
	check(na_lexer_create("english", alloc, &lx));
	for (;;)
	{
		size_t		len = 0;
		NaDoc	   *doc;
		NaKeywords *kw;
		NaStatus	st;

		while ((c = getchar()) != EOF && c != 0)
		{
			if (len + 1 >= cap)
			{
				cap = cap ? cap * 2 : 65536;
				buf = realloc(buf, cap);
				if (!buf)
					return 1;
			}
			buf[len++] = (char) c;
		}
		if (c == EOF && len == 0)
			break;
		check(na_doc_create(buf, len, NA_DOC_SENTENCES | NA_DOC_NORMS, alloc, NULL, &doc));
		check(na_keywords_create(doc, lx, alloc, NULL, &kw));
		while ((st = na_doc_next(doc)) == NA_OK && na_doc_ntokens(doc) > 0)
			check(na_keywords_window(kw));
		check(st);
		if (rank)
			check(na_keywords_finish(kw, NULL, (uint32_t) n, rank_row, &o));
		else if (merged)
			check(na_keywords_candidates(kw, NULL, feature_row, &o));
		else
			check(na_keywords_features(kw, NULL, feature_row, &o));
		na_keywords_destroy(kw);
		na_doc_destroy(doc);
		o.doc++;
		if (c == EOF)
			break;
	}
	na_lexer_destroy(lx);
	free(buf);
	return 0;
}
