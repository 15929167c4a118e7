/*
 * portal_search.c - the portal's search index, merged from the
 * departments' published ones; see portal_search.h and docs/search.md,
 * "Across departments (the portal)".
 *
 * Each source is first made an image: a compact binary copy of what the
 * merge takes from it (its root's n, y0 and meta, each document's date,
 * type, URL, title and text, each term with its old ids), read from the
 * cache when the source did not change since it was written (the stamp:
 * goc.js's bytes and its folders' identity), else from its files, one
 * source a thread.  Then, on one thread: the documents sorted once by
 * (date, source, old id), which gives each its new id; every image's
 * terms taken into one hash table (terms and their exact forms alike)
 * with where each image has their ids; then a term at a time its ids
 * gathered, remapped and sorted once, and kept only as their postings'
 * text (never every term's ids at once: they were most of the memory),
 * nb and ns by search.c's rules (search_counts), terms sorted once by
 * bytes and grouped by bucket and by shard (stable counting sorts), the
 * buckets and shards written, then the documents (their texts read back from
 * the cache file, not held) and the root.
 * Warm or cold, the merge reads the same images, so it writes the same
 * bytes.
 *
 * Every source file is parsed with json_parse() after its call's text
 * is blanked to white space (the parenthesis made a bracket), so that
 * a position json.c gives is the file's own.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "hash.h"
#include "json.h"
#include "pool.h"
#include "portal_search.h"
#include "routes.h"
#include "search.h"
#include "util.h"
#include "value.h"

#define PS_FILE_MAX	((size_t)1 << 28)	/* bytes of one index file */
#define PS_NB_MAX	65536
#define PS_NS_MAX	4096
#define PS_NO_YEAR	63		/* meta: a document without a year */

/* The cache: one sealed file a source (cachefile.h), its image. */
#define PS_CACHE_DIR	"_tim-kiem"	/* not a slug: no '_' in those */
#define PS_CACHE_MAGIC	"CCHCPSRC"
#define PS_CACHE_VERSION 3
#define PS_CACHE_MAX	((size_t)1 << 31)
#define PS_SUM_BLOCK	65536		/* the texts' checksum, block by block */
#define PS_REC_FILE	"gop.bin"	/* the last merge's record */
#define PS_REC_MAGIC	"CCHCPGOP"
#define PS_REC_VERSION	1
#define PS_REC_HEAD	20
#define PS_REC_SRC	16
#define PS_REC_DOC	24
#define PS_REC_BUCKET	32
#define PS_REC_SHARD	16
#define PS_FID_MAGIC	"CCHCPSFI"	/* an image's file identities */
#define PS_FID_VERSION	1
#define PS_FID_HEAD	16		/* u32 n, u32 nb, u64 the cache
					   file's file_id() */
#define PS_FID_DOC	8		/* u64 file_id() */
#define PS_FID_BUCKET	20		/* u64 file_id(), u32 offset, length,
					   terms */
#define PS_SETTLE	2		/* seconds: see struct merge's settled */
#define PS_IMG_HEAD	28		/* an image's body: n, y0, terms,
					   texts' length and checksum */
#define PS_IMG_DOC	20		/* a document's record */
#define PS_SLOTS	65536		/* estimates summed by hash & (PS_SLOTS
					   - 1): search.c's NB_MAX, so that a
					   bucket is a set of slots */

/* Ascending ids (once finished). */
struct pids {
	uint32_t	*v;
	uint32_t	 n, cap;
};

/*
 * A term (parent 0) or an exact form of one (parent: its term's index +
 * 1), its bytes in the arena.  Its ids are not kept: occ lists where
 * each source has them; merged, only their written postings are kept
 * (P's, then a unigram's T, at post in the merge's pt; a form's P
 * only when not "=").
 */
struct pterm {
	size_t		 off;
	size_t		 post;		/* its postings' text in pt */
	uint32_t	 len;
	uint32_t	 hash;		/* key_hash(): a term's is FNV-1a */
	uint32_t	 parent;
	uint32_t	 forms;		/* a term's first form + 1 (0: none) */
	uint32_t	 next;		/* a form's next sibling + 1 */
	uint32_t	 occ;		/* its first occurrence + 1 */
	uint32_t	 np;		/* merged P's length (0: not written) */
	uint32_t	 plen, tlen;	/* P's and T's text */
	unsigned char	 bigram;
	unsigned char	 same;		/* a form: its P is its term's ("=") */
};

/*
 * A source's ids of a term or form: at off in its image's body (a
 * term's T follows its P; a form's "=" points at its term's P).  Its
 * source is the one whose occurrences (taken a source at a time) hold
 * it: see occ_src().
 */
struct pocc {
	uint32_t	 off, next;
};

struct pdoc {
	uint32_t	 src, old;
	uint32_t	 date;		/* YYYYMMDD + 1; 0 without one */
};

/*
 * An image's file identities: its ids file (<hash>.ids beside its cache
 * file, sealed with the image's stamp).  Body: u32 n, u32 nb, u64 the
 * cache file's file_id() as it was written, then each document's
 * file_id() (d/<k>.js) as the image took it, then each bucket's
 * (ds/<b>.js) with where its terms are in the image: offset in its
 * body, length, count.  With the last image's, a changed department's
 * image is made again from only the files its rebuild wrote anew; with
 * every image's, a merge that makes a few buckets walks only the
 * sources' buckets that hold their terms.  A cache file still as it was
 * written is not checksummed again (as git trusts its index's stat
 * data): its checksums were right when it was written and read back.
 */
struct pfid {
	struct buf	 file;		/* len 0: none */
	uint32_t	 n, nb;
	uint64_t	 bin;		/* the cache file's file_id() */
	unsigned char	*docs, *buckets;	/* in file */
};

/*
 * A source.  Its image (body at img.data + CF_SEALED_HEAD):
 *
 *   u32 n, u32 y0, u32 terms, u64 texts' length, u64 texts' checksum,
 *   meta[n],
 *   n documents: u32 date, u32 k, u32 lengths of u, t, s
 *   terms: u8 bigram, u32 length, bytes, ids P; a unigram then ids T,
 *     u32 forms, each: u32 length, bytes, u8 "=" (1: P), else ids
 *   ids: u32 count, then LEB128 the first id and each next's gap (>= 1)
 *
 * All little-endian; old ids, so that it does not depend on the others.
 * The texts (each document's u, t, s, in order) are not in the image:
 * they are most of a source's bytes and wanted only once each, when
 * its document's file is written.  They follow the image in its cache
 * file (the seal covers the image; the texts' checksum is in it), read
 * back from an open descriptor (fd); without a cache file, in texts.
 */
struct psrc {
	const struct psearch_src *s;
	const char	*name;
	int		 skip;		/* no index */
	int		 failed;
	int		 cached;	/* the image came from the cache */
	size_t		 mapped;	/* img is the cache file's first bytes
					   mapped (image_free()) */
	uint64_t	 stamp;		/* src_stamp() */
	uint32_t	 n;
	unsigned	 nb;
	int		 y0;
	struct diag	 diag;		/* its messages, moved in order */
	struct buf	 img;
	const unsigned char *meta;	/* n bytes, in img */
	size_t		*doff;		/* each document's record in img */
	size_t		 toff;		/* the terms' records in img */
	uint32_t	 nterms;
	uint64_t	*xoff;		/* each document's texts, from xbase */
	uint64_t	 xlen, xsum;	/* the texts' length and checksum */
	int		 fd;		/* the cache file, or -1: in texts */
	off_t		 xbase;		/* where the texts start in fd */
	struct buf	 texts;
	uint32_t	*map;		/* old id -> new id */
	struct buf	 oldimg;	/* changed since its cache file: the
					   image that held, */
	uint64_t	 oldstamp;	/*   of this stamp (0: none) */
	int		 mono;		/* the map ascends: no sort after it */
	struct pfid	 fid;		/* this image's file identities */
	struct pfid	 ofid;		/* the last image's (with oldimg) */
	int		 ofd;		/* the last cache file (its texts), -1 */
	int		 otexts;	/* 1: read into old, -1: not readable */
	struct buf	 old;		/* the last image's texts, */
	uint64_t	*oxoff;		/*   each document's there (on + 1) */
	uint32_t	 on;		/* the last image's n */
	size_t		 occ0;		/* its first occurrence */
};

/* One source being read (a thread's). */
struct rd {
	struct psrc	*s;
	struct buf	 file;		/* the file being read */
	struct buf	 raw;		/* decoded base64 */
	struct pids	 tp, tx;	/* a term's P, other postings (old ids) */
	uint64_t	 id;		/* the file's file_id() as taken, or 0
					   when it had not settled */
	time_t		 settled;	/* a file last changed before this has
					   (struct merge) */
};

/* A unigram of the dictionary: its bytes (a record's, an image's) and np. */
struct pdict {
	const char	*s;
	uint32_t	 len, np, shard;
};

/* A unigram whose np moved in a changed department, by d. */
struct pdelta {
	const char	*s;
	uint32_t	 len;
	int64_t		 d;
};

/* The last merge's record, read (rec_load); pointers into file. */
struct plast {
	struct buf	 file;		/* len 0: none */
	size_t		 nsrc, ndocs, ndict;
	unsigned	 nb, ns;
	const unsigned char *src, *docs, *buckets, *shards;
	struct pdict	*dict;
};

struct merge {
	struct psrc	*src;
	size_t		 nsrc;
	/*
	 * A file is known by its identity (file_id()) only once it has
	 * settled: last changed PS_SETTLE seconds or more before the merge
	 * began.  A file's mtime has the clock's coarse grain, so a file
	 * written again in place, at its size, within the same tick as it
	 * was taken would look the same (git's "racy clean" entries); one
	 * that has not settled is recorded as unknown and read next time.
	 * Only what is read depends on the clock, never what is written.
	 */
	time_t		 settled;
	const char	*cache;		/* the cache folder, or NULL */
	struct diag	*diag;
	struct pdoc	*docs;
	size_t		 ndocs;
	struct pterm	*e;
	size_t		 ne, cap;
	uint32_t	*tab;		/* index + 1 into e; 0 empty */
	size_t		 tabsize;
	struct buf	 ar;		/* terms' and forms' bytes, + NUL */
	struct buf	 raw;		/* a document's URL */
	struct buf	 txt;		/* a document's texts, read back */
	struct pocc	*occ;
	size_t		 nocc, occcap;
	struct buf	 pt;		/* the merged postings' text */
	struct pids	 tp, tx, fx;	/* merged P, T, a form's P */
	struct pids	 one;		/* one source's ids, remapped */
	uint32_t	*sortbuf;	/* pids_finish()'s */
	size_t		 sortcap;
	uint64_t	*bits;		/* pids_finish()'s bitmap, ndocs bits */
	/* The last merge's record, and this one's for the next. */
	struct plast	 last;
	uint64_t	 salt;		/* the record's: the binary's hash */
	unsigned char	*same;		/* a source as then (nsrc bytes) */
	uint64_t	*dhash, *dsize;	/* each document's file */
	unsigned	 nb, ns;
	uint64_t	*bhash, *bsize;	/* each bucket's file, */
	uint64_t	*bbytes, *bdict;	/*   its estimates */
	uint64_t	*shash, *ssize;	/* each shard's file */
	struct buf	 recdict;	/* the dictionary as the record has it */
	size_t		 nrecdict;
	struct pdict	*dict;		/* the dictionary, by shard and bytes */
	size_t		 ndict;
	uint64_t	*sbytes, *sdict;	/* merge_terms()'s estimates */
	/* Only what changed made again (inc_plan()). */
	int		 inc;
	uint64_t	*dirty;		/* the buckets to make (last.nb bits) */
	unsigned char	*sdirty;	/* the shards to make (last.ns) */
	struct pdelta	*delta;
	size_t		 ndelta, deltacap;
};

/* --- Messages --------------------------------------------------------- */

/* A damaged file (at: the value at fault, for its line:col). */
static void
bad(struct psrc *s, const char *path, const struct val *at,
    const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
bad(struct psrc *s, const char *path, const struct val *at,
    const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_err(&s->diag, path, at != NULL ? val_line(at) : 0,
	    at != NULL ? val_col(at) : 0, "%s: tệp chỉ mục tìm kiếm hỏng: %s; "
	    "hãy dựng lại đơn vị này bằng cchc build", s->name,
	    buf_cstr(&b));
	buf_free(&b);
}

/* --- Reading a file --------------------------------------------------- */

static uint64_t	file_id(const struct stat *);

/* path into r->file; -1 with the error said (*missing instead, if asked). */
static int
read_file(struct rd *r, const char *path, int *missing)
{
	struct stat	 st;

	buf_reset(&r->file);
	r->id = 0;
	if (fs_read_stat(path, PS_FILE_MAX, &r->file, &st) == -1) {
		if (missing != NULL && errno == ENOENT) {
			*missing = 1;
			return -1;
		}
		diag_err(&r->s->diag, path, 0, 0, "%s: không đọc được tệp chỉ "
		    "mục tìm kiếm: %s", r->s->name, err_text(errno));
		return -1;
	}
	r->id = st.st_mtim.tv_sec < r->settled ? file_id(&st) : 0;
	return 0;
}

/*
 * The arguments of the "cchcSearch.<kind>(...)" in r->file (path's
 * bytes) as a JSON array (a reference the caller owns), or NULL with
 * the error said.
 */
static struct val *
parse_call(struct rd *r, const char *path, const char *kind)
{
	struct buf	*b = &r->file;
	struct psrc	*s = r->s;
	struct val	*v;
	char		 err[256], head[32], *end;
	size_t		 hl, close;
	long		 line = 0, col = 0;

	hl = (size_t)snprintf(head, sizeof(head), "cchcSearch.%s(", kind);
	for (close = b->len; close > 0 && (b->data[close - 1] == '\n' ||
	    b->data[close - 1] == '\r' || b->data[close - 1] == ' ' ||
	    b->data[close - 1] == '\t'); close--)
		;
	if (b->len < hl + 1 || memcmp(b->data, head, hl) != 0 ||
	    close < hl + 1 || b->data[close - 1] != ')') {
		diag_err(&s->diag, path, 1, 1, "%s: không phải tệp chỉ mục "
		    "tìm kiếm của cchc (cần một lời gọi cchcSearch.%s(…)); "
		    "hãy dựng lại đơn vị này bằng cchc build", s->name, kind);
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
		diag_err(&s->diag, path, (int)line, (int)col, "%s: tệp chỉ mục "
		    "tìm kiếm hỏng: %s; hãy dựng lại đơn vị này bằng cchc "
		    "build", s->name, end);
		return NULL;
	}
	if (val_type(v) != VAL_LIST) {
		bad(s, path, v, "không phải lời gọi cchcSearch.%s(…)", kind);
		val_unref(v);
		return NULL;
	}
	return v;
}

static struct val *
read_call(struct rd *r, const char *path, const char *kind)
{
	if (read_file(r, path, NULL) == -1)
		return NULL;
	return parse_call(r, path, kind);
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
 * run.  Many ids (a word most documents have) are set in a bitmap of
 * every document and read back in order; fewer are merged pairs of
 * runs at a time until one is left: log2 of the sources' count passes,
 * not a sort's log2 of the ids'.
 */
static void
pids_finish(struct merge *m, struct pids *x)
{
	uint32_t	*a = x->v, *b, *t;
	uint64_t	 w;
	size_t		 n = x->n, i, j, k, lo, mid, hi, runs;
	size_t		 words = (m->ndocs + 63) / 64;

	if (n < 2 || run_end(a, 0, n) == n)
		goto out;
	if (n >= 64 && n * 4 >= words) {
		memset(m->bits, 0, words * sizeof(*m->bits));
		for (i = 0; i < n; i++)
			m->bits[a[i] >> 6] |= (uint64_t)1 << (a[i] & 63);
		for (i = k = 0; i < words; i++)
			for (w = m->bits[i]; w != 0; w &= w - 1)
				a[k++] = (uint32_t)(i * 64 +
				    (size_t)__builtin_ctzll(w));
		x->n = (uint32_t)k;
		return;
	}
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

/* Old id `id` of r's source appended to out, if there is one. */
static int
take_id(struct rd *r, const char *path, const struct val *v, uint64_t id,
    struct pids *out)
{
	uint32_t	 one;

	if (id >= r->s->n) {
		bad(r->s, path, v, "mã tài liệu %llu, mà chỉ có %u tài liệu",
		    (unsigned long long)id, r->s->n);
		return -1;
	}
	one = (uint32_t)id;
	pids_put(out, &one, 1);
	return 0;
}

/*
 * Postings v ("", "v…", "b…") into out as old ids, ascending; -1 with
 * the error said.
 */
static int
decode(struct rd *r, const char *path, const struct val *v,
    struct pids *out)
{
	const char	*str;
	const unsigned char *p;
	uint64_t	 g, prev = 0;
	size_t		 len, i;
	int		 shift, bit;

	out->n = 0;
	if (v == NULL || val_type(v) != VAL_STR) {
		bad(r->s, path, v, "danh sách tài liệu phải là một chuỗi");
		return -1;
	}
	str = val_get_str(v);
	if ((len = val_str_len(v)) == 0)
		return 0;
	buf_reset(&r->raw);
	if ((str[0] != 'v' && str[0] != 'b') ||
	    search_unbase64(&r->raw, str + 1, len - 1) == -1) {
		bad(r->s, path, v, "danh sách tài liệu không giải mã được");
		return -1;
	}
	p = (const unsigned char *)r->raw.data;
	if (str[0] == 'b') {
		for (i = 0; i < r->raw.len; i++)
			for (bit = 0; bit < 8; bit++) {
				if ((p[i] & 1u << bit) && take_id(r, path, v,
				    (uint64_t)i * 8 + (unsigned)bit, out) == -1)
					return -1;
			}
		return 0;
	}
	for (i = 0; i < r->raw.len; ) {
		g = 0;
		shift = 0;
		do {
			if (i >= r->raw.len || shift > 28) {
				bad(r->s, path, v, "danh sách tài liệu không "
				    "giải mã được");
				return -1;
			}
			g |= (uint64_t)(p[i] & 0x7F) << shift;
			shift += 7;
		} while (p[i++] & 0x80);
		if (g == 0) {
			bad(r->s, path, v, "danh sách tài liệu không tăng dần");
			return -1;
		}
		prev = out->n == 0 ? g - 1 : prev + g;
		if (take_id(r, path, v, prev, out) == -1)
			return -1;
	}
	return 0;
}

/* --- Images ----------------------------------------------------------- */

static void
img_str(struct buf *b, const char *s, size_t len)
{
	cf_put_u32(b, (uint32_t)len);
	buf_put(b, s, len);
}

static void
img_leb(struct buf *b, uint32_t v)
{
	do {
		buf_putc(b, (int)((v & 0x7F) | (v > 0x7F ? 0x80 : 0)));
		v >>= 7;
	} while (v != 0);
}

static void
img_ids(struct buf *b, const struct pids *x)
{
	uint32_t	 i;

	cf_put_u32(b, x->n);
	for (i = 0; i < x->n; i++)
		img_leb(b, i == 0 ? x->v[0] : x->v[i] - x->v[i - 1]);
}

/* A cursor over an image: reads past its end set bad and give zeros. */
struct cur {
	const unsigned char *p;
	size_t		 len, off;
	int		 bad;
};

static uint32_t
cur_u32(struct cur *c)
{
	if (c->len - c->off < 4) {
		c->bad = 1;
		c->off = c->len;
		return 0;
	}
	c->off += 4;
	return (uint32_t)cf_le_get(c->p + c->off - 4, 4);
}

static unsigned
cur_u8(struct cur *c)
{
	if (c->off >= c->len) {
		c->bad = 1;
		return 0;
	}
	return c->p[c->off++];
}

/* n bytes (their start), or NULL. */
static const char *
cur_bytes(struct cur *c, size_t n)
{
	if (c->len - c->off < n) {
		c->bad = 1;
		c->off = c->len;
		return NULL;
	}
	c->off += n;
	return (const char *)c->p + c->off - n;
}

static const char *
cur_str(struct cur *c, uint32_t *len)
{
	*len = cur_u32(c);
	return cur_bytes(c, *len);
}

static uint32_t
cur_leb(struct cur *c)
{
	uint32_t	 v = 0;
	int		 shift = 0;
	unsigned	 x;

	do {
		if (c->off >= c->len || shift > 28) {
			c->bad = 1;
			return 0;
		}
		x = c->p[c->off++];
		v |= (uint32_t)(x & 0x7F) << shift;
		shift += 7;
	} while (x & 0x80);
	return v;
}

/*
 * Ids at c, each an old id below n, ascending: into out as they are,
 * or (map) remapped; -1 when they are not so.
 */
static int
cur_ids(struct cur *c, uint32_t n, const uint32_t *map, struct pids *out)
{
	uint32_t	 k = cur_u32(c), i, id = 0, g;

	out->n = 0;
	if (k > n || c->len - c->off < k)
		return -1;
	if (out->cap < k) {
		out->v = xreallocarray(out->v, k, sizeof(*out->v));
		out->cap = k;
	}
	for (i = 0; i < k; i++) {
		g = cur_leb(c);
		if (i > 0 && (g == 0 || g > n))
			return -1;
		id = i == 0 ? g : id + g;
		if (id >= n || c->bad)
			return -1;
		out->v[i] = map != NULL ? map[id] : id;
	}
	out->n = k;
	return 0;
}

/*
 * The image's parts found and its documents' records checked; with
 * terms, every term's record too (ids ascending, below n): an image
 * just made from a department's files.  One from a cache file, whose
 * seal's checksum covers it, is not walked again (2 ms of the 4 each
 * cached department took): what reads its terms later stops at its end
 * (struct cur) and checks every id against n (cur_ids()).  0, or -1.
 */
static int
img_index(struct psrc *s, struct rd *r, int terms)
{
	struct cur	 c;
	uint64_t	 x = 0;
	uint32_t	 i, k, j, nf, len;
	unsigned	 bigram;
	const char	*t;

	/* Its terms' places are kept in 32 bits (struct pocc). */
	if (s->img.len < CF_SEALED_HEAD || s->img.len >= UINT32_MAX)
		return -1;
	c.p = (const unsigned char *)s->img.data + CF_SEALED_HEAD;
	c.len = s->img.len - CF_SEALED_HEAD;
	c.off = 0;
	c.bad = 0;
	s->n = cur_u32(&c);
	k = cur_u32(&c);
	s->nterms = cur_u32(&c);
	s->xlen = cur_u32(&c);
	s->xlen |= (uint64_t)cur_u32(&c) << 32;
	s->xsum = cur_u32(&c);
	s->xsum |= (uint64_t)cur_u32(&c) << 32;
	if (c.bad || s->n >= UINT32_MAX || k > 9999 ||
	    (s->meta = (const unsigned char *)cur_bytes(&c, s->n)) == NULL)
		return -1;
	s->y0 = (int)k;
	free(s->doff);
	free(s->xoff);
	s->doff = xcalloc(s->n ? s->n : 1, sizeof(*s->doff));
	s->xoff = xcalloc(s->n ? s->n : 1, sizeof(*s->xoff));
	for (i = 0; i < s->n; i++) {
		s->doff[i] = c.off;
		s->xoff[i] = x;
		(void)cur_u32(&c);
		if (cur_u32(&c) > 3)
			return -1;
		for (j = 0; j < 3; j++)
			x += cur_u32(&c);
		if (c.bad || x > s->xlen)
			return -1;
	}
	if (x != s->xlen)
		return -1;
	s->toff = c.off;
	/* A term's record is at least 10 bytes. */
	if (s->nterms > (c.len - c.off) / 10)
		return -1;
	if (!terms)
		return 0;
	for (i = 0; i < s->nterms; i++) {
		bigram = cur_u8(&c);
		if ((t = cur_str(&c, &len)) == NULL || len == 0 ||
		    bigram != (memchr(t, ' ', len) != NULL) ||
		    cur_ids(&c, s->n, NULL, &r->tp) == -1)
			return -1;
		if (bigram)
			continue;
		if (cur_ids(&c, s->n, NULL, &r->tx) == -1)
			return -1;
		nf = cur_u32(&c);
		for (j = 0; j < nf && !c.bad; j++) {
			if (cur_str(&c, &len) == NULL || len == 0)
				return -1;
			k = cur_u8(&c);
			if (k > 1 || (k == 0 &&
			    cur_ids(&c, s->n, NULL, &r->tx) == -1))
				return -1;
		}
		if (c.bad)
			return -1;
	}
	return c.off == c.len && !c.bad ? 0 : -1;
}

/* --- Files as the last image took them ------------------------------------ */

static int	 pread_all(int, void *, size_t, off_t);
static uint64_t	 sum_blocks(uint64_t, const char *, size_t);

/* A file's cf_file_id(), never 0 (0: unknown). */
static uint64_t
file_id(const struct stat *st)
{
	uint64_t	 h = cf_file_id(st, 0);

	return h != 0 ? h : 1;
}

/* path's file_id(), or 0 when it is not a regular file. */
static uint64_t
path_id(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	return file_id(&st);
}

/* f->file's body checked and its parts found: 0, or -1 (f emptied). */
static int
fid_parse(struct pfid *f)
{
	const unsigned char *p;
	uint64_t	 len;

	if (f->file.len < CF_SEALED_HEAD + PS_FID_HEAD)
		goto bad;
	p = (unsigned char *)f->file.data + CF_SEALED_HEAD;
	len = f->file.len - CF_SEALED_HEAD;
	f->n = (uint32_t)cf_le_get(p, 4);
	f->nb = (uint32_t)cf_le_get(p + 4, 4);
	f->bin = cf_le_get(p + 8, 8);
	if (f->nb == 0 || f->nb > PS_NB_MAX || (f->nb & (f->nb - 1)) != 0 ||
	    len != PS_FID_HEAD + (uint64_t)f->n * PS_FID_DOC +
	    (uint64_t)f->nb * PS_FID_BUCKET)
		goto bad;
	f->docs = (unsigned char *)f->file.data + CF_SEALED_HEAD +
	    PS_FID_HEAD;
	f->buckets = f->docs + (size_t)f->n * PS_FID_DOC;
	return 0;
bad:
	buf_free(&f->file);
	memset(f, 0, sizeof(*f));
	return -1;
}

/* The ids file at path if it is whole and of this stamp (else none). */
static void
fid_load(struct pfid *f, const char *path, uint64_t stamp)
{
	if (cf_load(path, PS_CACHE_MAX, PS_FID_MAGIC, PS_FID_VERSION, stamp,
	    &f->file, NULL) == 0)
		(void)fid_parse(f);
}

/* An ids file begun for an image of n documents and nb buckets. */
static void
fid_begin(struct pfid *f, uint64_t stamp, uint32_t n, uint32_t nb)
{
	size_t	 len = PS_FID_HEAD + (size_t)n * PS_FID_DOC +
		    (size_t)nb * PS_FID_BUCKET;

	buf_free(&f->file);
	cf_begin_sealed(&f->file, PS_FID_MAGIC, PS_FID_VERSION, stamp);
	buf_grow(&f->file, len);
	memset(f->file.data + f->file.len, 0, len);
	cf_le_put((unsigned char *)f->file.data + f->file.len, n, 4);
	cf_le_put((unsigned char *)f->file.data + f->file.len + 4, nb, 4);
	f->file.len += len;
	(void)fid_parse(f);
}

static uint64_t
fid_doc(const struct pfid *f, uint32_t k)
{
	return k < f->n ? cf_le_get(f->docs + (size_t)k * PS_FID_DOC, 8) : 0;
}

/* Bucket b's identity; its terms' offset, length and count in *r. */
static uint64_t
fid_bucket(const struct pfid *f, uint32_t b, uint32_t r[3])
{
	const unsigned char *p = f->buckets + (size_t)b * PS_FID_BUCKET;

	r[0] = (uint32_t)cf_le_get(p + 8, 4);
	r[1] = (uint32_t)cf_le_get(p + 12, 4);
	r[2] = (uint32_t)cf_le_get(p + 16, 4);
	return cf_le_get(p, 8);
}

static void
fid_set_bucket(struct pfid *f, uint32_t b, uint64_t id, size_t off,
    size_t len, uint32_t nterms)
{
	unsigned char	*p = f->buckets + (size_t)b * PS_FID_BUCKET;

	cf_le_put(p, id, 8);
	cf_le_put(p + 8, off, 4);
	cf_le_put(p + 12, len, 4);
	cf_le_put(p + 16, nterms, 4);
}

/*
 * The last image's texts, read from its cache file once and checked
 * against its checksum, with each document's place: 0, or -1 (then
 * every file is read).
 */
static int
old_texts(struct psrc *s)
{
	const unsigned char *ob = (const unsigned char *)s->oldimg.data +
			    CF_SEALED_HEAD;
	size_t		 olen = s->oldimg.len - CF_SEALED_HEAD, at;
	uint64_t	 xlen, x = 0;
	uint32_t	 k, j;

	if (s->otexts != 0)
		return s->otexts == 1 ? 0 : -1;
	s->otexts = -1;
	if (s->ofd == -1 || olen < PS_IMG_HEAD)
		return -1;
	s->on = (uint32_t)cf_le_get(ob, 4);
	xlen = cf_le_get(ob + 12, 8);
	if (s->on >= UINT32_MAX || (olen - PS_IMG_HEAD) / (PS_IMG_DOC + 1) <
	    s->on || xlen > PS_CACHE_MAX)
		return -1;
	s->oxoff = xcalloc((size_t)s->on + 1, sizeof(*s->oxoff));
	at = PS_IMG_HEAD + (size_t)s->on;	/* after meta */
	for (k = 0; k < s->on; k++, at += PS_IMG_DOC) {
		s->oxoff[k] = x;
		for (j = 0; j < 3; j++)
			x += cf_le_get(ob + at + 8 + 4 * j, 4);
	}
	s->oxoff[k] = x;
	if (x != xlen)
		return -1;
	buf_grow(&s->old, (size_t)xlen);
	if (pread_all(s->ofd, s->old.data, (size_t)xlen,
	    (off_t)s->oldimg.len) == -1 ||
	    sum_blocks(0, s->old.data, (size_t)xlen) != cf_le_get(ob + 20, 8))
		return -1;
	s->old.len = (size_t)xlen;
	s->otexts = 1;
	return 0;
}

/*
 * Document k as the last image took it, when its file (at path) is the
 * one it took: 0 with its record and texts in the image, r->id its
 * file's; else -1 (r->id 0 or what it is now).
 */
static int
doc_again(struct rd *r, uint32_t k, const char *path)
{
	struct psrc	*s = r->s;
	const unsigned char *rec;

	r->id = 0;
	if (s->ofid.file.len == 0 || k >= s->ofid.n ||
	    (r->id = path_id(path)) == 0 || r->id != fid_doc(&s->ofid, k) ||
	    old_texts(s) == -1 || k >= s->on)
		return -1;
	rec = (const unsigned char *)s->oldimg.data + CF_SEALED_HEAD +
	    PS_IMG_HEAD + s->on + (size_t)k * PS_IMG_DOC;
	buf_put(&s->img, rec, PS_IMG_DOC);
	buf_put(&s->texts, s->old.data + s->oxoff[k],
	    (size_t)(s->oxoff[k + 1] - s->oxoff[k]));
	return 0;
}

/* Bucket b as the last image took it, as doc_again() a document. */
static int
bucket_again(struct rd *r, uint32_t b, const char *path)
{
	struct psrc	*s = r->s;
	uint32_t	 x[3];
	size_t		 olen = s->oldimg.len - CF_SEALED_HEAD;

	r->id = 0;
	if (s->ofid.file.len == 0 || s->ofid.nb != s->nb ||
	    (r->id = path_id(path)) == 0 ||
	    r->id != fid_bucket(&s->ofid, b, x) || x[0] > olen ||
	    x[1] > olen - x[0])
		return -1;
	buf_put(&s->img, s->oldimg.data + CF_SEALED_HEAD + x[0], x[1]);
	s->nterms += x[2];
	return 0;
}

/* The image freed, whether made (a buffer) or mapped from its file. */
static void
image_free(struct psrc *s)
{
	if (s->mapped != 0) {
		(void)munmap(s->img.data, s->mapped);
		memset(&s->img, 0, sizeof(s->img));
		s->mapped = 0;
	} else
		buf_free(&s->img);
}

/* --- Reading a source's files into its image ---------------------------- */

/* A unigram's exact forms {"form": P | "=", ...}. */
static int
take_forms(struct rd *r, const char *path, const struct val *forms)
{
	struct buf	*b = &r->s->img;
	const struct val *v;
	const char	*form;
	size_t		 i;

	if (val_type(forms) != VAL_MAP) {
		bad(r->s, path, forms, "các dạng viết của một từ phải là một "
		    "đối tượng");
		return -1;
	}
	cf_put_u32(b, (uint32_t)val_map_len(forms));
	for (i = 0; i < val_map_len(forms); i++) {
		form = val_map_key(forms, i);
		v = val_map_value(forms, i);
		if (*form == '\0') {
			bad(r->s, path, v, "dạng viết rỗng");
			return -1;
		}
		img_str(b, form, strlen(form));
		/* "=": this source's P. */
		if (val_type(v) == VAL_STR && strcmp(val_get_str(v), "=") == 0)
			buf_putc(b, 1);
		else if (decode(r, path, v, &r->tx) == -1)
			return -1;
		else {
			buf_putc(b, 0);
			img_ids(b, &r->tx);
		}
	}
	return 0;
}

/* Bucket b of the source: every term in it into the image. */
static int
take_bucket(struct rd *r, unsigned b)
{
	struct psrc	*s = r->s;
	struct val	*top = NULL, *map, *v;
	const char	*term;
	char		*rel = route_search_bucket(b, s->nb), *path, *name;
	size_t		 i, len, nv;
	int		 rc = -1, bigram;

	path = fs_join(s->s->dir, rel);
	name = search_bucket_name(b, s->nb);
	if (bucket_again(r, b, path) == 0) {
		rc = 0;
		goto out;
	}
	if ((top = read_call(r, path, "bucket")) == NULL)
		goto out;
	v = val_list_at(top, 0);
	if (val_list_len(top) != 2 || val_type(v) != VAL_STR ||
	    strcmp(val_get_str(v), name) != 0) {
		bad(s, path, top, "cần cchcSearch.bucket(\"%s\",{…})", name);
		goto out;
	}
	if (val_type(map = val_list_at(top, 1)) != VAL_MAP) {
		bad(s, path, map, "cần cchcSearch.bucket(\"%s\",{…})", name);
		goto out;
	}
	for (i = 0; i < val_map_len(map); i++) {
		term = val_map_key(map, i);
		v = val_map_value(map, i);
		len = strlen(term);
		if (len == 0 || (search_fnv1a(term, len) & (s->nb - 1)) != b) {
			bad(s, path, v, "từ \"%s\" không thuộc tệp này", term);
			goto out;
		}
		bigram = memchr(term, ' ', len) != NULL;
		nv = val_type(v) == VAL_LIST ? val_list_len(v) : 0;
		if (bigram ? nv != 1 : nv != 2 && nv != 3) {
			bad(s, path, v, "giá trị của từ \"%s\" không đúng "
			    "dạng (cần %s)", term, bigram ? "[P]" :
			    "[P, T] hoặc [P, T, {…}]");
			goto out;
		}
		if (decode(r, path, val_list_at(v, 0), &r->tp) == -1)
			goto out;
		buf_putc(&s->img, bigram);
		img_str(&s->img, term, len);
		img_ids(&s->img, &r->tp);
		s->nterms++;
		if (bigram)
			continue;
		if (decode(r, path, val_list_at(v, 1), &r->tx) == -1)
			goto out;
		img_ids(&s->img, &r->tx);
		if (nv == 2)
			cf_put_u32(&s->img, 0);
		else if (take_forms(r, path, val_list_at(v, 2)) == -1)
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

/* Document `old`, checked, into the image. */
static int
take_doc(struct rd *r, uint32_t old)
{
	static const char *const strs[] = { "u", "t", "s" };
	struct psrc	*s = r->s;
	struct val	*top = NULL, *obj, *v;
	char		*rel = route_search_doc((long)old), *path;
	uint32_t	 id, k, date = 0;
	size_t		 i;
	int		 rc = -1;

	path = fs_join(s->s->dir, rel);
	free(rel);
	if (doc_again(r, old, path) == 0) {
		rc = 0;
		goto out;
	}
	if ((top = read_call(r, path, "doc")) == NULL)
		goto out;
	if (val_list_len(top) != 2 || num_in(val_list_at(top, 0), UINT32_MAX,
	    &id) == -1 || id != old) {
		bad(s, path, top, "cần cchcSearch.doc(%u,{…})", old);
		goto out;
	}
	if (val_type(obj = val_list_at(top, 1)) != VAL_MAP) {
		bad(s, path, obj, "cần cchcSearch.doc(%u,{…})", old);
		goto out;
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (val_type(v = val_map_get(obj, strs[i])) != VAL_STR) {
			bad(s, path, v != NULL ? v : obj, "trường \"%s\" "
			    "của tài liệu thiếu hoặc không phải chuỗi",
			    strs[i]);
			goto out;
		}
	if (num_in(v = val_map_get(obj, "k"), 3, &k) == -1) {
		bad(s, path, v != NULL ? v : obj, "trường \"k\" của tài "
		    "liệu thiếu hoặc không phải 0, 1, 2, 3");
		goto out;
	}
	v = val_map_get(obj, "d");
	if (v == NULL || (val_type(v) != VAL_NULL && (val_type(v) !=
	    VAL_STR || (date = date_code(val_get_str(v),
	    val_str_len(v))) == 0))) {
		bad(s, path, v != NULL ? v : obj, "trường \"d\" của tài "
		    "liệu phải là một ngày YYYY-MM-DD hoặc null");
		goto out;
	}
	cf_put_u32(&s->img, date);
	cf_put_u32(&s->img, k);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		v = val_map_get(obj, strs[i]);
		cf_put_u32(&s->img, (uint32_t)val_str_len(v));
		buf_put(&s->texts, val_get_str(v), val_str_len(v));
	}
	rc = 0;
out:
	val_unref(top);
	free(path);
	return rc;
}

/* The root in r->file: n, nb, y0, meta, the image begun. */
static int
take_root(struct rd *r, const char *path)
{
	struct psrc	*s = r->s;
	struct val	*top, *root, *v;
	uint32_t	 x;
	int		 rc = -1;

	if ((top = parse_call(r, path, "root")) == NULL)
		return -1;
	root = val_list_at(top, 0);
	if (val_list_len(top) != 1 || val_type(root) != VAL_MAP) {
		bad(s, path, top, "cần cchcSearch.root({…})");
		goto out;
	}
	if (num_in(v = val_map_get(root, "v"), UINT32_MAX, &x) == -1 ||
	    x != 1) {
		bad(s, path, v != NULL ? v : root, "phiên bản chỉ mục không "
		    "phải 1 (cchc này chỉ đọc phiên bản 1)");
		goto out;
	}
	if (num_in(v = val_map_get(root, "n"), UINT32_MAX - 1, &s->n) == -1) {
		bad(s, path, v != NULL ? v : root, "\"n\" thiếu hoặc không "
		    "phải số tài liệu");
		goto out;
	}
	if (pow2_in(v = val_map_get(root, "nb"), PS_NB_MAX, &s->nb) == -1) {
		bad(s, path, v != NULL ? v : root, "\"nb\" thiếu hoặc không "
		    "phải lũy thừa của 2 từ 1 đến %d", PS_NB_MAX);
		goto out;
	}
	if (pow2_in(v = val_map_get(root, "ns"), PS_NS_MAX, &x) == -1) {
		bad(s, path, v != NULL ? v : root, "\"ns\" thiếu hoặc không "
		    "phải lũy thừa của 2 từ 1 đến %d", PS_NS_MAX);
		goto out;
	}
	if (num_in(v = val_map_get(root, "y0"), 9999, &x) == -1) {
		bad(s, path, v != NULL ? v : root, "\"y0\" thiếu hoặc không "
		    "phải một năm");
		goto out;
	}
	s->y0 = (int)x;
	v = val_map_get(root, "meta");
	buf_reset(&r->raw);
	if (v == NULL || val_type(v) != VAL_STR ||
	    search_unbase64(&r->raw, val_get_str(v), val_str_len(v)) == -1 ||
	    r->raw.len != s->n) {
		bad(s, path, v != NULL ? v : root, "\"meta\" không phải base64 "
		    "của %u byte", s->n);
		goto out;
	}
	cf_put_u32(&s->img, s->n);
	cf_put_u32(&s->img, (uint32_t)s->y0);
	cf_put_u32(&s->img, 0);		/* the terms' count, once known */
	cf_put_u64(&s->img, 0);		/* the texts' length, checksum */
	cf_put_u64(&s->img, 0);
	buf_put(&s->img, r->raw.data, r->raw.len);
	rc = 0;
out:
	val_unref(top);
	return rc;
}

/* --- A source: from the cache, or read ------------------------------- */

/* Mixes what identifies a file or folder into h (0 when it is not). */
static uint64_t
stamp_of(uint64_t h, const char *dir, const char *rel)
{
	struct stat	 st;
	unsigned char	 b[64];
	char		*path = fs_join(dir, rel);

	memset(b, 0, sizeof(b));
	if (stat(path, &st) == 0) {
		cf_le_put(b, (uint64_t)st.st_dev, 8);
		cf_le_put(b + 8, (uint64_t)st.st_ino, 8);
		cf_le_put(b + 16, (uint64_t)st.st_size, 8);
		cf_le_put(b + 24, (uint64_t)st.st_mtim.tv_sec, 8);
		cf_le_put(b + 32, (uint64_t)st.st_mtim.tv_nsec, 8);
		cf_le_put(b + 40, (uint64_t)st.st_ctim.tv_sec, 8);
		cf_le_put(b + 48, (uint64_t)st.st_ctim.tv_nsec, 8);
		cf_le_put(b + 56, (uint64_t)st.st_mode, 8);
	}
	free(path);
	return hash64(b, sizeof(b), h);
}

/*
 * The source's stamp, with goc.js in r->file: its bytes, and the
 * identity of the folders that hold the other files.  A department's
 * build writes a changed file aside and renames it in (never in place),
 * which changes its folder's mtime and ctime; a folder made again is
 * another inode.
 */
static uint64_t
src_stamp(struct rd *r)
{
	static const char *const dirs[] = { "tim-kiem/chi-muc",
	    "tim-kiem/chi-muc/ds", "tim-kiem/chi-muc/d", "tim-kiem/chi-muc/tu" };
	uint64_t	 h = hash64(r->file.data, r->file.len, 0);
	size_t		 i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		h = stamp_of(h, r->s->s->dir, dirs[i]);
	return h;
}

/*
 * Its cache file: <cache>/_tim-kiem/<hash of its folder>.bin (ext
 * ".bin"); its ids file, the same with ".ids".
 */
static char *
cache_path(const char *cache, const char *dir, const char *ext)
{
	char	*sub = fs_join(cache, PS_CACHE_DIR), *rel, *path;

	rel = xasprintf("%016llx%s",
	    (unsigned long long)hash64(dir, strlen(dir), 0), ext);
	path = fs_join(sub, rel);
	free(sub);
	free(rel);
	return path;
}

/*
 * After a merge: the cache files of departments no longer in the list
 * (removed from portal.yaml, or moved) are removed, so the cache folder
 * holds what the next merge may use and nothing else.
 */
static void
cache_sweep(const struct merge *m)
{
	DIR		*d;
	struct dirent	*de;
	char		*sub, *path, **keep;
	size_t		 i, n = m->nsrc;
	int		 used;

	if (m->cache == NULL)
		return;
	sub = fs_join(m->cache, PS_CACHE_DIR);
	if ((d = opendir(sub)) == NULL) {
		free(sub);
		return;
	}
	keep = xcalloc(n ? 2 * n : 1, sizeof(*keep));
	for (i = 0; i < n; i++) {
		keep[2 * i] = cache_path(m->cache, m->src[i].s->dir, ".bin");
		keep[2 * i + 1] = cache_path(m->cache, m->src[i].s->dir,
		    ".ids");
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name,
		    PS_REC_FILE) == 0)
			continue;
		path = fs_join(sub, de->d_name);
		for (used = 0, i = 0; i < 2 * n && !used; i++)
			used = strcmp(path, keep[i]) == 0;
		if (!used)
			(void)unlink(path);	/* a leftover: no harm if it stays */
		free(path);
	}
	closedir(d);
	for (i = 0; i < 2 * n; i++)
		free(keep[i]);
	free(keep);
	free(sub);
}

/* len bytes at off of fd into p: 0, or -1 (errno; EIO: cut short). */
static int
pread_all(int fd, void *p, size_t len, off_t off)
{
	ssize_t	 k;

	while (len > 0) {
		if ((k = pread(fd, p, len, off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0) {
			errno = EIO;
			return -1;
		}
		p = (char *)p + k;
		len -= (size_t)k;
		off += k;
	}
	return 0;
}

/*
 * The texts' checksum: hash64 chained over blocks of PS_SUM_BLOCK, so
 * that a file read back a block at a time gives it without holding it.
 */
static uint64_t
sum_blocks(uint64_t h, const char *p, size_t len)
{
	size_t	 i, k;

	for (i = 0; i < len; i += k) {
		k = len - i < PS_SUM_BLOCK ? len - i : PS_SUM_BLOCK;
		h = hash64(p + i, k, h);
	}
	return h;
}

/* b's room made exactly its bytes (and the NUL): images are kept. */
static void
buf_fit(struct buf *b)
{
	if (b->data != NULL && b->cap > b->len + 1) {
		b->data = xrealloc(b->data, b->len + 1);
		b->cap = b->len + 1;
	}
}

/*
 * The source's cache file at path, if it is whole and of this stamp:
 * 0 with its image in s->img (mapped) and s->fd open on it for the
 * texts (which are checked block by block, not kept, unless its ids
 * file, at idpath, knows the file), else -1 with neither.
 */
static int
cache_open(struct rd *r, const char *path, const char *idpath,
    uint64_t stamp)
{
	struct psrc	*s = r->s;
	struct stat	 st;
	unsigned char	 head[CF_SEALED_HEAD];
	uint64_t	 hl, off, h = 0;
	size_t		 k;
	void		*map;
	int		 fd, same;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || pread_all(fd, head, sizeof(head), 0) ==
	    -1 || !cf_head_ok(head, sizeof(head), PS_CACHE_MAGIC,
	    PS_CACHE_VERSION, stamp) || (hl = cf_le_get(head + CF_HEAD, 8)) >
	    (uint64_t)st.st_size - CF_SEALED_HEAD || hl > PS_CACHE_MAX)
		goto bad;
	/* Still the file its ids file says was written: not summed. */
	same = s->fid.file.len != 0 && s->fid.bin == file_id(&st);
	image_free(s);
	/* Mapped, not read: a merge that makes a few buckets touches few
	   of its pages.  The file is never changed in place (renamed in
	   whole), so the mapping stays what was checked. */
	if ((map = mmap(NULL, (size_t)hl + CF_SEALED_HEAD, PROT_READ,
	    MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		goto bad;
	s->img.data = map;
	s->img.len = s->mapped = (size_t)hl + CF_SEALED_HEAD;
	if ((!same && !cf_sealed_head_ok(s->img.data, s->img.len,
	    PS_CACHE_MAGIC, PS_CACHE_VERSION, stamp, &k)) ||
	    img_index(s, r, 0) == -1 ||
	    (uint64_t)st.st_size - s->img.len != s->xlen)
		goto bad;
	if (same)
		goto ok;
	buf_reset(&r->raw);
	buf_grow(&r->raw, PS_SUM_BLOCK);
	for (off = 0; off < s->xlen; off += k) {
		k = s->xlen - off < PS_SUM_BLOCK ? (size_t)(s->xlen - off) :
		    PS_SUM_BLOCK;
		if (pread_all(fd, r->raw.data, k, (off_t)(s->img.len + off)) ==
		    -1)
			goto bad;
		h = hash64(r->raw.data, k, h);
	}
	if (h != s->xsum)
		goto bad;
	/* Checked whole and settled: known by its identity from now on. */
	if (s->fid.file.len != 0 && st.st_mtim.tv_sec < r->settled) {
		s->fid.bin = file_id(&st);
		cf_le_put((unsigned char *)s->fid.file.data + CF_SEALED_HEAD +
		    8, s->fid.bin, 8);
		(void)cf_save(idpath, &s->fid.file);
	}
ok:
	s->fd = fd;
	s->xbase = (off_t)s->img.len;
	return 0;
bad:
	close(fd);
	image_free(s);
	return -1;
}

/*
 * The image and the texts written to the cache aside and renamed in,
 * then opened again for the texts: 0 with s->fd set, or -1 (they stay
 * in memory).
 */
static int
cache_save(struct psrc *s, const char *path)
{
	struct fs_piece	 v[2];
	struct stat	 st;
	unsigned char	 head[CF_SEALED_HEAD];
	int		 fd;

	cf_seal(&s->img);
	v[0].data = s->img.data;
	v[0].len = s->img.len;
	v[1].data = s->texts.data != NULL ? s->texts.data : "";
	v[1].len = s->texts.len;
	if (fs_replace_v(path, v, 2) == -1 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	/* Another run may have renamed its own in since: its head (the
	   texts' checksum is in it, under the seal) must be this one. */
	if (fstat(fd, &st) == -1 || (uint64_t)st.st_size != (uint64_t)
	    s->img.len + s->texts.len || pread_all(fd, head, sizeof(head),
	    0) == -1 || memcmp(head, s->img.data, sizeof(head)) != 0) {
		close(fd);
		return -1;
	}
	s->fd = fd;
	s->xbase = (off_t)s->img.len;
	return 0;
}

/*
 * The image of source s in its cache file at path, whatever its stamp:
 * what the last merge may have read, for src_diff(), with the file open
 * (s->ofd) for its texts and its ids file.  Nothing if the file is not a
 * whole one.
 */
static void
old_load(struct psrc *s, const char *cache, const char *path)
{
	unsigned char	 head[CF_SEALED_HEAD];
	char		*idpath;
	struct stat	 st;
	uint64_t	 hl, salt;
	size_t		 k;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	if (fstat(fd, &st) == -1 || pread_all(fd, head, sizeof(head), 0) == -1)
		goto out;
	salt = cf_le_get(head + 12, 8);
	hl = cf_le_get(head + CF_HEAD, 8);
	if (!cf_head_ok(head, sizeof(head), PS_CACHE_MAGIC, PS_CACHE_VERSION,
	    salt) || hl > (uint64_t)st.st_size - CF_SEALED_HEAD ||
	    hl > PS_CACHE_MAX)
		goto out;
	buf_grow(&s->oldimg, (size_t)hl + CF_SEALED_HEAD);
	if (pread_all(fd, s->oldimg.data, (size_t)hl + CF_SEALED_HEAD, 0) ==
	    -1)
		goto out;
	s->oldimg.len = (size_t)hl + CF_SEALED_HEAD;
	if (cf_sealed_head_ok(s->oldimg.data, s->oldimg.len, PS_CACHE_MAGIC,
	    PS_CACHE_VERSION, salt, &k))
		s->oldstamp = salt;
	else
		buf_free(&s->oldimg);
out:
	if (s->oldstamp == 0) {
		buf_free(&s->oldimg);
		close(fd);
		return;
	}
	s->ofd = fd;
	idpath = cache_path(cache, s->s->dir, ".ids");
	fid_load(&s->ofid, idpath, s->oldstamp);
	free(idpath);
}

/* A source's image, from the cache or from its files. */
static int
src_load(struct rd *r, const char *cache)
{
	struct psrc	*s = r->s;
	char		*path = fs_join(s->s->dir, ROUTE_SEARCH_ROOT);
	char		*cpath = NULL, *idpath = NULL;
	unsigned char	*h;
	uint64_t	 stamp;
	uint32_t	 k, nt;
	unsigned	 b;
	size_t		 at;
	int		 missing = 0, rc = -1;

	if (read_file(r, path, &missing) == -1) {
		if (missing) {
			diag_warn(&s->diag, path, 0, 0, "%s: không có chỉ mục "
			    "tìm kiếm; tìm kiếm của cổng không có tài liệu "
			    "của đơn vị này", s->name);
			s->skip = 1;
			rc = 0;
		}
		goto out;
	}
	stamp = s->stamp = src_stamp(r);
	if (cache != NULL) {
		cpath = cache_path(cache, s->s->dir, ".bin");
		idpath = cache_path(cache, s->s->dir, ".ids");
		fid_load(&s->fid, idpath, stamp);
		if (cache_open(r, cpath, idpath, stamp) == 0) {
			s->cached = 1;
			rc = 0;
			goto out;
		}
		buf_free(&s->fid.file);
		/* Missing, damaged, cut, another version: made again;
		   the image it held, for src_diff(), and its files'
		   identities, to take again those that did not change. */
		old_load(s, cache, cpath);
	}
	image_free(s);
	s->nterms = 0;
	cf_begin_sealed(&s->img, PS_CACHE_MAGIC, PS_CACHE_VERSION, stamp);
	if (take_root(r, path) == -1)
		goto out;
	fid_begin(&s->fid, stamp, s->n, s->nb);
	for (k = 0; k < s->n; k++) {
		if (take_doc(r, k) == -1)
			goto out;
		cf_le_put(s->fid.docs + (size_t)k * PS_FID_DOC, r->id, 8);
	}
	for (b = 0; b < s->nb; b++) {
		at = s->img.len;
		nt = s->nterms;
		if (take_bucket(r, b) == -1)
			goto out;
		fid_set_bucket(&s->fid, b, r->id, at - CF_SEALED_HEAD,
		    s->img.len - at, s->nterms - nt);
	}
	h = (unsigned char *)s->img.data + CF_SEALED_HEAD;
	cf_le_put(h + 8, s->nterms, 4);
	cf_le_put(h + 12, s->texts.len, 8);
	cf_le_put(h + 20, sum_blocks(0, s->texts.data, s->texts.len), 8);
	buf_fit(&s->img);
	if (img_index(s, r, 1) == -1) {
		bad(s, path, NULL, "quá nhiều tài liệu");
		goto out;
	}
	/* A cache that cannot be written is only slower next time, and
	   the texts stay in memory. */
	if (cpath != NULL && cache_save(s, cpath) == 0) {
		buf_free(&s->texts);
		(void)cf_save(idpath, &s->fid.file);
	}
	rc = 0;
out:
	free(idpath);
	free(cpath);
	free(path);
	return rc;
}

static void
load_one(void *arg, size_t i)
{
	struct merge	*m = arg;
	struct rd	 r;

	memset(&r, 0, sizeof(r));
	r.s = &m->src[i];
	r.settled = m->settled;
	if (src_load(&r, m->cache) == -1)
		r.s->failed = 1;
	/* The last image's texts and file were wanted only to read it. */
	if (r.s->ofd != -1)
		close(r.s->ofd);
	r.s->ofd = -1;
	buf_free(&r.s->old);
	free(r.s->oxoff);
	r.s->oxoff = NULL;
	buf_free(&r.file);
	buf_free(&r.raw);
	free(r.tp.v);
	free(r.tx.v);
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

/* Every source's image; the documents' new ids. */
static int
take_docs(struct merge *m)
{
	struct psrc	*s;
	char		*sub;
	size_t		 i, total = 0;
	uint32_t	 k;
	int		 failed = 0;

	if (m->cache != NULL) {
		sub = fs_join(m->cache, PS_CACHE_DIR);
		if (fs_mkdirs(sub) == -1)
			m->cache = NULL;	/* no cache, only slower */
		free(sub);
	}
	pool_run(m->nsrc, pool_ncpu(), load_one, m);
	/* Messages in the sources' order, up to the first that failed. */
	for (i = 0; i < m->nsrc && !failed; i++) {
		s = &m->src[i];
		diag_move(m->diag, &s->diag);
		failed = s->failed;
	}
	if (failed)
		return -1;
	for (i = 0; i < m->nsrc; i++) {
		s = &m->src[i];
		if (s->skip)
			continue;
		if (s->n >= UINT32_MAX - total) {
			diag_err(m->diag, s->s->dir, 0, 0, "%s: tệp chỉ mục "
			    "tìm kiếm hỏng: quá nhiều tài liệu; hãy dựng lại "
			    "đơn vị này bằng cchc build", s->name);
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
			m->docs[m->ndocs].src = (uint32_t)i;
			m->docs[m->ndocs].old = k;
			m->docs[m->ndocs++].date = (uint32_t)cf_le_get(
			    (const unsigned char *)s->img.data +
			    CF_SEALED_HEAD + s->doff[k], 4);
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
	m->bits = xcalloc(m->ndocs / 64 + 1, sizeof(*m->bits));
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

/* Remapped ids at c (checked by img_index) into out, sorted. */
static void
take_ids(struct cur *c, const struct psrc *s, struct pids *out)
{
	(void)cur_ids(c, s->n, s->map, out);
	if (!s->mono && out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), u32_cmp);
}

/* Where the current source has entry k's ids: at off in its image. */
static void
occ_add(struct merge *m, uint32_t k, size_t off)
{
	struct pocc	*o;

	ARRAY_GROW(m->occ, m->nocc, m->occcap, 4096);
	o = &m->occ[m->nocc];
	o->off = (uint32_t)off;
	o->next = m->e[k].occ;
	m->e[k].occ = (uint32_t)++m->nocc;
}

/* The source of occurrence x: the last whose first is at or before it. */
static const struct psrc *
occ_src(const struct merge *m, size_t x)
{
	size_t	 lo = 0, hi = m->nsrc, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (m->src[mid].occ0 <= x)
			lo = mid;
		else
			hi = mid;
	}
	return &m->src[lo];
}

/* Ids at c, skipped (checked by img_index). */
static void
skip_ids(struct cur *c)
{
	uint32_t	 k = cur_u32(c);

	while (k-- > 0 && !c->bad)
		(void)cur_leb(c);
}

/* A unigram's exact forms, passed over. */
static void
skip_forms(struct cur *c)
{
	uint32_t	 nf = cur_u32(c), j, len;

	for (j = 0; j < nf && !c->bad; j++) {
		(void)cur_str(c, &len);
		if (cur_u8(c) == 0)
			skip_ids(c);
	}
}

/* --- The last merge's record -------------------------------------------- */

/*
 * cache/_tim-kiem/gop.bin, sealed (cachefile.h) and salted with the
 * binary (another one may write other bytes), written after a merge
 * that succeeded:
 *
 *   u32 sources, documents, nb, ns, unigrams in the dictionary
 *   each source: u64 src_key(), u64 its stamp
 *   each document: u32 source, u32 its id there, u64 its file's hash64,
 *     u64 its size
 *   each bucket: u64 hash64, u64 size, u64 its terms' estimated bytes,
 *     u64 its unigrams' (search_counts() takes their sums)
 *   each shard of the dictionary: u64 hash64, u64 size
 *   each unigram of the dictionary, by shard then bytes: u32 its P's
 *     length (np), u32 length, bytes
 *
 * A rebuild after a few departments changed makes again only what
 * they changed (docs/search.md, "Rebuilds"):
 * - document i's file is made of i and of its department's document:
 *   when the last merge had the same department's same document at i
 *   and that department is unchanged, the caller is asked to keep its
 *   file (psearch_keep);
 * - a changed department's terms are compared with its last image
 *   (its cache file's, when the record names that stamp): a bucket
 *   none of whose terms changed, with every document where it was, is
 *   kept, the others made from every department's terms in them;
 * - the dictionary is the last one with the changed unigrams' np moved
 *   by their change; a shard none of whose np moved is kept.
 * Anything else (no record, departments added or moved, documents
 * moved, another nb or ns) makes every file, as a first merge does.
 */

static int
bit_get(const uint64_t *v, size_t i)
{
	return (int)(v[i / 64] >> (i % 64) & 1);
}

static void
bit_set(uint64_t *v, size_t i)
{
	v[i / 64] |= (uint64_t)1 << (i % 64);
}

/* What a source's documents' files are made of besides their place. */
static uint64_t
src_key(const struct psrc *s)
{
	struct hasher	 h;

	hasher_init(&h);
	hasher_u64(&h, (uint64_t)s->skip);
	hasher_u64(&h, s->stamp);
	hasher_str(&h, s->s->dir);
	hasher_str(&h, s->s->prefix != NULL ? s->s->prefix : "");
	hasher_str(&h, s->s->name != NULL ? s->s->name : "");
	return hasher_done(&h);
}

static char *
rec_path(const struct merge *m)
{
	return xasprintf("%s/%s/%s", m->cache, PS_CACHE_DIR, PS_REC_FILE);
}

/* The record's dictionary: 0, or -1 when it is not as written. */
static int
rec_dict(struct plast *l, const unsigned char *p, size_t len)
{
	struct cur	 c;
	size_t		 i;

	c.p = p;
	c.len = len;
	c.off = 0;
	c.bad = 0;
	l->dict = xcalloc(l->ndict ? l->ndict : 1, sizeof(*l->dict));
	for (i = 0; i < l->ndict; i++) {
		l->dict[i].np = cur_u32(&c);
		l->dict[i].s = cur_str(&c, &l->dict[i].len);
		if (c.bad || l->dict[i].np == 0 || l->dict[i].len == 0)
			return -1;
		l->dict[i].shard = search_shard_of(l->dict[i].s,
		    l->dict[i].len, l->ns);
	}
	return c.off == c.len ? 0 : -1;
}

/* The last merge's record into m->last (empty when there is no good one). */
static void
rec_load(struct merge *m)
{
	struct plast	*l = &m->last;
	const unsigned char *b;
	char		*path;
	size_t		 i, len, fixed;

	m->same = xcalloc(m->nsrc ? m->nsrc : 1, 1);
	if (m->cache == NULL)
		return;
	m->salt = hash64(PS_REC_MAGIC, 8, fs_self_hash());
	path = rec_path(m);
	if (fs_read(path, PS_CACHE_MAX, &l->file) == -1 ||
	    !cf_sealed_ok(l->file.data, l->file.len, PS_REC_MAGIC,
	    PS_REC_VERSION, m->salt, NULL) ||
	    l->file.len - CF_SEALED_HEAD < PS_REC_HEAD)
		goto bad;
	b = (const unsigned char *)l->file.data + CF_SEALED_HEAD;
	len = l->file.len - CF_SEALED_HEAD;
	l->nsrc = (size_t)cf_le_get(b, 4);
	l->ndocs = (size_t)cf_le_get(b + 4, 4);
	l->nb = (unsigned)cf_le_get(b + 8, 4);
	l->ns = (unsigned)cf_le_get(b + 12, 4);
	l->ndict = (size_t)cf_le_get(b + 16, 4);
	if (l->nb == 0 || l->nb > PS_SLOTS || (l->nb & (l->nb - 1)) != 0 ||
	    l->ns == 0 || l->ns > PS_NS_MAX || (l->ns & (l->ns - 1)) != 0)
		goto bad;
	fixed = PS_REC_HEAD + l->nsrc * PS_REC_SRC + l->ndocs * PS_REC_DOC +
	    (size_t)l->nb * PS_REC_BUCKET + (size_t)l->ns * PS_REC_SHARD;
	if (l->nsrc > len || l->ndocs > len || fixed > len)
		goto bad;
	l->src = b + PS_REC_HEAD;
	l->docs = l->src + l->nsrc * PS_REC_SRC;
	l->buckets = l->docs + l->ndocs * PS_REC_DOC;
	l->shards = l->buckets + (size_t)l->nb * PS_REC_BUCKET;
	if (rec_dict(l, b + fixed, len - fixed) == -1)
		goto bad;
	for (i = 0; i < m->nsrc && i < l->nsrc; i++)
		m->same[i] = cf_le_get(l->src + i * PS_REC_SRC, 8) ==
		    src_key(&m->src[i]);
	free(path);
	return;
bad:
	free(l->dict);
	buf_free(&l->file);
	memset(l, 0, sizeof(*l));
	free(path);
}

/* This merge's record, for the next; one not written is only slower. */
static void
rec_save(const struct merge *m)
{
	struct buf	 b = BUF_INIT;
	char		*path;
	size_t		 i;

	if (m->cache == NULL)
		return;
	cf_begin_sealed(&b, PS_REC_MAGIC, PS_REC_VERSION, m->salt);
	cf_put_u32(&b, (uint32_t)m->nsrc);
	cf_put_u32(&b, (uint32_t)m->ndocs);
	cf_put_u32(&b, m->nb);
	cf_put_u32(&b, m->ns);
	cf_put_u32(&b, (uint32_t)m->nrecdict);
	for (i = 0; i < m->nsrc; i++) {
		cf_put_u64(&b, src_key(&m->src[i]));
		cf_put_u64(&b, m->src[i].stamp);
	}
	for (i = 0; i < m->ndocs; i++) {
		cf_put_u32(&b, m->docs[i].src);
		cf_put_u32(&b, m->docs[i].old);
		cf_put_u64(&b, m->dhash[i]);
		cf_put_u64(&b, m->dsize[i]);
	}
	for (i = 0; i < m->nb; i++) {
		cf_put_u64(&b, m->bhash[i]);
		cf_put_u64(&b, m->bsize[i]);
		cf_put_u64(&b, m->bbytes[i]);
		cf_put_u64(&b, m->bdict[i]);
	}
	for (i = 0; i < m->ns; i++) {
		cf_put_u64(&b, m->shash[i]);
		cf_put_u64(&b, m->ssize[i]);
	}
	buf_put(&b, m->recdict.data != NULL ? m->recdict.data : "",
	    m->recdict.len);
	path = rec_path(m);
	(void)cf_save(path, &b);
	free(path);
	buf_free(&b);
}

/* Document i's file kept as the last merge wrote it, if keep() can. */
static int
doc_kept(struct merge *m, psearch_keep keep, void *arg, size_t i,
    const char *rel)
{
	const unsigned char *r;

	if (keep == NULL || m->last.file.len == 0 || i >= m->last.ndocs ||
	    !m->same[m->docs[i].src])
		return 0;
	r = m->last.docs + i * PS_REC_DOC;
	if (cf_le_get(r, 4) != m->docs[i].src ||
	    cf_le_get(r + 4, 4) != m->docs[i].old)
		return 0;
	m->dhash[i] = cf_le_get(r + 8, 8);
	m->dsize[i] = cf_le_get(r + 16, 8);
	return keep(arg, rel, m->dhash[i], m->dsize[i]) == 1;
}

/* --- What changed since the last merge ----------------------------------- */

/* A term's record in an image (see struct psrc). */
struct trec {
	const unsigned char *p;
	size_t		 len;
	const char	*s;
	uint32_t	 slen, np;
	unsigned	 bigram;
};

static int
trec_next(struct cur *c, struct trec *t)
{
	size_t		 start = c->off;

	t->bigram = cur_u8(c);
	t->s = cur_str(c, &t->slen);
	t->np = c->len - c->off >= 4 ? (uint32_t)cf_le_get(c->p + c->off, 4) :
	    0;
	skip_ids(c);
	if (!t->bigram) {
		skip_ids(c);
		skip_forms(c);
	}
	if (c->bad || t->s == NULL || t->slen == 0)
		return -1;
	t->p = c->p + start;
	t->len = c->off - start;
	return 0;
}

/* Term t changed in a department: its bucket made again; its np moved. */
static void
changed(struct merge *m, const struct trec *t, uint32_t was, uint32_t now)
{
	struct pdelta	*d;

	bit_set(m->dirty, search_fnv1a(t->s, t->slen) & (m->last.nb - 1));
	if (t->bigram || was == now)
		return;
	ARRAY_GROW(m->delta, m->ndelta, m->deltacap, 64);
	d = &m->delta[m->ndelta++];
	d->s = t->s;
	d->len = t->slen;
	d->d = (int64_t)now - (int64_t)was;
}

/* One slot of src_diff()'s table: an old term's record (offset + 1). */
struct dslot {
	uint32_t	 off, len, hash;
	uint32_t	 seen;
};

static struct dslot *
dslot_find(struct dslot *tab, size_t size, const unsigned char *body,
    uint32_t hash, const char *s, uint32_t slen)
{
	struct dslot	*x;
	uint32_t	 l;
	size_t		 i;

	for (i = hash & (size - 1); tab[i].off != 0; i = (i + 1) & (size - 1)) {
		x = &tab[i];
		/* The record at off - 1: u8, u32 length, bytes. */
		l = (uint32_t)cf_le_get(body + x->off, 4);
		if (x->hash == hash && l == slen && memcmp(body + x->off + 4, s,
		    slen) == 0)
			return x;
	}
	return &tab[i];
}

/*
 * Department si's terms against those of its last image: each that is
 * new, gone or not the same bytes (ids, exact forms) to changed().
 * 0, or -1 when the last image does not read back.
 */
static int
src_diff(struct merge *m, size_t si)
{
	struct psrc	*s = &m->src[si];
	const unsigned char *ob = (const unsigned char *)s->oldimg.data +
			    CF_SEALED_HEAD;
	struct dslot	*tab, *x;
	struct trec	 t, ot;
	struct cur	 c, o;
	size_t		 olen = s->oldimg.len - CF_SEALED_HEAD, size, i;
	uint32_t	 n, nt, k, h;
	int		 rc = -1;

	if (olen < PS_IMG_HEAD)
		return -1;
	n = (uint32_t)cf_le_get(ob, 4);
	nt = (uint32_t)cf_le_get(ob + 8, 4);
	if (n > olen || nt > olen || PS_IMG_HEAD + (size_t)n *
	    (PS_IMG_DOC + 1) > olen)
		return -1;
	for (size = 64; size < (size_t)nt * 2; size *= 2)
		;
	tab = xcalloc(size, sizeof(*tab));
	c.p = ob;
	c.len = olen;
	c.off = PS_IMG_HEAD + (size_t)n * (PS_IMG_DOC + 1);
	c.bad = 0;
	for (k = 0; k < nt; k++) {
		i = c.off;
		if (trec_next(&c, &t) == -1)
			goto out;
		h = search_fnv1a(t.s, t.slen);
		x = dslot_find(tab, size, ob, h, t.s, t.slen);
		if (x->off != 0)
			goto out;	/* a term twice: not an image */
		x->off = (uint32_t)i + 1;
		x->len = (uint32_t)t.len;
		x->hash = h;
	}
	if (c.off != c.len)
		goto out;
	c.p = (const unsigned char *)s->img.data + CF_SEALED_HEAD;
	c.len = s->img.len - CF_SEALED_HEAD;
	c.off = s->toff;
	for (k = 0; k < s->nterms; k++) {
		if (trec_next(&c, &t) == -1)
			goto out;
		x = dslot_find(tab, size, ob, search_fnv1a(t.s, t.slen), t.s,
		    t.slen);
		if (x->off == 0) {
			changed(m, &t, 0, t.np);
			continue;
		}
		x->seen = 1;
		if (x->len == t.len && memcmp(ob + x->off - 1, t.p, t.len) == 0)
			continue;
		/* Its np then: the old record's P's length. */
		o.p = ob;
		o.len = olen;
		o.off = x->off - 1;
		o.bad = 0;
		if (trec_next(&o, &ot) == -1)
			goto out;
		changed(m, &t, ot.np, t.np);
	}
	for (i = 0; i < size; i++)
		if (tab[i].off != 0 && !tab[i].seen) {
			c.p = ob;
			c.len = olen;
			c.off = tab[i].off - 1;
			if (trec_next(&c, &t) == -1)
				goto out;
			changed(m, &t, t.np, 0);
		}
	rc = 0;
out:
	free(tab);
	return rc;
}

static int
pdict_cmp(const void *x, const void *y)
{
	const struct pdict *a = x, *b = y;
	int		 c;

	if (a->shard != b->shard)
		return a->shard < b->shard ? -1 : 1;
	c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
	return c != 0 ? c : a->len < b->len ? -1 : a->len > b->len;
}

/*
 * The dictionary: the last one with the changed unigrams' np moved, in
 * shard and byte order, each shard where one moved (or came or went)
 * marked in sdirty.  -1 when an np would go below zero (the changes
 * are not of the last dictionary).
 */
static int
dict_update(struct merge *m)
{
	const struct plast *l = &m->last;
	struct pdict	*v, *e;
	int64_t		*np;
	uint32_t	*tab, h, k;
	size_t		 n = l->ndict, cap = l->ndict + m->ndelta, size, i, j;
	int		 rc = -1;

	v = xcalloc(cap ? cap : 1, sizeof(*v));
	np = xcalloc(cap ? cap : 1, sizeof(*np));
	for (size = 64; size < cap * 2; size *= 2)
		;
	tab = xcalloc(size, sizeof(*tab));
	m->sdirty = xcalloc(l->ns, 1);
	for (i = 0; i < n; i++) {
		v[i] = l->dict[i];
		np[i] = v[i].np;
		h = search_fnv1a(v[i].s, v[i].len);
		for (j = h & (size - 1); tab[j] != 0; j = (j + 1) & (size - 1))
			;
		tab[j] = (uint32_t)i + 1;
	}
	for (i = 0; i < m->ndelta; i++) {
		const struct pdelta *d = &m->delta[i];

		h = search_fnv1a(d->s, d->len);
		for (j = h & (size - 1); (k = tab[j]) != 0; j = (j + 1) &
		    (size - 1))
			if (v[k - 1].len == d->len &&
			    memcmp(v[k - 1].s, d->s, d->len) == 0)
				break;
		if (k == 0) {
			e = &v[n];
			e->s = d->s;
			e->len = d->len;
			e->np = 0;
			e->shard = search_shard_of(d->s, d->len, l->ns);
			np[n] = 0;
			tab[j] = (uint32_t)++n;
			k = (uint32_t)n;
		}
		np[k - 1] += d->d;
	}
	for (i = j = 0; i < n; i++) {
		if (np[i] < 0 || np[i] > UINT32_MAX)
			goto out;
		if ((uint64_t)np[i] != v[i].np)
			m->sdirty[v[i].shard] = 1;
		if (np[i] == 0)
			continue;
		v[j] = v[i];
		v[j++].np = (uint32_t)np[i];
	}
	if (j > 1)
		qsort(v, j, sizeof(*v), pdict_cmp);
	m->dict = v;
	m->ndict = j;
	v = NULL;
	rc = 0;
out:
	free(v);
	free(np);
	free(tab);
	return rc;
}

/*
 * Can the terms be made from what changed?  Yes (1) with the last
 * merge's record, the same sources in the same places, every document
 * where it was (a changed department's new ones after them all), and
 * for each changed department its last image: then m->dirty holds the
 * buckets to make again and m->dict the dictionary.  0: make them all.
 */
static int
inc_plan(struct merge *m)
{
	const struct plast *l = &m->last;
	const unsigned char *r;
	struct psrc	*s;
	size_t		 i;

	if (l->file.len == 0 || l->nsrc != m->nsrc)
		return 0;
	for (i = 0; i < m->ndocs || i < l->ndocs; i++) {
		if (i < l->ndocs) {
			r = l->docs + i * PS_REC_DOC;
			if (cf_le_get(r, 4) >= m->nsrc)
				return 0;
			if (i < m->ndocs ? cf_le_get(r, 4) != m->docs[i].src ||
			    cf_le_get(r + 4, 4) != m->docs[i].old :
			    m->same[cf_le_get(r, 4)])
				return 0;
		} else if (m->same[m->docs[i].src])
			return 0;
	}
	m->dirty = xcalloc(l->nb / 64 + 1, sizeof(*m->dirty));
	for (i = 0; i < m->nsrc; i++) {
		s = &m->src[i];
		if (m->same[i])
			continue;
		if (s->skip || s->oldimg.len == 0 || s->oldstamp !=
		    cf_le_get(l->src + i * PS_REC_SRC + 8, 8) ||
		    src_diff(m, i) == -1)
			return 0;
	}
	return dict_update(m) == 0;
}

/*
 * nterms terms of an image at c and their forms into the table, with
 * where their ids are; with only (not NULL), only those of the buckets
 * set there (of nb).
 */
static void
take_run(struct merge *m, struct cur *c, uint32_t nterms,
    const uint64_t *only, unsigned nb)
{
	const char	*t;
	uint32_t	 i, j, nf, len, k, f;
	size_t		 poff;
	int		 bigram;

	for (i = 0; i < nterms && !c->bad; i++) {
		bigram = (int)cur_u8(c);
		t = cur_str(c, &len);
		if (only != NULL && !bit_get(only, search_fnv1a(t, len) &
		    (nb - 1))) {
			skip_ids(c);
			if (!bigram) {
				skip_ids(c);
				skip_forms(c);
			}
			continue;
		}
		k = entry_get(m, 0, t, len, bigram);
		poff = c->off;
		occ_add(m, k, poff);
		skip_ids(c);
		if (bigram)
			continue;
		skip_ids(c);
		nf = cur_u32(c);
		for (j = 0; j < nf && !c->bad; j++) {
			t = cur_str(c, &len);
			f = entry_get(m, k + 1, t, len, 0);
			/* "=": this source's P. */
			if (cur_u8(c) == 1)
				occ_add(m, f, poff);
			else {
				occ_add(m, f, c->off);
				skip_ids(c);
			}
		}
	}
}

/*
 * Source si's terms and forms into the table (take_run()).  With only,
 * and the source's file identities, only its buckets that can hold a
 * term of a bucket in only are walked: those whose number and a bucket's
 * in only agree in the bits both counts have.
 */
static void
take_terms(struct merge *m, size_t si, const uint64_t *only, unsigned nb)
{
	const struct psrc *s = &m->src[si];
	const struct pfid *f = &s->fid;
	struct cur	 c;
	uint64_t	*need;
	uint32_t	 b, x[3], mask;
	size_t		 len = s->img.len - CF_SEALED_HEAD, i;

	c.p = (const unsigned char *)s->img.data + CF_SEALED_HEAD;
	c.len = len;
	c.off = s->toff;
	c.bad = 0;
	if (only == NULL || f->file.len == 0 || f->n != s->n) {
		take_run(m, &c, s->nterms, only, nb);
		return;
	}
	mask = (nb < f->nb ? nb : f->nb) - 1;
	need = xcalloc((size_t)mask / 64 + 1, sizeof(*need));
	for (i = 0; i < nb; i++)
		if (bit_get(only, i))
			bit_set(need, i & mask);
	for (b = 0; b < f->nb; b++) {
		if (!bit_get(need, b & mask))
			continue;
		(void)fid_bucket(f, b, x);
		if (x[0] < s->toff || x[0] > len || x[1] > len - x[0])
			continue;	/* not this image's: cur_ids() would
					   have said so of its ids too */
		c.off = x[0];
		c.len = (size_t)x[0] + x[1];
		c.bad = 0;
		take_run(m, &c, x[2], only, nb);
	}
	free(need);
}

/* Every source's terms (of the buckets in only, when not NULL). */
static void
take_all(struct merge *m, const uint64_t *only, unsigned nb)
{
	size_t	 i;

	for (i = 0; i < m->nsrc; i++) {
		/* Set for all, in order, for occ_src()'s search. */
		m->src[i].occ0 = m->nocc;
		if (!m->src[i].skip)
			take_terms(m, i, only, nb);
	}
}

/*
 * Entry k's ids from every source, remapped, into out, sorted; with t,
 * a term's T too (each after its P).
 */
static void
gather(struct merge *m, uint32_t k, struct pids *out, struct pids *t)
{
	const struct pocc *o;
	const struct psrc *s;
	struct cur	 c;
	uint32_t	 x;

	out->n = 0;
	if (t != NULL)
		t->n = 0;
	for (x = m->e[k].occ; x != 0; x = o->next) {
		o = &m->occ[x - 1];
		s = occ_src(m, x - 1);
		c.p = (const unsigned char *)s->img.data + CF_SEALED_HEAD;
		c.len = s->img.len - CF_SEALED_HEAD;
		c.off = o->off;
		c.bad = 0;
		take_ids(&c, s, &m->one);
		pids_put(out, m->one.v, m->one.n);
		if (t == NULL)
			continue;
		take_ids(&c, s, &m->one);
		pids_put(t, m->one.v, m->one.n);
	}
	pids_finish(m, out);
	if (t != NULL)
		pids_finish(m, t);
}

static void
terms_free(struct merge *m)
{
	free(m->occ);
	m->occ = NULL;
	m->nocc = m->occcap = 0;
	buf_free(&m->pt);
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

/*
 * The postings of the terms from entry `from` on merged, with their
 * forms, a term at a time, and kept as the text they are written as
 * (about an eighth of their ids' 4 bytes each); the estimates
 * search_counts() wants summed in sbytes and sdict by the term's hash
 * (a bucket's are then the sum of its slots).
 */
static void
merge_terms(struct merge *m, size_t from)
{
	struct pterm	*e, *f;
	size_t		 i, len, tb;
	uint32_t	 k;

	if (m->sbytes == NULL) {
		m->sbytes = xcalloc(PS_SLOTS, sizeof(*m->sbytes));
		m->sdict = xcalloc(PS_SLOTS, sizeof(*m->sdict));
	}
	for (i = from; i < m->ne; i++) {
		e = &m->e[i];
		if (e->parent != 0)
			continue;
		gather(m, (uint32_t)i, &m->tp, e->bigram ? NULL : &m->tx);
		if ((e->np = m->tp.n) == 0)
			continue;
		tb = search_term_bytes(e->len, e->bigram, m->tp.v, m->tp.n,
		    m->tx.v, m->tx.n);
		if (!e->bigram)
			m->sdict[e->hash & (PS_SLOTS - 1)] +=
			    search_dict_bytes(e->len);
		e->post = m->pt.len;
		search_postings(&m->pt, m->tp.v, m->tp.n);
		e->plen = (uint32_t)(m->pt.len - e->post);
		if (!e->bigram) {
			len = m->pt.len;
			search_postings(&m->pt, m->tx.v, m->tx.n);
			e->tlen = (uint32_t)(m->pt.len - len);
		}
		for (k = e->forms; k != 0; k = f->next) {
			gather(m, k - 1, &m->fx, NULL);
			f = &m->e[k - 1];
			if ((f->np = m->fx.n) == 0)
				continue;
			f->same = pids_equal(&m->fx, &m->tp);
			tb += search_form_bytes(f->len, m->fx.v, m->fx.n,
			    f->same);
			if (f->same)
				continue;
			f->post = m->pt.len;
			search_postings(&m->pt, m->fx.v, m->fx.n);
			f->plen = (uint32_t)(m->pt.len - f->post);
		}
		m->sbytes[e->hash & (PS_SLOTS - 1)] += tb;
	}
	/* The ids are done with; their places too. */
	free(m->occ);
	m->occ = NULL;
	m->nocc = m->occcap = 0;
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

/* put_file(), the bytes' hash64 and size noted for the record first. */
static int
put_noted(struct merge *m, psearch_put put, void *arg, char *rel,
    struct buf *b, uint64_t *hash, uint64_t *size)
{
	*hash = hash64(b->data != NULL ? b->data : "", b->len, 0);
	*size = b->len;
	return put_file(m, put, arg, rel, b);
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
		if (f->np == 0)
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
		if (f->same)
			buf_puts(b, "\"=\"");
		else
			buf_put(b, m->pt.data + f->post, f->plen);
	}
	buf_putc(b, '}');
}

/*
 * The sorted keys by bucket (byb, from bstart[b]), each group kept in
 * key order (a stable counting sort).  The caller frees both arrays.
 */
static void
group_keys(struct merge *m, const struct tkey *keys, size_t nkeys,
    unsigned nb, size_t **bstartp, uint32_t **bybp)
{
	size_t		*bstart, i;
	uint32_t	*byb;
	unsigned	 g;

	bstart = xcalloc((size_t)nb + 1, sizeof(*bstart));
	byb = xcalloc(nkeys ? nkeys : 1, sizeof(*byb));
	for (i = 0; i < nkeys; i++)
		bstart[(m->e[keys[i].idx].hash & (nb - 1)) + 1]++;
	for (g = 0; g < nb; g++)
		bstart[g + 1] += bstart[g];
	for (i = 0; i < nkeys; i++)
		byb[bstart[m->e[keys[i].idx].hash & (nb - 1)]++] = keys[i].idx;
	/* The counts moved each start to the next group's. */
	for (g = nb; g > 0; g--)
		bstart[g] = bstart[g - 1];
	bstart[0] = 0;
	*bstartp = bstart;
	*bybp = byb;
}

/* Every merged term with postings, sorted by bytes. */
static struct tkey *
sorted_keys(struct merge *m, size_t *n)
{
	struct tkey	*keys = xcalloc(m->ne ? m->ne : 1, sizeof(*keys));
	struct pterm	*e;
	size_t		 i;

	*n = 0;
	for (i = 0; i < m->ne; i++) {
		e = &m->e[i];
		if (e->parent != 0 || e->np == 0)
			continue;
		keys[*n].s = m->ar.data + e->off;
		keys[*n].len = e->len;
		keys[(*n)++].idx = (uint32_t)i;
	}
	if (*n > 1)
		qsort(keys, *n, sizeof(*keys), tkey_cmp);
	return keys;
}

/* Bucket g (of nb) of the terms in byb[lo, hi) into b. */
static void
make_bucket(struct merge *m, const uint32_t *byb, size_t lo, size_t hi,
    unsigned g, unsigned nb, struct tkey **fv, size_t *fcap, struct buf *b)
{
	struct pterm	*e;
	char		*name = search_bucket_name(g, nb);
	size_t		 j;

	buf_printf(b, "cchcSearch.bucket(\"%s\",{", name);
	free(name);
	for (j = lo; j < hi; j++) {
		e = &m->e[byb[j]];
		if (j > lo)
			buf_putc(b, ',');
		search_json_str(b, m->ar.data + e->off, e->len);
		buf_puts(b, ":[");
		buf_put(b, m->pt.data + e->post, e->plen);
		if (!e->bigram) {
			buf_putc(b, ',');
			buf_put(b, m->pt.data + e->post + e->plen, e->tlen);
			put_forms(m, e, fv, fcap, b);
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "})\n");
}

/* The dictionary from the merged unigrams (keys), by shard then bytes. */
static void
dict_of_keys(struct merge *m, const struct tkey *keys, size_t nkeys)
{
	const struct pterm *e;
	size_t		 i;

	free(m->dict);
	m->dict = xcalloc(nkeys ? nkeys : 1, sizeof(*m->dict));
	m->ndict = 0;
	for (i = 0; i < nkeys; i++) {
		e = &m->e[keys[i].idx];
		if (e->bigram)
			continue;
		m->dict[m->ndict].s = keys[i].s;
		m->dict[m->ndict].len = e->len;
		m->dict[m->ndict].np = e->np;
		m->dict[m->ndict++].shard = search_shard_of(keys[i].s,
		    e->len, m->ns);
	}
	if (m->ndict > 1)
		qsort(m->dict, m->ndict, sizeof(*m->dict), pdict_cmp);
}

/*
 * The dictionary's shards from m->dict; with the record's terms made
 * incrementally, a shard none of whose np moved is kept.  The record's
 * copy of the dictionary to m->recdict.
 */
static int
put_dict(struct merge *m, psearch_put put, psearch_keep keep, void *arg)
{
	struct buf	 b = BUF_INIT;
	const unsigned char *r;
	char		*name, *rel;
	size_t		 i = 0, j, first;
	unsigned	 g;
	int		 rc = -1;

	m->shash = xcalloc(m->ns, sizeof(*m->shash));
	m->ssize = xcalloc(m->ns, sizeof(*m->ssize));
	buf_reset(&m->recdict);
	for (j = 0; j < m->ndict; j++) {
		cf_put_u32(&m->recdict, m->dict[j].np);
		cf_put_u32(&m->recdict, m->dict[j].len);
		buf_put(&m->recdict, m->dict[j].s, m->dict[j].len);
	}
	m->nrecdict = m->ndict;
	for (g = 0; g < m->ns; g++) {
		for (j = i; j < m->ndict && m->dict[j].shard == g; j++)
			;
		rel = route_search_dict(g, m->ns);
		if (m->inc && !m->sdirty[g] && keep != NULL) {
			r = m->last.shards + (size_t)g * PS_REC_SHARD;
			if (keep(arg, rel, cf_le_get(r, 8), cf_le_get(r + 8,
			    8)) == 1) {
				m->shash[g] = cf_le_get(r, 8);
				m->ssize[g] = cf_le_get(r + 8, 8);
				free(rel);
				i = j;
				continue;
			}
		}
		name = search_bucket_name(g, m->ns);
		buf_printf(&b, "cchcSearch.dict(\"%s\",[", name);
		free(name);
		for (first = i; i < j; i++) {
			if (i > first)
				buf_putc(&b, ',');
			search_json_str(&b, m->dict[i].s, m->dict[i].len);
			buf_printf(&b, ",%u", m->dict[i].np);
		}
		buf_puts(&b, "])\n");
		if (put_noted(m, put, arg, rel, &b, &m->shash[g],
		    &m->ssize[g]) == -1)
			goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/*
 * The clean buckets (not in m->dirty) kept as the last merge wrote
 * them; those keep() does not have set in the returned bitmap (NULL:
 * none), to be made.  Their estimates are the record's.
 */
static uint64_t *
keep_buckets(struct merge *m, psearch_keep keep, void *arg)
{
	const unsigned char *r;
	uint64_t	*redo = NULL;
	char		*rel;
	unsigned	 g;

	for (g = 0; g < m->nb; g++) {
		if (bit_get(m->dirty, g))
			continue;
		r = m->last.buckets + (size_t)g * PS_REC_BUCKET;
		m->bhash[g] = cf_le_get(r, 8);
		m->bsize[g] = cf_le_get(r + 8, 8);
		m->bbytes[g] = cf_le_get(r + 16, 8);
		m->bdict[g] = cf_le_get(r + 24, 8);
		rel = route_search_bucket(g, m->nb);
		if (keep == NULL || keep(arg, rel, m->bhash[g], m->bsize[g]) !=
		    1) {
			if (redo == NULL)
				redo = xcalloc(m->nb / 64 + 1, sizeof(*redo));
			bit_set(redo, g);
		}
		free(rel);
	}
	return redo;
}

/*
 * The estimates of every bucket (nb of them) into *bytes and *dict:
 * the merged terms' from their slots; with inc, the record's for the
 * buckets not in m->dirty (whose terms were not taken).
 */
static void
sum_estimates(const struct merge *m, int inc, unsigned nb, size_t *bytes,
    size_t *dict)
{
	const unsigned char *r;
	size_t		 i;

	*bytes = *dict = 0;
	for (i = 0; i < PS_SLOTS; i++) {
		*bytes += m->sbytes[i];
		*dict += m->sdict[i];
	}
	if (!inc)
		return;
	for (i = 0; i < nb; i++)
		if (!bit_get(m->dirty, i)) {
			r = m->last.buckets + i * PS_REC_BUCKET;
			*bytes += cf_le_get(r + 16, 8);
			*dict += cf_le_get(r + 24, 8);
		}
}

/*
 * The buckets and the dictionary's shards; m->nb, m->ns for the root.
 * With m->inc (inc_plan()), first only the changed buckets' terms: if
 * the counts come out as the last merge's, the other buckets are kept;
 * otherwise every term is taken, as without.
 */
static int
put_terms(struct merge *m, psearch_put put, psearch_keep keep, void *arg)
{
	struct buf	 b = BUF_INIT;
	struct tkey	*keys = NULL, *fv = NULL;
	uint64_t	*redo = NULL;
	uint32_t	*byb = NULL;
	size_t		*bstart = NULL, nkeys = 0, bytes, dict, fcap = 0, i, from;
	unsigned	 g;
	int		 rc = -1;

	if (m->inc) {
		take_all(m, m->dirty, m->last.nb);
		merge_terms(m, 0);
		sum_estimates(m, 1, m->last.nb, &bytes, &dict);
		search_counts(bytes, dict, &m->nb, &m->ns);
		if (m->nb != m->last.nb || m->ns != m->last.ns) {
			terms_free(m);
			memset(m->sbytes, 0, PS_SLOTS * sizeof(*m->sbytes));
			memset(m->sdict, 0, PS_SLOTS * sizeof(*m->sdict));
			m->inc = 0;
		}
	}
	if (!m->inc) {
		take_all(m, NULL, 0);
		merge_terms(m, 0);
		sum_estimates(m, 0, 0, &bytes, &dict);
		search_counts(bytes, dict, &m->nb, &m->ns);
	}
	m->bhash = xcalloc(m->nb, sizeof(*m->bhash));
	m->bsize = xcalloc(m->nb, sizeof(*m->bsize));
	m->bbytes = xcalloc(m->nb, sizeof(*m->bbytes));
	m->bdict = xcalloc(m->nb, sizeof(*m->bdict));
	if (m->inc && (redo = keep_buckets(m, keep, arg)) != NULL) {
		/* Kept files the output no longer has: made after all. */
		from = m->ne;
		take_all(m, redo, m->nb);
		merge_terms(m, from);
		for (i = 0; i < m->nb / 64 + 1; i++)
			m->dirty[i] |= redo[i];
	}
	for (i = 0; i < PS_SLOTS; i++) {
		if (m->inc && !bit_get(m->dirty, i & (m->nb - 1)))
			continue;
		m->bbytes[i & (m->nb - 1)] += m->sbytes[i];
		m->bdict[i & (m->nb - 1)] += m->sdict[i];
	}
	keys = sorted_keys(m, &nkeys);
	group_keys(m, keys, nkeys, m->nb, &bstart, &byb);
	for (g = 0; g < m->nb; g++) {
		if (m->inc && !bit_get(m->dirty, g))
			continue;
		make_bucket(m, byb, bstart[g], bstart[g + 1], g, m->nb, &fv,
		    &fcap, &b);
		if (put_noted(m, put, arg, route_search_bucket(g, m->nb), &b,
		    &m->bhash[g], &m->bsize[g]) == -1)
			goto out;
	}
	if (!m->inc)
		dict_of_keys(m, keys, nkeys);
	if (put_dict(m, put, keep, arg) == -1)
		goto out;
	rc = 0;
out:
	free(redo);
	free(fv);
	free(keys);
	free(byb);
	free(bstart);
	buf_free(&b);
	return rc;
}

/* Every document's file with its new id, URL and department. */
static int
put_docs(struct merge *m, psearch_put put, psearch_keep keep, void *arg)
{
	struct buf	 b = BUF_INIT;
	struct psrc	*s;
	struct cur	 c;
	const char	*pre, *u, *t, *x;
	char		*cpath, *rel;
	uint32_t	 date, k, ulen, tlen, xlen;
	size_t		 i, len;
	int		 rc = -1;

	m->dhash = xcalloc(m->ndocs ? m->ndocs : 1, sizeof(*m->dhash));
	m->dsize = xcalloc(m->ndocs ? m->ndocs : 1, sizeof(*m->dsize));
	for (i = 0; i < m->ndocs; i++) {
		rel = route_search_doc((long)i);
		if (doc_kept(m, keep, arg, i, rel)) {
			free(rel);
			continue;
		}
		s = &m->src[m->docs[i].src];
		c.p = (const unsigned char *)s->img.data + CF_SEALED_HEAD;
		c.len = s->img.len - CF_SEALED_HEAD;
		c.off = s->doff[m->docs[i].old];
		c.bad = 0;
		date = cur_u32(&c);
		k = cur_u32(&c);
		ulen = cur_u32(&c);
		tlen = cur_u32(&c);
		xlen = cur_u32(&c);
		len = (size_t)ulen + tlen + xlen;
		if (s->fd == -1)
			u = s->texts.data != NULL ? s->texts.data +
			    s->xoff[m->docs[i].old] : "";
		else {
			buf_reset(&m->txt);
			buf_grow(&m->txt, len);
			if (pread_all(s->fd, m->txt.data, len, s->xbase +
			    (off_t)s->xoff[m->docs[i].old]) == -1) {
				cpath = cache_path(m->cache, s->s->dir, ".bin");
				diag_err(m->diag, cpath, 0, 0, "%s: không đọc "
				    "lại được bộ nhớ đệm tìm kiếm: %s",
				    s->name, err_text(errno));
				free(cpath);
				free(rel);
				goto out;
			}
			u = m->txt.data;
		}
		t = u + ulen;
		x = t + tlen;
		pre = s->s->prefix != NULL ? s->s->prefix : "";
		buf_printf(&b, "cchcSearch.doc(%zu,{\"u\":", i);
		/* The prefix and the URL as one string. */
		buf_reset(&m->raw);
		buf_puts(&m->raw, pre);
		buf_put(&m->raw, u, ulen);
		search_json_str(&b, m->raw.data, m->raw.len);
		buf_puts(&b, ",\"t\":");
		search_json_str(&b, t, tlen);
		buf_printf(&b, ",\"k\":%u,\"d\":", k);
		if (date == 0)
			buf_puts(&b, "null");
		else {
			date--;
			buf_printf(&b, "\"%04u-%02u-%02u\"", date / 10000,
			    date / 100 % 100, date % 100);
		}
		buf_puts(&b, ",\"s\":");
		search_json_str(&b, x, xlen);
		if (s->s->name != NULL && *s->s->name != '\0') {
			buf_puts(&b, ",\"g\":");
			search_json_str(&b, s->s->name, strlen(s->s->name));
		}
		buf_puts(&b, "})\n");
		if (put_noted(m, put, arg, rel, &b, &m->dhash[i],
		    &m->dsize[i]) == -1)
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

int
portal_search_merge(const struct psearch_src *src, size_t n,
    psearch_put put, psearch_keep keep, void *arg, struct diag *diag,
    const char *cache)
{
	struct merge	 m;
	size_t		 i;
	int		 rc = -1;

	memset(&m, 0, sizeof(m));
	m.diag = diag;
	m.cache = cache;
	m.settled = time(NULL) - PS_SETTLE;
	m.nsrc = n;
	m.src = xcalloc(n ? n : 1, sizeof(*m.src));
	for (i = 0; i < n; i++) {
		m.src[i].s = &src[i];
		/* Messages name the department, or its folder. */
		m.src[i].name = src[i].name != NULL && *src[i].name != '\0' ?
		    src[i].name : src[i].dir;
		diag_init(&m.src[i].diag);
		m.src[i].fd = -1;
		m.src[i].ofd = -1;
	}
	if (take_docs(&m) == -1)
		goto out;
	rec_load(&m);
	m.inc = inc_plan(&m);
	if (put_terms(&m, put, keep, arg) == -1)
		goto out;
	terms_free(&m);
	if (put_docs(&m, put, keep, arg) == -1 ||
	    put_root(&m, put, arg, m.nb, m.ns) == -1)
		goto out;
	rec_save(&m);
	cache_sweep(&m);
	rc = 0;
out:
	terms_free(&m);
	for (i = 0; i < n; i++) {
		diag_free(&m.src[i].diag);
		image_free(&m.src[i]);
		buf_free(&m.src[i].texts);
		if (m.src[i].fd != -1)
			close(m.src[i].fd);
		free(m.src[i].doff);
		free(m.src[i].xoff);
		free(m.src[i].map);
		buf_free(&m.src[i].oldimg);
		buf_free(&m.src[i].fid.file);
		buf_free(&m.src[i].ofid.file);
	}
	free(m.src);
	free(m.docs);
	free(m.bits);
	free(m.dhash);
	free(m.dsize);
	free(m.same);
	free(m.last.dict);
	buf_free(&m.last.file);
	free(m.bhash);
	free(m.bsize);
	free(m.bbytes);
	free(m.bdict);
	free(m.shash);
	free(m.ssize);
	buf_free(&m.recdict);
	free(m.dict);
	free(m.sbytes);
	free(m.sdict);
	free(m.dirty);
	free(m.sdirty);
	free(m.delta);
	buf_free(&m.raw);
	buf_free(&m.txt);
	free(m.tp.v);
	free(m.tx.v);
	free(m.fx.v);
	free(m.one.v);
	return rc;
}
