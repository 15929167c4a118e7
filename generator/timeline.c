/*
 * timeline.c - inline SVG timeline of a plan; see timeline.h.
 */
#include <string.h>

#include "buf.h"
#include "date.h"
#include "escape.h"
#include "timeline.h"

#define TL_WIDTH	760	/* user units; the SVG scales to its box */
#define TL_LEFT		56	/* column for task ids */
#define TL_RIGHT	8
#define TL_TOP		30	/* row of month / year labels */
#define TL_ROW		24
#define TL_BAR		14

/* Days since 1970-01-01 of a calendar date. */
static long
days_of(const struct ymd *d)
{
	struct cdate	 c;

	memset(&c, 0, sizeof(c));
	c.y = d->y;
	c.m = d->m;
	c.d = d->d;
	return (long)(date_epoch(&c) / 86400);
}

/* x of the start of day `day` (days since epoch) on the axis. */
static double
x_of(long day, long first, long last)
{
	double	 span = (double)(last - first + 1);

	if (day < first)
		day = first;
	if (day > last + 1)
		day = last + 1;
	return TL_LEFT + (double)(day - first) / span *
	    (TL_WIDTH - TL_LEFT - TL_RIGHT);
}

static void
text(struct buf *b, const char *s)
{
	escape_html(b, s, strlen(s));
}

void
timeline_svg(struct buf *b, const struct period *p, const struct ymd *today,
    const struct timeline_item *it, size_t n)
{
	long		 first = days_of(&p->start), last = days_of(&p->end);
	int		 years = p->end.y - p->start.y + 1;
	int		 height = TL_TOP + (int)n * TL_ROW + 8;
	int		 y, m;
	size_t		 i;
	double		 x0, x1;
	struct ymd	 d;
	int		 right;

	buf_printf(b, "<svg class=\"tien-do\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-labelledby=\"tl-tieu-de tl-mo-ta\">\n", TL_WIDTH, height,
	    TL_WIDTH, height);
	buf_printf(b, "<title id=\"tl-tieu-de\">Tiến độ %zu nhiệm vụ từ "
	    "%02d/%02d/%04d đến %02d/%02d/%04d</title>\n", n, p->start.d,
	    p->start.m, p->start.y, p->end.d, p->end.m, p->end.y);
	buf_puts(b, "<desc id=\"tl-mo-ta\">Mỗi dòng là một nhiệm vụ; thanh "
	    "ngang chạy từ ngày bắt đầu đến hạn hoàn thành; đường dọc đánh dấu "
	    "hôm nay. Bảng nhiệm vụ phía trên có cùng thông tin.</desc>\n");
	buf_puts(b, "<defs><pattern id=\"tl-soc\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"3\" height=\"6\" fill=\"#1f4e8c\"/></pattern></defs>\n");
	/* Grid: months for a plan of one or two years, else years. */
	buf_puts(b, "<g class=\"luoi\" font-size=\"11\" fill=\"#1a1a1a\">\n");
	if (years <= 2) {
		for (y = p->start.y; y <= p->end.y; y++)
			for (m = 1; m <= 12; m++) {
				d.y = y;
				d.m = m;
				d.d = 1;
				if (days_of(&d) < first || days_of(&d) > last)
					continue;
				x0 = x_of(days_of(&d), first, last);
				buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" "
				    "x2=\"%.1f\" y2=\"%d\" stroke=\"#c8ccd2\"/>"
				    "<text x=\"%.1f\" y=\"%d\">T%d</text>\n",
				    x0, TL_TOP - 8, x0, height - 4, x0 + 2,
				    TL_TOP - 12, m);
			}
	} else {
		for (y = p->start.y; y <= p->end.y; y++) {
			d.y = y;
			d.m = 1;
			d.d = 1;
			x0 = x_of(days_of(&d), first, last);
			buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			    "y2=\"%d\" stroke=\"#c8ccd2\"/><text x=\"%.1f\" "
			    "y=\"%d\">%d</text>\n", x0, TL_TOP - 8, x0,
			    height - 4, x0 + 2, TL_TOP - 12, y);
		}
	}
	buf_puts(b, "</g>\n<g class=\"hang\" font-size=\"12\">\n");
	for (i = 0; i < n; i++) {
		int ty = TL_TOP + (int)i * TL_ROW;

		buf_printf(b, "<g class=\"tl-%s\">", it[i].status != NULL ?
		    it[i].status : "none");
		buf_printf(b, "<text x=\"4\" y=\"%d\" fill=\"#1a1a1a\">", ty +
		    TL_BAR);
		text(b, it[i].id);
		buf_puts(b, "</text>");
		if (!it[i].has_dates) {
			buf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"#4a4f57\" "
			    "font-style=\"italic\">không có thời hạn</text>",
			    TL_LEFT + 4, ty + TL_BAR);
		} else {
			x0 = x_of(days_of(&it[i].start), first, last);
			x1 = x_of(days_of(&it[i].end) + 1, first, last);
			if (x1 - x0 < 3)
				x1 = x0 + 3;
			/* Done: solid; overdue: hatched; others: outlined. */
			buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			    "height=\"%d\" rx=\"2\" stroke=\"#1f4e8c\" "
			    "fill=\"%s\"><title>", x0, ty + 3, x1 - x0, TL_BAR,
			    it[i].status != NULL && strcmp(it[i].status,
			    "done") == 0 ? "#1f4e8c" : it[i].status != NULL &&
			    strcmp(it[i].status, "overdue") == 0 ?
			    "url(#tl-soc)" : "#dce6f3");
			text(b, it[i].id);
			buf_puts(b, ". ");
			text(b, it[i].label);
			if (it[i].status_label != NULL) {
				buf_puts(b, " (");
				text(b, it[i].status_label);
				buf_puts(b, ")");
			}
			buf_puts(b, "</title></rect>");
		}
		buf_puts(b, "</g>\n");
	}
	buf_puts(b, "</g>\n");
	if (today != NULL && days_of(today) >= first &&
	    days_of(today) <= last) {
		x0 = x_of(days_of(today), first, last);
		/* Near the right edge the label goes on the left of the line. */
		right = x0 > TL_WIDTH - 60;
		buf_printf(b, "<g class=\"hom-nay\"><line x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\" stroke=\"#b3261e\" "
		    "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\" "
		    "font-size=\"11\" fill=\"#b3261e\"%s>Hôm nay</text></g>\n",
		    x0, TL_TOP - 6, x0, height - 2, right ? x0 - 3 : x0 + 3,
		    height - 6, right ? " text-anchor=\"end\"" : "");
	}
	buf_puts(b, "</svg>\n");
}
