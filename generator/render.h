/*
 * render.h - stage 4: Markdown bodies to HTML (links checked and
 * rewritten, files a page links to recorded as assets), then every page
 * through its theme layout.
 *
 * render_markdown() and render_page() touch only their own page and read
 * the rest of the site, so they run in parallel over pages once
 * model_build() and (for render_page) render_summaries() are done.
 */
#ifndef CCHC_RENDER_H
#define CCHC_RENDER_H

#include <stdint.h>

struct buf;
struct page;
struct site;

void	 render_markdown(const struct site *, struct page *);
/*
 * Builds page->summary for every built page, and the parts of contexts
 * many pages share (nav, feeds, ...), kept in render.c for this site
 * until the next build's render_site_value() or render_summaries()
 * (serial, after Markdown, before pages render).
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
/*
 * Rewrites one link destination written in page p (see README, "Links
 * and files"): appends the new URL to out, records copied files as the
 * page's assets.  0, or -1 with the error in p->diag.
 */
int	 render_resolve(const struct site *, struct page *, const char *dest,
	    int is_image, int line, int col, struct buf *out);
/* The data of a periodic report (see docs/templates.md); caller unrefs. */
struct report;
struct val	*render_report_value(const struct site *, const struct report *);
/* Layout name a page kind uses ("post", "404", ...). */
const char *render_layout(int kind);

#endif
