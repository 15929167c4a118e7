/*
 * deps_dump.c - test helper for tests/deps.sh: which outputs of a site
 * must be remade when source files change, as the output plan says
 * (outplan_affected, through build_run's deps_of).
 *
 *   deps_dump SOURCE TODAY FILE...   the output paths, one a line, in
 *                                    plan order; FILE is relative to
 *                                    SOURCE ("content/tin-tuc/a.md");
 *                                    "in-place:FILE" for an edit that
 *                                    keeps its date and URL (a body)
 *
 * Nothing is written.  Exit status as `cchc build`'s (0, or 1 when the
 * site has errors), 2 on bad usage.
 */
#include <stdio.h>
#include <string.h>

#include "build.h"

int
main(int argc, char **argv)
{
	struct build_opts	 o;

	if (argc < 4) {
		fprintf(stderr, "usage: deps_dump SOURCE TODAY [in-place:]FILE...\n");
		return 2;
	}
	memset(&o, 0, sizeof(o));
	o.source = argv[1];
	o.out = "";
	o.today = argv[2];
	o.quiet = 1;
	o.deps_of = (const char *const *)(argv + 3);
	o.ndeps_of = (size_t)(argc - 3);
	return build_run(&o);
}
