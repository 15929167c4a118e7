/*
 * test_source.c - where source files come from (source.h): the work tree
 * against the committed tree of a revision (--rev) in a tiny repository
 * made with the git CLI at fixed dates, a source root below the top of
 * the repository, hidden and backup names skipped, links that leave the
 * tree refused, and the messages for a missing repository or revision.
 */
#include <errno.h>
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

/* The one place a source is opened: tmp/<root>, rev or NULL. */
static int
open_src(struct source **s, const char *root, const char *rev,
    struct diag *d)
{
	char	*abs = fs_join(tmp, root);
	int	 rc;

	rc = source_open(s, abs, rev, d);
	free(abs);
	return rc;
}

/* The sorted list of files, joined with spaces. */
static char *
listing(struct source *s, const char *dir, const char *sfx, int recurse,
    int *rc)
{
	struct strlist	 l = { 0 };
	struct diag	 d;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	diag_init(&d);
	*rc = source_list(s, dir, sfx, recurse, &l, &d);
	strlist_sort(&l);
	for (i = 0; i < l.len; i++)
		buf_printf(&b, "%s%s", i ? " " : "", l.v[i]);
	strlist_free(&l);
	diag_free(&d);
	return buf_detach(&b);
}

/* Reads path: its text, or "-1 <errno name>". */
static char *
reading(struct source *s, const char *path, size_t max)
{
	struct buf	 b = BUF_INIT;

	if (source_read(s, path, max, &b) == -1) {
		buf_reset(&b);
		buf_printf(&b, "-1 %s", errno == ENOENT ? "ENOENT" :
		    errno == EFBIG ? "EFBIG" : "other");
	}
	return buf_detach(&b);
}

static void
list_is(struct source *s, const char *dir, const char *sfx, int recurse,
    const char *want)
{
	int	 rc;
	char	*got = listing(s, dir, sfx, recurse, &rc);

	T_INTEQ(rc, 0);
	T_STREQ(got, want);
	free(got);
}

static void
read_is(struct source *s, const char *path, size_t max, const char *want)
{
	char	*got = reading(s, path, max);

	T_STREQ(got, want);
	free(got);
}

/* The first message of d, formatted. */
static char *
first_msg(const struct diag *d)
{
	struct buf	 b = BUF_INIT;

	if (d->len > 0)
		diag_format(&d->msgs[0], &b);
	return buf_detach(&b);
}

/*
 * repo/site is the source root; one commit at a fixed date, then the
 * work tree moves on (a.md edited, new.md added, ghi-chu removed).
 */
static void
make_repo(void)
{
	put("repo/site/content/tin-tuc/a.md", "bản 1\n");
	put("repo/site/content/tin-tuc/sub/c.md", "c\n");
	put("repo/site/content/tin-tuc/.an.md", "hidden\n");
	put("repo/site/content/tin-tuc/a.md~", "backup\n");
	put("repo/site/content/tin-tuc/#a.md#", "autosave\n");
	put("repo/site/content/tin-tuc/ghi-chu.txt", "txt\n");
	put("repo/site/data/d.yaml", "x: 1\n");
	put("repo/README", "top\n");
	sh("cd '%s/repo' && git init -q -b main . && git add -A && "
	    "GIT_AUTHOR_DATE='1750000000 +0700' "
	    "GIT_COMMITTER_DATE='1750000000 +0700' "
	    "git commit -q -m 'Bản đầu'", tmp);
	put("repo/site/content/tin-tuc/a.md", "bản 2, chưa commit\n");
	put("repo/site/content/tin-tuc/new.md", "mới\n");
	sh("rm '%s/repo/site/content/tin-tuc/ghi-chu.txt'", tmp);
	put("repo/moi/content/x.md", "x\n");
}

static void
test_worktree(void)
{
	struct source	*s;
	struct diag	 d;

	diag_init(&d);
	T_INTEQ(open_src(&s, "repo/site", NULL, &d), 0);
	T_STREQ(source_name(s), "thư mục nguồn");
	T_OK(str_has_suffix(source_root(s), "/repo/site"));
	list_is(s, "content", ".md", 1,
	    "content/tin-tuc/a.md content/tin-tuc/new.md "
	    "content/tin-tuc/sub/c.md");
	list_is(s, "content/tin-tuc", ".md", 0,
	    "content/tin-tuc/a.md content/tin-tuc/new.md");
	list_is(s, "content/tin-tuc", NULL, 0,
	    "content/tin-tuc/a.md content/tin-tuc/new.md");
	list_is(s, "khong-co", NULL, 1, "");
	read_is(s, "content/tin-tuc/a.md", 1000, "bản 2, chưa commit\n");
	read_is(s, "content/tin-tuc/new.md", 1000, "mới\n");
	read_is(s, "content/tin-tuc/ghi-chu.txt", 1000, "-1 ENOENT");
	read_is(s, "content/tin-tuc/a.md", 3, "-1 EFBIG");
	T_INTEQ(source_is_file(s, "data/d.yaml"), 1);
	T_INTEQ(source_is_file(s, "data"), 0);
	T_INTEQ(source_is_file(s, "data/khong.yaml"), 0);
	/* Outside the root: refused though the file exists. */
	T_INTEQ(source_is_file(s, "../README"), 0);
	T_INTEQ(source_is_file(s, "content/../../README"), 0);
	read_is(s, "../README", 1000, "-1 ENOENT");
	read_is(s, "content/../../README", 1000, "-1 ENOENT");
	read_is(s, "/etc/hostname", 1000, "-1 ENOENT");
	T_INTEQ(d.len, 0);
	source_free(s);
	diag_free(&d);
}

static void
test_rev(void)
{
	struct source	*s;
	struct diag	 d;
	char		 want[64], id[16] = "";
	FILE		*p;
	char		*cmd;

	diag_init(&d);
	T_INTEQ(open_src(&s, "repo/site", "main", &d), 0);
	T_INTEQ(d.len, 0);
	cmd = xasprintf("git -C '%s/repo' rev-parse --short=7 HEAD", tmp);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fgets(id, sizeof(id), p) != NULL)
			id[strcspn(id, "\n")] = '\0';
		pclose(p);
	}
	free(cmd);
	snprintf(want, sizeof(want), "commit %s", id);
	T_INTEQ(strlen(id), 7);
	T_STREQ(source_name(s), want);
	/* The committed tree, whatever the work tree says. */
	list_is(s, "content", ".md", 1,
	    "content/tin-tuc/a.md content/tin-tuc/sub/c.md");
	list_is(s, "content/tin-tuc", NULL, 0,
	    "content/tin-tuc/a.md content/tin-tuc/ghi-chu.txt");
	list_is(s, "content/tin-tuc", ".md", 1,
	    "content/tin-tuc/a.md content/tin-tuc/sub/c.md");
	list_is(s, "khong-co", NULL, 1, "");
	read_is(s, "content/tin-tuc/a.md", 1000, "bản 1\n");
	read_is(s, "content/tin-tuc/ghi-chu.txt", 1000, "txt\n");
	read_is(s, "content/tin-tuc/new.md", 1000, "-1 ENOENT");
	read_is(s, "content/tin-tuc", 1000, "-1 ENOENT");
	read_is(s, "content/tin-tuc/a.md", 7, "-1 EFBIG");
	read_is(s, "content/tin-tuc/a.md", 8, "bản 1\n");
	read_is(s, "../README", 1000, "-1 ENOENT");
	T_INTEQ(source_is_file(s, "data/d.yaml"), 1);
	T_INTEQ(source_is_file(s, "content/tin-tuc/new.md"), 0);
	T_INTEQ(source_is_file(s, "content"), 0);
	T_INTEQ(source_is_file(s, "../README"), 0);
	source_free(s);
	/* The same revision from the top of the repository. */
	T_INTEQ(open_src(&s, "repo", "HEAD", &d), 0);
	read_is(s, "README", 1000, "top\n");
	read_is(s, "site/content/tin-tuc/a.md", 1000, "bản 1\n");
	source_free(s);
	diag_free(&d);
}

static void
test_rev_errors(void)
{
	struct source	*s;
	struct diag	 d;
	char		*m, *want;

	diag_init(&d);
	put("plain/content/a.md", "a\n");
	T_INTEQ(open_src(&s, "plain", "HEAD", &d), -1);
	T_INTEQ(d.errors, 1);
	m = first_msg(&d);
	want = xasprintf("%s/plain: lỗi: --rev cần thư mục nguồn nằm trong "
	    "một kho git, nhưng ở đây không có kho git nào", tmp);
	T_STREQ(m, want);
	free(m);
	free(want);
	source_free(s);
	diag_free(&d);

	diag_init(&d);
	T_INTEQ(open_src(&s, "repo/site", "khong-co", &d), -1);
	m = first_msg(&d);
	T_STREQ(m, "cchc: lỗi: không tìm thấy phiên bản “khong-co” trong kho "
	    "git; kiểm tra tên nhánh, thẻ hoặc mã commit");
	free(m);
	source_free(s);
	diag_free(&d);

	/* A folder made after the commit is not in it. */
	diag_init(&d);
	T_INTEQ(open_src(&s, "repo/moi", "HEAD", &d), -1);
	m = first_msg(&d);
	T_CONTAINS(m, "/repo/moi: lỗi: thư mục nguồn “moi” chưa có trong "
	    "commit ");
	free(m);
	source_free(s);
	diag_free(&d);
}

static void
test_links(void)
{
	struct source	*s;
	struct diag	 d;
	struct strlist	 l = { 0 };
	char		*m, *p;
	int		 rc;

	put("links/content/real.md", "r\n");
	put("outside.md", "o\n");
	p = fs_join(tmp, "links/content/in.md");
	T_INTEQ(symlink("real.md", p), 0);
	free(p);
	diag_init(&d);
	T_INTEQ(open_src(&s, "links", NULL, &d), 0);
	/* A link inside the tree is followed. */
	list_is(s, "content", ".md", 1, "content/in.md content/real.md");
	read_is(s, "content/in.md", 100, "r\n");
	/* One that leaves it is an error naming the link. */
	p = fs_join(tmp, "links/content/out.md");
	T_INTEQ(symlink("../../outside.md", p), 0);
	free(p);
	rc = source_list(s, "content", ".md", 1, &l, &d);
	T_INTEQ(rc, -1);
	T_INTEQ(d.errors, 1);
	m = first_msg(&d);
	T_STREQ(m, "content/out.md: lỗi: liên kết tượng trưng trỏ ra ngoài "
	    "thư mục nguồn; hãy chép tệp vào trong thư mục nguồn thay vì "
	    "liên kết");
	free(m);
	T_INTEQ(source_is_file(s, "content/out.md"), 0);
	T_INTEQ(source_is_file(s, "content/in.md"), 1);
	strlist_free(&l);
	source_free(s);
	diag_free(&d);

	/* In a commit any link is an error. */
	p = fs_join(tmp, "repo/site/content/lien-ket.md");
	T_INTEQ(symlink("tin-tuc/a.md", p), 0);
	free(p);
	sh("cd '%s/repo' && git add -A && GIT_AUTHOR_DATE='1750086400 +0700' "
	    "GIT_COMMITTER_DATE='1750086400 +0700' git commit -q -m 'Liên kết'",
	    tmp);
	diag_init(&d);
	T_INTEQ(open_src(&s, "repo/site", "HEAD", &d), 0);
	memset(&l, 0, sizeof(l));
	rc = source_list(s, "content", ".md", 0, &l, &d);
	T_INTEQ(rc, -1);
	m = first_msg(&d);
	T_STREQ(m, "content/lien-ket.md: lỗi: liên kết tượng trưng không "
	    "dùng được khi dựng từ một commit (--rev); hãy thay bằng tệp thật");
	free(m);
	strlist_free(&l);
	source_free(s);
	diag_free(&d);
}

int
main(void)
{
	char	*home;

	snprintf(tmp, sizeof(tmp), "/tmp/cchc-source-XXXXXX");
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

	make_repo();
	test_worktree();
	test_rev();
	test_rev_errors();
	test_links();

	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "files kept in %s\n", tmp);
	return t_done("source");
}
