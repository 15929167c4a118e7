/*
 * test_markdown.c - md_render: GFM extensions, raw HTML policy, heading
 * ids and toc, link resolution and its positions, first paragraph,
 * concurrent use.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "util.h"
#include "t.h"

/* What the test resolver was asked. */
struct call {
	char	*dest;
	int	 is_image, line, col;
};

struct resolver {
	struct call	 calls[32];
	size_t		 ncalls;
};

/*
 * "x.md[#f]" -> "/site/x/[#f]"; anything else gets "/site/" in front;
 * a destination containing "khong-co" is an error.
 */
static int
test_resolve(void *arg, const char *dest, int is_image, int line, int col,
    struct md_target *t, struct diag *d)
{
	struct buf	*out = t->url;
	struct resolver	*r = arg;
	const char	*hash, *md;
	size_t		 n;

	if (r->ncalls < sizeof(r->calls) / sizeof(r->calls[0])) {
		r->calls[r->ncalls].dest = xstrdup(dest);
		r->calls[r->ncalls].is_image = is_image;
		r->calls[r->ncalls].line = line;
		r->calls[r->ncalls].col = col;
		r->ncalls++;
	}
	if (strstr(dest, "khong-co") != NULL) {
		diag_err(d, "content/a.md", line, col,
		    "không tìm thấy \"%s\"; hãy sửa đường dẫn", dest);
		return -1;
	}
	hash = strchr(dest, '#');
	n = hash != NULL ? (size_t)(hash - dest) : strlen(dest);
	md = n >= 3 && strncmp(dest + n - 3, ".md", 3) == 0 ? dest + n - 3 : NULL;
	buf_puts(out, dest[0] == '/' ? "/site" : "/site/");
	if (md != NULL) {
		buf_put(out, dest, (size_t)(md - dest));
		buf_putc(out, '/');
	} else
		buf_put(out, dest, n);
	if (hash != NULL)
		buf_puts(out, hash);
	return 0;
}

static void
resolver_free(struct resolver *r)
{
	size_t	 i;

	for (i = 0; i < r->ncalls; i++)
		free(r->calls[i].dest);
	r->ncalls = 0;
}

/*
 * Renders with the given options; returns md_render's status.  No check
 * of t.h here, so that test_threads() may call it on its threads: the
 * caller checks the recorded length (the index reads the body by it).
 */
static int
render_of(const char *src, int unsafe, struct resolver *rs,
    int first_line, struct md_result *res, struct diag *d)
{
	struct md_opts	 o;

	memset(&o, 0, sizeof(o));	/* no cross-references */
	o.unsafe = unsafe;
	o.resolve = rs != NULL ? test_resolve : NULL;
	o.resolve_arg = rs;
	return md_render("content/a.md", src, strlen(src), first_line, &o,
	    res, d);
}

/* render_of(), its recorded length checked (on the main thread). */
static int
render(const char *src, int unsafe, struct resolver *rs, int first_line,
    struct md_result *res, struct diag *d)
{
	int	 rc = render_of(src, unsafe, rs, first_line, res, d);

	T_INTEQ((long)res->html_len, (long)strlen(res->html));
	return rc;
}

/* Renders with defaults and returns the HTML (caller frees). */
static char *
html_of(const char *src, int unsafe)
{
	struct md_result res;
	struct diag	 d;
	char		*h;

	diag_init(&d);
	render(src, unsafe, NULL, 1, &res, &d);
	h = xstrdup(res.html);
	md_result_free(&res);
	diag_free(&d);
	return h;
}

static int
contains_ci(const char *hay, const char *needle)
{
	size_t	 i, j;

	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; needle[j] != '\0' && hay[i + j] != '\0'; j++)
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (needle[j] == '\0')
			return 1;
	}
	return 0;
}

static void
test_extensions(void)
{
	char	*h;

	h = html_of("| Trái | Giữa | Phải |\n|:---|:---:|---:|\n| a | b | c |\n", 0);
	T_CONTAINS(h, "<th style=\"text-align: left\">Trái</th>");
	T_CONTAINS(h, "<th style=\"text-align: center\">Giữa</th>");
	T_CONTAINS(h, "<td style=\"text-align: right\">c</td>");
	T_OK(strstr(h, " align=") == NULL);
	free(h);

	h = html_of("~~bỏ~~ giữ\n", 0);
	T_CONTAINS(h, "<del>bỏ</del> giữ");
	free(h);

	h = html_of("Xem www.chinhphu.vn hoặc https://dichvucong.gov.vn/p.\n", 0);
	T_CONTAINS(h, "<a href=\"http://www.chinhphu.vn\">www.chinhphu.vn</a>");
	T_CONTAINS(h, "<a href=\"https://dichvucong.gov.vn/p\">https://dichvucong.gov.vn/p</a>.");
	free(h);

	h = html_of("- [ ] Lập kế hoạch\n- [x] Báo cáo\n", 0);
	T_CONTAINS(h, "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Hoàn thành\" /> Lập kế hoạch</li>");
	T_CONTAINS(h, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Hoàn thành\" /> Báo cáo</li>");
	free(h);

	h = html_of("Có chú thích[^1].\n\n[^1]: Nội dung chú thích.\n", 0);
	T_CONTAINS(h, "<section class=\"footnotes\"");
	T_CONTAINS(h, "href=\"#fn-1\"");
	T_CONTAINS(h, "aria-label=\"Quay lại nội dung\"");
	T_OK(strstr(h, "Back to content") == NULL);
	free(h);

	/* Several fixups of each kind, interleaved: all are replaced. */
	h = html_of("- [x] a\n- [ ] b\n- [x] c\n\nX[^1] y[^2] z[^1].\n\n"
	    "- [ ] d\n\n[^1]: một.\n[^2]: hai.\n", 0);
	T_OK(strstr(h, "Back to content") == NULL);
	T_OK(strstr(h, "disabled=\"\" />") == NULL);
	{
		const char	*q;
		int		 n = 0;

		for (q = h; (q = strstr(q, "aria-label=\"Hoàn thành\"")) != NULL;
		    q++)
			n++;
		T_INTEQ(n, 4);
		for (n = 0, q = h; (q = strstr(q, "Quay lại nội dung")) != NULL;
		    q++)
			n++;
		T_OK(n >= 2);
	}
	free(h);

	/* tagfilter: with unsafe=1 raw HTML passes, but not these tags. */
	h = html_of("<div class=\"ghi-chu\">giữ</div>\n\na <script>x()</script> b\n\n"
	    "<iframe src=\"https://x.y/\"></iframe>\n", 1);
	T_CONTAINS(h, "<div class=\"ghi-chu\">giữ</div>");
	T_CONTAINS(h, "a &lt;script>x()&lt;/script> b");
	T_CONTAINS(h, "&lt;iframe src=");
	T_OK(strstr(h, "<script") == NULL);
	T_OK(strstr(h, "<iframe") == NULL);
	free(h);
}

/* Occurrences of needle in hay. */
static int
count_of(const char *hay, const char *needle)
{
	const char	*q;
	int		 n = 0;

	for (q = hay; (q = strstr(q, needle)) != NULL; q += strlen(needle))
		n++;
	return n;
}

/*
 * Footnotes come out byte for byte the same with every cmark-gfm: gfm.6
 * (Debian 12) labels back-links aria-label="Back to content", gfm.13
 * (Debian 13) data-footnote-backref-idx="1-2" aria-label="Back to
 * reference 1-2"; md_render writes its own Vietnamese label over either.
 */
static void
test_footnotes(void)
{
	static const char src[] =
	    "Có chú thích[^1] và[^a] lại[^1].\n\n[^1]: Một.\n[^a]: Hai **đậm**.\n";
	static const char want[] =
	    "<p>Có chú thích<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>"
	    " và<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\" data-footnote-ref>2</a></sup>"
	    " lại<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\" data-footnote-ref>1</a></sup>.</p>\n"
	    "<section class=\"footnotes\" data-footnotes>\n"
	    "<ol>\n"
	    "<li id=\"fn-1\">\n"
	    "<p>Một. <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩</a>"
	    " <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩<sup class=\"footnote-ref\">2</sup></a></p>\n"
	    "</li>\n"
	    "<li id=\"fn-a\">\n"
	    "<p>Hai <strong>đậm</strong>. <a href=\"#fnref-a\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩</a></p>\n"
	    "</li>\n"
	    "</ol>\n"
	    "</section>\n";
	char	*h;

	h = html_of(src, 0);
	T_STREQ(h, want);
	T_INTEQ(count_of(h, "class=\"footnote-backref\""), 3);
	T_INTEQ(count_of(h, "aria-label=\"Quay lại nội dung\""), 3);
	T_OK(strstr(h, "Back to") == NULL);
	T_OK(strstr(h, "data-footnote-backref-idx") == NULL);
	free(h);

	/*
	 * Both versions' markup, whichever library this runs with: raw HTML
	 * (kept with unsafe) goes through the same rewrite as cmark-gfm's own.
	 */
	h = html_of("a <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a>"
	    " b <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1-2\" aria-label=\"Back to reference 1-2\">↩<sup class=\"footnote-ref\">2</sup></a>"
	    " c <a href=\"#fnref-x\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"3\" aria-label=\"Back to reference 3\">↩</a>\n", 1);
	T_STREQ(h, "<p>a <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩</a>"
	    " b <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩<sup class=\"footnote-ref\">2</sup></a>"
	    " c <a href=\"#fnref-x\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Quay lại nội dung\">↩</a></p>\n");
	free(h);
	/* The text itself can never look like one: '"' is escaped there. */
	h = html_of("x\" class=\"footnote-backref\" data-footnote-backref y>\n", 0);
	T_STREQ(h, "<p>x&quot; class=&quot;footnote-backref&quot; data-footnote-backref y&gt;</p>\n");
	free(h);
}

/* gfm.6 writes <strong><strong>x</strong></strong>, gfm.13 one: always one. */
static void
test_strong(void)
{
	char	*h;

	h = html_of("**a **b** c** ____d____ *__e__* **f *__g__* h** ******i******\n", 0);
	T_STREQ(h, "<p><strong>a b c</strong> <strong>d</strong> <em><strong>e</strong></em>"
	    " <strong>f <em><strong>g</strong></em> h</strong> <strong>i</strong></p>\n");
	free(h);
	/* Inside an image's alt text, which then becomes text. */
	h = html_of("![**a **b****]() ![____c____](x.png)\n", 0);
	T_STREQ(h, "<p>a b <img src=\"x.png\" alt=\"c\" /></p>\n");
	free(h);
}

/*
 * Where the cmark-gfm parsers themselves differ, md_render leaves it:
 * each case holds what 0.29.0.gfm.6 (Debian 12) and 0.29.0.gfm.13 (Debian
 * 13) give, and why the later is right.  With either of these the output
 * must be exactly its own; with any other version one of the two.
 */
static void
test_cmark_versions(void)
{
	static const struct {
		const char	*src;
		int		 unsafe;
		const char	*gfm6, *gfm13;
	} cases[] = {
		/*
		 * CommonMark 0.31's HTML comments: "<!-->", "<!--->"
		 * and comments with "--" inside are comments, dropped like
		 * all raw HTML; gfm.6 showed them as text.
		 */
		{ "foo <!-- a -- b --> bar <!--> c\n", 0,
		  "<p>foo &lt;!-- a -- b --&gt; bar &lt;!--&gt; c</p>\n",
		  "<p>foo  bar  c</p>\n" },
		{ "foo <!-- a -- b --> bar\n", 1,
		  "<p>foo &lt;!-- a -- b --&gt; bar</p>\n",
		  "<p>foo <!-- a -- b --> bar</p>\n" },
		/*
		 * <textarea> starts an HTML block that runs to </textarea>,
		 * blank lines included (CommonMark 0.31, like <pre>): all of
		 * it is raw HTML, dropped; gfm.6 ended the block at the blank
		 * line and showed "x" as a paragraph.
		 */
		{ "a\n\n<textarea>\n\nx\n\n</textarea>\n", 0,
		  "<p>a</p>\n<p>x</p>\n",
		  "<p>a</p>\n" },
		/*
		 * Autolinks: a backslash escape is not part of a domain (gfm.6
		 * linked "http://www.a%5C_b.vn", a host that does not exist);
		 * underscores in the last two labels stop a link, except in
		 * domains of more than 10 labels (gfm.7, against quadratic
		 * time).
		 */
		{ "www.a\\_b.vn\n", 0,
		  "<p><a href=\"http://www.a%5C_b.vn\">www.a\\_b.vn</a></p>\n",
		  "<p>www.a_b.vn</p>\n" },
		{ "www.a.b.c.d.e.f.g.h.i.j.k.l_m.vn\n", 0,
		  "<p>www.a.b.c.d.e.f.g.h.i.j.k.l_m.vn</p>\n",
		  "<p><a href=\"http://www.a.b.c.d.e.f.g.h.i.j.k.l_m.vn\">www.a.b.c.d.e.f.g.h.i.j.k.l_m.vn</a></p>\n" },
		/*
		 * A paragraph whose header and delimiter rows do not match is
		 * not tried as a table again (a guard against quadratic time),
		 * so a table right under it, without a blank line, stays
		 * text; a blank line between them makes it a table again.
		 */
		{ "x | y\n--|--|--\n| a | b |\n|---|---|\n| c | d |\n", 0,
		  "<p>x | y\n--|--|--</p>\n"
		  "<div class=\"bang\" role=\"region\" aria-label=\"Bảng 1\" tabindex=\"0\">\n"
		  "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
		  "<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n</div>\n",
		  "<p>x | y\n--|--|--\n| a | b |\n|---|---|\n| c | d |</p>\n" },
	};
	const int	 v = cmark_version();
	const int	 gfm6 = (29 << 16) | 6, gfm13 = (29 << 16) | 13;
	size_t		 i;
	char		*h;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		h = html_of(cases[i].src, cases[i].unsafe);
		if (v == gfm6)
			T_STREQ(h, cases[i].gfm6);
		else if (v == gfm13)
			T_STREQ(h, cases[i].gfm13);
		else
			T_OK(strcmp(h, cases[i].gfm6) == 0 ||
			    strcmp(h, cases[i].gfm13) == 0);
		free(h);
	}
	/*
	 * Link references: gfm.13 stops expanding them once the URLs and
	 * titles written that way pass 100 KB or the document's size (against
	 * documents that expand quadratically); gfm.6 expands every one.
	 */
	{
		struct buf	 src = BUF_INIT;
		int		 n;

		buf_puts(&src, "[a]: /");
		for (n = 0; n < 40000; n++)
			buf_putc(&src, 'x');
		buf_puts(&src, "\n\n[a] [a] [a]\n");
		h = html_of(buf_cstr(&src), 0);
		n = count_of(h, "<a href=");
		if (v == gfm6)
			T_INTEQ(n, 3);
		else if (v == gfm13)
			T_INTEQ(n, 2);
		else
			T_OK(n == 2 || n == 3);
		free(h);
		buf_free(&src);
	}
	/* The table is back with a blank line, in every version. */
	h = html_of("x | y\n--|--|--\n\n| a | b |\n|---|---|\n| c | d |\n", 0);
	T_CONTAINS(h, "<p>x | y\n--|--|--</p>\n<div class=\"bang\"");
	T_CONTAINS(h, "<td>c</td>");
	free(h);
}

static void
test_raw_html(void)
{
	struct md_result res;
	struct diag	 d;
	char		*h;

	diag_init(&d);
	T_INTEQ(render("<script>alert(1)</script>\n\n"
	    "Ảnh <img src=x onerror=alert(1)> đây.\n\n"
	    "[bấm](javascript:alert(1)) và [x](JavaScript:alert(2))\n\n"
	    "![logo](javascript:alert(3))\n\n"
	    "a <b>đậm</b> c\n\n"
	    "<div onclick=\"alert(4)\">\n\nkhối\n\n</div>\n", 0, NULL, 1,
	    &res, &d), 0);
	T_OK(!contains_ci(res.html, "script"));
	T_OK(!contains_ci(res.html, "onerror"));
	T_OK(!contains_ci(res.html, "onclick"));
	T_OK(!contains_ci(res.html, "alert"));
	T_OK(!contains_ci(res.html, "<img"));
	T_OK(!contains_ci(res.html, "<b>"));
	T_OK(!contains_ci(res.html, "<div"));
	T_CONTAINS(res.html, "<p>Ảnh  đây.</p>");
	T_CONTAINS(res.html, "<a href=\"\">bấm</a>");
	T_CONTAINS(res.html, "<p>logo</p>");		/* image -> alt text */
	T_CONTAINS(res.html, "<p>a đậm c</p>");
	T_CONTAINS(res.html, "<p>khối</p>");
	/* The HTML-only block left no empty paragraph behind. */
	T_OK(strstr(res.html, "<p></p>") == NULL);
	/* Unsafe URLs are reported (warnings), raw HTML silently dropped. */
	T_INTEQ(d.errors, 0);
	T_INTEQ(d.warnings, 3);
	T_INTEQ(d.msgs[0].line, 5);
	T_INTEQ(d.msgs[0].col, 1);
	T_CONTAINS(d.msgs[0].text, "không an toàn");
	T_INTEQ(d.msgs[1].col, 31);
	T_INTEQ(d.msgs[2].line, 7);
	T_CONTAINS(d.msgs[2].text, "ảnh");
	md_result_free(&res);
	diag_free(&d);

	/* An image without a URL becomes its alt text (<img src=""> is invalid). */
	diag_init(&d);
	render("![Sơ đồ *quy trình*]()\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.html, "<p>Sơ đồ quy trình</p>\n");
	T_INTEQ(d.warnings, 1);
	md_result_free(&res);
	diag_free(&d);

	h = html_of("Ảnh <img src=\"a.png\" alt=\"x\"> và <abbr title=\"Ủy ban nhân dân\">UBND</abbr>\n\n"
	    "<div class=\"khung\">\n\n*trong*\n\n</div>\n", 1);
	T_CONTAINS(h, "<img src=\"a.png\" alt=\"x\">");
	T_CONTAINS(h, "<abbr title=\"Ủy ban nhân dân\">UBND</abbr>");
	T_CONTAINS(h, "<div class=\"khung\">\n<p><em>trong</em></p>\n</div>");
	free(h);

	/* unsafe=1 keeps HTML but not dangerous URLs, however written. */
	h = html_of("[x](javascript:alert(1)) [y](&#106;avascript:alert(2)) [z][r]\n\n"
	    "[r]: VBScript:msgbox(3)\n", 1);
	T_OK(!contains_ci(h, "script"));
	T_OK(!contains_ci(h, "alert"));
	T_CONTAINS(h, "<a href=\"\">x</a> <a href=\"\">y</a> <a href=\"\">z</a>");
	free(h);
	h = html_of("<javascript:alert(1)> <data:text/html,x>\n", 0);
	T_OK(strstr(h, "href=\"javascript") == NULL);
	T_OK(strstr(h, "href=\"data") == NULL);
	T_CONTAINS(h, "<a href=\"\">javascript:alert(1)</a>");
	free(h);
}

/* Safe mode keeps a plain <br> (table cells from Word) and nothing else. */
static void
test_br(void)
{
	struct md_result res;
	struct diag	 d;
	char		*h;

	h = html_of("| TT | Phối hợp |\n|---|---|\n"
	    "| 1 | Sở Y tế<br>Sở Nội vụ<BR/>Thanh tra tỉnh<br />Công an tỉnh |\n"
	    "| 2 | A<br onclick=\"alert(1)\">B<script>x()</script>C |\n"
	    "| 3 | D<br/ >E<brx>F<br>> |\n", 0);
	T_CONTAINS(h, "<td>Sở Y tế<br />Sở Nội vụ<br />Thanh tra tỉnh<br />"
	    "Công an tỉnh</td>");
	/* With attributes it is author HTML: dropped, like <script>. */
	T_CONTAINS(h, "<td>ABx()C</td>");
	T_OK(!contains_ci(h, "onclick"));
	T_OK(!contains_ci(h, "<script"));
	T_OK(!contains_ci(h, "<brx"));
	/* "<br/ >" is no tag for Markdown: it stays text. */
	T_CONTAINS(h, "<td>D&lt;br/ &gt;EF<br />&gt;</td>");
	free(h);
	/* In a paragraph too; in unsafe mode it passes as written. */
	h = html_of("Dòng một<br>dòng hai <script>x()</script>\n", 0);
	T_STREQ(h, "<p>Dòng một<br />dòng hai x()</p>\n");
	free(h);
	/* The page's description reads it as a space. */
	diag_init(&d);
	render("Dòng một<br>dòng hai\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.first_para, "Dòng một dòng hai");
	md_result_free(&res);
	diag_free(&d);
	h = html_of("| a |\n|---|\n| x<BR>y |\n", 1);
	T_CONTAINS(h, "<td>x<BR>y</td>");
	free(h);
	T_OK(md_is_br("<br>") && md_is_br("<BR>") && md_is_br("<br/>") &&
	    md_is_br("<br />") && md_is_br("<Br\n/>"));
	T_OK(!md_is_br("<br") && !md_is_br("<br>x") && !md_is_br("<brx>") &&
	    !md_is_br("<br class=\"a\">") && !md_is_br("</br>") &&
	    !md_is_br("<br//>") && !md_is_br(NULL) && !md_is_br(""));
}

static void
test_headings(void)
{
	struct md_result res;
	struct diag	 d;

	diag_init(&d);
	T_INTEQ(render("# Giới thiệu chung\n\n"
	    "## Kế hoạch *năm* 2025\n\n"
	    "## Kế hoạch năm 2025\n\n"
	    "## Kế hoạch năm 2025\n\n"
	    "### !!!\n\n"
	    "Tiêu đề setext\n---\n\n"
	    "## a\n\n## a\n\n## a-2\n\n"
	    "## Đề án `06` [xem](https://x.y/)\n", 0, NULL, 1, &res, &d), 0);
	T_CONTAINS(res.html, "<h1 id=\"gioi-thieu-chung\">Giới thiệu chung</h1>");
	T_CONTAINS(res.html, "<h2 id=\"ke-hoach-nam-2025\">Kế hoạch <em>năm</em> 2025</h2>");
	T_CONTAINS(res.html, "<h2 id=\"ke-hoach-nam-2025-2\">Kế hoạch năm 2025</h2>");
	T_CONTAINS(res.html, "<h2 id=\"ke-hoach-nam-2025-3\">Kế hoạch năm 2025</h2>");
	T_CONTAINS(res.html, "<h3 id=\"muc-5\">!!!</h3>");
	T_CONTAINS(res.html, "<h2 id=\"tieu-de-setext\">Tiêu đề setext</h2>");
	T_CONTAINS(res.html, "<h2 id=\"a\">a</h2>");
	T_CONTAINS(res.html, "<h2 id=\"a-2\">a</h2>");
	T_CONTAINS(res.html, "<h2 id=\"a-2-2\">a-2</h2>");
	T_CONTAINS(res.html, "<h2 id=\"de-an-06-xem\">Đề án <code>06</code> <a href=\"https://x.y/\">xem</a></h2>");

	T_INTEQ(res.ntoc, 10);
	if (res.ntoc == 10) {
		T_INTEQ(res.toc[0].level, 1);
		T_STREQ(res.toc[0].id, "gioi-thieu-chung");
		T_STREQ(res.toc[0].text, "Giới thiệu chung");
		T_INTEQ(res.toc[1].level, 2);
		T_STREQ(res.toc[1].text, "Kế hoạch năm 2025");
		T_STREQ(res.toc[2].id, "ke-hoach-nam-2025-2");
		T_INTEQ(res.toc[4].level, 3);
		T_STREQ(res.toc[4].id, "muc-5");
		T_STREQ(res.toc[4].text, "!!!");
		T_STREQ(res.toc[5].id, "tieu-de-setext");
		T_STREQ(res.toc[8].id, "a-2-2");
		T_STREQ(res.toc[9].text, "Đề án 06 xem");
	}
	md_result_free(&res);
	T_OK(res.html == NULL && res.toc == NULL && res.ntoc == 0);
	diag_free(&d);

	/* Raw HTML in a heading: dropped, kept out of the text and the id. */
	diag_init(&d);
	render("## Mục <span>lớn</span>\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.html, "<h2 id=\"muc-lon\">Mục lớn</h2>\n");
	md_result_free(&res);
	render("## Mục <span>lớn</span>\n", 1, NULL, 1, &res, &d);
	T_STREQ(res.html, "<h2 id=\"muc-lon\">Mục <span>lớn</span></h2>\n");
	T_STREQ(res.toc[0].text, "Mục lớn");
	md_result_free(&res);
	/* A footnote reference in a heading renders and stays out of the id. */
	render("## Căn cứ[^1]\n\n[^1]: Luật.\n", 0, NULL, 1, &res, &d);
	T_CONTAINS(res.html, "<h2 id=\"can-cu\">Căn cứ<sup class=\"footnote-ref\"><a href=\"#fn-1\"");
	T_STREQ(res.toc[0].text, "Căn cứ");
	md_result_free(&res);
	/* No heading: empty toc. */
	render("Chỉ có đoạn văn.\n", 0, NULL, 1, &res, &d);
	T_INTEQ(res.ntoc, 0);
	md_result_free(&res);
	diag_free(&d);
}

static void
test_links(void)
{
	struct resolver	 rs;
	struct md_result res;
	struct diag	 d;

	memset(&rs, 0, sizeof(rs));
	diag_init(&d);
	T_INTEQ(render("[Kế hoạch](../ke-hoach/a.md#muc-1) "
	    "![Ảnh](anh.png \"tiêu đề\")\n"
	    "[đầu](#x) [ngoài](https://chinhphu.vn/a.md) [thư](mailto:a@b.vn) "
	    "[cdn](//cdn.x/y.js)\n"
	    "[tin](/tin-tuc/) [rỗng]() [dấu cách](<tài liệu.pdf>)\n", 0, &rs, 1,
	    &res, &d), 0);
	T_CONTAINS(res.html, "<a href=\"/site/../ke-hoach/a/#muc-1\">Kế hoạch</a>");
	T_CONTAINS(res.html, "<img src=\"/site/anh.png\" alt=\"Ảnh\" title=\"tiêu đề\" />");
	T_CONTAINS(res.html, "<a href=\"#x\">đầu</a>");
	T_CONTAINS(res.html, "<a href=\"https://chinhphu.vn/a.md\">ngoài</a>");
	T_CONTAINS(res.html, "<a href=\"mailto:a@b.vn\">thư</a>");
	T_CONTAINS(res.html, "<a href=\"//cdn.x/y.js\">cdn</a>");
	T_CONTAINS(res.html, "<a href=\"/site/tin-tuc/\">tin</a>");
	T_CONTAINS(res.html, "<a href=\"\">rỗng</a>");
	/* The resolver gets the decoded destination; cmark escapes the output. */
	T_CONTAINS(res.html, "<a href=\"/site/t%C3%A0i%20li%E1%BB%87u.pdf\">dấu cách</a>");
	T_INTEQ(rs.ncalls, 4);
	if (rs.ncalls == 4) {
		T_STREQ(rs.calls[0].dest, "../ke-hoach/a.md#muc-1");
		T_INTEQ(rs.calls[0].is_image, 0);
		T_INTEQ(rs.calls[0].line, 1);
		T_INTEQ(rs.calls[0].col, 1);
		T_STREQ(rs.calls[1].dest, "anh.png");
		T_INTEQ(rs.calls[1].is_image, 1);
		T_INTEQ(rs.calls[1].line, 1);
		T_INTEQ(rs.calls[1].col, 36);
		T_STREQ(rs.calls[2].dest, "/tin-tuc/");
		T_INTEQ(rs.calls[2].line, 3);
		T_STREQ(rs.calls[3].dest, "tài liệu.pdf");
		/* Characters, not bytes: "[tin](/tin-tuc/) [rỗng]() " is 26. */
		T_INTEQ(rs.calls[3].col, 27);
	}
	T_INTEQ(d.len, 0);
	md_result_free(&res);
	resolver_free(&rs);

	/* Links in headings, block quotes, lists and tables are resolved too. */
	T_INTEQ(render("## [Mục](b.md)\n\n> trích [c](c.md)\n\n- [d](d.md)\n\n"
	    "| x |\n|---|\n| [e](e.md) |\n\n[f][ref]\n\n[ref]: f.md\n", 0, &rs, 1,
	    &res, &d), 0);
	T_CONTAINS(res.html, "<h2 id=\"muc\"><a href=\"/site/b/\">Mục</a></h2>");
	T_CONTAINS(res.html, "<a href=\"/site/c/\">c</a>");
	T_CONTAINS(res.html, "<a href=\"/site/d/\">d</a>");
	T_CONTAINS(res.html, "<a href=\"/site/e/\">e</a>");
	T_CONTAINS(res.html, "<a href=\"/site/f/\">f</a>");
	T_INTEQ(rs.ncalls, 5);
	if (rs.ncalls == 5) {
		T_INTEQ(rs.calls[1].line, 3);
		T_INTEQ(rs.calls[1].col, 9);	/* "> trích ": 8 characters */
		T_INTEQ(rs.calls[2].line, 5);
		T_INTEQ(rs.calls[2].col, 3);
		T_INTEQ(rs.calls[3].line, 9);
		T_INTEQ(rs.calls[3].col, 3);
		T_INTEQ(rs.calls[4].line, 11);	/* where it is used */
	}
	md_result_free(&res);
	resolver_free(&rs);
	diag_free(&d);
}

static void
test_resolve_errors(void)
{
	struct resolver	 rs;
	struct md_result res;
	struct diag	 d;

	/*
	 * The body starts on line 5 of the file (4 lines of front matter):
	 * the link on line 3 of the body is on line 7 of the file.
	 */
	memset(&rs, 0, sizeof(rs));
	diag_init(&d);
	T_INTEQ(render("# Tiêu đề\n\n"
	    "Xem [trang](khong-co.md) và [đúng](co.md).\n"
	    "\n"
	    "Ảnh: ![x](khong-co.png)\n", 0, &rs, 5, &res, &d), -1);
	T_INTEQ(d.errors, 2);			/* every bad link is reported */
	if (d.len == 2) {
		T_INTEQ(d.msgs[0].line, 7);
		T_INTEQ(d.msgs[0].col, 5);
		T_STREQ(d.msgs[0].file, "content/a.md");
		T_INTEQ(d.msgs[1].line, 9);
		T_INTEQ(d.msgs[1].col, 6);
	}
	/* The result is filled; bad links are kept as written. */
	T_OK(res.html != NULL);
	T_CONTAINS(res.html, "<a href=\"khong-co.md\">trang</a>");
	T_CONTAINS(res.html, "<a href=\"/site/co/\">đúng</a>");
	T_CONTAINS(res.html, "<img src=\"khong-co.png\" alt=\"x\" />");
	T_INTEQ(res.ntoc, 1);
	md_result_free(&res);
	resolver_free(&rs);
	diag_free(&d);
}

static void
test_first_para(void)
{
	struct md_result res;
	struct diag	 d;

	diag_init(&d);
	render("# Tiêu đề\n\n![](a.png)\n\nĐoạn  **đầu**   tiên,\ncó [liên kết](x.md) "
	    "và `mã`.\n\nĐoạn hai.\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.first_para, "Đoạn đầu tiên, có liên kết và mã.");
	md_result_free(&res);

	render("# Chỉ tiêu đề\n\n- mục\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.first_para, "mục");
	md_result_free(&res);

	render("## Không có đoạn\n\n```\nmã\n```\n", 0, NULL, 1, &res, &d);
	T_STREQ(res.first_para, "");
	md_result_free(&res);

	render("", 0, NULL, 1, &res, &d);
	T_STREQ(res.html, "");
	T_STREQ(res.first_para, "");
	T_INTEQ(res.ntoc, 0);
	md_result_free(&res);

	/* Raw HTML is no text, even when kept. */
	render("<b>a</b>  b\n", 1, NULL, 1, &res, &d);
	T_STREQ(res.first_para, "a b");
	md_result_free(&res);
	diag_free(&d);
}

/*
 * Concurrent renders give the same output as one alone.  Strikethrough,
 * autolink and table are the extensions whose parsing uses cmark-gfm's
 * global state.
 */
#define NTHREADS	8
#define NITER		40

static const char thread_src[] =
    "# Tiêu đề\n\n~~a~~ www.a.vn ~~b~~ https://b.vn ~~c~~\n\n"
    "| a | b |\n|:-|-:|\n| ~~x~~ | www.c.vn |\n\n- [x] xong\n\n"
    "[l](x.md)\n";

struct thread_arg {
	const char	*want;
	int		 bad;
};

static int
xref_known(void *arg, const char *number, struct buf *out)
{
	(void)arg;
	if (strcmp(number, "19/KH-UBND") != 0 &&
	    strcmp(number, "1738/QĐ-UBND") != 0)
		return 0;
	buf_printf(out, "../ke-hoach/%s/", number[0] == '1' &&
	    number[1] == '9' ? "kh19" : "qd1738");
	return 1;
}

static void
test_xref(void)
{
	struct md_opts	 o = { 0, NULL, NULL, xref_known, NULL, 0 };
	struct md_result r;
	struct diag	 d;
	const char	*src = "Thực hiện Kế hoạch số 19/KH-UBND và Quyết định "
	    "số 1738/QĐ-UBND; không phải 20/KH-UBND, 119/KH-UBND-x.\n\n"
	    "[Đã có liên kết 19/KH-UBND](https://x.vn/) và `19/KH-UBND`.\n";

	diag_init(&d);
	T_INTEQ(md_render("a.md", src, strlen(src), 1, &o, &r, &d), 0);
	T_CONTAINS(r.html, "Kế hoạch số <a href=\"../ke-hoach/kh19/\">"
	    "19/KH-UBND</a> và Quyết định số <a href=\"../ke-hoach/qd1738/\">"
	    "1738/QĐ-UBND</a>; không phải 20/KH-UBND, 119/KH-UBND-x.");
	T_CONTAINS(r.html, "<a href=\"https://x.vn/\">Đã có liên kết "
	    "19/KH-UBND</a>");
	T_CONTAINS(r.html, "<code>19/KH-UBND</code>");
	md_result_free(&r);
	diag_free(&d);

	/* Only after a byte that is not a letter, digit or '/'; repeated. */
	src = "a19/KH-UBND /19/KH-UBND 919/KH-UBND (19/KH-UBND)19/KH-UBND "
	    "19/KH-UBND.19/KH-UBND\n";
	diag_init(&d);
	T_INTEQ(md_render("a.md", src, strlen(src), 1, &o, &r, &d), 0);
	T_CONTAINS(r.html, "<p>a19/KH-UBND /19/KH-UBND 919/KH-UBND (<a href="
	    "\"../ke-hoach/kh19/\">19/KH-UBND</a>)<a href=\"../ke-hoach/kh19/"
	    "\">19/KH-UBND</a> <a href=\"../ke-hoach/kh19/\">19/KH-UBND</a>.<a "
	    "href=\"../ke-hoach/kh19/\">19/KH-UBND</a></p>");
	md_result_free(&r);
	diag_free(&d);
}

static void
test_table_wrap(void)
{
	char	*h = html_of("| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	    "| c |\n|---|\n| 3 |\n", 0);

	T_CONTAINS(h, "<div class=\"bang\" role=\"region\" "
	    "aria-label=\"Bảng 1\" tabindex=\"0\">\n<table>");
	T_CONTAINS(h, "aria-label=\"Bảng 2\"");
	T_CONTAINS(h, "</table>\n</div>");
	free(h);
}

static void *
thread_main(void *p)
{
	struct thread_arg *a = p;
	struct resolver	 rs;
	struct md_result res;
	struct diag	 d;
	int		 i;

	for (i = 0; i < NITER; i++) {
		memset(&rs, 0, sizeof(rs));
		diag_init(&d);
		if (render_of(thread_src, 0, &rs, 1, &res, &d) != 0 ||
		    res.html_len != strlen(res.html) ||
		    strcmp(res.html, a->want) != 0)
			a->bad++;
		md_result_free(&res);
		resolver_free(&rs);
		diag_free(&d);
	}
	return NULL;
}

static void
test_threads(void)
{
	struct thread_arg args[NTHREADS];
	pthread_t	 th[NTHREADS];
	struct resolver	 rs;
	struct md_result res;
	struct diag	 d;
	int		 i, bad = 0;

	memset(&rs, 0, sizeof(rs));
	diag_init(&d);
	render(thread_src, 0, &rs, 1, &res, &d);
	T_CONTAINS(res.html, "<del>c</del>");
	T_CONTAINS(res.html, "<a href=\"http://www.c.vn\">");
	for (i = 0; i < NTHREADS; i++) {
		args[i].want = res.html;
		args[i].bad = 0;
		T_INTEQ(pthread_create(&th[i], NULL, thread_main, &args[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		bad += args[i].bad;
	}
	T_INTEQ(bad, 0);
	md_result_free(&res);
	resolver_free(&rs);
	diag_free(&d);
}

/* The one plain-text walk, in both of its modes. */
static void
test_plain_text(void)
{
	static const char src[] = "Một  *hai*\nba `bốn`<br>năm <b>x</b>"
	    "[^1]\n\n- a\n  - b\n  c\n\n## Đề  mục  \n\n[^1]: chú\n";
	cmark_node	*doc = md_parse_doc(src, sizeof(src) - 1), *list;
	struct buf	 b = BUF_INIT;
	char		*s;

	md_text(&b, doc, 0);
	/* Blocks run together: callers give it one block (headings, alt). */
	T_STREQ(buf_cstr(&b), "Một hai ba bốn năm xab cĐề mụcchú");
	buf_reset(&b);
	md_text(&b, doc, MD_TEXT_LINES);
	T_STREQ(buf_cstr(&b), "Một  hai\nba bốn\nnăm x\n- a\n- b\nc\n"
	    "Đề  mục\nchú");
	/* Appends; the list's own item gets no "- ", nested ones do. */
	buf_reset(&b);
	buf_puts(&b, "> ");
	list = cmark_node_next(cmark_node_first_child(doc));
	md_text(&b, cmark_node_first_child(list), MD_TEXT_LINES);
	T_STREQ(buf_cstr(&b), "> a\n- b\nc");
	s = md_node_text(list);
	T_STREQ(s, "ab c");
	free(s);
	buf_free(&b);
	cmark_node_free(doc);
}

/* Destinations with spaces: a file is an error, an address a warning. */
static void
test_spaces(void)
{
	struct md_result res;
	struct diag	 d;

	diag_init(&d);
	T_INTEQ(render("Xem [giới thiệu](/gioi thieu/) và\n"
	    "[trang](https://vidu.gov.vn/a b).\n", 0, NULL, 3, &res, &d), 0);
	T_INTEQ(d.errors, 0);
	T_INTEQ(d.warnings, 2);
	if (d.len == 2) {
		T_INTEQ(d.msgs[0].line, 3);
		T_INTEQ(d.msgs[0].col, 5);
		T_STREQ(d.msgs[0].text, "địa chỉ “/gioi thieu/” có dấu cách "
		    "nên Markdown không hiểu đây là liên kết và trang sẽ hiện "
		    "nguyên văn; hãy bỏ dấu cách khỏi địa chỉ (trong địa chỉ "
		    "web, dấu cách viết là %20) hoặc đặt địa chỉ trong ngoặc "
		    "nhọn, ví dụ [tên](</gioi thieu/>)");
		T_INTEQ(d.msgs[1].line, 4);
		T_INTEQ(d.msgs[1].col, 1);
		T_CONTAINS(d.msgs[1].text, "địa chỉ “https://vidu.gov.vn/a b”");
	}
	md_result_free(&res);
	diag_free(&d);

	diag_init(&d);
	T_INTEQ(render("![Sơ đồ](/anh/so do/)\n", 0, NULL, 1, &res, &d), 0);
	T_INTEQ(d.warnings, 1);
	if (d.len == 1)
		T_CONTAINS(d.msgs[0].text, "không hiểu đây là ảnh và trang sẽ "
		    "hiện nguyên văn; hãy bỏ dấu cách khỏi địa chỉ (trong địa "
		    "chỉ web, dấu cách viết là %20) hoặc đặt địa chỉ trong "
		    "ngoặc nhọn, ví dụ ![mô tả](</anh/so do/>)");
	md_result_free(&res);
	diag_free(&d);

	/* Markup in the link text: found by its "](address)". */
	diag_init(&d);
	T_INTEQ(render("Đoạn đầu\nxem [**giới thiệu**](/gioi thieu/).\n", 0,
	    NULL, 1, &res, &d), 0);
	T_INTEQ(d.warnings, 1);
	if (d.len == 1) {
		T_INTEQ(d.msgs[0].line, 2);
		T_INTEQ(d.msgs[0].col, 20);
		T_CONTAINS(d.msgs[0].text, "địa chỉ “/gioi thieu/”");
	}
	md_result_free(&res);
	diag_free(&d);

	/* A web address ending in a file name is still an address. */
	diag_init(&d);
	T_INTEQ(render("[Kế hoạch](https://vidu.gov.vn/tai lieu/ke-hoach.pdf)\n",
	    0, NULL, 1, &res, &d), 0);
	T_INTEQ(d.errors, 0);
	T_INTEQ(d.warnings, 1);
	if (d.len == 1)
		T_CONTAINS(d.msgs[0].text, "địa chỉ “https://vidu.gov.vn/tai "
		    "lieu/ke-hoach.pdf” có dấu cách");
	md_result_free(&res);
	diag_free(&d);

	/* A file name with spaces stays an error. */
	diag_init(&d);
	T_INTEQ(render("![Hội nghị](Ảnh hội nghị.jpg)\n\n"
	    "[Kế hoạch](D:/Tai lieu/ke-hoach.pdf)\n", 0, NULL, 1, &res,
	    &d), -1);
	T_INTEQ(d.errors, 2);
	if (d.len == 2) {
		T_CONTAINS(d.msgs[0].text, "tên tệp “Ảnh hội nghị.jpg” có dấu cách");
		T_CONTAINS(d.msgs[1].text, "tên tệp “D:/Tai lieu/ke-hoach.pdf”");
	}
	md_result_free(&res);
	diag_free(&d);

	/* Ordinary text with brackets and parentheses, and code: silent. */
	diag_init(&d);
	T_INTEQ(render("Như đã nói (xem [mục 2] ở trên) và [ghi chú] (bản cũ).\n\n"
	    "Viết `![mô tả](Ảnh hội nghị.jpg)` hoặc `[trang](/gioi thieu/)`.\n\n"
	    "Mã `[a]`(b c.pdf) và `x](`y z.pdf).\n\n"
	    "```\n![mô tả](Ảnh hội nghị.jpg)\n```\n\n"
	    "    [trang](/gioi thieu/)\n\n"
	    "Ví dụ \\[tên\\](Ảnh hội nghị.jpg), [tên]\\(a b.pdf),\n"
	    "\\![mô tả\\](/gioi thieu/) và &#91;x&#93;(y z.pdf).\n",
	    0, NULL, 1, &res, &d), 0);
	T_INTEQ(d.errors, 0);
	T_INTEQ(d.warnings, 0);
	md_result_free(&res);
	diag_free(&d);
}

/* A file:// address is the editor's own disk, said plainly. */
static void
test_file_url(void)
{
	struct md_result res;
	struct diag	 d;

	diag_init(&d);
	render("[Báo cáo](file:///C:/Users/Admin/Documents/bao-cao.pdf)\n\n"
	    "![Ảnh](file://D:\\Anh\\hoi-nghi.jpg)\n", 0, NULL, 1, &res, &d);
	T_INTEQ(d.warnings, 2);
	if (d.len == 2) {
		T_STREQ(d.msgs[0].text, "liên kết “file:///C:/Users/Admin/"
		    "Documents/bao-cao.pdf” trỏ tới một tệp trên máy tính của "
		    "người soạn, người đọc không mở được nên liên kết đã bị "
		    "bỏ; hãy chép tệp vào thư mục của bài rồi ghi tên tệp, ví "
		    "dụ [tên](bao-cao.pdf)");
		T_INTEQ(d.msgs[1].line, 3);
		T_CONTAINS(d.msgs[1].text, "ảnh “file://D:\\Anh\\hoi-nghi.jpg” "
		    "trỏ tới một tệp trên máy tính của người soạn, người đọc "
		    "không mở được nên chỉ còn lại phần mô tả; hãy chép tệp "
		    "vào thư mục của bài rồi ghi tên tệp, ví dụ "
		    "![mô tả](hoi-nghi.jpg)");
	}
	T_OK(strstr(res.html, "file:") == NULL);
	md_result_free(&res);
	diag_free(&d);
}

int
main(void)
{
	test_table_wrap();
	test_xref();
	md_init();
	md_init();	/* idempotent */
	test_extensions();
	test_footnotes();
	test_strong();
	test_cmark_versions();
	test_raw_html();
	test_br();
	test_headings();
	test_links();
	test_resolve_errors();
	test_spaces();
	test_file_url();
	test_first_para();
	test_plain_text();
	test_threads();
	return t_done("markdown");
}
