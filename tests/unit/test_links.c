/*
 * test_links.c - link rewriting and asset collection (links.c): pages
 * relative from the linking page, root-relative links, drafts, missing
 * pages and files, files copied beside the page (percent-decoded, one
 * name per file), paths leaving content/ and plans/; pages linked to
 * remembered as the page's links; and plan numbers in text linked and
 * remembered as citations (links_xref).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "image.h"
#include "images.h"
#include "links.h"
#include "model.h"
#include "scan.h"
#include "source.h"
#include "util.h"
#include "value.h"
#include "t.h"
#include "t_img.h"

static struct page *
mkpage(struct site *s, enum page_kind k, const char *src, const char *url)
{
	struct page	*p = page_new(k, src);

	p->url = xstrdup(url);
	p->title = xstrdup(src);
	p->slug = xstrdup(url);
	site_add_page(s, p);
	return p;
}

static const char *
last_msg(struct page *p)
{
	return p->diag.len ? p->diag.msgs[p->diag.len - 1].text : "";
}

/* The source tree the links are checked against. */
static struct source *src;

/* Resolves dest in page p; returns the new URL or "ERR". */
static char *
resolve(struct site *s, struct page *p, const char *dest)
{
	struct buf	 b = BUF_INIT;

	if (links_resolve_one(s, src, p, dest, 0, 7, 3, &b) == -1) {
		buf_free(&b);
		return xstrdup("ERR");
	}
	return buf_detach(&b);
}

#define RES(p, dest, want) do {					\
	char *g_ = resolve(&s, (p), (dest));				\
	if (strcmp((want), "ERR") != 0 &&				\
	    str_has_prefix((want), "../../anh/"))			\
		T_OK(str_has_prefix(g_, (want)));			\
	else								\
		T_STREQ(g_, (want));					\
	free(g_);							\
} while (0)

/* A 40x30 PNG photo (many colours) at root/path. */
static void
put_png(const char *root, const char *path)
{
	char	*f = fs_join(root, path);

	t_put_png(f, 40, 30);
	free(f);
}

/* Every file under root/content, sorted, as the scan lists them. */
static void
files_of(const char *root, struct strlist *files)
{
	struct diag	 d;

	(void)root;
	diag_init(&d);
	memset(files, 0, sizeof(*files));
	T_INTEQ(source_list(src, "content", NULL, 1, files, &d), 0);
	strlist_sort(files);
	diag_free(&d);
}

/* Plan numbers: linked only to a plan of exactly that number. */
static void
test_xref(struct site *s, struct page *post, struct page *plan)
{
	struct links	 l;
	struct buf	 b = BUF_INIT;

	links_init(&l, s, src, post);
	T_INTEQ(links_xref(&l, "15/KH-X", &b), 1);
	T_STREQ(buf_cstr(&b), "../../ke-hoach/ke-hoach/");
	T_INTEQ(post->ncites, 1);
	T_OK(post->ncites == 1 && post->cites[0] == plan);
	/* Cited twice, remembered once. */
	buf_reset(&b);
	T_INTEQ(links_xref(&l, "15/KH-X", &b), 1);
	T_INTEQ(post->ncites, 1);
	/* Unknown numbers stay text. */
	buf_reset(&b);
	T_INTEQ(links_xref(&l, "16/KH-X", &b), 0);
	T_INTEQ(b.len, 0);
	links_free(&l);
	/* A plan does not cite itself. */
	links_init(&l, s, src, plan);
	T_INTEQ(links_xref(&l, "15/KH-X", &b), 0);
	T_INTEQ(plan->ncites, 0);
	links_free(&l);
	buf_free(&b);
}

int
main(void)
{
	struct site	 s;
	struct images	 imgs;
	struct strlist	 files;
	struct page	*post, *plan, *draft, *about;
	char		 tmpl[] = "/tmp/cchc-links-XXXXXX";
	char		*f;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	memset(&s, 0, sizeof(s));
	s.cfg.title = xstrdup("Chuyên mục");
	T_INTEQ(source_open(&src, tmpl, NULL, &s.diag), 0);
	s.cfg.posts_per_page = 10;
	s.cfg.feed_items = 20;
	f = fs_join(tmpl, "content/tin-tuc/2025/06/ke hoach.pdf");
	fs_write(f, "pdf", 3);
	free(f);
	f = fs_join(tmpl, "content/tin-tuc/2025/06/khac/ke hoach.pdf");
	fs_write(f, "pdf2", 4);
	free(f);
	put_png(tmpl, "content/tin-tuc/2025/06/Bieu-Do.png");
	/* "Ảnh.png" with its name in NFD ("A" + U+0309 + U+0323 ...). */
	put_png(tmpl, "content/tin-tuc/2025/06/A\xcc\x89nh.png");
	files_of(tmpl, &files);
	s.files = &files;
	images_init(&imgs, NULL);
	imgs.src = src;
	s.images = &imgs;

	post = mkpage(&s, PAGE_POST, "content/tin-tuc/2025/06/a.md",
	    "tin-tuc/a/");
	plan = mkpage(&s, PAGE_PLAN, "plans/ke-hoach.md", "ke-hoach/ke-hoach/");
	plan->meta = val_map_lit();
	val_map_set_str(plan->meta, "number", "15/KH-X");
	draft = mkpage(&s, PAGE_POST, "content/tin-tuc/nhap.md",
	    "tin-tuc/nhap/");
	draft->draft = draft->skip = 1;
	about = mkpage(&s, PAGE_PAGE, "content/gioi-thieu.md", "gioi-thieu/");
	T_INTEQ(model_build(&s), 0);

	/* Pages: relative from the page, fragment and query kept. */
	RES(post, "../../../../plans/ke-hoach.md", "../../ke-hoach/ke-hoach/");
	RES(post, "../../../../plans/ke-hoach.md#muc-tieu",
	    "../../ke-hoach/ke-hoach/#muc-tieu");
	RES(plan, "../content/gioi-thieu.md", "../../gioi-thieu/");
	RES(about, "tin-tuc/2025/06/a.md", "../tin-tuc/a/");
	/* Each page linked to is remembered once. */
	T_INTEQ(post->nlinks, 1);
	T_OK(post->nlinks == 1 && post->links[0] == plan);
	T_INTEQ(plan->nlinks, 1);
	T_OK(plan->nlinks == 1 && plan->links[0] == about);
	/* Root-relative links follow the page depth. */
	RES(post, "/thu-tuc/", "../../thu-tuc/");
	RES(about, "/", "../");
	/* A draft target works but warns. */
	RES(post, "../../nhap.md", "../../tin-tuc/nhap/");
	T_OK(post->diag.warnings == 1);
	T_CONTAINS(last_msg(post), "bản nháp");
	T_INTEQ(post->nlinks, 2);
	T_OK(post->nlinks == 2 && post->links[1] == draft);
	/* Missing page: error with the path it looked for. */
	RES(post, "../../khong-co.md", "ERR");
	T_CONTAINS(last_msg(post), "content/tin-tuc/khong-co.md");
	T_INTEQ(post->diag.msgs[post->diag.len - 1].line, 7);
	T_INTEQ(post->diag.msgs[post->diag.len - 1].col, 3);
	/* Files: copied beside the page, percent-encoding decoded. */
	RES(post, "ke%20hoach.pdf", "ke hoach.pdf");
	T_INTEQ(post->nassets, 1);
	T_STREQ(post->assets[0].src, "content/tin-tuc/2025/06/ke hoach.pdf");
	T_STREQ(post->assets[0].dest, "tin-tuc/a/ke hoach.pdf");
	RES(post, "ke hoach.pdf", "ke hoach.pdf");
	T_INTEQ(post->nassets, 1);
	/* Same name, other file: cannot both sit beside the page. */
	RES(post, "khac/ke hoach.pdf", "ERR");
	T_CONTAINS(last_msg(post), "cùng tên");
	RES(post, "khong-co.png", "ERR");
	T_CONTAINS(last_msg(post), "không tìm thấy tệp");
	/* Photos: a link opens the largest width, never the original;
	   the page remembers it shows the photo. */
	RES(post, "Bieu-Do.png", "../../anh/bieu-do-40.");
	T_INTEQ(post->nimages, 1);
	T_INTEQ(post->nassets, 1);
	/* Another case than the file's: refused, naming the file. */
	RES(post, "bieu-do.png", "ERR");
	T_CONTAINS(last_msg(post), "content/tin-tuc/2025/06/Bieu-Do.png");
	T_CONTAINS(last_msg(post), "chữ hoa");
	/* NFC text, NFD name on disk: the same name, accepted. */
	RES(post, "\xe1\xba\xa2nh.png", "../../anh/anh-40.");
	T_INTEQ(post->nimages, 2);
	/* A path on the editor's computer. */
	RES(post, "C:\\Users\\Admin\\anh.jpg", "ERR");
	T_CONTAINS(last_msg(post), "máy tính của người soạn");
	RES(post, "anh\\hoi-nghi.jpg", "ERR");
	T_CONTAINS(last_msg(post), "máy tính của người soạn");
	/* Leaving the tree, or content/ and plans/, is refused. */
	RES(post, "../../../../../etc/passwd", "ERR");
	T_CONTAINS(last_msg(post), "trỏ ra ngoài");
	RES(post, "../../../../site.yaml", "ERR");
	T_CONTAINS(last_msg(post), "trỏ ra ngoài");
	T_INTEQ(post->nassets, 1);
	/* Files, root-relative links and missing pages are not links. */
	T_INTEQ(post->nlinks, 2);
	T_INTEQ(about->nlinks, 1);

	test_xref(&s, post, plan);

	fs_rmtree(tmpl);
	images_free(&imgs);
	strlist_free(&files);
	source_free(src);
	site_free(&s);
	return t_done("links");
}
