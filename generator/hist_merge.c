/*
 * hist_merge.c - the history of a merged department's tree, each page's
 * from its own repository (hist_merge.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "hash.h"
#include "hist_int.h"
#include "hist_merge.h"
#include "history.h"
#include "util.h"

#define HM_MAX		((size_t)64 << 20)	/* the manifest */
#define HM_SOURCES	64

struct hm_page {
	char		*path;		/* in the merged tree */
	size_t		 src;
	char		*orig;		/* in its source */
	char		*url;		/* or NULL */
};

struct hist_merge {
	char		**roots;
	size_t		  nroots;
	int		 *avail;	/* hist_merge_head: in a repository */
	struct hm_page	 *pages;	/* by path */
	size_t		  npages;
	struct hm_page	**byorig;	/* by source, then original path */
	uint64_t	  hash;		/* of the manifest's bytes */
};

static int
page_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hm_page *)a)->path,
	    ((const struct hm_page *)b)->path);
}

static int
orig_cmp(const void *a, const void *b)
{
	const struct hm_page *x = *(struct hm_page *const *)a;
	const struct hm_page *y = *(struct hm_page *const *)b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return strcmp(x->orig, y->orig);
}

/* Splits line at tabs into at most max fields; the count. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t	 n = 0;

	while (n < max) {
		f[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return line == NULL ? n : max + 1;
}

void
hist_merge_free(struct hist_merge *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nroots; i++)
		free(m->roots[i]);
	for (i = 0; i < m->npages; i++) {
		free(m->pages[i].path);
		free(m->pages[i].orig);
		free(m->pages[i].url);
	}
	free(m->roots);
	free(m->avail);
	free(m->pages);
	free(m->byorig);
	free(m);
}

struct hist_merge *
hist_merge_parse(const char *text, size_t len, const char *file,
    struct diag *d)
{
	struct hist_merge *m;
	struct buf	 b = BUF_INIT;
	char		*line, *next, *f[6], *end;
	size_t		 n, ln = 0, cap = 0, rcap = 0, i;
	unsigned long	 src;
	int		 ok = 0;

	m = xcalloc(1, sizeof(*m));
	m->hash = hash64(text, len, 0);
	buf_put(&b, text, len);
	buf_cstr(&b);
	if (memchr(b.data, '\0', b.len) != NULL) {
		diag_err(d, file, 0, 0, "bản kê nguồn gộp có byte NUL; hãy để "
		    "“cchc portal” viết lại");
		goto out;
	}
	for (line = b.data; line != NULL && *line != '\0'; line = next) {
		ln++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (ln == 1) {
			if (strcmp(line, "cchc-merge 1") != 0) {
				diag_err(d, file, 1, 1, "không phải bản kê "
				    "nguồn gộp của phiên bản cchc này; hãy để "
				    "“cchc portal” viết lại");
				goto out;
			}
			continue;
		}
		n = fields(line, f, 5);
		if (n == 2 && strcmp(f[0], "source") == 0 && *f[1] == '/' &&
		    m->nroots < HM_SOURCES) {
			ARRAY_GROW(m->roots, m->nroots, rcap, 4);
			m->roots[m->nroots++] = xstrdup(f[1]);
			continue;
		}
		if (n == 5 && strcmp(f[0], "page") == 0) {
			errno = 0;
			src = strtoul(f[1], &end, 10);
			if (errno == 0 && *f[1] >= '0' && *f[1] <= '9' &&
			    *end == '\0' && src < m->nroots && *f[2] != '\0' &&
			    *f[3] != '\0' && *f[4] != '\0') {
				struct hm_page *p;

				ARRAY_GROW(m->pages, m->npages, cap, 64);
				p = &m->pages[m->npages++];
				p->path = xstrdup(f[2]);
				p->src = src;
				p->orig = xstrdup(f[3]);
				p->url = strcmp(f[4], "-") != 0 ?
				    xstrdup(f[4]) : NULL;
				continue;
			}
		}
		diag_err(d, file, (int)ln, 1, "dòng này của bản kê nguồn gộp "
		    "không đọc được; hãy để “cchc portal” viết lại");
		goto out;
	}
	if (m->nroots == 0) {
		diag_err(d, file, 0, 0, "bản kê nguồn gộp không có nguồn nào; "
		    "hãy để “cchc portal” viết lại");
		goto out;
	}
	if (m->npages > 1)
		qsort(m->pages, m->npages, sizeof(*m->pages), page_cmp);
	for (i = 1; i < m->npages; i++)
		if (strcmp(m->pages[i - 1].path, m->pages[i].path) == 0) {
			diag_err(d, file, 0, 0, "bản kê nguồn gộp ghi hai lần "
			    "trang %s; hãy để “cchc portal” viết lại",
			    m->pages[i].path);
			goto out;
		}
	m->byorig = xcalloc(m->npages ? m->npages : 1, sizeof(*m->byorig));
	for (i = 0; i < m->npages; i++)
		m->byorig[i] = &m->pages[i];
	if (m->npages > 1)
		qsort(m->byorig, m->npages, sizeof(*m->byorig),
		    orig_cmp);
	m->avail = xcalloc(m->nroots, sizeof(*m->avail));
	ok = 1;
out:
	buf_free(&b);
	if (!ok) {
		hist_merge_free(m);
		return NULL;
	}
	return m;
}

struct hist_merge *
hist_merge_load(const char *file, struct diag *d)
{
	struct hist_merge *m;
	struct buf	 b = BUF_INIT;

	if (fs_read(file, HM_MAX, &b) == -1) {
		diag_err(d, file, 0, 0, "không đọc được bản kê nguồn gộp: %s",
		    err_text(errno));
		buf_free(&b);
		return NULL;
	}
	m = hist_merge_parse(b.data != NULL ? b.data : "", b.len, file, d);
	buf_free(&b);
	return m;
}

int
hist_merge_head(struct hist_merge *m, struct hist_head *out)
{
	struct hist_head hh;
	struct hasher	 h;
	size_t		 i;
	int		 rc = 0;

	memset(out, 0, sizeof(*out));
	hasher_init(&h);
	hasher_u64(&h, m->hash);
	out->available = 1;
	for (i = 0; i < m->nroots; i++) {
		if (history_head(m->roots[i], NULL, &hh) == -1)
			rc = -1;
		m->avail[i] = hh.available;
		out->available &= hh.available;
		out->shallow |= hh.shallow;
		hasher_u64(&h, (uint64_t)hh.available | (uint64_t)hh.shallow << 1);
		hasher_str(&h, hh.tip);
		hasher_str(&h, hh.branch);
		hasher_str(&h, hh.prefix);
		history_head_free(&hh);
	}
	hash_hex(hasher_done(&h), out->tip);
	return rc;
}

/* The merged tree's path for a source's path, or NULL (not built). */
static const char *
merged_path(const struct hist_merge *m, size_t src, const char *orig)
{
	struct hm_page	 key, *kp = &key, **hit;

	if (orig == NULL)
		return NULL;
	key.src = src;
	key.orig = (char *)(uintptr_t)orig;
	if (m->npages == 0)
		return NULL;
	hit = bsearch(&kp, m->byorig, m->npages, sizeof(*m->byorig),
	    orig_cmp);
	return hit != NULL ? (*hit)->path : NULL;
}

/* An event of one source's log, for the merged order. */
struct hm_ev {
	long long	 time;
	size_t		 src, idx;
};

/* Newest first; then the sources' order, then each log's own order. */
static int
ev_cmp(const void *a, const void *b)
{
	const struct hm_ev *x = a, *y = b;

	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Source i's history, cached below cache_dir by its folder's name. */
static int
read_source(const struct hist_merge *m, size_t i, const char *cache_dir,
    struct history *h, struct diag *d)
{
	char	 hex[17], *c = NULL, *sub;
	int	 rc;

	if (cache_dir != NULL) {
		hash_hex(hash64(m->roots[i], strlen(m->roots[i]), 0), hex);
		sub = xasprintf("merge-%s", hex);
		c = fs_join(cache_dir, sub);
		free(sub);
		if (fs_mkdirs(c) == -1) {
			free(c);
			c = NULL;	/* no cache: still right */
		}
	}
	rc = history_read(m->roots[i], NULL, c, h, d);
	free(c);
	return rc;
}

/*
 * out->log: every source's events, newest first, with the tree's paths
 * (the strings in out's pool).  pos[off[src] + idx] is then where the
 * source's event idx went.  off[] holds each source's first place.
 */
static void
merge_log(const struct hist_merge *m, const struct history *parts,
    const size_t *off, size_t n, struct history *out, size_t *pos)
{
	struct hist_priv *pv = out->priv;
	struct hm_ev	*ord;
	size_t		 i, k;
	const char	*p;

	ord = xcalloc(n ? n : 1, sizeof(*ord));
	for (i = 0; i < m->nroots; i++)
		for (k = 0; k < parts[i].nlog; k++)
			ord[off[i] + k] = (struct hm_ev){ parts[i].log[k].time,
			    i, k };
	qsort(ord, n, sizeof(*ord), ev_cmp);
	out->log = xcalloc(n ? n : 1, sizeof(*out->log));
	out->nlog = n;
	for (i = 0; i < n; i++) {
		const struct hist_event *e = &parts[ord[i].src].log[ord[i].idx];
		struct hist_event *o = &out->log[i];

		pos[off[ord[i].src] + ord[i].idx] = i;
		*o = *e;
		if ((p = merged_path(m, ord[i].src, e->path)) != NULL)
			o->path = hist_pool_strn(&pv->pool, p, strlen(p));
		if ((p = merged_path(m, ord[i].src, e->old_path)) != NULL)
			o->old_path = hist_pool_strn(&pv->pool, p, strlen(p));
	}
	free(ord);
}

/* out->files: the tree's pages in its order, each with its own events. */
static void
merge_files(const struct hist_merge *m, const struct history *parts,
    const size_t *off, const size_t *pos, struct history *out)
{
	struct hist_priv *pv = out->priv;
	const struct hist_file *f;
	size_t		 i, k, used = 0, nev = 0;

	out->files = xcalloc(m->npages ? m->npages : 1, sizeof(*out->files));
	for (i = 0; i < m->npages; i++)
		if (parts[m->pages[i].src].available && (f = history_find(
		    &parts[m->pages[i].src], m->pages[i].orig)) != NULL)
			nev += f->nevents;
	pv->evptrs = xcalloc(nev ? nev : 1, sizeof(*pv->evptrs));
	for (i = 0; i < m->npages; i++) {
		const struct hm_page *pg = &m->pages[i];
		struct hist_file *o;

		if (!parts[pg->src].available ||
		    (f = history_find(&parts[pg->src], pg->orig)) == NULL)
			continue;
		o = &out->files[out->nfiles++];
		o->path = hist_pool_strn(&pv->pool, pg->path, strlen(pg->path));
		o->events = pv->evptrs + used;
		o->nevents = f->nevents;
		used += f->nevents;
		for (k = 0; k < f->nevents; k++)
			o->events[k] = &out->log[pos[off[pg->src] +
			    (size_t)(f->events[k] - parts[pg->src].log)]];
	}
}

int
hist_merge_read(const struct hist_merge *m, const char *cache_dir,
    struct history *out, struct diag *d)
{
	struct history	*parts;
	struct hist_priv *pv;
	size_t		*off, *pos = NULL, i, n = 0;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	parts = xcalloc(m->nroots, sizeof(*parts));
	off = xcalloc(m->nroots + 1, sizeof(*off));
	pv = xcalloc(1, sizeof(*pv));
	pv->parts = parts;
	pv->nparts = m->nroots;
	out->priv = pv;
	for (i = 0; i < m->nroots; i++) {
		if (read_source(m, i, cache_dir, &parts[i], d) == -1)
			goto out;
		out->available |= parts[i].available;
		out->shallow |= parts[i].shallow;
		out->walked += parts[i].walked;
		off[i] = n;
		n += parts[i].nlog;
	}
	off[m->nroots] = n;
	out->prefix = xstrdup("");
	pos = xcalloc(n ? n : 1, sizeof(*pos));
	merge_log(m, parts, off, n, out, pos);
	merge_files(m, parts, off, pos, out);
	rc = 0;
out:
	free(pos);
	free(off);
	if (rc == -1)
		history_free(out);
	return rc;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
hist_merge_status(const struct hist_merge *m, struct history *out,
    struct diag *d)
{
	struct history	 st;
	const char	*p;
	size_t		 i, k, cap = 0;
	int		 rc = 0;

	for (i = 0; i < m->nroots; i++) {
		if (!m->avail[i])
			continue;
		memset(&st, 0, sizeof(st));
		st.available = 1;
		if (history_status(m->roots[i], &st, d) == -1)
			rc = -1;
		out->dirty |= st.dirty;
		for (k = 0; k < st.nuncommitted; k++)
			if ((p = merged_path(m, i, st.uncommitted[k])) != NULL) {
				ARRAY_GROW(out->uncommitted, out->nuncommitted,
				    cap, 8);
				out->uncommitted[out->nuncommitted++] =
				    xstrdup(p);
			}
		history_free(&st);
	}
	if (out->nuncommitted > 1)
		qsort(out->uncommitted, out->nuncommitted, sizeof(char *),
		    str_cmp);
	return rc;
}

const char *
hist_merge_url(const struct hist_merge *m, const char *path)
{
	struct hm_page	 key, *hit;

	if (m->npages == 0)
		return NULL;
	key.path = (char *)(uintptr_t)path;
	hit = bsearch(&key, m->pages, m->npages, sizeof(*m->pages), page_cmp);
	return hit != NULL ? hit->url : NULL;
}
