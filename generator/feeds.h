/*
 * feeds.h - render stage, machine-readable side: the RSS and Atom
 * feeds of the news (site-wide, per topic, per unit), sitemap.xml and
 * robots.txt, made from the model and written with xmlfeed.c.
 *
 * Feed dates come from the posts (never the clock), so a rebuild of the
 * same input gives the same bytes.  Each function renders one file into
 * `out` and returns 0, or -1 (libxml2 failed; the caller says so).  They
 * only read the site, so several may run at once on different threads.
 */
#ifndef CCHC_FEEDS_H
#define CCHC_FEEDS_H

#include <stddef.h>

#include "buf.h"

struct buf;
struct feeds_prep;
struct site;
struct term;

/*
 * Makes what several files share, once, before they are made: the
 * sitemap's sorted URLs, and (in parallel) the absolute HTML of every
 * post a feed shows (a post is in the news feeds and in each of its
 * topics' and unit's), on `jobs` threads.  The caller owns it:
 * feeds_release() frees it.
 */
struct feeds_prep *feeds_prepare(const struct site *, int jobs);
void	 feeds_release(struct feeds_prep *);
/* Which feed: the whole news, or one topic's or unit's (term != NULL). */
int	 feeds_rss(const struct site *, const struct feeds_prep *,
	    const struct term *, struct buf *out);
int	 feeds_atom(const struct site *, const struct feeds_prep *,
	    struct buf *out);
/* nhat-ky/atom.xml: the latest events of the publication log. */
int	 feeds_log_atom(const struct site *, struct buf *out);
/* thu-tuc/rss.xml: new procedures, and each change as a new item. */
int	 feeds_procs_rss(const struct site *, struct buf *out);
/*
 * sitemap.xml, or (more pages than site.yaml's sitemap_max_urls, at most
 * the protocol's 50,000) sitemap.xml as an index of sitemap-1.xml,
 * sitemap-2.xml ...  feeds_sitemap_files() says how many files (0 when
 * no page is built, else 1, or the parts and the index); file k is
 * route_sitemap(k), made by feeds_sitemap_file() after feeds_prepare().
 */
size_t	 feeds_sitemap_files(const struct site *);
int	 feeds_sitemap_file(const struct site *, const struct feeds_prep *,
	    size_t k, struct buf *out);
void	 feeds_robots(const struct site *, struct buf *out);

#endif
