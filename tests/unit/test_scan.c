/*
 * test_scan.c - which files a build reads, in a fixed order; hidden and
 * backup files ignored; symbolic links may not leave the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fs.h"
#include "scan.h"
#include "source.h"
#include "util.h"
#include "t.h"

static void
touch(const char *root, const char *rel)
{
	char	*p = fs_join(root, rel);

	fs_write(p, "x", 1);
	free(p);
}

int
main(void)
{
	char		 tmpl[] = "/tmp/cchc-scan-XXXXXX";
	char		*a, *b;
	struct scan	 sc;
	struct diag	 d;
	struct source	*src;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	diag_init(&d);
	touch(tmpl, "content/tin-tuc/2025/06/b.md");
	touch(tmpl, "content/tin-tuc/2025/06/a.md");
	touch(tmpl, "content/tin-tuc/2025/06/anh.png");
	touch(tmpl, "content/tin-tuc/.an.md");
	touch(tmpl, "content/tin-tuc/sao-luu.md~");
	touch(tmpl, "content/.git/x.md");
	touch(tmpl, "content/gioi-thieu.md");
	touch(tmpl, "plans/ke-hoach.md");
	touch(tmpl, "themes/default/layouts/post.mustache");
	touch(tmpl, "themes/default/layouts/ghi-chu.txt");
	touch(tmpl, "themes/default/partials/base.mustache");
	touch(tmpl, "themes/default/static/css/style.css");

	T_INTEQ(source_open(&src, tmpl, NULL, &d), 0);
	T_INTEQ(scan_tree(src, "themes/default", &sc, &d), 0);
	T_INTEQ(sc.pages.len, 4);
	if (sc.pages.len == 4) {
		T_STREQ(sc.pages.v[0], "content/gioi-thieu.md");
		T_STREQ(sc.pages.v[1], "content/tin-tuc/2025/06/a.md");
		T_STREQ(sc.pages.v[2], "content/tin-tuc/2025/06/b.md");
		T_STREQ(sc.pages.v[3], "plans/ke-hoach.md");
	}
	T_INTEQ(sc.layouts.len, 1);
	T_INTEQ(sc.partials.len, 1);
	T_INTEQ(sc.statics.len, 1);
	T_STREQ(sc.statics.len ? sc.statics.v[0] : NULL,
	    "themes/default/static/css/style.css");
	T_INTEQ(d.errors, 0);
	scan_free(&sc);

	/* A link inside the tree is followed; one leading out is an error. */
	a = fs_join(tmpl, "content/lien-ket.md");
	T_INTEQ(symlink("gioi-thieu.md", a), 0);
	b = fs_join(tmpl, "content/ngoai.md");
	T_INTEQ(symlink("/etc/hostname", b), 0);
	T_INTEQ(scan_tree(src, "themes/default", &sc, &d), -1);
	T_INTEQ(sc.pages.len, 5);
	T_INTEQ(d.errors, 1);
	T_STREQ(d.len ? d.msgs[0].file : NULL, "content/ngoai.md");
	T_CONTAINS(d.len ? d.msgs[0].text : NULL, "ra ngoài thư mục nguồn");
	scan_free(&sc);
	free(a);
	free(b);

	source_free(src);
	diag_free(&d);
	fs_rmtree(tmpl);
	return t_done("scan");
}
