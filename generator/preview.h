/*
 * preview.h - the build side of `cchc serve`: the site rebuilt into the
 * preview folder after a change, and what the browser must be told.
 *
 * serve.c only calls these; how an update is made (the last good build
 * kept in memory and patched, or a whole build: preview.c) is not its
 * business.
 *
 * A preview is used from one thread at a time.
 */
#ifndef CCHC_PREVIEW_H
#define CCHC_PREVIEW_H

#include <stddef.h>

#include "diag.h"

struct build_opts;
struct preview;

enum preview_reload {
	PREVIEW_RELOAD,		/* the page reloads */
	PREVIEW_CSS		/* only stylesheets changed: swap them */
};

struct preview_result {
	int			 ok;	/* 1: the folder holds the new site */
	struct diag		 msgs;	/* that build's errors and warnings */
	enum preview_reload	 reload;
	double			 ms;	/* how long the update took */
	/* 1: the pages viewed are up to date, the rest is not yet: tell
	   the browsers, then call preview_finish(). */
	int			 pending;
};

/*
 * opts is copied (its strings must outlive the preview); preview is set
 * and opts->out must be the preview folder.  Never NULL.
 */
struct preview	*preview_new(const struct build_opts *);
/*
 * Brings the preview folder up to date with the source.  changed: the
 * source paths (relative to the root: "content/tin-tuc/a.md") changed
 * since the last call, or nchanged 0: unknown, everything.  res is
 * initialised here; free it with preview_result_free().  Returns res->ok
 * ? 0 : -1.  On failure the folder keeps the last good site.  viewed:
 * the URLs (relative to the site: "" for the home page, "tin-tuc/a/")
 * the open browsers show, made first when that is quicker.
 */
int	 preview_update(struct preview *, const char *const *changed,
	    size_t nchanged, const char *const *viewed, size_t nviewed,
	    struct preview_result *);
/*
 * After an update that left res->pending: the rest of the output (a
 * template edit: every page), staged and swapped in.  As
 * preview_update() otherwise; res->reload is PREVIEW_RELOAD.
 */
int	 preview_finish(struct preview *, struct preview_result *);
void	 preview_result_free(struct preview_result *);
void	 preview_free(struct preview *);

/* Is this changed source path a stylesheet of theme_dir's static/? */
int	 preview_is_css(const char *path, const char *theme_dir);

#endif
