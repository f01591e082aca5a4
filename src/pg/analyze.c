/*
 * analyze.c (glue)
 *		news.analyze: everything a document yields, as one jsonb value, from
 *		one pass over one analysed document.
 *
 * The core (src/core/analyze.c) reads the document once and calls back
 * with index terms, entities, quotations, dates, the tone, keyphrases and
 * the summary's sentences (na_clean lists the boilerplate of the same
 * body); the callbacks here copy what they get into rows (strings in one
 * arena), and the jsonb value is assembled at the end, one section after
 * the other (pushJsonbValue keeps pointers to the strings until the value
 * is built, so every string it gets stays put until then):
 *
 *	{"terms":    ["term", ...],							news.tokenize(body)
 *	 "entities": [{"entity", "type", "mention", "start", "length",
 *				   "sentence", "confidence"}, ...],		news.entities(body)
 *	 "quotes":   [{"quote", "speaker", "speaker_mention", "start",
 *				   "length", "kind", "cue", "speaker_start",
 *				   "speaker_length", "cue_start", "cue_length",
 *				   "content_start", "content_length",
 *				   "confidence"}, ...],					news.quotes(body)
 *	 "dates":    [{"mention", "date", "grain", "start", "length"}, ...],
 *	 "boilerplate": [{"start", "length", "kind", "text"}, ...],
 *														news.boilerplate(body)
 *	 "sentiment": {"polarity", "score", "positive", "negative",
 *				   "sentences", "mentions", "words"},	news.sentiment(body)
 *	 "keyphrases": [{"phrase", "score", "count", "kind", "start",
 *				   "length"}, ...],						news.keywords(body)
 *	 "summary":  [{"sentence", "text", "start", "length",
 *				   "score"}, ...]}						news.summary(body)
 *
 * The keys of a row are the column names of the function named on the
 * right, so jsonb_to_recordset gives back its rows (jsonb_to_record the
 * one row of the document's tone); the keyphrases are the default 10,
 * best first, weighed by the built-in background as news.keywords(body)
 * weighs them, and the summary the default 3 sentences, in text order.
 * The dates are the DATE entities of the same document (the pattern set of
 * news.entities, user patterns included) resolved as news.dates resolves
 * them.
 */
#include "postgres.h"

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "analyze.h"
#include "clean.h"
#include "dates.h"
#include "entities_pg.h"
#include "na_glue.h"
#include "na_patterns_pg.h"
#include "keywords.h"
#include "sentiment.h"
#include "summary.h"

/* The number of keyphrases and of summary sentences: the defaults of
 * news.keywords(body) and news.summary(body) (72_keywords.sql,
 * 73_summary.sql). */
#define ANALYZE_KEYPHRASES	10
#define ANALYZE_SENTENCES	3

/* A string of the arena: offset and length. */
typedef struct Str
{
	uint32		off;
	uint32		len;
} Str;

typedef struct EntityRow
{
	Str			entity;
	Str			type;
	uint32		start;			/* mention: bytes of the body */
	uint32		len;
	int32		cstart;
	int32		clen;
	int32		sentence;
	float4		confidence;
} EntityRow;

/* a 1-based character span of a quotation row, or absent */
typedef struct SpanCol
{
	bool		present;
	int32		start;
	int32		length;
} SpanCol;

typedef struct QuoteRow
{
	Str			quote;
	Str			speaker;
	Str			mention;
	Str			cue;
	bool		has_speaker;
	bool		has_mention;
	bool		has_cue;
	int32		cstart;
	int32		clen;
	NaQuoteKind kind;
	SpanCol		mention_span;
	SpanCol		cue_span;
	SpanCol		content;
	float4		confidence;
} QuoteRow;

typedef struct KeyphraseRow
{
	uint32		start;			/* the phrase: bytes of the body */
	uint32		len;
	float4		score;
	int32		count;
	NaKeyphraseKind kind;
	int32		cstart;
	int32		clen;
} KeyphraseRow;

typedef struct SummaryRow
{
	int32		number;
	uint32		start;			/* the text: bytes of the body */
	uint32		len;
	int32		cstart;
	int32		clen;
	float4		score;
} SummaryRow;

typedef struct DateRow
{
	uint32		start;			/* mention: bytes of the body */
	uint32		len;
	int32		cstart;
	int32		clen;
	NaDateResult date;
} DateRow;

/* The rows of every section while the document is read. */
typedef struct Sections
{
	const char *body;
	NaBuf		arena;			/* strings */
	NaBuf		terms;			/* Str */
	NaBuf		entities;		/* EntityRow */
	NaBuf		quotes;			/* QuoteRow */
	NaBuf		dates;			/* DateRow */
	NaBuf		keyphrases;		/* KeyphraseRow */
	NaBuf		summary;		/* SummaryRow */
	NaSentimentResult tone;		/* the document's tone */
	NaStatus	st;
} Sections;

/* keep: s[0..len) into the arena */
static Str
keep(Sections *x, const char *s, size_t len)
{
	Str			r = {(uint32) x->arena.len, (uint32) len};

	if (x->st == NA_OK)
		x->st = na_buf_append(&x->arena, s, len);
	return r;
}

/* add_row appends one row of size bytes to a section */
static void
add_row(Sections *x, NaBuf *section, const void *row, size_t size)
{
	if (x->st == NA_OK)
		x->st = na_buf_append(section, row, size);
}

static bool
on_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	Sections   *x = arg;
	Str			s = keep(x, term, len);

	add_row(x, &x->terms, &s, sizeof(s));
	return x->st == NA_OK;
}

static bool
on_entity(const NaEntity *e, void *arg)
{
	Sections   *x = arg;
	EntityRow	r;

	r.entity = keep(x, e->canonical, e->canonical_len);
	r.type = keep(x, e->type_name, strlen(e->type_name));
	r.start = (uint32) e->start;
	r.len = (uint32) e->len;
	r.cstart = (int32) e->cstart + 1;
	r.clen = (int32) e->clen;
	r.sentence = (int32) e->sentence;
	r.confidence = e->confidence;
	add_row(x, &x->entities, &r, sizeof(r));
	return x->st == NA_OK;
}

static SpanCol
span_col(const NaQuoteSpan *sp)
{
	SpanCol		c = {true, (int32) sp->cstart + 1, (int32) sp->clen};

	return c;
}

static bool
on_quote(const NaQuote *q, void *arg)
{
	Sections   *x = arg;
	QuoteRow	r;

	memset(&r, 0, sizeof(r));
	r.quote = keep(x, q->text, q->text_len);
	if (q->speaker)
	{
		r.has_speaker = true;
		r.speaker = keep(x, q->speaker, q->speaker_len);
	}
	if (q->mention)
	{
		r.has_mention = true;
		r.mention = keep(x, q->mention, q->mention_len);
		r.mention_span = span_col(&q->mention_span);
	}
	if (q->cue)
	{
		r.has_cue = true;
		r.cue = keep(x, q->cue, q->cue_len);
		r.cue_span = span_col(&q->cue_span);
	}
	if (q->content.len > 0)
		r.content = span_col(&q->content);
	r.cstart = (int32) q->quote.cstart + 1;
	r.clen = (int32) q->quote.clen;
	r.kind = q->kind;
	r.confidence = q->confidence;
	add_row(x, &x->quotes, &r, sizeof(r));
	return x->st == NA_OK;
}

static bool
on_date(const NaDateMention *m, void *arg)
{
	Sections   *x = arg;
	DateRow		r;

	r.start = (uint32) m->start;
	r.len = (uint32) m->len;
	r.cstart = (int32) m->cstart + 1;
	r.clen = (int32) m->clen;
	r.date = m->date;
	add_row(x, &x->dates, &r, sizeof(r));
	return x->st == NA_OK;
}

static bool
on_keyphrase(const NaKeyphrase *kp, void *arg)
{
	Sections   *x = arg;
	KeyphraseRow r;

	/* the phrase is in the body, as news.keywords copies it */
	r.start = (uint32) (kp->phrase - x->body);
	r.len = (uint32) kp->phrase_len;
	r.score = kp->score;
	r.count = (int32) Min(kp->count, (uint32) PG_INT32_MAX);
	r.kind = kp->kind;
	r.cstart = (int32) kp->cstart + 1;
	r.clen = (int32) kp->clen;
	add_row(x, &x->keyphrases, &r, sizeof(r));
	return x->st == NA_OK;
}

static bool
on_sentence(const NaSummarySentence *s, void *arg)
{
	Sections   *x = arg;
	SummaryRow	r;

	r.number = (int32) Min(s->number, (uint32) PG_INT32_MAX);
	r.start = (uint32) (s->text - x->body);
	r.len = (uint32) s->len;
	r.cstart = (int32) s->cstart + 1;
	r.clen = (int32) s->clen;
	r.score = s->score;
	add_row(x, &x->summary, &r, sizeof(r));
	return x->st == NA_OK;
}

/* ---------------------------------------------------------------------
 * jsonb
 * ------------------------------------------------------------------- */

static void
push_string(JsonbParseState **js, JsonbIteratorToken t, const char *s, size_t len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = (int) len;
	pushJsonbValue(js, t, &v);
}

static void
push_key(JsonbParseState **js, const char *key)
{
	push_string(js, WJB_KEY, key, strlen(key));
}

static void
push_int(JsonbParseState **js, const char *key, int64 i)
{
	JsonbValue	v;

	push_key(js, key);
	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(i);
	pushJsonbValue(js, WJB_VALUE, &v);
}

static void
push_null(JsonbParseState **js, const char *key)
{
	JsonbValue	v;

	push_key(js, key);
	v.type = jbvNull;
	pushJsonbValue(js, WJB_VALUE, &v);
}

static void
push_text(JsonbParseState **js, const char *key, const char *s, size_t len)
{
	push_key(js, key);
	push_string(js, WJB_VALUE, s, len);
}

static void
push_str(JsonbParseState **js, const Sections *x, const char *key, Str s)
{
	push_text(js, key, x->arena.data + s.off, s.len);
}

/*
 * push_real: a real as the shortest decimal that reads back as the same
 * real (0.95, not 0.949999988; 0.46998832, not 0.469988), as real's text
 * form shows it, so that the value casts back to the very real
 */
static void
push_real(JsonbParseState **js, const char *key, float4 f)
{
	JsonbValue	v;
	char		buf[FLOAT_SHORTEST_DECIMAL_LEN];

	push_key(js, key);
	float_to_shortest_decimal_buf(f, buf);
	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
														ObjectIdGetDatum(InvalidOid),
														Int32GetDatum(-1)));
	pushJsonbValue(js, WJB_VALUE, &v);
}

/* a span's start and length under two keys, or two nulls */
static void
push_span(JsonbParseState **js, const char *start_key, const char *length_key, const SpanCol *c)
{
	if (c->present)
	{
		push_int(js, start_key, c->start);
		push_int(js, length_key, c->length);
	}
	else
	{
		push_null(js, start_key);
		push_null(js, length_key);
	}
}

/* sections_jsonb assembles the sections into one object; c: what
 * news.clean removes from the body */
static Jsonb *
sections_jsonb(const Sections *x, const NaClean *c)
{
	JsonbParseState *js = NULL;
	JsonbValue *top;
	size_t		n;

	pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);

	push_key(&js, "terms");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->terms.len / sizeof(Str);
	for (size_t i = 0; i < n; i++)
	{
		const Str  *s = &((const Str *) x->terms.data)[i];

		push_string(&js, WJB_ELEM, x->arena.data + s->off, s->len);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "entities");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->entities.len / sizeof(EntityRow);
	for (size_t i = 0; i < n; i++)
	{
		const EntityRow *r = &((const EntityRow *) x->entities.data)[i];

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_str(&js, x, "entity", r->entity);
		push_str(&js, x, "type", r->type);
		push_text(&js, "mention", x->body + r->start, r->len);
		push_int(&js, "start", r->cstart);
		push_int(&js, "length", r->clen);
		push_int(&js, "sentence", r->sentence);
		push_real(&js, "confidence", r->confidence);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "quotes");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->quotes.len / sizeof(QuoteRow);
	for (size_t i = 0; i < n; i++)
	{
		const QuoteRow *r = &((const QuoteRow *) x->quotes.data)[i];

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_str(&js, x, "quote", r->quote);
		if (r->has_speaker)
			push_str(&js, x, "speaker", r->speaker);
		else
			push_null(&js, "speaker");
		if (r->has_mention)
			push_str(&js, x, "speaker_mention", r->mention);
		else
			push_null(&js, "speaker_mention");
		push_int(&js, "start", r->cstart);
		push_int(&js, "length", r->clen);
		push_text(&js, "kind", na_quote_kind_name(r->kind), strlen(na_quote_kind_name(r->kind)));
		if (r->has_cue)
			push_str(&js, x, "cue", r->cue);
		else
			push_null(&js, "cue");
		push_span(&js, "speaker_start", "speaker_length", &r->mention_span);
		push_span(&js, "cue_start", "cue_length", &r->cue_span);
		push_span(&js, "content_start", "content_length", &r->content);
		push_real(&js, "confidence", r->confidence);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "dates");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->dates.len / sizeof(DateRow);
	for (size_t i = 0; i < n; i++)
	{
		const DateRow *r = &((const DateRow *) x->dates.data)[i];
		const char *grain = na_date_grain_name(r->date.grain);

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_text(&js, "mention", x->body + r->start, r->len);
		if (r->date.resolved)
		{
			int			y,
						m,
						d;
			char	   *iso;

			/* ISO 8601 whatever DateStyle, as to_jsonb(date) writes it;
			 * palloc'd, since the value is read when the object is built */
			na_civil_from_days(r->date.day, &y, &m, &d);
			iso = psprintf("%04d-%02d-%02d", y, m, d);
			push_text(&js, "date", iso, strlen(iso));
		}
		else
			push_null(&js, "date");
		if (grain)
			push_text(&js, "grain", grain, strlen(grain));
		else
			push_null(&js, "grain");
		push_int(&js, "start", r->cstart);
		push_int(&js, "length", r->clen);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "boilerplate");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	for (size_t i = 0; i < c->nremovals; i++)
	{
		const NaCleanRemoval *r = &c->removals[i];
		const char *kind = na_clean_kind_name(r->kind);

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_int(&js, "start", (int64) r->cstart + 1);
		push_int(&js, "length", r->clen);
		push_text(&js, "kind", kind, strlen(kind));
		push_text(&js, "text", x->body + r->start, r->len);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "sentiment");
	pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
	{
		const char *pol = na_polarity_name(x->tone.polarity);

		push_text(&js, "polarity", pol, strlen(pol));
	}
	push_real(&js, "score", x->tone.score);
	push_real(&js, "positive", x->tone.positive);
	push_real(&js, "negative", x->tone.negative);
	push_int(&js, "sentences", x->tone.sentences);
	push_int(&js, "mentions", x->tone.mentions);
	push_int(&js, "words", x->tone.words);
	pushJsonbValue(&js, WJB_END_OBJECT, NULL);

	push_key(&js, "keyphrases");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->keyphrases.len / sizeof(KeyphraseRow);
	for (size_t i = 0; i < n; i++)
	{
		const KeyphraseRow *r = &((const KeyphraseRow *) x->keyphrases.data)[i];
		const char *kind = na_keyphrase_kind_name(r->kind);

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_text(&js, "phrase", x->body + r->start, r->len);
		push_real(&js, "score", r->score);
		push_int(&js, "count", r->count);
		push_text(&js, "kind", kind, strlen(kind));
		push_int(&js, "start", r->cstart);
		push_int(&js, "length", r->clen);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	push_key(&js, "summary");
	pushJsonbValue(&js, WJB_BEGIN_ARRAY, NULL);
	n = x->summary.len / sizeof(SummaryRow);
	for (size_t i = 0; i < n; i++)
	{
		const SummaryRow *r = &((const SummaryRow *) x->summary.data)[i];

		pushJsonbValue(&js, WJB_BEGIN_OBJECT, NULL);
		push_int(&js, "sentence", r->number);
		push_text(&js, "text", x->body + r->start, r->len);
		push_int(&js, "start", r->cstart);
		push_int(&js, "length", r->clen);
		push_real(&js, "score", r->score);
		pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&js, WJB_END_ARRAY, NULL);

	top = pushJsonbValue(&js, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(top);
}

/*
 * news.analyze(body text, published timestamptz): index terms, entities,
 * quotations, dates, boilerplate, tone, keyphrases and summary of body in
 * one jsonb value
 */
PG_FUNCTION_INFO_V1(news_analyze);
Datum
news_analyze(PG_FUNCTION_ARGS)
{
	text	   *body;
	const char *s;
	size_t		len;
	int32		published = 0;
	bool		has_published = false;
	NaDoc	   *doc;
	Sections	x;
	NaAnalysis	a;
	NaClean		clean;
	NaStatus	st;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	body = PG_GETARG_TEXT_PP(0);
	if (!PG_ARGISNULL(1))
	{
		/* the day of publication in the session's time zone */
		DateADT		day = DatumGetDateADT(DirectFunctionCall1(timestamptz_date,
															  PG_GETARG_DATUM(1)));

		has_published = !DATE_NOT_FINITE(day);
		published = (int32) day;
	}
	s = na_pg_text(body, &len);
	na_pg_require_utf8(s, len);

	memset(&x, 0, sizeof(x));
	x.body = s;
	na_buf_init(&x.arena, na_pg_allocator());
	na_buf_init(&x.terms, na_pg_allocator());
	na_buf_init(&x.entities, na_pg_allocator());
	na_buf_init(&x.quotes, na_pg_allocator());
	na_buf_init(&x.dates, na_pg_allocator());
	na_buf_init(&x.keyphrases, na_pg_allocator());
	na_buf_init(&x.summary, na_pg_allocator());

	memset(&a, 0, sizeof(a));
	a.arg = &x;
	a.lexer = na_pg_lexer("english");
	a.term = on_term;
	a.gazetteer = na_pg_gazetteer();
	a.model = na_pg_default_entity_tagger(fcinfo, a.gazetteer);	/* as news.entities */
	a.entity = on_entity;
	a.quote = on_quote;
	a.date = on_date;
	a.sentiment = na_sentiment_builtin_model();
	a.tone = &x.tone;
	a.published = has_published ? &published : NULL;
	a.english = a.lexer;
	a.corpus = NULL;			/* the background, as news.keywords(body) */
	a.keyphrase = on_keyphrase;
	a.keyphrases = ANALYZE_KEYPHRASES;
	a.summary = on_sentence;
	a.sentences = ANALYZE_SENTENCES;

	doc = na_pg_names_doc(s, len);
	st = na_analyze(doc, &a, na_pg_allocator());
	na_pg_check_at(st, "news.analyze", na_doc_error_offset(doc));
	na_pg_check(x.st, "news.analyze");
	na_doc_destroy(doc);
	/* what news.clean removes (the bytes are checked UTF-8 above) */
	st = na_clean(s, len, NA_CLEAN_REMOVALS | NA_CLEAN_VALID_UTF8, na_pg_allocator(),
				  na_pg_yield(), &clean);
	na_pg_check(st, "news.analyze");
	PG_RETURN_JSONB_P(sections_jsonb(&x, &clean));
}
