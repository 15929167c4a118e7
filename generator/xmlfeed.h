/*
 * xmlfeed.h - RSS 2.0 and Atom 1.0 feeds and the sitemap, written with
 * libxml2's xmlTextWriter (never by pasting strings).
 *
 * Output is deterministic: no wall-clock time is read; the same input
 * gives the same bytes.  Documents are UTF-8 with the XML declaration,
 * indented by two spaces.  Characters XML 1.0 does not allow (C0
 * controls other than tab, LF and CR; U+FFFE, U+FFFF) and bytes that are
 * not UTF-8 are dropped from every string, so any input gives a
 * well-formed document.  Dates are shown in Vietnam time (+07:00).
 *
 * The writers append to `out`; on failure (-1) `out` is left as it was.
 * They fail when a required field is NULL: feed title, link and self;
 * every item's title, link and published; fallback_updated when there
 * are no items.  An item's `updated` earlier than its `published` is
 * ignored.  RSS <description> is the summary escaped as HTML (readers show
 * it as HTML); Atom <summary type="text"> is the plain text.
 */
#ifndef CCHC_XMLFEED_H
#define CCHC_XMLFEED_H

#include <stddef.h>

struct buf; struct cdate;   /* see generator/buf.h, generator/date.h */

struct feed_item {
	const char	*title;		/* plain text */
	const char	*link;		/* absolute permalink; also the guid / Atom id */
	const struct cdate *published;
	const struct cdate *updated;	/* NULL: same as published */
	const char	*summary;	/* plain text or NULL */
	const char	*content_html;	/* HTML of the body or NULL; its relative URLs are relative to `link` */
	const char	*content_abs;	/* content_html already made absolute
					   (xmlfeed_absolutize_html), or NULL */
	const char	*author;	/* the unit ("Văn phòng Sở") or NULL */
	const char *const *categories;	/* tag names */
	size_t		 ncategories;
	const char	*id;		/* guid / Atom id when it is not the
					   link (NULL: the link); a URL */
	/* The cover's thumbnail (absolute URL and size) or NULL: written
	   as Media RSS <media:thumbnail>, which readers show beside the
	   item (an <enclosure> would need the file's length). */
	const char	*thumb;
	int		 thumb_w, thumb_h;
};

struct feed {
	const char	*title;
	const char	*link;		/* absolute URL of the HTML page the feed mirrors */
	const char	*self;		/* absolute URL of the feed itself */
	const char	*description;	/* NULL or "": the title is used (RSS needs one) */
	const char	*lang;		/* "vi" */
	const char	*generator;	/* "cchc 0.1.0" */
	const struct cdate *fallback_updated;	/* used only when there are no items */
	const struct feed_item *items;	/* newest first */
	size_t		 nitems;
	int		 full_content;	/* 1: content:encoded / Atom content; 0: summaries only */
	/* Added: the Atom feed-level <author><name> (e.g. the department); NULL: title. */
	const char	*author;
};

int	xmlfeed_write_rss(const struct feed *, struct buf *out);	/* 0 or -1 */
int	xmlfeed_write_atom(const struct feed *, struct buf *out);

struct sitemap_url { const char *loc; const struct cdate *lastmod; /* may be NULL */ };

/*
 * <lastmod> is YYYY-MM-DD for a date without a time of day, else the full
 * W3C datetime in +07:00.  Fails (-1) when n is 0 or more than 50,000 (the
 * protocol's limits) or a loc is NULL.
 */
int	sitemap_write(const struct sitemap_url *, size_t n, struct buf *out);
/* A sitemap index (<sitemapindex>): each entry names one sitemap file. */
int	sitemap_index_write(const struct sitemap_url *, size_t n,
	    struct buf *out);

/*
 * Rewrites every relative URL in href/src attributes of an HTML fragment to
 * absolute against `base` (libxml2 HTML parser + xmlBuildURI); used for feed
 * content.  "#frag" becomes "base#frag" (feed readers show content away from
 * its page); URLs with a scheme are kept.  Returns a malloc'd string (""
 * for NULL or empty html), NULL only if libxml2 fails.
 */
char	*xmlfeed_absolutize_html(const char *html, const char *base);
/* libxml2's global set-up: call once from the main thread before threads
 * write feeds. */
void	xmlfeed_global_init(void);

#endif
