/*
 * tokenizer.c
 *		The scanner: UTF-8 news text to tokens, in one pass, without copies.
 *
 * Design.  The scanner walks the text one character at a time through
 * na_read_char (ASCII by table, the rest through utf8proc, HTML entities
 * decoded on the way).  White space is skipped, counting line breaks; any
 * other character starts a token whose extent is decided by a small
 * hand-written state machine per kind:
 *
 *	word	letters, marks and digits, joined across an apostrophe or a
 *			hyphen when a letter or digit follows ("Ukraine’s", "de‑escalation",
 *			"COVID-19"); invisible characters (soft hyphen, zero-width space,
 *			joiners) never split a word.
 *	number	starts with a digit; may contain "," and "." followed by a digit,
 *			":" followed by two digits, "/" and "-" followed by a digit, and
 *			letters ("5bn", "1990s"); ISO and slashed dates become DATE.
 *	dotted	"U.S.", "e.g.", "a.m." (letter groups of one or two joined by
 *			periods) are abbreviations; "reuters.com" with a known top-level
 *			domain is a URL.
 *	abbrev	a listed word followed by a period ("Mr.", "Feb.", "Inc.") or a
 *			single capital letter and a period (an initial) takes the period.
 *	url		"http://", "https://", "www." up to white space, without trailing
 *			punctuation or an unbalanced closing parenthesis.
 *	email, #hashtag, @mention.
 *	punct	one character, except runs of periods ("..."), of ! and ?, and of
 *			dashes, which are one token each.
 *
 * Each token carries flags (case, quote direction, sentence-terminal) that
 * the sentence splitter and the entity extractor use.  Words and numbers
 * are extended by the named rules of scan_word; the common plain ASCII word
 * takes a fast path first (scan_plain_word).  A token is a 32-byte record
 * that an analysed document stores as it comes (na_scanner_read).  The
 * list of top-level domains is src/data/url_tlds.txt.
 */
#include "tokenizer.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "unicode.h"

#include "gen_abbreviations.inc"
#include "gen_stopwords_english.inc"
#include "gen_title_abbreviations.inc"
#include "gen_url_tlds.inc"

static const char *const kind_names[NA_TOK_KIND_MAX + 1] = {
	[NA_TOK_WORD] = "word",
	[NA_TOK_NUMBER] = "number",
	[NA_TOK_ABBREV] = "abbreviation",
	[NA_TOK_URL] = "url",
	[NA_TOK_EMAIL] = "email",
	[NA_TOK_HASHTAG] = "hashtag",
	[NA_TOK_MENTION] = "mention",
	[NA_TOK_DATE] = "date",
	[NA_TOK_PUNCT] = "punctuation",
	[NA_TOK_SYMBOL] = "symbol",
};

static const char *const kind_descs[NA_TOK_KIND_MAX + 1] = {
	[NA_TOK_WORD] = "Word",
	[NA_TOK_NUMBER] = "Number",
	[NA_TOK_ABBREV] = "Abbreviation or initial with its period",
	[NA_TOK_URL] = "URL or web domain",
	[NA_TOK_EMAIL] = "E-mail address",
	[NA_TOK_HASHTAG] = "Hashtag",
	[NA_TOK_MENTION] = "Mention of a handle",
	[NA_TOK_DATE] = "Numeric date",
	[NA_TOK_PUNCT] = "Punctuation",
	[NA_TOK_SYMBOL] = "Symbol",
};

/* na_token_kind_name: short name of a token kind, NULL if out of range. */
const char *
na_token_kind_name(int kind)
{
	return (kind >= 1 && kind <= NA_TOK_KIND_MAX) ? kind_names[kind] : NULL;
}

/* na_token_kind_desc: one-line description of a token kind. */
const char *
na_token_kind_desc(int kind)
{
	return (kind >= 1 && kind <= NA_TOK_KIND_MAX) ? kind_descs[kind] : NULL;
}

/* na_is_abbreviation: see tokenizer.h. */
bool
na_is_abbreviation(const char *word, size_t len, bool *title)
{
	*title = false;
	if (len == 0 || len > 8 || !NA_IN_WORDS(abbreviations, word, len))
		return false;
	*title = NA_IN_WORDS(title_abbreviations, word, len);
	return true;
}

/* na_stopwords: see tokenizer.h. */
const char *const *
na_stopwords(size_t *n)
{
	*n = sizeof(stopwords_english) / sizeof(stopwords_english[0]);
	return stopwords_english;
}

/* na_is_stopword: see tokenizer.h. */
bool
na_is_stopword(const char *word, size_t len)
{
	return len > 0 && len <= 10 &&
		NA_IN_WORDS(stopwords_english, word, len);
}

/* Scanner state: the public NaScanner (see tokenizer.h). */
typedef NaScanner Scanner;

/* peek the character at byte position pos (pos < len); false if invalid */
static inline bool
peek(Scanner *sc, size_t pos, NaChar *c)
{
	if (sc->s[pos] < 0x80 && sc->s[pos] != '&' && sc->s[pos] != '#')
	{
		uint8_t		b = sc->s[pos];
		uint8_t		bits = na_ascii_bits[b];

		c->cp = b;
		c->cls = na_ascii_class[b];
		c->ucase = (bits & NA_AB_UPPER) ? NA_CASE_UPPER :
			(bits & NA_AB_LOWER) ? NA_CASE_LOWER : NA_CASE_NONE;
		c->slow = 0;
		c->nbytes = 1;
		c->nchars = 1;
		return true;
	}
	if (!na_read_char(sc->s, sc->len, pos, c))
	{
		if (!sc->invalid)
		{
			sc->invalid = true;
			sc->bad = pos;
		}
		return false;
	}
	return true;
}

static inline bool
is_alnum_class(int cls)
{
	return cls == NA_C_LETTER || cls == NA_C_DIGIT || cls == NA_C_MARK;
}

static inline bool
ascii_alpha(uint8_t b)
{
	return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

static inline bool
ascii_digit(uint8_t b)
{
	return b >= '0' && b <= '9';
}

static inline bool
ascii_alnum(uint8_t b)
{
	return ascii_alpha(b) || ascii_digit(b);
}

static bool
prefix_ci(const uint8_t *s, size_t len, size_t pos, const char *p)
{
	size_t		n = strlen(p);

	if (len - pos < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[pos + i] | 0x20) != (uint8_t) p[i])
			return false;
	return true;
}

/*
 * scan_url: from pos (at "http", "www." or a domain), extend over the URL
 * and return its end: no white space, no trailing punctuation, no
 * unbalanced closing parenthesis.
 */
static size_t
scan_url(Scanner *sc, size_t pos)
{
	size_t		end = pos;
	int			depth = 0;

	while (end < sc->len)
	{
		uint8_t		b = sc->s[end];

		if (b <= ' ' || b == '"' || b == '<' || b == '>' || b == '`' || b == 0x7F)
			break;
		if (b >= 0x80)
		{
			NaChar		c;

			if (!peek(sc, end, &c) || c.cls == NA_C_SPACE || c.cls == NA_C_NEWLINE ||
				c.cls == NA_C_IGNORE || na_cp_is_quote(c.cp) || c.cls == NA_C_PUNCT)
				break;
			end += c.nbytes;
			continue;
		}
		if (b == '(')
			depth++;
		else if (b == ')')
		{
			if (depth == 0)
				break;
			depth--;
		}
		end++;
	}
	/* give back trailing punctuation */
	while (end > pos && strchr(".,;:!?'*", sc->s[end - 1]) != NULL)
		end--;
	return end;
}

/* email_local: b may sit in the local part of an e-mail address besides
 * letters and digits */
static inline bool
email_local(uint8_t b)
{
	return b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
}

/* try_email: an e-mail address starting at pos; returns its end or 0. */
static size_t
try_email(Scanner *sc, size_t pos)
{
	size_t		i = pos;
	size_t		at,
				lastdot = 0;

	while (i < sc->len && (ascii_alnum(sc->s[i]) || email_local(sc->s[i])))
		i++;
	if (i == pos || i >= sc->len || sc->s[i] != '@')
		return 0;
	at = i++;
	while (i < sc->len && (ascii_alnum(sc->s[i]) || sc->s[i] == '-' ||
						   (sc->s[i] == '.' && i + 1 < sc->len && ascii_alnum(sc->s[i + 1]))))
	{
		if (sc->s[i] == '.')
			lastdot = i;
		i++;
	}
	if (lastdot <= at + 1 || i - lastdot < 3)
		return 0;
	for (size_t k = lastdot + 1; k < i; k++)
		if (!ascii_alpha(sc->s[k]))
			return 0;
	return i;
}

/*
 * try_dotted: at pos, a letter group followed by ".letter": "U.S.", "e.g.",
 * "a.m." (abbreviation) or "reuters.com" (URL).  Returns the end and sets
 * *kind, or returns 0.
 */
static size_t
try_dotted(Scanner *sc, size_t pos, NaTokenKind *kind)
{
	size_t		i = pos;
	int			groups = 0;
	bool		short_groups = true;
	size_t		last_start = pos;

	for (;;)
	{
		size_t		gstart = i;

		while (i < sc->len && (ascii_alnum(sc->s[i]) || sc->s[i] == '-'))
			i++;
		if (i == gstart)
			break;
		groups++;
		last_start = gstart;
		if (i - gstart > 2 || !ascii_alpha(sc->s[gstart]))
			short_groups = false;
		if (i + 1 < sc->len && sc->s[i] == '.' && ascii_alnum(sc->s[i + 1]))
			i++;
		else
			break;
	}
	if (groups < 2)
		return 0;
	if (short_groups)
	{
		*kind = NA_TOK_ABBREV;
		if (i < sc->len && sc->s[i] == '.')
			i++;
		return i;
	}
	/* "reuters.com": the last group is a top-level domain */
	if (i - last_start <= 8)
	{
		char		tld[8];

		for (size_t k = last_start; k < i; k++)
			tld[k - last_start] = (char) (sc->s[k] | 0x20);
		if (NA_IN_WORDS(url_tlds, tld, i - last_start))
		{
			*kind = NA_TOK_URL;
			if (i < sc->len && sc->s[i] == '/')
				return scan_url(sc, pos);
			return i;
		}
	}
	return 0;
}

/* date_shape: "1996-08-22" or "22/08/1996" */
static bool
date_shape(const uint8_t *s, size_t len)
{
	int			groups[3];
	int			ng = 0,
				cur = 0;
	uint8_t		sep = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (ascii_digit(s[i]))
			cur++;
		else if ((s[i] == '-' || s[i] == '/') && ng < 2 && cur > 0 && (!sep || sep == s[i]))
		{
			sep = s[i];
			groups[ng++] = cur;
			cur = 0;
		}
		else
			return false;
	}
	if (ng != 2 || cur == 0)
		return false;
	groups[2] = cur;
	if (sep == '-')
		return groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2;
	return groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 2 || groups[2] == 4);
}

/*
 * Words.  scan_word extends a word or number by the rules below, in order:
 * a URL that starts with a scheme or "www." is taken whole; otherwise
 * letters, marks and digits are consumed, across the joiners that can sit
 * inside a word; a word that runs into a period, '@' or similar may be an
 * e-mail address, a dotted abbreviation or a web domain; an initial or a
 * listed abbreviation takes its period; a number shaped like a date is a
 * date.  A Word holds the token as it grows.
 */
typedef struct Word
{
	size_t		start;			/* byte offset of the token */
	size_t		pos;			/* end so far, bytes */
	size_t		cpos;			/* end so far, characters */
	uint32_t	flags;			/* NA_TF_* */
	bool		number;			/* starts with a digit */
	bool		letters;		/* has a letter */
	bool		any_upper;		/* has an upper-case letter */
	NaTokenKind kind;
} Word;

/* url_with_scheme: "http://...", "https://...", "www.reuters.com/...":
 * the whole address */
static bool
url_with_scheme(Scanner *sc, const NaChar *first, Word *w)
{
	size_t		pos = w->start;

	if (first->slow)
		return false;
	if (!((first->cp | 0x20) == 'h' && (prefix_ci(sc->s, sc->len, pos, "http://") ||
										prefix_ci(sc->s, sc->len, pos, "https://"))) &&
		!((first->cp | 0x20) == 'w' && prefix_ci(sc->s, sc->len, pos, "www.") &&
		  pos + 4 < sc->len && ascii_alnum(sc->s[pos + 4])))
		return false;
	w->pos = scan_url(sc, pos);
	w->kind = NA_TOK_URL;
	return true;
}

/* take_char: the letter, mark or digit c is part of the word */
static inline void
take_char(Word *w, const NaChar *c)
{
	if (c->cls == NA_C_LETTER)
	{
		w->letters = true;
		if (c->ucase == NA_CASE_UPPER)
			w->any_upper = true;
		else if (c->ucase == NA_CASE_LOWER)
			w->flags |= NA_TF_HAS_LOWER;
	}
	else if (c->cls == NA_C_DIGIT)
		w->flags |= NA_TF_HAS_DIGIT;
	if (c->slow)
		w->flags |= NA_TF_SLOW;
	w->pos += c->nbytes;
	w->cpos += c->nchars;
}

/* take_ascii_run: the rest of a run of ASCII letters and digits, in one
 * tight loop over the table of na_ascii_bits */
static inline void
take_ascii_run(Scanner *sc, Word *w)
{
	size_t		p = w->pos;
	unsigned	bits = 0;

	if (p >= sc->len || !(na_ascii_bits[sc->s[p]] & NA_AB_ALNUM))
		return;
	do
		bits |= na_ascii_bits[sc->s[p++]];
	while (p < sc->len && (na_ascii_bits[sc->s[p]] & NA_AB_ALNUM));
	if (bits & NA_AB_UPPER)
		w->any_upper = true;
	if (bits & NA_AB_LOWER)
		w->flags |= NA_TF_HAS_LOWER;
	if (bits & NA_AB_DIGIT)
		w->flags |= NA_TF_HAS_DIGIT;
	if (bits & (NA_AB_UPPER | NA_AB_LOWER))
		w->letters = true;
	w->cpos += p - w->pos;
	w->pos = p;
}

/* invisible_inside: a zero-width or format character (c, at the end of the
 * word) stays in the word when a letter, mark or digit follows it */
static bool
invisible_inside(Scanner *sc, Word *w, const NaChar *c, NaChar *next)
{
	size_t		p2 = w->pos + c->nbytes;

	if (!(c->cls == NA_C_IGNORE && c->cp != 0 && c->cp >= 0x80))
		return false;
	if (p2 < sc->len && peek(sc, p2, next) && is_alnum_class(next->cls))
	{
		w->flags |= NA_TF_SLOW;
		return true;
	}
	return false;
}

/* joiner_follows: what must follow the joiner c for it to join: a letter
 * after an apostrophe ("Ukraine's"), a letter or digit after a hyphen
 * ("COVID-19"), a capital after '&' ("AT&T"), three digits after a
 * thousands comma, two after a colon ("10:30"), a digit after '.' or '/' */
static bool
joiner_follows(Scanner *sc, const NaChar *c, size_t p2, const NaChar *d, uint32_t *flags)
{
	if (c->cls == NA_C_APOS)
	{
		if (d->cls != NA_C_LETTER)
			return false;
		*flags |= NA_TF_APOSTROPHE;
		return true;
	}
	if (c->cls == NA_C_HYPHEN)
	{
		if (!is_alnum_class(d->cls))
			return false;
		*flags |= NA_TF_HYPHEN;
		return true;
	}
	if (c->cp == '&')
		return d->ucase == NA_CASE_UPPER;
	if (c->cp == ',')
		return p2 + 2 < sc->len && ascii_digit(sc->s[p2]) && ascii_digit(sc->s[p2 + 1]) &&
			ascii_digit(sc->s[p2 + 2]) && (p2 + 3 >= sc->len || !ascii_digit(sc->s[p2 + 3]));
	if (c->cp == ':')
		return p2 + 1 < sc->len && ascii_digit(sc->s[p2]) && ascii_digit(sc->s[p2 + 1]) &&
			(p2 + 2 >= sc->len || !ascii_digit(sc->s[p2 + 2]));
	return d->cls == NA_C_DIGIT;
}

/* is_joiner: c can join two parts of this word: an apostrophe, a hyphen,
 * '&' between capitals, and ',' '.' ':' '/' inside a number */
static inline bool
is_joiner(const Word *w, const NaChar *c)
{
	return c->cls == NA_C_APOS || c->cls == NA_C_HYPHEN ||
		(c->cp == '&' && !w->number && !(w->flags & NA_TF_HAS_LOWER)) ||
		(w->number && (c->cp == ',' || c->cp == '.' || c->cp == ':' || c->cp == '/'));
}

/*
 * extend_word: consume the word's letters, marks and digits from first on,
 * across invisible characters and joiners that have the right character
 * after them.
 */
static void
extend_word(Scanner *sc, const NaChar *first, Word *w)
{
	NaChar		c = *first;

	for (;;)
	{
		NaChar		d;

		take_char(w, &c);
		take_ascii_run(sc, w);
		if (w->pos >= sc->len || !peek(sc, w->pos, &c))
			return;
		if (is_alnum_class(c.cls))
			continue;
		if (invisible_inside(sc, w, &c, &d))
			continue;
		if (c.cls == NA_C_IGNORE && c.cp != 0 && c.cp >= 0x80)
			return;
		if (!is_joiner(w, &c))
			return;
		if (w->pos + c.nbytes >= sc->len || !peek(sc, w->pos + c.nbytes, &d) ||
			!joiner_follows(sc, &c, w->pos + c.nbytes, &d, &w->flags))
			return;
		/* the joiner itself */
		if (c.slow)
			w->flags |= NA_TF_SLOW;
		w->pos += c.nbytes;
		w->cpos += c.nchars;
		c = d;
	}
}

/* address_or_dotted: a plain word that runs into '.', '@', '_', '+' or '-'
 * may be an e-mail address, a dotted abbreviation ("U.S.") or a web domain
 * ("reuters.com") */
static bool
address_or_dotted(Scanner *sc, Word *w)
{
	uint8_t		b;
	size_t		e;
	NaTokenKind k;

	if (w->pos >= sc->len || (w->flags & NA_TF_SLOW) || w->number)
		return false;
	b = sc->s[w->pos];
	if (!(b == '.' || b == '@' || b == '_' || b == '+' || b == '-'))
		return false;
	if ((e = try_email(sc, w->start)) != 0)
	{
		w->pos = e;
		w->kind = NA_TOK_EMAIL;
		return true;
	}
	if (b == '.' && (e = try_dotted(sc, w->start, &k)) != 0)
	{
		w->pos = e;
		w->kind = k;
		return true;
	}
	return false;
}

/* abbreviation_period: a period after an initial ("J.") or a listed
 * abbreviation ("Mr.", "Feb.", "No. 5", "etc.") belongs to the word */
static void
abbreviation_period(Scanner *sc, Word *w)
{
	size_t		n = w->pos - w->start;
	bool		take = false;

	if (w->pos >= sc->len || sc->s[w->pos] != '.' || w->kind != NA_TOK_WORD ||
		(w->flags & (NA_TF_SLOW | NA_TF_HYPHEN | NA_TF_APOSTROPHE | NA_TF_HAS_DIGIT)))
		return;
	if (n == 1 && w->any_upper)
		take = true;			/* an initial: "J." */
	else if (n <= 8)
	{
		char		low[8];
		bool		title;

		for (size_t i = 0; i < n; i++)
			low[i] = (char) (sc->s[w->start + i] | 0x20);
		if (na_is_abbreviation(low, n, &title))
		{
			bool		capital = (w->flags & NA_TF_UPPER_INITIAL) != 0;
			bool		next_digit = w->pos + 2 < sc->len && sc->s[w->pos + 1] == ' ' &&
				ascii_digit(sc->s[w->pos + 2]);

			if ((n == 2 && memcmp(low, "no", 2) == 0) || (n == 3 && memcmp(low, "nos", 3) == 0))
				take = next_digit;
			else if (capital)
				take = true;
			else
				take = (n == 3 && (memcmp(low, "etc", 3) == 0 || memcmp(low, "pct", 3) == 0)) ||
					(n == 2 && memcmp(low, "vs", 2) == 0) ||
					(n == 6 && memcmp(low, "approx", 6) == 0);
		}
	}
	if (take)
	{
		w->pos++;
		w->cpos++;
		w->kind = NA_TOK_ABBREV;
	}
}

/* finish_word: a number shaped like a date is a date; the token's flags
 * and extent */
static void
finish_word(Scanner *sc, Word *w, NaToken *tok)
{
	if (w->kind == NA_TOK_NUMBER && (w->flags & NA_TF_HAS_DIGIT) && !w->letters &&
		!(w->flags & NA_TF_SLOW) && date_shape(sc->s + w->start, w->pos - w->start))
		w->kind = NA_TOK_DATE;
	if (w->letters && !(w->flags & NA_TF_HAS_LOWER))
		w->flags |= NA_TF_ALL_UPPER;
	tok->kind = w->kind;
	tok->flags = w->flags;
	tok->len = w->pos - w->start;
	tok->clen = w->cpos - sc->cpos;
	sc->pos = w->pos;
	sc->cpos = w->cpos;
}

/* finish_address: a URL, e-mail address or dotted token, ASCII up to its
 * end except in URL paths: characters counted and case flags from the
 * bytes */
static void
finish_address(Scanner *sc, Word *w, NaToken *tok)
{
	size_t		n = 0;
	bool		low = false,
				up = false;

	tok->kind = w->kind;
	tok->flags = w->flags;
	tok->len = w->pos - w->start;
	for (size_t i = w->start; i < w->pos; i++)
		if ((sc->s[i] & 0xC0) != 0x80)
			n++;
		else
			tok->flags |= NA_TF_SLOW;
	tok->clen = n;
	sc->cpos += n;
	for (size_t i = w->start; i < w->pos; i++)
	{
		if (sc->s[i] >= 'a' && sc->s[i] <= 'z')
			low = true;
		else if (sc->s[i] >= 'A' && sc->s[i] <= 'Z')
			up = true;
	}
	if (low)
		tok->flags |= NA_TF_HAS_LOWER;
	else if (up)
		tok->flags |= NA_TF_ALL_UPPER;
	sc->pos = w->pos;
}

/*
 * scan_word: a word or number starting at the current position, whose first
 * character is first.  Fills tok (kind, flags, extent) and advances.
 */
static void
scan_word(Scanner *sc, const NaChar *first, NaToken *tok)
{
	Word		w;

	w.start = sc->pos;
	w.pos = sc->pos;
	w.cpos = sc->cpos;
	w.flags = first->ucase == NA_CASE_UPPER ? NA_TF_UPPER_INITIAL : 0;
	w.number = first->cls == NA_C_DIGIT;
	w.letters = false;
	w.any_upper = false;
	w.kind = w.number ? NA_TOK_NUMBER : NA_TOK_WORD;
	if (url_with_scheme(sc, first, &w))
	{
		finish_address(sc, &w, tok);
		return;
	}
	extend_word(sc, first, &w);
	if (address_or_dotted(sc, &w))
	{
		finish_address(sc, &w, tok);
		return;
	}
	abbreviation_period(sc, &w);
	finish_word(sc, &w, tok);
}

/*
 * scan_tag: "#tag" or "@handle" at the current position (first is '#' or
 * '@').  Returns false if what follows is not a tag.
 */
static bool
scan_tag(Scanner *sc, const NaChar *first, NaToken *tok)
{
	size_t		pos = sc->pos + 1;
	size_t		cpos = sc->cpos + 1;
	bool		letter = false;
	uint32_t	flags = 0;

	while (pos < sc->len)
	{
		NaChar		c;

		if (sc->s[pos] == '&' || sc->s[pos] == '#')
			break;
		if (!peek(sc, pos, &c))
			break;
		if (c.cls == NA_C_LETTER || c.cls == NA_C_MARK)
			letter = true;
		else if (c.cls != NA_C_DIGIT && c.cls != NA_C_UNDERSCORE)
			break;
		if (first->cls == NA_C_AT && c.slow)
			break;				/* handles are ASCII */
		if (c.slow)
			flags |= NA_TF_SLOW;
		if (c.ucase == NA_CASE_UPPER && pos == sc->pos + 1)
			flags |= NA_TF_UPPER_INITIAL;
		pos += c.nbytes;
		cpos += c.nchars;
	}
	if (pos == sc->pos + 1 || (first->cls == NA_C_HASH && !letter))
		return false;
	tok->kind = first->cls == NA_C_HASH ? NA_TOK_HASHTAG : NA_TOK_MENTION;
	tok->flags = flags;
	tok->len = pos - sc->pos;
	tok->clen = cpos - sc->cpos;
	sc->pos = pos;
	sc->cpos = cpos;
	return true;
}

/*
 * scan_punct: one punctuation or symbol token.  Runs of periods, of ! and ?,
 * and of dashes make one token.  prev_opener says whether an ASCII quote
 * here opens (start of text, after white space or after an opener).
 */
/* Flags of single ASCII punctuation characters that never form runs. */
static const uint16_t ascii_punct_flags[128] = {
	['('] = NA_TF_OPENER, ['['] = NA_TF_OPENER, ['{'] = NA_TF_OPENER,
	[')'] = NA_TF_CLOSER, [']'] = NA_TF_CLOSER, ['}'] = NA_TF_CLOSER,
};

static void
scan_punct(Scanner *sc, const NaChar *first, NaToken *tok, bool opens)
{
	size_t		pos = sc->pos + first->nbytes;
	size_t		cpos = sc->cpos + first->nchars;
	uint32_t	cp = first->cp;
	uint32_t	flags = first->slow ? NA_TF_SLOW : 0;

	if (!first->slow && cp != '.' && cp != '!' && cp != '?' && cp != '-' &&
		cp != '"' && cp != '\'')
	{
		/* plain ASCII: one character, flags from the table */
		tok->kind = (first->cls == NA_C_SYMBOL) ? NA_TOK_SYMBOL : NA_TOK_PUNCT;
		tok->flags = ascii_punct_flags[cp];
		tok->len = 1;
		tok->clen = 1;
		sc->pos = pos;
		sc->cpos = cpos;
		return;
	}

	if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || na_cp_is_dash(cp) ||
		first->cls == NA_C_HYPHEN)
	{
		while (pos < sc->len)
		{
			NaChar		c;

			if (!peek(sc, pos, &c))
				break;
			if (cp == '.' ? c.cp != '.' :
				(cp == '!' || cp == '?') ? (c.cp != '!' && c.cp != '?') :
				cp == 0x2026 ? c.cp != 0x2026 :
				!(na_cp_is_dash(c.cp) || c.cls == NA_C_HYPHEN))
				break;
			if (c.slow)
				flags |= NA_TF_SLOW;
			pos += c.nbytes;
			cpos += c.nchars;
		}
	}
	if (na_cp_is_terminal(cp))
		flags |= NA_TF_TERMINAL;
	if (na_cp_is_dash(cp) || first->cls == NA_C_HYPHEN)
		flags |= NA_TF_DASH;
	if (na_cp_is_quote(cp))
	{
		flags |= NA_TF_QUOTE;
		if (cp == '"' || cp == '\'' || cp == 0xFF02)
			flags |= opens ? NA_TF_OPENER : NA_TF_CLOSER;
	}
	if (na_cp_is_opener(cp))
		flags |= NA_TF_OPENER;
	else if (na_cp_is_closer(cp))
		flags |= NA_TF_CLOSER;
	tok->kind = (first->cls == NA_C_SYMBOL) ? NA_TOK_SYMBOL : NA_TOK_PUNCT;
	tok->flags = flags;
	tok->len = pos - sc->pos;
	tok->clen = cpos - sc->cpos;
	sc->pos = pos;
	sc->cpos = cpos;
}

/*
 * Characters after which a run of ASCII letters and digits is certainly a
 * whole token: no joiner, period, entity or special form can follow.
 */
static const uint8_t plain_end[256] = {
	['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, [','] = 1,
	[';'] = 1, [')'] = 1, ['"'] = 1, ['!'] = 1, ['?'] = 1, [']'] = 1,
};

/*
 * scan_plain_word: the fast path for the common token, a run of ASCII
 * letters and digits ended by white space or plain punctuation.  Returns
 * false, consuming nothing, when the run needs the full scan_word.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool
scan_plain_word(Scanner *sc, NaToken *tok)
{
	const uint8_t *s = sc->s;
	const uint8_t *q = s + sc->pos;
	const uint8_t *end = s + sc->len;
	size_t		p;
	unsigned	bits = 0;
	bool		digits,
				letters,
				lowers;
	uint32_t	flags = 0;

#ifdef __SSE2__
	if (end - q >= 16)
	{
		/*
		 * 16 bytes at once: which are letters (x | 0x20 in 'a'..'z'),
		 * digits (x - lo <= hi - lo, unsigned), lower-case letters
		 * (letters with bit 0x20); the run ends at the first byte that is
		 * neither letter nor digit.  A run of 16 or more takes the loop.
		 */
		__m128i		v = _mm_loadu_si128((const __m128i *) q);
		__m128i		x,
					t;
		unsigned	letter,
					digit,
					run;

#define IN_RANGE(x, lo, hi) \
		(t = _mm_sub_epi8((x), _mm_set1_epi8((char) (lo))), \
		 (unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char) ((hi) - (lo)))), t)))
		x = _mm_or_si128(v, _mm_set1_epi8(0x20));
		letter = IN_RANGE(x, 'a', 'z');
		digit = IN_RANGE(v, '0', '9');
#undef IN_RANGE
		run = ~(letter | digit) & 0xFFFF;
		if (run)
		{
			unsigned	m = (1u << __builtin_ctz(run)) - 1;

			digits = (digit & m) != 0;
			letters = (letter & m) != 0;
			/* bit 5 of each byte moved to bit 7: set for a lower-case letter */
			lowers = (letter & m & (unsigned) _mm_movemask_epi8(_mm_slli_epi16(v, 2))) != 0;
			q += __builtin_ctz(run);
			goto run_end;
		}
	}
#endif
	do
		bits |= na_ascii_bits[*q++];
	while (q < end && (na_ascii_bits[*q] & NA_AB_ALNUM));
	digits = (bits & NA_AB_DIGIT) != 0;
	letters = (bits & (NA_AB_UPPER | NA_AB_LOWER)) != 0;
	lowers = (bits & NA_AB_LOWER) != 0;
#ifdef __SSE2__
run_end:
#endif
	p = (size_t) (q - s);
	if (p < sc->len && !plain_end[s[p]])
		return false;
	if (digits)
	{
		if (!(na_ascii_bits[s[sc->pos]] & NA_AB_DIGIT) || letters ||
			(p < sc->len && s[p] == ','))
			return false;		/* mixed, or "1,000": let scan_word decide */
		tok->kind = NA_TOK_NUMBER;
		flags = NA_TF_HAS_DIGIT;
	}
	else
	{
		tok->kind = NA_TOK_WORD;
		if (na_ascii_bits[s[sc->pos]] & NA_AB_UPPER)
			flags |= NA_TF_UPPER_INITIAL;
		flags |= lowers ? NA_TF_HAS_LOWER : NA_TF_ALL_UPPER;
	}
	tok->flags = flags;
	tok->len = p - sc->pos;
	tok->clen = tok->len;
	sc->cpos += tok->len;
	sc->pos = p;
	return true;
}

/* na_scanner_init: see tokenizer.h. */
void
na_scanner_init(NaScanner *sc, const char *text, size_t len, const NaYield *yield)
{
	memset(sc, 0, sizeof(*sc));
	sc->s = (const uint8_t *) text;
	sc->len = len;
	if (len >= UINT32_MAX)
	{
		/* offsets are 32-bit: no token at all */
		sc->too_large = true;
		sc->len = 0;
	}
	sc->space = true;			/* start of text counts as space */
	sc->yield = yield;
	sc->next_yield = NA_YIELD_EVERY;
}

/*
 * scan_next: the next token of sc in *tok; false at the end of the text or
 * at invalid UTF-8.  The one scanning loop behind na_scan,
 * na_scanner_next and na_scanner_read, inlined in each: a call per token
 * would cost about a tenth of the scan.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool
scan_next(Scanner *sc, NaToken *tok)
{
	while (sc->pos < sc->len)
	{
		NaChar		c;

		if (sc->pos >= sc->next_yield)
		{
			na_yield(sc->yield);
			sc->next_yield = sc->pos + NA_YIELD_EVERY;
		}
		if (sc->s[sc->pos] == ' ')
		{
			sc->space = true;
			sc->pos++;
			sc->cpos++;
			continue;
		}
		if (na_ascii_bits[sc->s[sc->pos]] & NA_AB_ALNUM)
		{
			/* the common case first: a plain ASCII word or number */
			tok->start = sc->pos;
			tok->cstart = sc->cpos;
			tok->cp = sc->s[sc->pos];
			tok->newlines = (uint8_t) sc->newlines;
			tok->sentence = 0;
			tok->marks = 0;
			if (scan_plain_word(sc, tok))
				goto emit;
		}
		if (!peek(sc, sc->pos, &c))
			return false;
		switch (c.cls)
		{
			case NA_C_SPACE:
				sc->space = true;
				sc->pos += c.nbytes;
				sc->cpos += c.nchars;
				continue;
			case NA_C_NEWLINE:
				/* \r\n is one line break */
				if (!(c.cp == '\r' && sc->pos + 1 < sc->len && sc->s[sc->pos + 1] == '\n') &&
					sc->newlines < 255)
					sc->newlines++;
				sc->space = true;
				sc->pos += c.nbytes;
				sc->cpos += c.nchars;
				continue;
			case NA_C_IGNORE:
				sc->pos += c.nbytes;
				sc->cpos += c.nchars;
				continue;
			default:
				break;
		}

		tok->start = sc->pos;
		tok->cstart = sc->cpos;
		tok->cp = c.cp;
		tok->newlines = (uint8_t) sc->newlines;
		tok->sentence = 0;
		tok->marks = 0;
		switch (c.cls)
		{
			case NA_C_LETTER:
			case NA_C_DIGIT:
			case NA_C_MARK:
				scan_word(sc, &c, tok);
				break;
			case NA_C_HASH:
			case NA_C_AT:
				if ((!sc->space && !sc->after_opener) || !scan_tag(sc, &c, tok))
					scan_punct(sc, &c, tok, false);
				break;
			default:
				scan_punct(sc, &c, tok, sc->space || sc->after_opener || tok->start == 0);
				break;
		}
		if (sc->invalid)
			return false;
emit:
		sc->after_opener = tok->kind == NA_TOK_PUNCT && (tok->flags & (NA_TF_OPENER | NA_TF_DASH));
		sc->newlines = 0;
		sc->space = false;
		if (sc->pos < sc->len && sc->s[sc->pos] == ' ')
		{
			/* the usual single space after a token, skipped at once */
			sc->space = true;
			sc->pos++;
			sc->cpos++;
		}
		return true;
	}
	return false;
}

/* na_scanner_next: see tokenizer.h. */
bool
na_scanner_next(NaScanner *sc, NaToken *tok)
{
	return scan_next(sc, tok);
}

/* na_scanner_read: see tokenizer.h. */
size_t
na_scanner_read(NaScanner *sc, NaToken *toks, size_t max)
{
	size_t		n = 0;

	while (n < max && scan_next(sc, &toks[n]))
		n++;
	return n;
}

/* na_scanner_status: see tokenizer.h. */
NaStatus
na_scanner_status(const NaScanner *sc, size_t *err_offset)
{
	if (sc->too_large)
		return NA_ERR_TOO_LARGE;
	if (sc->invalid)
	{
		if (err_offset)
			*err_offset = sc->bad;
		return NA_ERR_INVALID_UTF8;
	}
	return NA_OK;
}

/* na_scan: see tokenizer.h. */
NaStatus
na_scan(const char *text, size_t len, NaTokenFn fn, void *arg,
		const NaYield *yield, size_t *err_offset)
{
	NaScanner	sc;
	NaToken		tok;

	na_scanner_init(&sc, text, len, yield);
	while (scan_next(&sc, &tok))
		if (!fn(&tok, arg))
			return NA_OK;
	return na_scanner_status(&sc, err_offset);
}
