/*
 * test_model.c - the model of a small site made by hand (model.h): the
 * order of posts, plans and procedures, which pages are left out, the
 * generated pages and their pagination, the duplicate-URL error naming
 * both files, duplicate procedure codes, and dates from --today.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "model.h"
#include "util.h"
#include "value.h"
#include "t.h"

/* A parsed page as parse.c leaves it; date NULL: none given. */
static struct page *
mkpage(enum page_kind k, const char *src, const char *url,
    const char *title, const char *date, const char *yaml)
{
	struct page	*p = page_new(k, src);
	struct diag	 d;
	const char	*why;

	diag_init(&d);
	p->meta = yaml_parse_map(src, yaml, strlen(yaml), 2, &d);
	diag_free(&d);
	p->title = xstrdup(title);
	p->url = xstrdup(url);
	p->out = xasprintf("%sindex.html", url);
	if (date != NULL) {
		T_INTEQ(date_parse(date, &p->date, &why), 0);
		p->has_date = 1;
	}
	return p;
}

/* The one place a site is made: config, --today, then its pages. */
static void
mksite(struct site *s, int per_page, struct page **v, size_t n)
{
	const char	*why;
	size_t		 i;

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	s->cfg.title = xstrdup("Cải cách hành chính");
	s->cfg.base_url = xstrdup("https://example.gov.vn/cchc/");
	s->cfg.posts_per_page = per_page;
	s->cfg.feed_items = 20;
	date_parse("2025-07-01", &s->today, &why);
	s->today_str = "2025-07-01";
	for (i = 0; i < n; i++)
		site_add_page(s, v[i]);
}

/* The generated or source page at url, or NULL. */
static const struct page *
at(const struct site *s, const char *url)
{
	size_t	 i;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->url != NULL &&
		    strcmp(s->pages[i]->url, url) == 0)
			return s->pages[i];
	return NULL;
}

static char *
first_msg(const struct page *p)
{
	struct buf	 b = BUF_INIT;

	if (p->diag.len > 0)
		diag_format(&p->diag.msgs[0], &b);
	return buf_detach(&b);
}

static void
test_order(void)
{
	struct site	 s;
	struct page	*v[9];
	const struct page *l;
	size_t		 i;

	v[0] = mkpage(PAGE_POST, "content/tin-tuc/a.md", "tin-tuc/a/", "A",
	    "2025-06-01", "tags: X\n");
	v[1] = mkpage(PAGE_POST, "content/tin-tuc/b.md", "tin-tuc/b/", "B",
	    "2025-06-03", "");
	/* Same time as b: by URL. */
	v[2] = mkpage(PAGE_POST, "content/tin-tuc/c.md", "tin-tuc/c/", "C",
	    "2025-06-03", "tags: x\n");
	v[3] = mkpage(PAGE_POST, "content/tin-tuc/d.md", "tin-tuc/d/", "D",
	    "2025-05-20T08:00+07:00", "");
	v[4] = mkpage(PAGE_POST, "content/tin-tuc/nhap.md", "tin-tuc/nhap/",
	    "Nháp", "2025-06-30", "");
	v[4]->draft = v[4]->skip = 1;
	v[5] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/b.md", "thu-tuc/b/",
	    "Đăng ký khai sinh", "2025-01-01", "code: \"1.001\"\n");
	v[6] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/a.md", "thu-tuc/a/",
	    "Cấp giấy phép", "2025-01-01", "code: \"1.002\"\n");
	v[7] = mkpage(PAGE_PAGE, "content/gioi-thieu.md", "gioi-thieu/",
	    "Giới thiệu", NULL, "");
	v[8] = mkpage(PAGE_POST, "content/tin-tuc/e.md", "tin-tuc/e/", "E",
	    "2025-04-01", "");
	mksite(&s, 2, v, 9);
	model_apply_history(&s);
	/* No date and no history: --today. */
	T_INTEQ(v[7]->has_date, 1);
	T_INTEQ(v[7]->date.y * 10000 + v[7]->date.m * 100 + v[7]->date.d,
	    20250701);
	T_INTEQ(v[0]->date.d, 1);		/* its own date kept */
	T_INTEQ(model_build(&s), 0);

	/* Built posts newest first; the draft left out. */
	T_INTEQ(s.nposts, 5);
	T_OK(s.posts[0] == v[1] && s.posts[1] == v[2] && s.posts[2] == v[0] &&
	    s.posts[3] == v[3] && s.posts[4] == v[8]);
	/* Procedures by title, folded: "Cấp" before "Đăng". */
	T_INTEQ(s.nprocs, 2);
	T_OK(s.procs[0] == v[6] && s.procs[1] == v[5]);
	T_OK(s.about == v[7]);
	/* Every source page, by path. */
	T_INTEQ(s.nbysrc, 9);
	T_OK(model_find_src(&s, "content/tin-tuc/nhap.md") == v[4]);
	T_OK(model_find_src(&s, "content/thu-tuc/a.md") == v[6]);
	T_OK(model_find_src(&s, "content/x.md") == NULL);

	/* 5 posts at 2 a page: 3 pages, the last with one. */
	l = at(&s, "tin-tuc/");
	T_OK(l != NULL && l->kind == PAGE_LIST);
	T_INTEQ(l->nitems, 2);
	T_INTEQ(l->pageno, 1);
	T_INTEQ(l->npagesof, 3);
	T_STREQ(l->title, "Tin tức");
	T_OK(l->items[0] == v[1]);
	l = at(&s, "tin-tuc/trang/3/");
	T_OK(l != NULL);
	if (l != NULL) {
		T_INTEQ(l->nitems, 1);
		T_INTEQ(l->pageno, 3);
		T_STREQ(l->title, "Tin tức – Trang 3");
		T_STREQ(l->list_base, "tin-tuc/");
		T_OK(l->items[0] == v[8]);
		/* Every page of a list is dated by its newest post. */
		T_INTEQ(l->date.d, 3);
		T_INTEQ(l->date.m, 6);
	}
	T_OK(at(&s, "tin-tuc/trang/4/") == NULL);
	T_OK(at(&s, "tin-tuc/trang/1/") == NULL);
	/* A topic of two posts: one page. */
	l = at(&s, "chu-de/x/");
	T_OK(l != NULL && l->nitems == 2 && l->npagesof == 1);
	if (l != NULL)
		T_STREQ(l->title, "Chủ đề: X");
	/* An empty list still has its page; plans are never split. */
	l = at(&s, "ke-hoach/");
	T_OK(l != NULL && l->nitems == 0 && l->npagesof == 1);
	/* The generated pages. */
	T_OK(at(&s, "") != NULL && at(&s, "")->kind == PAGE_HOME);
	T_STREQ(at(&s, "")->title, "Cải cách hành chính");
	T_OK(at(&s, "404.html") != NULL &&
	    at(&s, "404.html")->kind == PAGE_NOTFOUND);
	for (i = 0; i < s.npages; i++)
		if (s.pages[i]->kind == PAGE_NOTFOUND)
			T_STREQ(s.pages[i]->out, "404.html");
	/* --today dates a generated page. */
	T_INTEQ(at(&s, "404.html")->date.m, 7);
	T_OK(at(&s, "luu-tru/2025/06/") != NULL);
	T_OK(at(&s, "luu-tru/2025/04/") != NULL);
	T_OK(at(&s, "thu-tuc/") != NULL && at(&s, "thu-tuc/")->kind ==
	    PAGE_PROCS);
	T_OK(at(&s, "bao-cao/") == NULL);	/* no plan, no report */
	T_OK(at(&s, "nhat-ky/") != NULL);
	T_STREQ(model_kind_name(PAGE_PROCS), "procedures");
	T_STREQ(model_kind_name(PAGE_POST), "post");
	site_free(&s);
}

static void
test_duplicates(void)
{
	struct site	 s;
	struct page	*v[5];
	char		*m;

	v[0] = mkpage(PAGE_POST, "content/tin-tuc/2025/a.md", "tin-tuc/a/",
	    "A", "2025-06-01", "");
	v[1] = mkpage(PAGE_POST, "content/tin-tuc/2024/a.md", "tin-tuc/a/",
	    "A cũ", "2024-06-01", "");
	/* A page on a generated page's URL. */
	v[2] = mkpage(PAGE_PAGE, "content/chu-de.md", "chu-de/", "Chủ đề",
	    NULL, "");
	v[3] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/a.md", "thu-tuc/a/",
	    "A", "2025-01-01", "title: A\ncode: \"1.001\"\n");
	v[4] = mkpage(PAGE_PROCEDURE, "content/thu-tuc/b.md", "thu-tuc/b/",
	    "B", "2025-01-01", "title: B\ncode: \"1.001\"\n");
	mksite(&s, 10, v, 5);
	model_apply_history(&s);
	T_INTEQ(model_build(&s), -1);
	/* The later file by path is reported, naming the other. */
	m = first_msg(v[1]);
	T_STREQ(m, "");
	free(m);
	m = first_msg(v[0]);
	T_STREQ(m, "content/tin-tuc/2025/a.md: lỗi: trùng địa chỉ /tin-tuc/a/ "
	    "với content/tin-tuc/2024/a.md; đổi “slug” hoặc tên tệp của một "
	    "trong hai trang");
	free(m);
	T_OK(v[0]->failed && !v[1]->failed);
	m = first_msg(v[2]);
	T_STREQ(m, "content/chu-de.md: lỗi: trùng địa chỉ /chu-de/ với một "
	    "trang do cchc tự tạo; đổi “slug” hoặc tên tệp của một trong hai "
	    "trang");
	free(m);
	m = first_msg(v[4]);
	T_STREQ(m, "content/thu-tuc/b.md:3:7: lỗi: mã thủ tục “1.001” trùng "
	    "với content/thu-tuc/a.md; mỗi thủ tục có một mã riêng trên Cơ sở "
	    "dữ liệu quốc gia, hãy kiểm tra lại");
	free(m);
	T_INTEQ(v[3]->diag.len, 0);
	site_free(&s);
}

static void
test_prefix(void)
{
	char	*p;

	p = model_root_prefix("ke-hoach/kh-01/");
	T_STREQ(p, "../../");
	free(p);
	p = model_root_prefix("rss.xml");
	T_STREQ(p, "./");
	free(p);
	p = model_root_prefix("tin-tuc/trang/2/");
	T_STREQ(p, "../../../");
	free(p);
	T_OK(model_title_cmp("Ý kiến", "Yên") < 0);
	T_INTEQ(model_title_cmp("Sở", "Sở"), 0);
}

int
main(void)
{
	test_order();
	test_duplicates();
	test_prefix();
	return t_done("model");
}
