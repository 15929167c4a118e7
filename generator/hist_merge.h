/*
 * hist_merge.h - stage 3 (history) for a department formed by a merger
 * (`cchc portal`, sources: with several folders; docs/portal.md).
 *
 * The portal puts one source tree together from several repositories and
 * describes it in a manifest, which `cchc build --merge FILE` reads:
 *
 *	cchc-merge 1
 *	source	<absolute source root>			(one per repository,
 *							 in portal.yaml order)
 *	page	<n>	<path>	<original path>	<url or ->
 *
 * Fields are separated by one tab.  A page line names a source page of
 * the tree being built (content/ or plans/), the source it came from
 * (0-based) and its path there, and the URL the portal gave it where
 * two sources' pages would have had one URL ("-": the usual one).
 *
 * Each page keeps the history of its own repository: every source's is
 * read (history_read, cached per source below the build's cache folder)
 * and the events are put together newest first, with each path as the
 * merged tree has it.  The merged history has no single commit (tip is
 * ""): build.json's commit is null.
 *
 * Ownership: a struct hist_merge owns its strings; hist_merge_free()
 * releases it.  The struct history that hist_merge_read() fills owns
 * the sources' histories (history_free() releases them).
 */
#ifndef CCHC_HIST_MERGE_H
#define CCHC_HIST_MERGE_H

#include <stddef.h>
#include <stdint.h>

struct diag;
struct hist_head;
struct history;
struct hist_merge;

/* Reads and checks the manifest; NULL with the message in diag. */
struct hist_merge *hist_merge_load(const char *file, struct diag *);
/* The same from text[0..len) named file (for tests/fuzz). */
struct hist_merge *hist_merge_parse(const char *text, size_t len,
	    const char *file, struct diag *);
void	 hist_merge_free(struct hist_merge *);

/*
 * What the fingerprint needs: available when every source is in a
 * repository, shallow when one is, and for tip a digest of the manifest
 * and every source's commit (never shown).  0 or -1, as history_head().
 */
int	 hist_merge_head(struct hist_merge *, struct hist_head *);
/* The merged history (see above); 0 or -1, as history_read(). */
int	 hist_merge_read(const struct hist_merge *, const char *cache_dir,
	    struct history *, struct diag *);
/* git status of every source, with the merged tree's paths. */
int	 hist_merge_status(const struct hist_merge *, struct history *,
	    struct diag *);
/* The URL the portal gave the page at path, or NULL. */
const char *hist_merge_url(const struct hist_merge *, const char *path);

#endif
