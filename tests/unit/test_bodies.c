/*
 * test_bodies.c - bodies_pages() and bodies_finish() complete the model
 * of a small site made in a temporary folder: Markdown bodies with links
 * rewritten, pages recorded as links and files as assets, plan numbers
 * in text linked and remembered as citations, a plan's tasks read from
 * its body, posts linked to their tasks, each plan's cited_by, task
 * statuses on --today, and the summaries lists show; a broken link fails
 * its page and the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bodies.h"
#include "buf.h"
#include "image.h"
#include "images.h"
#include "fs.h"
#include "markdown.h"
#include "model.h"
#include "plans.h"
#include "source.h"
#include "util.h"
#include "value.h"
#include "t.h"
#include "t_img.h"

/* A source page: front matter given as a map, the body as text. */
static struct page *
mkpage(struct site *s, enum page_kind k, const char *src, const char *url,
    const char *body)
{
	struct page	*p = page_new(k, src);

	p->url = xstrdup(url);
	p->title = xstrdup(src);
	p->slug = xstrdup(url);
	p->text = xstrdup(body);
	p->textlen = strlen(body);
	p->body_line = 1;
	p->meta = val_map_lit();
	p->has_date = 1;
	p->date = s->today;
	site_add_page(s, p);
	return p;
}

static void
plan_period(struct page *p, const char *number)
{
	val_map_set_str(p->meta, "number", number);
	T_INTEQ(period_parse("2025", &p->period), 0);
	p->has_period = 1;
}

/* A 40x30 PNG photo (many colours) at root/path. */
static void
put_png(const char *root, const char *path)
{
	char	*f = fs_join(root, path);

	t_put_png(f, 40, 30);
	free(f);
}

int
main(void)
{
	struct site	 s;
	struct images	 imgs;
	struct source	*src = NULL;
	struct page	*kh, *kh2, *post, *bad;
	char		 tmpl[] = "/tmp/cchc-bodies-XXXXXX";
	char		*f;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	md_init();
	memset(&s, 0, sizeof(s));
	s.cfg.title = xstrdup("Chuyên mục");
	s.cfg.posts_per_page = 10;
	s.cfg.feed_items = 20;
	T_INTEQ(date_parse_ymd("2025-08-15", &s.today), 0);
	T_INTEQ(source_open(&src, tmpl, NULL, &s.diag), 0);
	put_png(tmpl, "content/tin-tuc/anh.png");
	f = fs_join(tmpl, "content/tin-tuc/so-do.svg");
	fs_write(f, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 40);
	free(f);
	images_init(&imgs, NULL);
	imgs.src = src;
	s.images = &imgs;

	kh = mkpage(&s, PAGE_PLAN, "plans/kh.md", "ke-hoach/kh/",
	    "## Nhiệm vụ\n\n"
	    "1.1. Tuyên truyền trên Trang thông tin điện tử.\n\n"
	    "- Đơn vị chủ trì thực hiện: Văn phòng Sở.\n"
	    "- Thời gian thực hiện: Quý II/2025.\n\n"
	    "1.2. Hội nghị đối thoại.\n\n"
	    "- Đơn vị chủ trì thực hiện: Văn phòng Sở.\n"
	    "- Thời gian thực hiện: Quý IV/2025.\n");
	plan_period(kh, "15/KH-X");
	/* A later plan cites the first in its text. */
	kh2 = mkpage(&s, PAGE_PLAN, "plans/kh2.md", "ke-hoach/kh2/",
	    "Thực hiện Kế hoạch số 15/KH-X của Sở.\n");
	plan_period(kh2, "20/KH-X");
	post = mkpage(&s, PAGE_POST, "content/tin-tuc/a.md", "tin-tuc/a/",
	    "Sở triển khai Kế hoạch 15/KH-X ([xem](../../plans/kh.md)).\n\n"
	    "![Ảnh](anh.png)\n\n![Sơ đồ](so-do.svg)\n");
	T_INTEQ(date_parse("2025-05-10", &post->date, NULL), 0);
	val_map_set_str(post->meta, "plan", "15/KH-X");
	val_map_set_str(post->meta, "task", "1.1");
	/* A link to a page that does not exist fails its page only. */
	bad = mkpage(&s, PAGE_POST, "content/tin-tuc/b.md", "tin-tuc/b/",
	    "[x](khong-co.md)\n");
	T_INTEQ(model_build(&s), 0);
	T_INTEQ(s.nplans, 2);

	bodies_pages(&s, src, NULL, 2);
	T_INTEQ(bodies_finish(&s), -1);
	T_OK(bad->failed);
	T_CONTAINS(bad->diag.len ? bad->diag.msgs[0].text : "",
	    "content/tin-tuc/khong-co.md");
	T_OK(!post->failed && !kh->failed && !kh2->failed);
	/* Links: the page link rewritten; the photo published in widths
	   (the first image of a page without a cover is fetched first),
	   the drawing kept as an asset. */
	T_CONTAINS(post->md.html, "href=\"../../ke-hoach/kh/\"");
	T_CONTAINS(post->md.html, "<img src=\"../../anh/anh-40.");
	T_CONTAINS(post->md.html, "width=\"40\" height=\"30\" alt=\"Ảnh\" "
	    "fetchpriority=\"high\">");
	T_CONTAINS(post->md.html, "<img src=\"so-do.svg\" alt=\"Sơ đồ\"");
	T_INTEQ(post->nimages, 1);
	T_OK(post->nimages == 1 && post->images[0] == imgs.v[0]);
	T_INTEQ(post->nassets, 1);
	T_STREQ(post->assets[0].dest, "tin-tuc/a/so-do.svg");
	/* The page linked to is remembered (outplan.c's dependencies);
	   the plan named by its number is a citation, not a link. */
	T_INTEQ(post->nlinks, 1);
	T_OK(post->nlinks == 1 && post->links[0] == kh);
	T_INTEQ(kh2->nlinks, 0);
	/* Cross-references: the number linked, the citation kept. */
	T_INTEQ(post->ncites, 1);
	T_OK(post->ncites == 1 && post->cites[0] == kh);
	T_CONTAINS(kh2->md.html, "../../ke-hoach/kh/");
	/* cited_by counts plans only, not the post. */
	T_INTEQ(kh->ncited_by, 1);
	T_OK(kh->ncited_by == 1 && kh->cited_by[0] == kh2);
	T_INTEQ(kh2->ncited_by, 0);
	/* Tasks, the post linked to 1.1, statuses on 15 August 2025. */
	T_INTEQ(kh->tasks.n, 2);
	T_OK(post->plan_ref == kh);
	T_INTEQ(kh->ts[0].nposts, 1);
	T_INTEQ(kh->ts[0].status.kind, STATUS_DONE);
	T_INTEQ(kh->ts[1].status.kind, STATUS_NOT_STARTED);
	/* Summaries for lists, from the first paragraph. */
	T_OK(post->summary != NULL);
	T_CONTAINS(val_get_str(val_map_get(post->summary, "summary")),
	    "Sở triển khai Kế hoạch 15/KH-X");

	fs_rmtree(tmpl);
	source_free(src);
	images_free(&imgs);
	site_free(&s);
	return t_done("bodies");
}
