/*
 * value.c - reference-counted data tree; see value.h.
 *
 * Map entries keep a hash of their key (val_key_hash) so that a lookup,
 * which templates do for every tag and often in maps without the key,
 * compares numbers and calls strcmp only on a likely match.  A string
 * value and its bytes share one allocation unless the string was handed
 * over (val_str_own).  A map made by val_map_lit() keeps the caller's key
 * pointers instead of copies: template contexts, rebuilt for every page,
 * set only string literals as keys.  A map also keeps one bit per key
 * hash modulo 64, so most lookups of a key it lacks (and setting a new
 * key) skip the scan.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "util.h"
#include "value.h"

struct kv {
	const char	*key;	/* malloc'd, or the caller's in a val_map_lit */
	struct val	*val;
	uint32_t	 hash;	/* val_key_hash(key) */
	uint32_t	 klen;	/* strlen(key) */
	int		 line;	/* of the key, see val_map_key_pos() */
	int		 col;
};

struct val {
	atomic_int	 refs;
	unsigned char	 type;	/* enum val_type */
	unsigned char	 lit;	/* a map that does not own its keys */
	int		 line;
	int		 col;
	union {
		int	 b;
		double	 n;
		struct {
			char	*p;
			size_t	 len;
		} s;
		struct {
			struct val	**items;
			size_t		  len, cap;
		} l;
		struct {
			struct kv	*items;
			uint32_t	 len, cap;
			uint64_t	 seen;	/* bit hash % 64 of every key */
		} m;
	} u;
};

static struct val *
val_new(enum val_type t)
{
	struct val	*v;

	v = xmalloc(sizeof(*v));
	memset(v, 0, sizeof(*v));
	atomic_init(&v->refs, 1);
	v->type = (unsigned char)t;
	return v;
}

struct val *
val_null(void)
{
	return val_new(VAL_NULL);
}

struct val *
val_bool(int b)
{
	struct val	*v = val_new(VAL_BOOL);

	v->u.b = b != 0;
	return v;
}

struct val *
val_num(double n)
{
	struct val	*v = val_new(VAL_NUM);

	v->u.n = n;
	return v;
}

/* The bytes of a string made by val_strn, right after the struct. */
static char *
val_inline_str(struct val *v)
{
	return (char *)(v + 1);
}

/* A string value with room for n bytes and the NUL, length n. */
static struct val *
val_str_alloc(size_t n)
{
	struct val	*v;

	if (n > SIZE_MAX - sizeof(*v) - 1)
		xdie("string too large");
	v = xmalloc(sizeof(*v) + n + 1);
	memset(v, 0, sizeof(*v));
	atomic_init(&v->refs, 1);
	v->type = VAL_STR;
	v->u.s.p = val_inline_str(v);
	v->u.s.p[n] = '\0';
	v->u.s.len = n;
	return v;
}

struct val *
val_strn(const char *s, size_t n)
{
	struct val	*v = val_str_alloc(n);

	/* Copied whole: a string may hold NUL bytes (see value.h). */
	if (n > 0)
		memcpy(v->u.s.p, s, n);
	return v;
}

struct val *
val_str_cat(const char *a, const char *b)
{
	size_t		 na = strlen(a), nb = strlen(b);
	struct val	*v;

	if (na > SIZE_MAX / 2 || nb > SIZE_MAX / 2)
		xdie("string too large");
	v = val_str_alloc(na + nb);
	memcpy(v->u.s.p, a, na);
	memcpy(v->u.s.p + na, b, nb);
	return v;
}

struct val *
val_str(const char *s)
{
	return val_strn(s, strlen(s));
}

struct val *
val_str_own(char *s)
{
	struct val	*v = val_new(VAL_STR);

	v->u.s.p = s;
	v->u.s.len = strlen(s);
	return v;
}

struct val *
val_list(void)
{
	return val_new(VAL_LIST);
}

struct val *
val_map(void)
{
	return val_new(VAL_MAP);
}

struct val *
val_map_lit(void)
{
	struct val	*v = val_new(VAL_MAP);

	v->lit = 1;
	return v;
}

struct val *
val_ref(struct val *v)
{
	if (v != NULL)
		atomic_fetch_add_explicit(&v->refs, 1, memory_order_relaxed);
	return v;
}

void
val_unref(struct val *v)
{
	size_t	 i;

	if (v == NULL ||
	    atomic_fetch_sub_explicit(&v->refs, 1, memory_order_acq_rel) != 1)
		return;
	switch (v->type) {
	case VAL_STR:
		if (v->u.s.p != val_inline_str(v))
			free(v->u.s.p);
		break;
	case VAL_LIST:
		for (i = 0; i < v->u.l.len; i++)
			val_unref(v->u.l.items[i]);
		free(v->u.l.items);
		break;
	case VAL_MAP:
		for (i = 0; i < v->u.m.len; i++) {
			if (!v->lit)
				free((char *)v->u.m.items[i].key);
			val_unref(v->u.m.items[i].val);
		}
		free(v->u.m.items);
		break;
	default:
		break;
	}
	free(v);
}

enum val_type
val_type(const struct val *v)
{
	return v != NULL ? (enum val_type)v->type : VAL_NULL;
}

int
val_line(const struct val *v)
{
	return v != NULL ? v->line : 0;
}

int
val_col(const struct val *v)
{
	return v != NULL ? v->col : 0;
}

void
val_set_pos(struct val *v, int line, int col)
{
	v->line = line;
	v->col = col;
}

int
val_get_bool(const struct val *v)
{
	return v != NULL && v->type == VAL_BOOL && v->u.b;
}

double
val_get_num(const struct val *v)
{
	return v != NULL && v->type == VAL_NUM ? v->u.n : 0.0;
}

const char *
val_get_str(const struct val *v)
{
	return v != NULL && v->type == VAL_STR ? v->u.s.p : NULL;
}

size_t
val_str_len(const struct val *v)
{
	return v != NULL && v->type == VAL_STR ? v->u.s.len : 0;
}

size_t
val_list_len(const struct val *v)
{
	return v != NULL && v->type == VAL_LIST ? v->u.l.len : 0;
}

struct val *
val_list_at(const struct val *v, size_t i)
{
	return i < val_list_len(v) ? v->u.l.items[i] : NULL;
}

void
val_list_push(struct val *v, struct val *item)
{
	if (v->type != VAL_LIST)
		xdie("val_list_push on a non-list");
	ARRAY_GROW(v->u.l.items, v->u.l.len, v->u.l.cap, 8);
	v->u.l.items[v->u.l.len++] = item;
}

size_t
val_map_len(const struct val *v)
{
	return v != NULL && v->type == VAL_MAP ? v->u.m.len : 0;
}

const char *
val_map_key(const struct val *v, size_t i)
{
	return i < val_map_len(v) ? v->u.m.items[i].key : NULL;
}

struct val *
val_map_value(const struct val *v, size_t i)
{
	return i < val_map_len(v) ? v->u.m.items[i].val : NULL;
}

/* val_key_hash(key), and its length into *len. */
static uint32_t
val_key_hash_len(const char *key, size_t *len)
{
	const char	*k;
	uint32_t	 h = 2166136261u;	/* FNV-1a */

	for (k = key; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	*len = (size_t)(k - key);
	return h;
}

uint32_t
val_key_hash(const char *key)
{
	size_t	 len;

	return val_key_hash_len(key, &len);
}

static uint64_t
val_key_bit(uint32_t hash)
{
	return (uint64_t)1 << (hash & 63);
}

static struct kv *
val_map_find_hash(const struct val *v, const char *key, uint32_t hash)
{
	struct kv	*kv, *end;

	if (v == NULL || v->type != VAL_MAP ||
	    (v->u.m.seen & val_key_bit(hash)) == 0)
		return NULL;
	for (kv = v->u.m.items, end = kv + v->u.m.len; kv < end; kv++)
		if (kv->hash == hash && strcmp(kv->key, key) == 0)
			return kv;
	return NULL;
}

static struct kv *
val_map_find(const struct val *v, const char *key)
{
	return val_map_find_hash(v, key, val_key_hash(key));
}

struct val *
val_map_get(const struct val *v, const char *key)
{
	struct kv	*kv = val_map_find(v, key);

	return kv != NULL ? kv->val : NULL;
}

struct val *
val_map_get_hash(const struct val *v, const char *key, uint32_t hash)
{
	struct kv	*kv = val_map_find_hash(v, key, hash);

	return kv != NULL ? kv->val : NULL;
}

void
val_map_set(struct val *v, const char *key, struct val *item)
{
	struct kv	*kv;
	size_t		 klen;
	uint32_t	 hash = val_key_hash_len(key, &klen);

	if (v->type != VAL_MAP)
		xdie("val_map_set on a non-map");
	if ((kv = val_map_find_hash(v, key, hash)) != NULL) {
		val_unref(kv->val);
		kv->val = item;
		return;
	}
	if (v->u.m.len == v->u.m.cap && v->u.m.cap > UINT32_MAX / 2)
		xdie("map too large");
	ARRAY_GROW(v->u.m.items, v->u.m.len, v->u.m.cap, 8);
	if (klen > UINT32_MAX)
		xdie("map key too long");
	v->u.m.items[v->u.m.len].key = v->lit ? key : xstrdup(key);
	v->u.m.items[v->u.m.len].hash = hash;
	v->u.m.items[v->u.m.len].klen = (uint32_t)klen;
	v->u.m.items[v->u.m.len].val = item;
	v->u.m.items[v->u.m.len].line = 0;
	v->u.m.items[v->u.m.len].col = 0;
	v->u.m.len++;
	v->u.m.seen |= val_key_bit(hash);
}

void
val_map_set_key_pos(struct val *v, const char *key, int line, int col)
{
	struct kv	*kv;

	if ((kv = val_map_find(v, key)) != NULL) {
		kv->line = line;
		kv->col = col;
	}
}

void
val_map_key_pos(const struct val *v, const char *key, int *line, int *col)
{
	const struct kv	*kv = val_map_find(v, key);

	if (line != NULL)
		*line = kv != NULL ? kv->line : 0;
	if (col != NULL)
		*col = kv != NULL ? kv->col : 0;
}

void
val_map_set_str(struct val *v, const char *key, const char *s)
{
	if (s != NULL)
		val_map_set(v, key, val_str(s));
}

void
val_map_set_bool(struct val *v, const char *key, int b)
{
	val_map_set(v, key, val_bool(b));
}

void
val_map_set_num(struct val *v, const char *key, double n)
{
	val_map_set(v, key, val_num(n));
}

int
val_truthy(const struct val *v)
{
	switch (val_type(v)) {
	case VAL_NULL:
		return 0;
	case VAL_BOOL:
		return v->u.b;
	case VAL_LIST:
		return v->u.l.len > 0;
	default:
		return 1;
	}
}

/*
 * val_hash() writes an encoding of the tree from which the tree could be
 * read back (a tag per value, then the length of every string, key list
 * and map before its contents), so that distinct trees give distinct
 * bytes.  Small parts gather in a block handed to the hasher when full;
 * long strings go to it directly.  Where the blocks end depends only on
 * the tree, and the hasher takes each part with its length, so the parts
 * a tree gives determine it.
 */
struct venc {
	struct hasher	*h;
	size_t		 n;
	unsigned char	 b[2048];
};

#define VENC_LONG	256	/* strings longer than this skip the block */

static void
venc_flush(struct venc *e)
{
	if (e->n > 0)
		hasher_add(e->h, e->b, e->n);
	e->n = 0;
}

/* A tag byte and a 64-bit number (a length, a count, a value's bits). */
static void
venc_tag(struct venc *e, unsigned char tag, uint64_t x)
{
	if (e->n + 9 > sizeof(e->b))
		venc_flush(e);
	e->b[e->n] = tag;
	memcpy(e->b + e->n + 1, &x, 8);
	e->n += 9;
}

static void
venc_bytes(struct venc *e, const void *p, size_t len)
{
	if (len > VENC_LONG) {
		venc_flush(e);
		hasher_add(e->h, p, len);
		return;
	}
	if (e->n + len > sizeof(e->b))
		venc_flush(e);
	memcpy(e->b + e->n, p, len);
	e->n += len;
}

static void
venc_val(struct venc *e, const struct val *v)
{
	const struct kv	*kv;
	uint64_t	 u;
	size_t		 i;

	if (v == NULL) {
		venc_tag(e, VAL_NULL, 0);
		return;
	}
	switch (v->type) {
	case VAL_BOOL:
		venc_tag(e, VAL_BOOL, (uint64_t)v->u.b);
		break;
	case VAL_NUM:
		memcpy(&u, &v->u.n, sizeof(u));
		venc_tag(e, VAL_NUM, u);
		break;
	case VAL_STR:
		venc_tag(e, VAL_STR, v->u.s.len);
		venc_bytes(e, v->u.s.p, v->u.s.len);
		break;
	case VAL_LIST:
		venc_tag(e, VAL_LIST, v->u.l.len);
		for (i = 0; i < v->u.l.len; i++)
			venc_val(e, v->u.l.items[i]);
		break;
	case VAL_MAP:
		venc_tag(e, VAL_MAP, v->u.m.len);
		/* By index: an empty map has no items array (NULL + 0). */
		for (i = 0; i < v->u.m.len; i++) {
			kv = &v->u.m.items[i];
			venc_tag(e, 'k', kv->klen);
			venc_bytes(e, kv->key, kv->klen);
			venc_val(e, kv->val);
		}
		break;
	default:
		venc_tag(e, VAL_NULL, 0);
		break;
	}
}

void
val_hash(struct hasher *h, const struct val *v)
{
	struct venc	 e;

	e.h = h;
	e.n = 0;
	venc_val(&e, v);
	venc_flush(&e);
}

/*
 * "%.15g" of n.  A whole number below 1e15 in magnitude prints as its
 * digits alone (no exponent, no point), so those skip printf's
 * floating-point formatting; -0 and the rest go to printf.
 */
static void
val_put_num(struct buf *out, double n)
{
	char		 tmp[24], *p = tmp + sizeof(tmp);
	long long	 i;
	unsigned long long u;

	if (!(n > -1e15 && n < 1e15) || (n == 0 && signbit(n)) ||
	    n != (double)(i = (long long)n)) {
		buf_printf(out, "%.15g", n);
		return;
	}
	u = i < 0 ? (unsigned long long)-i : (unsigned long long)i;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (i < 0)
		*--p = '-';
	buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
val_to_text(const struct val *v, struct buf *out)
{
	switch (val_type(v)) {
	case VAL_BOOL:
		buf_puts(out, v->u.b ? "true" : "false");
		break;
	case VAL_NUM:
		val_put_num(out, v->u.n);
		break;
	case VAL_STR:
		buf_put(out, v->u.s.p, v->u.s.len);
		break;
	default:
		break;
	}
}

void
json_quote(struct buf *b, const char *s)
{
	const char	*run;

	buf_putc(b, '"');
	for (;;) {
		/* The bytes that need no escape, copied as one run. */
		for (run = s; *s != '\0' && *s != '"' && *s != '\\' &&
		    (unsigned char)*s >= 0x20; s++)
			;
		buf_put(b, run, (size_t)(s - run));
		switch (*s) {
		case '\0':
			buf_putc(b, '"');
			return;
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			buf_printf(b, "\\u%04x", (unsigned char)*s);
			break;
		}
		s++;
	}
}

static void
json_nl(struct buf *b, int indent, int depth)
{
	int	 i;

	if (!indent)
		return;
	buf_putc(b, '\n');
	for (i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

/* Iterative would be overkill: data trees cchc builds are shallow. */
static void
json_val(const struct val *v, struct buf *b, int indent, int depth)
{
	size_t	 i, n;

	switch (val_type(v)) {
	case VAL_NULL:
		buf_puts(b, "null");
		break;
	case VAL_BOOL:
		buf_puts(b, v->u.b ? "true" : "false");
		break;
	case VAL_NUM:
		val_put_num(b, v->u.n);
		break;
	case VAL_STR:
		json_quote(b, v->u.s.p);
		break;
	case VAL_LIST:
		n = v->u.l.len;
		buf_putc(b, '[');
		for (i = 0; i < n; i++) {
			json_nl(b, indent, depth + 1);
			json_val(v->u.l.items[i], b, indent, depth + 1);
			if (i + 1 < n)
				buf_putc(b, ',');
		}
		if (n > 0)
			json_nl(b, indent, depth);
		buf_putc(b, ']');
		break;
	case VAL_MAP:
		n = v->u.m.len;
		buf_putc(b, '{');
		for (i = 0; i < n; i++) {
			json_nl(b, indent, depth + 1);
			json_quote(b, v->u.m.items[i].key);
			buf_puts(b, indent ? ": " : ":");
			json_val(v->u.m.items[i].val, b, indent, depth + 1);
			if (i + 1 < n)
				buf_putc(b, ',');
		}
		if (n > 0)
			json_nl(b, indent, depth);
		buf_putc(b, '}');
		break;
	}
}

void
val_to_json(const struct val *v, struct buf *b, int indent)
{
	json_val(v, b, indent, 0);
	if (indent)
		buf_putc(b, '\n');
}

/* --- A binary form, for caches ----------------------------------------- */

enum { PK_NULL, PK_FALSE, PK_TRUE, PK_NUM, PK_STR, PK_LIST, PK_MAP };

static void
pk_u32(struct buf *b, uint32_t v)
{
	unsigned char	 x[4];

	x[0] = (unsigned char)v;
	x[1] = (unsigned char)(v >> 8);
	x[2] = (unsigned char)(v >> 16);
	x[3] = (unsigned char)(v >> 24);
	buf_put(b, x, 4);
}

static void
pk_str(struct buf *b, const char *s, size_t len)
{
	pk_u32(b, (uint32_t)len);
	buf_put(b, s, len);
}

void
val_pack(struct buf *b, const struct val *v)
{
	uint64_t	 bits;
	double		 d;
	size_t		 i, n;
	int		 k;

	switch (val_type(v)) {
	case VAL_BOOL:
		buf_putc(b, val_get_bool(v) ? PK_TRUE : PK_FALSE);
		break;
	case VAL_NUM:
		buf_putc(b, PK_NUM);
		d = val_get_num(v);
		memcpy(&bits, &d, sizeof(bits));
		for (k = 0; k < 8; k++)
			buf_putc(b, (int)(bits >> (8 * k) & 0xff));
		break;
	case VAL_STR:
		buf_putc(b, PK_STR);
		pk_str(b, val_get_str(v), val_str_len(v));
		break;
	case VAL_LIST:
		buf_putc(b, PK_LIST);
		pk_u32(b, (uint32_t)(n = val_list_len(v)));
		for (i = 0; i < n; i++)
			val_pack(b, val_list_at(v, i));
		break;
	case VAL_MAP:
		buf_putc(b, PK_MAP);
		pk_u32(b, (uint32_t)(n = val_map_len(v)));
		for (i = 0; i < n; i++) {
			pk_str(b, val_map_key(v, i), strlen(val_map_key(v, i)));
			val_pack(b, val_map_value(v, i));
		}
		break;
	default:
		buf_putc(b, PK_NULL);
		break;
	}
}

struct unpk {
	const unsigned char *p;
	size_t		 len, off;
	int		 depth;
};

static int
unpk_u32(struct unpk *u, uint32_t *v)
{
	if (u->len - u->off < 4)
		return -1;
	*v = (uint32_t)u->p[u->off] | (uint32_t)u->p[u->off + 1] << 8 |
	    (uint32_t)u->p[u->off + 2] << 16 | (uint32_t)u->p[u->off + 3] << 24;
	u->off += 4;
	return 0;
}

/* A string's bytes (no NUL in them: keys and values are C strings). */
static const char *
unpk_str(struct unpk *u, uint32_t *len)
{
	const char	*s;

	if (unpk_u32(u, len) == -1 || u->len - u->off < *len)
		return NULL;
	s = (const char *)u->p + u->off;
	if (memchr(s, '\0', *len) != NULL)
		return NULL;
	u->off += *len;
	return s;
}

static struct val *
unpk_val(struct unpk *u)
{
	struct val	*v = NULL, *x;
	const char	*s;
	char		*key;
	uint64_t	 bits = 0;
	uint32_t	 n, i, len;
	double		 d;
	int		 k;

	if (u->off >= u->len || ++u->depth > 512)
		return NULL;
	switch (u->p[u->off++]) {
	case PK_NULL:
		v = val_null();
		break;
	case PK_FALSE:
	case PK_TRUE:
		v = val_bool(u->p[u->off - 1] == PK_TRUE);
		break;
	case PK_NUM:
		if (u->len - u->off < 8)
			break;
		for (k = 0; k < 8; k++)
			bits |= (uint64_t)u->p[u->off + k] << (8 * k);
		u->off += 8;
		memcpy(&d, &bits, sizeof(d));
		v = val_num(d);
		break;
	case PK_STR:
		if ((s = unpk_str(u, &len)) != NULL)
			v = val_strn(s, len);
		break;
	case PK_LIST:
		if (unpk_u32(u, &n) == -1 || n > u->len - u->off)
			break;
		v = val_list();
		for (i = 0; i < n; i++) {
			if ((x = unpk_val(u)) == NULL) {
				val_unref(v);
				v = NULL;
				break;
			}
			val_list_push(v, x);
		}
		break;
	case PK_MAP:
		if (unpk_u32(u, &n) == -1 || n > u->len - u->off)
			break;
		v = val_map();
		for (i = 0; i < n; i++) {
			if ((s = unpk_str(u, &len)) == NULL ||
			    (x = unpk_val(u)) == NULL) {
				val_unref(v);
				v = NULL;
				break;
			}
			key = xstrndup(s, len);
			val_map_set(v, key, x);
			free(key);
			/* val_pack() never writes a key twice: one that
			   replaced another left the map as long as it was. */
			if (val_map_len(v) != (size_t)i + 1) {
				val_unref(v);
				v = NULL;
				break;
			}
		}
		break;
	}
	u->depth--;
	return v;
}

struct val *
val_unpack(const void *data, size_t len, size_t *used)
{
	struct unpk	 u;
	struct val	*v;

	u.p = data;
	u.len = len;
	u.off = 0;
	u.depth = 0;
	if ((v = unpk_val(&u)) != NULL && used != NULL)
		*used = u.off;
	return v;
}
