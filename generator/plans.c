/*
 * plans.c - plans as data: periods, tasks, links from posts, status,
 * months without news, reporting periods.  See plans.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "model.h"
#include "plans.h"
#include "routes.h"
#include "util.h"
#include "value.h"

static const char *const roman[] = { "", "I", "II", "III", "IV" };

/* The calendar day of an instant, in Vietnam. */
static struct cdate
day_of(const struct cdate *c)
{
	struct cdate	 vn;

	date_to_vn(c, &vn);
	return when_date(vn.y, vn.m, vn.d);
}

int
plans_in(const struct page *post, const struct cdate *a,
    const struct cdate *b)
{
	struct cdate	 d = day_of(&post->date);

	return date_cmp_day(&d, a) >= 0 && date_cmp_day(&d, b) <= 0;
}

void
plans_read_period(struct page *p)
{
	const struct val *v = val_map_get(p->meta, "period");
	char		  y[8];
	int		  line, col;

	if (val_get_str(v) != NULL) {
		if (period_parse(val_get_str(v), &p->period) == 0) {
			p->has_period = 1;
			return;
		}
		yaml_key_pos(p->meta, "period", &line, &col);
		diag_err(&p->diag, p->src, val_line(v) ? val_line(v) : line,
		    val_col(v) ? val_col(v) : col, "“period”: “%s” không phải "
		    "năm hay khoảng năm; viết \"2025\" hoặc \"2022-2030\"",
		    val_get_str(v));
		p->failed = 1;
		return;
	}
	if (p->has_date) {
		snprintf(y, sizeof(y), "%04d", p->date.y % 10000);
		p->has_period = period_parse(y, &p->period) == 0;
	}
}

void
plans_read_tasks(struct page *p, const struct unit_names *names)
{
	size_t	 i;

	if (plan_extract(p->src, p->text + p->body_off, p->textlen -
	    p->body_off, p->body_line, names, &p->tasks, &p->diag) == -1)
		p->failed = 1;
	p->ts = xcalloc(p->tasks.n ? p->tasks.n : 1, sizeof(*p->ts));
	for (i = 0; i < p->tasks.n; i++) {
		const struct plan_task *t = &p->tasks.v[i];

		if (!p->has_period) {
			p->ts[i].when.kind = WHEN_UNKNOWN;
			continue;
		}
		when_parse(t->when, &p->period, &p->ts[i].when);
		if (p->ts[i].when.kind == WHEN_UNKNOWN && t->when != NULL &&
		    *t->when != '\0')
			diag_warn(&p->diag, p->src, t->line, 0, "nhiệm vụ %s: "
			    "không hiểu thời gian “%s”, nên không tính được "
			    "tiến độ; viết như “Quý II/2025”, “Tháng 6 - "
			    "9/2025”, “Chậm nhất tháng 4/2025” hoặc “Thường "
			    "xuyên”", t->id, t->when);
	}
}

struct page *
plans_find(const struct site *s, const char *key)
{
	size_t	 i;

	for (i = 0; i < s->nplans; i++) {
		const char *num = fm_str(s->plans[i]->meta, "number");

		if ((num != NULL && strcmp(num, key) == 0) ||
		    strcmp(s->plans[i]->slug, key) == 0)
			return s->plans[i];
	}
	return NULL;
}

static void
link_task(struct task_state *ts, struct page *post)
{
	if (ts->nposts > 0 && ts->posts[ts->nposts - 1] == post)
		return;
	ARRAY_GROW(ts->posts, ts->nposts, ts->cap, 4);
	ts->posts[ts->nposts++] = post;
}

/* The ids a post names in `task`: one string or a list. */
static void
post_tasks(struct site *s, struct page *post, struct page *plan, int *rc)
{
	const struct val *v = val_map_get(post->meta, "task"), *it;
	size_t		  i, k, n;
	char		  id[32];

	(void)s;
	n = val_type(v) == VAL_LIST ? val_list_len(v) : v != NULL ? 1 : 0;
	for (i = 0; i < n; i++) {
		it = val_type(v) == VAL_LIST ? val_list_at(v, i) : v;
		if (val_get_str(it) == NULL) {
			diag_err(&post->diag, post->src, val_line(it),
			    val_col(it), "“task”: cần mã nhiệm vụ như 2.1");
			post->failed = 1;
			*rc = -1;
			continue;
		}
		/* "2.1." and "2.1" name the same task. */
		snprintf(id, sizeof(id), "%s", val_get_str(it));
		if (*id && id[strlen(id) - 1] == '.')
			id[strlen(id) - 1] = '\0';
		for (k = 0; k < plan->tasks.n; k++)
			if (strcmp(plan->tasks.v[k].id, id) == 0)
				break;
		if (k == plan->tasks.n) {
			diag_err(&post->diag, post->src, val_line(it),
			    val_col(it), "kế hoạch “%s” không có nhiệm vụ "
			    "“%s”; xem danh sách nhiệm vụ trên trang kế hoạch",
			    plan->title, id);
			post->failed = 1;
			*rc = -1;
			continue;
		}
		link_task(&plan->ts[k], post);
	}
}

int
plans_link(struct site *s)
{
	const struct val *v;
	struct page	 *post, *plan;
	size_t		  i;
	int		  rc = 0, line, col;

	/* Posts are newest first, so each task's list is too. */
	for (i = 0; i < s->nposts; i++) {
		post = s->posts[i];
		v = val_map_get(post->meta, "plan");
		if (v == NULL) {
			if (val_map_get(post->meta, "task") != NULL) {
				yaml_key_pos(post->meta, "task", &line, &col);
				diag_err(&post->diag, post->src, line, col,
				    "“task” cần đi kèm “plan” (số hoặc tên tệp "
				    "của kế hoạch)");
				post->failed = 1;
				rc = -1;
			}
			continue;
		}
		if (val_get_str(v) == NULL ||
		    (plan = plans_find(s, val_get_str(v))) == NULL) {
			diag_err(&post->diag, post->src, val_line(v),
			    val_col(v), "không có kế hoạch “%s” trong plans/; "
			    "ghi số ký hiệu (ví dụ 137/KH-SKHCN) hoặc tên tệp "
			    "của kế hoạch", val_get_str(v) ? val_get_str(v) :
			    "?");
			post->failed = 1;
			rc = -1;
			continue;
		}
		post->plan_ref = plan;
		post_tasks(s, post, plan, &rc);
	}
	return rc;
}

/* An edge of the citation graph: `by` cites `plan`. */
struct citation {
	struct page	*plan, *by;
};

static const char *
plan_number(const struct page *p)
{
	return fm_str(p->meta, "number");
}

static int
number_cmp(const void *a, const void *b)
{
	return strcmp(plan_number(*(struct page *const *)a),
	    plan_number(*(struct page *const *)b));
}

/* Adds the edge (plan, by) unless by already cites plan (from e[first]). */
static void
cite(struct citation **e, size_t *n, size_t *cap, size_t first,
    struct page *plan, struct page *by)
{
	size_t	 i;

	for (i = first; i < *n; i++)
		if ((*e)[i].plan == plan)
			return;
	ARRAY_GROW(*e, *n, *cap, 16);
	(*e)[*n].plan = plan;
	(*e)[(*n)++].by = by;
}

/* The plans numbered `name`: a range of the sorted `bynum`. */
static void
cite_number(struct citation **e, size_t *n, size_t *cap, size_t first,
    struct page **bynum, size_t nbynum, const char *name, struct page *by)
{
	size_t	 lo = 0, hi = nbynum, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(plan_number(bynum[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nbynum && strcmp(plan_number(bynum[lo]), name) == 0; lo++)
		cite(e, n, cap, first, bynum[lo], by);
}

/*
 * The inverse of every plan's cites and basis: the edges, in the order
 * of the citing plan, are counted per cited plan, which then gets its
 * slice of one array, filled in that order.
 */
void
plans_cited_by(struct site *s)
{
	struct citation	*e = NULL;
	struct page	**bynum, *q;
	size_t		 i, k, n = 0, cap = 0, first, nb = 0, nbynum = 0, off;

	free(s->cited_by);
	for (i = 0; i < s->nplans; i++) {
		s->plans[i]->cited_by = NULL;
		s->plans[i]->ncited_by = 0;
	}
	bynum = xcalloc(s->nplans ? s->nplans : 1, sizeof(*bynum));
	for (i = 0; i < s->nplans; i++)
		if (plan_number(s->plans[i]) != NULL)
			bynum[nbynum++] = s->plans[i];
	qsort(bynum, nbynum, sizeof(*bynum), number_cmp);
	for (i = 0; i < s->nplans; i++) {
		q = s->plans[i];
		first = n;
		for (k = 0; k < q->ncites; k++)
			cite(&e, &n, &cap, first, q->cites[k], q);
		nb = fm_strlist_len(q->meta, "basis");
		for (k = 0; k < nb; k++) {
			const char *name = fm_strlist_at(q->meta, "basis", k);

			if (name != NULL)
				cite_number(&e, &n, &cap, first, bynum, nbynum,
				    name, q);
		}
	}
	for (i = 0; i < n; i++)
		e[i].plan->ncited_by++;
	s->cited_by = xcalloc(n ? n : 1, sizeof(*s->cited_by));
	for (i = off = 0; i < n; i++) {
		if (e[i].plan->cited_by == NULL) {
			e[i].plan->cited_by = s->cited_by + off;
			off += e[i].plan->ncited_by;
			e[i].plan->ncited_by = 0;
		}
		e[i].plan->cited_by[e[i].plan->ncited_by++] = e[i].by;
	}
	free(bynum);
	free(e);
}

/* Index (months since year 0) of a date, and back. */
static int
mindex(const struct cdate *d)
{
	return d->y * 12 + d->m - 1;
}

static const char *
recur_unit(enum when_kind k, int *months)
{
	switch (k) {
	case WHEN_QUARTERLY:
		*months = 3;
		return "quý";
	case WHEN_HALF_YEARLY:
		*months = 6;
		return "nửa năm";
	case WHEN_YEARLY:
		*months = 12;
		return "năm";
	default:
		*months = 1;
		return "tháng";
	}
}

void
plans_status(const struct page *plan, size_t i, const struct cdate *at,
    struct task_status *st)
{
	const struct task_state	*ts = &plan->ts[i];
	const struct when	*w = &ts->when;
	struct cdate		 a, b;
	size_t			 k;
	int			 step, m0, m, last, hit;

	memset(st, 0, sizeof(*st));
	if (!w->has_dates) {
		st->kind = STATUS_NONE;
		return;
	}
	switch (w->kind) {
	case WHEN_MONTHLY:
	case WHEN_QUARTERLY:
	case WHEN_HALF_YEARLY:
	case WHEN_YEARLY:
	case WHEN_CONTINUOUS:
		/* Count the periods begun by `at`, and those with a post. */
		st->kind = STATUS_RECURRING;
		st->unit = recur_unit(w->kind, &step);
		m0 = mindex(&w->start);
		last = mindex(at) < mindex(&w->end) ? mindex(at) :
		    mindex(&w->end);
		for (m = m0; m <= last; m += step) {
			a = when_date(m / 12, m % 12 + 1, 1);
			b = when_date((m + step - 1) / 12,
			    (m + step - 1) % 12 + 1, 1);
			b.d = date_days_in_month(b.y, b.m);
			st->elapsed++;
			for (k = 0, hit = 0; k < ts->nposts && !hit; k++)
				hit = plans_in(ts->posts[k], &a, &b);
			st->done += hit;
		}
		return;
	default:
		break;
	}
	for (k = 0; k < ts->nposts; k++) {
		struct cdate d = day_of(&ts->posts[k]->date);

		if (date_cmp_day(&d, &w->end) <= 0 && date_cmp_day(&d, at) <= 0) {
			st->kind = STATUS_DONE;
			return;
		}
	}
	if (date_cmp_day(at, &w->end) > 0)
		st->kind = STATUS_OVERDUE;
	else if (date_cmp_day(at, &w->start) >= 0)
		st->kind = STATUS_IN_PROGRESS;
	else
		st->kind = STATUS_NOT_STARTED;
}

void
plans_statuses(struct site *s)
{
	size_t		 i, k;

	for (i = 0; i < s->nplans; i++)
		for (k = 0; k < s->plans[i]->tasks.n; k++)
			plans_status(s->plans[i], k, &s->today,
			    &s->plans[i]->ts[k].status);
}

const struct status_text *
plans_status_text(enum status_kind k)
{
	static const struct status_text text[STATUS_KINDS] = {
		[STATUS_DONE] = { "done", "done", "Đã thực hiện" },
		[STATUS_IN_PROGRESS] = { "in-progress", "in_progress",
		    "Đang thực hiện" },
		[STATUS_OVERDUE] = { "overdue", "overdue", "Quá hạn" },
		[STATUS_NOT_STARTED] = { "not-started", "not_started",
		    "Chưa đến hạn" },
		[STATUS_RECURRING] = { "recurring", "recurring", "Định kỳ" },
		[STATUS_NONE] = { "none", "none", "Không xác định" },
	};

	return &text[(unsigned)k < STATUS_KINDS ? k : STATUS_NONE];
}

size_t
plans_empty_months(const struct site *s, const struct cdate *from,
    const struct cdate *to, int **out)
{
	struct cdate	 over;
	int		 m, first = mindex(from), last = mindex(to), *v;
	size_t		 i, n = 0;
	char		*seen;

	/* The month in progress may still get its post. */
	over = s->today.m == 1 ? when_date(s->today.y - 1, 12, 1) :
	    when_date(s->today.y, s->today.m - 1, 1);
	if (date_cmp_day(&over, to) < 0)
		last = mindex(&over);

	if (last < first) {
		*out = NULL;
		return 0;
	}
	seen = xcalloc((size_t)(last - first + 1), 1);
	for (i = 0; i < s->nposts; i++) {
		struct cdate d = day_of(&s->posts[i]->date);

		if (mindex(&d) >= first && mindex(&d) <= last)
			seen[mindex(&d) - first] = 1;
	}
	v = xcalloc((size_t)(last - first + 1), sizeof(*v));
	for (m = first; m <= last; m++)
		if (!seen[m - first])
			v[n++] = m;
	free(seen);
	*out = v;
	return n;
}

static int
report_cmp(const void *a, const void *b)
{
	const struct report *x = a, *y = b;
	int c = date_cmp_day(&y->end, &x->end);

	/* Newest end first; at one end, the longer period first. */
	return c != 0 ? c : date_cmp_day(&x->start, &y->start);
}

static void
add_report(struct site *s, size_t *cap, enum report_kind k, int year, int n)
{
	struct report	*r;
	size_t		 i;

	for (i = 0; i < s->nreports; i++)
		if (s->reports[i].kind == k && s->reports[i].year == year &&
		    s->reports[i].n == n)
			return;
	ARRAY_GROW(s->reports, s->nreports, *cap, 16);
	r = &s->reports[s->nreports++];
	memset(r, 0, sizeof(*r));
	r->kind = k;
	r->year = year;
	r->n = n;
	r->start = r->end = when_date(year, 1, 1);
	switch (k) {
	case REPORT_QUARTER:
		r->start.m = 3 * n - 2;
		r->end.m = 3 * n;
		r->url = route_report(year, 'q', n);
		r->title = xasprintf("Báo cáo quý %s năm %d", roman[n], year);
		r->key = xasprintf("%04d-Q%d", year, n);
		break;
	case REPORT_HALF:
		r->start.m = 6 * n - 5;
		r->end.m = 6 * n;
		r->url = route_report(year, 'h', n);
		r->title = xasprintf("Báo cáo 6 tháng %s năm %d", n == 1 ?
		    "đầu" : "cuối", year);
		r->key = xasprintf("%04d-H%d", year, n);
		break;
	default:
		r->start.m = 1;
		r->end.m = 12;
		r->url = route_report(year, 0, 0);
		r->title = xasprintf("Báo cáo năm %d", year);
		r->key = xasprintf("%04d", year);
		break;
	}
	r->end.d = date_days_in_month(year, r->end.m);
}

void
plans_reports(struct site *s)
{
	struct cdate	 a;
	size_t		 i, cap = 0;
	int		 y, q;

	for (i = 0; i < s->nplans; i++) {
		const struct page *p = s->plans[i];

		if (!p->has_period)
			continue;
		for (y = p->period.start.y; y <= p->period.end.y; y++)
			for (q = 1; q <= 4; q++) {
				a = when_date(y, 3 * q - 2, 1);
				/* Periods that have begun by today. */
				if (date_cmp_day(&a, &s->today) > 0)
					continue;
				add_report(s, &cap, REPORT_QUARTER, y, q);
				if (q == 1 || q == 3)
					add_report(s, &cap, REPORT_HALF, y,
					    q == 1 ? 1 : 2);
				if (q == 1)
					add_report(s, &cap, REPORT_YEAR, y, 0);
			}
	}
	if (s->nreports > 1)
		qsort(s->reports, s->nreports, sizeof(*s->reports),
		    report_cmp);
}

const struct report *
plans_report(const struct site *s, const char *key)
{
	size_t	 i;

	for (i = 0; i < s->nreports; i++)
		if (strcasecmp(s->reports[i].key, key) == 0)
			return &s->reports[i];
	return NULL;
}

void
plans_free(struct site *s)
{
	size_t	 i;

	for (i = 0; i < s->nreports; i++) {
		free(s->reports[i].url);
		free(s->reports[i].title);
		free(s->reports[i].key);
	}
	free(s->reports);
	s->reports = NULL;
	s->nreports = 0;
	free(s->cited_by);
	s->cited_by = NULL;
}
