/*
 * theme.h - where an installed theme is, for a site without its own copy
 * (a new folder holding only site.yaml and a post), for `cchc init`
 * (which copies the default theme) and for `cchc new` (archetypes).
 *
 * A theme named NAME is looked for, in this order:
 *
 *   $CCHC_THEMES/NAME             only there when the variable is set
 *                                 and not empty (tests, a private copy)
 *   BIN/../share/cchc/themes/NAME the theme installed with this binary,
 *                                 wherever it was moved (BIN: the folder
 *                                 of /proc/self/exe)
 *   BIN/themes/NAME,              a checkout: ./cchc or build/cchc beside
 *   BIN/../themes/NAME            the repository's themes/
 *   CCHC_DATADIR/themes/NAME      where `make install` put it (compiled
 *                                 in: -DCCHC_DATADIR, default
 *                                 /usr/local/share/cchc)
 *
 * The binary's own folder comes before CCHC_DATADIR so that a binary
 * finds the theme it was built or installed with, not an older install.
 */
#ifndef CCHC_THEME_H
#define CCHC_THEME_H

#include <stddef.h>

struct strlist;

/*
 * Is `name` usable as a folder name below themes/: not empty, no '/' or '\\',
 * not starting with '.' (so that site.yaml cannot reach other folders).
 */
int	 theme_name_ok(const char *name);
/*
 * Appends to `out` the folders that may hold the installed theme `name`,
 * in the order above (each once); for messages listing where cchc looked.
 */
void	 theme_candidates(const char *name, struct strlist *out);
/*
 * The first of theme_candidates() that is a folder, or NULL (also for a
 * name theme_name_ok() refuses).  Caller frees.
 */
char	*theme_installed(const char *name);

#endif
