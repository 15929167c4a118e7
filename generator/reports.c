/*
 * reports.c - the contents of a periodic report; see reports.h.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plans.h"
#include "reports.h"
#include "taxonomy.h"
#include "util.h"

/* The posts of `v` dated within the report's period, in their order. */
static size_t
in_period(struct page *const *v, size_t n, const struct report *r,
    const struct page ***out)
{
	size_t	 i, k = 0;

	*out = NULL;
	for (i = 0; i < n; i++)
		if (plans_in(v[i], &r->start, &r->end)) {
			if (*out == NULL)
				*out = xcalloc(n, sizeof(**out));
			(*out)[k++] = v[i];
		}
	return k;
}

static void
contents_units(const struct site *s, const struct report *r,
    struct report_contents *c)
{
	const struct taxonomy	*u = &s->units;
	const struct page	**posts;
	size_t			  i, n, cap = 0;

	for (i = 0; i < u->nterms; i++) {
		if ((n = in_period(u->terms[i].posts, u->terms[i].nposts, r,
		    &posts)) == 0)
			continue;
		ARRAY_GROW(c->units, c->nunits, cap, 8);
		c->units[c->nunits].unit = &u->terms[i];
		c->units[c->nunits].posts = posts;
		c->units[c->nunits++].nposts = n;
	}
	for (i = 0; i < s->nposts; i++)
		c->nposts += plans_in(s->posts[i], &r->start, &r->end);
}

static void
contents_plans(const struct site *s, const struct report *r,
    struct report_contents *c)
{
	const struct page	**posts;
	struct report_plan	 *rp;
	size_t			  i, k, n, tcap = 0, pcap = 0;

	for (i = 0; i < s->nplans; i++) {
		const struct page *p = s->plans[i];

		if (!p->has_period || date_cmp_day(&p->period.start, &r->end) > 0 ||
		    date_cmp_day(&p->period.end, &r->start) < 0)
			continue;
		ARRAY_GROW(c->plans, c->nplans, pcap, 4);
		rp = &c->plans[c->nplans++];
		rp->plan = p;
		rp->status = xcalloc(p->tasks.n ? p->tasks.n : 1,
		    sizeof(*rp->status));
		for (k = 0; k < p->tasks.n; k++) {
			plans_status(p, k, &c->at, &rp->status[k]);
			if ((n = in_period(p->ts[k].posts, p->ts[k].nposts, r,
			    &posts)) == 0)
				continue;
			ARRAY_GROW(c->tasks, c->ntasks, tcap, 8);
			c->tasks[c->ntasks].plan = p;
			c->tasks[c->ntasks].task = k;
			c->tasks[c->ntasks].posts = posts;
			c->tasks[c->ntasks++].nposts = n;
		}
	}
}

void
reports_contents(const struct site *s, const struct report *r,
    struct report_contents *c)
{
	memset(c, 0, sizeof(*c));
	c->at = s->today;
	if (date_cmp_day(&r->end, &c->at) < 0)
		c->at = r->end;
	contents_units(s, r, c);
	contents_plans(s, r, c);
	c->nmissing = plans_empty_months(s, &r->start, &r->end, &c->missing);
}

void
reports_free(struct report_contents *c)
{
	size_t	 i;

	for (i = 0; i < c->nunits; i++)
		free(c->units[i].posts);
	free(c->units);
	for (i = 0; i < c->ntasks; i++)
		free(c->tasks[i].posts);
	free(c->tasks);
	for (i = 0; i < c->nplans; i++)
		free(c->plans[i].status);
	free(c->plans);
	free(c->missing);
	memset(c, 0, sizeof(*c));
}

char *
reports_period_text(const struct report *r)
{
	return xasprintf("%02d/%02d/%04d – %02d/%02d/%04d", r->start.d,
	    r->start.m, r->start.y, r->end.d, r->end.m, r->end.y);
}
