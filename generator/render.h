/*
 * render.h - stage 4: every page through its theme layout.  The views
 * (the template contexts) are made from the model, whose page bodies
 * bodies.h has already filled.
 *
 * render_page() touches only its own page and reads the rest of the
 * site, so it runs in parallel over pages once render_summaries() is
 * done.
 */
#ifndef CCHC_RENDER_H
#define CCHC_RENDER_H

#include <stdint.h>

struct buf;
struct page;
struct site;

/*
 * Builds page->summary for every built page, and the parts of contexts
 * many pages share (nav, feeds, ...), kept in render.c for this site
 * until the next build's render_site_value() or render_summaries()
 * (serial; bodies_finish() calls it last, before pages render).
 */
void	 render_summaries(struct site *);
/* Builds the "site" map shared by every context. */
void	 render_site_value(struct site *);
/* Renders the page's layout into out; 0 or -1 (errors in page->diag). */
int	 render_page(const struct site *, struct page *, struct buf *out);
/*
 * The same in two steps: the page's template context (caller unrefs),
 * then the layout over it.  Between them, render_key() hashes what the
 * output depends on: s->render_salt (templates, site data), the layout
 * and the context.  Same key, same bytes.
 */
struct val;
struct hasher;
struct val	*render_context(const struct site *, const struct page *);
int	 render_with(const struct site *, struct page *, struct val *ctx,
	    struct buf *out);
uint64_t render_key(const struct site *, const struct page *,
	    const struct val *ctx);
void	 render_hash_val(struct hasher *, const struct val *);
/* Layout name a page kind uses ("post", "404", ...). */
const char *render_layout(int kind);

#endif
