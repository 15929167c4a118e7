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
 *
 * The site is the model only.  How a build reads files and templates
 * (the source, the theme, caches, threads) is the build session
 * (session.h), which stages are handed beside the site.
 */
#ifndef CCHC_MODEL_H
#define CCHC_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "diag.h"
#include "history.h"
#include "markdown.h"
#include "plans.h"
#include "procedure.h"
#include "taxonomy.h"

struct image;
struct images;
struct search;
struct strlist;
struct val;

enum page_kind {
	PAGE_POST,		/* content/tin-tuc/ */
	PAGE_PROCEDURE,		/* content/thu-tuc/ */
	PAGE_PLAN,		/* plans/ */
	PAGE_PAGE,		/* any other content/ page */
	PAGE_HOME,		/* generated */
	PAGE_LIST,		/* generated section lists */
	PAGE_NOTFOUND,		/* generated 404.html */
	PAGE_TERMS,		/* generated topic and unit indexes */
	PAGE_ARCHIVE,		/* generated monthly archive index */
	PAGE_LOG,		/* generated publication log (nhat-ky/) */
	PAGE_REPORT,		/* generated periodic report (bao-cao/) */
	PAGE_REPORTS,		/* generated report index */
	PAGE_PROCS,		/* generated procedure list (by field) */
	PAGE_SEARCH		/* generated search page (tim-kiem/) */
};

/* Which part of the section a generated page belongs to (nav, crumbs). */
enum page_section {
	SECTION_NONE,
	SECTION_NEWS,		/* tin-tuc/ */
	SECTION_PLANS,
	SECTION_PROCS,
	SECTION_TOPICS,		/* chu-de/ */
	SECTION_UNITS,		/* don-vi/ */
	SECTION_ARCHIVE,	/* luu-tru/ */
	SECTION_LOG		/* nhat-ky/ */
};

/* One line of the publication log. */
enum log_kind {
	LOG_PUBLISHED,
	LOG_CHANGED,
	LOG_REMOVED
};

struct log_entry {
	enum log_kind		 kind;
	const struct hist_event	*ev;
	const struct page	*page;	/* the built page, or NULL */
	const char		*title;	/* borrowed */
};

struct log_month {
	int			 year, month;
	char			*url;	/* "nhat-ky/2025/06/" */
	char			*title;	/* "Tháng 6/2025" */
	struct log_entry	*entries;	/* borrowed slice of site->log */
	size_t			 n;
};

/* A file a page links to, copied beside the page's output. */
struct asset {
	char	*src;		/* relative to the source root */
	char	*dest;		/* relative to the output root */
};

struct page {
	enum page_kind	 kind;
	char		*src;		/* "content/tin-tuc/2025/06/a.md"; NULL if generated */
	char		*text;		/* file contents, NFC; NULL once
					   its body is rendered (bodies.h) */
	size_t		 textlen;
	size_t		 body_off;	/* Markdown body within text */
	int		 body_line;
	struct val	*meta;		/* front matter map */

	char		*title;
	char		*title_fold;	/* for sorting: slug_fold(title) */
	char		*slug;
	char		*url;		/* "tin-tuc/a/", "" for home */
	char		*out;		/* "tin-tuc/a/index.html", "404.html" */
	struct cdate	 date;		/* publication (plans: issued) */
	int		 has_date;
	struct cdate	 updated;	/* last change after publication */
	int		 has_updated;
	const struct hist_file *hist;	/* its commits, or NULL */
	int		 draft;
	int		 scheduled;	/* dated after --today */
	int		 skip;		/* draft or scheduled: not built */

	/* Plans (model: plans.c). */
	struct period	 period;	/* of the plan */
	int		 has_period;
	struct plan_tasks tasks;
	struct task_state *ts;		/* one per task */
	/* Posts that report on a plan. */
	struct page	*plan_ref;
	/* Plans this page names in its text (cross-references). */
	struct page	**cites;
	size_t		  ncites, cites_cap;
	/* Source pages its body links to by their .md file, each once
	   (links.c): their URLs are written in its output. */
	struct page	**links;
	size_t		  nlinks, links_cap;
	/* Plans: the plans that cite it in their text or name it in
	   `basis`, in site->plans order (plans_cited_by; a borrowed slice
	   of site->cited_by). */
	struct page	**cited_by;
	size_t		  ncited_by;
	/* Procedures: the body split into its sections. */
	struct proc_body proc;
	char		*sec_html[PROC_NSECTIONS];
	int		 proc_ok;

	/* Filled by the render stage. */
	struct md_result md;
	int		 md_done;
	struct asset	*assets;
	size_t		 nassets, assets_cap;
	/* Raster images it shows or links to (images.h), each once, and
	   its front-matter image: published as variants, never copied. */
	struct image	**images;
	size_t		  nimages, images_cap;
	struct image	 *cover;
	struct val	*summary;	/* map used in lists; built by model */

	/* Generated pages. */
	const struct report *report;	/* PAGE_REPORT */
	const struct log_entry *log;	/* PAGE_LOG: its entries */
	size_t		  nlog;
	char		*intro;		/* PAGE_LIST: line under the title */
	struct page	**items;	/* PAGE_LIST: this page's slice (borrowed) */
	size_t		  nitems;
	int		  pageno;	/* 1-based page of a paginated list */
	int		  npagesof;	/* pages in that list */
	char		 *list_base;	/* URL of the list's first page */
	const struct term *term;	/* topic or unit of a list, or NULL */
	const struct taxonomy *tax;	/* which taxonomy `term` is in */
	int		  section;	/* an enum page_section value */
	size_t		  rank;		/* posts: index in site->posts */
	long		  doc;		/* search document id, or -1
					   (search.c: search_begin) */

	struct diag	 diag;		/* this page's messages, printed in order */
	int		 failed;
};

struct site {
	struct site_config	 cfg;
	struct cdate		 today;
	const char		*today_str;	/* "YYYY-MM-DD" */

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
	struct taxonomy		  topics;
	struct taxonomy		  units;
	struct month		 *months;	/* newest first */
	size_t			  nmonths;
	struct history		  hist;
	struct log_entry	 *log;		/* newest first */
	size_t			  nlog;
	struct log_month	 *logmonths;	/* newest first */
	size_t			  nlogmonths;
	struct report		 *reports;	/* newest first */
	size_t			  nreports;
	struct page		**cited_by;	/* every plan's cited_by, end
						   to end (plans.c) */
	/* Procedures by field. */
	struct taxonomy		  fields;
	/* The search index (search.h): begun before the bodies, whole
	   from the "search" stage on. */
	struct search		 *search;
	/* Raster images the pages use (bodies stage; images.h). */
	struct images		 *images;
	/* Every file under content/ and plans/, sorted (the scan's;
	   borrowed): where links.c looks for a name spelt differently. */
	const struct strlist	 *files;

	struct diag		  diag;		/* site-wide messages */
};

struct page	*page_new(enum page_kind, const char *src);
void		 page_free(struct page *);
void		 site_add_page(struct site *, struct page *);
void		 site_free(struct site *);

/*
 * Builds the model once every page is parsed: the indexes (built pages
 * only, sorted), the taxonomies, the pages cchc generates (home, lists
 * with their pagination, topic/unit/archive pages, 404), and checks that
 * no two pages share a URL (naming both files).  Returns 0, or -1 with
 * errors in the pages' diag.
 */
int		 model_build(struct site *);
/*
 * Dates every source page from its front matter, else its first commit,
 * else --today; sets `updated` from its last commit.  Call after
 * parsing, before model_build().
 */
void		 model_apply_history(struct site *);
/* Source page by its path relative to the root, or NULL. */
struct page	*model_find_src(const struct site *, const char *src);
/* "../../" for "tin-tuc/a/", "./" for "" (see docs/templates.md). */
char		*model_root_prefix(const char *url);
/* Stable order for titles: folded (no case, no diacritics), then bytes. */
int		 model_title_cmp(const char *, const char *);
const char	*model_kind_name(enum page_kind);
/* A page's summary as lists and feeds show it: its `summary`, else the
   one made from its first paragraph (page->summary), else NULL. */
const char	*model_summary(const struct page *);

#endif
