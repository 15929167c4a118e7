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
struct site;
struct term;

/* Which feed: the whole news, or one topic's or unit's (term != NULL). */
int	 feeds_rss(struct site *, const struct term *, struct buf *out);
int	 feeds_atom(struct site *, struct buf *out);
/* nhat-ky/atom.xml: the latest events of the publication log. */
int	 feeds_log_atom(struct site *, struct buf *out);
/* thu-tuc/rss.xml: new procedures, and each change as a new item. */
int	 feeds_procs_rss(struct site *, struct buf *out);
/*
 * sitemap.xml, or (more pages than site.yaml's sitemap_max_urls, at most
 * the protocol's 50,000) sitemap.xml as an index of sitemap-1.xml,
 * sitemap-2.xml ...: *files gets each file (free with feeds_files_free).
 */
struct feeds_file {
	char		*rel;
	struct buf	 b;
};
int	 feeds_sitemap(struct site *, struct feeds_file **files, size_t *n);
void	 feeds_files_free(struct feeds_file *, size_t);
void	 feeds_robots(const struct site *, struct buf *out);
/*
 * Makes, in parallel, the absolute HTML of every post a feed shows, once
 * (a post is in the news feeds and in each of its topics' and unit's);
 * the feeds then use it.  feeds_release() frees it.
 */
void	 feeds_prepare(struct site *);
void	 feeds_release(struct site *);

#endif
