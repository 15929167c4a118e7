/*
 * render.c - stage 4: views (template contexts) and templates; see render.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "hash.h"
#include "images.h"
#include "markdown.h"
#include "model.h"
#include "mustache.h"
#include "render.h"
#include "reports.h"
#include "routes.h"
#include "session.h"
#include "plans.h"
#include "procedure.h"
#include "slug.h"
#include "timeline.h"
#include "url.h"
#include "util.h"
#include "value.h"

#define DESC_MAX 160	/* characters in a meta description */
#define HOME_POSTS 5
#define PAGE_WINDOW 2	/* page numbers shown either side of the current */

/* Cuts plain text to at most DESC_MAX characters at a word boundary. */
static char *
describe(const char *s)
{
	size_t	 i, chars = 0, cut = 0;
	char	*out;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (chars == DESC_MAX)
			break;
		if (s[i] == ' ')
			cut = i;
		chars++;
	}
	if (s[i] == '\0')
		return xstrdup(s);
	if (cut == 0)
		cut = i;
	/* s cut at `cut`, then "…": what "%.*s…" gives, without printf. */
	out = xmalloc(cut + sizeof("…"));
	memcpy(out, s, cut);
	memcpy(out + cut, "…", sizeof("…"));
	return out;
}

static void
set_date(struct val *m, const char *iso, const char *disp,
    const struct cdate *d)
{
	struct buf	 b = BUF_INIT;
	struct cdate	 vn;

	date_to_vn(d, &vn);
	date_fmt_iso(&vn, &b);
	val_map_set_str(m, iso, buf_cstr(&b));
	buf_reset(&b);
	date_fmt_vn(&vn, &b);
	val_map_set_str(m, disp, buf_cstr(&b));
	buf_free(&b);
}

/* Front matter image as a URL relative to the section root. */
static char *
image_url(const struct page *p)
{
	const char	*img = fm_str(p->meta, "image");
	const char	*base;

	if (img == NULL)
		return NULL;
	base = strrchr(img, '/');
	return fs_join(p->url, base != NULL ? base + 1 : img);
}

const char *
render_online_label(const char *o)
{
	if (o == NULL)
		return NULL;
	if (strcmp(o, "toan-trinh") == 0)
		return "Toàn trình";
	if (strcmp(o, "mot-phan") == 0)
		return "Một phần";
	if (strcmp(o, "khong") == 0)
		return "Không";
	return o;
}

static struct val *link_item(const char *, const char *);

/*
 * Epoch time t in Vietnam time as "time_iso" ("2025-06-15T09:30:00+07:00")
 * and "time_display" ("15/06/2025 09:30") of map m.
 */
static void
set_time(struct val *m, long long t)
{
	struct buf	 b = BUF_INIT;
	struct cdate	 d;

	date_from_epoch(t, DATE_VN_TZ, &d);
	d.has_time = 1;
	date_fmt_iso(&d, &b);
	val_map_set(m, "time_iso", val_strn(b.data, b.len));
	buf_reset(&b);
	date_fmt_vn_time(&d, &b);
	val_map_set(m, "time_display", val_str_own(buf_detach(&b)));
}

/*
 * The commit page on the forge: repo_url with "{commit}" replaced, or
 * repo_url + "/commit/" + id (GitHub, GitLab, Gitea all accept it).
 */
static char *
commit_url(const struct site *s, const char *id)
{
	const char	*r = s->cfg.repo_url, *ph;
	struct buf	 b = BUF_INIT;
	size_t		 n;

	if (r == NULL || *r == '\0')
		return NULL;
	if ((ph = strstr(r, "{commit}")) != NULL) {
		buf_put(&b, r, (size_t)(ph - r));
		buf_puts(&b, id);
		buf_puts(&b, ph + 8);
		return buf_detach(&b);
	}
	n = strlen(r);
	buf_put(&b, r, n && r[n - 1] == '/' ? n - 1 : n);
	buf_puts(&b, "/commit/");
	buf_puts(&b, id);
	return buf_detach(&b);
}

static void
event_fields(const struct site *s, struct val *m, const struct hist_event *ev)
{
	char	*u;

	set_time(m, ev->time);
	val_map_set_str(m, "author", ev->author);
	val_map_set_str(m, "subject", ev->subject);
	val_map_set(m, "short_id", val_strn(ev->id, 7));
	if ((u = commit_url(s, ev->id)) != NULL)
		val_map_set(m, "commit_url", val_str_own(u));
}

static struct val *
history_list(const struct site *s, const struct page *p)
{
	static const char *const kinds[][2] = {
		{ "added", "Đăng mới" }, { "modified", "Cập nhật" },
		{ "renamed", "Đổi tên" }, { "removed", "Đã gỡ" },
	};
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; p->hist != NULL && i < p->hist->nevents; i++) {
		const struct hist_event *ev = p->hist->events[i];

		m = val_map_lit();
		event_fields(s, m, ev);
		val_map_set_str(m, "kind", kinds[ev->kind][0]);
		val_map_set_str(m, "kind_label", kinds[ev->kind][1]);
		val_list_push(l, m);
	}
	return l;
}

static struct val *
log_groups(const struct site *s, const struct page *p)
{
	static const char *const kinds[][2] = {
		{ "published", "Đăng mới" }, { "changed", "Cập nhật" },
		{ "removed", "Đã gỡ" },
	};
	struct val	*l = val_list(), *g = NULL, *evs = NULL, *m;
	struct cdate	 d;
	size_t		 i;
	int		 y = 0, mo = 0;

	for (i = 0; i < p->nlog; i++) {
		const struct log_entry *e = &p->log[i];

		date_from_epoch(e->ev->time, DATE_VN_TZ, &d);
		if (g == NULL || d.y != y || d.m != mo) {
			y = d.y;
			mo = d.m;
			g = val_map_lit();
			val_map_set(g, "title", val_str_own(
			    when_month_title(y, mo)));
			evs = val_list();
			val_map_set(g, "events", evs);
			val_list_push(l, g);
		}
		m = val_map_lit();
		event_fields(s, m, e->ev);
		val_map_set_str(m, "kind", kinds[e->kind][0]);
		val_map_set_str(m, "kind_label", kinds[e->kind][1]);
		val_map_set_str(m, "title", e->title);
		if (e->page != NULL)
			val_map_set_str(m, "url", e->page->url);
		val_list_push(evs, m);
	}
	return l;
}

static struct val *
log_months(const struct site *s)
{
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; i < s->nlogmonths; i++) {
		m = link_item(s->logmonths[i].title, s->logmonths[i].url);
		val_map_set_num(m, "count", (double)s->logmonths[i].n);
		val_list_push(l, m);
	}
	return l;
}

/*
 * An image for a template: {src, width, height, srcset: [{sep, url, w}]}
 * from the variants of kind k; URLs relative to the section root (the
 * template puts {{root}} before each).  `src` is the one nearest to
 * `want` pixels wide (from below).
 */
static struct val *
img_value(const struct image *im, enum img_var_kind k, int want)
{
	const struct img_var *v, *src = NULL;
	struct val	*m = val_map_lit(), *set = val_list(), *e;
	size_t		 i;

	for (i = 0; (v = images_var(im, k, i)) != NULL; i++) {
		if (src == NULL || v->w <= want)
			src = v;
		e = val_map_lit();
		val_map_set_str(e, "sep", i > 0 ? ", " : "");
		val_map_set_str(e, "url", v->path);
		val_map_set_num(e, "w", (double)v->w);
		val_list_push(set, e);
	}
	if (src != NULL) {
		val_map_set_str(m, "src", src->path);
		val_map_set_num(m, "width", (double)src->w);
		val_map_set_num(m, "height", (double)src->h);
	}
	val_map_set(m, "srcset", set);
	return m;
}

/*
 * The cover: `cover` (the photo at the top of the post, with image_alt)
 * and `thumb` (cropped 3:2 for lists; the title beside it says what it
 * is, so its alt is empty).
 */
static void
cover_fields(const struct page *p, struct val *m)
{
	struct val	*c;

	c = img_value(p->cover, IMG_VAR_WIDTH, 800);
	val_map_set_str(c, "alt", fm_str(p->meta, "image_alt") != NULL ?
	    fm_str(p->meta, "image_alt") : "");
	val_map_set(m, "cover", c);
	val_map_set(m, "thumb", img_value(p->cover, IMG_VAR_THUMB, 320));
}

/*
 * The banner of a page only a preview builds (`cchc serve`: a build
 * skips these pages): "draft" true, "scheduled" the day it goes out,
 * "15/06/2025".  Absent otherwise, so built pages' contexts do not change.
 */
static void
preview_fields(const struct page *p, struct val *m)
{
	struct buf	 b = BUF_INIT;
	struct cdate	 vn;

	if (p->draft)
		val_map_set_bool(m, "draft", 1);
	if (p->scheduled) {
		date_to_vn(&p->date, &vn);
		date_fmt_vn(&vn, &b);
		val_map_set(m, "scheduled", val_str_own(buf_detach(&b)));
	}
	if (p->draft || p->scheduled)
		val_map_set_bool(m, "preview_only", 1);
}

/* Fields shared by the page map and the summaries in lists. */
static void
common_fields(const struct page *p, struct val *m)
{
	static const char *const keys[] = { "unit", "number", "code",
	    "field", NULL };
	const char	*sum;
	char		*img, *desc;
	size_t		 i;

	val_map_set_str(m, "kind", model_kind_name(p->kind));
	val_map_set_str(m, "title", p->title);
	val_map_set_str(m, "url", p->url);
	/* Undated pages show no date rather than the build day. */
	if (p->src != NULL && p->has_date)
		set_date(m, "date_iso", "date_display", &p->date);
	sum = fm_str(p->meta, "summary");
	if (sum != NULL)
		val_map_set_str(m, "summary", sum);
	else if (p->md_done && *p->md.first_para != '\0') {
		desc = describe(p->md.first_para);
		val_map_set(m, "summary", val_str_own(desc));
	}
	for (i = 0; keys[i] != NULL; i++)
		val_map_set_str(m, keys[i], fm_str(p->meta, keys[i]));
	preview_fields(p, m);
	if (p->cover != NULL) {
		val_map_set_str(m, "image", images_var(p->cover,
		    IMG_VAR_SOCIAL, 0) != NULL ? images_var(p->cover,
		    IMG_VAR_SOCIAL, 0)->path : p->cover->vars[0].path);
		cover_fields(p, m);
	} else if ((img = image_url(p)) != NULL)
		val_map_set(m, "image", val_str_own(img));
}

/*
 * Parts of the context that are the same on many pages - the nav, the
 * breadcrumbs of posts, plans and procedures, the feeds, the news lists'
 * links, "root" - are built once, by render_share() before pages render
 * in parallel, and shared by reference: worker threads only read and
 * ref them (see value.h).  They are kept in the render_env (session.h)
 * with the site they were built for (the nav names its about page); a
 * page of another site gets them built per page, the same values.
 */
#define SHARED_ROOTS	16	/* "root" for URLs up to this deep */
#define PAGE_KINDS	(PAGE_SEARCH + 1)	/* the last of enum page_kind */
#define NAV_ITEMS	4
/* Which nav items are current: one of NAV_VARIANTS lists. */
#define NAV_VARIANTS	(2 * (NAV_ITEMS + 1))

static struct val *nav_build(const struct site *, int);
static struct val *breadcrumbs_of_kind(enum page_kind);
static struct val *site_feeds(void);
static struct val *news_links(void);

struct render_shared {
	const struct site	*site;		/* built for this one */
	struct val		*nav[NAV_VARIANTS];
	struct val		*crumbs[PAGE_KINDS];	/* or NULL */
	struct val		*feeds;
	struct val		*news_links;
	struct val		*root[SHARED_ROOTS];
};

static void
shared_free(struct render_env *env)
{
	struct render_shared *sh = env->shared;
	size_t		 i;

	if (sh == NULL)
		return;
	env->shared = NULL;
	for (i = 0; i < NAV_VARIANTS; i++)
		val_unref(sh->nav[i]);
	for (i = 0; i < PAGE_KINDS; i++)
		val_unref(sh->crumbs[i]);
	val_unref(sh->feeds);
	val_unref(sh->news_links);
	for (i = 0; i < SHARED_ROOTS; i++)
		val_unref(sh->root[i]);
	free(sh);
}

void
render_share(struct render_env *env, const struct site *s)
{
	struct render_shared *sh;
	char		 slashes[SHARED_ROOTS];
	size_t		 i;

	shared_free(env);
	sh = xcalloc(1, sizeof(*sh));
	sh->site = s;
	for (i = 0; i < NAV_VARIANTS; i++)
		sh->nav[i] = nav_build(s, (int)i);
	for (i = 0; i < PAGE_KINDS; i++)
		sh->crumbs[i] = breadcrumbs_of_kind((enum page_kind)i);
	sh->feeds = site_feeds();
	sh->news_links = news_links();
	/* model_root_prefix() counts the slashes of the URL. */
	for (i = 0; i < SHARED_ROOTS; i++) {
		memset(slashes, '/', i);
		slashes[i] = '\0';
		sh->root[i] = val_str_own(model_root_prefix(slashes));
	}
	env->shared = sh;
}

static const struct render_shared *
shared_of(const struct render_env *env, const struct site *s)
{
	const struct render_shared *sh = env->shared;

	return sh != NULL && sh->site == s ? sh : NULL;
}

void
render_env_free(struct render_env *env)
{
	shared_free(env);
	if (env->theme != NULL)
		mus_set_free(env->theme);
	val_unref(env->site_val);
	memset(env, 0, sizeof(*env));
}

void
render_summary(const struct site *s, struct page *p)
{
	const struct term *t;

	val_unref(p->summary);
	p->summary = NULL;
	if (p->failed || p->skip || p->url == NULL)
		return;
	p->summary = val_map_lit();
	common_fields(p, p->summary);
	/* A unit spelled two ways is listed by its merged name, as on the
	 * post page (page_value). */
	if (p->kind == PAGE_POST && (t = taxonomy_find(&s->units,
	    fm_str(p->meta, "unit") ? fm_str(p->meta, "unit") : "")) != NULL)
		val_map_set_str(p->summary, "unit", t->name);
}

void
render_summaries(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->npages; i++)
		render_summary(s, s->pages[i]);
}

void
render_site_value(struct render_env *env, const struct site_config *c)
{
	struct val	*m = val_map_lit();

	shared_free(env);
	val_unref(env->site_val);
	val_map_set_str(m, "title", c->title);
	val_map_set_str(m, "department", c->department);
	val_map_set_str(m, "province", c->province);
	val_map_set_str(m, "description", c->description ? c->description : "");
	val_map_set_str(m, "lang", c->language);
	val_map_set_str(m, "base_url", c->base_url);
	val_map_set_str(m, "address", c->address);
	val_map_set_str(m, "phone", c->phone);
	val_map_set_str(m, "email", c->email);
	val_map_set_str(m, "generator", "cchc " CCHC_VERSION);
	env->site_val = val_map_lit();
	val_map_set(env->site_val, "site", m);
}

static struct val *
link_item(const char *title, const char *url)
{
	struct val	*m = val_map_lit();

	val_map_set_str(m, "title", title);
	val_map_set_str(m, "url", url);
	return m;
}

/* The nav item a page belongs to, as its URL ("" for home). */
static const char *
section_of(const struct page *p)
{
	switch (p->kind) {
	case PAGE_POST:
		return ROUTE_NEWS;
	case PAGE_PLAN:
		return ROUTE_PLANS;
	case PAGE_PROCEDURE:
		return ROUTE_PROCS;
	case PAGE_HOME:
		return "";
	default:
		break;
	}
	switch (p->section) {
	case SECTION_NEWS:
	case SECTION_TOPICS:
	case SECTION_UNITS:
	case SECTION_ARCHIVE:
		/* Topics, units and the archive are ways into the news. */
		return ROUTE_NEWS;
	case SECTION_PLANS:
		return ROUTE_PLANS;
	case SECTION_PROCS:
		return ROUTE_PROCS;
	default:
		return p->url;
	}
}

static const char *const nav_items[NAV_ITEMS][2] = {
	{ "Trang chủ", "" },
	{ "Tin tức", ROUTE_NEWS },
	{ "Kế hoạch", ROUTE_PLANS },
	{ "Thủ tục hành chính", ROUTE_PROCS },
};

/*
 * The nav of page p is one of a few lists: which of the four items is
 * current (their URLs differ, so one at most; NAV_ITEMS for none), plus
 * NAV_ITEMS + 1 when p is the about page.
 */
static int
nav_variant(const struct site *s, const struct page *p)
{
	const char	*sec = section_of(p);
	int		 i, v = NAV_ITEMS;

	if (p->kind != PAGE_NOTFOUND)
		for (i = 0; i < NAV_ITEMS; i++)
			if (strcmp(sec, nav_items[i][1]) == 0) {
				v = i;
				break;
			}
	if (s->about != NULL && p == s->about)
		v += NAV_ITEMS + 1;
	return v;
}

static struct val *
nav_build(const struct site *s, int variant)
{
	struct val	*l = val_list(), *m;
	int		 i;

	for (i = 0; i < NAV_ITEMS; i++) {
		m = link_item(nav_items[i][0], nav_items[i][1]);
		val_map_set_bool(m, "current", variant % (NAV_ITEMS + 1) == i);
		val_list_push(l, m);
	}
	if (s->about != NULL) {
		m = link_item("Giới thiệu", s->about->url);
		val_map_set_bool(m, "current", variant > NAV_ITEMS);
		val_list_push(l, m);
	}
	return l;
}

/*
 * The breadcrumbs of the kinds for which they depend on the kind alone;
 * NULL for the others.
 */
static struct val *
breadcrumbs_of_kind(enum page_kind k)
{
	struct val	*l;

	switch (k) {
	case PAGE_HOME:
	case PAGE_NOTFOUND:
		return val_list();
	case PAGE_POST:
	case PAGE_PLAN:
	case PAGE_PROCEDURE:
		break;
	default:
		return NULL;
	}
	l = val_list();
	val_list_push(l, link_item("Trang chủ", ""));
	if (k == PAGE_POST)
		val_list_push(l, link_item("Tin tức", ROUTE_NEWS));
	else if (k == PAGE_PLAN)
		val_list_push(l, link_item("Kế hoạch", ROUTE_PLANS));
	else
		val_list_push(l, link_item("Thủ tục hành chính", ROUTE_PROCS));
	return l;
}

static struct val *
breadcrumbs(const struct page *p)
{
	struct val	*l;
	int		 first = p->pageno <= 1;

	if ((l = breadcrumbs_of_kind(p->kind)) != NULL)
		return l;
	l = val_list();
	val_list_push(l, link_item("Trang chủ", ""));
	switch (p->kind) {
	case PAGE_LIST:
		break;
	case PAGE_PROCS:
		if (p->term != NULL)
			val_list_push(l, link_item("Thủ tục hành chính",
			    ROUTE_PROCS));
		return l;
	case PAGE_REPORT:
		val_list_push(l, link_item("Kế hoạch", ROUTE_PLANS));
		val_list_push(l, link_item("Báo cáo định kỳ", ROUTE_REPORTS));
		return l;
	case PAGE_REPORTS:
		val_list_push(l, link_item("Kế hoạch", ROUTE_PLANS));
		return l;
	case PAGE_LOG:
		if (strcmp(p->url, ROUTE_LOG) != 0)
			val_list_push(l, link_item("Nhật ký đăng tin",
			    ROUTE_LOG));
		return l;
	default:
		return l;
	}
	switch (p->section) {
	case SECTION_TOPICS:
		val_list_push(l, link_item("Chủ đề", ROUTE_TOPICS));
		break;
	case SECTION_UNITS:
		val_list_push(l, link_item("Đơn vị", ROUTE_UNITS));
		break;
	case SECTION_ARCHIVE:
		val_list_push(l, link_item("Lưu trữ", ROUTE_ARCHIVE));
		break;
	default:
		break;
	}
	/* Page 2 and on sit under the list's first page. */
	if (!first && p->term != NULL)
		val_list_push(l, link_item(p->term->name, p->list_base));
	else if (!first && p->section != SECTION_TOPICS &&
	    p->section != SECTION_UNITS)
		val_list_push(l, link_item(p->section == SECTION_NEWS ?
		    "Tin tức" : p->title, p->list_base));
	return l;
}

static char *
list_page_url(const struct page *p, int k)
{
	return route_list_page(p->list_base, k);
}

static struct val *
pagination(const struct page *p)
{
	struct val	*m, *l, *it;
	int		 k;

	m = val_map_lit();
	val_map_set_num(m, "current", p->pageno);
	val_map_set_num(m, "total", p->npagesof);
	if (p->pageno > 1)
		val_map_set(m, "prev_url", val_str_own(list_page_url(p,
		    p->pageno - 1)));
	if (p->pageno < p->npagesof)
		val_map_set(m, "next_url", val_str_own(list_page_url(p,
		    p->pageno + 1)));
	/*
	 * A window of numbers: the first, the last and two either side of
	 * this page, "…" between.  Listing them all would make every page
	 * of a 1,000-page list 1,000 links long.
	 */
	l = val_list();
	for (k = 1; k <= p->npagesof; k++) {
		if (k != 1 && k != p->npagesof && (k < p->pageno - PAGE_WINDOW ||
		    k > p->pageno + PAGE_WINDOW)) {
			it = val_map_lit();
			val_map_set_bool(it, "gap", 1);
			val_map_set_bool(it, "current", 0);
			val_list_push(l, it);
			/* Skip to the next number shown. */
			k = k < p->pageno ? p->pageno - PAGE_WINDOW - 1 :
			    p->npagesof - 1;
			continue;
		}
		it = val_map_lit();
		val_map_set_bool(it, "gap", 0);
		val_map_set_num(it, "number", k);
		val_map_set(it, "url", val_str_own(list_page_url(p, k)));
		val_map_set_bool(it, "current", k == p->pageno);
		val_list_push(l, it);
	}
	val_map_set(m, "pages", l);
	return m;
}

static struct val *
terms_list(const struct taxonomy *t)
{
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; i < t->nterms; i++) {
		m = link_item(t->terms[i].name, t->terms[i].url);
		val_map_set_str(m, "name", t->terms[i].name);
		val_map_set_num(m, "count", (double)t->terms[i].nposts);
		val_map_set(m, "feed_url", val_str_own(route_rss(
		    t->terms[i].url)));
		val_list_push(l, m);
	}
	return l;
}

static struct val *
years_list(const struct site *s)
{
	struct val	*l = val_list(), *y = NULL, *months = NULL, *m;
	size_t		 i, count = 0;
	int		 year = 0;

	for (i = 0; i < s->nmonths; i++) {
		const struct month *mo = &s->months[i];

		if (y == NULL || mo->year != year) {
			if (y != NULL)
				val_map_set_num(y, "count", (double)count);
			y = val_map_lit();
			year = mo->year;
			count = 0;
			val_map_set_num(y, "year", year);
			months = val_list();
			val_map_set(y, "months", months);
			val_list_push(l, y);
		}
		m = link_item(mo->title, mo->url);
		val_map_set_num(m, "count", (double)mo->nposts);
		val_map_set_num(m, "month", mo->month);
		val_list_push(months, m);
		count += mo->nposts;
	}
	if (y != NULL)
		val_map_set_num(y, "count", (double)count);
	return l;
}

static struct val *
feed_link(const char *title, const char *url, const char *type)
{
	struct val	*m = link_item(title, url);

	val_map_set_str(m, "type", type);
	return m;
}

/* The feeds every page links to. */
static struct val *
site_feeds(void)
{
	struct val	*l = val_list();

	val_list_push(l, feed_link("Tin tức (RSS)", ROUTE_NEWS_RSS,
	    "application/rss+xml"));
	val_list_push(l, feed_link("Tin tức (Atom)", ROUTE_NEWS_ATOM,
	    "application/atom+xml"));
	return l;
}

/* site_feeds() (or `base`, the same list), then the page's own. */
static struct val *
feeds_list(const struct page *p, struct val *base)
{
	struct val	*l;
	char		*u, *t;
	size_t		 i;

	/* Topics and units have feeds; procedure fields do not. */
	if (p->term == NULL || p->kind != PAGE_LIST)
		return base != NULL ? val_ref(base) : site_feeds();
	if (base == NULL)
		l = site_feeds();
	else {
		l = val_list();
		for (i = 0; i < val_list_len(base); i++)
			val_list_push(l, val_ref(val_list_at(base, i)));
	}
	u = route_rss(p->term->url);
	t = xasprintf("%s (RSS)", p->term->name);
	val_list_push(l, feed_link(t, u, "application/rss+xml"));
	free(u);
	free(t);
	return l;
}

static struct val *
post_link(const struct page *p)
{
	return link_item(p->title, p->url);
}

static struct val *
summaries(struct page *const *pages, size_t n)
{
	struct val	*l = val_list();
	size_t		 i;

	for (i = 0; i < n; i++)
		val_list_push(l, val_ref(pages[i]->summary));
	return l;
}

static struct val *
toc_list(const struct page *p)
{
	struct val	*l = val_list(), *m;
	size_t		 i;

	if (!p->md_done)
		return l;
	for (i = 0; i < p->md.ntoc; i++) {
		if (p->md.toc[i].level < 2 || p->md.toc[i].level > 3)
			continue;
		m = val_map_lit();
		val_map_set_str(m, "id", p->md.toc[i].id);
		val_map_set_str(m, "text", p->md.toc[i].text);
		val_map_set_num(m, "level", p->md.toc[i].level);
		val_list_push(l, m);
	}
	return l;
}

/* A calendar day as "15/06/2025". */
static void
set_day(struct val *m, const char *key, const struct cdate *d)
{
	struct buf	 b = BUF_INIT;

	date_fmt_vn(d, &b);
	val_map_set(m, key, val_str_own(buf_detach(&b)));
}

/* A post as a line in a list: {title, url, date_display}. */
static struct val *
post_item(const struct page *p)
{
	struct val	*m = link_item(p->title, p->url);
	struct buf	 b = BUF_INIT;
	struct cdate	 vn;

	date_to_vn(&p->date, &vn);
	date_fmt_vn(&vn, &b);
	val_map_set(m, "date_display", val_str_own(buf_detach(&b)));
	return m;
}

static struct val *
name_list(char *const *v, size_t n)
{
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; i < n; i++) {
		m = val_map_lit();
		val_map_set_str(m, "name", v[i]);
		val_list_push(l, m);
	}
	return l;
}

/* A task's status, into map m. */
static void
task_status_fields(struct val *m, const struct task_status *st)
{
	val_map_set_str(m, "status", plans_status_text(st->kind)->name);
	val_map_set_str(m, "status_label", plans_status_text(st->kind)->label);
	if (st->unit != NULL)
		val_map_set(m, "progress", val_str_own(xasprintf("%d/%d %s",
		    st->done, st->elapsed, st->unit)));
}

static struct val *
month_titles(const int *months, size_t n)
{
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; i < n; i++) {
		m = val_map_lit();
		val_map_set(m, "title", val_str_own(when_month_title(
		    months[i] / 12, months[i] % 12 + 1)));
		val_list_push(l, m);
	}
	return l;
}

/* Months of [from, to] without news (plans_empty_months), or NULL. */
static struct val *
missing_months(const struct site *s, const struct cdate *from,
    const struct cdate *to)
{
	struct val	*l;
	int		*v;
	size_t		 n;

	n = plans_empty_months(s, from, to, &v);
	l = n > 0 ? month_titles(v, n) : NULL;
	free(v);
	return l;
}

/* Task i of plan p as the plan page shows it; fills its timeline row. */
static struct val *
task_value(const struct page *p, size_t i, struct timeline_item *row)
{
	const struct plan_task	*pt = &p->tasks.v[i];
	const struct when	*w = &p->ts[i].when;
	struct val		*t = val_map_lit(), *posts = val_list();
	size_t			 k;

	val_map_set_str(t, "id", pt->id);
	val_map_set_str(t, "content", pt->content);
	val_map_set_str(t, "lead", pt->lead);
	val_map_set(t, "partners", name_list(pt->partners, pt->npartners));
	val_map_set_str(t, "output", pt->output);
	val_map_set_str(t, "when_text", pt->when);
	val_map_set_str(t, "when_kind", when_kind_name(w->kind));
	if (w->has_dates) {
		set_day(t, "start_display", &w->start);
		set_day(t, "end_display", &w->end);
	}
	task_status_fields(t, &p->ts[i].status);
	for (k = 0; k < p->ts[i].nposts; k++)
		val_list_push(posts, post_item(p->ts[i].posts[k]));
	val_map_set(t, "posts", posts);
	row->id = pt->id;
	row->label = pt->content;
	row->status = p->ts[i].status.kind;
	row->has_dates = w->has_dates;
	row->start = w->start;
	row->end = w->end;
	return t;
}

/* A plan's tasks, how many have each status, and its timeline. */
static void
plan_tasks_fields(const struct site *s, const struct page *p, struct val *m)
{
	struct val		*tasks = val_list(), *t;
	struct timeline_item	*rows;
	struct buf		 svg = BUF_INIT;
	size_t			 i, dated = 0;
	int			 k, cnt[STATUS_KINDS] = { 0 };

	rows = xcalloc(p->tasks.n ? p->tasks.n : 1, sizeof(*rows));
	for (i = 0; i < p->tasks.n; i++) {
		val_list_push(tasks, task_value(p, i, &rows[i]));
		dated += rows[i].has_dates;
		cnt[p->ts[i].status.kind]++;
	}
	val_map_set(m, "tasks", tasks);
	t = val_map_lit();
	val_map_set_num(t, "total", (double)p->tasks.n);
	for (k = 0; k < STATUS_KINDS; k++)
		val_map_set_num(t, plans_status_text(k)->key, cnt[k]);
	val_map_set(m, "task_summary", t);
	if (dated > 0 && p->has_period) {
		timeline_svg(&svg, &p->period, &s->today, rows, p->tasks.n);
		val_map_set(m, "timeline_svg", val_str_own(buf_detach(&svg)));
	}
	free(rows);
}

/* Cross-references: the documents a plan implements, and who cites it. */
static void
plan_refs(const struct site *s, const struct page *p, struct val *m)
{
	const struct val	*basis = val_map_get(p->meta, "basis");
	const struct page	*q;
	const char		*name;
	struct val		*l = val_list(), *b;
	size_t			 i, n;

	n = val_type(basis) == VAL_STR ? 1 : val_list_len(basis);
	for (i = 0; i < n; i++) {
		name = val_type(basis) == VAL_STR ? val_get_str(basis) :
		    val_get_str(val_list_at(basis, i));
		b = val_map_lit();
		val_map_set_str(b, "name", name);
		if (name != NULL && (q = plans_find(s, name)) != NULL)
			val_map_set_str(b, "url", q->url);
		val_list_push(l, b);
	}
	val_map_set(m, "basis", l);
	l = val_list();
	for (i = 0; i < p->ncited_by; i++) {
		q = p->cited_by[i];
		b = link_item(q->title, q->url);
		val_map_set_str(b, "number", fm_str(q->meta, "number"));
		val_list_push(l, b);
	}
	val_map_set(m, "cited_by", l);
}

static void
plan_fields(const struct site *s, const struct page *p, struct val *m)
{
	struct val	*l;
	size_t		 i;

	plan_tasks_fields(s, p, m);
	if (p->has_period && (l = missing_months(s, &p->period.start,
	    &p->period.end)) != NULL)
		val_map_set(m, "missing_months", l);
	plan_refs(s, p, m);
	val_map_set(m, "json_url", val_str_own(route_json(p->url)));
	/* The reports whose period overlaps the plan's. */
	l = val_list();
	for (i = 0; p->has_period && i < s->nreports; i++)
		if (date_cmp_day(&s->reports[i].start, &p->period.end) <= 0 &&
		    date_cmp_day(&s->reports[i].end, &p->period.start) >= 0)
			val_list_push(l, link_item(s->reports[i].title,
			    s->reports[i].url));
	val_map_set(m, "reports", l);
}

static void
procedure_fields(const struct site *s, const struct page *p, struct val *m)
{
	struct val		*l = val_list(), *sec;
	const struct term	*t;
	const struct page	*q;
	const char		*dec = fm_str(p->meta, "decision");
	size_t			 i;

	for (i = 0; i < PROC_NSECTIONS; i++) {
		sec = val_map_lit();
		val_map_set_str(sec, "id", proc_sections[i].id);
		val_map_set_str(sec, "title", proc_sections[i].title);
		if (p->sec_html[i] != NULL)
			val_map_set_str(sec, "html", p->sec_html[i]);
		val_map_set_bool(sec, "missing", p->sec_html[i] == NULL);
		val_list_push(l, sec);
	}
	val_map_set(m, "sections", l);
	if (fm_str(p->meta, "field") != NULL &&
	    (t = taxonomy_find(&s->fields, fm_str(p->meta, "field"))) != NULL)
		val_map_set_str(m, "field_url", t->url);
	if (dec != NULL && (q = plans_find(s, dec)) != NULL)
		val_map_set_str(m, "decision_url", q->url);
	val_map_set_str(m, "online", fm_str(p->meta, "online"));
}

static struct val *
proc_item(const struct page *p)
{
	struct val	*m = link_item(p->title, p->url);
	struct buf	 b = BUF_INIT;
	const char	*code = fm_str(p->meta, "code");
	const char	*field = fm_str(p->meta, "field");
	char		*f;
	static const char *const keys[] = { "code", "level", "agency",
	    "online", NULL };
	size_t		 i;

	for (i = 0; keys[i] != NULL; i++)
		val_map_set_str(m, keys[i], fm_str(p->meta, keys[i]));
	val_map_set_str(m, "online_label",
	    render_online_label(fm_str(p->meta, "online")));
	buf_printf(&b, "%s %s %s", p->title, code ? code : "",
	    field ? field : "");
	f = slug_fold(buf_cstr(&b), b.len);
	val_map_set(m, "search", val_str_own(f));
	/* Its search document (search.h): the list's filter reads the
	   index by it. */
	if (p->doc >= 0)
		val_map_set_num(m, "doc", (double)p->doc);
	buf_free(&b);
	return m;
}

static struct val *
field_group(const struct term *t, size_t *total)
{
	struct val	*g = link_item(t->name, t->url), *l = val_list();
	size_t		 i;

	val_map_set_str(g, "name", t->name);
	val_map_set_num(g, "count", (double)t->nposts);
	for (i = 0; i < t->nposts; i++)
		val_list_push(l, proc_item(t->posts[i]));
	val_map_set(g, "procedures", l);
	*total += t->nposts;
	return g;
}

static struct val *
post_items(const struct page *const *v, size_t n)
{
	struct val	*l = val_list();
	size_t		 i;

	for (i = 0; i < n; i++)
		val_list_push(l, post_item(v[i]));
	return l;
}

/* A report's posts by unit and by task (reports.h). */
static void
report_posts(const struct report_contents *c, struct val *m)
{
	const struct report_task *rt;
	struct val		*l = val_list(), *g;
	size_t			 i;

	for (i = 0; i < c->nunits; i++) {
		g = val_map_lit();
		val_map_set_str(g, "name", c->units[i].unit->name);
		val_map_set_num(g, "count", (double)c->units[i].nposts);
		val_map_set(g, "posts", post_items(c->units[i].posts,
		    c->units[i].nposts));
		val_list_push(l, g);
	}
	val_map_set(m, "by_unit", l);
	val_map_set_num(m, "total_posts", (double)c->nposts);
	l = val_list();
	for (i = 0; i < c->ntasks; i++) {
		rt = &c->tasks[i];
		g = val_map_lit();
		val_map_set_str(g, "plan_number",
		    fm_str(rt->plan->meta, "number"));
		val_map_set_str(g, "id", rt->plan->tasks.v[rt->task].id);
		val_map_set_str(g, "content",
		    rt->plan->tasks.v[rt->task].content);
		val_map_set_num(g, "count", (double)rt->nposts);
		val_map_set(g, "posts", post_items(rt->posts, rt->nposts));
		val_list_push(l, g);
	}
	val_map_set(m, "by_task", l);
}

/* The data of a periodic report (see docs/templates.md). */
static struct val *
report_value(const struct site *s, const struct report *r)
{
	struct report_contents	 c;
	struct val		*m = val_map_lit(), *l, *g, *tl, *t;
	size_t			 i, k;

	reports_contents(s, r, &c);
	val_map_set_str(m, "title", r->title);
	val_map_set(m, "period_display", val_str_own(reports_period_text(r)));
	val_map_set(m, "csv_url", val_str_own(xasprintf("%sbao-cao.csv",
	    r->url)));
	report_posts(&c, m);
	/* Each task's status at the period's end. */
	l = val_list();
	for (i = 0; i < c.nplans; i++) {
		const struct page *p = c.plans[i].plan;

		tl = val_list();
		for (k = 0; k < p->tasks.n; k++) {
			t = val_map_lit();
			val_map_set_str(t, "id", p->tasks.v[k].id);
			val_map_set_str(t, "content", p->tasks.v[k].content);
			task_status_fields(t, &c.plans[i].status[k]);
			val_list_push(tl, t);
		}
		g = link_item(p->title, p->url);
		val_map_set_str(g, "number", fm_str(p->meta, "number"));
		val_map_set(g, "tasks", tl);
		val_list_push(l, g);
	}
	val_map_set(m, "plans", l);
	val_map_set(m, "missing_months", month_titles(c.missing, c.nmissing));
	/* A section over the list repeats: this prints its <ul> once. */
	if (c.nmissing > 0)
		val_map_set_bool(m, "has_missing_months", 1);
	reports_free(&c);
	return m;
}

static struct val *
reports_by_year(const struct site *s)
{
	struct val	*l = val_list(), *y = NULL, *items = NULL;
	size_t		 i;
	int		 year = 0;

	for (i = 0; i < s->nreports; i++) {
		if (y == NULL || s->reports[i].year != year) {
			year = s->reports[i].year;
			y = val_map_lit();
			val_map_set_num(y, "year", year);
			items = val_list();
			val_map_set(y, "items", items);
			val_list_push(l, y);
		}
		val_list_push(items, link_item(s->reports[i].title,
		    s->reports[i].url));
	}
	return l;
}


/* The post's topics, as the merged term names with their pages. */
static struct val *
tag_links(const struct site *s, const struct page *p)
{
	const struct val *tags = val_map_get(p->meta, "tags");
	const struct term *t, *seen[64];
	struct val	*l = val_list(), *m;
	size_t		 i, k, n, nseen = 0;

	n = val_type(tags) == VAL_STR ? 1 : val_list_len(tags);
	for (i = 0; i < n; i++) {
		const char *name = val_type(tags) == VAL_STR ?
		    val_get_str(tags) : val_get_str(val_list_at(tags, i));

		if (name == NULL || (t = taxonomy_find(&s->topics,
		    name)) == NULL)
			continue;
		for (k = 0; k < nseen && seen[k] != t; k++)
			;
		if (k < nseen)
			continue;
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = t;
		m = link_item(t->name, t->url);
		val_map_set_str(m, "name", t->name);
		val_list_push(l, m);
	}
	return l;
}

static struct val *
page_value(const struct site *s, const struct page *p)
{
	struct val	*m = val_map_lit(), *v;
	const struct term *t;
	struct cdate	 d;
	const char	*sum;
	char		*desc;

	common_fields(p, m);
	if (p->has_updated)
		set_date(m, "updated_iso", "updated_display", &p->updated);
	if (p->src != NULL)
		val_map_set(m, "history", history_list(s, p));
	/* Left out when there is none: a 0 would be true in a section. */
	if (p->hist != NULL && p->hist->nevents > 0)
		val_map_set_num(m, "history_count", (double)p->hist->nevents);
	if ((v = val_map_get(m, "image")) != NULL)
		val_map_set(m, "image_url", val_str_cat(s->cfg.base_url,
		    val_get_str(v)));
	val_map_set(m, "permalink", val_str_cat(s->cfg.base_url,
	    p->kind == PAGE_NOTFOUND ? ROUTE_NOTFOUND : p->url));
	sum = fm_str(p->meta, "summary");
	if (sum != NULL)
		desc = describe(sum);
	else if (p->md_done && *p->md.first_para != '\0')
		desc = describe(p->md.first_para);
	else
		desc = xstrdup(s->cfg.description ? s->cfg.description : "");
	val_map_set(m, "description", val_str_own(desc));
	if (p->md_done)
		val_map_set_str(m, "content", p->md.html);
	val_map_set(m, "toc", toc_list(p));
	switch (p->kind) {
	case PAGE_POST:
		v = tag_links(s, p);
		/* A section over a list repeats, so it cannot test once
		 * whether there are tags; left out when there are none. */
		if (val_list_len(v) > 0)
			val_map_set_bool(m, "has_tags", 1);
		val_map_set(m, "tags", v);
		if ((t = taxonomy_find(&s->units, fm_str(p->meta, "unit") ?
		    fm_str(p->meta, "unit") : "")) != NULL) {
			val_map_set_str(m, "unit", t->name);
			val_map_set_str(m, "unit_url", t->url);
		}
		break;
	case PAGE_PLAN:
		if (p->has_date)
			set_date(m, "issued_iso", "issued_display", &p->date);
		val_map_set_str(m, "issuer", fm_str(p->meta, "issuer"));
		val_map_set_str(m, "signer", fm_str(p->meta, "signer"));
		val_map_set_str(m, "period", fm_str(p->meta, "period"));
		/* Without `period` it is the year of `issued` (plans.c), as
		 * the JSON export says: the page says it too. */
		if (fm_str(p->meta, "period") == NULL && p->has_period)
			val_map_set(m, "period", val_str_own(
			    p->period.start.y == p->period.end.y ?
			    xasprintf("%04d", p->period.start.y) :
			    xasprintf("%04d-%04d", p->period.start.y,
			    p->period.end.y)));
		plan_fields(s, p, m);
		break;
	case PAGE_PROCEDURE: {
		static const char *const keys[] = { "level", "agency",
		    "deadline", "fee", "online_url", "decision", NULL };
		size_t i;

		for (i = 0; keys[i] != NULL; i++)
			val_map_set_str(m, keys[i], fm_str(p->meta, keys[i]));
		val_map_set_str(m, "online_label",
		    render_online_label(fm_str(p->meta, "online")));
		if (fm_str(p->meta, "effective") != NULL &&
		    date_parse(fm_str(p->meta, "effective"), &d, NULL) == 0)
			set_date(m, "effective_iso", "effective_display", &d);
		procedure_fields(s, p, m);
		break;
	}
	default:
		break;
	}
	return m;
}

const char *
render_layout(int kind)
{
	switch (kind) {
	case PAGE_POST:
		return "post";
	case PAGE_PLAN:
		return "plan";
	case PAGE_PROCEDURE:
		return "procedure";
	case PAGE_HOME:
		return "home";
	case PAGE_LIST:
		return "list";
	case PAGE_NOTFOUND:
		return "404";
	case PAGE_TERMS:
		return "terms";
	case PAGE_ARCHIVE:
		return "archive";
	case PAGE_LOG:
		return "log";
	case PAGE_REPORT:
		return "report";
	case PAGE_REPORTS:
		return "reports";
	case PAGE_PROCS:
		return "procedures";
	case PAGE_SEARCH:
		return "search";
	default:
		return "page";
	}
}


/* Open Graph card for Zalo and Facebook shares. */
static struct val *
og_value(const struct site *s, const struct page *p, const struct val *pv)
{
	struct val	*m = val_map_lit();
	const char	*d = val_get_str(val_map_get(pv, "description"));
	const struct img_var *v;
	const char	*alt;

	val_map_set_str(m, "title", p->title);
	val_map_set_str(m, "description", d != NULL && *d ? d :
	    s->cfg.description);
	val_map_set_str(m, "url", val_get_str(val_map_get(pv, "permalink")));
	val_map_set_str(m, "image", val_get_str(val_map_get(pv,
	    "image_url")));
	/* The card's size and text, so that the share shows at once. */
	if (p->cover != NULL && (v = images_var(p->cover, IMG_VAR_SOCIAL,
	    0)) != NULL) {
		val_map_set_num(m, "image_width", (double)v->w);
		val_map_set_num(m, "image_height", (double)v->h);
		alt = fm_str(p->meta, "image_alt");
		val_map_set_str(m, "image_alt", alt != NULL ? alt : p->title);
	}
	val_map_set_str(m, "type", p->kind == PAGE_POST ? "article" :
	    "website");
	val_map_set_str(m, "site_name", s->cfg.title);
	val_map_set_str(m, "locale", "vi_VN");
	return m;
}

/* Where the news lists lead besides their pages. */
static struct val *
news_links(void)
{
	struct val	*l = val_list();

	val_list_push(l, link_item("Chủ đề", ROUTE_TOPICS));
	val_list_push(l, link_item("Đơn vị", ROUTE_UNITS));
	val_list_push(l, link_item("Lưu trữ", ROUTE_ARCHIVE));
	return l;
}

/* "root": model_root_prefix() of the URL, shared ones when there are. */
static struct val *
root_value(const struct site *s, const struct page *p,
    const struct render_shared *sh)
{
	const char	*u;
	size_t		 depth = 0;

	if (p->kind == PAGE_NOTFOUND)
		return val_str(s->cfg.base_url);
	if (sh == NULL)
		return val_str_own(model_root_prefix(p->url));
	for (u = p->url; *u != '\0'; u++)
		depth += *u == '/';
	return depth < SHARED_ROOTS ? val_ref(sh->root[depth]) :
	    val_str_own(model_root_prefix(p->url));
}

struct val *
render_context(const struct render_env *env, const struct site *s,
    const struct page *p)
{
	const struct render_shared *sh = shared_of(env, s);
	struct val	*ctx, *pv, *l;

	ctx = val_map_lit();
	val_map_set(ctx, "root", root_value(s, p, sh));
	val_map_set(ctx, "nav", sh != NULL ?
	    val_ref(sh->nav[nav_variant(s, p)]) :
	    nav_build(s, nav_variant(s, p)));
	l = sh != NULL && (int)p->kind < PAGE_KINDS ? sh->crumbs[p->kind] :
	    NULL;
	val_map_set(ctx, "breadcrumbs", l != NULL ? val_ref(l) :
	    breadcrumbs(p));
	val_map_set(ctx, "page", page_value(s, p));
	if (p->kind == PAGE_HOME) {
		val_map_set(ctx, "latest_posts", summaries(s->posts,
		    s->nposts < HOME_POSTS ? s->nposts : HOME_POSTS));
		val_map_set(ctx, "plans", summaries(s->plans, s->nplans));
		val_map_set(ctx, "procedures", summaries(s->procs, s->nprocs));
	} else if (p->kind == PAGE_LIST) {
		pv = val_map_get(ctx, "page");
		val_map_set(ctx, "items", summaries(p->items, p->nitems));
		if (p->npagesof > 1)
			val_map_set(ctx, "pagination", pagination(p));
		val_map_set_str(pv, "intro", p->intro);
		if (p->term != NULL)
			val_map_set(pv, "feed_url", val_str_own(route_rss(
			    p->term->url)));
		if (p->section == SECTION_NEWS)
			val_map_set(pv, "section_links", sh != NULL ?
			    val_ref(sh->news_links) : news_links());
	} else if (p->kind == PAGE_TERMS) {
		val_map_set_str(val_map_get(ctx, "page"), "intro", p->intro);
		val_map_set(ctx, "terms", terms_list(p->tax));
	} else if (p->kind == PAGE_LOG) {
		pv = val_map_get(ctx, "page");
		val_map_set_str(pv, "intro", p->intro);
		val_map_set_str(pv, "feed_url", ROUTE_LOG_ATOM);
		val_map_set(ctx, "log_groups", log_groups(s, p));
		val_map_set(ctx, "log_months", log_months(s));
	} else if (p->kind == PAGE_PROCS) {
		size_t i, total = 0;

		pv = val_map_get(ctx, "page");
		val_map_set_str(pv, "intro", p->intro);
		val_map_set_str(pv, "json_url", ROUTE_PROCS_JSON);
		val_map_set_str(pv, "feed_url", ROUTE_PROCS_RSS);
		l = val_list();
		if (p->term != NULL)
			val_list_push(l, field_group(p->term, &total));
		else
			for (i = 0; i < s->fields.nterms; i++)
				val_list_push(l, field_group(
				    &s->fields.terms[i], &total));
		val_map_set(ctx, "fields", l);
		val_map_set_num(ctx, "total", (double)total);
	} else if (p->kind == PAGE_REPORT) {
		val_map_set(ctx, "report", report_value(s, p->report));
	} else if (p->kind == PAGE_REPORTS) {
		val_map_set_str(val_map_get(ctx, "page"), "intro", p->intro);
		val_map_set(ctx, "reports", reports_by_year(s));
	} else if (p->kind == PAGE_ARCHIVE) {
		val_map_set_str(val_map_get(ctx, "page"), "intro", p->intro);
		val_map_set(ctx, "years", years_list(s));
	} else if (p->kind == PAGE_POST) {
		if (p->rank + 1 < s->nposts)
			val_map_set(ctx, "prev_post", post_link(
			    s->posts[p->rank + 1]));
		if (p->rank > 0)
			val_map_set(ctx, "next_post", post_link(
			    s->posts[p->rank - 1]));
	}
	val_map_set(ctx, "feeds", feeds_list(p, sh != NULL ? sh->feeds :
	    NULL));
	val_map_set(ctx, "og", og_value(s, p, val_map_get(ctx, "page")));
	return ctx;
}

/*
 * `links: files` (session.h): every href of a page's HTML goes through
 * url_folder_index(), so that a folder link ends in "index.html" and the
 * section navigates when opened from disk.  Done once on the page as
 * written, so the links of templates ("{{root}}tin-tuc/"), of the model
 * and of Markdown bodies are all covered, whatever the theme.  The scan
 * knows just enough HTML for that: tags and their attributes (quoted or
 * not), comments, and elements whose content is text, not markup.
 */
static int
is_html_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does s[0..n) hold the ASCII name (any case) in its first bytes? */
static int
starts_ci(const char *s, size_t n, const char *name)
{
	size_t	 k = strlen(name);

	return n >= k && strncasecmp(s, name, k) == 0;
}

/* What links_to_files() writes: the page from `from` on, with each
   changed href; `done` is how far the page is in `out`. */
struct links_out {
	struct buf	 out;
	struct buf	 url;		/* scratch for one href */
	size_t		 done;
};

/* The tag at s[i] ('<' then a letter or '!'): each href (or a form's
   action: the header's search box) it holds that
   url_folder_index() changes goes to lo; returns the index after the
   tag's '>' (or n).  The rest of the page is left to be copied as is. */
static size_t
links_tag(struct links_out *lo, const char *s, size_t n, size_t i)
{
	size_t	 a, alen, v, e;
	int	 q;

	for (i++; i < n && !is_html_space(s[i]) && s[i] != '>' &&
	    s[i] != '/'; i++)
		;
	while (i < n && s[i] != '>') {
		if (is_html_space(s[i]) || s[i] == '/') {
			i++;
			continue;
		}
		for (a = i; i < n && !is_html_space(s[i]) && s[i] != '=' &&
		    s[i] != '>' && s[i] != '/'; i++)
			;
		alen = i - a;
		for (; i < n && is_html_space(s[i]); i++)
			;
		if (i >= n || s[i] != '=')
			continue;
		for (i++; i < n && is_html_space(s[i]); i++)
			;
		q = i < n && (s[i] == '"' || s[i] == '\'') ? s[i] : 0;
		v = q != 0 ? i + 1 : i;
		for (e = v; e < n && (q != 0 ? s[e] != q :
		    !is_html_space(s[e]) && s[e] != '>'); e++)
			;
		buf_reset(&lo->url);
		if (((alen == 4 && strncasecmp(s + a, "href", 4) == 0) ||
		    (alen == 6 && strncasecmp(s + a, "action", 6) == 0)) &&
		    url_folder_index(&lo->url, s + v, e - v)) {
			buf_put(&lo->out, s + lo->done, v - lo->done);
			buf_put(&lo->out, lo->url.data, lo->url.len);
			lo->done = e;
		}
		i = e;
		if (q != 0 && i < n)
			i++;
	}
	return i < n ? i + 1 : i;
}

static void
links_to_files(struct buf *html, size_t from)
{
	static const char *const raw[] = { "script", "style", "textarea",
	    "title", NULL };
	struct links_out lo = { BUF_INIT, BUF_INIT, 0 };
	const char	*s = html->data, *p;
	size_t		 n = html->len, i = from, t, k;

	lo.done = from;
	while (i < n && (p = memchr(s + i, '<', n - i)) != NULL) {
		i = (size_t)(p - s);
		if (i + 1 >= n || (!is_ascii_alpha(s[i + 1]) &&
		    s[i + 1] != '!')) {
			i++;
			continue;
		}
		if (starts_ci(s + i, n - i, "<!--")) {
			for (t = i + 4; t < n && !starts_ci(s + t, n - t,
			    "-->"); t++)
				;
			i = t < n ? t + 3 : n;
			continue;
		}
		t = i;
		i = links_tag(&lo, s, n, i);
		/* The content of a raw-text element, up to its end tag. */
		for (k = 0; raw[k] != NULL; k++)
			if (starts_ci(s + t + 1, n - t - 1, raw[k]) &&
			    (t + 1 + strlen(raw[k]) >= n ||
			    !is_ascii_alpha(s[t + 1 + strlen(raw[k])])))
				break;
		if (raw[k] == NULL)
			continue;
		for (; (p = memchr(s + i, '<', n - i)) != NULL; i++) {
			i = (size_t)(p - s);
			if (i + 1 < n && s[i + 1] == '/' && starts_ci(s + i + 2,
			    n - i - 2, raw[k]))
				break;
		}
		if (p == NULL)
			i = n;
	}
	/* Only a page with a changed link is written again. */
	if (lo.done > from) {
		buf_put(&lo.out, s + lo.done, n - lo.done);
		buf_truncate(html, from);
		buf_put(html, lo.out.data, lo.out.len);
	}
	buf_free(&lo.out);
	buf_free(&lo.url);
}

int
render_with(const struct render_env *env, struct page *p, struct val *ctx,
    struct buf *out)
{
	struct val	*stack[2];
	size_t		 from = out->len;
	int		 rc;

	stack[0] = env->site_val;
	stack[1] = ctx;
	rc = mus_render(env->theme, render_layout(p->kind), stack, 2, out,
	    &p->diag);
	if (rc == -1)
		p->failed = 1;
	else if (env->links_files)
		links_to_files(out, from);
	return rc;
}

int
render_page(const struct render_env *env, const struct site *s,
    struct page *p, struct buf *out)
{
	struct val	*ctx = render_context(env, s, p);
	int		 rc;

	rc = render_with(env, p, ctx, out);
	val_unref(ctx);
	return rc;
}

/* See val_hash(): two trees hash alike only if a template sees them alike. */
void
render_hash_val(struct hasher *h, const struct val *v)
{
	val_hash(h, v);
}

uint64_t
render_key(const struct render_env *env, const struct page *p,
    const struct val *ctx)
{
	struct hasher	 h;

	hasher_init(&h);
	hasher_u64(&h, env->salt);
	hasher_str(&h, render_layout(p->kind));
	render_hash_val(&h, ctx);
	return hasher_done(&h) | 1;
}
