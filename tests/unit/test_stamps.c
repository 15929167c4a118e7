/*
 * test_stamps.c - the source stamps: saved and read back, trusted only
 * for a file that still looks the same and was not changed just before
 * the saving, and a damaged, truncated or older file ignored.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachefile.h"
#include "fs.h"
#include "stamps.h"
#include "util.h"
#include "t.h"

int
main(void)
{
	char		 tmpl[] = "/tmp/cchc-test-stamps-XXXXXX";
	char		 pa[] = "content/a.md", pb[] = "content/b.md";
	char		*file, *cache, *paths[2];
	struct stat	 sts[2], st;
	uint64_t	 hashes[2] = { 0x1111, 0 };
	struct stamps	*empty, *t;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 bad = 0;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	file = fs_join(tmpl, "a.md");
	cache = fs_join(tmpl, "sources");
	fs_write(file, "x", 1);
	stat(file, &sts[0]);
	sts[1] = sts[0];
	paths[0] = pa;
	paths[1] = pb;	/* hash 0: left out */

	empty = stamps_load(cache);
	T_INTEQ(stamps_save(empty, cache, paths, sts, hashes, 2), 0);
	T_INTEQ(fs_read(cache, 1 << 20, &b), 0);
	/* The cachefile.h header: version 2, salt 0, little-endian. */
	T_OK(b.len > CF_SEALED_HEAD && memcmp(b.data,
	    "CCHCSTMP\2\0\0\0\0\0\0\0\0\0\0\0", 20) == 0);
	T_OK(cf_le_get((unsigned char *)b.data + 20, 8) ==
	    b.len - CF_SEALED_HEAD);
	T_OK(strstr(b.data + CF_SEALED_HEAD, " content/a.md\n") != NULL);
	T_OK(strstr(b.data + CF_SEALED_HEAD, "content/b.md") == NULL);

	/* Read back, as saved long after the file changed: trusted. */
	t = stamps_parse(b.data, b.len, sts[0].st_mtim.tv_sec + 100);
	T_OK(stamps_get(t, "content/a.md", &sts[0]) == 0x1111);
	T_OK(stamps_get(t, "content/b.md", &sts[0]) == 0);
	/* A file that no longer looks the same is read again. */
	st = sts[0];
	st.st_size++;
	T_OK(stamps_get(t, "content/a.md", &st) == 0);
	st = sts[0];
	st.st_mtim.tv_nsec ^= 1;
	T_OK(stamps_get(t, "content/a.md", &st) == 0);
	stamps_free(t);
	/* Saved right after the change: racily clean, not trusted. */
	t = stamps_parse(b.data, b.len, sts[0].st_mtim.tv_sec + 1);
	T_OK(stamps_get(t, "content/a.md", &sts[0]) == 0);
	stamps_free(t);

	/* Every truncation and every flipped byte: nothing trusted. */
	for (i = 0; i < b.len; i++) {
		t = stamps_parse(b.data, i, sts[0].st_mtim.tv_sec + 100);
		bad += stamps_get(t, "content/a.md", &sts[0]) != 0;
		stamps_free(t);
		b.data[i] ^= 0x20;
		t = stamps_parse(b.data, b.len, sts[0].st_mtim.tv_sec + 100);
		bad += stamps_get(t, "content/a.md", &sts[0]) != 0;
		stamps_free(t);
		b.data[i] ^= 0x20;
	}
	T_INTEQ(bad, 0);
	/* The text format of version 1 is not read. */
	t = stamps_parse("cchc-stamps 1\n", 14, 0);
	T_OK(stamps_get(t, "content/a.md", &sts[0]) == 0);
	stamps_free(t);

	/* Nothing changed (and all trusted): the file is left as it is. */
	t = stamps_parse(b.data, b.len, sts[0].st_mtim.tv_sec + 100);
	unlink(cache);
	T_INTEQ(stamps_save(t, cache, paths, sts, hashes, 2), 0);
	T_OK(access(cache, F_OK) == -1);
	stamps_free(t);

	stamps_free(empty);
	buf_free(&b);
	fs_rmtree(tmpl);
	free(file);
	free(cache);
	return t_done("stamps");
}
