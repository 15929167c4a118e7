/*
 * test_config.c - site.yaml: defaults, types, base_url, messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "plan_tasks.h"
#include "t.h"
#include "units.h"
#include "value.h"

static char		 dir[] = "/tmp/cchc-test-config-XXXXXX";
static char		*path;
static struct site_config cfg;
static struct buf	 msgs = BUF_INIT;
static size_t		 nerr, nwarn;
static int		 rc;

static void
load_file(const char *file, const char *override)
{
	struct diag	 d;
	size_t		 i;

	config_free(&cfg);
	diag_init(&d);
	rc = config_load(file, "site.yaml", override, &cfg, &d);
	buf_reset(&msgs);
	for (i = 0; i < d.len; i++) {
		diag_format(&d.msgs[i], &msgs);
		buf_putc(&msgs, '\n');
	}
	nerr = d.errors;
	nwarn = d.warnings;
	diag_free(&d);
}

static void
load(const char *text, const char *override)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(text, 1, strlen(text), fp) != strlen(text) ||
	    fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	load_file(path, override);
}

static const char *
m(void)
{
	return buf_cstr(&msgs);
}

static void
test_defaults(void)
{
	load("title: Chuyên mục Cải cách hành chính\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_STREQ(cfg.title, "Chuyên mục Cải cách hành chính");
	T_STREQ(cfg.language, "vi");
	T_STREQ(cfg.theme, "default");
	T_INTEQ(cfg.posts_per_page, 10);
	T_INTEQ(cfg.feed_items, 20);
	T_INTEQ(cfg.feed_full_content, 1);
	T_INTEQ(cfg.markdown_unsafe, 0);
	T_OK(cfg.department == NULL);
	T_OK(cfg.description == NULL);
	T_OK(cfg.email == NULL);
	T_OK(cfg.raw != NULL);
	/* No base_url at all: localhost, with a warning saying what to do. */
	T_STREQ(cfg.base_url, "http://localhost/");
	T_STREQ(cfg.base_path, "/");
	T_INTEQ(nwarn, 1);
	T_CONTAINS(m(), "site.yaml: cảnh báo: chưa đặt base_url");
	T_CONTAINS(m(), "--base-url");
}

static void
test_full(void)
{
	load("title: Chuyên mục Cải cách hành chính\n"
	    "department: Sở Khoa học và Công nghệ\n"
	    "province: tỉnh Sóc Trăng\n"
	    "description: Thông tin về công tác cải cách hành chính.\n"
	    "base_url: https://skhcn.soctrang.example.gov.vn/cai-cach-hanh-chinh/\n"
	    "language: vi\n"
	    "theme: xanh\n"
	    "posts_per_page: 12\n"
	    "feed_items: \"30\"\n"
	    "feed_full_content: false\n"
	    "markdown:\n"
	    "  unsafe: true\n"
	    "repo_url: https://git.example.gov.vn/skhcn/cchc\n"
	    "address: Số 8 đường Hai Bà Trưng, Phường 1\n"
	    "phone: 0299 3821 368\n"
	    "email: skhcn@soctrang.example.gov.vn\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 0);
	T_STREQ(cfg.department, "Sở Khoa học và Công nghệ");
	T_STREQ(cfg.province, "tỉnh Sóc Trăng");
	T_STREQ(cfg.description, "Thông tin về công tác cải cách hành chính.");
	T_STREQ(cfg.base_url,
	    "https://skhcn.soctrang.example.gov.vn/cai-cach-hanh-chinh/");
	T_STREQ(cfg.base_path, "/cai-cach-hanh-chinh/");
	T_STREQ(cfg.theme, "xanh");
	T_INTEQ(cfg.posts_per_page, 12);
	T_INTEQ(cfg.feed_items, 30);
	T_INTEQ(cfg.feed_full_content, 0);
	T_INTEQ(cfg.markdown_unsafe, 1);
	T_STREQ(cfg.repo_url, "https://git.example.gov.vn/skhcn/cchc");
	T_STREQ(cfg.address, "Số 8 đường Hai Bà Trưng, Phường 1");
	T_STREQ(cfg.phone, "0299 3821 368");
	T_STREQ(cfg.email, "skhcn@soctrang.example.gov.vn");
	T_STREQ(val_get_str(val_map_get(cfg.raw, "phone")), "0299 3821 368");
}

static void
test_base_url(void)
{
	load("title: x\n"
	    "base_url: https://skhcn.example.gov.vn/cai-cach-hanh-chinh\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 0);
	T_STREQ(cfg.base_url, "https://skhcn.example.gov.vn/cai-cach-hanh-chinh/");
	T_STREQ(cfg.base_path, "/cai-cach-hanh-chinh/");

	load("title: x\nbase_url: https://skhcn.example.gov.vn\n", NULL);
	T_INTEQ(rc, 0);
	T_STREQ(cfg.base_url, "https://skhcn.example.gov.vn/");
	T_STREQ(cfg.base_path, "/");

	load("title: x\nbase_url: http://localhost:8080/a/b/\n", NULL);
	T_INTEQ(rc, 0);
	T_STREQ(cfg.base_url, "http://localhost:8080/a/b/");
	T_STREQ(cfg.base_path, "/a/b/");

	/* The override wins and is normalised the same way. */
	load("title: x\nbase_url: https://skhcn.example.gov.vn/cchc/\n",
	    "http://127.0.0.1:8000/xem-truoc");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
	T_STREQ(cfg.base_url, "http://127.0.0.1:8000/xem-truoc/");
	T_STREQ(cfg.base_path, "/xem-truoc/");
	/* ... even over an invalid value in the file, and without one. */
	load("title: x\nbase_url: skhcn.example.gov.vn\n",
	    "https://a.example.gov.vn");
	T_INTEQ(rc, 0);
	T_STREQ(cfg.base_url, "https://a.example.gov.vn/");
	T_STREQ(cfg.base_path, "/");
	load("title: x\n", "https://a.example.gov.vn/p");
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 0);
	T_STREQ(cfg.base_path, "/p/");

	load("title: x\nbase_url: https://a.gov.vn\n", "ftp://a.gov.vn/");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "cchc: lỗi: --base-url \"ftp://a.gov.vn/\" không hợp lệ");
	T_CONTAINS(m(), "http://");
	load("title: x\n", "https://");
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "--base-url");
	T_CONTAINS(m(), "thiếu tên miền");

	load("title: x\nbase_url: skhcn.example.gov.vn/cchc\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "site.yaml:2:11: lỗi: base_url \"skhcn.example.gov.vn/cchc\" không hợp lệ");
	load("title: x\nbase_url: /cchc/\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:11: ");
	load("title: x\nbase_url: \"https://a.gov.vn/c c\"\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "dấu cách");
	load("title: x\nbase_url: https://a.gov.vn/?x=1\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:11: ");
	load("title: x\nbase_url: [https://a.gov.vn/]\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:11: lỗi: base_url phải là một địa chỉ");
}

static void
test_unknown_keys(void)
{
	load("title: x\n"
	    "base_url: https://a.gov.vn/\n"
	    "\n"
	    "# chú thích\n"
	    "post_per_page: 5\n"
	    "markdown:\n"
	    "  unsafe: false\n"
	    "  smart: true\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 2);
	T_CONTAINS(m(), "site.yaml:5:1: cảnh báo: khóa không rõ \"post_per_page\"");
	T_CONTAINS(m(), "posts_per_page");
	T_CONTAINS(m(), "site.yaml:8:3: cảnh báo: khóa không rõ \"markdown.smart\"");
	/* The unknown key's default is untouched. */
	T_INTEQ(cfg.posts_per_page, 10);
}

static void
test_type_errors(void)
{
	load("title: x\nposts_per_page: mười\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "site.yaml:2:17: lỗi: posts_per_page phải là một số nguyên dương");
	T_CONTAINS(m(), "\"mười\"");
	load("title: x\nposts_per_page: 0\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:17: ");
	load("title: x\nposts_per_page: -5\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:17: ");
	load("title: x\nposts_per_page: 2.5\n", NULL);
	T_INTEQ(rc, -1);
	load("title: x\nposts_per_page: 99999999999999999999\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:17: ");
	load("title: x\nposts_per_page:\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:");
	load("title: x\nfeed_items: true\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:13: lỗi: feed_items phải là một số nguyên dương");
	load("title: x\nfeed_items: [1]\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:13: ");
	/* sitemap_max_urls: 1 to the protocol's 50,000 (default). */
	load("title: x\n", NULL);
	T_INTEQ(cfg.sitemap_max_urls, 50000);
	load("title: x\nsitemap_max_urls: 50000\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(cfg.sitemap_max_urls, 50000);
	load("title: x\nsitemap_max_urls: 25\n", NULL);
	T_INTEQ(cfg.sitemap_max_urls, 25);
	load("title: x\nsitemap_max_urls: 50001\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:19: lỗi: sitemap_max_urls phải là một số nguyên dương từ 1 đến 50000");
	load("title: x\nsitemap_max_urls: 0\n", NULL);
	T_INTEQ(rc, -1);

	load("title: x\nfeed_full_content: \"true\"\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:20: lỗi: feed_full_content phải là true hoặc false");
	load("title: x\nfeed_full_content: có\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "\"có\"");
	load("title: x\nmarkdown:\n  unsafe: 1\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:3:11: lỗi: markdown.unsafe phải là true hoặc false");
	load("title: x\nmarkdown: true\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:11: lỗi: markdown phải là một bảng");
	load("title: x\nmarkdown:\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(cfg.markdown_unsafe, 0);

	load("title: x\ndepartment: [a, b]\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:13: lỗi: department phải là một chuỗi");
	load("title: x\nphone: true\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:8: ");
	load("title: x\ntheme: ../../etc\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:8: lỗi: theme \"../../etc\" không hợp lệ");

	/* Several problems are all reported in one run. */
	load("posts_per_page: a\nfeed_items: b\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 3);
}

/* The partners of text split with the config's unit names, "|"-joined. */
static char *
split(const char *text)
{
	struct buf	 b = BUF_INIT;
	char		**v;
	size_t		 n, i;

	v = plan_split_partners(text, cfg.units, NULL, &n);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i > 0 ? "|" : "", v[i]);
		free(v[i]);
	}
	free(v);
	return buf_detach(&b);
}

/* `units`: names added to the compiled-in ones; a list of strings. */
static void
test_units(void)
{
	char	*s;

	load("title: x\n", NULL);
	T_INTEQ(rc, 0);
	T_OK(cfg.units != NULL);
	s = split("Sở Văn hóa, Thể thao và Du lịch, Trung tâm Văn hóa, Thể "
	    "thao tỉnh");
	T_STREQ(s, "Sở Văn hóa, Thể thao và Du lịch|Trung tâm Văn hóa|Thể "
	    "thao tỉnh");
	free(s);
	load("title: x\nunits:\n  - Trung tâm Văn hóa, Thể thao tỉnh\n"
	    "  - \"Đài Truyền thanh, Truyền hình\"\n", "https://a.gov.vn/");
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 0);
	s = split("Sở Văn hóa, Thể thao và Du lịch, Trung tâm Văn hóa, Thể "
	    "thao tỉnh, Đài Truyền thanh, Truyền hình huyện");
	T_STREQ(s, "Sở Văn hóa, Thể thao và Du lịch|Trung tâm Văn hóa, Thể "
	    "thao tỉnh|Đài Truyền thanh, Truyền hình huyện");
	free(s);
	load("title: x\nunits:\n", NULL);
	T_INTEQ(rc, 0);

	load("title: x\nunits: Trung tâm Văn hóa, Thể thao tỉnh\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:8: lỗi: units phải là một danh sách tên "
	    "đơn vị, mỗi tên một dòng bắt đầu bằng “- ”, ví dụ hai dòng "
	    "`units:` và `  - Trung tâm Văn hóa, Thể thao tỉnh`");
	load("title: x\nunits:\n  a: b\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:3:3: lỗi: units phải là một danh sách");
	load("title: x\nunits:\n  - Phòng A\n  - [Phòng B, Phòng C]\n"
	    "  - true\n  -\n  - \"  \"\n  - {a: b}\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 5);
	T_CONTAINS(m(), "site.yaml:4:5: lỗi: mỗi mục của units phải là tên "
	    "một đơn vị, không phải danh sách hay bảng; viết tên sau “- ”, "
	    "ví dụ `  - Trung tâm Văn hóa, Thể thao tỉnh`");
	T_CONTAINS(m(), "site.yaml:5:5: lỗi: mỗi mục của units phải là tên "
	    "một đơn vị, không phải true/false");
	T_CONTAINS(m(), "không phải một mục trống");
	T_CONTAINS(m(), "site.yaml:7:5: lỗi: mỗi mục của units phải là tên "
	    "một đơn vị, không phải một tên trống");
	T_CONTAINS(m(), "site.yaml:8:5: ");
	/* The unknown-key message lists it among the valid keys. */
	load("title: x\nunit:\n  - A\n", NULL);
	T_CONTAINS(m(), "phone, email, units, links)");
}

/* `links`: dirs (the default) or files, nothing else. */
static void
test_links(void)
{
	load("title: x\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(cfg.links_files, 0);
	load("title: x\nlinks: files\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(cfg.links_files, 1);
	T_INTEQ(nerr + nwarn, 1);	/* base_url's */
	load("title: x\nlinks: dirs\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(cfg.links_files, 0);
	load("title: x\nlinks: file\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:8: lỗi: links phải là dirs (liên kết tới "
	    "thư mục, như “tin-tuc/”: cho máy chủ web) hoặc files (liên kết "
	    "tới “tin-tuc/index.html”: để mở trang từ ổ đĩa hay USB), không "
	    "phải “file”");
	load("title: x\nlinks: true\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:8: lỗi: links phải là dirs");
	load("title: x\nlinks:\n  - files\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "hay USB)\n");
}

static void
test_title_and_files(void)
{
	char	*missing;

	load("department: Sở\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "site.yaml: lỗi: thiếu tên chuyên mục");
	T_CONTAINS(m(), "title:");
	load("title:\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:1:7: lỗi: title đang để trống");
	load("title: \"\"\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:1:8: ");
	load("", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "thiếu tên chuyên mục");

	load("title: a: b\n", NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "site.yaml:1:9: lỗi: giá trị của “title” có dấu hai "
	    "chấm và dấu cách (“: ”) nên phần sau bị hiểu là một khóa mới; hãy "
	    "đặt cả giá trị trong ngoặc kép: title: \"a: b\"\n");
	load("- title\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:1:1: ");
	load("title: x\ntitle: y\n", NULL);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "site.yaml:2:1: lỗi: khóa \"title\" bị lặp lại");

	/* Windows editors: BOM and CRLF. */
	load("\xef\xbb\xbftitle: Chuyên mục\r\nfoo: 1\r\nfeed_items: 5\r\n", NULL);
	T_INTEQ(rc, 0);
	T_STREQ(cfg.title, "Chuyên mục");
	T_INTEQ(cfg.feed_items, 5);
	T_CONTAINS(m(), "site.yaml:2:1: cảnh báo: khóa không rõ \"foo\"");

	missing = malloc(strlen(dir) + 32);
	snprintf(missing, strlen(dir) + 32, "%s/khong-co.yaml", dir);
	load_file(missing, NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "site.yaml: lỗi: không tìm thấy tệp cấu hình");
	T_CONTAINS(m(), "tạo tệp site.yaml");
	T_CONTAINS(m(), "title:");
	free(missing);
	/* A failed load leaves a struct config_free() handles. */
	config_free(&cfg);
	config_free(&cfg);
	T_OK(cfg.title == NULL && cfg.raw == NULL);

	load_file(dir, NULL);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	/* A folder opens but cannot be read: the reading message. */
	T_CONTAINS(m(), "site.yaml: lỗi: không đọc được tệp cấu hình (");
}

static void
test_free_safety(void)
{
	struct site_config	 z, zero;

	memset(&zero, 0, sizeof(zero));
	memset(&z, 0, sizeof(z));
	config_free(&z);
	T_OK(memcmp(&z, &zero, sizeof(z)) == 0);
	z.title = strdup("x");
	z.theme = strdup("y");
	z.posts_per_page = 7;
	z.markdown_unsafe = 1;
	config_free(&z);
	/* Every field cleared, so that a second call frees nothing (a double
	 * free here fails under ASan and valgrind). */
	T_OK(memcmp(&z, &zero, sizeof(z)) == 0);
	config_free(&z);
	T_OK(memcmp(&z, &zero, sizeof(z)) == 0);
	/* NULL is ignored; a crash would leave no result line, which
	 * tests/run.sh counts as a failure. */
	config_free(NULL);
}

static void
test_curly_quotes(void)
{
	/* Word's quotes around a value show on every page: a warning. */
	load("title: “Sở Khoa học và Công nghệ”\n"
	    "department: ‘Sở Khoa học’\n"
	    "province: \"“tỉnh Thử nghiệm”\"\n"
	    "base_url: https://a.gov.vn/\n", NULL);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 2);
	T_STREQ(m(), "site.yaml:1:8: cảnh báo: “title”: giá trị nằm giữa hai "
	    "dấu ngoặc kép cong (Word tự đổi khi gõ) nên hai dấu này sẽ hiện "
	    "ra trên trang; hãy thay bằng ngoặc kép thẳng (\") hoặc bỏ ngoặc, "
	    "ví dụ title: \"Sở Khoa học và Công nghệ\"\n"
	    "site.yaml:2:13: cảnh báo: “department”: giá trị nằm giữa hai "
	    "dấu ngoặc đơn cong (Word tự đổi khi gõ) nên hai dấu này sẽ hiện "
	    "ra trên trang; hãy thay bằng ngoặc kép thẳng (\") hoặc bỏ ngoặc, "
	    "ví dụ department: \"Sở Khoa học\"\n");
	/* The value is kept as written (quoted on purpose on line 3). */
	T_STREQ(cfg.title, "“Sở Khoa học và Công nghệ”");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	path = malloc(strlen(dir) + 16);
	snprintf(path, strlen(dir) + 16, "%s/site.yaml", dir);
	test_defaults();
	test_full();
	test_base_url();
	test_unknown_keys();
	test_type_errors();
	test_units();
	test_links();
	test_title_and_files();
	test_curly_quotes();
	test_free_safety();
	config_free(&cfg);
	buf_free(&msgs);
	unlink(path);
	rmdir(dir);
	free(path);
	return t_done("config");
}
