/*
 * fuzz_date.c - front matter dates (date_parse) and --today
 * (date_parse_ymd).  A date that parses is a real one, shows in every
 * format, and survives the trip to epoch seconds and back.
 */
#include "buf.h"
#include "date.h"
#include "fuzz.h"

static void
show(const struct cdate *c)
{
	struct buf	 b = BUF_INIT;

	date_fmt_iso(c, &b);
	date_fmt_ymd(c, &b);
	date_fmt_vn(c, &b);
	date_fmt_vn_time(c, &b);
	date_fmt_rfc822(c, &b);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cdate	 c, vn, back;
	const char	*why = NULL;
	char		*s = fz_cstr(data, size);

	if (date_parse(s, &c, &why) == 0) {
		if (c.m < 1 || c.m > 12 || c.d < 1 ||
		    c.d > date_days_in_month(c.y, c.m) || c.hh < 0 ||
		    c.hh > 23 || c.mi < 0 || c.mi > 59 || c.ss < 0 || c.ss > 60)
			abort();
		show(&c);
		date_to_vn(&c, &vn);
		show(&vn);
		date_from_epoch(date_epoch(&c), c.tz, &back);
		if (date_cmp(&c, &back) != 0 || date_cmp(&c, &vn) != 0 ||
		    date_epoch(&back) != date_epoch(&c))
			abort();
		(void)date_wday(c.y, c.m, c.d);
	} else if (why == NULL)
		abort();	/* date.h: a reason comes with a failure */
	if (date_parse_ymd(s, &c) == 0)
		show(&c);
	free(s);
	return 0;
}
