/*
 * build.h - the `cchc build` mode: runs scan -> parse -> model (and its
 * output plan) -> emit -> write and reports.  Only main() exits; build_run returns the exit
 * status.
 */
#ifndef CCHC_BUILD_H
#define CCHC_BUILD_H

#include <stddef.h>

struct diag;

struct build_opts {
	const char	*source;	/* "." */
	const char	*out;		/* "public" */
	const char	*base_url;	/* NULL: from site.yaml */
	const char	*today;		/* "YYYY-MM-DD" or NULL: wall clock */
	const char	*rev;		/* build this revision, or NULL: the
					   work tree with HEAD's history */
	const char	*merge;		/* --merge FILE: a tree `cchc portal`
					   put together from several
					   repositories (hist_merge.h) */
	const char	*report;	/* `cchc report --period P`: print
					   that report instead of building */
	/* Tests (tests/deps_dump.c): print, one a line, the outputs
	   that must be remade when any of these source files change
	   (outplan_affected; "in-place:FILE" asks for an edit that keeps
	   FILE's date and URL, outplan_affected_in_place), instead of
	   building. */
	const char *const *deps_of;
	size_t		 ndeps_of;
	int		 links;		/* BUILD_LINKS_*: --links */
	int		 jobs;		/* 0: one per CPU */
	int		 quiet;
	/* `cchc serve` (preview.c): drafts and scheduled posts are built
	   too, each with its banner; never for a published site. */
	int		 preview;
	/* Not NULL: every message the build prints is also copied here
	   (the caller owns the list and its messages).  A build with
	   nothing to do replays the last one's text only, and adds none. */
	struct diag	*msgs;
	/*
	 * `cchc check`: everything a build validates, every page rendered,
	 * nothing written (no output folder, no staging, no manifest; the
	 * caches in .cchc-cache are kept up to date) and no last line: the
	 * caller says it.
	 */
	int		 check;
	/* Not NULL: the messages are moved here, in the order a build
	   prints them, instead of being printed (check). */
	struct diag	*collect;
};

/* build_opts.links: site.yaml's `links` (default dirs), or what
   --links says, which wins. */
#define BUILD_LINKS_SITE	0
#define BUILD_LINKS_DIRS	1
#define BUILD_LINKS_FILES	2

/* 0 on success, 1 on content errors (check: on errors). */
int	 build_run(const struct build_opts *);

/*
 * Appends the message for a --today value date_parse_ymd refused, with
 * the date meant when it can be guessed (date_suggest: "15/06/2025"
 * gives "hãy ghi --today 2025-06-15"), for every command's option parser.
 */
struct buf;
void	 build_today_msg(const char *today, struct buf *out);

/*
 * A build kept in memory for `cchc serve` (preview.c): its model,
 * session and output plan stay, so that an edit to the body of a post or
 * page reaches the output through build_patch() (patch.h), which makes
 * only the files that read it.
 */
struct build;
/*
 * A whole build as build_run() (never stopping early: the model is
 * wanted); *kept is the build when it succeeded, else NULL.  Returns the
 * exit status.
 */
int	 build_run_kept(const struct build_opts *, struct build **kept);
/*
 * The source files `changed` (relative to the root) were edited: 1 when
 * the output now holds the edit, -1 when it failed (messages printed and
 * in opt->msgs), 0 when the site must be built again (build_run_kept):
 * in both of the last cases free the kept build, which may be half
 * changed.
 */
int	 build_patch(struct build *, const char *const *changed, size_t n);
/*
 * Templates of the theme edited (and nothing else: else 0, build again):
 * compiles them again and writes the pages at the URLs `viewed` ("" for
 * the home page, "tin-tuc/a/": what the open browsers show) with them,
 * straight into the output.  1: done, call build_patch_rest() for the
 * rest (after telling the browsers); -1: errors (printed and in
 * opt->msgs), free the kept build.
 */
int	 build_patch_theme(struct build *, const char *const *changed,
	    size_t n, const char *const *viewed, size_t nviewed);
/* Every output `changed` touches, as build_patch() makes them: 1, 0, -1. */
int	 build_patch_rest(struct build *, const char *const *changed,
	    size_t n);
void	 build_kept_free(struct build *);

#endif
