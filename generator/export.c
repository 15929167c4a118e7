/*
 * export.c - JSON, CSV and Markdown exports; see export.h.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "escape.h"
#include "export.h"
#include "frontmatter.h"
#include "model.h"
#include "plans.h"
#include "procedure.h"
#include "reports.h"
#include "taxonomy.h"
#include "util.h"
#include "value.h"

static struct val *
str_or_null(const char *s)
{
	return s != NULL ? val_str(s) : val_null();
}

/* A calendar day as "2025-06-30". */
static struct val *
day_val(const struct cdate *d)
{
	struct buf	 b = BUF_INIT;

	date_fmt_ymd(d, &b);
	return val_str_own(buf_detach(&b));
}

static struct val *
cdate_ymd(const struct cdate *c)
{
	struct buf	 b = BUF_INIT;
	struct cdate	 vn;

	date_to_vn(c, &vn);
	date_fmt_ymd(&vn, &b);
	return val_str_own(buf_detach(&b));
}

/* A plan with its tasks, their status and posts (a new reference). */
static struct val *
plan_val(const struct site *s, const struct page *p)
{
	struct val		*m = val_map(), *per, *l, *tasks, *t, *w, *posts;
	const struct task_status *st;
	size_t			 i, k;

	val_map_set_str(m, "title", p->title);
	val_map_set(m, "number", str_or_null(fm_str(p->meta, "number")));
	val_map_set(m, "issued", val_map_get(p->meta, "issued") != NULL &&
	    p->has_date ? cdate_ymd(&p->date) : val_null());
	val_map_set(m, "issuer", str_or_null(fm_str(p->meta, "issuer")));
	val_map_set(m, "signer", str_or_null(fm_str(p->meta, "signer")));
	per = val_map();
	val_map_set(per, "start", p->has_period ? day_val(&p->period.start) :
	    val_null());
	val_map_set(per, "end", p->has_period ? day_val(&p->period.end) :
	    val_null());
	val_map_set(m, "period", per);
	l = val_list();
	for (i = 0; i < fm_strlist_len(p->meta, "basis"); i++)
		val_list_push(l, str_or_null(fm_strlist_at(p->meta, "basis",
		    i)));
	val_map_set(m, "basis", l);
	val_map_set(m, "url", val_str_own(xasprintf("%s%s", s->cfg.base_url,
	    p->url)));
	tasks = val_list();
	for (i = 0; i < p->tasks.n; i++) {
		const struct plan_task *pt = &p->tasks.v[i];
		const struct when *wh = &p->ts[i].when;

		t = val_map();
		val_map_set_str(t, "id", pt->id);
		val_map_set(t, "content", str_or_null(pt->content));
		val_map_set(t, "lead", str_or_null(pt->lead));
		l = val_list();
		for (k = 0; k < pt->npartners; k++)
			val_list_push(l, val_str(pt->partners[k]));
		val_map_set(t, "partners", l);
		val_map_set(t, "output", str_or_null(pt->output));
		w = val_map();
		val_map_set(w, "text", str_or_null(pt->when));
		val_map_set_str(w, "kind", when_kind_name(wh->kind));
		val_map_set(w, "start", wh->has_dates ? day_val(&wh->start) :
		    val_null());
		val_map_set(w, "end", wh->has_dates ? day_val(&wh->end) :
		    val_null());
		val_map_set(t, "when", w);
		st = &p->ts[i].status;
		val_map_set_str(t, "status", plans_status_text(st->kind)->name);
		if (st->unit != NULL) {
			val_map_set_num(t, "periods_done", st->done);
			val_map_set_num(t, "periods_elapsed", st->elapsed);
		}
		posts = val_list();
		for (k = 0; k < p->ts[i].nposts; k++)
			val_list_push(posts, val_str_own(xasprintf("%s%s",
			    s->cfg.base_url, p->ts[i].posts[k]->url)));
		val_map_set(t, "posts", posts);
		val_list_push(tasks, t);
	}
	val_map_set(m, "tasks", tasks);
	return m;
}

void
export_plan_json(const struct site *s, const struct page *p, struct buf *out)
{
	struct val	*m = plan_val(s, p);

	val_to_json(m, out, 1);
	val_unref(m);
}

/* Decodes the few entities cmark-gfm writes, and numeric ones. */
static size_t
entity(const char *s, struct buf *b)
{
	static const struct {
		const char *e, *c;
	} tab[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", "\xc2\xa0" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strncmp(s, tab[i].e, strlen(tab[i].e)) == 0) {
			buf_puts(b, tab[i].c);
			return strlen(tab[i].e);
		}
	buf_putc(b, '&');
	return 1;
}

/*
 * Not md_text(): this walks the rendered HTML of procedure sections (from
 * the Markdown cache, no tree kept), keeping raw-HTML text and cells as tabs.
 */
char *
export_html_text(const char *h)
{
	struct buf	 b = BUF_INIT;
	const char	*p = h, *e;
	int		 block;

	while (*p != '\0') {
		if (*p == '<') {
			e = strchr(p, '>');
			if (e == NULL)
				break;
			/* Block ends and line breaks become a newline. */
			block = strncmp(p, "</p", 3) == 0 ||
			    strncmp(p, "</li", 4) == 0 ||
			    strncmp(p, "<br", 3) == 0 ||
			    strncmp(p, "</tr", 4) == 0 ||
			    strncmp(p, "</h", 3) == 0;
			if (strncmp(p, "</td", 4) == 0 ||
			    strncmp(p, "</th", 4) == 0)
				buf_puts(&b, "\t");
			if (block && b.len > 0 && b.data[b.len - 1] != '\n')
				buf_putc(&b, '\n');
			p = e + 1;
		} else if (*p == '&')
			p += entity(p, &b);
		else if (*p == '\n') {
			if (b.len > 0 && b.data[b.len - 1] != '\n')
				buf_putc(&b, ' ');
			p++;
		} else
			buf_putc(&b, *p++);
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == ' '))
		buf_truncate(&b, b.len - 1);
	return buf_detach(&b);
}

/* Every procedure: fields, dates, section texts (a new reference). */
static struct val *
procs_val(const struct site *s)
{
	static const char *const keys[] = { "code", "field", "level",
	    "agency", "deadline", "fee", "online", "online_url", "decision",
	    "effective", NULL };
	struct val	*l = val_list(), *m, *secs;
	struct buf	 b = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < s->nprocs; i++) {
		const struct page *p = s->procs[i];

		m = val_map();
		val_map_set_str(m, "title", p->title);
		for (k = 0; keys[k] != NULL; k++)
			val_map_set(m, keys[k], str_or_null(fm_str(p->meta,
			    keys[k])));
		val_map_set(m, "url", val_str_own(xasprintf("%s%s",
		    s->cfg.base_url, p->url)));
		buf_reset(&b);
		date_fmt_iso(&p->date, &b);
		val_map_set_str(m, "published", buf_cstr(&b));
		if (p->has_updated) {
			buf_reset(&b);
			date_fmt_iso(&p->updated, &b);
			val_map_set_str(m, "updated", buf_cstr(&b));
		} else
			val_map_set(m, "updated", val_null());
		secs = val_map();
		for (k = 0; k < PROC_NSECTIONS; k++)
			val_map_set(secs, proc_sections[k].id,
			    p->sec_html[k] != NULL ? val_str_own(
			    export_html_text(p->sec_html[k])) : val_null());
		val_map_set(m, "sections", secs);
		val_list_push(l, m);
	}
	buf_free(&b);
	return l;
}

void
export_procs_json(const struct site *s, struct buf *out)
{
	struct val	*l = procs_val(s);

	val_to_json(l, out, 1);
	val_unref(l);
}

/* An ISO date-time of a page's, or null. */
static struct val *
iso_or_null(const struct cdate *d, int has)
{
	struct buf	 b = BUF_INIT;

	if (!has)
		return val_null();
	date_fmt_iso(d, &b);
	return val_str_own(buf_detach(&b));
}

/* A term's name as the site shows it (a unit spelled two ways is listed
   by its merged name), or the name as written. */
static struct val *
term_name(const struct taxonomy *tax, const char *name)
{
	const struct term *t;

	if (name == NULL)
		return val_null();
	t = taxonomy_find(tax, name);
	return val_str(t != NULL ? t->name : name);
}

/* Every post, newest first: what lists and feeds show of it. */
static struct val *
posts_val(const struct site *s)
{
	struct val	*l = val_list(), *m, *tags, *tasks;
	size_t		 i, k;

	for (i = 0; i < s->nposts; i++) {
		const struct page *p = s->posts[i];

		m = val_map();
		val_map_set_str(m, "title", p->title);
		val_map_set(m, "url", val_str_own(xasprintf("%s%s",
		    s->cfg.base_url, p->url)));
		val_map_set(m, "published", iso_or_null(&p->date,
		    p->has_date));
		val_map_set(m, "updated", iso_or_null(&p->updated,
		    p->has_updated));
		val_map_set(m, "unit", term_name(&s->units,
		    fm_str(p->meta, "unit")));
		tags = val_list();
		for (k = 0; k < fm_strlist_len(p->meta, "tags"); k++)
			if (fm_strlist_at(p->meta, "tags", k) != NULL)
				val_list_push(tags, term_name(&s->topics,
				    fm_strlist_at(p->meta, "tags", k)));
		val_map_set(m, "tags", tags);
		val_map_set(m, "summary", str_or_null(model_summary(p)));
		val_map_set(m, "plan", p->plan_ref != NULL ?
		    val_str_own(xasprintf("%s%s", s->cfg.base_url,
		    p->plan_ref->url)) : val_null());
		tasks = val_list();
		for (k = 0; k < fm_strlist_len(p->meta, "task"); k++)
			if (fm_strlist_at(p->meta, "task", k) != NULL)
				val_list_push(tasks, val_str(fm_strlist_at(
				    p->meta, "task", k)));
		val_map_set(m, "tasks", tasks);
		val_list_push(l, m);
	}
	return l;
}

/* The periodic reports the plans' periods make. */
static struct val *
reports_val(const struct site *s)
{
	static const char *const kinds[] = { "quarter", "half", "year" };
	struct val	*l = val_list(), *m;
	size_t		 i;

	for (i = 0; i < s->nreports; i++) {
		const struct report *r = &s->reports[i];

		m = val_map();
		val_map_set_str(m, "period", r->key);
		val_map_set_str(m, "kind", kinds[r->kind]);
		val_map_set_str(m, "title", r->title);
		val_map_set(m, "start", day_val(&r->start));
		val_map_set(m, "end", day_val(&r->end));
		val_map_set(m, "url", val_str_own(xasprintf("%s%s",
		    s->cfg.base_url, r->url)));
		val_list_push(l, m);
	}
	return l;
}

void
export_data_json(const struct site *s, const char *generator,
    struct buf *out)
{
	struct val	*m = val_map(), *site, *build, *plans;
	size_t		 i;

	val_map_set_str(m, "format", EXPORT_DATA_FORMAT);
	val_map_set_num(m, "version", EXPORT_DATA_VERSION);
	val_map_set_str(m, "generator", generator);
	val_map_set_str(m, "today", s->today_str);
	site = val_map();
	val_map_set_str(site, "title", s->cfg.title);
	val_map_set(site, "department", str_or_null(s->cfg.department));
	val_map_set(site, "province", str_or_null(s->cfg.province));
	val_map_set_str(site, "base_url", s->cfg.base_url);
	val_map_set(m, "site", site);
	build = val_map();
	val_map_set(build, "commit", s->hist.available && s->hist.tip[0] ?
	    val_str(s->hist.tip) : val_null());
	val_map_set(build, "branch", str_or_null(s->hist.branch));
	val_map_set_bool(build, "dirty", s->hist.dirty);
	val_map_set(m, "build", build);
	val_map_set(m, "posts", posts_val(s));
	plans = val_list();
	for (i = 0; i < s->nplans; i++)
		val_list_push(plans, plan_val(s, s->plans[i]));
	val_map_set(m, "plans", plans);
	val_map_set(m, "procedures", procs_val(s));
	val_map_set(m, "reports", reports_val(s));
	val_to_json(m, out, 1);
	val_unref(m);
}

static void
csv_row(struct buf *b, const char *const *f, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		escape_csv(b, f[i], i + 1 == n);
}

/* "15/06/2025": a post's day in Vietnam, as lists show it. */
static const char *
post_day(const struct page *p, struct buf *b)
{
	struct cdate	 vn;

	buf_reset(b);
	date_to_vn(&p->date, &vn);
	date_fmt_vn(&vn, b);
	return buf_cstr(b);
}

/* "2/3 quý" for a recurring task, else NULL. */
static char *
progress_text(const struct task_status *st)
{
	return st->unit != NULL ? xasprintf("%d/%d %s", st->done, st->elapsed,
	    st->unit) : NULL;
}

/*
 * One table: every post of the period (by unit, with the task it reports
 * on), every task's status at the period's end, every month without news.
 */
void
export_report_csv(const struct site *s, const struct report *r,
    struct buf *out)
{
	struct report_contents	 c;
	struct buf		 day = BUF_INIT;
	const char		*f[8];
	char			*prog, *month;
	size_t			 i, k;

	reports_contents(s, r, &c);
	buf_puts(out, "\xef\xbb\xbf");	/* BOM: Excel reads UTF-8 */
	f[0] = "Mục"; f[1] = "Ngày"; f[2] = "Tiêu đề / nội dung";
	f[3] = "Đơn vị"; f[4] = "Kế hoạch"; f[5] = "Nhiệm vụ";
	f[6] = "Trạng thái"; f[7] = "Địa chỉ";
	csv_row(out, f, 8);
	for (i = 0; i < c.nunits; i++)
		for (k = 0; k < c.units[i].nposts; k++) {
			f[0] = "Tin, bài";
			f[1] = post_day(c.units[i].posts[k], &day);
			f[2] = c.units[i].posts[k]->title;
			f[3] = c.units[i].unit->name;
			f[4] = f[5] = f[6] = "";
			f[7] = c.units[i].posts[k]->url;
			csv_row(out, f, 8);
		}
	for (i = 0; i < c.nplans; i++) {
		const struct page *p = c.plans[i].plan;

		for (k = 0; k < p->tasks.n; k++) {
			prog = progress_text(&c.plans[i].status[k]);
			f[0] = "Nhiệm vụ";
			f[1] = "";
			f[2] = p->tasks.v[k].content;
			f[3] = "";
			f[4] = fm_str(p->meta, "number") ?
			    fm_str(p->meta, "number") : p->title;
			f[5] = p->tasks.v[k].id;
			f[6] = prog != NULL ? prog : plans_status_text(
			    c.plans[i].status[k].kind)->label;
			f[7] = p->url;
			csv_row(out, f, 8);
			free(prog);
		}
	}
	for (i = 0; i < c.nmissing; i++) {
		month = when_month_title(c.missing[i] / 12,
		    c.missing[i] % 12 + 1);
		f[0] = "Tháng không có tin, bài";
		f[1] = month;
		f[2] = f[3] = f[4] = f[5] = f[6] = f[7] = "";
		csv_row(out, f, 8);
		free(month);
	}
	buf_free(&day);
	reports_free(&c);
}

/* A Markdown table cell: a "|" in the text would end the cell. */
static const char *
md_cell(struct buf *tmp, const char *s)
{
	buf_reset(tmp);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			buf_putc(tmp, '\\');
		buf_putc(tmp, *s == '\n' ? ' ' : *s);
	}
	return buf_cstr(tmp);
}

/* Section III: each plan's tasks with their status at the end. */
static void
report_md_status(const struct report_contents *c, struct buf *out,
    struct buf *cell)
{
	const struct task_status *st;
	const char	*num;
	char		*prog;
	size_t		 i, k;

	for (i = 0; i < c->nplans; i++) {
		const struct page *p = c->plans[i].plan;

		num = fm_str(p->meta, "number");
		buf_printf(out, "\n### %s%s%s\n\n| Nhiệm vụ | Nội dung | "
		    "Trạng thái |\n|---|---|---|\n", p->title,
		    num ? " — số " : "", num ? num : "");
		for (k = 0; k < p->tasks.n; k++) {
			st = &c->plans[i].status[k];
			prog = progress_text(st);
			buf_printf(out, "| %s | %s | %s%s%s |\n",
			    p->tasks.v[k].id, md_cell(cell,
			    p->tasks.v[k].content),
			    plans_status_text(st->kind)->label,
			    prog ? ": " : "", prog ? prog : "");
			free(prog);
		}
	}
}

void
export_report_md(const struct site *s, const struct report *r,
    struct buf *out)
{
	struct report_contents	 c;
	const struct report_task *rt;
	struct buf		 c1 = BUF_INIT, day = BUF_INIT;
	const char		*num;
	char			*t;
	size_t			 i, k;

	reports_contents(s, r, &c);
	t = reports_period_text(r);
	buf_printf(out, "# %s\n\n", r->title);
	buf_printf(out, "%s — %s\n\nKỳ báo cáo: %s. Tổng số tin, bài: %g.\n\n",
	    s->cfg.department ? s->cfg.department : s->cfg.title,
	    s->cfg.title, t, (double)c.nposts);
	free(t);
	buf_puts(out, "## I. Tin, bài theo đơn vị\n\n| Đơn vị | Số tin, bài |\n"
	    "|---|---:|\n");
	for (i = 0; i < c.nunits; i++)
		buf_printf(out, "| %s | %g |\n", md_cell(&c1,
		    c.units[i].unit->name), (double)c.units[i].nposts);
	if (c.nunits == 0)
		buf_puts(out, "| Không có | 0 |\n");
	buf_puts(out, "\n## II. Tin, bài theo nhiệm vụ\n\n");
	for (i = 0; i < c.ntasks; i++) {
		rt = &c.tasks[i];
		num = fm_str(rt->plan->meta, "number");
		buf_printf(out, "- Nhiệm vụ %s (%s): %s — %g tin, bài\n",
		    rt->plan->tasks.v[rt->task].id, num ? num : "",
		    rt->plan->tasks.v[rt->task].content, (double)rt->nposts);
		for (k = 0; k < rt->nposts; k++)
			buf_printf(out, "  - %s, %s\n", rt->posts[k]->title,
			    post_day(rt->posts[k], &day));
	}
	if (c.ntasks == 0)
		buf_puts(out, "Không có tin, bài nào gắn với nhiệm vụ.\n");
	buf_puts(out, "\n## III. Tình hình thực hiện nhiệm vụ\n");
	report_md_status(&c, out, &c1);
	buf_puts(out, "\n## IV. Các tháng chưa có tin, bài\n\n");
	for (i = 0; i < c.nmissing; i++) {
		t = when_month_title(c.missing[i] / 12, c.missing[i] % 12 + 1);
		buf_printf(out, "%s%s", i ? ", " : "", t);
		free(t);
	}
	buf_puts(out, c.nmissing ? ".\n" : "Không có.\n");
	buf_free(&c1);
	buf_free(&day);
	reports_free(&c);
}
