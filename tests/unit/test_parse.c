/*
 * test_parse.c - one source page read and checked (parse.h): its kind
 * from the path, the slug from front matter or the file name, the URL,
 * draft and scheduled flags against --today, NFC, and the messages with
 * file:line:col for each kind of mistake.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "parse.h"
#include "source.h"
#include "util.h"
#include "t.h"

static char	 tmp[PATH_MAX];
/* The source the site of mksite() is read from (the session's part). */
static struct source *src_of_site;

/*
 * The one place a site is made: the folder tmp read as the source, and
 * --today 2025-06-15.
 */
static void
mksite(struct site *s)
{
	struct diag	 d;
	const char	*why;

	memset(s, 0, sizeof(*s));
	diag_init(&s->diag);
	diag_init(&d);
	source_free(src_of_site);
	src_of_site = NULL;
	T_INTEQ(source_open(&src_of_site, tmp, NULL, &d), 0);
	diag_free(&d);
	date_parse("2025-06-15", &s->today, &why);
	s->today_str = "2025-06-15";
}

/* Writes src with `text` and parses it as a page of s. */
static struct page *
parse(struct site *s, const char *src, const char *text)
{
	char		*p = fs_join(tmp, src), *d = fs_dirname(p);
	struct page	*pg = page_new(PAGE_PAGE, src);

	if (text != NULL) {
		fs_mkdirs(d);
		if (fs_write(p, text, strlen(text)) == -1)
			fprintf(stderr, "cannot write %s\n", p);
	}
	free(d);
	free(p);
	parse_page(&s->today, src_of_site, NULL, pg);
	site_add_page(s, pg);
	return pg;
}

/* Every message of p, formatted, one a line. */
static char *
msgs(const struct page *p)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < p->diag.len; i++) {
		diag_format(&p->diag.msgs[i], &b);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
msgs_are(const struct page *p, const char *want)
{
	char	*m = msgs(p);

	T_STREQ(m, want);
	free(m);
}

static void
test_kind(void)
{
	T_INTEQ(parse_kind("content/tin-tuc/2025/a.md"), PAGE_POST);
	T_INTEQ(parse_kind("content/thu-tuc/a.md"), PAGE_PROCEDURE);
	T_INTEQ(parse_kind("plans/2025/kh.md"), PAGE_PLAN);
	T_INTEQ(parse_kind("content/gioi-thieu.md"), PAGE_PAGE);
	T_INTEQ(parse_kind("content/tin-tuc.md"), PAGE_PAGE);
	T_INTEQ(parse_kind("content/x/tin-tuc/a.md"), PAGE_PAGE);
}

static void
test_slugs(void)
{
	struct site	 s;
	struct page	*p;

	mksite(&s);
	/* The file name, slugged. */
	p = parse(&s, "content/tin-tuc/2025/Hội nghị CCHC.md",
	    "---\ntitle: Hội nghị\ndate: 2025-06-01\n---\nNội dung\n");
	T_INTEQ(p->kind, PAGE_POST);
	T_OK(!p->failed);
	T_STREQ(p->title, "Hội nghị");
	T_STREQ(p->slug, "hoi-nghi-cchc");
	T_STREQ(p->url, "tin-tuc/hoi-nghi-cchc/");
	T_STREQ(p->out, "tin-tuc/hoi-nghi-cchc/index.html");
	T_INTEQ(p->has_date, 1);
	T_INTEQ(p->body_line, 5);
	T_STREQ(p->text + p->body_off, "Nội dung\n");
	msgs_are(p, "");
	/* The field wins; a spelling that is not a slug is warned about. */
	p = parse(&s, "content/tin-tuc/b.md",
	    "---\ntitle: B\nslug: Sơ kết Quý 2\n---\n");
	T_STREQ(p->slug, "so-ket-quy-2");
	T_STREQ(p->url, "tin-tuc/so-ket-quy-2/");
	msgs_are(p, "content/tin-tuc/b.md:3:1: cảnh báo: “slug” được đổi "
	    "thành “so-ket-quy-2”: địa chỉ chỉ gồm chữ thường không dấu, số "
	    "và dấu gạch ngang\n");
	T_OK(!p->failed);
	p = parse(&s, "content/tin-tuc/c.md",
	    "---\ntitle: C\nslug: da-dung\n---\n");
	T_STREQ(p->url, "tin-tuc/da-dung/");
	msgs_are(p, "");
	/* Slugs that make nothing. */
	p = parse(&s, "content/tin-tuc/d.md",
	    "---\ntitle: D\nslug: \"!!!\"\n---\n");
	T_OK(p->failed && p->url == NULL);
	msgs_are(p, "content/tin-tuc/d.md:3:7: lỗi: “slug”: không tạo được "
	    "địa chỉ từ giá trị này; dùng chữ thường không dấu, số và dấu "
	    "gạch ngang, ví dụ hoi-nghi-cchc-2025\n");
	p = parse(&s, "content/tin-tuc/!!!.md", "---\ntitle: E\n---\n");
	T_OK(p->failed);
	msgs_are(p, "content/tin-tuc/!!!.md: lỗi: tên tệp không tạo được địa "
	    "chỉ trang; đổi tên tệp (chữ không dấu, số, dấu gạch ngang) hoặc "
	    "thêm khóa “slug”\n");
	/* index.md is its folder; other pages keep their folders. */
	p = parse(&s, "content/hoi-dap/index.md", "---\ntitle: Hỏi đáp\n---\n");
	T_STREQ(p->url, "hoi-dap/");
	T_STREQ(p->out, "hoi-dap/index.html");
	p = parse(&s, "content/Hỏi đáp/Câu 1.md", "---\ntitle: Câu 1\n---\n");
	T_STREQ(p->url, "hoi-dap/cau-1/");
	p = parse(&s, "content/thu-tuc/khai-sinh.md",
	    "---\ntitle: Đăng ký khai sinh\ncode: \"1.001\"\n---\n");
	T_INTEQ(p->kind, PAGE_PROCEDURE);
	T_STREQ(p->url, "thu-tuc/khai-sinh/");
	site_free(&s);
}

static void
test_flags(void)
{
	struct site	 s;
	struct page	*p;

	mksite(&s);
	p = parse(&s, "content/tin-tuc/nhap.md",
	    "---\ntitle: N\ndate: 2025-06-01\ndraft: true\n---\n");
	T_OK(p->draft && p->skip && !p->scheduled && !p->failed);
	T_STREQ(p->url, "tin-tuc/nhap/");
	p = parse(&s, "content/tin-tuc/xong.md",
	    "---\ntitle: X\ndate: 2025-06-01\ndraft: false\n---\n");
	T_OK(!p->draft && !p->skip);
	/* Later today is not scheduled; tomorrow is. */
	p = parse(&s, "content/tin-tuc/toi.md",
	    "---\ntitle: T\ndate: 2025-06-15T23:59:59\n---\n");
	T_OK(!p->scheduled && !p->skip);
	p = parse(&s, "content/tin-tuc/mai.md",
	    "---\ntitle: M\ndate: 2025-06-16\n---\n");
	T_OK(p->scheduled && p->skip && !p->draft);
	/* 16:59:59 UTC is 23:59:59 in Vietnam; 17:00 is tomorrow. */
	p = parse(&s, "content/tin-tuc/utc1.md",
	    "---\ntitle: U\ndate: 2025-06-15T16:59:59Z\n---\n");
	T_OK(!p->scheduled);
	p = parse(&s, "content/tin-tuc/utc2.md",
	    "---\ntitle: U\ndate: 2025-06-15T17:00:00Z\n---\n");
	T_OK(p->scheduled);
	/* Only posts are scheduled. */
	p = parse(&s, "content/sau.md", "---\ntitle: S\ndate: 2026-01-01\n---\n");
	T_OK(!p->scheduled && !p->skip);
	/* No date: --today until history says otherwise. */
	p = parse(&s, "content/tin-tuc/khong-ngay.md", "---\ntitle: K\n---\n");
	T_INTEQ(p->has_date, 0);
	T_INTEQ(p->date.y * 10000 + p->date.m * 100 + p->date.d, 20250615);
	T_OK(!p->scheduled);
	p = parse(&s, "content/tin-tuc/sai.md",
	    "---\ntitle: S\ndraft: có\n---\n");
	T_OK(p->failed);
	msgs_are(p, "content/tin-tuc/sai.md:3:8: lỗi: “draft”: cần true hoặc "
	    "false\n");
	site_free(&s);
}

static void
test_messages(void)
{
	struct site	 s;
	struct page	*p;
	char		*m;

	mksite(&s);
	p = parse(&s, "content/tin-tuc/a.md",
	    "---\ntitle: A\ntieu_de: x\n---\n");
	T_OK(!p->failed);
	msgs_are(p, "content/tin-tuc/a.md:3:1: cảnh báo: khóa “tieu_de” không "
	    "dùng cho bài tin tức nên bị bỏ qua; kiểm tra chính tả (các khóa "
	    "dùng được: title, date, summary, tags, unit, image, image_alt, "
	    "image_focus, draft, slug, plan, task)\n");
	p = parse(&s, "content/gioi-thieu.md",
	    "---\ntitle: G\ntags: [a]\n---\n");
	msgs_are(p, "content/gioi-thieu.md:3:1: cảnh báo: khóa “tags” không "
	    "dùng cho trang nên bị bỏ qua; kiểm tra chính tả (các khóa dùng "
	    "được: title, date, summary, image, image_alt, image_focus, "
	    "draft, slug)\n");
	p = parse(&s, "content/tin-tuc/b.md", "---\ndate: 2025-06-01\n---\n");
	T_OK(p->failed && p->url == NULL);
	msgs_are(p, "content/tin-tuc/b.md:1:1: lỗi: thiếu tiêu đề: thêm dòng "
	    "“title: …” vào phần đầu (front matter) giữa hai dòng ---\n");
	p = parse(&s, "content/tin-tuc/c.md",
	    "---\ntitle: C\ndate: 2025-13-01\n---\n");
	T_OK(p->failed);
	m = msgs(p);
	T_STREQ(m, "content/tin-tuc/c.md:3:7: lỗi: “date”: ngày "
	    "“2025-13-01” không có thật (không có tháng 13); hãy kiểm tra lại "
	    "ngày, viết theo dạng năm-tháng-ngày, ví dụ 2025-06-15\n");
	free(m);
	/* Written the Vietnamese way: the date as it should be written. */
	p = parse(&s, "content/tin-tuc/c2.md",
	    "---\ntitle: C\ndate: 15/06/2025\n---\n");
	T_OK(p->failed);
	msgs_are(p, "content/tin-tuc/c2.md:3:7: lỗi: “date”: ngày “15/06/2025” "
	    "chưa viết đúng dạng; hãy viết 2025-06-15 (năm-tháng-ngày)\n");
	p = parse(&s, "content/tin-tuc/c3.md",
	    "---\ntitle: C\ndate: 31/02/2025\n---\n");
	msgs_are(p, "content/tin-tuc/c3.md:3:7: lỗi: “date”: ngày “31/02/2025” "
	    "không có thật (tháng 2 năm 2025 chỉ có 28 ngày); hãy kiểm tra lại "
	    "ngày, viết theo dạng năm-tháng-ngày, ví dụ 2025-06-15\n");
	/* Every date field: a procedure's effective date, a plan's. */
	p = parse(&s, "content/thu-tuc/c4.md",
	    "---\ntitle: C\neffective: 1.7.2025 8:00\n---\n");
	m = msgs(p);
	T_CONTAINS(m, "content/thu-tuc/c4.md:3:12: lỗi: “effective”: ngày "
	    "“1.7.2025 8:00” chưa viết đúng dạng; hãy viết 2025-07-01T08:00 "
	    "(năm-tháng-ngày, rồi giờ:phút)\n");
	free(m);
	p = parse(&s, "plans/2025/c5.md",
	    "---\ntitle: C\nissued: 2025/1/5\n---\n");
	m = msgs(p);
	T_CONTAINS(m, "plans/2025/c5.md:3:9: lỗi: “issued”: ngày "
	    "“2025/1/5” chưa viết đúng dạng; hãy viết 2025-01-05 "
	    "(năm-tháng-ngày)\n");
	free(m);
	p = parse(&s, "content/tin-tuc/d.md",
	    "---\ntitle: D\ntags: {a: b}\nunit: [a]\n---\n");
	/* In the order parse.c checks them: unit, then tags. */
	msgs_are(p, "content/tin-tuc/d.md:4:7: lỗi: “unit”: cần một đoạn chữ; "
	    "nếu giá trị có dấu hai chấm hay bắt đầu bằng ký tự đặc biệt, hãy "
	    "đặt nó trong dấu ngoặc kép\n"
	    "content/tin-tuc/d.md:3:7: lỗi: “tags”: cần một danh sách, mỗi "
	    "mục một dòng bắt đầu bằng “- ”\n");
	/* Bad UTF-8: the column counts characters, not bytes. */
	p = parse(&s, "content/tin-tuc/e.md",
	    "---\ntitle: E\n---\nẤn \xff\n");
	T_OK(p->failed);
	msgs_are(p, "content/tin-tuc/e.md:4:4: lỗi: tệp không phải văn bản "
	    "UTF-8 hợp lệ (byte 0xFF); hãy lưu lại tệp với bảng mã UTF-8\n");
	p = parse(&s, "content/tin-tuc/khong-co.md", NULL);
	T_OK(p->failed);
	msgs_are(p, "content/tin-tuc/khong-co.md: lỗi: không đọc được tệp: không "
	    "có tệp hay thư mục này\n");
	/* Decomposed text (as some editors save it) becomes NFC. */
	p = parse(&s, "content/tin-tuc/nfc.md",
	    "---\ntitle: \"A\xcc\x82\xcc\x81n\"\n---\n");
	T_STREQ(p->title, "Ấn");
	T_OK(!p->failed);
	/* An unclosed front matter is fm_split's error. */
	p = parse(&s, "content/tin-tuc/mo.md", "---\ntitle: x\n");
	T_OK(p->failed && p->title == NULL);
	T_INTEQ(p->diag.errors, 1);
	site_free(&s);
}

int
main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/cchc-parse-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_kind();
	test_slugs();
	test_flags();
	test_messages();
	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "files kept in %s\n", tmp);
	source_free(src_of_site);
	return t_done("parse");
}
