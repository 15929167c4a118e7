/*
 * imgproc.h - image variants made (emit stage): the bytes of each
 * variant images.c planned.
 *
 * An image is decoded once for all its variants: the first of its
 * records to run decodes it (at the smallest DCT scale that still covers
 * its widest body width: image.h), makes every variant (the widths each
 * from the next wider; a crop or the original from a decode at its own
 * scale, the same one but for a full-size original or a panorama's
 * card: each variant's bytes depend only on what its key says), and
 * writes each into the cache for its sibling records.  The cache,
 * <cache>/images/<key>.jpg|png, is keyed by the variant's key (the
 * source's content hash and every parameter), so that a later build, to
 * any output folder, reads the bytes instead of decoding; each file
 * carries a checksum trailer, and a damaged one is made again.  A build
 * whose output folder still has a variant does not even read the cache
 * (the keep key, write.h).
 *
 * imgproc_make() may be called from several threads at once (emit's
 * pool); the records of one image wait for the one that decodes it.
 * Memory: at most one decoded image per thread, and the encoded
 * variants not yet taken.
 */
#ifndef CCHC_IMGPROC_H
#define CCHC_IMGPROC_H

#include <stddef.h>

struct buf;
struct diag;
struct image;
struct images;
struct source;

struct imgproc;

/* cache: the .cchc-cache folder, or NULL (nothing kept). */
struct imgproc	*imgproc_new(const struct images *, struct source *,
		    const char *cache);
/*
 * Appends variant k of im to out: 0, or -1 with the reason (a
 * Vietnamese message at the image's first use) in d, given once per
 * image: its other variants fail silently.
 */
int		 imgproc_make(struct imgproc *, const struct image *im,
		    size_t k, struct buf *out, struct diag *d);
/*
 * After a build that succeeded: removes from the cache the variants no
 * image of this build has (old photos, other settings), so that it does
 * not grow for ever.
 */
void		 imgproc_sweep(struct imgproc *);
/* Counts for CCHC_TIMES: images decoded, variants read from the cache. */
void		 imgproc_stats(const struct imgproc *, size_t *decoded,
		    size_t *cached);
void		 imgproc_free(struct imgproc *);

#endif
