/*
 * test_core.c - buffer, value tree, escaping, diagnostics, paths, pool.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "url.h"
#include "fs.h"
#include "hash.h"
#include "model.h"
#include "pool.h"
#include "util.h"
#include "value.h"
#include "t.h"

static void
test_buf(void)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	int		 i;

	T_STREQ(buf_cstr(&b), "");
	buf_puts(&b, "Sở ");
	buf_printf(&b, "%d/%s", 137, "KH");
	buf_putc(&b, '!');
	T_STREQ(buf_cstr(&b), "Sở 137/KH!");
	T_INTEQ(b.len, strlen("Sở 137/KH!"));
	buf_truncate(&b, strlen("Sở"));
	T_STREQ(buf_cstr(&b), "Sở");
	for (i = 0; i < 100000; i++)
		buf_putc(&b, 'x');
	T_INTEQ(b.len, strlen("Sở") + 100000);
	T_INTEQ(b.data[b.len], '\0');
	s = buf_detach(&b);
	T_OK(b.data == NULL && b.len == 0);
	T_INTEQ(strlen(s), strlen("Sở") + 100000);
	free(s);
	s = buf_detach(&b);
	T_STREQ(s, "");
	free(s);
}

static void
test_value(void)
{
	struct val	*m = val_map(), *l = val_list(), *shared;
	struct buf	 b = BUF_INIT;

	val_map_set_str(m, "title", "Kế hoạch");
	val_map_set_bool(m, "draft", 0);
	val_map_set_num(m, "n", 1.21);
	val_list_push(l, val_str("a"));
	val_map_set(m, "tags", l);
	T_STREQ(val_get_str(val_map_get(m, "title")), "Kế hoạch");
	T_INTEQ(val_list_len(val_map_get(m, "tags")), 1);
	T_OK(!val_truthy(val_map_get(m, "draft")));
	T_OK(!val_truthy(val_map_get(m, "missing")));
	val_map_set_str(m, "title", "Đổi");	/* replaces, keeps order */
	T_STREQ(val_map_key(m, 0), "title");
	T_STREQ(val_get_str(val_map_value(m, 0)), "Đổi");
	T_INTEQ(val_map_len(m), 4);
	val_to_text(val_map_get(m, "n"), &b);
	T_STREQ(buf_cstr(&b), "1.21");
	buf_reset(&b);
	val_to_text(val_map_get(m, "draft"), &b);
	T_STREQ(buf_cstr(&b), "false");
	/* A shared subtree outlives one of its two owners. */
	shared = val_ref(val_map_get(m, "tags"));
	val_unref(m);
	T_STREQ(val_get_str(val_list_at(shared, 0)), "a");
	val_unref(shared);
	/* Empty list is falsey, empty string truthy (Mustache rules). */
	l = val_list();
	T_OK(!val_truthy(l));
	val_unref(l);
	l = val_str("");
	T_OK(val_truthy(l));
	val_unref(l);
	buf_free(&b);
}

/* Numbers as text: whole ones take a short cut that must match "%.15g". */
static void
test_value_num(void)
{
	static const double nums[] = { 0, -0.0, 1, -1, 7, 10, 42, -305,
	    2026, 65536, 1e14, 999999999999999, -999999999999999, 1e15,
	    -1e15, 1e16, 123456789012345678.0, 0.5, -2.5, 1.21, 1e-5,
	    1e300, 4294967296.0, 9007199254740993.0 };
	struct buf	 b = BUF_INIT;
	struct val	*v;
	char		 want[64];
	size_t		 i;

	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		snprintf(want, sizeof(want), "%.15g", nums[i]);
		buf_reset(&b);
		v = val_num(nums[i]);
		val_to_text(v, &b);
		T_STREQ(buf_cstr(&b), want);
		buf_reset(&b);
		val_to_json(v, &b, 0);
		T_STREQ(buf_cstr(&b), want);
		val_unref(v);
	}
	buf_free(&b);
}

/* Keys that differ late or only in length; NUL bytes inside strings. */
static void
test_value_map(void)
{
	struct val	*m = val_map(), *s;
	char		 key[32];
	int		 i;

	for (i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		val_map_set_num(m, key, i);
	}
	val_map_set_num(m, "", -1);
	for (i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		T_INTEQ(val_get_num(val_map_get(m, key)), i);
		T_INTEQ(val_get_num(val_map_get_hash(m, key,
		    val_key_hash(key))), i);
	}
	T_INTEQ(val_get_num(val_map_get(m, "")), -1);
	T_OK(val_map_get(m, "k") == NULL);
	T_OK(val_map_get(m, "k1999") == NULL);
	val_map_set_num(m, "k7", 77);
	T_INTEQ(val_map_len(m), 201);
	T_STREQ(val_map_key(m, 7), "k7");
	T_INTEQ(val_get_num(val_map_value(m, 7)), 77);
	T_OK(val_map_get(val_list_at(NULL, 0), "k7") == NULL);
	val_unref(m);

	s = val_strn("a\0b", 3);
	T_INTEQ(val_str_len(s), 3);
	T_OK(memcmp(val_get_str(s), "a\0b", 4) == 0);
	val_unref(s);
	s = val_strn("xyz", 0);
	T_STREQ(val_get_str(s), "");
	val_unref(s);
}

/* The hash of a tree, as render_key takes it. */
static uint64_t
vh(const struct val *v)
{
	struct hasher	 h;

	hasher_init(&h);
	val_hash(&h, v);
	return hasher_done(&h);
}

/* A list of the arguments, which the list takes over. */
static struct val *
vl(int n, ...)
{
	struct val	*l = val_list();
	va_list		 ap;
	int		 i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		val_list_push(l, va_arg(ap, struct val *));
	va_end(ap);
	return l;
}

/* A map of key, value pairs; lit: a val_map_lit. */
static struct val *
vm(int lit, int n, ...)
{
	struct val	*m = lit ? val_map_lit() : val_map();
	const char	*k;
	va_list		 ap;
	int		 i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		k = va_arg(ap, const char *);
		val_map_set(m, k, va_arg(ap, struct val *));
	}
	va_end(ap);
	return m;
}

/*
 * Trees a template could show differently hash differently: each of
 * these differs from all the others; equal trees hash alike, whether
 * their maps own their keys or not.
 */
static void
test_value_hash(void)
{
	struct val	*v[40], *a, *b;
	char		 big[5000];
	size_t		 n = 0, i, k;
	int		 distinct = 1;

	memset(big, 'x', sizeof(big));
	v[n++] = val_null();
	v[n++] = val_bool(0);
	v[n++] = val_bool(1);
	v[n++] = val_num(0);
	v[n++] = val_num(-0.0);
	v[n++] = val_num(1);
	v[n++] = val_str("");
	v[n++] = val_str("0");
	v[n++] = val_str("false");
	v[n++] = val_strn("a\0b", 3);
	v[n++] = val_strn("a\0c", 3);
	v[n++] = val_str("a");
	v[n++] = val_list();
	v[n++] = val_map();
	v[n++] = vl(1, val_str("a"));
	v[n++] = vl(1, vl(1, val_str("a")));
	v[n++] = vl(2, val_str("a"), val_str("b"));
	v[n++] = vl(2, val_str("b"), val_str("a"));
	v[n++] = vl(1, val_str("ab"));
	v[n++] = vl(2, val_str("ab"), val_str(""));
	v[n++] = vl(2, val_str(""), val_str("ab"));
	v[n++] = vl(2, val_null(), val_null());
	v[n++] = vl(3, val_null(), val_null(), val_null());
	v[n++] = vm(1, 1, "a", val_str("b"));
	v[n++] = vm(1, 1, "ab", val_str(""));
	v[n++] = vm(1, 1, "a", val_str("c"));
	v[n++] = vm(1, 1, "b", val_str("b"));
	v[n++] = vm(1, 2, "a", val_str("b"), "c", val_str("d"));
	v[n++] = vm(1, 2, "c", val_str("d"), "a", val_str("b"));
	v[n++] = vm(1, 1, "a", vl(1, val_str("b")));
	v[n++] = vm(1, 1, "a", vm(1, 1, "b", val_null()));
	v[n++] = vm(1, 1, "a", val_null());
	v[n++] = vm(1, 1, "a", val_bool(0));
	v[n++] = val_strn(big, 300);
	v[n++] = val_strn(big, 301);
	v[n++] = vl(2, val_strn(big, 300), val_str("x"));
	v[n++] = vl(2, val_strn(big, 301), val_str(""));
	v[n++] = val_strn(big, sizeof(big));
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (vh(v[i]) == vh(v[k])) {
				fprintf(stderr, "val_hash: trees %zu and %zu "
				    "hash alike\n", i, k);
				distinct = 0;
			}
	T_OK(distinct);
	/* A missing value is null; positions are not data. */
	T_OK(vh(NULL) == vh(v[0]));
	a = val_str("a");
	val_set_pos(a, 3, 4);
	T_OK(vh(a) == vh(v[11]));
	val_unref(a);
	for (i = 0; i < n; i++)
		val_unref(v[i]);

	/* Equal trees, one owning its keys; long ones cross blocks. */
	a = val_list();
	b = val_list();
	for (i = 0; i < 500; i++) {
		val_list_push(a, vm(0, 2, "title", val_str("Tin"), "n",
		    val_num((double)i)));
		val_list_push(b, vm(1, 2, "title", val_str("Tin"), "n",
		    val_num((double)i)));
		if (i % 97 == 0) {
			val_list_push(a, val_strn(big, i + 200));
			val_list_push(b, val_strn(big, i + 200));
		}
	}
	T_OK(vh(a) == vh(b));
	val_list_push(b, val_null());
	T_OK(vh(a) != vh(b));
	val_unref(a);
	val_unref(b);
}

static void
test_escape(void)
{
	struct buf	 b = BUF_INIT;

	escape_html(&b, "<a href=\"x\">Tom & Jerry's</a>", 29);
	T_STREQ(buf_cstr(&b),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	buf_reset(&b);
	escape_url(&b, "tin-tuc/a b/ảnh.png?x=1&y=2", strlen(
	    "tin-tuc/a b/ảnh.png?x=1&y=2"));
	T_STREQ(buf_cstr(&b), "tin-tuc/a%20b/%E1%BA%A3nh.png?x=1&amp;y=2");
	buf_reset(&b);
	escape_url(&b, "\"><script>", 10);
	T_STREQ(buf_cstr(&b), "%22%3E%3Cscript%3E");
	T_OK(!url_is_safe("javascript:alert(1)"));
	T_OK(!url_is_safe("JaVaScRiPt:alert(1)"));
	T_OK(!url_is_safe("vbscript:x"));
	T_OK(!url_is_safe("data:text/html,<script>"));
	T_OK(url_is_safe("data:image/png;base64,AAAA"));
	T_OK(url_is_safe("https://dichvucong.gov.vn/"));
	T_OK(url_is_safe("../a.md#javascript:x"));
	T_OK(url_is_safe("mailto:vanphong@example.gov.vn"));
	buf_free(&b);
}

static void
test_diag(void)
{
	struct diag	 a, b;
	struct buf	 out = BUF_INIT;

	diag_init(&a);
	diag_init(&b);
	diag_err(&a, "content/a.md", 3, 7, "ngày “%s” không hợp lệ", "x");
	diag_warn(&b, "site.yaml", 2, 0, "khóa lạ");
	diag_warn(&b, NULL, 0, 0, "chung");
	T_INTEQ(a.errors, 1);
	T_INTEQ(b.warnings, 2);
	diag_format(&a.msgs[0], &out);
	T_STREQ(buf_cstr(&out),
	    "content/a.md:3:7: lỗi: ngày “x” không hợp lệ");
	buf_reset(&out);
	diag_format(&b.msgs[0], &out);
	T_STREQ(buf_cstr(&out), "site.yaml:2: cảnh báo: khóa lạ");
	buf_reset(&out);
	diag_format(&b.msgs[1], &out);
	T_STREQ(buf_cstr(&out), "cchc: cảnh báo: chung");
	diag_move(&a, &b);
	T_INTEQ(a.len, 3);
	T_INTEQ(a.warnings, 2);
	T_INTEQ(b.len, 0);
	diag_free(&a);
	diag_free(&b);
	buf_free(&out);
}

static void
norm_is(const char *in, const char *want)
{
	char	*got = fs_normalize(in);

	if (want == NULL)
		T_OK(got == NULL);
	else
		T_STREQ(got, want);
	free(got);
}

static void
test_paths(void)
{
	char	*s;

	norm_is("content/tin-tuc/../../plans/a.md", "plans/a.md");
	norm_is("content/./tin-tuc//a.png", "content/tin-tuc/a.png");
	norm_is("content/../../etc/passwd", NULL);
	norm_is("../x", NULL);
	norm_is("/etc/passwd", NULL);
	norm_is("a/b/..", "a");
	s = fs_join("content/tin-tuc", "a.md");
	T_STREQ(s, "content/tin-tuc/a.md");
	free(s);
	s = fs_join("", "a.md");
	T_STREQ(s, "a.md");
	free(s);
	s = fs_dirname("content/tin-tuc/a.md");
	T_STREQ(s, "content/tin-tuc");
	free(s);
	s = fs_dirname("a.md");
	T_STREQ(s, "");
	free(s);
	s = model_root_prefix("");
	T_STREQ(s, "./");
	free(s);
	s = model_root_prefix("tin-tuc/a/");
	T_STREQ(s, "../../");
	free(s);
	T_OK(model_title_cmp("Đề án", "Dự án") < 0);
	T_OK(model_title_cmp("cấp giấy", "Cấp giấy") != 0);
	T_OK(model_title_cmp("An", "Ấn") < 0 || model_title_cmp("An", "Ấn") > 0);
}

static atomic_int hits[1000];

static void
count(void *arg, size_t i)
{
	(void)arg;
	atomic_fetch_add(&hits[i], 1);
}

static void
test_pool(void)
{
	size_t	 i;
	int	 once = 1;

	pool_run(1000, 4, count, NULL);
	pool_run(1000, 1, count, NULL);
	for (i = 0; i < 1000; i++)
		if (atomic_load(&hits[i]) != 2)
			once = 0;
	T_OK(once);
	T_OK(pool_ncpu() >= 1);
}

int
main(void)
{
	test_buf();
	test_value();
	test_value_num();
	test_value_map();
	test_value_hash();
	test_escape();
	test_diag();
	test_paths();
	test_pool();
	return t_done("core");
}
