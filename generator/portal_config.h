/*
 * portal_config.h - portal.yaml, the one file of `cchc portal`: the
 * portal's title and address, and its departments, each built from its
 * source folder, from several (a department formed by a merger), or
 * taken as built elsewhere (a CI job's output).  See docs/portal.md.
 *
 *   title: "Cải cách hành chính tỉnh Sóc Trăng"        required
 *   base_url: "https://soctrang.gov.vn/cchc/"          required
 *   province: "tỉnh Sóc Trăng"                         optional
 *   description: "…"                                   optional
 *   departments:                                       required, not empty
 *     - name: "Sở Khoa học và Công nghệ"
 *       slug: so-khcn
 *       source: ../so-khcn
 *     - name: "Sở Xây dựng"
 *       slug: so-xay-dung
 *       sources: [../sxd-soc-trang, {path: ../sxd-ct, slug: sxd-can-tho}]
 *     - name: "Sở Tư pháp"
 *       slug: so-tu-phap
 *       built: ../artifacts/so-tu-phap
 *
 * A department has exactly one of source, sources, built.  A slug is
 * lower-case a-z, 0-9 and '-' (not first or last, never "--"), at most
 * PORTAL_SLUG_MAX bytes, and none of the portal's own top-level names
 * (tin-tuc, thu-tuc, tim-kiem, theo-doi, chuyen-huong, static, anh,
 * trang).  Each entry of `sources` is a path or a map {path, slug}; its
 * slug is where that former department's section used to be in the
 * portal (default: slug_make() of the folder's last path component), by
 * the same rules, unique among the portal's slugs but for the one of its
 * own department.  `sources` with one entry is `source`.  Two departments
 * with one slug, or one folder (compared after removing "." and ".."
 * from the path's text), are errors.  Unknown keys are warnings.
 *
 * Paths are relative to portal.yaml's folder: `abs` and `built` are the
 * path joined to `dir` (an absolute path is kept; nothing is resolved on
 * disk, so `abs` is relative when `dir` is).
 *
 * Every message says file:line:col (the value's position; a missing key:
 * the department's entry, or none at the top level) and names the
 * department.  All errors are reported, not only the first.
 *
 * Memory: the struct owns every string and array in it; they live until
 * portal_config_free().  `raw` is the parsed map (value.h).
 */
#ifndef CCHC_PORTAL_CONFIG_H
#define CCHC_PORTAL_CONFIG_H

#include <stddef.h>

#define PORTAL_SLUG_MAX	64

struct diag;
struct val;

struct portal_source {
	char		*path;		/* as written */
	char		*abs;		/* path joined to the config's dir
					   (an absolute path kept; not
					   realpath'd) */
	char		*former;	/* sources: of several, the former
					   section's slug; else NULL */
	int		 line, col;	/* of the path */
};

struct portal_dept {
	char		*name;
	char		*slug;
	struct portal_source *src;	/* source / sources: nsrc >= 1;
					   built: NULL, 0 */
	size_t		 nsrc;
	char		*built;		/* built: joined like abs; else NULL */
	char		*built_path;	/* as written */
	int		 line, col;	/* of the entry (its first key) */
};

struct portal_config {
	char		*title;
	char		*base_url;	/* absolute http(s), ends with '/' */
	char		*base_path;	/* its path part: "/cchc/" */
	char		*province;	/* NULL when absent */
	char		*description;	/* NULL when absent */
	struct portal_dept *depts;
	size_t		 ndepts;
	char		*dir;		/* portal.yaml's folder ("." if none) */
	char		*display;	/* the file's name in messages */
	struct val	*raw;		/* the whole parsed map */
};

/*
 * Reads the file at `path` (also its name in messages; its folder is
 * `dir`).  A missing or unreadable file is an error that says what to
 * do.  Returns 0, or -1 after reporting every error found; the struct is
 * always safe to pass to portal_config_free(), and on 0 every department
 * has its name, slug, and sources or built folder.
 */
int	 portal_config_load(const char *path, struct portal_config *,
	    struct diag *);
/*
 * The same from text src[0..len): `display` (NULL: "portal.yaml") is
 * its name in messages, `dir` (NULL or "": ".") the folder paths are
 * relative to.
 */
int	 portal_config_parse(const char *src, size_t len, const char *display,
	    const char *dir, struct portal_config *, struct diag *);
/*
 * Every department's folders exist: each source a directory, a built
 * folder a directory holding du-lieu.json.  Each one missing is an error
 * naming the department and the path, at the line and column it is
 * written.  Returns 0 or -1.
 */
int	 portal_config_check_paths(const struct portal_config *,
	    struct diag *);
/* Frees and zeroes; safe on a zeroed or half-filled struct. */
void	 portal_config_free(struct portal_config *);

#endif
