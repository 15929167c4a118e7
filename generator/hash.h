/*
 * hash.h - a fast 64-bit content hash for cchc's caches.
 *
 * Not cryptographic: it tells whether bytes cchc itself wrote or read
 * have changed (output manifest, Markdown cache keys, the build
 * fingerprint), where inputs are not chosen to collide.  Reads 16 bytes a
 * step with a 64x64->128 multiply; the same input gives the same value on
 * every run and every host (words are read little-endian).  hash64 with
 * seed 0 is the checksum of every cache file (cachefile.h).
 *
 * A struct hasher composes a key from several parts; each part is taken
 * with its length, so ("ab", "c") and ("a", "bc") differ.
 */
#ifndef CCHC_HASH_H
#define CCHC_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	 hash64(const void *, size_t, uint64_t seed);

struct hasher {
	uint64_t	 h;
	size_t		 n;		/* bytes waiting in buf */
	unsigned char	 buf[512];	/* small parts, hashed in blocks */
};

void		 hasher_init(struct hasher *);
void		 hasher_add(struct hasher *, const void *, size_t);
/* A NUL-terminated string; NULL is a distinct value. */
void		 hasher_str(struct hasher *, const char *);
void		 hasher_u64(struct hasher *, uint64_t);
uint64_t	 hasher_done(const struct hasher *);
/* 16 lower-case hex digits and a NUL into out[17]. */
void		 hash_hex(uint64_t, char out[17]);
/* The reverse: 16 lower-case hex digits at s; the position after them,
 * or NULL. */
const char	*hash_unhex(const char *s, uint64_t *);

#endif
