/*
 * render.h - stage 4: every page through its theme layout.  The views
 * (the template contexts) are made from the model, whose page bodies
 * bodies.h has already filled.
 *
 * What rendering reads besides the model is a struct render_env (in the
 * build session, session.h, which owns it): the compiled theme, the
 * "site" map every context starts from, the salt of render_key(), and
 * the parts of contexts many pages share.  The model is only read.
 *
 * render_page() touches only its own page and reads the rest of the
 * site and the env, so it runs in parallel over pages once
 * render_share() is done.
 */
#ifndef CCHC_RENDER_H
#define CCHC_RENDER_H

#include <stdint.h>

struct buf;
struct hasher;
struct page;
struct render_env;
struct site;
struct site_config;
struct val;

/*
 * Builds page->summary (the map lists show) for every built page:
 * model data, made here because it is a view's map (serial;
 * bodies_finish() calls it last).
 */
void	 render_summaries(struct site *);
/* The same for one page (again, after its body changed: patch.c). */
void	 render_summary(const struct site *, struct page *);
/*
 * env->site_val: the "site" map shared by every context, from site.yaml's
 * fields.  Lets the env's old one and its shared parts go.
 */
void	 render_site_value(struct render_env *, const struct site_config *);
/*
 * Builds the parts of contexts many pages share (nav, feeds, ...) for
 * site s into env, once, before pages render (serial).  Pages of another
 * site get theirs built per page, the same values.
 */
void	 render_share(struct render_env *, const struct site *);
/* Releases the env's theme, site_val and shared parts; zeroes it. */
void	 render_env_free(struct render_env *);
/* Renders the page's layout into out; 0 or -1 (errors in page->diag). */
int	 render_page(const struct render_env *, const struct site *,
	    struct page *, struct buf *out);
/*
 * The same in two steps: the page's template context (caller unrefs),
 * then the layout over it.  Between them, render_key() hashes what the
 * output depends on: env->salt (templates, site data), the layout and
 * the context.  Same key, same bytes.
 */
struct val	*render_context(const struct render_env *, const struct site *,
		    const struct page *);
int	 render_with(const struct render_env *, struct page *, struct val *ctx,
	    struct buf *out);
uint64_t render_key(const struct render_env *, const struct page *,
	    const struct val *ctx);
void	 render_hash_val(struct hasher *, const struct val *);
/* Layout name a page kind uses ("post", "404", ...). */
const char *render_layout(int kind);
/* A procedure's `online` as its badge says it ("Toàn trình"), or NULL. */
const char *render_online_label(const char *online);

#endif
