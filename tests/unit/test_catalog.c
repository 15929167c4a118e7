/*
 * test_catalog.c - catalog.c: the procedures catalogue across
 * departments: one entry per national code, in numeric-aware order,
 * codeless procedures kept apart and last, differing fields flagged
 * (white space alone is no difference), data of the wrong shape, CSV.
 */
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "buf.h"
#include "catalog.h"
#include "json.h"
#include "value.h"

#include "t.h"

/* JSON written with ' for " (the fixtures have no apostrophes). */
static struct val *
js(const char *src)
{
	char		*s = strdup(src), *p, err[256];
	struct val	*v;

	if (s == NULL)
		abort();
	for (p = s; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	if ((v = json_parse(s, strlen(s), err, sizeof(err))) == NULL) {
		fprintf(stderr, "fixture: %s\n", err);
		exit(2);
	}
	free(s);
	return v;
}

static const char *
str(const struct val *m, const char *k)
{
	return val_get_str(val_map_get(m, k));
}

static const struct val *
at(const struct val *m, const char *k, size_t i)
{
	return val_list_at(val_map_get(m, k), i);
}

static const char *const data_a = "{'procedures':["
"  {'title':'Zeta','code':null,'url':'https://a/z/'},"
"  {'title':'Cấp chứng chỉ','code':'1.004698','field':'Năng lượng',"
"   'level':'Cấp tỉnh','agency':'Sở A','deadline':'05 ngày làm việc',"
"   'fee':null,'online':'toan-trinh','decision':'865/QĐ-UBND',"
"   'effective':'2024-04-15','url':'https://a/tt/1/'},"
"  {'title':'Tên thủ tục hai','code':'2.000123','field':'F',"
"   'deadline':'10 ngày','url':'https://a/tt/2/','fee':''},"
"  {'title':'Mười','code':'10.000001','url':'https://a/tt/10/'},"
"  {'title':'Bốn nghìn bảy','code':'1.04700','url':'https://a/tt/47/'},"
"  {'title':'Alpha','url':'https://a/alpha/'},"
"  'not a procedure'"
"]}";

static const char *const data_b = "{'procedures':["
"  {'title':'Cấp chứng chỉ','code':' 1.004698','field':'Năng lượng',"
"   'level':'Cấp tỉnh','agency':'Sở B','deadline':'10 ngày làm việc',"
"   'fee':null,'online':'toan-trinh','decision':'865/QĐ-UBND',"
"   'effective':'2024-04-15','url':'https://b/tt/1/'},"
"  {'title':'Tên  thủ tục\\nhai ','code':'2.000123 ','field':'F\\u00a0',"
"   'deadline':'10 ngày','url':'https://b/tt/2/','fee':'   ',"
"   'agency':'khác'},"
"  {'title':'Alpha','code':'','url':'https://b/alpha/'},"
"  {'title':'Số','code':42,'url':'https://b/so/'}"
"]}";

static void
test_order(void)
{
	T_INTEQ(catalog_code_cmp("1.004698", "2.000123"), -1);
	T_INTEQ(catalog_code_cmp("2.000123", "10.000001"), -1);
	T_INTEQ(catalog_code_cmp("1.004698", "1.04700"), -1);
	T_INTEQ(catalog_code_cmp("1.04700", "1.004698"), 1);
	T_INTEQ(catalog_code_cmp("1.004698", "1.004698"), 0);
	T_INTEQ(catalog_code_cmp("1.4698", "1.004698"), 0);
	T_INTEQ(catalog_code_cmp("1.004698", "1.004698.000.00.00.H53"), -1);
	T_INTEQ(catalog_code_cmp("a", "b"), -1);
	T_INTEQ(catalog_code_cmp("", "0"), -1);
	T_INTEQ(catalog_code_cmp("9", "10"), -1);
	T_INTEQ(catalog_code_cmp("x9", "x10a"), -1);
	/* Runs longer than any integer type. */
	T_INTEQ(catalog_code_cmp("1.00000000000000000000000000000000002",
	    "1.1"), 1);
}

static void
test_catalog(void)
{
	struct val	*a = js(data_a), *b = js(data_b), *bad = js("[1]");
	struct board_dept d[4] = {
		{ "Sở A", "so-a", NULL }, { "Sở B", "so-b", NULL },
		{ "Sở X", "so-x", NULL }, { "Sở Y", "so-y", NULL },
	};
	struct val	*cat;
	const struct val *e, *df;
	size_t		 i;

	d[0].data = a;
	d[1].data = b;
	d[2].data = bad;
	/* d[3]: no data. */
	cat = catalog_make(d, 4);
	T_OK(val_type(cat) == VAL_LIST);
	/* 1.004698, 1.04700, 2.000123, 10.000001, then codeless by title:
	 * Alpha (A), Alpha (B), Số (a number is no code), Zeta. */
	T_INTEQ(val_list_len(cat), 8);
	T_STREQ(str(val_list_at(cat, 0), "code"), "1.004698");
	T_STREQ(str(val_list_at(cat, 1), "code"), "1.04700");
	T_STREQ(str(val_list_at(cat, 2), "code"), "2.000123");
	T_STREQ(str(val_list_at(cat, 3), "code"), "10.000001");
	for (i = 4; i < 8; i++)
		T_OK(val_type(val_map_get(val_list_at(cat, i), "code")) ==
		    VAL_NULL);
	T_STREQ(str(val_list_at(cat, 4), "title"), "Alpha");
	T_STREQ(str(at(val_list_at(cat, 4), "departments", 0), "slug"),
	    "so-a");
	T_STREQ(str(val_list_at(cat, 5), "title"), "Alpha");
	T_STREQ(str(at(val_list_at(cat, 5), "departments", 0), "slug"),
	    "so-b");
	T_STREQ(str(at(val_list_at(cat, 5), "departments", 0), "url"),
	    "https://b/alpha/");
	T_STREQ(str(val_list_at(cat, 6), "title"), "Số");
	T_STREQ(str(val_list_at(cat, 7), "title"), "Zeta");
	for (i = 4; i < 8; i++)
		T_OK(val_get_num(val_map_get(val_list_at(cat, i),
		    "ndepartments")) == 1);

	/* One code, two departments, another deadline: flagged. */
	e = val_list_at(cat, 0);
	T_STREQ(str(e, "title"), "Cấp chứng chỉ");
	T_STREQ(str(e, "field"), "Năng lượng");
	T_STREQ(str(e, "level"), "Cấp tỉnh");
	T_OK(val_get_num(val_map_get(e, "ndepartments")) == 2);
	T_STREQ(str(at(e, "departments", 0), "name"), "Sở A");
	T_STREQ(str(at(e, "departments", 0), "url"), "https://a/tt/1/");
	T_STREQ(str(at(e, "departments", 1), "name"), "Sở B");
	T_STREQ(str(at(e, "departments", 1), "deadline"), "10 ngày làm việc");
	T_OK(val_type(val_map_get(at(e, "departments", 1), "fee")) ==
	    VAL_NULL);
	T_OK(val_map_get(at(e, "departments", 1), "agency") == NULL);
	T_OK(val_get_bool(val_map_get(e, "differs")));
	T_INTEQ(val_list_len(val_map_get(e, "differences")), 1);
	df = at(e, "differences", 0);
	T_STREQ(str(df, "field"), "deadline");
	T_STREQ(str(df, "label"), "Thời hạn giải quyết");
	T_INTEQ(val_list_len(val_map_get(df, "values")), 2);
	T_STREQ(str(at(df, "values", 0), "slug"), "so-a");
	T_STREQ(str(at(df, "values", 0), "value"), "05 ngày làm việc");
	T_STREQ(str(at(df, "values", 1), "name"), "Sở B");
	T_STREQ(str(at(df, "values", 1), "value"), "10 ngày làm việc");

	/* White space only (and null against blank): no difference; the
	 * agency differs by nature and is not compared. */
	e = val_list_at(cat, 2);
	T_OK(val_get_num(val_map_get(e, "ndepartments")) == 2);
	T_STREQ(str(e, "title"), "Tên thủ tục hai");
	T_OK(val_type(val_map_get(e, "differs")) == VAL_BOOL &&
	    !val_get_bool(val_map_get(e, "differs")));
	T_INTEQ(val_list_len(val_map_get(e, "differences")), 0);
	/* The values shown are the data's, as written. */
	T_STREQ(str(at(e, "departments", 1), "title"), "Tên  thủ tục\nhai ");

	/* Alone: nothing to differ from. */
	e = val_list_at(cat, 3);
	T_OK(!val_get_bool(val_map_get(e, "differs")));
	val_unref(cat);

	/* The same procedure in three departments, one differing twice. */
	d[2].data = a;
	cat = catalog_make(d, 3);
	e = val_list_at(cat, 0);
	T_OK(val_get_num(val_map_get(e, "ndepartments")) == 3);
	T_STREQ(str(at(e, "departments", 2), "slug"), "so-x");
	T_INTEQ(val_list_len(val_map_get(at(e, "differences", 0), "values")),
	    3);
	e = val_list_at(cat, 2);
	T_OK(!val_get_bool(val_map_get(e, "differs")));
	val_unref(cat);

	/* Nothing at all. */
	cat = catalog_make(NULL, 0);
	T_INTEQ(val_list_len(cat), 0);
	val_unref(cat);
	val_unref(a);
	val_unref(b);
	val_unref(bad);
}

static void
test_differences(void)
{
	struct val	*a = js("{'procedures':[{'code':'1.000001','title':'T',"
	    "'online':'toan-trinh','fee':'Không','effective':'2025-01-01'}]}");
	struct val	*b = js("{'procedures':[{'code':'1.000001','title':'T',"
	    "'online':'mot-phan','effective':'2025-02-01'}]}");
	struct board_dept d[2] = {
		{ "Sở A", "so-a", NULL }, { NULL, "so-b", NULL },
	};
	struct val	*cat;
	const struct val *e;

	d[0].data = a;
	d[1].data = b;
	cat = catalog_make(d, 2);
	e = val_list_at(cat, 0);
	/* In the compared fields' order; a value against none differs. */
	T_INTEQ(val_list_len(val_map_get(e, "differences")), 3);
	T_STREQ(str(at(e, "differences", 0), "field"), "fee");
	T_STREQ(str(at(e, "differences", 0), "label"), "Phí, lệ phí");
	T_OK(val_type(val_map_get(at(at(e, "differences", 0), "values", 1),
	    "value")) == VAL_NULL);
	T_STREQ(str(at(e, "differences", 1), "label"), "Mức độ trực tuyến");
	T_STREQ(str(at(e, "differences", 2), "label"), "Ngày hiệu lực");
	/* No name in portal.yaml: the slug. */
	T_STREQ(str(at(e, "departments", 1), "name"), "so-b");
	val_unref(cat);
	val_unref(a);
	val_unref(b);
}

static void
test_csv(void)
{
	struct val	*a = js("{'procedures':[{'code':'1.000001','title':"
	    "'Cấp, đổi','field':'F','level':'Cấp tỉnh','deadline':'5 ngày'}]}");
	struct val	*b = js("{'procedures':[{'code':'1.000001','title':"
	    "'Cấp, đổi','field':'F','level':'Cấp tỉnh','deadline':'7 ngày'}]}");
	struct board_dept d[2] = {
		{ "Sở A", "so-a", NULL }, { "Sở \"B\"", "so-b", NULL },
	};
	struct val	*cat;
	struct buf	 out = BUF_INIT;

	d[0].data = a;
	d[1].data = b;
	cat = catalog_make(d, 2);
	catalog_csv(cat, &out);
	T_STREQ(buf_cstr(&out), "\xef\xbb\xbf"
	    "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Số đơn vị,"
	    "Các đơn vị,Có khác biệt,Các điểm khác biệt\r\n"
	    "1.000001,\"Cấp, đổi\",F,Cấp tỉnh,2,\"Sở A; Sở \"\"B\"\"\",Có,"
	    "\"Thời hạn giải quyết: Sở A: 5 ngày; Sở \"\"B\"\": 7 ngày\"\r\n");
	val_unref(cat);
	buf_reset(&out);
	catalog_csv(NULL, &out);	/* not a catalogue: the header */
	T_OK(out.len > 3 && memcmp(out.data, "\xef\xbb\xbf", 3) == 0);
	buf_free(&out);
	val_unref(a);
	val_unref(b);
}

int
main(void)
{
	test_order();
	test_catalog();
	test_differences();
	test_csv();
	return t_done("catalog");
}
