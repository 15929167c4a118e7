/*
 * json.h - a strict JSON (RFC 8259) reader producing value.h trees, for
 * test programs such as the Mustache spec runner.
 *
 * Objects become maps in document order (a repeated key keeps its first
 * position and the last value), arrays lists, numbers doubles.  Strings
 * are UTF-8; \uXXXX escapes, surrogate pairs included, are decoded and
 * a lone surrogate is an error.  Nesting deeper than 512 is an error.
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
