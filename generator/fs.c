/*
 * fs.c - checked file-system helpers; see fs.h.
 */
/* nftw() is an XSI interface. */
#define _XOPEN_SOURCE 700

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fs.h"
#include "hash.h"
#include "util.h"

char *
fs_join(const char *a, const char *b)
{
	if (*a == '\0')
		return xstrdup(b);
	if (*b == '\0')
		return xstrdup(a);
	return xasprintf("%s%s%s", a, a[strlen(a) - 1] == '/' ? "" : "/", b);
}

char *
fs_normalize(const char *p)
{
	struct buf	 b = BUF_INIT;
	size_t		*marks = NULL, nmarks = 0, n;
	const char	*s, *e;

	if (*p == '/')
		return NULL;
	marks = xreallocarray(NULL, strlen(p) + 1, sizeof(*marks));
	for (s = p; *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.'))
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (nmarks == 0) {
				free(marks);
				buf_free(&b);
				return NULL;
			}
			buf_truncate(&b, marks[--nmarks]);
			continue;
		}
		marks[nmarks++] = b.len;
		if (b.len > 0)
			buf_putc(&b, '/');
		buf_put(&b, s, n);
	}
	free(marks);
	return buf_detach(&b);
}

char *
fs_dirname(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s == NULL ? xstrdup("") : xstrndup(p, (size_t)(s - p));
}

int
fs_read(const char *path, size_t max, struct buf *out)
{
	struct stat	 st;

	return fs_read_stat(path, max, out, &st);
}

int
fs_read_stat(const char *path, size_t max, struct buf *out,
    struct stat *stp)
{
	struct stat	 st;
	ssize_t		 n;
	size_t		 start = out->len;
	int		 fd, rc = -1, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto out;
	if (!S_ISREG(st.st_mode)) {
		errno = EISDIR;
		goto out;
	}
	*stp = st;
	if ((uintmax_t)st.st_size > max) {
		errno = EFBIG;
		goto out;
	}
	/* The size and a byte to see the end: usually one read and one 0. */
	buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, 65536);
		n = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out;
		if (n == 0)
			break;
		/* The file grew since fstat: still no more than max. */
		if (out->len - start + (size_t)n > max) {
			errno = EFBIG;
			goto out;
		}
		out->len += (size_t)n;
	}
	rc = 0;
out:
	saved = errno;
	close(fd);
	errno = saved;
	if (out->data != NULL)
		out->data[out->len] = '\0';
	return rc;
}

/*
 * Up from the deepest folder first: most of a path exists, and an output
 * of 16,000 new folders then makes each with one mkdir() instead of one
 * a component (77,000 calls, 60,000 of them EEXIST, in the bench's cold
 * build).
 */
int
fs_mkdirs(const char *path)
{
	char	*p, *s, *end;
	int	 rc = -1, made;

	p = xstrdup(path);
	end = p + strlen(p);
	while (end > p + 1 && end[-1] == '/')
		*--end = '\0';
	for (;;) {
		if ((made = mkdir(p, 0777) == 0) || errno == EEXIST)
			break;
		/* ENOENT: its parent first (a path of one part: fail). */
		if (errno != ENOENT || (s = strrchr(p, '/')) == NULL || s == p)
			goto out;
		*s = '\0';
	}
	/* Down again: each part cut off made in turn. */
	for (s = p + strlen(p); s < end; s += strlen(s)) {
		*s = '/';
		if (!(made = mkdir(p, 0777) == 0) && errno != EEXIST)
			goto out;
	}
	/* Made last: a folder.  There already: maybe a file. */
	if (!made && !fs_is_dir(p)) {
		errno = ENOTDIR;
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}

static int
fs_mkparent(const char *path)
{
	char	*d;
	int	 rc = 0;
	const char *s = strrchr(path, '/');

	if (s == NULL || s == path)
		return 0;
	d = xstrndup(path, (size_t)(s - path));
	rc = fs_mkdirs(d);
	free(d);
	return rc;
}

int
fs_write(const char *path, const void *data, size_t len)
{
	return fs_write_stat(path, data, len, NULL);
}

int
fs_write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* path opened to be written anew, its parents made if need be; or -1. */
static int
fs_create(const char *path)
{
	int	 fd;

	/* Most parents exist: create them only when the open says so. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		if (errno != ENOENT || fs_mkparent(path) == -1 ||
		    (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0666)) == -1)
			return -1;
	}
	return fd;
}

/* The pieces to path (a new file), every write and the close checked. */
static int
fs_write_v(const char *path, const struct fs_piece *v, size_t n,
    struct stat *st)
{
	size_t	 i;
	int	 fd, rc = 0, saved;

	if ((fd = fs_create(path)) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = fs_write_all(fd, v[i].data, v[i].len);
	if (rc == 0 && st != NULL && fstat(fd, st) == -1)
		rc = -1;
	saved = errno;
	if (close(fd) == -1)
		rc = -1;
	else
		errno = saved;
	return rc;
}

int
fs_write_stat(const char *path, const void *data, size_t len,
    struct stat *st)
{
	struct fs_piece	 one = { data, len };

	return fs_write_v(path, &one, 1, st);
}

int
fs_replace(const char *path, const void *data, size_t len)
{
	struct fs_piece	 one = { data, len };

	return fs_replace_v(path, &one, 1);
}

int
fs_replace_v(const char *path, const struct fs_piece *v, size_t n)
{
	char	*tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int	 rc, saved;

	if ((rc = fs_write_v(tmp, v, n, NULL)) == 0)
		rc = rename(tmp, path);
	if (rc == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
	}
	free(tmp);
	return rc;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(p);
	return unlink(p);
}

int
fs_rmtree(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

int
fs_is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fs_is_file(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * readlink() rather than "/proc/self/exe" itself: under valgrind the
 * link is what the user ran, while exec of the /proc path would start
 * valgrind's own tool.  A binary deleted while running reads as
 * "path (deleted)"; the suffix goes, so the path may name nothing.
 */
char *
fs_self_exe(void)
{
	char		 path[PATH_MAX];
	static const char deleted[] = " (deleted)";
	size_t		 dl = sizeof(deleted) - 1;
	ssize_t		 n;

	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	if ((size_t)n > dl && strcmp(path + n - dl, deleted) == 0)
		path[n - dl] = '\0';
	return xstrdup(path);
}

static uint64_t	 self_hash;
static pthread_once_t self_once = PTHREAD_ONCE_INIT;

static void
self_hash_once(void)
{
	struct buf	 exe = BUF_INIT;

	/* /proc/self/exe, not fs_self_exe(): the running image, even when
	   a new binary was installed over its path since. */
	if (fs_read("/proc/self/exe", (size_t)256 << 20, &exe) == 0)
		self_hash = hash64(exe.data != NULL ? exe.data : "", exe.len,
		    0);
	buf_free(&exe);
}

uint64_t
fs_self_hash(void)
{
	/* The binary is read once a process, whoever asks. */
	(void)pthread_once(&self_once, self_hash_once);
	return self_hash;
}

char *
fs_under(const char *root, const char *path)
{
	char	*r = NULL, *p = NULL, *rel = NULL;
	size_t	 n;

	if ((r = realpath(root, NULL)) == NULL ||
	    (p = realpath(path, NULL)) == NULL)
		goto out;
	n = strlen(r);
	/* realpath gives no trailing '/' but for the root folder itself. */
	if (n > 0 && r[n - 1] == '/')
		n--;
	if (strncmp(r, p, n) != 0 || (p[n] != '/' && p[n] != '\0'))
		goto out;
	rel = xstrdup(p[n] == '/' ? p + n + 1 : "");
out:
	free(r);
	free(p);
	return rel;
}

int
fs_inside(const char *root, const char *path)
{
	char	*rel = fs_under(root, path);

	free(rel);
	return rel != NULL;
}

int
fs_missing_under(const char *root, const char *path)
{
	struct stat	 st;
	char		*abs = fs_join(root, path);
	int		 missing = lstat(abs, &st) == -1 && errno == ENOENT;

	free(abs);
	return missing;
}
