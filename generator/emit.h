/*
 * emit.h - makes and writes every file of the output plan: one pool over
 * outplan.h's records, one producer per kind.
 *
 * A producer returns a file's bytes and the write layer's keep key (a
 * hash of everything that made the bytes, 0 for none); a producer whose
 * key the last build recorded for a file still as it left it says
 * "kept" and makes nothing (write.h: out_keep).  Producers only read the
 * model (a page's producer also writes that page's diag and `failed`),
 * so they run in parallel.
 *
 * Besides the model, producers read the build session (session.h): its
 * source (copies), its render_env (pages) and its number of threads.
 *
 * Messages go where the build printed them before there was a plan: a
 * page's and its assets' to the page (an asset's only if the page and
 * the assets before it succeeded), the rest to the site's diag in this
 * order: static files, then (if they all succeeded) the feeds and data
 * files, then (if those did) build.json.
 */
#ifndef CCHC_EMIT_H
#define CCHC_EMIT_H

struct outdir;
struct outplan;
struct session;
struct site;

/*
 * 0, or -1 when a static file, feed, data file or build.json failed
 * (failed pages are marked; the caller counts them).  The session's
 * render_env should have its shared parts for s (render_share), or
 * every page builds its own.
 */
int	 emit_run(struct site *, const struct session *,
	    const struct outplan *, struct outdir *);

#endif
