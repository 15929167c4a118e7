/*
 * portal_merge.c - a merged department's sources put together into one
 * tree, collisions resolved and listed (portal_merge.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "errtext.h"
#include "frontmatter.h"
#include "fs.h"
#include "hash.h"
#include "model.h"
#include "parse.h"
#include "portal_config.h"
#include "portal_merge.h"
#include "scan.h"
#include "source.h"
#include "util.h"
#include "value.h"

#define PM_SITE_MAX	((size_t)1 << 20)

/* What a tree takes of its sources (themes/: the first one's only). */
static const char *const pm_dirs[] = { "content", "plans", "themes" };

/* A string -> index table (open addressing), for paths, URLs and codes. */
struct pm_set {
	const char	**key;
	size_t		 *val;
	size_t		  cap, n;
};

static size_t *
set_slot(struct pm_set *s, const char *k, int add)
{
	size_t	 i, m;

	if (add && (s->n + 1) * 2 > s->cap) {
		struct pm_set big = { NULL, NULL, s->cap ? s->cap * 2 : 64, 0 };

		big.key = xcalloc(big.cap, sizeof(*big.key));
		big.val = xcalloc(big.cap, sizeof(*big.val));
		for (i = 0; i < s->cap; i++)
			if (s->key[i] != NULL)
				*set_slot(&big, s->key[i], 1) = s->val[i];
		free(s->key);
		free(s->val);
		*s = big;
	}
	if (s->cap == 0)
		return NULL;
	m = s->cap - 1;
	for (i = (size_t)hash64(k, strlen(k), 0) & m; s->key[i] != NULL;
	    i = (i + 1) & m)
		if (strcmp(s->key[i], k) == 0)
			return &s->val[i];
	if (!add)
		return NULL;
	s->key[i] = k;
	s->n++;
	return &s->val[i];
}

static void
set_free(struct pm_set *s)
{
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof(*s));
}

/* One file of the merged tree. */
struct pm_file {
	char		*rel;		/* in the tree */
	char		*from;		/* absolute path of the source's file */
	size_t		 src;
	char		*orig;		/* in its source */
	char		*url;		/* a page's URL, or NULL */
	int		 page;		/* an .md under content/ or plans/ */
	int		 changed;	/* url is not the one the build makes */
};

struct pm_ctx {
	const struct portal_dept *pd;
	struct portal_merge *m;
	struct diag	*d;
	struct pm_file	*f;
	size_t		 nf, fcap, cconf, cmoves;
	struct pm_set	 paths;		/* rel -> index in f */
	struct pm_set	 urls;		/* URL -> source + 1 (strings owned
					   by moves or f) */
	struct pm_set	 codes;		/* code -> index in f */
	char		**codestr;	/* the codes' own copies */
	size_t		 ncodes, codecap;
};

static void
add_conflict(struct pm_ctx *c, enum pm_kind k, size_t src, const char *path,
    size_t keep_src, const char *keep_path, const char *what, const char *now)
{
	struct portal_merge *m = c->m;
	struct pm_conflict *x;

	ARRAY_GROW(m->conf, m->nconf, c->cconf, 8);
	x = &m->conf[m->nconf++];
	x->kind = k;
	x->src = src;
	x->path = xstrdup(path);
	x->keep_src = keep_src;
	x->keep_path = xstrdup(keep_path);
	x->what = xstrdup(what);
	x->now = now != NULL ? xstrdup(now) : NULL;
}

static void
add_move(struct pm_ctx *c, size_t src, const char *old_url,
    const char *new_url)
{
	struct portal_merge *m = c->m;

	ARRAY_GROW(m->moves, m->nmoves, c->cmoves, 64);
	m->moves[m->nmoves].src = src;
	m->moves[m->nmoves].old_url = xstrdup(old_url);
	m->moves[m->nmoves++].new_url = xstrdup(new_url);
}

static struct pm_file *
add_file(struct pm_ctx *c, char *rel, const char *root, size_t src,
    const char *orig)
{
	struct pm_file *f;

	ARRAY_GROW(c->f, c->nf, c->fcap, 64);
	f = &c->f[c->nf];
	memset(f, 0, sizeof(*f));
	f->rel = rel;
	f->from = fs_join(root, orig);
	f->src = src;
	f->orig = xstrdup(orig);
	*set_slot(&c->paths, f->rel, 1) = c->nf++;
	return f;
}

/* "a/b.md" with "-tag" before ".md" (n > 1: "-tag-n"). */
static char *
tagged_path(const char *p, const char *tag, int n)
{
	size_t	 k = strlen(p) - 3;

	if (n > 1)
		return xasprintf("%.*s-%s-%d.md", (int)k, p, tag, n);
	return xasprintf("%.*s-%s.md", (int)k, p, tag);
}

/* "tin-tuc/x/" with "-tag" at the end of its last part. */
static char *
tagged_url(const char *u, const char *tag, int n)
{
	size_t	 k = strlen(u);

	if (k > 0 && u[k - 1] == '/')
		k--;
	if (n > 1)
		return xasprintf("%.*s-%s-%d/", (int)k, u, tag, n);
	return xasprintf("%.*s-%s/", (int)k, u, tag);
}

static int
same_bytes(const char *a, const char *b)
{
	struct buf	 x = BUF_INIT, y = BUF_INIT;
	int		 same;

	same = fs_read(a, (size_t)1 << 30, &x) == 0 &&
	    fs_read(b, (size_t)1 << 30, &y) == 0 && x.len == y.len &&
	    (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
	buf_free(&x);
	buf_free(&y);
	return same;
}

/* A page's slug and code from its front matter (NULL: none, or the
   front matter is broken, which the build will say). */
static void
page_fields(struct source *src, const char *path, char **slug, char **code)
{
	struct buf	 b = BUF_INIT;
	struct diag	 quiet;
	struct val	*meta = NULL;
	size_t		 off;
	int		 line;
	const char	*s;

	*slug = *code = NULL;
	diag_init(&quiet);
	if (source_read(src, path, PARSE_MAX_FILE, &b) == 0 &&
	    fm_split(path, b.data != NULL ? b.data : "", b.len, &meta, &off,
	    &line, &quiet) == 0) {
		if ((s = fm_str(meta, "slug")) != NULL)
			*slug = xstrdup(s);
		if ((s = fm_str(meta, "code")) != NULL && *s != '\0')
			*code = xstrdup(s);
	}
	val_unref(meta);
	diag_free(&quiet);
	buf_free(&b);
}

/* One page (.md under content/ or plans/) of source i. */
static void
take_page(struct pm_ctx *c, size_t i, struct source *src, const char *root,
    const char *path)
{
	const char	*tag = c->pd->src[i].former;
	char		*slug, *code, *rel, *url, *old, *u;
	size_t		*hit;
	int		 n, changed = 0;

	page_fields(src, path, &slug, &code);
	old = parse_url(path, slug);
	/* One procedure in two sources: the first one stays. */
	if (code != NULL && parse_kind(path) == PAGE_PROCEDURE &&
	    (hit = set_slot(&c->codes, code, 0)) != NULL &&
	    c->f[*hit].src != i) {
		const struct pm_file *kf = &c->f[*hit];

		add_conflict(c, PM_CODE, i, path, kf->src, kf->orig, code,
		    kf->url);
		if (old != NULL && kf->url != NULL)
			add_move(c, i, old, kf->url);
		goto out;
	}
	/* One path: the later file takes its source's name. */
	rel = xstrdup(path);
	for (n = 1; set_slot(&c->paths, rel, 0) != NULL; n++) {
		free(rel);
		rel = tagged_path(path, tag, n);
	}
	if (strcmp(rel, path) != 0) {
		hit = set_slot(&c->paths, path, 0);
		add_conflict(c, PM_PATH, i, path, c->f[*hit].src,
		    c->f[*hit].orig, path, rel);
	}
	url = parse_url(rel, slug);
	/* One URL: the later page's gets its source's name. */
	if (url != NULL && (hit = set_slot(&c->urls, url, 0)) != NULL &&
	    c->f[*hit].src != i) {
		const struct pm_file *kf = &c->f[*hit];

		u = NULL;
		for (n = 1; u == NULL || set_slot(&c->urls, u, 0) != NULL;
		    n++) {
			free(u);
			u = tagged_url(url, tag, n);
		}
		add_conflict(c, PM_URL, i, path, kf->src, kf->orig, url, u);
		free(url);
		url = u;
		changed = 1;
	}
	{
		struct pm_file *f = add_file(c, rel, root, i, path);

		f->page = 1;
		f->changed = changed;
		if (url != NULL) {
			f->url = url;
			if (set_slot(&c->urls, f->url, 0) == NULL)
				*set_slot(&c->urls, f->url, 1) = c->nf - 1;
			if (old != NULL)
				add_move(c, i, old, f->url);
		}
		if (code != NULL && parse_kind(path) == PAGE_PROCEDURE &&
		    set_slot(&c->codes, code, 0) == NULL) {
			ARRAY_GROW(c->codestr, c->ncodes, c->codecap, 8);
			c->codestr[c->ncodes] = code;
			*set_slot(&c->codes, c->codestr[c->ncodes++], 1) =
			    c->nf - 1;
			code = NULL;
		}
	}
out:
	free(old);
	free(slug);
	free(code);
}

/* Another file (an image, an attachment) of source i. */
static void
take_file(struct pm_ctx *c, size_t i, const char *root, const char *path)
{
	size_t	*hit;
	char	*from;

	if ((hit = set_slot(&c->paths, path, 0)) != NULL) {
		from = fs_join(root, path);
		if (!same_bytes(from, c->f[*hit].from))
			add_conflict(c, PM_FILE, i, path, c->f[*hit].src,
			    c->f[*hit].orig, path, NULL);
		free(from);
		return;
	}
	add_file(c, xstrdup(path), root, i, path);
}

/* site.yaml of the first source, with the department's name and no
   repo_url (top-level keys, with their indented lines). */
static void
site_yaml(const struct portal_dept *pd, struct buf *out)
{
	struct buf	 b = BUF_INIT;
	char		*path = fs_join(pd->src[0].abs, "site.yaml");
	const char	*p, *e, *end;
	int		 drop = 0;

	if (fs_read(path, PM_SITE_MAX, &b) == 0 && b.len > 0) {
		end = b.data + b.len;
		for (p = b.data; p < end; p = e) {
			e = memchr(p, '\n', (size_t)(end - p));
			e = e != NULL ? e + 1 : end;
			if (*p != ' ' && *p != '\t' && *p != '#' && *p != '\n')
				drop = strncmp(p, "department:", 11) == 0 ||
				    strncmp(p, "department :", 12) == 0 ||
				    strncmp(p, "repo_url:", 9) == 0;
			if (!drop)
				buf_put(out, p, (size_t)(e - p));
		}
		if (out->len > 0 && out->data[out->len - 1] != '\n')
			buf_putc(out, '\n');
	}
	buf_puts(out, "department: ");
	yaml_quote(out, pd->name, strlen(pd->name));
	buf_putc(out, '\n');
	buf_free(&b);
	free(path);
}

/* The source's site.yaml base_url, as config_base_url gives it. */
static char *
own_url(const char *root)
{
	struct buf	 b = BUF_INIT;
	struct diag	 quiet;
	struct val	*map = NULL;
	const char	*s, *why;
	char		*path = fs_join(root, "site.yaml"), *url = NULL, *bp;

	diag_init(&quiet);
	if (fs_read(path, PM_SITE_MAX, &b) == 0 &&
	    (map = yaml_parse_map(path, b.data != NULL ? b.data : "", b.len, 1,
	    &quiet)) != NULL && (s = fm_str(map, "base_url")) != NULL) {
		url = config_base_url(s, &bp, &why);
		free(bp);
	}
	val_unref(map);
	diag_free(&quiet);
	buf_free(&b);
	free(path);
	return url;
}

static int
rel_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pm_file *)a)->rel,
	    ((const struct pm_file *)b)->rel);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files the tree has now (what the sources' folders give it). */
static void
list_tree(const char *tree, struct strlist *out)
{
	struct source	*src = NULL;
	struct diag	 quiet;
	size_t		 k;

	diag_init(&quiet);
	if (source_open(&src, tree, NULL, &quiet) == 0)
		for (k = 0; k < 3; k++)
			(void)source_list(src, pm_dirs[k], NULL, 1, out,
			    &quiet);
	source_free(src);
	diag_free(&quiet);
}

/* The tree as c->f says (and site.yaml): links made or mended, files
   that are no longer there removed. */
static int
sync_tree(struct pm_ctx *c, const char *tree, const struct buf *site)
{
	struct strlist	 have = { NULL, 0, 0 };
	struct pm_file	 key;
	struct stat	 a, b;
	char		*dst, *dir;
	size_t		 i;
	int		 rc = 0;

	if (fs_mkdirs(tree) == -1) {
		diag_err(c->d, tree, 0, 0, "không tạo được thư mục ghép nguồn "
		    "của %s: %s", c->pd->name, err_text(errno));
		return -1;
	}
	list_tree(tree, &have);
	for (i = 0; i < have.len; i++) {
		key.rel = have.v[i];
		if (strcmp(have.v[i], "site.yaml") == 0 ||
		    (c->nf > 0 && bsearch(&key, c->f, c->nf, sizeof(*c->f),
		    rel_cmp) != NULL))
			continue;
		dst = fs_join(tree, have.v[i]);
		(void)unlink(dst);
		free(dst);
	}
	strlist_free(&have);
	for (i = 0; i < c->nf && rc == 0; i++) {
		const struct pm_file *f = &c->f[i];

		dst = fs_join(tree, f->rel);
		if (stat(f->from, &a) == 0 && lstat(dst, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			free(dst);
			continue;
		}
		(void)unlink(dst);
		dir = strrchr(dst, '/');
		*dir = '\0';
		if (fs_mkdirs(dst) == -1)
			rc = -1;
		*dir = '/';
		if (rc == 0 && link(f->from, dst) == -1) {
			struct buf bytes = BUF_INIT;

			/* Another file system, or links refused: a copy. */
			if (fs_read(f->from, (size_t)1 << 30, &bytes) == -1 ||
			    fs_write(dst, bytes.data != NULL ? bytes.data : "",
			    bytes.len) == -1)
				rc = -1;
			buf_free(&bytes);
		}
		if (rc == -1)
			diag_err(c->d, f->from, 0, 0, "không đưa được tệp này "
			    "vào cây nguồn ghép của %s (%s): %s", c->pd->name,
			    dst, err_text(errno));
		free(dst);
	}
	if (rc == 0) {
		struct buf old = BUF_INIT;

		dst = fs_join(tree, "site.yaml");
		if ((fs_read(dst, PM_SITE_MAX, &old) == -1 ||
		    old.len != site->len ||
		    memcmp(old.data, site->data, site->len) != 0) &&
		    fs_replace(dst, site->data, site->len) == -1) {
			diag_err(c->d, dst, 0, 0, "không ghi được: %s",
			    err_text(errno));
			rc = -1;
		}
		buf_free(&old);
		free(dst);
	}
	return rc;
}

static int
has_tab(const char *s)
{
	return strpbrk(s, "\t\n\r") != NULL;
}

/* Every file of source i taken (pages, other files), in path order. */
static int
take_source(struct pm_ctx *c, size_t i)
{
	const struct portal_dept *pd = c->pd;
	struct strlist	 files;
	struct source	*src = NULL;
	size_t		 k;
	int		 rc = -1;

	memset(&files, 0, sizeof(files));
	if (source_open(&src, pd->src[i].abs, NULL, c->d) == -1)
		goto out;
	for (k = 0; k < 3; k++)
		/* The theme: the first source's only. */
		if ((k < 2 || i == 0) && source_list(src, pm_dirs[k], NULL, 1,
		    &files, c->d) == -1)
			goto out;
	if (files.len > 1)
		qsort(files.v, files.len, sizeof(*files.v), str_cmp);
	for (k = 0; k < files.len; k++) {
		const char *f = files.v[k];

		if (has_tab(f)) {
			diag_err(c->d, f, 0, 0, "%s: tên tệp có ký tự tab hoặc "
			    "xuống dòng, không ghép được; đổi tên tệp trong %s",
			    pd->name, pd->src[i].path);
			goto out;
		}
		if (str_has_suffix(f, ".md") && !str_has_prefix(f, "themes/"))
			take_page(c, i, src, pd->src[i].abs, f);
		else
			take_file(c, i, pd->src[i].abs, f);
	}
	rc = 0;
out:
	strlist_free(&files);
	source_free(src);
	return rc;
}

/* The manifest (hist_merge.h), written when its bytes changed. */
static int
write_manifest(const struct pm_ctx *c)
{
	const struct portal_dept *pd = c->pd;
	struct buf	 man = BUF_INIT, old = BUF_INIT;
	const char	*file = c->m->manifest;
	char		*real;
	size_t		 i;
	int		 rc = -1;

	buf_puts(&man, "cchc-merge 1\n");
	for (i = 0; i < pd->nsrc; i++) {
		if ((real = realpath(pd->src[i].abs, NULL)) == NULL ||
		    has_tab(real)) {
			diag_err(c->d, pd->src[i].abs, 0, 0, "%s: không dùng "
			    "được thư mục nguồn này: %s", pd->name, real ==
			    NULL ? err_text(errno) : "tên có ký tự tab hoặc "
			    "xuống dòng");
			free(real);
			goto out;
		}
		buf_printf(&man, "source\t%s\n", real);
		free(real);
	}
	for (i = 0; i < c->nf; i++)
		if (c->f[i].page)
			buf_printf(&man, "page\t%zu\t%s\t%s\t%s\n", c->f[i].src,
			    c->f[i].rel, c->f[i].orig, c->f[i].changed ?
			    c->f[i].url : "-");
	c->m->manifest_hash = hash64(man.data, man.len, 0);
	if ((fs_read(file, (size_t)1 << 30, &old) == -1 ||
	    old.len != man.len || memcmp(old.data, man.data, man.len) != 0) &&
	    fs_replace(file, man.data, man.len) == -1) {
		diag_err(c->d, file, 0, 0, "không ghi được bản kê nguồn gộp "
		    "của %s: %s", pd->name, err_text(errno));
		goto out;
	}
	rc = 0;
out:
	buf_free(&man);
	buf_free(&old);
	return rc;
}

int
portal_merge_prepare(const struct portal_dept *pd, const char *tree,
    struct portal_merge *m, struct diag *d)
{
	struct pm_ctx	 c;
	struct buf	 site = BUF_INIT;
	size_t		 i;
	int		 rc = -1;

	memset(m, 0, sizeof(*m));
	memset(&c, 0, sizeof(c));
	c.pd = pd;
	c.m = m;
	c.d = d;
	m->tree = xstrdup(tree);
	m->manifest = xasprintf("%s.txt", tree);
	m->own_url = xcalloc(pd->nsrc ? pd->nsrc : 1, sizeof(*m->own_url));
	m->nsrc = pd->nsrc;
	for (i = 0; i < pd->nsrc; i++)
		m->own_url[i] = own_url(pd->src[i].abs);
	for (i = 0; i < pd->nsrc; i++)
		if (take_source(&c, i) == -1)
			goto out;
	if (c.nf > 1)
		qsort(c.f, c.nf, sizeof(*c.f), rel_cmp);
	site_yaml(pd, &site);
	if (sync_tree(&c, tree, &site) == -1)
		goto out;
	m->where = xcalloc(c.nf ? c.nf : 1, sizeof(*m->where));
	for (i = 0; i < c.nf; i++) {
		m->where[i].rel = xstrdup(c.f[i].rel);
		m->where[i].shown = fs_join(pd->src[c.f[i].src].path,
		    c.f[i].orig);
	}
	m->nwhere = c.nf;
	if (write_manifest(&c) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; i < c.nf; i++) {
		free(c.f[i].rel);
		free(c.f[i].from);
		free(c.f[i].orig);
		free(c.f[i].url);
	}
	free(c.f);
	for (i = 0; i < c.ncodes; i++)
		free(c.codestr[i]);
	free(c.codestr);
	set_free(&c.paths);
	set_free(&c.urls);
	set_free(&c.codes);
	buf_free(&site);
	return rc;
}

static int
where_cmp(const void *key, const void *w)
{
	return strcmp(key, ((const struct pm_where *)w)->rel);
}

void
portal_merge_messages(const struct portal_merge *m, const char *log,
    size_t len, struct buf *out)
{
	const char		*p = log, *end = log + len, *e, *colon;
	const struct pm_where	*w;
	char			*rel;

	for (; p < end; p = e) {
		e = memchr(p, '\n', (size_t)(end - p));
		e = e != NULL ? e + 1 : end;
		colon = memchr(p, ':', (size_t)(e - p));
		w = NULL;
		if (colon != NULL && m->nwhere > 0) {
			rel = xstrndup(p, (size_t)(colon - p));
			w = bsearch(rel, m->where, m->nwhere,
			    sizeof(*m->where), where_cmp);
			free(rel);
		}
		if (w != NULL) {
			buf_puts(out, w->shown);
			buf_put(out, colon, (size_t)(e - colon));
		} else
			buf_put(out, p, (size_t)(e - p));
	}
}

void
portal_merge_free(struct portal_merge *m)
{
	size_t	 i;

	for (i = 0; i < m->nwhere; i++) {
		free(m->where[i].rel);
		free(m->where[i].shown);
	}
	free(m->where);
	for (i = 0; i < m->nconf; i++) {
		free(m->conf[i].path);
		free(m->conf[i].keep_path);
		free(m->conf[i].what);
		free(m->conf[i].now);
	}
	for (i = 0; i < m->nmoves; i++) {
		free(m->moves[i].old_url);
		free(m->moves[i].new_url);
	}
	for (i = 0; i < m->nsrc; i++)
		free(m->own_url[i]);
	free(m->own_url);
	free(m->conf);
	free(m->moves);
	free(m->tree);
	free(m->manifest);
	memset(m, 0, sizeof(*m));
}
