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
	    "page", "home", "list", "notfound" };

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

int
model_build(struct site *s)
{
	struct page	**byurl;
	size_t		  i, n = 0;
	int		  rc = 0;

	s->bysrc = xcalloc(s->npages, sizeof(*s->bysrc));
	s->posts = xcalloc(s->npages, sizeof(*s->posts));
	s->plans = xcalloc(s->npages, sizeof(*s->plans));
	s->procs = xcalloc(s->npages, sizeof(*s->procs));
	byurl = xcalloc(s->npages, sizeof(*byurl));
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->src != NULL)
			push(&s->bysrc, &s->nbysrc, p);
		if (p->failed || p->url == NULL || p->skip)
			continue;
		byurl[n++] = p;
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
	qsort(s->posts, s->nposts, sizeof(*s->posts), post_cmp);
	qsort(s->plans, s->nplans, sizeof(*s->plans), post_cmp);
	qsort(s->procs, s->nprocs, sizeof(*s->procs), title_cmp);
	return rc;
}
