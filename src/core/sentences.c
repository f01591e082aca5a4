/*
 * sentences.c
 *		Sentence splitting on top of the scanner, with no lookahead beyond
 *		the next token.
 *
 * Design.  Tokens arrive in order (na_split scans them; an analysed
 * document feeds a NaSplitter one at a time); before each token we decide
 * whether a sentence ends in front of it, from the state left by the
 * tokens so far (was the last non-closing token a terminal, an
 * abbreviation, an initial?) and from the token itself (its case, the line
 * breaks before it).  The rules, in order:
 *
 *	1. a blank line (two or more line breaks) always ends a sentence;
 *	2. after ! or ? (and closing quotes or brackets, which stay with the
 *	   sentence) a sentence ends unless a lower-case word follows
 *	   ("'Why?' he asked");
 *	3. after a period a sentence ends unless a lower-case word or
 *	   continuing punctuation follows; decimals, "U.S." and "Mr." never
 *	   reach this rule because they are single tokens;
 *	4. after an ellipsis it ends only before a capitalized word;
 *	5. after an abbreviation that can close a sentence ("U.S.", "Inc.",
 *	   "a.m.", "etc.") it ends only before a capitalized common sentence
 *	   opener (The, He, But, ...) or at a line break; titles ("Mr.", "Dr.",
 *	   "Feb.") and initials ("J.") never end one;
 *	6. a single line break ends a sentence when the line had no final
 *	   punctuation (a heading, a byline, a boilerplate line), unless the
 *	   line ends in a continuation (comma, hyphen, opening bracket) or the
 *	   next line starts in lower case.  In hard-wrapped text (most lines of
 *	   about the same width, as in wire copy) only a short line followed by
 *	   a capitalized line counts as a heading.
 */
#include "sentences.h"

#include <string.h>

#include "unicode.h"

#include "gen_sentence_connectives.inc"

typedef enum Term
{
	TERM_NONE = 0,
	TERM_PERIOD,				/* . */
	TERM_STRONG,				/* ! ? */
	TERM_ELLIPSIS,				/* ... … */
	TERM_ABBREV,				/* U.S. Inc. etc. */
	TERM_TITLE,					/* Mr. Feb. J. */
	TERM_CONTINUE				/* , ; : - ( : a line cannot end here */
} Term;

typedef NaSplitter Splitter;

/*
 * detect_wrapping: hard-wrapped text has at least four lines, and most
 * non-empty lines are within a quarter of the widest line's width, which is
 * a typical terminal width (40 to 100 bytes).
 */
static void
detect_wrapping(Splitter *sp, const char *text, size_t len)
{
	size_t		widths[64];
	size_t		nlines = 0,
				maxw = 0,
				full = 0;
	const char *p = text,
			   *end = text + len;

	while (p < end && nlines < 64)
	{
		const char *nl = memchr(p, '\n', (size_t) (end - p));
		size_t		w = (size_t) ((nl ? nl : end) - p);

		if (w > 0 && w < 200)
		{
			widths[nlines++] = w;
			if (w > maxw)
				maxw = w;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	sp->wrapped = false;
	if (nlines < 4 || maxw < 40 || maxw > 100)
		return;
	for (size_t i = 0; i < nlines; i++)
		if (widths[i] * 4 >= maxw * 3)
			full++;
	if (full * 3 >= nlines * 2)
	{
		sp->wrapped = true;
		sp->wrap_width = maxw;
	}
}

/* Common capitalized words that open a sentence after "U.S." or "Inc.". */
static bool
is_sentence_opener(const char *text, const NaToken *tok)
{
	char		low[12];

	if (tok->kind != NA_TOK_WORD || tok->len > sizeof(low) || (tok->flags & NA_TF_SLOW))
		return false;
	for (size_t i = 0; i < tok->len; i++)
		low[i] = (char) (text[tok->start + i] | 0x20);
	return na_is_stopword(low, tok->len) ||
		(tok->len == 7 && memcmp(low, "however", 7) == 0) ||
		(tok->len == 9 && memcmp(low, "according", 9) == 0);
}

/* Lower-case words that cannot end a line of running text. */
static bool
is_connective(const char *w, size_t n)
{
	return n <= 4 && NA_IN_WORDS(sentence_connectives, w, n);
}

static bool
starts_lower(const NaToken *tok)
{
	return (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_ABBREV) &&
		!(tok->flags & NA_TF_UPPER_INITIAL) && (tok->flags & NA_TF_HAS_LOWER) &&
		tok->cp != 0 && !(tok->cp >= '0' && tok->cp <= '9');
}

static bool
starts_capital(const NaToken *tok)
{
	return (tok->flags & NA_TF_UPPER_INITIAL) != 0;
}

/*
 * prev_connective: was the last token "the", "of", "and", ...?  Looked up
 * only when a line break follows the token, not for every short word.
 */
static bool
prev_connective(const Splitter *sp)
{
	return sp->prev_len > 0 && is_connective(sp->text + sp->prev_start, sp->prev_len);
}

/* boundary: does a sentence end before tok? */
static bool
boundary(Splitter *sp, const NaToken *tok)
{
	bool		absorbed;

	if (sp->cur.ntokens == 0)
		return false;
	if (tok->newlines >= 2)
		return true;

	/* closing quotes and brackets, and more terminals, stay with the sentence */
	absorbed = tok->kind == NA_TOK_PUNCT &&
		(tok->flags & (NA_TF_CLOSER | NA_TF_TERMINAL)) && !(tok->flags & NA_TF_OPENER);

	switch (sp->term)
	{
		case TERM_STRONG:
		case TERM_PERIOD:
			if (absorbed)
				return false;
			if (starts_lower(tok))
				return false;
			if (tok->kind == NA_TOK_PUNCT && !(tok->flags & (NA_TF_OPENER | NA_TF_QUOTE)) &&
				!(tok->flags & NA_TF_DASH))
				return false;	/* ", ; :" continue */
			return true;
		case TERM_ELLIPSIS:
			if (absorbed)
				return false;
			return starts_capital(tok) || tok->newlines > 0;
		case TERM_ABBREV:
			if (tok->newlines > 0)
				return !starts_lower(tok);
			return starts_capital(tok) && is_sentence_opener(sp->text, tok);
		case TERM_TITLE:
		case TERM_CONTINUE:
			return false;
		case TERM_NONE:
			break;
	}

	if (tok->newlines == 0)
		return false;
	/* a single line break after a line without final punctuation */
	if (starts_lower(tok) || prev_connective(sp))
		return false;
	if (sp->wrapped)
	{
		size_t		line = sp->cur.start + sp->cur.len - sp->line_start;

		return line * 5 < sp->wrap_width * 3;
	}
	return true;
}

/* after: update the state with tok, now part of the current sentence. */
static void
after(Splitter *sp, const NaToken *tok)
{
	bool		title;

	sp->prev_len = 0;
	if (tok->kind == NA_TOK_PUNCT)
	{
		if (tok->flags & NA_TF_TERMINAL)
		{
			if (tok->cp == 0x2026 || (tok->cp == '.' && tok->len > 1))
				sp->term = TERM_ELLIPSIS;
			else if (tok->cp == '.' || tok->cp == 0x3002 || tok->cp == 0xFF0E ||
					 tok->cp == 0x06D4 || tok->cp == 0x0964)
				sp->term = TERM_PERIOD;
			else
				sp->term = TERM_STRONG;
		}
		else if ((tok->flags & NA_TF_CLOSER) && !(tok->flags & NA_TF_OPENER) &&
				 sp->term != TERM_NONE && sp->term != TERM_CONTINUE)
		{
			/* a closing quote or bracket keeps the terminal state */
		}
		else if (tok->cp == ',' || tok->cp == ';' || tok->cp == ':' ||
				 (tok->flags & (NA_TF_OPENER | NA_TF_DASH)))
			sp->term = TERM_CONTINUE;
		else
			sp->term = TERM_NONE;
		return;
	}
	if (tok->kind == NA_TOK_ABBREV)
	{
		char		low[8];
		size_t		n = tok->len - 1;	/* without the final period */

		if (sp->text[tok->start + tok->len - 1] != '.')
		{
			sp->term = TERM_NONE;
			return;
		}
		if (n == 1)
		{
			sp->term = TERM_TITLE;	/* an initial */
			return;
		}
		if (n <= sizeof(low) && memchr(sp->text + tok->start, '.', n) == NULL)
		{
			for (size_t i = 0; i < n; i++)
				low[i] = (char) (sp->text[tok->start + i] | 0x20);
			if (na_is_abbreviation(low, n, &title) && title)
			{
				sp->term = TERM_TITLE;
				return;
			}
		}
		sp->term = TERM_ABBREV;
		return;
	}
	sp->term = TERM_NONE;
	if (tok->kind == NA_TOK_WORD && !(tok->flags & (NA_TF_UPPER_INITIAL | NA_TF_SLOW)))
	{
		sp->prev_start = tok->start;
		sp->prev_len = tok->len;
	}
}

/* na_splitter_init: see sentences.h. */
void
na_splitter_init(NaSplitter *sp, const char *text, size_t len)
{
	memset(sp, 0, sizeof(*sp));
	sp->text = text;
	detect_wrapping(sp, text, len);
}

/* na_splitter_token: see sentences.h. */
bool
na_splitter_token(NaSplitter *sp, const NaToken *tok, uint32_t *sentence, NaSentence *closed)
{
	bool		ended = false;

	if (boundary(sp, tok))
	{
		*closed = sp->cur;
		sp->cur.ntokens = 0;
		sp->term = TERM_NONE;
		ended = true;
	}
	if (tok->newlines > 0 || tok->start == 0 || sp->cur.number == 0)
		sp->line_start = tok->start;
	if (sp->cur.ntokens == 0)
	{
		sp->cur.number++;
		sp->cur.start = tok->start;
		sp->cur.cstart = tok->cstart;
	}
	sp->cur.ntokens++;
	sp->cur.len = tok->start + tok->len - sp->cur.start;
	sp->cur.clen = tok->cstart + tok->clen - sp->cur.cstart;
	after(sp, tok);
	*sentence = sp->cur.number;
	return ended;
}

/* na_splitter_finish: see sentences.h. */
bool
na_splitter_finish(NaSplitter *sp, NaSentence *closed)
{
	if (sp->cur.ntokens == 0)
		return false;
	*closed = sp->cur;
	sp->cur.ntokens = 0;
	return true;
}

/* na_split: see sentences.h. */
NaStatus
na_split(const char *text, size_t len, NaSplitTokenFn tokfn, NaSentenceFn sentfn,
		 void *arg, const NaYield *yield, size_t *err_offset)
{
	NaSplitter	sp;
	NaScanner	sc;
	NaToken		tok;
	NaSentence	closed;
	uint32_t	sentence;

	na_splitter_init(&sp, text, len);
	na_scanner_init(&sc, text, len, yield);
	while (na_scanner_next(&sc, &tok))
	{
		if (na_splitter_token(&sp, &tok, &sentence, &closed) && sentfn &&
			!sentfn(&closed, arg))
			return NA_OK;
		if (tokfn && !tokfn(&tok, sentence, arg))
			return NA_OK;
	}
	if (na_scanner_status(&sc, err_offset) != NA_OK)
		return NA_ERR_INVALID_UTF8;
	if (na_splitter_finish(&sp, &closed) && sentfn)
		sentfn(&closed, arg);
	return NA_OK;
}
