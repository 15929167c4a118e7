/*
 * url.c - URL schemes and percent-encoding; see url.h.
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "url.h"

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t
url_scheme_len(const char *u)
{
	size_t	 i;

	if (!is_alpha((unsigned char)u[0]))
		return 0;
	for (i = 1; u[i] != '\0' && u[i] != ':'; i++)
		if (!is_alpha((unsigned char)u[i]) &&
		    !(u[i] >= '0' && u[i] <= '9') && u[i] != '+' &&
		    u[i] != '-' && u[i] != '.')
			return 0;
	return u[i] == ':' ? i : 0;
}

/* Is u's scheme (of length n) the lower-case name? */
static int
scheme_is(const char *u, size_t n, const char *name)
{
	return n == strlen(name) && strncasecmp(u, name, n) == 0;
}

int
url_is_safe(const char *u)
{
	size_t		 n = url_scheme_len(u);
	const char	*rest = u + n + 1;

	if (n == 0)
		return 1;
	if (scheme_is(u, n, "javascript") || scheme_is(u, n, "vbscript") ||
	    scheme_is(u, n, "file"))
		return 0;
	if (scheme_is(u, n, "data"))
		return strncasecmp(rest, "image/png", 9) == 0 ||
		    strncasecmp(rest, "image/gif", 9) == 0 ||
		    strncasecmp(rest, "image/jpeg", 10) == 0 ||
		    strncasecmp(rest, "image/webp", 10) == 0;
	return 1;
}

int
url_pct_needed(const char *s, size_t i, size_t n, int flags)
{
	unsigned char	 c = (unsigned char)s[i];

	if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c) != NULL)
		return 1;
	if ((flags & URL_PCT_BRACKETS) && (c == '[' || c == ']'))
		return 1;
	return (flags & URL_PCT_STRAY) && c == '%' && !(i + 2 < n &&
	    hexval((unsigned char)s[i + 1]) >= 0 &&
	    hexval((unsigned char)s[i + 2]) >= 0);
}

void
url_pct_encode(struct buf *b, const char *s, size_t n, int flags)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (url_pct_needed(s, i, n, flags)) {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else
			buf_putc(b, c);
	}
}

char *
url_pct_decode(const char *s, size_t n)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 h, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0 &&
		    (h | l) != 0) {
			buf_putc(&b, h * 16 + l);
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

int
url_is_drive_path(const char *u)
{
	return ((u[0] >= 'A' && u[0] <= 'Z') || (u[0] >= 'a' && u[0] <= 'z')) &&
	    u[1] == ':' && (u[2] == '\\' || u[2] == '/');
}

/* Does u[0..n) start with a scheme ("https:")?  Bounded url_scheme_len. */
static int
has_scheme(const char *u, size_t n)
{
	size_t	 i;

	if (n == 0 || !is_alpha((unsigned char)u[0]))
		return 0;
	for (i = 1; i < n && u[i] != ':'; i++)
		if (!is_alpha((unsigned char)u[i]) &&
		    !(u[i] >= '0' && u[i] <= '9') && u[i] != '+' &&
		    u[i] != '-' && u[i] != '.')
			return 0;
	return i < n;
}

int
url_folder_index(struct buf *out, const char *u, size_t n)
{
	size_t	 path, seg;

	for (path = 0; path < n && u[path] != '?' && u[path] != '#'; path++)
		;
	if (path == 0 || u[0] == '/' || has_scheme(u, n)) {
		buf_put(out, u, n);
		return 0;
	}
	/* The last segment: "" after a '/', or "." / ".." alone. */
	for (seg = path; seg > 0 && u[seg - 1] != '/'; seg--)
		;
	buf_put(out, u, path);
	if (seg == path)
		buf_puts(out, "index.html");
	else if ((path - seg == 1 && u[seg] == '.') ||
	    (path - seg == 2 && u[seg] == '.' && u[seg + 1] == '.'))
		buf_puts(out, "/index.html");
	else {
		buf_put(out, u + path, n - path);
		return 0;
	}
	buf_put(out, u + path, n - path);
	return 1;
}
