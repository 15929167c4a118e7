/*
 * test_render.c - the parts of contexts render_share() shares, and the
 * model's URL checks, on a small site made in a temporary folder (link
 * rewriting is in test_links.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "model.h"
#include "mustache.h"
#include "render.h"
#include "session.h"
#include "util.h"
#include "value.h"
#include "t.h"

static struct page *
mkpage(struct site *s, enum page_kind k, const char *src, const char *url)
{
	struct page	*p = page_new(k, src);

	p->url = xstrdup(url);
	p->title = xstrdup(src);
	site_add_page(s, p);
	return p;
}

static const char *
last_msg(struct page *p)
{
	return p->diag.len ? p->diag.msgs[p->diag.len - 1].text : "";
}

/* The context of p as JSON and as render_key() hashes it. */
static void
context_of(const struct render_env *env, const struct site *s,
    const struct page *p, struct buf *json, uint64_t *hash)
{
	struct val	*ctx = render_context(env, s, p);
	struct hasher	 h;

	buf_reset(json);
	val_to_json(ctx, json, 0);
	hasher_init(&h);
	render_hash_val(&h, ctx);
	*hash = hasher_done(&h);
	val_unref(ctx);
}

/*
 * The parts of contexts that render_share() builds once and shares give
 * every page the context it would get built on its own: with no shared
 * parts, and for a site they were not built for (a shallow copy of the
 * site), every page gets its own, the same values.  render_key() reads
 * the env's salt.
 */
static void
test_shared_parts(struct site *s)
{
	struct render_env env, bare;
	struct site	 other = *s;
	struct val	*a, *c, *o;
	struct buf	 ja = BUF_INIT, jb = BUF_INIT, jo = BUF_INIT;
	uint64_t	 ha, hb, ho;
	size_t		 i, n = 0;
	int		 same = 1, shared = 1;

	memset(&env, 0, sizeof(env));
	memset(&bare, 0, sizeof(bare));
	render_site_value(&env, &s->cfg);
	T_OK(env.site_val != NULL && env.shared == NULL);
	render_summaries(s);
	render_share(&env, s);
	T_OK(env.shared != NULL);
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->failed || p->skip || p->url == NULL)
			continue;
		context_of(&env, s, p, &ja, &ha);
		context_of(&bare, s, p, &jb, &hb);
		context_of(&env, &other, p, &jo, &ho);
		if (strcmp(buf_cstr(&ja), buf_cstr(&jb)) != 0 ||
		    strcmp(buf_cstr(&ja), buf_cstr(&jo)) != 0 ||
		    ha != hb || ha != ho) {
			fprintf(stderr, "%s: shared context differs:\n%s\n%s\n",
			    p->url, buf_cstr(&ja), buf_cstr(&jb));
			same = 0;
		}
		/* Shared for real: the same list, not an equal one; and
		   only for the site they were built for. */
		a = render_context(&env, s, p);
		c = render_context(&env, s, p);
		o = render_context(&env, &other, p);
		if (val_map_get(c, "nav") != val_map_get(a, "nav") ||
		    val_map_get(o, "nav") == val_map_get(a, "nav"))
			shared = 0;
		val_unref(a);
		val_unref(c);
		val_unref(o);
		n++;
	}
	T_OK(same);
	T_OK(shared);
	T_OK(n >= 5);

	/* The key: the salt, the layout, the context. */
	{
		struct page *p = s->about;
		struct val *ctx = render_context(&env, s, p);
		uint64_t k1, k2;

		env.salt = 1;
		k1 = render_key(&env, p, ctx);
		T_OK(k1 == render_key(&env, p, ctx));
		env.salt = 2;
		k2 = render_key(&env, p, ctx);
		T_OK(k1 != k2);
		val_unref(ctx);
	}

	/* A new site value lets the shared parts go. */
	render_site_value(&env, &s->cfg);
	T_OK(env.shared == NULL);
	render_env_free(&env);
	T_OK(env.site_val == NULL && env.shared == NULL);
	buf_free(&ja);
	buf_free(&jb);
	buf_free(&jo);
}

/*
 * links_files: every relative folder link of the page, whether the
 * template wrote it or a value held it ({{{body}}}), ends in index.html;
 * files, absolute URLs, fragments, src attributes, text, comments and
 * scripts are left as they are.  Off, the page is as the template made it.
 */
static void
test_links_files(void)
{
	static const char tpl[] =
	    "<!DOCTYPE html><html><head><title>a href=\"x/\"</title>"
	    "<link rel=\"canonical\" href=\"https://example.gov.vn/cchc/a/\">"
	    "<link rel=\"alternate\" href=\"{{root}}rss.xml\"></head><body>"
	    "<a href=\"{{root}}\">Trang chủ</a><a href=\"{{root}}tin-tuc/\">"
	    "Tin</a><a class=x HREF='{{root}}chu-de/a/#dau'>A</a>"
	    "<a href={{root}}don-vi/ rel=next>B</a>{{{body}}}"
	    "<!-- <a href=\"c/\"> --><script>var h = '<a href=\"d/\">';</script>"
	    "<img src=\"{{root}}anh/\" alt=\"\"><p>href=\"e/\" &lt;a href=\"f/\"&gt;</p>"
	    "<a href=\"#top\">Lên đầu</a><a href=\"mailto:a@b.vn\">Thư</a>"
	    "</body></html>";
	static const char want[] =
	    "<!DOCTYPE html><html><head><title>a href=\"x/\"</title>"
	    "<link rel=\"canonical\" href=\"https://example.gov.vn/cchc/a/\">"
	    "<link rel=\"alternate\" href=\"../../rss.xml\"></head><body>"
	    "<a href=\"../../index.html\">Trang chủ</a>"
	    "<a href=\"../../tin-tuc/index.html\">Tin</a>"
	    "<a class=x HREF='../../chu-de/a/index.html#dau'>A</a>"
	    "<a href=../../don-vi/index.html rel=next>B</a>"
	    "<p><a href=\"../../ke-hoach/b/index.html\">KH</a> "
	    "<a href=\"tai-lieu.pdf\">PDF</a></p>"
	    "<!-- <a href=\"c/\"> --><script>var h = '<a href=\"d/\">';</script>"
	    "<img src=\"../../anh/\" alt=\"\"><p>href=\"e/\" &lt;a href=\"f/\"&gt;</p>"
	    "<a href=\"#top\">Lên đầu</a><a href=\"mailto:a@b.vn\">Thư</a>"
	    "</body></html>";
	static const char cut[] = "<a href=\"x/\"><a href=\"y/";
	/* A '>' inside a quoted value, spaces around '=', the name in
	   another attribute's value: only the href changes, the rest keeps
	   its bytes. */
	static const char odd[] = "<a title=\"a > b href=z/\" href = 'c/' "
	    "data-href=\"d/\">x</a><p>1 < 2</p><a\nhref=e/>y</a>";
	static const char oddw[] = "<a title=\"a > b href=z/\" href = "
	    "'c/index.html' data-href=\"d/\">x</a><p>1 < 2</p><a\nhref="
	    "e/index.html>y</a>";
	struct render_env env;
	struct diag	 d;
	struct page	*p = page_new(PAGE_PAGE, "content/a/b.md");
	struct val	*ctx = val_map_lit();
	struct buf	 out = BUF_INIT;

	memset(&env, 0, sizeof(env));
	diag_init(&d);
	env.theme = mus_set_new();
	env.site_val = val_map_lit();
	T_INTEQ(mus_set_add(env.theme, "page", "page.mustache", tpl,
	    strlen(tpl), &d), 0);
	val_map_set(ctx, "root", val_str("../../"));
	val_map_set(ctx, "body", val_str("<p><a href=\"../../ke-hoach/b/\">KH"
	    "</a> <a href=\"tai-lieu.pdf\">PDF</a></p>"));
	env.links_files = 1;
	buf_puts(&out, "(trước)");
	T_INTEQ(render_with(&env, p, ctx, &out), 0);
	T_STREQ(buf_cstr(&out) + strlen("(trước)"), want);
	T_OK(strncmp(buf_cstr(&out), "(trước)", strlen("(trước)")) == 0);
	/* Off: the template's links as they are. */
	env.links_files = 0;
	buf_reset(&out);
	T_INTEQ(render_with(&env, p, ctx, &out), 0);
	T_CONTAINS(buf_cstr(&out), "<a href=\"../../tin-tuc/\">Tin</a>");
	T_CONTAINS(buf_cstr(&out), "<a href=\"../../ke-hoach/b/\">KH</a>");
	T_OK(strstr(buf_cstr(&out), "index.html") == NULL);
	/* Cut-off markup ends the scan without reading past the page. */
	env.links_files = 1;
	mus_set_free(env.theme);
	env.theme = mus_set_new();
	T_INTEQ(mus_set_add(env.theme, "page", "page.mustache", cut,
	    strlen(cut), &d), 0);
	buf_reset(&out);
	T_INTEQ(render_with(&env, p, ctx, &out), 0);
	T_STREQ(buf_cstr(&out), "<a href=\"x/index.html\"><a href=\"y/index.html");
	mus_set_free(env.theme);
	env.theme = mus_set_new();
	T_INTEQ(mus_set_add(env.theme, "page", "page.mustache", odd,
	    strlen(odd), &d), 0);
	buf_reset(&out);
	T_INTEQ(render_with(&env, p, ctx, &out), 0);
	T_STREQ(buf_cstr(&out), oddw);
	buf_free(&out);
	val_unref(ctx);
	val_unref(env.site_val);
	mus_set_free(env.theme);
	page_free(p);
	diag_free(&d);
}

int
main(void)
{
	struct site	 s;
	struct page	*post, *draft, *about, *dup;

	memset(&s, 0, sizeof(s));
	s.cfg.title = xstrdup("Chuyên mục");
	s.cfg.posts_per_page = 10;
	s.cfg.feed_items = 20;

	post = mkpage(&s, PAGE_POST, "content/tin-tuc/2025/06/a.md",
	    "tin-tuc/a/");
	mkpage(&s, PAGE_PLAN, "plans/ke-hoach.md", "ke-hoach/ke-hoach/");
	draft = mkpage(&s, PAGE_POST, "content/tin-tuc/nhap.md",
	    "tin-tuc/nhap/");
	draft->draft = draft->skip = 1;
	about = mkpage(&s, PAGE_PAGE, "content/gioi-thieu.md", "gioi-thieu/");
	T_INTEQ(model_build(&s), 0);
	T_OK(s.about == about);
	T_INTEQ(s.nposts, 1);
	s.cfg.base_url = xstrdup("https://example.gov.vn/cchc/");
	test_shared_parts(&s);
	test_links_files();

	/* Duplicate URLs name both files. */
	dup = mkpage(&s, PAGE_POST, "content/tin-tuc/2024/a.md", "tin-tuc/a/");
	free(s.bysrc);
	free(s.posts);
	free(s.plans);
	free(s.procs);
	s.bysrc = s.posts = s.plans = s.procs = NULL;
	s.nbysrc = s.nposts = s.nplans = s.nprocs = 0;
	taxonomy_free(&s);
	T_INTEQ(model_build(&s), -1);
	T_OK(dup->failed || post->failed);
	T_CONTAINS(dup->failed ? last_msg(dup) : last_msg(post),
	    "trùng địa chỉ /tin-tuc/a/");
	T_CONTAINS(dup->failed ? last_msg(dup) : last_msg(post),
	    dup->failed ? post->src : dup->src);

	site_free(&s);
	return t_done("render");
}
