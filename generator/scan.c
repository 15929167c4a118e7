/*
 * scan.c - stage 1: list content, plans and theme files; see scan.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fs.h"
#include "scan.h"
#include "util.h"

#define SCAN_MAX_DEPTH 32

void
strlist_push(struct strlist *l, char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->len++] = s;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strlist_sort(struct strlist *l)
{
	if (l->len > 1)
		qsort(l->v, l->len, sizeof(*l->v), strp_cmp);
}

void
strlist_free(struct strlist *l)
{
	size_t	 i;

	for (i = 0; i < l->len; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
ignored_name(const char *n)
{
	size_t	 len = strlen(n);

	return n[0] == '.' || n[0] == '#' || (len > 0 && n[len - 1] == '~');
}

/*
 * Walks root/rel and adds files whose name ends with `suffix` (any file
 * if NULL) to `out`; `recurse` says whether to enter subfolders.
 */
static int
scan_dir(const char *root, const char *rel, const char *suffix, int recurse,
    int depth, struct strlist *out, struct diag *d)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st;
	char		*abs, *crel, *cabs;
	int		 rc = 0;

	abs = fs_join(root, rel);
	if ((dir = opendir(abs)) == NULL) {
		if (errno != ENOENT)
			diag_err(d, rel, 0, 0, "không đọc được thư mục: %s",
			    strerror(errno));
		free(abs);
		return errno == ENOENT ? 0 : -1;
	}
	if (depth > SCAN_MAX_DEPTH) {
		diag_err(d, rel, 0, 0, "thư mục lồng nhau quá sâu (hơn %d cấp); "
		    "hãy sắp xếp lại thư mục", SCAN_MAX_DEPTH);
		closedir(dir);
		free(abs);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (ignored_name(de->d_name))
			continue;
		crel = fs_join(rel, de->d_name);
		cabs = fs_join(root, crel);
		if (lstat(cabs, &st) == -1) {
			diag_err(d, crel, 0, 0, "không đọc được: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISLNK(st.st_mode) && !fs_inside(root, cabs)) {
			diag_err(d, crel, 0, 0, "liên kết tượng trưng trỏ ra "
			    "ngoài thư mục nguồn; hãy chép tệp vào trong "
			    "thư mục nguồn thay vì liên kết");
			rc = -1;
		} else if (stat(cabs, &st) == -1) {
			diag_err(d, crel, 0, 0, "liên kết hỏng: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (recurse && scan_dir(root, crel, suffix, recurse,
			    depth + 1, out, d) == -1)
				rc = -1;
		} else if (S_ISREG(st.st_mode) &&
		    (suffix == NULL || str_has_suffix(de->d_name, suffix))) {
			strlist_push(out, crel);
			crel = NULL;
		}
		free(crel);
		free(cabs);
	}
	closedir(dir);
	free(abs);
	return rc;
}

int
scan_tree(const char *root, const char *theme, struct scan *s,
    struct diag *d)
{
	char	*p;
	int	 rc = 0;

	memset(s, 0, sizeof(*s));
	/* Both, even if the first fails: report every problem at once. */
	if (scan_dir(root, "content", ".md", 1, 0, &s->pages, d) == -1)
		rc = -1;
	if (scan_dir(root, "plans", ".md", 1, 0, &s->pages, d) == -1)
		rc = -1;
	p = fs_join(theme, "layouts");
	if (scan_dir(root, p, ".mustache", 0, 0, &s->layouts, d) == -1)
		rc = -1;
	free(p);
	p = fs_join(theme, "partials");
	if (scan_dir(root, p, ".mustache", 0, 0, &s->partials, d) == -1)
		rc = -1;
	free(p);
	p = fs_join(theme, "static");
	if (scan_dir(root, p, NULL, 1, 0, &s->statics, d) == -1)
		rc = -1;
	free(p);
	strlist_sort(&s->pages);
	strlist_sort(&s->layouts);
	strlist_sort(&s->partials);
	strlist_sort(&s->statics);
	return rc;
}

void
scan_free(struct scan *s)
{
	strlist_free(&s->pages);
	strlist_free(&s->layouts);
	strlist_free(&s->partials);
	strlist_free(&s->statics);
}
