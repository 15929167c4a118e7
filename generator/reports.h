/*
 * reports.h - what a periodic report (plans.h, struct report) says, read
 * from the model: the posts of the period by unit, the posts by the
 * task they report on, every task's status at the period's end of the
 * plans active in it, the months without news.  The report page's view
 * (render.c) and the exports (export.c: CSV, Markdown) are both made
 * from it.
 *
 * Ownership: a struct report_contents owns its arrays (reports_free);
 * the pages, terms and strings they point to belong to the site.
 */
#ifndef CCHC_REPORTS_H
#define CCHC_REPORTS_H

#include <stddef.h>

#include "plans.h"

struct page;
struct report;
struct site;
struct term;

/* A unit with its posts in the period, newest first. */
struct report_unit {
	const struct term	 *unit;
	const struct page	**posts;
	size_t			  nposts;
};

/* A task with the posts of the period that report on it. */
struct report_task {
	const struct page	 *plan;
	size_t			  task;		/* index in plan->tasks */
	const struct page	**posts;
	size_t			  nposts;
};

/* A plan whose period overlaps the report's, with its tasks' status. */
struct report_plan {
	const struct page	*plan;
	struct task_status	*status;	/* one per task */
};

struct report_contents {
	struct cdate		 at;	/* statuses on: the end, or --today */
	struct report_unit	*units;		/* units with posts, by name */
	size_t			 nunits;
	size_t			 nposts;	/* posts in the period */
	struct report_task	*tasks;		/* tasks with posts */
	size_t			 ntasks;
	struct report_plan	*plans;		/* newest issued first */
	size_t			 nplans;
	int			*missing;	/* plans_empty_months() */
	size_t			 nmissing;
};

void	 reports_contents(const struct site *, const struct report *,
	    struct report_contents *);
void	 reports_free(struct report_contents *);
/* "01/04/2025 – 30/06/2025" (caller frees). */
char	*reports_period_text(const struct report *);

#endif
