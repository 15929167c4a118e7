/*
 * test_value.c - the data tree (value.h): types and getters on values of
 * every type (and NULL), strings with NUL bytes, positions of values and
 * keys, maps that keep or copy their keys, truthiness, JSON and text
 * forms, and references shared between threads.  (test_core.c tests the
 * hash of trees, a map of many keys and number formatting.)
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pool.h"
#include "util.h"
#include "value.h"
#include "t.h"

static void
test_types(void)
{
	struct val	*v[6];
	size_t		 i;

	v[0] = val_null();
	v[1] = val_bool(7);		/* any non-zero is true */
	v[2] = val_num(2.5);
	v[3] = val_str("Sở");
	v[4] = val_list();
	v[5] = val_map();
	T_INTEQ(val_type(v[0]), VAL_NULL);
	T_INTEQ(val_type(v[1]), VAL_BOOL);
	T_INTEQ(val_type(v[2]), VAL_NUM);
	T_INTEQ(val_type(v[3]), VAL_STR);
	T_INTEQ(val_type(v[4]), VAL_LIST);
	T_INTEQ(val_type(v[5]), VAL_MAP);
	T_INTEQ(val_type(NULL), VAL_NULL);
	T_INTEQ(val_get_bool(v[1]), 1);
	T_OK(val_get_num(v[2]) == 2.5);
	T_STREQ(val_get_str(v[3]), "Sở");
	T_INTEQ(val_str_len(v[3]), strlen("Sở"));

	/* Each getter on every other type (and NULL) gives its zero. */
	for (i = 0; i < 6; i++) {
		if (i != 1)
			T_INTEQ(val_get_bool(v[i]), 0);
		if (i != 2)
			T_OK(val_get_num(v[i]) == 0.0);
		if (i != 3) {
			T_OK(val_get_str(v[i]) == NULL);
			T_INTEQ(val_str_len(v[i]), 0);
		}
		if (i != 4) {
			T_INTEQ(val_list_len(v[i]), 0);
			T_OK(val_list_at(v[i], 0) == NULL);
		}
		if (i != 5) {
			T_INTEQ(val_map_len(v[i]), 0);
			T_OK(val_map_key(v[i], 0) == NULL);
			T_OK(val_map_value(v[i], 0) == NULL);
			T_OK(val_map_get(v[i], "a") == NULL);
		}
	}
	T_INTEQ(val_get_bool(NULL), 0);
	T_OK(val_get_num(NULL) == 0.0);
	T_OK(val_get_str(NULL) == NULL);
	T_INTEQ(val_list_len(NULL), 0);
	T_INTEQ(val_map_len(NULL), 0);
	T_OK(val_map_get(NULL, "a") == NULL);
	for (i = 0; i < 6; i++)
		val_unref(v[i]);
	val_unref(NULL);		/* allowed */
	T_OK(val_ref(NULL) == NULL);
}

static void
test_strings(void)
{
	struct val	*v;
	char		 src[] = "Kế hoạch";

	/* Copied: changing the caller's bytes changes nothing. */
	v = val_str(src);
	src[0] = 'X';
	T_STREQ(val_get_str(v), "Kế hoạch");
	val_unref(v);

	v = val_strn("ab\0cd", 5);
	T_INTEQ(val_str_len(v), 5);
	T_OK(memcmp(val_get_str(v), "ab\0cd", 6) == 0);
	val_unref(v);
	v = val_strn("abcdef", 3);	/* only n bytes, NUL-terminated */
	T_STREQ(val_get_str(v), "abc");
	T_INTEQ(val_str_len(v), 3);
	val_unref(v);

	v = val_str_own(xstrdup("của người gọi"));
	T_STREQ(val_get_str(v), "của người gọi");
	T_INTEQ(val_str_len(v), strlen("của người gọi"));
	val_unref(v);

	v = val_str_cat("tin-tuc/", "bai-a/");
	T_STREQ(val_get_str(v), "tin-tuc/bai-a/");
	T_INTEQ(val_str_len(v), 14);
	val_unref(v);
	v = val_str_cat("", "");
	T_STREQ(val_get_str(v), "");
	T_INTEQ(val_type(v), VAL_STR);
	val_unref(v);
}

static void
test_positions(void)
{
	struct val	*v = val_str("x"), *m = val_map();
	int		 line = -1, col = -1;

	T_INTEQ(val_line(v), 0);
	T_INTEQ(val_col(v), 0);
	val_set_pos(v, 12, 7);
	T_INTEQ(val_line(v), 12);
	T_INTEQ(val_col(v), 7);
	T_INTEQ(val_line(NULL), 0);
	T_INTEQ(val_col(NULL), 0);

	/* A key's place is its own, apart from its value's. */
	val_map_set(m, "date", v);
	val_map_set_key_pos(m, "date", 12, 1);
	val_map_key_pos(m, "date", &line, &col);
	T_INTEQ(line, 12);
	T_INTEQ(col, 1);
	T_INTEQ(val_col(val_map_get(m, "date")), 7);
	/* Absent key, or one set without a place: 0, 0. */
	val_map_key_pos(m, "title", &line, &col);
	T_INTEQ(line, 0);
	T_INTEQ(col, 0);
	val_map_set_key_pos(m, "title", 3, 3);	/* absent: ignored */
	T_OK(val_map_get(m, "title") == NULL);
	T_INTEQ(val_map_len(m), 1);
	val_map_set_str(m, "title", "T");
	line = col = -1;
	val_map_key_pos(m, "title", &line, &col);
	T_INTEQ(line, 0);
	T_INTEQ(col, 0);
	/* Either out-pointer may be NULL. */
	line = -1;
	val_map_key_pos(m, "date", &line, NULL);
	T_INTEQ(line, 12);
	col = -1;
	val_map_key_pos(m, "date", NULL, &col);
	T_INTEQ(col, 1);
	val_unref(m);
}

static void
test_list(void)
{
	struct val	*l = val_list();
	size_t		 i;
	int		 ok = 1;

	for (i = 0; i < 1000; i++)
		val_list_push(l, val_num((double)i));
	T_INTEQ(val_list_len(l), 1000);
	for (i = 0; i < 1000; i++)
		if (val_get_num(val_list_at(l, i)) != (double)i)
			ok = 0;
	T_OK(ok);			/* kept in order across growth */
	T_OK(val_list_at(l, 1000) == NULL);
	T_OK(val_list_at(l, (size_t)-1) == NULL);
	val_unref(l);
}

static void
test_map(void)
{
	struct val	*m = val_map(), *old;
	char		 key[8] = "tags";

	val_map_set_str(m, "title", "A");
	val_map_set_num(m, "n", 3);
	val_map_set_bool(m, "draft", 1);
	val_map_set_str(m, "summary", NULL);	/* stores nothing */
	T_INTEQ(val_map_len(m), 3);
	T_OK(val_map_get(m, "summary") == NULL);
	T_STREQ(val_map_key(m, 0), "title");
	T_STREQ(val_map_key(m, 1), "n");
	T_STREQ(val_map_key(m, 2), "draft");
	T_OK(val_map_key(m, 3) == NULL);
	T_INTEQ(val_get_bool(val_map_get(m, "draft")), 1);
	T_OK(val_get_num(val_map_value(m, 1)) == 3);

	/* Replacing keeps the place; the old value lives on if referenced. */
	old = val_ref(val_map_get(m, "title"));
	val_map_set(m, "title", val_num(9));
	T_INTEQ(val_map_len(m), 3);
	T_STREQ(val_map_key(m, 0), "title");
	T_OK(val_get_num(val_map_get(m, "title")) == 9);
	T_STREQ(val_get_str(old), "A");
	val_unref(old);

	/* Keys are copied: the caller's buffer may change. */
	val_map_set(m, key, val_list());
	memcpy(key, "xxxx", 4);
	T_INTEQ(val_type(val_map_get(m, "tags")), VAL_LIST);
	T_OK(val_map_get(m, "xxxx") == NULL);
	T_OK(val_map_key(m, 3) != key);

	/* Lookups are exact: no prefix, no case folding. */
	T_OK(val_map_get(m, "titl") == NULL);
	T_OK(val_map_get(m, "titlex") == NULL);
	T_OK(val_map_get(m, "Title") == NULL);
	T_OK(val_map_get_hash(m, "draft", val_key_hash("draft")) ==
	    val_map_get(m, "draft"));
	T_OK(val_map_get_hash(m, "nope", val_key_hash("nope")) == NULL);
	T_OK(val_key_hash("draft") == val_key_hash("draft"));
	T_OK(val_key_hash("draft") != val_key_hash("Draft"));
	val_unref(m);
}

static void
test_map_lit(void)
{
	static const char *const keys[] = { "url", "title", "date_iso" };
	struct val	*m = val_map_lit();
	size_t		 i;

	for (i = 0; i < 3; i++)
		val_map_set_str(m, keys[i], keys[i]);
	/* The very pointers given, in order. */
	for (i = 0; i < 3; i++)
		T_OK(val_map_key(m, i) == keys[i]);
	T_STREQ(val_get_str(val_map_get(m, "title")), "title");
	val_map_set_num(m, "url", 1);	/* replaces, keeps the place */
	T_INTEQ(val_map_len(m), 3);
	T_OK(val_map_key(m, 0) == keys[0]);
	T_INTEQ(val_type(val_map_get(m, "url")), VAL_NUM);
	val_unref(m);
}

static void
test_truthy(void)
{
	struct val	*v, *l;

	T_INTEQ(val_truthy(NULL), 0);
	v = val_null();
	T_INTEQ(val_truthy(v), 0);
	val_unref(v);
	v = val_bool(0);
	T_INTEQ(val_truthy(v), 0);
	val_unref(v);
	v = val_bool(1);
	T_INTEQ(val_truthy(v), 1);
	val_unref(v);
	v = val_num(0);			/* a number is present */
	T_INTEQ(val_truthy(v), 1);
	val_unref(v);
	v = val_str("");
	T_INTEQ(val_truthy(v), 1);
	val_unref(v);
	v = val_map();			/* an empty map is still a value */
	T_INTEQ(val_truthy(v), 1);
	val_unref(v);
	l = val_list();
	T_INTEQ(val_truthy(l), 0);
	val_list_push(l, val_null());
	T_INTEQ(val_truthy(l), 1);
	val_unref(l);
}

static void
json_is(const struct val *v, int indent, const char *want)
{
	struct buf	 b = BUF_INIT;

	val_to_json(v, &b, indent);
	T_STREQ(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_json(void)
{
	struct val	*m = val_map(), *l = val_list(), *v;
	struct buf	 b = BUF_INIT;

	json_is(NULL, 0, "null");
	json_is(m, 0, "{}");
	json_is(l, 0, "[]");
	json_is(m, 1, "{}\n");
	json_is(l, 1, "[]\n");
	val_list_push(l, val_num(1));
	val_list_push(l, val_bool(0));
	val_list_push(l, val_null());
	val_list_push(l, val_list());
	val_map_set_str(m, "tên", "Sở \"Thử\"");
	val_map_set(m, "ds", l);
	val_map_set(m, "rỗng", val_map());
	json_is(m, 0,
	    "{\"tên\":\"Sở \\\"Thử\\\"\",\"ds\":[1,false,null,[]],\"rỗng\":{}}");
	json_is(m, 1,
	    "{\n"
	    "  \"tên\": \"Sở \\\"Thử\\\"\",\n"
	    "  \"ds\": [\n"
	    "    1,\n"
	    "    false,\n"
	    "    null,\n"
	    "    []\n"
	    "  ],\n"
	    "  \"rỗng\": {}\n"
	    "}\n");
	val_unref(m);

	/* Escapes: quote, backslash, newline, tab, other controls. */
	v = val_str("a\"b\\c\nd\te\001f\037g\177h");
	json_is(v, 0, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u001fg\177h\"");
	val_unref(v);
	json_quote(&b, "đ\r");
	T_STREQ(buf_cstr(&b), "\"đ\\u000d\"");
	buf_reset(&b);
	json_quote(&b, "");
	T_STREQ(buf_cstr(&b), "\"\"");
	/* Appends to what the buffer holds. */
	buf_reset(&b);
	buf_puts(&b, "x=");
	v = val_num(-2.5);
	val_to_json(v, &b, 0);
	T_STREQ(buf_cstr(&b), "x=-2.5");
	val_unref(v);
	buf_free(&b);
}

static void
text_is(struct val *v, const char *want, size_t len)
{
	struct buf	 b = BUF_INIT;

	val_to_text(v, &b);
	T_INTEQ(b.len, len);
	T_OK(len == 0 || memcmp(b.data, want, len) == 0);
	buf_free(&b);
	val_unref(v);
}

static void
test_text(void)
{
	struct val	*l = val_list();

	text_is(val_str("Sở"), "Sở", strlen("Sở"));
	text_is(val_strn("a\0b", 3), "a\0b", 3);	/* all its bytes */
	text_is(val_bool(1), "true", 4);
	text_is(val_bool(0), "false", 5);
	text_is(val_num(7), "7", 1);
	text_is(val_num(-42), "-42", 3);
	text_is(val_num(-0.0), "-0", 2);
	text_is(val_num(0.1), "0.1", 3);
	text_is(val_num(999999999999999.0), "999999999999999", 15);
	text_is(val_num(1e15), "1e+15", 5);
	text_is(val_num(1.0 / 3), "0.333333333333333", 17);
	/* Null, lists and maps have no text. */
	text_is(val_null(), "", 0);
	val_list_push(l, val_str("x"));
	text_is(l, "", 0);
	text_is(val_map(), "", 0);
}

/* References are atomic: threads may ref and unref one shared tree. */
struct shared {
	struct val	*tree;
	int		 bad;
};

static void
ref_many(void *arg, size_t i)
{
	struct shared	*s = arg;
	struct val	*t, *title;
	int		 k;

	(void)i;
	for (k = 0; k < 2000; k++) {
		t = val_ref(s->tree);
		title = val_ref(val_map_get(t, "title"));
		if (strcmp(val_get_str(title), "Chung") != 0)
			s->bad = 1;
		val_unref(title);
		val_unref(t);
	}
}

static void
test_shared_refs(void)
{
	struct shared	 s;
	struct val	*title;

	s.tree = val_map();
	s.bad = 0;
	val_map_set_str(s.tree, "title", "Chung");
	pool_run(64, 4, ref_many, &s);
	T_INTEQ(s.bad, 0);
	/* Still one reference, the caller's: a kept child outlives it. */
	title = val_ref(val_map_get(s.tree, "title"));
	val_unref(s.tree);
	T_STREQ(val_get_str(title), "Chung");
	val_unref(title);
}

/* val_pack() and val_unpack(): back the same, and nothing else read. */
static void
test_pack(void)
{
	struct val	*t = val_map(), *l = val_list(), *m = val_map(), *u;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	size_t		 used, n, i;

	val_map_set_str(t, "tiêu đề", "Kế hoạch tuyên truyền CCHC");
	val_map_set(t, "trống", val_str(""));
	val_map_set(t, "null", val_null());
	val_map_set_bool(t, "đúng", 1);
	val_map_set_bool(t, "sai", 0);
	val_list_push(l, val_num(-0.0));
	val_list_push(l, val_num(1e300));
	val_list_push(l, val_num(19.5));
	val_list_push(l, val_list());
	val_list_push(l, m);
	val_map_set(t, "số", l);
	val_pack(&a, t);
	u = val_unpack(a.data, a.len, &used);
	T_OK(u != NULL);
	T_INTEQ((int)used, (int)a.len);
	val_pack(&b, u);
	T_OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	T_STREQ(val_get_str(val_map_get(u, "tiêu đề")),
	    "Kế hoạch tuyên truyền CCHC");
	T_INTEQ(val_get_bool(val_map_get(u, "đúng")), 1);
	T_INTEQ(val_type(val_map_get(u, "null")), VAL_NULL);
	T_OK(val_get_num(val_list_at(val_map_get(u, "số"), 1)) == 1e300);
	T_INTEQ(val_type(val_list_at(val_map_get(u, "số"), 4)), VAL_MAP);
	val_unref(u);
	/* Every cut of it: not one. */
	for (n = 0, i = 0; i < a.len; i++)
		if ((u = val_unpack(a.data, i, NULL)) != NULL) {
			val_unref(u);
			n++;
		}
	T_INTEQ((int)n, 0);
	/* More after it: read up to its end. */
	buf_puts(&a, "xyz");
	u = val_unpack(a.data, a.len, &used);
	T_OK(u != NULL && used == a.len - 3);
	val_unref(u);
	/* A string with a NUL, and lists nested past 512: not one. */
	buf_reset(&b);
	buf_put(&b, "\004\003\000\000\000a\000b", 8);
	T_OK(val_unpack(b.data, b.len, NULL) == NULL);
	buf_reset(&b);
	for (i = 0; i < 600; i++)
		buf_put(&b, "\005\001\000\000\000", 5);
	buf_putc(&b, 0);
	T_OK(val_unpack(b.data, b.len, NULL) == NULL);
	/* A map with one key twice (val_pack() never writes one). */
	buf_reset(&b);
	buf_put(&b, "\006\002\000\000\000\001\000\000\000k\000"
	    "\001\000\000\000k\000", 17);
	T_OK(val_unpack(b.data, b.len, NULL) == NULL);
	/* A count larger than the bytes left: refused before any work. */
	buf_reset(&b);
	buf_put(&b, "\005\377\377\377\377", 5);
	T_OK(val_unpack(b.data, b.len, NULL) == NULL);
	val_unref(t);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	test_types();
	test_strings();
	test_positions();
	test_list();
	test_map();
	test_map_lit();
	test_truthy();
	test_json();
	test_text();
	test_shared_refs();
	test_pack();
	return t_done("value");
}
