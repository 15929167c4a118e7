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
