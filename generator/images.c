/*
 * images.c - the site's raster images and their variants; see images.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "errtext.h"
#include "hash.h"
#include "images.h"
#include "mdcache.h"
#include "routes.h"
#include "slug.h"
#include "source.h"
#include "util.h"

/* The largest raster file read (a phone's photo is 3-6 MB). */
#define IMAGES_MAX_FILE	((size_t)256 << 20)

/* Body widths; a photo narrower than the first is published at its own. */
/*
 * 800, not 960: a phone 360-412 CSS pixels wide at twice the density
 * wants 720-824 pixels; with 960 as the step below 1600 it fetched a
 * third more bytes than it shows (a post with 8 phone photos: 446 kB
 * before the reader scrolls; with 800, see tests/site.sh).  A desktop
 * column of 48rem (768 px) takes 800 too.
 */
static const int body_widths[] = { 480, 800, 1600 };
#define NBODY	(sizeof(body_widths) / sizeof(body_widths[0]))
/* The width <img src> names: what a phone at 2x or a desktop column shows. */
#define DEFAULT_WIDTH	800
/* Thumbnails are 3:2, social cards 1200:630 (what Facebook and Zalo crop). */
static const int thumb_widths[] = { 320, 640 };
#define SOCIAL_W	1200
#define SOCIAL_H	630

/* What the header cache keeps for a file's bytes (mdcache's records). */
struct probe_rec {
	struct img_info	 info;
	int		 png;
	enum img_error	 err;
	uint64_t	 bytes;
};

static const char *const raster_exts[] = {
	".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp",
	".heic", ".heif", ".avif", ".tif", ".tiff", ".webp"
};

int
images_is_raster(const char *path)
{
	const char	*dot = strrchr(path, '.');
	size_t		 i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return 0;
	for (i = 0; i < sizeof(raster_exts) / sizeof(raster_exts[0]); i++)
		if (strcasecmp(dot, raster_exts[i]) == 0)
			return 1;
	return 0;
}

void
images_init(struct images *t, const struct images_cfg *cfg)
{
	memset(t, 0, sizeof(*t));
	if (cfg != NULL)
		t->cfg = *cfg;
	if (t->cfg.max_pixels == 0)
		t->cfg.max_pixels = IMAGES_MAX_PIXELS;
	if (t->cfg.quality == 0)
		t->cfg.quality = IMAGES_QUALITY;
	pthread_mutex_init(&t->lock, NULL);
}

static void
image_free(struct image *im)
{
	size_t	 i;

	for (i = 0; i < im->nvars; i++)
		free(im->vars[i].path);
	free(im->src);
	free(im->stem);
	free(im->focus_file);
	free(im->use_file);
	pthread_mutex_destroy(&im->lock);
	free(im);
}

void
images_free(struct images *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		image_free(t->v[i]);
	free(t->v);
	free(t->idx);
	pthread_mutex_destroy(&t->lock);
	memset(t, 0, sizeof(*t));
}

/*
 * The table's index: open addressing over t->v by the path's hash, so
 * that finding an image costs the same with 10 or 10,000 of them.
 */
static size_t
idx_slot(const struct images *t, const char *src)
{
	size_t	 mask = t->idxcap - 1;
	size_t	 i = (size_t)hash64(src, strlen(src), 7) & mask;

	while (t->idx[i] != 0 && strcmp(t->v[t->idx[i] - 1]->src, src) != 0)
		i = (i + 1) & mask;
	return i;
}

static void
idx_grow(struct images *t)
{
	size_t	 i;

	free(t->idx);
	t->idxcap = t->idxcap ? t->idxcap * 2 : 64;
	t->idx = xcalloc(t->idxcap, sizeof(*t->idx));
	for (i = 0; i < t->n; i++)
		t->idx[idx_slot(t, t->v[i]->src)] = i + 1;
}

/* The image at src, made (not yet probed) if it is new. */
static struct image *
image_get(struct images *t, const char *src)
{
	struct image	*im;
	const char	*base, *dot;
	size_t		 slot;

	pthread_mutex_lock(&t->lock);
	if ((t->n + 1) * 2 > t->idxcap)
		idx_grow(t);
	slot = idx_slot(t, src);
	if (t->idx[slot] != 0) {
		im = t->v[t->idx[slot] - 1];
		pthread_mutex_unlock(&t->lock);
		return im;
	}
	im = xcalloc(1, sizeof(*im));
	im->src = xstrdup(src);
	base = strrchr(src, '/') != NULL ? strrchr(src, '/') + 1 : src;
	dot = strrchr(base, '.');
	im->stem = slug_make(base, dot != NULL ? (size_t)(dot - base) :
	    strlen(base));
	if (*im->stem == '\0') {
		free(im->stem);
		im->stem = xstrdup("anh");
	}
	pthread_mutex_init(&im->lock, NULL);
	ARRAY_GROW(t->v, t->n, t->cap, 16);
	t->v[t->n++] = im;
	t->idx[slot] = t->n;
	pthread_mutex_unlock(&t->lock);
	return im;
}

/*
 * A JPEG ends with the EOI marker (FF D9), perhaps followed by padding;
 * a file cut short in copying does not.  Checked here, from the bytes
 * already read, so that the editor hears of it at the line that uses
 * the photo before anything is decoded.
 */
static int
jpeg_complete(const unsigned char *p, size_t n)
{
	while (n > 2 && (p[n - 1] == 0x00 || p[n - 1] == 0xFF ||
	    p[n - 1] == '\n' || p[n - 1] == '\r'))
		if (p[n - 1] == 0xD9 && p[n - 2] == 0xFF)
			break;
		else
			n--;
	return n >= 2 && p[n - 2] == 0xFF && p[n - 1] == 0xD9;
}

/* The header of im's bytes, and whether its variants are PNG. */
static void
probe_bytes(const struct images *t, const unsigned char *p,
    size_t n, struct probe_rec *r)
{
	struct img_pixels px;
	enum img_error	 e;

	memset(r, 0, sizeof(*r));
	r->bytes = n;
	r->err = img_probe(p, n, t->cfg.max_pixels, &r->info);
	if (r->err != IMG_OK)
		return;
	if (!img_decodable(r->info.format)) {
		r->err = IMG_EFORMAT;
		return;
	}
	if (r->info.format == IMG_JPEG) {
		if (!jpeg_complete(p, n))
			r->err = IMG_ETRUNCATED;
		return;
	}
	/*
	 * PNG, GIF, BMP: screenshots and drawings as often as photos, so
	 * the pixels decide (once per content: the record is kept).
	 */
	memset(&px, 0, sizeof(px));
	if ((e = img_decode(p, n, &r->info, 0, &px)) != IMG_OK)
		r->err = e;
	else
		r->png = img_wants_png(&px);
	img_free(&px);
}

/* Fills im's hash, size, header and err; 0, or -1 if unreadable. */
static int
probe(struct images *t, struct image *im, struct diag *d, const char *file,
    int line, int col)
{
	struct buf	 b = BUF_INIT;
	struct probe_rec r;
	struct hasher	 h;
	struct diag	 none;
	uint64_t	 key = 0;
	int		 rc = -1, got = 0, prc;

	diag_init(&none);
	if (t->file_hash != NULL)
		im->hash = t->file_hash(t->file_hash_arg, im->src);
	if (im->hash == 0) {
		if (source_read(t->src, im->src, IMAGES_MAX_FILE, &b) == -1)
			goto unreadable;
		/* As the build's fingerprint hashes a file. */
		im->hash = hash64(b.data, b.len, 1) | 1;
		got = 1;
	}
	if (t->mdc != NULL) {
		hasher_init(&h);
		hasher_str(&h, "images.probe");
		hasher_u64(&h, mdc_salt(t->mdc));
		hasher_u64(&h, IMG_VERSION);
		hasher_u64(&h, im->hash);
		hasher_u64(&h, t->cfg.max_pixels);
		key = hasher_done(&h) | 1;
		if (mdc_get_result(t->mdc, key, &prc, &r, sizeof(r),
		    &none) == 0)
			goto have;
	}
	if (!got && source_read(t->src, im->src, IMAGES_MAX_FILE, &b) == -1)
		goto unreadable;
	probe_bytes(t, (const unsigned char *)b.data, b.len, &r);
	if (key != 0)
		mdc_put_result(t->mdc, key, 0, &r, sizeof(r), &none);
have:
	im->info = r.info;
	im->png = r.png;
	im->err = r.err;
	im->bytes = (size_t)r.bytes;
	rc = 0;
	goto out;
unreadable:
	diag_err(d, file, line, col, "không đọc được ảnh “%s”: %s", im->src,
	    errno == EFBIG ? "tệp lớn hơn 256 MB" : err_text(errno));
out:
	diag_free(&none);
	buf_free(&b);
	return rc;
}

/*
 * Everything the variant's bytes depend on: the source's, the recipe
 * (size, region, format, quality) and how it is made: the decode's
 * scale and, for a body width, the wider widths it is resized through
 * (imgproc.c's cascade), so that two builds that make a file of one
 * name make the same bytes.
 */
static uint64_t
var_key(const struct images *t, const struct image *im,
    const struct img_var *v)
{
	struct hasher	 h;
	size_t		 i;

	hasher_init(&h);
	hasher_u64(&h, IMG_VERSION);
	hasher_u64(&h, im->hash);
	hasher_u64(&h, (uint64_t)v->kind);
	hasher_u64(&h, (uint64_t)v->w << 32 | (uint64_t)v->h);
	hasher_u64(&h, (uint64_t)v->cx << 32 | (uint64_t)v->cy);
	hasher_u64(&h, (uint64_t)v->cw << 32 | (uint64_t)v->ch);
	hasher_u64(&h, (uint64_t)v->png);
	hasher_u64(&h, v->png ? 0 : (uint64_t)t->cfg.quality);
	hasher_u64(&h, (uint64_t)img_decode_scale(&im->info, v->need));
	if (v->kind == IMG_VAR_WIDTH)
		for (i = 0; i < im->nvars; i++)
			if (im->vars[i].kind == IMG_VAR_WIDTH &&
			    im->vars[i].w > v->w)
				hasher_u64(&h, (uint64_t)im->vars[i].w);
	return hasher_done(&h);
}

/* Adds a variant of the region (cx, cy, cw, ch) at w x h; its key and
   name come once the image's widths are all known (name_var). */
static struct img_var *
add_var(struct image *im, enum img_var_kind kind, int w, int h, int cx,
    int cy, int cw, int ch)
{
	struct img_var	*v;

	if (im->nvars == IMG_MAX_VARS)
		return NULL;
	v = &im->vars[im->nvars++];
	v->kind = kind;
	v->w = w > 0 ? w : 1;
	v->h = h > 0 ? h : 1;
	v->cx = cx;
	v->cy = cy;
	v->cw = cw > 0 ? cw : 1;
	v->ch = ch > 0 ? ch : 1;
	v->png = im->png;
	/* The whole image wide enough for this region at this width. */
	v->need = (int)(((long long)v->w * im->info.upright_w + v->cw - 1) /
	    v->cw);
	return v;
}

static void
name_var(const struct images *t, const struct image *im, struct img_var *v)
{
	char	 size[32];

	v->key = var_key(t, im, v);
	switch (v->kind) {
	case IMG_VAR_WIDTH:
		snprintf(size, sizeof(size), "-%d", v->w);
		break;
	case IMG_VAR_ORIGINAL:
		size[0] = '\0';
		break;
	default:
		snprintf(size, sizeof(size), "-%dx%d", v->w, v->h);
		break;
	}
	v->path = route_image(im->stem, size, v->key, v->png);
}

/* Height of the whole upright image at width w, rounded. */
static int
scaled_h(const struct image *im, int w)
{
	return (int)(((long long)w * im->info.upright_h +
	    im->info.upright_w / 2) / im->info.upright_w);
}

/*
 * The body widths: each of body_widths[] the photo covers, and its own
 * width too when it falls well between (or below) them.  Never wider
 * than the photo, and a portrait photo's long side never above the
 * widest step: 3000x4000 gives 480, 800 and 1200 (1200x1600), not a
 * 1600x2133 no screen shows whole, and it decodes at half size.
 */
static void
add_widths(const struct images *t, struct image *im)
{
	int	 uw = im->info.upright_w, uh = im->info.upright_h, top = 0;
	int	 cap = uw, most = body_widths[NBODY - 1];
	size_t	 i;

	if (uh > uw && (long long)most * uw / uh < cap)
		cap = (int)(((long long)most * uw + uh / 2) / uh);
	if (cap < 1)
		cap = 1;
	for (i = 0; i < NBODY && body_widths[i] <= cap; i++) {
		add_var(im, IMG_VAR_WIDTH, body_widths[i],
		    scaled_h(im, body_widths[i]), 0, 0, uw, uh);
		top = body_widths[i];
	}
	if (i < NBODY && (top == 0 || cap > top + top / 10))
		add_var(im, IMG_VAR_WIDTH, cap, scaled_h(im, cap), 0, 0, uw, uh);
	im->nwidths = im->nvars;
	/* Each made from the next wider: all from the widest's decode. */
	for (i = 0; i < im->nwidths; i++)
		im->vars[i].need = im->vars[im->nwidths - 1].w;
	if (t->cfg.keep_original)
		add_var(im, IMG_VAR_ORIGINAL, uw, uh, 0, 0, uw, uh);
	for (i = 0; i < im->nvars; i++)
		name_var(t, im, &im->vars[i]);
}

/* The first use by (file, line, col): where emit's messages point. */
static void
note_use(struct image *im, const char *file, int line, int col)
{
	int	 c;

	c = im->use_file == NULL ? -1 : strcmp(file, im->use_file);
	if (c > 0 || (c == 0 && (line > im->use_line ||
	    (line == im->use_line && col >= im->use_col))))
		return;
	free(im->use_file);
	im->use_file = xstrdup(file);
	im->use_line = line;
	im->use_col = col;
}

static void
note_cover(struct image *im, const struct img_focus *f, const char *file,
    int line)
{
	int	 c;

	im->cover = 1;
	if (f == NULL)
		return;
	c = im->focus_file == NULL ? -1 : strcmp(file, im->focus_file);
	if (c > 0 || (c == 0 && line >= im->focus_line))
		return;
	free(im->focus_file);
	im->focus_file = xstrdup(file);
	im->focus_line = line;
	im->focus = *f;
}

static void
say_error(const struct images *t, const struct image *im, const char *file,
    int line, int col, struct diag *d)
{
	const struct img_info *i = &im->info;

	switch (im->err) {
	case IMG_EFORMAT:
		diag_err(d, file, line, col, "ảnh “%s” ở định dạng %s, trình "
		    "duyệt và cchc không hiển thị được; hãy xuất lại thành "
		    "JPEG (trên iPhone: Cài đặt > Camera > Định dạng > Tương "
		    "thích nhất)", im->src, img_format_name(i->format));
		break;
	case IMG_ETOOBIG:
		diag_err(d, file, line, col, "ảnh “%s” quá lớn (%d×%d điểm "
		    "ảnh, quá giới hạn %zu triệu điểm ảnh); hãy thu nhỏ ảnh "
		    "trước khi đăng, hoặc nâng images.max_pixels trong "
		    "site.yaml nếu ảnh này là đúng", im->src, i->width,
		    i->height, t->cfg.max_pixels / 1000000);
		break;
	default:
		diag_err(d, file, line, col, "ảnh “%s”: %s", im->src,
		    img_error_text(im->err));
		break;
	}
}

int
images_use(struct images *t, const char *src, enum img_role role,
    const struct img_focus *focus, const char *file, int line, int col,
    struct img_ref *ref, struct diag *d)
{
	struct image	*im = image_get(t, src);
	size_t		 i;
	int		 rc = -1;

	memset(ref, 0, sizeof(*ref));
	pthread_mutex_lock(&im->lock);
	if (!im->probed) {
		if (probe(t, im, d, file, line, col) == -1)
			goto out;
		im->probed = 1;
		if (im->err == IMG_OK)
			add_widths(t, im);
	}
	if (im->err != IMG_OK) {
		say_error(t, im, file, line, col, d);
		goto out;
	}
	note_use(im, file, line, col);
	if (role == IMG_ROLE_COVER)
		note_cover(im, focus, file, line);
	ref->img = im;
	ref->large = &im->vars[im->nwidths - 1];
	ref->src = &im->vars[0];
	for (i = 0; i < im->nwidths; i++)
		if (im->vars[i].w <= DEFAULT_WIDTH)
			ref->src = &im->vars[i];
	rc = 0;
out:
	pthread_mutex_unlock(&im->lock);
	return rc;
}

/* The region of ratio rw:rh of the upright image around the focus. */
static void
crop_region(const struct image *im, int rw, int rh, int *cx, int *cy,
    int *cw, int *ch)
{
	int	 uw = im->info.upright_w, uh = im->info.upright_h;
	int	 fx = im->focus_file != NULL ? im->focus.x : 50;
	int	 fy = im->focus_file != NULL ? im->focus.y : 50;
	long long c;

	if ((long long)uw * rh > (long long)uh * rw) {
		*ch = uh;
		*cw = (int)(((long long)uh * rw + rh / 2) / rh);
	} else {
		*cw = uw;
		*ch = (int)(((long long)uw * rh + rw / 2) / rw);
	}
	if (*cw < 1)
		*cw = 1;
	if (*ch < 1)
		*ch = 1;
	c = (long long)uw * fx / 100 - *cw / 2;
	*cx = (int)(c < 0 ? 0 : c > uw - *cw ? uw - *cw : c);
	c = (long long)uh * fy / 100 - *ch / 2;
	*cy = (int)(c < 0 ? 0 : c > uh - *ch ? uh - *ch : c);
}

static void
add_crops(const struct images *t, struct image *im)
{
	struct img_var	*v;
	int		 cx, cy, cw, ch, w;
	size_t		 i;

	crop_region(im, 3, 2, &cx, &cy, &cw, &ch);
	for (i = 0; i < sizeof(thumb_widths) / sizeof(thumb_widths[0]); i++) {
		w = thumb_widths[i] < cw ? thumb_widths[i] : cw;
		if ((v = add_var(im, IMG_VAR_THUMB, w, (w * 2 + 1) / 3, cx, cy,
		    cw, ch)) != NULL)
			name_var(t, im, v);
		if (w < thumb_widths[i])
			break;	/* never wider than the photo */
	}
	crop_region(im, SOCIAL_W, SOCIAL_H, &cx, &cy, &cw, &ch);
	w = SOCIAL_W < cw ? SOCIAL_W : cw;
	if ((v = add_var(im, IMG_VAR_SOCIAL, w, (int)(((long long)w *
	    SOCIAL_H + SOCIAL_W / 2) / SOCIAL_W), cx, cy, cw, ch)) != NULL)
		name_var(t, im, v);
}

static int
image_cmp(const void *a, const void *b)
{
	return strcmp((*(struct image *const *)a)->src,
	    (*(struct image *const *)b)->src);
}

void
images_finish(struct images *t)
{
	size_t	 i;

	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), image_cmp);
	for (i = 0; i < t->n; i++) {
		t->v[i]->ord = i;
		if (t->v[i]->err == IMG_OK && t->v[i]->probed &&
		    t->v[i]->cover)
			add_crops(t, t->v[i]);
	}
	/* The index is by position: make it again for the sorted list. */
	free(t->idx);
	t->idx = NULL;
	for (t->idxcap = 32; t->idxcap < (t->n + 1) * 2; t->idxcap *= 2)
		continue;
	idx_grow(t);	/* doubles it, places every image */
}

const struct img_var *
images_var(const struct image *im, enum img_var_kind k, size_t n)
{
	size_t	 i;

	for (i = 0; i < im->nvars; i++)
		if (im->vars[i].kind == k && n-- == 0)
			return &im->vars[i];
	return NULL;
}

struct image *
images_find(const struct images *t, const char *src)
{
	size_t	 slot;

	if (t->idxcap == 0)
		return NULL;
	slot = idx_slot(t, src);
	return t->idx[slot] != 0 ? t->v[t->idx[slot] - 1] : NULL;
}

static const struct {
	const char	*word;
	int		 x, y;
} focus_words[] = {
	{ "giữa", 50, 50 }, { "trên", 50, 0 }, { "dưới", 50, 100 },
	{ "trái", 0, 50 }, { "phải", 100, 50 },
	{ "center", 50, 50 }, { "top", 50, 0 }, { "bottom", 50, 100 },
	{ "left", 0, 50 }, { "right", 100, 50 },
};

/* "30%" -> 30; -1 when not 0..100 followed by '%'. */
static int
percent(const char **s)
{
	const char	*p = *s;
	int		 v = 0, digits = 0;

	while (*p == ' ')
		p++;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		v = v * 10 + (*p - '0');
	if (digits == 0 || *p != '%' || v > 100)
		return -1;
	*s = p + 1;
	return v;
}

int
images_parse_focus(const char *s, struct img_focus *f)
{
	size_t	 i;
	int	 x, y;

	for (i = 0; i < sizeof(focus_words) / sizeof(focus_words[0]); i++)
		if (strcmp(s, focus_words[i].word) == 0) {
			f->x = focus_words[i].x;
			f->y = focus_words[i].y;
			return 0;
		}
	if ((x = percent(&s)) == -1 || (y = percent(&s)) == -1)
		return -1;
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return -1;
	f->x = x;
	f->y = y;
	return 0;
}
