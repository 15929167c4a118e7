/*
 * init.h - `cchc init [DIR]`: a new site that builds at once.
 *
 * Writes into DIR (made when missing; "." by default):
 *   site.yaml        the keys a department sets, with comments in Vietnamese
 *   themes/default/  a copy of the installed default theme (theme.h), its
 *                    archetypes/ included, for the department to change
 *   .gitignore       public/, the spare beside it, .cchc-cache/ (lines
 *                    added to an existing file, never removed)
 *   content/tin-tuc/YYYY/MM/bai-viet-dau-tien.md
 *                    the first post, from the archetype (newpage.h),
 *                    dated today in Vietnam
 * and prints the next steps.  A folder that already holds site.yaml,
 * content/ or themes/default/ is refused: init never writes over a site.
 */
#ifndef CCHC_INIT_H
#define CCHC_INIT_H

/* The first post's title. */
#define INIT_FIRST_TITLE	"Bài viết đầu tiên"

/*
 * 0, or 1 after saying on stderr why the site was not made (or what
 * could not be written).  The next steps go to stdout.
 */
int	 init_run(const char *dir);

#endif
