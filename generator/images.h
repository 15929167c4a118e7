/*
 * images.h - the site's raster images and the files each is published
 * as (model stage).
 *
 * Every raster image a page uses (a Markdown image or a link to one, the
 * front-matter `image`) is one `struct image`, found by its path in the
 * source tree however many pages use it.  It is never published as it
 * is: it becomes variants (struct img_var), each a file under "anh/"
 * (routes.c) whose name carries a hash of everything that makes its
 * bytes, so that a deploy may cache it forever:
 *
 *   body widths   480, 800 and 1600 pixels wide, never wider than
 *                 the photo ("anh/hoi-nghi-800.0a1b2c3d4e.jpg");
 *   thumbnails    the cover cropped to 3:2, 320 and 640 wide, around the
 *                 centre or `image_focus`, for lists ("...-320x213...");
 *   social        the cover cropped to 1200x630 for og:image;
 *   original      the whole photo upright, re-encoded without metadata,
 *                 only with site.yaml `images: {keep_original: true}`.
 *
 * What a variant is follows from the file's header (img_probe, image.h)
 * and its content hash alone; images_use() knows both without decoding,
 * from the build's file hashes and a cache of headers keyed by content
 * (mdcache.h's result records), so that a rebuild reads no image that
 * did not change.  The pixels are made by imgproc.c in the emit stage.
 *
 * images_use() may be called from several threads (bodies in parallel);
 * the table orders itself (images_finish) before the output plan reads
 * it, so that nothing depends on which thread came first.
 *
 * Ownership: the table owns its images, their variants and strings.
 */
#ifndef CCHC_IMAGES_H
#define CCHC_IMAGES_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "image.h"

struct buf;
struct diag;
struct mdcache;
struct source;

/* site.yaml `images:` (config.c fills it). */
struct images_cfg {
	int		 keep_original;	/* publish the whole photo too */
	size_t		 max_pixels;	/* refuse larger (decompression bombs) */
	int		 quality;	/* JPEG quality of every variant */
};
#define IMAGES_MAX_PIXELS	50000000u
#define IMAGES_QUALITY		80

/* What a page does with an image. */
enum img_role {
	IMG_ROLE_BODY,		/* in the text: the body widths */
	IMG_ROLE_COVER		/* the front-matter image: body widths,
				   thumbnails and the social card */
};

enum img_var_kind {
	IMG_VAR_WIDTH,		/* whole image at a width */
	IMG_VAR_THUMB,		/* cropped to 3:2 */
	IMG_VAR_SOCIAL,		/* cropped to 1200:630 */
	IMG_VAR_ORIGINAL	/* whole image, full size */
};

/* Where a crop is centred: image_focus in the front matter. */
struct img_focus {
	int	 x, y;		/* per cent of the width and height, 0..100 */
};

struct img_var {
	enum img_var_kind kind;
	int		 w, h;		/* its size in pixels */
	int		 cx, cy, cw, ch; /* the region of the upright image */
	int		 png;		/* written as PNG, else JPEG */
	int		 need;		/* the decode's width it is made from
					   (img_decode's min_w): the widest
					   body width for every body width,
					   which are made one from the next */
	uint64_t	 key;		/* hash of the source bytes and all the
					   above, and for a body width the
					   wider ones it is made through: the
					   cache's and keep key */
	char		*path;		/* output path, "anh/..." */
};

#define IMG_MAX_VARS	8	/* 4 widths, the original, 2 thumbs, social */

struct image {
	char		*src;		/* source path, "content/tin-tuc/a.jpg" */
	char		*stem;		/* slug of its file name, for outputs */
	uint64_t	 hash;		/* of its bytes */
	size_t		 bytes;		/* file size */
	struct img_info	 info;		/* its header */
	int		 png;		/* variants are PNG (transparency, few
					   colours), else JPEG */
	enum img_error	 err;		/* IMG_OK, or why it cannot be used */
	/*
	 * The variants, in this order: the body widths (narrowest first),
	 * the original (keep_original), then, after images_finish() and
	 * only for a cover, the thumbnails and the social card.  A fixed
	 * array: a variant's address never changes once it is there.
	 */
	struct img_var	 vars[IMG_MAX_VARS];
	size_t		 nvars;
	size_t		 nwidths;	/* vars[0 .. nwidths) */
	/* Cover uses, for the crops: the focus of the first (by file, then
	   line) use that gives one. */
	int		 cover;
	char		*focus_file;
	int		 focus_line;
	struct img_focus focus;
	/* The first use (by file, then line): emit's messages point there. */
	char		*use_file;
	int		 use_line, use_col;
	pthread_mutex_t	 lock;		/* guards the fields after `err`
					   while bodies run */
	int		 probed;
	size_t		 ord;		/* its index in the table, once
					   images_finish() has sorted it */
};

struct images {
	struct images_cfg cfg;
	struct image	**v;		/* sorted by src after images_finish */
	size_t		  n, cap;
	size_t		 *idx;		/* by path hash: 1 + index into v */
	size_t		  idxcap;
	pthread_mutex_t	  lock;		/* guards v, n, idx */
	/* Borrowed, for images_use(): where files are read, their hashes
	   (NULL: read and hash each), the header cache (may be NULL). */
	struct source	 *src;
	uint64_t	(*file_hash)(void *, const char *path);
	void		 *file_hash_arg;
	struct mdcache	 *mdc;
};

/* What a use of an image gets back (images_use): paths relative to the
   output root (the caller makes them relative to the page).  Borrowed
   from the table; valid as long as it is. */
struct img_ref {
	struct image	*img;
	const struct img_var *src;	/* the default width (800) */
	const struct img_var *large;	/* the largest width */
};

void	 images_init(struct images *, const struct images_cfg *);
void	 images_free(struct images *);
/* 1 when path names a raster file cchc publishes as variants (by its
   extension: .jpg .jpeg .png .gif .bmp, and the formats it refuses with
   a clear message: .heic .heif .avif .tif .tiff .webp). */
int	 images_is_raster(const char *path);
/*
 * A use of the image at src (normalised, under the source root, known to
 * exist) by `file` at line:col, in the given role (focus: NULL, or the
 * cover's image_focus).  Fills ref and returns 0; or reports why the
 * image cannot be published (a Vietnamese file:line:col error in d:
 * empty, not an image, HEIC/TIFF/WebP, too large) and returns -1.
 */
int	 images_use(struct images *, const char *src, enum img_role,
	    const struct img_focus *, const char *file, int line, int col,
	    struct img_ref *ref, struct diag *d);
/*
 * After every page's body: sorts the images by path and adds the covers'
 * thumbnails and social cards, so that nothing depends on which thread
 * used an image first.  Single-threaded.
 */
void	 images_finish(struct images *);
/* The image at src (normalised), or NULL: after images_finish(). */
struct image *images_find(const struct images *, const char *src);
/* The variant of kind k (for IMG_VAR_THUMB: the n-th, 0 or 1), or NULL. */
const struct img_var *images_var(const struct image *, enum img_var_kind k,
	    size_t n);
/* Parses `image_focus` ("giữa", "trên", "dưới", "trái", "phải", or two
   per cents "30% 60%"): 0, or -1 (not one of those). */
int	 images_parse_focus(const char *, struct img_focus *);

#endif
