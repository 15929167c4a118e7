/*
 * test_export.c - a periodic report read from the model (reports.c) and
 * written by the exports (export.c): which posts fall in the period by
 * unit and by task, each task's status at the period's end, the months
 * without news that are over by --today; the CSV (quoting, BOM, CRLF)
 * and the Markdown report, on a small site built by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "export.h"
#include "model.h"
#include "plans.h"
#include "reports.h"
#include "value.h"
#include "t.h"

static struct page	 plan, posts[3];
static struct page	*post_list[3], *plan_list[1];
static struct page	*t21[2], *t22[1], *vp[2], *tt[1];
static struct plan_task	 tasks[2];
static struct task_state ts[2];
static struct term	 units[2];

static void
mkpost(struct page *p, const char *title, const char *url, const char *date)
{
	memset(p, 0, sizeof(*p));
	p->kind = PAGE_POST;
	p->title = (char *)title;
	p->url = (char *)url;
	if (date_parse(date, &p->date, NULL) != 0)
		exit(2);
	p->has_date = 1;
}

/*
 * Posts: a (1 Feb, Văn phòng Sở), b (10 May, Thanh tra Sở), c (20 June,
 * Văn phòng Sở).  Plan 15/KH-X: task 2.1 in quarter II (posts b, a),
 * task 2.2 monthly (post b).  --today is 15 August 2025.
 */
static void
mksite(struct site *s)
{
	struct period	 per;

	memset(s, 0, sizeof(*s));
	mkpost(&posts[0], "Bài a", "tin-tuc/a/", "2025-02-01");
	mkpost(&posts[1], "Hội nghị, tập huấn \"CCHC\"", "tin-tuc/b/",
	    "2025-05-10T23:30:00+07:00");
	mkpost(&posts[2], "Bài c", "tin-tuc/c/", "2025-06-20");
	post_list[0] = &posts[2];
	post_list[1] = &posts[1];
	post_list[2] = &posts[0];
	s->posts = post_list;
	s->nposts = 3;

	memset(&plan, 0, sizeof(plan));
	plan.kind = PAGE_PLAN;
	plan.title = (char *)"Kế hoạch A";
	plan.url = (char *)"ke-hoach/a/";
	plan.meta = val_map_lit();
	val_map_set_str(plan.meta, "number", "15/KH-X");
	period_parse("2025", &per);
	plan.period = per;
	plan.has_period = 1;
	tasks[0].id = (char *)"2.1";
	tasks[0].content = (char *)"Tuyên truyền | CCHC";
	tasks[1].id = (char *)"2.2";
	tasks[1].content = (char *)"Cập nhật tin";
	plan.tasks.v = tasks;
	plan.tasks.n = 2;
	memset(ts, 0, sizeof(ts));
	when_parse("Quý II/2025", &per, &ts[0].when);
	when_parse("Hàng tháng", &per, &ts[1].when);
	t21[0] = &posts[1];
	t21[1] = &posts[0];
	ts[0].posts = t21;
	ts[0].nposts = 2;
	t22[0] = &posts[1];
	ts[1].posts = t22;
	ts[1].nposts = 1;
	plan.ts = ts;
	plan_list[0] = &plan;
	s->plans = plan_list;
	s->nplans = 1;

	tt[0] = &posts[1];
	units[0].name = (char *)"Thanh tra Sở";
	units[0].posts = tt;
	units[0].nposts = 1;
	vp[0] = &posts[2];
	vp[1] = &posts[0];
	units[1].name = (char *)"Văn phòng Sở";
	units[1].posts = vp;
	units[1].nposts = 2;
	s->units.terms = units;
	s->units.nterms = 2;

	s->today.y = 2025;
	s->today.m = 8;
	s->today.d = 15;
	s->cfg.title = (char *)"Chuyên mục CCHC";
	s->cfg.department = (char *)"Sở X";
}

static void
mkreport(struct report *r, int m0, int m1, const char *title)
{
	memset(r, 0, sizeof(*r));
	r->start.y = r->end.y = 2025;
	r->start.m = m0;
	r->start.d = 1;
	r->end.m = m1;
	r->end.d = date_days_in_month(2025, m1);
	r->title = (char *)title;
	r->url = (char *)"bao-cao/2025-q2/";
}

static void
test_contents(const struct site *s)
{
	struct report		 r;
	struct report_contents	 c;

	mkreport(&r, 4, 6, "Báo cáo quý II năm 2025");
	reports_contents(s, &r, &c);
	T_INTEQ(c.nposts, 2);
	T_INTEQ(c.nunits, 2);
	T_STREQ(c.units[0].unit->name, "Thanh tra Sở");
	T_INTEQ(c.units[0].nposts, 1);
	T_INTEQ(c.units[1].nposts, 1);
	T_OK(c.units[1].posts[0] == &posts[2]);
	T_INTEQ(c.ntasks, 2);
	T_INTEQ(c.tasks[0].task, 0);
	T_INTEQ(c.tasks[0].nposts, 1);	/* a is before the quarter */
	T_INTEQ(c.nplans, 1);
	T_INTEQ(c.at.m, 6);
	T_INTEQ(c.plans[0].status[0].kind, STATUS_DONE);
	T_INTEQ(c.plans[0].status[1].kind, STATUS_RECURRING);
	T_INTEQ(c.plans[0].status[1].elapsed, 6);
	T_INTEQ(c.plans[0].status[1].done, 1);
	T_INTEQ(c.nmissing, 1);		/* April */
	T_INTEQ(c.missing[0], 2025 * 12 + 3);
	reports_free(&c);

	/* A later period: statuses on --today; only July is over. */
	mkreport(&r, 7, 12, "Báo cáo 6 tháng cuối năm 2025");
	reports_contents(s, &r, &c);
	T_INTEQ(c.nposts, 0);
	T_INTEQ(c.nunits, 0);
	T_INTEQ(c.ntasks, 0);
	T_INTEQ(c.at.m, 8);
	T_INTEQ(c.at.d, 15);
	T_INTEQ(c.plans[0].status[1].elapsed, 8);
	T_INTEQ(c.nmissing, 1);
	T_INTEQ(c.missing[0], 2025 * 12 + 6);
	reports_free(&c);
}

static void
test_csv(const struct site *s)
{
	struct report	 r;
	struct buf	 b = BUF_INIT;

	mkreport(&r, 4, 6, "Báo cáo quý II năm 2025");
	export_report_csv(s, &r, &b);
	T_STREQ(buf_cstr(&b),
	    "\xef\xbb\xbfMục,Ngày,Tiêu đề / nội dung,Đơn vị,Kế hoạch,"
	    "Nhiệm vụ,Trạng thái,Địa chỉ\r\n"
	    "\"Tin, bài\",10/05/2025,\"Hội nghị, tập huấn \"\"CCHC\"\"\","
	    "Thanh tra Sở,,,,tin-tuc/b/\r\n"
	    "\"Tin, bài\",20/06/2025,Bài c,Văn phòng Sở,,,,tin-tuc/c/\r\n"
	    "Nhiệm vụ,,Tuyên truyền | CCHC,,15/KH-X,2.1,Đã thực hiện,"
	    "ke-hoach/a/\r\n"
	    "Nhiệm vụ,,Cập nhật tin,,15/KH-X,2.2,1/6 tháng,ke-hoach/a/\r\n"
	    "\"Tháng không có tin, bài\",Tháng 4/2025,,,,,,\r\n");
	buf_free(&b);
}

static void
test_md(const struct site *s)
{
	struct report	 r;
	struct buf	 b = BUF_INIT;

	mkreport(&r, 4, 6, "Báo cáo quý II năm 2025");
	export_report_md(s, &r, &b);
	T_STREQ(buf_cstr(&b),
	    "# Báo cáo quý II năm 2025\n\n"
	    "Sở X — Chuyên mục CCHC\n\n"
	    "Kỳ báo cáo: 01/04/2025 – 30/06/2025. Tổng số tin, bài: 2.\n\n"
	    "## I. Tin, bài theo đơn vị\n\n| Đơn vị | Số tin, bài |\n"
	    "|---|---:|\n| Thanh tra Sở | 1 |\n| Văn phòng Sở | 1 |\n"
	    "\n## II. Tin, bài theo nhiệm vụ\n\n"
	    "- Nhiệm vụ 2.1 (15/KH-X): Tuyên truyền | CCHC — 1 tin, bài\n"
	    "  - Hội nghị, tập huấn \"CCHC\", 10/05/2025\n"
	    "- Nhiệm vụ 2.2 (15/KH-X): Cập nhật tin — 1 tin, bài\n"
	    "  - Hội nghị, tập huấn \"CCHC\", 10/05/2025\n"
	    "\n## III. Tình hình thực hiện nhiệm vụ\n"
	    "\n### Kế hoạch A — số 15/KH-X\n\n"
	    "| Nhiệm vụ | Nội dung | Trạng thái |\n|---|---|---|\n"
	    "| 2.1 | Tuyên truyền \\| CCHC | Đã thực hiện |\n"
	    "| 2.2 | Cập nhật tin | Định kỳ: 1/6 tháng |\n"
	    "\n## IV. Các tháng chưa có tin, bài\n\nTháng 4/2025.\n");
	buf_reset(&b);
	mkreport(&r, 7, 12, "Báo cáo 6 tháng cuối năm 2025");
	export_report_md(s, &r, &b);
	T_CONTAINS(buf_cstr(&b), "| Không có | 0 |\n");
	T_CONTAINS(buf_cstr(&b), "Không có tin, bài nào gắn với nhiệm vụ.\n");
	T_CONTAINS(buf_cstr(&b), "| 2.2 | Cập nhật tin | Định kỳ: 1/8 tháng |");
	T_CONTAINS(buf_cstr(&b), "chưa có tin, bài\n\nTháng 7/2025.\n");
	buf_free(&b);
}

int
main(void)
{
	struct site	 s;

	mksite(&s);
	test_contents(&s);
	test_csv(&s);
	test_md(&s);
	val_unref(plan.meta);
	return t_done("export");
}
