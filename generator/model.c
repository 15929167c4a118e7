/*
 * model.c - the site model: pages, URL table, indexes and summaries.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "model.h"
#include "mustache.h"
#include "slug.h"
#include "util.h"
#include "value.h"

struct page *
page_new(enum page_kind kind, const char *src)
{
	struct page	*p = xcalloc(1, sizeof(*p));

	p->kind = kind;
	p->src = src != NULL ? xstrdup(src) : NULL;
	diag_init(&p->diag);
	return p;
}

void
page_free(struct page *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	free(p->src);
	free(p->text);
	val_unref(p->meta);
	free(p->title);
	free(p->slug);
	free(p->url);
	free(p->out);
	free(p->intro);
	free(p->list_base);
	if (p->md_done)
		md_result_free(&p->md);
	for (i = 0; i < p->nassets; i++) {
		free(p->assets[i].src);
		free(p->assets[i].dest);
	}
	free(p->assets);
	val_unref(p->summary);
	diag_free(&p->diag);
	free(p);
}

void
site_add_page(struct site *s, struct page *p)
{
	if (s->npages == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->pages = xreallocarray(s->pages, s->cap, sizeof(*s->pages));
	}
	s->pages[s->npages++] = p;
}

void
site_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->npages; i++)
		page_free(s->pages[i]);
	free(s->pages);
	free(s->posts);
	free(s->plans);
	free(s->procs);
	free(s->bysrc);
	taxonomy_free(s);
	free(s->root);
	free(s->theme_dir);
	config_free(&s->cfg);
	if (s->theme != NULL)
		mus_set_free(s->theme);
	val_unref(s->site_val);
	diag_free(&s->diag);
	memset(s, 0, sizeof(*s));
}

const char *
model_kind_name(enum page_kind k)
{
	static const char *const names[] = { "post", "procedure", "plan",
	    "page", "home", "list", "notfound", "terms", "archive" };

	return names[k];
}

char *
model_root_prefix(const char *url)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	for (s = url; *s != '\0'; s++)
		if (*s == '/')
			buf_puts(&b, "../");
	if (b.len == 0)
		buf_puts(&b, "./");
	return buf_detach(&b);
}

int
model_title_cmp(const char *a, const char *b)
{
	char	*fa = slug_fold(a, strlen(a)), *fb = slug_fold(b, strlen(b));
	int	 c = strcmp(fa, fb);

	free(fa);
	free(fb);
	return c != 0 ? c : strcmp(a, b);
}

static int
src_cmp(const void *a, const void *b)
{
	const struct page *pa = *(struct page *const *)a;
	const struct page *pb = *(struct page *const *)b;

	return strcmp(pa->src, pb->src);
}

struct page *
model_find_src(const struct site *s, const char *src)
{
	struct page	 key, *kp = &key, **hit;

	key.src = (char *)src;
	hit = bsearch(&kp, s->bysrc, s->nbysrc, sizeof(*s->bysrc), src_cmp);
	return hit != NULL ? *hit : NULL;
}

static int
url_cmp(const void *a, const void *b)
{
	const struct page *pa = *(struct page *const *)a;
	const struct page *pb = *(struct page *const *)b;
	int c = strcmp(pa->url, pb->url);

	if (c != 0)
		return c;
	/* Generated pages first, then by file: the later file is reported. */
	if (pa->src == NULL || pb->src == NULL)
		return (pa->src != NULL) - (pb->src != NULL);
	return strcmp(pa->src, pb->src);
}

/* Newest first; equal times by URL so the order never depends on input. */
static int
post_cmp(const void *a, const void *b)
{
	const struct page *pa = *(struct page *const *)a;
	const struct page *pb = *(struct page *const *)b;
	int c = date_cmp(&pb->date, &pa->date);

	return c != 0 ? c : strcmp(pa->url, pb->url);
}

static int
title_cmp(const void *a, const void *b)
{
	const struct page *pa = *(struct page *const *)a;
	const struct page *pb = *(struct page *const *)b;
	int c = model_title_cmp(pa->title, pb->title);

	return c != 0 ? c : strcmp(pa->url, pb->url);
}

static void
push(struct page ***arr, size_t *n, struct page *p)
{
	/* Arrays are sized for every page up front; see model_build. */
	(*arr)[(*n)++] = p;
}

static struct page *
add_page(struct site *s, enum page_kind kind, int section, char *title,
    char *url, char *intro)
{
	struct page	*p = page_new(kind, NULL);

	p->title = title;
	p->url = url;
	p->out = kind == PAGE_NOTFOUND ? xstrdup(url) :
	    xasprintf("%sindex.html", url);
	p->intro = intro;
	p->section = section;
	p->date = s->today;
	site_add_page(s, p);
	return p;
}

/*
 * A list of posts split into pages of `per`: base/, base/trang/2/ ...
 * An empty list still has its first page ("Chưa có nội dung").
 */
static void
add_list(struct site *s, int section, const char *base, const char *title,
    const char *intro, struct page **items, size_t n, size_t per,
    const struct term *term, const struct taxonomy *tax)
{
	struct page	*p;
	size_t		 k, npg;

	if (per == 0)
		per = n > 0 ? n : 1;
	npg = n == 0 ? 1 : (n + per - 1) / per;
	for (k = 1; k <= npg; k++) {
		p = add_page(s, PAGE_LIST, section, k == 1 ? xstrdup(title) :
		    xasprintf("%s – Trang %zu", title, k), k == 1 ?
		    xstrdup(base) : xasprintf("%strang/%zu/", base, k),
		    intro != NULL ? xstrdup(intro) : NULL);
		p->items = items + (k - 1) * per;
		p->nitems = k < npg ? per : n - (k - 1) * per;
		p->pageno = (int)k;
		p->npagesof = (int)npg;
		p->list_base = xstrdup(base);
		p->term = term;
		p->tax = tax;
		if (n > 0)
			p->date = items[0]->date;
	}
}

static void
add_generated(struct site *s)
{
	size_t		 i, per = (size_t)s->cfg.posts_per_page;
	const struct term *t;
	char		*title, *intro;

	add_page(s, PAGE_HOME, SECTION_NONE, xstrdup(s->cfg.title),
	    xstrdup(""), NULL);
	add_list(s, SECTION_NEWS, "tin-tuc/", "Tin tức", "Tin, bài về công "
	    "tác cải cách hành chính.", s->posts, s->nposts, per, NULL, NULL);
	add_list(s, SECTION_PLANS, "ke-hoach/", "Kế hoạch", "Các kế hoạch "
	    "về cải cách hành chính và tuyên truyền cải cách hành chính.",
	    s->plans, s->nplans, 0, NULL, NULL);
	add_list(s, SECTION_PROCS, "thu-tuc/", "Thủ tục hành chính", "Các "
	    "thủ tục hành chính thuộc thẩm quyền giải quyết.", s->procs,
	    s->nprocs, 0, NULL, NULL);
	add_page(s, PAGE_TERMS, SECTION_TOPICS, xstrdup("Chủ đề"),
	    xstrdup("chu-de/"), xstrdup("Tin, bài theo chủ đề."))->tax =
	    &s->topics;
	for (i = 0; i < s->topics.nterms; i++) {
		t = &s->topics.terms[i];
		title = xasprintf("Chủ đề: %s", t->name);
		intro = xasprintf("Các tin, bài có chủ đề “%s”.", t->name);
		add_list(s, SECTION_TOPICS, t->url, title, intro, t->posts,
		    t->nposts, per, t, &s->topics);
		free(title);
		free(intro);
	}
	add_page(s, PAGE_TERMS, SECTION_UNITS, xstrdup("Đơn vị"),
	    xstrdup("don-vi/"), xstrdup("Tin, bài theo đơn vị đăng."))->tax =
	    &s->units;
	for (i = 0; i < s->units.nterms; i++) {
		t = &s->units.terms[i];
		title = xasprintf("Đơn vị: %s", t->name);
		intro = xasprintf("Các tin, bài của %s.", t->name);
		add_list(s, SECTION_UNITS, t->url, title, intro, t->posts,
		    t->nposts, per, t, &s->units);
		free(title);
		free(intro);
	}
	add_page(s, PAGE_ARCHIVE, SECTION_ARCHIVE, xstrdup("Lưu trữ"),
	    xstrdup("luu-tru/"), xstrdup("Tin, bài theo tháng đăng."));
	for (i = 0; i < s->nmonths; i++) {
		title = xasprintf("Lưu trữ: %s", s->months[i].title);
		add_list(s, SECTION_ARCHIVE, s->months[i].url, title, NULL,
		    s->months[i].posts, s->months[i].nposts, per, NULL, NULL);
		free(title);
	}
	add_page(s, PAGE_NOTFOUND, SECTION_NONE,
	    xstrdup("Không tìm thấy trang"), xstrdup("404.html"), NULL);
}

/* No two built pages may share a URL; the later file is reported. */
static int
check_urls(struct site *s)
{
	struct page	**byurl;
	size_t		  i, n = 0;
	int		  rc = 0;

	byurl = xcalloc(s->npages, sizeof(*byurl));
	for (i = 0; i < s->npages; i++)
		if (!s->pages[i]->failed && s->pages[i]->url != NULL &&
		    !s->pages[i]->skip)
			byurl[n++] = s->pages[i];
	qsort(byurl, n, sizeof(*byurl), url_cmp);
	for (i = 1; i < n; i++) {
		struct page *a = byurl[i - 1], *b = byurl[i];

		if (strcmp(a->url, b->url) != 0)
			continue;
		diag_err(&b->diag, b->src, 0, 0, "trùng địa chỉ /%s với %s; "
		    "đổi “slug” hoặc tên tệp của một trong hai trang",
		    b->url, a->src != NULL ? a->src :
		    "một trang do cchc tự tạo");
		b->failed = 1;
		rc = -1;
	}
	free(byurl);
	return rc;
}

int
model_build(struct site *s)
{
	size_t		  i;
	int		  rc = 0;

	s->bysrc = xcalloc(s->npages, sizeof(*s->bysrc));
	s->posts = xcalloc(s->npages, sizeof(*s->posts));
	s->plans = xcalloc(s->npages, sizeof(*s->plans));
	s->procs = xcalloc(s->npages, sizeof(*s->procs));
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->src != NULL)
			push(&s->bysrc, &s->nbysrc, p);
		if (p->failed || p->url == NULL || p->skip)
			continue;
		switch (p->kind) {
		case PAGE_POST:
			push(&s->posts, &s->nposts, p);
			break;
		case PAGE_PLAN:
			push(&s->plans, &s->nplans, p);
			break;
		case PAGE_PROCEDURE:
			push(&s->procs, &s->nprocs, p);
			break;
		case PAGE_PAGE:
			if (strcmp(p->url, "gioi-thieu/") == 0)
				s->about = p;
			break;
		default:
			break;
		}
	}
	qsort(s->bysrc, s->nbysrc, sizeof(*s->bysrc), src_cmp);
	qsort(s->posts, s->nposts, sizeof(*s->posts), post_cmp);
	qsort(s->plans, s->nplans, sizeof(*s->plans), post_cmp);
	qsort(s->procs, s->nprocs, sizeof(*s->procs), title_cmp);
	if (taxonomy_build(s) == -1)
		rc = -1;
	add_generated(s);
	if (check_urls(s) == -1)
		rc = -1;
	return rc;
}
