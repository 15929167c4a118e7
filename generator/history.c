/*
 * history.c - the git history pass; see history.h and docs/history.md.
 * This file holds the API of history.h and the outline of history_read;
 * the parts are (hist_int.h says what they share and who owns what):
 *
 *   hist_walk.c     commits and trees read raw, the first-parent chain,
 *                   tree against tree, changes turned into events
 *   hist_renames.c  renames as `git diff -M` decides them
 *   hist_state.c    pools, string table, path map, events; the result
 *   hist_cache.c    <cache_dir>/history: load (checked) and save
 *   hist_status.c   history_status: the work tree against HEAD
 *
 * Speed (measured in /work/shared/notes/libgit2-history-speed.md): one
 * walk down the first-parent chain; commits and trees are read as raw
 * objects with git_odb_read and parsed here, not built into git_commit /
 * git_tree objects nor run through the diff machinery; two trees are
 * compared entry by entry and a subtree whose id did not change is never
 * opened.  Strict hash verification and the object cache are turned off
 * (process-wide libgit2 options): every object is needed about once.
 *
 * The walk first reads the chain newest to oldest (commit objects only),
 * then compares trees oldest to newest, so that pages can be followed
 * through renames as they happen.  The state that makes this possible
 * (events so far; a page's path is that of its last event) is what the
 * cache keeps, so a later build applies only the new commits on top.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "hist_int.h"
#include "history.h"
#include "util.h"

/* ---- libgit2 and the repository ---- */

const char *
hist_giterr(void)
{
	const git_error	*e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "lỗi không rõ";
}

/* Opens the repository holding `root`; 0, 1 when there is none, or -1. */
int
hist_open(const char *root, git_repository **repo, char **prefix,
    struct diag *d)
{
	const char	*wd;
	char		*rel = NULL;
	int		 err, rc = -1;

	*repo = NULL;
	*prefix = NULL;
	if ((err = git_repository_open_ext(repo, root, 0, NULL)) != 0) {
		if (err == GIT_ENOTFOUND)
			rc = 1;
		else
			diag_err(d, NULL, 0, 0, "không mở được kho git chứa "
			    "thư mục nguồn (%s); hãy kiểm tra kho bằng “git "
			    "status”", hist_giterr());
		goto out;
	}
	/*
	 * A bare repository has no work tree for the source root to be in;
	 * a root outside the work tree (or one that cannot be resolved) is
	 * no page of it either.
	 */
	if ((wd = git_repository_workdir(*repo)) == NULL ||
	    (rel = fs_under(wd, root)) == NULL) {
		rc = 1;
		goto out;
	}
	*prefix = rel[0] == '\0' ? xstrdup("") : xasprintf("%s/", rel);
	rc = 0;
out:
	if (rc != 0) {
		git_repository_free(*repo);
		*repo = NULL;
	}
	free(rel);
	return rc;
}


/* "main" for HEAD -> refs/heads/main (even unborn), else NULL. */
static char *
hist_branch(git_repository *repo, git_reference *ref)
{
	git_reference	*head = NULL, *res = NULL;
	const char	*t;
	char		*b = NULL;

	if (ref == NULL) {
		/* Unborn: HEAD names a branch that has no commit yet. */
		if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
		    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
		    (t = git_reference_symbolic_target(head)) != NULL &&
		    str_has_prefix(t, "refs/heads/"))
			b = xstrdup(t + strlen("refs/heads/"));
		git_reference_free(head);
		return b;
	}
	if (git_reference_resolve(&res, ref) == 0 &&
	    git_reference_is_branch(res))
		b = xstrdup(git_reference_shorthand(res));
	git_reference_free(res);
	return b;
}

int
hist_init(struct diag *d)
{
	int	 n;

	if ((n = git_libgit2_init()) < 0) {
		diag_err(d, NULL, 0, 0, "không khởi động được libgit2 (%s)",
		    hist_giterr());
		return -1;
	}
	/*
	 * Every object is read about once: hashing it again and caching it
	 * cost more than they give (see the notes in docs/history.md).
	 * Set by the first user only: the options are process-wide, and a
	 * build holds a reference (history_global_init) before any thread.
	 */
	if (n == 1 && (git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION,
	    0) < 0 || git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0) < 0)) {
		diag_err(d, NULL, 0, 0, "không đặt được tùy chọn libgit2 (%s)",
		    hist_giterr());
		git_libgit2_shutdown();
		return -1;
	}
	return 0;
}

int
history_global_init(struct diag *d)
{
	return hist_init(d);
}

void
history_global_shutdown(void)
{
	git_libgit2_shutdown();
}

int
history_head(const char *source_root, const char *rev, struct hist_head *hh)
{
	git_repository	*repo = NULL;
	git_object	*obj = NULL, *commit = NULL;
	git_reference	*ref = NULL;
	struct diag	 quiet;
	int		 r, rc = -1;

	memset(hh, 0, sizeof(*hh));
	diag_init(&quiet);
	if (hist_init(&quiet) == -1)
		goto out;
	rc = 0;
	if ((r = hist_open(source_root, &repo, &hh->prefix, &quiet)) != 0)
		goto done;
	hh->available = 1;
	hh->shallow = git_repository_is_shallow(repo) == 1;
	if (git_revparse_ext(&obj, &ref, repo, rev != NULL ? rev : "HEAD") !=
	    0 || git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0) {
		hh->branch = hist_branch(repo, NULL);
		goto done;
	}
	git_oid_tostr(hh->tip, sizeof(hh->tip), git_object_id(commit));
	if (ref != NULL)
		hh->branch = hist_branch(repo, ref);
done:
	git_object_free(commit);
	git_object_free(obj);
	git_reference_free(ref);
	git_repository_free(repo);
	git_libgit2_shutdown();
out:
	diag_free(&quiet);
	return rc;
}

void
history_head_free(struct hist_head *hh)
{
	free(hh->branch);
	free(hh->prefix);
	memset(hh, 0, sizeof(*hh));
}

int
history_cache_parse(const void *body, size_t len, const char *prefix,
    struct history *h)
{
	struct hist_state st;
	struct hist_pool kept;
	struct hist_live *live;
	struct buf	 b = BUF_INIT;
	size_t		 nlive;
	int		 rc = -1;

	memset(h, 0, sizeof(*h));
	memset(&st, 0, sizeof(st));
	memset(&kept, 0, sizeof(kept));
	st.pool = &kept;
	buf_put(&b, body, len);
	if (hist_cache_parse(&b, 0, prefix, 0, &st) == -1)
		goto out;
	/* As history_read when the cache is up to date. */
	h->available = 1;
	h->prefix = xstrdup(prefix);
	live = hist_live_list(&st, &nlive);
	hist_output(&st, live, nlive, &kept, h);
	free(live);
	rc = 0;
out:
	hist_state_free(&st);
	hist_pool_free(&kept);
	buf_free(&b);
	return rc;
}

/* ---- history_read ---- */

/*
 * The commit to build, `spec` resolved to a commit; sets h->branch.
 * 1 when HEAD has no commit yet (an empty history, not an error), 0, or
 * -1 with a message that names `spec`.
 */
static int
hist_resolve(git_repository *repo, const char *spec, git_oid *tip,
    struct history *h, struct diag *d)
{
	git_object	*obj = NULL, *commit = NULL;
	git_reference	*ref = NULL;
	int		 rc = -1;

	if (git_revparse_ext(&obj, &ref, repo, spec) != 0) {
		if (strcmp(spec, "HEAD") == 0 &&
		    git_repository_head_unborn(repo) == 1) {
			h->branch = hist_branch(repo, NULL);
			rc = 1;
			goto out;
		}
		diag_err(d, NULL, 0, 0, "không tìm thấy phiên bản “%s” trong "
		    "kho git; hãy ghi đúng tên nhánh, thẻ hoặc mã commit "
		    "(xem danh sách bằng “git branch -a” và “git log "
		    "--oneline”)", spec);
		goto out;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0) {
		diag_err(d, NULL, 0, 0, "phiên bản “%s” không phải là một "
		    "commit; hãy ghi tên nhánh, thẻ hoặc mã commit", spec);
		goto out;
	}
	*tip = *git_object_id(commit);
	if (ref != NULL)
		h->branch = hist_branch(repo, ref);
	rc = 0;
out:
	git_reference_free(ref);
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

/*
 * Going on from the cached tip `ctip` (st is the cache's): the path map
 * the new commits are applied to, and the tip's tree in base->tree.
 */
static int
hist_resume(struct hist_walk *w, struct hist_state *st, const git_oid *ctip,
    struct hist_commit *base)
{
	git_odb_object	*obj;
	git_oid		 parent;
	int		 has_parent, rc;

	hist_map_from_order(st);
	if (hist_read(w, ctip, GIT_OBJECT_COMMIT, &obj) == -1)
		return -1;
	rc = hist_parse_commit(w->pool, git_odb_object_data(obj),
	    git_odb_object_size(obj), base, &parent, &has_parent);
	git_odb_object_free(obj);
	if (rc == -1)
		diag_err(w->d, NULL, 0, 0, "kho git bị hỏng: commit %s "
		    "không đọc được; hãy chạy “git fsck” để kiểm tra "
		    "kho", st->tip);
	return rc;
}

/*
 * Brings st (empty, its pool set) up to `tip`: from the cache when it is
 * whole, made for this prefix and shallow state, and its tip is on the
 * chain (then only the newer commits are walked; none when it is the
 * tip), else from the root.  Sets h->walked.  0 or -1.
 */
static int
hist_update(struct hist_walk *w, const git_oid *tip, const char *cache_dir,
    const struct hist_shallow *sh, struct hist_state *st, struct history *h)
{
	struct hist_state cached;
	struct hist_commit *cs = NULL, base;
	git_oid		 ctip;
	size_t		 n = 0;
	int		 have_cache = 0, resumed = 0, rc = -1;

	memset(&cached, 0, sizeof(cached));
	memset(&base, 0, sizeof(base));
	cached.pool = st->pool;
	if (cache_dir != NULL && hist_cache_load(cache_dir, h->prefix, sh->key,
	    &cached) == 0 && git_oid_fromstr(&ctip, cached.tip) == 0)
		have_cache = 1;
	if (hist_chain(w, tip, have_cache ? &ctip : NULL, sh, h->shallow,
	    &cs, &n, &resumed) == -1)
		goto out;
	if (resumed) {
		*st = cached;
		memset(&cached, 0, sizeof(cached));
	} else
		st->have_map = 1;	/* from empty */
	if (resumed && n > 0 && hist_resume(w, st, &ctip, &base) == -1)
		goto out;
	if (n > 0 && hist_walk_commits(w, st, cs, n, resumed ? &base.tree :
	    NULL) == -1)
		goto out;
	h->walked = n;
	rc = 0;
out:
	free(cs);
	hist_state_free(&cached);
	return rc;
}

int
history_read(const char *source_root, const char *rev, const char *cache_dir,
    struct history *h, struct diag *d)
{
	struct hist_walk  w;
	struct hist_pool  kept, scratch;
	struct hist_state st;
	struct hist_shallow sh;
	struct hist_live *live = NULL;
	git_repository	*repo = NULL;
	git_oid		 tip;
	size_t		 nlive = 0;
	int		 r, rc = -1;

	memset(h, 0, sizeof(*h));
	memset(&w, 0, sizeof(w));
	memset(&kept, 0, sizeof(kept));
	memset(&scratch, 0, sizeof(scratch));
	memset(&st, 0, sizeof(st));
	memset(&sh, 0, sizeof(sh));
	st.pool = &kept;
	if (hist_init(d) == -1)
		return -1;
	if ((r = hist_open(source_root, &repo, &h->prefix, d)) != 0) {
		rc = r == 1 ? 0 : -1;
		goto out;
	}
	h->available = 1;
	if ((r = git_repository_is_shallow(repo)) < 0) {
		diag_err(d, NULL, 0, 0, "không đọc được kho git (%s); hãy "
		    "kiểm tra kho bằng “git status”", hist_giterr());
		goto out;
	}
	h->shallow = r;
	if ((r = hist_resolve(repo, rev != NULL ? rev : "HEAD", &tip, h,
	    d)) != 0) {
		rc = r == 1 ? 0 : -1;
		goto out;
	}
	if (hist_walk_init(&w, repo, h->prefix, &scratch, d) == -1)
		goto out;
	if (h->shallow)
		hist_shallow_load(repo, &sh);
	if (hist_update(&w, &tip, cache_dir, &sh, &st, h) == -1)
		goto out;
	live = hist_live_list(&st, &nlive);
	/* Up to date: the cache is the answer, and stays as it is. */
	if (cache_dir != NULL && h->walked > 0)
		hist_cache_save(cache_dir, h->prefix, sh.key, &st, live, nlive,
		    d);
	hist_output(&st, live, nlive, &kept, h);
	rc = 0;
out:
	if (rc == -1)
		history_free(h);
	free(live);
	hist_state_free(&st);
	hist_pool_free(&kept);
	hist_pool_free(&scratch);
	free(sh.ids);
	hist_walk_free(&w);
	git_repository_free(repo);
	/*
	 * libgit2's init costs milliseconds here (it parses the system's CA
	 * certificates): the history keeps one until history_free, so that
	 * history_status in between does not pay it again.
	 */
	if (rc == 0 && h->available) {
		if (h->priv == NULL)
			h->priv = xcalloc(1, sizeof(struct hist_priv));
		((struct hist_priv *)h->priv)->git = 1;
	} else
		git_libgit2_shutdown();
	return rc;
}

/* ---- lookups ---- */

static int
hist_file_cmp(const void *key, const void *f)
{
	return strcmp(key, ((const struct hist_file *)f)->path);
}

const struct hist_file *
history_find(const struct history *h, const char *path)
{
	if (h->nfiles == 0)
		return NULL;
	return bsearch(path, h->files, h->nfiles, sizeof(*h->files),
	    hist_file_cmp);
}

void
history_free(struct history *h)
{
	struct hist_priv *pv = h->priv;
	size_t		 i;

	/* Paths and events' strings are in the pool. */
	free(h->files);
	free(h->log);
	if (pv != NULL) {
		hist_pool_free(&pv->pool);
		free(pv->evptrs);
		for (i = 0; i < pv->nparts; i++)
			history_free(&pv->parts[i]);
		free(pv->parts);
		if (pv->git)
			git_libgit2_shutdown();
		free(pv);
	}
	for (i = 0; i < h->nuncommitted; i++)
		free(h->uncommitted[i]);
	free(h->uncommitted);
	free(h->branch);
	free(h->prefix);
	memset(h, 0, sizeof(*h));
}
