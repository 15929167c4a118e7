/*
 * hist_cache.c - the history cache, <cache_dir>/history (format in
 * docs/history.md): hist_cache_load reads and checks it whole before
 * anything is used, hist_cache_save writes it beside itself and renames
 * it into place.  The framing (header, length, checksum) is cachefile.h's
 * sealed file; the body is this file's.  Integers are little-endian
 * whatever the host.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "hist_int.h"
#include "history.h"
#include "util.h"

/*
 * Bump when the cache layout or the meaning of its contents changes
 * (2: renames decided as git diff -M decides them; 3: the framing of
 * cachefile.h, checksum hash64).
 */
#define HIST_CACHE_VERSION	3
#define HIST_CACHE_MAGIC	"CCHCHIST"

/* ---- bytes ---- */

/* n more bytes at the end of b (the caller fills them). */
static unsigned char *
hist_wr(struct buf *b, size_t n)
{
	unsigned char	*p;

	if (b->cap - b->len < n + 1)
		buf_grow(b, n);
	p = (unsigned char *)b->data + b->len;
	b->len += n;
	return p;
}

/* Length, bytes and a NUL, so that a loaded cache is used in place. */
static void
hist_putstr(struct buf *b, const char *s)
{
	size_t		 n = strlen(s);
	unsigned char	*p = hist_wr(b, 4 + n + 1);

	cf_le_put(p, n, 4);
	memcpy(p + 4, s, n + 1);
}

struct hist_rd {
	const unsigned char *p, *end;
	int		 bad;
};

/* The next n bytes as an integer, or 0 and r->bad past the end. */
static uint64_t
hist_get(struct hist_rd *r, int n)
{
	uint64_t	 v;

	if (r->bad || r->end - r->p < n) {
		r->bad = 1;
		return 0;
	}
	v = cf_le_get(r->p, n);
	r->p += n;
	return v;
}

/* A string of the buffer itself, checked: no NUL inside, one after. */
static char *
hist_getstr(struct hist_rd *r)
{
	uint64_t	 n = hist_get(r, 4);
	char		*s;

	if (r->bad || (uint64_t)(r->end - r->p) <= n || r->p[n] != '\0' ||
	    memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	/* The buffer is ours (see hist_cache_load): mutable. */
	s = (char *)(uintptr_t)r->p;
	r->p += n + 1;
	return s;
}

/* A count that the remaining bytes could possibly hold. */
static size_t
hist_getcount(struct hist_rd *r, size_t minsize)
{
	uint64_t	 n = hist_get(r, 4);

	if (r->bad || n > (uint64_t)(r->end - r->p) / minsize) {
		r->bad = 1;
		return 0;
	}
	return n;
}

/* A string id read from the cache: valid, or HIST_NOSTR if allowed. */
static uint32_t
hist_getsid(struct hist_rd *r, const struct hist_state *st, int nullable)
{
	uint32_t	 id = (uint32_t)hist_get(r, 4);

	if (id >= st->nstrs && !(nullable && id == HIST_NOSTR))
		r->bad = 1;
	return id;
}

static int
hist_is_hex40(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[40] == '\0';
}

/*
 * The cache body (see docs/history.md): key, string table, commits with
 * events, events, live pages by path.  Integers are little-endian.  What
 * came from a loaded cache is copied as bytes: the state only grows.
 */
static void
hist_cache_body(const struct hist_state *st, const char *prefix,
    uint64_t skey, const struct hist_live *live, size_t nlive, struct buf *b)
{
	unsigned char	*p;
	size_t		 i;

	hist_putstr(b, prefix);
	hist_putstr(b, st->tip);
	cf_put_u64(b, skey);
	cf_put_u64(b, st->ncommits);
	cf_put_u64(b, st->npages);
	cf_put_u32(b, (uint32_t)st->nstrs);
	if (st->seclen[0] > 0)
		memcpy(hist_wr(b, st->seclen[0]), st->sec[0],
		    st->seclen[0]);
	for (i = st->secn[0]; i < st->nstrs; i++)
		hist_putstr(b, st->strs[i]);
	cf_put_u32(b, (uint32_t)st->ncrecs);
	if (st->seclen[1] > 0)
		memcpy(hist_wr(b, st->seclen[1]), st->sec[1],
		    st->seclen[1]);
	for (i = st->secn[1]; i < st->ncrecs; i++) {
		const struct hist_crec *c = &st->crecs[i];

		p = hist_wr(b, 20 + 8 + 4 + 8 + 4 + 4);
		memcpy(p, c->oid.id, 20);
		cf_le_put(p + 20, (uint64_t)c->time, 8);
		cf_le_put(p + 28, (uint32_t)c->tz, 4);
		cf_le_put(p + 32, c->seq, 8);
		cf_le_put(p + 40, c->author, 4);
		cf_le_put(p + 44, c->subject, 4);
	}
	cf_put_u32(b, (uint32_t)st->nevs);
	if (st->seclen[2] > 0)
		memcpy(hist_wr(b, st->seclen[2]), st->sec[2],
		    st->seclen[2]);
	for (i = st->secn[2]; i < st->nevs; i++) {
		const struct hist_ev *e = &st->evs[i];

		p = hist_wr(b, 1 + 4 + 4 + 4 + 4 + 4);
		p[0] = (unsigned char)e->kind;
		cf_le_put(p + 1, e->crec, 4);
		cf_le_put(p + 5, e->page, 4);
		cf_le_put(p + 9, e->path, 4);
		cf_le_put(p + 13, e->old_path, 4);
		cf_le_put(p + 17, e->title, 4);
	}
	cf_put_u32(b, (uint32_t)nlive);
	for (i = 0; i < nlive; i++) {
		p = hist_wr(b, 8);
		cf_le_put(p, live[i].page, 4);
		cf_le_put(p + 4, live[i].sid, 4);
	}
}

/*
 * Checks the loaded list of live pages against the events: exactly the
 * pages whose last event is not a removal, each at that event's path,
 * in strictly increasing path order (so no path twice).  0 or -1.
 */
static int
hist_order_check(struct hist_state *st)
{
	size_t	*last, i, n = 0;
	int	 rc = -1;

	last = xcalloc(st->npages ? st->npages : 1, sizeof(*last));
	for (i = 0; i < st->nevs; i++)
		last[st->evs[i].page] = i + 1;
	for (i = 0; i < st->npages; i++) {
		if (last[i] == 0)
			goto out;	/* every page starts with an event */
		n += st->evs[last[i] - 1].kind != HIST_REMOVED;
	}
	if (n != st->norder)
		goto out;
	for (i = 0; i < st->norder; i++) {
		struct hist_live *l = &st->order[i];
		const struct hist_ev *e;

		if (l->page >= st->npages || last[l->page] == 0 ||
		    (e = &st->evs[last[l->page] - 1])->kind == HIST_REMOVED ||
		    e->path != l->sid)
			goto out;
		last[l->page] = 0;	/* seen */
		l->path = st->strs[l->sid];
		if (i > 0 && strcmp(st->order[i - 1].path, l->path) >= 0)
			goto out;
	}
	rc = 0;
out:
	free(last);
	return rc;
}

/* ---- load ---- */

/* The key (prefix, tip, shallow state) and the counts; -1 if another's. */
static int
hist_parse_key(struct hist_rd *r, const char *prefix, uint64_t skey,
    struct hist_state *st)
{
	const char	*s;

	if ((s = hist_getstr(r)) == NULL || strcmp(s, prefix) != 0)
		return -1;
	if (!hist_is_hex40(s = hist_getstr(r)))
		return -1;
	memcpy(st->tip, s, 41);
	if (hist_get(r, 8) != skey)
		return -1;
	st->ncommits = hist_get(r, 8);
	st->npages = hist_get(r, 8);
	return 0;
}

/*
 * The sections below read what they can and set r->bad on anything
 * wrong; each records its byte range (st->sec) for hist_cache_body.
 */

/* The string table, pointing into the buffer. */
static void
hist_parse_strs(struct hist_rd *r, struct hist_state *st)
{
	size_t	 i, n = hist_getcount(r, 4 + 1);

	st->strs = xreallocarray(NULL, n ? n : 1, sizeof(*st->strs));
	st->strs_cap = n ? n : 1;
	st->sec[0] = r->p;
	for (i = 0; i < n && !r->bad; i++)
		st->strs[st->nstrs++] = hist_getstr(r);
	st->seclen[0] = (size_t)(r->p - st->sec[0]);
}

/* Commits with events, in chain order. */
static void
hist_parse_crecs(struct hist_rd *r, struct hist_state *st)
{
	static const char hex[] = "0123456789abcdef";
	size_t	 i, k, n = hist_getcount(r, 48);

	st->crecs = xreallocarray(NULL, n ? n : 1, sizeof(*st->crecs));
	st->crecs_cap = n ? n : 1;
	st->sec[1] = r->p;
	for (i = 0; i < n && !r->bad; i++) {
		struct hist_crec *c = &st->crecs[st->ncrecs++];

		memcpy(c->oid.id, r->p, 20);	/* counted: 48 bytes left */
		for (k = 0; k < 20; k++) {
			c->id[2 * k] = hex[r->p[k] >> 4];
			c->id[2 * k + 1] = hex[r->p[k] & 15];
		}
		c->id[40] = '\0';
		r->p += 20;
		c->time = (long long)hist_get(r, 8);
		c->tz = (int)(int32_t)(uint32_t)hist_get(r, 4);
		c->seq = hist_get(r, 8);
		c->author = hist_getsid(r, st, 0);
		c->subject = hist_getsid(r, st, 0);
		if (c->seq >= st->ncommits || (i > 0 &&
		    c->seq <= st->crecs[i - 1].seq))
			r->bad = 1;
	}
	st->seclen[1] = (size_t)(r->p - st->sec[1]);
}

/* Events, in commit order. */
static void
hist_parse_evs(struct hist_rd *r, struct hist_state *st)
{
	size_t	 i, n = hist_getcount(r, 21);

	st->evs = xreallocarray(NULL, n ? n : 1, sizeof(*st->evs));
	st->evs_cap = n ? n : 1;
	st->sec[2] = r->p;
	for (i = 0; i < n && !r->bad; i++) {
		struct hist_ev *e = &st->evs[st->nevs++];

		e->kind = (int)hist_get(r, 1);
		e->crec = hist_get(r, 4);
		e->page = hist_get(r, 4);
		e->path = hist_getsid(r, st, 0);
		e->old_path = hist_getsid(r, st, 1);
		e->title = hist_getsid(r, st, 1);
		if (e->kind < HIST_ADDED || e->kind > HIST_REMOVED ||
		    e->crec >= st->ncrecs || e->page >= st->npages ||
		    (i > 0 && e->crec < st->evs[i - 1].crec))
			r->bad = 1;
	}
	st->seclen[2] = (size_t)(r->p - st->sec[2]);
}

/* The live pages by path (checked later by hist_order_check). */
static void
hist_parse_live(struct hist_rd *r, struct hist_state *st)
{
	size_t	 i, n = hist_getcount(r, 8);

	st->order = xreallocarray(NULL, n ? n : 1, sizeof(*st->order));
	for (i = 0; i < n && !r->bad; i++) {
		st->order[i].page = hist_get(r, 4);
		st->order[i].sid = (uint32_t)hist_get(r, 4);
		st->order[i].path = NULL;
	}
	st->norder = n;
}

/*
 * The body of a cache file, b->data[off..len): used if made for this
 * prefix and shallow state; every count, index and the order of the live
 * list are checked, so a damaged file is dropped, never trusted.  On
 * success b's buffer joins the pool (st's strings point into it) and b is
 * left empty.  0 or -1.
 */
int
hist_cache_parse(struct buf *b, size_t off, const char *prefix,
    uint64_t skey, struct hist_state *st)
{
	struct hist_rd	 r;
	size_t		 i;
	int		 rc = -1;

	r.p = (const unsigned char *)b->data + off;
	r.end = (const unsigned char *)b->data + b->len;
	r.bad = 0;
	if (hist_parse_key(&r, prefix, skey, st) == -1)
		goto out;
	hist_parse_strs(&r, st);
	hist_parse_crecs(&r, st);
	hist_parse_evs(&r, st);
	hist_parse_live(&r, st);
	if (r.bad || r.p != r.end || st->npages > st->nevs ||
	    hist_order_check(st) == -1)
		goto out;
	for (i = 0; i < 3; i++)
		st->secn[i] = i == 0 ? st->nstrs : i == 1 ? st->ncrecs :
		    st->nevs;
	st->size_hint = b->len;
	hist_pool_own(st->pool, buf_detach(b));
	rc = 0;
out:
	if (rc == -1) {
		struct hist_pool *pool = st->pool;

		hist_state_free(st);
		st->pool = pool;
	}
	return rc;
}

/*
 * Loads <dir>/history into st if it is a whole sealed file of this
 * version (cf_load: magic, version, length, checksum) made for this
 * prefix and shallow state; see hist_cache_parse.  0 or -1.
 */
int
hist_cache_load(const char *dir, const char *prefix, uint64_t skey,
    struct hist_state *st)
{
	struct buf	 b = BUF_INIT;
	char		*file;
	int		 rc = -1;

	file = fs_join(dir, "history");
	if (cf_load(file, HIST_CACHE_MAX, HIST_CACHE_MAGIC, HIST_CACHE_VERSION,
	    0, &b, NULL) == 0)
		rc = hist_cache_parse(&b, CF_SEALED_HEAD, prefix, skey, st);
	buf_free(&b);
	free(file);
	return rc;
}

/* ---- save ---- */

/* The whole file into b (empty): a sealed header, then the body. */
static void
hist_cache_image(const struct hist_state *st, const char *prefix,
    uint64_t skey, const struct hist_live *live, size_t nlive, struct buf *b)
{
	buf_grow(b, st->size_hint + 65536);
	cf_begin_sealed(b, HIST_CACHE_MAGIC, HIST_CACHE_VERSION, 0);
	hist_cache_body(st, prefix, skey, live, nlive, b);
	(void)cf_seal(b);
}

/*
 * b into `file` by way of `tmp` (a mkstemp template beside it), renamed
 * into place, so a reader sees the old file or the new one.  0, or -1
 * with the path that failed in *what and its errno in *err (tmp is
 * removed).  Not cf_save (fs_replace): this file is 0644 whatever the
 * umask, the old one is unlinked first (below), and the warning names
 * the path that failed.
 */
static int
hist_cache_replace(const struct buf *b, const char *file, char *tmp,
    const char **what, int *err)
{
	int	 fd, made = 0, w, rc = -1;

	if ((fd = mkstemp(tmp)) == -1) {
		*what = tmp;
		*err = errno;
		goto out;
	}
	made = 1;
	if (fs_write_all(fd, b->data, b->len) == -1) {
		*what = tmp;
		*err = errno;
		goto out;
	}
	/* mkstemp makes 0600; the cache is no secret of the repository's. */
	if (fchmod(fd, 0644) == -1) {
		*what = tmp;
		*err = errno;
		goto out;
	}
	w = close(fd);
	fd = -1;
	if (w == -1) {
		*what = tmp;
		*err = errno;
		goto out;
	}
	/*
	 * ext4 flushes a file renamed over another to disk (auto_da_alloc),
	 * ~1 ms here; a cache needs no such care, so the old one goes first.
	 * A reader then finds the old file, none (a full walk), or the new.
	 */
	if (unlink(file) == -1 && errno != ENOENT) {
		*what = file;
		*err = errno;
		goto out;
	}
	if (rename(tmp, file) == -1) {
		*what = file;
		*err = errno;
		goto out;
	}
	made = 0;
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	if (made)
		unlink(tmp);
	return rc;
}

/*
 * Writes the cache (hist_cache_replace).  The folder gets a .gitignore
 * of "*" so that the cache never shows as an uncommitted change.  A
 * failure is a warning: the next build walks the whole history again.
 */
void
hist_cache_save(const char *dir, const char *prefix, uint64_t skey,
    const struct hist_state *st, const struct hist_live *live, size_t nlive,
    struct diag *d)
{
	struct buf	 b = BUF_INIT;
	char		*file = NULL, *tmp = NULL, *ign;
	const char	*what = NULL;
	int		 err = 0;

	ign = fs_join(dir, ".gitignore");
	if (fs_mkdirs(dir) == -1) {
		what = dir;
		err = errno;
		goto out;
	}
	if (!fs_is_file(ign) && fs_write(ign, "*\n", 2) == -1) {
		what = ign;
		err = errno;
		goto out;
	}
	hist_cache_image(st, prefix, skey, live, nlive, &b);
	file = fs_join(dir, "history");
	tmp = xasprintf("%s/.history.XXXXXX", dir);
	(void)hist_cache_replace(&b, file, tmp, &what, &err);
out:
	if (what != NULL)
		diag_warn(d, NULL, 0, 0, "không ghi được bộ nhớ đệm lịch sử "
		    "git “%s” (%s); lần dựng sau sẽ đọc lại toàn bộ lịch sử, "
		    "chậm hơn; hãy kiểm tra quyền ghi của thư mục “%s”", what,
		    err_text(err), dir);
	free(ign);
	free(file);
	free(tmp);
	buf_free(&b);
}
