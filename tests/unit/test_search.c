/*
 * test_search.c - the search index's format (search.h, docs/search.md):
 * FNV-1a, bucket and shard names, base64, postings and the shorter of
 * their two encodings, JSON strings, a page's text from its HTML.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "t.h"

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

#define JSON(s, n, want) do {						\
	struct buf t_b_ = BUF_INIT;					\
	search_json_str(&t_b_, (s), (n));				\
	T_STREQ(buf_cstr(&t_b_), (want));				\
	buf_free(&t_b_);						\
} while (0)

static void
test_json(void)
{
	JSON("", 0, "\"\"");
	JSON("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	JSON("x\ny\tz\x01", 6, "\"x\\ny\\tz\\u0001\"");
	JSON("được", strlen("được"), "\"được\"");
	JSON("a\xe2\x80\xa8" "b\xe2\x80\xa9", 8, "\"a\\u2028b\\u2029\"");
	JSON("</script>", 9, "\"</script>\"");
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

int
main(void)
{
	test_fnv();
	test_bucket_names();
	test_shards();
	test_base64();
	test_postings();
	test_json();
	test_html_text();
	test_cut();
	return t_done("search");
}
