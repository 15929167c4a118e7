/*
 * t_img.h - photos for unit tests, made from a formula, encoded with
 * image.c's own encoders and written to a file (the test fails on any
 * error).  Include after t.h, with image.h, buf.h, fs.h and util.h.
 *
 *   t_put_jpeg(path, w, h, seed, quality): a gradient, like a photo;
 *     blue is (x * y + seed) & 0xff, or 128 for a negative seed.
 *   t_put_png(path, w, h): many colours (more than 256, so that a
 *     variant of it stays a PNG only for its format, not its palette).
 */
#ifndef CCHC_T_IMG_H
#define CCHC_T_IMG_H

static inline void
t_put_pixels(const char *path, struct img_pixels *px, int png, int quality)
{
	struct buf	 b = BUF_INIT;

	if (png)
		T_INTEQ(img_encode_png(px, &b), 0);
	else
		T_INTEQ(img_encode_jpeg(px, quality, &b), 0);
	T_INTEQ(fs_write(path, b.data, b.len), 0);
	free(px->px);
	px->px = NULL;
	buf_free(&b);
}

static inline void
t_put_jpeg(const char *path, int w, int h, int seed, int quality)
{
	struct img_pixels px;
	int		 x, y;

	px.w = w;
	px.h = h;
	px.channels = 3;
	px.px = xmalloc((size_t)w * h * 3);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *p = px.px + ((size_t)y * w + x) * 3;

			p[0] = (unsigned char)(x * 255 / w);
			p[1] = (unsigned char)(y * 255 / h);
			p[2] = seed < 0 ? 128 : (unsigned char)((x * y + seed) & 0xff);
		}
	t_put_pixels(path, &px, 0, quality);
}

static inline void
t_put_png(const char *path, int w, int h)
{
	struct img_pixels px;
	size_t		 i, n = (size_t)w * h * 3;

	px.w = w;
	px.h = h;
	px.channels = 3;
	px.px = xmalloc(n);
	for (i = 0; i < n; i++)
		px.px[i] = (unsigned char)(i * 37 % 251);
	t_put_pixels(path, &px, 1, 0);
}

#endif
