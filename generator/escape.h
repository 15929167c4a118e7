/*
 * escape.h - one escaping function per output context (cmark's rule).
 *
 * All append to a buf and never fail.  Input is UTF-8 and passed through
 * byte for byte except for the characters each context must escape.
 */
#ifndef CCHC_ESCAPE_H
#define CCHC_ESCAPE_H

#include <stddef.h>

struct buf;

/* HTML text and Mustache {{x}}: & < > " ' */
void	escape_html(struct buf *, const char *, size_t);
/* Attribute values in double quotes: as escape_html. */
void	escape_attr(struct buf *, const char *, size_t);
/*
 * URLs in href/src: percent-encodes what url_pct_encode(.., 0) does
 * (space, controls, non-ASCII, quotes, < > ...; url.h), keeps reserved
 * characters, then HTML-escapes & and '.  Whether a URL is safe to emit
 * at all: url_is_safe (url.h).
 */
void	escape_url(struct buf *, const char *, size_t);
/*
 * One CSV field (RFC 4180): quoted, its quotes doubled, when it holds a
 * comma, quote or line break; then "," or, when last, CRLF.  NULL is an
 * empty field.
 */
void	escape_csv(struct buf *, const char *, int last);

#endif
