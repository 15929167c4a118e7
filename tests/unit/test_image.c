/*
 * test_image.c - the pixel layer (image.h).  Every test image is made
 * here in memory (TurboJPEG, stb_image_write, or bytes written by hand)
 * and, for EXIF, an APP1 segment is spliced in after SOI.  Hostile bytes
 * are probed from an exactly-sized allocation so that ASan and valgrind
 * see any read past the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image_write.h>
#include <turbojpeg.h>

#include "buf.h"
#include "image.h"
#include "util.h"
#include "t.h"

#define MAXPX	50000000

/* Upright test pattern: four quadrants of distinct colours. */
static const unsigned char quad[4][3] = {
	{ 220, 30, 30 },	/* top left: red */
	{ 30, 200, 30 },	/* top right: green */
	{ 30, 30, 220 },	/* bottom left: blue */
	{ 240, 240, 240 }	/* bottom right: white */
};

static const unsigned char *
quad_at(int W, int H, int x, int y)
{
	return quad[(y >= H / 2) * 2 + (x >= W / 2)];
}

/*
 * EXIF 2.3 for tag 0x0112, as data: which visual side the stored 0th row
 * and 0th column are.  T top, B bottom, L left, R right.
 */
static const char exif_sides[9][3] = {
	"", "TL", "TR", "BR", "BL", "LT", "RT", "RB", "LB"
};

/*
 * The stored image that orientation o must turn into the upright W x H
 * pattern, made from the table above and not from image.c's code.
 */
static struct img_pixels
stored_for(int o, int W, int H)
{
	struct img_pixels p;
	char		 row = exif_sides[o][0], col = exif_sides[o][1];
	int		 x, y, ux, uy, turned = row == 'L' || row == 'R';

	p.channels = 3;
	p.w = turned ? H : W;
	p.h = turned ? W : H;
	p.px = xmalloc((size_t)p.w * p.h * 3);
	for (y = 0; y < p.h; y++)
		for (x = 0; x < p.w; x++) {
			if (!turned) {
				uy = row == 'T' ? y : H - 1 - y;
				ux = col == 'L' ? x : W - 1 - x;
			} else {
				ux = row == 'L' ? y : W - 1 - y;
				uy = col == 'T' ? x : H - 1 - x;
			}
			memcpy(p.px + ((size_t)y * p.w + x) * 3,
			    quad_at(W, H, ux, uy), 3);
		}
	return p;
}

static void
put16(struct buf *b, unsigned v, int be)
{
	unsigned char	 c[2];

	c[0] = (unsigned char)(be ? v >> 8 : v);
	c[1] = (unsigned char)(be ? v : v >> 8);
	buf_put(b, c, 2);
}

static void
put32(struct buf *b, uint32_t v, int be)
{
	put16(b, be ? v >> 16 : v & 0xffff, be);
	put16(b, be ? v & 0xffff : v >> 16, be);
}

/* One IFD entry: tag, type, count, value/offset. */
static void
entry(struct buf *b, unsigned tag, unsigned type, uint32_t count,
    uint32_t val, int be)
{
	put16(b, tag, be);
	put16(b, type, be);
	put32(b, count, be);
	if (type == 3 && count == 1) {
		put16(b, val, be);
		put16(b, 0, be);
	} else
		put32(b, val, be);
}

/*
 * A TIFF block for APP1: IFD0 with Make, Orientation and (gps) a GPS IFD
 * pointer, the GPS IFD holding GPSLatitudeRef "N" and GPSLatitude.
 */
static void
tiff_block(struct buf *t, int be, int orient, int gps)
{
	size_t		 base = t->len;	/* offsets count from here */

	buf_put(t, be ? "MM\0*" : "II*\0", 4);
	put32(t, 8, be);
	put16(t, gps ? 3 : 2, be);			/* IFD0 at 8 */
	put16(t, 0x010f, be);				/* Make "ABC" */
	put16(t, 2, be);
	put32(t, 4, be);
	buf_put(t, "ABC", 4);
	entry(t, 0x0112, 3, 1, (uint32_t)orient, be);
	if (gps)
		entry(t, 0x8825, 4, 1, 8 + 2 + 3 * 12 + 4, be);
	put32(t, 0, be);				/* no IFD1 */
	if (!gps)
		return;
	put16(t, 2, be);				/* GPS IFD */
	put16(t, 0x0001, be);				/* "N" */
	put16(t, 2, be);
	put32(t, 2, be);
	buf_put(t, "N\0\0", 4);
	entry(t, 0x0002, 5, 3, (uint32_t)(t->len - base) + 12 + 4, be);
	put32(t, 0, be);
	put32(t, 21, be); put32(t, 1, be);		/* 21/1 deg */
	put32(t, 1, be); put32(t, 1, be);
	put32(t, 30, be); put32(t, 1, be);
}

/* jpeg with an APP1 segment holding payload spliced in after SOI. */
static void
splice_app1(const struct buf *jpeg, const void *payload, size_t n,
    unsigned seglen, struct buf *out)
{
	buf_put(out, jpeg->data, 2);
	buf_put(out, "\xff\xe1", 2);
	put16(out, seglen, 1);
	buf_put(out, payload, n);
	buf_put(out, jpeg->data + 2, jpeg->len - 2);
}

static void
exif_jpeg(const struct buf *jpeg, int be, int orient, int gps,
    struct buf *out)
{
	struct buf	 p = BUF_INIT;

	buf_put(&p, "Exif\0\0", 6);
	tiff_block(&p, be, orient, gps);
	splice_app1(jpeg, p.data, p.len, (unsigned)p.len + 2, out);
	buf_free(&p);
}

/* The probe, reading from an allocation exactly len bytes long. */
static enum img_error
probe_exact(const void *data, size_t len, size_t max, struct img_info *info)
{
	void		*copy = xmalloc(len ? len : 1);
	enum img_error	 e;

	memcpy(copy, data, len);
	e = img_probe(copy, len, max, info);
	free(copy);
	return e;
}

static int
near(const unsigned char *p, const unsigned char *want, int tol)
{
	int		 k;

	for (k = 0; k < 3; k++)
		if (abs(p[k] - want[k]) > tol)
			return 0;
	return 1;
}

static uint32_t rng = 12345;

static unsigned
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static struct img_pixels
noise(int w, int h, int c)
{
	struct img_pixels p = { NULL, w, h, c };
	size_t		 i;

	p.px = xmalloc((size_t)w * h * c);
	for (i = 0; i < (size_t)w * h * c; i++)
		p.px[i] = (unsigned char)(rnd() >> 7);
	return p;
}

static struct img_pixels
uniform(int w, int h, int c, const unsigned char *col)
{
	struct img_pixels p = { NULL, w, h, c };
	size_t		 i;

	p.px = xmalloc((size_t)w * h * c);
	for (i = 0; i < (size_t)w * h; i++)
		memcpy(p.px + i * c, col, (size_t)c);
	return p;
}

static void
test_orientations(void)
{
	struct buf	 plain = BUF_INIT, j = BUF_INIT;
	struct img_pixels s, d;
	struct img_info	 info;
	int		 o, be, W = 64, H = 48, ok;

	for (o = 1; o <= 8; o++) {
		s = stored_for(o, W, H);
		buf_reset(&plain);
		T_INTEQ(img_encode_jpeg(&s, 95, &plain), 0);
		for (be = 0; be <= 1; be++) {
			buf_reset(&j);
			exif_jpeg(&plain, be, o, o == 6, &j);
			T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info),
			    IMG_OK);
			T_INTEQ(info.orientation, o);
			T_INTEQ(info.width, s.w);
			T_INTEQ(info.upright_w, W);
			T_INTEQ(info.upright_h, H);
			T_INTEQ(img_decode(j.data, j.len, &info, 0, &d),
			    IMG_OK);
			T_OK(d.w == W && d.h == H && d.channels == 3);
			/* The centre of each quadrant has its colour. */
			ok = near(d.px + ((H / 4) * W + W / 4) * 3,
			    quad[0], 40) &&
			    near(d.px + ((H / 4) * W + 3 * W / 4) * 3,
			    quad[1], 40) &&
			    near(d.px + ((3 * H / 4) * W + W / 4) * 3,
			    quad[2], 40) &&
			    near(d.px + ((3 * H / 4) * W + 3 * W / 4) * 3,
			    quad[3], 40);
			if (!ok)
				fprintf(stderr, "orientation %d (%s) not "
				    "upright\n", o, be ? "MM" : "II");
			T_OK(ok);
			img_free(&d);
		}
		img_free(&s);
	}
	buf_free(&plain);
	buf_free(&j);
}

/* Value 6 by hand: a 2x1 stored image [A B] becomes 1x2 [A over B]. */
static void
test_orient_by_hand(void)
{
	unsigned char	 px[6] = { 1, 1, 1, 2, 2, 2 };
	struct img_pixels in = { px, 2, 1, 3 }, out;
	/* For each o: the upright image's pixels, as first channel. */
	static const unsigned char want[9][2] = {
		{ 0, 0 }, { 1, 2 }, { 2, 1 }, { 2, 1 }, { 1, 2 },
		{ 1, 2 }, { 1, 2 }, { 2, 1 }, { 2, 1 }
	};
	int		 o;

	for (o = 1; o <= 8; o++) {
		img_orient(&in, o, &out);
		T_INTEQ(out.w, o >= 5 ? 1 : 2);
		T_INTEQ(out.h, o >= 5 ? 2 : 1);
		T_INTEQ(out.px[0], want[o][0]);
		T_INTEQ(out.px[3], want[o][1]);
		img_free(&out);
	}
	/* An invalid value leaves the image as it is. */
	img_orient(&in, 9, &out);
	T_OK(out.w == 2 && out.px[0] == 1);
	img_free(&out);
}

static void
test_hostile_app1(void)
{
	struct buf	 plain = BUF_INIT, j = BUF_INIT, p = BUF_INIT;
	struct img_pixels s = noise(16, 16, 3);
	struct img_info	 info;
	enum img_error	 e;
	size_t		 cut;

	T_INTEQ(img_encode_jpeg(&s, 90, &plain), 0);
	/* IFD0 offset far out of bounds. */
	buf_put(&p, "Exif\0\0MM\0*\xff\xff\xff\xf0", 14);
	splice_app1(&plain, p.data, p.len, (unsigned)p.len + 2, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.orientation, 1);
	/* A huge entry count with no entries after it. */
	buf_reset(&p);
	buf_reset(&j);
	buf_put(&p, "Exif\0\0II*\0\x08\0\0\0\xff\xff", 16);
	splice_app1(&plain, p.data, p.len, (unsigned)p.len + 2, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.orientation, 1);
	/* Orientation out of range, and of the wrong type. */
	buf_reset(&p);
	buf_reset(&j);
	buf_put(&p, "Exif\0\0", 6);
	tiff_block(&p, 1, 9, 0);
	splice_app1(&plain, p.data, p.len, (unsigned)p.len + 2, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.orientation, 1);
	/* An APP1 whose length runs past the file: cut at every byte. */
	buf_reset(&p);
	buf_reset(&j);
	buf_put(&p, "Exif\0\0", 6);
	tiff_block(&p, 0, 6, 1);
	splice_app1(&plain, p.data, p.len, 60000, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_ETRUNCATED);
	for (cut = 0; cut < 120; cut++) {
		e = probe_exact(j.data, cut, MAXPX, &info);
		if (e != IMG_ETRUNCATED && e != IMG_EEMPTY &&
		    e != IMG_ENOTIMAGE)
			break;
	}
	T_INTEQ(cut, 120);
	/* Segment length below 2, and an empty APP1. */
	buf_reset(&j);
	splice_app1(&plain, "", 0, 1, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_ECORRUPT);
	buf_reset(&j);
	splice_app1(&plain, "", 0, 2, &j);
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.orientation, 1);
	T_INTEQ(info.width, 16);
	img_free(&s);
	buf_free(&plain);
	buf_free(&j);
	buf_free(&p);
}

/* A PNG IHDR for w x h, colour type ct; no CRC check in the probe. */
static void
png_header(struct buf *b, uint32_t w, uint32_t h, int ct)
{
	buf_put(b, "\x89PNG\r\n\x1a\n", 8);
	put32(b, 13, 1);
	buf_put(b, "IHDR", 4);
	put32(b, w, 1);
	put32(b, h, 1);
	buf_put(b, "\x08", 1);
	buf_putc(b, ct);
	buf_put(b, "\0\0\0", 3);
	put32(b, 0, 1);				/* CRC, unchecked */
}

static void
test_probe_formats(void)
{
	static const char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";
	static const char mp4[] = "\0\0\0\x14" "ftypisom\0\0\0\0isom";
	static const char svg[] = "\xef\xbb\xbf \n<?xml version=\"1.0\"?>\n"
	    "<!-- drawn by hand -->\n<!DOCTYPE svg>\n<svg xmlns=\"x\"/>";
	struct buf	 b = BUF_INIT;
	struct img_info	 info;
	struct img_pixels d;

	T_INTEQ(probe_exact("", 0, MAXPX, &info), IMG_EEMPTY);
	T_INTEQ(probe_exact("Xin chào\n", 10, MAXPX, &info), IMG_ENOTIMAGE);
	T_INTEQ(info.format, IMG_NONE);
	T_INTEQ(probe_exact("\xff\xd8", 2, MAXPX, &info), IMG_ENOTIMAGE);
	T_INTEQ(probe_exact("\xff\xd8\xff", 3, MAXPX, &info),
	    IMG_ETRUNCATED);

	T_INTEQ(probe_exact(heic, sizeof(heic) - 1, MAXPX, &info), IMG_OK);
	T_INTEQ(info.format, IMG_HEIF);
	T_INTEQ(img_decodable(info.format), 0);
	T_INTEQ(img_decode(heic, sizeof(heic) - 1, &info, 0, &d),
	    IMG_EFORMAT);
	T_OK(d.px == NULL);
	T_INTEQ(probe_exact(mp4, sizeof(mp4) - 1, MAXPX, &info),
	    IMG_ENOTIMAGE);

	/* TIFF: IFD0 with ImageWidth 300 (SHORT), ImageLength 200 (LONG). */
	buf_put(&b, "II*\0", 4);
	put32(&b, 8, 0);
	put16(&b, 2, 0);
	entry(&b, 256, 3, 1, 300, 0);
	entry(&b, 257, 4, 1, 200, 0);
	put32(&b, 0, 0);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.format, IMG_TIFF);
	T_OK(info.width == 300 && info.height == 200);
	T_INTEQ(probe_exact("MM\0*", 4, MAXPX, &info), IMG_OK);
	T_INTEQ(info.format, IMG_TIFF);

	/* WebP lossless: 300 x 200 with alpha. */
	buf_reset(&b);
	buf_put(&b, "RIFF\x20\0\0\0WEBPVP8L\x10\0\0\0\x2f", 21);
	put32(&b, 299 | 199u << 14 | 1u << 28, 0);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.format, IMG_WEBP);
	T_OK(info.width == 300 && info.height == 200 && info.alpha == 1);
	T_INTEQ(probe_exact("RIFF\0\0\0\0WEBP", 12, MAXPX, &info), IMG_OK);
	T_OK(info.format == IMG_WEBP && info.width == 0);

	T_INTEQ(probe_exact(svg, sizeof(svg) - 1, MAXPX, &info), IMG_OK);
	T_INTEQ(info.format, IMG_SVG);
	T_INTEQ(probe_exact("<svg>", 5, MAXPX, &info), IMG_OK);
	T_INTEQ(probe_exact("<svgx>", 6, MAXPX, &info), IMG_ENOTIMAGE);
	T_INTEQ(probe_exact("<!-- x", 6, MAXPX, &info), IMG_ENOTIMAGE);
	T_INTEQ(probe_exact("<html><svg>", 11, MAXPX, &info),
	    IMG_ENOTIMAGE);

	T_INTEQ(probe_exact("GIF89a\x40\x01\xc8\0", 10, MAXPX, &info),
	    IMG_OK);
	T_OK(info.format == IMG_GIF && info.width == 320 &&
	    info.height == 200 && info.alpha == 1);
	T_INTEQ(probe_exact("GIF89a\x40", 7, MAXPX, &info), IMG_ETRUNCATED);

	/* A 30000 x 30000 PNG is refused from its 33-byte header. */
	buf_reset(&b);
	png_header(&b, 30000, 30000, 2);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_ETOOBIG);
	T_OK(info.format == IMG_PNG && info.width == 30000);
	T_INTEQ(probe_exact(b.data, b.len, (size_t)1 << 40, &info),
	    IMG_ETOOBIG);			/* beyond any limit */
	buf_reset(&b);
	png_header(&b, 0xffffffffu, 2, 2);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_ECORRUPT);
	T_INTEQ(probe_exact(b.data, 20, MAXPX, &info), IMG_ETRUNCATED);
	/* A JPEG frame header of 65535 x 65535, over a small limit. */
	T_INTEQ(probe_exact("\xff\xd8\xff\xc0\0\x11\x08\xff\xff\xff\xff\x03",
	    12, MAXPX, &info), IMG_ETOOBIG);
	T_INTEQ(probe_exact("\xff\xd8\xff\xc0\0\x11\x08\0\0\xff\xff\x03",
	    12, MAXPX, &info), IMG_ECORRUPT);	/* height 0 */
	buf_free(&b);
}

static void
stb_append(void *ctx, void *data, int size)
{
	buf_put(ctx, data, (size_t)size);
}

static void
test_png_gif_bmp(void)
{
	static const unsigned char key[3] = { 10, 20, 30 };
	struct img_pixels s = noise(40, 30, 3), a = noise(40, 30, 4), d;
	struct buf	 b = BUF_INIT, t = BUF_INIT;
	struct img_info	 info;

	/* RGBA PNG: alpha, decoded to 4 channels, pixels exact. */
	T_INTEQ(img_encode_png(&a, &b), 0);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_OK(info.format == IMG_PNG && info.alpha == 1 && info.width == 40);
	T_INTEQ(img_decode(b.data, b.len, &info, 0, &d), IMG_OK);
	T_OK(d.channels == 4 && memcmp(d.px, a.px, 40 * 30 * 4) == 0);
	img_free(&d);

	/* RGB PNG, then with a tRNS chunk spliced in before IDAT. */
	memcpy(s.px, key, 3);
	buf_reset(&b);
	T_INTEQ(img_encode_png(&s, &b), 0);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.alpha, 0);
	T_INTEQ(img_decode(b.data, b.len, &info, 0, &d), IMG_OK);
	T_OK(d.channels == 3 && memcmp(d.px, s.px, 40 * 30 * 3) == 0);
	img_free(&d);
	buf_put(&t, b.data, 33);
	put32(&t, 6, 1);
	buf_put(&t, "tRNS\0\x0a\0\x14\0\x1e", 10);
	put32(&t, 0, 1);
	buf_put(&t, b.data + 33, b.len - 33);
	T_INTEQ(probe_exact(t.data, t.len, MAXPX, &info), IMG_OK);
	T_INTEQ(info.alpha, 1);
	T_INTEQ(img_decode(t.data, t.len, &info, 0, &d), IMG_OK);
	T_OK(d.channels == 4 && d.px[3] == 0 && d.px[7] == 255);
	img_free(&d);

	/* A PNG cut at 60 % is an error, not a partial image. */
	T_INTEQ(probe_exact(b.data, b.len * 6 / 10, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(b.data, b.len * 6 / 10, &info, 0, &d),
	    IMG_ETRUNCATED);
	T_OK(d.px == NULL);
	/* Cut just before IEND: every pixel is there, the file is not. */
	T_INTEQ(img_decode(b.data, b.len - 12, &info, 0, &d),
	    IMG_ETRUNCATED);
	T_OK(d.px == NULL);

	/* BMP through stb. */
	buf_reset(&b);
	T_OK(stbi_write_bmp_to_func(stb_append, &b, 40, 30, 3, s.px) != 0);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_OK(info.format == IMG_BMP && info.width == 40 && info.height == 30);
	T_INTEQ(img_decode(b.data, b.len, &info, 0, &d), IMG_OK);
	T_OK(d.w == 40 && memcmp(d.px, s.px, 40 * 30 * 3) == 0);
	img_free(&d);

	/* A one-pixel GIF: the first frame, with alpha. */
	buf_reset(&b);
	buf_put(&b, "GIF89a\x01\0\x01\0\x80\0\0\xff\0\0\0\0\0"
	    ",\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0;", 35);
	T_INTEQ(probe_exact(b.data, b.len, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(b.data, b.len, &info, 0, &d), IMG_OK);
	T_OK(d.channels == 4 && d.w == 1 && d.px[0] == 255 && d.px[3] == 255);
	img_free(&d);
	T_OK(img_decode(b.data, 20, &info, 0, &d) != IMG_OK && !d.px);

	img_free(&s);
	img_free(&a);
	buf_free(&b);
	buf_free(&t);
}

static void
test_jpeg_errors(void)
{
	struct img_pixels s = noise(256, 192, 3), d;
	struct buf	 b = BUF_INIT;
	struct img_info	 info;
	size_t		 i;
	enum img_error	 e;

	T_INTEQ(img_encode_jpeg(&s, 90, &b), 0);
	/* Cut at 60 %: the header is whole, the scan is not. */
	T_INTEQ(probe_exact(b.data, b.len * 6 / 10, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(b.data, b.len * 6 / 10, &info, 0, &d),
	    IMG_ETRUNCATED);
	T_OK(d.px == NULL);
	T_INTEQ(img_decode(b.data, b.len * 6 / 10, &info, 64, &d),
	    IMG_ETRUNCATED);
	/* Without its EOI marker only. */
	T_INTEQ(img_decode(b.data, b.len - 2, &info, 0, &d), IMG_ETRUNCATED);
	/* A marker inside the entropy-coded data. */
	for (i = b.len / 2; i < b.len / 2 + 8; i++)
		b.data[i] = (char)(i % 2 ? 0xd3 : 0xff);
	e = img_decode(b.data, b.len, &info, 0, &d);
	T_INTEQ(e, IMG_ECORRUPT);
	T_OK(d.px == NULL);
	img_free(&s);
	buf_free(&b);
}

/* A CMYK JPEG (TurboJPEG writes YCCK) comes out as RGB. */
static void
test_cmyk(void)
{
	tjhandle	 tj = tjInitCompress();
	unsigned char	 cmyk[16 * 16 * 4], *jpg = NULL;
	unsigned long	 size = 0;
	struct img_info	 info;
	struct img_pixels d;
	size_t		 i;

	/* Adobe's inverted CMYK: C=255-200 etc., K=255 (no black): RGB 200,100,50 */
	for (i = 0; i < 16 * 16; i++) {
		cmyk[4 * i] = 200;
		cmyk[4 * i + 1] = 100;
		cmyk[4 * i + 2] = 50;
		cmyk[4 * i + 3] = 255;
	}
	T_INTEQ(tjCompress2(tj, cmyk, 16, 0, 16, TJPF_CMYK, &jpg, &size,
	    TJSAMP_444, 95, 0), 0);
	T_INTEQ(probe_exact(jpg, size, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(jpg, size, &info, 0, &d), IMG_OK);
	T_OK(d.channels == 3 && d.w == 16 && near(d.px + 3 * 100,
	    (const unsigned char *)"\xc8\x64\x32", 3));
	img_free(&d);
	tjFree(jpg);
	tjDestroy(tj);
}

static void
test_scaled_decode(void)
{
	static const unsigned char grey[3] = { 128, 128, 128 };
	struct img_pixels s = uniform(4000, 3000, 3, grey), d;
	struct buf	 b = BUF_INIT, j = BUF_INIT;
	struct img_info	 info;
	static const int cases[][4] = {
		/* orientation, min_w, expected w, h */
		{ 1, 1600, 2000, 1500 }, { 1, 960, 1000, 750 },
		{ 1, 0, 4000, 3000 }, { 1, 9000, 4000, 3000 },
		{ 1, 500, 500, 375 }, { 1, 2001, 4000, 3000 },
		{ 6, 1500, 1500, 2000 }, { 6, 1501, 3000, 4000 },
		{ 8, 700, 750, 1000 }
	};
	size_t		 i;

	T_INTEQ(img_encode_jpeg(&s, 80, &b), 0);
	img_free(&s);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&j);
		exif_jpeg(&b, 0, cases[i][0], 0, &j);
		T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
		T_INTEQ(img_decode(j.data, j.len, &info, cases[i][1], &d),
		    IMG_OK);
		T_INTEQ(d.w, cases[i][2]);
		T_INTEQ(d.h, cases[i][3]);
		T_OK(d.px && near(d.px + 3 * ((size_t)d.w * d.h / 2), grey, 2));
		img_free(&d);
	}
	buf_free(&b);
	buf_free(&j);
}

/* The JPEG's markers: no APP1, hence no Exif, no GPS. */
static int
has_app1(const struct buf *b)
{
	size_t		 pos = 2;

	while (pos + 4 <= b->len && (unsigned char)b->data[pos] == 0xff) {
		unsigned char m = (unsigned char)b->data[pos + 1];

		if (m == 0xe1)
			return 1;
		if (m == 0xda)
			return 0;
		pos += 2 + ((size_t)(unsigned char)b->data[pos + 2] << 8 |
		    (unsigned char)b->data[pos + 3]);
	}
	return -1;			/* no scan found: not a JPEG */
}

static int
has_bytes(const struct buf *b, const char *s)
{
	size_t		 i, k = strlen(s);

	for (i = 0; i + k <= b->len; i++)
		if (memcmp(b->data + i, s, k) == 0)
			return 1;
	return 0;
}

static void
test_encode(void)
{
	struct img_pixels s = stored_for(6, 64, 48), d, a = noise(8, 8, 4);
	struct buf	 plain = BUF_INIT, j = BUF_INIT, o1 = BUF_INIT,
			 o2 = BUF_INIT;
	struct img_info	 info;

	T_INTEQ(img_encode_jpeg(&s, 90, &plain), 0);
	exif_jpeg(&plain, 1, 6, 1, &j);
	T_INTEQ(has_app1(&j), 1);		/* the test's own check works */
	T_OK(has_bytes(&j, "Exif") && has_bytes(&j, "\x88\x25"));
	T_INTEQ(probe_exact(j.data, j.len, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(j.data, j.len, &info, 0, &d), IMG_OK);
	T_INTEQ(img_encode_jpeg(&d, 82, &o1), 0);
	T_INTEQ(has_app1(&o1), 0);
	T_OK(!has_bytes(&o1, "Exif") && !has_bytes(&o1, "GPS"));
	T_INTEQ(img_encode_jpeg(&d, 82, &o2), 0);
	T_OK(o1.len == o2.len && memcmp(o1.data, o2.data, o1.len) == 0);
	img_free(&d);
	T_INTEQ(probe_exact(o1.data, o1.len, MAXPX, &info), IMG_OK);
	T_OK(info.width == 64 && info.height == 48 && info.orientation == 1);
	T_INTEQ(img_decode(o1.data, o1.len, &info, 0, &d), IMG_OK);
	T_OK(d.w == 64 && d.h == 48);
	img_free(&d);

	/* RGBA to JPEG: flattened onto white. */
	memset(a.px, 0, 8 * 8 * 4);
	buf_reset(&o1);
	T_INTEQ(img_encode_jpeg(&a, 90, &o1), 0);
	T_INTEQ(probe_exact(o1.data, o1.len, MAXPX, &info), IMG_OK);
	T_INTEQ(img_decode(o1.data, o1.len, &info, 0, &d), IMG_OK);
	T_OK(near(d.px, (const unsigned char *)"\xff\xff\xff", 2));
	img_free(&d);

	/* PNG: deterministic too. */
	buf_reset(&o1);
	buf_reset(&o2);
	T_INTEQ(img_encode_png(&s, &o1), 0);
	T_INTEQ(img_encode_png(&s, &o2), 0);
	T_OK(o1.len == o2.len && memcmp(o1.data, o2.data, o1.len) == 0);
	T_OK(!has_bytes(&o1, "eXIf") && !has_bytes(&o1, "tEXt"));
	img_free(&s);
	img_free(&a);
	buf_free(&plain);
	buf_free(&j);
	buf_free(&o1);
	buf_free(&o2);
}

static void
test_wants_png(void)
{
	struct img_pixels n = noise(64, 64, 3), q = stored_for(1, 64, 64),
			 a = noise(64, 64, 4);
	size_t		 i;

	T_INTEQ(img_wants_png(&n), 0);
	T_INTEQ(img_wants_png(&q), 1);
	for (i = 0; i < 64 * 64; i++)
		a.px[4 * i + 3] = 255;
	/* 4 channels but opaque noise: a photo. */
	T_INTEQ(img_wants_png(&a), 0);
	a.px[4 * 100 + 3] = 254;
	T_INTEQ(img_wants_png(&a), 1);
	/* Exactly 256 colours, then 257. */
	for (i = 0; i < 64 * 64; i++) {
		n.px[3 * i] = (unsigned char)(i % 256);
		n.px[3 * i + 1] = n.px[3 * i + 2] = 7;
	}
	T_INTEQ(img_wants_png(&n), 1);
	n.px[3 * 4000 + 1] = 8;
	T_INTEQ(img_wants_png(&n), 0);
	img_free(&n);
	img_free(&q);
	img_free(&a);
}

static void
test_resize(void)
{
	static const unsigned char col[4] = { 200, 100, 50, 128 };
	struct img_pixels u = uniform(100, 80, 3, col), ua, r, c[3],
			 q = stored_for(1, 100, 80);
	static const int widths[3] = { 40, 20, 10 };
	size_t		 i;
	int		 ok = 1;

	T_INTEQ(img_resize(&u, 0, 0, 100, 80, 37, 29, &r), 0);
	T_OK(r.w == 37 && r.h == 29 && r.channels == 3);
	for (i = 0; i < 37 * 29 * 3; i++)
		if (abs(r.px[i] - col[i % 3]) > 1)
			ok = 0;
	T_OK(ok);
	img_free(&r);
	ua = uniform(100, 80, 4, col);
	T_INTEQ(img_resize(&ua, 0, 0, 100, 80, 33, 20, &r), 0);
	for (i = 0, ok = 1; i < 33 * 20 * 4; i++)
		if (abs(r.px[i] - col[i % 4]) > 1)
			ok = 0;
	T_OK(ok && r.channels == 4);
	img_free(&r);
	/* A region: the bottom right quadrant only, all white. */
	T_INTEQ(img_resize(&q, 50, 40, 50, 40, 10, 8, &r), 0);
	for (i = 0, ok = 1; i < 10 * 8; i++)
		if (!near(r.px + 3 * i, quad[3], 1))
			ok = 0;
	T_OK(ok);
	img_free(&r);
	T_INTEQ(img_resize(&q, 60, 40, 50, 40, 10, 8, &r), -1);
	T_OK(r.px == NULL);
	T_INTEQ(img_resize(&q, 0, 0, 100, 80, 0, 8, &r), -1);

	T_INTEQ(img_cascade(&q, widths, 3, c), 0);
	T_OK(c[0].w == 40 && c[0].h == 32 && c[1].w == 20 && c[1].h == 16 &&
	    c[2].w == 10 && c[2].h == 8);
	T_OK(near(c[2].px, quad[0], 2) && near(c[2].px + 3 * 79, quad[3], 2));
	for (i = 0; i < 3; i++)
		img_free(&c[i]);
	T_INTEQ(img_cascade(&q, (const int[]){ 200 }, 1, c), -1);
	img_free(&u);
	img_free(&ua);
	img_free(&q);
}

static void
test_texts(void)
{
	enum img_error	 e;
	const char	*s;

	for (e = IMG_OK; e <= IMG_ENOMEM; e++) {
		s = img_error_text(e);
		T_OK(s != NULL && strlen(s) > 10 && s[strlen(s) - 1] != '.');
	}
	T_CONTAINS(img_error_text(IMG_EFORMAT), "JPEG");
	T_CONTAINS(img_error_text(IMG_ETRUNCATED), "cắt cụt");
	T_STREQ(img_format_name(IMG_HEIF), "HEIF/HEIC");
	T_STREQ(img_format_name(IMG_JPEG), "JPEG");
}

int
main(void)
{
	test_orientations();
	test_orient_by_hand();
	test_hostile_app1();
	test_probe_formats();
	test_png_gif_bmp();
	test_jpeg_errors();
	test_cmyk();
	test_scaled_decode();
	test_encode();
	test_wants_png();
	test_resize();
	test_texts();
	return t_done("image");
}
