/*
 * routes.h - every URL and output path of the section, made here and
 * nowhere else.
 *
 * A URL is relative to the section root: "" for the home page, and a
 * folder ends in '/' ("tin-tuc/a/").  A page's output file is its URL
 * plus "index.html" (route_out); a URL that names a file ("404.html",
 * "rss.xml") is its own output path.  Absolute links are the site's
 * base_url followed by the URL.
 *
 * The section roots are string macros, so that tables (nav, crumbs) can
 * use them in static initializers; everything built from a variable is
 * a function returning a string the caller frees.
 */
#ifndef CCHC_ROUTES_H
#define CCHC_ROUTES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Section roots. */
#define ROUTE_HOME	""
#define ROUTE_NEWS	"tin-tuc/"
#define ROUTE_PLANS	"ke-hoach/"
#define ROUTE_PROCS	"thu-tuc/"
#define ROUTE_FIELDS	ROUTE_PROCS "linh-vuc/"
#define ROUTE_TOPICS	"chu-de/"
#define ROUTE_UNITS	"don-vi/"
#define ROUTE_ARCHIVE	"luu-tru/"
#define ROUTE_LOG	"nhat-ky/"
#define ROUTE_REPORTS	"bao-cao/"
#define ROUTE_ABOUT	"gioi-thieu/"
#define ROUTE_IMAGES	"anh/"		/* every image variant */
#define ROUTE_SEARCH	"tim-kiem/"	/* the search page */
#define ROUTE_SEARCH_INDEX ROUTE_SEARCH "chi-muc/"	/* its index */
#define ROUTE_SEARCH_ROOT ROUTE_SEARCH_INDEX "goc.js"

/* Where source pages of a section live (the source tree mirrors it). */
#define ROUTE_SRC_NEWS	"content/" ROUTE_NEWS
#define ROUTE_SRC_PROCS	"content/" ROUTE_PROCS

/* File names. */
#define ROUTE_INDEX	"index.html"
#define ROUTE_RSS_NAME	"rss.xml"
#define ROUTE_ATOM_NAME	"atom.xml"
#define ROUTE_JSON_NAME	"index.json"
#define ROUTE_CSV_NAME	"bao-cao.csv"

/* Files at fixed places. */
#define ROUTE_NOTFOUND	"404.html"
#define ROUTE_ROBOTS	"robots.txt"
#define ROUTE_SITEMAP	"sitemap.xml"
#define ROUTE_BUILD_JSON "build.json"
#define ROUTE_DATA_JSON	"du-lieu.json"	/* the portal's (export.h) */
#define ROUTE_NEWS_RSS	ROUTE_RSS_NAME		/* the news: site-wide */
#define ROUTE_NEWS_ATOM	ROUTE_ATOM_NAME
#define ROUTE_PROCS_RSS	ROUTE_PROCS ROUTE_RSS_NAME
#define ROUTE_PROCS_JSON ROUTE_PROCS ROUTE_JSON_NAME
#define ROUTE_LOG_ATOM	ROUTE_LOG ROUTE_ATOM_NAME

/*
 * A source page's URL: posts, procedures and plans are "<section><slug>/";
 * another page under content/ keeps its folders (each slugged, "muc" if
 * nothing is left) then its slug, and an index.md without a "slug" key
 * (is_index) is its folder's URL.
 */
char	*route_page(enum page_kind, const char *src, const char *slug,
	    int is_index);
/* The output path of a URL: "a/" -> "a/index.html", "" -> "index.html",
   "404.html" -> "404.html". */
char	*route_out(const char *url);
/* Page k (1-based) of a list whose first page is base: "base/trang/k/". */
char	*route_list_page(const char *base, long k);
/* A topic, unit or procedure field: base + slug + "/". */
char	*route_term(const char *base, const char *slug);
/* A month of a dated section: "luu-tru/2025/06/" (section ROUTE_ARCHIVE
   or ROUTE_LOG). */
char	*route_month(const char *section, int year, int month);
/* A periodic report: period 'q' (quarter n), 'h' (half n), or 0 (year). */
char	*route_report(int year, int period, int n);
/* Files beside a list or page: its RSS, Atom, JSON and CSV. */
char	*route_rss(const char *url);
char	*route_atom(const char *url);
char	*route_json(const char *url);
char	*route_csv(const char *url);
/* Part k of the sitemap: 0 is sitemap.xml (a file or the index), k >= 1
   is "sitemap-k.xml". */
char	*route_sitemap(size_t k);
/* A file a page links to, copied beside it: page URL + base name. */
char	*route_asset(const char *page_url, const char *name);
/*
 * An image variant: "anh/<stem><size>.<10 hex of key>.jpg" (".png"),
 * size "-800", "-320x213" or "".  The key's hash in the name changes
 * whenever the bytes may: a deploy can let browsers keep it forever.
 */
char	*route_image(const char *stem, const char *size, uint64_t key,
	    int png);
/* A theme's static file "<theme_dir>/static/css/a.css" -> "css/a.css";
   NULL if the path is not under that folder. */
char	*route_static(const char *theme_dir, const char *path);
/* base_url + url: the absolute link. */
/* The search index's files (docs/search.md): a dictionary shard
   "tim-kiem/chi-muc/tu/1f.js" and a postings bucket ".../ds/0a3.js" (k in
   hex as wide as ns - 1, nb - 1), a document ".../d/17.js". */
char	*route_search_dict(unsigned k, unsigned ns);
char	*route_search_bucket(unsigned b, unsigned nb);
char	*route_search_doc(long id);
char	*route_abs(const char *base_url, const char *url);

#endif
