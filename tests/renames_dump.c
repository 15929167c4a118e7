/*
 * renames_dump.c - test helper for tests/renames.sh: reads the history
 * of a repository with history_read (no cache) and prints what cchc
 * decided, in a form the script compares with the git CLI's.
 *
 *   renames_dump REPO          one line per rename, oldest commit first:
 *                              "<commit> R100|R <old path> <new path>"
 *                              (R100: same blob, R: renamed with edits)
 *   renames_dump -f REPO PATH  the commits of the page at PATH, newest
 *                              first, one a line (as git log --follow)
 *
 * Exit status 0, 1 if the history cannot be read, 2 on bad usage.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "history.h"

int
main(int argc, char **argv)
{
	struct history	 h;
	struct diag	 d;
	const struct hist_file *f;
	const struct hist_event *e;
	size_t		 i;
	int		 follow = argc == 4 && strcmp(argv[1], "-f") == 0;
	int		 rc = 1;

	if (argc != 2 && !follow) {
		fprintf(stderr, "usage: renames_dump [-f] REPO [PATH]\n");
		return 2;
	}
	diag_init(&d);
	memset(&h, 0, sizeof(h));
	if (history_global_init(&d) == -1 ||
	    history_read(argv[1 + follow], NULL, NULL, &h, &d) == -1 ||
	    !h.available)
		goto out;
	if (follow) {
		if ((f = history_find(&h, argv[3])) == NULL)
			goto out;
		for (i = f->nevents; i-- > 0;)
			printf("%s\n", f->events[i]->id);
	} else
		for (i = h.nlog; i-- > 0;) {
			e = &h.log[i];
			if (e->old_path != NULL)
				printf("%s %s %s %s\n", e->id,
				    e->kind == HIST_RENAMED ? "R100" : "R",
				    e->old_path, e->path);
		}
	rc = 0;
out:
	for (i = 0; i < d.len; i++)
		fprintf(stderr, "renames_dump: %s\n", d.msgs[i].text);
	history_free(&h);
	diag_free(&d);
	history_global_shutdown();
	return rc;
}
