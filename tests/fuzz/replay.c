/*
 * replay.c - a plain main() for the fuzz harnesses: runs
 * LLVMFuzzerTestOneInput on every file named (a folder: on the files in
 * it), as libFuzzer would, so that seeds and the inputs fuzzing found
 * are checked in `make test`, `make asan` and `make valgrind` without
 * clang.  A crash, a sanitizer report or an abort() in the harness fails
 * the run; otherwise it prints how many inputs it ran.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fs.h"
#include "fuzz.h"

#define REPLAY_MAX	((size_t)64 << 20)

static int
run_file(const char *path, size_t *n)
{
	struct buf	 b = BUF_INIT;
	uint8_t		*copy;
	size_t		 len;

	if (fs_read(path, REPLAY_MAX, &b) == -1) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	/* An exact-size copy, so that ASan sees a read past the input. */
	len = b.len;
	copy = xmalloc(len ? len : 1);
	if (len > 0)
		memcpy(copy, b.data, len);
	buf_free(&b);
	(void)LLVMFuzzerTestOneInput(copy, len);
	free(copy);
	(*n)++;
	return 0;
}

int
main(int argc, char **argv)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dir;
	char		*p;
	size_t		 n = 0;
	int		 i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			fprintf(stderr, "replay: no %s\n", argv[i]);
			rc = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc |= run_file(argv[i], &n) == -1;
			continue;
		}
		if ((dir = opendir(argv[i])) == NULL) {
			rc = 1;
			continue;
		}
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			p = fs_join(argv[i], de->d_name);
			if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
				rc |= run_file(p, &n) == -1;
			free(p);
		}
		closedir(dir);
	}
	printf("replay: %zu inputs\n", n);
	return rc;
}
