/*
 * tokenize.c
 *		SQL functions over the core tokenizer: news.tokenize, news.tokens,
 *		news.sentences, and the text search parser and dictionary behind the
 *		news.english and news.simple configurations.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "na_glue.h"
#include "lexer.h"
#include "sentences.h"
#include "tokenizer.h"

/*
 * Lexers are built once per backend and configuration and kept in their
 * own memory context: the Snowball stemmer and the term cache are worth
 * reusing from row to row.
 */
#define MAX_LEXERS 8

static MemoryContext lexer_cxt = NULL;
static NaAllocator lexer_alloc;
static NaLexer *lexers[MAX_LEXERS];
static int	nlexers = 0;

/* na_pg_lexer returns the backend's lexer for config, creating it once. */
NaLexer *
na_pg_lexer(const char *config)
{
	NaLexer    *lx;
	NaStatus	st;

	for (int i = 0; i < nlexers; i++)
		if (strcmp(na_lexer_config(lexers[i]), config) == 0)
			return lexers[i];
	if (lexer_cxt == NULL)
	{
		lexer_cxt = AllocSetContextCreate(TopMemoryContext, "news_analytics lexers",
										  ALLOCSET_DEFAULT_SIZES);
		lexer_alloc = na_pg_context_allocator(lexer_cxt);
	}
	st = na_lexer_create(config, &lexer_alloc, &lx);
	if (st == NA_ERR_BAD_CONFIG)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("text configuration \"%s\" does not exist", config),
				 errhint("Known configurations: %s.", na_lexer_languages())));
	na_pg_check(st, NULL);
	if (nlexers == MAX_LEXERS)
	{
		/* rarely more than two are in use; drop the oldest */
		na_lexer_destroy(lexers[0]);
		memmove(lexers, lexers + 1, sizeof(lexers[0]) * (MAX_LEXERS - 1));
		nlexers--;
	}
	lexers[nlexers++] = lx;
	return lx;
}

/* Terms of one document, laid out as a text[]: header, then elements. */
typedef struct TermArray
{
	NaBuf		data;
	int			n;
} TermArray;

/* copy_ends: copy len bytes (width to 2 * width) as two overlapping moves
 * of width bytes each */
static inline void
copy_ends(char *d, const char *s, size_t len, size_t width)
{
	char		a[8],
				b[8];

	memcpy(a, s, width);
	memcpy(b, s + len - width, width);
	memcpy(d, a, width);
	memcpy(d + len - width, b, width);
}

/*
 * copy_term: copy a term of len bytes with at most two moves for up to 16
 * bytes, the length of almost every term (memcpy is a library call for a
 * length it does not know).
 */
static inline void
copy_term(char *d, const char *s, size_t len)
{
	if (len > 16)
		memcpy(d, s, len);
	else if (len >= 8)
		copy_ends(d, s, len, 8);
	else if (len >= 4)
		copy_ends(d, s, len, 4);
	else if (len > 0)
	{
		d[0] = s[0];
		d[len / 2] = s[len / 2];
		d[len - 1] = s[len - 1];
	}
}

static bool
collect_term(const char *term, size_t len, const NaToken *tok, void *arg)
{
	TermArray  *ta = (TermArray *) arg;
	size_t		size = INTALIGN(VARHDRSZ + len);
	char	   *p;

	if ((ta->data.cap - ta->data.len < size && na_buf_reserve(&ta->data, size) != NA_OK) ||
		ta->n >= (int) MaxArraySize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many terms for one array")));
	p = ta->data.data + ta->data.len;
	/* zero the alignment padding (within the last word) first */
	*(uint32 *) (p + size - 4) = 0;
	SET_VARSIZE(p, VARHDRSZ + len);
	copy_term(p + VARHDRSZ, term, len);
	ta->data.len += size;
	ta->n++;
	return true;
}

/*
 * build_text_array: the one-dimensional text[] whose header was reserved at
 * the front of the element area (see news_tokenize): no Datum per element
 * and no copy of the elements.
 */
static ArrayType *
build_text_array(TermArray *ta)
{
	ArrayType  *arr;

	if (ta->n == 0)
		return construct_empty_array(TEXTOID);
	if (ta->data.len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("array of terms is too large")));
	arr = (ArrayType *) ta->data.data;
	SET_VARSIZE(arr, ta->data.len);
	arr->ndim = 1;
	arr->dataoffset = 0;
	arr->elemtype = TEXTOID;
	ARR_DIMS(arr)[0] = ta->n;
	ARR_LBOUND(arr)[0] = 1;
	return arr;
}

/* news.tokenize(body text, config text) returns text[]: the index terms */
PG_FUNCTION_INFO_V1(news_tokenize);
Datum
news_tokenize(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(1));
	size_t		len;
	const char *s = na_pg_text(body, &len);
	NaLexer    *lx = na_pg_lexer(config);
	TermArray	ta;
	size_t		bad = 0;
	NaStatus	st;

	/* room for the array header first, and for about as many term bytes as
	 * the text has, so that most articles need no reallocation */
	na_buf_init(&ta.data, na_pg_allocator());
	na_pg_check(na_buf_reserve(&ta.data, ARR_OVERHEAD_NONULLS(1) + Min(len, MaxAllocSize / 2) + 64),
				"news.tokenize");
	memset(ta.data.data, 0, ARR_OVERHEAD_NONULLS(1));
	ta.data.len = ARR_OVERHEAD_NONULLS(1);
	ta.n = 0;
	st = na_lexer_terms(lx, s, len, collect_term, &ta, na_pg_yield(), &bad);
	na_pg_check_at(st, "news.tokenize", bad);
	PG_RETURN_ARRAYTYPE_P(build_text_array(&ta));
}

/* State of news.tokens and news.sentences while they return their rows. */
typedef struct SplitOut
{
	NaSrf		srf;
	const char *text;
	int32		position;
	text	   *kinds[NA_TOK_KIND_MAX + 1];
} SplitOut;

static bool
emit_token(const NaToken *tok, uint32_t sentence, void *arg)
{
	SplitOut   *out = (SplitOut *) arg;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	na_pg_srf_row(&out->srf);
	values[0] = Int32GetDatum(++out->position);
	values[1] = PointerGetDatum(na_pg_text_from(out->text + tok->start, tok->len));
	values[2] = PointerGetDatum(out->kinds[tok->kind]);
	values[3] = Int32GetDatum((int32) (tok->cstart + 1));
	values[4] = Int32GetDatum((int32) tok->clen);
	values[5] = Int32GetDatum((int32) sentence);
	na_pg_srf_put(&out->srf, values, nulls);
	return true;
}

static bool
emit_sentence(const NaSentence *sent, void *arg)
{
	SplitOut   *out = (SplitOut *) arg;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	na_pg_srf_row(&out->srf);
	values[0] = Int32GetDatum((int32) sent->number);
	values[1] = Int32GetDatum((int32) (sent->cstart + 1));
	values[2] = Int32GetDatum((int32) sent->clen);
	values[3] = PointerGetDatum(na_pg_text_from(out->text + sent->start, sent->len));
	na_pg_srf_put(&out->srf, values, nulls);
	return true;
}

/*
 * split_srf runs the sentence splitter over the text argument of a
 * materialized set-returning function, with one row per token (tokfn) or
 * per sentence (sentfn).
 */
static Datum
split_srf(FunctionCallInfo fcinfo, NaSplitTokenFn tokfn, NaSentenceFn sentfn, const char *what)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = na_pg_text(body, &len);
	SplitOut	out;
	size_t		bad = 0;
	NaStatus	st;

	na_pg_srf_begin(&out.srf, fcinfo);
	out.text = s;
	out.position = 0;
	for (int k = 1; k <= NA_TOK_KIND_MAX; k++)
		out.kinds[k] = tokfn ? cstring_to_text(na_token_kind_name(k)) : NULL;
	st = na_split(s, len, tokfn, sentfn, &out, na_pg_yield(), &bad);
	na_pg_check_at(st, what, bad);
	na_pg_srf_end(&out.srf);
	return (Datum) 0;
}

/* news.tokens(body text) returns every token with kind, offsets, sentence */
PG_FUNCTION_INFO_V1(news_tokens);
Datum
news_tokens(PG_FUNCTION_ARGS)
{
	return split_srf(fcinfo, emit_token, NULL, "news.tokens");
}

/* news.sentences(body text) returns each sentence with its offsets */
PG_FUNCTION_INFO_V1(news_sentences);
Datum
news_sentences(PG_FUNCTION_ARGS)
{
	return split_srf(fcinfo, NULL, emit_sentence, "news.sentences");
}

/*
 * Text search parser.  Tokens are scanned one at a time as gettoken asks
 * for them, as the default parser does: memory stays constant whatever the
 * length of the document, and the scanner's yield hook honours
 * cancellation every NA_YIELD_EVERY bytes.  The white space between tokens
 * is handed out as "blank" tokens so that the document is covered end to
 * end.
 */
#define TS_BLANK (NA_TOK_KIND_MAX + 1)

typedef struct ParserState
{
	NaScanner	scanner;
	char	   *text;
	int			len;
	NaToken		tok;			/* scanned, not yet handed out */
	bool		have_tok;
	size_t		pos;			/* byte position of the next output */
} ParserState;

/* news.parser_start(internal, int4): start scanning a document */
PG_FUNCTION_INFO_V1(news_parser_start);
Datum
news_parser_start(PG_FUNCTION_ARGS)
{
	ParserState *ps = palloc0(sizeof(ParserState));

	ps->text = (char *) PG_GETARG_POINTER(0);
	ps->len = PG_GETARG_INT32(1);
	na_pg_require_utf8(ps->text, ps->len);
	na_scanner_init(&ps->scanner, ps->text, ps->len, na_pg_yield());
	PG_RETURN_POINTER(ps);
}

/* news.parser_gettoken(internal, internal, internal): the next token */
PG_FUNCTION_INFO_V1(news_parser_gettoken);
Datum
news_parser_gettoken(PG_FUNCTION_ARGS)
{
	ParserState *ps = (ParserState *) PG_GETARG_POINTER(0);
	char	  **t = (char **) PG_GETARG_POINTER(1);
	int		   *tlen = (int *) PG_GETARG_POINTER(2);

	if (!ps->have_tok)
	{
		size_t		bad = 0;

		ps->have_tok = na_scanner_next(&ps->scanner, &ps->tok);
		if (!ps->have_tok)
			na_pg_check_at(na_scanner_status(&ps->scanner, &bad),
						   "news text search parser", bad);
	}
	if (!ps->have_tok)
	{
		if (ps->pos < (size_t) ps->len)
		{
			*t = ps->text + ps->pos;
			*tlen = ps->len - (int) ps->pos;
			ps->pos = ps->len;
			PG_RETURN_INT32(TS_BLANK);
		}
		PG_RETURN_INT32(0);
	}
	if (ps->pos < ps->tok.start)
	{
		*t = ps->text + ps->pos;
		*tlen = (int) (ps->tok.start - ps->pos);
		ps->pos = ps->tok.start;
		PG_RETURN_INT32(TS_BLANK);
	}
	*t = ps->text + ps->tok.start;
	*tlen = (int) ps->tok.len;
	ps->pos = ps->tok.start + ps->tok.len;
	ps->have_tok = false;
	PG_RETURN_INT32(ps->tok.kind);
}

/* news.parser_end(internal): free the parser state */
PG_FUNCTION_INFO_V1(news_parser_end);
Datum
news_parser_end(PG_FUNCTION_ARGS)
{
	ParserState *ps = (ParserState *) PG_GETARG_POINTER(0);

	pfree(ps);
	PG_RETURN_VOID();
}

/* news.parser_lextype(internal): the token types, as ts_token_type shows */
PG_FUNCTION_INFO_V1(news_parser_lextype);
Datum
news_parser_lextype(PG_FUNCTION_ARGS)
{
	LexDescr   *d = palloc(sizeof(LexDescr) * (TS_BLANK + 1));

	for (int k = 1; k <= NA_TOK_KIND_MAX; k++)
	{
		d[k - 1].lexid = k;
		d[k - 1].alias = pstrdup(na_token_kind_name(k));
		d[k - 1].descr = pstrdup(na_token_kind_desc(k));
	}
	d[TS_BLANK - 1].lexid = TS_BLANK;
	d[TS_BLANK - 1].alias = pstrdup("blank");
	d[TS_BLANK - 1].descr = pstrdup("Space between tokens");
	d[TS_BLANK].lexid = 0;
	PG_RETURN_POINTER(d);
}

/* Options of ts_headline, as the default parser reads them. */
typedef struct HeadlineOptions
{
	int			max_words;
	int			min_words;
	int			max_fragments;
	bool		highlight_all;
} HeadlineOptions;

static bool
is_headline_word(const HeadlineWordEntry *w)
{
	return !w->repeated && w->type != TS_BLANK && w->type != NA_TOK_PUNCT &&
		w->type != NA_TOK_SYMBOL;
}

/*
 * best_window: the run of at most max_words words that starts at a query
 * match, touches no "in" token, and has the most matches (earliest on
 * ties); then, for context, it grows backwards while it has fewer than
 * max_words words.  Returns the number of matches; *first and *last get
 * the word entries at its ends.  One pass with a sliding window [i, j),
 * so that a large MaxWords costs no more than a small one.
 */
static int
best_window(HeadlineParsedText *prs, int max_words, int *first, int *last)
{
	int			best = 0,
				nbest = 0;
	int			j = 0,
				nwords = 0,
				hits = 0,
				end = -1;

	*first = *last = -1;
	for (int i = 0; i < prs->curwords; i++)
	{
		HeadlineWordEntry *w = &prs->words[i];

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (j <= i)
		{
			j = i;
			nwords = hits = 0;
		}
		if (is_headline_word(w) && !w->in && w->item)
		{
			for (; j < prs->curwords && nwords < max_words && !prs->words[j].in; j++)
			{
				if (!is_headline_word(&prs->words[j]))
					continue;
				nwords++;
				end = j;
				if (prs->words[j].item)
					hits++;
			}
			if (hits > best)
			{
				best = hits;
				nbest = nwords;
				*first = i;
				*last = end;
			}
		}
		/* word i leaves the window */
		if (j > i && is_headline_word(w))
		{
			nwords--;
			if (w->item)
				hits--;
		}
	}
	while (best > 0 && nbest < max_words && *first > 0 && !prs->words[*first - 1].in)
	{
		(*first)--;
		if (is_headline_word(&prs->words[*first]))
			nbest++;
	}
	return best;
}

static void
mark_fragment(HeadlineParsedText *prs, int first, int last)
{
	for (int i = first; i <= last; i++)
	{
		prs->words[i].in = 1;
		if (prs->words[i].item)
			prs->words[i].selected = 1;
	}
}

/*
 * news.parser_headline(internal, internal, internal): ts_headline support.
 * Chooses up to MaxFragments (at least one) windows of MaxWords words with
 * the most query matches; without matches, the first MinWords words.
 * Options: StartSel, StopSel, MaxWords, MinWords, HighlightAll,
 * MaxFragments, FragmentDelimiter.
 */
PG_FUNCTION_INFO_V1(news_parser_headline);
Datum
news_parser_headline(PG_FUNCTION_ARGS)
{
	HeadlineParsedText *prs = (HeadlineParsedText *) PG_GETARG_POINTER(0);
	List	   *prsoptions = (List *) PG_GETARG_POINTER(1);
	HeadlineOptions opt = {35, 15, 0, false};
	char	   *startsel = NULL,
			   *stopsel = NULL,
			   *fragdelim = NULL;
	ListCell   *lc;
	int			nfrag = 0;

	foreach(lc, prsoptions)
	{
		DefElem    *d = (DefElem *) lfirst(lc);
		char	   *val = defGetString(d);

		if (pg_strcasecmp(d->defname, "MaxWords") == 0)
			opt.max_words = pg_strtoint32(val);
		else if (pg_strcasecmp(d->defname, "MinWords") == 0)
			opt.min_words = pg_strtoint32(val);
		else if (pg_strcasecmp(d->defname, "ShortWord") == 0)
			(void) pg_strtoint32(val);	/* accepted; words are never trimmed */
		else if (pg_strcasecmp(d->defname, "MaxFragments") == 0)
			opt.max_fragments = pg_strtoint32(val);
		else if (pg_strcasecmp(d->defname, "StartSel") == 0)
			startsel = pstrdup(val);
		else if (pg_strcasecmp(d->defname, "StopSel") == 0)
			stopsel = pstrdup(val);
		else if (pg_strcasecmp(d->defname, "FragmentDelimiter") == 0)
			fragdelim = pstrdup(val);
		else if (pg_strcasecmp(d->defname, "HighlightAll") == 0)
			opt.highlight_all = (pg_strcasecmp(val, "1") == 0 ||
								 pg_strcasecmp(val, "on") == 0 ||
								 pg_strcasecmp(val, "true") == 0 ||
								 pg_strcasecmp(val, "t") == 0 ||
								 pg_strcasecmp(val, "y") == 0 ||
								 pg_strcasecmp(val, "yes") == 0);
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized headline parameter: \"%s\"", d->defname)));
	}
	if (!opt.highlight_all)
	{
		if (opt.min_words >= opt.max_words)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MinWords should be less than MaxWords")));
		if (opt.min_words <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MinWords should be positive")));
		if (opt.max_fragments < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("MaxFragments should be >= 0")));
	}

	if (opt.highlight_all)
		mark_fragment(prs, 0, prs->curwords - 1);
	else
	{
		int			first,
					last;

		do
		{
			CHECK_FOR_INTERRUPTS();
			if (best_window(prs, opt.max_words, &first, &last) == 0)
				break;
			mark_fragment(prs, first, last);
		} while (++nfrag < opt.max_fragments);
		if (nfrag == 0)
		{
			/* no match: the beginning of the text */
			int			nwords = 0,
						i;

			for (i = 0; i < prs->curwords && nwords < opt.min_words; i++)
				if (is_headline_word(&prs->words[i]))
					nwords++;
			if (i > 0)
				mark_fragment(prs, 0, i - 1);
		}
	}

	prs->startsel = startsel ? startsel : pstrdup("<b>");
	prs->stopsel = stopsel ? stopsel : pstrdup("</b>");
	prs->fragdelim = fragdelim ? fragdelim : pstrdup(" ... ");
	prs->startsellen = strlen(prs->startsel);
	prs->stopsellen = strlen(prs->stopsel);
	prs->fragdelimlen = strlen(prs->fragdelim);
	PG_RETURN_POINTER(prs);
}

/*
 * Text search dictionary template news.lexer: options config (a
 * configuration known to news.tokenize) and kind (the token kind it is
 * mapped to).  Its lexemes are exactly the terms news.tokenize gives.
 */
typedef struct LexerDict
{
	char		config[32];
	NaTokenKind kind;
} LexerDict;

/* news.lexer_init(internal): parse the dictionary options */
PG_FUNCTION_INFO_V1(news_lexer_init);
Datum
news_lexer_init(PG_FUNCTION_ARGS)
{
	List	   *options = (List *) PG_GETARG_POINTER(0);
	LexerDict  *d = palloc0(sizeof(LexerDict));
	ListCell   *lc;

	strlcpy(d->config, "english", sizeof(d->config));
	d->kind = NA_TOK_WORD;
	foreach(lc, options)
	{
		DefElem    *opt = (DefElem *) lfirst(lc);
		char	   *val = defGetString(opt);

		if (strcmp(opt->defname, "config") == 0)
		{
			if (strlen(val) >= sizeof(d->config))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("configuration name \"%s\" is too long", val)));
			strlcpy(d->config, val, sizeof(d->config));
		}
		else if (strcmp(opt->defname, "kind") == 0)
		{
			int			k;

			for (k = 1; k <= NA_TOK_KIND_MAX; k++)
				if (strcmp(val, na_token_kind_name(k)) == 0)
					break;
			if (k > NA_TOK_KIND_MAX)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unknown token kind \"%s\"", val)));
			d->kind = (NaTokenKind) k;
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized news.lexer parameter: \"%s\"", opt->defname)));
	}
	(void) na_pg_lexer(d->config);	/* fail now on an unknown configuration */
	PG_RETURN_POINTER(d);
}

/* news.lexer_lexize(internal, internal, int4, internal): one token's lexeme */
PG_FUNCTION_INFO_V1(news_lexer_lexize);
Datum
news_lexer_lexize(PG_FUNCTION_ARGS)
{
	LexerDict  *d = (LexerDict *) PG_GETARG_POINTER(0);
	char	   *in = (char *) PG_GETARG_POINTER(1);
	int32		len = PG_GETARG_INT32(2);
	TSLexeme   *res = palloc0(sizeof(TSLexeme) * 2);
	const char *term;
	size_t		tlen;

	na_pg_require_utf8(in, len);	/* ts_lexize passes any text */
	na_pg_check(na_lexer_term(na_pg_lexer(d->config), in, len, d->kind, &term, &tlen),
				"news.lexer dictionary");
	if (tlen > 0)
		res[0].lexeme = pnstrdup(term, tlen);
	PG_RETURN_POINTER(res);
}
