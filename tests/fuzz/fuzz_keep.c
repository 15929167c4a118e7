/*
 * fuzz_keep.c - the search index kept between builds (<cache>/search:
 * search.c's keep_load, get_*, job_load) as a build reads it, through
 * search_build_kept() on a small site made once.  The input is the
 * file's body: the harness seals it itself (keep_sealed: a header the
 * input has is dropped, the head's length and checksum and each part's
 * checksum made right), so that mutations reach the parser instead of
 * failing a checksum.
 *
 * search.h's contract, checked on every input:
 *   - never a crash, a leak or a hang, whatever the file says;
 *   - a file refused is a whole build: the index is the one a whole build
 *     makes (every file but the documents', byte for byte) and the kept
 *     file is written anew with the whole build's bytes;
 *   - a file accepted is left as it is; and when it is one written for
 *     these documents (or for all but the last, or one with a document's
 *     text since changed) with any keys in its table, the index is again
 *     the whole build's: a key that differs only makes its document be
 *     taken out and put in again.  (A file that says other postings
 *     under a right seal and right keys is trusted: a kept index has no
 *     other source of truth.  Those only must not crash.)
 *
 * With CCHC_FUZZ_SEEDS=DIR in the environment, the harness first writes
 * its seeds into DIR (the three valid files, cut ones, bit flips): that
 * is how tests/fuzz/seeds/keep/ was made, e.g.
 *   : >/tmp/e && CCHC_FUZZ_SEEDS=tests/fuzz/seeds/keep build/tests/replay_keep /tmp/e
 * accepted-1 and -2 there are inputs libFuzzer found that the reader
 * takes, with postings other than the whole build's (the writers then
 * run over them in the replay too).
 */
#include <stdio.h>
#include <unistd.h>

#include "fs.h"
#include "model.h"
#include "search.h"
#include "fuzz.h"

#define MAGIC	"CCHCSRCH"
#define VERSION	2
#define SALT	0		/* keep_sealed's */
#define NDOCS	6
#define STALE	2		/* the document the stale file has otherwise */
#define KEEPDOC	16		/* bytes a document in the file's table */
#define NGOOD	3

static const char *const titles[NDOCS] = {
	"Thủ tục hành chính cấp tỉnh",
	"Kế hoạch 19/KH-UBND về cải cách",
	"Tin tức: hội nghị triển khai",
	"Trang giới thiệu",
	"Thủ tục 1.004698 đăng ký",
	"Được giao nhiệm vụ mới",
};
static const char *const bodies[NDOCS] = {
	"<p>Thủ tục hành chính được giải quyết đúng hẹn; thu tuc "
	    "hanh chinh.</p>",
	"<p>Thực hiện Kế hoạch số 19/KH-UBND; kí và ký, quí và quý.</p>"
	    "<ul><li>Nhiệm vụ một</li><li>Nhiệm vụ hai</li></ul>",
	"<p>Hội nghị triển khai nhiệm vụ năm 2025 tại trụ sở.</p>",
	"<p>Giới thiệu chung về sở; đăng ký, dang ki.</p>",
	"<p>Mã 1.004698, phí thẩm định 1.000.000 đồng, toàn trình.</p>",
	"<p>Được giao, được nhận; thủ tục hành chính mới.</p>",
};
static const char *const stale_body =
    "<p>Nội dung cũ: zzcu và thủ tục khác hẳn.</p>";

/* What every input is checked against, made once. */
static struct {
	struct site	*site;		/* NDOCS pages, kept */
	struct buf	 index;		/* its whole build, but d/ */
	struct buf	 file;		/* the kept file a whole build writes */
	struct buf	 good[NGOOD];	/* whole files: this site's, all but
					   the last document's, the stale one */
	size_t		 ngood_docs[NGOOD];
	uint64_t	 stale_key;	/* STALE's key now */
	size_t		 npart;		/* parts in the file (search.c's) */
	char		*dir, *path;
} ref;

/*
 * The input as a kept file: a header it has is dropped; where its count
 * gives a head that fits, the head is sealed and each part that its
 * table places within the input gets its checksum; else the whole body
 * is sealed as the head (which the reader refuses).
 */
static void
keep_sealed(struct buf *b, const uint8_t *data, size_t size)
{
	unsigned char	*body, *end, *sum;
	size_t		 head = size, h, k, from, to;
	uint64_t	 ndocs;

	if (size >= CF_SEALED_HEAD && memcmp(data, MAGIC, 8) == 0) {
		data += CF_SEALED_HEAD;
		size -= CF_SEALED_HEAD;
	}
	buf_reset(b);
	cf_begin_sealed(b, MAGIC, VERSION, SALT);
	buf_put(b, data, size);
	body = (unsigned char *)b->data + CF_SEALED_HEAD;
	head = size;
	if (size >= 4 && (ndocs = cf_le_get(body, 4)) <= (size - 4) /
	    KEEPDOC && (h = 4 + ndocs * KEEPDOC + 16 * ref.npart) <= size) {
		head = h;
		end = body + head - 16 * ref.npart;
		sum = end + 8 * ref.npart;
		for (k = 0, from = 0; k < ref.npart; k++) {
			to = cf_le_get(end + 8 * k, 8);
			if (from <= to && to <= size - head)
				cf_le_put(sum + 8 * k, cf_sum(body + head +
				    from, to - from), 8);
			from = to;
		}
	}
	cf_le_put((unsigned char *)b->data + CF_HEAD, head, 8);
	cf_le_put((unsigned char *)b->data + CF_HEAD + 8, cf_sum(body, head),
	    8);
}

static struct site *
site_make(size_t n, int stale)
{
	struct site	*s = xcalloc(1, sizeof(*s));
	struct page	*p;
	char		 t[64];
	size_t		 d;

	s->pages = xcalloc(n ? n : 1, sizeof(*s->pages));
	for (d = 0; d < n; d++) {
		p = s->pages[d] = xcalloc(1, sizeof(*p));
		p->kind = PAGE_PAGE;
		snprintf(t, sizeof(t), "content/p%zu.md", d);
		p->src = xstrdup(t);
		snprintf(t, sizeof(t), "p/%zu/", d);
		p->url = xstrdup(t);
		p->title = xstrdup(titles[d]);
		/* Dated in url order: ids follow d, the last is newest. */
		p->has_date = d > 0;
		p->date.y = 2023 + (int)d / 2;
		p->date.m = 1 + (int)d;
		p->date.d = 5;
		p->date.tz = 420;
		p->md.html = xstrdup(stale && d == STALE ? stale_body :
		    bodies[d]);
		p->md_done = 1;
	}
	s->npages = n;
	return s;
}

static void
fz_site_free(struct site *s)
{
	size_t	 d;

	search_free(s->search);
	for (d = 0; d < s->npages; d++) {
		free(s->pages[d]->src);
		free(s->pages[d]->url);
		free(s->pages[d]->title);
		free(s->pages[d]->md.html);
		free(s->pages[d]);
	}
	free(s->pages);
	free(s);
}

/* Every file of the index but the documents', one after another. */
static void
index_bytes(const struct search *idx, struct buf *b)
{
	unsigned	 k;

	buf_reset(b);
	search_root_js(idx, b);
	for (k = 0; k < search_nshards(idx); k++)
		search_dict_js(idx, k, b);
	for (k = 0; k < search_nbuckets(idx); k++)
		search_bucket_js(idx, k, b);
}

static int
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->data, b->data, a->len) == 0);
}

static void
read_file(const char *path, struct buf *b)
{
	buf_reset(b);
	if (fs_read(path, (size_t)64 << 20, b) == -1)
		abort();
}

/* The kept file a first build of s writes (a whole build). */
static void
kept_file(struct site *s, struct buf *b)
{
	(void)unlink(ref.path);
	search_build_kept(s, 1, ref.path, SALT);
	read_file(ref.path, b);
	if (b->len < CF_SEALED_HEAD + 4 + KEEPDOC * s->npages)
		abort();
}

/*
 * Is the sealed file in the same bytes as good g but for the keys of its
 * table, so that the index must be the whole build's?  Not when the
 * stale file's STALE key is the one it has now: its old postings are
 * then taken for right.
 */
static int
good_but_keys(const struct buf *in)
{
	const unsigned char *a, *b;
	size_t		 g, i, off, n;

	for (g = 0; g < NGOOD; g++) {
		if (in->len != ref.good[g].len)
			continue;
		a = (const unsigned char *)in->data + CF_SEALED_HEAD;
		b = (const unsigned char *)ref.good[g].data + CF_SEALED_HEAD;
		n = in->len - CF_SEALED_HEAD;
		for (i = 0; i < n; i++) {
			off = i >= 4 ? i - 4 : 0;
			if (a[i] != b[i] && !(i >= 4 && off / KEEPDOC <
			    ref.ngood_docs[g] && off % KEEPDOC >= 8))
				break;
		}
		if (i < n)
			continue;
		if (g == 2 && cf_le_get(a + 4 + KEEPDOC * STALE + 8, 8) ==
		    ref.stale_key)
			continue;
		return 1;
	}
	return 0;
}

/* A seed: file's header, then its body's first len bytes, with the body's
   byte `flip` xor 0x41 (0: none; the harness seals it again anyway). */
static void
seed(const char *dir, const char *name, const struct buf *file,
    size_t len, size_t flip)
{
	struct buf	 b = BUF_INIT;
	char		*p = fs_join(dir, name);

	buf_put(&b, file->data, CF_SEALED_HEAD + len);
	if (flip != 0 && CF_SEALED_HEAD + flip < b.len)
		b.data[CF_SEALED_HEAD + flip] ^= 0x41;
	if (fs_replace(p, b.data, b.len) == -1)
		abort();
	free(p);
	buf_free(&b);
}

static void
seeds(const char *dir)
{
	const struct buf *f = &ref.file;
	size_t		 body = f->len - CF_SEALED_HEAD;
	size_t		 table = 4 + KEEPDOC * NDOCS;
	size_t		 head = table + 16 * ref.npart;
	char		 name[32];
	int		 i;

	seed(dir, "valid", f, body, 0);
	seed(dir, "prefix", &ref.good[1], ref.good[1].len - CF_SEALED_HEAD, 0);
	seed(dir, "stale", &ref.good[2], ref.good[2].len - CF_SEALED_HEAD, 0);
	seed(dir, "key", f, body, 4 + KEEPDOC * 3 + 8);
	seed(dir, "cut-count", f, 3, 0);
	seed(dir, "cut-table", f, table + 20, 0);
	for (i = 1; i <= 3; i++) {
		snprintf(name, sizeof(name), "cut-%d", i);
		seed(dir, name, f, body * (size_t)i / 4, 0);
	}
	/* Bit flips: the count, a url, the parts' table, the parts. */
	seed(dir, "flip-count", f, body, 0 + 1);
	seed(dir, "flip-url", f, body, 4 + KEEPDOC * 2);
	seed(dir, "flip-table", f, body, table + 8 * 3);
	for (i = 1; i <= 4; i++) {
		snprintf(name, sizeof(name), "flip-%d", i);
		seed(dir, name, f, body, head + (body - head) * (size_t)i / 5);
	}
}

static void
cleanup(void)
{
	if (ref.dir != NULL)
		(void)fs_rmtree(ref.dir);
}

static void
init(void)
{
	const char	*tmp = getenv("TMPDIR");
	struct site	*s;
	char		*t;

	t = fs_join(tmp != NULL && *tmp != '\0' ? tmp : "/tmp",
	    "cchc-fuzz-keep-XXXXXX");
	if ((ref.dir = mkdtemp(t)) == NULL)
		abort();
	atexit(cleanup);
	ref.path = fs_join(ref.dir, "search");
	ref.site = site_make(NDOCS, 0);
	search_build(ref.site, 1);
	index_bytes(ref.site->search, &ref.index);
	kept_file(ref.site, &ref.file);
	/* The head: the table of documents, then each part's end and sum. */
	ref.npart = ((size_t)cf_le_get((unsigned char *)ref.file.data +
	    CF_HEAD, 8) - 4 - KEEPDOC * NDOCS) / 16;
	buf_put(&ref.good[0], ref.file.data, ref.file.len);
	ref.ngood_docs[0] = NDOCS;
	s = site_make(NDOCS - 1, 0);
	kept_file(s, &ref.good[1]);
	ref.ngood_docs[1] = NDOCS - 1;
	fz_site_free(s);
	s = site_make(NDOCS, 1);
	kept_file(s, &ref.good[2]);
	ref.ngood_docs[2] = NDOCS;
	fz_site_free(s);
	ref.stale_key = search_page_key(ref.site, ref.site->pages[STALE]);
	if ((t = getenv("CCHC_FUZZ_SEEDS")) != NULL && *t != '\0') {
		(void)fs_mkdirs(t);
		seeds(t);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct buf	 in = BUF_INIT, got = BUF_INIT, after = BUF_INIT;
	size_t		 d;
	int		 whole, kept;

	if (!ready) {
		init();
		ready = 1;
	}
	keep_sealed(&in, data, size);
	if (fs_replace(ref.path, in.data, in.len) == -1)
		abort();
	search_build_kept(ref.site, 1, ref.path, SALT);
	if (search_ndocs(ref.site->search) != NDOCS)
		abort();
	for (d = 0; d < NDOCS; d++)
		if (ref.site->pages[d]->doc != (long)d)
			abort();
	index_bytes(ref.site->search, &got);
	/* Refused: written anew as a whole build writes it; accepted:
	   left as it was. */
	read_file(ref.path, &after);
	whole = same(&after, &ref.file);
	kept = same(&after, &in);
	if (!whole && !kept)
		abort();
	if ((whole || good_but_keys(&in)) && !same(&got, &ref.index))
		abort();
	buf_free(&in);
	buf_free(&got);
	buf_free(&after);
	return 0;
}
