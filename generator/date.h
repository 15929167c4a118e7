/*
 * date.h - calendar dates and times as cchc shows them: Vietnam is UTC+7
 * all year (no daylight saving), so "local" always means +07:00.
 */
#ifndef CCHC_DATE_H
#define CCHC_DATE_H

#include <stddef.h>

struct buf;

struct cdate {
	int	 y, m, d;
	int	 hh, mi, ss;
	int	 tz;		/* offset from UTC in minutes; +420 for Vietnam */
	int	 has_time;	/* a time of day was given */
};

#define DATE_VN_TZ 420

/*
 * Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" or with a space for T,
 * optionally followed by "Z" or "+HH:MM"/"-HH:MM" (also "+HHMM").
 * No zone means +07:00; no time means 00:00:00.  Checks the calendar
 * (2025-02-29 fails).  Returns 0, or -1 with a short Vietnamese reason
 * in *why (static string) when why is not NULL.
 */
int	 date_parse(const char *, struct cdate *, const char **why);
/*
 * For a date date_parse refused, what the editor meant, read the way
 * Vietnamese write dates: day first ("15/06/2025", "15-6-2025",
 * "15.06.2025", "ngày 15/6/2025", a two-digit year as 20YY), or year
 * first with any separator ("2025/06/15", "2025-6-5"), a time after a
 * space kept ("15/06/2025 9:30").  Returns 1 with the form date_parse
 * takes in *out ("2025-06-15", "2025-06-15T09:30"); -1 when it is such a
 * date that does not exist (31/02/2025, month 13), with the reason in
 * Vietnamese in *out ("tháng 2 năm 2025 chỉ có 28 ngày"); 0 when s is
 * no date at all.  out is reset first.
 */
int	 date_suggest(const char *s, struct buf *out);
/* Seconds since the epoch (UTC). */
long long date_epoch(const struct cdate *);
/* Fills *out with epoch time t shown at offset tz (minutes). */
void	 date_from_epoch(long long t, int tz, struct cdate *out);
/* Converts to +07:00. */
void	 date_to_vn(const struct cdate *, struct cdate *out);
/* -1, 0, 1 comparing instants. */
int	 date_cmp(const struct cdate *, const struct cdate *);
/* -1, 0, 1 comparing calendar days (y, m, d as they are): time and
 * offset ignored. */
int	 date_cmp_day(const struct cdate *, const struct cdate *);
/* "2025-06-15T08:30:00+07:00" */
void	 date_fmt_iso(const struct cdate *, struct buf *);
/* "2025-06-15" */
void	 date_fmt_ymd(const struct cdate *, struct buf *);
/* "15/06/2025" (the date in its own offset) */
void	 date_fmt_vn(const struct cdate *, struct buf *);
/* "15/06/2025 08:30" */
void	 date_fmt_vn_time(const struct cdate *, struct buf *);
/* RFC 822 for RSS: "Sun, 15 Jun 2025 08:30:00 +0700" */
void	 date_fmt_rfc822(const struct cdate *, struct buf *);
/* Today's date in Vietnam (wall clock), at 00:00 +07:00. */
void	 date_today_vn(struct cdate *);
/* Parses "YYYY-MM-DD" strictly (for --today); 0 or -1. */
int	 date_parse_ymd(const char *, struct cdate *);
/* Day of week 0 = Sunday. */
int	 date_wday(int y, int m, int d);
int	 date_days_in_month(int y, int m);

/*
 * The months of a list sorted newest first: runs of items whose dates,
 * in Vietnam time, share a year and month, newest first.  vn_date puts
 * item i's date in Vietnam time in *out.  *runs gets an array the caller
 * frees (NULL when there are no items); returns how many runs.
 */
struct month_run {
	int	 y, m;
	size_t	 first, n;	/* items[first .. first + n) */
};
size_t	 date_month_runs(const void *items, size_t n,
	    void (*vn_date)(const void *items, size_t i, struct cdate *out),
	    struct month_run **runs);

#endif
