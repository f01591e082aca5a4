/*
 * termvec.c
 *		Sparse term vectors and corpus statistics: ids, text forms, vector
 *		math, TF-IDF, BM25 and the corpus accumulator.  See termvec.h for
 *		the formulas.
 *
 * Every vector is kept sorted by id, so that products and merges are a
 * single linear pass over both operands.  The accumulator is an open
 * addressing hash table (linear probing, load at most 1/2) keyed by id, with
 * a zero df marking an empty slot; it is only sorted when written out.
 */
#include "termvec.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * na_term_id: FNV-1a over the bytes followed by a 32-bit avalanche step,
 * so that ids of similar terms spread over the whole range.
 */
uint32_t
na_term_id(const char *term, size_t len)
{
	uint32_t	h = na_fnv_add(NA_FNV_INIT, term, len);

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/*
 * na_tv_sort_ids: least-significant-digit radix sort, four passes of eight
 * bits (a pass whose byte is the same for every id is skipped), then count
 * the distinct ids.
 */
NaStatus
na_tv_sort_ids(uint32_t *ids, size_t n, const NaAllocator *alloc,
			   const NaYield *yield, uint32_t *distinct)
{
	uint32_t   *tmp;
	uint32_t   *src = ids;
	uint32_t   *dst;
	size_t		count[256];
	size_t		i;
	int			shift;
	uint32_t	d = 0;

	*distinct = 0;
	if (n == 0)
		return NA_OK;
	if (n < 64)
		qsort(ids, n, sizeof(uint32_t), na_cmp_u32);
	else
	{
		tmp = na_alloc(alloc, n * sizeof(uint32_t));
		if (!tmp)
			return NA_ERR_NOMEM;
		dst = tmp;
		for (shift = 0; shift < 32; shift += 8)
		{
			size_t		sum = 0;

			memset(count, 0, sizeof(count));
			for (i = 0; i < n; i++)
				count[(src[i] >> shift) & 0xff]++;
			if (count[(src[0] >> shift) & 0xff] == n)
				continue;		/* every id has this byte */
			for (i = 0; i < 256; i++)
			{
				size_t		c = count[i];

				count[i] = sum;
				sum += c;
			}
			for (i = 0; i < n; i++)
			{
				dst[count[(src[i] >> shift) & 0xff]++] = src[i];
				if ((i + 1) % NA_YIELD_EVERY == 0)
					na_yield(yield);
			}
			{
				uint32_t   *t = src;

				src = dst;
				dst = t;
			}
		}
		if (src != ids)
			memcpy(ids, src, n * sizeof(uint32_t));
		na_release(alloc, tmp);
	}
	for (i = 0; i < n; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			d++;
	*distinct = d;
	return NA_OK;
}

/*
 * na_tv_fill_counts: run-length encode the sorted ids.  Runs are counted
 * as integers (a float stops counting at 2^24).
 */
void
na_tv_fill_counts(const uint32_t *ids, size_t n, uint32_t *out_ids,
				  float *out_vals)
{
	size_t		i = 0;
	size_t		k = 0;

	while (i < n)
	{
		size_t		j = i + 1;

		while (j < n && ids[j] == ids[i])
			j++;
		out_ids[k] = ids[i];
		out_vals[k] = (float) (j - i);
		k++;
		i = j;
	}
}

/* na_tvbuf_free releases the arrays of an owned term vector. */
void
na_tvbuf_free(NaTermVecBuf *buf)
{
	if (buf->alloc)
	{
		na_release(buf->alloc, buf->ids);
		na_release(buf->alloc, buf->vals);
	}
	buf->ids = NULL;
	buf->vals = NULL;
	buf->nnz = 0;
}

/* na_corpusbuf_free releases the arrays of an owned corpus. */
void
na_corpusbuf_free(NaCorpusBuf *buf)
{
	if (buf->alloc)
	{
		na_release(buf->alloc, buf->ids);
		na_release(buf->alloc, buf->dfs);
	}
	buf->ids = NULL;
	buf->dfs = NULL;
	buf->nterms = 0;
}

/*
 * Parsing.  A small cursor over s[0..len) with helpers for white space,
 * single characters and numbers; errors are written to errbuf.
 */
typedef struct Cursor
{
	const char *s;
	size_t		len;
	size_t		pos;
	char	   *errbuf;
	size_t		errlen;
	const NaYield *yield;
} Cursor;

#if defined(__GNUC__)
static NaStatus cursor_error(Cursor *c, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
#endif

static NaStatus
cursor_error(Cursor *c, const char *fmt,...)
{
	va_list		ap;

	if (c->errbuf && c->errlen)
	{
		va_start(ap, fmt);
		vsnprintf(c->errbuf, c->errlen, fmt, ap);
		va_end(ap);
	}
	return NA_ERR_BAD_LITERAL;
}

/* range_error: what "tok" is out of range (NA_ERR_OUT_OF_RANGE). */
static NaStatus
range_error(Cursor *c, const char *what, const char *tok)
{
	(void) cursor_error(c, "%s \"%s\" is out of range", what, tok);
	return NA_ERR_OUT_OF_RANGE;
}

static void
skip_space(Cursor *c)
{
	while (c->pos < c->len &&
		   (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
			c->s[c->pos] == '\n' || c->s[c->pos] == '\r'))
		c->pos++;
}

static bool
accept(Cursor *c, char ch)
{
	skip_space(c);
	if (c->pos < c->len && c->s[c->pos] == ch)
	{
		c->pos++;
		return true;
	}
	return false;
}

static bool
accept_word(Cursor *c, const char *word)
{
	size_t		n = strlen(word);

	skip_space(c);
	if (c->len - c->pos >= n && memcmp(c->s + c->pos, word, n) == 0)
	{
		c->pos += n;
		return true;
	}
	return false;
}

/* Copy the next number-like token into tok (NUL-terminated); false if none
 * or too long. */
static bool
number_token(Cursor *c, char *tok, size_t toklen)
{
	size_t		start;
	size_t		n;

	skip_space(c);
	start = c->pos;
	while (c->pos < c->len)
	{
		char		ch = c->s[c->pos];

		if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' ||
			(ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			c->pos++;
		else
			break;
	}
	n = c->pos - start;
	if (n == 0 || n >= toklen)
		return false;
	memcpy(tok, c->s + start, n);
	tok[n] = '\0';
	return true;
}

/* An unsigned decimal integer up to max. */
static NaStatus
parse_uint(Cursor *c, uint64_t max, const char *what, uint64_t *out)
{
	char		tok[64];
	uint64_t	v = 0;
	size_t		i;
	size_t		at = c->pos;

	if (!number_token(c, tok, sizeof(tok)) || tok[0] == '\0')
		return cursor_error(c, "expected %s at position %zu", what, at + 1);
	for (i = 0; tok[i]; i++)
	{
		if (tok[i] < '0' || tok[i] > '9')
			return cursor_error(c, "invalid %s \"%s\"", what, tok);
		if (v > (max - (uint64_t) (tok[i] - '0')) / 10)
			return range_error(c, what, tok);
		v = v * 10 + (uint64_t) (tok[i] - '0');
	}
	*out = v;
	return NA_OK;
}

/*
 * A finite number, read as a float8 or, when single, straight as a float4
 * (as float4in does: no double rounding, so that every float4 printed by
 * na_format_float reads back as itself).  One that overflows, or
 * underflows to zero, is out of range.
 */
static NaStatus
parse_number(Cursor *c, const char *what, bool single, double *out)
{
	char		tok[64];
	char	   *end;
	double		v;
	size_t		at = c->pos;

	if (!number_token(c, tok, sizeof(tok)))
		return cursor_error(c, "expected %s at position %zu", what, at + 1);
	errno = 0;
	v = single ? (double) strtof(tok, &end) : strtod(tok, &end);
	if (end == tok || *end != '\0' || isnan(v))
		return cursor_error(c, "invalid %s \"%s\"", what, tok);
	if (!isfinite(v) || (errno == ERANGE && v == 0.0))
		return range_error(c, what, tok);
	*out = v;
	return NA_OK;
}

typedef struct IdVal
{
	uint32_t	id;
	uint32_t	pos;			/* input order, for the duplicate message */
	union
	{
		double		weight;		/* term vector */
		int64_t		df;			/* corpus: exact, up to INT64_MAX */
	}			v;
} IdVal;

static int
cmp_idval(const void *a, const void *b)
{
	const IdVal *x = a;
	const IdVal *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/*
 * Read "{id:value,...}" into a fresh array of IdVal sorted by id; rejects
 * repeated ids.  is_df selects integer values >= 1 (corpus) instead of
 * finite floats (term vector).
 */
static NaStatus
parse_pairs(Cursor *c, const NaAllocator *alloc, bool is_df, IdVal **out,
			uint32_t *count)
{
	IdVal	   *items = NULL;
	size_t		n = 0;
	size_t		cap = 0;
	NaStatus	st = NA_OK;
	size_t		i;

	*out = NULL;
	*count = 0;
	if (!accept(c, '{'))
		return cursor_error(c, "expected \"{\" at position %zu", c->pos + 1);
	if (!accept(c, '}'))
	{
		for (;;)
		{
			uint64_t	id;
			uint64_t	df = 0;
			double		weight = 0;

			if ((st = parse_uint(c, UINT32_MAX, "term id", &id)) != NA_OK)
				break;
			if (!accept(c, ':'))
			{
				st = cursor_error(c, "expected \":\" after term id %llu",
								  (unsigned long long) id);
				break;
			}
			if (is_df)
			{
				if ((st = parse_uint(c, (uint64_t) INT64_MAX, "document frequency", &df)) != NA_OK)
					break;
				if (df == 0)
				{
					st = cursor_error(c, "document frequency of term %llu must be at least 1",
									  (unsigned long long) id);
					break;
				}
			}
			else
			{
				if ((st = parse_number(c, "weight", true, &weight)) != NA_OK)
					break;
			}
			if (n == cap)
			{
				size_t		ncap = cap ? cap * 2 : 16;
				IdVal	   *grown;

				if (ncap > NA_TV_MAX_NNZ)
					ncap = (size_t) NA_TV_MAX_NNZ + 1;
				if (n >= NA_TV_MAX_NNZ)
				{
					st = NA_ERR_TOO_LARGE;
					break;
				}
				grown = items ? na_resize(alloc, items, ncap * sizeof(IdVal))
					: na_alloc(alloc, ncap * sizeof(IdVal));
				if (!grown)
				{
					st = NA_ERR_NOMEM;
					break;
				}
				items = grown;
				cap = ncap;
			}
			items[n].id = (uint32_t) id;
			items[n].pos = (uint32_t) n;
			if (is_df)
				items[n].v.df = (int64_t) df;
			else
				items[n].v.weight = weight;
			n++;
			if (n % NA_YIELD_EVERY == 0)
				na_yield(c->yield);
			if (accept(c, ','))
				continue;
			if (accept(c, '}'))
				break;
			st = cursor_error(c, "expected \",\" or \"}\" at position %zu", c->pos + 1);
			break;
		}
	}
	if (st == NA_OK && n > 1)
	{
		qsort(items, n, sizeof(IdVal), cmp_idval);
		for (i = 1; i < n; i++)
			if (items[i].id == items[i - 1].id)
			{
				st = cursor_error(c, "term id %u appears more than once",
								  (unsigned) items[i].id);
				break;
			}
	}
	if (st != NA_OK)
	{
		na_release(alloc, items);
		return st;
	}
	*out = items;
	*count = (uint32_t) n;
	return NA_OK;
}

/* na_tv_parse: see termvec.h. */
NaStatus
na_tv_parse(const char *s, size_t len, const NaAllocator *alloc,
			const NaYield *yield, NaTermVecBuf *out, char *errbuf, size_t errlen)
{
	Cursor		c = {s, len, 0, errbuf, errlen, yield};
	IdVal	   *items;
	uint32_t	n;
	uint32_t	i;
	uint32_t	k = 0;
	NaStatus	st;

	out->nnz = 0;
	out->ids = NULL;
	out->vals = NULL;
	out->alloc = alloc;
	if ((st = parse_pairs(&c, alloc, false, &items, &n)) != NA_OK)
		return st;
	skip_space(&c);
	if (c.pos != c.len)
	{
		na_release(alloc, items);
		return cursor_error(&c, "unexpected text after \"}\" at position %zu", c.pos + 1);
	}
	out->ids = na_alloc(alloc, (n ? n : 1) * sizeof(uint32_t));
	out->vals = na_alloc(alloc, (n ? n : 1) * sizeof(float));
	if (!out->ids || !out->vals)
	{
		na_release(alloc, items);
		na_tvbuf_free(out);
		return NA_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
	{
		float		v = (float) items[i].v.weight;

		if (v == 0.0f)
			continue;			/* zero weights are not stored */
		out->ids[k] = items[i].id;
		out->vals[k] = v;
		k++;
	}
	out->nnz = k;
	na_release(alloc, items);
	return NA_OK;
}

/* na_format_float: the shortest of %.6g..%.9g that reads back exactly. */
NaStatus
na_format_float(NaBuf *buf, float v)
{
	char		tmp[48];
	int			prec;
	int			n = 0;

	/* whole numbers (counts) in plain digits: 7000000, not 7e+06 */
	if (v == floorf(v) && fabsf(v) < 1e15f)
		return na_buf_append(buf, tmp, (size_t) snprintf(tmp, sizeof(tmp), "%.0f", (double) v));
	for (prec = 6; prec <= 9; prec++)
	{
		n = snprintf(tmp, sizeof(tmp), "%.*g", prec, (double) v);
		if (strtof(tmp, NULL) == v)
			break;
	}
	return na_buf_append(buf, tmp, (size_t) n);
}

/* na_tv_format: "{id:weight,...}". */
NaStatus
na_tv_format(const NaTermVec *tv, NaBuf *buf)
{
	NaStatus	st;
	uint32_t	i;
	char		tmp[24];

	if ((st = na_buf_append(buf, "{", 1)) != NA_OK)
		return st;
	for (i = 0; i < tv->nnz; i++)
	{
		int			n = snprintf(tmp, sizeof(tmp), "%s%u:", i ? "," : "",
								 (unsigned) tv->ids[i]);

		if ((st = na_buf_append(buf, tmp, (size_t) n)) != NA_OK ||
			(st = na_format_float(buf, tv->vals[i])) != NA_OK)
			return st;
	}
	return na_buf_append(buf, "}", 1);
}

/* na_corpus_parse: "docs=N length=L {id:df,...}". */
NaStatus
na_corpus_parse(const char *s, size_t len, const NaAllocator *alloc,
				const NaYield *yield, NaCorpusBuf *out, char *errbuf, size_t errlen)
{
	Cursor		c = {s, len, 0, errbuf, errlen, yield};
	IdVal	   *items;
	uint32_t	n;
	uint32_t	i;
	uint64_t	ndocs;
	double		length;
	NaStatus	st;

	out->nterms = 0;
	out->ndocs = 0;
	out->length = 0;
	out->ids = NULL;
	out->dfs = NULL;
	out->alloc = alloc;
	if (!accept_word(&c, "docs") || !accept(&c, '='))
		return cursor_error(&c, "expected \"docs=\" at position %zu", c.pos + 1);
	if ((st = parse_uint(&c, (uint64_t) INT64_MAX, "document count", &ndocs)) != NA_OK)
		return st;
	if (!accept_word(&c, "length") || !accept(&c, '='))
		return cursor_error(&c, "expected \"length=\" at position %zu", c.pos + 1);
	if ((st = parse_number(&c, "length", false, &length)) != NA_OK)
		return st;
	if (length < 0)
		return cursor_error(&c, "length must not be negative");
	if ((st = parse_pairs(&c, alloc, true, &items, &n)) != NA_OK)
		return st;
	skip_space(&c);
	if (c.pos != c.len)
	{
		na_release(alloc, items);
		return cursor_error(&c, "unexpected text after \"}\" at position %zu", c.pos + 1);
	}
	for (i = 0; i < n; i++)
		if ((uint64_t) items[i].v.df > ndocs)
		{
			uint32_t	id = items[i].id;

			na_release(alloc, items);
			return cursor_error(&c, "document frequency of term %u exceeds the document count %llu",
								(unsigned) id, (unsigned long long) ndocs);
		}
	out->ids = na_alloc(alloc, (n ? n : 1) * sizeof(uint32_t));
	out->dfs = na_alloc(alloc, (n ? n : 1) * sizeof(int64_t));
	if (!out->ids || !out->dfs)
	{
		na_release(alloc, items);
		na_corpusbuf_free(out);
		return NA_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
	{
		out->ids[i] = items[i].id;
		out->dfs[i] = items[i].v.df;
	}
	out->nterms = n;
	out->ndocs = (int64_t) ndocs;
	out->length = length;
	na_release(alloc, items);
	return NA_OK;
}

/* na_corpus_format: the text form read by na_corpus_parse. */
NaStatus
na_corpus_format(const NaCorpus *c, NaBuf *buf)
{
	NaStatus	st;
	uint32_t	i;
	char		tmp[64];
	int			n;

	n = snprintf(tmp, sizeof(tmp), "docs=%lld length=%.17g {",
				 (long long) c->ndocs, c->length);
	if ((st = na_buf_append(buf, tmp, (size_t) n)) != NA_OK)
		return st;
	for (i = 0; i < c->nterms; i++)
	{
		n = snprintf(tmp, sizeof(tmp), "%s%u:%lld", i ? "," : "",
					 (unsigned) c->ids[i], (long long) c->dfs[i]);
		if ((st = na_buf_append(buf, tmp, (size_t) n)) != NA_OK)
			return st;
	}
	return na_buf_append(buf, "}", 1);
}

/* na_corpus_check: see termvec.h. */
const char *
na_corpus_check(const NaCorpus *c)
{
	uint32_t	i;

	if (c->ndocs < 0)
		return "negative document count";
	if (!isfinite(c->length) || c->length < 0)
		return "invalid total length";
	for (i = 0; i < c->nterms; i++)
	{
		if (i > 0 && c->ids[i] <= c->ids[i - 1])
			return "term ids are not sorted";
		if (c->dfs[i] < 1 || c->dfs[i] > c->ndocs)
			return "document frequency out of range";
	}
	return NULL;
}

/* na_tv_check: see termvec.h. */
const char *
na_tv_check(const NaTermVec *tv)
{
	uint32_t	i;

	for (i = 0; i < tv->nnz; i++)
	{
		if (i > 0 && tv->ids[i] <= tv->ids[i - 1])
			return "term ids are not sorted";
		if (!isfinite(tv->vals[i]) || tv->vals[i] == 0.0f)
			return "invalid weight";
	}
	return NULL;
}

/*
 * na_tv_dot: merge join over the sorted ids.  The cursors advance without a
 * branch (i on a->ids[i] <= b->ids[j], j on the converse, both on a match),
 * so the only branch is the match, mostly not taken: ranking candidates by
 * cosine spends its time here, and the ids of two documents interleave
 * unpredictably.
 */
double
na_tv_dot(const NaTermVec *a, const NaTermVec *b)
{
	uint32_t	i = 0;
	uint32_t	j = 0;
	double		sum = 0;

	while (i < a->nnz && j < b->nnz)
	{
		uint32_t	x = a->ids[i];
		uint32_t	y = b->ids[j];

		if (x == y)
			sum += (double) a->vals[i] * (double) b->vals[j];
		i += x <= y;
		j += y <= x;
	}
	return sum;
}

/* na_tv_overlap: how many ids are in both. */
uint32_t
na_tv_overlap(const NaTermVec *a, const NaTermVec *b)
{
	uint32_t	i = 0;
	uint32_t	j = 0;
	uint32_t	n = 0;

	while (i < a->nnz && j < b->nnz)
	{
		if (a->ids[i] < b->ids[j])
			i++;
		else if (a->ids[i] > b->ids[j])
			j++;
		else
		{
			n++;
			i++;
			j++;
		}
	}
	return n;
}

/* na_tv_norm: sqrt of the sum of squares. */
double
na_tv_norm(const NaTermVec *a)
{
	double		sum = 0;
	uint32_t	i;

	for (i = 0; i < a->nnz; i++)
		sum += (double) a->vals[i] * (double) a->vals[i];
	return sqrt(sum);
}

/* na_tv_sum: the sum of the weights. */
double
na_tv_sum(const NaTermVec *a)
{
	double		sum = 0;
	uint32_t	i;

	for (i = 0; i < a->nnz; i++)
		sum += a->vals[i];
	return sum;
}

/* na_tv_cosine: a.b / (|a||b|), clamped to [-1, 1] against rounding. */
double
na_tv_cosine(const NaTermVec *a, const NaTermVec *b)
{
	double		na = na_tv_norm(a);
	double		nb = na_tv_norm(b);
	double		cos;

	if (na == 0 || nb == 0)
		return 0;
	cos = na_tv_dot(a, b) / (na * nb);
	if (cos > 1)
		cos = 1;
	if (cos < -1)
		cos = -1;
	return cos;
}

/*
 * Selection of the n best positions by a comparator: a binary min-heap of
 * the best n seen so far (the root is the worst of them).
 */
typedef bool (*BetterFn) (const void *ctx, uint32_t x, uint32_t y);

static void
heap_sift_down(uint32_t *h, uint32_t n, uint32_t i, BetterFn better,
			   const void *ctx)
{
	for (;;)
	{
		uint32_t	l = 2 * i + 1;
		uint32_t	r = l + 1;
		uint32_t	worst = i;

		if (l < n && better(ctx, h[worst], h[l]))
			worst = l;
		if (r < n && better(ctx, h[worst], h[r]))
			worst = r;
		if (worst == i)
			return;
		{
			uint32_t	t = h[i];

			h[i] = h[worst];
			h[worst] = t;
		}
		i = worst;
	}
}

static uint32_t
select_best(uint32_t total, uint32_t n, BetterFn better, const void *ctx,
			uint32_t *keep, uint32_t *heap)
{
	uint32_t	size = 0;
	uint32_t	i;

	if (n > total)
		n = total;
	if (n == 0)
		return 0;
	for (i = 0; i < total; i++)
	{
		if (size < n)
		{
			uint32_t	k = size++;

			heap[k] = i;
			/* sift up: parent must be worse than (or equal to) child */
			while (k > 0 && better(ctx, heap[(k - 1) / 2], heap[k]))
			{
				uint32_t	p = (k - 1) / 2;
				uint32_t	t = heap[p];

				heap[p] = heap[k];
				heap[k] = t;
				k = p;
			}
		}
		else if (better(ctx, i, heap[0]))
		{
			heap[0] = i;
			heap_sift_down(heap, size, 0, better, ctx);
		}
	}
	memcpy(keep, heap, size * sizeof(uint32_t));
	qsort(keep, size, sizeof(uint32_t), na_cmp_u32);
	return size;
}

static bool
tv_better(const void *ctx, uint32_t x, uint32_t y)
{
	const NaTermVec *tv = ctx;

	if (tv->vals[x] != tv->vals[y])
		return tv->vals[x] > tv->vals[y];
	return tv->ids[x] < tv->ids[y];
}

/* na_tv_top: see termvec.h. */
uint32_t
na_tv_top(const NaTermVec *tv, uint32_t n, uint32_t *keep, uint32_t *tmp)
{
	return select_best(tv->nnz, n, tv_better, tv, keep, tmp);
}

/*
 * na_mlt_adaptive: see termvec.h.  The probe's heaviest terms are taken in
 * order of weight, skipping a term whose documents exceed both
 * NA_MLT_MAX_DF_SHARE of the corpus and max_candidates, or (but for the
 * first term taken) would bring the postings the index reads past
 * NA_MLT_POSTINGS_PER_CANDIDATE times max_candidates (GIN's work grows with
 * the postings times the terms); then the expected number of documents sharing at
 * least M of the chosen terms, if terms occurred independently with
 * probability df / N, comes from the distribution of the number shared (a
 * Poisson binomial, by the usual recurrence), and M is the least that keeps
 * it within max_candidates.
 */
uint32_t
na_mlt_adaptive(const NaTermVec *probe, const NaCorpus *c, uint32_t nterms,
				double max_candidates, uint32_t *keep, uint32_t *tmp,
				uint32_t *min_shared)
{
	return na_mlt_adaptive_limits(probe, c, nterms, max_candidates,
								  NA_MLT_MAX_DF_SHARE, NA_MLT_POSTINGS_PER_CANDIDATE,
								  keep, tmp, min_shared);
}

/* na_mlt_adaptive_limits: see termvec.h. */
uint32_t
na_mlt_adaptive_limits(const NaTermVec *probe, const NaCorpus *c, uint32_t nterms,
					   double max_candidates, double max_df_share,
					   double postings_per_candidate, uint32_t *keep,
					   uint32_t *tmp, uint32_t *min_shared)
{
	double		ndocs = c->ndocs > 0 ? (double) c->ndocs : 1.0;
	double		dist[NA_MLT_MAX_TERMS + 1];
	double		postings = 0;
	double		tail = 0;
	uint32_t	pool;
	uint32_t	n = 0;

	if (nterms > NA_MLT_MAX_TERMS)
		nterms = NA_MLT_MAX_TERMS;
	/* the candidates by weight, heaviest first (an insertion sort: a few
	 * times nterms of them) */
	pool = select_best(probe->nnz, nterms * 4, tv_better, probe, keep, tmp);
	for (uint32_t i = 1; i < pool; i++)
	{
		uint32_t	x = keep[i];
		uint32_t	j = i;

		for (; j > 0 && tv_better(probe, x, keep[j - 1]); j--)
			keep[j] = keep[j - 1];
		keep[j] = x;
	}
	dist[0] = 1.0;
	for (uint32_t i = 0; i < pool && n < nterms; i++)
	{
		double		df = (double) na_corpus_df(c, probe->ids[keep[i]]);
		double		p;

		if ((df > ndocs * max_df_share && df > max_candidates) ||
			(n > 0 && postings + df > max_candidates * postings_per_candidate))
			continue;
		postings += df;
		p = (df > 0 ? df : 1.0) / ndocs;
		if (p > 1.0)
			p = 1.0;
		/* dist[j]: the chance that a document shares j of the terms so far */
		dist[n + 1] = dist[n] * p;
		for (uint32_t j = n; j > 0; j--)
			dist[j] = dist[j] * (1.0 - p) + dist[j - 1] * p;
		dist[0] *= 1.0 - p;
		keep[n++] = keep[i];
	}
	/* the least M whose expected candidates fit: scan from M = n down */
	*min_shared = n > 0 ? n : 1;
	for (uint32_t m = n; m >= 1; m--)
	{
		tail += dist[m];
		if (tail * ndocs > max_candidates)
			break;
		*min_shared = m;
	}
	qsort(keep, n, sizeof(uint32_t), na_cmp_u32);
	return n;
}

static bool
df_better(const void *ctx, uint32_t x, uint32_t y)
{
	const NaCorpus *c = ctx;

	if (c->dfs[x] != c->dfs[y])
		return c->dfs[x] > c->dfs[y];
	return c->ids[x] < c->ids[y];
}

/* na_corpus_prune: see termvec.h. */
uint32_t
na_corpus_prune(const NaCorpus *c, int64_t min_df, uint32_t max_terms,
				uint32_t *keep, uint32_t *tmp)
{
	uint32_t	i;
	uint32_t	n = 0;

	if (max_terms == 0 || max_terms >= c->nterms)
	{
		for (i = 0; i < c->nterms; i++)
			if (c->dfs[i] >= min_df)
				keep[n++] = i;
		return n;
	}
	n = select_best(c->nterms, max_terms, df_better, c, keep, tmp);
	/* drop those under min_df, keeping the order */
	{
		uint32_t	k = 0;

		for (i = 0; i < n; i++)
			if (c->dfs[keep[i]] >= min_df)
				keep[k++] = keep[i];
		n = k;
	}
	return n;
}

/*
 * na_corpus_df: a search of the sorted ids.  The ids are hashes of terms
 * (na_term_id), spread evenly over 32 bits, so the first probes interpolate:
 * where id would sit if the ids left between lo and hi were evenly spaced
 * (a probe always lands inside [lo, hi)); what is left after
 * DF_INTERPOLATIONS of them is bisected.  The answer is bisection's
 * (test/unit/termvec_test.c); a lookup takes about half the time of
 * bisection alone (60 against 110 ns in a corpus of 70,000 random ids),
 * which counts where every term of every story is looked up
 * (news.story_assign, news.story_scores, news.tfidf), and ids spread
 * unevenly only cost the few wasted probes.
 */
#define DF_INTERPOLATIONS	4
#define DF_BISECT_BELOW		16

int64_t
na_corpus_df(const NaCorpus *c, uint32_t id)
{
	uint32_t	lo = 0;
	uint32_t	hi = c->nterms;
	int			guesses = 0;

	while (lo < hi)
	{
		uint32_t	at = lo + (hi - lo) / 2;

		if (guesses < DF_INTERPOLATIONS && hi - lo > DF_BISECT_BELOW)
		{
			uint32_t	first = c->ids[lo];
			uint32_t	last = c->ids[hi - 1];

			guesses++;
			/* first < id < last: at is in [lo, hi - 1) */
			if (id > first && id < last)
				at = lo + (uint32_t) (((uint64_t) (id - first) * (hi - 1 - lo)) / (last - first));
		}
		if (c->ids[at] < id)
			lo = at + 1;
		else if (c->ids[at] > id)
			hi = at;
		else
			return c->dfs[at];
	}
	return 0;
}

/* na_idf: the smoothed idf used for tf-idf. */
double
na_idf(int64_t ndocs, int64_t df)
{
	if (df < 0)
		df = 0;
	return log((1.0 + (double) ndocs) / (1.0 + (double) df)) + 1.0;
}

/* na_bm25_idf: the BM25 idf (never negative). */
double
na_bm25_idf(int64_t ndocs, int64_t df)
{
	double		n = (double) ndocs;
	double		d = (double) (df < 0 ? 0 : df);

	if (d > n)
		d = n;
	return log(1.0 + (n - d + 0.5) / (d + 0.5));
}

/* na_tv_tfidf: see termvec.h. */
void
na_tv_tfidf(const NaTermVec *tv, const NaCorpus *c, float *out_vals,
			const NaYield *yield)
{
	double		sum = 0;
	double		scale;
	uint32_t	i;

	for (i = 0; i < tv->nnz; i++)
	{
		double		tf = tv->vals[i];
		double		w = tf >= 1.0 ? 1.0 + log(tf) : tf;

		w *= na_idf(c->ndocs, na_corpus_df(c, tv->ids[i]));
		out_vals[i] = (float) w;
		sum += w * w;
		if ((i + 1) % NA_YIELD_EVERY == 0)
			na_yield(yield);
	}
	scale = sum > 0 ? 1.0 / sqrt(sum) : 0;
	for (i = 0; i < tv->nnz; i++)
		out_vals[i] = (float) (out_vals[i] * scale);
}

/* na_bm25: see termvec.h. */
NaStatus
na_bm25(const NaTermVec *q, const NaTermVec *d, const NaCorpus *c,
		double k1, double b, double *score)
{
	double		dl;
	double		avgdl;
	double		norm;
	double		sum = 0;
	uint32_t	i = 0;
	uint32_t	j = 0;

	if (!(k1 >= 0) || !isfinite(k1) || !(b >= 0 && b <= 1))
		return NA_ERR_BAD_ARGUMENT;
	dl = na_tv_sum(d);
	avgdl = c->ndocs > 0 ? c->length / (double) c->ndocs : dl;
	norm = avgdl > 0 ? (1.0 - b + b * dl / avgdl) : 1.0;
	while (i < q->nnz && j < d->nnz)
	{
		if (q->ids[i] < d->ids[j])
			i++;
		else if (q->ids[i] > d->ids[j])
			j++;
		else
		{
			double		tf = d->vals[j];
			double		denom = tf + k1 * norm;

			if (denom != 0)
				sum += (double) q->vals[i] *
					na_bm25_idf(c->ndocs, na_corpus_df(c, d->ids[j])) *
					tf * (k1 + 1.0) / denom;
			i++;
			j++;
		}
	}
	*score = sum;
	return NA_OK;
}

/*
 * The accumulator.
 */
struct NaCorpusAcc
{
	const NaAllocator *alloc;
	uint32_t   *keys;
	int64_t    *dfs;			/* 0 = empty slot */
	size_t		cap;			/* power of two */
	uint32_t	nterms;
	int64_t		ndocs;
	double		length;
};

static inline size_t
slot_of(uint32_t id, size_t cap)
{
	/* ids are hashes already; a multiplicative step spreads the low bits */
	return (size_t) ((id * 2654435761u) & (uint32_t) (cap - 1));
}

static NaStatus
acc_alloc_table(NaCorpusAcc *acc, size_t cap)
{
	acc->keys = na_alloc(acc->alloc, cap * sizeof(uint32_t));
	acc->dfs = na_alloc(acc->alloc, cap * sizeof(int64_t));
	if (!acc->keys || !acc->dfs)
	{
		na_release(acc->alloc, acc->keys);
		na_release(acc->alloc, acc->dfs);
		acc->keys = NULL;
		acc->dfs = NULL;
		return NA_ERR_NOMEM;
	}
	memset(acc->dfs, 0, cap * sizeof(int64_t));
	acc->cap = cap;
	return NA_OK;
}

/* na_corpus_acc_create: an empty accumulator. */
NaStatus
na_corpus_acc_create(const NaAllocator *alloc, NaCorpusAcc **out)
{
	NaCorpusAcc *acc = na_alloc(alloc, sizeof(NaCorpusAcc));
	NaStatus	st;

	*out = NULL;
	if (!acc)
		return NA_ERR_NOMEM;
	memset(acc, 0, sizeof(*acc));
	acc->alloc = alloc;
	if ((st = acc_alloc_table(acc, 64)) != NA_OK)
	{
		na_release(alloc, acc);
		return st;
	}
	*out = acc;
	return NA_OK;
}

/* na_corpus_acc_destroy frees the accumulator. */
void
na_corpus_acc_destroy(NaCorpusAcc *acc)
{
	if (!acc)
		return;
	na_release(acc->alloc, acc->keys);
	na_release(acc->alloc, acc->dfs);
	na_release(acc->alloc, acc);
}

static NaStatus
acc_grow(NaCorpusAcc *acc)
{
	uint32_t   *okeys = acc->keys;
	int64_t    *odfs = acc->dfs;
	size_t		ocap = acc->cap;
	size_t		i;
	NaStatus	st;

	if (ocap >= ((size_t) 1 << 30))
		return NA_ERR_TOO_LARGE;
	if ((st = acc_alloc_table(acc, ocap * 2)) != NA_OK)
	{
		acc->keys = okeys;
		acc->dfs = odfs;
		return st;
	}
	for (i = 0; i < ocap; i++)
	{
		size_t		s;

		if (odfs[i] == 0)
			continue;
		s = slot_of(okeys[i], acc->cap);
		while (acc->dfs[s] != 0)
			s = (s + 1) & (acc->cap - 1);
		acc->keys[s] = okeys[i];
		acc->dfs[s] = odfs[i];
	}
	na_release(acc->alloc, okeys);
	na_release(acc->alloc, odfs);
	return NA_OK;
}

/* Add df to the entry of id, inserting it when new. */
static NaStatus
acc_add(NaCorpusAcc *acc, uint32_t id, int64_t df)
{
	size_t		s;
	NaStatus	st;

	if ((size_t) acc->nterms + 1 > acc->cap / 2)
	{
		if (acc->nterms >= NA_TV_MAX_NNZ)
			return NA_ERR_TOO_LARGE;
		if ((st = acc_grow(acc)) != NA_OK)
			return st;
	}
	s = slot_of(id, acc->cap);
	while (acc->dfs[s] != 0)
	{
		if (acc->keys[s] == id)
		{
			if (acc->dfs[s] > INT64_MAX - df)
				return NA_ERR_TOO_LARGE;
			acc->dfs[s] += df;
			return NA_OK;
		}
		s = (s + 1) & (acc->cap - 1);
	}
	acc->keys[s] = id;
	acc->dfs[s] = df;
	acc->nterms++;
	return NA_OK;
}

/* na_corpus_acc_add_doc: one more document. */
NaStatus
na_corpus_acc_add_doc(NaCorpusAcc *acc, const NaTermVec *tv)
{
	uint32_t	i;
	NaStatus	st;

	double		length = acc->length + na_tv_sum(tv);

	if (acc->ndocs == INT64_MAX || !isfinite(length))
		return NA_ERR_TOO_LARGE;
	for (i = 0; i < tv->nnz; i++)
		if ((st = acc_add(acc, tv->ids[i], 1)) != NA_OK)
			return st;
	acc->ndocs++;
	acc->length = length < 0 ? 0 : length;
	return NA_OK;
}

/* na_corpus_acc_add_corpus: the union with c. */
NaStatus
na_corpus_acc_add_corpus(NaCorpusAcc *acc, const NaCorpus *c,
						 const NaYield *yield)
{
	uint32_t	i;
	NaStatus	st;

	if (acc->ndocs > INT64_MAX - c->ndocs || !isfinite(acc->length + c->length))
		return NA_ERR_TOO_LARGE;
	for (i = 0; i < c->nterms; i++)
	{
		if ((st = acc_add(acc, c->ids[i], c->dfs[i])) != NA_OK)
			return st;
		if ((i + 1) % NA_YIELD_EVERY == 0)
			na_yield(yield);
	}
	acc->ndocs += c->ndocs;
	acc->length += c->length;
	return NA_OK;
}

uint32_t
na_corpus_acc_nterms(const NaCorpusAcc *acc)
{
	return acc->nterms;
}

int64_t
na_corpus_acc_ndocs(const NaCorpusAcc *acc)
{
	return acc->ndocs;
}

double
na_corpus_acc_length(const NaCorpusAcc *acc)
{
	return acc->length;
}

/* na_corpus_acc_write: sort (id << 32 | slot) keys, then copy out. */
void
na_corpus_acc_write(const NaCorpusAcc *acc, uint32_t *ids, int64_t *dfs,
					uint64_t *tmp)
{
	size_t		i;
	uint32_t	n = 0;

	for (i = 0; i < acc->cap; i++)
		if (acc->dfs[i] != 0)
			tmp[n++] = ((uint64_t) acc->keys[i] << 32) | (uint64_t) i;
	na_sort_u64(tmp, n);
	for (i = 0; i < n; i++)
	{
		ids[i] = (uint32_t) (tmp[i] >> 32);
		dfs[i] = acc->dfs[tmp[i] & 0xffffffffu];
	}
}

/* na_corpus_merge_count: the size of the union of the id sets. */
uint32_t
na_corpus_merge_count(const NaCorpus *a, const NaCorpus *b)
{
	uint32_t	i = 0;
	uint32_t	j = 0;
	uint64_t	n = 0;

	while (i < a->nterms || j < b->nterms)
	{
		if (j >= b->nterms || (i < a->nterms && a->ids[i] < b->ids[j]))
			i++;
		else if (i >= a->nterms || b->ids[j] < a->ids[i])
			j++;
		else
		{
			i++;
			j++;
		}
		n++;
	}
	return n > NA_TV_MAX_NNZ ? NA_TV_MAX_NNZ + 1 : (uint32_t) n;
}

/* na_corpus_merge: write the union (dfs added). */
NaStatus
na_corpus_merge(const NaCorpus *a, const NaCorpus *b, uint32_t *ids,
				int64_t *dfs)
{
	uint32_t	i = 0;
	uint32_t	j = 0;
	uint32_t	n = 0;

	if (a->ndocs > INT64_MAX - b->ndocs || !isfinite(a->length + b->length))
		return NA_ERR_TOO_LARGE;
	while (i < a->nterms || j < b->nterms)
	{
		if (j >= b->nterms || (i < a->nterms && a->ids[i] < b->ids[j]))
		{
			ids[n] = a->ids[i];
			dfs[n] = a->dfs[i++];
		}
		else if (i >= a->nterms || b->ids[j] < a->ids[i])
		{
			ids[n] = b->ids[j];
			dfs[n] = b->dfs[j++];
		}
		else
		{
			ids[n] = a->ids[i];
			dfs[n] = a->dfs[i++] + b->dfs[j++];
		}
		n++;
	}
	return NA_OK;
}
