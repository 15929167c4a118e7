/*
 * test_searchnorm.c - the search normalisation (searchnorm.h) as
 * docs/search.md "Normalisation" states it: atoms, exact and folded
 * forms, đ, the i/y rule, NFD input, compounds (document numbers, codes),
 * positions, the 40-byte limit, bad UTF-8, and the tokens' lifetime.
 *
 * Tokens are shown as "exact/fold@pos", a joined form with a leading "+",
 * separated by spaces, so one string says everything about a call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "searchnorm.h"
#include "t.h"

static struct snorm	 sn;

/* The tokens of text[0..len) as one string (valid until the next call). */
static const char *
show_n(const char *text, size_t len)
{
	static struct buf	 b = BUF_INIT;
	size_t			 i, n;

	buf_reset(&b);
	n = snorm_tokens(&sn, text, len);
	T_INTEQ(n, sn.n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s/%s@%u", i ? " " : "",
		    sn.v[i].joined ? "+" : "", sn.v[i].exact, sn.v[i].fold,
		    sn.v[i].pos);
	return buf_cstr(&b);
}

static const char *
show(const char *text)
{
	return show_n(text, strlen(text));
}

#define TOKS(text, want)	T_STREQ(show(text), (want))

/* snorm_fold(w) == want, and the same as w's only atom's fold. */
#define FOLD(w, want) do {						\
	char *f_ = snorm_fold((w), strlen(w));				\
	T_STREQ(f_, (want));						\
	free(f_);							\
} while (0)

static void
test_dstroke(void)
{
	TOKS("được", "được/duoc@0");
	TOKS("ĐƯỢC Đà Nẵng", "được/duoc@0 đà/da@1 nẵng/nang@2");
	TOKS("đ Đ", "đ/d@0 đ/d@1");
	FOLD("Được", "duoc");
	FOLD("đăng", "dang");
	/* Only đ is spelled out: the Icelandic eth stays a letter. */
	TOKS("ð", "ð/ð@0");
}

static void
test_iy(void)
{
	/* The variants fold alike, their exact forms stay apart. */
	TOKS("kí ký KÝ", "kí/ki@0 ký/ki@1 ký/ki@2");
	TOKS("quí quý", "quí/qui@0 quý/qui@1");
	TOKS("lí lý", "lí/li@0 lý/li@1");
	TOKS("mĩ mỹ", "mĩ/mi@0 mỹ/mi@1");
	TOKS("hy ty ky my", "hy/hi@0 ty/ti@1 ky/ki@2 my/mi@3");
	TOKS("đăng ký", "đăng/dang@0 ký/ki@1");
	/* After a vowel, alone, or not all a-z: unchanged. */
	TOKS("thủy tay ý y", "thủy/thuy@0 tay/tay@1 ý/y@2 y/y@3");
	TOKS("truy huy khuya", "truy/truy@0 huy/huy@1 khuya/khuya@2");
	TOKS("2y ny2", "2y/2y@0 ny2/ny2@1");
	/* "quy" and "uy" after q: qu is a consonant. */
	TOKS("quỳ tuy", "quỳ/qui@0 tuy/tuy@1");
	FOLD("KÝ", "ki");
	FOLD("quý", "qui");
	FOLD("thủy", "thuy");
	FOLD("y", "y");
}

static void
test_nfd(void)
{
	/*
	 * "được" decomposed: đ, u + U+031B, o + U+031B + U+0323, c; and with
	 * the two marks of ợ in the other order (NFC puts them back).
	 */
	const char	 nfd[] = "\xc4\x91u\xcc\x9bo\xcc\x9b\xcc\xa3" "c";
	const char	 odd[] = "\xc4\x91u\xcc\x9bo\xcc\xa3\xcc\x9b" "c";
	const char	 nfc[] = "\xc4\x91\xc6\xb0\xe1\xbb\xa3" "c";
	char		*a;

	T_STREQ(show(nfd), "được/duoc@0");
	T_STREQ(show(odd), "được/duoc@0");
	a = strdup(show(nfc));
	T_STREQ(show(nfd), a);
	free(a);
	/* "Thủ tục" in NFD, upper case, inside a sentence. */
	TOKS("THU\xcc\x89 tu\xcc\xa3" "c, ha\xcc\x80nh chi\xcc\x81nh.",
	    "thủ/thu@0 tục/tuc@1 hành/hanh@2 chính/chinh@3");
	FOLD("ky\xcc\x81", "ki");
	/* A mark after a separator is a word character of its own atom,
	   whose folded form is empty: no token, but its position is used. */
	TOKS("a \xcc\x81 b", "a/a@0 b/b@2");
}

static void
test_case(void)
{
	TOKS("CẢI CÁCH Hành Chính", "cải/cai@0 cách/cach@1 hành/hanh@2 "
	    "chính/chinh@3");
	TOKS("ỦY BAN", "ủy/uy@0 ban/ban@1");
	/* Simple case mapping: İ is i, not i + U+0307; Σ is σ anywhere. */
	TOKS("İ ΟΔΟΣ", "i/i@0 οδοσ/οδοσ@1");
}

static void
test_compounds(void)
{
	TOKS("Kế hoạch 19/KH-UBND năm 2025",
	    "kế/ke@0 hoạch/hoach@1 19/19@2 kh/kh@3 ubnd/ubnd@4 "
	    "+19khubnd/19khubnd@2 năm/nam@5 2025/2025@6");
	TOKS("mã 1.004698", "mã/ma@0 1/1@1 004698/004698@2 "
	    "+1004698/1004698@1");
	TOKS("1004698", "1004698/1004698@0");
	TOKS("Nghị định 30/2025/NĐ-CP.",
	    "nghị/nghi@0 định/dinh@1 30/30@2 2025/2025@3 nđ/nd@4 cp/cp@5 "
	    "+302025nđcp/302025ndcp@2");
	TOKS("NĐ-CP", "nđ/nd@0 cp/cp@1 +nđcp/ndcp@0");
	/* A trailing or leading joiner joins nothing. */
	TOKS("năm 2025.", "năm/nam@0 2025/2025@1");
	TOKS("-a- /b/", "a/a@0 b/b@1");
	/* Two joiners, or a joiner and a space, break the compound. */
	TOKS("a..b", "a/a@0 b/b@1");
	TOKS("a.-b", "a/a@0 b/b@1");
	TOKS("a. b", "a/a@0 b/b@1");
	TOKS("a.b..c.d", "a/a@0 b/b@1 +ab/ab@0 c/c@2 d/d@3 +cd/cd@2");
	/* Only . / - join. */
	TOKS("a_b a,b a:b", "a/a@0 b/b@1 a/a@2 b/b@3 a/a@4 b/b@5");
	/* i/y applies to each atom; the joined form is their folds. */
	TOKS("Ký-Mỹ", "ký/ki@0 mỹ/mi@1 +kýmỹ/kimi@0");
}

static void
test_limits(void)
{
	char	 long41[64], long40[64];

	memset(long40, 'a', 40);
	long40[40] = '\0';
	memset(long41, 'b', 41);
	long41[41] = '\0';
	T_INTEQ(snorm_tokens(&sn, long40, 40), 1);
	T_INTEQ(strlen(sn.v[0].fold), 40);
	T_INTEQ(snorm_tokens(&sn, long41, 41), 0);
	/* A dropped atom keeps its position: no bigram across it. */
	{
		char	 t[128];

		snprintf(t, sizeof(t), "x %s y", long41);
		TOKS(t, "x/x@0 y/y@2");
		/* In a compound: its atoms stay, the joined form is too long. */
		snprintf(t, sizeof(t), "x-%s", long40);
		T_INTEQ(snorm_tokens(&sn, t, strlen(t)), 2);
		T_INTEQ(sn.v[1].pos, 1);
		T_OK(!sn.v[0].joined && !sn.v[1].joined);
	}
	/* 40 bytes folded from 20 letters with diacritics: kept. */
	TOKS("ưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưư",
	    "ưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưư/"
	    "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu@0");
	T_INTEQ(snorm_tokens(&sn, "", 0), 0);
	T_INTEQ(snorm_tokens(&sn, NULL, 0), 0);
	TOKS("  ... -- // !!", "");
	FOLD("", "");
}

static void
test_invalid(void)
{
	/* Bad bytes separate words and never stop the cut. */
	T_STREQ(show_n("a\xff" "b", 3), "a/a@0 b/b@1");
	T_STREQ(show_n("\xc3", 1), "");
	T_STREQ(show_n("c\xc3", 2), "c/c@0");
	T_STREQ(show_n("\xe1\xbb" "d", 3), "d/d@0");
	/* An overlong "/" and a surrogate: separators, no compound. */
	T_STREQ(show_n("1\xc0\xaf" "2", 4), "1/1@0 2/2@1");
	T_STREQ(show_n("x\xed\xa0\x80y", 5), "x/x@0 y/y@1");
	/* A compound up to the bad byte; NFD after it is still composed. */
	{
		const char	 t[] = "1-2\xff-3 \xc4\x91u\xcc\x9bo\xcc\x9b\xcc\xa3" "c";

		T_STREQ(show_n(t, sizeof(t) - 1),
		    "1/1@0 2/2@1 +12/12@0 3/3@2 được/duoc@3");
	}
	/* A NUL byte is a separator like any control character. */
	T_STREQ(show_n("a\0b", 3), "a/a@0 b/b@1");
	/* snorm_fold leaves bad bytes out. */
	{
		char	*f = snorm_fold("k\xff\xc3\xbd", 4);

		T_STREQ(f, "ki");
		free(f);
	}
}

static void
test_scripts(void)
{
	/* Other scripts are words too; CJK runs are one atom. */
	TOKS("Привет мир", "привет/привет@0 мир/мир@1");
	TOKS("中文 abc", "中文/中文@0 abc/abc@1");
	/* Emoji and symbols are separators; digits of other scripts count. */
	TOKS("a😀b ½ ٣", "a/a@0 b/b@1 ٣/٣@2");
	/* A Hangul syllable folds to its jamo (NFD, nothing dropped). */
	TOKS("한", "한/\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab@0");
	/*
	 * Singletons NFC replaces even in text with no combining mark:
	 * U+1F71 (ά, oxia) is U+03AC, U+F900 is U+8C48, U+0958 is U+0915
	 * U+093C; the Ohm sign U+2126 is ω in lower case.
	 */
	TOKS("\xe1\xbd\xb1", "\xce\xac/\xce\xb1@0");
	TOKS("\xef\xa4\x80", "\xe8\xb1\x88/\xe8\xb1\x88@0");
	TOKS("\xe0\xa5\x98", "\xe0\xa4\x95\xe0\xa4\xbc/\xe0\xa4\x95@0");
	TOKS("\xe2\x84\xa6", "\xcf\x89/\xcf\x89@0");
	/* Non-breaking and other spaces separate. */
	TOKS("a\xc2\xa0" "b\xe2\x80\xaf" "c", "a/a@0 b/b@1 c/c@2");
}

/* Each token's lengths, hashes and `same` are its strings'. */
static int
fields_right(const struct snorm *x)
{
	size_t	 i;

	for (i = 0; i < x->n; i++) {
		const struct snorm_tok *t = &x->v[i];

		if (t->elen != strlen(t->exact) || t->flen != strlen(t->fold) ||
		    t->ehash != snorm_fnv1a(t->exact, t->elen) ||
		    t->fhash != snorm_fnv1a(t->fold, t->flen) ||
		    t->same != (strcmp(t->exact, t->fold) == 0))
			return 0;
	}
	return 1;
}

/*
 * Text that is NFC and valid is cut as it is, checked on the way; a bad
 * byte or a character NFC might change sends it down the checked path.
 * Both give the same tokens, and so do the atoms remembered from before.
 */
static void
test_paths(void)
{
	struct buf	 t = BUF_INIT, u = BUF_INIT;
	char		*a, *b;
	size_t		 i;

	buf_puts(&t, "Thủ tục “hành chính” – Kế hoạch 19/KH-UBND… "
	    "QUÝ II - III/2025; Ủy ban nhân dân, mã 1.004698, ĐƯỢC kí, "
	    "Đà Nẵng 中文 Привет ٣ a\xc2\xa0" "b İ ΟΔΟΣ \xe1\xbd\xb1" " quý-mỹ ");
	for (i = 0; i < 130; i++)	/* an atom too long to remember */
		buf_puts(&t, "ư");
	buf_puts(&t, " x-");
	for (i = 0; i < 129; i++)
		buf_putc(&t, 'a');
	buf_puts(&t, " kết");
	a = strdup(show_n(t.data, t.len));
	T_OK(fields_right(&sn));
	T_STREQ(show_n(t.data, t.len), a);	/* remembered: the same */
	/* A bad byte at the end: the checked path, the same tokens. */
	buf_puts(&u, t.data);
	buf_puts(&u, " \xff");
	T_STREQ(show_n(u.data, u.len), a);
	T_OK(fields_right(&sn));
	/* A decomposed letter at the end: normalised, one token more. */
	buf_reset(&u);
	buf_puts(&u, t.data);
	buf_puts(&u, " ke\xcc\x82\xcc\x81" "t");
	b = strdup(show_n(u.data, u.len));
	T_OK(strncmp(b, a, strlen(a)) == 0);
	T_STREQ(b + strlen(a), " kết/ket@38");
	T_OK(fields_right(&sn));
	free(a);
	free(b);
	/*
	 * An atom remembered from the checked path is not taken by bytes
	 * on the unchecked one: "\u0338x" after a bad byte is an atom as it
	 * is, but after "=" NFC makes "=\u0338" one character, U+2260.
	 */
	a = strdup(show("\xe2\x89\xa0x"));
	T_STREQ(show("\xff \xcc\xb8x"), "\xcc\xb8x/x@0");
	T_STREQ(show("=\xcc\xb8x"), a);
	free(a);
	/* More atoms than are remembered: emptied before the next call. */
	buf_reset(&t);
	for (i = 0; i < 300000; i++)
		buf_printf(&t, "%zu ", i);
	T_INTEQ(snorm_tokens(&sn, t.data, t.len), 300000);
	i = sn.memo.epoch;
	T_STREQ(show("Kết quả 2025"), "kết/ket@0 quả/qua@1 2025/2025@2");
	T_INTEQ(sn.memo.epoch, i + 1);
	T_OK(sn.memo.n == 3);
	T_OK(fields_right(&sn));
	buf_free(&t);
	buf_free(&u);
}

static void
test_lifetime(void)
{
	struct snorm	 other;
	const char	*e;
	size_t		 i;
	struct buf	 big = BUF_INIT;

	/* Strings are the struct's own: they survive a call on another. */
	snorm_init(&other);
	snorm_tokens(&sn, "Đà Lạt", strlen("Đà Lạt"));
	e = sn.v[1].exact;
	snorm_tokens(&other, "khác hẳn", strlen("khác hẳn"));
	T_STREQ(e, "lạt");
	T_STREQ(sn.v[1].fold, "lat");
	/* A second call replaces the tokens, positions start at 0 again;
	   a long text makes the pool grow (and move) while it is cut. */
	for (i = 0; i < 5000; i++)
		buf_puts(&big, "Thủ tục hành chính 1.004698 ");
	T_INTEQ(snorm_tokens(&sn, big.data, big.len), 5000 * 7);
	T_INTEQ(sn.v[0].pos, 0);
	T_STREQ(sn.v[0].exact, "thủ");
	T_STREQ(sn.v[5000 * 7 - 1].fold, "1004698");
	T_INTEQ(sn.v[5000 * 7 - 1].pos, 4999 * 6 + 4);
	T_OK(sn.v[5000 * 7 - 1].joined);
	T_STREQ(sn.v[5000 * 7 - 2].exact, "004698");
	/* A joined form's strings are inside the pool and NUL-terminated
	   there; an atom's are the ones every token of that atom shares. */
	{
		int	 in = 1, shared = 1;

		for (i = 0; i < sn.n; i++) {
			if (sn.v[i].atom == SNORM_NOATOM &&
			    (sn.v[i].exact < sn.pool ||
			    sn.v[i].fold + strlen(sn.v[i].fold) >=
			    sn.pool + sn.pool_len))
				in = 0;
			if (i >= 7 && sn.v[i].atom != SNORM_NOATOM &&
			    (sn.v[i].atom != sn.v[i - 7].atom ||
			    sn.v[i].exact != sn.v[i - 7].exact ||
			    sn.v[i].fold != sn.v[i - 7].fold))
				shared = 0;
		}
		T_OK(in);
		T_OK(shared);
		T_OK(sn.v[0].atom != SNORM_NOATOM);
		T_OK(sn.v[6].joined && sn.v[6].atom == SNORM_NOATOM);
	}
	snorm_tokens(&sn, "x", 1);
	T_INTEQ(sn.n, 1);
	T_STREQ(sn.v[0].exact, "x");
	T_INTEQ(sn.v[0].pos, 0);
	snorm_free(&other);
	T_OK(other.v == NULL && other.pool == NULL && other.n == 0);
	buf_free(&big);
}

/* Tokens of text as show_n() writes them, cut by s. */
static void
show_with(struct snorm *s, const char *text, size_t len, struct buf *b)
{
	size_t	 i, n;

	buf_reset(b);
	n = snorm_tokens(s, text, len);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s%s/%s@%u", i ? " " : "",
		    s->v[i].joined ? "+" : "", s->v[i].exact, s->v[i].fold,
		    s->v[i].pos);
}

/*
 * Remembered atoms are found by the run of bytes that may be a word's,
 * eight bytes a step: a run ending at any byte, at any offset of a step,
 * cuts as it does where no atom is remembered yet.
 */
static void
test_runs(void)
{
	static const char *const words[] = { "ab", "Ab9", "hành", "x",
	    "abcdefg", "abcdefgh", "abcdefghi", "đượcđược" };
	struct snorm	 warm, cold;
	struct buf	 text = BUF_INIT, w = BUF_INIT, c = BUF_INIT;
	size_t		 k, o, v, j, bad = 0;

	snorm_init(&warm);
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		for (o = 0; o < 9; o++)
			for (v = 1; v < 256; v++) {
				buf_reset(&text);
				for (j = 0; j < o; j++)
					buf_puts(&text, "z ");
				buf_puts(&text, words[k]);
				buf_putc(&text, (int)v);
				buf_puts(&text, words[k]);
				buf_puts(&text, " q");
				/* Warm: the words are remembered from the last
				   texts; cold: a new memory, nothing known. */
				snorm_init(&cold);
				show_with(&warm, text.data, text.len, &w);
				show_with(&cold, text.data, text.len, &c);
				snorm_free(&cold);
				if (strcmp(buf_cstr(&w), buf_cstr(&c)) != 0 &&
				    bad++ == 0)
					T_STREQ(buf_cstr(&w), buf_cstr(&c));
			}
	T_INTEQ(bad, 0);
	snorm_free(&warm);
	buf_free(&text);
	buf_free(&w);
	buf_free(&c);
}

int
main(void)
{
	snorm_init(&sn);
	test_dstroke();
	test_iy();
	test_nfd();
	test_case();
	test_compounds();
	test_limits();
	test_invalid();
	test_scripts();
	test_paths();
	test_lifetime();
	test_runs();
	snorm_free(&sn);
	return t_done("searchnorm");
}
