/*
 * test_images.c - the site's photos and the variants each is published
 * as (images.c): which widths, crops and names, the errors at the line
 * that uses a photo, focus parsing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "image.h"
#include "images.h"
#include "source.h"
#include "util.h"
#include "t.h"
#include "t_img.h"

static char	*tmp;

/* A JPEG of w x h (a gradient) at content/<name>. */
static void
put_jpeg(const char *name, int w, int h)
{
	char	*path = xasprintf("%s/content/%s", tmp, name);

	t_put_jpeg(path, w, h, -1, 80);
	free(path);
}

static void
put_bytes(const char *name, const char *bytes, size_t n)
{
	char	*path = xasprintf("%s/content/%s", tmp, name);

	T_INTEQ(fs_write(path, bytes, n), 0);
	free(path);
}

struct fixture {
	struct images	 t;
	struct source	*src;
	struct diag	 d;
};

static void
fx_open(struct fixture *f, const struct images_cfg *cfg)
{
	diag_init(&f->d);
	T_INTEQ(source_open(&f->src, tmp, NULL, &f->d), 0);
	images_init(&f->t, cfg);
	f->t.src = f->src;
}

static void
fx_close(struct fixture *f)
{
	images_free(&f->t);
	source_free(f->src);
	diag_free(&f->d);
}

/* The widths of an image, as "480 800 1600". */
static char *
widths(const struct image *im)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < im->nwidths; i++)
		buf_printf(&b, "%s%d", i ? " " : "", im->vars[i].w);
	return buf_detach(&b);
}

static void
test_raster(void)
{
	T_OK(images_is_raster("content/a.jpg"));
	T_OK(images_is_raster("content/a.JPEG"));
	T_OK(images_is_raster("content/a.png"));
	T_OK(images_is_raster("content/IMG_0001.HEIC"));
	T_OK(images_is_raster("content/a.webp"));
	T_OK(!images_is_raster("content/a.svg"));
	T_OK(!images_is_raster("content/a.pdf"));
	T_OK(!images_is_raster("content/jpg"));
	T_OK(!images_is_raster("content/a.jpg/b"));
}

static void
test_focus(void)
{
	struct img_focus f;

	T_INTEQ(images_parse_focus("trái", &f), 0);
	T_INTEQ(f.x, 0);
	T_INTEQ(f.y, 50);
	T_INTEQ(images_parse_focus("dưới", &f), 0);
	T_INTEQ(f.y, 100);
	T_INTEQ(images_parse_focus("top", &f), 0);
	T_INTEQ(f.y, 0);
	T_INTEQ(images_parse_focus("30% 60%", &f), 0);
	T_INTEQ(f.x, 30);
	T_INTEQ(f.y, 60);
	T_INTEQ(images_parse_focus("30%60%", &f), 0);
	T_INTEQ(images_parse_focus("101% 0%", &f), -1);
	T_INTEQ(images_parse_focus("30%", &f), -1);
	T_INTEQ(images_parse_focus("giua", &f), -1);
	T_INTEQ(images_parse_focus("50% 50% x", &f), -1);
	T_INTEQ(images_parse_focus("", &f), -1);
}

/* Widths: the steps the photo covers, its own width when well between. */
static void
test_widths(void)
{
	struct fixture	 f;
	struct img_ref	 r;
	char		*w;

	put_jpeg("lon.jpg", 2000, 1500);
	put_jpeg("vua.jpg", 1000, 750);
	put_jpeg("gan.jpg", 870, 500);
	put_jpeg("nho.jpg", 300, 200);
	put_jpeg("Ảnh Hội nghị.jpg", 600, 400);
	put_jpeg("dung.jpg", 1500, 2000);
	fx_open(&f, NULL);

	T_INTEQ(images_use(&f.t, "content/lon.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 3, 1, &r, &f.d), 0);
	T_STREQ((w = widths(r.img)), "480 800 1600");
	free(w);
	T_INTEQ(r.src->w, 800);
	T_INTEQ(r.src->h, 600);
	T_INTEQ(r.large->w, 1600);
	T_INTEQ(r.large->h, 1200);
	T_OK(str_has_prefix(r.src->path, "anh/lon-800."));
	T_OK(str_has_suffix(r.src->path, ".jpg"));
	T_INTEQ(strlen(r.src->path), strlen("anh/lon-800.0123456789.jpg"));

	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 4, 1, &r, &f.d), 0);
	T_STREQ((w = widths(r.img)), "480 800 1000");
	free(w);
	/* 870 is within a tenth of 800: not a size of its own. */
	T_INTEQ(images_use(&f.t, "content/gan.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 5, 1, &r, &f.d), 0);
	T_STREQ((w = widths(r.img)), "480 800");
	free(w);
	/* Never enlarged: a small photo is published at its own width. */
	T_INTEQ(images_use(&f.t, "content/nho.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 6, 1, &r, &f.d), 0);
	T_STREQ((w = widths(r.img)), "300");
	free(w);
	T_INTEQ(r.src->h, 200);
	/* Portrait: the long side stops at 1600. */
	T_INTEQ(images_use(&f.t, "content/dung.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 8, 1, &r, &f.d), 0);
	T_STREQ((w = widths(r.img)), "480 800 1200");
	free(w);
	T_INTEQ(r.large->h, 1600);
	/* The stem is the file name's slug. */
	T_INTEQ(images_use(&f.t, "content/Ảnh Hội nghị.jpg", IMG_ROLE_BODY,
	    NULL, "content/a.md", 7, 1, &r, &f.d), 0);
	T_OK(str_has_prefix(r.src->path, "anh/anh-hoi-nghi-600."));
	T_INTEQ(f.d.len, 0);
	/* The same path is the same image, whoever uses it. */
	T_INTEQ(images_use(&f.t, "content/lon.jpg", IMG_ROLE_BODY, NULL,
	    "content/b.md", 1, 1, &r, &f.d), 0);
	T_INTEQ(f.t.n, 6);
	fx_close(&f);
}

/* Covers get 3:2 thumbnails and a 1200x630 card, around the focus. */
static void
test_crops(void)
{
	struct fixture	 f;
	struct img_ref	 r;
	struct img_focus left = { 0, 50 };
	const struct img_var *t0, *t1, *so;
	struct image	*im;

	fx_open(&f, NULL);
	T_INTEQ(images_use(&f.t, "content/lon.jpg", IMG_ROLE_COVER, &left,
	    "content/b.md", 4, 8, &r, &f.d), 0);
	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/b.md", 9, 1, &r, &f.d), 0);
	images_finish(&f.t);
	im = images_find(&f.t, "content/lon.jpg");
	T_OK(im != NULL);
	if (im == NULL)
		goto out;
	t0 = images_var(im, IMG_VAR_THUMB, 0);
	t1 = images_var(im, IMG_VAR_THUMB, 1);
	so = images_var(im, IMG_VAR_SOCIAL, 0);
	T_OK(t0 != NULL && t1 != NULL && so != NULL);
	if (t0 == NULL || t1 == NULL || so == NULL)
		goto out;
	T_INTEQ(t0->w, 320);
	T_INTEQ(t0->h, 213);
	T_INTEQ(t1->w, 640);
	T_INTEQ(t1->h, 427);
	/* 2000x1500 at 3:2: the whole width, 1333 rows, centred down. */
	T_INTEQ(t0->cw, 2000);
	T_INTEQ(t0->ch, 1333);
	T_INTEQ(t0->cy, (1500 - 1333 + 1) / 2);	/* 83.5, rounded up */
	T_INTEQ(so->w, 1200);
	T_INTEQ(so->h, 630);
	T_INTEQ(so->cw, 2000);
	T_INTEQ(so->ch, 1050);
	T_OK(str_has_prefix(t0->path, "anh/lon-320x213."));
	T_OK(str_has_prefix(so->path, "anh/lon-1200x630."));
	/* A body image has no crops. */
	im = images_find(&f.t, "content/vua.jpg");
	T_OK(im != NULL && images_var(im, IMG_VAR_THUMB, 0) == NULL);
	/* Sorted by path, numbered. */
	T_STREQ(f.t.v[0]->src, "content/lon.jpg");
	T_INTEQ(f.t.v[1]->ord, 1);
out:
	fx_close(&f);

	/* A portrait photo, focus at the top: the crop starts at row 0. */
	put_jpeg("doc.jpg", 600, 1200);
	fx_open(&f, NULL);
	left.x = 50;
	left.y = 0;
	T_INTEQ(images_use(&f.t, "content/doc.jpg", IMG_ROLE_COVER, &left,
	    "content/c.md", 4, 8, &r, &f.d), 0);
	images_finish(&f.t);
	t0 = images_var(r.img, IMG_VAR_THUMB, 0);
	T_OK(t0 != NULL && t0->cy == 0 && t0->cw == 600 && t0->ch == 400);
	/* 600 wide: one thumbnail (320), the second would enlarge. */
	T_OK(images_var(r.img, IMG_VAR_THUMB, 1) != NULL &&
	    images_var(r.img, IMG_VAR_THUMB, 1)->w == 600);
	so = images_var(r.img, IMG_VAR_SOCIAL, 0);
	T_OK(so != NULL && so->w == 600 && so->h == 315);
	fx_close(&f);
}

/* Keys change with the bytes and the settings, not with the use. */
static void
test_keys(void)
{
	struct images_cfg cfg = { 0, IMAGES_MAX_PIXELS, 80 };
	struct fixture	 f;
	struct img_ref	 r;
	uint64_t	 k80, k90, korig;

	fx_open(&f, &cfg);
	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/a.md", 1, 1, &r, &f.d), 0);
	k80 = r.src->key;
	fx_close(&f);
	cfg.quality = 90;
	fx_open(&f, &cfg);
	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/z.md", 9, 9, &r, &f.d), 0);
	k90 = r.src->key;
	T_OK(k80 != k90);
	fx_close(&f);
	cfg.quality = 80;
	fx_open(&f, &cfg);
	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/z.md", 9, 9, &r, &f.d), 0);
	T_OK(r.src->key == k80);
	fx_close(&f);
	/* Other bytes at the same path: another key. */
	put_jpeg("vua.jpg", 1000, 751);
	fx_open(&f, &cfg);
	T_INTEQ(images_use(&f.t, "content/vua.jpg", IMG_ROLE_BODY, NULL,
	    "content/z.md", 9, 9, &r, &f.d), 0);
	T_OK(r.src->key != k80);
	fx_close(&f);
	/* keep_original: the whole photo too, after the widths. */
	cfg.keep_original = 1;
	fx_open(&f, &cfg);
	T_INTEQ(images_use(&f.t, "content/lon.jpg", IMG_ROLE_BODY, NULL,
	    "content/z.md", 9, 9, &r, &f.d), 0);
	T_INTEQ(r.img->nvars, 4);
	T_INTEQ(r.img->vars[3].kind, IMG_VAR_ORIGINAL);
	T_INTEQ(r.img->vars[3].w, 2000);
	korig = r.img->vars[3].key;
	T_OK(korig != r.img->vars[2].key);
	T_OK(strstr(r.img->vars[3].path, "anh/lon.") == r.img->vars[3].path);
	fx_close(&f);
}

/* The message of d's first entry, formatted. */
static char *
first_msg(const struct diag *d)
{
	struct buf	 b = BUF_INIT;

	if (d->len > 0)
		diag_format(&d->msgs[0], &b);
	return buf_detach(&b);
}

static void
bad(const char *name, const char *want)
{
	struct fixture	 f;
	struct img_ref	 r;
	char		*path = xasprintf("content/%s", name), *m;

	fx_open(&f, NULL);
	T_INTEQ(images_use(&f.t, path, IMG_ROLE_BODY, NULL, "content/a.md",
	    12, 5, &r, &f.d), -1);
	m = first_msg(&f.d);
	T_CONTAINS(m, "content/a.md:12:5: lỗi: ");
	T_CONTAINS(m, want);
	free(m);
	/* Every use says it, not only the first. */
	T_INTEQ(images_use(&f.t, path, IMG_ROLE_BODY, NULL, "content/b.md",
	    2, 1, &r, &f.d), -1);
	T_INTEQ(f.d.len, 2);
	fx_close(&f);
	free(path);
}

static void
test_errors(void)
{
	static const char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";
	/* A PNG header claiming 30000 x 30000. */
	static const char bomb[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
	    "\0\0\x75\x30\0\0\x75\x30\x08\x02\0\0\0\0\0\0\0";
	struct buf	 b = BUF_INIT;
	char		*p;

	put_bytes("rong.jpg", "", 0);
	bad("rong.jpg", "content/rong.jpg");
	put_bytes("chu.jpg", "Đây không phải ảnh\n", strlen("Đây không phải ảnh\n"));
	bad("chu.jpg", "content/chu.jpg");
	put_bytes("iphone.heic", heic, sizeof(heic) - 1);
	bad("iphone.heic", "JPEG");
	put_bytes("bom.png", bomb, sizeof(bomb) - 1);
	bad("bom.png", "quá lớn (30000×30000");
	/* A JPEG cut short: found from its end, before any decode. */
	put_jpeg("cut.jpg", 200, 100);
	p = xasprintf("%s/content/cut.jpg", tmp);
	T_INTEQ(fs_read(p, 1 << 20, &b), 0);
	T_INTEQ(fs_write(p, b.data, b.len * 6 / 10), 0);
	free(p);
	buf_free(&b);
	bad("cut.jpg", "cắt cụt");
}

int
main(void)
{
	char	 tmpl[] = "/tmp/cchc-images-XXXXXX";
	char	*content;

	if ((tmp = mkdtemp(tmpl)) == NULL)
		return 1;
	content = fs_join(tmp, "content");
	T_INTEQ(fs_mkdirs(content), 0);
	free(content);
	test_raster();
	test_focus();
	test_widths();
	test_crops();
	test_keys();
	test_errors();
	if (t_fail == 0)
		fs_rmtree(tmp);
	return t_done("images");
}
