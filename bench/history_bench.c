/*
 * history_bench.c - driver for bench/history.sh: one history_read of
 * SOURCE_ROOT (with CACHE_DIR if given), then one line of figures:
 * the time inside history_read, pages, events and commits walked.
 *
 *	history_bench SOURCE_ROOT [CACHE_DIR]
 */
#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "history.h"

int
main(int argc, char *argv[])
{
	struct history	 h;
	struct diag	 d;
	struct timespec	 a, b;
	int		 rc;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: history_bench SOURCE_ROOT [CACHE_DIR]\n");
		return 2;
	}
	diag_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &a);
	rc = history_read(argv[1], NULL, argc == 3 ? argv[2] : NULL, &h, &d);
	clock_gettime(CLOCK_MONOTONIC, &b);
	diag_flush(&d, stderr);
	diag_free(&d);
	if (rc == -1)
		return 1;
	printf("read_ms %.1f files %zu events %zu walked %zu tip %s\n",
	    (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6, h.nfiles, h.nlog,
	    h.walked, h.tip);
	history_free(&h);
	return 0;
}
