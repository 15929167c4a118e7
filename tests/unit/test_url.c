/*
 * test_url.c - the one scheme parser, percent-encoder and -decoder: the
 * RFC 3986 grammar, and the same answers as the copies they replaced
 * (kept here as references) on generated inputs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "escape.h"
#include "url.h"
#include "util.h"
#include "t.h"

/* escape.c's url_is_safe before: letters up to ':' before / ? #. */
static int
old_is_safe(const char *u)
{
	size_t	 i;
	char	 scheme[16];

	for (i = 0; u[i] != '\0' && i < sizeof(scheme) - 1; i++) {
		if (u[i] == ':')
			break;
		if (strchr("/?#", u[i]) != NULL)
			return 1;
		scheme[i] = (char)tolower((unsigned char)u[i]);
	}
	if (u[i] != ':')
		return 1;
	scheme[i] = '\0';
	if (strcmp(scheme, "javascript") == 0 ||
	    strcmp(scheme, "vbscript") == 0 || strcmp(scheme, "file") == 0)
		return 0;
	if (strcmp(scheme, "data") == 0)
		return strncasecmp(u + i + 1, "image/png", 9) == 0 ||
		    strncasecmp(u + i + 1, "image/gif", 9) == 0 ||
		    strncasecmp(u + i + 1, "image/jpeg", 10) == 0 ||
		    strncasecmp(u + i + 1, "image/webp", 10) == 0;
	return 1;
}

/* escape.c's url_keep before. */
static int
old_keep(unsigned char c)
{
	if (isalnum(c))
		return 1;
	return strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL && c != '\0';
}

static int
old_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* xmlfeed.c's feed_pct_encode before: does it encode u[0]? */
static int
old_feed_encodes(const char *u)
{
	unsigned char	 c = (unsigned char)*u;

	return c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}[]", c) != NULL ||
	    (c == '%' && !(old_is_hex(u[1]) && old_is_hex(u[2])));
}

static const char *const pieces[] = {
	"javascript", "JaVaScript", "vbscript", "file", "data", "http",
	"mailto", ":", "/", "?", "#", "%", "%2", "%20", "%00", "%zz", " ",
	"\t", "a", "1", "+", "-", ".", "[", "]", "image/png", "IMAGE/JPEG",
	"\xe1\xba\xa3", "\"", "<", "'", "&", "x", "aaaaaaaaaaaaaaaa",
};
#define NPIECES	(sizeof(pieces) / sizeof(pieces[0]))

/* Generated strings of pieces: every answer as before. */
static void
test_same_as_before(void)
{
	char		 s[256];
	size_t		 k, j, n, i, bad_safe = 0, bad_enc = 0, bad_feed = 0;
	unsigned int	 seed = 12345;

	for (k = 0; k < 20000; k++) {
		s[0] = '\0';
		n = 1 + (k % 5);
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			strcat(s, pieces[(seed >> 16) % NPIECES]);
		}
		if (url_is_safe(s) != old_is_safe(s))
			bad_safe++;
		n = strlen(s);
		for (i = 0; i <= n; i++) {
			if (url_pct_needed(s, i, n + (i == n), 0) !=
			    !old_keep((unsigned char)s[i]))
				bad_enc++;
			if (i < n && url_pct_needed(s, i, n, URL_PCT_BRACKETS |
			    URL_PCT_STRAY) != old_feed_encodes(s + i))
				bad_feed++;
		}
	}
	T_INTEQ(bad_safe, 0);
	T_INTEQ(bad_enc, 0);
	T_INTEQ(bad_feed, 0);
}

static void
test_scheme(void)
{
	T_INTEQ(url_scheme_len("https://a"), 5);
	T_INTEQ(url_scheme_len("mailto:x@y"), 6);
	/* A drive of the editor's computer is not the scheme "c". */
	T_OK(url_is_drive_path("C:\\Users\\a.jpg"));
	T_OK(url_is_drive_path("d:/Anh/a.jpg"));
	T_OK(!url_is_drive_path("c:x"));
	T_OK(!url_is_drive_path("https://a"));
	T_INTEQ(url_scheme_len("a:"), 1);
	T_INTEQ(url_scheme_len("svn+ssh://h"), 7);
	T_INTEQ(url_scheme_len("x-y.z:1"), 5);
	T_INTEQ(url_scheme_len("a1:"), 2);
	/* Must start with a letter, hold only the scheme characters. */
	T_INTEQ(url_scheme_len("1a:"), 0);
	T_INTEQ(url_scheme_len(":x"), 0);
	T_INTEQ(url_scheme_len("a b:"), 0);
	T_INTEQ(url_scheme_len("x/y:z"), 0);
	T_INTEQ(url_scheme_len("//host/x"), 0);
	T_INTEQ(url_scheme_len("#top"), 0);
	T_INTEQ(url_scheme_len("../a.md"), 0);
	T_INTEQ(url_scheme_len("noscheme"), 0);
	T_INTEQ(url_scheme_len(""), 0);
	T_INTEQ(url_scheme_len("\xe1\xba\xa3:"), 0);
	T_OK(!url_is_safe("FILE:///etc/passwd"));
	T_OK(!url_is_safe("data:image/svg+xml,<svg>"));
	T_OK(url_is_safe("DATA:IMAGE/WEBP;base64,AA"));
	T_OK(url_is_safe("files:x"));
	T_OK(url_is_safe("java script:x"));
}

static void
test_encode_decode(void)
{
	struct buf	 b = BUF_INIT;
	char		*d;

	url_pct_encode(&b, "a b/[x]%zz%41ả", strlen("a b/[x]%zz%41ả"), 0);
	T_STREQ(buf_cstr(&b), "a%20b/[x]%zz%41%E1%BA%A3");
	buf_reset(&b);
	url_pct_encode(&b, "a b/[x]%zz%41%4", strlen("a b/[x]%zz%41%4"),
	    URL_PCT_BRACKETS | URL_PCT_STRAY);
	T_STREQ(buf_cstr(&b), "a%20b/%5Bx%5D%25zz%41%254");
	buf_reset(&b);
	/* A NUL byte inside is encoded, not an end. */
	url_pct_encode(&b, "a\0b", 3, 0);
	T_STREQ(buf_cstr(&b), "a%00b");
	buf_free(&b);

	d = url_pct_decode("anh%20dep.png", 13);
	T_STREQ(d, "anh dep.png");
	free(d);
	d = url_pct_decode("%E1%BA%a3%00%2%zz%", 18);
	T_STREQ(d, "\xe1\xba\xa3%00%2%zz%");
	free(d);
	/* Only n bytes are read: "%41" cut after "%4" stays. */
	d = url_pct_decode("x%41", 3);
	T_STREQ(d, "x%4");
	free(d);
	d = url_pct_decode("", 0);
	T_STREQ(d, "");
	free(d);
}

/* `links: files`: relative folder URLs end in index.html, nothing else
   changes. */
static void
test_folder_index(void)
{
	static const struct { const char *in, *out; int added; } cases[] = {
		{ "../tin-tuc/", "../tin-tuc/index.html", 1 },
		{ "./", "./index.html", 1 },
		{ "../../", "../../index.html", 1 },
		{ "tin-tuc/a/#binh-luan", "tin-tuc/a/index.html#binh-luan", 1 },
		{ "../tin-tuc/trang/2/?x=1", "../tin-tuc/trang/2/index.html?x=1",
		    1 },
		{ "..", "../index.html", 1 },
		{ ".", "./index.html", 1 },
		{ "../..#top", "../../index.html#top", 1 },
		{ "../rss.xml", "../rss.xml", 0 },
		{ "../style.css", "../style.css", 0 },
		{ "ke-hoach.pdf", "ke-hoach.pdf", 0 },
		{ "a/..b", "a/..b", 0 },
		{ "https://example.gov.vn/cchc/", "https://example.gov.vn/cchc/",
		    0 },
		{ "mailto:a@b.vn", "mailto:a@b.vn", 0 },
		{ "//cdn.example/x/", "//cdn.example/x/", 0 },
		{ "/tuyet-doi/", "/tuyet-doi/", 0 },
		{ "#cchc_noi-dung", "#cchc_noi-dung", 0 },
		{ "?trang=2", "?trang=2", 0 },
		{ "", "", 0 },
	};
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 added;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		added = url_folder_index(&b, cases[i].in, strlen(cases[i].in));
		T_STREQ(buf_cstr(&b), cases[i].out);
		T_INTEQ(added, cases[i].added);
	}
	/* Only n bytes are read: the rest of the page is not the URL. */
	buf_reset(&b);
	T_INTEQ(url_folder_index(&b, "../a/\" rel=\"x/\"", 5), 1);
	T_STREQ(buf_cstr(&b), "../a/index.html");
	buf_reset(&b);
	T_INTEQ(url_folder_index(&b, "x:y/\"", 4), 0);
	T_STREQ(buf_cstr(&b), "x:y/");
	buf_reset(&b);
	T_INTEQ(url_folder_index(&b, "ab/\":c", 3), 1);
	T_STREQ(buf_cstr(&b), "ab/index.html");
	buf_free(&b);
}

int
main(void)
{
	test_scheme();
	test_encode_decode();
	test_same_as_before();
	test_folder_index();
	return t_done("url");
}
