/*
 * diag.h - messages to editors: "file:line:col: lỗi: what is wrong; what to do".
 *
 * Every stage reports through a struct diag list rather than printing, so
 * that pages processed by parallel workers report in a fixed order (their
 * source order) whatever the scheduling: each job owns a list, and the
 * main thread prints the lists one after the other with diag_flush().
 *
 * A list owns its messages.  `file` is the path relative to the source
 * root as the editor knows it ("content/tin-tuc/a.md"); line and col are
 * 1-based, 0 when not applicable (then they are left out of the message).
 */
#ifndef CCHC_DIAG_H
#define CCHC_DIAG_H

#include <stdio.h>

struct buf;

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag_msg {
	enum diag_level	 level;
	char		*file;	/* may be NULL */
	int		 line;
	int		 col;
	char		*text;
};

struct diag {
	struct diag_msg	*msgs;
	size_t		 len, cap;
	size_t		 errors;
	size_t		 warnings;
};

void	 diag_init(struct diag *);
void	 diag_free(struct diag *);
void	 diag_add(struct diag *, enum diag_level, const char *file,
	    int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
#define	 diag_err(d, f, l, c, ...) diag_add((d), DIAG_ERROR, (f), (l), (c), __VA_ARGS__)
#define	 diag_warn(d, f, l, c, ...) diag_add((d), DIAG_WARNING, (f), (l), (c), __VA_ARGS__)
/* Moves all messages of src to the end of dst; src is left empty. */
void	 diag_move(struct diag *dst, struct diag *src);
/* Prints and forgets the messages, keeping the counts. */
void	 diag_flush(struct diag *, FILE *);
/* The same, and appends the printed lines to log (when not NULL). */
void	 diag_flush_log(struct diag *, FILE *, struct buf *log);
/*
 * The 1-based line and column (in characters, UTF-8 continuation bytes
 * not counted) of byte `off` of s, for a message about that byte.
 */
void	 diag_offset_pos(const char *s, size_t off, int *line, int *col);
/* Formats one message as it is printed, without a newline. */
void	 diag_format(const struct diag_msg *, struct buf *);
/*
 * One message as a JSON object, keys in this order: {"level":
 * "error"|"warning", "file": string|null, "line": n|null, "col":
 * n|null, "text": string}; no newline.  Always valid JSON: control
 * characters are escaped, valid UTF-8 passes through, and a byte that is
 * not valid UTF-8 becomes U+FFFD.
 */
void	 diag_format_json(const struct diag_msg *, struct buf *);
/* s (may be NULL: null) as a JSON string, by the same rules. */
void	 diag_json_str(struct buf *, const char *s);

#endif
