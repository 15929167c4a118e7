/*
 * patch.c - an edited body brought to a kept build's output; see patch.h.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bodies.h"
#include "buf.h"
#include "build.h"
#include "diag.h"
#include "emit.h"
#include "errtext.h"
#include "fs.h"
#include "hash.h"
#include "markdown.h"
#include "model.h"
#include "outplan.h"
#include "parse.h"
#include "patch.h"
#include "render.h"
#include "scan.h"
#include "search.h"
#include "session.h"
#include "util.h"
#include "value.h"
#include "write.h"

/* What a page's body gave it, taken out of the page to compare. */
struct body_state {
	struct md_result md;
	int		 md_done;
	struct asset	*assets;
	size_t		 nassets, assets_cap;
	struct page	**cites;
	size_t		 ncites, cites_cap;
	struct page	**links;
	size_t		 nlinks, links_cap;
	struct image	**images;
	size_t		 nimages, images_cap;
	struct image	*cover;
};

static void
body_take(struct page *p, struct body_state *b)
{
	b->md = p->md;
	b->md_done = p->md_done;
	b->assets = p->assets;
	b->nassets = p->nassets;
	b->assets_cap = p->assets_cap;
	b->cites = p->cites;
	b->ncites = p->ncites;
	b->cites_cap = p->cites_cap;
	b->links = p->links;
	b->nlinks = p->nlinks;
	b->links_cap = p->links_cap;
	b->images = p->images;
	b->nimages = p->nimages;
	b->images_cap = p->images_cap;
	b->cover = p->cover;
	memset(&p->md, 0, sizeof(p->md));
	p->md_done = 0;
	p->assets = NULL;
	p->nassets = p->assets_cap = 0;
	p->cites = NULL;
	p->ncites = p->cites_cap = 0;
	p->links = NULL;
	p->nlinks = p->links_cap = 0;
	p->images = NULL;
	p->nimages = p->images_cap = 0;
	p->cover = NULL;
}

static void
body_free(struct body_state *b)
{
	size_t	 i;

	if (b->md_done)
		md_result_free(&b->md);
	for (i = 0; i < b->nassets; i++) {
		free(b->assets[i].src);
		free(b->assets[i].dest);
	}
	free(b->assets);
	free(b->cites);
	free(b->links);
	free(b->images);
}

static int
same_ptrs(void *const *a, size_t na, void *const *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0);
}

/*
 * Does the page's new body reach the rest of the site as the old one
 * did: the same copied files, the same photos (their variants are in the
 * plan), the same plans cited (their "cited by" lists)?  Its links may
 * differ: the caller then has the plan's dependencies made again.
 */
static int
same_reach(const struct page *p, const struct body_state *old)
{
	size_t	 i;

	if (p->nassets != old->nassets || p->cover != old->cover ||
	    !same_ptrs((void *const *)p->images, p->nimages,
	    (void *const *)old->images, old->nimages) ||
	    !same_ptrs((void *const *)p->cites, p->ncites,
	    (void *const *)old->cites, old->ncites))
		return 0;
	for (i = 0; i < p->nassets; i++)
		if (strcmp(p->assets[i].src, old->assets[i].src) != 0 ||
		    strcmp(p->assets[i].dest, old->assets[i].dest) != 0)
			return 0;
	return 1;
}

static uint64_t
meta_hash(const struct val *meta)
{
	struct hasher	 h;

	hasher_init(&h);
	render_hash_val(&h, meta);
	return hasher_done(&h);
}

/*
 * Parses the page's file again and, if only its body changed, takes the
 * new text and renders it: 1, or 0 when the site must be built again.
 * *relink: its links changed.
 */
static int
patch_body(const struct patch_env *env, struct page *p, int *relink)
{
	struct site	*s = env->site;
	struct page	*q;
	struct body_state old;
	char		*t;
	int		 ok = 0;

	q = page_new(p->kind, p->src);
	parse_page(&s->today, env->sess->src, NULL, q);
	if (q->failed || q->diag.errors > 0 || q->kind != p->kind ||
	    meta_hash(q->meta) != meta_hash(p->meta))
		goto out;
	/* The new text; q takes the old one away. */
	t = p->text;
	p->text = q->text;
	q->text = t;
	p->textlen = q->textlen;
	p->body_off = q->body_off;
	p->body_line = q->body_line;
	diag_free(&p->diag);
	diag_init(&p->diag);
	diag_move(&p->diag, &q->diag);	/* parse's warnings */

	body_take(p, &old);
	bodies_markdown(s, env->sess->src, NULL, p);
	if (p->failed || p->diag.errors > 0 || !same_reach(p, &old)) {
		body_free(&old);
		goto out;
	}
	if (!same_ptrs((void *const *)p->links, p->nlinks,
	    (void *const *)old.links, old.nlinks))
		*relink = 1;
	body_free(&old);
	render_summary(s, p);
	ok = 1;
out:
	page_free(q);
	return ok;
}

/*
 * Of the search index's files, a body edit changes only the edited
 * documents' own and the buckets and shards search_update() marked:
 * no date, title or type moved, so no id, and the root stays.
 */
static int
search_touched(const struct patch_env *env, const struct output *o,
    const char *const *changed, size_t n)
{
	size_t	 k;

	switch (o->kind) {
	case OUT_SEARCH_ROOT:
		return 0;
	case OUT_SEARCH_BUCKET:
		return search_dirty(env->site->search, 0, o->part);
	case OUT_SEARCH_DICT:
		return search_dirty(env->site->search, 1, o->part);
	case OUT_SEARCH_DOC:
		for (k = 0; k < n; k++)
			if (strcmp(o->page->src, changed[k]) == 0)
				return 1;
		return 0;
	default:
		return 1;
	}
}

/*
 * The outputs that read any changed file (bodies: and show what a page's
 * body makes, for an edit to bodies only), as a plan of their own.
 */
static void
affected_plan(const struct patch_env *env, const char *const *changed,
    size_t n, int bodies, struct outplan *sub)
{
	struct outplan	*pl = env->plan;
	unsigned char	*hit = xcalloc(pl->n ? pl->n : 1, 1);
	size_t		*idx, i, k, m;

	memset(sub, 0, sizeof(*sub));
	for (k = 0; k < n; k++) {
		/* A body patch keeps every front matter: no id moves. */
		m = bodies ? outplan_affected_in_place(pl, env->site,
		    env->sess->theme_dir, changed[k], &idx) :
		    outplan_affected(pl, env->site, env->sess->theme_dir,
		    changed[k], &idx);
		for (i = 0; i < m; i++)
			hit[idx[i]] = 1;
		free(idx);
	}
	sub->v = xcalloc(pl->n ? pl->n : 1, sizeof(*sub->v));
	for (i = 0; i < pl->n; i++)
		if (hit[i] && (!bodies || (outplan_shows_bodies(pl->v[i].kind) &&
		    search_touched(env, &pl->v[i], changed, n))))
			sub->v[sub->n++] = pl->v[i];	/* borrowed */
	sub->cap = sub->n;
	sub->have_deps = 1;
	sub->partial = 1;
	free(hit);
}

/* Makes those outputs and keeps every other file: PATCH_*. */
static enum patch_result
patch_write(const struct patch_env *env, const char *const *changed,
    size_t n, int bodies, size_t *written)
{
	struct site	*s = env->site;
	struct outplan	 sub;
	struct outdir	 o;
	enum patch_result rc = PATCH_FAILED;
	int		 rc2;

	affected_plan(env, changed, n, bodies, &sub);
	memset(&o, 0, sizeof(o));
	rc2 = out_begin(&o, env->opt->out, env->sess->root, env->cache,
	    *env->probe, &s->diag);
	out_probe_free(*env->probe);
	*env->probe = NULL;
	if (rc2 == -1)
		goto out;
	if (!o.update || !o.intact) {
		/* Files edited behind our back, or no manifest: whole. */
		rc = PATCH_REBUILD;
		goto out;
	}
	if (emit_run(s, env->sess, &sub, &o) == -1 || s->diag.errors > 0)
		goto out;
	if (out_keep_rest(&o) == -1) {
		rc = PATCH_REBUILD;
		goto out;
	}
	o.fingerprint = 0;
	o.note = xstrdup("");
	if (out_commit(&o, &s->diag) == -1)
		goto out;
	*written = o.written;
	*env->probe = out_probe_after(&o);
	rc = PATCH_DONE;
out:
	out_abort(&o, &s->diag);
	free(sub.v);
	return rc;
}

/*
 * Is this path, not a page of the site, gone and was never part of it:
 * not site.yaml, the theme, a file of the site or a folder of pages?
 */
static int
gone(const struct patch_env *env, const char *path)
{
	const struct site *s = env->site;
	size_t		 i, n = strlen(path);

	if (!fs_missing_under(env->sess->root, path) ||
	    strcmp(path, "site.yaml") == 0 ||
	    (strncmp(path, env->sess->theme_dir, strlen(env->sess->theme_dir))
	    == 0))
		return 0;
	/* A photo or file of the site, removed. */
	for (i = 0; s->files != NULL && i < s->files->len; i++)
		if (strcmp(s->files->v[i], path) == 0)
			return 0;
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->src != NULL &&
		    strncmp(s->pages[i]->src, path, n) == 0 &&
		    s->pages[i]->src[n] == '/')
			return 0;
	return 1;
}

enum patch_result
patch_apply(const struct patch_env *env, const char *const *changed,
    size_t n, size_t *written)
{
	struct page	*p;
	struct search_doc *old;
	size_t		 i;
	int		 relink = 0, ok;

	*written = 0;
	if (n == 0)
		return PATCH_REBUILD;
	search_clean(env->site->search);
	/* Only built posts and pages, whose bodies nothing else parses
	   (a plan's holds its tasks, a procedure's its sections). */
	for (i = 0; i < n; i++) {
		p = model_find_src(env->site, changed[i]);
		/* An editor's temporary file, gone by now ("sed -i", a
		   save renamed over the page), was never part of the site;
		   a new file or folder, a page removed change it. */
		if (p == NULL && gone(env, changed[i]))
			continue;
		if (p == NULL || p->failed || p->url == NULL ||
		    (p->kind != PAGE_POST && p->kind != PAGE_PAGE))
			return PATCH_REBUILD;
		/* The index follows the body: its terms before and after. */
		old = search_take(env->site, p);
		ok = patch_body(env, p, &relink) && (old == NULL ||
		    search_update(env->site, p, old) == 0);
		search_doc_free(old);
		if (!ok)
			return PATCH_REBUILD;
	}
	if (relink)
		outplan_deps_forget(env->plan);
	return patch_write(env, changed, n, 1, written);
}

enum patch_result
patch_pages_now(const struct patch_env *env, const char *const *viewed,
    size_t n)
{
	struct site	*s = env->site;
	struct page	*p;
	struct buf	 b = BUF_INIT;
	char		*path;
	size_t		 i, k;
	int		 rc = 0;

	for (k = 0; k < n && rc == 0; k++)
		for (i = 0; i < s->npages && rc == 0; i++) {
			p = s->pages[i];
			if (p->url == NULL || p->out == NULL || p->failed ||
			    p->skip || strcmp(p->url, viewed[k]) != 0)
				continue;
			buf_reset(&b);
			if (render_page(&env->sess->render, s, p, &b) == -1) {
				rc = -1;
				break;
			}
			path = fs_join(env->opt->out, p->out);
			if (fs_replace(path, b.data, b.len) == -1) {
				diag_err(&s->diag, path, 0, 0, "không ghi được "
				    "tệp: %s", err_text(errno));
				rc = -1;
			}
			free(path);
			break;	/* one page a URL */
		}
	buf_free(&b);
	return rc == 0 ? PATCH_DONE : PATCH_FAILED;
}

enum patch_result
patch_outputs(const struct patch_env *env, const char *const *changed,
    size_t n, size_t *written)
{
	*written = 0;
	return patch_write(env, changed, n, 0, written);
}
