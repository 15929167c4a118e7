/*
 * fuzz_merge.c - the manifest `cchc build --merge` reads (hist_merge.c):
 * anything is refused with a message or read whole; every page's URL
 * can then be asked for.
 */
#include "fuzz.h"
#include "hist_merge.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hist_merge *m;
	struct diag	 d;
	const char	*p, *e, *end = (const char *)data + size;

	diag_init(&d);
	m = hist_merge_parse((const char *)data, size, "gop.txt", &d);
	if (m == NULL && d.errors == 0)
		abort();	/* a refusal always says why */
	if (m != NULL && d.errors != 0)
		abort();
	if (m != NULL)
		/* Each line's third field asked for as a path. */
		for (p = (const char *)data; p < end; p = e + 1) {
			char *line, *f;

			if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
				e = end;
			line = xstrndup(p, (size_t)(e - p));
			if ((f = strchr(line, '\t')) != NULL &&
			    (f = strchr(f + 1, '\t')) != NULL) {
				f[strcspn(f + 1, "\t") + 1] = '\0';
				(void)hist_merge_url(m, f + 1);
			}
			free(line);
		}
	hist_merge_free(m);
	diag_free(&d);
	return 0;
}
