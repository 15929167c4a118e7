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
#include "links.h"
#include "model.h"
#include "source.h"
#include "util.h"
#include "value.h"
#include "t.h"

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
	T_STREQ(g_, (want));						\
	free(g_);							\
} while (0)

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
	f = fs_join(tmpl, "content/tin-tuc/2025/06/anh hoi nghi.png");
	fs_write(f, "png", 3);
	free(f);
	f = fs_join(tmpl, "content/tin-tuc/2025/06/khac/anh hoi nghi.png");
	fs_write(f, "png2", 4);
	free(f);

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
	RES(post, "anh%20hoi%20nghi.png", "anh hoi nghi.png");
	T_INTEQ(post->nassets, 1);
	T_STREQ(post->assets[0].src,
	    "content/tin-tuc/2025/06/anh hoi nghi.png");
	T_STREQ(post->assets[0].dest, "tin-tuc/a/anh hoi nghi.png");
	RES(post, "anh hoi nghi.png", "anh hoi nghi.png");
	T_INTEQ(post->nassets, 1);
	/* Same name, other file: cannot both sit beside the page. */
	RES(post, "khac/anh hoi nghi.png", "ERR");
	T_CONTAINS(last_msg(post), "cùng tên");
	RES(post, "khong-co.png", "ERR");
	T_CONTAINS(last_msg(post), "không tìm thấy tệp");
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
	source_free(src);
	site_free(&s);
	return t_done("links");
}
