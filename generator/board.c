/*
 * board.c - the compliance board over the departments' du-lieu.json;
 * see board.h and docs/bang-theo-doi.md.
 *
 * board_make() reads the data into a value tree; board_csv() and
 * board_markdown() read only that tree, so the three say the same.
 * Every read of the data goes through val_* getters, which answer NULL
 * for a missing key or another type: nothing here trusts the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "plans.h"
#include "procedure.h"
#include "util.h"
#include "value.h"
#include "when.h"

/*
 * Task statuses in plans.h's order (enum status_kind): their names, keys
 * and labels are plans_status_text()'s, as a department's plan pages
 * show them; here what the board adds, the word in a sentence and the
 * CSV header (none for "none": the CSV lists the five the Sở Nội vụ
 * asks about).
 */
static const struct {
	const char	*text;		/* in a sentence */
	const char	*csv;
} statuses[STATUS_KINDS] = {
	[STATUS_DONE] = { "đã thực hiện", "Nhiệm vụ đã thực hiện" },
	[STATUS_IN_PROGRESS] = { "đang thực hiện",
	    "Nhiệm vụ đang thực hiện" },
	[STATUS_OVERDUE] = { "quá hạn", "Nhiệm vụ quá hạn" },
	[STATUS_NOT_STARTED] = { "chưa đến hạn", "Nhiệm vụ chưa đến hạn" },
	[STATUS_RECURRING] = { "định kỳ", "Nhiệm vụ định kỳ" },
	[STATUS_NONE] = { "không xác định", NULL },
};
#define NSTATUS		STATUS_KINDS
#define ST_OVERDUE	STATUS_OVERDUE
#define ST_NONE		STATUS_NONE
#define ST_NAME(i)	plans_status_text((enum status_kind)(i))->name
#define ST_KEY(i)	plans_status_text((enum status_kind)(i))->key
#define ST_LABEL(i)	plans_status_text((enum status_kind)(i))->label


static const char *const roman[] = { "", "I", "II", "III", "IV" };

#define PERIOD_HELP "cần 2025-Q2 (quý), 2025-H1 (6 tháng) hoặc 2025 (năm)"

/* --- Small readers of untrusted data -------------------------------- */

/* A string at m[key], or NULL for a missing key or another type. */
static const char *
sget(const struct val *m, const char *key)
{
	return val_get_str(val_map_get(m, key));
}

static struct val *
str_or_null(const char *s)
{
	return s != NULL ? val_str(s) : val_null();
}

/* NULL, or only spaces (ASCII white space and U+00A0). */
static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (*s != '\0') {
		if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		else if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)
			s += 2;
		else
			return 0;
	}
	return 1;
}

/* (y, m, d) compared as calendar days. */
static int
day_cmp(int y1, int m1, int d1, const struct cdate *b)
{
	if (y1 != b->y)
		return y1 < b->y ? -1 : 1;
	if (m1 != b->m)
		return m1 < b->m ? -1 : 1;
	if (d1 != b->d)
		return d1 < b->d ? -1 : 1;
	return 0;
}

/* A count from the board's own tree, safe to print as an integer. */
static long long
num_at(const struct val *m, const char *key)
{
	double	 x = val_get_num(val_map_get(m, key));

	return x >= -1e15 && x <= 1e15 ? (long long)x : 0;
}

/* --- Periods --------------------------------------------------------- */

int
board_period_parse(const char *s, struct board_period *p,
    const char **err)
{
	int	 y = 0, i;

	if (s == NULL || *s == '\0') {
		if (err != NULL)
			*err = "kỳ trống; " PERIOD_HELP;
		return -1;
	}
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9') {
			if (err != NULL)
				*err = "kỳ phải bắt đầu bằng năm có 4 chữ số; "
				    PERIOD_HELP;
			return -1;
		}
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1900) {
		if (err != NULL)
			*err = "năm phải từ 1900 trở đi; " PERIOD_HELP;
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->year = y;
	s += 4;
	if (*s == '\0') {
		p->kind = BOARD_YEAR;
		p->start_m = 1;
		p->end_m = 12;
		return 0;
	}
	if (s[0] == '-' && (s[1] == 'Q' || s[1] == 'q') &&
	    s[2] >= '1' && s[2] <= '4' && s[3] == '\0') {
		p->kind = BOARD_QUARTER;
		p->n = s[2] - '0';
		p->start_m = 3 * p->n - 2;
		p->end_m = 3 * p->n;
		return 0;
	}
	if (s[0] == '-' && (s[1] == 'H' || s[1] == 'h') &&
	    s[2] >= '1' && s[2] <= '2' && s[3] == '\0') {
		p->kind = BOARD_HALF;
		p->n = s[2] - '0';
		p->start_m = 6 * p->n - 5;
		p->end_m = 6 * p->n;
		return 0;
	}
	if (err != NULL) {
		if (s[0] == '-' && (s[1] == 'Q' || s[1] == 'q'))
			*err = "quý phải từ 1 đến 4; " PERIOD_HELP;
		else if (s[0] == '-' && (s[1] == 'H' || s[1] == 'h'))
			*err = "nửa năm là H1 hoặc H2; " PERIOD_HELP;
		else
			*err = "không hiểu kỳ báo cáo; " PERIOD_HELP;
	}
	return -1;
}

/* "2025-Q2", "2025-H1", "2025" (caller frees). */
static char *
period_key(enum board_kind k, int y, int n)
{
	if (k == BOARD_QUARTER)
		return xasprintf("%04d-Q%d", y, n);
	if (k == BOARD_HALF)
		return xasprintf("%04d-H%d", y, n);
	return xasprintf("%04d", y);
}

/* "Quý II/2025", "6 tháng đầu năm 2025", "Năm 2025" (caller frees). */
static char *
period_label(enum board_kind k, int y, int n)
{
	if (k == BOARD_QUARTER)
		return xasprintf("Quý %s/%d", roman[n], y);
	if (k == BOARD_HALF)
		return xasprintf("6 tháng %s năm %d", n == 1 ? "đầu" : "cuối",
		    y);
	return xasprintf("Năm %d", y);
}

static const char *
kind_name(enum board_kind k)
{
	return k == BOARD_QUARTER ? "quarter" : k == BOARD_HALF ? "half" :
	    "year";
}

static struct val *
ymd_val(int y, int m, int d)
{
	return val_str_own(xasprintf("%04d-%02d-%02d", y, m, d));
}

/*
 * The reporting periods inside the board's: its quarters and halves,
 * and the year when it is one, by end, the shorter first at one end.
 */
struct due {
	enum board_kind	 kind;
	int		 n, start_m, end_m;
};

static size_t
dues_of(const struct board_period *p, struct due out[7])
{
	size_t	 n = 0, i, j;
	int	 q;

	for (q = 1; q <= 4; q++)
		if (3 * q - 2 >= p->start_m && 3 * q <= p->end_m)
			out[n++] = (struct due){ BOARD_QUARTER, q, 3 * q - 2,
			    3 * q };
	for (q = 1; q <= 2; q++)
		if (6 * q - 5 >= p->start_m && 6 * q <= p->end_m)
			out[n++] = (struct due){ BOARD_HALF, q, 6 * q - 5,
			    6 * q };
	if (p->kind == BOARD_YEAR)
		out[n++] = (struct due){ BOARD_YEAR, 0, 1, 12 };
	/* Insertion sort: seven at most. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (out[j].end_m < out[j - 1].end_m ||
		    (out[j].end_m == out[j - 1].end_m &&
		    out[j].start_m > out[j - 1].start_m)); j--) {
			struct due t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* --- One department -------------------------------------------------- */

/* What board_make knows about the period while it reads departments. */
struct ctx {
	struct board_period	 per;
	const struct cdate	*today;
	int			 nmonths;	/* months shown: start_m .. */
	struct due		 dues[7];
	size_t			 ndues;
};

/* "Tháng 3/2025" */
static struct val *
month_label(int y, int m)
{
	return val_str_own(when_month_title(y, m));
}

/* A month as the board's and each department's lists start it. */
static struct val *
month_val(int y, int m)
{
	struct val	*e = val_map();

	val_map_set(e, "month", val_str_own(xasprintf("%04d-%02d", y, m)));
	val_map_set(e, "label", month_label(y, m));
	val_map_set(e, "short", val_str_own(xasprintf("T%d/%d", m, y)));
	return e;
}

/* Posts per month; the months list of the department. */
static void
dept_posts(const struct ctx *c, const struct val *data, struct val *d,
    long long *missing_out)
{
	const struct val	*posts = val_map_get(data, "posts");
	struct val		*months, *e, *labels;
	struct cdate		 t, vn;
	long long		 count[12] = { 0 }, total = 0, missing = 0;
	const char		*s, *status, *slabel;
	size_t			 i;
	int			 k, m, y = c->per.year;

	for (i = 0; i < val_list_len(posts); i++) {
		s = sget(val_list_at(posts, i), "published");
		if (s == NULL || date_parse(s, &t, NULL) == -1)
			continue;
		/* The month is Vietnam's: +07:00 whatever zone was written. */
		date_to_vn(&t, &vn);
		if (day_cmp(vn.y, vn.m, vn.d, c->today) > 0)
			continue;
		if (vn.y != y || vn.m < c->per.start_m ||
		    vn.m >= c->per.start_m + c->nmonths)
			continue;
		count[vn.m - 1]++;
	}
	months = val_list();
	labels = val_list();
	for (k = 0; k < c->nmonths; k++) {
		m = c->per.start_m + k;
		e = month_val(y, m);
		val_map_set_num(e, "posts", (double)count[m - 1]);
		total += count[m - 1];
		if (count[m - 1] > 0) {
			status = "co-tin";
			slabel = "Có tin";
		} else if (y == c->today->y && m == c->today->m) {
			status = "dang-dien-ra";
			slabel = "Đang diễn ra";
		} else {
			status = "thieu";
			slabel = "Không có tin";
			missing++;
			val_list_push(labels, month_label(y, m));
		}
		val_map_set_str(e, "status", status);
		val_map_set_str(e, "status_label", slabel);
		val_map_set_bool(e, "has_posts", count[m - 1] > 0);
		val_map_set_bool(e, "missing", strcmp(status, "thieu") == 0);
		val_map_set_bool(e, "current", y == c->today->y &&
		    m == c->today->m);
		val_list_push(months, e);
	}
	val_map_set_num(d, "posts", (double)total);
	val_map_set(d, "months", months);
	val_map_set_num(d, "months_missing", (double)missing);
	val_map_set(d, "missing_months", labels);
	*missing_out = missing;
}

/* Whether a plan's period (start, end) overlaps the board's. */
static int
plan_overlaps(const struct ctx *c, const struct val *plan)
{
	const struct val	*per = val_map_get(plan, "period");
	const char		*a = sget(per, "start"), *b = sget(per, "end");
	struct cdate		 s, e, ps, pe;

	if (a == NULL || b == NULL || date_parse_ymd(a, &s) == -1 ||
	    date_parse_ymd(b, &e) == -1)
		return 0;
	ps = when_date(c->per.year, c->per.start_m, 1);
	pe = when_date(c->per.year, c->per.end_m,
	    date_days_in_month(c->per.year, c->per.end_m));
	return date_cmp_day(&s, &pe) <= 0 && date_cmp_day(&e, &ps) >= 0;
}

static size_t
status_index(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < NSTATUS; i++)
		if (strcmp(s, ST_NAME(i)) == 0)
			return i;
	return ST_NONE;
}

static struct val *
tasks_val(const long long count[NSTATUS])
{
	struct val	*t = val_map(), *l = val_list(), *e;
	long long	 total = 0;
	size_t		 i;

	for (i = 0; i < NSTATUS; i++)
		total += count[i];
	val_map_set_num(t, "total", (double)total);
	for (i = 0; i < NSTATUS; i++)
		val_map_set_num(t, ST_KEY(i), (double)count[i]);
	for (i = 0; i < NSTATUS; i++) {
		e = val_map();
		val_map_set_str(e, "status", ST_NAME(i));
		val_map_set_str(e, "label", ST_LABEL(i));
		val_map_set_num(e, "count", (double)count[i]);
		val_list_push(l, e);
	}
	val_map_set(t, "by_status", l);
	return t;
}

/* Tasks of the plans overlapping the period, by status; the overdue. */
static void
dept_tasks(const struct ctx *c, const struct val *data, struct val *d,
    long long count[NSTATUS])
{
	const struct val	*plans = val_map_get(data, "plans"), *plan,
				*tasks, *t;
	struct val		*overdue = val_list(), *e;
	size_t			 i, k, st;

	for (i = 0; i < val_list_len(plans); i++) {
		plan = val_list_at(plans, i);
		if (!plan_overlaps(c, plan))
			continue;
		tasks = val_map_get(plan, "tasks");
		for (k = 0; k < val_list_len(tasks); k++) {
			t = val_list_at(tasks, k);
			if (val_type(t) != VAL_MAP)
				continue;
			st = status_index(sget(t, "status"));
			count[st]++;
			if (st != ST_OVERDUE)
				continue;
			e = val_map();
			val_map_set(e, "plan_title", str_or_null(sget(plan,
			    "title")));
			val_map_set(e, "plan_number", str_or_null(sget(plan,
			    "number")));
			val_map_set(e, "url", str_or_null(sget(plan, "url")));
			val_map_set(e, "id", str_or_null(sget(t, "id")));
			val_map_set(e, "content", str_or_null(sget(t,
			    "content")));
			val_map_set(e, "lead", str_or_null(sget(t, "lead")));
			val_map_set(e, "when", str_or_null(sget(val_map_get(t,
			    "when"), "text")));
			val_list_push(overdue, e);
		}
	}
	val_map_set(d, "tasks", tasks_val(count));
	val_map_set(d, "overdue", overdue);
}

/* The department's report of period `key`, or NULL. */
static const struct val *
find_report(const struct val *data, const char *key)
{
	const struct val	*l = val_map_get(data, "reports"), *r;
	const char		*p;
	size_t			 i;

	for (i = 0; i < val_list_len(l); i++) {
		r = val_list_at(l, i);
		if ((p = sget(r, "period")) != NULL && strcasecmp(p, key) == 0)
			return r;
	}
	return NULL;
}

static void
dept_reports(const struct ctx *c, const struct val *data, struct val *d,
    long long *due_out, long long *missing_out)
{
	const struct val	*r;
	const struct due	*du;
	struct val		*l = val_list(), *labels = val_list(), *e;
	long long		 due = 0, present = 0;
	char			*key;
	size_t			 i;
	int			 y = c->per.year, last;

	for (i = 0; i < c->ndues; i++) {
		du = &c->dues[i];
		last = date_days_in_month(y, du->end_m);
		/* Due once its last day is over. */
		if (day_cmp(y, du->end_m, last, c->today) >= 0)
			continue;
		due++;
		key = period_key(du->kind, y, du->n);
		r = find_report(data, key);
		e = val_map();
		val_map_set(e, "period", val_str_own(key));
		val_map_set(e, "kind", val_str(kind_name(du->kind)));
		val_map_set(e, "label", val_str_own(period_label(du->kind, y,
		    du->n)));
		val_map_set(e, "due_date", ymd_val(y, du->end_m, last));
		val_map_set_bool(e, "present", r != NULL);
		val_map_set_bool(e, "missing", r == NULL);
		val_map_set(e, "url", str_or_null(sget(r, "url")));
		if (r != NULL)
			present++;
		else
			val_list_push(labels, val_str_own(period_label(
			    du->kind, y, du->n)));
		val_list_push(l, e);
	}
	val_map_set(d, "reports", l);
	val_map_set_num(d, "reports_due", (double)due);
	val_map_set_num(d, "reports_present", (double)present);
	val_map_set_num(d, "reports_missing", (double)(due - present));
	val_map_set(d, "missing_reports", labels);
	*due_out = due;
	*missing_out = due - present;
}

static void
dept_procedures(const struct val *data, struct val *d, long long *total_out,
    long long *incomplete_out)
{
	const struct val	*procs = val_map_get(data, "procedures"), *p,
				*secs;
	struct val		*l = val_list(), *e, *all, *fields, *sections;
	long long		 total = 0, incomplete = 0;
	size_t			 i, k;

	for (i = 0; i < val_list_len(procs); i++) {
		p = val_list_at(procs, i);
		if (val_type(p) != VAL_MAP)
			continue;
		total++;
		all = val_list();
		fields = val_list();
		sections = val_list();
		for (k = 0; k < PROC_NFIELDS; k++)
			if (blank(sget(p, proc_fields[k].key))) {
				val_list_push(all, val_str(proc_fields[k].name));
				val_list_push(fields,
				    val_str(proc_fields[k].name));
			}
		/* A section is there when its text is; "" is a section
		 * with no text left (a picture, say), still there. */
		secs = val_map_get(p, "sections");
		for (k = 0; k < PROC_NSECTIONS; k++)
			if (proc_sections[k].required &&
			    val_get_str(val_map_get(secs, proc_sections[k].id))
			    == NULL) {
				val_list_push(all, val_str_cat("Mục ",
				    proc_sections[k].title));
				val_list_push(sections,
				    val_str(proc_sections[k].title));
			}
		if (val_list_len(all) == 0) {
			val_unref(all);
			val_unref(fields);
			val_unref(sections);
			continue;
		}
		incomplete++;
		e = val_map();
		val_map_set(e, "title", str_or_null(sget(p, "title")));
		val_map_set(e, "code", str_or_null(sget(p, "code")));
		val_map_set(e, "url", str_or_null(sget(p, "url")));
		val_map_set(e, "missing", all);
		val_map_set(e, "missing_fields", fields);
		val_map_set(e, "missing_sections", sections);
		val_list_push(l, e);
	}
	val_map_set_num(d, "procedures", (double)total);
	val_map_set_num(d, "procedures_complete", (double)(total - incomplete));
	val_map_set_num(d, "procedures_incomplete", (double)incomplete);
	val_map_set(d, "incomplete", l);
	*total_out = total;
	*incomplete_out = incomplete;
}

/* Board-wide sums, added department by department. */
struct totals {
	long long	 depts, ok, posts, months_missing, tasks[NSTATUS];
	long long	 due, rmissing, procs, incomplete, problems;
};

static struct val *
dept_val(const struct ctx *c, const struct board_dept *bd, struct totals *tt)
{
	const struct val	*data = bd->data, *site;
	struct val		*d = val_map();
	const char		*name = bd->name;
	long long		 missing, tasks[NSTATUS] = { 0 }, due, rmissing,
				 procs, incomplete, problems;
	size_t			 i;

	site = val_map_get(data, "site");
	if (name == NULL)
		name = sget(site, "department");
	if (name == NULL)
		name = bd->slug != NULL ? bd->slug : "";
	val_map_set_str(d, "name", name);
	val_map_set_str(d, "slug", bd->slug != NULL ? bd->slug : "");
	val_map_set(d, "url", str_or_null(sget(site, "base_url")));
	val_map_set(d, "data_today", str_or_null(sget(data, "today")));
	dept_posts(c, data, d, &missing);
	dept_tasks(c, data, d, tasks);
	dept_reports(c, data, d, &due, &rmissing);
	dept_procedures(data, d, &procs, &incomplete);
	problems = missing + tasks[ST_OVERDUE] + rmissing + incomplete;
	val_map_set_num(d, "problems", (double)problems);
	val_map_set_bool(d, "ok", problems == 0);

	tt->depts++;
	tt->ok += problems == 0;
	tt->posts += num_at(d, "posts");
	tt->months_missing += missing;
	for (i = 0; i < NSTATUS; i++)
		tt->tasks[i] += tasks[i];
	tt->due += due;
	tt->rmissing += rmissing;
	tt->procs += procs;
	tt->incomplete += incomplete;
	tt->problems += problems;
	return d;
}

static struct val *
totals_val(const struct totals *tt)
{
	struct val	*t = val_map();

	val_map_set_num(t, "departments", (double)tt->depts);
	val_map_set_num(t, "departments_ok", (double)tt->ok);
	val_map_set_num(t, "posts", (double)tt->posts);
	val_map_set_num(t, "months_missing", (double)tt->months_missing);
	val_map_set(t, "tasks", tasks_val(tt->tasks));
	val_map_set_num(t, "overdue", (double)tt->tasks[ST_OVERDUE]);
	val_map_set_num(t, "reports_due", (double)tt->due);
	val_map_set_num(t, "reports_present", (double)(tt->due -
	    tt->rmissing));
	val_map_set_num(t, "reports_missing", (double)tt->rmissing);
	val_map_set_num(t, "procedures", (double)tt->procs);
	val_map_set_num(t, "procedures_complete", (double)(tt->procs -
	    tt->incomplete));
	val_map_set_num(t, "procedures_incomplete", (double)tt->incomplete);
	val_map_set_num(t, "problems", (double)tt->problems);
	val_map_set_bool(t, "ok", tt->problems == 0);
	return t;
}

struct val *
board_make(const struct board_dept *depts, size_t n,
    const struct cdate *today, const char *period, const char **err)
{
	struct ctx	 c;
	struct totals	 tt;
	struct val	*b, *per, *months, *l;
	struct buf	 tb = BUF_INIT;
	size_t		 i;
	int		 k, last;

	memset(&c, 0, sizeof(c));
	memset(&tt, 0, sizeof(tt));
	c.today = today;
	if (period == NULL) {
		/* The year so far: months after today's are left out below. */
		c.per.kind = BOARD_YEAR;
		c.per.year = today->y;
		c.per.start_m = 1;
		c.per.end_m = 12;
	} else if (board_period_parse(period, &c.per, err) == -1)
		return NULL;
	/* Months that have begun by today. */
	for (k = c.per.start_m; k <= c.per.end_m; k++)
		if (day_cmp(c.per.year, k, 1, today) <= 0)
			c.nmonths++;
	c.ndues = dues_of(&c.per, c.dues);

	b = val_map();
	val_map_set_str(b, "format", BOARD_FORMAT);
	val_map_set_num(b, "version", BOARD_VERSION);
	date_fmt_ymd(today, &tb);
	val_map_set_str(b, "today", buf_cstr(&tb));
	buf_reset(&tb);
	date_fmt_vn(today, &tb);
	val_map_set_str(b, "today_text", buf_cstr(&tb));
	buf_free(&tb);

	per = val_map();
	val_map_set(per, "key", val_str_own(period_key(c.per.kind, c.per.year,
	    c.per.n)));
	val_map_set_str(per, "kind", kind_name(c.per.kind));
	val_map_set(per, "label", val_str_own(period_label(c.per.kind,
	    c.per.year, c.per.n)));
	val_map_set(per, "start", ymd_val(c.per.year, c.per.start_m, 1));
	last = date_days_in_month(c.per.year, c.per.end_m);
	val_map_set(per, "end", ymd_val(c.per.year, c.per.end_m, last));
	val_map_set_bool(per, "ended", day_cmp(c.per.year, c.per.end_m, last,
	    today) < 0);
	val_map_set(b, "period", per);

	months = val_list();
	for (k = 0; k < c.nmonths; k++)
		val_list_push(months, month_val(c.per.year, c.per.start_m + k));
	val_map_set(b, "months", months);

	l = val_list();
	for (i = 0; i < n; i++)
		val_list_push(l, dept_val(&c, &depts[i], &tt));
	val_map_set(b, "departments", l);
	val_map_set(b, "totals", totals_val(&tt));
	return b;
}

/* --- CSV -------------------------------------------------------------- */

static void
csv_num(struct buf *b, long long x)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld", x);
	escape_csv(b, s, 0);
}

/* The strings of list l joined by "; " into tmp. */
static const char *
join_strs(struct buf *tmp, const struct val *l)
{
	const char	*s;
	size_t		 i;

	buf_reset(tmp);
	for (i = 0; i < val_list_len(l); i++) {
		if ((s = val_get_str(val_list_at(l, i))) == NULL)
			continue;
		if (tmp->len > 0)
			buf_puts(tmp, "; ");
		buf_puts(tmp, s);
	}
	return buf_cstr(tmp);
}

/* A procedure as one name: its title, else its code, else its page. */
static const char *
proc_name(const struct val *p)
{
	const char	*s;

	if (!blank(s = sget(p, "title")) || !blank(s = sget(p, "code")) ||
	    (s = sget(p, "url")) != NULL)
		return s;
	return "";
}

void
board_csv(const struct val *board, struct buf *out)
{
	const struct val	*months = val_map_get(board, "months"),
				*depts = val_map_get(board, "departments"),
				*d, *l, *t, *tasks;
	struct buf		 tmp = BUF_INIT;
	size_t			 i, k, nm = val_list_len(months);

	buf_puts(out, "\xef\xbb\xbf");	/* BOM: Excel reads UTF-8 */
	escape_csv(out, "Đơn vị", 0);
	escape_csv(out, "Slug", 0);
	for (k = 0; k < nm; k++) {
		buf_reset(&tmp);
		buf_printf(&tmp, "Tin %s", sget(val_list_at(months, k),
		    "short") ? sget(val_list_at(months, k), "short") : "");
		escape_csv(out, buf_cstr(&tmp), 0);
	}
	escape_csv(out, "Tháng không có tin", 0);
	escape_csv(out, "Các tháng không có tin", 0);
	for (k = 0; k < NSTATUS; k++)
		if (statuses[k].csv != NULL)
			escape_csv(out, statuses[k].csv, 0);
	escape_csv(out, "Các nhiệm vụ quá hạn", 0);
	escape_csv(out, "Báo cáo đến hạn", 0);
	escape_csv(out, "Báo cáo đã có", 0);
	escape_csv(out, "Báo cáo còn thiếu", 0);
	escape_csv(out, "Thủ tục", 0);
	escape_csv(out, "Thủ tục đủ thông tin", 0);
	escape_csv(out, "Thủ tục thiếu thông tin", 0);
	escape_csv(out, "Số vấn đề", 1);

	for (i = 0; i < val_list_len(depts); i++) {
		d = val_list_at(depts, i);
		escape_csv(out, sget(d, "name"), 0);
		escape_csv(out, sget(d, "slug"), 0);
		l = val_map_get(d, "months");
		for (k = 0; k < nm; k++)
			csv_num(out, num_at(val_list_at(l, k), "posts"));
		csv_num(out, num_at(d, "months_missing"));
		escape_csv(out, join_strs(&tmp, val_map_get(d,
		    "missing_months")), 0);
		tasks = val_map_get(d, "tasks");
		for (k = 0; k < NSTATUS; k++)
			if (statuses[k].csv != NULL)
				csv_num(out, num_at(tasks, ST_KEY(k)));
		buf_reset(&tmp);
		l = val_map_get(d, "overdue");
		for (k = 0; k < val_list_len(l); k++) {
			t = val_list_at(l, k);
			if (tmp.len > 0)
				buf_puts(&tmp, "; ");
			buf_printf(&tmp, "%s %s", sget(t, "id") ? sget(t, "id") :
			    "", sget(t, "content") ? sget(t, "content") : "");
			if (!blank(sget(t, "lead")))
				buf_printf(&tmp, " (%s)", sget(t, "lead"));
		}
		escape_csv(out, buf_cstr(&tmp), 0);
		csv_num(out, num_at(d, "reports_due"));
		csv_num(out, num_at(d, "reports_present"));
		escape_csv(out, join_strs(&tmp, val_map_get(d,
		    "missing_reports")), 0);
		csv_num(out, num_at(d, "procedures"));
		csv_num(out, num_at(d, "procedures_complete"));
		buf_reset(&tmp);
		l = val_map_get(d, "incomplete");
		for (k = 0; k < val_list_len(l); k++) {
			if (tmp.len > 0)
				buf_puts(&tmp, "; ");
			buf_puts(&tmp, proc_name(val_list_at(l, k)));
		}
		escape_csv(out, buf_cstr(&tmp), 0);
		buf_reset(&tmp);
		buf_printf(&tmp, "%lld", num_at(d, "problems"));
		escape_csv(out, buf_cstr(&tmp), 1);
	}
	buf_free(&tmp);
}

/* --- Markdown --------------------------------------------------------- */

/*
 * Data text inside a line of Markdown: every character that could start
 * emphasis, a link, code, HTML, an entity, a table cell or a heading's
 * closing sequence is backslash-escaped; a line break becomes a space,
 * so the text cannot start a block of its own.
 */
void
board_md_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			buf_putc(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|~#&", *s) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

/* A label with its first ASCII letter made small ("Quý" -> "quý"). */
static void
md_label_lc(struct buf *b, const char *s)
{
	if (s != NULL && *s >= 'A' && *s <= 'Z') {
		buf_putc(b, *s - 'A' + 'a');
		s++;
	}
	board_md_text(b, s);
}

/* "2025-03-31" as "31/03/2025"; anything else as it is. */
static void
md_day(struct buf *b, const char *s)
{
	struct cdate	 c;

	if (s != NULL && date_parse_ymd(s, &c) == 0)
		date_fmt_vn(&c, b);
	else
		board_md_text(b, s);
}

/* A department's one-line summary: what it did, before what it lacks. */
static void
md_dept_summary(struct buf *out, const struct val *d)
{
	const struct val	*tasks = val_map_get(d, "tasks");
	size_t			 k;

	buf_printf(out, "Tin, bài trong kỳ: %lld. Nhiệm vụ:", num_at(d,
	    "posts"));
	for (k = 0; k < NSTATUS; k++)
		buf_printf(out, "%s %lld %s", k ? "," : "", num_at(tasks,
		    ST_KEY(k)), statuses[k].text);
	buf_printf(out, ". Báo cáo đã có: %lld/%lld. Thủ tục đủ thông tin: "
	    "%lld/%lld.\n\n", num_at(d, "reports_present"), num_at(d,
	    "reports_due"), num_at(d, "procedures_complete"), num_at(d,
	    "procedures"));
}

static void
md_dept(struct buf *out, const struct val *d)
{
	const struct val	*l, *t, *p, *f, *s;
	size_t			 i, k, np = 0;

	buf_puts(out, "\n## ");
	board_md_text(out, sget(d, "name"));
	buf_puts(out, "\n\n");
	md_dept_summary(out, d);

	l = val_map_get(d, "months");
	for (i = 0; i < val_list_len(l); i++) {
		t = val_list_at(l, i);
		if (val_get_bool(val_map_get(t, "missing")) == 0)
			continue;
		buf_puts(out, "- Không có tin trong ");
		md_label_lc(out, sget(t, "label"));
		buf_puts(out, ".\n");
		np++;
	}
	l = val_map_get(d, "overdue");
	for (i = 0; i < val_list_len(l); i++) {
		t = val_list_at(l, i);
		buf_puts(out, "- Nhiệm vụ ");
		board_md_text(out, sget(t, "id"));
		buf_puts(out, " “");
		board_md_text(out, sget(t, "content"));
		buf_puts(out, "”");
		if (!blank(sget(t, "lead"))) {
			buf_puts(out, " (chủ trì: ");
			board_md_text(out, sget(t, "lead"));
			buf_puts(out, ")");
		}
		buf_puts(out, " quá hạn");
		if (!blank(sget(t, "when"))) {
			buf_puts(out, "; thời gian thực hiện: ");
			board_md_text(out, sget(t, "when"));
		}
		if (!blank(sget(t, "plan_number"))) {
			buf_puts(out, "; kế hoạch số ");
			board_md_text(out, sget(t, "plan_number"));
		} else if (!blank(sget(t, "plan_title"))) {
			buf_puts(out, "; ");
			board_md_text(out, sget(t, "plan_title"));
		}
		buf_puts(out, ".\n");
		np++;
	}
	l = val_map_get(d, "reports");
	for (i = 0; i < val_list_len(l); i++) {
		t = val_list_at(l, i);
		if (val_get_bool(val_map_get(t, "present")))
			continue;
		buf_puts(out, "- Chưa có báo cáo ");
		md_label_lc(out, sget(t, "label"));
		buf_puts(out, " (kỳ kết thúc ngày ");
		md_day(out, sget(t, "due_date"));
		buf_puts(out, ").\n");
		np++;
	}
	l = val_map_get(d, "incomplete");
	for (i = 0; i < val_list_len(l); i++) {
		p = val_list_at(l, i);
		buf_puts(out, "- Thủ tục “");
		board_md_text(out, proc_name(p));
		buf_puts(out, "”");
		if (!blank(sget(p, "code")) && !blank(sget(p, "title"))) {
			buf_puts(out, " (mã ");
			board_md_text(out, sget(p, "code"));
			buf_puts(out, ")");
		}
		buf_puts(out, " thiếu");
		f = val_map_get(p, "missing_fields");
		s = val_map_get(p, "missing_sections");
		for (k = 0; k < val_list_len(f); k++) {
			buf_puts(out, k ? ", " : " thông tin: ");
			md_label_lc(out, val_get_str(val_list_at(f, k)));
		}
		if (val_list_len(f) > 0 && val_list_len(s) > 0)
			buf_puts(out, ";");
		for (k = 0; k < val_list_len(s); k++) {
			buf_puts(out, k ? ", " : " mục: ");
			board_md_text(out, val_get_str(val_list_at(s, k)));
		}
		buf_puts(out, ".\n");
		np++;
	}
	if (np == 0)
		buf_puts(out, "Không có vấn đề.\n");
}

void
board_markdown(const struct val *board, struct buf *out)
{
	const struct val	*per = val_map_get(board, "period"),
				*depts = val_map_get(board, "departments"),
				*tot = val_map_get(board, "totals"), *d;
	size_t			 i;

	buf_puts(out, "# Bảng theo dõi cải cách hành chính: ");
	board_md_text(out, sget(per, "label"));
	buf_puts(out, "\n\nKỳ theo dõi: từ ngày ");
	md_day(out, sget(per, "start"));
	buf_puts(out, " đến ngày ");
	md_day(out, sget(per, "end"));
	buf_puts(out, "; số liệu tính đến ngày ");
	md_day(out, sget(board, "today"));
	buf_puts(out, ".\n\n## Tổng hợp\n\n| Đơn vị | Tin, bài | Tháng không "
	    "có tin | Nhiệm vụ quá hạn | Báo cáo còn thiếu | Thủ tục thiếu "
	    "thông tin | Số vấn đề |\n|---|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < val_list_len(depts); i++) {
		d = val_list_at(depts, i);
		buf_puts(out, "| ");
		board_md_text(out, sget(d, "name"));
		buf_printf(out, " | %lld | %lld | %lld | %lld | %lld | %lld |\n",
		    num_at(d, "posts"), num_at(d, "months_missing"),
		    (long long)val_list_len(val_map_get(d, "overdue")),
		    num_at(d, "reports_missing"),
		    num_at(d, "procedures_incomplete"), num_at(d, "problems"));
	}
	buf_printf(out, "| **Tổng cộng** | %lld | %lld | %lld | %lld | %lld | "
	    "%lld |\n", num_at(tot, "posts"), num_at(tot, "months_missing"),
	    num_at(tot, "overdue"), num_at(tot, "reports_missing"),
	    num_at(tot, "procedures_incomplete"), num_at(tot, "problems"));
	buf_printf(out, "\n%lld/%lld đơn vị không có vấn đề.\n",
	    num_at(tot, "departments_ok"), num_at(tot, "departments"));
	for (i = 0; i < val_list_len(depts); i++)
		md_dept(out, val_list_at(depts, i));
}
