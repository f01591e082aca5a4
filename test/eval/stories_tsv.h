/*
 * test/eval/stories_tsv.h
 *		Reading the exports of test/eval/stories.sh (NA_STORIES_REPLAY=1):
 *		termvec and news.corpus text.  Shared by the programs of test/eval
 *		that score stories outside the server (stories_replay.c,
 *		stories_pairs.c); define STORIES_TSV_PROG, the program's name for
 *		its messages, before including it.
 */
#ifndef STORIES_TSV_H
#define STORIES_TSV_H

#include "termvec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
die(const char *what)
{
	fprintf(stderr, "%s: %s\n", STORIES_TSV_PROG, what);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* parse_termvec: termvec text "{id:value,...}" into fresh arrays. */
static NaTermVec
parse_termvec(const char *s)
{
	uint32_t	cap = 16,
				n = 0;
	uint32_t   *ids = xmalloc(cap * sizeof(uint32_t));
	float	   *vals = xmalloc(cap * sizeof(float));
	const char *p = strchr(s, '{');

	if (!p)
		die("bad vector");
	for (p++; *p && *p != '}';)
	{
		char	   *e;
		unsigned long id = strtoul(p, &e, 10);

		if (*e != ':')
			die("bad vector");
		if (n == cap)
		{
			cap *= 2;
			ids = realloc(ids, cap * sizeof(uint32_t));
			vals = realloc(vals, cap * sizeof(float));
			if (!ids || !vals)
				die("out of memory");
		}
		ids[n] = (uint32_t) id;
		vals[n] = strtof(e + 1, &e);
		n++;
		p = *e == ',' ? e + 1 : e;
	}
	return (NaTermVec) {n, ids, vals};
}

static NaCorpus
parse_corpus(const char *s, NaCorpusBuf *buf)
{
	char		err[256];

	if (na_corpus_parse(s, strlen(s), &na_malloc_allocator, NULL, buf, err, sizeof err) != NA_OK)
		die(err);
	return (NaCorpus) {buf->nterms, buf->ndocs, buf->length, buf->ids, buf->dfs};
}

/*
 * read_stats: the statistics file, one line: the corpus statistics of terms
 * and of entities as news.corpus text, separated by a tab.
 */
static void
read_stats(const char *path, NaCorpusBuf *tbuf, NaCorpusBuf *ebuf, NaCorpus *terms, NaCorpus *ents)
{
	FILE	   *f;
	char	   *line = NULL,
			   *tab;
	size_t		cap = 0;

	if (!(f = fopen(path, "r")) || getline(&line, &cap, f) < 0 || !(tab = strchr(line, '\t')))
		die("cannot read the statistics");
	fclose(f);
	*tab = '\0';
	tab[1 + strcspn(tab + 1, "\n")] = '\0';
	*terms = parse_corpus(line, tbuf);
	*ents = parse_corpus(tab + 1, ebuf);
	free(line);
}

#endif							/* STORIES_TSV_H */
