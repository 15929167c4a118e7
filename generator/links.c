/*
 * links.c - links written in pages to URLs and assets, plan numbers to
 * cross-references; see links.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "images.h"
#include "links.h"
#include "markdown.h"
#include "model.h"
#include "plans.h"
#include "routes.h"
#include "scan.h"
#include "slug.h"
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

/* The page uses image im (each once): its HTML depends on the image. */
static void
add_image(struct page *p, struct image *im)
{
	size_t	 i;

	for (i = 0; i < p->nimages; i++)
		if (p->images[i] == im)
			return;
	ARRAY_GROW(p->images, p->nimages, p->images_cap, 4);
	p->images[p->nimages++] = im;
}

/* "C:\Users\..." or "anh\a.jpg": a path on the editor's own computer. */
static int
windows_path(const char *s)
{
	return url_is_drive_path(s) || strchr(s, '\\') != NULL;
}

/*
 * The fix shown for a Windows path is the line written with the file's
 * own name (the front matter's "image: anh.jpg" for a cover).
 */
static void
windows_path_err(const struct links *r, const char *dest, const char *path,
    int is_image, int line, int col, struct diag *d)
{
	const char	*name, *s;
	int		 sp;

	for (name = s = path; *s != '\0'; s++)
		if (*s == '\\' || *s == '/' || (*s == ':' && s == path + 1))
			name = s + 1;
	if (*name == '\0')
		name = is_image ? "ten-tep.jpg" : "ten-tep.pdf";
	sp = strchr(name, ' ') != NULL;	/* the name needs <...> */
	if (r->cover)
		diag_err(d, r->page->src, line, col, "“%s” là đường dẫn trên "
		    "máy tính của người soạn, trang web không mở được; hãy "
		    "chép tệp vào cùng thư mục với bài viết và chỉ ghi tên "
		    "tệp, ví dụ image: %s", dest, name);
	else
		diag_err(d, r->page->src, line, col, "“%s” là đường dẫn trên "
		    "máy tính của người soạn, trang web không mở được; hãy "
		    "chép tệp vào cùng thư mục với bài viết và chỉ ghi tên "
		    "tệp, ví dụ %s(%s%s%s)", dest, is_image ? "![mô tả]" :
		    "[tên]", sp ? "<" : "", name, sp ? ">" : "");
}

/*
 * A file not found as written: the one spelt the same but for case (or
 * in another Unicode normalisation, NFD as macOS writes names): 1 and
 * *found (borrowed from the scan) when the difference is only the
 * normalisation, which is accepted; 2 when it is the case, an error
 * naming the file; 0 when there is no such file.  Linear in the files,
 * but only for a name that is not found.
 */
static int
spelt_otherwise(const struct site *s, const char *norm, const char **found)
{
	char	*want, *nfc, *fw, *ff;
	size_t	 i;
	int	 rc = 0;

	if (s->files == NULL)
		return 0;
	want = utf8_nfc(norm, strlen(norm));
	fw = slug_fold(want, strlen(want));
	for (i = 0; i < s->files->len && rc != 1; i++) {
		nfc = utf8_nfc(s->files->v[i], strlen(s->files->v[i]));
		if (strcmp(nfc, want) == 0) {
			*found = s->files->v[i];
			rc = 1;
		} else if (rc == 0) {
			ff = slug_fold(nfc, strlen(nfc));
			if (strcmp(ff, fw) == 0 && strcasecmp(nfc, want) == 0) {
				*found = s->files->v[i];
				rc = 2;
			}
			free(ff);
		}
		free(nfc);
	}
	free(fw);
	free(want);
	return rc;
}

/* "PDF, 1,2 MB": what a linked file is, for the reader on a phone. */
static void
file_label(struct buf *b, const char *path, size_t size)
{
	const char	*dot = strrchr(path, '.');
	size_t		 i, n;

	if (dot != NULL && strchr(dot, '/') == NULL && (n = strlen(dot + 1)) >
	    0 && n <= 5) {
		for (i = 0; i < n; i++)
			buf_putc(b, dot[1 + i] >= 'a' && dot[1 + i] <= 'z' ?
			    dot[1 + i] - 'a' + 'A' : dot[1 + i]);
		buf_puts(b, ", ");
	}
	if (size < 1024)
		buf_printf(b, "%zu byte", size);
	else if (size < 1024 * 1024)
		buf_printf(b, "%zu KB", (size + 512) / 1024);
	else
		buf_printf(b, "%zu,%zu MB", size / (1024 * 1024),
		    (size % (1024 * 1024) * 10 + 512 * 1024) / (1024 * 1024) %
		    10);
}

/* A raster image: its variants' URLs, relative to the page. */
static int
resolve_image(struct links *r, const char *norm, int is_image, int line,
    int col, struct md_target *out, struct diag *d)
{
	struct img_ref	 ref;
	struct image	*im;
	size_t		 i;

	if (images_use(r->site->images, norm, r->cover ? IMG_ROLE_COVER :
	    IMG_ROLE_BODY, r->focus, r->page->src, line, col, &ref, d) == -1)
		return -1;
	im = ref.img;
	add_image(r->page, im);
	if (r->cover)
		r->page->cover = im;
	if (!is_image) {
		/* A link to a photo opens its largest width. */
		buf_printf(out->url, "%s%s", r->root, ref.large->path);
		return 0;
	}
	buf_printf(out->url, "%s%s", r->root, ref.src->path);
	buf_printf(out->large, "%s%s", r->root, ref.large->path);
	for (i = 0; i < im->nwidths; i++)
		buf_printf(out->srcset, "%s%s%s %dw", i > 0 ? ", " : "",
		    r->root, im->vars[i].path, im->vars[i].w);
	out->width = ref.src->w;
	out->height = ref.src->h;
	return 0;
}

/* A link to another page's .md file: that page's URL. */
static int
resolve_page(struct links *r, const char *dest, const char *norm,
    const char *suffix, int line, int col, struct md_target *out,
    struct diag *d)
{
	struct page	*p = r->page, *t;

	if ((t = model_find_src(r->site, norm)) == NULL) {
		diag_err(d, p->src, line, col, "liên kết tới trang không tồn "
		    "tại “%s” (tìm %s); sửa lại đường dẫn hoặc tạo trang đó",
		    dest, norm);
		return -1;
	}
	if (t->failed || t->url == NULL) {
		/* Its own error is reported; keep the link as is. */
		buf_puts(out->url, dest);
		return 0;
	}
	if (t->skip)
		diag_warn(d, p->src, line, col, "liên kết tới “%s”, trang này "
		    "%s nên liên kết sẽ chưa mở được", dest, t->draft ?
		    "là bản nháp (draft: true)" : "chưa đến ngày đăng");
	buf_printf(out->url, "%s%s%s", r->root, t->url, suffix);
	add_link(p, t);
	return 0;
}

/*
 * A file not found as written (norm): the one in another Unicode form
 * (accepted), else an error naming the file spelt with other case, or
 * saying none is there.  The file's path, or NULL after the error.
 */
static const char *
find_spelt(struct links *r, const char *dest, const char *norm,
    int is_image, int line, int col, struct diag *d)
{
	const char	*found = NULL;

	switch (spelt_otherwise(r->site, norm, &found)) {
	case 1:
		return found;
	case 2:
		diag_err(d, r->page->src, line, col, "không tìm thấy tệp “%s”; "
		    "tệp có tên gần giống là %s (khác chữ hoa, chữ thường): "
		    "trên máy chủ web hai tên này là hai tệp khác nhau, hãy sửa "
		    "tên trong bài cho đúng từng chữ", dest, found);
		return NULL;
	default:
		diag_err(d, r->page->src, line, col, "không tìm thấy tệp “%s” "
		    "(tìm %s)%s; kiểm tra tên tệp, chữ hoa chữ thường và thư "
		    "mục", dest, norm, is_image ? " cho ảnh" : "");
		return NULL;
	}
}

/*
 * The link resolver given to md_render (and used for front matter
 * images): see the rules in README.md, "Liên kết".
 */
int
links_resolve(void *arg, const char *dest, int is_image, int line, int col,
    struct md_target *out, struct diag *d)
{
	struct links		*r = arg;
	struct page		*p = r->page;
	const char		*suffix, *base, *other, *found;
	char			*path, *joined = NULL, *norm = NULL;
	char			*adest = NULL;
	size_t			 plen, size;
	int			 rc = -1;

	plen = strcspn(dest, "?#");
	suffix = dest + plen;
	path = url_pct_decode(dest, plen);
	if (windows_path(path)) {
		windows_path_err(r, dest, path, is_image, line, col, d);
		goto out;
	}
	if (*path == '/') {
		/* Root-relative: the section root, wherever it is deployed. */
		buf_printf(out->url, "%s%s%s", r->root, path + 1, suffix);
		rc = 0;
		goto out;
	}
	if (*path == '\0') {
		buf_puts(out->url, dest);
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
		rc = resolve_page(r, dest, norm, suffix, line, col, out, d);
		goto out;
	}
	if (!source_is_file(r->src, norm)) {
		if ((found = find_spelt(r, dest, norm, is_image, line, col,
		    d)) == NULL)
			goto out;
		free(norm);
		norm = xstrdup(found);
	}
	if (images_is_raster(norm)) {
		rc = resolve_image(r, norm, is_image, line, col, out, d);
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
	buf_printf(out->url, "%s%s", base, suffix);
	if (!is_image && source_size(r->src, norm, &size) == 0)
		file_label(out->label, norm, size);
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
	r->cover = 0;
	r->focus = NULL;
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
	struct buf	 more[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct md_target t = { out, &more[0], &more[1], &more[2], 0, 0 };
	int		 rc;

	links_init(&r, s, src, p);
	rc = links_resolve(&r, dest, is_image, line, col, &t, &p->diag);
	links_free(&r);
	buf_free(&more[0]);
	buf_free(&more[1]);
	buf_free(&more[2]);
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
