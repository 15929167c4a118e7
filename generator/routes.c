/*
 * routes.c - every URL and output path (see routes.h).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fs.h"
#include "hash.h"
#include "routes.h"
#include "search.h"
#include "slug.h"
#include "util.h"

char *
route_page(enum page_kind kind, const char *src, const char *slug,
    int is_index)
{
	struct buf	 b = BUF_INIT;
	const char	*rel, *s, *e;
	char		*seg;

	switch (kind) {
	case PAGE_POST:
		return xasprintf(ROUTE_NEWS "%s/", slug);
	case PAGE_PROCEDURE:
		return xasprintf(ROUTE_PROCS "%s/", slug);
	case PAGE_PLAN:
		return xasprintf(ROUTE_PLANS "%s/", slug);
	default:
		break;
	}
	/* "content/a/b/c.md" -> "a/b/c/", "content/a/index.md" -> "a/". */
	rel = src + strlen("content/");
	for (s = rel; (e = strchr(s, '/')) != NULL; s = e + 1) {
		seg = slug_make(s, (size_t)(e - s));
		buf_printf(&b, "%s/", *seg ? seg : "muc");
		free(seg);
	}
	if (!is_index)
		buf_printf(&b, "%s/", slug);
	return buf_detach(&b);
}

char *
route_out(const char *url)
{
	size_t	 n = strlen(url);

	if (n > 0 && url[n - 1] != '/')
		return xstrdup(url);
	return xasprintf("%s" ROUTE_INDEX, url);
}

char *
route_list_page(const char *base, long k)
{
	struct buf	 b = BUF_INIT;
	char		 num[24], *q = num + sizeof(num);
	unsigned long	 u = (unsigned long)k;

	if (k == 1)
		return xstrdup(base);
	if (k < 1)
		return xasprintf("%strang/%ld/", base, k);
	/* Without printf: list pages are many. */
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	buf_puts(&b, base);
	buf_puts(&b, "trang/");
	buf_put(&b, q, (size_t)(num + sizeof(num) - q));
	buf_putc(&b, '/');
	return buf_detach(&b);
}

char *
route_term(const char *base, const char *slug)
{
	return xasprintf("%s%s/", base, slug);
}

char *
route_month(const char *section, int year, int month)
{
	return xasprintf("%s%04d/%02d/", section, year, month);
}

char *
route_report(int year, int period, int n)
{
	if (period == 'q' || period == 'h')
		return xasprintf(ROUTE_REPORTS "%04d-%c%d/", year, period, n);
	return xasprintf(ROUTE_REPORTS "%04d/", year);
}

char *
route_rss(const char *url)
{
	return xasprintf("%s" ROUTE_RSS_NAME, url);
}

char *
route_atom(const char *url)
{
	return xasprintf("%s" ROUTE_ATOM_NAME, url);
}

char *
route_json(const char *url)
{
	return xasprintf("%s" ROUTE_JSON_NAME, url);
}

char *
route_csv(const char *url)
{
	return xasprintf("%s" ROUTE_CSV_NAME, url);
}

char *
route_sitemap(size_t k)
{
	if (k == 0)
		return xstrdup(ROUTE_SITEMAP);
	return xasprintf("sitemap-%zu.xml", k);
}

char *
route_asset(const char *page_url, const char *name)
{
	return fs_join(page_url, name);
}

char *
route_image(const char *stem, const char *size, uint64_t key, int png)
{
	char	 hex[17];

	hash_hex(key, hex);
	hex[10] = '\0';
	return xasprintf(ROUTE_IMAGES "%s%s.%s.%s", stem, size, hex,
	    png ? "png" : "jpg");
}

char *
route_static(const char *theme_dir, const char *path)
{
	char	*prefix = fs_join(theme_dir, "static/");
	size_t	 n = strlen(prefix);
	char	*r = NULL;

	if (strncmp(path, prefix, n) == 0)
		r = xstrdup(path + n);
	free(prefix);
	return r;
}

char *
route_abs(const char *base_url, const char *url)
{
	return xasprintf("%s%s", base_url, url);
}

char *
route_search_dict(unsigned k, unsigned ns)
{
	char	*name = search_bucket_name(k, ns), *r;

	r = xasprintf(ROUTE_SEARCH_INDEX "tu/%s.js", name);
	free(name);
	return r;
}

char *
route_search_bucket(unsigned b, unsigned nb)
{
	char	*name = search_bucket_name(b, nb), *r;

	r = xasprintf(ROUTE_SEARCH_INDEX "ds/%s.js", name);
	free(name);
	return r;
}

char *
route_search_doc(long id)
{
	return xasprintf(ROUTE_SEARCH_INDEX "d/%ld.js", id);
}
