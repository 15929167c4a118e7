/*
 * syndication.h - render stage, machine-readable side: the RSS and Atom
 * feeds of the news (site-wide, per topic, per unit), sitemap.xml and
 * robots.txt, made from the model and written with feed.c.
 *
 * Feed dates come from the posts (never the clock), so a rebuild of the
 * same input gives the same bytes.  Each function renders one file into
 * `out` and returns 0, or -1 (libxml2 failed; the caller says so).  They
 * only read the site, so several may run at once on different threads.
 */
#ifndef CCHC_SYNDICATION_H
#define CCHC_SYNDICATION_H

#include <stddef.h>

#include "buf.h"

struct buf;
struct site;
struct term;

/* Which feed: the whole news, or one topic's or unit's (term != NULL). */
int	 synd_rss(struct site *, const struct term *, struct buf *out);
int	 synd_atom(struct site *, struct buf *out);
/* nhat-ky/atom.xml: the latest events of the publication log. */
int	 synd_log_atom(struct site *, struct buf *out);
/* thu-tuc/rss.xml: new procedures, and each change as a new item. */
int	 synd_procs_rss(struct site *, struct buf *out);
/*
 * sitemap.xml, or (more pages than site.yaml's sitemap_max_urls, at most
 * the protocol's 50,000) sitemap.xml as an index of sitemap-1.xml,
 * sitemap-2.xml ...: *files gets each file (free with synd_files_free).
 */
struct synd_file {
	char		*rel;
	struct buf	 b;
};
int	 synd_sitemap(struct site *, struct synd_file **files, size_t *n);
void	 synd_files_free(struct synd_file *, size_t);
void	 synd_robots(const struct site *, struct buf *out);
/*
 * Makes, in parallel, the absolute HTML of every post a feed shows, once
 * (a post is in the news feeds and in each of its topics' and unit's);
 * the feeds then use it.  synd_release() frees it.
 */
void	 synd_prepare(struct site *);
void	 synd_release(struct site *);

#endif
