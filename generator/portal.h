/*
 * portal.h - `cchc portal`: the provincial portal, many departments'
 * sections in one output, and the pages that look across them (news
 * with their department, combined feeds, the procedures catalogue, the
 * compliance board, one search index).  See docs/portal.md.
 *
 * The stages, in portal.c:
 *
 *  1. portal.yaml (portal_config.c), every folder it names checked.
 *  2. Each department with a source is built by a child process, `cchc
 *     build` of its source into the portal's work folder
 *     (<portal.yaml's folder>/.cchc-cache/portal/<slug>/), with the
 *     portal's base URL plus its slug: an ordinary build, with its
 *     caches and its no-change fast path, so an unchanged department
 *     costs one fingerprint.  At most `jobs` at once; a child's messages
 *     are kept and printed under the department's name.
 *  3. Every department's du-lieu.json read (json.c) and checked: format,
 *     version (export.h), base URL.
 *  4. The portal's own files made in memory (board.c, catalog.c,
 *     portal_search.c, the theme's portal/ templates).
 *  5. Only when all of that succeeded is the output touched: a
 *     department whose build changed is linked into a staging folder
 *     beside its old copy and swapped in (one rename each); the
 *     portal's files are written where their bytes changed (each
 *     written aside and renamed); what the last portal wrote and this
 *     one did not is removed.  Any error before leaves the output as it
 *     was.
 *
 * The output folder holds ".cchc-portal", the list of what the portal
 * wrote there; a folder without it that is not empty is refused.
 */
#ifndef CCHC_PORTAL_H
#define CCHC_PORTAL_H

struct portal_opts {
	const char	*config;	/* "portal.yaml" */
	const char	*out;		/* "public" */
	const char	*today;		/* "YYYY-MM-DD" or NULL: today in Vietnam */
	const char	*period;	/* portal report: "2025-Q2" */
	int		 jobs;		/* 0: one per CPU */
	int		 quiet;
};

/* `cchc portal`: the exit status (0, or 1 after saying why). */
int	 portal_run(const struct portal_opts *);
/*
 * `cchc portal report --period P`: the compliance board of P as
 * Markdown on stdout, from the departments' data in the portal's output
 * (the last `cchc portal`), as of --today or else the day that portal
 * was built for.  The exit status.
 */
int	 portal_report(const struct portal_opts *);

#endif
