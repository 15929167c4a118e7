/*
 * history.h - stage 3 (history): when each page was published and
 * changed, by whom, and what was taken down, read from the git repository
 * with libgit2 (never a git subprocess).
 *
 * Semantics (see docs/history.md):
 *  - History is the first-parent chain of the commit being built (HEAD,
 *    or --rev): work merged from a side branch dates from its merge
 *    commit.  Times are committer times.
 *  - Only source pages count: content/ ** / *.md and plans/ ** / *.md below
 *    the source root (which may be a subfolder of the repository).
 *  - A file deleted and another added in one commit are a rename when
 *    git diff -M says so (same blob, or git's similarity index at least
 *    50 %; see docs/history.md): the page keeps its history under the
 *    new path.
 *
 * The pass walks the commits once, comparing trees by object id so that
 * unchanged subtrees are skipped, and is cached in <cache_dir>/history
 * keyed by the tip commit id: a later build walks only the new commits.
 * A missing, stale or corrupt cache is ignored and rebuilt.
 *
 * Ownership: a struct history owns everything it points to;
 * history_free() releases it.  Lookups return borrowed pointers.
 */
#ifndef CCHC_HISTORY_H
#define CCHC_HISTORY_H

#include <stddef.h>

struct diag;

enum hist_kind {
	HIST_ADDED,		/* the page went up */
	HIST_MODIFIED,		/* changed (a rename with edits counts here) */
	HIST_RENAMED,		/* moved without other change */
	HIST_REMOVED		/* taken down */
};

struct hist_event {
	enum hist_kind	 kind;
	long long	 time;		/* committer time, seconds since epoch */
	int		 tz;		/* committer's offset, minutes */
	char		*author;	/* author name */
	char		*subject;	/* first line of the message */
	char		 id[41];	/* commit id, hex */
	char		*path;		/* the page's path after this commit
					   (before it, for HIST_REMOVED),
					   relative to the source root */
	char		*old_path;	/* HIST_RENAMED / renamed+modified: before */
	char		*title;		/* HIST_REMOVED: the title the page last
					   had (front matter), else NULL */
};

/* A page that exists in the tree being built. */
struct hist_file {
	char			 *path;		/* relative to the source root */
	struct hist_event	**events;	/* oldest first, borrowed from
						   history.log */
	size_t			  nevents;
};

struct history {
	int			 available;	/* a repository was found */
	int			 shallow;	/* a shallow clone: dates before
						   the cut-off are unknown */
	char			 tip[41];	/* commit built, hex; "" if none */
	char			*branch;	/* "main", or NULL (detached) */
	char			*prefix;	/* source root inside the work
						   tree: "" or "site/" */
	struct hist_file	*files;		/* sorted by path */
	size_t			 nfiles;
	struct hist_event	*log;		/* every event, newest first
						   (ties: commit order, then path) */
	size_t			 nlog;

	/* Work tree state below the source root (history_status). */
	int			 dirty;		/* anything uncommitted */
	char			**uncommitted;	/* source pages (.md under content/
						   and plans/) that are new or
						   changed, sorted */
	size_t			 nuncommitted;

	/* Commits compared by this history_read: all of them on a cold
	   pass, only the new ones when the cache was used, 0 when it was
	   up to date.  For tests and the benchmark. */
	size_t			 walked;

	void			*priv;		/* history.c's: the storage of
						   the strings above */
};

/*
 * What a build's fingerprint needs of the repository, read without the
 * history pass (which may then run on another thread): whether there is
 * one, the commit `rev` (NULL: HEAD) names as hex ("" when there is none
 * or rev does not resolve: history_read() says what is wrong), the
 * branch, a shallow clone, the source root's prefix.  0, or -1 when
 * libgit2 does not start.
 */
/*
 * libgit2 for the whole build, from the main thread before any other
 * (history_read and history_status may then run on different threads).
 */
int	 history_global_init(struct diag *);
void	 history_global_shutdown(void);

struct hist_head {
	int		 available;
	int		 shallow;
	char		 tip[41];
	char		*branch;
	char		*prefix;
};
int	 history_head(const char *source_root, const char *rev,
	    struct hist_head *);
void	 history_head_free(struct hist_head *);

/*
 * Reads the history of the repository that contains `source_root`.
 * `rev` is a revision ("HEAD", a branch, a commit id) or NULL for HEAD.
 * `cache_dir` (e.g. "<root>/.cchc-cache") may be NULL: no cache.
 * Not a repository: returns 0 with available = 0 (the caller warns).
 * A repository without commits: available = 1, no files.
 * Returns -1 only for a `rev` that does not resolve or a repository that
 * cannot be read, with the message in diag.
 */
int	 history_read(const char *source_root, const char *rev,
	    const char *cache_dir, struct history *, struct diag *);
/*
 * The cache reader from memory (for tests and tests/fuzz): body[0..len)
 * is <cache>/history after its header (CF_SEALED_HEAD bytes: magic,
 * version, salt, length, checksum; cachefile.h), checked as history_read
 * checks it for `prefix` in a repository that is not shallow.  Fills h
 * as history_read does when the cache is up to date; 0, or -1 (h empty)
 * when the cache would be dropped.
 */
int	 history_cache_parse(const void *body, size_t len, const char *prefix,
	    struct history *);
/*
 * Fills dirty/uncommitted from the work tree (git status against HEAD,
 * untracked files included, ignored ones not).  No-op (0) when the
 * history is not available.  0 or -1.
 */
int	 history_status(const char *source_root, struct history *,
	    struct diag *);
const struct hist_file *history_find(const struct history *,
	    const char *path);
void	 history_free(struct history *);

#endif
