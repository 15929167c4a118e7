/*
 * parse.h - stage 2: read one source page, check its text and front
 * matter, and work out its kind, title, dates, slug and URL.
 *
 * parse_page() touches only its own page (and reads the build's date and
 * the source tree), so pages are parsed in parallel.  Problems go to
 * page->diag with file:line:col; page->failed is set on errors.
 */
#ifndef CCHC_PARSE_H
#define CCHC_PARSE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct cdate;
struct page;
struct source;

/*
 * Files read once for the build's fingerprint and handed on to the parse
 * stage, so that no page is read twice.  parse_page() takes a page's
 * buffer (leaving it empty); build.c frees what is left.
 */
struct prefetch {
	char		**paths;	/* sorted */
	struct buf	 *bufs;		/* bufs[i] holds paths[i] */
	uint64_t	 *hashes;	/* of the bytes, 0 if unread */
	unsigned char	 *clean;	/* set by parse: valid UTF-8 in NFC */
	size_t		  n;
	/* Content hashes an earlier build found clean (sorted): such a
	   file need not be checked byte by byte again. */
	uint64_t	 *known;
	size_t		  nknown;
};


/* Kind of a source path ("content/tin-tuc/..." -> PAGE_POST ...). */
int	 parse_kind(const char *src);
/*
 * The URL a page at src gets, with its front matter's slug (NULL when it
 * has none), as parse_page() makes it; NULL where no URL can be made
 * (parse_page then says why).  For `cchc portal`, which must know the
 * URLs of a merged department's pages before building it.  Caller frees.
 */
char	*parse_url(const char *src, const char *slug);
/*
 * today: --today (an undated page's date until history is read; later is
 * scheduled).  src: the source tree; pf: the files the build read
 * already, or NULL (read each from src).
 */
void	 parse_page(const struct cdate *today, struct source *src,
	    struct prefetch *pf, struct page *);
/* Longest text read from one source file. */
#define PARSE_MAX_FILE (16u << 20)

#endif
