/*
 * doc.c
 *		The analysed document: one scan of a text, read window by window by
 *		every analysis (see doc.h for the layers and the window rules).
 *
 * Design.  The scanner writes its tokens straight into the window array,
 * STAGE_TOKENS at a time, where they are then processed in order: the
 * splitter gives each its sentence (and decides a boundary when the token
 * after it arrives), and the pattern spans mark it, one index walking the
 * sorted spans in step with the tokens.  A window ends before such a token
 * at a sentence boundary once it is long enough, or in the middle of an
 * overlong sentence (before its trailing capitalized words); the tokens
 * after its end, processed or not yet, stay in the array and are moved to
 * its front for the next window.  So tokens are copied only when a window
 * ends, and a token-only document reads exactly one window's worth.
 *
 * Normalized forms are computed for a window once it is complete (carried
 * tokens are normalized again in their next window, which costs less than
 * moving their bytes and gives the same arena).
 *
 * Everything is reused from window to window, and from text to text with
 * na_doc_reset: the arrays and the arena grow to the largest window and
 * stay there.
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "sentences.h"

/* Tokens read from the scanner at a time. */
#define STAGE_TOKENS	128

static inline size_t
Min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

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

	/*
	 * The token array: the window is [0, ntokens); [ntokens, filled) was read
	 * beyond it and opens the next one; [0, processed) has its sentence and
	 * marks.
	 */
	NaToken    *tokens;
	size_t		ntokens;
	size_t		filled;
	size_t		processed;
	size_t		captokens;
	size_t		base;			/* tokens before the window */
	NaDocNorm  *norms;
	size_t		capnorms;
	NaBuf		arena;			/* normalized forms, space separated */
	NaBuf		scratch;
	NaDocSentence *sentences;
	size_t		nsentences;
	size_t		capsentences;
	size_t		sentence_first;	/* document token number of the open
								 * sentence's first token */

	/* pattern spans of the whole document */
	NaSpan	   *spans;
	uint32_t   *span_sentences;
	size_t		nspans;
	size_t		capspans;
	size_t		span_block;		/* first span that may cover the next token */
	size_t		prev_end;		/* end of the previous token */

	/* blocked ranges of the whole document, sorted and merged */
	NaDocRange *blocks;
	size_t		nblocks;
	size_t		capblocks;
	bool		blocks_sorted;
	size_t		block_next;		/* first block that may cover the next token */
	size_t		block_prev_end; /* end of the previous token */
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
	doc->layers = layers;
	doc->alloc = alloc;
	na_buf_init(&doc->arena, alloc);
	na_buf_init(&doc->scratch, alloc);
	na_doc_reset(doc, text, len, yield);
	*out = doc;
	return NA_OK;
}

/* na_doc_reset: see doc.h. */
NaStatus
na_doc_reset(NaDoc *doc, const char *text, size_t len, const NaYield *yield)
{
	if (len >= UINT32_MAX || (!text && len))
		return len >= UINT32_MAX ? NA_ERR_TOO_LARGE : NA_ERR_BAD_ARGUMENT;
	doc->text = text ? text : "";
	doc->len = len;
	doc->yield = yield;
	doc->err_offset = 0;
	doc->started = false;
	doc->exhausted = false;
	doc->ntokens = 0;
	doc->filled = 0;
	doc->processed = 0;
	doc->base = 0;
	doc->nsentences = 0;
	doc->sentence_first = 0;
	doc->nspans = 0;
	doc->span_block = 0;
	doc->prev_end = 0;
	doc->nblocks = 0;
	doc->blocks_sorted = true;
	doc->block_next = 0;
	doc->block_prev_end = 0;
	doc->arena.len = 0;
	na_scanner_init(&doc->scanner, doc->text, len, yield);
	if (doc->layers & NA_DOC_SENTENCES)
		na_splitter_init(&doc->splitter, doc->text, len);
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
	na_release(doc->alloc, doc->blocks);
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

/* ---------------------------------------------------------------------
 * Blocked ranges
 * ------------------------------------------------------------------- */

/* na_doc_add_blocks: see doc.h. */
NaStatus
na_doc_add_blocks(NaDoc *doc, const NaDocRange *ranges, size_t n)
{
	NaStatus	st;

	if (doc->started)
		return NA_ERR_BAD_ARGUMENT;
	if ((st = reserve(doc->alloc, (void **) &doc->blocks, &doc->capblocks, doc->nblocks + n,
					  sizeof(NaDocRange), 16)) != NA_OK)
		return st;
	for (size_t i = 0; i < n; i++)
	{
		if (ranges[i].len == 0)
			continue;
		if (doc->nblocks > 0 && ranges[i].start < doc->blocks[doc->nblocks - 1].start)
			doc->blocks_sorted = false;
		doc->blocks[doc->nblocks++] = ranges[i];
	}
	return NA_OK;
}

static int
range_cmp(const void *a, const void *b)
{
	const NaDocRange *x = a;
	const NaDocRange *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* merge_blocks sorts the blocked ranges and merges those that overlap or
 * touch, once, before the first window; a pattern span that overlaps a
 * block is markup too ("<a href=...>" holds a URL) and is dropped */
static void
merge_blocks(NaDoc *doc)
{
	size_t		k = 0;
	size_t		b = 0;

	if (doc->nblocks == 0)
		return;
	if (!doc->blocks_sorted)
		qsort(doc->blocks, doc->nblocks, sizeof(NaDocRange), range_cmp);
	doc->blocks_sorted = true;
	for (size_t i = 1; i < doc->nblocks; i++)
	{
		NaDocRange *last = &doc->blocks[k];
		uint64_t	end = (uint64_t) last->start + last->len;
		uint64_t	iend = (uint64_t) doc->blocks[i].start + doc->blocks[i].len;

		if (doc->blocks[i].start <= end)
		{
			if (iend > end)
				last->len = (uint32_t) (iend - last->start);
		}
		else
			doc->blocks[++k] = doc->blocks[i];
	}
	doc->nblocks = k + 1;
	k = 0;
	for (size_t i = 0; i < doc->nspans; i++)
	{
		const NaSpan *sp = &doc->spans[i];

		while (b < doc->nblocks && (size_t) doc->blocks[b].start + doc->blocks[b].len <= sp->start)
			b++;
		if (b < doc->nblocks && doc->blocks[b].start < sp->start + sp->len)
			continue;
		doc->spans[k++] = *sp;
	}
	doc->nspans = k;
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

/* mark_spans marks the spans that touch token t, in text order. */
static void
mark_spans(NaDoc *doc, NaToken *t)
{
	/* spans that end before the token: one of them after the previous
	 * token leaves a gap; a span reaching into the token blocks it */
	while (doc->span_block < doc->nspans &&
		   doc->spans[doc->span_block].start + doc->spans[doc->span_block].len <= t->start)
	{
		if (doc->spans[doc->span_block].start + doc->spans[doc->span_block].len > doc->prev_end)
			t->marks |= NA_DM_GAP;
		doc->span_block++;
	}
	doc->prev_end = (size_t) t->start + t->len;
	if (doc->span_block < doc->nspans &&
		doc->spans[doc->span_block].start < (size_t) t->start + t->len)
	{
		t->marks |= NA_DM_BLOCKED;
		if (doc->span_sentences[doc->span_block] == 0)
			doc->span_sentences[doc->span_block] = t->sentence;
	}
}

/* mark_blocks marks the blocked ranges that touch token t, as mark_spans
 * marks spans */
static void
mark_blocks(NaDoc *doc, NaToken *t)
{
	const NaDocRange *b = doc->blocks;

	while (doc->block_next < doc->nblocks &&
		   (size_t) b[doc->block_next].start + b[doc->block_next].len <= t->start)
	{
		if ((size_t) b[doc->block_next].start + b[doc->block_next].len > doc->block_prev_end)
			t->marks |= NA_DM_GAP;
		doc->block_next++;
	}
	doc->block_prev_end = (size_t) t->start + t->len;
	if (doc->block_next < doc->nblocks &&
		b[doc->block_next].start < (size_t) t->start + t->len)
		t->marks |= NA_DM_BLOCKED;
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
word_marks(const NaDoc *doc, const NaToken *t, const NaDocNorm *n)
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
 * normalize fills the normalized forms of tokens [0, n) of the array:
 * na_ner_normalize for tokens of up to NORM_MAX_TOKEN bytes that are not
 * URLs or e-mail addresses, empty for the rest and for forms longer than
 * NORM_MAX_FORM bytes; and the word marks.
 */
static NaStatus
normalize(NaDoc *doc, size_t n)
{
	size_t		room = 1;
	NaStatus	st;

	if ((st = reserve(doc->alloc, (void **) &doc->norms, &doc->capnorms, n, sizeof(NaDocNorm),
					  1024)) != NA_OK)
		return st;
	/*
	 * the arena exists even when every form is empty: offsets into it are
	 * never taken from a NULL pointer.  Room for the window's bytes and a
	 * separator per token is made at once: forms of plain text are no
	 * longer than their tokens, so only a folded one grows the arena.
	 */
	doc->arena.len = 0;
	if (n > 0)
		room = (size_t) doc->tokens[n - 1].start + doc->tokens[n - 1].len - doc->tokens[0].start + n;
	if ((st = na_buf_reserve(&doc->arena, room)) != NA_OK)
		return st;
	for (size_t i = 0; i < n; i++)
	{
		NaToken    *t = &doc->tokens[i];
		NaDocNorm  *m = &doc->norms[i];
		size_t		off;
		uint8_t		tb = 0,
					tc = 0;

		if ((i & 4095) == 4095)
			na_yield(doc->yield);
		if (i > 0)
		{
			if (doc->arena.len == doc->arena.cap && (st = na_buf_reserve(&doc->arena, 1)) != NA_OK)
				return st;
			doc->arena.data[doc->arena.len++] = ' ';
		}
		off = doc->arena.len;
		if (t->len <= NORM_MAX_TOKEN && t->kind != NA_TOK_URL && t->kind != NA_TOK_EMAIL)
		{
			if ((st = na_ner_normalize(doc->text, t, &doc->arena, &doc->scratch, &tb, &tc)) != NA_OK)
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
		/* the arena is still NULL while every form so far was empty */
		m->hash = m->len ? na_fnv_add(NA_FNV_INIT, doc->arena.data + off, m->len) : NA_FNV_INIT;
		t->marks = (uint8_t) ((t->marks & (NA_DM_BLOCKED | NA_DM_GAP)) | word_marks(doc, t, m));
	}
	return NA_OK;
}

/*
 * cut_before: where a window holding n tokens of one long sentence ends:
 * before its trailing run of capitalized words, unless the run fills the
 * last 2 * NA_DOC_MAX_NAME tokens (or there are no word marks).
 */
static size_t
cut_before(const NaDoc *doc, size_t n)
{
	size_t		k = n;

	if (!(doc->layers & NA_DOC_NORMS))
		return n;
	while (k > n - 2 * NA_DOC_MAX_NAME && (doc->tokens[k - 1].marks & NA_DM_CAP))
		k--;
	return k > n - 2 * NA_DOC_MAX_NAME ? k : n;
}

/* fail: an error leaves the document exhausted and the window empty */
static NaStatus
fail(NaDoc *doc, NaStatus st)
{
	doc->exhausted = true;
	doc->ntokens = 0;
	doc->filled = 0;
	doc->processed = 0;
	doc->nsentences = 0;
	return st;
}

/*
 * read_tokens: up to max more tokens from the scanner at the end of the
 * array; at the end of the text the document is exhausted (and the last
 * sentence closed).
 */
static NaStatus
read_tokens(NaDoc *doc, size_t max)
{
	NaStatus	st;
	NaSentence	closed;
	size_t		n;

	if ((st = reserve(doc->alloc, (void **) &doc->tokens, &doc->captokens, doc->filled + max,
					  sizeof(NaToken), STAGE_TOKENS)) != NA_OK)
		return st;
	n = na_scanner_read(&doc->scanner, doc->tokens + doc->filled, max);
	doc->filled += n;
	if (n > 0)
		return NA_OK;
	doc->exhausted = true;
	if ((st = na_scanner_status(&doc->scanner, &doc->err_offset)) != NA_OK)
		return st;
	if ((doc->layers & NA_DOC_SENTENCES) && na_splitter_finish(&doc->splitter, &closed))
		return close_sentence(doc, &closed);
	return NA_OK;
}

/* na_doc_next: see doc.h. */
NaStatus
na_doc_next(NaDoc *doc)
{
	bool		sentences = (doc->layers & NA_DOC_SENTENCES) != 0;
	size_t		end = 0;		/* where the window ends; 0: not yet */
	bool		cut = false;
	NaSentence	closed;
	NaStatus	st;

	if (!doc->started)
		merge_blocks(doc);
	/* what was read beyond the last window moves to the front */
	doc->started = true;
	doc->base += doc->ntokens;
	if (doc->ntokens > 0 && doc->ntokens < doc->filled)
		memmove(doc->tokens, doc->tokens + doc->ntokens,
				(doc->filled - doc->ntokens) * sizeof(NaToken));
	doc->filled -= doc->ntokens;
	doc->processed -= doc->ntokens;
	doc->ntokens = 0;
	doc->nsentences = 0;

	while (end == 0)
	{
		NaToken    *t;

		if (doc->processed == doc->filled)
		{
			if (doc->exhausted)
				break;
			/* a token-only window takes exactly its share */
			if ((st = read_tokens(doc, sentences ? STAGE_TOKENS :
								  Min_size(STAGE_TOKENS, NA_DOC_TOKEN_WINDOW - doc->filled))) != NA_OK)
				return fail(doc, st);
			continue;
		}
		if (!sentences && doc->nspans == 0 && doc->nblocks == 0)
		{
			/* nothing to add to the tokens: a window of them as read */
			doc->processed = doc->filled;
			if (doc->processed >= NA_DOC_TOKEN_WINDOW)
				end = doc->processed;
			continue;
		}
		t = &doc->tokens[doc->processed];
		if (sentences)
		{
			if (na_splitter_token(&doc->splitter, t, &t->sentence, &closed))
			{
				if ((st = close_sentence(doc, &closed)) != NA_OK)
					return fail(doc, st);
				doc->sentence_first = doc->base + doc->processed;
				/* the window ends with that sentence; t opens the next */
				if (doc->processed >= NA_DOC_WINDOW_TOKENS)
					end = doc->processed;
			}
		}
		if (doc->nspans > 0)
			mark_spans(doc, t);
		if (doc->nblocks > 0)
			mark_blocks(doc, t);
		doc->processed++;
		if (end == 0 && sentences && doc->processed >= NA_DOC_MAX_WINDOW)
		{
			end = doc->processed;
			cut = true;
		}
		if (!sentences && doc->processed >= NA_DOC_TOKEN_WINDOW)
			end = doc->processed;
	}
	if (end == 0)
		end = doc->processed;	/* the end of the text */

	if ((doc->layers & NA_DOC_NORMS) && (st = normalize(doc, end)) != NA_OK)
		return fail(doc, st);
	if (cut)
		end = cut_before(doc, end);
	doc->ntokens = end;
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

const NaToken *
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
