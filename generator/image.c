/*
 * image.c - see image.h.  The probe reads headers itself (every offset
 * bounds-checked: the bytes come from editors' folders and may be
 * anything); pixels come from libjpeg-turbo (JPEG) or stb_image (PNG,
 * GIF, BMP); stb_image_resize and stb_image_write do the rest.  Nothing
 * here keeps state between calls: a TurboJPEG handle lives for one call.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <turbojpeg.h>

#include "buf.h"
#include "image.h"
#include "util.h"

/*
 * Above this many pixels even a limit the site raises is refused: the
 * RGBA array must fit an int stride and stb's int sizes.
 */
#define IMG_HARD_MAX	((uint64_t)INT_MAX / 4)

/*
 * Choices measured in bench/imgspeed.c (bench/README.md, "Images"):
 * Mitchell is stb's default for shrinking (Catmull-Rom costs the same,
 * triangle a quarter less, softer); progressive JPEG is 7-8 % smaller
 * than TurboJPEG 2.x's baseline, which cannot optimise its Huffman
 * tables, for about 15 ms more per 960-wide variant.  The accurate DCT
 * (TurboJPEG's default) both ways: the fast one gains nothing when
 * encoding and a few ms per decode.
 */
#ifndef IMG_RESIZE_FILTER
#define IMG_RESIZE_FILTER	STBIR_FILTER_MITCHELL
#endif
#ifndef IMG_JPEG_FLAGS
#define IMG_JPEG_FLAGS		TJFLAG_PROGRESSIVE
#endif

static unsigned
rd16(const unsigned char *p, int be)
{
	return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static uint32_t
rd32(const unsigned char *p, int be)
{
	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/*
 * The value of a SHORT or LONG tag with count 1 in the first IFD of the
 * TIFF structure t[0..n) (an Exif block or a .tif file), or -1.  A
 * hostile count or offset only ends the walk: every read is checked
 * against n first.
 */
static long
tiff_ifd0_tag(const unsigned char *t, size_t n, unsigned tag)
{
	size_t		 off, i, count, e;
	int		 be;

	if (n < 8)
		return -1;
	if (memcmp(t, "II*\0", 4) == 0)
		be = 0;
	else if (memcmp(t, "MM\0*", 4) == 0)
		be = 1;
	else
		return -1;
	off = rd32(t + 4, be);
	if (off > n - 2)
		return -1;
	count = rd16(t + off, be);
	for (i = 0; i < count; i++) {
		e = off + 2 + 12 * i;
		if (e > n || n - e < 12)
			break;
		if (rd16(t + e, be) != tag || rd32(t + e + 4, be) != 1)
			continue;
		if (rd16(t + e + 2, be) == 3)		/* SHORT */
			return (long)rd16(t + e + 8, be);
		if (rd16(t + e + 2, be) == 4)		/* LONG */
			return (long)rd32(t + e + 8, be);
		return -1;
	}
	return -1;
}

/* The orientation in an APP1 segment's payload p[0..n), or 1. */
static int
exif_orientation(const unsigned char *p, size_t n)
{
	long		 v;

	if (n < 6 || memcmp(p, "Exif\0\0", 6) != 0)
		return 1;
	v = tiff_ifd0_tag(p + 6, n - 6, 0x0112);
	return v >= 1 && v <= 8 ? (int)v : 1;
}

/* SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
static int
is_sof(int m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/*
 * Walks the markers from SOI to the first SOFn (size), noting the
 * orientation of an Exif APP1 met on the way (cameras write it first).
 */
static enum img_error
probe_jpeg(const unsigned char *d, size_t len, struct img_info *info)
{
	size_t		 pos = 2, seg;
	int		 m;

	for (;;) {
		while (pos < len && d[pos] != 0xff)
			pos++;			/* garbage between segments */
		while (pos < len && d[pos] == 0xff)
			pos++;			/* fill bytes */
		if (pos >= len)
			return IMG_ETRUNCATED;
		m = d[pos++];
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;		/* no length */
		if (m == 0xd9 || m == 0xda || m == 0x00)
			return IMG_ECORRUPT;	/* scan or end before a frame */
		if (len - pos < 2)
			return IMG_ETRUNCATED;
		seg = rd16(d + pos, 1);
		if (seg < 2)
			return IMG_ECORRUPT;
		if (is_sof(m)) {
			if (len - pos < 8)
				return IMG_ETRUNCATED;
			info->height = (int)rd16(d + pos + 3, 1);
			info->width = (int)rd16(d + pos + 5, 1);
			/* A height of 0 (given later in a DNL) is refused. */
			return info->width && info->height ?
			    IMG_OK : IMG_ECORRUPT;
		}
		if (m == 0xe1 && info->orientation == 1) {
			size_t	 n = seg - 2;

			if (n > len - pos - 2)
				n = len - pos - 2;	/* cut: read what is there */
			info->orientation = exif_orientation(d + pos + 2, n);
		}
		if (seg > len - pos)
			return IMG_ETRUNCATED;
		pos += seg;
	}
}

/* IHDR, then the chunks before IDAT for a tRNS (transparency). */
static enum img_error
probe_png(const unsigned char *d, size_t len, struct img_info *info)
{
	uint32_t	 w, h, clen;
	size_t		 pos;
	int		 ct;

	if (len < 33)
		return IMG_ETRUNCATED;
	if (memcmp(d + 12, "IHDR", 4) != 0)
		return IMG_ECORRUPT;
	w = rd32(d + 16, 1);
	h = rd32(d + 20, 1);
	if (w == 0 || h == 0 || w > INT_MAX || h > INT_MAX)
		return IMG_ECORRUPT;
	info->width = (int)w;
	info->height = (int)h;
	ct = d[25];
	info->alpha = ct == 4 || ct == 6;
	for (pos = 33; len - pos >= 8; pos += 12 + (size_t)clen) {
		clen = rd32(d + pos, 1);
		if (memcmp(d + pos + 4, "IDAT", 4) == 0 ||
		    memcmp(d + pos + 4, "IEND", 4) == 0)
			break;
		if (memcmp(d + pos + 4, "tRNS", 4) == 0)
			info->alpha = 1;
		if (clen > len - pos - 8 || len - pos - 8 - clen < 4)
			break;
	}
	return IMG_OK;
}

static enum img_error
probe_gif(const unsigned char *d, size_t len, struct img_info *info)
{
	if (len < 10)
		return IMG_ETRUNCATED;
	info->width = (int)rd16(d + 6, 0);
	info->height = (int)rd16(d + 8, 0);
	info->alpha = 1;
	return info->width && info->height ? IMG_OK : IMG_ECORRUPT;
}

/* stb reads the many BMP header versions; it allocates nothing here. */
static enum img_error
probe_bmp(const unsigned char *d, size_t len, struct img_info *info)
{
	int		 w, h, comp;

	if (len < 26)
		return IMG_ETRUNCATED;
	if (len > INT_MAX ||
	    !stbi_info_from_memory(d, (int)len, &w, &h, &comp))
		return IMG_ECORRUPT;
	info->width = w;
	info->height = h;
	info->alpha = comp == 4 || comp == 2;
	return IMG_OK;
}

/* RIFF/WEBP: the size from the first chunk, when it is one we know. */
static void
probe_webp(const unsigned char *d, size_t len, struct img_info *info)
{
	if (len >= 30 && memcmp(d + 12, "VP8 ", 4) == 0 &&
	    d[23] == 0x9d && d[24] == 0x01 && d[25] == 0x2a) {
		info->width = (int)(rd16(d + 26, 0) & 0x3fff);
		info->height = (int)(rd16(d + 28, 0) & 0x3fff);
	} else if (len >= 25 && memcmp(d + 12, "VP8L", 4) == 0 &&
	    d[20] == 0x2f) {
		uint32_t b = rd32(d + 21, 0);

		info->width = (int)(b & 0x3fff) + 1;
		info->height = (int)(b >> 14 & 0x3fff) + 1;
		info->alpha = (int)(b >> 28 & 1);
	} else if (len >= 30 && memcmp(d + 12, "VP8X", 4) == 0) {
		info->alpha = (d[20] & 0x10) != 0;
		info->width = (int)(d[24] | d[25] << 8 | d[26] << 16) + 1;
		info->height = (int)(d[27] | d[28] << 8 | d[29] << 16) + 1;
	}
}

/* An ISO BMFF "ftyp" box naming a HEIF or AVIF brand. */
static int
is_heif(const unsigned char *d, size_t len)
{
	static const char *const brands[] = {
		"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
		"mif2", "msf1", "avif", "avis", "avci"
	};
	size_t		 box, pos, i;

	if (len < 12 || memcmp(d + 4, "ftyp", 4) != 0)
		return 0;
	box = rd32(d, 1);
	if (box > len)
		box = len;
	/* major brand at 8, minor version at 12, compatible brands after */
	for (pos = 8; pos + 4 <= box; pos += pos == 8 ? 8 : 4)
		for (i = 0; i < sizeof(brands) / sizeof(brands[0]); i++)
			if (memcmp(d + pos, brands[i], 4) == 0)
				return 1;
	return 0;
}

/* The first needle in s[0..n), or NULL (memmem is a GNU extension). */
static const unsigned char *
find(const unsigned char *s, size_t n, const char *needle)
{
	size_t		 k = strlen(needle), i;

	for (i = 0; k <= n && i <= n - k; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/* Skips s[*i] over whitespace, then over one "<?...?>" / "<!...>" item. */
static int
svg_skip(const unsigned char *s, size_t n, size_t *i)
{
	const char	*end;
	const unsigned char *e;

	while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\r' ||
	    s[*i] == '\n'))
		(*i)++;
	if (n - *i >= 2 && s[*i] == '<' && s[*i + 1] == '?')
		end = "?>";
	else if (n - *i >= 4 && memcmp(s + *i, "<!--", 4) == 0)
		end = "-->";
	else if (n - *i >= 2 && s[*i] == '<' && s[*i + 1] == '!')
		end = ">";
	else
		return 0;
	e = find(s + *i + 2, n - *i - 2, end);
	if (e == NULL)
		return 0;
	*i = (size_t)(e - s) + strlen(end);
	return 1;
}

/* Text whose first element, within the first KB, is <svg. */
static int
is_svg(const unsigned char *d, size_t len)
{
	size_t		 n = len < 1024 ? len : 1024, i = 0;

	if (n >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (svg_skip(d, n, &i))
		;
	return n - i >= 5 && memcmp(d + i, "<svg", 4) == 0 &&
	    strchr(" \t\r\n>/", d[i + 4]) != NULL;
}

/* The format from the signature, or IMG_NONE. */
static enum img_format
sniff(const unsigned char *d, size_t len)
{
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return IMG_JPEG;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMG_PNG;
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return IMG_GIF;
	if (len >= 2 && d[0] == 'B' && d[1] == 'M')
		return IMG_BMP;
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return IMG_WEBP;
	if (is_heif(d, len))
		return IMG_HEIF;
	if (len >= 4 && (memcmp(d, "II*\0", 4) == 0 ||
	    memcmp(d, "MM\0*", 4) == 0))
		return IMG_TIFF;
	if (is_svg(d, len))
		return IMG_SVG;
	return IMG_NONE;
}

enum img_error
img_probe(const void *data, size_t len, size_t max_pixels,
    struct img_info *info)
{
	const unsigned char *d = data;
	enum img_error	 err = IMG_OK;
	uint64_t	 px;
	long		 w, h;

	memset(info, 0, sizeof(*info));
	info->orientation = 1;
	if (len == 0)
		return IMG_EEMPTY;
	info->format = sniff(d, len);
	switch (info->format) {
	case IMG_NONE:
		return IMG_ENOTIMAGE;
	case IMG_JPEG:
		err = probe_jpeg(d, len, info);
		break;
	case IMG_PNG:
		err = probe_png(d, len, info);
		break;
	case IMG_GIF:
		err = probe_gif(d, len, info);
		break;
	case IMG_BMP:
		err = probe_bmp(d, len, info);
		break;
	case IMG_WEBP:
		probe_webp(d, len, info);
		break;
	case IMG_TIFF:
		w = tiff_ifd0_tag(d, len, 256);
		h = tiff_ifd0_tag(d, len, 257);
		if (w > 0 && h > 0 && w <= INT_MAX && h <= INT_MAX) {
			info->width = (int)w;
			info->height = (int)h;
		}
		break;
	case IMG_HEIF:
	case IMG_SVG:
		break;
	}
	if (err != IMG_OK)
		return err;
	info->upright_w = info->orientation >= 5 ? info->height : info->width;
	info->upright_h = info->orientation >= 5 ? info->width : info->height;
	/* Only what would be decoded is a bomb; the others are named. */
	px = (uint64_t)info->width * (uint64_t)info->height;
	if (img_decodable(info->format) &&
	    (px > (uint64_t)max_pixels || px > IMG_HARD_MAX))
		return IMG_ETOOBIG;
	return IMG_OK;
}

int
img_decodable(enum img_format f)
{
	return f == IMG_JPEG || f == IMG_PNG || f == IMG_GIF || f == IMG_BMP;
}

/* The denominator (1, 2, 4, 8) for min_w, see img_decode in image.h. */
static int
jpeg_scale(const struct img_info *info, int min_w)
{
	tjscalingfactor	 sf = { 1, 8 };

	if (min_w <= 0)
		return 1;
	for (; sf.denom > 1; sf.denom /= 2)
		if (TJSCALED(info->upright_w, sf) >= min_w)
			break;
	return sf.denom;
}

int
img_decode_scale(const struct img_info *info, int min_w)
{
	return info->format == IMG_JPEG ? jpeg_scale(info, min_w) : 1;
}

/*
 * Adobe CMYK (as Photoshop writes it, and as TurboJPEG gives it back:
 * inverted, 255 = no ink) to RGB, in place, without colour management:
 * the naive formula browsers without a CMS also use.
 */
static void
cmyk_to_rgb(unsigned char *px, size_t npx)
{
	size_t		 i;
	unsigned	 k;

	for (i = 0; i < npx; i++) {
		k = px[4 * i + 3];
		px[3 * i] = (unsigned char)((px[4 * i] * k + 127) / 255);
		px[3 * i + 1] = (unsigned char)((px[4 * i + 1] * k + 127) / 255);
		px[3 * i + 2] = (unsigned char)((px[4 * i + 2] * k + 127) / 255);
	}
}

/*
 * TurboJPEG's warnings matter: "Premature end of JPEG file" comes with a
 * grey lower half.  Its message tells a cut file from a damaged one.
 */
static enum img_error
tj_error(tjhandle tj)
{
	const char	*msg = tjGetErrorStr2(tj);

	/*
	 * libjpeg's JWRN_JPEG_EOF; decoding stops at the first warning, so
	 * it is not hidden by the "Corrupt JPEG data: premature end of
	 * data segment" that follows it (also given for a stray marker).
	 */
	if (msg != NULL && strstr(msg, "Premature end of JPEG file") != NULL)
		return IMG_ETRUNCATED;
	if (msg != NULL && strstr(msg, "emory") != NULL &&
	    tjGetErrorCode(tj) == TJERR_FATAL)
		return IMG_ENOMEM;
	return IMG_ECORRUPT;
}

static enum img_error
decode_jpeg(const unsigned char *d, size_t len, const struct img_info *info,
    int min_w, struct img_pixels *out)
{
	tjhandle	 tj;
	tjscalingfactor	 sf = { 1, 1 };
	enum img_error	 err = IMG_OK;
	int		 w, h, sub, cs, pf, cmyk;

	if ((tj = tjInitDecompress()) == NULL)
		return IMG_ENOMEM;
	if (tjDecompressHeader3(tj, d, (unsigned long)len, &w, &h, &sub,
	    &cs) != 0) {
		err = tj_error(tj);
		goto out;
	}
	if (w != info->width || h != info->height) {
		err = IMG_ECORRUPT;		/* not the file probed */
		goto out;
	}
	sf.denom = jpeg_scale(info, min_w);
	cmyk = cs == TJCS_CMYK || cs == TJCS_YCCK;
	pf = cmyk ? TJPF_CMYK : TJPF_RGB;
	out->w = TJSCALED(w, sf);
	out->h = TJSCALED(h, sf);
	out->channels = 3;
	out->px = xmalloc((size_t)out->w * out->h * (cmyk ? 4 : 3));
	/* Accurate DCT: the fast one saves little here (bench/README.md). */
	if (tjDecompress2(tj, d, (unsigned long)len, out->px, out->w, 0,
	    out->h, pf, TJFLAG_STOPONWARNING) != 0) {
		err = tj_error(tj);
		img_free(out);
		goto out;
	}
	if (cmyk) {
		cmyk_to_rgb(out->px, (size_t)out->w * out->h);
		out->px = xrealloc(out->px, (size_t)out->w * out->h * 3);
	}
out:
	tjDestroy(tj);
	return err;
}

/* Whether the PNG's chunks run whole up to IEND (else it was cut). */
static int
png_complete(const unsigned char *d, size_t len)
{
	size_t		 pos;
	uint32_t	 clen;

	for (pos = 8; len - pos >= 12; pos += 12 + (size_t)clen) {
		clen = rd32(d + pos, 1);
		if (clen > len - pos - 12)
			return 0;
		if (memcmp(d + pos + 4, "IEND", 4) == 0)
			return 1;
	}
	return 0;
}

/* Skips GIF data sub-blocks from *pos to their 0 terminator; 0 if cut. */
static int
gif_blocks(const unsigned char *d, size_t len, size_t *pos)
{
	while (*pos < len) {
		if (d[*pos] == 0) {
			(*pos)++;
			return 1;
		}
		if (d[*pos] >= len - *pos)
			return 0;
		*pos += 1 + (size_t)d[*pos];
	}
	return 0;
}

/*
 * Whether the GIF's first frame is whole: stb decodes a cut one into a
 * partly blank image without a word.
 */
static int
gif_complete(const unsigned char *d, size_t len)
{
	size_t		 pos = 13;

	if (len < 13)
		return 0;
	if (d[10] & 0x80)			/* global colour table */
		pos += 3 * ((size_t)2 << (d[10] & 7));
	while (pos < len && d[pos] == 0x21) {	/* extensions */
		pos += 2;
		if (!gif_blocks(d, len, &pos))
			return 0;
	}
	if (pos >= len || d[pos] != 0x2c || len - pos < 10)
		return 0;
	if (d[pos + 9] & 0x80)			/* local colour table */
		pos += 3 * ((size_t)2 << (d[pos + 9] & 7));
	pos += 11;				/* descriptor, LZW code size */
	return pos < len && gif_blocks(d, len, &pos);
}

static enum img_error
decode_stb(const unsigned char *d, size_t len, const struct img_info *info,
    struct img_pixels *out)
{
	const char	*why;
	int		 w, h, comp, want = info->alpha ? 4 : 3;

	if (len > INT_MAX)
		return IMG_ETOOBIG;
	if (info->format == IMG_GIF && !gif_complete(d, len))
		return IMG_ETRUNCATED;
	out->px = stbi_load_from_memory(d, (int)len, &w, &h, &comp, want);
	if (out->px == NULL) {
		why = stbi_failure_reason();
		if (why != NULL && strcmp(why, "outofmem") == 0)
			return IMG_ENOMEM;
		return info->format == IMG_PNG && !png_complete(d, len) ?
		    IMG_ETRUNCATED : IMG_ECORRUPT;
	}
	out->w = w;
	out->h = h;
	out->channels = want;
	if (w != info->width || h != info->height) {
		img_free(out);
		return IMG_ECORRUPT;
	}
	return IMG_OK;
}

enum img_error
img_decode(const void *data, size_t len, const struct img_info *info,
    int min_w, struct img_pixels *out)
{
	struct img_pixels up;
	enum img_error	 err;

	memset(out, 0, sizeof(*out));
	if (!img_decodable(info->format))
		return IMG_EFORMAT;
	if (info->format == IMG_JPEG)
		err = decode_jpeg(data, len, info, min_w, out);
	else
		err = decode_stb(data, len, info, out);
	if (err != IMG_OK || info->orientation == 1)
		return err;
	img_orient(out, info->orientation, &up);
	img_free(out);
	*out = up;
	return IMG_OK;
}

/* Where stored pixel (x, y) of a w x h image lands, for orientation o. */
static void
orient_xy(int o, int w, int h, int x, int y, int *ox, int *oy)
{
	switch (o) {
	case 2: *ox = w - 1 - x; *oy = y; break;		/* mirror */
	case 3: *ox = w - 1 - x; *oy = h - 1 - y; break;	/* 180 */
	case 4: *ox = x; *oy = h - 1 - y; break;		/* flip */
	case 5: *ox = y; *oy = x; break;			/* transpose */
	case 6: *ox = h - 1 - y; *oy = x; break;		/* 90 CW */
	case 7: *ox = h - 1 - y; *oy = w - 1 - x; break;	/* transverse */
	case 8: *ox = y; *oy = w - 1 - x; break;		/* 90 CCW */
	default: *ox = x; *oy = y; break;
	}
}

/*
 * EXIF 2.3, tag 0x0112: for 6 "the 0th row is the visual right-hand
 * side, the 0th column the visual top", i.e. stored row y becomes
 * column h-1-y of the upright image: a 90-degree clockwise turn.
 * Through the destination offset of each stored row's first pixel and
 * the step between neighbours (no per-pixel branch), in bands of 32
 * rows: a quarter turn writes down columns, and a band keeps the 32
 * destination rows it touches in cache (3x faster than row by row on a
 * 2000x1500 photo).
 */
#define ORIENT_BAND	32

static void
orient_rows(const struct img_pixels *in, int orientation, int y_lo,
    int y_hi, int x_lo, int x_hi, struct img_pixels *out)
{
	int		 c = in->channels, ow = out->w, x, y, x0, y0, x1, y1;
	ptrdiff_t	 step;
	const unsigned char *s;
	unsigned char	*d;

	for (y = y_lo; y < y_hi; y++) {
		orient_xy(orientation, in->w, in->h, 0, y, &x0, &y0);
		orient_xy(orientation, in->w, in->h, in->w > 1, y, &x1, &y1);
		step = ((ptrdiff_t)(y1 - y0) * ow + (x1 - x0)) * c;
		s = in->px + ((size_t)y * in->w + x_lo) * c;
		d = out->px + ((size_t)y0 * ow + x0) * c + step * x_lo;
		if (c == 3)
			for (x = x_lo; x < x_hi; x++, s += 3, d += step) {
				d[0] = s[0];
				d[1] = s[1];
				d[2] = s[2];
			}
		else
			for (x = x_lo; x < x_hi; x++, s += c, d += step)
				memcpy(d, s, (size_t)c);
	}
}

void
img_orient(const struct img_pixels *in, int orientation,
    struct img_pixels *out)
{
	int	 y, x;

	if (orientation < 1 || orientation > 8)
		orientation = 1;
	out->channels = in->channels;
	out->w = orientation >= 5 ? in->h : in->w;
	out->h = orientation >= 5 ? in->w : in->h;
	out->px = xmalloc((size_t)in->w * in->h * in->channels);
	for (y = 0; y < in->h; y += ORIENT_BAND)
		for (x = 0; x < in->w; x += ORIENT_BAND)
			orient_rows(in, orientation, y,
			    y + ORIENT_BAND < in->h ? y + ORIENT_BAND : in->h, x,
			    x + ORIENT_BAND < in->w ? x + ORIENT_BAND : in->w,
			    out);
}

int
img_resize(const struct img_pixels *in, int x, int y, int w, int h,
    int out_w, int out_h, struct img_pixels *out)
{
	const unsigned char *src;
	int		 c = in->channels;

	memset(out, 0, sizeof(*out));
	if (x < 0 || y < 0 || w < 1 || h < 1 || w > in->w - x ||
	    h > in->h - y || out_w < 1 || out_h < 1)
		return -1;
	src = in->px + ((size_t)y * in->w + x) * c;
	out->w = out_w;
	out->h = out_h;
	out->channels = c;
	out->px = xmalloc((size_t)out_w * out_h * c);
	/*
	 * The crop is a pointer and a stride: stb clamps at the crop's
	 * edges.  Mitchell (stb's default when shrinking): see
	 * bench/README.md "Images" for the filters measured.
	 */
	if (!stbir_resize_uint8_generic(src, w, h, in->w * c, out->px,
	    out_w, out_h, out_w * c, c, c == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE,
	    0, STBIR_EDGE_CLAMP, IMG_RESIZE_FILTER, STBIR_COLORSPACE_SRGB,
	    NULL)) {
		img_free(out);
		return -1;
	}
	return 0;
}

int
img_cascade(const struct img_pixels *src, const int *widths, int n,
    struct img_pixels *out)
{
	const struct img_pixels *from = src;
	int		 i, h;

	for (i = 0; i < n; i++) {
		if (widths[i] < 1 || widths[i] > from->w)
			goto fail;
		/* Heights from the source's ratio: no rounding builds up. */
		h = (int)(((int64_t)src->h * widths[i] + src->w / 2) / src->w);
		if (h < 1)
			h = 1;
		if (img_resize(from, 0, 0, from->w, from->h, widths[i], h,
		    &out[i]) != 0)
			goto fail;
		from = &out[i];
	}
	return 0;
fail:
	while (i-- > 0)
		img_free(&out[i]);
	return -1;
}

/* Open addressing over 24-bit colours; 0xffffffff marks a free slot. */
#define PALETTE_SLOTS	1024

int
img_wants_png(const struct img_pixels *p)
{
	uint32_t	 slot[PALETTE_SLOTS], col, hsh;
	size_t		 i, npx = (size_t)p->w * p->h;
	const unsigned char *q;
	int		 ncol = 0;

	if (p->channels == 4)
		for (i = 0; i < npx; i++)
			if (p->px[4 * i + 3] != 255)
				return 1;
	memset(slot, 0xff, sizeof(slot));
	for (i = 0; i < npx; i++) {
		q = p->px + i * p->channels;
		col = (uint32_t)q[0] << 16 | (uint32_t)q[1] << 8 | q[2];
		hsh = (col * 2654435761u) >> 22;
		while (slot[hsh] != col && slot[hsh] != 0xffffffffu)
			hsh = (hsh + 1) & (PALETTE_SLOTS - 1);
		if (slot[hsh] == col)
			continue;
		slot[hsh] = col;
		if (++ncol > 256)
			return 0;
	}
	return 1;
}

/* RGBA over white, for JPEG (which has no alpha). */
static unsigned char *
flatten(const struct img_pixels *p)
{
	size_t		 i, npx = (size_t)p->w * p->h;
	unsigned char	*rgb = xmalloc(npx * 3);
	const unsigned char *s;
	unsigned	 a;
	int		 k;

	for (i = 0; i < npx; i++) {
		s = p->px + 4 * i;
		a = s[3];
		for (k = 0; k < 3; k++)
			rgb[3 * i + k] = (unsigned char)
			    ((s[k] * a + 255 * (255 - a) + 127) / 255);
	}
	return rgb;
}

int
img_encode_jpeg(const struct img_pixels *p, int quality, struct buf *out)
{
	tjhandle	 tj;
	unsigned char	*rgb = NULL, *jpg = NULL;
	unsigned long	 size = 0;
	int		 ret = -1;

	if (p->px == NULL || p->w < 1 || p->h < 1 ||
	    (p->channels != 3 && p->channels != 4))
		return -1;
	quality = quality < 1 ? 1 : quality > 100 ? 100 : quality;
	if ((tj = tjInitCompress()) == NULL)
		return -1;
	if (p->channels == 4)
		rgb = flatten(p);
	if (tjCompress2(tj, rgb ? rgb : p->px, p->w, 0, p->h, TJPF_RGB, &jpg,
	    &size, TJSAMP_420, quality, IMG_JPEG_FLAGS) != 0)
		goto out;
	buf_put(out, jpg, size);
	ret = 0;
out:
	tjFree(jpg);
	free(rgb);
	tjDestroy(tj);
	return ret;
}

static void
png_append(void *ctx, void *data, int size)
{
	buf_put(ctx, data, (size_t)size);
}

/*
 * stb's writer is deterministic (fixed filter choice per row and zlib
 * level 8, its defaults: they are globals in libstb, never set here).
 */
int
img_encode_png(const struct img_pixels *p, struct buf *out)
{
	if (p->px == NULL || p->w < 1 || p->h < 1 || p->channels < 1 ||
	    p->channels > 4)
		return -1;
	return stbi_write_png_to_func(png_append, out, p->w, p->h,
	    p->channels, p->px, p->w * p->channels) ? 0 : -1;
}

void
img_free(struct img_pixels *p)
{
	/* stbi_image_free is free() in libstb: one release for both. */
	free(p->px);
	p->px = NULL;
	p->w = p->h = 0;
}

const char *
img_format_name(enum img_format f)
{
	switch (f) {
	case IMG_JPEG:	return "JPEG";
	case IMG_PNG:	return "PNG";
	case IMG_GIF:	return "GIF";
	case IMG_BMP:	return "BMP";
	case IMG_WEBP:	return "WebP";
	case IMG_HEIF:	return "HEIF/HEIC";
	case IMG_TIFF:	return "TIFF";
	case IMG_SVG:	return "SVG";
	case IMG_NONE:	break;
	}
	return "không rõ";
}

const char *
img_error_text(enum img_error e)
{
	switch (e) {
	case IMG_OK:
		return "không có lỗi";
	case IMG_EEMPTY:
		return "tệp ảnh rỗng (0 byte); hãy chép lại ảnh gốc";
	case IMG_ENOTIMAGE:
		return "tệp này không phải ảnh (nội dung không khớp định "
		    "dạng ảnh nào)";
	case IMG_EFORMAT:
		return "định dạng này trình duyệt và cchc không đọc được; "
		    "hãy xuất lại thành JPEG";
	case IMG_ETRUNCATED:
		return "tệp ảnh bị cắt cụt (không đủ dữ liệu), có thể do "
		    "chép dở; hãy chép lại ảnh gốc";
	case IMG_ECORRUPT:
		return "tệp ảnh bị hỏng, không giải mã được; hãy mở và lưu "
		    "lại ảnh, hoặc chép lại ảnh gốc";
	case IMG_ETOOBIG:
		return "ảnh quá lớn (số điểm ảnh vượt giới hạn "
		    "images.max_pixels); hãy thu nhỏ ảnh trước khi đăng";
	case IMG_ENOMEM:
		return "không đủ bộ nhớ để xử lý ảnh này";
	}
	return "lỗi ảnh không rõ";
}
