/*
 * html_tree.h
 *		A small HTML parser for text extraction: a tokenizer and a
 *		stack-based tree builder that turn a buffer into a tree of
 *		elements, text and comments, each node pointing at its bytes in the
 *		buffer.
 *
 * It is not the HTML standard's tree construction, only what reading the
 * text of a page needs: the tokenizer knows tags and their attributes,
 * comments (bogus ones too: "<!x>", "<?xml ...>", "</3>"), doctypes,
 * CDATA sections, raw text elements (<script>, <style>, <textarea>,
 * <title>, <xmp>, <iframe>, <noembed>, <noframes>, <noscript>) and
 * <plaintext>; the builder closes what the standard's implied end tags
 * close (a <p> before a block, <li>, <dd>, <dt>, <option>, table cells and
 * rows), keeps void elements empty, ignores end tags with nothing to close
 * (and those that would cross a block, as "</b>" in "<b><p>x</b>"), lets
 * <svg> and <math> self-close their children, and leaves what is still open
 * at the end of the buffer open, and gives text and elements that a table
 * holds outside its cells to the table's parent (foster parenting, but the
 * node is appended, not moved before the table: children stay in source
 * order).  It has no reconstruction of formatting elements.
 *
 * Character references are not decoded here: a text node is its extent in
 * the buffer, and the reader decodes it (it needs the original offsets).
 * A doctype and a tag the builder ignored are nodes of their own
 * (HTML_NODE_IGNORED); the only bytes that belong to no node are a tag cut
 * by the end of the buffer.
 *
 * Memory: nodes come from an arena of the injected allocator, released
 * whole by html_tree_reset (a tree is never freed node by node).  Time is
 * linear in the buffer but for the searches of the stack of open elements
 * an implied or an end tag makes, at most its depth (the caller bounds
 * that by parsing in windows; counts of open <p> and <table> spare the
 * common searches); nothing recurses.
 */
#ifndef NA_HTML_TREE_H
#define NA_HTML_TREE_H

#include "html_tags.h"
#include "na_core.h"

typedef enum HtmlNodeType
{
	HTML_NODE_DOCUMENT = 0,
	HTML_NODE_ELEMENT,
	HTML_NODE_TEXT,
	HTML_NODE_COMMENT,			/* comments, bogus comments, CDATA */
	HTML_NODE_IGNORED			/* a doctype, a tag the builder ignored */
} HtmlNodeType;

typedef struct HtmlNode
{
	struct HtmlNode *parent;
	struct HtmlNode *first_child;
	struct HtmlNode *last_child;
	struct HtmlNode *next;		/* the next sibling */
	HtmlNodeType type;
	HtmlTag		tag;			/* elements */
	bool		foreign;		/* inside <svg> or <math>, or one of them */
	bool		in_select;		/* inside <select>, or one */
	uint32_t	open_p;			/* the <p> and <table> elements open at this */
	uint32_t	open_table;		/* node of the stack, itself included */
	const char *src;			/* element: its start tag; other nodes: the
								 * node */
	size_t		src_len;
	const char *end_src;		/* element: its end tag, NULL if implied */
	size_t		end_len;
	const char *name;			/* element: its name as written */
	size_t		name_len;
} HtmlNode;

typedef struct HtmlTree
{
	const NaAllocator *alloc;
	HtmlNode   *document;		/* the root, after html_tree_parse */
	/* private */
	void	   *blocks;			/* the arena's blocks */
	char	   *ptr;
	size_t		left;
	HtmlNode  **stack;			/* the open elements */
	size_t		depth;
	size_t		capstack;
	bool		head_done;		/* no <head> may start any more */
} HtmlTree;

/* html_tree_init: an empty tree on alloc */
extern void html_tree_init(HtmlTree *t, const NaAllocator *alloc);

/*
 * html_tree_parse parses buf[0..len) into t->document (the buffer must
 * outlive the tree); a tree parsed before is released first.  NA_OK or
 * NA_ERR_NOMEM.
 */
extern NaStatus html_tree_parse(HtmlTree *t, const char *buf, size_t len);

/* html_tree_reset releases the nodes of the last parse */
extern void html_tree_reset(HtmlTree *t);

/* html_tree_free releases everything the tree holds */
extern void html_tree_free(HtmlTree *t);

#endif							/* NA_HTML_TREE_H */
