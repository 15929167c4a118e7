/*
 * write.h - stage 5: the output folder, changed only when the build has
 * succeeded.
 *
 * Every build writes into a sibling ".<name>.tmp-<pid>-XXXXXX" (marked
 * by ".cchc-staging") that out_commit() swaps with the output in one
 * rename (RENAME_EXCHANGE where the kernel has it), then removes the old
 * tree: killed at any moment, the output is the old tree or the new one.
 * Two ways to fill it, chosen by out_begin():
 *
 *  - Swap (first build into a new or empty folder): every file is
 *    written there.
 *
 *  - Update (a folder cchc made; its manifest, when it checks out,
 *    saves reading the files): out_write() hashes each file; one whose
 *    bytes match the output's (by the manifest, else on disk) is kept,
 *    any other is staged.  out_commit() hard-links every kept file into
 *    the staging folder (same inode and time: deploy tools see only real
 *    changes) before the swap.
 *
 *  - Spare: after an update whose old tree was exactly its manifest, that
 *    tree is not removed but brought up to date (links to the files
 *    written, the files no longer made removed), marked clean for the
 *    manifest just saved and kept as ".<name>.cchc-spare".  The next
 *    update whose manifest it matches edits it in place of an empty
 *    staging folder (changed files written by new inodes, never into the
 *    linked ones) and swaps it in: the commit costs per change.
 *
 * Either way out_abort() before out_commit() leaves the previous output
 * exactly as it was, and the manifest (".cchc-cache/output-<hash of the
 * output path>") is removed before the swap and saved after it.
 * out_sweep() removes what killed builds left beside the output.
 *
 * cchc replaces what is in the output folder, so it refuses a folder that
 * it did not make (no ".cchc-build" marker inside) unless it is empty, and
 * a folder that contains the source tree.
 *
 * out_write() may be called from several threads at once.
 */
#ifndef CCHC_WRITE_H
#define CCHC_WRITE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct diag;
struct outman;

struct outdir {
	char		*final;		/* as given: "public" */
	char		*tmp;		/* the folder being written */
	char		*manifest;	/* cache file, or NULL: none kept */
	char		*absfinal;	/* absolute path it records */
	int		 update;	/* update in place, else swap */
	struct outman	*old;		/* last build's files (update) */
	struct outman	*cur;		/* this build's files */
	pthread_mutex_t	 lock;		/* guards cur and the counts */
	size_t		 written;	/* files staged */
	size_t		 kept;		/* files left as they were */
	size_t		 reused;	/* of them, not even made (out_keep) */
	size_t		 removed;	/* files removed by the commit */
	uint64_t	 fingerprint;	/* of the inputs, saved in the manifest */
	char		*note;		/* saved with it (messages to replay) */
	int		 lost;		/* a failed swap could not put the old
					   output back (the message says where) */
	char		*spare;		/* ".<name>.cchc-spare" beside it */
	int		 usespare;	/* tmp is the spare, being edited */
	int		 intact;	/* the output is exactly o->old */
	uint64_t	 manhash;	/* of the manifest o->old came from;
					   after out_commit, of the one saved */
	int		 saved;		/* out_commit saved the manifest */
	int		 dry;		/* out_begin_dry: nothing is written */
};

#define OUT_MARKER ".cchc-build"

/*
 * The output folder read ahead, so that it can be checked while the rest
 * of the build goes on (on another thread): the manifest of the last
 * build into it and which of its files are still as it recorded.  Never
 * fails; an absent or unusable manifest is a probe with nothing in it.
 */
struct outprobe {
	char		*absfinal;
	struct outman	*old;		/* NULL: no manifest to trust */
	uint64_t	  fingerprint;	/* of the last build */
	char		 *note;		/* saved with it */
	int		  intact;	/* every file as recorded, none else */
	uint64_t	  manhash;	/* hash of the manifest's text */
};
struct outprobe	*out_probe(const char *out, const char *cache);
/*
 * A probe from the manifest's bytes alone (tests, tests/fuzz): as if it
 * had been read for the output folder `final` (absolute) and every file
 * were as recorded.
 */
struct outprobe	*out_probe_parse(const char *data, size_t len,
		    const char *final);
/* Did the last build have this fingerprint, and is the folder intact? */
int	 out_probe_unchanged(const struct outprobe *, uint64_t fingerprint);
void	 out_probe_free(struct outprobe *);
/*
 * After out_commit(): the probe of the folder as this build left it, made
 * from the manifest it saved (taken from o), for the next build into the
 * same folder by this process, which then reads and checks nothing of
 * it.  Only for a folder no one else writes: `cchc serve`'s preview.
 * NULL when no manifest was saved.
 */
struct outprobe	*out_probe_after(struct outdir *);

/*
 * cache: the folder for the manifest (created if need be), or NULL to
 * keep none.  pr (may be NULL) is a probe of the same folder whose
 * reading out_begin() takes over instead of doing it again.
 */
int	 out_begin(struct outdir *, const char *out, const char *source,
	    const char *cache, struct outprobe *pr, struct diag *);
/*
 * `cchc check`: an output that takes every file and writes none (no
 * folder, no staging, no manifest); out_keep() never keeps, so every
 * file is made.  o->written counts the files.  Released by out_abort().
 */
void	 out_begin_dry(struct outdir *);
/* Writes `rel` (relative to the output root); 0 or -1 with a message. */
int	 out_write(struct outdir *, const char *rel, const void *, size_t,
	    struct diag *);
/*
 * The same, recording `key`: a hash of everything that made the bytes
 * (for a page: the templates and the whole context).  0: none.
 */
int	 out_write_key(struct outdir *, const char *rel, const void *,
	    size_t, uint64_t key, struct diag *);
/*
 * Keeps `rel` as the last build wrote it if that build recorded the same
 * non-zero key and the file is still as it left it: returns 1, and the
 * caller need not make the bytes.  0: call out_write_key().
 */
int	 out_keep(struct outdir *, const char *rel, uint64_t key);
/*
 * A build of part of the site (patch.h): every file of the last build
 * that this one has not written or kept is kept as it is.  -1 when there
 * is no last build to trust, or one of its files is not as it left it
 * (the caller then builds the whole site).
 */
int	 out_keep_rest(struct outdir *);
int	 out_commit(struct outdir *, struct diag *);
/*
 * Releases o; removes the staging tree unless out_commit() succeeded
 * (a warning if it cannot).
 */
void	 out_abort(struct outdir *, struct diag *);
/*
 * Before a build into `out`: removes what builds of it that were killed
 * left beside it (staging folders, a previous output moved aside), and
 * puts that previous output back if the kill came between the two
 * renames of a swap, each with a note on `notes`.  Only folders named
 * and marked as cchc makes them, of no running process, are touched.
 */
void	 out_sweep(const char *out, FILE *notes, struct diag *);

#endif
