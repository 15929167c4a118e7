/*
 * image.h - the pixel layer: what a raster file is (from its header), its
 * pixels upright, resized, cropped and encoded again without metadata.
 *
 * Knows nothing of pages, paths or caches (images.c decides which
 * variants a site needs, imgproc.c makes and keeps them).  Every function
 * is a pure function of its arguments, thread-safe, and deterministic:
 * the same bytes in give the same bytes out, on every run and thread.
 *
 * Libraries: JPEG is read and written with libjpeg-turbo's TurboJPEG API
 * (Debian libturbojpeg0-dev; its DCT-scaled decode makes a 4000x3000
 * photo's 1/2, 1/4 or 1/8 size inside the IDCT, several times faster
 * than a full decode and resize: bench/README.md, "Images"); PNG, GIF
 * (first frame), BMP, TGA, PSD, HDR... with stb_image; resizing with
 * stb_image_resize (sRGB-correct, alpha premultiplied), PNG written with
 * stb_image_write.  The EXIF orientation tag is read by a small reader of
 * the JPEG's APP1 segment (IFD0 only; no other tag is needed, and
 * nothing of the metadata is ever written out).
 *
 * Memory: an img_pixels owns its pixel array (free with img_free); every
 * buffer a function fills is the caller's (struct buf, buf.h).
 */
#ifndef CCHC_IMAGE_H
#define CCHC_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum img_format {
	IMG_NONE,	/* not an image cchc knows */
	IMG_JPEG,
	IMG_PNG,
	IMG_GIF,
	IMG_BMP,
	IMG_WEBP,	/* known by its header, not decoded (stb cannot) */
	IMG_HEIF,	/* HEIC/HEIF/AVIF ("ftyp" box): not decoded */
	IMG_TIFF,	/* not decoded */
	IMG_SVG		/* a vector image: copied, never decoded */
};

/* Why a probe or decode failed; img_error_text() says it in Vietnamese. */
enum img_error {
	IMG_OK,
	IMG_EEMPTY,	/* zero bytes */
	IMG_ENOTIMAGE,	/* no known signature (a .jpg that is a text file) */
	IMG_EFORMAT,	/* a format cchc cannot decode (HEIF, TIFF, WebP) */
	IMG_ETRUNCATED,	/* the data ends before the image does */
	IMG_ECORRUPT,	/* the decoder refused the data */
	IMG_ETOOBIG,	/* width x height above the limit given */
	IMG_ENOMEM	/* the decoder could not allocate */
};

/* What the header says; no pixel is decoded to learn it. */
struct img_info {
	enum img_format	 format;
	int		 width, height;	/* as stored */
	int		 orientation;	/* EXIF 1..8; 1 when absent or invalid */
	int		 upright_w, upright_h;	/* after orientation (5..8 swap) */
	int		 alpha;		/* may have transparency (PNG with an
					   alpha channel or tRNS, GIF) */
};

/* 8-bit pixels, rows top to bottom, no padding. */
struct img_pixels {
	unsigned char	*px;
	int		 w, h;
	int		 channels;	/* 3 (RGB) or 4 (RGBA, not premultiplied) */
};

/*
 * Reads the header of data[0..len): the format from its signature, the
 * size and, for JPEG, the orientation.  Returns IMG_OK, or IMG_EEMPTY,
 * IMG_ENOTIMAGE, IMG_ETRUNCATED (the header itself is cut), or
 * IMG_ETOOBIG when width * height > max_pixels for a decodable format
 * (a decompression bomb is refused here, before anything is allocated;
 * 64-bit product).  Orientation: IFD0 tag 0x0112 of the first Exif APP1
 * before the frame header; 1 when the segment is malformed.  IMG_EFORMAT is NOT
 * returned for WebP/HEIF/TIFF: info->format names them (and their size
 * when the header gives it cheaply, else 0), so that the caller can say
 * which format it is; img_decodable() tells.
 */
enum img_error	 img_probe(const void *data, size_t len, size_t max_pixels,
		    struct img_info *info);
/* 1 for the formats img_decode() reads (JPEG, PNG, GIF, BMP). */
int		 img_decodable(enum img_format);

/*
 * Decodes data[0..len) (probed into info) and turns it upright, so that
 * out is upright_w x upright_h scaled down by a power of two: the
 * smallest of the sizes 1/1, 1/2, 1/4, 1/8 whose upright width is still
 * at least min_w (4000 wide, min_w 1600: 1/2, 2000 wide; min_w 0 or
 * above upright_w: full size).  Scaled sizes round up (TurboJPEG's
 * TJSCALED).  JPEG scales inside the decoder; other
 * formats decode at full size (scale 1).  out->channels is 4 when the
 * image has transparency, else 3.  A JPEG that ends early or that
 * libjpeg-turbo warns about is IMG_ETRUNCATED / IMG_ECORRUPT: a page
 * must not show a half-grey photo; so is a PNG cut before IEND.  CMYK
 * JPEGs (Adobe, inverted) come out as RGB by the naive formula.
 * IMG_EFORMAT for a format img_decodable() refuses.  On error out->px
 * is NULL.
 */
enum img_error	 img_decode(const void *data, size_t len,
		    const struct img_info *info, int min_w,
		    struct img_pixels *out);
/*
 * The denominator (1, 2, 4 or 8) img_decode() scales by for min_w: what
 * a variant's bytes depend on besides its own size (images.c keys it).
 */
int		 img_decode_scale(const struct img_info *, int min_w);
/*
 * Applies an EXIF orientation (1..8) to in, giving the upright image in
 * out (a new array; in is left as it is).  Exposed for tests.
 */
void		 img_orient(const struct img_pixels *in, int orientation,
		    struct img_pixels *out);
/*
 * The region (x, y, w, h) of in, resized to out_w x out_h with
 * stb_image_resize in sRGB space (gamma-correct), alpha-weighted when
 * channels is 4, Mitchell filter, edges clamped at the region's border.
 * Callers should not enlarge (out_w <= w); stb would, blurred.  0, or -1
 * for a region outside in or an empty size, or when stb failed (out->px
 * is then NULL).
 */
int		 img_resize(const struct img_pixels *in, int x, int y, int w,
		    int h, int out_w, int out_h, struct img_pixels *out);
/*
 * The widths a page needs (widths[0] > widths[1] > ...), as a cascade:
 * out[0] from src, each next one from the one before, heights from
 * src's ratio.  Making 1600, 960 and 480 from a 1/2-scaled decode this
 * way costs about a third of making each from src (bench/README.md,
 * "Images").  widths[0] <= src->w.  0, or -1 with every out[] freed.
 */
int		 img_cascade(const struct img_pixels *src, const int *widths,
		    int n, struct img_pixels *out);
/*
 * 1 when a PNG suits the pixels better than a JPEG: any pixel not fully
 * opaque, or at most 256 distinct colours (drawings, screenshots, logos).
 */
int		 img_wants_png(const struct img_pixels *);
/*
 * Encodes to JPEG (quality 1..100, 4:2:0, progressive, which brings
 * optimised Huffman codes: 7.6 % fewer bytes than baseline at 960 wide,
 * bench/README.md "Images"; RGBA is flattened onto white) or PNG
 * (stb_image_write), and
 * appends the file to out.  No EXIF, XMP, ICC, comment or thumbnail is
 * written: the output holds pixels only.  0 or -1.  PNG uses stb's
 * default zlib level (8) and filters: deterministic, never tuned here
 * (they are globals in libstb, and this layer must stay thread-safe).
 */
int		 img_encode_jpeg(const struct img_pixels *, int quality,
		    struct buf *out);
int		 img_encode_png(const struct img_pixels *, struct buf *out);
void		 img_free(struct img_pixels *);

/* "JPEG", "PNG" ... for messages and attachment labels. */
const char	*img_format_name(enum img_format);
/* A short Vietnamese sentence for the error (no file name, no period). */
const char	*img_error_text(enum img_error);
/* Changes whenever the bytes this layer writes for the same input may. */
#define IMG_VERSION	1

#endif
