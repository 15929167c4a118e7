/*
 * test_imgproc.c - photo variants made (imgproc.c): the bytes are those
 * of a decode, resize and encode done by hand; one decode an image; the
 * cache gives the same bytes, a damaged cache file is made again, the
 * sweep removes only this cache's unused files; a photo that fails to
 * decode is reported once, at its first use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "hash.h"
#include "image.h"
#include "images.h"
#include "imgproc.h"
#include "source.h"
#include "util.h"
#include "t.h"
#include "t_img.h"

static char	*tmp, *cache;

/* A JPEG of w x h at content/<name>; seed varies its blue. */
static void
put_jpeg(const char *name, int w, int h, int seed)
{
	char	*path = xasprintf("%s/content/%s", tmp, name);

	t_put_jpeg(path, w, h, seed, 90);
	free(path);
}

struct fx {
	struct images	 t;
	struct source	*src;
	struct diag	 d;
	struct imgproc	*ip;
};

static struct images_cfg *cfg_now;

static void
fx_open(struct fx *f, const char **names, size_t n, int cover)
{
	struct img_ref	 r;
	char		*p;
	size_t		 i;

	diag_init(&f->d);
	T_INTEQ(source_open(&f->src, tmp, NULL, &f->d), 0);
	images_init(&f->t, cfg_now);
	f->t.src = f->src;
	for (i = 0; i < n; i++) {
		p = xasprintf("content/%s", names[i]);
		T_INTEQ(images_use(&f->t, p, cover ? IMG_ROLE_COVER :
		    IMG_ROLE_BODY, NULL, "content/a.md", (int)i + 1, 1, &r,
		    &f->d), 0);
		free(p);
	}
	images_finish(&f->t);
	f->ip = imgproc_new(&f->t, f->src, cache);
}

static void
fx_close(struct fx *f)
{
	imgproc_free(f->ip);
	images_free(&f->t);
	source_free(f->src);
	diag_free(&f->d);
}

/* What variant v should be, made by hand from the source file. */
static void
by_hand(const struct image *im, const struct img_var *v, struct buf *out)
{
	struct buf	 src = BUF_INIT;
	struct img_pixels px, r;
	char		*path = xasprintf("%s/%s", tmp, im->src);

	memset(&px, 0, sizeof(px));
	memset(&r, 0, sizeof(r));
	T_INTEQ(fs_read(path, 1 << 26, &src), 0);
	T_INTEQ(img_decode(src.data, src.len, &im->info, 0, &px), IMG_OK);
	T_INTEQ(img_resize(&px, v->cx, v->cy, v->cw, v->ch, v->w, v->h, &r),
	    0);
	T_INTEQ(img_encode_jpeg(&r, IMAGES_QUALITY, out), 0);
	img_free(&px);
	img_free(&r);
	buf_free(&src);
	free(path);
}

/* Decoded and cached counts so far. */
static void
counts(const struct fx *f, size_t dec, size_t cached)
{
	size_t	 d, c;

	imgproc_stats(f->ip, &d, &c);
	T_INTEQ(d, dec);
	T_INTEQ(c, cached);
}

static void
test_make(void)
{
	const char	*names[] = { "a.jpg" };
	struct fx	 f;
	struct buf	 got = BUF_INIT, want = BUF_INIT, again = BUF_INIT;
	const struct image *im;
	size_t		 k;

	put_jpeg("a.jpg", 800, 600, 1);
	fx_open(&f, names, 1, 1);
	im = f.t.v[0];
	T_OK(im->nvars >= 4);	/* 480, 800, two thumbs (320, 640), card */
	/* The first record decodes; the others read the cache. */
	for (k = 0; k < im->nvars; k++) {
		buf_reset(&got);
		T_INTEQ(imgproc_make(f.ip, im, k, &got, &f.d), 0);
		T_OK(got.len > 100 && (unsigned char)got.data[0] == 0xFF &&
		    (unsigned char)got.data[1] == 0xD8);
		/* The thumbnails and card are made from a smaller decode
		   than by_hand's, so only the widths are compared. */
		if (im->vars[k].kind == IMG_VAR_WIDTH && im->vars[k].w == 800) {
			buf_reset(&want);
			by_hand(im, &im->vars[k], &want);
			T_OK(got.len == want.len &&
			    memcmp(got.data, want.data, got.len) == 0);
		}
		if (k == 0)
			buf_put(&again, got.data, got.len);
	}
	counts(&f, 1, im->nvars - 1);
	T_INTEQ(f.d.len, 0);
	fx_close(&f);

	/* Another build: every variant from the cache, the same bytes. */
	fx_open(&f, names, 1, 1);
	buf_reset(&got);
	T_INTEQ(imgproc_make(f.ip, f.t.v[0], 0, &got, &f.d), 0);
	T_OK(got.len == again.len && memcmp(got.data, again.data,
	    got.len) == 0);
	counts(&f, 0, 1);
	fx_close(&f);
	buf_free(&got);
	buf_free(&want);
	buf_free(&again);
}

/* A damaged cache file is not published: the photo is decoded again. */
static void
test_damaged(void)
{
	const char	*names[] = { "a.jpg" };
	struct fx	 f;
	struct buf	 got = BUF_INIT, b = BUF_INIT;
	char		 hex[17], *p;

	fx_open(&f, names, 1, 1);
	hash_hex(f.t.v[0]->vars[0].key, hex);
	p = xasprintf("%s/images/%s.jpg", cache, hex);
	T_INTEQ(fs_read(p, 1 << 24, &b), 0);
	b.data[b.len / 2] ^= 0x55;
	T_INTEQ(fs_write(p, b.data, b.len), 0);
	T_INTEQ(imgproc_make(f.ip, f.t.v[0], 0, &got, &f.d), 0);
	counts(&f, 1, 0);
	T_OK(got.len + 16 == b.len);	/* the bytes, without the trailer */
	fx_close(&f);
	free(p);
	buf_free(&b);
	buf_free(&got);
}

/* The sweep keeps this build's variants and files that are not ours. */
static void
test_sweep(void)
{
	const char	*one[] = { "a.jpg" }, *two[] = { "a.jpg", "b.jpg" };
	struct fx	 f;
	struct buf	 got = BUF_INIT;
	char		 hex[17], *pa, *pb, *other;
	size_t		 k;

	put_jpeg("b.jpg", 640, 480, 2);
	fx_open(&f, two, 2, 0);
	for (k = 0; k < f.t.v[1]->nvars; k++) {
		buf_reset(&got);
		T_INTEQ(imgproc_make(f.ip, f.t.v[1], k, &got, &f.d), 0);
	}
	hash_hex(f.t.v[1]->vars[0].key, hex);
	pb = xasprintf("%s/images/%s.jpg", cache, hex);
	hash_hex(f.t.v[0]->vars[0].key, hex);
	pa = xasprintf("%s/images/%s.jpg", cache, hex);
	fx_close(&f);
	other = xasprintf("%s/images/ghi-chu.txt", cache);
	T_INTEQ(fs_write(other, "x", 1), 0);
	T_OK(fs_is_file(pa) && fs_is_file(pb));

	fx_open(&f, one, 1, 0);
	imgproc_sweep(f.ip);
	fx_close(&f);
	T_OK(fs_is_file(pa));
	T_OK(!fs_is_file(pb));
	T_OK(fs_is_file(other));
	free(pa);
	free(pb);
	free(other);
	buf_free(&got);
}

/*
 * A file's name promises its bytes: the same key, the same bytes, made
 * in any company.  With keep_original the photo is also decoded at full
 * size; its widths must not be made from that decode (they were, and
 * the 480 of one name had two contents).
 */
static void
test_same_key_same_bytes(void)
{
	static struct images_cfg orig = { 1, IMAGES_MAX_PIXELS, IMAGES_QUALITY };
	const char	*names[] = { "d.jpg" };
	struct fx	 f;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	uint64_t	 key;
	char		*dir = cache;

	put_jpeg("d.jpg", 1800, 1200, 4);
	cache = NULL;		/* no cache: both decode */
	fx_open(&f, names, 1, 0);
	T_OK(f.t.v[0]->nwidths == 3 && f.t.v[0]->vars[0].w == 480);
	key = f.t.v[0]->vars[0].key;
	T_INTEQ(imgproc_make(f.ip, f.t.v[0], 0, &a, &f.d), 0);
	fx_close(&f);
	cfg_now = &orig;
	fx_open(&f, names, 1, 0);
	T_INTEQ(f.t.v[0]->nvars, 4);
	T_OK(f.t.v[0]->vars[0].key == key);
	T_INTEQ(imgproc_make(f.ip, f.t.v[0], 3, &b, &f.d), 0);	/* original */
	buf_reset(&b);
	T_INTEQ(imgproc_make(f.ip, f.t.v[0], 0, &b, &f.d), 0);
	T_OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	fx_close(&f);
	cfg_now = NULL;
	cache = dir;
	buf_free(&a);
	buf_free(&b);
}

/* A photo that fails to decode: one message, at its first use. */
static void
test_fails(void)
{
	const char	*names[] = { "c.jpg" };
	struct fx	 f;
	struct buf	 b = BUF_INIT, got = BUF_INIT;
	char		*p = xasprintf("%s/content/c.jpg", tmp), *m;
	size_t		 k;

	put_jpeg("c.jpg", 700, 500, 3);
	T_INTEQ(fs_read(p, 1 << 24, &b), 0);
	/* Garbage in the middle of the scan, the end marker kept. */
	memset(b.data + b.len / 2, 0x00, 64);
	b.data[b.len / 2 + 10] = (char)0xFF;
	b.data[b.len / 2 + 11] = (char)0xC4;
	T_INTEQ(fs_write(p, b.data, b.len), 0);
	fx_open(&f, names, 1, 0);
	/* Its header and end marker are whole: only the decoder can tell. */
	T_INTEQ(f.t.v[0]->err, IMG_OK);
	for (k = 0; k < f.t.v[0]->nvars; k++) {
		buf_reset(&got);
		T_INTEQ(imgproc_make(f.ip, f.t.v[0], k, &got, &f.d), -1);
	}
	T_INTEQ(f.d.len, 1);
	if (f.d.len > 0) {
		buf_reset(&b);
		diag_format(&f.d.msgs[0], &b);
		m = buf_detach(&b);
		T_CONTAINS(m, "content/a.md:1:1: lỗi: ảnh “content/c.jpg”");
		free(m);
	}
	fx_close(&f);
	free(p);
	buf_free(&b);
	buf_free(&got);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/cchc-imgproc-XXXXXX";
	char	*content;

	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 1;
	content = fs_join(tmp, "content");
	cache = fs_join(tmp, ".cchc-cache");
	T_INTEQ(fs_mkdirs(content), 0);
	free(content);
	test_make();
	test_damaged();
	test_sweep();
	test_same_key_same_bytes();
	test_fails();
	if (t_fail == 0)
		fs_rmtree(tmp);
	free(cache);
	return t_done("imgproc");
}
