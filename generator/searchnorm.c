/*
 * searchnorm.c - the search index's normalisation; see searchnorm.h and
 * docs/search.md ("Normalisation"), which tim-kiem-chuan.js follows too.
 *
 * The index writer runs every page's text through here (about 80 MB on
 * the 10,000-post bench site), so: the text is checked for UTF-8 and NFC
 * in one pass (utf8_check, eight ASCII bytes a step) and normalised only
 * when it is not NFC already; ASCII is handled inline; every other
 * character's class, lower case and folded form come from a table built
 * once for U+0080..U+1FFF (Latin, Greek, Cyrillic, combining marks,
 * Vietnamese's Latin Extended Additional), from utf8proc beyond it; and
 * the strings of all tokens go into one pool, no allocation per token.
 *
 * Lower case then fold per code point is the fold of the whole atom: NFD
 * decomposes each code point on its own and only reorders marks, which
 * are dropped.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "searchnorm.h"
#include "slug.h"
#include "swar.h"
#include "util.h"

#define SNORM_DECOMP_MAX	32	/* canonical decompositions are shorter */
#define SNORM_FOLD_MAX		15	/* a form of one code point (Hangul's
					   3 jamo: 9 bytes) */
#define SNORM_CP_MAX		16	/* pool room for one code point's form */
#define SNORM_TAB_LO		0x80
#define SNORM_TAB_HI		0x2100	/* exclusive: General Punctuation in */

/*
 * What the scanner needs to know of one code point, as its NFC form: text
 * that utf8_check finds NFC-safe (no combining mark, no jamo) may still
 * hold a singleton that NFC replaces on its own (U+1F71 ά with oxia by
 * U+03AC, U+F900 by U+8C48, U+0958 by U+0915 U+093C), which the page's
 * String.normalize("NFC") does.
 */
struct snorm_char {
	unsigned char	 word;		/* L*, M* or Nd */
	unsigned char	 nfcx;		/* NFC might change text holding it
					   (as utf8_check: a combining class,
					   a Hangul jamo) */
	unsigned char	 nlow, nfold;	/* bytes in low, fold */
	char		 low[SNORM_FOLD_MAX];	/* simple lower case, UTF-8 */
	char		 fold[SNORM_FOLD_MAX];	/* NFD, marks dropped, đ->d */
};

static struct snorm_char	 snorm_tab[SNORM_TAB_HI - SNORM_TAB_LO];
/* What the cut asks of most characters, small enough to stay in the
   cache: SNORM_WORD, SNORM_NFCX (the table's word and nfcx). */
#define SNORM_WORD	1
#define SNORM_NFCX	2
static unsigned char		 snorm_cls[SNORM_TAB_HI];
/* Bytes that may be part of a word: ASCII letters and digits, >= 0x80. */
static unsigned char		 snorm_runb[256];
static pthread_once_t		 snorm_tab_once = PTHREAD_ONCE_INIT;

static int
snorm_is_mark(utf8proc_category_t c)
{
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	    c == UTF8PROC_CATEGORY_ME;
}

static int
snorm_is_word_cat(utf8proc_category_t c)
{
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
	    c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
	    c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_ND ||
	    snorm_is_mark(c);
}

/* Appends cp's UTF-8 to out[*n..SNORM_FOLD_MAX) if it fits. */
static void
snorm_char_put(char *out, unsigned char *n, int32_t cp)
{
	utf8proc_uint8_t	 tmp[4];
	utf8proc_ssize_t	 w;

	w = utf8proc_encode_char(cp, tmp);
	if (*n + w > SNORM_FOLD_MAX)
		return;		/* no NFC or NFD of one code point is this long */
	memcpy(out + *n, tmp, (size_t)w);
	*n = (unsigned char)(*n + w);
}

/* cp's NFC form into nfc[]; returns the count (1 but for singletons). */
static size_t
snorm_char_nfc(int32_t cp, int32_t *nfc, size_t max)
{
	const utf8proc_property_t	*pr = utf8proc_get_property(cp);
	utf8proc_uint8_t		 in[4], *out = NULL;
	utf8proc_ssize_t		 r, w, i;
	size_t				 n = 0;

	nfc[0] = cp;
	/* Only a canonical decomposition can make NFC change it. */
	if (pr->decomp_seqindex == UINT16_MAX || pr->decomp_type != 0)
		return 1;
	w = utf8proc_encode_char(cp, in);
	r = utf8proc_map(in, w, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (i = 0; r > 0 && i < r && n < max; i += w) {
		w = utf8proc_iterate(out + i, r - i, &nfc[n]);
		if (w <= 0)
			break;
		n++;
	}
	free(out);
	if (n == 0)
		nfc[n++] = cp;
	return n;
}

/* Works out cp's entry with utf8proc. */
static void
snorm_char_make(int32_t cp, struct snorm_char *out)
{
	utf8proc_int32_t	 nfc[4], dec[SNORM_DECOMP_MAX], low;
	utf8proc_ssize_t	 nd, k;
	size_t			 nc, j;

	memset(out, 0, sizeof(*out));
	out->nfcx = (unsigned char)(utf8proc_get_property(cp)->
	    combining_class != 0 || (cp >= 0x1100 && cp <= 0x11FF));
	nc = snorm_char_nfc(cp, nfc, 4);
	out->word = (unsigned char)snorm_is_word_cat(utf8proc_category(nfc[0]));
	for (j = 0; j < nc; j++) {
		low = utf8proc_tolower(nfc[j]);
		snorm_char_put(out->low, &out->nlow, low);
		/* đ (U+0111) has no decomposition: it would stay a letter. */
		if (low == 0x0111) {
			snorm_char_put(out->fold, &out->nfold, 'd');
			continue;
		}
		nd = utf8proc_decompose_char(low, dec, SNORM_DECOMP_MAX,
		    UTF8PROC_DECOMPOSE, NULL);
		if (nd < 1 || nd > SNORM_DECOMP_MAX) {
			dec[0] = low;
			nd = 1;
		}
		for (k = 0; k < nd; k++)
			if (!snorm_is_mark(utf8proc_category(dec[k])))
				snorm_char_put(out->fold, &out->nfold, dec[k]);
	}
}

static void
snorm_tab_init(void)
{
	struct snorm_char	*ch;
	int32_t			 cp;

	for (cp = 0; cp < SNORM_TAB_LO; cp++)
		snorm_runb[cp] = snorm_cls[cp] = (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ?
		    SNORM_WORD : 0;
	for (cp = SNORM_TAB_LO; cp < 256; cp++)
		snorm_runb[cp] = 1;
	for (cp = SNORM_TAB_LO; cp < SNORM_TAB_HI; cp++) {
		ch = &snorm_tab[cp - SNORM_TAB_LO];
		snorm_char_make(cp, ch);
		snorm_cls[cp] = (unsigned char)((ch->word ? SNORM_WORD : 0) |
		    (ch->nfcx ? SNORM_NFCX : 0));
	}
}

/* cp's entry: from the table, or worked out into *tmp. */
static inline const struct snorm_char *
snorm_char_of(int32_t cp, struct snorm_char *tmp)
{
	if (cp >= SNORM_TAB_LO && cp < SNORM_TAB_HI)
		return &snorm_tab[cp - SNORM_TAB_LO];
	snorm_char_make(cp, tmp);
	return tmp;
}

/* cp's SNORM_WORD and SNORM_NFCX bits. */
static inline unsigned
snorm_class(int32_t cp)
{
	struct snorm_char	 tmp;
	const struct snorm_char	*ch;

	if (cp < SNORM_TAB_HI)
		return snorm_cls[cp];
	ch = snorm_char_of(cp, &tmp);
	return (ch->word ? SNORM_WORD : 0) | (ch->nfcx ? SNORM_NFCX : 0);
}

/*
 * Decodes the non-ASCII code point at p[0..n).  Returns its length and
 * sets *cp, or 0 when p[0] does not start a well-formed sequence (no
 * overlongs, surrogates or values past U+10FFFF).
 */
static inline size_t
snorm_decode(const unsigned char *p, size_t n, int32_t *cp)
{
	unsigned char	 c = p[0], lo = 0x80, hi = 0xBF;
	size_t		 len, i;
	int32_t		 v;

	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = (c & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
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
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	*cp = v;
	return len;
}

static inline int
snorm_ascii_word(unsigned char c)
{
	return snorm_cls[c] & SNORM_WORD;	/* a-z, A-Z, 0-9 */
}

static inline int
snorm_joiner(unsigned char c)
{
	return c == '.' || c == '/' || c == '-';
}

/*
 * Is the character at p[0..n) (n > 0) a word character?  Its length goes
 * to *len (1 for a byte that starts no well-formed sequence); *unsafe
 * (if not NULL) is set for such a byte or a character NFC might change.
 */
static inline int
snorm_word_at(const unsigned char *p, size_t n, size_t *len, int *unsafe)
{
	int32_t			 cp;
	unsigned		 c;

	if (p[0] < 0x80) {
		*len = 1;
		return snorm_ascii_word(p[0]);
	}
	if ((*len = snorm_decode(p, n, &cp)) == 0) {
		*len = 1;
		if (unsafe != NULL)
			*unsafe = 1;
		return 0;
	}
	c = snorm_class(cp);
	if (unsafe != NULL && (c & SNORM_NFCX))
		*unsafe = 1;
	return c & SNORM_WORD;
}

/*
 * Grows the pool to hold `more` bytes more.  Tokens not remembered
 * atoms point into it, so they are moved along (a copy, not realloc:
 * both addresses stay valid while the offsets are taken).
 */
static void
snorm_grow(struct snorm *s, size_t more)
{
	char	*old = s->pool;
	size_t	 i;

	while (s->pool_cap - s->pool_len < more)
		s->pool_cap = s->pool_cap ? s->pool_cap * 2 : 4096;
	s->pool = xmalloc(s->pool_cap);
	if (s->pool_len > 0)
		memcpy(s->pool, old, s->pool_len);
	for (i = 0; i < s->n; i++) {
		if (s->v[i].atom != SNORM_NOATOM)
			continue;
		s->v[i].exact = s->pool + (s->v[i].exact - old);
		s->v[i].fold = s->pool + (s->v[i].fold - old);
	}
	free(old);
}

static inline void
snorm_reserve(struct snorm *s, size_t more)
{
	if (s->pool_cap - s->pool_len < more)
		snorm_grow(s, more);
}

/*
 * Appends the lower case (exact = 1) or the folded form (exact = 0) of
 * p[0..n), code point by code point; bytes that start no well-formed
 * sequence are left out.  Returns the bytes appended.
 */
static size_t
snorm_put(struct snorm *s, const unsigned char *p, size_t n, int exact)
{
	const struct snorm_char	*ch;
	struct snorm_char	 tmp;
	size_t			 i = 0, k, start = s->pool_len;
	int32_t			 cp;

	while (i < n) {
		snorm_reserve(s, SNORM_CP_MAX);
		if (p[i] < 0x80) {
			s->pool[s->pool_len++] = (char)(p[i] >= 'A' &&
			    p[i] <= 'Z' ? p[i] + ('a' - 'A') : p[i]);
			i++;
			continue;
		}
		if ((k = snorm_decode(p + i, n - i, &cp)) == 0) {
			i++;
			continue;
		}
		i += k;
		ch = snorm_char_of(cp, &tmp);
		if (exact) {
			memcpy(s->pool + s->pool_len, ch->low, ch->nlow);
			s->pool_len += ch->nlow;
		} else {
			memcpy(s->pool + s->pool_len, ch->fold, ch->nfold);
			s->pool_len += ch->nfold;
		}
	}
	return s->pool_len - start;
}

/*
 * The i/y rule on a folded atom f[0..n): two or more letters a-z ending
 * in y after a consonant, or in "quy", end in i instead (ký -> ki).
 */
static void
snorm_iy(char *f, size_t n)
{
	size_t	 i;

	if (n < 2 || f[n - 1] != 'y')
		return;
	for (i = 0; i < n; i++)
		if (f[i] < 'a' || f[i] > 'z')
			return;
	if (strchr("aeiouy", f[n - 2]) == NULL ||
	    (n >= 3 && f[n - 3] == 'q' && f[n - 2] == 'u'))
		f[n - 1] = 'i';
}

/* Appends the folded form of one atom, i/y rule applied; its length. */
static size_t
snorm_put_fold(struct snorm *s, const unsigned char *p, size_t n)
{
	size_t	 nf;

	if ((nf = snorm_put(s, p, n, 0)) > 0)
		snorm_iy(s->pool + s->pool_len - nf, nf);
	return nf;
}

static void
snorm_putc(struct snorm *s, char c)
{
	snorm_reserve(s, 1);
	s->pool[s->pool_len++] = c;
}

/* A token's lengths, hashes and `same`, from its strings. */
static void
snorm_measure(struct snorm_tok *t)
{
	t->elen = (uint32_t)strlen(t->exact);
	t->flen = (uint32_t)strlen(t->fold);
	t->ehash = snorm_fnv1a(t->exact, t->elen);
	t->fhash = snorm_fnv1a(t->fold, t->flen);
	t->same = t->elen == t->flen && memcmp(t->exact, t->fold,
	    t->flen) == 0;
}

/*
 * A token whose exact and folded strings the pool holds at `mark` and
 * `fold` (each NUL-terminated), or nothing (pool cut back to mark) when
 * the folded form is empty or too long.
 */
static void
snorm_push(struct snorm *s, size_t mark, size_t fold, size_t nfold,
    unsigned pos, int joined)
{
	struct snorm_tok	*t;

	if (nfold == 0 || nfold > SNORM_MAXTERM) {
		s->pool_len = mark;
		return;
	}
	ARRAY_GROW(s->v, s->n, s->cap, 64);
	t = &s->v[s->n++];
	t->exact = s->pool + mark;
	t->fold = s->pool + fold;
	t->pos = pos;
	t->joined = joined;
	t->atom = SNORM_NOATOM;
	snorm_measure(t);
}

/* The length of the atom at p[0..n) of a compound: up to its joiner. */
static size_t
snorm_atom_len(const unsigned char *p, size_t n)
{
	size_t	 i = 0;

	/* Word characters' bytes past the first are >= 0x80: no joiner. */
	while (i < n && !snorm_joiner(p[i]))
		i++;
	return i;
}

#define SNORM_ABORT	((size_t)-1)

/*
 * Where the atom starting at p[i] (a word character) ends.  fast: the
 * text was not checked, so SNORM_ABORT at a bad byte or a character NFC
 * might change (snorm_tokens then takes the checked path).
 */
static size_t
snorm_extent(const unsigned char *p, size_t n, size_t i, int fast)
{
	size_t			 k;
	int32_t			 cp;
	unsigned		 c;

	while (i < n) {
		if (p[i] < 0x80) {
			if (!snorm_ascii_word(p[i]))
				break;
			i++;
			continue;
		}
		if ((k = snorm_decode(p + i, n - i, &cp)) == 0)
			return fast ? SNORM_ABORT : i;
		c = snorm_class(cp);
		if (fast && (c & SNORM_NFCX))
			return SNORM_ABORT;
		if (!(c & SNORM_WORD))
			break;
		i += k;
	}
	return i;
}

/*
 * The forms of p[0..n), word characters: the lower case appended to the
 * pool (no NUL), the folded form's first bytes into f (room for
 * SNORM_MAXTERM + 1 + SNORM_FOLD_MAX: enough to tell it is too long)
 * with the i/y rule applied when it is not, its whole length in *nfp.
 */
static void
snorm_forms(struct snorm *s, const unsigned char *p, size_t n, char *f,
    size_t *nfp)
{
	const struct snorm_char	*ch;
	struct snorm_char	 tmp;
	char			*o, *lim;
	size_t			 nf = 0, i, k;
	int32_t			 cp;
	unsigned char		 c;

	/* The pool's end in locals: stores through char * would make the
	   compiler reload s->pool and s->pool_len after each byte. */
	snorm_reserve(s, SNORM_CP_MAX);
	o = s->pool + s->pool_len;
	lim = s->pool + s->pool_cap - SNORM_CP_MAX;
	for (i = 0; i < n; i += k) {
		if (o > lim) {
			s->pool_len = (size_t)(o - s->pool);
			snorm_grow(s, SNORM_CP_MAX);
			o = s->pool + s->pool_len;
			lim = s->pool + s->pool_cap - SNORM_CP_MAX;
		}
		if ((c = p[i]) < 0x80) {
			if (c <= 'Z' && c >= 'A')
				c += 'a' - 'A';
			*o++ = (char)c;
			if (nf <= SNORM_MAXTERM)
				f[nf] = (char)c;
			nf++;
			k = 1;
			continue;
		}
		if ((k = snorm_decode(p + i, n - i, &cp)) == 0) {
			k = 1;		/* cannot happen: p is word characters */
			continue;
		}
		ch = snorm_char_of(cp, &tmp);
		/* Fixed sizes: moves, not calls; the room is there. */
		memcpy(o, ch->low, sizeof(ch->low));
		o += ch->nlow;
		if (nf <= SNORM_MAXTERM)
			memcpy(f + nf, ch->fold, sizeof(ch->fold));
		nf += ch->nfold;
	}
	s->pool_len = (size_t)(o - s->pool);
	if (nf > 0 && nf <= SNORM_MAXTERM)
		snorm_iy(f, nf);
	*nfp = nf;
}

/* --- The memory of atoms ----------------------------------------------- */

#define SNORM_MEMO_RAW		128	/* longer atoms are not remembered */
#define SNORM_MEMO_MAX		(1u << 18)	/* atoms, then emptied */
#define SNORM_MEMO_BLOCK	65536	/* bytes of forms a block */

struct snorm_atom_ent {
	const char	*raw;		/* the atom's bytes in the text */
	uint64_t	 w0;		/* its first 8 bytes (snorm_rawhash) */
	const char	*exact, *fold;	/* NULL: the atom is dropped */
	uint32_t	 hash;		/* snorm_rawhash of raw */
	uint32_t	 elen, flen, ehash, fhash;
	uint16_t	 rawlen;
	unsigned char	 same;
	unsigned char	 fastok;	/* cut by the unchecked path: no
					   character NFC might change */
};

/*
 * A hash of an atom's bytes p[0..n) (avail >= n bytes may be read), for
 * the memory only: 8 bytes a step (the index's FNV-1a, a byte a step,
 * would cost more than the rest of the cut).  The first 8 bytes (fewer
 * if n is smaller, the others zero) go to *w0, as one number.
 */
static inline uint64_t
snorm_load(const unsigned char *p, size_t r, size_t avail)
{
	uint64_t	 w = 0;
	size_t		 k;

	if (r >= 8 || avail >= 8) {
		memcpy(&w, p, 8);
		if (r >= 8)
			return w;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		return w & ~(UINT64_MAX >> (8 * r));
#else
		return w & ((UINT64_C(1) << (8 * r)) - 1);
#endif
	}
	for (k = 0; k < r; k++)
		w |= (uint64_t)p[k] << (8 * k);
	return w;
}

static uint32_t
snorm_rawhash(const unsigned char *p, size_t n, size_t avail, uint64_t *w0)
{
	uint64_t	 h = (uint64_t)n * 0x9E3779B97F4A7C15ull, w;
	size_t		 i = 0;

	do {
		w = snorm_load(p + i, n - i, avail - i);
		if (i == 0)
			*w0 = w;
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
		i += 8;
	} while (i < n);
	return (uint32_t)h;
}

/* Room for len bytes in the last block (a new block if need be). */
static char *
snorm_memo_room(struct snorm_memo *m, size_t len)
{
	if (m->nblk == 0 || SNORM_MEMO_BLOCK - m->used < len) {
		ARRAY_GROW(m->blk, m->nblk, m->blkcap, 16);
		m->blk[m->nblk++] = xmalloc(SNORM_MEMO_BLOCK);
		m->used = 0;
	}
	m->used += len;
	return m->blk[m->nblk - 1] + m->used - len;
}

static void
snorm_memo_rehash(struct snorm_memo *m)
{
	size_t	 size = m->tabsize ? m->tabsize * 2 : 4096, i, h;

	free(m->tab);
	m->tab = xcalloc(size, sizeof(*m->tab));
	m->tabsize = size;
	for (i = 0; i < m->n; i++) {
		for (h = m->e[i].hash & (size - 1); m->tab[h] != 0;
		    h = (h + 1) & (size - 1))
			;
		m->tab[h] = (uint32_t)(i + 1);
	}
}

/* Forgets every atom (their tokens' strings with them). */
static void
snorm_memo_empty(struct snorm_memo *m)
{
	size_t	 i;

	for (i = 0; i < m->nblk; i++)
		free(m->blk[i]);
	m->nblk = m->used = 0;
	m->n = 0;
	if (m->tabsize > 0)
		memset(m->tab, 0, m->tabsize * sizeof(*m->tab));
	m->epoch++;
}

#define SNORM_MEMO_NONE	UINT32_MAX

/* The probe of snorm_memo_find(), its hash h and first word w0 made. */
static inline uint32_t
snorm_memo_probe(const struct snorm_memo *m, const unsigned char *p,
    size_t n, uint32_t h, uint64_t w0, size_t *slot)
{
	const struct snorm_atom_ent *e;
	size_t			 k;

	for (k = h & (m->tabsize - 1); m->tab[k] != 0;
	    k = (k + 1) & (m->tabsize - 1)) {
		e = &m->e[m->tab[k] - 1];
		if (e->hash == h && e->w0 == w0 && e->rawlen == n &&
		    (n <= 8 || memcmp(e->raw + 8, p + 8, n - 8) == 0))
			return m->tab[k] - 1;
	}
	*slot = k;
	return SNORM_MEMO_NONE;
}

/*
 * The id of the atom p[0..n) (0 < n <= SNORM_MEMO_RAW; avail >= n bytes
 * readable) if remembered, else SNORM_MEMO_NONE with its table slot in
 * *slot and hash in *hp, *w0p.
 */
static inline uint32_t
snorm_memo_find(const struct snorm_memo *m, const unsigned char *p,
    size_t n, size_t avail, size_t *slot, uint32_t *hp, uint64_t *w0p)
{
	uint64_t		 w0;
	uint32_t		 h = snorm_rawhash(p, n, avail, &w0);

	*hp = h;
	*w0p = w0;
	return snorm_memo_probe(m, p, n, h, w0, slot);
}

/*
 * The id of the atom p[0..n) (0 < n <= SNORM_MEMO_RAW, word
 * characters; avail >= n bytes readable), its forms made the first time
 * it is seen.  fast: the atom was cut by the unchecked path.
 */
static uint32_t
snorm_memo_get(struct snorm *s, const unsigned char *p, size_t n,
    size_t avail, int fast)
{
	struct snorm_memo	*m = &s->memo;
	struct snorm_atom_ent	*e;
	char			 f[SNORM_MAXTERM + 1 + SNORM_FOLD_MAX];
	char			*at;
	size_t			 k, nf, mark = s->pool_len, elen;
	uint64_t		 w0;
	uint32_t		 h, id;

	if ((m->n + 1) * 2 > m->tabsize)
		snorm_memo_rehash(m);
	if ((id = snorm_memo_find(m, p, n, avail, &k, &h, &w0)) !=
	    SNORM_MEMO_NONE) {
		if (fast)
			m->e[id].fastok = 1;
		return id;
	}
	ARRAY_GROW(m->e, m->n, m->cap, 1024);
	e = &m->e[m->n];
	memset(e, 0, sizeof(*e));
	snorm_forms(s, p, n, f, &nf);
	elen = s->pool_len - mark;
	at = snorm_memo_room(m, n + (nf > 0 && nf <= SNORM_MAXTERM ?
	    elen + nf + 2 : 0));
	memcpy(at, p, n);
	e->raw = at;
	e->rawlen = (uint16_t)n;
	e->hash = h;
	e->w0 = w0;
	e->fastok = (unsigned char)fast;
	if (nf > 0 && nf <= SNORM_MAXTERM) {
		e->exact = at + n;
		memcpy(at + n, s->pool + mark, elen);
		at[n + elen] = '\0';
		e->fold = at + n + elen + 1;
		memcpy(at + n + elen + 1, f, nf);
		at[n + elen + 1 + nf] = '\0';
		e->elen = (uint32_t)elen;
		e->flen = (uint32_t)nf;
		e->ehash = snorm_fnv1a(e->exact, elen);
		e->fhash = snorm_fnv1a(e->fold, nf);
		e->same = elen == nf && memcmp(e->exact, e->fold, nf) == 0;
	}
	s->pool_len = mark;
	m->tab[k] = (uint32_t)++m->n;
	return (uint32_t)(m->n - 1);
}

/* The remembered atom id as the token at position pos (none if dropped). */
static inline void
snorm_push_atom(struct snorm *s, unsigned pos, uint32_t id)
{
	const struct snorm_atom_ent *a = &s->memo.e[id];
	struct snorm_tok	*t;

	if (a->exact == NULL)
		return;
	ARRAY_GROW(s->v, s->n, s->cap, 64);
	t = &s->v[s->n++];
	t->exact = a->exact;
	t->fold = a->fold;
	t->pos = pos;
	t->joined = 0;
	t->elen = a->elen;
	t->flen = a->flen;
	t->ehash = a->ehash;
	t->fhash = a->fhash;
	t->same = a->same;
	t->atom = id;
}

static void
snorm_atom(struct snorm *s, unsigned pos, const unsigned char *p, size_t n,
    size_t i, size_t e, int fast)
{
	char			 f[SNORM_MAXTERM + 1 + SNORM_FOLD_MAX];
	size_t			 nf, mark = s->pool_len;

	if (e - i > SNORM_MEMO_RAW) {
		snorm_forms(s, p + i, e - i, f, &nf);
		if (nf == 0 || nf > SNORM_MAXTERM) {
			s->pool_len = mark;	/* its position stays used */
			return;
		}
		snorm_reserve(s, nf + 2);
		s->pool[s->pool_len++] = '\0';
		memcpy(s->pool + s->pool_len, f, nf);
		s->pool_len += nf;
		s->pool[s->pool_len++] = '\0';
		snorm_push(s, mark, s->pool_len - nf - 1, nf, pos, 0);
		return;
	}
	snorm_push_atom(s, pos, snorm_memo_get(s, p + i, e - i, n - i, fast));
}

/*
 * The joined form of the compound p[0..n) (atoms and single joiners),
 * at position pos: its atoms' lower cases, then their folded forms.
 */
static void
snorm_joined(struct snorm *s, unsigned pos, const unsigned char *p, size_t n)
{
	size_t	 a, k, nf = 0, mark = s->pool_len, fold;

	for (a = 0; a < n; a += k + 1) {
		k = snorm_atom_len(p + a, n - a);
		snorm_put(s, p + a, k, 1);
	}
	snorm_putc(s, '\0');
	fold = s->pool_len;
	for (a = 0; a < n; a += k + 1) {
		k = snorm_atom_len(p + a, n - a);
		nf += snorm_put_fold(s, p + a, k);
	}
	snorm_putc(s, '\0');
	snorm_push(s, mark, fold, nf, pos, 1);
}

/*
 * The high bit of each byte of x that may not be part of a word's run
 * (snorm_runb): an ASCII byte that is no letter or digit.
 */
static inline uint64_t
snorm_runstop(uint64_t x)
{
	uint64_t	 a = x & SWAR_LOW7, l = a | SWAR_ONES * 0x20;

	/* Letters are the lower case range once 0x20 is set in each. */
	return ~(x | (swar_ge(a, '0') & ~swar_ge(a, '9' + 1)) |
	    (swar_ge(l, 'a') & ~swar_ge(l, 'z' + 1))) & SWAR_HIGH;
}

/* Where the run of snorm_runb bytes from p[i] ends (p[n] or before). */
static inline size_t
snorm_runend(const unsigned char *p, size_t n, size_t i)
{
#if SWAR_LE
	uint64_t	 x, m;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, p + i, 8);
		if ((m = snorm_runstop(x)) != 0)
			return i + swar_first(m);
	}
#endif
	while (i < n && snorm_runb[p[i]])
		i++;
	return i;
}

/*
 * Unchecked text: where the atom at p[i] (a word character) ends, if the
 * run of bytes there that may be a word's (ASCII letters and digits, any
 * byte >= 0x80) is an atom the unchecked path cut before: its id to *id.
 * Else i.  Most atoms were seen: found by their bytes, they are neither
 * decoded nor classed again.  The run equals such an atom, so the
 * checked cut would end at the same byte.
 */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))	/* the cut's inner step: two callers */
#endif
static inline size_t
snorm_known(const struct snorm *s, const unsigned char *p, size_t n,
    size_t i, uint32_t *id)
{
	size_t		 r, slot;
	uint64_t	 w0;
	uint32_t	 h;

	if (s->memo.tabsize == 0)
		return i;
#if SWAR_LE
	/* Most atoms are shorter than 8 bytes: one load finds the run's
	   end, its first word and (as snorm_rawhash) its hash. */
	if (i + 8 <= n) {
		uint64_t	 x, m, hh;

		memcpy(&x, p + i, 8);
		if ((m = snorm_runstop(x)) != 0) {
			r = swar_first(m);	/* >= 1 */
			w0 = x & ((UINT64_C(1) << (8 * r)) - 1);
			hh = ((uint64_t)r * 0x9E3779B97F4A7C15ull ^ w0) *
			    0xFF51AFD7ED558CCDull;
			h = (uint32_t)(hh ^ hh >> 32);
			*id = snorm_memo_probe(&s->memo, p + i, r, h, w0,
			    &slot);
			if (*id == SNORM_MEMO_NONE || !s->memo.e[*id].fastok)
				return i;
			return i + r;
		}
	}
#endif
	r = snorm_runend(p, n, i);
	if (r - i > SNORM_MEMO_RAW)
		return i;
	*id = snorm_memo_find(&s->memo, p + i, r - i, n - i, &slot, &h,
	    &w0);
	if (*id == SNORM_MEMO_NONE || !s->memo.e[*id].fastok)
		return i;
	return r;
}

/*
 * Cuts p[0..n), NFC text (bad bytes, if any, are separators), into
 * compounds: maximal runs of word characters (atoms), joined while
 * exactly one joiner stands between two of them.  fast: p was not
 * checked; -1 (tokens half made) when a bad byte or a character that NFC
 * might change is met.
 */
static int
snorm_scan(struct snorm *s, unsigned *pos, const unsigned char *p, size_t n,
    int fast)
{
	size_t		 i = 0, e, k, start, natoms;
	unsigned	 first;
	uint32_t	 id = 0;
	int		 unsafe = 0;

	while (i < n) {
		if (p[i] == ' ') {	/* most separators: one space */
			i++;
			continue;
		}
		/* A remembered atom is a word: found by its bytes, its first
		   character's class is not looked up. */
		e = fast && snorm_runb[p[i]] ? snorm_known(s, p, n, i, &id) : i;
		if (e == i && !snorm_word_at(p + i, n - i, &k, &unsafe)) {
			if (fast && unsafe)
				return -1;
			i += k;
			continue;
		}
		start = i;
		first = *pos;
		natoms = 0;
		for (;;) {
			if (e > i)
				snorm_push_atom(s, (*pos)++, id);
			else {
				if ((e = snorm_extent(p, n, i, fast)) ==
				    SNORM_ABORT)
					return -1;
				snorm_atom(s, (*pos)++, p, n, i, e, fast);
			}
			natoms++;
			i = e;
			if (i + 1 < n && snorm_joiner(p[i]) &&
			    snorm_word_at(p + i + 1, n - i - 1, &k, NULL)) {
				i++;
				e = fast ? snorm_known(s, p, n, i, &id) : i;
				continue;
			}
			break;
		}
		if (natoms > 1)
			snorm_joined(s, first, p + start, i - start);
	}
	return 0;
}

/* A run of valid UTF-8, normalised to NFC first unless it is already. */
static void
snorm_segment(struct snorm *s, unsigned *pos, const char *p, size_t n,
    int is_nfc)
{
	utf8proc_uint8_t	*out = NULL;
	utf8proc_ssize_t	 r;

	if (!is_nfc && n <= (size_t)(PTRDIFF_MAX / 8)) {
		r = utf8proc_map((const utf8proc_uint8_t *)p,
		    (utf8proc_ssize_t)n, &out,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r >= 0) {
			snorm_scan(s, pos, out, (size_t)r, 0);
			free(out);
			return;
		}
		free(out);	/* cannot happen on valid UTF-8: scan as is */
	}
	snorm_scan(s, pos, (const unsigned char *)p, n, 0);
}

void
snorm_init(struct snorm *s)
{
	memset(s, 0, sizeof(*s));
}

void
snorm_free(struct snorm *s)
{
	snorm_memo_empty(&s->memo);
	free(s->memo.blk);
	free(s->memo.e);
	free(s->memo.tab);
	free(s->v);
	free(s->pool);
	snorm_init(s);
}

uint32_t
snorm_fnv1a(const char *p, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

size_t
snorm_tokens(struct snorm *s, const char *text, size_t len)
{
	size_t		 at, i;
	unsigned	 pos = 0;
	int		 is_nfc;

	pthread_once(&snorm_tab_once, snorm_tab_init);
	if (s->memo.n >= SNORM_MEMO_MAX)
		snorm_memo_empty(&s->memo);
	s->n = 0;
	s->pool_len = 0;
	/* Most text is NFC and valid: cut it as it is, checking as it
	   goes; else start again, checked and normalised. */
	if (snorm_scan(s, &pos, (const unsigned char *)text, len, 1) == 0)
		return s->n;
	s->n = 0;
	s->pool_len = 0;
	pos = 0;
	while (len > 0) {
		if (utf8_check(text, len, &at, &is_nfc) != UTF8_BAD) {
			snorm_segment(s, &pos, text, len, is_nfc);
			break;
		}
		/* text[0..at) is valid; the byte at `at` separates words. */
		if (at > 0 && utf8_check(text, at, &i, &is_nfc) != UTF8_BAD)
			snorm_segment(s, &pos, text, at, is_nfc);
		text += at + 1;
		len -= at + 1;
	}
	return s->n;
}

char *
snorm_fold(const char *word, size_t len)
{
	struct snorm	 s;
	size_t		 nf;
	char		*r;

	pthread_once(&snorm_tab_once, snorm_tab_init);
	snorm_init(&s);
	nf = snorm_put_fold(&s, (const unsigned char *)word, len);
	r = xstrndup(nf ? s.pool : "", nf);
	snorm_free(&s);
	return r;
}
