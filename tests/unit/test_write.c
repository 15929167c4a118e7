/*
 * test_write.c - the output folder is built aside and swapped in; a
 * failed build leaves the old one; foreign folders are never replaced.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "util.h"
#include "write.h"
#include "t.h"

static char *
slurp(const char *dir, const char *rel)
{
	struct buf	 b = BUF_INIT;
	char		*p = fs_join(dir, rel);

	if (fs_read(p, 1 << 20, &b) == -1) {
		free(p);
		buf_free(&b);
		return xstrdup("(missing)");
	}
	free(p);
	return buf_detach(&b);
}

#define FILE_IS(dir, rel, want) do {					\
	char *g_ = slurp((dir), (rel));					\
	T_STREQ(g_, (want));						\
	free(g_);							\
} while (0)

int
main(void)
{
	char		 tmpl[] = "/tmp/cchc-write-XXXXXX";
	char		*src, *out, *foreign, *f;
	struct outdir	 o;
	struct diag	 d;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	src = fs_join(tmpl, "src");
	out = fs_join(tmpl, "public");
	foreign = fs_join(tmpl, "documents");
	fs_mkdirs(src);
	diag_init(&d);

	/* First build: the folder appears only at commit. */
	T_INTEQ(out_begin(&o, out, src, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v1", 2, &d), 0);
	T_INTEQ(out_write(&o, "tin-tuc/a/index.html", "a1", 2, &d), 0);
	T_OK(!fs_is_dir(out));
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o);
	FILE_IS(out, "index.html", "v1");
	FILE_IS(out, "tin-tuc/a/index.html", "a1");
	FILE_IS(out, OUT_MARKER, "cchc\n");

	/* A failed build: old output untouched, temporary folder gone. */
	T_INTEQ(out_begin(&o, out, src, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v2", 2, &d), 0);
	f = xstrdup(o.tmp);
	out_abort(&o);
	T_OK(!fs_is_dir(f));
	free(f);
	FILE_IS(out, "index.html", "v1");

	/* A second build replaces the whole tree: stale files go. */
	T_INTEQ(out_begin(&o, out, src, NULL, &d), 0);
	T_INTEQ(out_write(&o, "index.html", "v3", 2, &d), 0);
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o);
	FILE_IS(out, "index.html", "v3");
	FILE_IS(out, "tin-tuc/a/index.html", "(missing)");
	T_INTEQ(d.errors, 0);

	/* A folder with files cchc did not write is refused... */
	f = fs_join(foreign, "thu.txt");
	fs_write(f, "giữ", strlen("giữ"));
	T_INTEQ(out_begin(&o, foreign, src, NULL, &d), -1);
	out_abort(&o);
	T_INTEQ(d.errors, 1);
	T_CONTAINS(d.msgs[0].text, "không phải do cchc tạo");
	FILE_IS(foreign, "thu.txt", "giữ");
	free(f);
	/* ...and so is a folder that holds the source. */
	T_INTEQ(out_begin(&o, tmpl, src, NULL, &d), -1);
	out_abort(&o);
	T_INTEQ(d.errors, 2);
	/* An empty folder is fine. */
	f = fs_join(tmpl, "empty");
	fs_mkdirs(f);
	T_INTEQ(out_begin(&o, f, src, NULL, &d), 0);
	T_INTEQ(out_commit(&o, &d), 0);
	out_abort(&o);
	FILE_IS(f, OUT_MARKER, "cchc\n");
	free(f);

	diag_free(&d);
	fs_rmtree(tmpl);
	free(src);
	free(out);
	free(foreign);
	return t_done("write");
}
