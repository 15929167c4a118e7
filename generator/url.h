/*
 * url.h - the one URL-scheme parser, percent-encoder and -decoder.
 *
 * Input is bytes (UTF-8 in practice); nothing here fails or prints, and
 * what is appended goes to a buf (see buf.h).
 */
#ifndef CCHC_URL_H
#define CCHC_URL_H

#include <stddef.h>

struct buf;

/*
 * The length of u's scheme if u starts with one, else 0.  RFC 3986 3.1:
 * scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":"
 * ("https:", "mailto:" have one; "a b:", "//host", "#x", "x/y:z" not).
 */
size_t	 url_scheme_len(const char *u);
/*
 * 1 for "C:\..." or "D:/...": a drive of the editor's computer, which
 * url_scheme_len() would take for the scheme "c".
 */
int	 url_is_drive_path(const char *u);
/* Is the URL safe to emit (no javascript:, vbscript:, file:, data: but
 * images)?  Decided by its scheme (case ignored); none is safe. */
int	 url_is_safe(const char *);

/* url_pct_encode flags: what else is encoded besides the always-set. */
#define URL_PCT_BRACKETS	0x1	/* '[' and ']' (xmlParseURI wants it) */
#define URL_PCT_STRAY		0x2	/* a '%' that does not start "%XX" */
/*
 * Appends s[0..n) with every byte a URI reference may not hold
 * percent-encoded ("%E1", upper-case hex): controls, space, non-ASCII and
 * "<>\^`{|}, and what flags add; everything else is kept as it is.
 */
void	 url_pct_encode(struct buf *, const char *s, size_t n, int flags);
/* Does url_pct_encode encode s[i] (of n bytes)? */
int	 url_pct_needed(const char *s, size_t i, size_t n, int flags);
/*
 * s[0..n) with each "%XX" turned into its byte ("anh%20dep.png" ->
 * "anh dep.png"), except "%00", which is kept as it is (a C string ends at
 * NUL).  Caller frees.
 */
char	*url_pct_decode(const char *s, size_t n);
/*
 * Appends u[0..n) to out with "index.html" added where the path of a
 * relative URL names a folder, for `links: files` (a folder opened from
 * disk shows a listing, not its page): "../tin-tuc/" ->
 * "../tin-tuc/index.html", "./#x" -> "./index.html#x", ".." ->
 * "../index.html".  Anything else - a scheme ("https:", "mailto:"),
 * "//host", "/path", "#x", "?q", "", a file ("rss.xml") - is appended as
 * it is.  Returns 1 when it added "index.html", else 0.
 */
int	 url_folder_index(struct buf *out, const char *u, size_t n);

#endif
