/*
 * test_hist_cache.c - hist_cache.c alone: a state made by hand is saved
 * and loaded back field for field; a cache for another prefix or shallow
 * state, and every kind of damaged file (truncated, a byte flipped, the
 * version changed, a file of version 2 with its own header, and bad
 * contents under a correct checksum), are refused; the bytes of a tiny
 * cache are pinned, so the byte order is the same on every host; a loaded
 * cache that grows is saved whole (its bytes copied, the new records
 * appended); a cache that cannot be written is a warning.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fs.h"
#include "hist_int.h"
#include "history.h"
#include "t.h"
#include "util.h"

#define HEAD	CF_SEALED_HEAD	/* magic, version, salt, length, sum */
#define SKEY	0x5eedULL
/* hash64 of the body of test_bytes' cache, least significant first. */
#define SUM_BYTES	0x7b, 0xd9, 0xb8, 0xb8, 0xca, 0x96, 0xa4, 0x7f

static char	 tmp[PATH_MAX];
static char	*dir, *file;

/* A commit record's id: 20 bytes of `b`. */
static void
commit(struct hist_commit *c, unsigned char b, long long time, int tz,
    const char *author, const char *subject)
{
	memset(c, 0, sizeof(*c));
	memset(c->id.id, b, sizeof(c->id.id));
	c->time = time;
	c->tz = tz;
	c->author = (char *)(uintptr_t)author;
	c->subject = (char *)(uintptr_t)subject;
}

/*
 * Three commits: a.md and b.md added; b.md renamed to c.md; a.md removed
 * (title "A") and d.md added.  Live: c.md, d.md.
 */
static void
build(struct hist_state *st)
{
	struct hist_commit c;
	size_t		 crec, pa, pb, pd;
	uint32_t	 sa, sb, sc, sd, old;

	st->have_map = 1;
	commit(&c, 0x11, 1750000000, 420, "Nguyễn Thị Lan", "Đăng hai trang");
	crec = hist_crec_add(st, &c, 0);
	pa = st->npages++;
	sa = hist_page_move(st, "content/a.md", pa);
	hist_ev_add(st, HIST_ADDED, crec, pa, sa, HIST_NOSTR, HIST_NOSTR);
	pb = st->npages++;
	sb = hist_page_move(st, "content/b.md", pb);
	hist_ev_add(st, HIST_ADDED, crec, pb, sb, HIST_NOSTR, HIST_NOSTR);
	commit(&c, 0x22, 1750000100, -150, "Trần Văn Duyệt", "Đổi tên");
	crec = hist_crec_add(st, &c, 1);
	T_INTEQ(hist_page_take(st, "content/b.md", &old), pb);
	sc = hist_page_move(st, "content/c.md", pb);
	hist_ev_add(st, HIST_RENAMED, crec, pb, sc, old, HIST_NOSTR);
	/* After 2106: the time needs all 8 bytes. */
	commit(&c, 0x33, 5000000000LL, 0, "Trần Văn Duyệt", "Gỡ a");
	crec = hist_crec_add(st, &c, 2);
	T_INTEQ(hist_page_take(st, "content/a.md", &old), pa);
	hist_ev_add(st, HIST_REMOVED, crec, pa, old, HIST_NOSTR,
	    hist_intern_str(st, "A"));
	pd = st->npages++;
	sd = hist_page_move(st, "content/d.md", pd);
	hist_ev_add(st, HIST_ADDED, crec, pd, sd, HIST_NOSTR, HIST_NOSTR);
	st->ncommits = 3;
	memset(st->tip, '3', 40);
	st->tip[40] = '\0';
	(void)sb;
}

static void
save(const struct hist_state *st, struct diag *d)
{
	struct hist_live *live;
	size_t		 n;

	live = hist_live_list(st, &n);
	hist_cache_save(dir, "site/", SKEY, st, live, n, d);
	free(live);
}

/* The loaded state b equals a, string by string, record by record. */
static void
same_state(const struct hist_state *a, const struct hist_state *b)
{
	size_t	 i;

	T_STREQ(b->tip, a->tip);
	T_INTEQ(b->ncommits, a->ncommits);
	T_INTEQ(b->npages, a->npages);
	T_INTEQ(b->nstrs, a->nstrs);
	for (i = 0; i < a->nstrs && i < b->nstrs; i++)
		T_STREQ(b->strs[i], a->strs[i]);
	T_INTEQ(b->ncrecs, a->ncrecs);
	for (i = 0; i < a->ncrecs && i < b->ncrecs; i++) {
		T_OK(git_oid_equal(&b->crecs[i].oid, &a->crecs[i].oid));
		T_STREQ(b->crecs[i].id, a->crecs[i].id);
		T_INTEQ(b->crecs[i].time, a->crecs[i].time);
		T_INTEQ(b->crecs[i].tz, a->crecs[i].tz);
		T_INTEQ(b->crecs[i].seq, a->crecs[i].seq);
		T_INTEQ(b->crecs[i].author, a->crecs[i].author);
		T_INTEQ(b->crecs[i].subject, a->crecs[i].subject);
	}
	T_INTEQ(b->nevs, a->nevs);
	for (i = 0; i < a->nevs && i < b->nevs; i++) {
		T_INTEQ(b->evs[i].kind, a->evs[i].kind);
		T_INTEQ(b->evs[i].crec, a->evs[i].crec);
		T_INTEQ(b->evs[i].page, a->evs[i].page);
		T_INTEQ(b->evs[i].path, a->evs[i].path);
		T_INTEQ(b->evs[i].old_path, a->evs[i].old_path);
		T_INTEQ(b->evs[i].title, a->evs[i].title);
	}
}

/* The cache folder has a .gitignore of "*". */
static int
ignored(void)
{
	struct buf	 b = BUF_INIT;
	char		*p = fs_join(dir, ".gitignore");
	int		 r;

	r = fs_read(p, 100, &b) == 0 && b.len == 2 &&
	    memcmp(b.data, "*\n", 2) == 0;
	buf_free(&b);
	free(p);
	return r;
}

/* hist_cache_load of the file as it is now: 0 or -1. */
static int
load(const char *prefix, uint64_t skey)
{
	struct hist_pool pool;
	struct hist_state st;
	int		 rc;

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	rc = hist_cache_load(dir, prefix, skey, &st);
	hist_state_free(&st);
	hist_pool_free(&pool);
	return rc;
}

/* Writes img[0..n), the checksum made right again if `fix`. */
static void
put(const struct buf *img, size_t n, int fix)
{
	unsigned char	*p = xmalloc(n ? n : 1);

	memcpy(p, img->data, n);
	if (fix && n >= HEAD) {
		cf_le_put(p + CF_HEAD, n - HEAD, 8);
		cf_le_put(p + CF_HEAD + 8, cf_sum(p + HEAD, n - HEAD), 8);
	}
	/* A new file each time: ext4 flushes a truncated one on close. */
	(void)unlink(file);
	if (fs_write(file, p, n) == -1)
		fprintf(stderr, "cannot write %s\n", file);
	free(p);
}

static void
test_round_trip(void)
{
	struct hist_pool pool, pool2;
	struct hist_state st, got;
	struct hist_live *live;
	struct diag	 d;
	size_t		 n;

	memset(&pool, 0, sizeof(pool));
	memset(&pool2, 0, sizeof(pool2));
	memset(&st, 0, sizeof(st));
	memset(&got, 0, sizeof(got));
	st.pool = &pool;
	got.pool = &pool2;
	diag_init(&d);
	build(&st);
	save(&st, &d);
	T_INTEQ(d.warnings + d.errors, 0);
	T_OK(fs_is_file(file));
	T_OK(ignored());
	T_INTEQ(hist_cache_load(dir, "site/", SKEY, &got), 0);
	same_state(&st, &got);
	/* The live list as loaded: c.md, d.md, at their last events. */
	live = hist_live_list(&got, &n);
	T_INTEQ(n, 2);
	if (n == 2) {
		T_STREQ(live[0].path, "content/c.md");
		T_STREQ(live[1].path, "content/d.md");
		T_INTEQ(live[0].page, 1);
		T_INTEQ(live[1].page, 2);
	}
	free(live);
	/* Another source prefix or shallow state: not this cache. */
	T_INTEQ(load("", SKEY), -1);
	T_INTEQ(load("site/", SKEY + 1), -1);
	T_INTEQ(load("site/", SKEY), 0);
	hist_state_free(&st);
	hist_state_free(&got);
	hist_pool_free(&pool);
	hist_pool_free(&pool2);
	diag_free(&d);
}

static void
test_damage(void)
{
	struct buf	 img = BUF_INIT;
	size_t		 n, i;
	int		 bad;

	if (fs_read(file, HIST_CACHE_MAX, &img) == -1) {
		T_OK(!"cache file readable");
		return;
	}
	n = img.len;
	T_OK(n > HEAD + 40);
	/* Every shorter file is refused: truncated anywhere. */
	for (bad = 0, i = 0; i < n; i++) {
		put(&img, i, 0);
		bad += load("site/", SKEY) == -1;
	}
	T_INTEQ(bad, n);
	/* ... even with its length and checksum made right. */
	for (bad = 0, i = HEAD; i < n; i++) {
		put(&img, i, 1);
		bad += load("site/", SKEY) == -1;
	}
	T_INTEQ(bad, n - HEAD);
	/* The whole file with its checksum redone loads: the fix is right. */
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), 0);
	/* One byte flipped anywhere: refused (header or checksum). */
	for (bad = 0, i = 0; i < n; i++) {
		img.data[i] ^= 0x40;
		put(&img, n, 0);
		bad += load("site/", SKEY) == -1;
		img.data[i] ^= 0x40;
	}
	T_INTEQ(bad, n);
	/* Another version, or a salt (the cache has none). */
	img.data[8]++;
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[8]--;
	img.data[12] = 1;
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[12] = 0;
	/* Version 2 in this framing, its checksum right: not read. */
	T_INTEQ(img.data[8], 3);
	img.data[8] = 2;
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[8] = 3;
	/*
	 * Bad contents under a right checksum.  The file ends with the live
	 * list: u32 count 2, then (page, path id) for c.md and d.md.
	 */
	img.data[n - 20] = 3;			/* count more than is there */
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[n - 20] = 2;
	img.data[n - 4] ^= 1;			/* d.md at another path */
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[n - 4] ^= 1;
	img.data[n - 8] = 0;			/* d.md's entry names page a */
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[n - 8] = 2;
	img.data[n - 16] = 2;			/* c.md's page: d's, twice */
	put(&img, n, 1);
	T_INTEQ(load("site/", SKEY), -1);
	img.data[n - 16] = 1;
	/* Every byte flipped in turn under a right checksum: never a crash,
	   and the file as it was still loads. */
	for (i = HEAD; i < n; i++) {
		img.data[i] ^= 0x81;
		put(&img, n, 1);
		(void)load("site/", SKEY);
		img.data[i] ^= 0x81;
	}
	put(&img, n, 0);
	T_INTEQ(load("site/", SKEY), 0);
	buf_free(&img);
}

/*
 * A file as version 2 wrote it (magic, u32 2, u64 body length, u64
 * checksum: 28 bytes, no salt) holding this very body: refused, so the
 * history is walked again, never misread.
 */
static void
test_old_version(void)
{
	struct buf	 img = BUF_INIT, old = BUF_INIT;
	unsigned char	 hd[28];

	if (fs_read(file, HIST_CACHE_MAX, &img) == -1 || img.len < HEAD) {
		T_OK(!"cache file readable");
		goto out;
	}
	memcpy(hd, "CCHCHIST", 8);
	cf_le_put(hd + 8, 2, 4);
	cf_le_put(hd + 12, img.len - HEAD, 8);
	cf_le_put(hd + 20, cf_sum(img.data + HEAD, img.len - HEAD), 8);
	buf_put(&old, hd, sizeof(hd));
	buf_put(&old, img.data + HEAD, img.len - HEAD);
	put(&old, old.len, 0);
	T_INTEQ(load("site/", SKEY), -1);
	/* The file as it was loads again. */
	put(&img, img.len, 0);
	T_INTEQ(load("site/", SKEY), 0);
out:
	buf_free(&img);
	buf_free(&old);
}

/*
 * The whole file of a cache with no commit yet, byte for byte: the
 * header of cachefile.h (every integer little-endian), then the body.
 * The checksum is hash64 of the body, seed 0: a literal, so that another
 * host or another hash would show here.
 */
static void
test_bytes(void)
{
	static const unsigned char want_head[CF_SEALED_HEAD] = {
		'C', 'C', 'H', 'C', 'H', 'I', 'S', 'T',
		0x03, 0x00, 0x00, 0x00,				/* version */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* salt */
		0x5f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* 95 */
		SUM_BYTES					/* checksum */
	};
	struct hist_pool pool;
	struct hist_state st;
	struct buf	 want = BUF_INIT, got = BUF_INIT;
	struct diag	 d;
	unsigned char	 u[8];

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	st.have_map = 1;
	memset(st.tip, 'a', 40);
	diag_init(&d);
	save(&st, &d);
	T_INTEQ(d.warnings + d.errors, 0);
	buf_put(&want, want_head, sizeof(want_head));
	buf_put(&want, "\x05\0\0\0site/", 10);		/* prefix */
	buf_put(&want, "\x28\0\0\0", 4);		/* tip */
	buf_put(&want, st.tip, 41);
	cf_le_put(u, SKEY, 8);
	buf_put(&want, u, 8);
	buf_put(&want, "\0\0\0\0\0\0\0\0", 8);		/* commits */
	buf_put(&want, "\0\0\0\0\0\0\0\0", 8);		/* pages */
	buf_put(&want, "\0\0\0\0" "\0\0\0\0" "\0\0\0\0" "\0\0\0\0", 16);
	T_INTEQ(want.len, CF_SEALED_HEAD + 95);
	if (fs_read(file, HIST_CACHE_MAX, &got) == -1)
		T_OK(!"cache file readable");
	T_INTEQ(got.len, want.len);
	T_OK(got.len == want.len && memcmp(got.data, want.data,
	    want.len) == 0);
	T_OK(cf_sum(want.data + CF_SEALED_HEAD, 95) ==
	    cf_le_get((const unsigned char *)want.data + CF_HEAD + 8, 8));
	T_INTEQ(load("site/", SKEY), 0);
	hist_state_free(&st);
	hist_pool_free(&pool);
	buf_free(&want);
	buf_free(&got);
	diag_free(&d);
}

/*
 * A loaded cache goes on: one more commit modifies d.md; the saved file
 * holds the old records (copied as bytes) and the new ones.
 */
static void
test_grow(void)
{
	struct hist_pool pool, pool2, pool3;
	struct hist_state st, got, again;
	struct hist_commit c;
	struct hist_slot *s;
	struct diag	 d;
	size_t		 crec, page, nold;
	uint32_t	 sid;

	memset(&pool, 0, sizeof(pool));
	memset(&pool2, 0, sizeof(pool2));
	memset(&pool3, 0, sizeof(pool3));
	memset(&st, 0, sizeof(st));
	memset(&got, 0, sizeof(got));
	memset(&again, 0, sizeof(again));
	st.pool = &pool;
	got.pool = &pool2;
	again.pool = &pool3;
	diag_init(&d);
	build(&st);
	save(&st, &d);
	if (hist_cache_load(dir, "site/", SKEY, &got) == -1) {
		T_OK(!"cache loads");
		goto out;
	}
	nold = got.nevs;
	hist_map_from_order(&got);
	commit(&c, 0x44, 5000000100LL, 420, "Lê Thu", "Sửa d");
	crec = hist_crec_add(&got, &c, 3);
	T_OK((s = hist_map_find(&got.live, "content/d.md")) != NULL);
	page = s != NULL ? s->page : 0;
	sid = s != NULL ? s->sid : 0;
	hist_ev_add(&got, HIST_MODIFIED, crec, page, sid, HIST_NOSTR,
	    HIST_NOSTR);
	/* A new string too: the subject. */
	T_OK(got.nstrs > st.nstrs);
	got.ncommits = 4;
	memset(got.tip, '4', 40);
	save(&got, &d);
	T_INTEQ(d.warnings + d.errors, 0);
	T_INTEQ(hist_cache_load(dir, "site/", SKEY, &again), 0);
	same_state(&got, &again);
	T_INTEQ(again.nevs, nold + 1);
	T_STREQ(again.strs[again.crecs[3].subject], "Sửa d");
out:
	hist_state_free(&st);
	hist_state_free(&got);
	hist_state_free(&again);
	hist_pool_free(&pool);
	hist_pool_free(&pool2);
	hist_pool_free(&pool3);
	diag_free(&d);
}

/* A cache folder that cannot be made: a warning, no error, no file. */
static void
test_unwritable(void)
{
	struct hist_pool pool;
	struct hist_state st;
	struct hist_live *live;
	struct diag	 d;
	char		*blocker, *sub;
	size_t		 n;

	memset(&pool, 0, sizeof(pool));
	memset(&st, 0, sizeof(st));
	st.pool = &pool;
	diag_init(&d);
	build(&st);
	blocker = fs_join(tmp, "file");
	sub = fs_join(blocker, "cache");
	fs_write(blocker, "x", 1);
	live = hist_live_list(&st, &n);
	hist_cache_save(sub, "site/", SKEY, &st, live, n, &d);
	T_INTEQ(d.warnings, 1);
	T_INTEQ(d.errors, 0);
	T_OK(d.len == 1 && strstr(d.msgs[0].text, "bộ nhớ đệm lịch sử") !=
	    NULL);
	free(live);
	free(blocker);
	free(sub);
	hist_state_free(&st);
	hist_pool_free(&pool);
	diag_free(&d);
}

int
main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/cchc-hist-cache-XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	dir = fs_join(tmp, "cache");
	file = fs_join(dir, "history");

	test_round_trip();
	test_damage();
	test_old_version();
	test_bytes();
	test_grow();
	test_unwritable();

	if (t_fail == 0)
		fs_rmtree(tmp);
	else
		fprintf(stderr, "files kept in %s\n", tmp);
	free(dir);
	free(file);
	return t_done("hist_cache");
}
