/*
 * scan.h - stage 1: find the files a build reads.
 *
 * All paths are relative to the source root and sorted bytewise, so the
 * rest of the pipeline sees the same order on every machine.  Files come
 * from source.h (the folder, or a git tree with --rev), which skips
 * hidden files and editor leftovers and refuses links leaving the tree.
 */
#ifndef CCHC_SCAN_H
#define CCHC_SCAN_H

#include <stddef.h>

struct diag;
struct source;

struct strlist {
	char	**v;
	size_t	  len, cap;
};

struct scan {
	struct strlist	 pages;		/* content/ ** / *.md and plans/ ** / *.md */
	struct strlist	 layouts;	/* <theme>/layouts/ *.mustache */
	struct strlist	 partials;	/* <theme>/partials/ *.mustache */
	struct strlist	 statics;	/* <theme>/static/ ** (files) */
	struct strlist	 files;		/* every file under content/ and plans/:
					   the pages and what they may link to */
};

void	 strlist_push(struct strlist *, char *);	/* takes ownership */
void	 strlist_sort(struct strlist *);
void	 strlist_free(struct strlist *);

/* Returns 0, or -1 with errors in diag. */
int	 scan_tree(struct source *, const char *theme_dir, struct scan *,
	    struct diag *);
void	 scan_free(struct scan *);

#endif
