/*
 * bodies.h - the model completed: what needs the whole URL table, after
 * model_build() and before anything renders.
 *
 * Page bodies: Markdown to HTML with links resolved (links.h), the files
 * a page links to (assets), cross-references to plans, a procedure's
 * sections, a plan's tasks and the cover image.  Then what needs every
 * body: posts linked to their plans and tasks, which plans cite each
 * plan, each task's status, the summaries lists show (their maps are
 * made by render.c).
 *
 * What it reads besides the model is handed in: the source tree, the
 * Markdown cache and the number of threads (the build session's,
 * session.h).
 */
#ifndef CCHC_BODIES_H
#define CCHC_BODIES_H

struct mdcache;
struct page;
struct site;
struct source;

/*
 * Every page's body after model_build(), in parallel on `jobs` threads:
 * links are resolved against the model and files looked for in `src`;
 * Markdown goes through `mdc` (mdcache.h; NULL: no cache), which the
 * caller opens and closes (its messages then go to the site's diag).
 * With CCHC_TIMES set, says the cache's hits and misses on stderr.
 * Failures mark their pages.
 */
void	 bodies_pages(struct site *, struct source *src, struct mdcache *mdc,
	    int jobs);
/*
 * The same, the pages taken in the order of `order` (every page of the
 * site once), and done(arg, page) called after each page's body, on the
 * thread that made it.
 */
void	 bodies_pages_in(struct site *, struct source *src,
	    struct mdcache *mdc, int jobs, struct page *const *order,
	    void (*done)(void *, const struct page *), void *arg);
/*
 * Then what needs every body: plans_link(), plans_cited_by(),
 * plans_statuses() and the summaries (render_summaries).  Returns 0, or
 * -1 if any page has failed (here or before).
 */
int	 bodies_finish(struct site *);
/*
 * One page's body: fills p->md (or p->sec_html), p->assets, p->cites,
 * p->links, p->tasks, then frees p->text (NULL: nothing reads it after).
 * Touches only p and reads the rest of the site; src and mdc as for
 * bodies_pages().
 */
void	 bodies_markdown(const struct site *, struct source *src,
	    struct mdcache *mdc, struct page *);

#endif
