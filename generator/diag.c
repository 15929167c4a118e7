/*
 * diag.c - ordered diagnostics; see diag.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "util.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

static void
diag_msg_free(struct diag_msg *m)
{
	free(m->file);
	free(m->text);
}

void
diag_free(struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->len; i++)
		diag_msg_free(&d->msgs[i]);
	free(d->msgs);
	diag_init(d);
}

static void
diag_push(struct diag *d, struct diag_msg *m)
{
	ARRAY_GROW(d->msgs, d->len, d->cap, 8);
	d->msgs[d->len++] = *m;
	if (m->level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void
diag_add(struct diag *d, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
{
	struct diag_msg	 m;
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	m.level = level;
	m.file = file != NULL ? xstrdup(file) : NULL;
	m.line = line;
	m.col = col;
	m.text = buf_detach(&b);
	diag_push(d, &m);
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t	 i;

	for (i = 0; i < src->len; i++)
		diag_push(dst, &src->msgs[i]);
	free(src->msgs);
	diag_init(src);
}

void
diag_format(const struct diag_msg *m, struct buf *b)
{
	if (m->file != NULL) {
		buf_puts(b, m->file);
		if (m->line > 0) {
			buf_printf(b, ":%d", m->line);
			if (m->col > 0)
				buf_printf(b, ":%d", m->col);
		}
		buf_puts(b, ": ");
	} else
		buf_puts(b, "cchc: ");
	buf_puts(b, m->level == DIAG_ERROR ? "lỗi: " : "cảnh báo: ");
	buf_puts(b, m->text);
}

/* Length of the valid UTF-8 sequence at s (not ASCII), or 0. */
static size_t
utf8_seq(const unsigned char *s)
{
	size_t		 n, k;
	unsigned long	 cp;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	/* A NUL ends the string: the loop stops at a non-continuation. */
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

void
diag_json_str(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	while (*s != '\0') {
		if (*s == '"' || *s == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *s++);
		} else if (*s == '\n') {
			buf_puts(b, "\\n");
			s++;
		} else if (*s == '\t') {
			buf_puts(b, "\\t");
			s++;
		} else if (*s < 0x20 || *s == 0x7F) {
			buf_printf(b, "\\u%04x", (unsigned)*s);
			s++;
		} else if (*s < 0x80) {
			buf_putc(b, *s++);
		} else if ((n = utf8_seq(s)) > 0) {
			buf_put(b, s, n);
			s += n;
		} else {
			buf_puts(b, "\\ufffd");
			s++;
		}
	}
	buf_putc(b, '"');
}

void
diag_format_json(const struct diag_msg *m, struct buf *b)
{
	buf_puts(b, "{\"level\": ");
	buf_puts(b, m->level == DIAG_ERROR ? "\"error\"" : "\"warning\"");
	buf_puts(b, ", \"file\": ");
	diag_json_str(b, m->file);
	if (m->file != NULL && m->line > 0)
		buf_printf(b, ", \"line\": %d", m->line);
	else
		buf_puts(b, ", \"line\": null");
	if (m->file != NULL && m->line > 0 && m->col > 0)
		buf_printf(b, ", \"col\": %d", m->col);
	else
		buf_puts(b, ", \"col\": null");
	buf_puts(b, ", \"text\": ");
	diag_json_str(b, m->text);
	buf_putc(b, '}');
}

void
diag_flush(struct diag *d, FILE *fp)
{
	diag_flush_log(d, fp, NULL);
}

void
diag_flush_log(struct diag *d, FILE *fp, struct buf *log)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < d->len; i++) {
		buf_reset(&b);
		diag_format(&d->msgs[i], &b);
		fprintf(fp, "%s\n", buf_cstr(&b));
		if (log != NULL) {
			buf_put(log, b.data, b.len);
			buf_putc(log, '\n');
		}
		diag_msg_free(&d->msgs[i]);
	}
	fflush(fp);
	buf_free(&b);
	d->len = 0;
}

void
diag_offset_pos(const char *s, size_t off, int *line, int *col)
{
	size_t	 i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			(*col)++;
	}
}
