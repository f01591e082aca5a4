/*
 * clean_lines.c
 *		The line rules of na_clean: which lines of a text are the site
 *		talking (breadcrumbs, share and subscribe prompts, "Read more",
 *		navigation, credits, teasers, repeats) rather than the story.
 *
 * Each line of the intermediate text (clean_int.h) gets a profile in one
 * pass over its bytes: words, how many start in lower or upper case,
 * letters and digits, separators, whether it ends like a sentence.  Rules
 * are a table of named predicates (RULES below), tried in order on each
 * line; the first that matches removes the line, and the navigation rule
 * also the headline on the line after a bare "Next article".  Cue phrases
 * live in src/data/clean_*.txt as lower-case words, ':' standing for a
 * separator written after a word ("Read more:", "Related »"); '=' marks a
 * cue that must be the whole line.  A line is turned into that form (its
 * "head") only when its first word starts some cue
 * (gen_clean_first_words.inc), so that ordinary lines cost one binary
 * search.
 *
 * Conservative by construction:
 *	- in plain text, a line that continues the line before (which did not
 *	  end a sentence, and this one starts in lower case or the one before
 *	  runs on like prose) or runs on into the next is part of a wrapped
 *	  paragraph and no rule looks at it;
 *	- a rule whose cue could also open a sentence of the story ("Related",
 *	  "Source:", "Next", "Watch:") removes a line only when what follows
 *	  the cue is short and does not read like a sentence (four words or
 *	  more ending with . ! or ?, one of them in lower case);
 *	- prompts that speak to the reader (subscribe, cookie) need a word
 *	  addressed to the reader ("your inbox", "our site",
 *	  clean_reader_words.txt) besides the cue;
 *	- a repeated line is removed only when it is short, not a sentence and
 *	  mostly letters (so table rows stay), and its first occurrence stays.
 */
#include "clean_int.h"

#include <stdlib.h>
#include <string.h>

#include "gen_clean_agencies.inc"
#include "gen_clean_breadcrumb.inc"
#include "gen_clean_click_here.inc"
#include "gen_clean_cookie.inc"
#include "gen_clean_credit.inc"
#include "gen_clean_first_words.inc"
#include "gen_clean_navigation.inc"
#include "gen_clean_prompt_verbs.inc"
#include "gen_clean_read_more.inc"
#include "gen_clean_reader_words.inc"
#include "gen_clean_reporting.inc"
#include "gen_clean_share.inc"
#include "gen_clean_social.inc"
#include "gen_clean_subscribe.inc"
#include "gen_clean_teaser.inc"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define LONG_LINE	600			/* bytes: longer lines are prose, no rule reads them */
#define REPEAT_BYTES	160		/* longest line the repeat rule remembers */
#define HEAD_TOKENS	16
#define HEAD_BYTES	192

/* The profile of a line */
typedef struct Line
{
	uint32_t	start;			/* first byte */
	uint32_t	text;			/* first non-blank byte */
	uint32_t	end;			/* past the last non-blank byte */
	uint16_t	words;
	uint16_t	lower;			/* words that start with a lower-case letter */
	uint16_t	upper;			/* ... with an upper-case letter or a digit */
	uint16_t	caps;			/* ... with an upper-case letter */
	uint16_t	letters;
	uint16_t	digits;
	uint16_t	nonspace;
	uint16_t	crumbs;			/* spaced > » › → */
	uint16_t	slashes;		/* spaced / */
	uint16_t	bars;			/* | • · */
	uint32_t	blank_before;	/* blank lines between it and the line before */
	bool		blank;
	bool		profiled;		/* full_profile has run */
	bool		is_long;
	bool		terminal;		/* ends with . ! ? or … (closing quotes aside) */
	bool		colon;			/* ends with ':' */
	bool		last_lower;		/* its last word starts in lower case */
	bool		question;		/* a '?' with more text after it */
	bool		handle;			/* an @handle */
	bool		quotes;			/* a double quotation mark */
} Line;

/* A line in the form of the cues: lower-case words, ':' for separators */
typedef struct Head
{
	char		buf[HEAD_BYTES];
	size_t		len;
	int			ntok;
	uint16_t	tok_end[HEAD_TOKENS];	/* end of token i in buf */
	uint32_t	src_end[HEAD_TOKENS];	/* end of token i in the text */
	bool		more;			/* the line has more than the tokens kept */
	int			numbers;		/* numbers left out ("Comments 12") */
} Head;

/* What a rule sees */
typedef struct Ctx
{
	const char *t;
	const Line *prev;			/* NULL at the start */
	const Line *cur;
	Line	   *next;			/* NULL at the end (profiled on demand) */
	const Head *head;			/* NULL: the first word starts no cue */
	bool		html;
	bool		first;			/* the first line of the text */
} Ctx;

/* A rule: the line (1), the line and the next (2), or no match (0) */
typedef struct Rule
{
	const char *name;
	NaCleanKind kind;
	const char *const *cues;
	size_t		ncues;
	bool		not_first;		/* never on the first line (a headline there
								 * may start like the cue: "Video: ...") */
	int			(*match) (const Ctx *c, const struct Rule *r);
} Rule;

/* ----------------------------------------------------------------------
 * Profiles
 * ---------------------------------------------------------------------- */

static inline bool
is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool
is_upper(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* closing: a closing quote or bracket at t[i], *n its bytes */
static bool
closing_at(const char *t, size_t i, size_t n_avail, size_t *n)
{
	unsigned char c = (unsigned char) t[i];

	if (c == '"' || c == '\'' || c == ')' || c == ']')
	{
		*n = 1;
		return true;
	}
	if (n_avail >= 3 && c == 0xE2 && (unsigned char) t[i + 1] == 0x80 &&
		((unsigned char) t[i + 2] == 0x9D || (unsigned char) t[i + 2] == 0x99))
	{
		*n = 3;
		return true;
	}
	return false;
}

/* ends_sentence: does t[start, end) end with . ! ? or … before closing
 * quotes and brackets? */
static bool
ends_sentence(const char *t, size_t start, size_t end)
{
	size_t		e = end;

	while (e > start)
	{
		size_t		n;
		unsigned char c = (unsigned char) t[e - 1];

		if (c == '"' || c == '\'' || c == ')' || c == ']')
		{
			e--;
			continue;
		}
		if (e - start >= 3 && closing_at(t, e - 3, 3, &n) && n == 3)
		{
			e -= 3;
			continue;
		}
		break;
	}
	if (e == start)
		return false;
	if (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?')
		return true;
	return e - start >= 3 && (unsigned char) t[e - 3] == 0xE2 &&
		(unsigned char) t[e - 2] == 0x80 && (unsigned char) t[e - 1] == 0xA6;
}

/* spaced: is the separator at t[i, i + n) between blanks? */
static inline bool
spaced(const char *t, size_t i, size_t n, const Line *l)
{
	return i > l->text && i + n < l->end && t[i - 1] == ' ' && t[i + n] == ' ';
}

/* Byte classes of full_profile */
#define BC_SPACE	0x01
#define BC_LOWER	0x02
#define BC_UPPER	0x04		/* or a digit: starts a capitalized word */
#define BC_LETTER	0x08		/* an ASCII letter or a non-ASCII lead byte */
#define BC_DIGIT	0x10
#define BC_LOOK		0x20		/* needs a closer look */

static const uint8_t byte_class[256] = {
	[' '] = BC_SPACE, ['\t'] = BC_SPACE,
	['0'] = BC_UPPER | BC_DIGIT, ['1'] = BC_UPPER | BC_DIGIT, ['2'] = BC_UPPER | BC_DIGIT,
	['3'] = BC_UPPER | BC_DIGIT, ['4'] = BC_UPPER | BC_DIGIT, ['5'] = BC_UPPER | BC_DIGIT,
	['6'] = BC_UPPER | BC_DIGIT, ['7'] = BC_UPPER | BC_DIGIT, ['8'] = BC_UPPER | BC_DIGIT,
	['9'] = BC_UPPER | BC_DIGIT,
#define U(c) [c] = BC_UPPER | BC_LETTER
	U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'), U('K'),
	U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'), U('U'), U('V'),
	U('W'), U('X'), U('Y'), U('Z'),
#undef U
#define L(c) [c] = BC_LOWER | BC_LETTER
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'),
	L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'),
	L('w'), L('x'), L('y'), L('z'),
#undef L
	['>'] = BC_LOOK, ['/'] = BC_LOOK, ['|'] = BC_LOOK, ['?'] = BC_LOOK, ['@'] = BC_LOOK,
	['"'] = BC_LOOK, ['\''] = BC_LOOK, ['('] = BC_LOOK, [0xC2] = BC_LOOK | BC_LETTER,
	[0xE2] = BC_LOOK | BC_LETTER,
	[0xC3] = BC_LETTER, [0xC4] = BC_LETTER, [0xC5] = BC_LETTER, [0xC6] = BC_LETTER,
	[0xC7] = BC_LETTER, [0xC8] = BC_LETTER, [0xC9] = BC_LETTER, [0xCA] = BC_LETTER,
	[0xCB] = BC_LETTER, [0xCC] = BC_LETTER, [0xCD] = BC_LETTER, [0xCE] = BC_LETTER,
	[0xCF] = BC_LETTER, [0xD0] = BC_LETTER, [0xD1] = BC_LETTER, [0xD2] = BC_LETTER,
	[0xD3] = BC_LETTER, [0xD4] = BC_LETTER, [0xD5] = BC_LETTER, [0xD6] = BC_LETTER,
	[0xD7] = BC_LETTER, [0xD8] = BC_LETTER, [0xD9] = BC_LETTER, [0xDA] = BC_LETTER,
	[0xDB] = BC_LETTER, [0xDC] = BC_LETTER, [0xDD] = BC_LETTER, [0xDE] = BC_LETTER,
	[0xDF] = BC_LETTER, [0xE0] = BC_LETTER, [0xE1] = BC_LETTER, [0xE3] = BC_LETTER,
	[0xE4] = BC_LETTER, [0xE5] = BC_LETTER, [0xE6] = BC_LETTER, [0xE7] = BC_LETTER,
	[0xE8] = BC_LETTER, [0xE9] = BC_LETTER, [0xEA] = BC_LETTER, [0xEB] = BC_LETTER,
	[0xEC] = BC_LETTER, [0xED] = BC_LETTER, [0xEE] = BC_LETTER, [0xEF] = BC_LETTER,
	[0xF0] = BC_LETTER, [0xF1] = BC_LETTER, [0xF2] = BC_LETTER, [0xF3] = BC_LETTER,
	[0xF4] = BC_LETTER,
};

/*
 * quick_profile: what every line needs (extent, blank, how it ends), from
 * the line t[start, end) (end at its '\n').  full_profile adds the counts
 * the rules read, for the lines they look at.
 */
static void
quick_profile(const char *t, size_t start, size_t end, Line *l)
{
	memset(l, 0, sizeof(*l));
	l->start = (uint32_t) start;
	while (start < end && clean_is_space((unsigned char) t[start]))
		start++;
	while (end > start && clean_is_space((unsigned char) t[end - 1]))
		end--;
	l->text = (uint32_t) start;
	l->end = (uint32_t) end;
	if (start == end)
	{
		l->blank = true;
		return;
	}
	l->terminal = ends_sentence(t, start, end);
	l->colon = t[end - 1] == ':';
	l->is_long = end - start > LONG_LINE;
	{
		size_t		w = end;

		while (w > start && t[w - 1] != ' ' && t[w - 1] != '\t')
			w--;
		l->last_lower = is_lower((unsigned char) t[w]);
	}
}

/* look: the closer look full_profile takes at byte t[i] */
static void
look(const char *t, size_t i, Line *l)
{
	unsigned char c = (unsigned char) t[i];
	size_t		start = l->text,
				end = l->end;

	if (c == '>' && spaced(t, i, 1, l))
		l->crumbs++;
	else if (c == '/' && spaced(t, i, 1, l))
		l->slashes++;
	else if (c == '|')
		l->bars++;
	else if (c == '?' && i + 2 < end)
		l->question = true;
	else if (c == '@' && i + 1 < end && ((t[i + 1] | 0x20) >= 'a' && (t[i + 1] | 0x20) <= 'z') &&
			 (i == start || t[i - 1] == ' '))
		l->handle = true;
	else if (c == '"')
		l->quotes = true;
	else if (c == 0xC2 && i + 1 < end)
	{
		unsigned char d = (unsigned char) t[i + 1];

		if (d == 0xBB && spaced(t, i, 2, l))	/* » */
			l->crumbs++;
		else if (d == 0xB7 && spaced(t, i, 2, l))	/* · */
			l->bars++;
	}
	else if (c == 0xE2 && i + 2 < end)
	{
		unsigned char d = (unsigned char) t[i + 1],
					e = (unsigned char) t[i + 2];

		if (d == 0x80 && e == 0xBA && spaced(t, i, 3, l))	/* › */
			l->crumbs++;
		else if (d == 0x86 && e == 0x92 && spaced(t, i, 3, l))	/* → */
			l->crumbs++;
		else if (d == 0x80 && e == 0xA2 && spaced(t, i, 3, l))	/* • */
			l->bars++;
		else if (d == 0x80 && (e == 0x9C || e == 0x9D))
			l->quotes = true;
	}
}

/* has_structure: does the line hold a byte the structural rules look for
 * (> / | ? and the lead bytes of » › → • ·)? */
static bool
has_structure(const char *t, const Line *l)
{
	for (size_t i = l->text; i < l->end; i++)
	{
		unsigned char c = (unsigned char) t[i];

		if (c == '>' || c == '|' || c == '?' || c == '/' || c == 0xC2 || c == 0xE2)
			return true;
	}
	return false;
}

static void
full_profile(const char *t, Line *l)
{
	bool		in_word = false;

	if (l->blank || l->profiled)
		return;
	l->profiled = true;
	if (l->is_long)
	{
		l->words = l->lower = 1000;
		return;
	}
	for (size_t i = l->text; i < l->end; i++)
	{
		unsigned char c = (unsigned char) t[i];
		uint8_t		bc = byte_class[c];

		if (bc & BC_SPACE)
		{
			in_word = false;
			continue;
		}
		l->nonspace++;
		if (!in_word)
		{
			in_word = true;
			l->words++;
			if (bc & BC_LOWER)
				l->lower++;
			else if (bc & BC_UPPER)
			{
				l->upper++;
				if (bc & BC_LETTER)
					l->caps++;
			}
			else if ((c == '"' || c == '\'' || c == '(' || c == 0xE2) && i + 1 < l->end)
			{
				/* a quoted or bracketed word counts by its first letter */
				size_t		k = i + (c == 0xE2 ? 3 : 1);

				if (k < l->end && is_lower((unsigned char) t[k]))
					l->lower++;
				else if (k < l->end && is_upper((unsigned char) t[k]))
					l->upper++;
			}
		}
		if (bc & BC_LETTER)
			l->letters++;
		else if (bc & BC_DIGIT)
			l->digits++;
		if (bc & BC_LOOK)
			look(t, i, l);
	}
}

/* range_words: words of t[s, e), and how many start in lower case */
static void
range_words(const char *t, size_t s, size_t e, int *words, int *lower)
{
	bool		in_word = false;

	*words = 0;
	*lower = 0;
	for (size_t i = s; i < e; i++)
	{
		unsigned char c = (unsigned char) t[i];

		if (c == ' ' || c == '\t')
			in_word = false;
		else if (!in_word)
		{
			in_word = true;
			(*words)++;
			if (is_lower(c))
				(*lower)++;
		}
	}
}

/* is_sentence: does t[s, e) read like a sentence: four words or more,
 * ending with . ! ? or …, one of them starting in lower case? */
static bool
is_sentence(const char *t, size_t s, size_t e)
{
	int			words,
				lower;

	while (s < e && clean_is_space((unsigned char) t[s]))
		s++;
	if (!ends_sentence(t, s, e))
		return false;
	range_words(t, s, e, &words, &lower);
	return words >= 4 && lower >= 1;
}

static bool
line_is_sentence(const Line *l)
{
	return l->terminal && l->words >= 4 && l->lower >= 1;
}

/* running: a line as long as the lines of a wrapped paragraph (a long
 * headline counts too: the rules then leave the line after it alone) */
static bool
running(const Line *l)
{
	return !l->blank && l->end - l->text >= 60;
}

static bool
starts_lower(const char *t, const Line *l)
{
	return !l->blank && is_lower((unsigned char) t[l->text]);
}

/* continues: does line b continue line a of a wrapped paragraph (a does
 * not end a sentence, and b starts in lower case, or a is as long as the
 * lines of a paragraph, or is not short and ends with a word in lower case:
 * "...a central bank official told" / "Reuters.")? */
static bool
continues(const char *t, const Line *a, const Line *b)
{
	return b->blank_before == 0 && !a->terminal && !a->colon &&
		(starts_lower(t, b) || running(a) || (a->last_lower && a->end - a->text >= 25));
}

/* standalone: a line of its own, not a piece of a wrapped paragraph (in
 * HTML every line is a block of its own) */
static bool
standalone(const Ctx *c)
{
	if (c->html)
		return true;
	if (c->prev && continues(c->t, c->prev, c->cur))
		return false;
	if (c->next && continues(c->t, c->cur, c->next))
		return false;
	return true;
}

/* ----------------------------------------------------------------------
 * Heads and cues
 * ---------------------------------------------------------------------- */

/* separator_at: a separator of cues at t[i] (: > | » › → • · – — and a
 * spaced -), *n its bytes */
static bool
separator_at(const char *t, size_t i, size_t end, size_t *n)
{
	unsigned char c = (unsigned char) t[i];

	*n = 1;
	if (c == ':' || c == '>' || c == '|')
		return true;
	if (c == '-')
		return i + 1 >= end || t[i + 1] == ' ';
	if (c == 0xC2 && i + 1 < end)
	{
		*n = 2;
		return (unsigned char) t[i + 1] == 0xBB || (unsigned char) t[i + 1] == 0xB7;
	}
	if (c == 0xE2 && i + 2 < end)
	{
		unsigned char d = (unsigned char) t[i + 1],
					e = (unsigned char) t[i + 2];

		*n = 3;
		return (d == 0x80 && (e == 0xBA || e == 0xA2 || e == 0x93 || e == 0x94)) ||
			(d == 0x86 && e == 0x92);
	}
	return false;
}

/* word_byte_at: a byte of a word at t[i] (*n bytes, *out the byte to keep,
 * 0 for none): letters, digits, ' & @ and inner hyphens; ’ is ' */
static bool
word_byte_at(const char *t, size_t i, size_t end, size_t *n, char *out)
{
	unsigned char c = (unsigned char) t[i];

	*n = 1;
	*out = (char) c;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
	{
		*out = (char) (c | 0x20);
		return true;
	}
	if ((c >= '0' && c <= '9') || c == '\'' || c == '&' || c == '@' || c == '_')
		return true;
	if (c == '-')
		return i + 1 < end && t[i + 1] != ' ';
	if (c == 0xE2 && i + 2 < end && (unsigned char) t[i + 1] == 0x80)
	{
		unsigned char e = (unsigned char) t[i + 2];

		*n = 3;
		if (e == 0x99)
		{
			*out = '\'';
			return true;
		}
		return false;			/* quotes, dashes, bullets, ellipsis */
	}
	if (c == 0xC2 && i + 1 < end)
	{
		*n = 2;
		return false;			/* « » · no-break space ... */
	}
	if (c >= 0x80)
	{
		*out = (char) c;		/* other UTF-8 bytes are kept as they are */
		return true;
	}
	return false;
}

/* make_head: the head of line l */
static void
make_head(const char *t, const Line *l, Head *h)
{
	size_t		i = l->text,
				end = l->end;

	h->len = 0;
	h->ntok = 0;
	h->more = false;
	h->numbers = 0;
	while (i < end)
	{
		size_t		n,
					tok = h->len;
		char		out;
		bool		digits_only = true;

		if (separator_at(t, i, end, &n))
		{
			if (h->ntok > 0 && h->buf[h->len - 1] != ':')
			{
				if (h->ntok == HEAD_TOKENS || h->len + 2 >= HEAD_BYTES)
				{
					h->more = true;
					return;
				}
				h->buf[h->len++] = ' ';
				h->buf[h->len++] = ':';
				h->tok_end[h->ntok] = (uint16_t) h->len;
				h->src_end[h->ntok++] = (uint32_t) (i + n);
			}
			i += n;
			continue;
		}
		if (!word_byte_at(t, i, end, &n, &out))
		{
			i += n;
			continue;
		}
		if (h->ntok == HEAD_TOKENS)
		{
			h->more = true;
			return;
		}
		if (h->ntok > 0)
			h->buf[h->len++] = ' ';
		tok = h->len;
		while (i < end && word_byte_at(t, i, end, &n, &out))
		{
			if (h->len + 2 >= HEAD_BYTES)
			{
				h->len = tok > 0 ? tok - 1 : 0;
				h->more = true;
				return;
			}
			if (!(out >= '0' && out <= '9'))
				digits_only = false;
			h->buf[h->len++] = out;
			i += n;
		}
		if (digits_only)
		{
			/* counts ("Comments 12") are not words of cues */
			h->len = tok > 0 ? tok - 1 : 0;
			h->numbers++;
			continue;
		}
		h->tok_end[h->ntok] = (uint16_t) h->len;
		h->src_end[h->ntok++] = (uint32_t) i;
	}
	h->buf[h->len] = '\0';
}

/* key_cmp: key[0..n) against the NUL-terminated entry, as strcmp */
static inline int
key_cmp(const char *key, size_t n, const char *entry)
{
	for (size_t i = 0; i < n; i++)
	{
		unsigned char e = (unsigned char) entry[i];

		if (e == 0 || (unsigned char) key[i] != e)
			return e == 0 ? 1 : ((unsigned char) key[i] < e ? -1 : 1);
	}
	return entry[n] == 0 ? 0 : -1;
}

static bool
in_list(const char *const *list, size_t n, const char *key)
{
	return na_in_words(list, n, key, strlen(key));
}

/* head_token: token i of h into out (NUL-terminated) */
static const char *
head_token(const Head *h, int i, char *out, size_t outsz)
{
	size_t		s = i == 0 ? 0 : (size_t) h->tok_end[i - 1] + 1,
				e = h->tok_end[i];

	if (e - s >= outsz)
		e = s + outsz - 1;
	memcpy(out, h->buf + s, e - s);
	out[e - s] = '\0';
	return out;
}

/* starts_entry: does an entry of the sorted list start with the word
 * key[0..n) (followed by a space or its end)? */
static bool
starts_entry(const char *const *list, size_t nlist, const char *key, size_t n)
{
	size_t		lo = 0,
				hi = nlist;

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (key_cmp(key, n, list[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nlist && strncmp(list[lo], key, n) == 0 &&
		(list[lo][n] == '\0' || list[lo][n] == ' ');
}

/*
 * cue_match: how many tokens of h the longest cue of list covers (0: none).
 * A '=' cue must cover the whole line.
 */
static int
cue_match(const char *const *list, size_t n, const Head *h)
{
	char		key[HEAD_BYTES + 2];
	int			k;

	if (h->ntok == 0 || h->numbers > 1)
		return 0;
	/* most lines: no cue of the list starts with their first word */
	key[0] = '=';
	memcpy(key + 1, h->buf, h->tok_end[0]);
	if (!starts_entry(list, n, h->buf, h->tok_end[0]) &&
		!starts_entry(list, n, key, (size_t) h->tok_end[0] + 1))
		return 0;
	if (!h->more && h->ntok <= 8)
	{
		key[0] = '=';
		memcpy(key + 1, h->buf, h->len);
		if (na_in_words(list, n, key, h->len + 1))
			return h->ntok;
	}
	for (k = h->ntok < 6 ? h->ntok : 6; k >= 1; k--)
		if (na_in_words(list, n, h->buf, h->tok_end[k - 1]))
			return k;
	return 0;
}

/* has_word: is one of the line's head tokens (from token from on) in list? */
static bool
has_word(const Head *h, int from, const char *const *list, size_t n)
{
	char		tok[HEAD_BYTES];

	for (int i = from; i < h->ntok; i++)
		if (in_list(list, n, head_token(h, i, tok, sizeof(tok))))
			return true;
	return false;
}

/* all_words: are all head tokens (but ':') in one of two lists? */
static bool
all_words(const Head *h, const char *const *a, size_t na, const char *const *b, size_t nb)
{
	char		tok[HEAD_BYTES];

	if (h->more || h->ntok == 0 || h->numbers > 1)
		return false;
	for (int i = 0; i < h->ntok; i++)
	{
		head_token(h, i, tok, sizeof(tok));
		if (strcmp(tok, ":") == 0)
			continue;
		if (!in_list(a, na, tok) && !(b && in_list(b, nb, tok)))
			return false;
	}
	return true;
}

/*
 * The remainder of a line after k cue tokens: [*s, *e) of the text, and
 * whether the cue ended with a separator (then anything may follow it;
 * otherwise a headline must start with a capital, a digit or a quote).
 */
static void
cue_rest(const Ctx *c, int k, size_t *s, size_t *e, bool *sep)
{
	const Head *h = c->head;

	*s = h->src_end[k - 1];
	*e = c->cur->end;
	*sep = h->buf[h->tok_end[k - 1] - 1] == ':';
	/* a separator right after the cue counts too */
	while (*s < *e)
	{
		size_t		n;

		if (clean_is_space((unsigned char) c->t[*s]))
			(*s)++;
		else if (separator_at(c->t, *s, *e, &n))
		{
			*sep = true;
			*s += n;
		}
		else
			break;
	}
}

/* headline_after: is t[s, e) empty, or a short non-sentence (at most
 * max_words), capitalized unless sep? */
static bool
headline_after(const Ctx *c, size_t s, size_t e, bool sep, int max_words)
{
	int			words,
				lower;
	unsigned char f;
	size_t		letters = 0,
				digits = 0;

	if (s >= e)
		return true;
	range_words(c->t, s, e, &words, &lower);
	if (words > max_words || is_sentence(c->t, s, e))
		return false;
	/* words, not figures ("Previous - 1614.2") */
	for (size_t i = s; i < e; i++)
	{
		unsigned char b = (unsigned char) c->t[i];

		if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
			letters++;
		else if (b >= '0' && b <= '9')
			digits++;
	}
	if (letters == 0 || letters < digits)
		return false;
	f = (unsigned char) c->t[s];
	return sep || is_upper(f) || f == '"' || f == '\'' || f == 0xE2 || f >= 0xC0;
}

/* headline_line: a line that can be the headline of a navigation link */
static bool
headline_line(const char *t, Line *l)
{
	if (l)
		full_profile(t, l);
	return l && !l->blank && l->blank_before <= 1 && !l->is_long && l->words <= 20 &&
		!line_is_sentence(l);
}

/* ----------------------------------------------------------------------
 * Rules
 * ---------------------------------------------------------------------- */

static int
match_breadcrumb(const Ctx *c, const Rule *r)
{
	const Line *l = c->cur;
	int			k = c->head ? cue_match(r->cues, r->ncues, c->head) : 0;
	int			seps = l->crumbs ? l->crumbs : (k ? l->slashes : 0);
	int			items = seps + 1;

	if (seps < (k ? 1 : 2) || l->words > 4 * items || l->lower > items ||
		l->caps < items || l->digits * 4 > l->letters || line_is_sentence(l))
		return 0;
	return 1;
}

static int
match_menu(const Ctx *c, const Rule *r)
{
	const Line *l = c->cur;
	int			items = l->bars + 1;

	if (l->bars < 2 || l->words > 4 * items || l->upper < items ||
		2 * l->lower > items || l->terminal || l->digits * 2 > l->letters)
		return 0;
	return 1;
}

static int
match_cookie(const Ctx *c, const Rule *r)
{
	if (!c->head || !cue_match(r->cues, r->ncues, c->head))
		return 0;
	if (c->cur->words <= 4)
		return 1;
	return c->cur->words <= 80 &&
		has_word(c->head, 0, clean_reader_words, NELEM(clean_reader_words));
}

static int
match_subscribe(const Ctx *c, const Rule *r)
{
	int			k;

	if (!c->head || !(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	if (k == c->head->ntok && !c->head->more && c->cur->words <= 5)
		return 1;
	return c->cur->words <= 30 &&
		has_word(c->head, 0, clean_reader_words, NELEM(clean_reader_words));
}

static int
match_share(const Ctx *c, const Rule *r)
{
	size_t		s,
				e;
	bool		sep;
	int			k,
				words,
				lower;

	if (!c->head)
		return 0;
	/* a row of buttons: "Facebook Twitter Email", "Share 12" */
	if (c->cur->words <= 8 && all_words(c->head, clean_social, NELEM(clean_social), NULL, 0))
		return 1;
	if (!(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	cue_rest(c, k, &s, &e, &sep);
	range_words(c->t, s, e, &words, &lower);
	return words <= 8 && !is_sentence(c->t, s, e);
}

static int
match_follow(const Ctx *c, const Rule *r)
{
	char		tok[16];
	const Head *h = c->head;

	if (!h || h->ntok < 2 || c->cur->words > 15 ||
		strcmp(head_token(h, 0, tok, sizeof(tok)), "follow") != 0)
		return 0;
	return c->cur->handle || has_word(h, 1, clean_social, NELEM(clean_social));
}

static int
match_read_more(const Ctx *c, const Rule *r)
{
	size_t		s,
				e;
	bool		sep;
	int			k;

	if (!c->head || !(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	cue_rest(c, k, &s, &e, &sep);
	return headline_after(c, s, e, sep, 20);
}

static int
match_click_here(const Ctx *c, const Rule *r)
{
	return c->head && c->cur->words <= 25 && cue_match(r->cues, r->ncues, c->head);
}

static int
match_navigation(const Ctx *c, const Rule *r)
{
	size_t		s,
				e;
	bool		sep;
	int			k;
	char		tok[16];

	if (!c->head || !(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	/* "Previous" alone heads a column of figures in plain text */
	if (k == 1 && c->head->ntok == 1 && !c->html)
		return 0;
	cue_rest(c, k, &s, &e, &sep);
	if (s < e)
		return headline_after(c, s, e, sep, 20);
	/* a bare "Next article": the neighbouring headline is on the next line */
	head_token(c->head, 0, tok, sizeof(tok));
	if ((strcmp(tok, "next") == 0 || strcmp(tok, "previous") == 0 || strcmp(tok, "prev") == 0 ||
		 strcmp(tok, "up") == 0 || strcmp(tok, "older") == 0 || strcmp(tok, "newer") == 0) &&
		headline_line(c->t, c->next) && c->next->letters >= 4 * c->next->digits)
		return 2;
	return 1;
}

static int
match_credit(const Ctx *c, const Rule *r)
{
	size_t		s,
				e;
	bool		sep;
	int			k,
				words,
				lower;

	if (!c->head || !(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	cue_rest(c, k, &s, &e, &sep);
	range_words(c->t, s, e, &words, &lower);
	return words <= 12 && headline_after(c, s, e, sep, 12);
}

static int
match_reporting(const Ctx *c, const Rule *r)
{
	const Line *l = c->cur;

	if (!c->head || l->words > 40 || !cue_match(r->cues, r->ncues, c->head))
		return 0;
	return c->t[l->text] == '(' || !line_is_sentence(l);
}

static int
match_agency(const Ctx *c, const Rule *r)
{
	static const char *const generic[] = {
		"copyright", "image", "images", "photo", "photos", "via", "wire"
	};
	char		tok[HEAD_BYTES];

	if (!c->head || c->cur->words > 6 ||
		!all_words(c->head, clean_agencies, NELEM(clean_agencies), clean_social, NELEM(clean_social)))
		return 0;
	/* at least one agency, not only "Photo" */
	for (int i = 0; i < c->head->ntok; i++)
	{
		head_token(c->head, i, tok, sizeof(tok));
		if (in_list(clean_agencies, NELEM(clean_agencies), tok) &&
			!in_list(generic, NELEM(generic), tok))
			return 1;
	}
	return 0;
}

static int
match_teaser(const Ctx *c, const Rule *r)
{
	size_t		s,
				e;
	bool		sep;
	int			k;

	if (!c->head || !(k = cue_match(r->cues, r->ncues, c->head)))
		return 0;
	if (c->cur->words > 15)
		return 0;
	cue_rest(c, k, &s, &e, &sep);
	return s >= e || !is_sentence(c->t, s, e);
}

/* "Short on time? Read the digest": a short question, then an imperative */
static int
match_prompt(const Ctx *c, const Rule *r)
{
	const Line *l = c->cur;
	const char *q;
	size_t		i,
				n;
	int			words,
				lower;
	char		verb[16];

	if (!l->question || l->quotes || l->words > 15)
		return 0;
	q = memchr(c->t + l->text, '?', l->end - l->text);
	range_words(c->t, l->text, (size_t) (q - c->t), &words, &lower);
	if (words < 1 || words > 6)
		return 0;
	for (i = (size_t) (q - c->t) + 1; i < l->end && clean_is_space((unsigned char) c->t[i]); i++)
		;
	for (n = 0; i + n < l->end && n < sizeof(verb) - 1 &&
		 ((c->t[i + n] | 0x20) >= 'a' && (c->t[i + n] | 0x20) <= 'z'); n++)
		verb[n] = (char) (c->t[i + n] | 0x20);
	verb[n] = '\0';
	if (n == 0 || !is_upper((unsigned char) c->t[i]))
		return 0;
	/* "Why? Read the report, he said." is reported speech */
	if (memchr(c->t + i, ',', l->end - i))
		return 0;
	return in_list(clean_prompt_verbs, NELEM(clean_prompt_verbs), verb);
}

/* The rules, in the order they are tried.  Keep clean.h's kinds and the
 * data files' headers in step. */
#define CUES(a)	a, NELEM(a)
static const Rule rules[] = {
	{"breadcrumb", NA_CLEAN_BREADCRUMB, CUES(clean_breadcrumb), false, match_breadcrumb},
	{"menu", NA_CLEAN_MENU, NULL, 0, false, match_menu},
	{"cookie", NA_CLEAN_COOKIE, CUES(clean_cookie), false, match_cookie},
	{"subscribe", NA_CLEAN_SUBSCRIBE, CUES(clean_subscribe), false, match_subscribe},
	{"share", NA_CLEAN_SHARE, CUES(clean_share), false, match_share},
	{"follow", NA_CLEAN_SHARE, NULL, 0, false, match_follow},
	{"read_more", NA_CLEAN_READ_MORE, CUES(clean_read_more), true, match_read_more},
	{"click_here", NA_CLEAN_READ_MORE, CUES(clean_click_here), true, match_click_here},
	{"navigation", NA_CLEAN_NAVIGATION, CUES(clean_navigation), false, match_navigation},
	{"credit", NA_CLEAN_CREDIT, CUES(clean_credit), true, match_credit},
	{"reporting", NA_CLEAN_CREDIT, CUES(clean_reporting), false, match_reporting},
	{"agency", NA_CLEAN_CREDIT, NULL, 0, false, match_agency},
	{"teaser", NA_CLEAN_TEASER, CUES(clean_teaser), true, match_teaser},
	{"prompt", NA_CLEAN_TEASER, NULL, 0, true, match_prompt},
};
#undef CUES

/* clean_rule_count, clean_rule_name: the rule table, for tests */
size_t
clean_rule_count(void)
{
	return NELEM(rules);
}

const char *
clean_rule_name(size_t i)
{
	return i < NELEM(rules) ? rules[i].name : NULL;
}

/* ----------------------------------------------------------------------
 * Repeated lines
 * ---------------------------------------------------------------------- */

typedef struct Seen
{
	uint32_t	hash;
	uint32_t	start;			/* 0 and len 0: empty slot */
	uint32_t	len;
} Seen;

typedef struct SeenSet
{
	Seen	   *slots;
	size_t		cap;			/* a power of two */
	size_t		n;
	const NaAllocator *alloc;
} SeenSet;

/*
 * repeat_candidate: a line that may count as a repeated teaser: short, not
 * a sentence, mostly letters, and speaking to the reader (a word of
 * clean_reader_words.txt, or an imperative of clean_prompt_verbs.txt
 * first).  Programmes, tables and headings repeat in real stories
 * ("Winners meet in final match", "Shr not given"); teasers do not.
 */
static bool
repeat_shape(const Line *l)
{
	return !l->is_long && l->words >= 3 && l->words <= 15 && !line_is_sentence(l) &&
		l->letters >= 4 * l->digits && 2 * l->letters >= l->nonspace;
}

static bool
repeat_candidate(const Ctx *c)
{
	char		tok[HEAD_BYTES];

	if (!c->head)
		return false;
	return in_list(clean_prompt_verbs, NELEM(clean_prompt_verbs),
				   head_token(c->head, 0, tok, sizeof(tok))) ||
		has_word(c->head, 0, clean_reader_words, NELEM(clean_reader_words));
}

/* seen_check: true if t[s, e) was seen; otherwise remember it */
static NaStatus
seen_check(SeenSet *set, const char *t, size_t s, size_t e, bool *seen)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT, t + s, e - s);
	size_t		i;

	*seen = false;
	if (2 * (set->n + 1) > set->cap)
	{
		size_t		cap = set->cap ? 2 * set->cap : 64;
		Seen	   *slots = na_alloc(set->alloc, cap * sizeof(Seen));

		if (!slots)
			return NA_ERR_NOMEM;
		memset(slots, 0, cap * sizeof(Seen));
		for (size_t j = 0; j < set->cap; j++)
		{
			if (set->slots[j].len == 0)
				continue;
			for (i = set->slots[j].hash & (cap - 1); slots[i].len; i = (i + 1) & (cap - 1))
				;
			slots[i] = set->slots[j];
		}
		na_release(set->alloc, set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	for (i = h & (set->cap - 1); set->slots[i].len; i = (i + 1) & (set->cap - 1))
	{
		const Seen *x = &set->slots[i];

		if (x->hash == h && x->len == e - s && memcmp(t + x->start, t + s, e - s) == 0)
		{
			*seen = true;
			return NA_OK;
		}
	}
	set->slots[i].hash = h;
	set->slots[i].start = (uint32_t) s;
	set->slots[i].len = (uint32_t) (e - s);
	set->n++;
	return NA_OK;
}

/* ----------------------------------------------------------------------
 * The stage
 * ---------------------------------------------------------------------- */

static NaStatus
add_rem(const NaAllocator *alloc, CleanLineRem **out, size_t *n, size_t *cap,
		const Line *l, int kind)
{
	NaStatus	st = clean_grow(alloc, (void **) out, cap, *n, sizeof(CleanLineRem));

	if (st != NA_OK)
		return st;
	(*out)[*n].start = l->text;
	(*out)[*n].end = l->end;
	(*out)[*n].kind = (uint8_t) kind;
	(*n)++;
	return NA_OK;
}

/* first_word_cue: does the line's first word start a cue? */
static bool
first_word_cue(const char *t, const Line *l)
{
	char		w[24];
	size_t		i = l->text,
				n = 0,
				k;
	char		out;

	/* skip leading punctuation: "(Reporting by", "« Previous" */
	while (i < l->end && !word_byte_at(t, i, l->end, &k, &out))
		i += k;
	while (i < l->end && n < sizeof(w) - 1 && word_byte_at(t, i, l->end, &k, &out))
	{
		w[n++] = out;
		i += k;
	}
	return n > 0 && na_in_words(clean_first_words, NELEM(clean_first_words), w, n);
}

/* clean_lines: see clean_int.h */
NaStatus
clean_lines(const char *t, size_t len, bool html, const NaAllocator *alloc,
			const NaYield *yield, CleanLineRem **out, size_t *nout)
{
	Line		ring[3];
	Line	   *prev = NULL,
			   *cur = NULL,
			   *next = NULL;
	size_t		pos = 0,
				cap = 0,
				since_yield = 0;
	int			take_next = -1;	/* the kind the next line is removed as */
	size_t		nkept_lines = 0;	/* non-blank lines seen */
	SeenSet		seen = {NULL, 0, 0, alloc};
	NaStatus	st = NA_OK;
	Head		head;
	int			slot = 0;

	*out = NULL;
	*nout = 0;
	/*
	 * Non-blank lines are read one ahead: prev, cur and next live in a ring
	 * of three, each knowing the blank lines before it.
	 */
	while (st == NA_OK)
	{
		Line	   *l = NULL;
		uint32_t	blanks = 0;

		while (pos < len)
		{
			const char *nl = memchr(t + pos, '\n', len - pos);
			size_t		e = nl ? (size_t) (nl - t) : len;

			l = &ring[slot];
			quick_profile(t, pos, e, l);
			since_yield += e - pos + 1;
			pos = e + 1;
			if (since_yield >= NA_YIELD_EVERY)
			{
				na_yield(yield);
				since_yield = 0;
			}
			if (!l->blank)
			{
				l->blank_before = blanks;
				slot = (slot + 1) % 3;
				break;
			}
			blanks++;
			l = NULL;
		}
		prev = cur;
		cur = next;
		next = l;
		if (!cur)
		{
			if (!next)
				break;
			continue;
		}
		{
			Ctx			c = {t, prev, cur, next, NULL, html, false};
			int			kind = take_next;

			take_next = -1;
			if (kind < 0 && standalone(&c))
			{
				bool		cue = first_word_cue(t, cur);

				/*
				 * The rules need the full profile of a line whose first word
				 * starts a cue, or that holds a separator or a question mark
				 * (breadcrumbs, menus, prompts); no rule looks at the others,
				 * but the repeat rule remembers them.
				 */
				if (cue || has_structure(t, cur))
				{
					full_profile(t, cur);
					if (cue)
					{
						make_head(t, cur, &head);
						c.head = &head;
					}
					c.first = nkept_lines == 0;
					for (size_t i = 0; i < NELEM(rules) && kind < 0; i++)
					{
						int			m;

						if (c.first && rules[i].not_first)
							continue;
						m = rules[i].match(&c, &rules[i]);
						if (m > 0)
						{
							kind = rules[i].kind;
							if (m == 2)
								take_next = kind;
						}
					}
				}
				if (kind < 0 && cur->end - cur->text <= REPEAT_BYTES)
				{
					bool		dup;

					st = seen_check(&seen, t, cur->text, cur->end, &dup);
					if (dup)
					{
						/* a repeat: is it a teaser? */
						full_profile(t, cur);
						if (!c.head)
						{
							make_head(t, cur, &head);
							c.head = &head;
						}
						if (repeat_shape(cur) && repeat_candidate(&c))
							kind = NA_CLEAN_REPEATED;
					}
				}
			}
			if (kind >= 0 && st == NA_OK)
				st = add_rem(alloc, out, nout, &cap, cur, kind);
			nkept_lines++;
		}
	}
	na_release(alloc, seen.slots);
	if (st != NA_OK)
	{
		na_release(alloc, *out);
		*out = NULL;
		*nout = 0;
	}
	return st;
}
