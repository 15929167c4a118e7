/*
 * bodies.h - page bodies, the part of the model that needs the whole
 * URL table: Markdown to HTML with links resolved (links.h), the files a
 * page links to (assets), cross-references to plans, a procedure's
 * sections, a plan's tasks and the cover image.
 *
 * bodies_markdown() touches only its own page and reads the rest of the
 * site, so it runs in parallel over pages once model_build() is done,
 * with s->mdc open (or NULL: no cache).
 */
#ifndef CCHC_BODIES_H
#define CCHC_BODIES_H

struct page;
struct site;

/* Fills p->md (or p->sec_html), p->assets, p->cites, p->tasks. */
void	 bodies_markdown(const struct site *, struct page *);

#endif
