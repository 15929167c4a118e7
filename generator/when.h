/*
 * when.h - Vietnamese time expressions of plan tasks ("Quý II - III/2025",
 * "Thường xuyên", "Chậm nhất tháng 4/2025") as data: {text, kind, start,
 * end}, dates inclusive.  See tests/unit/test_when.c for every form.
 *
 * Kinds:
 *  range        a month, span of months, quarter(s) (Roman or Arabic),
 *               half-year, year; "từ tháng 3 đến tháng 5/2025"
 *  deadline     "Chậm nhất tháng 4/2025", "trước ngày 15/10/2025",
 *               "trước tháng 6": end is the deadline, start the plan's
 *  monthly, quarterly, half-yearly, yearly
 *               "Hàng tháng", "Định kỳ hàng quý", "Định kỳ 6 tháng",
 *               "Hàng năm" (with or without "định kỳ", with remarks in
 *               brackets after): start and end are the plan's period
 *  continuous   "Thường xuyên": the plan's period
 *  on-request   "Khi … có yêu cầu …": no dates
 *  unknown      anything else: no dates (the caller warns)
 * A year left out ("Tháng 6 - 9") is the plan's first year.  Matching
 * ignores case, diacritics and extra spaces.
 */
#ifndef CCHC_WHEN_H
#define CCHC_WHEN_H

#include "date.h"

enum when_kind {
	WHEN_RANGE,
	WHEN_DEADLINE,
	WHEN_MONTHLY,
	WHEN_QUARTERLY,
	WHEN_HALF_YEARLY,
	WHEN_YEARLY,
	WHEN_CONTINUOUS,
	WHEN_ON_REQUEST,
	WHEN_UNKNOWN
};

/* Dates here are calendar days: a struct cdate whose y, m, d count
 * (compared with date_cmp_day), at 00:00 +07:00. */
struct period {
	struct cdate	 start, end;
};

struct when {
	enum when_kind	 kind;
	int		 has_dates;	/* start/end are set */
	struct cdate	 start, end;
};

/*
 * Parses "2025" or "2022-2030" (also "2022 - 2030") into 1 Jan .. 31 Dec.
 * 0, or -1 if it is not a year or a span of years.
 */
int		 period_parse(const char *, struct period *);
/* Parses text against the plan period; kind WHEN_UNKNOWN when no form fits. */
void		 when_parse(const char *text, const struct period *,
		    struct when *);
/* "range", "deadline", "monthly", "quarterly", "half-yearly", "yearly",
 * "continuous", "on-request", "unknown". */
const char	*when_kind_name(enum when_kind);
/* The calendar day y-m-d at 00:00 +07:00. */
struct cdate	 when_date(int y, int m, int d);
/* "Tháng 6/2025", the title of a month (caller frees). */
char		*when_month_title(int y, int m);

#endif
