/*
 * test_board.c - board.c: the compliance board over departments'
 * du-lieu.json (docs/bang-theo-doi.md): posts per month in Vietnam time,
 * today's month not counted missing, plan tasks by status and the
 * overdue ones named, reports due and present, procedures missing a
 * required field or section, data of the wrong shape, the period
 * parser, the CSV's exact bytes and the Markdown's escaping.
 */
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "buf.h"
#include "date.h"
#include "json.h"
#include "value.h"

#include "t.h"

/* JSON written with ' for " (the fixtures have no apostrophes). */
static struct val *
js(const char *src)
{
	char		*s = strdup(src), *p, err[256];
	struct val	*v;

	if (s == NULL)
		abort();
	for (p = s; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	if ((v = json_parse(s, strlen(s), err, sizeof(err))) == NULL) {
		fprintf(stderr, "fixture: %s\n", err);
		exit(2);
	}
	free(s);
	return v;
}

static struct cdate
day(const char *s)
{
	struct cdate	 d;

	if (date_parse_ymd(s, &d) == -1)
		exit(2);
	return d;
}

/* Path lookups into the board: "departments", 0, "months", ... */
static const struct val *
dept(const struct val *b, size_t i)
{
	return val_list_at(val_map_get(b, "departments"), i);
}

static const char *
str(const struct val *m, const char *k)
{
	return val_get_str(val_map_get(m, k));
}

static long long
num(const struct val *m, const char *k)
{
	return (long long)val_get_num(val_map_get(m, k));
}

static const struct val *
at(const struct val *m, const char *k, size_t i)
{
	return val_list_at(val_map_get(m, k), i);
}

static int
flag(const struct val *m, const char *k)
{
	return val_type(val_map_get(m, k)) == VAL_BOOL &&
	    val_get_bool(val_map_get(m, k));
}

/* Every required section with text, for procedures that have them. */
#define SECS_ALL "'trinh-tu-thuc-hien':'a','cach-thuc-thuc-hien':'a'," \
	"'thanh-phan-ho-so':'a','thoi-han-giai-quyet':'a'," \
	"'doi-tuong-thuc-hien':'a','co-quan-thuc-hien':'a'," \
	"'ket-qua-thuc-hien':'a','phi-le-phi':null," \
	"'ten-mau-don-to-khai':null,'yeu-cau-dieu-kien':null," \
	"'can-cu-phap-ly':'a'"

/* Sở A: a month without news, the +07:00 boundary, every task status,
 * two overdue tasks, a report, complete and incomplete procedures. */
static const char *const data_a = "{"
"'format':'cchc-du-lieu','version':1,'today':'2025-05-20',"
"'site':{'title':'T','department':'Sở A (data)','province':null,"
"  'base_url':'https://a.example.vn/cchc/'},"
"'posts':["
"  {'title':'t5','published':'2025-05-02T08:00:00+07:00'},"
"  {'title':'future','published':'2025-05-25T08:00:00+07:00'},"
"  {'title':'utc','published':'2025-03-31T17:30:00Z'},"
"  {'title':'late','published':'2025-03-31T23:30:00+07:00'},"
"  {'title':'t1','published':'2025-01-10T09:00:00+07:00'},"
"  {'title':'last year','published':'2024-12-31T10:00:00+07:00'},"
"  {'title':'bad','published':'hôm qua'},"
"  {'title':'none'},"
"  {'title':'num','published':20250201},"
"  'not a post'"
"],"
"'plans':["
"  {'title':'Kế hoạch 2025','number':'1/KH-A',"
"   'url':'https://a.example.vn/cchc/ke-hoach/kh-2025/',"
"   'period':{'start':'2025-01-01','end':'2025-12-31'},"
"   'tasks':["
"    {'id':'1.1','content':'Đăng tin hằng tháng','lead':'Văn phòng Sở',"
"     'when':{'text':'Hằng tháng'},'status':'recurring',"
"     'periods_done':4,'periods_elapsed':5},"
"    {'id':'1.2','content':'Tổ chức hội nghị, tập huấn',"
"     'lead':'Phòng Tổ chức','when':{'text':'Quý I/2025'},"
"     'status':'overdue'},"
"    {'id':'1.3','content':'Rà soát','lead':null,"
"     'when':{'text':'Quý III/2025'},'status':'not-started'},"
"    {'id':'1.4','content':'X','status':'done'},"
"    {'id':'1.5','content':'Y','status':'in-progress'},"
"    {'id':'1.6','content':'Z','status':'none'},"
"    {'id':'1.7','content':'W','status':'weird'},"
"    {'id':'1.8','content':'V'},"
"    'garbage'"
"   ]},"
"  {'title':'Kế hoạch 2024','number':'9/KH-A',"
"   'period':{'start':'2024-01-01','end':'2024-12-31'},"
"   'tasks':[{'id':'9.1','content':'Cũ','lead':'VP','status':'overdue'}]},"
"  {'title':'Không có kỳ','tasks':[{'id':'x','status':'overdue'}]},"
"  {'title':'Kế hoạch quý','number':'2/KH-A',"
"   'url':'https://a.example.vn/cchc/ke-hoach/kh-quy/',"
"   'period':{'start':'2025-03-01','end':'2025-06-30'},"
"   'tasks':[{'id':'2.3','content':'Tuyên truyền *đậm* | ống_x [y](z)',"
"     'lead':'Phòng A','when':{'text':'Tháng 4/2025'},"
"     'status':'overdue'}]}"
"],"
"'procedures':["
"  {'title':'Thủ tục đủ','code':'1.000001','field':'F','agency':'A',"
"   'deadline':'5 ngày','url':'https://a.example.vn/cchc/thu-tuc/1/',"
"   'sections':{" SECS_ALL "}},"
"  {'title':'Thiếu lĩnh vực','code':'1.000002','field':'  ',"
"   'agency':'A','deadline':null,'url':'https://a.example.vn/cchc/thu-tuc/2/',"
"   'sections':{" SECS_ALL "}},"
"  {'title':'Thiếu mục','code':'1.000003','field':'F','agency':'A',"
"   'deadline':'5','url':'https://a.example.vn/cchc/thu-tuc/3/',"
"   'sections':{'trinh-tu-thuc-hien':5,'cach-thuc-thuc-hien':'a',"
"   'thanh-phan-ho-so':'a','thoi-han-giai-quyet':'a',"
"   'doi-tuong-thuc-hien':'a','co-quan-thuc-hien':'',"
"   'ket-qua-thuc-hien':'a','can-cu-phap-ly':null}},"
"  {'title':42,'code':'1.000004','sections':'x'},"
"  7"
"],"
"'reports':["
"  {'period':'2025-q1','kind':'quarter',"
"   'url':'https://a.example.vn/cchc/bao-cao/2025-q1/'},"
"  {'period':'2024-Q2'},"
"  {'period':2024}"
"]}";

/* Sở B: news every month but May (today's), data of the wrong shapes. */
static const char *const data_b = "{"
"'site':'not a map',"
"'posts':["
"  {'published':'2025-01-05'},{'published':'2025-02-05T10:00'},"
"  {'published':'2025-03-05'},{'published':'2025-04-30T23:59:59+07:00'}"
"],"
"'plans':{'tasks':[]},"
"'procedures':'none',"
"'reports':'Q1'"
"}";

static void
test_period(void)
{
	struct board_period	 p;
	const char		*err;
	static const char *const bad[] = { "2025-Q5", "2025-Q0", "2025-H3",
	    "25", "2025-Q", "2025Q1", "", "abcd", "2025-Q1x", "1899",
	    "2025-", "2025-S1", "20251", " 2025", NULL };
	size_t			 i;

	T_INTEQ(board_period_parse("2025-Q2", &p, NULL), 0);
	T_INTEQ(p.kind, BOARD_QUARTER);
	T_INTEQ(p.year, 2025);
	T_INTEQ(p.n, 2);
	T_INTEQ(p.start_m, 4);
	T_INTEQ(p.end_m, 6);
	T_INTEQ(board_period_parse("2025-h2", &p, NULL), 0);
	T_INTEQ(p.kind, BOARD_HALF);
	T_INTEQ(p.start_m, 7);
	T_INTEQ(p.end_m, 12);
	T_INTEQ(board_period_parse("2024", &p, NULL), 0);
	T_INTEQ(p.kind, BOARD_YEAR);
	T_INTEQ(p.year, 2024);
	T_INTEQ(p.start_m, 1);
	T_INTEQ(p.end_m, 12);
	for (i = 0; bad[i] != NULL; i++) {
		err = NULL;
		T_INTEQ(board_period_parse(bad[i], &p, &err), -1);
		T_OK(err != NULL && strstr(err, "2025-Q2") != NULL);
	}
	err = NULL;
	board_period_parse("2025-Q5", &p, &err);
	T_CONTAINS(err, "quý phải từ 1 đến 4");
	board_period_parse(NULL, &p, NULL);	/* no crash, no message */
}

static void
test_make_errors(void)
{
	struct cdate	 today = day("2025-05-20");
	const char	*err = NULL;

	T_OK(board_make(NULL, 0, &today, "2025-Q5", &err) == NULL);
	T_CONTAINS(err, "quý");
	err = NULL;
	T_OK(board_make(NULL, 0, &today, "năm nay", &err) == NULL);
	T_CONTAINS(err, "2025-H1");
}

static void
test_board(void)
{
	struct val	*a = js(data_a), *b = js(data_b), *c = js("[1, 2]");
	struct board_dept d[4] = {
		{ "Sở A", "so-a", NULL }, { "Sở B", "so-b", NULL },
		{ NULL, "so-c", NULL }, { "Sở D", NULL, NULL },
	};
	struct cdate	 today = day("2025-05-20");
	struct val	*bd;
	const struct val *x, *m, *e, *t;
	const char	*err = NULL;

	d[0].data = a;
	d[1].data = b;
	d[2].data = c;
	/* d[3]: no data at all. */
	bd = board_make(d, 4, &today, NULL, &err);
	T_OK(bd != NULL);
	if (bd == NULL)
		return;
	T_STREQ(str(bd, "format"), "cchc-bang-theo-doi");
	T_INTEQ(num(bd, "version"), 1);
	T_STREQ(str(bd, "today"), "2025-05-20");
	m = val_map_get(bd, "period");
	T_STREQ(str(m, "key"), "2025");
	T_STREQ(str(m, "label"), "Năm 2025");
	T_STREQ(str(m, "start"), "2025-01-01");
	T_STREQ(str(m, "end"), "2025-12-31");
	T_OK(!flag(m, "ended"));
	/* The year so far: January to today's month. */
	T_INTEQ(val_list_len(val_map_get(bd, "months")), 5);
	T_STREQ(str(at(bd, "months", 4), "month"), "2025-05");
	T_STREQ(str(at(bd, "months", 4), "label"), "Tháng 5/2025");
	T_STREQ(str(at(bd, "months", 4), "short"), "T5/2025");

	/* Sở A: posts by Vietnam's month. */
	x = dept(bd, 0);
	T_STREQ(str(x, "name"), "Sở A");
	T_STREQ(str(x, "slug"), "so-a");
	T_STREQ(str(x, "url"), "https://a.example.vn/cchc/");
	T_STREQ(str(x, "data_today"), "2025-05-20");
	T_INTEQ(val_list_len(val_map_get(x, "months")), 5);
	e = at(x, "months", 0);
	T_INTEQ(num(e, "posts"), 1);
	T_STREQ(str(e, "status"), "co-tin");
	T_OK(flag(e, "has_posts") && !flag(e, "missing"));
	e = at(x, "months", 1);
	T_INTEQ(num(e, "posts"), 0);
	T_STREQ(str(e, "status"), "thieu");
	T_STREQ(str(e, "status_label"), "Không có tin");
	T_OK(flag(e, "missing") && !flag(e, "current"));
	/* 23:30 on 31 March in Vietnam is March; 17:30Z is 1 April. */
	T_INTEQ(num(at(x, "months", 2), "posts"), 1);
	T_INTEQ(num(at(x, "months", 3), "posts"), 1);
	/* Today's month: one post so far, the one after today not. */
	e = at(x, "months", 4);
	T_INTEQ(num(e, "posts"), 1);
	T_STREQ(str(e, "status"), "co-tin");
	T_OK(flag(e, "current"));
	T_INTEQ(num(x, "posts"), 4);
	T_INTEQ(num(x, "months_missing"), 1);
	T_INTEQ(val_list_len(val_map_get(x, "missing_months")), 1);
	T_STREQ(val_get_str(at(x, "missing_months", 0)), "Tháng 2/2025");

	/* Tasks of the plans overlapping 2025; unknown statuses are none. */
	t = val_map_get(x, "tasks");
	T_INTEQ(num(t, "total"), 9);
	T_INTEQ(num(t, "done"), 1);
	T_INTEQ(num(t, "in_progress"), 1);
	T_INTEQ(num(t, "overdue"), 2);
	T_INTEQ(num(t, "not_started"), 1);
	T_INTEQ(num(t, "recurring"), 1);
	T_INTEQ(num(t, "none"), 3);
	T_INTEQ(val_list_len(val_map_get(t, "by_status")), 6);
	T_STREQ(str(at(t, "by_status", 1), "status"), "in-progress");
	T_STREQ(str(at(t, "by_status", 1), "label"), "Đang thực hiện");
	T_STREQ(str(at(t, "by_status", 4), "label"), "Định kỳ");
	T_INTEQ(num(at(t, "by_status", 4), "count"), 1);
	T_INTEQ(val_list_len(val_map_get(x, "overdue")), 2);
	e = at(x, "overdue", 0);
	T_STREQ(str(e, "id"), "1.2");
	T_STREQ(str(e, "content"), "Tổ chức hội nghị, tập huấn");
	T_STREQ(str(e, "lead"), "Phòng Tổ chức");
	T_STREQ(str(e, "when"), "Quý I/2025");
	T_STREQ(str(e, "plan_title"), "Kế hoạch 2025");
	T_STREQ(str(e, "plan_number"), "1/KH-A");
	T_STREQ(str(e, "url"), "https://a.example.vn/cchc/ke-hoach/kh-2025/");
	T_STREQ(str(at(x, "overdue", 1), "id"), "2.3");

	/* Only Q1 is over by 20 May: present (the period's case aside). */
	T_INTEQ(num(x, "reports_due"), 1);
	T_INTEQ(num(x, "reports_present"), 1);
	T_INTEQ(num(x, "reports_missing"), 0);
	e = at(x, "reports", 0);
	T_STREQ(str(e, "period"), "2025-Q1");
	T_STREQ(str(e, "label"), "Quý I/2025");
	T_STREQ(str(e, "due_date"), "2025-03-31");
	T_OK(flag(e, "present"));
	T_STREQ(str(e, "url"), "https://a.example.vn/cchc/bao-cao/2025-q1/");

	/* Procedures: blank and null fields, null and mistyped sections. */
	T_INTEQ(num(x, "procedures"), 4);
	T_INTEQ(num(x, "procedures_complete"), 1);
	T_INTEQ(num(x, "procedures_incomplete"), 3);
	e = at(x, "incomplete", 0);
	T_STREQ(str(e, "title"), "Thiếu lĩnh vực");
	T_STREQ(str(e, "code"), "1.000002");
	T_STREQ(str(e, "url"), "https://a.example.vn/cchc/thu-tuc/2/");
	T_INTEQ(val_list_len(val_map_get(e, "missing")), 2);
	T_STREQ(val_get_str(at(e, "missing", 0)), "Lĩnh vực");
	T_STREQ(val_get_str(at(e, "missing", 1)), "Thời hạn giải quyết");
	T_INTEQ(val_list_len(val_map_get(e, "missing_sections")), 0);
	e = at(x, "incomplete", 1);
	T_INTEQ(val_list_len(val_map_get(e, "missing_fields")), 0);
	T_INTEQ(val_list_len(val_map_get(e, "missing_sections")), 2);
	T_STREQ(val_get_str(at(e, "missing_sections", 0)),
	    "Trình tự thực hiện");
	T_STREQ(val_get_str(at(e, "missing_sections", 1)), "Căn cứ pháp lý");
	T_STREQ(val_get_str(at(e, "missing", 1)), "Mục Căn cứ pháp lý");
	e = at(x, "incomplete", 2);
	T_OK(val_type(val_map_get(e, "title")) == VAL_NULL);
	T_INTEQ(val_list_len(val_map_get(e, "missing_fields")), 4);
	T_INTEQ(val_list_len(val_map_get(e, "missing_sections")), 8);
	T_INTEQ(num(x, "problems"), 1 + 2 + 0 + 3);
	T_OK(val_type(val_map_get(x, "ok")) == VAL_BOOL && !flag(x, "ok"));

	/* Sở B: today's month without news is not missing; shapes. */
	x = dept(bd, 1);
	T_OK(val_type(val_map_get(x, "url")) == VAL_NULL);
	e = at(x, "months", 3);
	T_INTEQ(num(e, "posts"), 1);	/* 30 April 23:59:59 */
	e = at(x, "months", 4);
	T_STREQ(str(e, "status"), "dang-dien-ra");
	T_STREQ(str(e, "status_label"), "Đang diễn ra");
	T_OK(!flag(e, "missing") && flag(e, "current"));
	T_INTEQ(num(x, "months_missing"), 0);
	T_INTEQ(num(val_map_get(x, "tasks"), "total"), 0);
	T_INTEQ(num(x, "reports_due"), 1);
	T_INTEQ(num(x, "reports_missing"), 1);
	T_OK(!flag(at(x, "reports", 0), "present"));
	T_OK(flag(at(x, "reports", 0), "missing"));
	T_OK(val_type(val_map_get(at(x, "reports", 0), "url")) == VAL_NULL);
	T_STREQ(val_get_str(at(x, "missing_reports", 0)), "Quý I/2025");
	T_INTEQ(num(x, "procedures"), 0);
	T_INTEQ(num(x, "problems"), 1);

	/* A list for data, and no data: named, every month missing. */
	x = dept(bd, 2);
	T_STREQ(str(x, "name"), "so-c");
	T_INTEQ(num(x, "months_missing"), 4);
	T_INTEQ(num(x, "problems"), 5);
	x = dept(bd, 3);
	T_STREQ(str(x, "name"), "Sở D");
	T_STREQ(str(x, "slug"), "");
	T_OK(val_type(val_map_get(x, "data_today")) == VAL_NULL);
	T_INTEQ(num(x, "posts"), 0);

	m = val_map_get(bd, "totals");
	T_INTEQ(num(m, "departments"), 4);
	T_INTEQ(num(m, "departments_ok"), 0);
	T_INTEQ(num(m, "posts"), 8);
	T_INTEQ(num(m, "months_missing"), 1 + 0 + 4 + 4);
	T_INTEQ(num(m, "overdue"), 2);
	T_INTEQ(num(val_map_get(m, "tasks"), "total"), 9);
	T_INTEQ(num(m, "reports_due"), 4);
	T_INTEQ(num(m, "reports_missing"), 3);
	T_INTEQ(num(m, "procedures_incomplete"), 3);
	T_INTEQ(num(m, "problems"), 6 + 1 + 5 + 5);
	val_unref(bd);

	/* A quarter: Sở A's quarter plan overlaps Q1, not H2. */
	bd = board_make(d, 1, &today, "2025-Q1", &err);
	x = dept(bd, 0);
	T_STREQ(str(val_map_get(bd, "period"), "label"), "Quý I/2025");
	T_OK(flag(val_map_get(bd, "period"), "ended"));
	T_INTEQ(val_list_len(val_map_get(x, "months")), 3);
	T_INTEQ(val_list_len(val_map_get(x, "overdue")), 2);
	T_INTEQ(num(x, "posts"), 2);
	val_unref(bd);
	bd = board_make(d, 1, &today, "2025-H2", &err);
	x = dept(bd, 0);
	T_STREQ(str(val_map_get(bd, "period"), "label"),
	    "6 tháng cuối năm 2025");
	/* The future: no month, no report due, the plans still counted. */
	T_INTEQ(val_list_len(val_map_get(bd, "months")), 0);
	T_INTEQ(num(x, "reports_due"), 0);
	T_INTEQ(val_list_len(val_map_get(x, "overdue")), 1);
	T_STREQ(str(at(x, "overdue", 0), "id"), "1.2");
	val_unref(bd);

	/* A past year: every quarter, half and the year due, in order. */
	bd = board_make(d, 1, &today, "2024", &err);
	x = dept(bd, 0);
	T_INTEQ(num(x, "reports_due"), 7);
	T_INTEQ(num(x, "reports_present"), 1);
	T_INTEQ(num(x, "reports_missing"), 6);
	T_STREQ(str(at(x, "reports", 0), "period"), "2024-Q1");
	T_STREQ(str(at(x, "reports", 1), "period"), "2024-Q2");
	T_OK(flag(at(x, "reports", 1), "present"));
	T_OK(val_type(val_map_get(at(x, "reports", 1), "url")) == VAL_NULL);
	T_STREQ(str(at(x, "reports", 2), "period"), "2024-H1");
	T_STREQ(str(at(x, "reports", 2), "label"), "6 tháng đầu năm 2024");
	T_STREQ(str(at(x, "reports", 3), "period"), "2024-Q3");
	T_STREQ(str(at(x, "reports", 4), "period"), "2024-Q4");
	T_STREQ(str(at(x, "reports", 5), "period"), "2024-H2");
	T_STREQ(str(at(x, "reports", 6), "period"), "2024");
	T_STREQ(str(at(x, "reports", 6), "label"), "Năm 2024");
	T_STREQ(str(at(x, "reports", 6), "due_date"), "2024-12-31");
	T_INTEQ(val_list_len(val_map_get(x, "months")), 12);
	T_INTEQ(num(at(x, "months", 11), "posts"), 1);
	T_INTEQ(val_list_len(val_map_get(x, "overdue")), 1);
	T_STREQ(str(at(x, "overdue", 0), "id"), "9.1");
	val_unref(bd);

	/* A report is due once its last day is over, not on it. */
	today = day("2025-03-31");
	bd = board_make(d, 1, &today, "2025-Q1", &err);
	T_INTEQ(num(dept(bd, 0), "reports_due"), 0);
	T_STREQ(str(at(dept(bd, 0), "months", 2), "status"), "co-tin");
	T_INTEQ(num(at(dept(bd, 0), "months", 2), "posts"), 1);
	val_unref(bd);
	today = day("2025-04-01");
	bd = board_make(d, 1, &today, "2025-q1", &err);
	T_INTEQ(num(dept(bd, 0), "reports_due"), 1);
	T_STREQ(str(val_map_get(bd, "period"), "key"), "2025-Q1");
	val_unref(bd);

	val_unref(a);
	val_unref(b);
	val_unref(c);
}

static void
test_csv(void)
{
	struct val	*a = js("{'posts':[{'published':'2025-01-10T08:00:00'}],"
	    "'plans':[{'title':'K','period':{'start':'2025-01-01',"
	    "'end':'2025-12-31'},'tasks':[{'id':'1.1','content':"
	    "'Họp, tổng kết\\nnăm','lead':'VP','status':'overdue'},"
	    "{'id':'1.2','content':'X','status':'done'}]}],"
	    "'reports':[{'period':'2025-Q1'}],"
	    "'procedures':[{'title':'P, một','code':'1','field':'F',"
	    "'agency':'A','deadline':'D'}]}");
	struct board_dept d[1] = { { "Sở \"A\", tỉnh X", "so-a", NULL } };
	struct cdate	 today = day("2025-05-20");
	struct buf	 out = BUF_INIT;
	struct val	*bd;
	const char	*err = NULL, *last = "Số vấn đề\r\n";

	d[0].data = a;
	bd = board_make(d, 1, &today, "2025-Q1", &err);
	board_csv(bd, &out);
	T_STREQ(buf_cstr(&out), "\xef\xbb\xbf"
	    "Đơn vị,Slug,Tin T1/2025,Tin T2/2025,Tin T3/2025,"
	    "Tháng không có tin,Các tháng không có tin,"
	    "Nhiệm vụ đã thực hiện,Nhiệm vụ đang thực hiện,Nhiệm vụ quá hạn,"
	    "Nhiệm vụ chưa đến hạn,Nhiệm vụ định kỳ,"
	    "Các nhiệm vụ quá hạn,Báo cáo đến hạn,Báo cáo đã có,"
	    "Báo cáo còn thiếu,Thủ tục,Thủ tục đủ thông tin,"
	    "Thủ tục thiếu thông tin,Số vấn đề\r\n"
	    "\"Sở \"\"A\"\", tỉnh X\",so-a,1,0,0,2,Tháng 2/2025; Tháng 3/2025,"
	    "1,0,1,0,0,\"1.1 Họp, tổng kết\nnăm (VP)\",1,1,,1,0,"
	    "\"P, một\",4\r\n");
	val_unref(bd);

	/* No departments: the header alone. */
	buf_reset(&out);
	bd = board_make(NULL, 0, &today, "2025", &err);
	board_csv(bd, &out);
	T_OK(out.len > 3 && memcmp(out.data, "\xef\xbb\xbf", 3) == 0);
	T_OK(strstr(out.data, "Tin T5/2025,Tháng không có tin") != NULL);
	T_OK(strstr(out.data, "Tin T6/2025") == NULL);
	T_OK(out.len > strlen(last) && strcmp(out.data + out.len -
	    strlen(last), last) == 0);
	val_unref(bd);

	/* Any tree, even not a board: the BOM and header, no crash. */
	buf_reset(&out);
	board_csv(NULL, &out);
	T_OK(out.len > 3);
	buf_free(&out);
	val_unref(a);
}

static void
test_markdown(void)
{
	struct val	*a = js(data_a);
	struct val	*ok = js("{'posts':[{'published':'2025-01-02'},"
	    "{'published':'2025-02-02'},{'published':'2025-03-02'}],"
	    "'reports':[{'period':'2025-Q1'}]}");
	struct board_dept d[2] = {
		{ "Sở [B] | #1_x", "so-a", NULL }, { "Sở C", "so-c", NULL },
	};
	struct cdate	 today = day("2025-05-20");
	struct buf	 out = BUF_INIT;
	struct val	*bd;
	const char	*err = NULL, *s;

	d[0].data = a;
	d[1].data = ok;
	bd = board_make(d, 2, &today, "2025-Q1", &err);
	board_markdown(bd, &out);
	s = buf_cstr(&out);
	T_OK(strncmp(s, "# Bảng theo dõi cải cách hành chính: Quý I/2025\n",
	    strlen("# Bảng theo dõi cải cách hành chính: Quý I/2025\n")) == 0);
	T_CONTAINS(s, "Kỳ theo dõi: từ ngày 01/01/2025 đến ngày 31/03/2025; "
	    "số liệu tính đến ngày 20/05/2025.");
	/* The table: data text escaped, so the row keeps its cells. */
	T_CONTAINS(s, "| Sở \\[B\\] \\| \\#1\\_x | 2 | 1 | 2 | 0 | 3 | 6 |\n");
	T_CONTAINS(s, "| Sở C | 3 | 0 | 0 | 0 | 0 | 0 |\n");
	T_CONTAINS(s, "| **Tổng cộng** | 5 | 1 | 2 | 0 | 3 | 6 |\n");
	T_CONTAINS(s, "1/2 đơn vị không có vấn đề.");
	T_CONTAINS(s, "\n## Sở \\[B\\] \\| \\#1\\_x\n");
	T_CONTAINS(s, "- Không có tin trong tháng 2/2025.\n");
	T_CONTAINS(s, "- Nhiệm vụ 1.2 “Tổ chức hội nghị, tập huấn” (chủ trì: "
	    "Phòng Tổ chức) quá hạn; thời gian thực hiện: Quý I/2025; kế "
	    "hoạch số 1/KH-A.\n");
	T_CONTAINS(s, "- Nhiệm vụ 2.3 “Tuyên truyền \\*đậm\\* \\| ống\\_x "
	    "\\[y\\](z)” (chủ trì: Phòng A) quá hạn");
	T_CONTAINS(s, "- Thủ tục “Thiếu lĩnh vực” (mã 1.000002) thiếu thông "
	    "tin: lĩnh vực, thời hạn giải quyết.\n");
	T_CONTAINS(s, "- Thủ tục “Thiếu mục” (mã 1.000003) thiếu mục: Trình "
	    "tự thực hiện, Căn cứ pháp lý.\n");
	T_CONTAINS(s, "- Thủ tục “1.000004” thiếu thông tin: tên thủ tục, "
	    "lĩnh vực, cơ quan thực hiện, thời hạn giải quyết; mục: ");
	T_CONTAINS(s, "\n## Sở C\n\nTin, bài trong kỳ: 3. Nhiệm vụ: 0 đã thực "
	    "hiện, 0 đang thực hiện, 0 quá hạn, 0 chưa đến hạn, 0 định kỳ, "
	    "0 không xác định. Báo cáo đã có: 1/1. Thủ tục đủ thông "
	    "tin: 0/0.\n\nKhông có vấn đề.\n");
	T_OK(strstr(s, "Sở [B]") == NULL);
	val_unref(bd);

	/* A missing report, said with its period's end. */
	buf_reset(&out);
	d[1].data = NULL;
	bd = board_make(d + 1, 1, &today, "2025-Q1", &err);
	board_markdown(bd, &out);
	T_CONTAINS(buf_cstr(&out), "- Chưa có báo cáo quý I/2025 (kỳ kết "
	    "thúc ngày 31/03/2025).\n");
	val_unref(bd);

	/* A line break in data text cannot start a block. */
	buf_reset(&out);
	board_md_text(&out, "a\n# b\r\n- c & <d> `e` ~f~");
	T_STREQ(buf_cstr(&out), "a \\# b  - c \\& \\<d\\> \\`e\\` \\~f\\~");
	buf_reset(&out);
	board_markdown(NULL, &out);	/* not a board: no crash */
	T_OK(out.len > 0);
	buf_free(&out);
	val_unref(a);
	val_unref(ok);
}

int
main(void)
{
	test_period();
	test_make_errors();
	test_board();
	test_csv();
	test_markdown();
	return t_done("board");
}
