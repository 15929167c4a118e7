/*
 * portal_merge.h - a department formed by a merger (portal.yaml's
 * `sources:` with several folders; docs/portal.md, "Đơn vị hợp nhất").
 *
 * The sources are put together into one source tree in the portal's work
 * folder (hard links to the sources' files, copies across file systems),
 * which `cchc build --merge MANIFEST` builds like any department; the
 * manifest (hist_merge.h) tells the build which repository and path each
 * page came from, so each page keeps its own repository's history.
 *
 * Collisions are resolved the same way every time, in the order the
 * sources are written in portal.yaml (the first one keeps its page), and
 * each is listed:
 *  - one file path in two sources: the later file goes to
 *    "<name>-<former slug>.md" (and another number if that is taken);
 *  - one URL (a front-matter slug, or a post's name in two folders): the
 *    later page's URL gets "-<former slug>" at its end;
 *  - one procedure code: the later procedure is left out, its old URL
 *    leads to the one kept;
 *  - one other file (an image) with other bytes: the later one is left
 *    out (pages of that source show the first one's).
 * The tree gets the first source's site.yaml with the department's name
 * from portal.yaml (and no repo_url: commits come from several
 * repositories).
 *
 * Every page's former URL (its source's former section, at the portal's
 * <former slug>/) and its new one are kept in `moves`, for the redirects
 * portal.c writes.
 *
 * Ownership: struct portal_merge owns everything it points to;
 * portal_merge_free() releases it.
 */
#ifndef CCHC_PORTAL_MERGE_H
#define CCHC_PORTAL_MERGE_H

#include <stddef.h>
#include <stdint.h>

struct diag;
struct portal_dept;

enum pm_kind {
	PM_PATH,	/* one file path: the later one renamed */
	PM_URL,		/* one URL: the later page's changed */
	PM_CODE,	/* one procedure code: the later one left out */
	PM_FILE		/* one other file: the later one left out */
};

struct pm_conflict {
	enum pm_kind	 kind;
	size_t		 src;		/* the source that gave way */
	char		*path;		/* its file, in its source */
	size_t		 keep_src;	/* the source kept */
	char		*keep_path;	/* its file */
	char		*what;		/* the path, URL or code shared */
	char		*now;		/* PM_PATH: the file's path in the
					   merged tree; PM_URL, PM_CODE: the
					   URL the page has now; else NULL */
};

/* A page of one source: its URL in the former section and now. */
struct pm_move {
	size_t		 src;
	char		*old_url;	/* relative: "tin-tuc/x/" */
	char		*new_url;
};

/* A file of the merged tree and where an editor finds it. */
struct pm_where {
	char		*rel;		/* in the tree */
	char		*shown;		/* "<source as written>/<its path>" */
};

struct portal_merge {
	char		*tree;		/* the merged source tree */
	char		*manifest;	/* for cchc build --merge */
	uint64_t	 manifest_hash;	/* hash64 of its bytes */
	struct pm_where	*where;		/* by rel */
	size_t		 nwhere;
	struct pm_conflict *conf;
	size_t		 nconf;
	struct pm_move	*moves;		/* sources' order, then paths' */
	size_t		 nmoves;
	/* Each source's own base_url (its site.yaml's), where its section
	   was published before the merger, or NULL (none, or not a base
	   URL cchc takes); n = the department's sources. */
	char		**own_url;
	size_t		 nsrc;
};

/*
 * Puts the department's sources together in `tree` (made, or brought up
 * to date: files no source has any more go), writes the manifest beside
 * it ("<tree>.txt") and fills m.  `name` is the department's name for
 * site.yaml.  0, or -1 with the message (naming the department and the
 * file) in diag.
 */
int	 portal_merge_prepare(const struct portal_dept *, const char *tree,
	    struct portal_merge *m, struct diag *);
/*
 * The build's messages with the tree's paths at the start of a line
 * ("content/a.md:3:1: ...") as the editor knows them
 * ("../sxd-can-tho/content/a.md:3:1: ..."), appended to out.
 */
struct buf;
void	 portal_merge_messages(const struct portal_merge *, const char *log,
	    size_t len, struct buf *out);
void	 portal_merge_free(struct portal_merge *);

#endif
