/*
 * imgproc.c - image variants made and cached; see imgproc.h.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "errtext.h"
#include "fs.h"
#include "hash.h"
#include "image.h"
#include "images.h"
#include "imgproc.h"
#include "source.h"
#include "util.h"

/* The largest source read (images.c refuses larger ones first). */
#define SRC_MAX		((size_t)256 << 20)
/* A cache file: the variant's bytes, then this magic and their hash. */
#define TRAILER_MAGIC	"CCHCIMG1"
#define TRAILER_LEN	16
#define CACHE_MAX	((size_t)64 << 20)

/* One image's variants while its records run. */
struct pending {
	pthread_mutex_t	 lock;
	int		 made;		/* decoded (or failed) already */
	int		 failed;
	struct buf	 bytes[IMG_MAX_VARS];	/* made, not yet taken */
	int		 have[IMG_MAX_VARS];
};

struct imgproc {
	const struct images	*t;
	struct source		*src;
	char			*dir;		/* <cache>/images, or NULL */
	struct pending		*p;		/* one per image of t */
	pthread_mutex_t		 lock;		/* guards the counts */
	size_t			 decoded, cached;
};

struct imgproc *
imgproc_new(const struct images *t, struct source *src, const char *cache)
{
	struct imgproc	*ip = xcalloc(1, sizeof(*ip));
	size_t		 i;

	ip->t = t;
	ip->src = src;
	ip->dir = cache != NULL ? fs_join(cache, "images") : NULL;
	ip->p = xcalloc(t->n ? t->n : 1, sizeof(*ip->p));
	for (i = 0; i < t->n; i++)
		pthread_mutex_init(&ip->p[i].lock, NULL);
	pthread_mutex_init(&ip->lock, NULL);
	return ip;
}

void
imgproc_free(struct imgproc *ip)
{
	size_t	 i, k;

	if (ip == NULL)
		return;
	for (i = 0; i < ip->t->n; i++) {
		for (k = 0; k < IMG_MAX_VARS; k++)
			buf_free(&ip->p[i].bytes[k]);
		pthread_mutex_destroy(&ip->p[i].lock);
	}
	pthread_mutex_destroy(&ip->lock);
	free(ip->p);
	free(ip->dir);
	free(ip);
}

static char *
cache_path(const struct imgproc *ip, const struct img_var *v)
{
	char	 hex[17];

	hash_hex(v->key, hex);
	return xasprintf("%s/%s.%s", ip->dir, hex, v->png ? "png" : "jpg");
}

/* The cached bytes of v into out: 0, or -1 (none, or damaged). */
static int
cache_get(const struct imgproc *ip, const struct img_var *v, struct buf *out)
{
	struct buf	 b = BUF_INIT;
	char		*path;
	uint64_t	 h = 0;
	size_t		 n, i;
	int		 rc = -1;

	if (ip->dir == NULL)
		return -1;
	path = cache_path(ip, v);
	if (fs_read(path, CACHE_MAX, &b) == 0 && b.len >= TRAILER_LEN &&
	    memcmp(b.data + b.len - TRAILER_LEN, TRAILER_MAGIC, 8) == 0) {
		n = b.len - TRAILER_LEN;
		for (i = 0; i < 8; i++)
			h |= (uint64_t)(unsigned char)b.data[n + 8 + i] << (8 * i);
		if (h == hash64(b.data, n, 0)) {
			buf_put(out, b.data, n);
			rc = 0;
		}
	}
	buf_free(&b);
	free(path);
	return rc;
}

/* Keeps v's bytes: 0, or -1 (only speed is lost). */
static int
cache_put(const struct imgproc *ip, const struct img_var *v,
    const struct buf *bytes)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 h;
	char		*path;
	size_t		 i;
	int		 rc;

	if (ip->dir == NULL || fs_mkdirs(ip->dir) == -1)
		return -1;
	h = hash64(bytes->data, bytes->len, 0);
	buf_put(&b, bytes->data, bytes->len);
	buf_puts(&b, TRAILER_MAGIC);
	for (i = 0; i < 8; i++)
		buf_putc(&b, (int)(h >> (8 * i) & 0xff));
	path = cache_path(ip, v);
	rc = fs_replace(path, b.data, b.len);
	free(path);
	buf_free(&b);
	return rc;
}

/* The region of the upright image v shows, in px's pixels. */
static void
var_region(const struct image *im, const struct img_var *v,
    const struct img_pixels *px, int *x, int *y, int *w, int *h)
{
	double	 s = (double)px->w / im->info.upright_w;

	*x = (int)(v->cx * s + 0.5);
	*y = (int)(v->cy * s + 0.5);
	*w = (int)(v->cw * s + 0.5);
	*h = (int)(v->ch * s + 0.5);
	if (*w < 1)
		*w = 1;
	if (*h < 1)
		*h = 1;
	if (*x + *w > px->w)
		*w = px->w - *x;
	if (*y + *h > px->h)
		*h = px->h - *y;
}

static int
encode(const struct imgproc *ip, const struct img_var *v,
    const struct img_pixels *r, struct buf *out)
{
	return v->png ? img_encode_png(r, out) :
	    img_encode_jpeg(r, ip->t->cfg.quality, out);
}

/* One variant from the decoded pixels (the upright image, scaled). */
static int
make_var(const struct imgproc *ip, const struct image *im,
    const struct img_var *v, const struct img_pixels *px, struct buf *out)
{
	struct img_pixels r;
	int		 x, y, w, h, rc;

	var_region(im, v, px, &x, &y, &w, &h);
	memset(&r, 0, sizeof(r));
	if (img_resize(px, x, y, w, h, v->w, v->h, &r) == -1)
		return -1;
	rc = encode(ip, v, &r, out);
	img_free(&r);
	return rc;
}

/*
 * The body widths, widest first, each resized from the one before
 * (img_cascade: about a third of the work of making each from the
 * decode).  A width whose height comes out other than planned (odd
 * sizes, rounding) is made again from the decode, so that every file is
 * exactly the size the page's <img> says.
 */
static int
make_widths(const struct imgproc *ip, const struct image *im,
    const struct img_pixels *px, struct pending *pd)
{
	struct img_pixels out[IMG_MAX_VARS];
	int		 widths[IMG_MAX_VARS];
	size_t		 n = im->nwidths, i, k;
	int		 rc = -1;

	memset(out, 0, sizeof(out));
	for (i = 0; i < n; i++)
		widths[i] = im->vars[n - 1 - i].w;
	if (n == 0 || img_cascade(px, widths, (int)n, out) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		k = n - 1 - i;
		buf_reset(&pd->bytes[k]);
		if (out[i].w == im->vars[k].w && out[i].h == im->vars[k].h) {
			if (encode(ip, &im->vars[k], &out[i], &pd->bytes[k]) ==
			    -1)
				goto out;
		} else if (make_var(ip, im, &im->vars[k], px,
		    &pd->bytes[k]) == -1)
			goto out;
		pd->have[k] = 1;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		img_free(&out[i]);
	return rc;
}

/*
 * The variants after the body widths (the original, the crops), each
 * from a decode at its own scale (images.c keys it): the widths' decode
 * px when the scale is the same, as it is but for a full-size original
 * or a panorama's social card, else one more decode.
 */
static int
make_others(const struct imgproc *ip, const struct image *im,
    const struct buf *src, const struct img_pixels *px, struct pending *pd,
    enum img_error *err)
{
	struct img_pixels other;
	const struct img_pixels *from;
	int		 scale = img_decode_scale(&im->info,
			    im->nwidths ? im->vars[0].need : 0), oscale = 0;
	size_t		 k;
	int		 rc = -1;

	memset(&other, 0, sizeof(other));
	for (k = im->nwidths; k < im->nvars; k++) {
		const struct img_var *v = &im->vars[k];
		int s = img_decode_scale(&im->info, v->need);

		from = px;
		if (s != scale) {
			if (s != oscale) {
				img_free(&other);
				if ((*err = img_decode(src->data, src->len,
				    &im->info, v->need, &other)) != IMG_OK)
					goto out;
				oscale = s;
			}
			from = &other;
		}
		buf_reset(&pd->bytes[k]);
		if (make_var(ip, im, v, from, &pd->bytes[k]) == -1)
			goto out;
		pd->have[k] = 1;
	}
	rc = 0;
out:
	img_free(&other);
	return rc;
}

/* Decodes im and makes every variant into pd (caller holds pd->lock). */
static int
make_all(struct imgproc *ip, const struct image *im, size_t want,
    struct pending *pd, struct diag *d)
{
	struct buf	 src = BUF_INIT;
	struct img_pixels px;
	enum img_error	 e = IMG_OK;
	size_t		 k;
	int		 rc = -1;

	memset(&px, 0, sizeof(px));
	if (source_read(ip->src, im->src, SRC_MAX, &src) == -1) {
		diag_err(d, im->use_file, im->use_line, im->use_col,
		    "không đọc được ảnh “%s”: %s", im->src, err_text(errno));
		goto out;
	}
	/* The widest body width's scale: the widths are made from it. */
	if ((e = img_decode(src.data, src.len, &im->info, im->nwidths ?
	    im->vars[0].need : 0, &px)) != IMG_OK)
		goto bad;
	if (make_widths(ip, im, &px, pd) == -1)
		goto nomem;
	if (make_others(ip, im, &src, &px, pd, &e) == -1)
		goto bad;
	/* Kept in the cache, a variant waits there for its record, not in
	   memory: memory does not grow with the number of photos. */
	for (k = 0; k < im->nvars; k++)
		if (cache_put(ip, &im->vars[k], &pd->bytes[k]) == 0 &&
		    k != want) {
			buf_free(&pd->bytes[k]);
			pd->have[k] = 0;
		}
	pthread_mutex_lock(&ip->lock);
	ip->decoded++;
	pthread_mutex_unlock(&ip->lock);
	rc = 0;
	goto out;
bad:
	if (e != IMG_OK) {
		diag_err(d, im->use_file, im->use_line, im->use_col,
		    "ảnh “%s”: %s", im->src, img_error_text(e));
		goto out;
	}
nomem:
	diag_err(d, im->use_file, im->use_line, im->use_col, "không tạo được "
	    "các cỡ ảnh của “%s” (thiếu bộ nhớ?)", im->src);
out:
	img_free(&px);
	buf_free(&src);
	return rc;
}

int
imgproc_make(struct imgproc *ip, const struct image *im, size_t k,
    struct buf *out, struct diag *d)
{
	struct pending	*pd = &ip->p[im->ord];
	int		 rc = -1;

	pthread_mutex_lock(&pd->lock);
	if (pd->have[k]) {
		buf_put(out, pd->bytes[k].data, pd->bytes[k].len);
		buf_free(&pd->bytes[k]);
		pd->have[k] = 0;
		rc = 0;
		goto out;
	}
	if (pd->failed)
		goto out;
	if (cache_get(ip, &im->vars[k], out) == 0) {
		pthread_mutex_lock(&ip->lock);
		ip->cached++;
		pthread_mutex_unlock(&ip->lock);
		rc = 0;
		goto out;
	}
	if (pd->made) {
		/* Made and taken already: a plan lists each variant once. */
		diag_err(d, im->src, 0, 0, "ảnh này được yêu cầu hai lần");
		goto out;
	}
	pd->made = 1;
	if (make_all(ip, im, k, pd, d) == -1) {
		pd->failed = 1;
		goto out;
	}
	buf_put(out, pd->bytes[k].data, pd->bytes[k].len);
	buf_free(&pd->bytes[k]);
	pd->have[k] = 0;
	rc = 0;
out:
	pthread_mutex_unlock(&pd->lock);
	return rc;
}

static int
key_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void
imgproc_sweep(struct imgproc *ip)
{
	uint64_t	*keys = NULL, key;
	size_t		 n = 0, cap = 0, i, k;
	DIR		*dir;
	struct dirent	*de;
	char		*end, *path;

	if (ip->dir == NULL || (dir = opendir(ip->dir)) == NULL)
		return;
	for (i = 0; i < ip->t->n; i++)
		for (k = 0; k < ip->t->v[i]->nvars; k++) {
			ARRAY_GROW(keys, n, cap, 64);
			keys[n++] = ip->t->v[i]->vars[k].key;
		}
	if (n > 1)
		qsort(keys, n, sizeof(*keys), key_cmp);
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		errno = 0;
		key = strtoull(de->d_name, &end, 16);
		/* Ours: 16 hex digits and .jpg or .png; else not touched. */
		if (end != de->d_name + 16 || (strcmp(end, ".jpg") != 0 &&
		    strcmp(end, ".png") != 0) || errno != 0)
			continue;
		if (n > 0 && bsearch(&key, keys, n, sizeof(*keys),
		    key_cmp) != NULL)
			continue;
		path = fs_join(ip->dir, de->d_name);
		(void)unlink(path);
		free(path);
	}
	closedir(dir);
	free(keys);
}

void
imgproc_stats(const struct imgproc *ip, size_t *decoded, size_t *cached)
{
	*decoded = ip->decoded;
	*cached = ip->cached;
}
