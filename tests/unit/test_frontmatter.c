/*
 * test_frontmatter.c - front matter splitting and YAML to value trees.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "t.h"
#include "value.h"

/* Result of the last split: map, body, and all messages as one text. */
static struct val	*meta;
static size_t		 body_off;
static int		 body_line;
static int		 rc;
static size_t		 nerr, nwarn;
static struct buf	 msgs = BUF_INIT;

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

static void
split_n(const char *src, size_t len)
{
	struct diag	 d;

	val_unref(meta);
	meta = NULL;
	diag_init(&d);
	rc = fm_split("content/tin-tuc/a.md", src, len, &meta, &body_off,
	    &body_line, &d);
	collect(&d);
}

static void
split(const char *src)
{
	split_n(src, strlen(src));
}

static struct val *
yparse(const char *src, int first_line)
{
	struct diag	 d;
	struct val	*v;

	diag_init(&d);
	v = yaml_parse_map("site.yaml", src, strlen(src), first_line, &d);
	collect(&d);
	return v;
}

static const char *
str_at(const struct val *m, const char *key)
{
	return val_get_str(val_map_get(m, key));
}

static void
test_scalars(void)
{
	const char	*src = "---\n"
	    "title: Kế hoạch cải cách hành chính năm 2025\n"
	    "code: 1.004227\n"
	    "count: 10\n"
	    "draft: false\n"
	    "pinned: True\n"
	    "hidden: FALSE\n"
	    "q1: \"true\"\n"
	    "q2: 'false'\n"
	    "n1: null\n"
	    "n2: ~\n"
	    "n3:\n"
	    "n4: NULL\n"
	    "qn: \"null\"\n"
	    "empty: \"\"\n"
	    "tagged: !!str true\n"
	    "yes: yes\n"
	    "lit: |\n"
	    "  dòng một\n"
	    "  dòng hai\n"
	    "fold: >\n"
	    "  một\n"
	    "  hai\n"
	    "nul: \"a\\0b\"\n"
	    "colon: \"Điều 5: phạm vi\"\n"
	    "---\n"
	    "Nội dung\n";

	split(src);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(val_type(meta), VAL_MAP);
	T_STREQ(str_at(meta, "title"), "Kế hoạch cải cách hành chính năm 2025");
	T_STREQ(str_at(meta, "code"), "1.004227");
	T_INTEQ(val_type(val_map_get(meta, "count")), VAL_STR);
	T_STREQ(str_at(meta, "count"), "10");
	T_INTEQ(val_type(val_map_get(meta, "draft")), VAL_BOOL);
	T_INTEQ(val_get_bool(val_map_get(meta, "draft")), 0);
	T_INTEQ(val_type(val_map_get(meta, "pinned")), VAL_BOOL);
	T_INTEQ(val_get_bool(val_map_get(meta, "pinned")), 1);
	T_INTEQ(val_type(val_map_get(meta, "hidden")), VAL_BOOL);
	T_INTEQ(val_get_bool(val_map_get(meta, "hidden")), 0);
	T_STREQ(str_at(meta, "q1"), "true");
	T_STREQ(str_at(meta, "q2"), "false");
	T_INTEQ(val_type(val_map_get(meta, "n1")), VAL_NULL);
	T_OK(val_map_get(meta, "n1") != NULL);
	T_INTEQ(val_type(val_map_get(meta, "n2")), VAL_NULL);
	T_OK(val_map_get(meta, "n3") != NULL);
	T_INTEQ(val_type(val_map_get(meta, "n3")), VAL_NULL);
	T_INTEQ(val_type(val_map_get(meta, "n4")), VAL_NULL);
	T_STREQ(str_at(meta, "qn"), "null");
	T_STREQ(str_at(meta, "empty"), "");
	T_STREQ(str_at(meta, "tagged"), "true");
	/* YAML 1.1 yes/no are not booleans here. */
	T_STREQ(str_at(meta, "yes"), "yes");
	T_STREQ(str_at(meta, "lit"), "dòng một\ndòng hai\n");
	T_STREQ(str_at(meta, "fold"), "một hai\n");
	T_INTEQ(val_str_len(val_map_get(meta, "nul")), 3);
	T_STREQ(str_at(meta, "colon"), "Điều 5: phạm vi");
	/* Keys keep their order. */
	T_STREQ(val_map_key(meta, 0), "title");
	T_STREQ(val_map_key(meta, 1), "code");
	T_INTEQ(val_map_len(meta), 20);
	T_INTEQ(body_line, 27);
	T_STREQ(src + body_off, "Nội dung\n");
}

static void
test_lists_maps(void)
{
	const struct val	*l, *m, *x;

	split("---\n"
	    "tags:\n"
	    "  - cải cách\n"
	    "  - \"một cửa\"\n"
	    "flow: [a, b, c]\n"
	    "indentless:\n"
	    "- 1\n"
	    "- 2\n"
	    "empty_list: []\n"
	    "empty_map: {}\n"
	    "agency:\n"
	    "  name: Sở KH&CN\n"
	    "  contact:\n"
	    "    phone: 0299 3821 368\n"
	    "    hours: [\"7:00\", \"17:00\"]\n"
	    "people:\n"
	    "  - name: A\n"
	    "    role: trưởng\n"
	    "  - name: B\n"
	    "---\n");
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	l = val_map_get(meta, "tags");
	T_INTEQ(val_type(l), VAL_LIST);
	T_INTEQ(val_list_len(l), 2);
	T_STREQ(val_get_str(val_list_at(l, 0)), "cải cách");
	T_STREQ(val_get_str(val_list_at(l, 1)), "một cửa");
	l = val_map_get(meta, "flow");
	T_INTEQ(val_list_len(l), 3);
	T_STREQ(val_get_str(val_list_at(l, 2)), "c");
	l = val_map_get(meta, "indentless");
	T_INTEQ(val_list_len(l), 2);
	T_STREQ(val_get_str(val_list_at(l, 1)), "2");
	T_INTEQ(val_type(val_map_get(meta, "empty_list")), VAL_LIST);
	T_INTEQ(val_list_len(val_map_get(meta, "empty_list")), 0);
	T_INTEQ(val_type(val_map_get(meta, "empty_map")), VAL_MAP);
	T_INTEQ(val_map_len(val_map_get(meta, "empty_map")), 0);
	m = val_map_get(meta, "agency");
	T_INTEQ(val_type(m), VAL_MAP);
	T_STREQ(str_at(m, "name"), "Sở KH&CN");
	x = val_map_get(m, "contact");
	T_STREQ(str_at(x, "phone"), "0299 3821 368");
	T_STREQ(val_get_str(val_list_at(val_map_get(x, "hours"), 1)), "17:00");
	l = val_map_get(meta, "people");
	T_INTEQ(val_list_len(l), 2);
	T_STREQ(str_at(val_list_at(l, 0), "role"), "trưởng");
	T_STREQ(str_at(val_list_at(l, 1), "name"), "B");
}

static void
test_positions(void)
{
	const char	*src =
	    "---\n"			/* 1 */
	    "title: Tin mới\n"		/* 2 */
	    "tags:\n"			/* 3 */
	    "  - a\n"			/* 4 */
	    "  -   b\n"			/* 5 */
	    "nested:\n"			/* 6 */
	    "    date:   2025-06-15\n"	/* 7 */
	    "tiêu_đề: \"x\"\n"		/* 8 */
	    "empty:\n"			/* 9 */
	    "---\n"			/* 10 */
	    "body\n";
	struct val	*v, *w;
	int		 line, col;

	split(src);
	T_INTEQ(rc, 0);
	v = val_map_get(meta, "title");
	T_INTEQ(val_line(v), 2);
	T_INTEQ(val_col(v), 8);
	yaml_key_pos(meta, "title", &line, &col);
	T_INTEQ(line, 2);
	T_INTEQ(col, 1);
	v = val_map_get(meta, "tags");
	T_INTEQ(val_line(v), 4);
	T_INTEQ(val_col(v), 3);
	yaml_key_pos(meta, "tags", &line, &col);
	T_INTEQ(line, 3);
	T_INTEQ(col, 1);
	T_INTEQ(val_line(val_list_at(v, 0)), 4);
	T_INTEQ(val_col(val_list_at(v, 0)), 5);
	T_INTEQ(val_line(val_list_at(v, 1)), 5);
	T_INTEQ(val_col(val_list_at(v, 1)), 7);
	w = val_map_get(meta, "nested");
	v = val_map_get(w, "date");
	T_INTEQ(val_line(v), 7);
	T_INTEQ(val_col(v), 13);
	yaml_key_pos(w, "date", &line, &col);
	T_INTEQ(line, 7);
	T_INTEQ(col, 5);
	/* Columns count characters, not bytes. */
	v = val_map_get(meta, "tiêu_đề");
	T_INTEQ(val_line(v), 8);
	T_INTEQ(val_col(v), 10);
	v = val_map_get(meta, "empty");
	T_INTEQ(val_type(v), VAL_NULL);
	T_INTEQ(val_line(v), 9);
	yaml_key_pos(meta, "missing", &line, &col);
	T_INTEQ(line, 0);
	T_INTEQ(col, 0);
	T_INTEQ(body_line, 11);
	T_STREQ(src + body_off, "body\n");

	/* YAML text that starts on line 2 of its file. */
	v = yparse("a: 1\n"
	    "b:\n"
	    "  c: x\n", 2);
	T_OK(v != NULL);
	w = val_map_get(val_map_get(v, "b"), "c");
	T_INTEQ(val_line(w), 4);
	T_INTEQ(val_col(w), 6);
	yaml_key_pos(val_map_get(v, "b"), "c", &line, &col);
	T_INTEQ(line, 4);
	T_INTEQ(col, 3);
	yaml_key_pos(v, "a", &line, &col);
	T_INTEQ(line, 2);
	T_INTEQ(col, 1);
	val_unref(v);
}

/* Expects the split to fail with one error whose text has all of `want`. */
static void
expect_error(const char *src, size_t len, const char *where,
    const char *what)
{
	split_n(src, len);
	T_INTEQ(rc, -1);
	T_OK(meta == NULL);
	T_INTEQ(nerr, 1);
	T_CONTAINS(buf_cstr(&msgs), where);
	T_CONTAINS(buf_cstr(&msgs), what);
	T_CONTAINS(buf_cstr(&msgs), "lỗi: ");
}

#define EXPECT_ERROR(s, where, what) expect_error((s), sizeof(s) - 1, (where), (what))

static void
test_errors(void)
{
	/* The causes are yamlmsg.c's (test_yamlmsg.c); here, the lines. */
	EXPECT_ERROR("---\ntitle: Điều 5: phạm vi\n---\n",
	    "content/tin-tuc/a.md:2:14: lỗi: giá trị của “title” có dấu hai "
	    "chấm và dấu cách (“: ”) nên phần sau bị hiểu là một khóa mới; "
	    "hãy đặt cả giá trị trong ngoặc kép: title: \"Điều 5: phạm vi\"\n",
	    "");

	/* An unclosed [ is found lines later: said where it opened. */
	EXPECT_ERROR("---\ntitle: [Bài viết\ndate: 2025-06-02\n---\nbody\n",
	    "content/tin-tuc/a.md:2:8: lỗi: dấu [ ở đầu giá trị của “title” "
	    "chưa được đóng; nếu đây là chữ, hãy đặt cả giá trị trong ngoặc "
	    "kép: title: \"[Bài viết\", còn nếu là danh sách thì thêm dấu ] "
	    "ở cuối\n", "");
	EXPECT_ERROR("---\na: {x: 1\nb: 2\n---\n",
	    "content/tin-tuc/a.md:2:4: ", "dấu { ở đầu giá trị của “a”");

	EXPECT_ERROR("---\ntitle: \"chưa đóng\n---\nbody\n",
	    "content/tin-tuc/a.md:2:8: lỗi: dấu \" mở đầu giá trị của “title” "
	    "không có dấu \" đóng; hãy sửa thành: title: \"chưa đóng\"\n", "");
	/* Line numbers are the file's, past a CRLF and a BOM. */
	EXPECT_ERROR("\xef\xbb\xbf---\r\ndate: 2025-01-01\r\n"
	    "title: \"Kế hoạch \"Năm 2025\" của Sở\"\r\n---\r\n",
	    "content/tin-tuc/a.md:3:18: lỗi: dấu \" bên trong giá trị của "
	    "“title” làm giá trị kết thúc sớm; hãy sửa thành: title: 'Kế "
	    "hoạch \"Năm 2025\" của Sở' (hoặc dùng ngoặc kép cong “…” bên "
	    "trong)\n", "");
	EXPECT_ERROR("---\ndate: 2025-01-01\ntitle:Kế hoạch\n---\n",
	    "content/tin-tuc/a.md:3:7: lỗi: thiếu dấu cách sau dấu hai chấm "
	    "của “title”; hãy sửa thành: title: Kế hoạch\n", "");
	/* Alone, the line is a plain scalar: the same message. */
	EXPECT_ERROR("---\ntitle:Kế hoạch\n---\n",
	    "content/tin-tuc/a.md:2:1: lỗi: thiếu dấu cách sau dấu hai chấm "
	    "của “title”; hãy sửa thành: title: Kế hoạch\n", "");
	EXPECT_ERROR("---\ntitle: !Quan trọng\n---\n",
	    "content/tin-tuc/a.md:2:8: lỗi: giá trị của “title” bắt đầu bằng "
	    "dấu ! nên bị hiểu là thẻ kiểu YAML (!Quan), cchc không hỗ trợ; "
	    "nếu đây là chữ, hãy đặt cả giá trị trong ngoặc kép: title: "
	    "\"!Quan trọng\"\n", "");

	EXPECT_ERROR("---\ntitle: a\n\tdate: 2025-01-01\n---\n",
	    "content/tin-tuc/a.md:3:", "Tab");

	EXPECT_ERROR("---\n- a\n- b\n---\n",
	    "content/tin-tuc/a.md:2:1: ", "không phải một danh sách");
	EXPECT_ERROR("---\nchỉ một dòng chữ\n---\n",
	    "content/tin-tuc/a.md:2:1: ", "không phải một giá trị đơn lẻ");

	EXPECT_ERROR("---\ntitle: a\ndate: 2025-01-01\n  \ntitle: b\n---\n",
	    "content/tin-tuc/a.md:5:1: ", "khóa \"title\" bị lặp lại (đã có ở dòng 2)");
	EXPECT_ERROR("---\nx:\n  k: 1\n  k: 2\n---\n",
	    "content/tin-tuc/a.md:4:3: ", "bị lặp lại");

	EXPECT_ERROR("---\nbase: &b 1\n---\n",
	    "content/tin-tuc/a.md:2:7: lỗi: giá trị của “base” bắt đầu bằng "
	    "dấu & nên bị hiểu là neo YAML (&b), cchc không hỗ trợ; nếu đây là "
	    "chữ, hãy đặt cả giá trị trong ngoặc kép: base: \"&b 1\"\n", "");
	EXPECT_ERROR("---\na: 1\nb: *a\n---\n",
	    "content/tin-tuc/a.md:3:4: lỗi: giá trị của “b” bắt đầu bằng dấu * "
	    "nên bị hiểu là tham chiếu YAML (*a), cchc không hỗ trợ; nếu đây là "
	    "chữ, hãy đặt cả giá trị trong ngoặc kép: b: \"*a\"\n", "");
	EXPECT_ERROR("---\n<<: *a\n---\n",
	    "content/tin-tuc/a.md:2:", "tham chiếu YAML");

	EXPECT_ERROR("---\n[a, b]: 1\n---\n",
	    "content/tin-tuc/a.md:2:1: ", "khóa phải là một tên đơn giản");
	EXPECT_ERROR("---\nx: 1\n? {a: b}\n: 2\n---\n",
	    "content/tin-tuc/a.md:3:3: ", "khóa phải là một tên đơn giản");
	EXPECT_ERROR("---\n\"a\\0b\": 1\n---\n",
	    "content/tin-tuc/a.md:2:1: ", "NUL");

	EXPECT_ERROR("---\ntitle: a\n\nNội dung không có dòng đóng\n",
	    "content/tin-tuc/a.md:1:1: ", "thêm một dòng chỉ gồm `---`");
	EXPECT_ERROR("---", "content/tin-tuc/a.md:1:1: ", "`---`");
	EXPECT_ERROR("---\n", "content/tin-tuc/a.md:1:1: ", "`---`");

	EXPECT_ERROR("---\ntitle: a\nunit: Ph\xf2ng\n---\n",
	    "content/tin-tuc/a.md:3:9: ", "không phải UTF-8 hợp lệ (byte 0xF2");
	T_CONTAINS(buf_cstr(&msgs), "lưu lại tệp với bảng mã UTF-8");
	EXPECT_ERROR("---\ntitle: \xc3\n---\n",
	    "content/tin-tuc/a.md:2:", "UTF-8");
	EXPECT_ERROR("---\ntitle: a\x01\n---\n",
	    "content/tin-tuc/a.md:2:9: ", "ký tự điều khiển");
	EXPECT_ERROR("---\ntitle: a\0b\n---\n",
	    "content/tin-tuc/a.md:2:9: ", "ký tự điều khiển");
}

static void
test_yaml_file_errors(void)
{
	struct val	*v;

	v = yparse("a: 1\n---\nb: 2\n", 1);
	T_OK(v == NULL);
	T_CONTAINS(buf_cstr(&msgs), "site.yaml:2:1: lỗi: ");
	T_CONTAINS(buf_cstr(&msgs), "một tài liệu YAML");
	v = yparse("a: b: c\n", 1);
	T_OK(v == NULL);
	T_CONTAINS(buf_cstr(&msgs), "site.yaml:1:5: lỗi: giá trị của “a” có "
	    "dấu hai chấm và dấu cách (“: ”) nên phần sau bị hiểu là một khóa "
	    "mới; hãy đặt cả giá trị trong ngoặc kép: a: \"b: c\"\n");
	v = yparse("- 1\n", 1);
	T_OK(v == NULL);
	T_CONTAINS(buf_cstr(&msgs), "tệp YAML phải gồm các dòng");
	v = yparse("", 1);
	T_OK(v != NULL);
	T_INTEQ(val_type(v), VAL_MAP);
	T_INTEQ(val_map_len(v), 0);
	T_INTEQ(nerr, 0);
	val_unref(v);
	v = yparse("# chỉ có chú thích\n", 1);
	T_INTEQ(val_map_len(v), 0);
	T_INTEQ(val_type(v), VAL_MAP);
	val_unref(v);
	v = yparse("---\n", 1);
	T_INTEQ(val_type(v), VAL_MAP);
	val_unref(v);
	/* A BOM does not shift columns. */
	v = yparse("\xef\xbb\xbftitle: x\n", 1);
	T_STREQ(str_at(v, "title"), "x");
	T_INTEQ(val_col(val_map_get(v, "title")), 8);
	val_unref(v);
	/* UTF-16 is not guessed: files must be UTF-8. */
	{
		struct diag	 d;

		diag_init(&d);
		v = yaml_parse_map("x.yaml", "\xff\xfe" "a\0:\0 \0" "1\0", 10, 1, &d);
		T_OK(v == NULL);
		T_INTEQ(d.errors, 1);
		diag_free(&d);
	}
	{
		struct diag	 d;

		diag_init(&d);
		v = yaml_parse_map("x.yaml", NULL, 0, 1, &d);
		T_INTEQ(val_map_len(v), 0);
		T_INTEQ(d.errors, 0);
		val_unref(v);
		diag_free(&d);
	}
}

static void
test_crlf_bom(void)
{
	const char	*src;
	int		 line, col;

	src = "---\r\n"
	    "title: \"Tiêu đề\"\r\n"
	    "draft: true\r\n"
	    "tags:\r\n"
	    "  - a\r\n"
	    "lit: |\r\n"
	    "  x\r\n"
	    "  y\r\n"
	    "---\r\n"
	    "Nội dung\r\n";
	split(src);
	T_INTEQ(rc, 0);
	T_STREQ(str_at(meta, "title"), "Tiêu đề");
	T_INTEQ(val_get_bool(val_map_get(meta, "draft")), 1);
	T_STREQ(val_get_str(val_list_at(val_map_get(meta, "tags"), 0)), "a");
	T_STREQ(str_at(meta, "lit"), "x\ny\n");
	T_INTEQ(val_line(val_map_get(meta, "draft")), 3);
	T_INTEQ(val_col(val_map_get(meta, "draft")), 8);
	yaml_key_pos(meta, "tags", &line, &col);
	T_INTEQ(line, 4);
	T_INTEQ(body_line, 10);
	T_STREQ(src + body_off, "Nội dung\r\n");

	/* CRLF error positions. */
	EXPECT_ERROR("---\r\na: 1\r\na: 2\r\n---\r\n",
	    "content/tin-tuc/a.md:3:1: ", "bị lặp lại");

	src = "\xef\xbb\xbf---\ntitle: a\n---\nbody";
	split(src);
	T_INTEQ(rc, 0);
	T_STREQ(str_at(meta, "title"), "a");
	T_INTEQ(val_col(val_map_get(meta, "title")), 8);
	T_INTEQ(body_line, 4);
	T_STREQ(src + body_off, "body");

	/* BOM without front matter: the body starts after it. */
	src = "\xef\xbb\xbf# Tiêu đề\n";
	split(src);
	T_INTEQ(rc, 0);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_off, 3);
	T_INTEQ(body_line, 1);
}

static void
test_empty_and_none(void)
{
	const char	*src;

	src = "---\n---\nbody\n";
	split(src);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);
	T_INTEQ(val_type(meta), VAL_MAP);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_line, 3);
	T_STREQ(src + body_off, "body\n");

	src = "---\n# chỉ chú thích\n\n---\n";
	split(src);
	T_INTEQ(rc, 0);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_off, strlen(src));
	T_INTEQ(body_line, 5);

	/* Closed by "..." and at the very end without a newline. */
	src = "---\ntitle: x\n...\nbody";
	split(src);
	T_INTEQ(rc, 0);
	T_STREQ(str_at(meta, "title"), "x");
	T_STREQ(src + body_off, "body");
	src = "---  \ntitle: x\n---";
	split(src);
	T_INTEQ(rc, 0);
	T_STREQ(str_at(meta, "title"), "x");
	T_INTEQ(body_off, strlen(src));
	T_INTEQ(body_line, 4);

	src = "# Tiêu đề\n\nNội dung\n";
	split(src);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr + nwarn, 0);
	T_INTEQ(val_type(meta), VAL_MAP);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_off, 0);
	T_INTEQ(body_line, 1);

	/* "----" is a Markdown rule, not front matter. */
	split("----\ntitle: x\n---\n");
	T_INTEQ(rc, 0);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_off, 0);

	split("");
	T_INTEQ(rc, 0);
	T_INTEQ(val_map_len(meta), 0);
	T_INTEQ(body_off, 0);
	T_INTEQ(body_line, 1);
	split_n(NULL, 0);
	T_INTEQ(rc, 0);
	T_INTEQ(val_map_len(meta), 0);

	/* A "---" inside a block scalar is indented, so not a delimiter. */
	src = "---\nlit: |\n  ---\n  x\n---\nbody";
	split(src);
	T_INTEQ(rc, 0);
	T_STREQ(str_at(meta, "lit"), "---\nx\n");
	T_STREQ(src + body_off, "body");
}

static void
test_depth(void)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	/* The root map plus 63 lists: 64 levels are fine. */
	buf_puts(&b, "---\na: ");
	for (i = 0; i < 63; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 63; i++)
		buf_putc(&b, ']');
	buf_puts(&b, "\n---\n");
	split_n(b.data, b.len);
	T_INTEQ(rc, 0);
	T_INTEQ(nerr, 0);

	buf_reset(&b);
	buf_puts(&b, "---\na: ");
	for (i = 0; i < 64; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 64; i++)
		buf_putc(&b, ']');
	buf_puts(&b, "\n---\n");
	split_n(b.data, b.len);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	T_CONTAINS(buf_cstr(&msgs), "content/tin-tuc/a.md:2:");
	T_CONTAINS(buf_cstr(&msgs), "lồng nhau quá sâu");

	/* Block maps, one more level per line. */
	buf_reset(&b);
	buf_puts(&b, "---\n");
	for (i = 0; i < 100; i++)
		buf_printf(&b, "%*sk%d:\n", i, "", i);
	buf_puts(&b, "---\n");
	split_n(b.data, b.len);
	T_INTEQ(rc, -1);
	T_CONTAINS(buf_cstr(&msgs), "content/tin-tuc/a.md:66:65: ");
	T_CONTAINS(buf_cstr(&msgs), "quá sâu");

	/* A megabyte of '[' and of "- ": refused early, no crash. */
	buf_reset(&b);
	buf_puts(&b, "---\na: ");
	for (i = 0; i < 1 << 20; i++)
		buf_putc(&b, '[');
	buf_puts(&b, "\n---\n");
	split_n(b.data, b.len);
	T_INTEQ(rc, -1);
	T_INTEQ(nerr, 1);
	buf_reset(&b);
	buf_puts(&b, "---\na:\n");
	for (i = 0; i < 1 << 19; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "x\n---\n");
	split_n(b.data, b.len);
	T_INTEQ(rc, -1);
	T_CONTAINS(buf_cstr(&msgs), "quá sâu");
	buf_free(&b);
}

static unsigned long	 rng_state;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33);
}

/* Random input must give a map or an error, never a crash or both. */
static int
fuzz_one(const char *alphabet, size_t n, size_t len, unsigned long seed)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 ok;

	rng_state = seed;
	buf_puts(&b, "---\n");
	for (i = 0; i < len; i++)
		buf_putc(&b, alphabet != NULL ? alphabet[rng() % n] :
		    (int)(rng() & 0xff));
	buf_puts(&b, "\n---\n");
	split_n(b.data, b.len);
	ok = (rc == 0 && meta != NULL && nerr == 0) ||
	    (rc == -1 && meta == NULL && nerr == 1);
	buf_free(&b);
	return ok;
}

static void
test_fuzz(void)
{
	static const char	 yamlish[] = "ab: -[]{},#&*!|>'\"\n\n  ?%@`~";
	static const char	 tame[] = "abc: -\n  \n[]{},\"'#";
	unsigned long		 s;
	int			 ok = 1;

	T_OK(fuzz_one(NULL, 0, 1 << 20, 1));
	T_OK(fuzz_one(yamlish, sizeof(yamlish) - 1, 1 << 20, 2));
	for (s = 0; s < 300; s++)
		ok &= fuzz_one(yamlish, sizeof(yamlish) - 1, 200, s);
	T_OK(ok);
	for (s = 0; s < 300; s++)
		ok &= fuzz_one(tame, sizeof(tame) - 1, 120, s);
	T_OK(ok);
	for (s = 0; s < 100; s++)
		ok &= fuzz_one(NULL, 0, 64, s);
	T_OK(ok);
}

/* The typed reads: the value of the right type, else the empty answer. */
static void
test_typed(void)
{
	struct cdate	 d;

	split("---\ntitle: Kế hoạch\nnumber: 137\ndraft: TRUE\n"
	    "toc: \"false\"\ntags: [a, b, [c]]\nunit: Văn phòng\n"
	    "date: 2025-06-15T09:30:00\nbad_date: 2025-02-30\n"
	    "none:\nmap: {a: b}\n---\nthân bài\n");
	T_INTEQ(rc, 0);
	T_STREQ(fm_str(meta, "title"), "Kế hoạch");
	/* Numbers stay strings. */
	T_STREQ(fm_str(meta, "number"), "137");
	T_OK(fm_str(meta, "draft") == NULL);
	T_OK(fm_str(meta, "none") == NULL);
	T_OK(fm_str(meta, "missing") == NULL);
	T_OK(fm_str(meta, "map") == NULL);
	T_OK(fm_str(NULL, "title") == NULL);
	T_INTEQ(fm_bool(meta, "draft", 0), 1);
	/* A quoted "false" is a string, not a boolean: the default. */
	T_INTEQ(fm_bool(meta, "toc", 1), 1);
	T_INTEQ(fm_bool(meta, "toc", 0), 0);
	T_INTEQ(fm_bool(meta, "missing", 1), 1);
	/* A list, a single string as a one-item list, anything else none. */
	T_INTEQ(fm_strlist_len(meta, "tags"), 3);
	T_STREQ(fm_strlist_at(meta, "tags", 0), "a");
	T_STREQ(fm_strlist_at(meta, "tags", 1), "b");
	T_OK(fm_strlist_at(meta, "tags", 2) == NULL);
	T_OK(fm_strlist_at(meta, "tags", 3) == NULL);
	T_INTEQ(fm_strlist_len(meta, "unit"), 1);
	T_STREQ(fm_strlist_at(meta, "unit", 0), "Văn phòng");
	T_OK(fm_strlist_at(meta, "unit", 1) == NULL);
	T_INTEQ(fm_strlist_len(meta, "draft"), 0);
	T_INTEQ(fm_strlist_len(meta, "missing"), 0);
	T_INTEQ(fm_strlist_len(meta, "map"), 0);
	T_INTEQ(fm_date(meta, "date", &d), 1);
	T_OK(d.y == 2025 && d.m == 6 && d.d == 15 && d.hh == 9 &&
	    d.mi == 30);
	T_INTEQ(fm_date(meta, "bad_date", &d), 0);
	T_INTEQ(fm_date(meta, "title", &d), 0);
	T_INTEQ(fm_date(meta, "draft", &d), 0);
	T_INTEQ(fm_date(meta, "missing", &d), 0);
}

int
main(void)
{
	test_typed();
	test_scalars();
	test_lists_maps();
	test_positions();
	test_errors();
	test_yaml_file_errors();
	test_crlf_bom();
	test_empty_and_none();
	test_depth();
	test_fuzz();
	val_unref(meta);
	buf_free(&msgs);
	return t_done("frontmatter");
}
