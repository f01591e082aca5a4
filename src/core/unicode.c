/*
 * unicode.c
 *		UTF-8 decoding, HTML entity decoding and character classes.
 *
 * The scanner asks for one character at a time.  ASCII takes a table
 * lookup; '&' and '#' first try to read an HTML entity; other bytes are
 * decoded (and validated) here and classified with utf8proc, with the
 * overrides news text needs: U+2019 and U+02BC are apostrophes, U+2010 and
 * U+2011 are hyphens that join words while the other dashes separate them,
 * zero-width and format characters are invisible.
 */
#include "unicode.h"

#include <string.h>
#include <utf8proc.h>

#define S	NA_C_SPACE
#define N	NA_C_NEWLINE
#define I	NA_C_IGNORE
#define L	NA_C_LETTER
#define D	NA_C_DIGIT
#define A	NA_C_APOS
#define H	NA_C_HYPHEN
#define E	NA_C_PERIOD
#define P	NA_C_PUNCT
#define Y	NA_C_SYMBOL

/* Classes of the ASCII characters. */
const uint8_t na_ascii_class[128] = {
	I, I, I, I, I, I, I, I, I, S, N, S, S, N, I, I,		/* 0x00 */
	I, I, I, I, I, I, I, I, I, I, I, I, I, I, I, I,		/* 0x10 */
	S, P, P, NA_C_HASH, Y, Y, Y, A, P, P, P, Y, P, H, E, P,	/* 0x20  !"#$%&'()*+,-./ */
	D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P,		/* 0x30 0-9:;<=>? */
	NA_C_AT, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,	/* 0x40 @A-O */
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, Y, NA_C_UNDERSCORE,	/* 0x50 P-Z[\]^_ */
	Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,		/* 0x60 `a-o */
	L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, I,		/* 0x70 p-z{|}~ */
};

#undef S
#undef N
#undef I
#undef L
#undef D
#undef A
#undef H
#undef E
#undef P
#undef Y

#define AL (NA_AB_ALNUM | NA_AB_LOWER)
#define AU (NA_AB_ALNUM | NA_AB_UPPER)
#define AD (NA_AB_ALNUM | NA_AB_DIGIT)

const uint8_t na_ascii_bits[256] = {
	['0'] = AD, AD, AD, AD, AD, AD, AD, AD, AD, AD,
	['A'] = AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU,
	AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU, AU,
	['a'] = AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
};

#undef AL
#undef AU
#undef AD

#include "gen_html_entities.inc"

/* entity_cmp: name[0..n) against the name of a table line ("amp; 26") */
static int
entity_cmp(const char *name, size_t n, const char *entry)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		unsigned char e = (unsigned char) entry[i];

		if (e == ' ')
			return 1;
		if ((unsigned char) name[i] != e)
			return (unsigned char) name[i] < e ? -1 : 1;
	}
	return entry[i] == ' ' ? 0 : -1;
}

/* na_html_entity: see unicode.h. */
int
na_html_entity(const char *name, size_t n, uint32_t cps[2])
{
	size_t		lo = 0,
				hi = sizeof(html_entities) / sizeof(html_entities[0]);

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = entity_cmp(name, n, html_entities[mid]);

		if (c == 0)
		{
			const char *p = html_entities[mid] + n + 1;
			int			ncp = 0;

			/* the code points, in hexadecimal, joined by '+' */
			while (*p && ncp < 2)
			{
				uint32_t	v = 0;

				for (; *p && *p != '+'; p++)
					v = v * 16 + (uint32_t) (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
				cps[ncp++] = v;
				if (*p == '+')
					p++;
			}
			return ncp;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static bool
valid_scalar(uint32_t cp)
{
	return cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

/*
 * read_numeric_entity parses "#39;" or "#x2019;" at s[pos] (pos at '#').
 * Returns the number of bytes consumed, 0 if it is not an entity.
 */
static size_t
read_numeric_entity(const uint8_t *s, size_t len, size_t pos, uint32_t *cp)
{
	size_t		i = pos + 1;
	uint32_t	v = 0;
	int			ndig = 0;

	if (i < len && (s[i] == 'x' || s[i] == 'X'))
	{
		for (i++; i < len && ndig < 7; i++, ndig++)
		{
			uint8_t		b = s[i];

			if (b >= '0' && b <= '9')
				v = v * 16 + (b - '0');
			else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'f')
				v = v * 16 + ((b | 0x20) - 'a' + 10);
			else
				break;
		}
	}
	else
	{
		for (; i < len && ndig < 8; i++, ndig++)
		{
			if (s[i] < '0' || s[i] > '9')
				break;
			v = v * 10 + (s[i] - '0');
		}
	}
	if (ndig == 0 || ndig > 7 || i >= len || s[i] != ';' || !valid_scalar(v))
		return 0;
	*cp = v;
	return i + 1 - pos;
}

/* read_entity: an entity at s[pos] ('&' or '#'); bytes consumed or 0. */
static size_t
read_entity(const uint8_t *s, size_t len, size_t pos, uint32_t *cp)
{
	size_t		n;

	if (s[pos] == '#')
	{
		/* the "#39;" form of some scrapers: decimal only, 2 to 5 digits */
		n = read_numeric_entity(s, len, pos, cp);
		if (n >= 4 && n <= 7 && s[pos + 1] != 'x' && s[pos + 1] != 'X' && *cp >= 32)
			return n;
		return 0;
	}
	if (pos + 1 < len && s[pos + 1] == '#')
	{
		n = read_numeric_entity(s, len, pos + 1, cp);
		return n ? n + 1 : 0;
	}
	else
	{
		uint32_t	cps[2];
		size_t		i = pos + 1;

		/* a name of the HTML5 table, ended by ';' ("&amp;", "&eth;", "&AMP;") */
		while (i < len && i - pos <= 40 &&
			   ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
				(s[i] >= '0' && s[i] <= '9')))
			i++;
		if (i - pos < 3 || i >= len || s[i] != ';' ||
			na_html_entity((const char *) s + pos + 1, i - pos, cps) != 1)
			return 0;
		*cp = cps[0];
		return i + 1 - pos;
	}
}

/* na_classify: class and case of a code point. */
NaCharClass
na_classify(uint32_t cp, int *ucase)
{
	*ucase = NA_CASE_NONE;
	if (cp < 128)
	{
		if (cp >= 'A' && cp <= 'Z')
			*ucase = NA_CASE_UPPER;
		else if (cp >= 'a' && cp <= 'z')
			*ucase = NA_CASE_LOWER;
		return (NaCharClass) na_ascii_class[cp];
	}
	switch (cp)
	{
		case 0x2019:			/* right single quotation mark */
		case 0x02BC:			/* modifier letter apostrophe */
		case 0xFF07:			/* fullwidth apostrophe */
			return NA_C_APOS;
		case 0x2010:			/* hyphen */
		case 0x2011:			/* non-breaking hyphen */
		case 0xFE63:			/* small hyphen-minus */
		case 0xFF0D:			/* fullwidth hyphen-minus */
			return NA_C_HYPHEN;
		case 0x0085:
		case 0x2028:
		case 0x2029:
			return NA_C_NEWLINE;
		case 0x00AD:			/* soft hyphen */
		case 0x200B:			/* zero width space */
		case 0x200C:			/* zero width non-joiner */
		case 0x200D:			/* zero width joiner */
		case 0x2060:			/* word joiner */
		case 0xFEFF:			/* byte order mark */
			return NA_C_IGNORE;
		case 0xFF0E:			/* fullwidth full stop */
			return NA_C_PERIOD;
	}
	switch (utf8proc_category((utf8proc_int32_t) cp))
	{
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LT:
			*ucase = NA_CASE_UPPER;
			return NA_C_LETTER;
		case UTF8PROC_CATEGORY_LL:
			*ucase = NA_CASE_LOWER;
			return NA_C_LETTER;
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_NL:
			return NA_C_LETTER;
		case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			return NA_C_MARK;
		case UTF8PROC_CATEGORY_ND:
			return NA_C_DIGIT;
		case UTF8PROC_CATEGORY_PC:
		case UTF8PROC_CATEGORY_PD:
		case UTF8PROC_CATEGORY_PS:
		case UTF8PROC_CATEGORY_PE:
		case UTF8PROC_CATEGORY_PI:
		case UTF8PROC_CATEGORY_PF:
		case UTF8PROC_CATEGORY_PO:
			return NA_C_PUNCT;
		case UTF8PROC_CATEGORY_ZS:
			return NA_C_SPACE;
		case UTF8PROC_CATEGORY_ZL:
		case UTF8PROC_CATEGORY_ZP:
			return NA_C_NEWLINE;
		case UTF8PROC_CATEGORY_CC:
		case UTF8PROC_CATEGORY_CF:
			return NA_C_IGNORE;
		default:
			return NA_C_SYMBOL;
	}
}

/*
 * na_utf8_decode: the code point of the multi-byte character at s[pos],
 * validated as strictly as the server does (no overlong forms, surrogates
 * or code points above U+10FFFF); its length, 0 when malformed.
 */
size_t
na_utf8_decode(const uint8_t *s, size_t len, size_t pos, uint32_t *out)
{
	uint8_t		b = s[pos];
	uint32_t	cp;

	if (b < 0x80)
	{
		*out = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF)
	{
		if (pos + 1 >= len || (s[pos + 1] & 0xC0) != 0x80)
			return 0;
		*out = ((uint32_t) (b & 0x1F) << 6) | (s[pos + 1] & 0x3F);
		return 2;
	}
	if (b >= 0xE0 && b <= 0xEF)
	{
		if (pos + 2 >= len || (s[pos + 1] & 0xC0) != 0x80 || (s[pos + 2] & 0xC0) != 0x80)
			return 0;
		cp = ((uint32_t) (b & 0x0F) << 12) | ((uint32_t) (s[pos + 1] & 0x3F) << 6) |
			(s[pos + 2] & 0x3F);
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		*out = cp;
		return 3;
	}
	if (b >= 0xF0 && b <= 0xF4)
	{
		if (pos + 3 >= len || (s[pos + 1] & 0xC0) != 0x80 ||
			(s[pos + 2] & 0xC0) != 0x80 || (s[pos + 3] & 0xC0) != 0x80)
			return 0;
		cp = ((uint32_t) (b & 0x07) << 18) | ((uint32_t) (s[pos + 1] & 0x3F) << 12) |
			((uint32_t) (s[pos + 2] & 0x3F) << 6) | (s[pos + 3] & 0x3F);
		if (cp < 0x10000 || cp > 0x10FFFF)
			return 0;
		*out = cp;
		return 4;
	}
	return 0;
}

/* na_utf8_valid: is s[0..len) well-formed UTF-8?  See unicode.h. */
bool
na_utf8_valid(const char *s, size_t len, const NaYield *yield, size_t *bad)
{
	const uint8_t *p = (const uint8_t *) s;
	size_t		i = 0;
	size_t		next_yield = NA_YIELD_EVERY;
	uint32_t	cp;

	while (i < len)
	{
		size_t		n;

		if (i >= next_yield)
		{
			na_yield(yield);
			next_yield = i + NA_YIELD_EVERY;
		}
		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		if ((n = na_utf8_decode(p, len, i, &cp)) == 0)
		{
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* na_term_char: see unicode.h. */
bool
na_term_char(const uint8_t *s, size_t len, size_t pos, size_t *nbytes, uint32_t *lower)
{
	uint32_t	cp;
	size_t		n = na_utf8_decode(s, len, pos, &cp);

	if (n == 0)
	{
		*nbytes = 1;
		return false;
	}
	*nbytes = n;
	switch (utf8proc_category((utf8proc_int32_t) cp))
	{
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL:
		case UTF8PROC_CATEGORY_NO:
			*lower = (uint32_t) utf8proc_tolower((utf8proc_int32_t) cp);
			return true;
		default:
			return false;
	}
}

/* na_read_char: decode one character (or entity) at s[pos]. */
bool
na_read_char(const uint8_t *s, size_t len, size_t pos, NaChar *c)
{
	uint8_t		b = s[pos];
	uint32_t	cp;
	size_t		n;
	int			ucase;

	if (b < 0x80)
	{
		if ((b == '&' || b == '#') && (n = read_entity(s, len, pos, &cp)) != 0)
		{
			c->cp = cp;
			c->cls = (uint8_t) na_classify(cp, &ucase);
			c->ucase = (uint8_t) ucase;
			c->slow = 1;
			c->nbytes = (uint8_t) n;
			c->nchars = (uint8_t) n;
			return true;
		}
		c->cp = b;
		c->cls = na_ascii_class[b];
		c->ucase = (b >= 'A' && b <= 'Z') ? NA_CASE_UPPER :
			(b >= 'a' && b <= 'z') ? NA_CASE_LOWER : NA_CASE_NONE;
		c->slow = 0;
		c->nbytes = 1;
		c->nchars = 1;
		return true;
	}

	if ((n = na_utf8_decode(s, len, pos, &cp)) == 0)
		return false;
	c->cp = cp;
	c->cls = (uint8_t) na_classify(cp, &ucase);
	c->ucase = (uint8_t) ucase;
	c->slow = 1;
	c->nbytes = (uint8_t) n;
	c->nchars = 1;
	return true;
}

/* na_cp_is_terminal: punctuation that can end a sentence. */
bool
na_cp_is_terminal(uint32_t cp)
{
	switch (cp)
	{
		case '.':
		case '!':
		case '?':
		case 0x2026:			/* horizontal ellipsis */
		case 0x203C:			/* double exclamation mark */
		case 0x2047:			/* double question mark */
		case 0x2048:
		case 0x2049:
		case 0x3002:			/* ideographic full stop */
		case 0xFF01:
		case 0xFF0E:
		case 0xFF1F:
		case 0x061F:			/* arabic question mark */
		case 0x06D4:			/* arabic full stop */
		case 0x0964:			/* devanagari danda */
			return true;
	}
	return false;
}

/* na_cp_is_quote: any quotation mark. */
bool
na_cp_is_quote(uint32_t cp)
{
	switch (cp)
	{
		case '"':
		case '\'':
		case 0x00AB:
		case 0x00BB:
		case 0x2018:
		case 0x2019:
		case 0x201A:
		case 0x201B:
		case 0x201C:
		case 0x201D:
		case 0x201E:
		case 0x201F:
		case 0x2039:
		case 0x203A:
		case 0x300C:
		case 0x300D:
		case 0xFF02:
			return true;
	}
	return false;
}

/* na_cp_is_opener: opening bracket or quotation mark (never ASCII quotes,
 * whose direction depends on context). */
bool
na_cp_is_opener(uint32_t cp)
{
	if (cp == '(' || cp == '[' || cp == '{')
		return true;
	if (cp < 128)
		return false;
	switch (cp)
	{
		case 0x00AB:
		case 0x2018:
		case 0x201A:
		case 0x201C:
		case 0x201E:
		case 0x2039:
			return true;
	}
	return utf8proc_category((utf8proc_int32_t) cp) == UTF8PROC_CATEGORY_PS;
}

/* na_cp_is_closer: closing bracket or quotation mark (not ASCII quotes). */
bool
na_cp_is_closer(uint32_t cp)
{
	if (cp == ')' || cp == ']' || cp == '}')
		return true;
	if (cp < 128)
		return false;
	switch (cp)
	{
		case 0x00BB:
		case 0x2019:
		case 0x201D:
		case 0x203A:
			return true;
	}
	return utf8proc_category((utf8proc_int32_t) cp) == UTF8PROC_CATEGORY_PE;
}

/* na_cp_is_dash: dashes used as punctuation (not word-joining hyphens). */
bool
na_cp_is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2012 && cp <= 0x2015) || cp == 0x2212 ||
		cp == 0xFE58 || cp == 0x2E3A || cp == 0x2E3B;
}

/* na_utf8_encode: cp as UTF-8 into out; returns its length. */
int
na_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

#define NFKC_CF_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | \
						 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/*
 * na_nfkc_casefold: NFKC_Casefold of buf in place.  utf8proc decomposes into
 * an array of code points placed after the text in the same buffer, then
 * re-encodes into the front of that array; no malloc.
 */
NaStatus
na_nfkc_casefold(NaBuf *buf)
{
	size_t		inlen = buf->len;
	size_t		cap = inlen * 2 + 8;	/* code points; grown on demand */

	for (;;)
	{
		size_t		off = (inlen + 3) & ~(size_t) 3;
		utf8proc_int32_t *cps;
		utf8proc_ssize_t n;
		NaStatus	st;

		st = na_buf_reserve(buf, off - inlen + cap * sizeof(utf8proc_int32_t));
		if (st != NA_OK)
			return st;
		cps = (utf8proc_int32_t *) (buf->data + off);
		n = utf8proc_decompose((const utf8proc_uint8_t *) buf->data,
							   (utf8proc_ssize_t) inlen, cps,
							   (utf8proc_ssize_t) cap, NFKC_CF_OPTIONS);
		if (n < 0)
			return NA_ERR_INVALID_UTF8;
		if ((size_t) n > cap)
		{
			cap = (size_t) n;
			continue;
		}
		n = utf8proc_reencode(cps, n, NFKC_CF_OPTIONS);
		if (n < 0)
			return NA_ERR_INVALID_UTF8;
		memmove(buf->data, cps, (size_t) n);
		buf->len = (size_t) n;
		return NA_OK;
	}
}
