/*
 * test_hash.c - the cache hash: stable, sensitive to every byte and to
 * how a key is split into parts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "t.h"

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	unsigned char	 data[1000];
	uint64_t	 v[2 * 1000 + 2], a, b;
	struct hasher	 h1, h2;
	char		 hex[17];
	size_t		 i, n = 0, dup = 0;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 3);

	/* The same bytes always give the same value (no address, no time). */
	T_INTEQ(hash64("cải cách", strlen("cải cách"), 0) ==
	    hash64("cải cách", strlen("cải cách"), 0), 1);
	hash_hex(hash64("", 0, 0), hex);
	T_INTEQ(strlen(hex), 16);

	/* Every prefix length, and every single-bit change, differs. */
	for (i = 0; i <= sizeof(data); i++)
		v[n++] = hash64(data, i, 0);
	for (i = 0; i < sizeof(data); i++) {
		data[i] ^= 0x10;
		v[n++] = hash64(data, sizeof(data), 0);
		data[i] ^= 0x10;
	}
	v[n++] = hash64(data, sizeof(data), 1);
	qsort(v, n, sizeof(v[0]), u64_cmp);
	for (i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			dup++;
	T_INTEQ(dup, 0);

	/* Parts are taken with their lengths. */
	hasher_init(&h1);
	hasher_str(&h1, "ab");
	hasher_str(&h1, "c");
	hasher_init(&h2);
	hasher_str(&h2, "a");
	hasher_str(&h2, "bc");
	T_OK(hasher_done(&h1) != hasher_done(&h2));
	hasher_init(&h2);
	hasher_str(&h2, NULL);
	hasher_str(&h2, "c");
	T_OK(hasher_done(&h1) != hasher_done(&h2));

	/* Small and large parts, many of them: the same sequence agrees. */
	hasher_init(&h1);
	hasher_init(&h2);
	for (i = 0; i < 300; i++) {
		hasher_add(&h1, data, i % 200);
		hasher_u64(&h1, i);
		hasher_add(&h2, data, i % 200);
		hasher_u64(&h2, i);
	}
	a = hasher_done(&h1);
	b = hasher_done(&h2);
	T_OK(a == b);
	hasher_u64(&h2, 0);
	T_OK(hasher_done(&h2) != a);

	/*
	 * Pinned values: cache files keep these hashes, so they must be the
	 * same on every host (words are read little-endian, not in host
	 * order) and from every build of cchc.
	 */
	T_OK(hash64("", 0, 0) == UINT64_C(0xc7b8e7733ff18f00));
	T_OK(hash64("abc", 3, 0) == UINT64_C(0xe2dc0a74591bfa95));
	for (i = 0; i < 100; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	T_OK(hash64(data, 100, 5) == UINT64_C(0xe184d1b7407eee6b));
	hasher_init(&h1);
	hasher_str(&h1, "cải cách");
	hasher_u64(&h1, UINT64_C(0x0102030405060708));
	T_OK(hasher_done(&h1) == UINT64_C(0x1e5ac2cc15be066f));
	return t_done("hash");
}
