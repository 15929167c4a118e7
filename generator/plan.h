/*
 * plan.h - the tasks of a plan (Kế hoạch), read from its Markdown in the
 * two forms real plans use (see ../shared/seeds/):
 *
 *  1. Tables: any GFM table whose header has a number column (STT or TT)
 *     and columns recognised by words in their header, compared without
 *     case or diacritics: content ("nội dung" or "hình thức"), lead ("chủ
 *     trì"), partners ("phối hợp"), time ("thời gian"), optionally output
 *     ("sản phẩm").  A table split in two by a page break (same header
 *     repeated) continues: a second table with the same columns is read
 *     as more rows of the first.
 *  2. List form: a paragraph starting with a number such as "2.1."
 *     followed by a list whose items start "Đơn vị chủ trì thực hiện:",
 *     "Đơn vị phối hợp:", "Thời gian thực hiện:" (also "Cơ quan chủ trì:",
 *     "Cơ quan phối hợp:", "Thời gian:", "Sản phẩm:").
 *
 * Task ids come from the number without its trailing dot ("1." -> "1",
 * "2.1." -> "2.1").  Cell text loses a trailing period.  Partners are
 * split on ";", on line breaks and on "- " list marks; on commas only when
 * every part begins with a capital letter ("Phòng Nghiệp vụ, Chi cục Tiêu
 * chuẩn Đo lường Chất lượng" is two units; "Các phòng, đơn vị thuộc Sở"
 * is one).
 */
#ifndef CCHC_PLAN_H
#define CCHC_PLAN_H

#include <stddef.h>

struct diag;

struct plan_task {
	char	 *id;		/* "2.1" */
	char	 *content;	/* plain text */
	char	 *lead;		/* NULL when the plan names none */
	char	**partners;
	size_t	  npartners;
	char	 *output;	/* NULL when none */
	char	 *when;		/* the time text as written, or NULL */
	int	  line;		/* line of the task in the source file */
};

struct plan_tasks {
	struct plan_task	*v;
	size_t			 n;
};

/*
 * Reads the tasks of the Markdown body src[0..len) that starts on line
 * `first_line` of `file`.  Problems (a duplicate task id, a table row
 * without a number) are warnings with file:line; never fails the build.
 * Returns 0.  Free with plan_tasks_free().
 */
int	 plan_extract(const char *file, const char *src, size_t len,
	    int first_line, struct plan_tasks *, struct diag *);
void	 plan_tasks_free(struct plan_tasks *);
/* The partner rule above; returns a malloc'd array of malloc'd strings. */
char	**plan_split_partners(const char *text, size_t *n);

#endif
