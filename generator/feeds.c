/*
 * feeds.c - feeds, sitemap and robots.txt from the model.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "frontmatter.h"
#include "xmlfeed.h"
#include "model.h"
#include "pool.h"
#include "feeds.h"
#include "images.h"
#include "routes.h"
#include "taxonomy.h"
#include "util.h"
#include "value.h"

/* What several files share, made once (feeds_prepare). */
struct feeds_prep {
	char			**html;		/* by post rank: absolute HTML
						   of the posts feeds show, or
						   NULL */
	size_t			  nhtml;
	struct sitemap_url	 *sitemap;	/* sorted */
	size_t			  nsitemap;
};

/* Everything one feed item borrows or owns. */
struct item_store {
	struct feed_item	*items;
	char			**links;
	char			**thumbs;	/* the covers' (or NULL) */
	const char		***cats;
	size_t			  n;
};

static void
items_make(const struct site *s, const struct feeds_prep *fp,
    struct page **posts, size_t n, struct item_store *st)
{
	const struct term	*t;
	const struct img_var	*v;
	const char		*name;
	size_t			 i, k, nt;

	if (n > (size_t)s->cfg.feed_items)
		n = (size_t)s->cfg.feed_items;
	st->n = n;
	st->items = xcalloc(n ? n : 1, sizeof(*st->items));
	st->links = xcalloc(n ? n : 1, sizeof(*st->links));
	st->thumbs = xcalloc(n ? n : 1, sizeof(*st->thumbs));
	st->cats = xcalloc(n ? n : 1, sizeof(*st->cats));
	for (i = 0; i < n; i++) {
		struct page *p = posts[i];
		struct feed_item *it = &st->items[i];

		st->links[i] = route_abs(s->cfg.base_url, p->url);
		it->title = p->title;
		it->link = st->links[i];
		it->published = &p->date;
		it->updated = p->has_updated ? &p->updated : NULL;
		it->summary = model_summary(p);
		it->content_html = p->md_done ? p->md.html : NULL;
		it->content_abs = fp != NULL && fp->html != NULL ?
		    fp->html[p->rank] : NULL;
		name = fm_str(p->meta, "unit");
		t = name != NULL ? taxonomy_find(&s->units, name) : NULL;
		it->author = t != NULL ? t->name : NULL;
		/* The larger thumbnail (a small photo has only one). */
		v = p->cover == NULL ? NULL : images_var(p->cover,
		    IMG_VAR_THUMB, 1) != NULL ? images_var(p->cover,
		    IMG_VAR_THUMB, 1) : images_var(p->cover, IMG_VAR_THUMB, 0);
		if (v != NULL) {
			st->thumbs[i] = route_abs(s->cfg.base_url, v->path);
			it->thumb = st->thumbs[i];
			it->thumb_w = v->w;
			it->thumb_h = v->h;
		}
		/* Categories: the merged topic names, as on the page. */
		nt = fm_strlist_len(p->meta, "tags");
		st->cats[i] = xcalloc(nt ? nt : 1, sizeof(**st->cats));
		for (k = 0; k < nt; k++) {
			name = fm_strlist_at(p->meta, "tags", k);
			t = name != NULL ? taxonomy_find(&s->topics, name) :
			    NULL;
			if (t != NULL)
				st->cats[i][it->ncategories++] = t->name;
		}
		it->categories = st->cats[i];
	}
}

static void
items_free(struct item_store *st)
{
	size_t	 i;

	for (i = 0; i < st->n; i++) {
		free(st->links[i]);
		free(st->thumbs[i]);
		free(st->cats[i]);
	}
	free(st->items);
	free(st->links);
	free(st->thumbs);
	free(st->cats);
}

/* What every feed of the site says the same way. */
static void
feed_init(struct feed *f, const struct site *s)
{
	memset(f, 0, sizeof(*f));
	f->lang = s->cfg.language;
	f->generator = "cchc " CCHC_VERSION;
	f->author = s->cfg.department != NULL ? s->cfg.department :
	    s->cfg.title;
	f->fallback_updated = &s->today;
}

static int
write_feed(const struct site *s, const struct feeds_prep *fp,
    const struct term *t, int atom, struct buf *out)
{
	struct item_store	 st;
	struct feed		 f;
	char			*title, *link, *self, *rel;
	int			 rc;

	feed_init(&f, s);
	items_make(s, fp, t != NULL ? t->posts : s->posts, t != NULL ?
	    t->nposts : s->nposts, &st);
	if (t != NULL) {
		title = xasprintf("%s – %s", t->name, s->cfg.title);
		link = route_abs(s->cfg.base_url, t->url);
		rel = route_rss(t->url);
		self = route_abs(s->cfg.base_url, rel);
		free(rel);
	} else {
		title = xstrdup(s->cfg.title);
		link = route_abs(s->cfg.base_url, ROUTE_NEWS);
		self = route_abs(s->cfg.base_url, atom ? ROUTE_NEWS_ATOM :
		    ROUTE_NEWS_RSS);
	}
	f.title = title;
	f.link = link;
	f.self = self;
	f.description = s->cfg.description != NULL ? s->cfg.description :
	    s->cfg.title;
	f.items = st.items;
	f.nitems = st.n;
	f.full_content = s->cfg.feed_full_content;
	rc = atom ? xmlfeed_write_atom(&f, out) : xmlfeed_write_rss(&f, out);
	free(title);
	free(link);
	free(self);
	items_free(&st);
	return rc;
}

int
feeds_rss(const struct site *s, const struct feeds_prep *fp,
    const struct term *t, struct buf *out)
{
	return write_feed(s, fp, t, 0, out);
}

int
feeds_atom(const struct site *s, const struct feeds_prep *fp,
    struct buf *out)
{
	return write_feed(s, fp, NULL, 1, out);
}

struct proc_event {
	const struct page	*p;
	const struct hist_event	*ev;	/* NULL: the publication */
	struct cdate		 when;
};

static int
proc_event_cmp(const void *a, const void *b)
{
	const struct proc_event *x = a, *y = b;
	int c = date_cmp(&y->when, &x->when);

	return c != 0 ? c : strcmp(x->p->url, y->p->url);
}

/*
 * A procedure that changes must reach people who follow the feed, so a
 * change is an item of its own, dated by its commit.
 */
int
feeds_procs_rss(const struct site *s, struct buf *out)
{
	struct proc_event	*ev;
	struct feed_item	*it;
	struct feed		 f;
	char			**strs, *link, *self;
	size_t			 i, k, n = 0, cap = 0;
	int			 rc;

	ev = NULL;
	for (i = 0; i < s->nprocs; i++) {
		const struct page *p = s->procs[i];
		size_t ne = p->hist != NULL ? p->hist->nevents : 0;

		for (k = 0; k < (ne ? ne : 1); k++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				ev = xreallocarray(ev, cap, sizeof(*ev));
			}
			ev[n].p = p;
			ev[n].ev = ne ? p->hist->events[k] : NULL;
			if (ev[n].ev != NULL && k > 0) {
				date_from_epoch(ev[n].ev->time, DATE_VN_TZ,
				    &ev[n].when);
				ev[n].when.has_time = 1;
			} else
				ev[n].when = p->date;
			n++;
		}
	}
	if (n > 1)
		qsort(ev, n, sizeof(*ev), proc_event_cmp);
	if (n > (size_t)s->cfg.feed_items)
		n = (size_t)s->cfg.feed_items;
	it = xcalloc(n ? n : 1, sizeof(*it));
	strs = xcalloc(3 * (n ? n : 1), sizeof(*strs));
	for (i = 0; i < n; i++) {
		const struct page *p = ev[i].p;
		int change = ev[i].ev != NULL &&
		    ev[i].ev != p->hist->events[0];

		strs[3 * i] = change ? xasprintf("Cập nhật: %s", p->title) :
		    xstrdup(p->title);
		strs[3 * i + 1] = route_abs(s->cfg.base_url, p->url);
		strs[3 * i + 2] = change ? xasprintf("%s%s#%s",
		    s->cfg.base_url, p->url, ev[i].ev->id) : NULL;
		it[i].title = strs[3 * i];
		it[i].link = strs[3 * i + 1];
		it[i].id = strs[3 * i + 2];
		it[i].published = &ev[i].when;
		it[i].summary = change ? ev[i].ev->subject :
		    model_summary(p);
		it[i].author = fm_str(p->meta, "agency");
	}
	feed_init(&f, s);
	link = route_abs(s->cfg.base_url, ROUTE_PROCS);
	self = route_abs(s->cfg.base_url, ROUTE_PROCS_RSS);
	f.title = "Thủ tục hành chính mới và được cập nhật";
	f.link = link;
	f.self = self;
	f.description = "Thủ tục hành chính được công bố mới hoặc thay đổi.";
	f.items = it;
	f.nitems = n;
	f.full_content = 0;
	rc = xmlfeed_write_rss(&f, out);
	for (i = 0; i < 3 * n; i++)
		free(strs[i]);
	free(strs);
	free(it);
	free(ev);
	free(link);
	free(self);
	return rc;
}

#define LOG_FEED_ITEMS 50

int
feeds_log_atom(const struct site *s, struct buf *out)
{
	static const char *const verbs[] = { "Đăng mới", "Cập nhật", "Đã gỡ" };
	struct feed		 f;
	struct feed_item	*it;
	struct cdate		*dates;
	char			**strs, *link, *self;
	size_t			 i, n = s->nlog < LOG_FEED_ITEMS ? s->nlog :
				    LOG_FEED_ITEMS;
	int			 rc;

	feed_init(&f, s);
	it = xcalloc(n ? n : 1, sizeof(*it));
	dates = xcalloc(n ? n : 1, sizeof(*dates));
	strs = xcalloc(3 * (n ? n : 1), sizeof(*strs));
	for (i = 0; i < n; i++) {
		const struct log_entry *e = &s->log[i];

		date_from_epoch(e->ev->time, DATE_VN_TZ, &dates[i]);
		dates[i].has_time = 1;
		strs[3 * i] = xasprintf("%s: %s", verbs[e->kind], e->title);
		strs[3 * i + 1] = route_abs(s->cfg.base_url,
		    e->page != NULL ? e->page->url : ROUTE_LOG);
		/* One page has many events: the id names the commit too. */
		strs[3 * i + 2] = xasprintf("%s" ROUTE_LOG "#%s-%s",
		    s->cfg.base_url, e->ev->id, e->page != NULL ?
		    e->page->slug : "go");
		it[i].title = strs[3 * i];
		it[i].link = strs[3 * i + 1];
		it[i].id = strs[3 * i + 2];
		it[i].published = &dates[i];
		it[i].summary = e->ev->subject;
		it[i].author = e->ev->author;
	}
	link = route_abs(s->cfg.base_url, ROUTE_LOG);
	self = route_abs(s->cfg.base_url, ROUTE_LOG_ATOM);
	f.title = "Nhật ký đăng tin";
	f.link = link;
	f.self = self;
	f.description = "Các lần đăng mới, cập nhật và gỡ trang của chuyên mục.";
	f.items = it;
	f.nitems = n;
	f.full_content = 0;
	rc = xmlfeed_write_atom(&f, out);
	free(link);
	free(self);
	for (i = 0; i < 3 * n; i++)
		free(strs[i]);
	free(strs);
	free(dates);
	free(it);
	return rc;
}

static int
url_order(const void *a, const void *b)
{
	const struct sitemap_url *x = a, *y = b;

	return strcmp(x->loc, y->loc);
}

/* A page the sitemap lists: every built page but 404.html and the
   search page (nothing of its own to find). */
static int
in_sitemap(const struct page *p)
{
	return !p->failed && !p->skip && p->url != NULL &&
	    p->kind != PAGE_NOTFOUND && p->kind != PAGE_SEARCH;
}

/* URLs per file: at most sitemap_max_urls (the protocol allows 50,000). */
static size_t
sitemap_per(const struct site *s, size_t n)
{
	return s->cfg.sitemap_max_urls > 0 ? (size_t)s->cfg.sitemap_max_urls :
	    n;
}

size_t
feeds_sitemap_files(const struct site *s)
{
	size_t	 i, n = 0, per;

	for (i = 0; i < s->npages; i++)
		n += in_sitemap(s->pages[i]);
	/*
	 * No URL only when every page failed: the build stops on their
	 * errors, and a sitemap error (sitemap_write takes no empty list)
	 * would only blame libxml2 for it.
	 */
	if (n == 0)
		return 0;
	per = sitemap_per(s, n);
	return n <= per ? 1 : (n + per - 1) / per + 1;
}

/* The sitemap's URLs, sorted, for feeds_sitemap_file(). */
static void
sitemap_prepare(const struct site *s, struct feeds_prep *fp)
{
	struct sitemap_url	*u;
	size_t			 i, n = 0;

	u = xcalloc(s->npages ? s->npages : 1, sizeof(*u));
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (!in_sitemap(p))
			continue;
		u[n].loc = route_abs(s->cfg.base_url, p->url);
		/* A list changes when its newest item does. */
		if (p->src != NULL ? p->has_date : p->nitems > 0)
			u[n].lastmod = &p->date;
		else if (p->kind == PAGE_HOME && s->nposts > 0)
			u[n].lastmod = &s->posts[0]->date;
		n++;
	}
	if (n > 1)
		qsort(u, n, sizeof(*u), url_order);
	fp->sitemap = u;
	fp->nsitemap = n;
}

/*
 * Beyond sitemap_max_urls, sitemap.xml is an index of sitemap-1.xml, ...
 * each dated by its newest page.
 */
int
feeds_sitemap_file(const struct site *s, const struct feeds_prep *fp,
    size_t k, struct buf *out)
{
	const struct sitemap_url *u = fp->sitemap;
	struct sitemap_url	*parts;
	size_t			 i, n = fp->nsitemap, per, nparts, from, to;
	int			 rc;

	if (n == 0)
		return -1;
	per = sitemap_per(s, n);
	nparts = n <= per ? 1 : (n + per - 1) / per;
	if (nparts == 1)
		return k == 0 ? sitemap_write(u, n, out) : -1;
	if (k > 0) {
		from = (k - 1) * per;
		to = from + per < n ? from + per : n;
		return k <= nparts ? sitemap_write(u + from, to - from, out) :
		    -1;
	}
	parts = xcalloc(nparts, sizeof(*parts));
	for (k = 0; k < nparts; k++) {
		char *rel = route_sitemap(k + 1);

		from = k * per;
		to = from + per < n ? from + per : n;
		parts[k].loc = route_abs(s->cfg.base_url, rel);
		free(rel);
		for (i = from; i < to; i++)
			if (u[i].lastmod != NULL &&
			    (parts[k].lastmod == NULL ||
			    date_cmp(u[i].lastmod, parts[k].lastmod) > 0))
				parts[k].lastmod = u[i].lastmod;
	}
	rc = sitemap_index_write(parts, nparts, out);
	for (k = 0; k < nparts; k++)
		free((char *)parts[k].loc);
	free(parts);
	return rc;
}

void
feeds_robots(const struct site *s, struct buf *out)
{
	buf_printf(out, "User-agent: *\nAllow: /\n\nSitemap: %s" ROUTE_SITEMAP "\n",
	    s->cfg.base_url);
}

/* The posts some feed shows: the newest of the news and of each term. */
static void
mark_shown(const struct site *s, struct page **posts, size_t n,
    unsigned char *shown)
{
	size_t	 i;

	if (n > (size_t)s->cfg.feed_items)
		n = (size_t)s->cfg.feed_items;
	for (i = 0; i < n; i++)
		shown[posts[i]->rank] = 1;
}

struct prep {
	const struct site *site;
	struct feeds_prep *fp;
	size_t		*which;		/* post ranks */
};

static void
job_absolutize(void *arg, size_t i)
{
	struct prep	*j = arg;
	const struct site *s = j->site;
	struct page	*p = s->posts[j->which[i]];
	char		*link;

	if (!p->md_done || p->md.html == NULL)
		return;
	link = route_abs(s->cfg.base_url, p->url);
	j->fp->html[p->rank] = xmlfeed_absolutize_html(p->md.html, link);
	free(link);
}

struct feeds_prep *
feeds_prepare(const struct site *s, int jobs)
{
	const struct taxonomy *tax[2] = { &s->topics, &s->units };
	struct feeds_prep *fp = xcalloc(1, sizeof(*fp));
	unsigned char	*shown;
	struct prep	 j;
	size_t		 i, k, n = 0;

	sitemap_prepare(s, fp);
	if (!s->cfg.feed_full_content || s->nposts == 0)
		return fp;
	shown = xcalloc(s->nposts, 1);
	mark_shown(s, s->posts, s->nposts, shown);
	for (k = 0; k < 2; k++)
		for (i = 0; i < tax[k]->nterms; i++)
			mark_shown(s, tax[k]->terms[i].posts,
			    tax[k]->terms[i].nposts, shown);
	j.site = s;
	j.fp = fp;
	j.which = xcalloc(s->nposts, sizeof(*j.which));
	for (i = 0; i < s->nposts; i++)
		if (shown[i])
			j.which[n++] = i;
	fp->html = xcalloc(s->nposts, sizeof(*fp->html));
	fp->nhtml = s->nposts;
	pool_run(n, jobs, job_absolutize, &j);
	free(j.which);
	free(shown);
	return fp;
}

void
feeds_release(struct feeds_prep *fp)
{
	size_t	 i;

	if (fp == NULL)
		return;
	for (i = 0; i < fp->nsitemap; i++)
		free((char *)fp->sitemap[i].loc);
	free(fp->sitemap);
	for (i = 0; i < fp->nhtml; i++)
		free(fp->html[i]);
	free(fp->html);
	free(fp);
}
