/*
 * test_routes.c - every kind of URL and output path (routes.c).
 */
#include <stdlib.h>
#include <string.h>

#include "routes.h"
#include "t.h"

/* Checks a routes call's string and frees it. */
#define R(call, want) do {						\
	char *t_r_ = (call);						\
	T_STREQ(t_r_, (want));						\
	free(t_r_);							\
} while (0)

static void
test_pages(void)
{
	R(route_page(PAGE_POST, "content/tin-tuc/2025/06/a.md", "a", 0),
	    "tin-tuc/a/");
	R(route_page(PAGE_PROCEDURE, "content/thu-tuc/x.md", "cap-phep", 0),
	    "thu-tuc/cap-phep/");
	R(route_page(PAGE_PLAN, "plans/2025/kh-01.md", "kh-01", 0),
	    "ke-hoach/kh-01/");
	/* Other pages keep their folders, each slugged. */
	R(route_page(PAGE_PAGE, "content/gioi-thieu.md", "gioi-thieu", 0),
	    "gioi-thieu/");
	R(route_page(PAGE_PAGE, "content/Hỏi đáp/Câu hỏi.md", "cau-hoi", 0),
	    "hoi-dap/cau-hoi/");
	/* A folder that slugs to nothing is "muc". */
	R(route_page(PAGE_PAGE, "content/!!!/b.md", "b", 0), "muc/b/");
	/* index.md is its folder's URL; at the top, the home's. */
	R(route_page(PAGE_PAGE, "content/a/b/index.md", "index", 1), "a/b/");
	R(route_page(PAGE_PAGE, "content/index.md", "index", 1), "");
	T_STREQ(ROUTE_ABOUT, "gioi-thieu/");
}

/* The url -> output path rule. */
static void
test_out(void)
{
	R(route_out("tin-tuc/a/"), "tin-tuc/a/index.html");
	R(route_out(""), "index.html");
	R(route_out("tin-tuc/trang/2/"), "tin-tuc/trang/2/index.html");
	R(route_out(ROUTE_NOTFOUND), "404.html");
	R(route_out("rss.xml"), "rss.xml");
}

static void
test_lists(void)
{
	R(route_list_page(ROUTE_NEWS, 1), "tin-tuc/");
	R(route_list_page(ROUTE_NEWS, 2), "tin-tuc/trang/2/");
	R(route_list_page("chu-de/an-toan/", 10), "chu-de/an-toan/trang/10/");
	R(route_list_page("luu-tru/2025/06/", 123456),
	    "luu-tru/2025/06/trang/123456/");
	/* Not a page, but never an overflow either. */
	R(route_list_page(ROUTE_NEWS, 0), "tin-tuc/trang/0/");
	R(route_list_page(ROUTE_NEWS, -3), "tin-tuc/trang/-3/");
}

static void
test_terms(void)
{
	R(route_term(ROUTE_TOPICS, "chuyen-doi-so"), "chu-de/chuyen-doi-so/");
	R(route_term(ROUTE_UNITS, "van-phong-so"), "don-vi/van-phong-so/");
	R(route_term(ROUTE_FIELDS, "dat-dai"), "thu-tuc/linh-vuc/dat-dai/");
	R(route_month(ROUTE_ARCHIVE, 2025, 6), "luu-tru/2025/06/");
	R(route_month(ROUTE_LOG, 2026, 12), "nhat-ky/2026/12/");
	R(route_report(2025, 'q', 3), "bao-cao/2025-q3/");
	R(route_report(2025, 'h', 1), "bao-cao/2025-h1/");
	R(route_report(2025, 0, 0), "bao-cao/2025/");
}

static void
test_files(void)
{
	R(route_rss(""), "rss.xml");
	R(route_atom(""), "atom.xml");
	T_STREQ(ROUTE_NEWS_RSS, "rss.xml");
	T_STREQ(ROUTE_NEWS_ATOM, "atom.xml");
	T_STREQ(ROUTE_PROCS_RSS, "thu-tuc/rss.xml");
	T_STREQ(ROUTE_PROCS_JSON, "thu-tuc/index.json");
	T_STREQ(ROUTE_LOG_ATOM, "nhat-ky/atom.xml");
	R(route_rss("chu-de/a/"), "chu-de/a/rss.xml");
	R(route_atom(ROUTE_LOG), "nhat-ky/atom.xml");
	R(route_json("ke-hoach/kh-01/"), "ke-hoach/kh-01/index.json");
	R(route_csv("bao-cao/2025-q3/"), "bao-cao/2025-q3/bao-cao.csv");
	R(route_sitemap(0), "sitemap.xml");
	R(route_sitemap(2), "sitemap-2.xml");
	T_STREQ(ROUTE_ROBOTS, "robots.txt");
	T_STREQ(ROUTE_BUILD_JSON, "build.json");
	T_STREQ(ROUTE_DATA_JSON, "du-lieu.json");
	R(route_asset("tin-tuc/a/", "anh.jpg"), "tin-tuc/a/anh.jpg");
	R(route_asset("", "anh.jpg"), "anh.jpg");
	R(route_static("themes/default", "themes/default/static/css/a.css"),
	    "css/a.css");
	/* Image variants: the stem, the size, 10 hex digits of the key. */
	T_STREQ(ROUTE_IMAGES, "anh/");
	R(route_image("hoi-nghi", "-960", 0x0123456789abcdefULL, 0),
	    "anh/hoi-nghi-960.0123456789.jpg");
	R(route_image("bieu-do", "-320x213", 0xfedcba9876543210ULL, 1),
	    "anh/bieu-do-320x213.fedcba9876.png");
	R(route_image("anh", "", 1, 0), "anh/anh.0000000000.jpg");
	T_OK(route_static("themes/default", "themes/other/static/a.css") ==
	    NULL);
	R(route_abs("https://example.gov.vn/cchc/", "tin-tuc/a/"),
	    "https://example.gov.vn/cchc/tin-tuc/a/");
}

int
main(void)
{
	test_pages();
	test_out();
	test_lists();
	test_terms();
	test_files();
	return t_done("routes");
}
