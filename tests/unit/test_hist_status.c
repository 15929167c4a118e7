/*
 * test_hist_status.c - history_status (hist_status.c): the work tree
 * against HEAD at the top of a repository made with the git CLI.  A
 * clean tree, untracked and modified pages listed sorted, a deleted page
 * dirty but not listed, names scan would skip (hidden, "#x#", ".md"
 * alone, outside content/ and plans/) not listed, .cchc-cache/ ignored
 * even without its own .gitignore, and a history that is not available
 * left alone.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "history.h"
#include "util.h"
#include "t.h"

static char	 tmp[PATH_MAX];

static int
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_puts(&b, " >/dev/null 2>&1");
	rc = system(buf_cstr(&b));
	buf_free(&b);
	return rc;
}

/* Writes repo/rel, making its folders. */
static void
put(const char *rel, const char *text)
{
	char	*p = xasprintf("%s/repo/%s", tmp, rel), *d = fs_dirname(p);

	fs_mkdirs(d);
	if (fs_write(p, text, strlen(text)) == -1)
		fprintf(stderr, "cannot write %s\n", p);
	free(d);
	free(p);
}

/* The status as "dirty: a b ...", after reading the history once. */
static char *
status(struct history *h)
{
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	char		*root = fs_join(tmp, "repo");
	size_t		 i;

	diag_init(&d);
	T_INTEQ(history_status(root, h, &d), 0);
	T_INTEQ(d.len, 0);
	buf_printf(&b, "%d:", h->dirty);
	for (i = 0; i < h->nuncommitted; i++)
		buf_printf(&b, " %s", h->uncommitted[i]);
	diag_free(&d);
	free(root);
	return buf_detach(&b);
}

static void
status_is(struct history *h, const char *want)
{
	char	*got = status(h);

	T_STREQ(got, want);
	free(got);
}

static void
test_status(void)
{
	struct history	 h;
	struct diag	 d;
	char		*root = fs_join(tmp, "repo");

	put("content/tin-tuc/a.md", "---\ntitle: A\n---\n");
	put("content/gioi-thieu.md", "---\ntitle: G\n---\n");
	put("plans/kh.md", "---\ntitle: K\n---\n");
	put("README.md", "x\n");
	sh("cd '%s/repo' && git init -q -b main . && git add -A && "
	    "GIT_AUTHOR_DATE='1750000000 +0700' "
	    "GIT_COMMITTER_DATE='1750000000 +0700' git commit -q -m 'Đầu'",
	    tmp);
	diag_init(&d);
	T_INTEQ(history_read(root, NULL, NULL, &h, &d), 0);
	T_INTEQ(h.available, 1);
	diag_free(&d);

	status_is(&h, "0:");
	/* cchc's cache is not work to commit, .gitignore or not. */
	put(".cchc-cache/history", "cache");
	status_is(&h, "0:");
	/* New and changed pages, sorted; other files only make it dirty. */
	put("plans/kh.md", "---\ntitle: K2\n---\n");
	put("content/tin-tuc/moi.md", "---\ntitle: M\n---\n");
	put("content/anh.png", "PNG");
	put("README.md", "y\n");
	status_is(&h, "1: content/tin-tuc/moi.md plans/kh.md");
	/* Names scan skips are not pages. */
	sh("cd '%s/repo' && git checkout -q -- . && git clean -qfd "
	    "-e .cchc-cache", tmp);
	status_is(&h, "0:");
	put("content/.nhap.md", "x");
	put("content/#a.md#", "x");
	put("content/.an/b.md", "x");
	put("content/x/.md", "x");
	put("ghi-chu.md", "x");
	put("themes/t/README.md", "x");
	put("content/a.md~", "x");
	status_is(&h, "1:");
	sh("cd '%s/repo' && git clean -qfd -e .cchc-cache", tmp);
	status_is(&h, "0:");
	/* A deleted page: dirty, but no page to list. */
	sh("rm '%s/repo/content/gioi-thieu.md'", tmp);
	status_is(&h, "1:");
	/* A staged new page counts, and the list is made afresh. */
	sh("cd '%s/repo' && git checkout -q -- . && cp plans/kh.md "
	    "plans/kh-2.md && git add plans/kh-2.md", tmp);
	status_is(&h, "1: plans/kh-2.md");
	sh("cd '%s/repo' && git reset -q && rm plans/kh-2.md", tmp);
	status_is(&h, "0:");
	history_free(&h);

	/* No history: nothing read, nothing changed. */
	memset(&h, 0, sizeof(h));
	h.dirty = 7;
	diag_init(&d);
	T_INTEQ(history_status(root, &h, &d), 0);
	T_INTEQ(h.dirty, 7);
	T_INTEQ(d.len, 0);
	diag_free(&d);
	free(root);
}

int
main(void)
{
	char	*home;

	snprintf(tmp, sizeof(tmp), "/tmp/cchc-hist-status-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	home = fs_join(tmp, "home");
	fs_mkdirs(home);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Nguyễn Thị Biên Tập", 1);
	setenv("GIT_AUTHOR_EMAIL", "bientap@so.gov.vn", 1);
	setenv("GIT_COMMITTER_NAME", "Trần Văn Duyệt", 1);
	setenv("GIT_COMMITTER_EMAIL", "duyet@so.gov.vn", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	free(home);
	test_status();
	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "files kept in %s\n", tmp);
	return t_done("hist_status");
}
