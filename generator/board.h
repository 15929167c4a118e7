/*
 * board.h - the provincial portal's compliance board (bảng theo dõi):
 * for every department, from its du-lieu.json (docs/du-lieu.md), the
 * news posted in each month of a period, its plan tasks by status and
 * the overdue ones named, the periodic reports due and present, and its
 * procedures that lack a required field or section.  `cchc portal`
 * writes it as theo-doi/bang.json and bang.csv and gives it to the
 * board's template; `cchc portal report --period P` prints it as
 * Markdown.  The contract (keys, order, how each status is decided):
 * docs/bang-theo-doi.md.
 *
 * The data may come from another machine: a missing key or one of the
 * wrong type is taken as absent, never trusted, never a crash.  The
 * board is a function of its input alone (no clock, no locale), so the
 * same data gives the same bytes.
 *
 * Ownership: board_make() returns a new tree (one reference, the
 * caller's: val_unref).  It copies what it keeps; the input trees are
 * only read.  board_csv() and board_markdown() append to `out`.
 */
#ifndef CCHC_BOARD_H
#define CCHC_BOARD_H

#include <stddef.h>

struct buf;
struct cdate;
struct val;

#define BOARD_FORMAT	"cchc-bang-theo-doi"
#define BOARD_VERSION	1

struct board_dept {
	const char	*name;		/* "Sở Khoa học và Công nghệ" (portal.yaml) */
	const char	*slug;		/* "so-khcn": its folder in the portal */
	const struct val *data;		/* its du-lieu.json, parsed (docs/du-lieu.md) */
};

/*
 * A reporting period as `cchc report --period` takes it: "2025-Q2",
 * "2025-H1" or "2025" (q and h in either case).
 */
enum board_kind { BOARD_QUARTER, BOARD_HALF, BOARD_YEAR };

struct board_period {
	enum board_kind	 kind;
	int		 year, n;	/* n: quarter 1-4, half 1-2, 0 */
	int		 start_m, end_m;	/* first and last month, 1-12 */
};

/* 0, or -1 with a Vietnamese reason (static) in *err when not NULL. */
int	 board_period_parse(const char *, struct board_period *,
	    const char **err);

/*
 * The board as of `today` for `period` (NULL: the year of today, from
 * January to today's month; else "2025-Q2", "2025-H1" or "2025", as
 * `cchc report --period` takes it; months after today are left out).
 * NULL and *err set (a Vietnamese message, static) when period is
 * malformed.
 */
struct val *board_make(const struct board_dept *, size_t n,
	    const struct cdate *today, const char *period, const char **err);
/* UTF-8 BOM, RFC 4180 (CRLF, quotes doubled), one row per department. */
void	 board_csv(const struct val *board, struct buf *out);
/* The report for the Sở Nội vụ: `cchc portal report --period P`. */
void	 board_markdown(const struct val *board, struct buf *out);

/* Shared with catalog.c. */
/*
 * Data text inside a Markdown line: \ ` * _ [ ] < > | ~ # & escaped with
 * a backslash, line breaks made spaces (NULL appends nothing).
 */
void	 board_md_text(struct buf *, const char *);

#endif
