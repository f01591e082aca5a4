/*
 * html_tags.h
 *		The HTML elements the markup stage knows: an enum in alphabetical
 *		order of the names, the names, and what each element does to the
 *		parse (html_tree.c) as flags.
 *
 * The names are the elements of the HTML Living Standard with the
 * obsolete ones browsers still parse (<center>, <font>, <marquee>,
 * <xmp>...), and the two roots of foreign content, <svg> and <math>.  The
 * elements inside foreign content are not here: "<MS>" in a wire story is
 * Morgan Stanley, not MathML.  A name not in the table is
 * HTML_TAG_UNKNOWN.  html_tag_lookup() relies on the alphabetical order;
 * the unit test checks that every name finds its own enum value.
 */
#ifndef NA_HTML_TAGS_H
#define NA_HTML_TAGS_H

#include <stddef.h>
#include <stdint.h>

typedef enum HtmlTag
{
	HTML_TAG_UNKNOWN = 0,
	HTML_TAG_A,
	HTML_TAG_ABBR,
	HTML_TAG_ACRONYM,
	HTML_TAG_ADDRESS,
	HTML_TAG_APPLET,
	HTML_TAG_AREA,
	HTML_TAG_ARTICLE,
	HTML_TAG_ASIDE,
	HTML_TAG_AUDIO,
	HTML_TAG_B,
	HTML_TAG_BASE,
	HTML_TAG_BASEFONT,
	HTML_TAG_BDI,
	HTML_TAG_BDO,
	HTML_TAG_BGSOUND,
	HTML_TAG_BIG,
	HTML_TAG_BLINK,
	HTML_TAG_BLOCKQUOTE,
	HTML_TAG_BODY,
	HTML_TAG_BR,
	HTML_TAG_BUTTON,
	HTML_TAG_CANVAS,
	HTML_TAG_CAPTION,
	HTML_TAG_CENTER,
	HTML_TAG_CITE,
	HTML_TAG_CODE,
	HTML_TAG_COL,
	HTML_TAG_COLGROUP,
	HTML_TAG_DATA,
	HTML_TAG_DATALIST,
	HTML_TAG_DD,
	HTML_TAG_DEL,
	HTML_TAG_DETAILS,
	HTML_TAG_DFN,
	HTML_TAG_DIALOG,
	HTML_TAG_DIR,
	HTML_TAG_DIV,
	HTML_TAG_DL,
	HTML_TAG_DT,
	HTML_TAG_EM,
	HTML_TAG_EMBED,
	HTML_TAG_FIELDSET,
	HTML_TAG_FIGCAPTION,
	HTML_TAG_FIGURE,
	HTML_TAG_FONT,
	HTML_TAG_FOOTER,
	HTML_TAG_FORM,
	HTML_TAG_FRAME,
	HTML_TAG_FRAMESET,
	HTML_TAG_H1,
	HTML_TAG_H2,
	HTML_TAG_H3,
	HTML_TAG_H4,
	HTML_TAG_H5,
	HTML_TAG_H6,
	HTML_TAG_HEAD,
	HTML_TAG_HEADER,
	HTML_TAG_HGROUP,
	HTML_TAG_HR,
	HTML_TAG_HTML,
	HTML_TAG_I,
	HTML_TAG_IFRAME,
	HTML_TAG_IMAGE,
	HTML_TAG_IMG,
	HTML_TAG_INPUT,
	HTML_TAG_INS,
	HTML_TAG_ISINDEX,
	HTML_TAG_KBD,
	HTML_TAG_KEYGEN,
	HTML_TAG_LABEL,
	HTML_TAG_LEGEND,
	HTML_TAG_LI,
	HTML_TAG_LINK,
	HTML_TAG_LISTING,
	HTML_TAG_MAIN,
	HTML_TAG_MAP,
	HTML_TAG_MARK,
	HTML_TAG_MARQUEE,
	HTML_TAG_MATH,
	HTML_TAG_MENU,
	HTML_TAG_MENUITEM,
	HTML_TAG_META,
	HTML_TAG_METER,
	HTML_TAG_MULTICOL,
	HTML_TAG_NAV,
	HTML_TAG_NEXTID,
	HTML_TAG_NOBR,
	HTML_TAG_NOEMBED,
	HTML_TAG_NOFRAMES,
	HTML_TAG_NOSCRIPT,
	HTML_TAG_OBJECT,
	HTML_TAG_OL,
	HTML_TAG_OPTGROUP,
	HTML_TAG_OPTION,
	HTML_TAG_OUTPUT,
	HTML_TAG_P,
	HTML_TAG_PARAM,
	HTML_TAG_PICTURE,
	HTML_TAG_PLAINTEXT,
	HTML_TAG_PRE,
	HTML_TAG_PROGRESS,
	HTML_TAG_Q,
	HTML_TAG_RB,
	HTML_TAG_RP,
	HTML_TAG_RT,
	HTML_TAG_RTC,
	HTML_TAG_RUBY,
	HTML_TAG_S,
	HTML_TAG_SAMP,
	HTML_TAG_SCRIPT,
	HTML_TAG_SEARCH,
	HTML_TAG_SECTION,
	HTML_TAG_SELECT,
	HTML_TAG_SLOT,
	HTML_TAG_SMALL,
	HTML_TAG_SOURCE,
	HTML_TAG_SPACER,
	HTML_TAG_SPAN,
	HTML_TAG_STRIKE,
	HTML_TAG_STRONG,
	HTML_TAG_STYLE,
	HTML_TAG_SUB,
	HTML_TAG_SUMMARY,
	HTML_TAG_SUP,
	HTML_TAG_SVG,
	HTML_TAG_TABLE,
	HTML_TAG_TBODY,
	HTML_TAG_TD,
	HTML_TAG_TEMPLATE,
	HTML_TAG_TEXTAREA,
	HTML_TAG_TFOOT,
	HTML_TAG_TH,
	HTML_TAG_THEAD,
	HTML_TAG_TIME,
	HTML_TAG_TITLE,
	HTML_TAG_TR,
	HTML_TAG_TRACK,
	HTML_TAG_TT,
	HTML_TAG_U,
	HTML_TAG_UL,
	HTML_TAG_VAR,
	HTML_TAG_VIDEO,
	HTML_TAG_WBR,
	HTML_TAG_XMP,
	HTML_TAG_COUNT
} HtmlTag;

/* What an element does to the parse (the HTML standard's categories) */
#define HTML_TAGF_SPECIAL	0x0001	/* "special": an end tag of another
									 * element does not close it */
#define HTML_TAGF_VOID		0x0002	/* no content, no end tag */
#define HTML_TAGF_CLOSES_P	0x0004	/* its start tag closes an open <p> */
#define HTML_TAGF_RAW		0x0008	/* its content is text up to its end tag */
#define HTML_TAGF_HEAD		0x0010	/* may stand in <head> */
#define HTML_TAGF_SCOPE		0x0020	/* bounds the search of an end tag */
#define HTML_TAGF_TABLE_SCOPE 0x0040	/* bounds it for the parts of a table */
#define HTML_TAGF_TABLE		0x0080	/* a part of a table */
#define HTML_TAGF_HEADING	0x0100	/* h1 to h6 */
#define HTML_TAGF_FOREIGN	0x0200	/* <svg>, <math>: foreign content */
#define HTML_TAGF_BREAKOUT	0x0400	/* its start tag ends foreign content */

/*
 * html_tag_lookup: the element named name[0..n) (ASCII case ignored),
 * HTML_TAG_UNKNOWN if none.
 */
extern HtmlTag html_tag_lookup(const char *name, size_t n);

/* html_tag_name: the lower-case name of t, "" for HTML_TAG_UNKNOWN */
extern const char *html_tag_name(HtmlTag t);

/* html_tag_flags: the HTML_TAGF_* of t, 0 for HTML_TAG_UNKNOWN */
extern unsigned int html_tag_flags(HtmlTag t);

#endif							/* NA_HTML_TAGS_H */
