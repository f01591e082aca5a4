/*
 * minhash_fuzzer.c
 *		libFuzzer harness for the near-duplicate core: signatures, exact
 *		shingle sets and SimHash on arbitrary bytes, with k and the shingle
 *		size taken from the first two bytes.  Checks the invariants that
 *		must hold whatever the input: a signature compares equal to itself,
 *		the exact Jaccard of a text with itself is 1, the empty set is seen
 *		alike by both, band counts fit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t	sig[NA_MINHASH_MAX_K];
	uint64_t   *set = NULL;
	size_t		n = 0;
	size_t		off = 0;
	bool		empty = false;
	uint64_t	h;
	int			k;
	int			shingle;
	int			nb;
	const char *text;
	size_t		len;
	NaStatus	st;

	if (size < 2 || size > 65536)
		return 0;
	k = 1 + data[0] % 64;
	shingle = 1 + data[1] % 8;
	text = (const char *) data + 2;
	len = size - 2;

	st = na_minhash_compute(text, len, k, shingle, sig, &empty,
							&na_malloc_allocator, NULL, &off);
	if (st == NA_OK)
	{
		if (na_minhash_similarity(sig, empty, sig, empty, k) != 1.0)
			abort();
		nb = na_minhash_bands(k, 42, 3);
		if (nb < 1 || (k >= 3 && nb * 3 > k))
			abort();
		(void) na_minhash_band_hash(sig, k, shingle, nb - 1, 3);
	}
	else if (st != NA_ERR_INVALID_UTF8 || off > len)
		abort();

	st = na_shingle_set(text, len, shingle, &na_malloc_allocator, NULL, &set, &n, &off);
	if (st == NA_OK)
	{
		if (na_shingle_set_jaccard(set, n, set, n, NULL) != 1.0)
			abort();
		if ((n == 0) != empty)
			abort();
		free(set);
	}
	(void) na_simhash(text, len, &h, &na_malloc_allocator, NULL, &off);
	return 0;
}
