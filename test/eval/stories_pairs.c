/*
 * test/eval/stories_pairs.c
 *		A fragment-pair merge of the rebuild's stories, scored outside the
 *		server: features of every pair of stories within a window, a
 *		logistic regression fitted on the dev split's pairs (or fixed linear
 *		weights), then an agglomeration under an average- or complete-link
 *		constraint over the original stories (so no story grows by a chain
 *		of pairwise links), with BCubed over the labelled items.
 *
 *	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc/core -o pairs test/eval/stories_pairs.c \
 *		src/core/stories.c src/core/termvec.c src/core/na_core.c -lm
 *	./pairs stats.tsv items.tsv titles.tsv stories.tsv labels.tsv
 *
 * The inputs are what test/eval/stories.sh exports with NA_STORIES_REPLAY=1
 * (replay_stats.tsv, replay_items.tsv, replay_titles.tsv, and the replay's
 * own output replay.tsv: the rebuild's stories) and
 * test/eval/stories_labels.tsv.  Dev: items published before 21 March 1987.
 * Deterministic: no sampling, pairs in a fixed order.
 *
 * Pairs: two stories whose spans come within PAIRS_WINDOW days (7) and
 * whose term centroids have a cosine of 0.05 or more.  Features: the
 * cosines of the idf-weighted term, entity and title centroids (titles:
 * the sum of the members' news.story_vector(news.termvec(title))), the part
 * of the term cosine from terms of idf >= PAIRS_RARE (4.5) over the full
 * lengths, the gap over the window, ln of the smaller size and of the size
 * ratio, the pair's term cosine over each side's best, whether each is
 * the other's best, and the article kNN links (each article's 5 nearest
 * articles of other stories within 3 days by tf-idf cosine: the links
 * between the two stories over 10 times the smaller one's size).  Labelled pairs: both stories hold labelled items of
 * one split; positive when their majority labels agree.  The model is a
 * logistic regression on the dev pairs (classes weighted to balance, L2
 * PAIRS_L2, 0.001), or PAIRS_LINEAR="terms entities titles rare [kNN]"
 * weights.
 * The merge takes the pairs reaching a threshold (PAIRS_THRESHOLDS, a list)
 * best first and joins two groups of stories only when the mean (average
 * link) or the least (complete link) score over every pair of their
 * stories reaches it, a pair never scored counting 0; PAIRS_MAXDAYS bounds
 * a group's span.  PAIRS_BLOCK=k keeps only the pairs whose k entities of
 * highest idf-weighted count meet (a blocking key).  PAIRS_DIAG=1 prints how the same-label partners rank;
 * PAIRS_OUT writes the first threshold's average-link stories.
 */
#include "stories.h"
#define STORIES_TSV_PROG "stories_pairs"
#include "stories_tsv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEV_END 543283200.0		/* 1987-03-21 00:00 UTC */
#define NF 12				/* features, with the bias */
#define KNN 5				/* nearest articles of other stories */

typedef struct Vec
{
	uint32_t	n;
	uint32_t   *ids;
	float	   *vals;
} Vec;

/* parse_vec: stories_tsv.h's, as a Vec */
static Vec
parse_vec(const char *s)
{
	NaTermVec	t = parse_termvec(s);

	return (Vec) {t.nnz, (uint32_t *) t.ids, (float *) t.vals};
}

/* a dense accumulator over uint32 ids: open addressing */
typedef struct Acc
{
	uint32_t	cap;
	uint32_t   *keys;
	double	   *vals;
	uint8_t    *used;
	uint32_t   *slots;
	uint32_t	nslots;
} Acc;

static void
acc_init(Acc *a, uint32_t cap)
{
	a->cap = cap;
	a->keys = xmalloc(cap * sizeof(uint32_t));
	a->vals = xmalloc(cap * sizeof(double));
	a->used = calloc(cap, 1);
	a->slots = xmalloc(cap * sizeof(uint32_t));
	a->nslots = 0;
	if (!a->used)
		die("out of memory");
}

static double *
acc_at(Acc *a, uint32_t key)
{
	uint32_t	h = (key * 2654435761u) & (a->cap - 1);

	while (a->used[h] && a->keys[h] != key)
		h = (h + 1) & (a->cap - 1);
	if (!a->used[h])
	{
		if (a->nslots >= a->cap / 2)
			die("accumulator full");
		a->used[h] = 1;
		a->keys[h] = key;
		a->vals[h] = 0;
		a->slots[a->nslots++] = h;
	}
	return &a->vals[h];
}

static double
acc_get(const Acc *a, uint32_t key)
{
	uint32_t	h = (key * 2654435761u) & (a->cap - 1);

	while (a->used[h])
	{
		if (a->keys[h] == key)
			return a->vals[h];
		h = (h + 1) & (a->cap - 1);
	}
	return 0;
}

static void
acc_clear(Acc *a)
{
	for (uint32_t i = 0; i < a->nslots; i++)
		a->used[a->slots[i]] = 0;
	a->nslots = 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return x < y ? -1 : x > y;
}

/* the idf-weighted, unit-length form of an accumulated sum */
static Vec
acc_to_vec(Acc *a, const NaCorpus *c, double min_idf, double *full_norm)
{
	Vec			v;
	double		norm = 0;
	uint32_t	n = 0;
	uint32_t   *keys = xmalloc((a->nslots + 1) * sizeof(uint32_t));

	for (uint32_t i = 0; i < a->nslots; i++)
		keys[i] = a->keys[a->slots[i]];
	qsort(keys, a->nslots, sizeof(uint32_t), cmp_u32);
	v.ids = xmalloc((a->nslots + 1) * sizeof(uint32_t));
	v.vals = xmalloc((a->nslots + 1) * sizeof(float));
	for (uint32_t i = 0; i < a->nslots; i++)
	{
		double		idf = na_idf(c->ndocs, na_corpus_df(c, keys[i]));
		double		w = idf * acc_get(a, keys[i]);

		norm += w * w;
		if (idf >= min_idf && fabs(w) > 1e-9)
		{
			v.ids[n] = keys[i];
			v.vals[n++] = (float) w;
		}
	}
	v.n = n;
	norm = sqrt(norm);
	if (full_norm)
		*full_norm = norm;
	for (uint32_t i = 0; i < n; i++)
		v.vals[i] = norm > 0 ? (float) (v.vals[i] / norm) : 0;
	free(keys);
	return v;
}

static double
dot(const Vec *a, const Vec *b)
{
	uint32_t	i = 0,
				j = 0;
	double		d = 0;

	while (i < a->n && j < b->n)
	{
		if (a->ids[i] < b->ids[j])
			i++;
		else if (b->ids[j] < a->ids[i])
			j++;
		else
			d += (double) a->vals[i++] * b->vals[j++];
	}
	return d;
}

typedef struct Art
{
	int64_t		id;
	double		t;
	Vec			terms,
				ents,
				title;
	int64_t		story;
	int			label;			/* -1: unlabelled */
	int			dev;
} Art;

typedef struct Story
{
	int64_t		id;
	double		first,
				last;
	uint32_t	n;
	uint32_t   *members;		/* article indexes */
	Vec			t,
				e,
				ti,
				rare;
	int			label;			/* majority label of the labelled members, -1 */
	int			split;			/* 0 dev, 1 test, -1 none */
} Story;

typedef struct Pair
{
	uint32_t	a,
				b;
	double		f[NF];
	double		p;
} Pair;

static Art *arts;
static size_t narts;
static Story *stories;
static uint32_t nstories;
static char **labnames;
static int nlabs;

static int
label_of(const char *name)
{
	for (int i = 0; i < nlabs; i++)
		if (strcmp(labnames[i], name) == 0)
			return i;
	labnames = realloc(labnames, (nlabs + 1) * sizeof(char *));
	labnames[nlabs] = strdup(name);
	return nlabs++;
}

static int
by_art_id(const void *a, const void *b)
{
	int64_t		x = ((const Art *) a)->id,
				y = ((const Art *) b)->id;

	return x < y ? -1 : x > y;
}

static Art *
find_art(int64_t id)
{
	Art			key = {.id = id};

	return bsearch(&key, arts, narts, sizeof(Art), by_art_id);
}

/* BCubed over the labelled items of a split, for a story of every article */
static void
bcubed(const uint32_t *cluster, int split, double *p, double *r, double *f)
{
	double		sp = 0,
				sr = 0;
	size_t		m = 0;

	for (size_t i = 0; i < narts; i++)
	{
		size_t		both = 0,
					cs = 0,
					gs = 0;

		if (arts[i].label < 0 || arts[i].dev != (split == 0))
			continue;
		for (size_t j = 0; j < narts; j++)
		{
			if (arts[j].label < 0 || arts[j].dev != arts[i].dev)
				continue;
			bool		sc = cluster[j] == cluster[i],
						sg = arts[j].label == arts[i].label;

			cs += sc;
			gs += sg;
			both += sc && sg;
		}
		sp += (double) both / cs;
		sr += (double) both / gs;
		m++;
	}
	*p = sp / m;
	*r = sr / m;
	*f = 2 * *p * *r / (*p + *r);
}

static double
sigmoid(double x)
{
	return 1 / (1 + exp(-x));
}

/* Newton's method for L2-regularized, class-weighted logistic regression */
static void
fit(Pair *pairs, size_t np, const uint8_t *use, const uint8_t *y, double l2, double *w)
{
	double		npos = 0,
				nneg = 0;

	for (size_t i = 0; i < np; i++)
		if (use[i])
			*(y[i] ? &npos : &nneg) += 1;
	for (int k = 0; k < NF; k++)
		w[k] = 0;
	for (int it = 0; it < 30; it++)
	{
		double		g[NF] = {0},
					H[NF][NF + 1] = {{0}};

		for (size_t i = 0; i < np; i++)
		{
			if (!use[i])
				continue;
			double		z = 0,
						cw = y[i] ? (npos + nneg) / (2 * npos) : (npos + nneg) / (2 * nneg);

			for (int k = 0; k < NF; k++)
				z += w[k] * pairs[i].f[k];
			double		q = sigmoid(z);

			for (int k = 0; k < NF; k++)
			{
				g[k] += cw * (q - y[i]) * pairs[i].f[k];
				for (int l = 0; l < NF; l++)
					H[k][l] += cw * q * (1 - q) * pairs[i].f[k] * pairs[i].f[l];
			}
		}
		for (int k = 1; k < NF; k++)
		{
			g[k] += l2 * (npos + nneg) * w[k];
			H[k][k] += l2 * (npos + nneg);
		}
		for (int k = 0; k < NF; k++)
			H[k][NF] = g[k];
		/* solve H d = g by Gauss-Jordan with partial pivoting */
		for (int c = 0; c < NF; c++)
		{
			int			piv = c;

			for (int r = c + 1; r < NF; r++)
				if (fabs(H[r][c]) > fabs(H[piv][c]))
					piv = r;
			for (int l = 0; l <= NF; l++)
			{
				double		t = H[c][l];

				H[c][l] = H[piv][l];
				H[piv][l] = t;
			}
			if (fabs(H[c][c]) < 1e-12)
				continue;
			for (int r = 0; r < NF; r++)
			{
				if (r == c)
					continue;
				double		m = H[r][c] / H[c][c];

				for (int l = c; l <= NF; l++)
					H[r][l] -= m * H[c][l];
			}
		}
		for (int k = 0; k < NF; k++)
			if (fabs(H[k][k]) > 1e-12)
				w[k] -= H[k][NF] / H[k][k];
	}
}

/* AUC of the scores p over the used pairs */
static int
by_p(const void *a, const void *b)
{
	double		x = ((const double *) a)[0],
				y = ((const double *) b)[0];

	return x < y ? -1 : x > y;
}

static double
auc(const Pair *pairs, size_t np, const uint8_t *use, const uint8_t *y, const double *score)
{
	double	   *s = xmalloc(np * 2 * sizeof(double));
	size_t		m = 0;
	double		npos = 0,
				rank = 0;

	for (size_t i = 0; i < np; i++)
		if (use[i])
		{
			s[2 * m] = score[i];
			s[2 * m + 1] = y[i];
			m++;
		}
	qsort(s, m, 2 * sizeof(double), by_p);
	for (size_t i = 0; i < m;)
	{
		size_t		j = i;

		while (j < m && s[2 * j] == s[2 * i])
			j++;
		for (size_t k = i; k < j; k++)
			if (s[2 * k + 1] > 0)
			{
				rank += (i + j + 1) / 2.0;
				npos++;
			}
		i = j;
	}
	free(s);
	return (rank - npos * (npos + 1) / 2) / (npos * (m - npos));
}

/* ---- agglomeration under a linkage constraint ---- */
static uint32_t *uf;

static uint32_t
root(uint32_t x)
{
	while (uf[x] != x)
		x = uf[x] = uf[uf[x]];
	return x;
}

static int
by_pair_p(const void *a, const void *b)
{
	const Pair *x = *(Pair *const *) a,
			   *y = *(Pair *const *) b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* pair score lookup: per story, a sorted list of (other, p) */
typedef struct Nb
{
	uint32_t	o;
	float		p;
} Nb;
static Nb **nbs;
static uint32_t *nnb;

static int
by_nb(const void *a, const void *b)
{
	uint32_t	x = ((const Nb *) a)->o,
				y = ((const Nb *) b)->o;

	return x < y ? -1 : x > y;
}

static double
pscore(uint32_t a, uint32_t b)
{
	Nb			key = {b, 0};
	Nb		   *h = bsearch(&key, nbs[a], nnb[a], sizeof(Nb), by_nb);

	return h ? h->p : 0;
}

/*
 * merge: pairs of p >= th in order of p; two groups merge when their
 * linkage (0 average, 1 complete: the mean or the least p over every pair
 * of their original stories, a pair never scored counting 0) reaches th.
 */
static void
merge(Pair *pairs, size_t np, double th, int linkage, double maxdays, uint32_t *cluster_of_art,
	  uint32_t *largest)
{
	Pair	  **ord = xmalloc((np + 1) * sizeof(Pair *));
	size_t		m = 0;
	uint32_t  **grp = xmalloc(nstories * sizeof(uint32_t *));
	uint32_t   *gn = xmalloc(nstories * sizeof(uint32_t));
	double	   *gfirst = xmalloc(nstories * sizeof(double)),
			   *glast = xmalloc(nstories * sizeof(double));

	uf = xmalloc(nstories * sizeof(uint32_t));
	for (uint32_t i = 0; i < nstories; i++)
	{
		uf[i] = i;
		grp[i] = xmalloc(sizeof(uint32_t));
		grp[i][0] = i;
		gn[i] = 1;
		gfirst[i] = stories[i].first;
		glast[i] = stories[i].last;
	}
	for (size_t i = 0; i < np; i++)
		if (pairs[i].p >= th)
			ord[m++] = &pairs[i];
	qsort(ord, m, sizeof(Pair *), by_pair_p);
	for (size_t k = 0; k < m; k++)
	{
		uint32_t	x = root(ord[k]->a),
					y = root(ord[k]->b);
		double		sum = 0,
					least = 1;

		if (x == y)
			continue;
		/* the merged group's span is bounded too */
		if (maxdays > 0 && (fmax(glast[x], glast[y]) - fmin(gfirst[x], gfirst[y])) > maxdays * 86400)
			continue;
		for (uint32_t i = 0; i < gn[x]; i++)
			for (uint32_t j = 0; j < gn[y]; j++)
			{
				double		q = pscore(grp[x][i], grp[y][j]);

				sum += q;
				if (q < least)
					least = q;
			}
		if ((linkage == 0 ? sum / ((double) gn[x] * gn[y]) : least) < th)
			continue;
		if (gn[x] < gn[y])
		{
			uint32_t	t = x;

			x = y;
			y = t;
		}
		grp[x] = realloc(grp[x], (gn[x] + gn[y]) * sizeof(uint32_t));
		memcpy(grp[x] + gn[x], grp[y], gn[y] * sizeof(uint32_t));
		gn[x] += gn[y];
		gfirst[x] = fmin(gfirst[x], gfirst[y]);
		glast[x] = fmax(glast[x], glast[y]);
		uf[y] = x;
	}
	*largest = 0;
	{
		uint32_t   *arts_in = calloc(nstories, sizeof(uint32_t));

		for (uint32_t i = 0; i < nstories; i++)
			arts_in[root(i)] += stories[i].n;
		for (uint32_t i = 0; i < nstories; i++)
			if (arts_in[i] > *largest)
				*largest = arts_in[i];
		free(arts_in);
	}
	for (size_t i = 0; i < narts; i++)
		cluster_of_art[i] = root((uint32_t) arts[i].story);
	for (uint32_t i = 0; i < nstories; i++)
		free(grp[i]);
	free(grp);
	free(gn);
	free(gfirst);
	free(glast);
	free(ord);
	free(uf);
}

static int
by_first(const void *a, const void *b)
{
	const Story *x = &stories[*(const uint32_t *) a],
			   *y = &stories[*(const uint32_t *) b];

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return *(const uint32_t *) a < *(const uint32_t *) b ? -1 : 1;
}

/* share_top: the two stories' k entities of highest idf-weighted count share one */
static bool
share_top(const Story *a, const Story *b, int k)
{
	uint32_t	ta[16],
				tb[16];
	int			na = 0,
				nb = 0;
	const Story *s[2] = {a, b};
	uint32_t   *t[2] = {ta, tb};
	int		   *n[2] = {&na, &nb};

	for (int x = 0; x < 2; x++)
		for (int r = 0; r < k && r < 16; r++)
		{
			int			best = -1;

			for (uint32_t i = 0; i < s[x]->e.n; i++)
			{
				bool		taken = false;

				for (int q = 0; q < *n[x]; q++)
					taken |= t[x][q] == s[x]->e.ids[i];
				if (!taken && (best < 0 || s[x]->e.vals[i] > s[x]->e.vals[best]))
					best = (int) i;
			}
			if (best < 0)
				break;
			t[x][(*n[x])++] = s[x]->e.ids[best];
		}
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (ta[i] == tb[j])
				return true;
	return false;
}

static int
by_time(const void *a, const void *b)
{
	const Art  *x = &arts[*(const uint32_t *) a],
			   *y = &arts[*(const uint32_t *) b];

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static const char *fname[NF] = {"bias", "terms", "entities", "titles", "rare terms", "gap/window",
"ln(small)", "ln(large/small)", "share of a's best", "share of b's best", "mutual best", "article kNN links"};

int
main(int argc, char **argv)
{
	NaCorpusBuf tbuf,
				ebuf;
	NaCorpus	terms,
				ents;
	FILE	   *f;
	char	   *line = NULL,
			   *tab;
	size_t		cap = 0,
				acap = 0;
	double		window = 7;		/* days */
	double		rare_idf = 4.5;
	int			block = 0;		/* PAIRS_BLOCK: top entities that must meet */

	if (argc < 6)
		die("usage: stories_pairs stats.tsv items.tsv titles.tsv stories.tsv labels.tsv");
	if (getenv("PAIRS_WINDOW"))
		window = atof(getenv("PAIRS_WINDOW"));
	if (getenv("PAIRS_BLOCK"))
		block = atoi(getenv("PAIRS_BLOCK"));
	if (getenv("PAIRS_RARE"))
		rare_idf = atof(getenv("PAIRS_RARE"));

	read_stats(argv[1], &tbuf, &ebuf, &terms, &ents);

	/* articles */
	if (!(f = fopen(argv[2], "r")))
		die("cannot read the items");
	while (getline(&line, &cap, f) >= 0)
	{
		char	   *col[4] = {line};

		for (int k = 1; k < 4; k++)
		{
			if (!(col[k] = strchr(col[k - 1], '\t')))
				die("an item has fewer than four columns");
			*col[k]++ = '\0';
		}
		if (narts == acap)
		{
			acap = acap ? 2 * acap : 4096;
			arts = realloc(arts, acap * sizeof(Art));
		}
		memset(&arts[narts], 0, sizeof(Art));
		arts[narts].id = strtoll(col[0], NULL, 10);
		arts[narts].t = strtod(col[1], NULL);
		arts[narts].terms = parse_vec(col[2]);
		arts[narts].ents = parse_vec(col[3]);
		arts[narts].label = -1;
		arts[narts].story = -1;
		arts[narts].dev = arts[narts].t < DEV_END;
		narts++;
	}
	fclose(f);
	qsort(arts, narts, sizeof(Art), by_art_id);
	if (!(f = fopen(argv[3], "r")))
		die("cannot read the titles");
	while (getline(&line, &cap, f) >= 0)
	{
		Art		   *a = find_art(strtoll(line, &tab, 10));

		if (a)
			a->title = parse_vec(tab);
	}
	fclose(f);
	/* stories: article id, story id; renumbered 0.. */
	{
		int64_t		maxs = 0;
		int64_t    *map;

		if (!(f = fopen(argv[4], "r")))
			die("cannot read the stories");
		while (getline(&line, &cap, f) >= 0)
		{
			Art		   *a = find_art(strtoll(line, &tab, 10));

			if (!a)
				die("a story member is not an item");
			a->story = strtoll(tab, NULL, 10);
			if (a->story > maxs)
				maxs = a->story;
		}
		fclose(f);
		map = xmalloc((maxs + 1) * sizeof(int64_t));
		for (int64_t i = 0; i <= maxs; i++)
			map[i] = -1;
		for (size_t i = 0; i < narts; i++)
		{
			if (arts[i].story < 0)
				die("an item has no story");
			if (map[arts[i].story] < 0)
				map[arts[i].story] = nstories++;
			arts[i].story = map[arts[i].story];
		}
		free(map);
	}
	if (!(f = fopen(argv[5], "r")))
		die("cannot read the labels");
	while (getline(&line, &cap, f) >= 0)
	{
		char	   *p = strchr(line, '-');

		if (line[0] == '#' || !p || !(tab = strchr(line, '\t')))
			continue;
		tab[1 + strcspn(tab + 1, "\n")] = '\0';
		Art		   *a = find_art(strtoll(p + 1, NULL, 10));

		if (a)
			a->label = label_of(tab + 1);
	}
	fclose(f);

	/* stories: members, spans, vectors */
	stories = calloc(nstories, sizeof(Story));
	for (size_t i = 0; i < narts; i++)
	{
		Story	   *s = &stories[arts[i].story];

		if (s->n == 0)
			s->first = s->last = arts[i].t;
		s->first = fmin(s->first, arts[i].t);
		s->last = fmax(s->last, arts[i].t);
		s->members = realloc(s->members, (s->n + 1) * sizeof(uint32_t));
		s->members[s->n++] = (uint32_t) i;
	}
	{
		Acc			acc;
		int		   *cnt = calloc(nlabs + 1, sizeof(int));

		acc_init(&acc, 1u << 20);
		for (uint32_t k = 0; k < nstories; k++)
		{
			Story	   *s = &stories[k];
			int			best = -1,
						nl = 0;

			for (int pass = 0; pass < 3; pass++)
			{
				for (uint32_t m = 0; m < s->n; m++)
				{
					Vec		   *v = pass == 0 ? &arts[s->members[m]].terms :
						pass == 1 ? &arts[s->members[m]].ents : &arts[s->members[m]].title;

					for (uint32_t j = 0; j < v->n; j++)
						*acc_at(&acc, v->ids[j]) += v->vals[j];
				}
				if (pass == 0)
				{
					s->t = acc_to_vec(&acc, &terms, 0, NULL);
					s->rare = acc_to_vec(&acc, &terms, rare_idf, NULL);
					/* rare terms over the full length: story10's lead */
				}
				else if (pass == 1)
					s->e = acc_to_vec(&acc, &ents, 0, NULL);
				else
					s->ti = acc_to_vec(&acc, &terms, 0, NULL);
				acc_clear(&acc);
			}
			memset(cnt, 0, (nlabs + 1) * sizeof(int));
			s->split = -1;
			for (uint32_t m = 0; m < s->n; m++)
			{
				Art		   *a = &arts[s->members[m]];

				if (a->label < 0)
					continue;
				cnt[a->label]++;
				nl++;
				s->split = a->dev ? 0 : 1;
				if (best < 0 || cnt[a->label] > cnt[best] ||
					(cnt[a->label] == cnt[best] && strcmp(labnames[a->label], labnames[best]) < 0))
					best = a->label;
			}
			s->label = best;
		}
		free(cnt);
	}

	/* pairs within the window, by first time */
	Pair	   *pairs = NULL;
	size_t		np = 0,
				pcap = 0;
	uint32_t   *ord = xmalloc(nstories * sizeof(uint32_t));

	for (uint32_t i = 0; i < nstories; i++)
		ord[i] = i;
	qsort(ord, nstories, sizeof(uint32_t), by_first);
	for (uint32_t ii = 0; ii < nstories; ii++)
	{
		Story	   *a = &stories[ord[ii]];

		for (uint32_t jj = ii + 1; jj < nstories; jj++)
		{
			Story	   *b = &stories[ord[jj]];
			double		gap,
						tc;

			if (b->first - a->last > window * 86400)
			{
				/* b->first grows; a later story may still overlap a's span only if a->last is late */
				if (b->first - a->last > 60 * 86400.0)
					break;
				continue;
			}
			tc = dot(&a->t, &b->t);
			if (tc < 0.05)
				continue;
			if (block > 0 && !share_top(a, b, block))
				continue;
			gap = fmax(0, b->first - a->last) / (window * 86400);
			if (np == pcap)
			{
				pcap = pcap ? 2 * pcap : 65536;
				pairs = realloc(pairs, pcap * sizeof(Pair));
			}
			Pair	   *p = &pairs[np++];
			double		na = a->n,
						nb = b->n;

			p->a = ord[ii];
			p->b = ord[jj];
			p->f[0] = 1;
			p->f[1] = tc;
			p->f[2] = (a->e.n && b->e.n) ? dot(&a->e, &b->e) : 0;
			p->f[3] = dot(&a->ti, &b->ti);
			p->f[4] = dot(&a->rare, &b->rare);
			p->f[5] = gap;
			p->f[6] = log(fmin(na, nb));
			p->f[7] = log(fmax(na, nb) / fmin(na, nb));
			p->p = 0;
		}
	}
	fprintf(stderr, "%u stories, %zu pairs\n", nstories, np);
	/*
	 * article kNN links: every article's KNN nearest articles (tf-idf cosine)
	 * of other stories within 3 days; a pair's links are the members of one
	 * that count a member of the other among their nearest, over KNN times
	 * the smaller story's size
	 */
	{
		uint32_t   *tord = xmalloc(narts * sizeof(uint32_t));
		uint32_t   *nn = xmalloc(narts * KNN * sizeof(uint32_t));
		float	   *nns = xmalloc(narts * KNN * sizeof(float));
		Vec		   *av = xmalloc(narts * sizeof(Vec));
		Acc			acc;

		acc_init(&acc, 1u << 12);
		for (size_t i = 0; i < narts; i++)
		{
			for (uint32_t j = 0; j < arts[i].terms.n; j++)
				*acc_at(&acc, arts[i].terms.ids[j]) += arts[i].terms.vals[j];
			av[i] = acc_to_vec(&acc, &terms, 0, NULL);
			acc_clear(&acc);
			tord[i] = (uint32_t) i;
		}
		qsort(tord, narts, sizeof(uint32_t), by_time);
		for (size_t ii = 0; ii < narts; ii++)
		{
			uint32_t	i = tord[ii];

			for (int k = 0; k < KNN; k++)
			{
				nn[i * KNN + k] = UINT32_MAX;
				nns[i * KNN + k] = 0;
			}
			for (size_t dir = 0; dir < 2; dir++)
				for (size_t jj = ii;;)
				{
					uint32_t	j;
					double		c;

					if (dir == 0)
					{
						if (jj == 0)
							break;
						jj--;
					}
					else if (++jj >= narts)
						break;
					j = tord[jj];
					if (fabs(arts[j].t - arts[i].t) > 3 * 86400.0)
						break;
					if (arts[j].story == arts[i].story)
						continue;
					c = dot(&av[i], &av[j]);
					if (c <= nns[i * KNN + KNN - 1])
						continue;
					int			k = KNN - 1;

					while (k > 0 && nns[i * KNN + k - 1] < c)
					{
						nns[i * KNN + k] = nns[i * KNN + k - 1];
						nn[i * KNN + k] = nn[i * KNN + k - 1];
						k--;
					}
					nns[i * KNN + k] = (float) c;
					nn[i * KNN + k] = j;
				}
		}
		/* links by story pair: per story a sorted list of (other story, count) */
		{
			Nb		  **lk = calloc(nstories, sizeof(Nb *));
			uint32_t   *nlk = calloc(nstories, sizeof(uint32_t)),
					   *clk = calloc(nstories, sizeof(uint32_t));

			for (size_t i = 0; i < narts; i++)
				for (int k = 0; k < KNN; k++)
				{
					uint32_t	j = nn[i * KNN + k];

					if (j == UINT32_MAX)
						continue;
					for (int side = 0; side < 2; side++)
					{
						uint32_t	x = (uint32_t) (side ? arts[j].story : arts[i].story),
									o = (uint32_t) (side ? arts[i].story : arts[j].story);

						if (nlk[x] == clk[x])
						{
							clk[x] = clk[x] ? 2 * clk[x] : 8;
							lk[x] = realloc(lk[x], clk[x] * sizeof(Nb));
						}
						lk[x][nlk[x]++] = (Nb) {o, 1};
					}
				}
			for (size_t i = 0; i < np; i++)
			{
				uint32_t	a = pairs[i].a,
							b = pairs[i].b,
							links = 0;

				for (uint32_t q = 0; q < nlk[a]; q++)
					links += lk[a][q].o == b;
				pairs[i].f[11] = links / (2.0 * KNN * fmin(stories[a].n, stories[b].n));
			}
		}
	}

	/* relative features: the pair's term cosine against each side's best */
	{
		double	   *best = calloc(nstories, sizeof(double));

		for (size_t i = 0; i < np; i++)
		{
			best[pairs[i].a] = fmax(best[pairs[i].a], pairs[i].f[1]);
			best[pairs[i].b] = fmax(best[pairs[i].b], pairs[i].f[1]);
		}
		for (size_t i = 0; i < np; i++)
		{
			pairs[i].f[8] = pairs[i].f[1] / best[pairs[i].a];
			pairs[i].f[9] = pairs[i].f[1] / best[pairs[i].b];
			pairs[i].f[10] = pairs[i].f[8] >= 1 && pairs[i].f[9] >= 1;
		}
		free(best);
	}

	uint8_t    *use_dev = calloc(np, 1),
			   *use_test = calloc(np, 1),
			   *y = calloc(np, 1);
	size_t		pos[2] = {0},
				tot[2] = {0};

	for (size_t i = 0; i < np; i++)
	{
		Story	   *a = &stories[pairs[i].a],
				   *b = &stories[pairs[i].b];

		if (a->label < 0 || b->label < 0 || a->split != b->split)
			continue;
		(a->split == 0 ? use_dev : use_test)[i] = 1;
		y[i] = a->label == b->label;
		pos[a->split] += y[i];
		tot[a->split]++;
	}
	printf("labelled pairs: dev %zu (%zu same label), test %zu (%zu)\n", tot[0], pos[0], tot[1], pos[1]);

	/* per-feature AUC */
	{
		double	   *sc = xmalloc(np * sizeof(double));

		for (int k = 1; k < NF; k++)
		{
			for (size_t i = 0; i < np; i++)
				sc[i] = pairs[i].f[k];
			printf("AUC %-16s dev %.4f test %.4f\n", fname[k], auc(pairs, np, use_dev, y, sc),
				   auc(pairs, np, use_test, y, sc));
		}
		free(sc);
	}

	/* the model: fitted on dev, or linear weights from PAIRS_LINEAR="wt we wti wr" */
	double		w[NF];
	const char *lin = getenv("PAIRS_LINEAR");
	double	   *sc = xmalloc(np * sizeof(double));

	if (lin)
	{
		double		wt,
					we,
					wti,
					wr;

		double		wk = 0;

		if (sscanf(lin, "%lf %lf %lf %lf %lf", &wt, &we, &wti, &wr, &wk) < 4)
			die("PAIRS_LINEAR: four or five weights");
		for (size_t i = 0; i < np; i++)
			pairs[i].p = wt * pairs[i].f[1] + we * pairs[i].f[2] + wti * pairs[i].f[3] + wr * pairs[i].f[4] +
				wk * pairs[i].f[11];
		printf("linear: terms %.2f entities %.2f titles %.2f rare %.2f\n", wt, we, wti, wr);
	}
	else
	{
		double		l2 = getenv("PAIRS_L2") ? atof(getenv("PAIRS_L2")) : 0.001;

		fit(pairs, np, use_dev, y, l2, w);
		printf("logistic regression on dev (L2 %g):", l2);
		for (int k = 0; k < NF; k++)
			printf(" %s %.3f", fname[k], w[k]);
		printf("\n");
		for (size_t i = 0; i < np; i++)
		{
			double		z = 0;

			for (int k = 0; k < NF; k++)
				z += w[k] * pairs[i].f[k];
			pairs[i].p = sigmoid(z);
		}
	}
	for (size_t i = 0; i < np; i++)
		sc[i] = pairs[i].p;
	printf("AUC model            dev %.4f test %.4f\n", auc(pairs, np, use_dev, y, sc), auc(pairs, np, use_test, y, sc));

	if (getenv("PAIRS_DIAG"))
	{
		/* same-label story pairs in all, as candidates; rank of the best same-label partner */
		size_t		all[2] = {0},
					cand[2] = {0},
					hist[2][6] = {{0}};

		for (uint32_t i = 0; i < nstories; i++)
			for (uint32_t j = i + 1; j < nstories; j++)
				if (stories[i].label >= 0 && stories[i].label == stories[j].label && stories[i].split == stories[j].split)
					all[stories[i].split]++;
		for (size_t i = 0; i < np; i++)
			if ((use_dev[i] || use_test[i]) && y[i])
				cand[use_dev[i] ? 0 : 1]++;
		for (uint32_t k = 0; k < nstories; k++)
		{
			double		bestpos = -1;
			int			rank = 0,
						haspos = 0;

			if (stories[k].label < 0)
				continue;
			for (size_t i = 0; i < np; i++)
				if ((pairs[i].a == k || pairs[i].b == k) && (use_dev[i] || use_test[i]) && y[i])
				{
					haspos = 1;
					bestpos = fmax(bestpos, pairs[i].p);
				}
			if (!haspos)
				continue;
			for (size_t i = 0; i < np; i++)
				if ((pairs[i].a == k || pairs[i].b == k) && pairs[i].p > bestpos)
					rank++;
			hist[stories[k].split][rank >= 5 ? 5 : rank]++;
		}
		printf("same-label story pairs: dev %zu (%zu candidates), test %zu (%zu)\n", all[0], cand[0], all[1], cand[1]);
		for (int sp = 0; sp < 2; sp++)
			printf("%s: stories whose best same-label partner ranks 1..5, >5 among all its pairs: %zu %zu %zu %zu %zu %zu\n",
				   sp ? "test" : "dev", hist[sp][0], hist[sp][1], hist[sp][2], hist[sp][3], hist[sp][4], hist[sp][5]);
	}

	/* neighbour lists for the linkage */
	nbs = calloc(nstories, sizeof(Nb *));
	nnb = calloc(nstories, sizeof(uint32_t));
	for (size_t i = 0; i < np; i++)
	{
		nnb[pairs[i].a]++;
		nnb[pairs[i].b]++;
	}
	for (uint32_t i = 0; i < nstories; i++)
	{
		nbs[i] = xmalloc((nnb[i] + 1) * sizeof(Nb));
		nnb[i] = 0;
	}
	for (size_t i = 0; i < np; i++)
	{
		nbs[pairs[i].a][nnb[pairs[i].a]++] = (Nb) {pairs[i].b, (float) pairs[i].p};
		nbs[pairs[i].b][nnb[pairs[i].b]++] = (Nb) {pairs[i].a, (float) pairs[i].p};
	}
	for (uint32_t i = 0; i < nstories; i++)
		qsort(nbs[i], nnb[i], sizeof(Nb), by_nb);

	uint32_t   *cl = xmalloc(narts * sizeof(uint32_t));
	double		P,
				R,
				F,
				P2,
				R2,
				F2;
	uint32_t	largest;

	for (size_t i = 0; i < narts; i++)
		cl[i] = (uint32_t) arts[i].story;
	bcubed(cl, 0, &P, &R, &F);
	bcubed(cl, 1, &P2, &R2, &F2);
	printf("%-28s dev %.3f %.3f %.3f  test %.3f %.3f %.3f\n", "no merge (the input)", P, R, F, P2, R2, F2);

	const char *ths = getenv("PAIRS_THRESHOLDS");
	double		grid[64];
	int			ng = 0;

	if (ths)
	{
		char	   *e;

		for (const char *p = ths; *p && ng < 64; p = e)
		{
			grid[ng++] = strtod(p, &e);
			if (e == p)
				break;
		}
	}
	else
		for (double t = 0.3; t < 0.96; t += 0.05)
			grid[ng++] = t;
	double		maxdays = getenv("PAIRS_MAXDAYS") ? atof(getenv("PAIRS_MAXDAYS")) : 0;

	for (int linkage = 0; linkage < 2; linkage++)
		for (int g = 0; g < ng; g++)
		{
			char		name[64];

			merge(pairs, np, grid[g], linkage, maxdays, cl, &largest);
			bcubed(cl, 0, &P, &R, &F);
			bcubed(cl, 1, &P2, &R2, &F2);
			snprintf(name, sizeof name, "%s %.3f", linkage ? "complete" : "average", grid[g]);
			printf("%-28s dev %.3f %.3f %.3f  test %.3f %.3f %.3f  largest %u\n", name, P, R, F, P2, R2, F2, largest);
		}
	if (getenv("PAIRS_OUT"))
	{
		/* the clustering at the first threshold, average linkage */
		FILE	   *o = fopen(getenv("PAIRS_OUT"), "w");

		merge(pairs, np, grid[0], 0, maxdays, cl, &largest);
		for (size_t i = 0; i < narts; i++)
			fprintf(o, "%lld\t%u\n", (long long) arts[i].id, cl[i]);
		fclose(o);
	}
	return 0;
}
