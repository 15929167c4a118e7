/*
 * buf.h - growable byte buffer used by every stage.
 *
 * Invariants: after buf_init() or any buf_* append, `data` is either NULL
 * (nothing appended yet, len == 0) or points to `cap` bytes of which the
 * first `len` are content and data[len] == '\0'.  The buffer owns `data`;
 * buf_detach() hands ownership to the caller and leaves the buffer empty.
 *
 * Allocation failure aborts the program (see util.h): a static site
 * generator has no useful way to continue without memory.
 */
#ifndef CCHC_BUF_H
#define CCHC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t extra);
void	 buf_puts(struct buf *, const char *);
/* buf_put and buf_putc when the buffer must grow first. */
void	 buf_put_grow(struct buf *, const void *, size_t);
void	 buf_putc_grow(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Always returns a NUL-terminated string ("" when empty), owned by buf. */
const char *buf_cstr(struct buf *);
/* Returns the malloc'd contents (never NULL); the buffer becomes empty. */
char	*buf_detach(struct buf *);
void	 buf_truncate(struct buf *, size_t len);
/* v in decimal, no padding (what "%" PRIu64 writes, without printf). */
void	 buf_put_u64(struct buf *, uint64_t v);

/*
 * Appending is what every stage does most, often a byte or a few at a
 * time: the case with room to spare is inline, no call.  C11 inline
 * definitions; buf.c holds the external ones for calls not inlined.
 */
inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len > n) {
		if (n > 0)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, p, n);
}

inline void
buf_putc(struct buf *b, int c)
{
	if (b->cap - b->len >= 2) {
		b->data[b->len++] = (char)c;
		b->data[b->len] = '\0';
	} else
		buf_putc_grow(b, c);
}

#endif
