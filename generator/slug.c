/*
 * slug.c - Vietnamese-aware text folding; see slug.h.
 *
 * UTF-8 is decoded here rather than with utf8proc_iterate so that the
 * rules (no overlongs, surrogates or values past U+10FFFF) and the
 * handling of bad bytes are ours and the same in every function.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "slug.h"
#include "util.h"

/* Longest decomposition utf8proc produces (U+FDFA, compatibility) is 18. */
#define SLUG_DECOMP_MAX	32

/*
 * Decodes one code point at s[0..n).  Returns its length (1-4) and sets
 * *cp, or 0 when s[0] does not start a well-formed sequence (Unicode
 * table 3-7: the second-byte ranges exclude overlongs, surrogates and
 * values past U+10FFFF).
 */
static size_t
slug_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char	 c = s[0], lo = 0x80, hi = 0xBF;
	size_t		 len, i;
	int32_t		 v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* past U+10FFFF */
	} else
		return 0;
	if (n < len)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/*
 * đ/Đ have no decomposition in Unicode, so utf8proc keeps them.  The
 * Icelandic eth Ð/ð is handled too: old Vietnamese fonts and input
 * methods often typed it for Đ, and editors cannot see the difference.
 */
static int
slug_dstroke(int32_t cp)
{
	switch (cp) {
	case 0x0110:
	case 0x00D0:
		return 'D';
	case 0x0111:
	case 0x00F0:
		return 'd';
	default:
		return 0;
	}
}

static int
slug_is_space(int32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r')
		return 1;
	/* Zs covers ' ', NBSP U+00A0, U+202F and the other fixed spaces. */
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static void
slug_put_cp(struct buf *b, int32_t cp)
{
	utf8proc_uint8_t	 tmp[4];
	utf8proc_ssize_t	 n;

	n = utf8proc_encode_char(cp, tmp);
	buf_put(b, tmp, (size_t)n);
}

/* Decomposes cp into dst; returns the count, or 1 with cp itself. */
static size_t
slug_decompose(int32_t cp, int32_t *dst, utf8proc_option_t flags)
{
	utf8proc_ssize_t	 n;

	n = utf8proc_decompose_char(cp, dst, SLUG_DECOMP_MAX,
	    UTF8PROC_DECOMPOSE | flags, NULL);
	if (n < 1 || n > SLUG_DECOMP_MAX) {
		dst[0] = cp;
		return 1;
	}
	return (size_t)n;
}

/*
 * What one code point contributes to a slug, as slug_make's loop saw it
 * decomposed: lower-case ASCII letters and digits to emit, '-' for
 * "separate words here".  Returns the count, or SIZE_MAX when more than
 * `cap` would be needed.
 */
static size_t
slug_tokens(int32_t cp, char *out, size_t cap)
{
	int32_t		 dec[SLUG_DECOMP_MAX];
	size_t		 k, nd, n = 0;
	int		 c;

	if ((c = slug_dstroke(cp)) != 0) {
		dec[0] = c;
		nd = 1;
	} else
		/* Compatibility too: "ﬁ" -> "fi", "²" -> "2", fullwidth -> ASCII. */
		nd = slug_decompose(cp, dec, UTF8PROC_COMPAT);
	for (k = 0; k < nd; k++) {
		cp = dec[k];
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
			continue;	/* a diacritic: part of its letter */
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (n == cap)
			return SIZE_MAX;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			out[n++] = (char)cp;
		else
			out[n++] = '-';
	}
	return n;
}

/*
 * slug_tokens of the Latin letters Vietnamese text is made of (Latin-1,
 * Extended-A and B, combining diacritics, Extended Additional), worked
 * out once; the length byte is 0 for "not in the table, ask utf8proc".
 */
#define SLUG_TOK_MAX	7
static const struct {
	int32_t		 lo, hi;
} slug_tab_ranges[] = {
	{ 0x0080, 0x024F }, { 0x0300, 0x036F }, { 0x1E00, 0x1EFF }
};
#define SLUG_NRANGES	(sizeof(slug_tab_ranges) / sizeof(slug_tab_ranges[0]))
#define SLUG_TAB_SIZE	((0x024F - 0x0080 + 1) + (0x036F - 0x0300 + 1) + \
			 (0x1EFF - 0x1E00 + 1))
static struct {
	unsigned char	 len;	/* tokens + 1; 0: not cached */
	char		 tok[SLUG_TOK_MAX];
}			 slug_tab[SLUG_TAB_SIZE];
static pthread_once_t	 slug_tab_once = PTHREAD_ONCE_INIT;

/* Index of cp in slug_tab, or -1. */
static long
slug_tab_index(int32_t cp)
{
	long	 base = 0;
	size_t	 r;

	for (r = 0; r < SLUG_NRANGES; r++) {
		if (cp < slug_tab_ranges[r].lo)
			return -1;
		if (cp <= slug_tab_ranges[r].hi)
			return base + (cp - slug_tab_ranges[r].lo);
		base += slug_tab_ranges[r].hi - slug_tab_ranges[r].lo + 1;
	}
	return -1;
}

static void
slug_tab_init(void)
{
	size_t	 r, n;
	int32_t	 cp;
	long	 i;

	for (r = 0; r < SLUG_NRANGES; r++)
		for (cp = slug_tab_ranges[r].lo; cp <= slug_tab_ranges[r].hi;
		    cp++) {
			i = slug_tab_index(cp);
			n = slug_tokens(cp, slug_tab[i].tok, SLUG_TOK_MAX);
			if (n != SIZE_MAX)
				slug_tab[i].len = (unsigned char)(n + 1);
		}
}

char *
slug_make(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = BUF_INIT;
	int32_t			 cp;
	char			 big[SLUG_DECOMP_MAX], one, *tok;
	size_t			 i = 0, n, k, nt;
	long			 t;
	int			 sep = 0;

	pthread_once(&slug_tab_once, slug_tab_init);
	while (i < len) {
		if (p[i] < 0x80) {
			/* ASCII decomposes to itself and has no marks. */
			one = (char)p[i++];
			if (one >= 'A' && one <= 'Z')
				one += 'a' - 'A';
			if (!((one >= 'a' && one <= 'z') ||
			    (one >= '0' && one <= '9')))
				one = '-';
			tok = &one;
			nt = 1;
		} else {
			n = slug_decode(p + i, len - i, &cp);
			if (n == 0) {
				/* A bad byte separates words; skip just that byte. */
				sep = 1;
				i++;
				continue;
			}
			i += n;
			if ((t = slug_tab_index(cp)) != -1 &&
			    slug_tab[t].len != 0) {
				tok = slug_tab[t].tok;
				nt = slug_tab[t].len - 1u;
			} else {
				tok = big;
				nt = slug_tokens(cp, big, sizeof(big));
			}
		}
		for (k = 0; k < nt; k++) {
			if (tok[k] == '-') {
				sep = 1;
				continue;
			}
			if (sep && b.len > 0)
				buf_putc(&b, '-');
			sep = 0;
			buf_putc(&b, tok[k]);
		}
	}
	return buf_detach(&b);
}

char *
slug_fold(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b = BUF_INIT;
	int32_t			 cp, dec[SLUG_DECOMP_MAX];
	size_t			 i = 0, n, k, nd;
	int			 space = 0, c;
	char			*res;

	while (i < len) {
		if (p[i] < 0x80) {
			/* ASCII: no decomposition, no marks; Zs is ' ' alone. */
			c = p[i++];
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				space = 1;
				continue;
			}
			if (space && b.len > 0)
				buf_putc(&b, ' ');
			space = 0;
			buf_putc(&b, c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
			continue;
		}
		n = slug_decode(p + i, len - i, &cp);
		if (n == 0) {
			/* Keep the result valid UTF-8: one U+FFFD per bad byte. */
			cp = 0xFFFD;
			n = 1;
		}
		i += n;
		if (slug_is_space(cp)) {
			space = 1;
			continue;
		}
		if ((c = slug_dstroke(cp)) != 0) {
			if (space && b.len > 0)
				buf_putc(&b, ' ');
			space = 0;
			buf_putc(&b, 'd');
			continue;
		}
		/* Canonical only: folding must not turn "½" into "1/2". */
		nd = slug_decompose(cp, dec, 0);
		for (k = 0; k < nd; k++) {
			if (utf8proc_category(dec[k]) == UTF8PROC_CATEGORY_MN)
				continue;
			/* The space only before something kept: a mark
			   alone after a space must not leave "a  b" or "a ". */
			if (space && b.len > 0)
				buf_putc(&b, ' ');
			space = 0;
			slug_put_cp(&b, utf8proc_tolower(dec[k]));
		}
	}
	/* Recompose what decomposition split without dropping (Hangul). */
	res = utf8_nfc(buf_cstr(&b), b.len);
	buf_free(&b);
	return res;
}

/*
 * Text typed on Windows, macOS or a phone is almost always NFC already;
 * normalising every file costs more than the rest of parsing.  Text with
 * no combining mark (canonical combining class 0 throughout, which covers
 * every Vietnamese tone and vowel mark in decomposed form) and no
 * Hangul jamo cannot change under NFC, save for a handful of singleton
 * compatibility letters (Ångström sign, Ohm sign) that do not occur in
 * administrative text.
 *
 * The rule is looked up per code point, so for the BMP its answers are
 * kept in a bitmap built once from utf8proc (8 KB) instead of asking
 * utf8proc for every character of every file.
 */
static unsigned char		utf8_nfc_bits[0x10000 / 8];
static pthread_once_t		utf8_nfc_once = PTHREAD_ONCE_INIT;

static int
utf8_nfc_rule(int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class != 0 ||
	    (cp >= 0x1100 && cp <= 0x11FF);
}

static void
utf8_nfc_init(void)
{
	int32_t	 cp;

	for (cp = 0x80; cp < 0x10000; cp++)
		if (utf8_nfc_rule(cp))
			utf8_nfc_bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Might NFC change text holding cp?  See utf8_nfc_init first. */
static int
utf8_nfc_unsafe(int32_t cp)
{
	if (cp < 0x10000)
		return (utf8_nfc_bits[cp >> 3] >> (cp & 7)) & 1;
	return utf8_nfc_rule(cp);
}

#define UTF8_ONES	UINT64_C(0x0101010101010101)
#define UTF8_HIGHS	UINT64_C(0x8080808080808080)

/*
 * One pass for utf8_valid, utf8_check and utf8_nfc.  Returns 1 if s[0..len)
 * is valid UTF-8, else 0 with the first bad byte's offset in *bad.  On
 * success *nul is the offset of the first NUL byte (or len) and *quick
 * is set when no character might change under NFC.  Eight bytes at a
 * time while they are ASCII without NUL, which is most of any file.
 */
static int
utf8_scan(const char *s, size_t len, size_t *bad, size_t *nul, int *quick)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, z = len;
	uint64_t		 w;
	int32_t			 cp;
	int			 q = 1;

	pthread_once(&utf8_nfc_once, utf8_nfc_init);
	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, p + i, sizeof(w));
			/* No high bit and (then exactly) no zero byte. */
			if (((w | (w - UTF8_ONES)) & UTF8_HIGHS) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			if (p[i] == '\0' && z == len)
				z = i;
			i++;
			continue;
		}
		/* Well-formed two- and three-byte letters, inline. */
		if (p[i] >= 0xC2 && p[i] <= 0xDF && len - i >= 2 &&
		    (p[i + 1] & 0xC0) == 0x80) {
			cp = (p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F);
			if (q && utf8_nfc_unsafe(cp))
				q = 0;
			i += 2;
			continue;
		}
		if (p[i] >= 0xE1 && p[i] <= 0xEC && len - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			cp = (p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 |
			    (p[i + 2] & 0x3F);
			if (q && utf8_nfc_unsafe(cp))
				q = 0;
			i += 3;
			continue;
		}
		if ((n = slug_decode(p + i, len - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		if (q && utf8_nfc_unsafe(cp))
			q = 0;
		i += n;
	}
	*nul = z;
	*quick = q;
	return 1;
}

int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t	 nul;
	int	 quick;

	return utf8_scan(s, len, bad, &nul, &quick);
}

int
utf8_check(const char *s, size_t len, size_t *at, int *is_nfc)
{
	size_t	 nul;

	if (!utf8_scan(s, len, at, &nul, is_nfc))
		return UTF8_BAD;
	if (nul < len) {
		*at = nul;
		return UTF8_NUL;
	}
	return UTF8_OK;
}

char *
utf8_nfc(const char *s, size_t len)
{
	utf8proc_uint8_t	*out = NULL;
	utf8proc_ssize_t	 n;
	size_t			 nul;
	int			 quick;

	if (!utf8_scan(s, len, NULL, &nul, &quick))
		return NULL;
	if (len == 0)
		return xstrdup("");
	if (quick)
		return xstrndup(s, len);
	if (len > (size_t)(PTRDIFF_MAX / 8))
		xdie("utf8_nfc: input too large");
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		xdie("utf8proc: %s", utf8proc_errmsg(n));
	return (char *)out;
}
