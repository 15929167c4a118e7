/*
 * fuzz_when.c - the time of a plan task ("Quý II - III/2025", "Thường
 * xuyên", "Chậm nhất tháng 4/2025") read by when_parse() against a plan
 * period.  The first line is the plan's `period` ("2025", "2022-2030")
 * when it reads as one, else 2025; every line after it is a time.
 * Dates that come out must be real calendar dates; a range's start
 * comes before its end.
 */
#include "buf.h"
#include "date.h"
#include "when.h"
#include "fuzz.h"

static int
real_date(const struct cdate *a)
{
	return a->m >= 1 && a->m <= 12 && a->d >= 1 &&
	    a->d <= date_days_in_month(a->y, a->m);
}

static void
check(const char *text, const struct period *per)
{
	struct when	 w;
	struct buf	 t = BUF_INIT;

	when_parse(text, per, &w);
	(void)when_kind_name(w.kind);
	if (!w.has_dates)
		return;
	/* A deadline may fall before the plan starts; a range may not end
	   before it begins. */
	if (!real_date(&w.start) || !real_date(&w.end) ||
	    (w.kind == WHEN_RANGE && date_cmp_day(&w.start, &w.end) > 0))
		abort();
	date_fmt_ymd(&w.start, &t);
	date_fmt_ymd(&w.end, &t);
	buf_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct period	 per = { when_date(2025, 1, 1),
			    when_date(2025, 12, 31) };
	char		*text, *line, *nl;
	size_t		 len;

	if ((text = fz_text(data, size, &len)) == NULL)
		return 0;
	line = text;
	if ((nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		if (period_parse(line, &per) == -1)
			per = (struct period){ when_date(2025, 1, 1),
			    when_date(2025, 12, 31) };
		else if (!real_date(&per.start) || !real_date(&per.end) ||
		    date_cmp_day(&per.start, &per.end) > 0)
			abort();
		line = nl + 1;
	}
	check(text, &per);	/* the first line as a time too */
	while (*line != '\0') {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		check(line, &per);
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	free(text);
	return 0;
}
