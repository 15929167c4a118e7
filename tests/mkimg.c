/*
 * mkimg.c - test helper for tests/images.sh (and other suites): makes
 * photo-like and chart-like images as a phone or an office program
 * would, and checks that a published variant is upright.
 *
 *   mkimg jpeg W H [-o ORIENT] [-g] [-t] [-q Q] [-s SEED] OUT
 *       A W x H JPEG (as stored) of a deterministic scene: a sky band
 *       dark at the top of the upright scene, bright ground at the
 *       bottom, a few shapes and a little noise, so that it compresses
 *       like a photo.  With -o (EXIF orientation 1..8, default 1) the
 *       stored pixels are turned so that applying the tag makes the
 *       scene upright (-o 6: a portrait photo held upright, stored
 *       landscape).  An APP1 Exif segment right after SOI carries IFD0
 *       Make, Model and Orientation and, with -g, a GPS IFD (21°1'30" N,
 *       105°51'0" E).  -q: quality (default 85); -s: seed of the noise
 *       and shapes (default 1).  -t: texture at two scales, so that
 *       the photo's resized variants weigh what a real photo's do.
 *       Baseline 4:2:0, as phones write.
 *   mkimg png W H [-a] [-p] OUT
 *       A PNG: the same scene (many colours), or with -p a bar chart
 *       (few colours); -a adds an alpha channel with fully transparent
 *       pixels (the corners) and half-transparent ones.
 *   mkimg check FILE
 *       Decodes FILE with the generator's image layer (img_probe,
 *       img_decode, which applies the orientation) and prints
 *       "W H top=T bottom=B": the upright size and the mean brightness
 *       (0..255) of its top and bottom tenth.  Exit 1 if FILE cannot be
 *       read or decoded.
 *
 * The orientation is applied here from the EXIF table itself, not with
 * img_orient(), so that a mistake in the generator cannot cancel out.
 * Exit status: 0, 1 (check: not decodable; make: cannot write), 2 usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

#include "buf.h"
#include "image.h"
#include "util.h"

static void
usage(void)
{
	fprintf(stderr, "usage: mkimg jpeg W H [-o ORIENT] [-g] [-q Q] "
	    "[-s SEED] OUT\n"
	    "       mkimg png W H [-a] [-p] OUT\n"
	    "       mkimg check FILE\n");
	exit(2);
}

/* A small deterministic generator (xorshift32): same seed, same image. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static unsigned char
clamp(int v)
{
	return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/*
 * The upright scene, w x h RGB: the sky from dark navy at the top to
 * pale at the horizon (60 % down), bright sandy ground below, a dark
 * building and a round tree (positions from the seed), noise +-6.
 */
/*
 * Texture (-t): value noise at two scales (cells of 1/250 and 1/1000 of
 * the width: foliage, gravel, fabric), which survives resizing, so
 * that the variants weigh what a real photo's do.  Without it the scene
 * is almost flat once shrunk, and a 960-wide variant is 18 KB.
 */
static int
texture(const signed char *coarse, const signed char *fine, int cw, int fw,
    int x, int y, int w)
{
	int	 cs = w / 250 + 1, fs = w / 1000 + 1;

	return coarse[(y / cs) * cw + x / cs] + fine[(y / fs) * fw + x / fs];
}

static unsigned char *
scene(int w, int h, uint32_t seed, int tex)
{
	unsigned char	*px = xmalloc((size_t)w * h * 3), *p;
	uint32_t	 s = seed * 2654435761u + 1;
	int		 x, y, hz = h * 6 / 10, n, r, g, b;
	int		 bx, bw, by, tx, ty, tr;
	int		 cs = w / 250 + 1, fs = w / 1000 + 1;
	int		 cw = w / cs + 1, fw = w / fs + 1;
	size_t		 i, nc = (size_t)cw * (h / cs + 1);
	size_t		 nf = (size_t)fw * (h / fs + 1);
	signed char	*coarse = xcalloc(nc, 1), *fine = xcalloc(nf, 1);

	for (i = 0; tex && i < nc; i++)
		coarse[i] = (signed char)((int)(rnd(&s) % 41) - 20);
	for (i = 0; tex && i < nf; i++)
		fine[i] = (signed char)((int)(rnd(&s) % 25) - 12);

	rnd(&s);
	bx = (int)(rnd(&s) % (unsigned)(w / 2 + 1));
	bw = w / 6 + 1;
	by = hz - h / 4;
	tx = w / 2 + (int)(rnd(&s) % (unsigned)(w / 3 + 1));
	ty = hz - h / 10;
	tr = h / 10 + 1;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			p = px + ((size_t)y * w + x) * 3;
			if (y < hz) {
				r = 20 + 150 * y / hz;
				g = 30 + 160 * y / hz;
				b = 70 + 170 * y / hz;
			} else {
				r = 215 + 20 * (y - hz) / (h - hz + 1);
				g = 200 + 20 * (y - hz) / (h - hz + 1);
				b = 160 + 20 * (y - hz) / (h - hz + 1);
			}
			if (x >= bx && x < bx + bw && y >= by && y < hz) {
				r = 90 + (x / 8 % 2) * 30;
				g = 70;
				b = 60;
			}
			if ((long)(x - tx) * (x - tx) + (long)(y - ty) *
			    (y - ty) < (long)tr * tr) {
				r = 40;
				g = 120;
				b = 50;
			}
			n = (int)(rnd(&s) % 13) - 6;
			if (tex)
				n += texture(coarse, fine, cw, fw, x, y, w);
			p[0] = clamp(r + n);
			p[1] = clamp(g + n);
			p[2] = clamp(b + n);
		}
	}
	free(coarse);
	free(fine);
	return px;
}

/*
 * Where stored pixel (x, y) of a sw x sh image shows in the upright
 * image, after EXIF 2.3 tag 0x0112 value o ("the 0th row is the visual
 * right-hand side, the 0th column the visual top" for 6, ...).
 */
static void
upright_xy(int o, int sw, int sh, int x, int y, int *ux, int *uy)
{
	switch (o) {
	case 2: *ux = sw - 1 - x; *uy = y; break;
	case 3: *ux = sw - 1 - x; *uy = sh - 1 - y; break;
	case 4: *ux = x; *uy = sh - 1 - y; break;
	case 5: *ux = y; *uy = x; break;
	case 6: *ux = sh - 1 - y; *uy = x; break;
	case 7: *ux = sh - 1 - y; *uy = sw - 1 - x; break;
	case 8: *ux = y; *uy = sw - 1 - x; break;
	default: *ux = x; *uy = y; break;
	}
}

/* The stored sw x sh pixels of an upright scene, for orientation o. */
static unsigned char *
stored(const unsigned char *up, int o, int sw, int sh)
{
	unsigned char	*px = xmalloc((size_t)sw * sh * 3);
	int		 x, y, ux, uy, uw = o >= 5 ? sh : sw;

	for (y = 0; y < sh; y++)
		for (x = 0; x < sw; x++) {
			upright_xy(o, sw, sh, x, y, &ux, &uy);
			memcpy(px + ((size_t)y * sw + x) * 3,
			    up + ((size_t)uy * uw + ux) * 3, 3);
		}
	return px;
}

static void
be16(struct buf *b, unsigned v)
{
	buf_putc(b, (int)(v >> 8 & 0xff));
	buf_putc(b, (int)(v & 0xff));
}

static void
be32(struct buf *b, uint32_t v)
{
	be16(b, v >> 16);
	be16(b, v & 0xffff);
}

/* One 12-byte IFD entry, big-endian: value either inline or an offset. */
static void
entry(struct buf *b, unsigned tag, unsigned type, uint32_t count,
    uint32_t value)
{
	be16(b, tag);
	be16(b, type);
	be32(b, count);
	be32(b, value);
}

/* An ASCII of at most 4 bytes, left-justified in the value field. */
static uint32_t
inline_ascii(const char *s)
{
	unsigned char	 v[4] = { 0 };

	memcpy(v, s, strlen(s) < 4 ? strlen(s) : 4);
	return (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
	    (uint32_t)v[2] << 8 | v[3];
}

/*
 * The APP1 payload: "Exif\0\0", then a big-endian TIFF structure.
 * Offsets count from the TIFF header.  Layout: header (8), IFD0, its
 * strings, then the GPS IFD and its rationals.
 */
static void
exif_app1(struct buf *t, int orientation, int gps)
{
	static const char make[] = "Cchc Phone";
	static const char model[] = "Test Model 13";
	static const uint32_t lat[] = { 21, 1, 1, 1, 30, 1 };
	static const uint32_t lon[] = { 105, 1, 51, 1, 0, 1 };
	uint32_t	 n0 = gps ? 4 : 3, ifd0 = 8, strs, gifd, rats;
	size_t		 i;

	strs = ifd0 + 2 + 12 * n0 + 4;
	gifd = strs + sizeof(make) + sizeof(model);
	gifd += gifd & 1;			/* word aligned */
	rats = gifd + 2 + 12 * 5 + 4;
	buf_put(t, "Exif\0\0", 6);
	buf_put(t, "MM\0*", 4);
	be32(t, ifd0);
	be16(t, n0);
	entry(t, 0x010f, 2, sizeof(make), strs);
	entry(t, 0x0110, 2, sizeof(model), strs + sizeof(make));
	entry(t, 0x0112, 3, 1, (uint32_t)orientation << 16);
	if (gps)
		entry(t, 0x8825, 4, 1, gifd);
	be32(t, 0);				/* no IFD1 */
	buf_put(t, make, sizeof(make));
	buf_put(t, model, sizeof(model));
	if (!gps)
		return;
	if ((t->len - 6) & 1)
		buf_putc(t, 0);
	be16(t, 5);
	entry(t, 0x0000, 1, 4, 0x02030000);	/* GPSVersionID 2.3.0.0 */
	entry(t, 0x0001, 2, 2, inline_ascii("N"));
	entry(t, 0x0002, 5, 3, rats);
	entry(t, 0x0003, 2, 2, inline_ascii("E"));
	entry(t, 0x0004, 5, 3, rats + 24);
	be32(t, 0);
	for (i = 0; i < 6; i++)
		be32(t, lat[i]);
	for (i = 0; i < 6; i++)
		be32(t, lon[i]);
}

static int
write_file(const char *path, const void *p, size_t n)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "mkimg: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int
dim(const char *s)
{
	char	*end;
	long	 v = strtol(s, &end, 10);

	if (*end != '\0' || v < 1 || v > 20000)
		usage();
	return (int)v;
}

static int
make_jpeg(int argc, char **argv)
{
	int		 w, h, o = 1, gps = 0, q = 85, rc = 1, i, tex = 0;
	uint32_t	 seed = 1;
	unsigned char	*up, *px, *jpg = NULL;
	unsigned long	 jlen = 0;
	const char	*out = NULL;
	struct buf	 app = BUF_INIT, file = BUF_INIT;
	tjhandle	 tj;

	if (argc < 3)
		usage();
	w = dim(argv[0]);
	h = dim(argv[1]);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			o = atoi(argv[++i]);
		else if (strcmp(argv[i], "-g") == 0)
			gps = 1;
		else if (strcmp(argv[i], "-t") == 0)
			tex = 1;
		else if (strcmp(argv[i], "-q") == 0 && i + 1 < argc)
			q = atoi(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			seed = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (out == NULL && argv[i][0] != '-')
			out = argv[i];
		else
			usage();
	}
	if (out == NULL || o < 1 || o > 8 || q < 1 || q > 100)
		usage();
	up = scene(o >= 5 ? h : w, o >= 5 ? w : h, seed, tex);
	px = stored(up, o, w, h);
	if ((tj = tjInitCompress()) == NULL ||
	    tjCompress2(tj, px, w, 0, h, TJPF_RGB, &jpg, &jlen, TJSAMP_420, q,
	    0) != 0) {
		fprintf(stderr, "mkimg: %s\n", tjGetErrorStr2(tj));
		goto out;
	}
	exif_app1(&app, o, gps);
	buf_put(&file, jpg, 2);				/* SOI */
	buf_putc(&file, 0xff);
	buf_putc(&file, 0xe1);
	be16(&file, (unsigned)app.len + 2);
	buf_put(&file, app.data, app.len);
	buf_put(&file, jpg + 2, jlen - 2);
	rc = write_file(out, file.data, file.len);
out:
	if (tj != NULL)
		tjDestroy(tj);
	tjFree(jpg);
	buf_free(&app);
	buf_free(&file);
	free(up);
	free(px);
	return rc;
}

/* A bar chart: white, black axes, four bars in four colours. */
static void
chart(unsigned char *px, int w, int h)
{
	static const unsigned char col[4][3] = {
		{ 200, 30, 30 }, { 30, 120, 200 }, { 240, 180, 0 },
		{ 40, 160, 70 }
	};
	static const int height[4] = { 60, 85, 40, 70 };
	int		 x, y, k, bx;
	unsigned char	*p;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			p = px + ((size_t)y * w + x) * 3;
			memset(p, 255, 3);
			if (x == w / 10 || y == h * 9 / 10)
				memset(p, 0, 3);
			for (k = 0; k < 4; k++) {
				bx = w / 10 + w * (2 * k + 1) / 10;
				if (x >= bx && x < bx + w / 10 &&
				    y < h * 9 / 10 &&
				    y >= h * 9 / 10 - h * 8 / 10 * height[k] / 100)
					memcpy(p, col[k], 3);
			}
		}
}

static int
make_png(int argc, char **argv)
{
	struct img_pixels p;
	struct buf	 file = BUF_INIT;
	unsigned char	*rgb, *d;
	const char	*out = NULL;
	int		 w, h, alpha = 0, few = 0, i, x, y, rc = 1;
	long		 dx, dy, r2;

	if (argc < 3)
		usage();
	w = dim(argv[0]);
	h = dim(argv[1]);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-a") == 0)
			alpha = 1;
		else if (strcmp(argv[i], "-p") == 0)
			few = 1;
		else if (out == NULL && argv[i][0] != '-')
			out = argv[i];
		else
			usage();
	}
	if (out == NULL)
		usage();
	if (few) {
		rgb = xmalloc((size_t)w * h * 3);
		chart(rgb, w, h);
	} else
		rgb = scene(w, h, 7, 0);
	p.w = w;
	p.h = h;
	p.channels = alpha ? 4 : 3;
	p.px = rgb;
	if (alpha) {
		/* An ellipse: opaque inside, half-transparent rim,
		   transparent corners. */
		p.px = xmalloc((size_t)w * h * 4);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				d = p.px + ((size_t)y * w + x) * 4;
				memcpy(d, rgb + ((size_t)y * w + x) * 3, 3);
				dx = (long)(2 * x - w) * h;
				dy = (long)(2 * y - h) * w;
				r2 = (long)w * h;
				d[3] = dx * dx + dy * dy < r2 * r2 * 81 / 100 ?
				    255 : dx * dx + dy * dy < r2 * r2 ? 128 : 0;
			}
		free(rgb);
	}
	if (img_encode_png(&p, &file) == 0)
		rc = write_file(out, file.data, file.len);
	else
		fprintf(stderr, "mkimg: cannot encode PNG\n");
	buf_free(&file);
	free(p.px);
	return rc;
}

/* Mean brightness (Rec. 601 luma) of rows y0..y1 of p. */
static int
mean_rows(const struct img_pixels *p, int y0, int y1)
{
	unsigned long long sum = 0;
	const unsigned char *s;
	int		 x, y;

	for (y = y0; y < y1; y++)
		for (x = 0; x < p->w; x++) {
			s = p->px + ((size_t)y * p->w + x) * p->channels;
			sum += (299u * s[0] + 587u * s[1] + 114u * s[2]) / 1000;
		}
	return (int)(sum / ((unsigned long long)(y1 - y0) * p->w));
}

static int
check(const char *path)
{
	struct img_info	 info;
	struct img_pixels px;
	enum img_error	 e;
	FILE		*f;
	struct buf	 b = BUF_INIT;
	char		 chunk[65536];
	size_t		 n;
	int		 tenth;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "mkimg: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	memset(&info, 0, sizeof(info));
	if ((e = img_probe(b.data, b.len, SIZE_MAX, &info)) != IMG_OK ||
	    (e = img_decode(b.data, b.len, &info, 0, &px)) != IMG_OK) {
		fprintf(stderr, "mkimg: %s: %s\n", path, img_error_text(e));
		buf_free(&b);
		return 1;
	}
	tenth = px.h / 10 > 0 ? px.h / 10 : 1;
	printf("%d %d top=%d bottom=%d\n", px.w, px.h,
	    mean_rows(&px, 0, tenth), mean_rows(&px, px.h - tenth, px.h));
	img_free(&px);
	buf_free(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	if (strcmp(argv[1], "jpeg") == 0)
		return make_jpeg(argc - 2, argv + 2);
	if (strcmp(argv[1], "png") == 0)
		return make_png(argc - 2, argv + 2);
	if (strcmp(argv[1], "check") == 0 && argc == 3)
		return check(argv[2]);
	usage();
	return 2;
}
