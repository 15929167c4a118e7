/*
 * timeline.h - a plan's tasks drawn over its period as inline SVG: one
 * row per task, a bar from its start to its end, the months (or years,
 * for a multi-year plan) as a grid, and a line for today.  No script,
 * no external resources; readable in print (black labels, bars told apart
 * by outline and pattern as well as colour).
 */
#ifndef CCHC_TIMELINE_H
#define CCHC_TIMELINE_H

#include <stddef.h>

#include "plans.h"
#include "when.h"

struct buf;

struct timeline_item {
	const char	*id;		/* "2.1" */
	const char	*label;		/* short text for the tooltip */
	enum status_kind status;	/* its class and label (plans.h) */
	int		 has_dates;
	struct cdate	 start, end;
};

/*
 * Appends the SVG for the items over `period` (with a "today" line when
 * today falls inside it).  Items without dates get an empty row labelled
 * "không có thời hạn".  Text is escaped.
 */
void	 timeline_svg(struct buf *, const struct period *,
	    const struct cdate *today, const struct timeline_item *, size_t n);

#endif
