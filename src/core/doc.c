/*
 * doc.c
 *		The analysed document: one scan of a text, read window by window by
 *		every analysis (see doc.h for the layers and the window rules).
 *
 * Design.  na_doc_next pulls tokens from a NaScanner and, with sentences,
 * feeds them to a NaSplitter, which decides a sentence boundary when the
 * token after it arrives.  That token has then been read already: when the
 * boundary also ends the window, it is held back (pending) and opens the
 * next window.  A sentence that outgrows NA_DOC_MAX_WINDOW is cut; the
 * trailing capitalized words of the cut window are carried over (moved to
 * the front of the arrays) and read again as the start of the next one.
 *
 * Pattern spans are marked on the tokens as they are appended: one index
 * walks the sorted spans in step with the tokens, so the cost is linear in
 * tokens plus spans.  Normalized forms are computed for the whole window
 * once it is complete (and again for carried tokens, which is cheaper than
 * moving their bytes and gives the same arena).
 *
 * Everything is reused from window to window: the token, norm and sentence
 * arrays and the arena grow to the largest window and stay there.
 */
#include "doc.h"

#include <string.h>

#include "lexer.h"
#include "sentences.h"

/* Longest token that gets a normalized form, in bytes; longest form kept. */
#define NORM_MAX_TOKEN	128
#define NORM_MAX_FORM	255

struct NaDoc
{
	const char *text;
	size_t		len;
	unsigned	layers;
	const NaAllocator *alloc;
	const NaYield *yield;
	size_t		err_offset;

	NaScanner	scanner;
	NaSplitter	splitter;
	bool		started;		/* na_doc_next has run */
	bool		exhausted;		/* the scanner has nothing more */

	/* the current window */
	NaDocToken *tokens;
	size_t		ntokens;
	size_t		captokens;
	size_t		base;			/* tokens before the window */
	NaDocNorm  *norms;
	size_t		capnorms;
	NaBuf		arena;			/* normalized forms, space separated */
	NaBuf		scratch;
	NaDocSentence *sentences;
	size_t		nsentences;
	size_t		capsentences;

	/* carried into the next window */
	size_t		carry_from;		/* tokens [carry_from, filled) open it */
	size_t		filled;			/* tokens in the arrays (window + carry) */
	bool		pending;		/* tok was read after a closing sentence */
	NaToken		pending_tok;
	uint32_t	pending_sentence;
	size_t		sentence_first;	/* document token number of the open
								 * sentence's first token */

	/* pattern spans of the whole document */
	NaSpan	   *spans;
	uint32_t   *span_sentences;
	size_t		nspans;
	size_t		capspans;
	size_t		span_block;		/* first span that may cover the next token */
	size_t		prev_end;		/* end of the previous token */
};

/* na_doc_create: see doc.h. */
NaStatus
na_doc_create(const char *text, size_t len, unsigned layers,
			  const NaAllocator *alloc, const NaYield *yield, NaDoc **out)
{
	NaDoc	   *doc;

	*out = NULL;
	if (len >= UINT32_MAX || (!text && len))
		return len >= UINT32_MAX ? NA_ERR_TOO_LARGE : NA_ERR_BAD_ARGUMENT;
	doc = na_alloc(alloc, sizeof(NaDoc));
	if (!doc)
		return NA_ERR_NOMEM;
	memset(doc, 0, sizeof(*doc));
	doc->text = text ? text : "";
	doc->len = len;
	doc->layers = layers;
	doc->alloc = alloc;
	doc->yield = yield;
	na_buf_init(&doc->arena, alloc);
	na_buf_init(&doc->scratch, alloc);
	na_scanner_init(&doc->scanner, doc->text, len, yield);
	if (layers & NA_DOC_SENTENCES)
		na_splitter_init(&doc->splitter, doc->text, len);
	*out = doc;
	return NA_OK;
}

/* na_doc_destroy: see doc.h. */
void
na_doc_destroy(NaDoc *doc)
{
	if (!doc)
		return;
	na_release(doc->alloc, doc->tokens);
	na_release(doc->alloc, doc->norms);
	na_release(doc->alloc, doc->sentences);
	na_release(doc->alloc, doc->spans);
	na_release(doc->alloc, doc->span_sentences);
	na_buf_free(&doc->arena);
	na_buf_free(&doc->scratch);
	na_release(doc->alloc, doc);
}

/*
 * reserve makes room for need elements of size bytes in *array (capacity
 * *cap), doubling from first.
 */
static NaStatus
reserve(const NaAllocator *alloc, void **array, size_t *cap, size_t need, size_t size,
		size_t first)
{
	size_t		c = *cap ? *cap : first;
	void	   *p;

	if (need <= *cap)
		return NA_OK;
	while (c < need)
	{
		if (c > SIZE_MAX / 2 / size)
			return NA_ERR_TOO_LARGE;
		c *= 2;
	}
	p = *array ? na_resize(alloc, *array, c * size) : na_alloc(alloc, c * size);
	if (!p)
		return NA_ERR_NOMEM;
	*array = p;
	*cap = c;
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Pattern spans
 * ------------------------------------------------------------------- */

/* na_doc_add_spans: see doc.h. */
NaStatus
na_doc_add_spans(NaDoc *doc, const NaSpan *spans, size_t n)
{
	NaStatus	st;

	if (doc->started)
		return NA_ERR_BAD_ARGUMENT;
	for (size_t i = 0; i < n; i++)
	{
		const NaSpan *s = &spans[i];

		/* keep them sorted and disjoint, whatever the caller gives */
		if (doc->nspans > 0 &&
			s->start < doc->spans[doc->nspans - 1].start + doc->spans[doc->nspans - 1].len)
			continue;
		if (doc->nspans == doc->capspans)
		{
			size_t		cap = doc->capspans;

			if ((st = reserve(doc->alloc, (void **) &doc->spans, &doc->capspans, doc->nspans + 1,
							  sizeof(NaSpan), 64)) != NA_OK ||
				(st = reserve(doc->alloc, (void **) &doc->span_sentences, &cap, doc->nspans + 1,
							  sizeof(uint32_t), 64)) != NA_OK)
				return st;
		}
		doc->spans[doc->nspans] = *s;
		doc->span_sentences[doc->nspans] = 0;
		doc->nspans++;
	}
	return NA_OK;
}

typedef struct SpanScan
{
	NaDoc	   *doc;
	NaStatus	st;
} SpanScan;

static bool
add_match(const NaPatternMatch *m, void *arg)
{
	SpanScan   *ss = arg;
	NaSpan		s;

	s.type = m->type;
	s.start = m->start;
	s.len = m->len;
	s.cstart = m->cstart;
	s.clen = m->clen;
	s.confidence = m->confidence;
	ss->st = na_doc_add_spans(ss->doc, &s, 1);
	return ss->st == NA_OK;
}

/* na_doc_scan_patterns: see doc.h. */
NaStatus
na_doc_scan_patterns(NaDoc *doc, NaPatternSet *set)
{
	SpanScan	ss = {doc, NA_OK};
	NaStatus	st;

	if (doc->started)
		return NA_ERR_BAD_ARGUMENT;
	st = na_patterns_scan(set, doc->text, doc->len, add_match, &ss, doc->yield);
	return st != NA_OK ? st : ss.st;
}

/* ---------------------------------------------------------------------
 * Filling a window
 * ------------------------------------------------------------------- */

/* append adds tok (of sentence) to the window and marks its spans. */
static NaStatus
append(NaDoc *doc, const NaToken *tok, uint32_t sentence)
{
	NaDocToken *t;
	NaStatus	st;

	if ((st = reserve(doc->alloc, (void **) &doc->tokens, &doc->captokens, doc->filled + 1,
					  sizeof(NaDocToken), 1024)) != NA_OK)
		return st;
	t = &doc->tokens[doc->filled++];
	t->start = (uint32_t) tok->start;
	t->len = (uint32_t) tok->len;
	t->cstart = (uint32_t) tok->cstart;
	t->clen = (uint32_t) tok->clen;
	t->cp = tok->cp;
	t->sentence = sentence;
	t->flags = (uint16_t) tok->flags;
	t->kind = (uint8_t) tok->kind;
	t->newlines = tok->newlines > 255 ? 255 : (uint8_t) tok->newlines;
	t->marks = tok->space_before ? NA_DM_SPACE : 0;
	memset(t->reserved, 0, sizeof(t->reserved));

	/* spans that end before the token: one of them after the previous
	 * token leaves a gap; a span reaching into the token blocks it */
	while (doc->span_block < doc->nspans &&
		   doc->spans[doc->span_block].start + doc->spans[doc->span_block].len <= tok->start)
	{
		if (doc->spans[doc->span_block].start + doc->spans[doc->span_block].len > doc->prev_end)
			t->marks |= NA_DM_GAP;
		doc->span_block++;
	}
	doc->prev_end = tok->start + tok->len;
	if (doc->span_block < doc->nspans && doc->spans[doc->span_block].start < tok->start + tok->len)
	{
		t->marks |= NA_DM_BLOCKED;
		if (doc->span_sentences[doc->span_block] == 0)
			doc->span_sentences[doc->span_block] = sentence;
	}
	return NA_OK;
}

/* close_sentence lists a finished sentence in the window. */
static NaStatus
close_sentence(NaDoc *doc, const NaSentence *s)
{
	NaDocSentence *d;
	NaStatus	st;

	if ((st = reserve(doc->alloc, (void **) &doc->sentences, &doc->capsentences,
					  doc->nsentences + 1, sizeof(NaDocSentence), 64)) != NA_OK)
		return st;
	d = &doc->sentences[doc->nsentences++];
	d->number = s->number;
	d->start = (uint32_t) s->start;
	d->len = (uint32_t) s->len;
	d->cstart = (uint32_t) s->cstart;
	d->clen = (uint32_t) s->clen;
	d->ntokens = s->ntokens;
	d->first = doc->sentence_first;
	return NA_OK;
}

/*
 * word_marks: the marks of token t whose normalized form is n.  A
 * capitalized word with an inner hyphen followed by a lower-case letter
 * ("Kremlin-backed", "U.S.-led") is not capitalized; "Ata-ur-Rehman" is.
 */
static uint8_t
word_marks(const NaDoc *doc, const NaDocToken *t, const NaDocNorm *n)
{
	uint8_t		m = 0;

	if ((t->kind == NA_TOK_WORD || t->kind == NA_TOK_ABBREV) &&
		!(t->flags & NA_TF_HAS_DIGIT) && n->len > 0)
	{
		m |= NA_DM_WORD;
		if (t->flags & NA_TF_UPPER_INITIAL)
		{
			m |= NA_DM_CAP;
			if (t->flags & NA_TF_HYPHEN)
			{
				const char *p = doc->text + t->start;
				const char *h = NULL;

				for (size_t k = 0; k + 1 < t->len; k++)
					if (p[k] == '-')
						h = p + k;
				if (h && h[1] >= 'a' && h[1] <= 'z')
					m &= (uint8_t) ~NA_DM_CAP;
			}
		}
		if ((t->flags & NA_TF_ALL_UPPER) && t->clen >= 2)
			m |= NA_DM_ACAPS;
	}
	if (n->trim_bytes)
		m |= NA_DM_POSS;
	return m;
}

/*
 * normalize fills the normalized forms of tokens [0, n) of the arrays:
 * na_ner_normalize for tokens of up to NORM_MAX_TOKEN bytes that are not
 * URLs or e-mail addresses, empty for the rest and for forms longer than
 * NORM_MAX_FORM bytes.
 */
static NaStatus
normalize(NaDoc *doc, size_t n)
{
	NaStatus	st;

	if ((st = reserve(doc->alloc, (void **) &doc->norms, &doc->capnorms, n, sizeof(NaDocNorm),
					  1024)) != NA_OK)
		return st;
	doc->arena.len = 0;
	for (size_t i = 0; i < n; i++)
	{
		NaDocToken *t = &doc->tokens[i];
		NaDocNorm  *m = &doc->norms[i];
		size_t		off;
		uint8_t		tb = 0,
					tc = 0;

		if ((i & 4095) == 4095)
			na_yield(doc->yield);
		if (i > 0 && (st = na_buf_append(&doc->arena, " ", 1)) != NA_OK)
			return st;
		off = doc->arena.len;
		if (t->len <= NORM_MAX_TOKEN && t->kind != NA_TOK_URL && t->kind != NA_TOK_EMAIL)
		{
			NaToken		tok;

			na_doc_token_get(t, &tok);
			if ((st = na_ner_normalize(doc->text, &tok, &doc->arena, &doc->scratch, &tb, &tc)) != NA_OK)
				return st;
			if (doc->arena.len - off > NORM_MAX_FORM)
				doc->arena.len = off;
		}
		if (off > UINT32_MAX / 2)
			return NA_ERR_TOO_LARGE;
		m->off = (uint32_t) off;
		m->len = (uint16_t) (doc->arena.len - off);
		m->trim_bytes = tb;
		m->trim_chars = tc;
		m->hash = na_fnv_add(NA_FNV_INIT, doc->arena.data + off, m->len);
		t->marks = (uint8_t) ((t->marks & (NA_DM_SPACE | NA_DM_BLOCKED | NA_DM_GAP)) |
							  word_marks(doc, t, m));
	}
	return NA_OK;
}

/*
 * cut_window: the window holds a piece of one long sentence; end it before
 * its trailing run of capitalized words (unless the run fills the last
 * 2 * NA_DOC_MAX_NAME tokens), which opens the next window.
 */
static void
cut_window(NaDoc *doc)
{
	size_t		n = doc->filled;
	size_t		k = n;

	doc->carry_from = n;
	if (!(doc->layers & NA_DOC_NORMS))
		return;
	while (k > n - 2 * NA_DOC_MAX_NAME && (doc->tokens[k - 1].marks & NA_DM_CAP))
		k--;
	if (k > n - 2 * NA_DOC_MAX_NAME)
		doc->carry_from = k;
}

/* fail: an error leaves the document exhausted and the window empty */
static NaStatus
fail(NaDoc *doc, NaStatus st)
{
	doc->exhausted = true;
	doc->pending = false;
	doc->ntokens = 0;
	doc->filled = 0;
	doc->carry_from = 0;
	doc->nsentences = 0;
	return st;
}

/* na_doc_next: see doc.h. */
NaStatus
na_doc_next(NaDoc *doc)
{
	bool		sentences = (doc->layers & NA_DOC_SENTENCES) != 0;
	bool		cut = false;
	NaToken		tok;
	NaSentence	closed;
	NaStatus	st;

	doc->started = true;
	/* tokens carried over from the last window move to the front */
	doc->base += doc->carry_from;
	if (doc->carry_from < doc->filled)
		memmove(doc->tokens, doc->tokens + doc->carry_from,
				(doc->filled - doc->carry_from) * sizeof(NaDocToken));
	doc->filled -= doc->carry_from;
	doc->carry_from = 0;
	doc->ntokens = 0;
	doc->nsentences = 0;
	if (doc->pending)
	{
		doc->pending = false;
		if ((st = append(doc, &doc->pending_tok, doc->pending_sentence)) != NA_OK)
			return fail(doc, st);
	}

	while (!doc->exhausted)
	{
		uint32_t	sentence = 0;

		if (!na_scanner_next(&doc->scanner, &tok))
		{
			doc->exhausted = true;
			if (na_scanner_status(&doc->scanner, &doc->err_offset) != NA_OK)
				return fail(doc, NA_ERR_INVALID_UTF8);
			if (sentences && na_splitter_finish(&doc->splitter, &closed) &&
				(st = close_sentence(doc, &closed)) != NA_OK)
				return fail(doc, st);
			break;
		}
		if (sentences && na_splitter_token(&doc->splitter, &tok, &sentence, &closed))
		{
			if ((st = close_sentence(doc, &closed)) != NA_OK)
				return fail(doc, st);
			doc->sentence_first = doc->base + doc->filled;
			if (doc->filled >= NA_DOC_WINDOW_TOKENS)
			{
				/* the window ends with that sentence; tok opens the next */
				doc->pending = true;
				doc->pending_tok = tok;
				doc->pending_sentence = sentence;
				break;
			}
		}
		if ((st = append(doc, &tok, sentence)) != NA_OK)
			return fail(doc, st);
		if (!sentences && doc->filled >= NA_DOC_WINDOW_TOKENS)
			break;
		if (sentences && doc->filled >= NA_DOC_MAX_WINDOW)
		{
			cut = true;
			break;
		}
	}

	if ((doc->layers & NA_DOC_NORMS) && (st = normalize(doc, doc->filled)) != NA_OK)
		return fail(doc, st);
	if (cut)
		cut_window(doc);
	else
		doc->carry_from = doc->filled;
	doc->ntokens = doc->carry_from;
	na_yield(doc->yield);
	return NA_OK;
}

/* ---------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------- */

const char *
na_doc_text(const NaDoc *doc, size_t *len)
{
	if (len)
		*len = doc->len;
	return doc->text;
}

unsigned
na_doc_layers(const NaDoc *doc)
{
	return doc->layers;
}

const NaYield *
na_doc_yield(const NaDoc *doc)
{
	return doc->yield;
}

size_t
na_doc_error_offset(const NaDoc *doc)
{
	return doc->err_offset;
}

const NaDocToken *
na_doc_tokens(const NaDoc *doc)
{
	return doc->tokens;
}

size_t
na_doc_ntokens(const NaDoc *doc)
{
	return doc->ntokens;
}

size_t
na_doc_base(const NaDoc *doc)
{
	return doc->base;
}

const NaDocNorm *
na_doc_norms(const NaDoc *doc)
{
	return (doc->layers & NA_DOC_NORMS) ? doc->norms : NULL;
}

const char *
na_doc_arena(const NaDoc *doc)
{
	return (doc->layers & NA_DOC_NORMS) ? doc->arena.data : NULL;
}

const NaDocSentence *
na_doc_sentences(const NaDoc *doc, size_t *n)
{
	*n = doc->nsentences;
	return doc->sentences;
}

const NaSpan *
na_doc_spans(const NaDoc *doc, size_t *n)
{
	*n = doc->nspans;
	return doc->spans;
}

const uint32_t *
na_doc_span_sentences(const NaDoc *doc)
{
	return doc->span_sentences;
}
