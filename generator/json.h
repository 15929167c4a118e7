/*
 * json.h - a strict JSON (RFC 8259) reader producing value.h trees: the
 * portal reads departments' du-lieu.json with it (portal.c), the tests
 * their fixtures and the Mustache spec.
 *
 * Objects become maps in document order (a repeated key keeps its first
 * position and the last value), arrays lists, numbers doubles.  Strings
 * must be UTF-8; \uHHHH escapes, surrogate pairs included, are decoded
 * and a lone surrogate is an error.  Nesting deeper than 512 is an
 * error.  Every value records the line and column it starts at
 * (val_line, val_col).  Messages are Vietnamese, for whoever runs the
 * portal.
 */
#ifndef CCHC_JSON_H
#define CCHC_JSON_H

#include <stddef.h>

struct val;

/*
 * Returns the value (one reference, owned by the caller), or NULL with a
 * "line:col: message" in err (errsz bytes, may be 0).
 */
struct val	*json_parse(const char *, size_t, char *err, size_t errsz);

#endif
