/*
 * na_core.c
 *		Status messages, the malloc allocator, the growable buffer, integer
 *		comparisons and the 64-bit hash.
 */
#include "na_core.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_messages[NA_STATUS_COUNT] = {
	[NA_OK] = "success",
	[NA_ERR_NOMEM] = "out of memory",
	[NA_ERR_INVALID_UTF8] = "invalid byte sequence for encoding \"UTF8\"",
	[NA_ERR_TOO_LARGE] = "result is too large",
	[NA_ERR_BAD_CONFIG] = "unknown text configuration",
	[NA_ERR_BAD_ARGUMENT] = "argument out of range",
	[NA_ERR_BAD_PATTERN] = "regular expression does not compile",
	[NA_ERR_MATCH_LIMIT] = "regular expression exceeded its match limit",
	[NA_ERR_BAD_LITERAL] = "malformed literal",
	[NA_ERR_OUT_OF_RANGE] = "value out of range",
	[NA_ERR_INTERNAL] = "internal error",
};

/* na_status_message returns the message of status, never NULL. */
const char *
na_status_message(NaStatus status)
{
	if ((unsigned) status >= NA_STATUS_COUNT || !status_messages[status])
		return "unknown status";
	return status_messages[status];
}

static void *
malloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size ? size : 1);
}

static void *
malloc_resize(void *ctx, void *ptr, size_t size)
{
	(void) ctx;
	return realloc(ptr, size ? size : 1);
}

static void
malloc_release(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const NaAllocator na_malloc_allocator = {
	malloc_alloc, malloc_resize, malloc_release, NULL
};

/* na_buf_init makes buf an empty buffer that allocates from alloc. */
void
na_buf_init(NaBuf *buf, const NaAllocator *alloc)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->alloc = alloc;
}

/* na_buf_reserve makes room for n more bytes after buf->len. */
NaStatus
na_buf_reserve(NaBuf *buf, size_t n)
{
	size_t		need;
	size_t		cap;
	char	   *data;

	if (n > NA_BUF_MAX - buf->len)
		return NA_ERR_TOO_LARGE;
	need = buf->len + n;
	if (need <= buf->cap)
		return NA_OK;
	cap = buf->cap ? buf->cap : 256;
	while (cap < need)
		cap = (cap > NA_BUF_MAX / 2) ? NA_BUF_MAX : cap * 2;
	data = buf->data ? na_resize(buf->alloc, buf->data, cap)
		: na_alloc(buf->alloc, cap);
	if (!data)
		return NA_ERR_NOMEM;
	buf->data = data;
	buf->cap = cap;
	return NA_OK;
}

/* na_buf_append copies n bytes of data to the end of buf. */
NaStatus
na_buf_append(NaBuf *buf, const void *data, size_t n)
{
	NaStatus	st = na_buf_reserve(buf, n);

	if (st != NA_OK)
		return st;
	if (n)
		memcpy(buf->data + buf->len, data, n);
	buf->len += n;
	return NA_OK;
}

/* na_grow: see na_core.h. */
NaStatus
na_grow(const NaAllocator *alloc, void **array, size_t *cap, size_t need, size_t size)
{
	size_t		c = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return NA_OK;
	while (c < need)
	{
		if (c > 4 * NA_BUF_MAX / 2)
			return NA_ERR_TOO_LARGE;
		c *= 2;
	}
	if (size == 0 || c > 4 * NA_BUF_MAX / size)
		return NA_ERR_TOO_LARGE;
	p = *array ? na_resize(alloc, *array, c * size) : na_alloc(alloc, c * size);
	if (!p)
		return NA_ERR_NOMEM;
	*array = p;
	*cap = c;
	return NA_OK;
}

/* na_grow32: see na_core.h. */
NaStatus
na_grow32(const NaAllocator *alloc, void **array, uint32_t *cap, uint32_t need, size_t size)
{
	size_t		c = *cap;
	NaStatus	st;

	if (need <= *cap)
		return NA_OK;
	if ((st = na_grow(alloc, array, &c, need, size)) != NA_OK)
		return st;
	if (c > UINT32_MAX)
		return NA_ERR_TOO_LARGE;	/* cannot happen: 16 * 2^k bytes <= 4 GB */
	*cap = (uint32_t) c;
	return NA_OK;
}

/* na_buf_free releases the buffer's memory and empties it. */
void
na_buf_free(NaBuf *buf)
{
	na_release(buf->alloc, buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

/* na_in_words: see na_core.h. */
bool
na_in_words(const char *const *list, size_t n, const char *word, size_t len)
{
	size_t		lo = 0,
				hi = n;

	if (len == 0)
		return false;
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		const unsigned char *w = (const unsigned char *) list[mid];
		int			c = (int) w[0] - (int) (unsigned char) word[0];

		/* strncmp(w, word, len), inline: the words are short, and a call
		 * per probe cost more than the comparison */
		for (size_t k = 1; c == 0 && k < len && w[k - 1] != '\0'; k++)
			c = (int) w[k] - (int) (unsigned char) word[k];
		if (c == 0)
			c = w[len] == '\0' ? 0 : 1;
		if (c == 0)
			return true;
		if (c > 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* na_in_words_first: see na_core.h. */
bool
na_in_words_first(const char *const *list, const uint16_t *first, const char *word,
				  size_t len)
{
	unsigned char b;

	if (len == 0)
		return false;
	b = (unsigned char) word[0];
	return na_in_words(list + first[b], (size_t) (first[b + 1] - first[b]), word, len);
}

/* na_cmp_u32: ascending order of uint32_t values (qsort). */
int
na_cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a;
	uint32_t	y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

/* na_cmp_u64: ascending order of uint64_t values (qsort). */
int
na_cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a;
	uint64_t	y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* sift_u64: sift v[i] down the max-heap v[0..n). */
static void
sift_u64(uint64_t *v, size_t i, size_t n)
{
	uint64_t	x = v[i];

	for (;;)
	{
		size_t		c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

/* intro_u64: sorts v[0..n) with at most depth more levels of quicksort. */
static void
intro_u64(uint64_t *v, size_t n, int depth)
{
	while (n > 16)
	{
		uint64_t	a,
					b,
					c,
					pivot,
					t;
		size_t		i,
					j;

		if (depth-- == 0)
		{
			/* heapsort */
			for (i = n / 2; i-- > 0;)
				sift_u64(v, i, n);
			for (i = n - 1; i > 0; i--)
			{
				t = v[0];
				v[0] = v[i];
				v[i] = t;
				sift_u64(v, 0, i);
			}
			return;
		}
		/* the median of the first, middle and last values */
		a = v[0];
		b = v[n / 2];
		c = v[n - 1];
		pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		/* Hoare partition: v[0..j] <= pivot <= v[j+1..n) */
		i = 0;
		j = n - 1;
		for (;;)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
			i++;
			j--;
		}
		/* recurse into the smaller side, loop on the larger */
		if (j + 1 < n - j - 1)
		{
			intro_u64(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		}
		else
		{
			intro_u64(v + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	/* insertion sort of a short run */
	for (size_t i = 1; i < n; i++)
	{
		uint64_t	x = v[i];
		size_t		j = i;

		while (j > 0 && v[j - 1] > x)
		{
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* na_sort_u64: see na_core.h. */
void
na_sort_u64(uint64_t *v, size_t n)
{
	int			depth = 0;
	size_t		m;

	for (m = n; m > 1; m >>= 1)
		depth += 2;
	intro_u64(v, n, depth);
}

static inline uint64_t
mix64(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

/*
 * na_hash64: eight bytes at a time (little-endian loads), a multiply-rotate
 * per word, and a final avalanche.  Stored signatures depend on it, so the
 * byte order is fixed explicitly.
 */
uint64_t
na_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t	h = seed ^ (0x9e3779b97f4a7c15ULL * (len + 1));

	while (len >= 8)
	{
		uint64_t	w = (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 |
			(uint64_t) p[3] << 24 | (uint64_t) p[4] << 32 | (uint64_t) p[5] << 40 |
			(uint64_t) p[6] << 48 | (uint64_t) p[7] << 56;

		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
		p += 8;
		len -= 8;
	}
	if (len)
	{
		uint64_t	w = 0;

		for (size_t i = 0; i < len; i++)
			w |= (uint64_t) p[i] << (8 * i);
		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
	}
	return mix64(h);
}
