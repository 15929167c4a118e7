/*
 * test_portal_config.c - portal.yaml: the three kinds of department,
 * paths and former slugs, every error with its line:col, the folders
 * checked on disk, and freeing what a failed read left.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "portal_config.h"
#include "t.h"
#include "util.h"
#include "value.h"

static char			 dir[] = "/tmp/cchc-test-portal-XXXXXX";
static struct portal_config	 pc;
static struct buf		 msgs = BUF_INIT;
static size_t			 nerr, nwarn;
static int			 rc;

static void
take(struct diag *d)
{
	size_t	 i;

	buf_reset(&msgs);
	for (i = 0; i < d->len; i++) {
		diag_format(&d->msgs[i], &msgs);
		buf_putc(&msgs, '\n');
	}
	nerr = d->errors;
	nwarn = d->warnings;
	diag_free(d);
}

/* Parses text as /srv/cong/portal.yaml, shown as "portal.yaml". */
static void
parse_in(const char *text, const char *folder)
{
	struct diag	 d;

	portal_config_free(&pc);
	diag_init(&d);
	rc = portal_config_parse(text, strlen(text), "portal.yaml", folder,
	    &pc, &d);
	take(&d);
}

static void
parse(const char *text)
{
	parse_in(text, "/srv/cong");
}

static const char *
m(void)
{
	return buf_cstr(&msgs);
}

/* The head every valid file here starts with: lines 1-3. */
#define HEAD	"title: Cổng CCHC\n" \
		"base_url: https://tinh.gov.vn/cchc/\n" \
		"departments:\n"

static void
test_valid(void)
{
	const struct portal_dept	*d;

	parse("title: \"Cải cách hành chính tỉnh Sóc Trăng\"\n"
	    "base_url: \"https://soctrang.gov.vn/cai-cach-hanh-chinh\"\n"
	    "province: \"tỉnh Sóc Trăng\"\n"
	    "description: \"Mô tả cổng\"\n"
	    "departments:\n"
	    "  - name: \"Sở Khoa học và Công nghệ\"\n"		/* 6 */
	    "    slug: so-khcn\n"
	    "    source: ../so-khcn\n"
	    "  - name: \"Sở Xây dựng\"\n"			/* 9 */
	    "    slug: so-xay-dung\n"
	    "    sources: [../sxd-soc-trang, {path: /srv/git/sxd-ct/, "
	    "slug: sxd-can-tho}, ../cu/so-xd/]\n"
	    "  - name: \"Sở Tư pháp\"\n"			/* 12 */
	    "    slug: so-tu-phap\n"
	    "    built: ../artifacts/so-tu-phap\n");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 0);
	T_STREQ(m(), "");
	T_STREQ(pc.title, "Cải cách hành chính tỉnh Sóc Trăng");
	T_STREQ(pc.base_url, "https://soctrang.gov.vn/cai-cach-hanh-chinh/");
	T_STREQ(pc.base_path, "/cai-cach-hanh-chinh/");
	T_STREQ(pc.province, "tỉnh Sóc Trăng");
	T_STREQ(pc.description, "Mô tả cổng");
	T_STREQ(pc.dir, "/srv/cong");
	T_STREQ(pc.display, "portal.yaml");
	T_OK(pc.raw != NULL);
	T_INTEQ(pc.ndepts, 3);
	if (pc.ndepts != 3)
		return;

	d = &pc.depts[0];
	T_STREQ(d->name, "Sở Khoa học và Công nghệ");
	T_STREQ(d->slug, "so-khcn");
	T_INTEQ(d->line, 6);
	T_INTEQ(d->col, 5);
	T_INTEQ(d->nsrc, 1);
	T_OK(d->built == NULL && d->built_path == NULL);
	T_STREQ(d->src[0].path, "../so-khcn");
	T_STREQ(d->src[0].abs, "/srv/cong/../so-khcn");
	T_OK(d->src[0].former == NULL);
	T_INTEQ(d->src[0].line, 8);
	T_INTEQ(d->src[0].col, 13);

	d = &pc.depts[1];
	T_STREQ(d->name, "Sở Xây dựng");
	T_STREQ(d->slug, "so-xay-dung");
	T_INTEQ(d->line, 9);
	T_INTEQ(d->col, 5);
	T_INTEQ(d->nsrc, 3);
	T_OK(d->built == NULL);
	T_STREQ(d->src[0].path, "../sxd-soc-trang");
	T_STREQ(d->src[0].abs, "/srv/cong/../sxd-soc-trang");
	T_STREQ(d->src[0].former, "sxd-soc-trang");	/* the folder's name */
	T_INTEQ(d->src[0].line, 11);
	T_INTEQ(d->src[0].col, 15);
	T_STREQ(d->src[1].path, "/srv/git/sxd-ct/");
	T_STREQ(d->src[1].abs, "/srv/git/sxd-ct/");	/* absolute: kept */
	T_STREQ(d->src[1].former, "sxd-can-tho");	/* written */
	T_INTEQ(d->src[1].line, 11);
	T_INTEQ(d->src[1].col, 40);
	T_STREQ(d->src[2].path, "../cu/so-xd/");
	T_STREQ(d->src[2].abs, "/srv/cong/../cu/so-xd/");
	T_STREQ(d->src[2].former, "so-xd");		/* last component */
	T_INTEQ(d->src[2].col, 78);

	d = &pc.depts[2];
	T_STREQ(d->name, "Sở Tư pháp");
	T_STREQ(d->slug, "so-tu-phap");
	T_INTEQ(d->line, 12);
	T_INTEQ(d->nsrc, 0);
	T_OK(d->src == NULL);
	T_STREQ(d->built_path, "../artifacts/so-tu-phap");
	T_STREQ(d->built, "/srv/cong/../artifacts/so-tu-phap");
}

static void
test_paths_and_defaults(void)
{
	/* No folder: paths stay as written; no optional keys: NULL. */
	parse_in(HEAD
	    "  - name: A\n"
	    "    slug: so-a\n"
	    "    source: so-a\n"
	    "  - name: B\n"
	    "    slug: so-b\n"
	    "    sources:\n"
	    "      - path: ../b-moi\n"		/* one entry: as source */
	    "  - {name: C, slug: so-c, built: /var/ci/so-c}\n", NULL);
	T_INTEQ(rc, 0);
	T_STREQ(m(), "");
	T_STREQ(pc.dir, ".");
	T_OK(pc.province == NULL && pc.description == NULL);
	T_STREQ(pc.base_path, "/cchc/");
	if (pc.ndepts == 3) {
		T_STREQ(pc.depts[0].src[0].abs, "so-a");
		T_INTEQ(pc.depts[1].nsrc, 1);
		T_STREQ(pc.depts[1].src[0].abs, "../b-moi");
		T_OK(pc.depts[1].src[0].former == NULL);
		T_INTEQ(pc.depts[1].src[0].line, 10);
		T_INTEQ(pc.depts[1].src[0].col, 15);
		T_STREQ(pc.depts[2].built, "/var/ci/so-c");
		T_INTEQ(pc.depts[2].line, 11);	/* a flow map: its '{' */
		T_INTEQ(pc.depts[2].col, 5);
	}

	/* A folder with a trailing '/'; a URL with no path. */
	parse_in("title: T\nbase_url: http://tinh.gov.vn\ndepartments:\n"
	    "  - name: A\n    slug: a\n    source: x\n", "cong/");
	T_INTEQ(rc, 0);
	T_STREQ(pc.base_url, "http://tinh.gov.vn/");
	T_STREQ(pc.base_path, "/");
	T_STREQ(pc.dir, "cong/");
	T_STREQ(pc.depts[0].src[0].abs, "cong/x");

	/* A sources entry's slug when there is only one: a warning. */
	parse(HEAD
	    "  - name: B\n"
	    "    slug: so-b\n"
	    "    sources: [{path: ../b, slug: cu}]\n");
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 1);
	T_STREQ(m(), "portal.yaml:6:34: cảnh báo: B (so-b): slug cũ của nguồn "
	    "chỉ dùng khi gộp từ hai nguồn trở lên, bỏ qua; với một nguồn, "
	    "viết `source: ../b`\n");
	T_OK(pc.depts[0].src[0].former == NULL);

	/* Only src[0..len) is read: here, not the bad line after it. */
	portal_config_free(&pc);
	{
		struct diag	 d;
		const char	*t = HEAD "  - {name: A, slug: a, source: a}\n"
				    "khong: [\"\\x";

		diag_init(&d);
		rc = portal_config_parse(t, strlen(t) - 11, NULL, NULL, &pc,
		    &d);
		take(&d);
	}
	T_INTEQ(rc, 0);
	T_STREQ(m(), "");

	/* Decomposed (NFD) names come out composed. */
	parse(HEAD
	    "  - name: \"So\xcc\x9b\xcc\x89 A\"\n"
	    "    slug: a\n"
	    "    source: a\n");
	T_INTEQ(rc, 0);
	T_STREQ(pc.depts[0].name, "Sở A");
}

static void
test_top_errors(void)
{
	/* Empty: each required key said, with no position. */
	parse("");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 3);
	T_CONTAINS(m(), "portal.yaml: lỗi: thiếu tên cổng; thêm dòng `title: ");
	T_CONTAINS(m(), "portal.yaml: lỗi: thiếu base_url, địa chỉ của cổng "
	    "trên mạng; thêm dòng `base_url: ");
	T_CONTAINS(m(), "portal.yaml: lỗi: thiếu danh sách đơn vị; thêm dòng "
	    "`departments:`");

	parse("title: [a]\n"
	    "base_url: ftp://tinh.gov.vn/\n"
	    "departments: so-a\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 3);
	T_CONTAINS(m(), "portal.yaml:1:8: lỗi: title phải là một chuỗi văn "
	    "bản, không phải danh sách hay bảng; ghi tên cổng sau `title:`");
	T_CONTAINS(m(), "portal.yaml:2:11: lỗi: base_url "
	    "\"ftp://tinh.gov.vn/\" không hợp lệ: phải là địa chỉ tuyệt đối "
	    "bắt đầu bằng http:// hoặc https:// (ví dụ "
	    "https://soctrang.gov.vn/cai-cach-hanh-chinh/)");
	T_CONTAINS(m(), "portal.yaml:3:14: lỗi: departments phải là danh sách "
	    "các đơn vị");

	parse("title: \"\"\n"
	    "base_url: https://tinh.gov.vn/a b/\n"
	    "province: true\n"
	    "departments: []\n");
	T_INTEQ(nerr, 4);
	T_CONTAINS(m(), "portal.yaml:1:8: lỗi: title đang để trống;");
	T_CONTAINS(m(), "portal.yaml:2:11: lỗi: base_url "
	    "\"https://tinh.gov.vn/a b/\" không hợp lệ: không được chứa dấu "
	    "cách");
	T_CONTAINS(m(), "portal.yaml:3:11: lỗi: province phải là một chuỗi "
	    "văn bản, không phải true/false");
	T_CONTAINS(m(), "portal.yaml:4:14: lỗi: departments đang để trống; ");

	/* Entries that are not maps. */
	parse(HEAD
	    "  - so-a\n"
	    "  -\n");
	T_INTEQ(nerr, 2);
	T_CONTAINS(m(), "portal.yaml:4:5: lỗi: mục thứ 1 của departments phải "
	    "là một đơn vị gồm các dòng name, slug và source (hoặc sources, "
	    "built), không phải một chuỗi hay true/false;");
	T_CONTAINS(m(), "lỗi: mục thứ 2 của departments phải là một đơn vị "
	    "gồm các dòng name, slug và source (hoặc sources, built), không "
	    "phải một mục trống;");
}

static void
test_yaml_errors(void)
{
	/* Syntax: libyaml's position, said in Vietnamese. */
	parse(HEAD
	    "  - name: A\n"
	    "    slug: [so-a\n"
	    "    source: a\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_STREQ(m(), "portal.yaml:5:11: lỗi: dấu [ ở đầu giá trị của “slug” "
	    "chưa được đóng; nếu đây là chữ, hãy đặt cả giá trị trong ngoặc "
	    "kép: slug: \"[so-a\", còn nếu là danh sách thì thêm dấu ] ở "
	    "cuối\n");
	T_INTEQ(pc.ndepts, 0);
	T_OK(pc.raw == NULL);

	/* A repeated key, at the second. */
	parse(HEAD
	    "  - name: A\n"
	    "    slug: so-a\n"
	    "    source: a\n"
	    "    slug: so-b\n");
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml:7:5: lỗi: khóa \"slug\" bị lặp lại (đã "
	    "có ở dòng 5)");

	/* The top level must be a map. */
	parse("- a\n- b\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml:1:1: lỗi: tệp YAML phải gồm các dòng "
	    "`khóa: giá trị`");

	/* Not UTF-8; a NUL byte. */
	parse("title: T\nbase_url: x\xff\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_STREQ(m(), "portal.yaml:2:12: lỗi: tệp không phải văn bản UTF-8 "
	    "hợp lệ (byte 0xFF); hãy lưu lại tệp với bảng mã UTF-8\n");
	portal_config_free(&pc);
	{
		struct diag	 d;

		diag_init(&d);
		rc = portal_config_parse("title: a\0b\n", 11, NULL, NULL, &pc,
		    &d);
		take(&d);
	}
	T_INTEQ(rc, -1);
	T_STREQ(m(), "portal.yaml:1:9: lỗi: tệp chứa ký tự NUL; hãy lưu lại "
	    "tệp dưới dạng văn bản thuần\n");
}

static void
test_unknown_keys(void)
{
	parse("title: T\n"
	    "base_url: https://tinh.gov.vn/\n"
	    "tittle: x\n"
	    "departments:\n"
	    "  - name: A\n"
	    "    slug: so-a\n"
	    "    sorce: ../a\n"
	    "    source: ../a\n"
	    "  - name: B\n"
	    "    slug: so-b\n"
	    "    sources:\n"
	    "      - {path: ../b1, slugg: x}\n"
	    "      - ../b2\n");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 3);
	T_CONTAINS(m(), "portal.yaml:3:1: cảnh báo: khóa không rõ \"tittle\", "
	    "bỏ qua; kiểm tra chính tả (các khóa hợp lệ: title, base_url, "
	    "province, description, departments)");
	T_CONTAINS(m(), "portal.yaml:7:5: cảnh báo: khóa không rõ \"sorce\" "
	    "của A (so-a), bỏ qua; kiểm tra chính tả (các khóa của một đơn vị: "
	    "name, slug, source, sources, built)");
	T_CONTAINS(m(), "portal.yaml:12:23: cảnh báo: khóa không rõ \"slugg\" "
	    "trong một nguồn của B (so-b), bỏ qua; mỗi nguồn chỉ có path và "
	    "slug");
}

static void
test_dept_errors(void)
{
	/* name */
	parse(HEAD
	    "  - slug: so-a\n"
	    "    source: a\n"
	    "  - name: \"\"\n"
	    "    slug: so-b\n"
	    "    source: b\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 2);
	T_CONTAINS(m(), "portal.yaml:4:5: lỗi: đơn vị ở dòng 4 thiếu name (tên "
	    "đơn vị); thêm dòng `name: \"Sở Tư pháp\"` vào đơn vị này\n");
	T_CONTAINS(m(), "portal.yaml:6:11: lỗi: đơn vị ở dòng 6: name đang "
	    "để trống; ghi tên đơn vị sau `name:`");

	/* slug: missing (one is suggested from the name), malformed, ours. */
	parse(HEAD
	    "  - name: \"Sở Tài chính\"\n"
	    "    source: a\n"
	    "  - name: \"Sở Y tế\"\n"
	    "    slug: So_Y_Te\n"
	    "    source: b\n"
	    "  - name: \"Sở Nội vụ\"\n"
	    "    slug: -so--noi-vu\n"
	    "    source: c\n"
	    "  - name: \"Sở Công Thương\"\n"
	    "    slug: tin-tuc\n"
	    "    source: d\n"
	    "  - name: \"Sở Dài\"\n"
	    "    slug: a1234567890123456789012345678901234567890123456789"
	    "012345678901234\n"
	    "    source: e\n"
	    "  - name: \"Sở Gạch\"\n"
	    "    slug: so-gach-\n"
	    "    source: f\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 6);
	T_CONTAINS(m(), "portal.yaml:4:5: lỗi: Sở Tài chính: thiếu slug (tên "
	    "thư mục của đơn vị trong địa chỉ cổng); thêm dòng `slug: "
	    "so-tai-chinh` (hoặc một tên ngắn hơn) vào đơn vị này\n");
	T_CONTAINS(m(), "portal.yaml:7:11: lỗi: Sở Y tế: slug “So_Y_Te” không "
	    "hợp lệ: chỉ được gồm chữ thường không dấu a-z, chữ số 0-9 và dấu "
	    "gạch ngang -; đổi thành `slug: so-y-te`\n");
	T_CONTAINS(m(), "portal.yaml:10:11: lỗi: Sở Nội vụ: slug “-so--noi-vu” "
	    "không hợp lệ: không được bắt đầu hay kết thúc bằng dấu gạch "
	    "ngang; đổi thành `slug: so-noi-vu`\n");
	T_CONTAINS(m(), "portal.yaml:13:11: lỗi: Sở Công Thương: slug "
	    "“tin-tuc” trùng với một mục của chính cổng (tin-tuc, thu-tuc, "
	    "tim-kiem, theo-doi, chuyen-huong, static, anh, trang); đặt slug "
	    "khác");
	T_CONTAINS(m(), "portal.yaml:16:11: lỗi: Sở Dài: slug “a12345678901"
	    "23456789012345678901234567890123456789012345678901234” không hợp "
	    "lệ: dài quá 64 ký tự; chỉ dùng chữ thường không dấu");
	T_CONTAINS(m(), "portal.yaml:19:11: lỗi: Sở Gạch: slug “so-gach-” "
	    "không hợp lệ: không được bắt đầu hay kết thúc bằng dấu gạch "
	    "ngang; đổi thành `slug: so-gach`\n");
	T_INTEQ(pc.ndepts, 6);

	/* "--" alone; exactly 64 bytes is fine. */
	parse(HEAD
	    "  - name: A\n"
	    "    slug: so--a\n"
	    "    source: a\n"
	    "  - name: B\n"
	    "    slug: a123456789012345678901234567890123456789012345678901"
	    "234567890123\n"
	    "    source: b\n");
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml:5:11: lỗi: A: slug “so--a” không hợp lệ: "
	    "không được có hai dấu gạch ngang liền nhau; đổi thành `slug: "
	    "so-a`\n");

	/* None of source, sources, built; two; all three; empty paths. */
	parse(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "    source: ../b\n"
	    "    built: ../b-ci\n"
	    "  - name: \"Sở C\"\n"
	    "    built: ../c\n"
	    "    slug: so-c\n"
	    "    sources: [../c1, ../c2]\n"
	    "    source: ../c\n"
	    "  - name: \"Sở D\"\n"
	    "    slug: so-d\n"
	    "    source: \"\"\n"
	    "  - name: \"Sở E\"\n"
	    "    slug: so-e\n"
	    "    built: false\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 5);
	T_CONTAINS(m(), "portal.yaml:4:5: lỗi: Sở A (so-a): chưa ghi thư mục "
	    "của đơn vị; mỗi đơn vị dùng đúng một trong ba khóa: source "
	    "(thư mục nguồn của đơn vị), sources (đơn vị sáp nhập: thư mục "
	    "nguồn của các đơn vị cũ) hoặc built (chuyên mục đã dựng sẵn ở "
	    "nơi khác), ví dụ `source: ../so-tu-phap`\n");
	T_CONTAINS(m(), "portal.yaml:9:5: lỗi: Sở B (so-b): có cả source và "
	    "built; mỗi đơn vị dùng đúng một trong ba khóa");
	T_CONTAINS(m(), "portal.yaml:13:5: lỗi: Sở C (so-c): có cả built, "
	    "sources và source; mỗi đơn vị dùng đúng một trong ba khóa");
	T_CONTAINS(m(), "portal.yaml:17:13: lỗi: Sở D (so-d): source đang để "
	    "trống; ghi đường dẫn tới thư mục nguồn của đơn vị (tính từ thư "
	    "mục chứa portal.yaml), ví dụ `source: ../so-tu-phap`\n");
	T_CONTAINS(m(), "portal.yaml:20:12: lỗi: Sở E (so-e): built phải là "
	    "một chuỗi văn bản, không phải true/false");
	/* What was read is kept for the caller, and freed whole. */
	T_INTEQ(pc.ndepts, 5);
	T_OK(pc.depts[1].src == NULL && pc.depts[1].built == NULL);
}

static void
test_sources_errors(void)
{
	parse(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    sources: []\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "    sources:\n"
	    "      - ../b1\n"
	    "      - {slug: b2}\n"
	    "      - [../b3]\n"
	    "  - name: \"Sở C\"\n"
	    "    slug: so-c\n"
	    "    sources: ../c\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 4);
	T_CONTAINS(m(), "portal.yaml:6:14: lỗi: Sở A (so-a): sources phải là "
	    "danh sách thư mục nguồn của các đơn vị đã sáp nhập (danh sách "
	    "đang trống), ví dụ `sources: [../sxd-soc-trang, "
	    "../sxd-can-tho]`\n");
	T_CONTAINS(m(), "portal.yaml:11:9: lỗi: Sở B (so-b): một mục của "
	    "sources thiếu path (thư mục nguồn); viết `- {path: "
	    "../sxd-can-tho, slug: sxd-can-tho}`\n");
	T_CONTAINS(m(), "portal.yaml:12:9: lỗi: Sở B (so-b): một mục của "
	    "sources phải là một chuỗi văn bản, không phải danh sách hay bảng; "
	    "mỗi mục của sources là đường dẫn");
	T_CONTAINS(m(), "portal.yaml:15:14: lỗi: Sở C (so-c): sources phải là "
	    "danh sách thư mục nguồn của các đơn vị đã sáp nhập, ví dụ");
	T_INTEQ(pc.depts[1].nsrc, 1);

	/* Former slugs: one twice in a department, a bad or reserved one,
	   none to be made from "..". */
	parse(HEAD
	    "  - name: \"Sở Xây dựng\"\n"
	    "    slug: so-xay-dung\n"
	    "    sources:\n"
	    "      - ../tinh-a/sxd\n"
	    "      - ../tinh-b/sxd\n"
	    "      - {path: ../c, slug: Cu_C}\n"
	    "      - {path: ../d, slug: anh}\n"
	    "      - ..\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 4);
	T_CONTAINS(m(), "portal.yaml:8:9: lỗi: Sở Xây dựng (so-xay-dung): hai "
	    "nguồn trong sources cùng có slug cũ “sxd” (dòng 7 và dòng 8); mỗi "
	    "đơn vị cũ cần slug cũ riêng: ghi slug cho một nguồn, ví dụ `- "
	    "{path: ../sxd-can-tho, slug: sxd-can-tho}`\n");
	T_CONTAINS(m(), "portal.yaml:9:28: lỗi: Sở Xây dựng (so-xay-dung): "
	    "slug cũ của nguồn ../c “Cu_C” không hợp lệ: chỉ được gồm chữ "
	    "thường không dấu a-z, chữ số 0-9 và dấu gạch ngang -; đổi thành "
	    "`slug: cu-c`\n");
	T_CONTAINS(m(), "portal.yaml:10:28: lỗi: Sở Xây dựng (so-xay-dung): "
	    "slug cũ của nguồn ../d “anh” trùng với một mục của chính cổng");
	T_CONTAINS(m(), "portal.yaml:11:9: lỗi: Sở Xây dựng (so-xay-dung): "
	    "không đặt được slug cũ cho nguồn .. từ tên thư mục “..”: tên thư "
	    "mục không có chữ hay số; ghi slug cũ của nguồn này, ví dụ `- "
	    "{path: .., slug: so-cu}`\n");

	/* A former slug that is another department's slug, or another
	   department's former slug; the department's own is fine. */
	parse(HEAD
	    "  - name: \"Sở Xây dựng\"\n"
	    "    slug: so-xay-dung\n"
	    "    sources: [../so-xay-dung, ../so-khcn]\n"
	    "  - name: \"Sở Khoa học và Công nghệ\"\n"
	    "    slug: so-khcn\n"
	    "    source: ../khcn\n"
	    "  - name: \"Sở Giao thông\"\n"
	    "    slug: so-gtvt\n"
	    "    sources: [../gt, {path: ../x, slug: so-xay-dung}]\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 2);
	T_CONTAINS(m(), "portal.yaml:8:11: lỗi: slug “so-khcn” vừa là slug của "
	    "Sở Khoa học và Công nghệ (dòng 8) vừa là slug cũ của một nguồn "
	    "gộp vào Sở Xây dựng (dòng 6); hai đơn vị không thể ở cùng một "
	    "địa chỉ: đổi slug của Sở Khoa học và Công nghệ hoặc ghi slug cũ "
	    "khác cho nguồn đó\n");
	T_CONTAINS(m(), "portal.yaml:12:41: lỗi: slug “so-xay-dung” vừa là "
	    "slug của Sở Xây dựng (dòng 5) vừa là slug cũ của một nguồn gộp "
	    "vào Sở Giao thông (dòng 12);");

	parse(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    sources: [../x/cu, ../a2]\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "    sources: [../b1, ../y/cu]\n");
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml:9:22: lỗi: slug cũ “cu” có ở hai đơn vị "
	    "(Sở A ở dòng 6 và Sở B ở dòng 9); một địa chỉ cũ chỉ chuyển về "
	    "được một đơn vị: sửa slug cũ của một nguồn\n");
}

static void
test_clashes(void)
{
	/* The message of the brief, word for word. */
	parse("title: T\n"
	    "base_url: https://tinh.gov.vn/\n"
	    "departments:\n"
	    "  - slug: so-khcn\n"
	    "    name: Sở Khoa học và Công nghệ\n"
	    "    source: ../khcn\n"
	    "  - slug: so-khcn\n"
	    "    name: Sở Xây dựng\n"
	    "    source: ../sxd\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_STREQ(m(), "portal.yaml:7:11: lỗi: hai đơn vị cùng dùng slug "
	    "“so-khcn” (Sở Khoa học và Công nghệ ở dòng 4 và Sở Xây dựng ở "
	    "dòng 7); đổi slug của một đơn vị\n");

	/* One folder twice, written two ways; one built folder twice; a
	   folder twice in one department's sources. */
	parse(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    source: ../a\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "    source: ./../a/\n"
	    "  - name: \"Sở C\"\n"
	    "    slug: so-c\n"
	    "    built: ci/c\n"
	    "  - name: \"Sở D\"\n"
	    "    slug: so-d\n"
	    "    built: ci//x/../c\n"
	    "  - name: \"Sở E\"\n"
	    "    slug: so-e\n"
	    "    sources: [../e, {path: ../e, slug: e2}]\n"
	    "  - name: \"Sở F\"\n"
	    "    slug: so-f\n"
	    "    built: ../a\n");	/* a source elsewhere: not a clash */
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 3);
	T_CONTAINS(m(), "portal.yaml:9:13: lỗi: hai đơn vị cùng dùng thư mục "
	    "nguồn ./../a/ (Sở A ở dòng 6 và Sở B ở dòng 9); mỗi thư mục nguồn "
	    "chỉ thuộc một đơn vị: sửa đường dẫn của một đơn vị\n");
	T_CONTAINS(m(), "portal.yaml:15:12: lỗi: hai đơn vị cùng dùng thư mục "
	    "đã dựng ci//x/../c (Sở C ở dòng 12 và Sở D ở dòng 15); mỗi đơn vị "
	    "cần thư mục đã dựng của riêng mình");
	T_CONTAINS(m(), "portal.yaml:18:28: lỗi: Sở E (so-e): thư mục nguồn "
	    "../e được ghi hai lần trong sources (dòng 18 và dòng 18); xóa một "
	    "dòng\n");

	/* An absolute path and a relative one to the same place. */
	parse(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    source: /srv/a\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "    source: ../a\n");
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml:9:13: lỗi: hai đơn vị cùng dùng thư mục "
	    "nguồn ../a (Sở A ở dòng 6 và Sở B ở dòng 9)");
}

static void
test_many_errors(void)
{
	/* Everything found is said, in one pass. */
	parse("title: T\n"
	    "base_url: tinh.gov.vn\n"
	    "departments:\n"
	    "  - name: \"Sở A\"\n"
	    "    slug: SoA\n"
	    "    source: ../a\n"
	    "  - name: \"Sở B\"\n"
	    "    slug: so-b\n"
	    "  - name: \"Sở C\"\n"
	    "    slug: so-b\n"
	    "    source: ../a\n"
	    "    khac: 1\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 5);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(m(), "portal.yaml:2:11: lỗi: base_url \"tinh.gov.vn\" không "
	    "hợp lệ");
	T_CONTAINS(m(), "portal.yaml:5:11: lỗi: Sở A: slug “SoA” không hợp lệ");
	T_CONTAINS(m(), "portal.yaml:7:5: lỗi: Sở B (so-b): chưa ghi thư mục");
	T_CONTAINS(m(), "portal.yaml:12:5: cảnh báo: khóa không rõ \"khac\" "
	    "của Sở C");
	T_CONTAINS(m(), "portal.yaml:10:11: lỗi: hai đơn vị cùng dùng slug "
	    "“so-b” (Sở B ở dòng 8 và Sở C ở dòng 10)");
	T_CONTAINS(m(), "portal.yaml:11:13: lỗi: hai đơn vị cùng dùng thư mục "
	    "nguồn ../a (Sở A ở dòng 6 và Sở C ở dòng 11)");
}

static void
write_file(const char *path, const char *text)
{
	if (fs_write(path, text, strlen(text)) == -1) {
		perror(path);
		exit(2);
	}
}

static void
test_load(void)
{
	struct diag	 d;
	char		*path;

	path = fs_join(dir, "portal.yaml");
	write_file(path, HEAD
	    "  - name: A\n"
	    "    slug: so-a\n"
	    "    source: so-a\n");
	portal_config_free(&pc);
	diag_init(&d);
	rc = portal_config_load(path, &pc, &d);
	take(&d);
	T_INTEQ(rc, 0);
	T_STREQ(m(), "");
	T_STREQ(pc.dir, dir);
	T_STREQ(pc.display, path);
	T_OK(str_has_suffix(pc.depts[0].src[0].abs, "/so-a") &&
	    strncmp(pc.depts[0].src[0].abs, dir, strlen(dir)) == 0);
	unlink(path);

	/* Missing: said clearly, and the struct still safe to free. */
	portal_config_free(&pc);
	diag_init(&d);
	rc = portal_config_load(path, &pc, &d);
	take(&d);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(m(), "portal.yaml: lỗi: không tìm thấy tệp cấu hình của "
	    "cổng; tạo tệp portal.yaml (xem docs/portal.md) hoặc chỉ tới tệp "
	    "đó bằng --config TỆP\n");
	T_STREQ(pc.display, path);
	T_OK(pc.ndepts == 0 && pc.raw == NULL);

	/* A folder given for the file. */
	portal_config_free(&pc);
	diag_init(&d);
	rc = portal_config_load(dir, &pc, &d);
	take(&d);
	T_INTEQ(rc, -1);
	T_CONTAINS(m(), "lỗi: đây là một thư mục, không phải tệp cấu hình");

	/* No folder in the path: ".". */
	portal_config_free(&pc);
	diag_init(&d);
	rc = portal_config_load("khong-co-portal.yaml", &pc, &d);
	take(&d);
	T_INTEQ(rc, -1);
	T_STREQ(pc.dir, ".");
	free(path);
}

static void
test_check_paths(void)
{
	struct diag	 d;
	char		*p, *text;

	p = fs_join(dir, "so-a");
	mkdir(p, 0755);
	free(p);
	p = fs_join(dir, "so-a2");
	mkdir(p, 0755);
	free(p);
	p = fs_join(dir, "ci/so-c");
	fs_mkdirs(p);
	free(p);
	p = fs_join(dir, "ci/so-c/du-lieu.json");
	write_file(p, "{}\n");
	free(p);
	p = fs_join(dir, "ci/so-d");
	fs_mkdirs(p);
	free(p);
	p = fs_join(dir, "tep");
	write_file(p, "x\n");
	free(p);

	parse_in(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    source: so-a\n"
	    "  - name: \"Sở C\"\n"
	    "    slug: so-c\n"
	    "    built: ci/so-c\n", dir);
	T_INTEQ(rc, 0);
	diag_init(&d);
	rc = portal_config_check_paths(&pc, &d);
	take(&d);
	T_INTEQ(rc, 0);
	T_STREQ(m(), "");

	text = xasprintf(HEAD
	    "  - name: \"Sở A\"\n"
	    "    slug: so-a\n"
	    "    source: so-a\n"
	    "  - name: \"Sở Khoa học và Công nghệ\"\n"
	    "    slug: so-khcn\n"
	    "    source: ../so-khcn\n"
	    "  - name: \"Sở Xây dựng\"\n"
	    "    slug: so-xd\n"
	    "    sources: [so-a2/./, tep, %s/khong-co]\n"
	    "  - name: \"Sở D\"\n"
	    "    slug: so-d\n"
	    "    built: ci/so-d\n"
	    "  - name: \"Sở E\"\n"
	    "    slug: so-e\n"
	    "    built: ci/so-e\n", dir);
	parse_in(text, dir);
	free(text);
	T_INTEQ(rc, 0);
	T_STREQ(pc.depts[2].src[0].former, "so-a2");
	T_STREQ(pc.depts[2].src[2].former, "khong-co");
	diag_init(&d);
	rc = portal_config_check_paths(&pc, &d);
	take(&d);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 5);
	text = xasprintf("portal.yaml:9:13: lỗi: Sở Khoa học và Công nghệ "
	    "(so-khcn): không có thư mục nguồn ../so-khcn (tìm ở "
	    "%s/../so-khcn); sửa đường dẫn (tính từ thư mục chứa portal.yaml) "
	    "hoặc lấy mã nguồn của đơn vị về đó, ví dụ bằng git clone\n", dir);
	T_CONTAINS(m(), text);
	free(text);
	text = xasprintf("portal.yaml:12:25: lỗi: Sở Xây dựng (so-xd): nguồn "
	    "tep (tìm ở %s/tep) là một tệp, không phải thư mục;", dir);
	T_CONTAINS(m(), text);
	free(text);
	text = xasprintf("portal.yaml:12:30: lỗi: Sở Xây dựng (so-xd): không "
	    "có thư mục nguồn %s/khong-co;", dir);
	T_CONTAINS(m(), text);
	free(text);
	text = xasprintf("portal.yaml:15:12: lỗi: Sở D (so-d): thư mục đã dựng "
	    "ci/so-d (tìm ở %s/ci/so-d) không có tệp du-lieu.json, nên không "
	    "phải một chuyên mục do cchc build dựng trọn vẹn; dựng lại bằng "
	    "`cchc build --base-url https://tinh.gov.vn/cchc/so-d/` rồi chép "
	    "cả thư mục kết quả về đó\n", dir);
	T_CONTAINS(m(), text);
	free(text);
	text = xasprintf("portal.yaml:18:12: lỗi: Sở E (so-e): không có thư "
	    "mục đã dựng ci/so-e (tìm ở %s/ci/so-e);", dir);
	T_CONTAINS(m(), text);
	free(text);

	/* A zeroed config has nothing to check. */
	portal_config_free(&pc);
	diag_init(&d);
	T_INTEQ(portal_config_check_paths(&pc, &d), 0);
	diag_free(&d);
}

static void
test_free(void)
{
	struct portal_config	 h;

	/* Zeroed, twice, NULL. */
	memset(&h, 0, sizeof(h));
	portal_config_free(&h);
	portal_config_free(&h);
	portal_config_free(NULL);

	/* Half-filled, as a failed read leaves it. */
	memset(&h, 0, sizeof(h));
	h.title = xstrdup("T");
	h.dir = xstrdup(".");
	h.depts = xcalloc(3, sizeof(*h.depts));
	h.ndepts = 2;
	h.depts[0].name = xstrdup("Sở A");
	h.depts[0].src = xcalloc(2, sizeof(*h.depts[0].src));
	h.depts[0].nsrc = 1;
	h.depts[0].src[0].path = xstrdup("../a");
	h.depts[1].built_path = xstrdup("ci/b");
	portal_config_free(&h);
	T_OK(h.depts == NULL && h.ndepts == 0 && h.title == NULL);
	portal_config_free(&h);

	/* A failed parse, freed. */
	parse(HEAD
	    "  - name: A\n"
	    "    sources: [../a, {path: ../b, slug: B}, ../a]\n");
	T_INTEQ(rc, -1);
	T_OK(pc.ndepts == 1 && pc.depts[0].nsrc == 3);
	portal_config_free(&pc);
	T_OK(pc.depts == NULL && pc.raw == NULL && pc.display == NULL);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_valid();
	test_paths_and_defaults();
	test_top_errors();
	test_yaml_errors();
	test_unknown_keys();
	test_dept_errors();
	test_sources_errors();
	test_clashes();
	test_many_errors();
	test_load();
	test_check_paths();
	test_free();
	portal_config_free(&pc);
	buf_free(&msgs);
	fs_rmtree(dir);
	return t_done("portal_config");
}
