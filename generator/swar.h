/*
 * swar.h - eight bytes at a time in one 64-bit word, for the scans that
 * read every byte of every page's text (searchtext.c, searchnorm.c).
 *
 * A mask has the high bit (0x80) of each byte of the word that is
 * wanted, nothing else; all are exact (no borrow or carry between
 * bytes), so any bit set may be trusted, not only the lowest.  Byte i of
 * a word loaded with memcpy() is the string's byte i where SWAR_LE is 1
 * (a little-endian GCC or Clang, for swar_first()); elsewhere callers
 * take their byte-at-a-time loop.
 */
#ifndef CCHC_SWAR_H
#define CCHC_SWAR_H

#include <stddef.h>
#include <stdint.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    (defined(__GNUC__) || defined(__clang__))
#define SWAR_LE		1
#else
#define SWAR_LE		0
#endif

#define SWAR_ONES	0x0101010101010101ull
#define SWAR_HIGH	0x8080808080808080ull
#define SWAR_LOW7	0x7F7F7F7F7F7F7F7Full

/* The bytes of x that are zero. */
static inline uint64_t
swar_zeros(uint64_t x)
{
	return ~(((x & SWAR_LOW7) + SWAR_LOW7) | x | SWAR_LOW7);
}

/* The bytes of x equal to c. */
static inline uint64_t
swar_eq(uint64_t x, unsigned char c)
{
	return swar_zeros(x ^ (SWAR_ONES * c));
}

/* Of v, whose bytes are all below 0x80: the bytes >= c (0 < c <= 0x80). */
static inline uint64_t
swar_ge(uint64_t v, unsigned c)
{
	return (v + SWAR_ONES * (0x80 - c)) & SWAR_HIGH;
}

/* The bytes of x below 0x20 (control characters). */
static inline uint64_t
swar_ctl(uint64_t x)
{
	return ~(swar_ge(x & SWAR_LOW7, 0x20) | x) & SWAR_HIGH;
}

#if SWAR_LE
/* The index of the first byte a mask (not 0) has. */
static inline size_t
swar_first(uint64_t m)
{
	return (size_t)__builtin_ctzll(m) >> 3;
}
#endif

#endif
