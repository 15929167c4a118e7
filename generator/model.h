/*
 * model.h - the site as cchc understands it: every source page with its
 * front matter, URL and dates, and the indexes the renderer needs.
 *
 * Pipeline: scan (files) -> parse (front matter, fields, URLs) -> model
 * (URL table, order, summaries) -> render (Markdown + templates) -> write.
 *
 * Ownership: a struct site owns its pages array and everything each page
 * points to; site_free() releases all.  Indexes (posts, plans, ...) are
 * arrays of borrowed pointers into `pages`.
 */
#ifndef CCHC_MODEL_H
#define CCHC_MODEL_H

#include <stddef.h>

#include "config.h"
#include "date.h"
#include "diag.h"
#include "markdown.h"

struct val;
struct mus_set;

enum page_kind {
	PAGE_POST,		/* content/tin-tuc/ */
	PAGE_PROCEDURE,		/* content/thu-tuc/ */
	PAGE_PLAN,		/* plans/ */
	PAGE_PAGE,		/* any other content/ page */
	PAGE_HOME,		/* generated */
	PAGE_LIST,		/* generated section lists */
	PAGE_NOTFOUND		/* generated 404.html */
};

/* A file a page links to, copied beside the page's output. */
struct asset {
	char	*src;		/* relative to the source root */
	char	*dest;		/* relative to the output root */
};

struct page {
	enum page_kind	 kind;
	char		*src;		/* "content/tin-tuc/2025/06/a.md"; NULL if generated */
	char		*text;		/* file contents, NFC */
	size_t		 textlen;
	size_t		 body_off;	/* Markdown body within text */
	int		 body_line;
	struct val	*meta;		/* front matter map */

	char		*title;
	char		*slug;
	char		*url;		/* "tin-tuc/a/", "" for home */
	char		*out;		/* "tin-tuc/a/index.html", "404.html" */
	struct cdate	 date;		/* publication (plans: issued) */
	int		 has_date;
	int		 draft;
	int		 scheduled;	/* dated after --today */
	int		 skip;		/* draft or scheduled: not built */

	/* Filled by the render stage. */
	struct md_result md;
	int		 md_done;
	struct asset	*assets;
	size_t		 nassets;
	struct val	*summary;	/* map used in lists; built by model */

	/* Generated pages. */
	const char	*intro;		/* PAGE_LIST: line under the title */

	struct diag	 diag;		/* this page's messages, printed in order */
	int		 failed;
};

struct site {
	char			*root;		/* source directory */
	struct site_config	 cfg;
	struct cdate		 today;
	const char		*today_str;	/* "YYYY-MM-DD" */
	char			*theme_dir;	/* relative to root: "themes/default" */

	struct page		**pages;	/* every page, sorted by src */
	size_t			  npages;
	size_t			  cap;

	/* Indexes of built pages (borrowed pointers). */
	struct page		**posts;	/* newest first */
	size_t			  nposts;
	struct page		**plans;	/* newest issued first */
	size_t			  nplans;
	struct page		**procs;	/* by title */
	size_t			  nprocs;
	struct page		**bysrc;	/* all source pages, by src */
	size_t			  nbysrc;
	struct page		 *about;	/* content/gioi-thieu.md, if any */

	struct mus_set		*theme;
	struct val		*site_val;	/* "site" in every context */
	int			  jobs;
	struct diag		  diag;		/* site-wide messages */
};

struct page	*page_new(enum page_kind, const char *src);
void		 page_free(struct page *);
void		 site_add_page(struct site *, struct page *);
void		 site_free(struct site *);

/*
 * Builds the indexes once every page is parsed: drops skipped pages from
 * the lists, reports duplicate URLs (naming both files), sorts, and makes
 * the summaries.  Returns 0 or -1 (errors in site->diag).
 */
int		 model_build(struct site *);
/* Source page by its path relative to the root, or NULL. */
struct page	*model_find_src(const struct site *, const char *src);
/* "../../" for "tin-tuc/a/", "./" for "" (see docs/templates.md). */
char		*model_root_prefix(const char *url);
/* Stable order for titles: folded (no case, no diacritics), then bytes. */
int		 model_title_cmp(const char *, const char *);
const char	*model_kind_name(enum page_kind);

#endif
