/*
 * preview.c - the build side of `cchc serve` (preview.h).
 *
 * The last build that succeeded is kept in memory (build.h:
 * build_run_kept).  An edit to the body of posts or pages is patched into
 * it and only the outputs that read them are made (build_patch,
 * patch.h); anything else - a front matter, a template, site.yaml, a
 * photo, a new or removed file - builds the whole site again, with the
 * caches (Markdown, photos, pages whose context did not change).  Either
 * way write.c stages and swaps, so the server never sees a half-written
 * folder.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "preview.h"
#include "util.h"

struct preview {
	struct build_opts	 opts;
	struct build		*kept;	/* the last good build, or NULL */
	char			**pending;	/* preview_finish()'s work */
	size_t			  npending;
};

static void
pending_clear(struct preview *pv)
{
	size_t	 i;

	for (i = 0; i < pv->npending; i++)
		free(pv->pending[i]);
	free(pv->pending);
	pv->pending = NULL;
	pv->npending = 0;
}

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

/* The changes whose outputs preview_finish() still has to make. */
static void
pending_set(struct preview *pv, const char *const *changed, size_t n)
{
	size_t	 i;

	pending_clear(pv);
	pv->pending = xcalloc(n, sizeof(*pv->pending));
	for (i = 0; i < n; i++)
		pv->pending[i] = xstrdup(changed[i]);
	pv->npending = n;
}

/*
 * A patch did not do it (rc 0: the site must be built again; -1: it
 * failed): the kept build, maybe half changed, goes, and for 0 the whole
 * site is built and kept.  1 when that build succeeded.  A patch that
 * failed said why: building again would say it again.
 */
static int
after_patch(struct preview *pv, int rc)
{
	build_kept_free(pv->kept);
	pv->kept = NULL;
	return rc == 0 && build_run_kept(&pv->opts, &pv->kept) == 0;
}

int
preview_update(struct preview *pv, const char *const *changed,
    size_t nchanged, const char *const *viewed, size_t nviewed,
    struct preview_result *res)
{
	double	 t0 = now_ms();
	size_t	 i;
	int	 rc;

	memset(res, 0, sizeof(*res));
	diag_init(&res->msgs);
	res->reload = nchanged > 0 ? PREVIEW_CSS : PREVIEW_RELOAD;
	for (i = 0; i < nchanged; i++)
		if (!preview_is_css(changed[i], NULL))
			res->reload = PREVIEW_RELOAD;
	pv->opts.msgs = &res->msgs;
	rc = 0;
	if (pv->kept != NULL && nchanged > 0) {
		/* Templates: the pages shown first, the rest after. */
		rc = build_patch_theme(pv->kept, changed, nchanged, viewed,
		    nviewed);
		if (rc == 1) {
			pending_set(pv, changed, nchanged);
			res->pending = 1;
		} else if (rc == 0)
			rc = build_patch(pv->kept, changed, nchanged);
	}
	if (rc == 1)
		res->ok = 1;
	else {
		res->ok = after_patch(pv, rc);
	}
	pv->opts.msgs = NULL;
	res->ms = now_ms() - t0;
	return res->ok ? 0 : -1;
}

int
preview_finish(struct preview *pv, struct preview_result *res)
{
	double	 t0 = now_ms();
	int	 rc;

	memset(res, 0, sizeof(*res));
	diag_init(&res->msgs);
	res->reload = PREVIEW_RELOAD;
	if (pv->npending == 0) {
		res->ok = 1;
		return 0;
	}
	pv->opts.msgs = &res->msgs;
	rc = pv->kept != NULL ? build_patch_rest(pv->kept,
	    (const char *const *)pv->pending, pv->npending) : 0;
	pending_clear(pv);
	if (rc == 1)
		res->ok = 1;
	else {
		res->ok = after_patch(pv, rc);
	}
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
	if (pv == NULL)
		return;
	build_kept_free(pv->kept);
	pending_clear(pv);
	free(pv);
}
