/*
 * outplan.c - the list of every file a build writes (see outplan.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feeds.h"
#include "images.h"
#include "model.h"
#include "plans.h"
#include "outplan.h"
#include "routes.h"
#include "scan.h"
#include "search.h"
#include "taxonomy.h"
#include "util.h"
#include "value.h"

static const char *const kind_names[OUT_KINDS] = {
	"data-json", "procs-json", "sitemap", "log-atom", "procs-rss", "news-rss",
	"news-atom", "term-rss", "robots", "plan-json", "report-csv",
	"search-root", "search-dict", "search-bucket", "search-doc", "page",
	"asset", "image", "static", "build-json"
};

const char *
outplan_kind_name(enum out_kind k)
{
	return (unsigned)k < OUT_KINDS ? kind_names[k] : "?";
}

/* Appends a record of `kind` at `path` (taken) about the whole site. */
static struct output *
add(struct outplan *pl, enum out_kind kind, char *path)
{
	struct output	*o;

	ARRAY_GROW(pl->v, pl->n, pl->cap, 64);
	o = &pl->v[pl->n++];
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->kind = kind;
	o->subject = SUBJ_SITE;
	return o;
}

/*
 * Every variant of every image the pages use: first one of each image,
 * then the rest.  The first record of an image to run decodes it and
 * makes all its variants (imgproc.c); listing one of each first lets the
 * threads decode different photos at once instead of waiting on the
 * same one, and the rest, later, only take what was made.
 */
static void
add_images(struct outplan *pl, const struct site *s)
{
	const struct image *im;
	struct output	*o;
	size_t		 i, k, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; s->images != NULL && i < s->images->n; i++) {
			im = s->images->v[i];
			if (im->err != IMG_OK || !im->probed)
				continue;
			for (k = pass; k < (pass == 0 ? 1 : im->nvars); k++) {
				o = add(pl, OUT_IMAGE,
				    xstrdup(im->vars[k].path));
				o->subject = SUBJ_IMAGE;
				o->image = im;
				o->src = im->src;
				o->part = k;
			}
		}
}

/* The feeds and data files, biggest first (see outplan.h). */
static void
add_feeds(struct outplan *pl, const struct site *s)
{
	const struct taxonomy *tax[2] = { &s->topics, &s->units };
	struct output	*o;
	size_t		 i, k, n;

	add(pl, OUT_DATA_JSON, xstrdup(ROUTE_DATA_JSON));
	add(pl, OUT_PROCS_JSON, xstrdup(ROUTE_PROCS_JSON));
	n = feeds_sitemap_files(s);
	for (k = 0; k < n; k++)
		add(pl, OUT_SITEMAP, route_sitemap(k))->part = k;
	add(pl, OUT_LOG_ATOM, xstrdup(ROUTE_LOG_ATOM));
	add(pl, OUT_PROCS_RSS, xstrdup(ROUTE_PROCS_RSS));
	add(pl, OUT_NEWS_RSS, xstrdup(ROUTE_NEWS_RSS));
	add(pl, OUT_NEWS_ATOM, xstrdup(ROUTE_NEWS_ATOM));
	for (k = 0; k < 2; k++)
		for (i = 0; i < tax[k]->nterms; i++) {
			o = add(pl, OUT_TERM_RSS,
			    route_rss(tax[k]->terms[i].url));
			o->subject = SUBJ_TERM;
			o->term = &tax[k]->terms[i];
		}
	add(pl, OUT_ROBOTS, xstrdup(ROUTE_ROBOTS));
	for (i = 0; i < s->nplans; i++) {
		o = add(pl, OUT_PLAN_JSON, route_json(s->plans[i]->url));
		o->subject = SUBJ_PAGE;
		o->page = s->plans[i];
	}
	for (i = 0; i < s->nreports; i++) {
		o = add(pl, OUT_REPORT_CSV, route_csv(s->reports[i].url));
		o->subject = SUBJ_REPORT;
		o->report = &s->reports[i];
	}
}

/*
 * The search index's files (search.h): the root, the dictionary shards,
 * the buckets, one file per document.  None without an index (a plan
 * made before the "search" stage, tests).
 */
static void
add_search(struct outplan *pl, const struct site *s)
{
	const struct search *idx = s->search;
	struct output	*o;
	size_t		 k;

	if (idx == NULL)
		return;
	add(pl, OUT_SEARCH_ROOT, xstrdup(ROUTE_SEARCH_ROOT));
	for (k = 0; k < search_nshards(idx); k++)
		add(pl, OUT_SEARCH_DICT, route_search_dict((unsigned)k,
		    search_nshards(idx)))->part = k;
	for (k = 0; k < search_nbuckets(idx); k++)
		add(pl, OUT_SEARCH_BUCKET, route_search_bucket((unsigned)k,
		    search_nbuckets(idx)))->part = k;
	for (k = 0; k < search_ndocs(idx); k++) {
		o = add(pl, OUT_SEARCH_DOC, route_search_doc((long)k));
		o->subject = SUBJ_PAGE;
		o->page = search_doc_page(idx, k);
		o->part = k;
	}
}

/* --- Dependencies --------------------------------------------------- */

static void
reads(struct output *o, const struct page *p)
{
	if (p == NULL || p->src == NULL)
		return;		/* generated pages read no file themselves */
	ARRAY_GROW(o->reads, o->nreads, o->capreads, 8);
	o->reads[o->nreads++] = p;
}

static void
reads_all(struct output *o, struct page *const *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		reads(o, v[i]);
}

static int
ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const struct page *const *)a;
	uintptr_t y = (uintptr_t)*(const struct page *const *)b;

	return x < y ? -1 : x > y;
}

/* No page twice. */
static void
reads_done(struct output *o)
{
	size_t	 i, k = 0;

	if (o->nreads > 1)
		qsort(o->reads, o->nreads, sizeof(*o->reads), ptr_cmp);
	for (i = 0; i < o->nreads; i++)
		if (k == 0 || o->reads[k - 1] != o->reads[i])
			o->reads[k++] = o->reads[i];
	o->nreads = k;
}

/*
 * A term's name is the spelling of its oldest page (taxonomy.c), so
 * whatever shows the name reads that page.
 */
static void
reads_namer(struct output *o, const struct term *t)
{
	if (t != NULL && t->nposts > 0)
		reads(o, t->posts[t->nposts - 1]);
}

/* The namers of the topics, unit and field a page is in. */
static void
reads_terms_of(struct output *o, const struct site *s, const struct page *p)
{
	const struct val *tags = val_map_get(p->meta, "tags");
	const char	*name;
	size_t		 k, nt;

	nt = val_type(tags) == VAL_STR ? 1 : val_list_len(tags);
	for (k = 0; k < nt; k++) {
		name = val_type(tags) == VAL_STR ? val_get_str(tags) :
		    val_get_str(val_list_at(tags, k));
		if (name != NULL)
			reads_namer(o, taxonomy_find(&s->topics, name));
	}
	if ((name = val_get_str(val_map_get(p->meta, "unit"))) != NULL)
		reads_namer(o, taxonomy_find(&s->units, name));
	if ((name = val_get_str(val_map_get(p->meta, "field"))) != NULL)
		reads_namer(o, taxonomy_find(&s->fields, name));
}

/* What a source page's own page (and a plan's JSON) shows of others. */
static void
source_deps(struct output *o, const struct site *s, const struct page *p)
{
	size_t	 i, k;

	o->deps |= DEP_HISTORY;
	reads(o, p);
	reads(o, p->plan_ref);
	for (k = 0; k < p->ncites; k++)
		reads(o, p->cites[k]);
	reads_terms_of(o, s, p);
	/* The pages its body links to: their URLs are in it. */
	for (k = 0; k < p->nlinks; k++)
		reads(o, p->links[k]);
	if (p->kind == PAGE_POST) {
		/* The posts before and after it. */
		if (p->rank > 0)
			reads(o, s->posts[p->rank - 1]);
		if (p->rank + 1 < s->nposts)
			reads(o, s->posts[p->rank + 1]);
	}
	if (p->kind == PAGE_PLAN) {
		/* Its reports come from every plan's period, "cited by" from
		   every plan's front matter; posts report on it. */
		o->deps |= DEP_PLANS;
		for (i = 0; i < s->nbysrc; i++) {
			const struct page *q = s->bysrc[i];

			if (q->plan_ref == p)
				reads(o, q);
			for (k = 0; k < q->ncites; k++)
				if (q->cites[k] == p)
					reads(o, q);
		}
	}
}

/*
 * A report: the plans' tasks (every plan: which reports exist comes from
 * their periods) and the posts on them dated up to its end (a task's
 * state at the end of the period).
 */
static void
report_deps(struct output *o, const struct site *s, const struct report *r)
{
	size_t	 i;

	o->deps |= DEP_PLANS;
	for (i = 0; i < s->nposts; i++) {
		const struct page *p = s->posts[i];

		if (p->plan_ref != NULL && (p->date.y != r->end.y ?
		    p->date.y < r->end.y : p->date.m != r->end.m ?
		    p->date.m < r->end.m : p->date.d <= r->end.d))
			reads(o, p);
	}
}

/* A page cchc makes: what its lists and counts show. */
static void
generated_deps(struct output *o, const struct site *s, const struct page *p)
{
	size_t	 i;

	switch (p->kind) {
	case PAGE_HOME:
		/* The newest posts, every plan and procedure. */
		o->deps |= DEP_POSTS | DEP_PLANS | DEP_PROCS;
		break;
	case PAGE_LIST:
		/* Its slice; which posts fall in it depends on the order of
		   them all (a date changed moves a post across pages). */
		reads_all(o, p->items, p->nitems);
		reads_namer(o, p->term);
		break;
	case PAGE_TERMS:
	case PAGE_ARCHIVE:
		/* Every topic, unit or month with its count. */
		o->deps |= DEP_POSTS;
		break;
	case PAGE_PROCS:
		if (p->term != NULL) {
			reads_all(o, p->term->posts, p->term->nposts);
			reads_namer(o, p->term);
		} else
			o->deps |= DEP_PROCS;
		break;
	case PAGE_REPORT:
		report_deps(o, s, p->report);
		break;
	case PAGE_REPORTS:
		o->deps |= DEP_PLANS;
		break;
	case PAGE_LOG:
		o->deps |= DEP_HISTORY;
		for (i = 0; i < p->nlog; i++)
			reads(o, p->log[i].page);
		break;
	default:
		break;
	}
}

void
outplan_deps(struct outplan *pl, const struct site *s)
{
	struct output	*o;
	size_t		 i, k;

	if (pl->have_deps)
		return;
	pl->have_deps = 1;
	for (i = 0; i < pl->n; i++) {
		o = &pl->v[i];
		switch (o->kind) {
		case OUT_PAGE:
			o->deps |= DEP_SITE | DEP_THEME;
			/* The nav links to the about page. */
			reads(o, s->about);
			if (o->page->src != NULL)
				source_deps(o, s, o->page);
			else
				generated_deps(o, s, o->page);
			break;
		case OUT_PLAN_JSON:
			o->deps |= DEP_SITE;
			source_deps(o, s, o->page);
			break;
		case OUT_TERM_RSS:
			/* Its posts, their units' and topics' names. */
			o->deps |= DEP_SITE;
			reads_namer(o, o->term);
			for (k = 0; k < o->term->nposts; k++) {
				reads(o, o->term->posts[k]);
				reads_terms_of(o, s, o->term->posts[k]);
			}
			break;
		case OUT_NEWS_RSS:
		case OUT_NEWS_ATOM:
			o->deps |= DEP_SITE | DEP_POSTS;
			break;
		case OUT_PROCS_JSON:
		case OUT_PROCS_RSS:
			o->deps |= DEP_SITE | DEP_PROCS | DEP_HISTORY;
			break;
		case OUT_REPORT_CSV:
			o->deps |= DEP_SITE;
			report_deps(o, s, o->report);
			break;
		case OUT_DATA_JSON:
			/* Every post, plan, procedure, their history. */
		case OUT_SITEMAP:
		case OUT_LOG_ATOM:
			o->deps |= DEP_SITE | DEP_PAGES | DEP_HISTORY;
			break;
		case OUT_ROBOTS:
			o->deps |= DEP_SITE;
			break;
		case OUT_SEARCH_ROOT:
		case OUT_SEARCH_DICT:
		case OUT_SEARCH_BUCKET:
			/* Every document's terms; ids come from dates. */
			o->deps |= DEP_SITE | DEP_PAGES | DEP_HISTORY;
			break;
		case OUT_SEARCH_DOC:
			/* Its page, its topics' names; which page has this
			   id: outplan_affected(). */
			o->deps |= DEP_SITE | DEP_HISTORY;
			reads(o, o->page);
			reads_terms_of(o, s, o->page);
			break;
		case OUT_BUILD_JSON:
			o->deps |= DEP_HISTORY;
			break;
		case OUT_STATIC:
			/* site.yaml names the theme. */
			o->deps |= DEP_SITE;
			break;
		case OUT_IMAGE:
			/* images: in site.yaml (quality, keep_original). */
			o->deps |= DEP_SITE;
			break;
		case OUT_ASSET:
		case OUT_KINDS:
			break;
		}
		reads_done(o);
	}
}

void
outplan_make(struct outplan *pl, const struct site *s, const char *theme_dir,
    const struct strlist *statics)
{
	struct output	*o;
	char		*to;
	size_t		 i, k;

	memset(pl, 0, sizeof(*pl));
	add_feeds(pl, s);
	add_images(pl, s);
	add_search(pl, s);
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->failed || p->skip || p->url == NULL)
			continue;
		o = add(pl, OUT_PAGE, xstrdup(p->out));
		o->subject = SUBJ_PAGE;
		o->page = p;
		for (k = 0; k < p->nassets; k++) {
			o = add(pl, OUT_ASSET, xstrdup(p->assets[k].dest));
			o->subject = SUBJ_FILE;
			o->page = p;
			o->src = p->assets[k].src;
		}
	}
	for (i = 0; i < statics->len; i++) {
		if ((to = route_static(theme_dir, statics->v[i])) == NULL)
			continue;	/* scan_tree lists none such */
		o = add(pl, OUT_STATIC, to);
		o->subject = SUBJ_FILE;
		o->src = statics->v[i];
	}
	add(pl, OUT_BUILD_JSON, xstrdup(ROUTE_BUILD_JSON));
}

/* Does o read the source page p? */
static int
reads_page(const struct output *o, const struct page *p)
{
	unsigned	 kind = p->kind == PAGE_POST ? DEP_POSTS :
			    p->kind == PAGE_PLAN ? DEP_PLANS :
			    p->kind == PAGE_PROCEDURE ? DEP_PROCS : 0;

	if (o->deps & (DEP_PAGES | kind))
		return 1;
	/* bsearch's array must not be NULL, even when empty. */
	return o->nreads > 0 && bsearch(&p, o->reads, o->nreads, sizeof(*o->reads),
	    ptr_cmp) != NULL;
}

/*
 * The pages that show the image at src (its size and the names of its
 * variants are in their HTML, the cover's in every list, feed and page
 * that shows their summary): *users gets them (free it); their number.
 */
static size_t
image_users(const struct site *s, const char *src, const struct page ***users)
{
	const struct image *im;
	size_t		 i, k, n = 0, cap = 0;

	*users = NULL;
	if (s->images == NULL || (im = images_find(s->images, src)) == NULL)
		return 0;
	for (i = 0; i < s->npages; i++)
		for (k = 0; k < s->pages[i]->nimages; k++)
			if (s->pages[i]->images[k] == im) {
				ARRAY_GROW(*users, n, cap, 4);
				(*users)[n++] = s->pages[i];
				break;
			}
	return n;
}

static int
reads_any(const struct output *o, const struct page **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (o->page == v[i] || reads_page(o, v[i]))
			return 1;
	return 0;
}

/* A template of the theme: under <theme>/layouts/ or <theme>/partials/. */
static int
is_template(const char *theme_dir, const char *src)
{
	size_t	 n = strlen(theme_dir);

	return strncmp(src, theme_dir, n) == 0 && src[n] == '/' &&
	    (str_has_prefix(src + n + 1, "layouts/") ||
	    str_has_prefix(src + n + 1, "partials/"));
}

int
outplan_shows_bodies(enum out_kind k)
{
	return k != OUT_SITEMAP && k != OUT_LOG_ATOM && k != OUT_ROBOTS;
}

void
outplan_deps_forget(struct outplan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].reads);
		pl->v[i].reads = NULL;
		pl->v[i].nreads = pl->v[i].capreads = 0;
		pl->v[i].deps = 0;
	}
	pl->have_deps = 0;
}

/* outplan_affected(); in_place: no search id moves (outplan.h). */
static size_t
affected(struct outplan *pl, const struct site *s, const char *theme_dir,
    const char *src, int in_place, size_t **idx)
{
	const struct page *p = model_find_src(s, src);
	const struct output *o;
	int		 config = strcmp(src, "site.yaml") == 0;
	int		 tmpl;
	const struct page **users;
	size_t		 i, n = 0, nusers;

	tmpl = theme_dir != NULL && is_template(theme_dir, src);
	nusers = image_users(s, src, &users);
	outplan_deps(pl, s);
	*idx = xcalloc(pl->n ? pl->n : 1, sizeof(**idx));
	for (i = 0; i < pl->n; i++) {
		o = &pl->v[i];
		if ((config && (o->deps & DEP_SITE)) ||
		    (tmpl && (o->deps & DEP_THEME)) ||
		    ((o->subject == SUBJ_FILE || o->subject == SUBJ_IMAGE) &&
		    strcmp(o->src, src) == 0) ||
		    (p != NULL && reads_page(o, p)) ||
		    /* Ids follow dates: a page given a later date moves the
		       documents after it down one, an earlier one those
		       from its new place on up one (the after-edit plan
		       answers for those). */
		    (!in_place && p != NULL && o->kind == OUT_SEARCH_DOC &&
		    p->doc >= 0 && (size_t)p->doc <= o->part) ||
		    /* The index has text, no photo. */
		    (o->kind != OUT_SEARCH_ROOT && o->kind != OUT_SEARCH_DICT &&
		    o->kind != OUT_SEARCH_BUCKET && o->kind != OUT_SEARCH_DOC &&
		    reads_any(o, users, nusers)))
			(*idx)[n++] = i;
	}
	free(users);
	return n;
}

size_t
outplan_affected(struct outplan *pl, const struct site *s,
    const char *theme_dir, const char *src, size_t **idx)
{
	return affected(pl, s, theme_dir, src, 0, idx);
}

size_t
outplan_affected_in_place(struct outplan *pl, const struct site *s,
    const char *theme_dir, const char *src, size_t **idx)
{
	return affected(pl, s, theme_dir, src, 1, idx);
}

void
outplan_drop(struct outplan *pl, enum out_kind kind)
{
	size_t	 i, n = 0;

	for (i = 0; i < pl->n; i++) {
		if (pl->v[i].kind == kind) {
			free(pl->v[i].path);
			free(pl->v[i].reads);
			continue;
		}
		pl->v[n++] = pl->v[i];
	}
	pl->n = n;
}

void
outplan_free(struct outplan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].path);
		free(pl->v[i].reads);
	}
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}
