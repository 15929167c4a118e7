/*
 * taxonomy.h - model stage, part two: how readers browse the news.
 *
 * Groups the built posts by topic (front matter `tags`), by unit (`unit`)
 * and by month of publication.  Names are grouped by their slug, so
 * "Văn phòng Sở" and "Văn Phòng Sở" are one unit: the spelling of the
 * oldest post wins and every other spelling gets a warning at its line.
 * A name that slugs to nothing is an error at its line.
 *
 * Everything is sorted: terms by name (model_title_cmp), the posts of a
 * term and the months newest first.  Grouping sorts (slug, post rank)
 * pairs once, so the cost is O(n log n) in the number of tag uses.
 *
 * The site owns the taxonomy; its post arrays borrow the site's pages.
 */
#ifndef CCHC_TAXONOMY_H
#define CCHC_TAXONOMY_H

#include <stddef.h>

struct page;
struct site;

struct term {
	char		 *name;		/* spelling shown */
	char		 *slug;
	char		 *url;		/* "chu-de/<slug>/" */
	struct page	**posts;	/* newest first */
	size_t		  nposts;
};

struct taxonomy {
	const char	*base;		/* "chu-de/" or "don-vi/" */
	struct term	*terms;		/* by name */
	size_t		 nterms;
	struct term	**byslug;	/* the same, by slug, for lookups */
};

struct month {
	int		  year, month;
	char		 *url;		/* "luu-tru/2025/06/" */
	char		 *title;	/* "Tháng 6/2025" */
	struct page	**posts;	/* newest first */
	size_t		  nposts;
};

/* Fills site->topics, site->units, site->months; 0 or -1 on errors. */
int		 taxonomy_build(struct site *);
void		 taxonomy_free(struct site *);
/* The term a name belongs to (by slug), or NULL. */
const struct term *taxonomy_find(const struct taxonomy *, const char *name);

#endif
