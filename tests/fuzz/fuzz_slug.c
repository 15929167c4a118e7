/*
 * fuzz_slug.c - URL slugs and folded text (slug.c) over any bytes the
 * UTF-8 checks let through, and the checks themselves: utf8_check must
 * agree with utf8_valid, a slug holds only [a-z0-9-] without a '-' at
 * either end, and folding text without NUL bytes is idempotent.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	size_t		 bad = 0, at = 0, i, n;
	char		*slug, *fold, *again, *nfc;
	int		 valid, is_nfc, r;

	valid = utf8_valid(s, size, &bad);
	r = utf8_check(s, size, &at, &is_nfc);
	if ((r == UTF8_BAD) != !valid || (r == UTF8_BAD && at != bad))
		abort();
	if (!valid)
		return 0;
	nfc = utf8_nfc(s, size);
	if (nfc == NULL)
		abort();	/* valid UTF-8 always normalises */
	if (r == UTF8_OK && is_nfc && (strlen(nfc) != size ||
	    memcmp(nfc, s, size) != 0))
		abort();	/* "already NFC" must mean unchanged */
	slug = slug_make(s, size);
	n = strlen(slug);
	for (i = 0; i < n; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') ||
		    (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			abort();
	if (n > 0 && (slug[0] == '-' || slug[n - 1] == '-'))
		abort();
	fold = slug_fold(s, size);
	again = slug_fold(fold, strlen(fold));
	/* Text with a NUL never reaches here from a file (utf8_check). */
	if (r == UTF8_OK && strcmp(fold, again) != 0)
		abort();
	free(again);
	free(fold);
	free(slug);
	free(nfc);
	return 0;
}
