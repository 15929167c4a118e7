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
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Always returns a NUL-terminated string ("" when empty), owned by buf. */
const char *buf_cstr(struct buf *);
/* Returns the malloc'd contents (never NULL); the buffer becomes empty. */
char	*buf_detach(struct buf *);
void	 buf_truncate(struct buf *, size_t len);

#endif
