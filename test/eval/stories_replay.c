/*
 * test/eval/stories_replay.c
 *		The story assignment of news.stories_rebuild, replayed outside the
 *		server on exported articles, so that a change to src/core/stories.c
 *		can be scored in seconds instead of a rebuild in a cluster.
 *
 * test/eval/stories.sh builds and runs it with NA_STORIES_REPLAY=1 and
 * checks that it gives the rebuild's stories exactly.  By hand:
 *
 *	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc/core -o replay test/eval/stories_replay.c \
 *		src/core/stories.c src/core/termvec.c src/core/na_core.c -lm
 *	./replay stats.tsv items.tsv [threshold window_days entity_weight
 *		[merge_threshold merge_window_days]] > stories.tsv
 *
 * stats.tsv: one line, the corpus statistics of terms and of entities as
 * news.corpus text, separated by a tab (<t>_story_state.stats and
 * entity_stats after news.stories_rebuild).  items.tsv: one article a line
 * in publication order: id, publication time in seconds, news.story_vector
 * of its terms and news.story_entities of its entities, as termvec text
 * ('{}' when empty), tab-separated; further columns are ignored.
 * Settings default to the stored defaults (0.3, 3 days, 0.1).  With a merge
 * threshold, the stories are then merged as news.stories_maintain merges
 * them (stories as items, in order of their first article, against an empty
 * set).  Output: article id and story id, tab-separated, one line each.
 */
#include "stories.h"
#define STORIES_TSV_PROG "stories_replay"
#include "stories_tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* copy_item: a copy of a story from na_stories_get, whose views do not last. */
static NaStoryItem
copy_item(const NaStoryItem *o)
{
	NaStoryItem c = *o;
	const NaTermVec *v[2] = {&o->terms, &o->entities};
	NaTermVec  *w[2] = {&c.terms, &c.entities};

	for (int k = 0; k < 2; k++)
	{
		uint32_t   *ids = malloc((v[k]->nnz + 1) * sizeof(uint32_t));
		float	   *vals = malloc((v[k]->nnz + 1) * sizeof(float));

		if (!ids || !vals)
			die("out of memory");
		memcpy(ids, v[k]->ids, v[k]->nnz * sizeof(uint32_t));
		memcpy(vals, v[k]->vals, v[k]->nnz * sizeof(float));
		*w[k] = (NaTermVec) {v[k]->nnz, ids, vals};
	}
	return c;
}

static int
by_first(const void *a, const void *b)
{
	const NaStoryItem *x = a,
			   *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->id < y->id ? -1 : (x->id > y->id);
}

int
main(int argc, char **argv)
{
	NaStoryParams params = {0.3, 3 * 86400.0, 0.1};
	NaCorpusBuf tbuf,
				ebuf;
	NaCorpus	terms,
				ents;
	NaStories  *s;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	int64_t		next = 1,
			   *article = NULL,
			   *story = NULL;
	size_t		n = 0,
				ncap = 0;

	if (argc != 3 && argc != 6 && argc != 8)
		die("usage: stories_replay stats.tsv items.tsv [threshold window_days entity_weight [merge_threshold merge_window_days]]");
	if (argc >= 6)
		params = (NaStoryParams) {atof(argv[3]), atof(argv[4]) * 86400, atof(argv[5])};
	if (na_story_params_check(&params))
		die(na_story_params_check(&params));

	read_stats(argv[1], &tbuf, &ebuf, &terms, &ents);
	if (na_stories_create(&na_malloc_allocator, NULL, &params, &terms, &ents, &s) != NA_OK)
		die("cannot create the stories");

	if (!(f = fopen(argv[2], "r")))
		die("cannot read the items");
	while (getline(&line, &cap, f) >= 0)
	{
		char	   *col[4] = {line};
		NaStoryItem it;
		int64_t		id;
		double		score;
		bool		created;

		for (int k = 1; k < 4; k++)
		{
			if (!(col[k] = strchr(col[k - 1], '\t')))
				die("an item has fewer than four columns");
			*col[k]++ = '\0';
		}
		it.id = strtoll(col[0], NULL, 10);
		it.first = it.last = strtod(col[1], NULL);
		it.count = 1;
		it.terms = parse_termvec(col[2]);
		it.entities = parse_termvec(col[3]);
		if (na_stories_assign(s, &it, next, &id, &score, &created) != NA_OK)
			die("assignment failed");
		next += created;
		if (n == ncap)
		{
			ncap = ncap ? 2 * ncap : 4096;
			article = realloc(article, ncap * sizeof(int64_t));
			story = realloc(story, ncap * sizeof(int64_t));
			if (!article || !story)
				die("out of memory");
		}
		article[n] = it.id;
		story[n++] = id;
		free((void *) it.terms.ids);
		free((void *) it.terms.vals);
		free((void *) it.entities.ids);
		free((void *) it.entities.vals);
	}
	fclose(f);

	if (argc == 8)
	{
		NaStoryParams mp = {atof(argv[6]), atof(argv[7]) * 86400, params.entity_weight};
		uint32_t	ns = na_stories_count(s);
		NaStoryItem *its = malloc((ns + 1) * sizeof(NaStoryItem));
		int64_t    *from = malloc((ns + 1) * sizeof(int64_t)),
				   *to = malloc((ns + 1) * sizeof(int64_t));
		NaStories  *m;

		if (!its || !from || !to || na_story_params_check(&mp))
			die("bad merge settings");
		for (uint32_t i = 0; i < ns; i++)
		{
			NaStoryItem o;
			bool		changed;

			if (na_stories_get(s, i, &o, &changed) != NA_OK)
				die("cannot read a story");
			its[i] = copy_item(&o);
		}
		qsort(its, ns, sizeof(NaStoryItem), by_first);
		if (na_stories_create(&na_malloc_allocator, NULL, &mp, &terms, &ents, &m) != NA_OK)
			die("cannot create the merge");
		for (uint32_t i = 0; i < ns; i++)
		{
			double		score;
			bool		created;

			from[i] = its[i].id;
			if (na_stories_assign(m, &its[i], its[i].id, &to[i], &score, &created) != NA_OK)
				die("merge failed");
		}
		/* story ids are 1..next-1: map each to the story it merged into */
		{
			int64_t    *map = calloc((size_t) next + 1, sizeof(int64_t));

			if (!map)
				die("out of memory");
			for (uint32_t i = 0; i < ns; i++)
				map[from[i]] = to[i];
			for (size_t i = 0; i < n; i++)
				story[i] = map[story[i]];
		}
	}
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%lld\n", (long long) article[i], (long long) story[i]);
	return 0;
}
