/*
 * session.h - the build session: what a build reads files and templates
 * with, as opposed to the site it builds (model.h).
 *
 * The model says what the site is: its pages, their URLs and dates, the
 * indexes, site.yaml's fields.  The session says how this build works:
 * where the source is and how its files are read, which theme and which
 * compiled templates, the Markdown cache, how many threads.  Two builds
 * of the same source with other --jobs or another cache have other
 * sessions and the same model.
 *
 * Each stage takes the parts it reads, not the session:
 *
 *   parse.c    the source (and the build's prefetch, parse.h)
 *   links.c    the source, to check that a linked file exists
 *   bodies.c   the source (for links.c), the Markdown cache, jobs
 *   render.c   `render`: the theme, site_val, the salt, shared parts
 *   outplan.c  theme_dir (static files, which sources are templates)
 *   emit.c     the session: the source (copies), `render`, jobs
 *
 * Ownership: build.c's struct build owns the session; session_free()
 * releases everything below.  Nothing in it points into the model, and
 * the model points into none of it.
 */
#ifndef CCHC_SESSION_H
#define CCHC_SESSION_H

#include <stdint.h>

struct mdcache;
struct mus_set;
struct render_shared;
struct source;
struct val;

/*
 * What rendering reads besides the model (render.h).  site_val is here
 * and not in the model: it is a view made for the templates from
 * site.yaml's fields (plus "generator"), read by nothing but templates,
 * and its bytes are part of `salt`, like the templates' own.  The model
 * keeps the fields themselves (site->cfg), which exports read.
 */
struct render_env {
	struct mus_set		*theme;		/* the compiled templates */
	struct val		*site_val;	/* "site" in every context */
	uint64_t		 salt;		/* templates, site_val and
						   links_files (render_key) */
	/* `links: files` or --links files: render_with() ends every
	   relative folder link of a page in "index.html" (the section
	   opened from disk navigates); 0: folder links as routes.h makes
	   them. */
	int			 links_files;
	/* The parts of contexts many pages share, made by render_share()
	   for one site; NULL: every page builds its own. */
	struct render_shared	*shared;
};

struct session {
	char			*root;		/* source directory, as given */
	struct source		*src;		/* reads the tree's files */
	char			*theme_dir;	/* relative to root:
						   "themes/default" */
	/* Rendered Markdown kept between builds (mdcache.h): open during
	   the model stage only, else NULL. */
	struct mdcache		*mdc;
	/* The caches' folder, "<root>/.cchc-cache" (borrowed from the
	   build): image variants are kept there (imgproc.h). */
	const char		*cache;
	int			 jobs;		/* threads of parallel stages */
	struct render_env	 render;
};

void	 session_free(struct session *);

#endif
