/*
 * lexer.c
 *		Index terms: token normalization (the lexer's, and the entity
 *		extractor's that the analysed document stores), stopwords, Snowball
 *		stemming and the term cache.
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
 *
 * The terms of a text are those of the tokens of an analysed document
 * (na_lexer_doc_terms reads a window; na_lexer_terms keeps a token-only
 * document of its own for the next call).  A cache probe is a memory
 * access the processor cannot predict, so the window is read in a
 * pipeline: a plain word is folded, hashed and its cache slot prefetched
 * TERM_AHEAD tokens before the probe.
 */
#include "lexer.h"

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
	NaDoc	   *doc;			/* na_lexer_terms' document, reused */
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

static bool
is_apostrophe_at(const char *s, size_t i, size_t end, size_t *alen)
{
	if (i < end && s[i] == '\'')
	{
		*alen = 1;
		return true;
	}
	/* U+2019 RIGHT SINGLE QUOTATION MARK */
	if (i + 2 < end && (unsigned char) s[i] == 0xE2 && (unsigned char) s[i + 1] == 0x80 &&
		(unsigned char) s[i + 2] == 0x99)
	{
		*alen = 3;
		return true;
	}
	return false;
}

/* na_ner_normalize: see gazetteer.h. */
NaStatus
na_ner_normalize(const char *text, const NaToken *tok, NaBuf *out,
				 NaBuf *scratch, uint8_t *trim_bytes, uint8_t *trim_chars)
{
	const char *s = text + tok->start;
	size_t		n = tok->len;
	NaStatus	st;

	*trim_bytes = 0;
	*trim_chars = 0;
	/* a trailing possessive: 's or ’s after at least two characters */
	if (tok->kind == NA_TOK_WORD && (tok->flags & NA_TF_APOSTROPHE) && n >= 4 &&
		(s[n - 1] == 's' || s[n - 1] == 'S'))
	{
		size_t		alen;

		if (is_apostrophe_at(s, n - 2, n, &alen) && alen == 1)
		{
			*trim_bytes = 2;
			*trim_chars = 2;
		}
		else if (n >= 5 && is_apostrophe_at(s, n - 4, n, &alen) && alen == 3)
		{
			*trim_bytes = 4;
			*trim_chars = 2;
		}
	}
	if (!(tok->flags & NA_TF_SLOW))
	{
		size_t		m = n - *trim_bytes;
		char	   *d;

		if ((st = na_buf_reserve(out, m)) != NA_OK)
			return st;
		d = out->data + out->len;
		for (size_t i = 0; i < m; i++)
		{
			char		c = s[i];

			d[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
		}
		out->len += m;
		return NA_OK;
	}
	scratch->len = 0;
	if ((st = na_normalize_token(text, tok, scratch)) != NA_OK)
		return st;
	/* na_normalize_token removes the possessive of words itself */
	return na_buf_append(out, scratch->data, scratch->len);
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
	na_doc_destroy(lx->doc);
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
			if (hi == h && slot->key_len == n && na_same_bytes(slot->key, w, n))
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
 * Prefetching.  The cache probe is a memory access the CPU cannot predict,
 * so the tokens of a window are read in a pipeline: a plain word is folded
 * and hashed and its cache lines are prefetched TERM_AHEAD tokens before it
 * is resolved, by when the lines have arrived.
 */
#define TERM_AHEAD	32			/* a power of two */

typedef struct PlainWord
{
	uint32_t	h;				/* hash of w; 0: not a plain word */
	char		w[CACHE_KEY_MAX];
} PlainWord;

/* prepare: fold and hash token t into p when it is a plain word, and
 * prefetch its cache slot */
static inline void
prepare(const NaLexer *lx, const char *text, const NaToken *t, PlainWord *p)
{
	const uint8_t *s;
	uint32_t	h = NA_FNV_INIT;
	uint32_t	i;

	p->h = 0;
	if (!lx->stemmer || t->kind != NA_TOK_WORD || t->len > CACHE_KEY_MAX ||
		(t->flags & (NA_TF_SLOW | NA_TF_APOSTROPHE)))
		return;
	s = (const uint8_t *) text + t->start;
	for (size_t j = 0; j < t->len; j++)
	{
		p->w[j] = (char) (s[j] | ((na_ascii_bits[s[j]] & NA_AB_UPPER) ? 0x20 : 0));
		h = na_fnv_byte(h, (uint8_t) p->w[j]);
	}
	p->h = h | 1;
	i = p->h & (CACHE_SLOTS - 1);
	__builtin_prefetch(&lx->hashes[i]);
	__builtin_prefetch(&lx->slots[i]);
}

/*
 * lexer_window: the terms of doc's window to fn; *stopped when fn said so.
 * With all, tokens of a kind that gives terms but giving none reach fn too
 * (term NULL, len 0).
 */
static NaStatus
lexer_window(NaLexer *lx, const NaDoc *doc, NaTermFn fn, void *arg, bool all, bool *stopped)
{
	const NaToken *toks = na_doc_tokens(doc);
	size_t		n = na_doc_ntokens(doc);
	const char *text = na_doc_text(doc, NULL);
	PlainWord	ring[TERM_AHEAD];

	for (size_t k = 0; k < n && k < TERM_AHEAD; k++)
		prepare(lx, text, &toks[k], &ring[k]);
	for (size_t k = 0; k < n; k++)
	{
		const NaToken *t = &toks[k];
		PlainWord  *p = &ring[k & (TERM_AHEAD - 1)];
		const char *term;
		size_t		len = 0;
		NaStatus	st = NA_OK;

		if (p->h)
			st = lookup_word(lx, p->w, t->len, p->h, &term, &len);
		else if (t->kind != NA_TOK_PUNCT && t->kind != NA_TOK_SYMBOL)
			st = token_term(lx, text, t, &term, &len);
		if (st != NA_OK)
			return st;
		if ((len > 0 || (all && t->kind != NA_TOK_PUNCT && t->kind != NA_TOK_SYMBOL)) &&
			!fn(len > 0 ? term : NULL, len, t, arg))
		{
			*stopped = true;
			return NA_OK;
		}
		if (k + TERM_AHEAD < n)
			prepare(lx, text, &toks[k + TERM_AHEAD], p);
	}
	return NA_OK;
}

/* na_lexer_doc_terms: see lexer.h. */
NaStatus
na_lexer_doc_terms(NaLexer *lx, const NaDoc *doc, NaTermFn fn, void *arg)
{
	bool		stopped = false;

	return lexer_window(lx, doc, fn, arg, false, &stopped);
}

/* lexer_text: na_lexer_terms, and with all na_lexer_slots */
static NaStatus
lexer_text(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg, bool all,
		   const NaYield *yield, size_t *err_offset)
{
	NaStatus	st;
	bool		stopped = false;

	/* the lexer's own document: its arrays are reused from call to call */
	st = lx->doc ? na_doc_reset(lx->doc, text, len, yield)
		: na_doc_create(text, len, NA_DOC_TOKENS, &lx->alloc, yield, &lx->doc);
	while (st == NA_OK && !stopped && (st = na_doc_next(lx->doc)) == NA_OK &&
		   na_doc_ntokens(lx->doc) > 0)
		st = lexer_window(lx, lx->doc, fn, arg, all, &stopped);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(lx->doc);
	return st;
}

/* na_lexer_terms: see lexer.h. */
NaStatus
na_lexer_terms(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	return lexer_text(lx, text, len, fn, arg, false, yield, err_offset);
}

/* na_lexer_slots: see lexer.h. */
NaStatus
na_lexer_slots(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	return lexer_text(lx, text, len, fn, arg, true, yield, err_offset);
}
