/*
 * test_fs.c - the checked file-system helpers: the one file reader
 * (fs_read, fs_read_stat) and the one "is this path under that root" check.
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

	struct stat	 st, st2;

	T_INTEQ(fs_write(f, "xin chào\n", 10), 0);
	T_INTEQ(fs_read(f, 100, &b), 0);
	T_OK(b.len == 10 && memcmp(b.data, "xin chào\n", 10) == 0);
	T_OK(b.data[b.len] == '\0');
	/* With the file's fstat() as it was read: the same file as stat(). */
	buf_reset(&b);
	memset(&st, 0, sizeof(st));
	T_INTEQ(fs_read_stat(f, 100, &b, &st), 0);
	T_INTEQ(b.len, 10);
	T_INTEQ(stat(f, &st2), 0);
	T_OK(st.st_ino == st2.st_ino && st.st_size == 10 &&
	    st.st_mtim.tv_sec == st2.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == st2.st_mtim.tv_nsec);
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

/* mkdir -p: from nothing, again, beside, through "//", a file in the way. */
static void
test_mkdirs(void)
{
	struct stat	 st;
	char		*p;

#define MKDIRS(rel, want, err) do {					\
	p = fs_join(tmpl, rel);						\
	errno = 0;							\
	T_INTEQ(fs_mkdirs(p), want);					\
	if ((want) == -1)						\
		T_INTEQ(errno, err);					\
	else								\
		T_OK(stat(p, &st) == 0 && S_ISDIR(st.st_mode));		\
	free(p);							\
} while (0)
	MKDIRS("m/a/b/c", 0, 0);
	MKDIRS("m/a/b/c", 0, 0);
	MKDIRS("m/a/b/c/", 0, 0);
	MKDIRS("m/a/x", 0, 0);
	MKDIRS("m//d//e", 0, 0);
	MKDIRS("m/d/e", 0, 0);
	p = fs_join(tmpl, "m/f");
	T_INTEQ(fs_write(p, "x", 1), 0);
	free(p);
	MKDIRS("m/f", -1, ENOTDIR);
	MKDIRS("m/f/g/h", -1, ENOTDIR);
	MKDIRS("m/a/b/c/d/e/f/g", 0, 0);
#undef MKDIRS
	p = xstrdup("/");
	T_INTEQ(fs_mkdirs(p), 0);
	free(p);
}

/* fs_under's answer for root and path under tmpl, "(null)" for NULL. */
static char *
under(const char *root, const char *path)
{
	char	*r = fs_join(tmpl, root), *p = fs_join(tmpl, path), *rel;
	char	*res;

	rel = fs_under(r, p);
	res = xstrdup(rel != NULL ? rel : "(null)");
	free(rel);
	free(r);
	free(p);
	return res;
}

#define UNDER(root, path, want) do {					\
	char *u_ = under(root, path);					\
	T_STREQ(u_, want);						\
	free(u_);							\
} while (0)

static void
test_under(void)
{
	char	*p;

	p = fs_join(tmpl, "a/b/c");
	fs_mkdirs(p);
	free(p);
	p = fs_join(tmpl, "ab");
	fs_mkdirs(p);
	free(p);
	p = fs_join(tmpl, "a/b/f.md");
	fs_write(p, "x", 1);
	free(p);
	/* Links: one that stays inside a, one that leads out of it. */
	p = fs_join(tmpl, "a/in");
	T_INTEQ(symlink("b/c", p), 0);
	free(p);
	p = fs_join(tmpl, "a/out");
	T_INTEQ(symlink("../ab", p), 0);
	free(p);

	UNDER("a", "a", "");
	UNDER("a", "a/b", "b");
	UNDER("a", "a/b/f.md", "b/f.md");
	UNDER("a/", "a/b/", "b");
	/* A shared prefix of the name is not being under it. */
	UNDER("a", "ab", "(null)");
	UNDER("a/b", "a", "(null)");
	/* ".." is resolved, not trusted. */
	UNDER("a", "a/b/../../ab", "(null)");
	UNDER("a", "a/b/../b/c", "b/c");
	/* Symlinks are followed: to where they lead. */
	UNDER("a", "a/in", "b/c");
	UNDER("a", "a/out", "(null)");
	/* Missing: cannot be resolved, so not under. */
	UNDER("a", "a/none", "(null)");
	UNDER("none", "a", "(null)");
	T_INTEQ(fs_inside(tmpl, tmpl), 1);
	/* The root folder holds everything. */
	{
		char	*rp = realpath(tmpl, NULL);

		p = fs_under("/", tmpl);
		T_OK(p != NULL && rp != NULL && strcmp(p, rp + 1) == 0);
		free(p);
		free(rp);
	}
	p = fs_under("/", "/");
	T_STREQ(p, "");
	free(p);
	T_INTEQ(fs_inside("/", tmpl), 1);
}

/* The binary that runs these tests, as ls would name it (under valgrind
   too: its tool is not what the test asks for). */
static void
test_self(void)
{
	char	*p = fs_self_exe();
	size_t	 n = p != NULL ? strlen(p) : 0;

	T_OK(p != NULL && *p == '/');
	T_OK(n >= 8 && strcmp(p + n - 8, "/test_fs") == 0);
	T_OK(p != NULL && fs_is_file(p));
	free(p);
}

int
main(void)
{
	if (mkdtemp(tmpl) == NULL)
		return 1;
	test_read();
	test_mkdirs();
	test_under();
	test_self();
	fs_rmtree(tmpl);
	return t_done("fs");
}
