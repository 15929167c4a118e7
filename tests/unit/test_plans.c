/*
 * test_plans.c - plans_status and plans_reports at their date boundaries:
 * a task on the day before its start, its start day, its deadline day
 * and the day after; a linked post dated on the deadline (in Vietnam's
 * time, whatever zone it was written in), after it, and after the day
 * the status is taken on; recurring periods on their first day; and the
 * reporting periods that have begun on the day a quarter starts; and
 * plans_cited_by, the inverse index of citations, against the
 * definition (every plan scanned for each plan) on fixed and random
 * citation graphs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "model.h"
#include "util.h"
#include "value.h"
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
	struct cdate	 d;

	if (date_parse_ymd(at, &d) != 0) {
		fprintf(stderr, "bad date %s\n", at);
		exit(2);
	}
	plans_status(&plan, 0, &d, &st);
	return plans_status_text(st.kind)->name;
}

static const char *
fmt(const struct cdate *d)
{
	static char	 b[16];
	struct buf	 t = BUF_INIT;

	date_fmt_ymd(d, &t);
	snprintf(b, sizeof(b), "%s", buf_cstr(&t));
	buf_free(&t);
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
	struct cdate	 d = when_date(2025, 2, 28);

	task("Hằng tháng", "2025");
	post("2025-01-31");
	post("2025-03-01");
	plans_status(&plan, 0, &d, &st);
	T_INTEQ(st.kind, STATUS_RECURRING);
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


/*
 * The status table: every kind written, the data name and the template
 * key the same words, an out-of-range kind read as "none"; and
 * plans_statuses() takes each built plan's task status on --today.
 */
static void
test_status_text(void)
{
	static const char *const want[STATUS_KINDS][3] = {
		{ "done", "done", "Đã thực hiện" },
		{ "in-progress", "in_progress", "Đang thực hiện" },
		{ "overdue", "overdue", "Quá hạn" },
		{ "not-started", "not_started", "Chưa đến hạn" },
		{ "recurring", "recurring", "Định kỳ" },
		{ "none", "none", "Không xác định" },
	};
	const struct status_text *t;
	struct site	 s;
	struct page	*pp[1];
	int		 k;

	for (k = 0; k < STATUS_KINDS; k++) {
		t = plans_status_text((enum status_kind)k);
		T_STREQ(t->name, want[k][0]);
		T_STREQ(t->key, want[k][1]);
		T_STREQ(t->label, want[k][2]);
	}
	T_STREQ(plans_status_text(STATUS_KINDS)->name, "none");

	task("Quý II/2025", "2025");
	plan.tasks.n = 1;
	memset(&s, 0, sizeof(s));
	pp[0] = &plan;
	s.plans = pp;
	s.nplans = 1;
	s.today.y = 2025;
	s.today.m = 7;
	s.today.d = 1;
	plans_statuses(&s);
	T_INTEQ(ts.status.kind, STATUS_OVERDUE);
	s.today.m = 5;
	plans_statuses(&s);
	T_INTEQ(ts.status.kind, STATUS_IN_PROGRESS);
	post("2025-06-30");
	s.today.m = 8;
	plans_statuses(&s);
	T_INTEQ(ts.status.kind, STATUS_DONE);
	plan.tasks.n = 0;
}

#define NPLANS 12

/* Plans numbered from a small set (shared numbers, one without). */
static struct page	 cplans[NPLANS];
static struct page	*cplan_ptrs[NPLANS], *ccites[NPLANS][NPLANS];
static const char *const numbers[] = { "1/KH-A", "2/KH-A", "3/KH-B",
    "1/KH-A", NULL, "9/KH-C" };

static void
cite_site(struct site *s)
{
	size_t	 i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < NPLANS; i++) {
		val_unref(cplans[i].meta);
		memset(&cplans[i], 0, sizeof(cplans[i]));
		cplans[i].kind = PAGE_PLAN;
		cplans[i].meta = val_map_lit();
		if (numbers[i % 6] != NULL)
			val_map_set_str(cplans[i].meta, "number", numbers[i % 6]);
		cplans[i].cites = ccites[i];
		cplan_ptrs[i] = &cplans[i];
	}
	s->plans = cplan_ptrs;
	s->nplans = NPLANS;
}

static int
names_number(const struct val *basis, const char *num)
{
	size_t	 k, n = val_type(basis) == VAL_STR ? 1 : val_list_len(basis);
	const char *name;

	for (k = 0; k < n; k++) {
		name = val_type(basis) == VAL_STR ? val_get_str(basis) :
		    val_get_str(val_list_at(basis, k));
		if (name != NULL && strcmp(name, num) == 0)
			return 1;
	}
	return 0;
}

/* The definition: plans, in order, that cite p or name its number. */
static size_t
cited_by_slow(const struct site *s, const struct page *p,
    const struct page **out)
{
	const char	*num = val_get_str(val_map_get(p->meta, "number"));
	size_t		 i, c, n = 0;
	int		 hit;

	for (i = 0; num != NULL && i < s->nplans; i++) {
		for (c = 0, hit = 0; c < s->plans[i]->ncites; c++)
			hit |= s->plans[i]->cites[c] == p;
		if (hit || names_number(val_map_get(s->plans[i]->meta,
		    "basis"), num))
			out[n++] = s->plans[i];
	}
	return n;
}

static int
same_as_slow(const struct site *s)
{
	const struct page *want[NPLANS];
	size_t		 i, k, n;

	for (i = 0; i < s->nplans; i++) {
		n = cited_by_slow(s, s->plans[i], want);
		if (s->plans[i]->ncited_by != n)
			return 0;
		for (k = 0; k < n; k++)
			if (s->plans[i]->cited_by[k] != want[k])
				return 0;
	}
	return 1;
}

static void
test_cited_by(void)
{
	struct site	 s;
	struct val	*l;
	unsigned	 seed = 12345, r;
	size_t		 i, k, round, ok = 0;

	/* Fixed: 5 cites 0 in its text and names "1/KH-A" (plans 0, 3, 6,
	   9) in its basis, twice; 2 names its own number; 7 cites 0. */
	cite_site(&s);
	ccites[5][0] = &cplans[0];
	cplans[5].ncites = 1;
	l = val_list();
	val_list_push(l, val_str("1/KH-A"));
	val_list_push(l, val_str("khong-co"));
	val_list_push(l, val_str("1/KH-A"));
	val_map_set(cplans[5].meta, "basis", l);
	val_map_set_str(cplans[2].meta, "basis", "3/KH-B");
	ccites[7][0] = &cplans[0];
	cplans[7].ncites = 1;
	plans_cited_by(&s);
	T_INTEQ(cplans[0].ncited_by, 2);
	T_OK(cplans[0].cited_by[0] == &cplans[5]);
	T_OK(cplans[0].cited_by[1] == &cplans[7]);
	T_INTEQ(cplans[3].ncited_by, 1);
	T_OK(cplans[3].cited_by[0] == &cplans[5]);
	T_INTEQ(cplans[2].ncited_by, 1);
	T_OK(cplans[2].cited_by[0] == &cplans[2]);
	T_INTEQ(cplans[5].ncited_by, 0);
	T_INTEQ(cplans[4].ncited_by, 0);
	T_OK(same_as_slow(&s));
	/* Again on the same site: the old index is replaced. */
	plans_cited_by(&s);
	T_INTEQ(cplans[0].ncited_by, 2);
	T_OK(same_as_slow(&s));
	free(s.cited_by);

	/* Random graphs (cites only point at numbered plans, as
	   links_xref makes them). */
	for (round = 0; round < 200; round++) {
		cite_site(&s);
		for (i = 0; i < NPLANS; i++) {
			for (k = 0; k < NPLANS; k++) {
				r = seed = seed * 1103515245u + 12345u;
				if ((r >> 16) % 5 == 0 && k != i &&
				    numbers[k % 6] != NULL)
					ccites[i][cplans[i].ncites++] =
					    &cplans[k];
			}
			r = seed = seed * 1103515245u + 12345u;
			if ((r >> 16) % 3 == 0) {
				l = val_list();
				val_list_push(l, val_str(numbers[(r >> 8) %
				    6] ? numbers[(r >> 8) % 6] : "x"));
				val_list_push(l, val_str(numbers[(r >> 4) %
				    6] ? numbers[(r >> 4) % 6] : "y"));
				val_map_set(cplans[i].meta, "basis", l);
			} else if ((r >> 16) % 3 == 1)
				val_map_set_str(cplans[i].meta, "basis",
				    numbers[(r >> 8) % 6] ? numbers[(r >> 8) %
				    6] : "z");
		}
		plans_cited_by(&s);
		ok += same_as_slow(&s);
		free(s.cited_by);
	}
	T_INTEQ(ok, 200);
	for (i = 0; i < NPLANS; i++)
		val_unref(cplans[i].meta);
}

int
main(void)
{
	test_range();
	test_post_on_deadline();
	test_deadline();
	test_recurring();
	test_reports();
	test_cited_by();
	test_status_text();
	return t_done("plans");
}
