/*
 * test_json.c - json.c: the strict reader the portal reads departments'
 * du-lieu.json with: values, positions, and Vietnamese messages with
 * line:col.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "value.h"

#include "t.h"

/* s must be refused with this message (line:col first). */
#define BAD(s, want) do {						\
	char		 t_e_[256];					\
	struct val	*t_v_ = json_parse((s), strlen(s), t_e_,	\
	    sizeof(t_e_));						\
	T_OK(t_v_ == NULL);						\
	T_STREQ(t_e_, (want));						\
	val_unref(t_v_);						\
} while (0)

/* s parses and writes back (val_to_json, no indent) as want. */
#define RT(s, want) do {						\
	char		 t_e_[256];					\
	struct buf	 t_b_ = BUF_INIT;				\
	struct val	*t_v_ = json_parse((s), strlen(s), t_e_,	\
	    sizeof(t_e_));						\
	T_OK(t_v_ != NULL);						\
	if (t_v_ != NULL)						\
		val_to_json(t_v_, &t_b_, 0);				\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
	val_unref(t_v_);						\
} while (0)

static void
test_values(void)
{
	RT("{\"a\": [1, 2.5, -3e2, true, false, null, \"x\"]}",
	    "{\"a\":[1,2.5,-300,true,false,null,\"x\"]}");
	RT("\"\\u0111\\u01b0\\u1ee3c \\ud83d\\ude00 \\/\"",
	    "\"được 😀 /\"");
	RT("  \"Sở Khoa học và Công nghệ\"  ", "\"Sở Khoa học và Công nghệ\"");
	RT("[]", "[]");
	RT("{}", "{}");
	/* A long run with escapes between: copied in runs, kept whole. */
	RT("\"aaaaaaaaaaaaaaaaaaaa\\\"bbbbbbbbbbbbbbbb\\\\c\\n\"",
	    "\"aaaaaaaaaaaaaaaaaaaa\\\"bbbbbbbbbbbbbbbb\\\\c\\n\"");
}

static void
test_positions(void)
{
	const char	*s = "{\n  \"site\": {\n    \"title\": \"Sở Nội vụ\",\n"
	    "    \"n\": 3\n  },\n  \"posts\": [\n    \"đ\", \"x\"\n  ]\n}\n";
	char		 err[128];
	struct val	*v = json_parse(s, strlen(s), err, sizeof(err));
	const struct val *site, *posts;

	T_OK(v != NULL);
	if (v == NULL)
		return;
	T_INTEQ(val_line(v), 1);
	T_INTEQ(val_col(v), 1);
	site = val_map_get(v, "site");
	T_INTEQ(val_line(site), 2);
	T_INTEQ(val_col(site), 11);
	T_INTEQ(val_line(val_map_get(site, "title")), 3);
	T_INTEQ(val_col(val_map_get(site, "title")), 14);
	T_INTEQ(val_line(val_map_get(site, "n")), 4);
	T_INTEQ(val_col(val_map_get(site, "n")), 10);
	posts = val_map_get(v, "posts");
	T_INTEQ(val_line(val_list_at(posts, 1)), 7);
	/* Columns count characters, not bytes: "đ" is one. */
	T_INTEQ(val_col(val_list_at(posts, 1)), 10);
	val_unref(v);
}

static void
test_errors(void)
{
	BAD("", "1:1: thiếu giá trị");
	BAD("{\"a\" 1}", "1:6: thiếu dấu ':' sau tên khóa");
	BAD("{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3}",
	    "4:3: thiếu dấu ',' hoặc '}'");
	BAD("[1, 2", "1:6: thiếu dấu ',' hoặc ']'");
	BAD("{a: 1}", "1:2: thiếu tên khóa trong ngoặc kép");
	BAD("\"abc", "1:5: chuỗi chưa đóng dấu \"");
	BAD("\"a\nb\"", "1:3: chuỗi chứa ký tự điều khiển");
	BAD("\"\\x\"", "1:3: mã thoát sau dấu \\ không hợp lệ");
	BAD("\"\\ud800\"", "1:8: mã \\u là nửa đầu của một cặp, thiếu nửa sau");
	BAD("\"\\udc00\"", "1:8: mã \\u là nửa sau của một cặp, thiếu nửa đầu");
	BAD("01", "1:2: còn nội dung sau giá trị JSON");
	BAD("1.", "1:3: thiếu chữ số sau dấu chấm");
	BAD("tru", "1:1: ký tự không mong đợi ở đây");
	BAD("{} x", "1:4: còn nội dung sau giá trị JSON");
	/* Found by fuzz_json: a number past a double's range. */
	BAD("7e7777", "1:1: số quá lớn");
	BAD("[1, -1e400]", "1:5: số quá lớn");
	/* A string that is not UTF-8: the position of the string. */
	BAD("[\"ok\", \"a\xff\"]",
	    "1:8: chuỗi có byte không phải UTF-8 (byte thứ 2)");
	BAD("\"\xc3\"", "1:1: chuỗi có byte không phải UTF-8 (byte thứ 1)");
}

static void
test_depth(void)
{
	char		*deep = malloc(1200), err[128];
	struct val	*v;

	memset(deep, '[', 600);
	memset(deep + 600, ']', 600);
	v = json_parse(deep, 1200, err, sizeof(err));
	T_OK(v == NULL);
	T_CONTAINS(err, "lồng nhau quá sâu");
	val_unref(v);
	/* 500 levels are fine. */
	v = json_parse(deep + 100, 1000, err, sizeof(err));
	T_OK(v != NULL);
	val_unref(v);
	free(deep);
	/* No room for a message: still refused, nothing written. */
	T_OK(json_parse("[", 1, err, 0) == NULL);
}

int
main(void)
{
	test_values();
	test_positions();
	test_errors();
	test_depth();
	return t_done("json");
}
