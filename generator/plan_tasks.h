/*
 * plan_tasks.h - the tasks of a plan (Kế hoạch), read from its Markdown in the
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
 * split on ";", on line breaks ("<br>" in a table cell) and on "- " list
 * marks.  When nothing of these separates them, on commas, but never
 * inside a known unit name (units.h: data/don-vi.yaml and site.yaml
 * `units:`), matched at the comma boundaries longest first: "Sở Văn hóa,
 * Thể thao và Du lịch, Sở Y tế" is two units.  The parts left are split
 * only when every one begins with a capital letter ("Phòng Nghiệp vụ,
 * Chi cục Tiêu chuẩn Đo lường Chất lượng" is two units; "Các phòng, đơn
 * vị thuộc Sở" is one).  A split whose part is no known name and does
 * not start like a unit name (units_looks_like: "Sở Giao thông, Vận tải")
 * may have cut an unknown name: it is kept, with a warning that names
 * the parts and says how to add the name to site.yaml or to write ";".
 *
 * A lead cell of a table with line breaks ("Văn phòng Sở<br>Phòng Nghiệp
 * vụ") is its lines joined by "; " when every line starts like a unit
 * name; else (a name wrapped onto two lines) by a space.
 */
#ifndef CCHC_PLAN_TASKS_H
#define CCHC_PLAN_TASKS_H

#include <stddef.h>

struct diag;
struct unit_names;

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
 * `first_line` of `file`, with the unit names `names` (NULL: none known,
 * commas split by the capital-letter rule alone, never a warning).
 * Problems (a duplicate task id, a table row without a number) are
 * warnings with file:line; never fails the build.  Returns 0.  Free with
 * plan_tasks_free().
 */
int	 plan_extract(const char *file, const char *src, size_t len,
	    int first_line, const struct unit_names *names,
	    struct plan_tasks *, struct diag *);
void	 plan_tasks_free(struct plan_tasks *);

/* Where a partners text was written, for the warning about a split. */
struct plan_at {
	const char	*file;
	int		 line, col;
	struct diag	*d;
};

/*
 * The partner rule above; returns a malloc'd array of malloc'd strings,
 * NULL-terminated, *n of them.  `names` may be NULL (see plan_extract);
 * `at` may be NULL: no warning.
 */
char	**plan_split_partners(const char *text, const struct unit_names *names,
	    const struct plan_at *at, size_t *n);

#endif
