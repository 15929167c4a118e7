/*
 * markdown.h - Markdown to HTML with cmark-gfm (table, strikethrough,
 * autolink, tagfilter, tasklist, footnotes), the way cchc needs it:
 *
 *  - raw HTML (blocks and inline) is dropped unless opts.unsafe is set,
 *    save a plain <br> (also <br/>, <br />, any case; no attributes),
 *    which becomes a line break ("<br />"): the only line break a GFM
 *    table cell has, common in plans converted from Word;
 *  - links and images with a dangerous URL (javascript:, vbscript:, ...)
 *    lose it (see url_is_safe in url.h);
 *  - headings get stable ids: slug_make() of their text, "-2", "-3" ...
 *    appended to repeats, "muc-N" when the text slugs to nothing;
 *  - every link and image destination without a URL scheme (relative
 *    paths, "/x", but not "#frag" alone) is passed to the resolver, which
 *    may rewrite it or report an error;
 *  - GFM table alignment is written as style attributes (HTML5 has no
 *    align attribute);
 *  - an image the resolver gave widths (struct md_target) is written with
 *    width, height, srcset, sizes, loading="lazy" and decoding="async"
 *    (the first one eager, fetchpriority="high", with opts.eager_first);
 *    alone in its paragraph with a title, it is a <figure> whose
 *    <figcaption> is the title; image-only paragraphs in a row holding
 *    two images or more are one gallery: a list of thumbnails, each a
 *    link to its largest width (keyboard and no-JavaScript friendly);
 *    an image without alt text is a warning;
 *  - a link to a file the resolver labelled is followed by the label
 *    ("<span class=\"tep\">(PDF, 1,2 MB)</span>").
 *
 * Line numbers in messages are those of the source file: `first_line` is
 * the line of the file on which `src` starts (after the front matter).
 */
#ifndef CCHC_MARKDOWN_H
#define CCHC_MARKDOWN_H

#include <stddef.h>

struct buf;
struct diag;

/*
 * What a link or image destination became (md_resolve_fn fills it; every
 * field starts empty).  URLs are unescaped; markdown.c escapes them.
 */
struct md_target {
	struct buf	*url;		/* the new destination */
	/* Links to a file: what it is, written after the link in the page
	   ("PDF, 1,2 MB"); empty: nothing. */
	struct buf	*label;
	/* Images published in several widths (images.h); else empty/0. */
	struct buf	*srcset;	/* "a-480.h.jpg 480w, a-800.h.jpg 800w" */
	struct buf	*large;		/* the largest width's URL */
	int		 width, height;	/* of the image at url */
};

/*
 * Rewrites one link destination.  `dest` is the destination as written;
 * `is_image` tells an image from a link; line/col point at the link in
 * the source file.  On success fill `out` (at least its url) and return
 * 0; to keep the destination as it is, append it unchanged to out->url.
 * On failure report through diag and return -1 (the link is kept and the
 * page counts as failed).
 */
typedef int (*md_resolve_fn)(void *arg, const char *dest, int is_image,
    int line, int col, struct md_target *out, struct diag *);

/*
 * Cross-references: called for each document number in running text
 * ("19/KH-UBND", "1738/QĐ-UBND": digits, "/", letters, digits and "-").
 * To link it, append the URL to `out` and return 1; else return 0.
 */
typedef int (*md_xref_fn)(void *arg, const char *number, struct buf *out);

struct md_opts {
	int		 unsafe;	/* keep raw HTML */
	md_resolve_fn	 resolve;	/* may be NULL: keep every link */
	void		*resolve_arg;
	md_xref_fn	 xref;		/* may be NULL: no cross-references */
	void		*xref_arg;
	/* The first image published in widths is the page's largest paint
	   (it has no cover above it): loaded at once, first. */
	int		 eager_first;
};

struct md_heading {
	int	 level;
	char	*id;
	char	*text;		/* plain text */
};

struct md_result {
	char			*html;
	size_t			 html_len;	/* strlen(html); 0: not known */
	struct md_heading	*toc;	/* every heading, in order */
	size_t			 ntoc;
	char			*first_para;	/* plain text of the first paragraph, or "" */
};

/*
 * Renders src[0..len), which must be valid UTF-8 (cchc checks every
 * file as it reads it).  `file` names the source in messages.  Returns 0,
 * or -1 if the resolver reported an error (the result is still filled so
 * the caller can free it).  The result must be freed with md_result_free.
 * Thread-safe: call md_init() once before starting threads.
 */
void	 md_init(void);
int	 md_render(const char *file, const char *src, size_t len,
	    int first_line, const struct md_opts *, struct md_result *,
	    struct diag *);
void	 md_result_free(struct md_result *);
/*
 * The cmark-gfm tree of src, parsed with the same extensions and options
 * as md_render (its inlines under the same lock: cmark-gfm's inline
 * parser is not thread-safe).  For stages that read structure (plan
 * tasks, procedure sections).  Free with cmark_node_free().  Positions
 * are 1-based within src.
 */
struct cmark_node;
struct cmark_node *md_parse_doc(const char *src, size_t len);
/* 1 if an inline HTML literal is a plain <br> as above. */
int	 md_is_br(const char *html);
/*
 * The one plain-text walk: appends to b the text of the subtree at root
 * (text and code literals, alt text; no markup, raw HTML or footnote
 * labels).  flags 0: white space runs, line breaks and <br> become one
 * space, and a trailing space is dropped.  MD_TEXT_LINES: literals as
 * they are, a line break for soft and hard breaks and <br>, one line per
 * paragraph or heading, and "- " before each list item below root (plan
 * cells: plan_tasks.c splits partners on them).
 */
#define MD_TEXT_LINES	0x1
void	 md_text(struct buf *b, struct cmark_node *root, int flags);
/* md_text(.., 0) as a new string.  Caller frees. */
char	*md_node_text(struct cmark_node *);

#endif
