/*
 * sentiment_train.c
 *		The learning half of src/tools/gen_sentiment_model.py: reads
 *		labelled examples, lets the core scorer (src/core/sentiment.c) read
 *		them exactly as it reads a document at run time, and fits the
 *		weights of every (word, slot) it reports by L2-regularized
 *		multinomial logistic regression (L-BFGS).
 *
 *	sentiment_train MODE CUES EXAMPLES [--name=value ...]
 *
 *	MODE	train	fit on every example of folds 0-4 and print the model
 *			cv		5-fold cross-validation over folds 0-4: print the
 *					macro-F1 and accuracy of the held-out folds
 *			dev		fit on folds 0-4, print the figures on fold D
 *	CUES	src/data/sentiment_cues.txt
 *	EXAMPLES	one example a line: fold (0-4, or D for the held-out dev
 *			portion), label (negative, neutral, positive), target, text;
 *			tab-separated, with \t, \n and \\ escaped
 *	options	--prior=FILE	"lemma prior" lines (the WordNet prior)
 *			--vocabulary=FILE	texts, one a line, escaped like the
 *					examples, whose word forms the model lists (train)
 *			--c		L2 strength; --prune: weights below it are dropped
 *			and the fields of NaSentimentParams (--near,
 *			--negation_scope, --negated, --intensified, --downtoned,
 *			--before_contrast, --after_contrast, --concessive,
 *			--reported, --pronoun_reach)
 *
 * Training sees the same occurrences the run-time scorer sums: the scorer
 * runs with a model that knows only the cue words (no weights) and a trace
 * hook that records each sentence's occurrences.  Each occurrence becomes
 * the feature (slot, Snowball English stem of the word) and, when the stem
 * has a WordNet prior, the feature (slot, sign of the prior) valued by the
 * prior.  An example whose target is not found gets no sentence; it is
 * predicted neutral, as at run time, and left out of the fit.  The model
 * printed is folded: per stem and slot, its own weights plus its prior
 * times the prior's weights, so that the scorer reads one weight pair per
 * slot.  The output is deterministic: plain double arithmetic in a fixed
 * order (build with -ffp-contract=off), weights printed with 6 decimals,
 * rows in a fixed order.
 *
 * Output (train): tab-separated lines
 *	P name value		the NaSentimentParams
 *	B neg pos			bias
 *	F name neg pos		sentence features (NaSentFeature order)
 *	W stem slot neg pos	weights, slot 0-3 (NaSentSlot), non-zero only
 *	V form stem			(with --vocabulary) the word forms to store
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"
#include <libstemmer.h>

#define NFOLDS	5

static const char *const feature_names[NA_SF_COUNT] = {
	"subject", "speaker", "quoted", "pronoun", "possessive", "question", "exclaim"
};

static void
die(const char *msg)
{
	fprintf(stderr, "sentiment_train: %s\n", msg);
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

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* ---------------------------------------------------------------------
 * String table: word forms and (word, slot) feature keys -> ids
 * ------------------------------------------------------------------- */

typedef struct Strtab
{
	char	  **keys;
	size_t	   *lens;
	uint32_t   *hashes;
	size_t		n;
	size_t		cap;
	uint32_t   *slots;			/* id + 1 */
	size_t		nslots;
} Strtab;

static uint32_t
strtab_id(Strtab *t, const char *key, size_t len, bool add)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT, key, len);
	size_t		i;

	if ((t->n + 1) * 2 > t->nslots)
	{
		size_t		ns = t->nslots ? t->nslots * 2 : 1024;

		free(t->slots);
		t->slots = xmalloc(ns * sizeof(uint32_t));
		memset(t->slots, 0, ns * sizeof(uint32_t));
		for (size_t k = 0; k < t->n; k++)
		{
			i = t->hashes[k] & (ns - 1);
			while (t->slots[i])
				i = (i + 1) & (ns - 1);
			t->slots[i] = (uint32_t) k + 1;
		}
		t->nslots = ns;
	}
	for (i = h & (t->nslots - 1); t->slots[i]; i = (i + 1) & (t->nslots - 1))
	{
		uint32_t	k = t->slots[i] - 1;

		if (t->hashes[k] == h && t->lens[k] == len && memcmp(t->keys[k], key, len) == 0)
			return k;
	}
	if (!add)
		return UINT32_MAX;
	if (t->n == t->cap)
	{
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->keys = xrealloc(t->keys, t->cap * sizeof(char *));
		t->lens = xrealloc(t->lens, t->cap * sizeof(size_t));
		t->hashes = xrealloc(t->hashes, t->cap * sizeof(uint32_t));
	}
	t->keys[t->n] = xmalloc(len + 1);
	memcpy(t->keys[t->n], key, len);
	t->keys[t->n][len] = '\0';
	t->lens[t->n] = len;
	t->hashes[t->n] = h;
	t->slots[i] = (uint32_t) t->n + 1;
	return (uint32_t) t->n++;
}

/* ---------------------------------------------------------------------
 * The cue-only model the scorer reads while training
 * ------------------------------------------------------------------- */

static Strtab cue_tab;
static NaSentimentWord *cue_words;

static const NaSentimentWord *
cue_lookup(const NaSentimentModel *m, const char *word, size_t len, uint32_t hash)
{
	uint32_t	k = strtab_id(&cue_tab, word, len, false);

	(void) m;
	(void) hash;
	return k == UINT32_MAX ? NULL : &cue_words[k];
}

static uint16_t
cue_kind(const char *kind)
{
	static const struct
	{
		const char *name;
		uint16_t	bit;
	}			kinds[] = {
		{"negation", NA_SC_NEGATION}, {"contrast", NA_SC_CONTRAST},
		{"concessive", NA_SC_CONCESSIVE}, {"intensifier", NA_SC_INTENSIFIER},
		{"downtoner", NA_SC_DOWNTONER}, {"speech", NA_SC_SPEECH},
		{"pronoun", NA_SC_PRONOUN},
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].name) == 0)
			return kinds[i].bit;
	die("unknown cue kind");
	return 0;
}

static void
read_cues(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[256];
	size_t		cap = 0;

	if (!f)
		die("cannot open the cue file");
	while (fgets(line, sizeof(line), f))
	{
		char		word[128],
					kind[64];
		char	   *hash = strchr(line, '#');
		uint32_t	k;

		if (hash)
			*hash = '\0';
		if (sscanf(line, "%127s %63s", word, kind) != 2)
			continue;
		k = strtab_id(&cue_tab, word, strlen(word), true);
		if (k >= cap)
		{
			size_t		ncap = cap ? cap * 2 : 256;

			cue_words = xrealloc(cue_words, ncap * sizeof(NaSentimentWord));
			memset(cue_words + cap, 0, (ncap - cap) * sizeof(NaSentimentWord));
			cap = ncap;
		}
		cue_words[k].word = cue_tab.keys[k];
		cue_words[k].len = (uint16_t) strlen(word);
		cue_words[k].cue |= cue_kind(kind);
	}
	fclose(f);
}

/* ---------------------------------------------------------------------
 * Examples and their occurrences
 * ------------------------------------------------------------------- */

/* One occurrence of a feature in an example: feature id, value, swapped. */
typedef struct Occ
{
	uint32_t	f;
	float		v;
	bool		flip;
} Occ;

typedef struct Example
{
	int			fold;			/* 0-4, or -1 for dev */
	int			label;			/* NaPolarity */
	size_t		first;			/* in all_occ */
	size_t		n;
	bool		found;			/* the scorer found the target */
} Example;

static Strtab feat_tab;			/* "slot:stem", "slot:@prior" and "@feature" keys */
static struct sb_stemmer *stemmer;	/* Snowball English */
static Strtab prior_tab;		/* stems with a WordNet prior */
static double *prior_sum;		/* per stem: sum of its lemmas' priors */
static int *prior_n;

/* prior_of: the mean prior of the lemmas with this stem, or 0 */
static double
prior_of(const char *stem, size_t len)
{
	uint32_t	k = strtab_id(&prior_tab, stem, len, false);

	return k == UINT32_MAX ? 0 : prior_sum[k] / prior_n[k];
}

/* read_prior reads "lemma prior" lines and averages them per stem */
static void
read_prior(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		lemma[256];
	double		v;
	size_t		cap = 0;

	if (!f)
		die("cannot open the prior");
	while (fscanf(f, "%255s %lf", lemma, &v) == 2)
	{
		const char *stem = (const char *) sb_stemmer_stem(stemmer, (const sb_symbol *) lemma,
														  (int) strlen(lemma));
		uint32_t	k = strtab_id(&prior_tab, stem, (size_t) sb_stemmer_length(stemmer), true);

		if (k >= cap)
		{
			size_t		ncap = cap ? cap * 2 : 4096;

			prior_sum = xrealloc(prior_sum, ncap * sizeof(double));
			prior_n = xrealloc(prior_n, ncap * sizeof(int));
			memset(prior_sum + cap, 0, (ncap - cap) * sizeof(double));
			memset(prior_n + cap, 0, (ncap - cap) * sizeof(int));
			cap = ncap;
		}
		prior_sum[k] += v;
		prior_n[k]++;
	}
	fclose(f);
}
static Occ *all_occ;
static size_t nall_occ,
			capall_occ;
static Example *examples;
static size_t nexamples,
			capexamples;

static void
add_occ(uint32_t f, float v, bool flip)
{
	if (nall_occ == capall_occ)
	{
		capall_occ = capall_occ ? capall_occ * 2 : 65536;
		all_occ = xrealloc(all_occ, capall_occ * sizeof(Occ));
	}
	all_occ[nall_occ].f = f;
	all_occ[nall_occ].v = v;
	all_occ[nall_occ++].flip = flip;
}

static void
on_trace(const NaSentimentTrace *t, void *arg)
{
	Example    *ex = arg;

	ex->found = true;
	for (size_t i = 0; i < t->nocc; i++)
	{
		const NaSentimentOcc *o = &t->occ[i];
		char		key[300];
		const char *stem;
		int			slen;
		double		prior;

		stem = (const char *) sb_stemmer_stem(stemmer, (const sb_symbol *) o->word, o->len);
		slen = sb_stemmer_length(stemmer);
		if (!stem)
			die("out of memory in the stemmer");
		prior = prior_of(stem, (size_t) slen);
		for (int sl = 0; sl < NA_SS_COUNT; sl++)
		{
			int			n;

			if (!(o->slots & (1 << sl)))
				continue;
			n = snprintf(key, sizeof(key), "%d:%.*s", sl, slen, stem);
			if (n < 0 || (size_t) n >= sizeof(key))
				continue;
			add_occ(strtab_id(&feat_tab, key, (size_t) n, true), o->value, o->flip);
			if (prior != 0)
			{
				n = snprintf(key, sizeof(key), "%d:@prior%c", sl, prior > 0 ? '+' : '-');
				add_occ(strtab_id(&feat_tab, key, (size_t) n, true),
						(float) (o->value * fabs(prior)), o->flip);
			}
		}
	}
	for (int f = 0; f < NA_SF_COUNT; f++)
	{
		char		key[64];
		int			n;

		if (t->features[f] == 0)
			continue;
		n = snprintf(key, sizeof(key), "@%s", feature_names[f]);
		add_occ(strtab_id(&feat_tab, key, (size_t) n, true), t->features[f], false);
	}
}

/* unescape decodes \t \n \\ in place; returns the new length */
static size_t
unescape(char *s)
{
	char	   *o = s;

	for (char *p = s; *p; p++)
	{
		if (*p == '\\' && p[1])
		{
			p++;
			*o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
		}
		else
			*o++ = *p;
	}
	*o = '\0';
	return (size_t) (o - s);
}

static int
label_of(const char *s)
{
	if (strcmp(s, "negative") == 0)
		return NA_POL_NEGATIVE;
	if (strcmp(s, "neutral") == 0)
		return NA_POL_NEUTRAL;
	if (strcmp(s, "positive") == 0)
		return NA_POL_POSITIVE;
	die("unknown label");
	return 0;
}

/* read_examples reads the examples and runs the scorer over each. */
static void
read_examples(const char *path, const NaSentimentModel *model)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		got;

	if (!f)
		die("cannot open the examples");
	while ((got = getline(&line, &cap, f)) > 0)
	{
		char	   *fields[4];
		char	   *p = line;
		Example    *ex;
		NaDoc	   *doc;
		NaSentiment *s;
		size_t		tlen,
					len;

		if (line[got - 1] == '\n')
			line[--got] = '\0';
		for (int i = 0; i < 4; i++)
		{
			fields[i] = p;
			p = strchr(p, '\t');
			if (!p && i < 3)
				die("an example line has fewer than 4 fields");
			if (p)
				*p++ = '\0';
		}
		if (nexamples == capexamples)
		{
			capexamples = capexamples ? capexamples * 2 : 4096;
			examples = xrealloc(examples, capexamples * sizeof(Example));
		}
		ex = &examples[nexamples++];
		ex->fold = fields[0][0] == 'D' ? -1 : atoi(fields[0]);
		ex->label = label_of(fields[1]);
		ex->first = nall_occ;
		ex->found = false;
		tlen = unescape(fields[2]);
		len = unescape(fields[3]);
		if (na_doc_create(fields[3], len, NA_DOC_SENTENCES | NA_DOC_NORMS,
						  &na_malloc_allocator, NULL, &doc) != NA_OK)
			die("na_doc_create failed");
		if (na_sentiment_create(doc, model, fields[2], tlen, &na_malloc_allocator,
								NULL, &s) != NA_OK)
			die("na_sentiment_create failed (a target without a word?)");
		na_sentiment_set_trace(s, on_trace, ex);
		while (na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
			if (na_sentiment_window(s) != NA_OK)
				die("na_sentiment_window failed");
		na_sentiment_destroy(s);
		na_doc_destroy(doc);
		ex->n = nall_occ - ex->first;
	}
	free(line);
	fclose(f);
}

/* ---------------------------------------------------------------------
 * Multinomial logistic regression, neutral as the reference class
 * ------------------------------------------------------------------- */

/* Parameters: 2 per feature, then the bias (2, not regularized). */
typedef struct Problem
{
	const bool *use;			/* per example: part of the fit */
	double		c;				/* L2 strength */
	size_t		nf;				/* features */
} Problem;

static void
logits(const double *w, size_t nf, const Example *ex, double z[2])
{
	z[0] = w[2 * nf];
	z[1] = w[2 * nf + 1];
	for (size_t i = 0; i < ex->n; i++)
	{
		const Occ  *o = &all_occ[ex->first + i];
		const double *wf = &w[2 * o->f];

		z[0] += o->v * wf[o->flip ? 1 : 0];
		z[1] += o->v * wf[o->flip ? 0 : 1];
	}
}

static void
probs(const double z[2], double p[3])
{
	double		m = z[0] > z[1] ? z[0] : z[1];
	double		s;

	if (m < 0)
		m = 0;
	p[NA_POL_NEGATIVE] = exp(z[0] - m);
	p[NA_POL_NEUTRAL] = exp(-m);
	p[NA_POL_POSITIVE] = exp(z[1] - m);
	s = p[0] + p[1] + p[2];
	p[0] /= s;
	p[1] /= s;
	p[2] /= s;
}

/* objective: negative log-likelihood plus c/2 |w|^2; gradient into g */
static double
objective(const Problem *pb, const double *w, double *g)
{
	size_t		nf = pb->nf;
	size_t		np = 2 * nf + 2;
	double		f = 0;

	memset(g, 0, np * sizeof(double));
	for (size_t e = 0; e < nexamples; e++)
	{
		const Example *ex = &examples[e];
		double		z[2],
					p[3],
					gn,
					gp;

		if (!pb->use[e])
			continue;
		logits(w, nf, ex, z);
		probs(z, p);
		f -= log(p[ex->label] > 1e-300 ? p[ex->label] : 1e-300);
		gn = p[NA_POL_NEGATIVE] - (ex->label == NA_POL_NEGATIVE);
		gp = p[NA_POL_POSITIVE] - (ex->label == NA_POL_POSITIVE);
		g[2 * nf] += gn;
		g[2 * nf + 1] += gp;
		for (size_t i = 0; i < ex->n; i++)
		{
			const Occ  *o = &all_occ[ex->first + i];
			double	   *gf = &g[2 * o->f];

			gf[o->flip ? 1 : 0] += o->v * gn;
			gf[o->flip ? 0 : 1] += o->v * gp;
		}
	}
	for (size_t i = 0; i < 2 * nf; i++)
	{
		f += 0.5 * pb->c * w[i] * w[i];
		g[i] += pb->c * w[i];
	}
	return f;
}

static double
dot(const double *a, const double *b, size_t n)
{
	double		s = 0;

	for (size_t i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

#define LBFGS_M		8
#define LBFGS_ITERS	300

/* fit minimizes the objective from w = 0 with L-BFGS; w gets the result */
static void
fit(const Problem *pb, double *w)
{
	size_t		np = 2 * pb->nf + 2;
	double	   *g = xmalloc(np * sizeof(double));
	double	   *d = xmalloc(np * sizeof(double));
	double	   *wn = xmalloc(np * sizeof(double));
	double	   *gn = xmalloc(np * sizeof(double));
	double	   *S = xmalloc(LBFGS_M * np * sizeof(double));
	double	   *Y = xmalloc(LBFGS_M * np * sizeof(double));
	double		rho[LBFGS_M],
				alpha[LBFGS_M];
	size_t		m = 0,
				head = 0;
	double		f;

	memset(w, 0, np * sizeof(double));
	f = objective(pb, w, g);
	for (int it = 0; it < LBFGS_ITERS; it++)
	{
		double		step = 1.0,
					gd,
					fn;

		/* two-loop recursion: d = -H g */
		for (size_t i = 0; i < np; i++)
			d[i] = -g[i];
		for (size_t k = 0; k < m; k++)
		{
			size_t		j = (head + LBFGS_M - 1 - k) % LBFGS_M;

			alpha[j] = rho[j] * dot(&S[j * np], d, np);
			for (size_t i = 0; i < np; i++)
				d[i] -= alpha[j] * Y[j * np + i];
		}
		if (m > 0)
		{
			size_t		j = (head + LBFGS_M - 1) % LBFGS_M;
			double		gamma = dot(&S[j * np], &Y[j * np], np) / dot(&Y[j * np], &Y[j * np], np);

			for (size_t i = 0; i < np; i++)
				d[i] *= gamma;
		}
		else
		{
			double		gg = sqrt(dot(g, g, np));

			for (size_t i = 0; i < np; i++)
				d[i] /= gg > 0 ? gg : 1;
		}
		for (size_t k = m; k > 0; k--)
		{
			size_t		j = (head + LBFGS_M - k) % LBFGS_M;
			double		beta = rho[j] * dot(&Y[j * np], d, np);

			for (size_t i = 0; i < np; i++)
				d[i] += S[j * np + i] * (alpha[j] - beta);
		}
		gd = dot(g, d, np);
		if (gd >= 0)
		{
			for (size_t i = 0; i < np; i++)
				d[i] = -g[i];
			gd = -dot(g, g, np);
			m = 0;
		}
		/* backtracking line search (Armijo) */
		for (;;)
		{
			for (size_t i = 0; i < np; i++)
				wn[i] = w[i] + step * d[i];
			fn = objective(pb, wn, gn);
			if (fn <= f + 1e-4 * step * gd || step < 1e-10)
				break;
			step *= 0.5;
		}
		{
			double	   *s = &S[head * np];
			double	   *y = &Y[head * np];
			double		sy;

			for (size_t i = 0; i < np; i++)
			{
				s[i] = wn[i] - w[i];
				y[i] = gn[i] - g[i];
			}
			sy = dot(s, y, np);
			if (sy > 1e-12)
			{
				rho[head] = 1.0 / sy;
				head = (head + 1) % LBFGS_M;
				if (m < LBFGS_M)
					m++;
			}
		}
		memcpy(w, wn, np * sizeof(double));
		memcpy(g, gn, np * sizeof(double));
		if (fabs(f - fn) < 1e-7 * (fabs(f) > 1 ? fabs(f) : 1))
		{
			f = fn;
			break;
		}
		f = fn;
	}
	free(g);
	free(d);
	free(wn);
	free(gn);
	free(S);
	free(Y);
}

/* predict: the class of an example, neutral when its target was not found */
static int
predict(const double *w, size_t nf, const Example *ex)
{
	double		z[2],
				p[3];
	int			c = NA_POL_NEUTRAL;

	if (!ex->found)
		return NA_POL_NEUTRAL;
	logits(w, nf, ex, z);
	probs(z, p);
	if (p[NA_POL_NEGATIVE] > p[c])
		c = NA_POL_NEGATIVE;
	if (p[NA_POL_POSITIVE] > p[c])
		c = NA_POL_POSITIVE;
	return c;
}

/* Confusion counts [gold][predicted]. */
typedef struct Confusion
{
	long		n[3][3];
} Confusion;

static void
report(const char *what, const Confusion *cm)
{
	double		f1sum = 0;
	long		right = 0,
				all = 0;

	for (int c = 0; c < 3; c++)
	{
		long		tp = cm->n[c][c],
					fp = 0,
					fn = 0;
		double		p,
					r;

		for (int o = 0; o < 3; o++)
		{
			if (o != c)
			{
				fp += cm->n[o][c];
				fn += cm->n[c][o];
			}
			all += cm->n[c][o];
		}
		right += tp;
		p = tp + fp ? (double) tp / (tp + fp) : 0;
		r = tp + fn ? (double) tp / (tp + fn) : 0;
		f1sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
	}
	printf("%s\tmacro_f1 %.4f\taccuracy %.4f\tn %ld\n", what, f1sum / 3,
		   all ? (double) right / all : 0, all);
}

/* ---------------------------------------------------------------------
 * main
 * ------------------------------------------------------------------- */

static NaSentimentParams params = {
	.near = 3,
	.negation_scope = 3,
	.pronoun_reach = 1,
	.negated = 1.0f,
	.intensified = 1.5f,
	.downtoned = 0.5f,
	.before_contrast = 0.5f,
	.after_contrast = 1.0f,
	.concessive = 0.5f,
	.reported = 1.0f,
};

static const char *vocab_path;
static const char *prior_path;

static void
set_option(const char *arg, double *c, double *limit)
{
	char		name[64];
	double		v;

	if (strncmp(arg, "--vocabulary=", 13) == 0)
	{
		vocab_path = arg + 13;
		return;
	}
	if (strncmp(arg, "--prior=", 8) == 0)
	{
		prior_path = arg + 8;
		return;
	}
	if (sscanf(arg, "--%63[a-z_]=%lf", name, &v) != 2)
		die("options are --name=value");
	if (strcmp(name, "c") == 0)
		*c = v;
	else if (strcmp(name, "prune") == 0)
		*limit = v;
	else if (strcmp(name, "near") == 0)
		params.near = (uint32_t) v;
	else if (strcmp(name, "negation_scope") == 0)
		params.negation_scope = (uint32_t) v;
	else if (strcmp(name, "pronoun_reach") == 0)
		params.pronoun_reach = (uint32_t) v;

	else if (strcmp(name, "negated") == 0)
		params.negated = (float) v;
	else if (strcmp(name, "intensified") == 0)
		params.intensified = (float) v;
	else if (strcmp(name, "downtoned") == 0)
		params.downtoned = (float) v;
	else if (strcmp(name, "before_contrast") == 0)
		params.before_contrast = (float) v;
	else if (strcmp(name, "after_contrast") == 0)
		params.after_contrast = (float) v;
	else if (strcmp(name, "concessive") == 0)
		params.concessive = (float) v;
	else if (strcmp(name, "reported") == 0)
		params.reported = (float) v;
	else
		die("unknown option");
}

/*
 * The weights per stem and slot that the model stores: a stem's own
 * weights plus its prior times the prior's weights, pruned.
 */
static Strtab fold_tab;
static double *fold_w;			/* [stem][slot][2] */

static uint32_t
fold_id(const char *stem, size_t len)
{
	uint32_t	k = strtab_id(&fold_tab, stem, len, true);
	static size_t cap;

	if (k >= cap)
	{
		size_t		ncap = cap ? cap * 2 : 16384;

		fold_w = xrealloc(fold_w, ncap * NA_SS_COUNT * 2 * sizeof(double));
		memset(fold_w + cap * NA_SS_COUNT * 2, 0, (ncap - cap) * NA_SS_COUNT * 2 * sizeof(double));
		cap = ncap;
	}
	return k;
}

static void
fold(const double *w, size_t nf, double limit)
{
	double		pw[NA_SS_COUNT][2][2] = {{{0}}};	/* slot, prior sign, class */

	for (size_t i = 0; i < nf; i++)
	{
		const char *k = feat_tab.keys[i];
		int			sl = k[0] - '0';

		if (k[0] == '@')
			continue;
		if (strncmp(k + 2, "@prior", 6) == 0)
		{
			int			sign = k[8] == '+';

			pw[sl][sign][0] = w[2 * i];
			pw[sl][sign][1] = w[2 * i + 1];
			continue;
		}
		{
			uint32_t	id = fold_id(k + 2, strlen(k + 2));

			fold_w[(id * NA_SS_COUNT + sl) * 2] += w[2 * i];
			fold_w[(id * NA_SS_COUNT + sl) * 2 + 1] += w[2 * i + 1];
		}
	}
	for (size_t k = 0; k < prior_tab.n; k++)
	{
		uint32_t	id = fold_id(prior_tab.keys[k], prior_tab.lens[k]);
		double		p = prior_sum[k] / prior_n[k];
		int			sign = p > 0;

		if (p == 0)
			continue;
		for (int sl = 0; sl < NA_SS_COUNT; sl++)
		{
			fold_w[(id * NA_SS_COUNT + sl) * 2] += fabs(p) * pw[sl][sign][0];
			fold_w[(id * NA_SS_COUNT + sl) * 2 + 1] += fabs(p) * pw[sl][sign][1];
		}
	}
	for (size_t i = 0; i < fold_tab.n * NA_SS_COUNT * 2; i++)
		if (fabs(fold_w[i]) < limit)
			fold_w[i] = 0;
}

/* folded: whether the stem has a weight in the folded table */
static bool
folded(const char *stem, size_t len)
{
	uint32_t	id = strtab_id(&fold_tab, stem, len, false);

	if (id == UINT32_MAX)
		return false;
	for (int i = 0; i < NA_SS_COUNT * 2; i++)
		if (fold_w[id * NA_SS_COUNT * 2 + i] != 0)
			return true;
	return false;
}

static void
print_model(const double *w, size_t nf)
{
	printf("P\tnear\t%u\n", params.near);
	printf("P\tnegation_scope\t%u\n", params.negation_scope);
	printf("P\tpronoun_reach\t%u\n", params.pronoun_reach);
	printf("P\tnegated\t%g\n", params.negated);
	printf("P\tintensified\t%g\n", params.intensified);
	printf("P\tdowntoned\t%g\n", params.downtoned);
	printf("P\tbefore_contrast\t%g\n", params.before_contrast);
	printf("P\tafter_contrast\t%g\n", params.after_contrast);
	printf("P\tconcessive\t%g\n", params.concessive);
	printf("P\treported\t%g\n", params.reported);
	printf("B\t%.6f\t%.6f\n", w[2 * nf], w[2 * nf + 1]);
	for (int f = 0; f < NA_SF_COUNT; f++)
	{
		char		key[64];
		int			n = snprintf(key, sizeof(key), "@%s", feature_names[f]);
		uint32_t	id = strtab_id(&feat_tab, key, (size_t) n, false);

		printf("F\t%s\t%.6f\t%.6f\n", feature_names[f],
			   id == UINT32_MAX ? 0.0 : w[2 * id], id == UINT32_MAX ? 0.0 : w[2 * id + 1]);
	}
	for (size_t i = 0; i < fold_tab.n; i++)
		for (int sl = 0; sl < NA_SS_COUNT; sl++)
		{
			const double *x = &fold_w[(i * NA_SS_COUNT + sl) * 2];

			if (x[0] != 0 || x[1] != 0)
				printf("W\t%s\t%d\t%.6f\t%.6f\n", fold_tab.keys[i], sl, x[0], x[1]);
		}
}

/* prune sets the weights below prune to 0 (not the bias) */
static void
prune(double *w, size_t nf, double limit)
{
	for (size_t i = 0; i < 2 * nf; i++)
		if (fabs(w[i]) < limit)
			w[i] = 0;
}

/*
 * print_vocabulary reads the texts of path (one a line, escaped like the
 * examples) and prints "V form stem" for every word form met at least
 * twice (or in an example) whose stem has a weight, and for every cue
 * word, sorted by form.
 */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static void
print_vocabulary(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		got;
	Strtab		forms = {0};
	uint32_t   *counts = NULL;
	size_t		capcounts = 0;
	char	  **out;
	size_t		nout = 0;

	if (!f)
		die("cannot open the vocabulary texts");
	while ((got = getline(&line, &cap, f)) > 0)
	{
		NaDoc	   *doc;
		size_t		len;

		if (line[got - 1] == '\n')
			line[--got] = '\0';
		len = unescape(line);
		if (na_doc_create(line, len, NA_DOC_NORMS, &na_malloc_allocator, NULL, &doc) != NA_OK)
			die("na_doc_create failed");
		while (na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
		{
			const NaDocToken *t = na_doc_tokens(doc);
			const NaDocNorm *nm = na_doc_norms(doc);
			const char *arena = na_doc_arena(doc);

			for (size_t i = 0; i < na_doc_ntokens(doc); i++)
			{
				uint32_t	k;

				if (!(t[i].marks & NA_DM_WORD))
					continue;
				k = strtab_id(&forms, arena + nm[i].off, nm[i].len, true);
				if (k >= capcounts)
				{
					size_t		nc = capcounts ? capcounts * 2 : 65536;

					counts = xrealloc(counts, nc * sizeof(uint32_t));
					memset(counts + capcounts, 0, (nc - capcounts) * sizeof(uint32_t));
					capcounts = nc;
				}
				counts[k]++;
			}
		}
		na_doc_destroy(doc);
	}
	free(line);
	fclose(f);
	out = xmalloc((forms.n + cue_tab.n) * sizeof(char *));
	for (size_t k = 0; k < forms.n + cue_tab.n; k++)
	{
		const char *form = k < forms.n ? forms.keys[k] : cue_tab.keys[k - forms.n];
		size_t		flen = strlen(form);
		const char *stem;
		int			slen;
		bool		weighted = false;
		char	   *row;

		if (k < forms.n && counts[k] < 2)
			continue;
		if (k >= forms.n && strtab_id(&forms, form, flen, false) != UINT32_MAX &&
			counts[strtab_id(&forms, form, flen, false)] >= 2)
			continue;			/* listed already */
		stem = (const char *) sb_stemmer_stem(stemmer, (const sb_symbol *) form, (int) flen);
		slen = sb_stemmer_length(stemmer);
		weighted = folded(stem, (size_t) slen);
		if (!weighted && k < forms.n)
			continue;
		row = xmalloc(flen + slen + 2);
		memcpy(row, form, flen);
		row[flen] = '\t';
		memcpy(row + flen + 1, stem, slen);
		row[flen + 1 + slen] = '\0';
		out[nout++] = row;
	}
	qsort(out, nout, sizeof(char *), cmp_str);
	for (size_t k = 0; k < nout; k++)
	{
		printf("V\t%s\n", out[k]);
		free(out[k]);
	}
	free(out);
	free(counts);
}

int
main(int argc, char **argv)
{
	NaSentimentModel model;
	double		c = 1.0;
	double		limit = 0;
	const char *mode;
	bool	   *use;
	double	   *w;
	size_t		nf;

	if (argc < 4)
		die("usage: sentiment_train train|cv|dev CUES EXAMPLES [--name=value ...]");
	mode = argv[1];
	for (int i = 4; i < argc; i++)
		set_option(argv[i], &c, &limit);
	read_cues(argv[2]);
	if (!(stemmer = sb_stemmer_new("english", "UTF_8")))
		die("no Snowball English stemmer");
	if (prior_path)
		read_prior(prior_path);
	memset(&model, 0, sizeof(model));
	model.name = "training";
	model.lookup = cue_lookup;
	model.params = params;
	read_examples(argv[3], &model);
	nf = feat_tab.n;
	{
		size_t		lost = 0;

		for (size_t e = 0; e < nexamples; e++)
			lost += !examples[e].found;
		fprintf(stderr, "sentiment_train: %zu examples, %zu targets not found, %zu features\n",
				nexamples, lost, nf);
	}
	use = xmalloc(nexamples * sizeof(bool));
	w = xmalloc((2 * nf + 2) * sizeof(double));
	if (strcmp(mode, "cv") == 0)
	{
		Confusion	cm;

		memset(&cm, 0, sizeof(cm));
		for (int k = 0; k < NFOLDS; k++)
		{
			Problem		pb = {use, c, nf};

			for (size_t e = 0; e < nexamples; e++)
				use[e] = examples[e].fold >= 0 && examples[e].fold != k && examples[e].found;
			fit(&pb, w);
			prune(w, nf, limit);
			for (size_t e = 0; e < nexamples; e++)
				if (examples[e].fold == k)
					cm.n[examples[e].label][predict(w, nf, &examples[e])]++;
		}
		report("cv", &cm);
	}
	else if (strcmp(mode, "train") == 0 || strcmp(mode, "dev") == 0)
	{
		Problem		pb = {use, c, nf};

		for (size_t e = 0; e < nexamples; e++)
			use[e] = examples[e].fold >= 0 && examples[e].found;
		fit(&pb, w);
		prune(w, nf, limit);
		if (strcmp(mode, "train") == 0)
		{
			fold(w, nf, limit);
			print_model(w, nf);
			if (vocab_path)
				print_vocabulary(vocab_path);
		}
		else
		{
			Confusion	cm;

			memset(&cm, 0, sizeof(cm));
			for (size_t e = 0; e < nexamples; e++)
				if (examples[e].fold < 0)
					cm.n[examples[e].label][predict(w, nf, &examples[e])]++;
			report("dev", &cm);
		}
	}
	else
		die("unknown mode");
	free(use);
	free(w);
	return 0;
}
