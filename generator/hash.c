/*
 * hash.c - see hash.h.  The mixing step folds the 128-bit product of two
 * 64-bit words (the construction of wyhash and similar hashes); the
 * constants are odd 64-bit values with well-spread bits.
 */
#include <stdint.h>
#include <string.h>

#include "hash.h"

#define K0	UINT64_C(0xa0761d6478bd642f)
#define K1	UINT64_C(0xe7037ed1a0b428db)
#define K2	UINT64_C(0x8ebc6af09c88c6e3)
#define K3	UINT64_C(0x589965cc75374cc3)

static uint64_t
mix(uint64_t a, uint64_t b)
{
	unsigned __int128	 r = (unsigned __int128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/*
 * Eight bytes as a little-endian word whatever the host, so that a hash
 * kept in a cache means the same everywhere.  memcpy is one load that
 * compilers inline (GCC 12 left the shift-and-or form a call per word).
 */
static inline uint64_t
rd64(const unsigned char *p)
{
	uint64_t	 v;

	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The last 1..16 bytes as two words, without reading past the end. */
static void
tail(const unsigned char *p, size_t n, uint64_t *a, uint64_t *b)
{
	unsigned char	 t[16] = { 0 };

	memcpy(t, p, n);
	*a = rd64(t);
	*b = rd64(t + 8);
}

uint64_t
hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char	*p = data;
	uint64_t		 h = seed ^ mix(seed ^ K0, (uint64_t)len ^ K1);
	uint64_t		 h2 = h ^ K3, a, b;
	size_t			 n = len;

	/* Two independent lanes keep both multipliers of the CPU busy. */
	while (n > 32) {
		h = mix(rd64(p) ^ K1, rd64(p + 8) ^ h);
		h2 = mix(rd64(p + 16) ^ K2, rd64(p + 24) ^ h2);
		p += 32;
		n -= 32;
	}
	if (n > 16) {
		h = mix(rd64(p) ^ K1, rd64(p + 8) ^ h);
		p += 16;
		n -= 16;
	}
	if (n > 0) {
		tail(p, n, &a, &b);
		h2 = mix(a ^ K2, b ^ h2 ^ K0);
	}
	return mix(h ^ K3, h2 ^ K1 ^ (uint64_t)len);
}

void
hasher_init(struct hasher *hs)
{
	hs->h = K2;
	hs->n = 0;
}

static void
hasher_flush(struct hasher *hs)
{
	if (hs->n > 0)
		hs->h = hash64(hs->buf, hs->n, hs->h);
	hs->n = 0;
}

/* Appends to the block; the caller has checked that it fits. */
static void
hasher_put(struct hasher *hs, const void *p, size_t n)
{
	memcpy(hs->buf + hs->n, p, n);
	hs->n += n;
}

void
hasher_u64(struct hasher *hs, uint64_t v)
{
	unsigned char	 le[8];
	int		 i;

	if (hs->n + 8 > sizeof(hs->buf))
		hasher_flush(hs);
	/* Little-endian, as rd64 reads words. */
	for (i = 0; i < 8; i++)
		le[i] = (unsigned char)(v >> (8 * i));
	hasher_put(hs, le, 8);
}

void
hasher_add(struct hasher *hs, const void *data, size_t len)
{
	/* The length first, so that parts cannot run into each other. */
	hasher_u64(hs, (uint64_t)len);
	if (len <= sizeof(hs->buf) / 4) {
		if (hs->n + len > sizeof(hs->buf))
			hasher_flush(hs);
		hasher_put(hs, data, len);
		return;
	}
	hasher_flush(hs);
	hs->h = hash64(data, len, hs->h);
}

void
hasher_str(struct hasher *hs, const char *s)
{
	if (s == NULL)
		hasher_u64(hs, UINT64_MAX);
	else
		hasher_add(hs, s, strlen(s));
}

uint64_t
hasher_done(const struct hasher *hs)
{
	uint64_t	 h = hs->h;

	if (hs->n > 0)
		h = hash64(hs->buf, hs->n, h);
	return mix(h ^ K0, K3);
}

void
hash_hex(uint64_t v, char out[17])
{
	static const char	 hx[] = "0123456789abcdef";
	int			 i;

	for (i = 15; i >= 0; i--) {
		out[i] = hx[v & 15];
		v >>= 4;
	}
	out[16] = '\0';
}

const char *
hash_unhex(const char *s, uint64_t *v)
{
	int	 i, c;

	*v = 0;
	for (i = 0; i < 16; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else
			return NULL;
		*v = *v << 4 | (uint64_t)c;
	}
	return s + 16;
}
