/*
 * test_render.c - the parts of contexts render_summaries() shares, and
 * the model's URL checks, on a small site made in a temporary folder
 * (link rewriting is in test_links.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "hash.h"
#include "model.h"
#include "render.h"
#include "source.h"
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

/*
 * The parts of contexts that render_summaries() builds once and shares
 * give every page the context it would get built on its own: a shallow
 * copy of the site is not the site they were built for, so its pages
 * get theirs built per page.
 */
static void
test_shared_parts(struct site *s)
{
	struct site	 other = *s;
	struct val	*a, *b, *c;
	struct buf	 ja = BUF_INIT, jb = BUF_INIT;
	struct hasher	 ha, hb;
	size_t		 i, n = 0;
	int		 same = 1;

	render_site_value(s);
	render_summaries(s);
	other.site_val = s->site_val;
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		if (p->failed || p->skip || p->url == NULL)
			continue;
		a = render_context(s, p);
		b = render_context(&other, p);
		buf_reset(&ja);
		buf_reset(&jb);
		val_to_json(a, &ja, 0);
		val_to_json(b, &jb, 0);
		hasher_init(&ha);
		hasher_init(&hb);
		render_hash_val(&ha, a);
		render_hash_val(&hb, b);
		if (strcmp(buf_cstr(&ja), buf_cstr(&jb)) != 0 ||
		    hasher_done(&ha) != hasher_done(&hb)) {
			fprintf(stderr, "%s: shared context differs:\n%s\n%s\n",
			    p->url, buf_cstr(&ja), buf_cstr(&jb));
			same = 0;
		}
		/* Shared for real: the same list, not an equal one. */
		c = render_context(s, p);
		if (val_map_get(c, "nav") != val_map_get(a, "nav") ||
		    val_map_get(c, "nav") == val_map_get(b, "nav"))
			same = 0;
		val_unref(a);
		val_unref(b);
		val_unref(c);
		n++;
	}
	T_OK(same);
	T_OK(n >= 5);
	buf_free(&ja);
	buf_free(&jb);
}

int
main(void)
{
	struct site	 s;
	struct page	*post, *draft, *about, *dup;
	char		 tmpl[] = "/tmp/cchc-render-XXXXXX";
	char		*f;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	memset(&s, 0, sizeof(s));
	s.root = xstrdup(tmpl);
	s.cfg.title = xstrdup("Chuyên mục");
	source_open(&s.src, tmpl, NULL, &s.diag);
	s.cfg.posts_per_page = 10;
	s.cfg.feed_items = 20;
	f = fs_join(tmpl, "site.yaml");
	fs_write(f, "title: x\n", 9);
	free(f);

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

	fs_rmtree(tmpl);
	site_free(&s);
	return t_done("render");
}
