/*
 * fs.h - file-system helpers with checked I/O.  Every function returns 0
 * on success or -1 with errno set (callers turn that into a message that
 * names the file); none prints.
 */
#ifndef CCHC_FS_H
#define CCHC_FS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct stat;

/* "a" + "b" -> "a/b"; either may be empty.  Caller frees. */
char	*fs_join(const char *, const char *);
/*
 * Normalises a relative path: removes "." and empty segments, resolves
 * ".." against earlier segments.  Returns NULL when ".." would climb
 * above the start (the path leaves the tree) or the path is absolute.
 */
char	*fs_normalize(const char *);
/* Directory part of a relative path ("a/b/c.md" -> "a/b", "c.md" -> ""). */
char	*fs_dirname(const char *);
/* Reads a whole regular file; fails with EFBIG beyond max bytes. */
int	 fs_read(const char *path, size_t max, struct buf *);
/* The same, with the file's fstat() as it was opened (st not NULL). */
int	 fs_read_stat(const char *path, size_t max, struct buf *,
	    struct stat *st);
/* mkdir -p; existing directories are fine (safe to race with itself). */
int	 fs_mkdirs(const char *path);
/* Creates parent directories, writes, every write and close checked. */
int	 fs_write(const char *path, const void *, size_t);
/* Writes all of data to fd, again after EINTR and short writes. */
int	 fs_write_all(int fd, const void *, size_t);
/* The same, and fills *st (when not NULL) from the written file. */
struct stat;
int	 fs_write_stat(const char *path, const void *, size_t, struct stat *);
/*
 * Writes a whole file through a temporary one beside it, renamed over
 * path: readers see the old bytes or the new, never a part.
 */
int	 fs_replace(const char *path, const void *, size_t);
/* The same for the concatenation of n pieces, written as they are (no
   copy into one buffer first). */
struct fs_piece {
	const void	*data;
	size_t		 len;
};
int	 fs_replace_v(const char *path, const struct fs_piece *, size_t n);
/* rm -rf without following symlinks. */
int	 fs_rmtree(const char *path);
int	 fs_is_dir(const char *path);
int	 fs_is_file(const char *path);
/* The running binary's path, to run it again or find what is installed
   beside it; NULL without /proc.  It may name nothing when the binary
   was deleted since it started.  Caller frees. */
char	*fs_self_exe(void);
/* hash64 of the running binary's bytes, for caches that must not
   outlive it (0 without /proc/self/exe); read once a process. */
uint64_t fs_self_hash(void);
/* Is there nothing at all (no file, folder or link) at root/path? */
int	 fs_missing_under(const char *root, const char *path);
/*
 * The one "is this path under that root" check.  Both must exist; they
 * are compared after resolving symlinks and "..", so a link that leads
 * out of root is out.  Returns path relative to root ("" for root
 * itself, "a/b" below it; caller frees), or NULL when path is not root
 * or below it, or either cannot be resolved (errno).  For a relative
 * path checked by its text alone (no "..", no absolute path), see
 * fs_normalize().
 */
char	*fs_under(const char *root, const char *path);
/* The same as a yes/no. */
int	 fs_inside(const char *root, const char *path);

#endif
