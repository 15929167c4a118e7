/*
 * test_reports.c - what a periodic report says (reports.h) for quarters,
 * halves and the year of a small site made by hand: the posts of the
 * period by unit, the posts by task, each task's status on the period's
 * end (or --today while it runs), the months without news, and the
 * period as text.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "plans.h"
#include "reports.h"
#include "util.h"
#include "value.h"
#include "when.h"
#include "t.h"

static const char plan_md[] =
    "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tuyên truyền | Văn phòng Sở | | Quý II/2025 |\n"
    "| 2 | Hội nghị | Thanh tra | | Quý III/2025 |\n"
    "| 3 | Bản tin | Văn phòng Sở | | Hằng tháng |\n";

static struct page *
post(const char *name, const char *date, const char *unit)
{
	char		*src = xasprintf("content/tin-tuc/%s.md", name);
	struct page	*p = page_new(PAGE_POST, src);
	const char	*why;

	free(src);
	p->url = xasprintf("tin-tuc/%s/", name);
	p->out = xasprintf("tin-tuc/%s/index.html", name);
	p->title = xstrdup(name);
	p->meta = val_map_lit();
	if (unit != NULL)
		val_map_set_str(p->meta, "unit", unit);
	T_INTEQ(date_parse(date, &p->date, &why), 0);
	p->has_date = 1;
	return p;
}

/* Links post p to task k of plan (posts newest first, as plans.c). */
static void
link_task(struct page *plan, size_t k, struct page *p)
{
	struct task_state *ts = &plan->ts[k];

	ARRAY_GROW(ts->posts, ts->nposts, ts->cap, 4);
	ts->posts[ts->nposts++] = p;
}

/*
 * The one place a site is made, on --today 2025-08-15: a 2025 plan of
 * three tasks (Q2, Q3, monthly), four posts:
 *   p4 2025-02-01 (no unit), p1 2025-05-10 Văn phòng Sở (task 1),
 *   p2 2025-06-30 23:00 Thanh tra (task 1),
 *   p3 2025-07-01 00:30 Văn phòng Sở (task 3).
 * No post in January, March, April; August is still running.
 */
static void
mksite(struct site *s, struct page **pl)
{
	struct page	*plan, *p1, *p2, *p3, *p4;
	const char	*why;

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	s->cfg.title = xstrdup("CCHC");
	s->cfg.base_url = xstrdup("https://example.gov.vn/");
	s->cfg.posts_per_page = 10;
	s->cfg.feed_items = 20;
	date_parse("2025-08-15", &s->today, &why);
	s->today_str = "2025-08-15";

	plan = page_new(PAGE_PLAN, "plans/kh-01.md");
	plan->url = xstrdup("ke-hoach/kh-01/");
	plan->out = xstrdup("ke-hoach/kh-01/index.html");
	plan->title = xstrdup("Kế hoạch tuyên truyền CCHC năm 2025");
	plan->meta = val_map_lit();
	plan->text = xstrdup(plan_md);
	plan->textlen = strlen(plan_md);
	plan->body_line = 1;
	date_parse("2025-01-10", &plan->date, &why);
	plan->has_date = 1;
	T_INTEQ(period_parse("2025", &plan->period), 0);
	plan->has_period = 1;
	plans_read_tasks(plan, NULL);
	T_INTEQ(plan->tasks.n, 3);
	site_add_page(s, plan);
	p1 = post("p1", "2025-05-10", "Văn phòng Sở");
	p2 = post("p2", "2025-06-30T23:00:00+07:00", "Thanh tra");
	p3 = post("p3", "2025-07-01T00:30:00+07:00", "Văn phòng Sở");
	p4 = post("p4", "2025-02-01", NULL);
	site_add_page(s, p1);
	site_add_page(s, p2);
	site_add_page(s, p3);
	site_add_page(s, p4);
	link_task(plan, 0, p2);
	link_task(plan, 0, p1);
	link_task(plan, 2, p3);
	T_INTEQ(model_build(s), 0);
	*pl = plan;
}

static const struct report *
report(const struct site *s, const char *key)
{
	const struct report *r = plans_report(s, key);

	T_OK(r != NULL);
	if (r == NULL)
		abort();
	return r;
}

static void
test_periods(const struct site *s)
{
	const struct report	*r;
	char			*t;
	size_t			 i;
	char			 keys[128] = "";

	for (i = 0; i < s->nreports; i++)
		snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys),
		    "%s%s", i ? " " : "", s->reports[i].key);
	T_STREQ(keys, "2025 2025-H2 2025-Q3 2025-H1 2025-Q2 2025-Q1");
	r = report(s, "2025-q2");		/* any case */
	T_STREQ(r->title, "Báo cáo quý II năm 2025");
	T_STREQ(r->url, "bao-cao/2025-q2/");
	t = reports_period_text(r);
	T_STREQ(t, "01/04/2025 – 30/06/2025");
	free(t);
	r = report(s, "2025-H2");
	T_STREQ(r->title, "Báo cáo 6 tháng cuối năm 2025");
	t = reports_period_text(r);
	T_STREQ(t, "01/07/2025 – 31/12/2025");
	free(t);
	r = report(s, "2025");
	T_STREQ(r->title, "Báo cáo năm 2025");
	T_OK(plans_report(s, "2025-Q4") == NULL);	/* not begun */
}

static void
test_quarter(const struct site *s, const struct page *plan)
{
	struct report_contents	 c;

	reports_contents(s, report(s, "2025-Q2"), &c);
	/* Over: statuses on its last day. */
	T_INTEQ(c.at.y * 10000 + c.at.m * 100 + c.at.d, 20250630);
	T_INTEQ(c.nposts, 2);
	T_INTEQ(c.nunits, 2);
	T_STREQ(c.units[0].unit->name, "Thanh tra");
	T_INTEQ(c.units[0].nposts, 1);
	T_STREQ(c.units[1].unit->name, "Văn phòng Sở");
	T_INTEQ(c.units[1].nposts, 1);
	T_STREQ(c.units[1].posts[0]->title, "p1");
	/* Task 1 with both posts, newest first; task 3's post is July's. */
	T_INTEQ(c.ntasks, 1);
	T_OK(c.tasks[0].plan == plan && c.tasks[0].task == 0);
	T_INTEQ(c.tasks[0].nposts, 2);
	T_STREQ(c.tasks[0].posts[0]->title, "p2");
	T_INTEQ(c.nplans, 1);
	T_INTEQ(c.plans[0].status[0].kind, STATUS_DONE);
	T_INTEQ(c.plans[0].status[1].kind, STATUS_NOT_STARTED);
	T_INTEQ(c.plans[0].status[2].kind, STATUS_RECURRING);
	T_INTEQ(c.plans[0].status[2].elapsed, 6);
	T_INTEQ(c.plans[0].status[2].done, 0);
	/* April had no news. */
	T_INTEQ(c.nmissing, 1);
	T_INTEQ(c.missing[0], 2025 * 12 + 3);
	reports_free(&c);
	T_OK(c.units == NULL && c.nunits == 0);

	/* Running: statuses on --today; August may still get its post. */
	reports_contents(s, report(s, "2025-Q3"), &c);
	T_INTEQ(c.at.y * 10000 + c.at.m * 100 + c.at.d, 20250815);
	T_INTEQ(c.nposts, 1);
	T_INTEQ(c.nunits, 1);
	T_STREQ(c.units[0].unit->name, "Văn phòng Sở");
	T_INTEQ(c.ntasks, 1);
	T_INTEQ(c.tasks[0].task, 2);
	T_INTEQ(c.plans[0].status[0].kind, STATUS_DONE);
	T_INTEQ(c.plans[0].status[1].kind, STATUS_IN_PROGRESS);
	T_INTEQ(c.plans[0].status[2].elapsed, 8);
	T_INTEQ(c.plans[0].status[2].done, 1);
	T_INTEQ(c.nmissing, 0);
	reports_free(&c);

	reports_contents(s, report(s, "2025-Q1"), &c);
	T_INTEQ(c.nposts, 1);
	T_INTEQ(c.nunits, 0);			/* p4 names no unit */
	T_INTEQ(c.ntasks, 0);
	T_INTEQ(c.nmissing, 2);
	T_INTEQ(c.missing[0], 2025 * 12 + 0);	/* January */
	T_INTEQ(c.missing[1], 2025 * 12 + 2);	/* March */
	reports_free(&c);
}

static void
test_half_and_year(const struct site *s)
{
	struct report_contents	 c;

	reports_contents(s, report(s, "2025-H1"), &c);
	T_INTEQ(c.nposts, 3);
	T_INTEQ(c.nunits, 2);
	T_INTEQ(c.ntasks, 1);
	T_INTEQ(c.nmissing, 3);			/* January, March, April */
	T_INTEQ(c.missing[2], 2025 * 12 + 3);
	reports_free(&c);
	reports_contents(s, report(s, "2025-H2"), &c);
	T_INTEQ(c.nposts, 1);
	T_INTEQ(c.nmissing, 0);
	reports_free(&c);
	reports_contents(s, report(s, "2025"), &c);
	T_INTEQ(c.at.m, 8);
	T_INTEQ(c.nposts, 4);
	T_INTEQ(c.nunits, 2);
	T_INTEQ(c.units[1].nposts, 2);		/* Văn phòng Sở: p3, p1 */
	T_STREQ(c.units[1].posts[0]->title, "p3");
	T_INTEQ(c.ntasks, 2);
	T_INTEQ(c.nmissing, 3);			/* July has p3 */
	reports_free(&c);
}

int
main(void)
{
	struct site	 s;
	struct page	*plan;

	mksite(&s, &plan);
	test_periods(&s);
	test_quarter(&s, plan);
	test_half_and_year(&s);
	site_free(&s);
	return t_done("reports");
}
