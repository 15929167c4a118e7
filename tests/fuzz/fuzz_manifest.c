/*
 * fuzz_manifest.c - the output manifest (<cache>/output-<hash>) as a
 * build reads it (out_probe_parse: the header, the note and every file
 * line).  The input is the body: the harness frames it itself (dropping
 * a header the input has, see fz_sealed), so that mutations reach the
 * lines; the output folder is the one named on the body's "final" line,
 * so that seeds from real builds are read whole.
 */
#include "write.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = BUF_INIT;
	struct outprobe	*pr;
	char		*final;
	const char	*f, *nl;

	fz_sealed(&b, data, size, "CCHCOUTP", 3);
	f = b.data + CF_SEALED_HEAD;
	if (strncmp(f, "final ", 6) == 0 && (nl = strchr(f + 6, '\n')) != NULL)
		final = xstrndup(f + 6, (size_t)(nl - f - 6));
	else
		final = xstrdup("/srv/cchc/public");
	pr = out_probe_parse(b.data, b.len, final);
	if (pr->note != NULL && strlen(pr->note) > b.len)
		abort();
	(void)out_probe_unchanged(pr, 1);
	out_probe_free(pr);
	free(final);
	buf_free(&b);
	return 0;
}
