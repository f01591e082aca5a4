/*
 * tsvector.c
 *		news.tsvector(body, config): the tsvector that
 *		to_tsvector('news.<config>', body) builds, made in one pass of the
 *		lexer instead of the text search parser's calls per token.
 *
 * to_tsvector asks the parser for each token, hands it to the mapped
 * dictionary (a function call through fmgr, a palloc'd lexeme), keeps
 * every word with its position, and sorts them all at the end.  Here the
 * lexer reads the text in windows with its term cache (lexer.c), each term
 * goes straight into a table of the document's distinct terms
 * (src/core/lexemes.c), and only those are sorted.  The positions follow
 * parsetext: every token of a kind the configuration maps (all but
 * punctuation and symbols) advances the position, stopwords included; a
 * token longer than MAXSTRLEN bytes is skipped with the same notice.  A
 * word met again in the same text comes with its memo, kept by the lexer in
 * the word's cache slot: where its term already is in the set.  The
 * result is byte for byte the one of to_tsvector with the shipped
 * configurations news.english and news.simple (test/t/tsvector.sh).
 *
 * The function reads no catalog: it depends on its arguments, the shipped
 * word lists and the Snowball stemmer only, as news.tokenize does, and is
 * therefore IMMUTABLE (usable in generated columns and index expressions).
 * A configuration changed with ALTER TEXT SEARCH CONFIGURATION changes
 * to_tsvector('news.english', ...) but not news.tsvector.
 *
 * Memory: the set of distinct terms is kept per backend and emptied for
 * each document; it stops with an error as soon as the terms would not fit
 * one tsvector (1 MB of strings), so even a 100 MB text holds about a
 * megabyte; the lexer's document reads the text in windows.  The lexer's
 * scan checks for interrupts every NA_YIELD_EVERY bytes.
 */
#include "postgres.h"

#include "fmgr.h"
#include "tsearch/ts_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "na_glue.h"
#include "lexemes.h"
#include "lexer.h"

StaticAssertDecl(NA_LEX_MAX_POSITIONS == MAXNUMPOS - 1, "positions per lexeme differ from tsvector's");
StaticAssertDecl(NA_LEX_MAX_POS == MAXENTRYPOS - 1, "largest position differs from tsvector's");
StaticAssertDecl(NA_LEX_MAX_BYTES == MAXSTRPOS, "string area limit differs from tsvector's");
StaticAssertDecl(NA_LEX_MAX_TERM == MAXSTRLEN, "longest lexeme differs from tsvector's");

/* the backend's set of distinct terms, emptied for each document */
static NaLexemes *lexemes = NULL;

typedef struct Collect
{
	NaLexemes  *set;
	uint32		pos;			/* parsetext's running position */
} Collect;

static void
too_long_for_tsvector(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("string is too long for tsvector"),
			 errdetail("The terms and positions of the text need more than the %d bytes a tsvector can hold.",
					   MAXSTRPOS)));
}

/* collect_lexeme: one token of a mapped kind, with its term or none, and
 * its word's memo (where the term is in the set) when the lexer keeps one */
static bool
collect_lexeme(const char *term, size_t len, const NaToken *tok, uint32 *memo, void *arg)
{
	Collect    *c = (Collect *) arg;
	NaStatus	st;

	if (tok->len > MAXSTRLEN)
	{
		/* parsetext skips it without a position, with this notice */
		ereport(NOTICE,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("word is too long to be indexed"),
				 errdetail("Words longer than %d characters are ignored.",
						   MAXSTRLEN)));
		return true;
	}
	if (c->pos < PG_UINT32_MAX)
		c->pos++;
	if (len == 0)
		return true;
	st = na_lexemes_add_memo(c->set, term, len, c->pos, memo);
	if (st == NA_ERR_TOO_LARGE)
		too_long_for_tsvector();
	na_pg_check(st, "news.tsvector");
	return true;
}

/*
 * build_tsvector lays the finished set out as make_tsvector does: sorted
 * entries, each term followed (2-aligned) by its position count and its
 * positions with weight D.
 */
static TSVector
build_tsvector(NaLexemes *set)
{
	size_t		n,
				strbytes;
	NaStatus	st;
	TSVector	out;
	WordEntry  *entry;
	NaLexemeRef *refs;
	Size		total;

	st = na_lexemes_finish(set, &n, &strbytes);
	if (st == NA_ERR_TOO_LARGE)
		too_long_for_tsvector();
	na_pg_check(st, "news.tsvector");
	total = CALCDATASIZE(n, strbytes);
	out = (TSVector) palloc0(total);
	SET_VARSIZE(out, total);
	out->size = (int32) n;
	if (n == 0)
		return out;
	entry = ARRPTR(out);
	refs = palloc(sizeof(NaLexemeRef) * n);
	na_lexemes_write(set, STRPTR(out), refs);
	for (size_t i = 0; i < n; i++)
	{
		WordEntry	we = {0};

		we.haspos = 1;
		we.len = refs[i].len;
		we.pos = refs[i].off;
		entry[i] = we;			/* one store, no read of the bit fields */
	}
	pfree(refs);
	return out;
}

/* news.tsvector(body text, config text) returns tsvector: what
 * to_tsvector('news.<config>', body) gives */
PG_FUNCTION_INFO_V1(news_tsvector);
Datum
news_tsvector(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	char	   *config = text_to_cstring(PG_GETARG_TEXT_PP(1));
	size_t		len;
	const char *s = na_pg_text(body, &len);
	NaLexer    *lx = na_pg_lexer(config);
	Collect		c;
	size_t		bad = 0;
	NaStatus	st;

	if (lexemes == NULL)
	{
		static NaAllocator alloc;
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext,
												  "news_analytics tsvector",
												  ALLOCSET_DEFAULT_SIZES);

		alloc = na_pg_context_allocator(cxt);
		na_pg_check(na_lexemes_create(&alloc, &lexemes), "news.tsvector");
	}
	/* a cancelled call may have left terms behind */
	na_lexemes_reset(lexemes);
	c.set = lexemes;
	c.pos = 0;
	st = na_lexer_slots(lx, s, len, collect_lexeme, &c, na_pg_yield(), &bad);
	na_pg_check_at(st, "news.tsvector", bad);
	PG_RETURN_TSVECTOR(build_tsvector(lexemes));
}
