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
 * of 64K slots with keys and values in one arena.  When either fills, the
 * cache is emptied and refilled; memory stays bounded whatever the input.
 */
#include "tokenizer.h"

#include <stdio.h>
#include <string.h>
#include <libstemmer.h>

#include "unicode.h"

#define CACHE_SLOTS		65536	/* power of two */
#define CACHE_MAX_USED	(CACHE_SLOTS / 10 * 7)
#define CACHE_ARENA_MAX	(4 * 1024 * 1024)
#define STOP_MARK		0xFFFF	/* val_len of a stopword */

typedef struct CacheSlot
{
	uint64_t	hash;			/* 0 = empty */
	uint32_t	key_off;
	uint32_t	val_off;
	uint16_t	key_len;
	uint16_t	val_len;
} CacheSlot;

struct NaLexer
{
	NaAllocator alloc;
	char		config[32];
	struct sb_stemmer *stemmer;	/* NULL: no stemming */
	bool		stopwords;
	NaBuf		norm;			/* normalized form of the current token */
	CacheSlot  *slots;
	uint32_t	used;
	NaBuf		arena;
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
	if ((st = na_buf_reserve(out, n + 4)) != NA_OK)
		return st;
	if (tok->kind == NA_TOK_HASHTAG)
		i = 1;

	if (!(tok->flags & NA_TF_SLOW))
	{
		d = out->data;
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
	na_buf_init(&lx->arena, &lx->alloc);
	if (stemmer)
	{
		lx->slots = na_alloc(&lx->alloc, sizeof(CacheSlot) * CACHE_SLOTS);
		if (!lx->slots || na_buf_reserve(&lx->arena, 65536) != NA_OK)
		{
			na_lexer_destroy(lx);
			return NA_ERR_NOMEM;
		}
		memset(lx->slots, 0, sizeof(CacheSlot) * CACHE_SLOTS);
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
	na_buf_free(&lx->arena);
	na_release(&lx->alloc, lx->slots);
	na_release(&lx->alloc, lx);
}

/* na_lexer_config: the configuration name the lexer was made for. */
const char *
na_lexer_config(const NaLexer *lx)
{
	return lx->config;
}

static void
cache_clear(NaLexer *lx)
{
	memset(lx->slots, 0, sizeof(CacheSlot) * CACHE_SLOTS);
	lx->used = 0;
	lx->arena.len = 0;
}

/*
 * lookup_word: the term for normalized word w (stopword: *len = 0).
 * Returns a pointer into the cache arena, valid until the next call.
 */
static NaStatus
lookup_word(NaLexer *lx, const char *w, size_t n, const char **term, size_t *len)
{
	uint64_t	h = na_hash64(w, n, 0x6e657773) | 1;
	uint32_t	i = (uint32_t) h & (CACHE_SLOTS - 1);
	CacheSlot  *slot;
	const sb_symbol *stem;
	int			stem_len;
	NaStatus	st;

	for (;;)
	{
		slot = &lx->slots[i];
		if (slot->hash == 0)
			break;
		if (slot->hash == h && slot->key_len == n &&
			memcmp(lx->arena.data + slot->key_off, w, n) == 0)
		{
			if (slot->val_len == STOP_MARK)
			{
				*len = 0;
				return NA_OK;
			}
			*term = lx->arena.data + slot->val_off;
			*len = slot->val_len;
			return NA_OK;
		}
		i = (i + 1) & (CACHE_SLOTS - 1);
	}

	/* miss: compute, then insert */
	if (lx->stopwords && na_is_stopword(w, n))
		stem = NULL, stem_len = 0;
	else
	{
		stem = sb_stemmer_stem(lx->stemmer, (const sb_symbol *) w, (int) n);
		if (!stem)
			return NA_ERR_NOMEM;
		stem_len = sb_stemmer_length(lx->stemmer);
	}
	if (lx->used >= CACHE_MAX_USED || lx->arena.len + n + (size_t) stem_len > CACHE_ARENA_MAX)
	{
		cache_clear(lx);
		i = (uint32_t) h & (CACHE_SLOTS - 1);
		slot = &lx->slots[i];
	}
	slot->hash = h;
	slot->key_off = (uint32_t) lx->arena.len;
	slot->key_len = (uint16_t) n;
	if ((st = na_buf_append(&lx->arena, w, n)) != NA_OK)
		return st;
	if (!stem)
		slot->val_len = STOP_MARK;
	else
	{
		slot->val_off = (uint32_t) lx->arena.len;
		slot->val_len = (uint16_t) stem_len;
		if ((st = na_buf_append(&lx->arena, stem, (size_t) stem_len)) != NA_OK)
			return st;
	}
	lx->used++;
	if (!stem)
	{
		*len = 0;
		return NA_OK;
	}
	*term = lx->arena.data + slot->val_off;
	*len = (size_t) stem_len;
	return NA_OK;
}

typedef struct TermsState
{
	NaLexer    *lx;
	const char *text;
	NaTermFn	fn;
	void	   *arg;
	NaStatus	status;
	bool		stopped;
} TermsState;

static bool
terms_token(const NaToken *tok, void *arg)
{
	TermsState *ts = (TermsState *) arg;
	NaLexer    *lx = ts->lx;
	const char *term;
	size_t		len;

	if (tok->kind == NA_TOK_PUNCT || tok->kind == NA_TOK_SYMBOL ||
		tok->len > NA_MAX_TERM_BYTES * 4)
		return true;
	if ((ts->status = na_normalize_token(ts->text, tok, &lx->norm)) != NA_OK)
		return false;
	term = lx->norm.data;
	len = lx->norm.len;
	if (len == 0 || len > NA_MAX_TERM_BYTES)
		return true;
	if (lx->stemmer && (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_HASHTAG))
	{
		if ((ts->status = lookup_word(lx, lx->norm.data, lx->norm.len, &term, &len)) != NA_OK)
			return false;
		if (len == 0)
			return true;
	}
	if (!ts->fn(term, len, tok, ts->arg))
	{
		ts->stopped = true;
		return false;
	}
	return true;
}

/* na_lexer_terms: see tokenizer.h. */
NaStatus
na_lexer_terms(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	TermsState	ts = {lx, text, fn, arg, NA_OK, false};
	NaStatus	st;

	st = na_scan(text, len, terms_token, &ts, yield, err_offset);
	if (st != NA_OK)
		return st;
	return ts.status;
}
