/*
 * test_escape.c - each output context's escaping (escape.h): HTML text,
 * attribute values and URLs in href/src, on quotes, ampersands, markup
 * and non-ASCII text.
 */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "t.h"

typedef void escape_fn(struct buf *, const char *, size_t);

/* Escapes all of `in` with `fn` after a prefix that must stay as it is. */
static void
esc_is(escape_fn *fn, const char *in, const char *want)
{
	struct buf	 b = BUF_INIT;
	char		 w[512];

	buf_puts(&b, "[");
	fn(&b, in, strlen(in));
	snprintf(w, sizeof(w), "[%s", want);
	T_STREQ(buf_cstr(&b), w);
	buf_free(&b);
}

static void
test_html(void)
{
	esc_is(escape_html, "", "");
	esc_is(escape_html, "Sở Nội vụ", "Sở Nội vụ");
	esc_is(escape_html, "&", "&amp;");
	esc_is(escape_html, "&amp;", "&amp;amp;");	/* no double-escape check */
	esc_is(escape_html, "<b>", "&lt;b&gt;");
	esc_is(escape_html, "\"'", "&quot;&#39;");
	esc_is(escape_html, "Quyết định “số 1” & ‘2’",
	    "Quyết định “số 1” &amp; ‘2’");
	esc_is(escape_html, "a/b?c=d#e %20 `x` =", "a/b?c=d#e %20 `x` =");
	esc_is(escape_html, "x<", "x&lt;");		/* last byte */
	esc_is(escape_html, "<x", "&lt;x");		/* first byte */
}

static void
test_len(void)
{
	struct buf	 b = BUF_INIT;

	/* Only n bytes are read: a NUL or text beyond them is not. */
	escape_html(&b, "a&b<c", 3);
	T_STREQ(buf_cstr(&b), "a&amp;b");
	buf_reset(&b);
	escape_attr(&b, "x\0\"y", 4);
	T_INTEQ(b.len, 9);
	T_OK(memcmp(b.data, "x\0&quot;y", 9) == 0);
	buf_reset(&b);
	escape_url(&b, "a b", 1);
	T_STREQ(buf_cstr(&b), "a");
	buf_free(&b);
}

static void
test_attr(void)
{
	esc_is(escape_attr, "Tom & Jerry's \"x\" <y>",
	    "Tom &amp; Jerry&#39;s &quot;x&quot; &lt;y&gt;");
	esc_is(escape_attr, "Ủy ban nhân dân", "Ủy ban nhân dân");
	esc_is(escape_attr, " onmouseover=x", " onmouseover=x");
}

static void
test_url(void)
{
	/* Reserved characters stay; & and ' become entities. */
	esc_is(escape_url, "https://a.gov.vn/x?y=1&z=2#k",
	    "https://a.gov.vn/x?y=1&amp;z=2#k");
	esc_is(escape_url, "it's", "it&#39;s");
	esc_is(escape_url, "a:b/c;d@e!f$g(h)*i+j,k=l[m]", "a:b/c;d@e!f$g(h)*i+j,k=l[m]");
	/* Spaces, quotes, markup, controls and non-ASCII are percent-encoded. */
	esc_is(escape_url, "a b", "a%20b");
	esc_is(escape_url, "\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D");
	esc_is(escape_url, "\t\n\x7f", "%09%0A%7F");
	esc_is(escape_url, "tài-liệu/đ.pdf", "t%C3%A0i-li%E1%BB%87u/%C4%91.pdf");
	/* An existing escape and a stray % are left alone in this context. */
	esc_is(escape_url, "a%20b%zz%", "a%20b%zz%");
	esc_is(escape_url, "", "");
}

static void
test_csv(void)
{
	struct buf	 b = BUF_INIT;

	escape_csv(&b, "Sở A", 0);
	escape_csv(&b, NULL, 0);
	escape_csv(&b, "a,b", 0);
	escape_csv(&b, "nói \"được\"", 0);
	escape_csv(&b, "hai\ndòng", 1);
	T_STREQ(buf_cstr(&b), "Sở A,,\"a,b\",\"nói \"\"được\"\"\",\"hai\ndòng\"\r\n");
	buf_free(&b);
}

int
main(void)
{
	test_csv();
	test_html();
	test_len();
	test_attr();
	test_url();
	return t_done("escape");
}
