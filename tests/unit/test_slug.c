/*
 * test_slug.c - slug_make, slug_fold, utf8_valid, utf8_check, utf8_nfc.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "slug.h"
#include "t.h"

/* Checks f(s) == want and frees the result. */
#define T_SLUG(f, s, n, want) do {					\
	char *t_r_ = f((s), (n));					\
	T_STREQ(t_r_, (want));						\
	free(t_r_);							\
} while (0)
#define SLUG(s, want)	T_SLUG(slug_make, (s), strlen(s), (want))
#define FOLD(s, want)	T_SLUG(slug_fold, (s), strlen(s), (want))

static void
test_slug_basic(void)
{
	SLUG("Tuyên truyền cải cách hành chính năm 2025",
	    "tuyen-truyen-cai-cach-hanh-chinh-nam-2025");
	SLUG("Đề án", "de-an");
	SLUG("đường ĐÔ THỊ", "duong-do-thi");
	SLUG("Nghị định 30/2025/NĐ-CP", "nghi-dinh-30-2025-nd-cp");
	SLUG("Ủy ban nhân dân tỉnh Quảng Ngãi", "uy-ban-nhan-dan-tinh-quang-ngai");
	SLUG("Hỏi & đáp -- thủ tục??", "hoi-dap-thu-tuc");
	SLUG("  ...Xin chào!!!  ", "xin-chao");
	SLUG("a\xc2\xa0\xc2\xa0" "b", "a-b");	/* NBSP run */
	SLUG("ABC_def.123", "abc-def-123");
	SLUG("", "");
	SLUG("!!! ??? ...", "");
	SLUG("中文", "");
	/* Compatibility forms: ligature, superscript, fullwidth. */
	SLUG("\xef\xac\x81le m\xc2\xb2 \xef\xbc\xa1", "file-m2-a");
	/* Ð (U+00D0) typed for Đ by old input methods. */
	SLUG("\xc3\x90\xe1\xbb\x93ng", "dong");
}

static void
test_slug_nfd(void)
{
	/*
	 * NFD of "Tuyên truyền cải cách": e + U+0302, e + U+0302 + U+0300,
	 * a + U+0309, a + U+0301, written byte by byte so that no editor
	 * normalises them.
	 */
	const char nfd[] = "Tuye\xcc\x82n truye\xcc\x82\xcc\x80n ca\xcc\x89i ca\xcc\x81" "ch";
	const char nfc[] = "Tuy\xc3\xaan truy\xe1\xbb\x81n c\xe1\xba\xa3i c\xc3\xa1" "ch";
	char	*a, *b;

	T_INTEQ(strlen(nfd), 31);
	a = slug_make(nfd, strlen(nfd));
	b = slug_make(nfc, strlen(nfc));
	T_STREQ(a, "tuyen-truyen-cai-cach");
	T_STREQ(b, a);
	free(a);
	free(b);
	/* "Đề án" in NFD: Đ has no decomposition, ề is e + U+0302 + U+0300. */
	SLUG("\xc4\x90" "e\xcc\x82\xcc\x80 a\xcc\x81n", "de-an");
	/* A combining mark alone is dropped, not a separator. */
	SLUG("a\xcc\x81" "b", "ab");
}

static void
test_slug_invalid(void)
{
	/* Bad bytes separate words and never crash. */
	SLUG("abc\xff" "def", "abc-def");
	SLUG("\xc3", "");				/* truncated at the end */
	SLUG("ab\xe1\xbb", "ab");			/* truncated 3-byte */
	SLUG("\xc0\xaf" "x", "x");			/* overlong '/' */
	SLUG("a\xed\xa0\x80" "b", "a-b");		/* surrogate */
	SLUG("a\xf4\x90\x80\x80" "b", "a-b");	/* > U+10FFFF */
	SLUG("\x80\x80\x80", "");
	/* Embedded NUL is a separator, the length is what counts. */
	T_SLUG(slug_make, "ab\0cd", 5, "ab-cd");
	T_SLUG(slug_make, "abcdef", 3, "abc");
}

static void
test_fold(void)
{
	FOLD("  Chủ  TRÌ ", "chu tri");
	/* A combining mark alone after a space (found by fuzzing): it goes,
	   and the space is not doubled or left at the end. */
	FOLD("chủ \xcc\x80 trì", "chu tri");
	FOLD("chủ trì \xcc\x80", "chu tri");
	FOLD("Đề án số 06", "de an so 06");
	FOLD("Tuye\xcc\x82n truye\xcc\x82\xcc\x80n", "tuyen truyen");
	FOLD("a\xc2\xa0\t\n b", "a b");		/* NBSP, tab, newline */
	FOLD("Hỏi, đáp!", "hoi, dap!");		/* punctuation kept */
	FOLD("", "");
	FOLD(" \t ", "");
	FOLD("ΑΒΓ", "αβγ");			/* other scripts lower-cased */
	FOLD("한국", "한국");			/* Hangul recomposed */
	FOLD("x\xff" "y", "x\xef\xbf\xbdy");	/* bad byte -> U+FFFD */
	FOLD("\xc3\x90\xc3\xb4ng", "dong");
}

/* slug_make as it was before its tables: the reference for every cp. */
static void
ref_slug_cp(int32_t cp, struct buf *b, int *sep)
{
	int32_t			 dec[32];
	utf8proc_ssize_t	 nd, k;

	if (cp == 0x0110 || cp == 0x00D0) {
		dec[0] = 'D';
		nd = 1;
	} else if (cp == 0x0111 || cp == 0x00F0) {
		dec[0] = 'd';
		nd = 1;
	} else {
		nd = utf8proc_decompose_char(cp, dec, 32,
		    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
		if (nd < 1 || nd > 32) {
			dec[0] = cp;
			nd = 1;
		}
	}
	for (k = 0; k < nd; k++) {
		cp = dec[k];
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
			continue;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			if (*sep && b->len > 0)
				buf_putc(b, '-');
			*sep = 0;
			buf_putc(b, (int)cp);
		} else
			*sep = 1;
	}
}

/* The old slug_make over valid UTF-8. */
static char *
ref_slug_make(const char *s, size_t len)
{
	struct buf		 b = BUF_INIT;
	utf8proc_int32_t	 cp;
	utf8proc_ssize_t	 n;
	size_t			 i = 0;
	int			 sep = 0;

	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		i += (size_t)n;
		ref_slug_cp(cp, &b, &sep);
	}
	return buf_detach(&b);
}

/* Every code point up to U+2FFFF, after a few prefixes, then "b". */
static void
test_slug_all(void)
{
	static const char *const pre[] = { "", "a", "x ", "A\xcc\x81", "-" };
	struct buf		 in = BUF_INIT;
	utf8proc_uint8_t	 enc[4];
	int32_t			 cp;
	size_t			 k, bad = 0;
	char			*got, *want;

	for (cp = 1; cp < 0x30000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
			buf_reset(&in);
			buf_puts(&in, pre[k]);
			buf_put(&in, enc, (size_t)utf8proc_encode_char(cp, enc));
			buf_puts(&in, "b");
			got = slug_make(in.data, in.len);
			want = ref_slug_make(in.data, in.len);
			if (strcmp(got, want) != 0 && bad++ < 5)
				fprintf(stderr, "U+%04X after \"%s\": %s, want %s\n",
				    (unsigned)cp, pre[k], got, want);
			free(got);
			free(want);
		}
	}
	T_INTEQ(bad, 0);
	buf_free(&in);
}

/* slug_fold of every ASCII byte between letters, against the rules. */
static void
test_fold_ascii(void)
{
	char	 in[4], want[5];
	int	 c;

	for (c = 1; c < 0x80; c++) {
		snprintf(in, sizeof(in), "a%cB", c);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
		    c == '\f' || c == '\r')
			snprintf(want, sizeof(want), "a b");
		else
			snprintf(want, sizeof(want), "a%cb",
			    c >= 'A' && c <= 'Z' ? c + 32 : c);
		FOLD(in, want);
	}
}

static void
test_utf8_valid(void)
{
	size_t	 bad;

	T_INTEQ(utf8_valid("", 0, NULL), 1);
	T_INTEQ(utf8_valid("Việt Nam", strlen("Việt Nam"), NULL), 1);
	T_INTEQ(utf8_valid("\xf0\x9f\x98\x80", 4, NULL), 1);	/* U+1F600 */
	T_INTEQ(utf8_valid("\xf4\x8f\xbf\xbf", 4, NULL), 1);	/* U+10FFFF */
	T_INTEQ(utf8_valid("\xed\x9f\xbf", 3, NULL), 1);	/* U+D7FF */
	T_INTEQ(utf8_valid("\xee\x80\x80", 3, NULL), 1);	/* U+E000 */
	T_INTEQ(utf8_valid("a\0b", 3, NULL), 1);

	bad = 99;
	T_INTEQ(utf8_valid("ab\xc0\xaf", 4, &bad), 0);		/* overlong 2 */
	T_INTEQ(bad, 2);
	T_INTEQ(utf8_valid("\xe0\x80\xaf", 3, &bad), 0);	/* overlong 3 */
	T_INTEQ(bad, 0);
	T_INTEQ(utf8_valid("\xf0\x80\x80\xaf", 4, &bad), 0);	/* overlong 4 */
	T_INTEQ(utf8_valid("x\xed\xa0\x80", 4, &bad), 0);	/* U+D800 */
	T_INTEQ(bad, 1);
	T_INTEQ(utf8_valid("\xed\xbf\xbf", 3, NULL), 0);	/* U+DFFF */
	T_INTEQ(utf8_valid("\xf4\x90\x80\x80", 4, &bad), 0);	/* U+110000 */
	T_INTEQ(utf8_valid("\xf5\x80\x80\x80", 4, NULL), 0);
	T_INTEQ(utf8_valid("Vi\xe1\xbb", 4, &bad), 0);		/* truncated */
	T_INTEQ(bad, 2);
	T_INTEQ(utf8_valid("\xe1\xbb" "a", 3, &bad), 0);	/* cut short */
	T_INTEQ(bad, 0);
	T_INTEQ(utf8_valid("a\x80", 2, &bad), 0);		/* lone continuation */
	T_INTEQ(bad, 1);
	T_INTEQ(utf8_valid("\xff", 1, NULL), 0);
	/* The length is honoured: the bad byte past it is not looked at. */
	T_INTEQ(utf8_valid("ab\xff", 2, NULL), 1);
}

/* utf8_check reads 8 bytes at a time: put each case at every alignment. */
static void
test_utf8_check(void)
{
	char	 s[64];
	size_t	 at, k;
	int	 nfc;

	nfc = -1;
	T_INTEQ(utf8_check("", 0, &at, &nfc), UTF8_OK);
	T_INTEQ(nfc, 1);
	T_INTEQ(utf8_check("Việt Nam đã có", strlen("Việt Nam đã có"), &at,
	    &nfc), UTF8_OK);
	T_INTEQ(nfc, 1);
	for (k = 0; k < 20; k++) {
		memset(s, 'a', sizeof(s));
		s[k] = '\0';
		at = 99;
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_NUL);
		T_INTEQ(at, k);
		s[k + 3] = '\0';	/* the first NUL counts */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_NUL);
		T_INTEQ(at, k);
		/* Bad UTF-8 anywhere wins over an earlier NUL. */
		s[k + 11] = (char)0xff;
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_BAD);
		T_INTEQ(at, k + 11);
		/* Not looked at past the length. */
		T_INTEQ(utf8_check(s, k + 11, &at, &nfc), UTF8_NUL);

		memset(s, 'a', sizeof(s));
		memcpy(s + k, "e\xcc\x82", 3);	/* e + combining circumflex */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_OK);
		T_INTEQ(nfc, 0);
		T_INTEQ(utf8_check(s, k + 1, &at, &nfc), UTF8_OK);
		T_INTEQ(nfc, 1);
		memcpy(s + k, "\xe1\x84\x80", 3);	/* Hangul jamo U+1100 */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_OK);
		T_INTEQ(nfc, 0);
		memcpy(s + k, "\xf0\x9d\x85\xa5", 4);	/* U+1D165, class 216 */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_OK);
		T_INTEQ(nfc, 0);
		memcpy(s + k, "\xf0\x9f\x98\x80", 4);	/* U+1F600, class 0 */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_OK);
		T_INTEQ(nfc, 1);
		memset(s, 'a', sizeof(s));
		memcpy(s + k, "\xe1\xbb", 2);		/* cut short */
		T_INTEQ(utf8_check(s, 40, &at, &nfc), UTF8_BAD);
		T_INTEQ(at, k);
		T_INTEQ(utf8_valid(s, 40, &at), 0);
		T_INTEQ(at, k);
	}
}

static void
test_nfc(void)
{
	const char nfd[] = "Vie\xcc\xa3\xcc\x82t";	/* e + dot below + circumflex */
	char	*s;

	s = utf8_nfc(nfd, strlen(nfd));
	T_STREQ(s, "Vi\xe1\xbb\x87t");			/* Việt, U+1EC7 */
	free(s);
	/* Marks in the other order give the same NFC (canonical ordering). */
	s = utf8_nfc("Vie\xcc\x82\xcc\xa3t", 8);
	T_STREQ(s, "Vi\xe1\xbb\x87t");
	free(s);
	s = utf8_nfc("Đã NFC", strlen("Đã NFC"));
	T_STREQ(s, "Đã NFC");
	free(s);
	s = utf8_nfc("", 0);
	T_STREQ(s, "");
	free(s);
	T_OK(utf8_nfc("a\xff", 2) == NULL);
	T_OK(utf8_nfc("\xed\xa0\x80", 3) == NULL);
}

int
main(void)
{
	test_slug_basic();
	test_slug_nfd();
	test_slug_invalid();
	test_fold();
	test_slug_all();
	test_fold_ascii();
	test_utf8_valid();
	test_utf8_check();
	test_nfc();
	return t_done("slug");
}
