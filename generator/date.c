/*
 * date.c - calendar arithmetic for cchc; see date.h.
 *
 * Deliberately independent of the process's TZ and locale (mktime,
 * localtime and strftime all depend on them): days are counted with
 * Howard Hinnant's days_from_civil / civil_from_days, and names for RSS
 * are the fixed English abbreviations RFC 822 requires.
 */
#include <string.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "util.h"

#define DATE_MIN_YEAR	1900
#define DATE_MAX_YEAR	9999

static const char *const date_wdays[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const date_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long
date_days_from_civil(long long y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
date_civil_from_days(long long z, int *y, int *m, int *d)
{
	long long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Floor division: epoch times before 1970 are negative. */
static long long
date_floordiv(long long a, long long b)
{
	long long	 q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int	 days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

int
date_wday(int y, int m, int d)
{
	long long	 z = date_days_from_civil(y, m, d);

	/* 1970-01-01 was a Thursday. */
	return (int)(((z % 7) + 7 + 4) % 7);
}

/* Reads exactly n ASCII digits at *sp; -1 if they are not there. */
static int
date_digits(const char **sp, int n)
{
	const char	*s = *sp;
	int		 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	return v;
}

static int
date_fail(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return -1;
}

/* "YYYY-MM-DD" at *sp, checked against the calendar. */
static int
date_parse_day(const char **sp, struct cdate *c, const char **why)
{
	const char	*s = *sp;

	if ((c->y = date_digits(&s, 4)) < 0 || *s++ != '-' ||
	    (c->m = date_digits(&s, 2)) < 0 || *s++ != '-' ||
	    (c->d = date_digits(&s, 2)) < 0)
		return date_fail(why, "sai định dạng, cần YYYY-MM-DD");
	if (c->y < DATE_MIN_YEAR || c->y > DATE_MAX_YEAR)
		return date_fail(why, "năm phải từ 1900 đến 9999");
	if (c->m < 1 || c->m > 12)
		return date_fail(why, "tháng phải từ 01 đến 12");
	if (c->d < 1 || c->d > date_days_in_month(c->y, c->m))
		return date_fail(why, "ngày không tồn tại");
	*sp = s;
	return 0;
}

/* 1 to `max` digits at *sp: the value, or -1 (nothing read). */
static int
date_num(const char **sp, int max, int *ndig)
{
	const char	*s = *sp;
	int		 v = 0, n = 0;

	while (n < max && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	if (n == 0 || (s[n] >= '0' && s[n] <= '9'))
		return -1;
	*sp = s + n;
	*ndig = n;
	return v;
}

/* Three numbers with one separator from "/-.", twice the same. */
static int
date_triple(const char **sp, int v[3], int nd[3])
{
	const char	*s = *sp;
	char		 sep;
	int		 i;

	for (i = 0; i < 3; i++) {
		if ((v[i] = date_num(&s, 4, &nd[i])) < 0)
			return -1;
		if (i == 0) {
			if (*s != '/' && *s != '-' && *s != '.')
				return -1;
			sep = *s++;
		} else if (i == 1 && *s++ != sep)
			return -1;
	}
	*sp = s;
	return 0;
}

/* " H:MM[:SS]" after the date, into the ISO form. */
static int
date_suggest_time(const char *s, struct buf *out)
{
	int	 h, mi, sec = -1, nd;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 1;
	if ((h = date_num(&s, 2, &nd)) < 0 || (*s != ':' && *s != 'h') ||
	    (s++, (mi = date_num(&s, 2, &nd)) < 0) || nd != 2)
		return 0;
	if (*s == ':' && (s++, (sec = date_num(&s, 2, &nd)) < 0 || nd != 2))
		return 0;
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return 0;
	if (h > 23 || mi > 59 || sec > 59) {
		buf_reset(out);
		buf_printf(out, "không có giờ %d:%02d", h, mi);
		return -1;
	}
	buf_printf(out, "T%02d:%02d", h, mi);
	if (sec >= 0)
		buf_printf(out, ":%02d", sec);
	return 1;
}

int
date_suggest(const char *s, struct buf *out)
{
	int	 v[3], nd[3], y, m, d;

	buf_reset(out);
	if (s == NULL)
		return 0;
	while (*s == ' ')
		s++;
	if (strncmp(s, "ngày ", strlen("ngày ")) == 0 ||
	    strncmp(s, "Ngày ", strlen("Ngày ")) == 0)
		s += strlen("ngày ");
	if (date_triple(&s, v, nd) == -1)
		return 0;
	if (nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2)
		y = v[0], m = v[1], d = v[2];
	else if (nd[0] <= 2 && nd[1] <= 2 && (nd[2] == 4 || nd[2] == 2))
		y = nd[2] == 2 ? 2000 + v[2] : v[2], m = v[1], d = v[0];
	else
		return 0;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return 0;
	if (m < 1 || m > 12) {
		buf_printf(out, "không có tháng %d", m);
		return -1;
	}
	if (d < 1) {
		buf_printf(out, "không có ngày %d", d);
		return -1;
	}
	if (d > date_days_in_month(y, m)) {
		buf_printf(out, "tháng %d năm %d chỉ có %d ngày", m, y,
		    date_days_in_month(y, m));
		return -1;
	}
	buf_printf(out, "%04d-%02d-%02d", y, m, d);
	return date_suggest_time(s, out);
}

/* "HH:MM[:SS[.fraction]]" at *sp. */
static int
date_parse_time(const char **sp, struct cdate *c, const char **why)
{
	const char	*s = *sp;

	if ((c->hh = date_digits(&s, 2)) < 0 || *s++ != ':' ||
	    (c->mi = date_digits(&s, 2)) < 0)
		return date_fail(why, "sai định dạng giờ, cần HH:MM hoặc "
		    "HH:MM:SS");
	c->ss = 0;
	if (*s == ':') {
		s++;
		if ((c->ss = date_digits(&s, 2)) < 0)
			return date_fail(why, "sai định dạng giờ, cần HH:MM "
			    "hoặc HH:MM:SS");
		/* Fractions from other tools are accepted and dropped. */
		if (*s == '.' && s[1] >= '0' && s[1] <= '9')
			for (s++; *s >= '0' && *s <= '9'; s++)
				continue;
	}
	if (c->hh > 23)
		return date_fail(why, "giờ phải từ 00 đến 23");
	if (c->mi > 59)
		return date_fail(why, "phút phải từ 00 đến 59");
	if (c->ss > 59)
		return date_fail(why, "giây phải từ 00 đến 59");
	*sp = s;
	return 0;
}

/* "Z", "+HH:MM", "-HH:MM" or "+HHMM" at *sp. */
static int
date_parse_zone(const char **sp, struct cdate *c, const char **why)
{
	const char	*s = *sp;
	int		 sign, h, m;

	if (*s == 'Z' || *s == 'z') {
		c->tz = 0;
		*sp = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return date_fail(why, "sai múi giờ, cần Z hoặc +07:00");
	sign = *s++ == '-' ? -1 : 1;
	if ((h = date_digits(&s, 2)) < 0)
		return date_fail(why, "sai múi giờ, cần Z hoặc +07:00");
	if (*s == ':')
		s++;
	if ((m = date_digits(&s, 2)) < 0)
		return date_fail(why, "sai múi giờ, cần Z hoặc +07:00");
	if (h > 23 || m > 59)
		return date_fail(why, "múi giờ không tồn tại");
	c->tz = sign * (h * 60 + m);
	*sp = s;
	return 0;
}

int
date_parse(const char *str, struct cdate *out, const char **why)
{
	struct cdate	 c = { 0, 0, 0, 0, 0, 0, DATE_VN_TZ, 0 };
	const char	*s = str;

	if (s == NULL || *s == '\0')
		return date_fail(why, "ngày trống, cần YYYY-MM-DD");
	if (date_parse_day(&s, &c, why) == -1)
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (date_parse_time(&s, &c, why) == -1)
			return -1;
		c.has_time = 1;
		if (*s != '\0' && date_parse_zone(&s, &c, why) == -1)
			return -1;
	}
	if (*s != '\0')
		return date_fail(why, c.has_time ? "thừa ký tự sau giờ, cần "
		    "YYYY-MM-DD HH:MM" : "sai định dạng, cần YYYY-MM-DD");
	*out = c;
	return 0;
}

int
date_parse_ymd(const char *str, struct cdate *out)
{
	struct cdate	 c = { 0, 0, 0, 0, 0, 0, DATE_VN_TZ, 0 };
	const char	*s = str;

	if (s == NULL || date_parse_day(&s, &c, NULL) == -1 || *s != '\0')
		return -1;
	*out = c;
	return 0;
}

long long
date_epoch(const struct cdate *c)
{
	return date_days_from_civil(c->y, c->m, c->d) * 86400LL +
	    c->hh * 3600LL + c->mi * 60LL + c->ss - c->tz * 60LL;
}

void
date_from_epoch(long long t, int tz, struct cdate *out)
{
	long long	 local = t + tz * 60LL, days, secs;

	days = date_floordiv(local, 86400);
	secs = local - days * 86400;
	date_civil_from_days(days, &out->y, &out->m, &out->d);
	out->hh = (int)(secs / 3600);
	out->mi = (int)(secs / 60 % 60);
	out->ss = (int)(secs % 60);
	out->tz = tz;
	out->has_time = 1;
}

void
date_to_vn(const struct cdate *in, struct cdate *out)
{
	int	 has_time = in->has_time;

	date_from_epoch(date_epoch(in), DATE_VN_TZ, out);
	out->has_time = has_time;
}

int
date_cmp(const struct cdate *a, const struct cdate *b)
{
	long long	 x = date_epoch(a), y = date_epoch(b);

	return x < y ? -1 : x > y;
}

int
date_cmp_day(const struct cdate *a, const struct cdate *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return a->d < b->d ? -1 : a->d > b->d;
}

static void
date_tz_parts(int tz, char *sign, int *h, int *m)
{
	*sign = tz < 0 ? '-' : '+';
	if (tz < 0)
		tz = -tz;
	*h = tz / 60;
	*m = tz % 60;
}

/*
 * The formats below are printf's "%0Nd" written digit by digit: they run
 * for every date of every page.  A field printf would print differently
 * (negative, or wider than N digits) makes the whole date go to the
 * printf fallback, so the bytes are the same either way.
 */
static int
date_fits(int v, int max)
{
	return v >= 0 && v <= max;
}

static char *
date_put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

static char *
date_put4(char *p, int v)
{
	p = date_put2(p, v / 100);
	return date_put2(p, v % 100);
}

static int
date_plain(const struct cdate *c)
{
	return date_fits(c->y, 9999) && date_fits(c->m, 99) &&
	    date_fits(c->d, 99);
}

static int
date_plain_time(const struct cdate *c)
{
	return date_fits(c->hh, 99) && date_fits(c->mi, 99) &&
	    date_fits(c->ss, 99);
}

void
date_fmt_iso(const struct cdate *c, struct buf *b)
{
	char	 sign, tmp[32], *p = tmp;
	int	 h, m;

	date_tz_parts(c->tz, &sign, &h, &m);
	if (!date_plain(c) || !date_plain_time(c) || !date_fits(h, 99)) {
		buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    c->y, c->m, c->d, c->hh, c->mi, c->ss, sign, h, m);
		return;
	}
	p = date_put4(p, c->y);
	*p++ = '-';
	p = date_put2(p, c->m);
	*p++ = '-';
	p = date_put2(p, c->d);
	*p++ = 'T';
	p = date_put2(p, c->hh);
	*p++ = ':';
	p = date_put2(p, c->mi);
	*p++ = ':';
	p = date_put2(p, c->ss);
	*p++ = sign;
	p = date_put2(p, h);
	*p++ = ':';
	p = date_put2(p, m);
	buf_put(b, tmp, (size_t)(p - tmp));
}

void
date_fmt_ymd(const struct cdate *c, struct buf *b)
{
	char	 tmp[10], *p = tmp;

	if (!date_plain(c)) {
		buf_printf(b, "%04d-%02d-%02d", c->y, c->m, c->d);
		return;
	}
	p = date_put4(p, c->y);
	*p++ = '-';
	p = date_put2(p, c->m);
	*p++ = '-';
	p = date_put2(p, c->d);
	buf_put(b, tmp, (size_t)(p - tmp));
}

void
date_fmt_vn(const struct cdate *c, struct buf *b)
{
	char	 tmp[10], *p = tmp;

	if (!date_plain(c)) {
		buf_printf(b, "%02d/%02d/%04d", c->d, c->m, c->y);
		return;
	}
	p = date_put2(p, c->d);
	*p++ = '/';
	p = date_put2(p, c->m);
	*p++ = '/';
	p = date_put4(p, c->y);
	buf_put(b, tmp, (size_t)(p - tmp));
}

void
date_fmt_vn_time(const struct cdate *c, struct buf *b)
{
	char	 tmp[16], *p = tmp;

	if (!date_plain(c) || !date_plain_time(c)) {
		buf_printf(b, "%02d/%02d/%04d %02d:%02d", c->d, c->m, c->y,
		    c->hh, c->mi);
		return;
	}
	date_fmt_vn(c, b);
	*p++ = ' ';
	p = date_put2(p, c->hh);
	*p++ = ':';
	p = date_put2(p, c->mi);
	buf_put(b, tmp, (size_t)(p - tmp));
}

void
date_fmt_rfc822(const struct cdate *c, struct buf *b)
{
	char	 sign;
	int	 h, m, mon = c->m >= 1 && c->m <= 12 ? c->m : 1;

	char	 tmp[40], *p = tmp;

	date_tz_parts(c->tz, &sign, &h, &m);
	if (!date_plain(c) || !date_plain_time(c) || !date_fits(h, 99)) {
		buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
		    date_wdays[date_wday(c->y, c->m, c->d)], c->d,
		    date_months[mon - 1], c->y, c->hh, c->mi, c->ss, sign,
		    h, m);
		return;
	}
	memcpy(p, date_wdays[date_wday(c->y, c->m, c->d)], 3);
	p += 3;
	*p++ = ',';
	*p++ = ' ';
	p = date_put2(p, c->d);
	*p++ = ' ';
	memcpy(p, date_months[mon - 1], 3);
	p += 3;
	*p++ = ' ';
	p = date_put4(p, c->y);
	*p++ = ' ';
	p = date_put2(p, c->hh);
	*p++ = ':';
	p = date_put2(p, c->mi);
	*p++ = ':';
	p = date_put2(p, c->ss);
	*p++ = ' ';
	*p++ = sign;
	p = date_put2(p, h);
	p = date_put2(p, m);
	buf_put(b, tmp, (size_t)(p - tmp));
}

void
date_today_vn(struct cdate *out)
{
	/* time() is UTC whatever TZ says; Vietnam has no DST. */
	date_from_epoch((long long)time(NULL), DATE_VN_TZ, out);
	out->hh = out->mi = out->ss = 0;
	out->has_time = 0;
}

size_t
date_month_runs(const void *items, size_t n,
    void (*vn_date)(const void *items, size_t i, struct cdate *out),
    struct month_run **runs)
{
	struct month_run	*r = NULL;
	struct cdate		 d;
	size_t			 i, nr = 0, cap = 0;

	for (i = 0; i < n; i++) {
		vn_date(items, i, &d);
		/* Sorted newest first, so a month is one run. */
		if (nr == 0 || r[nr - 1].y != d.y || r[nr - 1].m != d.m) {
			ARRAY_GROW(r, nr, cap, 16);
			r[nr].y = d.y;
			r[nr].m = d.m;
			r[nr].first = i;
			r[nr++].n = 0;
		}
		r[nr - 1].n++;
	}
	*runs = r;
	return nr;
}
