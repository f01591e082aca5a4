/*
 * html_tags.c
 *		The table of HTML elements (html_tags.h): names in the order of the
 *		enum, which is alphabetical, with their flags.
 */
#include "html_tags.h"

#include <string.h>

#define F(x)	HTML_TAGF_##x

typedef struct TagInfo
{
	const char *name;
	unsigned int flags;
} TagInfo;

static const TagInfo tags[HTML_TAG_COUNT] = {
	{"", 0},
	{"a", 0},
	{"abbr", 0},
	{"acronym", 0},
	{"address", F(SPECIAL) | F(CLOSES_P)},
	{"applet", F(SPECIAL) | F(SCOPE)},
	{"area", F(SPECIAL) | F(VOID)},
	{"article", F(SPECIAL) | F(CLOSES_P)},
	{"aside", F(SPECIAL) | F(CLOSES_P)},
	{"audio", 0},
	{"b", F(BREAKOUT)},
	{"base", F(SPECIAL) | F(VOID) | F(HEAD)},
	{"basefont", F(SPECIAL) | F(VOID) | F(HEAD)},
	{"bdi", 0},
	{"bdo", 0},
	{"bgsound", F(SPECIAL) | F(VOID) | F(HEAD)},
	{"big", F(BREAKOUT)},
	{"blink", 0},
	{"blockquote", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"body", F(SPECIAL) | F(BREAKOUT)},
	{"br", F(SPECIAL) | F(VOID) | F(BREAKOUT)},
	{"button", F(SPECIAL)},
	{"canvas", 0},
	{"caption", F(SPECIAL) | F(SCOPE) | F(TABLE)},
	{"center", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"cite", 0},
	{"code", F(BREAKOUT)},
	{"col", F(SPECIAL) | F(VOID) | F(TABLE)},
	{"colgroup", F(SPECIAL) | F(TABLE)},
	{"data", 0},
	{"datalist", 0},
	{"dd", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"del", 0},
	{"details", F(SPECIAL) | F(CLOSES_P)},
	{"dfn", 0},
	{"dialog", F(CLOSES_P)},
	{"dir", F(SPECIAL) | F(CLOSES_P)},
	{"div", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"dl", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"dt", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"em", F(BREAKOUT)},
	{"embed", F(SPECIAL) | F(VOID) | F(BREAKOUT)},
	{"fieldset", F(SPECIAL) | F(CLOSES_P)},
	{"figcaption", F(SPECIAL) | F(CLOSES_P)},
	{"figure", F(SPECIAL) | F(CLOSES_P)},
	{"font", 0},
	{"footer", F(SPECIAL) | F(CLOSES_P)},
	{"form", F(SPECIAL) | F(CLOSES_P)},
	{"frame", F(SPECIAL) | F(VOID)},
	{"frameset", F(SPECIAL)},
	{"h1", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"h2", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"h3", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"h4", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"h5", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"h6", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT) | F(HEADING)},
	{"head", F(SPECIAL) | F(BREAKOUT)},
	{"header", F(SPECIAL) | F(CLOSES_P)},
	{"hgroup", F(SPECIAL) | F(CLOSES_P)},
	{"hr", F(SPECIAL) | F(CLOSES_P) | F(VOID) | F(BREAKOUT)},
	{"html", F(SPECIAL) | F(SCOPE) | F(TABLE_SCOPE)},
	{"i", F(BREAKOUT)},
	{"iframe", F(SPECIAL) | F(RAW)},
	{"image", F(VOID)},
	{"img", F(SPECIAL) | F(VOID) | F(BREAKOUT)},
	{"input", F(SPECIAL) | F(VOID)},
	{"ins", 0},
	{"isindex", F(VOID)},
	{"kbd", 0},
	{"keygen", F(SPECIAL) | F(VOID)},
	{"label", 0},
	{"legend", 0},
	{"li", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"link", F(SPECIAL) | F(VOID) | F(HEAD)},
	{"listing", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"main", F(SPECIAL) | F(CLOSES_P)},
	{"map", 0},
	{"mark", 0},
	{"marquee", F(SPECIAL) | F(SCOPE)},
	{"math", F(FOREIGN)},
	{"menu", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"menuitem", 0},
	{"meta", F(SPECIAL) | F(VOID) | F(HEAD) | F(BREAKOUT)},
	{"meter", 0},
	{"multicol", 0},
	{"nav", F(SPECIAL) | F(CLOSES_P)},
	{"nextid", 0},
	{"nobr", F(BREAKOUT)},
	{"noembed", F(SPECIAL) | F(RAW)},
	{"noframes", F(SPECIAL) | F(RAW) | F(HEAD)},
	{"noscript", F(SPECIAL) | F(RAW) | F(HEAD)},
	{"object", F(SPECIAL) | F(SCOPE)},
	{"ol", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"optgroup", 0},
	{"option", 0},
	{"output", 0},
	{"p", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"param", F(SPECIAL) | F(VOID)},
	{"picture", 0},
	{"plaintext", F(SPECIAL) | F(CLOSES_P) | F(RAW)},
	{"pre", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"progress", 0},
	{"q", 0},
	{"rb", 0},
	{"rp", 0},
	{"rt", 0},
	{"rtc", 0},
	{"ruby", F(BREAKOUT)},
	{"s", F(BREAKOUT)},
	{"samp", 0},
	{"script", F(SPECIAL) | F(RAW) | F(HEAD)},
	{"search", F(SPECIAL) | F(CLOSES_P)},
	{"section", F(SPECIAL) | F(CLOSES_P)},
	{"select", F(SPECIAL)},
	{"slot", 0},
	{"small", F(BREAKOUT)},
	{"source", F(SPECIAL) | F(VOID)},
	{"spacer", 0},
	{"span", F(BREAKOUT)},
	{"strike", F(BREAKOUT)},
	{"strong", F(BREAKOUT)},
	{"style", F(SPECIAL) | F(RAW) | F(HEAD)},
	{"sub", F(BREAKOUT)},
	{"summary", F(SPECIAL) | F(CLOSES_P)},
	{"sup", F(BREAKOUT)},
	{"svg", F(FOREIGN)},
	{"table", F(SPECIAL) | F(CLOSES_P) | F(SCOPE) | F(TABLE_SCOPE) | F(TABLE) | F(BREAKOUT)},
	{"tbody", F(SPECIAL) | F(TABLE)},
	{"td", F(SPECIAL) | F(SCOPE) | F(TABLE)},
	{"template", F(SPECIAL) | F(SCOPE) | F(TABLE_SCOPE) | F(HEAD)},
	{"textarea", F(SPECIAL) | F(RAW)},
	{"tfoot", F(SPECIAL) | F(TABLE)},
	{"th", F(SPECIAL) | F(SCOPE) | F(TABLE)},
	{"thead", F(SPECIAL) | F(TABLE)},
	{"time", 0},
	{"title", F(SPECIAL) | F(RAW) | F(HEAD)},
	{"tr", F(SPECIAL) | F(TABLE)},
	{"track", F(SPECIAL) | F(VOID)},
	{"tt", F(BREAKOUT)},
	{"u", F(BREAKOUT)},
	{"ul", F(SPECIAL) | F(CLOSES_P) | F(BREAKOUT)},
	{"var", F(BREAKOUT)},
	{"video", 0},
	{"wbr", F(SPECIAL) | F(VOID)},
	{"xmp", F(SPECIAL) | F(CLOSES_P) | F(RAW)},
};

/* name_cmp: name[0..n), ASCII case ignored, against a table name */
static int
name_cmp(const char *name, size_t n, const char *entry)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) name[i],
					e = (unsigned char) entry[i];

		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (e == '\0' || c != e)
			return e == '\0' || c > e ? 1 : -1;
	}
	return entry[i] == '\0' ? 0 : -1;
}

/* html_tag_lookup: see html_tags.h */
HtmlTag
html_tag_lookup(const char *name, size_t n)
{
	size_t		lo = 1,
				hi = HTML_TAG_COUNT;

	if (n == 0 || n > 16)
		return HTML_TAG_UNKNOWN;
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = name_cmp(name, n, tags[mid].name);

		if (c == 0)
			return (HtmlTag) mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HTML_TAG_UNKNOWN;
}

/* html_tag_name: see html_tags.h */
const char *
html_tag_name(HtmlTag t)
{
	return (unsigned int) t < HTML_TAG_COUNT ? tags[t].name : "";
}

/* html_tag_flags: see html_tags.h */
unsigned int
html_tag_flags(HtmlTag t)
{
	return (unsigned int) t < HTML_TAG_COUNT ? tags[t].flags : 0;
}
