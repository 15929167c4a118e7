/*
 * fuzz.h - shared by the libFuzzer harnesses tests/fuzz/fuzz_*.c.  Each
 * harness defines LLVMFuzzerTestOneInput and calls the real code in
 * generator/ the way build.c does; built with clang's -fsanitize=fuzzer
 * for `make fuzz`, and with tests/fuzz/replay.c (a plain main) for the
 * replay of seeds and found inputs in `make test`, asan and valgrind.
 */
#ifndef CCHC_FUZZ_H
#define CCHC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "hash.h"
#include "markdown.h"
#include "slug.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * A link resolver for the Markdown harnesses: rewrites relative links as
 * the real one does; the destination "x" fails with a message.
 */
static inline int
fz_resolve(void *arg, const char *dest, int is_image, int line, int col,
    struct md_target *out, struct diag *d)
{
	(void)arg;
	if (strcmp(dest, "x") == 0) {
		diag_err(d, "a.md", line, col, "không có trang %s", dest);
		return -1;
	}
	buf_puts(out->url, is_image ? "../anh/" : "../");
	buf_puts(out->url, dest);
	/* Images whose name has a "j" are published in widths (pass 3:
	   figures, galleries); links to a "p" get a file label. */
	if (is_image && strchr(dest, 'j') != NULL) {
		buf_printf(out->srcset, "../anh/%s-480 480w, ../anh/%s 960w",
		    dest, dest);
		buf_printf(out->large, "../anh/%s-1600", dest);
		out->width = 960;
		out->height = 640;
	} else if (!is_image && strchr(dest, 'p') != NULL)
		buf_puts(out->label, "PDF, 1,2 MB");
	return 0;
}

/* The input as a C string (cut at a NUL, as a C caller would see it). */
static inline char *
fz_cstr(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

/*
 * The text the build hands a parser (parse.c): a file that is not valid
 * UTF-8 or holds a NUL is refused (NULL here), one not in NFC is
 * normalised.  Caller frees.
 */
static inline char *
fz_text(const uint8_t *data, size_t size, size_t *len)
{
	size_t	 at;
	int	 nfc;
	char	*s;

	switch (utf8_check((const char *)data, size, &at, &nfc)) {
	case UTF8_OK:
		s = nfc ? xstrndup((const char *)data, size) :
		    utf8_nfc((const char *)data, size);
		*len = strlen(s);
		return s;
	default:
		return NULL;
	}
}

/*
 * The sealed cache files (cachefile.h: stamps, output manifest) carry
 * their body's length and checksum in the header.  Sets b to the input as
 * the body of a sealed file of this magic and version (a header the input
 * starts with is dropped first), with length and checksum made right, so
 * that mutations reach the body instead of failing the checksum.
 */
static inline void
fz_sealed(struct buf *b, const uint8_t *data, size_t size,
    const char magic[8], uint32_t version)
{
	if (size >= CF_SEALED_HEAD && memcmp(data, magic, 8) == 0) {
		data += CF_SEALED_HEAD;
		size -= CF_SEALED_HEAD;
	}
	buf_reset(b);
	cf_begin_sealed(b, magic, version, 0);
	buf_put(b, data, size);
	(void)cf_seal(b);
}

#endif
