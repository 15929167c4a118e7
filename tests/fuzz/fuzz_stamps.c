/*
 * fuzz_stamps.c - the source stamps (<cache>/sources) as a build reads
 * them (stamps_parse), then looked up.  The input is the body: the
 * harness frames it itself (dropping a header the input has, see
 * fz_sealed), so that mutations reach the lines instead of failing the
 * checksum.
 */
#include <sys/stat.h>

#include "stamps.h"
#include "fuzz.h"

/* The lines' paths, as stamps_get would be asked for them. */
static void
lookups(const struct stamps *t, const char *s)
{
	struct stat	 st;
	const char	*nl, *sp;
	char		*path;

	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		for (sp = nl; sp > s && sp[-1] != ' '; sp--)
			;
		if (sp == s)
			continue;
		sp--;
		path = xstrndup(sp + 1, (size_t)(nl - sp - 1));
		(void)stamps_get(t, path, &st);
		free(path);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = BUF_INIT;
	struct stamps	*t;

	fz_sealed(&b, data, size, "CCHCSTMP", 2);
	t = stamps_parse(b.data, b.len, 2000000000);
	lookups(t, b.data + CF_SEALED_HEAD);
	stamps_free(t);
	buf_free(&b);
	return 0;
}
