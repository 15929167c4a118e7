/*
 * patch.h - an edit brought to the output of a build kept in memory
 * (`cchc serve`, build.h: build_patch), without building the site again.
 *
 * The common edit while previewing is to the body of one post or page:
 * its front matter (title, date, tags, unit, draft ...) and so the URL
 * table, orders and lists stay as they are.  Such a page is parsed
 * again, its Markdown rendered again (bodies.c), its summary made again,
 * and only the outputs that read it (outplan_affected) are made; every
 * other file of the output folder is kept as the last build wrote it
 * (write.c: out_keep_rest), staged and swapped in as any build is.
 *
 * Anything else - a file that is not a built post or page, a changed
 * front matter, a page that fails, a body that now shows other photos,
 * copies other files or cites other plans, an output folder that is not
 * as the last build left it - answers PATCH_REBUILD, and the caller
 * builds the whole site again.  By then the model may be half changed:
 * the kept build must be dropped.
 *
 * The result is the output a whole build would make, but for the
 * manifest's fingerprint (0: the next whole build compares every file
 * instead of stopping early).
 */
#ifndef CCHC_PATCH_H
#define CCHC_PATCH_H

#include <stddef.h>

struct build_opts;
struct outplan;
struct outprobe;
struct session;
struct site;

/* What the kept build lends: all of it stays owned by the build. */
struct patch_env {
	const struct build_opts	*opt;
	struct site		*site;
	struct session		*sess;
	struct outplan		*plan;
	const char		*cache;		/* <source>/.cchc-cache */
	/* The output folder as the last build left it (write.h:
	   out_probe_after), or NULL: read and checked here.  Replaced by
	   the one this patch leaves. */
	struct outprobe		**probe;
};

enum patch_result {
	PATCH_DONE,		/* the output holds the edit */
	PATCH_REBUILD,		/* build the whole site (drop the kept one) */
	PATCH_FAILED		/* writing failed: messages in site->diag */
};

/*
 * changed: source paths relative to the root, as outplan_affected takes
 * them.  The pages' new messages are in their diag lists (the caller
 * prints them).  *written: how many files were written.
 */
enum patch_result patch_apply(const struct patch_env *,
		    const char *const *changed, size_t nchanged,
		    size_t *written);

/*
 * A template edit (build.h: build_patch_theme), once the templates are
 * compiled again: first the pages the open browsers show (viewed: their
 * URLs relative to the site, "tin-tuc/a/"), each rendered and its file
 * replaced whole in the output, so that they can reload at once ...
 */
enum patch_result patch_pages_now(const struct patch_env *,
		    const char *const *viewed, size_t nviewed);
/*
 * ... then every output the changed files touch, made and staged and
 * swapped in as patch_apply() does (the viewed pages again: the same
 * bytes).
 */
enum patch_result patch_outputs(const struct patch_env *,
		    const char *const *changed, size_t nchanged,
		    size_t *written);

#endif
