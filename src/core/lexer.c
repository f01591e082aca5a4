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
 * of 128K cache-line slots (8 MB), each holding the word's hash, a word of
 * up to 24 bytes and its stem inline, enough for the vocabulary of a large
 * news archive.  When it is 70% full it is emptied and refilled; memory
 * stays bounded whatever the input.
 *
 * The terms of a text are those of the tokens of an analysed document
 * (na_lexer_doc_terms reads a window; na_lexer_terms keeps a token-only
 * document of its own for the next call).  A cache probe is a memory
 * access the processor cannot predict, so the window is read in a
 * pipeline: a plain word is folded, hashed and its cache slot prefetched
 * TERM_AHEAD tokens before the probe, which then reads that one line.  The
 * hash, word and stem used to be two lines in two arrays: twice the lines
 * and pages per word, and those misses were a good part of news.tokenize's
 * time.  Two alternatives measured slower (test/bench/tokenize_core.c): a
 * direct-mapped front cache of common words (256 KB), since each of its
 * misses is a probe of the large table that nothing prefetched; and a small
 * table of stopwords checked before the probe, since a branch on "is it a
 * stopword" mispredicts about as often as it saves a probe.
 *
 * A slot also keeps a mark for na_lexer_slots (news.tsvector): a number the
 * caller stores for the word during one call (its term's place in the
 * document's set of distinct terms), stamped with the call's generation, so
 * that a later occurrence of the word in the same text hands it back from
 * the line the probe has just read: the set then adds the position without
 * hashing or looking the term up.  A slot refilled, or the cache emptied,
 * forgets its mark; a word the cache does not hold has none.
 *
 * A second, smaller cache maps a normalized word and its kind to the
 * news.term_id of its term (na_lexer_term_id), for the analyses that look
 * words up one at a time by their document hash: one probe of a 32-byte
 * slot instead of a fold, two hashes and a probe of the term cache.  It is
 * made on first use (4 MB, the vocabulary of Reuters-21578 and BBC News
 * together), and emptied when 70% full, like the term cache.
 */
#include "lexer.h"

#include <stdio.h>
#include <string.h>
#include <libstemmer.h>

#include "termvec.h"
#include "unicode.h"

#define CACHE_SLOTS		131072	/* power of two: 8 MB of 64-byte slots */
#define CACHE_MAX_USED	(CACHE_SLOTS / 10 * 7)
#define CACHE_KEY_MAX	24		/* longer words are not cached */
#define CACHE_VAL_MAX	30		/* longer terms are not cached */
#define STOP_MARK		0xFF	/* val_len of a stopword */
#define KEY_PAD			32		/* a word's zero-padded buffer, a multiple of 8 */

#define ID_SLOTS		131072	/* power of two: 4 MB of 32-byte slots */
#define ID_MAX_USED		(ID_SLOTS / 10 * 7)
#define ID_KEY_MAX		20		/* longer words are not cached */

/*
 * A slot of the term cache is one cache line: the hash of its word (0:
 * empty slot), the mark na_lexer_slots keeps for the word in the current
 * call, and the word and its term inline, so that a probe that finds its
 * word reads one line (one line to prefetch, one page to map).  The mark
 * holds the call's generation in the upper 16 bits, the caller's memo
 * (lexer.h) in the lower; a mark of another generation reads as memo 0.
 */
typedef struct CacheSlot
{
	uint32_t	hash;
	uint32_t	mark;
	uint8_t		key_len;
	uint8_t		val_len;
	char		key[CACHE_KEY_MAX]; /* zero-padded: compared 8 bytes at a time */
	char		val[CACHE_VAL_MAX];
} CacheSlot;

_Static_assert(sizeof(CacheSlot) == 64, "a term cache slot is one cache line");
_Static_assert(CACHE_KEY_MAX % 8 == 0 && CACHE_KEY_MAX <= KEY_PAD,
			   "cached words are compared 8 bytes at a time");

#define NO_SLOT		UINT32_MAX	/* lookup_word: the word is not cached */

/* A word of the term id cache: len 0 marks an empty slot. */
typedef struct IdSlot
{
	uint32_t	hash;
	uint32_t	id;
	uint8_t		len;
	uint8_t		kind;
	uint8_t		has;
	char		key[ID_KEY_MAX + 1];
} IdSlot;

struct NaLexer
{
	NaAllocator alloc;
	char		config[32];
	struct sb_stemmer *stemmer;	/* NULL: no stemming */
	bool		stopwords;
	NaBuf		norm;			/* normalized form of the current token */
	void	   *slots_mem;		/* allocation behind slots */
	CacheSlot  *slots;			/* cache-line aligned */
	uint32_t	used;
	uint32_t	gen;			/* of the current na_lexer_slots call, 1 to 0xFFFF */
	NaDoc	   *doc;			/* na_lexer_terms' document, reused */
	IdSlot	   *ids;			/* the term id cache, NULL until used */
	uint32_t	nids;
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

		if (out->cap - out->len < m && (st = na_buf_reserve(out, m)) != NA_OK)
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
		lx->slots_mem = na_alloc(&lx->alloc, sizeof(CacheSlot) * CACHE_SLOTS + 64);
		if (!lx->slots_mem)
		{
			na_lexer_destroy(lx);
			return NA_ERR_NOMEM;
		}
		lx->slots = (CacheSlot *) (((uintptr_t) lx->slots_mem + 63) & ~(uintptr_t) 63);
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
	na_doc_destroy(lx->doc);
	na_release(&lx->alloc, lx->slots_mem);
	na_release(&lx->alloc, lx->ids);
	na_release(&lx->alloc, lx);
}

/* na_lexer_config: the configuration name the lexer was made for. */
const char *
na_lexer_config(const NaLexer *lx)
{
	return lx->config;
}

/*
 * Word hashing.  A cached word is hashed and compared 8 bytes at a time:
 * word_chunk reads bytes [k, k + 8) of a word of n bytes as a 64-bit value
 * in memory order (zero past n), word_hash_add mixes one such chunk into
 * the hash.  The plain-word path of the pipeline (prepare) makes the same
 * chunks from the text with whole loads and folds them in one step, so a
 * word hashes the same whichever path reached it.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_LOADS	1			/* a chunk is one unaligned load */
#else
#define WORD_LOADS	0
#endif

static inline uint64_t
word_chunk(const char *w, size_t n, size_t k)
{
	uint64_t	v = 0;

	for (size_t j = 0; j < 8 && k + j < n; j++)
		v |= (uint64_t) (uint8_t) w[k + j] << (8 * j);
	return v;
}

static inline uint64_t
word_hash_add(uint64_t h, uint64_t chunk)
{
	return (h ^ chunk) * UINT64_C(0xFF51AFD7ED558CCD);
}

/* word_hash_end: the cache hash of a word of n bytes from its running h */
static inline uint32_t
word_hash_end(uint64_t h)
{
	return (uint32_t) (h >> 32) | 1;
}

#define WORD_HASH_INIT(n)	((uint64_t) (n) * UINT64_C(0x9E3779B97F4A7C15))

/* word_hash: the cache hash of word w (n bytes, any path) */
static inline uint32_t
word_hash(const char *w, size_t n)
{
	uint64_t	h = WORD_HASH_INIT(n);

	for (size_t k = 0; k < n; k += 8)
		h = word_hash_add(h, word_chunk(w, n, k));
	return word_hash_end(h);
}

/*
 * fold_ascii: ASCII upper-case letters of the 8 bytes in x to lower case,
 * every other byte unchanged (the plain word path's
 * na_ascii_bits[b] & NA_AB_UPPER fold, 8 bytes at a time).
 */
static inline uint64_t
fold_ascii(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t	low7 = x & (0x7F * ones);
	uint64_t	ge_a = low7 + (0x80 - 'A') * ones;	/* bit 7: low7 >= 'A' */
	uint64_t	gt_z = low7 + (0x80 - 'Z' - 1) * ones;	/* bit 7: low7 > 'Z' */

	return x | ((ge_a & ~gt_z & ~x & (0x80 * ones)) >> 2);
}

/* same_key: does the zero-padded slot key equal the zero-padded word w
 * (n bytes, 1 to CACHE_KEY_MAX)? */
static inline bool
same_key(const char *key, const char *w, size_t n)
{
	for (size_t k = 0; k < n; k += 8)
	{
		uint64_t	a,
					b;

		memcpy(&a, key + k, 8);
		memcpy(&b, w + k, 8);
		if (a != b)
			return false;
	}
	return true;
}

/*
 * probe_word: the cache slot of normalized word w (n bytes, 1 to
 * CACHE_KEY_MAX, zero-padded to a multiple of 8 bytes; hash h from
 * word_hash): *hit and the slot that holds it, or !*hit and the empty slot
 * where it would go.
 */
static inline uint32_t
probe_word(const NaLexer *lx, const char *w, size_t n, uint32_t h, bool *hit)
{
	for (uint32_t i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1))
	{
		const CacheSlot *slot = &lx->slots[i];

		*hit = slot->hash != 0;
		if (!*hit)
			return i;
		if (slot->hash == h && slot->key_len == n && same_key(slot->key, w, n))
			return i;
	}
}

/*
 * cached_word: the cache slot of w as probe_word finds it, NO_SLOT when
 * the cache does not hold it: lookup_word's hit path, for the pipeline to
 * inline.
 */
static inline uint32_t
cached_word(const NaLexer *lx, const char *w, size_t n, uint32_t h)
{
	bool		hit;
	uint32_t	i = probe_word(lx, w, n, h, &hit);

	return hit ? i : NO_SLOT;
}

/*
 * lookup_word: the term for normalized word w (n bytes, hash h from
 * word_hash; padded: w is zero-padded to a multiple of 8 bytes), *len = 0 for a
 * stopword.
 * *term points into the cache or the stemmer, valid until the next call.
 * *at gets the cache slot that holds the word, NO_SLOT when none does.
 */
static NaStatus
lookup_word(NaLexer *lx, const char *w, size_t n, uint32_t h, bool padded,
			const char **term, size_t *len, uint32_t *at)
{
	uint32_t	i = 0;
	bool		hit;
	CacheSlot  *slot = NULL;
	const sb_symbol *stem;
	int			stem_len;
	char		copy[KEY_PAD];

	*at = NO_SLOT;
	if (n <= CACHE_KEY_MAX)
	{
		if (!padded)
		{
			/* not the pipeline's zero-padded word: pad a copy */
			memset(copy, 0, sizeof(copy));
			memcpy(copy, w, n);
			w = copy;
		}
		i = probe_word(lx, w, n, h, &hit);
		if (hit)
		{
			slot = &lx->slots[i];
			*term = slot->val;
			*len = slot->val_len == STOP_MARK ? 0 : slot->val_len;
			*at = i;
			return NA_OK;
		}
		if (lx->used >= CACHE_MAX_USED)
		{
			/* full: start again (common words come back at once) */
			memset(lx->slots, 0, sizeof(CacheSlot) * CACHE_SLOTS);
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
	if (slot && stem_len <= CACHE_VAL_MAX)
	{
		slot->hash = h;
		slot->mark = 0;
		*at = i;
		slot->key_len = (uint8_t) n;
		memset(slot->key, 0, CACHE_KEY_MAX);
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
 * points into the lexer's buffers, valid until the next call.  *at: the
 * cache slot of its word, as lookup_word gives it.
 */
static NaStatus
token_term(NaLexer *lx, const char *text, const NaToken *tok, const char **term, size_t *len,
		   uint32_t *at)
{
	NaStatus	st;
	uint32_t	h;

	*len = 0;
	*at = NO_SLOT;
	if (tok->kind == NA_TOK_PUNCT || tok->kind == NA_TOK_SYMBOL ||
		tok->len > NA_MAX_TERM_BYTES * 4)
		return NA_OK;
	if (lx->stemmer && tok->kind == NA_TOK_WORD && tok->len <= CACHE_KEY_MAX &&
		!(tok->flags & (NA_TF_SLOW | NA_TF_APOSTROPHE)))
	{
		/* plain ASCII word: fold case */
		char		w[KEY_PAD];
		const uint8_t *p = (const uint8_t *) text + tok->start;

		memset(w, 0, sizeof(w));
		for (size_t i = 0; i < tok->len; i++)
			w[i] = (char) (p[i] | ((na_ascii_bits[p[i]] & NA_AB_UPPER) ? 0x20 : 0));
		return lookup_word(lx, w, tok->len, word_hash(w, tok->len), true, term, len, at);
	}
	if ((st = na_normalize_token(text, tok, &lx->norm)) != NA_OK)
		return st;
	if (lx->norm.len == 0 || lx->norm.len > NA_MAX_TERM_BYTES)
		return NA_OK;
	if (lx->stemmer && (tok->kind == NA_TOK_WORD || tok->kind == NA_TOK_HASHTAG))
	{
		h = word_hash(lx->norm.data, lx->norm.len);
		return lookup_word(lx, lx->norm.data, lx->norm.len, h, false, term, len, at);
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
	uint32_t	at;

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
	return token_term(lx, s, &tok, term, tlen, &at);
}

/* na_lexer_term_id: see lexer.h. */
NaStatus
na_lexer_term_id(NaLexer *lx, const char *w, size_t n, uint32_t hash, NaTokenKind kind,
				 uint32_t *id, bool *has)
{
	IdSlot	   *slot = NULL;
	const char *term;
	size_t		tlen;
	NaStatus	st;

	if (n >= 1 && n <= ID_KEY_MAX)
	{
		uint32_t	i;

		if (!lx->ids)
		{
			lx->ids = na_alloc(&lx->alloc, ID_SLOTS * sizeof(IdSlot));
			if (!lx->ids)
				return NA_ERR_NOMEM;
			memset(lx->ids, 0, ID_SLOTS * sizeof(IdSlot));
		}
		for (i = hash & (ID_SLOTS - 1); lx->ids[i].len; i = (i + 1) & (ID_SLOTS - 1))
		{
			const IdSlot *s = &lx->ids[i];

			if (s->hash == hash && s->len == n && s->kind == kind && na_same_bytes(s->key, w, n))
			{
				*id = s->id;
				*has = s->has;
				return NA_OK;
			}
		}
		if (lx->nids >= ID_MAX_USED)
		{
			memset(lx->ids, 0, ID_SLOTS * sizeof(IdSlot));
			lx->nids = 0;
			i = hash & (ID_SLOTS - 1);
		}
		slot = &lx->ids[i];
	}
	if ((st = na_lexer_term(lx, w, n, kind, &term, &tlen)) != NA_OK)
		return st;
	*has = tlen > 0;
	*id = tlen > 0 ? na_term_id(term, tlen) : 0;
	if (slot)
	{
		slot->hash = hash;
		slot->id = *id;
		slot->len = (uint8_t) n;
		slot->kind = (uint8_t) kind;
		slot->has = *has;
		memcpy(slot->key, w, n);
		lx->nids++;
	}
	return NA_OK;
}

/* na_lexer_prefetch_id: see lexer.h. */
void
na_lexer_prefetch_id(const NaLexer *lx, uint32_t hash)
{
	if (lx->ids)
		__builtin_prefetch(&lx->ids[hash & (ID_SLOTS - 1)]);
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
	uint32_t	h;				/* word_hash of w; 0: not a plain word */
	char		w[CACHE_KEY_MAX];	/* zero-padded to a multiple of 8 bytes
									 * (what same_key reads) */
} PlainWord;

/*
 * prepare: fold and hash token t of text (tlen bytes) into p when it is a
 * plain word, and prefetch its cache slot.  The word is read 8 bytes at a
 * time when the text has them, and folded 8 bytes at a time.
 */
static inline void
prepare(const NaLexer *lx, const char *text, size_t tlen, const NaToken *t, PlainWord *p)
{
	const char *s;
	size_t		n = t->len;
	uint64_t	h = WORD_HASH_INIT(n);
	uint32_t	i;

	p->h = 0;
	if (!lx->stemmer || t->kind != NA_TOK_WORD || n > CACHE_KEY_MAX ||
		(t->flags & (NA_TF_SLOW | NA_TF_APOSTROPHE)))
		return;
	s = text + t->start;
	for (size_t k = 0; k < n; k += 8)
	{
		uint64_t	c;

		if (WORD_LOADS && t->start + k + 8 <= tlen)
		{
			memcpy(&c, s + k, 8);
			if (n - k < 8)
				c &= (UINT64_C(1) << (8 * (n - k))) - 1;
		}
		else
			c = word_chunk(s, n, k);
		c = fold_ascii(c);
		h = word_hash_add(h, c);
		if (WORD_LOADS)
			memcpy(p->w + k, &c, 8);
		else
			for (size_t j = 0; j < 8; j++)
				p->w[k + j] = (char) (c >> (8 * j));
	}
	p->h = word_hash_end(h);
	i = p->h & (CACHE_SLOTS - 1);
	__builtin_prefetch(&lx->slots[i]);	/* its word, term and mark */
}

/*
 * lexer_window: the terms of doc's window to fn, or with sfn (then fn is
 * NULL) to sfn with their memos, and the tokens of a kind that gives terms
 * but giving none too (term NULL, len 0); *stopped when the callback said
 * so.
 */
static NaStatus
lexer_window(NaLexer *lx, const NaDoc *doc, NaTermFn fn, NaSlotFn sfn, void *arg, bool *stopped)
{
	const NaToken *toks = na_doc_tokens(doc);
	size_t		n = na_doc_ntokens(doc);
	size_t		tlen;
	const char *text = na_doc_text(doc, &tlen);
	PlainWord	ring[TERM_AHEAD];

	for (size_t k = 0; k < n && k < TERM_AHEAD; k++)
		prepare(lx, text, tlen, &toks[k], &ring[k]);
	for (size_t k = 0; k < n; k++)
	{
		const NaToken *t = &toks[k];
		PlainWord  *p = &ring[k & (TERM_AHEAD - 1)];
		const char *term;
		size_t		len = 0;
		uint32_t	at = NO_SLOT;
		NaStatus	st = NA_OK;
		bool		more = true;

		if (p->h && (at = cached_word(lx, p->w, t->len, p->h)) != NO_SLOT)
		{
			/* the common case: a plain word the cache holds */
			const CacheSlot *slot = &lx->slots[at];

			term = slot->val;
			len = slot->val_len == STOP_MARK ? 0 : slot->val_len;
		}
		else if (p->h)
			st = lookup_word(lx, p->w, t->len, p->h, true, &term, &len, &at);
		else if (t->kind != NA_TOK_PUNCT && t->kind != NA_TOK_SYMBOL)
			st = token_term(lx, text, t, &term, &len, &at);
		if (st != NA_OK)
			return st;
		if (sfn && len > 0 && at != NO_SLOT)
		{
			/* the word's memo of this call, 0 if the mark is older */
			CacheSlot  *hs = &lx->slots[at];
			uint32_t	memo = (hs->mark >> 16) == lx->gen ? hs->mark & 0xFFFF : 0,
						was = memo;

			more = sfn(term, len, t, &memo, arg);
			if (memo != was && memo <= NA_MEMO_MAX)
				hs->mark = (lx->gen << 16) | memo;
		}
		else if (len > 0 || (sfn && t->kind != NA_TOK_PUNCT && t->kind != NA_TOK_SYMBOL))
			more = sfn ? sfn(len > 0 ? term : NULL, len, t, NULL, arg)
				: fn(len > 0 ? term : NULL, len, t, arg);
		if (!more)
		{
			*stopped = true;
			return NA_OK;
		}
		if (k + TERM_AHEAD < n)
			prepare(lx, text, tlen, &toks[k + TERM_AHEAD], p);
	}
	return NA_OK;
}

/* na_lexer_doc_terms: see lexer.h. */
NaStatus
na_lexer_doc_terms(NaLexer *lx, const NaDoc *doc, NaTermFn fn, void *arg)
{
	bool		stopped = false;

	return lexer_window(lx, doc, fn, NULL, arg, &stopped);
}

/* lexer_text: na_lexer_terms, and with sfn na_lexer_slots */
static NaStatus
lexer_text(NaLexer *lx, const char *text, size_t len, NaTermFn fn, NaSlotFn sfn, void *arg,
		   const NaYield *yield, size_t *err_offset)
{
	NaStatus	st;
	bool		stopped = false;

	if (sfn && lx->slots && ++lx->gen > 0xFFFF)
	{
		/* a new generation for the marks; at the wrap, forget every mark */
		for (uint32_t i = 0; i < CACHE_SLOTS; i++)
			lx->slots[i].mark = 0;
		lx->gen = 1;
	}
	/* the lexer's own document: its arrays are reused from call to call */
	st = lx->doc ? na_doc_reset(lx->doc, text, len, yield)
		: na_doc_create(text, len, NA_DOC_TOKENS, &lx->alloc, yield, &lx->doc);
	while (st == NA_OK && !stopped && (st = na_doc_next(lx->doc)) == NA_OK &&
		   na_doc_ntokens(lx->doc) > 0)
		st = lexer_window(lx, lx->doc, fn, sfn, arg, &stopped);
	if (st == NA_ERR_INVALID_UTF8 && err_offset)
		*err_offset = na_doc_error_offset(lx->doc);
	return st;
}

/* na_lexer_terms: see lexer.h. */
NaStatus
na_lexer_terms(NaLexer *lx, const char *text, size_t len, NaTermFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	return lexer_text(lx, text, len, fn, NULL, arg, yield, err_offset);
}

/* na_lexer_slots: see lexer.h. */
NaStatus
na_lexer_slots(NaLexer *lx, const char *text, size_t len, NaSlotFn fn, void *arg,
			   const NaYield *yield, size_t *err_offset)
{
	return lexer_text(lx, text, len, NULL, fn, arg, yield, err_offset);
}
