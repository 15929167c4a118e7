/*
 * theme.c - where an installed theme is; see theme.h.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"
#include "scan.h"
#include "theme.h"
#include "util.h"

#ifndef CCHC_DATADIR
#define CCHC_DATADIR "/usr/local/share/cchc"
#endif

int
theme_name_ok(const char *name)
{
	return name != NULL && *name != '\0' && *name != '.' &&
	    strpbrk(name, "/\\") == NULL;
}

/* The folder of the running binary, or NULL (no /proc). */
static char *
bin_dir(void)
{
	char	*path, *slash;

	if ((path = fs_self_exe()) == NULL)
		return NULL;
	if ((slash = strrchr(path, '/')) == NULL) {
		free(path);
		return NULL;
	}
	if (slash == path)
		slash[1] = '\0';
	else
		*slash = '\0';
	return path;
}

/*
 * dir without "x/.." steps: /proc/self/exe has no links left in it, so
 * "/usr/bin/../share" is "/usr/share", and messages read better so.
 */
static void
push_once(struct strlist *out, char *dir, int lexical)
{
	char	*norm;
	size_t	 i;

	if (lexical && *dir == '/' && (norm = fs_normalize(dir + 1)) != NULL) {
		free(dir);
		dir = xasprintf("/%s", norm);
		free(norm);
	}

	for (i = 0; i < out->len; i++)
		if (strcmp(out->v[i], dir) == 0) {
			free(dir);
			return;
		}
	strlist_push(out, dir);
}

void
theme_candidates(const char *name, struct strlist *out)
{
	const char	*env = getenv("CCHC_THEMES");
	char		*bin;

	if (!theme_name_ok(name))
		return;
	if (env != NULL && *env != '\0') {
		push_once(out, xasprintf("%s/%s", env, name), 0);
		return;
	}
	if ((bin = bin_dir()) != NULL) {
		push_once(out, xasprintf("%s/../share/cchc/themes/%s", bin,
		    name), 1);
		push_once(out, xasprintf("%s/themes/%s", bin, name), 1);
		push_once(out, xasprintf("%s/../themes/%s", bin, name), 1);
		free(bin);
	}
	push_once(out, xasprintf("%s/themes/%s", CCHC_DATADIR, name), 0);
}

char *
theme_installed(const char *name)
{
	struct strlist	 dirs = { NULL, 0, 0 };
	char		*found = NULL;
	size_t		 i;

	theme_candidates(name, &dirs);
	for (i = 0; i < dirs.len && found == NULL; i++)
		if (fs_is_dir(dirs.v[i])) {
			found = dirs.v[i];
			dirs.v[i] = NULL;
		}
	strlist_free(&dirs);
	return found;
}
