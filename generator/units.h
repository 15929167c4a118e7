/*
 * units.h - names of units (đơn vị) that cchc knows: the list compiled in
 * from data/don-vi.yaml (the provincial Sở as merged from 1 March 2025,
 * other provincial bodies, the usual units inside a Sở, former names),
 * plus the names a site adds with `units:` in site.yaml.
 *
 * plan_tasks.c asks two questions when it splits a partners cell at commas:
 *
 *  - does a known name start here, and how many comma-separated parts
 *    does it cover?  ("Sở Văn hóa, Thể thao và Du lịch" covers two);
 *  - does this part look like a unit name of its own?  It does when it
 *    starts with a unit word (data/don-vi.yaml `unit_words`: Sở, Phòng,
 *    Chi cục, Trung tâm, Ban, UBND ...), with a known name, or with an
 *    abbreviation in capitals ("UBND", "VNPT").
 *
 * Matching is without case or diacritics (slug_fold), white space around
 * commas ignored, at the start of the text and up to a word boundary: a
 * known name also covers the same name followed by more words ("Báo và
 * Phát thanh, Truyền hình" covers "Báo và Phát thanh, Truyền hình tỉnh").
 *
 * A struct unit_names is read-only once built, so parallel workers can
 * share it.
 */
#ifndef CCHC_UNITS_H
#define CCHC_UNITS_H

#include <stddef.h>

struct diag;

struct unit_names;

/* data/don-vi.yaml as compiled in by tools/embed.sh (NUL-terminated). */
extern const char	 unit_data[];
extern const size_t	 unit_data_len;

/*
 * The compiled-in names.  NULL after an error reported to `d` (only
 * when data/don-vi.yaml, checked by tests/unit/test_units.c, is broken).
 */
struct unit_names	*units_new(struct diag *d);
/* Adds a name (a site's own, from site.yaml). */
void			 units_add(struct unit_names *, const char *name);
void			 units_free(struct unit_names *);
/* How many names and unit words the list holds. */
size_t			 units_count(const struct unit_names *);
/*
 * seg[0..n) are consecutive parts of a text cut at commas.  Returns how
 * many of them the longest known name that starts at seg[0] covers
 * (ending inside the last one, at a word boundary), 0 when none starts
 * there.
 */
size_t			 units_match(const struct unit_names *,
			    char *const *seg, size_t n);
/* 1 if the text starts like a unit name (see above). */
int			 units_looks_like(const struct unit_names *,
			    const char *text);

#endif
