/*
 * preview.c - the build side of `cchc serve` (preview.h).
 *
 * For now every update is a whole build (build_run) with the caches: the
 * fingerprint skips an update where nothing changed, the Markdown and
 * photo caches skip what did not change, and write.c's staging and swap
 * mean the server never sees a half-written folder.  Correct first; a
 * model kept in memory can replace this file's inside later.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "preview.h"
#include "util.h"

struct preview {
	struct build_opts	 opts;
};

struct preview *
preview_new(const struct build_opts *opts)
{
	struct preview	*pv = xcalloc(1, sizeof(*pv));

	pv->opts = *opts;
	pv->opts.preview = 1;
	pv->opts.quiet = 1;	/* serve says one line per update */
	pv->opts.msgs = NULL;
	pv->opts.report = NULL;
	pv->opts.deps_of = NULL;
	pv->opts.ndeps_of = 0;
	return pv;
}

/* "themes/<name>/static/…/x.css" (any theme: serve watches them all). */
int
preview_is_css(const char *path, const char *theme_dir)
{
	const char	*p, *slash;

	if (!str_has_suffix(path, ".css"))
		return 0;
	if (theme_dir != NULL) {
		size_t n = strlen(theme_dir);

		return strncmp(path, theme_dir, n) == 0 &&
		    str_has_prefix(path + n, "/static/");
	}
	if (!str_has_prefix(path, "themes/"))
		return 0;
	p = path + strlen("themes/");
	if ((slash = strchr(p, '/')) == NULL || slash == p)
		return 0;
	return str_has_prefix(slash, "/static/");
}

static double
now_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
preview_update(struct preview *pv, const char *const *changed,
    size_t nchanged, struct preview_result *res)
{
	double	 t0 = now_ms();
	size_t	 i;

	memset(res, 0, sizeof(*res));
	diag_init(&res->msgs);
	res->reload = nchanged > 0 ? PREVIEW_CSS : PREVIEW_RELOAD;
	for (i = 0; i < nchanged; i++)
		if (!preview_is_css(changed[i], NULL))
			res->reload = PREVIEW_RELOAD;
	pv->opts.msgs = &res->msgs;
	res->ok = build_run(&pv->opts) == 0;
	pv->opts.msgs = NULL;
	res->ms = now_ms() - t0;
	return res->ok ? 0 : -1;
}

void
preview_result_free(struct preview_result *res)
{
	diag_free(&res->msgs);
	memset(res, 0, sizeof(*res));
}

void
preview_free(struct preview *pv)
{
	free(pv);
}
