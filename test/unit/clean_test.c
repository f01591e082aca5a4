/*
 * clean_test.c
 *		Unit tests of na_clean (src/core/clean.h): plain text left as
 *		written, character references, escaped markup, HTML through our
 *		parser (the tag table included), each line rule on the lines it is for and on the sentences it must
 *		leave alone, the offset map, windows, and bad input.
 */
#include "clean_int.h"
#include "doc.h"
#include "html_tags.h"
#include "na_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* cleaned: the cleaned text of s as a NUL-terminated string (static) */
static const char *
cleaned(const char *s)
{
	static char out[65536];
	NaClean		c;

	if (na_clean(s, strlen(s), 0, &na_malloc_allocator, NULL, &c) != NA_OK)
		return "(error)";
	snprintf(out, sizeof(out), "%.*s", (int) c.len, c.text);
	na_clean_free(&c);
	return out;
}

/* kinds: the kinds of the removals of s, space-separated, html_tag left
 * out (static) */
static const char *
kinds(const char *s)
{
	static char out[4096];
	NaClean		c;
	size_t		n = 0;

	out[0] = '\0';
	if (na_clean(s, strlen(s), NA_CLEAN_REMOVALS, &na_malloc_allocator, NULL, &c) != NA_OK)
		return "(error)";
	for (size_t i = 0; i < c.nremovals && n + 32 < sizeof(out); i++)
		if (c.removals[i].kind != NA_CLEAN_HTML_TAG)
			n += (size_t) snprintf(out + n, sizeof(out) - n, "%s%s", n ? " " : "",
								   na_clean_kind_name(c.removals[i].kind));
	na_clean_free(&c);
	return out;
}

typedef struct Case
{
	const char *in;
	const char *want;
	const char *kinds;			/* removals but html_tag, or NULL: no check */
	const char *what;
} Case;

static const Case cases[] = {
	/* plain text: left as written */
	{"Sun Co <SUN> and First Interstate Bancorp <I> said.",
	 "Sun Co <SUN> and First Interstate Bancorp <I> said.", "", "wire tickers are not markup"},
	{"AT&T said R&D & marketing rose.", "AT&T said R&D & marketing rose.", "", "a bare & stays"},
	{"caf&eacute; &amp; bar &#8217;s &#x2019; &#128; &notin; &not", "café & bar ’s ’ € ∉ &not", "",
	 "references with ';' are decoded in plain text"},
	{"Texas Instruments Inc. &lt;TXN.N&gt; rose.", "Texas Instruments Inc. <TXN.N> rose.", "",
	 "an escaped ticker is decoded, not removed"},
	{"Apple &lt;FONT face=\"verdana\"&gt;shares&lt;/FONT&gt; rose &lt;B&gt;today&lt;/B&gt;.",
	 "Apple shares rose today.", "markup markup markup markup", "escaped markup is removed"},
	{"See &lt;A HREF&gt;the report&lt;/A&gt;.", "See the report.", "markup markup",
	 "an escaped tag with a known attribute"},
	{"a\r\nb\rc", "a\nb\nc", "", "CR LF and CR"},
	{"\n\n  indented\n\n\n\nnext  \n\n", "  indented\n\nnext", "", "blank lines"},
	{"", "", "", "empty"},

	/* HTML */
	{"<p>Hello &amp; <b>world</b></p><p>Second</p>", "Hello & world\n\nSecond", "", "paragraphs"},
	{"<p>Sun Co <SUN> rose</p>", "Sun Co <SUN> rose", "", "an unknown element's tag is text"},
	{"<p>a<my-widget>w</my-widget><o:p></o:p>b</p>", "awb", "", "custom and prefixed elements"},
	{"<p>&lt;b&gt;bold&lt;/b&gt; text</p>", "bold text", "markup markup", "escaped markup in HTML"},
	{"<p>x<script>if (a < b) { s = \"</p>\"; }</script>y</p><style>p{}</style>",
	 "xy", "script style", "script and style"},
	{"<p>a</p><!-- never closed <p>b</p>", "a", "comment", "an unclosed comment runs to the end"},
	{"<pre>a\n  b</pre><p>c  d</p>", "a\n  b\n\nc d", "", "pre keeps lines, elsewhere blanks collapse"},
	{"line one<br>line two<br/>line three", "line one\nline two\nline three", "", "br"},
	{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc", "", "tables"},
	{"<ul><li>one</li><li>two</li></ul><h2>Head</h2><p>para</p>", "one\ntwo\n\nHead\n\npara", "",
	 "lists and headings"},
	{"<xmp>&amp; <b></xmp>", "&amp; <b>", "", "xmp is raw text"},
	{"<p>a&nbsp;&nbsp;b</p><p>&nbsp;</p><p>c</p>", "a b\n\nc", "", "no-break spaces collapse"},
	{"<div>x</div></span></div><p>y", "x\n\ny", "", "stray end tags"},
	{"<head><title>Site</title></head><body><nav><a href=/>Home</a></nav><p>Text</p></body>",
	 "Text", "element navigation", "head and nav"},
	{"<p>a</p><noscript>enable JS</noscript><iframe>no frames</iframe><svg><text>logo</text></svg>"
	 "<form><label>Name</label><input name=m><button>Go</button></form>",
	 "a\n\nName", "element element element element element", "elements that are not text"},
	{"<b><p>x</b>y</p>", "xy", "", "an inline end tag does not close a block"},
	{"<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl>", "a\nb\n\nt\nd", "", "implied end tags of items"},
	{"<table><tr><td>a<td>b<tr><td>c</table>", "a b\nc", "", "implied end tags of cells and rows"},
	{"<table><tr><td>a</td>loose<tr><td>b</table>", "a\nloose\nb", "",
	 "text in a table outside its cells"},
	{"<!DOCTYPE html><p>a<![CDATA[x]]>b</p></p><p>1 < 2 <3</p>", "ab\n\n1 < 2 <3", "comment",
	 "doctype, bogus comment, stray </p>, a '<' of the text"},
	{"<svg><path/><circle></circle><p>Text</p>", "Text", "element", "a block start tag ends <svg>"},
	{"<select><option>a<option>b</select><p>c", "c", "element", "select"},
	{"<head><meta charset=utf-8><title>T</title></head>Hello <b>there</b><p>x",
	 "Hello there\n\nx", "element", "text after the head"},
	{"<p>caf&eacute &notin; &amp &copy2024 &#x41</p>", "café ∉ & ©2024 A", "",
	 "references without ';' in HTML"},

	/* line rules */
	{"Home > World > Europe\nStorm hits the coast", "Storm hits the coast", "breadcrumb", "breadcrumb"},
	{"<p>You are here: Home / News</p><p>Text.</p>", "Text.", "breadcrumb", "breadcrumb with a cue"},
	{"Sales > 5% > target\n", "Sales > 5% > target", "", "not a breadcrumb"},
	{"<p>News | Sport | Weather | Travel</p><p>Text.</p>", "Text.", "menu", "menu"},
	{"<p>Text.</p><p>Share this article</p><p>Facebook Twitter Email</p><p>Share 12</p>",
	 "Text.", "share share share", "share"},
	{"Share 0.86 1.05 1.59 1.02\n", "Share 0.86 1.05 1.59 1.02", "", "a row of figures"},
	{"<p>Text.</p><p>Follow John Smith on Twitter @jsmith.</p><p>Follow the money, he said.</p>",
	 "Text.\n\nFollow the money, he said.", "share", "follow"},
	{"<p>Text.</p><p>We use cookies to improve your experience on our site.</p>"
	 "<p>Cookie policy changes were announced by Google on Tuesday.</p>",
	 "Text.\n\nCookie policy changes were announced by Google on Tuesday.", "cookie", "cookie"},
	{"<p>Text.</p><p>Sign up for our newsletter</p><p>Sign up for the draft was slow, officials said.</p>",
	 "Text.\n\nSign up for the draft was slow, officials said.", "subscribe", "subscribe"},
	{"Storm hits coast\n\nRead more: Floods in the north\n\nRelated: Storm tracker\n\nThe storm hit.",
	 "Storm hits coast\n\nThe storm hit.", "read_more read_more", "read more, related"},
	{"Title\n\nRelated legislation was passed on Tuesday, officials said.\n",
	 "Title\n\nRelated legislation was passed on Tuesday, officials said.", "", "a sentence stays"},
	{"The minister said he would\nRead more into the figures later.\n",
	 "The minister said he would\nRead more into the figures later.", "", "wrapped lines stay"},
	{"<p>Text.</p><p>Click here to subscribe to our channel</p>", "Text.", "read_more", "click here"},
	{"<p>One<p>Two", "One\n\nTwo", "", "two lower-case tags make HTML"},
	{"Lead paragraph with <a href=\"/x\">a link</a>.\n\nSecond  paragraph,\nwrapped.\n",
	 "Lead paragraph with a link.\n\nSecond paragraph,\nwrapped.", "",
	 "text with inline tags only keeps its lines"},
	{"Offer by Entertainment Marketing Inc <em> for shares", "Offer by Entertainment Marketing Inc <em> for shares",
	 "", "one lower-case tag does not"},
	{"<p>Text.</p><p>Previous article</p><p>Markets rally as rates fall</p><p>Next story: Floods</p>",
	 "Text.", "navigation navigation navigation", "previous/next with headlines"},
	{"indices for the week .\nPrevious\n8/30 Week Change\n",
	 "indices for the week .\nPrevious\n8/30 Week Change", "", "a column header in plain text"},
	{"Text.\n\nNext is one of the biggest retailers, analysts said.\n",
	 "Text.\n\nNext is one of the biggest retailers, analysts said.", "", "Next opening a sentence"},
	{"Text.\n\nSource: Reuters\n\nImage: NASA.\n\nPhoto by Ann Lee\n\n(Reporting by Ann Lee; Editing by Tom Hay)\n",
	 "Text.", "credit credit credit credit", "credits"},
	{"Text.\n\nSource: a senior official said the talks had failed.\n",
	 "Text.\n\nSource: a senior official said the talks had failed.", "", "a sourced sentence stays"},
	{"The agency said.\n Reuter\n", "The agency said.", "credit", "wire sign-off"},
	{"A central bank official told\nReuters.\n", "A central bank official told\nReuters.", "",
	 "an agency ending a sentence"},
	{"Share this article\nFacebook Twitter Email\n\nText.", "Text.", "share share",
	 "short boilerplate lines in a row"},
	{"Text.\n\nGetty Images\n\nAP\n", "Text.", "credit credit", "picture agencies"},
	{"Video: Robots to aid in nuclear crisis\nBy Osha Gray\n\nText.",
	 "Video: Robots to aid in nuclear crisis\nBy Osha Gray\n\nText.", "", "the first line is the headline"},
	{"Text.\n\nShort on time? Read the digest\n\nAdvertisement\n", "Text.", "teaser teaser", "teasers"},
	{"Text.\n\nWhy? Read the report, he said.\n", "Text.\n\nWhy? Read the report, he said.", "",
	 "a question in a quote"},
	{"Text.\n\nListen to our daily podcast now\n\nMore text.\n\nListen to our daily podcast now\n",
	 "Text.\n\nListen to our daily podcast now\n\nMore text.", "repeated", "a repeated teaser"},
	{"Mauritius v Madagascar\n\nWinners meet in final match\n\nLesotho v Malawi\n\nWinners meet in final match\n",
	 "Mauritius v Madagascar\n\nWinners meet in final match\n\nLesotho v Malawi\n\nWinners meet in final match",
	 "", "a repeated line of a programme stays"},
};

/* A page (test/data/clean/page.html) and the text that must come out of it */
static const char *page_text =
"The Riverside Gazette\n\n"
"Harbour council approves new ferry link\n\n"
"By Maren Holt, Transport Correspondent\n\n"
"The harbour council voted on Tuesday.\n\n"
"Fares will match those of the city's buses, at £2.40 a trip.";

static char *
read_file(const char *path, size_t *n)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*n = (size_t) ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(*n + 1);
	if (fread(buf, 1, *n, f) != *n)
		*n = 0;
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

/* page: test/data/clean/page.html with its @BODY@ replaced */
static char *
page(const char *body)
{
	size_t		n;
	char	   *tpl = read_file("test/data/clean/page.html", &n);
	char	   *at,
			   *out;

	if (!tpl || !(at = strstr(tpl, "@BODY@")))
	{
		free(tpl);
		return NULL;
	}
	out = malloc(n + strlen(body) + 1);
	memcpy(out, tpl, (size_t) (at - tpl));
	strcpy(out + (at - tpl), body);
	strcat(out, at + 6);
	free(tpl);
	return out;
}

int
main(void)
{
	char		name[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		const Case *c = &cases[i];

		snprintf(name, sizeof(name), "%s: text", c->what);
		CHECK_STR(cleaned(c->in), c->want, "%s", name);
		if (c->kinds)
		{
			snprintf(name, sizeof(name), "%s: removals", c->what);
			CHECK_STR(kinds(c->in), c->kinds, "%s", name);
		}
	}

	/* the element table: every name finds its own value, in any case */
	{
		bool		ok = true;

		for (int t = 1; t < HTML_TAG_COUNT; t++)
		{
			const char *n = html_tag_name((HtmlTag) t);
			char		up[32];
			size_t		k;

			for (k = 0; n[k] && k + 1 < sizeof(up); k++)
				up[k] = (char) ((n[k] >= 'a' && n[k] <= 'z') ? n[k] - 32 : n[k]);
			if (t > 1 && strcmp(html_tag_name((HtmlTag) (t - 1)), n) >= 0)
				ok = false;
			ok = ok && html_tag_lookup(n, strlen(n)) == (HtmlTag) t &&
				html_tag_lookup(up, k) == (HtmlTag) t;
		}
		CHECK(ok && html_tag_lookup("ms", 2) == HTML_TAG_UNKNOWN &&
			  html_tag_lookup("sun", 3) == HTML_TAG_UNKNOWN && html_tag_lookup("", 0) == HTML_TAG_UNKNOWN &&
			  html_tag_lookup("pp", 2) == HTML_TAG_UNKNOWN && html_tag_lookup("P", 1) == HTML_TAG_P,
			  "the element table is sorted and every name finds its tag");
		CHECK((html_tag_flags(HTML_TAG_BR) & HTML_TAGF_VOID) && html_tag_flags(HTML_TAG_UNKNOWN) == 0 &&
			  (html_tag_flags(HTML_TAG_SCRIPT) & HTML_TAGF_RAW), "element flags");
	}

	/* the kinds and rules tables */
	{
		bool		ok = true;

		for (int k = 0; k < NA_CLEAN_KIND_COUNT; k++)
			ok = ok && na_clean_kind_name(k) && na_clean_kind_desc(k);
		CHECK(ok && !na_clean_kind_name(-1) && !na_clean_kind_name(NA_CLEAN_KIND_COUNT),
			  "every kind has a name and a description");
		CHECK_STR(na_clean_kind_name(NA_CLEAN_READ_MORE), "read_more", "kind names");
		for (size_t i = 0; i < clean_rule_count(); i++)
			for (size_t j = i + 1; j < clean_rule_count(); j++)
				ok = ok && strcmp(clean_rule_name(i), clean_rule_name(j)) != 0;
		CHECK(ok && clean_rule_count() >= 10, "%zu line rules with distinct names", clean_rule_count());
	}

	/* the offset map */
	{
		const char *s = "Storm hits\n\nRead more: x\n\nIt caf&eacute; rained.";
		NaClean		c;
		NaCleanExtent e;
		size_t		ob,
					oc;
		const char *w;

		CHECK(na_clean(s, strlen(s), NA_CLEAN_MAP | NA_CLEAN_REMOVALS, &na_malloc_allocator, NULL,
					   &c) == NA_OK, "map: cleaned");
		CHECK(c.len == strlen("Storm hits\n\nIt café rained.") && c.nchars == c.len - 1,
			  "map: %zu bytes, %zu characters", c.len, c.nchars);
		w = strstr(c.text, "It");
		na_clean_to_orig(&c, (size_t) (w - c.text), &ob, &oc);
		CHECK(ob == (size_t) (strstr(s, "It") - s) && oc == ob, "map: a word after a removed line");
		w = strstr(c.text, "café");
		na_clean_span_to_orig(&c, (size_t) (w - c.text), strlen("café"), &e);
		CHECK(e.start == (size_t) (strstr(s, "caf&") - s) && e.len == strlen("caf&eacute;") &&
			  e.clen == e.len, "map: a word with a reference covers it whole");
		w = strstr(c.text, "rained");
		na_clean_span_to_orig(&c, (size_t) (w - c.text), 6, &e);
		CHECK(e.start == (size_t) (strstr(s, "rained") - s) && e.len == 6 &&
			  e.cstart == e.start, "map: verbatim after a replacement");
		na_clean_to_orig(&c, c.len, &ob, &oc);
		CHECK(ob == strlen(s) && oc == strlen(s), "map: the end maps to the end");
		CHECK(c.nremovals == 1 && c.removals[0].start == 12 && c.removals[0].len == 12 &&
			  c.removals[0].kind == NA_CLEAN_READ_MORE, "map: the removed line");
		na_clean_free(&c);
	}
	{
		const char *s = "<p>Ünïcode <b>wörds</b></p>";
		NaClean		c;
		NaCleanExtent e;
		const char *w;

		CHECK(na_clean(s, strlen(s), NA_CLEAN_MAP, &na_malloc_allocator, NULL, &c) == NA_OK &&
			  strcmp(cleaned(s), "Ünïcode wörds") == 0, "map: HTML with non-ASCII text");
		w = strstr(c.text, "wörds");
		na_clean_span_to_orig(&c, (size_t) (w - c.text), strlen("wörds"), &e);
		CHECK(e.start == (size_t) (strstr(s, "wörds") - s) && e.len == strlen("wörds") &&
			  e.cstart == 14 && e.clen == 5, "map: character offsets through tags");
		na_clean_free(&c);
	}

	/* character spans (news.original_span): AT&T covers its reference, a
	 * span split by a tag covers the tag (offsets are characters: Ü, ï
	 * and ö count one each), the ends and empty spans */
	{
		const char *s = "<h1>AT&amp;T and Time&nbsp;Warner</h1><p>Ünïcode <b>wörds</b> here</p>";
		NaClean		c;
		size_t		os,
					ol;

		CHECK(na_clean(s, strlen(s), NA_CLEAN_MAP, &na_malloc_allocator, NULL, &c) == NA_OK &&
			  strcmp(cleaned(s), "AT&T and Time Warner\n\nÜnïcode wörds here") == 0,
			  "chars: cleaned");
		na_clean_chars_to_orig(&c, 0, 4, &os, &ol);
		CHECK(os == 4 && ol == strlen("AT&amp;T"), "chars: AT&T maps to AT&amp;T (%zu, %zu)", os, ol);
		na_clean_chars_to_orig(&c, 9, 11, &os, &ol);
		CHECK(os == 17 && ol == strlen("Time&nbsp;Warner"), "chars: a name across a reference (%zu, %zu)", os, ol);
		na_clean_chars_to_orig(&c, 22, 13, &os, &ol);
		CHECK(os == 41 && ol == 16, "chars: multi-byte text across a tag (%zu, %zu)",
			  os, ol);
		na_clean_chars_to_orig(&c, 2, 1, &os, &ol);
		CHECK(os == 6 && ol == 5, "chars: a decoded character is its reference");
		na_clean_chars_to_orig(&c, 2, 0, &os, &ol);
		CHECK(os == 6 && ol == 0, "chars: an empty span is empty where it comes from");
		na_clean_chars_to_orig(&c, c.nchars, 3, &os, &ol);
		CHECK(ol == 0 && os == 66, "chars: past the end is the end of the last segment, before </p> (%zu)", os);
		na_clean_chars_to_orig(&c, 30, 1000, &os, &ol);
		CHECK(os == 52 && ol == 14, "chars: a span past the end is clipped (%zu, %zu)", os, ol);
		na_clean_free(&c);
		memset(&c, 0, sizeof(c));
		CHECK(na_clean("", 0, NA_CLEAN_MAP, &na_malloc_allocator, NULL, &c) == NA_OK, "chars: empty text");
		na_clean_chars_to_orig(&c, 0, 5, &os, &ol);
		CHECK(os == 0 && ol == 0, "chars: an empty text maps to nothing");
		na_clean_free(&c);
	}

	/* an analysed document on the cleaned text, its tokens mapped back */
	{
		const char *s = "<p>The <b>Harbour</b> council &amp; <i>Ferry</i> Holdings voted.</p>"
			"<p>Read more: Other news</p><p>Caf&eacute; owners cheered.</p>";
		NaClean		c;
		NaDoc	   *doc = NULL;
		size_t		ntok = 0,
					good = 0;

		CHECK(na_clean(s, strlen(s), NA_CLEAN_MAP, &na_malloc_allocator, NULL, &c) == NA_OK &&
			  na_doc_create(c.text, c.len, NA_DOC_SENTENCES, &na_malloc_allocator, NULL, &doc) == NA_OK,
			  "doc: an NaDoc on the cleaned text");
		while (doc && na_doc_next(doc) == NA_OK && na_doc_ntokens(doc) > 0)
		{
			const NaDocToken *t = na_doc_tokens(doc);

			for (size_t i = 0; i < na_doc_ntokens(doc); i++, ntok++)
			{
				NaCleanExtent e;
				char		word[64];

				na_clean_span_to_orig(&c, t[i].start, t[i].len, &e);
				snprintf(word, sizeof(word), "%.*s", (int) t[i].len, c.text + t[i].start);
				/* a verbatim token is the original's bytes; a decoded one
				 * covers its reference */
				if ((e.len == t[i].len && memcmp(s + e.start, word, e.len) == 0) ||
					(strcmp(word, "&") == 0 && strncmp(s + e.start, "&amp;", e.len) == 0) ||
					(strcmp(word, "Café") == 0 && strncmp(s + e.start, "Caf&eacute;", e.len) == 0))
					good++;
				else
					printf("# token %s maps to [%.*s]\n", word, (int) e.len, s + e.start);
			}
		}
		CHECK(ntok == 12 && good == ntok, "doc: %zu of %zu tokens map back to their text", good, ntok);
		na_doc_destroy(doc);
		na_clean_free(&c);
	}

	/* the page fixture, and windows keep its text */
	{
		char	   *p = page("<p>The harbour council voted on Tuesday.</p>\n"
							 "<p>Fares will match those of the city's buses, at &pound;2.40 a trip.</p>");
		NaClean		c,
					d;

		if (!p)
			CHECK(false, "test/data/clean/page.html is readable (run from the top directory)");
		else
		{
			CHECK_STR(cleaned(p), page_text, "page: text");
			CHECK_STR(kinds(p), "element comment navigation element element cookie breadcrumb share "
					  "teaser read_more read_more credit credit subscribe navigation navigation "
					  "navigation navigation teaser menu share element element element script",
					  "page: removals");
			na_clean(p, strlen(p), NA_CLEAN_MAP, &na_malloc_allocator, NULL, &c);
			for (size_t tags = 2; tags <= 64; tags += tags / 2)
				for (size_t bytes = 100; bytes <= 1000; bytes *= 3)
				{
					clean_window_tags = tags;
					clean_window_bytes = bytes;
					na_clean(p, strlen(p), NA_CLEAN_MAP, &na_malloc_allocator, NULL, &d);
					CHECK(d.len == c.len && memcmp(d.text, c.text, c.len) == 0,
						  "page: the same text in windows of %zu tags or %zu bytes", tags, bytes);
					na_clean_free(&d);
				}
			clean_window_tags = NA_CLEAN_WINDOW_TAGS;
			clean_window_bytes = NA_CLEAN_WINDOW;
			na_clean_free(&c);
			free(p);
		}
	}

	/* hostile HTML: deep nesting, soup, a comment and a script across windows */
	{
		size_t		n = 100000;
		char	   *s = malloc(5 * n + 64);
		clock_t		t0 = clock();
		double		secs;

		for (size_t i = 0; i < n; i++)
			memcpy(s + 5 * i, "<div>", 5);
		strcpy(s + 5 * n, "deep text");
		CHECK(strcmp(cleaned(s), "deep text") == 0, "100,000 nested divs");
		secs = (double) (clock() - t0) / CLOCKS_PER_SEC;
		CHECK(secs < 20, "100,000 nested divs in %.1f s (windows bound the parser's quadratic time)", secs);
		for (size_t i = 0; i < n; i++)
			memcpy(s + 5 * i, "<!--x", 5);
		strcpy(s + 5 * n, "--> after");
		CHECK(strcmp(cleaned(s), "after") == 0, "a comment of 500 kB");
		strcpy(s, "<p>a</p><script>");
		for (size_t i = 0; i < n; i++)
			memcpy(s + 16 + 4 * i, "x<y ", 4);
		strcpy(s + 16 + 4 * n, "</script><p>b</p>");
		CHECK(strcmp(cleaned(s), "a\n\nb") == 0, "a script of 400 kB with '<' in it");
		free(s);
	}

	/* bad input */
	{
		NaClean		c;

		CHECK(na_clean("ab\xc3", 3, 0, &na_malloc_allocator, NULL, &c) == NA_ERR_INVALID_UTF8 &&
			  c.error_offset == 2, "truncated UTF-8 at its offset");
		CHECK(na_clean("\xff<p>", 4, 0, &na_malloc_allocator, NULL, &c) == NA_ERR_INVALID_UTF8 &&
			  c.error_offset == 0, "an invalid byte");
		CHECK(na_clean("a\0b", 3, 0, &na_malloc_allocator, NULL, &c) == NA_OK && c.len == 3,
			  "NUL in plain text");
		na_clean_free(&c);
		CHECK(na_clean("<p>a\0b</p>", 10, 0, &na_malloc_allocator, NULL, &c) == NA_OK,
			  "NUL in HTML");
		na_clean_free(&c);
	}
	return na_test_done();
}
