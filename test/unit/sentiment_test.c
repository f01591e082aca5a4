/*
 * sentiment_test.c
 *		Unit tests of the sentiment scorer (src/core/sentiment.c), no server
 *		needed.  Most of them plug a small hand-weighted model into the
 *		model seam, so that what is checked is the rules (mentions, scope,
 *		negation, contrast, reported speech, slots), not learned figures;
 *		a few check the built-in model on plain cases.
 */
#include "gazetteer.h"
#include "na_test.h"
#include "sentiment.h"

#include <math.h>
#include <stdlib.h>

/* ---------------------------------------------------------------------
 * A hand-weighted model: "good" positive, "bad" negative (sentence slot),
 * "near" positive only in LEFT and RIGHT, "said" as the speech cue and
 * the cue words the rules need.
 * ------------------------------------------------------------------- */

#define W0 {{0, 0}, {0, 0}, {0, 0}, {0, 0}}

static const NaSentimentWord test_words[] = {
	{"good", 0, 4, 0, 1, {{0, 2}, {0, 0}, {0, 0}, {0, 0}}},
	{"bad", 0, 3, 0, -1, {{2, 0}, {0, 0}, {0, 0}, {0, 0}}},
	{"near", 0, 4, 0, 0, {{0, 0}, {0, 3}, {0, 3}, {0, 0}}},
	{"quoted", 0, 6, 0, 0, {{0, 0}, {0, 0}, {0, 0}, {3, 0}}},
	{"not", 0, 3, NA_SC_NEGATION, 0, W0},
	{"but", 0, 3, NA_SC_CONTRAST, 0, W0},
	{"although", 0, 8, NA_SC_CONCESSIVE, 0, W0},
	{"very", 0, 4, NA_SC_INTENSIFIER, 0, W0},
	{"said", 0, 4, NA_SC_SPEECH, 0, W0},
	{"he", 0, 2, NA_SC_PRONOUN, 0, W0},
	{"she", 0, 3, NA_SC_PRONOUN, 0, W0},
	{"her", 0, 3, NA_SC_PRONOUN, 0, W0},
};

static const NaSentimentWord *
test_lookup(const NaSentimentModel *m, const char *word, size_t len, uint32_t hash)
{
	(void) m;
	(void) hash;
	for (size_t i = 0; i < sizeof(test_words) / sizeof(test_words[0]); i++)
		if (test_words[i].len == len && memcmp(test_words[i].word, word, len) == 0)
			return &test_words[i];
	return NULL;
}

static const NaSentimentModel test_model = {
	"test",
	test_lookup,
	NULL,
	{
		.near = 2,
		.negation_scope = 3,
		.pronoun_reach = 1,
		.negated = 1.0f,
		.intensified = 2.0f,
		.downtoned = 0.5f,
		.before_contrast = 0.0f,
		.after_contrast = 1.0f,
		.concessive = 0.0f,
		.reported = 1.0f,
	},
	{0, 0},
	{{0, 0}},
};

static NaSentimentResult
score(const NaSentimentModel *m, const char *text, const char *target, NaStatus *st)
{
	NaSentimentResult r;
	size_t		off = 0;

	*st = na_sentiment_text(m, text, strlen(text), target, target ? strlen(target) : 0, &r,
							&na_malloc_allocator, NULL, &off);
	return r;
}

/* One case: the polarity (and counts) toward target in text. */
typedef struct Case
{
	const char *what;
	const char *text;
	const char *target;
	NaPolarity	polarity;
	int			sentences;		/* -1: not checked */
	int			mentions;
} Case;

static const Case cases[] = {
	{"document tone, positive", "A good day. Nothing else.", NULL, NA_POL_POSITIVE, 2, 0},
	{"document tone, negative", "A bad day.", NULL, NA_POL_NEGATIVE, 1, 0},
	{"document tone, neutral", "A day.", NULL, NA_POL_NEUTRAL, 1, 0},
	{"only the target's sentences count", "Anna Berg is good. Carl Dahl is bad.", "Carl Dahl",
	NA_POL_NEGATIVE, 1, 1},
	{"surname of the full name", "Anna Berg is good. Later, Berg was bad and bad.", "Anna Berg",
	NA_POL_NEGATIVE, 2, 2},
	{"surname of a titled target", "Berg was good.", "President Anna Berg", NA_POL_POSITIVE, 1, 1},
	{"surname of an appositive target", "Berg was good.", "Anna Berg, a professor at Lund University",
	NA_POL_POSITIVE, 1, 1},
	{"a lower-case word is not the capitalized target", "the berg was bad. Berg is here.", "Berg",
	NA_POL_NEUTRAL, 1, 1},
	{"a pronoun sentence after a mention", "Berg arrived. She was very bad.", "Berg",
	NA_POL_NEGATIVE, 2, 2},
	{"pronoun sentences chain", "Berg arrived. She spoke. She was bad and bad.", "Berg",
	NA_POL_NEGATIVE, 3, 3},
	{"no pronoun sentence after a gap", "Berg arrived. It rained. She was bad.", "Berg",
	NA_POL_NEUTRAL, 1, 1},
	{"another name before the pronoun takes it", "Berg arrived. Then Carl Dahl said she was bad.",
	"Berg", NA_POL_NEUTRAL, 1, 1},
	{"negation swaps", "Berg is not good.", "Berg", NA_POL_NEGATIVE, 1, 1},
	{"negation ends at a comma", "Berg is not here, good.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"negation reaches three words", "Berg is not at all really good.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"contrast: the clause after but", "Berg was good, but bad.", "Berg", NA_POL_NEGATIVE, 1, 1},
	{"contrast: the clause after but (2)", "Berg was bad, but good.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"concession weighs nothing here", "Although bad, Berg is good.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"intensifier", "Berg is very good and bad.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"near: LEFT and RIGHT slots", "near Berg.", "Berg", NA_POL_POSITIVE, 1, 1},
	{"near: beyond the window", "near the old town Berg.", "Berg", NA_POL_NEUTRAL, 1, 1},
	{"reported: a quotation without the target", "\"Quoted words,\" Berg said.", "Berg",
	NA_POL_NEGATIVE, 1, 1},
	{"reported: the target inside the quotation", "\"Berg quoted words,\" Anna said.", "Berg",
	NA_POL_NEUTRAL, 1, 1},
	{"reported: after the target's said", "Berg said quoted things.", "Berg", NA_POL_NEGATIVE, 1, 1},
	{"a multiword target as a sequence", "Anna Berg Lund was good. Berg was bad.", "Anna Berg Lund",
	NA_POL_POSITIVE, 1, 1},
	{"the target everywhere", "Berg Berg Berg. Berg.", "Berg", NA_POL_NEUTRAL, 2, 2},
	{"a pronoun target", "She was good.", "she", NA_POL_POSITIVE, 1, 1},
	{"a target never named", "Anna was good.", "Berg", NA_POL_NEUTRAL, 0, 0},
	{"a possessive mention", "Berg's plan was good.", "Berg", NA_POL_POSITIVE, 1, 1},
};

/* trace: the slots of a word in the traced sentence */
typedef struct Seen
{
	const char *word;
	uint8_t		slots;
	bool		flip;
	float		value;
	bool		found;
	float		features[NA_SF_COUNT];
} Seen;

static void
on_trace(const NaSentimentTrace *t, void *arg)
{
	Seen	   *s = arg;

	memcpy(s->features, t->features, sizeof(s->features));
	for (size_t i = 0; i < t->nocc; i++)
		if (t->occ[i].len == strlen(s->word) && memcmp(t->occ[i].word, s->word, t->occ[i].len) == 0)
		{
			s->slots = t->occ[i].slots;
			s->flip = t->occ[i].flip;
			s->value = t->occ[i].value;
			s->found = true;
		}
}

static Seen
trace(const char *text, const char *target, const char *word)
{
	Seen		s;
	NaDoc	   *doc;
	NaSentiment *x;

	memset(&s, 0, sizeof(s));
	s.word = word;
	na_doc_create(text, strlen(text), NA_DOC_SENTENCES | NA_DOC_NORMS, &na_malloc_allocator,
				  NULL, &doc);
	if (na_sentiment_create(doc, &test_model, target, target ? strlen(target) : 0,
							&na_malloc_allocator, NULL, &x) == NA_OK)
	{
		na_sentiment_set_trace(x, on_trace, &s);
		while (na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
			na_sentiment_window(x);
		na_sentiment_destroy(x);
	}
	na_doc_destroy(doc);
	return s;
}

typedef struct EntCollect
{
	char		out[1024];
	size_t		n;
} EntCollect;

static bool
on_entity(const NaEntitySentiment *e, void *arg)
{
	EntCollect *c = arg;

	c->n += snprintf(c->out + c->n, sizeof(c->out) - c->n, "%s%.*s:%s:%s:%u",
					 c->n ? "|" : "", (int) e->canonical_len, e->canonical,
					 na_entity_type_name(e->type), na_polarity_name(e->result.polarity),
					 e->result.mentions);
	if (c->n >= sizeof(c->out))
		c->n = sizeof(c->out) - 1;
	return true;
}

int
main(void)
{
	NaStatus	st;
	NaSentimentResult r;

	/* the rules, with the hand-weighted model */
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];

		r = score(&test_model, c->text, c->target, &st);
		CHECK(st == NA_OK && r.polarity == c->polarity &&
			  (c->sentences < 0 || (int) r.sentences == c->sentences) &&
			  (int) r.mentions == c->mentions,
			  "%s: %s, %u sentences, %u mentions", c->what, na_polarity_name(r.polarity),
			  r.sentences, r.mentions);
	}

	/* slots, values and features, seen through the trace hook */
	{
		Seen		s = trace("near Berg stays.", "Berg", "near");

		CHECK(s.found && s.slots == ((1 << NA_SS_SENTENCE) | (1 << NA_SS_LEFT)),
			  "a word just before a mention is SENTENCE and LEFT");
		s = trace("Berg stays near.", "Berg", "near");
		CHECK(s.found && s.slots == ((1 << NA_SS_SENTENCE) | (1 << NA_SS_RIGHT)),
			  "a word just after a mention is SENTENCE and RIGHT");
		s = trace("Berg is not good.", "Berg", "good");
		CHECK(s.found && s.flip, "a negated word is swapped");
		s = trace("Berg is very good.", "Berg", "good");
		CHECK(s.found && fabsf(s.value - 2.0f) < 1e-6f, "an intensified word weighs 2 (got %g)", s.value);
		s = trace("Berg was good, but bad.", "Berg", "good");
		CHECK(s.found && s.value == 0.0f, "a word before but weighs before_contrast (got %g)", s.value);
		s = trace("\"Quoted,\" Berg said.", "Berg", "quoted");
		CHECK(s.found && (s.slots & (1 << NA_SS_REPORTED)) && s.features[NA_SF_SPEAKER] == 1.0f,
			  "a quotation of the speaking target is REPORTED, and the target a speaker");
		s = trace("Berg arrived. He stayed good.", "Berg", "good");
		CHECK(s.found && s.features[NA_SF_PRONOUN] == 1.0f, "a pronoun sentence has the PRONOUN feature");
		s = trace("Berg is good?", "Berg", "good");
		CHECK(s.found && s.features[NA_SF_QUESTION] == 1.0f && s.features[NA_SF_SUBJECT] == 1.0f,
			  "a question opened by the target: QUESTION and SUBJECT");
		s = trace("President Berg is good.", "Berg", "president");
		CHECK(!s.found, "capitalized words next to a mention belong to it");
	}

	/* word shares */
	r = score(&test_model, "good good bad x", NULL, &st);
	CHECK(st == NA_OK && fabsf(r.positive - 50.0f) < 1e-4f && fabsf(r.negative - 25.0f) < 1e-4f &&
		  r.words == 4, "word shares: %g%% positive, %g%% negative of %u words", r.positive,
		  r.negative, r.words);
	r = score(&test_model, "not good", NULL, &st);
	CHECK(st == NA_OK && r.negative == 50.0f && r.positive == 0, "a negated word counts the other way");

	/* bad arguments and input */
	r = score(&test_model, "Berg.", "", &st);
	CHECK(st == NA_ERR_BAD_ARGUMENT, "an empty target is a bad argument");
	r = score(&test_model, "Berg.", " -- ", &st);
	CHECK(st == NA_ERR_BAD_ARGUMENT, "a target of punctuation is a bad argument");
	{
		char		big[1024] = "";

		for (int i = 0; i < 70; i++)
			strcat(big, "w ");
		r = score(&test_model, "Berg.", big, &st);
		CHECK(st == NA_ERR_BAD_ARGUMENT, "a target of 70 words is a bad argument");
	}
	{
		size_t		off = 0;

		st = na_sentiment_text(&test_model, "good \xff bad", 10, NULL, 0, &r,
							   &na_malloc_allocator, NULL, &off);
		CHECK(st == NA_ERR_INVALID_UTF8 && off == 5, "invalid UTF-8 is reported at its offset (%zu)", off);
	}
	{
		NaDoc	   *doc;
		NaSentiment *x;

		na_doc_create("x", 1, NA_DOC_TOKENS, &na_malloc_allocator, NULL, &doc);
		st = na_sentiment_create(doc, &test_model, NULL, 0, &na_malloc_allocator, NULL, &x);
		CHECK(st == NA_ERR_BAD_ARGUMENT && x == NULL, "a document without sentences and norms is refused");
		na_doc_destroy(doc);
	}
	r = score(&test_model, "", NULL, &st);
	CHECK(st == NA_OK && r.polarity == NA_POL_NEUTRAL && r.sentences == 0 && r.score == 0,
		  "an empty text is neutral, nothing read");

	/* windows: a pronoun sentence right after a window boundary */
	{
		size_t		n = 40000;
		char	   *text = malloc(n * 6 + 64);
		char	   *p = text;

		for (size_t i = 0; i < n; i++)
		{
			memcpy(p, "x x. ", 5);
			p += 5;
		}
		strcpy(p, "Berg left. She was bad.");
		r = score(&test_model, text, "Berg", &st);
		CHECK(st == NA_OK && r.sentences == 2 && r.mentions == 2 && r.polarity == NA_POL_NEGATIVE,
			  "a long text: mention and pronoun at its end (%u sentences)", r.sentences);
		free(text);
	}

	/* entities: each with its own sentences, a pronoun to the person named last */
	{
		NaGazetteer *g;
		EntCollect	c;
		const char *text = "Anna Berg is good. Carl Dahl is bad. He was bad again. Berg left.";

		na_gazetteer_create(&na_malloc_allocator, &g);
		na_gazetteer_add(g, "Anna Berg", 9, "Anna Berg", 9, NA_ENT_PERSON, NULL, 0);
		na_gazetteer_add(g, "Carl Dahl", 9, "Carl Dahl", 9, NA_ENT_PERSON, NULL, 0);
		memset(&c, 0, sizeof(c));
		st = na_entity_sentiment_extract(g, &test_model, text, strlen(text), NULL, 0, on_entity, &c,
										 &na_malloc_allocator, NULL, NULL);
		CHECK_STR(st == NA_OK ? c.out : "error",
				  "Anna Berg:PERSON:positive:2|Carl Dahl:PERSON:negative:2",
				  "entity sentiment: names, pronouns to the person named last");
		na_gazetteer_destroy(g);
	}

	/* the built-in model on plain cases */
	{
		const NaSentimentModel *m = na_sentiment_builtin_model();

		r = score(m, "The mayor was praised for her excellent and successful work.", NULL, &st);
		CHECK(st == NA_OK && r.polarity == NA_POL_POSITIVE && r.positive > 0,
			  "built-in model: praise is positive (%s, %g%% positive words)",
			  na_polarity_name(r.polarity), r.positive);
		r = score(m, "Critics accused the mayor of corruption and called the plan a disaster.",
				  "mayor", &st);
		CHECK(st == NA_OK && r.polarity == NA_POL_NEGATIVE && r.negative > 0,
			  "built-in model: accusations are negative (%s)", na_polarity_name(r.polarity));
		r = score(m, "Smith did a good job.", "Smith", &st);
		{
			NaSentimentResult r2 = score(m, "Smith did not do a good job.", "Smith", &st);

			CHECK(st == NA_OK && r2.score < r.score, "built-in model: negation lowers the score (%g < %g)",
				  r2.score, r.score);
		}
		CHECK(strcmp(m->name, "newsmtsc-lr-1") == 0, "built-in model is %s", m->name);
	}
	return na_test_done();
}
