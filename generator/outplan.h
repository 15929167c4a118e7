/*
 * outplan.h - the output plan: every file a build writes, listed once
 * the model is complete (model stage), before anything is made.
 *
 * Each record names its path (made by routes.c), its kind and its
 * subject (the page, term, report or source file it is made from).
 * emit.c runs one pool over the list, with one producer per kind.
 *
 * The order is the order files are made in: the big single files first
 * (the procedures' JSON, the sitemap, the log's feed ...) and the image
 * variants (the slowest: one of each image first, whose record decodes
 * it and makes them all, then the others) so that the threads finish
 * together, then every page
 * followed by the files it links to, then the theme's static files and
 * build.json.
 *
 * Ownership: a struct outplan owns its records and their paths; the
 * subjects are borrowed from the site and the scan, which must outlive
 * the plan.
 */
#ifndef CCHC_OUTPLAN_H
#define CCHC_OUTPLAN_H

#include <stddef.h>

struct image;
struct page;
struct report;
struct site;
struct strlist;
struct term;

enum out_kind {
	OUT_DATA_JSON,		/* du-lieu.json: the portal's data */
	OUT_PROCS_JSON,		/* thu-tuc/index.json */
	OUT_SITEMAP,		/* sitemap.xml, or one of its parts */
	OUT_LOG_ATOM,		/* nhat-ky/atom.xml */
	OUT_PROCS_RSS,		/* thu-tuc/rss.xml */
	OUT_NEWS_RSS,		/* rss.xml */
	OUT_NEWS_ATOM,		/* atom.xml */
	OUT_TERM_RSS,		/* a topic's or unit's rss.xml */
	OUT_ROBOTS,		/* robots.txt */
	OUT_PLAN_JSON,		/* a plan's index.json */
	OUT_REPORT_CSV,		/* a report's bao-cao.csv */
	OUT_SEARCH_ROOT,	/* tim-kiem/chi-muc/goc.js */
	OUT_SEARCH_DICT,	/* a dictionary shard: part = its index */
	OUT_SEARCH_BUCKET,	/* a postings bucket: part = its number */
	OUT_SEARCH_DOC,		/* a document: page, part = its id */
	OUT_PAGE,		/* a page through its layout */
	OUT_ASSET,		/* a file a page links to, copied beside it */
	OUT_IMAGE,		/* a variant of a raster image (images.h) */
	OUT_STATIC,		/* a theme's static file, copied */
	OUT_BUILD_JSON,		/* build.json: what was built, from what */
	OUT_KINDS
};

/* What a record is made from: which of the pointers below is set. */
enum out_subject {
	SUBJ_SITE,		/* the whole model */
	SUBJ_PAGE,		/* page */
	SUBJ_TERM,		/* term */
	SUBJ_REPORT,		/* report */
	SUBJ_FILE,		/* src: a source file copied as it is */
	SUBJ_IMAGE		/* image, its variant `part` */
};

/*
 * What an output read besides its own subject.  The rules (outplan.c)
 * err on the side of more: a flag covers every page of that kind where
 * the output reads a choice among them (the newest posts, the reports
 * that plans' periods make, counts per term).
 */
enum out_dep {
	DEP_SITE	= 1 << 0,	/* site.yaml's fields */
	DEP_THEME	= 1 << 1,	/* any template of the theme */
	DEP_HISTORY	= 1 << 2,	/* the git history (dates, the log) */
	DEP_POSTS	= 1 << 3,	/* every post */
	DEP_PLANS	= 1 << 4,	/* every plan */
	DEP_PROCS	= 1 << 5,	/* every procedure */
	DEP_PAGES	= 1 << 6	/* every source page */
};

struct output {
	char			*path;		/* relative to the output root */
	enum out_kind		 kind;
	enum out_subject	 subject;
	struct page		*page;		/* SUBJ_PAGE; OUT_ASSET: the
						   page beside which it is */
	const struct term	*term;		/* SUBJ_TERM */
	const struct report	*report;	/* SUBJ_REPORT */
	const char		*src;		/* SUBJ_FILE; SUBJ_IMAGE: the
						   image's source */
	const struct image	*image;		/* SUBJ_IMAGE */
	size_t			 part;		/* OUT_SITEMAP: route_sitemap()'s k;
						   OUT_IMAGE: index in vars;
						   OUT_SEARCH_*: see above */
	/* Dependencies: flags, and the source pages it read (no two
	   alike; for a copy, src alone). */
	unsigned		 deps;		/* enum out_dep */
	const struct page	**reads;
	size_t			  nreads, capreads;
};

struct outplan {
	struct output	*v;
	size_t		 n, cap;
	int		 have_deps;	/* outplan_deps() done */
	/* A part of a build's plan (patch.c): its records are borrowed,
	   and emit removes no cached photo the rest may use. */
	int		 partial;
};

/*
 * Lists every file of a build of s (its model complete: Markdown
 * rendered, assets known, summaries made) and of the theme's static
 * files `statics` (scan order, paths relative to the source root) under
 * theme_dir ("themes/default", the session's).  Only built pages are
 * listed (not failed, draft, scheduled).
 */
void		 outplan_make(struct outplan *, const struct site *,
		    const char *theme_dir, const struct strlist *statics);
/* Takes every record of `kind` out of the plan (before outplan_deps). */
void		 outplan_drop(struct outplan *, enum out_kind kind);
void		 outplan_free(struct outplan *);
/*
 * Records every output's dependencies (deps, reads), once.  Not part of
 * outplan_make(): a build needs none of it; outplan_affected() calls it.
 * A page's links to other pages are the targets links.c recorded
 * (page->links).
 */
void		 outplan_deps(struct outplan *, const struct site *);
/*
 * Does an output of this kind show what a page's body makes (its HTML,
 * summary, headings, first photo)?  The sitemap, the publication log's
 * feed and robots.txt show URLs, titles and dates: an edit to a body
 * alone leaves them as they are (patch.c).
 */
int		 outplan_shows_bodies(enum out_kind);
/* Forgets them (a page's links changed): the next call records them again. */
void		 outplan_deps_forget(struct outplan *);
/*
 * "This source file changed: which outputs must be remade?"  src is a
 * path relative to the source root: a page ("content/tin-tuc/a.md"), a
 * file a page links to, a template or static file of the theme, or
 * "site.yaml".  *idx gets the indexes into pl->v, in plan order (free
 * it); returns their number.  s is the site the plan was made from,
 * theme_dir its theme's folder (NULL: no file is a template).
 *
 * An edit can move a page (a new date, other topics): ask the plans of
 * the build before and after the edit and take both answers.
 */
size_t		 outplan_affected(struct outplan *, const struct site *,
		    const char *theme_dir, const char *src, size_t **idx);
/*
 * The same for an edit that leaves the page where it is among the
 * search documents: its date, URL (file name or slug), kind, and
 * whether it is built as the model has them (a body, title, summary,
 * topic edit: what `cchc serve` patches).  Search ids follow (date, URL),
 * so then no id moves, and of the documents' files (tim-kiem/chi-muc/d/)
 * only the page's own reads it; outplan_affected() must allow for a new
 * date, and lists every document file from the page's id on.
 */
size_t		 outplan_affected_in_place(struct outplan *,
		    const struct site *, const char *theme_dir,
		    const char *src, size_t **idx);
const char	*outplan_kind_name(enum out_kind);

#endif
