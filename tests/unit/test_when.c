/*
 * test_when.c - when_parse, period_parse, when_kind_name, when_date and
 * the calendar-day compare it relies on (date_cmp_day).  when_parse is checked against one table: every form of
 * when.h, both spellings (hàng/hằng), text without diacritics, NFD,
 * extra spaces, upper case, remarks, missing years, spans across years,
 * leap days and the texts that must stay unknown.  The decisions on
 * ambiguous forms are listed at the top of generator/when.c; each has a
 * row here.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "when.h"
#include "t.h"

/* "2025-06-30" into s (11 bytes), as the exports write a day. */
static void
day_fmt(const struct cdate *d, char *s)
{
	struct buf	 b = BUF_INIT;

	date_fmt_ymd(d, &b);
	snprintf(s, 11, "%s", buf_cstr(&b));
	buf_free(&b);
}

#define RANGE		WHEN_RANGE
#define DEADLINE	WHEN_DEADLINE
#define MONTHLY		WHEN_MONTHLY
#define QUARTERLY	WHEN_QUARTERLY
#define HALF		WHEN_HALF_YEARLY
#define YEARLY		WHEN_YEARLY
#define CONT		WHEN_CONTINUOUS
#define REQUEST		WHEN_ON_REQUEST
#define UNKNOWN		WHEN_UNKNOWN

/* NFD spellings, byte by byte so that no editor normalises them. */
#define NFD_THUONG_XUYEN "Thu\xcc\x9bo\xcc\x9b\xcc\x80ng xuye\xcc\x82n"
#define NFD_QUY		"Quy\xcc\x81"
#define NFD_CHAM_NHAT	"Cha\xcc\xa3\xcc\x82m nha\xcc\x82\xcc\x81t"
#define NFD_THANG	"tha\xcc\x81ng"
#define NFD_HANG_NAM	"Ha\xcc\x86\xcc\x80ng na\xcc\x86m"	/* Hằng năm */
#define NFD_DINH_KY	"\xc4\x90i\xcc\xa3nh ky\xcc\x80"
#define NFD_HANG_QUY	"ha\xcc\x80ng quy\xcc\x81"
#define NFD_YEU_CAU	"ye\xcc\x82u ca\xcc\x82\xcc\x80u"

static const struct row {
	const char	*text;
	const char	*period;	/* NULL: no period */
	enum when_kind	 kind;
	const char	*start, *end;	/* NULL: no dates */
} rows[] = {
	/* The real plans in ../shared/seeds/. */
	{ "Thường xuyên", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "Thường xuyên.", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "định kỳ hàng tháng (Trang thông tin điện tử)", "2025", MONTHLY,
	    "2025-01-01", "2025-12-31" },
	{ "Định kỳ hàng quý", "2025", QUARTERLY, "2025-01-01", "2025-12-31" },
	{ "Chậm nhất tháng 4/2025", "2025", DEADLINE, "2025-01-01", "2025-04-30" },
	{ "Tháng 6 - 9/2025", "2025", RANGE, "2025-06-01", "2025-09-30" },
	{ "Quý II - III/2025", "2025", RANGE, "2025-04-01", "2025-09-30" },
	{ "Trong năm 2024", "2024", RANGE, "2024-01-01", "2024-12-31" },

	/* Months. */
	{ "Tháng 3/2025", "2025", RANGE, "2025-03-01", "2025-03-31" },
	{ "tháng 03/2025", "2025", RANGE, "2025-03-01", "2025-03-31" },
	{ "T3/2025", "2025", RANGE, "2025-03-01", "2025-03-31" },
	{ "Tháng 6 năm 2025", "2025", RANGE, "2025-06-01", "2025-06-30" },
	{ "Tháng 6 đến tháng 9 năm 2025", "2025", RANGE, "2025-06-01", "2025-09-30" },
	{ "từ tháng 3 đến tháng 5/2025", "2025", RANGE, "2025-03-01", "2025-05-31" },
	{ "Từ tháng 3 đến hết tháng 5/2025", "2025", RANGE, "2025-03-01", "2025-05-31" },
	{ "Tháng 6–9/2025", "2025", RANGE, "2025-06-01", "2025-09-30" },	/* en dash */
	{ "T6-T9/2025", "2025", RANGE, "2025-06-01", "2025-09-30" },
	{ "tháng 6, 7 và 8/2025", "2025", RANGE, "2025-06-01", "2025-08-31" },
	{ "tháng 3/2025 đến tháng 5", "2025", RANGE, "2025-03-01", "2025-05-31" },
	{ "Tháng 2/2024", "2024", RANGE, "2024-02-01", "2024-02-29" },
	{ "Tháng 2/2025", "2025", RANGE, "2025-02-01", "2025-02-28" },
	/* Across years: the years are written. */
	{ "tháng 11/2025 đến tháng 2/2026", "2025", RANGE, "2025-11-01", "2026-02-28" },
	{ "Tháng 11/2025 - 02/2026", "2025", RANGE, "2025-11-01", "2026-02-28" },
	{ "Tháng 12/2023 - 02/2024", "2023-2024", RANGE, "2023-12-01", "2024-02-29" },
	/* Year left out: the plan's first year, also of a multi-year plan. */
	{ "Tháng 6", "2025", RANGE, "2025-06-01", "2025-06-30" },
	{ "Tháng 6", "2022-2030", RANGE, "2022-06-01", "2022-06-30" },
	{ "Tháng 6 - 9", "2022-2030", RANGE, "2022-06-01", "2022-09-30" },

	/* Quarters, Roman and Arabic. */
	{ "Quý II/2025", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "Quý 2/2025", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "Quý I, II/2025", "2025", RANGE, "2025-01-01", "2025-06-30" },
	{ "Quý I và quý II năm 2025", "2025", RANGE, "2025-01-01", "2025-06-30" },
	{ "quý IV năm 2025", "2025", RANGE, "2025-10-01", "2025-12-31" },
	{ "Q3/2025", "2025", RANGE, "2025-07-01", "2025-09-30" },
	{ "Quý 1 - 4/2025", "2025", RANGE, "2025-01-01", "2025-12-31" },
	{ "Quý II/2025 - Quý I/2026", "2025", RANGE, "2025-04-01", "2026-03-31" },
	{ "Quý III", "2022-2030", RANGE, "2022-07-01", "2022-09-30" },
	{ "Dự kiến quý III/2025", "2025", RANGE, "2025-07-01", "2025-09-30" },
	{ "Thời gian: Quý II/2025", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "- Quý II/2025", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "Tháng 6/2025, quý III", "2025", RANGE, "2025-06-01", "2025-09-30" },

	/* Half-years and years. */
	{ "6 tháng đầu năm 2025", "2025", RANGE, "2025-01-01", "2025-06-30" },
	{ "6 tháng cuối năm", "2025", RANGE, "2025-07-01", "2025-12-31" },
	{ "06 tháng đầu năm", "2022-2030", RANGE, "2022-01-01", "2022-06-30" },
	{ "Sáu tháng cuối năm 2026", "2025-2026", RANGE, "2026-07-01", "2026-12-31" },
	{ "Năm 2025", "2025", RANGE, "2025-01-01", "2025-12-31" },
	{ "Cả năm 2025", "2025", RANGE, "2025-01-01", "2025-12-31" },
	{ "2025", "2025", RANGE, "2025-01-01", "2025-12-31" },
	{ "Năm 2024 - 2025", "2024-2025", RANGE, "2024-01-01", "2025-12-31" },
	{ "Trong năm", "2025", RANGE, "2025-01-01", "2025-12-31" },
	{ "Cả năm", "2022-2030", RANGE, "2022-01-01", "2022-12-31" },

	/* Days. */
	{ "Ngày 15/10/2025", "2025", RANGE, "2025-10-15", "2025-10-15" },
	{ "Từ ngày 01/3 đến ngày 30/4/2025", "2025", RANGE, "2025-03-01", "2025-04-30" },
	{ "Ngày 29/2/2024", "2024", RANGE, "2024-02-29", "2024-02-29" },
	{ "Ngày 29/2", "2024", RANGE, "2024-02-29", "2024-02-29" },
	{ "Ngày 29/2/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Ngày 29/2", "2025", UNKNOWN, NULL, NULL },

	/* Deadlines: inclusive "chậm nhất", "trước" exclusive for a month, inclusive for a day. */
	{ "Chậm nhất ngày 15/10/2025", "2025", DEADLINE, "2025-01-01", "2025-10-15" },
	{ "trước ngày 15/10/2025", "2025", DEADLINE, "2025-01-01", "2025-10-15" },
	{ "trước tháng 6/2025", "2025", DEADLINE, "2025-01-01", "2025-05-31" },
	{ "Trước 30/6/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Hoàn thành trước 30/6/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Hạn chót: 30/6/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Hạn chót ngày 30/6/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Chậm nhất là ngày 15 tháng 10 năm 2025", "2025", DEADLINE,
	    "2025-01-01", "2025-10-15" },
	{ "Hoàn thành trong quý II/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Trước quý III/2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Trước năm 2026", "2025", DEADLINE, "2025-01-01", "2025-12-31" },
	{ "Từ nay đến hết năm 2025", "2025", DEADLINE, "2025-01-01", "2025-12-31" },
	{ "Chậm nhất 6 tháng đầu năm 2025", "2025", DEADLINE, "2025-01-01", "2025-06-30" },
	{ "Chậm nhất tháng 4", "2022-2030", DEADLINE, "2022-01-01", "2022-04-30" },
	{ "Trước ngày 01/01/2026", "2025", DEADLINE, "2025-01-01", "2026-01-01" },
	{ "Trước tháng 3/2024", "2024", DEADLINE, "2024-01-01", "2024-02-29" },
	{ "Trước tháng 3/2025", "2025", DEADLINE, "2025-01-01", "2025-02-28" },
	{ "Chậm nhất ngày 29/2/2024", "2024", DEADLINE, "2024-01-01", "2024-02-29" },
	{ "Chậm nhất ngày 29/2/2025", "2025", UNKNOWN, NULL, NULL },
	/* Before the plan starts: start = end, never start > end. */
	{ "Trước tháng 6/2024", "2025", DEADLINE, "2024-05-31", "2024-05-31" },

	/* Recurring: both spellings, with and without "định kỳ". */
	{ "Hàng tháng", "2025", MONTHLY, "2025-01-01", "2025-12-31" },
	{ "Hằng tháng", "2025", MONTHLY, "2025-01-01", "2025-12-31" },
	{ "Định kỳ hàng tháng", "2025", MONTHLY, "2025-01-01", "2025-12-31" },
	{ "Định kỳ hàng tháng, hàng quý", "2025", MONTHLY, "2025-01-01", "2025-12-31" },
	{ "hàng quý", "2025", QUARTERLY, "2025-01-01", "2025-12-31" },
	{ "Hằng quý", "2025", QUARTERLY, "2025-01-01", "2025-12-31" },
	{ "3 tháng một lần", "2025", QUARTERLY, "2025-01-01", "2025-12-31" },
	{ "Hàng quý, trước ngày 15 của tháng cuối quý", "2025", QUARTERLY,
	    "2025-01-01", "2025-12-31" },
	{ "Định kỳ 6 tháng", "2025", HALF, "2025-01-01", "2025-12-31" },
	{ "Định kỳ 06 tháng, hàng năm", "2025", HALF, "2025-01-01", "2025-12-31" },
	{ "6 tháng một lần", "2025", HALF, "2025-01-01", "2025-12-31" },
	{ "6 tháng/lần", "2025", HALF, "2025-01-01", "2025-12-31" },
	{ "hàng năm", "2025", YEARLY, "2025-01-01", "2025-12-31" },
	{ "hằng năm", "2025", YEARLY, "2025-01-01", "2025-12-31" },
	{ "định kỳ hằng năm", "2025", YEARLY, "2025-01-01", "2025-12-31" },
	{ "Hàng năm", "2022-2030", YEARLY, "2022-01-01", "2030-12-31" },

	/* Continuous. */
	{ "Thường xuyên, liên tục", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "Thường xuyên trong năm", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "Liên tục", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "Thường xuyên", "2022-2030", CONT, "2022-01-01", "2030-12-31" },

	/* On request. */
	{ "Khi có yêu cầu", "2025", REQUEST, NULL, NULL },
	{ "Khi cơ quan cấp trên có yêu cầu", "2025", REQUEST, NULL, NULL },
	{ "Theo yêu cầu", "2025", REQUEST, NULL, NULL },
	{ "Khi có chỉ đạo", "2025", REQUEST, NULL, NULL },
	{ "Theo chỉ đạo của UBND tỉnh", "2025", REQUEST, NULL, NULL },

	/* Without diacritics. */
	{ "Quy II - III/2025", "2025", RANGE, "2025-04-01", "2025-09-30" },
	{ "thuong xuyen", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "cham nhat thang 4/2025", "2025", DEADLINE, "2025-01-01", "2025-04-30" },
	{ "dinh ky hang thang", "2025", MONTHLY, "2025-01-01", "2025-12-31" },
	{ "khi co yeu cau", "2025", REQUEST, NULL, NULL },
	{ "Thang 6 den thang 9 nam 2025", "2025", RANGE, "2025-06-01", "2025-09-30" },

	/* NFD input. */
	{ NFD_THUONG_XUYEN, "2025", CONT, "2025-01-01", "2025-12-31" },
	{ NFD_QUY " II - III/2025", "2025", RANGE, "2025-04-01", "2025-09-30" },
	{ NFD_CHAM_NHAT " " NFD_THANG " 4/2025", "2025", DEADLINE,
	    "2025-01-01", "2025-04-30" },
	{ NFD_HANG_NAM, "2025", YEARLY, "2025-01-01", "2025-12-31" },
	{ NFD_DINH_KY " " NFD_HANG_QUY, "2025", QUARTERLY, "2025-01-01", "2025-12-31" },
	{ "Khi co\xcc\x81 " NFD_YEU_CAU, "2025", REQUEST, NULL, NULL },

	/* Extra spaces (also tab and NBSP) and upper case. */
	{ "  Tháng   6  -  9 / 2025  ", "2025", RANGE, "2025-06-01", "2025-09-30" },
	{ "Quý\xc2\xa0II/2025", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "Thường\txuyên", "2025", CONT, "2025-01-01", "2025-12-31" },
	{ "QUÝ II - III/2025", "2025", RANGE, "2025-04-01", "2025-09-30" },
	{ "CHẬM NHẤT THÁNG 4/2025", "2025", DEADLINE, "2025-01-01", "2025-04-30" },
	{ "HẰNG THÁNG", "2025", MONTHLY, "2025-01-01", "2025-12-31" },

	/* Remarks: brackets anywhere, words after a comma. */
	{ "Quý II/2025 (dự kiến)", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "(Dự kiến) Quý III/2025", "2025", RANGE, "2025-07-01", "2025-09-30" },
	{ "Tháng 6 - 9/2025 [tùy tình hình]", "2025", RANGE, "2025-06-01", "2025-09-30" },
	{ "Quý II/2025, tùy tình hình thực tế", "2025", RANGE, "2025-04-01", "2025-06-30" },
	{ "Chậm nhất tháng 4/2025 (báo cáo kết quả)", "2025", DEADLINE,
	    "2025-01-01", "2025-04-30" },

	/* No period: only what is written. */
	{ "Tháng 6/2025", NULL, RANGE, "2025-06-01", "2025-06-30" },
	{ "Tháng 6", NULL, UNKNOWN, NULL, NULL },
	{ "Thường xuyên", NULL, CONT, NULL, NULL },
	{ "Hàng quý", NULL, QUARTERLY, NULL, NULL },
	{ "Chậm nhất tháng 4/2025", NULL, DEADLINE, NULL, NULL },
	{ "Khi có yêu cầu", NULL, REQUEST, NULL, NULL },

	/* Unknown: impossible values, wrong order, gaps, other words. */
	{ NULL, "2025", UNKNOWN, NULL, NULL },
	{ "", "2025", UNKNOWN, NULL, NULL },
	{ "   ", "2025", UNKNOWN, NULL, NULL },
	{ "(ghi chú)", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 13/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 0/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Quý V/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Quý 5/2025", "2025", UNKNOWN, NULL, NULL },
	{ "ngày 31/4/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Trước ngày 31/4/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 9 - 6/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 6 - 6/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 6 - 13/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 6, 13/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Quý I, III/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 11 - 2/2026", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 6/2025 dự kiến", "2025", UNKNOWN, NULL, NULL },
	{ "Năm 25", "2025", UNKNOWN, NULL, NULL },
	{ "Năm 1800", "2025", UNKNOWN, NULL, NULL },
	{ "15.10.2025", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng 99999999999/2025", "2025", UNKNOWN, NULL, NULL },
	{ "Định kỳ", "2025", UNKNOWN, NULL, NULL },
	{ "2 tháng một lần", "2025", UNKNOWN, NULL, NULL },
	{ "Khi có phát sinh", "2025", UNKNOWN, NULL, NULL },
	{ "Theo kế hoạch", "2025", UNKNOWN, NULL, NULL },
	{ "Năm", "2025", UNKNOWN, NULL, NULL },
	{ "Tháng", "2025", UNKNOWN, NULL, NULL },
	{ "Quý II/", "2025", UNKNOWN, NULL, NULL },
	{ "abc\xff" "def", "2025", UNKNOWN, NULL, NULL },
};

/* "text -> kind start end", so that a failure names the row. */
static void
row_str(char *out, size_t n, const char *text, enum when_kind kind,
    const char *start, const char *end)
{
	snprintf(out, n, "%s -> %s %s %s", text ? text : "(null)",
	    when_kind_name(kind), start ? start : "-", end ? end : "-");
}

static void
test_table(void)
{
	char		 got[512], want[512], s[11], e[11];
	struct period	 p;
	struct when	 w;
	size_t		 k;

	for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		const struct row *r = &rows[k];

		if (r->period != NULL)
			T_INTEQ(period_parse(r->period, &p), 0);
		/* Garbage first: when_parse must set every field. */
		memset(&w, 0x5a, sizeof(w));
		when_parse(r->text, r->period ? &p : NULL, &w);
		day_fmt(&w.start, s);
		day_fmt(&w.end, e);
		row_str(got, sizeof(got), r->text, w.kind,
		    w.has_dates ? s : NULL, w.has_dates ? e : NULL);
		row_str(want, sizeof(want), r->text, r->kind, r->start, r->end);
		T_STREQ(got, want);
		if (w.has_dates)
			T_OK(date_cmp_day(&w.start, &w.end) <= 0);
		else
			T_OK(w.start.y == 0 && w.start.m == 0 &&
			    w.end.y == 0 && w.end.d == 0);
	}
	T_OK(k >= 60);
}

/* The NFD rows above really are NFD and fold like their NFC spelling. */
static void
test_nfd(void)
{
	static const struct {
		const char	*nfd, *nfc;
	} pairs[] = {
		{ NFD_THUONG_XUYEN, "Thường xuyên" },
		{ NFD_QUY " II - III/2025", "Quý II - III/2025" },
		{ NFD_CHAM_NHAT " " NFD_THANG " 4/2025", "Chậm nhất tháng 4/2025" },
		{ NFD_HANG_NAM, "Hằng năm" },
		{ NFD_DINH_KY " " NFD_HANG_QUY, "Định kỳ hàng quý" },
	};
	struct period	 p;
	struct when	 a, b;
	size_t		 k;

	T_INTEQ(period_parse("2025", &p), 0);
	for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		T_OK(strcmp(pairs[k].nfd, pairs[k].nfc) != 0);
		T_OK(strstr(pairs[k].nfd, "\xcc") != NULL);	/* U+03xx marks */
		when_parse(pairs[k].nfd, &p, &a);
		when_parse(pairs[k].nfc, &p, &b);
		T_INTEQ(a.kind, b.kind);
		T_OK(a.kind != WHEN_UNKNOWN);
		T_OK(memcmp(&a, &b, sizeof(a)) == 0);
	}
}

static void
test_period(void)
{
	static const struct {
		const char	*text;
		const char	*start, *end;	/* NULL: -1 */
	} cases[] = {
		{ "2025", "2025-01-01", "2025-12-31" },
		{ "2022-2030", "2022-01-01", "2030-12-31" },
		{ "2022 - 2030", "2022-01-01", "2030-12-31" },
		{ "2022–2030", "2022-01-01", "2030-12-31" },	/* en dash */
		{ " 2025 ", "2025-01-01", "2025-12-31" },
		{ "2025-2025", "2025-01-01", "2025-12-31" },
		{ NULL, NULL, NULL },
		{ "", NULL, NULL },
		{ "abc", NULL, NULL },
		{ "25", NULL, NULL },
		{ "20255", NULL, NULL },
		{ "1899", NULL, NULL },
		{ "2030-2022", NULL, NULL },
		{ "2025-", NULL, NULL },
		{ "2025-26", NULL, NULL },
		{ "2025 2026", NULL, NULL },
		{ "2022-2030x", NULL, NULL },
		{ "năm 2025", NULL, NULL },
		{ "2025/2026", NULL, NULL },
	};
	struct period	 p;
	char		 s[11], e[11];
	size_t		 k;
	int		 rc;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		memset(&p, 0x5a, sizeof(p));
		rc = period_parse(cases[k].text, &p);
		if (cases[k].start == NULL) {
			T_INTEQ(rc, -1);
			T_INTEQ(p.start.y, 0x5a5a5a5a);	/* untouched */
			continue;
		}
		T_INTEQ(rc, 0);
		day_fmt(&p.start, s);
		day_fmt(&p.end, e);
		T_STREQ(s, cases[k].start);
		T_STREQ(e, cases[k].end);
	}
}

/*
 * The calendar days when.c makes and compares: when_date() is the day at
 * 00:00 +07:00; date_cmp_day() orders days whatever their time or
 * offset.
 */
static void
test_day(void)
{
	static const int cmps[][7] = {
		{ 2025, 6, 30, 2025, 6, 30, 0 },
		{ 2025, 6, 30, 2025, 7, 1, -1 },
		{ 2025, 7, 1, 2025, 6, 30, 1 },
		{ 2024, 12, 31, 2025, 1, 1, -1 },
		{ 2026, 1, 1, 2025, 12, 31, 1 },
		{ 2025, 6, 1, 2025, 6, 2, -1 },
		{ 2025, 6, 2, 2025, 6, 1, 1 },
	};
	struct cdate	 a, b;
	char		 buf[12];
	size_t		 k;

	for (k = 0; k < sizeof(cmps) / sizeof(cmps[0]); k++) {
		a = when_date(cmps[k][0], cmps[k][1], cmps[k][2]);
		b = when_date(cmps[k][3], cmps[k][4], cmps[k][5]);
		T_INTEQ(date_cmp_day(&a, &b), cmps[k][6]);
	}
	a = when_date(2024, 2, 9);
	T_INTEQ(a.hh + a.mi + a.ss + a.has_time, 0);
	T_INTEQ(a.tz, DATE_VN_TZ);
	day_fmt(&a, buf);
	T_STREQ(buf, "2024-02-09");
	a = when_date(999, 1, 2);
	day_fmt(&a, buf);
	T_STREQ(buf, "0999-01-02");
	/* 23:00 UTC on the 30th is the 1st in Vietnam, still the 30th as a
	   calendar day. */
	b = when_date(2025, 6, 30);
	b.hh = 23;
	b.tz = 0;
	a = when_date(2025, 6, 30);
	T_INTEQ(date_cmp_day(&a, &b), 0);
	T_OK(date_cmp(&a, &b) != 0);
}

static void
test_kind_name(void)
{
	T_STREQ(when_kind_name(WHEN_RANGE), "range");
	T_STREQ(when_kind_name(WHEN_DEADLINE), "deadline");
	T_STREQ(when_kind_name(WHEN_MONTHLY), "monthly");
	T_STREQ(when_kind_name(WHEN_QUARTERLY), "quarterly");
	T_STREQ(when_kind_name(WHEN_HALF_YEARLY), "half-yearly");
	T_STREQ(when_kind_name(WHEN_YEARLY), "yearly");
	T_STREQ(when_kind_name(WHEN_CONTINUOUS), "continuous");
	T_STREQ(when_kind_name(WHEN_ON_REQUEST), "on-request");
	T_STREQ(when_kind_name(WHEN_UNKNOWN), "unknown");
	T_STREQ(when_kind_name((enum when_kind)42), "unknown");
}

/* A long remark and many list items neither crash nor count as a time. */
static void
test_long(void)
{
	char		 text[4096];
	struct period	 p;
	struct when	 w;
	size_t		 n;
	int		 k;

	T_INTEQ(period_parse("2025", &p), 0);
	n = (size_t)snprintf(text, sizeof(text), "Quý II/2025, tùy tình hình");
	for (k = 0; k < 200 && n + 16 < sizeof(text); k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " và thực tế");
	when_parse(text, &p, &w);
	T_INTEQ(w.kind, WHEN_RANGE);

	n = (size_t)snprintf(text, sizeof(text), "Tháng 1");
	for (k = 2; k <= 12; k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ", %d", k);
	snprintf(text + n, sizeof(text) - n, "/2025");
	when_parse(text, &p, &w);
	T_INTEQ(w.kind, WHEN_RANGE);
	T_INTEQ(w.end.m, 12);

	/* 40 items is more than any plan writes: unknown, not a crash. */
	n = (size_t)snprintf(text, sizeof(text), "2025");
	for (k = 0; k < 40; k++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " - 2025");
	when_parse(text, &p, &w);
	T_INTEQ(w.kind, WHEN_UNKNOWN);
}

int
main(void)
{
	test_table();
	test_nfd();
	test_period();
	test_day();
	test_kind_name();
	test_long();
	return t_done("when");
}
