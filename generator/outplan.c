/*
 * outplan.c - the list of every file a build writes (see outplan.h).
 */
#include <stdlib.h>
#include <string.h>

#include "feeds.h"
#include "model.h"
#include "outplan.h"
#include "routes.h"
#include "scan.h"
#include "util.h"

static const char *const kind_names[OUT_KINDS] = {
	"procs-json", "sitemap", "log-atom", "procs-rss", "news-rss",
	"news-atom", "term-rss", "robots", "plan-json", "report-csv", "page",
	"asset", "static", "build-json"
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

/* The feeds and data files, biggest first (see outplan.h). */
static void
add_feeds(struct outplan *pl, const struct site *s)
{
	const struct taxonomy *tax[2] = { &s->topics, &s->units };
	struct output	*o;
	size_t		 i, k, n;

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

void
outplan_make(struct outplan *pl, const struct site *s,
    const struct strlist *statics)
{
	struct output	*o;
	char		*to;
	size_t		 i, k;

	memset(pl, 0, sizeof(*pl));
	add_feeds(pl, s);
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
		if ((to = route_static(s->theme_dir, statics->v[i])) == NULL)
			continue;	/* scan_tree lists none such */
		o = add(pl, OUT_STATIC, to);
		o->subject = SUBJ_FILE;
		o->src = statics->v[i];
	}
	add(pl, OUT_BUILD_JSON, xstrdup(ROUTE_BUILD_JSON));
}

void
outplan_free(struct outplan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		free(pl->v[i].path);
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}
