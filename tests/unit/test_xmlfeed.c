/*
 * test_xmlfeed.c - RSS, Atom and sitemap output (read back with libxml2 and
 * XPath), and xmlfeed_absolutize_html.
 *
 * With a directory argument (`test_xmlfeed DIR`) the program also writes
 * the sample documents it checks, for the real validators:
 * DIR/rss.xml, DIR/atom.xml, DIR/atom-empty.xml, DIR/sitemap.xml and
 * DIR/feeds.json (a manifest for tests/validate/feeds.py); tests/site.sh
 * runs them through feeds.py and the sitemap schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "buf.h"
#include "date.h"
#include "xmlfeed.h"
#include "t.h"

#define BASE	"https://sokhcn.soctrang.gov.vn/cai-cach-hanh-chinh/"

static struct buf	 xpbuf = BUF_INIT;
static const char	*sample_dir;

/* Parses an XML document strictly (no recovery); NULL if ill-formed. */
static xmlDocPtr
parse(const struct buf *b)
{
	if (b->data == NULL)
		return NULL;
	return xmlReadMemory(b->data, (int)b->len, "feed.xml", NULL,
	    XML_PARSE_NONET);
}

/* The string value of an XPath expression ("" for nothing). */
static const char *
xp(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	xmlChar		*s;

	buf_reset(&xpbuf);
	if (doc == NULL)
		return "(no document)";
	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlXPathRegisterNs(ctx, BAD_CAST "content", BAD_CAST "http://purl.org/rss/1.0/modules/content/");
	xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, BAD_CAST "sm", BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (o == NULL)
		buf_puts(&xpbuf, "(bad xpath)");
	else {
		s = xmlXPathCastToString(o);
		buf_puts(&xpbuf, (const char *)s);
		xmlFree(s);
		xmlXPathFreeObject(o);
	}
	xmlXPathFreeContext(ctx);
	return buf_cstr(&xpbuf);
}

/* Starts with the XML declaration? */
static int
str_prefix(const char *s)
{
	return s != NULL &&
	    strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0;
}

static void
save(const char *name, const struct buf *b)
{
	char	 path[4096];
	FILE	*fp;

	if (sample_dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s", sample_dir, name);
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(b->data, 1, b->len, fp) != b->len || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static struct cdate	 d_pub1, d_upd1, d_pub2, d_fallback;
static const char *const tags1[] = { "Cải cách hành chính", "Chuyển đổi số & <AI>" };

/* Two posts; the first has everything, the second only what is required. */
static struct feed_item	 items[2];

static void
sample_feed(struct feed *f)
{
	date_parse("2025-11-06", &d_pub1, NULL);
	date_parse("2025-11-07T01:30:00Z", &d_upd1, NULL);	/* 08:30 +07 */
	date_parse("2025-10-01T08:00", &d_pub2, NULL);
	date_parse("2025-01-01", &d_fallback, NULL);
	memset(items, 0, sizeof(items));
	items[0].title = "Hội nghị\x01 triển khai\x0b CCHC năm 2025";
	items[0].link = BASE "tin-tuc/hoi-nghi/";
	items[0].published = &d_pub1;
	items[0].updated = &d_upd1;
	items[0].summary = "Tóm tắt \"bài\" viết <b>không phải HTML</b>";
	items[0].content_html = "<p>Xem <a href=\"../ke-hoach/\">kế hoạch</a>"
	    "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" "
	    "data-footnote-ref>1</a></sup> và <img src=\"anh.png\" "
	    "alt=\"Ảnh hội nghị\"></p>\n";
	items[0].author = "Văn phòng Sở";
	items[0].categories = tags1;
	items[0].ncategories = 2;
	items[1].title = "Bài cũ";
	items[1].link = BASE "tin-tuc/bai-cu/";
	items[1].published = &d_pub2;

	memset(f, 0, sizeof(*f));
	f->title = "Tin tức — Chuyên mục Cải cách hành chính";
	f->link = BASE "tin-tuc/";
	f->self = BASE "rss.xml";
	f->description = "Tin cải cách hành chính của Sở";
	f->lang = "vi";
	f->generator = "cchc 0.1.0";
	f->fallback_updated = &d_fallback;
	f->items = items;
	f->nitems = 2;
	f->full_content = 1;
}

static void
test_rss(void)
{
	struct feed	 f;
	struct buf	 b = BUF_INIT, again = BUF_INIT;
	xmlDocPtr	 doc;

	sample_feed(&f);
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	save("rss.xml", &b);
	T_OK(str_prefix(b.data));
	T_CONTAINS(b.data, "\n  <channel>\n    <title>");	/* indented */
	T_CONTAINS(b.data, "Văn phòng Sở");		/* UTF-8, not &#...; */
	T_OK(b.len > 0 && b.data[b.len - 1] == '\n');
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "name(/*)"), "rss");
	T_STREQ(xp(doc, "string(/rss/@version)"), "2.0");
	T_STREQ(xp(doc, "count(/rss/channel)"), "1");
	T_STREQ(xp(doc, "string(/rss/channel/title)"), "Tin tức — Chuyên mục Cải cách hành chính");
	T_STREQ(xp(doc, "string(/rss/channel/link)"), BASE "tin-tuc/");
	T_STREQ(xp(doc, "string(/rss/channel/description)"), "Tin cải cách hành chính của Sở");
	T_STREQ(xp(doc, "string(/rss/channel/language)"), "vi");
	T_STREQ(xp(doc, "string(/rss/channel/generator)"), "cchc 0.1.0");
	/* The newest date of all, the first post's update, in +0700. */
	T_STREQ(xp(doc, "string(/rss/channel/lastBuildDate)"), "Fri, 07 Nov 2025 08:30:00 +0700");
	T_STREQ(xp(doc, "string(/rss/channel/a:link/@rel)"), "self");
	T_STREQ(xp(doc, "string(/rss/channel/a:link/@type)"), "application/rss+xml");
	T_STREQ(xp(doc, "string(/rss/channel/a:link/@href)"), BASE "rss.xml");
	T_STREQ(xp(doc, "count(/rss/channel/item)"), "2");

	/* Everything on the first item; controls stripped from the title. */
	T_STREQ(xp(doc, "string(//item[1]/title)"), "Hội nghị triển khai CCHC năm 2025");
	T_STREQ(xp(doc, "string(//item[1]/link)"), BASE "tin-tuc/hoi-nghi/");
	T_STREQ(xp(doc, "string(//item[1]/guid)"), BASE "tin-tuc/hoi-nghi/");
	T_STREQ(xp(doc, "string(//item[1]/guid/@isPermaLink)"), "true");
	T_STREQ(xp(doc, "string(//item[1]/pubDate)"), "Thu, 06 Nov 2025 00:00:00 +0700");
	T_STREQ(xp(doc, "string(//item[1]/dc:creator)"), "Văn phòng Sở");
	T_STREQ(xp(doc, "count(//item[1]/author)"), "0");
	T_STREQ(xp(doc, "count(//item[1]/category)"), "2");
	T_STREQ(xp(doc, "string(//item[1]/category[1])"), "Cải cách hành chính");
	T_STREQ(xp(doc, "string(//item[1]/category[2])"), "Chuyển đổi số & <AI>");
	/* Plain text, escaped as the HTML that RSS descriptions are. */
	T_STREQ(xp(doc, "string(//item[1]/description)"), "Tóm tắt &quot;bài&quot; viết &lt;b&gt;không phải HTML&lt;/b&gt;");
	T_STREQ(xp(doc, "string(//item[1]/content:encoded)"),
	    "<p>Xem <a href=\"" BASE "tin-tuc/ke-hoach/\">kế hoạch</a>"
	    "<sup class=\"footnote-ref\"><a href=\"" BASE "tin-tuc/hoi-nghi/#fn-1\" "
	    "id=\"fnref-1\" data-footnote-ref>1</a></sup> và <img src=\""
	    BASE "tin-tuc/hoi-nghi/anh.png\" alt=\"Ảnh hội nghị\"></p>\n");

	/* The second has no summary, unit, tags or content. */
	T_STREQ(xp(doc, "string(//item[2]/title)"), "Bài cũ");
	T_STREQ(xp(doc, "string(//item[2]/pubDate)"), "Wed, 01 Oct 2025 08:00:00 +0700");
	T_STREQ(xp(doc, "count(//item[2]/*)"), "4");	/* title link guid pubDate */
	xmlFreeDoc(doc);

	/* Same input, same bytes. */
	T_INTEQ(xmlfeed_write_rss(&f, &again), 0);
	T_OK(again.len == b.len && memcmp(again.data, b.data, b.len) == 0);

	/* Summaries only. */
	buf_reset(&b);
	f.full_content = 0;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "count(//content:encoded)"), "0");
	T_STREQ(xp(doc, "count(//item[1]/description)"), "1");
	xmlFreeDoc(doc);

	/* No description: the title stands in (RSS requires one). */
	buf_reset(&b);
	f.description = NULL;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(/rss/channel/description)"), "Tin tức — Chuyên mục Cải cách hành chính");
	xmlFreeDoc(doc);
	buf_free(&b);
	buf_free(&again);
}

static void
test_atom(void)
{
	struct feed	 f;
	struct buf	 b = BUF_INIT, again = BUF_INIT;
	xmlDocPtr	 doc;

	sample_feed(&f);
	f.self = BASE "atom.xml";
	f.author = "Sở Khoa học và Công nghệ";
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	save("atom.xml", &b);
	T_OK(str_prefix(b.data));
	T_CONTAINS(b.data, "term=\"Cải cách hành chính\"");	/* raw UTF-8 in attributes */
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "namespace-uri(/*)"), "http://www.w3.org/2005/Atom");
	T_STREQ(xp(doc, "local-name(/*)"), "feed");
	T_STREQ(xp(doc, "string(/a:feed/@xml:lang)"), "vi");
	T_STREQ(xp(doc, "string(/a:feed/a:id)"), BASE "atom.xml");
	T_STREQ(xp(doc, "string(/a:feed/a:title)"), "Tin tức — Chuyên mục Cải cách hành chính");
	T_STREQ(xp(doc, "string(/a:feed/a:subtitle)"), "Tin cải cách hành chính của Sở");
	T_STREQ(xp(doc, "string(/a:feed/a:updated)"), "2025-11-07T08:30:00+07:00");
	T_STREQ(xp(doc, "string(/a:feed/a:link[@rel='alternate']/@href)"), BASE "tin-tuc/");
	T_STREQ(xp(doc, "string(/a:feed/a:link[@rel='alternate']/@type)"), "text/html");
	T_STREQ(xp(doc, "string(/a:feed/a:link[@rel='self']/@href)"), BASE "atom.xml");
	T_STREQ(xp(doc, "string(/a:feed/a:link[@rel='self']/@type)"), "application/atom+xml");
	T_STREQ(xp(doc, "string(/a:feed/a:author/a:name)"), "Sở Khoa học và Công nghệ");
	T_STREQ(xp(doc, "string(/a:feed/a:generator)"), "cchc 0.1.0");
	T_STREQ(xp(doc, "count(/a:feed/a:entry)"), "2");

	T_STREQ(xp(doc, "string(//a:entry[1]/a:id)"), BASE "tin-tuc/hoi-nghi/");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:title)"), "Hội nghị triển khai CCHC năm 2025");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:link[@rel='alternate']/@href)"), BASE "tin-tuc/hoi-nghi/");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:published)"), "2025-11-06T00:00:00+07:00");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:updated)"), "2025-11-07T08:30:00+07:00");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:author/a:name)"), "Văn phòng Sở");
	T_STREQ(xp(doc, "count(//a:entry[1]/a:category)"), "2");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:category[2]/@term)"), "Chuyển đổi số & <AI>");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:summary/@type)"), "text");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:summary)"), "Tóm tắt \"bài\" viết <b>không phải HTML</b>");
	T_STREQ(xp(doc, "string(//a:entry[1]/a:content/@type)"), "html");
	T_CONTAINS(xp(doc, "string(//a:entry[1]/a:content)"), "<a href=\"" BASE "tin-tuc/ke-hoach/\">kế hoạch</a>");

	/* updated = published when there is no update. */
	T_STREQ(xp(doc, "string(//a:entry[2]/a:published)"), "2025-10-01T08:00:00+07:00");
	T_STREQ(xp(doc, "string(//a:entry[2]/a:updated)"), "2025-10-01T08:00:00+07:00");
	T_STREQ(xp(doc, "count(//a:entry[2]/a:author | //a:entry[2]/a:summary | //a:entry[2]/a:content | //a:entry[2]/a:category)"), "0");
	xmlFreeDoc(doc);

	T_INTEQ(xmlfeed_write_atom(&f, &again), 0);
	T_OK(again.len == b.len && memcmp(again.data, b.data, b.len) == 0);

	/* No feed author given: the feed title. No lang: no xml:lang. */
	buf_reset(&b);
	f.author = NULL;
	f.lang = NULL;
	f.full_content = 0;
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(/a:feed/a:author/a:name)"), "Tin tức — Chuyên mục Cải cách hành chính");
	T_STREQ(xp(doc, "count(/a:feed/@xml:lang)"), "0");
	T_STREQ(xp(doc, "count(//a:content)"), "0");
	xmlFreeDoc(doc);
	buf_free(&b);
	buf_free(&again);
}

/* The whole of a tiny RSS and Atom document, to pin the layout. */
static void
test_exact(void)
{
	struct cdate	 d;
	struct feed_item it;
	struct feed	 f;
	struct buf	 b = BUF_INIT;

	date_parse("2025-06-15T09:30:00", &d, NULL);
	memset(&it, 0, sizeof(it));
	it.title = "A & B";
	it.link = "https://x.vn/a/";
	it.published = &d;
	memset(&f, 0, sizeof(f));
	f.title = "T";
	f.link = "https://x.vn/";
	f.self = "https://x.vn/rss.xml";
	f.description = "D";
	f.lang = "vi";
	f.generator = "cchc 0.1.0";
	f.items = &it;
	f.nitems = 1;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_STREQ(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "  <channel>\n"
	    "    <title>T</title>\n"
	    "    <link>https://x.vn/</link>\n"
	    "    <description>D</description>\n"
	    "    <language>vi</language>\n"
	    "    <generator>cchc 0.1.0</generator>\n"
	    "    <lastBuildDate>Sun, 15 Jun 2025 09:30:00 +0700</lastBuildDate>\n"
	    "    <atom:link href=\"https://x.vn/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n"
	    "    <item>\n"
	    "      <title>A &amp; B</title>\n"
	    "      <link>https://x.vn/a/</link>\n"
	    "      <guid isPermaLink=\"true\">https://x.vn/a/</guid>\n"
	    "      <pubDate>Sun, 15 Jun 2025 09:30:00 +0700</pubDate>\n"
	    "    </item>\n"
	    "  </channel>\n"
	    "</rss>\n");
	buf_reset(&b);
	f.self = "https://x.vn/atom.xml";
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	T_STREQ(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
	    "  <id>https://x.vn/atom.xml</id>\n"
	    "  <title>T</title>\n"
	    "  <subtitle>D</subtitle>\n"
	    "  <updated>2025-06-15T09:30:00+07:00</updated>\n"
	    "  <link href=\"https://x.vn/\" rel=\"alternate\" type=\"text/html\"/>\n"
	    "  <link href=\"https://x.vn/atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n"
	    "  <author>\n"
	    "    <name>T</name>\n"
	    "  </author>\n"
	    "  <generator>cchc 0.1.0</generator>\n"
	    "  <entry>\n"
	    "    <id>https://x.vn/a/</id>\n"
	    "    <title>A &amp; B</title>\n"
	    "    <link href=\"https://x.vn/a/\" rel=\"alternate\" type=\"text/html\"/>\n"
	    "    <published>2025-06-15T09:30:00+07:00</published>\n"
	    "    <updated>2025-06-15T09:30:00+07:00</updated>\n"
	    "  </entry>\n"
	    "</feed>\n");
	buf_free(&b);
}

/* Dates in other zones are shown in Vietnam time; updated before published is ignored. */
static void
test_dates(void)
{
	struct cdate	 pub, upd;
	struct feed_item it;
	struct feed	 f;
	struct buf	 b = BUF_INIT;
	xmlDocPtr	 doc;

	date_parse("2025-11-06T20:00:00Z", &pub, NULL);		/* 03:00 on the 7th */
	date_parse("2025-11-01T10:00:00+07:00", &upd, NULL);	/* earlier: ignored */
	memset(&it, 0, sizeof(it));
	it.title = "x";
	it.link = "https://x.vn/x/";
	it.published = &pub;
	it.updated = &upd;
	memset(&f, 0, sizeof(f));
	f.title = "T";
	f.link = "https://x.vn/";
	f.self = "https://x.vn/feed.xml";
	f.items = &it;
	f.nitems = 1;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(//item/pubDate)"), "Fri, 07 Nov 2025 03:00:00 +0700");
	T_STREQ(xp(doc, "string(//lastBuildDate)"), "Fri, 07 Nov 2025 03:00:00 +0700");
	T_STREQ(xp(doc, "count(//language | //generator)"), "0");
	xmlFreeDoc(doc);
	buf_reset(&b);
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(//a:entry/a:published)"), "2025-11-07T03:00:00+07:00");
	T_STREQ(xp(doc, "string(//a:entry/a:updated)"), "2025-11-07T03:00:00+07:00");
	T_STREQ(xp(doc, "string(/a:feed/a:updated)"), "2025-11-07T03:00:00+07:00");
	T_STREQ(xp(doc, "count(/a:feed/a:subtitle | /a:feed/a:generator)"), "0");
	xmlFreeDoc(doc);
	buf_free(&b);
}

static void
test_empty(void)
{
	struct cdate	 fb;
	struct feed	 f;
	struct buf	 b = BUF_INIT;
	xmlDocPtr	 doc;

	date_parse("2025-01-01", &fb, NULL);
	memset(&f, 0, sizeof(f));
	f.title = "Chủ đề trống";
	f.link = "https://x.vn/chu-de/trong/";
	f.self = "https://x.vn/chu-de/trong/atom.xml";
	f.lang = "vi";
	f.fallback_updated = &fb;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(//lastBuildDate)"), "Wed, 01 Jan 2025 00:00:00 +0700");
	T_STREQ(xp(doc, "count(//item)"), "0");
	xmlFreeDoc(doc);
	buf_reset(&b);
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	save("atom-empty.xml", &b);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(/a:feed/a:updated)"), "2025-01-01T00:00:00+07:00");
	T_STREQ(xp(doc, "count(//a:entry)"), "0");
	xmlFreeDoc(doc);

	/* No items and no fallback: no date to give, so no feed. */
	f.fallback_updated = NULL;
	buf_reset(&b);
	buf_puts(&b, "keep");
	T_INTEQ(xmlfeed_write_rss(&f, &b), -1);
	T_INTEQ(xmlfeed_write_atom(&f, &b), -1);
	T_STREQ(buf_cstr(&b), "keep");
	buf_free(&b);
}

static void
test_required(void)
{
	struct feed	 f, g;
	struct feed_item it[2];
	struct buf	 b = BUF_INIT;
	const char	*nulltag[] = { NULL };

	sample_feed(&f);
	memcpy(it, items, sizeof(it));
	f.items = it;
	buf_puts(&b, "keep");

	/* Appends to what the buffer holds. */
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK(strncmp(buf_cstr(&b), "keep<?xml ", 10) == 0);
	buf_truncate(&b, 4);

	g = f; g.title = NULL;
	T_INTEQ(xmlfeed_write_rss(&g, &b), -1);
	g = f; g.link = NULL;
	T_INTEQ(xmlfeed_write_atom(&g, &b), -1);
	g = f; g.self = NULL;
	T_INTEQ(xmlfeed_write_atom(&g, &b), -1);
	g = f; g.items = NULL;
	T_INTEQ(xmlfeed_write_rss(&g, &b), -1);
	it[1].published = NULL;
	T_INTEQ(xmlfeed_write_rss(&f, &b), -1);
	it[1].published = items[1].published;
	it[1].title = NULL;
	T_INTEQ(xmlfeed_write_atom(&f, &b), -1);
	it[1].title = items[1].title;
	it[1].link = NULL;
	T_INTEQ(xmlfeed_write_atom(&f, &b), -1);
	it[1].link = items[1].link;
	it[1].categories = nulltag;
	it[1].ncategories = 1;
	T_INTEQ(xmlfeed_write_rss(&f, &b), -1);
	T_INTEQ(xmlfeed_write_rss(NULL, &b), -1);
	T_STREQ(buf_cstr(&b), "keep");
	buf_free(&b);
}

/* Characters XML cannot carry are dropped; the document stays well-formed. */
static void
test_invalid_chars(void)
{
	struct feed_item it;
	struct feed	 f;
	struct buf	 b = BUF_INIT, s = BUF_INIT;
	xmlDocPtr	 doc;
	const char	*tag[1];
	int		 c;

	/* Every C0 control, DEL, then bad UTF-8 and non-characters. */
	buf_puts(&s, "a");
	for (c = 1; c < 0x20; c++)
		buf_putc(&s, c);
	buf_puts(&s, "\x7f" "b"
	    "\xc3\x28"		/* lead byte + ASCII */
	    "\xc0\xaf"		/* overlong '/' */
	    "\xe0\x80\xaf"	/* overlong, 3 bytes */
	    "\xed\xa0\x80"	/* surrogate U+D800 */
	    "\xef\xbf\xbe"	/* U+FFFE */
	    "\xef\xbf\xbf"	/* U+FFFF */
	    "\xf4\x90\x80\x80"	/* above U+10FFFF */
	    "\xf0\x9f\x98"	/* truncated 4-byte */
	    "\xff\xfe"
	    "c\xe1\xbb\x87" "\xf0\x9f\x98\x80" "d\x80");
	tag[0] = s.data;
	memset(&it, 0, sizeof(it));
	it.title = s.data;
	it.link = "https://x.vn/a/?x=1&y=\x01" "2";
	it.published = &d_pub1;
	it.summary = s.data;
	it.author = s.data;
	it.categories = tag;
	it.ncategories = 1;
	it.content_html = "<p title=\"\x02t\">x\x03y\xff</p>";
	memset(&f, 0, sizeof(f));
	f.title = s.data;
	f.link = "https://x.vn/";
	f.self = "https://x.vn/f.xml";
	f.description = s.data;
	f.items = &it;
	f.nitems = 1;
	f.full_content = 1;
	T_INTEQ(xmlfeed_write_rss(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	/* Tab, LF, CR and DEL are XML characters and stay. */
	T_STREQ(xp(doc, "string(//item/title)"), "a\t\n\r\x7f" "b(c\xe1\xbb\x87\xf0\x9f\x98\x80" "d");
	T_STREQ(xp(doc, "string(//item/category)"), "a\t\n\r\x7f" "b(c\xe1\xbb\x87\xf0\x9f\x98\x80" "d");
	T_STREQ(xp(doc, "string(//item/link)"), "https://x.vn/a/?x=1&y=2");
	T_STREQ(xp(doc, "string(//item/content:encoded)"), "<p title=\"t\">xy</p>");
	xmlFreeDoc(doc);
	buf_reset(&b);
	T_INTEQ(xmlfeed_write_atom(&f, &b), 0);
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "string(//a:entry/a:category/@term)"), "a\t\n\r\x7f" "b(c\xe1\xbb\x87\xf0\x9f\x98\x80" "d");
	T_STREQ(xp(doc, "string(//a:entry/a:author/a:name)"), "a\t\n\r\x7f" "b(c\xe1\xbb\x87\xf0\x9f\x98\x80" "d");
	xmlFreeDoc(doc);
	buf_free(&b);
	buf_free(&s);
}

static void
test_sitemap(void)
{
	struct cdate	 day, t;
	struct buf	 b = BUF_INIT;
	xmlDocPtr	 doc;
	struct sitemap_url u[3] = {
		{ BASE, &t },
		{ BASE "tin-tuc/?a=1&b=2", &day },
		{ BASE "gioi-thieu/", NULL },
	};
	struct sitemap_url nul[1] = { { NULL, NULL } };

	date_parse("2025-06-15", &day, NULL);
	date_parse("2025-06-15T20:00:00Z", &t, NULL);	/* the 16th in Vietnam */
	T_INTEQ(sitemap_write(u, 3, &b), 0);
	T_STREQ(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "  <url>\n"
	    "    <loc>" BASE "</loc>\n"
	    "    <lastmod>2025-06-16T03:00:00+07:00</lastmod>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>" BASE "tin-tuc/?a=1&amp;b=2</loc>\n"
	    "    <lastmod>2025-06-15</lastmod>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>" BASE "gioi-thieu/</loc>\n"
	    "  </url>\n"
	    "</urlset>\n");
	T_OK((doc = parse(&b)) != NULL);
	T_STREQ(xp(doc, "count(/sm:urlset/sm:url/sm:loc)"), "3");
	xmlFreeDoc(doc);
	buf_reset(&b);
	buf_puts(&b, "keep");
	T_INTEQ(sitemap_write(u, 0, &b), -1);
	T_INTEQ(sitemap_write(NULL, 1, &b), -1);
	T_INTEQ(sitemap_write(nul, 1, &b), -1);
	T_INTEQ(sitemap_write(u, 50001, &b), -1);
	T_STREQ(buf_cstr(&b), "keep");
	buf_free(&b);
}

/* Writes the sample sitemap (for sitemap.sh) and the feeds manifest. */
static void
write_samples(void)
{
	struct cdate	 day;
	struct buf	 b = BUF_INIT;
	struct sitemap_url u[2] = { { BASE, &day }, { BASE "tin-tuc/", NULL } };

	if (sample_dir == NULL)
		return;
	date_parse("2025-06-15", &day, NULL);
	if (sitemap_write(u, 2, &b) == 0)
		save("sitemap.xml", &b);
	buf_reset(&b);
	buf_puts(&b,
	    "[\n"
	    "  {\"path\": \"rss.xml\", \"items\": 2,\n"
	    "   \"titles\": [\"Hội nghị triển khai CCHC năm 2025\", \"Bài cũ\"],\n"
	    "   \"dates\": [\"2025-11-06T00:00:00+07:00\", \"2025-10-01T08:00:00+07:00\"]},\n"
	    "  {\"path\": \"atom.xml\", \"items\": 2,\n"
	    "   \"titles\": [\"Hội nghị triển khai CCHC năm 2025\", \"Bài cũ\"],\n"
	    "   \"dates\": [\"2025-11-05T17:00:00Z\", \"2025-10-01T01:00:00Z\"]},\n"
	    "  {\"path\": \"atom-empty.xml\", \"items\": 0}\n"
	    "]\n");
	save("feeds.json", &b);
	buf_free(&b);
}

static char	*last;

/* The result of xmlfeed_absolutize_html, freed on the next call. */
static char *
absol(const char *html, const char *base)
{
	free(last);
	last = xmlfeed_absolutize_html(html, base);
	return last;
}

static void
test_absolutize(void)
{
	const char	*base = BASE "tin-tuc/bai-viet/";
	struct buf	 deep = BUF_INIT;
	const char	*keep;
	char		*r;
	int		 i;

	T_STREQ(absol(NULL, base), "");
	T_STREQ(absol("", base), "");

	/* Relative references of every shape. */
	T_STREQ(absol("<a href=\"../khac/\">x</a>", base), "<a href=\"" BASE "tin-tuc/khac/\">x</a>");
	T_STREQ(absol("<a href=\"anh.png\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/anh.png\">x</a>");
	T_STREQ(absol("<a href=\"../../\">x</a>", base), "<a href=\"" BASE "\">x</a>");
	T_STREQ(absol("<a href=\"#fn-1\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/#fn-1\">x</a>");
	T_STREQ(absol("<a href=\"?trang=2\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/?trang=2\">x</a>");
	T_STREQ(absol("<a href=\"/khac/\">x</a>", base), "<a href=\"https://sokhcn.soctrang.gov.vn/khac/\">x</a>");
	T_STREQ(absol("<a href=\"//cdn.gov.vn/a.js\">x</a>", base), "<a href=\"https://cdn.gov.vn/a.js\">x</a>");
	T_STREQ(absol("<a href=\" tep.pdf \n\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/tep.pdf\">x</a>");
	T_STREQ(absol("<a href=\"t\xe1\xbb\x87p tin.pdf\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/t%E1%BB%87p%20tin.pdf\">x</a>");
	T_STREQ(absol("<a href=\"a.html?x=1&amp;y=2#z\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/a.html?x=1&amp;y=2#z\">x</a>");
	T_STREQ(absol("<a href=\"qd[1]%zz.pdf\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/qd%5B1%5D%25zz.pdf\">x</a>");
	T_STREQ(absol("<a href=\"\">x</a>", base), "<a href=\"" BASE "tin-tuc/bai-viet/\">x</a>");
	T_STREQ(absol("<img src=\"h\xc3\xacnh.png\" alt=\"\">", base), "<img src=\"" BASE "tin-tuc/bai-viet/h%C3%ACnh.png\" alt=\"\">");

	/* With a scheme: kept as they are. */
	keep = "<p><a href=\"https://x.vn/a?b=1&amp;c=2\">a</a> <a href=\"mailto:vp@soctrang.gov.vn\">m</a> "
	    "<a href=\"tel:+842993822222\">t</a> <a href=\"HTTP://X.VN/\">u</a></p>";
	T_STREQ(absol(keep, base), keep);
	/* No base: nothing is rewritten. */
	T_STREQ(absol("<a href=\"a/\">x</a>", NULL), "<a href=\"a/\">x</a>");

	/* What cmark-gfm writes survives: Vietnamese text and attributes,
	 * tables in scroll regions, task lists, footnotes, strikethrough. */
	r = absol("Chữ đầu đoạn <em>nghiêng</em> <strong>đậm</strong>\n"
	    "<h2 id=\"muc-1\">Mục 1: Đề án</h2>\n"
	    "<div role=\"region\" aria-label=\"Bảng 1\" tabindex=\"0\" class=\"bang\"><table>\n"
	    "<thead>\n<tr>\n<th>Cột</th>\n<th align=\"right\">Số</th>\n</tr>\n</thead>\n"
	    "<tbody>\n<tr>\n<td><del>cũ</del> mới</td>\n<td align=\"right\">1</td>\n</tr>\n</tbody>\n"
	    "</table></div>\n"
	    "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Đã xong\" /> Việc đã xong</li>\n</ul>\n"
	    "<p>Câu có chú thích<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>.</p>\n"
	    "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n"
	    "<p>Chú thích. <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref "
	    "data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">↩</a></p>\n"
	    "</li>\n</ol>\n</section>\n"
	    "<pre><code class=\"language-sh\">a &lt; b &amp;&amp; c\n\n  d\n</code></pre>\n"
	    "<p>a&nbsp;b &quot;c&quot;</p>\n", base);
	T_STREQ(r,
	    "Chữ đầu đoạn <em>nghiêng</em> <strong>đậm</strong>\n"
	    "<h2 id=\"muc-1\">Mục 1: Đề án</h2>\n"
	    "<div role=\"region\" aria-label=\"Bảng 1\" tabindex=\"0\" class=\"bang\"><table>\n"
	    "<thead>\n<tr>\n<th>Cột</th>\n<th align=\"right\">Số</th>\n</tr>\n</thead>\n"
	    "<tbody>\n<tr>\n<td><del>cũ</del> mới</td>\n<td align=\"right\">1</td>\n</tr>\n</tbody>\n"
	    "</table></div>\n"
	    "<ul>\n<li><input type=\"checkbox\" checked disabled aria-label=\"Đã xong\"> Việc đã xong</li>\n</ul>\n"
	    "<p>Câu có chú thích<sup class=\"footnote-ref\"><a href=\"" BASE "tin-tuc/bai-viet/#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>.</p>\n"
	    "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n"
	    "<p>Chú thích. <a href=\"" BASE "tin-tuc/bai-viet/#fnref-1\" class=\"footnote-backref\" data-footnote-backref "
	    "data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">↩</a></p>\n"
	    "</li>\n</ol>\n</section>\n"
	    "<pre><code class=\"language-sh\">a &lt; b &amp;&amp; c\n\n  d\n</code></pre>\n"
	    "<p>a\xc2\xa0" "b \"c\"</p>\n");

	/* Controls and bad bytes are dropped before parsing. */
	T_STREQ(absol("<p>a\x01\xff" "b \xe1\xbb\x87</p>", base), "<p>ab \xe1\xbb\x87</p>");
	/* Dropped bytes in runs, next to kept multibyte characters. */
	T_STREQ(absol("<p>\x02\x03\xe1\xbb\x87\xef\xbf\xbf\xef\xbf\xbe\xed\xa0\x80"
	    "\xe1\xbb\x87\xc0\xaf\xf0\x9f\x98\x80\xf4\x90\x80\x80x\x1f</p>\x7f",
	    base), "<p>\xe1\xbb\x87\xe1\xbb\x87\xf0\x9f\x98\x80x</p>\x7f");

	/* Deep nesting: nothing dropped past libxml2's default depth limit
	 * of 256, and no recursion to overflow the stack. */
	for (i = 0; i < 20000; i++)
		buf_puts(&deep, "<span>");
	buf_puts(&deep, "<a href=\"x\">x</a>");
	for (i = 0; i < 20000; i++)
		buf_puts(&deep, "</span>");
	buf_puts(&deep, "<p>sau</p>");
	r = absol(deep.data, base);
	T_OK(r != NULL);
	T_CONTAINS(r, "<a href=\"" BASE "tin-tuc/bai-viet/x\">x</a>");
	T_CONTAINS(r, "</span></span><p>sau</p>");
	buf_free(&deep);
	free(last);
	last = NULL;
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		sample_dir = argv[1];
	test_rss();
	test_atom();
	test_exact();
	test_dates();
	test_empty();
	test_required();
	test_invalid_chars();
	test_sitemap();
	test_absolutize();
	write_samples();
	buf_free(&xpbuf);
	xmlCleanupParser();
	return t_done("feed");
}
