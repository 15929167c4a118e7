/*
 * test_plans.c - plans_status and plans_reports at their date boundaries:
 * a task on the day before its start, its start day, its deadline day
 * and the day after; a linked post dated on the deadline (in Vietnam's
 * time, whatever zone it was written in), after it, and after the day
 * the status is taken on; recurring periods on their first day; and the
 * reporting periods that have begun on the day a quarter starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "model.h"
#include "plans.h"
#include "when.h"
#include "t.h"

/* One task read as a plan would read it, with up to 4 linked posts. */
static struct page	 plan, posts[4];
static struct page	*linked[4];
static struct task_state ts;

static void
task(const char *when, const char *period)
{
	struct period	 p;

	memset(&plan, 0, sizeof(plan));
	memset(&ts, 0, sizeof(ts));
	if (period_parse(period, &p) != 0) {
		fprintf(stderr, "period_parse(%s) failed\n", period);
		exit(2);
	}
	when_parse(when, &p, &ts.when);
	ts.posts = linked;
	plan.ts = &ts;
}

/* Links a post dated `date` (any form date_parse reads). */
static void
post(const char *date)
{
	struct page	*p = &posts[ts.nposts];

	memset(p, 0, sizeof(*p));
	if (date_parse(date, &p->date, NULL) != 0) {
		fprintf(stderr, "date_parse(%s) failed\n", date);
		exit(2);
	}
	p->has_date = 1;
	linked[ts.nposts++] = p;
}

/* The status of the task on `at` ("YYYY-MM-DD"). */
static const char *
status(const char *at)
{
	static struct task_status st;
	struct ymd	 d;

	if (sscanf(at, "%d-%d-%d", &d.y, &d.m, &d.d) != 3) {
		fprintf(stderr, "bad date %s\n", at);
		exit(2);
	}
	plans_status(&plan, 0, &d, &st);
	return st.status;
}

static const char *
fmt(const struct ymd *d)
{
	static char	 b[16];

	ymd_fmt(d, b);
	return b;
}

/* A range: before, on and after its first and last days. */
static void
test_range(void)
{
	task("Tháng 3 - 5/2025", "2025");
	T_INTEQ(ts.when.kind, WHEN_RANGE);
	T_STREQ(fmt(&ts.when.start), "2025-03-01");
	T_STREQ(fmt(&ts.when.end), "2025-05-31");
	T_STREQ(status("2025-02-28"), "not-started");
	T_STREQ(status("2025-03-01"), "in-progress");	/* the start day */
	T_STREQ(status("2025-05-30"), "in-progress");
	T_STREQ(status("2025-05-31"), "in-progress");	/* the deadline day */
	T_STREQ(status("2025-06-01"), "overdue");	/* the day after */
	T_STREQ(status("2026-01-01"), "overdue");
}

/* A post dated on the deadline counts as done; a day later it does not. */
static const struct post_row {
	const char	*post, *at, *want;
} post_rows[] = {
	{ "2025-05-31T23:59:59+07:00", "2025-05-31", "done" },
	{ "2025-05-31T23:59:59+07:00", "2025-06-01", "done" },
	{ "2025-05-31T23:59:59+07:00", "2025-12-31", "done" },
	/* Not yet published on the day the status is taken. */
	{ "2025-05-31T23:59:59+07:00", "2025-05-30", "in-progress" },
	/* The same instant written in UTC is still 31 May in Vietnam... */
	{ "2025-05-31T16:59:59Z", "2025-06-01", "done" },
	/* ...one second later it is 1 June: late, so overdue. */
	{ "2025-05-31T17:00:00Z", "2025-06-01", "overdue" },
	{ "2025-06-01", "2025-05-31", "in-progress" },
	{ "2025-06-01", "2025-06-01", "overdue" },
	/* A post on the start day counts, one before it too (done early). */
	{ "2025-03-01", "2025-03-01", "done" },
	{ "2025-02-28", "2025-03-01", "done" },
};

static void
test_post_on_deadline(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(post_rows) / sizeof(post_rows[0]); i++) {
		const struct post_row *r = &post_rows[i];
		const char *got;

		task("Tháng 3 - 5/2025", "2025");
		post(r->post);
		got = status(r->at);
		if (strcmp(got, r->want) != 0)
			fprintf(stderr, "post dated %s, status on %s:\n",
			    r->post, r->at);
		T_STREQ(got, r->want);
	}
}

/* "Chậm nhất": from the start of the plan's period to the deadline. */
static void
test_deadline(void)
{
	task("Chậm nhất ngày 15/10/2025", "2025");
	T_INTEQ(ts.when.kind, WHEN_DEADLINE);
	T_STREQ(fmt(&ts.when.start), "2025-01-01");
	T_STREQ(fmt(&ts.when.end), "2025-10-15");
	T_STREQ(status("2024-12-31"), "not-started");
	T_STREQ(status("2025-01-01"), "in-progress");
	T_STREQ(status("2025-10-15"), "in-progress");
	T_STREQ(status("2025-10-16"), "overdue");
	post("2025-10-15");
	T_STREQ(status("2025-10-15"), "done");
	T_STREQ(status("2025-10-16"), "done");
}

/* Recurring: a period counts as elapsed from its first day. */
static void
test_recurring(void)
{
	static struct task_status st;
	struct ymd	 d = { 2025, 2, 28 };

	task("Hằng tháng", "2025");
	post("2025-01-31");
	post("2025-03-01");
	plans_status(&plan, 0, &d, &st);
	T_STREQ(st.status, "recurring");
	T_INTEQ(st.elapsed, 2);
	T_INTEQ(st.done, 1);		/* January; the March post is later */
	d.m = 3;
	d.d = 1;
	plans_status(&plan, 0, &d, &st);
	T_INTEQ(st.elapsed, 3);
	T_INTEQ(st.done, 2);

	task("Định kỳ hằng quý", "2025");
	post("2025-06-30");
	d.m = 6;
	d.d = 30;
	plans_status(&plan, 0, &d, &st);
	T_INTEQ(st.elapsed, 2);
	T_INTEQ(st.done, 1);
	d.m = 7;
	d.d = 1;
	plans_status(&plan, 0, &d, &st);
	T_INTEQ(st.elapsed, 3);
	T_INTEQ(st.done, 1);
}

/* The reports of a 2025 plan on `today`, as "KEY KEY ..." newest first. */
static const char *
reports(int y, int m, int d)
{
	static char	 keys[256];
	struct site	 s;
	struct page	 p, *pp = &p;
	size_t		 i;

	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	if (period_parse("2025", &p.period) != 0)
		exit(2);
	p.has_period = 1;
	s.plans = &pp;
	s.nplans = 1;
	s.today.y = y;
	s.today.m = m;
	s.today.d = d;
	plans_reports(&s);
	keys[0] = '\0';
	for (i = 0; i < s.nreports; i++) {
		if (i > 0)
			strcat(keys, " ");
		strcat(keys, s.reports[i].key);
	}
	plans_free(&s);
	return keys;
}

/* A quarter's report exists from its first day. */
static void
test_reports(void)
{
	T_STREQ(reports(2024, 12, 31), "");
	T_STREQ(reports(2025, 1, 1), "2025 2025-H1 2025-Q1");
	T_STREQ(reports(2025, 3, 31), "2025 2025-H1 2025-Q1");
	T_STREQ(reports(2025, 4, 1), "2025 2025-H1 2025-Q2 2025-Q1");
	T_STREQ(reports(2025, 6, 30), "2025 2025-H1 2025-Q2 2025-Q1");
	T_STREQ(reports(2025, 7, 1),
	    "2025 2025-H2 2025-Q3 2025-H1 2025-Q2 2025-Q1");
}

int
main(void)
{
	test_range();
	test_post_on_deadline();
	test_deadline();
	test_recurring();
	test_reports();
	return t_done("plans");
}
