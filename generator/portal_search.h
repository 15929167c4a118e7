/*
 * portal_search.h - one search index for the provincial portal, merged
 * from the indexes the departments published (docs/search.md, "Across
 * departments (the portal)"): their files are read back, not their
 * texts indexed again, and the merged index is in the same format, so
 * the page's reader (tim-kiem.js) reads it unchanged.
 *
 * Documents get new ids in the order the reader ranks by (date, then
 * the department's place in the list, then its own id), their URLs the
 * department's prefix and a "g" with its name; postings, exact forms
 * and bigrams are the union of the departments', remapped; nb, ns and
 * the root are made by search.c's rules (search_counts).
 *
 * Memory: the merge holds every source's image (a compact copy of its
 * terms' ids and its documents' dates, types and texts' lengths), a
 * changed source's last image too, and every term's merged postings as
 * the text they are written as (their ids merged a term at a time; in
 * a rebuild, only the changed buckets' terms); the documents' texts are read back
 * from the cache file when their files are written (in memory only
 * without one); each file read is freed once taken in.  Sources are
 * read on a thread each (pool.h).  The caller owns the sources; put()
 * is handed bytes it must copy to keep.
 */
#ifndef CCHC_PORTAL_SEARCH_H
#define CCHC_PORTAL_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct diag;

struct psearch_src {
	const char	*dir;		/* a department's output root, holding
					   tim-kiem/chi-muc/ */
	const char	*prefix;	/* URL prefix of its documents in the
					   portal: "so-khcn/" */
	const char	*name;		/* the department's name, shown with
					   each result ("g"; NULL, "": none) */
};

/*
 * Called once per file of the merged index, rel relative to the
 * portal's root ("tim-kiem/chi-muc/d/0.js", "tim-kiem/chi-muc/ds/0a1.js",
 * ..., the root "tim-kiem/chi-muc/goc.js" last, so that a reader never
 * finds a root naming files not yet there); 0, or -1 to stop.
 */
typedef int (*psearch_put)(void *arg, const char *rel, const char *bytes,
    size_t len);

/*
 * Asked, instead of put(), for a file (a document's, a bucket, a shard
 * of the dictionary) that the last merge, as its record in the cache
 * says, wrote with this hash64 (hash.h, seed 0) and size, and that this
 * merge would write the same: 1 when the caller still has that file and
 * keeps it, so no bytes are needed; 0, and put() is handed them.
 */
typedef int (*psearch_keep)(void *arg, const char *rel, uint64_t hash,
    uint64_t size);

/*
 * Reads every source's index and writes the merged one through put, in
 * a fixed order with the same bytes for the same input.  A source
 * without an index (no goc.js) is skipped with a warning in diag; a
 * file that cannot be read or is not as docs/search.md says is an
 * error naming it (with line:col where there is one), in Vietnamese.
 * With no source left, the merged index holds no document.  0, or -1
 * (an error, or put() said stop).
 *
 * cache (NULL: none) is a folder the merge keeps one file a source in,
 * under cache/_tim-kiem/ (made when missing): what it took from that
 * source, so that a source whose index did not change since is not
 * read again.  A cache file that is missing, damaged, of another
 * version or of another state of its source is made again; one that
 * cannot be written is not an error.  Same bytes with or without it.
 * There too, the last merge's record (gop.bin): with it, a merge after
 * a few departments changed makes only the files they changed and asks
 * keep() (NULL: never asked; every file is made) for the others.
 */
int	 portal_search_merge(const struct psearch_src *, size_t n,
	    psearch_put put, psearch_keep keep, void *arg, struct diag *,
	    const char *cache);

#endif
