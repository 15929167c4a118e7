/*
 * plans.h - model stage for plans: each plan's period and tasks with
 * their times, the posts that report on each task (front matter `plan`
 * and `task`), each task's status on a date, the months without news,
 * and the reporting periods (quarters, halves, years) a Văn phòng Sở
 * reports on.
 *
 * Status on a date D (--today, or the end of a reporting period):
 *   done         a linked post dated on or before the task's end
 *   overdue      the end has passed, nothing linked
 *   in-progress  D is within the task's dates
 *   not-started  D is before its start
 *   recurring    monthly / quarterly / half-yearly / yearly / continuous:
 *                the share of elapsed periods with a linked post
 *   none         no dates (on request, or a time cchc cannot read)
 */
#ifndef CCHC_PLANS_H
#define CCHC_PLANS_H

#include <stddef.h>

#include "plan_tasks.h"
#include "when.h"

struct page;
struct site;
struct unit_names;

/* A task's status, as listed above, in the order templates count them. */
enum status_kind {
	STATUS_DONE,
	STATUS_IN_PROGRESS,
	STATUS_OVERDUE,
	STATUS_NOT_STARTED,
	STATUS_RECURRING,
	STATUS_NONE,
	STATUS_KINDS
};

/* How a status is written: the one table of these strings. */
struct status_text {
	const char	*name;		/* "in-progress": CSS class, data */
	const char	*key;		/* "in_progress": task_summary key */
	const char	*label;		/* "Đang thực hiện": shown */
};

struct task_status {
	enum status_kind kind;
	int		 done, elapsed;	/* recurring: periods with a post */
	const char	*unit;		/* recurring: "tháng", "quý", ... */
};

struct task_state {
	struct when	  when;
	struct page	**posts;	/* linked posts, newest first */
	size_t		  nposts, cap;
	struct task_status status;	/* on --today (plans_statuses) */
};

enum report_kind { REPORT_QUARTER, REPORT_HALF, REPORT_YEAR };

struct report {
	enum report_kind kind;
	int		 year, n;	/* n: quarter 1-4, half 1-2 */
	struct cdate	 start, end;
	char		*url;		/* "bao-cao/2025-q2/" */
	char		*title;		/* "Báo cáo quý II năm 2025" */
	char		*key;		/* "2025-Q2" (cchc report --period) */
};

/* Parse stage: reads `period` (default: the year of `issued`). */
void	 plans_read_period(struct page *);
/*
 * Markdown stage (parallel, per plan): tasks and their times; `names`
 * (site config) keeps known unit names whole in partner cells.
 */
void	 plans_read_tasks(struct page *, const struct unit_names *names);
/*
 * After the Markdown stage: links posts to their plan and tasks (an
 * unknown plan or task is an error at its line).  0 or -1.
 */
int	 plans_link(struct site *);
/*
 * After the Markdown stage: each plan's cited_by, the plans that cite it
 * (their text names its number, or their `basis` does), from every
 * plan's cites and basis in one pass.
 */
void	 plans_cited_by(struct site *);
/* Status of task i of `plan` on `at`. */
void	 plans_status(const struct page *plan, size_t i, const struct cdate *at,
	    struct task_status *);
/* After plans_link(): every task's status on --today, in its task_state. */
void	 plans_statuses(struct site *);
const struct status_text *plans_status_text(enum status_kind);
/*
 * Months of [from, to] with no post, counting only months over by
 * --today; returns how many, fills out[] with "YYYY*12+month-1" numbers
 * (caller frees *out).
 */
size_t	 plans_empty_months(const struct site *, const struct cdate *from,
	    const struct cdate *to, int **out);
/* Reporting periods that have begun by --today, newest first. */
void	 plans_reports(struct site *);
void	 plans_free(struct site *);
/* A plan by its number ("137/KH-SKHCN") or slug, or NULL. */
struct page *plans_find(const struct site *, const char *key);
/* Whether a post's date falls within [a, b]. */
int	 plans_in(const struct page *post, const struct cdate *a,
	    const struct cdate *b);
/* A report by key ("2025-Q2", "2025-H1", "2025"), case-insensitive. */
const struct report *plans_report(const struct site *, const char *key);

#endif
