/*
 * bodies.h - the model completed: what needs the whole URL table, after
 * model_build() and before anything renders.
 *
 * Page bodies: Markdown to HTML with links resolved (links.h), the files
 * a page links to (assets), cross-references to plans, a procedure's
 * sections, a plan's tasks and the cover image.  Then what needs every
 * body: posts linked to their plans and tasks, which plans cite each
 * plan, each task's status, the summaries lists show (their maps are
 * made by render.c, which also keeps the parts of contexts pages share).
 */
#ifndef CCHC_BODIES_H
#define CCHC_BODIES_H

struct page;
struct site;

/*
 * Completes the model after model_build(): every page's body (in
 * parallel, s->jobs threads, through the Markdown cache kept in
 * `cache_dir`, or none if NULL), then plans_link(), plans_cited_by(),
 * plans_statuses() and the summaries.
 * `timer`, if not NULL, is called with "markdown" and "summaries" as
 * each part ends (CCHC_TIMES).  Failures mark their pages; returns 0,
 * or -1 if any page has failed.
 */
int	 bodies_finish(struct site *, const char *cache_dir,
	    void (*timer)(const char *));
/*
 * One page's body: fills p->md (or p->sec_html), p->assets, p->cites,
 * p->tasks.  Touches only p and reads the rest of the site, with s->mdc
 * open (or NULL: no cache).
 */
void	 bodies_markdown(const struct site *, struct page *);

#endif
