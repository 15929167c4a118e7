/*
 * escape.c - escaping per output context; see escape.h.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "escape.h"

/* Nonzero for the bytes escape_html replaces. */
static const unsigned char esc_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1
};

void
escape_html(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		if (!esc_special[(unsigned char)s[i]])
			continue;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = "&#39;"; break;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

void
escape_attr(struct buf *b, const char *s, size_t n)
{
	escape_html(b, s, n);
}

/* Characters kept as they are in a URL (RFC 3986 unreserved + reserved + %). */
static int
url_keep(unsigned char c)
{
	if (isalnum(c))
		return 1;
	return strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL && c != '\0';
}

void
escape_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '&')
			buf_puts(b, "&amp;");
		else if (c == '\'')
			buf_puts(b, "&#39;");
		else if (url_keep(c))
			buf_putc(b, c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

int
url_is_safe(const char *u)
{
	size_t	 i;
	char	 scheme[16];

	/* Find a scheme: letters up to ':' before any '/', '?' or '#'. */
	for (i = 0; u[i] != '\0' && i < sizeof(scheme) - 1; i++) {
		if (u[i] == ':')
			break;
		if (strchr("/?#", u[i]) != NULL)
			return 1;
		scheme[i] = (char)tolower((unsigned char)u[i]);
	}
	if (u[i] != ':')
		return 1;
	scheme[i] = '\0';
	if (strcmp(scheme, "javascript") == 0 ||
	    strcmp(scheme, "vbscript") == 0 || strcmp(scheme, "file") == 0)
		return 0;
	if (strcmp(scheme, "data") == 0)
		return strncasecmp(u + i + 1, "image/png", 9) == 0 ||
		    strncasecmp(u + i + 1, "image/gif", 9) == 0 ||
		    strncasecmp(u + i + 1, "image/jpeg", 10) == 0 ||
		    strncasecmp(u + i + 1, "image/webp", 10) == 0;
	return 1;
}
