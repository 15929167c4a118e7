/*
 * test_fs.c - the checked file-system helpers: the one file reader
 * (fs_read) and the one "is this path under that root" check.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fs.h"
#include "util.h"
#include "t.h"

static char	 tmpl[] = "/tmp/cchc-test-fs-XXXXXX";

static void
test_read(void)
{
	struct buf	 b = BUF_INIT;
	char		*f = fs_join(tmpl, "a.txt"), *big = fs_join(tmpl, "big");
	char		*none = fs_join(tmpl, "none");
	char		 data[200000];
	size_t		 i;

	T_INTEQ(fs_write(f, "xin chào\n", 10), 0);
	T_INTEQ(fs_read(f, 100, &b), 0);
	T_OK(b.len == 10 && memcmp(b.data, "xin chào\n", 10) == 0);
	T_OK(b.data[b.len] == '\0');
	/* Appends to what the buffer holds; max counts only the file. */
	T_INTEQ(fs_read(f, 10, &b), 0);
	T_INTEQ(b.len, 20);
	buf_reset(&b);
	/* Exactly max is fine, one byte more is EFBIG. */
	T_INTEQ(fs_read(f, 9, &b), -1);
	T_INTEQ(errno, EFBIG);
	buf_reset(&b);
	/* Missing: ENOENT; a folder: EISDIR; a NUL byte is content. */
	T_INTEQ(fs_read(none, 100, &b), -1);
	T_INTEQ(errno, ENOENT);
	T_INTEQ(fs_read(tmpl, 100, &b), -1);
	T_INTEQ(errno, EISDIR);
	T_INTEQ(b.len, 0);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i % 251);
	T_INTEQ(fs_write(big, data, sizeof(data)), 0);
	T_INTEQ(fs_read(big, SIZE_MAX, &b), 0);
	T_OK(b.len == sizeof(data) && memcmp(b.data, data, sizeof(data)) == 0);
	buf_reset(&b);
	/* An empty file. */
	T_INTEQ(fs_write(big, "", 0), 0);
	T_INTEQ(fs_read(big, 0, &b), 0);
	T_INTEQ(b.len, 0);
	buf_free(&b);
	free(f);
	free(big);
	free(none);
}

int
main(void)
{
	if (mkdtemp(tmpl) == NULL)
		return 1;
	test_read();
	fs_rmtree(tmpl);
	return t_done("fs");
}
