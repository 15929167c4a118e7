/*
 * mdcache.c - rendered Markdown kept between builds; see mdcache.h.
 *
 * File layout: a record log of cachefile.h (little-endian; the salt
 * covers the binary, so a file is never read by a build that did not
 * write it in the same format):
 *
 *   "CCHCMARK" u32 version u64 salt
 *   record*:  u64 key, u64 len, u64 hash64(payload), payload[len]
 *
 * payload:  i32 rc, str html, str first_para,
 *           u32 ntoc, (i32 level, str id, str text)*,
 *           u32 ncalls, call*, msgs (every message of the call, in order)
 * call:     'R' str dest, i32 is_image, i32 line, i32 col, i32 rc,
 *               str target, msgs                    (link resolver)
 * target:   the md_target as url NUL label NUL srcset NUL large NUL
 *           width "x" height (target_bytes)
 *           'X' str number, i32 ret, str out        (cross-reference)
 * msgs:     u32 n, (u8 level, u8 has_file, str file, i32 line, i32 col,
 *           str text)*
 * str:      u32 len, bytes, NUL
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "hash.h"
#include "markdown.h"
#include "mdcache.h"
#include "util.h"

/* Version 2: the cachefile.h header, little-endian throughout. */
#define MDC_MAGIC	"CCHCMARK"
#define MDC_VERSION	3
#define MDC_HEAD	CF_HEAD
#define MDC_RECHEAD	CF_RECHEAD
#define MDC_SAVE_CHUNK	((size_t)1 << 20)	/* bytes a write() */
#define MDC_BLOCK	((size_t)4 << 20)	/* new records' storage */

struct mdc_entry {
	uint64_t	 key;
	size_t		 off;		/* of the payload in map */
	size_t		 len;
	int		 used;
};

struct mdc_new {
	uint64_t	 key;
	char		*data;		/* payload, in a block */
	size_t		 len;
};

/*
 * New records are copied into large blocks mapped on their own: a cold
 * build's are as large as every rendered body, and as thousands of small
 * pieces of the heap they would stay in the process's memory after
 * mdc_close(), where the search index's large arrays cannot reuse them.
 */
struct mdc_block {
	unsigned char	*p;
	size_t		 len, cap;
	int		 mapped;	/* else malloc'd */
};

struct mdcache {
	char		*path;		/* NULL: nothing kept */
	uint64_t	 salt;
	unsigned char	*map;
	size_t		 maplen;
	size_t		 valid;		/* bytes of whole records in map */
	struct mdc_entry *ents;
	size_t		 nents;
	size_t		*tab;		/* index + 1 into ents; 0 empty */
	size_t		 tabcap;
	int		 rewrite;	/* the file cannot be appended to */
	int		 mem;		/* mdc_open_mem: map is malloc'd, no file */
	pthread_mutex_t	 lock;		/* fresh, hits, misses, used */
	struct mdc_new	*fresh;
	size_t		 nfresh, capfresh;
	struct mdc_block *blocks;	/* the last one is filled */
	size_t		 nblocks, capblocks;
	size_t		 hits, misses;
};

/* ------------------------------------------------------------ writing */

static void
put_strn(struct buf *b, const char *s, size_t n)
{
	cf_put_u32(b, (uint32_t)n);
	if (n > 0)
		buf_put(b, s, n);
	buf_putc(b, '\0');
}

static void
put_str(struct buf *b, const char *s)
{
	put_strn(b, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

static void
put_msgs(struct buf *b, const struct diag *d)
{
	size_t	 i;

	cf_put_u32(b, (uint32_t)d->len);
	for (i = 0; i < d->len; i++) {
		const struct diag_msg *m = &d->msgs[i];

		buf_putc(b, m->level == DIAG_ERROR ? 1 : 0);
		buf_putc(b, m->file != NULL);
		put_str(b, m->file);
		cf_put_i32(b, m->line);
		cf_put_i32(b, m->col);
		put_str(b, m->text);
	}
}

/* ------------------------------------------------------------ reading */

struct rd {
	const unsigned char	*p, *end;
	int			 bad;
};

static int
get(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return -1;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return 0;
}

static uint32_t
get_u32(struct rd *r)
{
	unsigned char	 v[4];

	get(r, v, sizeof(v));
	return (uint32_t)cf_le_get(v, 4);
}

static int
get_i32(struct rd *r)
{
	return (int32_t)get_u32(r);
}

static int
get_u8(struct rd *r)
{
	unsigned char	 c;

	get(r, &c, 1);
	return c;
}

/* A string in place (NUL-terminated in the file), or NULL when damaged. */
static const char *
get_str(struct rd *r, size_t *lenp)
{
	uint32_t	 n = get_u32(r);
	const char	*s;

	if (r->bad || (size_t)(r->end - r->p) < (size_t)n + 1 ||
	    r->p[n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	s = (const char *)r->p;
	r->p += (size_t)n + 1;
	if (lenp != NULL)
		*lenp = n;
	return s;
}

/* One recorded message, its strings in place. */
struct msgrec {
	int		 level, has_file, line, col;
	const char	*file, *text;
};

static int
get_msg(struct rd *r, struct msgrec *m)
{
	m->level = get_u8(r);
	m->has_file = get_u8(r);
	m->file = get_str(r, NULL);
	m->line = get_i32(r);
	m->col = get_i32(r);
	m->text = get_str(r, NULL);
	return r->bad ? -1 : 0;
}

/* Do the next recorded messages equal d's? */
static int
msgs_equal(struct rd *r, const struct diag *d)
{
	struct msgrec	 g;
	uint32_t	 n = get_u32(r), i;
	int		 same;

	same = !r->bad && n == d->len;
	for (i = 0; i < n && get_msg(r, &g) == 0; i++) {
		const struct diag_msg *m;

		if (!same)
			continue;	/* read on to the end all the same */
		m = &d->msgs[i];
		same = g.level == (m->level == DIAG_ERROR) &&
		    g.has_file == (m->file != NULL) &&
		    (m->file == NULL || strcmp(g.file, m->file) == 0) &&
		    g.line == m->line && g.col == m->col &&
		    strcmp(g.text, m->text) == 0;
	}
	return same && !r->bad;
}

static void
msgs_add(struct rd *r, struct diag *d)
{
	struct msgrec	 g;
	uint32_t	 n = get_u32(r), i;

	for (i = 0; i < n && get_msg(r, &g) == 0; i++)
		diag_add(d, g.level ? DIAG_ERROR : DIAG_WARNING,
		    g.has_file ? g.file : NULL, g.line, g.col, "%s", g.text);
}

/* ------------------------------------------------------------ the index */

static void
tab_put(struct mdcache *c, size_t i)
{
	size_t	 k = c->ents[i].key & (c->tabcap - 1), j;

	while ((j = c->tab[k]) != 0) {
		if (c->ents[j - 1].key == c->ents[i].key) {
			/* A later record of the key replaces the earlier. */
			c->tab[k] = i + 1;
			return;
		}
		k = (k + 1) & (c->tabcap - 1);
	}
	c->tab[k] = i + 1;
}

static struct mdc_entry *
tab_get(const struct mdcache *c, uint64_t key)
{
	size_t	 k, j;

	if (c->tabcap == 0)
		return NULL;
	k = key & (c->tabcap - 1);
	while ((j = c->tab[k]) != 0) {
		if (c->ents[j - 1].key == key)
			return &c->ents[j - 1];
		k = (k + 1) & (c->tabcap - 1);
	}
	return NULL;
}

/* Indexes the whole records of the mapped file. */
static void
mdc_index(struct mdcache *c)
{
	size_t	 off = MDC_HEAD, cap = 0, poff, len, i;
	uint64_t key;

	while (cf_next_record(c->map, c->maplen, off, &key, &poff,
	    &len) == 0) {
		ARRAY_GROW(c->ents, c->nents, cap, 1024);
		c->ents[c->nents].key = key;
		c->ents[c->nents].off = poff;
		c->ents[c->nents].len = len;
		c->ents[c->nents].used = 0;
		c->nents++;
		off = poff + len;
	}
	c->valid = off;
	/* A torn tail: appending after it would hide what follows. */
	if (off != c->maplen)
		c->rewrite = 1;
	c->tabcap = 1024;
	while (c->tabcap < 2 * c->nents + 2)
		c->tabcap *= 2;
	c->tab = xcalloc(c->tabcap, sizeof(*c->tab));
	for (i = 0; i < c->nents; i++)
		tab_put(c, i);
}

/* Changes with the binary and with the Markdown library it runs with. */
static uint64_t
mdc_make_salt(void)
{
	struct hasher	 h;

	hasher_init(&h);
	hasher_str(&h, MDC_MAGIC " " CCHC_VERSION);
	hasher_str(&h, cmark_version_string());
	hasher_u64(&h, fs_self_hash());
	return hasher_done(&h);
}

/* The file's bytes are in map: used if its magic and salt are right. */
static void
mdc_load(struct mdcache *c)
{
	if (cf_head_ok(c->map, c->maplen, MDC_MAGIC, MDC_VERSION, c->salt)) {
		c->rewrite = 0;
		mdc_index(c);
	}
}

struct mdcache *
mdc_open(const char *dir)
{
	struct mdcache	*c = xcalloc(1, sizeof(*c));
	struct stat	 st;
	void		*m;
	int		 fd;

	pthread_mutex_init(&c->lock, NULL);
	if (dir == NULL)
		return c;
	c->salt = mdc_make_salt();
	c->path = fs_join(dir, "markdown");
	c->rewrite = 1;
	if ((fd = open(c->path, O_RDONLY | O_CLOEXEC)) == -1)
		return c;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size >= MDC_HEAD &&
	    (m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) != MAP_FAILED) {
		c->map = m;
		c->maplen = (size_t)st.st_size;
		mdc_load(c);
	}
	close(fd);
	return c;
}

struct mdcache *
mdc_open_mem(const void *data, size_t len)
{
	struct mdcache	*c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	c->mem = 1;
	c->rewrite = 1;
	c->map = xmalloc(len ? len : 1);
	if (len > 0)
		memcpy(c->map, data, len);
	c->maplen = len;
	/* The file's own salt: as if this binary had written it. */
	if (len >= MDC_HEAD)
		c->salt = cf_le_get(c->map + 12, 8);
	mdc_load(c);
	return c;
}

/* ------------------------------------------------------------ replay */

/* A resolver's answer as one string, to keep and to compare. */
static void
target_bytes(struct buf *b, const struct md_target *t)
{
	buf_reset(b);
	buf_put(b, buf_cstr(t->url), t->url->len + 1);
	buf_put(b, buf_cstr(t->label), t->label->len + 1);
	buf_put(b, buf_cstr(t->srcset), t->srcset->len + 1);
	buf_put(b, buf_cstr(t->large), t->large->len + 1);
	buf_printf(b, "%dx%d", t->width, t->height);
}

/* A target over four empty buffers (target_free frees them). */
static void
target_init(struct md_target *t)
{
	memset(t, 0, sizeof(*t));
	t->url = xcalloc(4, sizeof(struct buf));
	t->label = t->url + 1;
	t->srcset = t->url + 2;
	t->large = t->url + 3;
}

static void
target_free(struct md_target *t)
{
	if (t->url == NULL)
		return;
	buf_free(t->url);
	buf_free(t->label);
	buf_free(t->srcset);
	buf_free(t->large);
	free(t->url);
	memset(t, 0, sizeof(*t));
}

/*
 * Asks the callbacks the recorded questions again; fills res and d from
 * the record if every answer is the same.  0 on a hit, -1 otherwise (then
 * res and d are untouched).
 */
static int
mdc_replay(const unsigned char *p, size_t len, const struct md_opts *o,
    struct md_result *res, struct diag *d, int *rcp)
{
	struct rd	 r = { p, p + len, 0 };
	struct buf	 out = BUF_INIT;
	struct md_target t;
	struct diag	 sd;
	const char	*html, *fp, *s, *want;
	const unsigned char *toc;
	uint32_t	 ntoc, ncalls, i;
	size_t		 wlen;
	int		 rc, a, b, line, col, got, same = 1;

	rc = get_i32(&r);
	html = get_str(&r, NULL);
	fp = get_str(&r, NULL);
	ntoc = get_u32(&r);
	toc = r.p;
	for (i = 0; i < ntoc && !r.bad; i++) {
		get_i32(&r);
		get_str(&r, NULL);
		get_str(&r, NULL);
	}
	ncalls = get_u32(&r);
	for (i = 0; i < ncalls && same && !r.bad; i++) {
		buf_reset(&out);
		diag_init(&sd);
		switch (get_u8(&r)) {
		case 'R':
			s = get_str(&r, NULL);
			a = get_i32(&r);
			line = get_i32(&r);
			col = get_i32(&r);
			b = get_i32(&r);
			want = get_str(&r, &wlen);
			if (r.bad || o->resolve == NULL) {
				same = 0;
				break;
			}
			target_init(&t);
			got = o->resolve(o->resolve_arg, s, a, line, col, &t,
			    &sd);
			target_bytes(&out, &t);
			target_free(&t);
			same = got == b && out.len == wlen &&
			    memcmp(buf_cstr(&out), want, wlen) == 0 &&
			    msgs_equal(&r, &sd);
			break;
		case 'X':
			s = get_str(&r, NULL);
			b = get_i32(&r);
			want = get_str(&r, &wlen);
			if (r.bad || o->xref == NULL) {
				same = 0;
				break;
			}
			got = o->xref(o->xref_arg, s, &out);
			same = got == b && out.len == wlen &&
			    memcmp(buf_cstr(&out), want, wlen) == 0;
			break;
		default:
			same = 0;
			break;
		}
		diag_free(&sd);
	}
	buf_free(&out);
	if (!same || r.bad)
		return -1;
	/* Every answer agrees: the record is the result. */
	memset(res, 0, sizeof(*res));
	res->html = xstrdup(html);
	res->html_len = strlen(html);
	res->first_para = xstrdup(fp);
	res->ntoc = ntoc;
	res->toc = ntoc ? xcalloc(ntoc, sizeof(*res->toc)) : NULL;
	{
		struct rd t = { toc, p + len, 0 };

		for (i = 0; i < ntoc; i++) {
			res->toc[i].level = get_i32(&t);
			res->toc[i].id = xstrdup(get_str(&t, NULL));
			res->toc[i].text = xstrdup(get_str(&t, NULL));
		}
	}
	msgs_add(&r, d);
	*rcp = rc;
	return 0;
}

/* ------------------------------------------------------------ recording */

struct recorder {
	const struct md_opts	*real;
	struct buf		 calls;
	uint32_t		 ncalls;
};

static int
rec_resolve(void *arg, const char *dest, int is_image, int line, int col,
    struct md_target *out, struct diag *d)
{
	struct recorder	*r = arg;
	struct diag	 sd;
	struct buf	 t = BUF_INIT;
	int		 rc;

	diag_init(&sd);
	rc = r->real->resolve(r->real->resolve_arg, dest, is_image, line, col,
	    out, &sd);
	buf_putc(&r->calls, 'R');
	put_str(&r->calls, dest);
	cf_put_i32(&r->calls, is_image);
	cf_put_i32(&r->calls, line);
	cf_put_i32(&r->calls, col);
	cf_put_i32(&r->calls, rc);
	target_bytes(&t, out);
	put_strn(&r->calls, t.data, t.len);
	buf_free(&t);
	put_msgs(&r->calls, &sd);
	r->ncalls++;
	diag_move(d, &sd);
	return rc;
}

static int
rec_xref(void *arg, const char *number, struct buf *out)
{
	struct recorder	*r = arg;
	size_t		 before = out->len;
	int		 ret;

	ret = r->real->xref(r->real->xref_arg, number, out);
	buf_putc(&r->calls, 'X');
	put_str(&r->calls, number);
	cf_put_i32(&r->calls, ret);
	put_strn(&r->calls, out->data != NULL ? out->data + before : "",
	    out->len - before);
	r->ncalls++;
	return ret;
}

/* A block with room for at least len more bytes (under c->lock). */
static struct mdc_block *
block_room(struct mdcache *c, size_t len)
{
	struct mdc_block *k;
	void		*m;

	if (c->nblocks > 0) {
		k = &c->blocks[c->nblocks - 1];
		if (k->cap - k->len >= len)
			return k;
	}
	ARRAY_GROW(c->blocks, c->nblocks, c->capblocks, 16);
	k = &c->blocks[c->nblocks++];
	k->len = 0;
	k->cap = len > MDC_BLOCK ? len : MDC_BLOCK;
	/* Written once, front to back: huge pages spare a fault a 4 KB. */
	m = map_anon(k->cap);
	k->mapped = m != NULL;
	k->p = k->mapped ? m : xmalloc(k->cap);
	return k;
}

/* A new record (its payload copied from b, then b freed), written at
   mdc_close(). */
static void
fresh_add(struct mdcache *c, uint64_t key, struct buf *b)
{
	struct mdc_block *k;
	struct mdc_new	 n;

	n.key = key;
	n.len = b->len;
	pthread_mutex_lock(&c->lock);
	k = block_room(c, n.len);
	n.data = (char *)k->p + k->len;
	k->len += n.len;
	ARRAY_GROW(c->fresh, c->nfresh, c->capfresh, 64);
	c->fresh[c->nfresh++] = n;
	c->misses++;
	pthread_mutex_unlock(&c->lock);
	/* The room is this thread's alone: copied (and its pages faulted
	   in) without the lock, which the other bodies wait for. */
	if (n.len > 0)
		memcpy(n.data, b->data, n.len);
	buf_free(b);
}

/* A cache that keeps records (a file, or mdc_open_mem's bytes). */
static int
mdc_on(const struct mdcache *c)
{
	return c != NULL && (c->path != NULL || c->mem);
}

uint64_t
mdc_key(const struct mdcache *c, const char *file, const char *src,
    size_t len, int first_line, const struct md_opts *o)
{
	struct hasher	 h;

	hasher_init(&h);
	hasher_u64(&h, c->salt);
	hasher_str(&h, file);
	hasher_u64(&h, (uint64_t)(int64_t)first_line);
	hasher_u64(&h, (uint64_t)(o->unsafe ? 1 : 0) |
	    (o->resolve != NULL ? 2 : 0) | (o->xref != NULL ? 4 : 0) |
	    (o->eager_first ? 8 : 0));
	hasher_add(&h, src, len);
	return hasher_done(&h);
}

int
mdc_render(struct mdcache *c, const char *file, const char *src,
    size_t len, int first_line, const struct md_opts *opts,
    struct md_result *res, struct diag *d)
{
	static const struct md_opts defopts = { 0, NULL, NULL, NULL, NULL, 0 };
	struct recorder	 rec;
	struct md_opts	 o;
	struct mdc_entry *e;
	struct diag	 dl;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	uint64_t	 key;
	int		 rc;

	if (opts == NULL)
		opts = &defopts;
	if (!mdc_on(c))
		return md_render(file, src, len, first_line, opts, res, d);
	key = mdc_key(c, file, src, len, first_line, opts);
	if ((e = tab_get(c, key)) != NULL &&
	    cf_record_ok(c->map, e->off, e->len) &&
	    mdc_replay(c->map + e->off, e->len, opts, res, d, &rc) == 0) {
		pthread_mutex_lock(&c->lock);
		e->used = 1;
		c->hits++;
		pthread_mutex_unlock(&c->lock);
		return rc;
	}

	/* Render for real, recording every question and answer. */
	memset(&rec, 0, sizeof(rec));
	rec.real = opts;
	o = *opts;
	if (opts->resolve != NULL) {
		o.resolve = rec_resolve;
		o.resolve_arg = &rec;
	}
	if (opts->xref != NULL) {
		o.xref = rec_xref;
		o.xref_arg = &rec;
	}
	diag_init(&dl);
	rc = md_render(file, src, len, first_line, &o, res, &dl);
	cf_put_i32(&b, rc);
	put_str(&b, res->html);
	put_str(&b, res->first_para);
	cf_put_u32(&b, (uint32_t)res->ntoc);
	for (i = 0; i < res->ntoc; i++) {
		cf_put_i32(&b, res->toc[i].level);
		put_str(&b, res->toc[i].id);
		put_str(&b, res->toc[i].text);
	}
	cf_put_u32(&b, rec.ncalls);
	if (rec.calls.len > 0)
		buf_put(&b, rec.calls.data, rec.calls.len);
	put_msgs(&b, &dl);
	diag_move(d, &dl);
	buf_free(&rec.calls);

	fresh_add(c, key, &b);
	return rc;
}

/* ------------------------------------------------------------ results */

uint64_t
mdc_salt(const struct mdcache *c)
{
	return mdc_on(c) ? c->salt : 0;
}

/* A record: i32 rc, u32 size, the bytes, msgs (see the top). */
int
mdc_get_result(struct mdcache *c, uint64_t key, int *rc, void *data,
    size_t size, struct diag *d)
{
	struct mdc_entry *e;
	struct rd	 r;
	int		 got;

	if (!mdc_on(c) || (e = tab_get(c, key)) == NULL ||
	    !cf_record_ok(c->map, e->off, e->len))
		return -1;
	r.p = c->map + e->off;
	r.end = r.p + e->len;
	r.bad = 0;
	got = get_i32(&r);
	if (get_u32(&r) != size || get(&r, data, size) == -1 || r.bad)
		return -1;
	/* Check the messages whole before adding any. */
	{
		struct rd	 t = r;
		struct diag	 none;

		diag_init(&none);
		msgs_equal(&t, &none);
		if (t.bad || t.p != r.end)
			return -1;
	}
	msgs_add(&r, d);
	*rc = got;
	pthread_mutex_lock(&c->lock);
	e->used = 1;
	c->hits++;
	pthread_mutex_unlock(&c->lock);
	return 0;
}

void
mdc_put_result(struct mdcache *c, uint64_t key, int rc, const void *data,
    size_t size, const struct diag *msgs)
{
	struct buf	 b = BUF_INIT;

	if (!mdc_on(c))
		return;
	cf_put_i32(&b, rc);
	cf_put_u32(&b, (uint32_t)size);
	buf_put(&b, data, size);
	put_msgs(&b, msgs);
	fresh_add(c, key, &b);
}

/* ------------------------------------------------------------ saving */

static int
fresh_cmp(const void *a, const void *b)
{
	const struct mdc_new *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->data, y->data, x->len);
}


/* Writes b out when it holds a chunk's worth (or flush): 0 or -1. */
static int
save_flush(int fd, struct buf *b, int flush)
{
	int	 rc = 0;

	if (b->len >= MDC_SAVE_CHUNK || (flush && b->len > 0)) {
		rc = fs_write_all(fd, b->data, b->len);
		buf_reset(b);
	}
	return rc;
}

/* tmp, made for writing; the cache folder made when missing. */
static int
save_open(const char *path, const char *tmp)
{
	char	*dir;
	int	 fd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd == -1 && errno == ENOENT) {
		dir = fs_dirname(path);
		if (fs_mkdirs(dir) == 0)
			fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0666);
		free(dir);
	}
	return fd;
}

/*
 * The records go out a chunk at a time: a cold build's are as large as
 * every rendered body, and gathering the file whole would hold them twice.
 */
static int
mdc_save(struct mdcache *c)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, live = 0, total;
	int		 fd = -1, rc = -1, whole;
	char		*tmp = NULL;

	/* Same records in the same order whatever the threads did. */
	if (c->nfresh > 1)
		qsort(c->fresh, c->nfresh, sizeof(*c->fresh), fresh_cmp);
	for (i = 0; i < c->nents; i++)
		if (c->ents[i].used)
			live += MDC_RECHEAD + c->ents[i].len;
	total = c->valid > MDC_HEAD ? c->valid - MDC_HEAD : 0;
	/* Rewrite when most of the file is records no build uses now. */
	whole = c->rewrite || live * 2 < total;
	if (!whole && c->nfresh == 0)
		return 0;
	if (whole) {
		/* Written aside and renamed, as fs_replace() does. */
		tmp = xasprintf("%s.tmp-%ld", c->path, (long)getpid());
		if ((fd = save_open(c->path, tmp)) == -1)
			goto out;
		cf_begin(&b, MDC_MAGIC, MDC_VERSION, c->salt);
		for (i = 0; i < c->nents; i++)
			if (c->ents[i].used) {
				cf_put_record(&b, c->ents[i].key,
				    c->map + c->ents[i].off, c->ents[i].len);
				if (save_flush(fd, &b, 0) == -1)
					goto out;
			}
	} else if ((fd = open(c->path, O_WRONLY | O_APPEND | O_CLOEXEC)) == -1)
		goto out;
	for (i = 0; i < c->nfresh; i++) {
		cf_put_record(&b, c->fresh[i].key, c->fresh[i].data,
		    c->fresh[i].len);
		if (save_flush(fd, &b, 0) == -1)
			goto out;
	}
	if (save_flush(fd, &b, 1) == -1)
		goto out;
	rc = 0;
out:
	if (fd != -1 && close(fd) == -1)
		rc = -1;
	if (tmp != NULL) {
		if (rc == 0 && rename(tmp, c->path) == -1)
			rc = -1;
		if (rc == -1) {
			int saved = errno;

			unlink(tmp);
			errno = saved;
		}
	}
	free(tmp);
	buf_free(&b);
	return rc;
}

void
mdc_close(struct mdcache *c, struct diag *d)
{
	size_t	 i;

	if (c == NULL)
		return;
	if (c->path != NULL && d != NULL && mdc_save(c) == -1)
		diag_warn(d, c->path, 0, 0, "không lưu được bộ nhớ đệm Markdown "
		    "(%s); lần sau cchc sẽ dựng lại mọi trang", err_text(errno));
	if (c->mem)
		free(c->map);
	else if (c->map != NULL)
		munmap(c->map, c->maplen);
	for (i = 0; i < c->nblocks; i++)
		if (c->blocks[i].mapped)
			munmap(c->blocks[i].p, c->blocks[i].cap);
		else
			free(c->blocks[i].p);
	free(c->blocks);
	free(c->fresh);
	free(c->ents);
	free(c->tab);
	free(c->path);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void
mdc_stats(const struct mdcache *c, size_t *hits, size_t *misses)
{
	*hits = c != NULL ? c->hits : 0;
	*misses = c != NULL ? c->misses : 0;
}
