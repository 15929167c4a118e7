/*
 * hist_int.h - what the files of the history stage share; not for other
 * modules (they use history.h).  See docs/history.md.
 *
 *   history.c       the API of history.h: libgit2, opening the repository,
 *                   history_read (resolve, resume from the cache, walk,
 *                   save, output), history_find, history_free
 *   hist_state.c    the state the walk builds and the cache keeps: pools,
 *                   string table, path -> page map, events; the result
 *                   (struct history) made from it
 *   hist_walk.c     commits and trees read raw, the first-parent chain,
 *                   tree against tree, changes turned into events
 *   hist_renames.c  which deleted and added files are renames, as
 *                   `git diff -M` decides (exact, basename, similarity)
 *   hist_cache.c    <cache_dir>/history: load (checked) and save
 *   hist_status.c   history_status: the work tree against HEAD
 *
 * Ownership, in one history_read: the result's strings live in the
 * "kept" pool (struct hist_pool), which struct history takes at the end
 * (hist_priv); commit texts and changed paths live in the walk's scratch
 * pool, freed when the read ends.  A struct hist_state owns its arrays but
 * not the strings they point to (the kept pool's).  A struct hist_walk
 * owns its prefix components, changes, tree cache and odb reference
 * (hist_walk_free); its pool and diag are borrowed.
 */
#ifndef CCHC_HIST_INT_H
#define CCHC_HIST_INT_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "buf.h"

struct diag;
struct history;

/* The largest file read whole: the cache, .git/shallow. */
#define HIST_CACHE_MAX		((size_t)1 << 30)
#define HIST_NONE		((size_t)-1)
#define HIST_NOSTR		UINT32_MAX

#define HIST_IS_TREE(m)		(((m) & 0170000) == 0040000)
/* Regular files and symlinks; a gitlink (submodule) is no page. */
#define HIST_IS_FILE(m)		(((m) & 0170000) == 0100000 || \
				 ((m) & 0170000) == 0120000)
#define HIST_IS_REG(m)		(((m) & 0170000) == 0100000)

/*
 * Strings that outlive a step live in pools freed at once: the result's
 * strings in one that the history keeps (a loaded cache file joins it
 * whole, its strings NUL-terminated in place), commit texts and changed
 * paths in a scratch one.  A warm build copies and frees no string one
 * by one.
 */
struct hist_pool {
	char		**blocks;
	size_t		 nblocks, cap;
	char		*cur;
	size_t		 left;
};

/* What history->priv holds. */
struct hist_priv {
	struct hist_pool pool;
	struct hist_event **evptrs;	/* all hist_file.events arrays */
	int		 git;		/* holds a git_libgit2_init */
	struct history	*parts;		/* hist_merge.c: the sources'
					   histories, whose strings the
					   merged one borrows */
	size_t		 nparts;
};

/* One commit of the chain, read before the trees are compared. */
struct hist_commit {
	git_oid		 id;
	git_oid		 tree;
	long long	 time;
	int		 tz;
	int		 root;		/* compare with the empty tree */
	char		*author;	/* scratch pool */
	char		*subject;
};

/* A commit that carries events (the cache keeps only these). */
struct hist_crec {
	git_oid		 oid;
	char		 id[41];
	long long	 time;
	int		 tz;
	size_t		 seq;		/* position in the chain, 0 = oldest */
	uint32_t	 author;	/* string ids */
	uint32_t	 subject;
};

struct hist_ev {
	int		 kind;		/* enum hist_kind */
	size_t		 crec;
	size_t		 page;
	uint32_t	 path;		/* string ids, HIST_NOSTR for none */
	uint32_t	 old_path;
	uint32_t	 title;
};

/* Path -> page (and the path's string id), open addressing. */
struct hist_slot {
	char		*key;		/* NULL empty, hist_tomb deleted */
	size_t		 page;
	uint32_t	 sid;
};

struct hist_map {
	struct hist_slot *slots;
	size_t		 cap;
	size_t		 used;		/* live + tombstones */
	size_t		 n;
};

/* A live page, in the list sorted by path. */
struct hist_live {
	char		*path;
	size_t		 page;
	uint32_t	 sid;
};

/* Text -> string id, for the strings this call adds. */
struct hist_imap {
	uint32_t	*slots;		/* id + 1; 0 is empty */
	size_t		 cap, n;
};

/*
 * Everything needed to go on from `tip`: what the cache stores.  Strings
 * are numbered in one table; events and commits refer to them by id.
 */
struct hist_state {
	char		 tip[41];
	size_t		 ncommits;	/* chain length = next seq */
	size_t		 npages;
	char		**strs;
	size_t		 nstrs, strs_cap;
	struct hist_crec *crecs;
	size_t		 ncrecs, crecs_cap;
	struct hist_ev	*evs;
	size_t		 nevs, evs_cap;
	struct hist_map	 live;		/* built only to apply commits */
	int		 have_map;
	struct hist_live *order;	/* live pages by path, as loaded */
	size_t		 norder;
	struct hist_imap intern;
	struct hist_pool *pool;		/* the kept pool */
	/* The loaded cache's strings, commits and events, byte ranges
	   that a new cache copies as they are (only appends follow). */
	const unsigned char *sec[3];
	size_t		 seclen[3], secn[3];
	size_t		 size_hint;	/* bytes of the cache loaded */
};

/* A chunk hash of a blob and the bytes in chunks with that hash. */
struct hist_span {
	uint32_t	 hash;
	uint32_t	 cnt;
};

/*
 * One change between two trees.  Pages make events; other files that
 * were added or deleted take part in rename detection only, as they do
 * in git (a page may be "renamed" to one of them).
 */
struct hist_chg {
	char		 kind;		/* 'A', 'D', 'M' */
	char		 page;		/* a source page */
	char		 cand;		/* may be one side of a rename */
	unsigned	 mode;		/* of the side that exists */
	char		*path;		/* from the work tree's top, scratch */
	git_oid		 old, new;
	size_t		 pair;		/* rename partner, or HIST_NONE */
	int		 exact;		/* partner has the same blob */
	/* The similarity index, read when first needed (owned). */
	int		 sized, spanned;
	size_t		 size;
	struct hist_span *spans;	/* sorted by hash, one per hash */
	size_t		 nspans;
};

/* Trees loaded for the current commit; see hist_tree_load. */
struct hist_tslot {
	git_odb_object	*obj;
	unsigned	 gen;
};

struct hist_tcache {
	struct hist_tslot *slots;
	size_t		 cap, n;
};

struct hist_walk {
	git_odb		*odb;
	char		**pfx;		/* prefix components */
	size_t		 npfx;
	size_t		 pfxlen;	/* bytes of "site/" before a page path */
	int		 others;	/* second pass: files that are no pages */
	struct buf	 path;		/* current folder, from the top */
	struct hist_chg	*chg;
	size_t		 nchg, chgcap;
	struct hist_tcache tc;
	unsigned	 step;
	struct hist_pool *pool;		/* scratch, borrowed */
	struct diag	*d;		/* borrowed */
};

/* The commits a shallow clone cut off below (hist_shallow_load). */
struct hist_shallow {
	git_oid		*ids;		/* sorted, owned */
	size_t		 n;
	uint64_t	 key;		/* hash of the file, 0 if none */
};

/* ---- history.c: libgit2 and the repository ---- */

/* libgit2's last error message, or a Vietnamese "unknown error". */
const char	*hist_giterr(void);
/* git_libgit2_init with the options of docs/history.md; 0 or -1. */
int		 hist_init(struct diag *);
/*
 * Opens the repository holding `root`, *prefix (malloc'd) the source root
 * inside its work tree; 0, 1 when there is none (or it is bare), or -1.
 */
int		 hist_open(const char *root, git_repository **, char **prefix,
		    struct diag *);

/* ---- hist_state.c ---- */

/* The pool takes `block` (malloc'd) and frees it with the rest. */
void		 hist_pool_own(struct hist_pool *, char *block);
char		*hist_pool_alloc(struct hist_pool *, size_t);
char		*hist_pool_strn(struct hist_pool *, const char *, size_t);
void		 hist_pool_free(struct hist_pool *);
/* s[0..n) into the pool as valid UTF-8 (U+FFFD for bad bytes). */
char		*hist_utf8_dup(struct hist_pool *, const char *, size_t);

struct hist_slot *hist_map_find(const struct hist_map *, const char *);
/* The id of a string equal to s, added to the table if new. */
uint32_t	 hist_intern_str(struct hist_state *, const char *s);
/* Frees the arrays; the pool and the strings in it are not the state's. */
void		 hist_state_free(struct hist_state *);
size_t		 hist_crec_add(struct hist_state *, const struct hist_commit *,
		    size_t seq);
void		 hist_ev_add(struct hist_state *, int kind, size_t crec,
		    size_t page, uint32_t path, uint32_t old_path,
		    uint32_t title);
/* Takes the page at `path` off the map (a new page if there is none). */
size_t		 hist_page_take(struct hist_state *, const char *path,
		    uint32_t *sid);
/* `page` now lives at `path`; the path's string id. */
uint32_t	 hist_page_move(struct hist_state *, const char *path,
		    size_t page);
/* The path map, from the loaded live list, before commits are applied. */
void		 hist_map_from_order(struct hist_state *);
/* The live pages sorted by path (malloc'd; paths borrowed), *n of them. */
struct hist_live *hist_live_list(const struct hist_state *, size_t *n);
/* Fills h->files and h->log; h takes `pool` (left empty). */
void		 hist_output(const struct hist_state *,
		    const struct hist_live *, size_t, struct hist_pool *pool,
		    struct history *h);

/* ---- hist_walk.c ---- */

/*
 * w for the repository's objects and the source root `prefix` ("" or
 * "site/"); scratch and d are borrowed.  0, or -1 with a message (w can
 * still be freed).  hist_walk_free also takes a w that is all zero.
 */
int		 hist_walk_init(struct hist_walk *, git_repository *,
		    const char *prefix, struct hist_pool *scratch,
		    struct diag *);
void		 hist_walk_free(struct hist_walk *);
/* Object `id` of `type` (caller frees), or -1 with a message. */
int		 hist_read(struct hist_walk *, const git_oid *id,
		    git_object_t type, git_odb_object **);
/* A raw commit: tree, first parent if any, committer time, texts. */
int		 hist_parse_commit(struct hist_pool *, const char *, size_t,
		    struct hist_commit *, git_oid *parent, int *has_parent);
void		 hist_shallow_load(git_repository *, struct hist_shallow *);
int		 hist_chain(struct hist_walk *, const git_oid *tip,
		    const git_oid *stop, const struct hist_shallow *,
		    int shallow, struct hist_commit **, size_t *,
		    int *resumed);
int		 hist_walk_commits(struct hist_walk *, struct hist_state *,
		    struct hist_commit *, size_t, const git_oid *base);

/* ---- hist_renames.c ---- */

/* Pairs w->chg's deleted and added candidates (sorted by path). */
void		 hist_renames(struct hist_walk *);
/* git's similarity of dst to src out of 60000; 0 below `min` by size. */
unsigned	 hist_similarity(struct hist_walk *, struct hist_chg *src,
		    struct hist_chg *dst, unsigned min);

/* ---- hist_cache.c ---- */

/*
 * The cache body at b->data[off..len) into st (whose pool is set); on
 * success b's buffer joins st's pool.  0, or -1 with st emptied.
 */
int		 hist_cache_parse(struct buf *b, size_t off, const char *prefix,
		    uint64_t skey, struct hist_state *st);
int		 hist_cache_load(const char *dir, const char *prefix,
		    uint64_t skey, struct hist_state *);
/* A failure is a warning in d. */
void		 hist_cache_save(const char *dir, const char *prefix,
		    uint64_t skey, const struct hist_state *,
		    const struct hist_live *, size_t, struct diag *d);

#endif
