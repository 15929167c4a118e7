/*
 * imgspeed.c - what making a phone photo's web widths costs, one thread.
 *
 *   make imgspeed && build/imgspeed [-n N] [photo.jpg ...]
 *
 * Without files it makes N (20) synthetic 4000x3000 JPEGs (fixed-seed
 * noise, shapes and a blur, quality 92: 2-3 MB like a phone's) and times
 * three ways to the widths 1600, 960 and 480 (JPEG quality 80):
 *   a  stb_image full decode, stbir from full size to each width
 *   b  TurboJPEG 1/2 decode (image.c), 1600 from it, 960 and 480 from
 *      the 1600 (img_cascade)
 *   c  TurboJPEG 1/2 decode, each width from the 1/2 decode
 * then, briefly: JPEG quality 80/82/85 bytes at 960, baseline against
 * progressive, the fast against the accurate DCT, and stbir's filters.
 * Times are CPU seconds of this one-thread process (clock_gettime
 * CLOCK_PROCESS_CPUTIME_ID), so that other jobs on the machine weigh
 * less.  Results go to bench/README.md, "Images: decode and resize".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <stb_image.h>
#include <stb_image_resize.h>
#include <turbojpeg.h>

#include "buf.h"
#include "fs.h"
#include "image.h"
#include "util.h"

#define NW	3
static const int widths[NW] = { 1600, 960, 480 };

struct times {
	double	 dec, res, enc;
	size_t	 bytes;
};

static double
now(void)
{
	struct timespec	 ts;

	/*
	 * CPU time of this (single-threaded) process: the machine is shared
	 * with other jobs, whose load would inflate wall-clock time.
	 */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t rng = 2024;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Horizontal and vertical 3-tap box blur, in place. */
static void
blur(unsigned char *px, int w, int h)
{
	unsigned char	*row = xmalloc((size_t)w * 3), *col;
	int		 x, y, k;

	for (y = 0; y < h; y++) {
		unsigned char *r = px + (size_t)y * w * 3;

		memcpy(row, r, (size_t)w * 3);
		for (x = 1; x < w - 1; x++)
			for (k = 0; k < 3; k++)
				r[3 * x + k] = (unsigned char)((row[3 * x - 3 + k] +
				    row[3 * x + k] + row[3 * x + 3 + k]) / 3);
	}
	free(row);
	col = xmalloc((size_t)w * 3 * 2);
	for (y = 1; y < h - 1; y++) {
		unsigned char *r = px + (size_t)y * w * 3;

		/* col holds the previous row before it was blurred */
		if (y == 1)
			memcpy(col, r - (size_t)w * 3, (size_t)w * 3);
		memcpy(col + (size_t)w * 3, r, (size_t)w * 3);
		for (x = 0; x < w * 3; x++)
			r[x] = (unsigned char)((col[x] + r[x] + r[x + w * 3]) / 3);
		memcpy(col, col + (size_t)w * 3, (size_t)w * 3);
	}
	free(col);
}

/* A photo-like test image: gradients, discs, rectangles, grain. */
static void
synth(int w, int h, struct buf *jpeg)
{
	struct img_pixels p = { NULL, w, h, 3 };
	int		 x, y, k, s, cx, cy, r, col[3], base[6];
	unsigned char	*q, *o = NULL;
	unsigned long	 sz = 0;
	tjhandle	 c;

	p.px = xmalloc((size_t)w * h * 3);
	for (k = 0; k < 6; k++)
		base[k] = (int)(rnd() % 200);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			q = p.px + ((size_t)y * w + x) * 3;
			for (k = 0; k < 3; k++)
				q[k] = (unsigned char)(base[k] +
				    (base[k + 3] - base[k]) * y / h / 2 + 30);
		}
	/* 60 large shapes, then 6000 small ones: detail at every width */
	for (s = 0; s < 6060; s++) {
		cx = (int)(rnd() % (unsigned)w);
		cy = (int)(rnd() % (unsigned)h);
		r = s < 60 ? 40 + (int)(rnd() % 500) : 3 + (int)(rnd() % 40);
		for (k = 0; k < 3; k++)
			col[k] = (int)(rnd() % 256);
		for (y = cy - r < 0 ? 0 : cy - r; y < h && y < cy + r; y++)
			for (x = cx - r < 0 ? 0 : cx - r; x < w && x < cx + r;
			    x++) {
				if (s % 2 && (x - cx) * (x - cx) +
				    (y - cy) * (y - cy) > r * r)
					continue;
				q = p.px + ((size_t)y * w + x) * 3;
				for (k = 0; k < 3; k++)
					q[k] = (unsigned char)((q[k] + col[k] *
					    3) / 4);
			}
	}
	for (x = 0; x < w * h * 3; x++) {
		k = p.px[x] + (int)(rnd() % 41) - 20;
		p.px[x] = (unsigned char)(k < 0 ? 0 : k > 255 ? 255 : k);
	}
	blur(p.px, w, h);
	/* Baseline 4:2:0 like a phone's (image.c writes progressive). */
	c = tjInitCompress();
	if (tjCompress2(c, p.px, w, 0, h, TJPF_RGB, &o, &sz, TJSAMP_420, 92,
	    0) != 0)
		xdie("imgspeed: %s", tjGetErrorStr2(c));
	buf_put(jpeg, o, sz);
	tjFree(o);
	tjDestroy(c);
	img_free(&p);
}

/*
 * One JPEG with a fresh handle: TurboJPEG 2.1.5 carries state from a
 * progressive call into the next baseline one on the same handle (its
 * output shrank by a third), as image.c never does.
 */
static unsigned long
enc_size(const unsigned char *px, int w, int h, int q, int flags,
    double *secs)
{
	tjhandle	 c = tjInitCompress();
	unsigned char	*o = NULL;
	unsigned long	 sz = 0;
	double		 t0 = now();

	if (tjCompress2(c, px, w, 0, h, TJPF_RGB, &o, &sz, TJSAMP_420, q,
	    flags) != 0)
		xdie("imgspeed: %s", tjGetErrorStr2(c));
	if (secs != NULL)
		*secs += now() - t0;
	tjFree(o);
	tjDestroy(c);
	return sz;
}

static int
height_for(int sw, int sh, int w)
{
	return (int)(((int64_t)sh * w + sw / 2) / sw);
}

static void
encode_all(struct img_pixels *v, struct times *t)
{
	struct buf	 out = BUF_INIT;
	double		 t0 = now();
	int		 i;

	for (i = 0; i < NW; i++) {
		buf_reset(&out);
		if (img_encode_jpeg(&v[i], 80, &out) != 0)
			xdie("imgspeed: encode failed");
		t->bytes += out.len;
	}
	t->enc += now() - t0;
	buf_free(&out);
}

/* a: stb_image full decode, each width from full size. */
static void
way_a(const struct buf *j, struct times *t, struct img_pixels *v)
{
	struct img_pixels full = { NULL, 0, 0, 3 };
	int		 comp, i;
	double		 t0 = now();

	full.px = stbi_load_from_memory((const unsigned char *)j->data,
	    (int)j->len, &full.w, &full.h, &comp, 3);
	if (full.px == NULL)
		xdie("imgspeed: stb could not decode");
	t->dec += now() - t0;
	t0 = now();
	for (i = 0; i < NW; i++) {
		v[i].w = widths[i];
		v[i].h = height_for(full.w, full.h, widths[i]);
		v[i].channels = 3;
		v[i].px = xmalloc((size_t)v[i].w * v[i].h * 3);
		stbir_resize_uint8_srgb(full.px, full.w, full.h, 0, v[i].px,
		    v[i].w, v[i].h, 0, 3, STBIR_ALPHA_CHANNEL_NONE, 0);
	}
	t->res += now() - t0;
	img_free(&full);
	encode_all(v, t);
}

/* b (cascade) and c (each from the 1/2 decode), through image.c. */
static void
way_bc(const struct buf *j, int cascade, struct times *t,
    struct img_pixels *v)
{
	struct img_info	 info;
	struct img_pixels half;
	double		 t0 = now();
	int		 i;

	if (img_probe(j->data, j->len, 50000000, &info) != IMG_OK ||
	    img_decode(j->data, j->len, &info, widths[0], &half) != IMG_OK)
		xdie("imgspeed: image.c could not decode");
	t->dec += now() - t0;
	t0 = now();
	if (cascade) {
		if (img_cascade(&half, widths, NW, v) != 0)
			xdie("imgspeed: cascade failed");
	} else
		for (i = 0; i < NW; i++)
			if (img_resize(&half, 0, 0, half.w, half.h, widths[i],
			    height_for(half.w, half.h, widths[i]), &v[i]) != 0)
				xdie("imgspeed: resize failed");
	t->res += now() - t0;
	img_free(&half);
	encode_all(v, t);
}

static double
mad(const struct img_pixels *a, const struct img_pixels *b)
{
	size_t		 i, n = (size_t)a->w * a->h * 3;
	double		 s = 0;

	if (a->w != b->w || a->h != b->h)
		return -1;
	for (i = 0; i < n; i++)
		s += abs(a->px[i] - b->px[i]);
	return s / (double)n;
}

static void
report(const char *name, const struct times *t, int n)
{
	printf("%-44s %6.3f s/photo: decode %.3f, resize %.3f, encode %.3f;"
	    " %5.1f MB\n", name, (t->dec + t->res + t->enc) / n, t->dec / n,
	    t->res / n, t->enc / n, (double)t->bytes / 1e6);
}

/* Extras on one 1/2 decode: quality, progressive, DCT, filters. */
static void
extras(struct buf *jpegs, int n)
{
	static const int q[3] = { 80, 82, 85 };
	static const struct { const char *name; int f; } filt[] = {
		{ "triangle", STBIR_FILTER_TRIANGLE },
		{ "catmull-rom", STBIR_FILTER_CATMULLROM },
		{ "mitchell", STBIR_FILTER_MITCHELL },
		{ "cubic b-spline", STBIR_FILTER_CUBICBSPLINE }
	};
	size_t		 qbytes[3] = { 0 }, prog = 0, base = 0;
	double		 dec[2] = { 0 }, enc[2] = { 0 }, pt[2] = { 0 },
			 ft[4] = { 0 }, ot = 0;
	tjhandle	 d = tjInitDecompress();
	tjscalingfactor	 half = { 1, 2 };
	unsigned char	*px, *v960;
	int		 i, k, w, h, sub, cs, w2, h2, fast;
	double		 t0;

	for (i = 0; i < n; i++) {
		tjDecompressHeader3(d, (unsigned char *)jpegs[i].data,
		    jpegs[i].len, &w, &h, &sub, &cs);
		w2 = TJSCALED(w, half);
		h2 = TJSCALED(h, half);
		px = xmalloc((size_t)w2 * h2 * 3);
		for (fast = 0; fast < 2; fast++) {
			t0 = now();
			tjDecompress2(d, (unsigned char *)jpegs[i].data,
			    jpegs[i].len, px, w2, 0, h2, TJPF_RGB,
			    fast ? TJFLAG_FASTDCT : 0);
			dec[fast] += now() - t0;
		}
		{
			struct img_pixels in = { px, w2, h2, 3 }, up;

			t0 = now();
			img_orient(&in, 6, &up);
			ot += now() - t0;
			img_free(&up);
		}
		v960 = xmalloc((size_t)960 * 720 * 3);
		for (k = 3; k >= 0; k--) {	/* Mitchell's output last */
			t0 = now();
			stbir_resize_uint8_generic(px, w2, h2, 0, v960, 960,
			    height_for(w2, h2, 960), 0, 3, -1, 0,
			    STBIR_EDGE_CLAMP, filt[k].f,
			    STBIR_COLORSPACE_SRGB, NULL);
			ft[k] += now() - t0;
		}
		for (k = 0; k < 3; k++)
			qbytes[k] += enc_size(v960, 960, 720, q[k], 0, NULL);
		base += enc_size(v960, 960, 720, 80, 0, &pt[0]);
		prog += enc_size(v960, 960, 720, 80, TJFLAG_PROGRESSIVE,
		    &pt[1]);
		for (fast = 0; fast < 2; fast++)
			enc_size(px, w2, h2, 80, fast ? TJFLAG_FASTDCT :
			    TJFLAG_ACCURATEDCT, &enc[fast]);
		free(v960);
		free(px);
	}
	printf("960 wide, bytes per photo: q80 %zu, q82 %zu (%+.1f %%), "
	    "q85 %zu (%+.1f %%)\n", qbytes[0] / n, qbytes[1] / n,
	    100.0 * ((double)qbytes[1] / (double)qbytes[0] - 1), qbytes[2] / n,
	    100.0 * ((double)qbytes[2] / (double)qbytes[0] - 1));
	printf("960 wide q80: baseline %zu B %.4f s, progressive %zu B "
	    "(%+.1f %%) %.4f s\n", base / n, pt[0] / n, prog / n,
	    100.0 * ((double)prog / (double)base - 1), pt[1] / n);
	printf("1/2 decode: accurate DCT %.4f s, fast %.4f s; encode "
	    "2000x1500: accurate %.4f s, fast %.4f s (per photo)\n",
	    dec[0] / n, dec[1] / n, enc[0] / n, enc[1] / n);
	printf("img_orient 6 (90 CW) of the 2000x1500 decode: %.4f s\n",
	    ot / n);
	printf("resize 2000 -> 960 per photo:");
	for (k = 0; k < 4; k++)
		printf(" %s %.4f s%s", filt[k].name, ft[k] / n,
		    k < 3 ? "," : "\n");
	tjDestroy(d);
}

int
main(int argc, char **argv)
{
	struct times	 t[3];
	struct img_pixels va[NW], vb[NW], vc[NW];
	struct buf	*jpegs;
	size_t		 total = 0;
	double		 dab = 0, dac = 0;
	int		 n = 20, i, k, a = 1;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		n = atoi(argv[2]);
		a = 3;
	}
	if (a < argc)
		n = argc - a;
	if (n < 1)
		xdie("usage: imgspeed [-n N] [photo.jpg ...]");
	jpegs = xcalloc((size_t)n, sizeof(*jpegs));
	for (i = 0; i < n; i++) {
		if (a < argc) {
			if (fs_read(argv[a + i], (size_t)1 << 30, &jpegs[i]) != 0)
				xdie("imgspeed: cannot read %s", argv[a + i]);
		} else
			synth(4000, 3000, &jpegs[i]);
		total += jpegs[i].len;
	}
	printf("%d photos, %.1f MB of JPEG (%.2f MB each)\n", n,
	    (double)total / 1e6, (double)total / 1e6 / n);
	memset(t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		way_a(&jpegs[i], &t[0], va);
		way_bc(&jpegs[i], 1, &t[1], vb);
		way_bc(&jpegs[i], 0, &t[2], vc);
		dab += mad(&va[NW - 1], &vb[NW - 1]);
		dac += mad(&va[NW - 1], &vc[NW - 1]);
		for (k = 0; k < NW; k++) {
			img_free(&va[k]);
			img_free(&vb[k]);
			img_free(&vc[k]);
		}
	}
	report("a: stb full decode, each width from full", &t[0], n);
	report("b: tj 1/2 decode, cascade 1600>960>480", &t[1], n);
	report("c: tj 1/2 decode, each width from 1/2", &t[2], n);
	printf("480 variant, mean absolute difference per channel "
	    "(0..255) from a: b %.2f, c %.2f\n", dab / n, dac / n);
	extras(jpegs, n);
	for (i = 0; i < n; i++)
		buf_free(&jpegs[i]);
	free(jpegs);
	return 0;
}
