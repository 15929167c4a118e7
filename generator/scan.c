/*
 * scan.c - stage 1: list content, plans and theme files; see scan.h.
 */
#include <stdlib.h>
#include <string.h>

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
