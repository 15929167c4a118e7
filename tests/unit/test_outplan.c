/*
 * test_outplan.c - the output plan (outplan.c) of a small site made by
 * hand: which files it lists, in which order, the sitemap split into
 * parts, and which outputs outplan_affected() says an edit touches.
 */
#include <stdlib.h>
#include <string.h>

#include "images.h"
#include "model.h"
#include "outplan.h"
#include "scan.h"
#include "search.h"
#include "util.h"
#include "value.h"
#include "t.h"

static struct page *
mkpage(struct site *s, enum page_kind k, const char *src, const char *url)
{
	struct page	*p = page_new(k, src);

	p->url = xstrdup(url);
	p->out = xasprintf("%sindex.html", url);
	p->title = xstrdup(src);
	p->meta = val_map_lit();
	site_add_page(s, p);
	return p;
}

/* The index of the record at path, or -1. */
static long
find(const struct outplan *pl, const char *path)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].path, path) == 0)
			return (long)i;
	return -1;
}

/* Is path among the outputs affected by src (edited in place: no new
   date, outplan_affected_in_place())? */
static int
affects_how(struct outplan *pl, const struct site *s, const char *src,
    const char *path, int in_place)
{
	size_t	*idx, i, n;
	int	 hit = 0;

	n = in_place ?
	    outplan_affected_in_place(pl, s, "themes/default", src, &idx) :
	    outplan_affected(pl, s, "themes/default", src, &idx);
	for (i = 0; i < n; i++)
		hit |= strcmp(pl->v[idx[i]].path, path) == 0;
	free(idx);
	return hit;
}

static int
affects(struct outplan *pl, const struct site *s, const char *src,
    const char *path)
{
	return affects_how(pl, s, src, path, 0);
}

static size_t
count_affected(struct outplan *pl, const struct site *s, const char *src)
{
	size_t	*idx, n;

	n = outplan_affected(pl, s, "themes/default", src, &idx);
	free(idx);
	return n;
}

/* An image entry as images_use() would leave it, with n variants
   "anh/<stem>-<k>.jpg". */
static void
fake_image(struct images *t, const char *src, size_t n)
{
	struct image	*im = xcalloc(1, sizeof(*im));
	const char	*base = strrchr(src, '/') + 1;
	size_t		 k;

	im->src = xstrdup(src);
	im->stem = xstrndup(base, strcspn(base, "."));
	im->probed = 1;
	im->err = IMG_OK;
	pthread_mutex_init(&im->lock, NULL);
	for (k = 0; k < n; k++) {
		im->vars[k].kind = IMG_VAR_WIDTH;
		im->vars[k].w = 100 * (int)(k + 1);
		im->vars[k].path = xasprintf("anh/%s-%zu.jpg", im->stem, k);
	}
	im->nvars = im->nwidths = n;
	ARRAY_GROW(t->v, t->n, t->cap, 4);
	t->v[t->n++] = im;
}

int
main(void)
{
	struct images	 imgs;
	struct site	 s;
	struct strlist	 statics = { NULL, 0, 0 };
	struct outplan	 pl;
	struct page	*a, *b, *c, *plan, *proc;
	long		 ia, iasset;

	memset(&s, 0, sizeof(s));
	diag_init(&s.diag);
	s.cfg.title = xstrdup("Chuyên mục");
	s.cfg.base_url = xstrdup("https://example.gov.vn/cchc/");
	s.cfg.posts_per_page = 10;
	s.cfg.feed_items = 20;
	a = mkpage(&s, PAGE_POST, "content/tin-tuc/a.md", "tin-tuc/a/");
	b = mkpage(&s, PAGE_POST, "content/tin-tuc/b.md", "tin-tuc/b/");
	c = mkpage(&s, PAGE_POST, "content/tin-tuc/c.md", "tin-tuc/c/");
	plan = mkpage(&s, PAGE_PLAN, "plans/kh.md", "ke-hoach/kh/");
	proc = mkpage(&s, PAGE_PROCEDURE, "content/thu-tuc/t.md",
	    "thu-tuc/t/");
	mkpage(&s, PAGE_PAGE, "content/gioi-thieu.md", "gioi-thieu/");
	a->date.y = 2025, a->date.m = 6, a->date.d = 3;
	b->date.y = 2025, b->date.m = 5, b->date.d = 1;
	c->date.y = 2024, c->date.m = 1, c->date.d = 9;
	a->has_date = b->has_date = c->has_date = 1;
	T_INTEQ(model_build(&s), 0);
	T_INTEQ(s.nposts, 3);
	/* a links to the plan (links.c records it).  The procedure's HTML
	   shows c's URL, but not as a link links.c resolved (raw HTML, a
	   root-relative link): its output is the same whatever c says. */
	a->links = xcalloc(1, sizeof(*a->links));
	a->links[0] = plan;
	a->nlinks = a->links_cap = 1;
	proc->md.html = xstrdup("<p><a href=\"../../tin-tuc/c/\">c</a></p>");
	proc->md.first_para = xstrdup("");
	proc->md_done = 1;
	a->assets = xcalloc(1, sizeof(*a->assets));
	a->assets[0].src = xstrdup("content/tin-tuc/anh.png");
	a->assets[0].dest = xstrdup("tin-tuc/a/anh.png");
	a->nassets = 1;
	strlist_push(&statics, xstrdup("themes/default/static/style.css"));
	/* Two photos, a's of three variants, b's of two; a shows the first. */
	images_init(&imgs, NULL);
	s.images = &imgs;
	fake_image(&imgs, "content/tin-tuc/hoi-nghi.jpg", 3);
	fake_image(&imgs, "content/tin-tuc/toa-dam.jpg", 2);
	a->images = xcalloc(1, sizeof(*a->images));
	a->images[0] = imgs.v[0];
	a->nimages = a->images_cap = 1;
	images_finish(&imgs);

	outplan_make(&pl, &s, "themes/default", &statics);
	/* The big single files first, build.json last. */
	T_STREQ(pl.v[0].path, "du-lieu.json");
	T_INTEQ(pl.v[0].kind, OUT_DATA_JSON);
	T_STREQ(pl.v[1].path, "thu-tuc/index.json");
	T_INTEQ(pl.v[1].kind, OUT_PROCS_JSON);
	T_STREQ(pl.v[2].path, "sitemap.xml");
	T_STREQ(pl.v[pl.n - 1].path, "build.json");
	T_STREQ(pl.v[pl.n - 2].path, "style.css");
	T_INTEQ(pl.v[pl.n - 2].kind, OUT_STATIC);
	T_OK(find(&pl, "rss.xml") >= 0);
	T_OK(find(&pl, "atom.xml") >= 0);
	T_OK(find(&pl, "nhat-ky/atom.xml") >= 0);
	T_OK(find(&pl, "thu-tuc/rss.xml") >= 0);
	T_OK(find(&pl, "robots.txt") >= 0);
	T_OK(find(&pl, "ke-hoach/kh/index.json") >= 0);
	T_OK(find(&pl, "404.html") >= 0);
	T_OK(find(&pl, "index.html") >= 0);
	T_OK(find(&pl, "tin-tuc/index.html") >= 0);
	/* A page, then the files copied beside it. */
	ia = find(&pl, "tin-tuc/a/index.html");
	iasset = find(&pl, "tin-tuc/a/anh.png");
	T_OK(ia >= 0 && iasset == ia + 1);
	T_INTEQ(pl.v[iasset].kind, OUT_ASSET);
	T_OK(pl.v[iasset].page == a);
	T_STREQ(pl.v[iasset].src, "content/tin-tuc/anh.png");
	T_OK(pl.v[ia].subject == SUBJ_PAGE && pl.v[ia].page == a);
	/* Photos: one variant of each first (its record decodes the
	   photo), then the others, an image's together. */
	{
		static const char *const want[] = {
			"anh/hoi-nghi-0.jpg", "anh/toa-dam-0.jpg",
			"anh/hoi-nghi-1.jpg", "anh/hoi-nghi-2.jpg",
			"anh/toa-dam-1.jpg"
		};
		long	 i0 = find(&pl, want[0]);
		size_t	 k;

		T_OK(i0 > 0);
		for (k = 0; i0 > 0 && k < 5; k++) {
			T_STREQ(pl.v[i0 + (long)k].path, want[k]);
			T_INTEQ(pl.v[i0 + (long)k].kind, OUT_IMAGE);
			T_OK(pl.v[i0 + (long)k].subject == SUBJ_IMAGE);
		}
		T_OK(pl.v[i0].image == imgs.v[0] && pl.v[i0].part == 0);
		T_OK(pl.v[i0 + 4].image == imgs.v[1] && pl.v[i0 + 4].part == 1);
	}
	/* No file twice. */
	{
		size_t i, k;
		int dup = 0;

		for (i = 0; i < pl.n; i++)
			for (k = i + 1; k < pl.n; k++)
				dup |= strcmp(pl.v[i].path, pl.v[k].path) == 0;
		T_OK(!dup);
	}

	/* A photo: its variants and what shows the page using it. */
	T_OK(affects(&pl, &s, "content/tin-tuc/hoi-nghi.jpg",
	    "anh/hoi-nghi-2.jpg"));
	T_OK(affects(&pl, &s, "content/tin-tuc/hoi-nghi.jpg",
	    "tin-tuc/a/index.html"));
	T_OK(affects(&pl, &s, "content/tin-tuc/hoi-nghi.jpg", "index.html"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/hoi-nghi.jpg",
	    "anh/toa-dam-0.jpg"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/hoi-nghi.jpg",
	    "tin-tuc/c/index.html"));
	T_OK(affects(&pl, &s, "content/tin-tuc/toa-dam.jpg",
	    "anh/toa-dam-1.jpg"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/toa-dam.jpg",
	    "tin-tuc/a/index.html"));

	/* Edits. */
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "tin-tuc/a/index.html"));
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "tin-tuc/index.html"));
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "index.html"));
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "rss.xml"));
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "sitemap.xml"));
	/* Its neighbour shows it; the post two away does not. */
	T_OK(affects(&pl, &s, "content/tin-tuc/a.md", "tin-tuc/b/index.html"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/a.md", "tin-tuc/c/index.html"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/a.md", "thu-tuc/t/index.html"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/a.md", "tin-tuc/a/anh.png"));
	/* a links to the plan: the plan's URL is in a's page. */
	T_OK(affects(&pl, &s, "plans/kh.md", "tin-tuc/a/index.html"));
	T_OK(affects(&pl, &s, "plans/kh.md", "ke-hoach/kh/index.json"));
	T_OK(!affects(&pl, &s, "plans/kh.md", "tin-tuc/c/index.html"));
	T_OK(!affects(&pl, &s, "content/tin-tuc/c.md", "thu-tuc/t/index.html"));
	T_OK(affects(&pl, &s, "content/thu-tuc/t.md", "thu-tuc/index.json"));
	T_OK(!affects(&pl, &s, "content/thu-tuc/t.md", "tin-tuc/a/index.html"));
	/* The nav links to the about page: every page. */
	T_OK(affects(&pl, &s, "content/gioi-thieu.md", "tin-tuc/c/index.html"));
	T_OK(affects(&pl, &s, "content/gioi-thieu.md", "404.html"));
	/* Files copied: themselves only. */
	T_INTEQ(count_affected(&pl, &s, "content/tin-tuc/anh.png"), 1);
	T_OK(affects(&pl, &s, "content/tin-tuc/anh.png", "tin-tuc/a/anh.png"));
	T_INTEQ(count_affected(&pl, &s, "themes/default/static/style.css"), 1);
	/* A template: every page, no feed. */
	T_OK(affects(&pl, &s, "themes/default/partials/head.mustache",
	    "404.html"));
	T_OK(!affects(&pl, &s, "themes/default/layouts/post.mustache",
	    "rss.xml"));
	T_OK(!affects(&pl, &s, "themes/other/layouts/post.mustache",
	    "404.html"));
	/* site.yaml: everything but copied pages' files and build.json. */
	T_INTEQ(count_affected(&pl, &s, "site.yaml"), pl.n - 2);
	T_INTEQ(count_affected(&pl, &s, "content/none.md"), 0);
	outplan_free(&pl);

	/* With the search index: ids follow dates, the oldest first (of
	   the posts c, then b, then a).  Any edit of b may give it a new
	   date: every document file from b's id on (a's too, not c's); an
	   edit in place lists only b's own. */
	{
		char	 da[64], db[64], dc[64];
		struct page *const pp[] = { a, b, c };
		size_t	 k;

		for (k = 0; k < 3; k++)
			if (pp[k]->md.html == NULL) {
				pp[k]->md.html = xstrdup("<p>bài</p>");
				pp[k]->md.first_para = xstrdup("");
				pp[k]->md_done = 1;
			}
		search_build(&s, 1);
		T_OK(s.search != NULL);
		outplan_make(&pl, &s, "themes/default", &statics);
		T_OK(a->doc >= 0 && b->doc >= 0 && c->doc >= 0);
		T_OK(c->doc < b->doc && b->doc < a->doc);
		snprintf(da, sizeof(da), "tim-kiem/chi-muc/d/%ld.js", (long)a->doc);
		snprintf(db, sizeof(db), "tim-kiem/chi-muc/d/%ld.js", (long)b->doc);
		snprintf(dc, sizeof(dc), "tim-kiem/chi-muc/d/%ld.js", (long)c->doc);
		T_OK(find(&pl, db) >= 0);
		T_OK(affects_how(&pl, &s, "content/tin-tuc/b.md", db, 0));
		T_OK(affects_how(&pl, &s, "content/tin-tuc/b.md", da, 0));
		T_OK(!affects_how(&pl, &s, "content/tin-tuc/b.md", dc, 0));
		T_OK(affects_how(&pl, &s, "content/tin-tuc/b.md", db, 1));
		T_OK(!affects_how(&pl, &s, "content/tin-tuc/b.md", da, 1));
		T_OK(!affects_how(&pl, &s, "content/tin-tuc/b.md", dc, 1));
		T_OK(affects_how(&pl, &s, "content/tin-tuc/b.md",
		    "tin-tuc/b/index.html", 1));
		outplan_free(&pl);
	}

	/* More URLs than sitemap_max_urls: an index and its parts. */
	s.cfg.sitemap_max_urls = 4;
	outplan_make(&pl, &s, "themes/default", &statics);
	T_STREQ(pl.v[2].path, "sitemap.xml");
	T_STREQ(pl.v[3].path, "sitemap-1.xml");
	T_INTEQ(pl.v[3].part, 1);
	T_OK(find(&pl, "sitemap-2.xml") >= 0);
	/* A preview's plan: the data file taken out, the rest in order. */
	{
		size_t	 n = pl.n;

		outplan_drop(&pl, OUT_DATA_JSON);
		T_INTEQ(pl.n, n - 1);
		T_OK(find(&pl, "du-lieu.json") < 0);
		T_STREQ(pl.v[0].path, "thu-tuc/index.json");
		T_STREQ(pl.v[pl.n - 1].path, "build.json");
		outplan_drop(&pl, OUT_SITEMAP);
		T_OK(find(&pl, "sitemap.xml") < 0 &&
		    find(&pl, "sitemap-2.xml") < 0);
		T_OK(find(&pl, "rss.xml") >= 0);
	}
	outplan_free(&pl);

	strlist_free(&statics);
	site_free(&s);
	images_free(&imgs);
	return t_done("outplan");
}
