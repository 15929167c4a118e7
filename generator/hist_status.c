/*
 * hist_status.c - history_status (history.h): the work tree below the
 * source root against HEAD, by git status through libgit2.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "diag.h"
#include "hist_int.h"
#include "history.h"
#include "util.h"

/* content/ ** / *.md or plans/ ** / *.md, names scan would not skip. */
static int
hist_is_page(const char *p)
{
	const char	*s;

	if (!str_has_prefix(p, "content/") && !str_has_prefix(p, "plans/"))
		return 0;
	if (!str_has_suffix(p, ".md"))
		return 0;
	for (s = strchr(p, '/'); s != NULL; s = strchr(s + 1, '/'))
		if (s[1] == '.' || s[1] == '#' || s[1] == '\0')
			return 0;
	return strlen(strrchr(p, '/') + 1) > 3;
}

static int
hist_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
history_status(const char *source_root, struct history *h, struct diag *d)
{
	git_status_options opts;
	git_status_list	*list = NULL;
	git_repository	*repo = NULL;
	const git_status_entry *e;
	char		*prefix = NULL, *pspec;
	const char	*path;
	size_t		 i, n, plen, cap = 0;
	int		 r, rc = -1;
	unsigned	 changed = GIT_STATUS_INDEX_NEW |
	    GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_RENAMED |
	    GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_NEW |
	    GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_RENAMED |
	    GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_CONFLICTED;

	if (!h->available)
		return 0;
	for (i = 0; i < h->nuncommitted; i++)
		free(h->uncommitted[i]);
	free(h->uncommitted);
	h->uncommitted = NULL;
	h->nuncommitted = 0;
	h->dirty = 0;
	if (hist_init(d) == -1)
		return -1;
	if ((r = hist_open(source_root, &repo, &prefix, d)) != 0) {
		rc = r == 1 ? 0 : -1;
		goto out;
	}
	plen = strlen(prefix);
	pspec = prefix;
	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được trạng thái kho git "
		    "(%s)", hist_giterr());
		goto out;
	}
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	/* The prefix is a folder, not a pattern ("[" in a name). */
	if (plen > 0) {
		opts.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
		opts.pathspec.strings = &pspec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &opts) != 0) {
		diag_err(d, NULL, 0, 0, "không đọc được trạng thái kho git "
		    "(%s); hãy kiểm tra bằng “git status”", hist_giterr());
		goto out;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		e = git_status_byindex(list, i);
		if (e == NULL || e->status == GIT_STATUS_CURRENT ||
		    (e->status & GIT_STATUS_IGNORED))
			continue;
		if (e->index_to_workdir != NULL)
			path = e->index_to_workdir->new_file.path;
		else if (e->head_to_index != NULL)
			path = e->head_to_index->new_file.path;
		else
			continue;
		if (path == NULL || strncmp(path, prefix, plen) != 0)
			continue;
		/*
		 * cchc's own cache is never work to commit.  Its ".gitignore"
		 * of "*" comes with the history cache, which another thread
		 * may write only after this status is read.
		 */
		if (str_has_prefix(path + plen, ".cchc-cache/"))
			continue;
		h->dirty = 1;
		/* A page that is gone from the work tree is no page. */
		if (!(e->status & changed) || (e->status & GIT_STATUS_WT_DELETED) ||
		    !hist_is_page(path + plen))
			continue;
		ARRAY_GROW(h->uncommitted, h->nuncommitted, cap, 8);
		h->uncommitted[h->nuncommitted++] = xstrdup(path + plen);
	}
	if (h->nuncommitted > 1)
		qsort(h->uncommitted, h->nuncommitted,
		    sizeof(*h->uncommitted), hist_str_cmp);
	rc = 0;
out:
	git_status_list_free(list);
	git_repository_free(repo);
	free(prefix);
	git_libgit2_shutdown();
	return rc;
}
