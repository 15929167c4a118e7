/*
 * escape.c - escaping per output context; see escape.h.
 */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "url.h"

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

void
escape_url(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;

	for (i = 0; i < n; i++) {
		if (s[i] != '&' && s[i] != '\'' &&
		    !url_pct_needed(s, i, n, 0))
			continue;
		buf_put(b, s + start, i - start);
		if (s[i] == '&')
			buf_puts(b, "&amp;");
		else if (s[i] == '\'')
			buf_puts(b, "&#39;");
		else
			url_pct_encode(b, s + i, 1, 0);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

void
escape_csv(struct buf *b, const char *s, int last)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") != NULL) {
		buf_putc(b, '"');
		for (; *s != '\0'; s++) {
			if (*s == '"')
				buf_putc(b, '"');
			buf_putc(b, *s);
		}
		buf_putc(b, '"');
	} else
		buf_puts(b, s);
	buf_puts(b, last ? "\r\n" : ",");
}
