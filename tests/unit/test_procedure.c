/*
 * test_procedure.c - administrative procedures: section heading matching,
 * front matter checks, the body split into standard sections, and the
 * sample procedures in content/thu-tuc (run from the top of the tree, as
 * tests/run.sh does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "procedure.h"
#include "slug.h"
#include "t.h"
#include "util.h"
#include "value.h"

#define FILE_	"content/thu-tuc/a.md"
#define SAMPLES	"content/thu-tuc"

/* Result of the last check: all messages as one text, and the body. */
static struct proc_body	 body;
static struct buf	 msgs = BUF_INIT;
static struct buf	 doc = BUF_INIT;	/* the file checked */
static const char	*body_src;
static int		 rc;
static size_t		 nerr, nwarn;

static void
collect(struct diag *d)
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

/* Splits a whole file like the build does, then checks it. */
static void
check_file(const char *file, const char *src, size_t len)
{
	struct diag	 d;
	struct val	*meta = NULL;
	size_t		 off = 0;
	int		 line = 1;

	diag_init(&d);
	if (fm_split(file, src, len, &meta, &off, &line, &d) == -1) {
		rc = -2;
		collect(&d);
		return;
	}
	rc = proc_check(file, meta, src + off, len - off, line, &body, &d);
	body_src = src + off;
	collect(&d);
	val_unref(meta);
}

/* Checks "---\n" fm "---\n" body. */
static void
check(const char *fm, const char *bodytext)
{
	buf_reset(&doc);
	buf_printf(&doc, "---\n%s---\n%s", fm, bodytext);
	check_file(FILE_, doc.data, doc.len);
}

/* The text of standard section i, or of the intro (i = -1). */
static const char *
sect(int i)
{
	static struct buf	 b = BUF_INIT;

	buf_reset(&b);
	if (i < 0)
		buf_put(&b, body_src + body.intro_off, body.intro_len);
	else if (body.present[i])
		buf_put(&b, body_src + body.off[i], body.len[i]);
	else
		return "(absent)";
	return buf_cstr(&b);
}

/* Front matter lines 2-6 of every valid case; the body starts on line 8. */
#define L_TITLE		"title: \"Cấp giấy phép tiến hành công việc bức xạ\"\n"
#define L_CODE		"code: \"1.004812\"\n"
#define L_FIELD		"field: \"Năng lượng nguyên tử\"\n"
#define L_AGENCY	"agency: \"Sở Khoa học và Công nghệ\"\n"
#define L_DEADLINE	"deadline: \"15 ngày làm việc\"\n"
#define FM_REQ		L_TITLE L_CODE L_FIELD L_AGENCY L_DEADLINE

/* Every required section, one per 4 lines: "## X" on lines 8, 12, ... */
#define BODY_REQ							\
	"## Trình tự thực hiện\n\nBước 1.\n\n"				\
	"## Cách thức thực hiện\n\nTrực tiếp.\n\n"			\
	"## Thành phần hồ sơ\n\nĐơn.\n\n"				\
	"## Thời hạn giải quyết\n\n15 ngày.\n\n"			\
	"## Đối tượng thực hiện\n\nTổ chức.\n\n"			\
	"## Cơ quan thực hiện\n\nSở.\n\n"				\
	"## Kết quả thực hiện\n\nGiấy phép.\n\n"			\
	"## Căn cứ pháp lý\n\nLuật.\n"

static char *
nfd(const char *s)
{
	return (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
}

static void
test_table(void)
{
	static const int required[PROC_NSECTIONS] = {
		1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1
	};
	static const char *const titles[PROC_NSECTIONS] = {
		"Trình tự thực hiện", "Cách thức thực hiện",
		"Thành phần hồ sơ", "Thời hạn giải quyết",
		"Đối tượng thực hiện", "Cơ quan thực hiện",
		"Kết quả thực hiện", "Phí, lệ phí", "Tên mẫu đơn, tờ khai",
		"Yêu cầu, điều kiện", "Căn cứ pháp lý"
	};
	char	*s;
	int	 i;

	for (i = 0; i < PROC_NSECTIONS; i++) {
		T_STREQ(proc_sections[i].title, titles[i]);
		T_INTEQ(proc_sections[i].required, required[i]);
		s = slug_make(titles[i], strlen(titles[i]));
		T_STREQ(proc_sections[i].id, s);
		free(s);
		/* Every title matches itself, in NFD too. */
		T_INTEQ(proc_section_index(titles[i]), i);
		s = nfd(titles[i]);
		T_OK(strcmp(s, titles[i]) != 0);	/* really decomposed */
		T_INTEQ(proc_section_index(s), i);
		free(s);
	}
	T_STREQ(proc_sections[7].id, "phi-le-phi");
	T_STREQ(proc_sections[8].id, "ten-mau-don-to-khai");
}

static void
test_match(void)
{
	static const struct {
		const char	*heading;
		int		 want;
	} cases[] = {
		/* Case, diacritics, spacing, trailing punctuation. */
		{ "TRÌNH TỰ THỰC HIỆN", 0 },
		{ "trình tự thực hiện", 0 },
		{ "Trinh tu thuc hien", 0 },
		{ "Trình tự thực hiện:", 0 },
		{ "Trình tự thực hiện :", 0 },
		{ "  Trình   tự\tthực hiện .  ", 0 },
		{ "Trình tự thực hiện\xC2\xA0", 0 },
		{ "CĂN CỨ PHÁP LÝ", 10 },
		{ "Can cu phap ly", 10 },
		{ "ĐỐI TƯỢNG THỰC HIỆN", 4 },
		{ "Doi tuong thuc hien", 4 },
		{ "1. Trình tự thực hiện", 0 },
		{ "2.1 Cách thức thực hiện", 1 },
		/* Variants. */
		{ "Phí, lệ phí", 7 },
		{ "Phí và lệ phí", 7 },
		{ "Phí/lệ phí", 7 },
		{ "Phí / Lệ phí:", 7 },
		{ "PHI, LE PHI", 7 },
		{ "Phí, lệ phí (nếu có)", 7 },
		{ "Tên mẫu đơn, tờ khai", 8 },
		{ "Mẫu đơn, tờ khai", 8 },
		{ "Tên mẫu đơn, mẫu tờ khai", 8 },
		{ "Mau don, to khai", 8 },
		{ "Yêu cầu, điều kiện", 9 },
		{ "Yêu cầu, điều kiện thực hiện", 9 },
		{ "Yêu cầu, điều kiện thực hiện thủ tục hành chính", 9 },
		{ "Căn cứ pháp lý của thủ tục hành chính", 10 },
		{ "Căn cứ pháp lý của TTHC", 10 },
		{ "Cơ quan giải quyết", 5 },
		{ "Cơ quan thực hiện thủ tục hành chính", 5 },
		{ "Thành phần, số lượng hồ sơ", 2 },
		{ "Kết quả thực hiện thủ tục hành chính", 6 },
		/* Not sections. */
		{ "Lệ phí", -1 },
		{ "Phí", -1 },
		{ "Lưu ý", -1 },
		{ "Trình tự", -1 },
		{ "Trình tự thực hiện bổ sung", -1 },
		{ "Cơ quan có thẩm quyền", -1 },
		{ "Căn cứ", -1 },
		{ "Phí, lệ phí, thuế", -1 },
		{ "Thủ tục hành chính", -1 },
		{ "1.", -1 },
		{ "2025", -1 },
		{ "", -1 },
		{ "   ", -1 },
	};
	size_t	 i;
	char	*s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (proc_section_index(cases[i].heading) != cases[i].want)
			fprintf(stderr, "heading \"%s\"\n", cases[i].heading);
		T_INTEQ(proc_section_index(cases[i].heading), cases[i].want);
	}
	T_INTEQ(proc_section_index(NULL), -1);
	/* NFD variants and upper case NFD. */
	s = nfd("Phí và lệ phí");
	T_INTEQ(proc_section_index(s), 7);
	free(s);
	s = nfd("CĂN CỨ PHÁP LÝ CỦA THỦ TỤC HÀNH CHÍNH");
	T_INTEQ(proc_section_index(s), 10);
	free(s);
}

static void
test_valid(void)
{
	check(FM_REQ, BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 0);
	T_STREQ(msgs.data ? msgs.data : "", "");

	/* Optional fields that agree: no message either. */
	check(FM_REQ "online: toan-trinh\n"
	    "online_url: \"https://dichvucong.gov.vn/x?ma_thu_tuc=1.004812\"\n",
	    BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
	check(FM_REQ "online: khong\n", BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
	/* An empty online is as if absent. */
	check(FM_REQ "online:\n", BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
}

static void
test_missing_fields(void)
{
	static const struct {
		const char	*key;
		const char	*want;
	} f[] = {
		{ "title", "content/thu-tuc/a.md:1:1: lỗi: thiếu “title” (tên "
		    "thủ tục như trên Cơ sở dữ liệu quốc gia" },
		{ "code", "content/thu-tuc/a.md:1:1: lỗi: thiếu “code” (mã "
		    "thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ 1.004227); "
		    "thêm dòng “code: …” vào phần đầu (front matter) giữa "
		    "hai dòng ---\n" },
		{ "field", "content/thu-tuc/a.md:1:1: lỗi: thiếu “field” "
		    "(lĩnh vực, ví dụ Hoạt động khoa học và công nghệ); "
		    "thêm dòng “field: …”" },
		{ "agency", "content/thu-tuc/a.md:1:1: lỗi: thiếu “agency” "
		    "(cơ quan thực hiện, ví dụ Sở Khoa học và Công nghệ); "
		    "thêm dòng “agency: …”" },
		{ "deadline", "content/thu-tuc/a.md:1:1: lỗi: thiếu "
		    "“deadline” (thời hạn giải quyết, ví dụ 15 ngày làm việc "
		    "kể từ ngày nhận đủ hồ sơ hợp lệ)" },
	};
	static const char *const lines[] = {
		L_TITLE, L_CODE, L_FIELD, L_AGENCY, L_DEADLINE
	};
	struct buf	 fm = BUF_INIT;
	size_t		 i, k;

	for (i = 0; i < 5; i++) {
		buf_reset(&fm);
		for (k = 0; k < 5; k++)
			if (k != i)
				buf_puts(&fm, lines[k]);
		check(buf_cstr(&fm), BODY_REQ);
		T_INTEQ(rc, -1);
		T_INTEQ(nerr, 1);
		T_INTEQ(nwarn, 0);
		T_CONTAINS(msgs.data, f[i].want);
	}
	buf_free(&fm);

	/* No front matter at all: every field, each at 1:1. */
	check_file(FILE_, BODY_REQ, strlen(BODY_REQ));
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 5);
	for (i = 0; i < 5; i++)
		T_CONTAINS(msgs.data, f[i].want);
}

static void
test_empty_fields(void)
{
	/* Quoted empty string: at the value. */
	check(L_TITLE L_CODE L_FIELD "agency: \"\"\n" L_DEADLINE, BODY_REQ);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:5:9: lỗi: “agency” để "
	    "trống; ghi cơ quan thực hiện, ví dụ Sở Khoa học và Công nghệ\n");
	/* Blanks only. */
	check(L_TITLE L_CODE "field: \"   \"\n" L_AGENCY L_DEADLINE, BODY_REQ);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:4:8: lỗi: “field” để "
	    "trống; ghi lĩnh vực");
	/* Nothing after the colon (null). */
	check(L_TITLE L_CODE L_FIELD L_AGENCY "deadline:\n", BODY_REQ);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:6:");
	T_CONTAINS(msgs.data, "lỗi: “deadline” để trống; ghi thời hạn "
	    "giải quyết");
	/* Not a string: a list, a map, a boolean. */
	check(L_TITLE L_CODE L_FIELD "agency:\n  - Sở A\n  - Sở B\n"
	    L_DEADLINE, BODY_REQ);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:6:3: lỗi: “agency”: cần "
	    "một đoạn chữ (cơ quan thực hiện");
	check("title: {a: b}\n" L_CODE L_FIELD L_AGENCY L_DEADLINE, BODY_REQ);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:2:8: lỗi: “title”: cần "
	    "một đoạn chữ");
	check(L_TITLE "code: true\n" L_FIELD L_AGENCY L_DEADLINE, BODY_REQ);
	T_INTEQ(nerr, 1);
	T_INTEQ(nwarn, 0);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:3:7: lỗi: “code”: cần "
	    "một đoạn chữ");
}

static void
test_code(void)
{
	check(L_TITLE "code: \"1.4812\"\n" L_FIELD L_AGENCY L_DEADLINE,
	    BODY_REQ);
	T_INTEQ(rc, 0);		/* a warning does not fail */
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:3:7: cảnh báo: “code”: "
	    "“1.4812” không giống mã thủ tục trên Cơ sở dữ liệu quốc gia "
	    "(một chữ số, dấu chấm và sáu chữ số, ví dụ 1.004227); chép "
	    "đúng mã từ dichvucong.gov.vn\n");
	check(L_TITLE "code: BTP-287170\n" L_FIELD L_AGENCY L_DEADLINE,
	    BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, ":3:7: cảnh báo: “code”: “BTP-287170” không "
	    "giống");
	/* Unquoted, it is still a string (never a number). */
	check(L_TITLE "code: 2.001512\n" L_FIELD L_AGENCY L_DEADLINE,
	    BODY_REQ);
	T_INTEQ(nerr + nwarn, 0);
	/* The local code: say which part to keep. */
	check(L_TITLE "code: 1.004812.000.00.00.H53\n" L_FIELD L_AGENCY
	    L_DEADLINE, BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:3:7: cảnh báo: “code”: "
	    "“1.004812.000.00.00.H53” là mã thủ tục tại địa phương; ghi mã "
	    "trên Cơ sở dữ liệu quốc gia, ở đây là “1.004812”\n");
	check(L_TITLE "code: \"1.0048120\"\n" L_FIELD L_AGENCY L_DEADLINE,
	    BODY_REQ);
	T_INTEQ(nwarn, 1);
	check(L_TITLE "code: \"a.004812\"\n" L_FIELD L_AGENCY L_DEADLINE,
	    BODY_REQ);
	T_INTEQ(nwarn, 1);
}

static void
test_online(void)
{
	check(FM_REQ "online: mot phan\n", BODY_REQ);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:7:9: lỗi: “online”: "
	    "“mot phan” không phải giá trị hợp lệ; ghi một trong: toan-trinh "
	    "(trực tuyến toàn trình), mot-phan (trực tuyến một phần) hoặc "
	    "khong (không có dịch vụ công trực tuyến) (ở đây có lẽ là "
	    "“mot-phan”)\n");
	check(FM_REQ "online: \"Toàn trình\"\n", BODY_REQ);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, ":7:9: lỗi: “online”: “Toàn trình” không phải");
	T_CONTAINS(msgs.data, "(ở đây có lẽ là “toan-trinh”)");
	check(FM_REQ "online: co\n", BODY_REQ);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, ":7:9: lỗi: “online”: “co” không phải giá trị "
	    "hợp lệ; ghi một trong: toan-trinh");
	T_OK(strstr(msgs.data, "có lẽ") == NULL);
	check(FM_REQ "online: false\n", BODY_REQ);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:7:9: lỗi: “online”: cần "
	    "một trong các giá trị toan-trinh (trực tuyến toàn trình), "
	    "mot-phan");

	/* online_url with khong: at online_url. */
	check(FM_REQ "online: khong\nonline_url: \"https://dichvucong.gov.vn/"
	    "x\"\n", BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:8:13: cảnh báo: có "
	    "“online_url” nhưng “online” là khong (không có dịch vụ công trực "
	    "tuyến); xóa dòng “online_url” hoặc sửa “online” thành "
	    "toan-trinh hoặc mot-phan\n");
	/* toan-trinh / mot-phan without online_url: at online. */
	check(FM_REQ "online: toan-trinh\n", BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:7:9: cảnh báo: “online” "
	    "là toan-trinh nhưng thiếu “online_url”; thêm dòng “online_url: "
	    "…” với địa chỉ nộp hồ sơ trực tuyến, ví dụ https://dichvucong."
	    "gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?"
	    "ma_thu_tuc=1.004812\n");
	check(FM_REQ "online: mot-phan\nonline_url: \"\"\n", BODY_REQ);
	T_INTEQ(rc, 0);
	T_INTEQ(nwarn, 1);
	T_CONTAINS(msgs.data, ":7:9: cảnh báo: “online” là mot-phan nhưng "
	    "thiếu “online_url”");
	/* Without a usable code the example uses a sample one. */
	check(L_TITLE "code: \"1.48\"\n" L_FIELD L_AGENCY L_DEADLINE
	    "online: mot-phan\n", BODY_REQ);
	T_INTEQ(nwarn, 2);
	T_CONTAINS(msgs.data, "ma_thu_tuc=1.004227\n");
}

/* Body sections: ranges, lines, intro, order, subheadings. */
static void
test_split(void)
{
	check(FM_REQ,
	    "Giới thiệu ngắn.\n"				/* 8 */
	    "\n"
	    "## Trình tự thực hiện\n"				/* 10 */
	    "\n"
	    "1. Bước 1.\n"
	    "2. Bước 2.\n"
	    "\n"
	    "### Lưu ý\n"					/* 15 */
	    "\n"
	    "Nộp đúng hạn.\n"
	    "\n"
	    "## Căn cứ pháp lý\n"				/* 19 */
	    "- Luật.\n"
	    "## Phí và lệ phí:\n"				/* 21 */
	    "\n"
	    "Không.\n"
	    "\n"
	    "## Cách thức thực hiện\n"				/* 25 */
	    "Trực tiếp.\n"
	    "## Thành phần hồ sơ\n"
	    "Đơn.\n"
	    "## Thời hạn giải quyết\n"
	    "15 ngày.\n"
	    "## Đối tượng thực hiện\n"
	    "Tổ chức.\n"
	    "## Cơ quan thực hiện\n"
	    "Sở.\n"
	    "## **Kết quả** thực hiện\n"			/* 35 */
	    "Giấy phép.");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
	T_STREQ(sect(-1), "Giới thiệu ngắn.\n\n");
	T_INTEQ(body.intro_off, 0);
	T_INTEQ(body.present[0], 1);
	T_STREQ(sect(0), "\n1. Bước 1.\n2. Bước 2.\n\n### Lưu ý\n\n"
	    "Nộp đúng hạn.\n\n");
	T_INTEQ(body.line[0], 11);
	T_STREQ(sect(10), "- Luật.\n");
	T_INTEQ(body.line[10], 20);
	T_STREQ(sect(7), "\nKhông.\n\n");
	T_INTEQ(body.line[7], 22);
	T_STREQ(sect(1), "Trực tiếp.\n");
	T_INTEQ(body.line[1], 26);
	T_STREQ(sect(2), "Đơn.\n");
	T_STREQ(sect(5), "Sở.\n");
	/* The last section runs to the end (no final newline). */
	T_STREQ(sect(6), "Giấy phép.");
	T_INTEQ(body.line[6], 36);
	T_INTEQ(body.off[6] + body.len[6], strlen(body_src));
	T_INTEQ(body.present[8], 0);
	T_INTEQ(body.present[9], 0);
	T_STREQ(sect(8), "(absent)");

	/* No intro; a final heading with nothing after it. */
	check(FM_REQ, BODY_REQ "## Yêu cầu, điều kiện");
	T_INTEQ(rc, 0);
	T_INTEQ(body.intro_len, 0);
	T_INTEQ(body.present[9], 1);
	T_INTEQ(body.len[9], 0);
	T_INTEQ(body.off[9], strlen(body_src));
	T_STREQ(sect(10), "\nLuật.\n");
	T_INTEQ(body.line[10], 37);

	/* No heading at all: everything is the intro. */
	check(FM_REQ, "Chỉ có lời giới thiệu.\n");
	T_STREQ(sect(-1), "Chỉ có lời giới thiệu.\n");
}

/* What is and is not a section heading. */
static void
test_split_headings(void)
{
	/* Setext level 2: the section starts after the underline. */
	check(FM_REQ, "Trình tự thực hiện\n"
	    "------------------\n"
	    "Bước 1.\n\n"
	    "## Cách thức thực hiện\n\nTrực tiếp.\n\n"
	    "## Thành phần hồ sơ\n\nĐơn.\n\n"
	    "## Thời hạn giải quyết\n\n15 ngày.\n\n"
	    "## Đối tượng thực hiện\n\nTổ chức.\n\n"
	    "## Cơ quan thực hiện\n\nSở.\n\n"
	    "## Kết quả thực hiện\n\nGiấy phép.\n\n"
	    "## Căn cứ pháp lý\n\nLuật.\n");
	T_INTEQ(rc, 0);
	T_STREQ(sect(0), "Bước 1.\n\n");
	T_INTEQ(body.line[0], 10);

	/* A setext heading on two lines, closing #s, a setext last line. */
	check(FM_REQ, "## Trình tự thực hiện\nA\n\n"
	    "Cách thức\nthực hiện\n---\nB\n"			/* 11-13 */
	    "## Thành phần hồ sơ ##\nC\n"
	    "## Thời hạn giải quyết\n15 ngày.\n"
	    "## Đối tượng thực hiện\n\nTổ chức.\n\n"
	    "## Cơ quan thực hiện\n\nSở.\n\n"
	    "## Kết quả thực hiện\n\nGiấy phép.\n\n"
	    "## Căn cứ pháp lý\n\nLuật.\n\n"
	    "Phí, lệ phí\n-----------");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_STREQ(sect(0), "A\n\n");
	T_STREQ(sect(1), "B\n");
	T_INTEQ(body.line[1], 14);
	T_STREQ(sect(2), "C\n");
	T_STREQ(sect(10), "\nLuật.\n\n");
	T_INTEQ(body.present[7], 1);
	T_INTEQ(body.len[7], 0);

	/* `##` in code, a quote or a list, and `#`/`###`, do not split. */
	check(FM_REQ, "## Trình tự thực hiện\n"
	    "```\n## Lưu ý\n```\n"
	    "> ## Lưu ý\n\n"
	    "- ## Lưu ý\n\n"
	    "# Tiêu đề lớn\n"
	    "### Phí, lệ phí\n"
	    "    ## thụt lề là mã\n"
	    "\n## Cách thức thực hiện\n\nTrực tiếp.\n\n"
	    "## Thành phần hồ sơ\n\nĐơn.\n\n"
	    "## Thời hạn giải quyết\n\n15 ngày.\n\n"
	    "## Đối tượng thực hiện\n\nTổ chức.\n\n"
	    "## Cơ quan thực hiện\n\nSở.\n\n"
	    "## Kết quả thực hiện\n\nGiấy phép.\n\n"
	    "## Căn cứ pháp lý\n\nLuật.\n");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_STREQ(sect(0), "```\n## Lưu ý\n```\n> ## Lưu ý\n\n- ## Lưu ý\n\n"
	    "# Tiêu đề lớn\n### Phí, lệ phí\n    ## thụt lề là mã\n\n");
	T_INTEQ(body.present[7], 0);

	/* CRLF line ends: offsets stay on the right bytes. */
	check(FM_REQ, "Mở đầu.\r\n\r\n## Trình tự thực hiện\r\nBước 1.\r\n"
	    "## Cách thức thực hiện\r\nA\r\n## Thành phần hồ sơ\r\nB\r\n"
	    "## Thời hạn giải quyết\r\nC\r\n## Đối tượng thực hiện\r\nD\r\n"
	    "## Cơ quan thực hiện\r\nE\r\n## Kết quả thực hiện\r\nF\r\n"
	    "## Căn cứ pháp lý\r\nG\r\n");
	T_INTEQ(rc, 0);
	T_STREQ(sect(-1), "Mở đầu.\r\n\r\n");
	T_STREQ(sect(0), "Bước 1.\r\n");
	T_INTEQ(body.line[0], 11);
	T_STREQ(sect(10), "G\r\n");
	T_INTEQ(body.line[10], 25);
}

static void
test_split_errors(void)
{
	/* Unknown heading: at its line and column, content not lost silently. */
	check(FM_REQ, BODY_REQ "\n## Lưu ý\n\nMang theo CCCD.\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:40:1: lỗi: mục “Lưu ý” "
	    "không phải mục chuẩn của thủ tục hành chính; các mục chuẩn: "
	    "“Trình tự thực hiện”, “Cách thức thực hiện”, “Thành phần hồ sơ”, "
	    "“Thời hạn giải quyết”, “Đối tượng thực hiện”, “Cơ quan thực "
	    "hiện”, “Kết quả thực hiện”, “Phí, lệ phí”, “Tên mẫu đơn, tờ "
	    "khai”, “Yêu cầu, điều kiện”, “Căn cứ pháp lý”; đổi tên cho đúng "
	    "một mục chuẩn, hoặc viết “### Lưu ý” để nội dung thành mục con "
	    "của mục phía trên\n");
	/* The section before it ends at the unknown heading. */
	T_STREQ(sect(10), "\nLuật.\n\n");
	/* Indented heading: its column. */
	check(FM_REQ, "  ## Lệ phí\n" BODY_REQ);
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:8:3: lỗi: mục “Lệ phí” "
	    "không phải mục chuẩn");
	/* An empty heading. */
	check(FM_REQ, BODY_REQ "##\n");
	T_INTEQ(nerr, 1);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:39:1: lỗi: tiêu đề “##” "
	    "không có chữ; ghi tên một mục chuẩn của thủ tục hành chính: "
	    "“Trình tự thực hiện”,");

	/* Repeated: at the second, naming the first's line; first kept. */
	check(FM_REQ, BODY_REQ "\n## Phí, lệ phí\nKhông.\n"
	    "## Trình tự thực hiện\nBước 2.\n## Phí và lệ phí\nCó.\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 2);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:42:1: lỗi: mục “Trình tự "
	    "thực hiện” đã có ở dòng 8; gộp nội dung hai mục làm một và xóa "
	    "tiêu đề thứ hai\n");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:44:1: lỗi: mục “Phí, lệ "
	    "phí” đã có ở dòng 40;");
	T_STREQ(sect(0), "\nBước 1.\n\n");
	T_STREQ(sect(7), "Không.\n");

	/* Missing required sections: line 1, where to add them. */
	check(FM_REQ, "## Trình tự thực hiện\nA\n## Cách thức thực hiện\nB\n"
	    "## Thời hạn giải quyết\nC\n## Đối tượng thực hiện\nD\n"
	    "## Cơ quan thực hiện\nE\n## Kết quả thực hiện\nF\n"
	    "## Phí, lệ phí\nG\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 2);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:1:1: lỗi: thiếu mục bắt "
	    "buộc “Thành phần hồ sơ”; thêm tiêu đề “## Thành phần hồ sơ” và "
	    "nội dung của mục, trước mục “Thời hạn giải quyết” (dòng 12)\n");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:1:1: lỗi: thiếu mục bắt "
	    "buộc “Căn cứ pháp lý”; thêm tiêu đề “## Căn cứ pháp lý” và nội "
	    "dung của mục vào cuối tệp\n");
	/* Optional sections missing: no message. */
	T_OK(strstr(msgs.data, "Yêu cầu") == NULL);
	/* A body without sections: every required one, 8 errors. */
	check(FM_REQ, "Chưa viết.\n");
	T_INTEQ(nerr, 8);
	T_CONTAINS(msgs.data, "thiếu mục bắt buộc “Trình tự thực hiện”");
	T_CONTAINS(msgs.data, "thiếu mục bắt buộc “Kết quả thực hiện”");

	/* Every problem of a file at once, in order. */
	check(L_TITLE L_CODE L_FIELD L_DEADLINE "online: mot phan\n",
	    "## Trình tự thực hiện\nA\n## Cách thức thực hiện\nB\n"
	    "## Lưu ý\nX\n"
	    "## Thời hạn giải quyết\nC\n## Đối tượng thực hiện\nD\n"
	    "## Cơ quan thực hiện\nE\n## Kết quả thực hiện\nF\n"
	    "## Căn cứ pháp lý\nG\n");
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 4);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:1:1: lỗi: thiếu “agency”");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:6:9: lỗi: “online”: “mot "
	    "phan”");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:12:1: lỗi: mục “Lưu ý”");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:1:1: lỗi: thiếu mục bắt "
	    "buộc “Thành phần hồ sơ”");
	T_OK(strstr(msgs.data, "thiếu “agency”") <
	    strstr(msgs.data, "“online”"));
	T_OK(strstr(msgs.data, "“online”") < strstr(msgs.data, "“Lưu ý”"));
}

/* The body may start on any line; positions follow first_line. */
static void
test_first_line(void)
{
	struct val	*meta;
	struct diag	 d;
	const char	*src = "## Trình tự thực hiện\nA\n## Lưu ý\n";

	meta = val_map();
	diag_init(&d);
	rc = proc_check(FILE_, meta, src, strlen(src), 100, &body, &d);
	T_INTEQ(rc, -1);
	T_INTEQ(body.line[0], 101);
	collect(&d);
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:102:1: lỗi: mục “Lưu ý”");
	T_CONTAINS(msgs.data, "content/thu-tuc/a.md:1:1: lỗi: thiếu “title”");
	val_unref(meta);

	/* Empty body and NULL meta: reported, no crash. */
	diag_init(&d);
	rc = proc_check(FILE_, NULL, "", 0, 1, &body, &d);
	T_INTEQ(rc, -1);
	T_INTEQ(body.intro_len, 0);
	collect(&d);
	T_INTEQ(nerr, 5 + 8);
}

static char *
read_all(const char *path, size_t *len)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

static void
test_samples(void)
{
	struct dirent	*e;
	DIR		*dir;
	char		*path, *src;
	size_t		 len, n = 0, nl;
	int		 i;

	if ((dir = opendir(SAMPLES)) == NULL) {
		T_OK(!"cannot open " SAMPLES " (run from the top of the tree)");
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		nl = strlen(e->d_name);
		if (nl < 4 || strcmp(e->d_name + nl - 3, ".md") != 0)
			continue;
		path = xasprintf("%s/%s", SAMPLES, e->d_name);
		if ((src = read_all(path, &len)) == NULL) {
			T_OK(!"cannot read a sample");
			free(path);
			continue;
		}
		check_file(path, src, len);
		if (rc != 0 || nerr != 0 || nwarn != 0)
			fprintf(stderr, "%s", buf_cstr(&msgs));
		T_INTEQ(rc, 0);
		T_INTEQ(nerr, 0);
		T_INTEQ(nwarn, 0);
		for (i = 0; i < PROC_NSECTIONS; i++)
			if (proc_sections[i].required)
				T_INTEQ(body.present[i], 1);
		/* Each section's text is inside the body and after its heading. */
		T_OK(body.off[0] > 0 && body.len[0] > 0);
		T_OK(body.off[10] + body.len[10] == len - (size_t)(body_src -
		    src));
		free(src);
		free(path);
		n++;
	}
	closedir(dir);
	T_OK(n >= 10);
}

int
main(void)
{
	test_table();
	test_match();
	test_valid();
	test_missing_fields();
	test_empty_fields();
	test_code();
	test_online();
	test_split();
	test_split_headings();
	test_split_errors();
	test_first_line();
	test_samples();
	buf_free(&msgs);
	buf_free(&doc);
	return t_done("procedure");
}
