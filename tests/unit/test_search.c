/*
 * test_search.c - the search index's format (search.h, docs/search.md):
 * FNV-1a, bucket and shard names, base64, postings and the shorter of
 * their two encodings, JSON strings, a page's text from its HTML; and
 * search_build() over more documents than one round of chunks, against
 * postings worked out here and across job counts; the index kept between
 * builds (search_build_kept): after edits, a new document, a damaged, old
 * or foreign file, the same bytes as a whole build; the whole build
 * beside the bodies (search_begin .. search_end), fed in any order from
 * several threads: the same index and kept file as after them, and
 * stopped half way (search_drop) without a leak or a wait for ever.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cachefile.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "pool.h"
#include "routes.h"
#include "search.h"
#include "t.h"
#include "write.h"

static void
test_fnv(void)
{
	T_INTEQ(search_fnv1a("", 0), 0x811c9dc5u);
	T_INTEQ(search_fnv1a("a", 1), 0xe40c292cu);
	T_INTEQ(search_fnv1a("foobar", 6), 0xbf9cf968u);
}

#define BUCKET(b, nb, want) do {					\
	char *t_n_ = search_bucket_name((b), (nb));			\
	T_STREQ(t_n_, (want));						\
	free(t_n_);							\
} while (0)

static void
test_bucket_names(void)
{
	BUCKET(5, 8, "5");
	BUCKET(1, 16, "1");
	BUCKET(10, 256, "0a");
	BUCKET(0x3f, 4096, "03f");
	BUCKET(0x1ab, 1024, "1ab");
	BUCKET(0, 65536, "0000");
	BUCKET(0xffff, 65536, "ffff");
}

#define SHARD(term, ns, want)						\
	T_INTEQ(search_shard_of((term), strlen(term), (ns)), (want))

static void
test_shards(void)
{
	/* By the first two bytes: FNV-1a("th") = 0x41454691. */
	SHARD("thu", 256, 0x91);
	SHARD("th", 256, 0x91);
	SHARD("thanh", 4096, 0x691);
	SHARD("t", 256, search_fnv1a("t", 1) & 255);
	SHARD("1004698", 32, 4);		/* "10" */
	SHARD("\xe4\xb8\xad", 4096, 1041);	/* 中: its first two bytes */
	SHARD("anything", 1, 0);
	BUCKET(1, 1, "1");
}

#define B64(s, n, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	search_base64(&t_b_, (const unsigned char *)(s), (n));		\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

static void
test_base64(void)
{
	B64("", 0, "");
	B64("f", 1, "Zg");
	B64("fo", 2, "Zm8");
	B64("foo", 3, "Zm9v");
	B64("foobar", 6, "Zm9vYmFy");
	B64("\xff\xff", 2, "//8");
	{
		/* Appended in place, the buffer grown past its first 64. */
		struct buf	 b = BUF_INIT;
		unsigned char	 z[120];

		memset(z, 0, sizeof(z));
		buf_puts(&b, "x");
		search_base64(&b, z, sizeof(z));
		T_INTEQ((long)b.len, 161);
		T_INTEQ((long)strspn(b.data + 1, "A"), 160);
		T_INTEQ(b.data[b.len], 0);
		buf_free(&b);
	}
}

#define POST(ids, n, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	search_postings(&t_b_, (ids), (n));				\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

static void
test_postings(void)
{
	uint32_t	 one[] = { 0 }, far[] = { 200 }, two[] = { 3, 130 };
	uint32_t	 run[16], i;

	POST(one, 0, "\"\"");
	/* gap 1 = 0x01, bitmap 0x01: a tie goes to v. */
	POST(one, 1, "\"vAQ\"");
	/* gap 201: LEB128 c9 01; the bitmap would take 26 bytes. */
	POST(far, 1, "\"vyQE\"");
	/* gaps 4, 127: 04 7f. */
	POST(two, 2, "\"vBH8\"");
	for (i = 0; i < 16; i++)
		run[i] = i;
	/* 16 bytes of gaps against a bitmap of ff ff. */
	POST(run, 16, "\"b//8\"");
}

/* The postings as first written (two passes of LEB128, then the
   shorter): what the one-pass writer must give, byte for byte. */
static void
ref_postings(struct buf *b, const uint32_t *ids, size_t n)
{
	unsigned char	*raw;
	size_t		 nv = 0, nbm, i, k;
	uint32_t	 g, prev = 0;

	if (n == 0) {
		buf_puts(b, "\"\"");
		return;
	}
	raw = calloc(n * 5, 1);		/* the gaps: five bytes each at most */
	for (i = 0; i < n; i++) {
		g = i == 0 ? ids[0] + 1 : ids[i] - prev;
		prev = ids[i];
		do {
			raw[nv++] = (unsigned char)((g & 0x7F) |
			    (g > 0x7F ? 0x80 : 0));
			g >>= 7;
		} while (g != 0);
	}
	nbm = (ids[n - 1] >> 3) + 1;
	buf_putc(b, '"');
	if ((nv * 4 + 2) / 3 <= (nbm * 4 + 2) / 3) {
		buf_putc(b, 'v');
		search_base64(b, raw, nv);
	} else {
		free(raw);
		raw = calloc(nbm, 1);
		for (k = 0; k < n; k++)
			raw[ids[k] >> 3] |= (unsigned char)(1u << (ids[k] & 7));
		buf_putc(b, 'b');
		search_base64(b, raw, nbm);
	}
	buf_putc(b, '"');
	free(raw);
}

/*
 * Random sets, sparse to dense, gaps of every LEB128 length (up to five
 * bytes), small and past the writer's stack buffer: the same bytes as
 * ref_postings(), and search_postings_len() their length.
 */
static void
test_postings_random(void)
{
	static uint32_t	 ids[3000];
	static const uint32_t steps[] = { 1, 3, 9, 130, 20000, 3000000,
	    400000000 };
	struct buf	 got = BUF_INIT, want = BUF_INIT;
	unsigned long	 seed = 12345;
	size_t		 round, n, i, bad = 0;
	uint32_t	 id, step;

	for (round = 0; round < 4000; round++) {
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		n = 1 + (seed >> 33) % (round % 3 == 0 ? 3000 : 40);
		step = steps[(seed >> 20) % (sizeof(steps) / sizeof(*steps))];
		id = (uint32_t)((seed >> 40) % 7);
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			ids[i] = id;
			/* Stay below 2^32: the last ids' gaps shrink. */
			if (UINT32_MAX - id < 2 * (uint64_t)step) {
				n = i + 1;
				break;
			}
			id += 1 + (uint32_t)((seed >> 33) % step);
		}
		buf_reset(&got);
		buf_reset(&want);
		search_postings(&got, ids, n);
		ref_postings(&want, ids, n);
		if (strcmp(buf_cstr(&got), buf_cstr(&want)) != 0 ||
		    search_postings_len(ids, n) != got.len)
			bad++;
	}
	T_INTEQ((long)bad, 0);
	buf_free(&got);
	buf_free(&want);
}

#define JSON(s, n, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	search_json_str(&t_b_, (s), (n));				\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

/* Escapes at every offset of an eight-byte step, and after it. */
static void
test_json_offsets(void)
{
	static const char mid[] = "\"ư\xe2\x80\xa8\xe2\x80\xa7\\y\x1f\x7f";
	static const char esc[] = "\\\"ư\\u2028\xe2\x80\xa7\\\\y\\u001f\\u007f";
	struct buf	 got = BUF_INIT, want = BUF_INIT;
	char		 in[64];
	size_t		 k, n;

	for (k = 0; k < 20; k++) {
		memset(in, 'x', k);
		memcpy(in + k, mid, sizeof(mid) - 1);
		n = k + sizeof(mid) - 1;
		memset(in + n, 'z', k);
		n += k;
		in[n++] = '\n';
		buf_reset(&got);
		search_json_str(&got, in, n);
		buf_reset(&want);
		buf_putc(&want, '"');
		buf_put(&want, in, k);
		buf_puts(&want, esc);
		buf_put(&want, in + n - 1 - k, k);
		buf_puts(&want, "\\n\"");
		T_STREQ(buf_cstr(&got), buf_cstr(&want));
	}
	buf_free(&got);
	buf_free(&want);
}

static void
test_json(void)
{
	JSON("", 0, "\"\"");
	JSON("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	JSON("x\ny\tz\x01", 6, "\"x\\ny\\tz\\u0001\"");
	JSON("được", strlen("được"), "\"được\"");
	JSON("a\xe2\x80\xa8" "b\xe2\x80\xa9", 8, "\"a\\u2028b\\u2029\"");
	JSON("</script>", 9, "\"</script>\"");
	/* Runs between escapes, and the bytes near U+2028 left alone. */
	JSON("ab\x7f" "cd\"ef", 8, "\"ab\\u007fcd\\\"ef\"");
	JSON("a\xe2\x80\xa7" "b", 5, "\"a\xe2\x80\xa7" "b\"");
	JSON("a\xe2\x80", 3, "\"a\xe2\x80\"");
	JSON("\xe2\x80\xa8", 3, "\"\\u2028\"");
	test_json_offsets();
}

#define TEXT(html, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	search_html_text(&t_b_, (html), strlen(html));			\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

static void
test_html_text(void)
{
	TEXT("<p>Một &amp; hai</p>\n<p>b&#7871;n &#x110;&quot;</p>",
	    "Một & hai bến Đ\" ");
	TEXT("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "a b ");
	TEXT("a<br />b", "a b");
	TEXT("<em>in</em>line", "inline");
	TEXT("<p>x</p><script>var a = '<p>y</p>';</script><p>z</p>",
	    "x z ");
	TEXT("<style>p { color: red }</style>w", "w");
	TEXT("a &unknown; &#xZZ; <b", "a &unknown; &#xZZ; ");
	TEXT("<table><tr><td>1</td><td>2</td></tr></table>", "1 2 ");
	TEXT("&#0;", "\xef\xbf\xbd");
}

/*
 * Text of letters and white space alone: each run of white space one
 * space, none first (what search_html_text() makes of it).
 */
static void
ref_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else
			buf_putc(b, *s);
}

/*
 * Runs are found eight bytes a step: white space, markup and double
 * spaces at every offset of a word, and at the end of the text.
 */
static void
test_html_runs(void)
{
	static const char alpha[] = "ab \n\t\r\xc3\xa9 x";
	struct buf	 got = BUF_INIT, want = BUF_INIT;
	char		 s[64];
	unsigned long	 r = 12345;
	size_t		 i, k, n, bad = 0;

	for (i = 0; i < 20000; i++) {
		n = i % 41;
		for (k = 0; k < n; k++) {
			r = r * 6364136223846793005ul + 1442695040888963407ul;
			s[k] = alpha[(r >> 33) % (sizeof(alpha) - 1)];
		}
		s[n] = '\0';
		buf_reset(&got);
		buf_reset(&want);
		search_html_text(&got, s, n);
		ref_text(&want, s);
		if (strcmp(buf_cstr(&got), buf_cstr(&want)) != 0 && bad++ == 0)
			T_STREQ(buf_cstr(&got), buf_cstr(&want));
	}
	T_INTEQ(bad, 0);
	/* A tag and an entity at each offset. */
	for (k = 0; k < 20; k++) {
		memset(s, 'x', k);
		strcpy(s + k, "<b>y&amp;z  w");
		buf_reset(&got);
		search_html_text(&got, s, strlen(s));
		memset(s, 'x', k);
		strcpy(s + k, "y&z w");
		T_STREQ(buf_cstr(&got), s);
	}
	buf_free(&got);
	buf_free(&want);
}

static void
test_cut(void)
{
	const char	*t = "một hai ba";

	T_INTEQ(search_cut(t, strlen(t), 100), strlen(t));
	T_INTEQ(search_cut(t, strlen(t), 7), strlen("một"));
	T_INTEQ(search_cut(t, strlen(t), 9), strlen("một hai"));
	/* A word longer than max: cut at a character's start. */
	T_INTEQ(search_cut("ộộộ", 9, 4), 3);
	T_INTEQ(search_cut("a ", 2, 1), 1);
	T_INTEQ(search_cut("", 0, 5), 0);
}

#define NDOCS	2100	/* several rounds of chunks at any job count */

/* A site of n undated pages, id d at url p/<d>/ (ids in url order). */
static struct site *
test_site_n(size_t n)
{
	struct site	*s = calloc(1, sizeof(*s));
	struct page	*p;
	char		 t[256];
	size_t		 d;

	s->pages = calloc(n, sizeof(*s->pages));
	for (d = 0; d < n; d++) {
		p = s->pages[d] = calloc(1, sizeof(*p));
		p->kind = PAGE_PAGE;
		snprintf(t, sizeof(t), "content/p%05zu.md", d);
		p->src = strdup(t);
		snprintf(t, sizeof(t), "p/%05zu/", d);
		p->url = strdup(t);
		snprintf(t, sizeof(t), "tieu de t%c", (char)('a' + d % 5));
		p->title = strdup(t);
		snprintf(t, sizeof(t), "<p>w%c x%c alpha beta %s</p>",
		    (char)('a' + d % 7), (char)('a' + d % 11),
		    d % 3 == 0 ? "việc" : "viec");
		p->md.html = strdup(t);
		p->md_done = 1;
	}
	s->npages = n;
	return s;
}

static struct site *
test_site(void)
{
	return test_site_n(NDOCS);
}

static void
test_site_free(struct site *s)
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

/* The postings of the ids d with d % m == r (m 1: every id). */
static void
want_postings(struct buf *b, unsigned m, unsigned r)
{
	uint32_t	 ids[NDOCS];
	size_t		 n = 0, d;

	for (d = 0; d < NDOCS; d++)
		if (d % m == r)
			ids[n++] = (uint32_t)d;
	search_postings(b, ids, n);
}

/* Does term's bucket hold want? */
static void
check_entry(const struct search *idx, const char *term, const char *want)
{
	struct buf	 b = BUF_INIT;
	unsigned	 nb = search_nbuckets(idx);

	search_bucket_js(idx, search_fnv1a(term, strlen(term)) & (nb - 1),
	    &b);
	T_CONTAINS(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_build(void)
{
	struct site	*s = test_site(), *s3 = test_site();
	struct buf	 w = BUF_INIT, a = BUF_INIT, c = BUF_INIT;
	char		 term[] = "w?";
	unsigned	 k;

	search_build(s, 1);
	T_INTEQ(search_ndocs(s->search), NDOCS);
	T_OK(s->pages[NDOCS - 1]->doc == NDOCS - 1);
	for (k = 0; k < 7; k++) {
		term[1] = (char)('a' + k);
		buf_reset(&w);
		buf_printf(&w, "\"%s\":[", term);
		want_postings(&w, 7, k);
		buf_puts(&w, ",\"\"]");
		check_entry(s->search, term, buf_cstr(&w));
	}
	buf_reset(&w);
	buf_puts(&w, "\"tc\":[");
	want_postings(&w, 5, 2);
	buf_putc(&w, ',');
	want_postings(&w, 5, 2);
	buf_puts(&w, "]");
	check_entry(s->search, "tc", buf_cstr(&w));
	buf_reset(&w);
	buf_puts(&w, "\"alpha beta\":[");
	want_postings(&w, 1, 0);
	buf_puts(&w, "]");
	check_entry(s->search, "alpha beta", buf_cstr(&w));
	buf_reset(&w);
	buf_puts(&w, "\"viec\":[");
	want_postings(&w, 1, 0);
	buf_puts(&w, ",\"\",{\"việc\":");
	want_postings(&w, 3, 0);
	buf_puts(&w, "}]");
	check_entry(s->search, "viec", buf_cstr(&w));
	/* Chunks split the documents otherwise at 3 jobs: the same bytes. */
	search_build(s3, 3);
	T_INTEQ(search_nbuckets(s3->search), search_nbuckets(s->search));
	T_INTEQ(search_nshards(s3->search), search_nshards(s->search));
	for (k = 0; k < search_nbuckets(s->search); k++) {
		buf_reset(&a);
		buf_reset(&c);
		search_bucket_js(s->search, k, &a);
		search_bucket_js(s3->search, k, &c);
		T_STREQ(buf_cstr(&c), buf_cstr(&a));
	}
	for (k = 0; k < search_nshards(s->search); k++) {
		buf_reset(&a);
		buf_reset(&c);
		search_dict_js(s->search, k, &a);
		search_dict_js(s3->search, k, &c);
		T_STREQ(buf_cstr(&c), buf_cstr(&a));
	}
	buf_free(&w);
	buf_free(&a);
	buf_free(&c);
	test_site_free(s);
	test_site_free(s3);
}

/* A d/ file's snippet, made from part of the text, is the whole text's
   cut at every length. */
static void
test_snippet(void)
{
	struct site	 s;
	struct page	 p;
	struct buf	 whole = BUF_INIT, part = BUF_INIT;
	size_t		 max, n;
	char		 html[] = "<p> Thủ tục  <b>hành</b> chính&nbsp;&amp; "
			    "x</p>\n<ul><li>một</li><li>hai ba</li></ul>"
			    "<script>bỏ qua</script><p>aaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaa được&#x20;cuối <br> </p>";

	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	p.kind = PAGE_PAGE;
	p.md_done = 1;
	p.md.html = html;
	search_page_text(&s, &p, &whole);
	for (max = 0; max < whole.len + 4; max++) {
		buf_reset(&part);
		search_page_snippet(&s, &p, &part, max);
		n = search_cut(buf_cstr(&whole), whole.len, max);
		T_OK(part.len == n && memcmp(part.data, whole.data, n) == 0);
	}
	buf_free(&whole);
	buf_free(&part);
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

static void
set_str(char **p, const char *v)
{
	free(*p);
	*p = strdup(v);
}

/* The edits after the kept build: a body, a title, a new document. */
static struct site *
edited_site(void)
{
	struct site	*s = test_site_n(NDOCS + 1);

	set_str(&s->pages[100]->md.html, "<p>hoàn toàn mới, zzmoi alpha</p>");
	set_str(&s->pages[7]->title, "tiêu đề khác");
	set_str(&s->pages[2000]->md.html, "<p>wa xa alpha beta việc</p>");
	/* A word of one document only moves to another: its postings
	   emptied, then one id added (the slab's array given up). */
	set_str(&s->pages[6]->md.html, "<p>zzmot</p>");
	return s;
}

static ino_t
inode(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* A build over the file `path` as it is now: want's bytes? */
static void
kept_is(const char *path, uint64_t salt, const struct buf *want)
{
	struct site	*s = edited_site();
	struct buf	 got = BUF_INIT;

	search_build_kept(s, 2, path, salt);
	T_INTEQ(search_ndocs(s->search), NDOCS + 1);
	index_bytes(s->search, &got);
	T_OK(got.len == want->len && memcmp(got.data, want->data,
	    got.len) == 0);
	buf_free(&got);
	test_site_free(s);
}

static void
test_kept(void)
{
	char		 dir[] = "/tmp/cchc-search-XXXXXX";
	char		*path;
	struct site	*s, *f;
	struct buf	 want = BUF_INIT, got = BUF_INIT, file = BUF_INIT,
			 bad = BUF_INIT;
	ino_t		 ino;
	size_t		 i;

	if (mkdtemp(dir) == NULL) {
		T_OK(0);
		return;
	}
	path = fs_join(dir, "search");
	/* The whole build of the edited site, without a file. */
	f = edited_site();
	search_build(f, 1);
	index_bytes(f->search, &want);
	/* The first build writes the file; the edited one reads it, puts
	   in the three changed documents and leaves it as it is. */
	s = test_site();
	set_str(&s->pages[5]->md.html, "<p>zzmot</p>");
	search_build_kept(s, 2, path, 42);
	index_bytes(s->search, &got);
	T_OK(got.len != want.len || memcmp(got.data, want.data, got.len));
	test_site_free(s);
	T_OK((ino = inode(path)) != 0);
	kept_is(path, 42, &want);
	T_OK(inode(path) == ino);
	/* A kept index patched in place takes edits to the same result as
	   a whole build, twice over (the slab's postings copied out). */
	kept_is(path, 42, &want);
	/* Another salt (another cchc): a whole build, the file replaced. */
	T_INTEQ(fs_read(path, (size_t)64 << 20, &file), 0);
	kept_is(path, 43, &want);
	T_OK(inode(path) != ino);
	/* Damaged bytes anywhere, a torn file, another version: ignored. */
	for (i = 0; i < file.len; i += i < CF_SEALED_HEAD ? 1 : 211) {
		buf_reset(&bad);
		buf_put(&bad, file.data, file.len);
		bad.data[i] ^= 0x5A;
		fs_replace(path, bad.data, bad.len);
		kept_is(path, 42, &want);
	}
	fs_replace(path, file.data, file.len / 2);
	kept_is(path, 42, &want);
	buf_reset(&bad);
	buf_put(&bad, file.data, file.len);
	bad.data[8]++;			/* the version */
	cf_save(path, &bad);
	kept_is(path, 42, &want);
	/* Sealed again after a change: read or refused, never a crash
	   (tests/unit under ASan). */
	for (i = CF_SEALED_HEAD; i < file.len; i += 397) {
		struct site *e = edited_site();

		buf_reset(&bad);
		buf_put(&bad, file.data, file.len);
		bad.data[i] ^= 0xFF;
		cf_save(path, &bad);
		search_build_kept(e, 2, path, 42);
		T_INTEQ(search_ndocs(e->search), NDOCS + 1);
		test_site_free(e);
	}
	fs_rmtree(dir);
	free(path);
	buf_free(&want);
	buf_free(&got);
	buf_free(&file);
	buf_free(&bad);
	test_site_free(f);
}

/* The bodies made on threads, in an order far from the ids'. */
struct bodyjob {
	struct site	*s;
	struct search_run *run;
	char		**html;		/* each page's, taken by it */
	size_t		 n;		/* bodies to make */
};

static void
job_body(void *arg, size_t i)
{
	struct bodyjob	*j = arg;
	struct page	*p;
	size_t		 k = (i * 7919) % j->s->npages;

	/* Now and then a pause: the index's thread runs in between. */
	if (i % 256 == 255)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	p = j->s->pages[k];
	p->md.html = j->html[k];
	j->html[k] = NULL;
	p->md_done = 1;
	search_body_done(j->run, p);
}

/* s's bodies taken out, as before the markdown stage. */
static char **
bodies_out(struct site *s)
{
	char	**v = calloc(s->npages, sizeof(*v));
	size_t	  d;

	for (d = 0; d < s->npages; d++) {
		v[d] = s->pages[d]->md.html;
		s->pages[d]->md.html = NULL;
		s->pages[d]->md_done = 0;
	}
	return v;
}

static void
bodies_free(char **v, size_t n)
{
	size_t	 d;

	for (d = 0; d < n; d++)
		free(v[d]);
	free(v);
}

static void
test_beside(void)
{
	char		 dir[] = "/tmp/cchc-search-XXXXXX";
	char		*path, *ref;
	struct site	*s, *r;
	struct buf	 want = BUF_INIT, got = BUF_INIT, wf = BUF_INIT,
			 gf = BUF_INIT;
	struct bodyjob	 j;

	if (mkdtemp(dir) == NULL) {
		T_OK(0);
		return;
	}
	path = fs_join(dir, "search");
	ref = fs_join(dir, "ref");
	r = test_site();
	search_build_kept(r, 1, ref, 42);
	index_bytes(r->search, &want);
	/* Beside bodies made by 3 threads, in another order. */
	s = test_site();
	j.s = s;
	j.html = bodies_out(s);
	j.run = search_begin(s, 3, path, 42, 1, NULL);
	T_INTEQ(search_ndocs(s->search), NDOCS);
	/* Time for the thread to cut what it should not yet. */
	nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
	pool_run(NDOCS, 3, job_body, &j);
	search_end(j.run);
	index_bytes(s->search, &got);
	T_OK(got.len == want.len && memcmp(got.data, want.data,
	    got.len) == 0);
	/* The kept file too (its keys made with the texts, beside). */
	T_INTEQ(fs_read(ref, (size_t)64 << 20, &wf), 0);
	T_INTEQ(fs_read(path, (size_t)64 << 20, &gf), 0);
	T_OK(wf.len > 0 && gf.len == wf.len && memcmp(gf.data, wf.data,
	    wf.len) == 0);
	bodies_free(j.html, NDOCS);
	test_site_free(s);
	/* With the file kept, nothing runs beside: the same index. */
	s = test_site();
	j.s = s;
	j.html = bodies_out(s);
	j.run = search_begin(s, 3, path, 42, 1, NULL);
	pool_run(NDOCS, 3, job_body, &j);
	search_end(j.run);
	index_bytes(s->search, &got);
	T_OK(got.len == want.len && memcmp(got.data, want.data,
	    got.len) == 0);
	bodies_free(j.html, NDOCS);
	test_site_free(s);
	/* Stopped with a third of the bodies made: the run ends at once
	   (no wait for the rest) and everything is freed (ASan, valgrind). */
	s = test_site();
	j.s = s;
	j.html = bodies_out(s);
	j.run = search_begin(s, 2, NULL, 0, 1, NULL);
	pool_run(NDOCS / 3, 2, job_body, &j);
	search_drop(j.run);
	bodies_free(j.html, NDOCS);
	test_site_free(s);
	fs_rmtree(dir);
	free(path);
	free(ref);
	buf_free(&want);
	buf_free(&got);
	buf_free(&wf);
	buf_free(&gf);
	test_site_free(r);
}

/*
 * Beside the bodies with an output: each document's d/ file is written
 * there as its text is cut, byte for byte what the emit stage would
 * make of it, and search_doc_written() says so until the snippets go.
 */
static void
test_beside_out(void)
{
	char		 dir[] = "/tmp/cchc-search-XXXXXX";
	char		*out, *src, *cache, *rel, *path;
	struct outdir	 o;
	struct diag	 d;
	struct site	*s;
	struct page	*p;
	struct buf	 want = BUF_INIT, got = BUF_INIT;
	struct bodyjob	 j;
	size_t		 k, written = 0, same = 0;

	if (mkdtemp(dir) == NULL) {
		T_OK(0);
		return;
	}
	out = fs_join(dir, "out");
	src = fs_join(dir, "src");
	cache = fs_join(dir, "cache");
	T_INTEQ(fs_mkdirs(src), 0);
	diag_init(&d);
	T_INTEQ(out_begin(&o, out, src, cache, NULL, &d), 0);
	s = test_site();
	j.s = s;
	j.html = bodies_out(s);
	j.run = search_begin(s, 3, NULL, 0, 1, &o);
	pool_run(NDOCS, 3, job_body, &j);
	search_end(j.run);
	T_INTEQ(o.written, NDOCS + 1);		/* and the output's marker */
	for (k = 0; k < search_ndocs(s->search); k++) {
		p = search_doc_page(s->search, k);
		written += search_doc_written(s->search, p);
		rel = route_search_doc((long)k);
		path = fs_join(o.tmp, rel);
		buf_reset(&want);
		buf_reset(&got);
		search_doc_js(s, p, &want);
		if (fs_read(path, (size_t)1 << 20, &got) == 0 &&
		    got.len == want.len && memcmp(got.data, want.data,
		    got.len) == 0)
			same++;
		free(rel);
		free(path);
	}
	T_INTEQ(written, NDOCS);
	T_INTEQ(same, NDOCS);
	search_snippets_drop(s->search);
	T_OK(!search_doc_written(s->search, search_doc_page(s->search, 0)));
	T_INTEQ(d.errors, 0);
	out_abort(&o, &d);
	diag_free(&d);
	bodies_free(j.html, NDOCS);
	test_site_free(s);
	fs_rmtree(dir);
	free(out);
	free(src);
	free(cache);
	buf_free(&want);
	buf_free(&got);
}

int
main(void)
{
	test_fnv();
	test_bucket_names();
	test_shards();
	test_base64();
	test_postings();
	test_postings_random();
	test_json();
	test_html_text();
	test_html_runs();
	test_cut();
	test_build();
	test_snippet();
	test_kept();
	test_beside();
	test_beside_out();
	return t_done("search");
}
