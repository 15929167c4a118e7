/*
 * mkphotos - phone-like JPEGs for the image benchmark (bench/images.sh).
 *
 *   mkphotos [-n N] [-s SEED] [-j JOBS] DIR
 *
 * Writes DIR/anh-001.jpg ... anh-NNN.jpg (default 200): 4000x3000 pixels,
 * quality 92, 4:2:0, 2.5-5 MB each, like a phone's.  Each photo is a
 * scene of its own (a sky band, ground, shapes, blotchy texture, grain,
 * a light blur) so that it compresses like a photo, not a flat colour.
 *
 * Like a phone, each file carries an APP1 Exif segment right after SOI
 * (no JFIF): IFD0 with Make, Model, Orientation and DateTime; an Exif IFD
 * with DateTimeOriginal; a GPS IFD with latitude 21 deg 1' N and
 * longitude 105 deg 51' E.  Most photos have Orientation 1, some 6 or 8
 * (a portrait shot: the stored pixels are 4000x3000, sideways) and a few
 * 3 (upside down).  The pixels are stored so that applying the tag turns
 * the scene upright: once upright, the top of every photo is a dark sky
 * band and the bottom is bright ground, which a test can check.
 *
 * Deterministic: the same N and SEED give the same bytes, whatever JOBS
 * (each photo has its own generator, seeded from SEED and its number).
 * Prints "mkphotos: N photos, B bytes" on standard error; exit 1 on error.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <turbojpeg.h>

#define LONG_SIDE	4000
#define SHORT_SIDE	3000
#define QUALITY		92

/* ------------------------------------------------------------ random */

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
rnd_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* An integer in [lo, hi]. */
static int
rnd_int(uint64_t *s, int lo, int hi)
{
	return lo + (int)(rnd_next(s) % (uint64_t)(hi - lo + 1));
}

static uint8_t
clamp8(int v)
{
	return v < 0 ? 0 : v > 255 ? 255 : (uint8_t)v;
}

/* ------------------------------------------------------------- scene */

struct img {
	int	 w, h;
	uint8_t	*px;		/* w * h * 3, RGB */
};

/*
 * Sky (dark, the top SKY percent) and ground (bright) with gradients,
 * and a blotchy texture: a coarse random grid upsampled bilinearly.
 */
#define SKY	28
#define CELL	32
static void
scene_base(struct img *im, uint64_t *rs)
{
	int	 gw = im->w / CELL + 2, gh = im->h / CELL + 2;
	int8_t	*grid = malloc((size_t)gw * gh);
	int	 sky = im->h * SKY / 100, x, y, c;
	int	 skyc[3], gnd[3], amp = rnd_int(rs, 20, 40);

	if (grid == NULL) {
		perror("mkphotos");
		exit(1);
	}
	for (x = 0; x < gw * gh; x++)
		grid[x] = (int8_t)(rnd_next(rs) >> 56);
	skyc[0] = rnd_int(rs, 25, 60);
	skyc[1] = rnd_int(rs, 40, 80);
	skyc[2] = rnd_int(rs, 90, 130);
	gnd[0] = rnd_int(rs, 140, 200);
	gnd[1] = rnd_int(rs, 140, 200);
	gnd[2] = rnd_int(rs, 110, 170);
	for (y = 0; y < im->h; y++) {
		uint8_t	*p = im->px + (size_t)y * im->w * 3;
		int	 gy = y / CELL, fy = y % CELL, in_sky = y < sky;
		int	 dy = in_sky ? y * 40 / sky : (y - sky) * 30 / (im->h - sky);

		for (x = 0; x < im->w; x++, p += 3) {
			int	 gx = x / CELL, fx = x % CELL;
			int	 a = grid[gy * gw + gx], b = grid[gy * gw + gx + 1];
			int	 cc = grid[(gy + 1) * gw + gx];
			int	 d = grid[(gy + 1) * gw + gx + 1];
			int	 top = a * (CELL - fx) + b * fx;
			int	 bot = cc * (CELL - fx) + d * fx;
			int	 t = (top * (CELL - fy) + bot * fy) / (CELL * CELL);
			int	 dx = x * 20 / im->w;

			t = t * amp / 128;
			for (c = 0; c < 3; c++)
				p[c] = clamp8(in_sky ? skyc[c] + dy + dx / 2 + t / 3 :
				    gnd[c] - dy + dx + t);
		}
	}
	free(grid);
}

/* Filled rectangles and discs with a vertical shade, below the sky. */
static void
scene_shapes(struct img *im, uint64_t *rs)
{
	int	 n = rnd_int(rs, 12, 30), i, x, y, c;
	int	 sky = im->h * SKY / 100;

	for (i = 0; i < n; i++) {
		int	 disc = rnd_next(rs) & 1, col[3];
		int	 sw = rnd_int(rs, im->w / 40, im->w / 4);
		int	 sh = rnd_int(rs, im->h / 40, im->h / 3);
		int	 x0 = rnd_int(rs, 0, im->w - sw);
		int	 y0 = rnd_int(rs, sky, im->h - sh);
		long	 rx = sw / 2, ry = sh / 2;

		for (c = 0; c < 3; c++)
			col[c] = rnd_int(rs, 60, 240);
		for (y = y0; y < y0 + sh; y++) {
			uint8_t	*p = im->px + ((size_t)y * im->w + x0) * 3;
			int	 shade = (y - y0) * 40 / sh - 20;
			long	 ey = y - y0 - ry;

			for (x = 0; x < sw; x++, p += 3) {
				long	 ex = x - rx;

				if (disc && ex * ex * ry * ry + ey * ey * rx * rx >
				    rx * rx * ry * ry)
					continue;
				/* Keep half the texture: surfaces, not paint. */
				for (c = 0; c < 3; c++)
					p[c] = clamp8((col[c] + shade) +
					    (p[c] - 128) / 4);
			}
		}
	}
}

/* Sensor grain: luma noise with a little chroma noise. */
static void
scene_grain(struct img *im, uint64_t *rs, int amp)
{
	size_t	 i, n = (size_t)im->w * im->h;
	uint64_t r = 0;
	uint8_t	*p = im->px;

	for (i = 0; i < n; i++, p += 3) {
		int	 l, c;

		if ((i & 3) == 0)
			r = rnd_next(rs);
		l = ((int)(r & 0xff) - 128) * amp / 128;
		for (c = 0; c < 3; c++)
			p[c] = clamp8(p[c] + l +
			    ((int)((r >> (8 + 4 * c)) & 0xf) - 8) / 2);
		r >>= 16;
	}
}

/* A light blur, [1 2 1]/4 across then down: lens softness, and grain
 * that is correlated between neighbours as a demosaiced sensor's is. */
static void
scene_blur(struct img *im, uint8_t *tmp)
{
	int	 w = im->w, h = im->h, x, y, c;
	size_t	 row = (size_t)w * 3;

	for (y = 0; y < h; y++) {
		const uint8_t *s = im->px + y * row;
		uint8_t	*d = tmp + y * row;

		for (x = 0; x < w; x++)
			for (c = 0; c < 3; c++) {
				int	 l = s[(x > 0 ? x - 1 : x) * 3 + c];
				int	 r = s[(x < w - 1 ? x + 1 : x) * 3 + c];

				d[x * 3 + c] = (uint8_t)((l + 2 * s[x * 3 + c] +
				    r + 2) / 4);
			}
	}
	for (y = 0; y < h; y++) {
		const uint8_t *u = tmp + (y > 0 ? y - 1 : y) * row;
		const uint8_t *m = tmp + y * row;
		const uint8_t *b = tmp + (y < h - 1 ? y + 1 : y) * row;
		uint8_t	*d = im->px + y * row;
		size_t	 i;

		for (i = 0; i < row; i++)
			d[i] = (uint8_t)((u[i] + 2 * m[i] + b[i] + 2) / 4);
	}
}

/*
 * Store the upright scene UP as a camera would for ORIENT, into OUT
 * (LONG_SIDE x SHORT_SIDE).  The tag says how to turn the stored pixels
 * for display: 3 = 180 degrees, 6 = 90 clockwise, 8 = 90 counter-
 * clockwise; so we store the opposite turn of the upright scene.
 */
static void
store_oriented(const struct img *up, int orient, struct img *out)
{
	int	 x, y;

	out->w = orient == 6 || orient == 8 ? up->h : up->w;
	out->h = orient == 6 || orient == 8 ? up->w : up->h;
	for (y = 0; y < out->h; y++) {
		uint8_t	*d = out->px + (size_t)y * out->w * 3;

		for (x = 0; x < out->w; x++, d += 3) {
			int	 ux, uy;

			switch (orient) {
			case 3:	ux = up->w - 1 - x; uy = up->h - 1 - y; break;
			/* Displayed = stored turned clockwise: stored (x, y)
			 * lands at (H-1-y, x) of the upright image. */
			case 6:	ux = out->h - 1 - y; uy = x; break;
			/* Counter-clockwise: stored (x, y) lands at
			 * (y, W-1-x). */
			case 8:	ux = y; uy = out->w - 1 - x; break;
			default: ux = x; uy = y; break;
			}
			memcpy(d, up->px + ((size_t)uy * up->w + ux) * 3, 3);
		}
	}
}

/* -------------------------------------------------------------- Exif */

struct tag {
	uint16_t	 id, type;	/* 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL */
	uint32_t	 count;
	const void	*data;		/* count values; NULL: LONG in `val` */
	uint32_t	 val;
};

static size_t
type_size(uint16_t type)
{
	return type == 3 ? 2 : type == 4 ? 4 : type == 5 ? 8 : 1;
}

/* Bytes of an IFD with its out-of-line values. */
static size_t
ifd_size(const struct tag *t, int n)
{
	size_t	 sz = 2 + 12 * (size_t)n + 4;
	int	 i;

	for (i = 0; i < n; i++) {
		size_t	 v = type_size(t[i].type) * t[i].count;

		if (v > 4)
			sz += (v + 1) & ~(size_t)1;
	}
	return sz;
}

static void
le16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
le32(uint8_t *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

/* Value bytes, little-endian, into P (SHORT, LONG, RATIONAL as uint32 pairs). */
static void
tag_value(const struct tag *t, uint8_t *p)
{
	uint32_t i;

	if (t->data == NULL) {
		le32(p, t->val);
		return;
	}
	for (i = 0; i < t->count; i++)
		switch (t->type) {
		case 3: le16(p + 2 * i, ((const uint16_t *)t->data)[i]); break;
		case 4: le32(p + 4 * i, ((const uint32_t *)t->data)[i]); break;
		case 5:
			le32(p + 8 * i, ((const uint32_t *)t->data)[2 * i]);
			le32(p + 8 * i + 4, ((const uint32_t *)t->data)[2 * i + 1]);
			break;
		default: p[i] = ((const uint8_t *)t->data)[i]; break;
		}
}

/* Writes the IFD at TIFF offset OFF of TIFF; returns the offset after it. */
static size_t
ifd_write(uint8_t *tiff, size_t off, const struct tag *t, int n)
{
	size_t	 data = off + 2 + 12 * (size_t)n + 4;
	int	 i;

	le16(tiff + off, (uint32_t)n);
	for (i = 0; i < n; i++) {
		uint8_t	*e = tiff + off + 2 + 12 * i;
		size_t	 v = type_size(t[i].type) * t[i].count;

		le16(e, t[i].id);
		le16(e + 2, t[i].type);
		le32(e + 4, t[i].count);
		memset(e + 8, 0, 4);
		if (v <= 4) {
			tag_value(&t[i], e + 8);
		} else {
			le32(e + 8, (uint32_t)data);
			tag_value(&t[i], tiff + data);
			data += (v + 1) & ~(size_t)1;
		}
	}
	le32(tiff + off + 2 + 12 * n, 0);	/* no next IFD, no thumbnail */
	return data;
}

static const char *const CAMERAS[][2] = {
	{ "samsung", "SM-A546E" }, { "Apple", "iPhone 13" },
	{ "Xiaomi", "Redmi Note 12" }, { "OPPO", "CPH2269" },
};

/*
 * The APP1 segment (marker, length, "Exif\0\0", TIFF) into SEG, which
 * holds at least 1024 bytes; returns its length.
 */
static size_t
exif_segment(uint8_t *seg, int orient, uint64_t *rs)
{
	static const uint8_t gpsver[4] = { 2, 3, 0, 0 };
	static const uint8_t exifver[4] = { '0', '2', '3', '2' };
	static const uint8_t fpxver[4] = { '0', '1', '0', '0' };
	static const uint8_t comps[4] = { 1, 2, 3, 0 };	/* Y Cb Cr */
	static const uint32_t dpi[2] = { 72, 1 };
	static const uint16_t one = 1, two = 2;
	int	 cam = rnd_int(rs, 0, 3);
	uint16_t or16 = (uint16_t)orient;
	char	 when[20];
	uint32_t lat[6] = { 21, 1, 1, 1, 0, 100 };
	uint32_t lon[6] = { 105, 1, 51, 1, 0, 100 };
	uint8_t	*tiff = seg + 10;
	size_t	 o0, oe, og, end;

	snprintf(when, sizeof(when), "2025:%02d:%02d %02d:%02d:%02d",
	    rnd_int(rs, 1, 12), rnd_int(rs, 1, 28), rnd_int(rs, 7, 17),
	    rnd_int(rs, 0, 59), rnd_int(rs, 0, 59));
	lat[4] = (uint32_t)rnd_int(rs, 2000, 4999);	/* seconds x 100 */
	lon[4] = (uint32_t)rnd_int(rs, 1000, 5999);
	{
		struct tag exif[] = {
			{ 0x9000, 7, 4, exifver, 0 },
			{ 0x9003, 2, 20, when, 0 },
			{ 0x9101, 7, 4, comps, 0 },
			{ 0xa000, 7, 4, fpxver, 0 },
			{ 0xa001, 3, 1, &one, 0 },	/* sRGB */
			{ 0xa002, 4, 1, NULL, LONG_SIDE },
			{ 0xa003, 4, 1, NULL, SHORT_SIDE },
		};
		struct tag gps[] = {
			{ 0x0000, 1, 4, gpsver, 0 },
			{ 0x0001, 2, 2, "N", 0 },
			{ 0x0002, 5, 3, lat, 0 },
			{ 0x0003, 2, 2, "E", 0 },
			{ 0x0004, 5, 3, lon, 0 },
		};
		struct tag ifd0[] = {
			{ 0x010f, 2, (uint32_t)strlen(CAMERAS[cam][0]) + 1,
			    CAMERAS[cam][0], 0 },
			{ 0x0110, 2, (uint32_t)strlen(CAMERAS[cam][1]) + 1,
			    CAMERAS[cam][1], 0 },
			{ 0x0112, 3, 1, &or16, 0 },
			{ 0x011a, 5, 1, dpi, 0 },
			{ 0x011b, 5, 1, dpi, 0 },
			{ 0x0128, 3, 1, &two, 0 },	/* inches */
			{ 0x0132, 2, 20, when, 0 },
			{ 0x0213, 3, 1, &one, 0 },	/* centred */
			{ 0x8769, 4, 1, NULL, 0 },	/* Exif IFD */
			{ 0x8825, 4, 1, NULL, 0 },	/* GPS IFD */
		};
		int	 n0 = sizeof(ifd0) / sizeof(ifd0[0]);
		int	 ne = sizeof(exif) / sizeof(exif[0]);

		o0 = 8;
		oe = o0 + ifd_size(ifd0, n0);
		og = oe + ifd_size(exif, ne);
		ifd0[n0 - 2].val = (uint32_t)oe;
		ifd0[n0 - 1].val = (uint32_t)og;
		memcpy(tiff, "II*\0", 4);
		le32(tiff + 4, (uint32_t)o0);
		ifd_write(tiff, o0, ifd0, n0);
		ifd_write(tiff, oe, exif, ne);
		end = ifd_write(tiff, og, gps, sizeof(gps) / sizeof(gps[0]));
	}
	seg[0] = 0xff;
	seg[1] = 0xe1;
	seg[2] = (uint8_t)((end + 8) >> 8);
	seg[3] = (uint8_t)(end + 8);
	memcpy(seg + 4, "Exif\0\0", 6);
	return end + 10;
}

/* ------------------------------------------------------------ photos */

struct job {
	const char	*dir;
	int		 n;
	uint64_t	 seed;
	pthread_mutex_t	 lock;
	int		 next;		/* under lock */
	int		 failed;	/* under lock */
	unsigned long long bytes;	/* under lock */
};

/* Orientation: most 1, about a fifth 6, a tenth 8, one in twenty 3. */
static int
pick_orientation(uint64_t *rs)
{
	int	 r = rnd_int(rs, 0, 99);

	return r < 65 ? 1 : r < 85 ? 6 : r < 95 ? 8 : 3;
}

/* Writes photo I (1-based); returns its size, or 0 on error (said). */
static size_t
photo(struct job *j, int i, tjhandle tj, struct img *up, struct img *st,
    uint8_t *tmp)
{
	uint64_t rs = j->seed * 0x100000001b3ULL + (uint64_t)i;
	int	 orient, portrait;
	unsigned char *jpg = NULL;
	unsigned long jlen = 0;
	uint8_t	 seg[1024];
	size_t	 slen, skip, sz = 0;
	char	 path[PATH_MAX];
	FILE	*f = NULL;

	rnd_next(&rs);
	orient = pick_orientation(&rs);
	portrait = orient == 6 || orient == 8;
	up->w = portrait ? SHORT_SIDE : LONG_SIDE;
	up->h = portrait ? LONG_SIDE : SHORT_SIDE;
	scene_base(up, &rs);
	scene_shapes(up, &rs);
	scene_grain(up, &rs, rnd_int(&rs, 26, 40));
	scene_blur(up, tmp);
	if (orient != 1)
		store_oriented(up, orient, st);
	if (tjCompress2(tj, orient != 1 ? st->px : up->px, LONG_SIDE, 0,
	    SHORT_SIDE, TJPF_RGB, &jpg, &jlen, TJSAMP_420, QUALITY, 0) != 0) {
		fprintf(stderr, "mkphotos: photo %d: %s\n", i,
		    tjGetErrorStr2(tj));
		goto out;
	}
	slen = exif_segment(seg, orient, &rs);
	/* SOI, then our APP1 in place of libjpeg's JFIF APP0, as a phone. */
	skip = 2;
	if (jlen > 6 && jpg[2] == 0xff && jpg[3] == 0xe0)
		skip = 4 + ((size_t)jpg[4] << 8 | jpg[5]);
	snprintf(path, sizeof(path), "%s/anh-%03d.jpg", j->dir, i);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(jpg, 1, 2, f) != 2 || fwrite(seg, 1, slen, f) != slen ||
	    fwrite(jpg + skip, 1, jlen - skip, f) != jlen - skip) {
		fprintf(stderr, "mkphotos: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		fprintf(stderr, "mkphotos: %s: %s\n", path, strerror(errno));
		goto out;
	}
	f = NULL;
	sz = 2 + slen + (jlen - skip);
out:
	if (f != NULL)
		fclose(f);
	tjFree(jpg);
	return sz;
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	size_t	 npx = (size_t)LONG_SIDE * SHORT_SIDE * 3;
	struct img up = { 0, 0, malloc(npx) }, st = { 0, 0, malloc(npx) };
	uint8_t	*tmp = malloc(npx);
	tjhandle tj = tjInitCompress();
	int	 i;
	size_t	 sz;

	if (up.px == NULL || st.px == NULL || tmp == NULL || tj == NULL) {
		fprintf(stderr, "mkphotos: out of memory\n");
		pthread_mutex_lock(&j->lock);
		j->failed = 1;
		pthread_mutex_unlock(&j->lock);
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&j->lock);
		i = j->failed ? j->n + 1 : ++j->next;
		pthread_mutex_unlock(&j->lock);
		if (i > j->n)
			break;
		sz = photo(j, i, tj, &up, &st, tmp);
		pthread_mutex_lock(&j->lock);
		if (sz == 0)
			j->failed = 1;
		j->bytes += sz;
		pthread_mutex_unlock(&j->lock);
	}
out:
	if (tj != NULL)
		tjDestroy(tj);
	free(up.px);
	free(st.px);
	free(tmp);
	return NULL;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mkphotos [-n N] [-s SEED] [-j JOBS] DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct job j;
	pthread_t th[64];
	long	 jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int	 ch, i, started = 0;
	char	*end;

	memset(&j, 0, sizeof(j));
	j.n = 200;
	j.seed = 20250615;
	while ((ch = getopt(argc, argv, "n:s:j:")) != -1) {
		switch (ch) {
		case 'n':
			j.n = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || j.n < 1 || j.n > 999)
				usage();
			break;
		case 's':
			j.seed = strtoull(optarg, &end, 10);
			if (*end != '\0')
				usage();
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end != '\0' || jobs < 1)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
	j.dir = argv[optind];
	if (jobs < 1)
		jobs = 1;
	if (jobs > 64)
		jobs = 64;
	if (jobs > j.n)
		jobs = j.n;
	pthread_mutex_init(&j.lock, NULL);
	if (mkdir(j.dir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "mkphotos: %s: %s\n", j.dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < jobs; i++)
		if (pthread_create(&th[started], NULL, worker, &j) == 0)
			started++;
	if (started == 0) {
		fprintf(stderr, "mkphotos: cannot start a thread\n");
		return 1;
	}
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (j.failed)
		return 1;
	fprintf(stderr, "mkphotos: %d photos, %llu bytes\n", j.n, j.bytes);
	return 0;
}
