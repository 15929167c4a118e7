/*
 * parse.h - stage 2: read one source page, check its text and front
 * matter, and work out its kind, title, dates, slug and URL.
 *
 * parse_page() touches only its own page (and reads the site's config and
 * date), so pages are parsed in parallel.  Problems go to page->diag with
 * file:line:col; page->failed is set on errors.
 */
#ifndef CCHC_PARSE_H
#define CCHC_PARSE_H

struct page;
struct site;

/* Kind of a source path ("content/tin-tuc/..." -> PAGE_POST ...). */
int	 parse_kind(const char *src);
void	 parse_page(const struct site *, struct page *);
/* Longest text read from one source file. */
#define PARSE_MAX_FILE (16u << 20)

#endif
