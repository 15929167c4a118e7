/*
 * fuzz_history.c - the history cache (<cache>/history) as a build reads
 * it (history_cache_parse: every count, id and the live list checked),
 * then the pages looked up as the model stage does.  The input is the
 * file's body; a whole file (a seed taken from a real build) has its
 * sealed header (cachefile.h, CF_SEALED_HEAD bytes) skipped, since the
 * checksum in it would stop every mutation at the door.
 */
#include "history.h"
#include "fuzz.h"

#define HEAD	CF_SEALED_HEAD

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct history	 h;
	const struct hist_file *f;
	size_t		 i, k;

	if (size >= HEAD && memcmp(data, "CCHCHIST", 8) == 0) {
		data += HEAD;
		size -= HEAD;
	}
	if (history_cache_parse(data, size, "", &h) == 0) {
		for (i = 0; i < h.nfiles; i++) {
			f = history_find(&h, h.files[i].path);
			if (f != &h.files[i] || f->nevents == 0)
				abort();	/* every page has its events */
			for (k = 0; k < f->nevents; k++)
				if (f->events[k] < h.log ||
				    f->events[k] >= h.log + h.nlog)
					abort();
		}
		for (i = 0; i < h.nlog; i++)
			if (h.log[i].path == NULL || h.log[i].author == NULL ||
			    h.log[i].subject == NULL || strlen(h.log[i].id) != 40)
				abort();
		(void)history_find(&h, "content/khong-co.md");
		history_free(&h);
	}
	return 0;
}
