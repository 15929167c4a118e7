/*
 * links.c - links written in pages to URLs and assets, plan numbers to
 * cross-references; see links.h.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "links.h"
#include "model.h"
#include "plans.h"
#include "routes.h"
#include "source.h"
#include "url.h"
#include "util.h"
#include "value.h"

static void
add_asset(struct page *p, const char *src, const char *dest)
{
	size_t	 i;

	for (i = 0; i < p->nassets; i++)
		if (strcmp(p->assets[i].dest, dest) == 0)
			return;
	ARRAY_GROW(p->assets, p->nassets, p->assets_cap, 4);
	p->assets[p->nassets].src = xstrdup(src);
	p->assets[p->nassets].dest = xstrdup(dest);
	p->nassets++;
}

/* Page p links to t (the same page once however often). */
static void
add_link(struct page *p, struct page *t)
{
	size_t	 i;

	for (i = 0; i < p->nlinks; i++)
		if (p->links[i] == t)
			return;
	ARRAY_GROW(p->links, p->nlinks, p->links_cap, 4);
	p->links[p->nlinks++] = t;
}

static const char *
asset_src_for(const struct page *p, const char *dest)
{
	size_t	 i;

	for (i = 0; i < p->nassets; i++)
		if (strcmp(p->assets[i].dest, dest) == 0)
			return p->assets[i].src;
	return NULL;
}

/*
 * The link resolver given to md_render (and used for front matter
 * images): see the rules in README.md, "Liên kết".
 */
int
links_resolve(void *arg, const char *dest, int is_image, int line, int col,
    struct buf *out, struct diag *d)
{
	struct links		*r = arg;
	struct page		*p = r->page, *t;
	const char		*suffix, *base, *other;
	char			*path, *joined = NULL, *norm = NULL;
	char			*adest = NULL;
	size_t			 plen;
	int			 rc = -1;

	plen = strcspn(dest, "?#");
	suffix = dest + plen;
	path = url_pct_decode(dest, plen);
	if (*path == '/') {
		/* Root-relative: the section root, wherever it is deployed. */
		buf_printf(out, "%s%s%s", r->root, path + 1, suffix);
		rc = 0;
		goto out;
	}
	if (*path == '\0') {
		buf_puts(out, dest);
		rc = 0;
		goto out;
	}
	joined = fs_join(r->dir, path);
	norm = fs_normalize(joined);
	if (norm == NULL || (!str_has_prefix(norm, "content/") &&
	    !str_has_prefix(norm, "plans/"))) {
		diag_err(d, p->src, line, col, "đường dẫn “%s” trỏ ra ngoài "
		    "content/ và plans/; chỉ được liên kết tới tệp nằm trong "
		    "hai thư mục này", dest);
		goto out;
	}
	if (str_has_suffix(norm, ".md")) {
		if ((t = model_find_src(r->site, norm)) == NULL) {
			diag_err(d, p->src, line, col, "liên kết tới trang "
			    "không tồn tại “%s” (tìm %s); sửa lại đường dẫn "
			    "hoặc tạo trang đó", dest, norm);
			goto out;
		}
		if (t->failed || t->url == NULL) {
			/* Its own error is reported; keep the link as is. */
			buf_puts(out, dest);
			rc = 0;
			goto out;
		}
		if (t->skip)
			diag_warn(d, p->src, line, col, "liên kết tới “%s”, "
			    "trang này %s nên liên kết sẽ chưa mở được", dest,
			    t->draft ? "là bản nháp (draft: true)" :
			    "chưa đến ngày đăng");
		buf_printf(out, "%s%s%s", r->root, t->url, suffix);
		add_link(p, t);
		rc = 0;
		goto out;
	}
	if (!source_is_file(r->src, norm)) {
		diag_err(d, p->src, line, col, "không tìm thấy tệp “%s” (tìm "
		    "%s)%s; kiểm tra tên tệp, chữ hoa chữ thường và thư mục",
		    dest, norm, is_image ? " cho ảnh" : "");
		goto out;
	}
	base = strrchr(norm, '/') + 1;
	adest = route_asset(p->url, base);
	if ((other = asset_src_for(p, adest)) != NULL &&
	    strcmp(other, norm) != 0) {
		diag_err(d, p->src, line, col, "hai tệp khác nhau cùng tên "
		    "“%s” (%s và %s) được chép cạnh trang; đổi tên một tệp",
		    base, other, norm);
		goto out;
	}
	add_asset(p, norm, adest);
	buf_printf(out, "%s%s", base, suffix);
	rc = 0;
out:
	free(path);
	free(joined);
	free(norm);
	free(adest);
	return rc;
}

void
links_init(struct links *r, const struct site *s, struct source *src,
    struct page *p)
{
	r->site = s;
	r->src = src;
	r->page = p;
	r->dir = fs_dirname(p->src);
	r->root = model_root_prefix(p->url);
}

void
links_free(struct links *r)
{
	free(r->dir);
	free(r->root);
	r->dir = r->root = NULL;
}

int
links_resolve_one(const struct site *s, struct source *src, struct page *p,
    const char *dest, int is_image, int line, int col, struct buf *out)
{
	struct links	 r;
	int		 rc;

	links_init(&r, s, src, p);
	rc = links_resolve(&r, dest, is_image, line, col, out, &p->diag);
	links_free(&r);
	return rc;
}

/*
 * Cross-references: a plan's number in any page's text links to the
 * plan, and the page is remembered as citing it (only this page's own
 * state is written: pages render in parallel).
 */
int
links_xref(void *arg, const char *number, struct buf *out)
{
	struct links	*r = arg;
	struct page	*t = plans_find(r->site, number);
	size_t		 i;

	if (t == NULL || t == r->page || t->failed || t->url == NULL ||
	    val_get_str(val_map_get(t->meta, "number")) == NULL ||
	    strcmp(val_get_str(val_map_get(t->meta, "number")), number) != 0)
		return 0;
	buf_printf(out, "%s%s", r->root, t->url);
	for (i = 0; i < r->page->ncites && r->page->cites[i] != t; i++)
		;
	if (i == r->page->ncites) {
		ARRAY_GROW(r->page->cites, r->page->ncites,
		    r->page->cites_cap, 4);
		r->page->cites[r->page->ncites++] = t;
	}
	return 1;
}
