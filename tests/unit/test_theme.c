/*
 * test_theme.c - where an installed theme is found (theme.h), and the
 * source overlay that serves it in place of a site's missing themes/<name>/
 * (source_overlay): listing, reading, testing and sizing its files under
 * their site-relative names, from a folder and from a git tree, without
 * letting a path climb out of it.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "scan.h"
#include "source.h"
#include "theme.h"
#include "util.h"
#include "t.h"

static char	 tmp[PATH_MAX];

/* Writes tmp/rel, making its folders. */
static void
put(const char *rel, const char *text)
{
	char	*p = fs_join(tmp, rel), *d = fs_dirname(p);

	fs_mkdirs(d);
	if (fs_write(p, text, strlen(text)) == -1)
		fprintf(stderr, "cannot write %s\n", p);
	free(d);
	free(p);
}

static void
test_names(void)
{
	T_OK(theme_name_ok("default"));
	T_OK(theme_name_ok("so-noi-vu"));
	T_OK(!theme_name_ok(""));
	T_OK(!theme_name_ok(NULL));
	T_OK(!theme_name_ok(".."));
	T_OK(!theme_name_ok(".an"));
	T_OK(!theme_name_ok("a/b"));
	T_OK(!theme_name_ok("a\\b"));
}

static void
test_candidates(void)
{
	struct strlist	 l = { NULL, 0, 0 };
	char		*dir, *want;

	/* CCHC_THEMES set: there alone. */
	want = xasprintf("%s/installed", tmp);
	setenv("CCHC_THEMES", want, 1);
	theme_candidates("default", &l);
	T_INTEQ(l.len, 1);
	free(want);
	want = xasprintf("%s/installed/default", tmp);
	if (l.len == 1)
		T_STREQ(l.v[0], want);
	T_OK(theme_installed("default") == NULL);
	put("installed/default/layouts/home.mustache", "x");
	dir = theme_installed("default");
	T_STREQ(dir, want);
	free(dir);
	T_OK(theme_installed("khac") == NULL);
	T_OK(theme_installed("../installed/default") == NULL);
	strlist_free(&l);
	free(want);

	/* Unset: beside the binary (no ".." left in the names), then
	   CCHC_DATADIR, which the Makefile compiles in. */
	unsetenv("CCHC_THEMES");
	theme_candidates("default", &l);
	T_INTEQ(l.len, 4);
	if (l.len == 4) {
		T_OK(strstr(l.v[0], "/share/cchc/themes/default") != NULL);
		T_OK(strstr(l.v[0], "/../") == NULL);
		T_OK(str_has_suffix(l.v[1], "/tests/themes/default"));
		T_OK(strstr(l.v[2], "/../") == NULL);
		T_OK(l.v[3][0] == '/' &&
		    str_has_suffix(l.v[3], "/themes/default"));
	}
	strlist_free(&l);
	theme_candidates("a/b", &l);
	T_INTEQ(l.len, 0);
	strlist_free(&l);
}

static int
has(const struct strlist *l, const char *s)
{
	size_t	 i;

	for (i = 0; i < l->len; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

/* The overlay of tmp/installed/default as themes/default of site `root`. */
static void
check_overlay(struct source *s)
{
	struct strlist	 l = { NULL, 0, 0 };
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	size_t		 n = 0;
	char		*p, *want;

	diag_init(&d);
	T_OK(!source_is_dir(s, "themes/default"));
	p = xasprintf("%s/installed/default", tmp);
	source_overlay(s, "themes/default", p);
	free(p);
	T_OK(source_is_dir(s, "themes/default"));
	T_OK(source_is_dir(s, "themes/default/static"));
	T_INTEQ(source_list(s, "themes/default/static", NULL, 1, &l, &d), 0);
	strlist_sort(&l);
	T_INTEQ(l.len, 2);
	T_OK(has(&l, "themes/default/static/style.css"));
	T_OK(has(&l, "themes/default/static/img/logo.svg"));
	strlist_free(&l);
	T_INTEQ(source_list(s, "themes/default/layouts", ".mustache", 0, &l,
	    &d), 0);
	T_INTEQ(l.len, 1);
	strlist_free(&l);
	T_INTEQ(source_read(s, "themes/default/static/style.css", 100, &b), 0);
	T_STREQ(buf_cstr(&b), "body{}");
	buf_reset(&b);
	/* The site's own files are still its own. */
	T_INTEQ(source_read(s, "site.yaml", 100, &b), 0);
	T_STREQ(buf_cstr(&b), "title: T\n");
	buf_reset(&b);
	T_OK(source_is_file(s, "themes/default/layouts/home.mustache"));
	T_INTEQ(source_size(s, "themes/default/static/style.css", &n), 0);
	T_INTEQ(n, 6);
	/* Only that folder: not a sibling with the same prefix. */
	T_OK(!source_is_file(s, "themes/defaultx/static/style.css"));
	/* No way out of the installed folder. */
	T_INTEQ(source_read(s, "themes/default/../../secret", 100, &b), -1);
	T_INTEQ(source_read(s, "themes/default/../../../secret", 100, &b), -1);
	T_OK(!source_is_file(s, "themes/default/../../secret"));
	T_OK(!source_is_file(s, "themes/default/../../../secret"));
	T_INTEQ(source_size(s, "themes/default/../../../secret", &n), -1);
	/* Where it is on disk. */
	p = source_disk_path(s, "themes/default/static/style.css");
	want = xasprintf("%s/installed/default/static/style.css", tmp);
	T_STREQ(p, want);
	free(p);
	free(want);
	T_INTEQ(d.errors, 0);
	diag_free(&d);
	buf_free(&b);
}

static void
test_overlay(void)
{
	struct source	*s;
	struct diag	 d;
	char		*root, *p;

	diag_init(&d);
	put("secret", "mật");
	put("installed/default/static/style.css", "body{}");
	put("installed/default/static/img/logo.svg", "<svg/>");
	put("installed/default/layouts/home.mustache", "x");
	put("site/site.yaml", "title: T\n");
	put("site/content/a.md", "---\ntitle: A\n---\n");
	root = fs_join(tmp, "site");

	T_INTEQ(source_open(&s, root, NULL, &d), 0);
	check_overlay(s);
	p = source_disk_path(s, "site.yaml");
	T_OK(p != NULL && str_has_suffix(p, "/site/site.yaml"));
	free(p);
	source_free(s);

	/* A git tree: the overlay still reads the installed folder. */
	p = xasprintf("cd '%s' && git init -q && git add -A && git -c "
	    "user.name=t -c user.email=t@vidu.gov.vn commit -q -m x "
	    ">/dev/null 2>&1", root);
	if (system(p) != 0)
		T_OK(!"git commit of the fixture");
	free(p);
	T_INTEQ(source_open(&s, root, "HEAD", &d), 0);
	check_overlay(s);
	T_OK(source_disk_path(s, "site.yaml") == NULL);
	T_OK(source_is_dir(s, "content"));
	T_OK(!source_is_dir(s, "content/a.md"));
	source_free(s);
	T_INTEQ(d.errors, 0);
	diag_free(&d);
	free(root);
}

int
main(void)
{
	char	*cmd;

	snprintf(tmp, sizeof(tmp), "%s/cchc-theme-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_names();
	test_candidates();
	test_overlay();
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
	return t_done("theme");
}
