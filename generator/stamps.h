/*
 * stamps.h - what each source file looked like when its bytes had a
 * given hash, so that a build need not read a file to know its hash when
 * it still looks the same (as git's index does for `git status`).
 *
 * A stamp is the file's size, modification and change times (to the
 * nanosecond), inode and device.  A stamp is trusted only if the file was
 * last modified at least STAMPS_RACY seconds before the stamps were
 * saved: on a file system with coarse times, a change made just after
 * the file was read could otherwise keep the same stamp ("racily clean").
 *
 * The file (<cache>/sources) is a sealed cache file (cachefile.h) with a
 * text body; anything damaged or foreign is ignored (every file is then
 * read).  stamps_get() may be
 * called from several threads.
 */
#ifndef CCHC_STAMPS_H
#define CCHC_STAMPS_H

#include <stddef.h>
#include <stdint.h>

#define STAMPS_RACY	2

struct stat;
struct stamps;

/* Never NULL; an unreadable file gives empty stamps. */
struct stamps	*stamps_load(const char *path);
/*
 * The same from the file's bytes data[0..len) (tests, tests/fuzz), as if
 * the file had been saved at `saved` (seconds since the epoch).
 */
struct stamps	*stamps_parse(const char *data, size_t len, int64_t saved);
/* The hash recorded for path if st matches its trusted stamp, else 0. */
uint64_t	 stamps_get(const struct stamps *, const char *path,
		    const struct stat *st);
/*
 * Saves the stamps of n files (sts[i] taken before hashes[i] was read;
 * a zero hash is left out), unless they are what was loaded.  0 or -1.
 */
int		 stamps_save(const struct stamps *old, const char *path,
		    char *const *paths, const struct stat *sts,
		    const uint64_t *hashes, size_t n);
void		 stamps_free(struct stamps *);

#endif
