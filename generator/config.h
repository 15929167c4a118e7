/*
 * config.h - site.yaml, the one file a department edits to set up its
 * section.  Known keys (all optional but `title`):
 *
 *   title, department, province, description, base_url, language (vi),
 *   theme (default), posts_per_page (10), feed_items (20),
 *   feed_full_content (true), sitemap_max_urls (50,000: more URLs make
 *   sitemap.xml an index of sitemap-1.xml, sitemap-2.xml ...),
 *   markdown: { unsafe: false }, repo_url,
 *   address, phone, email,
 *   units (a list of unit names added to data/don-vi.yaml's, so that a
 *   partners cell is never split inside one at a comma; see units.h)
 *
 *   links (dirs, the default: folder links as "tin-tuc/"; files: they
 *   end in "index.html", for a section opened from disk; the build's
 *   --links option wins, build.c)
 *
 * An unknown key is a warning with file:line ("site.yaml:7:1").
 * base_url must be an absolute http(s) URL; a missing trailing '/' is
 * added.  The --base-url option overrides it.  Without either, base_url
 * is "http://localhost/" with a warning (links stay relative, so the site
 * still works; only canonical links and feeds need the real one).
 */
#ifndef CCHC_CONFIG_H
#define CCHC_CONFIG_H

#include "images.h"

#include <stddef.h>

struct diag;
struct unit_names;
struct val;

struct site_config {
	char		*title;
	char		*department;
	char		*province;
	char		*description;
	char		*base_url;	/* absolute, ends with '/' */
	char		*base_path;	/* path part of base_url: "/", "/cchc/" */
	char		*language;
	char		*theme;
	char		*repo_url;
	char		*address;
	char		*phone;
	char		*email;
	int		 posts_per_page;
	int		 feed_items;
	int		 feed_full_content;
	int		 sitemap_max_urls;
	int		 markdown_unsafe;
	int		 links_files;	/* `links: files` */
	struct images_cfg images;	/* `images:` (images.h) */
	struct unit_names *units;	/* compiled-in names + `units` */
	struct val	*raw;		/* the whole parsed map */
};

/*
 * Reads `path` (shown as `display` in messages).  `base_url_override`
 * may be NULL.  Returns 0, or -1 after reporting errors; the struct is
 * always safe to pass to config_free().
 */
int	 config_load(const char *path, const char *display,
	    const char *base_url_override, struct site_config *,
	    struct diag *);
/* The same from text already read (site.yaml from a git tree). */
int	 config_parse(const char *src, size_t len, const char *display,
	    const char *base_url_override, struct site_config *,
	    struct diag *);
void	 config_free(struct site_config *);
/*
 * A base URL as site.yaml's base_url takes it (also portal.yaml's): an
 * absolute http(s) URL, no space, control character, ? or #; returns it
 * with a trailing '/' (malloc'd) and its path part in *path ("/cchc/"),
 * or NULL with *why (a Vietnamese reason, static) set.
 */
char	*config_base_url(const char *s, char **path, const char **why);

#endif
