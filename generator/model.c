/*
 * model.c - the site model: pages, URL table, indexes and summaries.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "frontmatter.h"
#include "model.h"
#include "routes.h"
#include "search.h"
#include "source.h"
#include "mustache.h"
#include "slug.h"
#include "util.h"
#include "value.h"
#include "when.h"

struct page *
page_new(enum page_kind kind, const char *src)
{
	struct page	*p = xcalloc(1, sizeof(*p));

	p->kind = kind;
	p->src = src != NULL ? xstrdup(src) : NULL;
	p->doc = -1;
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
	free(p->title_fold);
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
	free(p->images);
	free(p->cites);
	free(p->links);
	for (i = 0; p->ts != NULL && i < p->tasks.n; i++)
		free(p->ts[i].posts);
	free(p->ts);
	plan_tasks_free(&p->tasks);
	for (i = 0; i < PROC_NSECTIONS; i++)
		free(p->sec_html[i]);
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

	search_free(s->search);
	s->search = NULL;
	for (i = 0; i < s->npages; i++)
		page_free(s->pages[i]);
	free(s->pages);
	free(s->posts);
	free(s->plans);
	free(s->procs);
	free(s->bysrc);
	taxonomy_free(s);
	for (i = 0; i < s->nlogmonths; i++) {
		free(s->logmonths[i].url);
		free(s->logmonths[i].title);
	}
	free(s->logmonths);
	free(s->log);
	history_free(&s->hist);
	plans_free(s);
	config_free(&s->cfg);
	diag_free(&s->diag);
	memset(s, 0, sizeof(*s));
}

const char *
model_summary(const struct page *p)
{
	const char	*s = fm_str(p->meta, "summary");

	if (s == NULL && p->summary != NULL)
		s = val_get_str(val_map_get(p->summary, "summary"));
	return s;
}

const char *
model_kind_name(enum page_kind k)
{
	static const char *const names[] = { "post", "procedure", "plan",
	    "page", "home", "list", "notfound", "terms", "archive", "log",
	    "report", "reports", "procedures", "search" };

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
	/* Folded once per page: folding in the comparison costs n log n. */
	int c = strcmp(pa->title_fold, pb->title_fold);

	if (c == 0)
		c = strcmp(pa->title, pb->title);
	return c != 0 ? c : strcmp(pa->url, pb->url);
}

static void
push(struct page ***arr, size_t *n, struct page *p)
{
	/* Arrays are sized for every page up front; see model_build. */
	(*arr)[(*n)++] = p;
}

static int
str_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

#define STALE_DRAFT_DAYS 90

/*
 * A draft whose last commit is more than STALE_DRAFT_DAYS before today:
 * most likely finished and forgotten, or abandoned.  Not a page changed
 * in the work tree (being worked on) nor one git does not know.
 */
static void
warn_stale_draft(const struct site *s, struct page *p)
{
	const struct hist_event	*last;
	struct cdate		 d;
	struct buf		 b = BUF_INIT;
	long long		 days;
	int			 line, col;

	if (!p->draft || p->hist == NULL || p->hist->nevents == 0 ||
	    (s->hist.nuncommitted > 0 && bsearch(p->src, s->hist.uncommitted,
	    s->hist.nuncommitted, sizeof(char *), str_cmp) != NULL))
		return;
	last = p->hist->events[p->hist->nevents - 1];
	/* Calendar days in Vietnam: 1 June to 20 November is 172. */
	date_from_epoch(last->time, DATE_VN_TZ, &d);
	d.hh = d.mi = d.ss = 0;
	days = (date_epoch(&s->today) - date_epoch(&d)) / 86400;
	if (days <= STALE_DRAFT_DAYS)
		return;
	date_fmt_vn(&d, &b);
	yaml_key_pos(p->meta, "draft", &line, &col);
	diag_warn(&p->diag, p->src, line, col, "bản nháp (draft: true) không "
	    "được sửa từ ngày %s, đã %lld ngày; nếu bài đã xong hãy đổi "
	    "thành draft: false để đưa ra, nếu không dùng nữa hãy xóa tệp",
	    buf_cstr(&b), days);
	buf_free(&b);
}

void
model_apply_history(struct site *s)
{
	const struct hist_event	*first, *last;
	struct cdate		 d;
	size_t			 i;

	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->src == NULL || p->failed)
			continue;
		p->hist = s->hist.available ? history_find(&s->hist, p->src) :
		    NULL;
		if (p->hist == NULL || p->hist->nevents == 0) {
			if (!p->has_date)
				p->date = s->today;
			p->has_date = 1;
			continue;
		}
		warn_stale_draft(s, p);
		first = p->hist->events[0];
		last = p->hist->events[p->hist->nevents - 1];
		if (!p->has_date) {
			date_from_epoch(first->time, DATE_VN_TZ, &p->date);
			p->date.has_time = 1;
			p->has_date = 1;
		}
		/* The commit that added a page is no change to it. */
		if (p->hist->nevents > 1) {
			date_from_epoch(last->time, DATE_VN_TZ, &d);
			d.has_time = 1;
			if (date_cmp(&d, &p->date) > 0) {
				p->updated = d;
				p->has_updated = 1;
			}
		}
	}
}

struct evpage {
	const struct hist_event	*ev;
	struct page		*page;
};

static int
evpage_cmp(const void *a, const void *b)
{
	const struct evpage *x = a, *y = b;

	return (x->ev > y->ev) - (x->ev < y->ev);
}

static void
log_vn_date(const void *items, size_t i, struct cdate *out)
{
	const struct log_entry	*log = items;

	date_from_epoch(log[i].ev->time, DATE_VN_TZ, out);
}

/*
 * The publication log: every event of a page that is built now, and every
 * removal.  Drafts and scheduled posts stay out of it, so the log never
 * announces what readers cannot open.  Titles of pages that are gone come
 * from their removal, carried back through renames.
 */
static void
build_log(struct site *s)
{
	const struct history	*h = &s->hist;
	struct evpage		*map, key, *hit;
	struct log_entry	*e;
	struct log_month	*m;
	struct month_run	*runs;
	const char		**gone;
	size_t			  i, k, n = 0, nr;

	if (!h->available || h->nlog == 0)
		return;
	/* Which built page each event belongs to, by event address. */
	for (i = 0; i < h->nfiles; i++)
		n += h->files[i].nevents;
	map = xcalloc(n ? n : 1, sizeof(*map));
	n = 0;
	for (i = 0; i < h->nfiles; i++) {
		struct page *p = model_find_src(s, h->files[i].path);

		for (k = 0; k < h->files[i].nevents; k++) {
			map[n].ev = h->files[i].events[k];
			map[n++].page = p;
		}
	}
	qsort(map, n, sizeof(*map), evpage_cmp);
	/* Last known titles of removed pages, newest event first. */
	gone = xcalloc(h->nlog, sizeof(*gone));
	s->log = xcalloc(h->nlog, sizeof(*s->log));
	for (i = 0; i < h->nlog; i++) {
		const struct hist_event *ev = &h->log[i];
		struct page *p = NULL;

		key.ev = ev;
		if ((hit = bsearch(&key, map, n, sizeof(*map),
		    evpage_cmp)) != NULL)
			p = hit->page;
		if (ev->kind == HIST_REMOVED)
			gone[i] = ev->title;
		else if (hit == NULL)
			/* A page that is gone: rare, so a backward scan. */
			for (k = i; k-- > 0;)
				/* A later event on this path names it. */
				if (gone[k] != NULL && h->log[k].path != NULL &&
				    (strcmp(h->log[k].path, ev->path) == 0 ||
				    (h->log[k].old_path != NULL &&
				    strcmp(h->log[k].old_path, ev->path) == 0))) {
					gone[i] = gone[k];
					break;
				}
		if (ev->kind != HIST_REMOVED && (p == NULL || p->failed ||
		    p->skip || p->url == NULL) && hit != NULL)
			continue;	/* a draft or scheduled page */
		e = &s->log[s->nlog++];
		e->ev = ev;
		e->page = ev->kind == HIST_REMOVED || p == NULL || p->skip ?
		    NULL : p;
		e->kind = ev->kind == HIST_ADDED ? LOG_PUBLISHED :
		    ev->kind == HIST_REMOVED ? LOG_REMOVED : LOG_CHANGED;
		e->title = e->page != NULL ? e->page->title :
		    gone[i] != NULL ? gone[i] : ev->path;
	}
	free(gone);
	free(map);
	/* Group by month of the event, in Vietnam time. */
	nr = date_month_runs(s->log, s->nlog, log_vn_date, &runs);
	if (nr > 0)
		s->logmonths = xcalloc(nr, sizeof(*s->logmonths));
	for (i = 0; i < nr; i++) {
		m = &s->logmonths[s->nlogmonths++];
		m->year = runs[i].y;
		m->month = runs[i].m;
		m->url = route_month(ROUTE_LOG, runs[i].y, runs[i].m);
		m->title = when_month_title(runs[i].y, runs[i].m);
		m->entries = &s->log[runs[i].first];
		m->n = runs[i].n;
	}
	free(runs);
}

static struct page *
add_page(struct site *s, enum page_kind kind, int section, char *title,
    char *url, char *intro)
{
	struct page	*p = page_new(kind, NULL);

	p->title = title;
	p->url = url;
	p->out = route_out(url);
	p->intro = intro;
	p->section = section;
	p->date = s->today;
	site_add_page(s, p);
	return p;
}

/*
 * A list of posts split into pages of `per`: base/, then route_list_page().
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
		    xstrdup(base) : route_list_page(base, (long)k),
		    intro != NULL ? xstrdup(intro) : NULL);
		/* No items: NULL, and NULL + 0 is undefined. */
		p->items = items != NULL ? items + (k - 1) * per : NULL;
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

#define LOG_LATEST 100	/* events on nhat-ky/ itself */

static void
add_generated(struct site *s)
{
	struct page	*p;
	size_t		 i, per = (size_t)s->cfg.posts_per_page;
	const struct term *t;
	char		*title, *intro;

	add_page(s, PAGE_HOME, SECTION_NONE, xstrdup(s->cfg.title),
	    xstrdup(""), NULL);
	add_list(s, SECTION_NEWS, ROUTE_NEWS, "Tin tức", "Tin, bài về công "
	    "tác cải cách hành chính.", s->posts, s->nposts, per, NULL, NULL);
	add_list(s, SECTION_PLANS, ROUTE_PLANS, "Kế hoạch", "Các kế hoạch "
	    "về cải cách hành chính và tuyên truyền cải cách hành chính.",
	    s->plans, s->nplans, 0, NULL, NULL);
	add_page(s, PAGE_PROCS, SECTION_PROCS, xstrdup("Thủ tục hành chính"),
	    xstrdup(ROUTE_PROCS), xstrdup("Các thủ tục hành chính thuộc thẩm "
	    "quyền giải quyết, theo lĩnh vực."))->tax = &s->fields;
	for (i = 0; i < s->fields.nterms; i++) {
		t = &s->fields.terms[i];
		p = add_page(s, PAGE_PROCS, SECTION_PROCS, xasprintf("Lĩnh vực: "
		    "%s", t->name), xstrdup(t->url), xasprintf("Các thủ tục "
		    "hành chính thuộc lĩnh vực %s.", t->name));
		p->tax = &s->fields;
		p->term = t;
	}
	if (s->nreports > 0)
		add_page(s, PAGE_REPORTS, SECTION_PLANS, xstrdup("Báo cáo "
		    "định kỳ"), xstrdup(ROUTE_REPORTS), xstrdup("Báo cáo tình hình "
		    "thực hiện kế hoạch tuyên truyền cải cách hành chính theo "
		    "quý, 6 tháng và năm."));
	for (i = 0; i < s->nreports; i++) {
		p = add_page(s, PAGE_REPORT, SECTION_PLANS,
		    xstrdup(s->reports[i].title), xstrdup(s->reports[i].url),
		    NULL);
		p->report = &s->reports[i];
	}
	add_page(s, PAGE_TERMS, SECTION_TOPICS, xstrdup("Chủ đề"),
	    xstrdup(ROUTE_TOPICS), xstrdup("Tin, bài theo chủ đề."))->tax =
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
	    xstrdup(ROUTE_UNITS), xstrdup("Tin, bài theo đơn vị đăng."))->tax =
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
	    xstrdup(ROUTE_ARCHIVE), xstrdup("Tin, bài theo tháng đăng."));
	for (i = 0; i < s->nmonths; i++) {
		title = xasprintf("Lưu trữ: %s", s->months[i].title);
		add_list(s, SECTION_ARCHIVE, s->months[i].url, title, NULL,
		    s->months[i].posts, s->months[i].nposts, per, NULL, NULL);
		free(title);
	}
	p = add_page(s, PAGE_LOG, SECTION_LOG, xstrdup("Nhật ký đăng tin"),
	    xstrdup(ROUTE_LOG), xstrdup("Các lần đăng mới, cập nhật và gỡ "
	    "trang của chuyên mục, theo lịch sử lưu trong kho git."));
	p->log = s->log;
	p->nlog = s->nlog < LOG_LATEST ? s->nlog : LOG_LATEST;
	for (i = 0; i < s->nlogmonths; i++) {
		p = add_page(s, PAGE_LOG, SECTION_LOG, xasprintf("Nhật ký "
		    "đăng tin: %s", s->logmonths[i].title),
		    xstrdup(s->logmonths[i].url), NULL);
		p->log = s->logmonths[i].entries;
		p->nlog = s->logmonths[i].n;
		p->intro = xasprintf("Các lần đăng mới, cập nhật và gỡ trang "
		    "trong tháng %d/%d.", s->logmonths[i].month,
		    s->logmonths[i].year);
		p->pageno = 1;
	}
	add_page(s, PAGE_NOTFOUND, SECTION_NONE,
	    xstrdup("Không tìm thấy trang"), xstrdup(ROUTE_NOTFOUND), NULL);
	add_page(s, PAGE_SEARCH, SECTION_NONE, xstrdup("Tìm kiếm"),
	    xstrdup(ROUTE_SEARCH), NULL);
}

static int
code_cmp(const void *a, const void *b)
{
	const struct page *x = *(struct page *const *)a;
	const struct page *y = *(struct page *const *)b;
	const char *cx = fm_str(x->meta, "code");
	const char *cy = fm_str(y->meta, "code");
	int c = strcmp(cx != NULL ? cx : "", cy != NULL ? cy : "");

	return c != 0 ? c : strcmp(x->src, y->src);
}

/* A procedure code names one procedure in the national database. */
static int
check_codes(struct site *s)
{
	struct page	**v;
	const char	 *a, *b;
	size_t		  i;
	int		  rc = 0, line, col;

	if (s->nprocs < 2)
		return 0;
	v = xcalloc(s->nprocs, sizeof(*v));
	memcpy(v, s->procs, s->nprocs * sizeof(*v));
	qsort(v, s->nprocs, sizeof(*v), code_cmp);
	for (i = 1; i < s->nprocs; i++) {
		a = fm_str(v[i - 1]->meta, "code");
		b = fm_str(v[i]->meta, "code");
		if (a == NULL || b == NULL || strcmp(a, b) != 0)
			continue;
		line = val_line(val_map_get(v[i]->meta, "code"));
		col = val_col(val_map_get(v[i]->meta, "code"));
		diag_err(&v[i]->diag, v[i]->src, line, col, "mã thủ tục “%s” "
		    "trùng với %s; mỗi thủ tục có một mã riêng trên Cơ sở dữ "
		    "liệu quốc gia, hãy kiểm tra lại", b, v[i - 1]->src);
		v[i]->failed = 1;
		rc = -1;
	}
	free(v);
	return rc;
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
			if (strcmp(p->url, ROUTE_ABOUT) == 0)
				s->about = p;
			break;
		default:
			break;
		}
	}
	qsort(s->bysrc, s->nbysrc, sizeof(*s->bysrc), src_cmp);
	qsort(s->posts, s->nposts, sizeof(*s->posts), post_cmp);
	qsort(s->plans, s->nplans, sizeof(*s->plans), post_cmp);
	for (i = 0; i < s->nprocs; i++)
		if (s->procs[i]->title_fold == NULL)
			s->procs[i]->title_fold = slug_fold(s->procs[i]->title,
			    strlen(s->procs[i]->title));
	qsort(s->procs, s->nprocs, sizeof(*s->procs), title_cmp);
	if (taxonomy_build(s) == -1)
		rc = -1;
	if (check_codes(s) == -1)
		rc = -1;
	plans_reports(s);
	build_log(s);
	add_generated(s);
	if (check_urls(s) == -1)
		rc = -1;
	return rc;
}
