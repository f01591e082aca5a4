/*
 * na_core.h
 *		Shared definitions of the pure C core: status codes, the injected
 *		allocator and the cancellation hook.
 *
 * Nothing under src/core includes a PostgreSQL header.  The glue layer
 * (src/pg) binds the allocator to palloc in a memory context and the yield
 * hook to CHECK_FOR_INTERRUPTS, and maps every NaStatus to an ereport with
 * an SQLSTATE (see src/pg/na_glue.c).
 */
#ifndef NA_CORE_H
#define NA_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Status codes returned by every fallible core function.  Keep
 * na_status_message() in na_core.c in step with this list.
 */
typedef enum NaStatus
{
	NA_OK = 0,
	NA_ERR_NOMEM,				/* the allocator returned NULL */
	NA_ERR_INVALID_UTF8,		/* input is not well-formed UTF-8 */
	NA_ERR_TOO_LARGE,			/* a result would exceed a size limit */
	NA_ERR_BAD_CONFIG,			/* unknown configuration or language */
	NA_ERR_BAD_ARGUMENT,		/* an argument is out of its range */
	NA_ERR_BAD_PATTERN,			/* a regular expression did not compile */
	NA_ERR_MATCH_LIMIT,			/* a regular expression hit its match limit */
	NA_ERR_BAD_LITERAL,			/* a type's text form is malformed */
	NA_ERR_OUT_OF_RANGE,		/* a number in a text form is out of range */
	NA_ERR_INTERNAL,			/* can't happen */
	NA_STATUS_COUNT
} NaStatus;

/* na_status_message returns a static, lower-case message for a status. */
extern const char *na_status_message(NaStatus status);

/*
 * NaAllocator: how the core gets memory.  alloc returns NULL on failure
 * (the glue's palloc wrapper never returns, it raises instead); release
 * may be a no-op when the memory belongs to a context that is reset
 * wholesale.
 */
typedef struct NaAllocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void	   *(*resize) (void *ctx, void *ptr, size_t size);
	void		(*release) (void *ctx, void *ptr);
	void	   *ctx;
} NaAllocator;

/* The C library's malloc/realloc/free, for unit tests, fuzzers, benchmarks. */
extern const NaAllocator na_malloc_allocator;

static inline void *
na_alloc(const NaAllocator *a, size_t size)
{
	return a->alloc(a->ctx, size);
}

static inline void *
na_resize(const NaAllocator *a, void *ptr, size_t size)
{
	return a->resize(a->ctx, ptr, size);
}

static inline void
na_release(const NaAllocator *a, void *ptr)
{
	if (ptr)
		a->release(a->ctx, ptr);
}

/*
 * NaYield: called by long loops every NA_YIELD_EVERY units of work (bytes
 * or items).  The glue runs CHECK_FOR_INTERRUPTS in it, which may not
 * return; core code therefore keeps no resources that only a normal return
 * would free across a yield.  A NULL hook is allowed.
 */
typedef struct NaYield
{
	void		(*fn) (void *arg);
	void	   *arg;
} NaYield;

#define NA_YIELD_EVERY	65536

static inline void
na_yield(const NaYield *y)
{
	if (y && y->fn)
		y->fn(y->arg);
}

/*
 * NaBuf: a growable byte buffer owned by an allocator.  na_buf_reserve
 * makes room for n more bytes; it fails with NA_ERR_NOMEM or, past
 * NA_BUF_MAX, NA_ERR_TOO_LARGE.
 */
#define NA_BUF_MAX	((size_t) 0x3fffffff)	/* fits one PostgreSQL varlena */

typedef struct NaBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	const NaAllocator *alloc;
} NaBuf;

extern void na_buf_init(NaBuf *buf, const NaAllocator *alloc);
extern NaStatus na_buf_reserve(NaBuf *buf, size_t n);
extern NaStatus na_buf_append(NaBuf *buf, const void *data, size_t n);
extern void na_buf_free(NaBuf *buf);

/*
 * na_grow: make room in *array, an array of elements of size bytes with
 * *cap of them allocated, for need elements: nothing when they fit, else
 * the capacity doubles (from 16) until they do.  NA_ERR_TOO_LARGE past
 * 4 * NA_BUF_MAX bytes (only hostile input comes near it), NA_ERR_NOMEM when
 * the allocator fails; *array and *cap are unchanged on failure.  na_grow32
 * does the same for arrays counted in 32 bits.
 */
extern NaStatus na_grow(const NaAllocator *alloc, void **array, size_t *cap,
						size_t need, size_t size);
extern NaStatus na_grow32(const NaAllocator *alloc, void **array, uint32_t *cap,
						  uint32_t need, size_t size);

/*
 * na_size_add, na_size_mul: *out = a + b and a * b, or NA_ERR_TOO_LARGE
 * (with *out unchanged) when the result does not fit a size_t.  Every size
 * computed from counts in the input goes through them (the glue's
 * na_pg_size_add and na_pg_size_mul also cap it at one palloc).
 */
static inline NaStatus
na_size_add(size_t a, size_t b, size_t *out)
{
	if (b > SIZE_MAX - a)
		return NA_ERR_TOO_LARGE;
	*out = a + b;
	return NA_OK;
}

static inline NaStatus
na_size_mul(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return NA_ERR_TOO_LARGE;
	*out = a * b;
	return NA_OK;
}

/*
 * na_cmp_u32, na_cmp_u64: qsort comparisons of unsigned integers,
 * ascending.
 */
extern int	na_cmp_u32(const void *a, const void *b);
extern int	na_cmp_u64(const void *a, const void *b);

/*
 * na_sort_u64: sorts v[0..n) in ascending order, in place: the order qsort
 * with na_cmp_u64 gives (integers have no ties to break), with the
 * comparisons inlined (an introsort: quicksort with a median of three,
 * insertion sort for short runs, heapsort past a depth limit, so never
 * quadratic).  Used where integer keys are sorted often: story centroids,
 * corpus statistics, shingle sets.
 */
extern void na_sort_u64(uint64_t *v, size_t n);

/* na_fnv_byte: one byte of 32-bit FNV-1a (na_fnv_add, below). */
static inline uint32_t
na_fnv_byte(uint32_t h, uint8_t b)
{
	return (h ^ b) * 0x01000193u;
}

/*
 * na_fnv64_add: 64-bit FNV-1a, continuing hash h with len bytes of s (start
 * from NA_FNV64_INIT); na_fnv64_byte adds one byte.  The term hashes of
 * stored MinHash signatures depend on it.  (The 32-bit form, for hash
 * tables in memory, is na_fnv_add below.)
 */
#define NA_FNV64_INIT	UINT64_C(0xcbf29ce484222325)
#define NA_FNV64_PRIME	UINT64_C(0x100000001b3)

static inline uint64_t
na_fnv64_byte(uint64_t h, uint8_t b)
{
	return (h ^ b) * NA_FNV64_PRIME;
}

static inline uint64_t
na_fnv64_add(uint64_t h, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;

	for (size_t i = 0; i < len; i++)
		h = na_fnv64_byte(h, p[i]);
	return h;
}

/*
 * na_hash64: a fast 64-bit hash of len bytes (not cryptographic), stable
 * across platforms and releases: stored values may depend on it.
 */
extern uint64_t na_hash64(const void *data, size_t len, uint64_t seed);

/*
 * na_in_words: is word[0..len) one of the n NUL-terminated strings of list,
 * which is sorted bytewise (the word lists of src/data, generated into
 * src/core/gen_*.inc by src/tools/gen_wordlists.sh)?  A binary search.
 *
 * na_in_words_first does the same search over only the words that begin
 * with word's first byte, list[first[b] .. first[b + 1]) for byte b (the
 * LIST_first table that gen_wordlists.sh appends to a list).
 *
 * na_in_words_lens searches them only when one of them is as long as word:
 * bit l of lens[b] is set when a word beginning with byte b is l bytes long
 * (bit 31: 31 bytes or more; the LIST_lens table of gen_wordlists.sh), so
 * that most words that are not in the list cost one load.  NA_IN_WORDS
 * takes a generated list array by name and uses its LIST_first and
 * LIST_lens.
 */
extern bool na_in_words(const char *const *list, size_t n, const char *word, size_t len);
extern bool na_in_words_first(const char *const *list, const uint16_t *first,
							  const char *word, size_t len);

static inline bool
na_in_words_lens(const char *const *list, const uint16_t *first, const uint32_t *lens,
				 const char *word, size_t len)
{
	unsigned char b;

	if (len == 0)
		return false;
	b = (unsigned char) word[0];
	if (!((lens[b] >> (len < 31 ? len : 31)) & 1))
		return false;
	return na_in_words(list + first[b], (size_t) (first[b + 1] - first[b]), word, len);
}

#define NA_IN_WORDS(list, word, len) \
	na_in_words_lens((list), list##_first, list##_lens, (word), (len))

/* na_same_bytes: memcmp(a, b, n) == 0 for short strings, without a call */
static inline bool
na_same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/*
 * na_fnv_add: 32-bit FNV-1a, for hash tables that live in memory only
 * (never stored): continue hash h with len bytes of s; start from
 * NA_FNV_INIT.  Keys can be hashed piece by piece.
 */
#define NA_FNV_INIT		0x811C9DC5u
#define NA_FNV_PRIME	0x01000193u

static inline uint32_t
na_fnv_add(uint32_t h, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;

	for (size_t i = 0; i < len; i++)
	{
		h ^= p[i];
		h *= NA_FNV_PRIME;
	}
	return h;
}

#endif							/* NA_CORE_H */
