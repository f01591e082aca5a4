/*
 * lexer.c
 *		Index terms: token normalization, stopwords, Snowball stemming and
 *		the term cache.
 *
 * Design.  Normalizing a token is cheap for plain ASCII (lower-case, drop a
 * possessive, drop apostrophes) and goes through utf8proc's NFKC case fold
 * otherwise.  Stopword lookup and stemming cost far more than scanning, and
 * news vocabulary repeats heavily, so each lexer keeps a cache from the
 * normalized form to its term (or to "stopword"): an open-addressing table
 * of 128K cache-line slots (8 MB) holding words of up to 28 bytes and their
 * stems inline, enough for the vocabulary of a large news archive.  When it
 * is 70% full it is emptied and refilled; memory stays bounded whatever the
 * input.
 */
#include "tokenizer.h"

#include <stdio.h>
#include <string.h>
#include <libstemmer.h>

#include "unicode.h"

#define CACHE_SLOTS		131072	/* power of two: 8 MB of 64-byte slots */
#define CACHE_MAX_USED	(CACHE_SLOTS / 10 * 7)
#define CACHE_KEY_MAX	28		/* longer words are not cached */
#define STOP_MARK		0xFF	/* val_len of a stopword */

/*
 * Probing runs over a compact array of 32-bit hashes (512 KB, mostly in
 * cache); only a matching hash touches its entry, one cache line holding
 * the word and its term inline.
 */
typedef struct CacheSlot
{
	uint8_t		key_len;
	uint8_t		val_len;
	char		key[CACHE_KEY_MAX + 3];
	char		val[CACHE_KEY_MAX + 3];
} CacheSlot;

struct NaLexer
{
	NaAllocator alloc;
	char		config[32];
	struct sb_stemmer *stemmer;	/* NULL: no stemming */
	bool		stopwords;
	NaBuf		norm;			/* normalized form of the current token */
	void	   *slots_mem;		/* allocation behind slots */
	uint32_t   *hashes;			/* 0 = empty slot */
	CacheSlot  *slots;			/* cache-line aligned */
	uint32_t	used;
};

/* na_normalize_token: see tokenizer.h. */
NaStatus
na_normalize_token(const char *text, const NaToken *tok, NaBuf *out)
{
	const uint8_t *s = (const uint8_t *) text + tok->start;
	size_t		n = tok->len;
	NaStatus	st;
	size_t		i = 0;
	char	   *d;

	out->len = 0;
	if (out->cap < n + 4 && (st = na_buf_reserve(out, n + 4)) != NA_OK)
		return st;
	if (tok->kind == NA_TOK_HASHTAG)
		i = 1;

	if (!(tok->flags & NA_TF_SLOW))
	{
		d = out->data;
		if (tok->kind == NA_TOK_WORD)
		{
			for (; i < n; i++)
				*d++ = (char) (s[i] | ((na_ascii_bits[s[i]] & NA_AB_UPPER) ? 0x20 : 0));
		}
		else
		{
			for (; i < n; i++)
			{
				uint8_t		b = s[i];

				if (b >= 'A' && b <= 'Z')
					b |= 0x20;
				else if ((b == ',' && tok->kind == NA_TOK_NUMBER) ||
						 (b == '.' && tok->kind == NA_TOK_ABBREV))
					continue;
				*d++ = (char) b;
			}
		}
		out->len = (size_t) (d - out->data);
	}
	else
	{
		/* decode entities, unify apostrophes and hyphens, then NFKC fold */
		while (i < n)
		{
			NaChar		c;
			uint32_t	cp;

			if (!na_read_char(s, n, i, &c))
				return NA_ERR_INVALID_UTF8;
			i += c.nbytes;
			cp = c.cp;
			if (c.cls == NA_C_IGNORE)
				continue;
			if (c.cls == NA_C_APOS)
				cp = '\'';
			else if (c.cls == NA_C_HYPHEN)
				cp = '-';
			else if ((cp == ',' && tok->kind == NA_TOK_NUMBER) ||
					 (cp == '.' && tok->kind == NA_TOK_ABBREV))
				continue;
			if ((st = na_buf_reserve(out, 4)) != NA_OK)
				return st;
			out->len += (size_t) na_utf8_encode(cp, out->data + out->len);
		}
		if ((st = na_nfkc_casefold(out)) != NA_OK)
			return st;
	}

	if (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_HASHTAG)
	{
		/* possessive, then any apostrophe left inside ("don't" -> "dont") */
		if (out->len > 2 && out->data[out->len - 2] == '\'' && out->data[out->len - 1] == 's')
			out->len -= 2;
		if (tok->flags & NA_TF_APOSTROPHE || (tok->flags & NA_TF_SLOW))
		{
			size_t		k = 0;

			for (size_t j = 0; j < out->len; j++)
				if (out->data[j] != '\'')
					out->data[k++] = out->data[j];
			out->len = k;
		}
	}
	return NA_OK;
}

/* na_lexer_languages: "simple" and the Snowball languages, comma-separated. */
const char *
na_lexer_languages(void)
{
	static char list[512];

	if (list[0] == '\0')
	{
		const char **names = sb_stemmer_list();
		size_t		len;

		snprintf(list, sizeof(list), "simple");
		for (; *names; names++)
		{
			len = strlen(list);
			if (strcmp(*names, "porter") == 0 || len + strlen(*names) + 3 >= sizeof(list))
				continue;
			snprintf(list + len, sizeof(list) - len, ", %s", *names);
		}
	}
	return list;
}

/* na_lexer_create: a lexer for config ("simple" or a Snowball language). */
NaStatus
na_lexer_create(const char *config, const NaAllocator *alloc, NaLexer **out)
{
	NaLexer    *lx;
	struct sb_stemmer *stemmer = NULL;

	*out = NULL;
	if (strlen(config) >= sizeof(lx->config))
		return NA_ERR_BAD_CONFIG;
	if (strcmp(config, "simple") != 0)
	{
		const char **names;
		bool		known = false;

		/* only names libstemmer lists, so no arbitrary string reaches it */
		for (names = sb_stemmer_list(); *names; names++)
			if (strcmp(*names, config) == 0 && strcmp(config, "porter") != 0)
				known = true;
		if (!known)
			return NA_ERR_BAD_CONFIG;
		stemmer = sb_stemmer_new(config, "UTF_8");
		if (!stemmer)
			return NA_ERR_NOMEM;
	}
	lx = na_alloc(alloc, sizeof(NaLexer));
	if (!lx)
	{
		if (stemmer)
			sb_stemmer_delete(stemmer);
		return NA_ERR_NOMEM;
	}
	memset(lx, 0, sizeof(*lx));
	lx->alloc = *alloc;
	strcpy(lx->config, config);
	lx->stemmer = stemmer;
	lx->stopwords = strcmp(config, "english") == 0;
	na_buf_init(&lx->norm, &lx->alloc);
	if (stemmer)
	{
		lx->slots_mem = na_alloc(&lx->alloc, (sizeof(CacheSlot) + sizeof(uint32_t)) * CACHE_SLOTS + 64);
		if (!lx->slots_mem)
		{
			na_lexer_destroy(lx);
			return NA_ERR_NOMEM;
		}
		lx->slots = (CacheSlot *) (((uintptr_t) lx->slots_mem + 63) & ~(uintptr_t) 63);
		lx->hashes = (uint32_t *) (lx->slots + CACHE_SLOTS);
		memset(lx->hashes, 0, sizeof(uint32_t) * CACHE_SLOTS);
	}
	*out = lx;
	return NA_OK;
}

/* na_lexer_destroy: free the lexer, its stemmer and cache. */
void
na_lexer_destroy(NaLexer *lx)
{
	if (!lx)
		return;
	if (lx->stemmer)
		sb_stemmer_delete(lx->stemmer);
	na_buf_free(&lx->norm);
	na_release(&lx->alloc, lx->slots_mem);
	na_release(&lx->alloc, lx);
}

/* na_lexer_config: the configuration name the lexer was made for. */
const char *
na_lexer_config(const NaLexer *lx)
{
	return lx->config;
}

/*
 * lookup_word: the term for normalized word w, *len = 0 for a stopword.
 * *term points into the cache or the stemmer, valid until the next call.
 */
static inline bool
same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static NaStatus
lookup_word(NaLexer *lx, const char *w, size_t n, uint32_t h, const char **term, size_t *len)
{
	uint32_t	i = 0;
	CacheSlot  *slot = NULL;
	const sb_symbol *stem;
	int			stem_len;

	if (n <= CACHE_KEY_MAX)
	{
		h |= 1;
		for (i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1))
		{
			uint32_t	hi = lx->hashes[i];

			if (hi == 0)
				break;
			slot = &lx->slots[i];
			if (hi == h && slot->key_len == n && same_bytes(slot->key, w, n))
			{
				*term = slot->val;
				*len = slot->val_len == STOP_MARK ? 0 : slot->val_len;
				return NA_OK;
			}
		}
		if (lx->used >= CACHE_MAX_USED)
		{
			/* full: start again (common words come back at once) */
			memset(lx->hashes, 0, sizeof(uint32_t) * CACHE_SLOTS);
			lx->used = 0;
			i = h & (CACHE_SLOTS - 1);
		}
		slot = &lx->slots[i];
	}

	/* miss: compute, then remember */
	if (lx->stopwords && na_is_stopword(w, n))
	{
		stem = NULL;
		stem_len = 0;
	}
	else
	{
		stem = sb_stemmer_stem(lx->stemmer, (const sb_symbol *) w, (int) n);
		if (!stem)
			return NA_ERR_NOMEM;
		stem_len = sb_stemmer_length(lx->stemmer);
	}
	*term = (const char *) stem;
	*len = (size_t) stem_len;
	if (slot && stem_len <= CACHE_KEY_MAX)
	{
		lx->hashes[i] = h;
		slot->key_len = (uint8_t) n;
		memcpy(slot->key, w, n);
		slot->val_len = stem ? (uint8_t) stem_len : STOP_MARK;
		if (stem)
			memcpy(slot->val, stem, (size_t) stem_len);
		lx->used++;
	}
	return NA_OK;
}

/*
 * token_term: the index term of tok (a token of text) in term and len, or
 * *len = 0 when it gives none (punctuation, stopword, too long).  *term
 * points into the lexer's buffers, valid until the next call.
 */
static NaStatus
token_term(NaLexer *lx, const char *text, const NaToken *tok, const char **term, size_t *len)
{
	NaStatus	st;
	uint32_t	h;

	*len = 0;
	if (tok->kind == NA_TOK_PUNCT || tok->kind == NA_TOK_SYMBOL ||
		tok->len > NA_MAX_TERM_BYTES * 4)
		return NA_OK;
	if (lx->stemmer && tok->kind == NA_TOK_WORD && tok->len <= CACHE_KEY_MAX &&
		!(tok->flags & (NA_TF_SLOW | NA_TF_APOSTROPHE)))
	{
		/* plain ASCII word: fold case and hash in one pass */
		char		w[CACHE_KEY_MAX];
		const uint8_t *p = (const uint8_t *) text + tok->start;

		h = NA_FNV_INIT;
		for (size_t i = 0; i < tok->len; i++)
		{
			w[i] = (char) (p[i] | ((na_ascii_bits[p[i]] & NA_AB_UPPER) ? 0x20 : 0));
			h = na_fnv_byte(h, (uint8_t) w[i]);
		}
		return lookup_word(lx, w, tok->len, h, term, len);
	}
	if ((st = na_normalize_token(text, tok, &lx->norm)) != NA_OK)
		return st;
	if (lx->norm.len == 0 || lx->norm.len > NA_MAX_TERM_BYTES)
		return NA_OK;
	if (lx->stemmer && (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_HASHTAG))
	{
		h = NA_FNV_INIT;
		for (size_t i = 0; i < lx->norm.len; i++)
			h = na_fnv_byte(h, (uint8_t) lx->norm.data[i]);
		return lookup_word(lx, lx->norm.data, lx->norm.len, h, term, len);
	}
	*term = lx->norm.data;
	*len = lx->norm.len;
	return NA_OK;
}

/* na_lexer_term: see tokenizer.h. */
NaStatus
na_lexer_term(NaLexer *lx, const char *s, size_t len, NaTokenKind kind,
			  const char **term, size_t *tlen)
{
	NaToken		tok;

	*tlen = 0;
	if (len > NA_MAX_TERM_BYTES * 4)
		return NA_OK;			/* too long to give a term: skip the flag scan */
	memset(&tok, 0, sizeof(tok));
	tok.kind = kind;
	tok.len = len;
	tok.clen = len;
	for (size_t i = 0; i < len; i++)
	{
		unsigned char b = (unsigned char) s[i];

		if (b >= 0x80 || b == '&' || (b == '#' && !(i == 0 && kind == NA_TOK_HASHTAG)))
			tok.flags |= NA_TF_SLOW;
		else if (b == '\'')
			tok.flags |= NA_TF_APOSTROPHE;
	}
	return token_term(lx, s, &tok, term, tlen);
}

/*
 * Batching.  The cache probe is a memory access the CPU cannot predict, so
 * na_lexer_terms queues up to TERM_BATCH tokens: each plain word is folded
 * and hashed as it arrives and its cache lines are prefetched; the batch is
 * resolved in text order once it is full, when the lines have arrived.
 */
#define TERM_BATCH 16

typedef struct PendingToken
{
	NaToken		tok;
	uint32_t	h;				/* plain words: hash of w */
	bool		plain;
	char		w[CACHE_KEY_MAX];
} PendingToken;

typedef struct TermsState
{
	NaLexer    *lx;
	const char *text;
	NaTermFn	fn;
	void	   *arg;
	NaStatus	status;
	int			npending;
	PendingToken pending[TERM_BATCH];
} TermsState;

/* flush_terms: resolve the queued tokens in order; false to stop */
static bool
flush_terms(TermsState *ts)
{
	int			n = ts->npending;

	ts->npending = 0;
	for (int i = 0; i < n; i++)
	{
		PendingToken *p = &ts->pending[i];
		const char *term;
		size_t		len;

		if (p->plain)
			ts->status = lookup_word(ts->lx, p->w, p->tok.len, p->h, &term, &len);
		else
			ts->status = token_term(ts->lx, ts->text, &p->tok, &term, &len);
		if (ts->status != NA_OK)
			return false;
		if (len > 0 && !ts->fn(term, len, &p->tok, ts->arg))
			return false;
	}
	return true;
}

static bool
terms_token(const NaToken *tok, void *arg)
{
	TermsState *ts = (TermsState *) arg;
	NaLexer    *lx = ts->lx;
	PendingToken *p;

	if (tok->kind == NA_TOK_PUNCT || tok->kind == NA_TOK_SYMBOL)
		return true;
	p = &ts->pending[ts->npending++];
	p->tok = *tok;
	p->plain = lx->stemmer && tok->kind == NA_TOK_WORD && tok->len <= CACHE_KEY_MAX &&
		!(tok->flags & (NA_TF_SLOW | NA_TF_APOSTROPHE));
	if (p->plain)
	{
		const uint8_t *s = (const uint8_t *) ts->text + tok->start;
		uint32_t	h = NA_FNV_INIT;
		uint32_t	i;

		for (size_t k = 0; k < tok->len; k++)
		{
			p->w[k] = (char) (s[k] | ((na_ascii_bits[s[k]] & NA_AB_UPPER) ? 0x20 : 0));
			h = na_fnv_byte(h, (uint8_t) p->w[k]);
		}
		p->h = h;
		i = (h | 1) & (CACHE_SLOTS - 1);
		__builtin_prefetch(&lx->hashes[i]);
		__builtin_prefetch(&lx->slots[i]);
	}
	if (ts->npending == TERM_BATCH)
		return flush_terms(ts);
	return true;
}

/* na_lexer_terms: see tokenizer.h. */
NaStatus
na_lexer_terms(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	TermsState	ts;
	NaStatus	st;

	ts.lx = lx;
	ts.text = text;
	ts.fn = fn;
	ts.arg = arg;
	ts.status = NA_OK;
	ts.npending = 0;
	st = na_scan(text, len, terms_token, &ts, yield, err_offset);
	if (st == NA_OK && ts.status == NA_OK && ts.npending > 0)
		flush_terms(&ts);
	if (st != NA_OK)
		return st;
	return ts.status;
}
