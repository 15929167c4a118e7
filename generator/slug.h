/*
 * slug.h - Vietnamese-aware text folding for URLs and matching.
 *
 * All functions take UTF-8 (NFC or NFD, the result is the same) and
 * return a malloc'd NUL-terminated string owned by the caller.
 * Diacritics are removed by decomposing with utf8proc and dropping
 * combining marks; đ/Đ, which utf8proc does not decompose, map to d/D.
 */
#ifndef CCHC_SLUG_H
#define CCHC_SLUG_H

#include <stddef.h>

/*
 * "Tuyên truyền cải cách hành chính năm 2025" ->
 * "tuyen-truyen-cai-cach-hanh-chinh-nam-2025": lower-case ASCII letters
 * and digits, runs of anything else become one '-', no leading or
 * trailing '-'.  May return "" when nothing is left.
 */
char	*slug_make(const char *, size_t);
/*
 * For comparing without case or diacritics: lower-case, diacritics
 * removed, đ -> d, runs of white space (and NBSP) collapsed to one space,
 * trimmed; punctuation kept.  "  Chủ  TRÌ " -> "chu tri".
 */
char	*slug_fold(const char *, size_t);
/*
 * Returns 1 if s[0..len) is valid UTF-8 (no overlongs, surrogates or
 * values past U+10FFFF), else 0 and the byte offset of the first bad
 * byte in *bad (if bad is not NULL).
 */
int	 utf8_valid(const char *, size_t, size_t *bad);
/* NFC-normalises; returns NULL if the input is not valid UTF-8. */
char	*utf8_nfc(const char *, size_t);

enum { UTF8_OK, UTF8_BAD, UTF8_NUL };
/*
 * A file's text checked in one pass: UTF8_BAD (with the offset of the
 * first bad byte in *at, as utf8_valid) when it is not valid UTF-8, else
 * UTF8_NUL (offset of the first NUL in *at) when it holds a NUL byte,
 * else UTF8_OK with *is_nfc set when utf8_nfc would return it unchanged
 * without looking further (when 0, call utf8_nfc).
 */
int	 utf8_check(const char *, size_t, size_t *at, int *is_nfc);

#endif
