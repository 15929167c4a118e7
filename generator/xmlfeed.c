/*
 * xmlfeed.c - RSS 2.0, Atom 1.0 and sitemap documents through libxml2's
 * xmlTextWriter, and the absolutizing of feed content; see xmlfeed.h.
 *
 * Every string goes through feed_clean() before it reaches the writer, so
 * that no input can make the document ill-formed; the writer escapes
 * markup characters.  The writer's output goes straight into the caller's
 * struct buf through an xmlOutputBuffer with our write callback.
 */
#include <limits.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "date.h"
#include "escape.h"
#include "xmlfeed.h"
#include "url.h"
#include "util.h"

#define FEED_NS_ATOM	"http://www.w3.org/2005/Atom"
#define FEED_NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define FEED_NS_DC	"http://purl.org/dc/elements/1.1/"
#define FEED_NS_MEDIA	"http://search.yahoo.com/mrss/"
#define FEED_NS_SITEMAP	"http://www.sitemaps.org/schemas/sitemap/0.9"
#define FEED_SITEMAP_MAX 50000

/* A document being written: the writer and a scratch buffer for text. */
struct feed_doc {
	xmlTextWriterPtr w;
	struct buf	*out;
	size_t		 start;		/* out->len before this document */
	struct buf	 tmp;
};

enum feed_datefmt {
	FEED_DATE_RFC822,	/* RSS */
	FEED_DATE_ISO,		/* Atom: RFC 3339 */
	FEED_DATE_W3C		/* sitemap: YYYY-MM-DD, or RFC 3339 with a time */
};

/*
 * Appends s to b without what XML 1.0 cannot carry: C0 controls other
 * than tab, LF and CR, U+FFFE, U+FFFF, and bytes that are not UTF-8
 * (overlong forms and surrogates included).
 */
static void
feed_clean(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	size_t		 n;
	unsigned char	 c, lo, hi;

	/* What is kept is copied a run at a time, up to a dropped byte. */
	while (*p != '\0') {
		c = *p;
		if (c < 0x80) {
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
				p++;
				continue;
			}
			goto drop;
		}
		lo = 0x80;
		hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0;	/* overlong */
			else if (c == 0xED)
				hi = 0x9F;	/* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;	/* overlong */
			else if (c == 0xF4)
				hi = 0x8F;	/* above U+10FFFF */
		} else
			goto drop;
		if (p[1] < lo || p[1] > hi ||
		    (n >= 2 && (p[2] & 0xC0) != 0x80) ||
		    (n >= 3 && (p[3] & 0xC0) != 0x80))
			goto drop;	/* not UTF-8: drop the lead byte, resync */
		/* U+FFFE and U+FFFF are not XML characters. */
		if (c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
			n += 1;
			goto dropn;
		}
		p += n + 1;
		continue;
drop:
		n = 1;
dropn:
		if (p > run)
			buf_put(b, run, (size_t)(p - run));
		p += n;
		run = p;
	}
	if (p > run)
		buf_put(b, run, (size_t)(p - run));
}

static int
feed_io_write(void *ctx, const char *p, int n)
{
	if (n > 0)
		buf_put(ctx, p, (size_t)n);
	return n;
}

static int
feed_io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* Starts a document appended to out: declaration, indentation. */
static int
feed_doc_open(struct feed_doc *d, struct buf *out)
{
	xmlOutputBufferPtr ob;
	int		 rc = -1;

	xmlInitParser();
	d->out = out;
	d->start = out->len;
	buf_init(&d->tmp);
	if ((ob = xmlOutputBufferCreateIO(feed_io_write, feed_io_close, out,
	    NULL)) == NULL)
		goto out;
	/* Once the writer exists, it owns ob. */
	if ((d->w = xmlNewTextWriter(ob)) == NULL) {
		xmlOutputBufferClose(ob);
		goto out;
	}
	if (xmlTextWriterSetIndent(d->w, 1) < 0)
		goto out;
	if (xmlTextWriterSetIndentString(d->w, BAD_CAST "  ") < 0)
		goto out;
	if (xmlTextWriterStartDocument(d->w, "1.0", "UTF-8", NULL) < 0)
		goto out;
	rc = 0;
out:
	return rc;
}

/*
 * Ends the document (ok: everything was written) and frees the writer;
 * on failure the output is taken back out of the buffer.
 */
static int
feed_doc_close(struct feed_doc *d, int ok)
{
	int	 rc = -1;

	if (d->w != NULL) {
		if (ok && xmlTextWriterEndDocument(d->w) >= 0 &&
		    xmlTextWriterFlush(d->w) >= 0)
			rc = 0;
		xmlFreeTextWriter(d->w);
		d->w = NULL;
	}
	buf_free(&d->tmp);
	if (rc == -1)
		buf_truncate(d->out, d->start);
	return rc;
}

/* s cleaned, in the scratch buffer (valid until the next call). */
static const xmlChar *
feed_text(struct feed_doc *d, const char *s)
{
	buf_reset(&d->tmp);
	feed_clean(&d->tmp, s);
	return BAD_CAST buf_cstr(&d->tmp);
}

static int
feed_start(struct feed_doc *d, const char *name)
{
	return xmlTextWriterStartElement(d->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int
feed_end(struct feed_doc *d)
{
	return xmlTextWriterEndElement(d->w) < 0 ? -1 : 0;
}

static int
feed_attr(struct feed_doc *d, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(d->w, BAD_CAST name,
	    feed_text(d, value)) < 0 ? -1 : 0;
}

/* <name>text</name> */
static int
feed_elem(struct feed_doc *d, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(d->w, BAD_CAST name,
	    feed_text(d, text)) < 0 ? -1 : 0;
}

/* <name>date</name>, in Vietnam time. */
static int
feed_elem_date(struct feed_doc *d, const char *name, const struct cdate *c,
    enum feed_datefmt fmt)
{
	struct cdate	 vn;
	struct buf	 b = BUF_INIT;
	int		 rc;

	date_to_vn(c, &vn);
	if (fmt == FEED_DATE_RFC822)
		date_fmt_rfc822(&vn, &b);
	else if (fmt == FEED_DATE_W3C && !c->has_time)
		date_fmt_ymd(&vn, &b);
	else
		date_fmt_iso(&vn, &b);
	rc = feed_elem(d, name, buf_cstr(&b));
	buf_free(&b);
	return rc;
}

/* <link rel=".." type=".." href=".."/> and the like. */
static int
feed_link(struct feed_doc *d, const char *name, const char *rel,
    const char *type, const char *href)
{
	int	 rc = -1;

	if (feed_start(d, name) == -1)
		goto out;
	if (feed_attr(d, "href", href) == -1 ||
	    feed_attr(d, "rel", rel) == -1 ||
	    feed_attr(d, "type", type) == -1)
		goto out;
	if (feed_end(d) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

static int
feed_nonempty(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* The item's last change: updated when later than published. */
static const struct cdate *
feed_item_updated(const struct feed_item *it)
{
	if (it->updated != NULL && date_cmp(it->updated, it->published) > 0)
		return it->updated;
	return it->published;
}

/* Required fields present?  Returns the feed's date, or NULL. */
static const struct cdate *
feed_check(const struct feed *f)
{
	const struct cdate *newest = NULL, *u;
	size_t		 i, j;

	if (f == NULL || f->title == NULL || f->link == NULL ||
	    f->self == NULL || (f->nitems > 0 && f->items == NULL))
		return NULL;
	for (i = 0; i < f->nitems; i++) {
		const struct feed_item *it = &f->items[i];

		if (it->title == NULL || it->link == NULL ||
		    it->published == NULL ||
		    (it->ncategories > 0 && it->categories == NULL))
			return NULL;
		for (j = 0; j < it->ncategories; j++)
			if (it->categories[j] == NULL)
				return NULL;
		u = feed_item_updated(it);
		if (newest == NULL || date_cmp(u, newest) > 0)
			newest = u;
	}
	return newest != NULL ? newest : f->fallback_updated;
}

/* HTML content of an item made absolute, written as text of <name>. */
static int
feed_content(struct feed_doc *d, const char *name, const char *type,
    const struct feed_item *it)
{
	char	*html;
	int	 rc = -1;

	if (it->content_abs != NULL)
		html = xstrdup(it->content_abs);
	else if ((html = xmlfeed_absolutize_html(it->content_html, it->link)) ==
	    NULL)
		return -1;
	if (feed_start(d, name) == -1)
		goto out;
	if (type != NULL && feed_attr(d, "type", type) == -1)
		goto out;
	if (xmlTextWriterWriteString(d->w, feed_text(d, html)) < 0)
		goto out;
	if (feed_end(d) == -1)
		goto out;
	rc = 0;
out:
	free(html);
	return rc;
}

/* The Media RSS namespace is declared only in a feed that uses it. */
static int
feed_has_thumbs(const struct feed *f)
{
	size_t	 i;

	for (i = 0; i < f->nitems; i++)
		if (f->items[i].thumb != NULL)
			return 1;
	return 0;
}

/* <media:thumbnail url="..." width="W" height="H"/> */
static int
feed_thumb(struct feed_doc *d, const struct feed_item *it)
{
	char	 n[16];

	if (it->thumb == NULL)
		return 0;
	if (feed_start(d, "media:thumbnail") == -1 ||
	    feed_attr(d, "url", it->thumb) == -1)
		return -1;
	snprintf(n, sizeof(n), "%d", it->thumb_w);
	if (feed_attr(d, "width", n) == -1)
		return -1;
	snprintf(n, sizeof(n), "%d", it->thumb_h);
	if (feed_attr(d, "height", n) == -1 || feed_end(d) == -1)
		return -1;
	return 0;
}

static int
feed_rss_item(struct feed_doc *d, const struct feed *f,
    const struct feed_item *it)
{
	struct buf	 html = BUF_INIT;
	size_t		 i;
	int		 rc = -1;

	if (feed_start(d, "item") == -1)
		goto out;
	if (feed_elem(d, "title", it->title) == -1 ||
	    feed_elem(d, "link", it->link) == -1)
		goto out;
	/* A separate id is a URL too, but not the page: not a permalink. */
	if (feed_start(d, "guid") == -1 ||
	    feed_attr(d, "isPermaLink", it->id != NULL ? "false" :
	    "true") == -1 ||
	    xmlTextWriterWriteString(d->w, feed_text(d, it->id != NULL ?
	    it->id : it->link)) < 0 ||
	    feed_end(d) == -1)
		goto out;
	if (feed_elem_date(d, "pubDate", it->published,
	    FEED_DATE_RFC822) == -1)
		goto out;
	if (feed_nonempty(it->author) &&
	    feed_elem(d, "dc:creator", it->author) == -1)
		goto out;
	for (i = 0; i < it->ncategories; i++)
		if (feed_elem(d, "category", it->categories[i]) == -1)
			goto out;
	if (feed_thumb(d, it) == -1)
		goto out;
	if (it->summary != NULL) {
		/* RSS readers show <description> as HTML: escape the text. */
		escape_html(&html, it->summary, strlen(it->summary));
		if (feed_elem(d, "description", buf_cstr(&html)) == -1)
			goto out;
	}
	if (f->full_content && it->content_html != NULL &&
	    feed_content(d, "content:encoded", NULL, it) == -1)
		goto out;
	if (feed_end(d) == -1)
		goto out;
	rc = 0;
out:
	buf_free(&html);
	return rc;
}

int
xmlfeed_write_rss(const struct feed *f, struct buf *out)
{
	struct feed_doc	 d = { 0 };
	const struct cdate *newest;
	size_t		 i;
	int		 ok = 0;

	if ((newest = feed_check(f)) == NULL)
		return -1;
	if (feed_doc_open(&d, out) == -1)
		goto out;
	if (feed_start(&d, "rss") == -1 ||
	    feed_attr(&d, "version", "2.0") == -1 ||
	    feed_attr(&d, "xmlns:atom", FEED_NS_ATOM) == -1 ||
	    feed_attr(&d, "xmlns:content", FEED_NS_CONTENT) == -1 ||
	    feed_attr(&d, "xmlns:dc", FEED_NS_DC) == -1 ||
	    (feed_has_thumbs(f) &&
	    feed_attr(&d, "xmlns:media", FEED_NS_MEDIA) == -1))
		goto out;
	if (feed_start(&d, "channel") == -1)
		goto out;
	if (feed_elem(&d, "title", f->title) == -1 ||
	    feed_elem(&d, "link", f->link) == -1 ||
	    feed_elem(&d, "description", feed_nonempty(f->description) ?
	    f->description : f->title) == -1)
		goto out;
	if (feed_nonempty(f->lang) && feed_elem(&d, "language", f->lang) == -1)
		goto out;
	if (feed_nonempty(f->generator) &&
	    feed_elem(&d, "generator", f->generator) == -1)
		goto out;
	if (feed_elem_date(&d, "lastBuildDate", newest,
	    FEED_DATE_RFC822) == -1)
		goto out;
	if (feed_link(&d, "atom:link", "self", "application/rss+xml",
	    f->self) == -1)
		goto out;
	for (i = 0; i < f->nitems; i++)
		if (feed_rss_item(&d, f, &f->items[i]) == -1)
			goto out;
	if (feed_end(&d) == -1 || feed_end(&d) == -1)	/* channel, rss */
		goto out;
	ok = 1;
out:
	return feed_doc_close(&d, ok);
}

/* <author><name>name</name></author> */
static int
feed_atom_author(struct feed_doc *d, const char *name)
{
	int	 rc = -1;

	if (feed_start(d, "author") == -1 ||
	    feed_elem(d, "name", name) == -1 ||
	    feed_end(d) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

static int
feed_atom_entry(struct feed_doc *d, const struct feed *f,
    const struct feed_item *it)
{
	size_t	 i;
	int	 rc = -1;

	if (feed_start(d, "entry") == -1)
		goto out;
	if (feed_elem(d, "id", it->id != NULL ? it->id : it->link) == -1 ||
	    feed_elem(d, "title", it->title) == -1 ||
	    feed_link(d, "link", "alternate", "text/html", it->link) == -1)
		goto out;
	if (feed_elem_date(d, "published", it->published,
	    FEED_DATE_ISO) == -1 ||
	    feed_elem_date(d, "updated", feed_item_updated(it),
	    FEED_DATE_ISO) == -1)
		goto out;
	if (feed_nonempty(it->author) &&
	    feed_atom_author(d, it->author) == -1)
		goto out;
	for (i = 0; i < it->ncategories; i++)
		if (feed_start(d, "category") == -1 ||
		    feed_attr(d, "term", it->categories[i]) == -1 ||
		    feed_end(d) == -1)
			goto out;
	if (feed_thumb(d, it) == -1)
		goto out;
	if (it->summary != NULL && (feed_start(d, "summary") == -1 ||
	    feed_attr(d, "type", "text") == -1 ||
	    xmlTextWriterWriteString(d->w, feed_text(d, it->summary)) < 0 ||
	    feed_end(d) == -1))
		goto out;
	if (f->full_content && it->content_html != NULL &&
	    feed_content(d, "content", "html", it) == -1)
		goto out;
	if (feed_end(d) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

int
xmlfeed_write_atom(const struct feed *f, struct buf *out)
{
	struct feed_doc	 d = { 0 };
	const struct cdate *newest;
	size_t		 i;
	int		 ok = 0;

	if ((newest = feed_check(f)) == NULL)
		return -1;
	if (feed_doc_open(&d, out) == -1)
		goto out;
	if (feed_start(&d, "feed") == -1 ||
	    feed_attr(&d, "xmlns", FEED_NS_ATOM) == -1 ||
	    (feed_has_thumbs(f) &&
	    feed_attr(&d, "xmlns:media", FEED_NS_MEDIA) == -1))
		goto out;
	if (feed_nonempty(f->lang) && feed_attr(&d, "xml:lang", f->lang) == -1)
		goto out;
	if (feed_elem(&d, "id", f->self) == -1 ||
	    feed_elem(&d, "title", f->title) == -1)
		goto out;
	if (feed_nonempty(f->description) &&
	    feed_elem(&d, "subtitle", f->description) == -1)
		goto out;
	if (feed_elem_date(&d, "updated", newest, FEED_DATE_ISO) == -1)
		goto out;
	if (feed_link(&d, "link", "alternate", "text/html", f->link) == -1 ||
	    feed_link(&d, "link", "self", "application/atom+xml",
	    f->self) == -1)
		goto out;
	if (feed_atom_author(&d, feed_nonempty(f->author) ? f->author :
	    f->title) == -1)
		goto out;
	if (feed_nonempty(f->generator) &&
	    feed_elem(&d, "generator", f->generator) == -1)
		goto out;
	for (i = 0; i < f->nitems; i++)
		if (feed_atom_entry(&d, f, &f->items[i]) == -1)
			goto out;
	if (feed_end(&d) == -1)
		goto out;
	ok = 1;
out:
	return feed_doc_close(&d, ok);
}

/* A <urlset> of <url>, or a <sitemapindex> of <sitemap>: the same shape. */
static int
sitemap_doc(const struct sitemap_url *u, size_t n, const char *root,
    const char *item, struct buf *out)
{
	struct feed_doc	 d = { 0 };
	size_t		 i;
	int		 ok = 0;

	if (u == NULL || n == 0 || n > FEED_SITEMAP_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if (u[i].loc == NULL)
			return -1;
	if (feed_doc_open(&d, out) == -1)
		goto out;
	if (feed_start(&d, root) == -1 ||
	    feed_attr(&d, "xmlns", FEED_NS_SITEMAP) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		if (feed_start(&d, item) == -1 ||
		    feed_elem(&d, "loc", u[i].loc) == -1)
			goto out;
		if (u[i].lastmod != NULL && feed_elem_date(&d, "lastmod",
		    u[i].lastmod, FEED_DATE_W3C) == -1)
			goto out;
		if (feed_end(&d) == -1)
			goto out;
	}
	if (feed_end(&d) == -1)
		goto out;
	ok = 1;
out:
	return feed_doc_close(&d, ok);
}

int
sitemap_write(const struct sitemap_url *u, size_t n, struct buf *out)
{
	return sitemap_doc(u, n, "urlset", "url", out);
}

int
sitemap_index_write(const struct sitemap_url *u, size_t n, struct buf *out)
{
	return sitemap_doc(u, n, "sitemapindex", "sitemap", out);
}

/*
 * Makes the URL attribute `name` of element n absolute against base.
 * Leaves it alone when it has a scheme or cannot be resolved.
 */
static int
feed_absolutize_attr(xmlNodePtr n, const char *name, const xmlChar *base)
{
	xmlChar		*v, *abs = NULL;
	struct buf	 enc = BUF_INIT;
	const char	*s;
	size_t		 len;
	int		 rc = -1;

	if ((v = xmlGetNoNsProp(n, BAD_CAST name)) == NULL)
		return 0;
	/* Browsers strip ASCII whitespace around URLs; so do we. */
	s = (const char *)v;
	s += strspn(s, " \t\n\r\f");
	len = strlen(s);
	while (len > 0 && strchr(" \t\n\r\f", s[len - 1]) != NULL)
		len--;
	buf_put(&enc, s, len);
	if (url_scheme_len(buf_cstr(&enc)) > 0) {
		rc = 0;
		goto out;
	}
	if ((abs = xmlBuildURI(BAD_CAST buf_cstr(&enc), base)) == NULL) {
		/* "tệp tin.pdf": xmlParseURI wants it percent-encoded. */
		char *raw = buf_detach(&enc);

		url_pct_encode(&enc, raw, strlen(raw),
		    URL_PCT_BRACKETS | URL_PCT_STRAY);
		free(raw);
		abs = xmlBuildURI(BAD_CAST buf_cstr(&enc), base);
	}
	if (abs == NULL) {
		rc = 0;		/* not a URL we understand: keep it */
		goto out;
	}
	if (xmlSetProp(n, BAD_CAST name, abs) == NULL)
		goto out;
	rc = 0;
out:
	xmlFree(abs);
	xmlFree(v);
	buf_free(&enc);
	return rc;
}

/*
 * srcset: "a.jpg 480w, b.jpg 960w", each candidate's URL made absolute
 * (a feed reader resolves nothing against the page).  A URL with a comma
 * would be cut; cchc's image names have none.
 */
static int
feed_absolutize_srcset(xmlNodePtr n, const xmlChar *base)
{
	xmlChar		*v, *abs;
	struct buf	 out = BUF_INIT, url = BUF_INIT;
	const char	*s, *e, *sp;
	int		 rc = -1;

	if ((v = xmlGetNoNsProp(n, BAD_CAST "srcset")) == NULL)
		return 0;
	for (s = (const char *)v; *s != '\0'; s = *e ? e + 1 : e) {
		s += strspn(s, " \t\n\r\f");
		e = s + strcspn(s, ",");
		sp = s + strcspn(s, " \t\n\r\f,");
		buf_reset(&url);
		buf_put(&url, s, (size_t)(sp - s));
		if (url.len == 0)
			continue;
		if (out.len > 0)
			buf_puts(&out, ", ");
		abs = url_scheme_len(buf_cstr(&url)) > 0 ? NULL :
		    xmlBuildURI(BAD_CAST buf_cstr(&url), base);
		buf_puts(&out, abs != NULL ? (const char *)abs : buf_cstr(&url));
		xmlFree(abs);
		buf_put(&out, sp, (size_t)(e - sp));
	}
	if (xmlSetProp(n, BAD_CAST "srcset", BAD_CAST buf_cstr(&out)) == NULL)
		goto out;
	rc = 0;
out:
	xmlFree(v);
	buf_free(&url);
	buf_free(&out);
	return rc;
}

/* Every href, src and srcset under (not including) top, without
   recursion. */
static int
feed_absolutize_tree(xmlNodePtr top, const xmlChar *base)
{
	xmlNodePtr	 n = top->children;

	while (n != NULL && n != top) {
		if (n->type == XML_ELEMENT_NODE) {
			if (feed_absolutize_attr(n, "href", base) == -1 ||
			    feed_absolutize_attr(n, "src", base) == -1 ||
			    feed_absolutize_srcset(n, base) == -1)
				return -1;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n != top)
			n = n->next;
	}
	return 0;
}

/* The <body> element of a parsed HTML document, or NULL. */
static xmlNodePtr
feed_html_body(htmlDocPtr doc)
{
	xmlNodePtr	 n, root = xmlDocGetRootElement(doc);

	if (root == NULL)
		return NULL;
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(n->name, BAD_CAST "body") == 0)
			return n;
	return NULL;
}

char *
xmlfeed_absolutize_html(const char *html, const char *base)
{
	struct buf	 src = BUF_INIT, res = BUF_INIT;
	htmlDocPtr	 doc = NULL;
	xmlOutputBufferPtr ob = NULL;
	xmlNodePtr	 body, n;
	char		*ret = NULL;
	htmlParserCtxtPtr ctxt = NULL;
	/* XML_PARSE_HUGE: no depth limit of 256 (the parser would stop
	 * there and drop the rest); our walk and libxml2's are iterative. */
	int		 opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			    HTML_PARSE_NONET | HTML_PARSE_NODEFDTD |
			    XML_PARSE_HUGE;

	if (html == NULL || html[0] == '\0')
		return xstrdup("");
	xmlInitParser();
	/*
	 * Our own html/body around the fragment, so that the parser does
	 * not imply a <p> around leading text; the input cleaned first, as
	 * the parser would otherwise guess another encoding on a bad byte.
	 */
	buf_puts(&src, "<html><body>");
	feed_clean(&src, html);
	buf_puts(&src, "</body></html>");
	if (src.len > INT_MAX)
		goto out;
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		goto out;
	if ((doc = htmlCtxtReadMemory(ctxt, src.data, (int)src.len, NULL,
	    "UTF-8", opts)) == NULL)
		goto out;
	/* A parser that stopped (out of memory) left content out. */
	if (ctxt->disableSAX != 0 || ctxt->instate == XML_PARSER_EOF)
		goto out;
	/* Attribute values are written as UTF-8, not &#...; references. */
	if (doc->encoding == NULL &&
	    (doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) == NULL)
		goto out;
	if ((body = feed_html_body(doc)) == NULL)
		goto out;
	if (base != NULL && feed_absolutize_tree(body, BAD_CAST base) == -1)
		goto out;
	/* No encoder: the UTF-8 of the tree goes out unchanged. */
	if ((ob = xmlOutputBufferCreateIO(feed_io_write, feed_io_close, &res,
	    NULL)) == NULL)
		goto out;
	for (n = body->children; n != NULL; n = n->next)
		htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 0);
	if (ob->error != 0)
		goto out;
	if (xmlOutputBufferClose(ob) < 0) {
		ob = NULL;
		goto out;
	}
	ob = NULL;
	ret = buf_detach(&res);
out:
	if (ob != NULL)
		xmlOutputBufferClose(ob);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (ctxt != NULL)
		htmlFreeParserCtxt(ctxt);
	buf_free(&src);
	buf_free(&res);
	return ret;
}

void
xmlfeed_global_init(void)
{
	xmlInitParser();
}
