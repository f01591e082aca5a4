/*
 * markup.h
 *		Blocking what is not prose in an analysed document: markup (HTML
 *		tags, escaped tags such as &lt;A HREF=...&gt;, comments, the content
 *		of script and style elements, elements that are not article text) and
 *		feed artefacts (stock tickers such as "SPLS.O" and the quote-page links
 *		after them, "(JNJ.N: Quote, Profile, Research)", "(Quote, Chart)";
 *		character references that lost their '&', "#39;s").
 *
 * The markup is what na_clean (clean.h) removes as markup, found by its
 * HTML5 parser when the text holds HTML and skipped for plain text; the
 * feed artefacts are found here.  Their tokens are blocked in the document
 * (na_doc_add_blocks), as the tokens of pattern spans are, so that entity
 * extraction never makes a name of them while every offset still points
 * into the original text.
 */
#ifndef NA_MARKUP_H
#define NA_MARKUP_H

#include "doc.h"

/*
 * na_markup_block finds the markup and feed artefacts of doc's text and
 * blocks them in doc (before its first na_doc_next).  valid_utf8: the
 * caller has checked the text (na_clean then skips the check).  alloc gives
 * the scratch memory, released before return.  Invalid UTF-8 gives
 * NA_ERR_INVALID_UTF8 with *err_offset (may be NULL) set; otherwise fails
 * as na_clean and na_doc_add_blocks do.
 */
extern NaStatus na_markup_block(NaDoc *doc, bool valid_utf8, const NaAllocator *alloc,
								size_t *err_offset);

/*
 * na_feed_artefacts appends to out (an NaBuf of NaDocRange, in text order)
 * the stock tickers, quote-page links and broken character references of
 * text[0..len) (len < 4 GB).  Text without '.', '(' or '#' costs one pass
 * over its bytes.  Fails only as
 * na_buf_append does.
 */
extern NaStatus na_feed_artefacts(const char *text, size_t len, NaBuf *out);

#endif							/* NA_MARKUP_H */
