/*
 * test_timeline.c - the plan timeline's SVG: month grid for a plan of
 * one or two years and year grid beyond, a bar per dated task filled by
 * its status, a row saying so for a task without dates, labels escaped,
 * and the "today" line only inside the period (its label turned left
 * near the right edge).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "timeline.h"
#include "t.h"

static const struct timeline_item items[] = {
	{ "1", "Tuyên truyền <CCHC>", STATUS_DONE, 1,
	    { .y = 2025, .m = 3, .d = 1 }, { .y = 2025, .m = 5, .d = 31 } },
	{ "2", "Hội nghị", STATUS_OVERDUE, 1,
	    { .y = 2025, .m = 6, .d = 1 }, { .y = 2025, .m = 6, .d = 30 } },
	{ "3", "Khảo sát", STATUS_NONE, 0,
	    { .y = 0, .m = 0, .d = 0 }, { .y = 0, .m = 0, .d = 0 } },
	{ "4", "Báo cáo", STATUS_IN_PROGRESS, 1,
	    { .y = 2025, .m = 11, .d = 1 }, { .y = 2025, .m = 12, .d = 31 } },
};

static char *
svg(int y0, int y1, const struct cdate *today, size_t n)
{
	struct period	 p;
	struct buf	 b = BUF_INIT;

	p.start = when_date(y0, 1, 1);
	p.end = when_date(y1, 12, 31);
	timeline_svg(&b, &p, today, items, n);
	return buf_detach(&b);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

int
main(void)
{
	struct cdate	 mid = when_date(2025, 6, 15),
			 late = when_date(2025, 12, 31),
			 before = when_date(2024, 12, 31);
	char		*s;

	s = svg(2025, 2025, &mid, 4);
	T_CONTAINS(s, "Tiến độ 4 nhiệm vụ từ 01/01/2025 đến 31/12/2025");
	T_INTEQ(count(s, "<line"), 12 + 1);	/* months and today */
	T_CONTAINS(s, ">T1</text>");
	T_CONTAINS(s, ">T12</text>");
	T_INTEQ(count(s, "<rect x="), 3);	/* the dated tasks */
	T_CONTAINS(s, "fill=\"#1f4e8c\"><title>1. Tuyên truyền "
	    "&lt;CCHC&gt; (Đã thực hiện)</title>");
	T_CONTAINS(s, "fill=\"url(#tl-soc)\"><title>2. Hội nghị");
	T_CONTAINS(s, "fill=\"#dce6f3\"><title>4. Báo cáo");
	T_CONTAINS(s, "<g class=\"tl-none\"><text x=\"4\" y=\"92\" "
	    "fill=\"#1a1a1a\">3</text><text x=\"60\" y=\"92\" "
	    "fill=\"#4a4f57\" font-style=\"italic\">không có thời hạn"
	    "</text></g>");
	T_CONTAINS(s, "Hôm nay");
	T_OK(strstr(s, "text-anchor=\"end\"") == NULL);
	T_OK(strcmp(s + strlen(s) - 7, "</svg>\n") == 0);
	free(s);

	/* Two years: still months; three: years. */
	s = svg(2024, 2025, &mid, 1);
	T_INTEQ(count(s, ">T6</text>"), 2);
	free(s);
	s = svg(2022, 2030, &mid, 1);
	T_OK(strstr(s, ">T6</text>") == NULL);
	T_CONTAINS(s, ">2022</text>");
	T_CONTAINS(s, ">2030</text>");
	T_INTEQ(count(s, "stroke=\"#c8ccd2\""), 9);
	free(s);

	/* Today: at the right edge the label turns left; outside, none. */
	s = svg(2025, 2025, &late, 2);
	T_CONTAINS(s, "text-anchor=\"end\">Hôm nay");
	free(s);
	s = svg(2025, 2025, &before, 2);
	T_OK(strstr(s, "Hôm nay") == NULL);
	free(s);
	s = svg(2025, 2025, NULL, 0);
	T_OK(strstr(s, "Hôm nay") == NULL);
	T_CONTAINS(s, "height=\"38\"");
	free(s);
	return t_done("timeline");
}
