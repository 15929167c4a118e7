/*
 * test_newpage.c - `cchc new`'s pieces: the title as YAML (read back
 * through the front-matter parser the build uses), where each kind goes,
 * and the archetype's placeholders and notes.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "newpage.h"
#include "t.h"
#include "value.h"

/* newpage_yaml_str(s) as a value reads back as s, whatever s holds. */
static void
round_trip(const char *s)
{
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	struct val	*m;
	char		*q = newpage_yaml_str(s);

	diag_init(&d);
	buf_printf(&b, "title: %s\n", q);
	m = yaml_parse_map("t.md", b.data, b.len, 2, &d);
	T_OK(m != NULL);
	T_INTEQ(d.errors, 0);
	if (m != NULL) {
		T_INTEQ(val_type(val_map_get(m, "title")), VAL_STR);
		T_STREQ(fm_str(m, "title"), s);
		T_INTEQ(val_str_len(val_map_get(m, "title")), strlen(s));
	}
	val_unref(m);
	diag_free(&d);
	buf_free(&b);
	free(q);
}

static void
test_yaml_str(void)
{
	static const char *const titles[] = {
		"Hội nghị tổng kết công tác cải cách hành chính năm 2025",
		"Hội nghị \"Dân vận khéo\": kết quả",
		"[Thông báo] Lịch tiếp công dân",
		"# 1: thử",
		"C:\\Users\\btv\\Pictures",
		"- gạch đầu dòng",
		"{ngoặc}, *sao, &và, !chấm than, |ống, >lớn, %phần trăm, @a, `b`",
		"“Ngày hội” chuyển đổi số",
		"'nháy đơn' và \"nháy kép\"",
		"yes", "no", "true", "null", "~", "2025", "1.004227",
		"a: b", "a #b", "? hỏi", "...", "---",
		"ngắt\xc2\x85" "NEL", "ngắt\xe2\x80\xa8" "LS\xe2\x80\xa9" "PS",
		"điều khiển \x01\x7f",
		"",
	};
	size_t	 i;
	char	*q;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		round_trip(titles[i]);
	q = newpage_yaml_str("a \"b\" \\ c");
	T_STREQ(q, "\"a \\\"b\\\" \\\\ c\"");
	free(q);
	/* Vietnamese stays as it is, not \u escapes. */
	q = newpage_yaml_str("Sở Nội vụ");
	T_STREQ(q, "\"Sở Nội vụ\"");
	free(q);
}

static void
test_slug(void)
{
	char	*s;

	s = newpage_slug("Hội nghị \"Dân vận khéo\": triển khai Đề án 06");
	T_STREQ(s, "hoi-nghi-dan-van-kheo-trien-khai-de-an-06");
	free(s);
	s = newpage_slug("!!!");
	T_STREQ(s, "");
	free(s);
	/* A title of a whole paragraph: cut at a word, under the limit. */
	s = newpage_slug("Kế hoạch thực hiện công tác thông tin, tuyên truyền "
	    "cải cách hành chính nhà nước giai đoạn 2021 - 2030 trên địa bàn "
	    "tỉnh và các huyện, thị xã, thành phố");
	T_STREQ(s, "ke-hoach-thuc-hien-cong-tac-thong-tin-tuyen-truyen-cai-"
	    "cach-hanh-chinh-nha-nuoc");
	T_OK(strlen(s) <= NEWPAGE_SLUG_MAX);
	free(s);
	s = newpage_slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	T_INTEQ(strlen(s), NEWPAGE_SLUG_MAX);
	free(s);
}

static void
test_path(void)
{
	struct cdate	 d;
	char		*p;

	T_INTEQ(date_parse_ymd("2026-03-07", &d), 0);
	p = newpage_path("tin-tuc", "hoi-nghi", &d);
	T_STREQ(p, "content/tin-tuc/2026/03/hoi-nghi.md");
	free(p);
	p = newpage_path("thu-tuc", "cap-phep", &d);
	T_STREQ(p, "content/thu-tuc/cap-phep.md");
	free(p);
	p = newpage_path("ke-hoach", "ke-hoach-2026", &d);
	T_STREQ(p, "plans/ke-hoach-2026.md");
	free(p);
	p = newpage_path("trang", "gioi-thieu", &d);
	T_STREQ(p, "content/gioi-thieu.md");
	free(p);
	T_OK(newpage_path("bai", "x", &d) == NULL);
	T_OK(newpage_path("tin-tuc/", "x", &d) == NULL);
}

static const struct newpage_vals vals = {
	"\"Tiêu đề\"", "2026-03-07", "2026", "\"Văn phòng Sở\"",
	"\"15/KH-SKHCN\""
};

/* Fills src; *rc and the messages (one a line) in msgs. */
static char *
fill(const char *src, int *rc, struct buf *msgs)
{
	struct buf	 out = BUF_INIT;
	struct diag	 d;
	size_t		 i;

	diag_init(&d);
	*rc = newpage_fill("a.md", src, strlen(src), &vals, &out, &d);
	buf_reset(msgs);
	for (i = 0; i < d.len; i++) {
		diag_format(&d.msgs[i], msgs);
		buf_putc(msgs, '\n');
	}
	diag_free(&d);
	buf_putc(&out, '\0');
	return buf_detach(&out);
}

#define FILL(src, want) do {						\
	char *t_o_ = fill((src), &rc, &msgs);				\
	T_INTEQ(rc, 0);							\
	T_STREQ(t_o_, (want));						\
	T_STREQ(buf_cstr(&msgs), "");					\
	free(t_o_);							\
} while (0)

static void
test_fill(void)
{
	struct buf	 msgs = BUF_INIT;
	char		*o;
	int		 rc;

	FILL("title: {{title}}\ndate: {{date}}\n",
	    "title: \"Tiêu đề\"\ndate: 2026-03-07\n");
	FILL("{{ unit }}/{{year}}/{{plan}}", "\"Văn phòng Sở\"/2026/\"15/KH-SKHCN\"");
	FILL("no placeholder", "no placeholder");
	FILL("", "");
	FILL("a { b } {c} }}", "a { b } {c} }}");
	/* Notes: a line of its own goes whole, even over several lines
	   and with CRLF; one inside a line leaves the line. */
	FILL("{{! note }}\n---\n", "---\n");
	FILL("  {{! indented\n  over two lines }}  \r\nx\n", "x\n");
	FILL("a {{! inline }}b\n", "a b\n");
	FILL("a\n{{! last }}", "a\n");
	FILL("{{! a }}{{title}}\n", "\"Tiêu đề\"\n");
	/* What was filled in is not looked at again. */
	FILL("{{title}}{{! x }}", "\"Tiêu đề\"");

	o = fill("ok\n  x {{titel}} {{date}}\n{{}}\n", &rc, &msgs);
	T_INTEQ(rc, -1);
	T_CONTAINS(buf_cstr(&msgs), "a.md:2:5: lỗi: không có chỗ điền "
	    "“{{titel}}”; mẫu chỉ dùng được {{title}}, {{date}}, {{year}}, "
	    "{{unit}}, {{plan}} và ghi chú {{! …}}\n");
	T_CONTAINS(buf_cstr(&msgs), "a.md:3:1: lỗi: không có chỗ điền “{{}}”");
	free(o);
	o = fill("title: {{title}}\nx {{date\n", &rc, &msgs);
	T_INTEQ(rc, -1);
	T_STREQ(buf_cstr(&msgs), "a.md:2:3: lỗi: “{{” không có “}}” đóng; "
	    "hãy thêm “}}” hoặc xóa “{{”\n");
	free(o);
	buf_free(&msgs);
}

int
main(void)
{
	test_yaml_str();
	test_slug();
	test_path();
	test_fill();
	return t_done("newpage");
}
