/*
 * scan.c - stage 1: list content, plans and theme files; see scan.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "scan.h"
#include "source.h"
#include "util.h"


void
strlist_push(struct strlist *l, char *s)
{
	ARRAY_GROW(l->v, l->len, l->cap, 16);
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

/*
 * Pages saved under a name the build does not read (".MD", ".md.txt",
 * ".markdown", ".txt"): the length of the ending to replace by ".md", or
 * 0.  Only ".md" in lower case is a page.
 */
static size_t
misnamed_end(const char *name)
{
	static const char *const ends[] = { ".md.txt", ".markdown", ".md",
	    ".txt", NULL };
	size_t	 n = strlen(name), k, e;

	for (k = 0; ends[k] != NULL; k++) {
		e = strlen(ends[k]);
		if (n > e && strcasecmp(name + n - e, ends[k]) == 0)
			return strcmp(name + n - e, ".md") == 0 ? 0 : e;
	}
	return 0;
}

/* Does the file start as a page does: "---", then a "title:" line? */
static int
looks_like_page(struct source *src, const char *path)
{
	struct buf	 b = BUF_INIT;
	const char	*t, *end;
	int		 yes = 0;

	if (source_read(src, path, (size_t)1 << 20, &b) == -1)
		goto out;
	t = buf_cstr(&b);
	if (strncmp(t, "\xEF\xBB\xBF", 3) == 0)
		t += 3;
	if (strncmp(t, "---\n", 4) != 0 && strncmp(t, "---\r\n", 5) != 0)
		goto out;
	/* A "title:" line before the closing "---". */
	end = strstr(t, "\n---");
	t = strstr(t, "\ntitle:");
	yes = t != NULL && (end == NULL || t < end);
out:
	buf_free(&b);
	return yes;
}

/* path for a shell command: as it is, or in single quotes. */
static void
shell_word(struct buf *b, const char *path)
{
	const char	*c;

	if (path[strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZ0123456789-_./")] == '\0') {
		buf_puts(b, path);
		return;
	}
	buf_putc(b, '\'');
	for (c = path; *c != '\0'; c++)
		if (*c == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *c);
	buf_putc(b, '\'');
}

/*
 * A warning for each page under content/ and plans/ that is ignored for
 * its name, with the command that renames it.
 */
static void
scan_warn_misnamed(struct source *src, const struct strlist *files,
    struct diag *d)
{
	struct buf	 to = BUF_INIT, cmd = BUF_INIT;
	const char	*f;
	size_t		 i, e;

	for (i = 0; i < files->len; i++) {
		f = files->v[i];
		if ((e = misnamed_end(f)) == 0 || !looks_like_page(src, f))
			continue;
		buf_reset(&to);
		buf_reset(&cmd);
		buf_put(&to, f, strlen(f) - e);
		buf_puts(&to, ".md");
		if (source_is_file(src, buf_cstr(&to))) {
			diag_warn(d, f, 0, 0, "tệp này bị bỏ qua vì chỉ tệp có "
			    "đuôi .md (chữ thường) mới là trang, và đã có tệp "
			    "%s; hãy chép phần cần giữ sang tệp đó rồi xóa tệp "
			    "này", buf_cstr(&to));
			continue;
		}
		buf_puts(&cmd, "git mv ");
		shell_word(&cmd, f);
		buf_putc(&cmd, ' ');
		shell_word(&cmd, buf_cstr(&to));
		diag_warn(d, f, 0, 0, "tệp này bị bỏ qua vì chỉ tệp có đuôi .md "
		    "(chữ thường) mới là trang, dù nội dung giống một trang; "
		    "hãy đổi tên tệp: %s", buf_cstr(&cmd));
	}
	buf_free(&to);
	buf_free(&cmd);
}

int
scan_tree(struct source *src, const char *theme, struct scan *s,
    struct diag *d)
{
	char	*p;
	size_t	 i;
	int	 rc = 0;

	memset(s, 0, sizeof(*s));
	/* Every folder, even after a failure: report all problems at once. */
	if (source_list(src, "content", NULL, 1, &s->files, d) == -1)
		rc = -1;
	if (source_list(src, "plans", NULL, 1, &s->files, d) == -1)
		rc = -1;
	for (i = 0; i < s->files.len; i++)
		if (str_has_suffix(s->files.v[i], ".md"))
			strlist_push(&s->pages, xstrdup(s->files.v[i]));
	scan_warn_misnamed(src, &s->files, d);
	p = fs_join(theme, "layouts");
	if (source_list(src, p, ".mustache", 0, &s->layouts, d) == -1)
		rc = -1;
	free(p);
	p = fs_join(theme, "partials");
	if (source_list(src, p, ".mustache", 0, &s->partials, d) == -1)
		rc = -1;
	free(p);
	p = fs_join(theme, "static");
	if (source_list(src, p, NULL, 1, &s->statics, d) == -1)
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
	strlist_free(&s->files);
}
