/*
 * links.h - what a link written in a page points to (see README.md,
 * "Links and files"): a path to another page becomes that page's URL, a
 * path to a file becomes the file's name beside the page and is recorded
 * as one of the page's assets, "/x" is made relative to the section
 * root; a plan's number in running text becomes a link to the plan and
 * the page is remembered as citing it.
 *
 * A link to another page's .md file is also recorded in the page's
 * `links` (the pages whose URLs its output shows: outplan.c's
 * dependencies read them).
 *
 * Resolving a link writes only the page's own state (its diag, assets,
 * cites and links) and reads the rest of the site (the model, for the
 * pages and their URLs) and the source tree (source.h, for the files),
 * so pages resolve their links in parallel once model_build() is done.
 */
#ifndef CCHC_LINKS_H
#define CCHC_LINKS_H

struct buf;
struct img_focus;
struct diag;
struct page;
struct site;
struct source;

/*
 * The resolver state of one page; links_init() fills, links_free() frees.
 * The site and the source are borrowed.
 */
struct links {
	const struct site	*site;
	struct source		*src;	/* where linked files are looked for */
	struct page		*page;
	char			*dir;	/* folder of the page's source */
	char			*root;	/* "../../" from the page to the root */
	/* Resolving the front-matter image: a raster one becomes the
	   page's cover (with this focus for its crops, or NULL). */
	int			 cover;
	const struct img_focus	*focus;
};

void	 links_init(struct links *, const struct site *, struct source *,
	    struct page *);
void	 links_free(struct links *);
/*
 * An md_resolve_fn (markdown.h) over a struct links: appends the new URL
 * to out, records copied files as the page's assets and linked pages as
 * its links; 0, or -1 with the error in d.
 */
struct md_target;
int	 links_resolve(void *links, const char *dest, int is_image, int line,
	    int col, struct md_target *out, struct diag *d);
/* An md_xref_fn over a struct links: 1 and the plan's URL, or 0. */
int	 links_xref(void *links, const char *number, struct buf *out);
/*
 * links_resolve() for one destination written in page p, errors in
 * p->diag.
 */
int	 links_resolve_one(const struct site *, struct source *, struct page *,
	    const char *dest, int is_image, int line, int col, struct buf *out);

#endif
