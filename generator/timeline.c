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

/* Days since 1970-01-01 of a calendar day (its time and offset aside). */
static long
days_of(const struct cdate *d)
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

/* The title and description screen readers say, the hatch pattern. */
static void
svg_head(struct buf *b, const struct period *p, size_t n, int height)
{
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
}

/* One grid line with its label (month "T6" or year) at x. */
static void
grid_line(struct buf *b, double x, int height, const char *fmt, int v)
{
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
	    "stroke=\"#c8ccd2\"/><text x=\"%.1f\" y=\"%d\">", x, TL_TOP - 8,
	    x, height - 4, x + 2, TL_TOP - 12);
	buf_printf(b, fmt, v);
	buf_puts(b, "</text>\n");
}

/* Grid: months for a plan of one or two years, else years. */
static void
svg_grid(struct buf *b, const struct period *p, long first, long last,
    int height)
{
	struct cdate	 d;
	int		 y, m;

	buf_puts(b, "<g class=\"luoi\" font-size=\"11\" fill=\"#1a1a1a\">\n");
	d.d = 1;
	for (y = p->start.y; y <= p->end.y; y++) {
		d.y = y;
		if (p->end.y - p->start.y + 1 > 2) {
			d.m = 1;
			grid_line(b, x_of(days_of(&d), first, last), height,
			    "%d", y);
			continue;
		}
		for (m = 1; m <= 12; m++) {
			d.m = m;
			if (days_of(&d) < first || days_of(&d) > last)
				continue;
			grid_line(b, x_of(days_of(&d), first, last), height,
			    "T%d", m);
		}
	}
	buf_puts(b, "</g>\n");
}

/* Bar fill: done solid, overdue hatched, others outlined. */
static const char *
bar_fill(enum status_kind status)
{
	if (status == STATUS_DONE)
		return "#1f4e8c";
	if (status == STATUS_OVERDUE)
		return "url(#tl-soc)";
	return "#dce6f3";
}

/* Row i: the task's id, then its bar (with a tooltip) or "no deadline". */
static void
svg_row(struct buf *b, const struct timeline_item *it, size_t i, long first,
    long last)
{
	int	 ty = TL_TOP + (int)i * TL_ROW;
	double	 x0, x1;

	buf_printf(b, "<g class=\"tl-%s\">", plans_status_text(it->status)->name);
	buf_printf(b, "<text x=\"4\" y=\"%d\" fill=\"#1a1a1a\">", ty +
	    TL_BAR);
	text(b, it->id);
	buf_puts(b, "</text>");
	if (!it->has_dates) {
		buf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"#4a4f57\" "
		    "font-style=\"italic\">không có thời hạn</text></g>\n",
		    TL_LEFT + 4, ty + TL_BAR);
		return;
	}
	x0 = x_of(days_of(&it->start), first, last);
	x1 = x_of(days_of(&it->end) + 1, first, last);
	if (x1 - x0 < 3)
		x1 = x0 + 3;
	buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
	    "height=\"%d\" rx=\"2\" stroke=\"#1f4e8c\" fill=\"%s\"><title>",
	    x0, ty + 3, x1 - x0, TL_BAR, bar_fill(it->status));
	text(b, it->id);
	buf_puts(b, ". ");
	text(b, it->label);
	buf_puts(b, " (");
	text(b, plans_status_text(it->status)->label);
	buf_puts(b, ")</title></rect></g>\n");
}

void
timeline_svg(struct buf *b, const struct period *p, const struct cdate *today,
    const struct timeline_item *it, size_t n)
{
	long		 first = days_of(&p->start), last = days_of(&p->end);
	int		 height = TL_TOP + (int)n * TL_ROW + 8;
	size_t		 i;
	double		 x;
	int		 right;

	svg_head(b, p, n, height);
	svg_grid(b, p, first, last, height);
	buf_puts(b, "<g class=\"hang\" font-size=\"12\">\n");
	for (i = 0; i < n; i++)
		svg_row(b, &it[i], i, first, last);
	buf_puts(b, "</g>\n");
	if (today != NULL && days_of(today) >= first &&
	    days_of(today) <= last) {
		x = x_of(days_of(today), first, last);
		/* Near the right edge the label goes on the left of the line. */
		right = x > TL_WIDTH - 60;
		buf_printf(b, "<g class=\"hom-nay\"><line x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\" stroke=\"#b3261e\" "
		    "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\" "
		    "font-size=\"11\" fill=\"#b3261e\"%s>Hôm nay</text></g>\n",
		    x, TL_TOP - 6, x, height - 2, right ? x - 3 : x + 3,
		    height - 6, right ? " text-anchor=\"end\"" : "");
	}
	buf_puts(b, "</svg>\n");
}
