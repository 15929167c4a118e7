/*
 * source.h - stage 1: where the source files come from.
 *
 * Either the folder given with --source (the work tree), or, with --rev,
 * the committed tree of that revision read through libgit2: a deploy
 * script gets the site exactly as it stood at that commit, whatever is
 * in the work tree.  Every later stage reads files only through here.
 *
 * Paths are relative to the source root ("content/tin-tuc/a.md").  In a
 * tree, the source root may be a subfolder of the repository.  Reads are
 * safe from several threads (the git backend serialises libgit2 calls).
 */
#ifndef CCHC_SOURCE_H
#define CCHC_SOURCE_H

#include <stddef.h>

struct buf;
struct diag;
struct strlist;
struct source;

/* rev NULL: the folder.  0, or -1 with the reason in diag. */
int	 source_open(struct source **, const char *root, const char *rev,
	    struct diag *);
void	 source_free(struct source *);
/*
 * Appends to `out` the files below `dir` whose name ends with `suffix`
 * (any when NULL), entering subfolders when `recurse`.  Hidden names
 * (".git"), "#x#" and "x~" are skipped.  A missing `dir` is empty.  A
 * symbolic link is followed in a folder only if it stays inside the
 * tree; in a git tree it is an error.  0, or -1 after reporting.
 */
int	 source_list(struct source *, const char *dir, const char *suffix,
	    int recurse, struct strlist *out, struct diag *);
/*
 * Reads a regular file; -1 with errno set (ENOENT, EFBIG, ...).  The path
 * is read as fs_normalize() spells it; one that is absolute or climbs
 * above the root is not found (ENOENT), from the work tree as from a git
 * tree.
 */
int	 source_read(struct source *, const char *path, size_t max,
	    struct buf *);
/* Is `path` a regular file inside the tree? */
int	 source_is_file(struct source *, const char *path);
/* Is `path` a folder inside the tree? */
int	 source_is_dir(struct source *, const char *path);
/* The size of a regular file inside the tree: 0, or -1 (not one). */
int	 source_size(struct source *, const char *path, size_t *size);
/*
 * Serves the folder `rel` ("themes/default") from `dir`, a folder outside
 * the tree (an installed theme, theme.h), for a site without its own:
 * listing, reading, sizing and testing any path below rel/ then look in
 * dir instead, from the work tree as from a git tree, while the paths
 * keep their names ("themes/default/layouts/post.mustache"), so that the
 * rest of the pipeline (caches, fingerprint, output plan) sees no
 * difference.  One overlay; both strings are copied.
 */
void	 source_overlay(struct source *, const char *rel, const char *dir);
/*
 * Where `path` is on disk, for stat() and for watching it: root/path, or
 * the overlay's file; NULL for a path read from a git tree.  Caller frees.
 */
char	*source_disk_path(const struct source *, const char *path);
/* The root folder as given. */
const char *source_root(const struct source *);
/* "the folder" or "commit <short id>" for messages. */
const char *source_name(const struct source *);

#endif
