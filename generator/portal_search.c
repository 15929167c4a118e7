/*
 * portal_search.c - the portal's search index, merged from the
 * departments' published ones; see portal_search.h and docs/search.md,
 * "Across departments (the portal)".
 *
 * Three passes.  Documents: every source's root and document files are
 * read, and the documents sorted once by (date, source, old id), which
 * gives each its new id.  Terms: every bucket file is read, one at a
 * time, each term's postings decoded, remapped and appended to the
 * term's in one hash table (terms and their exact forms alike).  Files:
 * each term's postings sorted once, nb and ns by search.c's rules
 * (search_counts), terms sorted once by bytes and grouped by bucket and
 * by shard (stable counting sorts), the buckets and shards written,
 * then the documents (each file read again: only its date is kept
 * between the passes) and the root.
 *
 * Every source file is parsed with json_parse() after its call's text
 * is blanked to white space (the parenthesis made a bracket), so that
 * a position json.c gives is the file's own.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "json.h"
#include "portal_search.h"
#include "routes.h"
#include "search.h"
#include "util.h"
#include "value.h"

#define PS_FILE_MAX	((size_t)1 << 28)	/* bytes of one index file */
#define PS_NB_MAX	65536
#define PS_NS_MAX	4096
#define PS_NO_YEAR	63		/* meta: a document without a year */

/* Ascending ids (once finished). */
struct pids {
	uint32_t	*v;
	uint32_t	 n, cap;
};

/*
 * A term (parent 0) or an exact form of one (parent: its term's index +
 * 1), its bytes in the arena.  A form's ids are in p.
 */
struct pterm {
	size_t		 off;
	uint32_t	 len;
	uint32_t	 hash;		/* key_hash(): a term's is FNV-1a */
	uint32_t	 parent;
	uint32_t	 forms;		/* a term's first form + 1 (0: none) */
	uint32_t	 next;		/* a form's next sibling + 1 */
	unsigned char	 bigram;
	struct pids	 p, t;
};

struct pdoc {
	uint32_t	 src, old;
	uint32_t	 date;		/* YYYYMMDD + 1; 0 without one */
};

struct psrc {
	const struct psearch_src *s;
	const char	*name;
	int		 skip;		/* no index */
	uint32_t	 n;
	unsigned	 nb;
	int		 y0;
	unsigned char	*meta;		/* n bytes */
	uint32_t	*map;		/* old id -> new id */
	int		 mono;		/* the map ascends: no sort after it */
};

struct merge {
	struct psrc	*src;
	size_t		 nsrc;
	struct diag	*diag;
	struct pdoc	*docs;
	size_t		 ndocs;
	struct pterm	*e;
	size_t		 ne, cap;
	uint32_t	*tab;		/* index + 1 into e; 0 empty */
	size_t		 tabsize;
	struct buf	 ar;		/* terms' and forms' bytes, + NUL */
	struct buf	 file;		/* the file being read */
	struct buf	 raw;		/* decoded base64 */
	struct pids	 tp, tx;	/* a term's P as read, other postings */
	uint32_t	*sortbuf;	/* pids_finish()'s */
	size_t		 sortcap;
};

/* --- Messages --------------------------------------------------------- */

/* A damaged file (at: the value at fault, for its line:col). */
static void
bad(struct merge *m, const struct psrc *s, const char *path,
    const struct val *at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
bad(struct merge *m, const struct psrc *s, const char *path,
    const struct val *at, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_err(m->diag, path, at != NULL ? val_line(at) : 0,
	    at != NULL ? val_col(at) : 0, "%s: tệp chỉ mục tìm kiếm hỏng: %s; "
	    "hãy dựng lại đơn vị này bằng cchc build", s->name,
	    buf_cstr(&b));
	buf_free(&b);
}

/* --- Reading a file --------------------------------------------------- */

/*
 * The arguments of path's "cchcSearch.<kind>(...)" as a JSON array (a
 * reference the caller owns), or NULL with the error said; *missing set
 * instead when there is no such file and missing is not NULL.
 */
static struct val *
read_call(struct merge *m, const struct psrc *s, const char *path,
    const char *kind, int *missing)
{
	struct buf	*b = &m->file;
	struct val	*v;
	char		 err[256], head[32], *end;
	size_t		 hl, close;
	long		 line = 0, col = 0;

	buf_reset(b);
	if (fs_read(path, PS_FILE_MAX, b) == -1) {
		if (missing != NULL && errno == ENOENT) {
			*missing = 1;
			return NULL;
		}
		diag_err(m->diag, path, 0, 0, "%s: không đọc được tệp chỉ mục "
		    "tìm kiếm: %s", s->name, err_text(errno));
		return NULL;
	}
	hl = (size_t)snprintf(head, sizeof(head), "cchcSearch.%s(", kind);
	for (close = b->len; close > 0 && (b->data[close - 1] == '\n' ||
	    b->data[close - 1] == '\r' || b->data[close - 1] == ' ' ||
	    b->data[close - 1] == '\t'); close--)
		;
	if (b->len < hl + 1 || memcmp(b->data, head, hl) != 0 ||
	    close < hl + 1 || b->data[close - 1] != ')') {
		diag_err(m->diag, path, 1, 1, "%s: không phải tệp chỉ mục tìm "
		    "kiếm của cchc (cần một lời gọi cchcSearch.%s(…)); hãy "
		    "dựng lại đơn vị này bằng cchc build", s->name, kind);
		return NULL;
	}
	memset(b->data, ' ', hl - 1);
	b->data[hl - 1] = '[';
	b->data[close - 1] = ']';
	if ((v = json_parse(b->data, b->len, err, sizeof(err))) == NULL) {
		/* "line:col: what" */
		line = strtol(err, &end, 10);
		if (*end == ':')
			col = strtol(end + 1, &end, 10);
		if (*end == ':' && end[1] == ' ')
			end += 2;
		else {
			line = col = 0;
			end = err;
		}
		diag_err(m->diag, path, (int)line, (int)col, "%s: tệp chỉ mục "
		    "tìm kiếm hỏng: %s; hãy dựng lại đơn vị này bằng cchc "
		    "build", s->name, end);
		return NULL;
	}
	if (val_type(v) != VAL_LIST) {
		bad(m, s, path, v, "không phải lời gọi cchcSearch.%s(…)", kind);
		val_unref(v);
		return NULL;
	}
	return v;
}

/* A whole number in 0 ... max. */
static int
num_in(const struct val *v, double max, uint32_t *out)
{
	double	 d;

	if (v == NULL || val_type(v) != VAL_NUM)
		return -1;
	d = val_get_num(v);
	if (!(d >= 0 && d <= max) || d != (double)(uint32_t)d)
		return -1;
	*out = (uint32_t)d;
	return 0;
}

static int
pow2_in(const struct val *v, uint32_t max, uint32_t *out)
{
	if (num_in(v, max, out) == -1 || *out == 0 ||
	    (*out & (*out - 1)) != 0)
		return -1;
	return 0;
}

/* --- Postings ---------------------------------------------------------- */

static void
pids_put(struct pids *x, const uint32_t *v, uint32_t n)
{
	size_t	 cap;

	if (n == 0)
		return;
	if (x->cap - x->n < n) {
		/* Most terms are one source's: their ids fit exactly.  More
		   grow by half, for appends that stay linear. */
		cap = (size_t)x->n + n;
		if (x->cap > 0 && cap < (size_t)x->cap + x->cap / 2)
			cap = (size_t)x->cap + x->cap / 2;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		x->v = xreallocarray(x->v, cap, sizeof(*x->v));
		x->cap = (uint32_t)cap;
	}
	memcpy(x->v + x->n, v, n * sizeof(*v));
	x->n += n;
}

static int
u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Where the ascending run of v from lo ends. */
static size_t
run_end(const uint32_t *v, size_t lo, size_t n)
{
	for (lo++; lo < n && v[lo - 1] <= v[lo]; lo++)
		;
	return lo;
}

/*
 * Sorted, without repeats.  Each source's ids come as one ascending
 * run, so pairs of runs are merged until one is left: log2 of the
 * sources' count passes, not a sort's log2 of the ids'.
 */
static void
pids_finish(struct merge *m, struct pids *x)
{
	uint32_t	*a = x->v, *b, *t;
	size_t		 n = x->n, i, j, k, lo, mid, hi, runs;

	if (n < 2 || run_end(a, 0, n) == n)
		goto out;
	if (m->sortcap < n) {
		free(m->sortbuf);
		m->sortbuf = xreallocarray(NULL, n, sizeof(*m->sortbuf));
		m->sortcap = n;
	}
	b = m->sortbuf;
	do {
		runs = 0;
		for (lo = 0; lo < n; lo = hi, runs++) {
			mid = run_end(a, lo, n);
			hi = mid < n ? run_end(a, mid, n) : n;
			for (i = lo, j = mid, k = lo; i < mid && j < hi; )
				b[k++] = a[j] < a[i] ? a[j++] : a[i++];
			memcpy(b + k, a + i, (mid - i) * sizeof(*a));
			k += mid - i;
			memcpy(b + k, a + j, (hi - j) * sizeof(*a));
		}
		t = a;
		a = b;
		b = t;
	} while (runs > 1);
	if (a != x->v)
		memcpy(x->v, a, n * sizeof(*a));
out:
	for (i = k = 1; i < n; i++)
		if (x->v[i] != x->v[k - 1])
			x->v[k++] = x->v[i];
	if (n > 0)
		x->n = (uint32_t)k;
}

static int
pids_equal(const struct pids *a, const struct pids *b)
{
	return a->n == b->n && (a->n == 0 ||
	    memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0);
}

/* Old id `id` of s appended to out as its new id, if there is one. */
static int
take_id(struct merge *m, const struct psrc *s, const char *path,
    const struct val *v, uint64_t id, struct pids *out)
{
	uint32_t	 one;

	if (id >= s->n) {
		bad(m, s, path, v, "mã tài liệu %llu, mà chỉ có %u tài liệu",
		    (unsigned long long)id, s->n);
		return -1;
	}
	one = s->map[id];
	pids_put(out, &one, 1);
	return 0;
}

/*
 * Postings v of source s ("", "v…", "b…") into out, as new ids, sorted;
 * -1 with the error said.
 */
static int
decode(struct merge *m, const struct psrc *s, const char *path,
    const struct val *v, struct pids *out)
{
	const char	*str;
	const unsigned char *r;
	uint64_t	 g, prev = 0;
	size_t		 len, i;
	int		 shift, bit;

	out->n = 0;
	if (v == NULL || val_type(v) != VAL_STR) {
		bad(m, s, path, v, "danh sách tài liệu phải là một chuỗi");
		return -1;
	}
	str = val_get_str(v);
	if ((len = val_str_len(v)) == 0)
		return 0;
	buf_reset(&m->raw);
	if ((str[0] != 'v' && str[0] != 'b') ||
	    search_unbase64(&m->raw, str + 1, len - 1) == -1) {
		bad(m, s, path, v, "danh sách tài liệu không giải mã được");
		return -1;
	}
	r = (const unsigned char *)m->raw.data;
	if (str[0] == 'b') {
		for (i = 0; i < m->raw.len; i++)
			for (bit = 0; bit < 8; bit++) {
				if ((r[i] & 1u << bit) && take_id(m, s, path, v,
				    (uint64_t)i * 8 + (unsigned)bit, out) == -1)
					return -1;
			}
	} else {
		for (i = 0; i < m->raw.len; ) {
			g = 0;
			shift = 0;
			do {
				if (i >= m->raw.len || shift > 28) {
					bad(m, s, path, v, "danh sách tài liệu "
					    "không giải mã được");
					return -1;
				}
				g |= (uint64_t)(r[i] & 0x7F) << shift;
				shift += 7;
			} while (r[i++] & 0x80);
			if (g == 0) {
				bad(m, s, path, v, "danh sách tài liệu không "
				    "tăng dần");
				return -1;
			}
			prev = out->n == 0 ? g - 1 : prev + g;
			if (take_id(m, s, path, v, prev, out) == -1)
				return -1;
		}
	}
	if (!s->mono)
		qsort(out->v, out->n, sizeof(*out->v), u32_cmp);
	return 0;
}

/* --- Terms ------------------------------------------------------------ */

static uint32_t
key_hash(uint32_t parent, const char *s, size_t len)
{
	uint32_t	 h = search_fnv1a(s, len);

	return parent == 0 ? h : h ^ (parent * 0x9E3779B1u);
}

static void
rehash(struct merge *m)
{
	size_t	 size = m->tabsize ? m->tabsize * 2 : 4096, i, h;

	free(m->tab);
	m->tab = xcalloc(size, sizeof(*m->tab));
	m->tabsize = size;
	for (i = 0; i < m->ne; i++) {
		for (h = m->e[i].hash & (size - 1); m->tab[h] != 0;
		    h = (h + 1) & (size - 1))
			;
		m->tab[h] = (uint32_t)i + 1;
	}
}

/* The term (parent 0) or the form of term parent - 1: its index. */
static uint32_t
entry_get(struct merge *m, uint32_t parent, const char *s, size_t len,
    int bigram)
{
	struct pterm	*e;
	uint32_t	 hash = key_hash(parent, s, len), k;
	size_t		 i;

	if ((m->ne + 1) * 2 > m->tabsize)
		rehash(m);
	for (i = hash & (m->tabsize - 1); (k = m->tab[i]) != 0;
	    i = (i + 1) & (m->tabsize - 1)) {
		e = &m->e[k - 1];
		if (e->hash == hash && e->parent == parent && e->len == len &&
		    memcmp(m->ar.data + e->off, s, len) == 0)
			return k - 1;
	}
	ARRAY_GROW(m->e, m->ne, m->cap, 1024);
	e = &m->e[m->ne];
	memset(e, 0, sizeof(*e));
	e->off = m->ar.len;
	e->len = (uint32_t)len;
	e->hash = hash;
	e->parent = parent;
	e->bigram = (unsigned char)(bigram != 0);
	buf_put(&m->ar, s, len);
	buf_putc(&m->ar, '\0');
	if (parent != 0) {
		e->next = m->e[parent - 1].forms;
		m->e[parent - 1].forms = (uint32_t)m->ne + 1;
	}
	m->tab[i] = (uint32_t)++m->ne;
	return (uint32_t)m->ne - 1;
}

/* A unigram's exact forms {"form": P | "=", ...} of source s. */
static int
take_forms(struct merge *m, const struct psrc *s, const char *path,
    uint32_t term, const struct val *forms)
{
	const struct val *v;
	const char	*form;
	uint32_t	 f;
	size_t		 i;

	if (val_type(forms) != VAL_MAP) {
		bad(m, s, path, forms, "các dạng viết của một từ phải là một "
		    "đối tượng");
		return -1;
	}
	for (i = 0; i < val_map_len(forms); i++) {
		form = val_map_key(forms, i);
		v = val_map_value(forms, i);
		if (*form == '\0') {
			bad(m, s, path, v, "dạng viết rỗng");
			return -1;
		}
		f = entry_get(m, term + 1, form, strlen(form), 0);
		/* "=": this source's P. */
		if (val_type(v) == VAL_STR && strcmp(val_get_str(v), "=") == 0)
			pids_put(&m->e[f].p, m->tp.v, m->tp.n);
		else if (decode(m, s, path, v, &m->tx) == -1)
			return -1;
		else
			pids_put(&m->e[f].p, m->tx.v, m->tx.n);
	}
	return 0;
}

/* Bucket b of source s: every term in it taken in. */
static int
take_bucket(struct merge *m, const struct psrc *s, unsigned b)
{
	struct val	*top, *map, *v;
	const char	*term;
	char		*rel = route_search_bucket(b, s->nb), *path, *name;
	size_t		 i, len, nv;
	uint32_t	 k;
	int		 rc = -1, bigram;

	path = fs_join(s->s->dir, rel);
	name = search_bucket_name(b, s->nb);
	if ((top = read_call(m, s, path, "bucket", NULL)) == NULL)
		goto out;
	v = val_list_at(top, 0);
	if (val_list_len(top) != 2 || val_type(v) != VAL_STR ||
	    strcmp(val_get_str(v), name) != 0) {
		bad(m, s, path, top, "cần cchcSearch.bucket(\"%s\",{…})", name);
		goto out;
	}
	if (val_type(map = val_list_at(top, 1)) != VAL_MAP) {
		bad(m, s, path, map, "cần cchcSearch.bucket(\"%s\",{…})", name);
		goto out;
	}
	for (i = 0; i < val_map_len(map); i++) {
		term = val_map_key(map, i);
		v = val_map_value(map, i);
		len = strlen(term);
		if (len == 0 || (search_fnv1a(term, len) & (s->nb - 1)) != b) {
			bad(m, s, path, v, "từ \"%s\" không thuộc tệp này",
			    term);
			goto out;
		}
		bigram = memchr(term, ' ', len) != NULL;
		nv = val_type(v) == VAL_LIST ? val_list_len(v) : 0;
		if (bigram ? nv != 1 : nv != 2 && nv != 3) {
			bad(m, s, path, v, "giá trị của từ \"%s\" không đúng "
			    "dạng (cần %s)", term, bigram ? "[P]" :
			    "[P, T] hoặc [P, T, {…}]");
			goto out;
		}
		if (decode(m, s, path, val_list_at(v, 0), &m->tp) == -1)
			goto out;
		k = entry_get(m, 0, term, len, bigram);
		pids_put(&m->e[k].p, m->tp.v, m->tp.n);
		if (bigram)
			continue;
		if (decode(m, s, path, val_list_at(v, 1), &m->tx) == -1)
			goto out;
		pids_put(&m->e[k].t, m->tx.v, m->tx.n);
		if (nv == 3 && take_forms(m, s, path, k, val_list_at(v, 2)) ==
		    -1)
			goto out;
	}
	rc = 0;
out:
	val_unref(top);
	free(name);
	free(path);
	free(rel);
	return rc;
}

/* --- Documents -------------------------------------------------------- */

/* "YYYY-MM-DD" as YYYYMMDD + 1; 0 when it is not one. */
static uint32_t
date_code(const char *d, size_t len)
{
	static const char shape[] = "dddd-dd-dd";
	uint32_t	 y, mo, da;
	size_t		 i;

	if (len != 10)
		return 0;
	for (i = 0; i < len; i++)
		if (shape[i] == 'd' ? d[i] < '0' || d[i] > '9' : d[i] != '-')
			return 0;
	y = (uint32_t)((d[0] - '0') * 1000 + (d[1] - '0') * 100 +
	    (d[2] - '0') * 10 + (d[3] - '0'));
	mo = (uint32_t)((d[5] - '0') * 10 + (d[6] - '0'));
	da = (uint32_t)((d[8] - '0') * 10 + (d[9] - '0'));
	if (mo < 1 || mo > 12 || da < 1 || da > 31)
		return 0;
	return y * 10000 + mo * 100 + da + 1;
}

/*
 * Document `old` of s, checked: its file's array (owned by the caller),
 * *obj its object, *date its date; NULL with the error said.
 */
static struct val *
read_doc(struct merge *m, const struct psrc *s, uint32_t old,
    struct val **obj, uint32_t *date)
{
	static const char *const strs[] = { "u", "t", "s" };
	struct val	*top, *v;
	char		*rel = route_search_doc((long)old), *path;
	uint32_t	 id, k;
	size_t		 i;
	int		 ok = 0;

	path = fs_join(s->s->dir, rel);
	free(rel);
	if ((top = read_call(m, s, path, "doc", NULL)) == NULL)
		goto out;
	if (val_list_len(top) != 2 || num_in(val_list_at(top, 0), UINT32_MAX,
	    &id) == -1 || id != old) {
		bad(m, s, path, top, "cần cchcSearch.doc(%u,{…})", old);
		goto out;
	}
	if (val_type(*obj = val_list_at(top, 1)) != VAL_MAP) {
		bad(m, s, path, *obj, "cần cchcSearch.doc(%u,{…})", old);
		goto out;
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (val_type(v = val_map_get(*obj, strs[i])) != VAL_STR) {
			bad(m, s, path, v != NULL ? v : *obj, "trường \"%s\" "
			    "của tài liệu thiếu hoặc không phải chuỗi",
			    strs[i]);
			goto out;
		}
	if (num_in(v = val_map_get(*obj, "k"), 3, &k) == -1) {
		bad(m, s, path, v != NULL ? v : *obj, "trường \"k\" của tài "
		    "liệu thiếu hoặc không phải 0, 1, 2, 3");
		goto out;
	}
	*date = 0;
	v = val_map_get(*obj, "d");
	if (v == NULL || (val_type(v) != VAL_NULL && (val_type(v) !=
	    VAL_STR || (*date = date_code(val_get_str(v),
	    val_str_len(v))) == 0))) {
		bad(m, s, path, v != NULL ? v : *obj, "trường \"d\" của tài "
		    "liệu phải là một ngày YYYY-MM-DD hoặc null");
		goto out;
	}
	ok = 1;
out:
	if (!ok) {
		val_unref(top);
		top = NULL;
	}
	free(path);
	return top;
}

/* s's root: n, nb, y0, meta. */
static int
take_root(struct merge *m, struct psrc *s)
{
	struct val	*top, *r, *v;
	char		*path = fs_join(s->s->dir, ROUTE_SEARCH_ROOT);
	uint32_t	 x;
	int		 rc = -1, missing = 0;

	if ((top = read_call(m, s, path, "root", &missing)) == NULL) {
		if (missing) {
			diag_warn(m->diag, path, 0, 0, "%s: không có chỉ mục "
			    "tìm kiếm; tìm kiếm của cổng không có tài liệu "
			    "của đơn vị này", s->name);
			s->skip = 1;
			rc = 0;
		}
		goto out;
	}
	r = val_list_at(top, 0);
	if (val_list_len(top) != 1 || val_type(r) != VAL_MAP) {
		bad(m, s, path, top, "cần cchcSearch.root({…})");
		goto out;
	}
	if (num_in(v = val_map_get(r, "v"), UINT32_MAX, &x) == -1 || x != 1) {
		bad(m, s, path, v != NULL ? v : r, "phiên bản chỉ mục không "
		    "phải 1 (cchc này chỉ đọc phiên bản 1)");
		goto out;
	}
	if (num_in(v = val_map_get(r, "n"), UINT32_MAX - 1, &s->n) == -1) {
		bad(m, s, path, v != NULL ? v : r, "\"n\" thiếu hoặc không "
		    "phải số tài liệu");
		goto out;
	}
	if (pow2_in(v = val_map_get(r, "nb"), PS_NB_MAX, &s->nb) == -1) {
		bad(m, s, path, v != NULL ? v : r, "\"nb\" thiếu hoặc không "
		    "phải lũy thừa của 2 từ 1 đến %d", PS_NB_MAX);
		goto out;
	}
	if (pow2_in(v = val_map_get(r, "ns"), PS_NS_MAX, &x) == -1) {
		bad(m, s, path, v != NULL ? v : r, "\"ns\" thiếu hoặc không "
		    "phải lũy thừa của 2 từ 1 đến %d", PS_NS_MAX);
		goto out;
	}
	if (num_in(v = val_map_get(r, "y0"), 9999, &x) == -1) {
		bad(m, s, path, v != NULL ? v : r, "\"y0\" thiếu hoặc không "
		    "phải một năm");
		goto out;
	}
	s->y0 = (int)x;
	v = val_map_get(r, "meta");
	buf_reset(&m->raw);
	if (v == NULL || val_type(v) != VAL_STR ||
	    search_unbase64(&m->raw, val_get_str(v), val_str_len(v)) == -1 ||
	    m->raw.len != s->n) {
		bad(m, s, path, v != NULL ? v : r, "\"meta\" không phải base64 "
		    "của %u byte", s->n);
		goto out;
	}
	s->meta = xmalloc(s->n ? s->n : 1);
	if (s->n > 0)
		memcpy(s->meta, m->raw.data, s->n);
	rc = 0;
out:
	val_unref(top);
	free(path);
	return rc;
}

static int
pdoc_cmp(const void *x, const void *y)
{
	const struct pdoc *a = x, *b = y;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	return a->old < b->old ? -1 : a->old > b->old;
}

/* Every source's root and documents' dates; the new ids. */
static int
take_docs(struct merge *m)
{
	struct psrc	*s;
	struct val	*top, *obj;
	size_t		 i, total = 0;
	uint32_t	 k, date;

	for (i = 0; i < m->nsrc; i++) {
		s = &m->src[i];
		if (take_root(m, s) == -1)
			return -1;
		if (s->skip)
			continue;
		if (s->n >= UINT32_MAX - total) {
			bad(m, s, s->s->dir, NULL, "quá nhiều tài liệu");
			return -1;
		}
		total += s->n;
	}
	m->docs = xcalloc(total ? total : 1, sizeof(*m->docs));
	for (i = 0; i < m->nsrc; i++) {
		s = &m->src[i];
		if (s->skip)
			continue;
		s->map = xcalloc(s->n ? s->n : 1, sizeof(*s->map));
		for (k = 0; k < s->n; k++) {
			if ((top = read_doc(m, s, k, &obj, &date)) == NULL)
				return -1;
			val_unref(top);
			m->docs[m->ndocs].src = (uint32_t)i;
			m->docs[m->ndocs].old = k;
			m->docs[m->ndocs++].date = date;
		}
	}
	if (m->ndocs > 1)
		qsort(m->docs, m->ndocs, sizeof(*m->docs), pdoc_cmp);
	for (i = 0; i < m->ndocs; i++)
		m->src[m->docs[i].src].map[m->docs[i].old] = (uint32_t)i;
	for (i = 0; i < m->nsrc; i++) {
		s = &m->src[i];
		s->mono = 1;
		for (k = 1; k < s->n && s->mono; k++)
			s->mono = s->map[k - 1] < s->map[k];
	}
	return 0;
}

/* --- Writing ---------------------------------------------------------- */

/* A term, for sorting by bytes. */
struct tkey {
	const char	*s;
	uint32_t	 len;
	uint32_t	 idx;
};

static int
tkey_cmp(const void *x, const void *y)
{
	const struct tkey *a = x, *b = y;
	int		 c = memcmp(a->s, b->s, a->len < b->len ? a->len :
			    b->len);

	return c != 0 ? c : a->len < b->len ? -1 : a->len > b->len;
}

static int
put_file(struct merge *m, psearch_put put, void *arg, char *rel,
    struct buf *b)
{
	int	 rc;

	if ((rc = put(arg, rel, b->data != NULL ? b->data : "", b->len)) != 0)
		diag_err(m->diag, rel, 0, 0, "không ghi được tệp chỉ mục tìm "
		    "kiếm của cổng");
	free(rel);
	buf_reset(b);
	return rc != 0 ? -1 : 0;
}

/* Its forms, sorted by bytes, as a unigram's third item. */
static void
put_forms(struct merge *m, const struct pterm *e, struct tkey **v,
    size_t *cap, struct buf *b)
{
	const struct pterm *f;
	uint32_t	 k;
	size_t		 n = 0, i;

	for (k = e->forms; k != 0; k = f->next) {
		f = &m->e[k - 1];
		if (f->p.n == 0)
			continue;
		ARRAY_GROW(*v, n, *cap, 8);
		(*v)[n].s = m->ar.data + f->off;
		(*v)[n].len = f->len;
		(*v)[n++].idx = k - 1;
	}
	if (n == 0)
		return;
	if (n > 1)
		qsort(*v, n, sizeof(**v), tkey_cmp);
	buf_puts(b, ",{");
	for (i = 0; i < n; i++) {
		f = &m->e[(*v)[i].idx];
		if (i > 0)
			buf_putc(b, ',');
		search_json_str(b, (*v)[i].s, f->len);
		buf_putc(b, ':');
		if (pids_equal(&f->p, &e->p))
			buf_puts(b, "\"=\"");
		else
			search_postings(b, f->p.v, f->p.n);
	}
	buf_putc(b, '}');
}

/* The buckets and the dictionary's shards; *nb, *ns for the root. */
static int
put_terms(struct merge *m, psearch_put put, void *arg, unsigned *nbp,
    unsigned *nsp)
{
	struct buf	 b = BUF_INIT;
	struct tkey	*keys, *fv = NULL;
	struct pterm	*e, *f;
	uint32_t	*byb, *bys, k;
	size_t		*bstart, *sstart, nkeys = 0, nuni = 0, bytes = 0;
	size_t		 dict = 0, fcap = 0, i, j;
	unsigned	 nb, ns, g;
	char		*name;
	int		 rc = -1;

	for (i = 0; i < m->ne; i++) {
		pids_finish(m, &m->e[i].p);
		pids_finish(m, &m->e[i].t);
	}
	keys = xcalloc(m->ne ? m->ne : 1, sizeof(*keys));
	for (i = 0; i < m->ne; i++) {
		e = &m->e[i];
		if (e->parent != 0 || e->p.n == 0)
			continue;
		bytes += search_term_bytes(e->len, e->bigram, e->p.v, e->p.n,
		    e->t.v, e->t.n);
		for (k = e->forms; k != 0; k = f->next) {
			f = &m->e[k - 1];
			if (f->p.n > 0)
				bytes += search_form_bytes(f->len, f->p.v,
				    f->p.n, pids_equal(&f->p, &e->p));
		}
		if (!e->bigram) {
			dict += search_dict_bytes(e->len);
			nuni++;
		}
		keys[nkeys].s = m->ar.data + e->off;
		keys[nkeys].len = e->len;
		keys[nkeys++].idx = (uint32_t)i;
	}
	search_counts(bytes, dict, &nb, &ns);
	*nbp = nb;
	*nsp = ns;
	/* Sorted once; the stable counting sorts keep each group so. */
	if (nkeys > 1)
		qsort(keys, nkeys, sizeof(*keys), tkey_cmp);
	bstart = xcalloc((size_t)nb + 1, sizeof(*bstart));
	sstart = xcalloc((size_t)ns + 1, sizeof(*sstart));
	byb = xcalloc(nkeys ? nkeys : 1, sizeof(*byb));
	bys = xcalloc(nuni ? nuni : 1, sizeof(*bys));
	for (i = 0; i < nkeys; i++) {
		e = &m->e[keys[i].idx];
		bstart[(e->hash & (nb - 1)) + 1]++;
		if (!e->bigram)
			sstart[search_shard_of(keys[i].s, e->len, ns) + 1]++;
	}
	for (g = 0; g < nb; g++)
		bstart[g + 1] += bstart[g];
	for (g = 0; g < ns; g++)
		sstart[g + 1] += sstart[g];
	for (i = 0; i < nkeys; i++) {
		e = &m->e[keys[i].idx];
		byb[bstart[e->hash & (nb - 1)]++] = keys[i].idx;
		if (!e->bigram)
			bys[sstart[search_shard_of(keys[i].s, e->len,
			    ns)]++] = keys[i].idx;
	}
	/* The counts moved each start to the next group's. */
	for (g = nb; g > 0; g--)
		bstart[g] = bstart[g - 1];
	bstart[0] = 0;
	for (g = ns; g > 0; g--)
		sstart[g] = sstart[g - 1];
	sstart[0] = 0;
	for (g = 0; g < nb; g++) {
		name = search_bucket_name(g, nb);
		buf_printf(&b, "cchcSearch.bucket(\"%s\",{", name);
		free(name);
		for (j = bstart[g]; j < bstart[g + 1]; j++) {
			e = &m->e[byb[j]];
			if (j > bstart[g])
				buf_putc(&b, ',');
			search_json_str(&b, m->ar.data + e->off, e->len);
			buf_puts(&b, ":[");
			search_postings(&b, e->p.v, e->p.n);
			if (!e->bigram) {
				buf_putc(&b, ',');
				search_postings(&b, e->t.v, e->t.n);
				put_forms(m, e, &fv, &fcap, &b);
			}
			buf_putc(&b, ']');
		}
		buf_puts(&b, "})\n");
		if (put_file(m, put, arg, route_search_bucket(g, nb), &b) == -1)
			goto out;
	}
	for (g = 0; g < ns; g++) {
		name = search_bucket_name(g, ns);
		buf_printf(&b, "cchcSearch.dict(\"%s\",[", name);
		free(name);
		for (j = sstart[g]; j < sstart[g + 1]; j++) {
			e = &m->e[bys[j]];
			if (j > sstart[g])
				buf_putc(&b, ',');
			search_json_str(&b, m->ar.data + e->off, e->len);
			buf_printf(&b, ",%u", e->p.n);
		}
		buf_puts(&b, "])\n");
		if (put_file(m, put, arg, route_search_dict(g, ns), &b) == -1)
			goto out;
	}
	rc = 0;
out:
	free(fv);
	free(keys);
	free(byb);
	free(bys);
	free(bstart);
	free(sstart);
	buf_free(&b);
	return rc;
}

/* Every document's file with its new id, URL and department. */
static int
put_docs(struct merge *m, psearch_put put, void *arg)
{
	static const char *const keys[] = { "t", "k", "d", "s" };
	struct buf	 b = BUF_INIT;
	struct psrc	*s;
	struct val	*top, *obj, *v;
	const char	*pre;
	uint32_t	 date;
	size_t		 i, j;
	int		 rc = -1;

	for (i = 0; i < m->ndocs; i++) {
		s = &m->src[m->docs[i].src];
		if ((top = read_doc(m, s, m->docs[i].old, &obj, &date)) ==
		    NULL)
			goto out;
		pre = s->s->prefix != NULL ? s->s->prefix : "";
		v = val_map_get(obj, "u");
		buf_printf(&b, "cchcSearch.doc(%zu,{\"u\":", i);
		/* The prefix and the URL as one string. */
		buf_reset(&m->raw);
		buf_puts(&m->raw, pre);
		buf_put(&m->raw, val_get_str(v), val_str_len(v));
		search_json_str(&b, m->raw.data, m->raw.len);
		for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++) {
			v = val_map_get(obj, keys[j]);
			buf_printf(&b, ",\"%s\":", keys[j]);
			if (val_type(v) == VAL_STR)
				search_json_str(&b, val_get_str(v),
				    val_str_len(v));
			else if (val_type(v) == VAL_NUM)
				buf_printf(&b, "%u", (unsigned)val_get_num(v));
			else
				buf_puts(&b, "null");
		}
		if (s->s->name != NULL && *s->s->name != '\0') {
			buf_puts(&b, ",\"g\":");
			search_json_str(&b, s->s->name, strlen(s->s->name));
		}
		buf_puts(&b, "})\n");
		val_unref(top);
		if (put_file(m, put, arg, route_search_doc((long)i), &b) == -1)
			goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* The root: each document's type and year from its source's meta. */
static int
put_root(struct merge *m, psearch_put put, void *arg, unsigned nb,
    unsigned ns)
{
	struct buf	 b = BUF_INIT;
	unsigned char	*meta = xcalloc(m->ndocs ? m->ndocs : 1, 1);
	int		*year = xcalloc(m->ndocs ? m->ndocs : 1, sizeof(*year));
	const struct psrc *s;
	unsigned	 c;
	size_t		 i;
	int		 y0 = 0, y, rc;

	for (i = 0; i < m->ndocs; i++) {
		s = &m->src[m->docs[i].src];
		c = s->meta[m->docs[i].old];
		year[i] = (c >> 2) == PS_NO_YEAR ? 0 : s->y0 + (int)(c >> 2);
		meta[i] = (unsigned char)(c & 3);
		if (year[i] != 0 && (y0 == 0 || year[i] < y0))
			y0 = year[i];
	}
	for (i = 0; i < m->ndocs; i++) {
		y = year[i] != 0 ? year[i] - y0 : PS_NO_YEAR;
		if (y > PS_NO_YEAR)
			y = PS_NO_YEAR;	/* out of range: as if none */
		meta[i] |= (unsigned char)(y << 2);
	}
	buf_printf(&b, "cchcSearch.root({\"v\":1,\"n\":%zu,\"nb\":%u,"
	    "\"ns\":%u,\"y0\":%d,\"meta\":\"", m->ndocs, nb, ns, y0);
	search_base64(&b, meta, m->ndocs);
	buf_puts(&b, "\"})\n");
	rc = put_file(m, put, arg, xstrdup(ROUTE_SEARCH_ROOT), &b);
	buf_free(&b);
	free(meta);
	free(year);
	return rc;
}

/* --- The merge -------------------------------------------------------- */

static void
terms_free(struct merge *m)
{
	size_t	 i;

	for (i = 0; i < m->ne; i++) {
		free(m->e[i].p.v);
		free(m->e[i].t.v);
	}
	free(m->e);
	m->e = NULL;
	m->ne = m->cap = 0;
	free(m->tab);
	m->tab = NULL;
	m->tabsize = 0;
	buf_free(&m->ar);
	free(m->sortbuf);
	m->sortbuf = NULL;
	m->sortcap = 0;
}

int
portal_search_merge(const struct psearch_src *src, size_t n,
    psearch_put put, void *arg, struct diag *diag)
{
	struct merge	 m;
	struct psrc	*s;
	size_t		 i;
	unsigned	 b, nb = 0, ns = 0;
	int		 rc = -1;

	memset(&m, 0, sizeof(m));
	m.diag = diag;
	m.nsrc = n;
	m.src = xcalloc(n ? n : 1, sizeof(*m.src));
	for (i = 0; i < n; i++) {
		m.src[i].s = &src[i];
		/* Messages name the department, or its folder. */
		m.src[i].name = src[i].name != NULL && *src[i].name != '\0' ?
		    src[i].name : src[i].dir;
	}
	if (take_docs(&m) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		s = &m.src[i];
		for (b = 0; !s->skip && b < s->nb; b++)
			if (take_bucket(&m, s, b) == -1)
				goto out;
	}
	if (put_terms(&m, put, arg, &nb, &ns) == -1)
		goto out;
	terms_free(&m);
	if (put_docs(&m, put, arg) == -1 ||
	    put_root(&m, put, arg, nb, ns) == -1)
		goto out;
	rc = 0;
out:
	terms_free(&m);
	for (i = 0; i < n; i++) {
		free(m.src[i].meta);
		free(m.src[i].map);
	}
	free(m.src);
	free(m.docs);
	buf_free(&m.file);
	buf_free(&m.raw);
	free(m.tp.v);
	free(m.tx.v);
	return rc;
}
