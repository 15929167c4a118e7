/*
 * test_mustache.c - generator/mustache.c beyond the official spec: HTML
 * escaping, error messages and their positions, missing partials, theme
 * inheritance, the depth limit, dotted names, big lists, threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"
#include "t.h"

#define LAYOUT	"themes/default/layouts/post.mustache"

/* Compiles src alone; returns the first message, formatted, or "". */
static char *
compile_msg(const char *file, const char *src, int *rc)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct buf	 b = BUF_INIT;

	diag_init(&d);
	*rc = mus_set_add(set, "t", file, src, strlen(src), &d);
	if (d.len > 0)
		diag_format(&d.msgs[0], &b);
	if (*rc == -1 && mus_set_has(set, "t"))
		buf_puts(&b, " (BUG: a failed template was added)");
	diag_free(&d);
	mus_set_free(set);
	return buf_detach(&b);
}

/* Checks that src fails to compile with exactly the message want. */
static void
check_error(const char *src, const char *want)
{
	char	*msg;
	int	 rc;

	msg = compile_msg(LAYOUT, src, &rc);
	T_INTEQ(rc, -1);
	T_STREQ(msg, want);
	free(msg);
}

/* Renders `name` with one context frame; returns NULL on failure. */
static char *
render(const struct mus_set *set, const char *name, struct val *ctx,
    struct diag *d)
{
	struct buf	 out = BUF_INIT;

	if (mus_render(set, name, &ctx, ctx != NULL, &out, d) == -1) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* One template, one context, no partials. */
static char *
render1(const char *src, struct val *ctx)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	char		*s = NULL;

	diag_init(&d);
	if (mus_set_add(set, "t", "t.mustache", src, strlen(src), &d) == 0)
		s = render(set, "t", ctx, &d);
	diag_free(&d);
	mus_set_free(set);
	return s;
}

static void
check_render(const char *src, struct val *ctx, const char *want)
{
	char	*got = render1(src, ctx);

	T_STREQ(got, want);
	free(got);
}

static void
test_escaping(void)
{
	struct val	*ctx = val_map();

	val_map_set_str(ctx, "x", "a & b < c > d \" e ' f");
	val_map_set_str(ctx, "vi", "Thủ tục <hành chính>");
	check_render("{{x}}", ctx,
	    "a &amp; b &lt; c &gt; d &quot; e &#39; f");
	check_render("{{{x}}}|{{&x}}|{{& x }}", ctx,
	    "a & b < c > d \" e ' f|a & b < c > d \" e ' f|"
	    "a & b < c > d \" e ' f");
	/* UTF-8 passes through untouched. */
	check_render("<p>{{vi}}</p>", ctx,
	    "<p>Thủ tục &lt;hành chính&gt;</p>");
	/* Template text itself is never escaped. */
	check_render("<a href=\"x\">'&'</a>", ctx, "<a href=\"x\">'&'</a>");
	val_unref(ctx);
}

static void
test_errors(void)
{
	char	*msg;
	int	 rc;

	/* The brief's example: line 12, column 5. */
	check_error("<html>\n\n\n\n\n\n\n\n\n\n\n    {{#tags}}\n<li>{{name}}</li>\n",
	    LAYOUT ":12:5: lỗi: mục {{#tags}} chưa được đóng; thêm {{/tags}}");
	/* Innermost unclosed first; inverted, blocks and parents too. */
	check_error("{{#a}}\n  {{^b}}x\n{{/a}}",
	    LAYOUT ":3:1: lỗi: thẻ đóng {{/a}} không khớp với mục đảo {{^b}} "
	    "mở ở dòng 2, cột 3; đóng mục đảo đó bằng {{/b}} trước, hoặc "
	    "sửa lại tên");
	check_error("{{<base}}\n{{$main}}\n",
	    LAYOUT ":2:1: lỗi: khối {{$main}} chưa được đóng; thêm {{/main}}");
	check_error("{{<base}}\n",
	    LAYOUT ":1:1: lỗi: thẻ kế thừa {{<base}} chưa được đóng; "
	    "thêm {{/base}}");
	/* Mismatched close, typo kind. */
	check_error("<ul>\n{{#tags}}<li>{{name}}</li>{{/tag}}\n</ul>\n",
	    LAYOUT ":2:27: lỗi: thẻ đóng {{/tag}} không khớp với mục {{#tags}} "
	    "mở ở dòng 2, cột 1; đóng mục đó bằng {{/tags}} trước, hoặc sửa "
	    "lại tên");
	/* A close with nothing open. */
	check_error("a\n b {{/page}}",
	    LAYOUT ":2:4: lỗi: thẻ đóng {{/page}} không đóng mục nào; xoá thẻ "
	    "này, hoặc mở mục bằng {{#page}} ở phía trước");
	/* Unclosed tags: at the end, and followed by another tag. */
	check_error("<title>\n  {{page.title\n</title>\n",
	    LAYOUT ":2:3: lỗi: thẻ {{page.title chưa được đóng; thêm }} vào "
	    "cuối thẻ");
	check_error("<p>{{page.title </p><p>{{site.title}}</p>",
	    LAYOUT ":1:4: lỗi: thẻ {{page.title chưa được đóng; thêm }} vào "
	    "cuối thẻ");
	check_error("x {{{page.content}}",
	    LAYOUT ":1:3: lỗi: thẻ {{{page.content}} chưa được đóng; thêm }}} "
	    "vào cuối thẻ");
	/* Bad set-delimiter tags. */
	check_error("ok\n{{=<%%>=}}",
	    LAYOUT ":2:1: lỗi: thẻ đổi dấu phân cách {{=<%%>=}} không hợp lệ; "
	    "viết dạng {{=<% %>=}}: hai dấu mới cách nhau một khoảng trắng, "
	    "mỗi dấu không chứa khoảng trắng hay dấu \"=\"");
	check_error("{{=<% = %>=}}",
	    LAYOUT ":1:1: lỗi: thẻ đổi dấu phân cách {{=<% = %>=}} không hợp "
	    "lệ; viết dạng {{=<% %>=}}: hai dấu mới cách nhau một khoảng "
	    "trắng, mỗi dấu không chứa khoảng trắng hay dấu \"=\"");
	/* Messages use the delimiters in force. */
	check_error("{{=<% %>=}}\n<%#items%>",
	    LAYOUT ":2:1: lỗi: mục <%#items%> chưa được đóng; thêm <%/items%>");
	/* Names: empty, or with blanks. */
	check_error("{{#}}{{/}}",
	    LAYOUT ":1:1: lỗi: thẻ {{#}} thiếu tên; viết tên vào giữa thẻ, "
	    "ví dụ {{#page.title}}");
	check_error("<header>\n {{> }}",
	    LAYOUT ":2:2: lỗi: thẻ {{> }} thiếu tên; viết tên vào giữa thẻ, "
	    "ví dụ {{>header}}");
	check_error("{{page title}}",
	    LAYOUT ":1:1: lỗi: tên trong thẻ {{page title}} có khoảng trắng; "
	    "viết tên liền một khối, ví dụ page.date_display");
	/* Columns count characters, not bytes. */
	check_error("Tiếng Việt {{#x}}",
	    LAYOUT ":1:12: lỗi: mục {{#x}} chưa được đóng; thêm {{/x}}");
	/* Nesting is bounded. */
	{
		struct buf	 b = BUF_INIT;
		int		 i;

		for (i = 0; i < 101; i++)
			buf_puts(&b, "{{#a}}");
		msg = compile_msg(LAYOUT, buf_cstr(&b), &rc);
		T_INTEQ(rc, -1);
		T_STREQ(msg, LAYOUT ":1:601: lỗi: mục {{#a}} lồng quá 100 cấp; "
		    "tách bớt phần bên trong ra partial");
		free(msg);
		buf_free(&b);
	}
	/* A good template gives no message at all. */
	msg = compile_msg(LAYOUT, "{{#a}}{{b}}{{/a}}{{! {{not a tag }}", &rc);
	T_INTEQ(rc, 0);
	T_STREQ(msg, "");
	free(msg);
}

static void
test_missing_partial(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	char		*s;
	const char	*post = "<main>\n  {{>heder}}\n{{>footer}}</main>";

	diag_init(&d);
	T_INTEQ(mus_set_add(set, "post", LAYOUT, post, strlen(post), &d), 0);
	T_INTEQ(mus_set_add(set, "footer", "partials/footer.mustache",
	    "<footer>", 8, &d), 0);
	s = render(set, "post", NULL, &d);
	T_STREQ(s, "<main>\n<footer></main>");	/* the spec: empty */
	free(s);
	T_INTEQ(d.len, 0);	/* rendering itself stays quiet */

	T_INTEQ(mus_set_check(set, &d), 1);
	T_INTEQ(d.len, 1);
	T_INTEQ(d.warnings, 1);
	T_INTEQ(d.errors, 0);
	if (d.len > 0) {
		diag_format(&d.msgs[0], &b);
		T_STREQ(buf_cstr(&b), LAYOUT ":2:3: cảnh báo: partial {{>heder}} "
		    "không có trong giao diện nên chỗ này sẽ để trống; tạo tệp "
		    "partials/heder.mustache hoặc sửa lại tên");
	}
	/* Once the partial exists, nothing to report. */
	T_INTEQ(mus_set_add(set, "heder", "partials/heder.mustache",
	    "<h>\n", 4, &d), 0);
	T_INTEQ(mus_set_check(set, &d), 0);
	s = render(set, "post", NULL, &d);
	T_STREQ(s, "<main>\n  <h>\n<footer></main>");
	free(s);
	/* An unknown template is an error, not an empty page. */
	T_OK(render(set, "nope", NULL, &d) == NULL);
	T_INTEQ(d.errors, 1);
	buf_free(&b);
	diag_free(&d);
	mus_set_free(set);
}

static void
test_inheritance(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct val	*ctx = val_map(), *page = val_map();
	char		*s;
	const char	*base =
	    "<!doctype html>\n"
	    "<title>{{$title}}{{site.title}}{{/title}}</title>\n"
	    "<body>\n"
	    "  <main>\n"
	    "    {{$main}}\n"
	    "    <p>Chưa có nội dung.</p>\n"
	    "    {{/main}}\n"
	    "  </main>\n"
	    "  {{>footer}}\n"
	    "</body>\n";
	const char	*post =
	    "{{<base}}\n"
	    "{{$title}}{{page.title}} - {{site.title}}{{/title}}\n"
	    "{{$main}}\n"
	    "<article>\n"
	    "  <h1>{{page.title}}</h1>\n"
	    "</article>\n"
	    "{{/main}}\n"
	    "{{/base}}\n";
	const char	*page_tpl = "{{<base}}{{/base}}";
	const char	*article =
	    "{{<base}}\n"
	    "{{$title}}Bài viết{{/title}}\n"
	    "{{$main}}\n"
	    "<article>{{page.title}}</article>\n"
	    "{{/main}}\n"
	    "{{/base}}\n";
	const char	*post2 =
	    "{{<article}}{{$title}}Bài: {{page.title}}{{/title}}{{/article}}";
	const char	*footer = "<footer>\n  {{site.title}}\n</footer>\n";

	diag_init(&d);
	val_map_set_str(page, "title", "Kế hoạch CCHC 2025");
	val_map_set(ctx, "page", page);
	page = val_map();
	val_map_set_str(page, "title", "Sở KH&CN");
	val_map_set(ctx, "site", page);
	T_INTEQ(mus_set_add(set, "base", "partials/base.mustache", base,
	    strlen(base), &d), 0);
	T_INTEQ(mus_set_add(set, "footer", "partials/footer.mustache", footer,
	    strlen(footer), &d), 0);
	T_INTEQ(mus_set_add(set, "post", LAYOUT, post, strlen(post), &d), 0);
	T_INTEQ(mus_set_add(set, "page", "layouts/page.mustache", page_tpl,
	    strlen(page_tpl), &d), 0);
	T_INTEQ(mus_set_check(set, &d), 0);

	s = render(set, "post", ctx, &d);
	T_STREQ(s,
	    "<!doctype html>\n"
	    "<title>Kế hoạch CCHC 2025 - Sở KH&amp;CN</title>\n"
	    "<body>\n"
	    "  <main>\n"
	    "    <article>\n"
	    "      <h1>Kế hoạch CCHC 2025</h1>\n"
	    "    </article>\n"
	    "  </main>\n"
	    "  <footer>\n"
	    "    Sở KH&amp;CN\n"
	    "  </footer>\n"
	    "</body>\n");
	free(s);
	/* No overrides: both defaults. */
	s = render(set, "page", ctx, &d);
	T_STREQ(s,
	    "<!doctype html>\n"
	    "<title>Sở KH&amp;CN</title>\n"
	    "<body>\n"
	    "  <main>\n"
	    "    <p>Chưa có nội dung.</p>\n"
	    "  </main>\n"
	    "  <footer>\n"
	    "    Sở KH&amp;CN\n"
	    "  </footer>\n"
	    "</body>\n");
	free(s);
	T_INTEQ(d.len, 0);

	/*
	 * Two levels, as a theme does it: "post" extends "article", which
	 * extends "base".  The outermost override (post's title) wins over
	 * article's; article's main still applies.
	 */
	T_INTEQ(mus_set_add(set, "article", "partials/article.mustache",
	    article, strlen(article), &d), 0);
	T_INTEQ(mus_set_add(set, "post2", LAYOUT, post2, strlen(post2), &d),
	    0);
	s = render(set, "post2", ctx, &d);
	T_CONTAINS(s, "<title>Bài: Kế hoạch CCHC 2025</title>\n");
	T_CONTAINS(s, "  <main>\n    <article>Kế hoạch CCHC 2025</article>\n"
	    "  </main>\n");
	free(s);

	/* Adding a name twice replaces the template. */
	T_INTEQ(mus_set_add(set, "footer", "partials/footer.mustache",
	    "<f/>\n", 5, &d), 0);
	s = render(set, "page", ctx, &d);
	T_CONTAINS(s, "  </main>\n  <f/>\n</body>\n");
	free(s);
	val_unref(ctx);
	diag_free(&d);
	mus_set_free(set);
}

/* {name: "n", kids: [{name: "n", kids: [...]}]}, n nodes deep. */
static struct val *
node_chain(int n)
{
	struct val	*top = val_map(), *node = top, *kids;
	int		 i;

	for (i = 0; i < n; i++) {
		val_map_set_str(node, "name", "n");
		kids = val_list();
		val_map_set(node, "kids", kids);
		if (i + 1 < n) {
			val_list_push(kids, val_map());
			node = val_list_at(kids, 0);
		}
	}
	return top;
}

static void
test_depth_limit(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct buf	 out = BUF_INIT, b = BUF_INIT;
	struct val	*chain;
	const char	*loop = "x\n{{>loop}}";
	const char	*tree = "({{name}}{{#kids}}{{>tree}}{{/kids}})";
	const char	*self = "{{<b}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/b}}";
	char		*s, want[300] = "";
	int		 i;

	diag_init(&d);
	T_INTEQ(mus_set_add(set, "loop", "partials/loop.mustache", loop,
	    strlen(loop), &d), 0);
	buf_puts(&out, "before|");
	T_INTEQ(mus_render(set, "loop", NULL, 0, &out, &d), -1);
	T_STREQ(buf_cstr(&out), "before|");	/* no half page */
	T_INTEQ(d.errors, 1);
	if (d.len > 0) {
		diag_format(&d.msgs[0], &b);
		T_STREQ(buf_cstr(&b), "partials/loop.mustache:2:1: lỗi: partial "
		    "{{>loop}} lồng nhau quá 64 cấp: có lẽ nó tự gọi lại chính "
		    "mình (trực tiếp hoặc qua partial khác) mà không có điểm "
		    "dừng; đặt lời gọi trong một mục {{#...}} chỉ đúng khi còn "
		    "dữ liệu, hoặc bỏ lời gọi đó");
	}

	/* A block that overrides itself is caught the same way. */
	T_INTEQ(mus_set_add(set, "b", "b.mustache", "{{$a}}{{/a}}", 12, &d), 0);
	T_INTEQ(mus_set_add(set, "self", "self.mustache", self, strlen(self),
	    &d), 0);
	T_OK(render(set, "self", NULL, &d) == NULL);
	T_INTEQ(d.errors, 2);

	/*
	 * Recursion that ends is fine up to the limit exactly: a chain of
	 * 65 nodes rendered from "tree" nests 64 partials; 66 is too many.
	 */
	T_INTEQ(mus_set_add(set, "tree", "tree.mustache", tree, strlen(tree),
	    &d), 0);
	for (i = 0; i < 65; i++)
		strcat(want, "(n");
	for (i = 0; i < 65; i++)
		strcat(want, ")");
	chain = node_chain(65);
	s = render(set, "tree", chain, &d);
	T_STREQ(s, want);
	free(s);
	T_INTEQ(d.errors, 2);
	val_unref(chain);
	chain = node_chain(66);
	s = render(set, "tree", chain, &d);
	T_OK(s == NULL);
	free(s);
	T_INTEQ(d.errors, 3);
	val_unref(chain);

	buf_free(&b);
	buf_free(&out);
	diag_free(&d);
	mus_set_free(set);
}

/* A list of n maps {i: "<k>"}. */
static struct val *
list_of(int n)
{
	struct val	*l = val_list(), *m;
	char		 num[16];
	int		 i;

	for (i = 0; i < n; i++) {
		m = val_map();
		snprintf(num, sizeof(num), "%d", i);
		val_map_set_str(m, "i", num);
		val_list_push(l, m);
	}
	return l;
}

/*
 * Sections nested over the same list render it k^depth times: a theme
 * with {{#nav}} fifteen deep once made a build run for ever.  The work of
 * one render is bounded, and the error names the outermost section.
 */
static void
test_work_limit(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct buf	 src = BUF_INIT, out = BUF_INIT, b = BUF_INIT;
	struct val	*ctx = val_map();
	int		 i;

	diag_init(&d);
	val_map_set(ctx, "nav", list_of(10));
	buf_puts(&src, "<nav>\n  ");
	for (i = 0; i < 15; i++)
		buf_puts(&src, "{{#nav}}");
	buf_puts(&src, "x");
	for (i = 0; i < 15; i++)
		buf_puts(&src, "{{/nav}}");
	T_INTEQ(mus_set_add(set, "base", "layouts/base.mustache", src.data,
	    src.len, &d), 0);
	mus_set_limits(set, 100000, (size_t)1 << 20);
	buf_puts(&out, "before|");
	T_INTEQ(mus_render(set, "base", &ctx, 1, &out, &d), -1);
	T_STREQ(buf_cstr(&out), "before|");	/* no half page */
	T_INTEQ(d.errors, 1);
	if (d.len > 0) {
		diag_format(&d.msgs[0], &b);
		T_STREQ(buf_cstr(&b), "layouts/base.mustache:2:3: lỗi: mục "
		    "{{#nav}} làm trang quá lớn khi dựng (quá 100000 bước hoặc "
		    "1 MiB): các mục {{#...}} lồng nhau quá nhiều, mỗi tầng lặp "
		    "lại cả danh sách của tầng ngoài; hãy bớt các mục lồng nhau "
		    "trong mẫu");
	}

	/* Output counts too: few nodes, each writing a lot. */
	buf_reset(&src);
	buf_puts(&src, "{{#nav}}{{#nav}}");
	for (i = 0; i < 2000; i++)
		buf_putc(&src, 'y');
	buf_puts(&src, "{{/nav}}{{/nav}}");
	T_INTEQ(mus_set_add(set, "big", "layouts/big.mustache", src.data,
	    src.len, &d), 0);
	buf_reset(&out);
	T_INTEQ(mus_render(set, "big", &ctx, 1, &out, &d), 0);
	T_INTEQ(out.len, 100 * 2000);
	mus_set_limits(set, 100000, 100000);
	buf_reset(&out);
	T_INTEQ(mus_render(set, "big", &ctx, 1, &out, &d), -1);
	T_INTEQ(out.len, 0);
	T_INTEQ(d.errors, 2);
	mus_set_free(set);

	/* The default limits leave real pages alone: 3 deep over 100. */
	set = mus_set_new();
	val_map_set(ctx, "nav", list_of(100));
	buf_reset(&src);
	buf_puts(&src, "{{#nav}}{{#nav}}{{#nav}}{{i}}{{/nav}}{{/nav}}{{/nav}}");
	T_INTEQ(mus_set_add(set, "ok", "ok.mustache", src.data, src.len, &d),
	    0);
	buf_reset(&out);
	T_INTEQ(mus_render(set, "ok", &ctx, 1, &out, &d), 0);
	T_INTEQ(out.len, 100 * 100 * 190);
	T_INTEQ(d.errors, 2);

	val_unref(ctx);
	buf_free(&b);
	buf_free(&src);
	buf_free(&out);
	diag_free(&d);
	mus_set_free(set);
}

/*
 * A text token left empty once a block's body is dedented makes no node,
 * and its buffer is freed (it leaked: ASan and valgrind runs see it).
 */
static void
test_dedented_blank_text(void)
{
	const char	*src = "\n{{$breadcrumbs}}\n {{b}}\f{{/breadcrumbs}}";
	struct val	*ctx = val_map();

	val_map_set_str(ctx, "b", "B");
	check_render(src, ctx, "\n B\f");
	val_unref(ctx);
}

static void
test_dotted_names(void)
{
	struct val	*ctx = val_map(), *a = val_map(), *b = val_map();
	struct val	*outer = val_map();
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct buf	 out = BUF_INIT;
	struct val	*stack[2];
	const char	*src = "{{site.title}}|{{page.title}}";

	val_map_set_str(b, "c", "sâu");
	val_map_set(a, "b", b);
	val_map_set(ctx, "a", a);
	val_map_set_num(ctx, "n", 1.21);
	val_map_set_num(ctx, "k", 85);
	val_map_set_bool(ctx, "yes", 1);
	b = val_map();
	val_map_set_str(b, "c", "ERROR");
	val_map_set(ctx, "b", b);

	check_render("{{a.b.c}}", ctx, "sâu");
	check_render("{{#a.b}}{{c}}{{/a.b}}", ctx, "sâu");
	check_render("{{#a}}{{b.c}}{{/a}}", ctx, "sâu");
	/* Broken chains resolve to nothing, they do not climb the stack. */
	check_render("[{{a.x.c}}][{{a.b.x}}][{{#a}}{{b.x}}{{/a}}]", ctx,
	    "[][][]");
	check_render("{{^a.x}}không có{{/a.x}}", ctx, "không có");
	check_render("{{n}} {{k}} {{yes}}", ctx, "1.21 85 true");
	check_render("{{#a}}{{#b}}{{.}}{{/b}}{{/a}}", ctx, "");
	val_unref(ctx);

	/* ctx[0] is outermost: the innermost frame wins. */
	diag_init(&d);
	T_INTEQ(mus_set_add(set, "t", "t", src, strlen(src), &d), 0);
	a = val_map();
	val_map_set_str(a, "title", "Trang");
	val_map_set(outer, "page", a);
	a = val_map();
	val_map_set_str(a, "title", "Sở");
	val_map_set(outer, "site", a);
	ctx = val_map();
	a = val_map();
	val_map_set_str(a, "title", "Trong");
	val_map_set(ctx, "page", a);
	stack[0] = outer;
	stack[1] = ctx;
	T_INTEQ(mus_render(set, "t", stack, 2, &out, &d), 0);
	T_STREQ(buf_cstr(&out), "Sở|Trong");
	buf_free(&out);
	val_unref(ctx);
	val_unref(outer);
	diag_free(&d);
	mus_set_free(set);
}

static void
test_big_list(void)
{
	struct val	*ctx = val_map(), *items = val_list(), *it;
	struct buf	 want = BUF_INIT, src = BUF_INIT;
	char		*got;
	int		 i;

	for (i = 0; i < 10000; i++) {
		it = val_map();
		val_map_set_num(it, "n", i);
		val_map_set_str(it, "t", i % 2 ? "lẻ" : "<chẵn>");
		val_list_push(items, it);
		buf_printf(&want, "  <li>%d %s</li>\n", i,
		    i % 2 ? "lẻ" : "&lt;chẵn&gt;");
	}
	val_map_set(ctx, "items", items);
	got = render1("{{#items}}\n  <li>{{n}} {{t}}</li>\n{{/items}}\n", ctx);
	/* Not T_STREQ: a failure would print half a megabyte. */
	T_OK(got != NULL && strlen(got) == want.len);
	T_OK(got != NULL && strcmp(got, buf_cstr(&want)) == 0);
	T_OK(got != NULL && strncmp(got, "  <li>0 &lt;chẵn&gt;</li>\n"
	    "  <li>1 lẻ</li>\n", 38) == 0);
	T_OK(got != NULL && strstr(got, "  <li>9999 lẻ</li>\n") ==
	    got + want.len - strlen("  <li>9999 lẻ</li>\n"));
	free(got);

	/* A long template: 60,000 tags on a single line. */
	it = val_map();
	val_map_set_num(it, "n", 7);
	val_map_set(ctx, "one", it);
	buf_reset(&want);
	for (i = 0; i < 20000; i++) {
		buf_puts(&src, "{{#one}}{{n}}{{/one}}-");
		buf_puts(&want, "7-");
	}
	got = render1(buf_cstr(&src), ctx);
	T_OK(got != NULL && strcmp(got, buf_cstr(&want)) == 0);
	free(got);
	val_unref(ctx);
	buf_free(&want);
	buf_free(&src);
}

static void
test_indentation(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct val	*ctx = val_map(), *list = val_list();
	char		*s;
	const char	*layout =
	    "<ul>\n"
	    "  {{#items}}\n"
	    "  {{>item}}\n"
	    "  {{/items}}\n"
	    "</ul>\n";
	const char	*item = "<li>\n  {{{.}}}\n{{{.}}}!\n</li>\n";

	diag_init(&d);
	val_list_push(list, val_str("a\nb"));
	val_list_push(list, val_str("c"));
	val_map_set(ctx, "items", list);
	T_INTEQ(mus_set_add(set, "l", "l", layout, strlen(layout), &d), 0);
	T_INTEQ(mus_set_add(set, "item", "item", item, strlen(item), &d), 0);
	s = render(set, "l", ctx, &d);
	/*
	 * Lines of the partial are indented, also when a tag starts them;
	 * lines inside values are not.
	 */
	T_STREQ(s, "<ul>\n  <li>\n    a\nb\n  a\nb!\n  </li>\n"
	    "  <li>\n    c\n  c!\n  </li>\n</ul>\n");
	free(s);
	val_unref(ctx);
	diag_free(&d);
	mus_set_free(set);
}

struct job {
	const struct mus_set	*set;
	struct val		*ctx;
	const char		*want;
	int			 bad;
};

static void *
worker(void *arg)
{
	struct job	*j = arg;
	struct diag	 d;
	char		*s;
	int		 i;

	diag_init(&d);
	for (i = 0; i < 200; i++) {
		s = render(j->set, "page", j->ctx, &d);
		if (s == NULL || strcmp(s, j->want) != 0)
			j->bad++;
		free(s);
	}
	diag_free(&d);
	return NULL;
}

/* The set is read-only once built: several threads render at once. */
static void
test_threads(void)
{
	struct mus_set	*set = mus_set_new();
	struct diag	 d;
	struct job	 jobs[4];
	pthread_t	 th[4];
	struct val	*ctx[4], *list;
	struct buf	 want[4];
	const char	*base = "<h1>{{$t}}{{/t}}</h1>\n  {{>list}}\n";
	const char	*page = "{{<base}}{{$t}}{{title}}{{/t}}{{/base}}";
	const char	*lst = "{{#xs}}\n<i>{{.}}</i>\n{{/xs}}\n";
	int		 i, k, started[4];

	diag_init(&d);
	T_INTEQ(mus_set_add(set, "base", "base", base, strlen(base), &d), 0);
	T_INTEQ(mus_set_add(set, "page", "page", page, strlen(page), &d), 0);
	T_INTEQ(mus_set_add(set, "list", "list", lst, strlen(lst), &d), 0);
	for (i = 0; i < 4; i++) {
		ctx[i] = val_map();
		val_map_set_num(ctx[i], "title", i);
		list = val_list();
		buf_init(&want[i]);
		buf_printf(&want[i], "<h1>%d</h1>\n", i);
		for (k = 0; k < 50 * (i + 1); k++) {
			val_list_push(list, val_num(k * 10 + i));
			buf_printf(&want[i], "  <i>%d</i>\n", k * 10 + i);
		}
		val_map_set(ctx[i], "xs", list);
		jobs[i].set = set;
		jobs[i].ctx = ctx[i];
		jobs[i].want = buf_cstr(&want[i]);
		jobs[i].bad = 0;
		started[i] = pthread_create(&th[i], NULL, worker, &jobs[i]) == 0;
		T_OK(started[i]);
	}
	for (i = 0; i < 4; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		T_INTEQ(jobs[i].bad, 0);
		val_unref(ctx[i]);
		buf_free(&want[i]);
	}
	diag_free(&d);
	mus_set_free(set);
}

int
main(void)
{
	test_escaping();
	test_errors();
	test_missing_partial();
	test_inheritance();
	test_depth_limit();
	test_work_limit();
	test_dedented_blank_text();
	test_dotted_names();
	test_big_list();
	test_indentation();
	test_threads();
	return t_done("mustache");
}
