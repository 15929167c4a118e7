/*
 * write.c - stage 5: build the output aside, then swap; see write.h.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fs.h"
#include "util.h"
#include "write.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int
dir_is_empty(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

int
out_begin(struct outdir *o, const char *out, const char *source,
    struct diag *d)
{
	char	*parent, *name, *tmpl, *marker;
	char	 rsrc[PATH_MAX], rout[PATH_MAX];
	size_t	 n;
	int	 rc = -1;

	memset(o, 0, sizeof(*o));
	o->final = xstrdup(out);
	while (strlen(o->final) > 1 && o->final[strlen(o->final) - 1] == '/')
		o->final[strlen(o->final) - 1] = '\0';
	parent = strrchr(o->final, '/') != NULL ?
	    xstrndup(o->final, (size_t)(strrchr(o->final, '/') - o->final)) :
	    xstrdup(".");
	if (*parent == '\0') {
		free(parent);
		parent = xstrdup("/");
	}
	name = xstrdup(strrchr(o->final, '/') != NULL ?
	    strrchr(o->final, '/') + 1 : o->final);
	tmpl = NULL;
	marker = fs_join(o->final, OUT_MARKER);

	if (fs_mkdirs(parent) == -1) {
		diag_err(d, parent, 0, 0, "không tạo được thư mục: %s",
		    strerror(errno));
		goto out;
	}
	if (fs_is_dir(o->final) && realpath(source, rsrc) != NULL &&
	    realpath(o->final, rout) != NULL) {
		n = strlen(rout);
		if (strcmp(rsrc, rout) == 0 || (strncmp(rsrc, rout, n) == 0 &&
		    (rsrc[n] == '/' || n == 1))) {
			diag_err(d, o->final, 0, 0, "thư mục đầu ra chứa thư "
			    "mục nguồn; cchc thay toàn bộ thư mục đầu ra nên "
			    "hãy chọn thư mục khác, ví dụ --out public");
			goto out;
		}
	}
	if (fs_is_dir(o->final) && !fs_is_file(marker) &&
	    !dir_is_empty(o->final)) {
		diag_err(d, o->final, 0, 0, "thư mục đầu ra đã có tệp mà không "
		    "phải do cchc tạo (thiếu tệp %s); cchc thay toàn bộ thư "
		    "mục này nên không ghi đè: hãy chọn thư mục khác hoặc tự "
		    "xóa nó", OUT_MARKER);
		goto out;
	}
	if (!fs_is_dir(o->final) && access(o->final, F_OK) == 0) {
		diag_err(d, o->final, 0, 0, "đã có một tệp (không phải thư "
		    "mục) trùng tên thư mục đầu ra; hãy chọn tên khác");
		goto out;
	}
	tmpl = xasprintf("%s/.%s.tmp-XXXXXX", parent, name);
	if (mkdtemp(tmpl) == NULL) {
		diag_err(d, tmpl, 0, 0, "không tạo được thư mục tạm: %s",
		    strerror(errno));
		goto out;
	}
	/* mkdtemp makes it 0700; the site must be readable by a server. */
	chmod(tmpl, 0755);
	o->tmp = tmpl;
	tmpl = NULL;
	rc = out_write(o, OUT_MARKER, "cchc\n", 5, d);
out:
	free(parent);
	free(name);
	free(tmpl);
	free(marker);
	return rc;
}

int
out_write(struct outdir *o, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	char	*path = fs_join(o->tmp, rel);
	int	 rc;

	if ((rc = fs_write(path, data, len)) == -1)
		diag_err(d, rel, 0, 0, "không ghi được tệp đầu ra %s: %s",
		    path, strerror(errno));
	free(path);
	return rc;
}

int
out_commit(struct outdir *o, struct diag *d)
{
	char	*old = NULL;
	int	 rc = -1;

	if (!fs_is_dir(o->final)) {
		if (rename(o->tmp, o->final) == -1) {
			diag_err(d, o->final, 0, 0, "không đổi tên được thư "
			    "mục tạm: %s", strerror(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
#ifdef SYS_renameat2
	if (syscall(SYS_renameat2, AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		/* o->tmp now holds the previous output. */
		if (fs_rmtree(o->tmp) == -1)
			diag_warn(d, o->tmp, 0, 0, "không xóa được bản cũ: %s",
			    strerror(errno));
		rc = 0;
		goto out;
	}
#endif
	/* No atomic exchange: move the old tree aside first. */
	old = xasprintf("%s.old", o->tmp);
	if (rename(o->final, old) == -1) {
		diag_err(d, o->final, 0, 0, "không thay được thư mục đầu ra: "
		    "%s", strerror(errno));
		goto out;
	}
	if (rename(o->tmp, o->final) == -1) {
		diag_err(d, o->final, 0, 0, "không thay được thư mục đầu ra: "
		    "%s", strerror(errno));
		rename(old, o->final);
		goto out;
	}
	fs_rmtree(old);
	rc = 0;
out:
	free(old);
	if (rc == 0) {
		free(o->tmp);
		o->tmp = NULL;
	}
	return rc;
}

void
out_abort(struct outdir *o)
{
	if (o->tmp != NULL)
		fs_rmtree(o->tmp);
	free(o->tmp);
	free(o->final);
	memset(o, 0, sizeof(*o));
}
