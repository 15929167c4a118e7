/*
 * procedure.h - administrative procedures (thủ tục hành chính): the
 * fields and sections a Sở must publish, checked, and the body split into
 * its sections so they are shown in the standard order.
 *
 * Sections are `##` headings matched without case or diacritics; the
 * standard order and which are required are in proc_sections[].  A
 * missing required field or section, or an unknown `online` value, is an
 * error with file:line naming what is missing (duplicate codes are
 * checked by the model, across files).
 */
#ifndef CCHC_PROCEDURE_H
#define CCHC_PROCEDURE_H

#include <stddef.h>

struct diag;
struct val;

#define PROC_NSECTIONS 11

struct proc_section_def {
	const char	*title;		/* "Trình tự thực hiện" */
	const char	*id;		/* "trinh-tu-thuc-hien" */
	int		 required;
};

extern const struct proc_section_def proc_sections[PROC_NSECTIONS];

/* The front matter fields every procedure must have (all required). */
#define PROC_NFIELDS 5

struct proc_field_def {
	const char	*key;		/* "deadline" */
	const char	*name;		/* "Thời hạn giải quyết" */
	const char	*what;		/* what to write there, for messages */
};

extern const struct proc_field_def proc_fields[PROC_NFIELDS];

struct proc_body {
	/* Per standard section: its Markdown (without the heading) as a
	 * byte range of the body, and the line it starts on; present = 0
	 * when the procedure has no such section. */
	int		 present[PROC_NSECTIONS];
	size_t		 off[PROC_NSECTIONS], len[PROC_NSECTIONS];
	int		 line[PROC_NSECTIONS];
	/* Text before the first section (an introduction), as a range. */
	size_t		 intro_off, intro_len;
};

/* Index in proc_sections of a heading text, or -1. */
int	 proc_section_index(const char *heading);
/*
 * Checks the front matter `meta` of `file` (title, code, field, agency,
 * deadline required; online in toan-trinh, mot-phan, khong) and splits
 * the body src[0..len) (starting on line first_line) into sections.  A
 * `##` heading that is not a standard section, or a repeated one, is an
 * error.  0, or -1 after reporting.
 */
int	 proc_check(const char *file, const struct val *meta, const char *src,
	    size_t len, int first_line, struct proc_body *, struct diag *);
/*
 * Its two halves, for a caller that keeps the second's results: the
 * front matter checks, and the split (a function of the body, the file
 * name and first_line alone; 0, or -1 after reporting).
 */
void	 proc_check_meta(const char *file, const struct val *meta,
	    struct diag *);
int	 proc_split_body(const char *file, const char *src, size_t len,
	    int first_line, struct proc_body *, struct diag *);

#endif
