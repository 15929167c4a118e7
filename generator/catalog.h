/*
 * catalog.h - the provincial portal's procedures catalogue (thu-tuc/):
 * every department's procedures from its du-lieu.json, one entry per
 * national code (mã thủ tục), the departments that handle it, and the
 * fields whose values differ between them flagged.  Contract:
 * docs/bang-theo-doi.md ("The procedures catalogue").
 *
 * Compared fields: title, field, level, deadline, fee, online, decision,
 * effective (not agency or url: those differ by nature), each after
 * white space is normalised (runs made one space, ends trimmed; U+00A0
 * is a space); a missing or blank value equals another missing one.
 * The data may come from another machine: a missing key or one of
 * another type is absent, never a crash.
 *
 * Ownership: catalog_make() returns a new list (one reference, the
 * caller's: val_unref); it copies what it keeps.  catalog_csv() appends
 * to `out`.
 */
#ifndef CCHC_CATALOG_H
#define CCHC_CATALOG_H

#include <stddef.h>

#include "board.h"

struct buf;
struct val;

/*
 * Procedures of every department de-duplicated by national code
 * (`code`; a procedure without a code is its own entry, keyed by
 * department + url).  Sorted by code, numbers compared as numbers
 * ("1.004698" < "1.04700" < "2.000123"); codeless entries last, by
 * title.
 */
struct val *catalog_make(const struct board_dept *, size_t n);
/* The catalogue as CSV: UTF-8 BOM, RFC 4180, one row per entry. */
void	 catalog_csv(const struct val *catalog, struct buf *out);
/*
 * -1, 0, 1: a and b compared with runs of digits as numbers (leading
 * zeros ignored), then byte for byte.
 */
int	 catalog_code_cmp(const char *a, const char *b);

#endif
