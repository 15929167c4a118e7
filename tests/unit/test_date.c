/*
 * test_date.c - date parsing, calendar arithmetic and formats.
 */
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "t.h"

static struct buf	 out = BUF_INIT;

static const char *
iso(const struct cdate *c)
{
	buf_reset(&out);
	date_fmt_iso(c, &out);
	return buf_cstr(&out);
}

static const char *
rfc(const struct cdate *c)
{
	buf_reset(&out);
	date_fmt_rfc822(c, &out);
	return buf_cstr(&out);
}

static const char *
vn(const struct cdate *c)
{
	buf_reset(&out);
	date_fmt_vn(c, &out);
	return buf_cstr(&out);
}

static const char *
ymd(const struct cdate *c)
{
	buf_reset(&out);
	date_fmt_ymd(c, &out);
	return buf_cstr(&out);
}

/* Parses s, expecting failure; returns the reason. */
static const char *
bad(const char *s)
{
	struct cdate	 c;
	const char	*why = NULL;

	if (date_parse(s, &c, &why) != -1)
		return "(accepted)";
	return why != NULL ? why : "(no reason)";
}

static void
test_accepted(void)
{
	struct cdate	 c;
	const char	*why = NULL;

	T_INTEQ(date_parse("2025-06-15", &c, &why), 0);
	T_INTEQ(c.y, 2025);
	T_INTEQ(c.m, 6);
	T_INTEQ(c.d, 15);
	T_INTEQ(c.hh, 0);
	T_INTEQ(c.mi, 0);
	T_INTEQ(c.ss, 0);
	T_INTEQ(c.tz, DATE_VN_TZ);
	T_INTEQ(c.has_time, 0);
	T_STREQ(iso(&c), "2025-06-15T00:00:00+07:00");

	T_INTEQ(date_parse("2025-06-15T08:30", &c, NULL), 0);
	T_INTEQ(c.hh, 8);
	T_INTEQ(c.mi, 30);
	T_INTEQ(c.ss, 0);
	T_INTEQ(c.has_time, 1);
	T_INTEQ(c.tz, 420);

	T_INTEQ(date_parse("2025-06-15T08:30:45", &c, NULL), 0);
	T_INTEQ(c.ss, 45);
	T_STREQ(iso(&c), "2025-06-15T08:30:45+07:00");

	T_INTEQ(date_parse("2025-06-15 08:30", &c, NULL), 0);
	T_INTEQ(c.hh, 8);
	T_INTEQ(c.has_time, 1);

	T_INTEQ(date_parse("2025-06-15T08:30:00Z", &c, NULL), 0);
	T_INTEQ(c.tz, 0);
	T_STREQ(iso(&c), "2025-06-15T08:30:00+00:00");

	T_INTEQ(date_parse("2025-06-15T08:30:00+07:00", &c, NULL), 0);
	T_INTEQ(c.tz, 420);

	T_INTEQ(date_parse("2025-06-15T08:30-05:30", &c, NULL), 0);
	T_INTEQ(c.tz, -330);
	T_STREQ(iso(&c), "2025-06-15T08:30:00-05:30");

	T_INTEQ(date_parse("2025-06-15T08:30:00+0700", &c, NULL), 0);
	T_INTEQ(c.tz, 420);

	T_INTEQ(date_parse("2025-06-15 23:59:59+09:00", &c, NULL), 0);
	T_INTEQ(c.tz, 540);
	T_INTEQ(c.ss, 59);

	/* Other tools write fractions of a second; they are dropped. */
	T_INTEQ(date_parse("2025-06-15T08:30:00.250Z", &c, NULL), 0);
	T_INTEQ(c.ss, 0);
	T_INTEQ(c.tz, 0);

	T_INTEQ(date_parse("1900-01-01", &c, NULL), 0);
	T_INTEQ(date_parse("9999-12-31T23:59:59Z", &c, NULL), 0);
}

static void
test_rejected(void)
{
	struct cdate	 c = { 1, 2, 3, 4, 5, 6, 7, 8 };

	T_STREQ(bad("2025-02-29"), "ngày không tồn tại");
	T_STREQ(bad("2025-06-31"), "ngày không tồn tại");
	T_STREQ(bad("2025-06-00"), "ngày không tồn tại");
	T_STREQ(bad("2025-13-01"), "tháng phải từ 01 đến 12");
	T_STREQ(bad("2025-00-10"), "tháng phải từ 01 đến 12");
	T_STREQ(bad("2025-06-15T24:00"), "giờ phải từ 00 đến 23");
	T_STREQ(bad("2025-06-15T08:60"), "phút phải từ 00 đến 59");
	T_STREQ(bad("2025-06-15T08:30:60"), "giây phải từ 00 đến 59");
	T_STREQ(bad("hôm qua"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("15/06/2025"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("2025-6-5"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("2025-06-15x"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("2025-06-15Z"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("20250615"), "sai định dạng, cần YYYY-MM-DD");
	T_STREQ(bad("1899-12-31"), "năm phải từ 1900 đến 9999");
	T_STREQ(bad("0000-01-01"), "năm phải từ 1900 đến 9999");
	T_STREQ(bad("12025-01-01"), "sai định dạng, cần YYYY-MM-DD");
	T_CONTAINS(bad("2025-06-15T8:30"), "sai định dạng giờ");
	T_CONTAINS(bad("2025-06-15T08"), "sai định dạng giờ");
	T_CONTAINS(bad("2025-06-15T"), "sai định dạng giờ");
	T_CONTAINS(bad("2025-06-15T08:30+7"), "múi giờ");
	T_CONTAINS(bad("2025-06-15T08:30+07:60"), "múi giờ");
	T_CONTAINS(bad("2025-06-15T08:30 +07:00"), "múi giờ");
	T_CONTAINS(bad("2025-06-15T08:30:00+07:00x"), "thừa ký tự");
	T_CONTAINS(bad(""), "trống");
	T_CONTAINS(bad(NULL), "trống");
	/* A failed parse leaves the output alone and why may be NULL. */
	T_INTEQ(date_parse("2025-02-30", &c, NULL), -1);
	T_INTEQ(c.y, 1);
}

static void
test_leap(void)
{
	struct cdate	 c;

	T_INTEQ(date_parse("2024-02-29", &c, NULL), 0);
	T_INTEQ(date_parse("2000-02-29", &c, NULL), 0);
	T_STREQ(bad("1900-02-29"), "ngày không tồn tại");
	T_STREQ(bad("2100-02-29"), "ngày không tồn tại");
	T_INTEQ(date_days_in_month(2024, 2), 29);
	T_INTEQ(date_days_in_month(2000, 2), 29);
	T_INTEQ(date_days_in_month(1900, 2), 28);
	T_INTEQ(date_days_in_month(2025, 2), 28);
	T_INTEQ(date_days_in_month(2025, 4), 30);
	T_INTEQ(date_days_in_month(2025, 12), 31);
	T_INTEQ(date_days_in_month(2025, 0), 0);
	T_INTEQ(date_days_in_month(2025, 13), 0);
}

static void
test_epoch(void)
{
	struct cdate	 c, r;
	struct tm	 tm;
	long long	 t;
	time_t		 tt;
	int		 bad_days = 0;

	T_INTEQ(date_parse("1970-01-01T00:00:00Z", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), 0);
	T_INTEQ(date_parse("1970-01-01", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), -7 * 3600);
	T_INTEQ(date_parse("2025-06-15T08:30:00+07:00", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), 1749951000LL);
	T_INTEQ(date_parse("2025-06-15T01:30:00Z", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), 1749951000LL);
	T_INTEQ(date_parse("1900-01-01T00:00:00Z", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), -2208988800LL);
	T_INTEQ(date_parse("9999-12-31T23:59:59Z", &c, NULL), 0);
	T_INTEQ(date_epoch(&c), 253402300799LL);

	date_from_epoch(1749951000LL, 420, &r);
	T_STREQ(iso(&r), "2025-06-15T08:30:00+07:00");
	T_INTEQ(r.has_time, 1);
	date_from_epoch(-2208988800LL, 0, &r);
	T_STREQ(iso(&r), "1900-01-01T00:00:00+00:00");
	/* Before the epoch the day boundary must still floor. */
	date_from_epoch(-1, 0, &r);
	T_STREQ(iso(&r), "1969-12-31T23:59:59+00:00");
	date_from_epoch(-1, 420, &r);
	T_STREQ(iso(&r), "1970-01-01T06:59:59+07:00");

	/* Round trips, and agreement with the C library's UTC calendar. */
	for (t = -2208988800LL; t < 4102444800LL; t += 86400 + 3607) {
		date_from_epoch(t, 420, &r);
		if (date_epoch(&r) != t)
			bad_days++;
		tt = (time_t)t;
		if (gmtime_r(&tt, &tm) == NULL)
			continue;
		date_from_epoch(t, 0, &r);
		if (r.y != tm.tm_year + 1900 || r.m != tm.tm_mon + 1 ||
		    r.d != tm.tm_mday || r.hh != tm.tm_hour ||
		    r.mi != tm.tm_min || r.ss != tm.tm_sec ||
		    date_wday(r.y, r.m, r.d) != tm.tm_wday)
			bad_days++;
	}
	T_INTEQ(bad_days, 0);
}

static void
test_to_vn(void)
{
	struct cdate	 c, v, a, b;

	/* 20:00 UTC on 30 June is already 1 July in Vietnam. */
	T_INTEQ(date_parse("2025-06-30T20:00:00Z", &c, NULL), 0);
	date_to_vn(&c, &v);
	T_STREQ(vn(&v), "01/07/2025");
	T_STREQ(iso(&v), "2025-07-01T03:00:00+07:00");
	T_STREQ(ymd(&v), "2025-07-01");
	T_INTEQ(v.tz, DATE_VN_TZ);
	T_INTEQ(v.has_time, 1);
	T_INTEQ(date_epoch(&v), date_epoch(&c));

	T_INTEQ(date_parse("2025-01-01T01:00:00+09:00", &c, NULL), 0);
	date_to_vn(&c, &v);
	T_STREQ(iso(&v), "2024-12-31T23:00:00+07:00");
	T_STREQ(vn(&v), "31/12/2024");

	/* A date without time keeps has_time 0 and its day. */
	T_INTEQ(date_parse("2025-03-01", &c, NULL), 0);
	date_to_vn(&c, &v);
	T_STREQ(vn(&v), "01/03/2025");
	T_INTEQ(v.has_time, 0);

	T_INTEQ(date_parse("2025-06-15T08:30:00+07:00", &a, NULL), 0);
	T_INTEQ(date_parse("2025-06-15T01:30:00Z", &b, NULL), 0);
	T_INTEQ(date_cmp(&a, &b), 0);
	T_INTEQ(date_parse("2025-06-15T08:30:01+07:00", &b, NULL), 0);
	T_INTEQ(date_cmp(&a, &b), -1);
	T_INTEQ(date_cmp(&b, &a), 1);
}

static void
test_formats(void)
{
	struct cdate	 c;

	T_INTEQ(date_parse("2025-06-15T08:30:00+07:00", &c, NULL), 0);
	T_STREQ(rfc(&c), "Sun, 15 Jun 2025 08:30:00 +0700");
	T_STREQ(iso(&c), "2025-06-15T08:30:00+07:00");
	T_STREQ(ymd(&c), "2025-06-15");
	T_STREQ(vn(&c), "15/06/2025");
	T_INTEQ(date_parse("2024-02-29T23:05:09Z", &c, NULL), 0);
	T_STREQ(rfc(&c), "Thu, 29 Feb 2024 23:05:09 +0000");
	T_INTEQ(date_parse("2025-12-01T00:00-03:30", &c, NULL), 0);
	T_STREQ(rfc(&c), "Mon, 01 Dec 2025 00:00:00 -0330");
	T_INTEQ(date_parse("2025-01-04", &c, NULL), 0);
	T_STREQ(rfc(&c), "Sat, 04 Jan 2025 00:00:00 +0700");
	T_STREQ(vn(&c), "04/01/2025");
}

static void
test_wday(void)
{
	T_INTEQ(date_wday(2025, 6, 15), 0);
	T_INTEQ(date_wday(1970, 1, 1), 4);
	T_INTEQ(date_wday(2000, 1, 1), 6);
	T_INTEQ(date_wday(1900, 1, 1), 1);
	T_INTEQ(date_wday(2024, 2, 29), 4);
	T_INTEQ(date_wday(9999, 12, 31), 5);
	T_INTEQ(date_wday(1945, 9, 2), 0);
}

static void
test_today_ymd(void)
{
	struct cdate	 c, u;

	date_today_vn(&c);
	date_from_epoch((long long)time(NULL) + 7 * 3600, 0, &u);
	T_INTEQ(c.has_time, 0);
	T_INTEQ(c.tz, DATE_VN_TZ);
	T_INTEQ(c.hh + c.mi + c.ss, 0);
	T_OK(c.y >= 2024 && c.y <= 9999);
	T_OK(c.d >= 1 && c.d <= date_days_in_month(c.y, c.m));
	/* Same day as UTC+7 (unless midnight passed between the calls). */
	T_OK((c.y == u.y && c.m == u.m && c.d == u.d) ||
	    (u.hh == 0 && u.mi == 0));

	T_INTEQ(date_parse_ymd("2025-06-15", &c), 0);
	T_INTEQ(c.y, 2025);
	T_INTEQ(c.d, 15);
	T_INTEQ(c.tz, DATE_VN_TZ);
	T_INTEQ(c.has_time, 0);
	T_INTEQ(date_parse_ymd("2025-06-15T00:00", &c), -1);
	T_INTEQ(date_parse_ymd("2025-02-29", &c), -1);
	T_INTEQ(date_parse_ymd("2025-6-15", &c), -1);
	T_INTEQ(date_parse_ymd("", &c), -1);
	T_INTEQ(date_parse_ymd(NULL, &c), -1);
}

/*
 * The formats write digits themselves; they must give exactly what the
 * printf formats they replace give, odd values included (a year past
 * 9999, a negative field, a zone west of UTC or wider than 99 hours).
 */
static void
test_formats_like_printf(void)
{
	static const char *const wd[7] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mn[12] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const struct cdate odd[] = {
		{ 2025, 6, 15, 8, 30, 0, 420, 1 },
		{ 5, 1, 2, 3, 4, 5, 0, 1 },
		{ 999, 12, 31, 23, 59, 59, -90, 1 },
		{ 12345, 1, 1, 0, 0, 0, 420, 1 },
		{ -3, 1, 1, 0, 0, 0, 420, 0 },
		{ 2025, 6, 15, -1, 30, 0, 420, 1 },
		{ 2025, 6, 15, 100, 30, 0, 420, 1 },
		{ 2025, 6, 15, 8, 30, 0, 6000, 1 },
		{ 2025, 6, 15, 8, 30, 0, -6000, 1 },
		{ 2025, 6, 115, 8, 30, 0, 420, 1 },
	};
	struct cdate	 c;
	char		 want[128];
	size_t		 i;
	long long	 t;
	int		 ok = 1, h, m;
	char		 sign;

	for (i = 0; i < sizeof(odd) / sizeof(odd[0]) + 400; i++) {
		if (i < sizeof(odd) / sizeof(odd[0]))
			c = odd[i];
		else {
			/* Instants from 1900 to 2100 at odd offsets. */
			t = -2208988800LL + (long long)i * 15780001LL;
			date_from_epoch(t, (int)(i % 7) * 97 - 300, &c);
		}
		sign = c.tz < 0 ? '-' : '+';
		h = (c.tz < 0 ? -c.tz : c.tz) / 60;
		m = (c.tz < 0 ? -c.tz : c.tz) % 60;
		snprintf(want, sizeof(want),
		    "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.y, c.m, c.d,
		    c.hh, c.mi, c.ss, sign, h, m);
		ok &= strcmp(iso(&c), want) == 0;
		snprintf(want, sizeof(want), "%04d-%02d-%02d", c.y, c.m, c.d);
		ok &= strcmp(ymd(&c), want) == 0;
		snprintf(want, sizeof(want), "%02d/%02d/%04d", c.d, c.m, c.y);
		ok &= strcmp(vn(&c), want) == 0;
		snprintf(want, sizeof(want), "%02d/%02d/%04d %02d:%02d", c.d,
		    c.m, c.y, c.hh, c.mi);
		buf_reset(&out);
		date_fmt_vn_time(&c, &out);
		ok &= strcmp(buf_cstr(&out), want) == 0;
		snprintf(want, sizeof(want),
		    "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
		    wd[date_wday(c.y, c.m, c.d)], c.d,
		    mn[c.m >= 1 && c.m <= 12 ? c.m - 1 : 0], c.y, c.hh, c.mi,
		    c.ss, sign, h, m);
		ok &= strcmp(rfc(&c), want) == 0;
		if (!ok) {
			fprintf(stderr, "formats differ from printf: "
			    "%d-%d-%d %d:%d:%d tz %d\n", c.y, c.m, c.d, c.hh,
			    c.mi, c.ss, c.tz);
			break;
		}
	}
	T_OK(ok);
}

static void
item_vn(const void *items, size_t i, struct cdate *out)
{
	const char *const	*v = items;
	struct cdate		 c;

	T_OK(date_parse(v[i], &c, NULL) == 0);
	date_to_vn(&c, out);
}

/* Runs of one month, in Vietnam time: 30 June 20:00 UTC is 1 July. */
static void
test_month_runs(void)
{
	static const char *const v[] = {
		"2025-07-02", "2025-06-30T20:00:00Z", "2025-06-30",
		"2025-06-01", "2024-06-15", "2024-05-31"
	};
	struct month_run	*r;
	size_t			 n;

	n = date_month_runs(v, 6, item_vn, &r);
	T_INTEQ(n, 4);
	T_OK(r[0].y == 2025 && r[0].m == 7 && r[0].first == 0 && r[0].n == 2);
	T_OK(r[1].y == 2025 && r[1].m == 6 && r[1].first == 2 && r[1].n == 2);
	T_OK(r[2].y == 2024 && r[2].m == 6 && r[2].first == 4 && r[2].n == 1);
	T_OK(r[3].y == 2024 && r[3].m == 5 && r[3].first == 5 && r[3].n == 1);
	free(r);
	T_INTEQ(date_month_runs(v, 0, item_vn, &r), 0);
	T_OK(r == NULL);
}

/* date_suggest: "r:text" (r is 1, -1 or 0). */
static const char *
sugg(const char *s)
{
	struct buf	 b = BUF_INIT;
	int		 r = date_suggest(s, &b);

	buf_reset(&out);
	buf_printf(&out, "%d:%s", r, r != 0 ? buf_cstr(&b) : "");
	buf_free(&b);
	return buf_cstr(&out);
}

static void
test_suggest(void)
{
	/* Day first, as Vietnamese write it, whatever the separator. */
	T_STREQ(sugg("15/06/2025"), "1:2025-06-15");
	T_STREQ(sugg("15-06-2025"), "1:2025-06-15");
	T_STREQ(sugg("15.06.2025"), "1:2025-06-15");
	T_STREQ(sugg("15/6/2025"), "1:2025-06-15");
	T_STREQ(sugg("5/6/2025"), "1:2025-06-05");
	/* 03/04 is the 3rd of April, not March 4th. */
	T_STREQ(sugg("03/04/2025"), "1:2025-04-03");
	T_STREQ(sugg("ngày 2/9/2025"), "1:2025-09-02");
	T_STREQ(sugg("15/06/25"), "1:2025-06-15");
	/* Year first. */
	T_STREQ(sugg("2025/06/15"), "1:2025-06-15");
	T_STREQ(sugg("2025.6.15"), "1:2025-06-15");
	T_STREQ(sugg("2025-6-5"), "1:2025-06-05");
	/* A time is kept. */
	T_STREQ(sugg("15/06/2025 9:30"), "1:2025-06-15T09:30");
	T_STREQ(sugg("15/06/2025 09:30:15"), "1:2025-06-15T09:30:15");
	T_STREQ(sugg("2025-06-15 8:05"), "1:2025-06-15T08:05");
	T_STREQ(sugg(" 15/06/2025 "), "1:2025-06-15");
	/* Dates that do not exist say so. */
	T_STREQ(sugg("31/02/2025"), "-1:tháng 2 năm 2025 chỉ có 28 ngày");
	T_STREQ(sugg("29/02/2024"), "1:2024-02-29");
	T_STREQ(sugg("29.02.2025"), "-1:tháng 2 năm 2025 chỉ có 28 ngày");
	T_STREQ(sugg("31/04/2025"), "-1:tháng 4 năm 2025 chỉ có 30 ngày");
	T_STREQ(sugg("2025-02-30"), "-1:tháng 2 năm 2025 chỉ có 28 ngày");
	T_STREQ(sugg("15/13/2025"), "-1:không có tháng 13");
	T_STREQ(sugg("00/06/2025"), "-1:không có ngày 0");
	T_STREQ(sugg("15/06/2025 25:00"), "-1:không có giờ 25:00");
	/* Not dates. */
	T_STREQ(sugg("hôm qua"), "0:");
	T_STREQ(sugg("15/06"), "0:");
	T_STREQ(sugg("15/06-2025"), "0:");
	T_STREQ(sugg("15/06/2025x"), "0:");
	T_STREQ(sugg("15/06/20255"), "0:");
	T_STREQ(sugg("15/06/1800"), "0:");
	T_STREQ(sugg("2025/06/15 sáng"), "0:");
	T_STREQ(sugg(""), "0:");
	T_STREQ(sugg(NULL), "0:");
}

int
main(void)
{
	/* Nothing here may depend on the zone the tests run in. */
	setenv("TZ", "America/Los_Angeles", 1);
	tzset();
	test_accepted();
	test_rejected();
	test_leap();
	test_epoch();
	test_to_vn();
	test_formats();
	test_formats_like_printf();
	test_wday();
	test_today_ymd();
	test_month_runs();
	test_suggest();
	buf_free(&out);
	return t_done("date");
}
