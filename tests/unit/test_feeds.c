/*
 * test_feeds.c - the feeds and sitemap of a small site made by hand
 * (feeds.h): the item limit, dates taken from the posts (never the
 * clock), topic feeds, links made absolute in full content, the sitemap
 * split into parts under an index, and robots.txt.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "feeds.h"
#include "model.h"
#include "util.h"
#include "value.h"
#include "t.h"

static struct page *
post(const char *name, const char *date, const char *tag, const char *html)
{
	char		*src = xasprintf("content/tin-tuc/%s.md", name);
	struct page	*p = page_new(PAGE_POST, src);
	const char	*why;

	free(src);
	p->url = xasprintf("tin-tuc/%s/", name);
	p->out = xasprintf("tin-tuc/%s/index.html", name);
	p->title = xasprintf("Tin %s", name);
	p->meta = val_map_lit();
	if (tag != NULL)
		val_map_set_str(p->meta, "tags", tag);
	T_INTEQ(date_parse(date, &p->date, &why), 0);
	p->has_date = 1;
	p->md.html = xstrdup(html);
	p->md_done = 1;
	return p;
}

/*
 * The one place a site is made: three posts (one draft more), an about
 * page, the model built.
 */
static void
mksite(struct site *s, int feed_items, int max_urls)
{
	struct page	*p;
	const char	*why;

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	s->cfg.title = xstrdup("CCHC Sở Nội vụ");
	s->cfg.base_url = xstrdup("https://example.gov.vn/cchc/");
	s->cfg.language = xstrdup("vi");
	s->cfg.posts_per_page = 10;
	s->cfg.feed_items = feed_items;
	s->cfg.feed_full_content = 1;
	s->cfg.sitemap_max_urls = max_urls;
	date_parse("2025-07-01", &s->today, &why);
	s->today_str = "2025-07-01";
	site_add_page(s, post("a", "2025-06-01", "Xây dựng", "<p>A <a "
	    "href=\"../b/\">b</a></p>"));
	site_add_page(s, post("b", "2025-06-03T09:30:00+07:00", NULL,
	    "<p>B &amp; c</p>"));
	site_add_page(s, post("c", "2025-05-20", "Xây dựng", "<p>C</p>"));
	p = post("d", "2025-06-02", NULL, "<p>D</p>");
	p->draft = p->skip = 1;
	site_add_page(s, p);
	p = page_new(PAGE_PAGE, "content/gioi-thieu.md");
	p->url = xstrdup("gioi-thieu/");
	p->out = xstrdup("gioi-thieu/index.html");
	p->title = xstrdup("Giới thiệu");
	p->meta = val_map_lit();
	site_add_page(s, p);
	model_apply_history(s);
	T_INTEQ(model_build(s), 0);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t	 n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay += strlen(needle))
		n++;
	return n;
}

static void
test_rss(void)
{
	struct site		 s;
	struct feeds_prep	*fp;
	struct buf		 a = BUF_INIT, b = BUF_INIT;
	const char		*x;

	mksite(&s, 2, 0);
	fp = feeds_prepare(&s, 1);
	T_INTEQ(feeds_rss(&s, fp, NULL, &a), 0);
	x = buf_cstr(&a);
	/* Two items of three posts, newest first; the draft never. */
	T_INTEQ(count(x, "<item>"), 2);
	T_OK(strstr(x, "Tin b") != NULL && strstr(x, "Tin a") != NULL &&
	    strstr(x, "Tin b") < strstr(x, "Tin a"));
	T_OK(strstr(x, "Tin c") == NULL && strstr(x, "Tin d") == NULL);
	T_CONTAINS(x, "<title>CCHC Sở Nội vụ</title>");
	T_CONTAINS(x, "<link>https://example.gov.vn/cchc/tin-tuc/</link>");
	T_CONTAINS(x, "<link>https://example.gov.vn/cchc/tin-tuc/b/</link>");
	/* Dates from the posts, in their own zone. */
	T_CONTAINS(x, "<pubDate>Tue, 03 Jun 2025 09:30:00 +0700</pubDate>");
	T_CONTAINS(x, "<pubDate>Sun, 01 Jun 2025 00:00:00 +0700</pubDate>");
	T_CONTAINS(x, "<lastBuildDate>Tue, 03 Jun 2025 09:30:00 +0700"
	    "</lastBuildDate>");
	/* Full content with links made absolute. */
	T_CONTAINS(x, "https://example.gov.vn/cchc/tin-tuc/b/");
	T_CONTAINS(x, "&lt;a href=&quot;https://example.gov.vn/cchc/tin-tuc/b/"
	    "&quot;&gt;b&lt;/a&gt;");
	T_CONTAINS(x, "<content:encoded>&lt;p&gt;B &amp;amp; c&lt;/p&gt;"
	    "</content:encoded>");
	/* The same input gives the same bytes. */
	T_INTEQ(feeds_rss(&s, fp, NULL, &b), 0);
	T_OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_reset(&a);
	/* A topic's feed: its posts only, under its name. */
	T_INTEQ(s.topics.nterms, 1);
	T_INTEQ(feeds_rss(&s, fp, &s.topics.terms[0], &a), 0);
	x = buf_cstr(&a);
	T_INTEQ(count(x, "<item>"), 2);
	T_CONTAINS(x, "<title>Xây dựng – CCHC Sở Nội vụ</title>");
	T_CONTAINS(x, "<link>https://example.gov.vn/cchc/chu-de/xay-dung/"
	    "</link>");
	T_CONTAINS(x, "Tin c");
	T_OK(strstr(x, "Tin b") == NULL);
	buf_reset(&a);
	T_INTEQ(feeds_atom(&s, fp, &a), 0);
	x = buf_cstr(&a);
	T_INTEQ(count(x, "<entry>"), 2);
	T_CONTAINS(x, "<updated>2025-06-03T09:30:00+07:00</updated>");
	T_CONTAINS(x, "https://example.gov.vn/cchc/atom.xml");
	feeds_release(fp);
	buf_free(&a);
	buf_free(&b);
	site_free(&s);
}

static void
test_sitemap(void)
{
	struct site		 s;
	struct feeds_prep	*fp;
	struct buf		 b = BUF_INIT;
	size_t			 k, total = 0;

	/*
	 * 15 URLs: 3 posts, the about page, home, news, plans, procedures,
	 * topics and one topic, units, archive and two months, the log;
	 * not 404.html, not the draft.
	 */
	mksite(&s, 20, 0);
	T_INTEQ(feeds_sitemap_files(&s), 1);
	fp = feeds_prepare(&s, 1);
	T_INTEQ(feeds_sitemap_file(&s, fp, 0, &b), 0);
	T_INTEQ(count(buf_cstr(&b), "<url>"), 15);
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/</loc>");
	T_OK(strstr(buf_cstr(&b), "404") == NULL);
	T_OK(strstr(buf_cstr(&b), "tin-tuc/d/") == NULL);
	/* Sorted; dated by the page, a list by its newest post. */
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/tin-tuc/b/"
	    "</loc>\n    <lastmod>2025-06-03T09:30:00+07:00</lastmod>");
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/chu-de/"
	    "xay-dung/</loc>\n    <lastmod>2025-06-01</lastmod>");
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/</loc>\n"
	    "    <lastmod>2025-06-03T09:30:00+07:00</lastmod>");
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/don-vi/"
	    "</loc>\n  </url>");
	T_OK(strstr(buf_cstr(&b), "/chu-de/</loc>") <
	    strstr(buf_cstr(&b), "/tin-tuc/</loc>"));
	T_INTEQ(feeds_sitemap_file(&s, fp, 1, &b), -1);
	feeds_release(fp);
	site_free(&s);

	/* 4 a file: 4 parts and the index. */
	mksite(&s, 20, 4);
	T_INTEQ(feeds_sitemap_files(&s), 5);
	fp = feeds_prepare(&s, 1);
	buf_reset(&b);
	T_INTEQ(feeds_sitemap_file(&s, fp, 0, &b), 0);
	T_CONTAINS(buf_cstr(&b), "<sitemapindex");
	T_INTEQ(count(buf_cstr(&b), "<sitemap>"), 4);
	T_CONTAINS(buf_cstr(&b), "<loc>https://example.gov.vn/cchc/"
	    "sitemap-4.xml</loc>");
	for (k = 1; k <= 4; k++) {
		buf_reset(&b);
		T_INTEQ(feeds_sitemap_file(&s, fp, k, &b), 0);
		total += count(buf_cstr(&b), "<url>");
		T_INTEQ(count(buf_cstr(&b), "<url>"), k < 4 ? 4 : 3);
	}
	T_INTEQ(total, 15);
	T_INTEQ(feeds_sitemap_file(&s, fp, 5, &b), -1);
	feeds_release(fp);
	buf_reset(&b);
	feeds_robots(&s, &b);
	T_STREQ(buf_cstr(&b), "User-agent: *\nAllow: /\n\nSitemap: "
	    "https://example.gov.vn/cchc/sitemap.xml\n");
	buf_free(&b);
	site_free(&s);
}

int
main(void)
{
	test_rss();
	test_sitemap();
	return t_done("feeds");
}
