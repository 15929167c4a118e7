/*
 * newpage.h - `cchc new KIND "Tiêu đề"`: a new page started from the
 * theme's archetype for its kind (themes/<theme>/archetypes/<kind>.md,
 * as in Hugo), so that a department can change what new pages hold.
 *
 * Kinds and where the page goes (<slug>: slug_make() of the title,
 * "Đề án" -> de-an, cut to NEWPAGE_SLUG_MAX characters at a '-'):
 *
 *   tin-tuc   content/tin-tuc/YYYY/MM/<slug>.md   (the date's month)
 *   thu-tuc   content/thu-tuc/<slug>.md
 *   ke-hoach  plans/<slug>.md
 *   trang     content/<slug>.md
 *
 * The archetype comes from the site's theme folder, else from the
 * installed theme of that name, else from the installed default theme
 * (theme.h).  It is text with placeholders, each replaced by a value
 * ready for YAML (no other escaping):
 *
 *   {{title}}  the title as a YAML double-quoted string
 *   {{date}}   the date, YYYY-MM-DD (today in Vietnam, or --date)
 *   {{year}}   the date's year
 *   {{unit}}   site.yaml's `department` (the site's default unit) as a
 *              YAML double-quoted string, "" without one
 *   {{plan}}   the number of the site's latest plan (by `issued`) as a
 *              YAML string, or an example number when it has none
 *   {{! ...}}  a note for whoever edits the archetype, left out; a line
 *              holding only a note is left out whole
 *
 * Any other {{...}} is an error at its line and column.
 *
 * A page is never overwritten (the file is created with O_EXCL), and a
 * post whose file name another post already has (the same URL
 * /tin-tuc/<slug>/) is refused too.
 */
#ifndef CCHC_NEWPAGE_H
#define CCHC_NEWPAGE_H

#include <stddef.h>

struct buf;
struct cdate;
struct diag;

/* The exit status of newpage_run(), as main() returns it. */
enum newpage_status {
	NEWPAGE_OK = 0,
	NEWPAGE_FAILED = 1,	/* no site.yaml, file exists, write error */
	NEWPAGE_USAGE = 2	/* unknown kind, empty title, bad --date */
};

struct newpage_opts {
	const char	*kind;		/* "tin-tuc", ... */
	const char	*title;		/* as typed; NFC-normalised here */
	const char	*source;	/* the site's folder: "." */
	const char	*date;		/* "YYYY-MM-DD", or NULL: today */
	int		 quiet;		/* print nothing on success */
};

/* "tin-tuc, thu-tuc, ke-hoach, trang", for messages. */
extern const char newpage_kinds[];

/*
 * Writes the page.  Messages go to stderr; on success the path written
 * (as reachable from the current folder) goes to stdout, and in *written
 * (when not NULL; caller frees) the path relative to the source.
 */
enum newpage_status newpage_run(const struct newpage_opts *, char **written);

/* Longest file name (without .md) cut from a title, at a '-'. */
#define NEWPAGE_SLUG_MAX	80

/*
 * The pieces, for tests.  newpage_slug: the file name (without .md) for
 * a title, slug_make() cut to NEWPAGE_SLUG_MAX at a '-'.  newpage_yaml_str: s as a YAML double-quoted
 * scalar (caller frees).  newpage_path: where a page of `kind` titled
 * with `slug` on `date` goes, or NULL for an unknown kind (caller frees).
 */
char	*newpage_slug(const char *title);
char	*newpage_yaml_str(const char *s);
char	*newpage_path(const char *kind, const char *slug,
	    const struct cdate *date);

/* The values of the placeholders (strings, as they are put in). */
struct newpage_vals {
	const char	*title;
	const char	*date;
	const char	*year;
	const char	*unit;
	const char	*plan;
};

/*
 * Fills the archetype src[0..len) (named `file` in messages) into out.
 * 0, or -1 after reporting each unknown or unclosed placeholder.
 */
int	 newpage_fill(const char *file, const char *src, size_t len,
	    const struct newpage_vals *, struct buf *out, struct diag *);

#endif
