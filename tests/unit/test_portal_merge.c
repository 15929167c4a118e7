/*
 * test_portal_merge.c - a merged department's tree (portal_merge.c): the
 * sources put together, every kind of collision resolved the same way and
 * listed, the manifest for `cchc build --merge`, the tree brought up to
 * date on a second run, and the build's messages named in the sources.
 * Plain folders: no git needed (the history side is test_history.c's).
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "parse.h"
#include "portal_config.h"
#include "portal_merge.h"
#include "t.h"
#include "util.h"

static char	 tmp[PATH_MAX];

static void
put(const char *root, const char *rel, const char *text)
{
	char	*p = fs_join(root, rel), *d = fs_dirname(p + 1);
	char	*dd = xasprintf("/%s", d);

	fs_mkdirs(dd);
	if (fs_write(p, text, strlen(text)) == -1)
		fprintf(stderr, "cannot write %s\n", p);
	free(dd);
	free(d);
	free(p);
}

static char *
slurp(const char *path)
{
	struct buf	 b = BUF_INIT;

	if (fs_read(path, 1 << 20, &b) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static const struct pm_conflict *
conflict(const struct portal_merge *m, enum pm_kind k)
{
	size_t	 i;

	for (i = 0; i < m->nconf; i++)
		if (m->conf[i].kind == k)
			return &m->conf[i];
	return NULL;
}

static const char *
moved(const struct portal_merge *m, size_t src, const char *old)
{
	size_t	 i;

	for (i = 0; i < m->nmoves; i++)
		if (m->moves[i].src == src &&
		    strcmp(m->moves[i].old_url, old) == 0)
			return m->moves[i].new_url;
	return NULL;
}

static void
test_urls(void)
{
	char	*u;

	T_STREQ((u = parse_url("content/tin-tuc/2025/Hội nghị.md", NULL)),
	    "tin-tuc/hoi-nghi/");
	free(u);
	T_STREQ((u = parse_url("content/tin-tuc/2024/a.md", "Tập huấn")),
	    "tin-tuc/tap-huan/");
	free(u);
	T_STREQ((u = parse_url("content/gioi-thieu/index.md", NULL)),
	    "gioi-thieu/");
	free(u);
	T_STREQ((u = parse_url("content/thu-tuc/cap-phep.md", NULL)),
	    "thu-tuc/cap-phep/");
	free(u);
	T_OK(parse_url("content/tin-tuc/---.md", NULL) == NULL);
	T_OK(parse_url("content/tin-tuc/a.txt", NULL) == NULL);
}

static void
test_prepare(void)
{
	struct portal_source src[2];
	struct portal_dept pd;
	struct portal_merge m;
	const struct pm_conflict *c;
	struct diag	 d;
	struct buf	 out = BUF_INIT;
	struct stat	 a, b;
	char		*sa = fs_join(tmp, "st"), *sb = fs_join(tmp, "ct");
	char		*tree = fs_join(tmp, "tree"), *t, *p;

	put(sa, "site.yaml", "title: Chuyên mục\ndepartment: Sở cũ A\n"
	    "repo_url: https://git.example/{commit}\n  # indented\n"
	    "base_url: https://a.example/\n");
	put(sa, "content/tin-tuc/2025/hoi-nghi.md", "---\ntitle: A\n---\nA\n");
	put(sa, "content/tin-tuc/2025/tap-huan.md", "---\ntitle: A\n---\nA\n");
	put(sa, "content/thu-tuc/cap-phep.md",
	    "---\ntitle: P\ncode: \"1.0001\"\n---\nP\n");
	put(sa, "content/anh/logo.png", "PNG-A");
	put(sa, "content/anh/chung.png", "SAME");
	put(sb, "site.yaml", "title: B\ndepartment: Sở cũ B\n");
	put(sb, "content/tin-tuc/2025/hoi-nghi.md", "---\ntitle: B\n---\nB\n");
	put(sb, "content/tin-tuc/2024/tap-huan.md", "---\ntitle: B\n---\nB\n");
	put(sb, "content/tin-tuc/2025/rieng.md", "---\ntitle: B\n---\nB\n");
	put(sb, "content/thu-tuc/cap-phep-xd.md",
	    "---\ntitle: P\ncode: \"1.0001\"\n---\nP\n");
	put(sb, "content/anh/logo.png", "PNG-B");
	put(sb, "content/anh/chung.png", "SAME");
	put(sb, "themes/x/layouts/page.mustache", "only the first's theme");

	memset(src, 0, sizeof(src));
	src[0].path = (char *)"st";
	src[0].abs = sa;
	src[0].former = (char *)"so-xd";
	src[1].path = (char *)"ct";
	src[1].abs = sb;
	src[1].former = (char *)"sxd-ct";
	memset(&pd, 0, sizeof(pd));
	pd.name = (char *)"Sở Xây dựng";
	pd.slug = (char *)"so-xd";
	pd.src = src;
	pd.nsrc = 2;

	diag_init(&d);
	T_INTEQ(portal_merge_prepare(&pd, tree, &m, &d), 0);
	T_INTEQ(d.errors, 0);
	diag_free(&d);
	T_INTEQ(m.nconf, 4);
	T_OK((c = conflict(&m, PM_PATH)) != NULL && c->src == 1 &&
	    c->keep_src == 0 && strcmp(c->what,
	    "content/tin-tuc/2025/hoi-nghi.md") == 0 && strcmp(c->now,
	    "content/tin-tuc/2025/hoi-nghi-sxd-ct.md") == 0);
	T_OK((c = conflict(&m, PM_URL)) != NULL && c->src == 1 &&
	    strcmp(c->path, "content/tin-tuc/2024/tap-huan.md") == 0 &&
	    strcmp(c->keep_path, "content/tin-tuc/2025/tap-huan.md") == 0 &&
	    strcmp(c->what, "tin-tuc/tap-huan/") == 0 &&
	    strcmp(c->now, "tin-tuc/tap-huan-sxd-ct/") == 0);
	T_OK((c = conflict(&m, PM_CODE)) != NULL && c->src == 1 &&
	    strcmp(c->what, "1.0001") == 0 &&
	    strcmp(c->now, "thu-tuc/cap-phep/") == 0);
	T_OK((c = conflict(&m, PM_FILE)) != NULL &&
	    strcmp(c->what, "content/anh/logo.png") == 0);
	/* Where each source published its section itself. */
	T_OK(m.nsrc == 2 && m.own_url[0] != NULL &&
	    strcmp(m.own_url[0], "https://a.example/") == 0);
	T_OK(m.nsrc == 2 && m.own_url[1] == NULL);
	/* Every page's way from its former section. */
	T_STREQ(moved(&m, 1, "tin-tuc/hoi-nghi/"), "tin-tuc/hoi-nghi-sxd-ct/");
	T_STREQ(moved(&m, 0, "tin-tuc/hoi-nghi/"), "tin-tuc/hoi-nghi/");
	T_STREQ(moved(&m, 1, "tin-tuc/tap-huan/"), "tin-tuc/tap-huan-sxd-ct/");
	T_STREQ(moved(&m, 1, "thu-tuc/cap-phep-xd/"), "thu-tuc/cap-phep/");
	T_STREQ(moved(&m, 1, "tin-tuc/rieng/"), "tin-tuc/rieng/");

	/* The tree: links to the sources' files, the first's on a clash. */
	t = fs_join(tree, "content/tin-tuc/2025/hoi-nghi-sxd-ct.md");
	p = fs_join(sb, "content/tin-tuc/2025/hoi-nghi.md");
	T_OK(stat(t, &a) == 0 && stat(p, &b) == 0 && a.st_ino == b.st_ino);
	free(t);
	free(p);
	t = fs_join(tree, "content/anh/logo.png");
	p = slurp(t);
	T_STREQ(p, "PNG-A");
	free(p);
	free(t);
	t = fs_join(tree, "content/thu-tuc/cap-phep-xd.md");
	T_OK(!fs_is_file(t));
	free(t);
	t = fs_join(tree, "themes/x/layouts/page.mustache");
	T_OK(!fs_is_file(t));
	free(t);
	t = fs_join(tree, "site.yaml");
	p = slurp(t);
	T_STREQ(p, "title: Chuyên mục\nbase_url: https://a.example/\n"
	    "department: \"Sở Xây dựng\"\n");
	free(p);
	free(t);
	/* The manifest: sources, then the pages by path; a changed URL. */
	p = slurp(m.manifest);
	T_CONTAINS(p, "cchc-merge 1\nsource\t/");
	T_CONTAINS(p, "page\t1\tcontent/tin-tuc/2024/tap-huan.md\t"
	    "content/tin-tuc/2024/tap-huan.md\ttin-tuc/tap-huan-sxd-ct/\n"
	    "page\t1\tcontent/tin-tuc/2025/hoi-nghi-sxd-ct.md\t"
	    "content/tin-tuc/2025/hoi-nghi.md\t-\n"
	    "page\t0\tcontent/tin-tuc/2025/hoi-nghi.md\t"
	    "content/tin-tuc/2025/hoi-nghi.md\t-\n");
	free(p);

	/* The build's messages, named where the editor finds the file. */
	{
		static const char log[] = "content/tin-tuc/2025/"
		    "hoi-nghi-sxd-ct.md:3:1: lỗi: x\ncchc: dừng\n"
		    "content/khong-co.md: y\n";

		portal_merge_messages(&m, log, sizeof(log) - 1, &out);
	}
	T_STREQ(buf_cstr(&out), "ct/content/tin-tuc/2025/hoi-nghi.md:3:1: "
	    "lỗi: x\ncchc: dừng\ncontent/khong-co.md: y\n");
	buf_free(&out);
	portal_merge_free(&m);

	/* Again, after the second source lost a page: it leaves the tree. */
	t = fs_join(sb, "content/tin-tuc/2025/rieng.md");
	unlink(t);
	free(t);
	diag_init(&d);
	T_INTEQ(portal_merge_prepare(&pd, tree, &m, &d), 0);
	diag_free(&d);
	t = fs_join(tree, "content/tin-tuc/2025/rieng.md");
	T_OK(!fs_is_file(t));
	free(t);
	T_OK(moved(&m, 1, "tin-tuc/rieng/") == NULL);
	portal_merge_free(&m);

	/* A source that cannot be read: the department is named. */
	src[1].abs = (char *)"/nonexistent/cchc";
	diag_init(&d);
	T_INTEQ(portal_merge_prepare(&pd, tree, &m, &d), -1);
	T_OK(d.errors > 0);
	diag_free(&d);
	portal_merge_free(&m);
	free(sa);
	free(sb);
	free(tree);
}

int
main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/cchc-pmerge-XXXXXX");
	if (mkdtemp(tmp) == NULL)
		return 1;
	test_urls();
	test_prepare();
	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "kept %s\n", tmp);
	return t_done("portal_merge");
}
